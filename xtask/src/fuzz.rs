//! `cargo xtask fuzz [target] [--runs N | --seconds S]`: runs the cargo-fuzz targets in fuzz/
//! (installing cargo-fuzz from crates.io if it is missing) and prints, per target, how many
//! inputs ran and which crashed.
//!
//! cargo-fuzz passes nightly-only flags to rustc; `RUSTC_BOOTSTRAP=1` lets the stable toolchain
//! take them. Targets build without a sanitizer (the crates forbid unsafe code) and with debug
//! assertions, so that integer overflow is a crash too. New inputs go to fuzz/work/TARGET
//! (not checked in); the seeds in fuzz/corpus/TARGET are read. Crashing inputs land in
//! fuzz/artifacts/TARGET: add each to fuzz/corpus/TARGET once fixed, so that
//! crates/shell/tests/robustness.rs replays it in every `cargo xtask test`.

use crate::setup::{output, root, run};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The targets, in the order `cargo xtask fuzz` runs them.
pub const TARGETS: &[&str] = &[
    "shell_line",
    "shell_kubectl",
    "manifest_apply",
    "lesson_folder",
];

/// The cargo-fuzz proven here with the stable toolchain and RUSTC_BOOTSTRAP.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

const USAGE: &str = "usage: cargo xtask fuzz [TARGET] [--runs N | --seconds S]
  targets: shell_line shell_kubectl manifest_apply lesson_folder (default: all, one after the other)
  --runs N     inputs per target
  --seconds S  time per target (default 60)";

/// What one target's run gave.
struct Outcome {
    target: String,
    runs: u64,
    per_sec: u64,
    crashes: Vec<PathBuf>,
}

pub fn run_fuzz(args: &[String]) -> Result<(), String> {
    let mut targets: Vec<String> = Vec::new();
    let mut limit = format!("-max_total_time={}", 60);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => {
                let n: u64 = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| USAGE.to_string())?;
                limit = format!("-runs={n}");
            }
            "--seconds" => {
                let n: u64 = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| USAGE.to_string())?;
                limit = format!("-max_total_time={n}");
            }
            t if TARGETS.contains(&t) => targets.push(t.to_string()),
            _ => return Err(USAGE.to_string()),
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|t| t.to_string()).collect();
    }
    install()?;
    let dir = root().join("fuzz");
    let mut outcomes = Vec::new();
    for t in &targets {
        outcomes.push(fuzz_one(&dir, t, &limit)?);
    }
    println!(
        "\n{:<16} {:>12} {:>10} crashes",
        "target", "executions", "exec/s"
    );
    let mut crashed = 0;
    for o in &outcomes {
        println!(
            "{:<16} {:>12} {:>10} {}",
            o.target,
            o.runs,
            o.per_sec,
            o.crashes.len()
        );
        for c in &o.crashes {
            println!("    {}", c.display());
        }
        crashed += o.crashes.len();
    }
    if crashed > 0 {
        return Err(format!(
            "{crashed} crashing input(s); reproduce with `fuzz/target/x86_64-unknown-linux-gnu/release/TARGET FILE`"
        ));
    }
    Ok(())
}

fn cargo_fuzz() -> Command {
    let mut c = Command::new("cargo");
    c.arg("fuzz").env("RUSTC_BOOTSTRAP", "1");
    c
}

/// cargo-fuzz, from crates.io, if `cargo fuzz` is not there.
fn install() -> Result<(), String> {
    if output(cargo_fuzz().arg("--version")).is_some() {
        return Ok(());
    }
    println!("installing cargo-fuzz {CARGO_FUZZ_VERSION} from crates.io (about a minute)");
    run(Command::new("cargo").args([
        "install",
        "--locked",
        &format!("cargo-fuzz@{CARGO_FUZZ_VERSION}"),
    ]))
}

fn artifacts(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

fn fuzz_one(dir: &Path, target: &str, limit: &str) -> Result<Outcome, String> {
    let work = dir.join("work").join(target);
    let seeds = dir.join("corpus").join(target);
    let found = dir.join("artifacts").join(target);
    for d in [&work, &found] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let before = artifacts(&found);
    println!("== fuzzing {target} ({limit})");
    let started = Instant::now();
    let mut child = cargo_fuzz()
        .args(["run", "--sanitizer", "none", "--debug-assertions", target])
        .arg(&work)
        .arg(&seeds)
        .arg("--")
        .arg(limit)
        .arg(format!("-artifact_prefix={}/", found.display()))
        .args([
            "-timeout=10",
            "-rss_limit_mb=3072",
            "-max_len=4096",
            "-print_final_stats=1",
        ])
        .current_dir(dir)
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo fuzz: {e}"))?;
    let mut runs = 0;
    let mut per_sec = 0;
    if let Some(err) = child.stderr.take() {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let stat = |key: &str| {
                line.strip_prefix(key)
                    .and_then(|v| v.trim().parse::<u64>().ok())
            };
            if let Some(n) = stat("stat::number_of_executed_units:") {
                runs = n;
            }
            if let Some(n) = stat("stat::average_exec_per_sec:") {
                per_sec = n;
            }
            // libFuzzer's progress lines about new coverage are many: show the rest.
            // (`#1234\tNEW    cov: ...`: a tab before the word.)
            let noisy = line.contains("\tNEW ")
                || line.contains("\tREDUCE ")
                || line.starts_with('"')
                || line.contains("recommended dictionary");
            if !noisy {
                eprintln!("{line}");
            }
        }
    }
    let status = child.wait().map_err(|e| format!("cargo fuzz: {e}"))?;
    let crashes: Vec<PathBuf> = artifacts(&found).difference(&before).cloned().collect();
    if !status.success() && crashes.is_empty() {
        return Err(format!("cargo fuzz run {target} failed ({status})"));
    }
    println!(
        "== {target}: {runs} executions in {:.0} s, {} crash(es)",
        started.elapsed().as_secs_f64(),
        crashes.len()
    );
    Ok(Outcome {
        target: target.to_string(),
        runs,
        per_sec,
        crashes,
    })
}
