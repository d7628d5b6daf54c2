//! RFC 3161 timestamps on the claim signature (C2PA §10.3.2.5, FORMATS §1.4): the token is a
//! CMS SignedData (RFC 5652 §5) whose content is a TSTInfo (RFC 3161 §2.4.2). We check the
//! message imprint against the COSE `CounterSignature` bytes, the CMS signature (over the
//! signed attributes, whose messageDigest must match the TSTInfo), the TSA certificate's
//! profile and validity at `genTime`, and its chain to the TSA anchors.

use super::cose::{encode_bstr, to_be_signed, TstVersion};
use super::x509::cert::{self, AlgId};
use super::x509::chain::{self, ChainOutcome};
use super::x509::keys::{self, Hash};
use super::x509::profile::{self, EKU_TIME_STAMPING};
use super::x509::{der_tlv, Budget, Cert};
use crate::crypto::Crypto;
use crate::der::oid::{self, CT_TSTINFO, MESSAGE_DIGEST, SIGNED_DATA};
use crate::time::parse_generalized_time;

/// An OBJECT IDENTIFIER item (tag, length, content) that is `want`, as const-oid read it.
fn is_oid(item: &[u8], want: &[u8]) -> Option<bool> {
    let t = crate::der::one(item, crate::der::tag::OID)?;
    oid::valid(t.content).then_some(t.content == want)
}

/// What checking one timestamp token found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TstOutcome {
    /// Could not be read (`timeStamp.malformed`).
    Malformed(String),
    /// Its imprint is not of this signature (`timeStamp.mismatch`).
    Mismatch(String),
    /// Read and matched, but the TSA certificate was not valid at `genTime`
    /// (`timeStamp.outsideValidity`).
    OutsideValidity(String),
    /// Its CMS signature does not verify, or the TSA certificate is not acceptable for
    /// time-stamping (`timeStamp.untrusted`, as c2pa-rs 0.91 `verify_time_stamp` reports both).
    Untrusted(String),
    /// Verified: `genTime` in seconds since the epoch, and whether the TSA chains to an anchor.
    Verified {
        /// The TSTInfo genTime.
        time: i64,
        /// True if the TSA certificate chains to a TSA anchor.
        trusted: bool,
    },
}

/// One DER item: `(tag byte, whole TLV, content)`.
type Tlv<'a> = (u8, &'a [u8], &'a [u8]);

/// Split DER `data` into its top-level TLVs: `(tag byte, whole, content)`.
fn tlvs(mut data: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        let (whole, content, rest) = der_tlv(data)?;
        out.push((*whole.first()?, whole, content));
        data = rest;
    }
    Some(out)
}

/// The content of a TLV with tag `tag`.
fn expect<'a>(item: Option<&Tlv<'a>>, tag: u8) -> Option<(&'a [u8], &'a [u8])> {
    item.filter(|i| i.0 == tag).map(|i| (i.1, i.2))
}

struct Token<'a> {
    tst_info: &'a [u8],
    certs: Vec<Cert<'a>>,
    digest_alg: Hash,
    signed_attrs: Option<&'a [u8]>,
    sig_alg: AlgId<'a>,
    signature: &'a [u8],
    sid: &'a [u8],
}

/// Read a TimeStampToken, or the token inside a TimeStampResp (old `sigTst` wrote those).
fn read_token(data: &[u8]) -> Option<Token<'_>> {
    let (_, outer, _) = der_tlv(data)?;
    let items = tlvs(outer)?;
    let ci = match items.first()? {
        (0x06, _, _) => outer,
        // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken OPTIONAL }
        (0x30, _, _) => expect(items.get(1), 0x30)?.1,
        _ => return None,
    };
    let ci = tlvs(ci)?;
    if !is_oid(expect(ci.first(), 0x06)?.0, SIGNED_DATA)? {
        return None;
    }
    let sd = der_tlv(expect(ci.get(1), 0xa0)?.1)?.1;
    let sd = tlvs(sd)?;
    let encap = tlvs(expect(sd.get(2), 0x30)?.1)?;
    if !is_oid(expect(encap.first(), 0x06)?.0, CT_TSTINFO)? {
        return None;
    }
    let (_, econtent, _) = der_tlv(expect(encap.get(1), 0xa0)?.1)?;
    let mut rest = sd.get(3..)?.iter().peekable();
    let mut certs = Vec::new();
    if let Some((0xa0, _, content)) = rest.peek() {
        for (_, whole, _) in tlvs(content)? {
            if let Some(c) = Cert::parse(whole) {
                certs.push(c);
            }
        }
        rest.next();
    }
    if let Some((0xa1, _, _)) = rest.peek() {
        rest.next();
    }
    let (_, _, infos) = rest.next().filter(|i| i.0 == 0x31)?;
    let (_, si, _) = der_tlv(infos)?;
    let si = tlvs(si)?;
    let sid = si.get(1)?.1;
    let digest_alg = AlgId::parse(expect(si.get(2), 0x30)?.0)?;
    let mut i = 3;
    let signed_attrs = match si.get(3) {
        Some((0xa0, whole, _)) => {
            i = 4;
            Some(*whole)
        }
        _ => None,
    };
    let sig_alg = AlgId::parse(expect(si.get(i), 0x30)?.0)?;
    let signature = expect(si.get(i.checked_add(1)?), 0x04)?.1;
    Some(Token {
        tst_info: econtent,
        certs,
        digest_alg: keys::hash_of_oid(digest_alg.oid)?,
        signed_attrs,
        sig_alg,
        signature,
        sid,
    })
}

/// The messageDigest attribute value among DER signed attributes (RFC 5652 §11.2).
fn message_digest(attrs_content: &[u8]) -> Option<&[u8]> {
    for (_, _, attr) in tlvs(attrs_content)? {
        let parts = tlvs(attr)?;
        let (oid, _) = expect(parts.first(), 0x06)?;
        if is_oid(oid, MESSAGE_DIGEST)? {
            let (_, values) = expect(parts.get(1), 0x31)?;
            let (_, v, _) = der_tlv(values)?;
            return Some(v);
        }
    }
    None
}

/// The imprint hash and genTime of a TSTInfo.
fn read_tst_info(der: &[u8]) -> Option<(AlgId<'_>, &[u8], i64)> {
    let (_, seq, _) = der_tlv(der)?;
    let f = tlvs(seq)?;
    let imprint = tlvs(expect(f.get(2), 0x30)?.1)?;
    let alg = AlgId::parse(expect(imprint.first(), 0x30)?.0)?;
    let hashed = expect(imprint.get(1), 0x04)?.1;
    let time = parse_generalized_time(expect(f.get(4), 0x18)?.1)?;
    Some((alg, hashed, time))
}

/// The bytes a C2PA timestamp's imprint covers (FORMATS §1.4, c2pa-rs `sigtst.rs`).
pub fn imprint_input(
    version: TstVersion,
    protected_raw: &[u8],
    claim: &[u8],
    cose_signature: &[u8],
) -> Option<Vec<u8>> {
    match version {
        TstVersion::V1 => to_be_signed("CounterSignature", protected_raw, claim).ok(),
        TstVersion::V2 => {
            let mut payload = Vec::new();
            encode_bstr(&mut payload, cose_signature);
            to_be_signed("CounterSignature", protected_raw, &payload).ok()
        }
    }
}

/// Check one token whose imprint must cover `imprinted`, with the TSA anchors `anchors`.
pub fn verify_token(
    crypto: &dyn Crypto,
    token: &[u8],
    imprinted: &[u8],
    anchors: &[Cert<'_>],
    budget: &mut Budget,
) -> TstOutcome {
    let Some(t) = read_token(token) else {
        return TstOutcome::Malformed("the timestamp token is not a CMS SignedData TSTInfo".into());
    };
    let Some((alg, hashed, time)) = read_tst_info(t.tst_info) else {
        return TstOutcome::Malformed("the TSTInfo could not be read".into());
    };
    let Some(h) = keys::hash_of_oid(alg.oid) else {
        return TstOutcome::Malformed("the timestamp imprint uses an unsupported hash".into());
    };
    if !crypto.digest(h, &[imprinted]).matches(hashed) {
        return TstOutcome::Mismatch("the timestamp imprint does not match this signature".into());
    }
    // The signer certificate: matched by issuer+serial or subject key id (RFC 5652 §5.3).
    let signer = t.certs.iter().find(|c| match der_tlv(t.sid) {
        // IssuerAndSerialNumber: the issuer name, then the serial.
        Some((w, content, _)) if w.first() == Some(&0x30) => c
            .issuer_der()
            .and_then(|issuer| content.strip_prefix(issuer))
            .is_some_and(|serial| serial == c.serial()),
        Some((w, content, _)) if w.first() == Some(&0x80) => {
            let ski = c.extension(oid::SUBJECT_KEY_IDENTIFIER, cert::subject_key_identifier);
            ski.map(|(s, _)| s) == Some(content)
        }
        _ => false,
    });
    let Some(signer) = signer else {
        return TstOutcome::Malformed(
            "the timestamp token does not carry its signer certificate".into(),
        );
    };
    let spki = &signer.spki();
    let signed_ok = budget.spend()
        && match t.signed_attrs {
            Some(whole) => {
                let content = der_tlv(whole).map(|(_, c, _)| c).unwrap_or_default();
                let md = crypto.digest(t.digest_alg, &[t.tst_info]);
                let md_ok = message_digest(content).is_some_and(|m| md.matches(m));
                // The signature covers the attributes re-tagged as SET OF (RFC 5652 §5.4).
                let mut set = whole.to_vec();
                if let Some(b) = set.first_mut() {
                    *b = 0x31;
                }
                md_ok && keys::verify_cms(crypto, t.digest_alg, &t.sig_alg, spki, &set, t.signature)
            }
            None => keys::verify_cms(
                crypto,
                t.digest_alg,
                &t.sig_alg,
                spki,
                t.tst_info,
                t.signature,
            ),
        };
    if !signed_ok {
        return TstOutcome::Untrusted("the timestamp token's signature does not verify".into());
    }
    match profile::check_end_entity(signer, &[EKU_TIME_STAMPING], time) {
        Ok(()) => {}
        Err(profile::ProfileError::Expired(s)) => return TstOutcome::OutsideValidity(s),
        Err(profile::ProfileError::Invalid(s)) => return TstOutcome::Untrusted(s),
    }
    let intermediates: Vec<&Cert> = t
        .certs
        .iter()
        .filter(|c| c.der() != signer.der())
        .take(usize::try_from(budget.max_chain_len).unwrap_or(0))
        .collect();
    let trusted = matches!(
        chain::build(crypto, signer, &intermediates, anchors, time, budget),
        ChainOutcome::Anchored(_)
    );
    TstOutcome::Verified { time, trusted }
}
