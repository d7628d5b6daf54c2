//! A test PKI: keys of every C2PA algorithm and a certificate builder (RFC 5280 §4.1), so the
//! tests can make roots, intermediates and signers with exactly the properties they need.

use super::asn1::*;
use rand_core::OsRng;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

pub const OID_EC: &str = "1.2.840.10045.2.1";
pub const EKU_CLAIM_SIGNING: &str = "1.3.6.1.4.1.62558.2.1";
pub const EKU_EMAIL: &str = "1.3.6.1.5.5.7.3.4";
pub const EKU_TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
pub const EKU_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";

pub enum Key {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Rsa(rsa::RsaPrivateKey),
    Ed(ed25519_dalek::SigningKey),
}

/// One 2048-bit RSA key per test run: key generation is slow.
pub fn rsa_key() -> rsa::RsaPrivateKey {
    static K: OnceLock<rsa::RsaPrivateKey> = OnceLock::new();
    K.get_or_init(|| rsa::RsaPrivateKey::new(&mut OsRng, 2048).unwrap())
        .clone()
}

impl Key {
    pub fn p256() -> Key {
        Key::P256(p256::ecdsa::SigningKey::random(&mut OsRng))
    }
    pub fn p384() -> Key {
        Key::P384(p384::ecdsa::SigningKey::random(&mut OsRng))
    }
    pub fn p521() -> Key {
        Key::P521(p521::ecdsa::SigningKey::random(&mut OsRng))
    }
    pub fn rsa() -> Key {
        Key::Rsa(rsa_key())
    }
    pub fn ed25519() -> Key {
        Key::Ed(ed25519_dalek::SigningKey::generate(&mut OsRng))
    }

    /// SubjectPublicKeyInfo DER (RFC 5480, RFC 3279, RFC 8410).
    pub fn spki(&self) -> Vec<u8> {
        let ec =
            |curve: &str, point: &[u8]| seq(&[&seq(&[&oid(OID_EC), &oid(curve)]), &bits(point)]);
        match self {
            Key::P256(k) => ec(
                "1.2.840.10045.3.1.7",
                k.verifying_key().to_encoded_point(false).as_bytes(),
            ),
            Key::P384(k) => ec(
                "1.3.132.0.34",
                k.verifying_key().to_encoded_point(false).as_bytes(),
            ),
            Key::P521(k) => ec(
                "1.3.132.0.35",
                p521::ecdsa::VerifyingKey::from(k)
                    .to_encoded_point(false)
                    .as_bytes(),
            ),
            Key::Rsa(k) => {
                use rsa::traits::PublicKeyParts;
                let pk = seq(&[&uint(&k.n().to_bytes_be()), &uint(&k.e().to_bytes_be())]);
                seq(&[&seq(&[&oid("1.2.840.113549.1.1.1"), &null()]), &bits(&pk)])
            }
            Key::Ed(k) => seq(&[
                &seq(&[&oid("1.3.101.112")]),
                &bits(k.verifying_key().as_bytes()),
            ]),
        }
    }

    /// An X.509/CMS signature: (AlgorithmIdentifier DER, signature bytes).
    pub fn sign_x509(&self, msg: &[u8]) -> (Vec<u8>, Vec<u8>) {
        use signature::Signer;
        match self {
            Key::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign(msg);
                (
                    seq(&[&oid("1.2.840.10045.4.3.2")]),
                    s.to_der().as_bytes().to_vec(),
                )
            }
            Key::P384(k) => {
                let s: p384::ecdsa::Signature = k.sign(msg);
                (
                    seq(&[&oid("1.2.840.10045.4.3.3")]),
                    s.to_der().as_bytes().to_vec(),
                )
            }
            Key::P521(k) => {
                let s: p521::ecdsa::Signature =
                    signature::RandomizedSigner::sign_with_rng(k, &mut OsRng, msg);
                (
                    seq(&[&oid("1.2.840.10045.4.3.4")]),
                    s.to_der().as_bytes().to_vec(),
                )
            }
            Key::Rsa(k) => {
                let digest = Sha256::digest(msg);
                let s = k.sign(rsa::Pkcs1v15Sign::new::<Sha256>(), &digest).unwrap();
                (seq(&[&oid("1.2.840.113549.1.1.11"), &null()]), s)
            }
            Key::Ed(k) => (seq(&[&oid("1.3.101.112")]), k.sign(msg).to_bytes().to_vec()),
        }
    }

    /// A COSE signature (RFC 9053 §2: ECDSA as raw r‖s, PSS with salt = hash length).
    pub fn sign_cose(&self, alg: i64, msg: &[u8]) -> Vec<u8> {
        use signature::{RandomizedSigner, Signer};
        match (self, alg) {
            (Key::P256(k), -7) => Signer::<p256::ecdsa::Signature>::sign(k, msg)
                .to_bytes()
                .to_vec(),
            (Key::P384(k), -35) => Signer::<p384::ecdsa::Signature>::sign(k, msg)
                .to_bytes()
                .to_vec(),
            (Key::P521(k), -36) => {
                RandomizedSigner::<p521::ecdsa::Signature>::sign_with_rng(k, &mut OsRng, msg)
                    .to_bytes()
                    .to_vec()
            }
            (Key::Rsa(k), -37) => {
                let sk = rsa::pss::SigningKey::<Sha256>::new(k.clone());
                Box::<[u8]>::from(sk.sign_with_rng(&mut OsRng, msg)).to_vec()
            }
            (Key::Rsa(k), -38) => {
                let sk = rsa::pss::SigningKey::<sha2::Sha384>::new(k.clone());
                Box::<[u8]>::from(sk.sign_with_rng(&mut OsRng, msg)).to_vec()
            }
            (Key::Rsa(k), -39) => {
                let sk = rsa::pss::SigningKey::<sha2::Sha512>::new(k.clone());
                Box::<[u8]>::from(sk.sign_with_rng(&mut OsRng, msg)).to_vec()
            }
            (Key::Ed(k), -8) => k.sign(msg).to_bytes().to_vec(),
            _ => panic!("key does not do COSE alg {alg}"),
        }
    }
}

pub fn name(cn: &str, o: &str) -> Vec<u8> {
    seq(&[
        &set(&[&seq(&[&oid("2.5.4.10"), &utf8(o)])]),
        &set(&[&seq(&[&oid("2.5.4.3"), &utf8(cn)])]),
    ])
}

fn key_id(spki: &[u8]) -> Vec<u8> {
    Sha256::digest(spki)[..20].to_vec()
}

/// What a certificate should say.
pub struct Spec<'a> {
    pub cn: &'a str,
    pub ca: bool,
    pub ekus: Vec<&'a str>,
    pub not_before: i64,
    pub not_after: i64,
    pub serial: u64,
}

impl<'a> Spec<'a> {
    pub fn ca(cn: &'a str) -> Self {
        Spec {
            cn,
            ca: true,
            ekus: vec![],
            not_before: epoch(2019, 1, 1),
            not_after: epoch(2035, 1, 1),
            serial: 1,
        }
    }
    pub fn signer(cn: &'a str) -> Self {
        Spec {
            cn,
            ca: false,
            ekus: vec![EKU_CLAIM_SIGNING, EKU_EMAIL],
            not_before: epoch(2025, 1, 1),
            not_after: epoch(2030, 1, 1),
            serial: 7,
        }
    }
}

/// A certificate and its key.
pub struct Issued {
    pub der: Vec<u8>,
    pub key: Key,
    pub name: Vec<u8>,
    pub spki: Vec<u8>,
}

/// Issue a certificate for `key` per `spec`, signed by `issuer` (self-signed when `None`).
pub fn issue(spec: &Spec, key: Key, issuer: Option<&Issued>) -> Issued {
    let subject = name(spec.cn, "ailabel test PKI");
    let spki = key.spki();
    let (issuer_name, issuer_spki, signer) = match issuer {
        Some(i) => (i.name.clone(), i.spki.clone(), &i.key),
        None => (subject.clone(), spki.clone(), &key),
    };
    let ext = |id: &str, critical: bool, value: &[u8]| {
        if critical {
            seq(&[&oid(id), &boolean(true), &octets(value)])
        } else {
            seq(&[&oid(id), &octets(value)])
        }
    };
    let mut exts = vec![];
    if spec.ca {
        exts.push(ext("2.5.29.19", true, &seq(&[&boolean(true)])));
        // keyCertSign | cRLSign
        exts.push(ext("2.5.29.15", true, &[0x03, 0x02, 0x01, 0x06]));
    } else {
        exts.push(ext("2.5.29.19", true, &seq(&[])));
        // digitalSignature
        exts.push(ext("2.5.29.15", true, &[0x03, 0x02, 0x07, 0x80]));
    }
    if !spec.ekus.is_empty() {
        let ekus: Vec<Vec<u8>> = spec.ekus.iter().map(|e| oid(e)).collect();
        let refs: Vec<&[u8]> = ekus.iter().map(|e| e.as_slice()).collect();
        exts.push(ext("2.5.29.37", false, &seq(&refs)));
    }
    exts.push(ext("2.5.29.14", false, &octets(&key_id(&spki))));
    exts.push(ext(
        "2.5.29.35",
        false,
        &seq(&[&tlv(0x80, &key_id(&issuer_spki))]),
    ));
    let ext_refs: Vec<&[u8]> = exts.iter().map(|e| e.as_slice()).collect();
    let (alg, _) = signer.sign_x509(b"probe");
    let tbs = seq(&[
        &explicit(0, &int(2)),
        &int(spec.serial),
        &alg,
        &issuer_name,
        &seq(&[&time(spec.not_before), &time(spec.not_after)]),
        &subject,
        &spki,
        &explicit(3, &seq(&ext_refs)),
    ]);
    let (alg, sig) = signer.sign_x509(&tbs);
    let der = seq(&[&tbs, &alg, &bits(&sig)]);
    Issued {
        der,
        key,
        name: subject,
        spki,
    }
}

pub fn pem(der: &[u8]) -> String {
    use base64::Engine;
    let b = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

/// A root and an intermediate CA (P-256), valid 2019-2035.
pub struct Pki {
    pub root: Issued,
    pub intermediate: Issued,
}

impl Pki {
    /// A claim signer called `cn` under the intermediate, valid 2025-2030.
    pub fn signer(&self, cn: &str, key: Key) -> Issued {
        issue(&Spec::signer(cn), key, Some(&self.intermediate))
    }

    /// A claim signer under the intermediate that expired on 2021-01-01.
    pub fn expired_signer(&self) -> Issued {
        let spec = Spec {
            not_before: epoch(2020, 1, 1),
            not_after: epoch(2021, 1, 1),
            ..Spec::signer("Old Signer")
        };
        issue(&spec, Key::p256(), Some(&self.intermediate))
    }

    /// The test TSA, under the intermediate.
    pub fn tsa(&self) -> Issued {
        tsa_under("Test TSA", 99, &self.intermediate)
    }
}

/// A TSA certificate called `cn`, issued by `issuer`, valid 2019-2034.
pub fn tsa_under(cn: &str, serial: u64, issuer: &Issued) -> Issued {
    let spec = Spec {
        ekus: vec![EKU_TIME_STAMPING],
        not_before: epoch(2019, 1, 1),
        not_after: epoch(2034, 1, 1),
        serial,
        ..Spec::signer(cn)
    };
    issue(&spec, Key::p256(), Some(issuer))
}

pub fn pki() -> Pki {
    let root = issue(&Spec::ca("Test Root CA"), Key::p256(), None);
    let intermediate = issue(
        &Spec {
            serial: 2,
            ..Spec::ca("Test Intermediate CA")
        },
        Key::p256(),
        Some(&root),
    );
    Pki { root, intermediate }
}
