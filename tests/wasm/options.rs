//! The browser's options reader (src/wasm/options.rs) against serde-wasm-bindgen 0.6, which it
//! replaced: the option types as they were declared for it (`Old` below, the code removed from
//! src/wasm/mod.rs), read from the same JS values. Both accept or both refuse each value, and
//! what they accept gives equal `Options` (and equal pixel dimensions).

use super::*;
use ailabel::wasm::options::{limits_of, options_of};
use ailabel::watermark::PixelRows;
use ailabel::{Limits, Options, TrustSettings};
use serde::de::IgnoredAny;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn list(v: Option<OneOrMany>) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(OneOrMany::One(s)) if s.trim().is_empty() => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v.into_iter().filter(|s| !s.trim().is_empty()).collect(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Old {
    trust_anchors: Option<OneOrMany>,
    allowed_list: Option<OneOrMany>,
    trust_config: Option<OneOrMany>,
    tsa_anchors: Option<OneOrMany>,
    legacy_trust_anchors: Option<OneOrMany>,
    legacy_allowed_list: Option<OneOrMany>,
    legacy_trust_config: Option<OneOrMany>,
    cawg_trust_anchors: Option<OneOrMany>,
    cawg_ica_issuers: Option<OneOrMany>,
    sidecar: Option<IgnoredAny>,
    remote_manifest: Option<IgnoredAny>,
    fragments: Option<IgnoredAny>,
    remote_manifest_error: Option<String>,
    verify_time: Option<i64>,
    watermarks: Option<bool>,
    ai_disclosure_header: Option<String>,
    link_header: Option<String>,
    limits: Option<Limits>,
    pixels: Option<OldPixels>,
    text_keys: Option<OneOrMany>,
}

#[derive(Deserialize)]
struct OldPixels {
    #[allow(dead_code)]
    rgba: IgnoredAny,
    width: u32,
    height: u32,
}

/// What the old reader made of `value`: the options and the pixel dimensions, or `None` for a
/// refusal (the byte options, read apart from serde then as now, are left out of the values).
fn old(value: &JsValue) -> Option<(Options, Option<(u32, u32)>)> {
    let js: Old = serde_wasm_bindgen::from_value(value.clone()).ok()?;
    let rows = match js.pixels {
        Some(p) => {
            let rgba = Reflect::get(value, &"pixels".into())
                .and_then(|v| Reflect::get(&v, &"rgba".into()))
                .ok()?;
            ailabel::wasm::pixels::JsRows::new(&rgba, p.width, p.height)?;
            Some((p.width, p.height))
        }
        None => None,
    };
    let defaults = Options::default();
    let options = Options {
        limits: js.limits.unwrap_or(defaults.limits),
        trust: TrustSettings {
            trust_anchors: list(js.trust_anchors),
            allowed_list: list(js.allowed_list),
            trust_config: list(js.trust_config),
            tsa_anchors: list(js.tsa_anchors),
            legacy_trust_anchors: list(js.legacy_trust_anchors),
            legacy_allowed_list: list(js.legacy_allowed_list),
            legacy_trust_config: list(js.legacy_trust_config),
            cawg_trust_anchors: list(js.cawg_trust_anchors),
            cawg_ica_issuers: list(js.cawg_ica_issuers),
        },
        remote_manifest_error: js.remote_manifest_error,
        verify_time: js.verify_time,
        watermarks: js.watermarks.unwrap_or(defaults.watermarks),
        ai_disclosure_header: js.ai_disclosure_header,
        link_header: js.link_header,
        text_keys: list(js.text_keys),
        ..defaults
    };
    Some((options, rows))
}

fn new(value: &JsValue) -> Option<(Options, Option<(u32, u32)>)> {
    let (options, rows) = options_of(value).ok()?;
    Some((options, rows.map(|r| (r.width(), r.height()))))
}

fn eval(js: &str) -> JsValue {
    js_sys::eval(js).unwrap()
}

#[wasm_bindgen_test]
fn options_are_read_as_serde_wasm_bindgen_read_them() {
    let texts = [
        "'PEM'",
        "'  '",
        "''",
        "[]",
        "['a', ' ', 'b']",
        "[1]",
        "['a', null]",
        "[['a']]",
        "new TextEncoder().encode('caf\u{e9}')",
        "new TextEncoder().encode('x').buffer",
        "new Uint8Array([0xff, 0xfe])",
        "[new TextEncoder().encode('a'), 'b']",
        "new Uint8ClampedArray([65])",
        "5",
        "true",
        "{}",
        "({0: 'a', length: 1})",
        "new Map()",
        "new Set(['a'])",
        "null",
        "undefined",
        "10n",
        "Symbol('s')",
    ];
    let strings = [
        "'x'",
        "''",
        "5",
        "new Uint8Array([65])",
        "['x']",
        "null",
        "false",
    ];
    let times = [
        "5",
        "0",
        "-0",
        "-3",
        "1.5",
        "2 ** 53",
        "2 ** 53 - 1",
        "-(2 ** 53 - 1)",
        "2n ** 60n",
        "-(2n ** 63n)",
        "2n ** 63n",
        "'5'",
        "NaN",
        "Infinity",
        "new Number(5)",
        "true",
    ];
    let bools = ["true", "false", "0", "1", "'true'", "new Boolean(true)"];
    let limits = [
        "({})",
        "({maxInputBytes: 10})",
        "({maxInputBytes: 2 ** 53 - 1})",
        "({maxInputBytes: 2 ** 53})",
        "({maxInputBytes: 2n ** 60n})",
        "({maxInputBytes: 2n ** 64n})",
        "({maxInputBytes: -1n})",
        "({maxInputBytes: -1})",
        "({maxInputBytes: 1.5})",
        "({maxInputBytes: '10'})",
        "({maxBlocks: 2 ** 32 - 1, maxDepth: 0})",
        "({maxBlocks: 2 ** 32})",
        "({maxBlocks: 5n})",
        "({maxDepth: undefined})",
        "({maxDepth: null})",
        "({maxPixels: 1, maxPixelsInFlight: 2, maxMerkleBytes: 3, maxJoinedBytes: 4, \
         maxJoinedXmpBytes: 5, maxTextBytes: 6, maxMetadataBytes: 7, maxDecompressedBytes: 8, \
         maxManifests: 9, maxChainLen: 10, maxSignatureChecks: 11, maxMetadataEntries: 12, \
         maxC2paBytes: 13})",
        "({max_blocks: 5, other: 'x'})",
        "Object.create({maxDepth: 3})",
        "[]",
        "new Uint8Array(2)",
        "'x'",
        "5",
        "true",
        "(() => 1)",
    ];
    let pixels = [
        "({rgba: new Uint8Array(4), width: 1, height: 1})",
        "({rgba: new Uint8ClampedArray(4), width: 2, height: 2})",
        "({rgba: new Uint8Array(4), width: 2 ** 32 - 1, height: 0})",
        "({rgba: new Uint8Array(4), width: 2 ** 32, height: 1})",
        "({rgba: new Uint8Array(4), width: 1.5, height: 1})",
        "({rgba: new Uint8Array(4), width: -1, height: 1})",
        "({rgba: new Uint8Array(4), width: 1n, height: 1})",
        "({rgba: new Uint8Array(4), width: 1})",
        "({width: 1, height: 1})",
        "({rgba: undefined, width: 1, height: 1})",
        "({rgba: [0, 0, 0, 0], width: 1, height: 1})",
        "({rgba: new Uint8Array(4).buffer, width: 1, height: 1})",
        "[]",
        "'x'",
    ];
    let mut cases: Vec<(&str, &str)> = Vec::new();
    for key in [
        "trustAnchors",
        "allowedList",
        "trustConfig",
        "tsaAnchors",
        "legacyTrustAnchors",
        "legacyAllowedList",
        "legacyTrustConfig",
        "cawgTrustAnchors",
        "cawgIcaIssuers",
        "textKeys",
    ] {
        cases.extend(texts.iter().map(|v| (key, *v)));
    }
    for key in ["remoteManifestError", "aiDisclosureHeader", "linkHeader"] {
        cases.extend(strings.iter().map(|v| (key, *v)));
    }
    cases.extend(times.iter().map(|v| ("verifyTime", *v)));
    cases.extend(bools.iter().map(|v| ("watermarks", *v)));
    cases.extend(limits.iter().map(|v| ("limits", *v)));
    cases.extend(pixels.iter().map(|v| ("pixels", *v)));
    let mut accepted = 0;
    for (key, js) in cases {
        let value = opts(&[(key, eval(&format!("({js})")))]);
        let want = old(&value);
        assert_eq!(new(&value), want, "{key}: {js}");
        accepted += usize::from(want.is_some());
        // `imageSize`'s `limits` is read by the same reader.
        if key == "limits" {
            let v = eval(&format!("({js})"));
            let old_limits = serde_wasm_bindgen::from_value::<Limits>(v.clone()).ok();
            assert_eq!(limits_of(&v).ok(), old_limits, "imageSize limits: {js}");
        }
    }
    assert!(accepted > 100, "{accepted}");
    // Several options at once, and none.
    let all = opts(&[
        ("trustAnchors", eval("['A', 'B']")),
        ("verifyTime", JsValue::from_f64(CORPUS_TIME)),
        ("watermarks", JsValue::FALSE),
        ("linkHeader", JsValue::from_str("<x>; rel=c2pa-manifest")),
        ("limits", eval("({maxDepth: 7})")),
        ("sidecar", bytes(b"store")),
    ]);
    let (options, rows) = options_of(&all).ok().unwrap();
    assert!(rows.is_none());
    assert_eq!(options.sidecar_manifest.as_deref(), Some(&b"store"[..]));
    assert_eq!(options.limits.max_depth, 7);
    assert_eq!(
        Some((options, None)),
        old(&all).map(|(o, r)| (
            Options {
                sidecar_manifest: Some(b"store".to_vec()),
                ..o
            },
            r
        ))
    );
    assert_eq!(new(&JsValue::UNDEFINED), Some((Options::default(), None)));
    assert_eq!(new(&JsValue::NULL), Some((Options::default(), None)));
}
