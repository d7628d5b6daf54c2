//! The signature edge-case vectors of `tests/fixtures/crypto-edges.json`, read and checked
//! through a crypto backend: RustCrypto in `tests/it/crypto_edges.rs`, WebCrypto in
//! `tests/wasm.rs`.

use ailabel::crypto::{ecdsa_p1363, Crypto, Curve, Hash, Scheme, SigCheck};
use serde_json::Value;

#[allow(dead_code)]
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).unwrap())
        .collect()
}

/// The scheme a vector names.
pub fn scheme(v: &Value) -> Scheme {
    let hash = match v["hash"].as_str().unwrap_or("SHA-256") {
        "SHA-256" => Hash::Sha256,
        "SHA-384" => Hash::Sha384,
        _ => Hash::Sha512,
    };
    match v["scheme"].as_str().unwrap() {
        "ECDSA" => Scheme::Ecdsa {
            curve: match v["curve"].as_str().unwrap() {
                "P-256" => Curve::P256,
                "P-384" => Curve::P384,
                _ => Curve::P521,
            },
            hash,
        },
        "RSA-PSS" => Scheme::RsaPss {
            hash,
            salt: u16::try_from(v["salt"].as_u64().unwrap()).unwrap(),
        },
        "RSASSA-PKCS1-v1_5" => Scheme::RsaPkcs1 { hash },
        _ => Scheme::Ed25519,
    }
}

/// Check one vector with `crypto`; a DER ECDSA signature goes through the shared conversion.
pub fn run(v: &Value, crypto: &dyn Crypto) -> bool {
    let s = scheme(v);
    let mut sig = unhex(v["sig"].as_str().unwrap());
    if v["der"].as_bool() == Some(true) {
        let Scheme::Ecdsa { curve, .. } = s else {
            unreachable!()
        };
        match ecdsa_p1363(&sig, curve) {
            Some(raw) => sig = raw,
            None => return false,
        }
    }
    crypto.verify(&SigCheck {
        scheme: s,
        key: &unhex(v["key"].as_str().unwrap()),
        msg: &unhex(v["msg"].as_str().unwrap()),
        sig: &sig,
    })
}
