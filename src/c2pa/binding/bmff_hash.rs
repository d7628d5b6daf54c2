//! `c2pa.hash.bmff`, `.v2` and `.v3` (C2PA 2.2 §18.6): a hash over the top-level boxes of an ISO
//! BMFF file (MP4, HEIF, AVIF) minus xpath-selected exclusions. For v2 and v3 each top-level box
//! that is not wholly excluded contributes its absolute offset as a big-endian u64 before its
//! bytes (c2pa-rs `bmff_to_jumbf_exclusions`). A Merkle tree (`merkle`: fragmented MP4, DASH
//! segments, mdat blocks) is checked by [`super::bmff_merkle`] with the same region hashing
//! ([`super::bmff_boxes`]).

use super::bmff_boxes::{digest_region, walk, Assertion};
use super::bmff_merkle;
use super::Status;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;
use crate::crypto::Crypto;
use crate::limits::C2paBudget;

/// c2pa-rs `BmffHash::verify_self`: a remote URL is refused, exclusions are required, and each
/// exclusion's subsets are in offset order without overlap (C2PA 2.2 §18.6.2).
fn verify_self(v: &Value<'_>) -> Result<(), Status> {
    if v.get("url").is_some() {
        let why = "a remote BMFF hash (url) is deprecated and not followed";
        return Err((st::BMFF_HASH_MISMATCH, Some(why.to_owned())));
    }
    let malformed = |why: &str| (st::BMFF_HASH_MALFORMED, Some(why.to_owned()));
    let exclusions = v.get("exclusions").and_then(Value::as_array);
    if exclusions.is_none_or(<[Value<'_>]>::is_empty) {
        return Err(malformed("no exclusions"));
    }
    for e in exclusions.unwrap_or_default() {
        let subsets = e
            .get("subset")
            .and_then(Value::as_array)
            .unwrap_or_default();
        let mut end_before: Option<u64> = None;
        for s in subsets {
            let off = s.get("offset").and_then(Value::as_u64);
            let len = s.get("length").and_then(Value::as_u64);
            let (Some(off), Some(len)) = (off, len) else {
                return Err(malformed("a subset without offset or length"));
            };
            if end_before.is_some_and(|e| e > off) {
                return Err(malformed("subsets out of order or overlapping"));
            }
            let Some(end) = off.checked_add(len) else {
                return Err(malformed("a subset past the end of the address space"));
            };
            end_before = Some(end);
        }
    }
    Ok(())
}

/// Check a BMFF hash assertion with base label `label` against `input`, whose DASH media
/// segments (when `input` is their init segment) are `fragments`.
pub fn check(
    crypto: &dyn Crypto,
    label: &str,
    v: &Value<'_>,
    default_alg: &str,
    input: &[u8],
    fragments: &[&[u8]],
    c2pa: &C2paBudget<'_>,
) -> Vec<Status> {
    if let Err(s) = verify_self(v) {
        return vec![s];
    }
    let additional = v
        .get("exclusions")
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .any(|e| {
            let xp = e.get("xpath").and_then(Value::as_text).unwrap_or_default();
            !matches!(xp, "/uuid" | "/ftyp" | "/mfra")
        });
    let a = Assertion {
        v,
        with_offsets: label != "c2pa.hash.bmff",
        additional,
    };
    let result = if fragments.is_empty() {
        whole_file(crypto, &a, default_alg, input, c2pa)
    } else {
        bmff_merkle::segments(crypto, &a, default_alg, input, fragments, c2pa)
    };
    match result {
        Ok(()) => {
            let mut out = vec![(st::BMFF_HASH_MATCH, None)];
            if a.additional {
                out.push((st::BMFF_HASH_ADDITIONAL_EXCLUSIONS, None));
            }
            out
        }
        Err(s) => vec![s],
    }
}

/// c2pa-rs `verify_stream_hash`: the file hash if there is one, then the Merkle tree if there
/// is one.
fn whole_file(
    crypto: &dyn Crypto,
    a: &Assertion<'_>,
    default_alg: &str,
    input: &[u8],
    c2pa: &C2paBudget<'_>,
) -> Result<(), Status> {
    let limits = c2pa.limits;
    let hash = a.v.get("hash").and_then(Value::as_bytes);
    let merkle = a.v.get("merkle");
    if hash.is_none() && merkle.is_none() {
        // c2pa-rs accepts an assertion that hashes nothing; we do not (docs/C2PA-RULES.md).
        return Err((
            st::BMFF_HASH_MALFORMED,
            Some("neither hash nor merkle".to_owned()),
        ));
    }
    let excl = a.excluded(input, limits).ok_or((
        st::BMFF_HASH_MALFORMED,
        Some("an exclusion could not be read".to_owned()),
    ))?;
    let len = crate::bytes::to_u64(input.len());
    let top = walk(input, 0..len, limits);
    if let Some(expected) = hash {
        let alg =
            a.v.get("alg")
                .and_then(Value::as_text)
                .unwrap_or(default_alg);
        let Some(d) = digest_region(crypto, alg, input, &top, &excl, a.with_offsets, 0..len) else {
            return Err((
                st::ALGORITHM_UNSUPPORTED,
                Some(format!("hash algorithm {alg}")),
            ));
        };
        if !d.matches(expected) {
            return Err((st::BMFF_HASH_MISMATCH, None));
        }
    }
    if merkle.is_some() {
        bmff_merkle::whole_file(crypto, a, input, &top, &excl, c2pa)?;
    }
    Ok(())
}
