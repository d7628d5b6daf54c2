//! The fuzzing facade: one function per fuzz target, each taking arbitrary bytes, so that the
//! cargo-fuzz targets in `fuzz/` and the stable replay test (`tests/it/fuzz.rs`) run exactly the
//! same code. Not a stable API (hidden from the docs); see `FUZZING.md`.
//!
//! Every function here must return for any input without panicking, and within the bounds of
//! [`Limits`]: that is the property the fuzzer checks. The internal entry points are reached
//! through the step modules the crate already exposes; nothing is made public for fuzzing alone.

use crate::c2pa;
use crate::container;
use crate::labels;
use crate::limits::Limits;
use crate::options::Options;
use crate::pipeline;
use crate::signal::Sink;
use crate::sniff::Format;
use crate::watermark;

/// A fixed verification time (2026-11-28T12:00:00Z, the day of the reference results), so that a
/// run does not depend on the clock.
pub const VERIFY_TIME: i64 = 1_795_867_200;

/// One fuzz target: its name (the file name in `fuzz/fuzz_targets/` and the corpus folder) and
/// its body.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The target's name.
    pub name: &'static str,
    /// Run the target on one input.
    pub run: fn(&[u8]),
}

/// Every target the crate itself can run. The structure-aware target (`resign`) is not here: it
/// needs the test PKI, which lives with the tests.
pub const TARGETS: &[Target] = &[
    Target {
        name: "check",
        run: check,
    },
    Target {
        name: "check_text",
        run: check_text,
    },
    Target {
        name: "read_rgba",
        run: read_rgba,
    },
    Target {
        name: "walk_jpeg",
        run: walk_jpeg,
    },
    Target {
        name: "walk_png",
        run: walk_png,
    },
    Target {
        name: "walk_riff",
        run: walk_riff,
    },
    Target {
        name: "walk_bmff",
        run: walk_bmff,
    },
    Target {
        name: "walk_gif",
        run: walk_gif,
    },
    Target {
        name: "walk_tiff",
        run: walk_tiff,
    },
    Target {
        name: "walk_text",
        run: walk_text,
    },
    Target {
        name: "walk_pdf",
        run: walk_pdf,
    },
    Target {
        name: "walk_mp3",
        run: walk_mp3,
    },
    Target {
        name: "walk_svg",
        run: walk_svg,
    },
    Target {
        name: "cbor",
        run: cbor,
    },
    Target {
        name: "jumbf",
        run: jumbf,
    },
    Target {
        name: "cose",
        run: cose,
    },
    Target {
        name: "x509_chain",
        run: x509_chain,
    },
    Target {
        name: "xmp",
        run: xmp,
    },
    Target {
        name: "tiff_ifd",
        run: tiff_ifd,
    },
    Target {
        name: "html",
        run: html,
    },
    Target {
        name: "structured_fields",
        run: structured_fields,
    },
];

/// The options every target uses: the defaults (watermarks on) at [`VERIFY_TIME`].
pub fn options() -> Options {
    Options {
        verify_time: Some(VERIFY_TIME),
        ..Options::default()
    }
}

/// `check`: bytes → report, watermarks on, the whole pipeline.
pub fn check(data: &[u8]) {
    let report = pipeline::check(data, &options());
    let _ = serde_json::to_string(&report);
}

/// `check_text`: the bytes as (lossy) UTF-8 text or HTML.
pub fn check_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = pipeline::check_text(&text, &options());
}

/// `watermark::read_rgba` with arbitrary dimensions: the first four bytes are the width and the
/// height (u16 each, big-endian), the rest the samples. A length that does not match is the
/// warning path; the samples are also scanned at the largest size they fill exactly.
pub fn read_rgba(data: &[u8]) {
    let (Some(dims), Some(rgba)) = (data.get(..4), data.get(4..)) else {
        return;
    };
    let w = u32::from(u16::from_be_bytes([
        dims.first().copied().unwrap_or(0),
        dims.get(1).copied().unwrap_or(0),
    ]));
    let h = u32::from(u16::from_be_bytes([
        dims.get(2).copied().unwrap_or(0),
        dims.get(3).copied().unwrap_or(0),
    ]));
    let opts = options();
    let mut sink = Sink::default();
    watermark::read_rgba(rgba, w, h, &opts, &mut sink);
    // The same samples at a size they fill: `w` columns (at least 1), as many rows as fit.
    let cols = w.max(1);
    let row = u64::from(cols).saturating_mul(4);
    let rows = crate::bytes::to_u64(rgba.len())
        .checked_div(row)
        .unwrap_or(0);
    let (Ok(rows32), Ok(used)) = (
        u32::try_from(rows),
        usize::try_from(rows.saturating_mul(row)),
    ) else {
        return;
    };
    if let Some(exact) = rgba.get(..used) {
        watermark::read_rgba(exact, cols, rows32, &opts, &mut sink);
    }
}

/// Walk `data` as `format`, then run the unsigned label readers over what the walk found.
fn walk_as(format: Format, data: &[u8]) {
    let limits = Limits::default();
    if let Ok(embedded) = container::walk(format, data, &limits) {
        let mut sink = Sink::default();
        labels::image::read(&embedded, &limits, &mut sink);
        labels::text::read(
            &embedded,
            &limits,
            &[],
            &crate::crypto::rust::RustCrypto,
            &mut sink,
        );
    }
}

/// The JPEG walker.
pub fn walk_jpeg(data: &[u8]) {
    walk_as(Format::Jpeg, data);
}

/// The PNG walker.
pub fn walk_png(data: &[u8]) {
    walk_as(Format::Png, data);
}

/// The RIFF (WebP) walker.
pub fn walk_riff(data: &[u8]) {
    walk_as(Format::Webp, data);
}

/// The ISO BMFF walker (AVIF, HEIF, MP4, JPEG XL).
pub fn walk_bmff(data: &[u8]) {
    walk_as(Format::Avif, data);
}

/// The GIF walker.
pub fn walk_gif(data: &[u8]) {
    walk_as(Format::Gif, data);
}

/// The TIFF walker.
pub fn walk_tiff(data: &[u8]) {
    walk_as(Format::Tiff, data);
}

/// The plain-text walker (decoding, the C2PA text wrapper and structured blocks).
pub fn walk_text(data: &[u8]) {
    walk_as(Format::Text, data);
}

/// The PDF walker (objects, object streams, the metadata stream and the C2PA attachment).
pub fn walk_pdf(data: &[u8]) {
    walk_as(Format::Pdf, data);
}

/// The MP3 walker (ID3v2 frames, the C2PA `GEOB` frame, MPEG frames).
pub fn walk_mp3(data: &[u8]) {
    walk_as(Format::Mp3, data);
}

/// The SVG walker (the XML document, its `metadata` and the C2PA manifest element).
pub fn walk_svg(data: &[u8]) {
    walk_as(Format::Svg, data);
}

/// The CBOR reader, and the JSON view of what it read.
pub fn cbor(data: &[u8]) {
    let limits = Limits::default();
    let budget = crate::limits::C2paBudget::new(&limits);
    if let Ok(v) = c2pa::cbor::decode(data, &budget) {
        let _ = v.to_json(&mut { usize::MAX });
    }
    let _ = c2pa::cbor::decode_prefix(data, &budget);
}

/// JUMBF: a manifest store's superbox, its manifests, claims and assertions.
pub fn jumbf(data: &[u8]) {
    let limits = Limits::default();
    let Ok(store) = c2pa::jumbf::parse_superbox(data, &limits) else {
        return;
    };
    for m in c2pa::store::manifests(&store) {
        let _ = m.claim();
        let _ = m.claim_count();
        let _ = m.signature_box();
        if let Some(a) = m.assertion_store() {
            for child in a.supers() {
                let _ = child.c2pa_type();
                let _ = child.data().count();
            }
        }
    }
}

/// COSE: parse a `COSE_Sign1` and verify it as a claim signature over fixed claim bytes
/// (certificate profile, timestamps, OCSP), with no trust anchors.
pub fn cose(data: &[u8]) {
    let limits = Limits::default();
    let _ = c2pa::cose::parse(data, &crate::limits::C2paBudget::new(&limits));
    let trust = c2pa::trust::Trust::default();
    let _ = c2pa::signature::verify_claim_signature(
        data,
        b"fuzz claim",
        &trust,
        Some(VERIFY_TIME),
        &limits,
    );
}

/// The X.509 chain builder, with the default signature budget. The first byte says how many of
/// the certificates that follow (DER, back to back) are anchors (the last ones, 0 to 3); the
/// first certificate is the end entity and the others are intermediates.
pub fn x509_chain(data: &[u8]) {
    use c2pa::x509::{chain, profile, Budget, Cert};
    let Some((&first, mut rest)) = data.split_first() else {
        return;
    };
    let mut certs = Vec::new();
    while certs.len() < 32 {
        let Some((tlv, _, after)) = c2pa::x509::der_tlv(rest) else {
            break;
        };
        if let Some(c) = Cert::parse(tlv) {
            let _ = c.summary(&crate::crypto::rust::RustCrypto);
            certs.push(c);
        }
        rest = after;
    }
    let Some((ee, others)) = certs.split_first() else {
        return;
    };
    let _ = profile::check_end_entity(ee, &profile::DEFAULT_EKUS, VERIFY_TIME);
    let n_anchors = usize::from(first % 4).min(others.len());
    let split = others.len().saturating_sub(n_anchors);
    let (intermediates, anchors) = others.split_at(split);
    let limits = Limits::default();
    let mut budget = Budget::new(&limits);
    let crypto = crate::crypto::rust::RustCrypto;
    let intermediates: Vec<&Cert> = intermediates.iter().collect();
    let _ = chain::build(
        &crypto,
        ee,
        &intermediates,
        anchors,
        VERIFY_TIME,
        &mut budget,
    );
}

/// XMP: the packet parser and the IPTC/XMP label reader over it.
pub fn xmp(data: &[u8]) {
    let limits = Limits::default();
    let packet = labels::image::xmp::parse(data, &limits);
    let _ = packet
        .values("http://ns.adobe.com/xap/1.0/", "CreatorTool")
        .count();
}

/// The TIFF IFD walker (also used for EXIF blocks), at offset 0 and at a non-zero base.
pub fn tiff_ifd(data: &[u8]) {
    let limits = Limits::default();
    let _ = container::tiff::read_entries(data, 0, &limits);
    let _ = container::tiff::read_entries(data, 1 << 40, &limits);
}

/// The HTML scanner (the HTML walker) and the HTML label readers over what it found.
pub fn html(data: &[u8]) {
    walk_as(Format::Html, data);
}

/// RFC 9651 structured fields: the `AI-Disclosure` header dictionary and its reader.
pub fn structured_fields(data: &[u8]) {
    let value = String::from_utf8_lossy(data);
    let _ = labels::text::header::parse_dictionary(&value);
    let mut sink = Sink::default();
    labels::text::read_ai_disclosure_header(&value, &mut sink);
}
