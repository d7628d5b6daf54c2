//! Exporting reports for people who file them: a self-contained HTML report (one file or a
//! batch), the provenance picture as inline SVG (the same markup in the report and on the page),
//! and the triage row behind the CLI's CSV and the report's summary table.
//!
//! The export reads the report's JSON (README "The report"), not the Rust types, so that the
//! page can hand back the report object it already holds, through the wasm facade, and get the
//! very same document the CLI writes. It does no I/O and reads no clock: what only the caller
//! knows (the time of the check, the trust lists in use, the checker's own hash) comes in a
//! [`Context`].
//!
//! - [`escape`]: the one escaping function, for text and attribute values.
//! - [`graph`] lays out the manifests and ingredients; [`svg`] draws them.
//! - [`html`] writes the document; [`triage`] the per-file summary columns and CSV.
//! - [`words`]: verdict titles and colours (as on the page), what each does not prove.

pub mod escape;
pub mod graph;
pub mod html;
pub mod svg;
pub mod triage;
pub mod value;
pub mod words;

use serde::Deserialize;
use serde_json::Value;

/// What the caller knows about the check that the reports do not say.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Context {
    /// When the check ran, RFC 3339 in UTC.
    pub checked_at: String,
    /// The verification time ("as of", RFC 3339), or `None` for the time of the check.
    pub verify_time: Option<String>,
    /// The ailabel version.
    pub tool_version: String,
    /// What ran the check: "command line" or "web page (WebAssembly)".
    pub tool_kind: String,
    /// SHA-256 (hex) of the binary or wasm module that ran the check, when obtainable.
    pub tool_sha256: Option<String>,
    /// The trust lists in use.
    pub trust_lists: Vec<TrustList>,
}

/// A trust list in use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrustList {
    /// Its name (a file name, or the official list's name).
    pub name: String,
    /// What it holds: signer anchors, allowed certificates, TSA anchors, accepted EKUs.
    pub kind: String,
    /// SHA-256 (hex) of its bytes.
    pub sha256: String,
    /// When it was fetched (or, for a local file, last modified), if known.
    pub fetched: Option<String>,
    /// How many certificates it holds, if it holds certificates.
    pub certificates: Option<u64>,
}

/// One checked file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Item {
    /// The file's name as the user gave it.
    pub name: String,
    /// Its report, as JSON.
    pub report: Value,
    /// A thumbnail of the file made by the caller, as a `data:image/...;base64,` URI; shown only
    /// if it passes [`graph::checked_data_uri`].
    pub thumbnail: Option<String>,
}

/// The HTML report of one or more checked files.
pub fn html_report(items: &[Item], context: &Context) -> String {
    html::report(items, context)
}

/// The provenance picture of one report as SVG markup, or `None` without Content Credentials.
/// `id` prefixes the ids inside it (unique per document).
pub fn provenance_svg(report: &Value, id: &str) -> Option<String> {
    graph::build(report).map(|g| svg::draw(&g, id))
}

/// Number of certificates in a PEM text (for [`TrustList::certificates`]).
pub fn count_pem_certificates(pem: &str) -> u64 {
    u64::try_from(pem.matches("-----BEGIN CERTIFICATE-----").count()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests;
