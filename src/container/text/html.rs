//! Container walker for HTML: decode like text, then a small tag scanner (not an HTML5 parser)
//! that finds `<meta>`, `<link>` and `<script>` elements with their byte ranges, element
//! attributes, and the visible text.
//!
//! C2PA in HTML (C2PA 2.4 A.7, FORMATS §2.3): `<script type="application/c2pa">`Base64(store)
//! `</script>`, whose whole element is the hard-binding exclusion, or `<link rel="c2pa-manifest"
//! href=…>`. Stores go into [`Embedded::c2pa`]; manifest URLs become `c2pa-manifest-url` text
//! entries. The scanner handles attributes in any order, single/double/unquoted values, any
//! case, comments, and raw-text elements (`script`, `style`, `textarea`, `title`). One pass,
//! no backtracking.
//!
//! Each input is scanned once, by [`walk`]; the [`Document`] goes on in
//! [`TextBody::html`](super::TextBody::html) to the label readers. The scanner is private to this
//! module, so nothing else can scan again.

use super::decode::{cut_character_warning, decode, input_offset, truncation_warning};
use super::structured::structured_blocks;
use super::MANIFEST_URL_KEY;
use crate::container::{Embedded, Location, Payload, TextEntry};
use crate::error::Result;
use crate::limits::Limits;
use std::borrow::Cow;
use std::ops::Range;

/// Most tags collected from one document (tags past it are still skipped over, not collected).
pub const MAX_TAGS: usize = 10_000;

/// A start tag the scanner kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Lowercase tag name.
    pub name: String,
    /// Attributes in source order: lowercase name, value with character references decoded.
    pub attrs: Vec<(String, String)>,
    /// Byte range of the start tag.
    pub range: Range<usize>,
    /// For raw-text elements (`script`, `style`, `textarea`, `title`): the whole element, start
    /// tag through end tag; otherwise the start tag.
    pub element: Range<usize>,
    /// For raw-text elements, the byte range of the content; otherwise empty.
    pub content: Range<usize>,
}

impl Tag {
    /// The value of attribute `name` (lowercase), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A scanned document: the tags that can carry labels and the visible text. Only [`walk`]
/// makes one (the fields are read-only outside this module).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// `meta`, `link`, `script` tags, `img` tags with `alt` text, and every tag with an
    /// `ai-disclosure` attribute, in order.
    tags: Vec<Tag>,
    /// The visible text: text outside tags, comments, scripts and styles, with character
    /// references decoded and a line break for block elements.
    text: String,
    /// Pieces of [`Document::text`]: (offset in `text`, offset in the HTML), in order.
    map: Vec<(usize, usize)>,
    /// True if [`MAX_TAGS`] was reached.
    truncated: bool,
    /// True if the visible text reached [`MAX_VISIBLE_TEXT`] or its map [`MAX_MARKS`].
    text_truncated: bool,
    /// Bytes of attribute values in [`Document::tags`].
    attribute_bytes: usize,
    /// True if a kept tag had a value cut at [`MAX_VALUE_BYTES`], or a tag was not kept
    /// because its values would pass [`MAX_ATTRIBUTE_BYTES`].
    attributes_truncated: bool,
}

/// Most bytes of one attribute value kept (decoded): a label is a few words or a URL, while a
/// `data:` URL in an `img` with `alt` text can be megabytes.
const MAX_VALUE_BYTES: usize = 64 << 10;

/// Most bytes of attribute values kept in all of a document's tags. Each is a decoded copy:
/// 1,400 meta contents of 13 KB in an 18 MB page took 46 MiB with watermarks off, over the
/// promise of input + 16 MiB.
const MAX_ATTRIBUTE_BYTES: usize = 2 << 20;

/// The attributes whose values the label readers read; others are kept by name, with an empty
/// value (a `src` can be a `data:` URL of megabytes).
const VALUED: &[&str] = &[
    "ai-disclosure",
    "ai-model",
    "alt",
    "content",
    "href",
    "name",
    "property",
    "rel",
    "type",
];

/// Most bytes of visible text kept from an HTML document. The text is a copy (references
/// decoded, tags removed), and must fit the memory promise with watermarks off (input +
/// 16 MiB) next to a 20 MB page, with the text readers' own structures over it: 4 MiB (a long
/// book).
const MAX_VISIBLE_TEXT: usize = 4 << 20;

impl Document {
    /// The kept tags, in document order.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// The visible text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every `<script type="application/c2pa">` element (C2PA 2.4 A.7). Its
    /// [`Tag::element`] is the whole element, start tag through end tag (the hard-binding
    /// exclusion), and its [`Tag::content`] the Base64 store.
    pub fn c2pa_scripts(&self) -> impl Iterator<Item = &Tag> {
        self.tags.iter().filter(|t| t.name == "script").filter(|t| {
            t.attr("type")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/c2pa"))
        })
    }

    /// Every `<link rel="c2pa-manifest" href=…>`: the tag and the href.
    pub fn c2pa_links(&self) -> impl Iterator<Item = (&Tag, &str)> {
        self.tags
            .iter()
            .filter(|t| t.name == "link")
            .filter(|t| {
                t.attr("rel").is_some_and(|v| {
                    v.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("c2pa-manifest"))
                })
            })
            .filter_map(|t| t.attr("href").map(|h| (t, h.trim())))
    }

    /// The HTML byte offset of byte `off` of the visible text.
    pub fn source_offset(&self, off: usize) -> usize {
        let i = self.map.partition_point(|&(t, _)| t <= off);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(t, h)) => h.saturating_add(off.saturating_sub(t)),
            None => off,
        }
    }
}

/// Walk an HTML input: decode it, scan it once, find its C2PA stores and manifest URLs, and
/// hand the scanned document on in the body.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let mut body = decode(bytes, limits)?;
    let mut out = Embedded::new(limits);
    out.warnings.extend(truncation_warning(bytes.len(), limits));
    out.warnings.extend(cut_character_warning(bytes, limits));
    let html: &str = &body.text;
    let doc = scan(html);
    if doc.text_truncated {
        out.warnings.push(format!(
            "the HTML has more than {MAX_VISIBLE_TEXT} bytes of visible text (or pieces of it); \
             the rest was not examined"
        ));
    }
    if doc.truncated {
        out.warnings.push(format!(
            "the HTML has more than {MAX_TAGS} label-bearing tags; the rest were not read"
        ));
    }
    if doc.attributes_truncated {
        out.warnings.push(format!(
            "HTML attribute values past {MAX_VALUE_BYTES} bytes each or {MAX_ATTRIBUTE_BYTES} \
             in all were not read"
        ));
    }
    let mut joined_left = limits.max_joined_bytes;
    for tag in doc.c2pa_scripts() {
        let start = input_offset(&body, tag.element.start);
        let end = input_offset(&body, tag.element.end);
        let content = html.get(tag.content.clone()).unwrap_or_default();
        match super::super::decode_base64(content, &mut joined_left) {
            Ok(store) => out.c2pa.push(Payload {
                bytes: Cow::Owned(store),
                location: Location::new("html", "script application/c2pa", start),
                ranges: std::iter::once(start..end).collect(),
            }),
            Err(e) => out.warnings.push(format!(
                "expected base64 in <script type=\"application/c2pa\"> at byte {start}, but \
                 decoding failed: {e}"
            )),
        }
    }
    for (tag, href) in doc.c2pa_links() {
        out.text.push(TextEntry {
            key: MANIFEST_URL_KEY.to_owned(),
            value: Cow::Owned(href.chars().take(2048).collect()),
            location: Location::new(
                "html",
                "link rel=c2pa-manifest",
                input_offset(&body, tag.range.start),
            ),
        });
    }
    structured_blocks(html, &body, "html", &mut out, &mut joined_left);
    body.html = Some(doc);
    out.body = Some(body);
    Ok(out)
}

const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];
const HIDDEN_CONTENT: [&str; 3] = ["script", "style", "template"];
const BLOCK: [&str; 28] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "figcaption",
    "title",
    "hr",
    "dt",
    "dd",
];

/// Scan `html` into its label-bearing tags and visible text: for [`walk`], and for the browser's
/// text part, which gets the input's bytes ([`crate::labels::text::part`]).
pub fn scan(html: &str) -> Document {
    #[cfg(test)]
    tests::SCANS.with(|n| n.set(n.get().saturating_add(1)));
    let bytes = html.as_bytes();
    let mut doc = Document::default();
    let mut i = 0usize;
    let mut text_start = 0usize;
    let mut hidden_depth = 0u32;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let lt = i.saturating_add(rel);
        if hidden_depth == 0 {
            push_text(&mut doc, html, text_start..lt);
        }
        let after = bytes.get(lt.saturating_add(1)..).unwrap_or_default();
        let next = after.first().copied().unwrap_or_default();
        if after.starts_with(b"!--") {
            i = find(bytes, lt.saturating_add(4), b"-->")
                .map_or(bytes.len(), |p| p.saturating_add(3));
        } else if next == b'!' || next == b'?' {
            i = find(bytes, lt, b">").map_or(bytes.len(), |p| p.saturating_add(1));
        } else if next == b'/' {
            let (name, end) = tag_name(bytes, lt.saturating_add(2));
            i = find(bytes, end, b">").map_or(bytes.len(), |p| p.saturating_add(1));
            if HIDDEN_CONTENT.contains(&name.as_str()) {
                hidden_depth = hidden_depth.saturating_sub(1);
            }
            if BLOCK.contains(&name.as_str()) {
                push_break(&mut doc, lt);
            }
        } else if next.is_ascii_alphabetic() {
            let (name, after_name) = tag_name(bytes, lt.saturating_add(1));
            let (attrs, end, cut) = attributes(html, after_name);
            let mut tag = Tag {
                name,
                attrs,
                range: lt..end,
                element: lt..end,
                content: end..end,
            };
            i = end;
            if RAW_TEXT.contains(&tag.name.as_str()) {
                let close = format!("</{}", tag.name);
                let c_end = find_ci(bytes, end, close.as_bytes()).unwrap_or(bytes.len());
                let e_end = find(bytes, c_end, b">").map_or(bytes.len(), |p| p.saturating_add(1));
                tag.content = end..c_end;
                tag.element = lt..e_end;
                i = e_end;
                if tag.name == "title" || tag.name == "textarea" {
                    push_break(&mut doc, lt);
                    push_text(&mut doc, html, end..c_end);
                    push_break(&mut doc, c_end);
                }
            } else if tag.name == "template" {
                hidden_depth = hidden_depth.saturating_add(1);
            }
            if BLOCK.contains(&tag.name.as_str()) {
                push_break(&mut doc, lt);
            }
            let keep = matches!(tag.name.as_str(), "meta" | "link" | "script")
                || tag.attr("ai-disclosure").is_some()
                || (tag.name == "img" && tag.attr("alt").is_some());
            if keep {
                let size = tag
                    .attrs
                    .iter()
                    .fold(0usize, |n, (_, v)| n.saturating_add(v.len()));
                let total = doc.attribute_bytes.saturating_add(size);
                if doc.tags.len() >= MAX_TAGS {
                    doc.truncated = true;
                } else if total > MAX_ATTRIBUTE_BYTES {
                    doc.attributes_truncated = true;
                } else {
                    doc.attribute_bytes = total;
                    doc.attributes_truncated |= cut;
                    doc.tags.push(tag);
                }
            }
        } else {
            // A lone '<' is text.
            i = lt.saturating_add(1);
            text_start = lt;
            continue;
        }
        text_start = i;
    }
    if hidden_depth == 0 {
        push_text(&mut doc, html, text_start..bytes.len());
    }
    doc
}

fn push_break(doc: &mut Document, at: usize) {
    if doc.text_truncated || doc.map.len() >= MAX_MARKS {
        doc.text_truncated = true;
        return;
    }
    if !doc.text.ends_with('\n') && !doc.text.is_empty() {
        doc.map.push((doc.text.len(), at));
        doc.text.push('\n');
    }
}

fn push_text(doc: &mut Document, html: &str, range: Range<usize>) {
    let Some(raw) = html.get(range.clone()) else {
        return;
    };
    if raw.is_empty() || doc.text_truncated {
        return;
    }
    if doc.map.len() >= MAX_MARKS {
        doc.text_truncated = true;
        return;
    }
    let room = MAX_VISIBLE_TEXT.saturating_sub(doc.text.len());
    let raw = if raw.len() > room {
        doc.text_truncated = true;
        let cut = (0..=room)
            .rev()
            .find(|&i| raw.is_char_boundary(i))
            .unwrap_or(0);
        raw.get(..cut).unwrap_or_default()
    } else {
        raw
    };
    decode_into(raw, range.start, &mut doc.text, Some(&mut doc.map));
    doc.text_truncated |= doc.map.len() >= MAX_MARKS;
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p.saturating_add(from))
}

fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p.saturating_add(from))
}

fn tag_name(bytes: &[u8], from: usize) -> (String, usize) {
    let mut end = from;
    while bytes
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':' | b'_'))
    {
        end = end.saturating_add(1);
    }
    let name = bytes.get(from..end).unwrap_or_default();
    (String::from_utf8_lossy(name).to_ascii_lowercase(), end)
}

/// Parse attributes from `from` to the end of the start tag; the offset just past its `>`, and
/// whether a value was cut at [`MAX_VALUE_BYTES`].
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize, bool) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut cut = false;
    let mut i = from;
    loop {
        while bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i = i.saturating_add(1);
        }
        match bytes.get(i) {
            None => return (attrs, bytes.len(), cut),
            Some(b'>') => return (attrs, i.saturating_add(1), cut),
            _ => {}
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'='))
        {
            i = i.saturating_add(1);
        }
        let name = html
            .get(name_start..i)
            .unwrap_or_default()
            .to_ascii_lowercase();
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i = i.saturating_add(1);
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i = i.saturating_add(1);
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i = i.saturating_add(1);
            }
            let (v, end) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i.saturating_add(1);
                    let end = find(bytes, start, &[q]).unwrap_or(bytes.len());
                    (start..end, end.saturating_add(1))
                }
                _ => {
                    let start = i;
                    let mut end = i;
                    while bytes
                        .get(end)
                        .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                    {
                        end = end.saturating_add(1);
                    }
                    (start..end, end)
                }
            };
            let mut raw = html.get(v).unwrap_or_default();
            if !VALUED.contains(&name.as_str()) {
                raw = "";
            }
            if raw.len() > MAX_VALUE_BYTES {
                let mut at = MAX_VALUE_BYTES;
                while !raw.is_char_boundary(at) {
                    at = at.saturating_sub(1);
                }
                raw = raw.get(..at).unwrap_or_default();
                cut = true;
            }
            value = decode_entities(raw).into_owned();
            i = end;
        }
        if name.is_empty() {
            i = i.saturating_add(1);
            continue;
        }
        if attrs.len() < 256 {
            attrs.push((name, value));
        }
    }
}

/// Decode character references: numeric ones and the named ones common in text (`&amp;`,
/// `&nbsp;`, accented Latin letters...). Unknown references stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    decode_into(s, 0, &mut out, None);
    Cow::Owned(out)
}

/// Most offset pairs a `map` of [`decode_into`] records (16 bytes each: 1 MiB). 20 MB of
/// `&amp;` would otherwise record three million pairs, 48 MiB with the vector's doubling.
const MAX_MARKS: usize = 1 << 16;

/// Append `raw` (which starts at byte `base` of the HTML) to `out` with character references
/// decoded; with a `map`, record (offset in `out`, offset in the HTML) at the start and after
/// every reference, so that offsets in `out` map back exactly. Once the map holds
/// [`MAX_MARKS`] pairs the rest is appended as it is, references undecoded, so that the
/// offsets still map back exactly.
fn decode_into(
    raw: &str,
    base: usize,
    out: &mut String,
    mut map: Option<&mut Vec<(usize, usize)>>,
) {
    fn mark(map: &mut Option<&mut Vec<(usize, usize)>>, out: &str, at: usize) {
        if let Some(m) = map.as_deref_mut() {
            m.push((out.len(), at));
        }
    }
    mark(&mut map, out, base);
    let mut pos = 0usize;
    while let Some(p) = raw.get(pos..).and_then(|r| r.find('&')) {
        if map.as_deref().is_some_and(|m| m.len() >= MAX_MARKS) {
            break;
        }
        let amp = pos.saturating_add(p);
        out.push_str(raw.get(pos..amp).unwrap_or_default());
        let tail = raw.get(amp..).unwrap_or_default();
        // A reference name is short: look for its ';' in the next 34 bytes only.
        let semi = tail.bytes().take(34).position(|b| b == b';');
        let decoded = semi.and_then(|e| tail.get(1..e)).and_then(entity);
        match (decoded, semi) {
            (Some(c), Some(e)) => {
                out.push(c);
                pos = amp.saturating_add(e).saturating_add(1);
                mark(&mut map, out, base.saturating_add(pos));
            }
            _ => {
                out.push('&');
                pos = amp.saturating_add(1);
            }
        }
    }
    out.push_str(raw.get(pos..).unwrap_or_default());
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(v);
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "szlig" => 'ß',
        _ => return accented(name),
    };
    Some(c)
}

/// `&eacute;`, `&Uuml;`, ...: a base letter and a diacritic name.
fn accented(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let mark = chars.as_str();
    let table: &[(&str, &str, &str)] = &[
        ("acute", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"),
        ("grave", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
        ("circ", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
        ("uml", "aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ"),
        ("tilde", "anoANO", "ãñõÃÑÕ"),
        ("cedil", "cC", "çÇ"),
        ("ring", "aA", "åÅ"),
        ("slash", "oO", "øØ"),
        ("caron", "csznrzCSZNRZ", "čšžňřžČŠŽŇŘŽ"),
    ];
    let (_, bases, out) = table.iter().find(|(m, _, _)| *m == mark)?;
    let idx = bases.chars().position(|b| b == base)?;
    out.chars().nth(idx)
}

#[cfg(test)]
#[path = "html_tests.rs"]
pub(crate) mod tests;
