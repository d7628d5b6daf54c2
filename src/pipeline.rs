//! The orchestration: run one input through every step of the pipeline and assemble the report.
//!
//! ```text
//! sniff → container → labels / c2pa / watermark → verdict → report
//! ```
//!
//! This is the only module that calls every step; no step calls another step that comes after
//! it. A check is two calls: [`prepare`] (walk, unsigned labels, watermarks) and
//! [`Prepared::finish`] (C2PA, verdict, report). Both take the [`Crypto`] backend that answers
//! digests and signature checks; `finish` may run more than once over one preparation, as the
//! browser does until WebCrypto has answered everything it asks (`crypto::replay`).
//!
//! An input that cannot be read (the container walk fails) still yields a [`Report`], with the
//! verdict `error` and the reason in `errors` (the `Error` channel); everything the checks find,
//! failed signatures included, is evidence in the report (the `Report` channel).

use crate::bytes;
use crate::c2pa;
use crate::container::{self, Embedded};
use crate::crypto::{self, Crypto};
use crate::error::Error;
#[cfg(not(target_arch = "wasm32"))]
use crate::error::ErrorKind;
use crate::labels;
use crate::options::Options;
use crate::report::{AiSummary, InputInfo, Report, ReportError};
use crate::signal::Sink;
use crate::sniff::{self, Format};
use crate::verdict::{self, Verdict};
use crate::watermark;

/// Check one input (an image, a manifest store, or text/HTML bytes) and report on its labels.
/// Native builds only (`crypto::native` answers, through a `crypto::session` that hashes the
/// input once); the browser goes through [`prepare`].
#[cfg(not(target_arch = "wasm32"))]
pub fn check(input: &[u8], options: &Options) -> Report {
    let format = sniff::sniff(input);
    check_as(input, format, options)
}

/// Check a text (or HTML) string.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_text(text: &str, options: &Options) -> Report {
    check_as(text.as_bytes(), text_format(text), options)
}

/// Check `input` as the given format, skipping the sniff.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_as(input: &[u8], format: Format, options: &Options) -> Report {
    let crypto = crypto::session::Session::for_input(crypto::native::NativeCrypto, input)
        .wanting_whole(options.input_sha256);
    prepare(input, format, options, &crypto).finish(options, &crypto)
}

/// The format a text string is checked as: HTML when it sniffs so, else text.
pub fn text_format(text: &str) -> Format {
    match sniff::sniff(text.as_bytes()) {
        f @ (Format::Html | Format::Text) => f,
        _ => Format::Text,
    }
}

/// An input after the steps before C2PA.
#[derive(Debug)]
pub struct Prepared<'i> {
    input: &'i [u8],
    format: Format,
    embedded: Embedded<'i>,
    /// What the label readers found.
    labels: Sink,
    /// What the watermark readers found (kept apart so that the report keeps the order labels,
    /// C2PA, watermarks).
    watermarks: Sink,
    errors: Vec<ReportError>,
    unreadable: bool,
}

/// Everything before the C2PA step: walk the container, read the unsigned labels and the
/// watermarks (`crypto` checks NovelAI's pixel signatures, the only cryptography here).
pub fn prepare<'i>(
    input: &'i [u8],
    format: Format,
    options: &Options,
    crypto: &dyn Crypto,
) -> Prepared<'i> {
    prepare_with_rows(input, format, options, crypto, None)
}

/// [`prepare`] with the input's pixels delivered by the caller as rows (`rows`, used instead of
/// [`Options::pixels`] and of a decode): the browser's band path, which never copies the whole
/// RGBA frame into wasm memory (`watermark::read_rows_with`).
pub fn prepare_with_rows<'i>(
    input: &'i [u8],
    format: Format,
    options: &Options,
    crypto: &dyn Crypto,
    rows: Option<&mut dyn watermark::PixelRows>,
) -> Prepared<'i> {
    let mut labels = Sink::new(&options.limits);
    let mut watermarks = Sink::new(&options.limits);
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
    for w in embedded.warnings.lines() {
        errors.push(warning(&w));
    }
    // A C2PA manifest in a text wrapper: its data hash is over the NFC text, whose Unicode data
    // is in the text-data part. Asking for it here, before the C2PA step, lets the browser
    // facade load the part during preparation (`c2pa::nfc::ready`).
    let wrapper = crate::container::text::wrapper::WRAPPER_BLOCK;
    if embedded.c2pa.iter().any(|p| p.location.block == wrapper) {
        let _ = crate::c2pa::nfc::ready();
    }
    if !unreadable {
        labels::image::read(&embedded, &options.limits, &mut labels);
        // The browser's core module reads text through its text part, loaded on first need.
        #[cfg(all(target_arch = "wasm32", not(feature = "text-module")))]
        labels::text::part::read(
            input,
            &embedded,
            &options.limits,
            &options.text_keys,
            options.ai_disclosure_header.as_deref(),
            crypto,
            &mut labels,
        );
        #[cfg(not(all(target_arch = "wasm32", not(feature = "text-module"))))]
        {
            labels::text::read(
                &embedded,
                &options.limits,
                &options.text_keys,
                crypto,
                &mut labels,
            );
            if let Some(h) = &options.ai_disclosure_header {
                labels::text::read_ai_disclosure_header(h, &mut labels);
            }
        }
        // A damaged image has no pixels to look at: skip the decode (an early exit).
        if options.watermarks && format.is_image() && embedded.damage.is_none() {
            match (rows, &options.pixels) {
                (Some(rows), _) => {
                    watermark::read_rows_with(crypto, rows, options, &mut watermarks);
                }
                (None, Some(p)) => watermark::read_rgba_with(
                    crypto,
                    &p.rgba,
                    p.width,
                    p.height,
                    options,
                    &mut watermarks,
                ),
                (None, None) => {
                    watermark::read_with(crypto, input, &embedded, options, &mut watermarks);
                }
            }
        }
    }
    Prepared {
        input,
        format,
        embedded,
        labels,
        watermarks,
        errors,
        unreadable,
    }
}

impl Prepared<'_> {
    /// The byte regions that stay unchanged while this value lives: the input and the manifest
    /// stores found in it. A replaying crypto backend keys hashed ranges by their place in
    /// these instead of copying them.
    pub fn stable_regions(&self) -> Vec<&[u8]> {
        let mut out = vec![self.input];
        out.extend(self.embedded.c2pa.iter().map(|p| p.bytes.as_ref()));
        out
    }

    /// The C2PA step, the verdict and the report, with `crypto` answering.
    pub fn finish(&self, options: &Options, crypto: &dyn Crypto) -> Report {
        let input = self.input;
        let mut sink = self.labels.clone();
        let mut errors = self.errors.clone();
        let mut unreadable = self.unreadable;
        let damage = self.embedded.damage.as_deref();
        let mut c2pa_report = None;
        if !unreadable {
            c2pa_report = c2pa::verify_with(input, &self.embedded, options, crypto, &mut sink);
        }
        sink.signals.extend(self.watermarks.signals.iter().cloned());
        sink.warnings
            .extend(self.watermarks.warnings.iter().cloned());
        for w in sink.warnings.lines() {
            errors.push(warning(&w));
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
        bytes::sort_by_key(&mut signals, |s| s.strength.rank());
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
            // Valid only because an identity assertion is not confirmed: the signer is
            // trusted, so the generic "signer not trusted" sentence would be wrong.
            (v @ (Verdict::AiSigned | Verdict::Provenance), _) => c2pa_report
                .as_ref()
                .filter(|c| c.state == c2pa::C2paState::Valid)
                .and_then(|c| c2pa::identity::held_back_by_identity(&c.validation))
                .map_or_else(
                    || v.explanation().to_owned(),
                    |codes| {
                        let what = if v == Verdict::AiSigned {
                            "Content Credentials declare that AI was used."
                        } else {
                            "Valid Content Credentials are present and declare no AI use; they \
                             do not prove that no AI was involved."
                        };
                        format!("{what} {}", c2pa::identity::held_back_sentence(&codes))
                    },
                ),
            (v, _) => v.explanation().to_owned(),
        };
        let remote_manifest = c2pa::remote::reference(
            &sink.remote_manifests,
            !self.embedded.c2pa.is_empty(),
            options,
        );
        let mut summary = summary;
        // Label data left unread over a limit: a verdict that found no AI label says so.
        let unread = sink
            .warnings
            .unread()
            .saturating_add(self.embedded.warnings.unread())
            .saturating_add(u64::from(self.embedded.skipped_entries > 0));
        if unread > 0 && matches!(decision.verdict, Verdict::NoLabel | Verdict::Provenance) {
            summary = format!("{summary} {}", crate::verdict::unread_sentence(unread));
        }
        if let Some(r) = remote_manifest
            .as_ref()
            .filter(|r| r.status != c2pa::remote::RemoteStatus::Fetched)
        {
            if decision.verdict != Verdict::Error {
                summary = format!("{summary} {}", r.explanation);
            }
            if let Some(code) = &r.code {
                errors.push(warning(&format!("{code}: {}", r.explanation)));
            }
        }
        Report {
            input: InputInfo {
                format: self.format.name().to_owned(),
                size: bytes::to_u64(input.len()),
                sha256: options
                    .input_sha256
                    .then(|| crypto::sha256(crypto, input))
                    .flatten()
                    .map(|h| bytes::hex(&h)),
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
            remote_manifest,
            c2pa: c2pa_report,
            errors,
        }
    }
}

/// A report for an input that could not even be obtained (an unreadable file, say).
#[cfg(not(target_arch = "wasm32"))]
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
