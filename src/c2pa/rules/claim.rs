//! Claim-level structure rules (C2PA 2.2 §15.6, §10.5), as c2pa-rs 0.91 `claim.rs` applies
//! them: the manifest label of a v2 claim, its `claim_generator_info`, the number of parents,
//! and what an update manifest may hold.

use super::{Facts, Finding};
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;

/// The actions an update manifest may carry (c2pa-rs `ALLOWED_UPDATE_MANIFEST_ACTIONS`).
const UPDATE_ACTIONS: &[&str] = &[
    "c2pa.edited.metadata",
    "c2pa.opened",
    "c2pa.published",
    "c2pa.redacted",
];

pub(super) fn check(f: &Facts<'_>, out: &mut Vec<Finding>) {
    if f.claim_version >= 2 {
        if !super::label::is_well_formed(f.label) {
            out.push(Finding {
                code: st::CLAIM_MALFORMED,
                detail: format!(
                    "the manifest label {:?} is not of the form urn:c2pa:<guid>[:<vendor>[:<version>]]",
                    f.label
                ),
                url: None,
            });
        }
        generator_info(f, out);
    }
    let parents = f.parent_count();
    if f.update {
        update_manifest(f, parents, out);
    } else if parents > 1 {
        out.push(Finding {
            code: st::MANIFEST_MULTIPLE_PARENTS,
            detail: format!("{parents} ingredients are parentOf; at most one may be"),
            url: None,
        });
    }
}

/// A v2 claim needs `claim_generator_info` with a non-empty `name` (§10.3.2.2).
fn generator_info(f: &Facts<'_>, out: &mut Vec<Finding>) {
    let first = match f.claim.get("claim_generator_info") {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    let problem = match first {
        None => Some("the v2 claim has no claim_generator_info"),
        Some(info) => match info.get("name").and_then(Value::as_text) {
            Some(n) if !n.is_empty() => None,
            _ => Some("the claim_generator_info has no name"),
        },
    };
    if let Some(p) = problem {
        out.push(Finding {
            code: st::CLAIM_MALFORMED,
            detail: p.to_owned(),
            url: None,
        });
    }
}

/// An update manifest: only metadata actions, at most one claim thumbnail, exactly one parent
/// (§10.5).
fn update_manifest(f: &Facts<'_>, parents: usize, out: &mut Vec<Finding>) {
    for l in f
        .listed
        .iter()
        .filter(|l| super::actions::is_actions(l.label))
    {
        let Some(Ok(v)) = &l.content else { continue };
        for a in v
            .get("actions")
            .and_then(Value::as_array)
            .unwrap_or_default()
        {
            let name = a.get("action").and_then(Value::as_text).unwrap_or_default();
            if !UPDATE_ACTIONS.contains(&name) {
                out.push(Finding {
                    code: st::MANIFEST_UPDATE_INVALID,
                    detail: format!("an update manifest may not record the action {name:?}"),
                    url: f.url(l.label),
                });
            }
        }
    }
    let thumbnails = f
        .listed
        .iter()
        .filter(|l| l.label.contains("c2pa.thumbnail.claim"))
        .count();
    if thumbnails > 1 {
        out.push(Finding {
            code: st::MANIFEST_UPDATE_INVALID,
            detail: format!("an update manifest holds {thumbnails} claim thumbnails"),
            url: None,
        });
    }
    match parents {
        1 => {}
        0 => out.push(Finding {
            code: st::MANIFEST_UPDATE_WRONG_PARENTS,
            detail: "an update manifest needs one parentOf ingredient and has none".to_owned(),
            url: None,
        }),
        n => out.push(Finding {
            code: st::MANIFEST_UPDATE_INVALID,
            detail: format!("an update manifest needs one parentOf ingredient and has {n}"),
            url: None,
        }),
    }
}
