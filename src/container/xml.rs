//! Bounds shared by the XML readers (the SVG walker, the XMP reader) on what quick-xml copies.
//!
//! quick-xml borrows what it reads from the input, except: the name of every open element (to
//! match its end tag), both names when an end tag does not match (its `MismatchedEndTag`
//! error) and the name of an end tag with no open element (`UnmatchedEndTag`), and every
//! namespace declaration in scope (prefix and URI: it resolves a name by scanning them). All of
//! a start tag's declarations are recorded before the reader returns the tag. So both readers
//! look at each tag before quick-xml reads it ([`Tags::check`]): a tag that would bring the
//! declarations in scope over
//! [`Limits::max_namespaces`](crate::limits::Limits::max_namespaces) (300,000 in one tag cost
//! 20 MiB at once and 300,000 steps for each name after it), or with a name or declaration over
//! [`MAX_NAME_BYTES`] (a 19 MB name was copied twice, four times when its end tag differed), is
//! not read.

/// Most bytes of an element name, and of the attribute name or the URI of a namespace
/// declaration, that the XML readers let quick-xml read. XML 1.0 (§2.3, `Name`) and Namespaces
/// in XML 1.0 (§3, `NSAttName`, §2.2 URI references) set no limit; real names and namespace
/// URIs are under a hundred bytes (XMP's, SVG's and C2PA's), and 1,000 is the JDK's default
/// `jdk.xml.maxXMLNameLimit` (element and attribute names, namespace prefixes and URIs) and
/// DB2's limit on the same. At the default limits (128 open elements in XMP, 32 in SVG; 256
/// declarations) quick-xml's copies stay under 1 MiB.
pub const MAX_NAME_BYTES: usize = 1000;

use crate::bytes::to_u64;
use crate::error::Error;

/// The tags of one XML text, each looked at before quick-xml reads it ([`Tags::check`]), and
/// the namespace declarations of the open elements.
#[derive(Default)]
pub struct Tags {
    /// The byte after the last tag looked at.
    next: u64,
    /// That tag's namespace declarations.
    declarations: usize,
    /// The namespace declarations of each open element.
    open: Vec<usize>,
}

impl Tags {
    /// The reader opened the tag looked at last (a start tag): its declarations are in scope
    /// until it closes. The readers bound the nesting.
    pub fn open(&mut self) {
        self.open.push(self.declarations);
    }

    /// The reader closed an element.
    pub fn close(&mut self) {
        self.open.pop();
    }

    /// Why the next tag of `text` after byte `at` (an XML reader's position between two
    /// events) may not be given to quick-xml, if it may not: a limit error (what, how much and
    /// where, in `input`). Comments, CDATA sections, processing instructions and the DOCTYPE
    /// are not copied, so not looked at; nor is what the reader has already read, so a `<` in
    /// them is never taken for a tag. A tag is looked at once, not again after the text
    /// before it was read.
    pub fn check(
        &mut self,
        text: &[u8],
        at: u64,
        max_namespaces: usize,
        input: &str,
    ) -> Option<Error> {
        if at < self.next {
            return None;
        }
        let rest = text.get(usize::try_from(at).ok()?..)?;
        let lt = rest.iter().position(|&b| b == b'<')?;
        let tag = rest.get(lt.checked_add(1)?..)?;
        let at = at.saturating_add(to_u64(lt));
        self.next = at.saturating_add(1);
        self.declarations = 0;
        if matches!(tag.first(), Some(b'!' | b'?')) {
            return None;
        }
        // quick-xml ends a start or end tag at the first `>` outside quotes (its `ElementParser`).
        // On the way, a quoted value is a namespace declaration when its key (the bytes since the
        // previous value) holds `xmlns`: counted, with the lengths of both (never less than what
        // quick-xml's resolver would copy: it takes attributes as key="value" or key='value').
        let (mut quote, mut from, mut declaration) = (None, 0, false);
        let (mut declarations, mut longest, mut end): (usize, usize, usize) = (0, 0, tag.len());
        for (i, &b) in tag.iter().enumerate() {
            match quote {
                Some(q) if b == q => {
                    quote = None;
                    if declaration {
                        longest = longest.max(i.saturating_sub(from));
                    }
                    from = i.saturating_add(1);
                }
                Some(_) => {}
                None if b == b'"' || b == b'\'' => {
                    quote = Some(b);
                    let key = tag.get(from..i).unwrap_or_default();
                    declaration = key.windows(5).any(|w| w == b"xmlns");
                    if declaration {
                        declarations = declarations.saturating_add(1);
                        longest = longest.max(key.len());
                    }
                    from = i.saturating_add(1);
                }
                None if b == b'>' => {
                    end = i;
                    break;
                }
                None => {}
            }
        }
        // A `/` before the `>` closes an empty element (quick-xml's `emit_start`).
        let tag = tag.get(..end)?;
        let tag = tag.strip_suffix(b"/").unwrap_or(tag);
        // A start tag's name ends at XML white space (quick-xml's `name_len`); an end tag's name
        // is all of it (less trailing white space, which is counted here).
        let white = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let name = match tag.first() {
            Some(b'/') => tag.len().saturating_sub(1),
            _ => tag.iter().position(white).unwrap_or(tag.len()),
        };
        let longest = longest.max(name);
        self.declarations = declarations;
        let declarations = self
            .open
            .iter()
            .fold(declarations, |n, d| n.saturating_add(*d));
        let (found, what, limit) = if declarations > max_namespaces {
            (
                declarations,
                "namespace declarations in scope",
                max_namespaces,
            )
        } else if longest > MAX_NAME_BYTES {
            (
                longest,
                "bytes of an XML name or namespace URI",
                MAX_NAME_BYTES,
            )
        } else {
            return None;
        };
        Some(Error::limit(
            &format!("{found} {what} (at byte {at})"),
            to_u64(limit),
            input,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The limit `Tags::check` names for `text` read from byte 0 (with `max_namespaces` 4), if
    /// any.
    fn limit(text: &str) -> Option<String> {
        let e = Tags::default().check(text.as_bytes(), 0, 4, "XML")?;
        let m = e.message();
        Some(m.get(m.find("the limit of")?..)?.to_owned())
    }

    #[test]
    fn names_and_declarations_are_bounded_before_quick_xml_copies_them() {
        let long = "n".repeat(MAX_NAME_BYTES + 1);
        let fits = "n".repeat(MAX_NAME_BYTES);
        // A start tag's name, an end tag's (all of it: quick-xml's error copies it whole),
        // a declaration's prefix or URI, in double or single quotes.
        for bad in [
            format!("<{long} a='b'>"),
            format!("text</{long}>"),
            format!("</a {long}>"),
            format!("<a xmlns:{long}='u'>"),
            format!("<a xmlns='{long}'/>"),
            format!("<a b=\"'\" xmlns:p=\"{long}\">"),
        ] {
            assert_eq!(limit(&bad).unwrap(), "the limit of 1000 in XML", "{bad}");
        }
        for good in [
            format!("<{fits} a='b'>"),
            format!("</{fits}>"),
            format!("<a xmlns='{fits}' b='{long}'>"),
            // Comments, CDATA, processing instructions and DOCTYPEs are not copied.
            format!("<!--<{long}>-->"),
            format!("<![CDATA[<{long}>]]>"),
            format!("<?{long}?>"),
            format!("<!DOCTYPE {long}>"),
            "no tag".to_owned(),
        ] {
            assert_eq!(limit(&good), None, "{good}");
        }
        let text = format!("<a/>\n<{long}>");
        let e = Tags::default().check(text.as_bytes(), 4, 4, "XML").unwrap();
        assert_eq!(
            e.message(),
            "1001 bytes of an XML name or namespace URI (at byte 5) exceeds the limit of 1000 in XML"
        );
    }

    #[test]
    fn a_tag_is_looked_at_once_before_the_text_before_it_is_read() {
        let text = format!("<a>text<{}>", "n".repeat(MAX_NAME_BYTES + 1));
        let mut tags = Tags::default();
        assert!(tags.check(text.as_bytes(), 0, 4, "XML").is_none());
        assert_eq!(tags.next, 1);
        // After `<a>`, before the text: the tag after it is looked at.
        assert!(tags.check(text.as_bytes(), 3, 4, "XML").is_some());
        assert_eq!(tags.next, 8);
        // After the text (the reader stands on that tag's `<`): not again.
        assert!(tags.check(text.as_bytes(), 7, 4, "XML").is_none());
    }

    #[test]
    fn declarations_are_counted_with_quotes_as_quick_xml_reads_them() {
        let five = "<a xmlns='u' xmlns:a='u' xmlns:b='u' xmlns:c='u' xmlns:d='u'>";
        assert_eq!(limit(five).unwrap(), "the limit of 4 in XML");
        assert_eq!(limit(&five.replace(" xmlns:d='u'", "")), None);
        // With those of the open elements: each opened element's are in scope until it closes.
        let text =
            b"<a xmlns='u' xmlns:a='u'><b xmlns:b='u'></b><c xmlns:c='u' xmlns:d='u' xmlns:e='u'>";
        let mut tags = Tags::default();
        assert!(tags.check(text, 0, 4, "XML").is_none());
        tags.open();
        assert!(tags.check(text, 25, 4, "XML").is_none());
        tags.open();
        assert!(tags.check(text, 40, 4, "XML").is_none());
        tags.close();
        let e = tags.check(text, 44, 4, "XML").unwrap();
        assert_eq!(
            e.message(),
            "5 namespace declarations in scope (at byte 44) exceeds the limit of 4 in XML"
        );
        // A `>` in a quoted value does not end the tag (it ended a former count early).
        assert_eq!(
            limit(&five.replace("<a ", "<a x='>' ")).unwrap(),
            "the limit of 4 in XML"
        );
    }
}
