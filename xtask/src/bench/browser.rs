//! The browser measures: runs `e2e/bench.mjs` (playwright-core driving Debian's Chromium over
//! a static server of dist/ at a sub-path) and turns its JSON into rows.

use super::table::{dur, mb, median, percentile, thousands, Row, Verdict};
use crate::setup::{root, tool_path};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Budgets from issue 7.
pub const LOAD_BUDGET_MS: f64 = 200.0;
pub const P50_BUDGET_MS: f64 = 8.0;
pub const P99_BUDGET_MS: f64 = 16.0;

/// What the browser run gave.
pub struct Browser {
    pub doc: Value,
}

/// Runs bench.mjs: `runs` cold loads, then a Deployment of `big` pods (0: none).
pub fn run(commands: &[String], runs: usize, big: usize, tmp: &Path) -> Result<Browser, String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!("no Chromium at {chromium}"));
    }
    let e2e = root().join("e2e");
    if !e2e.join("node_modules/playwright-core").exists() {
        return Err("playwright-core is not installed in e2e/ (cargo xtask setup)".into());
    }
    if !root().join("dist/index.html").exists() {
        return Err("no dist/index.html".into());
    }
    let cmds = tmp.join("lesson-commands.json");
    let out = tmp.join("browser.json");
    let list = serde_json::to_string(commands).map_err(|e| e.to_string())?;
    std::fs::write(&cmds, list).map_err(|e| format!("{}: {e}", cmds.display()))?;
    println!("==> browser: {runs} cold loads, the lesson's commands, then {big} pods (Chromium)");
    let status = Command::new("node")
        .arg("bench.mjs")
        .args(["--runs", &runs.to_string(), "--big", &big.to_string()])
        .arg("--commands")
        .arg(&cmds)
        .arg("--out")
        .arg(&out)
        .current_dir(&e2e)
        .env("PATH", tool_path())
        .status()
        .map_err(|e| format!("node: {e}"))?;
    let text = std::fs::read_to_string(&out)
        .map_err(|e| format!("bench.mjs wrote no result ({status}): {e}"))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("bench.mjs output: {e}"))?;
    if let Some(f) = doc["failure"].as_str() {
        let first = f.lines().next().unwrap_or(f);
        if doc["loads"].as_array().is_none_or(Vec::is_empty) {
            return Err(format!("bench.mjs failed: {first}"));
        }
        println!("    bench.mjs stopped early: {first}");
    }
    Ok(Browser { doc })
}

fn nums(v: &Value, key: &str) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x[key].as_f64()).collect())
        .unwrap_or_default()
}

/// `p50 / p99` of samples, with the verdict against the frame budgets.
pub fn p50_p99(samples: &[f64]) -> (String, Verdict) {
    match (median(samples), percentile(samples, 99.0)) {
        (Some(a), Some(b)) => (
            format!("p50 {} / p99 {} (n={})", dur(a), dur(b), samples.len()),
            Verdict::of(a <= P50_BUDGET_MS && b <= P99_BUDGET_MS),
        ),
        _ => ("no samples".into(), Verdict::Skipped),
    }
}

impl Browser {
    /// The files a cold load fetched (paths relative to dist/).
    pub fn loaded(&self) -> Option<Vec<String>> {
        let v: Vec<String> = self.doc["requests"]
            .as_array()?
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
        (!v.is_empty()).then_some(v)
    }

    /// Page load to the first command accepted.
    pub fn load_row(&self) -> Row {
        let loads = &self.doc["loads"];
        let accepted = nums(loads, "accepted");
        let Some(m) = median(&accepted) else {
            return Row::skipped("load", "first command accepted", "no cold load finished");
        };
        let part = |k: &str| median(&nums(loads, k)).map_or("n/a".into(), dur);
        let first_cmd: Vec<f64> = loads
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| l["firstCommand"]["output"].as_f64())
                    .collect()
            })
            .unwrap_or_default();
        let spread = format!(
            "{}–{}",
            dur(percentile(&accepted, 0.0).unwrap_or(m)),
            dur(percentile(&accepted, 100.0).unwrap_or(m))
        );
        Row::new(
            "load",
            &format!(
                "navigation start → prompt shown and `kubectl get nodes` answered, median of {} cold loads (fresh profile each)",
                accepted.len()
            ),
            format!(
                "**{}** (range {spread}; html {}, DOMContentLoaded {}, wasm fetched {}, app started {}, first render {}, course read {}, lesson read {}, lab booted {}, prompt painted {}, first command {})",
                dur(m),
                part("htmlResponseEnd"),
                part("domContentLoaded"),
                part("wasmResponseEnd"),
                part("kp-start"),
                part("kp-first-render"),
                part("kp-course"),
                part("kp-lesson"),
                part("kp-lab"),
                part("promptPainted"),
                median(&first_cmd).map_or("n/a".into(), dur),
            ),
            &format!("≤ {}", dur(LOAD_BUDGET_MS)),
            Verdict::of(m <= LOAD_BUDGET_MS),
        )
    }

    /// Per lesson command: the painted-output samples of every cold load.
    pub fn lesson_samples(&self) -> Vec<(String, Vec<f64>)> {
        self.doc["lesson"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        (
                            c["cmd"].as_str().unwrap_or("").to_string(),
                            nums(&c["samples"], "output"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The 10,000-pod rows: `get pods -o wide` latency and memory.
    pub fn big_rows(&self) -> Vec<Row> {
        let big = &self.doc["big"];
        if big.is_null() {
            return vec![Row::skipped(
                "browser",
                "`kubectl get pods -o wide`, 10,000 pods",
                "not run",
            )];
        }
        let pods = big["pods"].as_u64().unwrap_or(0);
        let running = big["running"].as_u64().unwrap_or(0);
        let wide = nums(&big["wide"], "output");
        let (res, verdict) = p50_p99(&wide);
        let create = big["create"]["output"].as_f64().map_or("n/a".into(), dur);
        let mut rows = vec![
            Row::new(
                "browser",
                &format!(
                    "`kubectl get pods -o wide`, {} pods ({} Running: one-node kind fits 110, the rest Pending), Enter → output painted",
                    thousands(pods),
                    thousands(running)
                ),
                res,
                &format!("p50 ≤ {} / p99 ≤ {}", dur(P50_BUDGET_MS), dur(P99_BUDGET_MS)),
                verdict,
            ),
            Row::new(
                "browser",
                &format!("`kubectl create deployment big --replicas={pods}`, Enter → output painted"),
                create,
                "",
                Verdict::Info,
            ),
        ];
        if let Some(long) = big["longTasks"].as_array() {
            let long: Vec<f64> = long.iter().filter_map(Value::as_f64).collect();
            let worst = long.iter().copied().fold(0.0, f64::max);
            let total: f64 = long.iter().sum();
            let settle = big["settleMs"].as_f64().unwrap_or(0.0);
            rows.push(Row::new(
                "browser",
                &format!(
                    "while the {} pods come up (clock at 30×; Chromium's long tasks, over 50 ms, on the main thread)",
                    thousands(pods)
                ),
                format!(
                    "longest {}; {} long tasks, {} in all, over {:.1} s",
                    dur(worst),
                    long.len(),
                    dur(total),
                    settle / 1000.0
                ),
                "",
                Verdict::Info,
            ));
        }
        let m = &big["memory"];
        let wasm = m["wasmBytes"].as_u64();
        let heap = m["jsHeapUsed"].as_u64();
        let result = match (wasm, heap) {
            (Some(w), Some(h)) => format!(
                "wasm linear memory {}; JS heap {} used; {} DOM elements",
                mb(w),
                mb(h),
                thousands(m["domNodes"].as_u64().unwrap_or(0))
            ),
            (None, Some(h)) => format!("JS heap {} used (wasm memory not reachable)", mb(h)),
            _ => "not reachable".into(),
        };
        rows.push(Row::new(
            "memory",
            &format!("browser, after {} pods and the listings", thousands(pods)),
            result,
            "",
            Verdict::Info,
        ));
        rows
    }

    /// Page errors the runs saw.
    pub fn errors(&self) -> Vec<String> {
        self.doc["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}
