//! Word-level normalisation for the disclosure matcher: case folding, accent folding, and a
//! tokenizer that splits on apostrophes and in-word hyphens and marks clause boundaries.
//!
//! Every token keeps the byte range of its source text, so a match can be reported where it was
//! found. The tokenizer is one linear pass with no backtracking.

/// One word of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised word (lowercase, accents folded); hashtags keep their leading `#`.
    pub text: String,
    /// Byte offset of the word's first character in the source.
    pub start: usize,
    /// Byte offset just past the word in the source.
    pub end: usize,
    /// A line, a sentence or a clause (`:`, `;`, `(`, a dash, a bullet...) starts before it.
    pub starts_clause: bool,
    /// The boundary right after this word, if one follows before the next word: `'\n'` for a line
    /// end or the end of the text, otherwise the punctuation (`.`, `!`, `?`, `:`, `)`, ...).
    pub end_mark: Option<char>,
    /// The word starts with an uppercase letter in the source.
    pub upper_initial: bool,
}

/// Append the case- and accent-folded form of `c` to `out`.
///
/// Folding covers the letters of the 24 EU languages: Latin with diacritics to the base letter
/// (`ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ø`→`o`, `ł`→`l`, `đ`→`d`, `ħ`→`h`), Greek tonos/dialytika
/// and final sigma, and Cyrillic `ё`/`ѝ`. Combining marks (U+0300–U+036F) are dropped, so
/// decomposed input folds like composed input.
pub fn fold_char(c: char, out: &mut String) {
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return;
    }
    for l in c.to_lowercase() {
        let folded: &str = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            'ά' => "α",
            'έ' => "ε",
            'ή' => "η",
            'ί' | 'ϊ' | 'ΐ' => "ι",
            'ό' => "ο",
            'ύ' | 'ϋ' | 'ΰ' => "υ",
            'ώ' => "ω",
            'ς' => "σ",
            'ё' => "е",
            'ѝ' => "и",
            _ => {
                out.push(l);
                continue;
            }
        };
        out.push_str(folded);
    }
}

/// Normalise a phrase into its words (for the phrase table and for tests).
pub fn words(phrase: &str) -> Vec<String> {
    tokenize(phrase, usize::MAX)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

fn is_inword_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '「' | '」' | '\'' | '‘' | '’'
    )
}

/// Split `text` into at most `max_tokens` normalised words with their clause boundaries.
pub fn tokenize(text: &str, max_tokens: usize) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut cur: Option<Token> = None;
    let mut pending_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || (('\u{300}'..='\u{36f}').contains(&c) && cur.is_some()) {
            let t = cur.get_or_insert_with(|| {
                let t = Token {
                    text: String::new(),
                    start: i,
                    end: i,
                    starts_clause: pending_start,
                    end_mark: None,
                    upper_initial: c.is_uppercase(),
                };
                pending_start = false;
                t
            });
            fold_char(c, &mut t.text);
            t.end = i.saturating_add(c.len_utf8());
            continue;
        }
        if c == '#' && cur.is_none() && next_alnum {
            cur = Some(Token {
                text: "#".to_owned(),
                start: i,
                end: i.saturating_add(1),
                starts_clause: pending_start,
                end_mark: None,
                upper_initial: false,
            });
            pending_start = false;
            continue;
        }
        if matches!(c, '.' | ',')
            && next.is_some_and(|n| n.is_ascii_digit())
            && cur
                .as_ref()
                .is_some_and(|t| t.text.ends_with(|x: char| x.is_ascii_digit()))
        {
            if let Some(t) = cur.as_mut() {
                t.text.push('.');
                t.end = i.saturating_add(1);
            }
            continue;
        }
        let in_word = cur.is_some();
        if let Some(t) = cur.take() {
            if tokens.len() >= max_tokens {
                break;
            }
            tokens.push(t);
        }
        if (is_apostrophe(c) || is_inword_hyphen(c)) && in_word && next_alnum {
            // "l'IA", "KI-generiert": two words, no boundary.
            continue;
        }
        let end_space = next.is_none_or(|n| n.is_whitespace() || is_quote(n) || n == ')');
        let boundary = match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '.' | '!' | '?' | '…' if end_space => Some(c),
            ':' | ';' if end_space => Some(c),
            '(' | ')' | '[' | ']' | '{' | '}' | '|' | '•' | '·' | '*' | '>' | '<' | '—' | '–'
            | '―' | '~' | '=' | '-' | '‐' | '‑' => Some(c),
            _ if !c.is_alphanumeric() && u32::from(c) >= 0x2190 && !is_quote(c) => Some(c),
            _ => None,
        };
        if let Some(b) = boundary {
            pending_start = true;
            if let Some(last) = tokens.last_mut() {
                if last.end_mark.is_none() {
                    last.end_mark = Some(b);
                }
            }
        }
    }
    if let Some(t) = cur.take() {
        if tokens.len() < max_tokens {
            tokens.push(t);
        }
    }
    if let Some(last) = tokens.last_mut() {
        if last.end_mark.is_none() {
            last.end_mark = Some('\n');
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_splits_words() {
        assert_eq!(words("Généré par l'IA"), ["genere", "par", "l", "ia"]);
        assert_eq!(words("KI-generiert"), ["ki", "generiert"]);
        assert_eq!(words("Künstliche Straße"), ["kunstliche", "strasse"]);
        assert_eq!(words("ΤΕΧΝΗΤΉ ΝΟΗΜΟΣΎΝΗΣ"), ["τεχνητη", "νοημοσυνησ"]);
        assert_eq!(
            words("GPT-3.5 #AIgenerated"),
            ["gpt", "3.5", "#aigenerated"]
        );
        // Decomposed e + U+0301 folds like the composed letter.
        assert_eq!(words("ge\u{301}ne\u{301}re\u{301}"), ["genere"]);
    }

    #[test]
    fn marks_clause_boundaries() {
        let t = tokenize("Hello world. Generated with AI\nnext: one", 100);
        let starts: Vec<bool> = t.iter().map(|t| t.starts_clause).collect();
        assert_eq!(starts, [true, false, true, false, false, true, true]);
        assert_eq!(t[1].end_mark, Some('.'));
        assert_eq!(t[4].end_mark, Some('\n'));
        assert_eq!(t[5].end_mark, Some(':'));
        assert_eq!(
            &"Hello world. Generated with AI\nnext: one"[t[2].start..t[2].end],
            "Generated"
        );
    }
}
