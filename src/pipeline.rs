//! The orchestration: run one input through every step of the pipeline and assemble the report.
//!
//! ```text
//! sniff → container → labels / c2pa / watermark → verdict → report
//! ```
//!
//! This is the only module that calls every step; no step calls another step that comes after
//! it. An input that cannot be read (the container walk fails) still yields a [`Report`], with
//! the verdict `error` and the reason in `errors` (the `Error` channel); everything the checks
//! find, failed signatures included, is evidence in the report (the `Report` channel).

use crate::bytes;
use crate::c2pa;
use crate::container;
use crate::error::{Error, ErrorKind};
use crate::labels;
use crate::options::Options;
use crate::report::{AiSummary, InputInfo, Report, ReportError};
use crate::signal::Sink;
use crate::sniff::{self, Format};
use crate::verdict::{self, Verdict};
use crate::watermark;
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
    let mut sink = Sink::default();
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
    let damage = embedded.damage.as_deref();

    let mut c2pa_report = None;
    if !unreadable {
        labels::image::read(&embedded, &options.limits, &mut sink);
        labels::text::read(&embedded, &options.limits, &options.text_keys, &mut sink);
        if let Some(h) = &options.ai_disclosure_header {
            labels::text::read_ai_disclosure_header(h, &mut sink);
        }
        c2pa_report = c2pa::verify(input, &embedded, options, &mut sink);
        // A damaged image has no pixels to look at: skip the decode (an early exit).
        if options.watermarks && format.is_image() && damage.is_none() {
            match &options.pixels {
                Some(p) => watermark::read_rgba(&p.rgba, p.width, p.height, options, &mut sink),
                None => watermark::read(input, &embedded, options, &mut sink),
            }
        }
    }
    for w in &sink.warnings {
        errors.push(warning(w));
    }
    if let Some(d) = damage {
        if sink.signals.is_empty() && c2pa_report.is_none() {
            // Nothing to report but the damage: the image could not be read.
            unreadable = true;
            errors.insert(
                0,
                fatal(&Error::malformed(format!("the image is damaged: {d}"))),
            );
        } else {
            errors.push(warning(&format!(
                "the image is damaged ({d}); the labels found in it are reported"
            )));
        }
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
        (Verdict::Invalid, _) => c2pa_report
            .as_ref()
            .and_then(|c| {
                Some(c2pa::invalid_reason::summary(
                    c.invalid_reason?,
                    &c.validation,
                ))
            })
            .unwrap_or_else(|| Verdict::Invalid.explanation().to_owned()),
        (v, _) => v.explanation().to_owned(),
    };
    Report {
        input: InputInfo {
            format: format.name().to_owned(),
            size: bytes::to_u64(input.len()),
            sha256: bytes::hex(&Sha256::digest(input)),
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
        kind: err_kind.name().to_owned(),
        message: e.message().to_owned(),
        fatal: true,
    }];
    r.summary = format!("{} {}", Verdict::Error.explanation(), message);
    r
}

/// The report entry for the error that made the input unreadable.
fn fatal(e: &Error) -> ReportError {
    ReportError {
        kind: e.kind().name().to_owned(),
        message: e.message().to_owned(),
        fatal: true,
    }
}

/// The report entry for a problem that did not stop the check.
fn warning(message: &str) -> ReportError {
    ReportError {
        kind: "warning".to_owned(),
        message: message.to_owned(),
        fatal: false,
    }
}
