//! Structural C2PA checks (hashed URIs, data hash, missing assertions and ingredients) against
//! the reference results, independent of the container walkers and of signature verification:
//! a test-only JPEG APP11 scanner hands the store and its segment ranges to `c2pa::verify`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod common;

use ailabel::c2pa;
use ailabel::container::{Embedded, Location, Payload};
use std::borrow::Cow;

/// Reassemble the C2PA store from JPEG APP11 segments (C2PA 2.2 A.3.1), with the segment ranges.
fn app11_store(b: &[u8]) -> Option<(Vec<u8>, Vec<std::ops::Range<u64>>)> {
    let mut i = 2;
    let mut store = Vec::new();
    let mut ranges = Vec::new();
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let seg = &b[i + 4..(i + 2 + len).min(b.len())];
        if marker == 0xEB && seg.len() > 16 && &seg[0..2] == b"JP" {
            let z = u32::from_be_bytes([seg[4], seg[5], seg[6], seg[7]]);
            if store.is_empty() && seg.len() > 28 && &seg[24..28] == b"c2pa" {
                store.extend_from_slice(&seg[8..]);
                ranges.push(i as u64..(i + 2 + len) as u64);
            } else if z > 1 && !store.is_empty() {
                store.extend_from_slice(&seg[16..]);
                ranges.push(i as u64..(i + 2 + len) as u64);
            }
        }
        i += 2 + len;
    }
    (!store.is_empty()).then_some((store, ranges))
}

/// Codes that depend on signatures, certificates or time: not checked here.
fn structural(code: &str) -> bool {
    !(code.starts_with("claimSignature.")
        || code.starts_with("signingCredential.")
        || code.starts_with("timeStamp.")
        || code.starts_with("cawg."))
}

#[test]
fn structural_failures_agree_on_jpegs() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("VALIDATION.json")).unwrap())
            .unwrap();
    let mut checked = 0;
    let mut bad = Vec::new();
    for entry in reference.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let r = &entry["none"];
        if r["state"] == "ERROR" || !(file.ends_with(".jpg") || file.ends_with(".jpeg")) {
            continue;
        }
        let bytes = std::fs::read(corpus.join(file)).unwrap();
        let Some((store, ranges)) = app11_store(&bytes) else {
            bad.push(format!("{file}: no APP11 store found by the test scanner"));
            continue;
        };
        let embedded = Embedded {
            c2pa: vec![Payload {
                bytes: Cow::Owned(store),
                location: Location::default(),
                ranges,
            }],
            ..Embedded::default()
        };
        let mut sink = ailabel::labels::Sink::default();
        let rep = c2pa::verify(&bytes, &embedded, &ailabel::Options::default(), &mut sink).unwrap();
        let ours: Vec<&str> = rep
            .validation
            .failure
            .iter()
            .map(|f| f.code.as_str())
            .filter(|c| structural(c))
            .collect();
        let theirs: Vec<&str> = r["failure"]
            .as_array()
            .unwrap()
            .iter()
            .chain(r["ingredient_fail"].as_array().unwrap())
            .map(|c| c.as_str().unwrap())
            .filter(|c| structural(c))
            .collect();
        let missing: Vec<_> = theirs.iter().filter(|c| !ours.contains(c)).collect();
        let extra: Vec<_> = ours.iter().filter(|c| !theirs.contains(c)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            bad.push(format!("{file}: missing {missing:?}, extra {extra:?}"));
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files checked");
    assert!(
        bad.is_empty(),
        "{} disagreements:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Debug aid: `C2PA_DUMP=path cargo test --test c2pa_structure dump -- --ignored --nocapture`.
#[test]
#[ignore = "debug aid"]
fn dump() {
    let path = std::env::var("C2PA_DUMP").unwrap();
    let bytes = std::fs::read(path).unwrap();
    let (store, ranges) = app11_store(&bytes).unwrap();
    println!("store ranges {ranges:?}");
    let embedded = Embedded {
        c2pa: vec![Payload {
            bytes: Cow::Owned(store),
            location: Location::default(),
            ranges,
        }],
        ..Embedded::default()
    };
    let mut sink = ailabel::labels::Sink::default();
    let rep = c2pa::verify(&bytes, &embedded, &ailabel::Options::default(), &mut sink).unwrap();
    let mut rep = serde_json::to_value(&rep).unwrap();
    for m in rep["manifests"].as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("thumbnail");
    }
    println!("{}", serde_json::to_string_pretty(&rep).unwrap());
}
