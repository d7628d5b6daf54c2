//! C2PA Content Credentials: find the manifest store, parse it, and validate it (C2PA 2.2 §15):
//! the claim signature of every manifest in the active chain (via [`signature`]), the hashed URI
//! of every assertion, the active manifest's hard binding, and ingredients recursively. Then
//! summarise each manifest for the page and say what the credentials declare about AI.
//!
//! Report shape for the cases c2pa-rs treats as errors:
//! - no embedded store but a remote reference (XMP `dcterms:provenance`, a `Link` header, a
//!   structured-text URL): no `c2pa` section; the reference is listed in the report's
//!   `remote_manifests` and described in its `remote_manifest` ([`remote`]), the core never
//!   fetches it, and the verdict comes from the other signals. A caller that fetched it with
//!   the user's consent passes the bytes in `Options::remote_manifest`, validated as a sidecar.
//! - an embedded store and a remote reference: the embedded store is validated and the
//!   reference is shown in `c2pa.remote_manifest`.
//! - more than one store (c2pa-rs `TooManyManifestStores`), or a store that cannot be parsed: a
//!   `c2pa` section in state `Invalid` with a `general.error` failure saying why.

pub mod assertions;
pub mod binding;
pub mod cbor;
pub mod claim;
pub mod copies;
pub mod cose;
pub mod identity;
pub mod invalid_reason;
pub mod jumbf;
pub(crate) mod nfc;
pub mod ocsp;
pub mod remote;
pub mod report;
pub mod rules;
pub mod signature;
pub mod status;
pub mod store;
mod summary;
pub mod text;
pub mod timestamp;
pub mod trust;
mod validate;
pub mod x509;

use crate::container::{Embedded, Location};
use crate::crypto::Crypto;
use crate::options::Options;
use crate::signal::{Family, Signal, Sink, Strength};
pub use report::{C2paReport, C2paState, StatusEntry, Validation};
use std::borrow::Cow;
use std::ops::Range;

/// A manifest store to validate, with the byte ranges that carry it.
struct Source<'a> {
    bytes: Cow<'a, [u8]>,
    ranges: Vec<Range<u64>>,
    location: Location,
    /// For text: the wrapper range the data hash must exclude.
    text_wrapper: Option<Range<u64>>,
}

/// Verify the C2PA manifest store(s) found in `embedded` (or given as a sidecar in `options`)
/// against `input`. Returns `None` when there are no Content Credentials at all. Signals for
/// AI declarations go into `sink`. Native builds only: the native backend answers
/// (`crypto::native`, through a `crypto::session` that remembers answers).
#[cfg(not(target_arch = "wasm32"))]
pub fn verify(
    input: &[u8],
    embedded: &Embedded<'_>,
    options: &Options,
    sink: &mut Sink,
) -> Option<C2paReport> {
    verify_with(
        input,
        embedded,
        options,
        &crate::crypto::session::Session::new(crate::crypto::native::NativeCrypto),
        sink,
    )
}

/// [`verify`] with `crypto` answering the digests and signature checks.
pub fn verify_with(
    input: &[u8],
    embedded: &Embedded<'_>,
    options: &Options,
    crypto: &dyn Crypto,
    sink: &mut Sink,
) -> Option<C2paReport> {
    if let Some(link) = &options.link_header {
        for uri in link_manifests(link) {
            if !sink.remote_manifests.contains(&uri) {
                sink.remote_manifests.push(uri);
            }
        }
    }
    // The text walker finds wrappers (A.8) and structured blocks (A.9); a wrapper's data hash
    // is over the NFC text minus the wrapper (§15.12.1.3).
    let mut sources: Vec<Source<'_>> = embedded
        .c2pa
        .iter()
        .map(|p| Source {
            bytes: Cow::Borrowed(p.bytes.as_ref()),
            ranges: p.ranges.clone(),
            location: p.location.clone(),
            text_wrapper: (p.location.block == crate::container::text::wrapper::WRAPPER_BLOCK)
                .then(|| p.ranges.first().cloned())
                .flatten(),
        })
        .collect();
    // Everything read from the store draws on one budget (`Limits::max_c2pa_bytes`).
    let c2pa = crate::limits::C2paBudget::new(&options.limits);
    let joined = join_update(&mut sources, &options.limits).and_then(|()| {
        // c2pa-rs reads the BMFF `merkle` boxes with the store: one it cannot decode makes
        // the file unreadable.
        let bmff = sources.iter().any(|s| {
            use crate::container::bmff::{MANIFEST_BLOCK, ORIGINAL_BLOCK, UPDATE_BLOCK};
            [MANIFEST_BLOCK, ORIGINAL_BLOCK, UPDATE_BLOCK].contains(&s.location.block.as_str())
        });
        match bmff.then(|| binding::unreadable_merkle_box(input, &c2pa)) {
            Some(Some(why)) => Err(why),
            _ => Ok(()),
        }
    });
    let mut text_statuses: Vec<binding::Status> = Vec::new();
    if sources.len() > 1 && sources.iter().all(|s| s.text_wrapper.is_some()) {
        text_statuses.push((status::MANIFEST_TEXT_MULTIPLE_WRAPPERS, None));
        sources.truncate(1);
    }
    if sources.is_empty() {
        // A sidecar the caller gave, else the store fetched from the remote reference: both are
        // validated against the whole file (nothing embedded to exclude from the data hash).
        let outside = options
            .sidecar_manifest
            .as_ref()
            .map(|s| (s, "sidecar manifest store"))
            .or_else(|| {
                options
                    .remote_manifest
                    .as_ref()
                    .map(|s| (s, "remote manifest store"))
            });
        if let Some((side, what)) = outside {
            sources.push(Source {
                bytes: Cow::Borrowed(side.as_slice()),
                ranges: Vec::new(),
                location: Location::new("c2pa", what, 0),
                text_wrapper: None,
            });
        }
    }
    if sources.is_empty() {
        return None;
    }
    // The trust lists are parsed once per process and set of lists.
    let parsed = trust::parsed(&options.trust);
    let (trust, warnings) = (&parsed.0, &parsed.1);
    sink.warnings.extend(warnings.iter().cloned());
    let mut report = if let Err(why) = joined {
        failed_report(why)
    } else if sources.len() > 1 || (embedded.skipped_stores > 0 && !embedded.c2pa.is_empty()) {
        // C2PA 2.2 §15.5.2; c2pa-rs reports `TooManyManifestStores`. Stores the walk skipped
        // (past `Limits::max_stores`) count: the file holds more than it kept.
        failed_report(format!(
            "the file holds {} manifest stores where only one is allowed",
            crate::bytes::to_u64(sources.len()).saturating_add(embedded.skipped_stores)
        ))
    } else {
        let src = sources.first()?;
        // A store not read in place (joined, decoded) is a copy, paid for from the budget.
        if !input.as_ptr_range().contains(&src.bytes.as_ptr()) {
            c2pa.spend(crate::bytes::to_u64(src.bytes.len()));
        }
        let ctx = validate::Context {
            input,
            segments: &embedded.segments,
            store_ranges: &src.ranges,
            text: src
                .text_wrapper
                .as_ref()
                .and_then(|w| std::str::from_utf8(input).ok().map(|t| (t, w.clone()))),
            options,
            trust,
            crypto,
            no_asset: embedded.format == Some(crate::sniff::Format::C2pa),
            c2pa: &c2pa,
        };
        validate::run(&src.bytes, &ctx, &mut sink.warnings)
    };
    for (code, detail) in text_statuses {
        push_status(&mut report.validation, code, detail, None, None);
    }
    report.state = validate::state_of(&report.validation, report.state);
    report.invalid_reason = (report.state == C2paState::Invalid)
        .then(|| invalid_reason::of(&report.validation))
        .flatten();
    // A remote reference next to an embedded store: listed, never fetched; the embedded store
    // is what was validated (C2PA 2.2 §15.5.3 prefers it).
    report.remote_manifest = sink.remote_manifests.first().cloned();
    let location = sources
        .first()
        .map(|s| s.location.clone())
        .unwrap_or_default();
    push_signal(&report, location, sink);
    Some(report)
}

/// Join a BMFF `original` store and its `update` store into one source (C2PA 2.2 A.5.3, c2pa-rs
/// `BmffIO::read_cai`). One without the other, or more than one of either, is an error, as in
/// c2pa-rs; an `original` next to a `manifest` box is left as two stores (too many).
fn join_update(
    sources: &mut Vec<Source<'_>>,
    limits: &crate::limits::Limits,
) -> Result<(), String> {
    use crate::container::bmff::{ORIGINAL_BLOCK, UPDATE_BLOCK};
    let is = |s: &Source<'_>, b: &str| s.location.block == b;
    let originals = sources.iter().filter(|s| is(s, ORIGINAL_BLOCK)).count();
    let updates = sources.iter().filter(|s| is(s, UPDATE_BLOCK)).count();
    match (originals, updates) {
        (0, 0) => return Ok(()),
        (_, 0) => {
            return Err("the file holds an original manifest store without its update".to_owned())
        }
        (0, _) => {
            return Err("the file holds an update manifest store without its original".to_owned())
        }
        (1, 1) => {}
        _ => {
            return Err("the file holds more than one original or update manifest store".to_owned())
        }
    }
    let (Some(o), Some(u)) = (
        sources.iter().position(|s| is(s, ORIGINAL_BLOCK)),
        sources.iter().position(|s| is(s, UPDATE_BLOCK)),
    ) else {
        return Ok(());
    };
    let (Some(os), Some(us)) = (sources.get(o), sources.get(u)) else {
        return Ok(());
    };
    let joined = store::join(&os.bytes, &us.bytes, limits).map_err(|e| {
        format!(
            "the original and update manifest stores could not be joined: {}",
            e.message()
        )
    })?;
    let update = sources.remove(u);
    let Some(original) = sources.get_mut(if u < o { o.saturating_sub(1) } else { o }) else {
        return Ok(());
    };
    original.bytes = Cow::Owned(joined);
    original.ranges.extend(update.ranges);
    Ok(())
}

/// URIs in a `Link` header with `rel="c2pa-manifest"` (C2PA 2.2 §11.4).
fn link_manifests(header: &str) -> Vec<String> {
    header
        .split(',')
        .filter(|part| {
            part.split(';').skip(1).any(|p| {
                let p = p.trim().to_ascii_lowercase();
                p == "rel=\"c2pa-manifest\"" || p == "rel=c2pa-manifest"
            })
        })
        .filter_map(|part| {
            let uri = part.split(';').next()?.trim();
            Some(uri.strip_prefix('<')?.strip_suffix('>')?.to_owned())
        })
        .collect()
}

/// A report for a store that could not be validated at all.
fn failed_report(why: String) -> C2paReport {
    let mut validation = Validation::default();
    push_status(
        &mut validation,
        status::GENERAL_ERROR,
        Some(why),
        None,
        None,
    );
    C2paReport {
        state: C2paState::Invalid,
        active_manifest: None,
        manifests: Vec::new(),
        validation,
        ai: None,
        ai_tool: None,
        remote_manifest: None,
        invalid_reason: None,
    }
}

/// Add a status entry to the list its code belongs to.
fn push_status(
    v: &mut Validation,
    code: &str,
    detail: Option<String>,
    manifest: Option<&str>,
    url: Option<String>,
) {
    // What the file names is cut (`copies`); the code and its explanation are ours.
    let (mut detail, mut url) = (detail, url);
    v.copies.keep_opt(&mut detail);
    v.copies.keep_opt(&mut url);
    let explanation = match detail {
        Some(d) => format!("{} ({d})", status::explain(code)),
        None => status::explain(code).to_owned(),
    };
    let entry = StatusEntry {
        code: code.to_owned(),
        explanation,
        manifest: manifest.map(copies::label),
        url,
    };
    match status::kind(code) {
        status::Kind::Success => v.success.push(entry),
        status::Kind::Informational => v.informational.push(entry),
        status::Kind::Failure => v.failure.push(entry),
    }
}

/// Tell the verdict what the credentials say.
fn push_signal(report: &C2paReport, location: Location, sink: &mut Sink) {
    let active = report
        .active_manifest
        .as_ref()
        .and_then(|l| report.manifests.iter().find(|m| &m.label == l));
    let signer = active
        .and_then(|m| m.signer.as_ref())
        .and_then(|s| s.organization.clone().or_else(|| s.common_name.clone()));
    let by = signer
        .as_deref()
        .map_or(String::new(), |s| format!(" signed by {s}"));
    let what = match report.ai {
        Some(k) => format!("declare AI use ({})", k.name()),
        None => "declare no AI use".to_owned(),
    };
    let tool = report
        .ai_tool
        .as_deref()
        .map_or(String::new(), |t| format!(" with {t}"));
    let (strength, explanation) = match report.state {
        C2paState::Trusted => {
            let legacy = active
                .and_then(|m| m.signer.as_ref())
                .is_some_and(|s| s.legacy_trust);
            let whom = if legacy {
                format!("a signer {} (signed before the freeze)", trust::LEGACY_EXPLANATION)
            } else {
                "a trusted signer".to_owned()
            };
            (
                Strength::Verified,
                format!("Content Credentials{by}, {whom}, {what}{tool}; the signature and the file hash check out."),
            )
        }
        C2paState::Valid => (
            Strength::Signed,
            match identity::held_back_by_identity(&report.validation) {
                Some(codes) => format!(
                    "Content Credentials{by} {what}{tool}. {}",
                    identity::held_back_sentence(&codes)
                ),
                None => format!("Content Credentials{by} {what}{tool}; the signature and the file hash check out, but the signer is not on the trust lists in use."),
            },
        ),
        C2paState::Invalid => (
            Strength::Declared,
            format!(
                "Content Credentials{by} {what}{tool}, but they fail validation{}, so this is only a claim.",
                report
                    .invalid_reason
                    .map_or(String::new(), |r| format!(" ({})", r.as_str()))
            ),
        ),
    };
    // The source type that carries the AI claim, found anywhere in the active chain.
    let uri = |a: &report::Action| Some((a.digital_source_type.clone()?, a.source_type));
    let (value, source_type) = report
        .manifests
        .iter()
        .flat_map(|m| m.actions.iter())
        .filter(|a| report.ai.is_some() && a.ai() == report.ai)
        .find_map(uri)
        .or_else(|| {
            let disclosed = report.manifests.iter().any(|m| m.ai_disclosure.is_some());
            (report.ai.is_some() && disclosed).then(|| ("c2pa.ai-disclosure".to_owned(), None))
        })
        .or_else(|| active.and_then(|m| m.actions.iter().find_map(uri)))
        .unwrap_or_else(|| ("Content Credentials".to_owned(), None));
    let mut location = location;
    location.path = report.active_manifest.clone();
    sink.push(Signal {
        family: Family::C2pa,
        strength,
        ai: report.ai,
        value,
        source_type,
        tool: report.ai_tool.clone(),
        location,
        sentence: None,
        explanation,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_link_headers() {
        let h =
            r#"<https://a.example/m.c2pa>; rel="c2pa-manifest", <https://b.example/>; rel="next""#;
        assert_eq!(
            link_manifests(h),
            vec!["https://a.example/m.c2pa".to_owned()]
        );
    }
}
