//! The phrase table of the disclosure matcher: `disclosures.txt` parsed into languages, slots,
//! negation words, hashtags and patterns, with every pattern word interned to a small id and an
//! index from each possible first word to its patterns.

use super::normalize::words;
use crate::signal::AiKind;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) const TABLE: &str = include_str!("disclosures.txt");

#[derive(Debug)]
pub(super) struct Elem {
    /// Alternatives, each a sequence of interned words, longest first.
    pub(super) alts: Vec<Vec<u32>>,
    pub(super) optional: bool,
    /// The `{ai}` slot: model names in it name the tool.
    pub(super) ai: bool,
}

#[derive(Debug)]
pub(super) struct Pattern {
    pub(super) lang: usize,
    pub(super) kind: AiKind,
    pub(super) at_start: bool,
    pub(super) at_end: bool,
    pub(super) elems: Vec<Elem>,
}

#[derive(Debug, Default)]
pub(super) struct Lang {
    pub(super) code: &'static str,
    pub(super) subj: Vec<Vec<String>>,
    pub(super) ai: Vec<Vec<String>>,
    pub(super) neg: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) langs: Vec<Lang>,
    pub(super) shared_ai: Vec<Vec<String>>,
    pub(super) patterns: Vec<Pattern>,
    pub(super) hashtags: HashMap<String, (usize, AiKind)>,
    pub(super) by_first_word: HashMap<u32, Vec<usize>>,
    /// Interned pattern words: word → id, and id → word.
    pub(super) ids: HashMap<String, u32>,
    pub(super) words: Vec<String>,
}

impl Table {
    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(w.to_owned());
        self.ids.insert(w.to_owned(), id);
        id
    }
}

/// The id of a word that no pattern uses.
pub(super) const UNKNOWN: u32 = u32::MAX;

pub(super) fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| parse_table(TABLE))
}

/// The language codes the table covers, in table order.
pub fn languages() -> Vec<&'static str> {
    table().langs.iter().map(|l| l.code).collect()
}

fn phrases(list: &str) -> Vec<Vec<String>> {
    list.split('|')
        .map(words)
        .filter(|w| !w.is_empty())
        .collect()
}

fn lang_index(t: &mut Table, code: &'static str) -> usize {
    if let Some(i) = t.langs.iter().position(|l| l.code == code) {
        return i;
    }
    t.langs.push(Lang {
        code,
        ..Lang::default()
    });
    t.langs.len().saturating_sub(1)
}

pub(super) fn parse_kind(s: &str) -> Option<AiKind> {
    match s {
        "G" => Some(AiKind::Generated),
        "E" => Some(AiKind::Edited),
        "M" => Some(AiKind::MayContain),
        _ => None,
    }
}

/// Parse the phrase table. Malformed lines are skipped (a unit test checks there are none).
fn parse_table(src: &'static str) -> Table {
    let mut t = Table::default();
    let mut pending: Vec<(usize, AiKind, &str)> = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.splitn(3, char::is_whitespace);
        let (Some(kind), Some(lang), Some(rest)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let rest = rest.trim();
        match kind {
            "ai" if lang == "*" => t.shared_ai = phrases(rest),
            "ai" => {
                let i = lang_index(&mut t, lang);
                if let Some(l) = t.langs.get_mut(i) {
                    l.ai = phrases(rest);
                }
            }
            "subj" => {
                let i = lang_index(&mut t, lang);
                if let Some(l) = t.langs.get_mut(i) {
                    l.subj = phrases(rest);
                }
            }
            "neg" => {
                let i = lang_index(&mut t, lang);
                if let Some(l) = t.langs.get_mut(i) {
                    l.neg = rest.split_whitespace().flat_map(words).collect();
                }
            }
            "tag" => {
                let i = lang_index(&mut t, lang);
                let mut f = rest.splitn(2, char::is_whitespace);
                if let (Some(k), Some(tags)) = (f.next().and_then(parse_kind), f.next()) {
                    for tag in tags.split_whitespace() {
                        for w in words(tag) {
                            t.hashtags.insert(w, (i, k));
                        }
                    }
                }
            }
            _ => {
                let i = lang_index(&mut t, kind);
                let Some(k) = parse_kind(lang) else {
                    continue;
                };
                pending.push((i, k, rest));
            }
        }
    }
    for (i, k, rest) in pending {
        if let Some(p) = parse_pattern(&mut t, i, k, rest) {
            t.patterns.push(p);
        }
    }
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (pi, p) in t.patterns.iter().enumerate() {
        let Some(lang) = t.langs.get(p.lang) else {
            continue;
        };
        let _ = lang;
        let mut firsts = Vec::new();
        first_words(&p.elems, &mut firsts);
        firsts.sort();
        firsts.dedup();
        for w in firsts {
            index.entry(w).or_default().push(pi);
        }
    }
    t.by_first_word = index;
    t
}

fn parse_pattern(t: &mut Table, lang: usize, kind: AiKind, body: &str) -> Option<Pattern> {
    let (subj, ai) = match t.langs.get(lang) {
        Some(l) => (
            l.subj.clone(),
            l.ai.iter().chain(&t.shared_ai).cloned().collect::<Vec<_>>(),
        ),
        None => return None,
    };
    let mut elems = Vec::new();
    let mut at_start = false;
    let mut at_end = false;
    for raw in body.split_whitespace() {
        match raw {
            "^" => at_start = true,
            "$" => at_end = true,
            _ => {
                let (optional, spec) = match raw.strip_prefix('?') {
                    Some(s) => (true, s),
                    None => (false, raw),
                };
                let words_alts: Vec<Vec<String>> = match spec {
                    "{subj}" => subj.clone(),
                    "{ai}" => ai.clone(),
                    _ => spec
                        .split('|')
                        .map(|a| a.split('_').flat_map(words).collect::<Vec<_>>())
                        .filter(|w| !w.is_empty())
                        .collect(),
                };
                let mut alts: Vec<Vec<u32>> = words_alts
                    .iter()
                    .map(|a| a.iter().map(|w| t.intern(w)).collect())
                    .collect();
                alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
                elems.push(Elem {
                    alts,
                    optional,
                    ai: spec == "{ai}",
                });
            }
        }
    }
    if elems.iter().all(|e| e.optional) {
        return None;
    }
    Some(Pattern {
        lang,
        kind,
        at_start,
        at_end,
        elems,
    })
}

fn first_words(elems: &[Elem], out: &mut Vec<u32>) {
    let Some((e, rest)) = elems.split_first() else {
        return;
    };
    for alt in &e.alts {
        if let Some(&w) = alt.first() {
            out.push(w);
        }
    }
    if e.optional {
        first_words(rest, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_every_line() {
        let t = table();
        let mut skipped = Vec::new();
        for line in TABLE.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split_whitespace();
            let (a, b, c) = (f.next(), f.next(), f.next());
            let ok = match a {
                Some("ai" | "subj" | "neg") => b.is_some() && c.is_some(),
                Some("tag") => c.and_then(parse_kind).is_some(),
                Some(_) => b.and_then(parse_kind).is_some() && c.is_some(),
                None => false,
            };
            if !ok {
                skipped.push(line);
            }
        }
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(t.langs.len(), 24, "{:?}", languages());
        for l in &t.langs {
            assert!(!l.subj.is_empty() && !l.neg.is_empty(), "{}", l.code);
            assert!(t
                .patterns
                .iter()
                .any(|p| t.langs.get(p.lang).map(|x| x.code) == Some(l.code)));
        }
    }
}
