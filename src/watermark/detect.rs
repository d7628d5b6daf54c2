//! Deciding whether decoded `dwtDct` bits carry a known payload, with an explicit
//! false-positive bound (FORMATS.md §5.1, step 7).
//!
//! Under the null hypothesis (no mark), each decoded bit agrees with a payload bit with
//! probability 1/2, independently, so the agreement count of an `L`-bit payload is
//! Binomial(L, 1/2). Every payload is read twice: as decoded, and bit-inverted (a known quirk:
//! a mark embedded by one convention and read by another comes out complemented). Each of the
//! eight readings gets a share `αᵢ` of the per-image false-positive budget, `Σ αᵢ ≤ 1e-9`
//! (a weighted Bonferroni bound), and fires when its binomial tail `P(X ≥ k)` is at most `αᵢ`.
//! The 32-bit SD 2.x payload can never reach a tail below `2⁻³² ≈ 2.3e-10`, so each of its two
//! readings gets `2.5e-10` and needs all 32 bits; the other six readings share the rest.

/// The per-image false-positive budget of the whole rule, across every reading tried.
pub const BUDGET: f64 = 1e-9;

/// A payload known to be embedded by a generator's reference code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    /// Short name used in reports (`"SDXL"`).
    pub name: &'static str,
    /// The generator whose reference code embeds it.
    pub tool: &'static str,
    /// The bytes, MSB first (`np.unpackbits`).
    pub bytes: &'static [u8],
    /// How many leading bits of `bytes` are dropped (FLUX: `bin()[2:]` drops two zeros).
    pub skip: usize,
    /// Its length in bits.
    pub len: usize,
}

/// The payloads tried, per FORMATS.md §5.1.
pub const PAYLOADS: [Payload; 4] = [
    Payload {
        name: "SD 1.x",
        tool: "Stable Diffusion 1.x",
        bytes: b"StableDiffusionV1",
        skip: 0,
        len: 136,
    },
    Payload {
        name: "SD 2.x",
        tool: "Stable Diffusion 2.x",
        bytes: b"SDV2",
        skip: 0,
        len: 32,
    },
    Payload {
        name: "SDXL",
        tool: "Stable Diffusion XL",
        bytes: &[0xB3, 0xEC, 0x90, 0x7B, 0xB1, 0x9E],
        skip: 0,
        len: 48,
    },
    Payload {
        name: "FLUX",
        tool: "FLUX",
        bytes: &[0x2A, 0xFE, 0x87, 0x9C, 0xF5, 0x2E],
        skip: 2,
        len: 46,
    },
];

impl Payload {
    /// The payload's bits, MSB first.
    pub fn bits(&self) -> Vec<bool> {
        self.bytes
            .iter()
            .flat_map(|b| (0..8).rev().map(move |i| (b >> i) & 1 == 1))
            .skip(self.skip)
            .take(self.len)
            .collect()
    }

    /// The payload as hex of its bytes, e.g. `0xB3EC907BB19E`.
    pub fn hex(&self) -> String {
        format!("0x{}", crate::bytes::hex(self.bytes).to_ascii_uppercase())
    }

    /// The false-positive share of one reading (normal or inverted) of this payload.
    pub fn alpha(&self) -> f64 {
        if self.len == 32 {
            2.5e-10
        } else {
            // (1e-9 − 2 × 2.5e-10) shared by the six other readings.
            (BUDGET - 5e-10) / 6.0
        }
    }

    /// The fewest agreeing bits that make one reading fire: the least `k` with
    /// `P(X ≥ k) ≤ alpha()`, for `X ~ Binomial(len, 1/2)`.
    pub fn threshold(&self) -> usize {
        let a = self.alpha();
        (0..=self.len)
            .find(|&k| tail(self.len, k) <= a)
            .unwrap_or(self.len.saturating_add(1))
    }
}

/// The family-wise false-positive bound of the decision rule per image: the sum over all eight
/// readings of the binomial tail at its threshold. At most [`BUDGET`].
pub fn family_bound() -> f64 {
    PAYLOADS
        .iter()
        .map(|p| 2.0 * tail(p.len, p.threshold()))
        .sum()
}

/// `P(X ≥ k)` for `X ~ Binomial(n, 1/2)`.
pub fn tail(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let nf = f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    // C(n, i) built up from C(n, 0) = 1; exact enough in f64 for n ≤ 136 (C < 2^136).
    let mut c = 1.0f64;
    let mut sum = 0.0f64;
    for i in 0..=n {
        if i >= k {
            sum += c;
        }
        let fi = f64::from(u32::try_from(i).unwrap_or(u32::MAX));
        c = c * (nf - fi) / (fi + 1.0);
    }
    sum / 2f64.powi(i32::try_from(n).unwrap_or(i32::MAX))
}

/// One reading of one payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The payload tried.
    pub payload: Payload,
    /// True for the bit-inverted reading.
    pub inverted: bool,
    /// How many of its bits agree.
    pub agree: usize,
    /// `P(X ≥ agree)` under the null hypothesis.
    pub p_value: f64,
    /// True when the reading fires (`agree ≥ threshold`).
    pub detected: bool,
}

/// Read every payload, normal and inverted, from block votes.
pub fn readings(votes: &super::dwtdct::Votes) -> Vec<Reading> {
    let mut out = Vec::new();
    for p in PAYLOADS {
        let Some(bits) = votes.bits(p.len) else {
            continue;
        };
        let same = bits.iter().zip(p.bits()).filter(|(a, b)| **a == *b).count();
        let threshold = p.threshold();
        for (inverted, agree) in [(false, same), (true, p.len.saturating_sub(same))] {
            out.push(Reading {
                payload: p,
                inverted,
                agree,
                p_value: tail(p.len, agree),
                detected: agree >= threshold,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_bits_match_formats_md() {
        let bit_string = |p: &Payload| -> String {
            p.bits()
                .iter()
                .map(|b| if *b { '1' } else { '0' })
                .collect()
        };
        assert_eq!(
            bit_string(&PAYLOADS[2]),
            "101100111110110010010000011110111011000110011110"
        );
        assert_eq!(
            bit_string(&PAYLOADS[3]),
            "1010101111111010000111100111001111010100101110"
        );
        assert_eq!(PAYLOADS[0].bits().len(), 136);
        assert_eq!(PAYLOADS[1].bits().len(), 32);
    }

    #[test]
    fn tail_is_a_binomial_tail() {
        assert!((tail(48, 0) - 1.0).abs() < 1e-12);
        assert!((tail(32, 32) - 2f64.powi(-32)).abs() < 1e-20);
        // P(X ≥ 35) for n = 48: Stability's "0.02 %"-class threshold is about 1e-3.
        assert!((tail(48, 35) - 1.044_053_666_998e-3).abs() < 1e-12);
    }

    #[test]
    fn the_rule_keeps_its_budget() {
        assert!(family_bound() <= BUDGET);
        assert_eq!(PAYLOADS[1].threshold(), 32);
        assert_eq!(PAYLOADS[2].threshold(), 45);
    }
}
