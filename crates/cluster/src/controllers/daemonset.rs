//! The DaemonSet controller: one pod on every node that can run it.

use super::replicaset::{is_active, is_ready, pod_from_template};
use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The active pods of a DaemonSet, read in place: with a hundred nodes, a sync must not copy
/// a hundred pods twice.
fn owned_pods<'a>(
    cl: &'a Cluster,
    namespace: &str,
    uid: &'a str,
) -> impl Iterator<Item = &'a Value> + 'a {
    cl.store
        .list_ns("Pod", namespace)
        .filter(move |p| object::controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_active(p))
}

/// The tolerations the DaemonSet controller gives its pods (`AddOrUpdateDaemonPodTolerations`):
/// they survive node problems and a cordon. Each is added unless the spec has it already.
fn add_daemon_tolerations(spec: &mut Value) {
    let host_network = spec.get("hostNetwork").and_then(Value::as_bool) == Some(true);
    let mut wanted = vec![
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if host_network {
        wanted.push(("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    let mut tolerations = object::array_at(spec, &["tolerations"]).to_vec();
    for (key, effect) in wanted {
        let same = |t: &Value| {
            object::str_at(t, &["key"]) == Some(key)
                && object::str_at(t, &["effect"]) == Some(effect)
                && object::str_at(t, &["operator"]) == Some("Exists")
                && object::str_at(t, &["value"]).unwrap_or("").is_empty()
        };
        let toleration = json!({"effect": effect, "key": key, "operator": "Exists"});
        match tolerations.iter_mut().find(|t| same(t)) {
            Some(t) => *t = toleration,
            None => tolerations.push(toleration),
        }
    }
    object::set(spec, &["tolerations"], Value::Array(tolerations));
}

/// Reconciles one DaemonSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let ds = cl.store.get("DaemonSet", key)?.clone();
    if object::is_terminating(&ds) {
        return None;
    }
    let uid = object::uid(&ds).to_string();
    let mut template = object::get(&ds, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    if let Some(spec) = template.get_mut("spec") {
        add_daemon_tolerations(spec);
    }
    // The nodes the DaemonSet's pods may run on (`NodeShouldRunDaemonPod`): its node selector
    // matches, and it tolerates their NoSchedule and NoExecute taints.
    let selector = object::string_map(&template, &["spec", "nodeSelector"]);
    let tolerations = object::array_at(&template, &["spec", "tolerations"]).to_vec();
    let affinity = crate::node_affinity::Required::of(template.get("spec").unwrap_or(&Value::Null));
    let nodes: Vec<String> = cl
        .store
        .list("Node")
        .filter(|n| {
            let labels = object::labels(n);
            object::selector_matches(&selector, &labels)
                && affinity
                    .as_ref()
                    .is_none_or(|a| a.allows(object::name(n), &labels))
        })
        .filter(|n| {
            object::array_at(n, &["spec", "taints"])
                .iter()
                .all(|t| super::node_lifecycle::may_schedule(&tolerations, t))
        })
        .map(|n| object::name(n).to_string())
        .collect();
    let on_nodes: BTreeSet<String> = owned_pods(cl, &key.namespace, &uid)
        .filter_map(|p| object::str_at(p, &["spec", "nodeName"]))
        .map(str::to_string)
        .collect();
    // The labels the controller adds to its pods (`util.CreatePodTemplate`): the hash of the
    // current revision and the DaemonSet's generation.
    let collisions = object::i64_at(&ds, &["status", "collisionCount"]);
    let stored = object::get(&ds, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    let revision_hash = super::deployment::template_hash(&stored, collisions);
    let generation = object::i64_at(&ds, &["metadata", "generation"]).unwrap_or(1);
    for node in &nodes {
        if on_nodes.contains(node) {
            continue;
        }
        let mut pod = pod_from_template(&ds, &template, &format!("{}-", object::name(&ds)));
        // Pinned to its node by affinity (`ReplaceDaemonSetPodNodeNameNodeAffinity`), and
        // bound there at once.
        object::set(
            &mut pod,
            &[
                "spec",
                "affinity",
                "nodeAffinity",
                "requiredDuringSchedulingIgnoredDuringExecution",
            ],
            json!({"nodeSelectorTerms": [{"matchFields": [
                {"key": "metadata.name", "operator": "In", "values": [node]}
            ]}]}),
        );
        object::set(&mut pod, &["spec", "nodeName"], json!(node));
        for (k, v) in [
            ("controller-revision-hash", revision_hash.clone()),
            ("pod-template-generation", generation.to_string()),
        ] {
            object::set(&mut pod, &["metadata", "labels", k], json!(v));
        }
        if let Ok(p) = cl.create_made(pod) {
            let msg = format!("Created pod: {}", object::name(&p));
            crate::events::record(
                cl,
                &ds,
                "Normal",
                "SuccessfulCreate",
                &msg,
                "daemonset-controller",
            );
        }
    }
    let (scheduled, ready) = owned_pods(cl, &key.namespace, &uid)
        .fold((0i64, 0i64), |(all, ready), p| {
            (all + 1, ready + i64::from(is_ready(p)))
        });
    let n = nodes.len() as i64;
    let mut status = json!({
        "currentNumberScheduled": scheduled,
        "desiredNumberScheduled": n,
        "numberMisscheduled": 0,
        "numberReady": ready,
        "observedGeneration": object::i64_at(&ds, &["metadata", "generation"]).unwrap_or(1),
        "updatedNumberScheduled": scheduled,
    });
    if ready > 0 {
        object::set(&mut status, &["numberAvailable"], json!(ready));
    }
    if n - ready > 0 {
        object::set(&mut status, &["numberUnavailable"], json!(n - ready));
    }
    if ds.get("status") != Some(&status) {
        let mut ds2 = ds.clone();
        object::set(&mut ds2, &["status"], status);
        cl.write(ds2);
    }
    None
}
