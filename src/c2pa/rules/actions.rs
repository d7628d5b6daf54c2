//! The actions rules (C2PA 2.2 §15.9 "validate the actions"), as c2pa-rs 0.91
//! `Claim::verify_actions` applies them. They apply to v2 claims; a v1 claim may only not hold
//! more than one actions assertion.
//!
//! - the first actions assertion (created, else gathered) must start with `c2pa.created` or
//!   `c2pa.opened`, unless the manifest is an update manifest; no other actions assertion may
//!   hold either;
//! - `c2pa.opened` names its `parentOf` ingredient, `c2pa.placed` and `c2pa.removed` a
//!   `componentOf` one, through `parameters.ingredient(s)`; `c2pa.transcoded` and
//!   `c2pa.repackaged` that name an ingredient must name a `parentOf` one;
//! - `c2pa.created` needs a `digitalSourceType`;
//! - `c2pa.translated` needs `sourceLanguage` and `targetLanguage`.
//!
//! A rule that several actions of one assertion break is reported once for that assertion,
//! with the count (c2pa-rs reports it for each action).

use super::{Facts, Finding, Listed};
use crate::c2pa::binding::base_label;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;

const CREATED: &str = "c2pa.created";
const OPENED: &str = "c2pa.opened";

/// True for an actions assertion label (`c2pa.actions`, `c2pa.actions.v2`, any instance).
pub(super) fn is_actions(label: &str) -> bool {
    matches!(base_label(label), "c2pa.actions" | "c2pa.actions.v2")
}

/// One actions assertion with its decoded `actions` array.
struct Assertion<'l, 'v> {
    listed: &'l Listed<'v>,
    actions: &'l [Value<'v>],
}

fn starts_a_history(a: &Assertion<'_, '_>) -> bool {
    let first = a.actions.first().and_then(|x| x.get("action"));
    matches!(first.and_then(Value::as_text), Some(CREATED | OPENED))
}

pub(super) fn check(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let all: Vec<&Listed<'_>> = f.listed.iter().filter(|l| is_actions(l.label)).collect();
    if f.claim_version < 2 {
        if all.len() > 1 {
            out.push(Finding {
                code: st::ASSERTION_ACTION_MALFORMED,
                detail: format!(
                    "a v1 claim may hold one actions assertion, not {}",
                    all.len()
                ),
                url: None,
            });
        }
        return;
    }
    let mut decoded = Vec::new();
    for l in all {
        match &l.content {
            // Not found: already reported as assertion.missing.
            None => {}
            Some(Err(why)) => out.push(Finding {
                code: st::ASSERTION_CBOR_INVALID,
                detail: format!("the actions assertion does not decode: {why}"),
                url: f.url(l.label),
            }),
            Some(Ok(v)) => match v.get("actions").and_then(Value::as_array) {
                Some([]) | None => {
                    // c2pa-rs stops checking actions here ("failure full stop").
                    out.push(Finding {
                        code: st::ASSERTION_ACTION_MALFORMED,
                        detail: "the actions assertion has no actions".to_owned(),
                        url: f.url(l.label),
                    });
                    return;
                }
                Some(actions) => decoded.push(Assertion { listed: l, actions }),
            },
        }
    }
    // The created list is searched first, then the gathered one, which wins if it qualifies.
    let mut first = None;
    for created in [true, false] {
        if let Some((i, a)) = decoded
            .iter()
            .enumerate()
            .find(|(_, a)| a.listed.created == created)
        {
            if starts_a_history(a) {
                first = Some(i);
            }
        }
    }
    if first.is_none() && !f.update {
        out.push(Finding {
            code: st::ASSERTION_ACTION_MALFORMED,
            detail: "the first action of a v2 claim must be c2pa.created or c2pa.opened".to_owned(),
            url: None,
        });
    }
    for (i, a) in decoded.iter().enumerate() {
        // Each broken rule is reported once per assertion, with how many of its actions break
        // it (the details name no more than the rule, so they are few). c2pa-rs logs a status
        // for each action (`verify_actions`): 70,000 failing actions made 70,000 statuses.
        let start = out.len();
        let mut counts: Vec<usize> = Vec::new();
        for action in a.actions {
            for (code, detail) in action_findings(f, action, i, first) {
                let mut same = out.get(start..).unwrap_or_default().iter();
                let seen = same.position(|k| k.code == code && k.detail == detail);
                match seen.and_then(|n| counts.get_mut(n)) {
                    Some(n) => *n = n.saturating_add(1),
                    None => {
                        out.push(Finding {
                            code,
                            detail,
                            url: f.url(a.listed.label),
                        });
                        counts.push(1);
                    }
                }
            }
        }
        let kept = out.get_mut(start..).unwrap_or_default();
        for (k, n) in kept.iter_mut().zip(counts) {
            if n > 1 {
                k.detail = format!("{}; in {n} actions of this assertion", k.detail);
            }
        }
    }
}

/// The rules for one action of the `index`th actions assertion.
fn action_findings(
    f: &Facts<'_>,
    action: &Value<'_>,
    index: usize,
    first: Option<usize>,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let name = action
        .get("action")
        .and_then(Value::as_text)
        .unwrap_or_default();
    let params = action.get("parameters").filter(|p| p.as_map().is_some());
    if name.is_empty() {
        out.push((
            st::ASSERTION_ACTION_MALFORMED,
            "an action has no name".to_owned(),
        ));
    }
    let begins = name == CREATED || name == OPENED;
    if begins && first.is_some_and(|fi| fi != index) {
        out.push((
            st::ASSERTION_ACTION_MALFORMED,
            format!("{name} may appear only in the first actions assertion"),
        ));
    }
    if begins && index != 0 {
        out.push((
            st::ASSERTION_ACTION_MALFORMED,
            format!("{name} must be in the first actions assertion"),
        ));
    }
    if matches!(name, OPENED | "c2pa.placed" | "c2pa.removed") {
        let want = if name == OPENED {
            "parentOf"
        } else {
            "componentOf"
        };
        match referenced(params) {
            None => out.push((
                st::ASSERTION_ACTION_INGREDIENT_MISMATCH,
                format!("{name} has no ingredient or ingredients parameter"),
            )),
            Some(labels) => {
                if params
                    .and_then(|p| p.get("ingredients"))
                    .and_then(Value::as_array)
                    .is_some_and(<[Value<'_>]>::is_empty)
                {
                    out.push((
                        st::ASSERTION_ACTION_INGREDIENT_MISMATCH,
                        format!("{name} has an empty ingredients parameter"),
                    ));
                }
                if !labels.iter().any(|l| names_ingredient(f, l, want)) {
                    out.push((
                        st::ASSERTION_ACTION_INGREDIENT_MISMATCH,
                        format!("{name} does not name a {want} ingredient of this manifest"),
                    ));
                }
            }
        }
    }
    if name == CREATED && action.get("digitalSourceType").is_none() {
        out.push((
            st::ASSERTION_ACTION_MALFORMED,
            "c2pa.created has no digitalSourceType".to_owned(),
        ));
    }
    if name == "c2pa.translated" {
        let lang = |k: &str| {
            params
                .and_then(|p| p.get(k))
                .and_then(Value::as_text)
                .is_some_and(|s| !s.is_empty())
        };
        if !lang("sourceLanguage") || !lang("targetLanguage") {
            out.push((
                st::ASSERTION_ACTION_MALFORMED,
                "c2pa.translated needs sourceLanguage and targetLanguage".to_owned(),
            ));
        }
    }
    if matches!(name, "c2pa.transcoded" | "c2pa.repackaged") {
        if let Some(labels) = referenced(params) {
            if !labels.iter().any(|l| names_ingredient(f, l, "parentOf")) {
                out.push((
                    st::ASSERTION_ACTION_INGREDIENT_MISMATCH,
                    format!("{name} names an ingredient that is not parentOf"),
                ));
            }
        }
    }
    out
}

/// The assertion labels named by `parameters.ingredient`, else by `parameters.ingredients`;
/// `None` when neither parameter is there.
fn referenced(params: Option<&Value<'_>>) -> Option<Vec<String>> {
    let p = params?;
    let url = |h: &Value<'_>| {
        h.get("url")
            .and_then(Value::as_text)
            .and_then(assertion_label_from_uri)
    };
    if let Some(h) = p.get("ingredient") {
        return Some(url(h).into_iter().collect());
    }
    let list = p.get("ingredients")?.as_array().unwrap_or_default();
    Some(list.iter().filter_map(url).collect())
}

/// True if `label` is an ingredient assertion of this claim with relationship `want` (an absent
/// relationship reads as `componentOf`, the default of §18.4).
fn names_ingredient(f: &Facts<'_>, label: &str, want: &str) -> bool {
    f.ingredients().any(|i| {
        i.label == label
            && matches!(&i.content, Some(Ok(_)))
            && Facts::relationship(i).unwrap_or("componentOf") == want
    })
}

/// The assertion label a JUMBF URI points to (c2pa-rs `assertion_label_from_uri`):
/// `self#jumbf=/c2pa/<manifest>/c2pa.assertions/<label>` or `self#jumbf=c2pa.assertions/<label>`.
fn assertion_label_from_uri(uri: &str) -> Option<String> {
    let raw = uri.split('=').nth(1).unwrap_or(uri);
    let raw = if raw.starts_with("c2pa/") {
        format!("/{raw}")
    } else {
        raw.to_owned()
    };
    let parts: Vec<&str> = raw.split('/').collect();
    let part = |i: usize| parts.get(i).copied();
    if parts.len() > 4
        && part(1) == Some("c2pa")
        && matches!(part(3), Some("c2pa.assertions" | "c2pa.databoxes"))
    {
        return part(4).map(str::to_owned);
    }
    if parts.len() > 1 && part(0) == Some("c2pa.assertions") {
        return part(1).map(str::to_owned);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::assertion_label_from_uri as label;

    #[test]
    fn reads_assertion_labels_from_uris() {
        assert_eq!(
            label("self#jumbf=c2pa.assertions/c2pa.ingredient.v3").as_deref(),
            Some("c2pa.ingredient.v3")
        );
        assert_eq!(
            label("self#jumbf=/c2pa/urn:c2pa:x/c2pa.assertions/c2pa.ingredient__1").as_deref(),
            Some("c2pa.ingredient__1")
        );
        assert_eq!(label("self#jumbf=c2pa.assertions"), None);
        assert_eq!(label("self#jumbf=/c2pa/urn:c2pa:x/c2pa.signature"), None);
    }
}
