//! End to end through `ailabel::check`: files signed by the test signer (tests/support) with
//! the test PKI, read back by the whole pipeline. Expected states follow from how each file was
//! made: which key signed, which root is trusted, what was tampered with.

use crate::support;

use ailabel::c2pa::C2paState;
use ailabel::Report;
use ailabel::Verdict;
use support::asn1::epoch;
use support::manifest::{jpeg, png, webp, Manifest};
use support::pki::*;
use support::signed::{self, trusting};
use support::signer::Tsa;

fn codes(r: &Report, which: &str) -> Vec<String> {
    let v = &r.c2pa.as_ref().expect("a c2pa section").validation;
    let list = match which {
        "success" => &v.success,
        "info" => &v.informational,
        _ => &v.failure,
    };
    list.iter().map(|s| s.code.clone()).collect()
}

#[test]
fn signed_jpeg_is_ai_verified_with_its_root_trusted() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let file = jpeg(&Manifest::new(&pki, &s, -7));
    let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
    let c2pa = r.c2pa.as_ref().expect("c2pa");
    assert_eq!(c2pa.state, C2paState::Trusted, "{:#?}", c2pa.validation);
    assert_eq!(r.verdict, Verdict::AiVerified);
    let ok = codes(&r, "success");
    for want in [
        "claimSignature.validated",
        "signingCredential.trusted",
        "assertion.dataHash.match",
    ] {
        assert!(ok.iter().any(|c| c == want), "{ok:?}");
    }
    let signer = c2pa.manifests.last().unwrap().signer.as_ref().unwrap();
    assert_eq!(signer.common_name.as_deref(), Some("Test Signer"));
    assert_eq!(signer.alg.as_deref(), Some("ES256"));
}

#[test]
fn signed_jpeg_without_trust_settings_is_valid_and_ai_signed() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::ed25519());
    let file = jpeg(&Manifest::new(&pki, &s, -8));
    let r = ailabel::check(&file, &signed::options());
    assert_eq!(
        r.c2pa.as_ref().unwrap().state,
        C2paState::Valid,
        "{:#?}",
        r.c2pa
    );
    assert_eq!(r.verdict, Verdict::AiSigned);
    assert_eq!(
        codes(&r, "failure"),
        vec!["signingCredential.untrusted".to_string()]
    );
    assert!(codes(&r, "info")
        .iter()
        .any(|c| c == "signingCredential.ocsp.skipped"));
}

#[test]
fn tampered_claim_is_invalid() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p384());
    let m = Manifest {
        tamper_claim: true,
        ..Manifest::new(&pki, &s, -35)
    };
    let r = ailabel::check(&jpeg(&m), &trusting(&[&pki.root.der]));
    assert_eq!(r.c2pa.as_ref().unwrap().state, C2paState::Invalid);
    assert_eq!(r.verdict, Verdict::Invalid);
    assert!(
        codes(&r, "failure")
            .iter()
            .any(|c| c == "claimSignature.mismatch"),
        "{:?}",
        codes(&r, "failure")
    );
}

/// PNG (`caBX`) signed with RSA-PSS and WebP (`C2PA` chunk) with P-521, both under the root.
#[test]
fn signed_png_and_webp_are_trusted() {
    let pki = pki();
    type Case = (&'static str, fn(&Manifest) -> Vec<u8>, fn() -> Key, i64);
    let cases: [Case; 2] = [("png", png, Key::rsa, -37), ("webp", webp, Key::p521, -36)];
    for (name, container, key, alg) in cases {
        let s = pki.signer("Test Signer", key());
        let r = ailabel::check(
            &container(&Manifest::new(&pki, &s, alg)),
            &trusting(&[&pki.root.der]),
        );
        let state = r.c2pa.as_ref().map(|c| c.state);
        assert_eq!(state, Some(C2paState::Trusted), "{name}: {:#?}", r.c2pa);
        assert_eq!(r.verdict, Verdict::AiVerified, "{name}");
    }
}

#[test]
fn expired_signer_with_a_timestamp_stays_trusted() {
    let pki = pki();
    let s = pki.expired_signer();
    let tsa = pki.tsa();
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2020, 6, 1),
        wrong_imprint: false,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let m = Manifest {
        tsa: Some(ts),
        ..Manifest::new(&pki, &s, -7)
    };
    let file = jpeg(&m);
    let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
    assert_eq!(
        r.c2pa.as_ref().unwrap().state,
        C2paState::Trusted,
        "{:#?}",
        r.c2pa
    );
    assert!(codes(&r, "success")
        .iter()
        .any(|c| c == "timeStamp.validated"));

    // Without the timestamp the same signer is expired.
    let m = Manifest::new(&pki, &s, -7);
    let r = ailabel::check(&jpeg(&m), &trusting(&[&pki.root.der]));
    assert_eq!(r.c2pa.as_ref().unwrap().state, C2paState::Invalid);
    assert!(codes(&r, "failure")
        .iter()
        .any(|c| c == "signingCredential.expired"));
}
