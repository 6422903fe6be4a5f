//! The endpoints controller: a Service's Endpoints list the ready (and not-ready) addresses of
//! the pods its selector matches, with each port's target resolved.

use crate::cluster::Cluster;
use crate::object::{self, Labels};
use crate::pod_facts::LabelMemo;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// The container port a service port's `targetPort` names (a number, or a named container port).
pub fn resolve_target_port(pod: &Value, target: &Value) -> Option<i64> {
    match target {
        Value::Number(n) => n.as_i64(),
        Value::String(name) => {
            if let Ok(n) = name.parse::<i64>() {
                return Some(n);
            }
            object::array_at(pod, &["spec", "containers"])
                .iter()
                .flat_map(|c| object::array_at(c, &["ports"]))
                .find(|p| object::str_at(p, &["name"]) == Some(name.as_str()))
                .and_then(|p| object::i64_at(p, &["containerPort"]))
        }
        _ => None,
    }
}

/// The pods of `namespace` that `selector` selects, in name order, matched on the labels the
/// store keeps beside each pod: a label change of one pod re-syncs every Service of its
/// namespace, which must not read every pod's JSON each time.
fn selected_pods<'a>(
    cl: &'a Cluster,
    namespace: &str,
    selector: &'a Labels,
) -> impl Iterator<Item = &'a Value> + 'a {
    let mut memo = LabelMemo::new();
    cl.store
        .pod_facts_ns(namespace)
        .filter(move |(_, f)| memo.get(&f.labels, |l| object::selector_matches(selector, l)))
        .filter_map(|(k, _)| cl.store.get("Pod", k))
}

/// Reconciles the Endpoints of one Service.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let Some(svc) = cl.store.get("Service", key).cloned() else {
        // The Service is gone: so are its Endpoints.
        if let Some(ep) = cl.store.get("Endpoints", key) {
            if !object::string_map(ep, &["metadata", "labels"])
                .contains_key("endpointslice.kubernetes.io/skip-mirror")
            {
                cl.store.remove("Endpoints", key);
            }
        }
        return None;
    };
    let selector: Labels = object::string_map(&svc, &["spec", "selector"]);
    if selector.is_empty() {
        return None; // Endpoints of a selector-less Service are the user's.
    }
    let publish_not_ready = object::get(&svc, &["spec", "publishNotReadyAddresses"])
        .and_then(Value::as_bool)
        == Some(true);
    let ports = object::array_at(&svc, &["spec", "ports"]).to_vec();
    // Group addresses by their resolved port set, as the real controller's subsets do.
    let mut subsets: Vec<(Vec<Value>, Vec<Value>, Vec<Value>)> = Vec::new();
    for pod in selected_pods(cl, &key.namespace, &selector) {
        let Some(ip) = object::str_at(pod, &["status", "podIP"]) else {
            continue;
        };
        if object::is_terminating(pod) && !publish_not_ready {
            continue;
        }
        if matches!(
            object::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        ) {
            continue;
        }
        let mut epp = Vec::new();
        for p in &ports {
            let target = p
                .get("targetPort")
                .cloned()
                .or_else(|| p.get("port").cloned())
                .unwrap_or(Value::Null);
            let Some(port) = resolve_target_port(pod, &target) else {
                continue;
            };
            let mut e = json!({"port": port, "protocol": object::str_at(p, &["protocol"]).unwrap_or("TCP")});
            if let Some(n) = object::str_at(p, &["name"]) {
                object::set(&mut e, &["name"], json!(n));
            }
            epp.push(e);
        }
        let mut addr = json!({
            "ip": ip,
            "targetRef": {"kind": "Pod", "name": object::name(pod), "namespace": key.namespace, "uid": object::uid(pod)},
        });
        if let Some(node) = object::str_at(pod, &["spec", "nodeName"]) {
            object::set(&mut addr, &["nodeName"], json!(node));
        }
        let ready = publish_not_ready || super::replicaset::is_ready(pod);
        let slot = match subsets.iter_mut().find(|(p, _, _)| *p == epp) {
            Some(s) => s,
            None => {
                subsets.push((epp, Vec::new(), Vec::new()));
                match subsets.last_mut() {
                    Some(s) => s,
                    None => continue,
                }
            }
        };
        if ready {
            slot.1.push(addr);
        } else {
            slot.2.push(addr);
        }
    }
    // RepackSubsets sorts addresses by the bytes of the IP string, not numerically.
    let by_ip = |a: &Value, b: &Value| {
        let ip = |v: &Value| object::str_at(v, &["ip"]).unwrap_or("").to_string();
        ip(a).cmp(&ip(b))
    };
    let subsets: Vec<Value> = subsets
        .into_iter()
        .filter(|(p, _, _)| !p.is_empty() || ports.is_empty())
        .map(|(p, mut ready, mut not_ready)| {
            crate::sort::sort_by(&mut ready, by_ip);
            crate::sort::sort_by(&mut not_ready, by_ip);
            let mut s = json!({"ports": p});
            if !ready.is_empty() {
                object::set(&mut s, &["addresses"], Value::Array(ready));
            }
            if !not_ready.is_empty() {
                object::set(&mut s, &["notReadyAddresses"], Value::Array(not_ready));
            }
            s
        })
        .collect();
    reconcile_slice(cl, &svc, &selector);
    let existing = cl.store.get("Endpoints", key).cloned();
    let mut ep = existing.clone().unwrap_or_else(|| {
        json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": key.name, "namespace": key.namespace}})
    });
    let labels = object::get(&svc, &["metadata", "labels"]).cloned();
    match labels {
        Some(l) => object::set(&mut ep, &["metadata", "labels"], l),
        None => {
            object::remove(&mut ep, &["metadata", "labels"]);
        }
    }
    if subsets.is_empty() {
        object::remove(&mut ep, &["subsets"]);
    } else {
        object::set(&mut ep, &["subsets"], Value::Array(subsets));
    }
    match existing {
        Some(old) => {
            let strip = |v: &Value| {
                let mut v = v.clone();
                object::remove(
                    &mut v,
                    &[
                        "metadata",
                        "annotations",
                        "endpoints.kubernetes.io/last-change-trigger-time",
                    ],
                );
                v
            };
            if strip(&old) != strip(&ep) {
                object::set(
                    &mut ep,
                    &[
                        "metadata",
                        "annotations",
                        "endpoints.kubernetes.io/last-change-trigger-time",
                    ],
                    json!(cl.now.rfc3339()),
                );
                cl.write(ep);
            }
        }
        None => {
            object::set(
                &mut ep,
                &[
                    "metadata",
                    "annotations",
                    "endpoints.kubernetes.io/last-change-trigger-time",
                ],
                json!(cl.now.rfc3339()),
            );
            object::set(&mut ep, &["metadata", "uid"], json!(cl.rng.uuid()));
            object::set(
                &mut ep,
                &["metadata", "creationTimestamp"],
                json!(cl.now.rfc3339()),
            );
            cl.write(ep);
        }
    }
    None
}

/// The EndpointSlice the endpointslice controller keeps for a Service: every selected pod with
/// an address, ready or not, terminating ones included (with their conditions).
fn reconcile_slice(cl: &mut Cluster, svc: &Value, selector: &Labels) {
    let ns = object::namespace(svc).to_string();
    let name = object::name(svc).to_string();
    let svc_uid = object::uid(svc).to_string();
    let ports = object::array_at(svc, &["spec", "ports"]).to_vec();
    let mut endpoints: Vec<(String, Value)> = Vec::new();
    let mut slice_ports: Option<Vec<Value>> = None;
    for pod in selected_pods(cl, &ns, selector) {
        let Some(ip) = object::str_at(pod, &["status", "podIP"]) else {
            continue;
        };
        if matches!(
            object::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        ) {
            continue;
        }
        let ready = super::replicaset::is_ready(pod);
        let terminating = object::is_terminating(pod);
        if slice_ports.is_none() {
            let mut ps = Vec::new();
            for p in &ports {
                let target = p
                    .get("targetPort")
                    .cloned()
                    .or_else(|| p.get("port").cloned())
                    .unwrap_or(Value::Null);
                if let Some(port) = resolve_target_port(pod, &target) {
                    ps.push(json!({"name": object::str_at(p, &["name"]).unwrap_or(""), "port": port, "protocol": object::str_at(p, &["protocol"]).unwrap_or("TCP")}));
                }
            }
            slice_ports = Some(ps);
        }
        let mut e = json!({
            "addresses": [ip],
            "conditions": {"ready": ready && !terminating, "serving": ready, "terminating": terminating},
            "targetRef": {"kind": "Pod", "name": object::name(pod), "namespace": ns, "uid": object::uid(pod)},
        });
        if let Some(node) = object::str_at(pod, &["spec", "nodeName"]) {
            object::set(&mut e, &["nodeName"], json!(node));
        }
        endpoints.push((ip.to_string(), e));
    }
    crate::sort::sort_by(&mut endpoints, |a, b| a.0.cmp(&b.0));
    let existing = cl
        .store
        .list_ns("EndpointSlice", &ns)
        .find(|s| object::controller_of(s).is_some_and(|(_, _, u)| u == svc_uid))
        .cloned();
    let mut labels = object::string_map(svc, &["metadata", "labels"]);
    labels.insert(
        "endpointslice.kubernetes.io/managed-by".into(),
        "endpointslice-controller.k8s.io".into(),
    );
    labels.insert("kubernetes.io/service-name".into(), name.clone());
    let body = |slice: &mut Value| {
        object::set(slice, &["addressType"], json!("IPv4"));
        object::set(
            slice,
            &["endpoints"],
            Value::Array(endpoints.iter().map(|(_, e)| e.clone()).collect()),
        );
        object::set(
            slice,
            &["ports"],
            Value::Array(slice_ports.clone().unwrap_or_default()),
        );
        object::set(slice, &["metadata", "labels"], json!(labels));
    };
    match existing {
        Some(old) => {
            let mut s = old.clone();
            body(&mut s);
            if s != old {
                object::set(
                    &mut s,
                    &[
                        "metadata",
                        "annotations",
                        "endpoints.kubernetes.io/last-change-trigger-time",
                    ],
                    json!(cl.now.rfc3339()),
                );
                if let Some(g) = crate::api::next_generation("EndpointSlice", &old, &s) {
                    object::set(&mut s, &["metadata", "generation"], json!(g));
                }
                cl.write(s);
            }
        }
        None => {
            let mut s = json!({
                "apiVersion": "discovery.k8s.io/v1",
                "kind": "EndpointSlice",
                "metadata": {
                    "generateName": format!("{name}-"),
                    "namespace": ns,
                    "ownerReferences": [super::deployment::owner_ref(svc)],
                },
            });
            body(&mut s);
            object::set(
                &mut s,
                &[
                    "metadata",
                    "annotations",
                    "endpoints.kubernetes.io/last-change-trigger-time",
                ],
                json!(cl.now.rfc3339()),
            );
            let _ = cl.create_unsettled(s);
        }
    }
}
