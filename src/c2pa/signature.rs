//! Verifying a C2PA claim signature (C2PA §15.7 "validate the claim signature"): the
//! COSE_Sign1 over the claim bytes, the signer certificate profile, trust and timestamps,
//! reported with the status codes of [`super::status`]. Revocation (OCSP) is not evaluated
//! ([`super::ocsp`]).

use super::cose::{self, Alg, TstVersion};
use super::ocsp;
use super::report::Signer;
use super::status as st;
use super::timestamp::{self, TstOutcome};
pub use super::trust::Trust;
use super::trust::LEGACY_EXPLANATION;
use super::x509::chain::{self, ChainOutcome};
use super::x509::keys;
use super::x509::profile::{self, ProfileError};
use super::x509::{Budget, Cert};
use crate::crypto::Crypto;
use crate::time::rfc3339;

/// Everything the claim signature check found.
#[derive(Debug, Clone, Default)]
pub struct SignatureResult {
    /// Status codes (from [`super::status`]) with a detail sentence.
    pub statuses: Vec<(&'static str, Option<String>)>,
    /// Who signed, for the report.
    pub signer: Signer,
    /// The signature verified and the credential is acceptable (trust aside).
    pub valid: bool,
    /// The signer chains to an anchor (or is allowed) with an accepted EKU.
    pub trusted: bool,
}

/// Seconds since the Unix epoch now. Native: the system clock. wasm32: `Date.now()`
/// (`SystemTime::now` panics there).
pub fn now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        let ms = js_sys::Date::now();
        if ms.is_finite() && ms > 0.0 {
            // Whole seconds; the float-to-int conversion saturates.
            #[allow(clippy::as_conversions)]
            return (ms / 1000.0) as i64;
        }
        0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    }
}

fn push(r: &mut SignatureResult, code: &'static str, detail: impl Into<Option<String>>) {
    r.statuses.push((code, detail.into()));
}

/// True if `sig` is a DER `SEQUENCE { INTEGER, INTEGER }` filling all of it.
pub(super) fn is_der_ecdsa(sig: &[u8]) -> bool {
    let Some((whole, content, rest)) = super::x509::der_tlv(sig) else {
        return false;
    };
    if whole.first() != Some(&0x30) || !rest.is_empty() {
        return false;
    }
    let Some((r, _, rest)) = super::x509::der_tlv(content) else {
        return false;
    };
    let Some((s, _, rest)) = super::x509::der_tlv(rest) else {
        return false;
    };
    r.first() == Some(&0x02) && s.first() == Some(&0x02) && rest.is_empty()
}

/// A token whose authority does not chain to the anchors in use may chain to the legacy
/// ("interim") list instead; that counts only for a `genTime` before the list's freeze.
/// `again` re-checks the token against other anchors.
fn legacy_tsa(
    outcome: TstOutcome,
    trust: &Trust,
    used: &mut bool,
    budget: &mut Budget,
    again: impl FnOnce(&[Cert<'_>], &mut Budget) -> TstOutcome,
) -> TstOutcome {
    match outcome {
        TstOutcome::Verified {
            time,
            trusted: false,
        } if trust.legacy.applies_at(time) => {
            let legacy = again(&trust.legacy.anchors, budget);
            if matches!(legacy, TstOutcome::Verified { trusted: true, .. }) {
                *used = true;
                legacy
            } else {
                outcome
            }
        }
        other => other,
    }
}

/// Check the first timestamp token (C2PA §10.3.2.5): the `genTime` of a token that verifies,
/// and whether it counts for judging the signer.
///
/// As c2pa-rs 0.91 (`claim.rs` `verify_claim`, `crypto/time_stamp/verify.rs`): for a v2 claim
/// a token counts only when its authority chains to an anchor in use (else
/// `timeStamp.untrusted`, and the signer is judged at the verification time); for a v1 claim
/// the authority is not chained and a token that verifies counts (`timeStamp.trusted`).
/// `v2_claim` is `None` when the claim version is unknown: the header name decides.
fn check_timestamp(
    crypto: &dyn Crypto,
    r: &mut SignatureResult,
    sign1: &cose::CoseSign1<'_>,
    claim_bytes: &[u8],
    v2_claim: Option<bool>,
    trust: &Trust,
    budget: &mut Budget,
) -> Option<(i64, bool)> {
    let (version, token) = sign1.timestamp.as_ref()?;
    let mut legacy_tsa_used = false;
    let outcome = match timestamp::imprint_input(
        *version,
        &sign1.protected_raw,
        claim_bytes,
        &sign1.signature,
    ) {
        Some(input) => {
            let outcome =
                timestamp::verify_token(crypto, token, &input, &trust.tsa_roots(), budget);
            legacy_tsa(
                outcome,
                trust,
                &mut legacy_tsa_used,
                budget,
                |anchors, b| timestamp::verify_token(crypto, token, &input, anchors, b),
            )
        }
        None => TstOutcome::Malformed("the timestamp imprint input is too large".into()),
    };
    match outcome {
        TstOutcome::Verified { time, trusted } => {
            push(
                r,
                st::TIME_STAMP_VALIDATED,
                format!("timestamp at {}", rfc3339(time)),
            );
            let needs_trust = v2_claim.unwrap_or(*version == TstVersion::V2);
            if trusted || !needs_trust {
                push(
                    r,
                    st::TIME_STAMP_TRUSTED,
                    legacy_tsa_used.then(|| LEGACY_EXPLANATION.to_string()),
                );
                Some((time, true))
            } else {
                push(
                    r,
                    st::TIME_STAMP_UNTRUSTED,
                    "the time-stamp authority does not chain to a trust anchor in use, so the \
                     time-stamp is ignored"
                        .to_string(),
                );
                Some((time, false))
            }
        }
        TstOutcome::Untrusted(s) => {
            push(r, st::TIME_STAMP_UNTRUSTED, s);
            None
        }
        TstOutcome::Mismatch(s) => {
            push(r, st::TIME_STAMP_MISMATCH, s);
            None
        }
        TstOutcome::Malformed(s) => {
            push(r, st::TIME_STAMP_MALFORMED, s);
            None
        }
        TstOutcome::OutsideValidity(s) => {
            push(r, st::TIME_STAMP_OUTSIDE_VALIDITY, s);
            None
        }
    }
}

/// Verify `cose_sign1` (the `c2pa.signature` box content) over `claim_bytes`, at
/// `verify_time` (seconds since the epoch; `None` = now) unless a verified timestamp fixes the
/// signing time. Arbitrary bytes never panic; work is bounded by `limits`. The claim version is
/// not known here, so time-stamp trust follows the header name; see
/// [`verify_claim_signature_of`]. Native builds only: the native backend answers
/// (`crypto::native`).
#[cfg(not(target_arch = "wasm32"))]
pub fn verify_claim_signature(
    cose_sign1: &[u8],
    claim_bytes: &[u8],
    trust: &Trust,
    verify_time: Option<i64>,
    limits: &crate::limits::Limits,
) -> SignatureResult {
    let crypto = crate::crypto::session::Session::new(crate::crypto::native::NativeCrypto);
    verify_with(
        &crypto,
        cose_sign1,
        claim_bytes,
        None,
        trust,
        verify_time,
        &crate::limits::C2paBudget::new(limits),
    )
}

/// [`verify_claim_signature`] for a claim of version `claim_version` (1 for `c2pa.claim`, 2 for
/// `c2pa.claim.v2`): a v2 claim's time-stamp counts only when its authority is trusted. Native
/// builds only: the native backend answers (`crypto::native`).
#[cfg(not(target_arch = "wasm32"))]
pub fn verify_claim_signature_of(
    cose_sign1: &[u8],
    claim_bytes: &[u8],
    claim_version: u8,
    trust: &Trust,
    verify_time: Option<i64>,
    limits: &crate::limits::Limits,
) -> SignatureResult {
    let v2 = Some(claim_version >= 2);
    let crypto = crate::crypto::session::Session::new(crate::crypto::native::NativeCrypto);
    verify_with(
        &crypto,
        cose_sign1,
        claim_bytes,
        v2,
        trust,
        verify_time,
        &crate::limits::C2paBudget::new(limits),
    )
}

/// The claim signature check with `crypto` answering the digests and signature checks;
/// `v2_claim` as for [`verify_claim_signature_of`] (`None`: the claim version is unknown).
pub fn verify_with(
    crypto: &dyn Crypto,
    cose_sign1: &[u8],
    claim_bytes: &[u8],
    v2_claim: Option<bool>,
    trust: &Trust,
    verify_time: Option<i64>,
    c2pa: &crate::limits::C2paBudget<'_>,
) -> SignatureResult {
    let mut r = SignatureResult::default();
    let limits = c2pa.limits;
    let mut budget = Budget::new(limits);
    let now = verify_time.unwrap_or_else(now);

    let sign1 = match cose::parse(cose_sign1, c2pa) {
        Ok(s) => s,
        Err(e) => {
            // c2pa-rs reports an unreadable COSE_Sign1 as a mismatch. One that our budget
            // (`Limits::max_c2pa_bytes`) refused was not read, so nothing says it was altered:
            // that is a `general.error` (c2pa-rs has no such budget).
            let code = if e.kind() == crate::error::ErrorKind::LimitExceeded {
                st::GENERAL_ERROR
            } else {
                st::CLAIM_SIGNATURE_MISMATCH
            };
            push(
                &mut r,
                code,
                format!("the claim signature could not be read: {}", e.message()),
            );
            return r;
        }
    };
    let Some(alg) = sign1.alg_id.and_then(Alg::from_cose) else {
        push(
            &mut r,
            st::ALGORITHM_UNSUPPORTED,
            format!("COSE algorithm {:?} is not one C2PA allows", sign1.alg_id),
        );
        // c2pa-rs turns every signature error into a mismatch as well (`verify_internal`).
        push(
            &mut r,
            st::CLAIM_SIGNATURE_MISMATCH,
            "the signature cannot be checked with an unsupported algorithm".to_string(),
        );
        return r;
    };
    r.signer.alg = Some(alg.name().to_string());
    // `cose::parse` keeps the first `Limits::max_chain_len` certificates.
    let mut certs = Vec::new();
    for der in &sign1.x5chain {
        match Cert::parse(der) {
            Some(c) => certs.push(c),
            None => {
                push(
                    &mut r,
                    st::SIGNING_CREDENTIAL_INVALID,
                    "a certificate in x5chain could not be read".to_string(),
                );
                return r;
            }
        }
    }
    let Some((ee, intermediates)) = certs.split_first() else {
        push(
            &mut r,
            st::CLAIM_SIGNATURE_MISSING,
            "the claim signature carries no x5chain".to_string(),
        );
        return r;
    };
    r.signer.chain = certs.iter().map(|c| c.summary(crypto)).collect();
    r.signer.common_name = ee.name_attr(false, crate::der::oid::CN);
    r.signer.organization = ee.name_attr(false, crate::der::oid::O);
    r.signer.issuer = ee
        .name_attr(true, crate::der::oid::O)
        .or_else(|| ee.name_attr(true, crate::der::oid::CN));

    // Timestamps first: a verified one fixes the time the certificate is judged at.
    let token = check_timestamp(
        crypto,
        &mut r,
        &sign1,
        claim_bytes,
        v2_claim,
        trust,
        &mut budget,
    );
    let tst_time = token.and_then(|(t, counts)| counts.then_some(t));
    let at = tst_time.unwrap_or(now);
    // The time shown is the token's whenever it verifies, as c2pa-rs shows it, even when an
    // untrusted authority keeps it from counting.
    r.signer.timestamped = token.is_some();
    r.signer.time = token.map(|(t, _)| rfc3339(t));

    // The claim signature is checked before chain building so that a spent budget can only
    // cost trust, never the signature itself.
    let verified = match cose::to_be_signed("Signature1", &sign1.protected_raw, claim_bytes) {
        Ok(tbs) if budget.spend() => {
            keys::verify_cose(crypto, alg, &ee.spki(), &tbs, &sign1.signature)
        }
        _ => false,
    };
    // COSE wants ECDSA as raw r‖s (RFC 9053 §2.1); c2pa-rs refuses a DER-encoded one as an
    // invalid credential.
    if matches!(alg, Alg::Es256 | Alg::Es384 | Alg::Es512) && is_der_ecdsa(&sign1.signature) {
        push(
            &mut r,
            st::SIGNING_CREDENTIAL_INVALID,
            "the ECDSA signature is DER-encoded, not raw r‖s".to_string(),
        );
    }
    // The legacy ("interim") list judges only a signer judged at a time before its freeze.
    let legacy_on = trust.legacy.applies_at(at);
    let mut profile = profile::check_end_entity(ee, &trust.accepted_ekus(), at);
    let mut legacy_profile = false;
    if legacy_on && matches!(profile, Err(ProfileError::Invalid(_))) {
        // An EKU only the legacy list's store.cfg accepts: acceptable if the legacy list
        // trusts the signer (checked below).
        if profile::check_end_entity(ee, &trust.legacy.ekus, at).is_ok() {
            legacy_profile = true;
        }
    }
    let allowed = trust.allowed.allows(ee, crypto);
    let intermediates: Vec<&Cert> = intermediates.iter().collect();
    let official = if allowed {
        Ok(())
    } else {
        match chain::build_at(
            crypto,
            ee,
            &intermediates,
            &trust.anchors,
            tst_time,
            &mut budget,
        ) {
            ChainOutcome::Anchored(_) => Ok(()),
            ChainOutcome::NotAnchored(why) => Err(why),
        }
    };
    let legacy = legacy_on
        && official.is_err()
        && (trust.legacy.allowed.allows(ee, crypto)
            || matches!(
                chain::build_at(
                    crypto,
                    ee,
                    &intermediates,
                    &trust.legacy.anchors,
                    tst_time,
                    &mut budget
                ),
                ChainOutcome::Anchored(_)
            ));
    if legacy_profile && legacy {
        profile = Ok(());
    }
    let profile_ok = match profile {
        Ok(()) => true,
        Err(ProfileError::Expired(s)) => {
            push(&mut r, st::SIGNING_CREDENTIAL_EXPIRED, s);
            false
        }
        Err(ProfileError::Invalid(s)) => {
            push(&mut r, st::SIGNING_CREDENTIAL_INVALID, s);
            false
        }
    };
    let listed = official.is_ok() || legacy;
    if let (Err(why), false) = (official, legacy) {
        push(&mut r, st::SIGNING_CREDENTIAL_UNTRUSTED, why);
    }
    r.trusted = profile_ok && listed;
    r.signer.legacy_trust = r.trusted && legacy;
    if r.trusted {
        let detail = if legacy {
            Some(LEGACY_EXPLANATION.to_string())
        } else {
            allowed.then(|| "on the allowed list".to_string())
        };
        push(&mut r, st::SIGNING_CREDENTIAL_TRUSTED, detail);
    } else if listed {
        push(
            &mut r,
            st::SIGNING_CREDENTIAL_UNTRUSTED,
            "the certificate profile is not acceptable".to_string(),
        );
    }

    if verified {
        push(&mut r, st::CLAIM_SIGNATURE_VALIDATED, None);
        // c2pa-rs logs this whenever the signature verifies, even with an expired certificate
        // (which it reports separately as signingCredential.expired).
        push(&mut r, st::CLAIM_SIGNATURE_INSIDE_VALIDITY, None);
    } else {
        push(
            &mut r,
            st::CLAIM_SIGNATURE_MISMATCH,
            "the signature does not verify over the claim".to_string(),
        );
    }
    r.statuses.push(ocsp::report(sign1.ocsp_count));
    r.valid = verified && profile_ok;
    r
}
