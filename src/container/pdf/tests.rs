//! Unit tests of the PDF walker on hand-written files.
#![allow(clippy::as_conversions)]

use super::*;

/// A PDF with a catalog, an associated C2PA file and an XMP stream; `update` appends an
/// incremental update that redefines the embedded file.
fn pdf(update: bool) -> Vec<u8> {
    let mut v = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    v.extend(b"1 0 obj\n<</Length 5>>stream\nSTORE\nendstream\nendobj\n");
    v.extend(b"2 0 obj <</Type/Filespec/AFRelationship/C2PA_Manifest/EF<</F 1 0 R>>/F(x.c2pa)>> endobj\n");
    v.extend(
        b"3 0 obj\n<</Type/Metadata/Subtype/XML/Length 4>>\nstream\r\n<x/>\r\nendstream endobj\n",
    );
    v.extend(b"4 0 obj <</Type/Catalog/AF[2 0 R]/Metadata 3 0 R/Pages 5 0 R>> endobj\n");
    v.extend(
        b"xref\n0 1\n0000000000 65535 f \ntrailer <</Root 4 0 R/Size 5>>\nstartxref\n0\n%%EOF\n",
    );
    if update {
        v.extend(b"1 0 obj\n<</Length 6 0 R>>stream\nNEWER\nendstream\nendobj\n6 0 obj 5 endobj\n");
        v.extend(b"trailer <</Root 4 0 R/Prev 0>>\n%%EOF\n");
    }
    v
}

#[test]
fn finds_the_associated_store_and_xmp() {
    let b = pdf(false);
    let e = walk(&b, &Limits::default()).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    let p = &e.c2pa[0];
    assert_eq!(&*p.bytes, b"STORE");
    let at = b.windows(5).position(|w| w == b"STORE").unwrap() as u64;
    assert_eq!(p.ranges, vec![at..at + 5]);
    assert_eq!(&*e.xmp[0].bytes, b"<x/>");
}

#[test]
fn the_last_definition_wins() {
    let b = pdf(true);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(&*e.c2pa[0].bytes, b"NEWER");
}

#[test]
fn objects_in_an_object_stream() {
    let body = b"<</Type/Filespec/AFRelationship/C2PA_Manifest/EF<</F 1 0 R>>>>";
    let objects = format!("2 0 4 {} ", body.len() + 1);
    let objects = objects.as_bytes();
    let mut inner = objects.to_vec();
    inner.extend_from_slice(body);
    inner.push(b' ');
    inner.extend_from_slice(b"<</Type/Catalog/AF[2 0 R]>>");
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&inner, 6);
    let mut v = b"%PDF-1.7\n1 0 obj\n<</Length 5>>stream\nSTORE\nendstream\nendobj\n".to_vec();
    v.extend(
        format!(
            "7 0 obj\n<</Type/ObjStm/N 2/First {}/Filter/FlateDecode/Length {}>>stream\n",
            objects.len(),
            z.len()
        )
        .as_bytes(),
    );
    v.extend(&z);
    v.extend(b"\nendstream\nendobj\n%%EOF\n");
    let e = walk(&v, &Limits::default()).unwrap();
    assert_eq!(&*e.c2pa[0].bytes, b"STORE", "{:?}", e.warnings);
}

#[test]
fn no_catalog_or_no_store() {
    let e = walk(b"%PDF-1.4\n1 0 obj <</A 1>> endobj", &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty() && e.warnings[0].contains("catalog"));
    let plain = b"%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\n%%EOF";
    let e = walk(plain, &Limits::default()).unwrap();
    assert!(e.c2pa.is_empty() && e.warnings.is_empty());
    assert_eq!(scan::object_number(b"x 12 0 obj", 7), Some(12));
    assert_eq!(scan::object_number(b"x12 0 obj", 6), None);
    assert_eq!(scan::object_number(b"endobj", 3), None);
}

#[test]
fn truncations_never_panic() {
    let b = pdf(true);
    for n in 0..b.len() {
        let _ = walk(&b[..n], &Limits::tiny());
    }
}

#[test]
fn inline_specs_in_the_catalog_array() {
    let mut v = b"%PDF-1.7\n1 0 obj\n<</Length 5>>stream\nSTORE\nendstream\nendobj\n".to_vec();
    v.extend(b"2 0 obj <</Type/Catalog/AF[5 <</AFRelationship/C2PA_Manifest/EF<</F 1 0 R>>>>");
    v.extend(b" [<</AFRelationship/C2PA_Manifest>>]]>> endobj\n%%EOF\n");
    let e = walk(&v, &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1, "{:?}", e.warnings);
    assert_eq!(&*e.c2pa[0].bytes, b"STORE");
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn references_to_one_large_object_are_followed_once_over() {
    // The catalog lists a store, then the same large object 1,000 times: each reference would
    // parse it again, so following stops once the objects were read once over, with a warning.
    let mut v = pdf(false);
    let big = format!(
        "9 0 obj <</Type/Big/Pad[{}]>> endobj\n",
        "0 ".repeat(v.len())
    );
    v.extend(big.as_bytes());
    let refs = "9 0 R ".repeat(1000);
    v.extend(format!("10 0 obj <</Type/Catalog/AF[2 0 R {refs}]>> endobj\n").as_bytes());
    let e = walk(&v, &Limits::default()).unwrap();
    assert_eq!(&*e.c2pa[0].bytes, b"STORE");
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
    assert!(e.warnings[0].contains("not all followed"));
}

/// An object stream (number `num`) holding `objects`, as an indirect object.
fn object_stream(num: u32, objects: &[(u32, &str)]) -> Vec<u8> {
    let (mut header, mut body) = (String::new(), String::new());
    for (n, value) in objects {
        header += &format!("{n} {} ", body.len());
        body += value;
        body += " ";
    }
    let z = miniz_oxide::deflate::compress_to_vec_zlib(format!("{header}{body}").as_bytes(), 6);
    let mut v = format!(
        "{num} 0 obj\n<</Type/ObjStm/N {}/First {}/Filter/FlateDecode/Length {}>>stream\n",
        objects.len(),
        header.len(),
        z.len()
    )
    .into_bytes();
    v.extend(&z);
    v.extend(b"\nendstream\nendobj\n");
    v
}

#[test]
fn arrays_and_inline_specs_in_object_streams() {
    let store = b"%PDF-1.7\n1 0 obj\n<</Length 5>>stream\nSTORE\nendstream\nendobj\n";
    // The catalog's /AF is an array object in a second stream; its items name a spec in the
    // first stream and hold one inline, whose /EF is an object of the first stream.
    let spec = "<</AFRelationship 5 0 R/EF<</F 1 0 R>>>>";
    let inline = "<</AFRelationship/C2PA_Manifest/EF 6 0 R>>";
    let mut v = store.to_vec();
    v.extend(object_stream(
        7,
        &[(2, spec), (5, "/C2PA_Manifest"), (6, "<</F 1 0 R>>")],
    ));
    v.extend(object_stream(
        8,
        &[
            (3, &format!("[7 2 0 R {inline} [2 0 R]]")),
            (4, "<</Type/Catalog/AF 3 0 R>>"),
        ],
    ));
    v.extend(b"%%EOF\n");
    let e = walk(&v, &Limits::default()).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert_eq!(e.c2pa.len(), 2);
    assert!(e.c2pa.iter().all(|p| &*p.bytes == b"STORE"));
}

#[test]
fn a_large_store_named_twice_is_read_twice() {
    // Skipping a stream's content by its /Length costs nothing of the budget for following
    // references: a store of most of the file, named by two specifications, is found twice.
    let store = "S".repeat(100_000);
    let mut v = format!(
        "%PDF-1.7\n1 0 obj\n<</Length {}>>stream\n{store}\nendstream\nendobj\n",
        store.len()
    )
    .into_bytes();
    v.extend(b"2 0 obj <</AFRelationship/C2PA_Manifest/EF<</F 1 0 R>>>> endobj\n");
    v.extend(b"3 0 obj <</Type/Catalog/AF[2 0 R 2 0 R]>> endobj\n%%EOF\n");
    let e = walk(&v, &Limits::default()).unwrap();
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
    assert_eq!(e.c2pa.len(), 2);
}

#[test]
fn an_indirect_length_is_followed_so_a_store_ending_in_an_end_of_line_keeps_it() {
    // §7.3.8.1: the end-of-line before `endstream` is not content, but a store's own last
    // byte may be `\r`: only `/Length` tells. Here an indirect one (§7.3.8.2), as
    // c2pa-rs writes it; the same store with no length loses its `\r` to the `endstream` search.
    let with = |length: &str| {
        let mut v = b"%PDF-1.7\n".to_vec();
        v.extend(format!("1 0 obj\n<<{length}>>stream\nSTORE\r\nendstream\nendobj\n").as_bytes());
        v.extend(b"2 0 obj <</Type/Filespec/AFRelationship/C2PA_Manifest/EF<</F 1 0 R>>/F(x.c2pa)>> endobj\n");
        v.extend(b"4 0 obj <</Type/Catalog/AF[2 0 R]>> endobj\n6 0 obj\n 6 endobj\n");
        v.extend(b"7 0 obj [1 2 3] endobj\ntrailer <</Root 4 0 R>>\n%%EOF\n");
        v
    };
    let store = |length: &str| {
        let b = with(length);
        walk(&b, &Limits::default()).unwrap().c2pa[0].bytes.to_vec()
    };
    assert_eq!(store("/Length 6 0 R"), b"STORE\r");
    assert_eq!(store("/Length 6"), b"STORE\r");
    // No length, or one that is not an integer: the `endstream` search, which drops the `\r\n`.
    assert_eq!(store(""), b"STORE");
    assert_eq!(store("/Length 7 0 R"), b"STORE");
    assert_eq!(store("/Length 9 0 R"), b"STORE");
}
