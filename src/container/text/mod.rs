//! Text inputs: plain text and HTML. One decoder ([`decode`]) turns the input bytes into a
//! [`TextBody`]; the plain-text walker ([`plain`]) and the HTML walker ([`html`]) then find the
//! C2PA stores text can carry: the variation-selector wrapper ([`wrapper`], C2PA 2.4 A.8), the
//! structured-text block ([`structured`], A.9) and, in HTML, `<script type="application/c2pa">`
//! and `<link rel="c2pa-manifest">` (A.7).
//!
//! HTML is scanned once, here: the scanned [`html::Document`] travels on in
//! [`TextBody::html`], and the label readers read it; they cannot scan again (the scanner is
//! private to [`html`]).

pub mod decode;
pub mod html;
pub mod plain;
pub mod structured;
pub mod wrapper;

use std::borrow::Cow;

/// Key of the [`super::TextEntry`] that records a C2PA manifest URL found in text or HTML.
pub const MANIFEST_URL_KEY: &str = "c2pa-manifest-url";

/// A decoded text document (plain text or HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBody<'a> {
    /// The text as decoded (UTF-8 borrowed; UTF-16 converted).
    pub text: Cow<'a, str>,
    /// `"utf-8"`, `"utf-16le"` or `"utf-16be"`.
    pub encoding: &'static str,
    /// True if the input started with a byte-order mark.
    pub bom: bool,
    /// For HTML: the document as scanned, once, by the HTML walker.
    pub html: Option<html::Document>,
}

impl TextBody<'_> {
    /// The container name locations use: `"html"` or `"text"`.
    pub fn container(&self) -> &'static str {
        if self.html.is_some() {
            "html"
        } else {
            "text"
        }
    }
}
