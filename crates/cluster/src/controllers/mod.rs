//! The controllers of kube-controller-manager, the scheduler and the kubelet: each a reconcile
//! function over one object, fed by the store's change log as informers feed real controllers.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod endpoints;
pub mod gc;
pub mod job;
pub mod namespace;
pub mod node_lifecycle;
pub mod replicaset;
pub mod scheduler;
pub mod statefulset;

use crate::cluster::{Cluster, WorkItem};
use crate::object;
use crate::store::{Change, ObjKey, Store};
use crate::time::Time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Which control loop a work item is for; the order is the order they run in within a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Controller {
    /// Namespace lifecycle, default service accounts and root CA config maps.
    Namespace,
    /// A cordoned node's taint, and pods evicted by `NoExecute` taints.
    NodeLifecycle,
    /// Deployment -> ReplicaSets.
    Deployment,
    /// ReplicaSet -> Pods.
    ReplicaSet,
    /// DaemonSet -> one Pod per node.
    DaemonSet,
    /// StatefulSet -> ordered Pods.
    StatefulSet,
    /// Binds pods to nodes.
    Scheduler,
    /// Runs pods on their node.
    Kubelet,
    /// Service -> Endpoints.
    Endpoints,
    /// Job -> Pods until enough succeed (last: a round runs the others first, as before).
    Job,
    /// CronJob -> a Job each time its schedule fires.
    CronJob,
}

/// Runs one reconcile; returns when it wants to run again for the same key, if ever.
pub fn reconcile(cluster: &mut Cluster, controller: Controller, key: &ObjKey) -> Option<Time> {
    match controller {
        Controller::Namespace => namespace::reconcile(cluster, key),
        Controller::NodeLifecycle => node_lifecycle::reconcile(cluster, key),
        Controller::Deployment => deployment::reconcile(cluster, key),
        Controller::ReplicaSet => replicaset::reconcile(cluster, key),
        Controller::DaemonSet => daemonset::reconcile(cluster, key),
        Controller::StatefulSet => statefulset::reconcile(cluster, key),
        Controller::Scheduler => scheduler::reconcile(cluster, key),
        Controller::Kubelet => crate::kubelet::reconcile(cluster, key),
        Controller::Endpoints => endpoints::reconcile(cluster, key),
        Controller::Job => job::reconcile(cluster, key),
        Controller::CronJob => cronjob::reconcile(cluster, key),
    }
}

/// Maps a store change to the work it causes, as each controller's event handlers do: adds it
/// to `work`. Pods that did not fit are tried again (taken from `unschedulable`) when a change
/// frees capacity. Reads the store only, so the change log is read in place.
pub fn dispatch(
    store: &Store,
    unschedulable: &mut BTreeSet<ObjKey>,
    change: &Change,
    work: &mut Vec<WorkItem>,
) {
    let key = change.key.clone();
    let obj = store.get(&change.kind, &key).or(change.last.as_deref());
    // A stored pod's owner and labels come from its facts, not its JSON (each of 10,000 pods
    // changes several times as it starts).
    let facts = (change.kind == "Pod")
        .then(|| store.pod_facts(&key))
        .flatten()
        .filter(|f| obj.is_some_and(|o| std::ptr::from_ref(o) as usize == f.object));
    let owner = match facts {
        Some(f) => f
            .controller
            .as_ref()
            .map(|c| (c.kind.clone(), c.name.clone())),
        None => obj
            .and_then(object::controller_of)
            .map(|(k, n, _)| (k.to_string(), n.to_string())),
    };
    match change.kind.as_str() {
        "Namespace" => work.push((Controller::Namespace, key.clone())),
        "Deployment" => work.push((Controller::Deployment, key.clone())),
        "ReplicaSet" => {
            work.push((Controller::ReplicaSet, key.clone()));
            if let Some((kind, name)) = &owner {
                if kind == "Deployment" {
                    work.push((Controller::Deployment, ObjKey::new(&key.namespace, name)));
                }
            }
        }
        "DaemonSet" => work.push((Controller::DaemonSet, key.clone())),
        "StatefulSet" => work.push((Controller::StatefulSet, key.clone())),
        "Job" => {
            work.push((Controller::Job, key.clone()));
            if let Some((kind, name)) = &owner {
                if kind == "CronJob" {
                    work.push((Controller::CronJob, ObjKey::new(&key.namespace, name)));
                }
            }
        }
        "CronJob" => work.push((Controller::CronJob, key.clone())),
        "Node" => {
            work.push((Controller::NodeLifecycle, key.clone()));
            for ds in store.list("DaemonSet") {
                work.push((Controller::DaemonSet, ObjKey::of(ds)));
            }
        }
        "Service" => work.push((Controller::Endpoints, key.clone())),
        "Pod" => {
            if let Some((kind, name)) = &owner {
                let owner_key = ObjKey::new(&key.namespace, name);
                match kind.as_str() {
                    "ReplicaSet" => {
                        // A Recreate rollout waits for the last old pod to be gone.
                        let gone = change.change == crate::store::ChangeType::Deleted;
                        let deployment = store
                            .get("ReplicaSet", &owner_key)
                            .and_then(object::controller_of)
                            .filter(|(k, _, _)| gone && *k == "Deployment")
                            .map(|(_, n, _)| ObjKey::new(&key.namespace, n));
                        if let Some(d) = deployment {
                            work.push((Controller::Deployment, d));
                        }
                        work.push((Controller::ReplicaSet, owner_key));
                    }
                    "DaemonSet" => work.push((Controller::DaemonSet, owner_key)),
                    "StatefulSet" => work.push((Controller::StatefulSet, owner_key)),
                    "Job" => work.push((Controller::Job, owner_key)),
                    _ => {}
                }
            }
            if let Some(pod) = obj {
                let labels = match facts {
                    Some(f) => std::sync::Arc::clone(&f.labels),
                    None => std::sync::Arc::new(object::labels(pod)),
                };
                if owner.is_none() {
                    // An orphan may be adopted by a ReplicaSet whose selector matches it.
                    for rs in store.list_ns("ReplicaSet", &key.namespace) {
                        if let Some(sel) = object::get(rs, &["spec", "selector"]) {
                            if object::label_selector_matches(sel, &labels) {
                                work.push((Controller::ReplicaSet, ObjKey::of(rs)));
                            }
                        }
                    }
                }
                for svc in store.list_ns("Service", &key.namespace) {
                    let sel = object::string_map(svc, &["spec", "selector"]);
                    if sel.is_empty() {
                        continue;
                    }
                    let now = object::selector_matches(&sel, &labels);
                    let before = change
                        .old_labels
                        .as_ref()
                        .is_some_and(|l| object::selector_matches(&sel, l));
                    if now || before {
                        work.push((Controller::Endpoints, ObjKey::of(svc)));
                    }
                }
            }
            if change.status_only {
                // The kubelet's own status write: like the kubelet's pod config, which ignores
                // updates that change only the status, neither it nor the scheduler looks again.
            } else if store.get("Pod", &key).is_some() {
                let node = obj.and_then(|p| object::str_at(p, &["spec", "nodeName"]));
                let scheduled = node.is_some();
                // A pod on a node with NoExecute taints: the taint-eviction-controller looks.
                let node_key = node.map(|n| ObjKey::new("", n));
                let no_execute = node_key
                    .as_ref()
                    .and_then(|k| store.get("Node", k))
                    .is_some_and(|n| {
                        object::array_at(n, &["spec", "taints"])
                            .iter()
                            .any(|t| object::str_at(t, &["effect"]) == Some("NoExecute"))
                    });
                if let (true, Some(k)) = (no_execute, node_key) {
                    work.push((Controller::NodeLifecycle, k));
                }
                work.push((
                    if scheduled {
                        Controller::Kubelet
                    } else {
                        Controller::Scheduler
                    },
                    key.clone(),
                ));
            } else {
                work.push((Controller::Kubelet, key.clone()));
            }
        }
        _ => {}
    }
    if change.kind != "Namespace" && !key.namespace.is_empty() {
        if let Some(ns) = store.get_named("Namespace", "", &key.namespace) {
            if object::is_terminating(ns) {
                work.push((Controller::Namespace, ObjKey::new("", &key.namespace)));
            }
        }
    }
    let frees_capacity = change.kind == "Node"
        || change.kind == "Pod" && change.change == crate::store::ChangeType::Deleted;
    if frees_capacity {
        // Capacity may have freed up: pods that did not fit are scheduled again.
        for key in std::mem::take(unschedulable) {
            work.push((Controller::Scheduler, key));
        }
    }
}
