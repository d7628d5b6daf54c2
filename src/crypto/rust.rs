//! The native crypto backend: the RustCrypto crates (`sha2` with SHA-NI where the CPU has it,
//! `p256`/`p384`/`p521`, `rsa`, `ed25519-dalek`), answering at once. Not in the browser build,
//! which answers with WebCrypto.

use super::{rsa_public_key, Crypto, Curve, Digest, Hash, Scheme, SigCheck};
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest as _, Sha256, Sha384, Sha512};
use signature::hazmat::PrehashVerifier;

/// The RustCrypto backend.
#[derive(Debug, Clone, Copy, Default)]
pub struct RustCrypto;

/// A running hash, for callers that stream (the CLI's one pass over a file).
#[derive(Debug, Clone)]
pub enum Running {
    /// SHA-256.
    Sha256(Sha256),
    /// SHA-384.
    Sha384(Sha384),
    /// SHA-512.
    Sha512(Sha512),
}

impl Running {
    /// A running hash of `hash`.
    pub fn new(hash: Hash) -> Running {
        match hash {
            Hash::Sha256 => Running::Sha256(Sha256::new()),
            Hash::Sha384 => Running::Sha384(Sha384::new()),
            Hash::Sha512 => Running::Sha512(Sha512::new()),
        }
    }

    /// Feed bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Running::Sha256(h) => h.update(data),
            Running::Sha384(h) => h.update(data),
            Running::Sha512(h) => h.update(data),
        }
    }

    /// The digest.
    pub fn finish(self) -> Vec<u8> {
        match self {
            Running::Sha256(h) => h.finalize().to_vec(),
            Running::Sha384(h) => h.finalize().to_vec(),
            Running::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

fn digest(hash: Hash, parts: &[&[u8]]) -> Vec<u8> {
    let mut h = Running::new(hash);
    for p in parts {
        h.update(p);
    }
    h.finish()
}

/// ECDSA over a prehashed message; `sig` is P1363 `r‖s`.
fn ecdsa(curve: Curve, key: &[u8], prehash: &[u8], sig: &[u8]) -> bool {
    match curve {
        Curve::P256 => {
            let Ok(vk) = p256::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            p256::ecdsa::Signature::from_slice(sig)
                .is_ok_and(|s| vk.verify_prehash(prehash, &s).is_ok())
        }
        Curve::P384 => {
            let Ok(vk) = p384::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            p384::ecdsa::Signature::from_slice(sig)
                .is_ok_and(|s| vk.verify_prehash(prehash, &s).is_ok())
        }
        Curve::P521 => {
            let Ok(vk) = p521::ecdsa::VerifyingKey::from_sec1_bytes(key) else {
                return false;
            };
            p521::ecdsa::Signature::from_slice(sig)
                .is_ok_and(|s| vk.verify_prehash(prehash, &s).is_ok())
        }
    }
}

fn rsa_key(key: &[u8]) -> Option<rsa::RsaPublicKey> {
    rsa_public_key(key)?;
    rsa::RsaPublicKey::from_pkcs1_der(key).ok()
}

fn pss(hash: Hash, salt: u16, key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    let Some(key) = rsa_key(key) else {
        return false;
    };
    let salt = usize::from(salt);
    let scheme = match hash {
        Hash::Sha256 => rsa::Pss::new_with_salt::<Sha256>(salt),
        Hash::Sha384 => rsa::Pss::new_with_salt::<Sha384>(salt),
        Hash::Sha512 => rsa::Pss::new_with_salt::<Sha512>(salt),
    };
    key.verify(scheme, &digest(hash, &[msg]), sig).is_ok()
}

fn pkcs1v15(hash: Hash, key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    let Some(key) = rsa_key(key) else {
        return false;
    };
    let scheme = match hash {
        Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
    };
    key.verify(scheme, &digest(hash, &[msg]), sig).is_ok()
}

fn ed25519(key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    let Ok(key) = <[u8; 32]>::try_from(key) else {
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

/// An Ed25519 check over a message given in pieces ([`Crypto::ed25519_stream`]), with the
/// answers of [`ed25519`] (`verify_strict`: a key or `R` of small order fails).
pub struct Ed25519Stream(Option<ed25519_dalek::StreamVerifier>);

impl Ed25519Stream {
    /// A check of `sig` with `key`; one that cannot verify (a malformed or weak key or `R`, a
    /// non-canonical `S`) is answered `false` whatever the message.
    pub fn new(key: &[u8], sig: &[u8]) -> Ed25519Stream {
        let weak = |b: &[u8]| {
            <[u8; 32]>::try_from(b)
                .ok()
                .and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())
                .filter(|k| !k.is_weak())
        };
        let r = sig.get(..32).and_then(weak);
        let verifier = weak(key).zip(r).and_then(|(vk, _)| {
            let s = ed25519_dalek::Signature::from_slice(sig).ok()?;
            vk.verify_stream(&s).ok()
        });
        Ed25519Stream(verifier)
    }

    /// The next piece of the message.
    pub fn update(&mut self, piece: &[u8]) {
        if let Some(v) = self.0.as_mut() {
            v.update(piece);
        }
    }

    /// True if the signature verifies over the pieces given.
    pub fn verify(self) -> bool {
        self.0.is_some_and(|v| v.finalize_and_verify().is_ok())
    }
}

impl Crypto for RustCrypto {
    fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest {
        Digest::Known(digest(hash, parts))
    }

    fn verify(&self, c: &SigCheck<'_>) -> bool {
        match c.scheme {
            Scheme::Ecdsa { curve, hash } => ecdsa(curve, c.key, &digest(hash, &[c.msg]), c.sig),
            Scheme::RsaPkcs1 { hash } => pkcs1v15(hash, c.key, c.msg, c.sig),
            Scheme::RsaPss { hash, salt } => pss(hash, salt, c.key, c.msg, c.sig),
            Scheme::Ed25519 => ed25519(c.key, c.msg, c.sig),
        }
    }

    fn ed25519_stream(&self, key: &[u8], sig: &[u8]) -> Option<Ed25519Stream> {
        Some(Ed25519Stream::new(key, sig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::Signer;

    fn streamed(key: &[u8], sig: &[u8], pieces: &[&[u8]]) -> bool {
        let mut s = Ed25519Stream::new(key, sig);
        for p in pieces {
            s.update(p);
        }
        s.verify()
    }

    /// The streamed check answers as the whole one (`verify_strict`), whatever the pieces.
    #[test]
    fn a_streamed_ed25519_check_answers_as_the_whole_one() {
        let sk = ed25519_dalek::SigningKey::from_bytes(&[5u8; 32]);
        let key = sk.verifying_key().to_bytes();
        let msg = b"rgb rows then the comment".to_vec();
        let sig = sk.sign(&msg).to_bytes();
        assert!(ed25519(&key, &msg, &sig));
        assert!(streamed(
            &key,
            &sig,
            &[&msg[..3], &msg[3..10], &[], &msg[10..]]
        ));
        assert!(!streamed(&key, &sig, &[&msg[..3]]));
        assert!(!streamed(&key, &sig[..63], &[&msg]));
        // A small-order key with a small-order R and S = 0 passes the plain equation for any
        // message, and is refused, as verify_strict refuses it.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut weak = [0u8; 64];
        weak[0] = 1;
        let vk = ed25519_dalek::VerifyingKey::from_bytes(&identity).unwrap();
        let plain = ed25519_dalek::Signature::from_bytes(&weak);
        assert!(signature::Verifier::verify(&vk, b"any", &plain).is_ok());
        assert!(!ed25519(&identity, b"any", &weak));
        assert!(!streamed(&identity, &weak, &[b"any"]));
    }
}
