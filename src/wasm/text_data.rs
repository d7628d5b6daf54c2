//! The text-data part (`ailabel_text.bin`: the disclosure grammar's tables and Unicode data,
//! [`crate::labels::text::grammar::data`]), which the browser module does not carry: the caller
//! hands it over with `loadTextData(bytes)`, or registers `setTextDataLoader(fn)` (a function
//! returning a Promise of the bytes) and the first check that reads text calls it, once. Image
//! checks never need it. A check that needs it when neither was done rejects.

use crate::labels::text::grammar::data;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Load the text data from the bytes of `ailabel_text.bin` (a `Uint8Array` or an
/// `ArrayBuffer`). Loading it again does nothing.
///
/// # Errors
/// When `bytes` is not bytes, or not that file.
#[wasm_bindgen(js_name = loadTextData)]
pub fn load_text_data(bytes: JsValue) -> Result<(), JsError> {
    let bytes = super::bytes_of(&bytes).ok_or_else(|| {
        JsError::new(
            "expected a Uint8Array or an ArrayBuffer as the text data, but found another value",
        )
    })?;
    data::load(bytes).map_err(|e| JsError::new(&format!("the text data: {}", e.message())))
}

/// Register `loader`, a function returning (a Promise of) the bytes of `ailabel_text.bin`, called
/// at most once, by the first check that reads text.
#[wasm_bindgen(js_name = setTextDataLoader)]
pub fn set_text_data_loader(loader: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// Load the data through the registered loader.
pub(super) async fn fetch() -> Result<(), JsError> {
    if data::loaded() {
        return Ok(());
    }
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        return Err(JsError::new(
            "this input has text to read and the text data (ailabel_text.bin) is not loaded: call \
             loadTextData(bytes) or setTextDataLoader(fn) first",
        ));
    };
    let failed = |e: JsValue| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_default();
        JsError::new(&format!(
            "the text data (ailabel_text.bin) could not be loaded: {why}"
        ))
    };
    let value = loader.call0(&JsValue::NULL).map_err(failed)?;
    let bytes = JsFuture::from(Promise::resolve(&value))
        .await
        .map_err(failed)?;
    load_text_data(bytes)
}
