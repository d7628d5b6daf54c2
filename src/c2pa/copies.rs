//! What the `c2pa` section of a report copies from a file is bounded: each string at
//! [`MAX_COPIED`] bytes as JSON writes it (a control character takes six), and the statuses, and
//! the manifest summaries, each at [`MAX_COPIED_TOTAL`] such bytes per input. A string that is
//! cut says so: its head, then `… (N bytes more)`. Manifest labels are cut at [`MAX_COPIED`]
//! only, never by what is left, so that a label is spelled the same wherever it is named
//! (statuses, summaries and ingredients find one another by it); so are the few strings a
//! manifest has one of (its claim's title and generator, a thumbnail's media type, assertion
//! URIs), cut as they are read, so that the long ones are never held whole. The names a
//! certificate gives (a signer's, its chain's, a CAWG identity's) and what an identity credential
//! states are copies too: cut with the summaries' allowance, and an identity's before its
//! explanation quotes them (the report types' `keep_copies`).

/// Most bytes of JSON one copied string takes (a real title, generator, label or URL takes
/// well under a hundred).
pub const MAX_COPIED: usize = 1 << 10;

/// Most bytes of JSON the strings of the statuses, and those of the manifest summaries, take
/// per input; past it every copied string is only its `… (N bytes more)`.
pub const MAX_COPIED_TOTAL: usize = 1 << 20;

/// What one part of a report may still copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copies {
    left: usize,
}

impl Default for Copies {
    fn default() -> Self {
        Copies {
            left: MAX_COPIED_TOTAL,
        }
    }
}

impl Copies {
    /// Cut `s` to what is left (at most [`MAX_COPIED`]) and pay for it.
    pub fn keep(&mut self, s: &mut String) {
        let n = cut(s, MAX_COPIED.min(self.left));
        self.left = self.left.saturating_sub(n);
    }

    /// [`Copies::keep`] for a string that may be absent.
    pub fn keep_opt(&mut self, s: &mut Option<String>) {
        if let Some(s) = s {
            self.keep(s);
        }
    }
}

/// A manifest label as the report spells it: cut at [`MAX_COPIED`], whatever is left.
pub fn label(s: &str) -> String {
    let mut s = s.to_owned();
    cut(&mut s, MAX_COPIED);
    s
}

/// Cut `s` at `max` bytes of JSON ([`crate::bytes::cut_json`]); the JSON bytes kept.
fn cut(s: &mut String, max: usize) -> usize {
    crate::bytes::cut_json(s, max).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_json_bytes_and_says_so() {
        // 2,000 control characters take 12,000 bytes of JSON: 170 of them fit in 1,024.
        let mut c = Copies::default();
        let mut s = "\u{1}".repeat(2000);
        c.keep(&mut s);
        assert_eq!(s, format!("{}… (1830 bytes more)", "\u{1}".repeat(170)));
        assert_eq!(c.left, MAX_COPIED_TOTAL - 1020);
        // A string that fits is kept whole; a cut never splits a character.
        let mut short = "é".repeat(10);
        c.keep(&mut short);
        assert_eq!(short, "é".repeat(10));
        assert_eq!(
            label(&"é".repeat(600)),
            format!("{}… (176 bytes more)", "é".repeat(512))
        );
        // Once the total is spent, each string is only what was cut.
        let mut c = Copies { left: 3 };
        let mut s = "abcdef".to_owned();
        c.keep(&mut s);
        assert_eq!(s, "abc… (3 bytes more)");
        let mut s = "xyz".to_owned();
        c.keep(&mut s);
        assert_eq!(s, "… (3 bytes more)");
        // Labels are cut the same way wherever they are, whatever is left.
        assert_eq!(label("urn:c2pa:1"), "urn:c2pa:1");
    }
}
