//! Typed facts about each stored pod, kept beside its JSON by the store: what controllers read
//! of every pod on every sync. A ReplicaSet of 10,000 pods syncs on each tick a pod changes;
//! reading these instead of walking 10,000 JSON trees is what keeps that cheap.

use crate::object::{self, Labels};
use crate::pod_row::PodCells;
use crate::store::Transient;
use crate::time::Time;
use serde_json::Value;
use std::sync::Arc;

/// The controller owner reference of a pod. The store shares one between the pods that have the
/// same (`Store::controller`), so a controller's sync over its pods compares addresses.
#[derive(Clone, Debug, Default, PartialEq)]
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
    pub controller: Option<Arc<Controller>>,
    /// `metadata.labels`, shared by the pods that have the same ones (the store interns them),
    /// so a controller can match a selector once per label set: see [`LabelMemo`].
    pub labels: Arc<Labels>,
    /// `metadata.creationTimestamp`.
    pub created: Option<Time>,
    /// Counts toward a controller's replicas: not terminating, not Succeeded or Failed
    /// (`controller.IsPodActive`).
    pub active: bool,
    /// The Ready condition is True.
    pub ready: bool,
    /// Its `kubectl get pods` row (the API server's table convertor), computed at the write.
    pub cells: PodCells,
    /// Where the store keeps a copy of `cells` side by side with the other pods' (its
    /// [`crate::pod_row::CellText`]); not part of what the facts say.
    pub cells_at: Transient<u32>,
    /// The address of the stored version these facts describe: a listing holding that version
    /// finds its facts without reading its JSON ([`crate::store::Store::pod_cells_of`]).
    pub object: usize,
}

impl PodFacts {
    /// The facts of a pod object.
    pub fn of(pod: &Value) -> PodFacts {
        PodFacts {
            controller: object::controller_of(pod).map(|(kind, name, uid)| {
                Arc::new(Controller {
                    kind: kind.to_string(),
                    name: name.to_string(),
                    uid: uid.to_string(),
                })
            }),
            labels: Arc::new(object::labels(pod)),
            created: object::str_at(pod, &["metadata", "creationTimestamp"])
                .and_then(Time::parse_rfc3339),
            active: is_active(pod),
            ready: is_ready(pod),
            cells: PodCells::of(pod),
            cells_at: Transient(0),
            object: std::ptr::from_ref(pod) as usize,
        }
    }

    /// The facts of a pod whose status alone changed since `old` was read: its owner, labels
    /// and creation time are `old`'s (the kubelet writes each pod's status several times).
    pub fn after_status(old: &PodFacts, pod: &Value) -> PodFacts {
        PodFacts {
            controller: old.controller.clone(),
            labels: Arc::clone(&old.labels),
            created: old.created,
            active: is_active(pod),
            ready: is_ready(pod),
            cells: PodCells::of(pod),
            cells_at: Transient(0),
            object: std::ptr::from_ref(pod) as usize,
        }
    }

    /// The uid of the controller owner, if any.
    pub fn controller_uid(&self) -> Option<&str> {
        self.controller.as_ref().map(|c| c.uid.as_str())
    }
}

/// Remembers a test of the last label set it saw: the pods of one template share one interned
/// set, so a sync over 10,000 pods computes a selector match once, not 10,000 times.
pub struct LabelMemo<T> {
    last: Option<(Arc<Labels>, T)>,
}

impl<T: Copy> LabelMemo<T> {
    /// An empty memo.
    pub fn new() -> LabelMemo<T> {
        LabelMemo { last: None }
    }

    /// `test(labels)`, computed again only when `labels` is not the set seen last.
    pub fn get(&mut self, labels: &Arc<Labels>, test: impl FnOnce(&Labels) -> T) -> T {
        match &self.last {
            Some((seen, value)) if Arc::ptr_eq(seen, labels) => *value,
            _ => {
                let value = test(labels);
                self.last = Some((Arc::clone(labels), value));
                value
            }
        }
    }
}

impl<T: Copy> Default for LabelMemo<T> {
    fn default() -> Self {
        LabelMemo::new()
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

    #[test]
    fn a_label_memo_tests_each_set_once() {
        let web = Arc::new(Labels::from([("app".to_string(), "web".to_string())]));
        let db = Arc::new(Labels::from([("app".to_string(), "db".to_string())]));
        let mut memo = LabelMemo::new();
        let mut calls = 0;
        let test = |l: &Arc<Labels>| {
            memo.get(l, |l| {
                calls += 1;
                l.get("app").map(String::as_str) == Some("web")
            })
        };
        let seen: Vec<bool> = [&web, &web, &db, &db, &web].map(test).to_vec();
        assert_eq!(seen, [true, true, false, false, true]);
        assert_eq!(calls, 3);
    }
}
