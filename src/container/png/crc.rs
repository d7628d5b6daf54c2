//! CRC-32 as PNG uses it (ISO 3309 / ITU-T V.42, PNG §5.5 and Annex D).
//!
//! Slicing-by-8 (eight bytes per step through eight tables derived from the Annex D table): the
//! walker checks every chunk's CRC, so a large PNG's pixel data passes through here once, and the
//! byte-at-a-time loop of Annex D was a quarter of a 3.4 MB PNG's check in the browser
//! (BENCHMARKS.md, "Warm checks: the engine's own waste"). The tables (8 KiB) are built on first
//! use rather than stored in the module, in static memory rather than on the heap: built during
//! a check, a heap block that lives for ever sat between the input's freed pages and split them
//! (the browser module's memory after the benchmark list grew from 7 to 10 MiB).

use std::sync::OnceLock;

/// The reflected CRC-32 polynomial.
const POLY: u32 = 0xEDB8_8320;

/// Table `k` gives the CRC contribution of a byte followed by `k` zero bytes; table 0 is the
/// byte-at-a-time table of PNG Annex D (`make_crc_table`).
type Tables = [[u32; 256]; 8];

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t: Tables = [[0u32; 256]; 8];
        let mut first = [0u32; 256];
        for (n, e) in (0u32..).zip(first.iter_mut()) {
            let mut c = n;
            for _ in 0..8 {
                c = if c & 1 == 1 { POLY ^ (c >> 1) } else { c >> 1 };
            }
            *e = c;
        }
        let mut prev = first;
        for table in t.iter_mut() {
            *table = prev;
            let mut next = [0u32; 256];
            for (n, e) in next.iter_mut().enumerate() {
                let c = prev.get(n).copied().unwrap_or(0);
                *e = (c >> 8)
                    ^ first
                        .get(usize::from(c.to_le_bytes()[0]))
                        .copied()
                        .unwrap_or(0);
            }
            prev = next;
        }
        t
    })
}

/// The CRC-32 of the concatenation of `parts`.
pub fn crc32(parts: &[&[u8]]) -> u32 {
    let t = tables();
    let at = |k: usize, b: u8| {
        t.get(k)
            .and_then(|r| r.get(usize::from(b)))
            .copied()
            .unwrap_or(0)
    };
    let mut c = 0xFFFF_FFFFu32;
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for w in &mut chunks {
            let [b0, b1, b2, b3, b4, b5, b6, b7] = <[u8; 8]>::try_from(w).unwrap_or_default();
            let [c0, c1, c2, c3] = c.to_le_bytes();
            c = at(7, b0 ^ c0)
                ^ at(6, b1 ^ c1)
                ^ at(5, b2 ^ c2)
                ^ at(4, b3 ^ c3)
                ^ at(3, b4)
                ^ at(2, b5)
                ^ at(1, b6)
                ^ at(0, b7);
        }
        for &b in chunks.remainder() {
            c = at(0, b ^ c.to_le_bytes()[0]) ^ (c >> 8);
        }
    }
    c ^ 0xFFFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Annex D's byte-at-a-time CRC, bit by bit: the reference the sliced one must equal.
    fn bitwise(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 { POLY ^ (c >> 1) } else { c >> 1 };
            }
        }
        c ^ 0xFFFF_FFFF
    }

    #[test]
    fn known_values() {
        // The standard check value of CRC-32 ("123456789") and the CRC of an empty IEND chunk.
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
        assert_eq!(crc32(&[b"IEND"]), 0xAE42_6082);
        assert_eq!(crc32(&[b"IE", b"ND"]), 0xAE42_6082);
        assert_eq!(crc32(&[]), 0);
    }

    #[test]
    fn sliced_equals_bitwise_at_every_length_and_split() {
        let data: Vec<u8> = (0u32..300)
            .map(|i| i.wrapping_mul(2_654_435_761).to_le_bytes()[2])
            .collect();
        for len in 0..data.len() {
            let d = &data[..len];
            assert_eq!(crc32(&[d]), bitwise(d), "length {len}");
            let cut = len / 3;
            assert_eq!(
                crc32(&[&d[..cut], &d[cut..]]),
                bitwise(d),
                "length {len} cut {cut}"
            );
        }
    }
}
