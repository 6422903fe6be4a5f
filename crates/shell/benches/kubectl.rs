//! Shell benchmarks: each command of the Spanish lesson end to end, and `kubectl get pods -o
//! wide` over 100, 1,000 and 10,000 pods.

use cluster::{Cluster, Profile, Time};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use shell::Session;

const START: Time = Time(1_795_694_400_000);

const SVC: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web-service\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n";
const HEADLESS: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web-headless\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n  - port: 8080\n";
const DNSUTILS: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dnsutils\nspec:\n  containers:\n  - name: dnsutils\n    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3\n    command: [\"sleep\", \"3600\"]\n";

/// A session at the point of the lesson where `command` is typed.
fn lesson_session(upto: usize) -> Session {
    let mut s = Session::new(1, START);
    for (path, text) in [
        ("manifests/web-clusterip-svc.yaml", SVC),
        ("manifests/web-headless-svc.yaml", HEADLESS),
        ("manifests/dnsutils.yaml", DNSUTILS),
    ] {
        let _ = s.fs_mut().put(path, text);
    }
    for c in LESSON.iter().take(upto) {
        let _ = s.run_line(c);
        let _ = s.advance(10_000);
    }
    s
}

const LESSON: &[&str] = &[
    "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0",
    "kubectl scale --replicas=3 deployment web",
    "kubectl get pods --selector app=web -o wide",
    "kubectl delete pods --selector app=web",
    "kubectl get pods --selector app=web -o wide",
    "kubectl apply -f manifests/web-clusterip-svc.yaml",
    "kubectl get service web-service -o wide",
    "kubectl apply -f manifests/dnsutils.yaml",
    "kubectl exec -ti dnsutils -- nslookup web-service",
    "kubectl apply -f manifests/web-headless-svc.yaml",
    "kubectl exec -ti dnsutils -- nslookup web-headless",
];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("lesson");
    for (i, cmd) in LESSON.iter().enumerate() {
        let base = lesson_session(i);
        let state = base.state().clone();
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{:02} {cmd}", i + 1)),
            cmd,
            |b, cmd| {
                // The session is returned, so that criterion drops it outside the timing.
                b.iter_batched(
                    || Session::from_state(state.clone()),
                    |mut s| {
                        let out = s.run_line(cmd);
                        (s, out)
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    g.finish();
    // Listed again, in the same session (the pods' cells warm in the caches).
    let mut g = c.benchmark_group("get_pods_wide");
    g.sample_size(10);
    for n in [100u32, 1_000, 10_000] {
        let mut s = Session::with_cluster(pods(n));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| s.run_line("kubectl get pods -o wide"))
        });
    }
    g.finish();
    // The first listing of a fresh copy of the session: nothing of it in the caches.
    let mut g = c.benchmark_group("get_pods_wide_first");
    g.sample_size(10);
    for n in [100u32, 1_000, 10_000] {
        let state = Session::with_cluster(pods(n)).state().clone();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || Session::from_state(state.clone()),
                |mut s| {
                    let out = s.run_line("kubectl get pods -o wide");
                    (s, out)
                },
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

/// A cluster of 100 workers with `n` Running pods of one Deployment.
fn pods(n: u32) -> Cluster {
    let mut cl = Cluster::new(Profile::kind_workers(100), 1, START);
    let d = serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}});
    let _ = cl.create(d);
    cl.advance(600_000);
    cl
}

criterion_group!(benches, bench);
criterion_main!(benches);
