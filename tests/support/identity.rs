//! CAWG identity assertions (CAWG identity assertion 1.1 §5.2) for the manifest builder: a
//! `signer_payload` naming assertions of the same manifest by hashed URI, signed either as a
//! detached COSE_Sign1 by a test-PKI certificate (`cawg.x509.cose`, §8.2) or by an identity
//! claims aggregator: a W3C verifiable credential (JSON) in a COSE_Sign1 with content type
//! `application/vc`, signed with Ed25519 by a `did:jwk` issuer (§8.1). Zero padding. Each
//! [`Break`] or [`IcaBreak`] spoils one rule the validator checks.

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

/// What to spoil in an identity claims aggregation credential.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IcaBreak {
    /// Nothing: a sound credential from a `did:jwk` issuer.
    None,
    /// The credential is changed after signing.
    BadSignature,
    /// The issuer is a `did:web`, which an offline validator cannot look up.
    DidWeb,
    /// The issuer is a `did:key`, a method the reference does not support.
    DidKey,
    /// The issuer's `did:jwk` is not a JWK.
    BadJwk,
    /// No content type in the protected header.
    NoContentType,
    /// Signed with ES256 instead of EdDSA.
    Es256,
    /// An untagged COSE_Sign1.
    Untagged,
    /// The payload is not a credential (no `issuer`).
    NotACredential,
    /// No `validFrom`.
    NoValidFrom,
    /// `validFrom` in 2099.
    ValidFromFuture,
    /// `validUntil` in 2020.
    ValidUntilPast,
    /// `c2paAsset` names another hash than the signer payload.
    AssetMismatch,
    /// Nothing broken: the issuer is named as a DID URL with a fragment (`did:jwk:…#0`).
    IssuerFragment,
}

/// An identity claims aggregation credential to issue.
pub struct IcaSpec {
    /// The issuer's key; its `did:jwk` is the issuer.
    pub issuer: ed25519_dalek::SigningKey,
    pub broken: IcaBreak,
}

impl IcaSpec {
    pub fn new(broken: IcaBreak) -> Self {
        IcaSpec {
            issuer: ed25519_dalek::SigningKey::generate(&mut rand_core::OsRng),
            broken,
        }
    }

    /// `did:jwk:` + base64url(JWK), padded as c2pa-rs's decoder wants.
    pub fn did(&self) -> String {
        use base64::Engine;
        let b64u = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let jwk = format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
            b64u.encode(self.issuer.verifying_key().as_bytes())
        );
        format!(
            "did:jwk:{}",
            base64::engine::general_purpose::URL_SAFE.encode(jwk)
        )
    }
}

/// Who signs the identity assertion.
pub enum Credential {
    /// `cawg.x509.cose` with this certificate (and `chain_rest`), COSE algorithm `alg`.
    X509 {
        signer: Box<Issued>,
        chain_rest: Vec<Vec<u8>>,
        alg: i64,
    },
    /// `cawg.identity_claims_aggregation`.
    Ica(IcaSpec),
}

/// An identity assertion to write.
pub struct IdentitySpec {
    pub credential: Credential,
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
            credential: Credential::X509 {
                signer: Box::new(signer),
                chain_rest,
                alg,
            },
            refs: refs.iter().map(|r| r.to_string()).collect(),
            sig_type: "cawg.x509.cose".to_owned(),
            roles: Vec::new(),
            broken: Break::None,
        }
    }

    /// An identity claims aggregation credential vouching for `refs`.
    pub fn ica(ica: IcaSpec, refs: &[&str]) -> Self {
        IdentitySpec {
            credential: Credential::Ica(ica),
            refs: refs.iter().map(|r| r.to_string()).collect(),
            sig_type: "cawg.identity_claims_aggregation".to_owned(),
            roles: Vec::new(),
            broken: Break::None,
        }
    }
}

/// The verifiable credential (VC data model 2.0) an aggregator issues over `refs`.
fn vc_json(ica: &IcaSpec, refs: &[(String, Vec<u8>)], sig_type: &str) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let issuer = match ica.broken {
        IcaBreak::DidWeb => "did:web:identity.example.com".to_owned(),
        IcaBreak::DidKey => "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK".to_owned(),
        IcaBreak::BadJwk => "did:jwk:bm90IGEgandr".to_owned(),
        IcaBreak::IssuerFragment => format!("{}#0", ica.did()),
        _ => ica.did(),
    };
    // c2pa-rs writes each hash as the bytes of its base64 text.
    let asset_refs: Vec<serde_json::Value> = refs
        .iter()
        .enumerate()
        .map(|(i, (url, hash))| {
            let mut hash = hash.clone();
            if i == 0 && ica.broken == IcaBreak::AssetMismatch {
                hash[0] ^= 0xff;
            }
            serde_json::json!({"url": url, "hash": b64.encode(&hash).into_bytes()})
        })
        .collect();
    let mut vc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://cawg.io/identity/1.1/ica/context/"],
        "type": ["VerifiableCredential", "IdentityClaimsAggregationCredential"],
        "issuer": issuer,
        "validFrom": "2025-06-01T00:00:00Z",
        "credentialSubject": {
            "verifiedIdentities": [
                {
                    "type": "cawg.social_media",
                    "name": "Jane Doe",
                    "username": "janedoe",
                    "uri": "https://social.example/janedoe",
                    "verifiedAt": "2025-05-30T10:00:00Z",
                    "provider": {"id": "https://social.example", "name": "Example Social"}
                },
                {
                    "type": "cawg.affiliation",
                    "verifiedAt": "2025-05-30T10:00:00Z",
                    "provider": {"id": "https://newsroom.example", "name": "Example Newsroom"}
                }
            ],
            "c2paAsset": {"referenced_assertions": asset_refs, "sig_type": sig_type}
        }
    });
    match ica.broken {
        IcaBreak::NoValidFrom => {
            vc.as_object_mut().unwrap().remove("validFrom");
        }
        IcaBreak::ValidFromFuture => vc["validFrom"] = "2099-01-01T00:00:00Z".into(),
        IcaBreak::ValidUntilPast => vc["validUntil"] = "2020-01-01T00:00:00Z".into(),
        IcaBreak::NotACredential => {
            vc.as_object_mut().unwrap().remove("issuer");
        }
        _ => {}
    }
    serde_json::to_vec(&vc).unwrap()
}

/// The COSE_Sign1 carrying the credential (attached payload).
fn ica_signature(ica: &IcaSpec, refs: &[(String, Vec<u8>)], sig_type: &str) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let vc = vc_json(ica, refs, sig_type);
    let alg = if ica.broken == IcaBreak::Es256 {
        -7
    } else {
        -8
    };
    let mut prot = vec![(C::U(1), C::N(alg))];
    if ica.broken != IcaBreak::NoContentType {
        prot.push((C::U(3), t("application/vc")));
    }
    let protected = enc(&C::M(prot));
    let sig = ica
        .issuer
        .sign(&super::signer::tbs("Signature1", &protected, &vc))
        .to_bytes()
        .to_vec();
    let stored = if ica.broken == IcaBreak::BadSignature {
        let mut v = vc.clone();
        let at = v.windows(8).position(|w| w == b"Jane Doe").unwrap();
        v[at] = b'J' + 1;
        v
    } else {
        vc
    };
    let body = C::A(vec![C::B(protected), C::M(vec![]), C::B(stored), C::B(sig)]);
    if ica.broken == IcaBreak::Untagged {
        enc(&body)
    } else {
        enc(&C::Tag(18, Box::new(body)))
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
    let cose = match &spec.credential {
        Credential::X509 {
            signer,
            chain_rest,
            alg,
        } => {
            let chain: Vec<&[u8]> = chain_rest.iter().map(Vec::as_slice).collect();
            sign(&enc(&signed), signer, &chain, *alg, Place::Protected, None).cose
        }
        Credential::Ica(ica) => {
            let named: Vec<(String, Vec<u8>)> = refs
                .iter()
                .map(|r| match r {
                    C::M(m) => {
                        let url = match &m[0].1 {
                            C::T(u) => u.clone(),
                            _ => unreachable!(),
                        };
                        let hash = match &m[1].1 {
                            C::B(h) => h.clone(),
                            _ => unreachable!(),
                        };
                        (url, hash)
                    }
                    _ => unreachable!(),
                })
                .collect();
            ica_signature(ica, &named, sig_type)
        }
    };
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
