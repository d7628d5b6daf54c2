//! RIFF files built byte by byte (the RIFF layout WebP uses, WebP container specification):
//! chunks with their pad byte, and the `RIFF`/`WEBP` header.
#![allow(clippy::as_conversions)]

/// One chunk: FourCC, little-endian size, data, and a pad byte after odd-sized data.
pub fn chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = id.to_vec();
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v.extend_from_slice(data);
    if data.len() % 2 == 1 {
        v.push(0);
    }
    v
}

/// A WebP file: the `RIFF` header with its size, `WEBP`, then `body` (whole chunks).
pub fn webp(body: &[u8]) -> Vec<u8> {
    let mut r = b"RIFF".to_vec();
    r.extend(((body.len() + 4) as u32).to_le_bytes());
    r.extend(b"WEBP");
    r.extend_from_slice(body);
    r
}
