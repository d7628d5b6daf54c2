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
//! declarations in scope by `max_namespaces`; DTDs are ignored and no entity beyond XML's five predefined ones and character
//! references is ever expanded (quick-xml does not resolve external or internal DTD entities).

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

/// Decode packet bytes to text: UTF-16 with a BOM, else UTF-8 (lossy); leading junk before the
/// first `<` and trailing NUL padding dropped. Borrowed when the bytes are UTF-8: a packet can be
/// as large as the input, and a copy would count against the memory promise.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    fn trim(text: &str) -> &str {
        let start = text.find('<').unwrap_or(text.len());
        text.get(start..)
            .unwrap_or_default()
            .trim_end_matches(|c: char| c == '\0' || c.is_whitespace())
    }
    match utf16_bom(bytes) {
        Some((big_endian, rest)) => Cow::Owned(trim(&utf16_lossy(rest, big_endian)).to_owned()),
        None => match String::from_utf8_lossy(bytes) {
            Cow::Borrowed(text) => Cow::Borrowed(trim(text)),
            Cow::Owned(text) => Cow::Owned(trim(&text).to_owned()),
        },
    }
}

use crate::container::xml::most_declarations_in_a_tag;

/// The properties found: kept (all, or those in the wanted namespaces up to `max_kept`,
/// [`Limits::max_xmp_properties`]) and counted (all, against `max_blocks`).
struct Props<'w> {
    kept: Vec<Property>,
    seen: usize,
    wanted: Option<&'w [&'w str]>,
    max_kept: usize,
    /// Wanted properties past `max_kept`, not kept.
    dropped: usize,
}

impl Props<'_> {
    fn push(&mut self, p: Property) {
        self.seen = self.seen.saturating_add(1);
        match self.wanted {
            None => self.kept.push(p),
            Some(w) if w.contains(&p.ns.as_str()) => {
                if self.kept.len() < self.max_kept {
                    self.kept.push(p);
                } else {
                    self.dropped = self.dropped.saturating_add(1);
                }
            }
            Some(_) => {}
        }
    }
}

/// Read an XMP packet. Never fails: a malformed packet yields the properties read before the
/// problem and a warning.
pub fn parse(bytes: &[u8], limits: &Limits) -> Packet {
    parse_with(bytes, limits, None)
}

/// [`parse`], keeping only the properties in `namespaces` (at most
/// [`Limits::max_xmp_properties`] of them, the rest counted in a warning): what the label
/// readers use, so that memory does not grow with the properties nobody reads.
pub fn parse_only(bytes: &[u8], limits: &Limits, namespaces: &[&str]) -> Packet {
    parse_with(bytes, limits, Some(namespaces))
}

fn parse_with(bytes: &[u8], limits: &Limits, wanted: Option<&[&str]>) -> Packet {
    let mut out = Packet::default();
    if crate::bytes::to_u64(bytes.len()) > limits.max_metadata_bytes {
        out.warning = Some(format!(
            "XMP packet of {} bytes exceeds the limit of {}",
            bytes.len(),
            limits.max_metadata_bytes
        ));
        return out;
    }
    let text = decode(bytes);
    let max_namespaces = crate::limits::count(limits.max_namespaces);
    if most_declarations_in_a_tag(text.as_bytes()) > max_namespaces {
        out.warning = Some(too_many_namespaces(max_namespaces));
        return out;
    }
    let max_depth = usize::try_from(limits.max_depth.saturating_mul(4).min(128)).unwrap_or(128);
    let max_props = usize::try_from(limits.max_blocks).unwrap_or(usize::MAX);
    let mut reader = NsReader::from_str(&text);
    // Stack of (namespace, local name) of open elements, and the namespace declarations of each.
    let mut stack: Vec<(String, String)> = Vec::new();
    let mut declared: Vec<usize> = Vec::new();
    let mut props = Props {
        kept: Vec::new(),
        seen: 0,
        wanted,
        max_kept: crate::limits::count(limits.max_xmp_properties),
        dropped: 0,
    };
    loop {
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
            break;
        }
        match event {
            (ns, Event::Start(e)) => {
                if stack.len() >= max_depth {
                    out.warning = Some(format!(
                        "XMP packet nests deeper than {max_depth} elements; the rest was skipped"
                    ));
                    break;
                }
                let n = namespace_declarations(&e);
                if declared.iter().sum::<usize>().saturating_add(n) > max_namespaces {
                    out.warning = Some(too_many_namespaces(max_namespaces));
                    break;
                }
                let name = (ns_string(&ns), local(&e));
                attributes(&reader, &e, &stack, &name, max_props, &mut props);
                stack.push(name);
                declared.push(n);
            }
            (ns, Event::Empty(e)) => {
                let n = namespace_declarations(&e);
                if declared.iter().sum::<usize>().saturating_add(n) > max_namespaces {
                    out.warning = Some(too_many_namespaces(max_namespaces));
                    break;
                }
                let name = (ns_string(&ns), local(&e));
                attributes(&reader, &e, &stack, &name, max_props, &mut props);
            }
            (_, Event::End(_)) => {
                stack.pop();
                declared.pop();
            }
            // Whitespace (an XMP packet's padding is kilobytes of it) has nothing to keep.
            (_, Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
            (_, Event::Text(t)) => {
                let value = t
                    .unescape()
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned());
                push_text(&stack, value, &mut props);
            }
            (_, Event::CData(t)) => {
                let value = String::from_utf8_lossy(&t).into_owned();
                push_text(&stack, value, &mut props);
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    if props.dropped > 0 && out.warning.is_none() {
        out.warning = Some(format!(
            "XMP packet has {} more properties in the namespaces read than the {} kept \
             (max_xmp_properties); they were skipped",
            props.dropped, props.max_kept
        ));
    }
    out.properties = props.kept;
    out
}

/// How many `xmlns` attributes `e` has.
fn namespace_declarations(e: &BytesStart<'_>) -> usize {
    e.attributes()
        .with_checks(false)
        .flatten()
        .filter(|a| a.key.as_namespace_binding().is_some())
        .count()
}

fn too_many_namespaces(max: usize) -> String {
    format!(
        "XMP packet declares more than {max} namespaces at once (max_namespaces); the rest was \
         skipped"
    )
}

fn ns_string(ns: &ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(n) => String::from_utf8_lossy(n.as_ref()).into_owned(),
        _ => String::new(),
    }
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// The nearest enclosing element that is a property (not RDF syntax, not the wrapper).
fn owner(stack: &[(String, String)]) -> Option<&(String, String)> {
    stack
        .iter()
        .rev()
        .find(|(ns, _)| ns != NS_RDF && ns != NS_META && !ns.is_empty())
}

fn push_text(stack: &[(String, String)], value: String, out: &mut Props<'_>) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    if let Some((ns, name)) = owner(stack) {
        out.push(Property {
            ns: ns.clone(),
            name: name.clone(),
            value: value.to_owned(),
        });
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
        let name = String::from_utf8_lossy(name.as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&attr.value).into_owned());
        if ns == NS_RDF {
            if name == "resource" {
                // `<prop rdf:resource="uri"/>`: the URI is the property's value.
                let mut with_this = stack.to_vec();
                with_this.push(this.clone());
                push_text(&with_this, value, out);
            }
            continue;
        }
        if ns == NS_XML || ns == NS_META || ns.is_empty() {
            continue;
        }
        out.push(Property {
            ns,
            name,
            value: value.trim().to_owned(),
        });
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

    #[test]
    fn entities_are_not_expanded_and_depth_is_bounded() {
        let x = br#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:a="urn:a"><a:p>&e;</a:p></x:xmpmeta>"#;
        let p = parse(x, &Limits::default());
        assert!(p.properties.iter().all(|q| !q.value.contains("root:")));
        let deep = "<a xmlns='urn:a'>".repeat(500);
        let p = parse(deep.as_bytes(), &Limits::tiny());
        assert!(p.warning.unwrap().contains("deeper"));
    }
}
