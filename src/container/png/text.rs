//! PNG text chunks (PNG §11.3.3.2–4): `tEXt` (Latin-1), `zTXt` (zlib, Latin-1) and `iTXt`
//! (UTF-8, optionally zlib), and the XMP packet carried in `iTXt` keyword `XML:com.adobe.xmp`
//! (XMP Specification Part 3 §1.1.5).
//!
//! Decompression draws on the input's allowance (`Limits::max_decompressed_bytes`, shared by
//! every compressed chunk): a chunk that inflates beyond what is left, or does not inflate, is
//! skipped with a warning.

use crate::bytes::Reader;
use crate::container::{Embedded, Location, Payload, TextEntry};
use crate::error::Result;
use crate::limits::{Decompression, Limits};
use std::borrow::Cow;
use std::ops::Range;

const XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";

/// Read one text chunk of type `kind` whose data is `data`, starting at `start`.
pub(super) fn read<'a>(
    kind: &[u8; 4],
    data: &'a [u8],
    start: u64,
    range: Range<u64>,
    limits: &Limits,
    inflated: &mut Decompression,
    out: &mut Embedded<'a>,
) -> Result<()> {
    let name = String::from_utf8_lossy(kind).into_owned();
    let mut r = Reader::with_base(data, start.saturating_add(8), "PNG text chunk");
    let Ok(keyword) = r.until(0, "keyword") else {
        out.warnings.push(format!(
            "PNG chunk {name} at offset {start} has no NUL after its keyword; ignored"
        ));
        return Ok(());
    };
    let key = latin1(keyword).into_owned();
    let location = Location::new("png", format!("{name} {key}"), start);
    let value: Cow<'a, [u8]> = match kind {
        b"tEXt" => Cow::Borrowed(r.rest()),
        b"zTXt" => {
            let _method = r.u8("compression method").unwrap_or(0);
            match inflate(r.rest(), inflated) {
                Ok(v) => Cow::Owned(v),
                Err(why) => {
                    out.warnings.push(format!(
                        "PNG chunk {name} at offset {start}: {why}; ignored"
                    ));
                    return Ok(());
                }
            }
        }
        _ => {
            let head = (|| -> Result<(u8, &'a [u8])> {
                let flag = r.u8("compression flag")?;
                r.u8("compression method")?;
                r.until(0, "language tag")?;
                let translated = r.until(0, "translated keyword")?;
                Ok((flag, translated))
            })();
            let Ok((flag, _translated)) = head else {
                out.warnings.push(format!(
                    "PNG chunk iTXt at offset {start} has a truncated header; ignored"
                ));
                return Ok(());
            };
            if flag == 0 {
                Cow::Borrowed(r.rest())
            } else {
                match inflate(r.rest(), inflated) {
                    Ok(v) => Cow::Owned(v),
                    Err(why) => {
                        out.warnings
                            .push(format!("PNG chunk iTXt at offset {start}: {why}; ignored"));
                        return Ok(());
                    }
                }
            }
        }
    };
    if kind == b"iTXt" && keyword == XMP_KEYWORD {
        out.xmp.push(Payload {
            bytes: value,
            location: Location::new("png", "iTXt XML:com.adobe.xmp", start),
            ranges: vec![range],
        });
        return Ok(());
    }
    if let Some(profile) = keyword.strip_prefix(RAW_PROFILE) {
        raw_profile(profile, &value, &name, start, range, limits, out);
        return Ok(());
    }
    // An inflated value becomes the text in place when it is UTF-8 (iTXt) or ASCII (tEXt and
    // zTXt are Latin-1, which ASCII is too): a second copy would count against the memory
    // promise.
    let text = match value {
        Cow::Borrowed(b) if kind == b"iTXt" => String::from_utf8_lossy(b),
        Cow::Borrowed(b) => latin1(b),
        Cow::Owned(v) if kind == b"iTXt" || v.is_ascii() => match String::from_utf8(v) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        },
        Cow::Owned(v) => Cow::Owned(latin1(&v).into_owned()),
    };
    out.text.push(TextEntry {
        key,
        value: text,
        location,
    });
    Ok(())
}

/// ImageMagick's keyword prefix for a metadata profile stored as hex text.
const RAW_PROFILE: &[u8] = b"Raw profile type ";

/// An ImageMagick raw profile (`Raw profile type exif`, `APP1`, `xmp`): the value is
/// `"\n" name "\n" length "\n"` then the profile as hexadecimal digits split over lines. EXIF
/// profiles start `Exif\0\0`, which is stripped. The length is a claim, checked against the
/// digits present and `Limits::max_metadata_bytes`.
fn raw_profile<'a>(
    profile: &[u8],
    value: &[u8],
    name: &str,
    start: u64,
    range: Range<u64>,
    limits: &Limits,
    out: &mut Embedded<'a>,
) {
    let is_exif = matches!(profile, b"exif" | b"APP1");
    if !is_exif && profile != b"xmp" {
        return;
    }
    let mut fields = value.splitn(4, |&b| b == b'\n');
    let (_, _, len, hex) = (fields.next(), fields.next(), fields.next(), fields.next());
    let len = len
        .and_then(|l| std::str::from_utf8(l).ok())
        .and_then(|l| l.trim().parse::<u64>().ok());
    let (Some(len), Some(hex)) = (len, hex) else {
        out.warnings.push(format!(
            "PNG chunk {name} at offset {start} holds a raw profile without a length; ignored"
        ));
        return;
    };
    let digits = hex.iter().filter(|b| b.is_ascii_hexdigit()).count();
    let bytes = match usize::try_from(len) {
        Ok(n) if len <= limits.max_metadata_bytes && n.saturating_mul(2) <= digits => n,
        _ => {
            out.warnings.push(format!(
                "PNG chunk {name} at offset {start} claims a {len}-byte raw profile that its \
                 {digits} hex digits do not hold; ignored"
            ));
            return;
        }
    };
    let mut data = Vec::new();
    if data.try_reserve(bytes).is_err() {
        return;
    }
    let mut nibbles = hex.iter().filter_map(|&b| char::from(b).to_digit(16));
    while data.len() < bytes {
        let (Some(hi), Some(lo)) = (nibbles.next(), nibbles.next()) else {
            break;
        };
        data.push(u8::try_from(hi * 16 + lo).unwrap_or(0));
    }
    let location = Location::new("png", format!("{name} raw profile"), start);
    if is_exif {
        let tiff = match data.strip_prefix(b"Exif\0\0") {
            Some(t) => t.to_vec(),
            None => data,
        };
        out.exif.push(Payload {
            bytes: Cow::Owned(tiff),
            location,
            ranges: vec![range],
        });
    } else {
        out.xmp.push(Payload {
            bytes: Cow::Owned(data),
            location,
            ranges: vec![range],
        });
    }
}

/// Decode ISO 8859-1: every byte is the code point of the same value. Borrowed when ASCII.
pub(super) fn latin1(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) if b.is_ascii() => Cow::Borrowed(s),
        _ => Cow::Owned(b.iter().map(|&c| char::from(c)).collect()),
    }
}

/// Inflate a zlib stream (RFC 1950) to at most what is left of the input's allowance, and
/// spend what it produced, kept or not.
fn inflate(data: &[u8], inflated: &mut Decompression) -> std::result::Result<Vec<u8>, String> {
    let cap = inflated.left();
    if cap == 0 {
        return Err(inflated.spent());
    }
    let result = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(
        data,
        usize::try_from(cap).unwrap_or(usize::MAX),
    );
    match result {
        Ok(mut v) => {
            inflated.spend(crate::bytes::to_u64(v.len()));
            // The decoder grows its buffer by doubling: give back what the text does not use.
            v.shrink_to_fit();
            Ok(v)
        }
        Err(e) => {
            inflated.spend(crate::bytes::to_u64(e.output.len()));
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                Err(format!("text inflates {}", inflated.over(cap)))
            } else {
                Err(format!("text does not inflate ({:?})", e.status))
            }
        }
    }
}
