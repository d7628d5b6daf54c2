//! CAWG identity assertions (CAWG identity assertion 1.1 §5.2) for the manifest builder: a
//! `signer_payload` naming assertions of the same manifest by hashed URI, signed as a detached
//! COSE_Sign1 by a test-PKI certificate (`cawg.x509.cose`, §8.2), with zero padding. Each
//! [`Break`] spoils one rule the validator checks.

use super::cbor::{enc, t, C};
use super::pki::Issued;
use super::signer::{sign, Place};

/// What to spoil.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Break {
    /// Nothing: a well-formed identity assertion.
    None,
    /// The first referenced assertion's hash differs from the claim's.
    WrongHash,
    /// The payload is changed after signing (a role added), so the signature does not match.
    BadSignature,
    /// `pad1` holds a non-zero byte.
    Pad1,
    /// `pad2` holds a non-zero byte.
    Pad2,
    /// The first reference is listed twice.
    Duplicate,
    /// A reference to an assertion the claim does not list.
    NotInClaim,
    /// No `signer_payload` at all.
    Malformed,
    /// A `sig_type` no validator knows.
    UnknownSigType,
}

/// An identity assertion to write.
pub struct IdentitySpec {
    pub signer: Issued,
    /// Certificates after the signer's in `x5chain`.
    pub chain_rest: Vec<Vec<u8>>,
    /// The COSE algorithm.
    pub alg: i64,
    /// The labels of the assertions to vouch for (they must come earlier in the manifest).
    pub refs: Vec<String>,
    pub sig_type: String,
    pub roles: Vec<String>,
    pub broken: Break,
}

impl IdentitySpec {
    /// A well-formed X.509 identity vouching for `refs`.
    pub fn x509(signer: Issued, chain_rest: Vec<Vec<u8>>, alg: i64, refs: &[&str]) -> Self {
        IdentitySpec {
            signer,
            chain_rest,
            alg,
            refs: refs.iter().map(|r| r.to_string()).collect(),
            sig_type: "cawg.x509.cose".to_owned(),
            roles: Vec::new(),
            broken: Break::None,
        }
    }
}

fn payload(refs: &[C], sig_type: &str, roles: &[String]) -> C {
    let mut m = vec![
        (t("referenced_assertions"), C::A(refs.to_vec())),
        (t("sig_type"), t(sig_type)),
    ];
    if !roles.is_empty() {
        m.push((t("role"), C::A(roles.iter().map(|r| t(r)).collect())));
    }
    C::M(m)
}

/// The assertion's CBOR, given `(label, hash)` of the assertions written before it.
pub fn assertion(spec: &IdentitySpec, earlier: &[(String, Vec<u8>)]) -> C {
    let mut refs: Vec<C> = spec
        .refs
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut hash = earlier
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, h)| h.clone())
                .unwrap_or_else(|| vec![0; 32]);
            if i == 0 && spec.broken == Break::WrongHash {
                hash[0] ^= 0xff;
            }
            C::M(vec![
                (t("url"), t(&format!("self#jumbf=c2pa.assertions/{label}"))),
                (t("hash"), C::B(hash)),
            ])
        })
        .collect();
    if spec.broken == Break::Duplicate {
        refs.push(refs[0].clone());
    }
    if spec.broken == Break::NotInClaim {
        refs.push(C::M(vec![
            (t("url"), t("self#jumbf=c2pa.assertions/org.example.absent")),
            (t("hash"), C::B(vec![7; 32])),
        ]));
    }
    let sig_type = if spec.broken == Break::UnknownSigType {
        "org.example.unknown"
    } else {
        spec.sig_type.as_str()
    };
    let signed = payload(&refs, sig_type, &spec.roles);
    let chain: Vec<&[u8]> = spec.chain_rest.iter().map(Vec::as_slice).collect();
    let cose = sign(
        &enc(&signed),
        &spec.signer,
        &chain,
        spec.alg,
        Place::Protected,
        None,
    )
    .cose;
    let stored = if spec.broken == Break::BadSignature {
        let mut roles = spec.roles.clone();
        roles.push("cawg.editor".to_owned());
        payload(&refs, sig_type, &roles)
    } else {
        signed
    };
    let mut pad1 = vec![0u8; 16];
    let mut pad2 = vec![0u8; 4];
    match spec.broken {
        Break::Pad1 => pad1[3] = 1,
        Break::Pad2 => pad2[1] = 1,
        _ => {}
    }
    let mut m = Vec::new();
    if spec.broken != Break::Malformed {
        m.push((t("signer_payload"), stored));
    }
    m.push((t("signature"), C::B(cose)));
    m.push((t("pad1"), C::B(pad1)));
    m.push((t("pad2"), C::B(pad2)));
    C::M(m)
}
