//! Sentence boundaries, by the core rules of Unicode UAX #29 (SB4–SB11) written out by hand: it
//! is several times faster than the table-driven segmenters and adds no tables to the wasm
//! (measured in BENCHMARKS.md, "Text-disclosure grammar").
//!
//! A sentence ends after a paragraph separator (SB4), or after a terminator (`.`, `!`, `?`,
//! `。`, `！`, `？`, `؟`, `।`, ...) with any closing quotes or brackets and spaces that follow
//! (SB9–SB11), unless a full stop is followed directly by a letter or digit ("3.5",
//! "poster.ai", "U.S.", SB6–SB7), the next word starts in lower case ("e.g. this", SB8), or a
//! comma, colon or semicolon follows (SB8a).

/// Full stops (UAX #29 ATerm).
fn is_aterm(c: char) -> bool {
    matches!(c, '.' | '．' | '｡' | '․')
}

/// Other sentence terminators (UAX #29 STerm).
fn is_sterm(c: char) -> bool {
    matches!(
        c,
        '!' | '?'
            | '。'
            | '！'
            | '？'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '…'
            | '︒'
    )
}

/// Closing punctuation and quotes (UAX #29 Close).
fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '«'
            | '“'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '）'
            | '］'
    )
}

fn is_para(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The sentences of `text`, with their byte offsets; together they cover the whole text.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, at: 0 }
}

/// Iterator of [`sentences`].
pub struct Sentences<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.at..)?;
        if rest.is_empty() {
            return None;
        }
        let end = sentence_end(rest);
        let start = self.at;
        self.at = start.saturating_add(end.max(1));
        while self.at < self.text.len() && !self.text.is_char_boundary(self.at) {
            self.at = self.at.saturating_add(1);
        }
        self.text.get(start..self.at).map(|s| (start, s))
    }
}

/// Byte length of the first sentence of `s`.
fn sentence_end(s: &str) -> usize {
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        // The ASCII characters that can end a sentence; every other one goes on at once (a
        // long run of them, such as the spaces where an SVG's manifest store was, is common).
        if c.is_ascii() && !matches!(c, '.' | '!' | '?' | '\n' | '\r') {
            continue;
        }
        if is_para(c) {
            let mut end = i.saturating_add(c.len_utf8());
            if c == '\r' && it.peek().map(|&(_, n)| n) == Some('\n') {
                end = end.saturating_add(1);
            }
            return end;
        }
        if !(is_aterm(c) || is_sterm(c)) {
            continue;
        }
        // "3.5", "poster.ai", "U.S.": a full stop inside a word.
        if is_aterm(c) && it.peek().is_some_and(|&(_, n)| n.is_alphanumeric()) {
            continue;
        }
        let mut end = i.saturating_add(c.len_utf8());
        // More terminators, closing marks, then spaces.
        while let Some(&(j, n)) = it.peek() {
            if is_aterm(n) || is_sterm(n) || is_close(n) {
                end = j.saturating_add(n.len_utf8());
                it.next();
            } else {
                break;
            }
        }
        while let Some(&(j, n)) = it.peek() {
            if n.is_whitespace() && !is_para(n) {
                end = j.saturating_add(n.len_utf8());
                it.next();
            } else {
                break;
            }
        }
        match it.peek().map(|&(_, n)| n) {
            None => return end,
            Some(',' | ';' | ':' | '，' | '；' | '：' | '、') => continue,
            Some(n) if is_aterm(c) && n.is_lowercase() => continue,
            Some(_) => return end,
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).map(|(_, x)| x).collect()
    }

    #[test]
    fn splits_like_uax29() {
        assert_eq!(
            split("One. Two! «Three?» Four\nFive"),
            ["One. ", "Two! ", "«Three?» ", "Four\n", "Five"]
        );
        assert_eq!(
            split("Version 3.5 of poster.ai, e.g. this."),
            ["Version 3.5 of poster.ai, e.g. this."]
        );
        assert_eq!(
            split("本文由AI生成。仅供参考。"),
            ["本文由AI生成。", "仅供参考。"]
        );
        // SB8: a full stop before a lower-case word ends no sentence.
        assert_eq!(split("Wait... what? Yes."), ["Wait... what? ", "Yes."]);
        assert_eq!(split("a\r\nb"), ["a\r\n", "b"]);
        let text = "Ünï. Çé? ok";
        let joined: String = split(text).concat();
        assert_eq!(joined, text);
    }
}
