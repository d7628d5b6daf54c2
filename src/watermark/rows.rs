//! The detectors' one way in: decoded pixels delivered as spans of 8-bit RGBA rows
//! ([`PixelRows`]), by a buffer the caller already has ([`RgbaView`]: native callers, tests), by
//! a decoder that streams rows (`pixels`, native) or by JavaScript a band at a time (the
//! browser, `src/wasm/pixels.rs`), and the one pass over them that gathers what every detector
//! reads ([`Planes`]).
//!
//! What each detector reads (FORMATS.md §4, §5), and so what is kept:
//! - `dwtDct`: the U plane of OpenCV's YUV, one band of 8 rows at a time
//!   ([`crate::watermark::dwtdct::VoteScanner`]); rows that arrive out of order (Adam7
//!   interlacing) are first gathered into a U plane, 1 byte a pixel;
//! - NovelAI stealth metadata: the least significant bit of alpha, 1 bit a pixel
//!   ([`AlphaLsb`]), and only when the image can have alpha at all;
//! - NovelAI's signature: the RGB bytes, asked for again only when there is a `signed_hash` to
//!   check, and given to the verifier a row at a time ([`rgb_rows`], native builds); the
//!   browser's WebCrypto wants them whole, 3 bytes a pixel ([`rgb_message`]).
//!
//! None of them needs the whole RGBA frame, so a decoder never has to hold one.

use super::dwtdct::{u_of, RgbaView, VoteScanner, Votes};

/// Some pixels of one row: `rgba` holds 4 bytes for each of the pixels at columns `x0`,
/// `x0 + dx`, `x0 + 2·dx`, … of row `y`. A plain row is `x0 = 0, dx = 1`; Adam7 passes give
/// the others.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// The row.
    pub y: u32,
    /// The first column.
    pub x0: u32,
    /// The step between columns (at least 1).
    pub dx: u32,
    /// 8-bit RGBA samples.
    pub rgba: &'a [u8],
}

/// Decoded pixels, readable more than once (a streaming decoder decodes again).
pub trait PixelRows {
    /// Width in pixels.
    fn width(&self) -> u32;
    /// Height in pixels.
    fn height(&self) -> u32;
    /// Whether an alpha value can be other than 255 (when not, alpha readers are skipped:
    /// an opaque image carries no alpha-channel data).
    fn has_alpha(&self) -> bool;
    /// Whether [`PixelRows::spans`] gives whole rows, top to bottom.
    fn in_order(&self) -> bool;
    /// Give every pixel once, as spans. `Err` (a message) when the pixels cannot be decoded.
    fn spans(&mut self, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String>;
}

impl PixelRows for RgbaView<'_> {
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
        let stride = usize::try_from(self.width)
            .ok()
            .and_then(|w| w.checked_mul(4))
            .filter(|&s| s > 0)
            .ok_or_else(|| "expected a width of at least 1 pixel".to_owned())?;
        for (rgba, y) in self.data.chunks_exact(stride).zip(0..self.height) {
            f(Span {
                y,
                x0: 0,
                dx: 1,
                rgba,
            });
        }
        Ok(())
    }
}

/// The least significant bit of every alpha value, row-major, 8 pixels a byte.
#[derive(Debug, Clone)]
pub struct AlphaLsb {
    bits: Vec<u8>,
    width: usize,
    height: usize,
}

impl AlphaLsb {
    /// All zero; `None` when it cannot be allocated.
    pub fn new(width: u32, height: u32) -> Option<AlphaLsb> {
        let width = usize::try_from(width).ok()?;
        let height = usize::try_from(height).ok()?;
        let len = width.checked_mul(height)?.div_ceil(8);
        let mut bits = Vec::new();
        bits.try_reserve_exact(len).ok()?;
        bits.resize(len, 0);
        Some(AlphaLsb {
            bits,
            width,
            height,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The bit of pixel (`x`, `y`); 0 outside the image.
    pub fn get(&self, x: usize, y: usize) -> u8 {
        let Some(i) = self.index(x, y) else { return 0 };
        self.bits.get(i / 8).map_or(0, |b| (b >> (i % 8)) & 1)
    }

    fn set(&mut self, x: usize, y: usize, bit: u8) {
        if let Some(i) = self.index(x, y) {
            if let Some(b) = self.bits.get_mut(i / 8) {
                *b |= (bit & 1) << (i % 8);
            }
        }
    }

    fn index(&self, x: usize, y: usize) -> Option<usize> {
        if x >= self.width || y >= self.height {
            return None;
        }
        y.checked_mul(self.width)?.checked_add(x)
    }
}

/// What one pass over the pixels gathered for the detectors.
#[derive(Debug, Default)]
pub struct Planes {
    /// The `dwtDct` votes; `None` when the image is too small (or a buffer could not be had).
    pub votes: Option<Votes>,
    /// The alpha bits; `None` when the image cannot have alpha.
    pub alpha: Option<AlphaLsb>,
}

impl Planes {
    /// One pass over `src`. `Err` (a message) when the pixels do not decode; nothing gathered
    /// is used then.
    pub fn gather(src: &mut dyn PixelRows) -> Result<Planes, String> {
        let (w, h) = (src.width(), src.height());
        let mut scanner = VoteScanner::new(w, h);
        let mut alpha = if src.has_alpha() {
            AlphaLsb::new(w, h)
        } else {
            None
        };
        // Out-of-order spans: the U plane first, the votes after.
        let mut u_plane = match (&scanner, src.in_order()) {
            (Some(_), false) => Some(zeroed(w, h).ok_or("could not allocate the U plane")?),
            _ => None,
        };
        let width = usize::try_from(w).map_err(|_| "width".to_owned())?;
        let mut next_row = 0u32;
        src.spans(&mut |s: Span<'_>| {
            let (y, x0, dx) = (to_usize(s.y), to_usize(s.x0), to_usize(s.dx).max(1));
            if let Some(a) = alpha.as_mut() {
                for (i, px) in s.rgba.chunks_exact(4).enumerate() {
                    let x = i.saturating_mul(dx).saturating_add(x0);
                    a.set(x, y, px.get(3).copied().unwrap_or(255));
                }
            }
            if let Some(plane) = u_plane.as_mut() {
                let row = y.saturating_mul(width);
                for (i, px) in s.rgba.chunks_exact(4).enumerate() {
                    let x = i.saturating_mul(dx).saturating_add(x0);
                    let u = plane.get_mut(row.saturating_add(x)).filter(|_| x < width);
                    if let (Some(u), &[r, g, b, _]) = (u, px) {
                        *u = u_of(r, g, b);
                    }
                }
            } else if let Some(sc) = scanner.as_mut() {
                if s.y == next_row && s.x0 == 0 && s.dx == 1 {
                    sc.push_rgba(s.rgba);
                    next_row = next_row.saturating_add(1);
                }
            }
        })?;
        if let (Some(plane), Some(sc)) = (u_plane.as_ref(), scanner.as_mut()) {
            for row in plane.chunks_exact(width.max(1)) {
                sc.push_u(row);
            }
        }
        Ok(Planes {
            votes: scanner.and_then(VoteScanner::finish),
            alpha,
        })
    }
}

/// The RGB bytes of every pixel, row-major (what NovelAI signs), with room for `extra` more
/// bytes; decodes `src` again. `None` when it cannot be allocated or decoded.
pub fn rgb_message(src: &mut dyn PixelRows, extra: usize) -> Option<Vec<u8>> {
    let width = usize::try_from(src.width()).ok()?;
    let len = width
        .checked_mul(usize::try_from(src.height()).ok()?)?
        .checked_mul(3)?;
    let mut msg = Vec::new();
    msg.try_reserve_exact(len.checked_add(extra)?).ok()?;
    msg.resize(len, 0);
    src.spans(&mut |s: Span<'_>| {
        let (y, x0, dx) = (to_usize(s.y), to_usize(s.x0), to_usize(s.dx).max(1));
        for (i, px) in s.rgba.chunks_exact(4).enumerate() {
            let x = i.saturating_mul(dx).saturating_add(x0);
            let at = y.saturating_mul(width).saturating_add(x).saturating_mul(3);
            if let (Some(dst), Some(rgb)) = (
                msg.get_mut(at..at.saturating_add(3)).filter(|_| x < width),
                px.get(..3),
            ) {
                dst.copy_from_slice(rgb);
            }
        }
    })
    .ok()?;
    Some(msg)
}

/// Give the RGB bytes of every pixel of `src` (what NovelAI signs) to `f`, a row at a time in
/// one row's buffer, decoding `src` again: [`rgb_message`] without the whole message (48 MiB at
/// 16 Mpx). `None` when `src` does not give whole rows top to bottom, or does not decode.
#[cfg(not(target_arch = "wasm32"))]
pub fn rgb_rows(src: &mut dyn PixelRows, f: &mut dyn FnMut(&[u8])) -> Option<()> {
    let width = usize::try_from(src.width()).ok()?;
    let (mut next, mut whole) = (0u32, true);
    let mut row = Vec::new();
    row.try_reserve_exact(width.checked_mul(3)?).ok()?;
    src.spans(&mut |s: Span<'_>| {
        whole &= s.y == next && s.x0 == 0 && s.dx == 1 && s.rgba.len() / 4 == width;
        if whole {
            row.clear();
            for px in s.rgba.chunks_exact(4) {
                row.extend_from_slice(px.get(..3).unwrap_or_default());
            }
            f(&row);
            next = next.saturating_add(1);
        }
    })
    .ok()?;
    (whole && next == src.height()).then_some(())
}

fn zeroed(w: u32, h: u32) -> Option<Vec<u8>> {
    let len = usize::try_from(w)
        .ok()?
        .checked_mul(usize::try_from(h).ok()?)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len).ok()?;
    v.resize(len, 0);
    Some(v)
}

fn to_usize(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Rows given out of order (as Adam7 passes are).
    struct Shuffled<'a>(RgbaView<'a>);

    impl PixelRows for Shuffled<'_> {
        fn width(&self) -> u32 {
            self.0.width
        }
        fn height(&self) -> u32 {
            self.0.height
        }
        fn has_alpha(&self) -> bool {
            true
        }
        fn in_order(&self) -> bool {
            false
        }
        fn spans(&mut self, f: &mut dyn FnMut(Span<'_>)) -> Result<(), String> {
            let mut rows = Vec::new();
            self.0.spans(&mut |s| rows.push((s.y, s.rgba.to_vec())))?;
            for (y, rgba) in rows.iter().rev() {
                f(Span {
                    y: *y,
                    x0: 0,
                    dx: 1,
                    rgba,
                });
            }
            Ok(())
        }
    }

    #[test]
    fn rgb_rows_give_the_message_a_row_at_a_time() {
        let rgba: Vec<u8> = (0..5 * 3 * 4).map(|i| u8::try_from(i).unwrap()).collect();
        let view = || RgbaView {
            data: &rgba,
            width: 5,
            height: 3,
        };
        let whole = rgb_message(&mut view(), 0).unwrap();
        let mut rows = Vec::new();
        let mut sizes = Vec::new();
        rgb_rows(&mut view(), &mut |r| {
            rows.extend_from_slice(r);
            sizes.push(r.len());
        })
        .unwrap();
        assert_eq!(rows, whole);
        assert_eq!(sizes, [15, 15, 15]);
        // Out of order, or short of rows: not given as a message.
        assert!(rgb_rows(&mut Shuffled(view()), &mut |_| {}).is_none());
        let mut short = view();
        short.height = 4;
        assert!(rgb_rows(&mut short, &mut |_| {}).is_none());
        assert_eq!(rgb_message(&mut Shuffled(view()), 0).unwrap(), whole);
    }
}
