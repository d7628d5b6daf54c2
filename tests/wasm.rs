//! The wasm API across the JS boundary, in headless Chromium (wasm-bindgen-test): every verdict,
//! bad input, and options. Run with `scripts/test-wasm.sh` (it sets the runner and chromedriver).
//! Real files come from `tests/fixtures`, embedded at compile time.
//!
//! Tests marked `#[ignore = "..."]` wait for a fixture or reader that does not exist yet; remove
//! the mark once it has landed.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

use ailabel::wasm::text_data::set_text_data_loader;
use ailabel::wasm::{check, check_input, check_text, Input};
use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A file of `tests/fixtures`, embedded at compile time.
macro_rules! fixture {
    ($path:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $path
        ))
        .as_slice()
    };
}
/// A text file of `tests/fixtures`, embedded at compile time.
macro_rules! fixture_str {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $path
        ))
    };
}

// ---- Fixtures, built here ----

#[path = "support/png.rs"]
#[allow(dead_code)]
mod png;

const IPTC_AI_XMP: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/></rdf:RDF></x:xmpmeta>"#;

/// Seconds since the epoch of 2026-11-28T12:00:00Z, when the reference results were computed.
const CORPUS_TIME: f64 = 1_795_867_200.0;

// ---- Helpers ----

/// Register the text-part loader as the page's worker does (a function returning a Promise of
/// the bytes of `ailabel_text.wasm`), so text checks load the part on first need. The test
/// runner serves the crate's folder; scripts/test-wasm.sh builds the part into `www/pkg/` first.
fn with_text_data() {
    let f = js_sys::Function::new_no_args(
        "return fetch('/www/pkg/ailabel_text.wasm').then((r) => { \
           if (!r.ok) throw new Error('www/pkg/ailabel_text.wasm: HTTP ' + r.status + \
             ' (scripts/test-wasm.sh builds it)'); \
           return r.arrayBuffer(); })",
    );
    set_text_data_loader(f);
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// The JS object as JSON, through the browser's own JSON.stringify.
fn as_json(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(v).unwrap())).unwrap()
}

fn verdict_of(v: &JsValue) -> String {
    as_json(v)["verdict"].as_str().unwrap().to_owned()
}

fn thrown_message(r: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let e: JsValue = match r {
        Ok(v) => panic!("expected a thrown error, got {}", as_json(&v)),
        Err(e) => e.into(),
    };
    let e: js_sys::Error = e.dyn_into().expect("a JS Error");
    String::from(e.message())
}

// ---- Verdicts ----

#[wasm_bindgen_test]
async fn no_label_png_with_the_input_digest() {
    let input = png::grey(&[]);
    let js = check(bytes(&input), JsValue::UNDEFINED).await.unwrap();
    let json = as_json(&js);
    assert_eq!(json["verdict"], "no-label");
    assert_eq!(json["input"]["format"], "png");
    assert_eq!(json["input"]["size"], input.len());
    // JSON-compatible: absent sections are null, not undefined (which JSON would drop).
    assert!(json.as_object().unwrap().contains_key("c2pa"));
    assert!(json["c2pa"].is_null());
    // The input digest comes from WebCrypto: the same as sha2's.
    use sha2::Digest;
    let want = edges::hex(&sha2::Sha256::digest(&input));
    assert_eq!(json["input"]["sha256"], want.as_str());
}

#[wasm_bindgen_test]
async fn input_sha256_false_leaves_only_the_digest_out() {
    // CA.jpg's store binds the file with a data hash around its APP11 segments: a check
    // without `input.sha256` still hashes what the manifest binds, and judges it the same.
    let input = fixture!("c2pa/chains/CA.jpg");
    let with = as_json(
        &check(bytes(input), opts(&[("watermarks", JsValue::FALSE)]))
            .await
            .unwrap(),
    );
    let without = as_json(
        &check(
            bytes(input),
            opts(&[
                ("watermarks", JsValue::FALSE),
                ("inputSha256", JsValue::FALSE),
            ]),
        )
        .await
        .unwrap(),
    );
    use sha2::Digest;
    let want = edges::hex(&sha2::Sha256::digest(input));
    assert_eq!(with["input"]["sha256"], want.as_str());
    assert!(
        !without["input"].as_object().unwrap().contains_key("sha256"),
        "{}",
        without["input"]
    );
    // c2pa-rs 0.91.3 with no trust anchors: Valid (tests/fixtures/reference.json).
    assert_eq!(without["c2pa"]["state"], "Valid");
    let mut rest = with.clone();
    rest["input"].as_object_mut().unwrap().remove("sha256");
    assert_eq!(rest, without, "everything but the digest is the same");
    let m = thrown_message(
        check(
            bytes(input),
            opts(&[("inputSha256", JsValue::from_str("no"))]),
        )
        .await,
    );
    assert!(m.contains("inputSha256") && m.contains("a boolean"), "{m}");
}

#[wasm_bindgen_test]
async fn error_for_junk_bytes_is_a_report_not_a_throw() {
    let js = check(bytes(b"\x00\x13\x37junk bytes here"), JsValue::NULL)
        .await
        .unwrap();
    let json = as_json(&js);
    assert_eq!(json["verdict"], "error");
    assert_eq!(json["errors"][0]["fatal"], true);
    assert!(json["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("expected an image"));
}

#[wasm_bindgen_test]
async fn array_buffer_input_is_accepted() {
    let input = png::grey(&[]);
    let buf = Uint8Array::from(input.as_slice()).buffer();
    assert_eq!(
        verdict_of(&check(buf.into(), JsValue::NULL).await.unwrap()),
        "no-label"
    );
}

#[wasm_bindgen_test]
async fn check_text_plain_and_html() {
    with_text_data();
    let js = check_text(
        JsValue::from_str("The boats came in at six."),
        JsValue::NULL,
    )
    .await
    .unwrap();
    let json = as_json(&js);
    assert_eq!(json["verdict"], "no-label");
    assert_eq!(json["input"]["format"], "text");
    let js = check_text(
        JsValue::from_str("<!doctype html><html><body><p>Hi</p></body></html>"),
        JsValue::NULL,
    )
    .await
    .unwrap();
    assert_eq!(as_json(&js)["input"]["format"], "html");
}

#[wasm_bindgen_test]
async fn ai_declared_iptc_png() {
    let input = png::grey(&[png::chunk(b"iTXt", &png::itxt_xmp(IPTC_AI_XMP))]);
    let json = as_json(&check(bytes(&input), JsValue::NULL).await.unwrap());
    assert_eq!(json["verdict"], "ai-declared");
    assert_eq!(json["ai"]["kind"], "generated");
    assert_eq!(json["signals"][0]["family"], "iptc");
}

#[wasm_bindgen_test]
async fn ai_declared_html_meta() {
    with_text_data();
    let html = r#"<!doctype html><html><head><meta name="ai-disclosure" content="ai-generated"></head><body>x</body></html>"#;
    let json = as_json(
        &check_text(JsValue::from_str(html), JsValue::NULL)
            .await
            .unwrap(),
    );
    assert_eq!(json["verdict"], "ai-declared");
}

#[wasm_bindgen_test]
async fn json_ld_left_unread_is_said_across_the_text_part() {
    // The JSON-LD is read in the text part; its count of sources left unread comes back with
    // its warnings, and the core's summary says so. 20,000 objects at 512 bytes (estimated)
    // are over the default max_json_bytes of 8 MiB.
    with_text_data();
    let pad = vec!["{}"; 20_000].join(",");
    let html = format!(
        r#"<html><head><script type="application/ld+json">{{"digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia","x":[{pad}]}}</script></head><body>x</body></html>"#
    );
    let json = as_json(
        &check_text(JsValue::from_str(&html), JsValue::NULL)
            .await
            .unwrap(),
    );
    assert_eq!(json["verdict"], "no-label");
    let summary = json["summary"].as_str().unwrap();
    assert!(
        summary.contains("One source of label data was over the reader's limits and not read"),
        "{summary}"
    );
}

#[wasm_bindgen_test]
async fn ai_signed_dalle_webp() {
    // VALIDATION.json, profile `none`: Valid; OpenAI DALL-E declares trainedAlgorithmicMedia.
    let input = fixture!("c2pa/generators/DALL-E_cloud_surfing_puppy.webp");
    let o = opts(&[("verifyTime", JsValue::from_f64(CORPUS_TIME))]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    assert_eq!(json["verdict"], "ai-signed");
    assert_eq!(json["c2pa"]["state"], "Valid");
}

#[wasm_bindgen_test]
async fn invalid_data_hash_mismatch() {
    // VALIDATION.json: Invalid under every profile.
    let input = fixture!("c2pa/tampered/adobe-20220124-E-dat-CA.jpg");
    let json = as_json(&check(bytes(input), JsValue::NULL).await.unwrap());
    assert_eq!(json["verdict"], "invalid");
    assert_eq!(json["c2pa"]["state"], "Invalid");
}

// ---- What crosses the boundary: thumbnails as bytes, streamed input ----

/// The payloads of every `bidb` box (ISO 19566-5 embedded-file data) in `file`, found by a plain
/// byte search: a 4-byte big-endian box length, then the type.
fn bidb_payloads(file: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    for at in 4..file.len().saturating_sub(4) {
        if &file[at..at + 4] == b"bidb" {
            let len = u32::from_be_bytes(file[at - 4..at].try_into().unwrap()) as usize;
            if len >= 8 && at - 4 + len <= file.len() {
                out.push(&file[at + 4..at - 4 + len]);
            }
        }
    }
    out
}

#[wasm_bindgen_test]
async fn claim_thumbnails_cross_as_bytes() {
    // A manifest store on its own (contiguous, unlike a JPEG's APP11 segments, so its boxes can
    // be found by a byte search) with one JPEG claim thumbnail (`c2pa.thumbnail.claim.jpeg`).
    let input = fixture!("c2pa/sidecars/manifest_data.c2pa");
    let payloads = bidb_payloads(input);
    assert!(!payloads.is_empty(), "the fixture holds embedded files");
    let js = check(bytes(input), JsValue::NULL).await.unwrap();
    let manifests: Array = Reflect::get(
        &Reflect::get(&js, &"c2pa".into()).unwrap(),
        &"manifests".into(),
    )
    .unwrap()
    .dyn_into()
    .unwrap();
    let mut seen = 0;
    for m in manifests.iter() {
        let t = Reflect::get(&m, &"thumbnail".into()).unwrap();
        if t.is_null() || t.is_undefined() {
            continue;
        }
        seen += 1;
        assert_eq!(
            Reflect::get(&t, &"media_type".into()).unwrap(),
            "image/jpeg"
        );
        assert!(
            !Reflect::has(&t, &"data_base64".into()).unwrap(),
            "no base64 in the wasm report"
        );
        let data: Uint8Array = Reflect::get(&t, &"data".into())
            .unwrap()
            .dyn_into()
            .unwrap();
        let data = data.to_vec();
        assert_eq!(&data[..3], b"\xff\xd8\xff", "a JPEG");
        assert!(
            payloads.contains(&data.as_slice()),
            "the bytes of one of the file's bidb boxes"
        );
    }
    assert_eq!(seen, 1, "the store's one claim thumbnail");
}

#[wasm_bindgen_test]
async fn claim_thumbnails_stringify_as_the_json_report_and_clone_as_bytes() {
    // The same store: `JSON.stringify` of the wasm report writes the thumbnail as the JSON
    // report does (README, "The report": `{media_type, data_base64}`), not a `Uint8Array` as an
    // object of one key per byte; a structured clone (what a worker's postMessage makes) keeps
    // the bytes, with nothing in the object that would make the clone throw.
    use base64::Engine;
    let input = fixture!("c2pa/sidecars/manifest_data.c2pa");
    let payloads = bidb_payloads(input);
    let js = check(bytes(input), JsValue::NULL).await.unwrap();
    let json = as_json(&js);
    let thumbs: Vec<&Value> = json["c2pa"]["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["thumbnail"])
        .filter(|t| !t.is_null())
        .collect();
    assert_eq!(thumbs.len(), 1, "the store's one claim thumbnail");
    let t = thumbs[0].as_object().unwrap();
    let keys: Vec<&str> = t.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["data_base64", "media_type"],
        "the JSON report's keys, no `data`"
    );
    assert_eq!(t["media_type"], "image/jpeg");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(t["data_base64"].as_str().unwrap())
        .unwrap();
    assert!(
        payloads.contains(&decoded.as_slice()),
        "the base64 of one of the file's bidb boxes"
    );
    // Own properties: the two data ones only.
    let objects = thumbnail_objects(&js);
    let [thumb_js] = objects.as_slice() else {
        panic!("one thumbnail object, found {}", objects.len());
    };
    let own: Vec<String> = Object::keys(thumb_js.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(own, ["media_type", "data"]);
    let structured_clone: js_sys::Function =
        Reflect::get(&js_sys::global(), &"structuredClone".into())
            .unwrap()
            .dyn_into()
            .unwrap();
    let clone = structured_clone.call1(&JsValue::NULL, &js).unwrap();
    assert_eq!(
        thumbnail_bytes(&clone),
        vec![decoded],
        "the clone keeps the bytes"
    );
}

/// Every claim thumbnail object in a wasm report.
fn thumbnail_objects(report: &JsValue) -> Vec<JsValue> {
    let c2pa = Reflect::get(report, &"c2pa".into()).unwrap();
    if c2pa.is_null() {
        return Vec::new();
    }
    let manifests: Array = Reflect::get(&c2pa, &"manifests".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    manifests
        .iter()
        .map(|m| Reflect::get(&m, &"thumbnail".into()).unwrap())
        .filter(|t| !t.is_null() && !t.is_undefined())
        .collect()
}

/// The `data` bytes of every claim thumbnail in a wasm report.
fn thumbnail_bytes(report: &JsValue) -> Vec<Vec<u8>> {
    thumbnail_objects(report)
        .iter()
        .map(|t| {
            let data: Uint8Array = Reflect::get(t, &"data".into()).unwrap().dyn_into().unwrap();
            data.to_vec()
        })
        .collect()
}

/// The JUMBF stores of a JPEG, its APP11 packets joined (ISO 19566-5 Annex D: the first packet
/// carries the box header, the others repeat it after `CI En Z`), written here independently of
/// the reader under test.
fn jpeg_stores(file: &[u8]) -> Vec<Vec<u8>> {
    let mut stores: Vec<(u16, Vec<u8>)> = Vec::new();
    let mut at = 2;
    while at + 4 <= file.len() && file[at] == 0xff && file[at + 1] != 0xda {
        let len = u16::from_be_bytes([file[at + 2], file[at + 3]]) as usize;
        let seg = &file[at + 4..at + 2 + len];
        if file[at + 1] == 0xeb && seg.starts_with(b"JP") {
            let en = u16::from_be_bytes([seg[2], seg[3]]);
            let z = u32::from_be_bytes(seg[4..8].try_into().unwrap());
            let lbox = u32::from_be_bytes(seg[8..12].try_into().unwrap());
            if z <= 1 {
                stores.push((en, seg[8..].to_vec()));
            } else {
                let header = if lbox == 1 { 16 } else { 8 };
                let store = stores.iter_mut().rev().find(|(e, _)| *e == en).unwrap();
                store.1.extend_from_slice(&seg[8 + header..]);
            }
        }
        at += 2 + len;
    }
    stores.into_iter().map(|(_, s)| s).collect()
}

/// Thumbnails are handed to JavaScript from the manifest store where they sit in wasm memory,
/// not from a copy: wherever that store is (a JPEG's APP11 packets joined into one buffer, a
/// sidecar or a fetched remote store in the options), the bytes are those of a `bidb` box.
#[wasm_bindgen_test]
async fn thumbnails_cross_from_every_kind_of_store() {
    let no_marks = || ("watermarks", JsValue::FALSE);
    // A JPEG whose store spans two APP11 segments.
    let input = fixture!("c2pa/chains/CA.jpg");
    let stores = jpeg_stores(input);
    assert_eq!(stores.len(), 1);
    let js = check(bytes(input), opts(&[no_marks()])).await.unwrap();
    let thumbs = thumbnail_bytes(&js);
    assert!(!thumbs.is_empty(), "CA.jpg has claim thumbnails");
    let payloads = bidb_payloads(&stores[0]);
    for t in &thumbs {
        assert!(
            payloads.contains(&t.as_slice()),
            "a bidb box of the joined store"
        );
    }
    // A sidecar store and a remote store, both in the options.
    for (key, input, store) in [
        (
            "sidecar",
            png::grey(&[]),
            fixture!("c2pa/sidecars/manifest_data.c2pa"),
        ),
        (
            "remoteManifest",
            fixture!("c2pa/remote/cloud.jpg").to_vec(),
            fixture!("c2pa/sidecars/cloud_manifest.c2pa"),
        ),
    ] {
        let o = opts(&[(key, bytes(store)), no_marks()]);
        let thumbs = thumbnail_bytes(&check(bytes(&input), o).await.unwrap());
        assert!(!thumbs.is_empty(), "{key}: the store has a claim thumbnail");
        let payloads = bidb_payloads(store);
        for t in &thumbs {
            assert!(
                payloads.contains(&t.as_slice()),
                "{key}: a bidb box of the store"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn streamed_input_checks_as_bytes_do() {
    let input = fixture!("c2pa/tampered/adobe-20220124-E-dat-CA.jpg");
    let mut streamed = Input::new(input.len()).unwrap();
    for chunk in input.chunks(1000) {
        streamed.write(&Uint8Array::from(chunk)).unwrap();
    }
    assert_eq!(streamed.length(), input.len());
    let a = as_json(&check_input(streamed, JsValue::NULL).await.unwrap());
    let b = as_json(&check(bytes(input), JsValue::NULL).await.unwrap());
    assert_eq!(a["verdict"], "invalid");
    assert_eq!(a["input"], b["input"]);
    assert_eq!(a["c2pa"]["validation"], b["c2pa"]["validation"]);
    // More bytes than announced: the file grew while it was read.
    let mut short = Input::new(4).unwrap();
    short.write(&Uint8Array::from(&b"abc"[..])).unwrap();
    let e: JsValue = short
        .write(&Uint8Array::from(&b"de"[..]))
        .unwrap_err()
        .into();
    let e: js_sys::Error = e.dyn_into().unwrap();
    assert!(String::from(e.message()).contains("grew"));
}

#[wasm_bindgen_test]
async fn provenance_camera_capture() {
    // VALIDATION.json, profile `none`: Valid, digital source type digitalCapture.
    let input = fixture!("c2pa/features/C_with_CAWG_data.jpg");
    let o = opts(&[("verifyTime", JsValue::from_f64(CORPUS_TIME))]);
    assert_eq!(
        verdict_of(&check(bytes(input), o).await.unwrap()),
        "provenance"
    );
}

/// CAWG identities with WebCrypto answering: the X.509 identity (an Ed25519 certificate) of the
/// c2pa-rs fixture, with c2pa-web's CAWG anchor passed as `cawgTrustAnchors`, and an identity
/// claims aggregation credential whose did:jwk issuer signs with Ed25519. Expected values: the
/// reference's codes (tests/fixtures/reference.json and c2pa/features/cawg/reference.json,
/// profile `none`); `trusted` follows from the anchor we pass (our option).
#[wasm_bindgen_test]
async fn cawg_identities_through_webcrypto() {
    let input = fixture!("c2pa/features/C_with_CAWG_data.jpg");
    let anchor = JsValue::from_str(fixture_str!("trust/cawg/anchor-cawg.pem"));
    let o = opts(&[
        ("verifyTime", JsValue::from_f64(CORPUS_TIME)),
        ("cawgTrustAnchors", anchor),
    ]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    let id = &json["c2pa"]["manifests"][0]["identities"][0];
    assert_eq!(id["state"], "trusted");
    assert_eq!(id["name"], "C2PA Test Signing Cert");
    let input = fixture!("c2pa/features/cawg/ica_success.jpg");
    let o = opts(&[("verifyTime", JsValue::from_f64(1_796_212_800.0))]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    assert_eq!(json["c2pa"]["state"], "Valid");
    let m = json["c2pa"]["manifests"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(m["identities"][0]["state"], "valid");
    assert_eq!(
        m["identities"][0]["verified_identities"][2]["type"],
        "cawg.social_media"
    );
    let info: Vec<&str> = json["c2pa"]["validation"]["informational"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert!(info.contains(&"cawg.ica.untrusted_issuer"), "{info:?}");
    // With its issuer listed in `cawgIcaIssuers` (c2pa-rs `cawg_trust.trusted_ica_issuers`),
    // the credential is `cawg.ica.credential_valid` and the identity trusted.
    let did = "did:jwk:eyJhbGciOiJFZERTQSIsImt0eSI6Ik9LUCIsImNydiI6IkVkMjU1MTkiLCJ4IjoiTXA1LTBlODNuTmdRaGRoQlc4UnNoa2p5OTBzYTFBOUpJemtJdGNEcUN1SSJ9";
    let o = opts(&[
        ("verifyTime", JsValue::from_f64(1_796_212_800.0)),
        ("cawgIcaIssuers", JsValue::from_str(did)),
    ]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    let m = json["c2pa"]["manifests"]
        .as_array()
        .unwrap()
        .last()
        .unwrap();
    assert_eq!(m["identities"][0]["state"], "trusted");
    let ok: Vec<&str> = json["c2pa"]["validation"]["success"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert!(ok.contains(&"cawg.ica.credential_valid"), "{ok:?}");
}

/// A JPEG XL `brob` box holding a compressed `jumb` box: the browser build has no Brotli decoder
/// (feature `brob` is native-only, docs/DESIGN.md), so the report says the compressed C2PA box
/// was found and not read. The stream is never decoded, so any bytes do.
#[wasm_bindgen_test]
async fn a_compressed_jpeg_xl_store_is_found_and_not_read() {
    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }
    let file = [
        bx(b"JXL ", b"\r\n\x87\n"),
        bx(b"ftyp", b"jxl \0\0\0\0jxl "),
        bx(b"brob", b"jumb\x1b\x03\x00\x00"),
        bx(b"jxlc", b"\xff\x0a\x00"),
    ]
    .concat();
    let json = as_json(&check(bytes(&file), JsValue::UNDEFINED).await.unwrap());
    assert_eq!(json["input"]["format"], "jxl");
    assert!(json["c2pa"].is_null());
    let said = json["errors"].to_string();
    assert!(
        said.contains("compressed C2PA box (brob) found") && said.contains("browser"),
        "{said}"
    );
}

fn test_profile_options() -> JsValue {
    let anchors = Array::of1(&JsValue::from_str(fixture_str!(
        "trust/test/test-anchors.pem"
    )));
    opts(&[
        ("trustAnchors", anchors.into()),
        (
            "trustConfig",
            JsValue::from_str(fixture_str!("trust/test/store.cfg")),
        ),
        ("verifyTime", JsValue::from_f64(CORPUS_TIME)),
    ])
}

#[wasm_bindgen_test]
async fn trust_anchors_cross_the_boundary() {
    // VALIDATION.json for C.jpg: Valid with no trust settings, Trusted under the `test` profile
    // (test-anchors.pem + c2pa-rs store.cfg).
    // The parsed lists are kept between checks (`c2pa::trust::parsed`): alternating the
    // settings shows that each check uses its own.
    let input = fixture!("c2pa/chains/C.jpg");
    for _ in 0..2 {
        let o = opts(&[("verifyTime", JsValue::from_f64(CORPUS_TIME))]);
        assert_eq!(
            as_json(&check(bytes(input), o).await.unwrap())["c2pa"]["state"],
            "Valid"
        );
        let json = as_json(&check(bytes(input), test_profile_options()).await.unwrap());
        assert_eq!(json["c2pa"]["state"], "Trusted");
    }
}

#[wasm_bindgen_test]
#[ignore = "no corpus file is Trusted and declares trained AI: C.jpg declares algorithmicMedia, \
            which the verdict treats as not AI; needs a fixture signed under a test anchor"]
async fn ai_verified_with_test_anchors() {
    let input = fixture!("c2pa/chains/C.jpg");
    let json = as_json(&check(bytes(input), test_profile_options()).await.unwrap());
    assert_eq!(json["verdict"], "ai-verified");
}

// ---- ai-watermark through the `pixels` option (the wasm build has no image decoder) ----

/// xorshift64*, as in tests/support/watermark.rs (the same base image).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// tests/support/watermark.rs's `desaturate(&noisy(w, h, 11, Some(2.0)), 0.25)` rounded to RGBA8:
/// a smooth near-grey image that decodes cleanly.
fn watermark_base(w: usize, h: usize) -> Vec<u8> {
    let mut r = Rng(11u64.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let base: Vec<f32> = (0..9).map(|_| r.unit()).collect();
    let blobs: Vec<[f32; 6]> = (0..6)
        .map(|_| {
            let (x, y, s) = (r.unit() * w as f32, r.unit() * h as f32, r.unit());
            let c = [r.unit(), r.unit(), r.unit()].map(|u| u * 120.0 - 60.0);
            [x, y, (0.05 + s * 0.3) * w as f32, c[0], c[1], c[2]]
        })
        .collect();
    let mut rgba = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let mut px = [0f32; 3];
            for (c, v) in px.iter_mut().enumerate() {
                *v = 40.0 + 170.0 * (base[c] * fx + base[c + 3] * fy + base[c + 6] * fx * fy);
                for b in &blobs {
                    let d2 =
                        ((x as f32 - b[0]).powi(2) + (y as f32 - b[1]).powi(2)) / (b[2] * b[2]);
                    *v += b[3 + c] * (-d2).exp();
                }
                *v = (*v + (r.unit() - 0.5) * 2.0).clamp(0.0, 255.0);
            }
            let g = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2];
            for v in px {
                rgba.push((g + (v - g) * 0.25).round().clamp(0.0, 255.0) as u8);
            }
            rgba.push(255);
        }
    }
    rgba
}

fn descale(x: i32) -> i32 {
    (x + (1 << 13)) >> 14
}

/// The dwtDct 8-bit encode path (FORMATS.md §5.1), as tests/support/watermark.rs's `encode_u8`:
/// BGR→YUV, Haar LL of U, quantise the largest of each 4×4 block's coefficients 1..16 to
/// `(⌊v/36⌋ + 0.25 + bit/2) · 36`, inverse with H and V swapped, truncate, YUV→BGR.
fn encode_watermark(rgba: &mut [u8], w: usize, h: usize, bits: &[bool]) {
    let n = w * h;
    let (mut y, mut u, mut v) = (vec![0i32; n], vec![0f64; n], vec![0i32; n]);
    for i in 0..n {
        let (r, g, b) = (
            rgba[i * 4] as i32,
            rgba[i * 4 + 1] as i32,
            rgba[i * 4 + 2] as i32,
        );
        y[i] = descale(r * 4899 + g * 9617 + b * 1868);
        u[i] = descale((b - y[i]) * 8061 + (128 << 14)).clamp(0, 255) as f64;
        v[i] = descale((r - y[i]) * 14369 + (128 << 14)).clamp(0, 255);
    }
    let (lh, lw) = (h / 4 * 2, w / 4 * 2);
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let at = |i: usize, j: usize| {
        (
            2 * i * w + 2 * j,
            2 * i * w + 2 * j + 1,
            (2 * i + 1) * w + 2 * j,
            (2 * i + 1) * w + 2 * j + 1,
        )
    };
    let mut ll = vec![0f64; lh * lw];
    for i in 0..lh {
        for j in 0..lw {
            let (a, b, c, d) = at(i, j);
            ll[i * lw + j] = s * (s * u[a] + s * u[c]) + s * (s * u[b] + s * u[d]);
        }
    }
    let mut num = 0;
    for bi in 0..lh / 4 {
        for bj in 0..lw / 4 {
            let idx = |k: usize| (bi * 4 + k / 4) * lw + bj * 4 + k % 4;
            let mut pos = 1;
            for k in 2..16 {
                if ll[idx(k)].abs() > ll[idx(pos)].abs() {
                    pos = k;
                }
            }
            let bit = bits[num % bits.len()];
            let q = |x: f64| ((x / 36.0).floor() + 0.25 + if bit { 0.5 } else { 0.0 }) * 36.0;
            let x = ll[idx(pos)];
            ll[idx(pos)] = if x >= 0.0 { q(x) } else { -q(x.abs()) };
            num += 1;
        }
    }
    for i in 0..lh {
        for j in 0..lw {
            let (ia, ib, ic, id) = at(i, j);
            let (a, b, c, d) = (u[ia], u[ib], u[ic], u[id]);
            let delta = (ll[i * lw + j] - (a + b + c + d) / 2.0) / 2.0;
            (u[ia], u[ib], u[ic], u[id]) = (a + delta, c + delta, b + delta, d + delta);
        }
    }
    for i in 0..n {
        let uu = (u[i] as i64) as u8 as i32 - 128;
        let vv = v[i] - 128;
        rgba[i * 4] = (y[i] + descale(vv * 18678)).clamp(0, 255) as u8;
        rgba[i * 4 + 1] = (y[i] + descale(vv * -9519 + uu * -6472)).clamp(0, 255) as u8;
        rgba[i * 4 + 2] = (y[i] + descale(uu * 33292)).clamp(0, 255) as u8;
    }
}

/// The SDXL payload 0xB3EC907BB19E (48 bits, MSB first).
fn sdxl_bits() -> Vec<bool> {
    [0xB3u8, 0xEC, 0x90, 0x7B, 0xB1, 0x9E]
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1 == 1))
        .collect()
}

fn pixels_option(rgba: &[u8], width: f64, height: f64) -> JsValue {
    opts(&[(
        "pixels",
        opts(&[
            ("rgba", js_sys::Uint8ClampedArray::from(rgba).into()),
            ("width", JsValue::from_f64(width)),
            ("height", JsValue::from_f64(height)),
        ]),
    )])
}

#[wasm_bindgen_test]
async fn ai_watermark_from_caller_decoded_pixels() {
    let mut rgba = watermark_base(512, 512);
    let plain = check(bytes(&png::grey(&[])), pixels_option(&rgba, 512.0, 512.0))
        .await
        .unwrap();
    assert_eq!(verdict_of(&plain), "no-label");
    encode_watermark(&mut rgba, 512, 512, &sdxl_bits());
    let json = as_json(
        &check(bytes(&png::grey(&[])), pixels_option(&rgba, 512.0, 512.0))
            .await
            .unwrap(),
    );
    assert_eq!(json["verdict"], "ai-watermark", "{json}");
    let text = json.to_string();
    assert!(
        text.contains("dwtDct SDXL payload 0xB3EC907BB19E"),
        "{text}"
    );
    // Uint8Array works as well as Uint8ClampedArray.
    let o = pixels_option(&rgba, 512.0, 512.0);
    let p = Reflect::get(&o, &JsValue::from_str("pixels")).unwrap();
    Reflect::set(
        &p,
        &JsValue::from_str("rgba"),
        &Uint8Array::from(rgba.as_slice()),
    )
    .unwrap();
    assert_eq!(
        verdict_of(&check(bytes(&png::grey(&[])), o).await.unwrap()),
        "ai-watermark"
    );
}

/// Documented in src/wasm.rs: pixels whose length does not match their dimensions are a
/// warning in the report (watermarks not checked), not a throw; a malformed shape throws.
#[wasm_bindgen_test]
async fn pixels_of_the_wrong_size_are_reported_and_malformed_pixels_throw() {
    let mut rgba = watermark_base(512, 512);
    encode_watermark(&mut rgba, 512, 512, &sdxl_bits());
    let json = as_json(
        &check(bytes(&png::grey(&[])), pixels_option(&rgba, 512.0, 511.0))
            .await
            .unwrap(),
    );
    assert_eq!(json["verdict"], "no-label", "{json}");
    let errors = json["errors"].as_array().unwrap();
    assert!(
        errors.iter().any(|e| e["fatal"] == false
            && e["message"]
                .as_str()
                .unwrap()
                .contains("RGBA bytes for watermark detection")),
        "{json}"
    );
    let m = thrown_message(check(bytes(&png::grey(&[])), pixels_option(&rgba, 512.5, 512.0)).await);
    assert!(m.contains("invalid options"), "{m}");
    let o = opts(&[(
        "pixels",
        opts(&[
            ("rgba", JsValue::from_str("pixels")),
            ("width", JsValue::from_f64(1.0)),
            ("height", JsValue::from_f64(1.0)),
        ]),
    )]);
    let m = thrown_message(check(bytes(&png::grey(&[])), o).await);
    assert!(m.contains("pixels.rgba"), "{m}");
}

// ---- Bad input and options ----

#[wasm_bindgen_test]
async fn non_bytes_input_throws_a_js_error() {
    let m = thrown_message(check(JsValue::from_str("not bytes"), JsValue::NULL).await);
    assert!(m.contains("expected a Uint8Array or an ArrayBuffer"), "{m}");
    let m = thrown_message(check(JsValue::from_f64(3.0), JsValue::NULL).await);
    assert!(m.contains("expected a Uint8Array"), "{m}");
    let m = thrown_message(check_text(bytes(b"abc"), JsValue::NULL).await);
    assert!(m.contains("expected a string"), "{m}");
}

#[wasm_bindgen_test]
async fn options_of_the_wrong_shape_throw() {
    let input = png::grey(&[]);
    let m = thrown_message(check(bytes(&input), JsValue::from_f64(1.0)).await);
    assert!(m.contains("expected an options object"), "{m}");
    let m = thrown_message(
        check(
            bytes(&input),
            opts(&[("trustAnchor", JsValue::from_str("x"))]),
        )
        .await,
    );
    assert!(
        m.contains("invalid options") && m.contains("trustAnchor"),
        "{m}"
    );
    let m = thrown_message(
        check(
            bytes(&input),
            opts(&[("trustAnchors", JsValue::from_f64(5.0))]),
        )
        .await,
    );
    assert!(m.contains("invalid options"), "{m}");
    let m = thrown_message(
        check(
            bytes(&input),
            opts(&[("sidecar", JsValue::from_str("abc"))]),
        )
        .await,
    );
    assert!(m.contains("sidecar"), "{m}");
}

#[wasm_bindgen_test]
async fn trust_options_are_accepted_as_string_or_array() {
    let input = png::grey(&[]);
    let pem = fixture_str!("trust/test/test-anchors.pem");
    let o = opts(&[
        ("trustAnchors", JsValue::from_str(pem)),
        ("tsaAnchors", Array::of1(&JsValue::from_str(pem)).into()),
        ("allowedList", Array::new().into()),
        ("trustConfig", JsValue::from_str("1.3.6.1.5.5.7.3.4\n")),
        ("sidecar", JsValue::NULL),
        ("watermarks", JsValue::FALSE),
        ("verifyTime", JsValue::from_f64(CORPUS_TIME)),
    ]);
    assert_eq!(
        verdict_of(&check(bytes(&input), o).await.unwrap()),
        "no-label"
    );
}

#[wasm_bindgen_test]
async fn limits_option_is_honoured() {
    let input = png::grey(&[]);
    let limits = opts(&[("maxInputBytes", JsValue::from_f64(10.0))]);
    let json = as_json(
        &check(bytes(&input), opts(&[("limits", limits)]))
            .await
            .unwrap(),
    );
    assert_eq!(json["verdict"], "error");
    assert_eq!(json["errors"][0]["kind"], "limit-exceeded");
}

/// The bounds that were constants are `limits` fields too: `maxSignals` 2 keeps 2 of the 4
/// labels of a PNG of four InvokeAI `Dream` entries, and says so.
#[wasm_bindgen_test]
async fn limits_max_signals_is_honoured() {
    let chunks: Vec<Vec<u8>> = (0..4)
        .map(|i| {
            png::chunk(
                b"tEXt",
                &png::text("Dream", &format!("\"cat {i}\" -s 50 -S {i}")),
            )
        })
        .collect();
    let input = png::grey(&chunks);
    let signals = |json: &Value| json["signals"].as_array().map_or(0, Vec::len);
    let all = as_json(&check(bytes(&input), JsValue::UNDEFINED).await.unwrap());
    assert_eq!(signals(&all), 4);
    let limits = opts(&[("maxSignals", JsValue::from_f64(2.0))]);
    let json = as_json(
        &check(bytes(&input), opts(&[("limits", limits)]))
            .await
            .unwrap(),
    );
    assert_eq!(signals(&json), 2);
    assert!(json
        .to_string()
        .contains("the first 2 are reported (max_signals)"));
}

#[wasm_bindgen_test]
async fn sidecar_bytes_are_accepted() {
    let input = png::grey(&[]);
    let o = opts(&[("sidecar", bytes(b"not a manifest store"))]);
    // A broken sidecar is a finding in the report, never a throw or a panic.
    let json = as_json(&check(bytes(&input), o).await.unwrap());
    assert!(json["verdict"].is_string());
}

/// The store a caller fetched from the file's remote reference (`remoteManifest`) is validated
/// against the file with WebCrypto, as a sidecar; a failed fetch (`remoteManifestError`) is
/// `manifest.inaccessible`; bytes of the wrong type throw.
#[wasm_bindgen_test]
async fn remote_manifest_bytes_are_validated_against_the_file() {
    let input = fixture!("c2pa/remote/cloud.jpg");
    let first = as_json(
        &check(bytes(input), opts(&[("watermarks", JsValue::FALSE)]))
            .await
            .unwrap(),
    );
    assert_eq!(first["remote_manifest"]["status"], "not-fetched");
    assert_eq!(first["remote_manifest"]["host"], "cai-manifests.adobe.com");
    assert!(first["c2pa"].is_null());
    let o = opts(&[
        (
            "remoteManifest",
            bytes(fixture!("c2pa/sidecars/cloud_manifest.c2pa")),
        ),
        ("watermarks", JsValue::FALSE),
    ]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    assert_eq!(json["remote_manifest"]["status"], "fetched");
    let success = json["c2pa"]["validation"]["success"].as_array().unwrap();
    assert!(
        success
            .iter()
            .any(|e| e["code"] == "assertion.dataHash.match"),
        "{success:?}"
    );
    let o = opts(&[
        (
            "remoteManifestError",
            JsValue::from_str("the server answered HTTP 404"),
        ),
        ("watermarks", JsValue::FALSE),
    ]);
    let json = as_json(&check(bytes(input), o).await.unwrap());
    assert_eq!(json["remote_manifest"]["status"], "inaccessible");
    assert_eq!(json["remote_manifest"]["code"], "manifest.inaccessible");
    let m = thrown_message(
        check(
            bytes(input),
            opts(&[("remoteManifest", JsValue::from_str("abc"))]),
        )
        .await,
    );
    assert!(m.contains("remoteManifest"), "{m}");
}

// ---- Agreement with the reference results, WebCrypto answering ----

#[path = "support/differences.rs"]
mod differences;
#[path = "support/reference_files.rs"]
mod reference_files;

/// The options of a reference trust profile (PROFILES.md), as `tests/support/fixtures.rs`
/// builds them natively.
fn profile_options(profile: &str) -> JsValue {
    let s = JsValue::from_str;
    let mut pairs = vec![
        ("verifyTime", JsValue::from_f64(CORPUS_TIME)),
        ("watermarks", JsValue::FALSE),
    ];
    match profile {
        "none" => {}
        "c2pa_tl" => pairs.push((
            "trustAnchors",
            s(&format!(
                "{}\n{}",
                fixture_str!("trust/c2pa_tl/C2PA-TRUST-LIST.pem"),
                fixture_str!("trust/c2pa_tl/C2PA-TSA-TRUST-LIST.pem")
            )),
        )),
        "interim" => {
            pairs.push((
                "trustAnchors",
                s(fixture_str!("trust/interim/interim-anchors.pem")),
            ));
            pairs.push((
                "allowedList",
                s(fixture_str!("trust/interim/interim-allowed.pem")),
            ));
            pairs.push((
                "trustConfig",
                s(fixture_str!("trust/interim/interim-store.cfg")),
            ));
        }
        "test" => {
            pairs.push((
                "trustAnchors",
                s(fixture_str!("trust/test/test-anchors.pem")),
            ));
            pairs.push(("trustConfig", s(fixture_str!("trust/test/store.cfg"))));
        }
        other => panic!("unknown profile {other}"),
    }
    opts(&pairs)
}

/// The native agreement test (`tests/it/c2pa/agreement.rs`) in the browser, file by file: the
/// same state as the reference and every failure code it reports, except the listed
/// differences (which must still differ).
async fn agreement(profile: &str) {
    with_text_data();
    let reference: Vec<Value> = serde_json::from_str(fixture_str!("reference.json")).unwrap();
    assert_eq!(reference.len(), reference_files::FILES.len());
    let (mut unlisted, mut stale, mut total) = (Vec::new(), Vec::new(), 0);
    for (entry, (name, data)) in reference.iter().zip(reference_files::FILES) {
        assert_eq!(entry["file"], *name);
        let r = &entry[profile];
        if r["state"] == "ERROR" {
            continue;
        }
        total += 1;
        let corpus_path = entry["corpus"].as_str().unwrap_or(name);
        let json = as_json(&check(bytes(data), profile_options(profile)).await.unwrap());
        let (ours, codes): (String, Vec<String>) = match json["c2pa"].as_object() {
            Some(c) => (
                c["state"].as_str().unwrap().to_owned(),
                c["validation"]["failure"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["code"].as_str().unwrap().to_owned())
                    .collect(),
            ),
            None => ("none".to_owned(), Vec::new()),
        };
        let theirs = r["state"].as_str().unwrap();
        let missing: Vec<&str> = r["failure"]
            .as_array()
            .unwrap()
            .iter()
            .chain(r["ingredient_fail"].as_array().unwrap())
            .map(|c| c.as_str().unwrap())
            .filter(|c| !codes.iter().any(|o| o == c))
            .collect();
        let differs = !ours.eq_ignore_ascii_case(theirs) || !missing.is_empty();
        let listed = differences::DIFFERENCES
            .iter()
            .any(|(f, p, _)| *f == corpus_path && (*p == profile || *p == "*"));
        if differs && !listed {
            unlisted.push(format!(
                "{name} [{profile}]: ours {ours}, reference {theirs}; missing {missing:?}"
            ));
        } else if !differs && listed {
            stale.push(format!("{name} [{profile}]"));
        }
    }
    assert!(stale.is_empty(), "listed differences that agree: {stale:?}");
    assert!(
        unlisted.is_empty(),
        "unlisted differences:\n{}",
        unlisted.join("\n")
    );
    assert_eq!(total, 49, "reference results compared under {profile}");
}

#[wasm_bindgen_test]
async fn webcrypto_agrees_with_the_reference_none() {
    agreement("none").await;
}

#[wasm_bindgen_test]
async fn webcrypto_agrees_with_the_reference_c2pa_tl() {
    agreement("c2pa_tl").await;
}

#[wasm_bindgen_test]
async fn webcrypto_agrees_with_the_reference_interim() {
    agreement("interim").await;
}

#[wasm_bindgen_test]
async fn webcrypto_agrees_with_the_reference_test() {
    agreement("test").await;
}

// ---- Signature edge cases, WebCrypto answering ----

#[path = "support/edges.rs"]
mod edges;

/// The vectors `tests/it/crypto_edges.rs` checks with RustCrypto, answered by WebCrypto through
/// the same replay the checker uses: high-S ECDSA, DER with a redundant leading zero, P-384,
/// P-521, RSA-PSS salt lengths, PKCS#1 v1.5, Ed25519.
#[wasm_bindgen_test]
async fn webcrypto_answers_every_edge_case_as_made() {
    use ailabel::crypto::replay::Replay;
    let vectors: Vec<Value> = serde_json::from_str(fixture_str!("crypto-edges.json")).unwrap();
    assert!(vectors.len() >= 10);
    let mut keys = ailabel::wasm::subtle::Keys::default();
    for v in &vectors {
        let replay = Replay::new(Vec::new());
        let _ = edges::run(v, &replay);
        let pending = replay.take_pending();
        ailabel::wasm::subtle::answer(&replay, pending, &mut keys).await;
        let got = edges::run(v, &replay);
        assert!(replay.take_pending().is_empty(), "{}", v["name"]);
        assert_eq!(got, v["valid"].as_bool().unwrap(), "{}", v["name"]);
    }
    assert!(keys.unsupported.is_empty(), "{:?}", keys.unsupported);
}

/// The text-disclosure evaluation set (`tests/fixtures/text-disclosures/`, the same targets as
/// the native `evaluation_set_precision_and_recall`) through the browser module, whose grammar
/// tables come from the lazily loaded text-data part.
#[wasm_bindgen_test]
async fn evaluation_set_through_the_text_data_part() {
    with_text_data();
    let files = [
        fixture_str!("text-disclosures/ar.jsonl"),
        fixture_str!("text-disclosures/bg.jsonl"),
        fixture_str!("text-disclosures/cs.jsonl"),
        fixture_str!("text-disclosures/da.jsonl"),
        fixture_str!("text-disclosures/de.jsonl"),
        fixture_str!("text-disclosures/el.jsonl"),
        fixture_str!("text-disclosures/en.jsonl"),
        fixture_str!("text-disclosures/es.jsonl"),
        fixture_str!("text-disclosures/et.jsonl"),
        fixture_str!("text-disclosures/fi.jsonl"),
        fixture_str!("text-disclosures/fr.jsonl"),
        fixture_str!("text-disclosures/ga.jsonl"),
        fixture_str!("text-disclosures/hi.jsonl"),
        fixture_str!("text-disclosures/hr.jsonl"),
        fixture_str!("text-disclosures/hu.jsonl"),
        fixture_str!("text-disclosures/it.jsonl"),
        fixture_str!("text-disclosures/ja.jsonl"),
        fixture_str!("text-disclosures/ko.jsonl"),
        fixture_str!("text-disclosures/lt.jsonl"),
        fixture_str!("text-disclosures/lv.jsonl"),
        fixture_str!("text-disclosures/mt.jsonl"),
        fixture_str!("text-disclosures/nl.jsonl"),
        fixture_str!("text-disclosures/no.jsonl"),
        fixture_str!("text-disclosures/pl.jsonl"),
        fixture_str!("text-disclosures/pt-BR.jsonl"),
        fixture_str!("text-disclosures/pt.jsonl"),
        fixture_str!("text-disclosures/ro.jsonl"),
        fixture_str!("text-disclosures/ru.jsonl"),
        fixture_str!("text-disclosures/sk.jsonl"),
        fixture_str!("text-disclosures/sl.jsonl"),
        fixture_str!("text-disclosures/sr.jsonl"),
        fixture_str!("text-disclosures/sv.jsonl"),
        fixture_str!("text-disclosures/tr.jsonl"),
        fixture_str!("text-disclosures/uk.jsonl"),
        fixture_str!("text-disclosures/zh-Hans.jsonl"),
        fixture_str!("text-disclosures/zh-Hant.jsonl"),
    ];
    let (mut tp, mut fp, mut fn_, mut tn) = (0u32, 0u32, 0u32, 0u32);
    for line in files
        .iter()
        .flat_map(|f| f.lines())
        .filter(|l| !l.trim().is_empty())
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let positive = v["expect"] == "ai-declared";
        let js = check_text(
            JsValue::from_str(v["text"].as_str().unwrap()),
            JsValue::NULL,
        )
        .await
        .unwrap();
        let verdict = verdict_of(&js);
        assert_ne!(verdict, "error", "{}", v["id"]);
        match (positive, verdict == "ai-declared") {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => fp += 1,
            (false, false) => tn += 1,
        }
    }
    let (tp, fp, fn_) = (f64::from(tp), f64::from(fp), f64::from(fn_));
    assert!(tp + fn_ + fp + f64::from(tn) >= 700.0);
    let (precision, recall) = (tp / (tp + fp), tp / (tp + fn_));
    assert!(
        precision >= 0.995 && recall >= 0.97,
        "precision {precision:.3} recall {recall:.3}"
    );
}

// ---- The `pixels` option read in bands, against the whole-image path ----

#[path = "wasm/bands.rs"]
mod bands;

// ---- The options reader, against serde-wasm-bindgen ----

#[path = "wasm/options.rs"]
mod options;
