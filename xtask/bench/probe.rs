//! `cargo xtask bench`'s native probe: the native heap with 10,000 pods (through a counting
//! global allocator, which lives here and not in library code) and one timed run of each
//! measure criterion also takes (the `--quick` figures). Prints one JSON document.
//!
//! `cargo run --profile bench -p xtask --example bench-probe -- [LESSON_DIR]`
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]

use cluster::{Cluster, Profile, Time};
use serde_json::{json, Value};
use shell::Session;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes it hands out that are still live, and the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(n: usize) {
    LIVE.fetch_sub(n, Ordering::Relaxed);
}

// SAFETY: every call forwards to `System` with the caller's arguments unchanged; the counters
// are only bookkeeping.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, which `System.alloc` shares.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; `new_size` is the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The same start as the shell benches, so that the figures compare.
const START: Time = Time(1_795_694_400_000);
const IMAGE: &str = "gcr.io/google-samples/hello-app:1.0";

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// The median of `reps` timed runs of `f` on a fresh value from `setup`, in ms.
fn median_ms<S, R>(reps: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> R) -> f64 {
    let mut v: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let s = setup();
            let t = Instant::now();
            std::hint::black_box(f(s));
            ms(t)
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// A cluster of 100 workers with a Deployment `web` of `n` pods at steady state.
fn workers_with(n: u32) -> Session {
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, START);
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": IMAGE}]}}}});
    if let Err(e) = cl.create(d) {
        eprintln!("probe: create: {e}");
    }
    cl.advance(600_000);
    Session::with_cluster(cl)
}

fn text(s: &mut Session, line: &str) -> String {
    shell::transcript(&s.run_line(line))
}

/// Each `{{execute}}` command of the lesson, timed on the session the lesson has reached.
fn lesson(dir: &Path) -> Result<Vec<Value>, String> {
    let scenario = lesson::load_scenario(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let commands: Vec<String> = scenario
        .execute_commands()
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut s = Session::new(1, START);
    for a in &scenario.assets {
        let _ = s
            .fs_mut()
            .put(&a.target_path, &String::from_utf8_lossy(&a.content));
    }
    let mut out = Vec::new();
    for cmd in &commands {
        let state = s.state().clone();
        let t = median_ms(
            5,
            || Session::from_state(state.clone()),
            |mut x| x.run_line(cmd),
        );
        out.push(json!({"cmd": cmd, "ms": t}));
        let _ = s.run_line(cmd);
        let _ = s.advance(10_000);
    }
    Ok(out)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "lessons/servicios-es".into());
    let lesson = lesson(Path::new(&dir)).unwrap_or_else(|e| {
        eprintln!("probe: lesson: {e}");
        Vec::new()
    });
    let dry_run = median_ms(
        21,
        || Session::new(1, START),
        |mut s| {
            s.run_line(&format!(
                "kubectl create deployment web --image={IMAGE} --dry-run=client -o yaml"
            ))
        },
    );
    let dry_run_output = text(
        &mut Session::new(1, START),
        &format!("kubectl create deployment web --image={IMAGE} --dry-run=client -o yaml"),
    );
    let mut wide = serde_json::Map::new();
    for n in [100u32, 1_000] {
        let mut s = workers_with(n);
        let t = median_ms(5, || (), |_| s.run_line("kubectl get pods -o wide"));
        wide.insert(n.to_string(), json!(t));
    }

    // 10,000 pods on 100 workers: scaled from 0 and reconciled, then measured.
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut s = workers_with(0);
    let t = Instant::now();
    let _ = s.run_line("kubectl scale deployment web --replicas=10000");
    let _ = s.advance(600_000);
    let scale_ms = ms(t);
    let ready = text(
        &mut s,
        "kubectl get deploy web -o jsonpath='{.status.readyReplicas}'",
    );
    let tick_ms = median_ms(21, || (), |_| s.advance(200));
    let live = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let t = Instant::now();
    let listing = s.run_line("kubectl get pods -o wide");
    let wide_10k = ms(t);
    let get_extra = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    let lines = shell::transcript(&listing).lines().count();
    drop(listing);
    wide.insert("10000".into(), json!(wide_10k));
    let state_json = serde_json::to_vec(s.state()).map_or(0, |v| v.len());
    drop(s);

    // The browser's cluster: one-node kind, where 110 pods fit and the rest stay Pending.
    let base = LIVE.load(Ordering::Relaxed);
    let mut one = Session::new(1, START);
    let t = Instant::now();
    let _ = one.run_line(&format!(
        "kubectl create deployment big --image={IMAGE} --replicas=10000"
    ));
    // In 100 ms steps, as the page's clock moves: the longest is what a frame may wait for.
    let mut longest_step = 0.0f64;
    for _ in 0..6_000 {
        let step = Instant::now();
        let _ = one.advance(100);
        longest_step = longest_step.max(ms(step));
    }
    let one_node_ms = ms(t);
    let one_live = LIVE.load(Ordering::Relaxed).saturating_sub(base);
    let one_state = serde_json::to_vec(one.state()).map_or(0, |v| v.len());

    let doc = json!({
        "lesson": lesson,
        "dry_run_ms": dry_run,
        "dry_run_output": dry_run_output,
        "get_wide_ms": wide,
        "get_wide_10k_lines": lines,
        "scale_10k_ms": scale_ms,
        "scale_10k_ready": ready.trim(),
        "tick_10k_ms": tick_ms,
        "heap_10k_bytes": live,
        "heap_get_wide_10k_extra_bytes": get_extra,
        "state_json_10k_bytes": state_json,
        "one_node_10k_ms": one_node_ms,
        "one_node_10k_longest_step_ms": longest_step,
        "one_node_heap_10k_bytes": one_live,
        "one_node_state_json_10k_bytes": one_state,
        "heap_10k_peak_bytes": peak,
    });
    println!("{doc}");
}
