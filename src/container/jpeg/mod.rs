//! JPEG marker walk (ITU-T T.81 Annex B) and the metadata segments C2PA and XMP put in it.
//!
//! Owns: the segment list (`SOI`, `APPn`, `DQT`, `SOFn`, `DHT`, `SOS` up to the next marker after
//! its entropy-coded data, `EOI`, ...), a frame header browsers cannot show (damage), APP1 EXIF and XMP, Extended XMP ([`extended_xmp`]), APP11
//! JUMBF / C2PA stores ([`jumbf`]) and `COM` comments. Payloads are borrowed from the input, except
//! stores and packets that the format splits across segments.

mod extended_xmp;
pub(crate) mod jumbf;

use super::{Embedded, Location, Payload, Segment, TextEntry};
use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use crate::limits::Limits;
use std::borrow::Cow;
use std::ops::Range;

const EXIF_PREFIX: &[u8] = b"Exif\0";
const XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXT_XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";

/// Marker codes (T.81 Table B.1).
mod marker {
    pub const SOI: u8 = 0xD8;
    pub const EOI: u8 = 0xD9;
    pub const SOS: u8 = 0xDA;
    pub const APP1: u8 = 0xE1;
    pub const APP11: u8 = 0xEB;
    pub const COM: u8 = 0xFE;
    pub const TEM: u8 = 0x01;
}

/// The name C2PA box hashing and our reports use for marker `m` (T.81 Table B.1).
pub fn marker_name(m: u8) -> String {
    let fixed = match m {
        0xD8 => "SOI",
        0xD9 => "EOI",
        0xDA => "SOS",
        0xC4 => "DHT",
        0xC8 => "JPG",
        0xCC => "DAC",
        0xDB => "DQT",
        0xDC => "DNL",
        0xDD => "DRI",
        0xDE => "DHP",
        0xDF => "EXP",
        0xFE => "COM",
        0x01 => "TEM",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_owned();
    }
    match m {
        0xC0..=0xCF => format!("SOF{}", m.wrapping_sub(0xC0)),
        0xD0..=0xD7 => format!("RST{}", m.wrapping_sub(0xD0)),
        0xE0..=0xEF => format!("APP{}", m.wrapping_sub(0xE0)),
        0xF0..=0xFD => format!("JPG{}", m.wrapping_sub(0xF0)),
        _ => format!("FF{m:02X}"),
    }
}

/// Walk a JPEG input: every segment in order and every metadata block in it.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut w = Walker {
        bytes,
        limits,
        out: Embedded::new(limits),
        stores: jumbf::Assembler::default(),
        ext: extended_xmp::Collector::default(),
        seen_scan: false,
    };
    w.run()?;
    w.finish()
}

struct Walker<'a, 'l> {
    bytes: &'a [u8],
    limits: &'l Limits,
    out: Embedded<'a>,
    stores: jumbf::Assembler<'a>,
    ext: extended_xmp::Collector<'a>,
    /// Once a scan has been seen the image is decodable, so damage after it is only a warning.
    seen_scan: bool,
}

impl<'a> Walker<'a, '_> {
    fn run(&mut self) -> Result<()> {
        let mut r = Reader::new(self.bytes, "JPEG");
        r.expect(&[0xFF, marker::SOI], "SOI marker")?;
        self.push_segment("SOI".to_owned(), 0..2)?;
        loop {
            match self.step(&mut r) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) if self.seen_scan => {
                    self.out.warnings.push(format!(
                        "JPEG is damaged after its first scan ({e}); segments after offset {} \
                         were not read",
                        r.offset()
                    ));
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Read one segment at the cursor; false when the walk is over.
    fn step(&mut self, r: &mut Reader<'a>) -> Result<bool> {
        let start = r.offset();
        if r.is_empty() {
            if self.seen_scan {
                self.out
                    .warnings
                    .push(format!("JPEG ends at offset {start} without an EOI marker"));
                return Ok(false);
            }
            return Err(Error::malformed(format!(
                "expected a marker before the first SOS in JPEG at offset {start}, but the input ended"
            )));
        }
        let first = r.u8("marker prefix")?;
        if first != 0xFF {
            return Err(Error::malformed(format!(
                "expected a marker (0xFF) in JPEG at offset {start}, but found 0x{first:02x}"
            )));
        }
        // T.81 B.1.1.2: any marker may be preceded by fill bytes 0xFF; they belong to it here.
        let mut m = r.u8("marker code")?;
        while m == 0xFF {
            m = r.u8("marker code")?;
        }
        let code_at = r.offset().saturating_sub(2);
        match m {
            marker::EOI => {
                self.push_segment(marker_name(m), start..r.offset())?;
                if !r.is_empty() {
                    self.out.warnings.push(format!(
                        "JPEG has {} bytes after its EOI marker at offset {code_at}",
                        r.remaining()
                    ));
                }
                Ok(false)
            }
            marker::TEM | 0xD0..=0xD7 | marker::SOI => {
                // Standalone markers without a length (T.81 B.1.1.3).
                self.push_segment(marker_name(m), start..r.offset())?;
                Ok(true)
            }
            0x00 => Err(Error::malformed(format!(
                "expected a marker code in JPEG at offset {code_at}, but found 0xff00 outside \
                 entropy-coded data"
            ))),
            _ => {
                let len = r.u16_be("segment length")?;
                let body_len = u64::from(len).checked_sub(2).ok_or_else(|| {
                    Error::malformed(format!(
                        "expected a segment length of at least 2 in JPEG {} at offset {code_at}, \
                         but found {len}",
                        marker_name(m)
                    ))
                })?;
                let body = r.take_len(body_len, "segment")?;
                let mut end = r.offset();
                if m == marker::SOS {
                    self.seen_scan = true;
                    end = Self::skip_entropy(r)?;
                }
                let range = start..end;
                self.push_segment(marker_name(m), range.clone())?;
                self.read_segment(m, body, range)?;
                Ok(true)
            }
        }
    }

    /// Skip entropy-coded data after an SOS header up to the next marker that is not a stuffed
    /// byte (`FF 00`), a restart marker or fill (T.81 B.1.1.5, B.2.1); returns its offset.
    ///
    /// Out of line on purpose (here, and in `scripts/build-wasm.sh` for wasm-opt): this loop
    /// runs over most of the file, and in the browser the function it sits in gets hot during
    /// the first check. V8 then compiles that function again with TurboFan; inlined into the
    /// walk, that was the whole 10 KB walk (12-44 ms of compiling beside the first check,
    /// which took about 11 ms longer for it), where now it is this one (about 1.5 ms).
    /// BENCHMARKS.md, "The first check's tier-up".
    #[inline(never)]
    fn skip_entropy(r: &mut Reader<'a>) -> Result<u64> {
        let rest = r.rest();
        let mut i = 0usize;
        loop {
            let Some(ff) = rest.get(i..).and_then(first_ff) else {
                // Truncated in entropy-coded data: `step` reports the missing EOI.
                r.seek(r.all().len(), "entropy-coded data")?;
                return Ok(r.offset());
            };
            let at = i.saturating_add(ff);
            // A run of 0xFF is fill; the byte after the run decides what it is.
            let run = rest
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == 0xFF)
                .count();
            let after = at.saturating_add(run);
            match rest.get(after) {
                Some(0x00 | 0xD0..=0xD7) => i = after.saturating_add(1),
                Some(_) => {
                    r.seek(r.pos().saturating_add(at), "entropy-coded data")?;
                    return Ok(r.offset());
                }
                None => i = after,
            }
        }
    }

    fn push_segment(&mut self, name: String, range: Range<u64>) -> Result<()> {
        if self.out.segments.len() >= usize::try_from(self.limits.max_blocks).unwrap_or(usize::MAX)
        {
            return Err(Error::limit(
                "segment count",
                u64::from(self.limits.max_blocks),
                "JPEG",
            ));
        }
        crate::bytes::try_reserve(&mut self.out.segments, 1, "JPEG segments")?;
        self.out.segments.push(Segment { name, range });
        Ok(())
    }

    /// Pick the metadata out of one segment whose contents (after marker and length) are `body`.
    fn read_segment(&mut self, m: u8, body: &'a [u8], range: Range<u64>) -> Result<()> {
        let at = range.start;
        let data_at = at.saturating_add(4);
        let mark = self.out.mark();
        match m {
            marker::APP1 => {
                if let Some(tiff) = body.strip_prefix(EXIF_PREFIX) {
                    // "Exif\0" and one pad byte (CIPA DC-008 4.7.2); some writers pad with 0xFF.
                    let tiff = tiff.get(1..).unwrap_or_default();
                    self.out.exif.push(Payload {
                        bytes: Cow::Borrowed(tiff),
                        location: Location::new("jpeg", "APP1 EXIF", data_at.saturating_add(6)),
                        ranges: vec![range],
                    });
                } else if let Some(xmp) = body.strip_prefix(XMP_PREFIX) {
                    let off = data_at.saturating_add(to_u64(XMP_PREFIX.len()));
                    self.out.xmp.push(Payload {
                        bytes: Cow::Borrowed(xmp),
                        location: Location::new("jpeg", "APP1 XMP", off),
                        ranges: vec![range],
                    });
                } else if let Some(rest) = body.strip_prefix(EXT_XMP_PREFIX) {
                    let max = (
                        self.limits.max_metadata_bytes,
                        self.limits.max_joined_xmp_bytes,
                    );
                    if let Some(w) = self.ext.add(rest, range, max)? {
                        self.out.warnings.push(w);
                    }
                }
            }
            marker::APP11 => {
                let max = (
                    self.limits.max_metadata_bytes,
                    self.limits.max_joined_bytes,
                    Embedded::store_cap(self.limits),
                );
                if let Some(w) = self.stores.add(body, range, max)? {
                    self.out.warnings.push(w);
                }
            }
            marker::COM => {
                let (left, warnings) = (&mut self.out.joined_left, &mut self.out.warnings);
                let value = super::decode_text(body, false, left, warnings);
                self.out.text.push(TextEntry {
                    key: String::new(),
                    value,
                    location: Location::new("jpeg", "COM", at),
                });
            }
            // A frame header (SOF0-SOF15 but DHT, JPG and DAC; T.81 Table B.1): X, the samples
            // per line, is 1-65535 (B.2.2); Y = 0 leaves the height to a DNL segment, which
            // browsers' decoders refuse (libjpeg-turbo: "Empty JPEG image"). A frame cut short,
            // or of no lines or no samples, shows nothing: damage.
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                if matches!(body.get(1..5), None | Some([0, 0, _, _] | [_, _, 0, 0])) {
                    self.out.damage.get_or_insert_with(|| {
                        "expected a JPEG frame header (T.81 B.2.2) of at least one line and one \
                         sample per line, but found none"
                            .to_owned()
                    });
                }
            }
            _ => {}
        }
        self.out.cap_entries(mark, self.limits);
        Ok(())
    }

    /// Hand over the reassembled stores and Extended XMP packets.
    fn finish(mut self) -> Result<Embedded<'a>> {
        self.out.skipped_stores = self
            .out
            .skipped_stores
            .saturating_add(self.stores.skipped_stores);
        for s in std::mem::take(&mut self.stores.stores) {
            let declared = jumbf_declared_len(&s.bytes);
            if !jumbf::is_c2pa_store(&s.bytes) {
                continue;
            }
            if let Some(n) = declared {
                if n != to_u64(s.bytes.len()) {
                    self.out.warnings.push(format!(
                        "C2PA store in APP11 at offset {} declares {n} bytes but its segments \
                         hold {}",
                        s.offset,
                        s.bytes.len()
                    ));
                }
            }
            let mark = self.out.mark();
            self.out.c2pa.push(Payload {
                bytes: s.bytes,
                location: Location::new("jpeg", "APP11 JUMBF", s.offset),
                ranges: s.ranges,
            });
            self.out.cap_entries(mark, self.limits);
        }
        for mut g in std::mem::take(&mut self.ext.groups) {
            let mark = self.out.mark();
            match g.join() {
                Ok(packet) => self.out.xmp.push(Payload {
                    bytes: Cow::Owned(packet),
                    location: Location::new("jpeg", "APP1 Extended XMP", g.offset)
                        .with_path(String::from_utf8_lossy(g.guid).into_owned()),
                    ranges: g.ranges,
                }),
                Err(why) => self.out.warnings.push(format!(
                    "Extended XMP with GUID \"{}\" at offset {} is incomplete: {why}",
                    crate::error::escape(g.guid, 32),
                    g.offset
                )),
            }
            self.out.cap_entries(mark, self.limits);
        }
        Ok(self.out)
    }
}

/// The total size a superbox header claims (`LBox`, or `XLBox` when `LBox` = 1); `None` for
/// "to the end" (0) or an unreadable header.
fn jumbf_declared_len(store: &[u8]) -> Option<u64> {
    let mut r = Reader::new(store, "JUMBF superbox");
    match r.u32_be("LBox").ok()? {
        0 => None,
        1 => {
            r.skip(4, "TBox").ok()?;
            r.u64_be("XLBox").ok()
        }
        n => Some(u64::from(n)),
    }
}

/// Where the first 0xFF of `s` is, looked for eight bytes at a time: entropy-coded data is most
/// of a JPEG, and this search most of the walk.
fn first_ff(s: &[u8]) -> Option<usize> {
    let mut at = 0usize;
    for c in s.chunks_exact(8) {
        let Ok(w) = <[u8; 8]>::try_from(c) else {
            break;
        };
        // A zero byte of the complement is a 0xFF byte of `c` (the usual has-a-zero-byte test).
        let x = !u64::from_le_bytes(w);
        if x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at = at.saturating_add(8);
    }
    let p = s.get(at..)?.iter().position(|&b| b == 0xFF)?;
    Some(at.saturating_add(p))
}

#[cfg(test)]
mod tests;
