//! The grammar's vocabulary, compiled once: every word of every language table
//! ([`super::data`]) in one [`Scanner`] (linear-time scan, no backtracking), and the terms (one
//! or more words) each word can start.
//!
//! Table syntax, one entry a string: words separated by spaces; `stem*` matches any word that
//! starts with `stem` (inflections: "generier*" for generiert, generierte, generiertes...);
//! `*part*` matches anywhere, inside words too (Arabic clitics, agglutinated suffixes); a plain
//! word matches the whole word. Words in Han, kana or Hangul always match anywhere. An acronym
//! written in capitals (`KI`, `MI`, `IS`) matches only when written in capitals in the text, so
//! Hungarian "mi" (we) and Irish "is" (is) are not AI. Every entry goes through the same
//! normalisation as the text ([`super::norm`]).

use super::data::TextData;
use super::norm::{normalise, Script};
use super::scan::{Mode, Scanner};
use super::table::{Lang, Tool};
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a term is, in the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// An AI term: "AI", "KI", "künstliche Intelligenz", "生成AI".
    Ai,
    /// An AI tool's name: "ChatGPT", "Midjourney".
    Tool,
    /// A verb or participle of making: "generated", "erstellt", "生成".
    Made,
    /// A verb of editing, translating or assisting: "translated", "überarbeitet".
    Edited,
    /// "with the help of": "with the help", "mithilfe", "с помощью", "协助".
    Help,
    /// An agent preposition for "Summary by AI": "by", "von", "par".
    By,
    /// A word pointing at this content: "this", "dieser", "本", "この".
    This,
    /// A negation: "not", "without", "nicht", "ohne", "未".
    Neg,
    /// A word that makes the sentence about something else: a complementiser ("that", "ob"), a
    /// reporting verb ("says", "vermutet") or a word of news about AI ("law", "Gesetz").
    Cue,
    /// Like [`Class::Cue`], but only before the disclosure ("a city that does not exist").
    CueBefore,
    /// A function word (articles, auxiliaries, prepositions): language identification and the
    /// position of the disclosure in its clause.
    Glue,
    /// A noun of art or images in a hashtag ("#AIart").
    Art,
    /// "Partly" (a partial disclosure: edited with AI).
    Part,
    /// "May" of "may contain".
    May,
    /// "Contain" of "may contain".
    Contain,
}

/// One word of a table entry.
#[derive(Debug, Clone, Copy)]
pub struct PatWord {
    /// Index of the automaton pattern.
    pub pat: u32,
    /// Must be written in capitals in the text.
    pub caps: bool,
}

/// One term.
#[derive(Debug, Clone)]
pub struct Term {
    /// What it is.
    pub class: Class,
    /// Index of its language in [`TextData::langs`]; `None` for the shared tool list.
    pub lang: Option<usize>,
    /// Its words.
    pub words: Vec<PatWord>,
    /// For tools: the display name and whether the name is also a common name or word.
    pub tool: Option<&'static Tool>,
}

/// The compiled vocabulary.
pub struct Lexicon {
    /// All words of all tables.
    pub scanner: Scanner,
    /// Mode of each pattern.
    pub modes: Vec<Mode>,
    /// All terms.
    pub terms: Vec<Term>,
    /// Terms by the pattern of their first word.
    pub by_first: Vec<Vec<u32>>,
    /// The first words of the AI terms and tool names alone: a sentence without any is skipped
    /// before the full scan (for all-ASCII text, before it is even normalised).
    pub ai_scanner: Scanner,
    /// Hashtag bodies: AI terms (words joined) and making or art words, all matched anywhere.
    pub tag_scanner: Scanner,
    /// (class, language) of each hashtag pattern.
    pub tag_pats: Vec<(Class, Option<usize>)>,
}

fn parse_word(w: &str) -> Option<(String, Mode, bool)> {
    let (body, mut mode) = if let Some(b) = w.strip_prefix('*').and_then(|b| b.strip_suffix('*')) {
        (b, Mode::Sub)
    } else if let Some(b) = w.strip_suffix('*') {
        (b, Mode::Prefix)
    } else {
        (w, Mode::Word)
    };
    let caps = body.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && body.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let n = normalise(body);
    if n.words.iter().any(|w| w.script == Script::Ideograph) {
        mode = Mode::Sub;
    }
    (!n.text.is_empty()).then_some((n.text, mode, caps))
}

struct Builder {
    pats: Vec<String>,
    modes: Vec<Mode>,
    index: HashMap<(String, Mode), u32>,
    terms: Vec<Term>,
    tag: Vec<String>,
    tag_pats: Vec<(Class, Option<usize>)>,
}

impl Builder {
    fn pat(&mut self, text: String, mode: Mode) -> u32 {
        if let Some(&i) = self.index.get(&(text.clone(), mode)) {
            return i;
        }
        let i = u32::try_from(self.pats.len()).unwrap_or(u32::MAX);
        self.pats.push(text.clone());
        self.modes.push(mode);
        self.index.insert((text, mode), i);
        i
    }

    fn add(&mut self, class: Class, lang: Option<usize>, entry: &str, tool: Option<&'static Tool>) {
        let (class, entry) = match (class, entry.strip_prefix('<')) {
            (Class::Cue, Some(e)) => (Class::CueBefore, e),
            _ => (class, entry),
        };
        let mut words = Vec::new();
        let mut joined = String::new();
        for w in entry.split_whitespace() {
            // A word may itself normalise to several words ("KI-Tool"): keep them in order.
            let Some((text, mode, caps)) = parse_word(w) else {
                continue;
            };
            let sub = normalise(&text);
            let n = sub.words.len();
            for (k, wd) in sub.words.iter().enumerate() {
                let t = sub
                    .text
                    .get(wd.start..wd.end)
                    .unwrap_or_default()
                    .to_owned();
                joined.push_str(&t);
                let m = if mode == Mode::Sub {
                    Mode::Sub
                } else if k.saturating_add(1) == n {
                    mode
                } else {
                    Mode::Word
                };
                let pat = self.pat(t, m);
                words.push(PatWord { pat, caps });
            }
        }
        if words.is_empty() {
            return;
        }
        if matches!(
            class,
            Class::Ai | Class::Tool | Class::Made | Class::Edited | Class::Help | Class::Art
        ) && !joined.is_empty()
        {
            self.tag.push(joined);
            self.tag_pats.push((class, lang));
        }
        self.terms.push(Term {
            class,
            lang,
            words,
            tool,
        });
    }
}

fn build(d: &'static TextData) -> Option<Lexicon> {
    let mut b = Builder {
        pats: Vec::new(),
        modes: Vec::new(),
        index: HashMap::new(),
        terms: Vec::new(),
        tag: Vec::new(),
        tag_pats: Vec::new(),
    };
    for t in &d.tools {
        for name in t.patterns.split('|') {
            b.add(Class::Tool, None, name, Some(t));
        }
    }
    let shared = [
        (Class::Ai, d.shared_ai),
        (Class::Part, d.shared_part),
        (Class::May, d.shared_may),
        (Class::Contain, d.shared_contain),
    ];
    for (class, list) in shared {
        for e in list.split('|') {
            b.add(class, None, e, None);
        }
    }
    for (li, l) in d.langs.iter().enumerate() {
        let lists: [(Class, &str); 10] = [
            (Class::Ai, l.ai),
            (Class::Made, l.made),
            (Class::Edited, l.edited),
            (Class::Help, l.help),
            (Class::By, l.by),
            (Class::This, l.this),
            (Class::Neg, l.neg),
            (Class::Cue, l.cue),
            (Class::Glue, l.glue),
            (Class::Art, l.art),
        ];
        for (class, list) in lists {
            for e in list.split('|').filter(|e| !e.is_empty()) {
                b.add(class, Some(li), e, None);
            }
        }
    }
    let mut by_first = vec![Vec::new(); b.pats.len()];
    for (ti, t) in b.terms.iter().enumerate() {
        if let Some(list) = t
            .words
            .first()
            .and_then(|w| by_first.get_mut(usize::try_from(w.pat).ok()?))
        {
            list.push(u32::try_from(ti).unwrap_or(u32::MAX));
        }
    }
    let mut scanner = Scanner::default();
    for (i, (p, &m)) in b.pats.iter().zip(&b.modes).enumerate() {
        scanner.add(p, m, u32::try_from(i).unwrap_or(u32::MAX));
    }
    let mut ai_scanner = Scanner::default();
    for t in b
        .terms
        .iter()
        .filter(|t| matches!(t.class, Class::Ai | Class::Tool))
    {
        let Some(first) = t.words.first().and_then(|w| usize::try_from(w.pat).ok()) else {
            continue;
        };
        if let (Some(p), Some(&m)) = (b.pats.get(first), b.modes.get(first)) {
            ai_scanner.add(p, m, 0);
        }
    }
    let mut tag_scanner = Scanner::default();
    for (i, p) in b.tag.iter().enumerate() {
        tag_scanner.add(p, Mode::Sub, u32::try_from(i).unwrap_or(u32::MAX));
    }
    Some(Lexicon {
        scanner,
        modes: b.modes,
        terms: b.terms,
        by_first,
        ai_scanner,
        tag_scanner,
        tag_pats: b.tag_pats,
    })
}

/// The compiled vocabulary (built on first use); `None` while the text data is not loaded
/// (browser build, [`super::data::get`]).
pub fn lexicon() -> Option<&'static Lexicon> {
    static LEX: OnceLock<Option<Lexicon>> = OnceLock::new();
    let d = super::data::get()?;
    LEX.get_or_init(|| build(d)).as_ref()
}

/// The language table at `i`.
pub fn lang(i: Option<usize>) -> Option<&'static Lang> {
    super::data::get()?.langs.get(i?)
}
