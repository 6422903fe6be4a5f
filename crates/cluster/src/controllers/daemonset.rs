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

/// Reconciles one DaemonSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let ds = cl.store.get("DaemonSet", key)?.clone();
    if object::is_terminating(&ds) {
        return None;
    }
    let uid = object::uid(&ds).to_string();
    let nodes: Vec<String> = cl
        .store
        .list("Node")
        .map(|n| object::name(n).to_string())
        .collect();
    let on_nodes: BTreeSet<String> = owned_pods(cl, &key.namespace, &uid)
        .filter_map(|p| object::str_at(p, &["spec", "nodeName"]))
        .map(str::to_string)
        .collect();
    let template = ds.pointer("/spec/template").cloned().unwrap_or(json!({}));
    // The labels the controller adds to its pods (`util.CreatePodTemplate`): the hash of the
    // current revision and the DaemonSet's generation.
    let collisions = object::i64_at(&ds, &["status", "collisionCount"]);
    let revision_hash = super::deployment::template_hash(&template, collisions);
    let generation = object::i64_at(&ds, &["metadata", "generation"]).unwrap_or(1);
    for node in &nodes {
        if on_nodes.contains(node) {
            continue;
        }
        let mut pod = pod_from_template(&ds, &template, &format!("{}-", object::name(&ds)));
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
