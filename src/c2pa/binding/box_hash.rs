//! `c2pa.hash.boxes` (C2PA 2.2 §18.7): one hash per run of named top-level segments (JPEG
//! markers, PNG chunks, GIF blocks), every segment listed in file order. The segments carrying
//! the manifest store are named `C2PA` and are not hashed.

use super::data_hash::sub;
use super::Status;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;
use crate::container::Segment;
use crate::crypto::{Crypto, Hasher};
use std::ops::Range;

/// Check a box-hash assertion against the walker's `segments`.
pub fn check(
    crypto: &dyn Crypto,
    v: &Value<'_>,
    default_alg: &str,
    input: &[u8],
    segments: &[Segment],
    store_ranges: &[Range<u64>],
) -> Vec<Status> {
    let Some(maps) = v.get("boxes").and_then(Value::as_array) else {
        return vec![(st::BOXES_HASH_MALFORMED, Some("no boxes".to_owned()))];
    };
    let outer_alg = v.get("alg").and_then(Value::as_text).unwrap_or(default_alg);
    let in_store = |s: &Segment| {
        store_ranges
            .iter()
            .any(|r| r.start <= s.range.start && s.range.end <= r.end)
    };
    let name_of = |s: &Segment| {
        if in_store(s) {
            "C2PA".to_owned()
        } else {
            s.name.clone()
        }
    };
    let mut cursor = 0usize;
    for m in maps {
        let Some(names) = m.get("names").and_then(Value::as_array) else {
            return vec![(
                st::BOXES_HASH_MALFORMED,
                Some("a box map has no names".to_owned()),
            )];
        };
        let alg = m.get("alg").and_then(Value::as_text).unwrap_or(outer_alg);
        let Some(mut h) = Hasher::new(alg) else {
            return vec![(
                st::ALGORITHM_UNSUPPORTED,
                Some(format!("hash algorithm {alg}")),
            )];
        };
        let mut is_store = false;
        for n in names {
            let want = n.as_text().unwrap_or_default();
            // Consecutive store segments (JPEG APP11 continuations) share the one name `C2PA`.
            let Some(seg) = segments.get(cursor) else {
                return vec![(
                    st::BOXES_HASH_UNKNOWN_BOX,
                    Some(format!("box {want} is not in the file")),
                )];
            };
            if name_of(seg) != want {
                return vec![(
                    st::BOXES_HASH_UNKNOWN_BOX,
                    Some(format!("expected box {want}, found {}", name_of(seg))),
                )];
            }
            if want == "C2PA" {
                is_store = true;
                while segments.get(cursor).is_some_and(in_store) {
                    cursor = cursor.saturating_add(1);
                }
                continue;
            }
            h.update(sub(input, seg.range.clone()).unwrap_or_default());
            cursor = cursor.saturating_add(1);
        }
        let excluded = matches!(m.get("excluded"), Some(Value::Bool(true)));
        if is_store || excluded {
            continue;
        }
        let expected = m.get("hash").and_then(Value::as_bytes).unwrap_or_default();
        if !h.finish(crypto).matches(expected) {
            return vec![(st::BOXES_HASH_MISMATCH, None)];
        }
    }
    if let Some(seg) = segments.get(cursor) {
        return vec![(
            st::BOXES_HASH_UNKNOWN_BOX,
            Some(format!("box {} is not listed", seg.name)),
        )];
    }
    vec![(st::BOXES_HASH_MATCH, None)]
}
