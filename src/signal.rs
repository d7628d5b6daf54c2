//! The evidence every label reader produces, and the names the report gives it.
//!
//! A [`Signal`] is one piece of evidence: its [`Family`], its [`Strength`], what it says about
//! AI ([`AiKind`]), the value found, where, and a sentence on what it proves; a disclosure in text
//! also names its [`Sentence`], with the [`TextRule`] that matched it and its offsets. Label readers in
//! [`crate::labels`], [`crate::c2pa`] and [`crate::watermark`] put signals into a [`Sink`];
//! [`crate::verdict`] reads them. These types are shared data of the third pipeline step, so they
//! depend on nothing later than [`crate::container`] (for [`Location`]).

use crate::container::Location;
use crate::limits::Limits;
use crate::source_type::{SourceClass, SourceTypeInfo};
use serde::Serialize;

/// Which family of label a signal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Family {
    /// C2PA Content Credentials.
    C2pa,
    /// IPTC Photo Metadata in XMP (DigitalSourceType, the 2025 AI properties).
    Iptc,
    /// Other XMP properties (e.g. `dcterms:provenance`).
    Xmp,
    /// EXIF tags naming a generator.
    Exif,
    /// Generator parameters (AUTOMATIC1111, ComfyUI, NovelAI, InvokeAI, ...).
    Generator,
    /// China GB 45438-2025 `AIGC` implicit label.
    Tc260,
    /// A disclosure statement in text.
    TextDisclosure,
    /// Hidden Unicode characters in text.
    HiddenUnicode,
    /// HTML metadata (meta tags, JSON-LD).
    Html,
    /// The HTTP `AI-Disclosure` header.
    HttpHeader,
    /// An invisible watermark or steganographic mark.
    Watermark,
}

/// How much a signal can be relied on, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Signed, valid, and the signer chains to a trusted anchor.
    Verified,
    /// Signed and valid, but the signer is not trusted (or no trust list was given).
    Signed,
    /// A statistical or steganographic mark in the content itself.
    Watermark,
    /// Unsigned metadata or text: anyone can write or strip it.
    Declared,
}

/// What an AI claim says about the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AiKind {
    /// Made by generative AI.
    Generated,
    /// Captured or human-made, then edited with generative AI (a composite with AI parts).
    Edited,
    /// May contain AI-generated elements.
    MayContain,
}

impl Strength {
    /// The position in the order (`Ord`), as a sort key for [`crate::bytes::sort_by_key`].
    pub fn rank(self) -> u64 {
        match self {
            Strength::Verified => 0,
            Strength::Signed => 1,
            Strength::Watermark => 2,
            Strength::Declared => 3,
        }
    }
}

impl AiKind {
    /// The position in the order (`Ord`), as a sort key for [`crate::bytes::sort_by_key`].
    pub fn rank(self) -> u64 {
        match self {
            AiKind::Generated => 0,
            AiKind::Edited => 1,
            AiKind::MayContain => 2,
        }
    }

    /// The report's spelling of the kind (as serialised: `generated`, `edited`, `may-contain`).
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }
}

/// What each source-type class says about AI. The mapping lives here, with the AI kinds, so that
/// the vocabulary ([`crate::source_type`]) needs nothing from the evidence types.
impl SourceTypeInfo {
    /// What the class says about AI, as a [`Signal`] `ai` value.
    pub fn ai(&self) -> Option<AiKind> {
        match self.class {
            SourceClass::Generated => Some(AiKind::Generated),
            SourceClass::PartlyGenerated => Some(AiKind::Edited),
            SourceClass::MayContain => Some(AiKind::MayContain),
            _ => None,
        }
    }
}

/// Which rule of the text-disclosure grammar ([`crate::labels::text::grammar`]) matched a
/// sentence. The report spells it in kebab-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TextRule {
    /// A statement about this content ("This article was drafted with ChatGPT").
    Statement,
    /// A label at the start of a clause ("AI-generated image: ...", "(Made with AI)").
    Label,
    /// A label by an agent ("Summary by AI").
    AgentLabel,
    /// A credit naming a tool ("Image: Midjourney").
    Credit,
    /// A hashtag ("#AIgenerated").
    Hashtag,
}

impl TextRule {
    /// The report's spelling of the rule (`statement`, `label`, `agent-label`, `credit`,
    /// `hashtag`).
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }
}

/// The sentence a text disclosure was found in: the evidence itself, which rule of the grammar
/// matched it, and where it is, so that a page can highlight it in the text it checked.
///
/// Offsets count in the text named by `within`; for `"text"` that is the whole text as checked
/// (a leading byte-order mark counts as one character), so for a string given to `checkText` the
/// UTF-16 range indexes that very string: `text.slice(utf16_start, utf16_start + utf16_length)`
/// in JavaScript is `text` below. The byte offset of the sentence in the input is the signal's
/// `location.offset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The sentence as it appears in the text, whole (a run over 2048 bytes without a sentence
    /// break is analysed, and reported, in pieces).
    pub text: String,
    /// Code of the grammar's language that matched (`en`, `de`, `zh`, `pt`, ...), or `und`
    /// (undetermined) for a form with no words of any one language ("Cover: DALL·E 3").
    pub lang: String,
    /// The rule that matched.
    pub rule: TextRule,
    /// The words the rule matched, as they appear in the sentence.
    pub matched: String,
    /// The text the offsets count in: `"text"` (the whole text checked), `"visible text"` (the
    /// text content of an HTML page) or an attribute (`"<img> alt"`).
    pub within: String,
    /// Start of the sentence, in UTF-16 code units (a JavaScript string index).
    pub utf16_start: u64,
    /// Length of the sentence, in UTF-16 code units.
    pub utf16_length: u64,
    /// Start of the sentence, in Unicode scalar values (Rust `char`s, Python `str` indices).
    pub char_start: u64,
    /// Length of the sentence, in Unicode scalar values.
    pub char_length: u64,
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// The label family.
    pub family: Family,
    /// How strong it is.
    pub strength: Strength,
    /// What it says about AI, if anything. `None` for evidence that declares no AI (a camera
    /// capture source type, a generator-neutral provenance record).
    pub ai: Option<AiKind>,
    /// The value found (a source-type URI, a generator name, the matched phrase, ...).
    pub value: String,
    /// When `value` is a digital source type URI of the vocabulary: its term, name and class
    /// ([`crate::source_type`]), so that no reader of the report classifies it again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceTypeInfo>,
    /// The AI tool it names, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// Where it was found.
    pub location: Location,
    /// For a disclosure sentence in text ([`Family::TextDisclosure`]): the sentence, its
    /// language, the rule that matched and its offsets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Box<Sentence>>,
    /// What it proves and what it does not, in plain words.
    pub explanation: String,
}

/// Where label readers put what they find.
#[derive(Debug, Clone)]
pub struct Sink {
    /// Evidence found.
    pub signals: Vec<Signal>,
    /// References to remote manifests (XMP `dcterms:provenance`, `Link` headers). Reported,
    /// never fetched.
    pub remote_manifests: Vec<String>,
    /// Non-fatal problems met while reading labels (a malformed XMP packet, ...): the first
    /// [`Limits::max_warnings`], the rest counted.
    pub warnings: crate::container::warnings::Warnings,
    /// True once a signal past [`Limits::max_signals`] was dropped.
    pub signals_dropped: bool,
    /// How many signals [`Sink::push`] keeps ([`Limits::max_signals`]).
    pub(crate) max_signals: usize,
    /// Bytes of JSON that copies of values may still take ([`MAX_COPIED_JSON`]).
    copy_left: usize,
    /// True once a copy was cut (and [`COPY_CUT`] said so).
    copies_cut: bool,
}

/// Most bytes of JSON that one value copied from a file (a signal's `value` or `tool`, a remote
/// manifest reference) takes in the report: as much as the XMP reader keeps of a value
/// ([`crate::labels::image::xmp::MAX_VALUE_BYTES`]).
pub const MAX_COPY_JSON: usize = 64 << 10;

/// Most bytes of JSON that the values copied from one input take in its report together
/// (each at least its first [`MIN_COPY_JSON`], so a signal past the allowance still names what
/// it found). JSON writes a control character as six bytes: 2 MiB of XMP values of them took
/// 13 MB in a report, and 1,000 generator parameter summaries 54 MB.
pub const MAX_COPIED_JSON: usize = 2 << 20;

/// What a copied value keeps once [`MAX_COPIED_JSON`] is spent: more than any URI of the
/// source-type vocabulary or a generator's name takes.
pub const MIN_COPY_JSON: usize = 256;

/// Whether this build cuts copies: not the browser's text part, whose reply the core pushes
/// again, signal by signal and reference by reference, and cuts (`labels::text::part`).
const CUTS: bool = !cfg!(all(target_arch = "wasm32", feature = "text-module"));

impl Default for Sink {
    /// An empty sink with the default bounds ([`Limits::default`]).
    fn default() -> Self {
        Self::new(&Limits::default())
    }
}

impl Sink {
    /// An empty sink keeping at most `limits.max_signals` signals and `limits.max_warnings`
    /// warnings.
    pub fn new(limits: &Limits) -> Self {
        Self {
            signals: Vec::new(),
            remote_manifests: Vec::new(),
            warnings: crate::container::warnings::Warnings::new(limits),
            signals_dropped: false,
            max_signals: crate::limits::count(limits.max_signals),
            copy_left: MAX_COPIED_JSON,
            copies_cut: false,
        }
    }

    /// What a copy of a value may take in JSON now: [`MAX_COPY_JSON`], or what is left of
    /// [`MAX_COPIED_JSON`] but at least [`MIN_COPY_JSON`].
    fn copy_max(&self) -> usize {
        MAX_COPY_JSON.min(self.copy_left.max(MIN_COPY_JSON))
    }

    /// Cut `s` to what a copy may take ([`Sink::copy_max`], [`crate::bytes::cut_json`]; the
    /// first cut also says so in a warning), and charge it to the allowance.
    fn bound(&mut self, s: &mut String) {
        let (cost, cut) = crate::bytes::cut_json(s, self.copy_max());
        self.copy_left = self.copy_left.saturating_sub(cost);
        if cut {
            self.cut_warning();
        }
    }

    fn cut_warning(&mut self) {
        if !self.copies_cut {
            self.copies_cut = true;
            self.warnings.push_summary(COPY_CUT.to_owned());
        }
    }

    /// Add a remote manifest reference (reported, never fetched here) unless it is listed
    /// already. One that [`MAX_COPY_JSON`] or the input's allowance would cut is not listed (a
    /// cut URI names another resource), with the warning of a cut.
    pub fn push_remote(&mut self, url: &str) {
        if self.remote_manifests.iter().any(|u| u == url) {
            return;
        }
        let (end, cost) = crate::bytes::json_fit(url, self.copy_max());
        if CUTS && end < url.len() {
            self.cut_warning();
            return;
        }
        self.copy_left = self.copy_left.saturating_sub(cost);
        self.remote_manifests.push(url.to_owned());
    }

    /// Add a signal (past [`Limits::max_signals`], one warning says the rest were not kept),
    /// its value and tool cut to what copies may take ([`MAX_COPY_JSON`], [`MAX_COPIED_JSON`]).
    pub fn push(&mut self, mut signal: Signal) {
        if self.signals.len() < self.max_signals {
            if CUTS {
                self.bound(&mut signal.value);
                if let Some(t) = signal.tool.as_mut() {
                    self.bound(t);
                }
            }
            self.signals.push(signal);
        } else if !self.signals_dropped {
            self.signals_dropped = true;
            self.warnings.push_summary(format!(
                "more than {max} labels were found; the first {max} are reported (max_signals)",
                max = self.max_signals
            ));
        }
    }
}

/// The warning of a value cut ([`Sink::push`], [`Sink::push_remote`]).
pub const COPY_CUT: &str =
    "values from the file cut to 64 KiB of JSON each, 2 MiB in all: a cut one ends with \
     … (N bytes more)";

/// The sentence every unsigned label carries.
pub const UNSIGNED_CAVEAT: &str =
    "This is unsigned metadata: anyone can add, change or strip it, so it shows what the file \
     claims, not who made it.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_order() {
        let s = [
            Strength::Verified,
            Strength::Signed,
            Strength::Watermark,
            Strength::Declared,
        ];
        for a in s {
            for b in s {
                assert_eq!(a.cmp(&b), a.rank().cmp(&b.rank()));
            }
        }
        let k = [AiKind::Generated, AiKind::Edited, AiKind::MayContain];
        for a in k {
            for b in k {
                assert_eq!(a.cmp(&b), a.rank().cmp(&b.rank()));
            }
        }
    }

    #[test]
    fn kind_names_are_the_serialised_names() {
        for k in [AiKind::Generated, AiKind::Edited, AiKind::MayContain] {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.name()));
        }
    }

    fn signal(value: String, tool: Option<String>) -> Signal {
        Signal {
            family: Family::Iptc,
            strength: Strength::Declared,
            ai: Some(AiKind::Generated),
            value,
            source_type: None,
            tool,
            location: Location::default(),
            sentence: None,
            explanation: String::new(),
        }
    }

    /// JSON writes a control character as six bytes: a value of 100,000 of them (600,000 bytes
    /// of JSON) keeps what fits in 64 KiB of JSON, and says so.
    #[test]
    fn a_value_is_cut_to_its_json_allowance() {
        let mut sink = Sink::default();
        let ctl = "\u{1}".repeat(100_000);
        sink.push(signal(ctl.clone(), Some(ctl)));
        sink.push(signal("\u{1}".repeat(20_000), None));
        let n = MAX_COPY_JSON / 6;
        let kept = format!("{}… ({} bytes more)", "\u{1}".repeat(n), 100_000 - n);
        assert_eq!(sink.signals[0].value, kept);
        assert_eq!(sink.signals[0].tool.as_deref(), Some(kept.as_str()));
        assert!(serde_json::to_string(&sink.signals[0].value).unwrap().len() <= MAX_COPY_JSON + 32);
        // One warning for every cut.
        assert_eq!(sink.warnings.iter().filter(|w| *w == COPY_CUT).count(), 1);
        assert_eq!(sink.warnings.len(), 1);
        // A value that fits is untouched, and says nothing.
        let mut sink = Sink::default();
        let honest = "a \"fox\"\n\tin snow, é".repeat(1000);
        sink.push(signal(honest.clone(), Some("Midjourney".into())));
        assert_eq!(sink.signals[0].value, honest);
        assert!(sink.warnings.is_empty());
    }

    /// The copies of one input share 2 MiB of JSON: 100 values of 40,000 quotes (80,000 bytes
    /// of JSON each) keep 32,768 quotes each until 2 MiB are spent (32 values), then 128 (256
    /// bytes of JSON); a short value past the allowance is still whole.
    #[test]
    fn the_copies_of_one_input_share_an_allowance() {
        let mut sink = Sink::default();
        for _ in 0..100 {
            sink.push(signal("\"".repeat(40_000), None));
        }
        let uri = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
        sink.push(signal(uri.to_owned(), Some("NovelAI".into())));
        let lens: Vec<usize> = sink.signals.iter().map(|s| s.value.len()).collect();
        let cut = |kept: usize| kept + format!("… ({} bytes more)", 40_000 - kept).len();
        assert_eq!(lens[..32], [cut(32_768); 32]);
        assert_eq!(lens[32..100], [cut(128); 68]);
        assert_eq!(sink.signals[100].value, uri);
        assert_eq!(sink.signals[100].tool.as_deref(), Some("NovelAI"));
        let json: usize = sink
            .signals
            .iter()
            .map(|s| serde_json::to_string(&s.value).unwrap().len())
            .sum();
        assert!(
            json <= MAX_COPIED_JSON + 101 * (MIN_COPY_JSON + 32),
            "{json}"
        );
    }

    /// A remote manifest reference is listed once, whole or not at all: a cut URI names
    /// another resource.
    #[test]
    fn a_remote_reference_is_listed_once_and_never_cut() {
        let mut sink = Sink::default();
        sink.push_remote("https://example.com/a.c2pa");
        sink.push_remote("https://example.com/a.c2pa");
        let long = format!("https://example.com/{}", "\u{e}".repeat(20_000));
        sink.push_remote(&long);
        sink.push_remote("https://example.com/b.c2pa");
        assert_eq!(
            sink.remote_manifests,
            ["https://example.com/a.c2pa", "https://example.com/b.c2pa"]
        );
        assert_eq!(sink.warnings.iter().collect::<Vec<_>>(), [COPY_CUT]);
    }

    #[test]
    fn rule_names_are_the_serialised_names() {
        for (r, want) in [
            (TextRule::Statement, "statement"),
            (TextRule::Label, "label"),
            (TextRule::AgentLabel, "agent-label"),
            (TextRule::Credit, "credit"),
            (TextRule::Hashtag, "hashtag"),
        ] {
            assert_eq!(r.name(), want);
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{want}\""));
        }
    }
}
