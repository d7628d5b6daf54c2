//! The rules of the grammar, applied to one sentence: find the terms and pick the language
//! ([`super::terms`]), then look for a construct in each clause and check its position and the
//! hard negatives (module documentation of [`super`]).

use super::lexicon::{lang, Class, Lexicon};
use super::norm::{normalise, Script, Sentence};
use super::terms::{gap, language, names_something, terms, Hit};
use super::{Finding, Rule};
use crate::signal::AiKind;

/// Most terms of one sentence analysed.
const MAX_HITS: usize = 256;
/// Most words between an AI term and its verb.
const MAX_GAP: usize = 6;
/// Most content words before a construct in its clause (a short subject: "Die Untertitel").
const MAX_BEFORE: usize = 3;
/// The same for a caption, where a label need not stand alone.
const MAX_BEFORE_CAPTION: usize = 8;

/// Analyse one sentence `src` at byte `base` of the text.
pub fn analyse(
    lex: &Lexicon,
    src: &str,
    base: usize,
    caption: bool,
    last_lang: &mut Option<usize>,
    out: &mut Vec<Finding>,
    budget: &mut super::Budget,
) {
    // All-ASCII text normalises to its lower case: test it for AI terms before normalising.
    if src.is_ascii() && !src.contains('#') && !lex.ai_scanner.any_ascii(&src.to_ascii_lowercase())
    {
        return;
    }
    if !budget.charge(src.len()) {
        return;
    }
    let n = normalise(src);
    if n.words.is_empty() || (n.tags.is_empty() && !names_something(lex, &n)) {
        return;
    }
    let mut hits = terms(lex, &n);
    // A sentence is a few terms; hundreds ("AI AI AI …") would cost their square below.
    hits.truncate(MAX_HITS);
    let (lang_i, score) = language(&n, &hits, *last_lang);
    if lang_i.is_some() {
        *last_lang = lang_i;
    }
    let top = lang_i.and_then(|l| score.get(l)).copied().unwrap_or(0);
    // Function words count for every language about as likely as the best one.
    let active = |h: &Hit| match h.lang {
        None => true,
        Some(l) => {
            Some(l) == lang_i
                || score
                    .get(l)
                    .is_some_and(|&s| s > 0 && s.saturating_mul(2) >= top)
        }
    };
    // Verbs count in languages nearly as likely as the best one ("generat*" is Italian, but
    // not in a French sentence).
    let close = |h: &Hit| match h.lang {
        None => true,
        Some(l) => {
            Some(l) == lang_i
                || score
                    .get(l)
                    .is_some_and(|&s| s > 0 && s.saturating_mul(4) >= top.saturating_mul(3))
        }
    };
    let code = lang(lang_i).map_or("und", |l| l.code);
    let trimmed = trim_range(src);
    let sentence = base.saturating_add(trimmed.start)..base.saturating_add(trimmed.end);
    let span_of = |a: usize, b: usize| {
        let r = n.source_range(a, b, src);
        base.saturating_add(r.start)..base.saturating_add(r.end)
    };
    let tool_of = |hs: &[&Hit]| {
        hs.iter().find_map(|h| {
            lex.terms
                .get(h.term)
                .and_then(|t| t.tool)
                .map(|t| tool_name(t.name, &n, h, src))
        })
    };
    // Cues and negations are read in the sentence's language only.
    let own = |h: &Hit| h.lang.is_none() || h.lang == lang_i;
    let blocked_anywhere = n.question || hits.iter().any(|h| h.class == Class::Cue && own(h));
    let clauses = n.words.last().map_or(0, |w| usize::from(w.clause));
    let mut found_any = false;
    for c in 0..=clauses {
        let Ok(c16) = u16::try_from(c) else { break };
        let in_clause = |h: &&Hit| {
            n.words
                .get(h.w0)
                .is_some_and(|w| w.clause == c16 && !w.in_tag)
        };
        let ais: Vec<&Hit> = hits
            .iter()
            .filter(in_clause)
            .filter(|h| matches!(h.class, Class::Ai | Class::Tool))
            .collect();
        if ais.is_empty() {
            continue;
        }
        let verbs: Vec<&Hit> = hits
            .iter()
            .filter(in_clause)
            .filter(|h| matches!(h.class, Class::Made | Class::Edited | Class::Help) && close(h))
            .collect();
        let first = n.words.iter().position(|w| w.clause == c16).unwrap_or(0);
        let last = n
            .words
            .iter()
            .rposition(|w| w.clause == c16)
            .unwrap_or(first);
        // The construct: the closest AI term and verb.
        let mut best: Option<(usize, &Hit, &Hit)> = None;
        for a in &ais {
            for v in &verbs {
                let g = gap(a, v);
                if g <= MAX_GAP && best.is_none_or(|(bg, _, _)| g < bg) {
                    best = Some((g, a, v));
                }
            }
        }
        let mut rule = None;
        let (start, end, kind, parts): (usize, usize, AiKind, Vec<&Hit>) = match best {
            Some((_, a, v)) => {
                let kind = if verbs
                    .iter()
                    .any(|x| matches!(x.class, Class::Edited | Class::Help) && gap(x, a) <= MAX_GAP)
                {
                    AiKind::Edited
                } else {
                    AiKind::Generated
                };
                (a.w0.min(v.w0), a.w1.max(v.w1), kind, vec![a, v])
            }
            None => {
                // "Summary by AI": an agent preposition, then the AI term ending the clause.
                let agent = ais.iter().find(|a| {
                    a.w1 == last
                        && hits.iter().any(|b| {
                            b.class == Class::By
                                && active(b)
                                && b.w1 < a.w0
                                && a.w0.saturating_sub(b.w1) <= 3
                        })
                });
                // "AI summary:": an AI term and a noun of content, alone before a colon.
                let noun_label = || {
                    let after = n.words.get(last)?.end;
                    let next = n
                        .words
                        .get(last.saturating_add(1))
                        .map_or(n.text.len(), |w| w.start);
                    let colon = n.text.get(after..next)?.contains(':');
                    let art = hits.iter().any(|h| {
                        h.class == Class::Art
                            && own(h)
                            && n.words.get(h.w0).is_some_and(|w| w.clause == c16)
                    });
                    let a = ais.first()?;
                    (c == 0 && colon && art && last.saturating_sub(first) <= 2).then_some(*a)
                };
                match (agent, noun_label()) {
                    (Some(a), _) => {
                        rule = Some(Rule::AgentLabel);
                        (a.w0, a.w1, AiKind::Generated, vec![a])
                    }
                    (None, Some(a)) => {
                        rule = Some(Rule::Label);
                        (first, last, AiKind::Generated, vec![a])
                    }
                    (None, None) => continue,
                }
            }
        };
        if n.words
            .get(start..=end)
            .is_some_and(|ws| ws.iter().any(|w| w.quoted))
        {
            continue;
        }
        let cue = hits.iter().any(|h| {
            own(h)
                && match h.class {
                    Class::CueBefore => h.w1 < start,
                    Class::Cue => {
                        h.w1 < start || n.words.get(h.w0).is_some_and(|w| w.clause == c16)
                    }
                    _ => false,
                }
        });
        if n.question || cue {
            continue;
        }
        let neg_after = lang(lang_i).is_some_and(|l| l.neg_after);
        let negated = hits.iter().any(|h| {
            h.class == Class::Neg
                && own(h)
                && n.words.get(h.w0).is_some_and(|w| w.clause == c16)
                && (h.w0 < end || neg_after)
        });
        let this = hits.iter().any(|h| {
            h.class == Class::This
                && active(h)
                && n.words.get(h.w0).is_some_and(|w| w.clause == c16)
        });
        let before = content_before(&n, &hits, first, start, &active);
        let limit = if caption {
            MAX_BEFORE_CAPTION
        } else {
            MAX_BEFORE
        };
        if !this && before > limit {
            continue;
        }
        let rule = rule.unwrap_or(if start == first {
            Rule::Label
        } else {
            Rule::Statement
        });
        let here = |class: Class| {
            hits.iter()
                .any(|h| h.class == class && n.words.get(h.w0).is_some_and(|w| w.clause == c16))
        };
        let kind = if here(Class::May) && here(Class::Contain) {
            AiKind::MayContain
        } else if here(Class::Part) {
            AiKind::Edited
        } else {
            kind
        };
        out.push(Finding {
            lang: code,
            kind: (!negated).then_some(kind),
            rule,
            sentence: sentence.clone(),
            span: span_of(start, end),
            tool: tool_of(&parts),
        });
        found_any = true;
        break;
    }
    if !found_any && !blocked_anywhere {
        if let Some(f) = credit(lex, &n, &hits, src, &span_of, code) {
            out.push(Finding {
                sentence: sentence.clone(),
                ..f
            });
            found_any = true;
        }
    }
    if !found_any {
        for &(t0, t1) in &n.tags {
            if let Some((kind, l)) = hashtag(lex, &n, t0, t1) {
                let r = span_of(t0, t1);
                out.push(Finding {
                    lang: lang(l.or(lang_i)).map_or("und", |x| x.code),
                    kind: Some(kind),
                    rule: Rule::Hashtag,
                    sentence: sentence.clone(),
                    span: r.start.saturating_sub(1)..r.end,
                    tool: None,
                });
                break;
            }
        }
    }
}

/// Content words (not function words, not digits) in words `first..start`; an ideograph counts
/// as half a word.
fn content_before(
    n: &Sentence,
    hits: &[Hit],
    first: usize,
    start: usize,
    active: &dyn Fn(&Hit) -> bool,
) -> usize {
    let mut halves = 0usize;
    for i in first..start {
        let Some(w) = n.words.get(i) else { break };
        if w.script == Script::Digit {
            continue;
        }
        let function = hits.iter().any(|h| {
            h.w0 <= i
                && i <= h.w1
                && matches!(h.class, Class::Glue | Class::This | Class::By | Class::Help)
                && active(h)
        });
        if !function {
            halves = halves.saturating_add(if w.script == Script::Ideograph { 1 } else { 2 });
        }
    }
    halves.div_ceil(2)
}

/// "Image: Midjourney": a short label, a colon, then only a tool's name and version.
fn credit(
    lex: &Lexicon,
    n: &Sentence,
    hits: &[Hit],
    src: &str,
    span_of: &dyn Fn(usize, usize) -> std::ops::Range<usize>,
    code: &'static str,
) -> Option<Finding> {
    for h in hits.iter().filter(|h| h.class == Class::Tool) {
        let w = n.words.get(h.w0)?;
        let c = w.clause;
        if c == 0 || n.words.get(h.w0.checked_sub(1)?)?.clause == c {
            continue;
        }
        let prev = n.words.get(h.w0.checked_sub(1)?)?;
        let between = n.text.get(prev.end..w.start).unwrap_or_default();
        if !between.contains(':') {
            continue;
        }
        let rest_ok = n
            .words
            .iter()
            .skip(h.w1.saturating_add(1))
            .take_while(|x| x.clause == c)
            .all(|x| x.script == Script::Digit || x.end.saturating_sub(x.start) <= 4);
        let label: Vec<_> = n.words.iter().filter(|x| x.clause == prev.clause).collect();
        let ideographs = label
            .iter()
            .filter(|x| x.script == Script::Ideograph)
            .count();
        let words = label.len().saturating_sub(ideographs);
        if rest_ok && words <= 3 && ideographs <= 8 && !label.is_empty() {
            let t = lex.terms.get(h.term)?.tool?;
            let first = n.words.iter().position(|x| x.clause == prev.clause)?;
            return Some(Finding {
                lang: code,
                kind: Some(AiKind::Generated),
                rule: Rule::Credit,
                sentence: 0..0,
                span: span_of(first, h.w1),
                tool: Some(tool_name(t.name, n, h, src)),
            });
        }
    }
    None
}

/// A hashtag whose body begins or ends with an AI term and also holds a making verb or an art
/// noun ("#AIgenerated", "#creatcuAI", "#AI绘画").
fn hashtag(lex: &Lexicon, n: &Sentence, t0: usize, t1: usize) -> Option<(AiKind, Option<usize>)> {
    let (a, b) = (n.words.get(t0)?, n.words.get(t1)?);
    let body: String = n
        .text
        .get(a.start..b.end)?
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut ai: Vec<(usize, usize)> = Vec::new();
    let mut other: Vec<(usize, usize, Class, Option<usize>)> = Vec::new();
    let mut found = Vec::new();
    lex.tag_scanner.scan_anywhere(&body, &mut found);
    for (pat, start, end) in found {
        let &(class, l) = lex.tag_pats.get(usize::try_from(pat).ok()?)?;
        match class {
            Class::Ai | Class::Tool => ai.push((start, end)),
            _ => other.push((start, end, class, l)),
        }
    }
    let edge = ai.iter().filter(|(s, e)| *s == 0 || *e == body.len());
    // Longest first (a stable sort on the complement of the length).
    crate::bytes::sort_by_key(&mut other, |(s, e, _, _)| {
        u64::MAX - crate::bytes::to_u64(e.saturating_sub(*s))
    });
    for &(s, e) in edge {
        if let Some(&(_, _, class, l)) = other.iter().find(|(os, oe, _, _)| *oe <= s || *os >= e) {
            let kind = if matches!(class, Class::Edited | Class::Help) {
                AiKind::Edited
            } else {
                AiKind::Generated
            };
            return Some((kind, l));
        }
    }
    None
}

/// A tool's display name with the version words that follow it in the text ("DALL·E 3").
fn tool_name(name: &str, n: &Sentence, h: &Hit, src: &str) -> String {
    let mut end = h.w1;
    for i in h.w1.saturating_add(1)..h.w1.saturating_add(4) {
        let (Some(prev), Some(w)) = (n.words.get(end), n.words.get(i)) else {
            break;
        };
        let glued = w.start == prev.end && prev.script == Script::Digit;
        let version = w.script == Script::Digit || (glued && w.end.saturating_sub(w.start) <= 3);
        let near = n
            .text
            .get(prev.end..w.start)
            .is_some_and(|g| g.chars().count() <= 1);
        if version && near && w.clause == prev.clause {
            end = i;
        } else {
            break;
        }
    }
    if end == h.w1 {
        return name.to_owned();
    }
    let from = n.source_range(h.w1, h.w1, src).end;
    let to = n.source_range(end, end, src).end;
    format!("{name}{}", src.get(from..to).unwrap_or_default())
}

fn trim_range(s: &str) -> std::ops::Range<usize> {
    let start = s.len().saturating_sub(s.trim_start().len());
    let end = s.trim_end().len();
    start..end.max(start)
}
