//! The one checked byte reader every parser uses to touch input bytes, and the small byte
//! helpers that go with it (checked widening and narrowing, sub-slices, fallible reservation,
//! hex).
//!
//! [`Reader`] is a cursor over an untrusted slice. Every read is bounds-checked and returns a
//! [`Result`] whose error names the field, the structure and the absolute byte offset, so that a
//! truncated file says where it was cut. Nothing here indexes, unwraps or casts with `as`.
//! Lengths read from the input are claims: [`Reader::take_len`] checks them against what remains
//! before any slice or allocation is made.

use crate::error::{Error, Result};

/// A bounds-checked cursor over untrusted bytes.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Absolute offset of `data[0]` within the whole input, for messages and locations.
    base: u64,
    /// The structure being read, for messages ("PNG chunk", "JPEG APP1 segment", ...).
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `data`, which starts at offset 0 of the input.
    pub fn new(data: &'a [u8], what: &'static str) -> Self {
        Self {
            data,
            pos: 0,
            base: 0,
            what,
        }
    }

    /// A reader over `data`, which starts at absolute offset `base` of the input.
    pub fn with_base(data: &'a [u8], base: u64, what: &'static str) -> Self {
        Self {
            data,
            pos: 0,
            base,
            what,
        }
    }

    /// Bytes consumed so far, relative to the start of this reader.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The absolute input offset of the cursor.
    pub fn offset(&self) -> u64 {
        self.base.saturating_add(to_u64(self.pos))
    }

    /// The absolute input offset of the start of this reader.
    pub fn base(&self) -> u64 {
        self.base
    }

    /// Bytes left to read.
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// All bytes not yet read, without consuming them.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    /// The whole underlying slice.
    pub fn all(&self) -> &'a [u8] {
        self.data
    }

    /// Move the cursor to `pos` (relative to the start of this reader).
    pub fn seek(&mut self, pos: usize, field: &str) -> Result<()> {
        if pos > self.data.len() {
            return Err(self.short(field, pos.saturating_sub(self.pos)));
        }
        self.pos = pos;
        Ok(())
    }

    /// The next `n` bytes, without consuming them; `None` if fewer remain.
    pub fn peek(&self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        self.data.get(self.pos..end)
    }

    /// Consume `n` bytes.
    pub fn take(&mut self, n: usize, field: &str) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| self.short(field, n))?;
        let out = self
            .data
            .get(self.pos..end)
            .ok_or_else(|| self.short(field, n))?;
        self.pos = end;
        Ok(out)
    }

    /// Consume a length read from the input (a claim), checked against what remains.
    pub fn take_len(&mut self, n: u64, field: &str) -> Result<&'a [u8]> {
        let n = usize::try_from(n).map_err(|_| self.too_long(field, n))?;
        if n > self.remaining() {
            return Err(self.too_long(field, to_u64(n)));
        }
        self.take(n, field)
    }

    /// A sub-reader over the next `n` bytes, consuming them; offsets stay absolute.
    pub fn sub(&mut self, n: u64, field: &str) -> Result<Reader<'a>> {
        let base = self.offset();
        let data = self.take_len(n, field)?;
        Ok(Reader {
            data,
            pos: 0,
            base,
            what: self.what,
        })
    }

    /// Skip `n` bytes.
    pub fn skip(&mut self, n: u64, field: &str) -> Result<()> {
        self.take_len(n, field).map(|_| ())
    }

    /// Consume bytes up to a `terminator`, returning them without it (the terminator is consumed).
    pub fn until(&mut self, terminator: u8, field: &str) -> Result<&'a [u8]> {
        let rest = self.rest();
        let at = rest.iter().position(|&b| b == terminator).ok_or_else(|| {
            Error::malformed(format!(
                "expected a {field} ended by byte 0x{terminator:02x} in {} at offset {}, but found none",
                self.what,
                self.offset()
            ))
        })?;
        let out = self.take(at, field)?;
        self.pos = self.pos.saturating_add(1);
        Ok(out)
    }

    /// Consume `expected` exactly, or fail naming what was found instead.
    pub fn expect(&mut self, expected: &[u8], field: &str) -> Result<()> {
        let at = self.offset();
        let got = self.take(expected.len(), field)?;
        if got != expected {
            return Err(Error::malformed(format!(
                "expected {field} \"{}\" in {} at offset {at}, but found \"{}\"",
                crate::error::escape(expected, 16),
                self.what,
                crate::error::escape(got, 16)
            )));
        }
        Ok(())
    }

    /// Read an array of `N` bytes.
    pub fn array<const N: usize>(&mut self, field: &str) -> Result<[u8; N]> {
        let s = self.take(N, field)?;
        let mut out = [0u8; N];
        out.copy_from_slice(s);
        Ok(out)
    }

    /// Read one byte.
    pub fn u8(&mut self, field: &str) -> Result<u8> {
        Ok(u8::from_be_bytes(self.array(field)?))
    }
    /// Read a big-endian u16.
    pub fn u16_be(&mut self, field: &str) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array(field)?))
    }
    /// Read a little-endian u16.
    pub fn u16_le(&mut self, field: &str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(field)?))
    }
    /// Read a big-endian u32.
    pub fn u32_be(&mut self, field: &str) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array(field)?))
    }
    /// Read a little-endian u32.
    pub fn u32_le(&mut self, field: &str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(field)?))
    }
    /// Read a big-endian u64.
    pub fn u64_be(&mut self, field: &str) -> Result<u64> {
        Ok(u64::from_be_bytes(self.array(field)?))
    }
    /// Read a little-endian u64.
    pub fn u64_le(&mut self, field: &str) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array(field)?))
    }

    /// Read a u16 in the given byte order (`big` = true for big-endian).
    pub fn u16(&mut self, big: bool, field: &str) -> Result<u16> {
        if big {
            self.u16_be(field)
        } else {
            self.u16_le(field)
        }
    }

    /// Read a u32 in the given byte order (`big` = true for big-endian).
    pub fn u32(&mut self, big: bool, field: &str) -> Result<u32> {
        if big {
            self.u32_be(field)
        } else {
            self.u32_le(field)
        }
    }

    #[cold]
    fn short(&self, field: &str, wanted: usize) -> Error {
        Error::malformed(format!(
            "expected {wanted} bytes of {field} in {} at offset {}, but only {} remain",
            self.what,
            self.offset(),
            self.remaining()
        ))
    }

    #[cold]
    fn too_long(&self, field: &str, claimed: u64) -> Error {
        Error::malformed(format!(
            "expected {field} in {} at offset {} to fit in the {} remaining bytes, but it claims {claimed}",
            self.what,
            self.offset(),
            self.remaining()
        ))
    }
}

/// Widen a `usize` to `u64` (lossless on every target we build for).
pub fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Narrow a `u64` to `usize`, or fail with a message naming `field`.
pub fn to_usize(n: u64, field: &str) -> Result<usize> {
    usize::try_from(n)
        .map_err(|_| Error::malformed(format!("{field} of {n} does not fit this platform")))
}

/// Reserve room for `n` more items, failing cleanly instead of aborting on a huge claim.
pub fn try_reserve<T>(v: &mut Vec<T>, n: usize, field: &str) -> Result<()> {
    v.try_reserve(n).map_err(|_| unreserved(n, field))
}

/// Reserve room for exactly `n` more items (no slack: what was paid for is what is held),
/// failing cleanly as [`try_reserve`] does.
pub fn try_reserve_exact<T>(v: &mut Vec<T>, n: usize, field: &str) -> Result<()> {
    v.try_reserve_exact(n).map_err(|_| unreserved(n, field))
}

#[cold]
fn unreserved(n: usize, field: &str) -> Error {
    Error::malformed(format!("cannot reserve {n} items for {field}"))
}

/// The longest start of `s` of at most `max` bytes that ends on a character boundary: where a
/// kept copy of a value is cut.
pub fn str_head(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or_default()
}

/// The bytes of `s` that take at most `max` bytes written as a JSON string (as `serde_json`
/// escapes: two bytes for `"`, `\\` and the short escapes, six for other control characters),
/// and the JSON bytes they take.
pub fn json_fit(s: &str, max: usize) -> (usize, usize) {
    let mut cost = 0usize;
    for (i, b) in s.bytes().enumerate() {
        let c = match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 8 | 12 => 2,
            0..=31 => 6,
            _ => 1,
        };
        if cost.saturating_add(c) > max {
            return (i, cost);
        }
        cost = cost.saturating_add(c);
    }
    (s.len(), cost)
}

/// Cut `s`, a copy of a value from a file, where JSON would take more than `max` bytes for it
/// ([`json_fit`], at a character boundary), ending it with `… (N bytes more)`. Returns the JSON
/// bytes of what is kept, and whether it was cut. A cut string is a new one: a truncated one
/// would keep its whole allocation. The one cut of every copy a report makes.
pub fn cut_json(s: &mut String, max: usize) -> (usize, bool) {
    let (end, cost) = json_fit(s, max);
    let head = str_head(s, end);
    let more = s.len().saturating_sub(head.len());
    if more == 0 {
        return (cost, false);
    }
    *s = format!("{head}… ({more} bytes more)");
    (cost, true)
}

/// Sort `v` stably by `key`. Every call goes through one sort of (key, index) pairs, so the
/// browser module carries one instance of the standard library's sort instead of one per element
/// type and key (about 3 KB of wasm each; BENCHMARKS.md, "Size of the browser module"). The
/// pairs are distinct, so their unstable sort gives the stable order; `v` is then permuted in
/// place, cycle by cycle.
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, usize)> = v.iter().map(key).zip(0..).collect();
    order.sort_unstable();
    // `from[j]`: the index of the element that belongs at `j`.
    let mut from: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    for start in 0..from.len() {
        let mut j = start;
        while let Some(slot) = from.get_mut(j) {
            let i = std::mem::replace(slot, j);
            if i == start || i == j {
                break;
            }
            v.swap(j, i);
            j = i;
        }
    }
}

/// Lowercase hex of `bytes`, two digits per byte. For digests and short excerpts: callers pass
/// bounded slices, never a whole input.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::new();
    for &b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            s.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_key_is_the_standard_stable_sort() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for len in (0..40).chain([100, 1000]) {
            let mut v: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 7, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            sort_by_key(&mut v, |x| x.0);
            assert_eq!(v, want, "length {len}");
        }
    }

    #[test]
    fn hex_is_lowercase_two_digits_per_byte() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        // SHA-256 of the empty string, as published in FIPS 180-2 test vectors.
        use sha2::{Digest, Sha256};
        assert_eq!(
            hex(&Sha256::digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn reads_and_reports_offsets() {
        let mut r = Reader::with_base(&[0, 1, 2, 3, 4, 5], 100, "test box");
        assert_eq!(r.u16_be("a").unwrap(), 1);
        assert_eq!(r.offset(), 102);
        assert_eq!(r.u16_le("b").unwrap(), 0x0302);
        let e = r.take(3, "payload").unwrap_err();
        assert!(e.message().contains("offset 104"), "{}", e.message());
        assert!(e.message().contains("only 2 remain"), "{}", e.message());
    }

    #[test]
    fn length_claims_are_checked() {
        let mut r = Reader::new(&[1, 2, 3], "x");
        assert!(r.take_len(u64::MAX, "len").is_err());
        assert!(r.take_len(4, "len").is_err());
        assert_eq!(r.take_len(3, "len").unwrap(), &[1, 2, 3]);
    }

    #[test]
    fn until_and_expect() {
        let mut r = Reader::new(b"abc\0JP", "x");
        assert_eq!(r.until(0, "label").unwrap(), b"abc");
        r.expect(b"JP", "magic").unwrap();
        assert!(r.is_empty());
        let mut r = Reader::new(b"JX", "x");
        assert!(r
            .expect(b"JP", "magic")
            .unwrap_err()
            .message()
            .contains("found \"JX\""));
    }
}
