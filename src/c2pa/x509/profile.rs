//! The C2PA signer certificate profile (C2PA §14.5.1, following c2pa-rs
//! `certificate_profile.rs`): what makes an end-entity certificate acceptable as a claim
//! signer (or, with another EKU set, as a timestamp authority), and whether it was valid at
//! the time that counts.

use super::keys::{self, oid};
use super::Cert;
use const_oid::db::rfc5280 as ext;
use const_oid::ObjectIdentifier;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::Version;

/// Why a certificate was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// Not valid at the time that counts: `signingCredential.expired`.
    Expired(String),
    /// Breaks the profile: `signingCredential.invalid`.
    Invalid(String),
}

/// anyExtendedKeyUsage (RFC 5280 §4.2.1.12), never allowed.
const ANY_EKU: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37.0");
/// id-kp-timeStamping.
pub const EKU_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
/// id-kp-OCSPSigning.
pub const EKU_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");

/// The EKUs accepted without a trust configuration: the three c2pa-rs 0.91 builds in
/// (emailProtection, timeStamping, OCSPSigning; `has_allowed_eku`). Everything else
/// (documentSigning, c2pa-kp-claimSigning, Microsoft's) needs a `store.cfg` line, as the
/// reference results show (VALIDATION.json: documentSigning signers are
/// `signingCredential.invalid` under the `none` and `c2pa_tl` profiles).
pub const DEFAULT_EKUS: [ObjectIdentifier; 3] = [
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4"),
    EKU_TIME_STAMPING,
    EKU_OCSP_SIGNING,
];

/// Extensions whose criticality we understand (RFC 5280 §4.2: an unknown critical extension
/// makes the certificate unusable).
const KNOWN: [ObjectIdentifier; 12] = [
    ext::ID_CE_KEY_USAGE,
    ext::ID_CE_EXT_KEY_USAGE,
    ext::ID_CE_BASIC_CONSTRAINTS,
    ext::ID_CE_SUBJECT_ALT_NAME,
    ext::ID_CE_CERTIFICATE_POLICIES,
    ext::ID_CE_POLICY_MAPPINGS,
    ext::ID_CE_NAME_CONSTRAINTS,
    ext::ID_CE_POLICY_CONSTRAINTS,
    ext::ID_CE_CRL_DISTRIBUTION_POINTS,
    ext::ID_CE_INHIBIT_ANY_POLICY,
    ext::ID_CE_AUTHORITY_KEY_IDENTIFIER,
    ext::ID_CE_SUBJECT_KEY_IDENTIFIER,
];

fn invalid(why: &str) -> ProfileError {
    ProfileError::Invalid(why.to_string())
}

/// Check `c` as an end-entity signer at time `t` (seconds since the epoch), accepting the
/// EKUs in `ekus`. Validity is checked first, as c2pa-rs does.
pub fn check_end_entity(c: &Cert, ekus: &[ObjectIdentifier], t: i64) -> Result<(), ProfileError> {
    let tbs = &c.cert.tbs_certificate;
    if tbs.version != Version::V3 {
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
    let alg = &c.cert.signature_algorithm;
    match alg.oid {
        oid::ECDSA_SHA256
        | oid::ECDSA_SHA384
        | oid::ECDSA_SHA512
        | oid::SHA256_RSA
        | oid::SHA384_RSA
        | oid::SHA512_RSA => {}
        oid::ED25519 if alg.parameters.is_none() => {}
        oid::RSA_PSS if keys::pss_params(alg).is_some() => {}
        _ => return Err(invalid("certificate signature algorithm not allowed")),
    }
    let spki = &tbs.subject_public_key_info;
    match spki.algorithm.oid {
        oid::EC_PUBLIC_KEY => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if !matches!(curve, Some(oid::P256 | oid::P384 | oid::P521)) {
                return Err(invalid("certificate uses an unsupported EC curve"));
            }
        }
        oid::ED25519 if spki.algorithm.parameters.is_none() => {}
        oid::RSA | oid::RSA_PSS => {
            let bits = keys::rsa_bits(spki).ok_or_else(|| invalid("unreadable RSA key"))?;
            if bits < 2048 {
                return Err(invalid("certificate RSA key shorter than 2048 bits"));
            }
        }
        _ => return Err(invalid("certificate key algorithm not allowed")),
    }
    if tbs.issuer_unique_id.is_some() || tbs.subject_unique_id.is_some() {
        return Err(invalid("certificate has unique ids"));
    }
    if c.is_ca() {
        return Err(invalid("signer certificate is a CA"));
    }
    let Some((eku, _)) = c.extension::<ExtendedKeyUsage>(ext::ID_CE_EXT_KEY_USAGE) else {
        return Err(invalid("certificate has no extended key usage"));
    };
    if eku.0.is_empty() || eku.0.contains(&ANY_EKU) {
        return Err(invalid("certificate EKU is empty or anyExtendedKeyUsage"));
    }
    if !eku.0.iter().any(|e| ekus.contains(e)) {
        return Err(invalid("certificate has no accepted EKU"));
    }
    // timeStamping and OCSPSigning are exclusive purposes (C2PA §14.5.1).
    let ts = eku.0.contains(&EKU_TIME_STAMPING);
    let ocsp = eku.0.contains(&EKU_OCSP_SIGNING);
    if (ts && ocsp) || ((ts || ocsp) && eku.0.len() > 1) {
        return Err(invalid(
            "certificate mixes timeStamping/OCSPSigning with other EKUs",
        ));
    }
    match c.extension::<KeyUsage>(ext::ID_CE_KEY_USAGE) {
        Some((ku, _)) if ku.0.contains(KeyUsages::DigitalSignature) => {
            if ku.0.contains(KeyUsages::KeyCertSign) {
                return Err(invalid("end-entity certificate may sign certificates"));
            }
        }
        Some((ku, _)) if ku.0.contains(KeyUsages::NonRepudiation) => {}
        _ => return Err(invalid("certificate lacks the digitalSignature key usage")),
    }
    if c.extension::<x509_cert::ext::pkix::AuthorityKeyIdentifier>(
        ext::ID_CE_AUTHORITY_KEY_IDENTIFIER,
    )
    .is_none()
    {
        return Err(invalid("certificate has no authority key identifier"));
    }
    let unknown_critical = tbs
        .extensions
        .iter()
        .flatten()
        .any(|e| e.critical && !KNOWN.contains(&e.extn_id));
    if unknown_critical {
        return Err(invalid("certificate has an unknown critical extension"));
    }
    Ok(())
}
