//! No-panic sweep: pseudo-random strings over an alphabet of the characters the text readers
//! treat specially, fixtures cut at every offset, and random header values.

use ailabel::container::text::wrapper::{byte_selector, find_c2pa_wrappers};
use ailabel::labels::text::{disclosure, hidden, read_ai_disclosure_header};
use ailabel::Sink;
use ailabel::{check, check_as, check_text, Format, Limits, Options};

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

const PIECES: &[&str] = &[
    "this ",
    "text ",
    "was ",
    "generated ",
    "by ",
    "AI",
    "ChatGPT",
    "-",
    "'",
    "’",
    ".",
    "?",
    "\n",
    "\"",
    "«",
    "#",
    "#AIgenerated",
    "dieser ",
    "Text ",
    "wurde ",
    "mit ",
    "KI ",
    "erstellt",
    "é",
    "\u{301}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{FE0F}",
    "\u{FE00}",
    "\u{E0100}",
    "\u{E0041}",
    "\u{E007F}",
    "🏴",
    "👨",
    "3.5",
    " ",
    "<",
    ">",
    "<meta name=ai-disclosure ",
    "content=",
    "ai-generated",
    "<script type=application/c2pa>",
    "</script>",
    "&",
    "&#x41;",
    "&eacute;",
    "-----BEGIN C2PA MANIFEST-----",
    "-----END C2PA MANIFEST-----",
    "data:application/c2pa;base64,",
    "QUJD",
    "Σ",
    "ς",
    "ł",
];

#[test]
fn random_texts_never_panic() {
    let mut rng = Lcg(0x5eed);
    let o = Options::default();
    let tiny = Options {
        limits: Limits::tiny(),
        ..Options::default()
    };
    for round in 0..200 {
        let n = 1 + (rng.next() % 60) as usize;
        let mut s = String::new();
        if round % 3 == 0 {
            s.push_str("<!doctype html>");
        }
        for _ in 0..n {
            let piece: &&str = rng.pick(PIECES);
            s.push_str(piece);
        }
        // Sometimes a C2PA wrapper prefix with random bytes after it.
        if round % 5 == 0 {
            s.push('\u{FEFF}');
            for b in b"C2PATXT\0\x01" {
                s.push(byte_selector(*b));
            }
            for _ in 0..(rng.next() % 40) {
                s.push(byte_selector((rng.next() & 0xff) as u8));
            }
        }
        let _ = check_text(&s, &o);
        let _ = check_text(&s, &tiny);
        let _ = check_as(s.as_bytes(), Format::Html, &o);
        let _ = disclosure::find(&s);
        let _ = hidden::scan(&s);
        let _ = find_c2pa_wrappers(&s);
        for cut in (0..s.len()).filter(|&c| s.is_char_boundary(c)).step_by(11) {
            let _ = check_text(&s[..cut], &o);
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(42);
    let o = Options::default();
    for _ in 0..300 {
        let n = (rng.next() % 200) as usize;
        let mut v: Vec<u8> = (0..n).map(|_| (rng.next() & 0xff) as u8).collect();
        if rng.next() % 2 == 0 {
            v.splice(0..0, [0xFF, 0xFE]);
        }
        let _ = check(&v, &o);
        let _ = check_as(&v, Format::Text, &o);
        let _ = check_as(&v, Format::Html, &o);
    }
}

#[test]
fn random_headers_never_panic() {
    let mut rng = Lcg(7);
    let parts: &[&str] = &[
        "mode",
        "=",
        "ai-originated",
        ";",
        ",",
        " ",
        "\"",
        "\\",
        "@",
        "-",
        "1",
        ".",
        "?1",
        ":",
        "(",
        ")",
        "model",
        "%\"",
        "%e2",
        "*",
        "\t",
        "é",
    ];
    for _ in 0..2000 {
        let n = (rng.next() % 12) as usize;
        let v: String = (0..n).map(|_| *rng.pick(parts)).collect();
        let mut sink = Sink::default();
        read_ai_disclosure_header(&v, &mut sink);
        assert_eq!(sink.signals.len() + sink.warnings.len(), 1, "{v:?}");
    }
}
