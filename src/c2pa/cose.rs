//! COSE_Sign1 as C2PA uses it for the claim signature (RFC 9052 §4.2, C2PA 2.x §13.2 and
//! FORMATS.md §1.4): a small bounded CBOR reader that keeps the raw bytes of every item, the
//! header fields a validator needs (`alg`, `x5chain`, `sigTst`/`sigTst2`, `rVals`), and the
//! exact `Sig_structure` / `CounterSignature` to-be-signed bytes.

use crate::bytes::{to_u64, try_reserve, Reader};
use crate::error::{Error, Result};
use crate::limits::Limits;

/// A decoded CBOR item that borrows its strings from the input (RFC 8949 §3).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// Major type 0.
    Uint(u64),
    /// Major type 1: the value is `-1 - n`.
    Nint(u64),
    /// Major type 2 (definite length only).
    Bytes(&'a [u8]),
    /// Major type 3 (definite length only).
    Text(&'a str),
    /// Major type 4.
    Array(Vec<Value<'a>>),
    /// Major type 5, in input order.
    Map(Vec<(Value<'a>, Value<'a>)>),
    /// Major type 6.
    Tag(u64, Box<Value<'a>>),
    /// Major type 7: `false`, `true`, `null`, `undefined`, floats and other simple values.
    Simple(u8),
    /// A float (its bits are not needed here).
    Float,
}

impl<'a> Value<'a> {
    /// The integer value, if this is an integer that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Uint(n) => i64::try_from(*n).ok(),
            Value::Nint(n) => i64::try_from(*n).ok().map(|n| -1 - n),
            _ => None,
        }
    }

    /// The byte string, if this is one.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The map entry whose key is the text `key`.
    pub fn get_text(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Map(m) => m
                .iter()
                .find(|(k, _)| matches!(k, Value::Text(t) if *t == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The map entry whose key is the integer `key`.
    pub fn get_int(&self, key: i64) -> Option<&Value<'a>> {
        match self {
            Value::Map(m) => m
                .iter()
                .find(|(k, _)| k.as_i64() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Decode exactly one CBOR item filling all of `data`.
pub fn decode<'a>(data: &'a [u8], limits: &Limits, what: &'static str) -> Result<Value<'a>> {
    let mut dec = Decoder {
        r: Reader::new(data, what),
        items: 0,
        max_items: limits.max_cbor_items,
        max_depth: limits.max_depth,
    };
    let v = dec.item(0)?;
    if !dec.r.is_empty() {
        return Err(Error::malformed(format!(
            "expected the end of {what} at offset {}, but found {} more bytes",
            dec.r.offset(),
            dec.r.remaining()
        )));
    }
    Ok(v)
}

struct Decoder<'a> {
    r: Reader<'a>,
    items: u32,
    max_items: u32,
    max_depth: u32,
}

/// The "break" stop code of an indefinite-length item, as a sentinel.
const BREAK: u8 = 0xff;

impl<'a> Decoder<'a> {
    fn argument(&mut self, info: u8) -> Result<Option<u64>> {
        Ok(Some(match info {
            0..=23 => u64::from(info),
            24 => u64::from(self.r.u8("cbor argument")?),
            25 => u64::from(self.r.u16_be("cbor argument")?),
            26 => u64::from(self.r.u32_be("cbor argument")?),
            27 => self.r.u64_be("cbor argument")?,
            31 => return Ok(None),
            _ => {
                return Err(Error::malformed(format!(
                    "expected a cbor additional-information value in {} at offset {}, but found reserved value {info}",
                    "cbor item",
                    self.r.offset()
                )))
            }
        }))
    }

    fn item(&mut self, depth: u32) -> Result<Value<'a>> {
        if depth > self.max_depth {
            return Err(Error::limit(
                "cbor nesting depth",
                u64::from(self.max_depth),
                "cbor item",
            ));
        }
        self.items = self.items.saturating_add(1);
        if self.items > self.max_items {
            return Err(Error::limit(
                "cbor item count",
                u64::from(self.max_items),
                "cbor item",
            ));
        }
        let at = self.r.offset();
        let head = self.r.u8("cbor head")?;
        let major = head >> 5;
        let info = head & 0x1f;
        let arg = self.argument(info)?;
        match (major, arg) {
            (0, Some(n)) => Ok(Value::Uint(n)),
            (1, Some(n)) => Ok(Value::Nint(n)),
            (2, Some(n)) => Ok(Value::Bytes(self.r.take_len(n, "cbor byte string")?)),
            (3, Some(n)) => {
                let b = self.r.take_len(n, "cbor text string")?;
                let s = std::str::from_utf8(b).map_err(|_| {
                    Error::malformed(format!(
                        "expected utf-8 in the cbor text string at offset {at}, but found \"{}\"",
                        crate::error::escape(b, 32)
                    ))
                })?;
                Ok(Value::Text(s))
            }
            (4, n) => {
                let mut out = Vec::new();
                self.collect(n, depth, |d, out: &mut Vec<Value<'a>>| {
                    let v = d.item(depth.saturating_add(1))?;
                    out.push(v);
                    Ok(())
                }, &mut out)?;
                Ok(Value::Array(out))
            }
            (5, n) => {
                let mut out = Vec::new();
                self.collect(n, depth, |d, out: &mut Vec<(Value<'a>, Value<'a>)>| {
                    let k = d.item(depth.saturating_add(1))?;
                    let v = d.item(depth.saturating_add(1))?;
                    out.push((k, v));
                    Ok(())
                }, &mut out)?;
                Ok(Value::Map(out))
            }
            (6, Some(t)) => Ok(Value::Tag(t, Box::new(self.item(depth.saturating_add(1))?))),
            (7, Some(n)) if info <= 24 => Ok(Value::Simple(u8::try_from(n).unwrap_or(0))),
            (7, Some(_)) => Ok(Value::Float),
            _ => Err(Error::unsupported(format!(
                "expected a definite-length cbor item at offset {at}, but found head byte 0x{head:02x}"
            ))),
        }
    }

    /// Read `n` elements (or until "break" when `n` is `None`) with `each`.
    fn collect<T>(
        &mut self,
        n: Option<u64>,
        _depth: u32,
        mut each: impl FnMut(&mut Self, &mut Vec<T>) -> Result<()>,
        out: &mut Vec<T>,
    ) -> Result<()> {
        match n {
            Some(n) => {
                // Every element takes at least one byte: a count beyond what remains is a lie.
                if n > to_u64(self.r.remaining()) {
                    return Err(Error::malformed(format!(
                        "expected at most {} cbor elements at offset {}, but the count claims {n}",
                        self.r.remaining(),
                        self.r.offset()
                    )));
                }
                try_reserve(out, usize::try_from(n).unwrap_or(0), "cbor container")?;
                for _ in 0..n {
                    each(self, out)?;
                }
            }
            None => loop {
                if self.r.peek(1) == Some(&[BREAK]) {
                    self.r.skip(1, "cbor break")?;
                    break;
                }
                each(self, out)?;
            },
        }
        Ok(())
    }
}

/// COSE algorithm identifiers C2PA allows (C2PA §13.2.1; IANA COSE Algorithms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// ECDSA P-256 / SHA-256 (−7).
    Es256,
    /// ECDSA P-384 / SHA-384 (−35).
    Es384,
    /// ECDSA P-521 / SHA-512 (−36).
    Es512,
    /// RSASSA-PSS / SHA-256 (−37).
    Ps256,
    /// RSASSA-PSS / SHA-384 (−38).
    Ps384,
    /// RSASSA-PSS / SHA-512 (−39).
    Ps512,
    /// EdDSA, Ed25519 only (−8).
    Ed25519,
}

impl Alg {
    /// The algorithm for a COSE `alg` value, if C2PA allows it.
    pub fn from_cose(id: i64) -> Option<Alg> {
        Some(match id {
            -7 => Alg::Es256,
            -35 => Alg::Es384,
            -36 => Alg::Es512,
            -37 => Alg::Ps256,
            -38 => Alg::Ps384,
            -39 => Alg::Ps512,
            -8 => Alg::Ed25519,
            _ => return None,
        })
    }

    /// The name c2pa-rs reports (`ES256`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
            Alg::Es512 => "ES512",
            Alg::Ps256 => "PS256",
            Alg::Ps384 => "PS384",
            Alg::Ps512 => "PS512",
            Alg::Ed25519 => "Ed25519",
        }
    }
}

/// Which timestamp header carried a token (FORMATS §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TstVersion {
    /// `sigTst` (deprecated): the imprint covers the claim bytes.
    V1,
    /// `sigTst2`: the imprint covers the COSE signature as a CBOR bstr.
    V2,
}

/// The parts of a `COSE_Sign1` a C2PA validator uses.
#[derive(Debug, Clone)]
pub struct CoseSign1<'a> {
    /// The protected header bucket, exactly as stored (the bstr content).
    pub protected_raw: &'a [u8],
    /// The `alg` header (label 1), if an integer.
    pub alg_id: Option<i64>,
    /// The certificate chain, end entity first (x5chain: label 33 or "x5chain").
    pub x5chain: Vec<&'a [u8]>,
    /// True if the chain came from the unprotected header.
    pub x5chain_unprotected: bool,
    /// The attached payload, if not detached.
    pub payload: Option<&'a [u8]>,
    /// The signature bytes.
    pub signature: &'a [u8],
    /// Timestamp tokens and which header they came from.
    pub timestamps: Vec<(TstVersion, &'a [u8])>,
    /// Stapled OCSP responses (`rVals.ocspVals`).
    pub ocsp_vals: Vec<&'a [u8]>,
}

/// Parse a `COSE_Sign1_Tagged` (tag 18) or untagged `COSE_Sign1` (RFC 9052 §4.2).
pub fn parse<'a>(bytes: &'a [u8], limits: &Limits) -> Result<CoseSign1<'a>> {
    let mut top = decode(bytes, limits, "cose_sign1")?;
    if let Value::Tag(tag, inner) = top {
        if tag != 18 {
            return Err(Error::malformed(format!(
                "expected cbor tag 18 (COSE_Sign1) in the claim signature, but found tag {tag}"
            )));
        }
        top = *inner;
    }
    let Value::Array(parts) = top else {
        return Err(Error::malformed(
            "expected a cbor array of 4 in the claim signature, but found another item",
        ));
    };
    let [protected, unprotected, payload, signature] =
        <[Value<'a>; 4]>::try_from(parts).map_err(|p| {
            Error::malformed(format!(
                "expected a cbor array of 4 in the claim signature, but found {} items",
                p.len()
            ))
        })?;
    let protected_raw = protected.as_bytes().ok_or_else(|| {
        Error::malformed("expected a byte string for the protected header in COSE_Sign1")
    })?;
    let prot = if protected_raw.is_empty() {
        Value::Map(Vec::new())
    } else {
        decode(protected_raw, limits, "cose protected header")?
    };
    if !matches!(prot, Value::Map(_)) || !matches!(unprotected, Value::Map(_)) {
        return Err(Error::malformed(
            "expected cbor maps for the COSE_Sign1 headers, but found another item",
        ));
    }
    let payload = match payload {
        Value::Bytes(b) => Some(b),
        Value::Simple(22) => None,
        _ => {
            return Err(Error::malformed(
                "expected a byte string or nil for the COSE_Sign1 payload",
            ))
        }
    };
    let signature = signature
        .as_bytes()
        .ok_or_else(|| Error::malformed("expected a byte string for the COSE_Sign1 signature"))?;
    let alg_id = prot.get_int(1).and_then(Value::as_i64);

    // 33 wins over the deprecated string label; the protected bucket wins over the unprotected.
    let mut x5chain = Vec::new();
    let mut x5chain_unprotected = false;
    let found = [(&prot, false), (&unprotected, true)]
        .into_iter()
        .find_map(|(map, unprot)| {
            map.get_int(33)
                .or_else(|| map.get_text("x5chain"))
                .map(|v| (v, unprot))
        });
    if let Some((v, unprot)) = found {
        x5chain_unprotected = unprot;
        match v {
            Value::Bytes(b) => x5chain.push(*b),
            Value::Array(items) => {
                for it in items {
                    x5chain.push(it.as_bytes().ok_or_else(|| {
                        Error::malformed("expected byte strings in the COSE x5chain array")
                    })?);
                }
            }
            _ => {
                return Err(Error::malformed(
                    "expected a byte string or array for x5chain",
                ))
            }
        }
    }

    let mut timestamps = Vec::new();
    for (label, version) in [("sigTst2", TstVersion::V2), ("sigTst", TstVersion::V1)] {
        if let Some(Value::Array(tokens)) = unprotected
            .get_text(label)
            .and_then(|t| t.get_text("tstTokens"))
        {
            for tok in tokens {
                if let Some(val) = tok.get_text("val").and_then(Value::as_bytes) {
                    timestamps.push((version, val));
                }
            }
        }
    }
    let mut ocsp_vals = Vec::new();
    if let Some(Value::Array(vals)) = unprotected
        .get_text("rVals")
        .and_then(|r| r.get_text("ocspVals"))
    {
        ocsp_vals.extend(vals.iter().filter_map(Value::as_bytes));
    }
    Ok(CoseSign1 {
        protected_raw,
        alg_id,
        x5chain,
        x5chain_unprotected,
        payload,
        signature,
        timestamps,
        ocsp_vals,
    })
}

/// Append a CBOR head (major type + argument) in the shortest form (RFC 8949 §4.2.1).
pub fn encode_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    if let Ok(b) = u8::try_from(n) {
        if b < 24 {
            out.push(m | b);
        } else {
            out.extend([m | 24, b]);
        }
    } else if let Ok(s) = u16::try_from(n) {
        out.push(m | 25);
        out.extend(s.to_be_bytes());
    } else if let Ok(s) = u32::try_from(n) {
        out.push(m | 26);
        out.extend(s.to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend(n.to_be_bytes());
    }
}

/// Append a CBOR byte string.
pub fn encode_bstr(out: &mut Vec<u8>, b: &[u8]) {
    encode_head(out, 2, to_u64(b.len()));
    out.extend_from_slice(b);
}

/// The to-be-signed bytes: CBOR `[context, body_protected, external_aad = h'', payload]`
/// (RFC 9052 §4.4). `context` is `"Signature1"` for the claim signature and
/// `"CounterSignature"` for a C2PA timestamp's message imprint (C2PA §10.3.2.5).
pub fn to_be_signed(context: &str, protected_raw: &[u8], payload: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let total = protected_raw
        .len()
        .checked_add(payload.len())
        .and_then(|n| n.checked_add(context.len()))
        .and_then(|n| n.checked_add(32))
        .ok_or_else(|| Error::malformed("cose to-be-signed bytes overflow"))?;
    try_reserve(&mut out, total, "cose to-be-signed bytes")?;
    encode_head(&mut out, 4, 4);
    encode_head(&mut out, 3, to_u64(context.len()));
    out.extend_from_slice(context.as_bytes());
    encode_bstr(&mut out, protected_raw);
    encode_bstr(&mut out, &[]);
    encode_bstr(&mut out, payload);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sig_structure_is_exact() {
        // ["Signature1", h'A10126', h'', h'01']
        let tbs = to_be_signed("Signature1", &[0xa1, 0x01, 0x26], &[1]).unwrap();
        let mut want = vec![0x84, 0x6a];
        want.extend(b"Signature1");
        want.extend([0x43, 0xa1, 0x01, 0x26, 0x40, 0x41, 0x01]);
        assert_eq!(tbs, want);
    }

    #[test]
    fn decoder_refuses_lying_counts_and_depth() {
        let l = Limits::default();
        assert!(decode(
            &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            &l,
            "t"
        )
        .is_err());
        let deep = vec![0x81; 100];
        assert!(decode(&deep, &l, "t").is_err());
        assert_eq!(decode(&[0x38, 0x22], &l, "t").unwrap().as_i64(), Some(-35));
        assert!(decode(&[0x9f, 0x01, 0xff], &l, "t").is_ok());
    }
}
