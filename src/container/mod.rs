//! Second step of the pipeline: walk a container and find every metadata block in it.
//!
//! Each walker (one file per container format) finds the blocks that can carry a label (XMP,
//! EXIF, text chunks, comments, a C2PA manifest store) with their byte ranges, and lists every
//! top-level segment/chunk/box in file order so that the C2PA hard-binding checks can hash the
//! input around them. Walkers borrow from the input and copy a payload only when the format
//! splits it across segments (JPEG APP11 and Extended XMP) or compresses it (PNG zTXt/iTXt).
//!
//! Contract for every walker: arbitrary bytes never panic, loops end, and allocation stays within
//! [`Limits`]. A structure that cannot be walked is an [`Error`]; an oddity that still lets us
//! read on (a bad CRC on an ancillary chunk) is a warning in [`Embedded::warnings`].

pub mod bmff;
pub mod gif;
pub mod jpeg;
pub mod mp3;
pub mod pdf;
pub mod png;
pub mod riff;
pub mod svg;
pub mod text;
pub mod tiff;
pub mod warnings;
pub mod xml;

use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::sniff::Format;
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

/// Where in the input something was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Location {
    /// The container format, e.g. `"jpeg"`.
    pub container: String,
    /// The block inside it, e.g. `"APP1 XMP"`, `"tEXt parameters"`, `"uuid box"`.
    pub block: String,
    /// Absolute byte offset of the block (or of the character, for text) in the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// A path inside the block: an XMP property, an EXIF tag, a C2PA manifest label, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Location {
    /// A location in `container`'s `block` at `offset`.
    pub fn new(container: &str, block: impl Into<String>, offset: u64) -> Self {
        Self {
            container: container.to_owned(),
            block: block.into(),
            offset: Some(offset),
            path: None,
        }
    }

    /// The same location with a path inside the block.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
}

/// A metadata payload found in the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload<'a> {
    /// The payload bytes (borrowed from the input unless reassembled or decompressed).
    pub bytes: Cow<'a, [u8]>,
    /// Where it starts.
    pub location: Location,
    /// The full byte ranges in the input of every segment/chunk/box that carries it, headers
    /// included, in file order. For a C2PA store these are what a `c2pa.hash.data` exclusion
    /// must cover (C2PA 2.2 A.3.1 for JPEG: "including FF EB and Lp").
    pub ranges: Vec<Range<u64>>,
}

/// A key/value text entry: a PNG `tEXt`/`zTXt`/`iTXt` chunk, a GIF comment, a JPEG `COM`, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEntry<'a> {
    /// The keyword (`"parameters"`, `"prompt"`, `"Comment"`, ...); empty for plain comments.
    pub key: String,
    /// The decoded text.
    pub value: Cow<'a, str>,
    /// Where it was found.
    pub location: Location,
}

/// A top-level segment, chunk or box, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Its name as C2PA box hashing spells it: `SOI`, `APP1`, `SOS` ... for JPEG; the chunk type
    /// for PNG and RIFF; the box type for BMFF; `21FF` etc. for GIF.
    pub name: String,
    /// Its full byte range in the input, headers included.
    pub range: Range<u64>,
}

/// Everything a container walk found.
#[derive(Debug, Clone, Default)]
pub struct Embedded<'a> {
    /// The sniffed format.
    pub format: Option<Format>,
    /// XMP packets (JPEG Extended XMP already joined to its main packet's GUID group).
    pub xmp: Vec<Payload<'a>>,
    /// EXIF blocks as TIFF-structured bytes (`II*\0` / `MM\0*`), any `Exif\0\0` prefix stripped.
    pub exif: Vec<Payload<'a>>,
    /// Text entries.
    pub text: Vec<TextEntry<'a>>,
    /// C2PA manifest stores. More than one is itself a finding (C2PA 2.2 §15.5.2).
    pub c2pa: Vec<Payload<'a>>,
    /// Every top-level segment/chunk/box in file order.
    pub segments: Vec<Segment>,
    /// A decoded text document, for text and HTML inputs (with the scanned HTML document).
    pub body: Option<text::TextBody<'a>>,
    /// Non-fatal oddities, each naming where it was seen (the first
    /// [`Limits::max_warnings`]; the rest counted).
    pub warnings: warnings::Warnings,
    /// Damage where browsers stop showing the image (a critical PNG chunk with a bad CRC, a
    /// PNG header its decoders refuse, a PNG without image data or a palette image without
    /// PLTE, a GIF without an image, an image cut short before its pixel data, a TIFF whose
    /// first IFD cannot be read): what and where. The walk still returns what it read; the pipeline reports the image as damaged
    /// (`error`) unless labels were found, which are then reported with a warning.
    pub damage: Option<String>,
    /// Metadata entries found past [`Limits::max_metadata_entries`] and skipped
    /// ([`Embedded::cap_entries`]); one warning says how many.
    pub skipped_entries: u64,
    /// C2PA manifest stores found past [`Limits::max_stores`] (or
    /// [`Limits::max_metadata_entries`], if lower) and skipped; one warning says how many, and
    /// the C2PA step reports the file as holding too many stores.
    pub skipped_stores: u64,
    /// What text decoded from the input ([`decode_text`]) and GIF sub-blocks joined may still
    /// copy: the input's [`Limits::max_joined_bytes`].
    pub joined_left: u64,
}

/// How many entries of each kind a walk had found before a block was read
/// ([`Embedded::mark`]), so that what the block adds can be dropped past the cap.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    xmp: usize,
    exif: usize,
    text: usize,
    c2pa: usize,
}

impl Embedded<'_> {
    /// Nothing found yet, with warnings bounded by `limits` ([`Limits::max_warnings`]): what
    /// each walker starts from.
    pub fn new(limits: &Limits) -> Self {
        Self {
            warnings: warnings::Warnings::new(limits),
            joined_left: limits.max_joined_bytes,
            ..Self::default()
        }
    }

    /// The most C2PA manifest stores kept from one input: [`Limits::max_stores`], and never
    /// more than [`Limits::max_metadata_entries`].
    pub fn store_cap(limits: &Limits) -> usize {
        crate::limits::count(limits.max_stores.min(limits.max_metadata_entries))
    }

    /// The entries found so far, before a block is read.
    pub fn mark(&self) -> Mark {
        Mark {
            xmp: self.xmp.len(),
            exif: self.exif.len(),
            text: self.text.len(),
            c2pa: self.c2pa.len(),
        }
    }

    /// After reading a block: drop the entries it added when they take the input past
    /// [`Limits::max_metadata_entries`] (XMP, EXIF and text together; C2PA stores past
    /// [`Embedded::store_cap`]), so that memory and label-reading work stay bounded however
    /// many tiny entries a file has. Walkers call it once per block, so the vectors never grow
    /// far past the cap.
    pub fn cap_entries(&mut self, mark: Mark, limits: &Limits) {
        let cap = crate::limits::count(limits.max_metadata_entries);
        let entries = self
            .xmp
            .len()
            .saturating_add(self.exif.len())
            .saturating_add(self.text.len());
        if entries > cap {
            let added = entries
                .saturating_sub(mark.xmp.saturating_add(mark.exif).saturating_add(mark.text));
            self.skipped_entries = self
                .skipped_entries
                .saturating_add(crate::bytes::to_u64(added));
            self.xmp.truncate(mark.xmp);
            self.exif.truncate(mark.exif);
            self.text.truncate(mark.text);
        }
        if self.c2pa.len() > Self::store_cap(limits) {
            let added = self.c2pa.len().saturating_sub(mark.c2pa);
            self.skipped_stores = self
                .skipped_stores
                .saturating_add(crate::bytes::to_u64(added));
            self.c2pa.truncate(mark.c2pa);
        }
    }
}

/// Decode Base64 written with whitespace anywhere (an HTML `<script>`, a C2PA structured-text
/// block) into at most `left` bytes, then lower `left` by what was decoded. Decoded in pieces,
/// so no whitespace-free copy of the text is made: with the output that would be twice the
/// payload.
pub(crate) fn decode_base64(text: &str, left: &mut u64) -> std::result::Result<Vec<u8>, String> {
    use base64::Engine;
    let engine = &base64::engine::general_purpose::STANDARD;
    let encoded: usize = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    let estimate = crate::bytes::to_u64(encoded) / 4 * 3;
    if estimate > *left {
        return Err(format!(
            "it would decode to about {estimate} bytes, more than the {left} bytes left of the \
             input's allowance for joined payloads (max_joined_bytes)"
        ));
    }
    let mut out = Vec::new();
    out.try_reserve(usize::try_from(estimate).unwrap_or(0))
        .map_err(|e| e.to_string())?;
    let mut piece = String::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        piece.push(c);
        if piece.len() >= 1 << 16 && piece.len() % 4 == 0 {
            // `decode`, as elsewhere in the crate (one instantiation in the browser module).
            let part = engine.decode(piece.as_bytes()).map_err(|e| e.to_string())?;
            out.extend_from_slice(&part);
            piece.clear();
        }
    }
    let part = engine.decode(piece.as_bytes()).map_err(|e| e.to_string())?;
    out.extend_from_slice(&part);
    *left = left.saturating_sub(crate::bytes::to_u64(out.len()));
    Ok(out)
}

/// `bytes` as text: UTF-8 with each invalid sequence replaced by U+FFFD, or ISO 8859-1 when
/// `latin1`. Borrowed when that text is the bytes themselves (valid UTF-8; ASCII); a decoded
/// copy draws on `left` (the input's [`Embedded::joined_left`], or another allowance for
/// copies): only as many bytes are decoded as `left` holds in the worst case (three bytes for
/// each, two for ISO 8859-1), the rest with a warning. 19 MB of invalid UTF-8 in a PNG `iTXt`
/// chunk decoded to 57 MB before.
pub fn decode_text<'b>(
    bytes: &'b [u8],
    latin1: bool,
    left: &mut u64,
    warnings: &mut warnings::Warnings,
) -> Cow<'b, str> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) if !latin1 || s.is_ascii() => return Cow::Borrowed(s),
        _ => {
            let most = usize::try_from(*left / if latin1 { 2 } else { 3 }).unwrap_or(usize::MAX);
            if most < bytes.len() {
                warnings.push("text over its allowance for copies not read".to_owned());
            }
            let head = bytes.get(..most).unwrap_or(bytes);
            if latin1 {
                head.iter().map(|&b| char::from(b)).collect()
            } else {
                String::from_utf8_lossy(head).into_owned()
            }
        }
    };
    *left = left.saturating_sub(crate::bytes::to_u64(text.len()));
    Cow::Owned(text)
}

/// Walk `bytes` as `format`. Formats without a walker yield an empty [`Embedded`].
pub fn walk<'a>(format: Format, bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    if crate::bytes::to_u64(bytes.len()) > limits.max_input_bytes {
        return Err(Error::limit(
            "input size",
            limits.max_input_bytes,
            "the input",
        ));
    }
    let mut out = match format {
        Format::Jpeg => jpeg::walk(bytes, limits)?,
        Format::Png => png::walk(bytes, limits)?,
        Format::Webp | Format::Riff => riff::walk(bytes, limits)?,
        Format::Avif | Format::Heif | Format::Mp4 | Format::Jxl => bmff::walk(bytes, limits)?,
        Format::Gif => gif::walk(bytes, limits)?,
        Format::Tiff => tiff::walk(bytes, limits)?,
        Format::Svg => svg::walk(bytes, limits)?,
        Format::Mp3 => mp3::walk(bytes, limits)?,
        Format::Pdf => pdf::walk(bytes, limits)?,
        Format::Text => text::plain::walk(bytes, limits)?,
        Format::Html => text::html::walk(bytes, limits)?,
        Format::C2pa => Embedded {
            c2pa: vec![Payload {
                bytes: Cow::Borrowed(bytes),
                location: Location::new("c2pa", "manifest store", 0),
                ranges: std::iter::once(0..crate::bytes::to_u64(bytes.len())).collect(),
            }],
            ..Embedded::new(limits)
        },
        Format::Unknown if bytes.is_empty() => {
            return Err(Error::malformed(
                "expected an image, a C2PA manifest or text, but the input is empty (0 bytes)",
            ))
        }
        Format::Unknown => {
            return Err(Error::unsupported(format!(
            "expected an image (JPEG, PNG, WebP, AVIF/HEIF, GIF, TIFF, SVG), audio (WAV, MP3), \
                 video (MP4), a PDF, a C2PA manifest or text, \
                 but found bytes starting \"{}\"",
            crate::error::escape(bytes.get(..16).unwrap_or(bytes), 16)
        )))
        }
    };
    if out.skipped_entries > 0 {
        out.warnings.push_summary(format!(
            "{} metadata entries after the first {} were not read (max_metadata_entries)",
            out.skipped_entries, limits.max_metadata_entries
        ));
    }
    if out.skipped_stores > 0 {
        out.warnings.push_summary(format!(
            "{} C2PA manifest stores after the first {} were not read (max_stores)",
            out.skipped_stores,
            Embedded::store_cap(limits)
        ));
    }
    out.format = Some(format);
    Ok(out)
}
