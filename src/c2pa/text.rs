//! C2PA in text: the unstructured-text wrapper `C2PATextManifestWrapper` (C2PA 2.4 A.8), the
//! structured-text block (A.9), and the text data hash (§15.12.1.3): the hash over the text
//! minus the wrapper, NFC-normalised. Both offset readings the spec allows are accepted: offsets
//! into the stored bytes, and offsets into the NFC form.

use super::binding::data_hash::{exclusions, sub};
use super::binding::Status;
use super::cbor::Value;
use super::status as st;
use super::store::Hasher;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// "C2PATXT\0" (A.8.2).
const MAGIC: &[u8; 8] = b"C2PATXT\0";

/// A wrapper found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapper {
    /// The JUMBF manifest store.
    pub store: Vec<u8>,
    /// The wrapper's byte range, from the U+FEFF through the last selector (padding included).
    pub range: Range<u64>,
}

/// What a scan of the text found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Valid wrappers.
    pub wrappers: Vec<Wrapper>,
    /// Status codes for corrupted or multiple wrappers.
    pub statuses: Vec<Status>,
}

/// The byte a variation selector encodes: U+FE00..FE0F → 0..15, U+E0100..E01EF → 16..255.
fn selector_byte(c: char) -> Option<u8> {
    let cp = u32::from(c);
    match cp {
        0xFE00..=0xFE0F => u8::try_from(cp - 0xFE00).ok(),
        0xE0100..=0xE01EF => u8::try_from(cp - 0xE0100 + 16).ok(),
        _ => None,
    }
}

/// Find every wrapper in `text` (A.8.4: a U+FEFF, then one run of selectors with the magic).
pub fn find_wrappers(text: &str, max_bytes: u64) -> Found {
    let mut found = Found::default();
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if c != '\u{FEFF}' {
            continue;
        }
        let mut bytes = Vec::new();
        let mut end = at.saturating_add(c.len_utf8());
        while let Some(&(i, s)) = iter.peek() {
            let Some(b) = selector_byte(s) else { break };
            if crate::bytes::to_u64(bytes.len()) >= max_bytes {
                break;
            }
            bytes.push(b);
            end = i.saturating_add(s.len_utf8());
            iter.next();
        }
        if bytes.get(..8) != Some(&MAGIC[..]) {
            continue; // a BOM or an ordinary U+FEFF
        }
        let version = bytes.get(8).copied();
        let len = bytes
            .get(9..13)
            .and_then(|l| <[u8; 4]>::try_from(l).ok())
            .map(u32::from_be_bytes)
            .and_then(|l| usize::try_from(l).ok());
        let store = len.and_then(|l| bytes.get(13..13usize.checked_add(l)?));
        match (version, store) {
            (Some(1), Some(s)) => found.wrappers.push(Wrapper {
                store: s.to_vec(),
                range: crate::bytes::to_u64(at)..crate::bytes::to_u64(end),
            }),
            _ => found.statuses.push((
                "manifest.text.corruptedWrapper",
                Some(format!("at byte {at}")),
            )),
        }
    }
    if found.wrappers.len() > 1 {
        found
            .statuses
            .push(("manifest.text.multipleWrappers", None));
    }
    found
}

/// A structured-text block (A.9): `-----BEGIN C2PA MANIFEST----- <ref> -----END C2PA
/// MANIFEST-----`. Returns the reference (a URL or a `data:` URI) and the byte range of the
/// whole line(s) with the line terminator.
pub fn find_structured(text: &str) -> Option<(String, Range<u64>)> {
    const BEGIN: &str = "-----BEGIN C2PA MANIFEST-----";
    const END: &str = "-----END C2PA MANIFEST-----";
    let b = text.find(BEGIN)?;
    let after = b.checked_add(BEGIN.len())?;
    let e = after.checked_add(text.get(after..)?.find(END)?)?;
    let reference = text.get(after..e)?.trim().to_owned();
    let line_start = text
        .get(..b)?
        .rfind('\n')
        .map_or(0, |i| i.saturating_add(1));
    let end_of_end = e.checked_add(END.len())?;
    let line_end = text.get(end_of_end..)?.find('\n').map_or(text.len(), |i| {
        end_of_end.saturating_add(i).saturating_add(1)
    });
    Some((
        reference,
        crate::bytes::to_u64(line_start)..crate::bytes::to_u64(line_end),
    ))
}

/// Decode a `data:application/c2pa;base64,…` reference.
pub fn data_uri_store(reference: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let b64 = reference.strip_prefix("data:application/c2pa;base64,")?;
    let clean: String = b64.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(clean).ok()
}

/// Check a text data hash (§15.12.1.3): remove the excluded bytes, NFC-normalise, hash. Also
/// accepts offsets into the NFC form of the whole text (A.8.7.3).
pub fn check(v: &Value<'_>, default_alg: &str, text: &str, wrapper: &Range<u64>) -> Vec<Status> {
    let alg = v.get("alg").and_then(Value::as_text).unwrap_or(default_alg);
    let Some(expected) = v.get("hash").and_then(Value::as_bytes) else {
        return vec![(st::DATA_HASH_MALFORMED, Some("no hash".to_owned()))];
    };
    let digest = |t: &str, excl: &[Range<u64>]| -> Option<Vec<u8>> {
        let mut kept = String::new();
        let mut pos = 0u64;
        for r in excl {
            kept.push_str(std::str::from_utf8(sub(t.as_bytes(), pos..r.start.max(pos))?).ok()?);
            pos = pos.max(r.end);
        }
        kept.push_str(
            std::str::from_utf8(sub(t.as_bytes(), pos..crate::bytes::to_u64(t.len()))?).ok()?,
        );
        let nfc: String = kept.nfc().collect();
        let mut h = Hasher::new(alg)?;
        h.update(nfc.as_bytes());
        Some(h.finish())
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
        .is_some_and(|h| h == expected);
    if raw_ok {
        return vec![(st::DATA_HASH_MATCH, None)];
    }
    let nfc_text: String = text.nfc().collect();
    let nfc_ok = nfc_text != text
        && exclusions(v, crate::bytes::to_u64(nfc_text.len()))
            .and_then(|e| digest(&nfc_text, &e))
            .is_some_and(|h| h == expected);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| {
                let cp = if b < 16 {
                    0xFE00 + u32::from(b)
                } else {
                    0xE0100 + u32::from(b) - 16
                };
                char::from_u32(cp).unwrap()
            })
            .collect()
    }

    #[test]
    fn finds_the_spec_test_vector() {
        // FORMATS §2.1: "hello from c2pa-text " + U+FEFF + wrapper of payload 0..15.
        let mut w = MAGIC.to_vec();
        w.push(1);
        w.extend_from_slice(&16u32.to_be_bytes());
        w.extend(0u8..16);
        let text = format!("hello from c2pa-text \u{FEFF}{}", encode(&w));
        let f = find_wrappers(&text, 1 << 20);
        assert_eq!(f.wrappers.len(), 1);
        assert_eq!(f.wrappers[0].store, (0u8..16).collect::<Vec<_>>());
        assert_eq!(f.wrappers[0].range, 21..u64::try_from(text.len()).unwrap());
        // A plain BOM or an emoji selector is not a wrapper.
        assert!(find_wrappers("\u{FEFF}hi \u{2764}\u{FE0F}", 1 << 20)
            .wrappers
            .is_empty());
        // A truncated wrapper is corrupted.
        let cut = format!("x\u{FEFF}{}", encode(&w[..20]));
        assert_eq!(
            find_wrappers(&cut, 1 << 20).statuses[0].0,
            "manifest.text.corruptedWrapper"
        );
    }

    #[test]
    fn structured_block() {
        let t = "# -----BEGIN C2PA MANIFEST----- data:application/c2pa;base64,AAEC -----END C2PA MANIFEST-----\nbody\n";
        let (r, range) = find_structured(t).unwrap();
        assert_eq!(data_uri_store(&r), Some(vec![0, 1, 2]));
        assert_eq!(range, 0..u64::try_from(t.find("body").unwrap()).unwrap());
    }
}
