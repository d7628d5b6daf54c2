//! An EXIF-rotated watermarked JPEG, `tests/fixtures/watermark/sdxl-exif-orientation-6.jpg`: the
//! fixture the browser test (tests/e2e/orientation.test.mjs) decodes with
//! `imageOrientation: 'none'`. Made here: a smooth 512×384 image (seed 11: not every mark decodes even untouched, see robustness.rs), marked by the test encoder with
//! the SDXL payload on the 8-bit path, JPEG q100 4:4:4 (which the mark survives in both the `image` crate's decoder and the browsers', unlike q95; see
//! robustness.rs), and an Exif APP1 whose IFD0 holds only Orientation = 6 ("rotate 90° CW to
//! display", TIFF 6.0 / Exif 2.32 §4.6.4). The command line decodes the stored pixels, never
//! rotated, and finds the mark; the same pixels rotated as a viewer shows them carry none.
//! `AILABEL_UPDATE_FIXTURES=1` writes the file (JPEG encoders may differ by platform, so the test
//! checks the committed file's properties, not its bytes).
//!
//! And a PNG with an `eXIf` chunk (PNG 3rd edition §11.3.4.5) before `IDAT` saying 3 or 6, built
//! here as tests/e2e/pixels.test.mjs builds it for the browser (the same 512×512 base, seed 11,
//! the SDXL mark): the command line reads the stored pixels and finds the mark, which the pixels
//! as a viewer shows them do not carry.

use crate::support::payloads::payload;
use crate::support::watermark::*;
use ailabel::Options;
use std::path::PathBuf;

const W: usize = 512;
const H: usize = 384;

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/watermark/sdxl-exif-orientation-6.jpg")
}

/// The APP1 Exif segment: big-endian TIFF header, IFD0 with one SHORT entry 0x0112 = 6.
fn exif_orientation(value: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, value, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(&tiff);
    let len = u16::try_from(body.len() + 2).unwrap().to_be_bytes();
    let mut seg = vec![0xFF, 0xE1, len[0], len[1]];
    seg.extend_from_slice(&body);
    seg
}

fn make() -> Vec<u8> {
    let base = to_u8(&desaturate(&noisy(W, H, 11, Some(2.0)), 0.25));
    let marked = encode_u8(&base, &payload("SDXL").bits());
    let jpeg = jpeg(&marked, 100, false);
    let mut out = jpeg[..2].to_vec(); // SOI
    out.extend_from_slice(&exif_orientation(6));
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// `img` rotated 90° clockwise, as a viewer shows orientation 6.
fn rotate_cw(img: &Img) -> Img {
    let (w, h) = (img.w, img.h);
    let mut rgba = vec![0u8; w * h * 4];
    for y in 0..h {
        for x in 0..w {
            let (nx, ny) = (h - 1 - y, x);
            let (s, d) = ((y * w + x) * 4, (ny * h + nx) * 4);
            rgba[d..d + 4].copy_from_slice(&img.rgba[s..s + 4]);
        }
    }
    Img { w: h, h: w, rgba }
}

/// `img` rotated 180°, as a viewer shows orientation 3.
fn rotate_180(img: &Img) -> Img {
    Img {
        w: img.w,
        h: img.h,
        rgba: img.rgba.chunks_exact(4).rev().flatten().copied().collect(),
    }
}

/// An `eXIf` chunk: big-endian TIFF, IFD0 with one SHORT entry 0x0112 = `value`.
fn exif_chunk(value: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]);
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, value, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    crate::support::png::chunk(b"eXIf", &tiff)
}

#[test]
fn an_exif_rotated_png_is_read_as_stored() {
    let base = to_u8(&desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25));
    let marked = encode_u8(&base, &payload("SDXL").bits());
    let plain = png(&marked);
    assert_eq!(&plain[12..16], b"IHDR");
    for value in [3u8, 6] {
        // Signature and IHDR (33 bytes), the eXIf, the rest.
        let bytes = [&plain[..33], &exif_chunk(value), &plain[33..]].concat();
        let report = ailabel::check(&bytes, &Options::default());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["verdict"], "ai-watermark", "{value}: {json}");
        assert!(
            json.to_string()
                .contains("dwtDct SDXL payload 0xB3EC907BB19E"),
            "{value}: {json}"
        );
        let stored = decode(&bytes);
        assert_eq!(stored.rgba, marked.rgba, "decoded as stored");
        let shown = if value == 3 {
            rotate_180(&stored)
        } else {
            rotate_cw(&stored)
        };
        assert!(!best(&shown).3, "{value}: the displayed pixels carry none");
    }
}

#[test]
fn an_exif_rotated_jpeg_is_read_as_stored() {
    if std::env::var_os("AILABEL_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path().parent().unwrap()).unwrap();
        std::fs::write(path(), make()).unwrap();
    }
    let bytes = std::fs::read(path()).unwrap();
    assert_eq!(&bytes[2..4], &[0xFF, 0xE1], "the Exif APP1 first");
    let seg = exif_orientation(6);
    assert_eq!(&bytes[2..2 + seg.len()], seg.as_slice());
    let report = ailabel::check(&bytes, &Options::default());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"], "ai-watermark", "{json}");
    assert!(
        json.to_string()
            .contains("dwtDct SDXL payload 0xB3EC907BB19E"),
        "{json}"
    );
    let stored = decode(&bytes);
    assert_eq!((stored.w, stored.h), (W, H), "decoded as stored");
    assert!(best(&stored).3, "the stored pixels carry the mark");
    assert!(
        !best(&rotate_cw(&stored)).3,
        "the displayed pixels carry none"
    );
}
