//! Engine benchmarks: a Deployment scaled from 0 to N and reconciled to steady state, and one
//! tick of a cluster at steady state with N pods.

use cluster::{kind, object, Cluster, Profile, Time};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use serde_json::json;

fn start() -> Time {
    Time(1_800_000_000_000)
}

fn with_deployment(replicas: i64) -> Cluster {
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, start());
    let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}});
    if let Err(e) = cl.create(d) {
        eprintln!("create: {e}");
    }
    cl
}

fn scale(cl: &mut Cluster, replicas: i64) {
    let Some(rt) = kind::lookup("deploy") else {
        return;
    };
    let Ok(d) = cl.get(rt, "default", "web") else {
        return;
    };
    let mut d = d.clone();
    object::set(&mut d, &["spec", "replicas"], json!(replicas));
    object::remove(&mut d, &["metadata", "resourceVersion"]);
    if let Err(e) = cl.update(d) {
        eprintln!("scale: {e}");
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    for n in [100i64, 1_000, 10_000] {
        g.bench_with_input(
            BenchmarkId::new("scale_0_to_n_and_settle", n),
            &n,
            |b, &n| {
                b.iter_batched(
                    || with_deployment(0),
                    |mut cl| {
                        scale(&mut cl, n);
                        cl.advance(600_000);
                        cl
                    },
                    BatchSize::LargeInput,
                )
            },
        );
        let mut steady = with_deployment(n);
        steady.advance(600_000);
        g.bench_with_input(BenchmarkId::new("steady_state_tick", n), &n, |b, _| {
            b.iter(|| steady.advance(200))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
