//! Claim signatures of real files (`tests/fixtures`), checked against the c2pa-rs 0.91.3
//! reference results (VALIDATION.json) under its four trust profiles (PROFILES.md), as of
//! 2026-11-28T12:00:00Z.

use crate::support;
use crate::support::fixtures;

use ailabel::c2pa::signature::{verify_claim_signature, SignatureResult, Trust};
use ailabel::c2pa::status::{kind, Kind};
use ailabel::Limits;
use ailabel::TrustSettings;
use std::collections::BTreeSet;

fn signature_code(c: &str) -> bool {
    [
        "claimSignature.",
        "signingCredential.",
        "timeStamp.",
        "algorithm.",
    ]
    .iter()
    .any(|p| c.starts_with(p))
}

/// The active manifest's label, claim and COSE signature of a fixture, if it has a store.
fn active_signature(file: &str) -> Option<(String, Vec<u8>, Vec<u8>)> {
    let store = support::jumbf::store(&fixtures::read(file))?;
    support::jumbf::active_claim_and_signature(&store)
}

/// The corpus file whose signature carries a stapled OCSP response.
const STAPLED_OCSP: &str = "c2pa-rs-fixtures/ocsp.jpg";

/// The claim signature checked as of the reference time.
fn verify(cose: &[u8], claim: &[u8], trust: &Trust) -> SignatureResult {
    verify_claim_signature(
        cose,
        claim,
        trust,
        Some(fixtures::VERIFY_TIME),
        &Limits::default(),
    )
}

#[test]
fn real_signatures_match_the_reference() {
    let mut checked = 0;
    let mut diffs = Vec::new();
    for entry in &fixtures::reference() {
        let file = entry["file"].as_str().unwrap();
        let Some((label, claim, cose)) = active_signature(file) else {
            continue;
        };
        for name in fixtures::PROFILES {
            let p = &entry[name];
            if p["state"] == "ERROR" {
                continue;
            }
            let mut expected: BTreeSet<String> = ["failure", "info"]
                .iter()
                .flat_map(|k| p[k].as_array().cloned().unwrap_or_default())
                .filter_map(|c| c.as_str().map(str::to_string))
                .filter(|c| signature_code(c))
                .collect();
            if entry["corpus"].as_str() == Some(STAPLED_OCSP) {
                // Deliberate difference: the reference evaluates the stapled OCSP response (and,
                // finding it good, says nothing); we do not evaluate stapled responses and say
                // so with the informational `signingCredential.ocsp.skipped`.
                expected.insert("signingCredential.ocsp.skipped".to_owned());
            }
            let (trust, warnings) = Trust::from_settings(&fixtures::trust(name));
            let r = verify(&cose, &claim, &trust);
            let got: BTreeSet<String> = r
                .statuses
                .iter()
                .filter(|s| kind(s.0) != Kind::Success)
                .map(|s| s.0.to_string())
                .collect();
            checked += 1;
            if got != expected {
                diffs.push(format!(
                    "{file} [{name}] ({label}): expected {expected:?}, got {got:?} {:?} warnings={}",
                    r.statuses, warnings.len()
                ));
            }
        }
    }
    assert!(
        checked >= 40,
        "only {checked} file/profile pairs were checked"
    );
    assert!(
        diffs.is_empty(),
        "{} of {checked} differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn real_signers_match_the_reference() {
    // VALIDATION.json's top-level `issuer` is the signer certificate's subject organisation,
    // `sig_time` the verified timestamp's time (absent when the timestamp does not verify),
    // `alg` the COSE algorithm.
    let (trust, _) = Trust::from_settings(&TrustSettings::default());
    let mut checked = 0;
    for entry in &fixtures::reference() {
        let file = entry["file"].as_str().unwrap();
        let Some(alg) = entry["alg"].as_str() else {
            continue;
        };
        let Some((_, claim, cose)) = active_signature(file) else {
            continue;
        };
        let r = verify(&cose, &claim, &trust);
        assert_eq!(
            r.signer.alg.as_deref().map(str::to_uppercase),
            Some(alg.to_uppercase()),
            "{file}"
        );
        assert_eq!(
            r.signer.organization.as_deref(),
            entry["issuer"].as_str(),
            "{file}"
        );
        let want_time = entry["sig_time"].as_str().map(|t| t.replace("+00:00", "Z"));
        assert_eq!(r.signer.time, want_time, "{file}");
        assert_eq!(r.signer.timestamped, want_time.is_some(), "{file}");
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} signers were checked");
}
