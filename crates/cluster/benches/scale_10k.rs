//! The 10,000-pod engine benchmarks, with flat sampling: one scale from 0 to 10,000 and its
//! reconcile to steady state takes seconds, so ten samples of one run each, not the 55 runs the
//! default linear sampling needs (`engine` covers 100 and 1,000).

use cluster::{kind, object, Cluster, Profile, Time};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use serde_json::json;
use std::time::Duration;

const PODS: i64 = 10_000;

fn with_deployment(replicas: i64) -> Cluster {
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, Time(1_800_000_000_000));
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
    let mut g = c.benchmark_group("engine_10k");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    g.bench_function("scale_0_to_10000_and_settle", |b| {
        b.iter_batched(
            || with_deployment(0),
            |mut cl| {
                scale(&mut cl, PODS);
                cl.advance(600_000);
                cl
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let mut g = c.benchmark_group("engine_10k");
    g.sample_size(10);
    let mut steady = with_deployment(PODS);
    steady.advance(600_000);
    g.bench_function("steady_state_tick", |b| b.iter(|| steady.advance(200)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
