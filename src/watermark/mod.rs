//! Open invisible watermarks and steganographic marks in the pixels (FORMATS.md §4, §5).
//!
//! - [`dwtdct`]: the `invisible-watermark` `dwtDct` decoder used by Stable Diffusion 1/2, SDXL
//!   and FLUX reference code; [`detect`] decides with an explicit false-positive bound.
//! - [`novelai`]: NovelAI's alpha-channel stealth metadata and its Ed25519 signature.
//! - [`rows`]: how the detectors read pixels: rows as they are decoded, keeping only what each
//!   detector needs (the U plane a band at a time, the alpha bits), never a whole RGBA frame.
//! - [`header`]: the dimensions an image declares, read before any decode (the browser asks
//!   it before `createImageBitmap`; [`pixel_budget`] decides for both).
//! - [`pixels`] (feature `pixels`, native only): decoding PNG row by row with the `png` crate,
//!   JPEG and WebP with the `image` crate. The wasm build has no decoder: the page decodes with
//!   `createImageBitmap`, and the wasm reads the RGBA from JavaScript a band of rows at a time
//!   ([`read_rows_with`], `src/wasm/pixels.rs`).
//!
//! Nothing here runs when [`Options::watermarks`] is off: not even a pixel decode.

pub mod decimal;
pub mod detect;
pub mod dwtdct;
pub mod header;
pub mod novelai;
#[cfg(feature = "pixels")]
pub mod pixels;
pub mod pyjson;
pub mod rows;

use crate::container::{Embedded, Location};
use crate::crypto::Crypto;
use crate::options::Options;
use crate::signal::{AiKind, Family, Signal, Sink, Strength};
pub use dwtdct::RgbaView;
pub use rows::{PixelRows, Planes};

/// Look for open watermarks in the pixels of `bytes` (an encoded image). Decodes only JPEG, PNG
/// and WebP, only with the `pixels` feature, and only within [`crate::limits::Limits::max_pixels`].
#[cfg(not(target_arch = "wasm32"))]
pub fn read(bytes: &[u8], embedded: &Embedded<'_>, options: &Options, sink: &mut Sink) {
    read_with(
        &crate::crypto::rust::RustCrypto,
        bytes,
        embedded,
        options,
        sink,
    );
}

/// [`read`] with `crypto` checking NovelAI signatures.
pub fn read_with(
    crypto: &dyn Crypto,
    bytes: &[u8],
    embedded: &Embedded<'_>,
    options: &Options,
    sink: &mut Sink,
) {
    #[cfg(feature = "pixels")]
    {
        if !options.watermarks {
            return;
        }
        let Some(format) = embedded.format else {
            return;
        };
        let mut img = match pixels::open(bytes, format, &options.limits) {
            Ok(Some(img)) => img,
            Ok(None) => return,
            Err(e) => {
                sink.warnings.push(e);
                return;
            }
        };
        // Wait until the decode fits in the process-wide budget; released when `_permit` drops.
        let _permit = pixels::permit(&img, &options.limits);
        let key = novelai::novelai_key();
        scan_with(crypto, &mut img, format.name(), &key, options, sink);
        // A NovelAI PNG also carries the signed Comment as a text chunk (nai_sig.py checks both).
        if matches!(format, crate::sniff::Format::Png) {
            for t in embedded.text.iter().filter(|t| t.key == "Comment") {
                if t.value.contains("signed_hash") {
                    let _ = novelai::push_signed(
                        crypto,
                        &mut img,
                        &t.value,
                        &key,
                        &options.limits,
                        "Comment text chunk NovelAI".to_owned(),
                        t.location.clone(),
                        sink,
                    );
                }
            }
        }
    }
    #[cfg(not(feature = "pixels"))]
    {
        let _ = (crypto, bytes, embedded, options, sink);
    }
}

/// Look for open watermarks in already decoded 8-bit RGBA pixels (row-major, no padding), as
/// `createImageBitmap` + `getImageData` give them in the browser with
/// `colorSpaceConversion: 'none'` and `premultiplyAlpha: 'none'`.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_rgba(rgba: &[u8], width: u32, height: u32, options: &Options, sink: &mut Sink) {
    read_rgba_with(
        &crate::crypto::rust::RustCrypto,
        rgba,
        width,
        height,
        options,
        sink,
    );
}

/// [`read_rgba`] with `crypto` checking NovelAI signatures.
pub fn read_rgba_with(
    crypto: &dyn Crypto,
    rgba: &[u8],
    width: u32,
    height: u32,
    options: &Options,
    sink: &mut Sink,
) {
    if !options.watermarks {
        return;
    }
    // The budget first: the browser passes a declared size over it with no samples (www/js/pixels.js).
    if let Err(e) = pixel_budget(width, height, &options.limits) {
        sink.warnings.push(e);
        return;
    }
    if let Err(e) = rgba_len(crate::bytes::to_u64(rgba.len()), width, height) {
        sink.warnings.push(e);
        return;
    }
    let mut view = RgbaView {
        data: rgba,
        width,
        height,
    };
    scan_with(
        crypto,
        &mut view,
        "pixels",
        &novelai::novelai_key(),
        options,
        sink,
    );
}

/// [`read_rgba_with`] over pixels the caller delivers as rows ([`PixelRows`]), with the same
/// findings and warnings: the browser's band path (`src/wasm/pixels.rs`), which copies a band
/// of rows at a time into wasm memory instead of the whole RGBA frame. A source whose length
/// does not match `width`×`height` reports it from [`PixelRows::spans`] with [`rgba_len`]'s
/// warning, after the budget, as [`read_rgba_with`] does.
pub fn read_rows_with(
    crypto: &dyn Crypto,
    rows: &mut dyn PixelRows,
    options: &Options,
    sink: &mut Sink,
) {
    if !options.watermarks {
        return;
    }
    if let Err(e) = pixel_budget(rows.width(), rows.height(), &options.limits) {
        sink.warnings.push(e);
        return;
    }
    scan_with(
        crypto,
        rows,
        "pixels",
        &novelai::novelai_key(),
        options,
        sink,
    );
}

/// `Err` with the warning when `len` bytes are not `width`×`height` RGBA8 pixels.
pub fn rgba_len(len: u64, width: u32, height: u32) -> Result<(), String> {
    let pixels = u64::from(width).saturating_mul(u64::from(height));
    if len != pixels.saturating_mul(4) {
        return Err(format!(
            "expected {width}x{height}x4 RGBA bytes for watermark detection, but found {len}; \
             watermarks were not checked"
        ));
    }
    Ok(())
}

/// Pixels a row of an image counts as at least, against
/// [`crate::limits::Limits::max_pixels`]: a row costs the decoders and the detectors a fixed
/// amount of work however narrow it is (a 1×16,777,216 PNG, within the pixel budget, took over
/// 1 s), and no detector reads anything from an image this narrow but the alpha bits.
pub const MIN_ROW_PIXELS: u32 = 64;

/// `Err` with the warning when a `width`×`height` image is over
/// [`crate::limits::Limits::max_pixels`], each row counted as at least [`MIN_ROW_PIXELS`]:
/// watermark detection does not decode it. One wording for the native decoders, the pixels a
/// caller passes and the sizes images declare ([`header`]).
pub fn pixel_budget(width: u32, height: u32, limits: &crate::limits::Limits) -> Result<(), String> {
    let max = limits.max_pixels;
    let rows = u64::from(height);
    if u64::from(width.max(MIN_ROW_PIXELS)).saturating_mul(rows) > max {
        let narrow = u64::from(width).saturating_mul(rows) <= max;
        return Err(format!(
            "expected at most {max} pixels for watermark detection (limit max_pixels{}), but \
             found {width}x{height}; watermarks were not checked",
            if narrow {
                ", each row counted as at least 64"
            } else {
                ""
            }
        ));
    }
    Ok(())
}

/// Run every pixel-level reader on `view`, with `nai_key` as the NovelAI verification key
/// (injectable so that tests can sign fixtures with their own key).
#[cfg(not(target_arch = "wasm32"))]
pub fn scan(
    view: &mut dyn PixelRows,
    container: &str,
    nai_key: &[u8; 32],
    options: &Options,
    sink: &mut Sink,
) {
    scan_with(
        &crate::crypto::rust::RustCrypto,
        view,
        container,
        nai_key,
        options,
        sink,
    );
}

/// [`scan`] with `crypto` checking NovelAI signatures. One pass over the pixels gathers what
/// the detectors read ([`Planes`]); a decode error stops everything, with a warning.
pub fn scan_with(
    crypto: &dyn Crypto,
    view: &mut dyn PixelRows,
    container: &str,
    nai_key: &[u8; 32],
    options: &Options,
    sink: &mut Sink,
) {
    let planes = match Planes::gather(view) {
        Ok(p) => p,
        Err(e) => {
            sink.warnings.push(e);
            return;
        }
    };
    if let Some(votes) = &planes.votes {
        for r in detect::readings(votes).iter().filter(|r| r.detected) {
            sink.push(dwtdct_signal(r, container));
        }
    }
    if let Some(alpha) = &planes.alpha {
        novelai::read_bits(
            crypto,
            alpha,
            view,
            container,
            nai_key,
            &options.limits,
            sink,
        );
    }
}

fn dwtdct_signal(r: &detect::Reading, container: &str) -> Signal {
    let p = &r.payload;
    let reading = if r.inverted {
        "the bit-inverted reading (every decoded bit flipped, a known decoder quirk)"
    } else {
        "the normal reading"
    };
    let bound = detect::family_bound();
    Signal {
        family: Family::Watermark,
        strength: Strength::Watermark,
        ai: Some(AiKind::Generated),
        value: format!(
            "invisible-watermark dwtDct {} payload {} ({} bits): {}/{} bits agree{}; \
             P(chance) = {:.1e}; false-positive bound per image {:.1e}",
            p.name,
            p.hex(),
            p.len,
            r.agree,
            p.len,
            if r.inverted { " (inverted)" } else { "" },
            r.p_value,
            bound
        ),
        source_type: None,
        tool: Some(p.tool.to_owned()),
        location: Location {
            container: container.to_owned(),
            block: "pixels".to_owned(),
            offset: None,
            path: Some("U channel, Haar LL band, 4x4 blocks (dwtDct)".to_owned()),
        },
        sentence: None,
        explanation: format!(
            "Found: the invisible-watermark dwtDct mark with the {} payload {} that {} \
             reference code embeds: {} of {} bits agree, in {reading}. In an unmarked image \
             each bit agrees by chance with probability 1/2, so this many agreements has \
             probability {:.1e} (binomial tail); the detection rule, across the 8 readings \
             tried (4 known payloads, normal and inverted), falsely fires on an unmarked image \
             with probability at most {:.1e}. What it proves: the pixels passed through code \
             that embeds this payload, as the reference code of {} does. What it does not: the \
             algorithm is open and keyless, so anyone can add this mark to any image (it can be \
             forged) or remove it; and its absence proves nothing, since most generators do not \
             embed it and resizing, cropping or 4:2:0 JPEG destroy it.",
            p.name,
            p.hex(),
            p.tool,
            r.agree,
            p.len,
            r.p_value,
            bound,
            p.tool
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn a_row_counts_as_at_least_min_row_pixels() {
        let limits = Limits::default();
        let rows = u32::try_from(limits.max_pixels / u64::from(MIN_ROW_PIXELS)).unwrap();
        assert!(pixel_budget(4096, 4096, &limits).is_ok());
        assert!(pixel_budget(MIN_ROW_PIXELS, rows, &limits).is_ok());
        assert!(pixel_budget(1, rows, &limits).is_ok());
        let e = pixel_budget(1, rows + 1, &limits).unwrap_err();
        assert!(e.contains("each row counted as at least 64"), "{e}");
        // Over the plain budget, the plain wording.
        let e = pixel_budget(8192, 8192, &limits).unwrap_err();
        assert!(e.contains("(limit max_pixels), but found 8192x8192"), "{e}");
    }
}
