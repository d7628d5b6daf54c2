//! The test signer's store in the formats c2pa-web reads beyond the image containers: SVG
//! (`<c2pa:manifest>` Base64 in `<metadata>`, C2PA 2.2 A.4.2), MP3 (ID3v2.4 `GEOB`, A.3.9), WAV
//! (RIFF `C2PA` chunk, A.3.6) and PDF (an associated embedded file, A.3.10). Each data hash
//! excludes exactly what the c2pa-rs signer excludes for the format: the Base64 text, the GEOB
//! data, the chunk header and data, the stream content.
#![allow(clippy::as_conversions)]

use super::manifest::{settle_loop, settle_with, store, Manifest};
use base64::Engine;
use sha2::{Digest, Sha256};

const SVG_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><metadata>\
    <c2pa:manifest xmlns:c2pa=\"http://c2pa.org/manifest\">";
const SVG_TAIL: &str =
    "</c2pa:manifest></metadata><rect width=\"4\" height=\"4\" fill=\"#808080\"/></svg>\n";

/// A signed SVG.
pub fn svg(m: &Manifest) -> Vec<u8> {
    let hash = Sha256::digest([SVG_HEAD, SVG_TAIL].concat());
    let b64 = |s: &[u8]| {
        base64::engine::general_purpose::STANDARD
            .encode(s)
            .into_bytes()
    };
    // Base64 text grows four characters per three bytes: settle on a multiple of four, padding
    // the data hash three bytes at a time.
    let text = settle_loop(4, 3, |len, pad| {
        b64(&store(m, SVG_HEAD.len() as u64, len, &hash, pad))
    });
    [SVG_HEAD.as_bytes(), &text, SVG_TAIL.as_bytes()].concat()
}

/// Two MPEG-1 layer III frame headers with silence: what follows the tag.
const AUDIO: &[u8] = b"\xFF\xFB\x90\x64\0\0\0\0\0\0\0\0\xFF\xFB\x90\x64\0\0\0\0\0\0\0\0";
/// The GEOB fields before the data: ISO-8859-1 text, the MIME type, file name, description.
const GEOB_FIELDS: &[u8] = b"\x00application/c2pa\0c2pa\0c2pa manifest store\0";

fn synchsafe(n: usize) -> [u8; 4] {
    let n = n as u32;
    [
        (n >> 21) as u8 & 0x7F,
        (n >> 14) as u8 & 0x7F,
        (n >> 7) as u8 & 0x7F,
        n as u8 & 0x7F,
    ]
}

/// The ID3v2.4 tag holding one GEOB frame whose data is `len` bytes, without the data.
fn id3_parts(len: usize) -> (Vec<u8>, Vec<u8>) {
    let frame_len = GEOB_FIELDS.len() + len;
    let mut head = b"ID3\x04\0\0".to_vec();
    head.extend(synchsafe(10 + frame_len));
    head.extend(b"GEOB");
    head.extend(synchsafe(frame_len));
    head.extend([0, 0]);
    head.extend(GEOB_FIELDS);
    (head, AUDIO.to_vec())
}

/// A signed MP3: an ID3v2.4 tag with the store in a GEOB frame, then audio frames.
pub fn mp3(m: &Manifest) -> Vec<u8> {
    let at = id3_parts(0).0.len() as u64;
    let hash = |len: u64| {
        let (head, tail) = id3_parts(len as usize);
        Sha256::digest([head, tail].concat()).to_vec()
    };
    let store = settle_with(m, at, hash, |s| s.to_vec());
    let (head, tail) = id3_parts(store.len());
    [head, store, tail].concat()
}

/// A WAV `fmt ` and a short `data` chunk (8 kHz mono 8-bit silence).
fn wav_body() -> Vec<u8> {
    let fmt = [1u8, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0];
    [
        super::riff::chunk(b"fmt ", &fmt),
        super::riff::chunk(b"data", &[0x80; 16]),
    ]
    .concat()
}

fn riff(form: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut r = b"RIFF".to_vec();
    r.extend(((body.len() + 4) as u32).to_le_bytes());
    r.extend(form);
    r.extend_from_slice(body);
    r
}

/// A signed WAV: a `C2PA` chunk at the end of the RIFF form. The data hash excludes the chunk
/// header and data; the pad byte and the RIFF size stay hashed, as c2pa-rs writes it.
pub fn wav(m: &Manifest) -> Vec<u8> {
    let body = wav_body();
    let at = 12 + body.len() as u64;
    let pad = |len: u64| (len % 2) as usize;
    let hash = |len: u64| {
        let mut whole = riff(b"WAVE", &body);
        let size = (body.len() + 4 + len as usize + pad(len)) as u32;
        whole[4..8].copy_from_slice(&size.to_le_bytes());
        whole.extend(vec![0u8; pad(len)]);
        Sha256::digest(&whole).to_vec()
    };
    let chunk_of = |s: &[u8]| {
        let mut c = b"C2PA".to_vec();
        c.extend((s.len() as u32).to_le_bytes());
        c.extend_from_slice(s);
        c
    };
    let mut chunk = settle_with(m, at, hash, chunk_of);
    chunk.extend(vec![0u8; pad(chunk.len() as u64)]);
    riff(b"WAVE", &[body, chunk].concat())
}

/// The PDF around an embedded file stream of `len` bytes: before and after the content.
fn pdf_parts(len: usize) -> (Vec<u8>, Vec<u8>) {
    let head = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\
        1 0 obj\n<</Type/Catalog/Pages 2 0 R/AF[3 0 R]>>\nendobj\n\
        2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n\
        3 0 obj\n<</Type/Filespec/F(manifest.c2pa)/UF(manifest.c2pa)\
        /AFRelationship/C2PA_Manifest/EF<</F 4 0 R>>>>\nendobj\n\
        4 0 obj\n<</Type/EmbeddedFile/Subtype/application#2Fc2pa/Length 5 0 R>>\nstream\n"
        .to_vec();
    let tail = format!(
        "\nendstream\nendobj\n5 0 obj\n{len}\nendobj\ntrailer\n<</Size 6/Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes();
    (head, tail)
}

/// A signed PDF: the store is the content of the C2PA_Manifest associated file's stream.
pub fn pdf(m: &Manifest) -> Vec<u8> {
    let at = pdf_parts(0).0.len() as u64;
    let hash = |len: u64| {
        let (head, tail) = pdf_parts(len as usize);
        Sha256::digest([head, tail].concat()).to_vec()
    };
    let store = settle_with(m, at, hash, |s| s.to_vec());
    let (head, tail) = pdf_parts(store.len());
    [head, store, tail].concat()
}

/// One signed file in each format (SVG, MP3, WAV, PDF), by a fresh test PKI, for the sweeps.
pub fn signed() -> Vec<(&'static str, Vec<u8>)> {
    let pki = super::pki::pki();
    let s = pki.signer("Test Signer", super::pki::Key::p256());
    let m = Manifest::new(&pki, &s, -7);
    vec![
        ("svg", svg(&m)),
        ("mp3", mp3(&m)),
        ("wav", wav(&m)),
        ("pdf", pdf(&m)),
    ]
}
