//! A bounded CBOR (RFC 8949) decoder into a small borrowed value tree, for claims and
//! assertions. Byte and text strings borrow from the input unless they were sent in
//! indefinite-length chunks. Depth and item count are bounded by [`Limits`]; a decode never
//! re-encodes, so a claim's original bytes stay what the signature covers.

use crate::bytes::Reader;
use crate::error::{Error, Result};
use crate::limits::Limits;
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
            scalar => scalar.to_json().to_string(),
        }
    }

    /// This value as JSON, for display (byte strings become base64 text).
    pub fn to_json(&self) -> serde_json::Value {
        use base64::Engine;
        use serde_json::Value as J;
        match self {
            Value::Uint(n) => J::from(*n),
            Value::Neg(_) => self.as_i64().map_or(J::Null, J::from),
            Value::Bytes(b) => J::from(base64::engine::general_purpose::STANDARD.encode(b)),
            Value::Text(t) => J::from(t.as_ref()),
            Value::Array(a) => J::Array(a.iter().map(Value::to_json).collect()),
            Value::Map(m) => {
                J::Object(m.iter().map(|(k, v)| (k.key_text(), v.to_json())).collect())
            }
            Value::Tag(_, inner) => inner.to_json(),
            Value::Bool(b) => J::from(*b),
            Value::Null | Value::Simple(_) => J::Null,
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        }
    }
}

/// Decode one CBOR item that must fill `bytes` exactly.
pub fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Value<'a>> {
    let mut d = Decoder {
        r: Reader::new(bytes, "CBOR item"),
        items: 0,
        limits,
    };
    let v = d.item(0)?;
    if !d.r.is_empty() {
        return Err(Error::malformed(format!(
            "expected the end of a CBOR item at offset {}, but found {} more bytes",
            d.r.pos(),
            d.r.remaining()
        )));
    }
    Ok(v)
}

/// Decode the first CBOR item in `bytes`, returning it and the bytes it used.
pub fn decode_prefix<'a>(bytes: &'a [u8], limits: &Limits) -> Result<(Value<'a>, usize)> {
    let mut d = Decoder {
        r: Reader::new(bytes, "CBOR item"),
        items: 0,
        limits,
    };
    let v = d.item(0)?;
    Ok((v, d.r.pos()))
}

struct Decoder<'a, 'l> {
    r: Reader<'a>,
    items: u32,
    limits: &'l Limits,
}

/// Room for exactly the `n` items a definite-length array or map declares (RFC 8949 §3.2.1),
/// the first 64 at most: a growing `Vec` starts at four, so a tree of one-item arrays would
/// take four times the memory of its items.
fn exact<T>(v: &mut Vec<T>, n: u64) -> Result<()> {
    let n = crate::bytes::to_usize(n.min(64), "CBOR count")?;
    v.try_reserve_exact(n)
        .map_err(|_| Error::malformed(format!("cannot reserve {n} CBOR items")))
}

/// Marker for "indefinite length" in the additional-information field (RFC 8949 §3.2.1).
const INDEFINITE: u8 = 31;

impl<'a> Decoder<'a, '_> {
    fn item(&mut self, depth: u32) -> Result<Value<'a>> {
        if depth > self.limits.max_depth {
            return Err(Error::limit(
                "CBOR nesting depth",
                u64::from(self.limits.max_depth),
                "a CBOR item",
            ));
        }
        self.items = self.items.saturating_add(1);
        if self.items > self.limits.max_cbor_items {
            return Err(Error::limit(
                "CBOR item count",
                u64::from(self.limits.max_cbor_items),
                "a CBOR item",
            ));
        }
        let at = self.r.pos();
        let initial = self.r.u8("CBOR initial byte")?;
        let major = initial >> 5;
        let info = initial & 0x1f;
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
            4 => {
                let mut out = Vec::new();
                if info == INDEFINITE {
                    while !self.at_break()? {
                        out.push(self.item(depth.saturating_add(1))?);
                    }
                } else {
                    let n = self.argument(info)?;
                    self.check_count(n, 1)?;
                    exact(&mut out, n)?;
                    for _ in 0..n {
                        out.push(self.item(depth.saturating_add(1))?);
                    }
                }
                Ok(Value::Array(out))
            }
            5 => {
                let mut out = Vec::new();
                if info == INDEFINITE {
                    while !self.at_break()? {
                        let k = self.item(depth.saturating_add(1))?;
                        let v = self.item(depth.saturating_add(1))?;
                        out.push((k, v));
                    }
                } else {
                    let n = self.argument(info)?;
                    self.check_count(n, 2)?;
                    exact(&mut out, n)?;
                    for _ in 0..n {
                        let k = self.item(depth.saturating_add(1))?;
                        let v = self.item(depth.saturating_add(1))?;
                        out.push((k, v));
                    }
                }
                Ok(Value::Map(out))
            }
            6 => {
                let tag = self.argument(info)?;
                Ok(Value::Tag(
                    tag,
                    Box::new(self.item(depth.saturating_add(1))?),
                ))
            }
            _ => self.simple(info, at),
        }
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
            if crate::bytes::to_u64(out.len().saturating_add(part.len()))
                > self.limits.max_metadata_bytes
            {
                return Err(Error::limit(
                    "CBOR string size",
                    self.limits.max_metadata_bytes,
                    "a CBOR item",
                ));
            }
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
mod tests {
    #[test]
    fn map_keys_nested_as_keys_stay_short_in_json() {
        // 30 maps, each the key of the one around it: {{{…{"a": 1}…: 0}: 0}: 0}. Rendering each
        // key as the JSON text of the one inside escaped the quotes again at every level.
        let n = 30;
        let mut bytes = vec![0xA1u8; n];
        bytes.extend([0x61, b'a', 0x01]);
        bytes.extend(std::iter::repeat_n(0x00u8, n - 1));
        let v = decode(&bytes, &Limits::default()).unwrap();
        let json = v.to_json().to_string();
        assert_eq!(json, r#"{"(a map of 1 entries)":0}"#);
        // Scalars and byte strings as keys keep their text.
        let bytes = [0xA3, 0x01, 0x02, 0x42, 0xFF, 0x00, 0xF6, 0xF5, 0x03];
        let v = decode(&bytes, &Limits::default()).unwrap();
        assert_eq!(
            v.to_json(),
            serde_json::json!({"1": 2, "/wA=": null, "true": 3})
        );
    }

    use super::*;

    #[test]
    fn definite_arrays_and_maps_hold_no_more_room_than_they_declare() {
        let l = Limits::default();
        let Ok(Value::Array(a)) = decode(&[0x81, 0x81, 0x01], &l) else {
            panic!("an array")
        };
        assert_eq!(a.capacity(), 1);
        assert!(matches!(a.first(), Some(Value::Array(inner)) if inner.capacity() == 1));
        let Ok(Value::Map(m)) = decode(&[0xa1, 0x01, 0x02], &l) else {
            panic!("a map")
        };
        assert_eq!(m.capacity(), 1);
    }

    #[test]
    fn decodes_rfc8949_examples() {
        let l = Limits::default();
        assert_eq!(decode(&[0x18, 0x64], &l).unwrap(), Value::Uint(100));
        assert_eq!(decode(&[0x38, 0x63], &l).unwrap().as_i64(), Some(-100));
        assert_eq!(decode(&[0xf9, 0x3c, 0x00], &l).unwrap(), Value::Float(1.0));
        assert_eq!(
            decode(&[0x64, 0x49, 0x45, 0x54, 0x46], &l)
                .unwrap()
                .as_text(),
            Some("IETF")
        );
        // {"a": 1, "b": [2, 3]}
        let m = decode(&[0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0x02, 0x03], &l).unwrap();
        assert_eq!(m.get("a"), Some(&Value::Uint(1)));
        assert_eq!(
            m.get("b").and_then(Value::as_array).map(<[_]>::len),
            Some(2)
        );
        // (_ h'0102', h'030405')
        let b = decode(&[0x5f, 0x42, 1, 2, 0x43, 3, 4, 5, 0xff], &l).unwrap();
        assert_eq!(b.as_bytes(), Some(&[1u8, 2, 3, 4, 5][..]));
        // [_ 1, [2, 3]]
        let a = decode(&[0x9f, 0x01, 0x82, 0x02, 0x03, 0xff], &l).unwrap();
        assert_eq!(a.as_array().map(<[_]>::len), Some(2));
    }

    #[test]
    fn rejects_lies_and_bombs() {
        let l = Limits::tiny();
        // An array claiming 2^32 elements in 5 bytes.
        assert!(decode(&[0x9a, 0xff, 0xff, 0xff, 0xff], &l).is_err());
        // A byte string claiming more than remains.
        assert!(decode(&[0x5a, 0x00, 0x01, 0x00, 0x00, 1], &l).is_err());
        // Nesting deeper than the limit.
        let deep = vec![0x81u8; 64];
        assert!(decode(&deep, &l).is_err());
        // Trailing bytes.
        assert!(decode(&[0x01, 0x02], &l).is_err());
        // A stray break.
        assert!(decode(&[0xff], &l).is_err());
        // Bad UTF-8.
        assert!(decode(&[0x61, 0xff], &l).is_err());
    }
}
