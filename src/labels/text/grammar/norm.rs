//! One sentence, normalised for the grammar: compatibility-decomposed (NFKD, so NFKC-equivalent
//! input compares equal), case-folded, with Latin, Greek and Cyrillic accents and Arabic vowel
//! marks dropped; cut into words and clauses, each normalised byte mapped back to its source
//! byte. One pass over the sentence, no backtracking.

use super::data::TextData;
use std::sync::atomic::{AtomicU64, Ordering};

/// The writing system of a word: a change of script is a word boundary ("AI生成", "ChatGPT의").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin, Greek, Cyrillic, Armenian, ...: letters in words separated by spaces.
    Alphabet,
    /// Han and kana: every character is a word of its own.
    Ideograph,
    /// Hangul.
    Hangul,
    /// Arabic.
    Arabic,
    /// Devanagari and the other Indic scripts.
    Indic,
    /// ASCII digits.
    Digit,
}

/// One word of a normalised sentence.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// Byte range in the normalised text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// Its script.
    pub script: Script,
    /// Index of its clause in the sentence.
    pub clause: u16,
    /// Inside a hashtag.
    pub in_tag: bool,
    /// Inside quotation marks.
    pub quoted: bool,
    /// The source word starts with an uppercase letter.
    pub upper_initial: bool,
    /// Every letter of the source word is uppercase (and it has at least one).
    pub all_upper: bool,
    /// Preceded directly by a dot that follows a word ("poster.ai": a file extension).
    pub after_dot: bool,
}

/// A normalised sentence.
#[derive(Debug, Default)]
pub struct Sentence {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the source of the character it came from.
    pub map: Vec<usize>,
    /// The words, in order.
    pub words: Vec<Word>,
    /// Hashtags: (first word, last word) index ranges, inclusive.
    pub tags: Vec<(usize, usize)>,
    /// The sentence ends with a question mark.
    pub question: bool,
}

/// Emoji and pictograph blocks (Miscellaneous Symbols and Pictographs to Symbols and
/// Pictographs Extended-A): no letters, no digits, no decompositions, no case.
const PICTOGRAPHS: std::ops::RangeInclusive<char> = '\u{1F300}'..='\u{1FAFF}';

/// `char::is_alphanumeric` with fast answers for ASCII and for blocks with no letter or digit
/// that padding and decoration are made of: General Punctuation (U+2000–U+206F: spaces, dashes,
/// zero-width and direction marks), variation selectors, tags, and the emoji and pictograph
/// blocks (U+1F300–U+1FAFF). The standard library answers any other character with a table
/// search. The test below compares every character.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(
        c,
        '\u{2000}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{1F300}'..='\u{1FAFF}' // PICTOGRAPHS
            | '\u{E0000}'..='\u{E01EF}'
    ) {
        false
    } else {
        alnum_cached(c)
    }
}

/// Code points covered by [`alnum_cached`]'s table: the first three planes.
const TABLE_END: usize = 0x3_0000;
/// One bit a code point, filled a page of 256 code points at a time on first use.
static ALNUM: [AtomicU64; TABLE_END / 64] = [const { AtomicU64::new(0) }; TABLE_END / 64];
/// One bit a page of [`ALNUM`]: set once the page is filled.
static PAGES: [AtomicU64; TABLE_END / 256 / 64] =
    [const { AtomicU64::new(0) }; TABLE_END / 256 / 64];

/// `char::is_alphanumeric`, remembered: the standard library searches a table for every
/// character outside ASCII (a third of the time of text that changes script at each
/// character), while a text repeats the few hundred characters of its scripts. Filling a page
/// costs 256 searches; races only fill a page twice, with the same bits.
fn alnum_cached(c: char) -> bool {
    let Ok(u) = usize::try_from(u32::from(c)) else {
        return c.is_alphanumeric();
    };
    let page = u / 256;
    let (Some(done), Some(bits)) = (PAGES.get(page / 64), ALNUM.get(u / 64)) else {
        return c.is_alphanumeric();
    };
    let page_bit = 1u64 << (page % 64);
    if done.load(Ordering::Relaxed) & page_bit == 0 {
        for w in 0..4 {
            let first = page * 256 + w * 64;
            let mut v = 0u64;
            for i in 0..64 {
                let cp = u32::try_from(first + i).ok().and_then(char::from_u32);
                if cp.is_some_and(char::is_alphanumeric) {
                    v |= 1 << i;
                }
            }
            if let Some(slot) = ALNUM.get(first / 64) {
                slot.store(v, Ordering::Relaxed);
            }
        }
        done.fetch_or(page_bit, Ordering::Release);
    } else {
        std::sync::atomic::fence(Ordering::Acquire);
    }
    bits.load(Ordering::Relaxed) & (1u64 << (u % 64)) != 0
}

fn script(c: char) -> Option<Script> {
    if c.is_ascii() {
        return if c.is_ascii_digit() {
            Some(Script::Digit)
        } else if c.is_ascii_alphabetic() {
            Some(Script::Alphabet)
        } else {
            None
        };
    }
    let u = u32::from(c);
    let s = match u {
        0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => Script::Ideograph,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x0DFF => Script::Indic,
        _ if is_alnum(c) => Script::Alphabet,
        _ => return None,
    };
    Some(s)
}

/// A word character in `prev`'s word: letters, digits, and marks continuing a word.
fn word_script(data: Option<&TextData>, c: char, prev: Option<Script>) -> Option<Script> {
    if let Some(s) = script(c) {
        return Some(s);
    }
    if data.is_some_and(|d| d.is_combining_mark(c)) {
        return prev;
    }
    None
}

/// Quotation marks. All are treated as toggles (`„…“`, `«…»`, `»…«`, `”…”` alike).
pub fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '「'
            | '」'
            | '『'
            | '』'
            | '《'
            | '》'
            | '〝'
            | '〞'
    )
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›')
}

/// Characters that end a clause: the parts of a label line ("Image: Midjourney", "(Made with
/// AI)", "【AI生成】") and emoji or symbols standing between phrases.
fn ends_clause(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let letter = |x: Option<char>| x.is_some_and(is_alnum);
    match c {
        // "ChatGPT:n" (a Finnish case ending) is one word; "Image: Midjourney", "图片：由" end a
        // clause.
        ':' => {
            let latin = |x: Option<char>| {
                x.and_then(script)
                    .is_some_and(|s| matches!(s, Script::Alphabet | Script::Digit))
            };
            !(latin(prev) && latin(next) && !next.is_some_and(char::is_uppercase))
        }
        ';' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '•' | '—' | '–' | '―' | '※' | '\n'
        | '\r' | '\u{2028}' | '\u{2029}' | '#' | '/' | '\\' => true,
        '·' | '・' => !(letter(prev) && letter(next)),
        '-' => !letter(prev) && !letter(next),
        _ => !is_alnum(c) && u32::from(c) >= 0x2190 && !is_quote(c),
    }
}

/// Normalise `src` (one sentence). `src` should be at most a few KiB: the caller cuts longer
/// runs.
pub fn normalise(src: &str) -> Sentence {
    let mut s = Sentence {
        question: src.trim_end().ends_with(['?', '？', '¿', ';', '؟'])
            && !src.trim_end().ends_with(';'),
        ..Sentence::default()
    };
    let _ = s.text.try_reserve(src.len());
    let _ = s.map.try_reserve(src.len());
    let mut clause: u16 = 0;
    let mut quoted = false;
    let mut cur: Option<Word> = None;
    let mut tag_start: Option<usize> = None;
    let mut prev_src: Option<char> = None;
    let mut pending_dot = false;
    let mut out: Vec<char> = Vec::new();
    // The character `out` holds the folding of.
    let mut folded: Option<char> = None;
    let mut chars = src.char_indices().peekable();
    // The Unicode data, loaded before any sentence reaches here (the lexicon needs it first).
    let data = super::data::get();
    let decompose = |c: char, emit: &mut dyn FnMut(char)| match data {
        Some(d) => d.decompose(c, emit),
        None => emit(c),
    };
    while let Some((at, c)) = chars.next() {
        // Invisible format characters (zero-width space, word joiner, direction marks, the
        // zero-width no-break space) are not part of any word: "A\u{200B}I" reads as "AI".
        // ZWJ and ZWNJ stay: they shape Indic and Persian words.
        if matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        ) {
            continue;
        }
        // A joiner repeating the one before it shapes nothing more: runs of them (padding, a
        // hostile text's millions) cost one.
        if matches!(c, '\u{200C}' | '\u{200D}') && prev_src == Some(c) {
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        // Compatibility decomposition, case folding and accent folding of one character; a run
        // of one character (a hostile text's millions of U+FDFA, which folds to 18) folds once.
        if folded != Some(c) {
            out.clear();
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if ('\u{AC00}'..='\u{D7A3}').contains(&c) || PICTOGRAPHS.contains(&c) {
                // Hangul syllables stay whole; pictographs have no decomposition and no case (the
                // test `pictographs_normalise_to_themselves` checks the whole block).
                out.push(c);
            } else {
                decompose(c, &mut |d| {
                    if matches!(u32::from(d), 0x300..=0x36F | 0x64B..=0x65F | 0x670 | 0x591..=0x5C7)
                    {
                        return;
                    }
                    for l in d.to_lowercase() {
                        match l {
                            'ß' => out.extend(['s', 's']),
                            'æ' => out.extend(['a', 'e']),
                            'œ' => out.extend(['o', 'e']),
                            'ø' => out.push('o'),
                            'ł' => out.push('l'),
                            'đ' | 'ð' => out.push('d'),
                            'ħ' => out.push('h'),
                            'ı' => out.push('i'),
                            'þ' => out.extend(['t', 'h']),
                            'ς' => out.push('σ'),
                            'ـ' => {}
                            _ => out.push(l),
                        }
                    }
                });
            }
            folded = Some(c);
        }
        for &d in &out {
            let ws = word_script(data, d, cur.map(|w| w.script));
            let start = s.text.len();
            match (ws, cur.as_mut()) {
                (Some(sc), Some(w)) if w.script == sc && sc != Script::Ideograph => {
                    w.end = start.saturating_add(d.len_utf8());
                    if c.is_lowercase() {
                        w.all_upper = false;
                    }
                }
                (Some(sc), _) => {
                    if let Some(w) = cur.take() {
                        s.words.push(w);
                    }
                    let in_tag = tag_start.is_some();
                    cur = Some(Word {
                        start,
                        end: start.saturating_add(d.len_utf8()),
                        script: sc,
                        clause,
                        in_tag,
                        quoted,
                        upper_initial: c.is_uppercase(),
                        all_upper: c.is_uppercase(),
                        after_dot: pending_dot,
                    });
                }
                (None, _) => {
                    if let Some(w) = cur.take() {
                        s.words.push(w);
                    }
                    pending_dot = d == '.' && prev_src.is_some_and(is_alnum);
                    let hash = d == '#';
                    if tag_start.is_some() && d != '_' {
                        if let Some(t0) = tag_start.take() {
                            if s.words.len() > t0 {
                                s.tags.push((t0, s.words.len().saturating_sub(1)));
                            }
                        }
                        clause = clause.saturating_add(1);
                    }
                    if hash && next.is_some_and(|n| script(n).is_some()) {
                        clause = clause.saturating_add(1);
                        tag_start = Some(s.words.len());
                    } else if is_quote(d)
                        || (is_single_quote(d)
                            && if quoted {
                                !next.is_some_and(is_alnum)
                            } else {
                                !prev_src.is_some_and(is_alnum) && next.is_some_and(is_alnum)
                            })
                    {
                        // Single quotes open before a word and close after one; an apostrophe
                        // inside or after a word ("l'IA", "ta' ChatGPT") is neither.
                        quoted = !quoted;
                    } else if ends_clause(d, prev_src, next) {
                        clause = clause.saturating_add(1);
                    }
                }
            }
            s.text.push(d);
            for _ in 0..d.len_utf8() {
                s.map.push(at);
            }
        }
        if script(c).is_some() {
            pending_dot = false;
        }
        prev_src = Some(c);
    }
    if let Some(w) = cur.take() {
        s.words.push(w);
    }
    if let Some(t0) = tag_start {
        if s.words.len() > t0 {
            s.tags.push((t0, s.words.len().saturating_sub(1)));
        }
    }
    s
}

impl Sentence {
    /// The normalised text of word `i`.
    pub fn word(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.text.get(w.start..w.end))
            .unwrap_or_default()
    }

    /// The source byte range (relative to the sentence) of words `a..=b`.
    pub fn source_range(&self, a: usize, b: usize, src: &str) -> std::ops::Range<usize> {
        let start = self
            .words
            .get(a)
            .and_then(|w| self.map.get(w.start))
            .copied()
            .unwrap_or(0);
        let end = self
            .words
            .get(b)
            .and_then(|w| self.map.get(w.end.saturating_sub(1)))
            .map_or(src.len(), |&o| {
                let mut e = o.saturating_add(1);
                while e < src.len() && !src.is_char_boundary(e) {
                    e = e.saturating_add(1);
                }
                e
            });
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_run_of_one_character_folds_as_each_would_alone() {
        // U+FDFA folds to 18 characters (NFKC); "Ä" to "a"; a run of each, and the two
        // alternating, give the folding of one, repeated.
        let one = |c: &str| super::normalise(c).text;
        for run in ["\u{FDFA}", "Ä", "ﬃ", "A"] {
            let alone = one(run);
            assert!(!alone.is_empty(), "{run}");
            assert_eq!(one(&run.repeat(3)), alone.repeat(3), "{run}");
        }
        let (a, b) = (one("\u{FDFA}"), one("Ä"));
        assert_eq!(one("\u{FDFA}Ä\u{FDFA}Ä"), format!("{a}{b}{a}{b}"));
        assert_eq!(one("\u{FDFA}\u{200B}\u{FDFA}"), format!("{a}{a}"));
    }

    #[test]
    fn pictographs_normalise_to_themselves() {
        let data = super::super::data::get().expect("the text data is compiled in natively");
        for c in super::PICTOGRAPHS {
            let mut d = Vec::new();
            data.decompose(c, |x| d.push(x));
            assert_eq!(d, [c], "U+{:04X} decomposes", u32::from(c));
            assert!(
                c.to_lowercase().eq([c]),
                "U+{:04X} has a lower case",
                u32::from(c)
            );
            assert!(
                !data.is_combining_mark(c),
                "U+{:04X} is a mark",
                u32::from(c)
            );
        }
    }

    #[test]
    fn is_alnum_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                super::is_alnum(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    use super::*;

    fn words(s: &str) -> Vec<String> {
        let n = normalise(s);
        (0..n.words.len()).map(|i| n.word(i).to_owned()).collect()
    }

    #[test]
    fn folds_and_splits() {
        assert_eq!(words("Généré par l'IA"), ["genere", "par", "l", "ia"]);
        assert_eq!(words("KI-generiert Straße"), ["ki", "generiert", "strasse"]);
        assert_eq!(words("AI生成"), ["ai", "生", "成"]);
        assert_eq!(words("ChatGPT의 ＡＩ"), ["chatgpt", "의", "ai"]);
        assert_eq!(words("ΤΕΧΝΗΤΉ"), ["τεχνητη"]);
        assert_eq!(words("mu\u{301}ltiple"), ["multiple"]);
        assert_eq!(words("ChatGPT:n avulla"), ["chatgpt", "n", "avulla"]);
        // Invisible format characters do not split words; ZWNJ (Persian) still does.
        assert_eq!(
            words("A\u{200B}I gen\u{2060}erated\u{FEFF}"),
            ["ai", "generated"]
        );
        assert_eq!(words("Chat\u{200E}GPT"), ["chatgpt"]);
        assert_eq!(words("ab\u{200C}cd").len(), 2);
    }

    #[test]
    fn marks_clauses_quotes_tags_and_extensions() {
        let n = normalise("Image: Midjourney (made with AI) \"quoted AI\" #AIart poster.ai");
        let clause: Vec<u16> = n.words.iter().map(|w| w.clause).collect();
        assert_eq!(clause[0], 0);
        assert_eq!(clause[1], 1);
        assert_eq!(clause[2], 2);
        assert!(n.words[5].quoted && n.words[6].quoted && !n.words[4].quoted);
        assert_eq!(n.tags, [(7, 7)]);
        assert!(n.words[7].in_tag);
        assert!(n.words[9].after_dot && !n.words[8].after_dot);
        assert!(n.words[1].upper_initial && !n.words[1].all_upper);
        assert!(n.words[4].all_upper);
        // The map leads back to the source.
        let src = "Ünïcode ＡＩ";
        let n = normalise(src);
        assert_eq!(n.source_range(1, 1, src), 10..16);
    }
}
