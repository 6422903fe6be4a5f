//! Counts of each controller's pods, kept by the store as pods are written: what a ReplicaSet
//! sync needs of its pods when none has to be adopted or released, without walking them. A
//! ReplicaSet of 10,000 pods syncs each time one of them changes; walking all of them each
//! time was a fifth of the engine's work while they came up.

use crate::object::Labels;
use crate::pod_facts::PodFacts;
use crate::time::Time;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How many of a controller's pods carry one label set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// All of them.
    pub pods: usize,
    /// Those that count toward replicas ([`PodFacts::active`]).
    pub active: usize,
    /// Active and Ready.
    pub active_ready: usize,
}

/// One controller's pods, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owned {
    /// By label set (pods of one template share one interned set: a few entries at most).
    pub by_labels: Vec<(Arc<Labels>, LabelCounts)>,
    /// Pods by creation time (whole seconds).
    pub created: BTreeMap<Option<Time>, usize>,
}

impl Owned {
    /// The pods created at `t`.
    pub fn created_at(&self, t: Time) -> usize {
        self.created.get(&Some(t)).copied().unwrap_or(0)
    }

    fn is_empty(&self) -> bool {
        self.created.is_empty()
    }
}

/// The index: controller uid → its pods' counts, and the number of pods without a controller
/// in each namespace (a sync must walk the pods to adopt one of those).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedPods {
    by_controller: BTreeMap<String, Owned>,
    orphans: BTreeMap<String, usize>,
}

impl OwnedPods {
    /// The counts of the pods whose controller has `uid`.
    pub fn of(&self, uid: &str) -> Option<&Owned> {
        self.by_controller.get(uid)
    }

    /// How many pods of `namespace` have no controller.
    pub fn orphans(&self, namespace: &str) -> usize {
        self.orphans.get(namespace).copied().unwrap_or(0)
    }

    /// Counts a pod's facts in (`sign` +1) or out (-1).
    pub fn count(&mut self, namespace: &str, facts: &PodFacts, add: bool) {
        let Some(c) = &facts.controller else {
            let n = self.orphans.entry(namespace.to_string()).or_default();
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
            if *n == 0 {
                self.orphans.remove(namespace);
            }
            return;
        };
        let owned = match self.by_controller.get_mut(c.uid.as_str()) {
            Some(o) => o,
            None => self.by_controller.entry(c.uid.clone()).or_default(),
        };
        let step = |n: &mut usize, by: bool| {
            if by {
                *n = if add { *n + 1 } else { n.saturating_sub(1) };
            }
        };
        let at = owned
            .by_labels
            .iter()
            .position(|(l, _)| Arc::ptr_eq(l, &facts.labels));
        let at = match at {
            Some(i) => i,
            None => {
                owned
                    .by_labels
                    .push((Arc::clone(&facts.labels), LabelCounts::default()));
                owned.by_labels.len() - 1
            }
        };
        if let Some((_, counts)) = owned.by_labels.get_mut(at) {
            step(&mut counts.pods, true);
            step(&mut counts.active, facts.active);
            step(&mut counts.active_ready, facts.active && facts.ready);
            if counts.pods == 0 {
                owned.by_labels.swap_remove(at);
            }
        }
        let n = owned.created.entry(facts.created).or_default();
        step(n, true);
        if *n == 0 {
            owned.created.remove(&facts.created);
        }
        if owned.is_empty() {
            self.by_controller.remove(c.uid.as_str());
        }
    }
}
