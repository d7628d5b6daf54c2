//! Bounds shared by the XML readers (the SVG walker, the XMP reader) against namespace floods.
//!
//! quick-xml resolves every name by a scan of the namespace declarations in scope, and records
//! all the declarations of a start tag before it returns the tag: a tag declaring 300,000
//! prefixes costs 20 MiB at once and 300,000 steps for each name after it. Both readers bound
//! the declarations in scope, and in one tag, by
//! [`Limits::max_namespaces`](crate::limits::Limits::max_namespaces).

/// The most `xmlns` attributes in one tag of `text` (a tag: from a `<` to the next `>`; quotes
/// are not parsed, so a `>` inside an attribute value ends the tag early: a count, not a
/// parse). Checked before an XML reader sees the text: quick-xml records every declaration of
/// a start tag before it returns the tag, so 300,000 of them would cost 20 MiB at once.
pub fn most_declarations_in_a_tag(text: &[u8]) -> usize {
    text.split(|&b| b == b'<')
        .map(|piece| {
            let tag = piece.split(|&b| b == b'>').next().unwrap_or_default();
            tag.windows(5).filter(|w| w == b"xmlns").count()
        })
        .max()
        .unwrap_or(0)
}
