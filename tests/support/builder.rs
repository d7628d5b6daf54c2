//! A flexible manifest-store writer for rule tests: any number of manifests (standard or
//! update), v1 or v2 claims, any assertions (created or gathered), ingredient assertions that
//! point at earlier manifests by hashed URI, and zero, one or two data hashes, each manifest
//! signed by the test signer. The store goes into a JPEG (APP11) whose data hash excludes
//! exactly the store, as in `manifest.rs`.

use super::cbor::{enc, t, C};
use super::identity::IdentitySpec;
use super::jumbf::{jbox, superbox};
use super::manifest::{app11, base_jpeg, settle_loop, TRAINED};
use super::pki::Issued;
use super::signer::{sign, Place, Tsa};
use sha2::{Digest, Sha256};

/// A well-formed v2 manifest label.
pub const LABEL: &str = "urn:c2pa:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a";

/// What an assertion holds.
#[derive(Clone)]
pub enum Body {
    /// CBOR content.
    Cbor(C),
    /// An ingredient assertion (`dc:title`, `relationship`) pointing at the manifest with this
    /// index in the store, or at none.
    Ingredient {
        relationship: &'static str,
        manifest: Option<usize>,
    },
    /// The data hash over the asset (filled in by the writer).
    DataHash,
    /// A CAWG identity assertion over assertions written before it.
    Identity(std::rc::Rc<IdentitySpec>),
}

/// One assertion of a manifest.
#[derive(Clone)]
pub struct Asrt {
    pub label: String,
    pub body: Body,
    /// Listed in `gathered_assertions` (v2) instead of `created_assertions`.
    pub gathered: bool,
}

pub fn cbor(label: &str, v: C) -> Asrt {
    Asrt {
        label: label.to_owned(),
        body: Body::Cbor(v),
        gathered: false,
    }
}

pub fn ingredient(label: &str, relationship: &'static str, manifest: Option<usize>) -> Asrt {
    Asrt {
        label: label.to_owned(),
        body: Body::Ingredient {
            relationship,
            manifest,
        },
        gathered: false,
    }
}

/// A CAWG identity assertion labelled `label` (`cawg.identity`); put it after the assertions
/// it names.
pub fn identity(label: &str, spec: IdentitySpec) -> Asrt {
    Asrt {
        label: label.to_owned(),
        body: Body::Identity(std::rc::Rc::new(spec)),
        gathered: false,
    }
}

pub fn data_hash(label: &str) -> Asrt {
    Asrt {
        label: label.to_owned(),
        body: Body::DataHash,
        gathered: false,
    }
}

/// An action map.
pub fn action(name: &str, extra: Vec<(C, C)>) -> C {
    let mut m = vec![(t("action"), t(name))];
    m.extend(extra);
    C::M(m)
}

/// `c2pa.created` with the "trained algorithmic media" source type.
pub fn created() -> C {
    action("c2pa.created", vec![(t("digitalSourceType"), t(TRAINED))])
}

/// An actions assertion (`c2pa.actions.v2`, or `label`) holding `actions`.
pub fn actions(label: &str, actions: Vec<C>) -> Asrt {
    cbor(label, C::M(vec![(t("actions"), C::A(actions))]))
}

/// `parameters: {ingredients: [hashed URIs of these ingredient assertions]}`.
pub fn naming(labels: &[&str]) -> Vec<(C, C)> {
    let uris = labels
        .iter()
        .map(|l| {
            C::M(vec![
                (t("url"), t(&format!("self#jumbf=c2pa.assertions/{l}"))),
                (t("hash"), C::B(vec![0; 32])),
            ])
        })
        .collect();
    vec![(t("parameters"), C::M(vec![(t("ingredients"), C::A(uris))]))]
}

/// One manifest to write.
pub struct Mani<'a> {
    pub label: String,
    pub claim_version: u8,
    pub update: bool,
    pub assertions: Vec<Asrt>,
    /// `claim_generator_info` of a v2 claim; `None` leaves it out.
    pub generator_info: Option<C>,
    pub signer: &'a Issued,
    pub chain_rest: Vec<&'a [u8]>,
    pub tsa: Option<Tsa<'a>>,
}

impl<'a> Mani<'a> {
    /// The keep fixture: a v2 claim with `c2pa.created` (AI) and one data hash.
    pub fn new(signer: &'a Issued, chain_rest: Vec<&'a [u8]>) -> Self {
        Mani {
            label: LABEL.to_owned(),
            claim_version: 2,
            update: false,
            assertions: vec![
                actions("c2pa.actions.v2", vec![created()]),
                data_hash("c2pa.hash.data"),
            ],
            generator_info: Some(C::M(vec![
                (t("name"), t("ailabel rule tests")),
                (t("version"), t("1.0")),
            ])),
            signer,
            chain_rest,
            tsa: None,
        }
    }
}

fn hashed(url: String, boxed: &[u8]) -> C {
    C::M(vec![
        (t("url"), t(&url)),
        (t("hash"), C::B(Sha256::digest(&boxed[8..]).to_vec())),
    ])
}

/// The exclusion and hash a data hash states.
struct Exclusion<'h> {
    start: u64,
    len: u64,
    hash: &'h [u8],
    pad: usize,
}

/// `padded`: whether an earlier data hash already carries the padding (only one may, or the
/// store would grow twice as fast as the padding and never settle).
fn manifest_box(
    m: &Mani,
    earlier: &[(String, Vec<u8>)],
    x: &Exclusion,
    padded: &mut bool,
) -> Vec<u8> {
    let mut boxes = Vec::new();
    let (mut created, mut gathered) = (Vec::new(), Vec::new());
    let mut hashes: Vec<(String, Vec<u8>)> = Vec::new();
    for a in &m.assertions {
        let v = match &a.body {
            Body::Identity(spec) => super::identity::assertion(spec, &hashes),
            Body::Cbor(v) => v.clone(),
            Body::Ingredient {
                relationship,
                manifest,
            } => {
                let mut map = vec![
                    (t("dc:title"), t("ingredient.jpg")),
                    (t("dc:format"), t("image/jpeg")),
                    (t("relationship"), t(relationship)),
                ];
                if let Some(i) = manifest {
                    let (label, b) = &earlier[*i];
                    map.push((
                        t("c2pa_manifest"),
                        hashed(format!("self#jumbf=/c2pa/{label}"), b),
                    ));
                }
                C::M(map)
            }
            Body::DataHash => C::M(vec![
                (
                    t("exclusions"),
                    C::A(vec![C::M(vec![
                        (t("start"), C::U(x.start)),
                        (t("length"), C::U(x.len)),
                    ])]),
                ),
                (t("name"), t("jumbf manifest")),
                (t("alg"), t("sha256")),
                (t("hash"), C::B(x.hash.to_vec())),
                (
                    t("pad"),
                    C::B(vec![
                        0;
                        if std::mem::replace(padded, true) {
                            0
                        } else {
                            x.pad
                        }
                    ]),
                ),
            ]),
        };
        let b = superbox(b"cbor", &a.label, &[jbox(b"cbor", &enc(&v))]);
        hashes.push((a.label.clone(), Sha256::digest(&b[8..]).to_vec()));
        let uri = hashed(format!("self#jumbf=c2pa.assertions/{}", a.label), &b);
        if a.gathered {
            gathered.push(uri);
        } else {
            created.push(uri);
        }
        boxes.push(b);
    }
    let mut claim = vec![
        (
            t("instanceID"),
            t("xmp:iid:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a"),
        ),
        (t("signature"), t("self#jumbf=c2pa.signature")),
        (t("alg"), t("sha256")),
    ];
    if m.claim_version == 1 {
        claim.push((t("claim_generator"), t("ailabel rule tests/1.0")));
        claim.push((t("dc:format"), t("image/jpeg")));
        created.extend(gathered);
        claim.push((t("assertions"), C::A(created)));
    } else {
        if let Some(g) = &m.generator_info {
            claim.push((t("claim_generator_info"), g.clone()));
        }
        claim.push((t("created_assertions"), C::A(created)));
        if !gathered.is_empty() {
            claim.push((t("gathered_assertions"), C::A(gathered)));
        }
    }
    let claim = enc(&C::M(claim));
    let cose = sign(
        &claim,
        m.signer,
        &m.chain_rest,
        -7,
        Place::Protected,
        m.tsa.as_ref(),
    )
    .cose;
    let claim_label = if m.claim_version == 1 {
        "c2pa.claim"
    } else {
        "c2pa.claim.v2"
    };
    superbox(
        if m.update { b"c2um" } else { b"c2ma" },
        &m.label,
        &[
            superbox(b"c2as", "c2pa.assertions", &boxes),
            superbox(b"c2cl", claim_label, &[jbox(b"cbor", &claim)]),
            superbox(b"c2cs", "c2pa.signature", &[jbox(b"cbor", &cose)]),
        ],
    )
}

/// The manifest superboxes of `ms` (labels and bytes), for containers that bind with something
/// other than a data hash (BMFF): no `Body::DataHash` is filled in.
pub fn manifest_boxes(ms: &[Mani]) -> Vec<(String, Vec<u8>)> {
    let x = Exclusion {
        start: 0,
        len: 0,
        hash: &[0; 32],
        pad: 0,
    };
    let mut built: Vec<(String, Vec<u8>)> = Vec::new();
    let mut padded = false;
    for m in ms {
        let b = manifest_box(m, &built, &x, &mut padded);
        built.push((m.label.clone(), b));
    }
    built
}

fn store(ms: &[Mani], x: &Exclusion) -> Vec<u8> {
    let mut built: Vec<(String, Vec<u8>)> = Vec::new();
    let mut padded = false;
    for m in ms {
        let b = manifest_box(m, &built, x, &mut padded);
        built.push((m.label.clone(), b));
    }
    let children: Vec<Vec<u8>> = built.into_iter().map(|(_, b)| b).collect();
    superbox(b"c2pa", "c2pa", &children)
}

/// The store of `ms` on its own, for manifests whose hard binding does not depend on where the
/// store sits (a box hash, written as a CBOR assertion): no data hash is filled in.
pub fn bare_store(ms: &[Mani]) -> Vec<u8> {
    let x = Exclusion {
        start: 0,
        len: 0,
        hash: &[],
        pad: 0,
    };
    store(ms, &x)
}

/// A JPEG carrying the store of `ms` (the last is active) in APP11 after APP0.
pub fn jpeg(ms: &[Mani]) -> Vec<u8> {
    let base = base_jpeg();
    let at = 2 + 18;
    let hash = Sha256::digest(&base);
    let bound = ms.iter().any(|m| {
        m.assertions
            .iter()
            .any(|a| matches!(a.body, Body::DataHash))
    });
    let wrap = |len: u64, pad: usize| {
        let x = Exclusion {
            start: at as u64,
            len,
            hash: &hash,
            pad,
        };
        app11(&store(ms, &x))
    };
    let segs = if bound {
        settle_loop(1, 1, wrap)
    } else {
        wrap(0, 0)
    };
    [&base[..at], &segs, &base[at..]].concat()
}
