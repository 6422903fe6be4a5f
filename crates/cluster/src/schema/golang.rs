//! The few pieces of Go's standard library and of `k8s.io/apimachinery` whose exact output the
//! API server's decoding errors carry: number and string formatting, `encoding/base64`,
//! `time.Parse` with RFC 3339 layouts and `resource.ParseQuantity`.
//!
//! Ported from Go 1.23 (`encoding/json`, `encoding/base64`, `strconv`, `time`) and
//! `k8s.io/apimachinery` v0.32.0 (`pkg/api/resource/quantity.go`, `suffix.go`), which
//! Kubernetes v1.32 is built with.

use serde_json::Number;

/// How Go's `encoding/json` writes a JSON number that came from YAML (kubectl converts YAML to
/// JSON in Go): integers as they are, floats with `strconv.FormatFloat(f, 'f' or 'e', -1, 64)`
/// and the `e-07` -> `e-7` clean-up. `1.0` becomes `1`, which then decodes into an integer field.
pub fn number_text(n: &Number) -> String {
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Rust's `{:e}` is the shortest round-trip mantissa too: `1e21`, `1.5e-7`.
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => s,
        }
    } else {
        // Rust's `Display` for f64 is the shortest round-trip decimal, never with an exponent.
        format!("{f}")
    }
}

/// Whether a JSON number, as Go writes it, fits a signed integer of `bits` bits the way
/// `strconv.ParseInt` + `reflect.Value.OverflowInt` accept it.
pub fn fits_int(text: &str, bits: u32) -> bool {
    match text.parse::<i64>() {
        Ok(v) => bits >= 64 || (v >= -(1i64 << (bits - 1)) && v < (1i64 << (bits - 1))),
        Err(_) => false,
    }
}

/// Whether a JSON number, as Go writes it, fits a `uint8` (`strconv.ParseUint`).
pub fn fits_uint8(text: &str) -> bool {
    text.parse::<u64>().is_ok_and(|v| v <= u64::from(u8::MAX))
}

/// `strconv.Quote`: how strict decoding errors quote a field path.
pub fn strconv_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_print(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint` (categories L, M, N, P, S and the ASCII space).
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
        || ('\u{e000}'..='\u{f8ff}').contains(&c))
}

/// The byte offset `base64.StdEncoding.Decode` reports as `illegal base64 data at input byte N`,
/// or `None` if the text decodes. A port of Go's `decodeQuantum` loop (padding required, `\r`
/// and `\n` skipped, trailing garbage after padding refused).
pub fn base64_error(src: &[u8]) -> Option<usize> {
    let mut si = 0;
    while si < src.len() {
        match base64_quantum(src, si) {
            Ok(next) => si = next,
            Err(at) => return Some(at),
        }
    }
    None
}

fn base64_quantum(src: &[u8], mut si: usize) -> Result<usize, usize> {
    let is_alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
    let newline = |b: Option<&u8>| matches!(b, Some(b'\n' | b'\r'));
    let mut j = 0;
    while j < 4 {
        let Some(&c) = src.get(si) else {
            // Out of input in the middle of a quantum (StdEncoding pads).
            return if j == 0 { Ok(si) } else { Err(si - j) };
        };
        si += 1;
        if is_alphabet(c) {
            j += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            continue;
        }
        if c != b'=' {
            return Err(si - 1);
        }
        // Padding: only after two or three symbols.
        match j {
            0 | 1 => return Err(si - 1),
            2 => {
                while newline(src.get(si)) {
                    si += 1;
                }
                match src.get(si) {
                    None => return Err(src.len()),
                    Some(b'=') => si += 1,
                    Some(_) => return Err(si - 1),
                }
            }
            _ => {}
        }
        while newline(src.get(si)) {
            si += 1;
        }
        if si < src.len() {
            return Err(si);
        }
        return Ok(si);
    }
    Ok(si)
}

/// `quote` of Go's `time` package: `"` and `\` escaped, bytes outside printable ASCII as `\xNN`.
fn time_quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7f => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// The elements of the two layouts the API's timestamps use.
#[derive(Clone, Copy, PartialEq)]
enum Elem {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Frac6,
    Zone,
}

/// `time.RFC3339`, as `(literal prefix, element, element text)` chunks.
const RFC3339: &[(&str, Elem, &str)] = &[
    ("", Elem::Year, "2006"),
    ("-", Elem::Month, "01"),
    ("-", Elem::Day, "02"),
    ("T", Elem::Hour, "15"),
    (":", Elem::Minute, "04"),
    (":", Elem::Second, "05"),
    ("", Elem::Zone, "Z07:00"),
];

/// `metav1.RFC3339Micro`.
const RFC3339_MICRO: &[(&str, Elem, &str)] = &[
    ("", Elem::Year, "2006"),
    ("-", Elem::Month, "01"),
    ("-", Elem::Day, "02"),
    ("T", Elem::Hour, "15"),
    (":", Elem::Minute, "04"),
    (":", Elem::Second, "05"),
    ("", Elem::Frac6, ".000000"),
    ("", Elem::Zone, "Z07:00"),
];

fn digit(s: &[u8], i: usize) -> Option<u32> {
    s.get(i)
        .filter(|b| b.is_ascii_digit())
        .map(|b| u32::from(b - b'0'))
}

/// Go's `getnum`: one or two digits (exactly two when `fixed`).
fn getnum(s: &[u8], fixed: bool) -> Option<(u32, &[u8])> {
    let d0 = digit(s, 0)?;
    match digit(s, 1) {
        Some(d1) => Some((d0 * 10 + d1, s.get(2..).unwrap_or(&[]))),
        None if fixed => None,
        None => Some((d0, s.get(1..).unwrap_or(&[]))),
    }
}

/// Go's `atoi` on a short string: an optional sign then digits only.
fn atoi(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, s.get(1..).unwrap_or(&[])),
        Some(b'+') => (false, s.get(1..).unwrap_or(&[])),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v: i64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some(if neg { -v } else { v })
}

fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `time.Parse(time.RFC3339, s)` (or `metav1.RFC3339Micro` when `micro`), as `metav1.Time` and
/// `metav1.MicroTime` decode: `Err` carries Go's `*time.ParseError` text.
pub fn parse_time(s: &str, micro: bool) -> Result<(), String> {
    let (layout_text, layout) = if micro {
        ("2006-01-02T15:04:05.000000Z07:00", RFC3339_MICRO)
    } else {
        ("2006-01-02T15:04:05Z07:00", RFC3339)
    };
    let whole = s.as_bytes();
    let cannot = |value: &[u8], elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            time_quote(whole),
            time_quote(layout_text.as_bytes()),
            time_quote(value),
            time_quote(elem.as_bytes())
        )
    };
    let message = |msg: &str| format!("parsing time {}{msg}", time_quote(whole));
    let mut value = whole;
    let (mut year, mut month, mut day) = (0i64, 0u32, 0u32);
    for (i, &(prefix, elem, text)) in layout.iter().enumerate() {
        match value.strip_prefix(prefix.as_bytes()) {
            Some(rest) => value = rest,
            None => {
                // `skip` consumes the matching part of the prefix before failing; prefixes here
                // are one byte, so the value is unchanged.
                return Err(cannot(value, prefix));
            }
        }
        let hold = value;
        let mut range: Option<&str> = None;
        let ok = match elem {
            Elem::Year => match (value.get(..4), digit(value, 0)) {
                (Some(p), Some(_)) => {
                    value = value.get(4..).unwrap_or(&[]);
                    atoi(p).map(|y| year = y).is_some()
                }
                _ => false,
            },
            Elem::Month => match getnum(value, true) {
                Some((m, rest)) => {
                    value = rest;
                    month = m;
                    if !(1..=12).contains(&m) {
                        range = Some("month");
                    }
                    true
                }
                None => false,
            },
            Elem::Day => match getnum(value, true) {
                Some((d, rest)) => {
                    value = rest;
                    day = d;
                    true
                }
                None => false,
            },
            Elem::Hour | Elem::Minute => match getnum(value, elem == Elem::Minute) {
                Some((n, rest)) => {
                    value = rest;
                    if elem == Elem::Hour && n >= 24 {
                        range = Some("hour");
                    } else if elem == Elem::Minute && n >= 60 {
                        range = Some("minute");
                    }
                    true
                }
                None => false,
            },
            Elem::Second => match getnum(value, true) {
                Some((sec, rest)) => {
                    value = rest;
                    if sec >= 60 {
                        range = Some("second");
                    } else if matches!(value.first(), Some(b'.' | b','))
                        && digit(value, 1).is_some()
                        && layout.get(i + 1).map(|l| l.1) != Some(Elem::Frac6)
                    {
                        // A fractional second the layout does not mention is accepted.
                        let n = 2 + value
                            .iter()
                            .skip(2)
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                        value = value.get(n..).unwrap_or(&[]);
                    }
                    true
                }
                None => false,
            },
            Elem::Frac6 => match value.get(..7) {
                Some(frac) if matches!(frac.first(), Some(b'.' | b',')) => {
                    match atoi(frac.get(1..).unwrap_or(&[])) {
                        Some(ns) => {
                            if ns < 0 {
                                range = Some("fractional second");
                            }
                            value = value.get(7..).unwrap_or(&[]);
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            },
            Elem::Zone => {
                if value.first() == Some(&b'Z') {
                    value = value.get(1..).unwrap_or(&[]);
                    true
                } else if value.len() < 6 || value.get(3) != Some(&b':') {
                    false
                } else {
                    let sign = value.first().copied();
                    let hh = getnum(value.get(1..3).unwrap_or(&[]), true);
                    // Go reads the minutes only when the hours parsed.
                    let mm = hh.and_then(|_| getnum(value.get(4..6).unwrap_or(&[]), true));
                    value = value.get(6..).unwrap_or(&[]);
                    if hh.is_some_and(|(h, _)| h > 24) {
                        range = Some("time zone offset hour");
                    }
                    if mm.is_some_and(|(m, _)| m > 60) {
                        range = Some("time zone offset minute");
                    }
                    hh.is_some() && mm.is_some() && matches!(sign, Some(b'+' | b'-'))
                }
            }
        };
        if let Some(what) = range {
            return Err(message(&format!(": {what} out of range")));
        }
        if !ok {
            return Err(cannot(hold, text));
        }
    }
    if !value.is_empty() {
        return Err(message(&format!(": extra text: {}", time_quote(value))));
    }
    if day < 1 || day > days_in(month, year) {
        return Err(message(": day out of range"));
    }
    Ok(())
}

/// `resource.ErrFormatWrong`.
pub const QUANTITY_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `resource.ErrNumeric`.
pub const QUANTITY_NUMERIC: &str = "unable to parse numeric part of quantity";
/// `resource.ErrSuffix`.
pub const QUANTITY_SUFFIX: &str = "unable to parse quantity's suffix";

/// The parts `parseQuantityString` splits a quantity into.
struct QuantityParts<'a> {
    value: &'a str,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// A port of `parseQuantityString`.
fn parse_quantity_string(s: &str) -> Result<QuantityParts<'_>, &'static str> {
    let b = s.as_bytes();
    let end = b.len();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let sub = |from: usize, to: usize| s.get(from..to).unwrap_or("");
    let mut parts = QuantityParts {
        value: "",
        num: "",
        denom: "",
        suffix: "",
    };
    let mut pos = 0;
    if matches!(at(0), b'-' | b'+') && end > 0 {
        pos += 1;
    }
    // Leading zeros.
    loop {
        if pos >= end {
            parts.num = "0";
            parts.value = "0";
            return Ok(parts);
        }
        if at(pos) != b'0' {
            break;
        }
        pos += 1;
    }
    // Numerator.
    let mut i = pos;
    loop {
        if i >= end {
            parts.num = sub(pos, end);
            parts.value = s;
            return Ok(parts);
        }
        if !at(i).is_ascii_digit() {
            parts.num = sub(pos, i);
            pos = i;
            break;
        }
        i += 1;
    }
    if parts.num.is_empty() {
        parts.num = "0";
    }
    // Denominator.
    if pos < end && at(pos) == b'.' {
        pos += 1;
        let mut i = pos;
        loop {
            if i >= end {
                parts.denom = sub(pos, end);
                parts.value = s;
                return Ok(parts);
            }
            if !at(i).is_ascii_digit() {
                parts.denom = sub(pos, i);
                pos = i;
                break;
            }
            i += 1;
        }
    }
    parts.value = sub(0, pos);
    // Suffix: letters, then an optional sign and digits.
    let suffix_start = pos;
    let mut i = pos;
    loop {
        if i >= end {
            parts.suffix = sub(suffix_start, end);
            return Ok(parts);
        }
        if !b"eEinumkKMGTP".contains(&at(i)) {
            pos = i;
            break;
        }
        i += 1;
    }
    if pos < end && matches!(at(pos), b'-' | b'+') {
        pos += 1;
    }
    let mut i = pos;
    loop {
        if i >= end {
            parts.suffix = sub(suffix_start, end);
            return Ok(parts);
        }
        if !at(i).is_ascii_digit() {
            break;
        }
        i += 1;
    }
    Err(QUANTITY_FORMAT)
}

/// The format of a quantity's suffix.
#[derive(PartialEq)]
enum QuantityFormat {
    Decimal,
    Binary,
}

/// A port of `suffixHandler.interpret`: (exponent, format).
fn interpret_suffix(suffix: &str) -> Option<(i32, QuantityFormat)> {
    let dec = |e| Some((e, QuantityFormat::Decimal));
    let bin = |e| Some((e, QuantityFormat::Binary));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E']).filter(|r| !r.is_empty())?;
            // `int32(parsed)` truncates, as Go's conversion does.
            rest.parse::<i64>()
                .ok()
                .map(|e| (e as i32, QuantityFormat::Decimal))
        }
    }
}

/// `resource.ParseQuantity`: `Err` carries the error text the API server returns.
pub fn parse_quantity(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err(QUANTITY_FORMAT);
    }
    if s == "0" {
        return Ok(());
    }
    let parts = parse_quantity_string(s)?;
    let (exponent, format) = interpret_suffix(parts.suffix).ok_or(QUANTITY_SUFFIX)?;
    let digits = (parts.num.len() + parts.denom.len()) as i64;
    let (precision, mut scale, mantissa) = match format {
        QuantityFormat::Decimal => (18 - digits, i64::from(exponent), 1i64),
        QuantityFormat::Binary if exponent >= 0 && parts.denom.is_empty() => (
            15 - parts.num.len() as i64 - i64::from(exponent) * 3 / 10 - 1,
            0,
            1i64.checked_shl(exponent as u32).unwrap_or(0),
        ),
        QuantityFormat::Binary => (-1, 0, 1),
    };
    if precision >= 0 {
        scale -= parts.denom.len() as i64;
        if scale >= -9 {
            let shifted = format!("{}{}", parts.num, parts.denom);
            let Ok(v) = shifted.parse::<i64>() else {
                return Err(QUANTITY_NUMERIC);
            };
            if v.checked_mul(mantissa).is_some() {
                return Ok(());
            }
        }
    }
    // The slow path: `inf.Dec.SetString(value)` wants at least one digit.
    if parts.value.bytes().any(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(QUANTITY_NUMERIC)
    }
}

/// Whether Go's `encoding/json` (HTML escaping on, as `json.Marshal` does) writes `s` with a
/// backslash escape: a quantity's `UnmarshalJSON` parses the raw, still escaped, bytes.
pub fn json_escapes(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c, '"' | '\\' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}') || (c as u32) < 0x20
    })
}
