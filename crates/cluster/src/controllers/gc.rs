//! The garbage collector: when an owner is gone, its dependents follow (background propagation).

use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use serde_json::Value;

/// Kinds that commonly carry ownerReferences.
const DEPENDENT_KINDS: &[&str] = &[
    "ReplicaSet",
    "Pod",
    "ControllerRevision",
    "EndpointSlice",
    "Job",
    "ConfigMap",
    "Secret",
    "Service",
];

/// Deletes the dependents of a deleted object whose owners are now all gone.
pub fn collect(cl: &mut Cluster, deleted_uid: &str) {
    for kind in DEPENDENT_KINDS {
        let dependents: Vec<ObjKey> = cl
            .store
            .list(kind)
            .filter(|o| {
                object::array_at(o, &["metadata", "ownerReferences"])
                    .iter()
                    .any(|r| r.get("uid").and_then(Value::as_str) == Some(deleted_uid))
            })
            .map(ObjKey::of)
            .collect();
        for key in dependents {
            let Some(obj) = cl.store.get(kind, &key) else {
                continue;
            };
            let alive = object::array_at(obj, &["metadata", "ownerReferences"])
                .iter()
                .any(|r| {
                    let uid = r.get("uid").and_then(Value::as_str).unwrap_or("");
                    let k = r.get("kind").and_then(Value::as_str).unwrap_or("");
                    let name = r.get("name").and_then(Value::as_str).unwrap_or("");
                    uid != deleted_uid
                        && cl
                            .store
                            .get_named(
                                k,
                                if k == "Node" || k == "Namespace" {
                                    ""
                                } else {
                                    &key.namespace
                                },
                                name,
                            )
                            .is_some_and(|o| object::uid(o) == uid)
                });
            if alive {
                continue;
            }
            if let Some(rt) = crate::kind::by_kind(kind) {
                let _ = cl.delete_unsettled(rt, &key.namespace, &key.name, Default::default());
            }
        }
    }
}
