//! The X.509 certificate structure (RFC 5280 §4.1) and the extensions the verifier reads
//! (§4.2.1), on the strict reader of [`crate::der`]. Reading checks the whole certificate as
//! x509-cert 0.2 decoded it (which this replaced), so a certificate refused then is refused now;
//! what it keeps is where each field lies in the DER ([`Certificate`]: offsets, no copies), and
//! the fields, names and extensions are views of the DER read again when asked for
//! ([`super::Cert`]). OBJECT IDENTIFIERs stay content octets, compared as bytes.

use crate::der::{self, oid, tag, Der, Tlv};

/// Where a field lies in a certificate's DER: offsets from its first byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The span of `part`, which must lie within `base`.
    fn of(base: &[u8], part: &[u8]) -> Option<Span> {
        let start = part.as_ptr().addr().checked_sub(base.as_ptr().addr())?;
        let end = start.checked_add(part.len())?;
        (end <= base.len()).then_some(Span { start, end })
    }

    /// The bytes of `base` at this span (empty for a span outside it, which reading rules out).
    pub fn get(self, base: &[u8]) -> &[u8] {
        base.get(self.start..self.end).unwrap_or_default()
    }
}

/// An AlgorithmIdentifier (RFC 5280 §4.1.1.2): the algorithm and its parameters, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgId<'a> {
    /// The algorithm's OBJECT IDENTIFIER content octets.
    pub oid: &'a [u8],
    /// The parameters item (tag, length and content), when present.
    pub params: Option<&'a [u8]>,
}

impl<'a> AlgId<'a> {
    /// Read one AlgorithmIdentifier SEQUENCE from `d`.
    pub fn read(d: &mut Der<'a>) -> Option<AlgId<'a>> {
        let mut s = d.sequence_of()?;
        let oid = read_oid(&mut s)?;
        let params = if s.is_empty() {
            None
        } else {
            Some(s.any()?.whole)
        };
        s.finish()?;
        Some(AlgId { oid, params })
    }

    /// An AlgorithmIdentifier that is all of `data`.
    pub fn parse(data: &'a [u8]) -> Option<AlgId<'a>> {
        let mut d = Der::new(data);
        let a = AlgId::read(&mut d)?;
        d.finish()?;
        Some(a)
    }

    /// The parameters when they are one OBJECT IDENTIFIER (a named EC curve, RFC 5480 §2.1.1).
    pub fn params_oid(&self) -> Option<&'a [u8]> {
        let t = der::one(self.params?, tag::OID)?;
        oid::valid(t.content).then_some(t.content)
    }
}

/// Read an OBJECT IDENTIFIER from `d`, as const-oid accepted it.
pub fn read_oid<'a>(d: &mut Der<'a>) -> Option<&'a [u8]> {
    let o = d.read(tag::OID)?;
    oid::valid(o).then_some(o)
}

/// A SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spki<'a> {
    /// The key algorithm.
    pub alg: AlgId<'a>,
    /// The subjectPublicKey BIT STRING's octets.
    pub key: &'a [u8],
}

impl<'a> Spki<'a> {
    /// A SubjectPublicKeyInfo SEQUENCE that is all of `data`.
    pub fn parse(data: &'a [u8]) -> Option<Spki<'a>> {
        let mut d = Der::sequence(data)?;
        let alg = AlgId::read(&mut d)?;
        let key = read_bits(&mut d)?;
        d.finish()?;
        Some(Spki { alg, key })
    }
}

/// The contents of the items with tag `tag` of a DER content, in order; it stops at the first
/// item of another tag (the certificate was read whole before, so there is none).
#[derive(Debug, Clone)]
pub struct Items<'a>(Der<'a>, u8);

impl<'a> Iterator for Items<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        self.0.read(self.1)
    }
}

/// The relative distinguished names of a name's DER ([`Name`]), each a SET's content.
pub fn rdns(name: &[u8]) -> Items<'_> {
    let content = der::one(name, tag::SEQUENCE).map_or(&[][..], |t| t.content);
    Items(Der::new(content), tag::SET)
}

/// The attributes of an RDN's content: each attribute's type and its value's content octets
/// (the value's tag is not needed: see `attr_text` in `mod.rs`).
pub fn attrs(rdn: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    Items(Der::new(rdn), tag::SEQUENCE).filter_map(|atv| {
        let mut a = Der::new(atv);
        Some((read_oid(&mut a)?, a.any()?.content))
    })
}

/// A distinguished name: where it lies, or the name written again in `der`'s order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// The Name SEQUENCE as it is in the certificate.
    At(Span),
    /// An RDN's attributes were not in `der`'s order: the name written again in it.
    Sorted(Vec<u8>),
}

impl Name {
    /// The name's DER.
    pub fn get<'s>(&'s self, base: &'s [u8]) -> &'s [u8] {
        match self {
            Name::At(s) => s.get(base),
            Name::Sorted(d) => d,
        }
    }
}

/// Orders AttributeTypeAndValue encodings as `der`'s `DerOrd` did: by length, then octet by
/// octet.
fn less(a: &[u8], b: &[u8]) -> bool {
    (a.len(), a) < (b.len(), b)
}

/// One AttributeTypeAndValue (RFC 5280 §4.1.2.4), checked: a type and one value.
fn attr_ok(atv: &[u8]) -> Option<()> {
    let mut a = Der::sequence(atv)?;
    read_oid(&mut a)?;
    a.any()?;
    a.finish()
}

/// Read a Name (an RDNSequence) of `base` from `d`. Each RDN is a SET OF
/// AttributeTypeAndValue, read as `der`'s `SetOfVec` read it: two equal attributes are
/// refused, and the attributes are put in `der`'s order ([`less`]). When that changes the
/// order, the name is written again in it ([`Name::Sorted`]), as x509-cert's re-encoding was;
/// for the names seen in practice (one attribute per RDN) it is the bytes as written.
fn read_name(d: &mut Der<'_>, base: &[u8]) -> Option<Name> {
    let t = d.tlv(tag::SEQUENCE)?;
    let mut seq = Der::new(t.content);
    let mut in_order = true;
    while !seq.is_empty() {
        let mut set = Der::new(seq.read(tag::SET)?);
        let mut prev: Option<&[u8]> = None;
        while !set.is_empty() {
            let atv = set.tlv(tag::SEQUENCE)?.whole;
            attr_ok(atv)?;
            match prev {
                // Equal neighbours are equal after sorting too.
                Some(p) if atv == p => return None,
                Some(p) if less(atv, p) => in_order = false,
                _ => {}
            }
            prev = Some(atv);
        }
    }
    if in_order {
        Some(Name::At(Span::of(base, t.whole)?))
    } else {
        Some(Name::Sorted(sorted(t.content)?))
    }
}

/// A Name's content (read whole by [`read_name`]) written again with each RDN's attributes in
/// `der`'s order; `None` when an RDN holds two equal attributes.
fn sorted(content: &[u8]) -> Option<Vec<u8>> {
    let mut sets: Vec<Vec<u8>> = Vec::new();
    for set in Items(Der::new(content), tag::SET) {
        let mut atvs: Vec<&[u8]> = Vec::new();
        let mut d = Der::new(set);
        while !d.is_empty() {
            atvs.push(d.tlv(tag::SEQUENCE)?.whole);
        }
        let mut order: Vec<usize> = (0..atvs.len()).collect();
        heap_sort(
            &mut order,
            |i, j| matches!((atvs.get(i), atvs.get(j)), (Some(a), Some(b)) if less(a, b)),
        );
        let atvs: Vec<&[u8]> = order.iter().filter_map(|i| atvs.get(*i).copied()).collect();
        if atvs.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
            return None;
        }
        sets.push(der::encode(tag::SET, &atvs.concat())?);
    }
    der::encode(tag::SEQUENCE, &sets.concat())
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

/// One extension (RFC 5280 §4.1.2.9), a view of the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension<'a> {
    /// extnID.
    pub oid: &'a [u8],
    /// The critical flag (DEFAULT FALSE).
    pub critical: bool,
    /// The extnValue OCTET STRING's content: the extension's own DER.
    pub value: &'a [u8],
}

impl<'a> Extension<'a> {
    /// Read one Extension SEQUENCE's content.
    fn read(content: &'a [u8]) -> Option<Extension<'a>> {
        let mut e = Der::new(content);
        let oid = read_oid(&mut e)?;
        let critical = match e.optional(tag::BOOLEAN)? {
            Some(b) => der::boolean(b.content)?,
            None => false,
        };
        let value = e.read(tag::OCTET_STRING)?;
        e.finish()?;
        Some(Extension {
            oid,
            critical,
            value,
        })
    }
}

/// The extensions of a certificate ([`Certificate::extensions`]'s content), in order.
pub fn extensions(content: &[u8]) -> impl Iterator<Item = Extension<'_>> {
    Items(Der::new(content), tag::SEQUENCE).filter_map(Extension::read)
}

/// Where the fields the verifier uses lie in a certificate's DER, and the small ones decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The version number as encoded: 0 for v1 (also when absent), 2 for v3.
    pub version: u8,
    /// The serialNumber INTEGER, whole (tag, length and content).
    pub serial: Span,
    /// The issuer name.
    pub issuer: Name,
    /// The subject name.
    pub subject: Name,
    /// notBefore, in seconds since the epoch.
    pub not_before: i64,
    /// notAfter, in seconds since the epoch.
    pub not_after: i64,
    /// The SubjectPublicKeyInfo SEQUENCE, whole.
    pub spki: Span,
    /// True if issuerUniqueID or subjectUniqueID is present.
    pub unique_ids: bool,
    /// The content of the Extensions SEQUENCE, if the field is present.
    pub extensions: Option<Span>,
    /// The outer signatureAlgorithm SEQUENCE, whole.
    pub signature_algorithm: Span,
    /// The signatureValue BIT STRING's octets.
    pub signature: Span,
    /// The `tbsCertificate` item, whole (RFC 5280 §4.1.1.3: the signed bytes).
    pub tbs: Span,
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
    /// Read a certificate that is all of `data`.
    pub fn parse(data: &[u8]) -> Option<Certificate> {
        let at = |part: &[u8]| Span::of(data, part);
        let mut outer = Der::sequence(data)?;
        let tbs = outer.tlv(tag::SEQUENCE)?;
        let signature_algorithm = outer.tlv(tag::SEQUENCE)?.whole;
        AlgId::parse(signature_algorithm)?;
        let signature = at(read_bits(&mut outer)?)?;
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
        let issuer = read_name(&mut d, data)?;
        let mut validity = d.sequence_of()?;
        let not_before = read_time(&mut validity)?;
        let not_after = read_time(&mut validity)?;
        validity.finish()?;
        let subject = read_name(&mut d, data)?;
        let spki = d.tlv(tag::SEQUENCE)?.whole;
        Spki::parse(spki)?;
        let mut unique_ids = false;
        for n in [1, 2] {
            if let Some(u) = d.context(n, false)? {
                der::bit_string(u.content)?;
                unique_ids = true;
            }
        }
        let extensions = match d.context(3, true)? {
            Some(e) => Some(at(read_extensions(e.content)?)?),
            None => None,
        };
        d.finish()?;
        Some(Certificate {
            version,
            serial: at(serial.whole)?,
            issuer,
            subject,
            not_before,
            not_after,
            spki: at(spki)?,
            unique_ids,
            extensions,
            signature_algorithm: at(signature_algorithm)?,
            signature,
            tbs: at(tbs.whole)?,
        })
    }
}

/// `[3] EXPLICIT Extensions`: exactly one SEQUENCE OF Extension, each read whole; its content.
fn read_extensions(explicit: &[u8]) -> Option<&[u8]> {
    let content = der::one(explicit, tag::SEQUENCE)?.content;
    let mut seq = Der::new(content);
    while !seq.is_empty() {
        Extension::read(seq.read(tag::SEQUENCE)?)?;
    }
    Some(content)
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
pub fn ext_key_usage(value: &[u8]) -> Option<Vec<&[u8]>> {
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
            read_name(&mut n, t.content)?;
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
