//! JPEG XL files for the `brob` tests (ISO/IEC 18181-2): the container's boxes, Brotli
//! compression by the `brotli` crate (RFC 7932) for `brob` boxes, and a file signed by the test
//! signer with a `c2pa.hash.boxes` binding, as c2pa-rs binds JPEG XL: one hash per top-level box,
//! the box carrying the store named `C2PA` and not hashed. The store can sit in a plain `jumb`
//! box or Brotli-compressed in a `brob` box; the XMP in `xml ` or in a `brob` box.
#![allow(clippy::as_conversions)]

use super::builder::{actions, bare_store, cbor, created, Mani};
use super::cbor::{t, C};
use super::jumbf::jbox;
use super::pki::Issued;
use sha2::{Digest, Sha256};
use std::io::Write;

/// The JPEG XL signature box and the file type box (18181-2 §3.1, §3.2).
pub fn head() -> Vec<u8> {
    [
        jbox(b"JXL ", b"\r\n\x87\n"),
        jbox(b"ftyp", b"jxl \0\0\0\0jxl "),
    ]
    .concat()
}

/// A one-box codestream stand-in (`jxlc` with the codestream signature; no reader decodes it).
pub fn codestream() -> Vec<u8> {
    jbox(b"jxlc", b"\xff\x0a\x00")
}

/// `data` Brotli-compressed (quality 5, window 22).
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
    }
    out
}

/// A `brob` box: the inner box type, then `compressed`.
pub fn brob_raw(inner: &[u8; 4], compressed: &[u8]) -> Vec<u8> {
    jbox(b"brob", &[inner.as_slice(), compressed].concat())
}

/// A `brob` box standing for the box `inner` with content `content`.
pub fn brob(inner: &[u8; 4], content: &[u8]) -> Vec<u8> {
    brob_raw(inner, &brotli(content))
}

/// The XMP packet of the signed file: an IPTC digital source type that says AI.
pub const XMP: &str = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF \
    xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description \
    xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" \
    Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/>\
    </rdf:RDF></x:xmpmeta>";

/// How the signed file carries its store and its XMP.
#[derive(Clone, Copy, Debug)]
pub struct Packing {
    /// The store in a `brob` box (inner type `jumb`) instead of a plain `jumb` box.
    pub store_in_brob: bool,
    /// The XMP in a `brob` box (inner type `xml `) instead of a plain `xml ` box.
    pub xmp_in_brob: bool,
}

/// A JPEG XL file signed by `signer` (chain `chain_rest`): signature and file type boxes, the
/// store, the XMP, the codestream. The box hash lists each top-level box by its type.
pub fn signed(signer: &Issued, chain_rest: Vec<&[u8]>, p: Packing) -> Vec<u8> {
    let xmp_box = if p.xmp_in_brob {
        brob(b"xml ", XMP.as_bytes())
    } else {
        jbox(b"xml ", XMP.as_bytes())
    };
    let head_boxes = [
        jbox(b"JXL ", b"\r\n\x87\n"),
        jbox(b"ftyp", b"jxl \0\0\0\0jxl "),
    ];
    let tail_boxes = [xmp_box, codestream()];
    let entry = |name: &str, b: Option<&[u8]>| {
        C::M(vec![
            (t("names"), C::A(vec![t(name)])),
            (t("alg"), t("sha256")),
            (
                t("hash"),
                C::B(b.map_or_else(Vec::new, |b| Sha256::digest(b).to_vec())),
            ),
            (t("pad"), C::B(Vec::new())),
        ])
    };
    let kind = |b: &[u8]| String::from_utf8(b[4..8].to_vec()).unwrap();
    let mut maps: Vec<C> = head_boxes
        .iter()
        .map(|b| entry(&kind(b), Some(b)))
        .collect();
    maps.push(entry("C2PA", None));
    maps.extend(tail_boxes.iter().map(|b| entry(&kind(b), Some(b))));
    let mut m = Mani::new(signer, chain_rest);
    m.assertions = vec![
        actions("c2pa.actions.v2", vec![created()]),
        cbor("c2pa.hash.boxes", C::M(vec![(t("boxes"), C::A(maps))])),
    ];
    let store = bare_store(&[m]);
    let store_box = if p.store_in_brob {
        // The `brob` box stands for the `jumb` box: its content is the superbox's payload.
        brob(b"jumb", &store[8..])
    } else {
        store
    };
    [head_boxes.concat(), store_box, tail_boxes.concat()].concat()
}
