//! The garbage collector: when an owner is gone, its dependents follow (background propagation).

use crate::cluster::Cluster;
use crate::object;
use serde_json::Value;

/// Deletes the dependents of a deleted object whose owners are now all gone.
pub fn collect(cl: &mut Cluster, deleted_uid: &str) {
    for (kind, key) in cl.store.dependents_of(deleted_uid) {
        let Some(obj) = cl.store.get(&kind, &key) else {
            continue;
        };
        let alive = object::array_at(obj, &["metadata", "ownerReferences"])
            .iter()
            .any(|r| {
                let uid = r.get("uid").and_then(Value::as_str).unwrap_or("");
                let k = r.get("kind").and_then(Value::as_str).unwrap_or("");
                let name = r.get("name").and_then(Value::as_str).unwrap_or("");
                let ns = if k == "Node" || k == "Namespace" {
                    ""
                } else {
                    key.namespace.as_str()
                };
                uid != deleted_uid
                    && cl
                        .store
                        .get_named(k, ns, name)
                        .is_some_and(|o| object::uid(o) == uid)
            });
        if alive {
            continue;
        }
        if let Some(rt) = crate::kind::by_kind(&kind) {
            let _ = cl.delete_unsettled(rt, &key.namespace, &key.name, Default::default());
        }
    }
}
