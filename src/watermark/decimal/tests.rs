//! `parse_f64` against the standard library's `str::parse::<f64>`, the reference.

#![allow(clippy::as_conversions)]

use super::*;

/// Both parsers on `s`: the same refusal, or the same bits (any NaN for a NaN).
fn same(s: &str) {
    let theirs = s.parse::<f64>().ok();
    let ours = parse_f64(s);
    match (ours, theirs) {
        (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
        (a, b) => assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{s:?}"),
    }
}

/// xorshift64*: a fixed sequence, so that a failure repeats.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> usize {
        usize::try_from(self.next() % n).unwrap()
    }
    fn double(&mut self) -> f64 {
        loop {
            let f = f64::from_bits(self.next() >> 1);
            if f.is_finite() {
                return f;
            }
        }
    }
}

#[test]
fn parses_edge_cases_as_the_standard_library_does() {
    let long_zeros = "0".repeat(1_000_000);
    let cases = [
        "0",
        "-0",
        "+0",
        "0.0",
        "-0.0",
        "0e0",
        "0e-99999999",
        "0e99999999",
        "1",
        "-1",
        "1.",
        ".5",
        "-.5",
        "+.5e1",
        ".",
        "-.",
        "e5",
        ".e5",
        "1e",
        "1e+",
        "1e-",
        "1e+5",
        "1E5",
        "1e-5",
        "1.5e-5",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "1e310",
        "1e311",
        "9.999e309",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "4.9e-324",
        "5e-324",
        "3e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.47032822920623272e-324",
        "1e-323",
        "1e-324",
        "1e-325",
        "9007199254740992",
        "9007199254740993",
        "9007199254740993.0000000000000001",
        "9007199254740994",
        "9007199254740995",
        "0.1",
        "0.2",
        "0.3",
        "0.7",
        "19.343056794463642",
        "123456789012345678901234567890",
        "1e65535",
        "1e65536",
        "1e99999",
        "1e999999999999",
        "1e-65536",
        "1e-999999999999",
        "1e0000000000000000000005",
        "1.2.3",
        "1..2",
        "1e5.0",
        "1e5e5",
        "0x10",
        "1_000",
        " 1",
        "1 ",
        "+-1",
        "--1",
        "++1",
        "-",
        "+",
        "",
        "inf",
        "-inf",
        "+inf",
        "INF",
        "Infinity",
        "-infinity",
        "iNfInItY",
        "infinit",
        "infinityx",
        "nan",
        "-NaN",
        "NAN",
        "nan1",
        "in",
        "e",
        "E",
        "1e+-5",
        "1.e5",
        "1.E-5",
        "٣",
        "1e٣",
    ];
    for c in cases {
        same(c);
    }
    // The exponent stops growing at 65,536, whatever the digits before it.
    same(&format!("0.{long_zeros}1e1000001"));
    same(&format!("0.{long_zeros}1e65600"));
    same(&format!("1{long_zeros}e-1000000"));
    same(&format!("1{long_zeros}e-65535"));
    same(&format!("{long_zeros}.{long_zeros}"));
    // Many digits: the 768th and the sticky flag.
    same(&format!("1.{}1", "0".repeat(800)));
    same(&format!("9007199254740993{}", "0".repeat(900)));
    same(&format!("9007199254740992.{}1", "0".repeat(900)));
    same(&format!("{}e-1000", "9".repeat(1000)));
    same(&format!("0.{}e-300", "1234567890".repeat(100)));
}

/// The exact decimal of a finite non-negative `f`: digits and the exponent of the last one.
fn exact(f: f64) -> (Vec<u8>, i64) {
    let s = format!("{f:.1100e}");
    let (m, e) = s.split_once('e').unwrap();
    let digits: Vec<u8> = m
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|c| c - b'0')
        .collect();
    (digits, e.parse::<i64>().unwrap() - 1100)
}

/// `a + b` of decimal digit strings (most significant first).
fn add(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut carry = 0;
    let (mut x, mut y) = (a.iter().rev(), b.iter().rev());
    loop {
        let (p, q) = (x.next(), y.next());
        if p.is_none() && q.is_none() && carry == 0 {
            break;
        }
        let v = p.copied().unwrap_or(0) + q.copied().unwrap_or(0) + carry;
        out.push(v % 10);
        carry = v / 10;
    }
    out.reverse();
    out
}

/// The point halfway between `f` and the next double up, as `digits e exponent` text.
fn halfway(f: f64) -> String {
    let (mut a, ea) = exact(f);
    let (mut b, eb) = exact(f64::from_bits(f.to_bits() + 1));
    let e = ea.min(eb);
    a.extend(std::iter::repeat_n(0, usize::try_from(ea - e).unwrap()));
    b.extend(std::iter::repeat_n(0, usize::try_from(eb - e).unwrap()));
    // (a + b) / 2 = (a + b) × 5 / 10.
    let sum = add(&a, &b);
    let mut five = vec![0];
    for _ in 0..5 {
        five = add(&five, &sum);
    }
    let text: String = five.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{}e{}", text.trim_start_matches('0'), e - 1)
}

#[test]
fn parses_halfway_points_as_the_standard_library_does() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut specials = vec![
        0.0,
        f64::from_bits(1),
        f64::MIN_POSITIVE,
        f64::from_bits(f64::MIN_POSITIVE.to_bits() - 1),
        9007199254740992.0,
        1.0,
        0.5,
        f64::from_bits(f64::MAX.to_bits() - 1),
    ];
    specials.extend((0..300).map(|_| rng.double()));
    specials.extend((0..100).map(|_| f64::from_bits(rng.next() % (1 << 53))));
    // Halfway above f64::MAX is where rounding goes to infinity.
    same("1.797693134862315807937289714053034150799341327710524e308");
    same("1.797693134862315807937289714053034150799341327710525e308");
    for f in specials.into_iter().filter(|f| *f < f64::MAX) {
        let mid = halfway(f);
        same(&mid);
        let (body, e) = mid.split_once('e').unwrap();
        let stem = body.strip_suffix('5').unwrap_or(body);
        same(&format!("{body}000000001e{e}"));
        same(&format!("{stem}4999999999e{e}"));
        same(&format!("{stem}4{}e{e}", "9".repeat(800)));
        same(&format!("{body}{}1e{e}", "0".repeat(800)));
    }
}

#[test]
fn parses_random_text_as_the_standard_library_does() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for _ in 0..100_000 {
        let f = rng.double();
        for s in [
            format!("{f}"),
            format!("{f:e}"),
            format!("{f:.17e}"),
            format!("{f:.3e}"),
            format!("{f:.25e}"),
            format!("-{f:.1e}"),
        ] {
            same(&s);
        }
    }
    let alphabet = b"0123456789012345678900000.eE+-";
    for _ in 0..300_000 {
        let len = 1 + rng.below(14);
        let s: String = (0..len)
            .map(|_| char::from(alphabet[rng.below(alphabet.len() as u64)]))
            .collect();
        same(&s);
    }
    for _ in 0..20_000 {
        let digits = 1 + rng.below(40);
        let mut s: String = (0..digits)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        if rng.below(2) == 0 {
            s.insert(rng.below(digits as u64 + 1), '.');
        }
        let exp = i64::try_from(rng.below(700)).unwrap() - 350;
        same(&format!("{s}e{exp}"));
    }
}
