//! EncypherAI marks in text, end to end through `check_text`: fixtures made with the real
//! `encypher-ai` package (`scripts/encypher-fixtures.py`; what each carries is in
//! `encypher-expected.json`, written by the generator from its own inputs) and payloads written
//! here from the package's documented layout and signed with a fresh key. Signed with the key
//! supplied → ai-verified; no key → ai-declared, "could not be checked"; tampered or another
//! key → ai-declared, "does not verify".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

use ailabel::container::text::wrapper::byte_selector;
use ailabel::{check_text, AiKind, Family, Options, Signal, Strength, Verdict};
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/text-hidden");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).expect("fixture")
}

fn with_keys(keys: &[String]) -> Options {
    Options {
        text_keys: keys.to_vec(),
        ..Options::default()
    }
}

fn mark(r: &ailabel::Report) -> &Signal {
    let marks: Vec<_> = r
        .signals
        .iter()
        .filter(|s| s.family == Family::HiddenUnicode && s.value.starts_with("EncypherAI"))
        .collect();
    assert_eq!(marks.len(), 1, "{:#?}", r.signals);
    marks[0]
}

#[test]
fn fixtures_from_the_real_package() {
    let expected: serde_json::Value =
        serde_json::from_str(&fixture("encypher-expected.json")).unwrap();
    let key = fixture("encypher-key.pem");
    let other = fixture("encypher-other-key.pem");
    for (name, e) in expected.as_object().unwrap() {
        let text = fixture(name);
        let verifies = e["verifies"].as_bool().unwrap();
        for (keys, want_verified) in [
            (vec![], false),
            (vec![other.clone()], false),
            (vec![other.clone(), key.clone()], verifies),
        ] {
            let r = check_text(&text, &with_keys(&keys));
            let m = mark(&r);
            for field in ["format", "signer", "model", "time"] {
                let v = e[field].as_str().unwrap();
                assert!(
                    m.value.contains(v),
                    "{name}: {field} {v} not in {}",
                    m.value
                );
            }
            assert_eq!(m.ai, Some(AiKind::Generated));
            assert_eq!(m.tool.as_deref(), e["model"].as_str());
            if want_verified {
                assert_eq!(r.verdict, Verdict::AiVerified, "{name}");
                assert_eq!(m.strength, Strength::Verified);
                assert!(m.explanation.contains("verifies with supplied text key 2"));
            } else {
                assert_eq!(r.verdict, Verdict::AiDeclared, "{name} {keys:?}");
                assert_eq!(m.strength, Strength::Declared);
                let why = if keys.is_empty() {
                    "could not be checked"
                } else {
                    "does not verify"
                };
                assert!(m.explanation.contains(why), "{name}: {}", m.explanation);
            }
        }
    }
}

fn pem(key: &SigningKey) -> String {
    let mut der = vec![
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    der.extend_from_slice(key.verifying_key().as_bytes());
    format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(der)
    )
}

/// A `basic` payload written from the package's layout: the payload serialised with sorted keys
/// and no spaces (non-ASCII as `\u` escapes), signed, and wrapped in the outer object.
fn embed(text: &str, key: &SigningKey, model: &str) -> String {
    let payload = format!(
        r#"{{"format":"basic","model_id":"{model}","signer_id":"caf\u00e9-desk","timestamp":"2025-01-02T03:04:05Z"}}"#
    );
    let sig = key.sign(payload.as_bytes());
    let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig.to_bytes());
    let outer = format!(
        r#"{{"format":"basic","payload":{payload},"signature":"{sig}","signer_id":"caf\u00e9-desk"}}"#
    );
    let selectors: String = outer.bytes().map(byte_selector).collect();
    let (head, tail) = text.split_once(' ').unwrap();
    format!("{head} {selectors}{tail}")
}

#[test]
fn payload_written_from_the_layout() {
    let key = SigningKey::generate(&mut rand_core::OsRng);
    let text = embed(
        "Quarterly figures are up. Costs are flat.",
        &key,
        "model-x 1.0",
    );
    let r = check_text(&text, &with_keys(&[pem(&key)]));
    assert_eq!(r.verdict, Verdict::AiVerified);
    let m = mark(&r);
    assert!(m.value.contains("signer \"café-desk\""), "{}", m.value);
    // The same key as 64 hex digits.
    let hex: String = key
        .verifying_key()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        check_text(&text, &with_keys(&[hex])).verdict,
        Verdict::AiVerified
    );
    // Changing the model in the payload breaks the signature.
    let forged = embed(
        "Quarterly figures are up. Costs are flat.",
        &key,
        "model-x 1.0",
    )
    .replace(
        &byte_selector(b'x').to_string(),
        &byte_selector(b'y').to_string(),
    );
    let r = check_text(&forged, &with_keys(&[pem(&key)]));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert!(mark(&r).explanation.contains("does not verify"));
    // A key that is not a key is a warning, not an error.
    let r = check_text(&text, &with_keys(&["not a key".to_owned()]));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert!(
        r.errors.iter().any(|e| e.message.contains("text key 1")),
        "{:?}",
        r.errors
    );
}
