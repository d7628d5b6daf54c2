//! The structure-aware fuzz target (`fuzz/fuzz_targets/resign.rs`, replayed on stable by
//! `tests/it/fuzz.rs`): the fuzzer's bytes change a valid manifest, which is then signed again
//! with the test PKI and embedded with a correct data hash. The claim signature and the hashed
//! URIs therefore hold, and the verifier goes past the first parse error into the assertions,
//! the ingredient recursion, the timestamp and the hard binding.
//!
//! Input layout: byte 0 holds flags, the rest is split on `#$#` into up to five parts.
//! - flags: bits 0-1 the container (JPEG, PNG, WebP, JPEG), bit 2 a `sigTst2` timestamp, bit 3
//!   a v1 `sigTst` timestamp instead, bit 4 an ingredient manifest, bit 5 a claim changed after
//!   signing, bit 6 a wrong ingredient hash, bit 7 ES384 instead of ES256.
//! - part 0: the actions assertion's CBOR, as is (the "created by AI" action when empty);
//! - part 1: one more assertion, `label` NUL `CBOR`;
//! - part 2: one more claim field's CBOR value (key `fuzz`);
//! - part 3: the ingredient manifest's extra claim field (key `fuzz`);
//! - part 4: the ingredient assertion's `validationResults` CBOR.

use super::cbor::{enc, map, t, C};
use super::jumbf::{boxes, children};
use super::manifest::{jpeg, png, webp, Manifest};
use super::pki::{pem, pki, Issued, Key, Pki};
use super::signer::Tsa;
use ailabel::{Options, TrustSettings};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The test PKI, made once per process: root, intermediate, two signers and a TSA.
struct Keys {
    pki: Pki,
    es256: Issued,
    es384: Issued,
    tsa: Issued,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let pki = pki();
        Keys {
            es256: pki.signer("Fuzz Signer", Key::p256()),
            es384: pki.signer("Fuzz Signer 384", Key::p384()),
            tsa: pki.tsa(),
            pki,
        }
    })
}

/// The ingredient manifest's label; the same length as the active one's, which it replaces.
const ACTIVE_URN: &[u8] = b"urn:c2pa:5b0c3a3e";
const INGREDIENT_URN: &str = "urn:c2pa:6c1d4b4f";

/// Build the signed file the fuzz input describes (deterministic for a given PKI).
pub fn build(data: &[u8]) -> Vec<u8> {
    let k = keys();
    let flags = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or_default();
    let mut parts = split(rest, b"#$#").into_iter();
    let mut part = || parts.next().unwrap_or_default().to_vec();
    let (actions, extra, claim_extra, ing_claim_extra, validation) =
        (part(), part(), part(), part(), part());

    let (signer, alg) = if flags & 0x80 != 0 {
        (&k.es384, -35)
    } else {
        (&k.es256, -7)
    };
    let mut m = Manifest::new(&k.pki, signer, alg);
    if flags & 0x0c != 0 {
        m.tsa = Some(Tsa {
            cert: &k.tsa,
            gen_time: 1_780_000_000,
            v1: flags & 0x04 == 0,
            extra: vec![k.pki.intermediate.der.clone()],
            wrong_imprint: false,
        });
    }
    m.tamper_claim = flags & 0x20 != 0;
    if !actions.is_empty() {
        m.actions_raw = Some(actions);
    }
    if let Some(nul) = extra.iter().position(|&b| b == 0) {
        let label = String::from_utf8_lossy(&extra[..nul]).into_owned();
        m.extra_assertions.push((label, extra[nul + 1..].to_vec()));
    }
    if !claim_extra.is_empty() {
        m.claim_extra.push(("fuzz".into(), claim_extra));
    }
    if flags & 0x10 != 0 {
        let ingredient = ingredient_manifest(k, ing_claim_extra);
        let mut hash = Sha256::digest(&ingredient[8..]).to_vec();
        if flags & 0x40 != 0 {
            hash[0] ^= 1;
        }
        let mut fields = vec![
            ("dc:title", t("ingredient.jpg")),
            ("relationship", t("parentOf")),
            (
                "activeManifest",
                map(vec![
                    (
                        "url",
                        t(&format!(
                            "self#jumbf=/c2pa/{INGREDIENT_URN}-1c1d-4c45-9d57-0f1e2d3c4b5a"
                        )),
                    ),
                    ("hash", C::B(hash)),
                ]),
            ),
        ];
        if !validation.is_empty() {
            fields.push(("validationResults", C::Raw(validation)));
        }
        m.extra_assertions
            .push(("c2pa.ingredient.v3".into(), enc(&map(fields))));
        m.extra_manifests.push(ingredient);
    }
    match flags & 3 {
        1 => png(&m),
        2 => webp(&m),
        _ => jpeg(&m),
    }
}

/// A signed manifest (the superbox, not a store) for the ingredient, labelled
/// [`INGREDIENT_URN`]; its own hard binding is over nothing in particular, as an ingredient's is.
fn ingredient_manifest(k: &Keys, claim_extra: Vec<u8>) -> Vec<u8> {
    let mut m = Manifest::new(&k.pki, &k.es256, -7);
    if !claim_extra.is_empty() {
        m.claim_extra.push(("fuzz".into(), claim_extra));
    }
    let store = super::manifest::store(&m, 0, 0, &[0; 32], 0);
    let top = boxes(&store);
    let payload = children(&top[0])
        .into_iter()
        .find(|b| &b.tbox == b"jumb")
        .map(|b| b.payload)
        .unwrap_or_default();
    let mut manifest = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    manifest.extend(b"jumb");
    manifest.extend(payload);
    if let Some(at) = manifest
        .windows(ACTIVE_URN.len())
        .position(|w| w == ACTIVE_URN)
    {
        manifest[at..at + ACTIVE_URN.len()].copy_from_slice(INGREDIENT_URN.as_bytes());
    }
    manifest
}

/// `data` split on every occurrence of `sep`.
fn split<'a>(data: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= data.len() {
        if &data[i..i + sep.len()] == sep {
            out.push(&data[start..i]);
            i += sep.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&data[start..]);
    out
}

/// The options the target checks with: the test root trusted, a fixed verification time.
pub fn options() -> Options {
    let mut o = ailabel::fuzzing::options();
    o.trust = TrustSettings {
        trust_anchors: vec![pem(&keys().pki.root.der)],
        ..TrustSettings::default()
    };
    o
}

/// The target: build the file and check it.
pub fn run(data: &[u8]) {
    let file = build(data);
    let report = ailabel::check(&file, &options());
    let _ = serde_json::to_string(&report);
}
