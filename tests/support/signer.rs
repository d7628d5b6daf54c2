//! The test signer: a COSE_Sign1 over claim bytes (RFC 9052 §4.4, C2PA §13.2) with x5chain
//! where a test wants it, and an RFC 3161 timestamp token from a test TSA (CMS SignedData,
//! RFC 5652 §5, TSTInfo RFC 3161 §2.4.2) in `sigTst2`.

use super::asn1::*;
use super::cbor::{enc, t, C};
use super::pki::Issued;
use sha2::{Digest, Sha256};

/// Where the certificate chain goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    Protected,
    ProtectedText,
    Unprotected,
    UnprotectedText,
}

pub struct Tsa<'a> {
    pub cert: &'a Issued,
    pub gen_time: i64,
    /// Write a deprecated `sigTst` (v1: imprint over the claim, token wrapped in a
    /// TimeStampResp) instead of `sigTst2`.
    pub v1: bool,
    /// Certificates besides the TSA's own to carry in the token (its intermediates).
    pub extra: Vec<Vec<u8>>,
    /// Corrupt the imprint (for mismatch tests).
    pub wrong_imprint: bool,
}

/// CBOR `[context, protected, h'', payload]` written independently of the library.
pub fn tbs(context: &str, protected: &[u8], payload: &[u8]) -> Vec<u8> {
    enc(&C::A(vec![
        t(context),
        C::B(protected.to_vec()),
        C::B(vec![]),
        C::B(payload.to_vec()),
    ]))
}

pub struct Signed {
    pub cose: Vec<u8>,
}

/// Sign `claim` with `signer` (alg `alg`), chain = signer cert + `chain_rest`.
pub fn sign(
    claim: &[u8],
    signer: &Issued,
    chain_rest: &[&[u8]],
    alg: i64,
    place: Place,
    tsa: Option<&Tsa>,
) -> Signed {
    sign_with(claim, signer, chain_rest, alg, place, tsa, &[])
}

/// [`sign`], also stapling OCSP responses in `rVals`.
pub fn sign_with(
    claim: &[u8],
    signer: &Issued,
    chain_rest: &[&[u8]],
    alg: i64,
    place: Place,
    tsa: Option<&Tsa>,
    ocsp: &[&[u8]],
) -> Signed {
    let mut chain = vec![C::B(signer.der.clone())];
    chain.extend(chain_rest.iter().map(|c| C::B(c.to_vec())));
    let x5 = if chain.len() == 1 {
        chain.remove(0)
    } else {
        C::A(chain)
    };
    let label = |text: bool| if text { t("x5chain") } else { C::U(33) };
    let mut prot = vec![(C::U(1), C::N(alg))];
    let mut unprot = vec![];
    match place {
        Place::Protected => prot.push((label(false), x5)),
        Place::ProtectedText => prot.push((label(true), x5)),
        Place::Unprotected => unprot.push((label(false), x5)),
        Place::UnprotectedText => unprot.push((label(true), x5)),
    }
    let protected = enc(&C::M(prot));
    let sig = signer
        .key
        .sign_cose(alg, &tbs("Signature1", &protected, claim));
    if let Some(tsa) = tsa {
        // sigTst2: the imprint covers the signature as a CBOR bstr; sigTst: the claim itself
        // (FORMATS §1.4).
        let payload = if tsa.v1 {
            claim.to_vec()
        } else {
            enc(&C::B(sig.clone()))
        };
        let mut imprint = Sha256::digest(tbs("CounterSignature", &protected, &payload)).to_vec();
        if tsa.wrong_imprint {
            imprint[0] ^= 1;
        }
        let mut token = timestamp_token(tsa.cert, &tsa.extra, &imprint, tsa.gen_time);
        let label = if tsa.v1 {
            // TimeStampResp ::= SEQUENCE { status PKIStatusInfo { granted(0) }, token }
            token = seq(&[&seq(&[&int(0)]), &token]);
            "sigTst"
        } else {
            "sigTst2"
        };
        unprot.push((
            t(label),
            C::M(vec![(
                t("tstTokens"),
                C::A(vec![C::M(vec![(t("val"), C::B(token))])]),
            )]),
        ));
    }
    if !ocsp.is_empty() {
        let vals = ocsp.iter().map(|v| C::B(v.to_vec())).collect();
        unprot.push((t("rVals"), C::M(vec![(t("ocspVals"), C::A(vals))])));
    }
    let cose = enc(&C::Tag(
        18,
        Box::new(C::A(vec![
            C::B(protected),
            C::M(unprot),
            C::Null,
            C::B(sig),
        ])),
    ));
    Signed { cose }
}

/// A TimeStampToken (ContentInfo of SignedData of TSTInfo) over a SHA-256 `imprint`.
pub fn timestamp_token(tsa: &Issued, extra: &[Vec<u8>], imprint: &[u8], gen: i64) -> Vec<u8> {
    let sha256 = seq(&[&oid("2.16.840.1.101.3.4.2.1"), &null()]);
    let tst_info = seq(&[
        &int(1),
        &oid("1.2.3.4.1"),
        &seq(&[&sha256, &octets(imprint)]),
        &int(42),
        &gen_time(gen),
    ]);
    let attrs_content = [
        seq(&[
            &oid("1.2.840.113549.1.9.3"),
            &set(&[&oid("1.2.840.113549.1.9.16.1.4")]),
        ]),
        seq(&[
            &oid("1.2.840.113549.1.9.4"),
            &set(&[&octets(&Sha256::digest(&tst_info))]),
        ]),
    ];
    let attrs_set = set(&[&attrs_content[0], &attrs_content[1]]);
    let (sig_alg, sig) = tsa.key.sign_x509(&attrs_set);
    let mut attrs_implicit = attrs_set.clone();
    attrs_implicit[0] = 0xa0;
    let cert = issuer_serial(&tsa.der);
    let signer_info = seq(&[
        &int(1),
        &seq(&[&cert.0, &cert.1]),
        &sha256,
        &attrs_implicit,
        &sig_alg,
        &octets(&sig),
    ]);
    let signed_data = seq(&[
        &int(3),
        &set(&[&sha256]),
        &seq(&[
            &oid("1.2.840.113549.1.9.16.1.4"),
            &explicit(0, &octets(&tst_info)),
        ]),
        &tlv(0xa0, &[tsa.der.clone(), extra.concat()].concat()),
        &set(&[&signer_info]),
    ]);
    seq(&[&oid("1.2.840.113549.1.7.2"), &explicit(0, &signed_data)])
}

/// Issuer name DER and serial INTEGER DER of a certificate: `Certificate ::= SEQUENCE {
/// tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, ... } ... }`
/// (RFC 5280 §4.1), walked item by item.
fn issuer_serial(der: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let (_, cert, _) = split_tlv(der);
    let (_, tbs, _) = split_tlv(cert);
    let mut fields = Vec::new();
    let mut rest = tbs;
    while !rest.is_empty() {
        let (whole, _, after) = split_tlv(rest);
        fields.push(whole.to_vec());
        rest = after;
    }
    let first = usize::from(fields[0][0] == 0xa0);
    (fields[first + 2].clone(), fields[first].clone())
}

/// The first DER item of `data`: `(whole, content, rest)` (definite lengths, as `asn1.rs` writes).
fn split_tlv(data: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let (hdr, len) = match data[1] {
        n if n < 0x80 => (2, n as usize),
        n => {
            let k = (n & 0x7f) as usize;
            let len = data[2..2 + k]
                .iter()
                .fold(0usize, |a, b| a * 256 + *b as usize);
            (2 + k, len)
        }
    };
    (
        &data[..hdr + len],
        &data[hdr..hdr + len],
        &data[hdr + len..],
    )
}
