//! A signed C2PA text wrapper (FORMATS §2.1) end to end: the test signer (tests/support) signs a
//! store whose `c2pa.hash.data` excludes the wrapper; the text walker finds it and the whole
//! pipeline verifies it.

use crate::support::{self, fixtures};

use ailabel::c2pa::C2paState;
use ailabel::container::text::wrapper::byte_selector;
use ailabel::Verdict;
use ailabel::{Options, TrustSettings};
use sha2::{Digest, Sha256};
use support::manifest::{store, Manifest};
use support::pki::*;

const T: i64 = fixtures::VERIFY_TIME;

/// U+FEFF, then the selectors for magic, version 1, the length and the store.
fn wrapper(store: &[u8]) -> String {
    let mut s = String::from('\u{FEFF}');
    let mut bytes = b"C2PATXT\0\x01".to_vec();
    bytes.extend_from_slice(&(store.len() as u32).to_be_bytes());
    bytes.extend_from_slice(store);
    for b in bytes {
        s.push(byte_selector(b));
    }
    s
}

/// Pad `w` to exactly `len` UTF-8 bytes as 2.5-era writers do: 0x00 selectors (3 bytes each),
/// then `gap mod 3` 0x10 selectors (4 bytes each).
fn pad(w: &mut String, len: usize) {
    let gap = len - w.len();
    let r = gap % 3;
    for _ in 0..(gap - 4 * r) / 3 {
        w.push(byte_selector(0));
    }
    for _ in 0..r {
        w.push(byte_selector(0x10));
    }
    assert_eq!(w.len(), len);
}

/// Trust the test PKI's root, as of the reference time.
fn root_trusted(pki: &Pki) -> Options {
    Options {
        trust: TrustSettings {
            trust_anchors: vec![pem(&pki.root.der)],
            ..TrustSettings::default()
        },
        verify_time: Some(T),
        ..Options::default()
    }
}

/// The store of `m`, as base64 wrapped by `wrap`, whose data-hash exclusion starts at `start`
/// and is exactly as long as the wrapped text: the length depends on the store, so it is tried
/// until it settles.
fn settled(m: &Manifest, start: usize, hash: &[u8], wrap: impl Fn(&str) -> String) -> String {
    use base64::Engine;
    let mut len = 0usize;
    for _ in 0..6 {
        let st = store(m, start as u64, len as u64, hash, 0);
        let wrapped = wrap(&base64::engine::general_purpose::STANDARD.encode(st));
        if wrapped.len() == len {
            return wrapped;
        }
        len = wrapped.len();
    }
    panic!("the exclusion length does not settle");
}

#[test]
fn signed_text_wrapper_is_verified() {
    let pki = pki();
    let signer = pki.signer("Text Signer", Key::p256());
    let m = Manifest::new(&pki, &signer, -7);
    let visible = "A short caption for a picture of a lighthouse.\n";
    let hash = Sha256::digest(visible.as_bytes()).to_vec();
    let start = visible.len();
    // The exclusion length is part of the signed store, so fix it first (with room to spare)
    // and pad the wrapper to it.
    let probe = wrapper(&store(&m, start as u64, 100_000, &hash, 0));
    let len = probe.len() + 400;
    let mut w = wrapper(&store(&m, start as u64, len as u64, &hash, 0));
    pad(&mut w, len);
    let text = format!("{visible}{w}");

    let o = root_trusted(&pki);
    let e = ailabel::container::walk(ailabel::Format::Text, text.as_bytes(), &o.limits).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(e.c2pa[0].ranges, [start as u64..text.len() as u64]);

    let r = ailabel::check_text(&text, &o);
    let c2pa = r.c2pa.as_ref().expect("a c2pa section");
    assert_eq!(c2pa.state, C2paState::Trusted, "{:#?}", c2pa.validation);
    assert_eq!(r.verdict, Verdict::AiVerified);

    // One changed visible letter breaks the hard binding.
    let tampered = text.replacen("lighthouse", "lightHouse", 1);
    let r = ailabel::check_text(&tampered, &o);
    assert_eq!(r.verdict, Verdict::Invalid);
}

#[test]
fn signed_html_script_is_verified() {
    let pki = pki();
    let signer = pki.signer("Html Signer", Key::p256());
    let m = Manifest::new(&pki, &signer, -7);
    let head = "<!DOCTYPE html>\n<html><head><title>Lighthouse</title>";
    let rest = "</head>\n<body><p>A lighthouse at dusk.</p></body></html>\n";
    let hash = Sha256::digest(format!("{head}{rest}").as_bytes()).to_vec();
    // C2PA 2.4 A.7: the exclusion is the whole <script> element; its length depends on the
    // store, so iterate until it settles.
    let script = settled(&m, head.len(), &hash, |b64| {
        format!("<script type=\"application/c2pa\">{b64}</script>")
    });
    let html = format!("{head}{script}{rest}");
    let o = root_trusted(&pki);
    let r = ailabel::check(html.as_bytes(), &o);
    assert_eq!(r.input.format, "html");
    let c2pa = r.c2pa.as_ref().expect("a c2pa section");
    assert_eq!(c2pa.state, C2paState::Trusted, "{:#?}", c2pa.validation);
    assert_eq!(r.verdict, Verdict::AiVerified);
    let tampered = html.replacen("at dusk", "at dawn", 1);
    assert_eq!(
        ailabel::check(tampered.as_bytes(), &o).verdict,
        Verdict::Invalid
    );
}

#[test]
fn signed_structured_text_block_is_verified() {
    let pki = pki();
    let signer = pki.signer("Block Signer", Key::p256());
    let m = Manifest::new(&pki, &signer, -7);
    let body = "print('a lighthouse')\n";
    let hash = Sha256::digest(body.as_bytes()).to_vec();
    // FORMATS §2.2: a block on the first line is excluded with its line terminator, from 0.
    let line = settled(&m, 0, &hash, |b64| {
        format!(
            "# -----BEGIN C2PA MANIFEST----- data:application/c2pa;base64,{b64} -----END C2PA MANIFEST-----\n"
        )
    });
    let text = format!("{line}{body}");
    let o = root_trusted(&pki);
    let r = ailabel::check_text(&text, &o);
    let c2pa = r.c2pa.as_ref().expect("a c2pa section");
    assert_eq!(c2pa.state, C2paState::Trusted, "{:#?}", c2pa.validation);
    assert_eq!(r.verdict, Verdict::AiVerified);
    let tampered = text.replacen("lighthouse", "lightship", 1);
    assert_eq!(ailabel::check_text(&tampered, &o).verdict, Verdict::Invalid);
}
