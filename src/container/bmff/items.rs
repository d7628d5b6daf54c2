//! HEIF items in a `meta` box (ISO/IEC 23008-12 §9, ISO/IEC 14496-12 §8.11): which items are
//! EXIF or XMP (`iinf`/`infe`), and where their bytes are (`iloc`, `idat`).
//!
//! An `Exif` item and a `mime` item of content type `application/rdf+xml` are metadata. `iloc`
//! extents are claims: each is checked against the input, and several extents are joined only
//! up to `Limits::max_metadata_bytes`.

use super::boxes::Boxes;
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::{Limits, Tally};
use std::borrow::Cow;
use std::ops::Range;

/// One metadata item's bytes and the input ranges they came from.
#[derive(Debug)]
pub(super) struct Item<'a> {
    pub(super) bytes: Cow<'a, [u8]>,
    pub(super) ranges: Vec<Range<u64>>,
}

/// What a `meta` box holds.
#[derive(Debug, Default)]
pub(super) struct Found<'a> {
    pub(super) exif: Vec<Item<'a>>,
    pub(super) xmp: Vec<Item<'a>>,
    pub(super) warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exif,
    Xmp,
}

/// Read the items of the `meta` box whose children are in `children`; items of several
/// extents are copied, drawing on `joined_left` (the input's `max_joined_bytes`), and all items
/// draw on `read_left` (the input's size: items may name the same bytes, whose parsing would
/// otherwise multiply).
pub(super) fn read<'a>(
    children: Reader<'a>,
    input: &'a [u8],
    limits: &Limits,
    (joined_left, read_left): (&mut u64, &mut u64),
) -> Result<Found<'a>> {
    let mut found = Found::default();
    let (mut iinf, mut iloc, mut idat) = (None, None, None);
    let mut boxes = Boxes::new(children);
    while let Some(b) = boxes.next_box()? {
        match &b.kind {
            b"iinf" => iinf = Some(b.body),
            b"iloc" => iloc = Some(b.body),
            b"idat" => idat = Some(b.body),
            _ => {}
        }
    }
    let (Some(iinf), Some(iloc)) = (iinf, iloc) else {
        return Ok(found);
    };
    let mut wanted = item_infos(iinf, limits)?;
    if wanted.is_empty() {
        return Ok(found);
    }
    // Looked up once per `iloc` item: sorted, so that 100,000 items cost a binary search each.
    crate::bytes::sort_by_key(&mut wanted, |(id, _)| u64::from(*id));
    // Items are claims: several may name the same bytes, so what they hold together is bounded
    // by the input's size (disjoint items never exceed it), and what is joined from several
    // extents (a copy) by what is left of the input's `max_joined_bytes` (`joined_left`).
    let cap = usize::try_from(limits.max_metadata_entries).unwrap_or(usize::MAX);
    for (id, extents) in locations(iloc, &wanted, idat.as_ref(), limits)? {
        let Ok(at) = wanted.binary_search_by_key(&id, |(w, _)| *w) else {
            continue;
        };
        let Some(&(_, kind)) = wanted.get(at) else {
            continue;
        };
        if found.exif.len().saturating_add(found.xmp.len()) >= cap {
            found.warnings.push(format!(
                "HEIF metadata items after the first {cap} were not read (max_metadata_entries)"
            ));
            break;
        }
        match join(input, &extents, limits, joined_left) {
            Ok(bytes) => {
                let n = to_u64(bytes.len());
                if n > *read_left {
                    found.warnings.push(format!(
                        "HEIF item {id} not read: the metadata items claim more bytes than the \
                         input holds (items that share their bytes)"
                    ));
                    continue;
                }
                *read_left = read_left.saturating_sub(n);
                let item = Item {
                    bytes,
                    ranges: extents,
                };
                match kind {
                    Kind::Exif => found.exif.push(item),
                    Kind::Xmp => found.xmp.push(item),
                }
            }
            Err(e) => found.warnings.push(format!("HEIF item {id}: {e}")),
        }
    }
    Ok(found)
}

/// `iinf` (FullBox; entry_count u16 in version 0, else u32) with `infe` entries: the IDs of
/// EXIF and XMP items.
fn item_infos(mut iinf: Reader<'_>, limits: &Limits) -> Result<Vec<(u32, Kind)>> {
    let version = iinf.u8("iinf version")?;
    iinf.skip(3, "iinf flags")?;
    if version == 0 {
        iinf.u16_be("entry_count")?;
    } else {
        iinf.u32_be("entry_count")?;
    }
    let mut out = Vec::new();
    let mut entries = Boxes::new(iinf);
    let mut n = Tally::new(limits.max_blocks, "item count");
    while let Some(b) = entries.next_box()? {
        n.one("HEIF iinf")?;
        if &b.kind != b"infe" {
            continue;
        }
        if let Some(found) = infe(b.body)? {
            crate::bytes::try_reserve(&mut out, 1, "HEIF items")?;
            out.push(found);
        }
    }
    Ok(out)
}

/// One `infe` (14496-12 §8.11.6.2). Versions 2 and 3 carry an item type; 0 and 1 only a
/// content type.
fn infe(mut r: Reader<'_>) -> Result<Option<(u32, Kind)>> {
    let version = r.u8("infe version")?;
    r.skip(3, "infe flags")?;
    let id = match version {
        0..=2 => u32::from(r.u16_be("item_ID")?),
        _ => r.u32_be("item_ID")?,
    };
    r.u16_be("item_protection_index")?;
    let item_type: [u8; 4] = if version >= 2 {
        r.array("item_type")?
    } else {
        *b"mime"
    };
    if r.until(0, "item_name").is_err() {
        return Ok(None);
    }
    Ok(match &item_type {
        b"Exif" => Some((id, Kind::Exif)),
        b"mime" => {
            let content_type = r.until(0, "content_type").unwrap_or_else(|_| r.rest());
            (content_type == b"application/rdf+xml").then_some((id, Kind::Xmp))
        }
        _ => None,
    })
}

/// `iloc` (14496-12 §8.11.3): the input ranges of each wanted item.
fn locations(
    mut r: Reader<'_>,
    wanted: &[(u32, Kind)],
    idat: Option<&Reader<'_>>,
    limits: &Limits,
) -> Result<Vec<(u32, Vec<Range<u64>>)>> {
    let version = r.u8("iloc version")?;
    r.skip(3, "iloc flags")?;
    if version > 2 {
        return Err(Error::unsupported(format!(
            "expected iloc version 0, 1 or 2 at offset {}, but found {version}",
            r.offset()
        )));
    }
    let sizes = r.u8("offset_size and length_size")?;
    let (offset_size, length_size) = (sizes >> 4, sizes & 0x0F);
    let sizes2 = r.u8("base_offset_size and index_size")?;
    let base_offset_size = sizes2 >> 4;
    let index_size = if version >= 1 { sizes2 & 0x0F } else { 0 };
    let count = if version < 2 {
        u32::from(r.u16_be("item_count")?)
    } else {
        r.u32_be("item_count")?
    };
    if count > limits.max_blocks {
        return Err(Error::limit(
            "iloc item count",
            u64::from(limits.max_blocks),
            "HEIF iloc",
        ));
    }
    let mut out = Vec::new();
    // Extents of zero-sized fields take no bytes: count them all against `max_blocks`.
    let mut extents_seen = Tally::new(limits.max_blocks, "iloc extent count");
    for _ in 0..count {
        let id = if version < 2 {
            u32::from(r.u16_be("item_ID")?)
        } else {
            r.u32_be("item_ID")?
        };
        let method = if version >= 1 {
            r.u16_be("construction_method")? & 0x0F
        } else {
            0
        };
        r.u16_be("data_reference_index")?;
        let base = sized(&mut r, base_offset_size, "base_offset")?;
        let extent_count = r.u16_be("extent_count")?;
        extents_seen.add(u64::from(extent_count), "HEIF iloc")?;
        let mut extents = Vec::new();
        for _ in 0..extent_count {
            sized(&mut r, index_size, "extent_index")?;
            let off = sized(&mut r, offset_size, "extent_offset")?;
            let len = sized(&mut r, length_size, "extent_length")?;
            crate::bytes::try_reserve(&mut extents, 1, "iloc extents")?;
            extents.push((off, len));
        }
        if wanted.binary_search_by_key(&id, |(w, _)| *w).is_err() {
            continue;
        }
        // construction_method 0: file offsets; 1: offsets into this meta's idat.
        let origin = match (method, idat) {
            (0, _) => 0,
            (1, Some(d)) => d.base(),
            _ => continue,
        };
        let mut ranges = Vec::new();
        for (off, len) in extents {
            let start = origin
                .checked_add(base)
                .and_then(|s| s.checked_add(off))
                .ok_or_else(|| Error::malformed("iloc extent offset overflows"))?;
            let end = start
                .checked_add(len)
                .ok_or_else(|| Error::malformed("iloc extent length overflows"))?;
            crate::bytes::try_reserve(&mut ranges, 1, "iloc ranges")?;
            ranges.push(start..end);
        }
        crate::bytes::try_reserve(&mut out, 1, "iloc items")?;
        out.push((id, ranges));
        // `read` keeps no more than this many items: the rest need no ranges.
        if out.len() > usize::try_from(limits.max_metadata_entries).unwrap_or(usize::MAX) {
            break;
        }
    }
    Ok(out)
}

/// An unsigned field of 0, 4 or 8 bytes (the iloc size fields).
fn sized(r: &mut Reader<'_>, size: u8, field: &str) -> Result<u64> {
    match size {
        0 => Ok(0),
        4 => Ok(u64::from(r.u32_be(field)?)),
        8 => r.u64_be(field),
        n => Err(Error::malformed(format!(
            "expected a {field} size of 0, 4 or 8 in HEIF iloc at offset {}, but found {n}",
            r.offset()
        ))),
    }
}

/// The bytes of `extents` in `input`: borrowed for one extent, joined (bounded) for several,
/// drawing on `joined_left`, what the `meta` box may still copy.
/// A zero length on a single extent means "to the end of the file" (14496-12 §8.11.3.3).
fn join<'a>(
    input: &'a [u8],
    extents: &[Range<u64>],
    limits: &Limits,
    joined_left: &mut u64,
) -> std::result::Result<Cow<'a, [u8]>, String> {
    let len = to_u64(input.len());
    let get = |r: &Range<u64>| -> std::result::Result<&'a [u8], String> {
        let end = if r.end == r.start && extents.len() == 1 {
            len
        } else {
            r.end
        };
        if r.start > len || end > len {
            return Err(format!(
                "extent {}..{end} lies outside the {len}-byte input",
                r.start
            ));
        }
        let s = usize::try_from(r.start).map_err(|e| e.to_string())?;
        let e = usize::try_from(end).map_err(|e| e.to_string())?;
        input
            .get(s..e)
            .ok_or_else(|| "extent out of range".to_owned())
    };
    match extents {
        [] => Err("no extents".to_owned()),
        [one] => get(one).map(Cow::Borrowed),
        many => {
            let mut out = Vec::new();
            for r in many {
                let part = get(r)?;
                let total = to_u64(out.len()).saturating_add(to_u64(part.len()));
                if total > limits.max_metadata_bytes {
                    return Err(format!(
                        "extents exceed the limit of {} bytes",
                        limits.max_metadata_bytes
                    ));
                }
                if total > *joined_left {
                    return Err(format!(
                        "not joined: the items of several extents would copy more than {} \
                         bytes (max_joined_bytes, shared by the input's joined payloads)",
                        limits.max_joined_bytes
                    ));
                }
                out.try_reserve(part.len()).map_err(|e| e.to_string())?;
                out.extend_from_slice(part);
            }
            *joined_left = joined_left.saturating_sub(to_u64(out.len()));
            Ok(Cow::Owned(out))
        }
    }
}
