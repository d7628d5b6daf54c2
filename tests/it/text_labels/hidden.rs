//! Hidden Unicode marks and the C2PA text wrapper (FORMATS §2.1), with fixtures built in code so
//! that every expected position comes from how the string was built.

use ailabel::container;
use ailabel::container::text::wrapper::{byte_selector, find_c2pa_wrappers};
use ailabel::labels::text::hidden;
use ailabel::labels::text::read;
use ailabel::Sink;
use ailabel::{check_text, AiKind, Family, Format, Limits, Options, Verdict};

/// Builds a string piece by piece and records (byte, char) where marks were put.
#[derive(Default)]
struct Builder {
    s: String,
    marks: Vec<(usize, usize)>,
}

impl Builder {
    fn text(&mut self, t: &str) -> &mut Self {
        self.s.push_str(t);
        self
    }
    fn mark(&mut self, c: char) -> &mut Self {
        self.marks.push((self.s.len(), self.s.chars().count()));
        self.s.push(c);
        self
    }
}

fn hidden_signals(r: &ailabel::Report) -> Vec<&ailabel::Signal> {
    r.signals
        .iter()
        .filter(|s| s.family == Family::HiddenUnicode)
        .collect()
}

#[test]
fn zero_width_and_bidi_positions() {
    let mut b = Builder::default();
    b.text("Ünïcödé text")
        .mark('\u{200B}')
        .text(" with ")
        .mark('\u{2060}')
        .text("marks, ")
        .mark('\u{200B}')
        .text("a stray BOM")
        .mark('\u{FEFF}')
        .text(", a joiner be")
        .mark('\u{200D}')
        .text("tween letters ")
        .text("and a bidi ")
        .text("x");
    let zw = b.marks.clone();
    b.marks.clear();
    b.mark('\u{202E}')
        .text("dlrow")
        .mark('\u{202C}')
        .text(" end");
    let bidi = b.marks.clone();
    let h = hidden::scan(&b.s);
    assert_eq!(h.zero_width.count, 5);
    assert_eq!(
        h.zero_width
            .positions
            .iter()
            .map(|p| (p.byte, p.char))
            .collect::<Vec<_>>(),
        zw
    );
    assert_eq!(
        h.zero_width.by_char,
        [
            ('\u{200B}', 2),
            ('\u{2060}', 1),
            ('\u{FEFF}', 1),
            ('\u{200D}', 1)
        ]
    );
    assert_eq!(h.bidi.count, 2);
    assert_eq!(
        h.bidi
            .positions
            .iter()
            .map(|p| (p.byte, p.char))
            .collect::<Vec<_>>(),
        bidi
    );

    // End to end: reported, but no AI claim, so the verdict stays no-label.
    let r = check_text(&b.s, &Options::default());
    assert_eq!(r.verdict, Verdict::NoLabel);
    let sig = hidden_signals(&r);
    assert_eq!(sig.len(), 2);
    assert!(sig.iter().all(|s| s.ai.is_none()));
    assert_eq!(
        sig[0].value,
        "5 zero-width characters: U+200B ×2, U+2060 ×1, U+FEFF ×1, U+200D ×1"
    );
    assert_eq!(sig[0].location.offset, Some(zw[0].0 as u64));
    let path = sig[0].location.path.as_deref().unwrap();
    for (byte, ch) in &zw {
        assert!(path.contains(&format!("byte {byte} char {ch}")), "{path}");
    }
}

#[test]
fn tag_characters_spell_ascii() {
    let payload = "Generated with AI by ExampleBot";
    let mut b = Builder::default();
    b.text("A normal caption.");
    let start = (b.s.len(), b.s.chars().count());
    for c in payload.chars() {
        b.s.push(char::from_u32(0xE0000 + c as u32).unwrap());
    }
    b.text(" The end.");
    let h = hidden::scan(&b.s);
    assert_eq!(h.tags.len(), 1);
    assert_eq!(h.tags[0].decoded, payload.as_bytes());
    assert_eq!((h.tags[0].start.byte, h.tags[0].start.char), start);
    assert_eq!(h.tags[0].len, payload.len());

    let r = check_text(&b.s, &Options::default());
    let sig = hidden_signals(&r);
    assert_eq!(sig.len(), 1);
    assert!(sig[0].value.contains(payload), "{}", sig[0].value);
    assert_eq!(
        sig[0].ai,
        Some(AiKind::Generated),
        "the hidden text says AI"
    );
    assert_eq!(r.verdict, Verdict::AiDeclared);
}

#[test]
fn selector_runs_and_legit_selectors() {
    // A run of 5 selectors spelling "hello" (no C2PA magic), one emoji presentation selector.
    let mut b = Builder::default();
    b.text("Nice ❤\u{FE0F} day");
    let start = (b.s.len(), b.s.chars().count());
    for byte in b"hello" {
        b.s.push(byte_selector(*byte));
    }
    b.text(".");
    let h = hidden::scan(&b.s);
    assert_eq!(h.selectors.len(), 1);
    assert_eq!(h.selectors[0].decoded, b"hello");
    assert_eq!(
        (h.selectors[0].start.byte, h.selectors[0].start.char),
        start
    );
    let r = check_text(&b.s, &Options::default());
    let sig = hidden_signals(&r);
    assert_eq!(sig.len(), 1);
    assert!(sig[0]
        .value
        .starts_with("5 variation selectors decoding to bytes 68656c6c6f"));
    assert!(sig[0].explanation.contains("undocumented"));
    assert_eq!(r.verdict, Verdict::NoLabel);
}

/// FORMATS §2.1 test vector (c2pa-rs, from `c2pa-text` 3.0.0).
fn vector() -> (String, usize, Vec<u8>) {
    let prefix = "hello from c2pa-text ";
    let mut header = b"C2PATXT\0".to_vec();
    header.push(1);
    header.extend_from_slice(&16u32.to_be_bytes());
    let payload: Vec<u8> = (0..16).collect();
    let mut s = String::from(prefix);
    s.push('\u{FEFF}');
    for b in header.iter().chain(&payload) {
        s.push(byte_selector(*b));
    }
    (s, prefix.len(), payload)
}

#[test]
fn c2pa_wrapper_test_vector() {
    let (s, start, payload) = vector();
    let w = find_c2pa_wrappers(&s).0;
    assert_eq!(w.len(), 1);
    assert!(!w[0].corrupted);
    assert_eq!(w[0].manifest, payload);
    assert_eq!(w[0].range, start..s.len());
    // The selectors: magic 8 + version 1 + length 4 = 13 header bytes; payload bytes 0..15 are
    // all U+FE0x (3 UTF-8 bytes); the header has 8 four-byte selectors (bytes ≥ 16: "C2PATXT"
    // and the length's 0x10) and 5 three-byte ones.
    assert_eq!(s.len() - start, 3 + 8 * 4 + 5 * 3 + 16 * 3);

    // The walker puts the store into Embedded.c2pa with the wrapper's byte range.
    let e = container::walk(Format::Text, s.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, payload.as_slice());
    assert_eq!(e.c2pa[0].ranges, [start as u64..s.len() as u64]);
    // Hidden-Unicode reading reports the wrapper, not a stray selector run or a zero-width char.
    let mut sink = Sink::default();
    read(
        &e,
        &Limits::default(),
        &[],
        &ailabel::crypto::rust::RustCrypto,
        &mut sink,
    );
    assert_eq!(sink.signals.len(), 1, "{:#?}", sink.signals);
    assert!(sink.signals[0].value.contains("16-byte manifest store"));
}

#[test]
fn c2pa_wrapper_padding_is_in_the_range() {
    let (mut s, start, payload) = vector();
    // Trailing padding as 2.5-era writers emit it: 0x00 bytes then 0x10 bytes.
    for b in [0u8, 0, 0x10] {
        s.push(byte_selector(b));
    }
    let end = s.len();
    s.push_str(" visible tail");
    let w = find_c2pa_wrappers(&s).0;
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].manifest, payload);
    assert_eq!(w[0].range, start..end);
}

#[test]
fn corrupted_wrappers() {
    let (s, _, _) = vector();
    // Cut the last selector off: the length claims 16 bytes, 15 follow.
    let cut = s.char_indices().last().unwrap().0;
    let w = find_c2pa_wrappers(&s[..cut]).0;
    assert!(w[0].corrupted);
    let e = container::walk(Format::Text, &s.as_bytes()[..cut], &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty());
    assert!(e.warnings[0].contains("manifest.text.corruptedWrapper"));
    // Version 2.
    let bad = s.replacen(byte_selector(1), &byte_selector(2).to_string(), 1);
    let w = find_c2pa_wrappers(&bad).0;
    assert!(w[0].corrupted && w[0].problem.contains("version"));
    // No magic: a plain selector run, not a wrapper.
    let plain = s.replacen(byte_selector(b'C'), &byte_selector(b'X').to_string(), 1);
    assert!(find_c2pa_wrappers(&plain).0.is_empty());
}

#[test]
fn two_wrappers_put_forward_no_store() {
    let (s, start, _) = vector();
    let twice = format!("{s} and {}", &s[start..]);
    assert_eq!(find_c2pa_wrappers(&twice).0.len(), 2);
    let e = container::walk(Format::Text, twice.as_bytes(), &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty());
    assert!(e.warnings[0].contains("manifest.text.multipleWrappers"));
}

#[test]
fn wrapper_at_the_very_start_keeps_its_feff() {
    let (s, start, payload) = vector();
    let at_start = &s[start..];
    let e = container::walk(Format::Text, at_start.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, payload.as_slice());
    assert_eq!(e.c2pa[0].ranges, [0..at_start.len() as u64]);
}

#[test]
fn structured_text_block() {
    use base64::Engine;
    let store = b"\0\0\0\x10jumbfake-store!";
    let b64 = base64::engine::general_purpose::STANDARD.encode(store);
    let line = format!(
        "# -----BEGIN C2PA MANIFEST----- data:application/c2pa;base64,{b64} -----END C2PA MANIFEST-----\n"
    );
    let text = format!("{line}print('hello')\n");
    let e = container::walk(Format::Text, text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, store);
    assert_eq!(e.c2pa[0].ranges, [0..line.len() as u64]);

    let text = "print('hello')\n# -----BEGIN C2PA MANIFEST----- https://example.com/m.c2pa -----END C2PA MANIFEST-----";
    let e = container::walk(Format::Text, text.as_bytes(), &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty());
    let mut sink = Sink::default();
    read(
        &e,
        &Limits::default(),
        &[],
        &ailabel::crypto::rust::RustCrypto,
        &mut sink,
    );
    assert_eq!(sink.remote_manifests, ["https://example.com/m.c2pa"]);
}
