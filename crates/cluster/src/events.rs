//! Events, as components record them (`kubectl describe` and `kubectl get events` read these).

use crate::cluster::Cluster;
use crate::object::{self, Object};
use crate::store::ObjKey;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};

/// At most this many events are kept (a real API server expires them after an hour).
const MAX_EVENTS: usize = 2000;

/// Who reports an event and about which part of the object.
#[derive(Clone, Copy, Debug, Default)]
pub struct Source<'a> {
    /// `kubelet`, `default-scheduler`, `deployment-controller`...
    pub component: &'a str,
    /// The node, for kubelet events.
    pub host: Option<&'a str>,
    /// `spec.containers{hello-app}`.
    pub field_path: Option<&'a str>,
}

/// Records an event about `involved` from a control-plane component.
pub fn record(
    cl: &mut Cluster,
    involved: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    component: &str,
) {
    record_from(
        cl,
        involved,
        kind,
        reason,
        message,
        Source {
            component,
            host: None,
            field_path: None,
        },
    );
}

/// Records an event with a full source; repeats of the same event bump its count.
pub fn record_from(
    cl: &mut Cluster,
    involved: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    source: Source<'_>,
) {
    let ns = object::namespace(involved).to_string();
    let ns = if ns.is_empty() {
        "default".to_string()
    } else {
        ns
    };
    let now = cl.now.rfc3339();
    let uid = object::uid(involved);
    // Aggregate: same object, reason and message -> count + 1.
    let index_key = format!(
        "{uid}\u{0}{reason}\u{0}{message}\u{0}{}",
        source.field_path.unwrap_or("")
    );
    let existing = cl
        .events
        .index
        .get(&index_key)
        .and_then(|k| cl.store.get("Event", k))
        .cloned();
    if let Some(mut e) = existing {
        let count = object::i64_at(&e, &["count"]).unwrap_or(1) + 1;
        object::set(&mut e, &["count"], json!(count));
        object::set(&mut e, &["lastTimestamp"], json!(now));
        cl.write(e);
        return;
    }
    let serial = cl.next_serial();
    let name = format!(
        "{}.{:x}",
        object::name(involved),
        (cl.now.0 as u64)
            .wrapping_mul(1_000_000)
            .wrapping_add(serial)
    );
    let mut involved_ref = json!({
        "apiVersion": object::str_at(involved, &["apiVersion"]).unwrap_or("v1"),
        "kind": object::kind(involved),
        "name": object::name(involved),
        "uid": uid,
    });
    if !object::namespace(involved).is_empty() {
        object::set(&mut involved_ref, &["namespace"], json!(ns));
    }
    if let Some(rv) = object::str_at(involved, &["metadata", "resourceVersion"]) {
        object::set(&mut involved_ref, &["resourceVersion"], json!(rv));
    }
    if let Some(fp) = source.field_path {
        object::set(&mut involved_ref, &["fieldPath"], json!(fp));
    }
    let mut src = json!({"component": source.component});
    if let Some(h) = source.host {
        object::set(&mut src, &["host"], json!(h));
    }
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "count": 1,
        "eventTime": null,
        "firstTimestamp": now,
        "involvedObject": involved_ref,
        "lastTimestamp": now,
        "message": message,
        "metadata": {"name": name, "namespace": ns, "uid": cl.rng.uuid(), "creationTimestamp": now},
        "reason": reason,
        "reportingComponent": source.component,
        "reportingInstance": source.host.unwrap_or(""),
        "source": src,
        "type": kind,
    });
    let key = ObjKey::new(&ns, &name);
    cl.write(event);
    cl.events.index.insert(index_key.clone(), key.clone());
    cl.events.order.push_back((index_key, key));
    while cl.events.order.len() > MAX_EVENTS {
        if let Some((ik, k)) = cl.events.order.pop_front() {
            cl.events.index.remove(&ik);
            cl.store.remove("Event", &k);
        }
    }
}

/// The recorder's bookkeeping: which event aggregates which occurrence, and their age order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Recorder {
    index: BTreeMap<String, ObjKey>,
    order: VecDeque<(String, ObjKey)>,
}

/// The events about an object, oldest first.
pub fn for_object<'a>(cl: &'a Cluster, obj: &Value) -> Vec<&'a Object> {
    let uid = object::uid(obj);
    let ns = object::namespace(obj);
    let ns = if ns.is_empty() { "default" } else { ns };
    // By the store's index of involved objects: describing 1,000 pods must not read every
    // event of the namespace once per pod.
    let mut events: Vec<&Object> = cl
        .store
        .events_for_uid(uid)
        .filter(|k| k.namespace == ns)
        .filter_map(|k| cl.store.get("Event", k))
        .collect();
    crate::sort::sort_by(&mut events, |a, b| {
        let t = |e: &Object| {
            object::str_at(e, &["firstTimestamp"])
                .unwrap_or("")
                .to_string()
        };
        t(a).cmp(&t(b))
            .then_with(|| object::name(a).cmp(object::name(b)))
    });
    events
}
