//! The text fields image labels are read from: PNG/GIF/JPEG text entries and the EXIF tags that
//! generators write to, decoded to strings with their locations.
//!
//! EXIF 2.32 §4.6.5: `UserComment` (0x9286, Exif IFD) starts with an 8-byte character code:
//! `ASCII\0\0\0`, `UNICODE\0` (UTF-16; the standard says the TIFF byte order, but piexif writes
//! UTF-16BE even in little-endian blocks, so the order is detected from a BOM or the NUL pattern),
//! `JIS\0\0\0\0\0`, or eight NULs (undefined). Fooocus writes no prefix at all (FORMATS §4).
//! `XPComment` (0x9C9C, Microsoft) is UTF-16LE in BYTE values.

use crate::container::text::decode::{utf16_bom, utf16_lossy};
use crate::container::tiff::{self, IfdKind};
use crate::container::{decode_text, Embedded, Location};
use crate::limits::Limits;
use std::borrow::Cow;

/// Where a field came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A key/value text entry (PNG `tEXt`/`zTXt`/`iTXt`, GIF or JPEG comment).
    Text,
    /// An EXIF tag.
    Exif(u16),
}

/// One decoded text field. The value borrows the container's text entry when it can: a text
/// chunk may be most of the file, and a copy would count against the memory promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    /// The PNG keyword, or the EXIF tag name.
    pub key: String,
    /// The decoded value.
    pub value: Cow<'a, str>,
    /// Where it came from.
    pub origin: Origin,
    /// Where it was found.
    pub location: Location,
}

impl Field<'_> {
    /// True if this is the EXIF tag `tag`.
    pub fn is_exif(&self, tag: u16) -> bool {
        self.origin == Origin::Exif(tag)
    }
}

/// EXIF `ImageDescription`.
pub const IMAGE_DESCRIPTION: u16 = 0x010E;
/// EXIF `Make`.
pub const MAKE: u16 = 0x010F;
/// EXIF `Model`.
pub const MODEL: u16 = 0x0110;
/// EXIF `Software`.
pub const SOFTWARE: u16 = 0x0131;
/// EXIF `Artist`.
pub const ARTIST: u16 = 0x013B;
/// EXIF `DocumentName`.
pub const DOCUMENT_NAME: u16 = 0x010D;
/// EXIF `UserComment`.
pub const USER_COMMENT: u16 = 0x9286;
/// Microsoft `XPComment`.
pub const XP_COMMENT: u16 = 0x9C9C;

/// The EXIF tags read, with their names.
const TAGS: &[(u16, &str)] = &[
    (DOCUMENT_NAME, "DocumentName"),
    (IMAGE_DESCRIPTION, "ImageDescription"),
    (MAKE, "Make"),
    (MODEL, "Model"),
    (SOFTWARE, "Software"),
    (ARTIST, "Artist"),
    (USER_COMMENT, "UserComment"),
    (XP_COMMENT, "XPComment"),
];

/// Most bytes of EXIF values decoded to text for one input. EXIF entries may all point at the
/// same bytes, so without a bound 300 segments of 400 tags naming one 60 KB value would decode
/// 7 GB. 3 MiB is far above what generators write (a `UserComment` of parameters is at most one
/// 64 KB JPEG segment), and keeps what is copied within the memory promise with watermarks off:
/// UTF-8 is borrowed, while invalid UTF-8 decodes to copies of at most as much again
/// ([`decode_text`]) and UTF-16 to 1.5 times its bytes (4 MiB of UTF-16 took 6 MiB, and 6 more
/// once trimmed: 35 MiB for a 19 MB TIFF).
const MAX_EXIF_TEXT: usize = 3 << 20;

/// Every text field of `embedded`: its text entries, then the chosen tags of each EXIF block
/// (each tag once per IFD kind: a repeated tag is a hostile file's way to multiply the work).
/// EXIF blocks that cannot be read add a warning.
pub fn collect<'e>(
    embedded: &'e Embedded<'_>,
    limits: &Limits,
    warnings: &mut crate::container::warnings::Warnings,
) -> Vec<Field<'e>> {
    let mut out: Vec<Field> = embedded
        .text
        .iter()
        .map(|t| Field {
            key: t.key.clone(),
            value: Cow::Borrowed(t.value.as_ref()),
            origin: Origin::Text,
            location: t.location.clone(),
        })
        .collect();
    let mut text_left = MAX_EXIF_TEXT;
    // Decoded copies (invalid UTF-8 replaced: up to three bytes for each) have as much again.
    let mut copies_left = crate::bytes::to_u64(MAX_EXIF_TEXT);
    for payload in &embedded.exif {
        let base = payload.location.offset.unwrap_or(0);
        let parsed = match tiff::read_entries(&payload.bytes, base, limits) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(format!(
                    "EXIF in {} could not be read: {e}",
                    payload.location.block
                ));
                continue;
            }
        };
        warnings.extend(
            parsed
                .warnings
                .iter()
                .map(|w| format!("in EXIF of {}: {w}", payload.location.block)),
        );
        let mut read: Vec<(u16, bool)> = Vec::new();
        for e in &parsed.entries {
            let Some((_, name)) = TAGS.iter().find(|(t, _)| *t == e.tag) else {
                continue;
            };
            // UserComment belongs to the Exif IFD, the others to IFD0; accept either place
            // (writers differ) but skip thumbnails (IFD1) and sub-images.
            if !(e.ifd == IfdKind::Exif || (e.ifd == IfdKind::Main && e.ifd_index == 0)) {
                continue;
            }
            let key = (e.tag, e.ifd == IfdKind::Exif);
            if read.contains(&key) {
                continue;
            }
            read.push(key);
            if e.value.len() > text_left {
                if text_left > 0 {
                    warnings.push(format!(
                        "EXIF text beyond {MAX_EXIF_TEXT} bytes in all was not read (from {})",
                        payload.location.block
                    ));
                }
                text_left = 0;
                continue;
            }
            text_left = text_left.saturating_sub(e.value.len());
            let value = match e.tag {
                USER_COMMENT => {
                    user_comment(e.value, parsed.big_endian, &mut copies_left, warnings)
                }
                XP_COMMENT => trim(Cow::Owned(utf16_lossy(e.value, false))),
                // ASCII/UTF-8 up to the first NUL, trailing spaces trimmed (`tiff::Entry::text`).
                _ => {
                    let end = e.value.iter().position(|&b| b == 0);
                    let text = e
                        .value
                        .get(..end.unwrap_or(e.value.len()))
                        .unwrap_or_default();
                    match decode_text(text, false, &mut copies_left, warnings) {
                        Cow::Borrowed(b) => Cow::Borrowed(b.trim_end()),
                        Cow::Owned(o) => Cow::Owned(o.trim_end().to_owned()),
                    }
                }
            };
            if value.is_empty() {
                continue;
            }
            let location = Location {
                container: payload.location.container.clone(),
                block: payload.location.block.clone(),
                offset: Some(e.offset),
                path: Some(format!(
                    "{} {name} (0x{:04X})",
                    e.ifd.name(e.ifd_index),
                    e.tag
                )),
            };
            out.push(Field {
                key: (*name).to_owned(),
                value,
                origin: Origin::Exif(e.tag),
                location,
            });
        }
    }
    out
}

/// `s` without NULs and whitespace at either end (an owned `s` is copied: a decoded copy is at
/// most [`MAX_EXIF_TEXT`] once and a half).
fn trim(s: Cow<'_, str>) -> Cow<'_, str> {
    let strip = |c: char| c == '\0' || c.is_whitespace();
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches(strip)),
        Cow::Owned(o) => Cow::Owned(o.trim_matches(strip).to_owned()),
    }
}

/// Decode an EXIF `UserComment` value (EXIF 2.32 §4.6.5 Table 9, plus the writers' quirks),
/// borrowed when it is UTF-8; a decoded copy draws on `left` ([`decode_text`]).
pub fn user_comment<'v>(
    value: &'v [u8],
    tiff_big_endian: bool,
    left: &mut u64,
    warnings: &mut crate::container::warnings::Warnings,
) -> Cow<'v, str> {
    let (prefix, rest) = value.split_at_checked(8).unwrap_or((&[], value));
    let text = match prefix {
        b"ASCII\0\0\0" | b"JIS\0\0\0\0\0" | [0, 0, 0, 0, 0, 0, 0, 0] => rest,
        b"UNICODE\0" => return trim(Cow::Owned(utf16_guess(rest, tiff_big_endian))),
        _ => value,
    };
    trim(decode_text(text, false, left, warnings))
}

/// UTF-16 in an unknown order: a BOM decides; else the side on which NULs fall (text mostly in
/// Latin script has a NUL high byte in every unit); else the TIFF block's order.
fn utf16_guess(bytes: &[u8], fallback_big: bool) -> String {
    if let Some((big_endian, rest)) = utf16_bom(bytes) {
        return utf16_lossy(rest, big_endian);
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2).take(4096) {
        if let [a, b] = pair {
            even += usize::from(*a == 0);
            odd += usize::from(*b == 0);
        }
    }
    let big = if even > odd {
        true
    } else if odd > even {
        false
    } else {
        fallback_big
    };
    utf16_lossy(bytes, big)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF whose IFD0 holds `ImageDescription` and `Software` (ASCII type).
    fn tiff(description: &[u8], software: &[u8]) -> Vec<u8> {
        let at = 8 + 2 + 2 * 12 + 4;
        let mut t = b"II*\0\x08\0\0\0\x02\0".to_vec();
        for (tag, value, offset) in [
            (IMAGE_DESCRIPTION, description, at),
            (SOFTWARE, software, at + description.len()),
        ] {
            t.extend_from_slice(&tag.to_le_bytes());
            t.extend_from_slice(&2u16.to_le_bytes());
            t.extend_from_slice(&u32::try_from(value.len()).unwrap().to_le_bytes());
            t.extend_from_slice(&u32::try_from(offset).unwrap().to_le_bytes());
        }
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(description);
        t.extend_from_slice(software);
        t
    }

    /// EXIF text that is UTF-8 is borrowed; decoded copies have `MAX_EXIF_TEXT` in all (4 MiB
    /// of invalid UTF-8 took 12 MiB decoded, and 24 MiB once trimmed).
    #[test]
    fn exif_text_is_borrowed_and_its_decoded_copies_bounded() {
        let description = [b"a description  ".as_slice(), &[0xFF; 2 << 20]].concat();
        let bytes = tiff(b"Midjourney \0", &description);
        let embedded = Embedded {
            exif: vec![crate::container::Payload {
                bytes: Cow::Borrowed(&bytes),
                location: Location::default(),
                ranges: Vec::new(),
            }],
            ..Embedded::default()
        };
        let mut warnings = crate::container::warnings::Warnings::new(&Limits::default());
        let all = collect(&embedded, &Limits::default(), &mut warnings);
        assert_eq!(all.len(), 2);
        assert!(matches!(&all[0].value, Cow::Borrowed("Midjourney")));
        let decoded = &all[1].value;
        // 2 MiB of invalid UTF-8 would decode to 6 MiB: as many bytes are read as
        // `MAX_EXIF_TEXT` holds at 3 bytes each.
        assert!(decoded.starts_with("a description  \u{FFFD}"));
        assert_eq!(decoded.len(), 15 + 3 * (MAX_EXIF_TEXT / 3 - 15));
        assert_eq!(warnings.len(), 1);
    }

    fn be16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn user_comment(value: &[u8], big_endian: bool) -> String {
        let mut warnings = crate::container::warnings::Warnings::new(&Limits::default());
        let mut left = u64::MAX;
        super::user_comment(value, big_endian, &mut left, &mut warnings).into_owned()
    }

    #[test]
    fn user_comment_prefixes() {
        assert_eq!(user_comment(b"ASCII\0\0\0hello\0", false), "hello");
        let mut v = b"UNICODE\0".to_vec();
        v.extend(be16("Steps: 20"));
        // piexif: UTF-16BE inside a little-endian block.
        assert_eq!(user_comment(&v, false), "Steps: 20");
        let mut v = b"UNICODE\0".to_vec();
        v.extend("Steps: 20".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(user_comment(&v, true), "Steps: 20");
        assert_eq!(
            user_comment(b"{\"prompt\": \"x\"}", false),
            "{\"prompt\": \"x\"}"
        );
        assert_eq!(user_comment(b"\0\0\0\0\0\0\0\0abc", false), "abc");
    }
}
