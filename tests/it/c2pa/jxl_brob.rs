//! A JPEG XL file signed by the test signer with a box hash (as c2pa-rs binds JPEG XL), its
//! store in a plain `jumb` box or Brotli-compressed in a `brob` box (ISO/IEC 18181-2), its XMP
//! plain or compressed, read back through `ailabel::check`. Native build only (feature `brob`).
//!
//! The reference, c2pa-rs 0.91.3 (read with c2pa-python 0.38.1 on these files, trust anchor the
//! test root), reads the plain-`jumb` file as we do (`Trusted`, `assertion.boxesHash.match`),
//! but finds no manifest in the `brob` file: it decompresses `brob` boxes for XMP only
//! (`jpegxl_io.rs`: "Brotli decompression is intentionally NOT supported for C2PA JUMBF"). We
//! read the compressed store: a deliberate difference, listed in docs/C2PA-RULES.md.
#![cfg(feature = "brob")]

use crate::support;

use ailabel::c2pa::C2paState;
use ailabel::{Family, Verdict};
use support::jxl::{signed, Packing};
use support::pki::*;
use support::signed::trusting;

fn codes(r: &ailabel::Report, failures: bool) -> Vec<String> {
    let v = &r.c2pa.as_ref().expect("a c2pa section").validation;
    let list = if failures { &v.failure } else { &v.success };
    list.iter().map(|s| s.code.clone()).collect()
}

const PACKINGS: [Packing; 4] = [
    Packing {
        store_in_brob: false,
        xmp_in_brob: false,
    },
    Packing {
        store_in_brob: true,
        xmp_in_brob: false,
    },
    Packing {
        store_in_brob: false,
        xmp_in_brob: true,
    },
    Packing {
        store_in_brob: true,
        xmp_in_brob: true,
    },
];

#[test]
fn a_signed_jpeg_xl_verifies_with_its_store_and_xmp_plain_or_compressed() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    for p in PACKINGS {
        let file = signed(&s, vec![&pki.intermediate.der], p);
        let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
        assert_eq!(r.input.format, "jxl", "{p:?}");
        let c = r
            .c2pa
            .as_ref()
            .unwrap_or_else(|| panic!("{p:?}: {:?}", r.errors));
        assert_eq!(c.state, C2paState::Trusted, "{p:?}: {:#?}", c.validation);
        assert_eq!(r.verdict, Verdict::AiVerified, "{p:?}");
        assert!(
            codes(&r, false).contains(&"assertion.boxesHash.match".to_owned()),
            "{p:?}"
        );
        assert!(r.errors.is_empty(), "{p:?}: {:?}", r.errors);
        // The XMP's IPTC digital source type is read from either box.
        assert!(
            r.signals.iter().any(|s| s.family == Family::Iptc),
            "{p:?}: {:?}",
            r.signals
        );
    }
}

#[test]
fn a_changed_box_breaks_the_box_hash_and_an_untrusted_root_only_signs() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    for p in PACKINGS {
        let mut file = signed(&s, vec![&pki.intermediate.der], p);
        // The codestream box is last: change its last byte.
        let last = file.len() - 1;
        file[last] ^= 1;
        let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
        assert_eq!(r.verdict, Verdict::Invalid, "{p:?}");
        assert!(
            codes(&r, true).contains(&"assertion.boxesHash.mismatch".to_owned()),
            "{p:?}"
        );
    }
    let other = support::pki::pki();
    let file = signed(&s, vec![&pki.intermediate.der], PACKINGS[1]);
    let r = ailabel::check(&file, &trusting(&[&other.root.der]));
    assert_eq!(r.c2pa.as_ref().unwrap().state, C2paState::Valid);
    assert!(codes(&r, true).contains(&"signingCredential.untrusted".to_owned()));
}

/// Writes the four files for the reference cross-check (outside `npm test`):
/// `AILABEL_WRITE_JXL=DIR cargo test --test it write_jxl_for_the_reference -- --ignored`, then
/// read them with c2pa-python 0.38.1, trust anchor `DIR/root.pem`.
#[test]
#[ignore = "writes files for the c2pa-python cross-check; needs AILABEL_WRITE_JXL"]
fn write_jxl_for_the_reference() {
    let dir = std::path::PathBuf::from(std::env::var("AILABEL_WRITE_JXL").unwrap());
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    std::fs::write(dir.join("root.pem"), pem(&pki.root.der)).unwrap();
    for p in PACKINGS {
        let name = format!(
            "store-{}-xmp-{}.jxl",
            if p.store_in_brob { "brob" } else { "jumb" },
            if p.xmp_in_brob { "brob" } else { "xml" }
        );
        std::fs::write(dir.join(name), signed(&s, vec![&pki.intermediate.der], p)).unwrap();
    }
}
