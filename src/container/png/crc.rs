//! CRC-32 as PNG uses it (ISO 3309 / ITU-T V.42, PNG §5.5 and Annex D).

/// The reflected CRC-32 polynomial.
const POLY: u32 = 0xEDB8_8320;

/// The byte-at-a-time table, built at compile time (PNG Annex D `make_crc_table`).
const TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut n = 0u32;
    while n < 256 {
        let mut c = n;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        // `n` < 256, so the index is in range; a const block cannot use `get`.
        #[allow(clippy::indexing_slicing, clippy::as_conversions)]
        {
            t[n as usize] = c;
        }
        n += 1;
    }
    t
};

/// The CRC-32 of the concatenation of `parts`.
pub fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for part in parts {
        for &b in *part {
            let idx = (c ^ u32::from(b)) & 0xFF;
            let entry = TABLE
                .get(usize::from(u8::try_from(idx).unwrap_or(0)))
                .copied()
                .unwrap_or(0);
            c = entry ^ (c >> 8);
        }
    }
    c ^ 0xFFFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The standard check value of CRC-32 ("123456789") and the CRC of an empty IEND chunk.
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
        assert_eq!(crc32(&[b"IEND"]), 0xAE42_6082);
        assert_eq!(crc32(&[b"IE", b"ND"]), 0xAE42_6082);
    }
}
