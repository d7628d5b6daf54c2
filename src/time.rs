//! The one calendar: instants as seconds since the Unix epoch (UTC, leap seconds not counted,
//! as POSIX and X.509 count them), converted to and from the proleptic Gregorian calendar.
//!
//! Three text forms meet here and nowhere else:
//! - RFC 3339 (`2026-11-28T12:00:00Z`): what the report prints and what `--at` takes;
//! - ASN.1 `GeneralizedTime` as RFC 5280 §4.1.2.5.2 and RFC 3161 §2.4.2 restrict it
//!   (`YYYYMMDDHHMMSS[.f*]Z`): the time in an RFC 3161 timestamp token;
//! - days and seconds since 1970-01-01, for comparisons.
//!
//! Years are limited to 0000..=9999, the range of both text forms; formatting clamps to it.
//! The day-count conversions are H. Hinnant's `days_from_civil` / `civil_from_days`
//! ("chrono-Compatible Low-Level Date Algorithms"), exact over that range.

/// 0000-01-01T00:00:00Z, the earliest instant the text forms can spell.
pub const MIN_SECS: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z, the latest instant the text forms can spell.
pub const MAX_SECS: i64 = 253_402_300_799;

const SECS_PER_DAY: i64 = 86_400;

/// True for a leap year of the Gregorian calendar.
fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1..=12) of year `y`; 0 for a month out of range.
fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Seconds since the epoch of a UTC date and time, or `None` if any field is out of range
/// (year 0..=9999, a day that exists in that month, hour ≤ 23, minute ≤ 59, second ≤ 60).
/// A leap second (`:60`) counts as the first second of the next minute, as POSIX time does.
pub fn from_civil(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (0..=9999).contains(&y)
        && (1..=days_in_month(y, mo)).contains(&d)
        && (0..=23).contains(&h)
        && (0..=59).contains(&mi)
        && (0..=60).contains(&s);
    valid.then(|| days_from_civil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 + s)
}

/// Format an instant as RFC 3339 in UTC (`YYYY-MM-DDTHH:MM:SSZ`). Instants outside
/// [`MIN_SECS`]..=[`MAX_SECS`] are clamped to that range.
pub fn rfc3339(t: i64) -> String {
    let t = t.clamp(MIN_SECS, MAX_SECS);
    let (y, m, d) = civil_from_days(t.div_euclid(SECS_PER_DAY));
    let rem = t.rem_euclid(SECS_PER_DAY);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The decimal value of `b`, which must be all ASCII digits (no sign, no spaces) and non-empty.
fn digits(b: Option<&[u8]>) -> Option<i64> {
    let b = b.filter(|b| !b.is_empty() && b.iter().all(u8::is_ascii_digit))?;
    b.iter().try_fold(0i64, |acc, &c| {
        acc.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })
}

/// Skip `.` and one or more digits (a fraction of a second, which both forms allow and we
/// truncate), returning what follows; `rest` unchanged if it does not start with `.`.
fn skip_fraction(rest: &[u8]) -> Option<&[u8]> {
    match rest.strip_prefix(b".") {
        Some(frac) => {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            (n > 0).then(|| frac.get(n..)).flatten()
        }
        None => Some(rest),
    }
}

/// Parse RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` (RFC 3339 §5.6) to seconds since the
/// epoch. `t`/`z` and a space for `T` are accepted, as §5.6 notes allow.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let num = |i: usize, n: usize| digits(b.get(i..i.checked_add(n)?));
    let separators = at(4) == Some(b'-')
        && at(7) == Some(b'-')
        && matches!(at(10), Some(b'T' | b't' | b' '))
        && at(13) == Some(b':')
        && at(16) == Some(b':');
    if !separators {
        return None;
    }
    let local = from_civil(
        num(0, 4)?,
        num(5, 2)?,
        num(8, 2)?,
        num(11, 2)?,
        num(14, 2)?,
        num(17, 2)?,
    )?;
    let zone = skip_fraction(b.get(19..)?)?;
    let offset = match zone {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (oh, om) = (digits(Some(&[*h1, *h2]))?, digits(Some(&[*m1, *m2]))?);
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 3600 + om * 60;
            if *sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    Some(local - offset)
}

/// Parse an ASN.1 `GeneralizedTime` in the form RFC 5280 §4.1.2.5.2 requires and RFC 3161
/// §2.4.2 extends with a fraction: `YYYYMMDDHHMMSS[.f*]Z`, always UTC. The fraction is
/// truncated.
pub fn parse_generalized_time(b: &[u8]) -> Option<i64> {
    let num = |i: usize, n: usize| digits(b.get(i..i.checked_add(n)?));
    let t = from_civil(
        num(0, 4)?,
        num(4, 2)?,
        num(6, 2)?,
        num(8, 2)?,
        num(10, 2)?,
        num(12, 2)?,
    )?;
    (skip_fraction(b.get(14..)?)? == b"Z").then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values are well-known Unix times (the epoch, 1e9, 1234567890, 2^31-1, the
    // .NET/Go minimum 0001-01-01 = -62135596800, the 9999-12-31T23:59:59Z maximum), checked
    // against GNU `date -u -d @N`, not taken from this module's output.
    const KNOWN: &[(i64, &str)] = &[
        (0, "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (946_684_800, "2000-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (951_868_800, "2000-03-01T00:00:00Z"),
        (1_000_000_000, "2001-09-09T01:46:40Z"),
        (1_234_567_890, "2009-02-13T23:31:30Z"),
        (1_709_164_800, "2024-02-29T00:00:00Z"),
        (1_795_867_200, "2026-11-28T12:00:00Z"),
        (2_147_483_647, "2038-01-19T03:14:07Z"),
        (4_107_542_400, "2100-03-01T00:00:00Z"),
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
        (-2_203_891_200, "1900-03-01T00:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (MIN_SECS, "0000-01-01T00:00:00Z"),
        (MAX_SECS, "9999-12-31T23:59:59Z"),
    ];

    #[test]
    fn formats_and_parses_known_instants() {
        for &(t, text) in KNOWN {
            assert_eq!(rfc3339(t), text, "{t}");
            assert_eq!(parse_rfc3339(text), Some(t), "{text}");
            let compact: String = text.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(
                parse_generalized_time(format!("{compact}Z").as_bytes()),
                Some(t),
                "{compact}"
            );
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        for y in [1600, 2000, 2024, 1996] {
            assert!(
                from_civil(y, 2, 29, 0, 0, 0).is_some(),
                "{y} is a leap year"
            );
        }
        for y in [1700, 1800, 1900, 2100, 2023, 2025] {
            assert!(
                from_civil(y, 2, 29, 0, 0, 0).is_none(),
                "{y} is not a leap year"
            );
        }
        assert_eq!(parse_rfc3339("1900-02-29T00:00:00Z"), None);
        assert_eq!(parse_generalized_time(b"21000229000000Z"), None);
        assert!(from_civil(2024, 4, 31, 0, 0, 0).is_none());
        assert!(from_civil(2024, 12, 31, 23, 59, 59).is_some());
    }

    /// Walk every day from 0000-01-01 to 9999-12-31 with a plain month-length table and check
    /// that the day count, the formatter and the parser agree with the walk.
    #[test]
    fn agrees_with_a_day_by_day_walk() {
        let month_len = |y: i64, m: i64| -> i64 {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ][usize::try_from(m - 1).unwrap()]
        };
        let mut t = MIN_SECS;
        for y in 0..=9999 {
            for m in 1..=12 {
                for d in 1..=month_len(y, m) {
                    assert_eq!(from_civil(y, m, d, 0, 0, 0), Some(t), "{y}-{m}-{d}");
                    assert_eq!(civil_from_days(t.div_euclid(SECS_PER_DAY)), (y, m, d));
                    t += SECS_PER_DAY;
                }
            }
        }
        assert_eq!(t, MAX_SECS + 1);
    }

    #[test]
    fn clamps_outside_the_four_digit_years() {
        assert_eq!(rfc3339(i64::MIN), "0000-01-01T00:00:00Z");
        assert_eq!(rfc3339(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(from_civil(10_000, 1, 1, 0, 0, 0), None);
        assert_eq!(from_civil(-1, 12, 31, 0, 0, 0), None);
    }

    #[test]
    fn rfc3339_offsets_fractions_and_leap_seconds() {
        assert_eq!(parse_rfc3339("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_rfc3339("1969-12-31T19:00:00-05:00"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01t00:00:00.5z"), Some(951_868_800));
        assert_eq!(
            parse_rfc3339("2000-03-01 00:00:00.123456Z"),
            Some(951_868_800)
        );
        // 2016-12-31T23:59:60Z, the last leap second, is the first second of 2017 (1483228800).
        assert_eq!(parse_rfc3339("2016-12-31T23:59:60Z"), Some(1_483_228_800));
    }

    #[test]
    fn rfc3339_rejects_malformed_text() {
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T12:60:00Z",
            "2026-11-28T12:00:61Z",
            "2026-11-28T12:00:00",
            "2026-11-28T12:00:00.Z",
            "2026-11-28T12:00:00+1:00",
            "2026-11-28T12:00:00+24:00",
            "2026-11-28T12-00-00Z",
            "2026-11-28T12:00:00Zjunk",
            "+026-11-28T12:00:00Z",
            "2026-11-28T1 :00:00Z",
            "２０２６-11-28T12:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn generalized_time_needs_zulu_and_digits() {
        assert_eq!(
            parse_generalized_time(b"20261128120000.123Z"),
            Some(1_795_867_200)
        );
        for bad in [
            &b""[..],
            b"2026112812000",
            b"20261128120000",
            b"20261328120000Z",
            b"20261128120000.Z",
            b"20261128120000junkZ",
            b"+0261128120000Z",
            b"20261128120000+0100",
        ] {
            assert_eq!(parse_generalized_time(bad), None, "{bad:?}");
        }
    }
}
