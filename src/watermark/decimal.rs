//! Decimal text to `f64`, giving what `str::parse::<f64>` gives, for the floats of NovelAI's
//! signed settings (`pyjson`).
//!
//! The standard library's parser (Eisel-Lemire with a decimal fallback) carries a 10 KB table of
//! powers of five, which cost the browser module 13 KB brotli for a few numbers per NovelAI
//! image (BENCHMARKS.md, "Size of the browser module"). This one is exact and slow: the
//! significant digits as a big integer, divided by a power of ten (or multiplied by one), and
//! rounded to the nearest double, ties to even. The syntax and its quirks are the standard
//! library's (Rust 1.95, `core::num::dec2flt`):
//! - an optional `+` or `-`, then `inf`, `infinity` or `nan` in any case, or digits with an
//!   optional `.` (at least one digit on either side), then optionally `e` or `E`, an optional
//!   sign and at least one digit; nothing else (no `_`, no spaces, no hexadecimal);
//! - the exponent's digits are read until its value reaches 65,536 (0x10000), and the digits
//!   after that are skipped, not added: `1e70000` is infinite, and a mantissa of a million
//!   zeros after the point then `1e1000000` is 0, not 0.1;
//! - the value is rounded correctly from all its digits (the standard library keeps 768
//!   significant digits and whether any non-zero digit follows, which decides the same).
//!
//! The test `parses_as_the_standard_library_does` compares the two on edge cases, exact halfway
//! points between doubles and random strings.

/// `s` as `str::parse::<f64>` reads it, or `None` where that fails.
pub fn parse_f64(s: &str) -> Option<f64> {
    let (negative, rest) = match s.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s.as_bytes()),
    };
    let sign = if negative { 1u64 << 63 } else { 0 };
    if rest.is_empty() {
        return None;
    }
    let magnitude = match decimal(rest) {
        Some((digits, point)) => bits(&digits, point),
        None if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") => {
            INFINITY
        }
        None if rest.eq_ignore_ascii_case(b"nan") => 0x7FF8_0000_0000_0000,
        None => return None,
    };
    Some(f64::from_bits(sign | magnitude))
}

const INFINITY: u64 = 0x7FF0_0000_0000_0000;

/// Significant digits kept; any non-zero digit after them is kept as one more `1`. Enough for
/// correct rounding: a double, or a point halfway between two, has at most 767 significant
/// digits, so these digits and the flag place the value on the same side of each.
const MAX_DIGITS: usize = 800;

/// The significant digits (values 0-9, the first non-zero, no trailing zeros; empty for zero)
/// and the decimal point's place: the value is `0.d1d2d3... × 10^point`. `None` when `s` is not
/// a decimal number.
fn decimal(s: &[u8]) -> Option<(Vec<u8>, i64)> {
    let int_len = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let (int, rest) = s.split_at_checked(int_len)?;
    let (frac, rest) = match rest.split_first() {
        Some((b'.', after)) => {
            let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
            after.split_at_checked(n)?
        }
        _ => (<&[u8]>::default(), rest),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let exp = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after)) => exponent(after)?,
        Some(_) => return None,
    };
    let mut digits = Vec::new();
    let mut leading_zeros = 0i64;
    let mut sticky = false;
    for &c in int.iter().chain(frac) {
        let d = c.checked_sub(b'0')?;
        if digits.is_empty() && d == 0 {
            leading_zeros = leading_zeros.checked_add(1)?;
        } else if digits.len() < MAX_DIGITS {
            digits.push(d);
        } else {
            sticky |= d != 0;
        }
    }
    if sticky {
        digits.push(1);
    } else {
        while digits.last() == Some(&0) {
            digits.pop();
        }
    }
    let int_len = i64::try_from(int.len()).ok()?;
    let point = int_len.checked_sub(leading_zeros)?.checked_add(exp)?;
    Some((digits, point))
}

/// An exponent after its `e`: an optional sign and at least one digit, the whole rest.
fn exponent(s: &[u8]) -> Option<i64> {
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut e = 0i64;
    for &c in digits {
        if e < 0x10000 {
            e = e * 10 + i64::from(c - b'0');
        }
    }
    Some(if negative { -e } else { e })
}

/// The bits of the double nearest `0.digits × 10^point` (positive), ties to even.
fn bits(digits: &[u8], point: i64) -> u64 {
    if digits.is_empty() || point < -323 {
        // Below 10^-324, under half the smallest subnormal (4.9e-324).
        return 0;
    }
    if point > 310 {
        // At least 10^310, over the largest double (1.8e308).
        return INFINITY;
    }
    let len = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let e = point.saturating_sub(len); // value = D × 10^e, D the digits as an integer
    let mut num = Big::default();
    for &d in digits {
        num.mul_add(10, u32::from(d));
    }
    let mut den = Big::from(1);
    for _ in 0..e.unsigned_abs() {
        if e > 0 {
            num.mul_add(10, 0);
        } else {
            den.mul_add(10, 0);
        }
    }
    // x = num / den with 2^(lb-1) < x < 2^(lb+1); scaled by 2^s into [2^54, 2^56).
    let lb = num.bit_len().saturating_sub(den.bit_len());
    let s = 55 - lb;
    if s >= 0 {
        num.shl(s.unsigned_abs());
    } else {
        den.shl(s.unsigned_abs());
    }
    let (q, exact) = num.div_small_quotient(&mut den);
    let q_len = 64 - i64::from(q.leading_zeros());
    // 53 significant bits, or fewer when the lowest would fall below 2^-1074 (subnormal).
    let shift = (q_len - 53).max(-1074 + s);
    let lsb = shift - s;
    let Ok(shift) = u32::try_from(shift) else {
        return 0;
    };
    let mut m = q.checked_shr(shift).unwrap_or(0);
    let half = shift
        .checked_sub(1)
        .and_then(|h| q.checked_shr(h))
        .is_some_and(|r| r & 1 == 1);
    let below = shift
        .checked_sub(1)
        .and_then(|h| 1u64.checked_shl(h))
        .is_some_and(|h| q & (h - 1) != 0);
    let mut lsb = lsb;
    if half && (below || !exact || m & 1 == 1) {
        m += 1;
        if m == 1 << 53 {
            m >>= 1;
            lsb += 1;
        }
    }
    if m < 1 << 52 {
        return m; // subnormal (lsb is -1074) or zero
    }
    match u64::try_from(lsb + 1075) {
        Ok(biased) if biased < 2047 => (biased << 52) | (m - (1 << 52)),
        _ => INFINITY,
    }
}

/// A non-negative big integer: 32-bit limbs, least significant first.
#[derive(Default)]
struct Big(Vec<u32>);

impl From<u32> for Big {
    fn from(v: u32) -> Self {
        Big(vec![v])
    }
}

/// The low 32 bits.
fn low(v: u64) -> u32 {
    u32::try_from(v & 0xFFFF_FFFF).unwrap_or(0)
}

impl Big {
    /// `self = self × m + a`.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = low(v);
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(low(carry));
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn bit_len(&self) -> i64 {
        let limbs = i64::try_from(self.0.len()).unwrap_or(i64::MAX);
        match self.0.iter().rposition(|&l| l != 0) {
            None => 0,
            Some(i) => {
                let top = self.0.get(i).copied().unwrap_or(0);
                let i = i64::try_from(i).unwrap_or(limbs);
                i * 32 + 32 - i64::from(top.leading_zeros())
            }
        }
    }

    /// `self <<= n`.
    fn shl(&mut self, n: u64) {
        let limbs = usize::try_from(n / 32).unwrap_or(0);
        let bits = u32::try_from(n % 32).unwrap_or(0);
        let mut out = vec![0; limbs];
        let mut carry = 0u32;
        for &limb in &self.0 {
            let v = u64::from(limb) << bits;
            out.push(low(v) | carry);
            carry = low(v >> 32);
        }
        out.push(carry);
        self.0 = out;
    }

    /// `self >>= 1`.
    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | (carry << 31);
            carry = v & 1;
        }
        self.trim();
    }

    /// `self >= other`.
    fn ge(&self, other: &Big) -> bool {
        let (a, b) = (self.bit_len(), other.bit_len());
        if a != b {
            return a > b;
        }
        for (x, y) in self
            .0
            .iter()
            .rev()
            .skip_while(|&&l| l == 0)
            .zip(other.0.iter().rev().skip_while(|&&l| l == 0))
        {
            if x != y {
                return x > y;
            }
        }
        true
    }

    /// `self -= other`, for `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0u64;
        let mut rhs = other.0.iter();
        for limb in &mut self.0 {
            let r = u64::from(rhs.next().copied().unwrap_or(0)) + borrow;
            let l = u64::from(*limb);
            if l >= r {
                *limb = low(l - r);
                borrow = 0;
            } else {
                *limb = low(l + (1 << 32) - r);
                borrow = 1;
            }
        }
        self.trim();
    }

    /// `self / den` when the quotient is below 2^57, and whether it is exact (`den` is spent).
    fn div_small_quotient(&mut self, den: &mut Big) -> (u64, bool) {
        den.shl(56);
        let mut q = 0u64;
        for i in (0..=56).rev() {
            if self.ge(den) {
                self.sub(den);
                q |= 1 << i;
            }
            den.shr1();
        }
        self.trim();
        (q, self.0.is_empty())
    }
}

#[cfg(test)]
mod tests;
