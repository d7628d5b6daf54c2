//! Unit tests for the BMFF walker on boxes built in code.

use super::*;

fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = u32::try_from(body.len() + 8)
        .unwrap()
        .to_be_bytes()
        .to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    v
}

#[test]
fn nested_moov_is_depth_limited() {
    let mut b = bx(b"free", b"");
    for _ in 0..1000 {
        b = bx(b"moov", &b);
    }
    let mut file = bx(b"ftyp", b"isom\0\0\0\0");
    file.extend_from_slice(&b);
    let err = walk(&file, &Limits::default()).unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::LimitExceeded);
    assert!(err.message().contains("depth"), "{}", err.message());
}

#[test]
fn quicktime_xmp_box_in_udta() {
    let xmp = bx(b"XMP_", b"<x/>");
    let moov = bx(b"moov", &bx(b"udta", &xmp));
    let mut file = bx(b"ftyp", b"qt  \0\0\0\0");
    file.extend_from_slice(&moov);
    let e = walk(&file, &Limits::default()).unwrap();
    assert_eq!(&*e.xmp.first().unwrap().bytes, b"<x/>");
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ftyp", "moov"]);
}

#[test]
fn box_count_is_bounded() {
    let mut file = Vec::new();
    for _ in 0..100 {
        file.extend_from_slice(&bx(b"free", b""));
    }
    assert_eq!(
        walk(&file, &Limits::tiny()).unwrap_err().kind(),
        crate::error::ErrorKind::LimitExceeded
    );
}

#[test]
fn c2pa_uuid_other_purpose_is_not_a_store() {
    let mut body = C2PA_UUID.to_vec();
    body.extend_from_slice(&[0, 0, 0, 0]);
    body.extend_from_slice(b"merkle\0");
    body.extend_from_slice(b"cbor");
    let file = bx(b"uuid", &body);
    let e = walk(&file, &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty());
}

#[test]
fn unreadable_item_table_is_a_warning() {
    // iloc version 7 is unknown: the items are lost, the walk goes on.
    let mut meta = vec![0, 0, 0, 0];
    let mut iinf = vec![0, 0, 0, 0, 0, 1];
    iinf.extend(bx(b"infe", b"\x02\0\0\0\0\x01\0\0Exifx\0"));
    meta.extend(bx(b"iinf", &iinf));
    meta.extend(bx(b"iloc", &[7, 0, 0, 0, 0x44, 0, 0, 0]));
    let mut file = bx(b"ftyp", b"avif\0\0\0\0");
    file.extend(bx(b"meta", &meta));
    file.extend(bx(b"mdat", b""));
    let e = walk(&file, &Limits::default()).unwrap();
    assert_eq!(e.segments.len(), 3);
    assert!(e.exif.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("found 7")),
        "{:?}",
        e.warnings
    );
}
