//! The HTTP `AI-Disclosure` header (draft-abaris-aicdh-00/-01; FORMATS §6): an RFC 9651
//! structured-field Dictionary with keys `mode` (`none`, `ai-modified`, `ai-originated`,
//! `machine-generated`), `model`, `provider`, `reviewed-by` and `date`.
//!
//! The draft's own example, `mode=ai-originated; model="gpt-4"; provider="OpenAI"`, is one
//! dictionary member `mode` with parameters; a `,` between keys makes them members. Both forms
//! are accepted: members first, then the parameters of any member fill keys not yet set.

use crate::container::Location;
use crate::signal::{AiKind, Family, Signal, Sink, Strength};

/// Longest header value parsed.
pub const MAX_HEADER_BYTES: usize = 8192;

/// An RFC 9651 bare item.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `?1` / `?0`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A decimal.
    Decimal(f64),
    /// A string (escapes resolved), or a display string.
    String(String),
    /// A token.
    Token(String),
    /// A byte sequence (kept base64, undecoded).
    Bytes(String),
    /// A date, seconds since the epoch.
    Date(i64),
    /// An inner list (items only; their parameters are dropped).
    InnerList(Vec<Item>),
}

impl Item {
    /// The item as text, for reporting.
    pub fn text(&self) -> String {
        match self {
            Item::Bool(b) => if *b { "?1" } else { "?0" }.to_owned(),
            Item::Integer(i) => i.to_string(),
            Item::Decimal(d) => d.to_string(),
            Item::String(s) | Item::Token(s) => s.clone(),
            Item::Bytes(b) => format!(":{b}:"),
            Item::Date(d) => format!("@{d}"),
            Item::InnerList(l) => {
                let parts: Vec<String> = l.iter().map(Item::text).collect();
                format!("({})", parts.join(" "))
            }
        }
    }
}

/// A dictionary member: key, value and parameters.
pub type Member = (String, Item, Vec<(String, Item)>);

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn bump(&mut self) {
        self.i = self.i.saturating_add(1);
    }
    fn sp(&mut self) {
        while self.peek() == Some(b' ') {
            self.bump();
        }
    }
    fn ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.bump();
        }
    }
    fn err(&self, what: &str) -> String {
        let found = match self.peek() {
            Some(c) => crate::error::escape(&[c], 1),
            None => "the end".to_owned(),
        };
        format!(
            "expected {what} in the AI-Disclosure header, but found {found} at offset {}",
            self.i
        )
    }

    fn key(&mut self) -> Result<String, String> {
        let mut k = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_lowercase() || c == b'*' => {}
            _ => return Err(self.err("a key (lowercase letter or *)")),
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, b'_' | b'-' | b'.' | b'*')
            {
                k.push(char::from(c));
                self.bump();
            } else {
                break;
            }
        }
        Ok(k)
    }

    fn params(&mut self) -> Result<Vec<(String, Item)>, String> {
        let mut out = Vec::new();
        while self.peek() == Some(b';') {
            self.bump();
            self.sp();
            let k = self.key()?;
            let v = if self.peek() == Some(b'=') {
                self.bump();
                self.bare()?
            } else {
                Item::Bool(true)
            };
            if out.len() < 64 {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    fn item_or_list(&mut self) -> Result<Item, String> {
        if self.peek() != Some(b'(') {
            return self.bare();
        }
        self.bump();
        let mut items = Vec::new();
        loop {
            self.sp();
            if self.peek() == Some(b')') {
                self.bump();
                return Ok(Item::InnerList(items));
            }
            let it = self.bare()?;
            self.params()?;
            if items.len() < 64 {
                items.push(it);
            }
            match self.peek() {
                Some(b' ' | b')') => {}
                _ => return Err(self.err("a space or ) in an inner list")),
            }
        }
    }

    fn bare(&mut self) -> Result<Item, String> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self
                .number()
                .map(|(n, d)| d.map_or(Item::Integer(n), Item::Decimal)),
            Some(b'"') => self.string().map(Item::String),
            Some(b'%') => {
                self.bump();
                if self.peek() != Some(b'"') {
                    return Err(self.err("\" after % of a display string"));
                }
                self.string().map(|s| Item::String(percent_decode(&s)))
            }
            Some(b':') => {
                self.bump();
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='))
                {
                    self.bump();
                }
                let b = String::from_utf8_lossy(self.s.get(start..self.i).unwrap_or_default())
                    .into_owned();
                if self.peek() != Some(b':') {
                    return Err(self.err("the closing : of a byte sequence"));
                }
                self.bump();
                Ok(Item::Bytes(b))
            }
            Some(b'?') => {
                self.bump();
                let v = match self.peek() {
                    Some(b'1') => true,
                    Some(b'0') => false,
                    _ => return Err(self.err("0 or 1 after ? of a boolean")),
                };
                self.bump();
                Ok(Item::Bool(v))
            }
            Some(b'@') => {
                self.bump();
                match self.number()? {
                    (n, None) => Ok(Item::Date(n)),
                    _ => Err(self.err("an integer date")),
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'*' => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&c))
                {
                    self.bump();
                }
                Ok(Item::Token(
                    String::from_utf8_lossy(self.s.get(start..self.i).unwrap_or_default())
                        .into_owned(),
                ))
            }
            _ => Err(self.err("a value (token, string, number, date, boolean or byte sequence)")),
        }
    }

    fn number(&mut self) -> Result<(i64, Option<f64>), String> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        let mut digits = 0u32;
        let mut dot = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                digits = digits.saturating_add(1);
            } else if c == b'.' && !dot {
                dot = true;
            } else {
                break;
            }
            self.bump();
        }
        let text = std::str::from_utf8(self.s.get(start..self.i).unwrap_or_default()).unwrap_or("");
        if digits == 0 || digits > 15 || text.ends_with('.') {
            return Err(self.err("a number of 1 to 15 digits"));
        }
        if dot {
            text.parse::<f64>()
                .map(|d| (0, Some(d)))
                .map_err(|_| self.err("a decimal"))
        } else {
            text.parse::<i64>()
                .map(|n| (n, None))
                .map_err(|_| self.err("an integer"))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.bump();
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.err("the closing \" of a string")),
                Some(b'"') => {
                    self.bump();
                    return Ok(String::from_utf8_lossy(&out).into_owned());
                }
                Some(b'\\') => {
                    self.bump();
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => out.push(c),
                        _ => return Err(self.err("\\\" or \\\\ after a backslash in a string")),
                    }
                    self.bump();
                }
                Some(c) if (0x20..0x7f).contains(&c) => {
                    out.push(c);
                    self.bump();
                }
                Some(_) => return Err(self.err("a printable ASCII character in a string")),
            }
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let Some(v) = b
                .get(i.saturating_add(1)..i.saturating_add(3))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i = i.saturating_add(3);
                continue;
            }
        }
        out.push(c);
        i = i.saturating_add(1);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parse an RFC 9651 Dictionary (§4.2.2). Later duplicate keys overwrite earlier ones.
pub fn parse_dictionary(value: &str) -> Result<Vec<Member>, String> {
    if value.len() > MAX_HEADER_BYTES {
        return Err(format!(
            "the AI-Disclosure header is {} bytes, over the limit of {MAX_HEADER_BYTES}",
            value.len()
        ));
    }
    let mut p = P {
        s: value.as_bytes(),
        i: 0,
    };
    p.sp();
    let mut out: Vec<Member> = Vec::new();
    while p.peek().is_some() {
        let k = p.key()?;
        let v = if p.peek() == Some(b'=') {
            p.bump();
            p.item_or_list()?
        } else {
            Item::Bool(true)
        };
        let params = p.params()?;
        out.retain(|(x, _, _)| *x != k);
        if out.len() < 64 {
            out.push((k, v, params));
        }
        p.ows();
        match p.peek() {
            None => break,
            Some(b',') => {
                p.bump();
                p.ows();
                if p.peek().is_none() {
                    return Err(p.err("a member after ,"));
                }
            }
            Some(_) => return Err(p.err(", between members")),
        }
    }
    Ok(out)
}

/// Read an `AI-Disclosure` header value into `sink`.
pub fn read(value: &str, sink: &mut Sink) {
    let members = match parse_dictionary(value.trim_matches([' ', '\t'])) {
        Ok(m) => m,
        Err(e) => {
            sink.warnings.push(e);
            return;
        }
    };
    let mut keys: Vec<(String, Item)> = members
        .iter()
        .map(|(k, v, _)| (k.clone(), v.clone()))
        .collect();
    for (_, _, params) in &members {
        for (k, v) in params {
            if !keys.iter().any(|(x, _)| x == k) {
                keys.push((k.clone(), v.clone()));
            }
        }
    }
    let get = |k: &str| keys.iter().find(|(x, _)| x == k).map(|(_, v)| v.text());
    let Some(mode) = get("mode") else {
        sink.warnings
            .push("expected a mode key in the AI-Disclosure header, but found none".to_owned());
        return;
    };
    let ai = match mode.as_str() {
        "none" => None,
        "ai-modified" => Some(AiKind::Edited),
        "ai-originated" | "machine-generated" => Some(AiKind::Generated),
        other => {
            sink.warnings.push(format!(
                "expected mode none, ai-modified, ai-originated or machine-generated in the \
                 AI-Disclosure header, but found \"{}\"",
                crate::error::escape(other.as_bytes(), 64)
            ));
            return;
        }
    };
    let model = get("model");
    let provider = get("provider");
    let tool = match (&provider, &model) {
        (Some(p), Some(m)) => Some(format!("{p} {m}")),
        (None, Some(m)) => Some(m.clone()),
        (Some(p), None) => Some(p.clone()),
        (None, None) => None,
    };
    let mut details = Vec::new();
    for k in ["model", "provider", "reviewed-by", "date"] {
        if let Some(v) = get(k) {
            details.push(format!("{k}={v}"));
        }
    }
    let what = match ai {
        None => "declares that no AI was used",
        Some(AiKind::Edited) => "declares that AI modified this content",
        Some(_) => "declares that this content originated from AI",
    };
    let mut explanation = format!("The HTTP AI-Disclosure header (draft-abaris-aicdh) {what}");
    if let Some(r) = get("reviewed-by") {
        explanation.push_str(&format!(", reviewed by {r}"));
    }
    explanation.push_str(
        ". It is an unsigned claim by the server, not proof: anyone running the server can \
         send any value.",
    );
    sink.push(Signal {
        family: Family::HttpHeader,
        strength: Strength::Declared,
        ai,
        value: format!(
            "mode={mode}{}",
            details.iter().map(|d| format!("; {d}")).collect::<String>()
        ),
        source_type: None,
        tool,
        location: Location {
            container: "http".to_owned(),
            block: "AI-Disclosure header".to_owned(),
            offset: None,
            path: Some("mode".to_owned()),
        },
        sentence: None,
        explanation,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        let m = parse_dictionary(
            "mode=ai-originated; model=\"gpt-4\"; provider=\"OpenAI\"; reviewed-by=\"editorial-team\"; date=@1745286896",
        )
        .unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].2[3], ("date".to_owned(), Item::Date(1_745_286_896)));
        let m = parse_dictionary("mode=ai-modified, model=\"a \\\"b\\\"\", n=-12, d=1.5, b=?0, x")
            .unwrap();
        assert_eq!(m.len(), 6);
        assert_eq!(m[1].1, Item::String("a \"b\"".to_owned()));
        assert_eq!(m[2].1, Item::Integer(-12));
        assert_eq!(m[5].1, Item::Bool(true));
        for bad in [
            "Mode=none",
            "mode=",
            "mode=none,",
            "mode=\"x",
            "mode=none x",
            "mode=@1.5",
            "mode=?2",
        ] {
            assert!(parse_dictionary(bad).is_err(), "{bad}");
        }
    }
}
