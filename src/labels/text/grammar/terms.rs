//! The first steps of the rules on one sentence: the cheap test that lets most sentences skip
//! the scan, the terms of the lexicon found in it (an AI term that means AI there, not a file
//! extension or a person), and the language those terms pick (module documentation of
//! [`super`]; the constructs that follow are in [`super::rules`]).

use super::lexicon::{Class, Lexicon};
use super::norm::{Script, Sentence};
use super::scan::Mode;

/// A term found in the sentence, over words `w0..=w1`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) term: usize,
    /// The first word matched whole (a surer sign of the language than a stem).
    pub(super) whole: bool,
    pub(super) class: Class,
    pub(super) lang: Option<usize>,
    pub(super) w0: usize,
    pub(super) w1: usize,
}

fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.w0 <= b.w1 && b.w0 <= a.w1
}

pub(super) fn gap(a: &Hit, b: &Hit) -> usize {
    if overlaps(a, b) {
        return usize::MAX;
    }
    let (first, second) = if a.w1 < b.w0 { (a, b) } else { (b, a) };
    second.w0.saturating_sub(first.w1).saturating_sub(1)
}

/// Some AI term or tool name may be in the sentence (the first word of one is): the cheap test
/// that lets most sentences of a long text skip the full scan.
pub(super) fn names_something(lex: &Lexicon, n: &Sentence) -> bool {
    let mut found = Vec::new();
    lex.ai_scanner.scan(
        &n.text,
        n.words.iter().map(|w| (w.start, w.end)),
        &mut found,
    );
    !found.is_empty()
}

/// Every term of the lexicon in the sentence.
pub(super) fn terms(lex: &Lexicon, n: &Sentence) -> Vec<Hit> {
    let mut at_word: Vec<Vec<(u32, usize)>> = Vec::new();
    at_word.resize_with(n.words.len(), Vec::new);
    // The word each normalised byte belongs to, for O(1) lookups of the many short matches.
    let mut word_of = vec![usize::MAX; n.text.len()];
    for (i, w) in n.words.iter().enumerate() {
        if let Some(bytes) = word_of.get_mut(w.start..w.end) {
            bytes.fill(i);
        }
    }
    let word_at = |b: usize| word_of.get(b).copied().filter(|&i| i != usize::MAX);
    let mut found = Vec::new();
    lex.scanner.scan(
        &n.text,
        n.words.iter().map(|w| (w.start, w.end)),
        &mut found,
    );
    for (pat, start, end) in found {
        let Some(&mode) = usize::try_from(pat).ok().and_then(|p| lex.modes.get(p)) else {
            continue;
        };
        let Some(w0) = word_at(start) else {
            continue;
        };
        let Some(w1) = word_at(end.saturating_sub(1)) else {
            continue;
        };
        let (Some(a), Some(b)) = (n.words.get(w0), n.words.get(w1)) else {
            continue;
        };
        let ok = match mode {
            Mode::Word => w0 == w1 && a.start == start && b.end == end,
            Mode::Prefix => w0 == w1 && a.start == start,
            Mode::Sub => true,
        };
        if ok {
            if let Some(list) = at_word.get_mut(w0) {
                list.push((pat, w1));
            }
        }
    }
    let mut hits = Vec::new();
    for (w0, list) in at_word.iter().enumerate() {
        for &(pat, end) in list {
            let Some(cands) = usize::try_from(pat).ok().and_then(|p| lex.by_first.get(p)) else {
                continue;
            };
            for &ti in cands {
                let Some(t) = usize::try_from(ti).ok().and_then(|i| lex.terms.get(i)) else {
                    continue;
                };
                let mut last = end;
                let mut ok = t
                    .words
                    .first()
                    .is_some_and(|pw| !pw.caps || caps(n, w0, end));
                for pw in t.words.iter().skip(1) {
                    if !ok {
                        break;
                    }
                    let next = last.saturating_add(1);
                    match at_word
                        .get(next)
                        .and_then(|l| l.iter().find(|(p, _)| *p == pw.pat))
                    {
                        Some(&(_, e)) if !pw.caps || caps(n, next, e) => last = e,
                        _ => ok = false,
                    }
                }
                let clause = n.words.get(w0).map(|w| w.clause);
                if ok && n.words.get(last).map(|w| w.clause) == clause {
                    let whole = lex.modes.get(usize::try_from(pat).unwrap_or(usize::MAX))
                        == Some(&Mode::Word);
                    hits.push(Hit {
                        term: usize::try_from(ti).unwrap_or(usize::MAX),
                        whole,
                        class: t.class,
                        lang: t.lang,
                        w0,
                        w1: last,
                    });
                }
            }
        }
    }
    hits.retain(|h| !matches!(h.class, Class::Ai | Class::Tool) || names_ai(lex, n, h));
    hits
}

/// Words `a..=b` are written in capitals.
fn caps(n: &Sentence, a: usize, b: usize) -> bool {
    n.words.get(a..=b).is_some_and(|ws| {
        ws.iter()
            .all(|w| w.all_upper || w.script != Script::Alphabet)
    })
}

/// An AI term or tool name that means AI here: not a file extension ("poster.ai"), not a
/// person ("Claude Monet", "Ai Weiwei").
fn names_ai(lex: &Lexicon, n: &Sentence, h: &Hit) -> bool {
    let Some(w) = n.words.get(h.w0) else {
        return false;
    };
    if w.after_dot {
        return false;
    }
    let ambiguous = lex
        .terms
        .get(h.term)
        .and_then(|t| t.tool)
        .is_some_and(|t| t.ambiguous);
    if !ambiguous {
        return true;
    }
    let capital_name = |i: Option<usize>| {
        i.and_then(|i| n.words.get(i)).is_some_and(|x| {
            x.clause == w.clause && x.script == Script::Alphabet && x.upper_initial && !x.all_upper
        })
    };
    let prev_is_first = h.w0 == 0
        || n.words.get(h.w0.saturating_sub(1)).is_some_and(|p| {
            h.w0 < 2
                || n.words
                    .get(h.w0.saturating_sub(2))
                    .is_some_and(|q| q.clause != p.clause)
        });
    w.upper_initial
        && !capital_name(h.w1.checked_add(1))
        && (prev_is_first || !capital_name(h.w0.checked_sub(1)))
}

/// The sentence's language: the table with most words in it (a whole word counts more than a
/// stem, an AI term more than a function word), helped by scripts only one language of the
/// tables uses (Hangul, kana, Arabic, Devanagari, Greek, Han).
pub(super) fn language(
    n: &Sentence,
    hits: &[Hit],
    fallback: Option<usize>,
) -> (Option<usize>, Vec<usize>) {
    let mut score: Vec<usize> = Vec::new();
    let bump = |score: &mut Vec<usize>, l: usize, by: usize| {
        if score.len() <= l {
            score.resize(l.saturating_add(1), 0);
        }
        if let Some(s) = score.get_mut(l) {
            *s = s.saturating_add(by);
        }
    };
    for w in &n.words {
        let code = match w.script {
            Script::Hangul => "ko",
            Script::Arabic => "ar",
            Script::Indic => "hi",
            Script::Ideograph => {
                let kana = n
                    .text
                    .get(w.start..w.end)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
                if kana {
                    "ja"
                } else {
                    "zh"
                }
            }
            _ => {
                let greek = n
                    .text
                    .get(w.start..w.end)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| ('\u{370}'..='\u{3FF}').contains(&c));
                if !greek {
                    continue;
                }
                "el"
            }
        };
        if let Some(l) =
            super::data::get().and_then(|d| d.langs.iter().position(|x| x.code == code))
        {
            bump(&mut score, l, 1);
        }
    }
    let named = |h: &Hit| {
        hits.iter().any(|a| {
            matches!(a.class, Class::Ai | Class::Tool) && a.lang.is_none() && overlaps(a, h)
        })
    };
    for h in hits {
        if h.class != Class::Ai && named(h) {
            // "AI" is not French "ai" (have).
            continue;
        }
        if let Some(l) = h.lang {
            if score.len() <= l {
                score.resize(l.saturating_add(1), 0);
            }
            if let Some(s) = score.get_mut(l) {
                let w = if h.class == Class::Ai { 4 } else { 2 };
                *s = s.saturating_add(if h.whole { w } else { w / 2 });
            }
        }
    }
    let top = score.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return (fallback, score);
    }
    let best = score.iter().position(|&s| s == top);
    (best, score)
}
