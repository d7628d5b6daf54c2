//! GIF walker on a GIF built in code with an XMP application extension (raw packet plus magic
//! trailer), a comment and a multi-sub-block C2PA_GIF extension; expected values follow from
//! the build.

use ailabel::container::walk;
use ailabel::{Format, Limits};

fn sub_blocks(data: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    for c in data.chunks(255) {
        v.push(c.len() as u8);
        v.extend_from_slice(c);
    }
    v.push(0);
    v
}

/// XMP Part 3 §1.1.2: "XMP Data" "XMP", the packet raw, then 0x01, 0xFF, 0xFE, ..., 0x00, 0x00.
fn xmp_extension(packet: &[u8]) -> Vec<u8> {
    let mut v = vec![0x21, 0xFF, 0x0B];
    v.extend_from_slice(b"XMP DataXMP");
    v.extend_from_slice(packet);
    v.push(0x01);
    v.extend((0..=255u8).rev());
    v.push(0x00);
    v
}

#[test]
fn xmp_comment_and_c2pa() {
    let packet = b"<?xpacket begin=''?><x:xmpmeta>GIF</x:xmpmeta><?xpacket end='w'?>";
    let store: Vec<u8> = (0..700u32).map(|i| (i % 253) as u8).collect();
    let mut c2pa = vec![0x21, 0xFF, 0x0B];
    c2pa.extend_from_slice(b"C2PA_GIF\x01\x00\x00");
    c2pa.extend(sub_blocks(&store));
    let mut comment = vec![0x21, 0xFE];
    comment.extend(sub_blocks(b"Steps: 20, Sampler: Euler a"));
    let mut netscape = vec![0x21, 0xFF, 0x0B];
    netscape.extend_from_slice(b"NETSCAPE2.0");
    netscape.extend(sub_blocks(&[1, 0, 0]));
    let mut image = vec![0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x80];
    image.extend_from_slice(&[0; 6]);
    image.push(2);
    image.extend(sub_blocks(&[0x44, 0x01]));

    let parts = [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec(),
        c2pa.clone(),
        xmp_extension(packet),
        netscape,
        comment,
        image,
        vec![0x3B],
    ];
    let mut offsets = vec![0u64];
    for p in &parts {
        offsets.push(offsets.last().unwrap() + p.len() as u64);
    }
    let bytes = parts.concat();
    let e = walk(Format::Gif, &bytes, &Limits::default()).unwrap();

    assert_eq!(e.c2pa.len(), 1);
    assert_eq!(&*e.c2pa[0].bytes, store.as_slice());
    assert_eq!(e.c2pa[0].ranges, vec![offsets[1]..offsets[2]]);
    assert_eq!(e.xmp.len(), 1);
    assert_eq!(&*e.xmp[0].bytes, packet.as_slice());
    assert_eq!(e.xmp[0].ranges, vec![offsets[2]..offsets[3]]);
    assert_eq!(e.text.len(), 1);
    assert_eq!(e.text[0].value, "Steps: 20, Sampler: Euler a");
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["GIF89a", "LSD", "21FF", "21FF", "21FF", "21FE", "2C", "LCT", "TBID", "3B"]
    );
    assert_eq!(e.segments.last().unwrap().range.end, bytes.len() as u64);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn c2pa_over_the_metadata_limit_is_an_error() {
    let mut c2pa = vec![0x21, 0xFF, 0x0B];
    c2pa.extend_from_slice(b"C2PA_GIF\x01\x00\x00");
    c2pa.extend(sub_blocks(&[7; 5000]));
    let bytes = [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec(),
        c2pa,
        vec![0x3B],
    ]
    .concat();
    let limits = Limits {
        max_metadata_bytes: 1000,
        ..Limits::default()
    };
    assert_eq!(
        walk(Format::Gif, &bytes, &limits).unwrap_err().kind(),
        ailabel::ErrorKind::LimitExceeded
    );
}
