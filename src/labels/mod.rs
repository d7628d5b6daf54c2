//! Third step of the pipeline: read the labels in what the container walk found.
//!
//! Every label reader turns what it finds into [`Signal`]s: a family, a strength, the value, where
//! it was found and a plain-language sentence on what it proves and what it does not. Readers
//! never decide the verdict; [`crate::verdict`] does that from all signals together.
//!
//! - [`image`]: unsigned image metadata (IPTC/XMP, EXIF, generator parameters, TC260).
//! - [`text`]: disclosures in text and HTML, hidden Unicode marks, the `AI-Disclosure` header.
//! - C2PA signals come from [`crate::c2pa`], watermark signals from [`crate::watermark`].

pub mod image;
pub mod text;

use crate::container::Location;
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
    pub source_type: Option<crate::source_type::SourceTypeInfo>,
    /// The AI tool it names, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// Where it was found.
    pub location: Location,
    /// What it proves and what it does not, in plain words.
    pub explanation: String,
}

/// Where label readers put what they find.
#[derive(Debug, Default)]
pub struct Sink {
    /// Evidence found.
    pub signals: Vec<Signal>,
    /// References to remote manifests (XMP `dcterms:provenance`, `Link` headers). Reported,
    /// never fetched.
    pub remote_manifests: Vec<String>,
    /// Non-fatal problems met while reading labels (a malformed XMP packet, ...).
    pub warnings: Vec<String>,
}

impl Sink {
    /// Add a signal.
    pub fn push(&mut self, signal: Signal) {
        self.signals.push(signal);
    }
}

/// The sentence every unsigned label carries.
pub const UNSIGNED_CAVEAT: &str =
    "This is unsigned metadata: anyone can add, change or strip it, so it shows what the file \
     claims, not who made it.";
