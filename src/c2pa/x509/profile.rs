//! The C2PA signer certificate profile (C2PA §14.5.1, following c2pa-rs
//! `certificate_profile.rs`): what makes an end-entity certificate acceptable as a claim
//! signer (or, with another EKU set, as a timestamp authority), and whether it was valid at
//! the time that counts.

use super::cert::{self, key_usage};
use super::keys::{self, oid};
use super::Cert;
use crate::der::oid as ids;

/// Why a certificate was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// Not valid at the time that counts: `signingCredential.expired`.
    Expired(String),
    /// Breaks the profile: `signingCredential.invalid`.
    Invalid(String),
}

/// id-kp-timeStamping.
pub const EKU_TIME_STAMPING: &[u8] = ids::EKU_TIME_STAMPING;
/// id-kp-OCSPSigning.
pub const EKU_OCSP_SIGNING: &[u8] = ids::EKU_OCSP_SIGNING;

/// The EKUs accepted without a trust configuration: the three c2pa-rs 0.91 builds in
/// (emailProtection, timeStamping, OCSPSigning; `has_allowed_eku`). Everything else
/// (documentSigning, c2pa-kp-claimSigning, Microsoft's) needs a `store.cfg` line, as the
/// reference results show (VALIDATION.json: documentSigning signers are
/// `signingCredential.invalid` under the `none` and `c2pa_tl` profiles).
pub const DEFAULT_EKUS: [&[u8]; 3] = [
    ids::EKU_EMAIL_PROTECTION,
    EKU_TIME_STAMPING,
    EKU_OCSP_SIGNING,
];

/// Extensions whose criticality we understand (RFC 5280 §4.2: an unknown critical extension
/// makes the certificate unusable).
const KNOWN: [&[u8]; 12] = [
    ids::KEY_USAGE,
    ids::EXT_KEY_USAGE,
    ids::BASIC_CONSTRAINTS,
    ids::SUBJECT_ALT_NAME,
    ids::CERTIFICATE_POLICIES,
    ids::POLICY_MAPPINGS,
    ids::NAME_CONSTRAINTS,
    ids::POLICY_CONSTRAINTS,
    ids::CRL_DISTRIBUTION_POINTS,
    ids::INHIBIT_ANY_POLICY,
    ids::AUTHORITY_KEY_IDENTIFIER,
    ids::SUBJECT_KEY_IDENTIFIER,
];

fn invalid(why: &str) -> ProfileError {
    ProfileError::Invalid(why.to_string())
}

/// Check `c` as an end-entity signer at time `t` (seconds since the epoch), accepting the
/// EKUs in `ekus`. Validity is checked first, as c2pa-rs does.
pub fn check_end_entity<E: AsRef<[u8]>>(c: &Cert, ekus: &[E], t: i64) -> Result<(), ProfileError> {
    if c.version() != 2 {
        return Err(invalid("certificate is not X.509 v3"));
    }
    if !c.valid_at(t) {
        let (nb, na) = c.validity();
        return Err(ProfileError::Expired(format!(
            "certificate valid {} to {}, checked at {}",
            crate::time::rfc3339(nb),
            crate::time::rfc3339(na),
            crate::time::rfc3339(t)
        )));
    }
    let alg = c.signature_algorithm();
    match alg.oid {
        oid::ECDSA_SHA256
        | oid::ECDSA_SHA384
        | oid::ECDSA_SHA512
        | oid::SHA256_RSA
        | oid::SHA384_RSA
        | oid::SHA512_RSA => {}
        oid::ED25519 if alg.params.is_none() => {}
        oid::RSA_PSS if keys::pss_params(&alg).is_some() => {}
        _ => return Err(invalid("certificate signature algorithm not allowed")),
    }
    let spki = c.spki();
    match spki.alg.oid {
        oid::EC_PUBLIC_KEY => {
            let curve = spki.alg.params_oid();
            if !matches!(curve, Some(oid::P256 | oid::P384 | oid::P521)) {
                return Err(invalid("certificate uses an unsupported EC curve"));
            }
        }
        oid::ED25519 if spki.alg.params.is_none() => {}
        oid::RSA | oid::RSA_PSS => {
            let bits = keys::rsa_bits(&spki).ok_or_else(|| invalid("unreadable RSA key"))?;
            if bits < 2048 {
                return Err(invalid("certificate RSA key shorter than 2048 bits"));
            }
        }
        _ => return Err(invalid("certificate key algorithm not allowed")),
    }
    if c.unique_ids() {
        return Err(invalid("certificate has unique ids"));
    }
    if c.is_ca() {
        return Err(invalid("signer certificate is a CA"));
    }
    let Some((eku, _)) = c.extension(ids::EXT_KEY_USAGE, cert::ext_key_usage) else {
        return Err(invalid("certificate has no extended key usage"));
    };
    let has = |id: &[u8]| eku.contains(&id);
    if eku.is_empty() || has(ids::ANY_EKU) {
        return Err(invalid("certificate EKU is empty or anyExtendedKeyUsage"));
    }
    if !eku.iter().any(|e| ekus.iter().any(|a| a.as_ref() == *e)) {
        return Err(invalid("certificate has no accepted EKU"));
    }
    // timeStamping and OCSPSigning are exclusive purposes (C2PA §14.5.1).
    let ts = has(EKU_TIME_STAMPING);
    let ocsp = has(EKU_OCSP_SIGNING);
    if (ts && ocsp) || ((ts || ocsp) && eku.len() > 1) {
        return Err(invalid(
            "certificate mixes timeStamping/OCSPSigning with other EKUs",
        ));
    }
    let set = |ku: u16, bit: usize| (ku >> bit) & 1 == 1;
    match c.extension(ids::KEY_USAGE, cert::key_usage) {
        Some((ku, _)) if set(ku, key_usage::DIGITAL_SIGNATURE) => {
            if set(ku, key_usage::KEY_CERT_SIGN) {
                return Err(invalid("end-entity certificate may sign certificates"));
            }
        }
        Some((ku, _)) if set(ku, key_usage::NON_REPUDIATION) => {}
        _ => return Err(invalid("certificate lacks the digitalSignature key usage")),
    }
    let aki = c.extension(ids::AUTHORITY_KEY_IDENTIFIER, |v| {
        cert::authority_key_identifier_ok(v).then_some(())
    });
    if aki.is_none() {
        return Err(invalid("certificate has no authority key identifier"));
    }
    let unknown_critical = c
        .extensions()
        .any(|e| e.critical && !KNOWN.contains(&e.oid));
    if unknown_critical {
        return Err(invalid("certificate has an unknown critical extension"));
    }
    Ok(())
}
