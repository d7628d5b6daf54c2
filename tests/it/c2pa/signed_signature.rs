//! The claim-signature layer on COSE_Sign1 made by the test signer with the test PKI:
//! every algorithm, trust outcomes, certificate profile failures, timestamps, header
//! placements, and malformed bytes.

use crate::support::{self, fixtures};

use ailabel::c2pa::signature::{verify_claim_signature, SignatureResult, Trust};
use ailabel::Limits;
use ailabel::TrustSettings;
use base64::Engine;
use sha2::{Digest, Sha256};
use support::asn1::epoch;
use support::pki::*;
use support::signer::{sign, sign_with, Place, Tsa};

/// The verification time of the reference results (any time inside the test PKI's validity).
pub(super) const T: i64 = fixtures::VERIFY_TIME;
pub(super) const CLAIM: &[u8] =
    b"\xa2\x6binstanceID\x6axmp:iid:01\x69signature\x78\x19self#jumbf=c2pa.signature";

pub(super) fn settings(anchors: &[&[u8]]) -> TrustSettings {
    TrustSettings {
        trust_anchors: vec![anchors.iter().map(|a| pem(a)).collect::<String>()],
        ..TrustSettings::default()
    }
}

pub(super) fn check(cose: &[u8], claim: &[u8], s: &TrustSettings) -> SignatureResult {
    let (trust, warnings) = Trust::from_settings(s);
    assert!(warnings.is_empty(), "{warnings:?}");
    verify_claim_signature(cose, claim, &trust, Some(T), &Limits::default())
}

pub(super) fn codes(r: &SignatureResult) -> Vec<&'static str> {
    r.statuses.iter().map(|s| s.0).collect()
}

/// [`CLAIM`] signed by `s`, with the intermediate in `x5chain` in the protected header.
fn signed(pki: &Pki, s: &Issued, alg: i64, ts: Option<&Tsa>) -> Vec<u8> {
    sign(
        CLAIM,
        s,
        &[&pki.intermediate.der],
        alg,
        Place::Protected,
        ts,
    )
    .cose
}

fn signer(pki: &Pki, key: Key) -> Issued {
    pki.signer("Test Signer", key)
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
        let cose = signed(&pki, &s, alg, None);
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
    let cose = signed(&pki, &s, -7, None);
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

pub(super) fn other_root() -> Issued {
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
    // Someone else's hash or certificate does not help.
    for other in [format!("{}\n", "00".repeat(32)), pem(&other_root().der)] {
        let st = TrustSettings {
            allowed_list: vec![other.clone()],
            ..TrustSettings::default()
        };
        assert!(!check(&cose, CLAIM, &st).trusted, "{other}");
    }
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
    let cose = signed(&pki, &s, -7, None);
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

/// A claim signature the store's budget cannot pay for is not read: a `general.error` naming
/// the limit (the credentials could not be checked), not a `claimSignature.mismatch` (which
/// would say the file was altered).
#[test]
fn a_signature_over_the_budget_is_not_read_and_not_a_mismatch() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let cose = signed(&pki, &s, -7, None);
    let (trust, _) = Trust::from_settings(&settings(&[&pki.root.der]));
    assert!(verify_claim_signature(&cose, CLAIM, &trust, Some(T), &Limits::default()).valid);
    // The COSE_Sign1 is a tagged array of four items and a protected header map: more than 64
    // bytes of tree at 32 bytes an item.
    let limits = Limits {
        max_c2pa_bytes: 64,
        ..Limits::default()
    };
    let r = verify_claim_signature(&cose, CLAIM, &trust, Some(T), &limits);
    assert!(!r.valid);
    assert_eq!(codes(&r), vec!["general.error"]);
    let detail = r.statuses[0].1.as_deref().unwrap_or_default();
    assert!(detail.contains("max_c2pa_bytes"), "{detail}");
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
    // c2pa-rs 0.91 adds claimSignature.mismatch to every signature error (`verify_internal`).
    assert_eq!(
        codes(&r),
        vec!["algorithm.unsupported", "claimSignature.mismatch"]
    );
}

#[test]
fn malformed_cose_never_panics() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    let tsa = pki.tsa();
    let ts = Tsa {
        cert: &tsa,
        gen_time: epoch(2026, 1, 1),
        wrong_imprint: false,
        v1: false,
        extra: vec![pki.intermediate.der.clone()],
    };
    let cose = signed(&pki, &s, -7, Some(&ts));
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
fn stapled_ocsp_is_not_evaluated_and_says_so() {
    let pki = pki();
    let s = signer(&pki, Key::p256());
    // Any stapled response: it is not evaluated, so revocation counts as skipped.
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
    let skipped = r
        .statuses
        .iter()
        .find(|(c, _)| *c == "signingCredential.ocsp.skipped")
        .unwrap_or_else(|| panic!("{:?}", r.statuses));
    assert!(
        skipped.1.as_deref().unwrap_or("").contains("not evaluated"),
        "{skipped:?}"
    );
    assert!(!codes(&r).iter().any(
        |c| c.starts_with("signingCredential.ocsp.") && *c != "signingCredential.ocsp.skipped"
    ));
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
        .sign_x509(&support::signer::tbs("Signature1", &protected, CLAIM));
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
