//! Unit tests for the text part's messages: the boundary between the core and the text part
//! changes nothing a reader finds, and cut or flipped messages are refused.

use super::*;
use crate::crypto::rust::RustCrypto;
use crate::sniff::Format;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Both sides of the boundary read length-prefixed bytes: a request or a reply cut short
/// anywhere is refused (the reader needs the missing bytes), and flipped bytes never panic.
#[test]
fn cut_or_flipped_messages_are_refused_without_panic() {
    use std::rc::Rc;
    type Calls = Vec<(u32, Vec<u8>, Vec<u8>)>;
    let seen: Rc<RefCell<Calls>> = Rc::default();
    let log = Rc::clone(&seen);
    install(Box::new(move |kind, request| {
        let reply = serve(kind, request).ok()?;
        log.borrow_mut()
            .push((kind, request.to_vec(), reply.clone()));
        Some(reply)
    }));
    let html = b"<html><head><meta name=\"ai-generated\" content=\"true\"></head>\
        <body><p>This image was generated with Midjourney.</p></body></html>";
    let limits = Limits::default();
    let embedded = crate::container::walk(Format::Html, html, &limits).unwrap();
    let mut sink = Sink::default();
    read(
        html,
        &embedded,
        &limits,
        &[],
        Some("mode=ai-originated"),
        &RustCrypto,
        &mut sink,
    );
    assert!(!sink.signals.is_empty());
    let calls = seen.borrow().clone();
    let (kind, request, reply) = calls.into_iter().find(|c| c.0 == READ).unwrap();
    assert!(reply_of(&reply, &Limits::default()).is_ok());
    for n in 0..reply.len() {
        assert!(
            reply_of(&reply[..n], &Limits::default()).is_err(),
            "reply cut at {n}"
        );
    }
    for n in 0..request.len() {
        assert!(serve(kind, &request[..n]).is_err(), "request cut at {n}");
    }
    for i in 0..reply.len().max(request.len()) {
        for mask in [0x01u8, 0x80, 0xFF] {
            let mut r = reply.clone();
            if let Some(b) = r.get_mut(i) {
                *b ^= mask;
                let _ = reply_of(&r, &Limits::default());
            }
            let mut q = request.clone();
            if let Some(b) = q.get_mut(i) {
                *b ^= mask;
                let _ = serve(kind, &q);
            }
        }
    }
}

/// The readers through the boundary give what they give in-process: every evaluation text,
/// the EncypherAI marks (with a wrong key first, so that answers take several rounds), HTML
/// with every kind of label, UTF-16 with a byte-order mark, and headers with and without a
/// body.
#[test]
fn the_boundary_changes_nothing() {
    use std::rc::Rc;
    let requests: Rc<RefCell<Vec<Vec<u8>>>> = Rc::default();
    let log = Rc::clone(&requests);
    install(Box::new(move |kind, request| {
        log.borrow_mut().push(request.to_vec());
        serve(kind, request).ok()
    }));
    let mut inputs: Vec<(Vec<u8>, Format)> = Vec::new();
    let dir = format!(
        "{}/tests/fixtures/text-disclosures",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
    {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap().as_bytes().to_vec();
            inputs.push((text, Format::Text));
        }
    }
    assert_eq!(inputs.len(), 700);
    for f in [
        "encypher-basic.txt",
        "encypher-manifest.txt",
        "encypher-tampered.txt",
    ] {
        inputs.push((fixture(&format!("text-hidden/{f}")), Format::Text));
    }
    let html = "<html><head><meta name=\"ai-generated\" content=\"true\">\
        <link rel=\"c2pa-manifest\" href=\"https://example.com/m.c2pa\">\
        <script type=\"application/ld+json\">{\"digitalSourceType\": \
        \"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"}</script>\
        </head><body><p>This image was generated with Midjourney.</p>\
        <img alt=\"AI-generated image: a cat\" src=\"c.png\"><p>Zero\u{200B}width.</p></body></html>";
    inputs.push((html.as_bytes().to_vec(), Format::Html));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Ce texte a été rédigé avec l'aide de ChatGPT. Fin.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    inputs.push((utf16, Format::Text));
    // UTF-8 after a byte-order mark, which the part gets back in front of the text.
    inputs.push((
        "\u{FEFF}Ce texte a été rédigé avec l'aide de ChatGPT. Fin."
            .as_bytes()
            .to_vec(),
        Format::Text,
    ));
    // A JSON-LD script over max_json_bytes (20,000 objects at 512 bytes, estimated): the
    // reply carries the count of sources left unread, which the warnings compare below.
    let big = vec!["{}"; 20_000].join(",");
    let unread_at = inputs.len();
    inputs.push((
        format!("<html><head><script type=\"application/ld+json\">[{big}]</script></head></html>")
            .into_bytes(),
        Format::Html,
    ));
    // An SVG whose manifest store's Base64 the walker blanked: the part reads that text.
    let svg = fixture("c2pa/formats/cards_trusted.svg");
    let svg_at = inputs.len();
    inputs.push((svg, Format::Svg));
    let keys = [
        String::from_utf8(fixture("text-hidden/encypher-other-key.pem")).unwrap(),
        String::from_utf8(fixture("text-hidden/encypher-key.pem")).unwrap(),
    ];
    let limits = Limits::default();
    let header = Some("mode=ai-originated; model=\"gpt-4\"; provider=\"OpenAI\"; date=@1745286896");
    let mut seen = 0;
    let mut verified = 0;
    for (i, (input, format)) in inputs.iter().enumerate() {
        let embedded = crate::container::walk(*format, input, &limits).unwrap();
        let header = if i % 50 == 0 { header } else { None };
        let mut direct = Sink::default();
        super::super::read(&embedded, &limits, &keys, &RustCrypto, &mut direct);
        if let Some(h) = header {
            super::super::read_ai_disclosure_header(h, &mut direct);
        }
        let mut through = Sink::default();
        requests.borrow_mut().clear();
        read(
            input,
            &embedded,
            &limits,
            &keys,
            header,
            &RustCrypto,
            &mut through,
        );
        assert_eq!(through.signals, direct.signals, "input {i}");
        assert_eq!(
            through.remote_manifests, direct.remote_manifests,
            "input {i}"
        );
        assert_eq!(through.warnings, direct.warnings, "input {i}");
        if i == unread_at {
            assert_eq!(through.warnings.unread(), 1);
        }
        if i == svg_at {
            // The body went blanked, as the in-process readers see it: no Base64 of the store.
            let sent = requests.borrow();
            assert!(!sent.is_empty());
            let base64 = b"AAA5GGp1bWIAAAAeanVtZGMycGEA";
            assert!(input.windows(base64.len()).any(|w| w == base64));
            assert!(sent
                .iter()
                .all(|r| !r.windows(base64.len()).any(|w| w == base64)));
        }
        seen += direct.signals.len();
        verified += direct
            .signals
            .iter()
            .filter(|s| s.strength == Strength::Verified)
            .count();
    }
    // 516 when written: most evaluation texts are disclosures.
    assert!(seen > 400, "{seen} signals");
    // The two marks made with the second key verify, after the first key failed.
    assert_eq!(verified, 2);
    // A header alone (an image's check) needs no body.
    let mut direct = Sink::default();
    super::super::read_ai_disclosure_header("mode=ai-modified", &mut direct);
    let mut through = Sink::default();
    let empty = Embedded::default();
    read(
        &[],
        &empty,
        &limits,
        &[],
        Some("mode=ai-modified"),
        &RustCrypto,
        &mut through,
    );
    assert_eq!(through.signals, direct.signals);
    assert!(!through.signals.is_empty());
    // NFC is answered by the part's entry point (src/wasm_text.rs), not here.
    assert!(serve(NFC, b"e\xCC\x81").is_err());
}
