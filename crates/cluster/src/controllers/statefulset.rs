//! The StatefulSet controller: pods `<name>-0`, `<name>-1`, ... created in order, each once the
//! one before is ready (OrderedReady), and removed from the highest ordinal down.

use super::replicaset::{is_active, is_ready, pod_from_template};
use crate::cluster::Cluster;
use crate::object::{self, s};
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// Reconciles one StatefulSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let sts = cl.store.get("StatefulSet", key)?.clone();
    if object::is_terminating(&sts) {
        return None;
    }
    let name = object::name(&sts).to_string();
    let uid = object::uid(&sts).to_string();
    let want = object::i64_at(&sts, &["spec", "replicas"])
        .unwrap_or(1)
        .max(0);
    let parallel = object::str_at(&sts, &["spec", "podManagementPolicy"]) == Some("Parallel");
    let service = object::str_at(&sts, &["spec", "serviceName"])
        .unwrap_or("")
        .to_string();
    let template = object::get(&sts, &["spec", "template"])
        .cloned()
        .unwrap_or(json!({}));
    let owned = |cl: &Cluster| -> Vec<Value> {
        cl.store
            .list_ns("Pod", &key.namespace)
            .filter(|p| object::controller_of(p).is_some_and(|(_, _, u)| u == uid))
            .cloned()
            .collect()
    };
    let ordinal = |p: &Value| -> Option<i64> {
        object::name(p)
            .strip_prefix(&format!("{name}-"))?
            .parse()
            .ok()
    };
    let pods = owned(cl);
    // Create missing ordinals in order.
    for i in 0..want {
        let pod_name = format!("{name}-{i}");
        let existing = pods.iter().find(|p| object::name(p) == pod_name);
        match existing {
            Some(p) if is_active(p) => {
                if !parallel && !is_ready(p) {
                    break;
                }
            }
            Some(_) => break, // terminating: wait for it to go
            None => {
                let mut pod = pod_from_template(&sts, &template, "");
                object::remove(&mut pod, &["metadata", "generateName"]);
                object::set(&mut pod, &["metadata", "name"], s(pod_name.clone()));
                object::set(
                    &mut pod,
                    &["metadata", "labels", "statefulset.kubernetes.io/pod-name"],
                    s(pod_name.clone()),
                );
                object::set(
                    &mut pod,
                    &["metadata", "labels", "apps.kubernetes.io/pod-index"],
                    s(i.to_string()),
                );
                object::set(&mut pod, &["spec", "hostname"], s(pod_name.clone()));
                if !service.is_empty() {
                    object::set(&mut pod, &["spec", "subdomain"], s(service.clone()));
                }
                if cl.create_made(pod).is_ok() {
                    let msg = format!("create Pod {pod_name} in StatefulSet {name} successful");
                    crate::events::record(
                        cl,
                        &sts,
                        "Normal",
                        "SuccessfulCreate",
                        &msg,
                        "statefulset-controller",
                    );
                }
                if !parallel {
                    break;
                }
            }
        }
    }
    // Remove ordinals beyond the count, highest first, one at a time.
    let mut extra: Vec<Value> = pods
        .iter()
        .filter(|p| ordinal(p).is_some_and(|o| o >= want) && is_active(p))
        .cloned()
        .collect();
    crate::sort::sort_by_key(&mut extra, |p| std::cmp::Reverse(ordinal(p)));
    if let Some(p) = extra.first() {
        let terminating = pods.iter().any(object::is_terminating);
        if parallel || !terminating {
            let pod_name = object::name(p).to_string();
            if let Some(rt) = crate::kind::by_kind("Pod") {
                let _ = cl.delete_unsettled(rt, &key.namespace, &pod_name, Default::default());
                let msg = format!("delete Pod {pod_name} in StatefulSet {name} successful");
                crate::events::record(
                    cl,
                    &sts,
                    "Normal",
                    "SuccessfulDelete",
                    &msg,
                    "statefulset-controller",
                );
            }
        }
    }
    let pods = owned(cl);
    let active: Vec<&Value> = pods.iter().filter(|p| is_active(p)).collect();
    let ready = active.iter().filter(|p| is_ready(p)).count() as i64;
    let mut status = json!({
        "availableReplicas": ready,
        "collisionCount": 0,
        "currentReplicas": active.len() as i64,
        "observedGeneration": object::i64_at(&sts, &["metadata", "generation"]).unwrap_or(1),
        "replicas": active.len() as i64,
        "updatedReplicas": active.len() as i64,
    });
    if ready > 0 {
        object::set(&mut status, &["readyReplicas"], json!(ready));
    }
    if let Some(fresh) = cl.store.get("StatefulSet", key) {
        if fresh.get("status") != Some(&status) {
            let mut f = fresh.clone();
            object::set(&mut f, &["status"], status);
            cl.write(f);
        }
    }
    None
}
