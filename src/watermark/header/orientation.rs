//! Where a JPEG asks to be rotated: the Orientation tag (0x0112, Exif 2.32 §4.6.4 / TIFF 6.0) in
//! IFD0 of its first Exif APP1 segment (Exif 2.32 §4.5.4). Browsers rotate such a JPEG when they
//! decode it (`createImageBitmap`'s default, `imageOrientation: 'from-image'`; the option's
//! "as stored" value is not in the HTML standard yet, and Chromium 156 takes `'none'` to mean
//! `'from-image'`). The command line decodes the stored pixels, and a watermark is a pattern in
//! them, so the browser is given a copy of the file whose Orientation says 1 (as stored): the two
//! bytes at [`Orientation::offset`] replaced by [`Orientation::upright`], nothing else changed.
//!
//! Only JPEG: the generators' formats (PNG, WebP) rarely carry Exif, and a rotation that swaps
//! the axes there is caught by the caller's check that the decoded size is the declared one.

use super::be16;

/// The Orientation of a JPEG and where its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Orientation {
    /// 1 (as stored) to 8; other values are ignored by viewers.
    pub value: u16,
    /// The offset in the file of the tag's 2-byte value.
    pub offset: usize,
    /// The value 1 in the TIFF header's byte order: what to write there for the stored pixels.
    pub upright: [u8; 2],
}

/// The Orientation in the first Exif APP1 of JPEG `b` (a prefix of the file will do when it
/// reaches past that segment); `None` when there is none, or it is unreadable.
pub fn jpeg(b: &[u8]) -> Option<Orientation> {
    if !b.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut i = 2usize;
    loop {
        if *b.get(i)? != 0xff {
            return None;
        }
        let mut j = i.checked_add(1)?;
        while *b.get(j)? == 0xff {
            j = j.checked_add(1)?;
        }
        let marker = *b.get(j)?;
        i = j.checked_add(1)?;
        if matches!(marker, 0x01 | 0xd0..=0xd7) {
            continue;
        }
        // The scan begins: the header is over (ITU T.81 §B.2.1).
        if matches!(marker, 0xd9 | 0xda) {
            return None;
        }
        let len = usize::from(be16(b, i)?);
        let body_at = i.checked_add(2)?;
        let body = b.get(body_at..i.checked_add(len)?)?;
        if marker == 0xe1 {
            if let Some(tiff) = body.strip_prefix(b"Exif\0\0") {
                let (value, at, little) = tiff_orientation(tiff)?;
                return Some(Orientation {
                    value,
                    offset: body_at.checked_add(6)?.checked_add(at)?,
                    upright: if little { [1, 0] } else { [0, 1] },
                });
            }
        }
        i = i.checked_add(len)?;
    }
}

/// The Orientation SHORT in IFD0 of a TIFF structure (TIFF 6.0 §2): its value, the offset of
/// the value in `t`, and whether the byte order is little-endian.
fn tiff_orientation(t: &[u8]) -> Option<(u16, usize, bool)> {
    let little = match t.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let s: [u8; 2] = t.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s: [u8; 4] = t.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(s)
        } else {
            u32::from_be_bytes(s)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for k in 0..count {
        let entry = ifd.checked_add(2)?.checked_add(k.checked_mul(12)?)?;
        // Tag 0x0112, type SHORT (3), count 1: the value sits in the first 2 bytes of the field.
        if u16_at(entry)? == 0x0112 {
            if u16_at(entry.checked_add(2)?)? != 3 || u32_at(entry.checked_add(4)?)? != 1 {
                return None;
            }
            let at = entry.checked_add(8)?;
            return Some((u16_at(at)?, at, little));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an APP0, an Exif APP1 with IFD0 { 0x010F Make, 0x0112 Orientation }, an SOF0.
    fn jpeg_with(order: &[u8; 4], orientation: u16) -> (Vec<u8>, usize) {
        let little = order == b"II*\0";
        let w16 = |v: u16| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let w32 = |v: u32| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let mut tiff = order.to_vec();
        tiff.extend_from_slice(&w32(8));
        tiff.extend_from_slice(&w16(2));
        for (tag, kind, value) in [(0x010f, 2u16, [b'A', 0, 0, 0]), (0x0112, 3, [0; 4])] {
            tiff.extend_from_slice(&w16(tag));
            tiff.extend_from_slice(&w16(kind));
            tiff.extend_from_slice(&w32(if tag == 0x0112 { 1 } else { 2 }));
            if tag == 0x0112 {
                tiff.extend_from_slice(&w16(orientation));
                tiff.extend_from_slice(&[0, 0]);
            } else {
                tiff.extend_from_slice(&value);
            }
        }
        tiff.extend_from_slice(&[0; 4]);
        let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0];
        let app1 = [b"Exif\0\0".as_slice(), &tiff].concat();
        let len = u16::try_from(app1.len() + 2).unwrap_or(0).to_be_bytes();
        b.extend_from_slice(&[0xff, 0xe1, len[0], len[1]]);
        // The value's offset: the APP1 body, "Exif\0\0", header 8, count 2, one entry, tag fields 8.
        let at = b.len() + 6 + 8 + 2 + 12 + 8;
        b.extend_from_slice(&app1);
        b.extend_from_slice(&[0xff, 0xc0, 0, 11, 8, 0, 16, 0, 32, 1, 1, 0x11, 0]);
        (b, at)
    }

    #[test]
    fn finds_the_value_in_either_byte_order() {
        for (order, upright) in [(b"MM\0*", [0, 1]), (b"II*\0", [1, 0])] {
            let (b, at) = jpeg_with(order, 6);
            let got = jpeg(&b);
            assert_eq!(
                got,
                Some(Orientation {
                    value: 6,
                    offset: at,
                    upright
                })
            );
            // Writing `upright` there gives orientation 1.
            let mut fixed = b.clone();
            if let Some(slot) = fixed.get_mut(at..at + 2) {
                slot.copy_from_slice(&upright);
            }
            assert_eq!(jpeg(&fixed).map(|o| o.value), Some(1));
        }
    }

    #[test]
    fn nothing_without_exif_or_when_cut_short() {
        let (b, at) = jpeg_with(b"MM\0*", 3);
        assert_eq!(jpeg(b.get(..at).unwrap_or_default()), None);
        assert_eq!(jpeg(&[0xff, 0xd8, 0xff, 0xc0, 0, 11]), None);
        assert_eq!(jpeg(b"\x89PNG\r\n\x1a\n"), None);
        let mut bad = b.clone();
        if let Some(s) = bad.get_mut(at - 8..at - 6) {
            s.copy_from_slice(&[0, 4]); // type LONG: not what the standard defines
        }
        assert_eq!(jpeg(&bad), None);
    }
}
