//! Pixel decoding for watermark detection, native only (feature `pixels`): JPEG, PNG and WebP
//! through the `image` crate, within [`Limits::max_pixels`].

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
    let fail = |e: image::ImageError| {
        format!(
            "expected decodable {} pixels for watermark detection, but found: {e}",
            format.name()
        )
    };
    let (w, h) = image::ImageReader::with_format(Cursor::new(bytes), fmt)
        .into_dimensions()
        .map_err(fail)?;
    let pixels = u64::from(w).saturating_mul(u64::from(h));
    if pixels > limits.max_pixels {
        return Err(format!(
            "expected at most {} pixels for watermark detection (limit max_pixels), but found \
             {w}x{h}; watermarks were not checked",
            limits.max_pixels
        ));
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), fmt);
    let mut lim = image::Limits::default();
    lim.max_image_width = Some(w);
    lim.max_image_height = Some(h);
    // 16-bit RGBA is the widest decode buffer: 8 bytes a pixel, plus the RGBA8 copy.
    lim.max_alloc = Some(pixels.saturating_mul(12).saturating_add(1 << 20));
    reader.limits(lim);
    let img = reader.decode().map_err(fail)?;
    let rgba = img.into_rgba8();
    Ok(Some(Decoded {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    }))
}
