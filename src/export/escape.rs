//! The one escaping function of the export: every string that did not come from this module
//! (file names, signer names, metadata values, status explanations) goes through [`escape`]
//! before it enters HTML or SVG, in text and in attribute values alike.

/// Escape `s` for HTML text and for double- or single-quoted attribute values (HTML Living
/// Standard §13.1.2.3 and §13.1.4: `&` and `<` in text, the quote in attributes; `>` too, so
/// that a value cannot close a tag in a careless template). Characters the HTML parser reports
/// as errors in the input stream (§13.2.3.5: controls other than tab, line feed, form feed and
/// carriage return, and noncharacters) become U+FFFD, so the document stays conforming.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_parse_error_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Controls (C0 other than whitespace, DEL, C1) and noncharacters (U+FDD0..U+FDEF and the last
/// two code points of every plane).
fn is_parse_error_char(c: char) -> bool {
    let u = u32::from(c);
    c.is_control() || (0xfdd0..=0xfdef).contains(&u) || (u & 0xfffe) == 0xfffe
}

/// At most `max` characters of `s`, with an ellipsis when cut (for labels drawn in a fixed box;
/// the full text is in the node's `<title>` and `<desc>`).
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markup_comes_out_inert() {
        let hostile = r#"<img src=x onerror="alert(1)"><script>alert('x')</script>&amp;"#;
        let e = escape(hostile);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
        assert_eq!(
            e,
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)\
             &lt;/script&gt;&amp;amp;"
        );
    }

    #[test]
    fn attribute_breakouts_are_escaped() {
        assert_eq!(escape("\" onload=\"x"), "&quot; onload=&quot;x");
        assert_eq!(escape("' onload='x"), "&#39; onload=&#39;x");
        assert_eq!(
            escape("]]></svg><svg onload=x>"),
            "]]&gt;&lt;/svg&gt;&lt;svg onload=x&gt;"
        );
    }

    #[test]
    fn controls_and_noncharacters_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{7f}d\u{85}e"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e"
        );
        assert_eq!(
            escape("\u{fdd0}\u{fffe}\u{1ffff}"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(escape("tab\tline\nok"), "tab\tline\nok");
        assert_eq!(escape("日本語 ✓ 🙂"), "日本語 ✓ 🙂");
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("abcdef", 6), "abcdef");
        assert_eq!(clip("abcdefg", 6), "abcde…");
        assert_eq!(clip("ééééééé", 3), "éé…");
        assert_eq!(clip("x", 0), "…");
    }
}
