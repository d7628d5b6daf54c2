//! OCSP for the claim signer (C2PA 2.2 §14.5.2, RFC 6960): **not evaluated.**
//!
//! Revocation is never checked. OCSP responders are never contacted, and a response stapled in
//! the COSE unprotected header (`rVals.ocspVals`) is not evaluated: its signature, responder,
//! `certStatus` and `thisUpdate`/`nextUpdate` are not read. So this verifier never reports
//! `signingCredential.ocsp.notRevoked`, `signingCredential.ocsp.revoked` or
//! `signingCredential.ocsp.unknown`. Every signature gets the informational
//! `signingCredential.ocsp.skipped`, whose detail says whether a response was stapled.
//!
//! The reference (c2pa-rs with fetching off) also notes `signingCredential.ocsp.skipped` when no
//! response is stapled; when one is, it evaluates it, and we differ (only in the informational
//! list: a revoked signer would be a failure there and is not one here).

use super::status as st;

/// The informational status for a signature with `stapled` stapled responses, with a detail
/// saying why revocation was not checked.
pub fn report(stapled: usize) -> (&'static str, Option<String>) {
    let detail = if stapled == 0 {
        "no OCSP response is stapled, and OCSP is never fetched".to_owned()
    } else {
        format!(
            "{} stapled OCSP response(s) present but not evaluated: this verifier does not check \
             revocation",
            stapled
        )
    };
    (st::SIGNING_CREDENTIAL_OCSP_SKIPPED, Some(detail))
}
