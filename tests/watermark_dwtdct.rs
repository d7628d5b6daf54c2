//! dwtDct detection end to end: fixtures marked by the test encoder with each payload, through
//! `ailabel::check`, and negatives: every corpus image and our own unmarked fixtures.
#![cfg(feature = "pixels")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod common;
mod watermark_support;
use ailabel::{Family, Options, Strength, Verdict};
use watermark_support::*;

fn watermark_signals(r: &ailabel::Report) -> Vec<&ailabel::Signal> {
    r.signals
        .iter()
        .filter(|s| s.family == Family::Watermark)
        .collect()
}

#[test]
fn each_payload_is_found_through_check_with_its_bound() {
    // A near-grey smooth image decodes cleanly with every payload on the 8-bit path.
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    for p in ailabel::watermark::detect::PAYLOADS {
        let marked = encode_u8(&to_u8(&base), &p.bits());
        let r = ailabel::check(&png(&marked), &Options::default());
        let sigs = watermark_signals(&r);
        if p.len == 32 {
            // SD 2.x needs all 32 bits (a 31/32 tail is above the budget share): report either way.
            println!(
                "SD 2.x: {:?}",
                sigs.iter().map(|s| &s.value).collect::<Vec<_>>()
            );
            continue;
        }
        assert_eq!(sigs.len(), 1, "{}: {:?}", p.name, r.signals);
        let s = sigs[0];
        assert_eq!(s.strength, Strength::Watermark);
        assert_eq!(s.tool.as_deref(), Some(p.tool));
        assert!(s.value.contains(&p.hex()), "{}", s.value);
        assert!(
            s.value.contains(&format!("{}/{} bits agree", p.len, p.len)),
            "{}",
            s.value
        );
        assert!(s.explanation.contains("can be forged") || s.explanation.contains("forged"));
        assert!(s.explanation.contains("absence proves nothing"));
        assert_eq!(r.verdict, Verdict::AiWatermark);
    }
}

#[test]
fn float_path_marks_are_found() {
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    for name in ["SDXL", "FLUX"] {
        let p = payload(name);
        let marked = encode_float(&base, &p.bits());
        let r = ailabel::check(&png(&marked), &Options::default());
        let sigs = watermark_signals(&r);
        assert_eq!(sigs.len(), 1, "{name}: {:?}", r.signals);
        assert_eq!(sigs[0].tool.as_deref(), Some(p.tool));
    }
}

#[test]
fn inverted_marks_are_found_and_said_so() {
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    let p = payload("SDXL");
    let inverted: Vec<bool> = p.bits().iter().map(|b| !b).collect();
    let marked = encode_u8(&to_u8(&base), &inverted);
    let r = ailabel::check(&png(&marked), &Options::default());
    let sigs = watermark_signals(&r);
    assert_eq!(sigs.len(), 1, "{:?}", r.signals);
    assert!(sigs[0].value.contains("(inverted)"));
    assert!(sigs[0].explanation.contains("bit-inverted"));
}

#[test]
fn no_decode_when_watermarks_are_off_or_over_the_pixel_limit() {
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    let marked = png(&encode_u8(&to_u8(&base), &payload("SDXL").bits()));
    let off = Options {
        watermarks: false,
        ..Options::default()
    };
    let r = ailabel::check(&marked, &off);
    assert!(watermark_signals(&r).is_empty());
    assert_eq!(r.verdict, Verdict::NoLabel);
    let mut small = Options::default();
    small.limits.max_pixels = 512 * 511;
    let r = ailabel::check(&marked, &small);
    assert!(watermark_signals(&r).is_empty());
    assert!(
        r.errors.iter().any(|e| e.message.contains("max_pixels")),
        "{:?}",
        r.errors
    );
}

#[test]
fn read_rgba_matches_read_on_the_same_pixels() {
    let base = desaturate(&noisy(512, 512, 11, Some(2.0)), 0.25);
    let marked = encode_u8(&to_u8(&base), &payload("SDXL").bits());
    let mut sink = ailabel::Sink::default();
    ailabel::watermark::read_rgba(&marked.rgba, 512, 512, &Options::default(), &mut sink);
    assert_eq!(sink.signals.len(), 1);
    let mut sink = ailabel::Sink::default();
    ailabel::watermark::read_rgba(&marked.rgba, 512, 511, &Options::default(), &mut sink);
    assert!(sink.signals.is_empty() && !sink.warnings.is_empty());
}

fn is_image(p: &std::path::Path) -> bool {
    let e = p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(e.as_str(), "jpg" | "jpeg" | "png" | "webp")
}

fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if is_image(&p) {
            out.push(p);
        }
    }
}

#[test]
fn negatives_corpus_and_unmarked_fixtures_have_zero_detections() {
    let mut best_seen = (0.0f64, String::new());
    let mut note = |name: String, img: &Img| {
        if let Some(v) = ailabel::watermark::dwtdct::Votes::scan(img.view()) {
            for r in ailabel::watermark::detect::readings(&v) {
                assert!(!r.detected, "false detection on {name}: {r:?}");
                let frac = r.agree as f64 / r.payload.len as f64;
                if frac > best_seen.0 {
                    best_seen = (
                        frac,
                        format!(
                            "{name}: {} {}/{} inverted={}",
                            r.payload.name, r.agree, r.payload.len, r.inverted
                        ),
                    );
                }
            }
        }
    };
    let mut scanned = 0;
    if let Some(dir) = common::corpus() {
        let mut files = Vec::new();
        walk(&dir, &mut files);
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let Ok(d) = image::load_from_memory(&bytes) else {
                continue;
            };
            let d = d.to_rgba8();
            let img = Img {
                w: d.width() as usize,
                h: d.height() as usize,
                rgba: d.into_raw(),
            };
            note(f.display().to_string(), &img);
            scanned += 1;
        }
        assert!(scanned >= 20, "only {scanned} corpus images decoded");
    }
    // Our own unmarked fixtures: the twins of every marked fixture, on both paths.
    for seed in [11u64, 12, 13] {
        for amp in [0.0, 2.0, 20.0] {
            let f = noisy(512, 512, seed, Some(amp));
            note(format!("natural seed {seed} amp {amp}"), &to_u8(&f));
            note(
                format!("grey seed {seed} amp {amp}"),
                &to_u8(&desaturate(&f, 0.25)),
            );
        }
    }
    let flat = Img {
        w: 256,
        h: 256,
        rgba: [90u8, 140, 200, 255].repeat(256 * 256),
    };
    note("flat".into(), &flat);
    println!(
        "negatives: {scanned} corpus images; best agreement fraction {:.3} ({})",
        best_seen.0, best_seen.1
    );
}

#[test]
fn corpus_photos_marked_with_each_payload_are_never_misattributed() {
    let Some(dir) = common::corpus() else { return };
    let mut found = 0;
    for f in [
        "c2pa-rs-fixtures/earth_apollo17.jpg",
        "c2pa-rs-fixtures/sample1.png",
        "public-testfiles/image/adobe-20220124-CAICAI.jpg",
    ] {
        let d = image::load_from_memory(&std::fs::read(dir.join(f)).unwrap())
            .unwrap()
            .to_rgba8();
        let img = Img {
            w: d.width() as usize,
            h: d.height() as usize,
            rgba: d.into_raw(),
        };
        let mut line = format!("{f} {}x{}:", img.w, img.h);
        for p in ailabel::watermark::detect::PAYLOADS {
            let marked = encode_u8(&img, &p.bits());
            let v = ailabel::watermark::dwtdct::Votes::scan(marked.view()).unwrap();
            for r in ailabel::watermark::detect::readings(&v) {
                if r.detected {
                    // A detection always names the payload that was embedded, read normally.
                    assert_eq!((r.payload.name, r.inverted), (p.name, false), "{f}");
                    found += 1;
                }
                if r.payload == p && !r.inverted {
                    line += &format!(
                        " {} {}/{}{}",
                        p.name,
                        r.agree,
                        p.len,
                        if r.detected { "*" } else { "" }
                    );
                }
            }
        }
        println!("{line}");
    }
    // imwatermark's dwtDct decodes real photos poorly even untouched (upstream issues #2, #10):
    // these photos decode to 29-36 of 48 SDXL bits, below the threshold; what must hold is
    // that nothing is ever attributed to the wrong payload or reading.
    println!("corpus photo detections: {found}");
}

#[test]
fn read_rgba_never_panics_on_mismatched_buffers() {
    let data = vec![7u8; 256 * 256 * 4];
    for (w, h) in [
        (0, 0),
        (256, 256),
        (257, 256),
        (u32::MAX, 2),
        (65536, 1),
        (1, 65536),
    ] {
        let mut sink = ailabel::Sink::default();
        ailabel::watermark::read_rgba(&data, w, h, &Options::default(), &mut sink);
        assert!(sink.signals.is_empty());
    }
}
