//! Events, as components record them (`kubectl describe` and `kubectl get events` read these).

use crate::cluster::Cluster;
use crate::object::{self, s, Object};
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
    // Built from its parts: `json!` would serialize every nested value again.
    let mut involved_ref = object::fields([
        (
            "apiVersion",
            s(object::str_at(involved, &["apiVersion"]).unwrap_or("v1")),
        ),
        ("kind", s(object::kind(involved))),
        ("name", s(object::name(involved))),
        ("uid", s(uid)),
    ]);
    if !object::namespace(involved).is_empty() {
        object::set(&mut involved_ref, &["namespace"], s(ns.as_str()));
    }
    if let Some(rv) = object::str_at(involved, &["metadata", "resourceVersion"]) {
        object::set(&mut involved_ref, &["resourceVersion"], s(rv));
    }
    if let Some(fp) = source.field_path {
        object::set(&mut involved_ref, &["fieldPath"], s(fp));
    }
    let src = match source.host {
        Some(h) => object::fields([("component", s(source.component)), ("host", s(h))]),
        None => object::fields([("component", s(source.component))]),
    };
    let metadata = object::fields([
        ("creationTimestamp", s(now.as_str())),
        ("name", s(name.as_str())),
        ("namespace", s(ns.as_str())),
        ("uid", s(cl.rng.uuid())),
    ]);
    let event = object::fields([
        ("apiVersion", s("v1")),
        ("count", Value::from(1)),
        ("eventTime", Value::Null),
        ("firstTimestamp", s(now.as_str())),
        ("involvedObject", involved_ref),
        ("kind", s("Event")),
        ("lastTimestamp", s(now.as_str())),
        ("message", s(message)),
        ("metadata", metadata),
        ("reason", s(reason)),
        ("reportingComponent", s(source.component)),
        ("reportingInstance", s(source.host.unwrap_or(""))),
        ("source", src),
        ("type", s(kind)),
    ]);
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
