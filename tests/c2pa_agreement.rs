//! Agreement with the reference validator (c2pa-rs 0.91.3, corpus VALIDATION.json): for every
//! corpus file the reference could read, under each of the four trust profiles of PROFILES.md,
//! verified as of 2026-11-28T12:00:00Z, our `c2pa.state` must equal the reference's and every
//! failure code it reports (active manifest and ingredient deltas) must be among ours.
//!
//! Deliberate differences are listed in [`DIFFERENCES`] with the reason. The test fails on any
//! unlisted difference, and on a listed one that no longer differs, so the list stays honest.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod common;

use ailabel::{Options, TrustSettings};
use std::path::Path;

/// 2026-11-28T12:00:00Z, the day the reference results were computed.
const VERIFY_TIME: i64 = 1_795_867_200;

/// (file, profile or "*", reason) for each deliberate difference.
const DIFFERENCES: &[(&str, &str, &str)] = &[];

const PROFILES: [&str; 4] = ["none", "c2pa_tl", "interim", "test"];

fn read(corpus: &Path, rel: &str) -> String {
    std::fs::read_to_string(corpus.join(rel)).unwrap()
}

/// Trust settings per PROFILES.md, as file contents.
fn trust(corpus: &Path, profile: &str) -> TrustSettings {
    let mut t = TrustSettings::default();
    match profile {
        "c2pa_tl" => {
            let both = read(corpus, "trust-lists/C2PA-TRUST-LIST.pem")
                + "\n"
                + &read(corpus, "trust-lists/C2PA-TSA-TRUST-LIST.pem");
            t.trust_anchors.push(both);
        }
        "interim" => {
            t.trust_anchors
                .push(read(corpus, "trust-lists/interim-anchors.pem"));
            t.allowed_list
                .push(read(corpus, "trust-lists/interim-allowed.pem"));
            t.trust_config
                .push(read(corpus, "trust-lists/interim-store.cfg"));
        }
        "test" => {
            t.trust_anchors
                .push(read(corpus, "trust-lists/test-anchors.pem"));
            t.trust_config
                .push(read(corpus, "c2pa-rs-fixtures/trust/store.cfg"));
        }
        _ => {}
    }
    t
}

#[test]
fn agrees_with_reference_results() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let reference: serde_json::Value =
        serde_json::from_str(&read(&corpus, "VALIDATION.json")).unwrap();
    let mut rows = Vec::new();
    let mut unlisted = Vec::new();
    let mut stale = Vec::new();
    let (mut agree, mut total) = (0, 0);
    for profile in PROFILES {
        let options = Options {
            trust: trust(&corpus, profile),
            verify_time: Some(VERIFY_TIME),
            watermarks: false,
            ..Options::default()
        };
        for entry in reference.as_array().unwrap() {
            let file = entry["file"].as_str().unwrap();
            let r = &entry[profile];
            if r["state"] == "ERROR" {
                continue;
            }
            total += 1;
            let bytes = std::fs::read(corpus.join(file)).unwrap();
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
                .any(|(f, p, _)| *f == file && (*p == profile || *p == "*"));
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
    assert!(total > 100, "only {total} reference results were compared");
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
}
