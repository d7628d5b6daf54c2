//! Raw signature checks: the COSE algorithms of the claim signature (C2PA §13.2.1, RFC 9053
//! §2: ECDSA as raw `r‖s`) and the X.509/CMS signature algorithms of certificates and
//! timestamp tokens (RFC 5758 ECDSA as DER, RFC 8017 PKCS#1 v1.5 and RSASSA-PSS, RFC 8410
//! Ed25519). Every check answers `true` or `false`; malformed keys or signatures are `false`.

use crate::c2pa::cose::Alg;
use crate::crypto::{ecdsa_p1363, rsa_public_key, Crypto, Curve, Scheme, SigCheck};
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
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

pub use crate::crypto::Hash;

/// The hash for a digest algorithm OID.
pub fn hash_of_oid(o: &ObjectIdentifier) -> Option<Hash> {
    match *o {
        oid::SHA256 => Some(Hash::Sha256),
        oid::SHA384 => Some(Hash::Sha384),
        oid::SHA512 => Some(Hash::Sha512),
        _ => None,
    }
}

/// The EC curve of an `id-ecPublicKey` SPKI, if C2PA allows it.
fn ec_curve(spki: &SubjectPublicKeyInfoOwned) -> Option<Curve> {
    if spki.algorithm.oid != oid::EC_PUBLIC_KEY {
        return None;
    }
    match spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())?
    {
        oid::P256 => Some(Curve::P256),
        oid::P384 => Some(Curve::P384),
        oid::P521 => Some(Curve::P521),
        _ => None,
    }
}

/// ECDSA with the SPKI's curve; `der_sig` says the signature is DER (X.509, CMS) rather than
/// raw `r‖s` (COSE).
fn ecdsa(
    crypto: &dyn Crypto,
    spki: &SubjectPublicKeyInfoOwned,
    hash: Hash,
    msg: &[u8],
    sig: &[u8],
    der_sig: bool,
) -> bool {
    let Some(curve) = ec_curve(spki) else {
        return false;
    };
    let raw = if der_sig {
        match ecdsa_p1363(sig, curve) {
            Some(r) => std::borrow::Cow::Owned(r),
            None => return false,
        }
    } else {
        std::borrow::Cow::Borrowed(sig)
    };
    // P1363 is exactly two scalars (what `Signature::from_slice` and WebCrypto both require).
    if Some(raw.len()) != curve.scalar_len().checked_mul(2) {
        return false;
    }
    crypto.verify(&SigCheck {
        scheme: Scheme::Ecdsa { curve, hash },
        key: spki.subject_public_key.raw_bytes(),
        msg,
        sig: &raw,
    })
}

/// The PKCS#1 key bits of an `rsaEncryption` or `id-RSASSA-PSS` SPKI that both backends accept.
pub fn rsa_key(spki: &SubjectPublicKeyInfoOwned) -> Option<&[u8]> {
    if spki.algorithm.oid != oid::RSA && spki.algorithm.oid != oid::RSA_PSS {
        return None;
    }
    let key = spki.subject_public_key.raw_bytes();
    rsa_public_key(key).map(|_| key)
}

/// The modulus length in bits of an RSA SPKI both backends accept.
pub fn rsa_bits(spki: &SubjectPublicKeyInfoOwned) -> Option<usize> {
    rsa_key(spki).and_then(rsa_public_key)
}

fn rsa(
    crypto: &dyn Crypto,
    spki: &SubjectPublicKeyInfoOwned,
    scheme: Scheme,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    let Some(key) = rsa_key(spki) else {
        return false;
    };
    crypto.verify(&SigCheck {
        scheme,
        key,
        msg,
        sig,
    })
}

/// RSASSA-PSS with MGF1 over the same hash (RFC 8017 §8.1).
fn pss(
    crypto: &dyn Crypto,
    spki: &SubjectPublicKeyInfoOwned,
    hash: Hash,
    salt: usize,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    let Ok(salt) = u16::try_from(salt) else {
        return false;
    };
    rsa(crypto, spki, Scheme::RsaPss { hash, salt }, msg, sig)
}

/// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
fn pkcs1v15(
    crypto: &dyn Crypto,
    spki: &SubjectPublicKeyInfoOwned,
    hash: Hash,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    rsa(crypto, spki, Scheme::RsaPkcs1 { hash }, msg, sig)
}

fn ed25519(crypto: &dyn Crypto, spki: &SubjectPublicKeyInfoOwned, msg: &[u8], sig: &[u8]) -> bool {
    if spki.algorithm.oid != oid::ED25519 {
        return false;
    }
    let key = spki.subject_public_key.raw_bytes();
    if key.len() != 32 || sig.len() != 64 {
        return false;
    }
    crypto.verify(&SigCheck {
        scheme: Scheme::Ed25519,
        key,
        msg,
        sig,
    })
}

/// Verify a COSE signature `sig` over `msg` with the key in `spki` (RFC 9053 §2).
pub fn verify_cose(
    crypto: &dyn Crypto,
    alg: Alg,
    spki: &SubjectPublicKeyInfoOwned,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match alg {
        Alg::Es256 => ecdsa(crypto, spki, Hash::Sha256, msg, sig, false),
        Alg::Es384 => ecdsa(crypto, spki, Hash::Sha384, msg, sig, false),
        Alg::Es512 => ecdsa(crypto, spki, Hash::Sha512, msg, sig, false),
        Alg::Ps256 => pss(crypto, spki, Hash::Sha256, 32, msg, sig),
        Alg::Ps384 => pss(crypto, spki, Hash::Sha384, 48, msg, sig),
        Alg::Ps512 => pss(crypto, spki, Hash::Sha512, 64, msg, sig),
        Alg::Ed25519 => ed25519(crypto, spki, msg, sig),
    }
}

/// The hash and salt length of RSASSA-PSS parameters, if MGF1 uses the same hash (RFC 4055 §3.1).
pub fn pss_params(alg: &AlgorithmIdentifierOwned) -> Option<(Hash, usize)> {
    let der = alg.parameters.as_ref()?.to_der().ok()?;
    let params = pkcs1::RsaPssParams::from_der(&der).ok()?;
    let hash = hash_of_oid(&params.hash.oid)?;
    let mgf_hash = params
        .mask_gen
        .parameters
        .as_ref()
        .and_then(|p| hash_of_oid(&p.oid))?;
    (hash == mgf_hash).then_some((hash, usize::from(params.salt_len)))
}

/// Verify an X.509 or CMS signature (`alg` is the AlgorithmIdentifier next to it).
pub fn verify_x509(
    crypto: &dyn Crypto,
    alg: &AlgorithmIdentifierOwned,
    spki: &SubjectPublicKeyInfoOwned,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match alg.oid {
        oid::ECDSA_SHA256 => ecdsa(crypto, spki, Hash::Sha256, msg, sig, true),
        oid::ECDSA_SHA384 => ecdsa(crypto, spki, Hash::Sha384, msg, sig, true),
        oid::ECDSA_SHA512 => ecdsa(crypto, spki, Hash::Sha512, msg, sig, true),
        oid::SHA256_RSA => pkcs1v15(crypto, spki, Hash::Sha256, msg, sig),
        oid::SHA384_RSA => pkcs1v15(crypto, spki, Hash::Sha384, msg, sig),
        oid::SHA512_RSA => pkcs1v15(crypto, spki, Hash::Sha512, msg, sig),
        oid::RSA_PSS => match pss_params(alg) {
            Some((hash, salt)) => pss(crypto, spki, hash, salt, msg, sig),
            None => false,
        },
        oid::ED25519 => ed25519(crypto, spki, msg, sig),
        _ => false,
    }
}

/// Verify a CMS SignerInfo signature whose algorithm may be given as a bare key algorithm
/// (`rsaEncryption`, `id-ecPublicKey`) with the digest named separately (RFC 5652 §5.3).
pub fn verify_cms(
    crypto: &dyn Crypto,
    digest_alg: Hash,
    sig_alg: &AlgorithmIdentifierOwned,
    spki: &SubjectPublicKeyInfoOwned,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match sig_alg.oid {
        oid::RSA => pkcs1v15(crypto, spki, digest_alg, msg, sig),
        oid::EC_PUBLIC_KEY => ecdsa(crypto, spki, digest_alg, msg, sig, true),
        _ => verify_x509(crypto, sig_alg, spki, msg, sig),
    }
}
