//! HTML labels (meta tags, element attributes, JSON-LD, C2PA script/link, visible text) and the
//! HTTP `AI-Disclosure` header, end to end through `ailabel::check`.

use ailabel::labels::text::read_ai_disclosure_header;
use ailabel::Sink;
use ailabel::{check, AiKind, Family, Limits, Options, Verdict};

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html>\n<html><head><title>Test</title>{head}</head>\n<body>{body}</body></html>\n")
}

fn family(r: &ailabel::Report, f: Family) -> Vec<&ailabel::Signal> {
    r.signals.iter().filter(|s| s.family == f).collect()
}

#[test]
fn meta_ai_disclosure_values() {
    for (content, ai, verdict) in [
        ("none", None, Verdict::NoLabel),
        ("ai-assisted", Some(AiKind::Edited), Verdict::AiDeclared),
        ("ai-generated", Some(AiKind::Generated), Verdict::AiDeclared),
        ("autonomous", Some(AiKind::Generated), Verdict::AiDeclared),
        ("mixed", Some(AiKind::MayContain), Verdict::AiDeclared),
    ] {
        // Attributes in either order, any case, single/double/unquoted.
        for head in [
            format!("<meta name=\"ai-disclosure\" content=\"{content}\">"),
            format!("<META CONTENT='{content}' Name=AI-Disclosure />"),
            format!("<meta content={content} name=ai-disclosure>"),
        ] {
            let html = page(&head, "<p>Hello.</p>");
            let r = check(html.as_bytes(), &Options::default());
            assert_eq!(r.input.format, "html");
            let s = family(&r, Family::Html);
            assert_eq!(s.len(), 1, "{head}");
            assert_eq!(s[0].ai, ai, "{head}");
            assert_eq!(r.verdict, verdict, "{head}");
            assert_eq!(
                s[0].location.offset,
                Some(html.find("<meta").or(html.find("<META")).unwrap() as u64)
            );
        }
    }
}

#[test]
fn utf16_html_is_read_as_html() {
    let html = page(
        "<meta name=\"ai-disclosure\" content=\"ai-generated\">",
        "<p>x</p>",
    );
    let mut bytes = vec![0xFF, 0xFE];
    for u in html.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let r = check(&bytes, &Options::default());
    let s = family(&r, Family::Html);
    assert_eq!(s.len(), 1);
    let units = html[..html.find("<meta").unwrap()].encode_utf16().count() as u64;
    assert_eq!(s[0].location.offset, Some(2 + 2 * units));
    assert_eq!(r.verdict, Verdict::AiDeclared);
}

#[test]
fn alt_text_and_description() {
    let html = page(
        "<meta name=\"description\" content=\"A city at night. AI-generated image.\">",
        "<p>Photo:</p><img src=\"a.png\" alt=\"AI-generated image of a city at night\">",
    );
    let r = check(html.as_bytes(), &Options::default());
    let s = family(&r, Family::TextDisclosure);
    assert_eq!(s.len(), 2, "{s:#?}");
    assert_eq!(s[0].location.block, "<meta> content");
    assert_eq!(s[1].location.block, "<img> alt");
    assert_eq!(
        s[1].location.offset,
        Some(html.find("<img").unwrap() as u64)
    );
    assert_eq!(r.verdict, Verdict::AiDeclared);
    let html = page("", "<img alt=\"A robot in a museum about AI\">");
    assert_eq!(
        check(html.as_bytes(), &Options::default()).verdict,
        Verdict::NoLabel
    );
}

#[test]
fn meta_in_a_comment_is_ignored() {
    let html = page(
        "<!-- <meta name=\"ai-disclosure\" content=\"ai-generated\"> -->",
        "<p>x</p>",
    );
    let r = check(html.as_bytes(), &Options::default());
    assert!(family(&r, Family::Html).is_empty());
    assert_eq!(r.verdict, Verdict::NoLabel);
}

#[test]
fn meta_ai_generated_and_model() {
    let html = page(
        "<meta name=\"ai-generated\" content=\"true\"><meta name=\"ai-model\" content=\"ExampleLM 2\">",
        "",
    );
    let r = check(html.as_bytes(), &Options::default());
    let s = family(&r, Family::Html);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].ai, Some(AiKind::Generated));
    assert_eq!(s[0].tool.as_deref(), Some("ExampleLM 2"));
    assert_eq!(r.verdict, Verdict::AiDeclared);
}

#[test]
fn element_attribute() {
    let html = page(
        "",
        "<article ai-disclosure=\"ai-generated\" ai-model=\"gpt-4o\"><p>Story.</p></article>\
         <aside ai-disclosure=none>Human note.</aside>",
    );
    let r = check(html.as_bytes(), &Options::default());
    let s = family(&r, Family::Html);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].ai, Some(AiKind::Generated));
    assert_eq!(s[0].tool.as_deref(), Some("gpt-4o"));
    assert_eq!(
        s[0].location.offset,
        Some(html.find("<article").unwrap() as u64)
    );
    assert_eq!(s[1].ai, None);
    assert_eq!(r.verdict, Verdict::AiDeclared);
}

#[test]
fn json_ld_digital_source_type() {
    let p = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    for (term, ai) in [
        ("trainedAlgorithmicMedia", Some(AiKind::Generated)),
        ("compositeWithTrainedAlgorithmicMedia", Some(AiKind::Edited)),
        ("compositeSynthetic", Some(AiKind::Edited)),
        ("digitalArt", Some(AiKind::MayContain)),
        ("composite", Some(AiKind::MayContain)),
        ("digitalCapture", None),
    ] {
        // Nested, and once as an array.
        let json = format!(
            "{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"image\":{{\"@type\":\"ImageObject\",\
             \"digitalSourceType\":[\"{p}{term}\"]}}}}"
        );
        let html = page(
            &format!("<script type=\"application/ld+json\">{json}</script>"),
            "<p>Body.</p>",
        );
        let r = check(html.as_bytes(), &Options::default());
        let s = family(&r, Family::Html);
        assert_eq!(s.len(), 1, "{term}");
        assert_eq!(s[0].ai, ai, "{term}");
        assert_eq!(s[0].value, format!("{p}{term}"));
        assert_eq!(
            s[0].location.path.as_deref(),
            Some("$.image.digitalSourceType[0]")
        );
    }
    // An unknown term: a warning, no signal.
    let html = page(
        "<script type=\"application/ld+json\">{\"digitalSourceType\": \"banana\"}</script>",
        "",
    );
    let r = check(html.as_bytes(), &Options::default());
    assert!(family(&r, Family::Html).is_empty());
    assert!(r
        .errors
        .iter()
        .any(|e| !e.fatal && e.message.contains("banana")));
    // Malformed JSON-LD: a warning, no signal, no error verdict.
    let html = page(
        "<script type=\"application/ld+json\">{\"digitalSourceType\": </script>",
        "",
    );
    let r = check(html.as_bytes(), &Options::default());
    assert_eq!(r.verdict, Verdict::NoLabel);
    assert!(r
        .errors
        .iter()
        .any(|e| !e.fatal && e.message.contains("JSON-LD")));
}

#[test]
fn visible_text_disclosure_skips_scripts_and_styles() {
    let body = "<p>Intro paragraph.</p><p>Dieser Text wurde mit <b>KI</b> erstellt.</p>";
    let html = page(
        "<script>var s = 'This text was generated by AI.';</script><style>.x{content:'Generated with AI'}</style>",
        body,
    );
    let r = check(html.as_bytes(), &Options::default());
    let s = family(&r, Family::TextDisclosure);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert!(s[0]
        .location
        .path
        .as_deref()
        .unwrap()
        .contains("; lang de;"));
    assert_eq!(
        s[0].location.offset,
        Some(html.find("Dieser").unwrap() as u64)
    );
    assert_eq!(r.verdict, Verdict::AiDeclared);

    // Character references before the statement do not shift its location.
    let body = "<p>Caf&eacute; &amp; th&#233;. This text was generated by AI.</p>";
    let html = page("", body);
    let r = check(html.as_bytes(), &Options::default());
    let s = family(&r, Family::TextDisclosure);
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].location.offset,
        Some(html.find("This text").unwrap() as u64)
    );

    let html = page(
        "",
        "<p>The EU regulates AI.</p><p>AI will change the job market.</p>",
    );
    assert_eq!(
        check(html.as_bytes(), &Options::default()).verdict,
        Verdict::NoLabel
    );
}

#[test]
fn c2pa_script_and_link() {
    use base64::Engine;
    let store = b"\0\0\0\x08jumbstore bytes";
    let b64 = base64::engine::general_purpose::STANDARD.encode(store);
    let script = format!("<script type=\"application/c2pa\">\n{b64}\n</script>");
    let html = page(
        &format!("{script}<link href=\"https://example.com/a.c2pa\" rel=\"c2pa-manifest\">"),
        "<p>x</p>",
    );
    let e = ailabel::container::walk(ailabel::Format::Html, html.as_bytes(), &Limits::default())
        .unwrap();
    let doc = e.body.as_ref().unwrap().html.as_ref().unwrap();
    let s: Vec<_> = doc.c2pa_scripts().collect();
    assert_eq!(s.len(), 1);
    let start = html.find("<script type=\"application/c2pa\"").unwrap();
    assert_eq!(s[0].element, start..start + script.len());
    let l: Vec<_> = doc.c2pa_links().collect();
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].1, "https://example.com/a.c2pa");
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, store);
    assert_eq!(
        e.c2pa[0].ranges,
        [start as u64..(start + script.len()) as u64]
    );
    let r = check(html.as_bytes(), &Options::default());
    assert_eq!(r.remote_manifests, ["https://example.com/a.c2pa"]);
}

#[test]
fn truncated_and_hostile_html_does_not_panic() {
    let html = page(
        "<meta name=\"ai-disclosure\" content=\"ai-generated\"><script type=application/c2pa>QUJD</script>",
        "<p a=\"1\" b='2' c=3 d>t&amp;t &#x41; &bogus; &#xFFFFFFFF;</p>",
    );
    for cut in 0..html.len() {
        if html.is_char_boundary(cut) {
            let _ = check(&html.as_bytes()[..cut], &Options::default());
        }
    }
    let nasty = "<".repeat(10_000) + &"<a b=\"".repeat(1000) + "<script>" + &"</scrip".repeat(1000);
    let _ = check(nasty.as_bytes(), &Options::default());
}

fn header(value: &str) -> Sink {
    let mut sink = Sink::default();
    read_ai_disclosure_header(value, &mut sink);
    sink
}

#[test]
fn ai_disclosure_header() {
    // The draft's example: one member with parameters.
    let s = header(
        "mode=ai-originated; model=\"gpt-4\"; provider=\"OpenAI\"; reviewed-by=\"editorial-team\"; date=@1745286896",
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.signals.len(), 1);
    let sig = &s.signals[0];
    assert_eq!(sig.family, Family::HttpHeader);
    assert_eq!(sig.ai, Some(AiKind::Generated));
    assert_eq!(sig.tool.as_deref(), Some("OpenAI gpt-4"));
    assert_eq!(
        sig.value,
        "mode=ai-originated; model=gpt-4; provider=OpenAI; reviewed-by=editorial-team; date=@1745286896"
    );
    // The member form.
    let s = header("mode=ai-modified, model=\"x\\\"y\"");
    assert_eq!(s.signals[0].ai, Some(AiKind::Edited));
    assert_eq!(s.signals[0].tool.as_deref(), Some("x\"y"));
    assert_eq!(
        header("mode=machine-generated").signals[0].ai,
        Some(AiKind::Generated)
    );
    assert_eq!(header("mode=none").signals[0].ai, None);

    // Through check(): the option feeds the same reader.
    let o = Options {
        ai_disclosure_header: Some("mode=ai-originated".to_owned()),
        ..Options::default()
    };
    let r = ailabel::check_text("A plain note.", &o);
    assert_eq!(r.verdict, Verdict::AiDeclared);
}

#[test]
fn malformed_headers_warn() {
    for bad in [
        "",
        "mode",
        "mode=",
        "Mode=none",
        "mode=\"unterminated",
        "mode=none,",
        "mode=none;",
        "mode=banana",
        "model=\"x\"",
        "mode=none garbage",
        "mode=@12.5",
        "mode=(a b",
        &"mode=none, ".repeat(2000),
        "mode=\u{1F600}",
    ] {
        let s = header(bad);
        assert!(s.signals.is_empty(), "{bad:?}");
        assert_eq!(s.warnings.len(), 1, "{bad:?}");
        assert!(s.warnings[0].contains("AI-Disclosure"), "{}", s.warnings[0]);
    }
}
