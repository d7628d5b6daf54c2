//! The `invisible-watermark` (imwatermark) `dwtDct` decoder (FORMATS.md §5.1).
//!
//! Reproduces `EmbedMaxDct.decode` of imwatermark with `scales=[0,36,36]`, `block=4`, step by
//! step, so that an image marked by Stable Diffusion 1/2, SDXL or FLUX reference code decodes to
//! the same bits here as with the Python package:
//!
//! 1. OpenCV `COLOR_BGR2YUV` on 8-bit pixels, fixed point with `yuv_shift = 14`
//!    (`Y = (R·4899 + G·9617 + B·1868 + 2¹³) >> 14`, `U = ((B−Y)·8061 + 128·2¹⁴ + 2¹³) >> 14`,
//!    saturated to 0..=255).
//! 2. Only the U channel (channel 1): the scale of channel 0 is 0, so the loop skips it.
//! 3. Crop to multiples of 4 rows and columns; `pywt.dwt2(…, 'haar')` level 1, whose
//!    approximation band is computed here with the same float64 operations as PyWavelets (the
//!    vertical pair first, then the horizontal one, each `h·a + h·b` with `h = 1/√2`), so that
//!    ties in step 4 break the same way.
//! 4. 4×4 blocks of the LL band in row-major order; block `num` votes for bit `num % L`.
//! 5. In each block, the first position of the largest `|v|` among the 15 non-DC values; the
//!    vote is `(|v| mod 36) > 18`. No DCT is applied, despite the name.
//! 6. Each bit is the mean of its votes, `mean·255 > 127`.

/// `1/√2` exactly as PyWavelets stores the Haar filter taps.
const HAAR: f64 = std::f64::consts::FRAC_1_SQRT_2;
/// The quantisation step of the U channel (`scales[1]`).
const STEP: f64 = 36.0;
/// The reference refuses images with fewer pixels than this (`r*c < 256*256`).
pub const MIN_PIXELS: u64 = 256 * 256;

/// A view of 8-bit RGBA pixels, row-major, 4 bytes a pixel, no padding.
#[derive(Debug, Clone, Copy)]
pub struct RgbaView<'a> {
    /// The pixel bytes: `width * height * 4` of them.
    pub data: &'a [u8],
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The votes of every 4×4 block, in block order (`num`): `true` when `(|v| mod 36) > 18`.
#[derive(Debug, Clone, Default)]
pub struct Votes {
    votes: Vec<bool>,
}

impl Votes {
    /// Scan `img`. `None` when the image is smaller than the reference accepts or the pixel
    /// buffer does not match its dimensions.
    pub fn scan(img: RgbaView<'_>) -> Option<Votes> {
        let w = usize::try_from(img.width).ok()?;
        let h = usize::try_from(img.height).ok()?;
        if img.data.len() != w.checked_mul(h)?.checked_mul(4)? {
            return None;
        }
        let mut scanner = VoteScanner::new(img.width, img.height)?;
        for row in img.data.chunks_exact(w.checked_mul(4)?) {
            scanner.push_rgba(row);
        }
        scanner.finish()
    }

    /// Number of blocks scanned.
    pub fn blocks(&self) -> usize {
        self.votes.len()
    }

    /// The bits read for a payload of `len` bits (`len > 0`), as imwatermark's decoder reads
    /// them: bit `b` is the mean of the votes of blocks `b, b + len, b + 2·len, …`, set when
    /// `mean·255 > 127`. `None` when some bit gets no vote (fewer blocks than bits).
    pub fn bits(&self, len: usize) -> Option<Vec<bool>> {
        if len == 0 || self.votes.len() < len {
            return None;
        }
        let mut ones = Vec::new();
        ones.try_reserve_exact(len).ok()?;
        ones.resize(len, (0u32, 0u32));
        for (chunk_votes, _) in self.votes.chunks(len).zip(0..) {
            for (v, slot) in chunk_votes.iter().zip(ones.iter_mut()) {
                slot.1 = slot.1.saturating_add(1);
                if *v {
                    slot.0 = slot.0.saturating_add(1);
                }
            }
        }
        Some(
            ones.iter()
                .map(|&(one, n)| f64::from(one) / f64::from(n) * 255.0 > 127.0)
                .collect(),
        )
    }
}

/// The votes of an image fed one row at a time, top to bottom: it holds the U values of one
/// band of 8 pixel rows (one row of 4×4 blocks of the LL band), never the whole image, so the
/// pixels can come straight from a decoder.
#[derive(Debug, Clone)]
pub struct VoteScanner {
    /// Pixel columns scanned: `width / 8 * 8` (the crop of step 3, then whole blocks).
    cols: usize,
    /// Pixel rows scanned: `height / 8 * 8`.
    rows: usize,
    /// Rows pushed so far.
    next: usize,
    /// U of the current band, 8 rows of `cols`.
    band: Vec<u8>,
    /// The four LL rows of one band, `cols / 2` values each.
    ll_rows: Vec<f64>,
    /// `h·u` for every 8-bit u: the same float64 products PyWavelets forms.
    tab: [f64; 256],
    votes: Vec<bool>,
}

impl VoteScanner {
    /// A scanner for a `width`×`height` image; `None` when the image is smaller than the
    /// reference accepts or a buffer cannot be allocated.
    pub fn new(width: u32, height: u32) -> Option<VoteScanner> {
        let w = usize::try_from(width).ok()?;
        let h = usize::try_from(height).ok()?;
        if crate::bytes::to_u64(w.checked_mul(h)?) < MIN_PIXELS {
            return None;
        }
        // Blocks of the LL band: (h / 4 * 4) / 2 / 4 == h / 8, likewise for w.
        let (bw, bh) = (w / 8, h / 8);
        if bw == 0 || bh == 0 {
            return None;
        }
        let mut votes = Vec::new();
        votes.try_reserve_exact(bw.checked_mul(bh)?).ok()?;
        let cols = bw.checked_mul(8)?;
        let mut band = Vec::new();
        band.try_reserve_exact(cols.checked_mul(8)?).ok()?;
        band.resize(cols.checked_mul(8)?, 0u8);
        let mut ll_rows = Vec::new();
        ll_rows.try_reserve_exact(cols.checked_mul(2)?).ok()?;
        ll_rows.resize(cols.checked_mul(2)?, 0f64);
        let mut tab = [0f64; 256];
        for (v, t) in (0u8..=255).zip(tab.iter_mut()) {
            *t = HAAR * f64::from(v);
        }
        Some(VoteScanner {
            cols,
            rows: bh.checked_mul(8)?,
            next: 0,
            band,
            ll_rows,
            tab,
            votes,
        })
    }

    /// The next row as 8-bit RGBA (at least `width` pixels; extra columns are cropped).
    pub fn push_rgba(&mut self, rgba: &[u8]) {
        if let Some(out) = self.band_row() {
            for (px, u) in rgba.chunks_exact(4).zip(out.iter_mut()) {
                if let [r, g, b, _] = *px {
                    *u = u_of(r, g, b);
                }
            }
        }
        self.row_done();
    }

    /// The next row as U values (step 1), one a pixel.
    pub fn push_u(&mut self, u: &[u8]) {
        if let Some(out) = self.band_row() {
            for (src, dst) in u.iter().zip(out.iter_mut()) {
                *dst = *src;
            }
        }
        self.row_done();
    }

    /// The votes, once every scanned row was pushed; `None` before.
    pub fn finish(self) -> Option<Votes> {
        (self.next >= self.rows).then_some(Votes { votes: self.votes })
    }

    /// Where the next row's U values go; `None` for rows below the crop.
    fn band_row(&mut self) -> Option<&mut [u8]> {
        if self.next >= self.rows {
            return None;
        }
        let start = (self.next % 8).checked_mul(self.cols)?;
        self.band.get_mut(start..start.checked_add(self.cols)?)
    }

    fn row_done(&mut self) {
        self.next = self.next.saturating_add(1);
        if self.next <= self.rows && self.next % 8 == 0 {
            self.band_votes();
        }
    }

    /// Steps 3 to 5 on a full band.
    fn band_votes(&mut self) {
        let (cols, half) = (self.cols, self.cols / 2);
        let tab = &self.tab;
        // Vertical pairs first (axis -2), then horizontal pairs (axis -1).
        for (pair, ll) in self
            .band
            .chunks_exact(cols.saturating_mul(2))
            .zip(self.ll_rows.chunks_exact_mut(half))
        {
            let (upper, lower) = pair.split_at(cols);
            let mut t = upper.iter().zip(lower).map(|(&a, &c)| {
                tab.get(usize::from(a)).copied().unwrap_or(0.0)
                    + tab.get(usize::from(c)).copied().unwrap_or(0.0)
            });
            for cell in ll.iter_mut() {
                let (t0, t1) = (t.next().unwrap_or(0.0), t.next().unwrap_or(0.0));
                *cell = HAAR * t0 + HAAR * t1;
            }
        }
        let mut block = [0f64; 16];
        for left in (0..half).step_by(4) {
            for (i, dst) in block.chunks_exact_mut(4).enumerate() {
                let from = i.saturating_mul(half).saturating_add(left);
                if let Some(src) = self.ll_rows.get(from..from.saturating_add(4)) {
                    dst.copy_from_slice(src);
                }
            }
            self.votes.push(vote(&block));
        }
    }
}

/// OpenCV's 8-bit `COLOR_BGR2YUV` U value of one pixel.
#[inline]
pub fn u_of(r: u8, g: u8, b: u8) -> u8 {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    let y = (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
    let u = ((b - y) * 8061 + (128 << 14) + (1 << 13)) >> 14;
    u8::try_from(u.clamp(0, 255)).unwrap_or(0)
}

/// One block's vote: the first largest `|v|` among positions 1..16, then `(|v| mod 36) > 18`.
#[inline]
fn vote(block: &[f64; 16]) -> bool {
    let mut best = 0.0f64;
    let mut first = true;
    for v in block.iter().skip(1) {
        let a = v.abs();
        if first || a > best {
            best = a;
            first = false;
        }
    }
    // numpy's `%` on a non-negative float64 is C `fmod`.
    best % STEP > 0.5 * STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_matches_opencv_fixed_point_examples() {
        // Grey has no chroma: U is the offset 128.
        assert_eq!(u_of(77, 77, 77), 128);
        // Pure blue: Y = (255·1868 + 8192) >> 14 = 29; U = ((255−29)·8061 + 2²¹ + 2¹³) >> 14 = 239.
        assert_eq!(u_of(0, 0, 255), 239);
        // Pure yellow: Y = (255·(4899+9617) + 8192) >> 14 = 226; U = (−226·8061 + …) >> 14 = 17.
        assert_eq!(u_of(255, 255, 0), 17);
    }

    #[test]
    fn vote_takes_the_first_largest_non_dc_magnitude() {
        let mut b = [0.0f64; 16];
        b[0] = 1000.0; // DC is excluded
        b[3] = 100.0; // 100 mod 36 = 28 > 18
        b[7] = 100.0; // a tie: the first wins either way here
        assert!(vote(&b));
        b[5] = 110.0; // 110 mod 36 = 2
        assert!(!vote(&b));
    }

    #[test]
    fn small_images_are_refused_like_the_reference() {
        let data = vec![0u8; 255 * 256 * 4];
        let v = RgbaView {
            data: &data,
            width: 255,
            height: 256,
        };
        assert!(Votes::scan(v).is_none());
    }
}
