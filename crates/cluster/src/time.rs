//! Virtual time: instants in milliseconds since the Unix epoch, RFC 3339 and kubectl's ages.
//!
//! The engine never reads the system clock; the caller passes the time in.

use serde::{Deserialize, Serialize};

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Time(pub i64);

/// A span of virtual time in milliseconds.
pub type Millis = i64;

impl Time {
    /// The instant `ms` milliseconds later.
    pub fn plus(self, ms: Millis) -> Time {
        Time(self.0.saturating_add(ms))
    }

    /// Milliseconds from `earlier` to `self` (negative when `earlier` is later).
    pub fn since(self, earlier: Time) -> Millis {
        self.0.saturating_sub(earlier.0)
    }

    /// Whole seconds since the epoch (floor).
    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// `2026-11-26T04:10:02Z`: the form Kubernetes writes `metav1.Time` in.
    pub fn rfc3339(self) -> String {
        let c = Civil::of(self);
        if !(0..=9999).contains(&c.year) {
            return format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                c.year, c.month, c.day, c.hour, c.minute, c.second
            );
        }
        // Digit by digit: every status write and event stamps the time, and `format!` took
        // a tenth of an event's cost.
        let mut out = String::with_capacity(20);
        let two = |out: &mut String, n: i64| {
            out.push(digit(n / 10));
            out.push(digit(n));
        };
        two(&mut out, c.year / 100);
        two(&mut out, c.year);
        for (sep, n) in [
            ('-', c.month),
            ('-', c.day),
            ('T', c.hour),
            (':', c.minute),
            (':', c.second),
        ] {
            out.push(sep);
            two(&mut out, n);
        }
        out.push('Z');
        out
    }

    /// `2026-11-26T04:10:02.123456Z`: `metav1.MicroTime`, as events use.
    pub fn rfc3339_micros(self) -> String {
        let c = Civil::of(self);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            c.year,
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second,
            self.0.rem_euclid(1000) * 1000
        )
    }

    /// `2026/11/26 04:10:02`: Go's `log` package default prefix.
    pub fn go_log(self) -> String {
        let c = Civil::of(self);
        format!(
            "{:04}/{:02}/{:02} {:02}:{:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// `Thu, 26 Nov 2026 04:10:02 +0000`: RFC 1123 with a numeric zone, as `kubectl describe` prints.
    pub fn rfc1123z(self) -> String {
        let c = Civil::of(self);
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let weekday = DAYS
            .get(self.unix_seconds().div_euclid(86_400).rem_euclid(7) as usize)
            .unwrap_or(&"Thu");
        let month = MONTHS
            .get((c.month as usize).wrapping_sub(1))
            .unwrap_or(&"Jan");
        format!(
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} +0000",
            c.day, c.year, c.hour, c.minute, c.second
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac]Z` (what the engine writes); `None` for anything else.
    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        let b = s.as_bytes();
        if b.len() < 20 || !s.ends_with('Z') {
            return None;
        }
        let num = |from: usize, to: usize| -> Option<i64> { s.get(from..to)?.parse().ok() };
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        let days = days_from_civil(year, month, day);
        Some(Time(
            (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000,
        ))
    }
}

/// The last decimal digit of `n` (0 to 9999 here).
fn digit(n: i64) -> char {
    char::from(b'0' + (n.rem_euclid(10)) as u8)
}

/// A broken-down UTC date and time.
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: i64,
    pub(crate) day: i64,
    pub(crate) hour: i64,
    pub(crate) minute: i64,
    pub(crate) second: i64,
}

impl Civil {
    /// The day of the week, Sunday 0 (1970-01-01 was a Thursday).
    pub(crate) fn weekday(t: Time) -> i64 {
        (t.unix_seconds().div_euclid(86_400) + 4).rem_euclid(7)
    }

    pub(crate) fn of(t: Time) -> Civil {
        let secs = t.unix_seconds();
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
        }
    }
}

/// Howard Hinnant's `civil_from_days`: days since the epoch to (year, month, day).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The inverse of [`civil_from_days`].
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Go's `time.Duration.String` of a whole number of milliseconds (what the kubelet prints of
/// a duration truncated to the millisecond): `911ms`, `2.48s`, `1m1.5s`, `1h0m0s`, `0s`.
pub fn go_duration(ms: Millis) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{sign}{ms}ms");
    }
    let (h, m) = (ms / 3_600_000, ms / 60_000 % 60);
    let (secs, frac) = (ms / 1000 % 60, ms % 1000);
    let mut seconds = secs.to_string();
    if frac > 0 {
        let digits = format!("{frac:03}");
        seconds.push('.');
        seconds.push_str(digits.trim_end_matches('0'));
    }
    match (h, m) {
        (0, 0) => format!("{sign}{seconds}s"),
        (0, m) => format!("{sign}{m}m{seconds}s"),
        (h, m) => format!("{sign}{h}h{m}m{seconds}s"),
    }
}

/// `duration.HumanDuration` from apimachinery: kubectl's AGE column.
pub fn human_duration(ms: Millis) -> String {
    // Go converts with int(d.Seconds()), which truncates towards zero.
    let seconds = ms / 1000;
    if seconds < -1 {
        return "<invalid>".into();
    } else if seconds < 0 {
        return "0s".into();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{}h", hours / 24, h);
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{}d", hours / 24 / 365, dy);
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_duration_is_gos_duration_string() {
        let cases = [
            (0, "0s"),
            (911, "911ms"),
            (1_000, "1s"),
            (2_480, "2.48s"),
            (2_481, "2.481s"),
            (4_304, "4.304s"),
            (60_000, "1m0s"),
            (61_500, "1m1.5s"),
            (3_600_000, "1h0m0s"),
            (3_723_004, "1h2m3.004s"),
            (-1_500, "-1.5s"),
        ];
        for (ms, text) in cases {
            assert_eq!(super::go_duration(ms), text, "{ms} ms");
        }
    }

    use super::*;

    #[test]
    fn formats_instants() {
        let t = Time::parse_rfc3339("2026-11-26T04:10:02Z").unwrap();
        assert_eq!(t.rfc3339(), "2026-11-26T04:10:02Z");
        assert_eq!(t.rfc1123z(), "Thu, 26 Nov 2026 04:10:02 +0000");
        assert_eq!(t.go_log(), "2026/11/26 04:10:02");
        assert_eq!(t.plus(1234).rfc3339_micros(), "2026-11-26T04:10:03.234000Z");
        assert_eq!(Time(0).rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Time::parse_rfc3339("2024-02-29T23:59:59Z")
                .unwrap()
                .rfc3339(),
            "2024-02-29T23:59:59Z"
        );
        assert_eq!(Time::parse_rfc3339("garbage"), None);
    }

    /// `format!`'s RFC 3339 form of `t`, which the digit-by-digit one must equal.
    fn formatted(t: Time) -> String {
        let c = Civil::of(t);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    proptest::proptest! {
        /// The digit-by-digit form is `format!`'s, for any instant (years past 9999 and before 0
        /// take `format!` itself).
        #[test]
        fn rfc3339_is_the_formatted_civil_time(ms in proptest::num::i64::ANY) {
            let t = Time(ms / 4);
            proptest::prop_assert_eq!(t.rfc3339(), formatted(t));
        }

        #[test]
        fn rfc3339_within_four_digit_years(ms in -62_167_219_200_000i64..253_402_300_800_000) {
            let t = Time(ms);
            proptest::prop_assert_eq!(t.rfc3339(), formatted(t));
        }
    }

    #[test]
    fn human_durations_follow_apimachinery() {
        let cases = [
            (-5_000, "<invalid>"),
            (-1_000, "0s"),
            (0, "0s"),
            (65_000, "65s"),
            (119_999, "119s"),
            (120_000, "2m"),
            (123_000, "2m3s"),
            (599_000, "9m59s"),
            (600_000, "10m"),
            (3 * 3_600_000, "3h"),
            (3 * 3_600_000 - 1, "179m"),
            (3 * 3_600_000 + 4 * 60_000, "3h4m"),
            (8 * 3_600_000, "8h"),
            (51 * 3_600_000, "2d3h"),
            (48 * 3_600_000, "2d"),
            (9 * 86_400_000, "9d"),
            (800 * 86_400_000, "2y70d"),
            (9 * 365 * 86_400_000, "9y"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(ms), want, "{ms} ms");
        }
    }
}
