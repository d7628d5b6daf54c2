//! Criterion benchmark: decode + detect (dwtDct and NovelAI stealth) on a 1024x1024 image,
//! `cargo bench --bench watermark`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::as_conversions,
    missing_docs
)]

use criterion::{criterion_group, criterion_main, Criterion};

fn image_png() -> Vec<u8> {
    let (w, h) = (1024u32, 1024u32);
    let mut rgba = Vec::new();
    let mut s = 0x1234_5678u32;
    for y in 0..h {
        for x in 0..w {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let n = (s % 16) as u8;
            rgba.extend_from_slice(&[
                (x / 5) as u8 + n,
                (y / 5) as u8 + n,
                ((x + y) / 9) as u8 + n,
                255,
            ]);
        }
    }
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut out);
    image::ImageEncoder::write_image(enc, &rgba, w, h, image::ExtendedColorType::Rgba8).unwrap();
    out
}

fn bench(c: &mut Criterion) {
    let png = image_png();
    let options = ailabel::Options::default();
    let embedded = ailabel::container::Embedded {
        format: Some(ailabel::Format::Png),
        ..Default::default()
    };
    c.bench_function("watermark decode+detect 1024x1024 png", |b| {
        b.iter(|| {
            let mut sink = ailabel::Sink::default();
            ailabel::watermark::read(&png, &embedded, &options, &mut sink);
            sink
        })
    });
    let rgba = image::load_from_memory(&png).unwrap().to_rgba8().into_raw();
    c.bench_function("watermark detect 1024x1024 rgba", |b| {
        b.iter(|| {
            let mut sink = ailabel::Sink::default();
            ailabel::watermark::read_rgba(&rgba, 1024, 1024, &options, &mut sink);
            sink
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
