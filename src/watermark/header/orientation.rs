//! Where an image asks to be rotated: its Exif Orientation tag (0x0112, Exif 2.32 §4.6.4 /
//! TIFF 6.0), in IFD0 of a TIFF structure (Exif 2.32 §4.5.4) that the format carries:
//! - JPEG: the first Exif APP1 segment (Exif 2.32 §4.7.2);
//! - PNG: the `eXIf` chunk (PNG 3rd edition §11.3.4.5: the APP1 body without "Exif\0\0"), which
//!   must come before `IDAT` (§5.6, Table 7). Its CRC (§5.3) covers the value, so the answer also
//!   says where the CRC is and what it becomes ([`Crc`]).
//!
//! Browsers rotate such an image when they decode it (`createImageBitmap`'s default,
//! `imageOrientation: 'from-image'`; the option's "as stored" value is not in the HTML standard
//! yet, and Chromium 156 takes `'none'` to mean `'from-image'`). The command line decodes the
//! stored pixels, and a watermark is a pattern in them, so the browser is given a copy of the
//! file whose Orientation says 1 (as stored): the two bytes at [`Orientation::offset`] replaced
//! by [`Orientation::upright`] (and for PNG the four at [`Crc::offset`] by [`Crc::upright`]),
//! nothing else changed.
//!
//! What Chromium 156 does, measured (`createImageBitmap` with the page's options, and `<img>`):
//! it rotates a JPEG by its Exif APP1 and a PNG by an `eXIf` before `IDAT` whose data is bare
//! TIFF (either byte order) and whose CRC is right; it ignores an `eXIf` after `IDAT`, one that
//! starts with "Exif\0\0", or one with a wrong CRC, and so does this reader. It never rotates a
//! WebP by its `EXIF` chunk (WebP container, RFC 9649 §2.7 "Extended File Format": the EXIF
//! flag set in `VP8X`, the chunk after or before the image data, lossy or lossless), so WebP is
//! not read here (tests/e2e/pixels.test.mjs fails when a Chromium starts to). GIF and BMP have
//! no Exif Orientation; AVIF's rotation is not Exif (its `irot`/`imir` properties) and is not
//! read here. A rotation that swaps the axes is caught anyway by the caller's check that the
//! decoded size is the declared one.

use super::{be16, be32};
use crate::container::png::crc::crc32;

/// The Orientation of an image and where its value is (`imageSize`'s `orientation`, as JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Orientation {
    /// 1 (as stored) to 8; other values are ignored by viewers.
    pub value: u16,
    /// The offset in the file of the tag's 2-byte value.
    pub offset: usize,
    /// The value 1 in the TIFF header's byte order: what to write there for the stored pixels.
    pub upright: [u8; 2],
    /// PNG: the CRC of the chunk that holds the value, to be rewritten with it.
    pub crc: Option<Crc>,
}

/// The CRC of a PNG chunk that holds the Orientation (PNG §5.3: over the chunk type and data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Crc {
    /// The offset in the file of the chunk's 4-byte CRC.
    pub offset: usize,
    /// The CRC (big-endian) of the chunk with [`Orientation::upright`] written at the value.
    pub upright: [u8; 4],
}

/// What a look for the Orientation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The tag, and where its value is.
    Tag(Orientation),
    /// None the browser applies (or an unreadable one).
    Nothing,
    /// The bytes end before the answer does (a PNG prefix that stops before `IDAT`): a longer
    /// prefix may tell.
    Truncated,
}

/// The Orientation a browser applies to `b` (a prefix of the file will do), by format.
pub fn find(b: &[u8]) -> Found {
    if b.starts_with(crate::container::png::SIGNATURE) {
        png(b)
    } else {
        jpeg(b).map_or(Found::Nothing, Found::Tag)
    }
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
                    crc: None,
                });
            }
        }
        i = i.checked_add(len)?;
    }
}

/// The Orientation in the `eXIf` chunk of PNG `b`, as Chromium reads it: the chunks are walked
/// from the signature (PNG §5.3: length, type, data, CRC) to the first `eXIf` before `IDAT`;
/// its CRC must be right (§13.1: a decoder checks a chunk's CRC before it uses the data; Chromium
/// skips an `eXIf` whose CRC is wrong) and its data must be bare TIFF. `Truncated` when `b` ends
/// first.
pub fn png(b: &[u8]) -> Found {
    png_walk(b).unwrap_or(Found::Nothing)
}

/// [`png`], with `None` for a malformed chunk or tag.
fn png_walk(b: &[u8]) -> Option<Found> {
    let mut i = crate::container::png::SIGNATURE.len();
    loop {
        let (Some(len), Some(kind)) = (be32(b, i), b.get(i.checked_add(4)?..i.checked_add(8)?))
        else {
            return Some(Found::Truncated);
        };
        // §5.3: a length is at most 2^31 - 1.
        if len > 0x7fff_ffff {
            return None;
        }
        let data_at = i.checked_add(8)?;
        let crc_at = data_at.checked_add(usize::try_from(len).ok()?)?;
        match kind {
            b"IDAT" | b"IEND" => return Some(Found::Nothing),
            b"eXIf" => {
                let (Some(data), Some(stored)) = (b.get(data_at..crc_at), be32(b, crc_at)) else {
                    return Some(Found::Truncated);
                };
                if crc32(&[kind, data]) != stored {
                    return None;
                }
                let (value, at, little) = tiff_orientation(data)?;
                let upright = if little { [1, 0] } else { [0, 1] };
                let before = data.get(..at)?;
                let after = data.get(at.checked_add(2)?..)?;
                return Some(Found::Tag(Orientation {
                    value,
                    offset: data_at.checked_add(at)?,
                    upright,
                    crc: Some(Crc {
                        offset: crc_at,
                        upright: crc32(&[kind, before, &upright, after]).to_be_bytes(),
                    }),
                }));
            }
            _ => i = crc_at.checked_add(4)?,
        }
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
                    upright,
                    crc: None,
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

    /// A TIFF structure whose IFD0 holds only Orientation = `value` (entry at 8, value at 18).
    fn tiff(little: bool, value: u16) -> Vec<u8> {
        let w16 = |v: u16| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let mut t = if little { b"II*\0" } else { b"MM\0*" }.to_vec();
        t.extend_from_slice(&if little {
            8u32.to_le_bytes()
        } else {
            8u32.to_be_bytes()
        });
        t.extend_from_slice(&w16(1));
        t.extend_from_slice(&w16(0x0112));
        t.extend_from_slice(&w16(3));
        t.extend_from_slice(&if little {
            1u32.to_le_bytes()
        } else {
            1u32.to_be_bytes()
        });
        t.extend_from_slice(&w16(value));
        t.extend_from_slice(&[0; 6]); // the field's padding, no next IFD
        t
    }

    /// CRC-32 bit by bit (PNG Annex D without the table): not the reader's own.
    fn bitwise_crc(parts: &[&[u8]]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in parts.iter().flat_map(|p| p.iter()) {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }

    /// A chunk: length, type, data, CRC over type and data (PNG §5.3), computed here bit by bit.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = u32::try_from(data.len())
            .unwrap_or(0)
            .to_be_bytes()
            .to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&bitwise_crc(&[kind, data]).to_be_bytes());
        c
    }

    /// Signature, IHDR (1×1 RGB), a tEXt, `chunks`, an IDAT, IEND.
    fn png_with(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend_from_slice(&chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
        b.extend_from_slice(&chunk(b"tEXt", b"Software\0hand"));
        for c in chunks {
            b.extend_from_slice(c);
        }
        b.extend_from_slice(&chunk(
            b"IDAT",
            &[0x78, 1, 1, 4, 0, 0xfb, 0xff, 0, 0, 0, 0, 0],
        ));
        b.extend_from_slice(&chunk(b"IEND", &[]));
        b
    }

    #[test]
    fn png_exif_value_and_crc() {
        for little in [false, true] {
            let exif = chunk(b"eXIf", &tiff(little, 3));
            let b = png_with(std::slice::from_ref(&exif));
            // Signature 8, IHDR 25, tEXt 12 + 13: the eXIf chunk at 58, its data at 66, the
            // value 18 bytes into the TIFF data, the CRC after the 26 bytes of data.
            let (data_at, crc_at) = (58 + 8, 58 + 8 + 26);
            assert_eq!(b.get(58..58 + exif.len()), Some(exif.as_slice()));
            let upright = if little { [1, 0] } else { [0, 1] };
            // The CRC of the chunk written with the value 1, as the writer makes it.
            let crc = chunk(b"eXIf", &tiff(little, 1));
            let want = Orientation {
                value: 3,
                offset: data_at + 18,
                upright,
                crc: Some(Crc {
                    offset: crc_at,
                    upright: crc
                        .get(34..38)
                        .and_then(|s| s.try_into().ok())
                        .unwrap_or_default(),
                }),
            };
            assert_eq!(find(&b), Found::Tag(want));
            // Writing both gives a file whose eXIf says 1, with a right CRC.
            let mut fixed = b.clone();
            if let Some(s) = fixed.get_mut(data_at + 18..data_at + 20) {
                s.copy_from_slice(&upright);
            }
            if let (Some(s), Some(c)) = (fixed.get_mut(crc_at..crc_at + 4), want.crc) {
                s.copy_from_slice(&c.upright);
            }
            assert_eq!(fixed, png_with(&[crc]));
            assert!(matches!(find(&fixed), Found::Tag(o) if o.value == 1));
        }
    }

    #[test]
    fn png_what_chromium_ignores_is_nothing() {
        assert_eq!(find(&png_with(&[])), Found::Nothing);
        // After IDAT (§5.6: eXIf comes before it).
        let mut late = png_with(&[]);
        let iend = late.split_off(late.len() - 12);
        late.extend_from_slice(&chunk(b"eXIf", &tiff(false, 6)));
        late.extend_from_slice(&iend);
        assert_eq!(find(&late), Found::Nothing);
        // With JPEG's "Exif\0\0" in front (§11.3.4.5: not included).
        let prefixed = [b"Exif\0\0".as_slice(), &tiff(false, 6)].concat();
        assert_eq!(
            find(&png_with(&[chunk(b"eXIf", &prefixed)])),
            Found::Nothing
        );
        // A wrong CRC.
        let mut bad = chunk(b"eXIf", &tiff(false, 6));
        if let Some(last) = bad.last_mut() {
            *last ^= 1;
        }
        assert_eq!(find(&png_with(&[bad])), Found::Nothing);
        // A length over 2^31 - 1.
        let mut huge = png_with(&[]);
        huge.truncate(58);
        huge.extend_from_slice(&[0x80, 0, 0, 0]);
        huge.extend_from_slice(b"eXIf");
        assert_eq!(find(&huge), Found::Nothing);
    }

    #[test]
    fn png_prefix_before_idat_is_truncated() {
        let b = png_with(&[chunk(b"eXIf", &tiff(false, 6))]);
        // Every prefix that stops before the eXIf's CRC ends may yet hold it.
        for n in 8..58 + 8 + 26 + 4 {
            assert_eq!(
                find(b.get(..n).unwrap_or_default()),
                Found::Truncated,
                "{n}"
            );
        }
        assert!(
            matches!(find(b.get(..58 + 38).unwrap_or_default()), Found::Tag(o) if o.value == 6)
        );
        // Without an eXIf: truncated until IDAT's header is there.
        let plain = png_with(&[]);
        assert_eq!(
            find(plain.get(..58 + 7).unwrap_or_default()),
            Found::Truncated
        );
        assert_eq!(
            find(plain.get(..58 + 8).unwrap_or_default()),
            Found::Nothing
        );
    }
}
