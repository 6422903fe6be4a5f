//! Golden timelines, in the spirit of KWOK's stage tests: objects in, the clock advanced in
//! steps, a compact picture of the cluster at each step compared with the expected one.
//! `UPDATE_EXPECT=1 cargo test -p cluster --test golden` rewrites the expectations.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cluster::{kind, object, Cluster, Profile, Time};
use expect_test::{expect, Expect};
use serde_json::{json, Value};
use std::fmt::Write;

fn start() -> Time {
    Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap()
}

/// One line per workload object and pod of the default namespace.
fn picture(cl: &Cluster) -> String {
    let mut s = String::new();
    for d in cl.store().list_ns("Deployment", "default") {
        let st = |k: &str| d["status"][k].as_i64().unwrap_or(0);
        let _ = writeln!(
            s,
            "deploy {} ready={}/{} updated={} available={}",
            object::name(d),
            st("readyReplicas"),
            d["spec"]["replicas"],
            st("updatedReplicas"),
            st("availableReplicas")
        );
    }
    for r in cl.store().list_ns("ReplicaSet", "default") {
        let _ = writeln!(
            s,
            "rs {} desired={} current={} ready={}",
            object::name(r),
            r["spec"]["replicas"],
            r["status"]["replicas"].as_i64().unwrap_or(0),
            r["status"]["readyReplicas"].as_i64().unwrap_or(0)
        );
    }
    for st in cl.store().list_ns("StatefulSet", "default") {
        let _ = writeln!(
            s,
            "sts {} ready={}/{}",
            object::name(st),
            st["status"]["readyReplicas"].as_i64().unwrap_or(0),
            st["spec"]["replicas"]
        );
    }
    for p in cl.store().list_ns("Pod", "default") {
        let waiting = p["status"]["containerStatuses"][0]["state"]["waiting"]["reason"].as_str();
        let phase = if object::is_terminating(p) {
            "Terminating"
        } else {
            waiting.unwrap_or(p["status"]["phase"].as_str().unwrap_or("?"))
        };
        let image = p["spec"]["containers"][0]["image"]
            .as_str()
            .unwrap_or("")
            .rsplit(':')
            .next()
            .unwrap_or("")
            .to_string();
        let _ = writeln!(
            s,
            "pod {} {phase} ip={} image={image}",
            object::name(p),
            p["status"]["podIP"].as_str().unwrap_or("-")
        );
    }
    for e in cl
        .store()
        .list_ns("Endpoints", "default")
        .filter(|e| object::name(e) != "kubernetes")
    {
        let ips: Vec<&str> = object::array_at(e, &["subsets"])
            .iter()
            .flat_map(|s| object::array_at(s, &["addresses"]))
            .filter_map(|a| a["ip"].as_str())
            .collect();
        let _ = writeln!(s, "endpoints {} [{}]", object::name(e), ips.join(" "));
    }
    s
}

/// A step of a timeline: milliseconds to let pass, then an optional change.
type Step = (i64, Option<fn(&mut Cluster)>);

/// Applies `objects`, then for each `(ms, change)` advances the clock and pictures the cluster.
fn timeline(seed: u64, objects: &[Value], steps: &[Step], expect: Expect) {
    let mut cl = Cluster::new(Profile::kind(), seed, start());
    for o in objects {
        cl.create(o.clone()).unwrap();
    }
    let mut out = format!("-- t=0s\n{}", picture(&cl));
    let mut t = 0;
    for (ms, change) in steps {
        cl.advance(*ms);
        t += ms;
        if let Some(f) = change {
            f(&mut cl);
            let _ = write!(
                out,
                "-- t={}s (changed)\n{}",
                t as f64 / 1000.0,
                picture(&cl)
            );
        } else {
            let _ = write!(out, "-- t={}s\n{}", t as f64 / 1000.0, picture(&cl));
        }
    }
    expect.assert_eq(&out);
}

fn web(replicas: i64) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}})
}

fn set_image_v2(cl: &mut Cluster) {
    let mut d = cl
        .get(kind::lookup("deploy").unwrap(), "default", "web")
        .unwrap()
        .clone();
    d["spec"]["template"]["spec"]["containers"][0]["image"] =
        json!("gcr.io/google-samples/hello-app:2.0");
    object::remove(&mut d, &["metadata", "resourceVersion"]);
    cl.update(d).unwrap();
}

#[test]
fn rolling_update_replaces_pods_a_few_at_a_time() {
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}});
    timeline(
        1,
        &[web(3), svc],
        &[
            (15_000, Some(set_image_v2)),
            (1_000, None),
            (2_000, None),
            (2_000, None),
            (10_000, None),
        ],
        expect![[r#"
            -- t=0s
            deploy web ready=0/3 updated=3 available=0
            rs web-c88c85f94 desired=3 current=3 ready=0
            pod web-c88c85f94-kn4n4 ContainerCreating ip=- image=1.0
            pod web-c88c85f94-vxbl7 ContainerCreating ip=- image=1.0
            pod web-c88c85f94-xsb8j ContainerCreating ip=- image=1.0
            endpoints web []
            -- t=15s (changed)
            deploy web ready=3/3 updated=1 available=3
            rs web-56fbb96cff desired=1 current=1 ready=0
            rs web-c88c85f94 desired=3 current=3 ready=3
            pod web-56fbb96cff-ht2gr ContainerCreating ip=- image=2.0
            pod web-c88c85f94-kn4n4 Running ip=10.244.0.5 image=1.0
            pod web-c88c85f94-vxbl7 Running ip=10.244.0.7 image=1.0
            pod web-c88c85f94-xsb8j Running ip=10.244.0.6 image=1.0
            endpoints web [10.244.0.5 10.244.0.6 10.244.0.7]
            -- t=16s
            deploy web ready=3/3 updated=1 available=3
            rs web-56fbb96cff desired=1 current=1 ready=0
            rs web-c88c85f94 desired=3 current=3 ready=3
            pod web-56fbb96cff-ht2gr ContainerCreating ip=10.244.0.8 image=2.0
            pod web-c88c85f94-kn4n4 Running ip=10.244.0.5 image=1.0
            pod web-c88c85f94-vxbl7 Running ip=10.244.0.7 image=1.0
            pod web-c88c85f94-xsb8j Running ip=10.244.0.6 image=1.0
            endpoints web [10.244.0.5 10.244.0.6 10.244.0.7]
            -- t=18s
            deploy web ready=3/3 updated=3 available=3
            rs web-56fbb96cff desired=3 current=3 ready=2
            rs web-c88c85f94 desired=1 current=1 ready=1
            pod web-56fbb96cff-7htv8 ContainerCreating ip=- image=2.0
            pod web-56fbb96cff-8ph4h Running ip=10.244.0.9 image=2.0
            pod web-56fbb96cff-ht2gr Running ip=10.244.0.8 image=2.0
            pod web-c88c85f94-kn4n4 Terminating ip=10.244.0.5 image=1.0
            pod web-c88c85f94-vxbl7 Terminating ip=10.244.0.7 image=1.0
            pod web-c88c85f94-xsb8j Running ip=10.244.0.6 image=1.0
            endpoints web [10.244.0.6 10.244.0.8 10.244.0.9]
            -- t=20s
            deploy web ready=3/3 updated=3 available=3
            rs web-56fbb96cff desired=3 current=3 ready=3
            rs web-c88c85f94 desired=0 current=0 ready=0
            pod web-56fbb96cff-7htv8 Running ip=10.244.0.10 image=2.0
            pod web-56fbb96cff-8ph4h Running ip=10.244.0.9 image=2.0
            pod web-56fbb96cff-ht2gr Running ip=10.244.0.8 image=2.0
            endpoints web [10.244.0.10 10.244.0.8 10.244.0.9]
            -- t=30s
            deploy web ready=3/3 updated=3 available=3
            rs web-56fbb96cff desired=3 current=3 ready=3
            rs web-c88c85f94 desired=0 current=0 ready=0
            pod web-56fbb96cff-7htv8 Running ip=10.244.0.10 image=2.0
            pod web-56fbb96cff-8ph4h Running ip=10.244.0.9 image=2.0
            pod web-56fbb96cff-ht2gr Running ip=10.244.0.8 image=2.0
            endpoints web [10.244.0.10 10.244.0.8 10.244.0.9]
        "#]],
    );
}

#[test]
fn statefulset_pods_start_in_order() {
    let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db", "namespace": "default"},
        "spec": {"replicas": 3, "serviceName": "db", "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}});
    timeline(
        2,
        &[sts],
        &[
            (2_000, None),
            (4_000, None),
            (4_000, None),
            (4_000, None),
            (10_000, None),
        ],
        expect![[r#"
            -- t=0s
            sts db ready=0/3
            pod db-0 ContainerCreating ip=- image=1.27
            -- t=2s
            sts db ready=0/3
            pod db-0 ContainerCreating ip=10.244.0.5 image=1.27
            -- t=6s
            sts db ready=3/3
            pod db-0 Running ip=10.244.0.5 image=1.27
            pod db-1 Running ip=10.244.0.6 image=1.27
            pod db-2 Running ip=10.244.0.7 image=1.27
            -- t=10s
            sts db ready=3/3
            pod db-0 Running ip=10.244.0.5 image=1.27
            pod db-1 Running ip=10.244.0.6 image=1.27
            pod db-2 Running ip=10.244.0.7 image=1.27
            -- t=14s
            sts db ready=3/3
            pod db-0 Running ip=10.244.0.5 image=1.27
            pod db-1 Running ip=10.244.0.6 image=1.27
            pod db-2 Running ip=10.244.0.7 image=1.27
            -- t=24s
            sts db ready=3/3
            pod db-0 Running ip=10.244.0.5 image=1.27
            pod db-1 Running ip=10.244.0.6 image=1.27
            pod db-2 Running ip=10.244.0.7 image=1.27
        "#]],
    );
}

#[test]
fn deleted_pods_terminate_and_are_replaced() {
    fn delete_all(cl: &mut Cluster) {
        let names: Vec<String> = cl
            .store()
            .list_ns("Pod", "default")
            .map(|p| object::name(p).to_string())
            .collect();
        for n in names {
            cl.delete(
                kind::lookup("po").unwrap(),
                "default",
                &n,
                Default::default(),
            )
            .unwrap();
        }
    }
    timeline(
        3,
        &[web(2)],
        &[
            (10_000, Some(delete_all)),
            (500, None),
            (1_000, None),
            (3_000, None),
        ],
        expect![[r#"
            -- t=0s
            deploy web ready=0/2 updated=2 available=0
            rs web-c88c85f94 desired=2 current=2 ready=0
            pod web-c88c85f94-cspj5 ContainerCreating ip=- image=1.0
            pod web-c88c85f94-h5p7r ContainerCreating ip=- image=1.0
            -- t=10s (changed)
            deploy web ready=0/2 updated=2 available=0
            rs web-c88c85f94 desired=2 current=2 ready=0
            pod web-c88c85f94-4lll2 ContainerCreating ip=- image=1.0
            pod web-c88c85f94-cspj5 Terminating ip=10.244.0.6 image=1.0
            pod web-c88c85f94-h5p7r Terminating ip=10.244.0.5 image=1.0
            pod web-c88c85f94-qm5pq ContainerCreating ip=- image=1.0
            -- t=10.5s
            deploy web ready=1/2 updated=2 available=1
            rs web-c88c85f94 desired=2 current=2 ready=1
            pod web-c88c85f94-4lll2 Running ip=10.244.0.7 image=1.0
            pod web-c88c85f94-cspj5 Terminating ip=10.244.0.6 image=1.0
            pod web-c88c85f94-h5p7r Terminating ip=10.244.0.5 image=1.0
            pod web-c88c85f94-qm5pq ContainerCreating ip=- image=1.0
            -- t=11.5s
            deploy web ready=2/2 updated=2 available=2
            rs web-c88c85f94 desired=2 current=2 ready=2
            pod web-c88c85f94-4lll2 Running ip=10.244.0.7 image=1.0
            pod web-c88c85f94-qm5pq Running ip=10.244.0.8 image=1.0
            -- t=14.5s
            deploy web ready=2/2 updated=2 available=2
            rs web-c88c85f94 desired=2 current=2 ready=2
            pod web-c88c85f94-4lll2 Running ip=10.244.0.7 image=1.0
            pod web-c88c85f94-qm5pq Running ip=10.244.0.8 image=1.0
        "#]],
    );
}
