//! PNG pixels row by row, for the detectors ([`PixelRows`]): the `png` crate's streaming row
//! reader, with palette and low bit depths expanded, 16-bit samples stripped to their high
//! byte (`STRIP_16`, what `normalize_to_color8` does), an alpha channel added where missing,
//! and text chunks skipped (the container walker reads them from the input, and they are not
//! charged to the pixel budget), as is the ICC profile (`iCCP`, which the decoder would inflate:
//! the detectors read sample values, not colours). Memory: the decoder's row buffers, one RGBA row, never a frame.
//!
//! Interlaced (Adam7, PNG §8.2) images come as seven passes of partial rows, given on as
//! [`Span`]s with their columns.

use crate::watermark::rows::{PixelRows, Span};
use std::io::Cursor;

/// A PNG, decoded again at each pass over its rows.
#[derive(Debug, Clone)]
pub struct PngRows<'a> {
    bytes: &'a [u8],
    width: u32,
    height: u32,
    alpha: bool,
    interlaced: bool,
}

/// What the decoder may allocate while it reads the chunks before the image data.
const HEADER_BYTES: usize = 4 << 20;

/// Adam7 passes (PNG §8.2): (x0, dx, y0, dy).
const PASSES: [(u32, u32, u32, u32); 7] = [
    (0, 8, 0, 8),
    (4, 8, 0, 8),
    (0, 4, 4, 8),
    (2, 4, 0, 4),
    (0, 2, 2, 4),
    (1, 2, 0, 2),
    (0, 1, 1, 2),
];

impl<'a> PngRows<'a> {
    /// Read the header of `bytes`. `Err` (the decoder's message) when it cannot be read.
    pub fn open(bytes: &'a [u8]) -> Result<PngRows<'a>, String> {
        // The header chunks only: what `png` buffers of them (PLTE, tRNS, eXIf) is bounded, and
        // the ICC profile, which it would inflate (to 64 MiB by its default limit), is skipped.
        let mut d = png::Decoder::new_with_limits(
            Cursor::new(bytes),
            png::Limits {
                bytes: HEADER_BYTES,
            },
        );
        d.set_ignore_text_chunk(true);
        d.set_ignore_iccp_chunk(true);
        let r = d.read_info().map_err(|e| e.to_string())?;
        let info = r.info();
        Ok(PngRows {
            bytes,
            width: info.width,
            height: info.height,
            alpha: info.color_type.samples() == 2
                || info.color_type.samples() == 4
                || info.trns.is_some(),
            interlaced: info.interlaced,
        })
    }

    fn reader(&self) -> Result<png::Reader<Cursor<&'a [u8]>>, String> {
        // Row buffers and the inflater's state: a few rows of at most 8 bytes a pixel.
        let row = u64::from(self.width).saturating_mul(8);
        let bytes = crate::bytes::to_usize(row.saturating_mul(4).saturating_add(4 << 20), "")
            .unwrap_or(usize::MAX);
        let mut d = png::Decoder::new_with_limits(Cursor::new(self.bytes), png::Limits { bytes });
        d.set_ignore_text_chunk(true);
        d.set_ignore_iccp_chunk(true);
        d.set_transformations(
            png::Transformations::normalize_to_color8() | png::Transformations::ALPHA,
        );
        d.read_info().map_err(|e| e.to_string())
    }
}

impl PixelRows for PngRows<'_> {
    fn width(&self) -> u32 {
        self.width
    }
    fn height(&self) -> u32 {
        self.height
    }
    fn has_alpha(&self) -> bool {
        self.alpha
    }
    fn in_order(&self) -> bool {
        !self.interlaced
    }
    fn spans(&mut self, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String> {
        let mut reader = self.reader()?;
        let grey = match reader.output_color_type() {
            (png::ColorType::Rgba, png::BitDepth::Eight) => false,
            (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight) => true,
            (c, b) => {
                return Err(format!(
                    "expected 8-bit RGBA or grey+alpha after expansion, but the decoder gives \
                     {c:?} {b:?}"
                ))
            }
        };
        let row_len = crate::bytes::to_usize(u64::from(self.width).saturating_mul(4), "row")
            .map_err(|e| e.message().to_owned())?;
        let mut wide = Vec::new();
        if grey {
            crate::bytes::try_reserve(&mut wide, row_len, "RGBA row")
                .map_err(|e| e.message().to_owned())?;
            wide.resize(row_len, 0);
        }
        // Where the next row lands: plain rows go down the image; Adam7 rows go down each pass.
        let mut pass = 0usize;
        let mut line = 0u32;
        let mut y = 0u32;
        while let Some(row) = reader.next_interlaced_row().map_err(|e| e.to_string())? {
            let (x0, dx) = match row.interlace() {
                png::InterlaceInfo::Null(_) => (0, 1),
                png::InterlaceInfo::Adam7(info) => {
                    let (x0, dx, y0, dy) =
                        next_adam7(&mut pass, &mut line, self.width, self.height)
                            .filter(|_| self.width > 0)
                            .ok_or_else(|| {
                                "expected no more Adam7 rows, but found one".to_owned()
                            })?;
                    // The decoder's own account of the row must be ours.
                    let p = u8::try_from(pass.saturating_add(1)).unwrap_or(0);
                    if (1..=7).contains(&p) && *info != png::Adam7Info::new(p, line, self.width) {
                        return Err(format!(
                            "expected Adam7 pass {p} line {line}, but the decoder gives {info:?}"
                        ));
                    }
                    y = line.saturating_mul(dy).saturating_add(y0);
                    line = line.saturating_add(1);
                    (x0, dx)
                }
            };
            let data = row.data();
            let rgba = if grey {
                for (ga, px) in data.chunks_exact(2).zip(wide.chunks_exact_mut(4)) {
                    if let [g, a] = *ga {
                        px.copy_from_slice(&[g, g, g, a]);
                    }
                }
                let n = data.len().saturating_mul(2).min(wide.len());
                wide.get(..n).unwrap_or_default()
            } else {
                data
            };
            f(Span { y, x0, dx, rgba });
            if !self.interlaced {
                y = y.saturating_add(1);
            }
        }
        Ok(())
    }
}

/// The pass of the next Adam7 row, as the `png` crate walks them: passes in order, empty
/// passes (no columns or no rows) skipped. Moves `pass` on when `line` has run past its rows.
fn next_adam7(
    pass: &mut usize,
    line: &mut u32,
    width: u32,
    height: u32,
) -> Option<(u32, u32, u32, u32)> {
    loop {
        let &(x0, dx, y0, dy) = PASSES.get(*pass)?;
        let cols = width.saturating_sub(x0).div_ceil(dx);
        let rows = height.saturating_sub(y0).div_ceil(dy);
        if cols > 0 && *line < rows {
            return Some((x0, dx, y0, dy));
        }
        *pass = pass.saturating_add(1);
        *line = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adam7_rows_come_in_the_png_crate_order() {
        // A 3x3 image: pass 1 (1 row of 1), pass 2 empty (no column 4), pass 3 empty (no row
        // 4), pass 4 (1 row of 1, column 2), pass 5 (1 row, row 2), pass 6 (2 rows), pass 7.
        let (mut pass, mut line) = (0, 0);
        let mut seen = Vec::new();
        while let Some((x0, dx, y0, dy)) = next_adam7(&mut pass, &mut line, 3, 3) {
            seen.push((pass + 1, line * dy + y0, x0, dx));
            line += 1;
        }
        assert_eq!(
            seen,
            vec![
                (1, 0, 0, 8),
                (4, 0, 2, 4),
                (5, 2, 0, 2),
                (6, 0, 1, 2),
                (6, 2, 1, 2),
                (7, 1, 0, 1)
            ]
        );
    }
}
