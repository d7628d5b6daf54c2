//! Signature edge cases, the same vectors through both backends: here RustCrypto, in
//! `tests/wasm.rs` WebCrypto. `tests/fixtures/crypto-edges.json` holds the vectors; each says
//! how it was made and so whether it must verify. Regenerate with
//! `cargo test --test it crypto_edges::write_vectors -- --ignored` (RSA-PSS salts are random, so
//! the file changes; the expectations do not).

use crate::support::edges::{hex, run, unhex};
use ailabel::crypto::rust::RustCrypto;
use serde_json::{json, Value};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/crypto-edges.json"
);

#[test]
fn rustcrypto_answers_every_edge_case_as_made() {
    let vectors: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap();
    assert!(vectors.len() >= 10);
    for v in &vectors {
        assert_eq!(
            run(v, &RustCrypto),
            v["valid"].as_bool().unwrap(),
            "{}",
            v["name"]
        );
    }
}

/// DER minus the shortest-form rule: `INTEGER` with one more leading zero.
fn der_sig(r: &[u8], s: &[u8], extra_zero: bool) -> Vec<u8> {
    let int = |x: &[u8], pad: bool| {
        let x = {
            let i = x.iter().position(|b| *b != 0).unwrap_or(x.len() - 1);
            &x[i..]
        };
        let mut body = Vec::new();
        if x[0] & 0x80 != 0 {
            body.push(0);
        }
        if pad {
            body.push(0);
        }
        body.extend_from_slice(x);
        let mut out = vec![0x02];
        out.extend(len(body.len()));
        out.extend(body);
        out
    };
    fn len(n: usize) -> Vec<u8> {
        if n < 0x80 {
            vec![n as u8]
        } else {
            vec![0x81, n as u8]
        }
    }
    let mut body = int(r, extra_zero);
    body.extend(int(s, false));
    let mut out = vec![0x30];
    out.extend(len(body.len()));
    out.extend(body);
    out
}

#[test]
#[ignore = "writes tests/fixtures/crypto-edges.json"]
fn write_vectors() {
    use p256::ecdsa::signature::Signer;
    use rsa::signature::{RandomizedSigner, SignatureEncoding};
    let msg = b"C2PA claim bytes for the edge cases".to_vec();
    let mut out = Vec::new();
    let mut push = |name: &str, mut v: Value, valid: bool| {
        v["name"] = json!(name);
        v["msg"] = json!(hex(&msg));
        v["valid"] = json!(valid);
        out.push(v);
    };
    // P-256: a signature, its high-S twin (n - s verifies the same), a tampered one.
    let sk = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
    let key = sk
        .verifying_key()
        .to_encoded_point(false)
        .as_bytes()
        .to_vec();
    let sig: p256::ecdsa::Signature = sk.sign(&msg);
    let low = sig.normalize_s().unwrap_or(sig);
    let (r, s) = low.split_bytes();
    let n = hex_literal_n256();
    let high_s = sub_be(&n, &s);
    let p256 = |sig: Vec<u8>, der: bool| json!({"scheme": "ECDSA", "curve": "P-256", "hash": "SHA-256", "key": hex(&key), "sig": hex(&sig), "der": der});
    push("P-256 low S", p256(low.to_bytes().to_vec(), false), true);
    let mut hs = r.to_vec();
    hs.extend(&high_s);
    push("P-256 high S (n - s)", p256(hs, false), true);
    let mut bad = low.to_bytes().to_vec();
    bad[40] ^= 1;
    push("P-256 tampered s", p256(bad, false), false);
    // DER forms: the shortest form verifies; an extra leading zero is not DER and is refused.
    push("P-256 DER", p256(der_sig(&r, &s, false), true), true);
    push(
        "P-256 DER with a redundant leading zero",
        p256(der_sig(&r, &s, true), true),
        false,
    );
    // P-384 and P-521 (ES512: P-521 with SHA-512).
    let sk = p384::ecdsa::SigningKey::from_slice(&[9u8; 48]).unwrap();
    let sig: p384::ecdsa::Signature = sk.sign(&msg);
    push(
        "P-384",
        json!({"scheme": "ECDSA", "curve": "P-384", "hash": "SHA-384",
        "key": hex(sk.verifying_key().to_encoded_point(false).as_bytes()), "sig": hex(&sig.to_bytes())}),
        true,
    );
    let mut k521 = [0u8; 66];
    k521[65] = 5;
    k521[10] = 3;
    let sk = p521::ecdsa::SigningKey::from_slice(&k521).unwrap();
    let sig: p521::ecdsa::Signature =
        signature::RandomizedSigner::sign_with_rng(&sk, &mut rand_core::OsRng, &msg);
    let vk = p521::ecdsa::VerifyingKey::from(&sk);
    let key521 = hex(vk.to_encoded_point(false).as_bytes());
    push(
        "P-521 ES512",
        json!({"scheme": "ECDSA", "curve": "P-521", "hash": "SHA-512", "key": key521, "sig": hex(&sig.to_bytes())}),
        true,
    );
    let mut bad = sig.to_bytes().to_vec();
    bad[0] ^= 1;
    push(
        "P-521 tampered r",
        json!({"scheme": "ECDSA", "curve": "P-521", "hash": "SHA-512", "key": key521, "sig": hex(&bad)}),
        false,
    );
    // RSA-PSS: C2PA's PS256 wants a 32-byte salt; other salts must fail under that rule.
    let rsa = crate::support::pki::rsa_key();
    let pkcs1 = {
        use rsa::pkcs1::EncodeRsaPublicKey;
        rsa.to_public_key()
            .to_pkcs1_der()
            .unwrap()
            .as_bytes()
            .to_vec()
    };
    for (salt_signed, salt_checked, valid) in [
        (32, 32, true),
        (20, 32, false),
        (0, 32, false),
        (64, 64, true),
    ] {
        let signer =
            rsa::pss::SigningKey::<sha2::Sha256>::new_with_salt_len(rsa.clone(), salt_signed);
        let sig = signer.sign_with_rng(&mut rand_core::OsRng, &msg).to_vec();
        push(
            &format!("RSA-PSS SHA-256 signed with salt {salt_signed}, checked with {salt_checked}"),
            json!({"scheme": "RSA-PSS", "hash": "SHA-256", "salt": salt_checked, "key": hex(&pkcs1), "sig": hex(&sig)}),
            valid,
        );
    }
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(rsa.clone());
    let sig = signer.sign(&msg).to_vec();
    push(
        "RSASSA-PKCS1-v1_5 SHA-256",
        json!({"scheme": "RSASSA-PKCS1-v1_5", "hash": "SHA-256", "key": hex(&pkcs1), "sig": hex(&sig)}),
        true,
    );
    // Ed25519.
    let sk = ed25519_dalek::SigningKey::from_bytes(&[3u8; 32]);
    let sig = ed25519_dalek::Signer::sign(&sk, &msg);
    push(
        "Ed25519",
        json!({"scheme": "Ed25519", "key": hex(sk.verifying_key().as_bytes()), "sig": hex(&sig.to_bytes())}),
        true,
    );
    std::fs::write(PATH, serde_json::to_string_pretty(&out).unwrap() + "\n").unwrap();
}

/// The order of P-256 (SEC 2 §2.4.2), big-endian.
fn hex_literal_n256() -> Vec<u8> {
    unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
}

/// a - b for big-endian numbers of the same length (a > b).
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i32;
    for i in (0..a.len()).rev() {
        let d = i32::from(a[i]) - i32::from(b[i]) - borrow;
        borrow = i32::from(d < 0);
        out[i] = (d + if d < 0 { 256 } else { 0 }) as u8;
    }
    out
}
