//! The box side of BMFF hashes (C2PA 2.2 §18.6.2): the top-level box walk, xpath selection,
//! exclusions resolved against one file, and the hashing of a region of it box by box, with the
//! v2/v3 box offsets (c2pa-rs `bmff_to_jumbf_exclusions` and `hash_stream_by_alg`). Shared by
//! the flat hash and every Merkle leaf.

use super::data_hash::sub;
use crate::c2pa::cbor::Value;
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
        crate::bytes::sort_by_key(&mut out.ranges, |r| r.start);
        Some(out)
    }

    fn exclusions(&self) -> &[Value<'_>] {
        self.v
            .get("exclusions")
            .and_then(Value::as_array)
            .unwrap_or_default()
    }
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
