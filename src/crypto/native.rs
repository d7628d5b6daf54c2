//! The command line's backend: `ring` for the signature checks it does fastest (RSA with
//! 2048- to 4096-bit keys, ECDSA P-256/SHA-256 and P-384/SHA-384 with uncompressed keys), and
//! [`RustCrypto`] for everything else (digests with `sha2`, P-521, other curve and hash
//! pairings, compressed points, RSA-PSS with a salt other than the hash length, smaller RSA keys,
//! Ed25519). Not in the browser build, which answers with WebCrypto.
//!
//! Why: RSA-4096 verification in `rsa` (on `num-bigint-dig`) is about 9× slower than
//! OpenSSL's, and the Adobe/CAI files are RSA-4096 throughout (BENCHMARKS.md, "Native CLI
//! against c2pa-python"). `ring`'s Montgomery code is OpenSSL's.
//!
//! Both backends must give the same answer to every request. Key and signature encodings are
//! decided before asking ([`super::rsa_public_key`], [`super::ecdsa_p1363`]); on top of that a
//! request goes to `ring` only where its rules are the same as the RustCrypto crates':
//! - RSA: `ring` takes the modulus and exponent as parsed by [`super::rsa_public_key`] (same
//!   exponent rules: odd, `3 ≤ e < 2^33`), wants a signature exactly as long as the modulus and
//!   below it (as `rsa` 0.9 does), and compares the whole PKCS#1 v1.5 encoding (DigestInfo with
//!   NULL parameters, as `rsa`'s prefixes) or checks PSS with a salt as long as the hash
//!   (RFC 8017 §9.1.2; `rsa` with `new_with_salt(hLen)` checks the same length).
//! - ECDSA: P1363 `r‖s` of the curve's exact length, `0 < r, s < n`, no low-S rule (as
//!   `ecdsa`'s `verify_prehash` for P-256/P-384), an uncompressed point on the curve.
//!
//! `tests/it/crypto_edges.rs` runs the edge-case vectors through both native backends, and
//! `tests/it/c2pa/native_backend.rs` checks the corpus file by file with each.

use super::rust::RustCrypto;
use super::{rsa_components, rsa_public_key, Crypto, Curve, Digest, Hash, Scheme, SigCheck};
use ring::signature as rs;

/// `ring` where it is faster, RustCrypto otherwise.
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeCrypto;

/// The `ring` verification for an RSA request, if it takes it: PKCS#1 v1.5 with any C2PA hash,
/// PSS when the salt is as long as the hash.
fn rsa_params(scheme: Scheme) -> Option<&'static rs::RsaParameters> {
    match scheme {
        Scheme::RsaPkcs1 { hash } => Some(match hash {
            Hash::Sha256 => &rs::RSA_PKCS1_2048_8192_SHA256,
            Hash::Sha384 => &rs::RSA_PKCS1_2048_8192_SHA384,
            Hash::Sha512 => &rs::RSA_PKCS1_2048_8192_SHA512,
        }),
        Scheme::RsaPss { hash, salt } if usize::from(salt) == hash.output_len() => {
            Some(match hash {
                Hash::Sha256 => &rs::RSA_PSS_2048_8192_SHA256,
                Hash::Sha384 => &rs::RSA_PSS_2048_8192_SHA384,
                Hash::Sha512 => &rs::RSA_PSS_2048_8192_SHA512,
            })
        }
        _ => None,
    }
}

/// `Some(answer)` when `ring` takes the RSA request, `None` to leave it to RustCrypto. A key
/// both backends refuse is refused here too.
fn rsa(params: &'static rs::RsaParameters, c: &SigCheck<'_>) -> Option<bool> {
    let Some(bits) = rsa_public_key(c.key) else {
        return Some(false);
    };
    // `ring` refuses moduli under 2048 bits; `rsa_public_key` refuses those over 4096.
    if bits < 2048 {
        return None;
    }
    let (n, e) = rsa_components(c.key)?;
    let key = rs::RsaPublicKeyComponents { n, e };
    Some(key.verify(params, c.msg, c.sig).is_ok())
}

/// `Some(answer)` when `ring` takes the ECDSA request (P-256/SHA-256 or P-384/SHA-384, an
/// uncompressed point of the curve's length), `None` to leave it to RustCrypto.
fn ecdsa(curve: Curve, hash: Hash, c: &SigCheck<'_>) -> Option<bool> {
    let alg = match (curve, hash) {
        (Curve::P256, Hash::Sha256) => &rs::ECDSA_P256_SHA256_FIXED,
        (Curve::P384, Hash::Sha384) => &rs::ECDSA_P384_SHA384_FIXED,
        _ => return None,
    };
    let point_len = curve.scalar_len().checked_mul(2)?.checked_add(1)?;
    if c.key.first() != Some(&0x04) || c.key.len() != point_len {
        return None;
    }
    Some(
        rs::UnparsedPublicKey::new(alg, c.key)
            .verify(c.msg, c.sig)
            .is_ok(),
    )
}

impl Crypto for NativeCrypto {
    fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest {
        RustCrypto.digest(hash, parts)
    }

    fn verify(&self, c: &SigCheck<'_>) -> bool {
        let fast = match c.scheme {
            Scheme::RsaPkcs1 { .. } | Scheme::RsaPss { .. } => {
                rsa_params(c.scheme).and_then(|p| rsa(p, c))
            }
            Scheme::Ecdsa { curve, hash } => ecdsa(curve, hash, c),
            Scheme::Ed25519 => None,
        };
        fast.unwrap_or_else(|| RustCrypto.verify(c))
    }

    fn ed25519_stream(&self, key: &[u8], sig: &[u8]) -> Option<super::rust::Ed25519Stream> {
        RustCrypto.ed25519_stream(key, sig)
    }
}
