//! Agreement with the reference validator (c2pa-rs 0.91.3, `tests/fixtures/reference.json`): for
//! every fixture file the reference could read, under each of the four trust profiles of PROFILES.md,
//! verified as of 2026-11-28T12:00:00Z, our `c2pa.state` must equal the reference's and every
//! failure code it reports (active manifest and ingredient deltas) must be among ours.
//!
//! Deliberate differences are listed in [`DIFFERENCES`] with the reason. The test fails on any
//! unlisted difference, and on a listed one that no longer differs, so the list stays honest.
//! Files built in code that the reference reads differently on purpose are checked where they
//! are built, with the reference's result in their doc: a C2PA store Brotli-compressed in a
//! JPEG XL `brob` box, which the reference does not read (`jxl_brob.rs`).

use crate::support::differences::DIFFERENCES;
use crate::support::{fixtures, reference_files};

use ailabel::Options;
use std::path::Path;

/// Compares every reference result that is not an ERROR with ours; `root` holds the files.
fn agreement(root: &Path, reference: &[serde_json::Value]) -> usize {
    let mut rows = Vec::new();
    let mut unlisted = Vec::new();
    let mut stale = Vec::new();
    let (mut agree, mut total) = (0, 0);
    for profile in fixtures::PROFILES {
        let options = fixtures::profile_options(profile);
        for entry in reference {
            let file = entry["file"].as_str().unwrap();
            // DIFFERENCES name the file by its research-corpus path.
            let corpus_path = entry["corpus"].as_str().unwrap_or(file);
            let r = &entry[profile];
            if r["state"] == "ERROR" {
                continue;
            }
            total += 1;
            let bytes = std::fs::read(root.join(file)).unwrap();
            let report = ailabel::check(&bytes, &options);
            let (ours, codes): (String, Vec<String>) = match &report.c2pa {
                Some(c) => (
                    format!("{:?}", c.state),
                    c.validation
                        .failure
                        .iter()
                        .map(|f| f.code.clone())
                        .collect(),
                ),
                None => ("none".to_owned(), Vec::new()),
            };
            let theirs = r["state"].as_str().unwrap();
            let mut missing: Vec<&str> = r["failure"]
                .as_array()
                .unwrap()
                .iter()
                .chain(r["ingredient_fail"].as_array().unwrap())
                .map(|c| c.as_str().unwrap())
                .filter(|c| !codes.iter().any(|o| o == c))
                .collect();
            missing.dedup();
            let differs = ours != theirs || !missing.is_empty();
            let listed = DIFFERENCES
                .iter()
                .any(|(f, p, _)| *f == corpus_path && (*p == profile || *p == "*"));
            if differs {
                let row = format!(
                    "{file} [{profile}]: ours {ours}, reference {theirs}; missing {missing:?}; ours {codes:?}"
                );
                if !listed {
                    unlisted.push(row.clone());
                }
                rows.push(row);
            } else {
                agree += 1;
                if listed {
                    stale.push(format!("{file} [{profile}]"));
                }
            }
        }
    }
    println!("agreement: {agree}/{total}");
    for r in &rows {
        println!("  DIFF {r}");
    }
    assert!(
        stale.is_empty(),
        "listed differences that now agree (remove them): {stale:?}"
    );
    assert!(
        unlisted.is_empty(),
        "{} unlisted differences:\n{}",
        unlisted.len(),
        unlisted.join("\n")
    );
    total
}

/// The list the browser tests embed is `reference.json`'s.
#[test]
fn the_embedded_list_follows_the_reference() {
    let names: Vec<String> = fixtures::reference()
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, reference_files::NAMES);
}

/// The copied files: 49 files the reference read, under four profiles.
#[test]
fn agrees_with_reference_results() {
    let total = agreement(&fixtures::fixtures(), &fixtures::reference());
    assert_eq!(total, 49 * 4, "reference results compared");
}

/// The whole research corpus (one more file than the copy: a 3.4 MB PNG).
#[test]
#[ignore = "needs AILABEL_CORPUS (the full research corpus)"]
fn full_corpus_agrees_with_reference_results() {
    let total = agreement(&fixtures::full_corpus(), &fixtures::full_reference());
    assert_eq!(total, 50 * 4, "reference results compared");
}

/// Debug aid: `C2PA_DUMP=path cargo test --test it c2pa::agreement::dump -- --ignored --nocapture`.
#[test]
#[ignore = "debug aid"]
fn dump() {
    let path = std::env::var("C2PA_DUMP").unwrap();
    let report = ailabel::check(&std::fs::read(path).unwrap(), &Options::default());
    let mut v = serde_json::to_value(&report).unwrap();
    if let Some(ms) = v["c2pa"]["manifests"].as_array_mut() {
        for m in ms {
            m.as_object_mut().unwrap().remove("thumbnail");
        }
    }
    println!("{}", serde_json::to_string_pretty(&v).unwrap());
}

/// The verdict follows the reference state and the AI declaration: DALL-E (AI declared in its
/// ingredient manifest) is ai-signed with no trust list and ai-verified under the interim list
/// (reference: Valid / Trusted); a camera-less "C" file with valid credentials and no AI source
/// type is provenance; a tampered file is invalid.
#[test]
fn verdicts_follow_state_and_ai() {
    let cases = [
        (
            "c2pa/generators/DALL-E_cloud_surfing_puppy.webp",
            "none",
            "ai-signed",
        ),
        (
            "c2pa/generators/DALL-E_cloud_surfing_puppy.webp",
            "interim",
            "ai-verified",
        ),
        ("c2pa/chains/adobe-20220124-CA.jpg", "none", "provenance"),
        (
            "c2pa/tampered/adobe-20220124-E-dat-CA.jpg",
            "test",
            "invalid",
        ),
        ("c2pa/certificates/ocsp.jpg", "interim", "ai-verified"),
    ];
    for (file, profile, verdict) in cases {
        let options = fixtures::profile_options(profile);
        let report = ailabel::check(&fixtures::read(file), &options);
        assert_eq!(report.verdict.as_str(), verdict, "{file} [{profile}]");
        let c2pa_signal = report
            .signals
            .iter()
            .find(|s| s.family == ailabel::Family::C2pa);
        assert!(c2pa_signal.is_some(), "{file}: no C2PA signal");
    }
}

/// Every code of our status table is spelled as the reference spells it: it is among the 97 codes
/// c2pa-rs can emit (STATUS-CODES.txt), or one of the few newer codes the reference does not
/// emit yet, listed here with where they come from.
#[test]
fn status_codes_are_spelled_as_the_reference() {
    const ICA: &str = "claim_aggregation/ica_signature_verifier.rs";
    const NEWER: &[(&str, &str)] = &[
        ("manifest.text.corruptedWrapper", "C2PA 2.4 A.8"),
        ("manifest.text.multipleWrappers", "C2PA 2.4 A.8"),
        ("manifest.structuredText.noManifest", "C2PA 2.4 A.9"),
        ("manifest.structuredText.emptyReference", "C2PA 2.4 A.9"),
        ("manifest.structuredText.multipleReferences", "C2PA 2.4 A.9"),
        (
            "assertion.bmffHash.additionalExclusionsPresent",
            "c2pa-rs 0.28 and later",
        ),
        // c2pa-rs emits these as string literals in sdk/src/identity/ (not constants of
        // validation_status.rs, which STATUS-CODES.txt lists); CAWG identity 1.1 §8.
        (
            "cawg.identity.well-formed",
            "identity_assertion/assertion.rs",
        ),
        (
            "cawg.identity.pad.invalid",
            "identity_assertion/assertion.rs",
        ),
        (
            "cawg.identity.assertion.mismatch",
            "identity_assertion/signer_payload.rs",
        ),
        (
            "cawg.identity.assertion.duplicate",
            "identity_assertion/signer_payload.rs",
        ),
        (
            "cawg.identity.hard_binding_missing",
            "identity_assertion/signer_payload.rs",
        ),
        (
            "cawg.identity.sig_type.unknown",
            "claim_aggregation/ica_signature_verifier.rs",
        ),
        ("cawg.ica.credential_valid", ICA),
        ("cawg.ica.invalid_cose_sign1", ICA),
        ("cawg.ica.invalid_alg", ICA),
        ("cawg.ica.invalid_content_type", ICA),
        ("cawg.ica.invalid_verifiable_credential", ICA),
        ("cawg.ica.invalid_issuer", ICA),
        ("cawg.ica.did_unavailable", ICA),
        ("cawg.ica.invalid_did_document", ICA),
        ("cawg.ica.signature_mismatch", ICA),
        ("cawg.ica.time_stamp.validated", ICA),
        ("cawg.ica.time_stamp.invalid", ICA),
        ("cawg.ica.valid_from.missing", ICA),
        ("cawg.ica.valid_from.invalid", ICA),
        ("cawg.ica.valid_until.invalid", ICA),
        ("cawg.ica.signer_payload.mismatch", ICA),
    ];
    let list = fixtures::read_str("STATUS-CODES.txt");
    let reference: Vec<&str> = list.split_whitespace().collect();
    assert!(reference.len() > 90, "{}", reference.len());
    for c in ailabel::c2pa::status::TABLE {
        assert!(
            reference.contains(&c.code) || NEWER.iter().any(|(n, _)| *n == c.code),
            "{} is not a code the reference knows",
            c.code
        );
    }
}
