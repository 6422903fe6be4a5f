//! Two loops of kube-controller-manager that act on a node's taints: the node lifecycle
//! controller taints a cordoned node `node.kubernetes.io/unschedulable:NoSchedule` (and takes
//! the taint off when it is uncordoned), and the taint-eviction-controller deletes each pod on
//! a node with a `NoExecute` taint the pod does not tolerate: at once, or when the shortest
//! `tolerationSeconds` of the tolerations it uses runs out, counted from when it first saw
//! the taint (a taint removed meanwhile cancels it). It marks the pod's `DisruptionTarget`
//! condition first.

use crate::cluster::Cluster;
use crate::events::{self, Source};
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// The taint a cordoned node carries.
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";

/// Whether `toleration` tolerates `taint` (`Toleration.ToleratesTaint`).
pub fn tolerates(toleration: &Value, taint: &Value) -> bool {
    let s = |v: &Value, k: &str| object::str_at(v, &[k]).unwrap_or("").to_string();
    let effect = s(toleration, "effect");
    if !effect.is_empty() && effect != s(taint, "effect") {
        return false;
    }
    let key = s(toleration, "key");
    if !key.is_empty() && key != s(taint, "key") {
        return false;
    }
    match object::str_at(toleration, &["operator"]).unwrap_or("Equal") {
        "Exists" => true,
        "Equal" | "" => s(toleration, "value") == s(taint, "value"),
        _ => false,
    }
}

/// Whether a pod with `tolerations` may be placed on a node with `taint` (the scheduler's
/// TaintToleration filter; PreferNoSchedule only weighs in scoring).
pub fn may_schedule(tolerations: &[Value], taint: &Value) -> bool {
    object::str_at(taint, &["effect"]) == Some("PreferNoSchedule")
        || tolerations.iter().any(|t| tolerates(t, taint))
}

/// Reconciles one node.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let mut node = cl.store.get("Node", key)?.clone();
    let cordoned =
        object::get(&node, &["spec", "unschedulable"]).and_then(Value::as_bool) == Some(true);
    let mut taints = object::array_at(&node, &["spec", "taints"]).to_vec();
    let is_unschedulable = |t: &Value| {
        object::str_at(t, &["key"]) == Some(UNSCHEDULABLE)
            && object::str_at(t, &["effect"]) == Some("NoSchedule")
    };
    if cordoned != taints.iter().any(is_unschedulable) {
        if cordoned {
            taints.push(json!({
                "effect": "NoSchedule",
                "key": UNSCHEDULABLE,
                "timeAdded": cl.now.rfc3339(),
            }));
        } else {
            taints.retain(|t| !is_unschedulable(t));
        }
        if taints.is_empty() {
            object::remove(&mut node, &["spec", "taints"]);
        } else {
            object::set(&mut node, &["spec", "taints"], Value::Array(taints.clone()));
        }
        cl.write(node);
    }
    evict(cl, &key.name, &taints)
}

/// The taint-eviction pass over the pods of `node`; returns when the next eviction is due.
fn evict(cl: &mut Cluster, node: &str, taints: &[Value]) -> Option<Time> {
    let now = cl.now;
    // Pods deleted meanwhile are forgotten.
    let store = &cl.store;
    cl.evictions.retain(|k, _| store.get("Pod", k).is_some());
    let no_execute: Vec<&Value> = taints
        .iter()
        .filter(|t| object::str_at(t, &["effect"]) == Some("NoExecute"))
        .collect();
    // Without NoExecute taints a pod is only looked at to cancel its eviction: a node change
    // (a label, a cordon) with none pending walks no pods.
    if no_execute.is_empty() && cl.evictions.is_empty() {
        return None;
    }
    let pods: Vec<Value> = cl
        .store
        .list("Pod")
        .filter(|p| object::str_at(p, &["spec", "nodeName"]) == Some(node))
        .filter(|p| !object::is_terminating(p))
        .cloned()
        .collect();
    let mut next: Option<Time> = None;
    for pod in pods {
        let pod_key = ObjKey::of(&pod);
        let tolerations = object::array_at(&pod, &["spec", "tolerations"]);
        // Each NoExecute taint's first toleration (GetMatchingTolerations).
        let used: Option<Vec<&Value>> = no_execute
            .iter()
            .map(|t| tolerations.iter().find(|tol| tolerates(tol, t)))
            .collect();
        let due = match used {
            None => Some(now),
            Some(used) if used.is_empty() => None,
            Some(used) => {
                let secs: Vec<i64> = used
                    .iter()
                    .filter_map(|t| object::i64_at(t, &["tolerationSeconds"]))
                    .collect();
                match secs.iter().min() {
                    None => None,
                    Some(min) if *min <= 0 => Some(now),
                    Some(min) => {
                        // Counted for this pod, not an earlier one of the same name.
                        let since = cl
                            .evictions
                            .get(&pod_key)
                            .filter(|(uid, _)| uid == object::uid(&pod))
                            .map_or(now, |(_, t)| *t);
                        Some(since.plus(min.saturating_mul(1000)))
                    }
                }
            }
        };
        let Some(due) = due else {
            if cl.evictions.remove(&pod_key).is_some() {
                record(cl, &pod_key, "Cancelling deletion of Pod");
            }
            continue;
        };
        if due > now {
            let uid = object::uid(&pod).to_string();
            let since = match cl.evictions.get(&pod_key) {
                Some((u, t)) if *u == uid => *t,
                _ => now,
            };
            cl.evictions.insert(pod_key, (uid, since));
            next = Some(next.map_or(due, |n: Time| n.min(due)));
            continue;
        }
        cl.evictions.remove(&pod_key);
        record(cl, &pod_key, "Marking for deletion Pod");
        // The pod is marked a disruption target, then deleted (`addConditionAndDeletePod`).
        let mut marked = pod.clone();
        let mut conditions = object::array_at(&pod, &["status", "conditions"]).to_vec();
        conditions.retain(|c| object::str_at(c, &["type"]) != Some("DisruptionTarget"));
        conditions.push(json!({
            "lastProbeTime": null,
            "lastTransitionTime": now.rfc3339(),
            "message": "Taint manager: deleting due to NoExecute taint",
            "reason": "DeletionByTaintManager",
            "status": "True",
            "type": "DisruptionTarget",
        }));
        object::set(
            &mut marked,
            &["status", "conditions"],
            Value::Array(conditions),
        );
        cl.write(marked);
        if let Some(rt) = crate::kind::by_kind("Pod") {
            let _ = cl.delete_unsettled(rt, &pod_key.namespace, &pod_key.name, Default::default());
        }
    }
    next
}

/// The controller's event: about the pod by name only (its reference carries no uid, so
/// `kubectl describe pod` does not show it; `kubectl get events` does).
fn record(cl: &mut Cluster, pod: &ObjKey, what: &str) {
    let involved = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": pod.name, "namespace": pod.namespace},
    });
    let message = format!("{what} {}/{}", pod.namespace, pod.name);
    events::record_from(
        cl,
        &involved,
        "Normal",
        "TaintManagerEviction",
        &message,
        Source {
            component: "taint-eviction-controller",
            host: None,
            field_path: None,
        },
    );
}
