//! `-o json`: kubectl's JSON printer, byte for byte.
//!
//! kubectl prints `json.MarshalIndent(obj, "", "    ")` and a newline. The object it holds
//! was decoded from the API server's JSON into `map[string]interface{}` (`unstructured`),
//! so keys come out sorted byte-wise, numbers are `int64` when their JSON text is an
//! integer that fits and `float64` otherwise, and strings are escaped the way Go's
//! `encoding/json` does by default (`<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`).

use serde_json::{Map, Number, Value};

/// `kubectl get -o json`: four-space indent, sorted keys, Go escaping, a trailing newline.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_with(&mut out, value, Some(0), Sorted);
    out.push('\n');
    out
}

/// Several objects printed one by one, as `kubectl create -f MULTI.yaml --dry-run=client
/// -o json` does: the documents follow each other with nothing in between.
pub fn to_json_stream(values: &[Value]) -> String {
    values.iter().map(to_json).collect()
}

/// `json.Marshal`: compact, sorted keys, Go's escaping (what an API error quotes of an object).
pub fn to_go_compact(value: &Value) -> String {
    let mut out = String::new();
    write_with(&mut out, value, None, Sorted);
    out
}

/// The order an object's keys are written in, and the layout of each value: sorted for a map
/// (what kubectl decodes the server's JSON into), a Go struct's field order for a typed object
/// (`typed_json`).
pub(crate) trait Layout: Copy {
    /// The object's entries in order, each with its value's layout.
    fn entries(self, map: &Map<String, Value>) -> Vec<(&String, &Value, Self)>;
}

/// Keys sorted byte-wise, as Go marshals a map.
#[derive(Clone, Copy)]
pub(crate) struct Sorted;

impl Layout for Sorted {
    fn entries(self, map: &Map<String, Value>) -> Vec<(&String, &Value, Sorted)> {
        // Go sorts map keys byte-wise; do it here too in case `preserve_order` is on.
        let mut entries: Vec<(&String, &Value, Sorted)> =
            map.iter().map(|(k, v)| (k, v, Sorted)).collect();
        cluster::sort::sort_by(&mut entries, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        entries
    }
}

/// A line break and the indent of `level` (`None`: compact, neither).
fn break_line(out: &mut String, level: Option<usize>) {
    if let Some(level) = level {
        out.push('\n');
        for _ in 0..level {
            out.push_str("    ");
        }
    }
}

/// Writes `value` as Go's encoder does: indented by four spaces a level from `level`
/// (`MarshalIndent`), or compact (`None`, `Marshal`), keys in `layout`'s order.
pub(crate) fn write_with<L: Layout>(
    out: &mut String,
    value: &Value,
    level: Option<usize>,
    layout: L,
) {
    let inner = level.map(|l| l + 1);
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&number_text(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                break_line(out, inner);
                write_with(out, item, inner, layout);
            }
            break_line(out, level);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v, l)) in layout.entries(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                break_line(out, inner);
                write_string(out, k);
                out.push_str(if level.is_some() { ": " } else { ":" });
                write_with(out, v, inner, l);
            }
            break_line(out, level);
            out.push('}');
        }
    }
}

/// A JSON string literal as Go's `encoding/json` writes it (HTML-safe escaping on).
fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(b >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(b & 0xf).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The JSON text kubectl prints for a number.
///
/// kubectl decodes the server's JSON numbers as `int64` when the text is an integer that
/// fits, and as `float64` otherwise; Go then re-encodes a `float64` in its own way
/// (`1e+21`, `1e-7`, `0.000001`, `100000000000000000000`). A `u64` above `i64::MAX`
/// therefore prints as a rounded float (`9223372036854775808` -> `9223372036854776000`),
/// and an `f64` prints as Go would write it (`1.0` -> `1`, `-0.0` -> `-0`).
pub(crate) fn number_text(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    match n.as_f64() {
        Some(f) => go_json_float(f),
        None => n.to_string(),
    }
}

/// Go's `encoding/json` float64 encoding: `strconv.FormatFloat(f, 'f', -1, 64)`, or `'e'`
/// below 1e-6 and from 1e21 on, with `e-07` cleaned up to `e-7`.
pub(crate) fn go_json_float(f: f64) -> String {
    if !f.is_finite() {
        // encoding/json refuses these; serde_json never holds them.
        return "null".to_string();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = go_format(f, 'e');
        // Go: clean up e-09 to e-9.
        if let Some(pos) = s.find("e-0") {
            let (head, tail) = s.split_at(pos);
            let digits = tail.trim_start_matches("e-0");
            if digits.len() == 1 {
                return format!("{head}e-{digits}");
            }
        }
        return s;
    }
    go_format(f, 'f')
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)` (go-yaml v2's float format).
pub(crate) fn go_format_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".to_string()
        } else {
            "-Inf".to_string()
        };
    }
    go_format(f, 'g')
}

/// The shortest decimal digits that round-trip `abs` and the decimal point position:
/// `abs == 0.d1d2d3... * 10^dp`. Zero has no digits and `dp == 0`.
fn shortest_digits(abs: f64) -> (Vec<u8>, i32) {
    if abs == 0.0 {
        return (Vec::new(), 0);
    }
    // Rust's `{:e}` without a precision prints the shortest round-trip digits, which is
    // what Go's shortest formatting picks too (closest of the shortest).
    // On a tie between two shortest candidates Go takes the even one (81326139310997.125 ->
    // ...12); Rust's shortest mode may not, but its exact mode rounds half to even.
    let shortest = format!("{abs:e}");
    let n = shortest
        .split_once('e')
        .map_or(0, |(m, _)| m.bytes().filter(u8::is_ascii_digit).count());
    let even = format!("{:.*e}", n.saturating_sub(1), abs);
    let s = if even.parse::<f64>() == Ok(abs) {
        even
    } else {
        shortest
    };
    let (mantissa, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

fn go_format(f: f64, fmt: char) -> String {
    let neg = f.is_sign_negative();
    let (digits, dp) = shortest_digits(f.abs());
    let nd = digits.len() as i32;
    let use_e = match fmt {
        'e' => true,
        'f' => false,
        // 'g' with the shortest precision: %e when exp < -4 || exp >= 6.
        _ => {
            let exp = dp - 1;
            !(-4..6).contains(&exp)
        }
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if use_e {
        // fmtE with prec = nd - 1.
        out.push(char::from(digits.first().copied().unwrap_or(b'0')));
        if nd > 1 {
            out.push('.');
            for d in digits.iter().skip(1) {
                out.push(char::from(*d));
            }
        }
        out.push('e');
        let exp = if digits.is_empty() { 0 } else { dp - 1 };
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    } else {
        // fmtF with prec = max(nd - dp, 0).
        if dp > 0 {
            for i in 0..dp {
                out.push(char::from(digits.get(i as usize).copied().unwrap_or(b'0')));
            }
        } else {
            out.push('0');
        }
        let prec = (nd - dp).max(0);
        if prec > 0 {
            out.push('.');
            for i in 0..prec {
                let j = dp + i;
                let d = if j >= 0 {
                    digits.get(j as usize).copied().unwrap_or(b'0')
                } else {
                    b'0'
                };
                out.push(char::from(d));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};
    use serde_json::json;

    fn check(input: Value, expect: Expect) {
        expect.assert_eq(&to_json(&input));
    }

    #[test]
    fn scalars() {
        check(
            json!(null),
            expect![[r#"
            null
        "#]],
        );
        check(
            json!("x"),
            expect![[r#"
            "x"
        "#]],
        );
        check(
            json!(true),
            expect![[r#"
            true
        "#]],
        );
    }

    #[test]
    fn empty_collections() {
        check(
            json!({}),
            expect![[r#"
            {}
        "#]],
        );
        check(
            json!([]),
            expect![[r#"
            []
        "#]],
        );
        check(
            json!({"a": {}, "b": [], "c": [[], {}]}),
            expect![[r#"
            {
                "a": {},
                "b": [],
                "c": [
                    [],
                    {}
                ]
            }
        "#]],
        );
    }

    #[test]
    fn keys_sorted_bytewise() {
        check(
            json!({"b": 1, "a10": 2, "a9": 3, "A": 4, "_x": 5, "": 6, "é": 7}),
            expect![[r#"
            {
                "": 6,
                "A": 4,
                "_x": 5,
                "a10": 2,
                "a9": 3,
                "b": 1,
                "é": 7
            }
        "#]],
        );
    }

    #[test]
    fn escaping() {
        check(
            json!("<a href=\"x\">&amp;</a>"),
            expect![[r#"
            "\u003ca href=\"x\"\u003e\u0026amp;\u003c/a\u003e"
        "#]],
        );
        check(
            json!("tab\tnl\ncr\rbs\u{8}ff\u{c}nul\u{0}us\u{1f}esc\u{1b}"),
            expect![[r#"
            "tab\tnl\ncr\rbs\bff\fnul\u0000us\u001fesc\u001b"
        "#]],
        );
        check(
            json!("q\"b\\s/"),
            expect![[r#"
            "q\"b\\s/"
        "#]],
        );
        check(
            json!("ls\u{2028}ps\u{2029}del\u{7f}nel\u{85}ñ😀"),
            expect![["
            \"ls\\u2028ps\\u2029del\u{7f}nel\u{85}ñ😀\"
        "]],
        );
    }

    #[test]
    fn integers() {
        check(
            json!([0, 3, -7, i64::MAX, i64::MIN]),
            expect![[r#"
            [
                0,
                3,
                -7,
                9223372036854775807,
                -9223372036854775808
            ]
        "#]],
        );
    }

    #[test]
    fn big_unsigned_goes_through_float64() {
        check(
            json!([
                9_223_372_036_854_775_808_u64,
                12_345_678_901_234_567_890_u64,
                u64::MAX
            ]),
            expect![[r#"
            [
                9223372036854776000,
                12345678901234567000,
                18446744073709552000
            ]
        "#]],
        );
    }

    #[test]
    fn floats() {
        check(
            json!([
                0.5, 1.0, -0.0, 1e-7, 1.5e-7, 0.000001, 1234567.5, 1e6, 0.1, 1e300, -2.5e-300,
                5e-324, 1e20, 1e21, 12345678.9
            ]),
            expect![[r#"
                [
                    0.5,
                    1,
                    -0,
                    1e-7,
                    1.5e-7,
                    0.000001,
                    1234567.5,
                    1000000,
                    0.1,
                    1e+300,
                    -2.5e-300,
                    5e-324,
                    100000000000000000000,
                    1e+21,
                    12345678.9
                ]
            "#]],
        );
    }

    #[test]
    fn nested_object() {
        check(
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "labels": {"app": "web"}}, "data": {"k": "v"}}),
            expect![[r#"
            {
                "apiVersion": "v1",
                "data": {
                    "k": "v"
                },
                "kind": "ConfigMap",
                "metadata": {
                    "labels": {
                        "app": "web"
                    },
                    "name": "x"
                }
            }
        "#]],
        );
    }

    #[test]
    fn stream_is_plain_concatenation() {
        expect![[r#"
            {
                "a": 1
            }
            {
                "b": 2
            }
        "#]]
        .assert_eq(&to_json_stream(&[json!({"a": 1}), json!({"b": 2})]));
    }

    #[test]
    fn go_g_format() {
        let cases = [
            0.0,
            1.0,
            0.5,
            1e6,
            123456.5,
            1234567.5,
            1e-4,
            1e-5,
            1e21,
            1.8446744073709552e19,
            -2.5e-300,
            100.0,
        ];
        let got: Vec<String> = cases.iter().map(|f| go_format_g(*f)).collect();
        expect![[r#"["0", "1", "0.5", "1e+06", "123456.5", "1.2345675e+06", "0.0001", "1e-05", "1e+21", "1.8446744073709552e+19", "-2.5e-300", "100"]"#]]
            .assert_eq(&format!("{got:?}"));
    }
}
