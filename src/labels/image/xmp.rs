//! A small, namespace-aware XMP reader: it flattens an XMP packet into (namespace URI, property
//! name, value) triples, whatever prefixes the file uses.
//!
//! XMP Specification Part 1 §7 (RDF serialisation): a property is either an attribute of an
//! `rdf:Description` ("attribute form") or a child element of it ("element form"); array values
//! (`rdf:Alt`/`rdf:Seq`/`rdf:Bag`) hold `rdf:li` items; struct values nest an `rdf:Description`
//! (or use `rdf:parseType="Resource"`); `rdf:resource` gives a URI value. Each text node is
//! reported under the nearest enclosing non-RDF element, so an array item is reported under its
//! array property (e.g. `dc:title`), one triple per item.
//!
//! Untrusted input: the packet wrapper (`<?xpacket …?>`) and leading junk or NUL padding are
//! skipped; nesting is bounded (min(`max_depth`·4, 128)); the number of properties by
//! `max_blocks`, and those kept for the label readers by `max_xmp_properties`; namespace
//! declarations in scope by `max_namespaces`, and each tag is looked at before quick-xml reads
//! it (`container::xml::Tags`): one past that bound, or with a name or namespace declaration
//! over [`MAX_NAME_BYTES`](crate::container::xml::MAX_NAME_BYTES), ends the reading; DTDs are
//! ignored and no entity beyond XML's five predefined ones and character references is ever
//! expanded (quick-xml does not resolve external or internal DTD entities).
//! The packet is read where it lies (quick-xml is given its bytes, not a decoded copy); only the
//! values kept are decoded, each to [`MAX_VALUE_BYTES`] and all of an input's to
//! [`MAX_KEPT_BYTES`], and names to 256 bytes.

use crate::container::text::decode::{utf16_bom, utf16_lossy};
use crate::limits::Limits;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;

/// The RDF namespace.
pub const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The XML namespace (for `xml:lang`).
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
/// The `x:xmpmeta` wrapper namespace.
const NS_META: &str = "adobe:ns:meta/";

/// One XMP property value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The namespace URI of the property.
    pub ns: String,
    /// The local name of the property.
    pub name: String,
    /// The value (one array item for arrays).
    pub value: String,
}

/// What reading a packet gave: its properties, and a warning if it stopped early.
#[derive(Debug, Clone, Default)]
pub struct Packet {
    /// Every property found, in document order.
    pub properties: Vec<Property>,
    /// Why reading stopped before the end, if it did.
    pub warning: Option<String>,
    /// True when the warning says part of the packet was not read because it was over a limit
    /// (its size, names, namespaces, nesting or property count), not because it is malformed.
    pub unread: bool,
}

impl Packet {
    /// Every value of property `name` in namespace `ns`.
    pub fn values<'s>(&'s self, ns: &'s str, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.properties
            .iter()
            .filter(move |p| p.ns == ns && p.name == name)
            .map(|p| p.value.as_str())
    }
}

/// The packet's bytes for the XML reader ([`trim`] then takes off junk and padding):
/// UTF-16 with a BOM decoded to UTF-8 (a copy: one that could take more than
/// [`Limits::max_joined_bytes`] is not read), anything else as it is, borrowed (a packet can be
/// as large as the input; invalid UTF-8 is replaced in the values kept, [`Props::push`]).
fn decode<'b>(bytes: &'b [u8], limits: &Limits) -> Option<Cow<'b, [u8]>> {
    match utf16_bom(bytes) {
        Some((_, rest))
            if crate::bytes::to_u64(rest.len() / 2).saturating_mul(3) > limits.max_joined_bytes =>
        {
            None
        }
        Some((big_endian, rest)) => Some(Cow::Owned(utf16_lossy(rest, big_endian).into_bytes())),
        None => Some(Cow::Borrowed(bytes)),
    }
}

/// `text` from its first `<`, without trailing NUL padding or whitespace.
fn trim(text: &[u8]) -> &[u8] {
    let start = text.iter().position(|&b| b == b'<').unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|&b| b != 0 && !b.is_ascii_whitespace())
        .map_or(start, |e| e.saturating_add(1).max(start));
    text.get(start..end).unwrap_or_default()
}

use crate::container::xml::Tags;

/// Most bytes of one property value kept (decoded): a label is a URI, a name or a prompt, while
/// a description can be megabytes. As for HTML attribute values (`container::text::html`).
pub const MAX_VALUE_BYTES: usize = 64 << 10;

/// Most bytes of property values kept from all the XMP packets of one input (the allowance the
/// label readers pass to [`parse_only`]). Each is a decoded copy, and the signals copy them
/// again: a packet of one 19 MB description took 60 MiB with watermarks off when every value
/// was copied whole.
pub const MAX_KEPT_BYTES: usize = 2 << 20;

/// The properties found: kept (all, or those in the wanted namespaces up to `max_kept`,
/// [`Limits::max_xmp_properties`]) and counted (all, against `max_blocks`).
struct Props<'w> {
    kept: Vec<Property>,
    seen: usize,
    wanted: Option<&'w [&'w str]>,
    max_kept: usize,
    /// Wanted properties past `max_kept`, not kept.
    dropped: usize,
    /// Bytes of values that may still be kept ([`MAX_KEPT_BYTES`]).
    left: &'w mut usize,
    /// True once a value was cut at [`MAX_VALUE_BYTES`] or at what was `left`.
    cut: bool,
}

impl Props<'_> {
    /// Count the property `name` of namespace `ns` whose value is written `raw` (`escaped`
    /// unless it is CDATA), and keep it when it is wanted: decoded (invalid UTF-8 replaced,
    /// references resolved), trimmed, and cut to what may be kept. A value nobody reads is never
    /// decoded, so never copied. `empty`: keep a value that is empty once trimmed (an
    /// attribute's, unless it was cut to nothing).
    fn push(&mut self, ns: &str, name: &str, raw: &[u8], escaped: bool, empty: bool) {
        self.seen = self.seen.saturating_add(1);
        if self.wanted.is_some_and(|w| !w.contains(&ns)) {
            return;
        }
        if self.kept.len() >= self.max_kept {
            self.dropped = self.dropped.saturating_add(1);
            return;
        }
        let max = MAX_VALUE_BYTES.min(*self.left);
        // Cut before decoding (references only shorten a value), and again after (a replaced
        // byte takes three).
        let lossy = String::from_utf8_lossy(raw.get(..max).unwrap_or(raw));
        let text = if escaped {
            quick_xml::escape::unescape(&lossy).unwrap_or(Cow::Borrowed(&lossy))
        } else {
            Cow::Borrowed(&*lossy)
        };
        let trimmed = text.trim();
        let value = crate::bytes::str_head(trimmed, max);
        let cut = raw.len() > max || value.len() < trimmed.len();
        self.cut |= cut;
        if value.is_empty() && (cut || !empty) {
            return;
        }
        *self.left = self.left.saturating_sub(value.len());
        self.kept.push(Property {
            ns: ns.to_owned(),
            name: name.to_owned(),
            value: value.to_owned(),
        });
    }
}

/// Read an XMP packet. Never fails: a malformed packet yields the properties read before the
/// problem and a warning. Values are kept up to [`MAX_VALUE_BYTES`] each and
/// [`MAX_KEPT_BYTES`] in all.
pub fn parse(bytes: &[u8], limits: &Limits) -> Packet {
    let mut left = MAX_KEPT_BYTES;
    parse_with(bytes, limits, None, &mut left)
}

/// [`parse`], keeping only the properties in `namespaces` (at most
/// [`Limits::max_xmp_properties`] of them, the rest counted in a warning), and of their values
/// at most `left` bytes in all (lowered by what is kept; [`MAX_KEPT_BYTES`] for one input):
/// what the label readers use, so that memory does not grow with the properties nobody reads.
pub fn parse_only(bytes: &[u8], limits: &Limits, namespaces: &[&str], left: &mut usize) -> Packet {
    parse_with(bytes, limits, Some(namespaces), left)
}

fn parse_with(bytes: &[u8], limits: &Limits, wanted: Option<&[&str]>, left: &mut usize) -> Packet {
    let mut out = Packet::default();
    if crate::bytes::to_u64(bytes.len()) > limits.max_metadata_bytes {
        out.warning = Some(format!(
            "XMP packet of {} bytes exceeds the limit of {}",
            bytes.len(),
            limits.max_metadata_bytes
        ));
        out.unread = true;
        return out;
    }
    let Some(decoded) = decode(bytes, limits) else {
        out.warning = Some("UTF-16 XMP over max_joined_bytes not read".into());
        out.unread = true;
        return out;
    };
    let text = trim(&decoded);
    let max_namespaces = crate::limits::count(limits.max_namespaces);
    let max_depth = usize::try_from(limits.max_depth.saturating_mul(4).min(128)).unwrap_or(128);
    let max_props = usize::try_from(limits.max_blocks).unwrap_or(usize::MAX);
    let mut reader = NsReader::from_reader(text);
    // Stack of (namespace, local name) of open elements; the tags, each looked at before it is
    // read, and the namespace declarations in scope.
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut tags = Tags::default();
    let mut props = Props {
        kept: Vec::new(),
        seen: 0,
        wanted,
        max_kept: crate::limits::count(limits.max_xmp_properties),
        dropped: 0,
        left,
        cut: false,
    };
    loop {
        let skipped = "the XMP packet; the rest was skipped";
        if let Some(e) = tags.check(text, reader.buffer_position(), max_namespaces, skipped) {
            out.warning = Some(e.message().to_owned());
            out.unread = true;
            break;
        }
        let event = match reader.read_resolved_event() {
            Ok(ev) => ev,
            Err(e) => {
                out.warning = Some(format!(
                    "expected well-formed XML in the XMP packet, but found an error at byte {}: {e}",
                    reader.buffer_position()
                ));
                break;
            }
        };
        if props.seen >= max_props {
            out.warning = Some(format!(
                "XMP packet has more than {max_props} properties; the rest were skipped"
            ));
            out.unread = true;
            break;
        }
        match event {
            (ns, ev @ (Event::Start(_) | Event::Empty(_))) => {
                let open = matches!(ev, Event::Start(_));
                let (Event::Start(e) | Event::Empty(e)) = ev else {
                    continue;
                };
                if open && stack.len() >= max_depth {
                    out.warning = Some(format!(
                        "XMP packet nests deeper than {max_depth} elements; the rest was skipped"
                    ));
                    out.unread = true;
                    break;
                }
                let name = (ns_string(&ns), local(&e));
                attributes(&reader, &e, &stack, &name, max_props, &mut props);
                if open {
                    stack.push(name);
                    tags.open();
                }
            }
            (_, Event::End(_)) => {
                stack.pop();
                tags.close();
            }
            // Whitespace (an XMP packet's padding is kilobytes of it) has nothing to keep
            // (`push_text`).
            (_, Event::Text(t)) => push_text(owner(&stack), &t, true, &mut props),
            (_, Event::CData(t)) => push_text(owner(&stack), &t, false, &mut props),
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    if out.warning.is_none() {
        if props.dropped > 0 {
            out.warning = Some(format!(
                "XMP packet has {} more properties in the namespaces read than the {} kept \
                 (max_xmp_properties); they were skipped",
                props.dropped, props.max_kept
            ));
            out.unread = true;
        } else if props.cut {
            out.warning = Some("XMP values over 64 KiB each or 2 MiB in all cut".into());
        }
    }
    out.properties = props.kept;
    out
}

/// A name or namespace URI as text: its first 256 bytes, longer than any the readers look for
/// (each open element holds a copy of both, and a hostile packet's can be megabytes).
fn name_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.get(..256).unwrap_or(bytes)).into_owned()
}

fn ns_string(ns: &ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(n) => name_of(n.as_ref()),
        _ => String::new(),
    }
}

fn local(e: &BytesStart<'_>) -> String {
    name_of(e.local_name().as_ref())
}

/// Whether an element is a property (not RDF syntax, not the wrapper).
fn is_property((ns, _): &&(String, String)) -> bool {
    ns != NS_RDF && ns != NS_META && !ns.is_empty()
}

/// The nearest enclosing element that is a property.
fn owner(stack: &[(String, String)]) -> Option<&(String, String)> {
    stack.iter().rev().find(is_property)
}

/// A text value (`escaped` unless CDATA) of the property `owner`, if it is one and the value
/// is not empty.
fn push_text(owner: Option<&(String, String)>, raw: &[u8], escaped: bool, out: &mut Props<'_>) {
    if let (Some((ns, name)), false) = (owner, raw.iter().all(u8::is_ascii_whitespace)) {
        out.push(ns, name, raw, escaped, false);
    }
}

/// Attribute-form properties of element `e`, plus `rdf:resource` as the value of the element.
fn attributes(
    reader: &NsReader<&[u8]>,
    e: &BytesStart<'_>,
    stack: &[(String, String)],
    this: &(String, String),
    max: usize,
    out: &mut Props<'_>,
) {
    for attr in e.attributes().with_checks(false).flatten() {
        if out.seen >= max {
            return;
        }
        let key = attr.key;
        if key.as_namespace_binding().is_some() {
            continue;
        }
        let (ns, name) = reader.resolve_attribute(key);
        let ns = ns_string(&ns);
        let name = name_of(name.as_ref());
        if ns == NS_RDF {
            if name == "resource" {
                // `<prop rdf:resource="uri"/>`: the URI is the property's value.
                let owner = Some(this).filter(is_property).or_else(|| owner(stack));
                push_text(owner, &attr.value, true, out);
            }
            continue;
        }
        if ns == NS_XML || ns == NS_META || ns.is_empty() {
            continue;
        }
        out.push(&ns, &name, &attr.value, true, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IPTC: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    #[test]
    fn attribute_and_element_forms_with_any_prefix() {
        let x = br#"\0\0junk<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:ie="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ie:DigitalSourceType="a"/>
<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <Iptc4xmpExt:AISystemUsed>b &amp; c</Iptc4xmpExt:AISystemUsed>
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">t1</rdf:li></rdf:Alt></dc:title>
 <Iptc4xmpExt:DigitalSourceType rdf:resource="r"/>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>\0\0"#;
        let p = parse(x, &Limits::default());
        assert_eq!(p.warning, None);
        let dst: Vec<_> = p.values(IPTC, "DigitalSourceType").collect();
        assert_eq!(dst, ["a", "r"]);
        assert_eq!(
            p.values(IPTC, "AISystemUsed").collect::<Vec<_>>(),
            ["b & c"]
        );
        let title: Vec<_> = p
            .values("http://purl.org/dc/elements/1.1/", "title")
            .collect();
        assert_eq!(title, ["t1"]);
    }

    /// A packet with a `dc:description` (a namespace the label readers do not read) and an IPTC
    /// `AIPromptInformation` (one they read) of `n` bytes each.
    fn two_values(n: usize) -> Vec<u8> {
        format!(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"{NS_RDF}\">\
             <rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
             xmlns:Iptc4xmpExt=\"{IPTC}\"><dc:description>{}</dc:description>\
             <Iptc4xmpExt:AIPromptInformation>{}</Iptc4xmpExt:AIPromptInformation>\
             </rdf:Description></rdf:RDF></x:xmpmeta>",
            "d".repeat(n),
            "p".repeat(n)
        )
        .into_bytes()
    }

    #[test]
    fn a_value_nobody_reads_is_not_kept_and_one_read_is_cut() {
        let x = two_values(1 << 20);
        let mut left = MAX_KEPT_BYTES;
        let p = parse_only(&x, &Limits::default(), &[IPTC], &mut left);
        let prompt: Vec<_> = p.values(IPTC, "AIPromptInformation").collect();
        assert_eq!(prompt, ["p".repeat(MAX_VALUE_BYTES)]);
        assert_eq!(p.properties.len(), 1);
        // The description was never kept, so it took nothing from the allowance.
        assert_eq!(left, MAX_KEPT_BYTES - MAX_VALUE_BYTES);
        assert!(p.warning.unwrap().contains("64 KiB each"));
        // Unbounded readers (the fuzz target) are held to the same bounds.
        let all = parse(&x, &Limits::default());
        assert!(all
            .properties
            .iter()
            .all(|q| q.value.len() == MAX_VALUE_BYTES));
    }

    #[test]
    fn the_allowance_is_shared_by_the_packets_of_an_input() {
        let x = two_values(1000);
        let mut left = 1500;
        let first = parse_only(&x, &Limits::default(), &[IPTC], &mut left);
        assert_eq!(first.values(IPTC, "AIPromptInformation").count(), 1);
        assert_eq!((left, first.warning), (500, None));
        let second = parse_only(&x, &Limits::default(), &[IPTC], &mut left);
        let cut: Vec<_> = second.values(IPTC, "AIPromptInformation").collect();
        assert_eq!(cut, ["p".repeat(500)]);
        assert!(second.warning.is_some());
        // Nothing is left: a value cut to nothing is not kept.
        let third = parse_only(&x, &Limits::default(), &[IPTC], &mut left);
        assert!(third.properties.is_empty());
        assert!(third.warning.is_some());
    }

    #[test]
    fn invalid_utf8_is_replaced_in_the_values_kept_and_references_still_resolved() {
        let x = b"<x:xmpmeta xmlns:x='adobe:ns:meta/' xmlns:a='urn:a'><a:p>a\xff &amp; b</a:p>\
                  <a:q a:v='\xfe&lt;'/><a:r><![CDATA[\xff&amp;]]></a:r></x:xmpmeta>";
        let p = parse(x, &Limits::default());
        assert_eq!(p.warning, None);
        assert_eq!(
            p.values("urn:a", "p").collect::<Vec<_>>(),
            ["a\u{FFFD} & b"]
        );
        assert_eq!(p.values("urn:a", "v").collect::<Vec<_>>(), ["\u{FFFD}<"]);
        assert_eq!(
            p.values("urn:a", "r").collect::<Vec<_>>(),
            ["\u{FFFD}&amp;"]
        );
    }

    #[test]
    fn a_utf16_packet_is_decoded_unless_its_copy_would_pass_max_joined_bytes() {
        let x = "<x:xmpmeta xmlns:x='adobe:ns:meta/' xmlns:a='urn:a'><a:p>v</a:p></x:xmpmeta>";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(x.encode_utf16().flat_map(u16::to_le_bytes))
            .chain([0, 0])
            .collect();
        let p = parse(&utf16, &Limits::default());
        assert_eq!(p.values("urn:a", "p").collect::<Vec<_>>(), ["v"]);
        // Its UTF-8 could take 3 bytes for each of its 77 units (231): over 200.
        let small = Limits {
            max_joined_bytes: 200,
            ..Limits::default()
        };
        let p = parse(&utf16, &small);
        assert!(p.properties.is_empty());
        assert!(p.warning.unwrap().contains("max_joined_bytes"));
    }

    /// Each open element holds its name and namespace URI: their first 256 bytes (a 19 MB name
    /// took 113 MiB).
    #[test]
    fn names_are_kept_to_256_bytes() {
        let name = "n".repeat(990);
        let x = format!("<x:xmpmeta xmlns:x='adobe:ns:meta/' xmlns:a='urn:a'><a:{name}>v</a:{name}></x:xmpmeta>");
        let p = parse(x.as_bytes(), &Limits::default());
        assert_eq!(p.values("urn:a", &name[..256]).collect::<Vec<_>>(), ["v"]);
    }

    /// quick-xml copies the name of each open element, and a namespace URI in scope: one over
    /// `MAX_NAME_BYTES` ends the reading before it is copied (a 19 MB one took 41 MiB with
    /// watermarks off, 114 MiB when its end tag differed); what came before is kept.
    #[test]
    fn a_name_or_namespace_uri_over_the_bound_ends_the_reading() {
        let long = "n".repeat(crate::container::xml::MAX_NAME_BYTES);
        for tail in [
            format!("<a:{long}>v</a:{long}>"),
            format!("<a:{long}>v</a:x>"),
            format!("<b:p xmlns:b='{long}/u'>v</b:p>"),
        ] {
            let x = format!("<x:xmpmeta xmlns:x='adobe:ns:meta/' xmlns:a='urn:a'><a:p>kept</a:p>{tail}</x:xmpmeta>");
            let p = parse(x.as_bytes(), &Limits::default());
            let w = p.warning.as_deref().unwrap_or_default();
            assert_eq!(w, "1002 bytes of an XML name or namespace URI (at byte 67) exceeds the limit of 1000 in the XMP packet; the rest was skipped");
            assert_eq!(p.properties.len(), 1);
            assert_eq!(p.values("urn:a", "p").collect::<Vec<_>>(), ["kept"]);
        }
    }

    #[test]
    fn entities_are_not_expanded_and_depth_is_bounded() {
        let x = br#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:a="urn:a"><a:p>&e;</a:p></x:xmpmeta>"#;
        let p = parse(x, &Limits::default());
        assert!(p.properties.iter().all(|q| !q.value.contains("root:")));
        // One declaration in scope (500 would pass `max_namespaces` first).
        let deep = format!("<a xmlns='urn:a'>{}", "<a>".repeat(500));
        let p = parse(deep.as_bytes(), &Limits::tiny());
        assert!(p.warning.unwrap().contains("deeper"));
    }
}
