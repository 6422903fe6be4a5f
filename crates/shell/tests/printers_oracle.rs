//! The `-o json` / `-o yaml` printers against the real kubectl v1.32, byte for byte.
//!
//! `printers_golden/NAME.in.{json,yaml}` are manifests full of tricky values and
//! `printers_golden/regen.sh` records what kubectl prints for them without a server
//! (`kubectl label --local -f NAME.in.* oracle- -o json|yaml`). kubectl's `-o json` output
//! is the object exactly as kubectl holds it, so each case parses it and checks that
//! `to_json` gives it back and `try_to_yaml` gives kubectl's `-o yaml` output (or its error).
//!
//! * `goldens` compares with the recorded outputs (no kubectl needed);
//! * `live_kubectl` runs `/usr/bin/kubectl` v1.32 on the same manifests when it is installed
//!   and skips with a note otherwise.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

// The printers, compiled straight from their files so that this test does not depend on
// how `printers/mod.rs` exposes them (their unit tests run here a second time).
#[allow(dead_code)]
#[path = "../src/printers/json.rs"]
mod json;
#[allow(dead_code)]
#[path = "../src/printers/yaml.rs"]
mod yaml;

use json::to_json;
use yaml::try_to_yaml;

const KUBECTL: &str = "/usr/bin/kubectl";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("printers_golden")
}

/// The manifests, by case name (`NAME.in.json` / `NAME.in.yaml`).
fn inputs() -> Vec<(String, PathBuf)> {
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(golden_dir())
        .expect("printers_golden/")
        .map(|e| e.expect("dir entry").path())
        .filter_map(|p| {
            let file = p.file_name()?.to_str()?.to_string();
            let name = file
                .strip_suffix(".in.json")
                .or_else(|| file.strip_suffix(".in.yaml"))?
                .to_string();
            Some((name, p))
        })
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected the golden corpus in {}",
        golden_dir().display()
    );
    cases
}

/// kubectl's `-o yaml` result: stdout, or its stderr when it fails.
type YamlResult = Result<String, String>;

/// Where two outputs first differ, with a little context (the full texts are long).
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    let i = w.iter().zip(g.iter()).take_while(|(a, b)| a == b).count();
    let from = i.saturating_sub(3);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .skip(from)
            .take(i - from + 3)
            .map(|l| format!("    {l:?}\n"))
            .collect::<String>()
    };
    format!(
        "first difference at line {}:\n  kubectl:\n{}  ours:\n{}",
        i + 1,
        show(&w),
        show(&g)
    )
}

/// Checks our printers on kubectl's JSON view of one case; returns the failures.
fn check_case(name: &str, kubectl_json: &str, kubectl_yaml: &YamlResult) -> Vec<String> {
    let mut failures = Vec::new();
    let value = match parse_json(kubectl_json) {
        Some(v) => v,
        None => return vec![format!("{name}: kubectl's -o json does not parse")],
    };
    let json = to_json(&value);
    if json != kubectl_json {
        failures.push(format!(
            "{name}: -o json differs\n{}",
            first_difference(kubectl_json, &json)
        ));
    }
    match (try_to_yaml(&value), kubectl_yaml) {
        (Ok(ours), Ok(theirs)) if ours == *theirs => {}
        (Ok(ours), Ok(theirs)) => failures.push(format!(
            "{name}: -o yaml differs\n{}",
            first_difference(theirs, &ours)
        )),
        (Err(ours), Err(theirs)) if ours == theirs.trim_end() => {}
        (ours, theirs) => failures.push(format!(
            "{name}: -o yaml: kubectl gave {theirs:?}, we gave {ours:?}"
        )),
    }
    failures
}

/// A JSON reader that parses floats exactly (Rust's `str::parse`), so the test does not
/// depend on serde_json's `float_roundtrip` feature: without it serde_json may be one ulp
/// off (`8.219110069890834e-23` reads back as `...835e-23`), which is not a printer bug.
fn parse_json(text: &str) -> Option<Value> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let v = parse_value(&chars, &mut pos)?;
    skip_ws(&chars, &mut pos);
    (pos == chars.len()).then_some(v)
}

fn skip_ws(c: &[char], pos: &mut usize) {
    while c.get(*pos).is_some_and(|c| c.is_ascii_whitespace()) {
        *pos += 1;
    }
}

fn parse_value(c: &[char], pos: &mut usize) -> Option<Value> {
    skip_ws(c, pos);
    match *c.get(*pos)? {
        '{' => {
            *pos += 1;
            let mut map = serde_json::Map::new();
            skip_ws(c, pos);
            if c.get(*pos) == Some(&'}') {
                *pos += 1;
                return Some(Value::Object(map));
            }
            loop {
                skip_ws(c, pos);
                let key = parse_string(c, pos)?;
                skip_ws(c, pos);
                (c.get(*pos) == Some(&':')).then_some(())?;
                *pos += 1;
                let v = parse_value(c, pos)?;
                map.insert(key, v);
                skip_ws(c, pos);
                match c.get(*pos)? {
                    ',' => *pos += 1,
                    '}' => {
                        *pos += 1;
                        return Some(Value::Object(map));
                    }
                    _ => return None,
                }
            }
        }
        '[' => {
            *pos += 1;
            let mut items = Vec::new();
            skip_ws(c, pos);
            if c.get(*pos) == Some(&']') {
                *pos += 1;
                return Some(Value::Array(items));
            }
            loop {
                items.push(parse_value(c, pos)?);
                skip_ws(c, pos);
                match c.get(*pos)? {
                    ',' => *pos += 1,
                    ']' => {
                        *pos += 1;
                        return Some(Value::Array(items));
                    }
                    _ => return None,
                }
            }
        }
        '"' => parse_string(c, pos).map(Value::String),
        _ => {
            let start = *pos;
            while c
                .get(*pos)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
            {
                *pos += 1;
            }
            let word: String = c[start..*pos].iter().collect();
            match word.as_str() {
                "null" => Some(Value::Null),
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                w if w.contains(['.', 'e', 'E']) => {
                    serde_json::Number::from_f64(w.parse().ok()?).map(Value::Number)
                }
                // `-0` is Go's float64 negative zero (serde_json reads it as -0.0 too).
                w => match (w.parse::<i64>(), w.parse::<u64>()) {
                    (Ok(0), _) if w.starts_with('-') => {
                        serde_json::Number::from_f64(-0.0).map(Value::Number)
                    }
                    (Ok(i), _) => Some(Value::from(i)),
                    (_, Ok(u)) => Some(Value::from(u)),
                    _ => serde_json::Number::from_f64(w.parse().ok()?).map(Value::Number),
                },
            }
        }
    }
}

fn parse_string(c: &[char], pos: &mut usize) -> Option<String> {
    (c.get(*pos) == Some(&'"')).then_some(())?;
    *pos += 1;
    let mut out = String::new();
    let hex4 = |pos: &mut usize| -> Option<u32> {
        let s: String = c.get(*pos..*pos + 4)?.iter().collect();
        *pos += 4;
        u32::from_str_radix(&s, 16).ok()
    };
    loop {
        let ch = *c.get(*pos)?;
        *pos += 1;
        match ch {
            '"' => return Some(out),
            '\\' => {
                let e = *c.get(*pos)?;
                *pos += 1;
                match e {
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hi = hex4(pos)?;
                        let code = if (0xD800..0xDC00).contains(&hi) {
                            (c.get(*pos) == Some(&'\\') && c.get(*pos + 1) == Some(&'u'))
                                .then_some(())?;
                            *pos += 2;
                            let lo = hex4(pos)?;
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            hi
                        };
                        out.push(char::from_u32(code)?);
                    }
                    other => out.push(other),
                }
            }
            other => out.push(other),
        }
    }
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[test]
fn goldens() {
    let dir = golden_dir();
    let mut failures = Vec::new();
    for (name, _) in inputs() {
        let json = read(&dir.join(format!("{name}.out.json")))
            .unwrap_or_else(|| panic!("{name}.out.json missing: run regen.sh"));
        let yaml = match (
            read(&dir.join(format!("{name}.out.yaml"))),
            read(&dir.join(format!("{name}.out.yaml.err"))),
        ) {
            (Some(out), None) => Ok(out),
            (None, Some(err)) => Err(err),
            _ => panic!(
                "{name}: need exactly one of {name}.out.yaml / {name}.out.yaml.err: run regen.sh"
            ),
        };
        failures.extend(check_case(&name, &json, &yaml));
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn kubectl(args: &[&str]) -> std::process::Output {
    Command::new(KUBECTL)
        .args(args)
        .env("KUBECONFIG", "/dev/null")
        .output()
        .expect("run kubectl")
}

#[test]
fn live_kubectl() {
    if !Path::new(KUBECTL).exists() {
        eprintln!("note: {KUBECTL} is not installed; skipping the live kubectl oracle (the goldens still run)");
        return;
    }
    let version = String::from_utf8_lossy(&kubectl(&["version", "--client"]).stdout).into_owned();
    if !version.contains("v1.32.") {
        eprintln!(
            "note: {KUBECTL} is not v1.32 ({}); skipping the live oracle",
            version.lines().next().unwrap_or("")
        );
        return;
    }
    let dir = golden_dir();
    let mut failures = Vec::new();
    for (name, input) in inputs() {
        let input = input.to_str().expect("utf-8 path");
        let out = kubectl(&["label", "--local", "-f", input, "oracle-", "-o", "json"]);
        assert!(
            out.status.success(),
            "{name}: kubectl -o json failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json = String::from_utf8(out.stdout).expect("utf-8");
        let out = kubectl(&["label", "--local", "-f", input, "oracle-", "-o", "yaml"]);
        let yaml = if out.status.success() {
            Ok(String::from_utf8(out.stdout).expect("utf-8"))
        } else {
            Err(String::from_utf8(out.stderr).expect("utf-8"))
        };
        failures.extend(check_case(&name, &json, &yaml));
        // The goldens must be what this kubectl prints.
        if read(&dir.join(format!("{name}.out.json"))).as_deref() != Some(json.as_str()) {
            failures.push(format!(
                "{name}: {name}.out.json is stale: run printers_golden/regen.sh"
            ));
        }
        let recorded = match &yaml {
            Ok(_) => read(&dir.join(format!("{name}.out.yaml"))),
            Err(_) => read(&dir.join(format!("{name}.out.yaml.err"))),
        };
        if recorded.as_deref() != Some(yaml.as_ref().unwrap_or_else(|e| e).as_str()) {
            failures.push(format!(
                "{name}: the recorded -o yaml result is stale: run printers_golden/regen.sh"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
