//! End-to-end behaviour of the engine: boot, deployments, pods, services, DNS and traffic.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cluster::apps::HttpRequest;
use cluster::dns::Answer;
use cluster::object;
use cluster::traffic::Origin;
use cluster::{kind, Cluster, DeleteOptions, Profile, Time};
use serde_json::json;

fn start() -> Time {
    Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap()
}

fn pods(cl: &Cluster, ns: &str) -> Vec<(String, String, Option<String>)> {
    cl.store()
        .list_ns("Pod", ns)
        .map(|p| {
            (
                object::name(p).to_string(),
                object::str_at(p, &["status", "phase"])
                    .unwrap_or("")
                    .to_string(),
                object::str_at(p, &["status", "podIP"]).map(str::to_string),
            )
        })
        .collect()
}

fn web_deployment() -> serde_json::Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]}}}})
}

#[test]
fn boots_a_kind_cluster_with_running_system_pods() {
    let cl = Cluster::new(Profile::kind(), 1, start());
    let system = pods(&cl, "kube-system");
    assert_eq!(system.len(), 8, "{system:?}");
    assert!(
        system.iter().all(|(_, phase, _)| phase == "Running"),
        "{system:?}"
    );
    let coredns: Vec<_> = system
        .iter()
        .filter(|(n, _, _)| n.starts_with("coredns-"))
        .collect();
    assert_eq!(coredns.len(), 2);
    let mut ips: Vec<_> = coredns.iter().filter_map(|(_, _, ip)| ip.clone()).collect();
    ips.sort();
    assert_eq!(ips, ["10.244.0.2", "10.244.0.3"]);
    let lpp = pods(&cl, "local-path-storage");
    assert_eq!(
        lpp.first().and_then(|p| p.2.clone()).as_deref(),
        Some("10.244.0.4")
    );
    let etcd = system
        .iter()
        .find(|(n, _, _)| n == "etcd-kind-control-plane")
        .unwrap();
    assert_eq!(etcd.2.as_deref(), Some("172.18.0.2"));
}

#[test]
fn boots_the_kubernetes_endpointslice_and_system_requests_as_kind() {
    let cl = Cluster::new(Profile::kind(), 1, start());
    // The API server's own slice (reconcilers/endpointsadapter.go).
    let slice = cl
        .store()
        .get_named("EndpointSlice", "default", "kubernetes")
        .unwrap();
    assert_eq!(
        object::get(slice, &["metadata", "labels"]),
        Some(&json!({"kubernetes.io/service-name": "kubernetes"}))
    );
    assert_eq!(object::get(slice, &["metadata", "ownerReferences"]), None);
    assert_eq!(slice["addressType"], json!("IPv4"));
    assert_eq!(
        slice["endpoints"],
        json!([{"addresses": ["172.18.0.2"], "conditions": {"ready": true}}])
    );
    assert_eq!(
        slice["ports"],
        json!([{"name": "https", "port": 6443, "protocol": "TCP"}])
    );
    // kube-dns gets one from the endpointslice controller.
    let dns: Vec<_> = cl.store().list_ns("EndpointSlice", "kube-system").collect();
    assert_eq!(dns.len(), 1);
    assert!(object::name(dns[0]).starts_with("kube-dns-"));
    assert_eq!(
        dns[0]["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"],
        json!("endpointslice-controller.k8s.io")
    );
    // Requests and limits as kind v1.32's manifests have them.
    let resources = |prefix: &str| {
        let pod = cl
            .store()
            .list_ns("Pod", "kube-system")
            .find(|p| object::name(p).starts_with(prefix))
            .unwrap();
        pod["spec"]["containers"][0]["resources"].clone()
    };
    assert_eq!(
        resources("coredns-"),
        json!({"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}})
    );
    assert_eq!(
        resources("etcd-"),
        json!({"requests": {"cpu": "100m", "memory": "100Mi"}})
    );
    assert_eq!(
        resources("kube-apiserver-"),
        json!({"requests": {"cpu": "250m"}})
    );
    assert_eq!(
        resources("kube-controller-manager-"),
        json!({"requests": {"cpu": "200m"}})
    );
    assert_eq!(
        resources("kube-scheduler-"),
        json!({"requests": {"cpu": "100m"}})
    );
    assert_eq!(
        resources("kindnet-"),
        json!({"limits": {"cpu": "100m", "memory": "50Mi"}, "requests": {"cpu": "100m", "memory": "50Mi"}})
    );
    assert_eq!(resources("kube-proxy-"), json!({}));
}

#[test]
fn deployment_pods_come_up_and_get_replaced() {
    let mut cl = Cluster::new(Profile::kind(), 7, start());
    cl.create(web_deployment()).unwrap();
    let p = pods(&cl, "default");
    assert_eq!(p.len(), 1);
    let (name, phase, _) = &p[0];
    assert!(
        name.starts_with("web-") && name.len() == "web-".len() + 10 + 6
            || name.len() == "web-".len() + 9 + 6,
        "{name}"
    );
    assert_eq!(phase, "Pending");
    cl.advance(10_000);
    let p = pods(&cl, "default");
    assert_eq!(p[0].1, "Running");
    assert_eq!(p[0].2.as_deref(), Some("10.244.0.5"));
    // Scale to three, then delete them all: the ReplicaSet replaces them with new names and IPs.
    let rt = kind::lookup("deploy").unwrap();
    let mut d = cl.get(rt, "default", "web").unwrap().clone();
    object::set(&mut d, &["spec", "replicas"], json!(3));
    object::remove(&mut d, &["metadata", "resourceVersion"]);
    cl.update(d).unwrap();
    cl.advance(10_000);
    let before = pods(&cl, "default");
    assert_eq!(before.len(), 3);
    assert!(before.iter().all(|p| p.1 == "Running"));
    let pod_rt = kind::lookup("po").unwrap();
    for (n, _, _) in &before {
        cl.delete(pod_rt, "default", n, DeleteOptions::default())
            .unwrap();
    }
    cl.advance(10_000);
    let after = pods(&cl, "default");
    assert_eq!(after.len(), 3, "{after:?}");
    for (n, _, ip) in &after {
        assert!(
            !before.iter().any(|(b, _, bip)| b == n || bip == ip),
            "{n} {ip:?} reused"
        );
    }
}

#[test]
fn services_balance_and_dns_resolves() {
    let mut cl = Cluster::new(Profile::kind(), 3, start());
    let mut d = web_deployment();
    d["spec"]["replicas"] = json!(3);
    cl.create(d).unwrap();
    cl.create(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-service", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}})).unwrap();
    cl.create(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-headless", "namespace": "default"},
        "spec": {"clusterIP": "None", "selector": {"app": "web"}, "ports": [{"port": 8080}]}})).unwrap();
    // Before the pods are ready the Service refuses connections.
    let svc = cl
        .get(kind::lookup("svc").unwrap(), "default", "web-service")
        .unwrap()
        .clone();
    let ip: std::net::Ipv4Addr = object::str_at(&svc, &["spec", "clusterIP"])
        .unwrap()
        .parse()
        .unwrap();
    let host = Origin::Node("kind-control-plane".into());
    assert_eq!(
        cl.connect(&host, ip, 80).unwrap_err(),
        cluster::traffic::ConnectError::Refused
    );
    cl.advance(15_000);
    let req = HttpRequest {
        method: "GET".into(),
        path: "/".into(),
        host: ip.to_string(),
        user_agent: "curl/7.88.1".into(),
        client_ip: "10.244.0.1".into(),
    };
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..20 {
        let (conn, resp) = cl.http(&host, ip, 80, &req).unwrap();
        let body = resp.unwrap().body;
        assert!(
            body.starts_with("Hello, world!\nVersion: 1.0.0\nHostname: web-"),
            "{body}"
        );
        assert!(body.ends_with(&format!("Hostname: {}\n", conn.pod_name)));
        seen.insert(conn.pod_name);
    }
    assert!(seen.len() > 1, "{seen:?}");
    assert_eq!(
        cl.connect(&host, ip, 8080).unwrap_err(),
        cluster::traffic::ConnectError::Timeout
    );
    let lookup = cl.resolve("default", "web-service");
    assert_eq!(lookup.fqdn, "web-service.default.svc.cluster.local");
    assert_eq!(lookup.answer, Answer::A(vec![(lookup.fqdn.clone(), ip)]));
    let headless = cl.resolve("default", "web-headless");
    match headless.answer {
        Answer::A(records) => assert_eq!(records.len(), 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(cl.resolve("default", "nosuchsvc").answer, Answer::NxDomain);
    let k = cl.resolve("default", "kubernetes.default");
    assert_eq!(
        k.answer,
        Answer::A(vec![(
            "kubernetes.default.svc.cluster.local".into(),
            "10.96.0.1".parse().unwrap()
        )])
    );
}

#[test]
fn same_seed_same_state() {
    let run = |seed| {
        let mut cl = Cluster::new(Profile::kind(), seed, start());
        cl.create(web_deployment()).unwrap();
        cl.advance(20_000);
        serde_json::to_string(&cl).unwrap()
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn state_round_trips_through_serde() {
    let mut cl = Cluster::new(Profile::kind(), 9, start());
    cl.create(web_deployment()).unwrap();
    cl.advance(2_000);
    let json = serde_json::to_string(&cl).unwrap();
    let mut back: Cluster = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cl);
    back.advance(20_000);
    cl.advance(20_000);
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        serde_json::to_string(&cl).unwrap()
    );
}

#[test]
fn unknown_images_back_off() {
    let mut cl = Cluster::new(Profile::kind(), 2, start());
    let mut d = web_deployment();
    d["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginxx:9");
    cl.create(d).unwrap();
    cl.advance(3_000);
    let pod = cl.store().list_ns("Pod", "default").next().unwrap().clone();
    let reason = object::str_at(&pod, &["status", "containerStatuses"]).map(str::to_string);
    let waiting = pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.is_none());
    assert!(
        waiting == "ErrImagePull" || waiting == "ImagePullBackOff",
        "{waiting}"
    );
    cl.advance(5_000);
    let pod = cl.store().list_ns("Pod", "default").next().unwrap().clone();
    assert_eq!(
        pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"],
        "ImagePullBackOff"
    );
}

#[test]
fn a_full_node_leaves_pods_pending_until_room_frees() {
    let mut cl = Cluster::new(Profile::kind(), 4, start());
    let mut d = web_deployment();
    d["spec"]["replicas"] = json!(110);
    cl.create(d).unwrap();
    cl.advance(30_000);
    let web: Vec<_> = pods(&cl, "default");
    let running = web.iter().filter(|p| p.1 == "Running").count();
    let pending = web.iter().filter(|p| p.1 == "Pending").count();
    // 9 system pods already run on the node; kubelet's default max is 110 pods.
    assert_eq!((running, pending), (101, 9), "{web:?}");
    let stuck = cl
        .store()
        .list_ns("Pod", "default")
        .find(|p| p["status"]["phase"] == "Pending")
        .unwrap()
        .clone();
    assert_eq!(
        stuck["status"]["conditions"][0]["message"],
        "0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
    // Scaling down frees room: the pending pods get scheduled.
    let rt = kind::lookup("deploy").unwrap();
    let mut dep = cl.get(rt, "default", "web").unwrap().clone();
    dep["spec"]["replicas"] = json!(100);
    object::remove(&mut dep, &["metadata", "resourceVersion"]);
    cl.update(dep).unwrap();
    cl.advance(30_000);
    let web = pods(&cl, "default");
    assert_eq!(web.len(), 100);
    assert!(web.iter().all(|p| p.1 == "Running"), "{web:?}");
}

#[test]
fn the_scheduler_sees_a_node_change_its_labels_and_be_cordoned() {
    let mut cl = Cluster::new(Profile::kind_workers(2), 6, start());
    let mut d = web_deployment();
    d["spec"]["template"]["spec"]["nodeSelector"] = json!({"disk": "ssd"});
    cl.create(d).unwrap();
    cl.advance(10_000);
    let phases = |cl: &Cluster| -> Vec<(String, Option<String>)> {
        cl.store()
            .list_ns("Pod", "default")
            .map(|p| {
                (
                    object::str_at(p, &["status", "phase"])
                        .unwrap_or("")
                        .to_string(),
                    object::str_at(p, &["spec", "nodeName"]).map(str::to_string),
                )
            })
            .collect()
    };
    assert_eq!(phases(&cl), [("Pending".to_string(), None)]);
    // Labelling a worker (as `kubectl label node`) lets the pod go there.
    let node = |cl: &Cluster, name: &str| cl.store().get_named("Node", "", name).unwrap().clone();
    let mut n = node(&cl, "kind-worker2");
    n["metadata"]["labels"]["disk"] = json!("ssd");
    object::remove(&mut n, &["metadata", "resourceVersion"]);
    cl.update(n).unwrap();
    cl.advance(10_000);
    assert_eq!(
        phases(&cl),
        [("Running".to_string(), Some("kind-worker2".to_string()))]
    );
    // Cordoned (as `kubectl cordon`), it takes no new pod: a replacement stays pending.
    let mut n = node(&cl, "kind-worker2");
    n["spec"]["unschedulable"] = json!(true);
    object::remove(&mut n, &["metadata", "resourceVersion"]);
    cl.update(n).unwrap();
    let pod = object::name(cl.store().list_ns("Pod", "default").next().unwrap()).to_string();
    let rt = kind::lookup("pod").unwrap();
    cl.delete(rt, "default", &pod, DeleteOptions::default())
        .unwrap();
    cl.advance(60_000);
    assert_eq!(phases(&cl), [("Pending".to_string(), None)]);
    let stuck = cl.store().list_ns("Pod", "default").next().unwrap().clone();
    assert_eq!(
        stuck["status"]["conditions"][0]["message"],
        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
}

#[test]
fn a_replicaset_adopts_matching_orphans_and_releases_pods_that_stop_matching() {
    let mut cl = Cluster::new(Profile::kind(), 7, start());
    let bare = |name: &str, app: &str| {
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default", "labels": {"app": app}},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
    };
    cl.create(bare("stray", "web")).unwrap();
    cl.create(bare("lone", "other")).unwrap();
    cl.advance(5_000);
    let rs = json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
    cl.create(rs).unwrap();
    cl.advance(10_000);
    let owner = |cl: &Cluster, name: &str| {
        cl.store()
            .get_named("Pod", "default", name)
            .and_then(|p| object::controller_of(p).map(|(_, n, _)| n.to_string()))
    };
    let web: Vec<String> = cl
        .store()
        .list_ns("Pod", "default")
        .filter(|p| owner(&cl, object::name(p)).as_deref() == Some("web"))
        .map(|p| object::name(p).to_string())
        .collect();
    // The stray pod is adopted, so one more pod is made; the other orphan is left alone.
    assert_eq!(web.len(), 2, "{web:?}");
    assert!(web.contains(&"stray".to_string()), "{web:?}");
    assert_eq!(owner(&cl, "lone"), None);
    // A pod relabelled out of the selector is released, and replaced.
    let mut stray = cl
        .store()
        .get_named("Pod", "default", "stray")
        .unwrap()
        .clone();
    stray["metadata"]["labels"]["app"] = json!("gone");
    object::remove(&mut stray, &["metadata", "resourceVersion"]);
    cl.update(stray).unwrap();
    cl.advance(10_000);
    assert_eq!(owner(&cl, "stray"), None);
    let owned = cl
        .store()
        .list_ns("Pod", "default")
        .filter(|p| owner(&cl, object::name(p)).as_deref() == Some("web"))
        .count();
    assert_eq!(owned, 2);
    let rt = kind::lookup("rs").unwrap();
    let status = &cl.get(rt, "default", "web").unwrap()["status"];
    assert_eq!(status["replicas"], 2, "{status}");
}

#[test]
fn a_batch_of_writes_reaches_the_controllers_together() {
    let mut cl = Cluster::new(Profile::kind(), 5, start());
    let mut d = web_deployment();
    d["spec"]["replicas"] = json!(2);
    cl.create(d).unwrap();
    cl.create(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}})).unwrap();
    cl.advance(60_000);
    let addresses = |cl: &Cluster| {
        let ep = cl.store().get_named("Endpoints", "default", "web").unwrap();
        object::array_at(ep, &["subsets"])
            .iter()
            .map(|s| object::array_at(s, &["addresses"]).len())
            .sum::<usize>()
    };
    assert_eq!(addresses(&cl), 2);
    // Both pods leave the Service's selector in one batch: the Endpoints follow at its end.
    cl.begin_batch();
    let names: Vec<String> = pods(&cl, "default").into_iter().map(|p| p.0).collect();
    for name in &names {
        let mut pod = cl
            .store()
            .get_named("Pod", "default", name)
            .unwrap()
            .clone();
        pod["metadata"]["labels"]["app"] = json!("other");
        object::remove(&mut pod, &["metadata", "resourceVersion"]);
        cl.update(pod).unwrap();
    }
    assert_eq!(addresses(&cl), 2, "the controllers waited for the batch");
    cl.end_batch();
    assert_eq!(addresses(&cl), 0);
    // The ReplicaSet made two new pods for its selector, once the batch ended.
    assert_eq!(pods(&cl, "default").len(), 4);
}

#[test]
fn a_no_execute_taint_evicts_each_pod_with_its_own_event() {
    let mut cl = Cluster::new(Profile::kind(), 8, start());
    let mut d = web_deployment();
    d["spec"]["replicas"] = json!(12);
    cl.create(d).unwrap();
    cl.advance(30_000);
    let mut n = cl
        .store()
        .get_named("Node", "", "kind-control-plane")
        .unwrap()
        .clone();
    let mut taints = n["spec"]["taints"].as_array().cloned().unwrap_or_default();
    taints.push(json!({"key": "maintenance", "effect": "NoExecute"}));
    n["spec"]["taints"] = json!(taints);
    object::remove(&mut n, &["metadata", "resourceVersion"]);
    cl.update(n).unwrap();
    cl.advance(5_000);
    // Each pod has its own "Marking for deletion" event: the controller's events name the pod
    // without its uid, and must not be taken for similar events about one object.
    let marked: Vec<String> = cl
        .store()
        .list_ns("Event", "default")
        .filter(|e| e["reason"] == "TaintManagerEviction")
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(marked.len(), 12, "{marked:?}");
    assert!(marked
        .iter()
        .all(|m| m.starts_with("Marking for deletion Pod default/web-")));
    // The replacements cannot go anywhere.
    let phases: Vec<String> = pods(&cl, "default")
        .into_iter()
        .map(|(_, p, _)| p)
        .collect();
    assert!(phases.iter().all(|p| p == "Pending"), "{phases:?}");
}
