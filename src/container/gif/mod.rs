//! GIF walker (GIF89a specification, W3C/CompuServe 1990) and the labels GIF can carry.
//!
//! Owns: the block list, named as c2pa-rs names GIF boxes for C2PA box hashing (`GIF89a`,
//! `LSD`, `GCT`, `21F9`, `21FE`, `2101`, `21FF`, `2C`, `LCT`, `TBID`, `3B`), comment extensions
//! (text entries), the `XMP DataXMP` application extension (XMP Part 3 §1.1.2: raw packet then a
//! 258-byte "magic trailer") and the `C2PA_GIF` application extension (C2PA 2.2 A.3.7).

mod blocks;

use super::{Embedded, Location, Payload, Segment, TextEntry};
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::Limits;
use blocks::SubBlocks;
use std::borrow::Cow;
use std::ops::Range;

/// Walk a GIF input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut w = Walker {
        out: Embedded::new(limits),
        limits,
        seen_image: false,
    };
    let mut r = Reader::new(bytes, "GIF");
    let version = r.take(6, "header")?;
    if version != b"GIF87a" && version != b"GIF89a" {
        return Err(Error::malformed(format!(
            "expected \"GIF87a\" or \"GIF89a\" at offset 0, but found \"{}\"",
            crate::error::escape(version, 6)
        )));
    }
    w.push(String::from_utf8_lossy(version).into_owned(), 0..6)?;
    // Logical Screen Descriptor (§18): width, height, packed fields, background, aspect.
    r.skip(4, "logical screen size")?;
    let packed = r.u8("logical screen packed fields")?;
    r.skip(2, "background colour and aspect ratio")?;
    w.push("LSD".to_owned(), 6..13)?;
    if packed & 0x80 != 0 {
        let start = r.offset();
        r.skip(table_len(packed), "global colour table")?;
        w.push("GCT".to_owned(), start..r.offset())?;
    }
    loop {
        let start = r.offset();
        match w.block(&mut r) {
            Ok(true) => {}
            Ok(false) => return Ok(w.out),
            Err(e) if w.seen_image => {
                w.out.warnings.push(format!(
                    "GIF is damaged after its first image ({e}); blocks after offset {start} \
                     were not read"
                ));
                return Ok(w.out);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Bytes in a colour table whose size field is the low 3 bits of `packed` (§18, §20).
fn table_len(packed: u8) -> u64 {
    3u64 << ((packed & 0x07) + 1)
}

struct Walker<'a, 'l> {
    out: Embedded<'a>,
    limits: &'l Limits,
    /// Once an image has been read, damage after it is only a warning.
    seen_image: bool,
}

impl<'a> Walker<'a, '_> {
    fn push(&mut self, name: String, range: Range<u64>) -> Result<()> {
        if self.out.segments.len() >= usize::try_from(self.limits.max_blocks).unwrap_or(usize::MAX)
        {
            return Err(Error::limit(
                "block count",
                u64::from(self.limits.max_blocks),
                "GIF",
            ));
        }
        crate::bytes::try_reserve(&mut self.out.segments, 1, "GIF blocks")?;
        self.out.segments.push(Segment { name, range });
        Ok(())
    }

    /// Read one block at the cursor; false after the trailer.
    fn block(&mut self, r: &mut Reader<'a>) -> Result<bool> {
        let start = r.offset();
        if r.is_empty() {
            if self.seen_image {
                self.out.warnings.push(format!(
                    "GIF ends at offset {start} without a trailer (0x3b)"
                ));
                return Ok(false);
            }
            return Err(Error::malformed(format!(
                "expected a GIF block at offset {start}, but the input ended"
            )));
        }
        match r.u8("block introducer")? {
            0x3B => {
                self.push("3B".to_owned(), start..r.offset())?;
                // No frame to show (GIF89a §20: an image is an Image Descriptor and its data).
                if !self.seen_image {
                    self.out.damage = Some(
                        "expected an image (§20) before the GIF trailer, but found none".into(),
                    );
                }
                if !r.is_empty() {
                    self.out.warnings.push(format!(
                        "GIF has {} bytes after its trailer at offset {start}",
                        r.remaining()
                    ));
                }
                Ok(false)
            }
            0x2C => {
                self.image(r, start)?;
                Ok(true)
            }
            0x21 => {
                let mark = self.out.mark();
                self.extension(r, start)?;
                self.out.cap_entries(mark, self.limits);
                Ok(true)
            }
            other => Err(Error::malformed(format!(
                "expected a GIF block introducer (0x21, 0x2c or 0x3b) at offset {start}, but \
                 found 0x{other:02x}"
            ))),
        }
    }

    /// Image Descriptor (§20), optional Local Colour Table, Table-Based Image Data (§22).
    fn image(&mut self, r: &mut Reader<'a>, start: u64) -> Result<()> {
        r.skip(8, "image position and size")?;
        let packed = r.u8("image packed fields")?;
        self.push("2C".to_owned(), start..r.offset())?;
        if packed & 0x80 != 0 {
            let at = r.offset();
            r.skip(table_len(packed), "local colour table")?;
            self.push("LCT".to_owned(), at..r.offset())?;
        }
        let at = r.offset();
        r.u8("LZW minimum code size")?;
        SubBlocks::skip(r)?;
        self.push("TBID".to_owned(), at..r.offset())?;
        self.seen_image = true;
        Ok(())
    }

    /// An extension (§23–26): label, then data sub-blocks.
    fn extension(&mut self, r: &mut Reader<'a>, start: u64) -> Result<()> {
        let label = r.u8("extension label")?;
        match label {
            0xFF => self.application(r, start)?,
            0xFE => {
                let data = SubBlocks::skip(r)?;
                let range = start..r.offset();
                self.push("21FE".to_owned(), range)?;
                let max = self.limits.max_text_bytes.min(self.out.joined_left);
                let text = match blocks::join(data, max) {
                    Ok(t) => t,
                    Err(e) => {
                        self.out
                            .warnings
                            .push(format!("GIF comment at offset {start} skipped: {e}"));
                        return Ok(());
                    }
                };
                // Joined sub-blocks and their decoding draw on one allowance.
                let (left, warnings) = (&mut self.out.joined_left, &mut self.out.warnings);
                let value = match text {
                    Cow::Borrowed(b) => super::decode_text(b, false, left, warnings),
                    Cow::Owned(v) => {
                        *left = left.saturating_sub(to_u64(v.len()));
                        Cow::Owned(match String::from_utf8(v) {
                            Ok(s) => s,
                            Err(e) => {
                                super::decode_text(e.as_bytes(), false, left, warnings).into_owned()
                            }
                        })
                    }
                };
                self.out.text.push(TextEntry {
                    key: String::new(),
                    value,
                    location: Location::new("gif", "comment extension", start),
                });
            }
            _ => {
                SubBlocks::skip(r)?;
                self.push(format!("21{label:02X}"), start..r.offset())?;
            }
        }
        Ok(())
    }

    /// Application Extension (§26): an 11-byte block (identifier and authentication code),
    /// then data sub-blocks.
    fn application(&mut self, r: &mut Reader<'a>, start: u64) -> Result<()> {
        let size = r.u8("application block size")?;
        let id = r.take(usize::from(size), "application identifier")?;
        let data_start = r.pos();
        let data = SubBlocks::skip(r)?;
        let range = start..r.offset();
        self.push("21FF".to_owned(), range.clone())?;
        match id {
            b"C2PA_GIF\x01\x00\x00" => {
                let store = blocks::join(
                    data,
                    self.limits.max_metadata_bytes.min(self.out.joined_left),
                )?;
                if let Cow::Owned(v) = &store {
                    self.out.joined_left = self.out.joined_left.saturating_sub(to_u64(v.len()));
                }
                self.out.c2pa.push(Payload {
                    bytes: store,
                    location: Location::new("gif", "C2PA_GIF application extension", start),
                    ranges: vec![range],
                });
            }
            b"XMP DataXMP" => {
                // The packet is stored raw, not as sub-blocks, and ends where the magic trailer
                // (0x01, 0xFF, 0xFE, ..., 0x00, then the terminator) begins. 0xFF never occurs
                // in UTF-8, so the first 0x01 0xFF marks it.
                let raw = r.all().get(data_start..r.pos()).unwrap_or_default();
                let end = raw.windows(2).position(|w| w == [0x01, 0xFF]);
                if end.is_none() {
                    self.out.warnings.push(format!(
                        "GIF XMP extension at offset {start} lacks its magic trailer"
                    ));
                }
                let packet = raw
                    .get(..end.unwrap_or_else(|| raw.len().saturating_sub(1)))
                    .unwrap_or_default();
                self.out.xmp.push(Payload {
                    bytes: Cow::Borrowed(packet),
                    location: Location::new(
                        "gif",
                        "XMP application extension",
                        start.saturating_add(14),
                    ),
                    ranges: vec![range],
                });
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
