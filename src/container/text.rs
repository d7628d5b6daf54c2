//! Container walker for plain text: decode UTF-8 (with or without a byte-order mark) or UTF-16
//! with a byte-order mark, reject binary junk, and find the C2PA stores text can carry.
//!
//! C2PA in text (FORMATS §2.1, §2.2): the variation-selector `C2PATextManifestWrapper`
//! (C2PA 2.4/2.5 A.8) and the structured-text block `-----BEGIN C2PA MANIFEST----- ...`
//! (C2PA 2.4 A.9). Each valid store goes into [`Embedded::c2pa`] with the byte range the hard
//! binding excludes; a block that points to a URL becomes a `c2pa-manifest-url` text entry.
//! Only an unambiguous store is put forward: with two or more wrappers (or a corrupted one)
//! nothing is, and the C2PA reader reports `manifest.text.multipleWrappers` or
//! `manifest.text.corruptedWrapper` from the text itself.

use super::{Embedded, Location, Payload, TextBody, TextEntry};
use crate::bytes::to_u64;
use crate::error::{Error, Result};
use crate::labels::text::wrapper::find_c2pa_wrappers;
use crate::limits::Limits;
use base64::Engine;
use std::borrow::Cow;
use std::ops::Range;

/// Key of the [`TextEntry`] that records a C2PA manifest URL found in text or HTML.
pub const MANIFEST_URL_KEY: &str = "c2pa-manifest-url";

/// Walk a text input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let body = decode(bytes, limits, false)?;
    if looks_like_html(&body.text) {
        // UTF-16 HTML sniffs as text (the sniffer only reads UTF-8 markup).
        return Ok(super::html::walk_body(body));
    }
    let mut out = Embedded::default();
    let text: &str = &body.text;
    let wrappers = find_c2pa_wrappers(text);
    if wrappers.len() > 1 {
        // C2PA 2.4 A.8: one wrapper per text. Which store counts is the C2PA reader's call
        // (`manifest.text.multipleWrappers`), so none is put forward here.
        out.warnings.push(format!(
            "the text holds {} C2PA text wrappers where one is allowed: \
             manifest.text.multipleWrappers",
            wrappers.len()
        ));
    }
    for w in &wrappers {
        let start = input_offset(&body, w.range.start);
        let end = input_offset(&body, w.range.end);
        if w.corrupted {
            out.warnings.push(format!(
                "C2PA text wrapper at byte {start} is corrupted ({}): manifest.text.corruptedWrapper",
                w.problem
            ));
        } else if wrappers.len() == 1 {
            out.c2pa.push(Payload {
                bytes: Cow::Owned(w.manifest.clone()),
                location: Location::new("text", "C2PA text wrapper", start),
                ranges: std::iter::once(start..end).collect(),
            });
        }
    }
    // A structured-text block counts only when there is no wrapper (A.8 before A.9).
    if wrappers.is_empty() {
        structured_blocks(text, &body, "text", &mut out);
    }
    out.body = Some(body);
    Ok(out)
}

/// Decode `bytes` as text: UTF-8 (a leading BOM is dropped from [`TextBody::text`]), or UTF-16LE/BE
/// when a BOM says so. Invalid UTF-8, unpaired surrogates, NUL bytes and control-heavy content are
/// errors: such input is binary, not text.
pub fn decode<'a>(bytes: &'a [u8], limits: &Limits, html: bool) -> Result<TextBody<'a>> {
    if to_u64(bytes.len()) > limits.max_text_bytes {
        return Err(Error::limit(
            "text size",
            limits.max_text_bytes,
            "the text input",
        ));
    }
    let (text, encoding, bom): (Cow<'a, str>, &'static str, bool) = if let Some(rest) =
        bytes.strip_prefix(b"\xFF\xFE")
    {
        (Cow::Owned(utf16(rest, false)?), "utf-16le", true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Cow::Owned(utf16(rest, true)?), "utf-16be", true)
    } else {
        let s = std::str::from_utf8(bytes).map_err(|e| {
            let at = e.valid_up_to();
            let b = bytes.get(at).copied().unwrap_or_default();
            Error::malformed(format!(
                "expected UTF-8 or UTF-16 text with a byte-order mark, but found invalid byte \
                     0x{b:02x} at offset {at}"
            ))
        })?;
        // A BOM directly followed by a variation selector starts a C2PA text wrapper: keep it.
        match s.strip_prefix('\u{FEFF}') {
            Some(rest) if !rest.starts_with(is_selector) => (Cow::Borrowed(rest), "utf-8", true),
            _ => (Cow::Borrowed(s), "utf-8", false),
        }
    };
    check_controls(&text, bom, encoding)?;
    Ok(TextBody {
        text,
        encoding,
        bom,
        html,
    })
}

/// A decoded document that opens like HTML (`<!doctype html` or `<html`).
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(14)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn is_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

fn utf16(bytes: &[u8], big: bool) -> Result<String> {
    if bytes.len() % 2 != 0 {
        return Err(Error::malformed(format!(
            "expected an even number of bytes in UTF-16 text, but found {} after the byte-order mark",
            bytes.len()
        )));
    }
    let units = bytes.chunks_exact(2).map(|p| match p {
        [a, b] if big => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let mut s = String::new();
    s.try_reserve(bytes.len()).map_err(|_| {
        Error::malformed(format!(
            "cannot reserve {} bytes for UTF-16 text",
            bytes.len()
        ))
    })?;
    let mut unit_index = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                unit_index = unit_index.saturating_add(c.len_utf16());
                s.push(c);
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

const BEGIN: &str = "-----BEGIN C2PA MANIFEST-----";
const END: &str = "-----END C2PA MANIFEST-----";
const DATA_PREFIX: &str = "data:application/c2pa;base64,";

/// Find C2PA structured-text blocks (C2PA 2.4 A.9, FORMATS §2.2) and record their stores or URLs.
pub(crate) fn structured_blocks<'a>(
    text: &str,
    body: &TextBody<'_>,
    container: &str,
    out: &mut Embedded<'a>,
) {
    let mut from = 0usize;
    let mut found = 0u32;
    while let Some(b) = text.get(from..).and_then(|t| t.find(BEGIN)) {
        let begin = from.saturating_add(b);
        let inner_start = begin.saturating_add(BEGIN.len());
        let Some(e) = text.get(inner_start..).and_then(|t| t.find(END)) else {
            out.warnings.push(format!(
                "expected \"{END}\" after the C2PA structured-text block at byte {}, but found none",
                input_offset(body, begin)
            ));
            break;
        };
        let inner_end = inner_start.saturating_add(e);
        let block_end = inner_end.saturating_add(END.len());
        from = block_end;
        found = found.saturating_add(1);
        if found > 16 {
            break;
        }
        let inner = text.get(inner_start..inner_end).unwrap_or_default().trim();
        let range = block_range(text, begin, block_end);
        let start = input_offset(body, range.start);
        let location = Location::new(container, "C2PA structured-text block", start);
        if let Some(data) = inner.strip_prefix(DATA_PREFIX) {
            let clean: String = data.chars().filter(|c| !c.is_whitespace()).collect();
            match base64::engine::general_purpose::STANDARD.decode(clean.as_bytes()) {
                Ok(store) => out.c2pa.push(Payload {
                    bytes: Cow::Owned(store),
                    location,
                    ranges: std::iter::once(start..input_offset(body, range.end)).collect(),
                }),
                Err(err) => out.warnings.push(format!(
                    "expected base64 in the C2PA structured-text block at byte {start}, but \
                     decoding failed: {err}"
                )),
            }
        } else if inner.is_empty() {
            out.warnings.push(format!(
                "the C2PA structured-text block at byte {start} is empty: \
                 manifest.structuredText.emptyReference"
            ));
        } else {
            out.text.push(TextEntry {
                key: MANIFEST_URL_KEY.to_owned(),
                value: Cow::Owned(inner.chars().take(2048).collect()),
                location,
            });
        }
    }
}

/// The byte range the hard binding excludes for a block at `begin..end` (FORMATS §2.2): its whole
/// line(s) with the line terminator; for a block on the last line, from the preceding line
/// terminator to the end of the text.
fn block_range(text: &str, begin: usize, end: usize) -> Range<usize> {
    let line_start = text
        .get(..begin)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i.saturating_add(1));
    let line_end = text
        .get(end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |nl| end.saturating_add(nl).saturating_add(1));
    if line_start == 0 || line_end < text.len() {
        return line_start..line_end;
    }
    // Last line: from the preceding terminator (CRLF or LF) to the end.
    let nl = line_start.saturating_sub(1);
    let cr = nl
        .checked_sub(1)
        .filter(|&i| text.get(i..nl) == Some("\r"))
        .unwrap_or(nl);
    cr..text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_ranges() {
        let t = "-----BEGIN C2PA MANIFEST----- x -----END C2PA MANIFEST-----\nbody\n";
        assert_eq!(block_range(t, 0, 59), 0..60);
        let t = "body\r\n# -----BEGIN C2PA MANIFEST----- x -----END C2PA MANIFEST-----\n";
        let b = t.find(BEGIN).unwrap();
        let e = t.find(END).unwrap() + END.len();
        assert_eq!(block_range(t, b, e), 4..t.len());
    }
}
