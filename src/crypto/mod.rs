//! The cryptography the checker asks for, and who answers it (sans-I/O).
//!
//! The verifier (`c2pa/`) reads structure and decides; whenever it needs a digest or a
//! signature check it asks a [`Crypto`] backend through this module's vocabulary ([`Hash`],
//! [`Scheme`], [`SigCheck`]). The backends only answer:
//! - native builds: [`rust::RustCrypto`], the RustCrypto crates, synchronously; the command
//!   line and `ailabel::check` use [`native::NativeCrypto`] (`ring` for RSA and the common
//!   ECDSA pairings, RustCrypto for the rest) through a per-check [`session::Session`] that
//!   remembers answers and hashes the input once;
//! - the browser: the wasm facade answers with WebCrypto (`crypto.subtle`), which is
//!   asynchronous. It checks through a [`replay::Replay`]: a pass of the verifier records every
//!   request it cannot answer yet and carries on with a provisional answer, the facade answers
//!   the recorded requests in one batch, and the verifier runs again until a pass needs nothing
//!   new. That last pass used real answers only, so it decides exactly as the native build does
//!   (see [`replay`] for why it always ends).
//!
//! What both backends must agree on is decided here, not in a backend: which key and signature
//! encodings are acceptable ([`rsa_public_key`], [`ecdsa_p1363`]), so that a signature one
//! backend would refuse to parse never reaches the other.

#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod replay;
#[cfg(not(target_arch = "wasm32"))]
pub mod rust;
#[cfg(not(target_arch = "wasm32"))]
pub mod session;

use crate::der::{self, tag, Der};

/// A hash function C2PA allows (C2PA 2.2 §13.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hash {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// The hash a C2PA `alg` string names (`sha256`, ...), if C2PA allows it.
    pub fn from_name(alg: &str) -> Option<Hash> {
        match alg {
            "sha256" => Some(Hash::Sha256),
            "sha384" => Some(Hash::Sha384),
            "sha512" => Some(Hash::Sha512),
            _ => None,
        }
    }

    /// The WebCrypto name (`SHA-256`, ...).
    pub fn web_name(self) -> &'static str {
        match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    /// The digest length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// An elliptic curve C2PA allows for ECDSA (C2PA 2.2 §13.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// P-256.
    P256,
    /// P-384.
    P384,
    /// P-521.
    P521,
}

impl Curve {
    /// The WebCrypto `namedCurve`.
    pub fn web_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The length of one scalar (`r` or `s`) in bytes.
    pub fn scalar_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

/// A signature scheme with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// ECDSA over `hash(msg)`; the signature is IEEE P1363 `r‖s` (see [`ecdsa_p1363`]).
    Ecdsa {
        /// The curve of the key.
        curve: Curve,
        /// The hash of the message.
        hash: Hash,
    },
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
    RsaPkcs1 {
        /// The hash of the message.
        hash: Hash,
    },
    /// RSASSA-PSS with MGF1 over the same hash and an exact salt length (RFC 8017 §8.1).
    RsaPss {
        /// The hash of the message and of MGF1.
        hash: Hash,
        /// The salt length in bytes.
        salt: u16,
    },
    /// Ed25519 (RFC 8032), over the message itself.
    Ed25519,
}

/// One signature check: `sig` over `msg` with `key` under `scheme`.
///
/// `key` is the SubjectPublicKeyInfo's key bits: an uncompressed or compressed SEC1 point for
/// ECDSA, a PKCS#1 `RSAPublicKey` accepted by [`rsa_public_key`] for RSA, 32 bytes for Ed25519.
#[derive(Debug, Clone, Copy)]
pub struct SigCheck<'a> {
    /// The scheme.
    pub scheme: Scheme,
    /// The public key bits.
    pub key: &'a [u8],
    /// The signed message (not its hash).
    pub msg: &'a [u8],
    /// The signature (P1363 for ECDSA).
    pub sig: &'a [u8],
}

/// A digest answer. `Pending` only ever comes from a [`replay::Replay`] pass whose answer is
/// not known yet; such a pass is always followed by another, so its decisions are never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Digest {
    /// The digest.
    Known(Vec<u8>),
    /// Not answered yet.
    Pending,
}

impl Digest {
    /// True if the digest equals `want`. A pending digest provisionally matches, so that the
    /// first pass takes the path a valid file takes and asks for everything that path needs.
    pub fn matches(&self, want: &[u8]) -> bool {
        match self {
            Digest::Known(d) => d.as_slice() == want,
            Digest::Pending => true,
        }
    }

    /// The digest, if known.
    pub fn known(&self) -> Option<&[u8]> {
        match self {
            Digest::Known(d) => Some(d),
            Digest::Pending => None,
        }
    }
}

/// A backend that answers digests and signature checks.
pub trait Crypto {
    /// The digest of the concatenation of `parts`.
    fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest;
    /// True if the signature verifies. A pending answer is provisionally `true`.
    fn verify(&self, check: &SigCheck<'_>) -> bool;
    /// An Ed25519 check of `sig` with `key` whose message is then given in pieces
    /// ([`rust::Ed25519Stream`]): RFC 8032 §5.1.7 hashes it once, so a large one (NovelAI's
    /// signature covers the RGB bytes of the image, 48 MiB at 16 Mpx) need not be held whole.
    /// `None` (the default) when the backend wants the message whole in [`Crypto::verify`].
    #[cfg(not(target_arch = "wasm32"))]
    fn ed25519_stream(&self, _key: &[u8], _sig: &[u8]) -> Option<rust::Ed25519Stream> {
        None
    }
}

/// The parts of a hashed range list, gathered before asking the backend: borrowed slices of
/// the input (never copied) and a few small owned pieces (BMFF offsets, NFC text).
#[derive(Debug)]
pub struct Hasher<'a> {
    hash: Hash,
    parts: Vec<std::borrow::Cow<'a, [u8]>>,
}

impl<'a> Hasher<'a> {
    /// A hasher for the C2PA `alg` name, or `None` if C2PA does not allow it.
    pub fn new(alg: &str) -> Option<Hasher<'a>> {
        Hash::from_name(alg).map(Hasher::of)
    }

    /// A hasher for `hash`.
    pub fn of(hash: Hash) -> Hasher<'a> {
        Hasher {
            hash,
            parts: Vec::new(),
        }
    }

    /// Add borrowed bytes.
    pub fn update(&mut self, data: &'a [u8]) {
        if !data.is_empty() {
            self.parts.push(std::borrow::Cow::Borrowed(data));
        }
    }

    /// Add owned bytes.
    pub fn update_owned(&mut self, data: Vec<u8>) {
        self.parts.push(std::borrow::Cow::Owned(data));
    }

    /// Ask `crypto` for the digest.
    pub fn finish(self, crypto: &dyn Crypto) -> Digest {
        let parts: Vec<&[u8]> = self.parts.iter().map(|p| p.as_ref()).collect();
        crypto.digest(self.hash, &parts)
    }
}

/// Hash `data` with the C2PA `alg`; `None` for an algorithm C2PA does not allow.
pub fn hash(crypto: &dyn Crypto, alg: &str, data: &[u8]) -> Option<Digest> {
    Some(crypto.digest(Hash::from_name(alg)?, &[data]))
}

/// SHA-256 of `data` when known (a pending answer is `None`).
pub fn sha256(crypto: &dyn Crypto, data: &[u8]) -> Option<[u8; 32]> {
    let d = crypto.digest(Hash::Sha256, &[data]);
    d.known().and_then(|d| <[u8; 32]>::try_from(d).ok())
}

/// What both backends accept of an RSA public key: a DER PKCS#1 `RSAPublicKey` (RFC 8017
/// A.1.1) with a modulus of at most 4096 bits, odd, and an odd exponent `2 < e < 2^33` below
/// the modulus (the `rsa` crate's rules, which WebCrypto's are wider than). The modulus length
/// in bits, or `None` when refused.
pub fn rsa_public_key(key: &[u8]) -> Option<usize> {
    let (n, e) = rsa_components(key)?;
    let bits = bit_len(n);
    if bits > 4096 || e.len() > 8 || n.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    let mut e64 = 0u64;
    for b in e {
        e64 = e64.checked_mul(256)?.checked_add(u64::from(*b))?;
    }
    let e_below_n = bit_len(e) < bits || (e.len() == n.len() && e < n);
    let ok = e_below_n && e64 & 1 == 1 && (2..=(1u64 << 33) - 1).contains(&e64);
    ok.then_some(bits)
}

/// The modulus and public exponent of a DER PKCS#1 `RSAPublicKey` (RFC 8017 A.1.1), as
/// unsigned big-endian magnitudes (the `der` crate's `UintRef`: minimal, non-negative, the
/// sign octet removed), nothing after the SEQUENCE.
pub fn rsa_components(key: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut d = Der::sequence(key)?;
    let n = der::uint(d.read(tag::INTEGER)?)?;
    let e = der::uint(d.read(tag::INTEGER)?)?;
    d.finish()?;
    Some((n, e))
}

/// An `rsaEncryption` SubjectPublicKeyInfo (RFC 3279 §2.3.1, parameters NULL) around PKCS#1 key
/// bits, the form WebCrypto imports RSA keys from whatever OID the certificate used.
pub fn rsa_spki(key: &[u8]) -> Option<Vec<u8>> {
    let alg = [
        der::encode(tag::OID, der::oid::RSA)?,
        der::encode(tag::NULL, &[])?,
    ]
    .concat();
    let bits = [&[0u8][..], key].concat();
    let content = [
        der::encode(tag::SEQUENCE, &alg)?,
        der::encode(tag::BIT_STRING, &bits)?,
    ]
    .concat();
    der::encode(tag::SEQUENCE, &content)
}

/// The length in bits of a big-endian unsigned integer without leading zeros.
fn bit_len(be: &[u8]) -> usize {
    let Some(first) = be.iter().position(|b| *b != 0) else {
        return 0;
    };
    let top = be.get(first).copied().unwrap_or(0);
    let rest = be.len().saturating_sub(first).saturating_sub(1);
    rest.saturating_mul(8)
        .saturating_add(usize::try_from(8u32.saturating_sub(top.leading_zeros())).unwrap_or(8))
}

/// An X.509/CMS ECDSA signature (DER) as IEEE P1363 `r‖s` for `curve`, as WebCrypto wants it
/// and as the RustCrypto backend reads it. Strict DER, as the `ecdsa` crate decodes it: minimal
/// lengths, non-negative minimal integers (a leading zero only before a high bit), nothing
/// after; an integer longer than the curve's scalar is refused. Range checks (`0 < r, s < n`)
/// are the backend's.
pub fn ecdsa_p1363(der_sig: &[u8], curve: Curve) -> Option<Vec<u8>> {
    // `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 §2.2 / RFC 5758 §3.2).
    let mut d = Der::sequence(der_sig)?;
    let r = der::uint(d.read(tag::INTEGER)?)?;
    let s = der::uint(d.read(tag::INTEGER)?)?;
    d.finish()?;
    let len = curve.scalar_len();
    let mut out = vec![0u8; len.checked_mul(2)?];
    for (i, int) in [r, s].into_iter().enumerate() {
        let end = len.checked_mul(i.checked_add(1)?)?;
        let start = end.checked_sub(int.len())?;
        let lower = len.checked_mul(i)?;
        if start < lower {
            return None;
        }
        out.get_mut(start..end)?.copy_from_slice(int);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p1363_pads_and_strips() {
        // r = 0x01, s = 0x80 (needs a leading zero in DER).
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        let raw = ecdsa_p1363(&der, Curve::P256).unwrap();
        assert_eq!(raw.len(), 64);
        assert_eq!(raw[31], 1);
        assert_eq!(raw[63], 0x80);
        assert!(raw[..31].iter().all(|b| *b == 0));
    }

    #[test]
    fn p1363_refuses_non_minimal_and_trailing() {
        // A redundant leading zero before a byte without its high bit.
        let der = [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01];
        assert_eq!(ecdsa_p1363(&der, Curve::P256), None);
        // A negative integer.
        let der = [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01];
        assert_eq!(ecdsa_p1363(&der, Curve::P256), None);
        // Trailing bytes after the sequence.
        let der = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00];
        assert_eq!(ecdsa_p1363(&der, Curve::P256), None);
        // An integer longer than the scalar.
        let mut der = vec![0x30, 0x26, 0x02, 0x21];
        der.extend([0x7f; 33]);
        der.extend([0x02, 0x01, 0x01]);
        assert_eq!(ecdsa_p1363(&der, Curve::P256), None);
    }

    #[test]
    fn rsa_spki_wraps_the_key() {
        let key = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03];
        let der = rsa_spki(&key).unwrap();
        // SEQUENCE (27) { SEQUENCE (13) { OID rsaEncryption, NULL }, BIT STRING (10) { 0, key } }
        let mut want = vec![0x30, 0x1b, 0x30, 0x0d, 0x06, 0x09];
        want.extend([
            0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
        ]);
        want.extend([0x03, 0x0a, 0x00]);
        want.extend(key);
        assert_eq!(der, want);
    }

    #[test]
    fn rsa_key_rules() {
        // n = 0xC5 (odd, 8 bits), e = 3.
        let key = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x03];
        assert_eq!(rsa_public_key(&key), Some(8));
        // Even modulus.
        let key = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc4, 0x02, 0x01, 0x03];
        assert_eq!(rsa_public_key(&key), None);
        // Even exponent.
        let key = [0x30, 0x07, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x01, 0x04];
        assert_eq!(rsa_public_key(&key), None);
        // Exponent not below the modulus.
        let key = [0x30, 0x08, 0x02, 0x02, 0x00, 0xc5, 0x02, 0x02, 0x00, 0xc7];
        assert_eq!(rsa_public_key(&key), None);
        assert_eq!(bit_len(&[0, 0, 1]), 1);
        assert_eq!(bit_len(&[0x80, 0]), 16);
    }
}
