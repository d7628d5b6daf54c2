//! The legacy CAI "interim" trust list: a test PKI root placed in the legacy list trusts a
//! signer judged at a time before the list's freeze (2026-01-01T00:00:00Z), and nothing after
//! it. The time judged is the time-stamp's when one counts, else the verification time.
use crate::support;

use ailabel::c2pa::{C2paReport, C2paState};
use ailabel::{Options, Report, TrustSettings, LEGACY_TRUST_FROZEN_AT};
use support::asn1::epoch;
use support::builder::jpeg;
// 2026-11-28T12:00:00Z, after the freeze.
use support::fixtures::VERIFY_TIME as T;
use support::pki::*;
use support::signed::{self, Signed};
use support::signer::Tsa;

const LEGACY: &str = "trusted under the legacy CAI list, frozen 2026-01-01";

/// The shared fixture with "Legacy Signer", and a TSA under a root of its own.
struct World {
    signed: Signed,
    tsa_root: Issued,
    tsa: Issued,
}

fn world() -> World {
    let signed = Signed::new("Legacy Signer");
    let tsa_root = issue(&Spec::ca("Test TSA Root"), Key::p256(), None);
    let tsa = tsa_under("Test TSA", 77, &tsa_root);
    World {
        signed,
        tsa_root,
        tsa,
    }
}

impl World {
    /// A v2 manifest by the signer, time-stamped at `stamp` (if any).
    fn file(&self, stamp: Option<i64>) -> Vec<u8> {
        let mut m = self.signed.mani();
        m.tsa = stamp.map(|gen_time| Tsa {
            cert: &self.tsa,
            gen_time,
            v1: false,
            extra: vec![],
            wrong_imprint: false,
        });
        jpeg(&[m])
    }

    /// The test root as the legacy list's only anchor; the TSA root as an official TSA anchor.
    fn legacy(&self) -> TrustSettings {
        TrustSettings {
            legacy_trust_anchors: vec![pem(&self.signed.pki.root.der)],
            tsa_anchors: vec![pem(&self.tsa_root.der)],
            ..TrustSettings::default()
        }
    }
}

fn check(file: &[u8], trust: TrustSettings, at: i64) -> Report {
    let options = Options {
        trust,
        verify_time: Some(at),
        ..signed::options()
    };
    ailabel::check(file, &options)
}

fn c2pa(r: &Report) -> &C2paReport {
    r.c2pa.as_ref().unwrap()
}

fn entry<'a>(list: &'a [ailabel::c2pa::StatusEntry], code: &str) -> Option<&'a str> {
    list.iter()
        .find(|s| s.code == code)
        .map(|s| s.explanation.as_str())
}

#[test]
fn a_legacy_anchor_trusts_a_signature_time_stamped_before_the_freeze() {
    let w = world();
    let r = check(&w.file(Some(epoch(2025, 6, 1))), w.legacy(), T);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", c.validation.failure);
    let why = entry(&c.validation.success, "signingCredential.trusted").unwrap();
    assert!(why.contains(LEGACY), "{why}");
    assert_eq!(r.verdict.as_str(), "ai-verified");
    let signal = r
        .signals
        .iter()
        .find(|s| s.family == ailabel::Family::C2pa)
        .unwrap();
    assert!(
        signal.explanation.contains(LEGACY),
        "{}",
        signal.explanation
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["c2pa"]["manifests"][0]["signer"]["legacy_trust"], true);
}

#[test]
fn a_legacy_anchor_does_not_trust_a_signature_time_stamped_after_the_freeze() {
    let w = world();
    for stamp in [LEGACY_TRUST_FROZEN_AT, epoch(2026, 2, 1)] {
        let r = check(&w.file(Some(stamp)), w.legacy(), T);
        let c = c2pa(&r);
        assert_eq!(c.state, C2paState::Valid, "{stamp}: {:?}", c.validation);
        assert!(entry(&c.validation.failure, "signingCredential.untrusted").is_some());
        assert!(entry(&c.validation.success, "timeStamp.trusted").is_some());
        assert_eq!(r.verdict.as_str(), "ai-signed");
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["c2pa"]["manifests"][0]["signer"]
            .get("legacy_trust")
            .is_none());
    }
}

#[test]
fn without_a_time_stamp_the_verification_time_decides() {
    let w = world();
    let file = w.file(None);
    let after = check(&file, w.legacy(), T);
    assert_eq!(c2pa(&after).state, C2paState::Valid);
    let before = check(&file, w.legacy(), epoch(2025, 12, 31));
    assert_eq!(c2pa(&before).state, C2paState::Trusted);
}

#[test]
fn an_official_anchor_needs_no_freeze() {
    let w = world();
    let trust = TrustSettings {
        trust_anchors: vec![pem(&w.signed.pki.root.der)],
        ..w.legacy()
    };
    let r = check(&w.file(Some(epoch(2026, 2, 1))), trust, T);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted);
    let why = entry(&c.validation.success, "signingCredential.trusted").unwrap_or_default();
    assert!(!why.contains(LEGACY), "{why}");
}

#[test]
fn a_legacy_time_stamp_authority_counts_before_the_freeze_only() {
    // The TSA root is only in the legacy list. A v2 claim's time-stamp counts only when its
    // authority is trusted; through the legacy list, only for a genTime before the freeze.
    let w = world();
    let trust = TrustSettings {
        legacy_trust_anchors: vec![pem(&w.signed.pki.root.der) + &pem(&w.tsa_root.der)],
        ..TrustSettings::default()
    };
    let r = check(&w.file(Some(epoch(2025, 6, 1))), trust.clone(), T);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", c.validation.failure);
    let why = entry(&c.validation.success, "timeStamp.trusted").unwrap();
    assert!(why.contains(LEGACY), "{why}");

    let r = check(&w.file(Some(epoch(2026, 2, 1))), trust, T);
    let c = c2pa(&r);
    assert!(entry(&c.validation.informational, "timeStamp.untrusted")
        .or_else(|| entry(&c.validation.failure, "timeStamp.untrusted"))
        .is_some());
    assert_eq!(c.state, C2paState::Valid);
}

#[test]
fn a_real_interim_signed_file_is_trusted_under_the_built_in_legacy_list() {
    // DALL-E 2024 (v1 claim, time-stamped 2024-03-08): the reference trusts it under the
    // interim profile; given the same files as the legacy list, so do we, explained as legacy.
    use support::fixtures;
    let file = "c2pa/generators/DALL-E_cloud_surfing_puppy.webp";
    let reference = fixtures::reference()
        .into_iter()
        .find(|e| e["file"] == file)
        .unwrap();
    assert_eq!(reference["interim"]["state"], "Trusted");
    let trust = TrustSettings {
        legacy_trust_anchors: vec![fixtures::read_str("trust/interim/interim-anchors.pem")],
        legacy_allowed_list: vec![fixtures::read_str("trust/interim/interim-allowed.pem")],
        legacy_trust_config: vec![fixtures::read_str("trust/interim/interim-store.cfg")],
        ..TrustSettings::default()
    };
    let r = check(&fixtures::read(file), trust, fixtures::VERIFY_TIME);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", c.validation.failure);
    let json = serde_json::to_value(&r).unwrap();
    let active = c.active_manifest.clone().unwrap();
    let m = json["c2pa"]["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["label"] == active.as_str())
        .unwrap()
        .clone();
    assert_eq!(m["signer"]["legacy_trust"], true);
    // The same lists as ordinary trust (the reference's interim profile) need no legacy rule.
    let plain = TrustSettings {
        trust_anchors: vec![fixtures::read_str("trust/interim/interim-anchors.pem")],
        allowed_list: vec![fixtures::read_str("trust/interim/interim-allowed.pem")],
        trust_config: vec![fixtures::read_str("trust/interim/interim-store.cfg")],
        ..TrustSettings::default()
    };
    let r = check(&fixtures::read(file), plain, fixtures::VERIFY_TIME);
    assert_eq!(c2pa(&r).state, C2paState::Trusted);
}
