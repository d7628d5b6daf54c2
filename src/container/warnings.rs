//! A bounded list of warnings: a hostile file can have a problem in each of its 100,000 blocks
//! (a bad CRC, a missing trailer), and each warning costs memory in the walk and a line in the
//! report. The first [`Limits::max_warnings`] are kept; the rest are counted and summed up in
//! one line.

use crate::limits::{self, Limits};
use std::ops::Deref;

/// Warnings in the order met, at most [`Limits::max_warnings`] of them, and how many more were
/// met. Reads as a slice of strings; `push` and `extend` drop what is past the bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warnings {
    kept: Vec<String>,
    dropped: u64,
    /// How many of the warnings (kept or not) say that label data went unread because it was
    /// over a limit ([`Warnings::push_unread`]).
    unread: u64,
    /// How many `push` keeps.
    cap: usize,
}

impl Default for Warnings {
    /// An empty list with the default bound ([`Limits::default`]).
    fn default() -> Self {
        Self::new(&Limits::default())
    }
}

impl Warnings {
    /// An empty list keeping at most `limits.max_warnings`.
    pub fn new(limits: &Limits) -> Self {
        Self {
            kept: Vec::new(),
            dropped: 0,
            unread: 0,
            cap: limits::count(limits.max_warnings),
        }
    }

    /// Add a warning, or count it when the list is full.
    pub fn push(&mut self, warning: String) {
        if self.kept.len() < self.cap {
            self.kept.push(warning);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// Add a warning saying that label data was over a limit and not read (an XMP packet, a
    /// JSON-LD script): counted, so that a report finding no label can say that one may have
    /// been missed.
    pub fn push_unread(&mut self, warning: String) {
        self.unread = self.unread.saturating_add(1);
        self.push(warning);
    }

    /// Count `n` more unread sources whose warnings came another way (the text part's reply).
    pub fn add_unread(&mut self, n: u64) {
        self.unread = self.unread.saturating_add(n);
    }

    /// How many warnings said that label data was not read ([`Warnings::push_unread`]).
    pub fn unread(&self) -> u64 {
        self.unread
    }

    /// Add a warning that sums up others (how many entries were skipped, say): kept even when
    /// the list is full.
    pub fn push_summary(&mut self, warning: String) {
        self.kept.push(warning);
    }

    /// Add each warning of `more`.
    pub fn extend(&mut self, more: impl IntoIterator<Item = String>) {
        for w in more {
            self.push(w);
        }
    }

    /// The warnings kept, and one more line saying how many were left out, if any.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        let more = (self.dropped > 0).then(|| {
            format!(
                "{} more warnings like these were not listed (the first {} are; max_warnings)",
                self.dropped, self.cap
            )
        });
        self.kept.iter().cloned().chain(more)
    }
}

impl Deref for Warnings {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.kept
    }
}

impl<'a> IntoIterator for &'a Warnings {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_and_counts_the_rest() {
        let max = limits::count(Limits::default().max_warnings);
        let mut w = Warnings::default();
        w.extend((0..250).map(|i| format!("w{i}")));
        assert_eq!(w.len(), max);
        assert_eq!(w.first().map(String::as_str), Some("w0"));
        let lines: Vec<String> = w.lines().collect();
        assert_eq!(lines.len(), max + 1);
        let more = 250 - max;
        assert!(lines
            .last()
            .is_some_and(|l| l.starts_with(&format!("{more} more warnings"))));
    }

    #[test]
    fn unread_sources_are_counted_past_the_bound() {
        let limits = Limits {
            max_warnings: 2,
            ..Limits::default()
        };
        let mut w = Warnings::new(&limits);
        w.push("malformed".to_owned());
        assert_eq!(w.unread(), 0);
        for i in 0..3 {
            w.push_unread(format!("over a limit {i}"));
        }
        w.add_unread(4);
        assert_eq!(w.unread(), 7, "counted even when the list is full");
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn a_lower_bound_is_honoured() {
        let limits = Limits {
            max_warnings: 3,
            ..Limits::default()
        };
        let mut w = Warnings::new(&limits);
        w.extend((0..10).map(|i| format!("w{i}")));
        w.push_summary("summary".to_owned());
        let lines: Vec<String> = w.lines().collect();
        assert_eq!(
            lines,
            [
                "w0",
                "w1",
                "w2",
                "summary",
                "7 more warnings like these were not listed (the first 3 are; max_warnings)"
            ]
        );
    }
}
