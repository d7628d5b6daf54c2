//! JPEG XL `brob` boxes (ISO/IEC 18181-2, "Brotli-compressed box"): the 4-byte type of the box
//! it stands for, then that box's content compressed with Brotli (RFC 7932). Three inner types
//! carry labels: `jumb` (a C2PA manifest store), `xml ` (XMP) and `Exif`.
//!
//! Owns: splitting the box, the inner types the format forbids (a `brob` may not hold another
//! `brob` nor the codestream and signature boxes), and the bounded decompression: at most
//! `Limits::max_decompressed_bytes` of output, never an unbounded buffer. The decoder
//! (`brotli-decompressor`) is in the native build only (feature `brob`): the browser build
//! reports the box as found and not read, because the decoder and its 122 KB dictionary would
//! not fit the browser module's size budget, and browsers offer no Brotli `DecompressionStream`
//! (docs/DESIGN.md, "Compressed JPEG XL boxes").

use crate::limits::Decompression;

/// What a `brob` box holds, as far as the walker cares.
pub(super) enum Inner<'a> {
    /// A label-bearing inner type (`jumb`, `xml `, `Exif`) and its compressed content.
    Label(&'a [u8; 4], &'a [u8]),
    /// An inner type 18181-2 forbids in a `brob` box.
    Forbidden(&'a [u8; 4]),
    /// Any other inner type: not a label, skipped.
    Other,
    /// Fewer than four bytes: no inner type.
    Short,
}

/// Box types that may not be Brotli-compressed (18181-2: `brob` itself, the signature and
/// file type boxes, the codestream and its level, index and reconstruction boxes).
const FORBIDDEN: &[&[u8; 4]] = &[
    b"brob", b"JXL ", b"ftyp", b"jxll", b"jxli", b"jxlc", b"jxlp", b"jbrd",
];

/// Split a `brob` box's content into its inner type and compressed data.
pub(super) fn split(body: &[u8]) -> Inner<'_> {
    let Some((kind, data)) = body.split_first_chunk::<4>() else {
        return Inner::Short;
    };
    if matches!(kind, b"jumb" | b"xml " | b"Exif") {
        Inner::Label(kind, data)
    } else if FORBIDDEN.contains(&kind) {
        Inner::Forbidden(kind)
    } else {
        Inner::Other
    }
}

/// Decompress a Brotli stream to at most what is left of the input's allowance
/// (`Limits::max_decompressed_bytes`, shared by all its compressed boxes), spending what it
/// produced; `Err` says why not (over the allowance, truncated, corrupt), for a warning.
#[cfg(feature = "brob")]
pub(crate) fn inflate(data: &[u8], inflated: &mut Decompression) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cap = inflated.left();
    if cap == 0 {
        return Err(inflated.spent());
    }
    let mut out = Vec::new();
    // One byte past the cap tells "exactly at the limit" from "over it". The output grows as
    // it is produced, so a bomb costs at most the cap (and the decoder's window, at most the
    // 16 MiB Brotli allows without its large-window extension, which is not enabled).
    let mut bounded =
        brotli_decompressor::Decompressor::new(data, 4096).take(cap.saturating_add(1));
    let read = bounded.read_to_end(&mut out);
    inflated.spend(crate::bytes::to_u64(out.len()));
    read.map_err(|e| format!("its Brotli stream does not decompress ({e})"))?;
    if crate::bytes::to_u64(out.len()) > cap {
        return Err(format!("it decompresses {}", inflated.over(cap)));
    }
    Ok(out)
}

/// The browser build has no Brotli decoder: the caller reports the box as not read.
#[cfg(not(feature = "brob"))]
pub(crate) fn inflate(_data: &[u8], _inflated: &mut Decompression) -> Result<Vec<u8>, String> {
    Err(NOT_IN_THIS_BUILD.to_owned())
}

/// Why a `brob` box is not read in a build without the decoder.
#[cfg(not(feature = "brob"))]
const NOT_IN_THIS_BUILD: &str = "this build (the browser's) does not decompress Brotli; \
     the ailabel command line reads it";

/// What a label-bearing inner type is, for messages.
pub(super) fn what(kind: &[u8; 4]) -> &'static str {
    match kind {
        b"jumb" => "compressed C2PA box (brob)",
        b"xml " => "compressed XMP box (brob)",
        _ => "compressed Exif box (brob)",
    }
}
