//! What `cargo xtask bench` sets against the real kubectl: the shell running
//! `kubectl create deployment … --dry-run=client -o yaml` on a fresh lab (the `get pods -o wide`
//! side is the `kubectl` bench's `get_pods_wide`).

use cluster::Time;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use shell::Session;

const START: Time = Time(1_795_694_400_000);
const DRY_RUN: &str =
    "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --dry-run=client -o yaml";

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("versus");
    let state = Session::new(1, START).state().clone();
    g.bench_function("create_dry_run_yaml", |b| {
        b.iter_batched(
            || Session::from_state(state.clone()),
            |mut s| s.run_line(DRY_RUN),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
