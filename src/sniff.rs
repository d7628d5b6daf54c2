//! First step of the pipeline: tell what kind of input a byte string is, from its magic bytes.
//!
//! Sniffing never trusts a file name or a MIME type. Anything that is not a known image or
//! container is offered to the text reader, which rejects binary junk with a clear message.

use serde::Serialize;

/// The input formats the checker reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// JPEG (JFIF/EXIF), ISO 10918-1.
    Jpeg,
    /// PNG, ISO 15948.
    Png,
    /// WebP in a RIFF container.
    Webp,
    /// Another RIFF form (WAV, AVI).
    Riff,
    /// AVIF (ISO BMFF with an `avif`/`avis` brand).
    Avif,
    /// HEIF/HEIC (ISO BMFF with a HEIF brand).
    Heif,
    /// Other ISO BMFF (MP4, MOV, M4A, ...).
    Mp4,
    /// GIF87a/GIF89a.
    Gif,
    /// TIFF or DNG (either byte order, classic or BigTIFF).
    Tiff,
    /// JPEG XL in the box-structured form.
    Jxl,
    /// SVG (an XML document whose root element is `svg`).
    Svg,
    /// MPEG audio (MP3), with or without a leading ID3v2 tag.
    Mp3,
    /// PDF.
    Pdf,
    /// HTML (text that starts like a document).
    Html,
    /// Plain text (UTF-8, or UTF-16 with a byte-order mark).
    Text,
    /// A bare C2PA manifest store (a `.c2pa` sidecar: a JUMBF superbox).
    C2pa,
    /// Nothing we recognise.
    Unknown,
}

impl Format {
    /// The lowercase name used in reports (the serde name).
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }

    /// True for formats that carry pixels (watermark candidates).
    pub fn is_image(self) -> bool {
        matches!(
            self,
            Format::Jpeg
                | Format::Png
                | Format::Webp
                | Format::Avif
                | Format::Heif
                | Format::Gif
                | Format::Tiff
                | Format::Jxl
        )
    }
}

/// Tell the format of `bytes` from its leading bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    // An empty input is nothing at all, not an empty text: it could not be read.
    if bytes.is_empty() {
        return Format::Unknown;
    }
    let head = |n: usize| bytes.get(..n);
    if head(3) == Some(&[0xFF, 0xD8, 0xFF]) {
        return Format::Jpeg;
    }
    if head(8) == Some(b"\x89PNG\r\n\x1a\n") {
        return Format::Png;
    }
    if head(4) == Some(b"RIFF") {
        return if bytes.get(8..12) == Some(b"WEBP") {
            Format::Webp
        } else {
            Format::Riff
        };
    }
    if head(6) == Some(b"GIF87a") || head(6) == Some(b"GIF89a") {
        return Format::Gif;
    }
    if matches!(
        head(4),
        Some(b"II*\0") | Some(b"MM\0*") | Some(b"II+\0") | Some(b"MM\0+")
    ) {
        return Format::Tiff;
    }
    if head(12) == Some(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return Format::Jxl;
    }
    // ID3v2 (id3.org, ID3v2.3/2.4 §3.1): "ID3", a major version 2-4; or a bare MPEG audio frame
    // sync (11 set bits) with a layer that is not the reserved 00 (ISO/IEC 11172-3 §2.4.2.3).
    if head(3) == Some(b"ID3") && matches!(bytes.get(3), Some(2..=4)) {
        return Format::Mp3;
    }
    // The header's bitrate index 1111 and sampling rate 11 are reserved; FF FE is also the
    // UTF-16 byte-order mark.
    if let Some(&[0xFF, b, c]) = head(3) {
        if b & 0xE0 == 0xE0 && b & 0x06 != 0 && b != 0xFE && c >> 4 != 0x0F && c & 0x0C != 0x0C {
            return Format::Mp3;
        }
    }
    // ISO 32000-2 §7.5.2: the header line "%PDF-" starts the file.
    if head(5) == Some(b"%PDF-") {
        return Format::Pdf;
    }
    if bytes.get(4..8) == Some(b"ftyp") {
        return bmff_brand(bytes);
    }
    if bytes.get(4..8) == Some(b"jumb") {
        return Format::C2pa;
    }
    if looks_like_svg(bytes) {
        return Format::Svg;
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    if looks_like_text(bytes) {
        return Format::Text;
    }
    Format::Unknown
}

/// AVIF, HEIF or other BMFF, from the major and compatible brands of `ftyp` (ISO 14496-12 4.3).
fn bmff_brand(bytes: &[u8]) -> Format {
    let size = bytes
        .get(..4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_be_bytes)
        .and_then(|s| usize::try_from(s).ok())
        .unwrap_or(0);
    let end = size.clamp(8, 4096).min(bytes.len());
    let brands = bytes.get(8..end).unwrap_or_default();
    let mut is_heif = false;
    for (i, brand) in brands.chunks_exact(4).enumerate() {
        // Index 1 is the minor version, not a brand.
        if i == 1 {
            continue;
        }
        match brand {
            b"avif" | b"avis" => return Format::Avif,
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis" | b"hevc" | b"hevx" => {
                is_heif = true
            }
            _ => {}
        }
    }
    if is_heif {
        Format::Heif
    } else {
        Format::Mp4
    }
}

/// Markup at the start: UTF-8 (optionally after a BOM), or UTF-16 after a BOM, whose leading
/// ASCII characters are read as one byte each (no decoding is needed to see `<html`).
fn looks_like_html(bytes: &[u8]) -> bool {
    fn opening(chars: impl Iterator<Item = u8>) -> Vec<u8> {
        chars
            .skip_while(u8::is_ascii_whitespace)
            .take(64)
            .map(|b| b.to_ascii_lowercase())
            .collect()
    }
    let trimmed = match bytes {
        [0xFF, 0xFE, rest @ ..] => opening(ascii_units(rest, false)),
        [0xFE, 0xFF, rest @ ..] => opening(ascii_units(rest, true)),
        _ => opening(
            bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(bytes)
                .iter()
                .copied(),
        ),
    };
    trimmed.starts_with(b"<!doctype html") || trimmed.starts_with(b"<html") || {
        // A fragment that opens with a common document element.
        trimmed.starts_with(b"<head")
            || trimmed.starts_with(b"<meta")
            || trimmed.starts_with(b"<!--")
    }
}

/// UTF-8 XML whose first element is `svg`: after an optional BOM, whitespace, the XML
/// declaration, processing instructions, comments and a document type declaration (XML 1.0 §2.8
/// prolog), within the first 64 KiB.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(65_536)).unwrap_or(bytes);
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest = rest.get(start..).unwrap_or_default();
        let skip_past = |r: &[u8], end: &[u8]| -> Option<usize> {
            r.windows(end.len())
                .position(|w| w == end)
                .map(|p| p.saturating_add(end.len()))
        };
        let skipped = if rest.starts_with(b"<?") {
            skip_past(rest, b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_past(rest, b"-->")
        } else if rest.starts_with(b"<!DOCTYPE") || rest.starts_with(b"<!doctype") {
            // An internal subset in brackets may hold '>' characters.
            let bracket = rest.iter().position(|&b| b == b'[');
            let gt = rest.iter().position(|&b| b == b'>');
            match (bracket, gt) {
                (Some(open), Some(gt)) if open < gt => skip_past(rest, b"]")
                    .and_then(|p| skip_past(rest.get(p..)?, b">").map(|q| p.saturating_add(q))),
                (_, gt) => gt.map(|g| g.saturating_add(1)),
            }
        } else {
            return rest.starts_with(b"<svg")
                && matches!(
                    rest.get(4),
                    Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
                );
        };
        match skipped.and_then(|n| rest.get(n..)) {
            Some(r) => rest = r,
            None => return false,
        }
    }
}

/// The leading ASCII characters of UTF-16 `bytes`, one byte each; stops at the first unit that
/// is not ASCII.
fn ascii_units(bytes: &[u8], big_endian: bool) -> impl Iterator<Item = u8> + '_ {
    bytes
        .chunks_exact(2)
        .map_while(move |p| match (p, big_endian) {
            ([0, c], true) | ([c, 0], false) if c.is_ascii() => Some(*c),
            _ => None,
        })
}

fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    // Valid UTF-8 without NUL or other C0 controls besides tab/newline/CR/FF. A file cut inside
    // its last character is still text (the decoder drops the partial character, with a warning).
    let valid = std::str::from_utf8(bytes).or_else(|e| match e.error_len() {
        None if e.valid_up_to() > 0 => {
            std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default())
        }
        _ => Err(e),
    });
    match valid {
        Ok(s) => !s
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Format::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Format::Png);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Format::Webp);
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Format::Riff);
        assert_eq!(sniff(b"GIF89a"), Format::Gif);
        assert_eq!(sniff(b"II*\0"), Format::Tiff);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1"), Format::Avif);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1"), Format::Heif);
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0mp41"), Format::Mp4);
        assert_eq!(sniff(b"<!DOCTYPE html><p>x"), Format::Html);
        // UTF-16 HTML, either byte order, and UTF-16 plain text.
        let utf16 = |s: &str, big: bool| -> Vec<u8> {
            let mut v = if big {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in s.encode_utf16() {
                v.extend(if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            v
        };
        for big in [false, true] {
            assert_eq!(sniff(&utf16("\n <!doctype html><p>é", big)), Format::Html);
            assert_eq!(sniff(&utf16("<HTML lang=de>", big)), Format::Html);
            assert_eq!(sniff(&utf16("Dieser Text <html>", big)), Format::Text);
        }
        assert_eq!(
            sniff("Dieser Text wurde mit KI erstellt".as_bytes()),
            Format::Text
        );
        assert_eq!(sniff(b"\x00\x01\x02junk"), Format::Unknown);
        assert_eq!(Format::Jpeg.name(), "jpeg");
        assert_eq!(Format::C2pa.name(), "c2pa");
        assert_eq!(sniff(b""), Format::Unknown);
    }

    #[test]
    fn sniffs_svg_mp3_pdf() {
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Format::Svg
        );
        let prolog = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by hand -->\n\
            <!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'x.dtd' [<!ENTITY a \"<b>\">]>\n<svg>";
        assert_eq!(sniff(prolog), Format::Svg);
        assert_eq!(sniff(b"<svgfoo/>"), Format::Text);
        // Cut inside the last character ("é" is C3 A9): still text; a lone partial character
        // or a bad byte before the end is not.
        assert_eq!(sniff(b"Made with AI, caf\xC3"), Format::Text);
        assert_ne!(sniff(b"\xC3"), Format::Text);
        assert_ne!(sniff(b"caf\xC3 au lait"), Format::Text);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><html>"), Format::Text);
        assert_eq!(sniff(b"<!-- x --><html>"), Format::Html);
        assert_eq!(sniff(b"ID3\x04\0\0\0\0\0\0"), Format::Mp3);
        assert_eq!(sniff(b"ID3\x09\0\0\0\0\0\0"), Format::Unknown);
        assert_eq!(sniff(b"\xFF\xFB\x90\x64"), Format::Mp3);
        assert_eq!(sniff(b"\xFF\xE1\x90\x64"), Format::Unknown);
        assert_eq!(sniff(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(Format::Svg.name(), "svg");
    }
}
