//! `-o yaml`: kubectl's YAML printer, byte for byte.
//!
//! kubectl prints an object with `sigs.k8s.io/yaml` v1.4.0: `json.Marshal` (see
//! [`super::json`]), then `JSONToYAML`, which decodes that JSON text with go-yaml v2 and
//! encodes the result with go-yaml v2 (a Go port of libyaml's emitter). This module
//! replays the three steps:
//!
//! 1. **Decode** (`Decoder`): walk the value in JSON text order. Numbers take the text Go
//!    would print, then go-yaml's resolver picks `int`/`uint64`/`float64` from it (so a
//!    float that printed as `1000000` becomes the int `1000000`, `1e+20` stays a float).
//!    Strings are JSON double-quoted scalars: the only raw line break Go leaves in them is
//!    NEL (U+0085), which the YAML scanner folds like a line break. Characters go-yaml's
//!    reader refuses (DEL, C1 controls, U+FFFE, U+FFFF) make kubectl fail with
//!    `error: yaml: control characters are not allowed`.
//! 2. **Sort** map keys with go-yaml v2's "natural" order (`key_less`): digit runs
//!    compare as numbers, non-letters sort before letters (`a9` < `a10`, `a_b` < `aB`).
//! 3. **Emit** (`Emitter`): a faithful port of the parts of go-yaml v2's `emitterc.go`
//!    these documents use: block mappings and sequences (a sequence under a mapping key is
//!    not indented), `{}`/`[]` for empty collections, `? ` keys when a key is multi-line
//!    or longer than 128 bytes, and the scalar styles:
//!    * plain, unless the text would resolve to something other than a string
//!      (`"1234"`, `"true"`, `"yes"`, `"null"`, `""`, `"2026-11-26"`, `"1:20"`), which is
//!      double-quoted;
//!    * single-quoted when plain is not allowed: leading/trailing space, `: ` or ` #`
//!      inside, a leading `- `/`? `/`: ` (or the text `-`, `?`, `:`), a leading `[`, `]`,
//!      `{`, `}`, `,`, `#`, `&`, `*`, `!`, `|`, `>`, `'`, `"`, `%`, `@` or backquote, or a
//!      leading `---`/`...`;
//!    * double-quoted with escapes for non-printable characters (tabs, controls, and
//!      every character outside the BMP, e.g. emoji -> `\U0001F600`);
//!    * literal `|`, `|-`, `|+` (with an indentation indicator `|2` when the text starts
//!      with a space or a line break) for strings containing `\n`; double-quoted instead
//!      when a space comes right before a line break or ends the text, or the text has
//!      non-printable characters;
//!    * plain, single- and double-quoted scalars are folded at 80 columns on spaces.

use serde_json::Value;

use super::json::{go_format_g, number_text};

/// kubectl's message when go-yaml refuses a character of the JSON text.
pub const CONTROL_CHARACTERS_ERROR: &str = "error: yaml: control characters are not allowed";

/// `kubectl get -o yaml` for one object (or any value): no leading `---`, ends with a
/// newline. Where kubectl would fail (see [`try_to_yaml`]) this still prints the value,
/// escaping the characters go-yaml would have refused.
pub fn to_yaml(value: &Value) -> String {
    let mut decoder = Decoder::default();
    let node = decoder.node(value);
    emit(&node)
}

/// Like [`to_yaml`], but fails where kubectl does: `Err` is kubectl's whole stderr line,
/// e.g. [`CONTROL_CHARACTERS_ERROR`] (stdout stays empty, exit code 1).
pub fn try_to_yaml(value: &Value) -> Result<String, String> {
    let mut decoder = Decoder::default();
    let node = decoder.node(value);
    match decoder.error {
        Some(e) => Err(e),
        None => Ok(emit(&node)),
    }
}

/// The `List` `kubectl get` prints for several objects (`kubectl get pods -o yaml|json`).
/// (`kubectl apply -f MULTI --dry-run=client -o yaml` prints a List with `metadata: {}`.)
pub fn list(items: Vec<Value>) -> Value {
    let mut metadata = serde_json::Map::new();
    metadata.insert("resourceVersion".to_string(), Value::String(String::new()));
    let mut list = serde_json::Map::new();
    list.insert("apiVersion".to_string(), Value::String("v1".to_string()));
    list.insert("items".to_string(), Value::Array(items));
    list.insert("kind".to_string(), Value::String("List".to_string()));
    list.insert("metadata".to_string(), Value::Object(metadata));
    Value::Object(list)
}

/// Several objects printed one by one, as `kubectl create -f MULTI.yaml --dry-run=client
/// -o yaml` does: `---` before every object but the first.
pub fn to_yaml_stream(values: &[Value]) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_yaml(v));
    }
    out
}

// ---------------------------------------------------------------------------
// 1. Decode: the value as go-yaml v2 reads it back from kubectl's JSON text.
// ---------------------------------------------------------------------------

/// A scalar style go-yaml's encoder asks for (the emitter may still change it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

#[derive(Debug)]
enum Node {
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

#[derive(Default)]
struct Decoder {
    /// Raw line breaks (NEL) seen so far in the JSON text: go-yaml's line number.
    lines: usize,
    error: Option<String>,
}

impl Decoder {
    fn node(&mut self, value: &Value) -> Node {
        match value {
            Value::Null => Node::Scalar("null".to_string(), Style::Plain),
            Value::Bool(b) => Node::Scalar(b.to_string(), Style::Plain),
            Value::Number(n) => Node::Scalar(yaml_number(&number_text(n)), Style::Plain),
            Value::String(s) => {
                let s = self.string(s);
                let style = string_style(&s);
                Node::Scalar(s, style)
            }
            Value::Array(items) => Node::Seq(items.iter().map(|v| self.node(v)).collect()),
            Value::Object(map) => {
                // JSON text order: Go sorts map keys byte-wise.
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                cluster::sort::sort_by(&mut entries, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                let mut out: Vec<(String, Node)> = Vec::with_capacity(entries.len());
                let mut folded = false;
                for (k, v) in entries {
                    let key = self.string(k);
                    self.check_key(k);
                    folded |= key != **k;
                    let node = self.node(v);
                    out.push((key, node));
                }
                if folded {
                    // Folding can make two keys equal: the later one wins (a Go map).
                    let mut dedup: Vec<(String, Node)> = Vec::with_capacity(out.len());
                    for (k, v) in out {
                        match dedup.iter_mut().find(|(dk, _)| *dk == k) {
                            Some(slot) => slot.1 = v,
                            None => dedup.push((k, v)),
                        }
                    }
                    out = dedup;
                }
                sort_keys(&mut out);
                Node::Map(out)
            }
        }
    }

    /// go-yaml's scanner only takes a key that stays on one line and spans at most 1024
    /// characters (quotes included) as a key; otherwise the parser fails at its `:`.
    fn check_key(&mut self, key: &str) {
        if self.error.is_some() || (!key.contains('\u{85}') && json_text_len(key) + 2 <= 1024) {
            return;
        }
        self.error = Some(match self.lines {
            0 => "error: yaml: did not find expected ',' or '}'".to_string(),
            n => format!("error: yaml: line {n}: did not find expected ',' or '}}'"),
        });
    }

    /// A string as go-yaml's reader and scanner see it in a JSON double-quoted scalar.
    fn string(&mut self, s: &str) -> String {
        if s.chars().any(refused_by_reader) && self.error.is_none() {
            self.error = Some(CONTROL_CHARACTERS_ERROR.to_string());
        }
        if !s.contains('\u{85}') {
            return s.to_string();
        }
        self.fold_nel(s)
    }

    /// go-yaml's `yaml_parser_scan_flow_scalar` over the raw text Go's JSON encoder wrote:
    /// spaces and NEL are the only raw blanks/breaks (tabs, `\n`, `\r`, U+2028/9 are
    /// escaped). Spaces before a break are dropped, spaces after it are indentation, one
    /// break becomes a space and further breaks become `\n`.
    fn fold_nel(&mut self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut at_line_start = false;
        loop {
            if at_line_start && self.error.is_none() {
                let rest: String = chars.iter().skip(i).take(3).collect();
                let after = chars.get(i + 3).copied();
                // A '"' (the closing quote) is not blank; the end of the JSON text cannot follow.
                if (rest == "---" || rest == "...")
                    && after.is_some_and(|c| c == ' ' || c == '\u{85}')
                {
                    self.error = Some(format!(
                        "error: yaml: line {}: found unexpected document indicator",
                        self.lines + 1
                    ));
                }
            }
            at_line_start = false;
            while let Some(&c) = chars.get(i) {
                if c == ' ' || c == '\u{85}' {
                    break;
                }
                out.push(c);
                i += 1;
            }
            if i >= chars.len() {
                break;
            }
            let mut leading_blanks = false;
            let mut whitespaces = String::new();
            let mut trailing_breaks = String::new();
            while let Some(&c) = chars.get(i) {
                if c == ' ' {
                    if !leading_blanks {
                        whitespaces.push(' ');
                    }
                    at_line_start = false;
                } else if c == '\u{85}' {
                    self.lines += 1;
                    at_line_start = true;
                    if leading_blanks {
                        trailing_breaks.push('\n');
                    } else {
                        whitespaces.clear();
                        leading_blanks = true;
                    }
                } else {
                    break;
                }
                i += 1;
            }
            if leading_blanks {
                if trailing_breaks.is_empty() {
                    out.push(' ');
                } else {
                    out.push_str(&trailing_breaks);
                }
            } else {
                out.push_str(&whitespaces);
            }
        }
        out
    }
}

/// The length in characters of `s` as Go's JSON encoder escapes it (without quotes).
fn json_text_len(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => 6,
            c if u32::from(c) < 0x20 => 6,
            _ => 1,
        })
        .sum()
}

/// Characters go-yaml v2's reader rejects ("control characters are not allowed") that
/// Go's JSON encoder leaves raw.
fn refused_by_reader(c: char) -> bool {
    // Below 0x20 Go escapes everything, so only these stay raw.
    matches!(u32::from(c), 0x7F..=0x84 | 0x86..=0x9F | 0xFFFE | 0xFFFF)
}

/// The YAML text of a number whose JSON text is `text`: go-yaml resolves it as an int, a
/// uint64 or a float64 and prints it with `FormatInt`/`FormatUint`/`FormatFloat('g')`.
fn yaml_number(text: &str) -> String {
    if let Ok(i) = text.parse::<i64>() {
        return i.to_string();
    }
    if let Ok(u) = text.parse::<u64>() {
        return u.to_string();
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_nan() => ".nan".to_string(),
        Ok(f) if f.is_infinite() => if f > 0.0 { ".inf" } else { "-.inf" }.to_string(),
        Ok(f) => go_format_g(f),
        Err(_) => text.to_string(),
    }
}

/// The style go-yaml v2's encoder asks for a string (`encoder.stringv`).
fn string_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_to_str(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::DoubleQuoted
    }
}

// ---------------------------------------------------------------------------
// go-yaml v2's resolver (resolve.go): would this plain scalar read back as a string?
// ---------------------------------------------------------------------------

const RESOLVE_MAP: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No",
    "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan",
    ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    "<<",
];

fn resolves_to_str(s: &str) -> bool {
    let hint = match s.bytes().next() {
        None => 'N',
        Some(b'+' | b'-') => 'S',
        Some(b'0'..=b'9') => 'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => 'M',
        Some(b'.') => '.',
        Some(_) => return true,
    };
    if RESOLVE_MAP.contains(&s) {
        return false;
    }
    match hint {
        '.' => !go_parse_float_ok(s),
        'D' | 'S' => {
            if parse_timestamp(s) {
                return false;
            }
            let plain: String = s.chars().filter(|c| *c != '_').collect();
            if go_parse_int(&plain, 0).is_some() || go_parse_uint(&plain, 0).is_some() {
                return false;
            }
            if yaml_style_float(&plain) && plain.parse::<f64>().is_ok_and(f64::is_finite) {
                return false;
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                if go_parse_int(rest, 2).is_some() || go_parse_uint(rest, 2).is_some() {
                    return false;
                }
            } else if let Some(rest) = plain.strip_prefix("-0b") {
                if go_parse_int(&format!("-{rest}"), 2).is_some() {
                    return false;
                }
            }
            true
        }
        _ => true,
    }
}

/// Go's `strconv.ParseUint(s, base, 64)` (base 0: `0x`, `0o`, `0b`, leading `0` prefixes).
/// Underscores are never present here (go-yaml removes them first).
fn go_parse_uint(s: &str, base: u32) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let (base, digits) = if base == 0 {
        let b = s.as_bytes();
        if b.first() == Some(&b'0') {
            match b.get(1).map(u8::to_ascii_lowercase) {
                Some(b'b') if b.len() >= 3 => (2, s.get(2..)?),
                Some(b'o') if b.len() >= 3 => (8, s.get(2..)?),
                Some(b'x') if b.len() >= 3 => (16, s.get(2..)?),
                _ => (8, s.get(1..)?),
            }
        } else {
            (10, s)
        }
    } else {
        (base, s)
    };
    let mut n: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(36)?;
        if d >= base {
            return None;
        }
        n = n.checked_mul(u64::from(base))?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// Go's `strconv.ParseInt(s, base, 64)`.
fn go_parse_int(s: &str, base: u32) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'+') => (false, s.get(1..)?),
        Some(b'-') => (true, s.get(1..)?),
        _ => (false, s),
    };
    let un = go_parse_uint(rest, base)?;
    const CUTOFF: u64 = 1 << 63;
    if neg {
        if un > CUTOFF {
            return None;
        }
        Some((un as i64).wrapping_neg())
    } else {
        if un >= CUTOFF {
            return None;
        }
        Some(un as i64)
    }
}

/// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` succeeding, for an `s` that starts with `.`: a decimal
/// fraction with an optional exponent, `_` allowed between digits, no overflow to ±Inf.
fn go_parse_float_ok(s: &str) -> bool {
    // underscoreOK: an underscore must sit between two digits.
    let b = s.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'_' {
            let before = i
                .checked_sub(1)
                .and_then(|j| b.get(j))
                .is_some_and(u8::is_ascii_digit);
            let after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !before || !after {
                return false;
            }
        }
    }
    let plain: String = s.chars().filter(|c| *c != '_').collect();
    yaml_style_float(&plain) && plain.parse::<f64>().is_ok_and(f64::is_finite)
}

/// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'+' | b'-' | b'0'..=b'9')) || !s.contains(':') {
        return false;
    }
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        match i - start {
            1 => {}
            2 if b.get(start).is_some_and(|c| (b'0'..=b'5').contains(c)) => {}
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's `parseTimestamp`: Go's `time.Parse` with the layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`
/// and `2006-1-2`.
fn parse_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let year_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_digits != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    use TimeElem::*;
    const LAYOUTS: [&[TimeElem]; 4] = [
        &[
            Year,
            Lit(b"-"),
            Month,
            Lit(b"-"),
            Day,
            Lit(b"T"),
            Hour,
            Lit(b":"),
            Minute,
            Lit(b":"),
            Second,
            Frac,
            Zone,
        ],
        &[
            Year,
            Lit(b"-"),
            Month,
            Lit(b"-"),
            Day,
            Lit(b"t"),
            Hour,
            Lit(b":"),
            Minute,
            Lit(b":"),
            Second,
            Frac,
            Zone,
        ],
        &[
            Year,
            Lit(b"-"),
            Month,
            Lit(b"-"),
            Day,
            Lit(b" "),
            Hour,
            Lit(b":"),
            Minute,
            Lit(b":"),
            Second,
            Frac,
        ],
        &[Year, Lit(b"-"), Month, Lit(b"-"), Day],
    ];
    LAYOUTS.iter().any(|layout| go_time_parse(layout, b))
}

#[derive(Clone, Copy)]
enum TimeElem {
    Lit(&'static [u8]),
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Frac,
    Zone,
}

/// Go's `getnum(s, fixed)`: one or two digits (exactly two when `fixed`).
fn getnum(v: &[u8], fixed: bool) -> Option<(u32, &[u8])> {
    let d0 = v.first().filter(|c| c.is_ascii_digit())?;
    match v.get(1).filter(|c| c.is_ascii_digit()) {
        Some(d1) => Some((
            u32::from(d0 - b'0') * 10 + u32::from(d1 - b'0'),
            v.get(2..)?,
        )),
        None if fixed => None,
        None => Some((u32::from(d0 - b'0'), v.get(1..)?)),
    }
}

fn go_time_parse(layout: &[TimeElem], value: &[u8]) -> bool {
    let mut v = value;
    let (mut year, mut month, mut day) = (0u32, 0u32, 0u32);
    for elem in layout {
        match *elem {
            TimeElem::Lit(lit) => {
                // Go's `skip`: a space in the layout matches any run of spaces.
                let mut p = lit;
                while let Some(&c) = p.first() {
                    if c == b' ' {
                        if v.first().is_some_and(|x| *x != b' ') {
                            return false;
                        }
                        while p.first() == Some(&b' ') {
                            p = p.get(1..).unwrap_or_default();
                        }
                        while v.first() == Some(&b' ') {
                            v = v.get(1..).unwrap_or_default();
                        }
                        continue;
                    }
                    if v.first() != Some(&c) {
                        return false;
                    }
                    p = p.get(1..).unwrap_or_default();
                    v = v.get(1..).unwrap_or_default();
                }
            }
            TimeElem::Year => {
                let Some(y) = v.get(..4) else { return false };
                if !y.iter().all(u8::is_ascii_digit) {
                    return false;
                }
                year = y.iter().fold(0, |acc, c| acc * 10 + u32::from(c - b'0'));
                v = v.get(4..).unwrap_or_default();
            }
            TimeElem::Month
            | TimeElem::Day
            | TimeElem::Hour
            | TimeElem::Minute
            | TimeElem::Second => {
                let Some((n, rest)) = getnum(v, false) else {
                    return false;
                };
                v = rest;
                match *elem {
                    TimeElem::Month if n == 0 || n > 12 => return false,
                    TimeElem::Month => month = n,
                    TimeElem::Day => day = n,
                    TimeElem::Hour if n >= 24 => return false,
                    TimeElem::Minute | TimeElem::Second if n >= 60 => return false,
                    _ => {}
                }
            }
            TimeElem::Frac => {
                // Optional: [.,] followed by any number of digits.
                if matches!(v.first(), Some(b'.' | b','))
                    && v.get(1).is_some_and(u8::is_ascii_digit)
                {
                    let n = 1 + v.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
                    v = v.get(n..).unwrap_or_default();
                }
            }
            TimeElem::Zone => {
                if v.first() == Some(&b'Z') {
                    v = v.get(1..).unwrap_or_default();
                } else {
                    if v.len() < 6 || v.get(3) != Some(&b':') {
                        return false;
                    }
                    let (Some(hh), Some(mm)) = (v.get(1..3), v.get(4..6)) else {
                        return false;
                    };
                    let (Some((h, _)), Some((m, _))) = (getnum(hh, true), getnum(mm, true)) else {
                        return false;
                    };
                    if h > 24 || m > 60 || !matches!(v.first(), Some(b'+' | b'-')) {
                        return false;
                    }
                    v = v.get(6..).unwrap_or_default();
                }
            }
        }
    }
    if !v.is_empty() {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day >= 1 && day <= days
}

// ---------------------------------------------------------------------------
// 2. go-yaml v2's key order (sorter.go).
// ---------------------------------------------------------------------------

/// go-yaml v2's `keyList.Less` for two string keys.
fn key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    for (i, (&ac, &bc)) in ar.iter().zip(br.iter()).enumerate() {
        if ac == bc {
            continue;
        }
        let al = is_letter(ac);
        let bl = is_letter(bc);
        if al && bl {
            return ac < bc;
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ac == '0' || bc == '0' {
            let mut j = i;
            while j > 0 {
                j -= 1;
                match ar.get(j) {
                    Some(&c) if is_digit(c) => {
                        if c != '0' {
                            an = 1;
                            bn = 1;
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        let mut ai = i;
        while let Some(&c) = ar.get(ai).filter(|c| is_digit(**c)) {
            an = an
                .wrapping_mul(10)
                .wrapping_add(i64::from(u32::from(c).wrapping_sub(u32::from('0'))));
            ai += 1;
        }
        let mut bi = i;
        while let Some(&c) = br.get(bi).filter(|c| is_digit(**c)) {
            bn = bn
                .wrapping_mul(10)
                .wrapping_add(i64::from(u32::from(c).wrapping_sub(u32::from('0'))));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ac < bc;
    }
    ar.len() < br.len()
}

/// Go's `unicode.IsLetter` (exact for ASCII; `char::is_alphabetic` beyond).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic() && !c.is_numeric()
    }
}

/// Go's `unicode.IsDigit` (exact for ASCII; `char::is_numeric` beyond).
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        c.is_numeric()
    }
}

/// `sort.Sort(keyList)`. For the keys `key_less` orders consistently (every realistic
/// key set) any correct sort gives Go's order. For the others kubectl itself is not
/// deterministic: Go hands the keys to the sort in random map order. A stable merge sort
/// here, which cannot panic on an inconsistent order (`slice::sort_by` may).
fn sort_keys(entries: &mut Vec<(String, Node)>) {
    let items = std::mem::take(entries);
    *entries = merge_sort(items);
}

fn merge_sort(mut items: Vec<(String, Node)>) -> Vec<(String, Node)> {
    if items.len() <= 1 {
        return items;
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(items);
    let right = merge_sort(right);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => key_less(&b.0, &a.0),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right { r.next() } else { l.next() };
        if let Some(item) = next {
            out.push(item);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// 3. The emitter: go-yaml v2's emitterc.go, for block collections and scalars.
// ---------------------------------------------------------------------------

const BEST_INDENT: i64 = 2;
const BEST_WIDTH: usize = 80;

fn emit(node: &Node) -> String {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        indent: -1,
        indents: Vec::new(),
        mapping_context: false,
        simple_key_context: false,
    };
    e.emit_node(node, false, false);
    // DOCUMENT-END (implicit).
    e.write_indent();
    e.out
}

struct Emitter {
    out: String,
    /// In characters, like go-yaml.
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: i64,
    indents: Vec<i64>,
    mapping_context: bool,
    simple_key_context: bool,
}

/// go-yaml's `yaml_emitter_analyze_scalar` result.
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_blankz(c: char) -> bool {
    is_blank(c) || is_break(c) || c == '\0'
}

/// go-yaml's `is_printable` (the 4-byte UTF-8 range is not printable).
fn is_printable(c: char) -> bool {
    let c = u32::from(c);
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (0xA0..=0xD7FF).contains(&c)
        || ((0xE000..=0xFFFD).contains(&c) && c != 0xFEFF)
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut preceded_by_whitespace = true;
    let mut previous_space = false;
    let mut previous_break = false;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = chars.get(i + 1).is_none_or(|x| is_blank(*x));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    block_indicators = true;
                }
                '?' | ':' if followed_by_whitespace => block_indicators = true,
                '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special_characters = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn emit_node(&mut self, node: &Node, mapping: bool, simple_key: bool) {
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match node {
            Node::Scalar(text, style) => self.emit_scalar(text, *style),
            Node::Seq(items) if items.is_empty() => {
                self.write_indicator("[", true, true, false);
                self.write_indicator("]", false, false, false);
            }
            Node::Map(entries) if entries.is_empty() => {
                self.write_indicator("{", true, true, false);
                self.write_indicator("}", false, false, false);
            }
            Node::Seq(items) => {
                let indentless = self.mapping_context && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.emit_node(item, false, false);
                }
                self.pop_indent();
            }
            Node::Map(entries) => {
                self.increase_indent(false, false);
                for (key, value) in entries {
                    self.write_indent();
                    let key_style = string_style(key);
                    let simple = !analyze(key).multiline && key.len() <= 128;
                    if simple {
                        self.emit_node(&Node::Scalar(key.clone(), key_style), true, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.emit_node(&Node::Scalar(key.clone(), key_style), true, false);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.emit_node(value, true, false);
                }
                self.pop_indent();
            }
        }
    }

    fn emit_scalar(&mut self, text: &str, requested: Style) {
        let a = analyze(text);
        let mut style = requested;
        if self.simple_key_context && a.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain
            && (!a.block_plain_allowed || (text.is_empty() && self.simple_key_context))
        {
            style = Style::SingleQuoted;
        }
        if style == Style::SingleQuoted && !a.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal && (!a.block_allowed || self.simple_key_context) {
            style = Style::DoubleQuoted;
        }
        self.increase_indent(true, false);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain(text, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted(text, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted(text, allow_breaks),
            Style::Literal => self.write_literal(text),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < n
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        // go-yaml's `is_bom(value, i)` looks at the start of the value, not at `i`.
        let bom = value.starts_with('\u{feff}');
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || bom || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(s) => self.put(s),
                    None => {
                        let v = u32::from(c);
                        let (letter, width) = match v {
                            0..=0xFF => ('x', 2),
                            0x100..=0xFFFF => ('u', 4),
                            _ => ('U', 8),
                        };
                        self.put(letter);
                        for k in (0..width).rev() {
                            let digit = ((v >> (k * 4)) & 0xF) as usize;
                            self.put(char::from(HEX.get(digit).copied().unwrap_or(b'0')));
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        // yaml_emitter_write_block_scalar_hints
        let chars: Vec<char> = value.chars().collect();
        if chars.first().is_some_and(|c| *c == ' ' || is_break(*c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chomp = match chars.last() {
            None => Some('-'),
            Some(&last) if !is_break(last) => Some('-'),
            Some(_) if chars.len() == 1 => Some('+'),
            Some(_) => match chars.get(chars.len().wrapping_sub(2)) {
                Some(&c) if is_break(c) => Some('+'),
                _ => None,
            },
        };
        if let Some(c) = chomp {
            self.write_indicator(&c.to_string(), false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};
    use serde_json::json;

    fn check(input: Value, expect: Expect) {
        expect.assert_eq(&to_yaml(&input));
    }

    /// One string value under a key, as in a ConfigMap's `data`.
    fn check_str(s: &str, expect: Expect) {
        check(json!({ "k": s }), expect);
    }

    #[test]
    fn plain_strings() {
        check_str(
            "hello",
            expect![[r#"
            k: hello
        "#]],
        );
        check_str(
            "gcr.io/google-samples/hello-app:1.0",
            expect![[r#"
            k: gcr.io/google-samples/hello-app:1.0
        "#]],
        );
        check_str(
            "a#b",
            expect![[r#"
            k: a#b
        "#]],
        );
        check_str(
            "-a",
            expect![[r#"
            k: -a
        "#]],
        );
        check_str(
            "<<",
            expect![[r#"
            k: <<
        "#]],
        );
        check_str(
            "ñandú",
            expect![[r#"
            k: ñandú
        "#]],
        );
    }

    #[test]
    fn strings_that_resolve_to_other_types_are_double_quoted() {
        for s in [
            "", "1234", "1e3", "0x1F", "1_000", "+1", ".5", "08", "true", "True", "yes", "no",
            "on", "off", "y", "n", "null", "~",
        ] {
            assert_eq!(
                to_yaml(&json!({ "k": s })),
                format!("k: \"{s}\"\n"),
                "{s:?}"
            );
        }
        check_str(
            "2026-11-26T04:10:02Z",
            expect![[r#"
            k: "2026-11-26T04:10:02Z"
        "#]],
        );
        check_str(
            "2026-11-26",
            expect![[r#"
            k: "2026-11-26"
        "#]],
        );
        check_str(
            "1:20",
            expect![[r#"
            k: "1:20"
        "#]],
        );
        check_str(
            "0b101",
            expect![[r#"
            k: "0b101"
        "#]],
        );
        check_str(
            ".inf",
            expect![[r#"
            k: ".inf"
        "#]],
        );
    }

    #[test]
    fn look_alikes_stay_plain() {
        for s in [
            "tRUE",
            "nULL",
            "1e400",
            "0x",
            "0xG",
            "+",
            "1.2.3",
            "10:61",
            "2026-02-30",
            "2026-13-01",
            "2026-11-26T04:10:02",
            "1/2",
            "12e",
        ] {
            assert_eq!(to_yaml(&json!({ "k": s })), format!("k: {s}\n"), "{s:?}");
        }
    }

    #[test]
    fn single_quoted() {
        check_str(
            " lead",
            expect![[r#"
            k: ' lead'
        "#]],
        );
        check_str(
            "trail ",
            expect![[r#"
            k: 'trail '
        "#]],
        );
        check_str(
            "a: b",
            expect![[r#"
            k: 'a: b'
        "#]],
        );
        check_str(
            "a #b",
            expect![[r#"
            k: 'a #b'
        "#]],
        );
        check_str(
            "it's",
            expect![[r#"
            k: it's
        "#]],
        );
        check_str(
            "'a",
            expect![[r#"
            k: '''a'
        "#]],
        );
        check_str(
            "- a",
            expect![[r#"
            k: '- a'
        "#]],
        );
        check_str(
            "---",
            expect![[r#"
            k: '---'
        "#]],
        );
    }

    #[test]
    fn leading_indicators() {
        let got: String = [
            "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%",
            "@", "`",
        ]
        .iter()
        .map(|c| to_yaml(&json!({ "k": format!("{c}x") })))
        .collect();
        expect![[r#"
            k: -x
            k: ?x
            k: :x
            k: ',x'
            k: '[x'
            k: ']x'
            k: '{x'
            k: '}x'
            k: '#x'
            k: '&x'
            k: '*x'
            k: '!x'
            k: '|x'
            k: '>x'
            k: '''x'
            k: '"x'
            k: '%x'
            k: '@x'
            k: '`x'
        "#]]
        .assert_eq(&got);
    }

    #[test]
    fn double_quoted_escapes() {
        check_str(
            "a\tb",
            expect![[r#"
            k: "a\tb"
        "#]],
        );
        check_str(
            "emoji 😀",
            expect![[r#"
            k: "emoji \U0001F600"
        "#]],
        );
        check_str(
            "ctl\u{1}x\u{7}\u{1b}",
            expect![[r#"
            k: "ctl\x01x\a\e"
        "#]],
        );
        check_str(
            "\u{feff}bom",
            expect![[r#"
            k: "\uFEFF\x62\x6F\x6D"
        "#]],
        );
        check_str(
            "x \n",
            expect![[r#"
            k: "x \n"
        "#]],
        );
    }

    #[test]
    fn literal_blocks() {
        check_str(
            "ml\nline",
            expect![[r#"
            k: |-
              ml
              line
        "#]],
        );
        check_str(
            "ml\nline\n",
            expect![[r#"
            k: |
              ml
              line
        "#]],
        );
        check_str(
            "ml\nline\n\n",
            expect![[r#"
            k: |+
              ml
              line

        "#]],
        );
        check_str(
            " lead\nx",
            expect![[r#"
            k: |2-
               lead
              x
        "#]],
        );
        check_str(
            "\n",
            expect![[r#"
            k: |2+

        "#]],
        );
        check_str(
            "trail \nx",
            expect![[r#"
            k: "trail \nx"
        "#]],
        );
    }

    #[test]
    fn nel_folds_like_a_line_break() {
        check_str(
            "\u{85}nel",
            expect![[r#"
            k: ' nel'
        "#]],
        );
        check_str(
            "a \u{85} b",
            expect![[r#"
            k: a b
        "#]],
        );
        check_str(
            "a\u{85}\u{85}b",
            expect![[r#"
            k: |-
              a
              b
        "#]],
        );
    }

    #[test]
    fn refused_characters() {
        assert_eq!(
            try_to_yaml(&json!({"k": "del\u{7f}"})),
            Err(CONTROL_CHARACTERS_ERROR.to_string())
        );
        assert_eq!(
            try_to_yaml(&json!({"k\u{80}": 1})),
            Err(CONTROL_CHARACTERS_ERROR.to_string())
        );
        assert_eq!(try_to_yaml(&json!({"k": "ok"})), Ok("k: ok\n".to_string()));
        check_str(
            "del\u{7f}",
            expect![[r#"
            k: "del\x7F"
        "#]],
        );
    }

    #[test]
    fn long_strings_fold_at_80_columns() {
        let long: Vec<String> = (0..40).map(|i| format!("word{i}")).collect();
        let long = long.join(" ");
        check(
            json!({"data": {"long": long, "sq": format!("'{long}"), "dq": format!("{long} \u{1}")}}),
            expect![[r#"
            data:
              dq: "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12
                word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24
                word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35 word36
                word37 word38 word39 \x01"
              long: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11
                word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23
                word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35
                word36 word37 word38 word39
              sq: '''word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11
                word12 word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23
                word24 word25 word26 word27 word28 word29 word30 word31 word32 word33 word34 word35
                word36 word37 word38 word39'
        "#]],
        );
    }

    #[test]
    fn long_words_are_not_broken() {
        let word = "x".repeat(200);
        assert_eq!(to_yaml(&json!({ "k": word })), format!("k: {word}\n"));
    }

    #[test]
    fn numbers() {
        check(
            json!({"a": 3, "b": -7, "c": 0.5, "d": 1.0, "e": -0.0, "f": 1e-7, "g": 1234567.5, "h": 123456.5, "i": 1e21, "j": 1e20,
                   "k": 9_223_372_036_854_775_808_u64, "l": u64::MAX, "m": i64::MIN, "n": 0.0001, "o": 0.00001}),
            expect![[r#"
                a: 3
                b: -7
                c: 0.5
                d: 1
                e: 0
                f: 1e-07
                g: 1.2345675e+06
                h: 123456.5
                i: 1e+21
                j: 1e+20
                k: 9223372036854776000
                l: 1.8446744073709552e+19
                m: -9223372036854775808
                "n": 0.0001
                o: 1e-05
            "#]],
        );
    }

    #[test]
    fn nulls_bools_and_empty_collections() {
        check(
            json!({"a": null, "b": true, "c": false, "d": {}, "e": [], "f": [{}, []]}),
            expect![[r#"
            a: null
            b: true
            c: false
            d: {}
            e: []
            f:
            - {}
            - []
        "#]],
        );
    }

    #[test]
    fn sequences_are_not_indented_under_keys() {
        check(
            json!({"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}, {"name": "b"}]}}),
            expect![[r#"
            spec:
              containers:
              - name: a
                ports:
                - containerPort: 80
              - name: b
        "#]],
        );
    }

    #[test]
    fn nested_sequences() {
        check(
            json!([[1, [2, []]], [], "x"]),
            expect![[r#"
            - - 1
              - - 2
                - []
            - []
            - x
        "#]],
        );
    }

    #[test]
    fn top_level_scalars() {
        check(
            json!("x"),
            expect![[r#"
            x
        "#]],
        );
        check(
            json!(null),
            expect![[r#"
            null
        "#]],
        );
        check(
            json!({}),
            expect![[r#"
            {}
        "#]],
        );
        check(
            json!("a\nb"),
            expect![[r#"
            |-
              a
              b
        "#]],
        );
    }

    #[test]
    fn key_order_is_natural() {
        let keys = [
            "a10", "a9", "a_b", "aB", "ab", "a-b", "a.b", "A", "b", "1", "01", "001", "a01", "a1",
            "a001", "Z", "_x", "-x", "", "ñ", "é", "z0",
        ];
        let obj: serde_json::Map<String, Value> =
            keys.iter().map(|k| (k.to_string(), json!(0))).collect();
        check(
            Value::Object(obj),
            expect![[r#"
            "": 0
            -x: 0
            _x: 0
            "1": 0
            "01": 0
            "001": 0
            A: 0
            Z: 0
            a-b: 0
            a.b: 0
            a_b: 0
            a1: 0
            a01: 0
            a001: 0
            a9: 0
            a10: 0
            aB: 0
            ab: 0
            b: 0
            z0: 0
            é: 0
            ñ: 0
        "#]],
        );
    }

    #[test]
    fn keys_needing_quotes_or_complex_form() {
        check(
            json!({"y": 1, "t\tk": 2, "q: r": 3, "m\nk": 4, "b".repeat(129): 5, "a".repeat(128): 6}),
            expect![[r#"
            aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 6
            ? bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
            : 5
            ? |-
              m
              k
            : 4
            'q: r': 3
            "t\tk": 2
            "y": 1
        "#]],
        );
    }

    #[test]
    fn list_form() {
        check(
            list(vec![json!({"kind": "Pod", "metadata": {"name": "a"}})]),
            expect![[r#"
            apiVersion: v1
            items:
            - kind: Pod
              metadata:
                name: a
            kind: List
            metadata:
              resourceVersion: ""
        "#]],
        );
        check(
            list(vec![]),
            expect![[r#"
            apiVersion: v1
            items: []
            kind: List
            metadata:
              resourceVersion: ""
        "#]],
        );
    }

    #[test]
    fn stream_separates_documents() {
        expect![[r#"
            a: 1
            ---
            b: 2
        "#]]
        .assert_eq(&to_yaml_stream(&[json!({"a": 1}), json!({"b": 2})]));
    }

    #[test]
    fn structural_errors() {
        assert_eq!(
            try_to_yaml(&json!({"a\u{85}b": 1})),
            Err("error: yaml: line 1: did not find expected ',' or '}'".to_string())
        );
        assert_eq!(
            try_to_yaml(&json!({"k".repeat(1023): 1})),
            Err("error: yaml: did not find expected ',' or '}'".to_string())
        );
        assert!(try_to_yaml(&json!({"k".repeat(1022): 1})).is_ok());
        assert_eq!(
            try_to_yaml(&json!({"a": "x\u{85}--- y"})),
            Err("error: yaml: line 2: found unexpected document indicator".to_string())
        );
        assert_eq!(
            try_to_yaml(&json!({"a": "x\u{85}---"})),
            Ok("a: x ---\n".to_string())
        );
    }

    #[test]
    fn resolver_details() {
        assert!(!resolves_to_str("0b-101"));
        assert!(!resolves_to_str(".5_5"));
        assert!(resolves_to_str("._5"));
        assert!(!resolves_to_str("2024-02-29"));
        assert!(resolves_to_str("2023-02-29"));
        assert!(!resolves_to_str("2026-11-26T04:10:02,5Z"));
        assert!(!resolves_to_str("2026-11-26T04:10:02+24:00"));
        assert!(resolves_to_str("2026-11-26T04:10:02+25:00"));
        assert!(!resolves_to_str("2026-11-26  04:10:02"));
        assert!(resolves_to_str("2026-11-26T24:00:00Z"));
        assert!(!resolves_to_str("-9223372036854775808"));
        assert!(!resolves_to_str("18446744073709551615"));
        assert!(!resolves_to_str("99999999999999999999"));
        assert!(is_base60_float("12:30:45"));
        assert!(!is_base60_float("10:61"));
    }
}
