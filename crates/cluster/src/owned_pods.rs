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

/// The index: controller uid → its pods' counts, and the pods without a controller in each
/// namespace by label set (a sync whose selector selects an active one walks the pods to adopt
/// it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedPods {
    by_controller: BTreeMap<String, Owned>,
    orphans: BTreeMap<String, Vec<(Arc<Labels>, LabelCounts)>>,
}

/// Counts a pod in or out of its label set's entry; drops an entry that counts no pod.
fn count_labels(entries: &mut Vec<(Arc<Labels>, LabelCounts)>, facts: &PodFacts, add: bool) {
    let step = |n: &mut usize, by: bool| {
        if by {
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        }
    };
    let at = match entries
        .iter()
        .position(|(l, _)| Arc::ptr_eq(l, &facts.labels))
    {
        Some(i) => i,
        None => {
            entries.push((Arc::clone(&facts.labels), LabelCounts::default()));
            entries.len() - 1
        }
    };
    if let Some((_, counts)) = entries.get_mut(at) {
        step(&mut counts.pods, true);
        step(&mut counts.active, facts.active);
        step(&mut counts.active_ready, facts.active && facts.ready);
        if counts.pods == 0 {
            entries.swap_remove(at);
        }
    }
}

impl OwnedPods {
    /// The counts of the pods whose controller has `uid`.
    pub fn of(&self, uid: &str) -> Option<&Owned> {
        self.by_controller.get(uid)
    }

    /// The label sets of the pods of `namespace` that have no controller, with their counts.
    pub fn orphans(&self, namespace: &str) -> &[(Arc<Labels>, LabelCounts)] {
        self.orphans.get(namespace).map_or(&[], Vec::as_slice)
    }

    /// Counts a pod's facts in (`add`) or out.
    pub fn count(&mut self, namespace: &str, facts: &PodFacts, add: bool) {
        let Some(c) = &facts.controller else {
            let entries = match self.orphans.get_mut(namespace) {
                Some(e) => e,
                None => self.orphans.entry(namespace.to_string()).or_default(),
            };
            count_labels(entries, facts, add);
            if entries.is_empty() {
                self.orphans.remove(namespace);
            }
            return;
        };
        let owned = match self.by_controller.get_mut(c.uid.as_str()) {
            Some(o) => o,
            None => self.by_controller.entry(c.uid.clone()).or_default(),
        };
        count_labels(&mut owned.by_labels, facts, add);
        let n = owned.created.entry(facts.created).or_default();
        *n = if add { *n + 1 } else { n.saturating_sub(1) };
        if *n == 0 {
            owned.created.remove(&facts.created);
        }
        if owned.is_empty() {
            self.by_controller.remove(c.uid.as_str());
        }
    }
}
