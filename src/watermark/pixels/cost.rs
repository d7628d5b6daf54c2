//! What a JPEG or WebP decode holds, estimated from the headers before any pixel buffer exists,
//! so that a decode over the budget (3 bytes for each pixel of [`Limits::max_pixels`]: the RGB
//! frame of the largest baseline JPEG) is refused instead of run. A PNG is read row by row, so
//! its cost is its rows, which only an extremely wide image makes large (8,388,608×2 16-bit
//! RGBA is within `max_pixels` but held 167 MiB of rows).
//!
//! The estimates follow the decoders in use (`image` 0.25 with `zune-jpeg` and `image-webp`):
//! - JPEG: the output frame, 1 byte a pixel for grey, 3 for colour, 7 for CMYK (4, then an RGB
//!   copy); a progressive JPEG (ITU T.81 §G) also keeps every coefficient until the last scan,
//!   2 bytes for each sample of each component (blocks padded to whole MCUs).
//! - WebP: lossy (`VP8 `) holds its YUV 4:2:0 frame (1.5 bytes a pixel) and the RGB output (3),
//!   plus 2 with an alpha plane (`ALPH`, and RGBA output); lossless (`VP8L`) decodes to RGBA (4)
//!   and, without alpha, copies that to RGB (3 more); an animation composes a frame onto an
//!   RGBA canvas (4 + 4 + 4).
//! - PNG (`png` 0.18): the current and previous raw rows (unfiltering needs both, PNG §9), at
//!   the bit depth and channels of `IHDR` (§11.2.1), and the 8-bit output row and our RGBA row,
//!   4 bytes a pixel each.

use crate::limits::Limits;
use crate::sniff::Format;

/// Bytes a decode of the budget may hold: 3 for each pixel of `max_pixels`.
pub fn budget(limits: &Limits) -> u64 {
    limits.max_pixels.saturating_mul(3)
}

/// The estimated bytes a decoder holds for a `w`×`h` image in `bytes`, and a few words saying
/// what kind of image it is.
pub fn estimate(bytes: &[u8], format: Format, w: u32, h: u32) -> (u64, &'static str) {
    let px = u64::from(w).saturating_mul(u64::from(h));
    // Halves of a byte a pixel.
    let halves = |n: u64| px.saturating_mul(n) / 2;
    match format {
        Format::Jpeg => match sof(bytes) {
            Some(f) => {
                let frame = px.saturating_mul(match f.comps.len() {
                    1 => 1,
                    4 => 7,
                    _ => 3,
                });
                if f.progressive {
                    let coeffs = f.coefficient_bytes(w, h);
                    (frame.saturating_add(coeffs), "progressive JPEG")
                } else {
                    (frame, "JPEG")
                }
            }
            None => (px.saturating_mul(3), "JPEG"),
        },
        Format::Webp => match webp_kind(bytes) {
            WebpKind::Animated => (px.saturating_mul(12), "animated WebP"),
            WebpKind::Lossy { alpha: false } => (halves(9), "lossy WebP"),
            WebpKind::Lossy { alpha: true } => (halves(13), "lossy WebP with alpha"),
            WebpKind::Lossless => (px.saturating_mul(7), "lossless WebP"),
        },
        Format::Png => (png_rows(bytes, w), "PNG's rows"),
        _ => (0, "image"),
    }
}

/// The bytes a PNG decode holds in rows for a `w`-pixel-wide image: two raw rows at the depth
/// and channels of its `IHDR` (bytes 24 and 25 of the file, PNG §11.2.1; 16-bit RGBA when they
/// cannot be read), plus two 4-byte-a-pixel rows.
fn png_rows(bytes: &[u8], w: u32) -> u64 {
    let depth = bytes.get(24).copied().unwrap_or(16);
    let channels: u8 = match bytes.get(25) {
        Some(0 | 3) => 1,
        Some(4) => 2,
        Some(2) => 3,
        _ => 4,
    };
    let bits = u64::from(w).saturating_mul(u64::from(depth.saturating_mul(channels)));
    let raw = bits.div_ceil(8);
    raw.saturating_mul(2)
        .saturating_add(u64::from(w).saturating_mul(8))
}

/// The frame header of a JPEG: its components' sampling factors and whether it is
/// progressive.
struct Sof {
    progressive: bool,
    /// (horizontal, vertical) sampling factor of each component.
    comps: Vec<(u8, u8)>,
}

impl Sof {
    /// 2 bytes for each coefficient of each component, blocks padded to whole MCUs (§A.2).
    fn coefficient_bytes(&self, w: u32, h: u32) -> u64 {
        let hmax = self.comps.iter().map(|c| c.0).max().unwrap_or(1).max(1);
        let vmax = self.comps.iter().map(|c| c.1).max().unwrap_or(1).max(1);
        let mcus_x = u64::from(w).div_ceil(u64::from(hmax).saturating_mul(8));
        let mcus_y = u64::from(h).div_ceil(u64::from(vmax).saturating_mul(8));
        self.comps.iter().fold(0u64, |acc, &(hs, vs)| {
            let blocks = mcus_x
                .saturating_mul(u64::from(hs))
                .saturating_mul(mcus_y.saturating_mul(u64::from(vs)));
            acc.saturating_add(blocks.saturating_mul(64 * 2))
        })
    }
}

/// The first frame header (SOFn, T.81 §B.2.2) of a JPEG, walking the marker segments before
/// it; `None` when there is none.
fn sof(bytes: &[u8]) -> Option<Sof> {
    let mut r = crate::bytes::Reader::new(bytes, "JPEG");
    r.expect(&[0xff, 0xd8], "SOI").ok()?;
    loop {
        if r.u8("marker").ok()? != 0xff {
            return None;
        }
        let mut m = r.u8("marker").ok()?;
        while m == 0xff {
            m = r.u8("marker").ok()?;
        }
        if matches!(m, 0x01 | 0xd0..=0xd7) {
            continue; // no length (§B.1.1.3)
        }
        let len = r.u16_be("segment length").ok()?;
        let body = r.take_len(u64::from(len).checked_sub(2)?, "segment").ok()?;
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if matches!(m, 0xc0..=0xcf) && !matches!(m, 0xc4 | 0xc8 | 0xcc) {
            let mut s = crate::bytes::Reader::new(body, "SOF");
            s.skip(5, "precision and size").ok()?;
            let n = s.u8("components").ok()?;
            let mut comps = Vec::new();
            for _ in 0..n {
                let _id = s.u8("component id").ok()?;
                let f = s.u8("sampling factors").ok()?;
                let _q = s.u8("quantisation table").ok()?;
                comps.push((f >> 4, f & 0x0f));
            }
            // Progressive: SOF2, SOF6, SOF10, SOF14 (§B.1.1.3, Table B.1).
            return Some(Sof {
                progressive: matches!(m, 0xc2 | 0xc6 | 0xca | 0xce),
                comps,
            });
        }
        if m == 0xda {
            return None;
        }
    }
}

enum WebpKind {
    Animated,
    Lossy { alpha: bool },
    Lossless,
}

/// What the chunks of a WebP say it is (RIFF, then `VP8 `, `VP8L`, or `VP8X` with its flags
/// and the chunks after it). Unknown layouts count as lossless, the costlier still image.
fn webp_kind(bytes: &[u8]) -> WebpKind {
    let mut r = crate::bytes::Reader::new(bytes, "WebP");
    if r.skip(12, "RIFF header").is_err() {
        return WebpKind::Lossless;
    }
    let mut alpha = false;
    while let (Ok(fourcc), Ok(len)) = (r.take(4, "chunk type"), r.u32_le("chunk size")) {
        match fourcc {
            b"VP8X" => {
                let flags = r.u8("VP8X flags").unwrap_or(0);
                if flags & 0x02 != 0 {
                    return WebpKind::Animated;
                }
                if r.skip(u64::from(len).saturating_sub(1), "VP8X").is_err() {
                    break;
                }
            }
            b"ALPH" => {
                alpha = true;
                if r.skip(u64::from(len), "ALPH").is_err() {
                    break;
                }
            }
            b"VP8 " => return WebpKind::Lossy { alpha },
            b"VP8L" => return WebpKind::Lossless,
            _ => {
                if r.skip(u64::from(len), "chunk").is_err() {
                    break;
                }
            }
        }
        // Chunks are padded to an even size (RIFF).
        if len % 2 == 1 && r.skip(1, "padding").is_err() {
            break;
        }
    }
    WebpKind::Lossless
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progressive_jpeg_counts_its_coefficients() {
        // SOI, SOF2 of 16x16 with Y 2x2 and Cb, Cr 1x1 (4:2:0): one MCU of 16x16, so 4 + 1 + 1
        // blocks of 64 coefficients, 2 bytes each.
        let jpeg = [
            0xff, 0xd8, 0xff, 0xc2, 0, 17, 8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0,
        ];
        let (bytes, what) = estimate(&jpeg, Format::Jpeg, 16, 16);
        assert_eq!(what, "progressive JPEG");
        assert_eq!(bytes, 16 * 16 * 3 + 6 * 64 * 2);
        let mut baseline = jpeg;
        baseline[3] = 0xc0;
        assert_eq!(
            estimate(&baseline, Format::Jpeg, 16, 16),
            (16 * 16 * 3, "JPEG")
        );
    }

    #[test]
    fn webp_kinds_follow_their_chunks() {
        let riff = |chunks: &[u8]| [b"RIFF\0\0\0\0WEBP".as_slice(), chunks].concat();
        let (b, what) = estimate(&riff(b"VP8 \x02\0\0\0xx"), Format::Webp, 10, 10);
        assert_eq!((b, what), (450, "lossy WebP"));
        let vp8x = |flags: u8| {
            riff(
                &[
                    b"VP8X\x0a\0\0\0".as_slice(),
                    &[flags, 0, 0, 0, 9, 0, 0, 9, 0, 0],
                    b"ALPH\x01\0\0\0a\0VP8 \0\0\0\0",
                ]
                .concat(),
            )
        };
        assert_eq!(
            estimate(&vp8x(0x10), Format::Webp, 10, 10).1,
            "lossy WebP with alpha"
        );
        assert_eq!(
            estimate(&vp8x(0x02), Format::Webp, 10, 10).1,
            "animated WebP"
        );
        assert_eq!(
            estimate(&riff(b"VP8L"), Format::Webp, 10, 10).1,
            "lossless WebP"
        );
    }

    #[test]
    fn png_counts_two_raw_rows_and_two_output_rows() {
        // Bytes 24 and 25 of a PNG are IHDR's bit depth and colour type (PNG §11.2.1).
        let header = |depth: u8, colour: u8| {
            let mut b = [0u8; 26];
            b[24] = depth;
            b[25] = colour;
            b
        };
        // 16-bit RGBA: 8 bytes a pixel raw.
        let (need, what) = estimate(&header(16, 6), Format::Png, 8_388_608, 2);
        assert_eq!(what, "PNG's rows");
        assert_eq!(need, 8_388_608 * (2 * 8 + 8));
        assert!(need > budget(&Limits::default()));
        // An ordinary wide image is far within the budget.
        let (need, _) = estimate(&header(16, 6), Format::Png, 8192, 8192);
        assert_eq!(need, 8192 * 24);
        // 1-bit grey: raw rows of w/8 bytes, rounded up.
        assert_eq!(estimate(&header(1, 0), Format::Png, 9, 1).0, 2 * 2 + 9 * 8);
        // A header that cannot be read counts as 16-bit RGBA.
        assert_eq!(estimate(&[], Format::Png, 10, 1).0, 10 * 24);
    }
}
