//! C2PA in text: the unstructured-text wrapper `C2PATextManifestWrapper` (C2PA 2.4 A.8), the
//! structured-text block (A.9), and the text data hash (§15.12.1.3): the hash over the text
//! minus the wrapper, NFC-normalised. Both offset readings the spec allows are accepted: offsets
//! into the stored bytes, and offsets into the NFC form.

use super::binding::data_hash::{exclusions, sub};
use super::binding::Status;
use super::cbor::Value;
use super::nfc::nfc;
use super::status as st;
use crate::crypto::{Crypto, Digest, Hasher};
use std::ops::Range;

/// Check a text data hash (§15.12.1.3): remove the excluded bytes, NFC-normalise, hash. Also
/// accepts offsets into the NFC form of the whole text (A.8.7.3).
pub fn check(
    crypto: &dyn Crypto,
    v: &Value<'_>,
    default_alg: &str,
    text: &str,
    wrapper: &Range<u64>,
) -> Vec<Status> {
    if !super::nfc::ready() {
        // The browser module before the text-data part is loaded; the pipeline asks for it
        // whenever a text wrapper is found, so this is not reached there.
        let why = "the text data (Unicode NFC tables) is not loaded";
        return vec![(st::GENERAL_ERROR, Some(why.to_owned()))];
    }
    let alg = v.get("alg").and_then(Value::as_text).unwrap_or(default_alg);
    let Some(expected) = v.get("hash").and_then(Value::as_bytes) else {
        return vec![(st::DATA_HASH_MALFORMED, Some("no hash".to_owned()))];
    };
    let digest = |t: &str, excl: &[Range<u64>]| -> Option<Digest> {
        let mut kept = String::new();
        let mut pos = 0u64;
        for r in excl {
            kept.push_str(std::str::from_utf8(sub(t.as_bytes(), pos..r.start.max(pos))?).ok()?);
            pos = pos.max(r.end);
        }
        kept.push_str(
            std::str::from_utf8(sub(t.as_bytes(), pos..crate::bytes::to_u64(t.len()))?).ok()?,
        );
        let nfc = nfc(&kept)?;
        let mut h = Hasher::new(alg)?;
        h.update_owned(nfc.into_bytes());
        Some(h.finish(crypto))
    };
    if Hasher::new(alg).is_none() {
        return vec![(
            st::ALGORITHM_UNSUPPORTED,
            Some(format!("hash algorithm {alg}")),
        )];
    }
    let raw_ok = exclusions(v, crate::bytes::to_u64(text.len()))
        .filter(|e| e.iter().any(|r| r == wrapper))
        .and_then(|e| digest(text, &e))
        .is_some_and(|h| h.matches(expected));
    if raw_ok {
        return vec![(st::DATA_HASH_MATCH, None)];
    }
    let nfc_text = nfc(text).unwrap_or_default();
    let nfc_ok = nfc_text != text
        && exclusions(v, crate::bytes::to_u64(nfc_text.len()))
            .and_then(|e| digest(&nfc_text, &e))
            .is_some_and(|h| h.matches(expected));
    if nfc_ok {
        return vec![(st::DATA_HASH_MATCH, None)];
    }
    let matches_wrapper = exclusions(v, u64::MAX).is_some_and(|e| e.iter().any(|r| r == wrapper));
    if matches_wrapper {
        vec![(st::DATA_HASH_MISMATCH, None)]
    } else {
        vec![(
            st::DATA_HASH_MALFORMED,
            Some("no exclusion matches the text wrapper".to_owned()),
        )]
    }
}

// The tests use the native crypto backend.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::c2pa::binding::data_hash::tests::assertion;
    use crate::crypto::rust::RustCrypto;
    use sha2::{Digest, Sha256};

    #[test]
    fn hashes_the_nfc_text_minus_the_wrapper() {
        // "Cafe\u{301}" (decomposed) + a 4-byte stand-in wrapper; NFC composes é.
        let text = "Cafe\u{301} ok\u{FEFF}\u{FE01}";
        let start = text.find('\u{FEFF}').unwrap();
        let range = u64::try_from(start).unwrap()..u64::try_from(text.len()).unwrap();
        let want = Sha256::digest("Caf\u{e9} ok".as_bytes());
        let v = assertion(range.start, range.end - range.start, &want);
        assert_eq!(
            check(&RustCrypto, &v, "sha256", text, &range),
            vec![(st::DATA_HASH_MATCH, None)]
        );
        // Offsets into the NFC form (one byte shorter before the wrapper) are accepted too.
        let v_nfc = assertion(range.start - 1, range.end - range.start, &want);
        assert_eq!(
            check(&RustCrypto, &v_nfc, "sha256", text, &range)[0].0,
            st::DATA_HASH_MATCH
        );
        // A changed character is a mismatch.
        let changed = text.replacen("ok", "OK", 1);
        assert_eq!(
            check(&RustCrypto, &v, "sha256", &changed, &range)[0].0,
            st::DATA_HASH_MISMATCH
        );
    }
}
