//! The X.509 certificate structure (RFC 5280 §4.1) and the extensions the verifier reads
//! (§4.2.1), decoded with the strict reader of [`crate::der`] into owned fields. Only what the
//! checks use is kept; everything is still read and checked as x509-cert 0.2 decoded it
//! (which this replaced), so a certificate refused then is refused now.

use crate::der::{self, oid, tag, Der, Tlv};

/// An AlgorithmIdentifier (RFC 5280 §4.1.1.2): the algorithm and its parameters, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgId {
    /// The algorithm's OBJECT IDENTIFIER content octets.
    pub oid: Vec<u8>,
    /// The parameters item (tag, length and content), when present.
    pub params: Option<Vec<u8>>,
}

impl AlgId {
    /// Read one AlgorithmIdentifier SEQUENCE from `d`.
    pub fn read(d: &mut Der<'_>) -> Option<AlgId> {
        let mut s = d.sequence_of()?;
        let oid = read_oid(&mut s)?;
        let params = if s.is_empty() {
            None
        } else {
            Some(s.any()?.whole.to_vec())
        };
        s.finish()?;
        Some(AlgId { oid, params })
    }

    /// An AlgorithmIdentifier that is all of `data`.
    pub fn parse(data: &[u8]) -> Option<AlgId> {
        let mut d = Der::new(data);
        let a = AlgId::read(&mut d)?;
        d.finish()?;
        Some(a)
    }

    /// The parameters when they are one OBJECT IDENTIFIER (a named EC curve, RFC 5480 §2.1.1).
    pub fn params_oid(&self) -> Option<&[u8]> {
        let t = der::one(self.params.as_deref()?, tag::OID)?;
        oid::valid(t.content).then_some(t.content)
    }
}

/// Read an OBJECT IDENTIFIER from `d`, as const-oid accepted it.
pub fn read_oid(d: &mut Der<'_>) -> Option<Vec<u8>> {
    let o = d.read(tag::OID)?;
    oid::valid(o).then(|| o.to_vec())
}

/// A SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spki {
    /// The key algorithm.
    pub alg: AlgId,
    /// The subjectPublicKey BIT STRING's octets.
    pub key: Vec<u8>,
}

/// One attribute of a name (AttributeTypeAndValue, RFC 5280 §4.1.2.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The attribute type.
    pub oid: Vec<u8>,
    /// The value's content octets (its tag is not needed: see `attr_text` in `mod.rs`).
    pub value: Vec<u8>,
}

/// A distinguished name: its DER as written, and its RDNs in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The Name SEQUENCE as it is in the certificate.
    pub der: Vec<u8>,
    /// The relative distinguished names, each a set of attributes.
    pub rdns: Vec<Vec<Attr>>,
}

impl Name {
    /// Read a Name (an RDNSequence) from `d`. Each RDN is a SET OF AttributeTypeAndValue,
    /// read as `der`'s `SetOfVec` read it: two equal attributes are refused, and the
    /// attributes are put in `der`'s order, which for these encodings is by length, then
    /// octet by octet (its `DerOrd`: the SEQUENCE's length, then the type's length and
    /// octets, then the value's tag, length and octets). When that changes the order,
    /// [`Name::der`] is the name written again in it, as x509-cert's re-encoding was; for the
    /// names seen in practice (one attribute per RDN) it is the bytes as written.
    fn read(d: &mut Der<'_>) -> Option<Name> {
        let t = d.tlv(tag::SEQUENCE)?;
        let mut seq = Der::new(t.content);
        let mut rdns = Vec::new();
        let mut sets: Vec<Vec<u8>> = Vec::new();
        let mut reordered = false;
        let less = |a: &[u8], b: &[u8]| (a.len(), a) < (b.len(), b);
        while !seq.is_empty() {
            let mut set = Der::new(seq.read(tag::SET)?);
            let mut atvs: Vec<&[u8]> = Vec::new();
            while !set.is_empty() {
                atvs.push(set.tlv(tag::SEQUENCE)?.whole);
            }
            if atvs.windows(2).any(|w| matches!(w, [a, b] if less(b, a))) {
                let mut order: Vec<usize> = (0..atvs.len()).collect();
                heap_sort(
                    &mut order,
                    |i, j| matches!((atvs.get(i), atvs.get(j)), (Some(a), Some(b)) if less(a, b)),
                );
                atvs = order.iter().filter_map(|i| atvs.get(*i).copied()).collect();
                reordered = true;
            }
            if atvs.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
                return None;
            }
            let mut rdn = Vec::new();
            for atv in &atvs {
                let mut a = Der::sequence(atv)?;
                let oid = read_oid(&mut a)?;
                let value = a.any()?.content.to_vec();
                a.finish()?;
                rdn.push(Attr { oid, value });
            }
            rdns.push(rdn);
            sets.push(der::encode(tag::SET, &atvs.concat())?);
        }
        let der = if reordered {
            der::encode(tag::SEQUENCE, &sets.concat())?
        } else {
            t.whole.to_vec()
        };
        Some(Name { der, rdns })
    }
}

/// Sort `v` by `less`: a heapsort (no recursion, O(n log n) for a hostile RDN of many
/// attributes), written out because the standard library's sorts add kilobytes to the browser
/// module for this one rarely used call.
fn heap_sort(v: &mut [usize], less: impl Fn(usize, usize) -> bool) {
    let at = |v: &[usize], i: usize| v.get(i).copied().unwrap_or(0);
    let sift = |v: &mut [usize], mut root: usize, end: usize| {
        while let Some(mut child) = root.checked_mul(2).and_then(|c| c.checked_add(1)) {
            if child >= end {
                break;
            }
            let right = child.saturating_add(1);
            if right < end && less(at(v, child), at(v, right)) {
                child = right;
            }
            if !less(at(v, root), at(v, child)) {
                break;
            }
            v.swap(root, child);
            root = child;
        }
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// One extension (RFC 5280 §4.1.2.9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// extnID.
    pub oid: Vec<u8>,
    /// The critical flag (DEFAULT FALSE).
    pub critical: bool,
    /// The extnValue OCTET STRING's content: the extension's own DER.
    pub value: Vec<u8>,
}

/// A decoded certificate: the fields the verifier uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The version number as encoded: 0 for v1 (also when absent), 2 for v3.
    pub version: u8,
    /// The serialNumber INTEGER, whole (tag, length and content).
    pub serial: Vec<u8>,
    /// The issuer name.
    pub issuer: Name,
    /// The subject name.
    pub subject: Name,
    /// notBefore, in seconds since the epoch.
    pub not_before: i64,
    /// notAfter, in seconds since the epoch.
    pub not_after: i64,
    /// The subject's public key.
    pub spki: Spki,
    /// True if issuerUniqueID or subjectUniqueID is present.
    pub unique_ids: bool,
    /// The extensions, if the field is present.
    pub extensions: Option<Vec<Extension>>,
    /// The outer signatureAlgorithm.
    pub signature_algorithm: AlgId,
    /// The signatureValue BIT STRING's octets.
    pub signature: Vec<u8>,
}

/// A BIT STRING item read from `d`: its octets, whatever the unused bits.
fn read_bits<'a>(d: &mut Der<'a>) -> Option<&'a [u8]> {
    der::bit_string(d.read(tag::BIT_STRING)?).map(|(_, b)| b)
}

/// A UTCTime or GeneralizedTime from `d`.
fn read_time(d: &mut Der<'_>) -> Option<i64> {
    let t: Tlv<'_> = d.any()?;
    der::time(&t)
}

impl Certificate {
    /// Decode a certificate that is all of `data`, with the `tbsCertificate` item.
    pub fn parse(data: &[u8]) -> Option<(Certificate, &[u8])> {
        let mut outer = Der::sequence(data)?;
        let tbs = outer.tlv(tag::SEQUENCE)?;
        let signature_algorithm = AlgId::read(&mut outer)?;
        let signature = read_bits(&mut outer)?.to_vec();
        outer.finish()?;

        let mut d = Der::new(tbs.content);
        let version = match d.context(0, true)? {
            Some(v) => {
                let i = der::one(v.content, tag::INTEGER)?;
                u8::try_from(der::small_uint(i.content)?)
                    .ok()
                    .filter(|v| *v <= 2)?
            }
            None => 0,
        };
        let serial = d.tlv(tag::INTEGER)?;
        // x509-cert's RFC 5280 profile: at most 20 octets, or 21 with a sign octet.
        if der::int(serial.content)?.len() > 21 {
            return None;
        }
        AlgId::read(&mut d)?;
        let issuer = Name::read(&mut d)?;
        let mut validity = d.sequence_of()?;
        let not_before = read_time(&mut validity)?;
        let not_after = read_time(&mut validity)?;
        validity.finish()?;
        let subject = Name::read(&mut d)?;
        let mut spki = d.sequence_of()?;
        let alg = AlgId::read(&mut spki)?;
        let key = read_bits(&mut spki)?.to_vec();
        spki.finish()?;
        let mut unique_ids = false;
        for n in [1, 2] {
            if let Some(u) = d.context(n, false)? {
                der::bit_string(u.content)?;
                unique_ids = true;
            }
        }
        let extensions = match d.context(3, true)? {
            Some(e) => Some(read_extensions(e.content)?),
            None => None,
        };
        d.finish()?;
        let cert = Certificate {
            version,
            serial: serial.whole.to_vec(),
            issuer,
            subject,
            not_before,
            not_after,
            spki: Spki { alg, key },
            unique_ids,
            extensions,
            signature_algorithm,
            signature,
        };
        Some((cert, tbs.whole))
    }

    /// The extension with `id`, if present, as `(value DER, critical)`.
    pub fn extension(&self, id: &[u8]) -> Option<(&[u8], bool)> {
        self.extensions
            .iter()
            .flatten()
            .find(|e| e.oid == id)
            .map(|e| (e.value.as_slice(), e.critical))
    }
}

/// `[3] EXPLICIT Extensions`: exactly one SEQUENCE OF Extension.
fn read_extensions(explicit: &[u8]) -> Option<Vec<Extension>> {
    let mut seq = Der::sequence(explicit)?;
    let mut out = Vec::new();
    while !seq.is_empty() {
        let mut e = seq.sequence_of()?;
        let oid = read_oid(&mut e)?;
        let critical = match e.optional(tag::BOOLEAN)? {
            Some(b) => der::boolean(b.content)?,
            None => false,
        };
        let value = e.read(tag::OCTET_STRING)?.to_vec();
        e.finish()?;
        out.push(Extension {
            oid,
            critical,
            value,
        });
    }
    Some(out)
}

/// basicConstraints (RFC 5280 §4.2.1.9): the cA flag. `pathLenConstraint` must fit in a
/// byte, as x509-cert's `u8` field required.
pub fn basic_constraints_ca(value: &[u8]) -> Option<bool> {
    let mut d = Der::sequence(value)?;
    let ca = match d.optional(tag::BOOLEAN)? {
        Some(b) => der::boolean(b.content)?,
        None => false,
    };
    if let Some(n) = d.optional(tag::INTEGER)? {
        u8::try_from(der::small_uint(n.content)?).ok()?;
    }
    d.finish()?;
    Some(ca)
}

/// keyUsage bits (RFC 5280 §4.2.1.3).
pub mod key_usage {
    /// digitalSignature.
    pub const DIGITAL_SIGNATURE: usize = 0;
    /// nonRepudiation (contentCommitment).
    pub const NON_REPUDIATION: usize = 1;
    /// keyCertSign.
    pub const KEY_CERT_SIGN: usize = 5;
}

/// keyUsage as the bits it sets (bit `i` of the result is KeyUsage bit `i`); at most 16
/// bits, as `der`'s `FlagSet<u16>` decoding required.
pub fn key_usage(value: &[u8]) -> Option<u16> {
    let t = der::one(value, tag::BIT_STRING)?;
    let (unused, bits) = der::bit_string(t.content)?;
    let len = bits
        .len()
        .checked_mul(8)?
        .checked_sub(usize::from(unused))?;
    if len > 16 {
        return None;
    }
    let mut flags = 0u16;
    for i in 0..len {
        if der::bit(unused, bits, i) {
            flags |= 1u16.checked_shl(u32::try_from(i).ok()?)?;
        }
    }
    Some(flags)
}

/// extKeyUsage (RFC 5280 §4.2.1.12): the key purposes.
pub fn ext_key_usage(value: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut d = Der::sequence(value)?;
    let mut out = Vec::new();
    while !d.is_empty() {
        out.push(read_oid(&mut d)?);
    }
    Some(out)
}

/// subjectKeyIdentifier (RFC 5280 §4.2.1.2): the key identifier octets.
pub fn subject_key_identifier(value: &[u8]) -> Option<&[u8]> {
    der::one(value, tag::OCTET_STRING).map(|t| t.content)
}

/// True if authorityKeyIdentifier (RFC 5280 §4.2.1.1) is well formed: `[0]` keyIdentifier,
/// `[1]` authorityCertIssuer (GeneralNames, each a known choice, a directoryName a Name) and
/// `[2]` authorityCertSerialNumber, each optional and in order.
pub fn authority_key_identifier_ok(value: &[u8]) -> bool {
    let check = || -> Option<()> {
        let mut d = Der::sequence(value)?;
        d.context(0, false)?;
        if let Some(names) = d.context(1, true)? {
            let mut g = Der::new(names.content);
            while !g.is_empty() {
                general_name(&mut g)?;
            }
        }
        if let Some(serial) = d.context(2, false)? {
            if der::int(serial.content)?.len() > 21 {
                return None;
            }
        }
        d.finish()
    };
    check().is_some()
}

/// One GeneralName (RFC 5280 §4.2.1.6): a choice x509-cert knew, with the text forms IA5.
fn general_name(d: &mut Der<'_>) -> Option<()> {
    let t = d.any()?;
    match t.tag {
        // rfc822Name, dNSName, uniformResourceIdentifier: IA5String.
        0x81 | 0x82 | 0x86 => t.content.is_ascii().then_some(()),
        // directoryName: EXPLICIT Name.
        0xa4 => {
            let mut n = Der::new(t.content);
            Name::read(&mut n)?;
            n.finish()
        }
        // registeredID.
        0x88 => oid::valid(t.content).then_some(()),
        // otherName, x400Address, ediPartyName (constructed), iPAddress.
        0xa0 | 0xa3 | 0xa5 | 0x87 => Some(()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn heap_sort_is_the_standard_sort() {
        // Keys with repeats, runs and reversals; the standard library's sort is the reference.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in [0usize, 1, 2, 3, 7, 64, 1000] {
            let keys: Vec<u64> = (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed % 50
                })
                .collect();
            let mut order: Vec<usize> = (0..n).collect();
            heap_sort(&mut order, |i, j| keys[i] < keys[j]);
            let got: Vec<u64> = order.iter().map(|i| keys[*i]).collect();
            let mut want = keys.clone();
            want.sort();
            assert_eq!(got, want, "{n}");
            let mut seen = order.clone();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }
}
