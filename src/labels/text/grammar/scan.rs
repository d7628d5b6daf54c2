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

use std::collections::HashMap;

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
    /// Patterns matched anywhere, by their first character.
    anywhere: HashMap<char, Vec<(String, u32)>>,
}

impl Scanner {
    /// Add pattern `id`, normalised text `text`, matched as `mode`.
    pub fn add(&mut self, text: &str, mode: Mode, id: u32) {
        match mode {
            Mode::Word => self.whole.entry(text.to_owned()).or_default().push(id),
            Mode::Prefix => {
                self.max_stem = self.max_stem.max(text.len());
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
            if let Some(ids) = self.whole.get(word) {
                out.extend(ids.iter().map(|&id| (id, start, end)));
            }
            if self.stems.is_empty() {
                continue;
            }
            for (i, c) in word.char_indices() {
                let cut = i.saturating_add(c.len_utf8());
                if cut > self.max_stem {
                    break;
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
        assert!(s.any_ascii("the ai here"));
        assert!(!s.any_ascii("the aix here"));
        assert_eq!(
            ascii_words("gpt4o, x").collect::<Vec<_>>(),
            [(0, 3), (3, 4), (4, 5), (7, 8)]
        );
    }
}
