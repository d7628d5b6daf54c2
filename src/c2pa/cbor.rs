//! A bounded CBOR (RFC 8949) decoder into a small borrowed value tree, for claims and
//! assertions. Byte and text strings borrow from the input unless they were sent in
//! indefinite-length chunks. Depth is bounded by `Limits::max_depth`, and every tree is taken
//! from the input's [`C2paBudget`] before it is allocated; a decode never re-encodes, so a
//! claim's original bytes stay what the signature covers.

use crate::bytes::Reader;
use crate::error::{Error, Result};
use crate::limits::C2paBudget;
use std::borrow::Cow;

/// A decoded CBOR data item.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Major type 0.
    Uint(u64),
    /// Major type 1: the value is `-1 - n`.
    Neg(u64),
    /// Major type 2.
    Bytes(Cow<'a, [u8]>),
    /// Major type 3.
    Text(Cow<'a, str>),
    /// Major type 4.
    Array(Vec<Value<'a>>),
    /// Major type 5, in encoded order.
    Map(Vec<(Value<'a>, Value<'a>)>),
    /// Major type 6: a tag and its content.
    Tag(u64, Box<Value<'a>>),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `undefined` or another simple value.
    Simple(u8),
    /// A half, single or double float.
    Float(f64),
}

impl<'a> Value<'a> {
    /// The value under text key `key`, if this is a map that has it.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Value::Text(t) if t == key))
                .map(|(_, v)| v),
            Value::Tag(_, inner) => inner.get(key),
            _ => None,
        }
    }

    /// The value under integer key `key`, if this is a map that has it.
    pub fn get_int(&self, key: i64) -> Option<&Value<'a>> {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_i64() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// This value as text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// This value as text that outlives the tree: borrowed when it lies in the decoded bytes.
    pub fn as_text_cow(&self) -> Option<Cow<'a, str>> {
        match self {
            Value::Text(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// This value as a byte string.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            // Some writers tag byte strings (e.g. tag 64, a uint8 typed array).
            Value::Tag(_, inner) => inner.as_bytes(),
            _ => None,
        }
    }

    /// This value as an array.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// This value as map entries.
    pub fn as_map(&self) -> Option<&[(Value<'a>, Value<'a>)]> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// This value as an unsigned integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Uint(n) => Some(*n),
            _ => None,
        }
    }

    /// This value as a signed integer, if it fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Uint(n) => i64::try_from(*n).ok(),
            Value::Neg(n) => i64::try_from(*n).ok().and_then(|n| (-1i64).checked_sub(n)),
            _ => None,
        }
    }

    /// This value as a JSON object key: text as it is, a number or other scalar as its JSON
    /// text, a byte string as base64, and an array or map as a short description. Not its JSON
    /// text: a map whose key is a map whose key is a map… would escape the quotes of each
    /// level again, doubling the key's length per level (a fuzzing finding: 3 KB of CBOR asked
    /// for a 512 MB string).
    fn key_text(&self) -> String {
        use base64::Engine;
        match self {
            Value::Text(t) => t.to_string(),
            Value::Bytes(b) => base64::engine::general_purpose::STANDARD.encode(b),
            Value::Tag(_, inner) => inner.key_text(),
            Value::Array(a) => format!("(an array of {} items)", a.len()),
            Value::Map(m) => format!("(a map of {} entries)", m.len()),
            scalar => scalar
                .to_json(&mut { usize::MAX })
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// This value as JSON, for display (byte strings become base64 text), within `left`: each
    /// value or key costs [`JSON_SLOT`] and its text. The items of an array or map that do not
    /// fit are left out, and `left` drops to 0 when something was (`None`: this value did not
    /// fit at all).
    pub fn to_json(&self, left: &mut usize) -> Option<serde_json::Value> {
        use base64::Engine;
        use serde_json::Value as J;
        let text = match self {
            Value::Text(t) => t.len(),
            Value::Bytes(b) => b.len().div_ceil(3).saturating_mul(4),
            _ => 0,
        };
        pay(left, text)?;
        Some(match self {
            Value::Uint(n) => J::from(*n),
            Value::Neg(_) => self.as_i64().map_or(J::Null, J::from),
            Value::Bytes(b) => J::from(base64::engine::general_purpose::STANDARD.encode(b)),
            Value::Text(t) => J::from(t.as_ref()),
            Value::Array(a) => {
                let mut out = Vec::new();
                for v in a {
                    let Some(j) = v.to_json(left) else { break };
                    out.push(j);
                }
                J::Array(out)
            }
            Value::Map(m) => {
                let mut out = serde_json::Map::new();
                for (k, v) in m {
                    let key = k.key_text();
                    let Some(j) = pay(left, key.len()).and_then(|()| v.to_json(left)) else {
                        break;
                    };
                    out.insert(key, j);
                }
                J::Object(out)
            }
            Value::Tag(_, inner) => inner.to_json(left)?,
            Value::Bool(b) => J::from(*b),
            Value::Null | Value::Simple(_) => J::Null,
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        })
    }
}

/// What one JSON value or key costs [`Value::to_json`] besides its text: about the memory of
/// a `serde_json` value and its map entry.
pub const JSON_SLOT: usize = 64;

/// Take [`JSON_SLOT`] and `text` bytes from `left`, or spend it all and fail.
fn pay(left: &mut usize, text: usize) -> Option<()> {
    let Some(l) = left.checked_sub(JSON_SLOT.saturating_add(text)) else {
        *left = 0;
        return None;
    };
    *left = l;
    Some(())
}

/// Decode one CBOR item that must fill `bytes` exactly, taking its tree from `budget`.
pub fn decode<'a>(bytes: &'a [u8], budget: &C2paBudget<'_>) -> Result<Value<'a>> {
    let (v, used) = decode_prefix(bytes, budget)?;
    if used != bytes.len() {
        return Err(Error::malformed(format!(
            "expected the end of a CBOR item at offset {used}, but found {} more bytes",
            bytes.len().saturating_sub(used)
        )));
    }
    Ok(v)
}

/// Decode the first CBOR item in `bytes`, taking its tree from `budget`; returns it and the
/// bytes it used.
pub fn decode_prefix<'a>(bytes: &'a [u8], budget: &C2paBudget<'_>) -> Result<(Value<'a>, usize)> {
    let mut d = Decoder {
        r: Reader::new(bytes, "CBOR item"),
        budget,
    };
    d.take(SLOT)?;
    let v = d.item(0)?;
    Ok((v, d.r.pos()))
}

struct Decoder<'a, 'b> {
    r: Reader<'a>,
    budget: &'b C2paBudget<'b>,
}

/// What a decoded item costs in its parent's allocation (a [`Value`]; a test checks the size),
/// charged to the [`C2paBudget`] before the allocation is made.
const SLOT: u64 = 32;
/// What an allocation costs beyond its contents (the allocator's header and rounding).
const ALLOC: u64 = 16;

/// Marker for "indefinite length" in the additional-information field (RFC 8949 §3.2.1).
const INDEFINITE: u8 = 31;

impl<'a> Decoder<'a, '_> {
    fn take(&self, n: u64) -> Result<()> {
        self.budget.take(n, "a CBOR item")
    }

    fn item(&mut self, depth: u32) -> Result<Value<'a>> {
        let max_depth = self.budget.limits.max_depth;
        if depth > max_depth {
            return Err(Error::limit(
                "CBOR nesting depth",
                u64::from(max_depth),
                "a CBOR item",
            ));
        }
        let at = self.r.pos();
        let initial = self.r.u8("CBOR initial byte")?;
        let major = initial >> 5;
        let info = initial & 0x1f;
        let inner = depth.saturating_add(1);
        match major {
            0 => Ok(Value::Uint(self.argument(info)?)),
            1 => Ok(Value::Neg(self.argument(info)?)),
            2 | 3 => {
                let raw = if info == INDEFINITE {
                    Cow::Owned(self.chunks(major)?)
                } else {
                    let n = self.argument(info)?;
                    Cow::Borrowed(self.r.take_len(n, "CBOR string")?)
                };
                if major == 2 {
                    Ok(Value::Bytes(raw))
                } else {
                    let text = match raw {
                        Cow::Borrowed(b) => {
                            Cow::Borrowed(std::str::from_utf8(b).map_err(|_| bad_utf8(at))?)
                        }
                        Cow::Owned(v) => {
                            Cow::Owned(String::from_utf8(v).map_err(|_| bad_utf8(at))?)
                        }
                    };
                    Ok(Value::Text(text))
                }
            }
            // An array or a map: its elements' slots are taken before they are reserved, all
            // of them for a definite length (RFC 8949 §3.2.1: no growth, so no slack); for an
            // indefinite one, the four a growing `Vec` starts with, then twice each as they come
            // (it may hold twice its length).
            4 => {
                let mut out = Vec::new();
                for _ in 0..self.count(info, 1, &mut out)? {
                    out.push(self.item(inner)?);
                }
                while info == INDEFINITE && !self.at_break()? {
                    self.take(2 * SLOT)?;
                    out.push(self.item(inner)?);
                }
                Ok(Value::Array(out))
            }
            5 => {
                let mut out = Vec::new();
                for _ in 0..self.count(info, 2, &mut out)? {
                    out.push((self.item(inner)?, self.item(inner)?));
                }
                while info == INDEFINITE && !self.at_break()? {
                    self.take(4 * SLOT)?;
                    out.push((self.item(inner)?, self.item(inner)?));
                }
                Ok(Value::Map(out))
            }
            6 => {
                let tag = self.argument(info)?;
                self.take(SLOT + ALLOC)?;
                Ok(Value::Tag(tag, Box::new(self.item(inner)?)))
            }
            _ => self.simple(info, at),
        }
    }

    /// The element count of a definite-length array (`per` 1) or map (`per` 2, items an
    /// element) whose additional information is `info`, with room for exactly that many
    /// reserved in `out` once the budget gave it; 0 for an indefinite length.
    fn count<T>(&mut self, info: u8, per: u64, out: &mut Vec<T>) -> Result<u64> {
        if info == INDEFINITE {
            self.take(ALLOC + 4 * per * SLOT)?;
            return Ok(0);
        }
        self.take(ALLOC)?;
        let n = self.argument(info)?;
        self.check_count(n, per)?;
        self.take(n.saturating_mul(per).saturating_mul(SLOT))?;
        let room = crate::bytes::to_usize(n, "CBOR count")?;
        crate::bytes::try_reserve_exact(out, room, "CBOR items")?;
        Ok(n)
    }

    /// Each element takes at least one byte: a count larger than what remains is a lie.
    fn check_count(&self, n: u64, per: u64) -> Result<()> {
        let need = n.saturating_mul(per);
        if need > crate::bytes::to_u64(self.r.remaining()) {
            return Err(Error::malformed(format!(
                "expected {n} CBOR elements at offset {}, but only {} bytes remain",
                self.r.pos(),
                self.r.remaining()
            )));
        }
        Ok(())
    }

    fn at_break(&mut self) -> Result<bool> {
        match self.r.peek(1) {
            Some([0xff]) => {
                self.r.take(1, "CBOR break")?;
                Ok(true)
            }
            Some(_) => Ok(false),
            None => Err(Error::malformed(format!(
                "expected a CBOR break at offset {}, but the data ended",
                self.r.pos()
            ))),
        }
    }

    fn chunks(&mut self, major: u8) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        while !self.at_break()? {
            let at = self.r.pos();
            let initial = self.r.u8("CBOR chunk header")?;
            if initial >> 5 != major || initial & 0x1f == INDEFINITE {
                return Err(Error::malformed(format!(
                    "expected a definite-length string chunk at offset {at}, but found initial byte 0x{initial:02x}"
                )));
            }
            let n = self.argument(initial & 0x1f)?;
            let part = self.r.take_len(n, "CBOR string chunk")?;
            // Twice: the string grows by doubling.
            self.take(n.saturating_mul(2))?;
            crate::bytes::try_reserve(&mut out, part.len(), "CBOR string")?;
            out.extend_from_slice(part);
        }
        Ok(out)
    }

    fn argument(&mut self, info: u8) -> Result<u64> {
        match info {
            0..=23 => Ok(u64::from(info)),
            24 => Ok(u64::from(self.r.u8("CBOR argument")?)),
            25 => Ok(u64::from(self.r.u16_be("CBOR argument")?)),
            26 => Ok(u64::from(self.r.u32_be("CBOR argument")?)),
            27 => self.r.u64_be("CBOR argument"),
            _ => Err(Error::malformed(format!(
                "expected a CBOR length or value at offset {}, but found additional information {info}",
                self.r.pos().saturating_sub(1)
            ))),
        }
    }

    fn simple(&mut self, info: u8, at: usize) -> Result<Value<'a>> {
        match info {
            20 => Ok(Value::Bool(false)),
            21 => Ok(Value::Bool(true)),
            22 => Ok(Value::Null),
            0..=19 | 23 => Ok(Value::Simple(info)),
            24 => Ok(Value::Simple(self.r.u8("CBOR simple value")?)),
            25 => Ok(Value::Float(half(self.r.u16_be("CBOR half float")?))),
            26 => Ok(Value::Float(f64::from(f32::from_bits(
                self.r.u32_be("CBOR float")?,
            )))),
            27 => Ok(Value::Float(f64::from_bits(self.r.u64_be("CBOR double")?))),
            _ => Err(Error::malformed(format!(
                "expected a CBOR item at offset {at}, but found a stray break or reserved byte"
            ))),
        }
    }
}

#[cold]
fn bad_utf8(at: usize) -> Error {
    Error::malformed(format!(
        "expected UTF-8 in the CBOR text string at offset {at}, but found invalid bytes"
    ))
}

/// IEEE 754 half precision to f64 (RFC 8949 Appendix D).
fn half(bits: u16) -> f64 {
    let exp = (bits >> 10) & 0x1f;
    let mant = f64::from(bits & 0x3ff);
    let val = match exp {
        0 => mant * 2f64.powi(-24),
        31 => {
            if mant == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        e => (mant + 1024.0) * 2f64.powi(i32::from(e) - 25),
    };
    if bits & 0x8000 != 0 {
        -val
    } else {
        val
    }
}

#[cfg(test)]
mod tests;
