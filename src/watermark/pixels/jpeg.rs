//! JPEG frames for watermark detection through `zune-jpeg` directly, on the caller's bytes.
//!
//! The `image` crate's JPEG decoder (0.25) first copies the whole input into a buffer of its
//! own, so a 20 MB JPEG was held twice while its frame was decoded, which a large file paid
//! against the memory promise (input + 64 MiB with watermarks on). The options and the colour
//! mapping are `image` 0.25's (`codecs/jpeg/decoder.rs`): lenient mode, and output in the
//! input's colour space when it is RGB(A) or grey (with alpha), else RGB; so the pixels are the
//! ones `image` gave.

use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

fn options(max_width: usize, max_height: usize) -> DecoderOptions {
    DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(max_width)
        .set_max_height(max_height)
}

/// The output colour space `image` asks for.
fn supported(orig: ColorSpace) -> ColorSpace {
    match orig {
        ColorSpace::RGB | ColorSpace::RGBA | ColorSpace::Luma | ColorSpace::LumaA => orig,
        _ => ColorSpace::RGB,
    }
}

/// The width and height the frame header declares.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), String> {
    let mut d = JpegDecoder::new_with_options(ZCursor::new(bytes), options(usize::MAX, usize::MAX));
    d.decode_headers().map_err(|e| e.to_string())?;
    let (w, h) = d
        .dimensions()
        .ok_or_else(|| "the JPEG has no frame header".to_owned())?;
    match (u32::try_from(w), u32::try_from(h)) {
        (Ok(w), Ok(h)) => Ok((w, h)),
        _ => Err(format!("a JPEG of {w}x{h} pixels cannot be")),
    }
}

/// Decode the frame, which must be `w`×`h`, in `image`'s layout for it.
pub fn decode(bytes: &[u8], w: u32, h: u32) -> Result<image::DynamicImage, String> {
    let size = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    let (wu, hu) = (size(w), size(h));
    let mut d = JpegDecoder::new_with_options(ZCursor::new(bytes), options(wu, hu));
    d.decode_headers().map_err(|e| e.to_string())?;
    let orig = d
        .input_colorspace()
        .ok_or_else(|| "the JPEG has no frame header".to_owned())?;
    let out = supported(orig);
    d.set_options(options(wu, hu).jpeg_set_out_colorspace(out));
    if d.dimensions() != Some((wu, hu)) {
        return Err(format!(
            "expected a {w}x{h} JPEG frame, but the decoder found {:?}",
            d.dimensions()
        ));
    }
    let len = d
        .output_buffer_size()
        .ok_or_else(|| "the JPEG frame's size overflows".to_owned())?;
    let mut buf = Vec::new();
    crate::bytes::try_reserve(&mut buf, len, "JPEG frame").map_err(|e| e.message().to_owned())?;
    buf.resize(len, 0);
    d.decode_into(&mut buf).map_err(|e| e.to_string())?;
    let bad = || format!("the {w}x{h} JPEG frame has the wrong size");
    Ok(match out {
        ColorSpace::Luma => image::DynamicImage::ImageLuma8(
            image::ImageBuffer::from_raw(w, h, buf).ok_or_else(bad)?,
        ),
        ColorSpace::LumaA => image::DynamicImage::ImageLumaA8(
            image::ImageBuffer::from_raw(w, h, buf).ok_or_else(bad)?,
        ),
        ColorSpace::RGBA => image::DynamicImage::ImageRgba8(
            image::ImageBuffer::from_raw(w, h, buf).ok_or_else(bad)?,
        ),
        _ => {
            image::DynamicImage::ImageRgb8(image::ImageBuffer::from_raw(w, h, buf).ok_or_else(bad)?)
        }
    })
}
