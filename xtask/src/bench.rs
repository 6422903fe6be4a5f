//! `cargo xtask bench`: measures what issue 7 budgets — transfer size, page load to the first
//! command, per-command latency in the browser, native engine and shell costs, memory at
//! 10,000 pods, and the real kubectl side by side — prints one table and writes it, with the
//! machine and date, to docs/performance.md.

mod browser;
mod machine;
mod native;
mod report;
mod size;
mod table;
mod twiggy;
mod versus;

use crate::setup::{self, root, run as run_cmd, tool_path};
use machine::{wait_for_quiet, Machine};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask bench [--quick] [--no-build] [--no-browser] [--no-native] [--no-kubectl] [--runs N]

  --quick       no criterion: one timed run of each native measure (the probe's)
  --no-build    measure dist/ as it is, without `trunk build --release` first
  --no-browser  skip Chromium (load, latency, 10,000 pods in the page)
  --no-native   skip the criterion benches and the native probe
  --no-kubectl  skip the real kubectl side by side
  --runs N      cold loads in the browser (default 5)
";

/// How long to wait for someone else's build before going ahead anyway.
const QUIET_LIMIT: Duration = Duration::from_secs(600);

/// The command line.
pub struct Opts {
    pub quick: bool,
    pub build: bool,
    pub browser: bool,
    pub native: bool,
    pub kubectl: bool,
    pub runs: usize,
}

impl Opts {
    fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            quick: false,
            build: true,
            browser: true,
            native: true,
            kubectl: true,
            runs: 5,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--quick" => o.quick = true,
                "--no-build" => o.build = false,
                "--no-browser" => o.browser = false,
                "--no-native" => o.native = false,
                "--no-kubectl" => o.kubectl = false,
                "--runs" => {
                    o.runs = it
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .ok_or(format!("--runs needs a positive number\n{USAGE}"))?;
                }
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown option {other}\n{USAGE}")),
            }
        }
        Ok(o)
    }
}

/// What each phase gave, or why it did not.
pub struct Results {
    pub opts: Opts,
    pub machine: Machine,
    pub notes: Vec<String>,
    pub commands: Vec<String>,
    pub sizes: Result<Vec<size::FileSize>, String>,
    pub costs: Result<twiggy::Costs, String>,
    pub browser: Result<browser::Browser, String>,
    pub probe: Result<serde_json::Value, String>,
    pub criterion: Result<std::collections::BTreeMap<String, f64>, String>,
    pub kubectl: Result<versus::Kubectl, String>,
}

/// `cargo xtask bench [options]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = Opts::parse(args)?;
    let started = Instant::now();
    let machine = Machine::probe();
    let mut notes = Vec::new();
    let tmp = std::env::temp_dir().join(format!("kubeplay-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;

    let twiggy_bin = twiggy::ensure();
    if opts.browser {
        for (what, r) in [("npm tools", setup::npm()), ("Chromium", setup::chromium())] {
            if let Err(e) = r {
                notes.push(format!("set-up of {what} failed: {e}"));
            }
        }
    }
    if opts.build {
        notes.extend(wait_for_quiet("the release build", QUIET_LIMIT));
        if let Err(e) = build_dist() {
            notes.push(format!(
                "dist/ was not rebuilt ({e}); measuring the dist/ already there"
            ));
        }
    }

    let dist = root().join("dist");
    let sizes = size::measure_dir(&dist);
    let wasm = root().join("target/wasm32-unknown-unknown/release/kubeplay-web.wasm");
    let costs = match (&twiggy_bin, wasm.exists()) {
        (Err(e), _) => Err(format!("twiggy not available: {e}")),
        (_, false) => Err(format!("no {} (cargo xtask dist)", wasm.display())),
        (Ok(t), true) => twiggy::analyse(t, &wasm),
    };
    let commands = lesson_commands();
    if let Err(e) = &commands {
        notes.push(format!("lesson commands: {e}"));
    }
    let commands = commands.unwrap_or_default();

    let browser = if opts.browser {
        notes.extend(wait_for_quiet("the browser runs", QUIET_LIMIT));
        notes.push(format!(
            "load average before the browser runs: {}",
            machine::load()
        ));
        browser::run(&commands, opts.runs, 10_000, &tmp)
    } else {
        Err("--no-browser".into())
    };
    let (probe, criterion) = if opts.native {
        notes.extend(wait_for_quiet("the native runs", QUIET_LIMIT));
        notes.push(format!(
            "load average before the native runs: {}",
            machine::load()
        ));
        let probe = native::probe(&root().join("lessons/servicios-es"));
        let criterion = if opts.quick {
            Err("--quick: one timed run each (probe)".to_string())
        } else {
            native::criterion()
        };
        (probe, criterion)
    } else {
        (Err("--no-native".into()), Err("--no-native".into()))
    };
    let kubectl = if opts.kubectl {
        notes.extend(wait_for_quiet("the kubectl runs", QUIET_LIMIT));
        notes.push(format!(
            "load average before the kubectl runs: {}",
            machine::load()
        ));
        versus::measure(&tmp, 7)
    } else {
        Err("--no-kubectl".into())
    };
    let _ = std::fs::remove_dir_all(&tmp);

    let results = Results {
        opts,
        machine,
        notes,
        commands,
        sizes,
        costs,
        browser,
        probe,
        criterion,
        kubectl,
    };
    let out = report::build(&results);
    println!("\n{}", out.table());
    println!("{}", out.sections_markdown());
    let path = root().join("docs/performance.md");
    report::write(&path, &results, &out)?;
    println!(
        "==> wrote {} in {:.0} s",
        path.strip_prefix(root()).unwrap_or(&path).display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The release build into dist/ (as `cargo xtask dist`), installing only what it needs.
fn build_dist() -> Result<(), String> {
    setup::wasm_target()?;
    setup::trunk()?;
    setup::wasm_bindgen()?;
    setup::npm()?;
    println!("==> trunk build --release (dist/)");
    run_cmd(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(root())
            .env("PATH", tool_path())
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )
}

/// The `{{execute}}` commands of the Spanish lesson, through the lesson crate.
fn lesson_commands() -> Result<Vec<String>, String> {
    let dir: PathBuf = root().join("lessons/servicios-es");
    let s = lesson::load_scenario(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(s.execute_commands()
        .into_iter()
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let a = |v: &[&str]| Opts::parse(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let o = a(&["--quick", "--runs", "7", "--no-build"]).unwrap();
        assert!(o.quick && !o.build && o.browser && o.runs == 7);
        assert!(a(&["--runs", "0"]).is_err());
        assert!(a(&["--bogus"]).is_err());
    }

    #[test]
    fn the_lesson_has_commands() {
        let c = lesson_commands().unwrap();
        assert!(
            c.iter()
                .any(|c| c.starts_with("kubectl create deployment web")),
            "{c:?}"
        );
    }
}
