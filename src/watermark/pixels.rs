//! Pixel decoding for watermark detection, native only (feature `pixels`): PNG with the `png`
//! crate, JPEG and WebP through the `image` crate, always within [`Limits::max_pixels`], and
//! across threads within [`Limits::max_pixels_in_flight`] (the process-wide budget the CLI's
//! workers share, see [`budget`]).
//!
//! Memory (the promise in the README): a decode holds the 8-bit RGBA result, 4 bytes a pixel,
//! plus what its decoder needs. PNG decodes straight to 8 bits (`STRIP_16`), into the RGBA
//! buffer itself, and its text chunks are skipped by the decoder (they are read by the
//! container walker, from the input, and are not charged to the pixel budget).

mod budget;

use crate::limits::Limits;
use crate::sniff::Format;
use crate::watermark::RgbaView;
use std::io::Cursor;

/// Decoded 8-bit RGBA pixels.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Row-major RGBA bytes.
    pub rgba: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Decoded {
    /// A view for the detectors.
    pub fn view(&self) -> RgbaView<'_> {
        RgbaView {
            data: &self.rgba,
            width: self.width,
            height: self.height,
        }
    }
}

/// Decode `bytes` as `format` to RGBA. `Ok(None)` for formats without a pixel decoder here;
/// `Err` (a warning message) when the image is over [`Limits::max_pixels`] or does not decode.
pub fn decode(bytes: &[u8], format: Format, limits: &Limits) -> Result<Option<Decoded>, String> {
    let fmt = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        _ => return Ok(None),
    };
    let fail = |e: &dyn std::fmt::Display| {
        format!(
            "expected decodable {} pixels for watermark detection, but found: {e}",
            format.name()
        )
    };
    // The declared dimensions, read before any pixel buffer exists.
    let (w, h) = if fmt == image::ImageFormat::Png {
        let mut d = png::Decoder::new(Cursor::new(bytes));
        d.set_ignore_text_chunk(true);
        let r = d.read_info().map_err(|e| fail(&e))?;
        let info = r.info();
        (info.width, info.height)
    } else {
        image::ImageReader::with_format(Cursor::new(bytes), fmt)
            .into_dimensions()
            .map_err(|e| fail(&e))?
    };
    let pixels = u64::from(w).saturating_mul(u64::from(h));
    if pixels > limits.max_pixels {
        return Err(format!(
            "expected at most {} pixels for watermark detection (limit max_pixels), but found \
             {w}x{h}; watermarks were not checked",
            limits.max_pixels
        ));
    }
    // Wait until the decode fits in the process-wide budget; released when `_permit` drops.
    let _permit = budget::acquire(pixels, limits);
    let rgba = if fmt == image::ImageFormat::Png {
        decode_png(bytes, pixels).map_err(|e| fail(&e))?
    } else {
        let mut reader = image::ImageReader::with_format(Cursor::new(bytes), fmt);
        let mut lim = image::Limits::default();
        lim.max_image_width = Some(w);
        lim.max_image_height = Some(h);
        // The decoder's buffer (at most 4 bytes a pixel for 8-bit JPEG and WebP) and the RGBA8
        // copy.
        lim.max_alloc = Some(pixels.saturating_mul(8).saturating_add(1 << 20));
        reader.limits(lim);
        let img = reader.decode().map_err(|e| fail(&e))?;
        img.into_rgba8().into_raw()
    };
    Ok(Some(Decoded {
        width: w,
        height: h,
        rgba,
    }))
}

/// Decode a PNG straight to 8-bit RGBA: palette and low bit depths expanded, 16-bit samples
/// stripped to 8 (`STRIP_16`), an alpha channel added where missing, text chunks skipped.
/// Grey images come out as grey+alpha and are widened in place, so the RGBA buffer is the only
/// image-sized allocation.
fn decode_png(bytes: &[u8], pixels: u64) -> Result<Vec<u8>, String> {
    let rgba_len = crate::bytes::to_usize(pixels.saturating_mul(4), "RGBA buffer size")
        .map_err(|e| e.message().to_owned())?;
    // Row buffers and the inflater's state; the frame buffer is ours, not the decoder's.
    let decoder_bytes = rgba_len.saturating_div(8).saturating_add(4 << 20);
    let mut d = png::Decoder::new_with_limits(
        Cursor::new(bytes),
        png::Limits {
            bytes: decoder_bytes,
        },
    );
    d.set_ignore_text_chunk(true);
    d.set_transformations(
        png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
    );
    let mut reader = d.read_info().map_err(|e| e.to_string())?;
    let (color, depth) = reader.output_color_type();
    let samples: usize = match (color, depth) {
        (png::ColorType::Rgba, png::BitDepth::Eight) => 4,
        (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight) => 2,
        (c, b) => {
            return Err(format!(
                "expected 8-bit RGBA or grey+alpha after expansion, but the decoder gives {c:?} \
                 {b:?}"
            ))
        }
    };
    let mut rgba = Vec::new();
    crate::bytes::try_reserve(&mut rgba, rgba_len, "RGBA pixels")
        .map_err(|e| e.message().to_owned())?;
    rgba.resize(rgba_len, 0);
    let frame_len = rgba_len
        .checked_div(4)
        .and_then(|n| n.checked_mul(samples))
        .unwrap_or(0);
    let frame = rgba
        .get_mut(..frame_len)
        .ok_or_else(|| "the frame does not fit the RGBA buffer".to_owned())?;
    reader.next_frame(frame).map_err(|e| e.to_string())?;
    if samples == 2 {
        widen_grey_alpha(&mut rgba);
    }
    Ok(rgba)
}

/// Widen grey+alpha samples packed at the start of `buf` to RGBA over the whole of it, from
/// the last pixel back, so that nothing is overwritten before it is read.
fn widen_grey_alpha(buf: &mut [u8]) {
    let n = buf.len().checked_div(4).unwrap_or(0);
    for i in (0..n).rev() {
        let src = i.saturating_mul(2);
        let (g, a) = (
            buf.get(src).copied().unwrap_or(0),
            buf.get(src.saturating_add(1)).copied().unwrap_or(0),
        );
        let dst = i.saturating_mul(4);
        if let Some(px) = buf.get_mut(dst..dst.saturating_add(4)) {
            px.copy_from_slice(&[g, g, g, a]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grey_alpha_widens_in_place() {
        let mut b = vec![10, 20, 30, 40, 0, 0, 0, 0];
        widen_grey_alpha(&mut b);
        assert_eq!(b, vec![10, 10, 10, 20, 30, 30, 30, 40]);
    }
}
