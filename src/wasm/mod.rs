//! The wasm-bindgen facade: the only code that knows about JavaScript.
//!
//! Two functions, `check(bytes, options)` and `checkText(text, options)`, return Promises of the
//! same report the CLI prints, as a plain JS object (its JSON, parsed by `JSON.parse`: `null` not
//! `undefined`, objects not `Map`s), with one difference: a manifest's claim thumbnail is
//! `{media_type, data: Uint8Array}`, its bytes, where the JSON report has base64 `data_base64`
//! (see [`to_js`]). A third, `checkInput(input, options)`, checks bytes streamed into an [`Input`].
//! `imageSize(bytes, limits)` ([`image_size`]) reads the size an image declares, so that the
//! caller decodes nothing over the pixel budget. An input that cannot be read is a report with the verdict
//! `error`, as on the command line; only a caller mistake (bytes that are not bytes, options of
//! the wrong shape) rejects the Promise, with a JS `Error` carrying the message.
//!
//! Digests and signature checks are answered by the browser's WebCrypto ([`subtle`]): the
//! checker runs in passes over one preparation of the input (`crypto::replay`), and the
//! Promise resolves with the report of the pass that needed nothing new.
//!
//! Options, all optional (camelCase):
//! `trustAnchors`, `allowedList`, `trustConfig`, `tsaAnchors`, and for the legacy CAI "interim"
//! list (counted only before its 2026-01-01 freeze) `legacyTrustAnchors`, `legacyAllowedList`,
//! `legacyTrustConfig` (PEM or `store.cfg` text: a string or an array of strings),
//! `cawgTrustAnchors` (PEM: anchors for CAWG identity signers), `cawgIcaIssuers` (DIDs of
//! trusted issuers of CAWG identity claims aggregation credentials: a string or an array),
//! `sidecar` (a `.c2pa` manifest store: `Uint8Array` or `ArrayBuffer`),
//! `remoteManifest` (the store fetched from the file's remote reference, with the user's consent:
//! bytes, validated as a sidecar), `fragments` (an array of `Uint8Array` or `ArrayBuffer`: the
//! media segments of the fragmented MP4 whose init segment is the input, see
//! [`Options::fragments`]), `remoteManifestError` (why that fetch failed: a string),
//! `verifyTime` (seconds since the epoch), `watermarks` (bool), `inputSha256` (bool, default true:
//! false leaves the report's `input.sha256` out), `aiDisclosureHeader`,
//! `linkHeader` (strings), `textKeys` (Ed25519 public keys for EncypherAI text marks, PEM or
//! hex: a string or an array), `limits` (the fields of [`crate::limits::Limits`] in camelCase,
//! e.g. `{maxPixels, maxSignals}`; a field left out keeps its default), `pixels`
//! (`{rgba, width, height}`: the input's pixels decoded by the caller, e.g. with
//! `createImageBitmap` and a canvas's `getImageData`; `rgba` a `Uint8Array` or
//! `Uint8ClampedArray` of non-premultiplied RGBA8, row-major; `width`, `height` integers;
//! used for watermark detection, since this build has no image decoder: see
//! [`crate::options::Pixels`]). `rgba` is not copied into wasm memory: the detectors read it a
//! band of rows at a time ([`pixels`]), so the caller must leave it unchanged until the Promise
//! settles.
//!
//! A `pixels` value of the wrong shape (not an object, `rgba` not a byte array, a dimension
//! that is not an integer in `0..=2^32-1`) throws like any malformed option. Well-formed
//! `pixels` whose `rgba` length is not `width * height * 4`, or above `limits.maxPixels`, do
//! not throw: the report carries a warning in `errors` and watermarks are not checked (labels
//! and C2PA still are), as for an image the checker cannot decode itself. The budget is checked
//! first: the page's worker passes the declared size of an image over it with empty `rgba`, so
//! that the report carries the same warning as a native check.

/// The browser module's allocator: talc rather than Rust's default dlmalloc. Its `malloc` is the
/// one function besides the input's own loops that V8 tiers up during a cold first check, and
/// a smaller one is compiled sooner (BENCHMARKS.md, "The allocator").
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod options;
pub mod pixels;
pub mod subtle;
pub mod text_data;
pub mod thumbnail;

use crate::c2pa::report::Thumbnail;
use crate::crypto::replay::{Replay, MAX_PASSES};
use crate::labels::text::part as text_part;
use crate::limits::Limits;
use crate::options::Options;
use crate::report::{Report, ReportError};
use crate::sniff::{self, Format};
use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use options::options_of;
use pixels::JsRows;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Install the panic hook once, when the module is instantiated, so that a bug shows as a
/// legible console message instead of "unreachable executed".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Check an image, a `.c2pa` manifest store, or text/HTML bytes: a Promise of the report.
///
/// # Errors
/// Rejects with a JS `Error` when `bytes` is not a `Uint8Array`/`ArrayBuffer` or `options` is
/// malformed.
#[wasm_bindgen]
pub async fn check(bytes: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let input = bytes_of(&bytes).ok_or_else(|| {
        JsError::new(
            "expected a Uint8Array or an ArrayBuffer as the input, but found another value",
        )
    })?;
    let (options, rows) = options_of(&options)?;
    let format = sniff::sniff(&input);
    run(&input, format, options, rows).await
}

/// A file's bytes on their way into wasm memory: the worker streams a large `Blob` into it chunk
/// by chunk (reporting progress as it goes), so the file is copied into wasm memory once and
/// never held whole in a JavaScript buffer as well. Then `checkInput(input, options)`.
#[wasm_bindgen]
pub struct Input {
    bytes: Vec<u8>,
    size: usize,
}

#[wasm_bindgen]
impl Input {
    /// Room for `size` bytes, reserved at once (so appending never moves them).
    ///
    /// # Errors
    /// When that much memory cannot be had.
    #[wasm_bindgen(constructor)]
    pub fn new(size: usize) -> Result<Input, JsError> {
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(size).map_err(|_| {
            JsError::new(&format!(
                "the file ({size} bytes) does not fit in the checker's memory"
            ))
        })?;
        Ok(Input { bytes, size })
    }

    /// Append `chunk`.
    ///
    /// # Errors
    /// When the bytes would go past the size given to the constructor (the file grew).
    pub fn write(&mut self, chunk: &Uint8Array) -> Result<(), JsError> {
        let grew = || JsError::new("the file grew while it was being read");
        let n = usize::try_from(chunk.length()).map_err(|_| grew())?;
        let start = self.bytes.len();
        let end = start
            .checked_add(n)
            .filter(|&e| e <= self.size)
            .ok_or_else(grew)?;
        self.bytes.resize(end, 0);
        let dst = self.bytes.get_mut(start..end).ok_or_else(grew)?;
        chunk.copy_to(dst);
        Ok(())
    }

    /// How many bytes have been written.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.bytes.len()
    }
}

/// Check the bytes streamed into an [`Input`] (which this consumes): a Promise of the report, as
/// `check` gives.
///
/// # Errors
/// Rejects with a JS `Error` when `options` is malformed.
#[wasm_bindgen(js_name = checkInput)]
pub async fn check_input(input: Input, options: JsValue) -> Result<JsValue, JsError> {
    let (options, rows) = options_of(&options)?;
    let format = sniff::sniff(&input.bytes);
    run(&input.bytes, format, options, rows).await
}

/// The size an image declares in its header, read before anything decodes it, and whether
/// watermark detection may decode it (`watermark::header`): the page and the extension call
/// this before `createImageBitmap`, which holds the whole bitmap before it tells the size.
/// `bytes` may be a prefix of the file (from its first byte). `limits` is the `limits` option
/// (or `undefined` for the defaults).
///
/// `null` when the bytes do not start like a JPEG, PNG, GIF, WebP, AVIF or BMP. Otherwise
/// `{format, width, height, truncated, decode, warning, orientation}`: `width` and `height` are
/// `null` when the header was not read; `truncated` says whether the bytes ended before what is
/// read here did (the size, or a PNG's chunks up to `IDAT`, where an `eXIf` may be): a longer
/// prefix may tell; `decode` is true only for a size read and within `limits.maxPixels`;
/// `warning` is the report's warning for a size over it; `orientation` is the Exif Orientation a
/// browser applies (a JPEG's, or a PNG's `eXIf`: `watermark::header::orientation`),
/// `{value, offset, upright, crc}`, or `null`: a browser rotates the pixels by it, so the caller
/// decodes a copy with the two bytes at `offset` replaced by `upright` to get the stored pixels,
/// as the command line reads them, and, when `crc` is not `null` (PNG: the chunk's CRC covers
/// the value), the four bytes at `crc.offset` by `crc.upright`.
///
/// # Errors
/// When `bytes` is not a `Uint8Array`/`ArrayBuffer` or `limits` is malformed.
#[wasm_bindgen(js_name = imageSize)]
pub fn image_size(bytes: JsValue, limits: JsValue) -> Result<JsValue, JsError> {
    use crate::watermark::header::{declared, orientation, Dims};
    let input = bytes_of(&bytes).ok_or_else(|| {
        JsError::new(
            "expected a Uint8Array or an ArrayBuffer as the input, but found another value",
        )
    })?;
    let limits: Limits = if limits.is_null_or_undefined() {
        Limits::default()
    } else {
        options::limits_of(&limits).map_err(|e| JsError::new(&format!("invalid limits: {e}")))?
    };
    let Some((format, dims)) = declared(&input) else {
        return Ok(JsValue::NULL);
    };
    #[derive(Serialize)]
    struct Size {
        format: &'static str,
        width: Option<u32>,
        height: Option<u32>,
        truncated: bool,
        decode: bool,
        warning: Option<String>,
        orientation: Option<orientation::Orientation>,
    }
    let (width, height, warning) = match dims {
        Dims::Size(w, h) => (
            Some(w),
            Some(h),
            crate::watermark::pixel_budget(w, h, &limits).err(),
        ),
        _ => (None, None, None),
    };
    let found = orientation::find(&input);
    let size = Size {
        format,
        width,
        height,
        truncated: dims == Dims::Truncated || matches!(found, orientation::Found::Truncated),
        decode: width.is_some() && warning.is_none(),
        warning,
        orientation: match found {
            orientation::Found::Tag(o) => Some(o),
            _ => None,
        },
    };
    json_to_js(&size, "size")
}

/// `value` as a JS object: its JSON (as the CLI writes it), parsed by the browser. One
/// serializer for every value the module returns, the one the native build has anyway (serde-
/// wasm-bindgen's would be a second instance of every report type's serializing code).
fn json_to_js<T: Serialize>(value: &T, what: &str) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("the {what} could not be converted: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| {
        JsError::new(&format!(
            "the {what} could not be converted: JSON.parse failed"
        ))
    })
}

/// Check a text or HTML string: a Promise of the report.
///
/// # Errors
/// Rejects with a JS `Error` when `text` is not a string or `options` is malformed.
#[wasm_bindgen(js_name = checkText)]
pub async fn check_text(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let text = text
        .as_string()
        .ok_or_else(|| JsError::new("expected a string as the text, but found another value"))?;
    let (options, _) = options_of(&options)?;
    let format = crate::pipeline::text_format(&text);
    run(text.as_bytes(), format, options, None).await
}

/// Prepare once, then finish in passes until WebCrypto has answered every request; the report
/// as a JS object, converted while the manifest stores its thumbnails point into are alive.
/// `rows`: the `pixels` option, read in bands on each pass ([`pixels`]).
async fn run(
    input: &[u8],
    format: Format,
    mut options: Options,
    mut rows: Option<JsRows>,
) -> Result<JsValue, JsError> {
    // One clock reading for every pass, so that the passes differ only in their answers.
    if options.verify_time.is_none() {
        options.verify_time = Some(crate::c2pa::signature::now());
    }
    let first = Replay::new(vec![input]);
    let prepare = |rows: &mut Option<JsRows>, crypto: &Replay<'_>| {
        let rows: Option<&mut dyn crate::watermark::PixelRows> = match rows {
            Some(r) => Some(r),
            None => None,
        };
        crate::pipeline::prepare_with_rows(input, format, &options, crypto, rows)
    };
    let mut keys = subtle::Keys::default();
    // Preparing needs crypto only for a NovelAI signature in the pixels, and the text data only
    // for an input with text to read (loaded then, once); usually one pass.
    let _ = text_part::take_wanted();
    let mut prepared = prepare(&mut rows, &first);
    let mut passes = 1;
    loop {
        let wanted = text_part::take_wanted() && !text_part::loaded();
        let pending = first.take_pending();
        if pending.is_empty() && !wanted {
            break;
        }
        if passes >= MAX_PASSES {
            return Err(unsettled());
        }
        if wanted {
            text_data::fetch().await?;
        }
        if !pending.is_empty() {
            subtle::answer(&first, pending, &mut keys).await;
        }
        prepared = prepare(&mut rows, &first);
        passes += 1;
    }
    // The C2PA step, replayed over the settled preparation, whose manifest stores stay put, as
    // do the fragments of a fragmented MP4.
    let mut regions = prepared.stable_regions();
    regions.extend(options.fragments.iter().map(Vec::as_slice));
    let replay = Replay::new(regions);
    for _ in 0..MAX_PASSES {
        let mut report = prepared.finish(&options, &replay);
        let pending = replay.take_pending();
        if pending.is_empty() {
            for alg in &keys.unsupported {
                report.errors.push(ReportError {
                    kind: "warning".to_owned(),
                    message: format!(
                        "this browser cannot verify {alg} signatures (WebCrypto lacks the \
                         algorithm), so they count as not verified"
                    ),
                    fatal: false,
                });
            }
            let mut stores = prepared.stable_regions();
            stores.extend(options.sidecar_manifest.as_deref());
            stores.extend(options.remote_manifest.as_deref());
            return to_js(report, &stores);
        }
        subtle::answer(&replay, pending, &mut keys).await;
    }
    Err(unsettled())
}

fn unsettled() -> JsError {
    JsError::new("WebCrypto did not answer every digest and signature check the verification needs")
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer`, copied into wasm memory.
fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Some(a.to_vec());
    }
    value
        .dyn_ref::<ArrayBuffer>()
        .map(|b| Uint8Array::new(b).to_vec())
}

/// The report as a JS object. Claim thumbnails leave as bytes, not base64: each manifest's
/// `thumbnail` is `{media_type, data: Uint8Array}`, where the JSON report has `data_base64`
/// (which `JSON.stringify` writes, [`thumbnail`]). The
/// bytes are copied once, from the manifest store in wasm memory (`stores`: the input, the stores
/// found in it, a sidecar or fetched remote store; see [`Thumbnail::at`]) to a JS buffer, which
/// the worker then transfers to the page without another copy.
fn to_js(mut report: Report, stores: &[&[u8]]) -> Result<JsValue, JsError> {
    let thumbnails: Vec<(u32, Thumbnail)> = match report.c2pa.as_mut() {
        Some(c) => c
            .manifests
            .iter_mut()
            .zip(0u32..)
            .filter_map(|(m, i)| m.thumbnail.take().map(|t| (i, t)))
            .collect(),
        None => Vec::new(),
    };
    let value = json_to_js(&report, "report")?;
    if thumbnails.is_empty() {
        return Ok(value);
    }
    let manifests = Reflect::get(&value, &JsValue::from_str("c2pa"))
        .and_then(|c| Reflect::get(&c, &JsValue::from_str("manifests")))
        .map_err(|_| JsError::new("the report could not be converted: no manifest list"))?;
    for (i, t) in thumbnails {
        let bytes = match t.at {
            Some((addr, len)) => stores
                .iter()
                .find_map(|s| within(s, addr, len))
                .ok_or_else(|| JsError::new("the report could not be converted: a thumbnail"))?,
            None => t.data.as_slice(),
        };
        let set = thumbnail::object(&t.media_type, bytes)
            .and_then(|thumb| Ok((thumb, Reflect::get_u32(&manifests, i)?)))
            .and_then(|(thumb, m)| Reflect::set(&m, &"thumbnail".into(), &thumb));
        set.map_err(|_| JsError::new("the report could not be converted: a thumbnail"))?;
    }
    Ok(value)
}

/// The `len` bytes at address `addr`, if they lie inside `region`.
fn within(region: &[u8], addr: usize, len: usize) -> Option<&[u8]> {
    let start = addr.checked_sub(region.as_ptr().addr())?;
    region.get(start..start.checked_add(len)?)
}
