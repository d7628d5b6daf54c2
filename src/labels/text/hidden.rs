//! Hidden Unicode marks in text: zero-width characters, bidirectional controls, tag characters
//! and runs of variation selectors, with their positions (byte offset and character index).
//!
//! None of these has standard semantics as an AI label except the C2PA text wrapper
//! ([`super::wrapper`]); they are reported because watermarking and tracking schemes use them
//! (FORMATS §2.4). Legitimate uses are not reported: a byte-order mark at the start, U+FE0F/FE0E
//! after an emoji or any single selector (emoji and ideographic variation sequences), joiners
//! (U+200C/200D) next to characters of scripts that use them (anything from U+0590 up: Hebrew,
//! Arabic, Indic, emoji sequences), directional marks (U+200E/200F/061C) beside Hebrew or
//! Arabic letters, soft hyphens (never looked at), and tag sequences of emoji flags
//! (U+1F3F4 … U+E007F).

use crate::container::text::wrapper::{find_c2pa_wrappers, selector_byte};
use std::ops::Range;

/// Most positions listed per kind.
pub const MAX_POSITIONS: usize = 20;
/// Most bytes kept from one run of variation selectors (an EncypherAI mark is a few hundred).
pub const MAX_SELECTOR_BYTES: usize = 64 * 1024;

/// Most tag-character or selector runs reported.
pub const MAX_RUNS: usize = 10;

/// A position in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Byte offset in the text.
    pub byte: usize,
    /// Character (Unicode scalar value) index in the text.
    pub char: usize,
}

/// Isolated invisible characters of one kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scattered {
    /// How many.
    pub count: usize,
    /// Count per code point, in first-seen order.
    pub by_char: Vec<(char, usize)>,
    /// The first [`MAX_POSITIONS`] positions.
    pub positions: Vec<Pos>,
}

impl Scattered {
    fn add(&mut self, c: char, pos: Pos) {
        self.count = self.count.saturating_add(1);
        match self.by_char.iter_mut().find(|(x, _)| *x == c) {
            Some((_, n)) => *n = n.saturating_add(1),
            None => self.by_char.push((c, 1)),
        }
        if self.positions.len() < MAX_POSITIONS {
            self.positions.push(pos);
        }
    }
}

/// A run of tag characters or variation selectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Where it starts.
    pub start: Pos,
    /// Its byte range in the text.
    pub range: Range<usize>,
    /// Number of characters in the run.
    pub len: usize,
    /// What it decodes to: ASCII for tag characters (first 4096), bytes for selectors (first
    /// [`MAX_SELECTOR_BYTES`]).
    pub decoded: Vec<u8>,
}

/// Everything hidden found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Zero-width characters (U+200B, 200C, 200D, 2060–2064, FEFF not at the start).
    pub zero_width: Scattered,
    /// Bidirectional controls (U+202A–202E, 2066–2069, 200E, 200F, 061C).
    pub bidi: Scattered,
    /// Runs of tag characters (U+E0000–E007F), emoji flag sequences excepted.
    pub tags: Vec<Run>,
    /// Runs of two or more variation selectors outside C2PA wrappers.
    pub selectors: Vec<Run>,
    /// Number of tag runs and selector runs beyond [`MAX_RUNS`].
    pub runs_dropped: usize,
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_tag(c: char) -> bool {
    ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Scan `text` for hidden characters. C2PA wrappers are skipped here (see [`find_c2pa_wrappers`]).
pub fn scan(text: &str) -> Hidden {
    let (found, _) = find_c2pa_wrappers(text);
    let mut wrappers = found.into_iter().map(|w| w.range).peekable();
    let mut h = Hidden::default();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        // Nothing hidden is ASCII, and a wrapper starts with a byte-order mark, so an ASCII
        // character is never a wrapper's first: it is only the next one's `prev`.
        if c.is_ascii() {
            prev = Some(c);
            continue;
        }
        let pos = Pos { byte: bi, char: ci };
        // Wrappers are in text order and skipped whole: drop those behind, test the next.
        while wrappers.next_if(|w| w.end <= bi).is_some() {}
        if let Some(w) = wrappers.next_if(|w| w.contains(&bi)) {
            // Skip the whole wrapper.
            while chars.peek().is_some_and(|&(_, (b, _))| b < w.end) {
                chars.next();
            }
            prev = None;
            continue;
        }
        let next = chars.peek().map(|&(_, (_, n))| n);
        if is_zero_width(c) {
            let legit = match c {
                '\u{FEFF}' => bi == 0,
                '\u{200C}' | '\u{200D}' => {
                    prev.is_some_and(|p| p >= '\u{590}') || next.is_some_and(|n| n >= '\u{590}')
                }
                _ => false,
            };
            if !legit {
                h.zero_width.add(c, pos);
            }
        } else if is_bidi(c) {
            // Directional marks beside right-to-left text are ordinary Arabic and Hebrew
            // typography; embeddings, overrides and isolates are reported everywhere.
            let mark = matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}');
            if !(mark && (prev.is_some_and(is_rtl) || next.is_some_and(is_rtl))) {
                h.bidi.add(c, pos);
            }
        } else if is_tag(c) {
            let flag = prev == Some('\u{1F3F4}');
            let mut run = Run {
                start: pos,
                range: bi..bi.saturating_add(c.len_utf8()),
                len: 1,
                decoded: Vec::new(),
            };
            push_tag(&mut run.decoded, c);
            let mut last = c;
            while let Some(&(_, (b2, c2))) = chars.peek() {
                if !is_tag(c2) {
                    break;
                }
                chars.next();
                run.len = run.len.saturating_add(1);
                run.range.end = b2.saturating_add(c2.len_utf8());
                push_tag(&mut run.decoded, c2);
                last = c2;
            }
            if !(flag && last == '\u{E007F}') {
                push_run(&mut h.tags, &mut h.runs_dropped, run);
            }
            prev = Some(last);
            continue;
        } else if let Some(b) = selector_byte(c) {
            let mut run = Run {
                start: pos,
                range: bi..bi.saturating_add(c.len_utf8()),
                len: 1,
                decoded: vec![b],
            };
            while let Some(&(_, (b2, c2))) = chars.peek() {
                let Some(v) = selector_byte(c2) else {
                    break;
                };
                chars.next();
                run.len = run.len.saturating_add(1);
                run.range.end = b2.saturating_add(c2.len_utf8());
                if run.decoded.len() < MAX_SELECTOR_BYTES {
                    run.decoded.push(v);
                }
            }
            if run.len >= 2 {
                push_run(&mut h.selectors, &mut h.runs_dropped, run);
            }
            prev = Some(c);
            continue;
        }
        prev = Some(c);
    }
    h
}

fn push_tag(out: &mut Vec<u8>, c: char) {
    // U+E0020–E007E spell ASCII 0x20–0x7E; U+E0001 (language tag) and U+E007F (cancel) do not.
    if let Some(b) = u32::from(c)
        .checked_sub(0xE0000)
        .and_then(|v| u8::try_from(v).ok())
        .filter(|b| (0x20..0x7f).contains(b))
    {
        if out.len() < 4096 {
            out.push(b);
        }
    }
}

fn push_run(list: &mut Vec<Run>, dropped: &mut usize, run: Run) {
    if list.len() < MAX_RUNS {
        list.push(run);
    } else {
        *dropped = dropped.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legit_uses_are_not_reported() {
        // Family emoji (ZWJ), heart with U+FE0F, England flag tag sequence, BOM at start,
        // Persian ZWNJ.
        let t = "\u{FEFF}👨\u{200D}👩 ❤\u{FE0F} 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} \
                 می\u{200C}خواهم \
                 שלום\u{200F} 2024 مرحبا\u{061C}، soft\u{00AD}hyphen 葛\u{E0100}城";
        assert_eq!(scan(t), Hidden::default());
    }
}
