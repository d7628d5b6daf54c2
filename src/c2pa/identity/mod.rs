//! CAWG identity assertions (`cawg.identity`, CAWG identity assertion 1.1): a named actor signs
//! a `signer_payload` that lists, by hashed URI, the assertions of the manifest it vouches for.
//! This module reads the assertion (§5.2) and checks what every credential type shares: the
//! padding and the references against the claim (§8.1.1). The credential itself is checked by
//! [`x509`] (`cawg.x509.cose`, §8.2) or [`ica`] (`cawg.identity_claims_aggregation`, §8.1). The
//! codes and their order are those c2pa-rs 0.91.3 reports when it reads a manifest
//! (`Manifest::from_store`, `IdentityAssertion::validate_partial_claim`), checked by reading
//! our fixtures and its own with c2pa-python (docs/C2PA-RULES.md):
//!
//! - an assertion that does not have the required fields (`signer_payload` with
//!   `referenced_assertions` and `sig_type`, `signature`, `pad1`) stops the manifest from
//!   loading: `assertion.required.missing` on the manifest, and no later identity assertion of
//!   that manifest is checked;
//! - `cawg.identity.pad.invalid` (once), `cawg.identity.assertion.mismatch` (a reference the
//!   claim does not list, or whose hash is not the claim's), `cawg.identity.hard_binding_missing`,
//!   `cawg.identity.assertion.duplicate`, `cawg.identity.sig_type.unknown`: each is reported
//!   and the checks go on.
//!
//! None of this changes the claim's own checks; how the codes weigh on the state is
//! [`super::invalid_reason::is_tolerated`]'s business (`cawg.identity.*` and `cawg.x509.*`
//! never make a manifest Invalid but keep it from Trusted; `cawg.ica.*` make it Invalid). Each
//! assertion also becomes an [`Identity`] for the report: the named actor, its state and a
//! plain sentence.

mod ica;
mod x509;

use super::cbor::Value;
use super::claim::{Claim, HashedUri};
use super::cose::{self, encode_head};
use super::report::{Identity, IdentityState};
use super::status as st;
use super::trust::Trust;
use crate::crypto::Crypto;
use crate::limits::C2paBudget;

/// The X.509 credential type (CAWG identity 1.1 §8.2).
pub const SIG_TYPE_X509: &str = "cawg.x509.cose";
/// The identity claims aggregation credential type (CAWG identity 1.1 §8.1).
pub const SIG_TYPE_ICA: &str = "cawg.identity_claims_aggregation";

/// The EKUs c2pa-rs's default certificate policy accepts for a CAWG X.509 signer
/// (`crypto/cose/valid_eku_oids.cfg`): emailProtection, documentSigning, timeStamping,
/// OCSPSigning, Microsoft's C2PA signing and c2pa-kp-claimSigning.
const CAWG_EKUS: [&[u8]; 6] = [
    crate::der::oid::EKU_EMAIL_PROTECTION,
    crate::der::oid::EKU_DOCUMENT_SIGNING,
    crate::der::oid::EKU_TIME_STAMPING,
    crate::der::oid::EKU_OCSP_SIGNING,
    crate::der::oid::EKU_MICROSOFT_C2PA_SIGNING,
    crate::der::oid::EKU_C2PA_CLAIM_SIGNING,
];

/// One status a check produced: code, detail, and the URI it concerns (the identity assertion,
/// or the manifest for `assertion.required.missing`).
pub(super) struct Finding {
    pub code: &'static str,
    pub detail: Option<String>,
    /// The JUMBF URI it concerns.
    pub url: String,
}

/// What checking one manifest's identity assertions gave.
#[derive(Default)]
pub(super) struct Outcome {
    pub findings: Vec<Finding>,
    pub identities: Vec<Identity>,
}

/// What the checks need besides the manifest.
pub(super) struct Env<'e> {
    pub crypto: &'e dyn Crypto,
    pub trust: &'e Trust,
    /// The verification time (seconds since the epoch).
    pub now: i64,
    /// The input's limits and what its manifest store has taken of `Limits::max_c2pa_bytes`.
    pub c2pa: &'e C2paBudget<'e>,
    /// The signatures this input may still have checked (`Limits::max_signature_checks`,
    /// shared with the claim signatures): one per identity credential.
    pub signatures_left: std::cell::Cell<u32>,
}

impl Env<'_> {
    /// Take one signature check from the input's budget; `false` when none is left.
    fn spend_signature(&self) -> bool {
        match self.signatures_left.get().checked_sub(1) {
            Some(n) => {
                self.signatures_left.set(n);
                true
            }
            None => false,
        }
    }
}

/// True for an identity assertion label (`cawg.identity`, `cawg.identity__2`).
pub fn is_identity_label(label: &str) -> bool {
    label == "cawg.identity" || label.starts_with("cawg.identity__")
}

/// The decoded assertion (CAWG identity 1.1 §5.2), with the fields c2pa-rs requires. The byte
/// strings are views of the decoded assertion: a credential may be most of the file.
struct Parsed<'v> {
    refs: Vec<HashedUri<'v>>,
    sig_type: String,
    roles: Vec<String>,
    signature: &'v [u8],
    pad1: &'v [u8],
    pad2: Option<&'v [u8]>,
}

/// Decode an identity assertion, or say which required field is missing or of the wrong type.
fn parse<'v>(v: &'v Value<'_>) -> Result<Parsed<'v>, String> {
    let sp = v
        .get("signer_payload")
        .ok_or("missing field `signer_payload`")?;
    let refs = sp
        .get("referenced_assertions")
        .and_then(Value::as_array)
        .ok_or("missing or malformed field `referenced_assertions`")?
        .iter()
        .map(|r| HashedUri::from_value(r).ok_or("a referenced assertion is not a hashed URI"))
        .collect::<Result<Vec<_>, _>>()?;
    let sig_type = sp
        .get("sig_type")
        .and_then(Value::as_text)
        .ok_or("missing or malformed field `sig_type`")?
        .to_owned();
    let roles = match sp.get("role") {
        None | Some(Value::Null) => Vec::new(),
        Some(r) => r
            .as_array()
            .ok_or("field `role` is not an array")?
            .iter()
            .map(|x| x.as_text().map(str::to_owned).ok_or("a role is not text"))
            .collect::<Result<Vec<_>, _>>()?,
    };
    let bytes = |k: &str| v.get(k).and_then(Value::as_bytes);
    let signature = bytes("signature").ok_or("missing or malformed field `signature`")?;
    let pad1 = bytes("pad1").ok_or("missing or malformed field `pad1`")?;
    let pad2 = match v.get("pad2") {
        None | Some(Value::Null) => None,
        Some(p) => Some(p.as_bytes().ok_or("field `pad2` is not bytes")?),
    };
    Ok(Parsed {
        refs,
        sig_type,
        roles,
        signature,
        pad1,
        pad2,
    })
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    encode_head(out, 3, crate::bytes::to_u64(s.len()));
    out.extend_from_slice(s.as_bytes());
}

/// The CBOR c2pa-rs signs and verifies: the signer payload re-serialised from its fields, in
/// its struct order (`referenced_assertions` [`url`, `alg` if any, `hash`], `sig_type`, `role`
/// if not empty). Other fields in the stored payload are not covered.
fn signer_payload_cbor(p: &Parsed) -> Vec<u8> {
    let mut out = Vec::new();
    let fields = if p.roles.is_empty() { 2 } else { 3 };
    encode_head(&mut out, 5, fields);
    put_text(&mut out, "referenced_assertions");
    encode_head(&mut out, 4, crate::bytes::to_u64(p.refs.len()));
    for r in &p.refs {
        encode_head(&mut out, 5, if r.alg.is_some() { 3 } else { 2 });
        put_text(&mut out, "url");
        put_text(&mut out, &r.url);
        if let Some(a) = &r.alg {
            put_text(&mut out, "alg");
            put_text(&mut out, a);
        }
        put_text(&mut out, "hash");
        cose::encode_bstr(&mut out, &r.hash);
    }
    put_text(&mut out, "sig_type");
    put_text(&mut out, &p.sig_type);
    if !p.roles.is_empty() {
        put_text(&mut out, "role");
        encode_head(&mut out, 4, crate::bytes::to_u64(p.roles.len()));
        for r in &p.roles {
            put_text(&mut out, r);
        }
    }
    out
}

/// A claim URL as c2pa-rs compares it: the first `/c2pa/<label>/` removed, so an absolute
/// reference matches a relative one (`signer_payload.rs` `ABSOLUTE_URL_PREFIX`).
fn relative(url: &str) -> String {
    if let Some(at) = url.find("/c2pa/") {
        let rest = url.get(at.saturating_add(6)..).unwrap_or("");
        if let Some(slash) = rest.find('/').filter(|&i| i > 0) {
            let head = url.get(..at).unwrap_or("");
            let tail = rest.get(slash.saturating_add(1)..).unwrap_or("");
            return format!("{head}{tail}");
        }
    }
    url.to_owned()
}

/// Check every identity assertion `claim` lists. `label_of(uri)` resolves an assertion URI of
/// this manifest to its decoded CBOR (`None` when it cannot be found or decoded as CBOR).
/// What the identities copy from the file is paid from `copies` (`super::copies`).
pub(super) fn check<'v>(
    env: &Env<'_>,
    manifest: &str,
    claim: &Claim<'_>,
    content: impl Fn(&HashedUri) -> Option<Option<Value<'v>>>,
    copies: &mut super::copies::Copies,
) -> Outcome {
    let mut out = Outcome::default();
    // Each identity assertion is checked once, however often the claim names it (c2pa-rs reads
    // them from the assertion store; a credential named 1,000 times was parsed 1,000 times).
    let mut seen = std::collections::HashSet::new();
    for r in &claim.assertions {
        let label = r.uri.last_label();
        if !is_identity_label(label) || !seen.insert(r.uri.url.as_bytes()) {
            continue;
        }
        let Some(decoded) = content(&r.uri) else {
            continue; // missing: assertion.missing already says so
        };
        let url = super::store::assertion_url(manifest, label);
        let parsed = decoded.ok_or_else(|| "the assertion is not CBOR".to_owned());
        let parsed = parsed.as_ref().map_err(String::clone).and_then(parse);
        let p = match parsed {
            Ok(p) => p,
            Err(why) => {
                out.findings.push(Finding {
                    code: st::ASSERTION_REQUIRED_MISSING,
                    detail: Some(format!("{label}: {why}")),
                    url: format!("self#jumbf=/c2pa/{manifest}"),
                });
                // c2pa-rs stops loading the manifest here.
                break;
            }
        };
        let mut one = One {
            findings: Vec::new(),
            url,
        };
        let mut identity = one.identity(env, claim, label, &p);
        identity.failures = one
            .findings
            .iter()
            .filter(|f| st::kind(f.code) == st::Kind::Failure)
            .map(|f| f.code.to_owned())
            .collect();
        // Cut before the explanation quotes its names.
        identity.keep_copies(copies);
        identity.explanation = explain(&identity);
        out.findings.extend(one.findings);
        out.identities.push(identity);
    }
    out
}

/// When a manifest is Valid rather than Trusted only because of its CAWG identity findings (its
/// signer is trusted: no `signingCredential.untrusted`), those failure codes; else `None`.
pub fn held_back_by_identity(v: &super::report::Validation) -> Option<Vec<&str>> {
    let mut codes: Vec<&str> = Vec::new();
    for f in &v.failure {
        let identity = f.code.starts_with("cawg.x509.") || f.code.starts_with("cawg.identity.");
        if !identity {
            return None;
        }
        if !codes.contains(&f.code.as_str()) {
            codes.push(&f.code);
        }
    }
    (!codes.is_empty()).then_some(codes)
}

/// The sentence for a manifest held back from Trusted by its identity assertion only.
pub fn held_back_sentence(codes: &[&str]) -> String {
    format!(
        "The signature, the file hash and the signer check out, but an identity assertion in \
         them is not confirmed ({}), so they count as valid, not trusted.",
        codes.join(", ")
    )
}

/// The sentence a reader sees for an identity (CAWG identity 1.1 §8: a named actor vouching
/// for the referenced assertions).
fn explain(id: &Identity) -> String {
    let who = id.name.as_deref().unwrap_or("an unnamed actor");
    let ica = id.sig_type == SIG_TYPE_ICA;
    match (id.state, ica) {
        (IdentityState::Trusted, false) => format!(
            "{who} vouches for this content, with a certificate from a trusted CAWG anchor."
        ),
        (IdentityState::Trusted, true) => format!(
            "An identity aggregator on the list of trusted issuers ({}) vouches for the \
             identities listed ({who}).",
            id.issuer.as_deref().unwrap_or("unnamed")
        ),
        (IdentityState::Valid, false) => format!(
            "A certificate naming {who} vouches for this content; the certificate is not on a \
             CAWG trust list in use, so the name is what the signer says, unconfirmed."
        ),
        (IdentityState::Valid, true) => {
            let issuer = id.issuer.as_deref().unwrap_or("unnamed");
            // A did:jwk is the key itself: long, and says nothing about who holds it.
            let issuer = if issuer.starts_with("did:jwk:") {
                "did:jwk, a key that names no one"
            } else {
                issuer
            };
            format!(
                "An identity aggregator ({issuer}) vouches for the identities listed ({who}); \
                 it is not on a list of trusted issuers, so they are unconfirmed."
            )
        }
        (IdentityState::Invalid, _) => format!(
            "An identity credential naming {who} is attached, but it does not check out ({}), \
             so the name must not be relied on.",
            if id.failures.is_empty() {
                "its certificate names no organisation".to_owned()
            } else {
                id.failures.join(", ")
            }
        ),
    }
}

/// The checks of one identity assertion.
struct One {
    findings: Vec<Finding>,
    url: String,
}

impl One {
    fn push(&mut self, code: &'static str, detail: impl Into<Option<String>>) {
        self.findings.push(Finding {
            code,
            detail: detail.into(),
            url: self.url.clone(),
        });
    }

    fn identity(&mut self, env: &Env<'_>, claim: &Claim<'_>, label: &str, p: &Parsed) -> Identity {
        let mut id = Identity {
            label: label.to_owned(),
            sig_type: p.sig_type.clone(),
            roles: p.roles.clone(),
            referenced_assertions: p.refs.iter().map(|r| r.last_label().to_owned()).collect(),
            ..Identity::default()
        };
        // Padding (§5.2): zeros only; reported once.
        if p.pad1.iter().any(|b| *b != 0) {
            self.push(
                st::CAWG_IDENTITY_PAD_INVALID,
                "pad1 is not all zeros".to_owned(),
            );
        } else if p.pad2.as_ref().is_some_and(|p2| p2.iter().any(|b| *b != 0)) {
            self.push(
                st::CAWG_IDENTITY_PAD_INVALID,
                "pad2 is not all zeros".to_owned(),
            );
        }
        // References (§8.1.1): each must be in the claim with the same hash.
        for r in &p.refs {
            let found = claim
                .assertions
                .iter()
                .find(|a| a.uri.url == r.url || relative(&a.uri.url) == r.url);
            match found {
                Some(a) if a.uri.hash != r.hash => self.push(
                    st::CAWG_IDENTITY_ASSERTION_MISMATCH,
                    format!("{}: the hash is not the claim's", r.url),
                ),
                Some(_) => {}
                None => self.push(
                    st::CAWG_IDENTITY_ASSERTION_MISMATCH,
                    format!("{}: the claim does not list it", r.url),
                ),
            }
        }
        let binds = p.refs.iter().any(|r| {
            r.url
                .rsplit_once('/')
                .is_some_and(|(_, l)| l.starts_with("c2pa.hash."))
        });
        if !binds {
            self.push(st::CAWG_IDENTITY_HARD_BINDING_MISSING, None);
        }
        let mut seen: Vec<&str> = Vec::new();
        for r in &p.refs {
            if seen.contains(&&*r.url) {
                self.push(st::CAWG_IDENTITY_ASSERTION_DUPLICATE, r.url.to_string());
            }
            seen.push(&r.url);
        }
        let known = matches!(p.sig_type.as_str(), SIG_TYPE_X509 | SIG_TYPE_ICA);
        if known && !env.spend_signature() {
            self.push(st::GENERAL_ERROR, "too many signatures to check".to_owned());
            id.state = IdentityState::Invalid;
            return id;
        }
        match p.sig_type.as_str() {
            SIG_TYPE_X509 => self.x509(env, p, &mut id),
            SIG_TYPE_ICA => self.ica(env, p, &mut id),
            other => {
                self.push(st::CAWG_IDENTITY_SIG_TYPE_UNKNOWN, other.to_owned());
                id.state = IdentityState::Invalid;
            }
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_compare_as_relative() {
        assert_eq!(
            relative("self#jumbf=/c2pa/urn:c2pa:1/c2pa.assertions/c2pa.hash.data"),
            "self#jumbf=c2pa.assertions/c2pa.hash.data"
        );
        assert_eq!(
            relative("self#jumbf=c2pa.assertions/c2pa.hash.data"),
            "self#jumbf=c2pa.assertions/c2pa.hash.data"
        );
    }

    #[test]
    fn identity_labels() {
        assert!(is_identity_label("cawg.identity"));
        assert!(is_identity_label("cawg.identity__2"));
        assert!(!is_identity_label("cawg.identity_claims"));
        assert!(!is_identity_label("cawg.training-mining"));
    }
}
