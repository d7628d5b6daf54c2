//! The `pixels` option read in bands (src/wasm/pixels.rs) against the whole-image path
//! (`watermark::read_rgba_with` over an `RgbaView`): the same findings and warnings on the
//! watermark fixtures, whatever the band size, and through `check` the same verdict.
//!
//! Fixtures are built here: the SDXL-marked and unmarked images of the `pixels` tests, one whose
//! height is no multiple of any band, and NovelAI stealth metadata signed by a test key (so that
//! the signature, whose message is read from the bands again, verifies).

use super::*;
use ailabel::crypto::{Crypto, Digest, Hash, Scheme, SigCheck};
use ailabel::wasm::pixels::JsRows;
use ailabel::watermark::{self, PixelRows, RgbaView};
use ailabel::{Options, Sink};
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey, Verifier};

/// Answers Ed25519 checks with ed25519-dalek (the only cryptography the pixels need).
struct Dalek;
impl Crypto for Dalek {
    fn digest(&self, _: Hash, _: &[&[u8]]) -> Digest {
        Digest::Pending
    }
    fn verify(&self, c: &SigCheck<'_>) -> bool {
        let (Ok(key), Ok(sig)) = (
            <[u8; 32]>::try_from(c.key),
            ed25519_dalek::Signature::from_slice(c.sig),
        ) else {
            return false;
        };
        matches!(c.scheme, Scheme::Ed25519)
            && ed25519_dalek::VerifyingKey::from_bytes(&key)
                .is_ok_and(|k| k.verify(c.msg, &sig).is_ok())
    }
}

fn test_key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

/// NovelAI stealth metadata (`stealth_pnginfo`, FORMATS.md §4) in the alpha LSBs of `rgba`,
/// column-major, its Comment signed by `key` over the RGB bytes ‖ the Comment, as nai_sig.py.
fn novelai(rgba: &mut [u8], w: usize, h: usize, key: &SigningKey) {
    let unsigned = r#"{"prompt": "a lighthouse", "steps": 28, "seed": 42}"#;
    let mut msg: Vec<u8> = rgba.chunks(4).flat_map(|p| p[..3].to_vec()).collect();
    msg.extend_from_slice(unsigned.as_bytes());
    let sig = base64::engine::general_purpose::STANDARD.encode(key.sign(&msg).to_bytes());
    let comment = unsigned.replace(
        r#""steps": 28, "#,
        &format!(r#""steps": 28, "signed_hash": "{sig}", "#),
    );
    let payload = serde_json::to_vec(&serde_json::json!({
        "Description": "a lighthouse",
        "Software": "NovelAI",
        "Source": "NovelAI Diffusion V4.5 1229B44F",
        "Comment": comment,
    }))
    .unwrap();
    let mut bytes = b"stealth_pnginfo".to_vec();
    bytes.extend_from_slice(&(payload.len() as u32 * 8).to_be_bytes());
    bytes.extend_from_slice(&payload);
    let bits = bytes
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1));
    for (k, bit) in bits.enumerate() {
        let (x, y) = (k / h, k % h);
        let a = &mut rgba[(y * w + x) * 4 + 3];
        *a = (*a & 0xFE) | bit;
    }
}

/// The watermark fixtures: name, RGBA, width, height, and what the whole-image path must find.
fn fixtures() -> Vec<(&'static str, Vec<u8>, u32, u32, &'static str)> {
    let mut odd = watermark_base(520, 403);
    encode_watermark(&mut odd, 520, 403, &sdxl_bits());
    let mut nai = watermark_base(384, 300);
    novelai(&mut nai, 384, 300, &test_key());
    let mut both = odd.clone();
    novelai(&mut both, 520, 403, &test_key());
    vec![
        ("unmarked", watermark_base(512, 512), 512, 512, ""),
        ("SDXL 520x403", odd, 520, 403, "dwtDct SDXL"),
        ("NovelAI", nai, 384, 300, "signature valid"),
        ("SDXL + NovelAI 520x403", both, 520, 403, "signature valid"),
    ]
}

fn findings(sink: &Sink) -> Value {
    serde_json::json!({ "signals": sink.signals, "warnings": sink.warnings.to_vec() })
}

/// The whole-image path, with `key` as NovelAI's key.
fn whole(rgba: &[u8], w: u32, h: u32, key: &[u8; 32]) -> Value {
    let mut sink = Sink::default();
    let mut view = RgbaView {
        data: rgba,
        width: w,
        height: h,
    };
    watermark::scan_with(
        &Dalek,
        &mut view,
        "pixels",
        key,
        &Options::default(),
        &mut sink,
    );
    findings(&sink)
}

/// The band path over a JS copy of `rgba`, `band` bytes at a time.
fn banded(rgba: &[u8], w: u32, h: u32, key: &[u8; 32], band: usize) -> Value {
    let js = js_sys::Uint8ClampedArray::from(rgba);
    let mut rows = JsRows::new(&js.into(), w, h).unwrap().with_band_bytes(band);
    let mut sink = Sink::default();
    watermark::scan_with(
        &Dalek,
        &mut rows,
        "pixels",
        key,
        &Options::default(),
        &mut sink,
    );
    findings(&sink)
}

/// Let the page breathe between long synchronous steps (a debug build is slow, and the test
/// driver gives up on a renderer busy for 30 s).
async fn yield_now() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout: js_sys::Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
            .unwrap()
            .into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &JsValue::from(0))
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn bands_find_what_the_whole_image_finds() {
    let key = test_key().verifying_key().to_bytes();
    for (name, rgba, w, h, want) in fixtures() {
        let expected = whole(&rgba, w, h, &key);
        let text = expected.to_string();
        if want.is_empty() {
            assert_eq!(expected["signals"], serde_json::json!([]), "{name}: {text}");
        } else {
            assert!(text.contains(want), "{name}: expected {want}: {text}");
        }
        let stride = w as usize * 4;
        // A band smaller than a row (one row a band), 7 rows and a bit (no divisor of the
        // heights), and the default.
        for band in [1, 7 * stride + 5, ailabel::wasm::pixels::BAND_BYTES] {
            yield_now().await;
            assert_eq!(
                banded(&rgba, w, h, &key, band),
                expected,
                "{name}, band {band}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_js_rows_source_reports_a_wrong_length_as_the_buffer_path_does() {
    let rgba = watermark_base(512, 512);
    let mut sink = Sink::default();
    watermark::read_rgba_with(&Dalek, &rgba, 512, 511, &Options::default(), &mut sink);
    let js = js_sys::Uint8Array::from(rgba.as_slice());
    let mut rows = JsRows::new(&js.into(), 512, 511).unwrap();
    assert_eq!(rows.width(), 512);
    let mut banded = Sink::default();
    watermark::read_rows_with(&Dalek, &mut rows, &Options::default(), &mut banded);
    assert_eq!(findings(&banded), findings(&sink));
    assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
}

/// Through `check` (the band path, WebCrypto answering, NovelAI's published key): the
/// watermark signals, warnings and verdict are those of the whole-image path with the same key.
#[wasm_bindgen_test]
async fn check_with_pixels_agrees_with_the_whole_image_path() {
    let key = ailabel::watermark::novelai::novelai_key();
    for (name, rgba, w, h, _) in fixtures() {
        yield_now().await;
        let expected = whole(&rgba, w, h, &key);
        let report = as_json(
            &check(
                bytes(&png::grey(&[])),
                pixels_option(&rgba, f64::from(w), f64::from(h)),
            )
            .await
            .unwrap(),
        );
        let signals: Vec<&Value> = report["signals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["location"]["container"] == "pixels")
            .collect();
        let want: Vec<&Value> = expected["signals"].as_array().unwrap().iter().collect();
        assert_eq!(signals.len(), want.len(), "{name}: {report}");
        for (got, want) in signals.iter().zip(&want) {
            for field in ["value", "explanation", "tool", "strength", "location"] {
                assert_eq!(got[field], want[field], "{name} {field}");
            }
        }
        let verdict = if want
            .iter()
            .any(|s| s["value"].as_str().unwrap().contains("dwtDct"))
        {
            "ai-watermark"
        } else if want.is_empty() {
            "no-label"
        } else {
            // NovelAI metadata (its signature is INVALID under NovelAI's own key) is declared.
            report["verdict"].as_str().unwrap()
        };
        assert_eq!(report["verdict"], verdict, "{name}");
    }
}
