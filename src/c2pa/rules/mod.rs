//! The manifest structure rules of the validation chapter (C2PA 2.2 §15.6 "validate the
//! claim", §15.9 actions, §15.10 update manifests), applied to one manifest as c2pa-rs 0.91
//! applies them (`claim.rs` `verify_claim`, `verify_internal`, `verify_actions`). Each rule
//! yields a [`Finding`] with its status code, spelled as the spec spells it (the codes live in
//! [`super::status`]).
//!
//! The rules read [`Facts`]: the claim version, the manifest label and kind, and the decoded
//! content of every assertion the claim lists. They never touch the asset; the hard binding and
//! the hashed URIs are checked by the validator.

mod actions;
mod claim;
pub mod label;

use super::cbor::Value;

/// One assertion the claim lists.
#[derive(Debug)]
pub struct Listed<'v> {
    /// Its label as the claim names it (the last URI component, with any `__N` suffix).
    pub label: String,
    /// False for a v2 `gathered_assertions` entry.
    pub created: bool,
    /// Its CBOR content: `None` when it could not be found, `Some(None)` when it does not
    /// decode.
    pub content: Option<Option<Value<'v>>>,
}

/// What the rules need to know about one manifest.
#[derive(Debug)]
pub struct Facts<'v> {
    /// The manifest label (`urn:c2pa:…`).
    pub label: &'v str,
    /// An update manifest (`c2um`, §10.5).
    pub update: bool,
    /// 1 for `c2pa.claim`, 2 for `c2pa.claim.v2`.
    pub claim_version: u8,
    /// The decoded claim map.
    pub claim: &'v Value<'v>,
    /// The assertions the claim lists, created first, in claim order.
    pub listed: Vec<Listed<'v>>,
}

/// A broken rule: its status code, what was found, and the JUMBF URI it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The status code.
    pub code: &'static str,
    /// What was expected and what was found.
    pub detail: String,
    /// The assertion URI (`self#jumbf=/c2pa/<manifest>/c2pa.assertions/<label>`), or `None` when
    /// the finding concerns the claim as a whole.
    pub url: Option<String>,
}

/// Apply every structure rule to one manifest.
pub fn check(f: &Facts<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    claim::check(f, &mut out);
    actions::check(f, &mut out);
    out
}

impl Facts<'_> {
    /// The listed ingredient assertions (`c2pa.ingredient`, `.v2`, `.v3`, any instance).
    fn ingredients(&self) -> impl Iterator<Item = &Listed<'_>> {
        self.listed.iter().filter(|l| {
            matches!(
                super::binding::base_label(&l.label),
                "c2pa.ingredient" | "c2pa.ingredient.v2" | "c2pa.ingredient.v3"
            )
        })
    }

    /// The relationship of a listed ingredient assertion, when it decodes.
    fn relationship<'a>(l: &'a Listed<'_>) -> Option<&'a str> {
        l.content.as_ref()?.as_ref()?.get("relationship")?.as_text()
    }

    /// How many listed ingredients have the relationship `parentOf`.
    fn parent_count(&self) -> usize {
        self.ingredients()
            .filter(|l| Self::relationship(l) == Some("parentOf"))
            .count()
    }

    /// The JUMBF URI of a listed assertion of this manifest.
    fn url(&self, label: &str) -> Option<String> {
        Some(super::store::assertion_url(self.label, label))
    }
}

/// Gather the facts about manifest `m` whose decoded claim map is `claim_map`.
pub(super) fn facts<'v>(
    root: &super::jumbf::SuperBox<'v>,
    m: super::store::ManifestBox<'_, 'v>,
    claim: &super::claim::Claim<'v>,
    claim_map: &'v Value<'v>,
    limits: &crate::limits::Limits,
) -> Facts<'v> {
    let listed = claim
        .assertions
        .iter()
        .map(|r| Listed {
            label: r.uri.last_label().to_owned(),
            created: r.created,
            content: super::store::resolve(root, m.sbox, &r.uri.url)
                .map(|sb| super::assertions::cbor_content(sb, limits).and_then(Result::ok)),
        })
        .collect();
    Facts {
        label: m.label,
        update: m.kind == super::store::ManifestKind::Update,
        claim_version: claim.version,
        claim: claim_map,
        listed,
    }
}
