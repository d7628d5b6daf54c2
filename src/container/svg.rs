//! SVG walker: the C2PA manifest store in `<metadata>`, the XMP packet, and the document text.
//!
//! C2PA 2.2 A.4.2 (SVG, "embedding manifests into XML"): the store is Base64 text in a
//! `<c2pa:manifest>` element (namespace `http://c2pa.org/manifest`) that is a child of
//! `<metadata>`, itself a child of the root `<svg>`. The hard binding is a `c2pa.hash.data`
//! whose exclusion covers exactly the Base64 text (c2pa-rs `svg_io.rs` excludes the encoded
//! manifest's bytes right after the start tag). Element names are compared as written, prefix
//! included, as the reference does. An XMP packet (`<?xpacket begin ...?>` to
//! `<?xpacket end ...?>`) anywhere in the document is surfaced as XMP.
//!
//! The document is also decoded as text, so the text readers still see it (an SVG was read as
//! plain text before it had a walker). An XML error stops the walk with a warning; what was
//! found before it is kept.

use super::text::decode::decode;
use super::text::TextBody;
use super::{Embedded, Location, Payload, Segment};
use crate::bytes::to_u64;
use crate::error::{Error, Result};
use crate::limits::Limits;
use base64::Engine;
use quick_xml::events::Event;
use std::borrow::Cow;
use std::ops::Range;

/// The element path that holds the store (C2PA 2.2 A.4.2).
const STORE_PATH: [&[u8]; 3] = [b"svg", b"metadata", b"c2pa:manifest"];

/// Walk an SVG input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut out = Embedded::new(limits);
    // Namespace declarations in scope at once, and in one tag (the XMP reader's bound).
    let max_namespaces = crate::limits::count(limits.max_namespaces);
    // The namespace-aware reader, as the XMP reader uses, so the parser is compiled once.
    let mut reader = quick_xml::NsReader::from_reader(bytes);
    // The names of the open elements down to the store's depth; deeper ones are only counted.
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut depth: u32 = 0;
    let mut events: u64 = 0;
    let mut xmp_start: Option<u64> = None;
    let max_events = u64::from(limits.max_blocks).saturating_mul(64);
    // The tags, each looked at before quick-xml reads it, and the namespace declarations in
    // scope.
    let mut tags = super::xml::Tags::default();
    // The reader skips a UTF-8 byte-order mark without counting it in its positions; ranges
    // here are the file's.
    let bom: u64 = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    loop {
        let before = reader.buffer_position().saturating_add(bom);
        // What quick-xml would copy of the next tag is bounded before it reads it.
        // Every name is resolved by a scan of the namespace declarations in scope: they are
        // bounded, or 300,000 declarations on the root would cost 300,000 steps per element.
        if let Some(e) = tags.check(bytes, before, max_namespaces, "SVG") {
            return Err(e);
        }
        let event = match reader.read_resolved_event() {
            Ok((_, e)) => e,
            Err(e) => {
                out.warnings.push(format!(
                    "expected well-formed XML in the SVG, but found an error near byte {}: {e}; \
                     the walk stopped there",
                    reader.buffer_position().saturating_add(bom)
                ));
                break;
            }
        };
        let after = reader.buffer_position().saturating_add(bom);
        events = events.saturating_add(1);
        if events > max_events {
            return Err(Error::limit("XML events", max_events, "SVG"));
        }
        match event {
            Event::Start(e) => {
                tags.open();
                depth = depth.saturating_add(1);
                if depth > limits.max_depth {
                    return Err(Error::limit(
                        "element nesting",
                        u64::from(limits.max_depth),
                        "SVG",
                    ));
                }
                if depth == 1 && e.name().as_ref() != b"svg" {
                    return Err(Error::malformed(format!(
                        "expected the root element \"svg\" in the SVG, but found \"{}\" at byte {before}",
                        crate::error::escape(e.name().as_ref(), 32)
                    )));
                }
                if path.len() < STORE_PATH.len() && path.len() == usize_of(depth).saturating_sub(1)
                {
                    crate::bytes::try_reserve(&mut path, 1, "SVG element path")?;
                    path.push(e.name().as_ref().to_vec());
                }
            }
            Event::End(_) => {
                tags.close();
                if path.len() == usize_of(depth) {
                    path.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(_) if depth == 3 && path.iter().map(Vec::as_slice).eq(STORE_PATH) => {
                let mark = out.mark();
                store(bytes, before..after, limits, &mut out)?;
                out.cap_entries(mark, limits);
            }
            Event::PI(pi) => {
                let content = pi.as_ref();
                let is_xpacket = content.starts_with(b"xpacket");
                if is_xpacket && content.windows(5).any(|w| w == b"begin") {
                    xmp_start = Some(before);
                } else if is_xpacket && content.windows(3).any(|w| w == b"end") {
                    if let Some(start) = xmp_start.take() {
                        let mark = out.mark();
                        xmp(bytes, start..after, limits, &mut out)?;
                        out.cap_entries(mark, limits);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let len = to_u64(bytes.len());
    let mut at = 0;
    for r in out.c2pa.iter().flat_map(|p| p.ranges.iter()) {
        if r.start > at {
            out.segments.push(Segment {
                name: "svg".to_owned(),
                range: at..r.start,
            });
        }
        out.segments.push(Segment {
            name: "C2PA".to_owned(),
            range: r.clone(),
        });
        at = r.end;
    }
    if at < len {
        out.segments.push(Segment {
            name: "svg".to_owned(),
            range: at..len,
        });
    }
    // The text readers read SVG as they read any text; an SVG that is not UTF-8/UTF-16 has none.
    out.body = decode(bytes, limits)
        .ok()
        .map(|b| blank_stores(b, &out.c2pa));
    Ok(out)
}

/// `body` with the Base64 text of each manifest store replaced by as many spaces: it is no one's
/// prose, and reading it for disclosures was most of the time an SVG check took (the offsets of
/// everything else stay as they were). Only a UTF-8 body is a copy of the file's bytes, so only
/// it is changed; the store's text is ASCII (A.4.2), and any other byte is left alone, which
/// keeps the copy valid UTF-8.
fn blank_stores<'a>(mut body: TextBody<'a>, stores: &[Payload<'a>]) -> TextBody<'a> {
    if body.encoding != "utf-8" || stores.is_empty() {
        return body;
    }
    // A leading BOM was dropped from the text: its offsets are the file's less three.
    let shift = if body.bom { 3 } else { 0 };
    let mut text = std::mem::take(body.text.to_mut()).into_bytes();
    for r in stores.iter().flat_map(|p| p.ranges.iter()) {
        let (Ok(start), Ok(end)) = (usize::try_from(r.start), usize::try_from(r.end)) else {
            continue;
        };
        let span = start.saturating_sub(shift)..end.saturating_sub(shift);
        if let Some(bytes) = text.get_mut(span) {
            for b in bytes.iter_mut().filter(|b| b.is_ascii()) {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes became spaces, so the text is still UTF-8; were it not, keep none.
    body.text = String::from_utf8(text).map(Cow::Owned).unwrap_or_default();
    body
}

/// The Base64 store text in `range` (surrounding whitespace trimmed) as a C2PA payload.
fn store<'a>(
    bytes: &'a [u8],
    range: Range<u64>,
    limits: &Limits,
    out: &mut Embedded<'a>,
) -> Result<()> {
    let Some(text) = slice(bytes, &range) else {
        return Ok(());
    };
    let lead = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let trail = text
        .iter()
        .rev()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let start = range.start.saturating_add(to_u64(lead));
    let end = range.end.saturating_sub(to_u64(trail)).max(start);
    let encoded = slice(bytes, &(start..end)).unwrap_or_default();
    if encoded.is_empty() {
        return Ok(());
    }
    // Base64 grows the data by 4/3: bound the decoded size before allocating it.
    // The decoded store is a copy: `max_joined_bytes` bounds it (one store per file).
    let decoded_len = to_u64(encoded.len()).saturating_mul(3) / 4;
    let max = limits.max_metadata_bytes.min(limits.max_joined_bytes);
    if decoded_len > max {
        return Err(Error::limit(
            "manifest store size",
            max,
            "SVG c2pa:manifest",
        ));
    }
    match base64::engine::general_purpose::STANDARD.decode(encoded) {
        Ok(store) => out.c2pa.push(Payload {
            bytes: Cow::Owned(store),
            location: Location::new("svg", "c2pa:manifest", start),
            ranges: std::iter::once(start..end).collect(),
        }),
        Err(e) => out.warnings.push(format!(
            "expected Base64 in the SVG c2pa:manifest element at byte {start}, but it does not \
             decode ({e}); the manifest store was not read"
        )),
    }
    Ok(())
}

/// The XMP packet in `range`, from its opening to its closing processing instruction.
fn xmp<'a>(
    bytes: &'a [u8],
    range: Range<u64>,
    limits: &Limits,
    out: &mut Embedded<'a>,
) -> Result<()> {
    if range.end.saturating_sub(range.start) > limits.max_metadata_bytes {
        out.warnings.push_unread(format!(
            "the XMP packet at byte {} of the SVG is larger than the metadata limit; not read",
            range.start
        ));
        return Ok(());
    }
    if let Some(packet) = slice(bytes, &range) {
        out.xmp.push(Payload {
            bytes: Cow::Borrowed(packet),
            location: Location::new("svg", "XMP packet", range.start),
            ranges: vec![range],
        });
    }
    Ok(())
}

/// The bytes of a u64 range, if it lies in `bytes`.
fn slice<'a>(bytes: &'a [u8], r: &Range<u64>) -> Option<&'a [u8]> {
    bytes.get(usize::try_from(r.start).ok()?..usize::try_from(r.end).ok()?)
}

/// A depth as an index.
fn usize_of(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
#[allow(clippy::as_conversions)]
mod tests {
    use super::*;

    const SVG: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\
        <metadata><c2pa:manifest xmlns:c2pa=\"http://c2pa.org/manifest\">AAAAGGp1bWI=\
        </c2pa:manifest></metadata><g><title>t</title></g></svg>";

    #[test]
    fn finds_the_store_and_its_range() {
        let e = walk(SVG.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(e.c2pa.len(), 1, "{:?}", e.warnings);
        let p = &e.c2pa[0];
        assert_eq!(&*p.bytes, b"\0\0\0\x18jumb");
        let at = SVG.find("AAAA").unwrap() as u64;
        assert_eq!(p.ranges, vec![at..at + 12]);
        let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["svg", "C2PA", "svg"]);
        assert_eq!(e.segments.last().unwrap().range.end, SVG.len() as u64);
        assert!(e.body.is_some());
    }

    #[test]
    fn the_text_readers_see_spaces_for_the_store_and_everything_else() {
        let expected = SVG.replace("AAAAGGp1bWI=", &" ".repeat(12));
        let e = walk(SVG.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(e.body.unwrap().text, expected);
        // With a byte-order mark, which the text drops, and a non-ASCII title after the store.
        let bom = format!(
            "\u{feff}{}",
            SVG.replace("<title>t", "<title>\u{e9}t\u{e9}")
        );
        let expected = bom
            .trim_start_matches('\u{feff}')
            .replace("AAAAGGp1bWI=", &" ".repeat(12));
        let e = walk(bom.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(e.c2pa.len(), 1, "{:?}", e.warnings);
        assert_eq!(e.body.unwrap().text, expected);
    }

    #[test]
    fn a_manifest_elsewhere_is_not_the_store() {
        let moved = SVG
            .replace("<metadata>", "<metadata><g>")
            .replace("</c2pa:manifest>", "</c2pa:manifest></g>");
        let e = walk(moved.as_bytes(), &Limits::default()).unwrap();
        assert!(e.c2pa.is_empty());
    }

    #[test]
    fn bad_input_is_a_warning_or_an_error() {
        let bad = SVG.replace("AAAAGGp1bWI=", "not*base64");
        let e = walk(bad.as_bytes(), &Limits::default()).unwrap();
        assert!(e.c2pa.is_empty() && e.warnings[0].contains("Base64"));
        let broken = SVG.replace("</metadata>", "</metadatax>");
        let e = walk(broken.as_bytes(), &Limits::default()).unwrap();
        assert!(e.warnings[0].contains("well-formed XML"));
        assert!(walk(b"<html></html>", &Limits::default()).is_err());
        let deep = format!("<svg>{}", "<g>".repeat(100));
        assert!(walk(deep.as_bytes(), &Limits::tiny()).is_err());
    }

    /// quick-xml copies the names of open elements and the namespace URIs in scope: one over
    /// `MAX_NAME_BYTES` is refused before it is copied.
    #[test]
    fn a_name_or_namespace_uri_over_the_bound_is_refused() {
        let long = "n".repeat(crate::container::xml::MAX_NAME_BYTES + 1);
        for svg in [
            format!("<svg xmlns='http://www.w3.org/2000/svg'><{long}/></svg>"),
            format!("<svg xmlns='http://www.w3.org/2000/svg'></{long}>"),
            format!("<svg xmlns='http://www.w3.org/2000/svg'><g xmlns:a='{long}'/></svg>"),
        ] {
            let e = walk(svg.as_bytes(), &Limits::default()).err().unwrap();
            let m = e.to_string();
            assert_eq!(m, "1001 bytes of an XML name or namespace URI (at byte 40) exceeds the limit of 1000 in SVG");
        }
    }

    #[test]
    fn finds_the_xmp_packet() {
        let svg = "<svg><metadata><?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
            <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"w\"?></metadata></svg>";
        let e = walk(svg.as_bytes(), &Limits::default()).unwrap();
        let x = &e.xmp[0];
        assert!(x.bytes.starts_with(b"<?xpacket begin") && x.bytes.ends_with(b"end=\"w\"?>"));
    }
}
