//! Times scaling a Deployment to N replicas and reconciling (a quick look; the numbers that
//! count come from `cargo bench`).

use cluster::{Cluster, Profile, Time};
use serde_json::json;
use std::time::Instant;

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, Time(1_800_000_000_000));
    let t = Instant::now();
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}});
    let _ = cl.create(d);
    println!("create+settle: {:?}", t.elapsed());
    let t = Instant::now();
    cl.advance(30_000);
    println!("advance 30s: {:?}", t.elapsed());
    let t = Instant::now();
    cl.advance(200);
    println!("steady tick: {:?}", t.elapsed());
    println!("pods: {}", cl.store().count("Pod"));
}
