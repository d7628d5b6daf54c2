//! PNG chunk walk (PNG 3rd edition / ISO 15948 §5) and the metadata chunks in it.
//!
//! Owns: the signature and chunk list (names are the chunk types, with `PNGh` for the 8-byte
//! signature as C2PA box hashing names it), CRC-32 checks (a mismatch is a warning: the chunk is
//! still read), the structure decoders refuse, found without decoding pixels (damage: IHDR
//! fields, a palette image without PLTE, no IDAT, image data that does not inflate to a first
//! row), text chunks ([`text`]: `tEXt`, `zTXt`,
//! `iTXt`, XMP in `iTXt` `XML:com.adobe.xmp`), `eXIf` and the C2PA `caBX` chunk (C2PA 2.2 A.3.2).

pub(crate) mod crc;
mod text;

use super::{Embedded, Location, Payload, Segment};
use crate::bytes::Reader;
use crate::error::{Error, Result};
use crate::limits::{Decompression, Limits};
use std::borrow::Cow;

/// The PNG signature (PNG §5.2).
pub const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Largest chunk length PNG allows (§5.3: "a PNG four-byte unsigned integer", at most 2^31-1).
const MAX_CHUNK_LEN: u32 = 0x7FFF_FFFF;

/// Walk a PNG input: every chunk in order and every metadata chunk in it.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut out = Embedded::new(limits);
    let mut r = Reader::new(bytes, "PNG");
    r.expect(SIGNATURE, "signature")?;
    out.segments.push(Segment {
        name: "PNGh".to_owned(),
        range: 0..8,
    });
    let max_blocks = usize::try_from(limits.max_blocks).unwrap_or(usize::MAX);
    let mut seen_idat = false;
    // §11.2.3: a palette image (colour type 3) needs a PLTE before its IDAT.
    let mut needs_plte = false;
    let mut inflated = Decompression::new(limits);
    loop {
        let start = r.offset();
        if r.is_empty() {
            cut_short(
                &mut out,
                seen_idat,
                &format!("the input ended at offset {start}"),
            );
            return Ok(out);
        }
        if out.segments.len() > max_blocks {
            return Err(Error::limit(
                "chunk count",
                u64::from(limits.max_blocks),
                "PNG",
            ));
        }
        let (kind, data, stored) = match chunk(&mut r, start) {
            Ok(c) => c,
            Err(e) => {
                // The rest of the file cannot be walked: the chunks read so far still count.
                cut_short(&mut out, seen_idat, e.message());
                return Ok(out);
            }
        };
        let name = String::from_utf8_lossy(&kind).into_owned();
        let range = start..r.offset();
        if out.segments.len() == 1 && &kind != b"IHDR" {
            return Err(Error::malformed(format!(
                "expected IHDR as the first PNG chunk at offset {start}, but found \"{}\"",
                crate::error::escape(&kind, 4)
            )));
        }
        // §5.3: the CRC covers the chunk type and data. §13.2: a decoder stops at a critical
        // chunk whose CRC fails (browsers do not show the image); before IEND that is damage.
        if crc::crc32(&[&kind, data]) != stored {
            let critical = kind.first().is_some_and(u8::is_ascii_uppercase);
            if critical && &kind != b"IEND" {
                out.damage.get_or_insert_with(|| {
                    format!("the critical PNG chunk {name} at offset {start} has a bad CRC")
                });
            } else {
                out.warnings.push(format!(
                    "PNG chunk {name} at offset {start} has a bad CRC; read anyway"
                ));
            }
        }
        crate::bytes::try_reserve(&mut out.segments, 1, "PNG chunks")?;
        out.segments.push(Segment {
            name: name.clone(),
            range: range.clone(),
        });
        let data_at = start.saturating_add(8);
        let mark = out.mark();
        // Structure browsers' decoders refuse (the png crate, libpng), found without decoding
        // the pixels: damage.
        let mut fault = None;
        match &kind {
            b"IHDR" => {
                needs_plte = data.get(9) == Some(&3);
                // The first chunk (checked above): the message needs no offset.
                if !ihdr_ok(data) {
                    fault = Some("expected IHDR values that §11.2.2 allows, but found others");
                }
            }
            b"PLTE" => needs_plte = false,
            b"IDAT" => {
                if needs_plte {
                    fault = Some(
                        "expected PLTE before IDAT in a palette image (§11.2.3), but found none",
                    );
                } else if !seen_idat {
                    fault = first_row_fault(data);
                }
                seen_idat = true;
            }
            b"IEND" => {
                if !seen_idat {
                    out.damage.get_or_insert_with(|| {
                        "expected IDAT before IEND (§11.2.4), but found none".to_owned()
                    });
                }
                if !r.is_empty() {
                    out.warnings.push(format!(
                        "PNG has {} bytes after its IEND chunk at offset {start}",
                        r.remaining()
                    ));
                }
                return Ok(out);
            }
            b"caBX" => out.c2pa.push(Payload {
                bytes: Cow::Borrowed(data),
                location: Location::new("png", "caBX chunk", start),
                ranges: vec![range],
            }),
            b"eXIf" => {
                // PNG 3rd ed. §11.3.4.5 stores bare TIFF data; some writers keep "Exif\0\0".
                let (tiff, skip) = match data.strip_prefix(b"Exif\0\0") {
                    Some(t) => (t, 6),
                    None => (data, 0),
                };
                out.exif.push(Payload {
                    bytes: Cow::Borrowed(tiff),
                    location: Location::new("png", "eXIf chunk", data_at.saturating_add(skip)),
                    ranges: vec![range],
                });
            }
            b"tEXt" | b"zTXt" | b"iTXt" => {
                text::read(&kind, data, start, range, limits, &mut inflated, &mut out)?;
            }
            _ => {}
        }
        if let Some(f) = fault {
            out.damage.get_or_insert_with(|| f.to_owned());
        }
        out.cap_entries(mark, limits);
    }
}

/// What stops a decoder before the first row, read from the first `IDAT` chunk: the zlib
/// header (RFC 1950 §2.2; PNG §10.1: method 8, no preset dictionary) and deflate data (RFC 1951
/// §3.2.3: block type 3 is an error) up to the first inflated byte, the first row's filter type
/// (§9.2: 0-4). libpng and the png crate stop there, and browsers show nothing. Only the first
/// chunk is read: a stream that needs more of it for its first byte is not judged.
fn first_row_fault(idat: &[u8]) -> Option<&'static str> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags as f, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let flags = f::TINFL_FLAG_PARSE_ZLIB_HEADER
        | f::TINFL_FLAG_HAS_MORE_INPUT
        | f::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut first = [0u8];
    let mut state = Box::<DecompressorOxide>::default();
    match decompress(&mut state, idat, &mut first, 0, flags) {
        (TINFLStatus::HasMoreOutput | TINFLStatus::Done, _, 1) => {
            let [filter] = first;
            (filter > 4)
                .then_some("expected a first row of filter type 0-4 (§9.2), but found another")
        }
        // The chunk ended before the first byte: the rest may be in the next IDAT.
        (TINFLStatus::NeedsMoreInput, _, _) => None,
        _ => Some("expected image data that inflates (RFC 1950, RFC 1951), but found other bytes"),
    }
}

/// Whether IHDR data is usable (§11.2.2); the png crate and libpng refuse the image otherwise.
fn ihdr_ok(d: &[u8]) -> bool {
    let Ok([w0, w1, w2, w3, h0, h1, h2, h3, depth, colour, compression, filter, interlace]) =
        <[u8; 13]>::try_from(d)
    else {
        return false;
    };
    // Table 11.1: 1, 2, 4, 8 or 16 bits; a palette at most 8, colour or alpha at least 8.
    let depth_ok = depth.is_power_of_two()
        && depth <= 16
        && match colour {
            0 => true,
            3 => depth <= 8,
            2 | 4 | 6 => depth >= 8,
            _ => false,
        };
    [w0, w1, w2, w3] != [0; 4]
        && [h0, h1, h2, h3] != [0; 4]
        && depth_ok
        && compression | filter == 0
        && interlace < 2
}

/// Read one chunk: length, type, data and CRC (§5.3).
fn chunk<'a>(r: &mut Reader<'a>, start: u64) -> Result<([u8; 4], &'a [u8], u32)> {
    let len = r.u32_be("chunk length")?;
    if len > MAX_CHUNK_LEN {
        return Err(Error::malformed(format!(
            "expected a chunk length below 2^31 in PNG at offset {start}, but found {len}"
        )));
    }
    let kind: [u8; 4] = r.array("chunk type")?;
    // §5.4: chunk types are four ASCII letters.
    if !kind.iter().all(u8::is_ascii_alphabetic) {
        return Err(Error::malformed(format!(
            "expected a chunk type of four ASCII letters in PNG at offset {}, but found \"{}\"",
            start.saturating_add(4),
            crate::error::escape(&kind, 4)
        )));
    }
    let data = r.take_len(u64::from(len), "chunk data")?;
    let stored = r.u32_be("chunk CRC")?;
    Ok((kind, data, stored))
}

/// The walk stopped before IEND (`why`). Before any image data that is damage (nothing to
/// show); after it, browsers still show what arrived, so it is a warning.
fn cut_short(out: &mut Embedded<'_>, seen_idat: bool, why: &str) {
    if seen_idat {
        out.warnings.push(format!(
            "expected PNG chunks up to IEND, but after the image data {why}"
        ));
    } else {
        out.damage.get_or_insert_with(|| {
            format!("expected PNG chunks up to IEND, but before the image data {why}")
        });
    }
}

#[cfg(test)]
mod tests;
