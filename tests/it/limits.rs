//! The bounds that were constants before issue 15 are `Limits` fields: each is honoured when
//! lowered (`max_stores`, `max_warnings`, `max_signals`, `max_namespaces`,
//! `max_xmp_properties`), and the defaults are the former constants. Every input is built
//! here with a known count of stores, bad chunks, labels, namespace declarations or
//! properties; the expected counts follow from how it is built. (JPEG APP11 stores past
//! `max_stores`: `containers::jpeg`.)

use crate::support::images::xmp;
use crate::support::png::{chunk, grey, itxt_xmp, text};
use ailabel::labels::image::{iptc, xmp as xmp_reader};
use ailabel::{check, Limits, Options, Report, Verdict};

const IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
const TRAINED: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

fn options(limits: Limits) -> Options {
    Options {
        limits,
        watermarks: false,
        ..Options::default()
    }
}

fn lowered(f: impl FnOnce(&mut Limits)) -> Options {
    let mut limits = Limits::default();
    f(&mut limits);
    options(limits)
}

fn warnings(r: &Report) -> Vec<&str> {
    r.errors
        .iter()
        .filter(|e| !e.fatal)
        .map(|e| e.message.as_str())
        .collect()
}

#[test]
fn the_defaults_are_the_former_constants() {
    let d = Limits::default();
    assert_eq!(d.max_stores, 16);
    assert_eq!(d.max_warnings, 100);
    assert_eq!(d.max_signals, 1_000);
    assert_eq!(d.max_namespaces, 256);
    assert_eq!(d.max_xmp_properties, 1_000);
    assert_eq!(d.max_json_bytes, 8 * 1024 * 1024);
}

#[test]
fn limits_json_without_the_new_fields_still_reads_and_the_new_fields_read_in_camel_case() {
    // The `limits` option of the browser API as pages wrote it before the new fields.
    let old: Limits = serde_json::from_str(r#"{"maxPixels": 1000}"#).unwrap();
    assert_eq!(
        old,
        Limits {
            max_pixels: 1000,
            ..Limits::default()
        }
    );
    let new: Limits = serde_json::from_str(
        r#"{"maxStores": 1, "maxWarnings": 2, "maxSignals": 3, "maxNamespaces": 4,
            "maxXmpProperties": 5}"#,
    )
    .unwrap();
    assert_eq!(
        (
            new.max_stores,
            new.max_warnings,
            new.max_signals,
            new.max_namespaces,
            new.max_xmp_properties
        ),
        (1, 2, 3, 4, 5)
    );
    assert_eq!(new.max_pixels, Limits::default().max_pixels);
}

/// A PNG with `n` `tEXt` chunks, each an InvokeAI 1.x `Dream` command (a label each).
fn dreams(n: usize) -> Vec<u8> {
    let chunks: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            chunk(
                b"tEXt",
                &text("Dream", &format!("\"cat {i}\" -s 50 -S {i}")),
            )
        })
        .collect();
    grey(&chunks)
}

#[test]
fn max_signals_keeps_that_many_labels_and_says_the_rest_were_dropped() {
    let png = dreams(5);
    let all = check(&png, &options(Limits::default()));
    assert_eq!(all.signals.len(), 5, "{:?}", warnings(&all));
    assert!(!warnings(&all).iter().any(|w| w.contains("max_signals")));

    let three = check(&png, &lowered(|l| l.max_signals = 3));
    assert_eq!(three.signals.len(), 3);
    // The first three, in file order.
    assert_eq!(three.signals[..], all.signals[..3]);
    assert_eq!(
        warnings(&three)
            .iter()
            .filter(|w| w.contains("more than 3 labels were found; the first 3 are reported"))
            .count(),
        1,
        "{:?}",
        warnings(&three)
    );
    assert_eq!(three.verdict, all.verdict);
}

/// A PNG with `n` ancillary chunks whose CRC is wrong (a warning each).
fn bad_crcs(n: usize) -> Vec<u8> {
    let chunks: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            let mut c = chunk(b"abCd", format!("{i}").as_bytes());
            let last = c.len() - 1;
            c[last] ^= 0xFF;
            c
        })
        .collect();
    grey(&chunks)
}

#[test]
fn max_warnings_lists_that_many_and_counts_the_rest_in_one_line() {
    let png = bad_crcs(10);
    let all = check(&png, &options(Limits::default()));
    let crc = |r: &Report| warnings(r).iter().filter(|w| w.contains("CRC")).count();
    assert_eq!(crc(&all), 10, "{:?}", warnings(&all));

    let three = check(&png, &lowered(|l| l.max_warnings = 3));
    assert_eq!(crc(&three), 3, "{:?}", warnings(&three));
    assert!(
        warnings(&three).contains(
            &"7 more warnings like these were not listed (the first 3 are; max_warnings)"
        ),
        "{:?}",
        warnings(&three)
    );
    assert_eq!(warnings(&three).len(), 4);
}

/// A PNG with `n` `caBX` chunks (a C2PA manifest store each, as far as the walk is concerned).
fn stores(n: usize) -> Vec<u8> {
    let chunks: Vec<Vec<u8>> = (0..n)
        .map(|i| chunk(b"caBX", format!("\0\0\0\x10jumbstore {i}").as_bytes()))
        .collect();
    grey(&chunks)
}

fn too_many(r: &Report) -> bool {
    r.c2pa.as_ref().is_some_and(|c| {
        c.validation.failure.iter().any(|s| {
            s.code == "general.error"
                && s.explanation
                    .contains("the file holds 2 manifest stores where only one is allowed")
        })
    })
}

#[test]
fn max_stores_skips_the_stores_past_it_and_the_file_still_holds_too_many() {
    let png = stores(2);
    // Both kept: two stores are a finding (C2PA 2.2 §15.5.2).
    let all = check(&png, &options(Limits::default()));
    assert_eq!(all.verdict, Verdict::Invalid);
    assert!(too_many(&all), "{:?}", all.c2pa);
    assert!(!warnings(&all).iter().any(|w| w.contains("max_stores")));

    // One kept, one skipped with a warning: the same finding.
    let one = check(&png, &lowered(|l| l.max_stores = 1));
    assert_eq!(one.verdict, Verdict::Invalid);
    assert!(too_many(&one), "{:?}", one.c2pa);
    assert!(
        warnings(&one)
            .contains(&"1 C2PA manifest stores after the first 1 were not read (max_stores)"),
        "{:?}",
        warnings(&one)
    );

    // The walk keeps the first store.
    let e = ailabel::container::walk(
        ailabel::Format::Png,
        &png,
        &Limits {
            max_stores: 1,
            ..Limits::default()
        },
    )
    .unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert!(e.c2pa[0].bytes.ends_with(b"store 0"));
    assert_eq!(e.skipped_stores, 1);
    assert_eq!(e.skipped_entries, 0);
}

/// An XMP packet whose `rdf:Description` declares the IPTC namespace and `extra` more, and
/// says the image is made by a trained model; `x` and `rdf` are declared around it.
fn xmp_declaring(extra: usize) -> String {
    let more: String = (0..extra)
        .map(|i| format!(" xmlns:n{i}=\"urn:n{i}\""))
        .collect();
    xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"{IPTC_EXT}\"{more} \
         Iptc4xmpExt:DigitalSourceType=\"{TRAINED}\"/>"
    ))
}

#[test]
fn max_namespaces_bounds_the_declarations_in_scope_of_an_xmp_packet() {
    // x, rdf, Iptc4xmpExt and two more: 5 declarations in scope at the description.
    let png = grey(&[chunk(b"iTXt", &itxt_xmp(&xmp_declaring(2)))]);
    let five = check(&png, &lowered(|l| l.max_namespaces = 5));
    assert_eq!(five.verdict, Verdict::AiDeclared, "{:?}", warnings(&five));
    assert!(!warnings(&five).iter().any(|w| w.contains("namespaces")));

    let four = check(&png, &lowered(|l| l.max_namespaces = 4));
    assert!(four.signals.is_empty());
    assert!(
        warnings(&four)
            .iter()
            .any(|w| w.contains("5 namespace declarations in scope")
                && w.contains("exceeds the limit of 4 in the XMP packet")),
        "{:?}",
        warnings(&four)
    );
}

#[test]
fn max_namespaces_refuses_an_svg_declaring_more() {
    // Three declarations on the root element.
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:a="urn:a" xmlns:b="urn:b"><a:x/></svg>"#;
    let three = check(svg, &lowered(|l| l.max_namespaces = 3));
    assert_ne!(three.verdict, Verdict::Error, "{:?}", three.errors);

    let two = check(svg, &lowered(|l| l.max_namespaces = 2));
    assert_eq!(two.verdict, Verdict::Error);
    let fatal = two.errors.iter().find(|e| e.fatal).unwrap();
    assert_eq!(fatal.kind, "limit-exceeded");
    assert!(
        fatal.message.contains("namespace declarations"),
        "{fatal:?}"
    );
}

/// An XMP packet with `n` properties in the IPTC namespace before its digital source type.
fn xmp_with_properties(n: usize) -> String {
    let props: String = (0..n)
        .map(|i| format!(" Iptc4xmpExt:P{i}=\"v{i}\""))
        .collect();
    xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"{IPTC_EXT}\"{props} \
         Iptc4xmpExt:DigitalSourceType=\"{TRAINED}\"/>"
    ))
}

#[test]
fn max_xmp_properties_keeps_that_many_for_the_label_readers() {
    // Four properties in a namespace the readers read, then the digital source type: five.
    let packet = xmp_with_properties(4);
    let all = xmp_reader::parse_only(
        packet.as_bytes(),
        &Limits::default(),
        iptc::NAMESPACES,
        &mut xmp_reader::MAX_KEPT_BYTES.clone(),
    );
    assert_eq!(all.properties.len(), 5);
    assert_eq!(all.warning, None);

    let limits = Limits {
        max_xmp_properties: 3,
        ..Limits::default()
    };
    let three = xmp_reader::parse_only(
        packet.as_bytes(),
        &limits,
        iptc::NAMESPACES,
        &mut xmp_reader::MAX_KEPT_BYTES.clone(),
    );
    let names: Vec<&str> = three.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["P0", "P1", "P2"]);
    assert!(
        three
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("2 more properties") && w.contains("max_xmp_properties")),
        "{:?}",
        three.warning
    );

    // In a check: the source type is the fifth property, so with four kept it is not read.
    let png = grey(&[chunk(b"iTXt", &itxt_xmp(&packet))]);
    let seen = check(&png, &options(Limits::default()));
    assert_eq!(seen.verdict, Verdict::AiDeclared);
    let four = check(&png, &lowered(|l| l.max_xmp_properties = 4));
    assert!(four.signals.is_empty());
    assert!(
        warnings(&four)
            .iter()
            .any(|w| w.contains("1 more properties") && w.contains("max_xmp_properties")),
        "{:?}",
        warnings(&four)
    );
}

/// A ComfyUI prompt of one KSampler node whose inputs hold `pad` objects of one member.
fn comfy_prompt(pad: usize) -> String {
    let pad = vec![r#"{"a":1}"#; pad].join(",");
    format!(r#"{{"3":{{"class_type":"KSampler","inputs":{{"seed":1,"pad":[{pad}]}}}}}}"#)
}

#[test]
fn max_json_bytes_leaves_a_json_text_whose_tree_would_be_larger_unparsed() {
    // Each padding object is at least a map node once parsed (512 bytes estimated): 20,000 of
    // them are over the default 8 MiB, in 160 KB of text.
    let small = grey(&[chunk(b"tEXt", &text("prompt", &comfy_prompt(10)))]);
    let r = check(&small, &options(Limits::default()));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    let big = grey(&[chunk(b"tEXt", &text("prompt", &comfy_prompt(20_000)))]);
    let r = check(&big, &options(Limits::default()));
    assert!(r.signals.is_empty(), "{:?}", r.signals);
    assert!(
        warnings(&r)
            .iter()
            .any(|w| w.contains("the prompt field") && w.contains("max_json_bytes")),
        "{:?}",
        warnings(&r)
    );
    // Lowered below the text's own length, the small one is not parsed either.
    let r = check(&small, &lowered(|l| l.max_json_bytes = 100));
    assert!(r.signals.is_empty());

    // JSON-LD in HTML: the same bound.
    let src = r#"{"@context":"https://schema.org","digitalSourceType":"https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia","x":[PAD]}"#;
    let page = |pad: usize| {
        let s = src.replace("PAD", &vec!["{}"; pad].join(","));
        format!(
            r#"<html><head><script type="application/ld+json">{s}</script></head><body>x</body></html>"#
        )
    };
    let r = check(page(1).as_bytes(), &options(Limits::default()));
    assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", warnings(&r));
    let r = check(page(20_000).as_bytes(), &options(Limits::default()));
    assert!(r.signals.is_empty(), "{:?}", r.signals);
    assert!(
        warnings(&r)
            .iter()
            .any(|w| w.contains("JSON-LD") && w.contains("max_json_bytes")),
        "{:?}",
        warnings(&r)
    );
}

#[test]
fn a_label_source_left_unread_over_a_limit_is_said_in_the_summary() {
    const ONE: &str = "One source of label data was over the reader's limits and not read";
    // A JSON-LD script whose digital source type says AI, padded past max_json_bytes (20,000
    // objects at 512 bytes each, estimated): no label is read, and the summary says why.
    let script = |pad: usize| {
        let pad = vec!["{}"; pad].join(",");
        format!(
            r#"<script type="application/ld+json">{{"digitalSourceType":"{TRAINED}","x":[{pad}]}}</script>"#
        )
    };
    let page = |scripts: &[String]| {
        format!(
            "<html><head>{}</head><body>x</body></html>",
            scripts.concat()
        )
    };
    let r = check(page(&[script(1)]).as_bytes(), &options(Limits::default()));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert!(!r.summary.contains("not read"), "{}", r.summary);
    let r = check(
        page(&[script(20_000)]).as_bytes(),
        &options(Limits::default()),
    );
    assert_eq!(r.verdict, Verdict::NoLabel);
    assert!(
        r.summary.starts_with(Verdict::NoLabel.explanation()),
        "{}",
        r.summary
    );
    assert!(
        r.summary.ends_with(&format!(
            "{ONE} (see the warnings), so a label there would not have been seen."
        )),
        "{}",
        r.summary
    );
    let two = [script(20_000), script(20_000)];
    let r = check(page(&two).as_bytes(), &options(Limits::default()));
    assert!(
        r.summary.contains("2 sources of label data were over"),
        "{}",
        r.summary
    );

    // An XMP packet whose source type is its fifth property, with four kept: the same sentence.
    let png = grey(&[chunk(b"iTXt", &itxt_xmp(&xmp_with_properties(4)))]);
    assert_eq!(
        check(&png, &options(Limits::default())).verdict,
        Verdict::AiDeclared
    );
    let r = check(&png, &lowered(|l| l.max_xmp_properties = 4));
    assert_eq!(r.verdict, Verdict::NoLabel);
    assert!(r.summary.contains(ONE), "{}", r.summary);
    // Metadata entries past max_metadata_entries: the packet after two text chunks is skipped.
    let three = grey(&[
        chunk(b"tEXt", &text("Title", "a")),
        chunk(b"tEXt", &text("Author", "b")),
        chunk(b"iTXt", &itxt_xmp(&xmp_with_properties(0))),
    ]);
    assert_eq!(
        check(&three, &options(Limits::default())).verdict,
        Verdict::AiDeclared
    );
    let r = check(&three, &lowered(|l| l.max_metadata_entries = 2));
    assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", warnings(&r));
    assert!(r.summary.contains(ONE), "{}", r.summary);
    // A malformed packet is a warning, but not label data over a limit: no such sentence.
    let broken = grey(&[chunk(b"iTXt", &itxt_xmp("<x:xmpmeta><rdf:RDF><unclosed"))]);
    let r = check(&broken, &options(Limits::default()));
    assert_eq!(r.verdict, Verdict::NoLabel);
    assert!(!warnings(&r).is_empty());
    assert_eq!(r.summary, Verdict::NoLabel.explanation());
}
