//! TIFF and DNG: the container walker, over the checked IFD reader in [`ifd`].
//!
//! The walker ([`walk`]) finds the labels a TIFF file carries: XMP in tag 700 (XMP
//! Specification Part 3 §1.1.4) and the C2PA manifest store in tag 52545 (C2PA 2.2 A.3.5), and
//! offers the whole file as an EXIF source. Segments are listed coarsely: the header, each IFD,
//! and each IFD's strip or tile data as one range.

pub mod ifd;

pub use ifd::{
    read_entries, type_size, Entry, IfdKind, Tiff, TAG_C2PA, TAG_EXIF_IFD, TAG_GPS_IFD,
    TAG_INTEROP_IFD, TAG_SUB_IFDS, TAG_XMP,
};

use super::{Embedded, Location, Payload, Segment};
use crate::bytes::to_u64;
use crate::error::{Error, Result};
use crate::limits::Limits;
use ifd::oom;
use std::borrow::Cow;
use std::ops::Range;

/// Walk a TIFF or DNG file: the whole file is an EXIF source; tag 700 is XMP; tag 52545 is the
/// C2PA manifest store; every IFD is listed as a segment.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let tiff = read_entries(bytes, 0, limits)?;
    let mut out = Embedded::new(limits);
    out.warnings
        .extend(tiff.warnings.iter().map(|w| format!("in TIFF: {w}")));
    if tiff.ifds.is_empty() {
        // TIFF 6.0 §2: an image is described by IFD0; without it there is nothing to show.
        out.damage = Some(format!(
            "expected a readable first IFD in TIFF, but {}",
            tiff.warnings
                .first()
                .map_or("there is none", String::as_str)
        ));
    }
    let header = if tiff.big_tiff { 16 } else { 8 };
    out.segments.push(Segment {
        name: "TIFF header".to_owned(),
        range: 0..header,
    });
    for r in &tiff.ifds {
        out.segments.push(Segment {
            name: "IFD".to_owned(),
            range: r.clone(),
        });
    }
    image_data_segments(&tiff, bytes.len(), &mut out.segments)?;
    crate::bytes::sort_by_key(&mut out.segments, |s| s.range.start);
    // Each IFD's tag once, and no more bytes than the file holds in all: entries may repeat a
    // tag or point at the same bytes, which would multiply the XMP parsing.
    let mut taken: Vec<(u16, u32)> = Vec::new();
    let mut left = bytes.len();
    for e in tiff.entries.iter().filter(|e| e.ifd == IfdKind::Main) {
        let block = match e.tag {
            TAG_XMP => "XMP tag 700",
            TAG_C2PA => "C2PA tag 52545",
            _ => continue,
        };
        if taken.contains(&(e.tag, e.ifd_index)) || e.value.len() > left {
            out.warnings.push(format!(
                "in TIFF: a second {block} in {}, or one over bytes already read; not read",
                e.ifd.name(e.ifd_index)
            ));
            continue;
        }
        crate::bytes::try_reserve(&mut taken, 1, "TIFF metadata tags")?;
        taken.push((e.tag, e.ifd_index));
        left = left.saturating_sub(e.value.len());
        if e.value.is_empty() {
            out.warnings.push(format!(
                "in TIFF: {block} in {} claims {} values that lie outside the file",
                e.ifd.name(e.ifd_index),
                e.count
            ));
            continue;
        }
        if to_u64(e.value.len()) > limits.max_metadata_bytes {
            return Err(Error::limit(
                "metadata size",
                limits.max_metadata_bytes,
                block,
            ));
        }
        let payload = Payload {
            bytes: Cow::Borrowed(e.value),
            location: Location::new("tiff", block, e.offset).with_path(e.ifd.name(e.ifd_index)),
            ranges: std::iter::once(e.range()).collect(),
        };
        let mark = out.mark();
        if e.tag == TAG_XMP {
            out.xmp.push(payload);
        } else {
            out.c2pa.push(payload);
        }
        out.cap_entries(mark, limits);
    }
    out.exif.push(Payload {
        bytes: Cow::Borrowed(bytes),
        location: Location::new("tiff", "TIFF IFDs", 0),
        ranges: std::iter::once(0..to_u64(bytes.len())).collect(),
    });
    Ok(out)
}

/// Strip and tile offset/byte-count tag pairs (TIFF 6.0 §3 and §15).
const DATA_TAGS: &[(u16, u16, &str)] = &[(273, 279, "strips"), (324, 325, "tiles")];

/// One coarse segment per IFD for its image data: from the lowest strip/tile offset to the end
/// of the highest, clipped to the file.
fn image_data_segments(tiff: &Tiff<'_>, len: usize, out: &mut Vec<Segment>) -> Result<()> {
    for &(off_tag, count_tag, name) in DATA_TAGS {
        for offsets in tiff.entries.iter().filter(|e| e.tag == off_tag) {
            let Some(counts) = tiff.entries.iter().find(|e| {
                e.tag == count_tag && e.ifd == offsets.ifd && e.ifd_index == offsets.ifd_index
            }) else {
                continue;
            };
            let (o, c) = (
                values(offsets, tiff.big_endian),
                values(counts, tiff.big_endian),
            );
            let mut range: Option<Range<u64>> = None;
            for (start, n) in o.zip(c) {
                let end = start.saturating_add(n).min(to_u64(len));
                if start >= end {
                    continue;
                }
                range = Some(match range {
                    Some(r) => r.start.min(start)..r.end.max(end),
                    None => start..end,
                });
            }
            if let Some(range) = range {
                out.try_reserve(1).map_err(|_| oom())?;
                out.push(Segment {
                    name: format!("{} {name}", offsets.ifd.name(offsets.ifd_index)),
                    range,
                });
            }
        }
    }
    Ok(())
}

/// The unsigned integer values of a SHORT, LONG or LONG8 entry.
fn values<'e>(e: &'e Entry<'_>, big: bool) -> impl Iterator<Item = u64> + 'e {
    let width = match e.field_type {
        3 => 2,
        4 | 13 => 4,
        16 | 18 => 8,
        _ => 0,
    };
    e.value
        .chunks_exact(width.max(1))
        .filter(move |_| width > 0)
        .map(move |c| {
            let mut buf = [0u8; 8];
            if big {
                for (d, s) in buf.iter_mut().rev().zip(c.iter().rev()) {
                    *d = *s;
                }
                u64::from_be_bytes(buf)
            } else {
                for (d, s) in buf.iter_mut().zip(c.iter()) {
                    *d = *s;
                }
                u64::from_le_bytes(buf)
            }
        })
}

#[cfg(test)]
mod tests;
