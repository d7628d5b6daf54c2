//! Hand-made headers: the expected sizes are the ones written into them.

use super::*;

fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    v.extend_from_slice(&w.to_be_bytes());
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v
}

/// Every prefix shorter than the dimensions is `Truncated`, never a wrong size.
fn prefixes_are_truncated(bytes: &[u8], need: usize) {
    for n in 1..need {
        let got = declared(&bytes[..n]).map(|(_, d)| d);
        assert!(
            matches!(got, None | Some(Dims::Truncated)),
            "prefix of {n} bytes: {got:?}"
        );
    }
}

#[test]
fn png_ihdr() {
    let b = png_header(20000, 20000);
    assert_eq!(declared(&b), Some(("png", Dims::Size(20000, 20000))));
    prefixes_are_truncated(&b, 24);
    assert_eq!(declared(&png_header(0, 5)), Some(("png", Dims::Unreadable)));
    let mut not_ihdr = png_header(1, 1);
    not_ihdr[12..16].copy_from_slice(b"tEXt");
    assert_eq!(declared(&not_ihdr), Some(("png", Dims::Unreadable)));
}

#[test]
fn jpeg_sof_after_segments() {
    // SOI, APP1 of 6 bytes, fill bytes, SOF2 of 300x200 (Y=200, X=300).
    let mut b = vec![0xff, 0xd8, 0xff, 0xe1, 0, 8, 1, 2, 3, 4, 5, 6, 0xff, 0xff];
    b.extend_from_slice(&[0xff, 0xc2, 0, 11, 8, 0, 200, 1, 44, 1, 1, 0x11, 0]);
    assert_eq!(declared(&b), Some(("jpeg", Dims::Size(300, 200))));
    prefixes_are_truncated(&b, 23);
    // DHT (C4) is not a frame header; SOS before any SOF leaves nothing to decode.
    let sos = [0xff, 0xd8, 0xff, 0xc4, 0, 2, 0xff, 0xda, 0, 2];
    assert_eq!(declared(&sos), Some(("jpeg", Dims::Unreadable)));
    // A height of 0 is defined later by DNL: unreadable here.
    let dnl = [0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 0, 0, 9, 1, 1, 0x11, 0];
    assert_eq!(declared(&dnl), Some(("jpeg", Dims::Unreadable)));
}

#[test]
fn gif_screen_and_first_image() {
    // GIF89a, screen 10x10 with a 2-entry global colour table, a comment extension, then an
    // image at (5, 0) of 20x4: the screen grows to 25x10.
    let mut b = b"GIF89a\x0a\0\x0a\0\x80\0\0".to_vec();
    b.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    b.extend_from_slice(&[0x21, 0xfe, 3, b'a', b'b', b'c', 0]);
    b.extend_from_slice(&[0x2c, 5, 0, 0, 0, 20, 0, 4, 0, 0]);
    assert_eq!(declared(&b), Some(("gif", Dims::Size(25, 10))));
    prefixes_are_truncated(&b, 35);
    let trailer = b"GIF87a\x0a\0\x0a\0\0\0\0\x3b";
    assert_eq!(declared(trailer), Some(("gif", Dims::Unreadable)));
}

#[test]
fn webp_chunks() {
    let riff = |chunk: &[u8]| [b"RIFF\0\0\0\0WEBP".as_slice(), chunk].concat();
    // VP8X canvas 20000x20000 (stored minus one: 19999 = 0x4E1F).
    let vp8x = riff(b"VP8X\x0a\0\0\0\x10\0\0\0\x1f\x4e\0\x1f\x4e\0");
    assert_eq!(declared(&vp8x), Some(("webp", Dims::Size(20000, 20000))));
    prefixes_are_truncated(&vp8x, 30);
    // VP8 key frame 640x480 (0x280, 0x1E0), scaling bits set on the width.
    let vp8 = riff(b"VP8 \x0a\0\0\0\x50\x02\0\x9d\x01\x2a\x80\xc2\xe0\x01");
    assert_eq!(declared(&vp8), Some(("webp", Dims::Size(640, 480))));
    // VP8L 16384x2: width-1 = 0x3FFF in bits 0..13, height-1 = 1 in bits 14..27.
    let v: u32 = 0x3fff | (1 << 14);
    let vp8l = riff(&[b"VP8L\x05\0\0\0\x2f".as_slice(), &v.to_le_bytes()].concat());
    assert_eq!(declared(&vp8l), Some(("webp", Dims::Size(16384, 2))));
    assert_eq!(
        declared(&riff(b"ALPH\0\0\0\0")),
        Some(("webp", Dims::Unreadable))
    );
}

#[test]
fn avif_largest_ispe() {
    let bx = |kind: &[u8; 4], body: &[u8]| {
        let len = u32::try_from(body.len() + 8).unwrap();
        [len.to_be_bytes().as_slice(), kind, body].concat()
    };
    let ispe = |w: u32, h: u32| {
        bx(
            b"ispe",
            &[[0u8; 4].as_slice(), &w.to_be_bytes(), &h.to_be_bytes()].concat(),
        )
    };
    let ipco = bx(b"ipco", &[ispe(512, 512), ispe(8192, 4096)].concat());
    let meta = bx(
        b"meta",
        &[
            [0u8; 4].as_slice(),
            &bx(b"hdlr", &[0; 24]),
            &bx(b"iprp", &ipco),
        ]
        .concat(),
    );
    let ftyp = bx(b"ftyp", b"avif\0\0\0\0avifmif1");
    let b = [ftyp.clone(), meta.clone()].concat();
    assert_eq!(declared(&b), Some(("avif", Dims::Size(8192, 4096))));
    prefixes_are_truncated(&b, b.len());
    // Without any ispe: unreadable; without a meta box the bytes may be a prefix.
    let bare = [ftyp.clone(), bx(b"meta", &[0; 4])].concat();
    assert_eq!(declared(&bare), Some(("avif", Dims::Unreadable)));
    assert_eq!(declared(&ftyp), Some(("avif", Dims::Truncated)));
}

#[test]
fn bmp_info_headers() {
    let mut b = b"BM".to_vec();
    b.extend_from_slice(&[0; 12]);
    b.extend_from_slice(&40u32.to_le_bytes());
    b.extend_from_slice(&300i32.to_le_bytes());
    b.extend_from_slice(&(-200i32).to_le_bytes());
    assert_eq!(declared(&b), Some(("bmp", Dims::Size(300, 200))));
    prefixes_are_truncated(&b, 26);
}

#[test]
fn other_formats_are_not_read() {
    assert_eq!(declared(b"%PDF-1.7\n"), None);
    assert_eq!(declared(b"II*\0\x08\0\0\0"), None);
}
