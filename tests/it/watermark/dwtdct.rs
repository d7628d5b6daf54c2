//! dwtDct detection end to end: fixtures marked by the test encoder with each payload, through
//! `ailabel::check`, and negatives: every real image of `tests/fixtures` and our own unmarked fixtures.

use crate::support::fixtures;
use crate::support::payloads::{payload, PUBLISHED};
use crate::support::watermark::*;
use ailabel::{Family, Options, Strength, Verdict};

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
    for p in PUBLISHED {
        let marked = encode_u8(&to_u8(&base), &p.bits());
        let r = ailabel::check(&png(&marked), &Options::default());
        let sigs = watermark_signals(&r);
        // Every payload decodes whole from this image, so each fires, SD 2.x included (it
        // needs all 32 of its bits: no shorter tail is below its share of the budget).
        assert_eq!(sigs.len(), 1, "{}: {:?}", p.name, r.signals);
        let s = sigs[0];
        assert_eq!(s.strength, Strength::Watermark);
        assert_eq!(s.tool.as_deref(), Some(p.tool));
        assert!(s.value.contains(&p.hex()), "{}", s.value);
        assert!(
            s.value.contains(&format!("{0}/{0} bits agree", p.len())),
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

#[test]
fn negatives_real_images_and_unmarked_fixtures_have_zero_detections() {
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
    for f in fixtures::sample_files() {
        // tests/fixtures/watermark/ holds marked images made by the test encoder (positives).
        if f.starts_with(fixtures::fixtures().join("watermark")) {
            continue;
        }
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
    assert!(scanned >= 20, "only {scanned} real images decoded");
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
        "negatives: {scanned} real images; best agreement fraction {:.3} ({})",
        best_seen.0, best_seen.1
    );
}

#[test]
fn real_photos_marked_with_each_payload_are_never_misattributed() {
    let mut found = 0;
    for f in [
        "containers/jpeg/earth_apollo17.jpg",
        "containers/png/sample1.png",
        "c2pa/chains/adobe-20220124-CAICAI.jpg",
    ] {
        let d = image::load_from_memory(&fixtures::read(f))
            .unwrap()
            .to_rgba8();
        let img = Img {
            w: d.width() as usize,
            h: d.height() as usize,
            rgba: d.into_raw(),
        };
        let mut line = format!("{f} {}x{}:", img.w, img.h);
        for p in PUBLISHED {
            let marked = encode_u8(&img, &p.bits());
            let v = ailabel::watermark::dwtdct::Votes::scan(marked.view()).unwrap();
            for r in ailabel::watermark::detect::readings(&v) {
                if r.detected {
                    // A detection always names the payload that was embedded, read normally.
                    assert_eq!((r.payload.name, r.inverted), (p.name, false), "{f}");
                    found += 1;
                }
                if r.payload.name == p.name && !r.inverted {
                    // The mark pulls the decode towards its payload: at least half the bits.
                    assert!(2 * r.agree >= p.len(), "{f} {}: {}", p.name, r.agree);
                    line += &format!(
                        " {} {}/{}{}",
                        p.name,
                        r.agree,
                        p.len(),
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
    println!("real photo detections: {found}");
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
