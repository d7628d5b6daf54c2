//! Claims v1 (`c2pa.claim`) and v2 (`c2pa.claim.v2`) (C2PA 2.2 §10): the fields a reader needs
//! and every hashed-URI reference to an assertion. The claim's original CBOR bytes are kept as a
//! borrowed slice: the signature covers exactly those bytes, so they are never re-encoded.

use super::cbor::{self, Value};
use crate::error::{Error, Result};
use crate::limits::C2paBudget;
use std::borrow::Cow;

/// A hashed URI (C2PA 2.2 §8.4.2): a JUMBF URI, an optional algorithm and the expected hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedUri<'a> {
    /// The JUMBF URI, e.g. `self#jumbf=c2pa.assertions/c2pa.hash.data`: where it lies in the
    /// claim (a claim may name a thousand URIs of kilobytes each).
    pub url: Cow<'a, str>,
    /// The hash algorithm named next to it, if any.
    pub alg: Option<String>,
    /// The expected hash.
    pub hash: Vec<u8>,
}

impl<'a> HashedUri<'a> {
    /// Read a hashed-URI map.
    pub fn from_value(v: &Value<'a>) -> Option<HashedUri<'a>> {
        Some(HashedUri {
            url: v.get("url")?.as_text_cow()?,
            alg: v.get("alg").and_then(Value::as_text).map(str::to_owned),
            hash: v.get("hash")?.as_bytes()?.to_vec(),
        })
    }

    /// The last path component of the URI: an assertion or manifest label.
    pub fn last_label(&self) -> &str {
        self.url.rsplit('/').next().unwrap_or(&self.url)
    }
}

/// A reference from the claim to an assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssertionRef<'a> {
    /// The hashed URI.
    pub uri: HashedUri<'a>,
    /// False for v2 `gathered_assertions`, which the signer does not vouch for.
    pub created: bool,
}

/// A parsed claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<'a> {
    /// 1 or 2.
    pub version: u8,
    /// The exact CBOR bytes, as signed.
    pub bytes: &'a [u8],
    /// The "made with" name.
    pub generator: Option<String>,
    /// `dc:title`.
    pub title: Option<String>,
    /// The default hash algorithm for hashed URIs.
    pub alg: Option<String>,
    /// The JUMBF URI of the signature.
    pub signature: Option<String>,
    /// Every assertion reference, in claim order.
    pub assertions: Vec<AssertionRef<'a>>,
}

impl<'a> Claim<'a> {
    /// Decode a claim of the given box label (`c2pa.claim` or `c2pa.claim.v2`).
    pub fn parse(label: &str, bytes: &'a [u8], budget: &C2paBudget<'_>) -> Result<Claim<'a>> {
        let v = cbor::decode(bytes, budget)?;
        if v.as_map().is_none() {
            return Err(Error::malformed(
                "expected a CBOR map as the claim, but found another item",
            ));
        }
        let version = if label == "c2pa.claim.v2" { 2 } else { 1 };
        let text = |k: &str| v.get(k).and_then(Value::as_text).map(str::to_owned);
        let mut assertions = Vec::new();
        let lists: &[(&str, bool)] = if version == 2 {
            &[("created_assertions", true), ("gathered_assertions", false)]
        } else {
            &[("assertions", true)]
        };
        for (key, created) in lists {
            for item in v.get(key).and_then(Value::as_array).unwrap_or_default() {
                // Each reference is looked up and gets a status entry.
                if assertions.len() >= crate::limits::count(budget.limits.max_assertions) {
                    return Err(Error::limit(
                        "assertion count (max_assertions)",
                        u64::from(budget.limits.max_assertions),
                        "a claim",
                    ));
                }
                if let Some(uri) = HashedUri::from_value(item) {
                    assertions.push(AssertionRef {
                        uri,
                        created: *created,
                    });
                }
            }
        }
        Ok(Claim {
            version,
            bytes,
            generator: generator(&v),
            // Kept only for the report: cut as it copies strings (a title may be megabytes).
            title: v
                .get("dc:title")
                .and_then(Value::as_text)
                .map(super::copies::label),
            alg: text("alg"),
            signature: text("signature"),
            assertions,
        })
    }
}

/// The "made with" name: `claim_generator_info.name` (+ version), else v1 `claim_generator`,
/// cut as the report cuts what it copies.
fn generator(v: &Value<'_>) -> Option<String> {
    let info = match v.get("claim_generator_info") {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    let from_info = info.and_then(|i| {
        let name = i.get("name")?.as_text()?;
        Some(match i.get("version").and_then(Value::as_text) {
            Some(ver) => super::copies::label(&format!("{name} {ver}")),
            None => super::copies::label(name),
        })
    });
    v.get("claim_generator")
        .and_then(Value::as_text)
        .map(super::copies::label)
        .or(from_info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_v2_lists_and_generator() {
        // {"claim_generator_info": {"name": "g"}, "created_assertions": [{"url": "u", "hash": h'01'}],
        //  "gathered_assertions": [{"url": "v", "hash": h'02'}]}
        let mut b = vec![0xa3];
        b.extend_from_slice(&[0x74]);
        b.extend_from_slice(b"claim_generator_info");
        b.extend_from_slice(&[0xa1, 0x64]);
        b.extend_from_slice(b"name");
        b.extend_from_slice(&[0x61, b'g']);
        b.push(0x72);
        b.extend_from_slice(b"created_assertions");
        b.extend_from_slice(&[0x81, 0xa2, 0x63]);
        b.extend_from_slice(b"url");
        b.extend_from_slice(&[0x61, b'u', 0x64]);
        b.extend_from_slice(b"hash");
        b.extend_from_slice(&[0x41, 0x01]);
        b.push(0x73);
        b.extend_from_slice(b"gathered_assertions");
        b.extend_from_slice(&[0x81, 0xa2, 0x63]);
        b.extend_from_slice(b"url");
        b.extend_from_slice(&[0x61, b'v', 0x64]);
        b.extend_from_slice(b"hash");
        b.extend_from_slice(&[0x41, 0x02]);
        let limits = crate::limits::Limits::default();
        let c = Claim::parse("c2pa.claim.v2", &b, &C2paBudget::new(&limits)).unwrap();
        assert_eq!(c.version, 2);
        assert_eq!(c.generator.as_deref(), Some("g"));
        assert_eq!(c.assertions.len(), 2);
        assert!(c.assertions[0].created && !c.assertions[1].created);
        assert_eq!(c.bytes, &b[..]);
    }

    /// A claim listing more than `max_assertions` assertions is not read, and the error names
    /// the limit; one listing that many is read.
    #[test]
    fn a_claim_lists_at_most_max_assertions() {
        let claim = |n: u8| {
            // {"created_assertions": [n × {"url": "u", "hash": h'01'}]}
            let mut b = vec![0xa1, 0x72];
            b.extend_from_slice(b"created_assertions");
            b.push(0x98);
            b.push(n);
            for _ in 0..n {
                b.extend_from_slice(&[0xa2, 0x63]);
                b.extend_from_slice(b"url");
                b.extend_from_slice(&[0x61, b'u', 0x64]);
                b.extend_from_slice(b"hash");
                b.extend_from_slice(&[0x41, 0x01]);
            }
            b
        };
        let l = crate::limits::Limits {
            max_assertions: 3,
            ..crate::limits::Limits::default()
        };
        let three = claim(3);
        assert_eq!(
            Claim::parse("c2pa.claim.v2", &three, &C2paBudget::new(&l))
                .unwrap()
                .assertions
                .len(),
            3
        );
        let four = claim(4);
        let e = Claim::parse("c2pa.claim.v2", &four, &C2paBudget::new(&l)).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::LimitExceeded);
        assert!(e.message().contains("(max_assertions)"), "{}", e.message());
    }
}
