//! Pixel decoding for watermark detection, native only (feature `pixels`): PNG row by row with
//! the `png` crate ([`png::PngRows`]), JPEG through `zune-jpeg` on the input's bytes ([`jpeg`]),
//! WebP through the `image` crate, always within
//! [`Limits::max_pixels`], and across threads within [`Limits::max_pixels_in_flight`] (the
//! process-wide budget the CLI's workers share, see [`budget`]).
//!
//! Memory (the promise in the README): the detectors read rows ([`PixelRows`]) and keep only
//! what they need (`watermark::rows`), so a PNG is never held as a frame: its decode holds a few
//! rows, the `dwtDct` band of 8 rows and the alpha bits (1 bit a pixel), plus a U plane (1 byte
//! a pixel) when Adam7 interlacing gives the rows out of order. JPEG and WebP decoders give a
//! whole frame in their own layout (3 bytes a pixel for RGB, 1 for grey); rows are read from it
//! without an RGBA copy, and a decode that would hold more than 3 bytes for each pixel of
//! [`Limits::max_pixels`] (a progressive JPEG's coefficients, a WebP's intermediate frames, a
//! PNG's rows when it is millions of pixels wide) is refused from its headers ([`cost`]).

mod budget;
mod cost;
mod jpeg;
pub mod png;

use crate::limits::Limits;
use crate::sniff::Format;
use crate::watermark::rows::{PixelRows, Span};
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

/// An image whose header was read and whose pixels are within the limits: PNG rows are
/// decoded at each pass over them, a JPEG or WebP frame at the first.
#[derive(Debug)]
pub struct Source<'a> {
    kind: Kind<'a>,
    format: Format,
    width: u32,
    height: u32,
}

#[derive(Debug)]
enum Kind<'a> {
    Png(png::PngRows<'a>),
    Image {
        bytes: &'a [u8],
        format: image::ImageFormat,
        frame: Option<image::DynamicImage>,
    },
}

/// Read the header of `bytes` as `format`. `Ok(None)` for formats without a pixel decoder here;
/// `Err` (a warning message) when the image is over [`Limits::max_pixels`] or its header does
/// not decode. No pixel buffer exists yet.
pub fn open<'a>(
    bytes: &'a [u8],
    format: Format,
    limits: &Limits,
) -> Result<Option<Source<'a>>, String> {
    let fmt = match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        _ => return Ok(None),
    };
    let (kind, (w, h)) = if fmt == image::ImageFormat::Png {
        let rows = png::PngRows::open(bytes).map_err(|e| fail(format, &e))?;
        let dims = (rows.width(), rows.height());
        (Kind::Png(rows), dims)
    } else {
        let dims = if fmt == image::ImageFormat::Jpeg {
            jpeg::dimensions(bytes).map_err(|e| fail(format, &e))?
        } else {
            image::ImageReader::with_format(Cursor::new(bytes), fmt)
                .into_dimensions()
                .map_err(|e| fail(format, &e))?
        };
        (
            Kind::Image {
                bytes,
                format: fmt,
                frame: None,
            },
            dims,
        )
    };
    super::pixel_budget(w, h, limits)?;
    let (need, what) = cost::estimate(bytes, format, w, h);
    let budget = cost::budget(limits);
    if need > budget {
        return Err(format!(
            "expected a decode of at most {budget} bytes for watermark detection (3 bytes \
             a pixel of limit max_pixels), but a {w}x{h} {what} needs about {need}; \
             watermarks were not checked"
        ));
    }
    Ok(Some(Source {
        kind,
        format,
        width: w,
        height: h,
    }))
}

/// Wait until decoding `src` fits in the process-wide pixel budget; the share is given back
/// when the permit drops.
pub fn permit(src: &Source<'_>, limits: &Limits) -> budget::Permit {
    budget::acquire(
        u64::from(src.width).saturating_mul(u64::from(src.height)),
        limits,
    )
}

/// Decode `bytes` as `format` to a whole RGBA frame (for tools and tests; the checker itself
/// reads rows, see [`open`]). `Ok(None)` for formats without a pixel decoder here; `Err` (a
/// warning message) when the image is over [`Limits::max_pixels`] or does not decode.
pub fn decode(bytes: &[u8], format: Format, limits: &Limits) -> Result<Option<Decoded>, String> {
    let Some(mut src) = open(bytes, format, limits)? else {
        return Ok(None);
    };
    let _permit = permit(&src, limits);
    let (width, height) = (src.width, src.height);
    let stride = crate::bytes::to_usize(u64::from(width).saturating_mul(4), "RGBA row")
        .map_err(|e| e.message().to_owned())?;
    let len = crate::bytes::to_usize(
        u64::from(width)
            .saturating_mul(u64::from(height))
            .saturating_mul(4),
        "RGBA buffer size",
    )
    .map_err(|e| e.message().to_owned())?;
    let mut rgba = Vec::new();
    crate::bytes::try_reserve(&mut rgba, len, "RGBA pixels").map_err(|e| e.message().to_owned())?;
    rgba.resize(len, 0);
    src.spans(&mut |s: Span<'_>| {
        let (y, x0, dx) = (to_usize(s.y), to_usize(s.x0), to_usize(s.dx).max(1));
        for (i, px) in s.rgba.chunks_exact(4).enumerate() {
            let x = i.saturating_mul(dx).saturating_add(x0);
            let at = y.saturating_mul(stride).saturating_add(x.saturating_mul(4));
            if let Some(dst) = rgba
                .get_mut(at..at.saturating_add(4))
                .filter(|_| x < to_usize(width))
            {
                dst.copy_from_slice(px);
            }
        }
    })?;
    Ok(Some(Decoded {
        rgba,
        width,
        height,
    }))
}

impl PixelRows for Source<'_> {
    fn width(&self) -> u32 {
        self.width
    }
    fn height(&self) -> u32 {
        self.height
    }
    fn has_alpha(&self) -> bool {
        match &self.kind {
            Kind::Png(p) => p.has_alpha(),
            // JPEG has no alpha; WebP says so in its header, but its frame is at hand anyway.
            Kind::Image { format, .. } => *format != image::ImageFormat::Jpeg,
        }
    }
    fn in_order(&self) -> bool {
        match &self.kind {
            Kind::Png(p) => p.in_order(),
            Kind::Image { .. } => true,
        }
    }
    fn spans(&mut self, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String> {
        let format = self.format;
        match &mut self.kind {
            Kind::Png(p) => p.spans(f).map_err(|e| fail(format, &e)),
            Kind::Image {
                bytes,
                format: fmt,
                frame,
            } => {
                if frame.is_none() {
                    *frame = Some(
                        decode_frame(bytes, *fmt, self.width, self.height)
                            .map_err(|e| fail(format, &e))?,
                    );
                }
                match frame {
                    Some(img) => frame_spans(img, f),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Decode a JPEG or WebP frame in the decoder's own layout.
fn decode_frame(
    bytes: &[u8],
    fmt: image::ImageFormat,
    w: u32,
    h: u32,
) -> Result<image::DynamicImage, String> {
    if fmt == image::ImageFormat::Jpeg {
        return jpeg::decode(bytes, w, h);
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), fmt);
    let mut lim = image::Limits::default();
    lim.max_image_width = Some(w);
    lim.max_image_height = Some(h);
    // The decoder's buffer: at most 4 bytes a pixel for 8-bit JPEG and WebP.
    let pixels = u64::from(w).saturating_mul(u64::from(h));
    lim.max_alloc = Some(pixels.saturating_mul(4).saturating_add(1 << 20));
    reader.limits(lim);
    let img = reader.decode().map_err(|e| e.to_string())?;
    Ok(match img {
        image::DynamicImage::ImageLuma8(_)
        | image::DynamicImage::ImageLumaA8(_)
        | image::DynamicImage::ImageRgb8(_)
        | image::DynamicImage::ImageRgba8(_) => img,
        other => image::DynamicImage::ImageRgba8(other.into_rgba8()),
    })
}

/// The rows of an 8-bit frame as RGBA, one row at a time, as `into_rgba8` would give them.
fn frame_spans(img: &image::DynamicImage, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String> {
    let samples: usize = match img {
        image::DynamicImage::ImageLuma8(_) => 1,
        image::DynamicImage::ImageLumaA8(_) => 2,
        image::DynamicImage::ImageRgb8(_) => 3,
        _ => 4,
    };
    let w = to_usize(img.width());
    let stride = w.saturating_mul(samples);
    let mut wide = Vec::new();
    if samples != 4 {
        crate::bytes::try_reserve(&mut wide, w.saturating_mul(4), "RGBA row")
            .map_err(|e| e.message().to_owned())?;
        wide.resize(w.saturating_mul(4), 255);
    }
    if stride == 0 {
        return Ok(());
    }
    for (row, y) in img.as_bytes().chunks_exact(stride).zip(0..img.height()) {
        let rgba = if samples == 4 {
            row
        } else {
            for (src, px) in row.chunks_exact(samples).zip(wide.chunks_exact_mut(4)) {
                match *src {
                    [g] => px.copy_from_slice(&[g, g, g, 255]),
                    [g, a] => px.copy_from_slice(&[g, g, g, a]),
                    [r, g, b] => px.copy_from_slice(&[r, g, b, 255]),
                    _ => {}
                }
            }
            wide.as_slice()
        };
        f(Span {
            y,
            x0: 0,
            dx: 1,
            rgba,
        });
    }
    Ok(())
}

fn fail(format: Format, e: &dyn std::fmt::Display) -> String {
    format!(
        "expected decodable {} pixels for watermark detection, but found: {e}",
        format.name()
    )
}

fn to_usize(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}
