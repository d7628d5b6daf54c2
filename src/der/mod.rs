//! The crate's one strict DER reader (X.690 §8 and §10), for the certificates, keys, signatures
//! and time-stamp tokens the verifier reads ([`crate::c2pa::x509`], [`crate::crypto`]).
//!
//! It reads only what the callers name, field by field, and refuses what the `der` crate
//! (0.7) refused, which this reader replaced (it linked about 77 KB into the browser build):
//! - a length is definite (`0x80`, indefinite, is refused), minimal (X.690 §10.1), at most four
//!   octets and at most 2^28 − 1, and never more than the bytes that remain;
//! - a tag is one octet (the high-tag-number form is refused) and one `der` knows
//!   ([`tag_known`]); a field whose tag is not the one expected is refused;
//! - a structure is read to its end: bytes left over inside a SEQUENCE, or after the
//!   outermost item, are refused ([`Der::finish`], [`one`]);
//! - INTEGERs are minimal two's complement ([`int`], [`uint`]), BOOLEANs are `00` or `FF`,
//!   BIT STRINGs have at most seven unused bits, times are exactly RFC 5280's forms
//!   ([`time`]), OBJECT IDENTIFIERs are what const-oid 0.9 accepted ([`oid::valid`]).
//!
//! Nesting depth is bounded by construction: every reader here is written for one fixed
//! structure and descends only into the fields it names, and values it does not interpret
//! (parameters, attribute values) are kept whole without being walked. Nothing allocates
//! from a claimed length.

pub mod oid;

/// The longest content length accepted (the `der` crate's `Length::MAX`, 256 MiB − 1).
pub const MAX_LEN: usize = 0x0fff_ffff;

/// Universal tags (X.690 §8.1.2.2, with the constructed bit where DER requires it).
pub mod tag {
    /// BOOLEAN.
    pub const BOOLEAN: u8 = 0x01;
    /// INTEGER.
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub const OCTET_STRING: u8 = 0x04;
    /// NULL.
    pub const NULL: u8 = 0x05;
    /// OBJECT IDENTIFIER.
    pub const OID: u8 = 0x06;
    /// UTCTime.
    pub const UTC_TIME: u8 = 0x17;
    /// GeneralizedTime.
    pub const GENERALIZED_TIME: u8 = 0x18;
    /// SEQUENCE (constructed).
    pub const SEQUENCE: u8 = 0x30;
    /// SET (constructed).
    pub const SET: u8 = 0x31;
}

/// One DER item: its tag octet, the whole encoding and the content octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The tag octet.
    pub tag: u8,
    /// Tag, length and content.
    pub whole: &'a [u8],
    /// The content octets.
    pub content: &'a [u8],
}

/// True for a tag octet the `der` crate decodes: the universal types it knows, and
/// application, context-specific and private tags in the low-tag-number form (X.690 §8.1.2).
pub fn tag_known(t: u8) -> bool {
    match t {
        0x01..=0x06 | 0x09 | 0x0a | 0x0c | 0x12..=0x18 | 0x1a | 0x1e | 0x30 | 0x31 => true,
        _ => t & 0xc0 != 0 && t & 0x1f != 0x1f,
    }
}

/// The first item of `data` and what follows it.
fn split(data: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let (&tag, rest) = data.split_first()?;
    if !tag_known(tag) {
        return None;
    }
    let (&first, mut rest) = rest.split_first()?;
    let len = match first {
        0..=0x7f => usize::from(first),
        0x81..=0x84 => {
            let n = usize::from(first & 0x7f);
            let (bytes, after) = rest.split_at_checked(n)?;
            rest = after;
            let mut len = 0usize;
            for b in bytes {
                len = len.checked_mul(256)?.checked_add(usize::from(*b))?;
            }
            // X.690 §10.1: the fewest octets; a long form needs at least 128.
            let min_octets = match len {
                0..=0x7f => return None,
                0x80..=0xff => 1,
                0x100..=0xffff => 2,
                0x1_0000..=0xff_ffff => 3,
                _ => 4,
            };
            if n != min_octets || len > MAX_LEN {
                return None;
            }
            len
        }
        // 0x80 is the indefinite form; more than four length octets are refused.
        _ => return None,
    };
    let (content, after) = rest.split_at_checked(len)?;
    let whole_len = data.len().checked_sub(after.len())?;
    let whole = data.get(..whole_len)?;
    Some((
        Tlv {
            tag,
            whole,
            content,
        },
        after,
    ))
}

/// The one item of `data`, which must have tag `tag` and nothing after it.
pub fn one(data: &[u8], tag: u8) -> Option<Tlv<'_>> {
    let (t, rest) = split(data)?;
    (t.tag == tag && rest.is_empty()).then_some(t)
}

/// A cursor over the items of a DER content (the inside of a SEQUENCE or SET).
#[derive(Debug, Clone)]
pub struct Der<'a> {
    rest: &'a [u8],
}

impl<'a> Der<'a> {
    /// A cursor over `content`.
    pub fn new(content: &'a [u8]) -> Der<'a> {
        Der { rest: content }
    }

    /// A cursor over the content of the one SEQUENCE that is all of `data`.
    pub fn sequence(data: &'a [u8]) -> Option<Der<'a>> {
        one(data, tag::SEQUENCE).map(|t| Der::new(t.content))
    }

    /// True when every item has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next item, if any.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next item, whatever its tag.
    pub fn any(&mut self) -> Option<Tlv<'a>> {
        let (t, rest) = split(self.rest)?;
        self.rest = rest;
        Some(t)
    }

    /// The next item, which must have tag `tag`.
    pub fn tlv(&mut self, tag: u8) -> Option<Tlv<'a>> {
        (self.peek_tag()? == tag).then(|| self.any())?
    }

    /// The content of the next item, which must have tag `tag`.
    pub fn read(&mut self, tag: u8) -> Option<&'a [u8]> {
        self.tlv(tag).map(|t| t.content)
    }

    /// A cursor over the next item, a SEQUENCE.
    pub fn sequence_of(&mut self) -> Option<Der<'a>> {
        self.read(tag::SEQUENCE).map(Der::new)
    }

    /// The next item if it has tag `tag`; `Some(None)` when the next item has another tag or
    /// there is none (an OPTIONAL field that is absent); `None` when it is malformed.
    pub fn optional(&mut self, tag: u8) -> Option<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.any().map(Some)
        } else {
            Some(None)
        }
    }

    /// The context-specific field `[number]` as the `der` crate finds it
    /// (`ContextSpecific::decode_with`): context-specific items with a lower number are
    /// skipped, one with a higher number (or any other class) ends the search with
    /// `Some(None)`. `constructed` is the form the field must have (EXPLICIT tagging and
    /// IMPLICIT tagging of a constructed type are constructed).
    pub fn context(&mut self, number: u8, constructed: bool) -> Option<Option<Tlv<'a>>> {
        while let Some(t) = self.peek_tag() {
            if t & 0xc0 != 0x80 || t & 0x1f > number {
                break;
            }
            let item = self.any()?;
            if t & 0x1f == number {
                return ((t & 0x20 != 0) == constructed).then_some(Some(item));
            }
        }
        Some(None)
    }

    /// `Some(())` when every item has been read (DER leaves nothing over).
    pub fn finish(&self) -> Option<()> {
        self.is_empty().then_some(())
    }
}

/// The content of an INTEGER if it is minimal two's complement (X.690 §8.3.2): not empty, no
/// redundant leading `00` or `FF`.
pub fn int(content: &[u8]) -> Option<&[u8]> {
    match content {
        [] => None,
        [0x00, b, ..] if *b < 0x80 => None,
        [0xff, b, ..] if *b >= 0x80 => None,
        _ => Some(content),
    }
}

/// The magnitude of a non-negative INTEGER, its sign octet removed (the `der` crate's
/// `UintRef`): minimal, not negative. Zero is `[0]`.
pub fn uint(content: &[u8]) -> Option<&[u8]> {
    match int(content)? {
        [0] => Some(content),
        [0, rest @ ..] => Some(rest),
        [b, ..] if *b >= 0x80 => None,
        c => Some(c),
    }
}

/// A non-negative INTEGER that fits in a `u64`.
pub fn small_uint(content: &[u8]) -> Option<u64> {
    let m = uint(content)?;
    if m.len() > 8 {
        return None;
    }
    let mut v = 0u64;
    for b in m {
        v = v.checked_mul(256)?.checked_add(u64::from(*b))?;
    }
    Some(v)
}

/// A BOOLEAN's content: DER allows only `00` and `FF` (X.690 §11.1).
pub fn boolean(content: &[u8]) -> Option<bool> {
    match content {
        [0x00] => Some(false),
        [0xff] => Some(true),
        _ => None,
    }
}

/// A BIT STRING's content as `(unused bits, octets)`: at most seven unused bits, and none
/// when there are no octets (X.690 §8.6.2).
pub fn bit_string(content: &[u8]) -> Option<(u8, &[u8])> {
    let (&unused, bits) = content.split_first()?;
    (unused <= 7 && (unused == 0 || !bits.is_empty())).then_some((unused, bits))
}

/// Bit `i` of a BIT STRING (bit 0 is the high bit of the first octet, X.690 §8.6.2.1), or
/// `false` past its end.
pub fn bit(unused: u8, bits: &[u8], i: usize) -> bool {
    let len = bits
        .len()
        .saturating_mul(8)
        .saturating_sub(usize::from(unused));
    if i >= len {
        return false;
    }
    let shift = 7usize.saturating_sub(i % 8);
    bits.get(i / 8).is_some_and(|b| (b >> shift) & 1 == 1)
}

/// A UTCTime or GeneralizedTime item as seconds since the epoch, in RFC 5280 §4.1.2.5's forms
/// only (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`; a two-digit year ≥ 50 is 19YY), between
/// 1970-01-01 and 9999-12-31 as the `der` crate's `DateTime` allows.
pub fn time(t: &Tlv<'_>) -> Option<i64> {
    let (year, rest) = match t.tag {
        tag::UTC_TIME if t.content.len() == 13 => {
            let (yy, rest) = t.content.split_at_checked(2)?;
            let yy = digits(yy)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, rest)
        }
        tag::GENERALIZED_TIME if t.content.len() == 15 => {
            let (yyyy, rest) = t.content.split_at_checked(4)?;
            (digits(yyyy)?, rest)
        }
        _ => return None,
    };
    let (fields, z) = rest.split_at_checked(10)?;
    if z != b"Z" || year < 1970 {
        return None;
    }
    let f = |i: usize| digits(fields.get(i..i.checked_add(2)?)?);
    let second = f(8)?;
    if second > 59 {
        return None;
    }
    crate::time::from_civil(year, f(0)?, f(2)?, f(4)?, f(6)?, second)
}

/// The DER encoding of one item with tag `tag` and content `content` (definite, minimal
/// length); `None` past [`MAX_LEN`].
pub fn encode(tag: u8, content: &[u8]) -> Option<Vec<u8>> {
    let len = content.len();
    if len > MAX_LEN {
        return None;
    }
    let be = u32::try_from(len).ok()?.to_be_bytes();
    let start = be.iter().position(|b| *b != 0).unwrap_or(be.len());
    let significant = be.get(start..)?;
    let mut out = Vec::new();
    out.try_reserve(len.checked_add(6)?).ok()?;
    out.push(tag);
    match u8::try_from(len) {
        Ok(short) if short < 0x80 => out.push(short),
        _ => {
            out.push(0x80 | u8::try_from(significant.len()).ok()?);
            out.extend_from_slice(significant);
        }
    }
    out.extend_from_slice(content);
    Some(out)
}

/// ASCII decimal digits as a number.
fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |acc, c| {
        c.is_ascii_digit()
            .then(|| acc * 10 + i64::from(c.wrapping_sub(b'0')))
    })
}

#[cfg(test)]
mod tests;
