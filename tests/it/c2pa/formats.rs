//! The formats beyond the image containers (SVG, MP3, WAV, PDF), signed by the test signer and
//! read back through `ailabel::check`: trusted when the test root is trusted, the data hash
//! broken by one changed byte outside the store, and the format named in the report.

use crate::support;

use ailabel::c2pa::C2paState;
use ailabel::Verdict;
use support::formats::{mp3, pdf, svg, wav};
use support::manifest::Manifest;
use support::pki::*;
use support::signed::trusting;

/// A writer of the test signer's store in one format.
type Writer = fn(&Manifest) -> Vec<u8>;

fn failures(r: &ailabel::Report) -> Vec<String> {
    let c = r.c2pa.as_ref().expect("a c2pa section");
    c.validation
        .failure
        .iter()
        .map(|s| s.code.clone())
        .collect()
}

#[test]
fn signed_files_in_every_new_format_verify() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let m = Manifest::new(&pki, &s, -7);
    let writers: [(&str, Writer); 4] = [("svg", svg), ("mp3", mp3), ("riff", wav), ("pdf", pdf)];
    let other = support::pki::pki();
    for (format, write) in writers {
        let file = write(&m);
        let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
        assert_eq!(r.input.format, format);
        let c = r
            .c2pa
            .as_ref()
            .unwrap_or_else(|| panic!("{format}: {:?}", r.errors));
        assert_eq!(c.state, C2paState::Trusted, "{format}: {:#?}", c.validation);
        assert_eq!(r.verdict, Verdict::AiVerified, "{format}");
        assert!(
            c.validation
                .success
                .iter()
                .any(|s| s.code == "assertion.dataHash.match"),
            "{format}"
        );
        // Untrusted root: signed, not verified.
        let r = ailabel::check(&file, &trusting(&[&other.root.der]));
        assert_eq!(r.c2pa.as_ref().unwrap().state, C2paState::Valid, "{format}");
        assert!(failures(&r).contains(&"signingCredential.untrusted".to_owned()));
    }
}

#[test]
fn a_changed_byte_outside_the_store_breaks_the_data_hash() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let m = Manifest::new(&pki, &s, -7);
    let cases: [(&str, Writer, &[u8], &[u8]); 4] = [
        ("svg", svg, b"#808080", b"#808081"),
        (
            "mp3",
            mp3,
            b"\xFF\xFB\x90\x64\0\0\0\0\0\0\0\0\xFF",
            b"\xFF\xFB\x90\x64\0\0\0\x01\0\0\0\0\xFF",
        ),
        ("wav", wav, b"data\x10\0\0\0\x80", b"data\x10\0\0\0\x81"),
        ("pdf", pdf, b"/Count 0", b"/Count 1"),
    ];
    for (format, write, from, to) in cases {
        let mut file = write(&m);
        let at = file
            .windows(from.len())
            .position(|w| w == from)
            .unwrap_or_else(|| panic!("{format}: marker"));
        file[at..at + to.len()].copy_from_slice(to);
        let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
        assert_eq!(
            r.c2pa.as_ref().unwrap().state,
            C2paState::Invalid,
            "{format}"
        );
        assert!(
            failures(&r).contains(&"assertion.dataHash.mismatch".to_owned()),
            "{format}: {:?}",
            failures(&r)
        );
        assert_eq!(r.verdict, Verdict::Invalid, "{format}");
    }
}
