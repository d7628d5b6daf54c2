//! JUMBF for the tests (FORMATS §1.2): a writer of boxes and C2PA superboxes, and a test-only
//! walk to the claim and signature of the active manifest of a file (the C2PA store from JPEG
//! APP11 / PNG caBX / WebP C2PA, FORMATS §1.1).

use super::cbor::{enc, t, C};
use sha2::{Digest, Sha256};

// ---- Writing ----

/// A box (ISO/IEC 14496-12 §4.2, as JUMBF uses it, ISO 19566-5 §A.2): size, type, payload.
pub fn jbox(tbox: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut v = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    v.extend_from_slice(tbox);
    v.extend_from_slice(payload);
    v
}

/// A C2PA type UUID: the 4-byte prefix and `-0011-0010-8000-00AA00389B71` (ISO 19566-5).
fn uuid(prefix: &[u8; 4]) -> Vec<u8> {
    let mut u = prefix.to_vec();
    u.extend([
        0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
    ]);
    u
}

/// A JUMBF superbox: a description box (`jumd`, C2PA type UUID, requestable, label) and the
/// children.
pub fn superbox(prefix: &[u8; 4], label: &str, children: &[Vec<u8>]) -> Vec<u8> {
    let mut jumd = uuid(prefix);
    jumd.push(0x03); // requestable + label
    jumd.extend_from_slice(label.as_bytes());
    jumd.push(0);
    let mut payload = jbox(b"jumd", &jumd);
    for c in children {
        payload.extend_from_slice(c);
    }
    jbox(b"jumb", &payload)
}

/// A CBOR assertion superbox (C2PA 2.x §11.1.4).
pub fn cbor_assertion(label: &str, value: &C) -> Vec<u8> {
    superbox(b"cbor", label, &[jbox(b"cbor", &enc(value))])
}

/// The hashed URI of an assertion superbox: SHA-256 of its contents after its 8-byte header.
pub fn hashed_uri(label: &str, sb: &[u8]) -> C {
    C::M(vec![
        (t("url"), t(&format!("self#jumbf=c2pa.assertions/{label}"))),
        (t("hash"), C::B(Sha256::digest(&sb[8..]).to_vec())),
    ])
}

// ---- Reading ----

fn be32(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize
}

/// The manifest store bytes of a JPEG, PNG or WebP file.
pub fn store(file: &[u8]) -> Option<Vec<u8>> {
    if file.starts_with(&[0xff, 0xd8]) {
        let mut out = Vec::new();
        let mut i = 2;
        while i + 4 <= file.len() && file[i] == 0xff {
            let marker = file[i + 1];
            if marker == 0xda || marker == 0xd9 {
                break;
            }
            let len = u16::from_be_bytes([file[i + 2], file[i + 3]]) as usize;
            let seg = file.get(i + 4..i + 2 + len)?;
            if marker == 0xeb && seg.starts_with(b"JP") && seg.len() >= 16 {
                let z = be32(seg, 4);
                if z == 1 && &seg[12..16] == b"jumb" {
                    out.extend_from_slice(&seg[8..]);
                } else if z > 1 && !out.is_empty() {
                    out.extend_from_slice(&seg[16..]);
                }
            }
            i += 2 + len;
        }
        return (!out.is_empty()).then_some(out);
    }
    if file.starts_with(b"\x89PNG") {
        let mut i = 8;
        while i + 8 <= file.len() {
            let len = be32(file, i);
            if &file[i + 4..i + 8] == b"caBX" {
                return file.get(i + 8..i + 8 + len).map(<[u8]>::to_vec);
            }
            i += 12 + len;
        }
        return None;
    }
    if file.starts_with(b"RIFF") && file.get(8..12) == Some(b"WEBP") {
        let mut i = 12;
        while i + 8 <= file.len() {
            let len = u32::from_le_bytes(file[i + 4..i + 8].try_into().unwrap()) as usize;
            if &file[i..i + 4] == b"C2PA" {
                return file.get(i + 8..i + 8 + len).map(<[u8]>::to_vec);
            }
            i += 8 + len + (len & 1);
        }
    }
    None
}

/// A JUMBF box: type, label (for superboxes) and payload.
#[derive(Debug)]
pub struct JBox<'a> {
    pub tbox: [u8; 4],
    pub label: Option<String>,
    pub payload: &'a [u8],
}

pub fn boxes(mut b: &[u8]) -> Vec<JBox<'_>> {
    let mut out = Vec::new();
    while b.len() >= 8 {
        let mut len = be32(b, 0);
        let mut hdr = 8;
        if len == 1 {
            len = u64::from_be_bytes(b[8..16].try_into().unwrap()) as usize;
            hdr = 16;
        } else if len == 0 {
            len = b.len();
        }
        if len < hdr || len > b.len() {
            break;
        }
        let tbox: [u8; 4] = b[4..8].try_into().unwrap();
        let payload = &b[hdr..len];
        let label = (&tbox == b"jumb").then(|| label_of(payload)).flatten();
        out.push(JBox {
            tbox,
            label,
            payload,
        });
        b = &b[len..];
    }
    out
}

fn label_of(superbox: &[u8]) -> Option<String> {
    let jumd = boxes(superbox).into_iter().next()?;
    if &jumd.tbox != b"jumd" || jumd.payload.len() < 17 || jumd.payload[16] & 0x02 == 0 {
        return None;
    }
    let rest = &jumd.payload[17..];
    let end = rest.iter().position(|&c| c == 0)?;
    String::from_utf8(rest[..end].to_vec()).ok()
}

/// The children of a superbox after its description box.
pub fn children<'a>(superbox: &JBox<'a>) -> Vec<JBox<'a>> {
    boxes(superbox.payload).into_iter().skip(1).collect()
}

/// The first `cbor` content box of a superbox.
pub fn cbor<'a>(superbox: &JBox<'a>) -> Option<&'a [u8]> {
    children(superbox)
        .into_iter()
        .find(|b| &b.tbox == b"cbor")
        .map(|b| b.payload)
}

/// (manifest label, claim bytes, COSE bytes) of the active (last) manifest of a store.
pub fn active_claim_and_signature(store: &[u8]) -> Option<(String, Vec<u8>, Vec<u8>)> {
    let top = boxes(store).into_iter().next()?;
    let manifest = children(&top).into_iter().rfind(|b| &b.tbox == b"jumb")?;
    let parts = children(&manifest);
    let claim = parts
        .iter()
        .find(|b| matches!(b.label.as_deref(), Some("c2pa.claim" | "c2pa.claim.v2")))?;
    let sig = parts
        .iter()
        .find(|b| b.label.as_deref() == Some("c2pa.signature"))?;
    Some((
        manifest.label.clone()?,
        cbor(claim)?.to_vec(),
        cbor(sig)?.to_vec(),
    ))
}
