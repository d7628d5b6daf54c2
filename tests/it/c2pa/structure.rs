//! Structural C2PA checks (hashed URIs, data hash, missing assertions and ingredients) against
//! the reference results, independent of the container walkers and of signature verification:
//! a test-only JPEG APP11 scanner hands the store and its segment ranges to `c2pa::verify`.

use crate::support::fixtures;

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

/// The C2PA chunk of a RIFF (WebP) file (C2PA 2.2 A.3.6), with the chunk's range.
fn riff_store(b: &[u8]) -> Option<(Vec<u8>, Vec<std::ops::Range<u64>>)> {
    let mut i = 12;
    while i + 8 <= b.len() {
        let size = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let end = (i + 8 + size).min(b.len());
        if &b[i..i + 4] == b"C2PA" {
            let range = i as u64..end as u64;
            return Some((b[i + 8..end].to_vec(), vec![range]));
        }
        i = end + (size & 1);
    }
    None
}

/// The store of a JPEG or WebP file.
fn store_of(b: &[u8]) -> Option<(Vec<u8>, Vec<std::ops::Range<u64>>)> {
    if b.starts_with(b"RIFF") {
        riff_store(b)
    } else {
        app11_store(b)
    }
}

fn verify(bytes: &[u8]) -> (c2pa::C2paReport, ailabel::Sink) {
    let (store, ranges) = store_of(bytes).unwrap();
    verify_store(bytes, store, ranges)
}

/// `c2pa::verify` on `bytes` with `store` found at `ranges`.
fn verify_store(
    bytes: &[u8],
    store: Vec<u8>,
    ranges: Vec<std::ops::Range<u64>>,
) -> (c2pa::C2paReport, ailabel::Sink) {
    let embedded = Embedded {
        c2pa: vec![Payload {
            bytes: Cow::Owned(store),
            location: Location::default(),
            ranges,
        }],
        ..Embedded::default()
    };
    let mut sink = ailabel::Sink::default();
    let rep = c2pa::verify(bytes, &embedded, &ailabel::Options::default(), &mut sink).unwrap();
    (rep, sink)
}

/// Codes that depend on signatures, certificates or time are not checked here, nor box hashes
/// (the scanner here lists no segments; the agreement test covers them through the walkers).
fn structural(code: &str) -> bool {
    !(code.starts_with("assertion.boxesHash.")
        || code.starts_with("claimSignature.")
        || code.starts_with("signingCredential.")
        || code.starts_with("timeStamp.")
        || code.starts_with("cawg."))
}

#[test]
fn structural_failures_agree_on_jpegs() {
    let mut checked = 0;
    let mut bad = Vec::new();
    for entry in &fixtures::reference() {
        let file = entry["file"].as_str().unwrap();
        let r = &entry["none"];
        let webp = file.ends_with(".webp");
        if r["state"] == "ERROR" || !(file.ends_with(".jpg") || file.ends_with(".jpeg") || webp) {
            continue;
        }
        let bytes = fixtures::read(file);
        let Some((store, ranges)) = store_of(&bytes) else {
            bad.push(format!("{file}: no APP11 store found by the test scanner"));
            continue;
        };
        let (rep, _) = verify_store(&bytes, store, ranges);
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

/// Debug aid: `C2PA_DUMP=path cargo test --test it c2pa::structure::dump -- --ignored --nocapture`.
#[test]
#[ignore = "debug aid"]
fn dump() {
    let path = std::env::var("C2PA_DUMP").unwrap();
    let bytes = std::fs::read(path).unwrap();
    let (rep, sink) = verify(&bytes);
    println!("signals {:#?}", sink.signals);
    let mut rep = serde_json::to_value(&rep).unwrap();
    for m in rep["manifests"].as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("thumbnail");
    }
    println!("{}", serde_json::to_string_pretty(&rep).unwrap());
}

/// What the credentials declare about AI follows the signals rubric, across ingredients. The
/// expected kinds come from the reference's digital source types (VALIDATION.json `dst`) and,
/// for the DALL-E file, from the source type in its ingredient manifest.
#[test]
fn ai_declarations_follow_the_rubric() {
    use ailabel::AiKind::{Edited, Generated};
    let cases: &[(&str, Option<ailabel::AiKind>, Option<&str>)] = &[
        // Active "ChatGPT" manifest has no source type; its ingredient says trainedAlgorithmicMedia.
        (
            "c2pa/generators/DALL-E_cloud_surfing_puppy.webp",
            Some(Generated),
            Some("DALL·E"),
        ),
        (
            "c2pa/generators/genai-picture-validate-protected.jpg",
            Some(Generated),
            Some("Adobe Firefly"),
        ),
        (
            "c2pa/certificates/ocsp.jpg",
            Some(Edited),
            Some("Adobe Firefly"),
        ),
        // algorithmicMedia is not AI in the rubric.
        ("c2pa/chains/CACAE-uri-CA.jpg", None, None),
        ("c2pa/chains/adobe-20220124-CA.jpg", None, None),
    ];
    for (file, kind, tool) in cases {
        let bytes = fixtures::read(file);
        let (rep, sink) = verify(&bytes);
        assert_eq!(rep.ai, *kind, "{file}");
        if let Some(t) = tool {
            assert!(
                rep.ai_tool.as_deref().unwrap_or_default().starts_with(t),
                "{file}: {:?}",
                rep.ai_tool
            );
        }
        let signal = sink
            .signals
            .iter()
            .find(|s| s.family == ailabel::Family::C2pa)
            .unwrap();
        assert_eq!(signal.ai, *kind, "{file}");
    }
}

/// A sidecar store is read when the file has none; a file with only a remote reference gets no
/// `c2pa` section and lists the reference (never fetched).
#[test]
fn sidecars_and_remote_references() {
    let image = fixtures::read("containers/jpeg/no_manifest.jpg");
    let sidecar = fixtures::read("c2pa/sidecars/manifest_data.c2pa");
    let options = ailabel::Options {
        sidecar_manifest: Some(sidecar),
        ..ailabel::Options::default()
    };
    let report = ailabel::check(&image, &options);
    let c = report.c2pa.expect("the sidecar is read");
    assert!(c.active_manifest.is_some());
    // It was made for another asset: its binding fails on this one.
    assert_eq!(c.state, c2pa::C2paState::Invalid);

    let cloud = fixtures::read("c2pa/remote/cloud.jpg");
    let options = ailabel::Options {
        link_header: Some("<https://example.com/m.c2pa>; rel=\"c2pa-manifest\"".to_owned()),
        ..ailabel::Options::default()
    };
    let report = ailabel::check(&cloud, &options);
    assert!(report.c2pa.is_none());
    assert!(report
        .remote_manifests
        .iter()
        .any(|u| u == "https://example.com/m.c2pa"));
}
