//! Which kind of invalid a C2PA result is, and the plain sentence that says so (issue: an
//! untouched file whose certificate merely expired must never read "changed after signing").
//!
//! Every failure code that makes the state Invalid (C2PA 2.2 §15.2; c2pa-rs 0.91
//! `validation_state`) has one kind:
//! - `altered`: a hash or signature does not match, so bytes changed after signing;
//! - `credential`: the signer's credential is not acceptable (expired, revoked, wrong usage),
//!   or only an untrusted time-stamp could have shown it was valid when used;
//! - `malformed`: the manifest breaks a structure rule or a part cannot be read.
//!
//! The most serious kind present wins, in that order. Codes that never make a manifest Invalid
//! (successes, informational notes, `signingCredential.untrusted`, `cawg.x509.*`,
//! `cawg.identity.*`) have none.

pub use super::report::InvalidReason;
use super::report::{StatusEntry, Validation};
use super::status as st;

/// True for a failure that does not make the state Invalid (c2pa-rs
/// `is_tolerated_manifest_failure_code`): an untrusted signer, and the CAWG identity
/// assertion's own findings (`cawg.identity.*`, `cawg.x509.*`), which concern the named actor,
/// not the manifest. c2pa-rs 0.91.3 makes a manifest with such a failure Valid, never Trusted
/// (checked by reading our identity fixtures with it); `cawg.ica.*` failures make it Invalid.
pub fn is_tolerated(code: &str) -> bool {
    code == st::SIGNING_CREDENTIAL_UNTRUSTED
        || code.starts_with("cawg.x509.")
        || code.starts_with("cawg.identity.")
}

/// The kind of one failure code (`None` for a tolerated one).
pub fn kind_of(code: &str) -> Option<InvalidReason> {
    if is_tolerated(code) {
        return None;
    }
    const ALTERED: &[&str] = &[
        "assertion.dataHash.mismatch",
        "assertion.bmffHash.mismatch",
        "assertion.boxesHash.mismatch",
        "assertion.boxesHash.unknownBox",
        "assertion.collectionHash.mismatch",
        "assertion.collectionHash.incorrectFileCount",
        "assertion.hashedURI.mismatch",
        "claimSignature.mismatch",
        "hashedURI.mismatch",
        "ingredient.claimSignature.mismatch",
        "ingredient.hashedURI.mismatch",
        "ingredient.manifest.mismatch",
        "cawg.ica.signature_mismatch",
        "cawg.ica.signer_payload.mismatch",
    ];
    const CREDENTIAL: &[&str] = &[
        "signingCredential.expired",
        "signingCredential.invalid",
        "signingCredential.revoked",
        "signingCredential.ocsp.revoked",
        "claimSignature.outsideValidity",
        "manifest.timestamp.invalid",
        "cawg.ica.did_unavailable",
        "cawg.ica.valid_from.invalid",
        "cawg.ica.valid_until.invalid",
        "cawg.ica.time_stamp.invalid",
    ];
    Some(if ALTERED.contains(&code) {
        InvalidReason::Altered
    } else if CREDENTIAL.contains(&code) {
        InvalidReason::Credential
    } else {
        InvalidReason::Malformed
    })
}

/// The kind of one failure entry in the context of the others: a `claimSignature.mismatch` that
/// only follows from an unsupported algorithm (c2pa-rs adds one to every signature error) is
/// malformed, not altered.
fn kind_in(f: &StatusEntry, all: &[StatusEntry]) -> Option<InvalidReason> {
    if f.code == "claimSignature.mismatch"
        && all
            .iter()
            .any(|o| o.code == st::ALGORITHM_UNSUPPORTED && o.manifest == f.manifest)
    {
        return Some(InvalidReason::Malformed);
    }
    kind_of(&f.code)
}

/// The most serious reason among the failures, if any makes the state Invalid.
pub fn of(v: &Validation) -> Option<InvalidReason> {
    v.failure
        .iter()
        .filter_map(|f| kind_in(f, &v.failure))
        .min()
}

/// One plain sentence for the summary, the page's headline and the CLI. Only `altered` says the
/// file or its credentials changed.
pub fn summary(reason: InvalidReason, v: &Validation) -> String {
    let codes = |k: InvalidReason| -> Vec<&str> {
        let mut c: Vec<&str> = v
            .failure
            .iter()
            .filter(|f| kind_in(f, &v.failure) == Some(k))
            .map(|f| f.code.as_str())
            .collect();
        c.dedup();
        c
    };
    match reason {
        InvalidReason::Altered => {
            let what = if codes(reason).iter().any(|c| c.starts_with("assertion.")) {
                "The file or its credentials were changed after signing"
            } else {
                "The credentials were changed after signing"
            };
            format!(
                "{what} ({}), so nothing they say can be relied on.",
                codes(reason).join(", ")
            )
        }
        InvalidReason::Credential => {
            let intact = v.success.iter().any(|s| {
                s.code.starts_with("assertion.")
                    && s.code.ends_with("Hash.match")
                    && !s.code.contains("hashedURI")
            });
            let head = if intact {
                "The file has not changed since it was signed, but"
            } else {
                "The signature over the credentials checks out, but"
            };
            let c = codes(reason);
            let untrusted_ts = v
                .informational
                .iter()
                .any(|i| i.code == "timeStamp.untrusted");
            let why = if c.contains(&"signingCredential.expired") {
                if untrusted_ts {
                    "the signer's certificate has expired and no trusted time-stamp shows it was \
                     valid then. Loading the official time-stamp list may confirm it."
                } else {
                    "the signer's certificate has expired and no time-stamp shows it was valid \
                     then."
                }
            } else if c.iter().any(|x| x.ends_with(".revoked")) {
                "the signer's certificate has been revoked."
            } else if c.contains(&"cawg.ica.did_unavailable") {
                "the identity credential in them comes from an issuer that can only be looked \
                 up online, which this checker never does, so it cannot be confirmed."
            } else if c.iter().any(|x| x.starts_with("cawg.")) {
                "the identity credential in them is not valid at this time, or its time-stamp \
                 does not check out."
            } else {
                "the signer's certificate is not acceptable for signing Content Credentials."
            };
            format!("{head} {why}")
        }
        InvalidReason::Malformed => format!(
            "The Content Credentials break the rules for how they must be built ({}), so \
             nothing they say can be relied on.",
            codes(reason).join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str) -> StatusEntry {
        StatusEntry {
            code: code.to_owned(),
            explanation: String::new(),
            manifest: Some("m".to_owned()),
            url: None,
        }
    }

    #[test]
    fn the_most_serious_reason_wins() {
        let mut v = Validation::default();
        v.failure.push(entry("signingCredential.untrusted"));
        assert_eq!(of(&v), None);
        v.failure.push(entry("assertion.action.malformed"));
        assert_eq!(of(&v), Some(InvalidReason::Malformed));
        v.failure.push(entry("signingCredential.expired"));
        assert_eq!(of(&v), Some(InvalidReason::Credential));
        v.failure.push(entry("assertion.dataHash.mismatch"));
        assert_eq!(of(&v), Some(InvalidReason::Altered));
    }

    #[test]
    fn a_mismatch_from_an_unsupported_algorithm_is_malformed() {
        let mut v = Validation::default();
        v.failure.push(entry("algorithm.unsupported"));
        v.failure.push(entry("claimSignature.mismatch"));
        assert_eq!(of(&v), Some(InvalidReason::Malformed));
        assert!(!summary(InvalidReason::Malformed, &v).contains("changed"));
    }

    #[test]
    fn an_identity_issuer_that_needs_the_network() {
        let mut v = Validation::default();
        v.failure.push(entry("cawg.ica.did_unavailable"));
        v.failure.push(entry("cawg.x509.credential.untrusted"));
        v.failure.push(entry("cawg.identity.pad.invalid"));
        assert_eq!(of(&v), Some(InvalidReason::Credential));
        let s = summary(InvalidReason::Credential, &v);
        assert!(s.contains("looked up online"), "{s}");
        assert!(!s.contains("changed after signing"), "{s}");
        // Identity findings other than cawg.ica.* never make it Invalid.
        v.failure.remove(0);
        assert_eq!(of(&v), None);
    }
}
