//! The real kubectl beside kubeplay: process wall time of `kubectl create deployment …
//! --dry-run=client -o yaml`, and of `kubectl get pods -o wide` against a loopback fake API
//! server (xtask/bench/fakeapi.py) serving N generated pods.

use super::table::median;
use crate::setup::root;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// The pod counts compared.
pub const SIZES: [u32; 3] = [100, 1_000, 10_000];
pub const DRY_RUN: &[&str] = &[
    "create",
    "deployment",
    "web",
    "--image=gcr.io/google-samples/hello-app:1.0",
    "--dry-run=client",
    "-o",
    "yaml",
];

/// kubectl's timings, in ms (medians), and what it printed for the dry run.
pub struct Kubectl {
    pub version: String,
    /// `kubectl version --client`: the cost of starting the process at all.
    pub start_ms: f64,
    pub dry_run_ms: f64,
    pub dry_run_yaml: String,
    /// Per N: (default chunked listing, `--chunk-size=0` single request), ms.
    pub get_wide_ms: Vec<(u32, f64, f64)>,
}

fn kubectl() -> Option<PathBuf> {
    ["/usr/bin/kubectl", "/usr/local/bin/kubectl"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The median wall time of `reps` runs of `cmd`; its stdout from the last, checked by `ok`.
fn time(
    reps: usize,
    mut cmd: impl FnMut() -> Command,
    ok: impl Fn(&str) -> bool,
) -> Result<(f64, String), String> {
    let mut times = Vec::new();
    let mut last = String::new();
    for _ in 0..reps {
        let mut c = cmd();
        let t = Instant::now();
        let out = c.output().map_err(|e| format!("kubectl: {e}"))?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() || !ok(&last) {
            return Err(format!(
                "{c:?} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    Ok((median(&times).unwrap_or(0.0), last))
}

/// The fake API server, stopped (by its own pid) when dropped.
struct FakeApi(Child);

impl Drop for FakeApi {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_fake(dir: &Path) -> Result<FakeApi, String> {
    let script = root().join("xtask/bench/fakeapi.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .args(SIZES.iter().map(u32::to_string))
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3 {}: {e}", script.display()))?;
    let stdout = child.stdout.take().ok_or("fakeapi.py: no stdout")?;
    let fake = FakeApi(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("fakeapi.py: {e}"))?;
    if !line.starts_with("ready ") {
        return Err(format!("fakeapi.py did not start: {line:?}"));
    }
    Ok(fake)
}

/// Runs kubectl: `reps` times per measure, after one untimed warm-up each.
pub fn measure(tmp: &Path, reps: usize) -> Result<Kubectl, String> {
    let bin = kubectl().ok_or("no kubectl in /usr/bin or /usr/local/bin")?;
    let dir = tmp.join("fakeapi");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let kubeconfig = dir.join("kubeconfig");
    let cache = dir.join("cache");
    let base = || {
        let mut c = Command::new(&bin);
        c.env("KUBECONFIG", &kubeconfig)
            .arg("--cache-dir")
            .arg(&cache);
        c
    };
    println!("==> real kubectl: dry run, then get pods -o wide against xtask/bench/fakeapi.py");
    let version = crate::setup::output(Command::new(&bin).args(["version", "--client"]))
        .and_then(|v| {
            v.lines()
                .next()
                .map(|l| l.replace("Client Version: ", "kubectl "))
        })
        .unwrap_or_default();
    let start = || {
        let mut c = base();
        c.args(["version", "--client"]);
        c
    };
    let (start_ms, _) = time(reps, start, |_| true)?;
    let dry = || {
        let mut c = base();
        c.args(DRY_RUN);
        c
    };
    let _ = time(1, dry, |_| true)?;
    let (dry_run_ms, dry_run_yaml) = time(reps, dry, |o| o.contains("kind: Deployment"))?;
    let _fake = start_fake(&dir)?;
    let mut get_wide_ms = Vec::new();
    for n in SIZES {
        let ns = format!("pods-{n}");
        let rows = move |o: &str| o.lines().count() == n as usize + 1;
        let get = |chunk: Option<&'static str>| {
            let ns = ns.clone();
            move || {
                let mut c = base();
                c.args(["get", "pods", "-o", "wide", "-n", &ns]);
                if let Some(ch) = chunk {
                    c.arg(ch);
                }
                c
            }
        };
        // The first call also fills the discovery cache.
        let _ = time(1, get(None), rows)?;
        let (chunked, _) = time(reps, get(None), rows)?;
        let (whole, _) = time(reps, get(Some("--chunk-size=0")), rows)?;
        println!("    {n} pods: {chunked:.0} ms (chunks of 500), {whole:.0} ms (one request)");
        get_wide_ms.push((n, chunked, whole));
    }
    Ok(Kubectl {
        version,
        start_ms,
        dry_run_ms,
        dry_run_yaml,
        get_wide_ms,
    })
}
