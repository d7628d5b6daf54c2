//! The scan of a PDF for object definitions (ISO 32000-2 §7.3.10) and the objects of its
//! Flate-compressed object streams (§7.5.7), into the index [`Objects`]: numbers and positions,
//! and the catalog's value.

use super::object::{is_space, last_endstream, Obj, Parser};
use super::{is_catalog, key, owned, parser, Catalog, Def, Objects};
use crate::bytes::to_u64;
use crate::container::warnings::Warnings;
use crate::error::Result;
use crate::limits::{Decompression, Limits, Tally};
use std::cell::Cell;

/// Index every object definition in the file.
pub(super) fn scan<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    warnings: &mut Warnings,
) -> Result<Objects<'a>> {
    // Each object stream's copy is dropped once its objects are read, so the streams together
    // may inflate to four times the input (a time bound), each at most the usual limit.
    let allowance = limits
        .max_decompressed_bytes
        .max(to_u64(bytes.len()).saturating_mul(4));
    let mut objects = Objects {
        bytes,
        max_depth: limits.max_depth,
        max_inflated: limits.max_decompressed_bytes,
        stream_end: last_endstream(bytes),
        defs: Vec::new(),
        catalog: None,
        reread: Cell::new(to_u64(bytes.len())),
        reinflate: Cell::new(allowance),
        last: Cell::new(None),
    };
    let mut count = Tally::new(limits.max_blocks, "object count");
    let mut inflated = Decompression::of(allowance);
    let mut pos = 0usize;
    while let Some(found) = bytes
        .get(pos..)
        .and_then(|rest| rest.windows(3).position(|w| w == b"obj"))
    {
        let at = pos.saturating_add(found);
        pos = at.saturating_add(3);
        let Some(num) = object_number(bytes, at) else {
            continue;
        };
        if bytes
            .get(pos)
            .is_some_and(|&b| !is_space(b) && b != b'<' && b != b'[' && b != b'/')
        {
            continue;
        }
        count.one("PDF")?;
        let mut p = parser(bytes, pos, limits.max_depth).until(objects.stream_end);
        let Some(value) = p.value() else { continue };
        let range = p.stream(&value);
        if let Some(r) = &range {
            pos = r.end;
        } else {
            pos = p.pos.max(pos);
        }
        let stream = range.as_ref().and_then(|r| bytes.get(r.clone()));
        if value.get(b"Type").and_then(Obj::name) == Some(b"ObjStm") {
            if let Some(content) = stream {
                object_stream(
                    &value,
                    content,
                    at,
                    limits,
                    (&mut inflated, &mut count),
                    warnings,
                    &mut objects,
                )?;
            }
        }
        push(&mut objects, num, at, None)?;
        if is_catalog(&value) {
            objects.catalog = Some(Catalog::Input(owned(value)));
        }
    }
    crate::bytes::sort_by_key(&mut objects.defs, key);
    Ok(objects)
}

/// Add a definition, found in file order (so the last catalog found is the catalog).
fn push(objects: &mut Objects<'_>, num: u32, at: usize, packed: Option<u32>) -> Result<()> {
    crate::bytes::try_reserve(&mut objects.defs, 1, "PDF objects")?;
    objects.defs.push(Def { num, at, packed });
    Ok(())
}

/// The object number of `num gen obj` whose `obj` keyword is at `at`.
pub(super) fn object_number(bytes: &[u8], at: usize) -> Option<u32> {
    let head = bytes.get(..at)?;
    let back = |mut i: usize, pred: fn(u8) -> bool| {
        while i > 0 && head.get(i.saturating_sub(1)).is_some_and(|b| pred(*b)) {
            i = i.saturating_sub(1);
        }
        i
    };
    let digit = |b: u8| b.is_ascii_digit();
    let gen_end = back(head.len(), is_space);
    let gen_start = back(gen_end, digit);
    let num_end = back(gen_start, is_space);
    let num_start = back(num_end, digit);
    let boundary = num_start == 0
        || head
            .get(num_start.saturating_sub(1))
            .is_some_and(|&b| is_space(b) || b == b'>');
    if gen_start == gen_end || num_end == gen_start || num_start == num_end || !boundary {
        return None;
    }
    std::str::from_utf8(head.get(num_start..num_end)?)
        .ok()?
        .parse()
        .ok()
}

/// The objects of a Flate-compressed object stream (§7.5.7): `N` pairs of object number and
/// offset (from `/First`), then the objects. They count at the stream's position, and against
/// the input's object count (`Limits::max_blocks`); each inflates to at most
/// `Limits::max_decompressed_bytes`, drawing on an allowance all object streams share. The index
/// keeps where each value starts in the inflated stream.
fn object_stream(
    dict: &Obj<'_>,
    content: &[u8],
    stream_at: usize,
    limits: &Limits,
    (inflated, count): (&mut Decompression, &mut Tally),
    warnings: &mut Warnings,
    objects: &mut Objects<'_>,
) -> Result<()> {
    if dict.get(b"Filter").and_then(Obj::name) != Some(b"FlateDecode") {
        return Ok(());
    }
    let cap = inflated.left().min(limits.max_decompressed_bytes);
    if inflated.left() == 0 {
        warnings.push(format!(
            "an object stream of the PDF at offset {stream_at} was {}; its objects were not read",
            inflated.spent()
        ));
        return Ok(());
    }
    let result = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(
        content,
        usize::try_from(cap).unwrap_or(usize::MAX),
    );
    let data = match result {
        Ok(d) => {
            inflated.spend(to_u64(d.len()));
            d
        }
        Err(e) => {
            inflated.spend(to_u64(e.output.len()));
            let why = if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                if cap == limits.max_decompressed_bytes {
                    format!("it inflates beyond the limit of {cap} bytes (max_decompressed_bytes)")
                } else {
                    format!("it inflates {}", inflated.over(cap))
                }
            } else {
                format!("{:?}", e.status)
            };
            warnings.push(format!(
                "an object stream of the PDF at offset {stream_at} could not be inflated \
                 ({why}); its objects were not read"
            ));
            return Ok(());
        }
    };
    let (Some(Obj::Int(n)), Some(Obj::Int(first))) = (dict.get(b"N"), dict.get(b"First")) else {
        return Ok(());
    };
    let first = usize::try_from(*first).unwrap_or(usize::MAX);
    let mut header = Parser::new(&data, 0, 0);
    let mut entries = Vec::new();
    for _ in 0..(*n).clamp(0, i64::from(limits.max_blocks)) {
        match (header.value(), header.value()) {
            (Some(Obj::Int(num)), Some(Obj::Int(off))) => {
                crate::bytes::try_reserve(&mut entries, 1, "PDF object stream")?;
                entries.push((num, off));
            }
            _ => break,
        }
    }
    for (num, off) in entries {
        let (Ok(num), Some(at)) = (
            u32::try_from(num),
            usize::try_from(off).ok().and_then(|o| o.checked_add(first)),
        ) else {
            continue;
        };
        let Ok(packed) = u32::try_from(at) else {
            continue;
        };
        if let Some(value) = parser(&data, at, limits.max_depth).value() {
            count.one("PDF")?;
            push(objects, num, stream_at, Some(packed))?;
            if is_catalog(&value) {
                objects.catalog = Some(Catalog::Packed(Def {
                    num,
                    at: stream_at,
                    packed: Some(packed),
                }));
            }
        }
    }
    Ok(())
}
