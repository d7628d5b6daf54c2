//! The wasm facade of the report renderer: `htmlReport(items, context)` and
//! `provenanceSvg(report, id)`, over the crate's `src/export/` (the same files, included by
//! path). The page loads this module only when it needs it (www/js/export.js).
#![allow(missing_docs)]

#[path = "../../../src/export/mod.rs"]
#[allow(dead_code)]
mod export;

use wasm_bindgen::prelude::*;

/// The ailabel version this renderer was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The HTML report of checked files: `items` is an array of `{name, report, thumbnail?}` (a
/// report as the checker returned it; a thumbnail as a `data:image/...;base64,` URI), `context`
/// is `{checkedAt, verifyTime?, toolVersion, toolKind, toolSha256?, trustLists: [{name, kind,
/// sha256, fetched?, certificates?}]}`.
///
/// # Errors
/// A JS `Error` when `items` or `context` is not of that shape.
#[wasm_bindgen(js_name = htmlReport)]
pub fn html_report(items: JsValue, context: JsValue) -> Result<String, JsError> {
    let items: Vec<export::Item> = serde_wasm_bindgen::from_value(items)
        .map_err(|e| JsError::new(&format!("invalid report items: {e}")))?;
    let context: export::Context = if context.is_undefined() || context.is_null() {
        export::Context::default()
    } else {
        serde_wasm_bindgen::from_value(context)
            .map_err(|e| JsError::new(&format!("invalid report context: {e}")))?
    };
    Ok(export::html_report(&items, &context))
}

/// The provenance picture of a report as SVG markup (the same the HTML report holds), or
/// `undefined` when the report has no Content Credentials. `id` prefixes the ids inside it.
///
/// # Errors
/// A JS `Error` when `report` cannot be read as JSON.
#[wasm_bindgen(js_name = provenanceSvg)]
pub fn provenance_svg(report: JsValue, id: String) -> Result<Option<String>, JsError> {
    let report: serde_json::Value = serde_wasm_bindgen::from_value(report)
        .map_err(|e| JsError::new(&format!("invalid report: {e}")))?;
    Ok(export::provenance_svg(&report, &id))
}
