//! JPEG walker on JPEGs built in code: APP1 EXIF, XMP, Extended XMP and a multi-segment APP11
//! C2PA store; the expected payloads and ranges follow from how each fixture is built.

use ailabel::container::{jpeg, walk};
use ailabel::{Format, Limits};

fn seg(m: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, m];
    v.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
    v.extend_from_slice(body);
    v
}

/// A JUMBF superbox labelled `label` holding one `json` content box of `n` bytes.
fn store(label: &str, n: usize) -> Vec<u8> {
    let mut jumd = Vec::new();
    jumd.extend_from_slice(b"c2pa\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71");
    jumd.push(0x03);
    jumd.extend_from_slice(label.as_bytes());
    jumd.push(0);
    let mut body = ((jumd.len() + 8) as u32).to_be_bytes().to_vec();
    body.extend_from_slice(b"jumd");
    body.extend_from_slice(&jumd);
    body.extend_from_slice(&((n + 8) as u32).to_be_bytes());
    body.extend_from_slice(b"json");
    body.extend((0..n).map(|i| (i % 251) as u8));
    let mut s = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    s.extend_from_slice(b"jumb");
    s.extend_from_slice(&body);
    s
}

/// Split `store` into APP11 segments per ISO 19566-5 D.2 with `chunk` payload bytes each.
fn app11_segments(store: &[u8], en: u16, chunk: usize) -> Vec<Vec<u8>> {
    let header = &store[..8];
    let payload = &store[8..];
    payload
        .chunks(chunk)
        .enumerate()
        .map(|(i, piece)| {
            let mut c = b"JP".to_vec();
            c.extend_from_slice(&en.to_be_bytes());
            c.extend_from_slice(&(i as u32 + 1).to_be_bytes());
            c.extend_from_slice(header);
            c.extend_from_slice(piece);
            seg(0xEB, &c)
        })
        .collect()
}

struct Built {
    bytes: Vec<u8>,
    /// Start offset of each part pushed after SOI.
    offsets: Vec<u64>,
}

fn build(parts: &[Vec<u8>]) -> Built {
    let mut bytes = vec![0xFF, 0xD8];
    let mut offsets = Vec::new();
    for p in parts {
        offsets.push(bytes.len() as u64);
        bytes.extend_from_slice(p);
    }
    Built { bytes, offsets }
}

fn ext_xmp(guid: &[u8; 32], total: u32, offset: u32, data: &[u8]) -> Vec<u8> {
    let mut b = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
    b.extend_from_slice(guid);
    b.extend_from_slice(&total.to_be_bytes());
    b.extend_from_slice(&offset.to_be_bytes());
    b.extend_from_slice(data);
    seg(0xE1, &b)
}

#[test]
fn full_fixture_payloads_and_ranges() {
    let c2pa = store("c2pa", 300);
    let app11 = app11_segments(&c2pa, 0x0211, 100);
    assert_eq!(app11.len(), 4);
    let other = store("other", 10);
    let other_app11 = app11_segments(&other, 7, 1000);
    let exif_tiff = b"II*\0\x08\0\0\0\0\0".to_vec();
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff);
    let main_xmp = b"<x:xmpmeta xmpNote:HasExtendedXMP=\"GUID\"/>";
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(main_xmp);
    let guid = b"0123456789ABCDEF0123456789ABCDEF";
    let ext_packet: Vec<u8> = (0..150u8).collect();

    let mut parts = vec![seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")];
    parts.push(seg(0xE1, &exif));
    parts.push(seg(0xE1, &xmp));
    parts.push(ext_xmp(guid, 150, 100, &ext_packet[100..]));
    parts.push(ext_xmp(guid, 150, 0, &ext_packet[..100]));
    parts.extend(app11.iter().cloned());
    parts.extend(other_app11.iter().cloned());
    parts.push(seg(0xFE, b"made by hand"));
    parts.push(seg(0xDB, &[0; 65]));
    parts.push(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    parts.push(seg(0xDA, &[1, 1, 0, 0, 63, 0]));
    parts.push(vec![0x00, 0xFF, 0x00, 0x55]);
    parts.push(vec![0xFF, 0xD9]);
    let b = build(&parts);

    let e = walk(Format::Jpeg, &b.bytes, &Limits::default()).unwrap();
    // EXIF: "Exif\0\0" stripped, range = the whole APP1 segment.
    assert_eq!(e.exif.len(), 1);
    assert_eq!(&*e.exif[0].bytes, exif_tiff.as_slice());
    let r1 = b.offsets[1]..b.offsets[2];
    assert_eq!(e.exif[0].ranges, vec![r1]);
    // XMP main packet then the joined extended packet.
    assert_eq!(e.xmp.len(), 2);
    assert_eq!(&*e.xmp[0].bytes, main_xmp.as_slice());
    assert_eq!(&*e.xmp[1].bytes, ext_packet.as_slice());
    assert_eq!(
        e.xmp[1].ranges,
        vec![b.offsets[3]..b.offsets[4], b.offsets[4]..b.offsets[5]]
    );
    // The c2pa store, reassembled; the "other" JUMBF box is not a C2PA store.
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, c2pa.as_slice());
    let expected: Vec<_> = (5..9).map(|i| b.offsets[i]..b.offsets[i + 1]).collect();
    assert_eq!(e.c2pa[0].ranges, expected);
    assert_eq!(e.c2pa[0].location.offset, Some(b.offsets[5]));
    // Comment.
    assert_eq!(e.text.len(), 1);
    assert_eq!(e.text[0].key, "");
    assert_eq!(e.text[0].value, "made by hand");
    // Segments in order, covering the file without gaps.
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "SOI", "APP0", "APP1", "APP1", "APP1", "APP1", "APP11", "APP11", "APP11", "APP11",
            "APP11", "COM", "DQT", "SOF0", "SOS", "EOI"
        ]
    );
    let mut at = 0;
    for s in &e.segments {
        assert_eq!(s.range.start, at, "gap before {}", s.name);
        at = s.range.end;
    }
    assert_eq!(at, b.bytes.len() as u64);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn single_segment_store_and_out_of_order_packets() {
    let c2pa = store("c2pa", 50);
    let mut segs = app11_segments(&c2pa, 1, 1000);
    assert_eq!(segs.len(), 1);
    let b = build(&[segs.remove(0), seg(0xDA, &[0; 4]), vec![0xFF, 0xD9]]);
    let e = jpeg::walk(&b.bytes, &Limits::default()).unwrap();
    assert_eq!(&*e.c2pa[0].bytes, c2pa.as_slice());
    assert_eq!(e.c2pa[0].ranges, vec![b.offsets[0]..b.offsets[1]]);

    // Packet 3 before packet 2: a warning, and the store stays incomplete (size mismatch).
    let segs = app11_segments(&c2pa, 1, 40);
    let b = build(&[
        segs[0].clone(),
        segs[2].clone(),
        seg(0xDA, &[0; 4]),
        vec![0xFF, 0xD9],
    ]);
    let e = jpeg::walk(&b.bytes, &Limits::default()).unwrap();
    assert!(
        e.warnings.iter().any(|w| w.contains("found packet 3")),
        "{:?}",
        e.warnings
    );
    assert!(
        e.warnings.iter().any(|w| w.contains("declares")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn store_over_the_metadata_limit_is_an_error() {
    let c2pa = store("c2pa", 5000);
    let mut parts = app11_segments(&c2pa, 1, 1000);
    parts.push(vec![0xFF, 0xD9]);
    let b = build(&parts);
    let limits = Limits {
        max_metadata_bytes: 2048,
        ..Limits::default()
    };
    let err = jpeg::walk(&b.bytes, &limits).unwrap_err();
    assert_eq!(err.kind(), ailabel::ErrorKind::LimitExceeded);
}

#[test]
fn app11_after_the_scan_is_still_found() {
    let c2pa = store("c2pa", 30);
    let mut parts = vec![seg(0xDA, &[0; 4]), vec![1, 2, 3]];
    parts.extend(app11_segments(&c2pa, 1, 1000));
    parts.push(vec![0xFF, 0xD9]);
    let b = build(&parts);
    let e = jpeg::walk(&b.bytes, &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(e.c2pa[0].ranges, vec![b.offsets[2]..b.offsets[3]]);
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["SOI", "SOS", "APP11", "EOI"]);
}

#[test]
fn app11_stores_past_max_stores_are_counted_and_named_in_one_warning() {
    // Three C2PA stores in APP11 (box instances 1, 2, 3), one segment each.
    let mut parts = Vec::new();
    for en in 1..=3 {
        parts.extend(app11_segments(&store("c2pa", 20), en, 1000));
    }
    parts.push(vec![0xFF, 0xD9]);
    let b = build(&parts);
    let all = walk(Format::Jpeg, &b.bytes, &Limits::default()).unwrap();
    assert_eq!((all.c2pa.len(), all.skipped_stores), (3, 0));

    let limits = Limits {
        max_stores: 1,
        ..Limits::default()
    };
    let e = walk(Format::Jpeg, &b.bytes, &limits).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(e.c2pa[0].ranges, vec![b.offsets[0]..b.offsets[1]]);
    assert_eq!(e.skipped_stores, 2);
    let lines: Vec<String> = e.warnings.lines().collect();
    assert_eq!(
        lines,
        ["2 C2PA manifest stores after the first 1 were not read (max_stores)"]
    );
}
