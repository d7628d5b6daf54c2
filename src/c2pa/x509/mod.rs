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
use cert::Certificate;

/// A parsed certificate with its DER and the raw `tbsCertificate` bytes the issuer signed.
#[derive(Debug, Clone)]
pub struct Cert {
    /// The certificate DER, as given.
    pub der: Vec<u8>,
    /// The decoded certificate.
    pub cert: Certificate,
    /// The exact DER of `tbsCertificate` (RFC 5280 §4.1.1.3: the signed bytes).
    pub tbs: Vec<u8>,
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

impl Cert {
    /// Parse one DER certificate; `None` when it is not one.
    pub fn parse(der: &[u8]) -> Option<Cert> {
        let (cert, tbs) = Certificate::parse(der)?;
        Some(Cert {
            der: der.to_vec(),
            tbs: tbs.to_vec(),
            cert,
        })
    }

    /// The issuer name as DER, as written in the certificate.
    pub fn issuer_der(&self) -> Option<&[u8]> {
        Some(&self.cert.issuer.der)
    }

    /// The subject name as DER, as written in the certificate.
    pub fn subject_der(&self) -> Option<&[u8]> {
        Some(&self.cert.subject.der)
    }

    /// Not-before and not-after, in seconds since the Unix epoch.
    pub fn validity(&self) -> (i64, i64) {
        (self.cert.not_before, self.cert.not_after)
    }

    /// True if `t` lies within the validity period (RFC 5280 §4.1.2.5, both ends inclusive).
    pub fn valid_at(&self, t: i64) -> bool {
        let (nb, na) = self.validity();
        nb <= t && t <= na
    }

    /// The extension with `id`, if present and decoded by `decode`, with its critical flag.
    pub fn extension<T>(
        &self,
        id: &[u8],
        decode: impl Fn(&[u8]) -> Option<T>,
    ) -> Option<(T, bool)> {
        let (value, critical) = self.cert.extension(id)?;
        decode(value).map(|v| (v, critical))
    }

    /// True if basicConstraints says cA (RFC 5280 §4.2.1.9).
    pub fn is_ca(&self) -> bool {
        self.extension(oid::BASIC_CONSTRAINTS, cert::basic_constraints_ca)
            .is_some_and(|(ca, _)| ca)
    }

    /// The subject distinguished name, RFC 4514 style.
    pub fn subject(&self) -> String {
        dn_string(&self.cert.subject)
    }

    /// The issuer distinguished name, RFC 4514 style.
    pub fn issuer(&self) -> String {
        dn_string(&self.cert.issuer)
    }

    /// The first attribute `id` of the subject (or issuer) name, as text.
    pub fn name_attr(&self, issuer: bool, id: &[u8]) -> Option<String> {
        let name = if issuer {
            &self.cert.issuer
        } else {
            &self.cert.subject
        };
        name.rdns
            .iter()
            .flatten()
            .find(|a| a.oid == id)
            .and_then(attr_text)
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
        self.cert.subject.der == self.cert.issuer.der
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
fn attr_text(a: &cert::Attr) -> Option<String> {
    String::from_utf8(a.value.clone()).ok()
}

/// Short names of the attribute types a C2PA certificate uses (RFC 4519, RFC 4514 §3). Kept
/// here rather than an OID name database, which would weigh on the browser module.
const ATTR_NAMES: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "ST"),
    ("2.5.4.9", "STREET"),
    ("2.5.4.5", "serialNumber"),
    ("2.5.4.4", "SN"),
    ("2.5.4.42", "GN"),
    ("2.5.4.12", "title"),
    ("2.5.4.97", "organizationIdentifier"),
    ("0.9.2342.19200300.100.1.25", "DC"),
    ("0.9.2342.19200300.100.1.1", "UID"),
    ("1.2.840.113549.1.9.1", "emailAddress"),
];

/// A distinguished name as an RFC 4514 string: RDNs last-first, `+` between multi-valued
/// attributes, special characters escaped (RFC 4514 §2.4).
fn dn_string(name: &cert::Name) -> String {
    let mut out = String::new();
    for rdn in name.rdns.iter().rev() {
        if !out.is_empty() {
            out.push(',');
        }
        for (i, a) in rdn.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            let oid = oid::to_dotted(&a.oid);
            let key = ATTR_NAMES
                .iter()
                .find(|(o, _)| *o == oid)
                .map_or(oid.as_str(), |(_, n)| *n);
            out.push_str(key);
            out.push('=');
            let value = attr_text(a).unwrap_or_else(|| format!("#{}", hex(&a.value)));
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
}
