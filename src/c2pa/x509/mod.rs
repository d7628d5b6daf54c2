//! X.509 certificates for C2PA signers and timestamp authorities (RFC 5280, C2PA §14.5):
//! parsing ([`cert`], on the strict reader of [`crate::der`]), names and times for the
//! report, the signer profile ([`profile`]), chain building
//! to trust anchors under a signature-check [`Budget`] ([`chain`]) and raw signature checks
//! ([`keys`]).

pub mod cert;
pub mod chain;
pub mod keys;
pub mod profile;

use crate::bytes::hex;
use crate::c2pa::report::Certificate as CertSummary;
use crate::crypto::Crypto;
use crate::der::oid;
use crate::time::rfc3339;
use cert::{AlgId, Certificate, Extension, Span, Spki};
use std::borrow::Cow;

/// What a view falls back to if a field checked when the certificate was read did not read
/// again (it always does: the bytes are the same).
const NO_ALG: AlgId<'static> = AlgId {
    oid: &[],
    params: None,
};

/// A certificate: its DER, borrowed from the input it came in (a COSE `x5chain`, a time-stamp
/// token) or owned (a trust anchor, parsed once from its list), and where its fields lie in it.
/// Every field is a view of the DER.
#[derive(Debug, Clone)]
pub struct Cert<'a> {
    der: Cow<'a, [u8]>,
    at: Certificate,
}

/// The content of the first DER TLV in `data`: `(whole TLV, content, rest)`. Looser than
/// [`crate::der`] on purpose (any tag octet, non-minimal lengths): the time-stamp token walk
/// (`timestamp.rs`) and the fuzz body have always read CMS with it, and what they extract
/// (OIDs, AlgorithmIdentifiers, certificates) then goes through the strict reader.
pub fn der_tlv(data: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let first_len = *data.get(1)?;
    let (len, hdr) = if first_len < 0x80 {
        (usize::from(first_len), 2usize)
    } else {
        let n = usize::from(first_len & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in data.get(2..2usize.checked_add(n)?)? {
            len = len.checked_mul(256)?.checked_add(usize::from(*b))?;
        }
        (len, 2usize.checked_add(n)?)
    };
    let end = hdr.checked_add(len)?;
    Some((data.get(..end)?, data.get(hdr..end)?, data.get(end..)?))
}

impl<'a> Cert<'a> {
    /// Read one DER certificate, borrowing it; `None` when it is not one.
    pub fn parse(der: &'a [u8]) -> Option<Cert<'a>> {
        Some(Cert {
            at: Certificate::parse(der)?,
            der: Cow::Borrowed(der),
        })
    }
}

impl Cert<'static> {
    /// Read one DER certificate, keeping it; `None` when it is not one.
    pub fn owned(der: Vec<u8>) -> Option<Cert<'static>> {
        Some(Cert {
            at: Certificate::parse(&der)?,
            der: Cow::Owned(der),
        })
    }
}

impl Cert<'_> {
    /// The certificate DER, as given.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate DER, kept.
    pub fn into_der(self) -> Vec<u8> {
        self.der.into_owned()
    }

    /// The bytes at `s` (one function, so that the views below stay small).
    #[inline(never)]
    fn bytes(&self, s: Span) -> &[u8] {
        s.get(&self.der)
    }

    /// The exact DER of `tbsCertificate` (RFC 5280 §4.1.1.3: the signed bytes).
    pub fn tbs(&self) -> &[u8] {
        self.bytes(self.at.tbs)
    }

    /// The version number as encoded: 0 for v1 (also when absent), 2 for v3.
    pub fn version(&self) -> u8 {
        self.at.version
    }

    /// The serialNumber INTEGER, whole (tag, length and content).
    pub fn serial(&self) -> &[u8] {
        self.bytes(self.at.serial)
    }

    /// The subject's public key.
    pub fn spki(&self) -> Spki<'_> {
        Spki::parse(self.bytes(self.at.spki)).unwrap_or(Spki {
            alg: NO_ALG,
            key: &[],
        })
    }

    /// True if issuerUniqueID or subjectUniqueID is present.
    pub fn unique_ids(&self) -> bool {
        self.at.unique_ids
    }

    /// The outer signatureAlgorithm.
    pub fn signature_algorithm(&self) -> AlgId<'_> {
        AlgId::parse(self.bytes(self.at.signature_algorithm)).unwrap_or(NO_ALG)
    }

    /// The signatureValue BIT STRING's octets.
    pub fn signature(&self) -> &[u8] {
        self.bytes(self.at.signature)
    }

    /// The extensions, in order (none when the field is absent).
    pub fn extensions(&self) -> impl Iterator<Item = Extension<'_>> {
        cert::extensions(self.bytes(self.at.extensions.unwrap_or_default()))
    }

    /// The issuer name as DER, as written in the certificate (or again in `der`'s order, see
    /// [`cert::Name`]).
    pub fn issuer_der(&self) -> Option<&[u8]> {
        Some(self.at.issuer.get(&self.der))
    }

    /// The subject name as DER, as written in the certificate (or again in `der`'s order).
    pub fn subject_der(&self) -> Option<&[u8]> {
        Some(self.at.subject.get(&self.der))
    }

    /// Not-before and not-after, in seconds since the Unix epoch.
    pub fn validity(&self) -> (i64, i64) {
        (self.at.not_before, self.at.not_after)
    }

    /// True if `t` lies within the validity period (RFC 5280 §4.1.2.5, both ends inclusive).
    pub fn valid_at(&self, t: i64) -> bool {
        let (nb, na) = self.validity();
        nb <= t && t <= na
    }

    /// The first extension `id`, if present and decoded by `decode`, with its critical flag.
    pub fn extension<'s, T>(
        &'s self,
        id: &[u8],
        decode: impl Fn(&'s [u8]) -> Option<T>,
    ) -> Option<(T, bool)> {
        let e = self.find_extension(id)?;
        decode(e.value).map(|v| (v, e.critical))
    }

    /// The first extension `id` (kept out of [`Cert::extension`], which is generic).
    fn find_extension(&self, id: &[u8]) -> Option<Extension<'_>> {
        self.extensions().find(|e| e.oid == id)
    }

    /// True if basicConstraints says cA (RFC 5280 §4.2.1.9).
    pub fn is_ca(&self) -> bool {
        self.extension(oid::BASIC_CONSTRAINTS, cert::basic_constraints_ca)
            .is_some_and(|(ca, _)| ca)
    }

    /// The subject distinguished name, RFC 4514 style.
    pub fn subject(&self) -> String {
        dn_string(self.at.subject.get(&self.der))
    }

    /// The issuer distinguished name, RFC 4514 style.
    pub fn issuer(&self) -> String {
        dn_string(self.at.issuer.get(&self.der))
    }

    /// The first attribute `id` of the subject (or issuer) name, as text.
    pub fn name_attr(&self, issuer: bool, id: &[u8]) -> Option<String> {
        let name = if issuer {
            &self.at.issuer
        } else {
            &self.at.subject
        };
        for rdn in cert::rdns(name.get(&self.der)) {
            if let Some((_, value)) = cert::attrs(rdn).find(|(oid, _)| *oid == id) {
                return attr_text(value).map(str::to_owned);
            }
        }
        None
    }

    /// SHA-256 of the DER (`None` while a replay pass has no answer yet).
    pub fn sha256(&self, crypto: &dyn Crypto) -> Option<[u8; 32]> {
        crate::crypto::sha256(crypto, &self.der)
    }

    /// The summary the report shows.
    pub fn summary(&self, crypto: &dyn Crypto) -> CertSummary {
        let (nb, na) = self.validity();
        CertSummary {
            subject: self.subject(),
            issuer: self.issuer(),
            not_before: rfc3339(nb),
            not_after: rfc3339(na),
            sha256: self.sha256(crypto).map(|h| hex(&h)).unwrap_or_default(),
        }
    }

    /// True if the subject and issuer names are the same DER (self-issued, RFC 5280 §3.2).
    pub fn self_issued(&self) -> bool {
        self.subject_der() == self.issuer_der()
    }
}

/// Bounds the work of one verification, webpki style: every signature check and every
/// chain step spends from it (Limits.max_signature_checks, Limits.max_chain_len).
#[derive(Debug, Clone)]
pub struct Budget {
    signatures: u32,
    /// The longest chain accepted, end entity and anchor included.
    pub max_chain_len: u32,
}

impl Budget {
    /// A budget from the limits.
    pub fn new(limits: &crate::limits::Limits) -> Budget {
        Budget {
            signatures: limits.max_signature_checks,
            max_chain_len: limits.max_chain_len,
        }
    }

    /// True while at least one signature check remains.
    pub fn has_checks_left(&self) -> bool {
        self.signatures > 0
    }

    /// Spend one signature check; `false` when the budget is exhausted.
    pub fn spend(&mut self) -> bool {
        match self.signatures.checked_sub(1) {
            Some(n) => {
                self.signatures = n;
                true
            }
            None => false,
        }
    }
}

/// An attribute value as text: its content octets when they are UTF-8. (x509-cert decoded
/// UTF8String, PrintableString and IA5String and fell back to the raw octets when UTF-8, which
/// comes to the same; TeletexString and BMPString values in the wild are nearly always ASCII.)
fn attr_text(value: &[u8]) -> Option<&str> {
    std::str::from_utf8(value).ok()
}

/// Short names of the attribute types a C2PA certificate uses (RFC 4519, RFC 4514 §3), by
/// their content octets (checked against the dotted forms by a test). Kept here rather than an
/// OID name database, which would weigh on the browser module.
const ATTR_NAMES: &[(&[u8], &str)] = &[
    (&[0x55, 0x04, 0x03], "CN"),
    (&[0x55, 0x04, 0x0a], "O"),
    (&[0x55, 0x04, 0x0b], "OU"),
    (&[0x55, 0x04, 0x06], "C"),
    (&[0x55, 0x04, 0x07], "L"),
    (&[0x55, 0x04, 0x08], "ST"),
    (&[0x55, 0x04, 0x09], "STREET"),
    (&[0x55, 0x04, 0x05], "serialNumber"),
    (&[0x55, 0x04, 0x04], "SN"),
    (&[0x55, 0x04, 0x2a], "GN"),
    (&[0x55, 0x04, 0x0c], "title"),
    (&[0x55, 0x04, 0x61], "organizationIdentifier"),
    (DC, "DC"),
    (UID, "UID"),
    (EMAIL, "emailAddress"),
];
/// domainComponent, 0.9.2342.19200300.100.1.25.
const DC: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19];
/// userId, 0.9.2342.19200300.100.1.1.
const UID: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01];
/// emailAddress, 1.2.840.113549.1.9.1.
const EMAIL: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];

/// A distinguished name (its DER) as an RFC 4514 string: RDNs last-first, `+` between
/// multi-valued attributes, special characters escaped (RFC 4514 §2.4).
fn dn_string(name: &[u8]) -> String {
    // Attribute types and tags take more room in DER than the short names and separators.
    let mut out = String::with_capacity(name.len());
    let rdns: Vec<&[u8]> = cert::rdns(name).collect();
    for rdn in rdns.iter().rev() {
        if !out.is_empty() {
            out.push(',');
        }
        for (i, (id, value)) in cert::attrs(rdn).enumerate() {
            if i > 0 {
                out.push('+');
            }
            match ATTR_NAMES.iter().find(|(o, _)| *o == id) {
                Some((_, key)) => out.push_str(key),
                None => out.push_str(&oid::to_dotted(id)),
            }
            out.push('=');
            let hex_form;
            let value = match attr_text(value) {
                Some(text) => text,
                None => {
                    hex_form = format!("#{}", hex(value));
                    &hex_form
                }
            };
            for (j, c) in value.chars().enumerate() {
                let edge = j == 0 && (c == ' ' || c == '#');
                if edge || matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';') {
                    out.push('\\');
                }
                out.push(c);
            }
            if value.ends_with(' ') {
                out.pop();
                out.push_str("\\ ");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_runs_out() {
        let mut b = Budget::new(&crate::limits::Limits::tiny());
        assert!((0..4).all(|_| b.spend()));
        assert!(!b.spend());
    }

    #[test]
    fn attribute_names_are_their_dotted_forms() {
        let dotted = [
            "2.5.4.3",
            "2.5.4.10",
            "2.5.4.11",
            "2.5.4.6",
            "2.5.4.7",
            "2.5.4.8",
            "2.5.4.9",
            "2.5.4.5",
            "2.5.4.4",
            "2.5.4.42",
            "2.5.4.12",
            "2.5.4.97",
            "0.9.2342.19200300.100.1.25",
            "0.9.2342.19200300.100.1.1",
            "1.2.840.113549.1.9.1",
        ];
        assert_eq!(ATTR_NAMES.len(), dotted.len());
        for ((bytes, name), d) in ATTR_NAMES.iter().zip(dotted) {
            assert_eq!(oid::from_dotted(d).as_deref(), Some(*bytes), "{name}");
        }
    }
}
