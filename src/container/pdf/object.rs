//! The PDF object syntax the walker needs (ISO 32000-2 §7.2-§7.3): dictionaries, arrays, names,
//! integers, indirect references, and strings skipped over. Other values are kept as
//! [`Obj::Other`]. Every parse is bounded by a nesting depth; a value that does not parse is
//! `None`, never a panic. A parser given the dictionary keys its reader looks up
//! ([`Parser::keeping`]) skips the values under other keys without building them, and one that
//! reads in place ([`Parser::in_place`]) leaves arrays in the input to be read item by item, so
//! a value costs memory for what is looked up in it, not for its size.

use std::ops::Range;

/// A parsed PDF value, borrowing names from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obj<'a> {
    /// `<< /Key value ... >>`.
    Dict(Vec<(&'a [u8], Obj<'a>)>),
    /// `[ ... ]`.
    Array(Vec<Obj<'a>>),
    /// `[ ... ]` read in place: the offset of its `[` in the parsed bytes ([`Parser::item`]
    /// reads its items).
    ArrayAt(usize),
    /// `/Name`, without the slash (`#xx` escapes are left as written).
    Name(&'a [u8]),
    /// An integer.
    Int(i64),
    /// `num gen R`.
    Ref(u32),
    /// A string, real, boolean or null.
    Other,
}

impl<'a> Obj<'a> {
    /// The value under `key` in a dictionary.
    pub fn get(&self, key: &[u8]) -> Option<&Obj<'a>> {
        match self {
            Obj::Dict(entries) => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The name, if this is one.
    pub fn name(&self) -> Option<&'a [u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// PDF white-space characters (§7.2.3, Table 1).
pub fn is_space(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// PDF delimiters (§7.2.3, Table 2).
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A cursor over the input.
pub struct Parser<'a> {
    bytes: &'a [u8],
    /// The next byte to read.
    pub pos: usize,
    max_depth: u32,
    /// The dictionary keys kept (`None`: all).
    keys: Option<&'static [&'static [u8]]>,
    /// Arrays are left in place and dictionaries built two levels deep ([`Parser::in_place`]).
    in_place: bool,
    /// No `endstream` keyword ends past this offset ([`Parser::until`]).
    stream_end: usize,
}

impl<'a> Parser<'a> {
    /// A parser at `pos`, nesting at most `max_depth` deep.
    pub fn new(bytes: &'a [u8], pos: usize, max_depth: u32) -> Self {
        Self {
            bytes,
            pos,
            max_depth,
            keys: None,
            in_place: false,
            stream_end: bytes.len(),
        }
    }

    /// Tell the parser where the last `endstream` keyword of its bytes ends ([`last_endstream`]),
    /// so that a stream with no `endstream` after it fails at once instead of searching the
    /// rest of the file: otherwise every such stream would search to the end, quadratic time.
    pub fn until(self, stream_end: usize) -> Self {
        Self { stream_end, ..self }
    }

    /// Keep only the first dictionary entry under each of `keys` (the one [`Obj::get`] finds),
    /// at every depth. The values under other keys are read the same way (a value that does not
    /// parse still fails the whole value) and dropped: they are [`Obj::Other`] while they are
    /// read, whatever they hold.
    pub fn keeping(self, keys: &'static [&'static [u8]]) -> Self {
        Self {
            keys: Some(keys),
            ..self
        }
    }

    /// Leave arrays in the input ([`Obj::ArrayAt`]) and build dictionaries two levels deep (a
    /// dictionary and the dictionaries in it); deeper dictionaries are read and dropped. With
    /// [`Parser::keeping`], a value then holds at most a few entries whatever its size.
    pub fn in_place(self) -> Self {
        Self {
            in_place: true,
            ..self
        }
    }

    /// Is the entry under `key` kept in a dictionary that holds `entries`?
    fn kept(&self, key: &[u8], entries: &[(&[u8], Obj<'_>)]) -> bool {
        self.keys
            .is_none_or(|keys| keys.contains(&key) && !entries.iter().any(|(k, _)| *k == key))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skip white space and comments.
    pub fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos = self.pos.saturating_add(1);
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos = self.pos.saturating_add(1);
                }
            } else {
                break;
            }
        }
    }

    /// A regular-character token (a keyword or number), without consuming trailing space.
    fn token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if is_space(b) || is_delimiter(b) {
                break;
            }
            self.pos = self.pos.saturating_add(1);
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    /// True (and consumed) if the next token is `keyword`.
    pub fn keyword(&mut self, keyword: &[u8]) -> bool {
        self.skip_space();
        let save = self.pos;
        if self.token() == keyword {
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// Parse one value.
    pub fn value(&mut self) -> Option<Obj<'a>> {
        self.value_at(0, true)
    }

    /// One value at nesting `depth`; when not `keep`, read but not built ([`Obj::Other`]).
    fn value_at(&mut self, depth: u32, keep: bool) -> Option<Obj<'a>> {
        if depth > self.max_depth {
            return None;
        }
        self.skip_space();
        let next = self.bytes.get(self.pos.saturating_add(1)).copied();
        match self.peek()? {
            b'<' if next == Some(b'<') => {
                self.pos = self.pos.saturating_add(2);
                let keep = keep && !(self.in_place && depth > 1);
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek()? {
                        b'>' => {
                            self.pos = self.pos.saturating_add(2);
                            return Some(if keep { Obj::Dict(entries) } else { Obj::Other });
                        }
                        b'/' => {
                            let key = self.name()?;
                            let kept = keep && self.kept(key, &entries);
                            let value = self.value_at(depth.saturating_add(1), kept)?;
                            if kept {
                                entries.try_reserve(1).ok()?;
                                entries.push((key, value));
                            }
                        }
                        _ => return None,
                    }
                }
            }
            b'<' => {
                let end = self
                    .bytes
                    .get(self.pos..)?
                    .iter()
                    .position(|&b| b == b'>')?;
                self.pos = self.pos.saturating_add(end).saturating_add(1);
                Some(Obj::Other)
            }
            b'[' => {
                let at = self.pos;
                self.pos = self.pos.saturating_add(1);
                let build = keep && !self.in_place;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.peek()? == b']' {
                        self.pos = self.pos.saturating_add(1);
                        return Some(match (build, keep) {
                            (true, _) => Obj::Array(items),
                            (false, true) => Obj::ArrayAt(at),
                            (false, false) => Obj::Other,
                        });
                    }
                    let item = self.value_at(depth.saturating_add(1), build)?;
                    if build {
                        items.try_reserve(1).ok()?;
                        items.push(item);
                    }
                }
            }
            b'/' => self.name().map(Obj::Name),
            b'(' => {
                self.string()?;
                Some(Obj::Other)
            }
            _ => {
                let tok = self.token();
                if tok.is_empty() {
                    return None;
                }
                let Some(n) = std::str::from_utf8(tok)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                else {
                    return Some(Obj::Other);
                };
                // `num gen R` is a reference.
                let save = self.pos;
                self.skip_space();
                let gen = self.token();
                if !gen.is_empty() && gen.iter().all(u8::is_ascii_digit) && self.keyword(b"R") {
                    if let Ok(num) = u32::try_from(n) {
                        return Some(Obj::Ref(num));
                    }
                }
                self.pos = save;
                Some(Obj::Int(n))
            }
        }
    }

    /// The next item of an array whose `[` was read (a parser at [`Obj::ArrayAt`] + 1), or
    /// `None` after its `]`.
    pub fn item(&mut self) -> Option<Obj<'a>> {
        self.skip_space();
        if self.peek()? == b']' {
            return None;
        }
        self.value()
    }

    fn name(&mut self) -> Option<&'a [u8]> {
        self.pos = self.pos.saturating_add(1);
        Some(self.token())
    }

    /// Skip a literal string with balanced parentheses and backslash escapes (§7.3.4.2).
    fn string(&mut self) -> Option<()> {
        let mut depth = 0u32;
        while let Some(b) = self.peek() {
            self.pos = self.pos.saturating_add(1);
            match b {
                b'\\' => self.pos = self.pos.saturating_add(1),
                b'(' => depth = depth.saturating_add(1),
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(());
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// After a stream dictionary: the `stream` keyword, its end-of-line, and the content range
    /// (§7.3.8.1). The length is `/Length` when it is direct and `endstream` follows it;
    /// otherwise the content runs to the next `endstream`.
    pub fn stream(&mut self, dict: &Obj<'a>) -> Option<Range<usize>> {
        self.stream_of(match dict.get(b"Length") {
            Some(Obj::Int(n)) => usize::try_from(*n).ok(),
            _ => None,
        })
    }

    /// [`Parser::stream`] with the `/Length` already read (an indirect one resolved).
    pub fn stream_of(&mut self, declared: Option<usize>) -> Option<Range<usize>> {
        if !self.keyword(b"stream") {
            return None;
        }
        match (self.peek(), self.bytes.get(self.pos.saturating_add(1))) {
            (Some(b'\r'), Some(b'\n')) => self.pos = self.pos.saturating_add(2),
            (Some(b'\n' | b'\r'), _) => self.pos = self.pos.saturating_add(1),
            _ => {}
        }
        let start = self.pos;
        let end = declared
            .and_then(|n| start.checked_add(n))
            .filter(|&end| {
                let mut p = Parser::new(self.bytes, end, 0);
                end <= self.bytes.len() && p.keyword(b"endstream")
            })
            .or_else(|| {
                let rest = self.bytes.get(start..self.stream_end)?;
                let at = rest.windows(9).position(|w| w == b"endstream")?;
                // The end-of-line before `endstream` is not content.
                let mut end = start.saturating_add(at);
                for eol in [b'\n', b'\r'] {
                    if end > start && self.bytes.get(end.saturating_sub(1)) == Some(&eol) {
                        end = end.saturating_sub(1);
                    }
                }
                Some(end)
            })?;
        self.pos = end;
        Some(start..end)
    }
}

/// The end of the last `endstream` keyword in `bytes` (0 when there is none), for
/// [`Parser::until`]: one backward search for the whole file.
pub fn last_endstream(bytes: &[u8]) -> usize {
    bytes
        .windows(9)
        .rposition(|w| w == b"endstream")
        .map_or(0, |at| at.saturating_add(9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dicts_arrays_refs() {
        let src = b"<</AF[4 0 R]/Type/Catalog/N 12/S(a (nested) \\) string)/H<ab12>/F 1.5>>";
        let v = Parser::new(src, 0, 8).value().unwrap();
        assert_eq!(v.get(b"AF"), Some(&Obj::Array(vec![Obj::Ref(4)])));
        assert_eq!(v.get(b"Type").and_then(Obj::name), Some(&b"Catalog"[..]));
        assert_eq!(v.get(b"N"), Some(&Obj::Int(12)));
        assert_eq!(v.get(b"F"), Some(&Obj::Other));
        assert!(Parser::new(b"<</A [[[[1]]]]>>", 0, 2).value().is_none());
        assert!(Parser::new(b"<</A (open", 0, 8).value().is_none());
    }

    #[test]
    fn keeping_skips_other_keys_the_same_way() {
        const KEYS: &[&[u8]] = &[b"AF", b"F"];
        let src = b"<</X<</AF 1/Y[[2 0 R]]>>/AF[<</F 3 0 R/G 4>>5]/F/N>> rest";
        let mut all = Parser::new(src, 0, 8);
        let mut some = Parser::new(src, 0, 8).keeping(KEYS);
        let (all_v, some_v) = (all.value().unwrap(), some.value().unwrap());
        assert_eq!(all.pos, some.pos);
        assert_eq!(all_v.get(b"X").map(|_| ()), Some(()));
        let af = Obj::Array(vec![Obj::Dict(vec![(&b"F"[..], Obj::Ref(3))]), Obj::Int(5)]);
        assert_eq!(
            some_v,
            Obj::Dict(vec![(&b"AF"[..], af), (&b"F"[..], Obj::Name(b"N"))])
        );
        // The first of two entries under one key is kept, as `get` finds it.
        let v = Parser::new(b"<</F 1/AF 2/F 3>>", 0, 8)
            .keeping(KEYS)
            .value();
        assert_eq!(
            v,
            Some(Obj::Dict(vec![
                (&b"F"[..], Obj::Int(1)),
                (&b"AF"[..], Obj::Int(2))
            ]))
        );
        // A skipped value that does not parse fails the whole value, as when it is kept; a
        // skipped value is still bounded by the depth.
        assert!(Parser::new(b"<</X (open", 0, 8)
            .keeping(KEYS)
            .value()
            .is_none());
        assert!(Parser::new(b"<</X [[[[1]]]]>>", 0, 2)
            .keeping(KEYS)
            .value()
            .is_none());
    }

    #[test]
    fn in_place_leaves_arrays_and_deep_dicts() {
        const KEYS: &[&[u8]] = &[b"AF", b"EF", b"F"];
        let src = b"<</AF [ 1 0 R <</EF<</F 2 0 R>>>> ] /EF<</F 3 0 R/AF<</F 4>>>>>>";
        let mut p = Parser::new(src, 0, 8).keeping(KEYS).in_place();
        let v = p.value().unwrap();
        assert_eq!(p.pos, src.len());
        let ef = Obj::Dict(vec![(&b"F"[..], Obj::Ref(3)), (&b"AF"[..], Obj::Other)]);
        assert_eq!(
            v,
            Obj::Dict(vec![(&b"AF"[..], Obj::ArrayAt(6)), (&b"EF"[..], ef)])
        );
        let mut items = Parser::new(src, 7, 8).keeping(KEYS).in_place();
        assert_eq!(items.item(), Some(Obj::Ref(1)));
        let spec = items.item().unwrap();
        let f = spec.get(b"EF").and_then(|ef| ef.get(b"F"));
        assert_eq!(f, Some(&Obj::Ref(2)));
        assert_eq!(items.item(), None);
        // A value that does not parse is still refused as a whole.
        let mut p = Parser::new(b"<</AF [1 (open]>>", 0, 8)
            .keeping(KEYS)
            .in_place();
        assert_eq!(p.value(), None);
    }

    #[test]
    fn finds_stream_content() {
        let src = b"<</Length 3>>stream\r\nabc\nendstream";
        let mut p = Parser::new(src, 0, 8);
        let d = p.value().unwrap();
        assert_eq!(p.stream(&d), Some(21..24));
        // A wrong length falls back to the `endstream` search.
        let src = b"<</Length 9>>stream\nabc\nendstream";
        let mut p = Parser::new(src, 0, 8);
        let d = p.value().unwrap();
        assert_eq!(p.stream(&d), Some(20..23));
    }

    #[test]
    fn a_stream_searches_no_further_than_the_last_endstream() {
        let src = b"<<>>stream\nabc\nendstream <<>>stream\nno end here";
        let last = last_endstream(src);
        assert_eq!(
            src.get(last.saturating_sub(9)..last),
            Some(&b"endstream"[..])
        );
        assert_eq!(last_endstream(b"no keyword"), 0);
        // The first stream still ends at its `endstream`.
        let mut p = Parser::new(src, 0, 8).until(last);
        let d = p.value().unwrap();
        assert_eq!(p.stream(&d), Some(11..14));
        // The second has none after it: refused, whether or not the parser knows where to stop.
        let second = 25;
        let mut p = Parser::new(src, second, 8).until(last);
        let d = p.value().unwrap();
        assert_eq!(p.stream(&d), None);
        let mut p = Parser::new(src, second, 8);
        let d = p.value().unwrap();
        assert_eq!(p.stream(&d), None);
    }
}
