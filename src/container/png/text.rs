//! PNG text chunks (PNG §11.3.3.2–4): `tEXt` (Latin-1), `zTXt` (zlib, Latin-1) and `iTXt`
//! (UTF-8, optionally zlib), and the XMP packet carried in `iTXt` keyword `XML:com.adobe.xmp`
//! (XMP Specification Part 3 §1.1.5).
//!
//! Decompression draws on the input's allowance (`Limits::max_decompressed_bytes`, shared by
//! every compressed chunk): a chunk that inflates beyond what is left, or does not inflate, is
//! skipped with a warning.

use crate::bytes::Reader;
use crate::container::{decode_text, Embedded, Location, Payload, TextEntry};
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
    // A keyword is 1-79 bytes (PNG §11.3.3.2): a longer one (megabytes in a hostile file,
    // copied into the key and the location) is no keyword.
    let Some(keyword) = r.until(0, "keyword").ok().filter(|k| k.len() < 80) else {
        out.warnings.push(format!(
            "PNG chunk {name} at offset {start} has no NUL after its keyword; ignored"
        ));
        return Ok(());
    };
    let mut any = u64::MAX;
    let key = decode_text(keyword, true, &mut any, &mut out.warnings).into_owned();
    let location = Location::new("png", format!("{name} {key}"), start);
    // zTXt is compressed; iTXt says whether it is (one inflation for both).
    let compressed = match kind {
        b"tEXt" => false,
        b"zTXt" => {
            let _method = r.u8("compression method").unwrap_or(0);
            true
        }
        _ => {
            let head = (|| -> Result<u8> {
                let flag = r.u8("compression flag")?;
                r.u8("compression method")?;
                r.until(0, "language tag")?;
                r.until(0, "translated keyword")?;
                Ok(flag)
            })();
            let Ok(flag) = head else {
                out.warnings.push(format!(
                    "PNG chunk iTXt at offset {start} has a truncated header; ignored"
                ));
                return Ok(());
            };
            flag != 0
        }
    };
    let value: Cow<'a, [u8]> = if compressed {
        match inflate(r.rest(), inflated) {
            Ok(v) => Cow::Owned(v),
            Err(why) => {
                out.warnings.push(format!(
                    "PNG chunk {name} at offset {start}: {why}; ignored"
                ));
                return Ok(());
            }
        }
    } else {
        Cow::Borrowed(r.rest())
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
    // promise. Any other decoding is a copy: of a chunk's bytes, bounded by `max_joined_bytes`;
    // of inflated text, more output of its decompression.
    let latin1 = kind != b"iTXt";
    let text = match value {
        Cow::Borrowed(b) => decode_text(b, latin1, &mut out.joined_left, &mut out.warnings),
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) if !latin1 || s.is_ascii() => Cow::Owned(s),
            r => {
                let v = r.map_or_else(|e| e.into_bytes(), String::into_bytes);
                let mut left = inflated.left();
                let t = decode_text(&v, latin1, &mut left, &mut out.warnings).into_owned();
                inflated.spend(crate::bytes::to_u64(t.len()));
                Cow::Owned(t)
            }
        },
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
/// digits present and `Limits::max_metadata_bytes`; the decoded profile is a copy, drawn on
/// [`Embedded::joined_left`] (`Limits::max_joined_bytes`).
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
        Ok(n)
            if len <= limits.max_metadata_bytes.min(out.joined_left)
                && n.saturating_mul(2) <= digits =>
        {
            n
        }
        _ => {
            out.warnings.push(format!(
                "PNG chunk {name} at offset {start} claims a {len}-byte raw profile that its \
                 {digits} hex digits or max_joined_bytes do not hold; ignored"
            ));
            return;
        }
    };
    let mut data = Vec::new();
    if data.try_reserve(bytes).is_err() {
        return;
    }
    let mut nibbles = hex.iter().filter_map(|&b| char::from(b).to_digit(16));
    let mut want = bytes;
    while data.len() < want {
        let (Some(hi), Some(lo)) = (nibbles.next(), nibbles.next()) else {
            break;
        };
        data.push(u8::try_from(hi * 16 + lo).unwrap_or(0));
        // An EXIF profile's `Exif\0\0` is dropped as it is read: stripped after, it was copied.
        if is_exif && data == b"Exif\0\0" && want == bytes {
            data.clear();
            want = bytes.saturating_sub(6);
        }
    }
    out.joined_left = out.joined_left.saturating_sub(len);
    let location = Location::new("png", format!("{name} raw profile"), start);
    if is_exif {
        out.exif.push(Payload {
            bytes: Cow::Owned(data),
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
