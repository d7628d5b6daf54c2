//! Signature edge cases, the same vectors through every backend: here RustCrypto and the
//! command line's native backend (`ring` + RustCrypto), in `tests/wasm.rs` WebCrypto. `tests/fixtures/crypto-edges.json` holds the vectors; each says
//! how it was made and so whether it must verify. Regenerate with
//! `cargo test --test it crypto_edges::write_vectors -- --ignored` (RSA-PSS salts are random, so
//! the file changes; the expectations do not).

use crate::support::edges::{hex, run, unhex};
use ailabel::crypto::native::NativeCrypto;
use ailabel::crypto::rust::RustCrypto;
use ailabel::crypto::session::Session;
use ailabel::crypto::{Crypto, Curve, Hash, Scheme, SigCheck};
use serde_json::{json, Value};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/crypto-edges.json"
);

#[test]
fn rustcrypto_answers_every_edge_case_as_made() {
    answers_as_made(&RustCrypto);
}

/// The command line's backend: `ring` where it takes the request, RustCrypto for the rest
/// (P-521, Ed25519, PSS with a salt other than the hash length).
#[test]
fn the_native_backend_answers_every_edge_case_as_made() {
    answers_as_made(&NativeCrypto);
    // Through a session, twice: a remembered answer is the same answer.
    let session = Session::new(NativeCrypto);
    answers_as_made(&session);
    answers_as_made(&session);
}

fn answers_as_made(crypto: &dyn Crypto) {
    let vectors: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(PATH).unwrap()).unwrap();
    assert!(vectors.len() >= 10);
    for v in &vectors {
        assert_eq!(
            run(v, crypto),
            v["valid"].as_bool().unwrap(),
            "{}",
            v["name"]
        );
    }
}

/// Requests on the border of what `ring` takes (`crypto::native` routes the rest to RustCrypto),
/// made here with fresh keys: each must be answered as made, and the same by both native
/// backends. RSA: every hash with PKCS#1 v1.5 and with PSS (salt as long as the hash, and
/// another length), a signature one byte too long or short, one equal to the modulus, a
/// 1024-bit key; ECDSA: a compressed key, a curve with another hash, r = 0, s = n.
#[test]
fn both_native_backends_agree_on_the_border_of_ring() {
    use p256::ecdsa::signature::Signer;
    use rsa::signature::{RandomizedSigner, SignatureEncoding};
    use rsa::traits::PublicKeyParts;
    let msg = b"C2PA claim bytes on the border".to_vec();
    // (name, scheme, key, signature, valid as made)
    type Case = (String, Scheme, Vec<u8>, Vec<u8>, bool);
    let mut cases: Vec<Case> = Vec::new();
    let pkcs1 = |k: &rsa::RsaPrivateKey| {
        use rsa::pkcs1::EncodeRsaPublicKey;
        k.to_public_key()
            .to_pkcs1_der()
            .unwrap()
            .as_bytes()
            .to_vec()
    };
    let k2048 = crate::support::pki::rsa_key();
    let k1024 = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 1024).unwrap();
    for (bits, key) in [(2048, &k2048), (1024, &k1024)] {
        let der = pkcs1(key);
        macro_rules! per_hash {
            ($h:ty, $hash:expr, $len:expr) => {{
                let sig = rsa::pkcs1v15::SigningKey::<$h>::new(key.clone())
                    .sign(&msg)
                    .to_vec();
                let s = Scheme::RsaPkcs1 { hash: $hash };
                cases.push((
                    format!("PKCS1 {bits} {:?}", $hash),
                    s,
                    der.clone(),
                    sig.clone(),
                    true,
                ));
                let mut long = vec![0u8];
                long.extend(&sig);
                cases.push((
                    format!("PKCS1 {bits} {:?} 0-prefixed", $hash),
                    s,
                    der.clone(),
                    long,
                    false,
                ));
                cases.push((
                    format!("PKCS1 {bits} {:?} short", $hash),
                    s,
                    der.clone(),
                    sig[1..].to_vec(),
                    false,
                ));
                let n = key.n().to_bytes_be();
                cases.push((
                    format!("PKCS1 {bits} {:?} sig = n", $hash),
                    s,
                    der.clone(),
                    n,
                    false,
                ));
                for salt in [$len, 20usize] {
                    if $len + salt + 2 > bits / 8 {
                        continue; // does not fit (RFC 8017 §9.1.1 step 3)
                    }
                    let sig = rsa::pss::SigningKey::<$h>::new_with_salt_len(key.clone(), salt)
                        .sign_with_rng(&mut rand_core::OsRng, &msg)
                        .to_vec();
                    for checked in [$len, 20usize] {
                        let s = Scheme::RsaPss {
                            hash: $hash,
                            salt: u16::try_from(checked).unwrap(),
                        };
                        cases.push((
                            format!("PSS {bits} {:?} salt {salt} checked {checked}", $hash),
                            s,
                            der.clone(),
                            sig.clone(),
                            salt == checked,
                        ));
                    }
                }
            }};
        }
        per_hash!(sha2::Sha256, Hash::Sha256, 32);
        per_hash!(sha2::Sha384, Hash::Sha384, 48);
        per_hash!(sha2::Sha512, Hash::Sha512, 64);
    }
    // ECDSA P-256.
    let sk = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
    let vk = sk.verifying_key();
    let sig: p256::ecdsa::Signature = sk.sign(&msg);
    let p256 = Scheme::Ecdsa {
        curve: Curve::P256,
        hash: Hash::Sha256,
    };
    let full = vk.to_encoded_point(false).as_bytes().to_vec();
    let compressed = vk.to_encoded_point(true).as_bytes().to_vec();
    cases.push((
        "P-256 uncompressed".into(),
        p256,
        full.clone(),
        sig.to_vec(),
        true,
    ));
    cases.push((
        "P-256 compressed".into(),
        p256,
        compressed,
        sig.to_vec(),
        true,
    ));
    let mut r0 = sig.to_vec();
    r0[..32].fill(0);
    cases.push(("P-256 r = 0".into(), p256, full.clone(), r0, false));
    let mut sn = sig.to_vec();
    sn[32..].copy_from_slice(&hex_literal_n256());
    cases.push(("P-256 s = n".into(), p256, full.clone(), sn, false));
    let mut bad_key = full.clone();
    bad_key[64] ^= 1;
    cases.push((
        "P-256 key off the curve".into(),
        p256,
        bad_key,
        sig.to_vec(),
        false,
    ));
    // P-256 with SHA-384 (not a pairing ring takes): the prehash is SHA-384's, truncated.
    let d384 = {
        use sha2::Digest;
        sha2::Sha384::digest(&msg)
    };
    let sig384: p256::ecdsa::Signature =
        p256::ecdsa::signature::hazmat::PrehashSigner::sign_prehash(&sk, &d384).unwrap();
    let p256_384 = Scheme::Ecdsa {
        curve: Curve::P256,
        hash: Hash::Sha384,
    };
    cases.push((
        "P-256 SHA-384".into(),
        p256_384,
        full.clone(),
        sig384.to_vec(),
        true,
    ));
    cases.push((
        "P-256 SHA-384 under SHA-256".into(),
        p256,
        full,
        sig384.to_vec(),
        false,
    ));
    // P-384 compressed.
    let sk = p384::ecdsa::SigningKey::from_slice(&[9u8; 48]).unwrap();
    let sig: p384::ecdsa::Signature = sk.sign(&msg);
    let p384 = Scheme::Ecdsa {
        curve: Curve::P384,
        hash: Hash::Sha384,
    };
    let k = sk.verifying_key();
    cases.push((
        "P-384".into(),
        p384,
        k.to_encoded_point(false).as_bytes().to_vec(),
        sig.to_vec(),
        true,
    ));
    cases.push((
        "P-384 compressed".into(),
        p384,
        k.to_encoded_point(true).as_bytes().to_vec(),
        sig.to_vec(),
        true,
    ));

    for (name, scheme, key, sig, valid) in &cases {
        let c = SigCheck {
            scheme: *scheme,
            key,
            msg: &msg,
            sig,
        };
        assert_eq!(RustCrypto.verify(&c), *valid, "RustCrypto: {name}");
        assert_eq!(NativeCrypto.verify(&c), *valid, "native: {name}");
    }
    assert!(cases.len() >= 50, "{}", cases.len());
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
