//! Raw signature checks: the COSE algorithms of the claim signature (C2PA §13.2.1, RFC 9053
//! §2: ECDSA as raw `r‖s`) and the X.509/CMS signature algorithms of certificates and
//! timestamp tokens (RFC 5758 ECDSA as DER, RFC 8017 PKCS#1 v1.5 and RSASSA-PSS, RFC 8410
//! Ed25519). Every check answers `true` or `false`; malformed keys or signatures are `false`.

use crate::c2pa::cose::Alg;
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest, Sha256, Sha384, Sha512};
use signature::hazmat::PrehashVerifier;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::spki::AlgorithmIdentifierOwned;

/// Object identifiers used across the X.509 checks.
pub mod oid {
    use const_oid::ObjectIdentifier as O;
    /// rsaEncryption.
    pub const RSA: O = O::new_unwrap("1.2.840.113549.1.1.1");
    /// id-RSASSA-PSS.
    pub const RSA_PSS: O = O::new_unwrap("1.2.840.113549.1.1.10");
    /// sha256WithRSAEncryption.
    pub const SHA256_RSA: O = O::new_unwrap("1.2.840.113549.1.1.11");
    /// sha384WithRSAEncryption.
    pub const SHA384_RSA: O = O::new_unwrap("1.2.840.113549.1.1.12");
    /// sha512WithRSAEncryption.
    pub const SHA512_RSA: O = O::new_unwrap("1.2.840.113549.1.1.13");
    /// id-ecPublicKey.
    pub const EC_PUBLIC_KEY: O = O::new_unwrap("1.2.840.10045.2.1");
    /// ecdsa-with-SHA256.
    pub const ECDSA_SHA256: O = O::new_unwrap("1.2.840.10045.4.3.2");
    /// ecdsa-with-SHA384.
    pub const ECDSA_SHA384: O = O::new_unwrap("1.2.840.10045.4.3.3");
    /// ecdsa-with-SHA512.
    pub const ECDSA_SHA512: O = O::new_unwrap("1.2.840.10045.4.3.4");
    /// id-Ed25519.
    pub const ED25519: O = O::new_unwrap("1.3.101.112");
    /// prime256v1 (P-256).
    pub const P256: O = O::new_unwrap("1.2.840.10045.3.1.7");
    /// secp384r1.
    pub const P384: O = O::new_unwrap("1.3.132.0.34");
    /// secp521r1.
    pub const P521: O = O::new_unwrap("1.3.132.0.35");
    /// id-sha256.
    pub const SHA256: O = O::new_unwrap("2.16.840.1.101.3.4.2.1");
    /// id-sha384.
    pub const SHA384: O = O::new_unwrap("2.16.840.1.101.3.4.2.2");
    /// id-sha512.
    pub const SHA512: O = O::new_unwrap("2.16.840.1.101.3.4.2.3");
}

/// A hash function allowed by C2PA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The hash for a digest algorithm OID.
    pub fn from_oid(o: &ObjectIdentifier) -> Option<Hash> {
        match *o {
            oid::SHA256 => Some(Hash::Sha256),
            oid::SHA384 => Some(Hash::Sha384),
            oid::SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// Hash `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// The EC curve of an `id-ecPublicKey` SPKI.
fn ec_curve(spki: &SubjectPublicKeyInfoOwned) -> Option<ObjectIdentifier> {
    if spki.algorithm.oid != oid::EC_PUBLIC_KEY {
        return None;
    }
    spki.algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
}

/// ECDSA over a prehashed message with the SPKI's curve; `der_sig` picks the signature form.
fn ecdsa(spki: &SubjectPublicKeyInfoOwned, digest: &[u8], sig: &[u8], der_sig: bool) -> bool {
    let key = spki.subject_public_key.raw_bytes();
    match ec_curve(spki) {
        Some(oid::P256) => {
            let Ok(vk) = p256::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            let s = if der_sig {
                p256::ecdsa::Signature::from_der(sig)
            } else {
                p256::ecdsa::Signature::from_slice(sig)
            };
            s.is_ok_and(|s| vk.verify_prehash(digest, &s).is_ok())
        }
        Some(oid::P384) => {
            let Ok(vk) = p384::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            let s = if der_sig {
                p384::ecdsa::Signature::from_der(sig)
            } else {
                p384::ecdsa::Signature::from_slice(sig)
            };
            s.is_ok_and(|s| vk.verify_prehash(digest, &s).is_ok())
        }
        Some(oid::P521) => {
            let Ok(vk) = p521::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            let s = if der_sig {
                p521::ecdsa::Signature::from_der(sig)
            } else {
                p521::ecdsa::Signature::from_slice(sig)
            };
            s.is_ok_and(|s| vk.verify_prehash(digest, &s).is_ok())
        }
        _ => false,
    }
}

/// The RSA public key of an `rsaEncryption` or `id-RSASSA-PSS` SPKI.
pub fn rsa_key(spki: &SubjectPublicKeyInfoOwned) -> Option<rsa::RsaPublicKey> {
    if spki.algorithm.oid != oid::RSA && spki.algorithm.oid != oid::RSA_PSS {
        return None;
    }
    rsa::RsaPublicKey::from_pkcs1_der(spki.subject_public_key.raw_bytes()).ok()
}

/// RSASSA-PSS with MGF1 over the same hash (RFC 8017 §8.1).
fn pss(spki: &SubjectPublicKeyInfoOwned, hash: Hash, salt: usize, msg: &[u8], sig: &[u8]) -> bool {
    let Some(key) = rsa_key(spki) else {
        return false;
    };
    let digest = hash.digest(msg);
    let scheme = match hash {
        Hash::Sha256 => rsa::Pss::new_with_salt::<Sha256>(salt),
        Hash::Sha384 => rsa::Pss::new_with_salt::<Sha384>(salt),
        Hash::Sha512 => rsa::Pss::new_with_salt::<Sha512>(salt),
    };
    key.verify(scheme, &digest, sig).is_ok()
}

/// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
fn pkcs1v15(spki: &SubjectPublicKeyInfoOwned, hash: Hash, msg: &[u8], sig: &[u8]) -> bool {
    let Some(key) = rsa_key(spki) else {
        return false;
    };
    let digest = hash.digest(msg);
    let scheme = match hash {
        Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
    };
    key.verify(scheme, &digest, sig).is_ok()
}

fn ed25519(spki: &SubjectPublicKeyInfoOwned, msg: &[u8], sig: &[u8]) -> bool {
    if spki.algorithm.oid != oid::ED25519 {
        return false;
    }
    let Ok(key) = <[u8; 32]>::try_from(spki.subject_public_key.raw_bytes()) else {
        return false;
    };
    let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&key) else {
        return false;
    };
    let Ok(s) = ed25519_dalek::Signature::from_slice(sig) else {
        return false;
    };
    vk.verify_strict(msg, &s).is_ok()
}

/// Verify a COSE signature `sig` over `msg` with the key in `spki` (RFC 9053 §2).
pub fn verify_cose(alg: Alg, spki: &SubjectPublicKeyInfoOwned, msg: &[u8], sig: &[u8]) -> bool {
    match alg {
        Alg::Es256 => ecdsa(spki, &Hash::Sha256.digest(msg), sig, false),
        Alg::Es384 => ecdsa(spki, &Hash::Sha384.digest(msg), sig, false),
        Alg::Es512 => ecdsa(spki, &Hash::Sha512.digest(msg), sig, false),
        Alg::Ps256 => pss(spki, Hash::Sha256, 32, msg, sig),
        Alg::Ps384 => pss(spki, Hash::Sha384, 48, msg, sig),
        Alg::Ps512 => pss(spki, Hash::Sha512, 64, msg, sig),
        Alg::Ed25519 => ed25519(spki, msg, sig),
    }
}

/// The hash and salt length of RSASSA-PSS parameters, if MGF1 uses the same hash (RFC 4055 §3.1).
pub fn pss_params(alg: &AlgorithmIdentifierOwned) -> Option<(Hash, usize)> {
    let der = alg.parameters.as_ref()?.to_der().ok()?;
    let params = rsa::pkcs1::RsaPssParams::from_der(&der).ok()?;
    let hash = Hash::from_oid(&params.hash.oid)?;
    let mgf_hash = params
        .mask_gen
        .parameters
        .as_ref()
        .and_then(|p| Hash::from_oid(&p.oid))?;
    (hash == mgf_hash).then_some((hash, usize::from(params.salt_len)))
}

/// Verify an X.509 or CMS signature (`alg` is the AlgorithmIdentifier next to it).
pub fn verify_x509(
    alg: &AlgorithmIdentifierOwned,
    spki: &SubjectPublicKeyInfoOwned,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match alg.oid {
        oid::ECDSA_SHA256 => ecdsa(spki, &Hash::Sha256.digest(msg), sig, true),
        oid::ECDSA_SHA384 => ecdsa(spki, &Hash::Sha384.digest(msg), sig, true),
        oid::ECDSA_SHA512 => ecdsa(spki, &Hash::Sha512.digest(msg), sig, true),
        oid::SHA256_RSA => pkcs1v15(spki, Hash::Sha256, msg, sig),
        oid::SHA384_RSA => pkcs1v15(spki, Hash::Sha384, msg, sig),
        oid::SHA512_RSA => pkcs1v15(spki, Hash::Sha512, msg, sig),
        oid::RSA_PSS => match pss_params(alg) {
            Some((hash, salt)) => pss(spki, hash, salt, msg, sig),
            None => false,
        },
        oid::ED25519 => ed25519(spki, msg, sig),
        _ => false,
    }
}

/// Verify a CMS SignerInfo signature whose algorithm may be given as a bare key algorithm
/// (`rsaEncryption`, `id-ecPublicKey`) with the digest named separately (RFC 5652 §5.3).
pub fn verify_cms(
    digest_alg: Hash,
    sig_alg: &AlgorithmIdentifierOwned,
    spki: &SubjectPublicKeyInfoOwned,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match sig_alg.oid {
        oid::RSA => pkcs1v15(spki, digest_alg, msg, sig),
        oid::EC_PUBLIC_KEY => ecdsa(spki, &digest_alg.digest(msg), sig, true),
        _ => verify_x509(sig_alg, spki, msg, sig),
    }
}
