//! Inputs for the panic sweep, built byte by byte: one per container, each carrying the labels
//! its walker reads, plus inputs with hostile claims.
#![allow(clippy::as_conversions, clippy::indexing_slicing)]

use super::jumbf::{jbox, superbox};
use super::png;
use super::riff;

fn be32(n: usize) -> [u8; 4] {
    (n as u32).to_be_bytes()
}

fn jpeg_seg(m: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![0xFF, m];
    v.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    v.extend_from_slice(body);
    v
}

/// A small C2PA-shaped store: a `c2pa` superbox holding a manifest superbox with a claim.
fn store() -> Vec<u8> {
    let claim = superbox(
        b"c2cl",
        "c2pa.claim.v2",
        &[jbox(b"cbor", b"\xa1\x63alg\x66sha256")],
    );
    let manifest = superbox(
        b"c2ma",
        "urn:c2pa:00000000-0000-4000-8000-000000000000",
        &[claim],
    );
    superbox(b"c2pa", "c2pa", &[manifest])
}

const XMP: &str = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF \
    xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description \
    xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' \
    Iptc4xmpExt:DigitalSourceType='http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'/>\
    </rdf:RDF></x:xmpmeta>";

fn tiff() -> Vec<u8> {
    // II, one IFD with Software (0x0131) = "flux".
    let mut t = b"II*\0\x08\0\0\0\x01\0".to_vec();
    t.extend_from_slice(&[0x31, 0x01, 2, 0, 5, 0, 0, 0]);
    t.extend_from_slice(b"flux\0\0\0\0\0\0");
    t
}

fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff());
    v.extend(jpeg_seg(0xE1, &exif));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(XMP.as_bytes());
    v.extend(jpeg_seg(0xE1, &xmp));
    let mut ext = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
    ext.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
    ext.extend_from_slice(&be32(XMP.len()));
    ext.extend_from_slice(&be32(0));
    ext.extend_from_slice(XMP.as_bytes());
    v.extend(jpeg_seg(0xE1, &ext));
    let s = store();
    let (head, payload) = s.split_at(8);
    for (i, piece) in payload.chunks(60).enumerate() {
        let mut c = b"JP\x02\x11".to_vec();
        c.extend_from_slice(&be32(i + 1));
        c.extend_from_slice(head);
        c.extend_from_slice(piece);
        v.extend(jpeg_seg(0xEB, &c));
    }
    v.extend(jpeg_seg(0xFE, b"Steps: 20, Sampler: Euler"));
    v.extend(jpeg_seg(0xDB, &[0; 65]));
    v.extend(jpeg_seg(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    v.extend(jpeg_seg(0xC4, &[0; 17]));
    v.extend(jpeg_seg(0xDA, &[1, 1, 0, 0, 63, 0]));
    v.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]);
    v
}

fn png() -> Vec<u8> {
    let z = |d: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(d, 6);
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend(png::chunk(
        b"IHDR",
        &[0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0],
    ));
    v.extend(png::chunk(b"caBX", &store()));
    v.extend(png::chunk(b"eXIf", &tiff()));
    v.extend(png::chunk(
        b"tEXt",
        b"parameters\0a cat\nSteps: 20, Sampler: Euler, Seed: 1",
    ));
    let mut zt = b"prompt\0\0".to_vec();
    zt.extend(z(b"{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{}}}"));
    v.extend(png::chunk(b"zTXt", &zt));
    let mut it = b"XML:com.adobe.xmp\0\x01\0\0\0".to_vec();
    it.extend(z(XMP.as_bytes()));
    v.extend(png::chunk(b"iTXt", &it));
    v.extend(png::chunk(b"IDAT", &z(&[0; 14])));
    v.extend(png::chunk(b"IEND", b""));
    v
}

fn webp() -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff());
    let body = [
        riff::chunk(b"VP8X", &[0x2C, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
        riff::chunk(b"VP8L", &[0x2F, 1, 0x40, 0, 0]),
        riff::chunk(b"EXIF", &exif),
        riff::chunk(b"XMP ", XMP.as_bytes()),
        riff::chunk(b"C2PA", &store()),
    ]
    .concat();
    riff::webp(&body)
}

fn full(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = vec![0, 0, 0, 0];
    b.extend_from_slice(body);
    jbox(kind, &b)
}

fn avif() -> Vec<u8> {
    let mut exif_item = 0u32.to_be_bytes().to_vec();
    exif_item.extend(tiff());
    let make = |mdat_at: usize| {
        let infe = |id: u16, kind: &[u8; 4], extra: &[u8]| {
            let mut b = vec![2, 0, 0, 0];
            b.extend_from_slice(&id.to_be_bytes());
            b.extend_from_slice(&[0, 0]);
            b.extend_from_slice(kind);
            b.extend_from_slice(b"x\0");
            b.extend_from_slice(extra);
            jbox(b"infe", &b)
        };
        let mut iinf = 2u16.to_be_bytes().to_vec();
        iinf.extend(infe(1, b"Exif", b""));
        iinf.extend(infe(2, b"mime", b"application/rdf+xml\0"));
        let mut iloc = vec![0x44, 0x00, 0, 2];
        for (id, off, len) in [
            (1u16, mdat_at, exif_item.len()),
            (2, mdat_at + exif_item.len(), XMP.len()),
        ] {
            iloc.extend_from_slice(&id.to_be_bytes());
            iloc.extend_from_slice(&[0, 0, 0, 1]);
            iloc.extend_from_slice(&be32(off));
            iloc.extend_from_slice(&be32(len));
        }
        let mut meta = full(b"hdlr", b"\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0");
        meta.extend(full(b"iinf", &iinf));
        meta.extend(full(b"iloc", &iloc));
        let mut uuid = vec![
            0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E,
            0xC4, 0x81, 0, 0, 0, 0,
        ];
        uuid.extend_from_slice(b"manifest\0");
        uuid.extend_from_slice(&[0; 8]);
        uuid.extend(store());
        let mut f = jbox(b"ftyp", b"avif\0\0\0\0mif1avif");
        f.extend(jbox(b"uuid", &uuid));
        f.extend(full(b"meta", &meta));
        let at = f.len() + 8;
        let mut mdat = exif_item.clone();
        mdat.extend_from_slice(XMP.as_bytes());
        f.extend(jbox(b"mdat", &mdat));
        (f, at)
    };
    let (_, at) = make(0);
    make(at).0
}

fn gif() -> Vec<u8> {
    let sub = |d: &[u8]| {
        let mut v = Vec::new();
        for c in d.chunks(255) {
            v.push(c.len() as u8);
            v.extend_from_slice(c);
        }
        v.push(0);
        v
    };
    let mut v = b"GIF89a\x02\x00\x02\x00\x80\x00\x00\0\0\0\xff\xff\xff".to_vec();
    v.extend_from_slice(b"\x21\xff\x0bC2PA_GIF\x01\x00\x00");
    v.extend(sub(&store()));
    v.extend_from_slice(b"\x21\xff\x0bXMP DataXMP");
    v.extend_from_slice(XMP.as_bytes());
    v.push(1);
    v.extend((0..=255u8).rev());
    v.push(0);
    v.extend_from_slice(b"\x21\xfe");
    v.extend(sub(b"Steps: 20, Sampler: Euler"));
    v.extend_from_slice(b"\x21\xf9\x04\0\0\0\0\0");
    v.extend_from_slice(b"\x2c\0\0\0\0\x02\0\x02\0\0\x02");
    v.extend(sub(&[0x84, 0x8f, 0x02]));
    v.push(0x3b);
    v
}

fn jxl() -> Vec<u8> {
    let mut exif = 0u32.to_be_bytes().to_vec();
    exif.extend(tiff());
    [
        jbox(b"JXL ", b"\r\n\x87\n"),
        jbox(b"ftyp", b"jxl \0\0\0\0jxl "),
        store(),
        jbox(b"Exif", &exif),
        jbox(b"xml ", XMP.as_bytes()),
        jbox(b"jxlc", b"\xff\x0a\x00"),
    ]
    .concat()
}

/// Hostile claims: an Extended XMP chunk claiming a 60 MB packet, and a zTXt chunk that
/// inflates to 40 MB, over the 16 MiB default cap.
fn claims_jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8];
    let mut ext = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
    ext.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
    ext.extend_from_slice(&be32(60_000_000));
    ext.extend_from_slice(&be32(0));
    ext.extend_from_slice(b"<x:xmpmeta/>");
    v.extend(jpeg_seg(0xE1, &ext));
    v.extend(jpeg_seg(0xDA, &[1, 1, 0, 0, 63, 0]));
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

fn zip_bomb_png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend(png::chunk(
        b"IHDR",
        &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0],
    ));
    let mut zt = b"parameters\0\0".to_vec();
    zt.extend(miniz_oxide::deflate::compress_to_vec_zlib(
        &vec![b'a'; 40_000_000],
        6,
    ));
    v.extend(png::chunk(b"zTXt", &zt));
    v.extend(png::chunk(b"IEND", b""));
    v
}

/// Inputs with hostile claims, run whole (not swept: each costs a capped decompression).
pub fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("claims.jpg", claims_jpeg()),
        ("zip-bomb.png", zip_bomb_png()),
    ]
}

pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    let signed = super::formats::signed().into_iter().map(|(ext, b)| {
        let name = match ext {
            "svg" => "signed.svg",
            "mp3" => "signed.mp3",
            "wav" => "signed.wav",
            _ => "signed.pdf",
        };
        (name, b)
    });
    let mut v = vec![
        ("fixture.jpg", jpeg()),
        ("fixture.png", png()),
        ("fixture.webp", webp()),
        ("fixture.avif", avif()),
        ("fixture.gif", gif()),
        ("fixture.jxl", jxl()),
        ("fixture.c2pa", store()),
        (
            "fixture.html",
            format!(
                "<!doctype html><html><head><meta name=\"ai-disclosure\" content=\"ai-generated\">\
                 <script type=\"application/c2pa\">AAAA</script></head><body>{XMP}</body></html>"
            )
            .into_bytes(),
        ),
        (
            "fixture.txt",
            "This text was generated by AI.\u{FE00}\u{E0100} -----BEGIN C2PA MANIFEST-----"
                .as_bytes()
                .to_vec(),
        ),
    ];
    v.extend(signed);
    v
}
