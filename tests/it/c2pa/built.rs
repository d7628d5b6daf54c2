//! End-to-end checks of the C2PA validator on manifest stores built here byte by byte: hashed
//! URIs (match, mismatch, missing), the data hash and its exclusion, missing ingredient
//! manifests, and the AI declaration. Expected codes follow from how each fixture is built.

use crate::support::cbor::{enc, map, t, C};
use crate::support::jumbf::{cbor_assertion, hashed_uri, jbox, superbox};
use ailabel::c2pa::{self, C2paReport};
use ailabel::container::{Embedded, Location, Payload};
use ailabel::{AiKind, Format, Options};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

const PREFIX: &[u8] = b"PREFIX-BYTES-OF-AN-ASSET";
const SUFFIX: &[u8] = b"SUFFIX-BYTES-OF-THE-SAME-ASSET";

struct Build {
    /// Assertions placed in the store: (label, superbox).
    assertions: Vec<(String, Vec<u8>)>,
    /// Extra references listed in the claim only.
    dangling: Vec<C>,
    /// Corrupt the stored actions after hashing.
    tamper_actions: bool,
}

impl Build {
    /// A build with these assertions, nothing dangling, nothing tampered with.
    fn of(assertions: Vec<(String, Vec<u8>)>) -> Build {
        Build {
            assertions,
            dangling: vec![],
            tamper_actions: false,
        }
    }
}

/// A labelled CBOR assertion superbox.
fn assertion(label: &str, value: &C) -> (String, Vec<u8>) {
    (label.to_owned(), cbor_assertion(label, value))
}

/// The report on the asset of `b`.
fn verify(b: &Build) -> C2paReport {
    let (file, range) = asset(b);
    run(&file, range)
}

/// The report lists `code` among its failures.
fn has_failure(c: &C2paReport, code: &str) -> bool {
    c.validation.failure.iter().any(|f| f.code == code)
}

/// The report lists the data hash among its successes.
fn assert_data_hash_matches(c: &C2paReport) {
    assert!(
        c.validation
            .success
            .iter()
            .any(|s| s.code == "assertion.dataHash.match"),
        "{:?}",
        c.validation
    );
}

/// A store for `b` whose data hash excludes `start..start + store_len` and expects `dh_hash`.
fn store(b: &Build, start: u64, store_len: u64, dh_hash: &[u8]) -> Vec<u8> {
    let dh = map(vec![
        (
            "exclusions",
            C::A(vec![map(vec![
                ("start", C::U32(start as u32)),
                ("length", C::U32(store_len as u32)),
            ])]),
        ),
        ("alg", t("sha256")),
        ("hash", C::B(dh_hash.to_vec())),
        ("pad", C::B(vec![])),
    ]);
    let mut all = vec![assertion("c2pa.hash.data", &dh)];
    all.extend(b.assertions.iter().cloned());
    let mut refs: Vec<C> = all.iter().map(|(l, sb)| hashed_uri(l, sb)).collect();
    refs.extend(b.dangling.iter().cloned());
    let claim = map(vec![
        ("instanceID", t("xmp:iid:test")),
        (
            "claim_generator_info",
            map(vec![("name", t("fixture builder"))]),
        ),
        ("signature", t("self#jumbf=c2pa.signature")),
        ("created_assertions", C::A(refs)),
        ("alg", t("sha256")),
    ]);
    let mut stored: Vec<Vec<u8>> = all.into_iter().map(|(_, sb)| sb).collect();
    if b.tamper_actions {
        for sb in &mut stored {
            // The agent's name, so that the actions themselves stay well formed.
            if let Some(p) = sb.windows(9).position(|w| w == b"Imaginary") {
                sb[p] = b'i';
            }
        }
    }
    let manifest = superbox(
        b"c2ma",
        "urn:c2pa:11111111-2222-3333-4444-555555555555",
        &[
            superbox(b"c2as", "c2pa.assertions", &stored),
            superbox(b"c2cl", "c2pa.claim.v2", &[jbox(b"cbor", &enc(&claim))]),
            superbox(b"c2cs", "c2pa.signature", &[jbox(b"cbor", &[0xf6])]),
        ],
    );
    superbox(b"c2pa", "c2pa", &[manifest])
}

/// An asset `PREFIX ‖ store ‖ SUFFIX` whose data hash excludes the store.
fn asset(b: &Build) -> (Vec<u8>, std::ops::Range<u64>) {
    // The data hash does not depend on the store's contents, only its size; sizes are fixed.
    let dh_hash = {
        let mut h = Sha256::new();
        h.update(PREFIX);
        h.update(SUFFIX);
        h.finalize().to_vec()
    };
    let build = |store_len: u64| store(b, PREFIX.len() as u64, store_len, &dh_hash);
    let len = build(0).len() as u64;
    let store = build(len);
    assert_eq!(store.len() as u64, len);
    let start = PREFIX.len() as u64;
    let mut file = PREFIX.to_vec();
    file.extend_from_slice(&store);
    file.extend_from_slice(SUFFIX);
    (file, start..start + len)
}

fn run(file: &[u8], range: std::ops::Range<u64>) -> C2paReport {
    let store = file[range.start as usize..range.end as usize].to_vec();
    let embedded = Embedded {
        format: Some(Format::Jpeg),
        c2pa: vec![Payload {
            bytes: Cow::Owned(store),
            location: Location::default(),
            ranges: vec![range],
        }],
        ..Embedded::default()
    };
    let mut sink = ailabel::Sink::default();
    c2pa::verify(file, &embedded, &Options::default(), &mut sink).unwrap()
}

/// Failure codes that do not depend on the signature (our fixtures carry a null signature).
fn structural_failures(r: &C2paReport) -> Vec<&str> {
    r.validation
        .failure
        .iter()
        .map(|f| f.code.as_str())
        .filter(|c| {
            !c.starts_with("claimSignature.")
                && !c.starts_with("signingCredential.")
                && !c.starts_with("algorithm.")
        })
        .collect()
}

fn actions(dst: &str) -> (String, Vec<u8>) {
    let a = map(vec![(
        "actions",
        C::A(vec![map(vec![
            ("action", t("c2pa.created")),
            ("digitalSourceType", t(dst)),
            ("softwareAgent", map(vec![("name", t("Imaginary Model"))])),
        ])]),
    )]);
    assertion("c2pa.actions.v2", &a)
}

const TAM: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

#[test]
fn a_well_formed_store_binds_and_declares_ai() {
    let r = verify(&Build::of(vec![actions(TAM)]));
    assert!(
        structural_failures(&r).is_empty(),
        "{:?}",
        r.validation.failure
    );
    let ok: Vec<&str> = r
        .validation
        .success
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    assert_eq!(
        ok.iter()
            .filter(|c| **c == "assertion.hashedURI.match")
            .count(),
        2
    );
    assert!(ok.contains(&"assertion.dataHash.match"));
    assert_eq!(r.ai, Some(AiKind::Generated));
    assert_eq!(r.ai_tool.as_deref(), Some("Imaginary Model"));
    assert_eq!(
        r.manifests[0].claim_generator.as_deref(),
        Some("fixture builder")
    );
    assert_eq!(r.manifests[0].claim_version, 2);
}

#[test]
fn a_changed_byte_outside_the_store_breaks_the_data_hash() {
    let (mut file, range) = asset(&Build::of(vec![actions(TAM)]));
    let last = file.len() - 1;
    file[last] ^= 1;
    assert_eq!(
        structural_failures(&run(&file, range)),
        vec!["assertion.dataHash.mismatch"]
    );
}

#[test]
fn a_changed_assertion_breaks_its_hashed_uri() {
    let (file, range) = asset(&Build {
        assertions: vec![actions(TAM)],
        dangling: vec![],
        tamper_actions: true,
    });
    let r = run(&file, range);
    assert_eq!(
        structural_failures(&r),
        vec!["assertion.hashedURI.mismatch"]
    );
    assert!(r.validation.failure[r.validation.failure.len() - 1]
        .url
        .as_deref()
        .unwrap()
        .ends_with("c2pa.actions.v2"));
}

#[test]
fn a_listed_but_absent_assertion_is_missing() {
    let ghost = map(vec![
        ("url", t("self#jumbf=c2pa.assertions/c2pa.ghost")),
        ("hash", C::B(vec![0; 32])),
    ]);
    let (file, range) = asset(&Build {
        assertions: vec![actions(TAM)],
        dangling: vec![ghost],
        tamper_actions: false,
    });
    assert_eq!(
        structural_failures(&run(&file, range)),
        vec!["assertion.missing"]
    );
}

#[test]
fn an_ingredient_whose_manifest_is_absent_is_reported() {
    let ing = map(vec![
        ("dc:title", t("parent.jpg")),
        ("relationship", t("parentOf")),
        (
            "activeManifest",
            map(vec![
                ("url", t("self#jumbf=/c2pa/urn:c2pa:absent")),
                ("hash", C::B(vec![0; 32])),
            ]),
        ),
    ]);
    let a = assertion("c2pa.ingredient.v3", &ing);
    let r = verify(&Build::of(vec![actions(TAM), a]));
    assert_eq!(structural_failures(&r), vec!["ingredient.manifest.missing"]);
    assert_eq!(
        r.manifests[0].ingredients[0].title.as_deref(),
        Some("parent.jpg")
    );
}

#[test]
fn a_bare_store_is_not_bound_to_anything() {
    let (file, range) = asset(&Build::of(vec![]));
    let store = &file[range.start as usize..range.end as usize];
    let report = ailabel::check(store, &Options::default());
    let c = report.c2pa.unwrap();
    assert_eq!(c.state, ailabel::c2pa::C2paState::Invalid);
    assert!(has_failure(&c, "general.error"), "{:?}", c.validation);
}

#[test]
fn more_than_one_store_is_invalid() {
    let (file, range) = asset(&Build::of(vec![]));
    let p = Payload {
        bytes: Cow::Owned(file[range.start as usize..range.end as usize].to_vec()),
        location: Location::default(),
        ranges: vec![range],
    };
    let embedded = Embedded {
        c2pa: vec![p.clone(), p],
        ..Embedded::default()
    };
    let mut sink = ailabel::Sink::default();
    let r = c2pa::verify(&file, &embedded, &Options::default(), &mut sink).unwrap();
    assert_eq!(r.state, ailabel::c2pa::C2paState::Invalid);
}

/// The C2PA text wrapper (A.8) end to end through `check_text`: the data hash covers the NFC
/// text minus the wrapper, whose byte range (U+FEFF through the last selector, padding
/// included) is the one exclusion.
#[test]
fn a_text_wrapper_binds_the_text() {
    fn selectors(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| {
                let cp = if b < 16 {
                    0xFE00 + u32::from(b)
                } else {
                    0xE0100 + u32::from(b) - 16
                };
                char::from_u32(cp).unwrap()
            })
            .collect()
    }
    let body = "A caf\u{e9} review, written with an assistant. ";
    let want = Sha256::digest(body.as_bytes()).to_vec();
    let b = Build {
        assertions: vec![actions(TAM)],
        dangling: vec![],
        tamper_actions: false,
    };
    let start = body.len() as u64;
    // Fix the wrapper's byte length first, then pad the selector run up to it (A.8: bytes after
    // 13 + length are ignored but belong to the wrapper's range).
    let guess = store(&b, start, 0, &want).len() as u64 * 4 + 64;
    let st = store(&b, start, guess, &want);
    let mut w = b"C2PATXT\0".to_vec();
    w.push(1);
    w.extend_from_slice(&(st.len() as u32).to_be_bytes());
    w.extend_from_slice(&st);
    let mut wrapper = format!("\u{FEFF}{}", selectors(&w));
    let mut gap = guess as usize - wrapper.len();
    while gap % 3 != 0 {
        wrapper.push(char::from_u32(0xE0100).unwrap()); // byte 0x10: 4 UTF-8 bytes
        gap -= 4;
    }
    wrapper.push_str(&selectors(&vec![0u8; gap / 3])); // byte 0x00: 3 UTF-8 bytes each
    assert_eq!(wrapper.len() as u64, guess);
    let text = format!("{body}{wrapper}");
    let report = ailabel::check_text(&text, &Options::default());
    let c = report.c2pa.expect("the wrapper is found");
    assert_data_hash_matches(&c);
    assert_eq!(c.ai, Some(AiKind::Generated));
    // Editing the visible text breaks the binding.
    let edited = text.replacen("review", "Review", 1);
    let c = ailabel::check_text(&edited, &Options::default())
        .c2pa
        .unwrap();
    assert!(
        has_failure(&c, "assertion.dataHash.mismatch"),
        "{:?}",
        c.validation
    );
}

/// A C2PA 2.4 `c2pa.ai-disclosure` assertion (§18.28) declares AI generation on its own, names
/// the model, and is shown as JSON.
#[test]
fn an_ai_disclosure_assertion_declares_ai() {
    let d = map(vec![
        ("modelType", t("c2pa.types.model")),
        ("modelName", t("Example Diffusion 3")),
    ]);
    let a = assertion("c2pa.ai-disclosure", &d);
    // A v2 claim needs a first action (C2PA 2.2 §15.9); this one declares no AI by itself.
    let made = actions("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCreation");
    let r = verify(&Build::of(vec![made, a]));
    assert!(
        structural_failures(&r).is_empty(),
        "{:?}",
        r.validation.failure
    );
    assert_eq!(r.ai, Some(AiKind::Generated));
    assert_eq!(r.ai_tool.as_deref(), Some("Example Diffusion 3"));
    let json = r.manifests[0].ai_disclosure.as_ref().unwrap();
    assert_eq!(json["modelType"], "c2pa.types.model");
}

/// A `c2pa.ai-disclosure` map of 5,000 pairs is shown in part (its first 64 KiB as JSON, a
/// thousand values), and still declares AI; the whole map took 20 MiB at 70,000 pairs.
#[test]
fn a_huge_ai_disclosure_is_shown_in_part() {
    let mut pairs = vec![("modelName", t("Example Diffusion 3"))];
    let keys: Vec<String> = (0..5000).map(|i| format!("k{i:04}")).collect();
    pairs.extend(keys.iter().map(|k| (k.as_str(), C::U(0))));
    let a = assertion("c2pa.ai-disclosure", &map(pairs));
    let made = actions("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCreation");
    let r = verify(&Build::of(vec![made, a]));
    let json = r.manifests[0]
        .ai_disclosure
        .as_ref()
        .unwrap()
        .as_object()
        .unwrap();
    // 64 a value or key and its text: each pair 133 bytes, the name first.
    let pair = 2 * 64 + 5;
    let room = (64 << 10) - 64 - (2 * 64 + 9 + 19);
    assert_eq!(json.len(), 1 + room / pair);
    assert_eq!(json["modelName"], "Example Diffusion 3");
    assert_eq!(r.ai, Some(AiKind::Generated));
    assert_eq!(r.ai_tool.as_deref(), Some("Example Diffusion 3"));
}

/// HTML (C2PA 2.4 A.7): a `<script type="application/c2pa">` element carries the store in
/// base64 and the data hash excludes the whole element, byte for byte.
#[test]
fn an_html_script_store_binds_the_page() {
    use base64::Engine;
    let prefix = "<!doctype html><html><head><title>t</title>";
    let suffix = "</head><body><p>An article.</p></body></html>";
    let open = "<script type=\"application/c2pa\">";
    let close = "</script>";
    let want = Sha256::digest(format!("{prefix}{suffix}").as_bytes()).to_vec();
    let b = Build {
        assertions: vec![],
        dangling: vec![],
        tamper_actions: false,
    };
    let start = prefix.len() as u64;
    let store_len = store(&b, start, 0, &want).len();
    let script_len = open.len() + store_len.div_ceil(3) * 4 + close.len();
    let st = store(&b, start, script_len as u64, &want);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&st);
    let html = format!("{prefix}{open}{b64}{close}{suffix}");
    let c = ailabel::check(html.as_bytes(), &Options::default())
        .c2pa
        .expect("the script is read");
    assert_data_hash_matches(&c);
    let edited = html.replacen("An article", "An Article", 1);
    let c = ailabel::check(edited.as_bytes(), &Options::default())
        .c2pa
        .unwrap();
    assert!(
        has_failure(&c, "assertion.dataHash.mismatch"),
        "{:?}",
        c.validation
    );
}
