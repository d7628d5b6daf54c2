//! Values copied from a file into its report (issue 15, held-back set 4): JSON writes a control
//! character as six bytes, so 2 MiB of XMP values of them took 13 MB of report and 1,000
//! generator parameters blocks 54 MB. Each copy now takes at most 64 KiB of JSON and those of
//! one input 2 MiB together (`ailabel::signal`); what is cut ends with "… (N bytes more)" and a warning says
//! so. The inputs are built here; the bounds follow from how they are built.

use crate::support::images::xmp;
use crate::support::png::{chunk, grey, itxt_xmp, text};
use ailabel::{check, Options, Report, Verdict};

const MIB: usize = 1 << 20;
/// The bounds the README promises: 64 KiB of JSON a copy, 2 MiB an input, and 256 bytes a copy
/// past them.
const MAX_COPY_JSON: usize = 64 << 10;
const MAX_COPIED_JSON: usize = 2 * MIB;
const MIN_COPY_JSON: usize = 256;

fn cut_said(r: &Report) -> bool {
    r.errors.iter().any(|e| {
        !e.fatal
            && e.message
                .contains("cut to 64 KiB of JSON each, 2 MiB in all")
    })
}

fn run(png: &[u8]) -> Report {
    check(
        png,
        &Options {
            watermarks: false,
            ..Options::default()
        },
    )
}

/// The JSON bytes of the report's copied values: signal values and tools, remote references.
fn copied(r: &Report) -> usize {
    let json = |s: &str| serde_json::to_string(s).unwrap().len();
    let signals: usize = r
        .signals
        .iter()
        .map(|s| json(&s.value) + s.tool.as_deref().map_or(0, json))
        .sum();
    signals + r.remote_manifests.iter().map(|u| json(u)).sum::<usize>()
}

/// `kept` without the `… (N bytes more)` of a cut.
fn head(kept: &str) -> &str {
    match kept.rsplit_once('…') {
        Some((h, more)) if more.ends_with(" bytes more)") => h,
        _ => kept,
    }
}

/// Whether `kept` is a start of `whole` (the XMP reader's own cut), or one ending with
/// `… (N bytes more)`.
fn kept_from(kept: &str, whole: &str) -> bool {
    whole.starts_with(head(kept))
}

#[test]
fn xmp_ai_properties_and_provenance_of_control_characters_are_cut() {
    // 50 prompts and 300 remote references, each with 3,000 control characters (18,000 bytes
    // of JSON): 12 MB of report before, each reference kept as a signal and in the list.
    let ctl = "\u{1}".repeat(3000);
    let prompts: String = (0..50).map(|_| format!("<rdf:li>{ctl}</rdf:li>")).collect();
    let refs: String = (0..300)
        .map(|i| format!("<rdf:li>https://example.com/m/{i}{ctl}</rdf:li>"))
        .collect();
    let packet = xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\">\
         <dcterms:provenance><rdf:Bag>{refs}</rdf:Bag></dcterms:provenance>\
         <Iptc4xmpExt:AIPromptInformation><rdf:Bag>{prompts}</rdf:Bag></Iptc4xmpExt:AIPromptInformation>\
         </rdf:Description>"
    ));
    let r = run(&grey(&[chunk(b"iTXt", &itxt_xmp(&packet))]));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert!(cut_said(&r));
    assert_eq!(r.signals.len(), 350);
    let n = r.signals.len() + r.remote_manifests.len();
    assert!(copied(&r) <= MAX_COPIED_JSON + n * (MIN_COPY_JSON + 32));
    assert!(r.to_json().len() < 3 * MIB, "{}", r.to_json().len());
    for s in &r.signals {
        assert!(serde_json::to_string(&s.value).unwrap().len() <= MAX_COPY_JSON + 32);
        let whole = head(&s.value).trim_end_matches('\u{1}').to_owned() + &ctl;
        let head: String = s.value.chars().take(30).collect();
        assert!(kept_from(&s.value, &whole), "{head:?}");
    }
    // The prompts' signals come first (50 × 18,000 bytes), then each reference is listed and
    // reported (2 × 18,023 bytes for 0-9, 2 × 18,024 after): 33 fit in what is left of 2 MiB.
    // A reference is listed whole or not at all, never cut.
    assert!(r.signals[..50].iter().all(|s| s.value == ctl));
    assert_eq!(r.remote_manifests.len(), 33);
    for (i, u) in r.remote_manifests.iter().enumerate() {
        assert_eq!(*u, format!("https://example.com/m/{i}{ctl}"));
    }
}

#[test]
fn generator_parameters_summaries_of_control_characters_are_cut() {
    let ctl = "\u{2}".repeat(3000);
    let chunks: Vec<Vec<u8>> = (0..1000)
        .map(|i| {
            let p = format!(
                "a fox\nSteps: 20, Sampler: {ctl}, CFG scale: 7, Seed: {i}, Model: {ctl}, \
                 Version: {ctl}"
            );
            chunk(b"tEXt", &text("parameters", &p))
        })
        .collect();
    let r = run(&grey(&chunks));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert_eq!(r.signals.len(), 1000);
    assert!(cut_said(&r));
    assert!(copied(&r) <= MAX_COPIED_JSON + 2000 * (MIN_COPY_JSON + 32));
    // 54 MB of JSON before.
    assert!(r.to_json().len() < 3 * MIB, "{}", r.to_json().len());
    // Past the allowance each summary keeps its first 256 bytes of JSON, and says what was cut.
    assert!(r.signals.last().unwrap().value.ends_with(" bytes more)"));
}
