//! The options object of `check`, `checkInput` and `checkText`, and `imageSize`'s `limits`, read
//! from JavaScript values (the option names: the `//!` of `src/wasm/mod.rs`).
//!
//! Read by hand rather than with serde-wasm-bindgen, whose deserializer and the derived code for
//! these types cost the browser module 22 KB raw, 7 KB brotli (BENCHMARKS.md, "Size of the browser
//! module"). The values accepted and refused are serde-wasm-bindgen 0.6's for the types the
//! options had (the messages of a refusal are this module's own):
//! - an option that is `null` or `undefined`, or absent, is not given;
//! - a list of PEM texts (`trustAnchors`, ...) is a string, a `Uint8Array` or `ArrayBuffer` of
//!   UTF-8 (serde's untagged enum of a string or a list, reading bytes as a string), or an array
//!   of those;
//! - a string option is a string; `watermarks` and `inputSha256` booleans;
//! - `verifyTime` is a safe integer (`Number.isSafeInteger`) or a `BigInt` in the `i64` range;
//! - `limits` is an object (any: `typeof` `"object"`, not `null`) whose fields, each absent or
//!   else a non-negative safe integer within the field's type (or for a 64-bit field a `BigInt`
//!   in range), replace the defaults; a field present with the value `undefined` or `null` is
//!   refused, other keys are ignored;
//! - `pixels` is an object with `rgba` present (of any value here: [`pixels_of`] checks it)
//!   and `width` and `height` as non-negative safe integers within `u32`.

use super::bytes_of;
use super::pixels::JsRows;
use crate::limits::Limits;
use crate::options::{Options, TrustSettings};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The option names read. Any other key is refused so that a typo does not silently turn
/// trust off.
const OPTION_KEYS: [&str; 21] = [
    "trustAnchors",
    "allowedList",
    "trustConfig",
    "tsaAnchors",
    "legacyTrustAnchors",
    "legacyAllowedList",
    "legacyTrustConfig",
    "cawgTrustAnchors",
    "cawgIcaIssuers",
    "sidecar",
    "remoteManifest",
    "fragments",
    "remoteManifestError",
    "verifyTime",
    "watermarks",
    "inputSha256",
    "aiDisclosureHeader",
    "linkHeader",
    "limits",
    "pixels",
    "textKeys",
];

/// The options, and the `pixels` option as rows read in bands (never in `Options::pixels`).
///
/// # Errors
/// A JS `Error` naming the option of the wrong shape.
pub fn options_of(value: &JsValue) -> Result<(Options, Option<JsRows>), JsError> {
    if value.is_null_or_undefined() {
        return Ok((Options::default(), None));
    }
    if !value.is_object() {
        return Err(JsError::new(
            "expected an options object, but found another value",
        ));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "invalid options: unknown option `{}`, expected one of {}",
                crate::error::escape(key.as_bytes(), 64),
                OPTION_KEYS.join(", ")
            )));
        }
    }
    let invalid =
        |key: &str, what: &str| JsError::new(&format!("invalid options: expected {what} as {key}"));
    let texts = |key: &str| -> Result<Vec<String>, JsError> {
        match given(value, key)? {
            None => Ok(Vec::new()),
            Some(v) => texts_of(&v).ok_or_else(|| {
                invalid(
                    key,
                    "a string or an array of strings (PEM or store.cfg text)",
                )
            }),
        }
    };
    let string = |key: &str| -> Result<Option<String>, JsError> {
        match given(value, key)? {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| invalid(key, "a string")),
        }
    };
    let defaults = Options::default();
    let trust = TrustSettings {
        trust_anchors: texts("trustAnchors")?,
        allowed_list: texts("allowedList")?,
        trust_config: texts("trustConfig")?,
        tsa_anchors: texts("tsaAnchors")?,
        legacy_trust_anchors: texts("legacyTrustAnchors")?,
        legacy_allowed_list: texts("legacyAllowedList")?,
        legacy_trust_config: texts("legacyTrustConfig")?,
        cawg_trust_anchors: texts("cawgTrustAnchors")?,
        cawg_ica_issuers: texts("cawgIcaIssuers")?,
    };
    let remote_manifest_error = string("remoteManifestError")?;
    let verify_time = match given(value, "verifyTime")? {
        None => None,
        Some(v) => Some(i64_of(&v).ok_or_else(|| invalid("verifyTime", "an integer"))?),
    };
    let watermarks = match given(value, "watermarks")? {
        None => defaults.watermarks,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| invalid("watermarks", "a boolean"))?,
    };
    let input_sha256 = match given(value, "inputSha256")? {
        None => defaults.input_sha256,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| invalid("inputSha256", "a boolean"))?,
    };
    let ai_disclosure_header = string("aiDisclosureHeader")?;
    let link_header = string("linkHeader")?;
    let limits = match given(value, "limits")? {
        None => defaults.limits,
        Some(v) => limits_of(&v).map_err(|e| JsError::new(&format!("invalid options: {e}")))?,
    };
    let rows = match given(value, "pixels")? {
        None => None,
        Some(p) => Some(pixels_of(&p)?),
    };
    let text_keys = texts("textKeys")?;
    let options = Options {
        limits,
        trust,
        sidecar_manifest: store_option(value, "sidecar")?,
        remote_manifest: store_option(value, "remoteManifest")?,
        fragments: fragments_of(value)?,
        remote_manifest_error,
        verify_time,
        watermarks,
        input_sha256,
        ai_disclosure_header,
        link_header,
        pixels: None,
        text_keys,
    };
    Ok((options, rows))
}

/// `object[key]`, or `None` when it is `null` or `undefined` (an option not given).
fn given(object: &JsValue, key: &str) -> Result<Option<JsValue>, JsError> {
    let v = Reflect::get(object, &JsValue::from_str(key))
        .map_err(|_| JsError::new(&format!("invalid options: {key} could not be read")))?;
    Ok((!v.is_null_or_undefined()).then_some(v))
}

/// A list of texts: a string or UTF-8 bytes, or an array of them; blank ones dropped.
fn texts_of(v: &JsValue) -> Option<Vec<String>> {
    let mut out = Vec::new();
    if let Some(array) = v.dyn_ref::<js_sys::Array>() {
        for item in array.iter() {
            out.push(text_of(&item)?);
        }
    } else {
        out.push(text_of(v)?);
    }
    out.retain(|s| !s.trim().is_empty());
    Some(out)
}

/// A string, or the UTF-8 text of a `Uint8Array` or an `ArrayBuffer`.
fn text_of(v: &JsValue) -> Option<String> {
    match v.as_string() {
        Some(s) => Some(s),
        None => String::from_utf8(bytes_of(v)?).ok(),
    }
}

/// `v` as an `i64`: a safe integer or a `BigInt` in range.
fn i64_of(v: &JsValue) -> Option<i64> {
    if v.is_bigint() {
        return i64::try_from(v.clone()).ok();
    }
    safe_integer(v)
}

/// `v` as a `u64`: a non-negative safe integer or a `BigInt` in range.
fn u64_of(v: &JsValue) -> Option<u64> {
    if v.is_bigint() {
        return u64::try_from(v.clone()).ok();
    }
    u64::try_from(safe_integer(v)?).ok()
}

/// A number that `Number.isSafeInteger` accepts (|n| < 2^53, no fraction), as an `i64`.
pub(super) fn safe_integer(v: &JsValue) -> Option<i64> {
    if !js_sys::Number::is_safe_integer(v) {
        return None;
    }
    // Exact: a safe integer has at most 53 bits.
    #[allow(clippy::as_conversions)]
    v.as_f64().map(|f| f as i64)
}

/// The `limits` option (and `imageSize`'s `limits`): the defaults, with the fields given.
///
/// # Errors
/// A message naming the field of the wrong value, or saying the value is not an object.
pub fn limits_of(v: &JsValue) -> Result<Limits, String> {
    if !v.is_object() {
        return Err("expected an object as limits".to_owned());
    }
    let mut limits = Limits::default();
    let (wide, narrow) = limits.fields_mut();
    let bad = |key: &str| format!("expected a non-negative integer as limits.{key}");
    for (key, field) in wide {
        if let Some(x) = present(v, key)? {
            *field = u64_of(&x).ok_or_else(|| bad(key))?;
        }
    }
    for (key, field) in narrow {
        if let Some(x) = present(v, key)? {
            *field = safe_integer(&x)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| bad(key))?;
        }
    }
    Ok(limits)
}

/// `object[key]`, or `None` when the key is absent (not `in` the object, prototype included).
fn present(object: &JsValue, key: &str) -> Result<Option<JsValue>, String> {
    let key = JsValue::from_str(key);
    let v = Reflect::get(object, &key).map_err(|_| "the limits could not be read".to_owned())?;
    if v.is_undefined() && !key.js_in(object) {
        return Ok(None);
    }
    Ok(Some(v))
}

/// A manifest-store option (`sidecar`, `remoteManifest`): a `Uint8Array` or an `ArrayBuffer`.
fn store_option(options: &JsValue, key: &str) -> Result<Option<Vec<u8>>, JsError> {
    let Some(v) = given(options, key)? else {
        return Ok(None);
    };
    bytes_of(&v).map(Some).ok_or_else(|| {
        JsError::new(&format!(
            "invalid options: expected a Uint8Array or an ArrayBuffer as {key}, but found another \
             value"
        ))
    })
}

/// The `fragments` option: an array of `Uint8Array`s or `ArrayBuffer`s, copied in.
fn fragments_of(options: &JsValue) -> Result<Vec<Vec<u8>>, JsError> {
    let bad = || {
        JsError::new(
            "invalid options: expected an array of Uint8Array or ArrayBuffer as fragments, but \
             found another value",
        )
    };
    let Some(v) = given(options, "fragments").map_err(|_| bad())? else {
        return Ok(Vec::new());
    };
    let array = v.dyn_ref::<js_sys::Array>().ok_or_else(bad)?;
    array.iter().map(|f| bytes_of(&f).ok_or_else(bad)).collect()
}

/// The `pixels` option (`{rgba, width, height}`): the samples left in `rgba` and read a band at
/// a time ([`JsRows`]), never copied whole.
fn pixels_of(p: &JsValue) -> Result<JsRows, JsError> {
    let bad = |what: &str| JsError::new(&format!("invalid options: {what}"));
    if !p.is_object() {
        return Err(bad("expected an object as pixels"));
    }
    let field = |key: &str| {
        present(p, key)
            .map_err(|_| bad("the pixels could not be read"))?
            .ok_or_else(|| bad(&format!("missing field `{key}` in pixels")))
    };
    let rgba = field("rgba")?;
    let dimension = |key: &str| {
        safe_integer(&field(key)?)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                bad(&format!(
                    "expected an integer in 0..=4294967295 as pixels.{key}"
                ))
            })
    };
    let width = dimension("width")?;
    let height = dimension("height")?;
    JsRows::new(&rgba, width, height).ok_or_else(|| {
        bad("expected a Uint8ClampedArray or a Uint8Array as pixels.rgba, but found another value")
    })
}
