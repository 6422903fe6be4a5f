//! Times `kubectl get pods -o wide` over N pods (a quick look; `cargo bench` has the numbers).

use cluster::{Cluster, Profile, Time};
use shell::Session;
use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, Time(1_795_694_400_000));
    let d = serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}});
    let _ = cl.create(d);
    cl.advance(600_000);
    let mut s = Session::with_cluster(cl);
    let cmds: Vec<String> = std::env::args().skip(2).collect();
    for cmd in cmds.iter().map(String::as_str) {
        let (t, cpu) = (Instant::now(), cpu_ns());
        let out = s.run_line(cmd);
        let cpu = cpu_ns().zip(cpu).map(|(b, a)| b.saturating_sub(a));
        println!(
            "{cmd}: {:?} wall, {} on the CPU ({} bytes)",
            t.elapsed(),
            cpu.map_or("?".into(), |ns| format!("{:.1} ms", ns as f64 / 1e6)),
            shell::transcript(&out).len()
        );
    }
}

/// Nanoseconds this thread has run on a CPU (Linux's schedstat): a figure that holds when
/// other processes share the cores, as wall time does not.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
