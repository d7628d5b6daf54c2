//! PNG walker on a PNG built in code with every metadata chunk it reads; expected payloads and
//! ranges follow from how the fixture is built.

use crate::support::png::chunk;
use ailabel::container::walk;
use ailabel::{Format, Limits};

fn zlib(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

#[test]
fn every_metadata_chunk_is_found() {
    let xmp = "<x:xmpmeta>é</x:xmpmeta>";
    let store = b"\0\0\0\x10jumbfake-store".to_vec();
    let tiff = b"MM\0*\0\0\0\x08\0\0".to_vec();

    let mut itxt_xmp = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt_xmp.extend_from_slice(xmp.as_bytes());
    let mut itxt_z = b"prompt\0\x01\0en\0Prompt\0".to_vec();
    itxt_z.extend_from_slice(&zlib("a cat, ünïcode".as_bytes()));
    let mut ztxt = b"parameters\0\0".to_vec();
    ztxt.extend_from_slice(&zlib(b"Steps: 20, Sampler: Euler"));
    let mut bad = chunk(b"tEXt", b"Comment\0caf\xe9");
    let last = bad.len() - 1;
    bad[last] ^= 0xFF;

    let chunks = vec![
        chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
        chunk(b"caBX", &store),
        chunk(b"eXIf", &tiff),
        chunk(b"iTXt", &itxt_xmp),
        chunk(b"iTXt", &itxt_z),
        chunk(b"zTXt", &ztxt),
        bad,
        chunk(b"IDAT", &zlib(&[0, 0, 0, 0])),
        chunk(b"IEND", b""),
    ];
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut offsets = Vec::new();
    for c in &chunks {
        offsets.push(bytes.len() as u64);
        bytes.extend_from_slice(c);
    }
    offsets.push(bytes.len() as u64);
    let range = |i: usize| offsets[i]..offsets[i + 1];

    let e = walk(Format::Png, &bytes, &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, store.as_slice());
    assert_eq!(e.c2pa[0].ranges, vec![range(1)]);
    assert_eq!(&*e.exif[0].bytes, tiff.as_slice());
    assert_eq!(e.exif[0].ranges, vec![range(2)]);
    assert_eq!(e.xmp.len(), 1);
    assert_eq!(&*e.xmp[0].bytes, xmp.as_bytes());
    assert_eq!(e.xmp[0].ranges, vec![range(3)]);

    let texts: Vec<(&str, &str)> = e.text.iter().map(|t| (t.key.as_str(), &*t.value)).collect();
    assert_eq!(
        texts,
        [
            ("prompt", "a cat, ünïcode"),
            ("parameters", "Steps: 20, Sampler: Euler"),
            ("Comment", "café"),
        ]
    );
    assert_eq!(e.text[2].location.offset, Some(offsets[6]));
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
    assert!(e.warnings[0].contains(&format!("tEXt at offset {}", offsets[6])));

    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["PNGh", "IHDR", "caBX", "eXIf", "iTXt", "iTXt", "zTXt", "tEXt", "IDAT", "IEND"]
    );
    for (s, i) in e.segments.iter().skip(1).zip(0..) {
        assert_eq!(s.range, range(i));
    }
}
