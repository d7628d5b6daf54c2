//! Last step of the pipeline: the JSON report every surface shows.
//!
//! The schema is documented in the README. `verdict` and the file-per-line JSON of the CLI are
//! fixed contracts that outside checks read.

use crate::c2pa::remote::RemoteManifest;
use crate::c2pa::C2paReport;
use crate::signal::{AiKind, Signal};
use crate::verdict::Verdict;
use serde::Serialize;

/// What was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputInfo {
    /// The sniffed format name.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the input, hex; absent when the caller turned it off
    /// ([`Options::input_sha256`](crate::Options::input_sha256)) or the digest failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// The AI summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AiSummary {
    /// `generated`, `edited`, `may-contain`, or null when no label declares AI.
    pub kind: Option<AiKind>,
    /// AI tools named by the evidence, strongest first.
    pub tools: Vec<String>,
}

/// A problem met while reading. `fatal` ones made the input unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportError {
    /// `malformed`, `unsupported`, `limit-exceeded`, `parameter`, `io` or `warning`.
    pub kind: String,
    /// What happened and where.
    pub message: String,
    /// True if this made the input unreadable.
    pub fatal: bool,
}

/// The report for one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// What was checked.
    pub input: InputInfo,
    /// The verdict.
    pub verdict: Verdict,
    /// A plain-language sentence on what the verdict means and does not mean.
    pub summary: String,
    /// What the evidence says about AI.
    pub ai: AiSummary,
    /// Sentences on signals that disagree.
    pub conflicts: Vec<String>,
    /// Every piece of evidence.
    pub signals: Vec<Signal>,
    /// Remote manifest references found (the core never fetches them).
    pub remote_manifests: Vec<String>,
    /// The reference a surface may offer to fetch (the first one, when the file has no
    /// embedded store and no sidecar was given): URL, host, whether it may be fetched, and
    /// what became of it.
    pub remote_manifest: Option<RemoteManifest>,
    /// The C2PA result, when the input has Content Credentials.
    pub c2pa: Option<C2paReport>,
    /// Problems met while reading.
    pub errors: Vec<ReportError>,
}

impl Report {
    /// The report as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!("{{\"verdict\":\"error\",\"errors\":[{{\"message\":\"{e}\"}}]}}")
        })
    }
}
