//! MP3 walker: the ID3v2 tag in front of the MPEG audio, and the C2PA store and XMP in it.
//!
//! C2PA 2.2 A.3.9 (MP3): the store is the data of an ID3v2 `GEOB` frame whose MIME type is
//! `application/c2pa` (c2pa-rs also reads the older `application/x-c2pa-manifest-store`). The
//! hard binding is a `c2pa.hash.data` that excludes exactly the store bytes inside the frame
//! (c2pa-rs `id3_helper.rs`). XMP is a `PRIV` frame owned by `XMP`.
//!
//! ID3v2 (id3.org ID3v2.3 §3, ID3v2.4 structure §3-§4): "ID3", major version 2-4, revision,
//! flags, a synchsafe tag size; an optional extended header; frames of id, size (synchsafe in
//! 2.4), flags (none in 2.2, whose ids and sizes are three bytes); zero padding after the last
//! frame. A frame we cannot read in place (compressed, encrypted, unsynchronised) is skipped
//! with a warning, so is a tag unsynchronised as a whole.

use super::{Embedded, Location, Payload, Segment};
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::{Limits, Tally};
use std::borrow::Cow;

/// The MIME types of a C2PA `GEOB` frame: the current one and the one c2pa-rs wrote before.
const C2PA_MIME: [&[u8]; 2] = [b"application/c2pa", b"application/x-c2pa-manifest-store"];

/// Walk an MP3 input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut out = Embedded::new(limits);
    let len = to_u64(bytes.len());
    let mut tag_end = 0u64;
    if bytes.starts_with(b"ID3") {
        let mut head = Reader::new(bytes, "ID3v2 header");
        head.skip(3, "ID3 marker")?;
        let major = head.u8("ID3 major version")?;
        head.skip(1, "ID3 revision")?;
        let flags = head.u8("ID3 flags")?;
        let size = synchsafe(head.u32_be("ID3 tag size")?);
        // A v2.4 footer repeats the header after the frames (ID3v2.4 §3.4).
        let footer = if major == 4 && flags & 0x10 != 0 {
            10
        } else {
            0
        };
        tag_end = 10u64.saturating_add(u64::from(size)).saturating_add(footer);
        if tag_end > len {
            return Err(Error::malformed(format!(
                "expected an ID3v2 tag of {tag_end} bytes, but the input has {len}"
            )));
        }
        out.segments.push(Segment {
            name: "ID3".to_owned(),
            range: 0..tag_end,
        });
        let body = crate::bytes::to_usize(10u64.saturating_add(u64::from(size)), "ID3 tag end")?;
        let frames = bytes.get(10..body).unwrap_or_default();
        if major != 4 && flags & 0x80 != 0 {
            out.warnings.push(
                "the ID3v2 tag is unsynchronised as a whole; its frames were not read".to_owned(),
            );
        } else {
            read_frames(frames, major, flags, limits, &mut out)?;
        }
    }
    if tag_end < len {
        out.segments.push(Segment {
            name: "MPEG".to_owned(),
            range: tag_end..len,
        });
    }
    Ok(out)
}

/// Read the frames of a tag body (which starts at byte 10 of the input).
fn read_frames<'a>(
    body: &'a [u8],
    major: u8,
    flags: u8,
    limits: &Limits,
    out: &mut Embedded<'a>,
) -> Result<()> {
    let mut r = Reader::with_base(body, 10, "ID3v2 frame");
    if flags & 0x40 != 0 {
        // Extended header: v2.3 gives its size without the size field, v2.4 (synchsafe) with it.
        let size = r.u32_be("extended header size")?;
        let rest = if major == 4 {
            u64::from(synchsafe(size)).saturating_sub(4)
        } else {
            u64::from(size)
        };
        r.skip(rest, "extended header")?;
    }
    let (id_len, size_len) = if major == 2 { (3, 3) } else { (4, 4) };
    let mut count = Tally::new(limits.max_blocks, "frame count");
    while r.remaining() >= id_len + size_len {
        // Padding: the first byte of a frame id is never zero.
        if r.peek(1) == Some(&[0]) {
            break;
        }
        count.one("ID3v2")?;
        let at = r.offset();
        let id = r.take(id_len, "frame id")?;
        let size = match major {
            2 => {
                let b: [u8; 3] = r.array("frame size")?;
                u32::from_be_bytes([0, b[0], b[1], b[2]])
            }
            3 => r.u32_be("frame size")?,
            _ => synchsafe(r.u32_be("frame size")?),
        };
        let frame_flags = if major == 2 {
            0
        } else {
            r.u16_be("frame flags")?
        };
        let data = r.take_len(u64::from(size), "frame data")?;
        let data_at = r.offset().saturating_sub(u64::from(size));
        let name = String::from_utf8_lossy(id);
        let (data, data_at) = match unwrap_frame(data, data_at, major, frame_flags) {
            Some(d) => d,
            None => {
                if matches!(id, b"GEOB" | b"GEO" | b"PRIV") {
                    out.warnings.push(format!(
                        "the ID3 {name} frame at byte {at} is compressed, encrypted or \
                         unsynchronised; it was not read"
                    ));
                }
                continue;
            }
        };
        let mark = out.mark();
        match id {
            b"GEOB" | b"GEO" => geob(data, data_at, at, out)?,
            b"PRIV" | b"PRI" => {
                if let Some(xmp) = data.strip_prefix(b"XMP\0") {
                    out.xmp.push(Payload {
                        bytes: Cow::Borrowed(xmp),
                        location: Location::new("mp3", "ID3 PRIV XMP", at),
                        ranges: std::iter::once(
                            data_at.saturating_add(4)..data_at.saturating_add(to_u64(data.len())),
                        )
                        .collect(),
                    });
                }
            }
            _ => {}
        }
        out.cap_entries(mark, limits);
    }
    Ok(())
}

/// The frame's content once its flag-announced prefixes are skipped, or `None` when it cannot
/// be read in place (ID3v2.3 §3.3.1, ID3v2.4 §4.1.2).
fn unwrap_frame(data: &[u8], at: u64, major: u8, flags: u16) -> Option<(&[u8], u64)> {
    let [_, format] = flags.to_be_bytes();
    let (skip, unreadable) = match major {
        3 => (usize::from(format & 0x20 != 0), format & 0xC0 != 0),
        4 => (
            usize::from(format & 0x40 != 0) + 4 * usize::from(format & 0x01 != 0),
            format & 0x0E != 0,
        ),
        _ => (0, false),
    };
    if unreadable {
        return None;
    }
    Some((data.get(skip..)?, at.saturating_add(to_u64(skip))))
}

/// A `GEOB` frame (ID3v2.4 frames §4.15): encoding, MIME type, file name, description, data.
fn geob<'a>(data: &'a [u8], data_at: u64, frame_at: u64, out: &mut Embedded<'a>) -> Result<()> {
    let mut r = Reader::with_base(data, data_at, "ID3 GEOB frame");
    let Ok(encoding) = r.u8("text encoding") else {
        return Ok(());
    };
    let Ok(mime) = r.until(0, "MIME type") else {
        return Ok(());
    };
    if !C2PA_MIME.contains(&mime) {
        return Ok(());
    }
    // UTF-16 strings (encodings 1 and 2) end with two zero bytes on a two-byte boundary.
    for field in ["file name", "content description"] {
        if matches!(encoding, 1 | 2) {
            let mut found = false;
            while let Ok(pair) = r.take(2, field) {
                if pair == [0, 0] {
                    found = true;
                    break;
                }
            }
            if !found {
                return Err(Error::malformed(format!(
                    "expected a UTF-16 {field} ending in two zero bytes in the ID3 GEOB frame at byte {frame_at}"
                )));
            }
        } else {
            r.until(0, field)?;
        }
    }
    let start = r.offset();
    let store = r.rest();
    out.c2pa.push(Payload {
        bytes: Cow::Borrowed(store),
        location: Location::new("mp3", "ID3 GEOB c2pa", frame_at),
        ranges: std::iter::once(start..start.saturating_add(to_u64(store.len()))).collect(),
    });
    Ok(())
}

/// A 28-bit synchsafe integer (ID3v2.4 structure §6.2): seven bits per byte.
fn synchsafe(n: u32) -> u32 {
    let [a, b, c, d] = n.to_be_bytes();
    let seven = |x: u8| u32::from(x & 0x7F);
    (seven(a) << 21) | (seven(b) << 14) | (seven(c) << 7) | seven(d)
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;

    fn synchsafe_bytes(n: usize) -> [u8; 4] {
        let n = n as u32;
        [
            (n >> 21) as u8 & 0x7F,
            (n >> 14) as u8 & 0x7F,
            (n >> 7) as u8 & 0x7F,
            n as u8 & 0x7F,
        ]
    }

    fn frame(id: &[u8; 4], flags: [u8; 2], data: &[u8]) -> Vec<u8> {
        let mut v = id.to_vec();
        v.extend(synchsafe_bytes(data.len()));
        v.extend(flags);
        v.extend_from_slice(data);
        v
    }

    fn mp3(frames: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = [frames.concat(), vec![0; 7]].concat();
        let mut v = b"ID3\x04\0\0".to_vec();
        v.extend(synchsafe_bytes(body.len()));
        v.extend(body);
        v.extend(b"\xFF\xFB\x90\x64audio");
        v
    }

    #[test]
    fn finds_the_geob_store() {
        let geob = b"\x03application/c2pa\0c2pa\0c2pa manifest store\0STORE";
        let b = mp3(&[
            frame(b"TIT2", [0, 0], b"\x03x"),
            frame(b"GEOB", [0, 0], geob),
        ]);
        let e = walk(&b, &Limits::default()).unwrap();
        let p = &e.c2pa[0];
        assert_eq!(&*p.bytes, b"STORE");
        let at = b.windows(5).position(|w| w == b"STORE").unwrap() as u64;
        assert_eq!(p.ranges, vec![at..at + 5]);
        let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ID3", "MPEG"]);
    }

    #[test]
    fn other_geobs_and_unreadable_frames_are_skipped() {
        let other = b"\x00image/png\0a\0b\0DATA";
        let b = mp3(&[frame(b"GEOB", [0, 0], other)]);
        assert!(walk(&b, &Limits::default()).unwrap().c2pa.is_empty());
        // Compressed (v2.4 flag 0x08): skipped with a warning.
        let geob = b"\x00application/c2pa\0\0\0STORE";
        let b = mp3(&[frame(b"GEOB", [0, 0x08], geob)]);
        let e = walk(&b, &Limits::default()).unwrap();
        assert!(e.c2pa.is_empty() && e.warnings[0].contains("compressed"));
        // Data length indicator (0x01): four bytes skipped.
        let mut dli = vec![0, 0, 0, 20];
        dli.extend_from_slice(geob);
        let b = mp3(&[frame(b"GEOB", [0, 0x01], &dli)]);
        assert_eq!(
            &*walk(&b, &Limits::default()).unwrap().c2pa[0].bytes,
            b"STORE"
        );
    }

    #[test]
    fn utf16_names_and_truncation() {
        let geob = b"\x01application/c2pa\0\xFF\xFEa\0\0\0\xFF\xFEb\0\0\0STORE";
        let b = mp3(&[frame(b"GEOB", [0, 0], geob)]);
        assert_eq!(
            &*walk(&b, &Limits::default()).unwrap().c2pa[0].bytes,
            b"STORE"
        );
        assert!(walk(&b[..20], &Limits::default()).is_err());
        let bare = walk(b"\xFF\xFB\x90\x64", &Limits::default()).unwrap();
        assert_eq!(bare.segments[0].range, 0..4);
        assert_eq!(synchsafe(0x0000_0101), 0x81);
    }
}
