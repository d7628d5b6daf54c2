//! The summary of each manifest for the page (generator, title, actions, ingredients,
//! thumbnail, AI disclosure) and what the active chain declares about AI (C2PA signals rubric).

use super::assertions::{self, actions, ingredient};
use super::binding::base_label;
use super::claim::Claim;
use super::copies::Copies;
use super::jumbf::box_types::BIDB;
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

/// Most bytes of claim thumbnails the summaries of one input hold (a real one is tens or
/// hundreds of kilobytes; the JSON report writes each as base64, a third more).
pub const MAX_THUMBNAIL_BYTES: usize = 2 << 20;

/// What the summaries of one input's manifests may still hold: `Limits::max_assertions`
/// actions in all (70,000 actions, one summary line each, took 87 MiB with their statuses),
/// [`MAX_DISCLOSURE_JSON`], [`MAX_THUMBNAIL_BYTES`] and the strings [`Copies`] allows; what
/// they leave out is said in a warning ([`Room::warn`]) or where it was cut.
pub(super) struct Room {
    actions: usize,
    left_out: usize,
    json: usize,
    copies: Copies,
    thumbnail_bytes: usize,
    /// The thumbnails held: where they are in the store, and the label of the manifest whose
    /// summary holds them.
    thumbnails: Vec<(usize, String)>,
}

impl Room {
    pub(super) fn new(limits: &crate::limits::Limits) -> Self {
        Room {
            actions: usize::try_from(limits.max_assertions).unwrap_or(usize::MAX),
            left_out: 0,
            json: MAX_DISCLOSURE_JSON,
            copies: Copies::default(),
            thumbnail_bytes: MAX_THUMBNAIL_BYTES,
            thumbnails: Vec::new(),
        }
    }

    /// The claim thumbnail `sb` of `out`: held once per input, however many claims name it
    /// (the others say whose it is), and while [`MAX_THUMBNAIL_BYTES`] lasts.
    fn thumbnail(&mut self, out: &mut Manifest, sb: &SuperBox<'_>) {
        let at = sb.contents.as_ptr().addr();
        out.thumbnail = None;
        if let Some((_, holder)) = self.thumbnails.iter().find(|(a, _)| *a == at) {
            out.thumbnail_same_as = Some(holder.clone());
            return;
        }
        let len = sb.first_data(BIDB).map_or(0, <[u8]>::len);
        if len > self.thumbnail_bytes {
            out.thumbnail_left_out = Some(crate::bytes::to_u64(len));
            return;
        }
        self.thumbnail_bytes = self.thumbnail_bytes.saturating_sub(len);
        out.thumbnail = assertions::thumbnail(sb);
        self.thumbnails.push((at, out.label.clone()));
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
        label: super::copies::label(m.label),
        signer,
        ..Manifest::default()
    };
    if let Some(s) = out.signer.as_mut() {
        s.keep_copies(&mut room.copies);
    }
    let Some(claim) = claim else {
        return out;
    };
    out.claim_version = claim.version;
    // Cut when the claim was read, as labels are: one each per manifest.
    out.claim_generator = claim.generator;
    out.title = claim.title;
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
            room.thumbnail(&mut out, sb);
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
                let kept = out.actions.len();
                let n = actions::parse(&v, &mut out.actions, &mut room.actions);
                room.left_out = room.left_out.saturating_add(n);
                for a in out.actions.iter_mut().skip(kept) {
                    room.copies.keep(&mut a.action);
                    room.copies.keep_opt(&mut a.digital_source_type);
                    room.copies.keep_opt(&mut a.software_agent);
                    room.copies.keep_opt(&mut a.when);
                }
            }
            "c2pa.ai-disclosure" => {
                // Present even when nothing of it fits: it discloses AI all the same.
                let json = v.to_json(&mut room.json);
                out.ai_disclosure = Some(json.unwrap_or_default());
            }
            b if b.starts_with("c2pa.ingredient") => {
                let mut info = ingredient::parse(&v);
                let manifest = info.manifest.as_ref().map(|u| {
                    super::copies::label(store::manifest_label_of(&u.url).unwrap_or(u.last_label()))
                });
                let source_type = info
                    .digital_source_type
                    .as_deref()
                    .and_then(classify_source_type);
                if let Some(k) = source_type.as_ref().and_then(SourceTypeInfo::ai) {
                    out.ai = min_kind(out.ai, Some(k));
                }
                for s in [
                    &mut info.title,
                    &mut info.relationship,
                    &mut info.format,
                    &mut info.digital_source_type,
                ] {
                    room.copies.keep_opt(s);
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
