//! The `cawg.x509.cose` credential of a CAWG identity assertion (CAWG identity 1.1 §8.2): a
//! COSE_Sign1 over the signer payload, by an X.509 certificate judged against the CAWG trust
//! anchors. The codes are the C2PA signature codes as c2pa-rs 0.91 remaps them
//! (`x509_status_remap.rs`): `cawg.x509.algorithm.unsupported`, `cawg.x509.credential.invalid`,
//! `cawg.x509.signature.outside_validity`, `cawg.x509.credential.trusted` / `.untrusted`,
//! `cawg.x509.signature.mismatch`, then `cawg.x509.signature.validated` and
//! `cawg.identity.well-formed`.

use super::{signer_payload_cbor, Env, Finding, One, Parsed, CAWG_EKUS};
use crate::c2pa::cose::{self, Alg};
use crate::c2pa::report::{Identity, IdentityState};
use crate::c2pa::status as st;
use crate::c2pa::x509::chain::{self, ChainOutcome};
use crate::c2pa::x509::profile::{self, ProfileError};
use crate::c2pa::x509::{keys, Budget, Cert};

impl One {
    /// The `cawg.x509.cose` signature (CAWG identity 1.1 §8.2.2).
    pub(super) fn x509(&mut self, env: &Env<'_>, p: &Parsed, id: &mut Identity) {
        let start = self.findings.len();
        let payload = signer_payload_cbor(p);
        let sign1 = match cose::parse(p.signature, env.c2pa) {
            Ok(s) => s,
            Err(e) => {
                self.push(
                    st::CAWG_X509_SIGNATURE_MISMATCH,
                    format!("the signature is not a COSE_Sign1: {}", e.message()),
                );
                return;
            }
        };
        let Some(alg) = sign1.alg_id.and_then(Alg::from_cose) else {
            self.push(
                st::CAWG_X509_ALGORITHM_UNSUPPORTED,
                format!("COSE algorithm {:?}", sign1.alg_id),
            );
            return;
        };
        if matches!(alg, Alg::Es256 | Alg::Es384 | Alg::Es512)
            && crate::c2pa::signature::is_der_ecdsa(&sign1.signature)
        {
            self.push(
                st::CAWG_X509_CREDENTIAL_INVALID,
                "the ECDSA signature is DER-encoded, not raw r‖s".to_owned(),
            );
            return;
        }
        // `cose::parse` keeps the first `Limits::max_chain_len` certificates.
        let certs: Option<Vec<Cert>> = sign1.x5chain.iter().map(|d| Cert::parse(d)).collect();
        let Some((ee, intermediates)) = certs.as_deref().and_then(<[Cert]>::split_first) else {
            self.push(
                st::CAWG_X509_SIGNATURE_MISMATCH,
                "the signature carries no readable x5chain".to_owned(),
            );
            return;
        };
        let o = crate::der::oid::O;
        let cn = crate::der::oid::CN;
        id.organization = ee.name_attr(false, o);
        id.common_name = ee.name_attr(false, cn);
        id.name = id.organization.clone().or_else(|| id.common_name.clone());
        id.issuer = ee.name_attr(true, o).or_else(|| ee.name_attr(true, cn));
        id.chain = certs
            .iter()
            .flatten()
            .map(|c| c.summary(env.crypto))
            .collect();
        // The profile at the verification time, then trust, each reported and not fatal.
        match profile::check_end_entity(ee, &CAWG_EKUS, env.now) {
            Ok(()) => {}
            Err(ProfileError::Expired(s)) => self.push(st::CAWG_X509_SIGNATURE_OUTSIDE_VALIDITY, s),
            Err(ProfileError::Invalid(s)) => self.push(st::CAWG_X509_CREDENTIAL_INVALID, s),
        }
        let mut budget = Budget::new(env.c2pa.limits);
        let intermediates: Vec<&Cert> = intermediates.iter().collect();
        let trusted = match chain::build_at(
            env.crypto,
            ee,
            &intermediates,
            &env.trust.cawg_anchors,
            None,
            &mut budget,
        ) {
            ChainOutcome::Anchored(_) => {
                self.push(st::CAWG_X509_CREDENTIAL_TRUSTED, None);
                true
            }
            ChainOutcome::NotAnchored(why) => {
                self.push(st::CAWG_X509_CREDENTIAL_UNTRUSTED, why);
                false
            }
        };
        let verified = match cose::to_be_signed("Signature1", &sign1.protected_raw, &payload) {
            Ok(tbs) if budget.spend() => {
                keys::verify_cose(env.crypto, alg, &ee.spki(), &tbs, &sign1.signature)
            }
            _ => false,
        };
        if !verified {
            self.push(
                st::CAWG_X509_SIGNATURE_MISMATCH,
                "the signature does not verify over the signer payload".to_owned(),
            );
            return;
        }
        if id.organization.is_none() {
            // c2pa-rs needs the subject organisation for its summary and stops without a code.
            return;
        }
        self.push(st::CAWG_X509_SIGNATURE_VALIDATED, None);
        self.push(st::CAWG_IDENTITY_WELL_FORMED, None);
        // Only an untrusted credential leaves the identity usable (named, unconfirmed); any
        // other failure, here or in the structure checks before, makes it invalid.
        let failed = |f: &&Finding| st::kind(f.code) == st::Kind::Failure;
        let clean = self.findings.iter().take(start).filter(failed).count() == 0
            && self
                .findings
                .iter()
                .skip(start)
                .filter(failed)
                .all(|f| f.code == st::CAWG_X509_CREDENTIAL_UNTRUSTED);
        id.state = match (clean, trusted) {
            (true, true) => IdentityState::Trusted,
            (true, false) => IdentityState::Valid,
            (false, _) => IdentityState::Invalid,
        };
    }
}
