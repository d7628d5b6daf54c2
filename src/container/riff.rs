//! RIFF walker (WebP, WAV, AVI): the chunk list and the metadata chunks in it.
//!
//! RIFF (Microsoft Multimedia Programming Interface 1991, and the WebP container specification):
//! `"RIFF"` size(u32 LE) form-type(4), then chunks of id(4) size(u32 LE) data and one pad byte
//! when the size is odd. Chunks read here: `EXIF` (any `Exif\0\0` prefix stripped), `XMP `,
//! `C2PA` (C2PA 2.2 A.3.6; its payload range covers header and data, its segment adds the pad)
//! and `AIGC` (the Chinese GB 45438-2025 label in WAV, read as text); a WebP whose `VP8 ` or
//! `VP8L` image header is wrong is damaged (browsers do not show it). `LIST` chunks are listed,
//! not entered, so a deeply nested file costs one segment.

use super::{Embedded, Location, Payload, Segment, TextEntry};
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::Limits;
use std::borrow::Cow;

/// Walk a RIFF input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut out = Embedded::new(limits);
    let mut head = Reader::new(bytes, "RIFF header");
    head.expect(b"RIFF", "RIFF chunk id")?;
    let claimed = head.u32_le("RIFF size")?;
    let form: [u8; 4] = head.array("form type")?;
    let form_name = crate::error::escape(&form, 4);
    let container = if &form == b"WEBP" { "webp" } else { "riff" };
    // The RIFF size counts everything after the size field. Streaming writers leave 0 or
    // 0xFFFFFFFF; a size past the end means a truncated file. Both are walked to the end.
    let declared_end = u64::from(claimed).saturating_add(8);
    let len = to_u64(bytes.len());
    let end = if declared_end > len {
        out.warnings.push(format!(
            "RIFF {form_name} claims {declared_end} bytes but the input has {len}; \
             walked to the end"
        ));
        len
    } else {
        if declared_end < len {
            out.warnings.push(format!(
                "RIFF {form_name} has {} bytes after its declared end at offset {declared_end}",
                len.saturating_sub(declared_end)
            ));
        }
        declared_end.max(12)
    };
    out.segments.push(Segment {
        name: "RIFF".to_owned(),
        range: 0..12,
    });
    let body = bytes
        .get(12..usize::try_from(end).unwrap_or(usize::MAX))
        .unwrap_or_default();
    let mut r = Reader::with_base(body, 12, "RIFF chunk");
    let max_blocks = usize::try_from(limits.max_blocks).unwrap_or(usize::MAX);
    while !r.is_empty() {
        let start = r.offset();
        if out.segments.len() > max_blocks {
            return Err(Error::limit(
                "chunk count",
                u64::from(limits.max_blocks),
                "RIFF",
            ));
        }
        let id: [u8; 4] = r.array("chunk id")?;
        let size = r.u32_le("chunk size")?;
        let data = r.take_len(u64::from(size), "chunk data")?;
        let unpadded = start..r.offset();
        // The pad byte after an odd-sized chunk; a file may end without it.
        if size % 2 == 1 {
            if r.is_empty() {
                out.warnings.push(format!(
                    "RIFF chunk \"{}\" at offset {start} lacks its pad byte",
                    crate::error::escape(&id, 4)
                ));
            } else {
                r.skip(1, "pad byte")?;
            }
        }
        let range = start..r.offset();
        crate::bytes::try_reserve(&mut out.segments, 1, "RIFF chunks")?;
        out.segments.push(Segment {
            name: String::from_utf8_lossy(&id).into_owned(),
            range: range.clone(),
        });
        let data_at = start.saturating_add(8);
        let mark = out.mark();
        match &id {
            b"EXIF" => {
                let (tiff, skip) = match data.strip_prefix(b"Exif\0\0") {
                    Some(t) => (t, 6),
                    None => (data, 0),
                };
                out.exif.push(Payload {
                    bytes: Cow::Borrowed(tiff),
                    location: Location::new(container, "EXIF chunk", data_at.saturating_add(skip)),
                    ranges: vec![range],
                });
            }
            b"XMP " => out.xmp.push(Payload {
                bytes: Cow::Borrowed(data),
                location: Location::new(container, "XMP chunk", data_at),
                ranges: vec![range],
            }),
            // The store's range is the chunk header and data without the pad byte: c2pa-rs
            // signers exclude exactly that (cards_trusted.webp in the corpus, whose pad byte is
            // hashed), and an exclusion that also covers the pad still contains this range.
            b"C2PA" => out.c2pa.push(Payload {
                bytes: Cow::Borrowed(data),
                location: Location::new(container, "C2PA chunk", start),
                ranges: vec![unpadded],
            }),
            // The image's own header, which browsers' decoders read before any pixel: a VP8 key
            // frame's start code 9d 01 2a after its 3-byte frame tag (RFC 6386 §9.1), a VP8L
            // signature byte 0x2f (RFC 9649 §3, the lossless bitstream's header). Either wrong, the image
            // cannot be shown: damage.
            b"VP8 " | b"VP8L" if container == "webp" => {
                let ok = match &id {
                    b"VP8 " => data.get(3..6) == Some(&[0x9d, 0x01, 0x2a][..]),
                    _ => data.first() == Some(&0x2f),
                };
                if !ok {
                    out.damage.get_or_insert_with(|| {
                        "expected a WebP image header (a VP8 start code, a VP8L signature), but \
                         found other bytes"
                            .to_owned()
                    });
                }
            }
            b"AIGC" => {
                let data = data.strip_suffix(b"\0").unwrap_or(data);
                let value =
                    super::decode_text(data, false, &mut out.joined_left, &mut out.warnings);
                out.text.push(TextEntry {
                    key: "AIGC".to_owned(),
                    value,
                    location: Location::new(container, "AIGC chunk", start),
                });
            }
            _ => {}
        }
        out.cap_entries(mark, limits);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = id.to_vec();
        v.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
        v.extend_from_slice(data);
        if data.len() % 2 == 1 {
            v.push(0);
        }
        v
    }

    fn riff(form: &[u8; 4], chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut v = b"RIFF".to_vec();
        v.extend_from_slice(&u32::try_from(body.len() + 4).unwrap().to_le_bytes());
        v.extend_from_slice(form);
        v.extend_from_slice(&body);
        v
    }

    #[test]
    fn odd_chunks_are_padded() {
        let b = riff(b"WEBP", &[chunk(b"VP8 ", b"abc"), chunk(b"XMP ", b"<x/>")]);
        let e = walk(&b, &Limits::default()).unwrap();
        let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["RIFF", "VP8 ", "XMP "]);
        assert_eq!(e.segments.get(1).unwrap().range, 12..24);
        assert_eq!(&*e.xmp.first().unwrap().bytes, b"<x/>");
        assert!(e.warnings.is_empty());
    }

    #[test]
    fn c2pa_range_leaves_out_the_pad_byte() {
        // c2pa-rs excludes header + data of an odd-sized C2PA chunk and hashes the pad byte
        // (seen in ms-extension-validator cards_trusted.webp and c2pa-python 0.38.1 output).
        let b = riff(b"WEBP", &[chunk(b"VP8 ", b"ab"), chunk(b"C2PA", b"jum")]);
        let e = walk(&b, &Limits::default()).unwrap();
        let p = e.c2pa.first().unwrap();
        assert_eq!(&*p.bytes, b"jum");
        assert_eq!(p.ranges, vec![22..33]);
        assert_eq!(e.segments.get(2).unwrap().range, 22..34);
    }

    #[test]
    fn size_claims_are_checked() {
        let mut b = riff(b"WAVE", &[chunk(b"data", b"ab")]);
        b.get_mut(4..8)
            .unwrap()
            .copy_from_slice(&1000u32.to_le_bytes());
        let e = walk(&b, &Limits::default()).unwrap();
        assert!(e.warnings.first().unwrap().contains("claims 1008 bytes"));
        let mut b = riff(b"WAVE", &[chunk(b"data", b"ab")]);
        b.get_mut(16..20)
            .unwrap()
            .copy_from_slice(&1000u32.to_le_bytes());
        assert!(walk(&b, &Limits::default()).is_err());
        assert!(walk(b"RIFX\0\0\0\0WAVE", &Limits::default()).is_err());
    }

    #[test]
    fn aigc_chunk_is_text() {
        let b = riff(b"WAVE", &[chunk(b"AIGC", b"{\"Label\":\"1\"}\0")]);
        let e = walk(&b, &Limits::default()).unwrap();
        let t = e.text.first().unwrap();
        assert_eq!((t.key.as_str(), &*t.value), ("AIGC", "{\"Label\":\"1\"}"));
    }

    #[test]
    fn a_webp_image_header_that_is_wrong_is_damage() {
        // VP8: a 3-byte frame tag, the start code 9d 01 2a (RFC 6386 §9.1), then the size.
        let vp8 = |code: [u8; 3]| {
            let mut d = vec![0x50, 0x0F, 0x00];
            d.extend_from_slice(&code);
            d.extend_from_slice(&[16, 0, 16, 0]);
            chunk(b"VP8 ", &d)
        };
        let damage = |c: Vec<u8>, form: &[u8; 4]| {
            walk(&riff(form, &[c]), &Limits::default()).unwrap().damage
        };
        assert_eq!(damage(vp8([0x9D, 0x01, 0x2A]), b"WEBP"), None);
        let d = damage(vp8([0, 0, 0]), b"WEBP").unwrap();
        assert!(d.contains("WebP image header"), "{d}");
        assert!(damage(chunk(b"VP8 ", &[0x50, 0x0F]), b"WEBP").is_some());
        // VP8L: the signature byte 0x2f (RFC 9649 §3).
        assert_eq!(damage(chunk(b"VP8L", &[0x2F, 0, 0, 0, 0]), b"WEBP"), None);
        let d = damage(chunk(b"VP8L", &[0x2E, 0, 0, 0, 0]), b"WEBP").unwrap();
        assert!(d.contains("WebP image header"), "{d}");
        assert!(damage(chunk(b"VP8L", b""), b"WEBP").is_some());
        // Other RIFF forms are not images: their chunks of these names are not read.
        assert_eq!(damage(vp8([0, 0, 0]), b"AVI "), None);
    }
}
