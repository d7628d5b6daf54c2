//! The C2PA text manifest wrapper (C2PA 2.3 A.7, 2.4/2.5 A.8; FORMATS §2.1): a U+FEFF followed
//! by variation selectors that encode `C2PA TXT\0` magic, version 1, a u32 big-endian length and
//! the JUMBF manifest store.
//!
//! Byte → selector: `b ≤ 15 → U+FE00 + b`, `16 ≤ b ≤ 255 → U+E0100 + (b − 16)`. Producers pad
//! after the store; a reader ignores bytes past `13 + length` but counts them in the wrapper's
//! byte range, which is what the `c2pa.hash.data` exclusion covers.

use std::ops::Range;

/// The block name of a wrapper's [`crate::container::Location`] (the C2PA reader looks for it).
pub const WRAPPER_BLOCK: &str = "C2PA text wrapper";

/// `C2PATXT\0`.
pub const MAGIC: [u8; 8] = *b"C2PATXT\0";

/// A C2PA text wrapper found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapper {
    /// Byte range in the text from the U+FEFF through the last selector of the run (padding
    /// included).
    pub range: Range<usize>,
    /// The manifest store bytes (empty when corrupted).
    pub manifest: Vec<u8>,
    /// True when the magic is there but the rest is malformed
    /// (`manifest.text.corruptedWrapper`).
    pub corrupted: bool,
    /// What is wrong, when corrupted.
    pub problem: String,
}

/// The byte a variation selector encodes, or `None` for any other character.
pub fn selector_byte(c: char) -> Option<u8> {
    let cp = u32::from(c);
    match cp {
        0xFE00..=0xFE0F => u8::try_from(cp.checked_sub(0xFE00)?).ok(),
        0xE0100..=0xE01EF => u8::try_from(cp.checked_sub(0xE0100)?.checked_add(16)?).ok(),
        _ => None,
    }
}

/// The variation selector that encodes byte `b`.
pub fn byte_selector(b: u8) -> char {
    let cp = if b < 16 {
        0xFE00 + u32::from(b)
    } else {
        0xE0100 + u32::from(b) - 16
    };
    char::from_u32(cp).unwrap_or('\u{FE00}')
}

/// Decode the maximal selector run starting at byte `from` of `text`: the bytes and the byte
/// offset just past the run.
pub fn decode_run(text: &str, from: usize) -> (Vec<u8>, usize) {
    let mut bytes = Vec::new();
    let mut end = from;
    for (i, c) in text.get(from..).unwrap_or_default().char_indices() {
        match selector_byte(c) {
            Some(b) => {
                bytes.push(b);
                end = from.saturating_add(i).saturating_add(c.len_utf8());
            }
            None => break,
        }
    }
    (bytes, end)
}

/// Most wrappers read from one text. One is the rule (C2PA 2.4 A.8) and a second is already
/// `manifest.text.multipleWrappers`; each one read costs a signal and offset bookkeeping.
pub const MAX_WRAPPERS: usize = 16;

/// The C2PA text wrappers in `text`, valid or corrupted, in text order: the first
/// [`MAX_WRAPPERS`], and whether there are more.
pub fn find_c2pa_wrappers(text: &str) -> (Vec<Wrapper>, bool) {
    let mut out = Vec::new();
    let mut from = 0usize;
    while let Some(p) = text.get(from..).and_then(|t| t.find('\u{FEFF}')) {
        let start = from.saturating_add(p);
        let run_start = start.saturating_add('\u{FEFF}'.len_utf8());
        let (bytes, end) = decode_run(text, run_start);
        from = end.max(run_start);
        if bytes.get(..8) != Some(&MAGIC[..]) {
            continue;
        }
        if out.len() >= MAX_WRAPPERS {
            return (out, true);
        }
        out.push(parse(&bytes, start..end));
    }
    (out, false)
}

fn parse(bytes: &[u8], range: Range<usize>) -> Wrapper {
    let corrupted = |problem: String| Wrapper {
        range: range.clone(),
        manifest: Vec::new(),
        corrupted: true,
        problem,
    };
    let Some(&version) = bytes.get(8) else {
        return corrupted("no version byte after the magic".to_owned());
    };
    if version != 1 {
        return corrupted(format!("expected version 1, but found {version}"));
    }
    let Some(len) = bytes
        .get(9..13)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
    else {
        return corrupted("the manifest length is cut off".to_owned());
    };
    let Some(store) = usize::try_from(len)
        .ok()
        .and_then(|l| l.checked_add(13))
        .and_then(|end| bytes.get(13..end))
    else {
        return corrupted(format!(
            "the length says {len} manifest bytes, but only {} follow",
            bytes.len().saturating_sub(13)
        ));
    };
    if store.is_empty() {
        return corrupted("the manifest length is 0".to_owned());
    }
    Wrapper {
        range,
        manifest: store.to_vec(),
        corrupted: false,
        problem: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_mapping_round_trips() {
        for b in 0..=255u8 {
            assert_eq!(selector_byte(byte_selector(b)), Some(b));
        }
        assert_eq!(selector_byte('a'), None);
        // FORMATS §2.1: the magic as selectors.
        let magic: String = MAGIC.iter().map(|&b| byte_selector(b)).collect();
        assert_eq!(
            magic,
            "\u{E0133}\u{E0122}\u{E0140}\u{E0131}\u{E0144}\u{E0148}\u{E0144}\u{FE00}"
        );
    }

    #[test]
    fn truncated_is_corrupted() {
        let mut s = String::from("x\u{FEFF}");
        for b in MAGIC.iter().chain(&[1, 0, 0, 0, 9, 1, 2]) {
            s.push(byte_selector(*b));
        }
        let (w, more) = find_c2pa_wrappers(&s);
        assert!(!more);
        assert_eq!(w.len(), 1);
        assert!(w[0].corrupted);
        assert_eq!(w[0].range, 1..s.len());
    }

    #[test]
    fn wrappers_are_capped() {
        // 40 bare magics: each a corrupted wrapper; only the first MAX_WRAPPERS are read.
        let one: String = std::iter::once('\u{FEFF}')
            .chain(MAGIC.iter().map(|&b| byte_selector(b)))
            .collect();
        let s = format!("a{}", one.repeat(40));
        let (w, more) = find_c2pa_wrappers(&s);
        assert!(more);
        assert_eq!(w.len(), MAX_WRAPPERS);
        assert!(w.iter().all(|w| w.corrupted));
        let (w, more) = find_c2pa_wrappers(&one.repeat(MAX_WRAPPERS));
        assert!(!more);
        assert_eq!(w.len(), MAX_WRAPPERS);
    }
}
