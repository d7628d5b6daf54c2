//! PNG files built byte by byte (ISO/IEC 15948 §5): chunks with their CRC, and a 1×1 image to
//! put chunks into.
#![allow(clippy::as_conversions)]

/// CRC-32 (ISO 3309, as PNG Annex D uses it), bitwise: written independently of the crate's
/// table-driven one.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// One chunk: length, type, data, and the CRC over type and data (§5.3).
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = (data.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(data);
    v.extend(crc32(&[kind.as_slice(), data].concat()).to_be_bytes());
    v
}

/// The PNG signature and the `IHDR` chunk of a 1×1 8-bit greyscale image: 33 bytes.
pub fn head() -> Vec<u8> {
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    p.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    p
}

/// A 1×1 grey PNG with `chunks` (whole chunks, see [`chunk`]) between `IHDR` and `IDAT`.
pub fn grey(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut p = head();
    for c in chunks {
        p.extend_from_slice(c);
    }
    // zlib, one stored block: the scanline [filter 0, grey 0x80], then its Adler-32.
    let idat = [
        0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81,
    ];
    p.extend(chunk(b"IDAT", &idat));
    p.extend(chunk(b"IEND", &[]));
    p
}

/// The `iTXt` data of an uncompressed XMP packet (XMP Part 3 §1.1.5).
pub fn itxt_xmp(xmp: &str) -> Vec<u8> {
    [b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), xmp.as_bytes()].concat()
}

/// The `tEXt` data of one entry: keyword, NUL, text (§11.3.4.3).
pub fn text(keyword: &str, value: &str) -> Vec<u8> {
    [keyword.as_bytes(), b"\0", value.as_bytes()].concat()
}

/// A PNG of `w`×`h` pixels with `channels` samples a pixel (1 grey, 2 grey+alpha, 3 RGB,
/// 4 RGBA; colour types 0, 4, 2, 6 of §6.1) at `depth` 8 or 16 bits, from `samples` (row-major,
/// one `u16` a sample, at most 255 when `depth` is 8), every scanline with filter 0 (§9.2),
/// and, when `adam7`, in the seven passes of Adam7 interlacing (§8.2): written here from the
/// standard, independently of the `png` crate (whose encoder does not interlace).
pub fn encode(
    w: usize,
    h: usize,
    channels: usize,
    depth: u8,
    adam7: bool,
    samples: &[u16],
) -> Vec<u8> {
    use std::io::Write;
    assert_eq!(samples.len(), w * h * channels);
    let colour = match channels {
        1 => 0,
        2 => 4,
        3 => 2,
        4 => 6,
        _ => panic!("channels"),
    };
    let pixel = |x: usize, y: usize, out: &mut Vec<u8>| {
        for s in &samples[(y * w + x) * channels..][..channels] {
            if depth == 16 {
                out.extend(s.to_be_bytes());
            } else {
                out.push(u8::try_from(*s).unwrap());
            }
        }
    };
    // (x0, dx, y0, dy) of each pass; one pass of every pixel when not interlaced.
    let passes: &[(usize, usize, usize, usize)] = if adam7 {
        &[
            (0, 8, 0, 8),
            (4, 8, 0, 8),
            (0, 4, 4, 8),
            (2, 4, 0, 4),
            (0, 2, 2, 4),
            (1, 2, 0, 2),
            (0, 1, 1, 2),
        ]
    } else {
        &[(0, 1, 0, 1)]
    };
    let mut raw = Vec::new();
    for &(x0, dx, y0, dy) in passes {
        if x0 >= w {
            continue; // an empty pass has no scanlines at all (§8.2)
        }
        for y in (y0..h).step_by(dy) {
            raw.push(0);
            for x in (x0..w).step_by(dx) {
                pixel(x, y, &mut raw);
            }
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let mut ihdr = (w as u32).to_be_bytes().to_vec();
    ihdr.extend((h as u32).to_be_bytes());
    ihdr.extend([depth, colour, 0, 0, u8::from(adam7)]);
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    p.extend(chunk(b"IHDR", &ihdr));
    p.extend(chunk(b"IDAT", &z.finish().unwrap()));
    p.extend(chunk(b"IEND", &[]));
    p
}
