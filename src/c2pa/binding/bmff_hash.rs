//! `c2pa.hash.bmff.v2` / `.v3` (C2PA 2.2 §18.6): a hash over the top-level boxes of an ISO BMFF
//! file (MP4, HEIF, AVIF) minus xpath-selected exclusions. For v2 and v3 each top-level box that
//! is not wholly excluded contributes its absolute offset as a big-endian u64 before its bytes.
//! Merkle trees (fragmented files) are reported as unsupported, not as wrong.

use super::data_hash::sub;
use super::Status;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;
use crate::crypto::{Crypto, Hasher};
use crate::limits::Limits;
use std::ops::Range;

/// A box found while walking.
#[derive(Debug, Clone)]
struct BoxInfo {
    typ: [u8; 4],
    range: Range<u64>,
    header: u64,
}

/// Walk the boxes in `input[range]` (not nested).
fn walk(input: &[u8], range: Range<u64>, limits: &Limits) -> Vec<BoxInfo> {
    let mut out = Vec::new();
    let mut pos = range.start;
    let max = usize::try_from(limits.max_blocks).unwrap_or(usize::MAX);
    while pos.saturating_add(8) <= range.end && out.len() < max {
        let Some(h) = sub(input, pos..pos.saturating_add(8)) else {
            break;
        };
        let mut r = crate::bytes::Reader::new(h, "BMFF box header");
        let (Ok(size32), Ok(typ)) = (r.u32_be("size"), r.array::<4>("type")) else {
            break;
        };
        let mut size = u64::from(size32);
        let mut header: u64 = 8;
        if size == 1 {
            let Some(x) = sub(input, pos.saturating_add(8)..pos.saturating_add(16)) else {
                break;
            };
            let Ok(arr) = <[u8; 8]>::try_from(x) else {
                break;
            };
            size = u64::from_be_bytes(arr);
            header = 16;
        } else if size == 0 {
            size = range.end.saturating_sub(pos);
        }
        if typ == *b"uuid" {
            header = header.saturating_add(16);
        }
        if size < header || pos.saturating_add(size) > range.end {
            break;
        }
        out.push(BoxInfo {
            typ,
            range: pos..pos.saturating_add(size),
            header,
        });
        pos = pos.saturating_add(size);
    }
    out
}

/// Boxes whose children are boxes (after `skip` bytes of full-box header).
fn container_skip(typ: &[u8; 4]) -> Option<u64> {
    match typ {
        b"moov" | b"trak" | b"mdia" | b"minf" | b"stbl" | b"dinf" | b"edts" | b"udta" | b"mvex"
        | b"moof" | b"traf" | b"mfra" | b"iprp" | b"ipco" | b"sinf" | b"schi" => Some(0),
        b"meta" => Some(4),
        _ => None,
    }
}

/// Boxes selected by an xpath like `/moov/trak` (index predicates are ignored).
fn select(input: &[u8], xpath: &str, limits: &Limits) -> Vec<BoxInfo> {
    let mut level = walk(input, 0..crate::bytes::to_u64(input.len()), limits);
    let parts: Vec<&str> = xpath.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() > usize::try_from(limits.max_depth).unwrap_or(usize::MAX) {
        return Vec::new();
    }
    for (i, part) in parts.iter().enumerate() {
        let name = part.split('[').next().unwrap_or(part).as_bytes();
        let matched: Vec<BoxInfo> = level.into_iter().filter(|b| b.typ == name).collect();
        if i.saturating_add(1) == parts.len() {
            return matched;
        }
        level = Vec::new();
        for b in matched {
            if let Some(skip) = container_skip(&b.typ) {
                let start = b.range.start.saturating_add(b.header).saturating_add(skip);
                level.extend(walk(input, start..b.range.end, limits));
            }
        }
    }
    Vec::new()
}

/// The byte ranges one exclusion map removes.
fn exclusion_ranges(e: &Value<'_>, input: &[u8], limits: &Limits) -> Option<Vec<Range<u64>>> {
    let xpath = e.get("xpath")?.as_text()?;
    let mut out = Vec::new();
    'boxes: for b in select(input, xpath, limits) {
        if let Some(len) = e.get("length").and_then(Value::as_u64) {
            if b.range.end.saturating_sub(b.range.start) != len {
                continue;
            }
        }
        let body = b.range.start.saturating_add(b.header);
        if let Some(ver) = e.get("version").and_then(Value::as_u64) {
            if sub(input, body..body.saturating_add(1)).map(|s| s.first().copied().map(u64::from))
                != Some(Some(ver))
            {
                continue;
            }
        }
        if let Some(flags) = e.get("flags").and_then(Value::as_bytes) {
            if sub(input, body.saturating_add(1)..body.saturating_add(4)) != Some(flags) {
                continue;
            }
        }
        for d in e.get("data").and_then(Value::as_array).unwrap_or_default() {
            let off = d.get("offset")?.as_u64()?;
            let val = d.get("value")?.as_bytes()?;
            let at = b.range.start.saturating_add(off);
            if sub(
                input,
                at..at.saturating_add(crate::bytes::to_u64(val.len())),
            ) != Some(val)
            {
                continue 'boxes;
            }
        }
        match e.get("subset").and_then(Value::as_array) {
            Some(subsets) => {
                for s in subsets {
                    let off = s.get("offset")?.as_u64()?;
                    let len = s.get("length")?.as_u64()?;
                    let start = b.range.start.saturating_add(off).min(b.range.end);
                    let end = if len == 0 {
                        b.range.end
                    } else {
                        start.saturating_add(len).min(b.range.end)
                    };
                    out.push(start..end);
                }
            }
            None => out.push(b.range.clone()),
        }
    }
    Some(out)
}

/// Check a BMFF hash assertion with base label `label` against `input`.
pub fn check<'i>(
    crypto: &dyn Crypto,
    label: &str,
    v: &Value<'_>,
    default_alg: &str,
    input: &'i [u8],
    limits: &Limits,
) -> Vec<Status> {
    let alg = v.get("alg").and_then(Value::as_text).unwrap_or(default_alg);
    let Some(expected) = v.get("hash").and_then(Value::as_bytes) else {
        if v.get("merkle").is_some() {
            return vec![(
                st::GENERAL_ERROR,
                Some("Merkle-tree BMFF hashes (fragmented files) are not supported yet, so the binding was not checked".to_owned()),
            )];
        }
        return vec![(st::BMFF_HASH_MALFORMED, Some("no hash".to_owned()))];
    };
    let mut excl = Vec::new();
    let mut additional = false;
    for e in v
        .get("exclusions")
        .and_then(Value::as_array)
        .unwrap_or_default()
    {
        let Some(r) = exclusion_ranges(e, input, limits) else {
            return vec![(
                st::BMFF_HASH_MALFORMED,
                Some("an exclusion could not be read".to_owned()),
            )];
        };
        let xp = e.get("xpath").and_then(Value::as_text).unwrap_or_default();
        if !matches!(xp, "/uuid" | "/ftyp" | "/mfra") {
            additional = true;
        }
        excl.extend(r);
    }
    excl.sort_by_key(|r| r.start);
    let Some(mut h) = Hasher::new(alg) else {
        return vec![(
            st::ALGORITHM_UNSUPPORTED,
            Some(format!("hash algorithm {alg}")),
        )];
    };
    let with_offsets = label != "c2pa.hash.bmff";
    let len = crate::bytes::to_u64(input.len());
    let top = walk(input, 0..len, limits);
    let mut pos = 0u64;
    let hash_span = |h: &mut Hasher<'i>, r: Range<u64>| {
        let mut p = r.start;
        for e in excl.iter().filter(|e| e.end > r.start && e.start < r.end) {
            if e.start > p {
                h.update(sub(input, p..e.start).unwrap_or_default());
            }
            p = p.max(e.end);
        }
        if p < r.end {
            h.update(sub(input, p..r.end).unwrap_or_default());
        }
    };
    for b in &top {
        if b.range.start > pos {
            hash_span(&mut h, pos..b.range.start);
        }
        let whole = excl
            .iter()
            .any(|e| e.start <= b.range.start && b.range.end <= e.end);
        if !whole {
            if with_offsets {
                h.update_owned(b.range.start.to_be_bytes().to_vec());
            }
            hash_span(&mut h, b.range.clone());
        }
        pos = b.range.end;
    }
    if pos < len {
        hash_span(&mut h, pos..len);
    }
    let mut out = Vec::new();
    if h.finish(crypto).matches(expected) {
        out.push((st::BMFF_HASH_MATCH, None));
        if additional {
            out.push((st::BMFF_HASH_ADDITIONAL_EXCLUSIONS, None));
        }
    } else {
        out.push((st::BMFF_HASH_MISMATCH, None));
    }
    out
}
