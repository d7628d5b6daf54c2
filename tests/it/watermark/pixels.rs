//! The native pixel decode (feature `pixels`) and the fixture for the browser-decode check.
//!
//! In the browser, the page decodes with `createImageBitmap(blob, {colorSpaceConversion: 'none',
//! premultiplyAlpha: 'none'})`, draws to a canvas and passes `getImageData` RGBA to
//! `watermark::read_rgba`. `tests/fixtures/watermark-pixels.json` lists real images (fixtures) with the
//! SHA-256 of the RGBA the `image` crate decodes and the dwtDct votes digest, for the web test to
//! compare against. Expected: PNG and lossless WebP pixels are equal byte for byte; JPEG and lossy
//! WebP may differ by a few levels (different IDCT and chroma upsampling in libjpeg-turbo /
//! libwebp), which is why `exact` is false for them and the web test compares the detection result
//! (`votesSha256` may differ; no detection either way) rather than the bytes.
//! Regenerate with `AILABEL_UPDATE_FIXTURES=1 cargo test --test it browser_comparison_fixture_is_current`.

use crate::support::fixtures;
use ailabel::watermark::{dwtdct, pixels, RgbaView};
use ailabel::{Format, Limits};
use sha2::{Digest, Sha256};

/// (fixture, its research-corpus path, format, exact).
const FILES: [(&str, &str, Format, bool); 7] = [
    (
        "containers/png/sample1.png",
        "c2pa-rs-fixtures/sample1.png",
        Format::Png,
        true,
    ),
    (
        "containers/png/libpng-test.png",
        "c2pa-rs-fixtures/libpng-test.png",
        Format::Png,
        true,
    ),
    (
        "containers/webp/test_lossless.webp",
        "c2pa-rs-fixtures/test_lossless.webp",
        Format::Webp,
        true,
    ),
    (
        "containers/webp/test.webp",
        "c2pa-rs-fixtures/test.webp",
        Format::Webp,
        false,
    ),
    (
        "c2pa/generators/DALL-E_cloud_surfing_puppy.webp",
        "ms-extension-validator/media/DALL-E_cloud_surfing_puppy.webp",
        Format::Webp,
        false,
    ),
    (
        "c2pa/chains/C.jpg",
        "c2pa-rs-fixtures/C.jpg",
        Format::Jpeg,
        false,
    ),
    (
        "containers/jpeg/earth_apollo17.jpg",
        "c2pa-rs-fixtures/earth_apollo17.jpg",
        Format::Jpeg,
        false,
    ),
];

#[test]
fn png_pixels_decode_exactly() {
    // Independent expectation: the pixels we wrote.
    let (w, h) = (300u32, 260u32);
    let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i * 7 % 251) as u8).collect();
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &rgba,
        w,
        h,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    let d = pixels::decode(&png, Format::Png, &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!((d.width, d.height), (w, h));
    assert_eq!(d.rgba, rgba);
    // Over the pixel limit: refused before decoding.
    let tiny = Limits {
        max_pixels: u64::from(w * h - 1),
        ..Limits::default()
    };
    assert!(pixels::decode(&png, Format::Png, &tiny)
        .unwrap_err()
        .contains("max_pixels"));
    // Formats without a decoder here are skipped, garbage is a warning.
    assert!(pixels::decode(&png, Format::Gif, &Limits::default())
        .unwrap()
        .is_none());
    assert!(pixels::decode(b"\x89PNG\r\n\x1a\nxx", Format::Png, &Limits::default()).is_err());
}

#[test]
fn browser_comparison_fixture_is_current() {
    let mut entries = Vec::new();
    for (fixture, path, format, exact) in FILES {
        let bytes = fixtures::read(fixture);
        let d = pixels::decode(&bytes, format, &Limits::default())
            .unwrap()
            .unwrap();
        assert_eq!(d.rgba.len(), (d.width * d.height * 4) as usize);
        let view = RgbaView {
            data: &d.rgba,
            width: d.width,
            height: d.height,
        };
        let votes = dwtdct::Votes::scan(view).map(|v| {
            let bits: Vec<u8> = v
                .bits(v.blocks())
                .unwrap()
                .into_iter()
                .map(u8::from)
                .collect();
            format!("{:x}", Sha256::digest(&bits))
        });
        entries.push(serde_json::json!({
            "path": path,
            "fixture": fixture,
            "format": format.name(),
            "width": d.width,
            "height": d.height,
            "exact": exact,
            "rgbaSha256": format!("{:x}", Sha256::digest(&d.rgba)),
            "votesSha256": votes,
            "dwtDctDetections": 0,
        }));
    }
    let doc = serde_json::json!({
        "about": "RGBA decoded by the image crate (ailabel feature `pixels`) for real images; \
                  the web test decodes the same files with createImageBitmap \
                  (colorSpaceConversion 'none', premultiplyAlpha 'none') and compares. `exact`: \
                  byte-equal RGBA expected (PNG, lossless WebP); otherwise small differences are \
                  expected and only the watermark result must match. `fixture`: the file under \
                  tests/fixtures; `path`: the same file in the research corpus.",
        "corpusRoot": "../shared/corpus",
        "images": entries,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/watermark-pixels.json");
    if std::env::var("AILABEL_UPDATE_FIXTURES").as_deref() == Ok("1") {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&file).expect("run with AILABEL_UPDATE_FIXTURES=1 once");
    assert_eq!(
        stored, text,
        "the image crate's decode changed: regenerate and re-check the web side"
    );
}
