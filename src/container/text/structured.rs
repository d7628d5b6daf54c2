//! The C2PA structured-text block (C2PA 2.4 A.9, FORMATS §2.2): `-----BEGIN C2PA MANIFEST-----`
//! followed by `data:application/c2pa;base64,` and the store, or by a manifest URL, then
//! `-----END C2PA MANIFEST-----`. Shared by the plain-text and HTML walkers.

use super::decode::input_offset;
use super::{TextBody, MANIFEST_URL_KEY};
use crate::container::{Embedded, Location, Payload, TextEntry};
use std::borrow::Cow;
use std::ops::Range;

const BEGIN: &str = "-----BEGIN C2PA MANIFEST-----";
const END: &str = "-----END C2PA MANIFEST-----";
const DATA_PREFIX: &str = "data:application/c2pa;base64,";

/// Find C2PA structured-text blocks (C2PA 2.4 A.9, FORMATS §2.2) and record their stores or URLs.
pub fn structured_blocks<'a>(
    text: &str,
    body: &TextBody<'_>,
    container: &str,
    out: &mut Embedded<'a>,
    joined_left: &mut u64,
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
            match super::super::decode_base64(data, joined_left) {
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
