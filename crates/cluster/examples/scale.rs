//! Scales a Deployment from 0 to N pods and lets 10 virtual minutes pass, printing the wall
//! time: the `scale_0_to_10000_and_settle` benchmark as one run, for `perf record`.
//!
//! `cargo build --profile bench -p cluster --example scale && target/release/examples/scale 10000`
//! (`... scale 10000 kind` on the browser's one-node cluster).

use cluster::{kind, object, Cluster, Profile, Time};
use serde_json::json;
use std::time::Instant;

fn main() {
    let pods: i64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    // `kind` as the second argument: the browser's one-node kind, where 110 pods fit and the
    // rest stay Pending.
    let profile = match std::env::args().nth(2).as_deref() {
        Some("kind") => Profile::kind(),
        _ => Profile::kind_workers(100),
    };
    let mut cl = Cluster::new(profile, 1, Time(1_800_000_000_000));
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}});
    if let Err(e) = cl.create(d) {
        eprintln!("create: {e}");
        return;
    }
    let (start, cpu0) = (Instant::now(), cpu_ns());
    let Some(mut d) = kind::lookup("deploy")
        .and_then(|rt| cl.get(rt, "default", "web").ok())
        .cloned()
    else {
        return;
    };
    object::set(&mut d, &["spec", "replicas"], json!(pods));
    object::remove(&mut d, &["metadata", "resourceVersion"]);
    if let Err(e) = cl.update(d) {
        eprintln!("scale: {e}");
        return;
    }
    // The longest single step of virtual time: in the page, what one frame may have to wait.
    let mut worst = (0.0f64, 0);
    for minute in 1..=10 {
        for step in 0..600 {
            let t = Instant::now();
            cl.advance(100);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if ms > worst.0 {
                worst = (ms, (minute - 1) * 600 + step);
            }
        }
        let running = cl.store().count("Pod");
        let cpu = cpu_ns()
            .zip(cpu0)
            .map(|(b, a)| b.saturating_sub(a) as f64 / 1e6);
        println!(
            "{minute:>2} virtual min: {:>8.1} ms, {} ms on the CPU, {running} pods, {} writes",
            start.elapsed().as_secs_f64() * 1e3,
            cpu.map_or("?".into(), |c| format!("{c:.1}")),
            cl.store().revision()
        );
    }
    println!("longest 100 ms step: {:.1} ms (step {})", worst.0, worst.1);
}

/// Nanoseconds this thread has run on a CPU (Linux's schedstat): a figure that holds better
/// than wall time when other processes share the cores.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
