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
    pub label: &'v str,
    /// False for a v2 `gathered_assertions` entry.
    pub created: bool,
    /// Its CBOR content, for an actions or ingredient assertion (the rules read no other):
    /// `None` when it could not be found, `Err` saying why when it was not decoded (over
    /// `Limits::max_c2pa_bytes` included).
    pub content: Option<Result<Value<'v>, String>>,
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
        self.listed.iter().filter(|l| is_ingredient(l.label))
    }

    /// The relationship of a listed ingredient assertion, when it decodes.
    fn relationship<'a>(l: &'a Listed<'_>) -> Option<&'a str> {
        l.content
            .as_ref()?
            .as_ref()
            .ok()?
            .get("relationship")?
            .as_text()
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

/// True for an ingredient assertion label (`c2pa.ingredient`, `.v2`, `.v3`, any instance).
fn is_ingredient(label: &str) -> bool {
    matches!(
        super::binding::base_label(label),
        "c2pa.ingredient" | "c2pa.ingredient.v2" | "c2pa.ingredient.v3"
    )
}

/// Gather the facts about manifest `m` whose decoded claim map is `claim_map`.
pub(super) fn facts<'v>(
    root: &super::jumbf::SuperBox<'v>,
    m: super::store::ManifestBox<'_, 'v>,
    claim: &'v super::claim::Claim<'v>,
    claim_map: &'v Value<'v>,
    c2pa: &crate::limits::C2paBudget<'_>,
) -> Facts<'v> {
    let listed = claim
        .assertions
        .iter()
        .map(|r| {
            let label = r.uri.last_label();
            let read = actions::is_actions(label) || is_ingredient(label);
            Listed {
                label,
                created: r.created,
                content: super::store::resolve(root, m.sbox, &r.uri.url).map(|sb| {
                    if !read {
                        return Err(String::new());
                    }
                    let v = super::assertions::cbor_content(sb, c2pa);
                    v.unwrap_or_else(|| Err(crate::error::Error::malformed("no CBOR box")))
                        .map_err(|e| e.message().to_owned())
                }),
            }
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
