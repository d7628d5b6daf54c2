//! ailabel reads and verifies AI-content disclosure labels on images and text.
//!
//! The pipeline, one module per step:
//! [`sniff`] → [`container`] → [`labels`] / [`c2pa`] / [`watermark`] → [`verdict`] → [`report`].
//!
//! Contract: every entry point takes arbitrary, possibly hostile bytes. It never panics, always
//! ends, and allocates within [`Limits`]. An input that cannot be read yields a report whose
//! verdict is `error` with a message saying what was expected, what was found, and where.

pub mod bytes;
pub mod c2pa;
pub mod container;
pub mod error;
pub mod export;
pub mod labels;
pub mod limits;
pub mod options;
pub mod report;
pub mod sniff;
pub mod verdict;
pub mod watermark;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind};
pub use labels::{AiKind, Family, Signal, Strength};
pub use limits::Limits;
pub use options::{Options, TrustSettings};
pub use report::Report;
pub use sniff::Format;
pub use verdict::Verdict;

use report::{AiSummary, InputInfo, ReportError};
use sha2::{Digest, Sha256};

/// Check one input (an image, a manifest store, or text/HTML bytes) and report on its labels.
pub fn check(input: &[u8], options: &Options) -> Report {
    let format = sniff::sniff(input);
    check_as(input, format, options)
}

/// Check a text (or HTML) string.
pub fn check_text(text: &str, options: &Options) -> Report {
    let bytes = text.as_bytes();
    let format = match sniff::sniff(bytes) {
        f @ (Format::Html | Format::Text) => f,
        _ => Format::Text,
    };
    check_as(bytes, format, options)
}

/// Check `input` as the given format, skipping the sniff.
pub fn check_as(input: &[u8], format: Format, options: &Options) -> Report {
    let mut sink = labels::Sink::default();
    let mut errors = Vec::new();
    let mut unreadable = false;

    let embedded = match container::walk(format, input, &options.limits) {
        Ok(e) => e,
        Err(e) => {
            unreadable = true;
            errors.push(fatal(&e));
            container::Embedded {
                format: Some(format),
                ..Default::default()
            }
        }
    };
    for w in &embedded.warnings {
        errors.push(warning(w));
    }

    let mut c2pa_report = None;
    if !unreadable {
        labels::image::read(&embedded, &options.limits, &mut sink);
        labels::text::read(&embedded, &options.limits, &mut sink);
        if let Some(h) = &options.ai_disclosure_header {
            labels::text::read_ai_disclosure_header(h, &mut sink);
        }
        c2pa_report = c2pa::verify(input, &embedded, options, &mut sink);
        if options.watermarks && format.is_image() {
            match &options.pixels {
                Some(p) => watermark::read_rgba(&p.rgba, p.width, p.height, options, &mut sink),
                None => watermark::read(input, &embedded, options, &mut sink),
            }
        }
    }
    for w in &sink.warnings {
        errors.push(warning(w));
    }

    let decision = verdict::decide(c2pa_report.as_ref(), &sink.signals, unreadable);
    let mut signals = sink.signals;
    signals.sort_by_key(|s| s.strength);
    let mut tools: Vec<String> = Vec::new();
    if let Some(t) = c2pa_report.as_ref().and_then(|c| c.ai_tool.clone()) {
        tools.push(t);
    }
    for s in signals.iter().filter(|s| s.ai.is_some()) {
        if let Some(t) = &s.tool {
            if !tools.contains(t) {
                tools.push(t.clone());
            }
        }
    }
    let summary = match (decision.verdict, errors.iter().find(|e| e.fatal)) {
        (Verdict::Error, Some(e)) => format!("{} {}", Verdict::Error.explanation(), e.message),
        (v, _) => v.explanation().to_owned(),
    };
    Report {
        input: InputInfo {
            format: format.name().to_owned(),
            size: bytes::to_u64(input.len()),
            sha256: hex(&Sha256::digest(input)),
        },
        verdict: decision.verdict,
        summary,
        ai: AiSummary {
            kind: decision.ai_kind,
            tools,
        },
        conflicts: decision.conflicts,
        signals,
        remote_manifests: sink.remote_manifests,
        c2pa: c2pa_report,
        errors,
    }
}

/// A report for an input that could not even be obtained (an unreadable file, say).
pub fn error_report(message: &str, err_kind: ErrorKind) -> Report {
    let e = Error::io(message);
    let mut r = check_as(&[], Format::Unknown, &Options::default());
    r.errors = vec![ReportError {
        kind: kind_name(err_kind).to_owned(),
        message: e.message().to_owned(),
        fatal: true,
    }];
    r.summary = format!("{} {}", Verdict::Error.explanation(), message);
    r
}

fn fatal(e: &Error) -> ReportError {
    ReportError {
        kind: kind_name(e.kind()).to_owned(),
        message: e.message().to_owned(),
        fatal: true,
    }
}

fn warning(message: &str) -> ReportError {
    ReportError {
        kind: "warning".to_owned(),
        message: message.to_owned(),
        fatal: false,
    }
}

fn kind_name(k: ErrorKind) -> &'static str {
    match k {
        ErrorKind::Malformed => "malformed",
        ErrorKind::Unsupported => "unsupported",
        ErrorKind::LimitExceeded => "limit-exceeded",
        ErrorKind::Parameter => "parameter",
        ErrorKind::Io => "io",
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
