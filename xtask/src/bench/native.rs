//! The native measures: the criterion benches of `cluster` and `shell` (medians read back from
//! `target/criterion/**/new/estimates.json`) and the bench probe (native heap, one timed run
//! of each measure for `--quick`).

use crate::setup::{root, run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::SystemTime;

/// Criterion arguments that keep the fast benches short: 2 cores are shared, and a median of
/// microsecond-long runs settles in a second.
const QUICK_CRITERION: &[&str] = &["--warm-up-time", "1", "--measurement-time", "2"];

/// The benches, in one `cargo bench` (each bench binary is a fat-LTO link of its own under
/// the bench profile, so one invocation and as few binaries as possible).
const BENCHES: &[&str] = &["kubectl", "engine", "scale_10k"];

/// Which criterion ids run: all of `kubectl` and `scale_10k`, and `engine` up to 1,000 pods
/// (its 10,000-pod case needs 55 runs of several seconds with linear sampling; `scale_10k`
/// takes it with flat sampling).
const FILTER: &str =
    "^(lesson|get_pods_wide|get_pods_wide_first|engine_10k)/|^engine/[a-z0-9_]+/(100|1000)$";

/// Runs every criterion bench; returns criterion's medians in ms by full id, for results
/// written by this run only.
pub fn criterion() -> Result<BTreeMap<String, f64>, String> {
    let started = SystemTime::now();
    println!(
        "==> cargo bench -p shell -p cluster ({})",
        BENCHES.join(", ")
    );
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "-p", "shell", "-p", "cluster"])
        .current_dir(root());
    for b in BENCHES {
        cmd.args(["--bench", b]);
    }
    cmd.args(["--", FILTER]).args(QUICK_CRITERION);
    run(&mut cmd)?;
    let mut out = BTreeMap::new();
    collect(&root().join("target/criterion"), started, &mut out);
    Ok(out)
}

/// Reads `new/benchmark.json` + `new/estimates.json` pairs newer than `since`.
fn collect(dir: &Path, since: SystemTime, out: &mut BTreeMap<String, f64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if !p.is_dir() {
            continue;
        }
        if e.file_name() == "new" {
            let est = p.join("estimates.json");
            let fresh = std::fs::metadata(&est)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since);
            let read = |f: &str| -> Option<Value> {
                serde_json::from_str(&std::fs::read_to_string(p.join(f)).ok()?).ok()
            };
            if let (true, Some(b), Some(m)) =
                (fresh, read("benchmark.json"), read("estimates.json"))
            {
                if let (Some(id), Some(ns)) = (
                    b["full_id"].as_str(),
                    m["median"]["point_estimate"].as_f64(),
                ) {
                    out.insert(id.to_string(), ns / 1e6);
                }
            }
        } else if e.file_name() != "base" && e.file_name() != "report" {
            collect(&p, since, out);
        }
    }
}

/// Builds and runs the probe (bench profile: optimised for speed like the benches) on the
/// lesson in `lesson_dir`; its JSON.
pub fn probe(lesson_dir: &Path) -> Result<Value, String> {
    println!("==> native probe: heap with 10,000 pods and one timed run of each measure");
    let out = Command::new("cargo")
        .args([
            "run",
            "--profile",
            "bench",
            "-p",
            "xtask",
            "--example",
            "bench-probe",
            "--",
        ])
        .arg(lesson_dir)
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo run bench-probe: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench-probe failed ({})", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .unwrap_or("");
    serde_json::from_str(line).map_err(|e| format!("bench-probe output: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fresh_estimates_only() {
        let dir = std::env::temp_dir().join(format!("xtask-crit-{}", std::process::id()));
        let new = dir.join("get_pods_wide/100/new");
        std::fs::create_dir_all(&new).unwrap();
        std::fs::write(
            new.join("benchmark.json"),
            r#"{"full_id":"get_pods_wide/100"}"#,
        )
        .unwrap();
        std::fs::write(
            new.join("estimates.json"),
            r#"{"median":{"point_estimate":2500000.0}}"#,
        )
        .unwrap();
        let mut out = BTreeMap::new();
        collect(&dir, SystemTime::UNIX_EPOCH, &mut out);
        assert_eq!(out.get("get_pods_wide/100"), Some(&2.5));
        let mut later = BTreeMap::new();
        let future = SystemTime::now() + std::time::Duration::from_secs(3600);
        collect(&dir, future, &mut later);
        assert!(later.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
