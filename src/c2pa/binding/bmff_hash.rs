//! `c2pa.hash.bmff`, `.v2` and `.v3` (C2PA 2.2 §18.6): a hash over the top-level boxes of an ISO
//! BMFF file (MP4, HEIF, AVIF) minus xpath-selected exclusions. For v2 and v3 each top-level box
//! that is not wholly excluded contributes its absolute offset as a big-endian u64 before its
//! bytes (c2pa-rs `bmff_to_jumbf_exclusions`). A Merkle tree (`merkle`: fragmented MP4, DASH
//! segments, mdat blocks) is checked by [`super::bmff_merkle`] with the same region hashing.

use super::bmff_merkle;
use super::data_hash::sub;
use super::Status;
use crate::c2pa::cbor::Value;
use crate::c2pa::status as st;
use crate::crypto::{Crypto, Digest, Hasher};
use crate::limits::Limits;
use std::ops::Range;

/// A box found while walking.
#[derive(Debug, Clone)]
pub(super) struct BoxInfo {
    pub(super) typ: [u8; 4],
    pub(super) range: Range<u64>,
    pub(super) header: u64,
}

/// Walk the boxes in `input[range]` (not nested); stops at the first unreadable header.
pub(super) fn walk(input: &[u8], range: Range<u64>, limits: &Limits) -> Vec<BoxInfo> {
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

/// The exclusions of one BMFF hash resolved against one file.
#[derive(Debug, Default)]
pub(super) struct Excluded {
    /// Byte ranges removed, sorted by start.
    ranges: Vec<Range<u64>>,
    /// Starts of boxes excluded whole (no subset): they contribute no v2 offset.
    whole: Vec<u64>,
}

/// The byte ranges one exclusion map removes, and the boxes it removes whole.
fn exclusion_ranges(
    e: &Value<'_>,
    input: &[u8],
    limits: &Limits,
    out: &mut Excluded,
) -> Option<()> {
    let xpath = e.get("xpath")?.as_text()?;
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
                    out.ranges.push(start..end);
                }
            }
            None => {
                out.ranges.push(b.range.clone());
                out.whole.push(b.range.start);
            }
        }
    }
    Some(())
}

/// The parsed assertion: what both the flat hash and the Merkle checks need.
pub(super) struct Assertion<'v> {
    pub(super) v: &'v Value<'v>,
    /// v2 and v3 hash box offsets.
    pub(super) with_offsets: bool,
    /// An exclusion other than the mandatory `/uuid`, `/ftyp` and `/mfra`.
    pub(super) additional: bool,
}

impl Assertion<'_> {
    /// Resolve the exclusions against `input`; `None` if one cannot be read.
    pub(super) fn excluded(&self, input: &[u8], limits: &Limits) -> Option<Excluded> {
        let mut out = Excluded::default();
        for e in self.exclusions() {
            exclusion_ranges(e, input, limits, &mut out)?;
        }
        out.ranges.sort_by_key(|r| r.start);
        Some(out)
    }

    fn exclusions(&self) -> &[Value<'_>] {
        self.v
            .get("exclusions")
            .and_then(Value::as_array)
            .unwrap_or_default()
    }
}

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

/// Hash `input[within]` minus `excl`, top-level box by box: each box starting in `within` that
/// is not excluded whole gives its offset first when `with_offsets` (the offset as it is in
/// `input`, which for a DASH segment is the offset in the segment file).
pub(super) fn hash_region<'i>(
    h: &mut Hasher<'i>,
    input: &'i [u8],
    top: &[BoxInfo],
    excl: &Excluded,
    with_offsets: bool,
    within: Range<u64>,
) {
    let span = |h: &mut Hasher<'i>, r: Range<u64>| {
        let r = r.start.max(within.start)..r.end.min(within.end);
        let mut p = r.start;
        for e in excl
            .ranges
            .iter()
            .filter(|e| e.end > r.start && e.start < r.end)
        {
            if e.start > p {
                h.update(sub(input, p..e.start).unwrap_or_default());
            }
            p = p.max(e.end);
        }
        if p < r.end {
            h.update(sub(input, p..r.end).unwrap_or_default());
        }
    };
    let mut pos = within.start;
    for b in top.iter().filter(|b| within.contains(&b.range.start)) {
        if b.range.start > pos {
            span(h, pos..b.range.start);
        }
        if with_offsets && !excl.whole.contains(&b.range.start) {
            h.update_owned(b.range.start.to_be_bytes().to_vec());
        }
        span(h, b.range.clone());
        pos = b.range.end;
    }
    if pos < within.end {
        span(h, pos..within.end);
    }
}

/// The digest of `input[within]` as [`hash_region`] feeds it; `None` for an unknown `alg`.
pub(super) fn digest_region(
    crypto: &dyn Crypto,
    alg: &str,
    input: &[u8],
    top: &[BoxInfo],
    excl: &Excluded,
    with_offsets: bool,
    within: Range<u64>,
) -> Option<Digest> {
    let mut h = Hasher::new(alg)?;
    hash_region(&mut h, input, top, excl, with_offsets, within);
    Some(h.finish(crypto))
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
    limits: &Limits,
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
        whole_file(crypto, &a, default_alg, input, limits)
    } else {
        bmff_merkle::segments(crypto, &a, default_alg, input, fragments, limits)
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
    limits: &Limits,
) -> Result<(), Status> {
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
        bmff_merkle::whole_file(crypto, a, input, &top, &excl, limits)?;
    }
    Ok(())
}
