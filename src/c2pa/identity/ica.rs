//! The identity claims aggregation credential of a CAWG identity assertion (CAWG identity 1.1
//! §8.1, `sig_type` `cawg.identity_claims_aggregation`): a W3C verifiable credential (VC data
//! model 2.0, JSON-LD) signed as a COSE_Sign1 with content type `application/vc`, whose issuer
//! (a DID) vouches for the identities it lists (`verifiedIdentities`) and for the signer
//! payload (`c2paAsset`).
//!
//! Checked in the order c2pa-rs 0.91.3 checks them (`ica_signature_verifier.rs`), with its
//! codes; the first four stop the check, the rest are reported and the check goes on:
//! `cawg.ica.invalid_cose_sign1` (not a tagged COSE_Sign1), `cawg.ica.invalid_alg` (not
//! EdDSA), `cawg.ica.invalid_verifiable_credential` (no payload, or not a credential of the
//! required shape), then `cawg.ica.invalid_content_type`, the issuer's signature
//! (`cawg.ica.invalid_issuer` for a malformed DID or a method other than `did:jwk` and
//! `did:web`, `cawg.ica.invalid_did_document` for an unreadable `did:jwk` key,
//! `cawg.ica.did_unavailable` for `did:web`, which needs the network and is never fetched,
//! `cawg.ica.signature_mismatch`), the issuer's trust (`cawg.ica.untrusted_issuer`,
//! informational, unless the issuer's DID without its fragment is on the caller's list,
//! `TrustSettings::cawg_ica_issuers`, c2pa-rs `cawg_trust.trusted_ica_issuers`, empty by
//! default), the time-stamp (`cawg.ica.time_stamp.validated` / `.invalid`),
//! `cawg.ica.valid_from.missing` / `.invalid`, `cawg.ica.valid_until.invalid`, and
//! `cawg.ica.signer_payload.mismatch`. A credential from a trusted issuer with no failure gets
//! `cawg.ica.credential_valid` and its identity is `trusted`; a sound credential from any other
//! issuer is `valid` (named, unconfirmed).

use super::{Env, One, Parsed};
use crate::c2pa::cbor::{self, Value};
use crate::c2pa::claim::HashedUri;
use crate::c2pa::cose::{self, TstVersion};
use crate::c2pa::report::{Identity, IdentityState, VerifiedIdentity};
use crate::c2pa::status as st;
use crate::c2pa::timestamp::{self, TstOutcome};
use crate::c2pa::x509::Budget;
use crate::crypto::{Scheme, SigCheck};
use base64::Engine;
use serde_json::Value as Json;

/// COSE `alg` EdDSA (RFC 9053 §2.2), the only one c2pa-rs accepts here.
const EDDSA: i64 = -8;

/// The parts of the credential the checks use.
struct Credential {
    issuer: String,
    valid_from: Option<i64>,
    valid_until: Option<i64>,
    identities: Vec<VerifiedIdentity>,
    /// `credentialSubject.c2paAsset`, hashes decoded.
    asset_refs: Vec<HashedUri<'static>>,
    asset_sig_type: String,
    asset_roles: Vec<String>,
}

fn text<'j>(v: &'j Json, key: &str) -> Option<&'j str> {
    v.get(key).and_then(Json::as_str)
}

/// A non-empty string under `key`, if present; `Err` if present and not one.
fn opt_text(v: &Json, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(format!("`{key}` is not a non-empty string")),
    }
}

/// Text that looks like a URI (a scheme, then `:`).
fn is_uri(s: &str) -> bool {
    let scheme = s.split(':').next().unwrap_or("");
    s.contains(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn time(v: &Json, key: &str) -> Result<Option<i64>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(Json::String(s)) => crate::time::parse_rfc3339(s)
            .map(Some)
            .ok_or_else(|| format!("`{key}` is not an RFC 3339 date-time")),
        Some(_) => Err(format!("`{key}` is not a date-time")),
    }
}

/// A JSON byte array (`serde_bytes` from JSON: numbers 0-255) or a string's bytes.
fn json_bytes(v: &Json) -> Option<Vec<u8>> {
    match v {
        Json::Array(a) => a
            .iter()
            .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
            .collect(),
        Json::String(s) => Some(s.as_bytes().to_vec()),
        _ => None,
    }
}

fn verified_identity(v: &Json) -> Result<VerifiedIdentity, String> {
    let type_ = opt_text(v, "type")?.ok_or("a verified identity has no `type`")?;
    let uri = opt_text(v, "uri")?;
    if uri.as_deref().is_some_and(|u| !is_uri(u)) {
        return Err("a verified identity's `uri` is not a URI".into());
    }
    let verified_at = text(v, "verifiedAt")
        .filter(|s| crate::time::parse_rfc3339(s).is_some())
        .ok_or("a verified identity has no valid `verifiedAt`")?;
    let provider = v
        .get("provider")
        .ok_or("a verified identity has no provider")?;
    let provider_id = text(provider, "id")
        .filter(|s| is_uri(s))
        .ok_or("a provider has no `id` URI")?;
    let provider_name = opt_text(provider, "name")?.ok_or("a provider has no `name`")?;
    Ok(VerifiedIdentity {
        type_,
        name: opt_text(v, "name")?,
        username: opt_text(v, "username")?,
        address: opt_text(v, "address")?,
        uri,
        verified_at: verified_at.to_owned(),
        provider_name,
        provider_id: provider_id.to_owned(),
    })
}

/// Read the credential as c2pa-rs deserialises `CredentialV2<IdentityClaimsAggregationVc>`. One
/// whose parsed tree would be over `Limits::max_json_bytes` is not read (14 MB of small
/// objects took 1.3 GB); c2pa-rs reads it.
fn credential(payload: &[u8], limits: &crate::limits::Limits) -> Result<Credential, String> {
    if let Some(why) = crate::limits::json_refused(payload, "the credential", limits) {
        return Err(why);
    }
    let v: Json = serde_json::from_slice(payload).map_err(|e| format!("not JSON: {e}"))?;
    let non_empty_texts = |k: &str| {
        v.get(k)
            .and_then(Json::as_array)
            .is_some_and(|a| !a.is_empty() && a.iter().all(Json::is_string))
    };
    if !non_empty_texts("@context") || !non_empty_texts("type") {
        return Err("`@context` or `type` is not a non-empty list".into());
    }
    let issuer = text(&v, "issuer")
        .filter(|s| is_uri(s))
        .ok_or("no `issuer` URI")?
        .to_owned();
    let subject = match v.get("credentialSubject") {
        Some(Json::Array(a)) => a.first().ok_or("no credential subject")?,
        Some(o @ Json::Object(_)) => o,
        _ => return Err("no `credentialSubject`".into()),
    };
    let identities = subject
        .get("verifiedIdentities")
        .and_then(Json::as_array)
        .filter(|a| !a.is_empty())
        .ok_or("no `verifiedIdentities`")?
        .iter()
        .map(verified_identity)
        .collect::<Result<Vec<_>, _>>()?;
    let asset = subject.get("c2paAsset").ok_or("no `c2paAsset`")?;
    let mut asset_refs = Vec::new();
    for r in asset
        .get("referenced_assertions")
        .and_then(Json::as_array)
        .ok_or("`c2paAsset` has no `referenced_assertions`")?
    {
        let url = text(r, "url").ok_or("a referenced assertion has no url")?;
        let raw = r
            .get("hash")
            .and_then(json_bytes)
            .ok_or("a referenced assertion has no hash")?;
        // c2pa-rs reads the hash as the bytes of base64 text and decodes it.
        let hash = std::str::from_utf8(&raw)
            .ok()
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .unwrap_or_else(|| b"invalid base64".to_vec());
        asset_refs.push(HashedUri {
            url: url.to_owned().into(),
            alg: opt_text(r, "alg")?,
            hash,
        });
    }
    let asset_sig_type = text(asset, "sig_type")
        .ok_or("`c2paAsset` has no `sig_type`")?
        .to_owned();
    let asset_roles = match asset.get("role") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Array(a)) => a
            .iter()
            .map(|x| x.as_str().map(str::to_owned).ok_or("a role is not text"))
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err("`role` is not a list".into()),
    };
    Ok(Credential {
        issuer,
        valid_from: time(&v, "validFrom")?,
        valid_until: time(&v, "validUntil")?,
        identities,
        asset_refs,
        asset_sig_type,
        asset_roles,
    })
}

/// Why the issuer's key could not be had, or the signature did not match.
enum IssuerError {
    InvalidIssuer(String),
    InvalidDidDocument(String),
    Unavailable(String),
    Mismatch,
}

/// A DID as c2pa-rs's pattern accepts it: `did:<method>:<id>`; returns (method, id) of the DID
/// without its fragment.
fn did_parts(did: &str) -> Option<(&str, &str)> {
    let rest = did.strip_prefix("did:")?;
    let (method, id) = rest.split_once(':')?;
    let id_ok = id.chars().next().is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '%' | '#' | '?' | '_' | '-')
    });
    let method_ok = !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !(method_ok && id_ok) {
        return None;
    }
    let id = id.split('#').next().unwrap_or(id);
    Some((method, id))
}

/// The Ed25519 key of a `did:jwk` issuer (the DID is the base64url of the JWK).
fn jwk_key(id: &str) -> Result<Vec<u8>, IssuerError> {
    let doc = |e: String| IssuerError::InvalidDidDocument(e);
    let json = base64::engine::general_purpose::URL_SAFE
        .decode(id)
        .map_err(|e| doc(format!("the did:jwk is not base64url: {e}")))?;
    let jwk: Json = serde_json::from_slice(&json).map_err(|e| doc(format!("not a JWK: {e}")))?;
    if text(&jwk, "kty") != Some("OKP") {
        return Err(doc("the JWK is not an octet key pair".into()));
    }
    let crv = text(&jwk, "crv").ok_or_else(|| doc("the JWK has no curve".into()))?;
    let x = text(&jwk, "x").ok_or_else(|| doc("the JWK has no `x`".into()))?;
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let key = lenient
        .decode(x)
        .map_err(|e| doc(format!("the JWK's `x` is not base64url: {e}")))?;
    if crv != "Ed25519" {
        return Err(doc(format!("unsupported OKP curve {crv}")));
    }
    Ok(key)
}

impl One {
    /// The `cawg.identity_claims_aggregation` credential (CAWG identity 1.1 §8.1.1).
    pub(super) fn ica(&mut self, env: &Env<'_>, p: &Parsed, id: &mut Identity) {
        id.state = IdentityState::Invalid;
        // A tagged COSE_Sign1 (tag 18 is the one-byte head 0xd2).
        let sign1 = match cose::parse(p.signature, env.c2pa) {
            Ok(s) if p.signature.first() == Some(&0xd2) => s,
            Ok(_) => return self.push(st::CAWG_ICA_INVALID_COSE_SIGN1, "not tagged".to_owned()),
            Err(e) => return self.push(st::CAWG_ICA_INVALID_COSE_SIGN1, e.message().to_owned()),
        };
        if sign1.alg_id != Some(EDDSA) {
            let why = format!("COSE algorithm {:?}, not EdDSA", sign1.alg_id);
            return self.push(st::CAWG_ICA_INVALID_ALG, why);
        }
        let protected = cbor::decode(&sign1.protected_raw, env.c2pa).ok();
        let cty = protected.as_ref().and_then(|h| h.get_int(3));
        if cty.and_then(Value::as_text) != Some("application/vc") {
            self.push(
                st::CAWG_ICA_INVALID_CONTENT_TYPE,
                "the content type is not application/vc".to_owned(),
            );
        }
        let Some(payload) = sign1.payload.as_deref() else {
            let why = "the COSE_Sign1 carries no credential".to_owned();
            return self.push(st::CAWG_ICA_INVALID_VERIFIABLE_CREDENTIAL, why);
        };
        let vc = match credential(payload, env.c2pa.limits) {
            Ok(vc) => vc,
            Err(why) => return self.push(st::CAWG_ICA_INVALID_VERIFIABLE_CREDENTIAL, why),
        };
        id.issuer = Some(vc.issuer.clone());
        id.verified_identities = vc.identities.clone();
        id.name = vc
            .identities
            .iter()
            .find_map(|i| i.name.clone())
            .or_else(|| vc.identities.iter().find_map(|i| i.username.clone()));
        id.valid_from = vc.valid_from.map(crate::time::rfc3339);
        id.valid_until = vc.valid_until.map(crate::time::rfc3339);
        let mut budget = Budget::new(env.c2pa.limits);
        let mut trusted = false;
        match self.issuer_signature(env, &sign1, payload, &vc.issuer, &mut budget) {
            Ok(()) => {
                // c2pa-rs `check_issuer_trust`: the issuer without its fragment, compared
                // exactly with each listed DID. Off the list: noted, and
                // `cawg.ica.credential_valid` is withheld.
                let primary = vc.issuer.split('#').next().unwrap_or(&vc.issuer);
                trusted = env.trust.ica_issuers.iter().any(|d| d.trim() == primary);
                if !trusted {
                    self.push(st::CAWG_ICA_UNTRUSTED_ISSUER, vc.issuer.clone());
                }
            }
            Err(e) => {
                let (code, why) = match e {
                    IssuerError::InvalidIssuer(w) => (st::CAWG_ICA_INVALID_ISSUER, w),
                    IssuerError::InvalidDidDocument(w) => (st::CAWG_ICA_INVALID_DID_DOCUMENT, w),
                    IssuerError::Unavailable(w) => (st::CAWG_ICA_DID_UNAVAILABLE, w),
                    IssuerError::Mismatch => (
                        st::CAWG_ICA_SIGNATURE_MISMATCH,
                        "the issuer's signature does not match the credential".to_owned(),
                    ),
                };
                self.push(code, why);
            }
        }
        let tst = self.time_stamp(env, &sign1, payload, &mut budget);
        let now = env.now;
        match vc.valid_from {
            None => {
                self.push(st::CAWG_ICA_VALID_FROM_MISSING, None);
            }
            Some(from) if now < from || tst.is_some_and(|t| t < from) => {
                self.push(
                    st::CAWG_ICA_VALID_FROM_INVALID,
                    "validFrom is after the verification time or the time-stamp".to_owned(),
                );
            }
            Some(_) => {}
        }
        if let Some(until) = vc.valid_until {
            if now > until || tst.is_some_and(|t| t > until) {
                self.push(
                    st::CAWG_ICA_VALID_UNTIL_INVALID,
                    "validUntil is before the verification time or the time-stamp".to_owned(),
                );
            }
        }
        // The signer payload must be what the issuer signed; a missing `alg` is taken from
        // the credential (c2pa-rs `cross_check_signer_payload`).
        let filled: Vec<HashedUri> = p
            .refs
            .iter()
            .zip(vc.asset_refs.iter())
            .map(|(sp, vc_ref)| HashedUri {
                alg: sp.alg.clone().or_else(|| vc_ref.alg.clone()),
                ..sp.clone()
            })
            .collect();
        let same = filled == vc.asset_refs
            && p.refs.len() == vc.asset_refs.len()
            && p.sig_type == vc.asset_sig_type
            && p.roles == vc.asset_roles;
        if !same {
            self.push(st::CAWG_ICA_SIGNER_PAYLOAD_MISMATCH, None);
        }
        // A sound credential is Trusted when its issuer is on the list, else Valid: named,
        // unconfirmed.
        let failed = self
            .findings
            .iter()
            .any(|f| st::kind(f.code) == st::Kind::Failure);
        id.state = if failed {
            IdentityState::Invalid
        } else if trusted {
            self.push(st::CAWG_ICA_CREDENTIAL_VALID, None);
            IdentityState::Trusted
        } else {
            IdentityState::Valid
        };
    }

    /// Resolve the issuer's key and check the COSE signature over the credential.
    fn issuer_signature(
        &mut self,
        env: &Env<'_>,
        sign1: &cose::CoseSign1<'_>,
        payload: &[u8],
        issuer: &str,
        budget: &mut Budget,
    ) -> Result<(), IssuerError> {
        let (method, id) = did_parts(issuer)
            .ok_or_else(|| IssuerError::InvalidIssuer(format!("{issuer} is not a DID")))?;
        let key = match method {
            "jwk" => jwk_key(id)?,
            "web" => {
                return Err(IssuerError::Unavailable(format!(
                    "did:web:{id} would have to be fetched; this checker never fetches it"
                )))
            }
            other => {
                return Err(IssuerError::InvalidIssuer(format!(
                    "unsupported DID method {other}"
                )))
            }
        };
        let tbs = cose::to_be_signed("Signature1", &sign1.protected_raw, payload)
            .map_err(|_| IssuerError::Mismatch)?;
        let verified = key.len() == 32
            && sign1.signature.len() == 64
            && budget.spend()
            && env.crypto.verify(&SigCheck {
                scheme: Scheme::Ed25519,
                key: &key,
                msg: &tbs,
                sig: &sign1.signature,
            });
        if verified {
            Ok(())
        } else {
            Err(IssuerError::Mismatch)
        }
    }

    /// The credential's time-stamp, if any, with no trust list (c2pa-rs checks it with a
    /// pass-through policy): its `genTime` when it verifies.
    fn time_stamp(
        &mut self,
        env: &Env<'_>,
        sign1: &cose::CoseSign1<'_>,
        payload: &[u8],
        budget: &mut Budget,
    ) -> Option<i64> {
        let (version, token) = sign1.timestamp.as_ref()?;
        let input = match version {
            TstVersion::V1 | TstVersion::V2 => {
                timestamp::imprint_input(*version, &sign1.protected_raw, payload, &sign1.signature)
            }
        };
        let outcome = match input {
            Some(i) => timestamp::verify_token(env.crypto, token, &i, &[], budget),
            None => TstOutcome::Malformed("the imprint input is too large".into()),
        };
        match outcome {
            TstOutcome::Verified { time, .. } => {
                self.push(st::CAWG_ICA_TIME_STAMP_VALIDATED, None);
                Some(time)
            }
            TstOutcome::Malformed(w)
            | TstOutcome::Mismatch(w)
            | TstOutcome::OutsideValidity(w)
            | TstOutcome::Untrusted(w) => {
                self.push(st::CAWG_ICA_TIME_STAMP_INVALID, w);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dids_as_the_reference_reads_them() {
        assert_eq!(did_parts("did:jwk:abc#0"), Some(("jwk", "abc")));
        assert_eq!(
            did_parts("did:web:example.com"),
            Some(("web", "example.com"))
        );
        assert_eq!(did_parts("did:Web:x"), None);
        assert_eq!(did_parts("did::x"), None);
        assert_eq!(did_parts("https://example.com"), None);
    }

    #[test]
    fn uris() {
        assert!(is_uri("https://example.com/a"));
        assert!(is_uri("did:jwk:abc"));
        assert!(!is_uri("example.com"));
        assert!(!is_uri("1ab:c"));
    }
}
