//! RIFF walker on a WebP built in code with EXIF, XMP and an odd-sized C2PA chunk; expected
//! payloads and ranges follow from how the fixture is built.

use crate::support::riff::chunk;
use ailabel::container::walk;
use ailabel::{Format, Limits};

#[test]
fn webp_metadata_chunks() {
    let tiff = b"II*\0\x08\0\0\0\0\0".to_vec();
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let xmp = b"<x:xmpmeta/>";
    let store = b"\0\0\0\x0bjumbabc".to_vec(); // 11 bytes: odd, so padded
    let chunks = [
        chunk(b"VP8X", &[0x2C, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        chunk(b"VP8 ", &[1, 2, 3, 4]),
        chunk(b"EXIF", &exif),
        chunk(b"XMP ", xmp),
        chunk(b"C2PA", &store),
    ];
    let body = chunks.concat();
    let mut bytes = b"RIFF".to_vec();
    bytes.extend_from_slice(&(body.len() as u32 + 4).to_le_bytes());
    bytes.extend_from_slice(b"WEBP");
    let mut offsets = Vec::new();
    for c in &chunks {
        offsets.push(bytes.len() as u64);
        bytes.extend_from_slice(c);
    }
    offsets.push(bytes.len() as u64);

    let e = walk(Format::Webp, &bytes, &Limits::default()).unwrap();
    assert_eq!(&*e.exif[0].bytes, tiff.as_slice());
    assert_eq!(e.exif[0].ranges, vec![offsets[2]..offsets[3]]);
    assert_eq!(&*e.xmp[0].bytes, xmp.as_slice());
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, store.as_slice());
    // The store range is header and data; the segment adds the pad byte.
    assert_eq!(e.c2pa[0].ranges, vec![offsets[4]..offsets[4] + 8 + 11]);
    assert_eq!(e.segments[5].range, offsets[4]..offsets[5]);
    assert_eq!(offsets[5] - offsets[4], 8 + 11 + 1);
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["RIFF", "VP8X", "VP8 ", "EXIF", "XMP ", "C2PA"]);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn riff_bomb_is_listed_shallowly() {
    // 1000 nested LIST chunks, as in c2pa-rs's riff_bomb fixture, built here.
    let mut inner = chunk(b"INAM", b"x");
    for _ in 0..1000 {
        let mut data = b"INFO".to_vec();
        data.extend_from_slice(&inner);
        inner = chunk(b"LIST", &data);
    }
    let mut bytes = b"RIFF".to_vec();
    bytes.extend_from_slice(&(inner.len() as u32 + 4).to_le_bytes());
    bytes.extend_from_slice(b"WAVE");
    bytes.extend_from_slice(&inner);
    let e = walk(Format::Riff, &bytes, &Limits::default()).unwrap();
    assert_eq!(e.segments.len(), 2);
}
