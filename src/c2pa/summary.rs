//! The summary of each manifest for the page (generator, title, actions, ingredients,
//! thumbnail, AI disclosure) and what the active chain declares about AI (C2PA signals rubric).

use super::assertions::{self, actions, ingredient};
use super::binding::base_label;
use super::claim::Claim;
use super::jumbf::SuperBox;
use super::report::{Ingredient, Manifest, Signer};
use super::store::{self, ManifestBox};
use crate::limits::C2paBudget;
use crate::signal::AiKind;
use crate::source_type::{classify_source_type, SourceTypeInfo};
use std::collections::HashSet;

/// Most bytes of `c2pa.ai-disclosure` assertions the summaries of one input copy as JSON, as
/// [`crate::c2pa::cbor::Value::to_json`] counts them (64 a value or key, and its text): about
/// a thousand values. A real assertion has a dozen; one of 70,000 pairs took 20 MiB.
pub const MAX_DISCLOSURE_JSON: usize = 64 << 10;

/// What the summaries of one input's manifests may still hold: `Limits::max_assertions`
/// actions in all (70,000 actions, one summary line each, took 87 MiB with their statuses) and
/// [`MAX_DISCLOSURE_JSON`]; what they leave out is said in a warning ([`Room::warn`]).
pub(super) struct Room {
    actions: usize,
    left_out: usize,
    json: usize,
}

impl Room {
    pub(super) fn new(limits: &crate::limits::Limits) -> Self {
        Room {
            actions: usize::try_from(limits.max_assertions).unwrap_or(usize::MAX),
            left_out: 0,
            json: MAX_DISCLOSURE_JSON,
        }
    }

    /// Say what was left out.
    pub(super) fn warn(&self, warnings: &mut crate::container::warnings::Warnings) {
        if self.left_out > 0 {
            warnings.push_summary(format!(
                "{} more C2PA actions are not listed in the manifest summaries (max_assertions)",
                self.left_out
            ));
        }
        if self.json == 0 {
            warnings.push_summary(
                "a c2pa.ai-disclosure assertion is shown in part (over 64 KiB as JSON)".to_owned(),
            );
        }
    }
}

/// Summarise one manifest for the page, within what `room` has left.
pub(super) fn manifest(
    root: &SuperBox<'_>,
    m: ManifestBox<'_, '_>,
    signer: Option<Signer>,
    c2pa: &C2paBudget<'_>,
    room: &mut Room,
) -> Manifest {
    let claim = m.claim().and_then(|(l, b)| Claim::parse(l, b, c2pa).ok());
    let mut out = Manifest {
        label: m.label.to_owned(),
        signer,
        ..Manifest::default()
    };
    let Some(claim) = claim else {
        return out;
    };
    out.claim_version = claim.version;
    out.claim_generator = claim.generator.clone();
    out.title = claim.title.clone();
    // Each assertion is summarised once, however often the claim names it.
    let mut seen = HashSet::new();
    for r in &claim.assertions {
        if !seen.insert(r.uri.url.as_bytes()) {
            continue;
        }
        let label = r.uri.last_label();
        let Some(sb) = store::resolve(root, m.sbox, &r.uri.url) else {
            continue;
        };
        let base = base_label(label);
        if base.starts_with("c2pa.thumbnail.claim") {
            out.thumbnail = assertions::thumbnail(sb);
            continue;
        }
        // Only what the summary shows is decoded (the budget pays for every tree).
        let read = matches!(
            base,
            "c2pa.actions" | "c2pa.actions.v2" | "c2pa.ai-disclosure"
        ) || base.starts_with("c2pa.ingredient");
        let Some(Ok(v)) = read.then(|| assertions::cbor_content(sb, c2pa)).flatten() else {
            continue;
        };
        match base {
            "c2pa.actions" | "c2pa.actions.v2" => {
                let n = actions::parse(&v, &mut out.actions, &mut room.actions);
                room.left_out = room.left_out.saturating_add(n);
            }
            "c2pa.ai-disclosure" => {
                // Present even when nothing of it fits: it discloses AI all the same.
                let json = v.to_json(&mut room.json);
                out.ai_disclosure = Some(json.unwrap_or_default());
            }
            b if b.starts_with("c2pa.ingredient") => {
                let info = ingredient::parse(&v);
                let manifest = info.manifest.as_ref().map(|u| {
                    store::manifest_label_of(&u.url)
                        .unwrap_or(u.last_label())
                        .to_owned()
                });
                let source_type = info
                    .digital_source_type
                    .as_deref()
                    .and_then(classify_source_type);
                if let Some(k) = source_type.as_ref().and_then(SourceTypeInfo::ai) {
                    out.ai = min_kind(out.ai, Some(k));
                }
                out.ingredients.push(Ingredient {
                    title: info.title,
                    relationship: info.relationship,
                    manifest,
                    format: info.format,
                    digital_source_type: info.digital_source_type,
                    source_type,
                });
            }
            _ => {}
        }
    }
    for a in &out.actions {
        out.ai = min_kind(out.ai, a.ai());
    }
    if out.ai_disclosure.is_some() {
        // §18.28: the assertion itself discloses AI generation.
        out.ai = min_kind(out.ai, Some(AiKind::Generated));
    }
    out
}

/// What the active manifest and its ingredient manifests declare (signals rubric), and the
/// tool named: the software agent of the AI action, else that manifest's generator. The
/// nearest manifest that declares anything decides (the active manifest's own "composite
/// with AI" is not overridden by a fully generated ingredient); ingredients count when the
/// manifests above them declare nothing.
pub(super) fn ai_of_chain(
    summaries: &[Manifest],
    active: &str,
    max_depth: u32,
) -> (Option<AiKind>, Option<String>) {
    let mut level = vec![active.to_owned()];
    let mut seen = HashSet::new();
    let mut depth = 0u32;
    while !level.is_empty() && depth <= max_depth {
        let mut best: Option<(AiKind, Option<String>)> = None;
        let mut next = Vec::new();
        for label in level {
            if !seen.insert(label.clone()) {
                continue;
            }
            let Some(m) = summaries.iter().find(|m| m.label == label) else {
                continue;
            };
            if let Some(k) = m.ai {
                if best.as_ref().is_none_or(|(b, _)| k < *b) {
                    best = Some((k, tool_of(m, k)));
                }
            }
            next.extend(m.ingredients.iter().filter_map(|i| i.manifest.clone()));
        }
        if let Some((k, t)) = best {
            // An AI action without a software agent (Photoshop "opened" a Firefly image):
            // name the agent of the AI action further down the chain, if any.
            let agent = summaries
                .iter()
                .flat_map(|m| m.actions.iter())
                .filter(|a| a.ai().is_some())
                .find_map(|a| a.software_agent.clone());
            let direct = summaries
                .iter()
                .find(|m| m.label == active)
                .and_then(|m| m.actions.iter().find(|a| a.ai() == Some(k)))
                .and_then(|a| a.software_agent.clone());
            return (Some(k), direct.or(agent).or(t));
        }
        level = next;
        depth = depth.saturating_add(1);
    }
    (None, None)
}

/// The tool behind a manifest's AI declaration of kind `k`.
fn tool_of(m: &Manifest, k: AiKind) -> Option<String> {
    m.actions
        .iter()
        .find(|a| a.ai() == Some(k))
        .and_then(|a| a.software_agent.clone())
        .or_else(|| {
            m.ai_disclosure
                .as_ref()
                .and_then(|d| d.get("modelName"))
                .and_then(|n| n.as_str())
                .map(str::to_owned)
        })
        .or_else(|| m.claim_generator.clone())
}

fn min_kind(a: Option<AiKind>, b: Option<AiKind>) -> Option<AiKind> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}
