//! Python `json.dumps` output, reproduced byte-exactly from JSON text (FORMATS.md §4, NovelAI
//! signature): default separators `", "` and `": "`, `ensure_ascii=True`, keys in their original
//! order (a duplicate key keeps its first position and its last value, as a Python dict does),
//! floats as Python's `repr`.
//!
//! NovelAI signs `json.dumps(comment)` after popping `signed_hash`, so the verifier must rebuild
//! exactly those bytes from the stored text.

/// Re-serialise the JSON object `text` as Python `json.dumps` would after `obj.pop(drop)`.
/// Returns the serialisation and the dropped member's value when it was a string. `None` when
/// `text` is not a JSON object or nests deeper than `max_depth`.
pub fn dumps_without(text: &str, drop: &str, max_depth: u32) -> Option<(String, Option<String>)> {
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
        max_depth,
    };
    p.ws();
    let members = p.object_members(0)?;
    p.ws();
    if p.pos != p.s.len() {
        return None;
    }
    let mut dropped = None;
    let mut out = String::from("{");
    let mut first = true;
    for (k, v) in members {
        if k == drop {
            dropped = match v {
                Value::Str(s) => Some(s),
                Value::Raw(_) => None,
            };
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_str(&mut out, &k);
        out.push_str(": ");
        v.write(&mut out);
    }
    out.push('}');
    Some((out, dropped))
}

/// A value: a string (kept decoded, for the caller) or already-serialised text.
enum Value {
    Str(String),
    Raw(String),
}

impl Value {
    fn write(&self, out: &mut String) {
        match self {
            Value::Str(s) => write_str(out, s),
            Value::Raw(r) => out.push_str(r),
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    max_depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos = self.pos.checked_add(1)?;
        Some(c)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos = self.pos.saturating_add(1);
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.bump()? == c).then_some(())
    }

    fn object_members(&mut self, depth: u32) -> Option<Vec<(String, Value)>> {
        if depth > self.max_depth {
            return None;
        }
        self.eat(b'{')?;
        let mut members: Vec<(String, Value)> = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos = self.pos.checked_add(1)?;
            return Some(members);
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let value = self.value(depth)?;
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => members.push((key, value)),
            }
            self.ws();
            match self.bump()? {
                b',' => continue,
                b'}' => return Some(members),
                _ => return None,
            }
        }
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        let next = depth.checked_add(1)?;
        match self.peek()? {
            b'"' => Some(Value::Str(self.string()?)),
            b'{' => {
                let members = self.object_members(next)?;
                let mut out = String::from("{");
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_str(&mut out, k);
                    out.push_str(": ");
                    v.write(&mut out);
                }
                out.push('}');
                Some(Value::Raw(out))
            }
            b'[' => {
                if next > self.max_depth {
                    return None;
                }
                self.pos = self.pos.checked_add(1)?;
                let mut out = String::from("[");
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos = self.pos.checked_add(1)?;
                } else {
                    loop {
                        self.ws();
                        self.value(next)?.write(&mut out);
                        self.ws();
                        match self.bump()? {
                            b',' => out.push_str(", "),
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                out.push(']');
                Some(Value::Raw(out))
            }
            _ => self.literal().map(Value::Raw),
        }
    }

    /// `true`, `false`, `null`, `NaN`, `Infinity`, `-Infinity` or a number, as Python prints it.
    fn literal(&mut self) -> Option<String> {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || b"+-.".contains(&c)) {
            self.pos = self.pos.checked_add(1)?;
        }
        let tok = std::str::from_utf8(self.s.get(start..self.pos)?).ok()?;
        match tok {
            "true" | "false" | "null" | "NaN" | "Infinity" | "-Infinity" => Some(tok.to_owned()),
            _ if tok.contains(['.', 'e', 'E']) => py_float(super::decimal::parse_f64(tok)?),
            _ => {
                let digits = tok.strip_prefix('-').unwrap_or(tok);
                if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                if digits.bytes().all(|c| c == b'0') {
                    Some("0".to_owned())
                } else {
                    Some(tok.to_owned())
                }
            }
        }
    }

    /// A JSON string, decoded. Lone surrogates (which Python keeps) become U+FFFD here, so a
    /// signature over them will not verify: a documented limitation.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        let mut pending: Option<u16> = None;
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\') {
                self.pos = self.pos.checked_add(1)?;
            }
            let run = self.s.get(start..self.pos)?;
            if !run.is_empty() {
                flush(&mut out, &mut pending);
                out.push_str(std::str::from_utf8(run).ok()?);
            }
            match self.bump()? {
                b'"' => {
                    flush(&mut out, &mut pending);
                    return Some(out);
                }
                _ => {
                    let esc = self.bump()?;
                    let simple = match esc {
                        b'"' => Some('"'),
                        b'\\' => Some('\\'),
                        b'/' => Some('/'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'n' => Some('\n'),
                        b'r' => Some('\r'),
                        b't' => Some('\t'),
                        b'u' => None,
                        _ => return None,
                    };
                    if let Some(c) = simple {
                        flush(&mut out, &mut pending);
                        out.push(c);
                        continue;
                    }
                    let hex = std::str::from_utf8(self.s.get(self.pos..self.pos.checked_add(4)?)?)
                        .ok()?;
                    let unit = u16::from_str_radix(hex, 16).ok()?;
                    self.pos = self.pos.checked_add(4)?;
                    match (pending.take(), unit) {
                        (Some(hi), 0xDC00..=0xDFFF) => {
                            let cp = 0x10000
                                + ((u32::from(hi) - 0xD800) << 10)
                                + (u32::from(unit) - 0xDC00);
                            out.push(char::from_u32(cp)?);
                        }
                        (prev, 0xD800..=0xDBFF) => {
                            if prev.is_some() {
                                out.push('\u{FFFD}');
                            }
                            pending = Some(unit);
                        }
                        (prev, _) => {
                            if prev.is_some() {
                                out.push('\u{FFFD}');
                            }
                            out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
                        }
                    }
                }
            }
        }
    }
}

fn flush(out: &mut String, pending: &mut Option<u16>) {
    if pending.take().is_some() {
        out.push('\u{FFFD}');
    }
}

/// A string as Python `json.dumps(..., ensure_ascii=True)` writes it.
fn write_str(out: &mut String, s: &str) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='\u{7e}' | '\u{7f}' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", u);
                }
            }
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest round-tripping digits, fixed notation for exponents in
/// −4..16 (with `.0` when integral), else `d.ddde±XX`.
fn py_float(f: f64) -> Option<String> {
    if f.is_nan() {
        return Some("NaN".to_owned());
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned());
    }
    let sci = format!("{f:e}"); // e.g. "-1.2345e-5", shortest round-trip digits
    let (mantissa, exp) = sci.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = i32::try_from(digits.len()).ok()?;
    let body = if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp.checked_add(1)?;
            if n <= int_len {
                let zeros = usize::try_from(int_len - n).ok()?;
                format!("{digits}{}.0", "0".repeat(zeros))
            } else {
                let cut = usize::try_from(int_len).ok()?;
                format!("{}.{}", digits.get(..cut)?, digits.get(cut..)?)
            }
        } else {
            let zeros = usize::try_from(-exp - 1).ok()?;
            format!("0.{}{digits}", "0".repeat(zeros))
        }
    } else {
        let (d1, rest) = digits.split_at_checked(1)?;
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{d1}{frac}e{esign}{:02}", exp.unsigned_abs())
    };
    Some(format!("{sign}{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_python_dumps() {
        // Expected strings are what CPython 3 json.dumps prints for the same dict.
        let (s, sig) = dumps_without(
            r#"{"prompt":"caf\u00e9 \ud83d\ude00","steps":28,"scale":5.0,"signed_hash":"QUJD","uc":"a\"b","n":null,"l":[1,2.5e-7,1e16,true],"o":{}}"#,
            "signed_hash",
            8,
        )
        .unwrap();
        assert_eq!(
            s,
            r#"{"prompt": "caf\u00e9 \ud83d\ude00", "steps": 28, "scale": 5.0, "uc": "a\"b", "n": null, "l": [1, 2.5e-07, 1e+16, true], "o": {}}"#
        );
        assert_eq!(sig.as_deref(), Some("QUJD"));
    }

    #[test]
    fn python_float_repr() {
        for (f, want) in [
            (0.1, "0.1"),
            (100000.0, "100000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (-3.5, "-3.5"),
            (123456789012345680.0, "1.2345678901234568e+17"),
        ] {
            assert_eq!(py_float(f).unwrap(), want);
        }
    }

    #[test]
    fn rejects_non_objects_and_deep_nesting() {
        assert!(dumps_without("[1]", "x", 8).is_none());
        assert!(dumps_without(r#"{"a":[[[[1]]]]}"#, "x", 2).is_none());
        assert!(dumps_without(r#"{"a":1"#, "x", 8).is_none());
    }
}
