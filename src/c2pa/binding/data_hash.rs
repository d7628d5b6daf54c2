//! `c2pa.hash.data` (C2PA 2.2 §9.2.1, §18.5): a hash over every byte of the asset except the
//! listed exclusions. The exclusions must cover the manifest store's carrying segments exactly
//! (A.3.1 for JPEG: "including FF EB and Lp"); more than that is reported as
//! `assertion.dataHash.additionalExclusionsPresent`.

use super::Status;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;
use crate::crypto::{Crypto, Digest, Hasher};
use std::ops::Range;

/// The exclusions of a data-hash assertion, sorted, or `None` if malformed.
pub fn exclusions(v: &Value<'_>, input_len: u64) -> Option<Vec<Range<u64>>> {
    let mut out = Vec::new();
    for e in v
        .get("exclusions")
        .and_then(Value::as_array)
        .unwrap_or_default()
    {
        let start = e.get("start")?.as_u64()?;
        let len = e.get("length")?.as_u64()?;
        let end = start.checked_add(len)?;
        if end > input_len {
            return None;
        }
        out.push(start..end);
    }
    crate::bytes::sort_by_key(&mut out, |r| r.start);
    Some(out)
}

/// Hash `input` minus the sorted `excl` ranges: the kept ranges are handed to `crypto` as
/// slices of the input, never copied here.
pub fn hash_excluding(
    crypto: &dyn Crypto,
    alg: &str,
    input: &[u8],
    excl: &[Range<u64>],
) -> Option<Digest> {
    let mut h = Hasher::new(alg)?;
    let mut pos = 0u64;
    for r in excl {
        if r.start > pos {
            h.update(sub(input, pos..r.start)?);
        }
        pos = pos.max(r.end);
    }
    h.update(sub(input, pos..crate::bytes::to_u64(input.len()))?);
    Some(h.finish(crypto))
}

/// The sub-slice for a u64 range.
pub fn sub(input: &[u8], r: Range<u64>) -> Option<&[u8]> {
    let s = usize::try_from(r.start).ok()?;
    let e = usize::try_from(r.end).ok()?;
    input.get(s..e)
}

/// How many exclusions a detail lists.
const SHOWN: usize = 8;

/// Check a data hash against `input`, given the byte ranges carrying the store. `rebase` is for
/// the parent binding of an update manifest (§10.5): the store has grown since the parent was
/// signed, so an exclusion that starts where the store starts is taken to cover the store now.
pub fn check(
    crypto: &dyn Crypto,
    v: &Value<'_>,
    default_alg: &str,
    input: &[u8],
    store_ranges: &[Range<u64>],
    rebase: bool,
) -> Vec<Status> {
    let alg = v.get("alg").and_then(Value::as_text).unwrap_or(default_alg);
    let Some(expected) = v.get("hash").and_then(Value::as_bytes) else {
        return vec![(st::DATA_HASH_MALFORMED, Some("no hash".to_owned()))];
    };
    let Some(mut excl) = exclusions(v, crate::bytes::to_u64(input.len())) else {
        return vec![(
            st::DATA_HASH_MALFORMED,
            Some("an exclusion lies outside the file".to_owned()),
        )];
    };
    let store_span = store_ranges
        .first()
        .map(|f| f.start)
        .zip(store_ranges.iter().map(|r| r.end).max());
    if let (true, Some((s, e))) = (rebase, store_span) {
        for x in excl.iter_mut().filter(|x| x.start == s) {
            x.end = e;
        }
    }
    let Some(got) = hash_excluding(crypto, alg, input, &excl) else {
        return vec![(
            st::ALGORITHM_UNSUPPORTED,
            Some(format!("hash algorithm {alg}")),
        )];
    };
    let mut out = Vec::new();
    if !got.matches(expected) {
        out.push((st::DATA_HASH_MISMATCH, None));
        return out;
    }
    // The store must be excluded, and it must be all that is excluded besides metadata.
    // A RIFF chunk of odd size is followed by one zero pad byte (A.3.6) that writers leave in
    // the hash: an exclusion that stops just before it still covers the store.
    let pad_only = |e: &Range<u64>, r: &Range<u64>| {
        r.end == e.end.saturating_add(1) && sub(input, e.end..r.end) == Some(&[0u8][..])
    };
    let covered = |r: &Range<u64>| {
        excl.iter()
            .any(|e| e.start <= r.start && (r.end <= e.end || pad_only(e, r)))
    };
    if let Some(r) = store_ranges.iter().find(|r| !covered(r)) {
        // The first few exclusions: 200,000 of them made a 5 MB detail of 200,000 strings.
        let shown = excl.get(..SHOWN).unwrap_or(&excl);
        out.push((
            st::DATA_HASH_MISMATCH,
            Some(format!(
                "the manifest store at bytes {}..{} is not excluded from the hash, whose exclusions begin {}",
                r.start,
                r.end,
                shown.iter().map(|e| format!("{}..{}", e.start, e.end)).collect::<Vec<_>>().join(", ")
            )),
        ));
        return out;
    }
    // The exclusion that holds the store must hold nothing else (c2pa-rs: otherwise a mismatch).
    if let Some((s, e)) = store_span {
        let around = |x: &&Range<u64>| x.start < e && s < x.end;
        if excl.iter().filter(around).any(|x| x.start < s || x.end > e) {
            out.push((
                st::DATA_HASH_MISMATCH,
                Some(
                    "the exclusion around the manifest store also leaves out other bytes"
                        .to_owned(),
                ),
            ));
            return out;
        }
    }
    out.push((st::DATA_HASH_MATCH, None));
    let excluded: u64 = excl.iter().map(|r| r.end.saturating_sub(r.start)).sum();
    let store: u64 = store_ranges
        .iter()
        .map(|r| r.end.saturating_sub(r.start))
        .sum();
    if !store_ranges.is_empty() && excluded > store {
        out.push((st::DATA_HASH_ADDITIONAL_EXCLUSIONS, None));
    }
    out
}

// The tests use the native crypto backend.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::crypto::rust::RustCrypto;
    use sha2::{Digest, Sha256};

    /// A `c2pa.hash.data` assertion with one exclusion, for tests here and in `c2pa::text`.
    pub(crate) fn assertion(start: u64, len: u64, hash: &[u8]) -> Value<'static> {
        Value::Map(vec![
            (
                Value::Text("exclusions".into()),
                Value::Array(vec![Value::Map(vec![
                    (Value::Text("start".into()), Value::Uint(start)),
                    (Value::Text("length".into()), Value::Uint(len)),
                ])]),
            ),
            (
                Value::Text("hash".into()),
                Value::Bytes(hash.to_vec().into()),
            ),
        ])
    }

    #[test]
    fn hashes_around_the_exclusion() {
        let input = b"abcSTOREdef";
        let store = [Range { start: 3, end: 8 }];
        let other = [Range { start: 0, end: 2 }];
        let want = Sha256::digest(b"abcdef");
        let v = assertion(3, 5, &want);
        assert_eq!(
            check(&RustCrypto, &v, "sha256", input, &store, false),
            vec![(st::DATA_HASH_MATCH, None)]
        );
        // One flipped byte outside the exclusion is a mismatch.
        assert_eq!(
            check(&RustCrypto, &v, "sha256", b"abcSTOREdeF", &store, false)[0].0,
            st::DATA_HASH_MISMATCH
        );
        // A store outside the exclusion is a mismatch even if the hash matches.
        assert_eq!(
            check(&RustCrypto, &v, "sha256", input, &other, false)[0].0,
            st::DATA_HASH_MISMATCH
        );
        // Exclusions past the end are malformed, unknown algorithms unsupported.
        assert_eq!(
            check(
                &RustCrypto,
                &assertion(8, 9, &want),
                "sha256",
                input,
                &[],
                false
            )[0]
            .0,
            st::DATA_HASH_MALFORMED
        );
        assert_eq!(
            check(&RustCrypto, &v, "md5", input, &[], false)[0].0,
            st::ALGORITHM_UNSUPPORTED
        );
    }

    #[test]
    fn the_store_exclusion_holds_only_the_store() {
        // Exclusion 0..8 covers the store 3..8 and also bytes 0..3: c2pa-rs calls it a mismatch.
        let input = b"abcSTOREdef";
        let v = assertion(0, 8, &Sha256::digest(b"def"));
        let store = [Range { start: 3, end: 8 }];
        assert_eq!(
            check(&RustCrypto, &v, "sha256", input, &store, false)[0].0,
            st::DATA_HASH_MISMATCH
        );
        // The odd-sized RIFF chunk's zero pad byte may be left in the hash (A.3.6).
        let padded = b"abcSTORE\0def";
        let v = assertion(3, 5, &Sha256::digest(b"abc\0def"));
        let chunk = [Range { start: 3, end: 9 }];
        assert_eq!(
            check(&RustCrypto, &v, "sha256", padded, &chunk, false)[0].0,
            st::DATA_HASH_MATCH
        );
        // An update manifest's grown store: the exclusion starting at the store is extended.
        let v = assertion(3, 2, &Sha256::digest(b"abcdef"));
        assert_eq!(
            check(&RustCrypto, &v, "sha256", input, &store, true)[0].0,
            st::DATA_HASH_MATCH
        );
        assert_eq!(
            check(&RustCrypto, &v, "sha256", input, &store, false)[0].0,
            st::DATA_HASH_MISMATCH
        );
    }

    /// A store left in the hash is reported with the first eight exclusions, not all of them
    /// (200,000 made a 5 MB detail of 200,000 strings).
    #[test]
    fn the_detail_lists_eight_exclusions() {
        let input = b"abcSTOREdef";
        let excl: Vec<Value<'_>> = (0..100u64)
            .map(|i| {
                Value::Map(vec![
                    (Value::Text("start".into()), Value::Uint(i % 3)),
                    (Value::Text("length".into()), Value::Uint(1)),
                ])
            })
            .collect();
        let v = Value::Map(vec![
            (Value::Text("exclusions".into()), Value::Array(excl)),
            (
                Value::Text("hash".into()),
                Value::Bytes(Sha256::digest(b"STOREdef").to_vec().into()),
            ),
        ]);
        let store = [Range { start: 3, end: 8 }];
        let got = check(&RustCrypto, &v, "sha256", input, &store, false);
        let (code, Some(detail)) = &got[0] else {
            panic!("a detail")
        };
        assert_eq!(*code, st::DATA_HASH_MISMATCH);
        assert!(
            detail
                .ends_with("whose exclusions begin 0..1, 0..1, 0..1, 0..1, 0..1, 0..1, 0..1, 0..1"),
            "{detail}"
        );
    }
}
