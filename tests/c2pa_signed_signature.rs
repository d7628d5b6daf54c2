//! The claim-signature layer on COSE_Sign1 made by the test signer with the test PKI:
//! every algorithm, trust outcomes, certificate profile failures, timestamps, header
//! placements, and malformed bytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod support;

use ailabel::c2pa::signature::{verify_claim_signature, SignatureResult, Trust};
use ailabel::Limits;
use ailabel::TrustSettings;
use base64::Engine;
use sha2::{Digest, Sha256};
use support::asn1::epoch;
use support::cose::{sign, sign_with, Place, Tsa};
use support::pki::*;

/// 2026-11-28T12:00:00Z, the reference validation time of the corpus.
const T: i64 = 1_795_867_200;
const CLAIM: &[u8] =
    b"\xa2\x6binstanceID\x6axmp:iid:01\x69signature\x78\x19self#jumbf=c2pa.signature";

fn settings(anchors: &[&[u8]]) -> TrustSettings {
    TrustSettings {
        trust_anchors: vec![anchors.iter().map(|a| pem(a)).collect::<String>()],
        ..TrustSettings::default()
    }
}

fn check(cose: &[u8], claim: &[u8], s: &TrustSettings) -> SignatureResult {
    let (trust, warnings) = Trust::from_settings(s);
    assert!(warnings.is_empty(), "{warnings:?}");
    verify_claim_signature(cose, claim, &trust, Some(T), &Limits::default())
}

fn codes(r: &SignatureResult) -> Vec<&'static str> {
    r.statuses.iter().map(|s| s.0).collect()
}

fn signer(pki: &Pki, key: Key) -> Issued {
    issue(&Spec::signer("Test Signer"), key, Some(&pki.intermediate))
}

#[test]
fn every_algorithm_verifies_and_chains() {
    let pki = pki();
    type Case = (fn() -> Key, i64, &'static str);
    let cases: Vec<Case> = vec![
        (Key::p256, -7, "ES256"),
        (Key::p384, -35, "ES384"),
        (Key::p521, -36, "ES512"),
        (Key::rsa, -37, "PS256"),
        (Key::rsa, -38, "PS384"),
        (Key::rsa, -39, "PS512"),
        (Key::ed25519, -8, "Ed25519"),
    ];
    for (key, alg, name) in cases {
        let s = signer(&pki, key());
        let cose = sign(
            CLAIM,
            &s,
            &[&pki.intermediate.der],
            alg,
            Place::Protected,
            None,
        )
        .cose;
        let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
        let c = codes(&r);
        assert!(r.valid && r.trusted, "{name}: {:?}", r.statuses);
        for want in [
            "claimSignature.validated",
            "claimSignature.insideValidity",
            "signingCredential.trusted",
            "signingCredential.ocsp.skipped",
        ] {
            assert!(c.contains(&want), "{name}: {c:?}");
        }
        assert_eq!(r.signer.alg.as_deref(), Some(name));
        assert_eq!(r.signer.common_name.as_deref(), Some("Test Signer"));
        assert_eq!(r.signer.organization.as_deref(), Some("ailabel test PKI"));
        assert_eq!(r.signer.chain.len(), 2);
        assert_eq!(r.signer.chain[0].not_after, "2030-01-01T00:00:00Z");
        assert!(!r.signer.timestamped);

        // One flipped byte of the claim: the signature no longer covers it.
        let mut claim = CLAIM.to_vec();
        claim[5] ^= 0x01;
        let r = check(&cose, &claim, &settings(&[&pki.root.der]));
        assert!(
            codes(&r).contains(&"claimSignature.mismatch"),
            "{name}: {:?}",
            r.statuses
        );
        assert!(!r.valid);
    }
}

#[test]
fn untrusted_root_is_valid_but_untrusted() {
    let pki = pki();
    let other = other_root();
    let s = signer(&pki, Key::p256());
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
    )
    .cose;
    for st in [settings(&[&other.der]), TrustSettings::default()] {
        let r = check(&cose, CLAIM, &st);
        assert!(r.valid && !r.trusted, "{:?}", r.statuses);
        let c = codes(&r);
        assert!(
            c.contains(&"signingCredential.untrusted") && c.contains(&"claimSignature.validated"),
            "{c:?}"
        );
        assert!(!c.contains(&"signingCredential.trusted"));
    }
    // The intermediate as an anchor is enough.
    let r = check(&cose, CLAIM, &settings(&[&pki.intermediate.der]));
    assert!(r.trusted, "{:?}", r.statuses);
    // Without the intermediate in x5chain the root alone cannot be reached.
    let cose = sign(CLAIM, &s, &[], -7, Place::Protected, None).cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(r.valid && !r.trusted, "{:?}", r.statuses);
}

fn other_root() -> Issued {
    issue(&Spec::ca("Some Other Root"), Key::p256(), None)
}

#[test]
fn allowed_list_by_pem_and_by_hash() {
    let s = issue(
        &Spec::signer("Allowed Signer"),
        Key::p256(),
        Some(&other_root()),
    );
    let cose = sign(CLAIM, &s, &[], -7, Place::Protected, None).cose;
    let hash = Sha256::digest(&s.der);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(hash);
    for allowed in [
        pem(&s.der),
        format!("// hashes\n{hex}\n"),
        format!("{b64}\n"),
    ] {
        let st = TrustSettings {
            allowed_list: vec![allowed.clone()],
            ..TrustSettings::default()
        };
        let r = check(&cose, CLAIM, &st);
        assert!(r.valid && r.trusted, "{allowed}: {:?}", r.statuses);
        assert!(codes(&r).contains(&"signingCredential.trusted"));
    }
    // Someone else's hash does not help.
    let st = TrustSettings {
        allowed_list: vec![format!("{}\n", "00".repeat(32))],
        ..TrustSettings::default()
    };
    assert!(!check(&cose, CLAIM, &st).trusted);
}

#[test]
fn wrong_eku_is_invalid_unless_the_trust_config_adds_it() {
    let pki = pki();
    let spec = Spec {
        ekus: vec![EKU_SERVER_AUTH],
        ..Spec::signer("Web Server")
    };
    let s = issue(&spec, Key::p256(), Some(&pki.intermediate));
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(
        codes(&r).contains(&"signingCredential.invalid"),
        "{:?}",
        r.statuses
    );
    assert!(!r.valid && !r.trusted);

    let mut st = settings(&[&pki.root.der]);
    st.trust_config = vec![format!("// server auth\n{EKU_SERVER_AUTH}\n")];
    let r = check(&cose, CLAIM, &st);
    assert!(r.valid && r.trusted, "{:?}", r.statuses);
}

#[test]
fn document_signing_needs_the_trust_config_as_in_c2pa_rs() {
    // c2pa-rs 0.91 builds in emailProtection only for signers; documentSigning signers are
    // signingCredential.invalid without a store.cfg (VALIDATION.json, the "cards" files).
    let pki = pki();
    let spec = Spec {
        ekus: vec!["1.3.6.1.5.5.7.3.36"],
        ..Spec::signer("Doc Signer")
    };
    let s = issue(&spec, Key::p384(), Some(&pki.intermediate));
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -35,
        Place::Protected,
        None,
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(
        codes(&r).contains(&"signingCredential.invalid"),
        "{:?}",
        r.statuses
    );
    let mut st = settings(&[&pki.root.der]);
    st.trust_config = vec![std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/store.cfg"
    ))
    .unwrap()];
    let r = check(&cose, CLAIM, &st);
    assert!(r.valid && r.trusted, "{:?}", r.statuses);
}

#[test]
fn ca_flag_signer_is_rejected() {
    let pki = pki();
    let spec = Spec {
        ca: true,
        ..Spec::signer("CA Signer")
    };
    let s = issue(&spec, Key::p256(), Some(&pki.intermediate));
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(
        codes(&r).contains(&"signingCredential.invalid"),
        "{:?}",
        r.statuses
    );
    assert!(!r.valid && !r.trusted);
}

fn expired_signer(pki: &Pki) -> Issued {
    let spec = Spec {
        not_before: epoch(2020, 1, 1),
        not_after: epoch(2021, 1, 1),
        ..Spec::signer("Old Signer")
    };
    issue(&spec, Key::p256(), Some(&pki.intermediate))
}

fn tsa_cert(pki: &Pki) -> Issued {
    let spec = Spec {
        ekus: vec![EKU_TIME_STAMPING],
        not_before: epoch(2019, 1, 1),
        not_after: epoch(2034, 1, 1),
        serial: 99,
        ..Spec::signer("Test TSA")
    };
    issue(&spec, Key::p256(), Some(&pki.intermediate))
}

#[test]
fn untrusted_tsa_does_not_rescue_an_expired_signer() {
    // The cross-check case: the TSA chains to a root of its own, only the signer's root is
    // given (and no TSA anchors), so the signer anchors judge the TSA and reject it.
    let pki = pki();
    let s = expired_signer(&pki);
    let tsa_root = other_root();
    let spec = Spec {
        ekus: vec![EKU_TIME_STAMPING],
        not_before: epoch(2019, 1, 1),
        not_after: epoch(2034, 1, 1),
        serial: 98,
        ..Spec::signer("Other TSA")
    };
    let tsa = issue(&spec, Key::p256(), Some(&tsa_root));
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2020, 6, 1),
        wrong_imprint: false,
        v1: false,
        extra: vec![],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    let c = codes(&r);
    assert!(c.contains(&"timeStamp.untrusted"), "{c:?}");
    assert!(c.contains(&"signingCredential.expired"), "{c:?}");
    assert!(!r.valid && !r.trusted, "{c:?}");
    // Once its root is a TSA anchor, the same timestamp fixes the time and the signer passes.
    let mut st = settings(&[&pki.root.der]);
    st.tsa_anchors = vec![pem(&tsa_root.der)];
    let r = check(&cose, CLAIM, &st);
    let c = codes(&r);
    assert!(c.contains(&"timeStamp.trusted"), "{c:?}");
    assert!(r.valid && r.trusted, "{c:?}");
}

#[test]
fn expired_signer_without_timestamp_is_expired() {
    let pki = pki();
    let s = expired_signer(&pki);
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    let c = codes(&r);
    assert!(c.contains(&"signingCredential.expired"), "{c:?}");
    assert!(c.contains(&"claimSignature.validated"), "{c:?}");
    assert!(!c.contains(&"claimSignature.insideValidity"), "{c:?}");
    assert!(!r.valid && !r.trusted);
}

#[test]
fn expired_signer_with_timestamp_inside_validity_is_accepted() {
    let pki = pki();
    let s = expired_signer(&pki);
    let tsa = tsa_cert(&pki);
    let gen = epoch(2020, 6, 1);
    let ts = Tsa {
        cert: &tsa,
        gen_time: gen,
        wrong_imprint: false,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;

    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    let c = codes(&r);
    assert!(r.valid && r.trusted, "{c:?}");
    assert!(c.contains(&"timeStamp.validated"), "{c:?}");
    assert!(!c.contains(&"signingCredential.expired"), "{c:?}");
    assert!(r.signer.timestamped);
    assert_eq!(r.signer.time.as_deref(), Some("2020-06-01T00:00:00Z"));
    // The signer anchors also serve for the TSA when no TSA anchors are given.
    assert!(c.contains(&"timeStamp.trusted"), "{c:?}");

    // TSA anchors given, but not the TSA's: validated but untrusted, so its time is not used
    // and the signer is judged now (FORMATS.md §1; c2pa-rs 0.91.3 says signingCredential.expired,
    // seen in scripts/crosscheck expired-ts-ai-no-tsa-anchor.jpg).
    let mut st = settings(&[&pki.root.der]);
    st.tsa_anchors = vec![pem(&other_root().der)];
    let r = check(&cose, CLAIM, &st);
    let c = codes(&r);
    assert!(
        c.contains(&"timeStamp.validated") && c.contains(&"timeStamp.untrusted"),
        "{c:?}"
    );
    assert!(c.contains(&"signingCredential.expired"), "{c:?}");
    assert!(!r.valid, "{c:?}");

    // A timestamp over something else proves nothing: back to "expired".
    let ts = Tsa {
        cert: &tsa,
        gen_time: gen,
        wrong_imprint: true,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    let c = codes(&r);
    assert!(
        c.contains(&"timeStamp.mismatch") && c.contains(&"signingCredential.expired"),
        "{c:?}"
    );
    assert!(!r.valid);

    // A timestamp after the signer expired does not rescue it.
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2022, 1, 1),
        wrong_imprint: false,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(
        codes(&r).contains(&"signingCredential.expired"),
        "{:?}",
        r.statuses
    );
}

#[test]
fn x5chain_in_every_allowed_place() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    for place in [
        Place::Protected,
        Place::ProtectedText,
        Place::Unprotected,
        Place::UnprotectedText,
    ] {
        let cose = sign(CLAIM, &s, &[&pki.intermediate.der], -7, place, None).cose;
        let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
        assert!(r.valid && r.trusted, "{place:?}: {:?}", r.statuses);
    }
}

#[test]
fn budget_limits_chain_building_not_the_signature() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
    )
    .cose;
    let (trust, _) = Trust::from_settings(&settings(&[&pki.root.der]));
    let limits = Limits {
        max_signature_checks: 2,
        ..Limits::default()
    };
    let r = verify_claim_signature(&cose, CLAIM, &trust, Some(T), &limits);
    assert!(r.valid && !r.trusted, "{:?}", r.statuses);
    let limits = Limits {
        max_chain_len: 2,
        ..Limits::default()
    };
    let r = verify_claim_signature(&cose, CLAIM, &trust, Some(T), &limits);
    assert!(r.valid && !r.trusted, "{:?}", r.statuses);
}

#[test]
fn unsupported_algorithm_is_reported() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let mut cose = sign(CLAIM, &s, &[], -7, Place::Protected, None).cose;
    // The protected header starts `A2 01 26`: make alg -7 into -6 (not a C2PA algorithm).
    let at = cose
        .windows(3)
        .position(|w| w == [0xa2, 0x01, 0x26])
        .unwrap();
    cose[at + 2] = 0x25;
    let r = check(&cose, CLAIM, &TrustSettings::default());
    assert_eq!(codes(&r), vec!["algorithm.unsupported"]);
}

#[test]
fn malformed_cose_never_panics() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let tsa = tsa_cert(&pki);
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2026, 1, 1),
        wrong_imprint: false,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;
    let (trust, _) = Trust::from_settings(&settings(&[&pki.root.der]));
    let limits = Limits::default();
    assert!(verify_claim_signature(&cose, CLAIM, &trust, Some(T), &limits).valid);
    let step = (cose.len() / 300).max(1);
    for cut in (0..cose.len()).step_by(step) {
        let r = verify_claim_signature(&cose[..cut], CLAIM, &trust, Some(T), &limits);
        assert!(!r.valid, "truncated at {cut}");
    }
    for at in (0..cose.len()).step_by(step) {
        for flip in [0x01u8, 0x80, 0xff] {
            let mut b = cose.clone();
            b[at] ^= flip;
            let _ = verify_claim_signature(&b, CLAIM, &trust, Some(T), &limits);
        }
    }
    for junk in [
        &b""[..],
        b"\xd2",
        b"\xd2\x84",
        b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff",
        &[0x81; 4096],
    ] {
        assert!(!verify_claim_signature(junk, CLAIM, &trust, Some(T), &limits).valid);
    }
}

#[test]
fn deprecated_sig_tst_covers_the_claim() {
    // sigTst (v1): the token is a whole TimeStampResp and its imprint covers the claim bytes.
    let pki = pki();
    let s = expired_signer(&pki);
    let tsa = tsa_cert(&pki);
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2020, 6, 1),
        wrong_imprint: false,
        v1: true,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = sign(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        Some(&ts),
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    let c = codes(&r);
    assert!(r.valid && c.contains(&"timeStamp.validated"), "{c:?}");
    // c2pa-rs does not judge TSA trust for v1 tokens.
    assert!(
        !c.contains(&"timeStamp.trusted") && !c.contains(&"timeStamp.untrusted"),
        "{c:?}"
    );
    // A changed claim breaks the v1 imprint too (as in the corpus E-sig files).
    let mut claim = CLAIM.to_vec();
    claim[3] ^= 0x20;
    let c = codes(&check(&cose, &claim, &settings(&[&pki.root.der])));
    assert!(
        c.contains(&"timeStamp.mismatch") && c.contains(&"claimSignature.mismatch"),
        "{c:?}"
    );
}

#[test]
fn stapled_ocsp_is_noted_not_skipped() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    // Any stapled response: we report it and never fetch; the staple itself is not evaluated.
    let response: &[u8] = &[0x30, 0x03, 0x0a, 0x01, 0x00];
    let cose = sign_with(
        CLAIM,
        &s,
        &[&pki.intermediate.der],
        -7,
        Place::Protected,
        None,
        &[response],
    )
    .cose;
    let r = check(&cose, CLAIM, &settings(&[&pki.root.der]));
    assert!(r.valid && r.trusted, "{:?}", r.statuses);
    assert!(
        !codes(&r).contains(&"signingCredential.ocsp.skipped"),
        "{:?}",
        r.statuses
    );
}

#[test]
fn der_encoded_ecdsa_is_an_invalid_credential() {
    use support::cbor::{enc, C};
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let protected = enc(&C::M(vec![
        (C::U(1), C::N(-7)),
        (C::U(33), C::B(s.der.clone())),
    ]));
    let (_, der_sig) = s
        .key
        .sign_x509(&support::cose::tbs("Signature1", &protected, CLAIM));
    let cose = enc(&C::Tag(
        18,
        Box::new(C::A(vec![
            C::B(protected),
            C::M(vec![]),
            C::Null,
            C::B(der_sig),
        ])),
    ));
    let c = codes(&check(&cose, CLAIM, &TrustSettings::default()));
    assert!(
        c.contains(&"signingCredential.invalid") && c.contains(&"claimSignature.mismatch"),
        "{c:?}"
    );
}
