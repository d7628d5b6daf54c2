//! Unit tests of the IFD reader.

use super::*;

/// A little-endian classic TIFF with IFD0 {Software (ASCII at an offset), ExifIFD pointer}
/// and an Exif IFD {UserComment}.
fn sample() -> Vec<u8> {
    let mut b = b"II*\0".to_vec();
    b.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: 2 entries -> 2 + 24 + 4 = 30 bytes, ends at 38.
    b.extend_from_slice(&2u16.to_le_bytes());
    let software = b"NovelAI\0";
    b.extend_from_slice(&0x0131u16.to_le_bytes());
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&8u32.to_le_bytes());
    b.extend_from_slice(&38u32.to_le_bytes());
    b.extend_from_slice(&0x8769u16.to_le_bytes());
    b.extend_from_slice(&4u16.to_le_bytes());
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&46u32.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(software); // 38..46
                                   // Exif IFD at 46: one inline entry.
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&0x9286u16.to_le_bytes());
    b.extend_from_slice(&7u16.to_le_bytes());
    b.extend_from_slice(&4u32.to_le_bytes());
    b.extend_from_slice(b"abcd");
    b.extend_from_slice(&0u32.to_le_bytes());
    b
}

#[test]
fn reads_ifd0_and_exif_ifd() {
    let b = sample();
    let t = read_entries(&b, 100, &Limits::default()).unwrap();
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    let sw = t.find(IfdKind::Main, 0x0131).unwrap();
    assert_eq!(sw.text(), "NovelAI");
    assert_eq!(sw.offset, 138);
    let uc = t.find(IfdKind::Exif, 0x9286).unwrap();
    assert_eq!(uc.value, b"abcd");
    assert_eq!(uc.offset, 100 + 46 + 2 + 8);
}

#[test]
fn loops_end() {
    let mut b = sample();
    // Next-IFD offset of IFD0 (at 8 + 2 + 24 = 34) points back at IFD0.
    b.splice(34..38, 8u32.to_le_bytes());
    let t = read_entries(&b, 0, &Limits::default()).unwrap();
    assert!(
        t.warnings.iter().any(|w| w.contains("loop")),
        "{:?}",
        t.warnings
    );
}

#[test]
fn bad_headers_fail_and_truncations_never_panic() {
    assert!(read_entries(b"XX*\0\0\0\0\0", 0, &Limits::default()).is_err());
    assert!(read_entries(b"II\x2b\0\x04\0\0\0", 0, &Limits::default()).is_err());
    let b = sample();
    for n in 0..b.len() {
        let _ = read_entries(b.get(..n).unwrap(), 0, &Limits::tiny());
    }
}
