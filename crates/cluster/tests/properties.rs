//! Properties of the control loop, for any sequence of operations: the cluster converges (the
//! Deployment's pods all run), a Service's endpoints are exactly its selected ready pods, and the
//! same seed and operations reproduce the same state byte for byte.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cluster::{kind, object, Cluster, DeleteOptions, Profile, Time};
use proptest::prelude::*;
use serde_json::json;

#[derive(Clone, Debug)]
enum Op {
    Scale(u8),
    DeleteNthPod(u8),
    Advance(u16),
    LabelNthPod(u8, bool),
    SetImage(bool),
    ServiceSelector(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..7).prop_map(Op::Scale),
        (0u8..10).prop_map(Op::DeleteNthPod),
        (0u16..20_000).prop_map(Op::Advance),
        ((0u8..10), any::<bool>()).prop_map(|(n, b)| Op::LabelNthPod(n, b)),
        any::<bool>().prop_map(Op::SetImage),
        any::<bool>().prop_map(Op::ServiceSelector),
    ]
}

fn start() -> Time {
    Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap()
}

fn setup(seed: u64) -> Cluster {
    let mut cl = Cluster::new(Profile::kind_multi_node(), seed, start());
    cl.create(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}}))
        .unwrap();
    cl.create(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}}))
        .unwrap();
    cl
}

fn web_pods(cl: &Cluster) -> Vec<serde_json::Value> {
    cl.store()
        .list_ns("Pod", "default")
        .filter(|p| object::name(p).starts_with("web-"))
        .cloned()
        .collect()
}

fn apply(cl: &mut Cluster, op: &Op) {
    let deploy = kind::lookup("deploy").unwrap();
    match op {
        Op::Scale(n) => {
            let mut d = cl.get(deploy, "default", "web").unwrap().clone();
            d["spec"]["replicas"] = json!(n);
            object::remove(&mut d, &["metadata", "resourceVersion"]);
            cl.update(d).unwrap();
        }
        Op::DeleteNthPod(i) => {
            let pods = web_pods(cl);
            if let Some(p) = pods.get(*i as usize) {
                let _ = cl.delete(
                    kind::lookup("po").unwrap(),
                    "default",
                    object::name(p),
                    DeleteOptions::default(),
                );
            }
        }
        Op::Advance(ms) => cl.advance(i64::from(*ms)),
        Op::LabelNthPod(i, on) => {
            let pods = web_pods(cl);
            if let Some(p) = pods.get(*i as usize) {
                let mut p = p.clone();
                p["metadata"]["labels"]["app"] = json!(if *on { "web" } else { "debug" });
                object::remove(&mut p, &["metadata", "resourceVersion"]);
                let _ = cl.update(p);
            }
        }
        Op::SetImage(v2) => {
            let mut d = cl.get(deploy, "default", "web").unwrap().clone();
            d["spec"]["template"]["spec"]["containers"][0]["image"] = json!(if *v2 {
                "gcr.io/google-samples/hello-app:2.0"
            } else {
                "gcr.io/google-samples/hello-app:1.0"
            });
            object::remove(&mut d, &["metadata", "resourceVersion"]);
            cl.update(d).unwrap();
        }
        Op::ServiceSelector(web) => {
            let mut s = cl
                .get(kind::lookup("svc").unwrap(), "default", "web")
                .unwrap()
                .clone();
            s["spec"]["selector"] = json!({"app": if *web { "web" } else { "debug" }});
            object::remove(&mut s, &["metadata", "resourceVersion"]);
            cl.update(s).unwrap();
        }
    }
}

/// The ready pod IPs a Service's selector picks, and the IPs its Endpoints list.
fn endpoints_and_pods(cl: &Cluster) -> (Vec<String>, Vec<String>) {
    let svc = cl.store().get_named("Service", "default", "web").unwrap();
    let sel = object::string_map(svc, &["spec", "selector"]);
    let mut want: Vec<String> = cl
        .store()
        .list_ns("Pod", "default")
        .filter(|p| {
            object::selector_matches(&sel, &object::labels(p)) && !object::is_terminating(p)
        })
        .filter(|p| {
            p["status"]["conditions"].as_array().is_some_and(|c| {
                c.iter()
                    .any(|c| c["type"] == "Ready" && c["status"] == "True")
            })
        })
        .filter_map(|p| p["status"]["podIP"].as_str().map(str::to_string))
        .collect();
    want.sort();
    let ep = cl.store().get_named("Endpoints", "default", "web").unwrap();
    let mut have: Vec<String> = object::array_at(ep, &["subsets"])
        .iter()
        .flat_map(|s| object::array_at(s, &["addresses"]))
        .filter_map(|a| a["ip"].as_str().map(str::to_string))
        .collect();
    have.sort();
    (have, want)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn converges_and_endpoints_follow_ready_pods(ops in proptest::collection::vec(op(), 0..24), seed in 0u64..1000) {
        let mut cl = setup(seed);
        for o in &ops {
            apply(&mut cl, o);
            let (have, want) = endpoints_and_pods(&cl);
            prop_assert_eq!(have, want, "endpoints after {:?}", o);
        }
        cl.advance(120_000);
        let d = cl.store().get_named("Deployment", "default", "web").unwrap().clone();
        let replicas = d["spec"]["replicas"].as_i64().unwrap();
        let owned: Vec<_> = web_pods(&cl)
            .into_iter()
            .filter(|p| p["metadata"]["labels"]["app"] == "web")
            .collect();
        prop_assert_eq!(owned.len() as i64, replicas, "pods: {:?}", owned.iter().map(object::name).collect::<Vec<_>>());
        prop_assert!(owned.iter().all(|p| p["status"]["phase"] == "Running"));
        prop_assert_eq!(d["status"]["readyReplicas"].as_i64().unwrap_or(0), replicas);
        let (have, want) = endpoints_and_pods(&cl);
        prop_assert_eq!(have, want);
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes(ops in proptest::collection::vec(op(), 0..16), seed in 0u64..1000) {
        let run = || {
            let mut cl = setup(seed);
            for o in &ops {
                apply(&mut cl, o);
            }
            cl.advance(30_000);
            serde_json::to_string(&cl).unwrap()
        };
        prop_assert_eq!(run(), run());
    }
}
