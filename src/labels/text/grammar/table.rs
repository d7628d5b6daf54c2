//! The shape of a language table and of a tool entry (the tables themselves: [`super::lang`]).

/// The words of one language, by their role in the grammar ([`super::lexicon::Class`]). Each
/// list is one string, its entries separated by `|` (a table of string slices would cost the wasm
/// eight bytes of pointer and length per entry).
#[derive(Debug)]
pub struct Lang {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    /// AI terms.
    pub ai: &'static str,
    /// Verbs and participles of making (generated, written, drawn, narrated...).
    pub made: &'static str,
    /// Verbs and participles of editing, translating, assisting.
    pub edited: &'static str,
    /// "With the help of" words.
    pub help: &'static str,
    /// Agent prepositions ("by").
    pub by: &'static str,
    /// Words pointing at this content.
    pub this: &'static str,
    /// Negations.
    pub neg: &'static str,
    /// The negation may follow the verb (verb-final languages: Japanese, Korean, Turkish,
    /// Hindi).
    pub neg_after: bool,
    /// Complementisers, reporting verbs, words of news about AI; `<` = only before the
    /// disclosure.
    pub cue: &'static str,
    /// Function words.
    pub glue: &'static str,
    /// Art and image nouns for hashtags.
    pub art: &'static str,
}

/// An AI tool.
#[derive(Debug)]
pub struct Tool {
    /// Display name.
    pub name: &'static str,
    /// How it is written, `|`-separated.
    pub patterns: &'static str,
    /// Also a common name or word ("Claude", "Gemini", "Copilot"): counts only capitalised and
    /// not next to another capitalised word ("Claude Monet").
    pub ambiguous: bool,
}
