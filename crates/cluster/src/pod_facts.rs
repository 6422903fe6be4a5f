//! Typed facts about each stored pod, kept beside its JSON by the store: what controllers read
//! of every pod on every sync. A ReplicaSet of 10,000 pods syncs on each tick a pod changes;
//! reading these instead of walking 10,000 JSON trees is what keeps that cheap.

use crate::object::{self, Labels};
use serde_json::Value;

/// The controller owner reference of a pod.
#[derive(Clone, Debug, PartialEq)]
pub struct Controller {
    /// `kind`.
    pub kind: String,
    /// `name`.
    pub name: String,
    /// `uid`.
    pub uid: String,
}

/// What a pod's JSON says, as of its last write.
#[derive(Clone, Debug, PartialEq)]
pub struct PodFacts {
    /// The owner reference with `controller: true`, if any.
    pub controller: Option<Controller>,
    /// `metadata.labels`.
    pub labels: Labels,
    /// `metadata.creationTimestamp` (RFC 3339, so text order is time order).
    pub created: String,
    /// Counts toward a controller's replicas: not terminating, not Succeeded or Failed
    /// (`controller.IsPodActive`).
    pub active: bool,
    /// The Ready condition is True.
    pub ready: bool,
}

impl PodFacts {
    /// The facts of a pod object.
    pub fn of(pod: &Value) -> PodFacts {
        PodFacts {
            controller: object::controller_of(pod).map(|(kind, name, uid)| Controller {
                kind: kind.to_string(),
                name: name.to_string(),
                uid: uid.to_string(),
            }),
            labels: object::labels(pod),
            created: object::str_at(pod, &["metadata", "creationTimestamp"])
                .unwrap_or("")
                .to_string(),
            active: is_active(pod),
            ready: is_ready(pod),
        }
    }

    /// The uid of the controller owner, if any.
    pub fn controller_uid(&self) -> Option<&str> {
        self.controller.as_ref().map(|c| c.uid.as_str())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_owner_labels_and_readiness() {
        let pod = json!({"metadata": {"name": "web-1", "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"app": "web"},
            "ownerReferences": [{"kind": "ReplicaSet", "name": "web", "uid": "u1", "controller": true}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}});
        let f = PodFacts::of(&pod);
        assert_eq!(f.controller_uid(), Some("u1"));
        assert_eq!(f.labels.get("app").map(String::as_str), Some("web"));
        assert!(f.active && f.ready);
        let done = json!({"metadata": {"deletionTimestamp": "2026-01-01T00:00:01Z"}, "status": {"phase": "Running"}});
        assert!(!PodFacts::of(&done).active);
        assert_eq!(PodFacts::of(&done).controller, None);
    }
}
