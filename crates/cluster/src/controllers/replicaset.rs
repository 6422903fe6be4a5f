//! The ReplicaSet controller: keeps `spec.replicas` active pods that match the selector.

use super::deployment::owner_ref;
use crate::cluster::Cluster;
use crate::object::{self, Object};
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// Whether a pod counts toward a controller's replicas (`controller.IsPodActive`).
pub fn is_active(pod: &Value) -> bool {
    !object::is_terminating(pod)
        && !matches!(
            object::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        )
}

/// Whether the pod's Ready condition is True.
pub fn is_ready(pod: &Value) -> bool {
    object::array_at(pod, &["status", "conditions"])
        .iter()
        .any(|c| {
            object::str_at(c, &["type"]) == Some("Ready")
                && object::str_at(c, &["status"]) == Some("True")
        })
}

/// The pod of a template, as `controller.GetPodFromTemplate` builds it.
pub fn pod_from_template(owner: &Value, template: &Value, generate_name: &str) -> Value {
    let mut meta = json!({
        "generateName": generate_name,
        "namespace": object::namespace(owner),
        "ownerReferences": [owner_ref(owner)],
    });
    if let Some(l) = template.pointer("/metadata/labels") {
        object::set(&mut meta, &["labels"], l.clone());
    }
    if let Some(a) = template.pointer("/metadata/annotations") {
        object::set(&mut meta, &["annotations"], a.clone());
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or(json!({})),
    })
}

/// The order in which surplus pods are deleted (`ActivePodsWithRanks`): the least useful first.
fn deletion_rank(pod: &Value) -> (u8, u8, u8, std::cmp::Reverse<String>) {
    let scheduled = u8::from(object::str_at(pod, &["spec", "nodeName"]).is_some());
    let phase = match object::str_at(pod, &["status", "phase"]) {
        Some("Pending") => 0,
        Some("Unknown") => 1,
        _ => 2,
    };
    let created = object::str_at(pod, &["metadata", "creationTimestamp"])
        .unwrap_or("")
        .to_string();
    (
        scheduled,
        phase,
        u8::from(is_ready(pod)),
        std::cmp::Reverse(created),
    )
}

/// Reconciles one ReplicaSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let rs = cl.store.get("ReplicaSet", key)?.clone();
    if object::is_terminating(&rs) {
        return None;
    }
    let uid = object::uid(&rs).to_string();
    let selector = rs.pointer("/spec/selector").cloned().unwrap_or(Value::Null);
    // Claim pods: adopt matching orphans, release owned pods that stopped matching.
    let mut owned: Vec<Object> = Vec::new();
    let mut adopt: Vec<Object> = Vec::new();
    let mut release: Vec<Object> = Vec::new();
    for pod in cl.store.list_ns("Pod", &key.namespace) {
        let matches = object::label_selector_matches(&selector, &object::labels(pod));
        match object::controller_of(pod) {
            Some((_, _, u)) if u == uid => {
                if matches {
                    owned.push(pod.clone());
                } else {
                    release.push(pod.clone());
                }
            }
            None if matches && is_active(pod) => adopt.push(pod.clone()),
            _ => {}
        }
    }
    for mut pod in release {
        object::set(&mut pod, &["metadata", "ownerReferences"], json!([]));
        object::remove(&mut pod, &["metadata", "ownerReferences"]);
        cl.write(pod);
    }
    for mut pod in adopt {
        let refs = object::object_mut(&mut pod, &["metadata"])
            .entry("ownerReferences")
            .or_insert_with(|| json!([]));
        if let Value::Array(r) = refs {
            r.push(owner_ref(&rs));
        }
        owned.push(pod.clone());
        cl.write(pod);
    }
    let mut active: Vec<Object> = owned.iter().filter(|p| is_active(p)).cloned().collect();
    let want = object::i64_at(&rs, &["spec", "replicas"])
        .unwrap_or(1)
        .max(0) as usize;
    let rs_name = object::name(&rs).to_string();
    if active.len() < want {
        let template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        let mut made = Vec::new();
        for _ in active.len()..want {
            let pod = pod_from_template(&rs, &template, &format!("{rs_name}-"));
            match cl.create_unsettled(pod) {
                Ok(p) => made.push(p),
                Err(e) => {
                    crate::events::record(
                        cl,
                        &rs,
                        "Warning",
                        "FailedCreate",
                        &format!("Error creating: {e}"),
                        "replicaset-controller",
                    );
                    break;
                }
            }
        }
        for p in &made {
            crate::events::record(
                cl,
                &rs,
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {}", object::name(p)),
                "replicaset-controller",
            );
        }
        active.extend(made);
    } else if active.len() > want {
        active.sort_by_key(deletion_rank);
        let surplus = active.len() - want;
        let doomed: Vec<Object> = active.drain(..surplus).collect();
        for pod in doomed {
            let name = object::name(&pod).to_string();
            let rt = crate::kind::by_kind("Pod");
            if let Some(rt) = rt {
                let _ = cl.delete_unsettled(rt, &key.namespace, &name, Default::default());
            }
            crate::events::record(
                cl,
                &rs,
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {name}"),
                "replicaset-controller",
            );
        }
    }
    // Status, from the pods that are left.
    let current: Vec<&Object> = active.iter().collect();
    let ready = current.iter().filter(|p| is_ready(p)).count() as i64;
    let labels_template = object::string_map(&rs, &["spec", "template", "metadata", "labels"]);
    let fully = current
        .iter()
        .filter(|p| object::selector_matches(&labels_template, &object::labels(p)))
        .count() as i64;
    let mut status = json!({
        "observedGeneration": object::i64_at(&rs, &["metadata", "generation"]).unwrap_or(1),
        "replicas": current.len() as i64,
    });
    for (k, v) in [
        ("fullyLabeledReplicas", fully),
        ("readyReplicas", ready),
        ("availableReplicas", ready),
    ] {
        if v != 0 {
            object::set(&mut status, &[k], json!(v));
        }
    }
    if let Some(fresh) = cl.store.get("ReplicaSet", key) {
        if fresh.get("status") != Some(&status) {
            let mut rs2 = fresh.clone();
            object::set(&mut rs2, &["status"], status);
            cl.write(rs2);
        }
    }
    None
}
