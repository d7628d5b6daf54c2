//! The claim-signature layer on COSE_Sign1 made by the test signer with the test PKI:
//! every algorithm, trust outcomes, certificate profile failures, timestamps, header
//! placements, and malformed bytes.

use crate::support::{self, fixtures};

use ailabel::c2pa::signature::{verify_claim_signature, SignatureResult, Trust};
use ailabel::options::TrustSettings;
use ailabel::Limits;
use base64::Engine;
use sha2::{Digest, Sha256};
use support::asn1::epoch;
use support::pki::*;
use support::signer::{sign, sign_with, Place, Tsa};

/// The verification time of the reference results (any time inside the test PKI's validity).
const T: i64 = fixtures::VERIFY_TIME;
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

/// The test PKI and the other certificates the table's cases refer to.
struct World {
    pki: Pki,
    /// A root of its own, unrelated to the PKI.
    other: Issued,
    /// A TSA under the PKI's intermediate.
    tsa: Issued,
    /// A TSA under `other`.
    other_tsa: Issued,
}

impl World {
    fn new() -> World {
        let pki = pki();
        let other = other_root();
        let tsa = pki.tsa();
        let other_tsa = tsa_under("Other TSA", 98, &other);
        World {
            pki,
            other,
            tsa,
            other_tsa,
        }
    }

    /// A signer certificate under the intermediate, per `spec`.
    fn issue(&self, spec: Spec, key: Key) -> Issued {
        issue(&spec, key, Some(&self.pki.intermediate))
    }

    /// Trust settings with the PKI's root as the one anchor.
    fn root(&self) -> TrustSettings {
        settings(&[&self.pki.root.der])
    }
}

/// A timestamp for a case: which TSA, when, and how it is made.
struct Stamp {
    /// The TSA under the other root instead of the PKI's.
    other_tsa: bool,
    gen: (i64, i64, i64),
    wrong_imprint: bool,
    v1: bool,
}

const STAMPED_2020: Stamp = Stamp {
    other_tsa: false,
    gen: (2020, 6, 1),
    wrong_imprint: false,
    v1: false,
};

/// One signing case: a signer, an optional timestamp, trust settings, and the outcome the
/// claim-signature layer must give (codes per C2PA 2.2 §15, as c2pa-rs reports them).
struct Case {
    name: &'static str,
    /// The signer certificate and the COSE algorithm it signs with.
    signer: fn(&World) -> (Issued, i64),
    stamp: Option<Stamp>,
    trust: fn(&World) -> TrustSettings,
    valid: bool,
    trusted: bool,
    has: &'static [&'static str],
    lacks: &'static [&'static str],
    /// The signing time the result names, from a trusted timestamp.
    time: Option<&'static str>,
}

fn web_server(w: &World) -> (Issued, i64) {
    let spec = Spec {
        ekus: vec![EKU_SERVER_AUTH],
        ..Spec::signer("Web Server")
    };
    (w.issue(spec, Key::p256()), -7)
}

fn document_signer(w: &World) -> (Issued, i64) {
    let spec = Spec {
        ekus: vec!["1.3.6.1.5.5.7.3.36"],
        ..Spec::signer("Doc Signer")
    };
    (w.issue(spec, Key::p384()), -35)
}

fn ca_signer(w: &World) -> (Issued, i64) {
    let spec = Spec {
        ca: true,
        ..Spec::signer("CA Signer")
    };
    (w.issue(spec, Key::p256()), -7)
}

fn expired(w: &World) -> (Issued, i64) {
    (w.pki.expired_signer(), -7)
}

fn root_and_other_tsa_anchor(w: &World) -> TrustSettings {
    TrustSettings {
        tsa_anchors: vec![pem(&w.other.der)],
        ..w.root()
    }
}

/// The defaults of a case: an expired signer, no timestamp, the root trusted, rejected.
const REJECTED: Case = Case {
    name: "",
    signer: expired,
    stamp: None,
    trust: World::root,
    valid: false,
    trusted: false,
    has: &[],
    lacks: &[],
    time: None,
};

const CASES: &[Case] = &[
    Case {
        name: "an EKU C2PA does not accept",
        signer: web_server,
        has: &["signingCredential.invalid"],
        ..REJECTED
    },
    Case {
        name: "the same EKU added by the trust config",
        signer: web_server,
        trust: |w| TrustSettings {
            trust_config: vec![format!("// server auth\n{EKU_SERVER_AUTH}\n")],
            ..w.root()
        },
        valid: true,
        trusted: true,
        has: &["signingCredential.trusted"],
        ..REJECTED
    },
    // c2pa-rs 0.91 builds in emailProtection only for signers; documentSigning signers are
    // signingCredential.invalid without a store.cfg (reference results, the "cards" files).
    Case {
        name: "documentSigning without a trust config",
        signer: document_signer,
        has: &["signingCredential.invalid"],
        ..REJECTED
    },
    Case {
        name: "documentSigning listed in a store.cfg",
        signer: document_signer,
        trust: |w| TrustSettings {
            trust_config: vec![fixtures::read_str("store.cfg")],
            ..w.root()
        },
        valid: true,
        trusted: true,
        ..REJECTED
    },
    Case {
        name: "a signer with the CA flag",
        signer: ca_signer,
        has: &["signingCredential.invalid"],
        ..REJECTED
    },
    Case {
        name: "an expired signer without a timestamp",
        signer: expired,
        has: &["signingCredential.expired", "claimSignature.validated"],
        lacks: &["claimSignature.insideValidity"],
        ..REJECTED
    },
    // The signer anchors also serve for the TSA when no TSA anchors are given.
    Case {
        name: "an expired signer with a timestamp inside its validity",
        signer: expired,
        stamp: Some(STAMPED_2020),
        valid: true,
        trusted: true,
        has: &["timeStamp.validated", "timeStamp.trusted"],
        lacks: &["signingCredential.expired"],
        time: Some("2020-06-01T00:00:00Z"),
        ..REJECTED
    },
    // TSA anchors given, but not the TSA's: validated but untrusted, so its time is not used
    // and the signer is judged now (FORMATS.md §1; c2pa-rs 0.91.3 says
    // signingCredential.expired, seen in scripts/crosscheck expired-ts-ai-no-tsa-anchor.jpg).
    Case {
        name: "a timestamp whose TSA is not among the TSA anchors",
        signer: expired,
        stamp: Some(STAMPED_2020),
        trust: root_and_other_tsa_anchor,
        has: &[
            "timeStamp.validated",
            "timeStamp.untrusted",
            "signingCredential.expired",
        ],
        ..REJECTED
    },
    Case {
        name: "a timestamp over something else",
        signer: expired,
        stamp: Some(Stamp {
            wrong_imprint: true,
            ..STAMPED_2020
        }),
        has: &["timeStamp.mismatch", "signingCredential.expired"],
        ..REJECTED
    },
    Case {
        name: "a timestamp after the signer expired",
        signer: expired,
        stamp: Some(Stamp {
            gen: (2022, 1, 1),
            ..STAMPED_2020
        }),
        has: &["signingCredential.expired"],
        ..REJECTED
    },
    // The cross-check case: the TSA chains to a root of its own, only the signer's root is
    // given (and no TSA anchors), so the signer anchors judge the TSA and reject it.
    Case {
        name: "a TSA under another root, no TSA anchors",
        signer: expired,
        stamp: Some(Stamp {
            other_tsa: true,
            ..STAMPED_2020
        }),
        has: &["timeStamp.untrusted", "signingCredential.expired"],
        ..REJECTED
    },
    Case {
        name: "a TSA under another root that is a TSA anchor",
        signer: expired,
        stamp: Some(Stamp {
            other_tsa: true,
            ..STAMPED_2020
        }),
        trust: root_and_other_tsa_anchor,
        valid: true,
        trusted: true,
        has: &["timeStamp.trusted"],
        time: Some("2020-06-01T00:00:00Z"),
        ..REJECTED
    },
    // sigTst (v1): the token is a whole TimeStampResp and its imprint covers the claim bytes;
    // c2pa-rs does not judge TSA trust for v1 tokens.
    Case {
        name: "a deprecated sigTst (v1) timestamp",
        signer: expired,
        stamp: Some(Stamp {
            v1: true,
            ..STAMPED_2020
        }),
        valid: true,
        trusted: true,
        has: &["timeStamp.validated"],
        lacks: &["timeStamp.trusted", "timeStamp.untrusted"],
        time: Some("2020-06-01T00:00:00Z"),
        ..REJECTED
    },
];

/// Signs [`CLAIM`] for `case` in `w`.
fn sign_case(w: &World, case: &Case) -> Vec<u8> {
    let (s, alg) = (case.signer)(w);
    let ts = case.stamp.as_ref().map(|st| {
        let (y, m, d) = st.gen;
        Tsa {
            cert: if st.other_tsa { &w.other_tsa } else { &w.tsa },
            gen_time: epoch(y, m, d),
            wrong_imprint: st.wrong_imprint,
            v1: st.v1,
            extra: if st.other_tsa {
                vec![]
            } else {
                vec![w.pki.intermediate.der.clone()]
            },
        }
    });
    sign(
        CLAIM,
        &s,
        &[&w.pki.intermediate.der],
        alg,
        Place::Protected,
        ts.as_ref(),
    )
    .cose
}

#[test]
fn signing_cases_give_their_outcomes() {
    let w = World::new();
    for case in CASES {
        let cose = sign_case(&w, case);
        let r = check(&cose, CLAIM, &(case.trust)(&w));
        let c = codes(&r);
        let name = case.name;
        assert_eq!(
            (r.valid, r.trusted),
            (case.valid, case.trusted),
            "{name}: {c:?}"
        );
        for want in case.has {
            assert!(c.contains(want), "{name}: {want} missing from {c:?}");
        }
        for not in case.lacks {
            assert!(!c.contains(not), "{name}: {not} in {c:?}");
        }
        if case.valid {
            assert_eq!(r.signer.time.as_deref(), case.time, "{name}");
            assert_eq!(r.signer.timestamped, case.time.is_some(), "{name}");
        }
    }
}

/// A changed claim breaks the v1 imprint too (as in the E-sig fixtures).
#[test]
fn deprecated_sig_tst_imprint_covers_the_claim() {
    let w = World::new();
    let v1 = CASES
        .iter()
        .find(|c| c.stamp.as_ref().is_some_and(|s| s.v1));
    let cose = sign_case(&w, v1.unwrap());
    let mut claim = CLAIM.to_vec();
    claim[3] ^= 0x20;
    let c = codes(&check(&cose, &claim, &w.root()));
    assert!(
        c.contains(&"timeStamp.mismatch") && c.contains(&"claimSignature.mismatch"),
        "{c:?}"
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
