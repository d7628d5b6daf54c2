//! JPEG XL `brob` boxes (ISO/IEC 18181-2: a 4-byte inner box type, then Brotli) through the BMFF
//! walker: compressed `jumb`, `xml ` and `Exif` boxes are read as the plain boxes would be, and
//! hostile ones (a decompression bomb, a truncated stream, an inner type the format forbids, a
//! box too short to name one) are warnings, bounded by `Limits::max_decompressed_bytes`. The
//! expected bytes are what the files were built from. Native build only (feature `brob`); the
//! browser build's finding is checked in tests/wasm.rs.
#![cfg(feature = "brob")]

use crate::support::jumbf::{jbox, superbox};
use crate::support::jxl::{brob, brob_raw, brotli, codestream, head};
use ailabel::container::walk;
use ailabel::{Format, Limits};

fn file(middle: &[Vec<u8>]) -> Vec<u8> {
    [head(), middle.concat(), codestream()].concat()
}

fn warnings_of(bytes: &[u8], limits: &Limits) -> Vec<String> {
    walk(Format::Jxl, bytes, limits).unwrap().warnings.to_vec()
}

#[test]
fn compressed_store_xmp_and_exif_are_read() {
    let store = superbox(b"c2pa", "c2pa", &[]);
    let mut exif = 0u32.to_be_bytes().to_vec();
    exif.extend_from_slice(b"II*\0\x08\0\0\0");
    let boxes = [
        brob(b"jumb", &store[8..]),
        brob(b"xml ", b"<x:xmpmeta/>"),
        brob(b"Exif", &exif),
    ];
    let bytes = file(&boxes);
    let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(
        &*e.c2pa[0].bytes,
        store.as_slice(),
        "the jumb box, header and all"
    );
    let at = head().len() as u64;
    assert_eq!(e.c2pa[0].ranges, vec![at..at + boxes[0].len() as u64]);
    assert_eq!(e.c2pa[0].location.block, "brob jumb box");
    assert_eq!(&*e.xmp[0].bytes, b"<x:xmpmeta/>");
    assert_eq!(&*e.exif[0].bytes, b"II*\0\x08\0\0\0");
    let names: Vec<&str> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["JXL ", "ftyp", "brob", "brob", "brob", "jxlc"]);
}

#[test]
fn a_compressed_jumbf_box_that_is_not_c2pa_is_not_a_store() {
    let other = superbox(b"c2pa", "other", &[]);
    let bytes = file(&[brob(b"jumb", &other[8..])]);
    let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty());
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    // 9 MiB of zeros compress to a few hundred bytes; the default limit is 4 MiB.
    let zeros = vec![0u8; 9 * 1024 * 1024];
    let bomb = brob(b"xml ", &zeros);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let bytes = file(&[bomb]);
    let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
    assert!(e.xmp.is_empty());
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("compressed XMP box (brob)")
                && w.contains("beyond the limit of 4194304")),
        "{:?}",
        e.warnings
    );
    // The tiny limits (4096 bytes) stop a 5000-byte store; exactly 4096 bytes still read.
    let tiny = Limits::tiny();
    let w = warnings_of(&file(&[brob(b"jumb", &[0u8; 5000])]), &tiny);
    assert!(
        w.iter().any(|w| w.contains("beyond the limit of 4096")),
        "{w:?}"
    );
    let spaces = file(&[brob(b"xml ", &[b' '; 4096])]);
    let e = walk(Format::Jxl, &spaces, &tiny).unwrap();
    assert_eq!(e.xmp[0].bytes.len(), 4096);
}

#[test]
fn a_truncated_or_corrupt_stream_is_a_warning() {
    let store = superbox(b"c2pa", "c2pa", &[jbox(b"free", &[7u8; 300])]);
    let z = brotli(&store[8..]);
    for cut in [&z[..z.len() / 2], &z[..1], &[0xffu8; 16][..], &[][..]] {
        let bytes = file(&[brob_raw(b"jumb", cut)]);
        let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
        assert!(e.c2pa.is_empty());
        assert!(
            e.warnings
                .iter()
                .any(|w| w.contains("compressed C2PA box (brob)")
                    && w.contains("does not decompress")),
            "{:?}",
            e.warnings
        );
    }
}

#[test]
fn forbidden_unknown_and_short_inner_types() {
    for inner in [b"brob", b"jxlc", b"jxlp", b"ftyp", b"jbrd"] {
        let w = warnings_of(&file(&[brob(inner, b"data")]), &Limits::default());
        assert!(
            w.iter().any(|w| w.contains("may not be compressed")),
            "{inner:?}: {w:?}"
        );
    }
    // Another box type: not a label, skipped without a word.
    let other = file(&[brob(b"abcd", b"data")]);
    let e = walk(Format::Jxl, &other, &Limits::default()).unwrap();
    assert!(e.warnings.is_empty() && e.xmp.is_empty() && e.c2pa.is_empty());
    let w = warnings_of(&file(&[jbox(b"brob", b"ju")]), &Limits::default());
    assert!(w.iter().any(|w| w.contains("too short")), "{w:?}");
}

#[test]
fn a_compressed_exif_box_with_a_bad_offset_is_a_warning() {
    let mut exif = 100u32.to_be_bytes().to_vec();
    exif.extend_from_slice(b"II*\0");
    let bytes = file(&[brob(b"Exif", &exif)]);
    let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
    assert!(e.exif.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("brob Exif box")),
        "{:?}",
        e.warnings
    );
}
