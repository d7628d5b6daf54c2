//! Fixture builders for the image label tests: TIFF/EXIF blocks in either byte order, XMP
//! packets, text entries, and `Embedded` values carrying them.
#![allow(dead_code)]

use ailabel::container::{Embedded, Location, Payload, TextEntry};
use ailabel::{AiKind, Limits};
use ailabel::{Signal, Sink};
use std::borrow::Cow;

/// TIFF field type ASCII.
pub const ASCII: u16 = 2;
/// TIFF field type UNDEFINED.
pub const UNDEFINED: u16 = 7;
/// TIFF field type BYTE.
pub const BYTE: u16 = 1;

/// One IFD entry to write: tag, type, value bytes (count = bytes / type size).
pub type E = (u16, u16, Vec<u8>);

/// An ASCII value with its NUL.
pub fn ascii(tag: u16, s: &str) -> E {
    let mut v = s.as_bytes().to_vec();
    v.push(0);
    (tag, ASCII, v)
}

/// UTF-16 of `s` in the given order.
pub fn utf16(s: &str, big: bool) -> Vec<u8> {
    s.encode_utf16()
        .flat_map(|u| {
            if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// A classic TIFF/EXIF block: IFD0 with `ifd0` (+ an Exif IFD pointer when `exif` is not
/// empty), then the Exif IFD, then the out-of-line values.
pub fn tiff(big: bool, ifd0: &[E], exif: &[E]) -> Vec<u8> {
    let u16b = |v: u16| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let u32b = |v: u32| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let n0 = ifd0.len() + usize::from(!exif.is_empty());
    let ifd0_at = 8u32;
    let exif_at = ifd0_at + 2 + 12 * n0 as u32 + 4;
    let data_at = exif_at
        + if exif.is_empty() {
            0
        } else {
            2 + 12 * exif.len() as u32 + 4
        };
    let mut data: Vec<u8> = Vec::new();
    let mut out = if big {
        b"MM\0*".to_vec()
    } else {
        b"II*\0".to_vec()
    };
    out.extend(u32b(ifd0_at));
    let mut write_ifd = |out: &mut Vec<u8>, entries: &[E], pointer: Option<u32>| {
        let mut all: Vec<E> = entries.to_vec();
        if let Some(p) = pointer {
            all.push((0x8769, 4, u32b(p).to_vec()));
        }
        all.sort_by_key(|e| e.0);
        out.extend(u16b(all.len() as u16));
        for (tag, ty, value) in &all {
            let size = match ty {
                3 => 2,
                4 => 4,
                _ => 1,
            };
            out.extend(u16b(*tag));
            out.extend(u16b(*ty));
            out.extend(u32b((value.len() / size) as u32));
            if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend(v);
            } else {
                out.extend(u32b(data_at + data.len() as u32));
                data.extend(value);
                if data.len() % 2 == 1 {
                    data.push(0);
                }
            }
        }
        out.extend(u32b(0));
    };
    write_ifd(&mut out, ifd0, (!exif.is_empty()).then_some(exif_at));
    if !exif.is_empty() {
        write_ifd(&mut out, exif, None);
    }
    out.extend(data);
    out
}

/// An XMP packet around `rdf` (the content of `rdf:RDF`), with the xpacket wrapper.
pub fn xmp(rdf: &str) -> String {
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         {rdf}\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
    )
}

fn payload(bytes: Vec<u8>, container: &str, block: &str) -> Payload<'static> {
    let len = bytes.len() as u64;
    Payload {
        bytes: Cow::Owned(bytes),
        location: Location::new(container, block, 0),
        ranges: std::iter::once(0..len).collect(),
    }
}

/// An `Embedded` with one XMP packet.
pub fn with_xmp(xml: &str) -> Embedded<'static> {
    Embedded {
        xmp: vec![payload(xml.as_bytes().to_vec(), "jpeg", "APP1 XMP")],
        ..Embedded::default()
    }
}

/// An `Embedded` with one EXIF block.
pub fn with_exif(block: Vec<u8>) -> Embedded<'static> {
    Embedded {
        exif: vec![payload(block, "webp", "EXIF chunk")],
        ..Embedded::default()
    }
}

/// An `Embedded` with PNG-style text entries.
pub fn with_text(entries: &[(&str, &str)]) -> Embedded<'static> {
    Embedded {
        text: entries
            .iter()
            .map(|(k, v)| TextEntry {
                key: (*k).to_owned(),
                value: Cow::Owned((*v).to_owned()),
                location: Location::new("png", format!("tEXt {k}"), 33),
            })
            .collect(),
        ..Embedded::default()
    }
}

/// Read the labels of `e` with default limits.
pub fn read(e: &Embedded<'_>) -> Sink {
    let mut sink = Sink::default();
    ailabel::labels::image::read(e, &Limits::default(), &mut sink);
    sink
}

/// The signals that claim AI.
pub fn ai(sink: &Sink) -> Vec<&Signal> {
    sink.signals.iter().filter(|s| s.ai.is_some()).collect()
}

/// The AI kinds claimed, in order.
pub fn kinds(sink: &Sink) -> Vec<AiKind> {
    sink.signals.iter().filter_map(|s| s.ai).collect()
}

/// Every signal must be declared and carry the unsigned caveat.
pub fn assert_declared(sink: &Sink) {
    for s in &sink.signals {
        assert_eq!(s.strength, ailabel::Strength::Declared, "{s:?}");
        assert!(s.explanation.contains("unsigned"), "{s:?}");
    }
}
