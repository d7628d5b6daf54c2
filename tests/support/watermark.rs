//! Test-only `dwtDct` encoder, written from the algorithm description (FORMATS.md §5.1 and
//! imwatermark's published `maxDct.py`), plus image generators, JPEG/PNG round trips and the
//! transformations of the robustness table.
#![allow(dead_code)]

use super::payloads::Published;
use ailabel::watermark::{dwtdct, RgbaView};

/// An 8-bit RGBA image.
#[derive(Clone)]
pub struct Img {
    pub w: usize,
    pub h: usize,
    pub rgba: Vec<u8>,
}

impl Img {
    pub fn view(&self) -> RgbaView<'_> {
        RgbaView {
            data: &self.rgba,
            width: self.w as u32,
            height: self.h as u32,
        }
    }
    fn px(&self, x: usize, y: usize) -> [u8; 4] {
        let i = (y * self.w + x) * 4;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }
}

/// A float RGB image in 0..=255 (what SDXL/FLUX pipelines hand the encoder).
#[derive(Clone)]
pub struct FImg {
    pub w: usize,
    pub h: usize,
    pub rgb: Vec<f32>,
}

/// A small deterministic PRNG (xorshift64*).
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// A natural-looking float image: smooth colour gradients, a few soft blobs, and noise.
pub fn natural(w: usize, h: usize, seed: u64) -> FImg {
    noisy(w, h, seed, None)
}

/// Like [`natural`] with a fixed noise amplitude (texture), e.g. 30 for grainy content.
pub fn noisy(w: usize, h: usize, seed: u64, amplitude: Option<f32>) -> FImg {
    let mut r = Rng::new(seed);
    let base: Vec<f32> = (0..9).map(|_| r.unit()).collect();
    let blobs: Vec<[f32; 6]> = (0..6)
        .map(|_| {
            [
                r.unit() * w as f32,
                r.unit() * h as f32,
                (0.05 + r.unit() * 0.3) * w as f32,
                r.unit() * 120.0 - 60.0,
                r.unit() * 120.0 - 60.0,
                r.unit() * 120.0 - 60.0,
            ]
        })
        .collect();
    let noise = amplitude.unwrap_or(2.0 + r.unit() * 10.0);
    let mut rgb = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            for c in 0..3 {
                let mut v =
                    40.0 + 170.0 * (base[c] * fx + base[c + 3] * fy + base[c + 6] * fx * fy);
                for b in &blobs {
                    let d2 =
                        ((x as f32 - b[0]).powi(2) + (y as f32 - b[1]).powi(2)) / (b[2] * b[2]);
                    v += b[3 + c] * (-d2).exp();
                }
                v += (r.unit() - 0.5) * noise;
                rgb.push(v.clamp(0.0, 255.0));
            }
        }
    }
    FImg { w, h, rgb }
}

/// Rounded to 8 bits.
pub fn to_u8(f: &FImg) -> Img {
    let mut rgba = Vec::new();
    for p in f.rgb.chunks(3) {
        rgba.extend(p.iter().map(|v| v.round().clamp(0.0, 255.0) as u8));
        rgba.push(255);
    }
    Img {
        w: f.w,
        h: f.h,
        rgba,
    }
}

fn descale(x: i32) -> i32 {
    (x + (1 << 13)) >> 14
}

/// imwatermark's embedding of one LL block (`diffuse_dct_matrix`).
fn embed_block(block: &mut [f64; 16], bit: bool) {
    let mut pos = 1;
    for k in 2..16 {
        if block[k].abs() > block[pos].abs() {
            pos = k;
        }
    }
    let q = |v: f64| ((v / 36.0).floor() + 0.25 + if bit { 0.5 } else { 0.0 }) * 36.0;
    let v = block[pos];
    block[pos] = if v >= 0.0 { q(v) } else { -q(v.abs()) };
}

/// Embed `bits` into a U plane (`w`×`h`, row-major, f64): Haar DWT, block embedding, and the
/// reference's inverse DWT with the H and V detail bands swapped (which transposes each 2×2
/// pixel group).
fn embed_plane(u: &mut [f64], w: usize, h: usize, bits: &[bool]) {
    let (rows, cols) = (h / 4 * 4, w / 4 * 4);
    let (lh, lw) = (rows / 2, cols / 2);
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let mut ll = vec![0f64; lh * lw];
    for i in 0..lh {
        for j in 0..lw {
            let (a, b) = (u[2 * i * w + 2 * j], u[2 * i * w + 2 * j + 1]);
            let (c, d) = (u[(2 * i + 1) * w + 2 * j], u[(2 * i + 1) * w + 2 * j + 1]);
            ll[i * lw + j] = s * (s * a + s * c) + s * (s * b + s * d);
        }
    }
    let mut num = 0;
    for bi in 0..lh / 4 {
        for bj in 0..lw / 4 {
            let mut blk = [0f64; 16];
            for k in 0..16 {
                blk[k] = ll[(bi * 4 + k / 4) * lw + bj * 4 + k % 4];
            }
            embed_block(&mut blk, bits[num % bits.len()]);
            for k in 0..16 {
                ll[(bi * 4 + k / 4) * lw + bj * 4 + k % 4] = blk[k];
            }
            num += 1;
        }
    }
    for i in 0..lh {
        for j in 0..lw {
            let (ia, ib) = (2 * i * w + 2 * j, 2 * i * w + 2 * j + 1);
            let (ic, id) = ((2 * i + 1) * w + 2 * j, (2 * i + 1) * w + 2 * j + 1);
            let (a, b, c, d) = (u[ia], u[ib], u[ic], u[id]);
            let old = (a + b + c + d) / 2.0;
            let delta = (ll[i * lw + j] - old) / 2.0;
            // idwt2((cA, (cV, cH, cD))): b and c trade places.
            u[ia] = a + delta;
            u[ib] = c + delta;
            u[ic] = b + delta;
            u[id] = d + delta;
        }
    }
}

/// The 8-bit encode path (SD 1.x / 2.x `txt2img.py`): OpenCV 8-bit BGR→YUV, embed in U,
/// numpy's truncating float→uint8 store, OpenCV 8-bit YUV→BGR.
pub fn encode_u8(img: &Img, bits: &[bool]) -> Img {
    let (w, h) = (img.w, img.h);
    let mut y = vec![0i32; w * h];
    let mut u = vec![0f64; w * h];
    let mut v = vec![0i32; w * h];
    for i in 0..w * h {
        let (r, g, b) = (
            img.rgba[i * 4] as i32,
            img.rgba[i * 4 + 1] as i32,
            img.rgba[i * 4 + 2] as i32,
        );
        let yy = descale(r * 4899 + g * 9617 + b * 1868);
        y[i] = yy;
        u[i] = descale((b - yy) * 8061 + (128 << 14)).clamp(0, 255) as f64;
        v[i] = descale((r - yy) * 14369 + (128 << 14)).clamp(0, 255);
    }
    embed_plane(&mut u, w, h, bits);
    let mut out = img.clone();
    for i in 0..w * h {
        let uu = (u[i] as i64) as u8 as i32 - 128; // numpy float→uint8: truncate, wrap
        let vv = v[i] - 128;
        let b = y[i] + descale(uu * 33292);
        let g = y[i] + descale(vv * -9519 + uu * -6472);
        let r = y[i] + descale(vv * 18678);
        out.rgba[i * 4] = r.clamp(0, 255) as u8;
        out.rgba[i * 4 + 1] = g.clamp(0, 255) as u8;
        out.rgba[i * 4 + 2] = b.clamp(0, 255) as u8;
    }
    out
}

/// The float encode path (SDXL / FLUX `WatermarkEmbedder`): float BGR in 0..255, OpenCV float
/// BGR→YUV (offset 0.5), embed in U, float YUV→BGR, clamp, then the pipeline's
/// `(x * 255).round()` to 8 bits.
pub fn encode_float(img: &FImg, bits: &[bool]) -> Img {
    let (w, h) = (img.w, img.h);
    let mut y = vec![0f64; w * h];
    let mut u = vec![0f64; w * h];
    let mut v = vec![0f64; w * h];
    for i in 0..w * h {
        let (r, g, b) = (
            img.rgb[i * 3] as f64,
            img.rgb[i * 3 + 1] as f64,
            img.rgb[i * 3 + 2] as f64,
        );
        y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
        u[i] = (b - y[i]) * 0.492 + 0.5;
        v[i] = (r - y[i]) * 0.877 + 0.5;
    }
    embed_plane(&mut u, w, h, bits);
    let mut rgba = Vec::new();
    for i in 0..w * h {
        let b = y[i] + (u[i] - 0.5) * 2.032;
        let g = y[i] + (u[i] - 0.5) * -0.395 + (v[i] - 0.5) * -0.581;
        let r = y[i] + (v[i] - 0.5) * 1.140;
        for c in [r, g, b] {
            rgba.push(((c / 255.0).clamp(0.0, 1.0) * 255.0).round() as u8);
        }
        rgba.push(255);
    }
    Img { w, h, rgba }
}

/// Best agreement over all payload readings (normal and inverted), and whether any fired.
pub fn best(img: &Img) -> (usize, usize, &'static str, bool) {
    let votes = dwtdct::Votes::scan(img.view()).unwrap();
    let rs = ailabel::watermark::detect::readings(&votes);
    let top = rs
        .iter()
        .max_by(|a, b| a.p_value.partial_cmp(&b.p_value).unwrap().reverse())
        .unwrap();
    (
        top.agree,
        top.payload.len,
        top.payload.name,
        rs.iter().any(|r| r.detected),
    )
}

/// Agreement of one payload's normal reading.
pub fn agreement(img: &Img, p: &Published) -> usize {
    let votes = dwtdct::Votes::scan(img.view()).unwrap();
    let bits = votes.bits(p.len()).unwrap();
    bits.iter().zip(p.bits()).filter(|(a, b)| **a == *b).count()
}

pub fn png(img: &Img) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut out);
    image::ImageEncoder::write_image(
        enc,
        &img.rgba,
        img.w as u32,
        img.h as u32,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    out
}

/// JPEG at `quality` with 4:4:4 (`subsample = false`) or 4:2:0 chroma.
pub fn jpeg(img: &Img, quality: u8, subsample: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
    enc.set_sampling_factor(if subsample {
        jpeg_encoder::SamplingFactor::F_2_2
    } else {
        jpeg_encoder::SamplingFactor::F_1_1
    });
    enc.encode(
        &img.rgba,
        img.w as u16,
        img.h as u16,
        jpeg_encoder::ColorType::Rgba,
    )
    .unwrap();
    out
}

pub fn decode(bytes: &[u8]) -> Img {
    let d = image::load_from_memory(bytes).unwrap().to_rgba8();
    Img {
        w: d.width() as usize,
        h: d.height() as usize,
        rgba: d.into_raw(),
    }
}

pub fn resize(img: &Img, w: usize, h: usize) -> Img {
    let src = image::RgbaImage::from_raw(img.w as u32, img.h as u32, img.rgba.clone()).unwrap();
    let out = image::imageops::resize(
        &src,
        w as u32,
        h as u32,
        image::imageops::FilterType::Triangle,
    );
    Img {
        w,
        h,
        rgba: out.into_raw(),
    }
}

pub fn crop(img: &Img, x0: usize, y0: usize, w: usize, h: usize) -> Img {
    let mut rgba = Vec::new();
    for y in y0..y0 + h {
        rgba.extend_from_slice(&img.rgba[(y * img.w + x0) * 4..(y * img.w + x0 + w) * 4]);
    }
    Img { w, h, rgba }
}

/// A screenshot of the image shown at 100 % inside a window: pasted at offset (`x`, `y`) on a
/// grey canvas with a border.
pub fn screenshot(img: &Img, x: usize, y: usize) -> Img {
    let (w, h) = (img.w + x + 40, img.h + y + 40);
    let mut out = Img {
        w,
        h,
        rgba: [236u8, 236, 236, 255].repeat(w * h),
    };
    for yy in 0..img.h {
        for xx in 0..img.w {
            let p = img.px(xx, yy);
            let i = ((yy + y) * w + xx + x) * 4;
            out.rgba[i..i + 4].copy_from_slice(&p);
        }
    }
    out
}

/// Blend each pixel toward its grey level, keeping `keep` of its colour (0 = grey).
pub fn desaturate(f: &FImg, keep: f32) -> FImg {
    let mut out = f.clone();
    for p in out.rgb.chunks_mut(3) {
        let g = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        for c in p.iter_mut() {
            *c = g + (*c - g) * keep;
        }
    }
    out
}
