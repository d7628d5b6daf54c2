//! The text part (`ailabel_text.wasm`: the text readers, the disclosure grammar's tables and
//! the Unicode data, [`crate::labels::text::part`]), which the core module does not carry: the
//! caller hands its bytes over with `loadTextData(bytes)`, or registers `setTextDataLoader(fn)`
//! (a function returning a Promise of the bytes) and the first check that reads text calls it,
//! once. Image checks never need it. When neither was done, that check fetches
//! `ailabel_text.wasm` from next to the glue (`import.meta.url`, where wasm-bindgen's `init`
//! also looks for `ailabel_bg.wasm` by default), and rejects, saying so, when it cannot.
//!
//! The part is a plain wasm module without imports; it is compiled and instantiated here
//! (synchronously: it is small enough for any thread), and called through its memory as
//! `src/wasm_text.rs` describes.

use crate::labels::text::part;
use js_sys::WebAssembly::{Instance, Memory, Module};
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> JsValue;
    /// The glue module's `import.meta`.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    /// The global `fetch` (a window's or a worker's).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn fetch_url(url: &str) -> Result<Promise, JsValue>;
}

thread_local! {
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// The loaded part's exports.
struct Part {
    memory: Memory,
    buffer: Function,
    call: Function,
    reply: Function,
}

impl Part {
    fn of(bytes: &[u8]) -> Result<Part, JsValue> {
        let module = Module::new(&Uint8Array::from(bytes))?;
        let exports = Instance::new(&module, &Object::new())?.exports();
        let get = |name: &str| Reflect::get(&exports, &JsValue::from_str(name));
        Ok(Part {
            memory: get("memory")?.dyn_into()?,
            buffer: get("ailabel_text_buffer")?.dyn_into()?,
            call: get("ailabel_text_call")?.dyn_into()?,
            reply: get("ailabel_text_reply")?.dyn_into()?,
        })
    }

    /// The view of `len` bytes at `at` of the part's memory (taken after any call, which may
    /// grow the memory).
    fn view(&self, at: u32, len: usize) -> Option<Uint8Array> {
        let len = u32::try_from(len).ok()?;
        let buffer = self.memory.buffer();
        let end = at.checked_add(len)?;
        Some(Uint8Array::new(&buffer).subarray(at, end))
    }

    fn call(&self, kind: u32, request: &[u8]) -> Option<Vec<u8>> {
        // The exports return i32 values; a negative one (-1) is a failure.
        let n = |v: Result<JsValue, JsValue>| {
            u32::try_from(super::options::safe_integer(&v.ok()?)?).ok()
        };
        let len = JsValue::from(u32::try_from(request.len()).ok()?);
        let at = n(self.buffer.call1(&JsValue::NULL, &len)).filter(|&a| a != 0)?;
        self.view(at, request.len())?.copy_from(request);
        let len = n(self.call.call1(&JsValue::NULL, &JsValue::from(kind)))?;
        let at = n(self.reply.call0(&JsValue::NULL))?;
        let len = usize::try_from(len).ok()?;
        let mut out = vec![0; len];
        self.view(at, len)?.copy_to(&mut out);
        Some(out)
    }
}

/// Load the text part from the bytes of `ailabel_text.wasm` (a `Uint8Array` or an
/// `ArrayBuffer`). Loading it again does nothing.
///
/// # Errors
/// When `bytes` is not bytes, or not that module.
#[wasm_bindgen(js_name = loadTextData)]
pub fn load_text_data(bytes: JsValue) -> Result<(), JsError> {
    if part::loaded() {
        return Ok(());
    }
    let bytes = super::bytes_of(&bytes).ok_or_else(|| {
        JsError::new(
            "expected a Uint8Array or an ArrayBuffer as the text part, but found another value",
        )
    })?;
    let p = Part::of(&bytes).map_err(|e| {
        JsError::new(&format!(
            "the text part (ailabel_text.wasm) could not be instantiated: {}",
            message(&e)
        ))
    })?;
    part::install(Box::new(move |kind, request| p.call(kind, request)));
    Ok(())
}

fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_default()
}

/// Register `loader`, a function returning (a Promise of) the bytes of `ailabel_text.wasm`,
/// called at most once, by the first check that reads text.
#[wasm_bindgen(js_name = setTextDataLoader)]
pub fn set_text_data_loader(loader: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// Load the part through the registered loader.
pub(super) async fn fetch() -> Result<(), JsError> {
    if part::loaded() {
        return Ok(());
    }
    let failed = |e: JsValue| {
        JsError::new(&format!(
            "the text part (ailabel_text.wasm) could not be loaded: {}",
            message(&e)
        ))
    };
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        let bytes = fetch_beside_glue().await.map_err(|e| {
            JsError::new(&format!(
                "this input has text to read and the text part (ailabel_text.wasm) could not be \
                 fetched from next to the glue ({}): call loadTextData(bytes) or \
                 setTextDataLoader(fn) first",
                message(&e)
            ))
        })?;
        return load_text_data(bytes);
    };
    let value = loader.call0(&JsValue::NULL).map_err(failed)?;
    let bytes = JsFuture::from(Promise::resolve(&value))
        .await
        .map_err(failed)?;
    load_text_data(bytes)
}

/// `ailabel_text.wasm` from the folder of the glue module, as an `ArrayBuffer`.
async fn fetch_beside_glue() -> Result<JsValue, JsValue> {
    let glue = IMPORT_META
        .with(ImportMeta::url)
        .as_string()
        .ok_or_else(|| JsValue::from_str("the glue has no import.meta.url"))?;
    let url = beside(&glue, "ailabel_text.wasm");
    let response = JsFuture::from(fetch_url(&url)?).await?;
    let ok = Reflect::get(&response, &"ok".into())?;
    if ok != JsValue::TRUE {
        let status = Reflect::get(&response, &"status".into())?;
        return Err(JsValue::from_str(&format!(
            "{url}: HTTP {}",
            status.as_f64().unwrap_or_default()
        )));
    }
    let read: Function = Reflect::get(&response, &"arrayBuffer".into())?.dyn_into()?;
    JsFuture::from(Promise::resolve(&read.call0(&response)?)).await
}

/// The URL of `file` in the folder of the module at `url` (its query and fragment dropped).
fn beside(url: &str, file: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let path = url.get(..end).unwrap_or(url);
    let folder = path.rfind('/').and_then(|i| path.get(..=i)).unwrap_or("");
    format!("{folder}{file}")
}
