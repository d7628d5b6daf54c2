//! The test signer's manifest writer: a minimal but real C2PA manifest store (C2PA 2.x §11,
//! FORMATS §1.2-§1.5) with a `c2pa.actions.v2` "created by AI" assertion and a
//! `c2pa.hash.data` hard binding, a v2 claim listing both as hashed URIs, and a COSE_Sign1 claim
//! signature; embedded in a JPEG (APP11, FORMATS §1.1) or a PNG (`caBX`) with the data-hash
//! exclusion covering exactly the embedded store.

use super::cbor::{enc, t, C};
use super::jumbf::{cbor_assertion, hashed_uri, jbox, superbox};
use super::pki::{Issued, Pki};
use super::signer::{sign, Place, Tsa};
use sha2::{Digest, Sha256};

pub const TRAINED: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

/// What to sign and how.
pub struct Manifest<'a> {
    pub signer: &'a Issued,
    pub chain_rest: Vec<&'a [u8]>,
    pub alg: i64,
    pub tsa: Option<Tsa<'a>>,
    /// Flip a byte of the claim after signing (claimSignature.mismatch).
    pub tamper_claim: bool,
    /// The structure-aware fuzz target's hooks (support/resign.rs): the content of the
    /// actions assertion's `cbor` box, as is, instead of the "created by AI" action;
    pub actions_raw: Option<Vec<u8>>,
    /// more assertions (label, `cbor` box content as is), listed in the claim with their hashes;
    pub extra_assertions: Vec<(String, Vec<u8>)>,
    /// more claim fields (key, CBOR value as is);
    pub claim_extra: Vec<(String, Vec<u8>)>,
    /// whole manifest superboxes placed before the active manifest in the store.
    pub extra_manifests: Vec<Vec<u8>>,
}

impl<'a> Manifest<'a> {
    /// `signer` (under the PKI's intermediate) signs with `alg`, no timestamp, no tampering.
    pub fn new(pki: &'a Pki, signer: &'a Issued, alg: i64) -> Self {
        Manifest {
            signer,
            chain_rest: vec![&pki.intermediate.der],
            alg,
            tsa: None,
            tamper_claim: false,
            actions_raw: None,
            extra_assertions: Vec::new(),
            claim_extra: Vec::new(),
            extra_manifests: Vec::new(),
        }
    }
}

/// The manifest store for an asset whose bytes outside `[start, start+len)` hash to `hash`.
pub fn store(m: &Manifest, start: u64, len: u64, hash: &[u8], pad: usize) -> Vec<u8> {
    let actions = match &m.actions_raw {
        Some(raw) => superbox(b"cbor", "c2pa.actions.v2", &[jbox(b"cbor", raw)]),
        None => cbor_assertion(
            "c2pa.actions.v2",
            &C::M(vec![(
                t("actions"),
                C::A(vec![C::M(vec![
                    (t("action"), t("c2pa.created")),
                    (t("digitalSourceType"), t(TRAINED)),
                    (
                        t("softwareAgent"),
                        C::M(vec![(t("name"), t("Test Generator"))]),
                    ),
                ])]),
            )]),
        ),
    };
    let extra: Vec<(String, Vec<u8>)> = m
        .extra_assertions
        .iter()
        .map(|(l, raw)| (l.clone(), superbox(b"cbor", l, &[jbox(b"cbor", raw)])))
        .collect();
    let data_hash = cbor_assertion(
        "c2pa.hash.data",
        &C::M(vec![
            (
                t("exclusions"),
                C::A(vec![C::M(vec![
                    (t("start"), C::U(start)),
                    (t("length"), C::U(len)),
                ])]),
            ),
            (t("name"), t("jumbf manifest")),
            (t("alg"), t("sha256")),
            (t("hash"), C::B(hash.to_vec())),
            (t("pad"), C::B(vec![0; pad])),
        ]),
    );
    let mut uris = vec![
        hashed_uri("c2pa.actions.v2", &actions),
        hashed_uri("c2pa.hash.data", &data_hash),
    ];
    uris.extend(extra.iter().map(|(l, sb)| hashed_uri(l, sb)));
    let mut fields = vec![
        (
            t("instanceID"),
            t("xmp:iid:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a"),
        ),
        (
            t("claim_generator_info"),
            C::M(vec![
                (t("name"), t("ailabel test signer")),
                (t("version"), t("1.0")),
            ]),
        ),
        (t("signature"), t("self#jumbf=c2pa.signature")),
        (t("created_assertions"), C::A(uris)),
        (t("alg"), t("sha256")),
    ];
    fields.extend(m.claim_extra.iter().map(|(k, v)| (t(k), C::Raw(v.clone()))));
    let claim = enc(&C::M(fields));
    let cose = sign(
        &claim,
        m.signer,
        &m.chain_rest,
        m.alg,
        Place::Protected,
        m.tsa.as_ref(),
    )
    .cose;
    let mut claim = claim;
    if m.tamper_claim {
        // Change one letter of the generator name: still well-formed CBOR.
        let at = claim.windows(6).position(|w| w == b"ailabe").unwrap();
        claim[at] = b'A';
    }
    let manifest = superbox(
        b"c2ma",
        "urn:c2pa:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a",
        &[
            superbox(
                b"c2as",
                "c2pa.assertions",
                &[
                    vec![actions, data_hash],
                    extra.into_iter().map(|(_, sb)| sb).collect(),
                ]
                .concat(),
            ),
            superbox(b"c2cl", "c2pa.claim.v2", &[jbox(b"cbor", &claim)]),
            superbox(b"c2cs", "c2pa.signature", &[jbox(b"cbor", &cose)]),
        ],
    );
    let mut manifests = m.extra_manifests.clone();
    manifests.push(manifest);
    superbox(b"c2pa", "c2pa", &manifests)
}

/// A small baseline JPEG: SOI, APP0 JFIF, a 1×1 grey image, EOI.
pub fn base_jpeg() -> Vec<u8> {
    let mut j = vec![0xff, 0xd8];
    j.extend([0xff, 0xe0, 0x00, 0x10]);
    j.extend(b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00");
    // DQT: one table of all ones.
    j.extend([0xff, 0xdb, 0x00, 0x43, 0x00]);
    j.extend([1u8; 64]);
    // SOF0: 8-bit, 1x1, one component.
    j.extend([
        0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
    ]);
    // DHT: DC table 0 with one code (length 1) for category 0; AC table 0 with one code for EOB.
    j.extend([
        0xff, 0xc4, 0x00, 0x14, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00,
    ]);
    j.extend([
        0xff, 0xc4, 0x00, 0x14, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00,
    ]);
    // SOS and the entropy-coded block: DC diff 0 (code 0), EOB (code 0), padded with ones.
    j.extend([
        0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x3f,
    ]);
    j.extend([0xff, 0xd9]);
    j
}

/// APP11 segments carrying `store` (C2PA A.3.1): `CI`="JP", `En`=0x0211, `Z` from 1; every
/// continuation repeats the superbox's LBox/TBox.
pub fn app11(store: &[u8]) -> Vec<u8> {
    const MAX: usize = 65_000;
    let (head, body) = store.split_at(8);
    let mut out = Vec::new();
    let mut z = 1u32;
    let mut rest = body;
    let mut first = true;
    while first || !rest.is_empty() {
        let take = rest.len().min(MAX);
        let mut content = b"JP\x02\x11".to_vec();
        content.extend(z.to_be_bytes());
        content.extend_from_slice(head);
        content.extend_from_slice(&rest[..take]);
        out.extend([0xff, 0xeb]);
        out.extend(((content.len() + 2) as u16).to_be_bytes());
        out.extend(content);
        rest = &rest[take..];
        z += 1;
        first = false;
    }
    out
}

/// Find the exclusion length `len` and `pad` for which `wrap(store)` is exactly `len` bytes:
/// the store states its own size, and a timestamp's DER signature varies by a byte with the
/// bytes signed, so grow the target and fill the gap with the data hash's `pad` (§1.5).
pub fn settle(m: &Manifest, at: u64, hash: &[u8], wrap: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    settle_with(m, at, |_| hash.to_vec(), wrap)
}

/// [`settle`] for containers whose hashed bytes depend on the store's size (RIFF's size field).
pub fn settle_with(
    m: &Manifest,
    at: u64,
    hash: impl Fn(u64) -> Vec<u8>,
    wrap: impl Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    settle_loop(1, 1, |len, pad| wrap(&store(m, at, len, &hash(len), pad)))
}

/// Search the `(len, pad)` for which `build(len, pad)` is exactly `len` bytes long, where the
/// output grows by `unit` bytes for every `pad_unit` bytes of padding (1 and 1 for raw bytes,
/// 4 and 3 for Base64 text).
///
/// The length is not a smooth function of `pad`: signatures vary in length, and an identity
/// assertion that hashes the data hash writes that hash as decimal bytes, so every change of
/// `pad` or `len` shifts the output by a few bytes either way. Each step moves `pad` by the
/// whole difference, up or down; when the steps come back to a pair already tried (a cycle, as
/// deterministic signatures make), the target moves on by one unit, which changes every hash.
/// The target leaves room (`SLACK`) for the steps to fall short without `pad` going below zero.
pub fn settle_loop(
    unit: u64,
    pad_unit: u64,
    mut build: impl FnMut(u64, usize) -> Vec<u8>,
) -> Vec<u8> {
    const SLACK: u64 = 64;
    let (mut len, mut pad) = (0u64, 0u64);
    let mut tried = std::collections::HashSet::new();
    for _ in 0..2048 {
        let out = build(len, pad as usize);
        let got = out.len() as u64;
        if got == len {
            return out;
        }
        tried.insert((len, pad));
        let next = if got < len {
            Some(pad + (len - got) / unit * pad_unit)
        } else {
            pad.checked_sub((got - len).div_ceil(unit) * pad_unit)
        };
        match next {
            Some(p) if got <= len + SLACK => pad = p,
            _ => len = (got + SLACK).div_ceil(unit) * unit,
        }
        if tried.contains(&(len, pad)) {
            len += unit;
        }
    }
    panic!("the exclusion length did not settle in 2,048 builds");
}

/// A signed JPEG: the store goes in APP11 after APP0; the data hash excludes those segments.
pub fn jpeg(m: &Manifest) -> Vec<u8> {
    let base = base_jpeg();
    let at = 2 + 18; // after SOI and the APP0 segment
    let segs = settle(m, at as u64, &Sha256::digest(&base), app11);
    [&base[..at], &segs, &base[at..]].concat()
}

/// A 1×1 grey PNG.
pub fn base_png() -> Vec<u8> {
    super::png::grey(&[])
}

/// A signed PNG: a `caBX` chunk right after IHDR; the data hash excludes the whole chunk.
pub fn png(m: &Manifest) -> Vec<u8> {
    let base = base_png();
    let at = 8 + 25; // signature + IHDR chunk
    let chunk = settle(m, at as u64, &Sha256::digest(&base), |s| {
        super::png::chunk(b"caBX", s)
    });
    [&base[..at], &chunk, &base[at..]].concat()
}

/// A WebP (lossless, 1×1) as RIFF chunks: `VP8L` only.
fn webp_body() -> Vec<u8> {
    // VP8L: signature 0x2f, 14-bit width-1 and height-1 (0), alpha 0, version 0, then a
    // minimal image stream; readers of chunks never decode it.
    let vp8l = [0x2f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
    let mut c = b"VP8L".to_vec();
    c.extend((vp8l.len() as u32).to_le_bytes());
    c.extend(vp8l);
    c
}

/// A signed WebP: a `C2PA` chunk at the end of the RIFF (C2PA A.3.6). The data hash excludes
/// the chunk header and data, as c2pa-rs signers do; the pad byte, if any, and the RIFF size
/// field that counts the chunk stay hashed.
pub fn webp(m: &Manifest) -> Vec<u8> {
    let body = webp_body();
    let at = 12 + body.len();
    let chunk_of = |s: &[u8]| {
        let mut c = b"C2PA".to_vec();
        c.extend((s.len() as u32).to_le_bytes());
        c.extend_from_slice(s);
        c
    };
    let pad = |len: u64| (len % 2) as usize; // header 8 + odd data = odd length
    let hash = |len: u64| {
        let mut whole = super::riff::webp(&body);
        let size = (body.len() + 4 + len as usize + pad(len)) as u32;
        whole[4..8].copy_from_slice(&size.to_le_bytes());
        whole.extend(vec![0u8; pad(len)]);
        Sha256::digest(&whole).to_vec()
    };
    let mut chunk = settle_with(m, at as u64, hash, chunk_of);
    chunk.extend(vec![0u8; pad(chunk.len() as u64)]);
    super::riff::webp(&[body, chunk].concat())
}

/// A file whose Content Credentials are stored remotely (C2PA 2.2 §11.4): a 1×1 PNG whose XMP
/// says `dcterms:provenance` = `url`, and the manifest store for it, kept apart. Nothing is
/// embedded, so the data hash covers the whole file (one empty exclusion, as c2pa-rs writes
/// for remote manifests). Returns `(file, store)`.
pub fn remote_png(m: &Manifest, url: &str) -> (Vec<u8>, Vec<u8>) {
    let xmp = super::images::xmp(&format!(
        "<rdf:Description xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"{url}\"/>"
    ));
    let file = super::png::grey(&[super::png::chunk(b"iTXt", &super::png::itxt_xmp(&xmp))]);
    let store = store(m, 0, 0, &Sha256::digest(&file), 0);
    (file, store)
}
