//! The grammar's data as one binary part, `ailabel_text.bin`: the language tables and tool
//! names ([`super::lang`]), the Unicode data the normalisation needs (the full compatibility
//! decomposition of every character, and the combining marks), and the data of NFC, which the
//! C2PA text hash needs ([`crate::c2pa`]'s `nfc`: the full canonical decompositions, the
//! canonical compositions and the canonical combining classes), all taken from the
//! `unicode-normalization` crate.
//!
//! Why a separate part: these tables are most of the browser module's static data, and only a
//! text or HTML input needs them (an input whose C2PA manifest sits in a text wrapper asks for
//! it in [`crate::pipeline`], before the C2PA step). Native builds compile the file in (`include_bytes!`); the
//! browser build leaves it out, and the wasm facade loads it on the first check that asks for
//! it (see [`get`] and [`take_wanted`]; `loadTextData` and `setTextDataLoader` in `src/wasm/`).
//! Both read the same bytes through the same [`decode`], so their results are the same.
//!
//! The file is generated, never edited: the unit test `text_data_file_is_current` builds it from
//! the Rust tables and the crate, and fails when the committed file differs (regenerate with
//! `AILABEL_BLESS=1 cargo test --lib text_data_file_is_current`).
//!
//! Layout (integers little-endian, a string is a `u32` byte length then UTF-8): the magic
//! `AILT`, a `u32` version; the languages (`u32` count; each: a `u8` for `neg_after`, then
//! `code`, `name`, `ai`, `made`, `edited`, `help`, `by`, `this`, `neg`, `cue`, `glue`, `art`);
//! the tools (`u32` count; each: a `u8` for `ambiguous`, `name`, `patterns`); the four shared
//! lists (AI, part, may, contain); the decompositions (`u32` count of `u32` triples: code
//! point, byte offset and byte length in the next string, ascending by code point; Hangul
//! syllables are computed, not listed), the string of decomposed characters; the combining
//! marks (`u32` count of `u32` pairs: first and last code point of a range, ascending); the
//! canonical decompositions (laid out as the compatibility ones); the canonical compositions
//! (`u32` count of `u32` triples: first, second, composed, ascending by first then second;
//! Hangul syllables are computed, not listed); the canonical combining classes (`u32` count of
//! ranges: `u32` first and last code point and a `u8` class, ascending, class 0 not listed).

use super::table::{Lang, Tool};
use crate::bytes::{to_usize, Reader};
use crate::error::{Error, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// What starts the file.
const MAGIC: &[u8; 4] = b"AILT";
/// The layout's version.
const VERSION: u32 = 2;

/// The decoded data.
#[derive(Debug)]
pub struct TextData {
    /// The language tables.
    pub langs: Vec<Lang>,
    /// The AI tools.
    pub tools: Vec<Tool>,
    /// AI terms of every language.
    pub shared_ai: &'static str,
    /// "Partly" words, all languages.
    pub shared_part: &'static str,
    /// "May" words, all languages.
    pub shared_may: &'static str,
    /// "Contain" words, all languages.
    pub shared_contain: &'static str,
    /// (code point, start, end) of each listed decomposition in `decomposed`.
    decompositions: Vec<(u32, usize, usize)>,
    /// The decomposed characters, one after another.
    decomposed: &'static str,
    /// Ranges of combining marks, inclusive.
    marks: Vec<(u32, u32)>,
    /// (code point, start, end) of each listed canonical decomposition in `canonical`.
    canonical_index: Vec<(u32, usize, usize)>,
    /// The canonically decomposed characters, one after another.
    canonical: &'static str,
    /// (first, second, composed) of each canonical composition, ascending by (first, second).
    compositions: Vec<(u32, u32, u32)>,
    /// (first, last, class) of each range of a nonzero canonical combining class.
    classes: Vec<(u32, u32, u8)>,
}

/// Hangul syllables (Unicode §3.12, "Conjoining Jamo Behavior").
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = 588;
const S_COUNT: u32 = 11172;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;

/// Emit the decomposition of `c` listed in `index` (into `chars`), or of a Hangul syllable,
/// or `c` itself.
fn decompose_with(index: &[(u32, usize, usize)], chars: &str, c: char, mut emit: impl FnMut(char)) {
    let cp = u32::from(c);
    if let Some(s) = cp.checked_sub(S_BASE).filter(|s| *s < S_COUNT) {
        let jamo = [
            Some(L_BASE + s / N_COUNT),
            Some(V_BASE + (s % N_COUNT) / T_COUNT),
            Some(s % T_COUNT).filter(|t| *t != 0).map(|t| T_BASE + t),
        ];
        for j in jamo.into_iter().flatten().filter_map(char::from_u32) {
            emit(j);
        }
        return;
    }
    let found = index
        .binary_search_by_key(&cp, |d| d.0)
        .ok()
        .and_then(|i| index.get(i))
        .and_then(|&(_, start, end)| chars.get(start..end));
    match found {
        Some(d) => d.chars().for_each(emit),
        None => emit(c),
    }
}

impl TextData {
    /// Emit the full compatibility decomposition of `c` (NFKD of the one character), as
    /// `unicode_normalization::char::decompose_compatible` does.
    pub fn decompose(&self, c: char, emit: impl FnMut(char)) {
        decompose_with(&self.decompositions, self.decomposed, c, emit);
    }

    /// Emit the full canonical decomposition of `c`, as
    /// `unicode_normalization::char::decompose_canonical` does.
    pub fn decompose_canonical(&self, c: char, emit: impl FnMut(char)) {
        decompose_with(&self.canonical_index, self.canonical, c, emit);
    }

    /// The canonical combining class of `c`, as
    /// `unicode_normalization::char::canonical_combining_class` says.
    pub fn combining_class(&self, c: char) -> u8 {
        let cp = u32::from(c);
        let i = self.classes.partition_point(|r| r.1 < cp);
        self.classes.get(i).filter(|r| r.0 <= cp).map_or(0, |r| r.2)
    }

    /// The primary composite of `a` and `b`, as `unicode_normalization::char::compose` says
    /// (Hangul syllables by Unicode §3.12, the rest from the list).
    pub fn compose(&self, a: char, b: char) -> Option<char> {
        let (a, b) = (u32::from(a), u32::from(b));
        let l = a.checked_sub(L_BASE).filter(|l| *l < L_COUNT);
        let v = b.checked_sub(V_BASE).filter(|v| *v < V_COUNT);
        if let (Some(l), Some(v)) = (l, v) {
            return char::from_u32(S_BASE + l * N_COUNT + v * T_COUNT);
        }
        let lv = a
            .checked_sub(S_BASE)
            .filter(|s| *s < S_COUNT && s % T_COUNT == 0);
        let t = b.checked_sub(T_BASE).filter(|t| (1..T_COUNT).contains(t));
        if let (Some(_), Some(t)) = (lv, t) {
            return char::from_u32(a + t);
        }
        self.compositions
            .binary_search_by_key(&(a, b), |x| (x.0, x.1))
            .ok()
            .and_then(|i| self.compositions.get(i))
            .and_then(|x| char::from_u32(x.2))
    }

    /// Whether `c` is a combining mark (general category M), as
    /// `unicode_normalization::char::is_combining_mark` says.
    pub fn is_combining_mark(&self, c: char) -> bool {
        let cp = u32::from(c);
        let i = self.marks.partition_point(|r| r.1 < cp);
        self.marks.get(i).is_some_and(|r| r.0 <= cp)
    }
}

fn string(r: &mut Reader<'static>) -> Result<&'static str> {
    let n = r.u32_le("string length")?;
    let b = r.take_len(u64::from(n), "string")?;
    std::str::from_utf8(b).map_err(|_| Error::malformed("expected UTF-8 in the text data"))
}

fn flag(r: &mut Reader<'static>) -> Result<bool> {
    Ok(r.u8("flag")? != 0)
}

/// A count, checked against what is left (each item is at least `min` bytes).
fn count(r: &mut Reader<'static>, min: usize) -> Result<usize> {
    let n = to_usize(u64::from(r.u32_le("count")?), "count")?;
    if n.checked_mul(min).is_none_or(|b| b > r.remaining()) {
        return Err(Error::malformed("expected fewer items in the text data"));
    }
    Ok(n)
}

/// Read `ailabel_text.bin`.
///
/// # Errors
/// When the bytes are not that file (wrong magic or version, truncated, not UTF-8, tables out of
/// order).
pub fn decode(bytes: &'static [u8]) -> Result<TextData> {
    let mut r = Reader::new(bytes, "text data");
    r.expect(MAGIC, "text data magic")?;
    if r.u32_le("text data version")? != VERSION {
        return Err(Error::unsupported("expected version 2 of the text data"));
    }
    let n = count(&mut r, 49)?;
    let mut langs = Vec::new();
    crate::bytes::try_reserve(&mut langs, n, "languages")?;
    for _ in 0..n {
        let neg_after = flag(&mut r)?;
        langs.push(Lang {
            neg_after,
            code: string(&mut r)?,
            name: string(&mut r)?,
            ai: string(&mut r)?,
            made: string(&mut r)?,
            edited: string(&mut r)?,
            help: string(&mut r)?,
            by: string(&mut r)?,
            this: string(&mut r)?,
            neg: string(&mut r)?,
            cue: string(&mut r)?,
            glue: string(&mut r)?,
            art: string(&mut r)?,
        });
    }
    let n = count(&mut r, 9)?;
    let mut tools = Vec::new();
    crate::bytes::try_reserve(&mut tools, n, "tools")?;
    for _ in 0..n {
        let ambiguous = flag(&mut r)?;
        tools.push(Tool {
            ambiguous,
            name: string(&mut r)?,
            patterns: string(&mut r)?,
        });
    }
    let (shared_ai, shared_part) = (string(&mut r)?, string(&mut r)?);
    let (shared_may, shared_contain) = (string(&mut r)?, string(&mut r)?);
    let (raw, decomposed) = decompositions(&mut r)?;
    let n = count(&mut r, 8)?;
    let mut marks = Vec::new();
    crate::bytes::try_reserve(&mut marks, n, "combining marks")?;
    for _ in 0..n {
        marks.push((r.u32_le("range start")?, r.u32_le("range end")?));
    }
    if !marks.windows(2).all(|w| matches!(w, [a, b] if a.1 < b.0)) {
        return Err(Error::malformed(
            "expected ordered mark ranges in the text data",
        ));
    }
    let (canonical_index, canonical) = decompositions(&mut r)?;
    let n = count(&mut r, 12)?;
    let mut compositions = Vec::new();
    crate::bytes::try_reserve(&mut compositions, n, "compositions")?;
    for _ in 0..n {
        let first = r.u32_le("first")?;
        compositions.push((first, r.u32_le("second")?, r.u32_le("composed")?));
    }
    if !compositions
        .windows(2)
        .all(|w| matches!(w, [a, b] if (a.0, a.1) < (b.0, b.1)))
    {
        return Err(Error::malformed(
            "expected ordered compositions in the text data",
        ));
    }
    let n = count(&mut r, 9)?;
    let mut classes = Vec::new();
    crate::bytes::try_reserve(&mut classes, n, "combining classes")?;
    for _ in 0..n {
        let first = r.u32_le("range start")?;
        classes.push((first, r.u32_le("range end")?, r.u8("class")?));
    }
    let ordered = classes.windows(2).all(|w| matches!(w, [a, b] if a.1 < b.0));
    if !ordered || classes.iter().any(|c| c.0 > c.1) || !r.is_empty() {
        return Err(Error::malformed(
            "expected ordered combining-class ranges to end the text data",
        ));
    }
    Ok(TextData {
        langs,
        tools,
        shared_ai,
        shared_part,
        shared_may,
        shared_contain,
        decompositions: raw,
        decomposed,
        marks,
        canonical_index,
        canonical,
        compositions,
        classes,
    })
}

/// A decomposition table: the records and the string they point into.
type Decompositions = (Vec<(u32, usize, usize)>, &'static str);

fn decompositions(r: &mut Reader<'static>) -> Result<Decompositions> {
    let n = count(r, 12)?;
    let mut raw = Vec::new();
    crate::bytes::try_reserve(&mut raw, n, "decompositions")?;
    for _ in 0..n {
        let cp = r.u32_le("code point")?;
        let start = to_usize(u64::from(r.u32_le("offset")?), "offset")?;
        let len = to_usize(u64::from(r.u32_le("length")?), "length")?;
        raw.push((cp, start, start.saturating_add(len)));
    }
    let chars = string(r)?;
    let ordered = raw.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0));
    if !ordered || raw.iter().any(|d| chars.get(d.1..d.2).is_none()) {
        return Err(Error::malformed(
            "expected ordered decompositions in the text data",
        ));
    }
    Ok((raw, chars))
}

static DATA: OnceLock<TextData> = OnceLock::new();
/// Set when the data was asked for before it was loaded (browser build).
static WANTED: AtomicBool = AtomicBool::new(false);

/// The data, if loaded. Native builds load the compiled-in file on first use; in the browser
/// build `None` until [`load`], and asking then records that it is wanted ([`take_wanted`]).
pub fn get() -> Option<&'static TextData> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "text-module"))]
    {
        static FILE: &[u8] = include_bytes!("ailabel_text.bin");
        if DATA.get().is_none() {
            if let Ok(d) = decode(FILE) {
                let _ = DATA.set(d);
            }
        }
    }
    let d = DATA.get();
    if d.is_none() {
        WANTED.store(true, Ordering::Relaxed);
    }
    d
}

/// Whether a check asked for the data while it was not loaded, since the last call; clears the
/// mark. The wasm facade then loads the data and prepares the input again.
pub fn take_wanted() -> bool {
    WANTED.swap(false, Ordering::Relaxed)
}

/// Whether the data is loaded.
pub fn loaded() -> bool {
    DATA.get().is_some()
}

/// Load the data from the bytes of `ailabel_text.bin` (kept for the life of the program). Does
/// nothing when it is already loaded.
///
/// # Errors
/// When the bytes are not that file.
pub fn load(bytes: Vec<u8>) -> Result<()> {
    if loaded() {
        return Ok(());
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let d = decode(bytes)?;
    let _ = DATA.set(d);
    Ok(())
}

/// The generator of `ailabel_text.bin` and its checks: the committed file is what the Rust
/// tables and `unicode-normalization` give, and decoding it gives them back exactly.
#[cfg(test)]
mod tests {
    use super::super::lang::{LANGS, SHARED_AI, SHARED_CONTAIN, SHARED_MAY, SHARED_PART, TOOLS};
    use super::*;
    use std::collections::HashMap;
    use unicode_normalization::char::{
        canonical_combining_class, compose, decompose_canonical, decompose_compatible,
        is_combining_mark,
    };

    fn put_str(out: &mut Vec<u8>, s: &str) {
        out.extend(u32::try_from(s.len()).unwrap().to_le_bytes());
        out.extend(s.as_bytes());
    }

    fn put_u32(out: &mut Vec<u8>, n: usize) {
        out.extend(u32::try_from(n).unwrap().to_le_bytes());
    }

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    fn is_hangul_syllable(c: char) -> bool {
        ('\u{AC00}'..='\u{D7A3}').contains(&c)
    }

    /// The file's bytes, from the tables and the crate.
    fn encode() -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(VERSION.to_le_bytes());
        put_u32(&mut out, LANGS.len());
        for l in LANGS {
            out.push(u8::from(l.neg_after));
            for s in [
                l.code, l.name, l.ai, l.made, l.edited, l.help, l.by, l.this, l.neg, l.cue, l.glue,
                l.art,
            ] {
                put_str(&mut out, s);
            }
        }
        put_u32(&mut out, TOOLS.len());
        for t in TOOLS {
            out.push(u8::from(t.ambiguous));
            put_str(&mut out, t.name);
            put_str(&mut out, t.patterns);
        }
        for s in [SHARED_AI, SHARED_PART, SHARED_MAY, SHARED_CONTAIN] {
            put_str(&mut out, s);
        }
        put_decompositions(&mut out, |c, emit| decompose_compatible(c, emit));
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in all_chars().filter(|c| is_combining_mark(*c)) {
            let cp = u32::from(c);
            match ranges.last_mut() {
                Some(r) if r.1 + 1 == cp => r.1 = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        put_u32(&mut out, ranges.len());
        for (a, b) in ranges {
            out.extend(a.to_le_bytes());
            out.extend(b.to_le_bytes());
        }
        put_decompositions(&mut out, |c, emit| decompose_canonical(c, emit));
        let compositions = compositions();
        put_u32(&mut out, compositions.len());
        for (a, b, x) in compositions {
            for n in [a, b, x] {
                out.extend(u32::from(n).to_le_bytes());
            }
        }
        let mut classes: Vec<(u32, u32, u8)> = Vec::new();
        for c in all_chars() {
            let (cp, class) = (u32::from(c), canonical_combining_class(c));
            match classes.last_mut() {
                Some(r) if r.1 + 1 == cp && r.2 == class => r.1 = cp,
                _ if class != 0 => classes.push((cp, cp, class)),
                _ => {}
            }
        }
        put_u32(&mut out, classes.len());
        for (a, b, class) in classes {
            out.extend(a.to_le_bytes());
            out.extend(b.to_le_bytes());
            out.push(class);
        }
        out
    }

    /// The decomposition of every character that has one (Hangul syllables aside).
    fn put_decompositions(out: &mut Vec<u8>, decompose: impl Fn(char, &mut dyn FnMut(char))) {
        let mut records = Vec::new();
        let mut decomposed = String::new();
        for c in all_chars().filter(|c| !is_hangul_syllable(*c)) {
            let mut d = String::new();
            decompose(c, &mut |x| d.push(x));
            if d.chars().eq([c]) {
                continue;
            }
            records.push((u32::from(c), decomposed.len(), d.len()));
            decomposed.push_str(&d);
        }
        put_u32(out, records.len());
        for (cp, start, len) in records {
            out.extend(cp.to_le_bytes());
            put_u32(out, start);
            put_u32(out, len);
        }
        put_str(out, &decomposed);
    }

    fn full_canonical(c: char) -> Vec<char> {
        let mut d = Vec::new();
        decompose_canonical(c, |x| d.push(x));
        d
    }

    /// Every pair the crate composes, Hangul syllables aside. Complete: a composite `x` of `a`
    /// and `b` decomposes fully into the full decomposition of `a` followed by that of `b`
    /// (UAX #15 §1.3), so every split of every character's full decomposition into two
    /// characters' full decompositions is tried, and the crate keeps the pairs it composes.
    fn compositions() -> Vec<(char, char, char)> {
        let mut by_decomposition: HashMap<Vec<char>, Vec<char>> = HashMap::new();
        for c in all_chars() {
            by_decomposition
                .entry(full_canonical(c))
                .or_default()
                .push(c);
        }
        let mut out = Vec::new();
        for x in all_chars().filter(|c| !is_hangul_syllable(*c)) {
            let d = full_canonical(x);
            for k in 1..d.len() {
                let (Some(firsts), Some(seconds)) =
                    (by_decomposition.get(&d[..k]), by_decomposition.get(&d[k..]))
                else {
                    continue;
                };
                for &a in firsts {
                    for &b in seconds {
                        if compose(a, b) == Some(x) {
                            out.push((a, b, x));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn text_data_file_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/labels/text/grammar/ailabel_text.bin"
        );
        let want = encode();
        if std::env::var_os("AILABEL_BLESS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read(path).unwrap_or_default();
        assert!(
            have == want,
            "src/labels/text/grammar/ailabel_text.bin is not what the tables give: regenerate it with \
             AILABEL_BLESS=1 cargo test --lib text_data_file_is_current"
        );
    }

    #[test]
    fn decoding_gives_the_tables_back() {
        let d = decode(Box::leak(encode().into_boxed_slice())).unwrap();
        assert_eq!(format!("{:?}", d.langs), format!("{:?}", LANGS));
        assert_eq!(format!("{:?}", d.tools), format!("{TOOLS:?}"));
        assert_eq!(
            [d.shared_ai, d.shared_part, d.shared_may, d.shared_contain],
            [SHARED_AI, SHARED_PART, SHARED_MAY, SHARED_CONTAIN]
        );
    }

    #[test]
    fn every_character_decomposes_and_classifies_as_the_crate_says() {
        let d = get().unwrap();
        for c in all_chars() {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            d.decompose(c, |x| ours.push(x));
            decompose_compatible(c, |x| theirs.push(x));
            assert_eq!(ours, theirs, "{c:?}");
            assert_eq!(d.is_combining_mark(c), is_combining_mark(c), "{c:?}");
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            d.decompose_canonical(c, |x| ours.push(x));
            decompose_canonical(c, |x| theirs.push(x));
            assert_eq!(ours, theirs, "{c:?}");
            assert_eq!(d.combining_class(c), canonical_combining_class(c), "{c:?}");
        }
    }

    #[test]
    fn compositions_are_the_crates() {
        let d = get().unwrap();
        let listed = compositions();
        for &(a, b, x) in &listed {
            assert_eq!(d.compose(a, b), Some(x), "{a:?} {b:?}");
        }
        // Hangul: every leading consonant with every vowel, every LV syllable with every
        // trailing consonant (and the non-composing T_BASE itself).
        let jamo = |r: std::ops::RangeInclusive<u32>| r.filter_map(char::from_u32);
        for a in jamo(0x1100..=0x1112).chain(jamo(0xAC00..=0xD7A3)) {
            for b in jamo(0x1161..=0x1175).chain(jamo(0x11A7..=0x11C2)) {
                assert_eq!(d.compose(a, b), compose(a, b), "{a:?} {b:?}");
            }
        }
        // Pairs that do not compose, next to pairs that do.
        for &(a, b, _) in listed.iter().step_by(7) {
            for (p, q) in [(b, a), (a, a), (b, b)] {
                assert_eq!(d.compose(p, q), compose(p, q), "{p:?} {q:?}");
            }
        }
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = encode();
        assert!(decode(Box::leak(good.clone().into_boxed_slice())).is_ok());
        for cut in [0, 3, 8, 100, good.len() / 2, good.len() - 1] {
            let bad: &'static [u8] = Box::leak(good[..cut].to_vec().into_boxed_slice());
            assert!(decode(bad).is_err(), "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(decode(Box::leak(longer.into_boxed_slice())).is_err());
        let mut wrong = good;
        wrong[4] = 3;
        assert!(decode(Box::leak(wrong.into_boxed_slice())).is_err());
    }
}
