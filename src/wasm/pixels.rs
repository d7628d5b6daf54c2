//! The `pixels` option read in bands: the caller's decoded RGBA stays in JavaScript memory (the
//! `ImageData` buffer the page got from `getImageData`), and the detectors read it through
//! [`JsRows`], which copies one band of rows at a time into wasm memory.
//!
//! Wasm linear memory only grows (`memory.grow`; it never shrinks), so a copy of the whole
//! frame, 64 MiB for a 16 Mpx image, would stay with the worker for its whole life. Read in
//! bands, watermark detection holds at most one band ([`BAND_BYTES`], or one row when a row is
//! longer) plus what the detectors keep (`watermark::rows`): the alpha bits (1 bit a pixel),
//! `dwtDct`'s band of 8 rows of U and its LL rows (24 bytes a column) and its votes (1 byte per
//! 64 pixels). About 2.5 MiB for a 4096×4096 image. The exception is a NovelAI `signed_hash`:
//! its message is the image's RGB bytes (3 a pixel), which WebCrypto verifies in one call.
//!
//! The rows reach the detectors as [`Span`]s of whole rows, top to bottom, exactly as
//! [`crate::watermark::RgbaView`] gives them from a buffer, so both paths find the same things.
//! The caller must leave the array unchanged until the check settles: it is read again on each
//! of the check's passes (and for a NovelAI signature).

use crate::watermark::rows::{PixelRows, Span};
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// The most bytes of RGBA copied into wasm memory at once (whole rows; one row when a row is
/// longer).
pub const BAND_BYTES: usize = 256 * 1024;

/// Decoded RGBA8 pixels held by JavaScript, read a band of rows at a time.
#[derive(Debug)]
pub struct JsRows {
    rgba: Uint8Array,
    width: u32,
    height: u32,
    band_bytes: usize,
}

impl JsRows {
    /// `width`×`height` pixels in `rgba`, a `Uint8ClampedArray` or a `Uint8Array` (not copied:
    /// a `Uint8Array` view of the same memory is kept); `None` for any other value.
    pub fn new(rgba: &JsValue, width: u32, height: u32) -> Option<JsRows> {
        let rgba = if let Some(a) = rgba.dyn_ref::<js_sys::Uint8ClampedArray>() {
            Uint8Array::new_with_byte_offset_and_length(&a.buffer(), a.byte_offset(), a.length())
        } else {
            rgba.dyn_ref::<Uint8Array>()?.clone()
        };
        Some(JsRows {
            rgba,
            width,
            height,
            band_bytes: BAND_BYTES,
        })
    }

    /// The same, read in bands of at most `bytes` (at least one row): for tests of the band
    /// edges.
    pub fn with_band_bytes(mut self, bytes: usize) -> JsRows {
        self.band_bytes = bytes;
        self
    }
}

impl PixelRows for JsRows {
    fn width(&self) -> u32 {
        self.width
    }
    fn height(&self) -> u32 {
        self.height
    }
    fn has_alpha(&self) -> bool {
        true
    }
    fn in_order(&self) -> bool {
        true
    }
    fn spans(&mut self, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String> {
        crate::watermark::rgba_len(u64::from(self.rgba.length()), self.width, self.height)?;
        let changed = || "the pixels changed while they were read; watermarks were not checked";
        let stride = usize::try_from(self.width)
            .ok()
            .and_then(|w| w.checked_mul(4))
            .filter(|&s| s > 0)
            .ok_or_else(|| "expected a width of at least 1 pixel".to_owned())?;
        let height = usize::try_from(self.height).map_err(|_| changed())?;
        let rows = (self.band_bytes / stride).clamp(1, height.max(1));
        let mut band = Vec::new();
        band.try_reserve_exact(rows.saturating_mul(stride))
            .map_err(|_| "could not allocate a band of pixel rows; watermarks were not checked")?;
        let mut y0 = 0usize;
        while y0 < height {
            let n = rows.min(height.saturating_sub(y0));
            let len = n.checked_mul(stride).ok_or_else(changed)?;
            let start = y0.checked_mul(stride).ok_or_else(changed)?;
            let end = start.checked_add(len).ok_or_else(changed)?;
            let sub = self.rgba.subarray(
                u32::try_from(start).map_err(|_| changed())?,
                u32::try_from(end).map_err(|_| changed())?,
            );
            // A buffer detached or shrunk since the check began: copy_to would panic.
            if usize::try_from(sub.length()).ok() != Some(len) {
                return Err(changed().to_owned());
            }
            band.resize(len, 0);
            sub.copy_to(&mut band);
            let first = u32::try_from(y0).map_err(|_| changed())?;
            for (rgba, y) in band.chunks_exact(stride).zip(first..) {
                f(Span {
                    y,
                    x0: 0,
                    dx: 1,
                    rgba,
                });
            }
            y0 = y0.saturating_add(n);
        }
        Ok(())
    }
}
