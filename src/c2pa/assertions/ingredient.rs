//! Ingredient assertions v1, v2 (`c2pa_manifest`) and v3 (`activeManifest`) (C2PA 2.2 §18.4).

use crate::c2pa::cbor::Value;
use crate::c2pa::claim::HashedUri;

/// What a reader needs from an ingredient assertion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngredientInfo<'a> {
    /// `dc:title`.
    pub title: Option<String>,
    /// `parentOf`, `componentOf` or `inputTo`.
    pub relationship: Option<String>,
    /// `dc:format`.
    pub format: Option<String>,
    /// The hashed URI of its manifest in this store.
    pub manifest: Option<HashedUri<'a>>,
    /// A 2.4 `digitalSourceType` on the ingredient itself.
    pub digital_source_type: Option<String>,
    /// Failure codes recorded when the ingredient was added (v1/v2 `validationStatus`, v3
    /// `validationResults`).
    pub recorded: Vec<String>,
}

/// Read an ingredient assertion.
pub fn parse<'a>(v: &Value<'a>) -> IngredientInfo<'a> {
    let text = |k: &str| v.get(k).and_then(Value::as_text).map(str::to_owned);
    IngredientInfo {
        title: text("dc:title"),
        relationship: text("relationship"),
        format: text("dc:format"),
        manifest: v
            .get("activeManifest")
            .or_else(|| v.get("c2pa_manifest"))
            .and_then(HashedUri::from_value),
        digital_source_type: text("digitalSourceType"),
        recorded: recorded(v),
    }
}

fn codes(list: Option<&Value<'_>>, out: &mut Vec<String>) {
    for s in list.and_then(Value::as_array).unwrap_or_default() {
        if let Some(c) = s.get("code").and_then(Value::as_text) {
            out.push(c.to_owned());
        }
    }
}

fn recorded(v: &Value<'_>) -> Vec<String> {
    let mut out = Vec::new();
    codes(v.get("validationStatus"), &mut out);
    if let Some(r) = v.get("validationResults") {
        codes(
            r.get("activeManifest").and_then(|a| a.get("failure")),
            &mut out,
        );
        for d in r
            .get("ingredientDeltas")
            .and_then(Value::as_array)
            .unwrap_or_default()
        {
            codes(
                d.get("validationDeltas").and_then(|x| x.get("failure")),
                &mut out,
            );
        }
    }
    out
}
