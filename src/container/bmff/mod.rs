//! ISO BMFF walker (ISO/IEC 14496-12 §4.2): MP4, MOV, HEIF/HEIC, AVIF and box-structured JPEG XL.
//!
//! Owns: the top-level box list, depth-limited descent into container boxes (so a crafted nest of
//! `moov` boxes ends as a limit error, not a stack overflow), the C2PA `uuid` box (C2PA 2.2
//! A.5.1–A.5.4; an `original` and `update` pair is passed on as two stores for the C2PA step to
//! join, [`ORIGINAL_BLOCK`] and [`UPDATE_BLOCK`]), the XMP `uuid` box, QuickTime `XMP_` boxes, HEIF items ([`items`]: `Exif` and
//! XMP `mime` items located by `iloc`) and the JPEG XL boxes `jumb`, `Exif` and `xml `
//! (ISO/IEC 18181-2 §3, C2PA 2.2 A.3.8), also when Brotli-compressed in a `brob` box ([`brob`]).

mod boxes;
pub(crate) mod brob;
mod items;

use super::{Embedded, Location, Payload, Segment};
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::{Decompression, Limits, Tally};
use boxes::{BoxHeader, Boxes};
use std::borrow::Cow;
use std::ops::Range;

/// C2PA manifest `uuid` extended type (C2PA 2.2 A.5.1).
const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];
/// XMP `uuid` extended type (XMP Specification Part 3 §1.1.4).
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

/// The block name of a C2PA `uuid` box of purpose `manifest`.
pub const MANIFEST_BLOCK: &str = "uuid C2PA box";
/// The block name of a C2PA `uuid` box of purpose `original`: the store an update manifest
/// extends (C2PA 2.2 A.5.3).
pub const ORIGINAL_BLOCK: &str = "uuid C2PA box (original)";
/// The block name of a C2PA `uuid` box of purpose `update`: a store holding update manifests,
/// appended to the `original` store's manifests (A.5.3).
pub const UPDATE_BLOCK: &str = "uuid C2PA box (update)";

/// Boxes whose payload is a sequence of boxes (14496-12 and 23008-12); `meta` is a FullBox.
const CONTAINERS: &[&[u8; 4]] = &[
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"meta", b"iprp", b"ipco", b"dinf", b"udta",
    b"edts", b"mvex", b"moof", b"traf",
];

/// Walk an ISO BMFF (or JPEG XL container) input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut w = Walker {
        input: bytes,
        limits,
        out: Embedded::new(limits),
        container: "bmff",
        boxes_seen: Tally::new(limits.max_blocks, "box count"),
        inflated: Decompression::new(limits),
        joined_left: limits.max_joined_bytes,
        read_left: crate::bytes::to_u64(bytes.len()),
    };
    let mut top = Boxes::new(Reader::new(bytes, "BMFF box"));
    if let Some(first) = Reader::new(bytes, "BMFF").peek(12) {
        if first.get(4..8) == Some(b"JXL ".as_slice()) {
            w.container = "jxl";
        }
    }
    while let Some(b) = top.next_box()? {
        w.count()?;
        crate::bytes::try_reserve(&mut w.out.segments, 1, "BMFF boxes")?;
        w.out.segments.push(Segment {
            name: fourcc_name(&b.kind),
            range: b.range.clone(),
        });
        let mark = w.out.mark();
        w.top_level(&b)?;
        w.out.cap_entries(mark, limits);
    }
    Ok(w.out)
}

/// A box type as text: each byte as the Latin-1 character of the same value (`©TIM`).
pub fn fourcc_name(kind: &[u8; 4]) -> String {
    kind.iter().map(|&c| char::from(c)).collect()
}

struct Walker<'a, 'l> {
    input: &'a [u8],
    limits: &'l Limits,
    out: Embedded<'a>,
    container: &'static str,
    boxes_seen: Tally,
    /// The input's decompression allowance, shared by its `brob` boxes.
    inflated: Decompression,
    /// What HEIF items of several extents may still copy (`Limits::max_joined_bytes`).
    joined_left: u64,
    /// What HEIF items may still hold together (the input's size).
    read_left: u64,
}

impl<'a> Walker<'a, '_> {
    fn count(&mut self) -> Result<()> {
        self.boxes_seen.one("BMFF")
    }

    fn top_level(&mut self, b: &BoxHeader<'a>) -> Result<()> {
        let start = b.range.start;
        match &b.kind {
            b"uuid" if b.uuid == Some(C2PA_UUID) => self.c2pa_uuid(b)?,
            b"uuid" if b.uuid == Some(XMP_UUID) => self.out.xmp.push(Payload {
                bytes: Cow::Borrowed(b.body.all()),
                location: Location::new(self.container, "uuid XMP box", start),
                ranges: vec![b.range.clone()],
            }),
            // JPEG XL (18181-2 §3.4): a top-level `jumb` superbox is the C2PA store (A.3.8).
            b"jumb" => {
                let whole = slice(self.input, &b.range);
                if super::jpeg::jumbf::is_c2pa_store(whole) {
                    self.out.c2pa.push(Payload {
                        bytes: Cow::Borrowed(whole),
                        location: Location::new(self.container, "jumb box", start),
                        ranges: vec![b.range.clone()],
                    });
                }
            }
            // JPEG XL `Exif`: u32 offset to the TIFF header, then the EXIF data (18181-2 §3.5).
            b"Exif" => self.exif_with_offset(b.body.all(), b.body.base(), &b.range, "Exif box"),
            b"xml " => self.out.xmp.push(Payload {
                bytes: Cow::Borrowed(b.body.all()),
                location: Location::new(self.container, "xml box", b.body.base()),
                ranges: vec![b.range.clone()],
            }),
            b"brob" => self.brob(b),
            b"meta" => {
                let body = meta_children(b.body.clone());
                // Unreadable item tables lose the items, not the file (a C2PA uuid box may
                // still be there); only a limit stops the walk.
                let found = match items::read(
                    body,
                    self.input,
                    self.limits,
                    (&mut self.joined_left, &mut self.read_left),
                ) {
                    Ok(f) => f,
                    Err(e) if e.kind() == crate::error::ErrorKind::LimitExceeded => return Err(e),
                    Err(e) => {
                        self.out.warnings.push(format!(
                            "HEIF items of the meta box at offset {start} could not be read: {e}"
                        ));
                        items::Found::default()
                    }
                };
                for w in found.warnings {
                    self.out.warnings.push(w);
                }
                for it in found.exif {
                    let range = it.ranges.first().cloned().unwrap_or(0..0);
                    let at = range.start;
                    let mark = self.out.mark();
                    self.exif_item(it.bytes, at, it.ranges, "Exif item");
                    self.out.cap_entries(mark, self.limits);
                }
                for it in found.xmp {
                    let at = it.ranges.first().map_or(0, |r| r.start);
                    let mark = self.out.mark();
                    self.out.xmp.push(Payload {
                        bytes: it.bytes,
                        location: Location::new(self.container, "XMP item", at),
                        ranges: it.ranges,
                    });
                    self.out.cap_entries(mark, self.limits);
                }
                self.descend(b.body.clone(), &b.kind, 1)?;
            }
            k if CONTAINERS.contains(&k) => self.descend(b.body.clone(), &b.kind, 1)?,
            _ => {}
        }
        Ok(())
    }

    /// C2PA 2.2 A.5.2: FullBox(version 0, flags 0), `box_purpose` NUL-terminated; for
    /// `manifest`, `original` and `update` an 8-byte offset of the first `merkle` box follows
    /// (c2pa-rs reads it for all three), then the store. `merkle` boxes are read by the BMFF
    /// hash check.
    fn c2pa_uuid(&mut self, b: &BoxHeader<'a>) -> Result<()> {
        let start = b.range.start;
        let mut r = b.body.clone();
        let parsed = (|| -> Result<Option<(&'a [u8], &'static str)>> {
            r.skip(4, "version and flags")?;
            let block = match r.until(0, "box_purpose")? {
                b"manifest" => MANIFEST_BLOCK,
                b"original" => ORIGINAL_BLOCK,
                b"update" => UPDATE_BLOCK,
                _ => return Ok(None),
            };
            r.skip(8, "merkle offset")?;
            Ok(Some((r.rest(), block)))
        })();
        match parsed {
            Ok(Some((store, block))) => self.out.c2pa.push(Payload {
                bytes: Cow::Borrowed(store),
                location: Location::new(self.container, block, start),
                ranges: vec![b.range.clone()],
            }),
            Ok(None) => {}
            Err(e) => self.out.warnings.push(format!(
                "C2PA uuid box at offset {start} could not be read: {e}"
            )),
        }
        Ok(())
    }

    /// EXIF data that starts with a u32 offset to the TIFF header (HEIF 23008-12 A.2.1, JPEG XL).
    fn exif_with_offset(&mut self, data: &'a [u8], data_at: u64, range: &Range<u64>, block: &str) {
        let mut r = Reader::with_base(data, data_at, "EXIF block");
        let Ok(off) = r.u32_be("TIFF header offset") else {
            self.out
                .warnings
                .push(format!("{block} at offset {} is too short", range.start));
            return;
        };
        match r.take_len(u64::from(off), "EXIF header skip") {
            Ok(_) => self.out.exif.push(Payload {
                bytes: Cow::Borrowed(r.rest()),
                location: Location::new(self.container, block, r.offset()),
                ranges: vec![range.clone()],
            }),
            Err(e) => self
                .out
                .warnings
                .push(format!("{block} at offset {}: {e}", range.start)),
        }
    }

    /// A HEIF `Exif` item (possibly reassembled from several extents), or a decompressed JPEG
    /// XL `Exif` box: a u32 offset to the TIFF header, then the EXIF data.
    fn exif_item(&mut self, bytes: Cow<'a, [u8]>, at: u64, ranges: Vec<Range<u64>>, block: &str) {
        let tiff = match &bytes {
            Cow::Borrowed(b) => tiff_after_offset(b).map(Cow::Borrowed),
            Cow::Owned(v) => tiff_after_offset(v).map(|t| Cow::Owned(t.to_vec())),
        };
        match tiff {
            Some(t) => self.out.exif.push(Payload {
                bytes: t,
                location: Location::new(self.container, block, at),
                ranges,
            }),
            None => self.out.warnings.push(format!(
                "{block} at offset {at} has a TIFF header offset past its end"
            )),
        }
    }

    /// A JPEG XL `brob` box: a compressed `jumb` (C2PA), `xml ` or `Exif` box is decompressed
    /// (bounded) and read as the plain box would be; its byte range is the `brob` box, which
    /// a box hash therefore names `C2PA` when it holds the store. A box that cannot be read is
    /// a warning, never an error: the rest of the file still counts.
    fn brob(&mut self, b: &BoxHeader<'a>) {
        let start = b.range.start;
        let (kind, data) = match brob::split(b.body.all()) {
            brob::Inner::Label(kind, data) => (kind, data),
            brob::Inner::Other => return,
            brob::Inner::Short => {
                return self.out.warnings.push(format!(
                    "JPEG XL brob box at offset {start} is too short to name the box it \
                     compresses; ignored"
                ))
            }
            brob::Inner::Forbidden(kind) => {
                return self.out.warnings.push(format!(
                    "JPEG XL brob box at offset {start} compresses a \"{}\" box, which may not \
                     be compressed (ISO/IEC 18181-2); ignored",
                    crate::error::escape(kind, 4)
                ))
            }
        };
        let bytes = match brob::inflate(data, &mut self.inflated) {
            Ok(v) => v,
            Err(why) => {
                let what = brob::what(kind);
                return self.out.warnings.push(format!(
                    "{what} found at offset {start} and not read: {why}"
                ));
            }
        };
        let location = |block| Location::new(self.container, block, start);
        let ranges = vec![b.range.clone()];
        match kind {
            b"jumb" => match jumb_box(bytes) {
                Some(whole) if super::jpeg::jumbf::is_c2pa_store(&whole) => {
                    self.out.c2pa.push(Payload {
                        bytes: Cow::Owned(whole),
                        location: location("brob jumb box"),
                        ranges,
                    })
                }
                _ => {}
            },
            b"xml " => self.out.xmp.push(Payload {
                bytes: Cow::Owned(bytes),
                location: location("brob xml box"),
                ranges,
            }),
            _ => self.exif_item(Cow::Owned(bytes), start, ranges, "brob Exif box"),
        }
    }

    /// Walk the children of a container box, depth-limited; finds QuickTime `XMP_` boxes.
    fn descend(&mut self, body: Reader<'a>, kind: &[u8; 4], depth: u32) -> Result<()> {
        if depth > self.limits.max_depth {
            return Err(Error::limit(
                "box nesting depth",
                u64::from(self.limits.max_depth),
                &format!("BMFF {} box at offset {}", fourcc_name(kind), body.base()),
            ));
        }
        let body = if kind == b"meta" {
            meta_children(body)
        } else {
            body
        };
        let mut children = Boxes::new(body);
        while let Some(c) = children.next_box()? {
            self.count()?;
            if &c.kind == b"XMP_" {
                let mark = self.out.mark();
                self.out.xmp.push(Payload {
                    bytes: Cow::Borrowed(c.body.all()),
                    location: Location::new(self.container, "XMP_ box", c.range.start),
                    ranges: vec![c.range.clone()],
                });
                self.out.cap_entries(mark, self.limits);
            } else if CONTAINERS.contains(&&c.kind) {
                self.descend(c.body.clone(), &c.kind, depth.saturating_add(1))?;
            }
        }
        Ok(())
    }
}

/// The children of a `meta` box: after its FullBox header in ISO BMFF, at once in QuickTime
/// (which writes no version/flags; recognised by `hdlr` as the first child type).
fn meta_children(mut body: Reader<'_>) -> Reader<'_> {
    if body.peek(8).and_then(|p| p.get(4..8)) == Some(b"hdlr".as_slice()) {
        return body;
    }
    let rest = to_u64(body.remaining());
    let _ = body.skip(4.min(rest), "meta version and flags");
    body
}

/// The bytes after a HEIF/JPEG XL `exif_tiff_header_offset` prefix.
fn tiff_after_offset(b: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::new(b, "EXIF item");
    let off = r.u32_be("TIFF header offset").ok()?;
    r.skip(u64::from(off), "EXIF header skip").ok()?;
    Some(r.rest())
}

/// The whole `jumb` box around decompressed content: the JUMBF parsers read a box with its
/// header (14496-12 §4.2: a 32-bit size, or 1 and a 64-bit size).
fn jumb_box(content: Vec<u8>) -> Option<Vec<u8>> {
    let total = content.len().checked_add(8)?;
    let mut whole = Vec::new();
    let head = match u32::try_from(total) {
        Ok(size) => [size.to_be_bytes().as_slice(), b"jumb"].concat(),
        Err(_) => {
            let size = crate::bytes::to_u64(total.checked_add(8)?);
            [1u32.to_be_bytes().as_slice(), b"jumb", &size.to_be_bytes()].concat()
        }
    };
    crate::bytes::try_reserve(
        &mut whole,
        head.len().checked_add(content.len())?,
        "jumb box",
    )
    .ok()?;
    whole.extend_from_slice(&head);
    whole.extend_from_slice(&content);
    Some(whole)
}

/// `range` of `input` (ranges come from the box walk, so they are in bounds).
fn slice<'a>(input: &'a [u8], range: &Range<u64>) -> &'a [u8] {
    let s = usize::try_from(range.start).unwrap_or(usize::MAX);
    let e = usize::try_from(range.end).unwrap_or(usize::MAX);
    input.get(s..e).unwrap_or_default()
}

#[cfg(test)]
mod tests;
