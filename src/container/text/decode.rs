//! Decoding a text input: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order
//! mark, rejecting binary junk; and mapping offsets in the decoded text back to input offsets.
//!
//! This is the crate's one UTF-16 decoder: the XMP and EXIF readers use [`utf16_lossy`] and
//! [`utf16_bom`] from here.
//!
//! Only the first [`Limits::max_text_bytes`] of a text are decoded (with a warning, see
//! [`truncation_warning`]); the C2PA reader still sees the whole input.

use super::wrapper::selector_byte;
use super::TextBody;
use crate::bytes::to_u64;
use crate::error::{Error, Result};
use crate::limits::Limits;
use std::borrow::Cow;

/// Decode the first [`Limits::max_text_bytes`] of `bytes` as text: UTF-8 (a leading BOM is dropped
/// from [`TextBody::text`]), or UTF-16LE/BE when a BOM says so. Invalid UTF-8, unpaired
/// surrogates, NUL characters and control-heavy content are errors: such input is binary, not
/// text.
pub fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<TextBody<'a>> {
    // Only the first `max_text_bytes` are read (see [`truncation_warning`]); a character cut in
    // two at that point is dropped.
    let max = usize::try_from(limits.max_text_bytes).unwrap_or(usize::MAX);
    let cut = bytes.len() > max;
    let bytes = if cut {
        bytes.get(..max).unwrap_or(bytes)
    } else {
        bytes
    };
    let (text, encoding, bom): (Cow<'a, str>, &'static str, bool) =
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (
                Cow::Owned(utf16_strict(rest, false, cut)?),
                "utf-16le",
                true,
            )
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (Cow::Owned(utf16_strict(rest, true, cut)?), "utf-16be", true)
        } else {
            let s = std::str::from_utf8(bytes).or_else(|e| match e.error_len() {
                // Cut inside a character, by the limit or by whatever shortened the file: keep what
                // precedes it ([`cut_character_warning`] says so in the second case).
                None => std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default()),
                _ => Err(e),
            });
            let s = s.map_err(|e| {
                let at = e.valid_up_to();
                let b = bytes.get(at).copied().unwrap_or_default();
                Error::malformed(format!(
                    "expected UTF-8 or UTF-16 text with a byte-order mark, but found invalid byte \
                     0x{b:02x} at offset {at}"
                ))
            })?;
            // A BOM directly followed by a variation selector starts a C2PA text wrapper: keep it.
            match s.strip_prefix('\u{FEFF}') {
                Some(rest) if !rest.starts_with(|c| selector_byte(c).is_some()) => {
                    (Cow::Borrowed(rest), "utf-8", true)
                }
                _ => (Cow::Borrowed(s), "utf-8", false),
            }
        };
    check_controls(&text, bom, encoding)?;
    Ok(TextBody {
        text,
        encoding,
        bom,
        html: None,
    })
}

/// The warning for a text longer than `max_text_bytes`, if `len` is.
pub fn truncation_warning(len: usize, limits: &Limits) -> Option<String> {
    (to_u64(len) > limits.max_text_bytes).then(|| {
        format!(
            "the text is {len} bytes; only the first {} were read for labels (max_text_bytes)",
            limits.max_text_bytes
        )
    })
}

/// The warning for a UTF-8 text that ends inside a character (a file cut short), if it does and
/// is not longer than `max_text_bytes` (where the cut is ours and [`truncation_warning`] speaks).
pub fn cut_character_warning(bytes: &[u8], limits: &Limits) -> Option<String> {
    if to_u64(bytes.len()) > limits.max_text_bytes || utf16_bom(bytes).is_some() {
        return None;
    }
    let e = std::str::from_utf8(bytes).err()?;
    e.error_len().is_none().then(|| {
        format!(
            "the text ends inside a UTF-8 character (the file may have been cut short); its last \
             {} bytes were not read",
            bytes.len().saturating_sub(e.valid_up_to())
        )
    })
}

/// The UTF-16 code units of `bytes` in the given byte order (a trailing odd byte is left out).
fn units(bytes: &[u8], big_endian: bool) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |p| match p {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    })
}

/// The byte order a UTF-16 byte-order mark at the start of `bytes` gives (`true` for big
/// endian), and the bytes after it.
pub fn utf16_bom(bytes: &[u8]) -> Option<(bool, &[u8])> {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => Some((true, rest)),
        [0xFF, 0xFE, rest @ ..] => Some((false, rest)),
        _ => None,
    }
}

/// Decode UTF-16 in the given byte order, an unpaired surrogate becoming U+FFFD. For metadata
/// fields (XMP packets, EXIF `XP*` tags and `UserComment`), which are read for what they say,
/// not rejected.
pub fn utf16_lossy(bytes: &[u8], big_endian: bool) -> String {
    char::decode_utf16(units(bytes, big_endian))
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Decode a UTF-16 text input: an odd length or an unpaired surrogate is an error (such input
/// is not text). With `cut` (the input was cut at `max_text_bytes`), a last odd byte or a
/// surrogate pair cut in two is dropped instead.
fn utf16_strict(bytes: &[u8], big_endian: bool, cut: bool) -> Result<String> {
    let bytes = if cut {
        bytes.get(..bytes.len() & !1).unwrap_or(bytes)
    } else {
        bytes
    };
    if bytes.len() % 2 != 0 {
        return Err(Error::malformed(format!(
            "expected an even number of bytes in UTF-16 text, but found {} after the byte-order mark",
            bytes.len()
        )));
    }
    let mut s = String::new();
    s.try_reserve(bytes.len()).map_err(|_| {
        Error::malformed(format!(
            "cannot reserve {} bytes for UTF-16 text",
            bytes.len()
        ))
    })?;
    let mut unit_index = 0usize;
    for r in char::decode_utf16(units(bytes, big_endian)) {
        match r {
            Ok(c) => {
                unit_index = unit_index.saturating_add(c.len_utf16());
                s.push(c);
            }
            Err(_) if cut && unit_index.saturating_add(1).saturating_mul(2) >= bytes.len() => {
                // A surrogate pair cut in two by the limit.
                break;
            }
            Err(e) => {
                let at = unit_index.saturating_mul(2).saturating_add(2);
                return Err(Error::malformed(format!(
                    "expected UTF-16 text, but found an unpaired surrogate 0x{:04x} at offset {at}",
                    e.unpaired_surrogate()
                )));
            }
        }
    }
    Ok(s)
}

/// Text has no NUL and few control characters; binary junk has many.
fn check_controls(text: &str, bom: bool, encoding: &str) -> Result<()> {
    let mut controls = 0usize;
    let mut total = 0usize;
    let mut first = None;
    let base = if bom {
        if encoding == "utf-8" {
            3
        } else {
            2
        }
    } else {
        0
    };
    for (i, c) in text.char_indices() {
        total = total.saturating_add(1);
        if c == '\0' {
            return Err(Error::malformed(format!(
                "expected text, but found a NUL character at offset {} of the {encoding} text",
                i.saturating_add(base)
            )));
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b') {
            controls = controls.saturating_add(1);
            first.get_or_insert((i, c));
        }
    }
    if let Some((i, c)) = first {
        if controls.saturating_mul(32) > total {
            return Err(Error::malformed(format!(
                "expected text, but found {controls} control characters in {total} characters \
                 (the first, U+{:04X}, at offset {} of the {encoding} text): this looks like \
                 binary data",
                u32::from(c),
                i.saturating_add(base)
            )));
        }
    }
    Ok(())
}

/// The input byte offset of byte `off` of the decoded text.
pub fn input_offset(body: &TextBody<'_>, off: usize) -> u64 {
    let prefix = body.text.get(..off).unwrap_or(&body.text);
    match (body.encoding, body.bom) {
        ("utf-8", true) => to_u64(off).saturating_add(3),
        ("utf-8", false) => to_u64(off),
        _ => to_u64(prefix.encode_utf16().count())
            .saturating_mul(2)
            .saturating_add(2),
    }
}

/// [`input_offset`] for offsets in ascending order: each stretch of a UTF-16 text is counted
/// once, not once per offset.
pub struct InputOffsets<'b> {
    body: &'b TextBody<'b>,
    at: usize,
    units: u64,
}

impl<'b> InputOffsets<'b> {
    /// A mapper for `body`.
    pub fn new(body: &'b TextBody<'b>) -> Self {
        Self {
            body,
            at: 0,
            units: 0,
        }
    }

    /// The input byte offset of byte `off` of the decoded text.
    pub fn get(&mut self, off: usize) -> u64 {
        if self.body.encoding == "utf-8" || off < self.at {
            return input_offset(self.body, off);
        }
        let Some(s) = self.body.text.get(self.at..off) else {
            return input_offset(self.body, off);
        };
        self.units = self.units.saturating_add(to_u64(s.encode_utf16().count()));
        self.at = off;
        self.units.saturating_mul(2).saturating_add(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decoder_two_policies() {
        let mut le = Vec::new();
        for u in "a\u{1F600}b".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(utf16_lossy(&le, false), "a\u{1F600}b");
        assert_eq!(utf16_strict(&le, false, false).unwrap(), "a\u{1F600}b");
        // An unpaired high surrogate: replaced, or an error.
        let bad = [0x3D, 0xD8, 0x61, 0x00];
        assert_eq!(utf16_lossy(&bad, false), "\u{FFFD}a");
        assert!(utf16_strict(&bad, false, false).is_err());
        assert_eq!(utf16_bom(b"\xFE\xFFrest"), Some((true, &b"rest"[..])));
        assert_eq!(utf16_bom(b"\xFF\xFErest"), Some((false, &b"rest"[..])));
        assert_eq!(utf16_bom(b"rest"), None);
    }

    #[test]
    fn a_text_cut_inside_its_last_character_keeps_what_precedes_it() {
        let limits = Limits::default();
        // "€" is E2 82 AC: the file ends after two of its three bytes.
        let cut = b"Generated with AI \xE2\x82";
        assert_eq!(decode(cut, &limits).unwrap().text, "Generated with AI ");
        let w = cut_character_warning(cut, &limits).unwrap();
        assert!(w.contains("last 2 bytes were not read"), "{w}");
        assert_eq!(cut_character_warning(b"whole \xE2\x82\xAC", &limits), None);
        // A bad byte before the end is still binary.
        assert!(decode(b"bad \xE2\x82 here", &limits).is_err());
    }
}
