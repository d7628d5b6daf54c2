//! Image labels from XMP: IPTC digital source type, IPTC 2025.1 AI properties,
//! dcterms:provenance, TC260 and xmp:CreatorTool. Fixtures are XMP packets built here.

use crate::support::images::*;
use ailabel::source_type::classify_source_type;
use ailabel::{AiKind, Family, Limits};

const IPTC_NS: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
const IPTC_CV: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/";

/// The expected AI class of each term, written from the IPTC vocabulary and the C2PA rubric
/// (globals-signals.yml genai_dst_types / possibly_genai_dst_types), independently of the code.
const EXPECTED: &[(&str, Option<AiKind>)] = &[
    ("digitalCapture", None),
    ("computationalCapture", None),
    ("negativeFilm", None),
    ("positiveFilm", None),
    ("print", None),
    ("humanEdits", None),
    ("minorHumanEdits", None),
    ("algorithmicallyEnhanced", None),
    ("digitalCreation", None),
    ("digitalArt", Some(AiKind::MayContain)),
    ("softwareImage", None),
    ("dataDrivenMedia", None),
    ("trainedAlgorithmicMedia", Some(AiKind::Generated)),
    ("compositeWithTrainedAlgorithmicMedia", Some(AiKind::Edited)),
    ("algorithmicMedia", None),
    ("screenCapture", None),
    ("virtualRecording", None),
    ("composite", Some(AiKind::MayContain)),
    ("compositeCapture", None),
    ("compositeSynthetic", Some(AiKind::Edited)),
];

fn element_form(prefix: &str, prop: &str, value: &str) -> String {
    xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:{prefix}=\"{IPTC_NS}\">\
         <{prefix}:{prop}>{value}</{prefix}:{prop}></rdf:Description>"
    ))
}

fn attribute_form(prefix: &str, prop: &str, value: &str) -> String {
    xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:{prefix}=\"{IPTC_NS}\" {prefix}:{prop}=\"{value}\"/>"
    ))
}

#[test]
fn every_iptc_term_in_every_form_and_spelling() {
    assert_eq!(EXPECTED.len(), 20);
    for (term, expected) in EXPECTED {
        for spelling in [
            format!("{IPTC_CV}{term}"),
            format!("https://cv.iptc.org/newscodes/digitalsourcetype/{term}"),
            format!("digsrctype:{term}"),
            (*term).to_owned(),
        ] {
            for xml in [
                element_form("Iptc4xmpExt", "DigitalSourceType", &spelling),
                attribute_form("iptcExt", "DigitalSourceType", &spelling),
            ] {
                let sink = read(&with_xmp(&xml));
                assert_eq!(sink.signals.len(), 1, "{spelling}: {:?}", sink.signals);
                let s = &sink.signals[0];
                assert_eq!(s.family, Family::Iptc);
                assert_eq!(s.ai, *expected, "{spelling}");
                assert_eq!(s.value, format!("{IPTC_CV}{term}"));
                assert_eq!(
                    s.location.path.as_deref(),
                    Some("Iptc4xmpExt:DigitalSourceType")
                );
                assert_declared(&sink);
            }
        }
    }
}

#[test]
fn c2pa_terms_and_explanations() {
    let sink = read(&with_xmp(&element_form(
        "Iptc4xmpExt",
        "DigitalSourceType",
        "http://c2pa.org/digitalsourcetype/trainedAlgorithmicData",
    )));
    assert_eq!(kinds(&sink), [AiKind::Generated]);
    let capture = read(&with_xmp(&attribute_form(
        "Iptc4xmpExt",
        "DigitalSourceType",
        "digitalCapture",
    )));
    assert!(capture.signals[0].explanation.contains("capture"));
    let synthetic = read(&with_xmp(&attribute_form(
        "Iptc4xmpExt",
        "DigitalSourceType",
        "algorithmicMedia",
    )));
    assert!(synthetic.signals[0]
        .explanation
        .contains("no trained model"));
    assert_eq!(synthetic.signals[0].ai, None);
    // The shared classifier, as the C2PA reader calls it.
    assert_eq!(
        classify_source_type("http://c2pa.org/digitalsourcetype/empty")
            .unwrap()
            .ai(),
        None
    );
}

#[test]
fn deprecated_property_and_unknown_values() {
    let sink = read(&with_xmp(&element_form(
        "Iptc4xmpExt",
        "DigitalSourcefileType",
        &format!("{IPTC_CV}trainedAlgorithmicMedia"),
    )));
    assert_eq!(kinds(&sink), [AiKind::Generated]);
    assert!(sink.signals[0].explanation.contains("deprecated"));
    let sink = read(&with_xmp(&element_form(
        "Iptc4xmpExt",
        "DigitalSourceType",
        "http://example.com/madeUp",
    )));
    assert!(sink.signals.is_empty());
    assert_eq!(sink.warnings.len(), 1);
}

#[test]
fn ai_properties_follow_the_source_type() {
    let props = "<Iptc4xmpExt:AISystemUsed>Google Gemini</Iptc4xmpExt:AISystemUsed>\
                 <Iptc4xmpExt:AISystemVersionUsed>2.5</Iptc4xmpExt:AISystemVersionUsed>\
                 <Iptc4xmpExt:AIPromptInformation>a red fox</Iptc4xmpExt:AIPromptInformation>\
                 <Iptc4xmpExt:AIPromptWriterName>Jane</Iptc4xmpExt:AIPromptWriterName>";
    let packet = |dst: &str| {
        xmp(&format!(
            "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"{IPTC_NS}\">{dst}{props}</rdf:Description>"
        ))
    };
    // Alone: generated, with the system as tool.
    let sink = read(&with_xmp(&packet("")));
    assert_eq!(kinds(&sink), [AiKind::Generated; 4]);
    assert!(sink
        .signals
        .iter()
        .all(|s| s.tool.as_deref() == Some("Google Gemini")));
    let values: Vec<_> = sink.signals.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["Google Gemini", "2.5", "a red fox", "Jane"]);
    // With an "edited with AI" source type: edited.
    let dst = "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>";
    let sink = read(&with_xmp(&packet(dst)));
    assert_eq!(kinds(&sink), [AiKind::Edited; 5]);
    // With a capture source type: the contradiction lowers them to "may contain".
    let dst = "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture</Iptc4xmpExt:DigitalSourceType>";
    let sink = read(&with_xmp(&packet(dst)));
    assert_eq!(kinds(&sink), [AiKind::MayContain; 4]);
    assert_eq!(sink.signals.len(), 5);
}

#[test]
fn provenance_is_reported_never_fetched() {
    let url = "https://cai-manifests.example.com/manifests/abc";
    for xml in [
        xmp(&format!("<rdf:Description xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"{url}\"/>")),
        xmp(&format!("<rdf:Description xmlns:dct=\"http://purl.org/dc/terms/\"><dct:provenance rdf:resource=\"{url}\"/></rdf:Description>")),
        xmp(&format!("<rdf:Description xmlns:d=\"http://purl.org/dc/terms/\"><d:provenance>{url}</d:provenance></rdf:Description>")),
    ] {
        let sink = read(&with_xmp(&xml));
        assert_eq!(sink.remote_manifests, [url]);
        assert_eq!(sink.signals.len(), 1);
        assert_eq!(sink.signals[0].family, Family::Xmp);
        assert_eq!(sink.signals[0].ai, None);
        assert!(sink.signals[0].explanation.contains("not fetched"));
    }
    // A pointer at the embedded store is not remote.
    let sink = read(&with_xmp(&xmp("<rdf:Description xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"self#jumbf=/c2pa/x/c2pa.claim\"/>")));
    assert!(sink.remote_manifests.is_empty());
    assert_eq!(sink.signals.len(), 1);
}

#[test]
fn tc260_in_xmp() {
    for (label, expected) in [
        ("1", AiKind::Generated),
        ("2", AiKind::MayContain),
        ("3", AiKind::MayContain),
    ] {
        let json = format!(
            "{{&quot;Label&quot;:&quot;{label}&quot;,&quot;ContentProducer&quot;:&quot;001191110108MA01KP2T5U00000&quot;,&quot;ProduceID&quot;:&quot;p1&quot;}}"
        );
        let xml = xmp(&format!(
            "<rdf:Description xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" TC260:AIGC=\"{json}\"/>"
        ));
        let sink = read(&with_xmp(&xml));
        assert_eq!(kinds(&sink), [expected], "{label}");
        assert_eq!(sink.signals[0].family, Family::Tc260);
        assert_eq!(
            sink.signals[0].tool.as_deref(),
            Some("001191110108MA01KP2T5U00000")
        );
        assert!(sink.signals[0].value.contains(&format!("Label: {label}")));
    }
}

#[test]
fn creator_tool_names_a_generator_but_photoshop_does_not() {
    let tool = |t: &str| {
        read(&with_xmp(&xmp(&format!(
            "<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"><xmp:CreatorTool>{t}</xmp:CreatorTool></rdf:Description>"
        ))))
    };
    let sink = tool("Midjourney");
    assert_eq!(kinds(&sink), [AiKind::Generated]);
    assert_eq!(sink.signals[0].tool.as_deref(), Some("Midjourney"));
    for t in [
        "Adobe Photoshop 25.0 (Windows)",
        "Adobe Photoshop Lightroom Classic 13.1",
        "NIKON Z 9 Ver.T2.10.gb",
    ] {
        assert!(tool(t).signals.is_empty(), "{t}");
    }
}

#[test]
fn photoshop_xmp_without_source_type_is_silent() {
    let xml = xmp(
        "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" \
         xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\" \
         xmp:CreatorTool=\"Adobe Photoshop 24.0 (Macintosh)\" photoshop:ColorMode=\"3\">\
         <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Made without Stable Diffusion or any AI</rdf:li></rdf:Alt></dc:description>\
         <xmpMM:History><rdf:Seq><rdf:li stEvt:action=\"saved\" stEvt:softwareAgent=\"Adobe Photoshop 24.0\"/></rdf:Seq></xmpMM:History>\
         </rdf:Description>",
    );
    let sink = read(&with_xmp(&xml));
    assert!(sink.signals.is_empty(), "{:?}", sink.signals);
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
}

#[test]
fn nested_descriptions_junk_and_nul_padding() {
    let mut bytes = b"\0\0garbage".to_vec();
    bytes.extend(xmp(&format!(
        "<rdf:Description><Iptc4xmpExt:ArtworkOrObject xmlns:Iptc4xmpExt=\"{IPTC_NS}\"><rdf:Bag><rdf:li>\
         <rdf:Description><Iptc4xmpExt:AOTitle>x</Iptc4xmpExt:AOTitle></rdf:Description></rdf:li></rdf:Bag>\
         </Iptc4xmpExt:ArtworkOrObject></rdf:Description>\
         <rdf:Description xmlns:Iptc4xmpExt=\"{IPTC_NS}\"><Iptc4xmpExt:DigitalSourceType>trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType></rdf:Description>"
    )).as_bytes());
    bytes.extend([0u8; 64]);
    let text = String::from_utf8(bytes).unwrap();
    let sink = read(&with_xmp(&text));
    assert_eq!(kinds(&sink), [AiKind::Generated]);
}

#[test]
fn hostile_xmp_stays_bounded() {
    // Nesting beyond the bound stops with a warning, after what was read (one namespace
    // declaration: one per element would pass `max_namespaces` first, at the same depth).
    let deep = format!(
        "{}<a:x xmlns:a=\"urn:a\">{}",
        element_form(
            "Iptc4xmpExt",
            "DigitalSourceType",
            "trainedAlgorithmicMedia"
        ),
        "<a:x>".repeat(2_000)
    );
    let e = with_xmp(&deep);
    let mut sink = ailabel::Sink::default();
    ailabel::labels::image::read(&e, &Limits::tiny(), &mut sink);
    assert_eq!(kinds(&sink), [AiKind::Generated]);
    assert!(
        sink.warnings.iter().any(|w| w.contains("deeper")),
        "{:?}",
        sink.warnings
    );
    // An external entity is never expanded: the secret file's text never shows up.
    let secret = std::env::temp_dir().join(format!("ailabel-xxe-{}", std::process::id()));
    std::fs::write(&secret, "SECRET-XYZ").unwrap();
    let xxe = format!(
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://{}\">]>",
        secret.display()
    ) + &element_form("Iptc4xmpExt", "AISystemUsed", "&x;");
    let sink = read(&with_xmp(&xxe));
    let _ = std::fs::remove_file(&secret);
    assert!(sink.signals.iter().all(|s| !s.value.contains("SECRET")));
    assert!(sink.warnings.iter().all(|w| !w.contains("SECRET")));
    // Over the metadata size limit: skipped with a warning.
    let big = element_form("Iptc4xmpExt", "DigitalSourceType", &"a".repeat(70 * 1024));
    let mut sink = ailabel::Sink::default();
    ailabel::labels::image::read(&with_xmp(&big), &Limits::tiny(), &mut sink);
    assert!(sink.signals.is_empty());
    assert!(sink.warnings.iter().any(|w| w.contains("exceeds")));
}

#[test]
fn default_namespace_and_rdf_value_qualifier() {
    let xml = xmp(&format!(
        "<rdf:Description><DigitalSourceType xmlns=\"{IPTC_NS}\">trainedAlgorithmicMedia</DigitalSourceType></rdf:Description>\
         <rdf:Description xmlns:I=\"{IPTC_NS}\"><I:DigitalSourceType rdf:parseType=\"Resource\">\
         <rdf:value>{IPTC_CV}composite</rdf:value></I:DigitalSourceType></rdf:Description>"
    ));
    let sink = read(&with_xmp(&xml));
    assert_eq!(kinds(&sink), [AiKind::Generated, AiKind::MayContain]);
}
