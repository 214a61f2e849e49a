//! Timestamps by hand, for speed: ISO 8601 / RFC 3339 and the other forms CRM and contact-centre
//! exports write, to whole milliseconds in UTC; the calendar (proleptic Gregorian, UTC) for the
//! time windows of the statistics.

use crate::event::Timestamp;

/// How the timestamps of a CSV log are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeFormat {
    /// Year first: `2024-03-31`, `2024-03-31 14:05`, `2024-03-31T14:05:09.123+02:00`, `…Z`,
    /// `2024/03/31 14:05:09` (the date alone is midnight).
    #[default]
    Iso,
    /// Day first: `31/03/2024 14:05:09`, `31.03.2024 14:05`, `31-03-2024`.
    DayFirst,
    /// Month first: `03/31/2024 2:05:09` (24-hour clock).
    MonthFirst,
    /// Seconds since 1970-01-01 UTC, possibly with a fraction: `1711893909.5`.
    UnixSeconds,
    /// Milliseconds since 1970-01-01 UTC: `1711893909500`.
    UnixMillis,
}

/// Whether a timestamp said which zone it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// No offset: read as UTC.
    Naive,
    /// `Z` or an offset such as `+02:00`: converted to UTC.
    Offset,
}

/// Parses a timestamp in `format` to milliseconds in UTC, truncating finer fractions of a
/// second (`.9999` is 999 ms). Surrounding spaces are allowed; anything else that is not part
/// of the form is an error.
pub fn parse(text: &str, format: TimeFormat) -> Option<(Timestamp, Zone)> {
    let b = text.trim_matches(' ').as_bytes();
    match format {
        TimeFormat::Iso => iso(b),
        TimeFormat::DayFirst | TimeFormat::MonthFirst => numeric_date_first(b, format == TimeFormat::DayFirst),
        TimeFormat::UnixSeconds => unix(b, 1000),
        TimeFormat::UnixMillis => unix(b, 1),
    }
}

/// A cursor over the bytes of one timestamp.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let d = self.peek()?.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            v = v * 10 + i64::from(d);
            self.i += 1;
        }
        Some(v)
    }

    /// One or two digits (a day, month or hour written without its leading zero).
    fn one_or_two(&mut self) -> Option<i64> {
        let first = self.digits(1)?;
        match self.peek() {
            Some(c) if c.is_ascii_digit() => Some(first * 10 + self.digits(1)?),
            _ => Some(first),
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn at_end(&self) -> bool {
        self.i == self.b.len()
    }
}

fn iso(b: &[u8]) -> Option<(Timestamp, Zone)> {
    let mut c = Cursor { b, i: 0 };
    let year = c.digits(4)?;
    let sep = c.peek()?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    c.i += 1;
    let month = c.digits(2)?;
    if !c.eat(sep) {
        return None;
    }
    let day = c.digits(2)?;
    time_of_day(c, year, month, day)
}

fn numeric_date_first(b: &[u8], day_first: bool) -> Option<(Timestamp, Zone)> {
    let mut c = Cursor { b, i: 0 };
    let first = c.one_or_two()?;
    let sep = c.peek()?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    c.i += 1;
    let second = c.one_or_two()?;
    if !c.eat(sep) {
        return None;
    }
    let year = c.digits(4)?;
    let (day, month) = if day_first { (first, second) } else { (second, first) };
    time_of_day(c, year, month, day)
}

/// After the date: nothing, or `T`/space, `H:MM` or `HH:MM[:SS[.fff…]]`, then an optional zone.
fn time_of_day(mut c: Cursor<'_>, year: i64, month: i64, day: i64) -> Option<(Timestamp, Zone)> {
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * DAY_MS;
    if c.at_end() {
        return Some((Timestamp(ms), Zone::Naive));
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let hour = c.one_or_two()?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.digits(2)?;
    let mut second = 0;
    let mut millis = 0;
    if c.eat(b':') {
        second = c.digits(2)?;
        if c.eat(b'.') || c.eat(b',') {
            let mut scale = 100;
            let mut any = false;
            while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                millis += i64::from(d - b'0') * scale;
                scale /= 10;
                any = true;
                c.i += 1;
            }
            if !any {
                return None;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    ms += hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
    // A space may stand before the zone (`2024-03-31 14:05:09 +02:00`, `… UTC`).
    let before_zone = c.i;
    c.eat(b' ');
    if c.at_end() {
        return (c.i == before_zone).then_some((Timestamp(ms), Zone::Naive));
    }
    match c.peek()? {
        b'Z' | b'z' => c.i += 1,
        b'U' if c.b.get(c.i..) == Some(b"UTC") => c.i += 3,
        sign @ (b'+' | b'-') => {
            c.i += 1;
            let hours = c.digits(2)?;
            let minutes = if c.eat(b':') {
                c.digits(2)?
            } else if c.at_end() {
                0
            } else {
                c.digits(2)?
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3_600_000 + minutes * 60_000;
            ms += if sign == b'+' { -offset } else { offset };
        }
        _ => return None,
    }
    c.at_end().then_some((Timestamp(ms), Zone::Offset))
}

fn unix(b: &[u8], scale: i64) -> Option<(Timestamp, Zone)> {
    let text = std::str::from_utf8(b).ok()?;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let negative = whole.starts_with('-');
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|c| c.is_ascii_digit()) || (text.contains('.') && fraction.is_empty()) {
        return None;
    }
    let mut ms = digits.parse::<i64>().ok()? * scale;
    if scale == 1000 {
        let mut s = 100;
        for d in fraction.bytes().take(3) {
            ms += i64::from(d - b'0') * s;
            s /= 10;
        }
    } else if !fraction.is_empty() {
        return None;
    }
    Some((within_years(if negative { -ms } else { ms })?, Zone::Offset))
}

pub(crate) const DAY_MS: i64 = 86_400_000;

/// The times a log may hold: the years 0000 to 9999, as ISO 8601 writes them. Any two differ
/// by far less than `i64::MAX` milliseconds, so durations never overflow.
pub(crate) const EARLIEST: i64 = -62_167_219_200_000;
pub(crate) const LATEST: i64 = 253_402_300_799_999;

/// `ms` as a timestamp, if it lies in the years 0000 to 9999.
pub(crate) fn within_years(ms: i64) -> Option<Timestamp> {
    (EARLIEST..=LATEST).contains(&ms).then_some(Timestamp(ms))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar (the era-based method:
/// years of 400 days' cycles counted from March, so February's length comes last).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day counted from 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// Writes a timestamp as RFC 3339 in UTC with milliseconds: `2024-03-31T12:05:09.000Z`.
pub fn format_rfc3339(t: Timestamp) -> String {
    let days = t.0.div_euclid(DAY_MS);
    let ms = t.0.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Reports a log that mixes timestamps with and without a zone: the first timestamp decides
/// what the log is, and each later one of the other kind is a problem.
#[derive(Clone, Copy, Debug, Default)]
pub struct ZoneCheck {
    first: Option<Zone>,
}

impl ZoneCheck {
    /// Whether this timestamp's zone kind differs from the log's first.
    pub fn differs(&mut self, zone: Zone) -> bool {
        *self.first.get_or_insert(zone) != zone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> Option<i64> {
        parse(text, TimeFormat::Iso).map(|(t, _)| t.0)
    }

    #[test]
    fn iso_forms_to_utc_milliseconds() {
        // 2024-03-31 is day 19,813 since 1970-01-01 (worked out: 54 years, 13 leap days,
        // then 31 + 29 + 30 days of 2024).
        let midnight = 19_813 * DAY_MS;
        assert_eq!(ms("2024-03-31"), Some(midnight));
        assert_eq!(ms("2024-03-31 14:05"), Some(midnight + 14 * 3_600_000 + 5 * 60_000));
        assert_eq!(ms("2024-03-31T14:05:09Z"), Some(midnight + 50_709_000));
        assert_eq!(ms("2024-03-31T14:05:09.1239+02:00"), Some(midnight + 50_709_123 - 7_200_000));
        assert_eq!(ms("2024-03-31T14:05:09-0530"), Some(midnight + 50_709_000 + 19_800_000));
        assert_eq!(ms("2024-03-31 14:05:09+01"), Some(midnight + 50_709_000 - 3_600_000));
        assert_eq!(ms("2024/03/31 14:05:09 UTC"), Some(midnight + 50_709_000));
        assert_eq!(ms("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(parse("2024-03-31T14:05:09", TimeFormat::Iso).map(|p| p.1), Some(Zone::Naive));
        assert_eq!(parse("2024-03-31T14:05:09Z", TimeFormat::Iso).map(|p| p.1), Some(Zone::Offset));
    }

    #[test]
    fn impossible_or_partial_timestamps_do_not_parse() {
        for bad in [
            "",
            "2024",
            "2024-02-30",
            "2023-02-29",
            "2024-13-01",
            "2024-03-31T24:00",
            "2024-03-31T14:60",
            "2024-03-31T14:05:09.",
            "2024-03-31T14:05:09+",
            "2024-03-31x",
            "2024-03-31T14:05:09Zx",
            "31/03/2024",
        ] {
            assert_eq!(ms(bad), None, "{bad:?}");
        }
        assert!(ms("2024-02-29").is_some());
    }

    #[test]
    fn day_and_month_first() {
        let day_first = parse("31.03.2024 14:05", TimeFormat::DayFirst).map(|p| p.0);
        assert_eq!(day_first, parse("2024-03-31 14:05", TimeFormat::Iso).map(|p| p.0));
        assert_eq!(
            parse("3/31/2024 9:05:00", TimeFormat::MonthFirst).map(|p| p.0),
            ms("2024-03-31 09:05:00").map(Timestamp)
        );
        assert_eq!(parse("31/03/2024", TimeFormat::MonthFirst), None);
    }

    #[test]
    fn unix_epochs() {
        assert_eq!(parse("1711893909.5", TimeFormat::UnixSeconds).map(|p| p.0.0), Some(1_711_893_909_500));
        assert_eq!(parse("1711893909500", TimeFormat::UnixMillis).map(|p| p.0.0), Some(1_711_893_909_500));
        assert_eq!(parse("17e3", TimeFormat::UnixSeconds), None);
        assert_eq!(parse("253402300799.999", TimeFormat::UnixSeconds).map(|p| p.0.0), Some(LATEST));
        assert_eq!(parse("253402300800", TimeFormat::UnixSeconds), None, "after 9999");
        assert_eq!(parse("-62167219200001", TimeFormat::UnixMillis), None, "before 0000");
        assert_eq!(format_rfc3339(Timestamp(EARLIEST)), "0000-01-01T00:00:00.000Z");
    }

    #[test]
    fn calendar_round_trips_and_prints() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(format_rfc3339(Timestamp(-1)), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_rfc3339(Timestamp(19_813 * DAY_MS + 50_709_123)), "2024-03-31T14:05:09.123Z");
    }
}
