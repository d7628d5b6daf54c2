//! A claim thumbnail as the wasm report hands it over: `{media_type, data}`, `data` a
//! `Uint8Array` of its bytes, so that a check builds no base64. `JSON.stringify` gives it the
//! JSON report's shape instead, `{media_type, data_base64}` (README, "The report"): the object
//! inherits a `toJSON` from a prototype of its own, where its two properties are the only own
//! ones. A structured clone (`postMessage` from a worker) copies only own properties, so it
//! keeps `{media_type, data}` as plain data, never a function that would make the clone throw.
//!
//! Without it, `JSON.stringify` of a report writes a `Uint8Array` as an object with one key per
//! byte: about eighteen bytes of JSON per byte of thumbnail, and a shape no reader expects.

use base64::Engine;
use js_sys::{Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The one JS function behind every thumbnail's `toJSON`, bound per thumbnail to its media
    /// type and bytes. Made once per module instance and kept for its life.
    static TO_JSON: Closure<dyn Fn(JsValue, Uint8Array) -> JsValue> = Closure::new(to_json);
}

/// `{media_type, data_base64}`: the thumbnail as the JSON report writes it.
fn to_json(media_type: JsValue, data: Uint8Array) -> JsValue {
    let out = Object::new();
    let base64 = native_base64(&data).unwrap_or_else(|| {
        JsValue::from_str(&base64::engine::general_purpose::STANDARD.encode(data.to_vec()))
    });
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(&out, &"media_type".into(), &media_type);
    let _ = Reflect::set(&out, &"data_base64".into(), &base64);
    out.into()
}

/// The browser's own `Uint8Array.prototype.toBase64` (Chrome 140, Firefox 133, Safari 18.2),
/// when it has one.
fn native_base64(data: &Uint8Array) -> Option<JsValue> {
    let f = Reflect::get(data, &"toBase64".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    f.call0(data).ok().filter(JsValue::is_string)
}

/// The thumbnail object for `bytes` of `media_type` (the bytes copied once, into a JS buffer).
///
/// # Errors
/// When the browser refuses to define a property (it does not for fresh objects).
pub fn object(media_type: &str, bytes: &[u8]) -> Result<Object, JsValue> {
    let media_type = JsValue::from_str(media_type);
    let data = Uint8Array::from(bytes);
    let to_json = TO_JSON.with(|f| {
        f.as_ref()
            .unchecked_ref::<Function>()
            .bind2(&JsValue::NULL, &media_type, &data)
    });
    // Not enumerable, not writable: `for…in` and `Object.keys` see the two data properties only.
    let proto = Object::new();
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"value".into(), &to_json)?;
    Object::define_property(&proto, &"toJSON".into(), &descriptor);
    let thumb = Object::create(&proto);
    Reflect::set(&thumb, &"media_type".into(), &media_type)?;
    Reflect::set(&thumb, &"data".into(), &data)?;
    Ok(thumb)
}
