//! serve, dist and test.

use crate::setup::{self, root, run, tool_path};
use std::process::{Command, Stdio};
use std::time::Instant;

/// `trunk serve` after set-up.
pub fn serve() -> Result<(), String> {
    setup::all()?;
    run(Command::new("trunk")
        .arg("serve")
        .current_dir(root())
        .env("PATH", tool_path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))
}

/// A release build into dist/.
pub fn dist() -> Result<(), String> {
    setup::all()?;
    build_dist()
}

fn build_dist() -> Result<(), String> {
    run(Command::new("trunk")
        .args(["build", "--release"])
        .current_dir(root())
        .env("PATH", tool_path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))
}

/// One check's result: how many tests passed and failed in it.
struct Tally {
    passed: usize,
    failed: usize,
}

/// Sums `test result: ok. N passed; M failed` lines of cargo test output.
fn cargo_counts(text: &str) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for line in text.lines().filter(|l| l.starts_with("test result:")) {
        let num = |key: &str| {
            line.split(';')
                .find_map(|part| {
                    part.trim().strip_suffix(key).map(|n| {
                        n.trim()
                            .trim_start_matches("test result: ok.")
                            .trim_start_matches("test result: FAILED.")
                            .trim()
                            .parse::<usize>()
                            .unwrap_or(0)
                    })
                })
                .unwrap_or(0)
        };
        passed += num(" passed");
        failed += num(" failed");
    }
    (passed, failed)
}

/// Runs a command, echoing its output, and returns (success, combined output).
fn capture(cmd: &mut Command) -> (bool, String) {
    let out = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output();
    match out {
        Ok(o) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            print!("{text}");
            (o.status.success(), text)
        }
        Err(e) => (false, e.to_string()),
    }
}

/// The whole test suite, ending with `N passed, N failed`.
pub fn test(args: &[String]) -> Result<(), String> {
    let skip_browser = args.iter().any(|a| a == "--no-browser");
    setup::all()?;
    let mut tally = Tally {
        passed: 0,
        failed: 0,
    };
    let mut failures: Vec<String> = Vec::new();
    let mut check = |name: &str, ok: bool, tally: &mut Tally| {
        if ok {
            tally.passed += 1;
            println!("ok   {name}");
        } else {
            tally.failed += 1;
            println!("FAIL {name}");
            failures.push(name.to_string());
        }
    };
    let t = Instant::now();
    println!("==> cargo fmt --check");
    let (ok, _) = capture(
        Command::new("cargo")
            .args(["fmt", "--all", "--", "--check"])
            .current_dir(root()),
    );
    check("cargo fmt --check", ok, &mut tally);
    println!("==> cargo clippy --workspace --all-targets -- -D warnings");
    let (ok, _) = capture(
        Command::new("cargo")
            .args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(root()),
    );
    check("cargo clippy", ok, &mut tally);
    println!("==> cargo test (native)");
    let (ok, text) = capture(
        Command::new("cargo")
            .args(["test", "--workspace", "--exclude", "web"])
            .current_dir(root()),
    );
    let (p, f) = cargo_counts(&text);
    tally.passed += p;
    tally.failed += f;
    if !ok && f == 0 {
        check("cargo test builds", false, &mut tally);
    }
    println!("==> cargo test -p web (native parts)");
    let (ok, text) = capture(
        Command::new("cargo")
            .args(["test", "-p", "web", "--lib"])
            .current_dir(root()),
    );
    let (p, f) = cargo_counts(&text);
    tally.passed += p;
    tally.failed += f;
    if !ok && f == 0 {
        check("cargo test -p web builds", false, &mut tally);
    }
    println!("==> cargo check --target wasm32-unknown-unknown (core crates and the app)");
    let (ok, _) = capture(
        Command::new("cargo")
            .args([
                "check",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "cluster",
                "-p",
                "shell",
                "-p",
                "lesson",
                "-p",
                "web",
            ])
            .current_dir(root()),
    );
    check("wasm32 check", ok, &mut tally);
    if !skip_browser {
        println!("==> trunk build --release (dist/)");
        let ok = build_dist().is_ok();
        check("dist build", ok, &mut tally);
        if ok {
            println!("==> browser tests (Playwright + Debian Chromium)");
            let (ok, text) = capture(
                Command::new("node")
                    .arg("run.mjs")
                    .current_dir(root().join("e2e")),
            );
            let last = text
                .lines()
                .rev()
                .find(|l| l.ends_with(" failed") && l.contains(" passed, "))
                .unwrap_or("");
            let nums: Vec<usize> = last
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            match nums.as_slice() {
                [p, f] => {
                    tally.passed += p;
                    tally.failed += f;
                    if *f > 0 {
                        failures.push("browser tests".into());
                    }
                }
                _ => check("browser tests ran", ok, &mut tally),
            }
        }
    }
    println!("==> finished in {:.0} s", t.elapsed().as_secs_f64());
    if !failures.is_empty() {
        println!("failed: {}", failures.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        Err(format!("{} failed", tally.failed))
    } else {
        Ok(())
    }
}
