//! BMFF walker on an AVIF-like file and a JPEG XL container built in code: HEIF Exif and XMP
//! items located by `iloc` (file offsets with two extents, and `idat`), the C2PA and XMP `uuid`
//! boxes, and the JPEG XL `jumb`/`Exif`/`xml ` boxes. Expected values follow from the build.

use ailabel::container::walk;
use ailabel::{Format, Limits};

const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];
const XMP_UUID: [u8; 16] = [
    0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
];

fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    v
}

fn full(kind: &[u8; 4], version: u8, body: &[u8]) -> Vec<u8> {
    let mut b = vec![version, 0, 0, 0];
    b.extend_from_slice(body);
    bx(kind, &b)
}

/// A JUMBF superbox labelled `label`.
fn store(label: &str) -> Vec<u8> {
    let mut jumd = b"c2pa\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71\x03".to_vec();
    jumd.extend_from_slice(label.as_bytes());
    jumd.push(0);
    let inner = bx(b"jumd", &jumd);
    bx(b"jumb", &inner)
}

fn infe_v2(id: u16, kind: &[u8; 4], name: &str, content_type: Option<&str>) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    b.extend_from_slice(&[0, 0]);
    b.extend_from_slice(kind);
    b.extend_from_slice(name.as_bytes());
    b.push(0);
    if let Some(ct) = content_type {
        b.extend_from_slice(ct.as_bytes());
        b.push(0);
    }
    full(b"infe", 2, &b)
}

/// (item_ID, construction_method, extents as (offset, length)).
type IlocItem = (u16, u16, Vec<(u32, u32)>);

/// iloc version 1, offset/length size 4, base_offset size 0, index size 0.
fn iloc(items: &[IlocItem]) -> Vec<u8> {
    let mut b = vec![0x44, 0x00];
    b.extend_from_slice(&(items.len() as u16).to_be_bytes());
    for (id, method, extents) in items {
        b.extend_from_slice(&id.to_be_bytes());
        b.extend_from_slice(&method.to_be_bytes());
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&(extents.len() as u16).to_be_bytes());
        for (o, l) in extents {
            b.extend_from_slice(&o.to_be_bytes());
            b.extend_from_slice(&l.to_be_bytes());
        }
    }
    full(b"iloc", 1, &b)
}

struct Avif {
    bytes: Vec<u8>,
    c2pa_box: std::ops::Range<u64>,
    xmp_uuid_box: std::ops::Range<u64>,
    exif_extents: Vec<std::ops::Range<u64>>,
    idat_data: u64,
}

fn build_avif(exif: &[u8], xmp: &[u8], manifest: &[u8]) -> Avif {
    let mut uuid_body = C2PA_UUID.to_vec();
    uuid_body.extend_from_slice(&[0, 0, 0, 0]);
    uuid_body.extend_from_slice(b"manifest\0");
    uuid_body.extend_from_slice(&0u64.to_be_bytes());
    uuid_body.extend_from_slice(manifest);
    let c2pa = bx(b"uuid", &uuid_body);
    let mut x = XMP_UUID.to_vec();
    x.extend_from_slice(b"<uuid-xmp/>");
    let xmp_uuid = bx(b"uuid", &x);
    let split = exif.len() / 2;
    let make = |mdat_data: u32| {
        let mut iinf_body = 2u16.to_be_bytes().to_vec();
        iinf_body.extend(infe_v2(1, b"Exif", "Exif", None));
        iinf_body.extend(infe_v2(2, b"mime", "XMP", Some("application/rdf+xml")));
        iinf_body.extend(infe_v2(3, b"av01", "Color", None));
        let iinf = full(b"iinf", 0, &iinf_body);
        let loc = iloc(&[
            (
                1,
                0,
                vec![
                    (mdat_data, split as u32),
                    (mdat_data + split as u32 + 3, (exif.len() - split) as u32),
                ],
            ),
            (2, 1, vec![(2, xmp.len() as u32)]),
            (3, 0, vec![(mdat_data, 1)]),
        ]);
        let mut idat_body = b"..".to_vec();
        idat_body.extend_from_slice(xmp);
        let mut meta_body =
            full(b"hdlr", 0, b"\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0")[..].to_vec();
        meta_body.extend(iinf);
        meta_body.extend(loc);
        meta_body.extend(bx(b"idat", &idat_body));
        let meta = full(b"meta", 0, &meta_body);
        let mut f = bx(b"ftyp", b"avif\0\0\0\0mif1avif");
        let c2pa_at = f.len() as u64;
        f.extend_from_slice(&c2pa);
        f.extend_from_slice(&meta);
        let xmp_at = f.len() as u64;
        f.extend_from_slice(&xmp_uuid);
        let mut mdat = exif[..split].to_vec();
        mdat.extend_from_slice(b"gap");
        mdat.extend_from_slice(&exif[split..]);
        let mdat_at = f.len() as u64;
        f.extend(bx(b"mdat", &mdat));
        // idat payload offset: search the built bytes for the idat box.
        let idat_at = f.windows(4).position(|w| w == b"idat").unwrap() as u64 + 4;
        (f, c2pa_at, xmp_at, mdat_at + 8, idat_at)
    };
    // Two passes: the layout does not depend on the offsets written into iloc.
    let (first, _, _, mdat_data, _) = make(0);
    assert_eq!(first.len(), make(mdat_data as u32).0.len());
    let (bytes, c2pa_at, xmp_at, mdat_data, idat_at) = make(mdat_data as u32);
    Avif {
        c2pa_box: c2pa_at..c2pa_at + c2pa.len() as u64,
        xmp_uuid_box: xmp_at..xmp_at + xmp_uuid.len() as u64,
        exif_extents: vec![
            mdat_data..mdat_data + split as u64,
            mdat_data + split as u64 + 3..mdat_data + 3 + exif.len() as u64,
        ],
        idat_data: idat_at,
        bytes,
    }
}

#[test]
fn avif_items_and_uuid_boxes() {
    let tiff = b"MM\0*\0\0\0\x08\0\0rest-of-exif".to_vec();
    // HEIF Exif item: u32 exif_tiff_header_offset (6, for an "Exif\0\0" prefix), then the data.
    let mut exif_item = 6u32.to_be_bytes().to_vec();
    exif_item.extend_from_slice(b"Exif\0\0");
    exif_item.extend_from_slice(&tiff);
    let xmp = b"<x:xmpmeta>item</x:xmpmeta>";
    let manifest = store("c2pa");
    let a = build_avif(&exif_item, xmp, &manifest);

    let e = walk(Format::Avif, &a.bytes, &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, manifest.as_slice());
    assert_eq!(e.c2pa[0].ranges, vec![a.c2pa_box.clone()]);

    assert_eq!(e.exif.len(), 1);
    assert_eq!(&*e.exif[0].bytes, tiff.as_slice());
    assert_eq!(e.exif[0].ranges, a.exif_extents);

    // In file order: the item (in meta) before the uuid box after it.
    assert_eq!(e.xmp.len(), 2);
    assert_eq!(&*e.xmp[1].bytes, b"<uuid-xmp/>");
    assert_eq!(e.xmp[1].ranges, vec![a.xmp_uuid_box.clone()]);
    assert_eq!(&*e.xmp[0].bytes, xmp.as_slice());
    assert_eq!(
        e.xmp[0].ranges,
        vec![a.idat_data + 2..a.idat_data + 2 + xmp.len() as u64]
    );
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ftyp", "uuid", "meta", "uuid", "mdat"]);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn iloc_extent_outside_the_file_is_a_warning() {
    let a = build_avif(b"\0\0\0\0MM\0*", b"<x/>", &store("c2pa"));
    // Cut the mdat: the Exif extents now point past the end; box sizes are fixed up.
    let mut bytes = a.bytes.clone();
    let mdat_at = bytes.len() - (8 + 8 + 3);
    bytes.truncate(mdat_at);
    bytes.extend(bx(b"free", b""));
    let e = walk(Format::Avif, &bytes, &Limits::default()).unwrap();
    assert!(e.exif.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("outside")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn jpeg_xl_container_boxes() {
    let manifest = store("c2pa");
    let mut exif = 0u32.to_be_bytes().to_vec();
    exif.extend_from_slice(b"II*\0\x08\0\0\0");
    let parts = [
        bx(b"JXL ", b"\r\n\x87\n"),
        bx(b"ftyp", b"jxl \0\0\0\0jxl "),
        manifest.clone(),
        bx(b"Exif", &exif),
        bx(b"xml ", b"<x:xmpmeta/>"),
        bx(b"jumb", &store("other")[8..]),
        bx(b"jxlc", b"\xff\x0a"),
    ];
    let bytes = parts.concat();
    let e = walk(Format::Jxl, &bytes, &Limits::default()).unwrap();
    assert_eq!(e.c2pa.len(), 1, "only the jumb labelled c2pa is a store");
    assert_eq!(&*e.c2pa[0].bytes, manifest.as_slice());
    let at = (parts[0].len() + parts[1].len()) as u64;
    assert_eq!(e.c2pa[0].ranges, vec![at..at + manifest.len() as u64]);
    assert_eq!(&*e.exif[0].bytes, b"II*\0\x08\0\0\0");
    assert_eq!(&*e.xmp[0].bytes, b"<x:xmpmeta/>");
    assert_eq!(e.c2pa[0].location.container, "jxl");
}
