//! The term scan: every table word ([`super::lexicon`]) found in a normalised text, in time
//! linear in the text's length, with no backtracking.
//!
//! Whole words are one hash lookup per word; stems are one lookup per prefix of a word, up to
//! the longest stem's length; words matched anywhere (Han, kana, Arabic clitics, hashtag bodies) are
//! found by their first character, each text position comparing against the few patterns that
//! start with its character. The cost per byte is bounded by the tables, not by the text. An
//! Aho–Corasick automaton (the `aho-corasick` crate) did the same and measured no faster on
//! 16 MiB, but added about 22 KB brotli to the wasm, where the budget has no room for it
//! (BENCHMARKS.md, "Text-disclosure grammar").
//!
//! The tables are hashed with [`Fx`], not the standard library's SipHash: every character of
//! the text is one lookup, and SipHash was most of the scan's time (BENCHMARKS.md, "Warm
//! checks: the engine's own waste"). The keys stored are the tables' own words; the text only
//! looks them up, so it cannot choose colliding keys to fill a bucket.

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fx>>;

/// The multiply-rotate hash of `rustc-hash` (FxHash): a word at a time, no per-map key.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(
                <[u8; 8]>::try_from(c).unwrap_or_default(),
            ));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            for (d, s) in b.iter_mut().zip(rest) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// How a table word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The whole word.
    Word,
    /// The start of a word.
    Prefix,
    /// Anywhere.
    Sub,
}

/// A pattern found: (pattern index, start byte, end byte).
pub type Found = (u32, usize, usize);

/// Patterns compiled for scanning.
#[derive(Debug, Default)]
pub struct Scanner {
    whole: HashMap<String, Vec<u32>>,
    stems: HashMap<String, Vec<u32>>,
    /// Length of the longest stem, in bytes.
    max_stem: usize,
    /// Bit `n` set: some stem is `n` bytes long (longer stems set bit 63 and are always tried).
    stem_lens: u64,
    /// Bit `256 * a + b` set: some stem of two bytes or more starts with bytes `a`, `b`. A word
    /// whose first two bytes start no stem needs no prefix lookups longer than one byte.
    stem_starts: Vec<u64>,
    /// Length of the longest whole word, in bytes.
    max_whole: usize,
    /// Patterns matched anywhere, by their first character.
    anywhere: HashMap<char, Vec<(String, u32)>>,
}

impl Scanner {
    /// Add pattern `id`, normalised text `text`, matched as `mode`.
    pub fn add(&mut self, text: &str, mode: Mode, id: u32) {
        match mode {
            Mode::Word => {
                self.max_whole = self.max_whole.max(text.len());
                self.whole.entry(text.to_owned()).or_default().push(id);
            }
            Mode::Prefix => {
                self.max_stem = self.max_stem.max(text.len());
                self.stem_lens |= 1u64 << text.len().min(63);
                if let [a, b, ..] = text.as_bytes() {
                    if self.stem_starts.is_empty() {
                        self.stem_starts = vec![0u64; 1024];
                    }
                    let bit = usize::from(u16::from_be_bytes([*a, *b]));
                    if let Some(w) = self.stem_starts.get_mut(bit / 64) {
                        *w |= 1u64 << (bit % 64);
                    }
                }
                self.stems.entry(text.to_owned()).or_default().push(id);
            }
            Mode::Sub => {
                if let Some(c) = text.chars().next() {
                    self.anywhere
                        .entry(c)
                        .or_default()
                        .push((text.to_owned(), id));
                }
            }
        }
    }

    /// Every pattern in `text`, whose words are the byte ranges `words` (in order, not
    /// overlapping). Whole words and stems match at word starts; the rest anywhere.
    pub fn scan(
        &self,
        text: &str,
        words: impl Iterator<Item = (usize, usize)>,
        out: &mut Vec<Found>,
    ) {
        for (start, end) in words {
            let Some(word) = text.get(start..end) else {
                continue;
            };
            if word.len() <= self.max_whole {
                if let Some(ids) = self.whole.get(word) {
                    out.extend(ids.iter().map(|&id| (id, start, end)));
                }
            }
            if self.stems.is_empty() {
                continue;
            }
            // Past the first byte, only prefixes whose first two bytes start a stem, and only
            // of a length some stem has.
            let long = self.starts_stem(word);
            for (i, c) in word.char_indices() {
                let cut = i.saturating_add(c.len_utf8());
                if cut > self.max_stem || (cut >= 2 && !long) {
                    break;
                }
                if self.stem_lens & (1u64 << cut.min(63)) == 0 {
                    continue;
                }
                if let Some(ids) = word.get(..cut).and_then(|p| self.stems.get(p)) {
                    out.extend(ids.iter().map(|&id| (id, start, start.saturating_add(cut))));
                }
            }
        }
        if self.anywhere.is_empty() {
            return;
        }
        self.scan_anywhere(text, out);
    }

    /// True if some stem of two bytes or more starts with `word`'s first two bytes.
    fn starts_stem(&self, word: &str) -> bool {
        let [a, b, ..] = word.as_bytes() else {
            return false;
        };
        let bit = usize::from(u16::from_be_bytes([*a, *b]));
        self.stem_starts
            .get(bit / 64)
            .is_some_and(|w| w & (1u64 << (bit % 64)) != 0)
    }

    /// Only the patterns matched anywhere, in `text`.
    pub fn scan_anywhere(&self, text: &str, out: &mut Vec<Found>) {
        for (i, c) in text.char_indices() {
            let Some(cands) = self.anywhere.get(&c) else {
                continue;
            };
            let rest = text.get(i..).unwrap_or_default();
            for (p, id) in cands {
                if rest.starts_with(p.as_str()) {
                    out.push((*id, i, i.saturating_add(p.len())));
                }
            }
        }
    }

    /// Any pattern in `text` at all, taking words as the maximal runs of ASCII letters and
    /// digits (for all-ASCII source text, lowercased by the caller).
    pub fn any_ascii(&self, text: &str) -> bool {
        let mut out = Vec::new();
        let words = ascii_words(text);
        self.scan(text, words, &mut out);
        !out.is_empty()
    }
}

/// The byte ranges of the runs of ASCII letters, and of ASCII digits, in `text`.
fn ascii_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0usize;
    std::iter::from_fn(move || {
        while b.get(i).is_some_and(|c| !c.is_ascii_alphanumeric()) {
            i = i.saturating_add(1);
        }
        let first = *b.get(i)?;
        let start = i;
        let digit = first.is_ascii_digit();
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() && c.is_ascii_digit() == digit)
        {
            i = i.saturating_add(1);
        }
        Some((start, i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stems_and_anywhere() {
        let mut s = Scanner::default();
        s.add("ai", Mode::Word, 0);
        s.add("generat", Mode::Prefix, 1);
        s.add("生成", Mode::Sub, 2);
        s.add("madi", Mode::Sub, 3);
        let text = "ai generated yapmadi 生成 aix";
        let words = [(0, 2), (3, 12), (13, 20), (21, 24), (24, 27), (28, 31)];
        let mut out = Vec::new();
        s.scan(text, words.into_iter(), &mut out);
        out.sort();
        assert_eq!(out, [(0, 0, 2), (1, 3, 10), (2, 21, 27), (3, 16, 20)]);
        // Stems of one byte, and stems sharing a start with a longer one.
        s.add("k", Mode::Prefix, 4);
        s.add("gen", Mode::Prefix, 5);
        let mut out = Vec::new();
        s.scan("kx generator", [(0, 2), (3, 12)].into_iter(), &mut out);
        out.sort();
        assert_eq!(out, [(1, 3, 10), (4, 0, 1), (5, 3, 6)]);
        assert!(s.any_ascii("the ai here"));
        assert!(!s.any_ascii("the aix here"));
        assert_eq!(
            ascii_words("gpt4o, x").collect::<Vec<_>>(),
            [(0, 3), (3, 4), (4, 5), (7, 8)]
        );
    }
}
