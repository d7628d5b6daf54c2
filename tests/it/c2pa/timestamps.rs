//! Time-stamps judged as c2pa-rs 0.91 judges them, on whole files from the test signer, and the
//! `invalid_reason` each kind of failure gives with the summary a reader sees.
//!
//! The reference behaviour (its `claim.rs` `verify_claim`, `crypto/time_stamp/verify.rs`,
//! `crypto/cose/certificate_profile.rs`): a v2 claim's time-stamp counts only when its authority
//! chains to an anchor in use (the signer anchors, plus our separate TSA list), otherwise it is
//! reported `timeStamp.untrusted` and the signer is judged at the verification time; a v1
//! claim's time-stamp counts without chaining the authority; without a counting time-stamp the
//! issuers of the signer are not time-checked.
use crate::support;

use ailabel::c2pa::C2paState;
use ailabel::{Options, Report, TrustSettings};
use support::asn1::epoch;
use support::builder::*;
use support::pki::*;
use support::signed;
use support::signer::Tsa;

struct World {
    pki: Pki,
    /// Valid 2020-01-01 to 2021-01-01: expired at the verification time (2026-11-28).
    expired: Issued,
    tsa_root: Issued,
    tsa: Issued,
}

fn world() -> World {
    let pki = pki();
    let expired = issue(
        &Spec {
            not_before: epoch(2020, 1, 1),
            not_after: epoch(2021, 1, 1),
            ..Spec::signer("Short-lived Signer")
        },
        Key::p256(),
        Some(&pki.intermediate),
    );
    let tsa_root = issue(&Spec::ca("Test TSA Root"), Key::p256(), None);
    let tsa = tsa_under("Test TSA", 77, &tsa_root);
    World {
        pki,
        expired,
        tsa_root,
        tsa,
    }
}

impl World {
    /// The expired signer's manifest, time-stamped in 2020 by the test TSA (`sigTst` when
    /// `v1_header`).
    fn stamped(&self, claim_version: u8, v1_header: bool) -> Vec<u8> {
        let mut m = Mani::new(&self.expired, vec![&self.pki.intermediate.der]);
        m.claim_version = claim_version;
        m.tsa = Some(Tsa {
            cert: &self.tsa,
            gen_time: epoch(2020, 6, 1),
            v1: v1_header,
            extra: vec![],
            wrong_imprint: false,
        });
        jpeg(&[m])
    }
}

fn anchors(certs: &[&Issued]) -> TrustSettings {
    TrustSettings {
        trust_anchors: vec![certs.iter().map(|c| pem(&c.der)).collect()],
        ..TrustSettings::default()
    }
}

fn check(file: &[u8], trust: TrustSettings) -> Report {
    let options = Options {
        trust,
        ..signed::options()
    };
    ailabel::check(file, &options)
}

fn failures(r: &Report) -> Vec<&str> {
    let c = r.c2pa.as_ref().unwrap();
    let mut f: Vec<&str> = c
        .validation
        .failure
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    f.sort_unstable();
    f
}

fn has(list: &[ailabel::c2pa::StatusEntry], code: &str) -> bool {
    list.iter().any(|s| s.code == code)
}

fn state(r: &Report) -> C2paState {
    r.c2pa.as_ref().unwrap().state
}

fn reason(r: &Report) -> Option<&'static str> {
    r.c2pa.as_ref().unwrap().invalid_reason.map(|x| x.as_str())
}

#[test]
fn a_trusted_time_stamp_rescues_an_expired_signer() {
    // T-a keep: the TSA root is an anchor, so the token counts and the signer is judged in 2020.
    let w = world();
    let r = check(&w.stamped(2, false), anchors(&[&w.pki.root, &w.tsa_root]));
    let c = r.c2pa.as_ref().unwrap();
    assert_eq!(state(&r), C2paState::Trusted, "{:?}", c.validation.failure);
    assert!(has(&c.validation.success, "timeStamp.validated"));
    assert!(has(&c.validation.success, "timeStamp.trusted"));
    assert!(failures(&r).is_empty());
    assert_eq!(reason(&r), None);
    // T-c: the TSA root given only as a TSA anchor counts the same (the lists add up).
    let trust = TrustSettings {
        tsa_anchors: vec![pem(&w.tsa_root.der)],
        ..anchors(&[&w.pki.root])
    };
    assert_eq!(
        state(&check(&w.stamped(2, false), trust)),
        C2paState::Trusted
    );
}

#[test]
fn an_untrusted_time_stamp_on_a_v2_claim_is_ignored() {
    // T-a break: the TSA's root is not in use, so the signer is judged now: expired.
    let w = world();
    // An expired signer is also reported untrusted even though it chains to an anchor, as the
    // reference reports the corpus's cards_expired_without_timestamp.jpg under `test`.
    let expired_untrusted = vec!["signingCredential.expired", "signingCredential.untrusted"];
    let r = check(&w.stamped(2, false), anchors(&[&w.pki.root]));
    let c = r.c2pa.as_ref().unwrap();
    assert_eq!(failures(&r), expired_untrusted);
    assert!(has(&c.validation.informational, "timeStamp.untrusted"));
    assert!(has(&c.validation.success, "claimSignature.validated"));
    assert!(has(&c.validation.success, "claimSignature.insideValidity"));
    assert_eq!(state(&r), C2paState::Invalid);
    assert_eq!(reason(&r), Some("credential"));
    // The summary says what happened, and never that anything changed.
    assert!(!r.summary.contains("changed after"), "{}", r.summary);
    assert!(
        r.summary.contains("has not changed since it was signed")
            && r.summary.contains("no trusted time-stamp"),
        "{}",
        r.summary
    );
    // The time shown is still the token's.
    let signer = c.manifests[0].signer.as_ref().unwrap();
    assert_eq!(signer.time.as_deref(), Some("2020-06-01T00:00:00Z"));

    // T-b: no trust settings at all (the Google case with no lists loaded).
    let r = check(&w.stamped(2, false), TrustSettings::default());
    assert_eq!(failures(&r), expired_untrusted);
    assert_eq!(reason(&r), Some("credential"));

    // T-f: a v2 claim with the v1 header name: trust follows the claim version.
    let r = check(&w.stamped(2, true), anchors(&[&w.pki.root]));
    assert_eq!(failures(&r), expired_untrusted);
    let c = r.c2pa.as_ref().unwrap();
    assert!(has(&c.validation.informational, "timeStamp.untrusted"));
}

#[test]
fn a_v1_claim_time_stamp_counts_without_a_trusted_authority() {
    // T-e: the cards_expired_with_untrusted_timestamp case of the corpus.
    let w = world();
    let r = check(&w.stamped(1, true), TrustSettings::default());
    let c = r.c2pa.as_ref().unwrap();
    assert_eq!(failures(&r), vec!["signingCredential.untrusted"]);
    assert!(!has(&c.validation.informational, "timeStamp.untrusted"));
    assert!(has(&c.validation.success, "timeStamp.trusted"));
    assert_eq!(state(&r), C2paState::Valid);
    assert_eq!(reason(&r), None);
}

#[test]
fn without_a_time_stamp_the_issuers_are_not_time_checked() {
    // T-k: the intermediate expired before the verification time, the leaf did not.
    let root = issue(&Spec::ca("Old Root"), Key::p256(), None);
    let intermediate = issue(
        &Spec {
            serial: 3,
            not_after: epoch(2026, 1, 1),
            ..Spec::ca("Expired Intermediate")
        },
        Key::p256(),
        Some(&root),
    );
    let leaf = issue(&Spec::signer("Leaf"), Key::p256(), Some(&intermediate));
    let file = jpeg(&[Mani::new(&leaf, vec![&intermediate.der])]);
    let r = check(&file, anchors(&[&root]));
    assert_eq!(state(&r), C2paState::Trusted, "{:?}", failures(&r));
}

#[test]
fn each_kind_of_invalid_has_its_reason_and_wording() {
    let w = world();
    let pki = &w.pki;
    let good = issue(
        &Spec::signer("Good Signer"),
        Key::p256(),
        Some(&pki.intermediate),
    );
    let trust = || anchors(&[&pki.root]);

    // altered: one byte of the image changed after signing.
    let mut file = jpeg(&[Mani::new(&good, vec![&pki.intermediate.der])]);
    let last = file.len() - 3;
    file[last] ^= 1;
    let r = check(&file, trust());
    assert_eq!(failures(&r), vec!["assertion.dataHash.mismatch"]);
    assert_eq!(reason(&r), Some("altered"));
    assert!(r.summary.contains("changed after signing"), "{}", r.summary);

    // malformed: c2pa.created without a digitalSourceType.
    let mut m = Mani::new(&good, vec![&pki.intermediate.der]);
    m.assertions[0] = actions("c2pa.actions.v2", vec![action("c2pa.created", vec![])]);
    let r = check(&jpeg(&[m]), trust());
    assert_eq!(failures(&r), vec!["assertion.action.malformed"]);
    assert_eq!(reason(&r), Some("malformed"));
    assert!(!r.summary.contains("changed"), "{}", r.summary);
    assert!(
        r.summary.contains("assertion.action.malformed"),
        "{}",
        r.summary
    );

    // credential and altered together: the altered one wins.
    let mut file = w.stamped(2, false);
    let last = file.len() - 3;
    file[last] ^= 1;
    let r = check(&file, trust());
    assert_eq!(
        failures(&r),
        vec![
            "assertion.dataHash.mismatch",
            "signingCredential.expired",
            "signingCredential.untrusted"
        ]
    );
    assert_eq!(reason(&r), Some("altered"));
    assert!(r.summary.contains("changed after signing"), "{}", r.summary);
    // The verdict stays invalid whatever the reason.
    assert_eq!(r.verdict.as_str(), "invalid");
}
