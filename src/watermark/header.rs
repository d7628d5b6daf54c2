//! The dimensions an image declares in its header, read before anything decodes it: the
//! browser's side of the pixel budget. The wasm build has no decoder; the page and the extension
//! decode with `createImageBitmap`, which holds the whole bitmap before it says how large it is.
//! So they ask this first ([`declared`], exported as `imageSize`), and decode only an image
//! whose declared size is within [`crate::limits::Limits::max_pixels`] ([`super::pixel_budget`]).
//!
//! Read (the formats the browsers decode, by magic bytes as [`crate::sniff`] tells them, plus
//! BMP, which only the page's thumbnails decode):
//! - PNG: `IHDR`, the first chunk (ISO 15948 §11.2.2);
//! - JPEG: the first frame header, SOF0..SOF15 (ITU T.81 §B.2.2), after any number of marker
//!   segments; a height of 0 (defined later by a DNL marker, §B.2.5) is unreadable;
//! - GIF: the Logical Screen Descriptor (GIF89a §18) and the first Image Descriptor (§20), the
//!   larger extent of the two (a browser grows the screen to a first frame that overflows it);
//! - WebP: the first chunk, `VP8X` (the canvas), `VP8 ` (RFC 6386 §9.1 frame header) or `VP8L`
//!   (lossless bitstream header), as RFC 9649 §2.5-§2.7 lay them out;
//! - AVIF: every `ispe` property (ISO 23008-12 §6.5.3) in `meta`/`iprp`/`ipco`, the largest
//!   (the primary item, a grid, its tiles or an auxiliary image: whichever is largest);
//! - BMP: `BITMAPCOREHEADER` or `BITMAPINFOHEADER` and its successors.
//!
//! Bytes are read only as far as the dimensions: a caller may pass a prefix of the file and,
//! when it ends first ([`Dims::Truncated`]), a longer one.

use crate::sniff::{self, Format};

pub mod orientation;

/// What the header of an image says about its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dims {
    /// Width and height in pixels, both non-zero.
    Size(u32, u32),
    /// The bytes end before the dimensions do: a longer prefix may tell. (For AVIF: the
    /// top-level boxes end without a `meta`.) Said of a whole file, it is unreadable.
    Truncated,
    /// The header is malformed or declares no usable size (a zero dimension, JPEG's DNL).
    Unreadable,
}

/// The format name (as in reports, plus `bmp`) and the declared size of `bytes`, or `None`
/// when they do not start like an image this reads.
pub fn declared(bytes: &[u8]) -> Option<(&'static str, Dims)> {
    let format = sniff::sniff(bytes);
    let dims = match format {
        Format::Png => png(bytes),
        Format::Jpeg => jpeg(bytes),
        Format::Gif => gif(bytes),
        Format::Webp => webp(bytes),
        Format::Avif => avif(bytes),
        _ if bytes.starts_with(b"BM") => return Some(("bmp", bmp(bytes))),
        _ => return None,
    };
    Some((format.name(), dims))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}
fn be64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}
fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(3)?)?;
    Some(
        s.iter()
            .rev()
            .fold(0u32, |acc, &x| (acc << 8) | u32::from(x)),
    )
}
fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// `Size` when both are non-zero, else `Unreadable`.
fn size(w: u32, h: u32) -> Dims {
    if w == 0 || h == 0 {
        Dims::Unreadable
    } else {
        Dims::Size(w, h)
    }
}

/// PNG: the signature, then `IHDR` (length 13) with width and height (§11.2.2).
fn png(b: &[u8]) -> Dims {
    match (be32(b, 8), b.get(12..16), be32(b, 16), be32(b, 20)) {
        (Some(13), Some(b"IHDR"), Some(w), Some(h)) => size(w, h),
        (Some(_), Some(_), _, _) if b.get(12..16) != Some(b"IHDR") => Dims::Unreadable,
        (Some(n), _, _, _) if n != 13 => Dims::Unreadable,
        _ => Dims::Truncated,
    }
}

/// JPEG: walk the marker segments after SOI to the first SOFn (§B.1.1.3, §B.2.2).
fn jpeg(b: &[u8]) -> Dims {
    let mut i = 2usize;
    loop {
        match b.get(i) {
            None => return Dims::Truncated,
            Some(0xff) => {}
            Some(_) => return Dims::Unreadable,
        }
        // Any number of fill bytes 0xFF before the marker code (§B.1.1.2).
        let mut j = i.saturating_add(1);
        let marker = loop {
            match b.get(j) {
                None => return Dims::Truncated,
                Some(0xff) => j = j.saturating_add(1),
                Some(&m) => break m,
            }
        };
        i = j.saturating_add(1);
        if matches!(marker, 0x01 | 0xd0..=0xd7) {
            continue; // TEM, RSTn: no length
        }
        // EOI or SOS before any frame header: nothing to decode.
        if matches!(marker, 0xd9 | 0xda) {
            return Dims::Unreadable;
        }
        let Some(len) = be16(b, i) else {
            return Dims::Truncated;
        };
        if len < 2 {
            return Dims::Unreadable;
        }
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): P, Y, X (§B.2.2).
        if matches!(marker, 0xc0..=0xcf) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
            let at = i.saturating_add(3);
            return match (be16(b, at), be16(b, at.saturating_add(2))) {
                (Some(h), Some(w)) => size(u32::from(w), u32::from(h)),
                _ => Dims::Truncated,
            };
        }
        i = i.saturating_add(usize::from(len));
    }
}

/// GIF: the logical screen (§18) and the first image's extent (§20), whichever is larger.
fn gif(b: &[u8]) -> Dims {
    let (Some(sw), Some(sh), Some(&packed)) = (le16(b, 6), le16(b, 8), b.get(10)) else {
        return Dims::Truncated;
    };
    let mut i = 13usize;
    if packed & 0x80 != 0 {
        i = i.saturating_add(3usize << ((packed & 7) + 1));
    }
    loop {
        match b.get(i) {
            None => return Dims::Truncated,
            // Image Descriptor: left, top, width, height.
            Some(0x2c) => {
                let f = |k: usize| le16(b, i.saturating_add(k)).map(u32::from);
                let (Some(left), Some(top), Some(w), Some(h)) = (f(1), f(3), f(5), f(7)) else {
                    return Dims::Truncated;
                };
                return size(
                    u32::from(sw).max(left.saturating_add(w)),
                    u32::from(sh).max(top.saturating_add(h)),
                );
            }
            // An extension: its label, then data sub-blocks up to a zero-length one (§23-§26).
            Some(0x21) => {
                i = i.saturating_add(2);
                loop {
                    match b.get(i) {
                        None => return Dims::Truncated,
                        Some(0) => break,
                        Some(&n) => i = i.saturating_add(usize::from(n)).saturating_add(1),
                    }
                }
                i = i.saturating_add(1);
            }
            // The trailer, or anything else, before an image: nothing to decode.
            Some(_) => return Dims::Unreadable,
        }
    }
}

/// WebP: the first chunk after the RIFF header (RFC 9649 §2.5-§2.7).
fn webp(b: &[u8]) -> Dims {
    let (Some(fourcc), Some(data)) = (b.get(12..16), b.get(20..)) else {
        return Dims::Truncated;
    };
    match fourcc {
        // Flags, 3 reserved bytes, canvas width - 1 and height - 1 (24 bits each).
        b"VP8X" => match (le24(data, 4), le24(data, 7)) {
            (Some(w), Some(h)) => size(w.saturating_add(1), h.saturating_add(1)),
            _ => Dims::Truncated,
        },
        // A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height
        // (the top 2 bits are scaling), RFC 6386 §9.1.
        b"VP8 " => match (data.get(3..6), le16(data, 6), le16(data, 8)) {
            (Some([0x9d, 0x01, 0x2a]), Some(w), Some(h)) => {
                size(u32::from(w & 0x3fff), u32::from(h & 0x3fff))
            }
            (Some(_), Some(_), Some(_)) => Dims::Unreadable,
            _ => Dims::Truncated,
        },
        // Signature 0x2F, then width - 1 and height - 1 in 14 bits each (RFC 9649 §3.2).
        b"VP8L" => match (data.first(), le32(data, 1)) {
            (Some(0x2f), Some(v)) => size((v & 0x3fff) + 1, ((v >> 14) & 0x3fff) + 1),
            (Some(_), Some(_)) => Dims::Unreadable,
            _ => Dims::Truncated,
        },
        _ => Dims::Unreadable,
    }
}

/// AVIF: the largest `ispe` in `meta`/`iprp`/`ipco` (ISO 23008-12 §6.5.3, §9.3).
fn avif(b: &[u8]) -> Dims {
    // The top-level boxes end with the bytes: a longer prefix may still hold a `meta`.
    let Found::Box(meta) = find_box(b, b"meta") else {
        return Dims::Truncated;
    };
    // `meta` is a full box: version and flags first.
    let Some(children) = meta.get(4..) else {
        return Dims::Unreadable;
    };
    let Found::Box(iprp) = find_box(children, b"iprp") else {
        return Dims::Unreadable;
    };
    let Found::Box(ipco) = find_box(iprp, b"ipco") else {
        return Dims::Unreadable;
    };
    let mut best: Option<(u32, u32)> = None;
    let mut rest = ipco;
    while let Some((kind, body, next)) = next_box(rest) {
        if kind == b"ispe" {
            if let (Some(w), Some(h)) = (be32(body, 4), be32(body, 8)) {
                let area = |(w, h): (u32, u32)| u64::from(w).saturating_mul(u64::from(h));
                if best.is_none_or(|b| area((w, h)) > area(b)) {
                    best = Some((w, h));
                }
            }
        }
        rest = next;
    }
    best.map_or(Dims::Unreadable, |(w, h)| size(w, h))
}

enum Found<'a> {
    Box(&'a [u8]),
    Truncated,
    Absent,
}

/// The body of the first box of type `kind` among the boxes of `b`.
fn find_box<'a>(b: &'a [u8], kind: &[u8; 4]) -> Found<'a> {
    let mut rest = b;
    loop {
        match box_at(rest) {
            BoxAt::Box(k, body, _) if k == kind => return Found::Box(body),
            BoxAt::Box(_, _, next) => rest = next,
            BoxAt::Truncated => return Found::Truncated,
            BoxAt::End => return Found::Absent,
        }
    }
}

/// The next box of `b` as (type, body, the bytes after it), `None` at the end or when cut.
fn next_box(b: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    match box_at(b) {
        BoxAt::Box(k, body, next) => Some((k, body, next)),
        _ => None,
    }
}

enum BoxAt<'a> {
    Box(&'a [u8], &'a [u8], &'a [u8]),
    Truncated,
    End,
}

/// A box header (ISO 14496-12 §4.2): 32-bit size and type, a 64-bit size when the first is 1,
/// to the end when it is 0.
fn box_at(b: &[u8]) -> BoxAt<'_> {
    if b.is_empty() {
        return BoxAt::End;
    }
    let (Some(size32), Some(kind)) = (be32(b, 0), b.get(4..8)) else {
        return BoxAt::Truncated;
    };
    let (size, header) = match size32 {
        0 => (crate::bytes::to_u64(b.len()), 8u64),
        1 => match be64(b, 8) {
            Some(s) => (s, 16),
            None => return BoxAt::Truncated,
        },
        s => (u64::from(s), 8),
    };
    if size < header {
        return BoxAt::End; // malformed: stop here
    }
    let (Ok(size), Ok(header)) = (usize::try_from(size), usize::try_from(header)) else {
        return BoxAt::Truncated;
    };
    match (b.get(header..size), b.get(size..)) {
        (Some(body), Some(next)) => BoxAt::Box(kind, body, next),
        _ => BoxAt::Truncated,
    }
}

/// BMP: the file header (14 bytes), then the DIB header's size, width and height; a negative
/// height is a top-down bitmap.
fn bmp(b: &[u8]) -> Dims {
    match le32(b, 14) {
        None => Dims::Truncated,
        Some(12) => match (le16(b, 18), le16(b, 20)) {
            (Some(w), Some(h)) => size(u32::from(w), u32::from(h)),
            _ => Dims::Truncated,
        },
        Some(n) if n >= 40 => match (le32(b, 18), le32(b, 22)) {
            (Some(w), Some(h)) => {
                let (w, h) = (
                    i32::from_le_bytes(w.to_le_bytes()),
                    i32::from_le_bytes(h.to_le_bytes()),
                );
                if w < 0 {
                    Dims::Unreadable
                } else {
                    size(w.unsigned_abs(), h.unsigned_abs())
                }
            }
            _ => Dims::Truncated,
        },
        Some(_) => Dims::Unreadable,
    }
}

#[cfg(test)]
mod tests;
