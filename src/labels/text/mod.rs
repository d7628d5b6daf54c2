//! Text labels: disclosure statements in 35 languages ([`disclosure`], [`grammar`]), hidden
//! Unicode marks ([`hidden`], EncypherAI marks in [`encypher`], and the C2PA text wrapper found
//! by [`crate::container::text::wrapper`]), HTML metadata ([`html_labels`], reading the document
//! the HTML walker scanned) and the HTTP `AI-Disclosure` header ([`header`]).
//!
//! All of these are unsigned: they show what a text claims, never who made it.

pub mod disclosure;
pub mod encypher;
pub mod grammar;
pub mod header;
pub mod hidden;
pub mod html_labels;
pub mod part;

use crate::bytes::to_u64;
use crate::container::text::decode::input_offset;
use crate::container::text::wrapper::{find_c2pa_wrappers, WRAPPER_BLOCK};
use crate::container::text::{TextBody, MANIFEST_URL_KEY};
use crate::container::{Embedded, Location};
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Sentence, Signal, Sink, Strength, TextRule};

/// Read every text label in `embedded` into `sink`.
pub fn read(
    embedded: &Embedded<'_>,
    limits: &Limits,
    text_keys: &[String],
    crypto: &dyn crate::crypto::Crypto,
    sink: &mut Sink,
) {
    for e in embedded.text.iter().filter(|e| e.key == MANIFEST_URL_KEY) {
        sink.push_remote(&e.value);
    }
    let Some(body) = &embedded.body else {
        return;
    };
    let full: &str = &body.text;
    let text = crate::bytes::str_head(
        full,
        usize::try_from(limits.max_text_bytes).unwrap_or(usize::MAX),
    );
    if text.len() < full.len() {
        sink.warnings.push(format!(
            "only the first {} bytes of the text were examined for labels (max_text_bytes)",
            text.len()
        ));
    }
    let container = body.container();
    // One allowance of analysed sentences for the whole input: body, meta contents, alt texts.
    let mut budget = disclosure::Budget::default();
    if let Some(doc) = &body.html {
        // The document the HTML walker scanned (once); its offsets are into the whole body.
        let mut offsets = Offsets::new(body);
        html_labels::read(doc, full, &mut offsets, limits, &mut budget, sink);
        let visible = doc.text();
        let found = disclosure::find_within(visible, false, &mut budget);
        let mut offsets = Offsets::new(body);
        let mut counter = Counter::new(visible);
        for d in found {
            let at = Place {
                container,
                block: "visible text",
                src: doc.source_offset(d.sentence_range.start),
            };
            push_disclosure(&d, &at, &mut offsets, &mut counter, sink);
        }
    } else {
        let mut offsets = Offsets::new(body);
        // Offsets count in the text as checked, so a byte-order mark the decoder took off
        // counts (it is one character, one UTF-16 code unit).
        let mut counter = Counter::with_lead(text, usize::from(body.bom));
        for d in disclosure::find_within(text, false, &mut budget) {
            let at = Place {
                container,
                block: "text",
                src: d.sentence_range.start,
            };
            push_disclosure(&d, &at, &mut offsets, &mut counter, sink);
        }
    }
    if budget.spent {
        sink.warnings.push(format!(
            "too many sentences name AI: the disclosure grammar analysed {} MiB of them and \
             left the rest unread",
            crate::labels::text::grammar::MAX_ANALYSED >> 20
        ));
    }
    let (keys, problems) = encypher::parse_keys(text_keys);
    sink.warnings.extend(problems);
    hidden_signals(text, body, container, &keys, crypto, sink);
}

/// Read an HTTP `AI-Disclosure` header value into `sink`.
pub fn read_ai_disclosure_header(value: &str, sink: &mut Sink) {
    header::read(value, sink);
}

/// Counts the characters and UTF-16 code units of one string before a byte offset, moving
/// forward incrementally (restarting when asked for an earlier offset), so that listing many
/// positions in order costs one pass over the string.
pub struct Counter<'t> {
    text: &'t str,
    /// Characters (each one UTF-16 code unit) that precede `text` (a byte-order mark).
    lead: usize,
    /// Byte offset the counts below are for.
    at: usize,
    chars: usize,
    utf16_units: usize,
}

impl<'t> Counter<'t> {
    /// A counter over `text`.
    pub fn new(text: &'t str) -> Self {
        Self::with_lead(text, 0)
    }

    /// A counter over `text` that counts `lead` characters, each one UTF-16 code unit, before
    /// it (a byte-order mark the decoder took off).
    pub fn with_lead(text: &'t str, lead: usize) -> Self {
        Self {
            text,
            lead,
            at: 0,
            chars: 0,
            utf16_units: 0,
        }
    }

    /// Move to byte `off`; an offset that is not a character boundary of the text leaves the
    /// counter where it was.
    fn advance(&mut self, off: usize) {
        if off < self.at {
            self.at = 0;
            self.chars = 0;
            self.utf16_units = 0;
        }
        if let Some(s) = self.text.get(self.at..off) {
            let (chars, units) = count(s);
            self.chars = self.chars.saturating_add(chars);
            self.utf16_units = self.utf16_units.saturating_add(units);
            self.at = off;
        }
    }

    /// The characters and UTF-16 code units before byte `off` (the lead included).
    pub fn at(&mut self, off: usize) -> (usize, usize) {
        self.advance(off);
        (
            self.chars.saturating_add(self.lead),
            self.utf16_units.saturating_add(self.lead),
        )
    }
}

/// The characters and UTF-16 code units of `s`.
fn count(s: &str) -> (usize, usize) {
    s.chars().fold((0usize, 0usize), |(n, u), c| {
        (n.saturating_add(1), u.saturating_add(c.len_utf16()))
    })
}

/// Maps byte offsets of the decoded text to input byte offsets and character indices.
pub struct Offsets<'b> {
    body: &'b TextBody<'b>,
    counter: Counter<'b>,
}

impl<'b> Offsets<'b> {
    /// A mapper for `body`.
    pub fn new(body: &'b TextBody<'b>) -> Self {
        Self {
            body,
            counter: Counter::new(&body.text),
        }
    }

    /// The input byte offset of text byte `off`.
    pub fn input(&mut self, off: usize) -> u64 {
        if self.body.encoding == "utf-8" {
            return to_u64(off).saturating_add(if self.body.bom { 3 } else { 0 });
        }
        let (_, units) = self.counter.at(off);
        if self.counter.at != off {
            return input_offset(self.body, off);
        }
        to_u64(units).saturating_mul(2).saturating_add(2)
    }

    /// The character index of text byte `off`.
    pub fn char_index(&mut self, off: usize) -> usize {
        self.counter.at(off).0
    }
}

/// English name of a language code of the grammar.
pub fn language_name(code: &str) -> &'static str {
    grammar::language_name(code)
}

/// Where a disclosure was found: the container, the block (which is also the text its
/// sentence's offsets count in), and the byte of the decoded input its location points at.
pub(super) struct Place<'a> {
    pub container: &'a str,
    pub block: &'a str,
    pub src: usize,
}

/// Report disclosure `d`. `counter` counts in the text `d`'s byte ranges index into.
pub(super) fn push_disclosure(
    d: &disclosure::Disclosure,
    at: &Place<'_>,
    offsets: &mut Offsets<'_>,
    counter: &mut Counter<'_>,
    sink: &mut Sink,
) {
    let Place {
        container,
        block,
        src,
    } = *at;
    let what = match d.kind {
        Some(AiKind::Edited) => "written or made with the help of AI",
        Some(AiKind::MayContain) => {
            "possibly partly made by AI (it may contain AI-generated material)"
        }
        Some(AiKind::Generated) => "generated by AI",
        None => "made without AI",
    };
    let by = d
        .tool
        .as_ref()
        .map(|t| format!(" (naming {t})"))
        .unwrap_or_default();
    let form = match d.rule {
        TextRule::Hashtag => "A hashtag",
        TextRule::Credit => "A credit",
        TextRule::Label | TextRule::AgentLabel => "A label",
        _ => "A statement",
    };
    let ci = offsets.char_index(src);
    let (char_start, utf16_start) = counter.at(d.sentence_range.start);
    let (char_length, utf16_length) = count(&d.sentence);
    let sentence = Sentence {
        text: d.sentence.clone(),
        lang: d.lang.to_owned(),
        rule: d.rule,
        matched: d.phrase.clone(),
        within: block.to_owned(),
        utf16_start: to_u64(utf16_start),
        utf16_length: to_u64(utf16_length),
        char_start: to_u64(char_start),
        char_length: to_u64(char_length),
    };
    sink.push(Signal {
        family: Family::TextDisclosure,
        strength: Strength::Declared,
        ai: d.kind,
        value: d.sentence.chars().take(300).collect(),
        source_type: None,
        tool: d.tool.clone(),
        location: Location::new(container, block, offsets.input(src)).with_path(format!(
            "char {ci}; lang {}; rule {}; matched \"{}\"",
            d.lang,
            d.rule.name(),
            d.phrase.chars().take(120).collect::<String>()
        )),
        sentence: Some(Box::new(sentence)),
        explanation: if d.kind.is_some() {
            format!(
                "{form} in the text ({}) says it was {what}{by}. Anyone can write or delete such \
                 a sentence: it is what the text claims, not proof of how it was made.",
                language_name(d.lang)
            )
        } else {
            format!(
                "{form} in the text ({}) says it was {what}{by}. A denial proves nothing either \
                 way: it is what the text claims.",
                language_name(d.lang)
            )
        },
    });
}

fn positions(list: &[hidden::Pos], offsets: &mut Offsets<'_>) -> String {
    list.iter()
        .map(|p| format!("byte {} char {}", offsets.input(p.byte), p.char))
        .collect::<Vec<_>>()
        .join(", ")
}

fn hidden_signals(
    text: &str,
    body: &TextBody<'_>,
    container: &str,
    keys: &[encypher::Key],
    crypto: &dyn crate::crypto::Crypto,
    sink: &mut Sink,
) {
    let mut offsets = Offsets::new(body);
    let h = hidden::scan(text);
    let scattered = [
        (
            &h.zero_width,
            "zero-width characters",
            "Invisible zero-width characters are in the text. They can carry a hidden watermark \
             or tracking code, or come from copying and pasting; they have no standard meaning \
             as an AI label.",
        ),
        (
            &h.bidi,
            "bidirectional control characters",
            "Invisible bidirectional controls are in the text. They change the order in which \
             text is displayed (and can hide or disguise content); right-to-left text uses them \
             legitimately. They are not an AI label.",
        ),
    ];
    for (s, name, explanation) in scattered {
        let Some(first) = s.positions.first() else {
            continue;
        };
        let chars: Vec<String> = s
            .by_char
            .iter()
            .map(|(c, n)| format!("U+{:04X} ×{n}", u32::from(*c)))
            .collect();
        sink.push(Signal {
            family: Family::HiddenUnicode,
            strength: Strength::Declared,
            ai: None,
            value: format!("{} {name}: {}", s.count, chars.join(", ")),
            source_type: None,
            tool: None,
            location: Location::new(container, "text", offsets.input(first.byte)).with_path(
                format!("positions: {}", positions(&s.positions, &mut offsets)),
            ),
            sentence: None,
            explanation: explanation.to_owned(),
        });
    }
    for run in &h.tags {
        let spelled = String::from_utf8_lossy(&run.decoded).into_owned();
        let ai = disclosure::first_claim(&spelled);
        sink.push(Signal {
            family: Family::HiddenUnicode,
            strength: Strength::Declared,
            ai,
            value: format!(
                "{} tag characters spelling \"{}\"",
                run.len,
                crate::error::escape(spelled.as_bytes(), 200)
            ),
            source_type: None,
            tool: None,
            location: Location::new(container, "text", offsets.input(run.start.byte))
                .with_path(format!("char {}", run.start.char)),
            sentence: None,
            explanation: format!(
                "Invisible Unicode tag characters spell out hidden ASCII text.{} They have no \
                 standard meaning as an AI label and anyone can add or strip them.",
                if ai.is_some() {
                    " The hidden text itself says the content was made with AI."
                } else {
                    ""
                }
            ),
        });
    }
    for run in &h.selectors {
        if let Some(mark) = encypher::read(&run.decoded, keys, crypto) {
            let location =
                Location::new(container, "EncypherAI mark", offsets.input(run.start.byte))
                    .with_path(format!("char {}", run.start.char));
            sink.push(encypher_signal(&mark, run.len, location));
            continue;
        }
        let as_text = std::str::from_utf8(&run.decoded)
            .ok()
            .filter(|s| !s.chars().any(|c| c.is_control() && !c.is_whitespace()));
        let ai = as_text.and_then(disclosure::first_claim);
        let mut value = format!(
            "{} variation selectors decoding to bytes {}",
            run.len,
            crate::bytes::hex(run.decoded.get(..32).unwrap_or(&run.decoded))
        );
        if run.decoded.len() > 32 {
            value.push('…');
        }
        if let Some(t) = as_text {
            value.push_str(&format!(
                " (text \"{}\")",
                crate::error::escape(t.as_bytes(), 100)
            ));
        }
        sink.push(Signal {
            family: Family::HiddenUnicode,
            strength: Strength::Declared,
            ai,
            value,
            source_type: None,
            tool: None,
            location: Location::new(container, "text", offsets.input(run.start.byte))
                .with_path(format!("char {}", run.start.char)),
            sentence: None,
            explanation: "A run of invisible variation selectors hides data in the text (one byte \
                          per selector, as in the C2PA text wrapper, but without its magic). Its \
                          format is undocumented, so it cannot be checked; anyone can add or \
                          strip it."
                .to_owned(),
        });
    }
    if h.runs_dropped > 0 {
        sink.warnings.push(format!(
            "{} more hidden tag-character or selector runs were not listed",
            h.runs_dropped
        ));
    }
    let mut offsets = Offsets::new(body);
    for w in find_c2pa_wrappers(text).0 {
        let ci = offsets.char_index(w.range.start);
        sink.push(Signal {
            family: Family::HiddenUnicode,
            strength: Strength::Declared,
            ai: None,
            value: if w.corrupted {
                format!("corrupted C2PA text manifest wrapper: {}", w.problem)
            } else {
                format!(
                    "C2PA text manifest wrapper with a {}-byte manifest store",
                    w.manifest.len()
                )
            },
            source_type: None,
            tool: None,
            location: Location::new(container, WRAPPER_BLOCK, offsets.input(w.range.start))
                .with_path(format!("char {ci}")),
            sentence: None,
            explanation:
                "Invisible variation selectors carry a C2PA manifest (C2PA text wrapper). \
                          What it says, and whether its signature and hash check out, is in the \
                          C2PA section of this report."
                    .to_owned(),
        });
    }
}

/// Untrusted text from a mark, for a report: no control characters, at most 100 characters.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(100).collect()
}

fn encypher_signal(mark: &encypher::Mark, len: usize, location: Location) -> Signal {
    use encypher::SignatureCheck;
    let mut value = format!(
        "EncypherAI {} mark in {len} variation selectors: signer \"{}\"",
        mark.format,
        clean(&mark.signer)
    );
    if let Some(m) = &mark.model {
        value.push_str(&format!("; model \"{}\"", clean(m)));
    }
    if let Some(g) = &mark.generator {
        value.push_str(&format!("; generator \"{}\"", clean(g)));
    }
    if let Some(t) = &mark.time {
        value.push_str(&format!("; time {}", clean(t)));
    }
    let (strength, check) = match mark.signature {
        SignatureCheck::Verified(i) => (
            Strength::Verified,
            format!(
                "Its Ed25519 signature verifies with supplied text key {}: the key's owner made \
                 this mark. The signature covers the mark's data, not the words around it, so \
                 the mark could have been copied onto another text.",
                i.saturating_add(1)
            ),
        ),
        SignatureCheck::Failed => (
            Strength::Declared,
            "Its Ed25519 signature does not verify with any supplied text key: the mark was \
             changed, or another key signed it. It is what the text claims, nothing more."
                .to_owned(),
        ),
        SignatureCheck::NoKey => (
            Strength::Declared,
            "Its Ed25519 signature could not be checked: no public key of the signer was \
             supplied (the textKeys option, or --text-key). Until then it is what the text \
             claims, nothing more."
                .to_owned(),
        ),
        SignatureCheck::Unchecked => (
            Strength::Declared,
            "Its signature could not be checked: this reader verifies the basic and manifest \
             formats only, or the signature is malformed. It is what the text claims, nothing \
             more."
                .to_owned(),
        ),
    };
    Signal {
        family: Family::HiddenUnicode,
        strength,
        ai: Some(AiKind::Generated),
        value,
        source_type: None,
        tool: mark.model.clone(),
        location,
        sentence: None,
        explanation: format!(
            "Invisible variation selectors carry an EncypherAI mark, which the encypher-ai \
             package embeds in AI-generated text. {check}"
        ),
    }
}
