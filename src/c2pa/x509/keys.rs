//! Raw signature checks: the COSE algorithms of the claim signature (C2PA §13.2.1, RFC 9053
//! §2: ECDSA as raw `r‖s`) and the X.509/CMS signature algorithms of certificates and
//! timestamp tokens (RFC 5758 ECDSA as DER, RFC 8017 PKCS#1 v1.5 and RSASSA-PSS, RFC 8410
//! Ed25519). Every check answers `true` or `false`; malformed keys or signatures are `false`.

use super::cert::{AlgId, Spki};
use crate::c2pa::cose::Alg;
use crate::crypto::{ecdsa_p1363, rsa_public_key, Crypto, Curve, Scheme, SigCheck};
use crate::der::{self, tag, Der};

/// Object identifiers used across the X.509 checks (content octets, see [`crate::der::oid`]).
pub mod oid {
    pub use crate::der::oid::{
        ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512, EC_PUBLIC_KEY, ED25519, P256, P384, P521, RSA,
        RSA_PSS, SHA256, SHA256_RSA, SHA384, SHA384_RSA, SHA512, SHA512_RSA,
    };
}

pub use crate::crypto::Hash;

/// The hash for a digest algorithm OID.
pub fn hash_of_oid(o: &[u8]) -> Option<Hash> {
    match o {
        oid::SHA256 => Some(Hash::Sha256),
        oid::SHA384 => Some(Hash::Sha384),
        oid::SHA512 => Some(Hash::Sha512),
        _ => None,
    }
}

/// The EC curve of an `id-ecPublicKey` SPKI, if C2PA allows it.
fn ec_curve(spki: &Spki) -> Option<Curve> {
    if spki.alg.oid != oid::EC_PUBLIC_KEY {
        return None;
    }
    match spki.alg.params_oid()? {
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
    spki: &Spki,
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
        key: spki.key,
        msg,
        sig: &raw,
    })
}

/// The PKCS#1 key bits of an `rsaEncryption` or `id-RSASSA-PSS` SPKI that both backends accept.
pub fn rsa_key<'a>(spki: &Spki<'a>) -> Option<&'a [u8]> {
    if spki.alg.oid != oid::RSA && spki.alg.oid != oid::RSA_PSS {
        return None;
    }
    rsa_public_key(spki.key).map(|_| spki.key)
}

/// The modulus length in bits of an RSA SPKI both backends accept.
pub fn rsa_bits(spki: &Spki) -> Option<usize> {
    rsa_key(spki).and_then(rsa_public_key)
}

fn rsa(crypto: &dyn Crypto, spki: &Spki, scheme: Scheme, msg: &[u8], sig: &[u8]) -> bool {
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
fn pss(crypto: &dyn Crypto, spki: &Spki, hash: Hash, salt: usize, msg: &[u8], sig: &[u8]) -> bool {
    let Ok(salt) = u16::try_from(salt) else {
        return false;
    };
    rsa(crypto, spki, Scheme::RsaPss { hash, salt }, msg, sig)
}

/// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
fn pkcs1v15(crypto: &dyn Crypto, spki: &Spki, hash: Hash, msg: &[u8], sig: &[u8]) -> bool {
    rsa(crypto, spki, Scheme::RsaPkcs1 { hash }, msg, sig)
}

fn ed25519(crypto: &dyn Crypto, spki: &Spki, msg: &[u8], sig: &[u8]) -> bool {
    if spki.alg.oid != oid::ED25519 {
        return false;
    }
    let key = spki.key;
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
pub fn verify_cose(crypto: &dyn Crypto, alg: Alg, spki: &Spki, msg: &[u8], sig: &[u8]) -> bool {
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
pub fn pss_params(alg: &AlgId) -> Option<(Hash, usize)> {
    let p = read_pss_params(alg.params?)?;
    (p.hash == p.mgf_hash).then_some((p.hash, usize::from(p.salt)))
}

/// What [`pss_params`] needs of RSASSA-PSS-params.
struct PssParams {
    hash: Hash,
    mgf_hash: Hash,
    salt: u8,
}

/// RSASSA-PSS-params (RFC 4055 §3.1), as pkcs1 0.7 decoded them: `[0]` hashAlgorithm
/// (DEFAULT SHA-1, which C2PA does not allow), `[1]` maskGenAlgorithm whose parameters are an
/// AlgorithmIdentifier (DEFAULT MGF1 with SHA-1), `[2]` saltLength (DEFAULT 20, at most 255),
/// `[3]` trailerField (must be 1), each EXPLICIT and optional.
fn read_pss_params(params: &[u8]) -> Option<PssParams> {
    let mut d = Der::sequence(params)?;
    let hash = match d.context(0, true)? {
        Some(t) => Some(AlgId::parse(t.content)?.oid),
        None => None,
    };
    let mgf_hash = match d.context(1, true)? {
        Some(t) => match AlgId::parse(t.content)?.params {
            Some(p) => Some(AlgId::parse(p)?.oid),
            None => None,
        },
        None => None,
    };
    let salt = match d.context(2, true)? {
        Some(t) => explicit_u8(t.content)?,
        None => 20,
    };
    if let Some(t) = d.context(3, true)? {
        if explicit_u8(t.content)? != 1 {
            return None;
        }
    }
    d.finish()?;
    Some(PssParams {
        hash: hash_of_oid(hash?)?,
        mgf_hash: hash_of_oid(mgf_hash?)?,
        salt,
    })
}

/// The one INTEGER inside an EXPLICIT tag, as a byte.
fn explicit_u8(content: &[u8]) -> Option<u8> {
    u8::try_from(der::small_uint(der::one(content, tag::INTEGER)?.content)?).ok()
}

/// Verify an X.509 or CMS signature (`alg` is the AlgorithmIdentifier next to it).
pub fn verify_x509(crypto: &dyn Crypto, alg: &AlgId, spki: &Spki, msg: &[u8], sig: &[u8]) -> bool {
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
    sig_alg: &AlgId,
    spki: &Spki,
    msg: &[u8],
    sig: &[u8],
) -> bool {
    match sig_alg.oid {
        oid::RSA => pkcs1v15(crypto, spki, digest_alg, msg, sig),
        oid::EC_PUBLIC_KEY => ecdsa(crypto, spki, digest_alg, msg, sig, true),
        _ => verify_x509(crypto, sig_alg, spki, msg, sig),
    }
}
