//! Transcript tests: each file in `tests/transcripts/` is a session, replayed with a fixed seed
//! and clock. Lines starting with `$ ` are commands; what follows is the expected output, with
//! stderr lines marked `! ` and a non-zero exit status as `? N`. `[..]` in an expected line
//! matches any text. A line `# seed: N` picks the seed; other `#` lines are comments, except
//! `# unchanged` after a command's output, which asserts that the command left the cluster as it
//! was (the store's revision is the same before and after: a rejected request changes nothing).
//!
//! `UPDATE_TRANSCRIPTS=1 cargo test -p shell --test transcripts` (with `TRANSCRIPT=name` for one
//! file) rewrites the files with what the session printed (keeping comments), for review with
//! `git diff`.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cluster::Time;
use shell::{Output, Session};
use std::path::Path;

fn render(outs: &[Output], status: i32) -> Vec<String> {
    // Split into lines, keeping which stream each came from.
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_err = false;
    for o in outs {
        let (text, err) = match o {
            Output::Out(s) => (s.as_str(), false),
            Output::Err(s) => (s.as_str(), true),
            Output::Clear | Output::Edit { .. } => continue,
        };
        for ch in text.chars() {
            if ch == '\n' {
                let line_err = if cur.is_empty() { err } else { cur_err };
                let line = std::mem::take(&mut cur);
                lines.push(if line_err { format!("! {line}") } else { line });
                cur_err = false;
            } else {
                if cur.is_empty() {
                    cur_err = err;
                }
                cur.push(ch);
            }
        }
    }
    if !cur.is_empty() {
        lines.push(if cur_err {
            format!("! {cur}%")
        } else {
            format!("{cur}%")
        });
    }
    if status != 0 {
        lines.push(format!("? {status}"));
    }
    lines
}

fn matches(expected: &str, actual: &str) -> bool {
    if !expected.contains("[..]") {
        return expected == actual;
    }
    let parts: Vec<&str> = expected.split("[..]").collect();
    let mut rest = actual;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(p) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else {
            match rest.find(p) {
                Some(at) => rest = &rest[at + p.len()..],
                None => return false,
            }
        }
    }
    true
}

struct Case {
    command: String,
    expected: Vec<String>,
}

fn parse(text: &str) -> (u64, Vec<String>, Vec<Case>) {
    let mut seed = 1;
    let mut header = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("$ ") {
            cases.push(Case {
                command: c.to_string(),
                expected: Vec::new(),
            });
        } else if let Some(s) = line.strip_prefix("# seed: ") {
            seed = s.trim().parse().unwrap();
            header.push(line.to_string());
        } else if line.starts_with('#') && cases.is_empty() {
            header.push(line.to_string());
        } else if let Some(last) = cases.last_mut() {
            // A command may continue on lines ending in a backslash or inside a here-document.
            last.expected.push(line.to_string());
        } else if !line.trim().is_empty() {
            header.push(line.to_string());
        }
    }
    (seed, header, cases)
}

fn run_file(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let (seed, header, cases) = parse(&text);
    let mut session = Session::new(seed, Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap());
    let mut rewritten = header.join("\n");
    if !rewritten.is_empty() {
        rewritten.push('\n');
    }
    let mut failures = Vec::new();
    for case in &cases {
        // Multi-line commands (here-documents) are written with their body on the following
        // lines up to a line `$$`.
        let (command, expected) = match case.expected.iter().position(|l| l == "$$") {
            Some(end) => (
                format!("{}\n{}", case.command, case.expected[..end].join("\n")),
                case.expected[end + 1..].to_vec(),
            ),
            None => (case.command.clone(), case.expected.clone()),
        };
        let before = session.cluster().store().revision();
        let outs = session.run_line(&command);
        let after = session.cluster().store().revision();
        let actual = render(&outs, session.last_status());
        let comments: Vec<String> = expected
            .iter()
            .filter(|l| l.starts_with("# "))
            .cloned()
            .collect();
        let expected: Vec<String> = expected
            .into_iter()
            .filter(|l| !l.starts_with("# "))
            .collect();
        let ok = actual.len() == expected.len()
            && actual.iter().zip(&expected).all(|(a, e)| matches(e, a));
        if !ok {
            failures.push(format!(
                "$ {command}\n--- expected\n{}\n--- actual\n{}",
                expected.join("\n"),
                actual.join("\n")
            ));
        }
        if comments.iter().any(|c| c == "# unchanged") && before != after {
            failures.push(format!(
                "$ {command}\n--- the cluster changed (revision {before} -> {after}), `# unchanged` says it must not"
            ));
        }
        rewritten.push_str(&format!("$ {}\n", case.command));
        if case.expected.iter().any(|l| l == "$$") {
            let end = case.expected.iter().position(|l| l == "$$").unwrap();
            for l in &case.expected[..=end] {
                rewritten.push_str(l);
                rewritten.push('\n');
            }
        }
        let keep = if ok { expected } else { actual };
        for l in keep.iter().chain(&comments) {
            rewritten.push_str(l);
            rewritten.push('\n');
        }
    }
    if std::env::var("UPDATE_TRANSCRIPTS").is_ok() {
        std::fs::write(path, rewritten).unwrap();
        return Ok(());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n{}", path.display(), failures.join("\n\n")))
    }
}

#[test]
fn transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "t"))
        // `TRANSCRIPT=rollouts` runs (or rewrites) one file.
        .filter(|p| {
            std::env::var("TRANSCRIPT")
                .map_or(true, |only| p.file_stem().is_some_and(|s| *s == *only))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let errors: Vec<String> = files.iter().filter_map(|f| run_file(f).err()).collect();
    if !errors.is_empty() {
        panic!(
            "{} transcript(s) differ:\n\n{}",
            errors.len(),
            errors.join("\n\n")
        );
    }
}
