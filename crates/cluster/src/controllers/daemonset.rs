//! The DaemonSet controller: one pod on every node that can run it.

use super::replicaset::{is_active, is_ready, pod_from_template};
use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::json;

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
    let pods: Vec<serde_json::Value> = cl
        .store
        .list_ns("Pod", &key.namespace)
        .filter(|p| object::controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_active(p))
        .cloned()
        .collect();
    let template = ds.pointer("/spec/template").cloned().unwrap_or(json!({}));
    // The labels the controller adds to its pods (`util.CreatePodTemplate`): the hash of the
    // current revision and the DaemonSet's generation.
    let collisions = object::i64_at(&ds, &["status", "collisionCount"]);
    let revision_hash = super::deployment::template_hash(&template, collisions);
    let generation = object::i64_at(&ds, &["metadata", "generation"]).unwrap_or(1);
    for node in &nodes {
        if pods
            .iter()
            .any(|p| object::str_at(p, &["spec", "nodeName"]) == Some(node.as_str()))
        {
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
        if let Ok(p) = cl.create_unsettled(pod) {
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
    let pods: Vec<serde_json::Value> = cl
        .store
        .list_ns("Pod", &key.namespace)
        .filter(|p| object::controller_of(p).is_some_and(|(_, _, u)| u == uid) && is_active(p))
        .cloned()
        .collect();
    let n = nodes.len() as i64;
    let ready = pods.iter().filter(|p| is_ready(p)).count() as i64;
    let mut status = json!({
        "currentNumberScheduled": pods.len() as i64,
        "desiredNumberScheduled": n,
        "numberMisscheduled": 0,
        "numberReady": ready,
        "observedGeneration": object::i64_at(&ds, &["metadata", "generation"]).unwrap_or(1),
        "updatedNumberScheduled": pods.len() as i64,
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
