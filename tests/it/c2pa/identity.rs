//! CAWG identity assertions (CAWG identity assertion 1.1, `cawg.identity`): for each rule a file
//! from the test signer that keeps it and one that breaks it, and the real c2pa-rs fixture
//! (identity claims aggregation: `identity_ica.rs`).
//!
//! The expected state and `cawg.*` codes of the built files are what the reference reported
//! for the same files: c2pa-python 0.38.1 (c2pa-rs 0.91.3) read them, written out by
//! `identity_ica::write_for_the_reference`, with the test root as its trust anchor, ocsp and remote fetching
//! off. The reference has no setting for CAWG trust anchors (its `cawg_trust` settings came
//! later), so it reports every X.509 identity credential as untrusted; our `cawg_trust_anchors`
//! option adds that, and the tests that use it say so.
use crate::support;

use ailabel::c2pa::report::{Identity, IdentityState};
use ailabel::c2pa::{C2paReport, C2paState};
use ailabel::Options;
use support::builder::*;
use support::identity::{Break, IcaBreak, IcaSpec, IdentitySpec};
use support::pki::*;
use support::signed::{self, Signed};

/// The shared fixture with the claim signer "Claim Signer" (its `pki`, `signer`, `mani()` through
/// `Deref`), and the identity files and options built on it.
pub(super) struct Fixture(Signed);

impl std::ops::Deref for Fixture {
    type Target = Signed;

    fn deref(&self) -> &Signed {
        &self.0
    }
}

pub(super) fn fixture() -> Fixture {
    Fixture(Signed::new("Claim Signer"))
}

impl Fixture {
    /// An Ed25519 identity certificate under the test intermediate (as in the c2pa-rs fixture).
    pub(super) fn identity_signer(&self) -> Issued {
        issue(
            &Spec::signer("Jane Doe"),
            Key::ed25519(),
            Some(&self.pki.intermediate),
        )
    }

    /// A JPEG whose manifest carries actions, a data hash and an identity assertion over
    /// `refs`, spoiled by `broken`.
    pub(super) fn file(
        &self,
        broken: Break,
        refs: &[&str],
        id_signer: Issued,
        alg: i64,
    ) -> Vec<u8> {
        let mut spec = IdentitySpec::x509(
            id_signer,
            vec![self.pki.intermediate.der.clone()],
            alg,
            refs,
        );
        spec.broken = broken;
        let mut m = self.mani();
        m.assertions.push(identity("cawg.identity", spec));
        jpeg(&[m])
    }

    /// A JPEG whose identity assertion is an identity claims aggregation credential.
    pub(super) fn ica_file(&self, broken: IcaBreak) -> Vec<u8> {
        let spec = IdentitySpec::ica(IcaSpec::new(broken), BOTH);
        let mut m = self.mani();
        m.assertions.push(identity("cawg.identity", spec));
        jpeg(&[m])
    }

    pub(super) fn good(&self, broken: Break) -> Vec<u8> {
        self.file(
            broken,
            &["c2pa.actions.v2", "c2pa.hash.data"],
            self.identity_signer(),
            -8,
        )
    }

    /// The test root trusted for claim signers, and for X.509 identities when `cawg`.
    pub(super) fn options(&self, cawg: bool) -> Options {
        let mut options = self.0.options();
        if cawg {
            options.trust.cawg_trust_anchors = vec![pem(&self.pki.root.der)];
        }
        options
    }

    pub(super) fn check(&self, bytes: &[u8], cawg: bool) -> C2paReport {
        ailabel::check(bytes, &self.options(cawg))
            .c2pa
            .expect("a c2pa section")
    }
}

pub(super) fn codes(list: &[ailabel::c2pa::StatusEntry]) -> Vec<&str> {
    list.iter()
        .map(|f| f.code.as_str())
        .filter(|c| c.starts_with("cawg.") || *c == "assertion.required.missing")
        .collect()
}

pub(super) fn first_identity(r: &C2paReport) -> Option<&Identity> {
    r.manifests.last().and_then(|m| m.identities.first())
}

/// One rule: how the file is spoiled, and what the reference reported for it (state, CAWG
/// failures, CAWG successes), with the identity state we give.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) broken: Break,
    pub(super) refs: &'static [&'static str],
    pub(super) state: C2paState,
    pub(super) failure: &'static [&'static str],
    pub(super) success: &'static [&'static str],
    pub(super) identity: Option<IdentityState>,
}

pub(super) const BOTH: &[&str] = &["c2pa.actions.v2", "c2pa.hash.data"];
const VALIDATED: &[&str] = &["cawg.x509.signature.validated", "cawg.identity.well-formed"];

pub(super) const CASES: &[Case] = &[
    // Keeps every rule: the signature verifies, and with no CAWG anchors (as in the
    // reference) the credential is untrusted, which keeps the manifest from Trusted only. Every
    // `cawg.identity.*` and `cawg.x509.*` failure does the same: the manifest stays Valid.
    Case {
        name: "valid",
        broken: Break::None,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &["cawg.x509.credential.untrusted"],
        success: VALIDATED,
        identity: Some(IdentityState::Valid),
    },
    Case {
        name: "pad1",
        broken: Break::Pad1,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.pad.invalid",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "pad2",
        broken: Break::Pad2,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.pad.invalid",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    // A reference whose hash is not the claim's: reported, and the checks go on.
    Case {
        name: "wrong_hash",
        broken: Break::WrongHash,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.assertion.mismatch",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "not_in_claim",
        broken: Break::NotInClaim,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.assertion.mismatch",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "duplicate",
        broken: Break::Duplicate,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.assertion.duplicate",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "no_hard_binding",
        broken: Break::None,
        refs: &["c2pa.actions.v2"],
        state: C2paState::Valid,
        failure: &[
            "cawg.identity.hard_binding_missing",
            "cawg.x509.credential.untrusted",
        ],
        success: VALIDATED,
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "bad_signature",
        broken: Break::BadSignature,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &[
            "cawg.x509.credential.untrusted",
            "cawg.x509.signature.mismatch",
        ],
        success: &[],
        identity: Some(IdentityState::Invalid),
    },
    Case {
        name: "unknown_sig_type",
        broken: Break::UnknownSigType,
        refs: BOTH,
        state: C2paState::Valid,
        failure: &["cawg.identity.sig_type.unknown"],
        success: &[],
        identity: Some(IdentityState::Invalid),
    },
    // No signer_payload: the reference cannot load the manifest (the only Invalid here).
    Case {
        name: "malformed",
        broken: Break::Malformed,
        refs: BOTH,
        state: C2paState::Invalid,
        failure: &["assertion.required.missing"],
        success: &[],
        identity: None,
    },
];

pub(super) fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

#[test]
fn each_rule_kept_and_broken_as_the_reference_reports() {
    let f = fixture();
    for c in CASES {
        let file = f.file(c.broken, c.refs, f.identity_signer(), -8);
        let r = f.check(&file, false);
        assert_eq!(r.state, c.state, "{}", c.name);
        assert_eq!(
            sorted(codes(&r.validation.failure)),
            sorted(c.failure.to_vec()),
            "{} failures",
            c.name
        );
        assert_eq!(
            sorted(codes(&r.validation.success)),
            sorted(c.success.to_vec()),
            "{} successes",
            c.name
        );
        assert_eq!(
            first_identity(&r).map(|i| i.state),
            c.identity,
            "{}",
            c.name
        );
    }
}

#[test]
fn the_named_actor_is_the_certificate_subject() {
    let f = fixture();
    let r = f.check(&f.good(Break::None), false);
    let id = first_identity(&r).expect("an identity");
    assert_eq!(id.sig_type, "cawg.x509.cose");
    assert_eq!(id.name.as_deref(), Some("ailabel test PKI"));
    assert_eq!(id.organization.as_deref(), Some("ailabel test PKI"));
    assert_eq!(id.common_name.as_deref(), Some("Jane Doe"));
    assert_eq!(id.issuer.as_deref(), Some("ailabel test PKI"));
    assert_eq!(
        id.referenced_assertions,
        vec!["c2pa.actions.v2", "c2pa.hash.data"]
    );
    assert_eq!(id.chain.len(), 2);
    // The human report names the actor and says the name is unconfirmed.
    let report = ailabel::check(&f.good(Break::None), &f.options(false));
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.contains("\"identities\""), "{text}");
}

/// With CAWG anchors (our option; the reference has none), the credential is trusted and the
/// manifest is Trusted.
#[test]
fn cawg_anchors_make_the_credential_trusted() {
    let f = fixture();
    let r = f.check(&f.good(Break::None), true);
    assert_eq!(r.state, C2paState::Trusted);
    assert!(codes(&r.validation.failure).is_empty());
    assert_eq!(
        sorted(codes(&r.validation.success)),
        sorted(vec![
            "cawg.x509.credential.trusted",
            "cawg.x509.signature.validated",
            "cawg.identity.well-formed"
        ])
    );
    assert_eq!(first_identity(&r).unwrap().state, IdentityState::Trusted);
    // A bad signature still fails with the anchors.
    let r = f.check(&f.good(Break::BadSignature), true);
    assert_eq!(r.state, C2paState::Valid);
    assert_eq!(first_identity(&r).unwrap().state, IdentityState::Invalid);
}

/// An identity certificate that expired before the verification time:
/// `cawg.x509.signature.outside_validity`, which (like every `cawg.x509.*` code) keeps the
/// manifest Valid.
#[test]
fn an_expired_identity_certificate() {
    let f = fixture();
    let file = f.file(
        Break::None,
        BOTH,
        f.pki.expired_signer(), // P-256, expired 2021-01-01
        -7,
    );
    let r = f.check(&file, false);
    assert_eq!(r.state, C2paState::Valid);
    assert_eq!(
        sorted(codes(&r.validation.failure)),
        sorted(vec![
            "cawg.x509.credential.untrusted",
            "cawg.x509.signature.outside_validity"
        ])
    );
    assert_eq!(
        sorted(codes(&r.validation.success)),
        sorted(VALIDATED.to_vec())
    );
    assert_eq!(first_identity(&r).unwrap().state, IdentityState::Invalid);
}

/// The c2pa-rs fixture: the reference says Valid with `cawg.x509.credential.untrusted` under
/// every profile (agreement test); with c2pa-web's CAWG anchor (ours only) it is trusted.
#[test]
fn the_c2pa_rs_fixture() {
    let bytes = support::fixtures::read("c2pa/features/C_with_CAWG_data.jpg");
    let mut options = signed::options();
    let r = ailabel::check(&bytes, &options).c2pa.unwrap();
    let id = first_identity(&r).unwrap();
    assert_eq!(id.state, IdentityState::Valid);
    assert_eq!(id.name.as_deref(), Some("C2PA Test Signing Cert"));
    assert_eq!(id.common_name.as_deref(), Some("C2PA Signer"));
    assert_eq!(
        id.referenced_assertions,
        vec!["cawg.training-mining", "c2pa.hash.data"]
    );
    options.trust.cawg_trust_anchors =
        vec![support::fixtures::read_str("trust/cawg/anchor-cawg.pem")];
    let r = ailabel::check(&bytes, &options).c2pa.unwrap();
    assert_eq!(first_identity(&r).unwrap().state, IdentityState::Trusted);
    assert!(codes(&r.validation.success).contains(&"cawg.x509.credential.trusted"));
}

/// The provenance picture (which renders report JSON without the checker) leaves unmarked the
/// same failure codes the state tolerates.
#[test]
fn the_picture_tolerates_what_the_state_tolerates() {
    let extra = [
        "cawg.ica.did_unavailable",
        "cawg.identity.other",
        "cawg.x509.other",
    ];
    for code in ailabel::c2pa::status::TABLE
        .iter()
        .map(|c| c.code)
        .chain(extra)
    {
        assert_eq!(
            ailabel::export::graph::leaves_valid(code),
            ailabel::c2pa::invalid_reason::is_tolerated(code),
            "{code}"
        );
    }
}

/// A manifest whose signer is trusted but whose identity is unconfirmed is Valid (as the
/// reference says); the summary and the C2PA signal say why, never "signer not trusted".
#[test]
fn a_trusted_signer_held_back_by_its_identity_is_explained() {
    let f = fixture();
    let report = ailabel::check(&f.good(Break::None), &f.options(false));
    assert_eq!(report.c2pa.as_ref().unwrap().state, C2paState::Valid);
    assert_eq!(report.verdict.as_str(), "ai-signed");
    assert!(
        report
            .summary
            .contains("the signer check out, but an identity assertion in them is not confirmed (cawg.x509.credential.untrusted)"),
        "{}",
        report.summary
    );
    assert!(!report.summary.contains("not on the trust lists"));
    let signal = report
        .signals
        .iter()
        .find(|s| s.family == ailabel::Family::C2pa)
        .unwrap();
    assert!(
        signal.explanation.contains("identity assertion"),
        "{}",
        signal.explanation
    );
    // With the claim signer untrusted too, the usual sentence.
    let options = signed::options();
    let report = ailabel::check(&f.good(Break::None), &options);
    assert!(
        report.summary.contains("not on the trust lists"),
        "{}",
        report.summary
    );
}

/// The report says whether the signer itself is trusted, so a surface can tell "signer not
/// trusted" from "identity not confirmed".
#[test]
fn the_signer_trust_is_reported() {
    let f = fixture();
    let r = f.check(&f.good(Break::None), false);
    assert!(r.manifests.last().unwrap().signer.as_ref().unwrap().trusted);
    let options = signed::options();
    let r = ailabel::check(&f.good(Break::None), &options).c2pa.unwrap();
    assert!(!r.manifests.last().unwrap().signer.as_ref().unwrap().trusted);
}

/// Identity signatures spend from the input's signature budget (`Limits::max_signature_checks`)
/// like claim signatures: past it, `general.error` and no more work.
#[test]
fn identity_signatures_spend_the_signature_budget() {
    let f = fixture();
    let mut m = f.mani();
    for label in ["cawg.identity", "cawg.identity__1", "cawg.identity__2"] {
        let spec = IdentitySpec::x509(
            f.identity_signer(),
            vec![f.pki.intermediate.der.clone()],
            -8,
            BOTH,
        );
        m.assertions.push(identity(label, spec));
    }
    let file = jpeg(&[m]);
    let mut options = f.options(true);
    let r = ailabel::check(&file, &options).c2pa.unwrap();
    assert_eq!(r.manifests.last().unwrap().identities.len(), 3);
    assert_eq!(r.state, C2paState::Trusted);
    // The claim signature and one identity signature fit; the other two do not.
    options.limits.max_signature_checks = 2;
    let r = ailabel::check(&file, &options).c2pa.unwrap();
    let general = r
        .validation
        .failure
        .iter()
        .filter(|f| f.code == "general.error")
        .count();
    assert_eq!(general, 2);
    assert_eq!(r.state, C2paState::Invalid);
}
