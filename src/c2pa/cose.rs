//! COSE_Sign1 as C2PA uses it for the claim signature (RFC 9052 §4.2, C2PA 2.x §13.2 and
//! FORMATS.md §1.4), read with the bounded [`crate::c2pa::cbor`] decoder: the header fields a
//! validator needs (`alg`, `x5chain`, `sigTst`/`sigTst2`, `rVals`), and the exact
//! `Sig_structure` / `CounterSignature` to-be-signed bytes.

use crate::bytes::{to_u64, try_reserve};
use crate::c2pa::cbor::{decode, Value};
use crate::error::{Error, Result};
use crate::limits::C2paBudget;
use std::borrow::Cow;

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

/// The parts of a `COSE_Sign1` a C2PA validator uses. Byte strings are borrowed from the bytes
/// parsed, copied only when CBOR wrote them in chunks (an indefinite length, RFC 8949 §3.2.3),
/// and only what is used is kept: a signature of 4,000 certificates, or of 2,000 time-stamp
/// tokens and 2,000 OCSP responses, cost a copy of each.
#[derive(Debug, Clone)]
pub struct CoseSign1<'a> {
    /// The protected header bucket, exactly as stored (the bstr content).
    pub protected_raw: Cow<'a, [u8]>,
    /// The `alg` header (label 1), if an integer.
    pub alg_id: Option<i64>,
    /// The certificate chain, end entity first (x5chain: label 33 or "x5chain"): its first
    /// `Limits::max_chain_len` certificates, the most a chain is built from (c2pa-rs reads them
    /// all; those after are not used).
    pub x5chain: Vec<Cow<'a, [u8]>>,
    /// True if the chain came from the unprotected header.
    pub x5chain_unprotected: bool,
    /// The attached payload, if not detached.
    pub payload: Option<Cow<'a, [u8]>>,
    /// The signature bytes.
    pub signature: Cow<'a, [u8]>,
    /// The first timestamp token (of `sigTst2`, else of `sigTst`) and the header it came from:
    /// the one checked (c2pa-rs too looks at one).
    pub timestamp: Option<(TstVersion, Cow<'a, [u8]>)>,
    /// How many OCSP responses are stapled (`rVals.ocspVals`); none is evaluated ([`super::ocsp`]).
    pub ocsp_count: usize,
}

/// `part` borrowed from `bytes` when it lies there, else copied (a byte string decoded from
/// chunks, or read from a copy such as the protected header's).
fn keep<'a>(bytes: &'a [u8], part: &[u8]) -> Cow<'a, [u8]> {
    let start = part.as_ptr().addr().checked_sub(bytes.as_ptr().addr());
    match start.and_then(|s| bytes.get(s..s.checked_add(part.len())?)) {
        Some(b) => Cow::Borrowed(b),
        None => Cow::Owned(part.to_vec()),
    }
}

/// Parse a `COSE_Sign1_Tagged` (tag 18) or untagged `COSE_Sign1` (RFC 9052 §4.2).
pub fn parse<'a>(cose: &'a [u8], budget: &C2paBudget<'_>) -> Result<CoseSign1<'a>> {
    let mut top = decode(cose, budget)?;
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
        <[Value<'_>; 4]>::try_from(parts).map_err(|p| {
            Error::malformed(format!(
                "expected a cbor array of 4 in the claim signature, but found {} items",
                p.len()
            ))
        })?;
    // Borrowed; some writers tag byte strings (e.g. tag 64, a uint8 typed array), as
    // `Value::as_bytes` allows, and those are copied.
    let protected_raw = match protected {
        Value::Bytes(b) => b,
        other => Cow::Owned(
            other
                .as_bytes()
                .ok_or_else(|| {
                    Error::malformed(
                        "expected a byte string for the protected header in COSE_Sign1",
                    )
                })?
                .to_vec(),
        ),
    };
    let prot = if protected_raw.is_empty() {
        Value::Map(Vec::new())
    } else {
        decode(&protected_raw, budget)?
    };
    if !matches!(prot, Value::Map(_)) || !matches!(unprotected, Value::Map(_)) {
        return Err(Error::malformed(
            "expected cbor maps for the COSE_Sign1 headers, but found another item",
        ));
    }
    let alg_id = prot.get_int(1).and_then(Value::as_i64);
    // 33 wins over the deprecated string label; the protected bucket wins over the unprotected.
    let found = [(&prot, false), (&unprotected, true)]
        .into_iter()
        .find_map(|(map, unprot)| {
            map.get_int(33)
                .or_else(|| map.get("x5chain"))
                .map(|v| (v, unprot))
        });
    let (items, x5chain_unprotected) = match found {
        Some((Value::Array(items), unprot)) => (items.as_slice(), unprot),
        Some((one, unprot)) => (std::slice::from_ref(one), unprot),
        None => (&[][..], false),
    };
    if items.iter().any(|c| c.as_bytes().is_none()) {
        return Err(Error::malformed(
            "expected a byte string or an array of byte strings for x5chain",
        ));
    }
    // Only the first `Limits::max_chain_len` are kept (c2pa-rs reads them all).
    let chain = items
        .iter()
        .take(crate::limits::count(budget.limits.max_chain_len));
    let x5chain = chain
        .filter_map(Value::as_bytes)
        .map(|c| keep(cose, c))
        .collect();
    let payload = match &payload {
        Value::Bytes(b) => Some(keep(cose, b)),
        Value::Null => None,
        _ => {
            return Err(Error::malformed(
                "expected a byte string or nil for the COSE_Sign1 payload",
            ))
        }
    };
    let signature = signature
        .as_bytes()
        .ok_or_else(|| Error::malformed("expected a byte string for the COSE_Sign1 signature"))?;
    let signature = keep(cose, signature);
    let timestamp = [("sigTst2", TstVersion::V2), ("sigTst", TstVersion::V1)]
        .into_iter()
        .find_map(|(label, version)| {
            let tokens = unprotected.get(label)?.get("tstTokens")?.as_array()?;
            let token = tokens.iter().find_map(|t| t.get("val")?.as_bytes())?;
            Some((version, keep(cose, token)))
        });
    let ocsp_count = unprotected
        .get("rVals")
        .and_then(|r| r.get("ocspVals"))
        .and_then(Value::as_array)
        .unwrap_or_default()
        .iter()
        .filter(|v| v.as_bytes().is_some())
        .count();
    Ok(CoseSign1 {
        protected_raw,
        alg_id,
        x5chain,
        x5chain_unprotected,
        payload,
        signature,
        timestamp,
        ocsp_count,
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

    /// The protected header is borrowed; the chain's first `max_chain_len` certificates, the
    /// first time-stamp token and the number of OCSP responses are kept: a signature of 4,000
    /// certificates, or of 2,000 tokens and 2,000 responses, cost a copy of each.
    #[test]
    fn keeps_a_borrowed_chain_of_max_chain_len_and_one_token() {
        let bstr = |b: &[u8]| {
            let mut o = Vec::new();
            encode_bstr(&mut o, b);
            o
        };
        // Protected {1: -7, 33: [20 × h'3000']}.
        let mut prot = vec![0xa2, 0x01, 0x26, 0x18, 0x21, 0x94];
        for _ in 0..20 {
            prot.extend(bstr(&[0x30, 0x00]));
        }
        // Unprotected {"sigTst": {"tstTokens": [{"val": h'01'}, {"val": h'02'}]},
        //  "rVals": {"ocspVals": [h'03', h'04', h'05']}}.
        let mut unprot = vec![0xa2, 0x66];
        unprot.extend_from_slice(b"sigTst");
        unprot.extend_from_slice(&[0xa1, 0x69]);
        unprot.extend_from_slice(b"tstTokens");
        unprot.push(0x82);
        for t in [1u8, 2] {
            unprot.extend_from_slice(&[0xa1, 0x63]);
            unprot.extend_from_slice(b"val");
            unprot.extend(bstr(&[t]));
        }
        unprot.push(0x65);
        unprot.extend_from_slice(b"rVals");
        unprot.extend_from_slice(&[0xa1, 0x68]);
        unprot.extend_from_slice(b"ocspVals");
        unprot.push(0x83);
        for o in [3u8, 4, 5] {
            unprot.extend(bstr(&[o]));
        }
        let mut cose = vec![0xd2, 0x84];
        cose.extend(bstr(&prot));
        cose.extend(unprot);
        cose.push(0xf6);
        cose.extend(bstr(&[9; 64]));
        let l = crate::limits::Limits::default();
        let s = parse(&cose, &C2paBudget::new(&l)).unwrap();
        assert_eq!(s.alg_id, Some(-7));
        assert_eq!(s.x5chain.len(), 10);
        assert!(s
            .x5chain
            .iter()
            .all(|c| matches!(c, Cow::Borrowed([0x30, 0x00]))));
        assert!(matches!(s.protected_raw, Cow::Borrowed(p) if p == &prot[..]));
        let token = s.timestamp.as_ref().map(|(v, t)| (*v, t.as_ref()));
        assert_eq!(token, Some((TstVersion::V1, &[1u8][..])));
        assert_eq!(s.ocsp_count, 3);
    }

    #[test]
    fn byte_strings_are_borrowed_unless_chunked() {
        // [h'{1: -7, 33: h'0102'}', {}, nil, h'AABB']: the chain in the protected header.
        let bytes = [
            0x84, 0x48, 0xa2, 0x01, 0x26, 0x18, 0x21, 0x42, 0x01, 0x02, 0xa0, 0xf6, 0x42, 0xaa,
            0xbb,
        ];
        let l = crate::limits::Limits::default();
        let s = parse(&bytes, &C2paBudget::new(&l)).unwrap();
        let within = |b: &Cow<'_, [u8]>| {
            matches!(b, Cow::Borrowed(_))
                && bytes.as_ptr_range().contains(&b.as_ptr())
                && bytes.as_ptr_range().end >= b.as_ptr_range().end
        };
        assert_eq!(s.alg_id, Some(-7));
        assert_eq!(s.x5chain, [[1u8, 2].as_slice()]);
        assert!(within(&s.protected_raw) && within(&s.signature));
        assert!(s.x5chain.iter().all(within) && !s.x5chain_unprotected);
        // The signature as an indefinite-length byte string of two chunks: a copy, the same bytes.
        let mut chunked = bytes[..12].to_vec();
        chunked.extend([0x5f, 0x41, 0xaa, 0x41, 0xbb, 0xff]);
        let s = parse(&chunked, &C2paBudget::new(&l)).unwrap();
        assert!(matches!(s.signature, Cow::Owned(_)));
        assert_eq!(*s.signature, [0xaa, 0xbb]);
    }
}
