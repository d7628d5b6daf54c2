//! Unit tests for the JPEG walker, on JPEGs built byte by byte.

#![allow(clippy::as_conversions)]

use super::*;

fn seg(m: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, m];
    v.extend_from_slice(&u16::try_from(body.len() + 2).unwrap().to_be_bytes());
    v.extend_from_slice(body);
    v
}

fn jpeg(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    for p in parts {
        v.extend_from_slice(p);
    }
    v
}

fn names(e: &Embedded<'_>) -> Vec<String> {
    e.segments.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn walks_segments_through_scan_and_after() {
    let sos = seg(0xDA, &[1, 1, 0, 0, 63, 0]);
    // Entropy data with a stuffed byte, a restart marker and fill bytes.
    let entropy = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
    let com = seg(0xFE, b"hello");
    let mut parts = vec![
        seg(0xE0, b"JFIF\0\x01\x02"),
        seg(0xDB, &[0; 5]),
        sos.clone(),
    ];
    parts.push(entropy.to_vec());
    parts.push(vec![0xFF, 0xFF]); // fill before the next marker
    parts.push(com.clone());
    parts.push(vec![0xFF, 0xD9]);
    let b = jpeg(&parts);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(names(&e), ["SOI", "APP0", "DQT", "SOS", "COM", "EOI"]);
    let sos_seg = e.segments.get(3).unwrap();
    let sos_start = 2 + 11 + 9;
    assert_eq!(sos_seg.range, sos_start..sos_start + 10 + 7);
    // The fill bytes belong to the COM segment.
    let com_seg = e.segments.get(4).unwrap();
    assert_eq!(
        com_seg.range.end - com_seg.range.start,
        2 + com.len() as u64
    );
    assert_eq!(e.segments.last().unwrap().range.end, b.len() as u64);
    assert_eq!(e.text.len(), 1);
    assert_eq!(e.text.first().unwrap().value, "hello");
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn truncated_before_scan_is_an_error_after_is_a_warning() {
    let b = jpeg(&[seg(0xE0, b"JFIF\0")]);
    assert!(walk(&b, &Limits::default()).is_err());
    let cut = &b[..b.len() - 2];
    assert!(walk(cut, &Limits::default()).is_err());
    assert!(walk(b"\xFF\xD9", &Limits::default()).is_err());
    let b = jpeg(&[seg(0xDA, &[0; 4]), vec![1, 2, 3]]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(names(&e), ["SOI", "SOS"]);
    assert_eq!(e.segments.last().unwrap().range.end, b.len() as u64);
    assert!(e.warnings.iter().any(|w| w.contains("without an EOI")));
}

#[test]
fn bad_segment_length_is_an_error() {
    let b = jpeg(&[vec![0xFF, 0xE1, 0x00, 0x01]]);
    let err = walk(&b, &Limits::default()).unwrap_err();
    assert!(err.message().contains("at least 2"), "{}", err.message());
}

#[test]
fn segment_count_is_bounded() {
    let mut parts = Vec::new();
    for _ in 0..100 {
        parts.push(seg(0xE5, b""));
    }
    let b = jpeg(&parts);
    let err = walk(&b, &Limits::tiny()).unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::LimitExceeded);
}

#[test]
fn exif_and_xmp_are_borrowed_with_ranges() {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(b"MM\0*\0\0\0\x08");
    let mut xmp = XMP_PREFIX.to_vec();
    xmp.extend_from_slice(b"<x:xmpmeta/>");
    let b = jpeg(&[seg(0xE1, &exif), seg(0xE1, &xmp), vec![0xFF, 0xD9]]);
    let e = walk(&b, &Limits::default()).unwrap();
    let ex = e.exif.first().unwrap();
    assert_eq!(&*ex.bytes, b"MM\0*\0\0\0\x08");
    assert_eq!(ex.ranges, vec![2..2 + 4 + 14]);
    assert_eq!(ex.location.offset, Some(2 + 4 + 6));
    let x = e.xmp.first().unwrap();
    assert_eq!(&*x.bytes, b"<x:xmpmeta/>");
    assert!(matches!(x.bytes, Cow::Borrowed(_)));
}

#[test]
fn marker_names_follow_t81() {
    assert_eq!(marker_name(0xC0), "SOF0");
    assert_eq!(marker_name(0xC2), "SOF2");
    assert_eq!(marker_name(0xC4), "DHT");
    assert_eq!(marker_name(0xEB), "APP11");
    assert_eq!(marker_name(0xD3), "RST3");
    assert_eq!(marker_name(0x02), "FF02");
}

#[test]
fn first_ff_finds_what_a_byte_search_finds() {
    let mut data: Vec<u8> = (0..64u32).map(|i| (i * 37 % 255) as u8).collect();
    for at in 0..data.len() {
        for len in 0..data.len() - at {
            let s = &data[at..at + len];
            assert_eq!(first_ff(s), s.iter().position(|&b| b == 0xFF), "{at} {len}");
        }
    }
    for ff in [0, 7, 8, 13, 40, 63] {
        data[ff] = 0xFF;
        for at in 0..data.len() {
            let s = &data[at..];
            assert_eq!(first_ff(s), s.iter().position(|&b| b == 0xFF), "{ff} {at}");
        }
    }
    // Bytes next to 0xFF that a carry could confuse.
    let near = [0xFE, 0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFE, 0xFE, 0xFE, 0xFF];
    assert_eq!(first_ff(&near), Some(9));
}

#[test]
fn a_frame_of_no_lines_or_no_samples_is_damage() {
    // SOF0 body (T.81 B.2.2): P, Y (lines), X (samples per line), Nf, then one component.
    let sof = |m: u8, y: u16, x: u16| {
        let mut b = vec![8];
        b.extend_from_slice(&y.to_be_bytes());
        b.extend_from_slice(&x.to_be_bytes());
        b.extend_from_slice(&[1, 1, 0x11, 0]);
        seg(m, &b)
    };
    let damage = |frame: Vec<u8>| {
        let b = jpeg(&[frame, seg(0xDA, &[1, 1, 0, 0, 63, 0]), vec![0xFF, 0xD9]]);
        walk(&b, &Limits::default()).unwrap().damage
    };
    assert_eq!(damage(sof(0xC0, 16, 16)), None);
    assert_eq!(damage(sof(0xC2, 1, 65535)), None);
    for (y, x) in [(0, 16), (16, 0), (0, 0)] {
        let d = damage(sof(0xC0, y, x)).unwrap();
        assert!(d.contains("frame header (T.81 B.2.2)"), "{y}×{x}: {d}");
    }
    // Every SOFn (progressive, lossless, arithmetic), not DHT (C4), JPG (C8) or DAC (CC).
    for m in [0xC1, 0xC3, 0xC5, 0xC7, 0xC9, 0xCB, 0xCD, 0xCF] {
        assert!(damage(sof(m, 0, 8)).is_some(), "SOF 0x{m:02x}");
    }
    for m in [0xC4, 0xC8, 0xCC] {
        assert_eq!(damage(seg(m, &[8, 0, 0, 0, 0])), None, "0x{m:02x}");
    }
    // A frame header cut short.
    assert!(damage(seg(0xC0, &[8, 0, 16])).is_some());
}

/// Where entropy-coded data `data` ends, byte by byte (T.81 B.1.1.5): the offset of the first
/// 0xFF of the run before a byte that is neither 0x00 nor a restart marker; `None` if none.
fn entropy_end_byte_by_byte(data: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < data.len() && data[j] == 0xFF {
            j += 1;
        }
        match data.get(j)? {
            0x00 | 0xD0..=0xD7 => i = j + 1,
            _ => return Some(i),
        }
    }
    None
}

#[test]
fn a_long_scan_ends_where_a_byte_by_byte_search_ends() {
    // 224 KiB of entropy-coded data with stuffed bytes, restart markers and fill runs (some
    // across the 8-byte words `first_ff` reads), then fill and a COM marker.
    let w: usize = 1 << 16;
    let mut data: Vec<u8> = (0..w * 7 / 2)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Every 0xFF of the noise a stuffed byte.
    for i in 0..data.len() - 1 {
        if data[i] == 0xFF {
            data[i + 1] = 0x00;
        }
    }
    let put = |data: &mut Vec<u8>, at: usize, bytes: &[u8]| {
        data[at..at + bytes.len()].copy_from_slice(bytes);
    };
    put(&mut data, w - 1, &[0xFF, 0x00, 0x11]);
    put(&mut data, 2 * w - 2, &[0xFF, 0xFF, 0xD3, 0x22]);
    put(&mut data, 2 * w + 5, &[0xFF, 0xFF, 0xFF, 0x00, 0x33]);
    put(&mut data, 3 * w - 1, &[0xFF, 0xD7, 0x44]);
    let tail = data.len() - 3;
    put(&mut data, tail, &[0x55, 0xFF, 0xFF]); // fill running into the COM marker
    let end = entropy_end_byte_by_byte(&[data.as_slice(), &[0xFF, 0xFE]].concat());
    assert_eq!(end, Some(data.len() - 2), "the fill run before COM");
    let sos = seg(0xDA, &[1, 1, 0, 0, 63, 0]);
    let com = seg(0xFE, b"x");
    let b = jpeg(&[sos.clone(), data.clone(), com, vec![0xFF, 0xD9]]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(names(&e), ["SOI", "SOS", "COM", "EOI"]);
    let scan_start = 2 + sos.len() as u64;
    assert_eq!(
        e.segments[1].range.end,
        scan_start + (data.len() - 2) as u64
    );
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);

    // The same data cut short, and cut after a lone 0xFF at the end: no marker.
    for cut in [w + 10, data.len() - 1] {
        let part = &data[..cut];
        assert_eq!(entropy_end_byte_by_byte(part), None);
        let b = jpeg(&[sos.clone(), part.to_vec()]);
        let e = walk(&b, &Limits::default()).unwrap();
        assert_eq!(names(&e), ["SOI", "SOS"], "cut at {cut}");
        assert_eq!(e.segments[1].range.end, b.len() as u64, "cut at {cut}");
    }
}
