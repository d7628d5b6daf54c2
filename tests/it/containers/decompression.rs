//! One decompression allowance per input (`Limits::max_decompressed_bytes`): every compressed
//! part of a file draws on it together, so that a file of many compressed parts costs no more
//! time or memory than a file of one. Before, each part had the whole allowance: a 484 KB PNG
//! of 40 `zTXt` chunks, each inflating to 7.9 MiB, took 640 MB and a second, and a PDF of 400
//! object streams 3 s. Expected sizes follow from how the files are built.

use crate::support::png::chunk;
use ailabel::container::walk;
use ailabel::{Format, Limits};

fn zlib(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

fn limits(bytes: u64) -> Limits {
    Limits {
        max_decompressed_bytes: bytes,
        ..Limits::default()
    }
}

/// A PNG whose text chunks are `zTXt` with keywords k0, k1, … and the given texts.
fn png(texts: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    for (i, t) in texts.iter().enumerate() {
        let mut data = format!("k{i}\0\0").into_bytes();
        data.extend(zlib(t));
        bytes.extend(chunk(b"zTXt", &data));
    }
    bytes.extend(chunk(b"IDAT", &zlib(&[0, 0, 0, 0])));
    bytes.extend(chunk(b"IEND", b""));
    bytes
}

#[test]
fn png_text_chunks_share_one_allowance() {
    // 600 + 300 bytes fit an allowance of 1000; the third chunk (300) finds 100 left and stops
    // there; the fourth finds nothing left.
    let texts = [600, 300, 300, 10].map(|n| vec![b'a'; n]).to_vec();
    let bytes = png(&texts);
    let e = walk(Format::Png, &bytes, &limits(1000)).unwrap();
    let keys: Vec<&str> = e.text.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys, ["k0", "k1"]);
    assert_eq!(e.text[0].value.len(), 600);
    assert_eq!(e.text[1].value.len(), 300);
    assert_eq!(e.warnings.len(), 2, "{:?}", e.warnings);
    assert!(
        e.warnings[0].contains("beyond the 100 bytes left of the input's allowance of 1000"),
        "{:?}",
        e.warnings
    );
    assert!(e.warnings[1].contains("is spent"), "{:?}", e.warnings);
    // Each alone fits: the allowance is the whole input's, not each chunk's.
    for t in &texts {
        let bytes = png(std::slice::from_ref(t));
        let e = walk(Format::Png, &bytes, &limits(1000)).unwrap();
        assert_eq!(e.text.len(), 1);
        assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    }
}

#[test]
fn many_png_bombs_cost_one_allowance() {
    // Forty chunks of 1 MiB each, against the default 4 MiB: the first four are read, then
    // nothing is.
    let mib = vec![b'w'; 1 << 20];
    let texts = vec![mib; 40];
    let bytes = png(&texts);
    let e = walk(Format::Png, &bytes, &Limits::default()).unwrap();
    assert_eq!(Limits::default().max_decompressed_bytes, 4 << 20);
    assert_eq!(e.text.len(), 4);
    let total: usize = e.text.iter().map(|t| t.value.len()).sum();
    assert_eq!(total, 4 << 20);
    assert_eq!(e.warnings.len(), 36, "{:?}", &e.warnings[..1]);
}

/// A PDF of `streams` object streams, each holding `per` small objects, and the size of one
/// stream inflated.
fn pdf(streams: usize, per: usize) -> (Vec<u8>, u64) {
    let mut objects = String::new();
    let mut header = String::new();
    for i in 0..per {
        header.push_str(&format!("{} {} ", 1000 + i, objects.len()));
        objects.push_str("<< /A (0123456789) >> ");
    }
    let first = header.len();
    let plain = format!("{header}{objects}");
    let z = zlib(plain.as_bytes());
    let mut out = b"%PDF-1.7\n".to_vec();
    for n in 1..=streams {
        out.extend(
            format!(
                "{n} 0 obj\n<< /Type /ObjStm /N {per} /First {first} /Filter /FlateDecode \
                 /Length {} >>\nstream\n",
                z.len()
            )
            .as_bytes(),
        );
        out.extend(&z);
        out.extend(b"\nendstream\nendobj\n");
    }
    out.extend(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    (out, plain.len() as u64)
}

#[test]
fn pdf_object_streams_share_one_allowance() {
    // Each stream may inflate to `max_decompressed_bytes` (here: exactly one stream), and all
    // together to four times the file's size: the rest are refused.
    let (one, size) = pdf(1, 50);
    let e = walk(Format::Pdf, &one, &limits(size)).unwrap();
    assert!(
        e.warnings.iter().all(|w| !w.contains("inflate")),
        "{:?}",
        e.warnings
    );
    let (six, _) = pdf(6, 50);
    let allowance = (six.len() as u64 * 4).max(size);
    let read = (allowance / size).min(6);
    assert!(read < 6, "the fixture must exceed the allowance");
    let e = walk(Format::Pdf, &six, &limits(size)).unwrap();
    let refused = e
        .warnings
        .iter()
        .filter(|w| w.contains("object stream") && w.contains("were not read"))
        .count();
    assert_eq!(refused as u64, 6 - read, "{:?}", e.warnings);
    // A stream over the per-stream limit is refused even with allowance left.
    let e = walk(Format::Pdf, &one, &limits(size - 1)).unwrap();
    assert!(
        e.warnings.iter().any(|w| w.contains("beyond the")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn objects_in_object_streams_count_against_max_blocks() {
    // 3 streams of 30 objects: 93 objects in all (the 3 streams and their 90), against 64.
    let tiny = Limits {
        max_blocks: 64,
        ..Limits::default()
    };
    let (three, _) = pdf(3, 30);
    let err = walk(Format::Pdf, &three, &tiny).unwrap_err();
    assert!(err.to_string().contains("object count"), "{err}");
    let (two, _) = pdf(2, 30);
    assert!(walk(Format::Pdf, &two, &tiny).is_ok());
}
