//! The scheduler: binds each pending pod to the feasible node running the fewest pods, or
//! reports why no node fits, in the scheduler's words.

use crate::cluster::Cluster;
use crate::node_affinity::Required;
use crate::object::{self, s, Labels};
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The taint a cordoned node is judged by (`NodeUnschedulable`).
static UNSCHEDULABLE_TAINT: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"effect": "NoSchedule", "key": crate::controllers::node_lifecycle::UNSCHEDULABLE}),
);

fn tolerates(pod: &Value, taint: &Value) -> bool {
    super::node_lifecycle::may_schedule(object::array_at(pod, &["spec", "tolerations"]), taint)
}

/// What the scheduler's filters read of a node, kept while the store holds the version it was
/// read from: each pending pod is weighed against every node, and reading 100 nodes' JSON for
/// each of 10,000 pods was most of the scheduler's time.
#[derive(Clone, Debug)]
pub(crate) struct NodeFit {
    /// The stored version read (held, so it can be compared by address).
    version: Arc<Value>,
    name: String,
    labels: Labels,
    unschedulable: bool,
    taints: Vec<Value>,
    /// `status.allocatable.pods`.
    capacity: usize,
}

impl NodeFit {
    fn of(node: &Arc<Value>) -> NodeFit {
        NodeFit {
            version: Arc::clone(node),
            name: object::name(node).to_string(),
            labels: object::labels(node),
            unschedulable: object::get(node, &["spec", "unschedulable"]).and_then(Value::as_bool)
                == Some(true),
            taints: object::array_at(node, &["spec", "taints"]).to_vec(),
            capacity: object::str_at(node, &["status", "allocatable", "pods"])
                .and_then(|p| p.parse::<usize>().ok())
                .unwrap_or(110),
        }
    }
}

/// The nodes' fits, read again when any node changed, came or went.
fn refresh(cl: &Cluster, fits: &mut Vec<NodeFit>) {
    let same = fits.len() == cl.store.count("Node")
        && cl
            .store
            .list_shared("Node")
            .zip(fits.iter())
            .all(|(n, f)| Arc::ptr_eq(n, &f.version));
    if !same {
        *fits = cl.store.list_shared("Node").map(NodeFit::of).collect();
    }
}

/// Why a node cannot take a pod, as the scheduler's filter plugins say.
fn unfit(
    cl: &Cluster,
    pod: &Value,
    node_selector: &Labels,
    affinity: Option<&Required>,
    node: &NodeFit,
) -> Option<String> {
    // NodeUnschedulable: a pod that tolerates the cordon's taint may go there all the same.
    if node.unschedulable && !tolerates(pod, &UNSCHEDULABLE_TAINT) {
        return Some("node(s) were unschedulable".into());
    }
    // The default profile's filters in order (NodeUnschedulable, TaintToleration, NodeAffinity,
    // NodeResourcesFit): a node is reported by the first that rejects it.
    for t in &node.taints {
        if !tolerates(pod, t) {
            return Some(format!(
                "node(s) had untolerated taint {{{}: {}}}",
                object::str_at(t, &["key"]).unwrap_or(""),
                object::str_at(t, &["value"]).unwrap_or("")
            ));
        }
    }
    if !object::selector_matches(node_selector, &node.labels)
        || !affinity.is_none_or(|a| a.allows(&node.name, &node.labels))
    {
        return Some("node(s) didn't match Pod's node affinity/selector".into());
    }
    if cl.runtime.pods_on(&node.name) >= node.capacity {
        return Some("Too many pods".into());
    }
    None
}

/// Schedules one pod.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let pod = cl.store.get_shared("Pod", key)?;
    if object::str_at(&pod, &["spec", "nodeName"]).is_some() || object::is_terminating(&pod) {
        return None;
    }
    let node_selector = object::string_map(&pod, &["spec", "nodeSelector"]);
    let affinity = Required::of(pod.get("spec").unwrap_or(&Value::Null));
    let mut best: Option<(usize, String)> = None;
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    let mut fits = std::mem::take(&mut *cl.node_fits);
    refresh(cl, &mut fits);
    for node in &fits {
        total += 1;
        if let Some(r) = unfit(cl, &pod, &node_selector, affinity.as_ref(), node) {
            *reasons.entry(r).or_default() += 1;
            continue;
        }
        let load = cl.runtime.pods_on(&node.name);
        if best.as_ref().is_none_or(|(l, _)| load < *l) {
            best = Some((load, node.name.clone()));
        }
    }
    *cl.node_fits = fits;
    let now = cl.now.rfc3339();
    match best {
        Some((_, node)) => {
            let mut pod2 = Value::clone(&pod);
            object::set(&mut pod2, &["spec", "nodeName"], s(node.clone()));
            object::set(
                &mut pod2,
                &["status", "conditions"],
                json!([{"lastProbeTime": null, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"}]),
            );
            cl.runtime.assign(&node);
            cl.write(pod2);
            let msg = format!(
                "Successfully assigned {}/{} to {node}",
                key.namespace, key.name
            );
            crate::events::record(cl, &pod, "Normal", "Scheduled", &msg, "default-scheduler");
        }
        None => {
            let why: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
            cl.unschedulable.insert(key.clone());
            let msg = format!(
                "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.",
                why.join(", ")
            );
            let already = object::array_at(&pod, &["status", "conditions"])
                .iter()
                .any(|c| object::str_at(c, &["message"]) == Some(msg.as_str()));
            if !already {
                // Copied only to write: a pod that does not fit is tried again each time
                // capacity may have freed, mostly with the same outcome.
                let mut pod2 = Value::clone(&pod);
                object::set(
                    &mut pod2,
                    &["status", "conditions"],
                    json!([{"lastProbeTime": null, "lastTransitionTime": now, "message": msg, "reason": "Unschedulable", "status": "False", "type": "PodScheduled"}]),
                );
                cl.write(pod2);
                crate::events::record(
                    cl,
                    &pod,
                    "Warning",
                    "FailedScheduling",
                    &msg,
                    "default-scheduler",
                );
            }
        }
    }
    None
}
