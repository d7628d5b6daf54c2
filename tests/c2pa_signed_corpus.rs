//! Claim signatures of real files in the research corpus, checked against the c2pa-rs 0.91.3
//! reference results (VALIDATION.json) under its four trust profiles (PROFILES.md), as of
//! 2026-11-28T12:00:00Z.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod common;
mod support;

use ailabel::c2pa::signature::{status_kind, verify_claim_signature, StatusKind, Trust};
use ailabel::Limits;
use ailabel::TrustSettings;
use std::collections::BTreeSet;
use std::path::Path;

const T: i64 = 1_795_867_200;

fn read(dir: &Path, p: &str) -> String {
    std::fs::read_to_string(dir.join(p)).unwrap()
}

fn profile(dir: &Path, name: &str) -> TrustSettings {
    match name {
        "none" => TrustSettings::default(),
        "c2pa_tl" => TrustSettings {
            trust_anchors: vec![
                read(dir, "trust-lists/C2PA-TRUST-LIST.pem")
                    + &read(dir, "trust-lists/C2PA-TSA-TRUST-LIST.pem"),
            ],
            ..TrustSettings::default()
        },
        "interim" => TrustSettings {
            trust_anchors: vec![read(dir, "trust-lists/interim-anchors.pem")],
            allowed_list: vec![read(dir, "trust-lists/interim-allowed.pem")],
            trust_config: vec![read(dir, "trust-lists/interim-store.cfg")],
            ..TrustSettings::default()
        },
        "test" => TrustSettings {
            trust_anchors: vec![read(dir, "trust-lists/test-anchors.pem")],
            trust_config: vec![read(dir, "c2pa-rs-fixtures/trust/store.cfg")],
            ..TrustSettings::default()
        },
        _ => unreachable!(),
    }
}

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

#[test]
fn corpus_signatures_match_the_reference() {
    let Some(dir) = common::corpus() else {
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&read(&dir, "VALIDATION.json")).unwrap();
    let mut checked = 0;
    let mut diffs = Vec::new();
    for entry in v.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let Some(store) = support::jumbf::store(&bytes) else {
            continue;
        };
        let Some((label, claim, cose)) = support::jumbf::active_claim_and_signature(&store) else {
            continue;
        };
        for name in ["none", "c2pa_tl", "interim", "test"] {
            let p = &entry[name];
            if p["state"] == "ERROR" {
                continue;
            }
            let expected: BTreeSet<String> = ["failure", "info"]
                .iter()
                .flat_map(|k| p[k].as_array().cloned().unwrap_or_default())
                .filter_map(|c| c.as_str().map(str::to_string))
                .filter(|c| signature_code(c))
                .collect();
            let (trust, warnings) = Trust::from_settings(&profile(&dir, name));
            let r = verify_claim_signature(&cose, &claim, &trust, Some(T), &Limits::default());
            let got: BTreeSet<String> = r
                .statuses
                .iter()
                .filter(|s| status_kind(s.0) != StatusKind::Success)
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
fn corpus_signers_match_the_reference() {
    // VALIDATION.json's top-level `issuer` is the signer certificate's subject organisation,
    // `sig_time` the verified timestamp's time (absent when the timestamp does not verify),
    // `alg` the COSE algorithm.
    let Some(dir) = common::corpus() else { return };
    let v: serde_json::Value = serde_json::from_str(&read(&dir, "VALIDATION.json")).unwrap();
    let (trust, _) = Trust::from_settings(&TrustSettings::default());
    let mut checked = 0;
    for entry in v.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let Some(alg) = entry["alg"].as_str() else {
            continue;
        };
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            continue;
        };
        let Some(store) = support::jumbf::store(&bytes) else {
            continue;
        };
        let Some((_, claim, cose)) = support::jumbf::active_claim_and_signature(&store) else {
            continue;
        };
        let r = verify_claim_signature(&cose, &claim, &trust, Some(T), &Limits::default());
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
