//! Cron schedules as the CronJob controller reads them (robfig/cron's standard parser): five
//! fields (minute, hour, day of month, month, day of week) of `*`, `*/n`, `a`, `a-b`, `a-b/n`
//! and lists, month and weekday names, the `@hourly`-style descriptors; and when one fires next.

use crate::time::{days_from_civil, Civil, Time};

/// A parsed schedule: one bit per allowed value of each field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    minute: u64,
    hour: u64,
    dom: u64,
    month: u64,
    dow: u64,
    /// The day-of-month or day-of-week field was `*`: days must match both, else either.
    any_day: bool,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Parses a schedule; the error is robfig/cron's text, which the API server quotes.
pub fn parse(text: &str) -> Result<Schedule, String> {
    let spec = match text.trim() {
        "@yearly" | "@annually" => "0 0 1 1 *",
        "@monthly" => "0 0 1 * *",
        "@weekly" => "0 0 * * 0",
        "@daily" | "@midnight" => "0 0 * * *",
        "@hourly" => "0 * * * *",
        other if other.starts_with('@') => {
            return Err(format!("unrecognized descriptor: {other}"));
        }
        other => other,
    };
    let fields: Vec<&str> = spec.split_whitespace().collect();
    let [minute, hour, dom, month, dow] = fields.as_slice() else {
        return Err(format!(
            "Expected exactly 5 fields, found {}: {spec}",
            fields.len()
        ));
    };
    Ok(Schedule {
        minute: field(minute, 0, 59, &[])?,
        hour: field(hour, 0, 23, &[])?,
        dom: field(dom, 1, 31, &[])?,
        month: field(month, 1, 12, &MONTHS)?,
        // 7 is Sunday too.
        dow: {
            let bits = field(dow, 0, 7, &DAYS)?;
            (bits | (bits >> 7)) & 0x7f
        },
        any_day: dom.starts_with('*') || dow.starts_with('*'),
    })
}

fn number(s: &str, names: &[&str], offset: u32) -> Result<u32, String> {
    if let Some(i) = names.iter().position(|n| s.eq_ignore_ascii_case(n)) {
        return Ok(i as u32 + offset);
    }
    s.parse::<u32>().map_err(|_| {
        format!("Failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax")
    })
}

/// One field's allowed values as bits.
fn field(text: &str, min: u32, max: u32, names: &[&str]) -> Result<u64, String> {
    let offset = if names.len() == 12 { 1 } else { 0 };
    let mut bits = 0u64;
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, Some(number(s, &[], 0)?)),
            None => (part, None),
        };
        let (lo, hi) = if range == "*" || range == "?" {
            (min, max)
        } else {
            match range.split_once('-') {
                Some((a, b)) => (number(a, names, offset)?, number(b, names, offset)?),
                None => {
                    let v = number(range, names, offset)?;
                    (v, if step.is_some() { max } else { v })
                }
            }
        };
        if lo < min {
            return Err(format!(
                "Beginning of range ({lo}) below minimum ({min}): {part}"
            ));
        }
        if hi > max {
            return Err(format!("End of range ({hi}) above maximum ({max}): {part}"));
        }
        if lo > hi {
            return Err(format!(
                "Beginning of range ({lo}) beyond end of range ({hi}): {part}"
            ));
        }
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(format!("Step of range should be a positive number: {part}"));
        }
        let mut v = lo;
        while v <= hi {
            bits |= 1 << v;
            v += step;
        }
    }
    Ok(bits)
}

fn has(bits: u64, v: i64) -> bool {
    u32::try_from(v).is_ok_and(|v| v < 64 && bits & (1 << v) != 0)
}

impl Schedule {
    /// The first time after `t` (whole minutes) the schedule fires; `None` if none within
    /// about five years (`0 0 30 2 *`).
    pub fn next_after(&self, t: Time) -> Option<Time> {
        let minute_ms = 60_000;
        let mut cur = Time(t.0.div_euclid(minute_ms) * minute_ms + minute_ms);
        for _ in 0..20_000 {
            let c = Civil::of(cur);
            let day_start = Time(days_from_civil(c.year, c.month, c.day) * 86_400_000);
            if !has(self.month, c.month) {
                let (y, m) = if c.month == 12 {
                    (c.year + 1, 1)
                } else {
                    (c.year, c.month + 1)
                };
                cur = Time(days_from_civil(y, m, 1) * 86_400_000);
                continue;
            }
            let dom = has(self.dom, c.day);
            let dow = has(self.dow, Civil::weekday(cur));
            let day = if self.any_day { dom && dow } else { dom || dow };
            if !day {
                cur = day_start.plus(86_400_000);
                continue;
            }
            if !has(self.hour, c.hour) {
                cur = day_start.plus((c.hour + 1) * 3_600_000);
                continue;
            }
            if !has(self.minute, c.minute) {
                cur = cur.plus(minute_ms);
                continue;
            }
            return Some(cur);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Time {
        Time::parse_rfc3339(s).unwrap_or_default()
    }

    fn next(spec: &str, from: &str) -> String {
        match parse(spec).map(|s| s.next_after(at(from))) {
            Ok(Some(t)) => t.rfc3339(),
            Ok(None) => "never".into(),
            Err(e) => e,
        }
    }

    #[test]
    fn fires_as_cron_does() {
        let from = "2026-11-26T10:00:30Z";
        assert_eq!(next("* * * * *", from), "2026-11-26T10:01:00Z");
        assert_eq!(next("*/5 * * * *", from), "2026-11-26T10:05:00Z");
        assert_eq!(next("0 * * * *", from), "2026-11-26T11:00:00Z");
        assert_eq!(next("30 2 * * *", from), "2026-11-27T02:30:00Z");
        assert_eq!(next("0 0 1 jan *", from), "2027-01-01T00:00:00Z");
        // Thursday the 26th: the next Monday is the 30th.
        assert_eq!(next("0 9 * * MON", from), "2026-11-30T09:00:00Z");
        assert_eq!(next("0 9 * * 7", from), "2026-11-29T09:00:00Z");
        // Day of month and day of week both restricted: either matches.
        assert_eq!(next("0 0 1 * 5", from), "2026-11-27T00:00:00Z");
        assert_eq!(next("@hourly", from), "2026-11-26T11:00:00Z");
        assert_eq!(next("0 0 30 2 *", from), "never");
    }

    #[test]
    fn refuses_as_robfig_cron_does() {
        assert_eq!(
            next("foo", "2026-11-26T10:00:00Z"),
            "Expected exactly 5 fields, found 1: foo"
        );
        assert_eq!(
            next("61 * * * *", "2026-11-26T10:00:00Z"),
            "End of range (61) above maximum (59): 61"
        );
        assert_eq!(
            next("x * * * *", "2026-11-26T10:00:00Z"),
            "Failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            next("@often", "2026-11-26T10:00:00Z"),
            "unrecognized descriptor: @often"
        );
    }
}
