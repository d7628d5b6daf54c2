//! The claim-signature layer as a table of signing cases: certificate profile failures (EKU,
//! CA flag), the trust config, expiry, and timestamps (trusted, untrusted, mismatched, late,
//! deprecated v1). Each case says what signs, how it is stamped, what is trusted, and the
//! outcome; expected codes follow from how the case is built.

use super::signed_signature::{check, codes, other_root, settings, CLAIM};
use crate::support::asn1::epoch;
use crate::support::fixtures;
use crate::support::pki::*;
use crate::support::signer::{sign, Place, Tsa};
use ailabel::TrustSettings;

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
        // c2pa-rs 0.91 logs insideValidity whenever the signature verifies (`claim.rs`
        // `verify_internal`); the expiry is its own failure.
        has: &[
            "signingCredential.expired",
            "claimSignature.validated",
            "claimSignature.insideValidity",
        ],
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
    // TSA anchors given, but not the TSA's root: the signer anchors count for the TSA too
    // (c2pa-rs checks both against one store), and they hold its root.
    Case {
        name: "a timestamp whose TSA is not among the TSA anchors but under a signer anchor",
        signer: expired,
        stamp: Some(STAMPED_2020),
        trust: root_and_other_tsa_anchor,
        valid: true,
        trusted: true,
        has: &["timeStamp.validated", "timeStamp.trusted"],
        lacks: &["signingCredential.expired"],
        time: Some("2020-06-01T00:00:00Z"),
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
    // sigTst (v1): the token is a whole TimeStampResp and its imprint covers the claim bytes.
    // Without a claim version the header name stands in for it: judged as c2pa-rs judges a
    // v1 claim's token, without chaining the authority (`verify_claim`), and it counts.
    Case {
        name: "a deprecated sigTst (v1) timestamp",
        signer: expired,
        stamp: Some(Stamp {
            v1: true,
            ..STAMPED_2020
        }),
        valid: true,
        trusted: true,
        has: &["timeStamp.validated", "timeStamp.trusted"],
        lacks: &["timeStamp.untrusted"],
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
