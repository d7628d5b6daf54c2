//! EncypherAI marks in text: a JSON object hidden in a run of variation selectors, one byte per
//! selector (U+FE00–FE0F for bytes 0–15, U+E0100–E01EF for 16–255, the byte mapping of the C2PA
//! text wrapper), written by the open-source `encypher-ai` package.
//!
//! The object (the package's "outer payload") is `{"format", "payload", "signature",
//! "signer_id"}`. In the `basic` and `manifest` formats `payload` is a JSON object (signer,
//! timestamp, model, and for `manifest` a small claim: generator, actions, `ai_info`), and
//! `signature` is an Ed25519 signature, base64url without padding, over the payload serialised
//! as Python's `json.dumps(payload, sort_keys=True, separators=(",", ":"))` (ASCII, `\uXXXX`
//! escapes). The signature covers the payload only, not the text around it. Other formats
//! (`cbor_manifest`, `jumbf`, `c2pa`) are recognised and reported, not verified.

use crate::crypto::{Crypto, Scheme, SigCheck};
use base64::Engine;
use serde_json::Value;

/// An Ed25519 public key (32 bytes, RFC 8032 §5.1.5). A key that is not a curve point never
/// verifies.
pub type Key = [u8; 32];

/// What a selector run carries, when it is an EncypherAI mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// `basic`, `manifest`, `cbor_manifest`, `jumbf` or `c2pa`.
    pub format: String,
    /// The signer it names.
    pub signer: String,
    /// The model it names (`model_id`, `ai_info.model_id`), if any.
    pub model: Option<String>,
    /// The claim generator it names (`manifest` format), if any.
    pub generator: Option<String>,
    /// The time it names, as written.
    pub time: Option<String>,
    /// The signature check.
    pub signature: SignatureCheck,
}

/// The outcome of the signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    /// It verifies with supplied key number `usize`.
    Verified(usize),
    /// Keys were supplied and it verifies with none of them (tampered, or another signer).
    Failed,
    /// No key was supplied.
    NoKey,
    /// The signature or payload is malformed, or the format is not one this reader verifies.
    Unchecked,
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().map(|s| s.chars().take(200).collect())
}

/// Decode `bytes` (a selector run) as an EncypherAI mark and check its signature with `keys`
/// (`crypto` answers). `None` when the bytes are not such a mark.
pub fn read(bytes: &[u8], keys: &[Key], crypto: &dyn Crypto) -> Option<Mark> {
    let s = std::str::from_utf8(bytes).ok()?;
    let outer: Value = serde_json::from_slice(s.trim_start_matches('\u{FEFF}').as_bytes()).ok()?;
    let format = text(&outer, &["format"])?;
    if !matches!(
        format.as_str(),
        "basic" | "manifest" | "cbor_manifest" | "jumbf" | "c2pa"
    ) {
        return None;
    }
    let signer = text(&outer, &["signer_id"])?;
    let payload = outer.get("payload");
    let model = payload.and_then(|p| {
        text(p, &["model_id"]).or_else(|| text(p, &["manifest", "ai_info", "model_id"]))
    });
    let generator = payload.and_then(|p| text(p, &["manifest", "claim_generator"]));
    let time = payload.and_then(|p| text(p, &["timestamp"]));
    let signature = match (format.as_str(), payload, outer.get("signature")) {
        ("basic" | "manifest", Some(p @ Value::Object(_)), Some(Value::String(sig))) => {
            check(p, sig, keys, crypto)
        }
        _ => SignatureCheck::Unchecked,
    };
    Some(Mark {
        format,
        signer,
        model,
        generator,
        time,
        signature,
    })
}

fn check(payload: &Value, sig: &str, keys: &[Key], crypto: &dyn Crypto) -> SignatureCheck {
    let Ok(raw) =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sig.trim_end_matches('='))
    else {
        return SignatureCheck::Unchecked;
    };
    if raw.len() != 64 {
        return SignatureCheck::Unchecked;
    }
    if keys.is_empty() {
        return SignatureCheck::NoKey;
    }
    let mut message = String::new();
    canonical(payload, &mut message);
    keys.iter()
        .position(|k| {
            crypto.verify(&SigCheck {
                scheme: Scheme::Ed25519,
                key: k,
                msg: message.as_bytes(),
                sig: &raw,
            })
        })
        .map_or(SignatureCheck::Failed, SignatureCheck::Verified)
}

/// Python's `json.dumps(v, sort_keys=True, separators=(",", ":"))`: sorted keys (serde_json's
/// map is ordered), no spaces, non-ASCII escaped as `\uXXXX` (surrogate pairs above U+FFFF).
/// Floats follow Rust's shortest form, which matches Python's `repr` except for exponents.
fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => string(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                canonical(x, out);
            }
            out.push('}');
        }
    }
}

fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Ed25519 public keys from PEM texts (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo) or
/// 64 hex digits. Returns the keys and a message for each text that is neither.
pub fn parse_keys(texts: &[String]) -> (Vec<Key>, Vec<String>) {
    /// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): SEQUENCE, SEQUENCE { OID
    /// 1.3.101.112 }, BIT STRING of 33 bytes (0 unused bits + 32 key bytes).
    const SPKI_PREFIX: [u8; 12] = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let t = t.trim();
        let raw: Option<Vec<u8>> = if t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()) {
            (0..32)
                .map(|j| {
                    let at = j * 2;
                    t.get(at..at + 2)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                })
                .collect()
        } else {
            let body: String = t
                .lines()
                .map(str::trim)
                .skip_while(|l| *l != "-----BEGIN PUBLIC KEY-----")
                .skip(1)
                .take_while(|l| !l.starts_with("-----END"))
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(body)
                .ok()
                .and_then(|der| der.strip_prefix(SPKI_PREFIX.as_slice()).map(<[u8]>::to_vec))
        };
        match raw.and_then(|r| <[u8; 32]>::try_from(r.as_slice()).ok()) {
            Some(k) => keys.push(k),
            None => problems.push(format!(
                "text key {}: expected an Ed25519 public key (PEM \"PUBLIC KEY\" or 64 hex \
                 digits), but found something else",
                i.saturating_add(1)
            )),
        }
    }
    (keys, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_matches_python() {
        let v: Value =
            serde_json::from_str(r#"{"b":[1,true,null],"a":"é😀\n\"","c":{"z":1,"y":-2.5}}"#)
                .unwrap_or(Value::Null);
        let mut out = String::new();
        canonical(&v, &mut out);
        assert_eq!(
            out,
            r#"{"a":"\u00e9\ud83d\ude00\n\"","b":[1,true,null],"c":{"y":-2.5,"z":1}}"#
        );
    }

    /// A backend for tests that never reach it.
    struct Unreached;
    impl Crypto for Unreached {
        fn digest(&self, _: crate::crypto::Hash, _: &[&[u8]]) -> crate::crypto::Digest {
            unreachable!()
        }
        fn verify(&self, _: &SigCheck<'_>) -> bool {
            unreachable!()
        }
    }
    const NONE: Unreached = Unreached;

    #[test]
    fn other_json_is_not_a_mark() {
        assert_eq!(
            read(br#"{"format":"other","signer_id":"x"}"#, &[], &NONE),
            None
        );
        assert_eq!(read(b"\xff\xfe", &[], &NONE), None);
        assert_eq!(read(br#"{"format":"basic"}"#, &[], &NONE), None);
    }

    #[test]
    fn bad_keys_are_reported() {
        let (k, p) = parse_keys(&["nonsense".to_owned(), "00".repeat(32)]);
        assert_eq!(p.len(), 1);
        assert_eq!(k.len(), 1);
    }
}
