//! A tiny CBOR writer for test fixtures (RFC 8949 §3, preferred serialisation).

#[derive(Clone, Debug)]
pub enum C {
    U(u64),
    /// An unsigned integer always in the 4-byte form, so that its size does not depend on it.
    U32(u32),
    N(i64),
    B(Vec<u8>),
    T(String),
    A(Vec<C>),
    M(Vec<(C, C)>),
    Tag(u64, Box<C>),
    Null,
    Bool(bool),
    /// Bytes written as they are: already-encoded CBOR, or anything (the fuzz targets).
    Raw(Vec<u8>),
}

/// A text string.
pub fn t(s: &str) -> C {
    C::T(s.to_string())
}

/// A map with text keys.
pub fn map(entries: Vec<(&str, C)>) -> C {
    C::M(entries.into_iter().map(|(k, v)| (t(k), v)).collect())
}

fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if n < 24 {
        out.push(m | n as u8);
    } else if n <= 0xff {
        out.extend([m | 24, n as u8]);
    } else if n <= 0xffff {
        out.push(m | 25);
        out.extend((n as u16).to_be_bytes());
    } else if n <= 0xffff_ffff {
        out.push(m | 26);
        out.extend((n as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend(n.to_be_bytes());
    }
}

pub fn enc(v: &C) -> Vec<u8> {
    let mut out = Vec::new();
    put(&mut out, v);
    out
}

fn put(out: &mut Vec<u8>, v: &C) {
    match v {
        C::U(n) => head(out, 0, *n),
        C::U32(n) => {
            out.push(26);
            out.extend(n.to_be_bytes());
        }
        C::N(n) if *n >= 0 => head(out, 0, *n as u64),
        C::N(n) => head(out, 1, (-1 - *n) as u64),
        C::B(b) => {
            head(out, 2, b.len() as u64);
            out.extend(b);
        }
        C::T(s) => {
            head(out, 3, s.len() as u64);
            out.extend(s.as_bytes());
        }
        C::A(a) => {
            head(out, 4, a.len() as u64);
            a.iter().for_each(|x| put(out, x));
        }
        C::M(m) => {
            head(out, 5, m.len() as u64);
            for (k, x) in m {
                put(out, k);
                put(out, x);
            }
        }
        C::Tag(n, x) => {
            head(out, 6, *n);
            put(out, x);
        }
        C::Null => out.push(0xf6),
        C::Raw(b) => out.extend(b),
        C::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
    }
}
