//! Counts of each controller's pods, kept by the store as pods are written: what a ReplicaSet
//! sync needs of its pods when none has to be adopted or released, without walking them. A
//! ReplicaSet of 10,000 pods syncs each time one of them changes; walking all of them each
//! time was a fifth of the engine's work while they came up.

use crate::object::Labels;
use crate::pod_facts::PodFacts;
use crate::time::Time;
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

/// Pods counted by label set (pods of one template share one interned set: a few entries).
pub type ByLabels = Vec<(Arc<Labels>, LabelCounts)>;

/// One controller's pods, counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owned {
    /// By label set.
    pub by_labels: ByLabels,
    /// Pods by creation time (whole seconds), in time order: a list, as pods are mostly made
    /// in time order and a map's code costs the page more than its few moves.
    pub created: Vec<(Option<Time>, usize)>,
}

impl Owned {
    /// The pods created at `t`.
    pub fn created_at(&self, t: Time) -> usize {
        match self.created.binary_search_by(|(c, _)| c.cmp(&Some(t))) {
            Ok(i) => self.created.get(i).map_or(0, |(_, n)| *n),
            Err(_) => 0,
        }
    }

    fn count_created(&mut self, t: Option<Time>, add: bool) {
        match self.created.binary_search_by(|(c, _)| c.cmp(&t)) {
            Ok(i) => {
                if let Some((_, n)) = self.created.get_mut(i) {
                    *n = if add { *n + 1 } else { n.saturating_sub(1) };
                    if *n == 0 {
                        self.created.remove(i);
                    }
                }
            }
            Err(i) if add => self.created.insert(i, (t, 1)),
            Err(_) => {}
        }
    }

    fn is_empty(&self) -> bool {
        self.created.is_empty()
    }
}

/// The index: controller uid → its pods' counts, and the pods without a controller in each
/// namespace by label set (a sync whose selector selects an active one walks the pods to adopt
/// it).
///
/// Both are lists sorted by their key (a cluster has a few dozen controllers and namespaces):
/// maps of these types would each add their own compiled code to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedPods {
    by_controller: Vec<(String, Owned)>,
    orphans: Vec<(String, ByLabels)>,
}

/// The entry of `key` in a list sorted by key, made if missing.
pub(crate) fn entry<'a, T: Default>(
    list: &'a mut Vec<(String, T)>,
    key: &str,
) -> &'a mut (String, T) {
    let i = match list.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
        Ok(i) => i,
        Err(i) => {
            list.insert(i, (key.to_string(), T::default()));
            i
        }
    };
    match list.get_mut(i) {
        Some(e) => e,
        None => unreachable_entry(),
    }
}

// `entry` has just found or inserted index `i`; this keeps the match exhaustive without a panic.
#[allow(clippy::panic)]
fn unreachable_entry() -> ! {
    panic!("entry just inserted")
}

/// The value of `key` in a list sorted by key.
pub(crate) fn find<'a, T>(list: &'a [(String, T)], key: &str) -> Option<&'a T> {
    let i = list.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
    list.get(i).map(|(_, v)| v)
}

/// Drops the entry of `key` from a list sorted by key.
fn drop_entry<T>(list: &mut Vec<(String, T)>, key: &str) {
    if let Ok(i) = list.binary_search_by(|(k, _)| k.as_str().cmp(key)) {
        list.remove(i);
    }
}

/// Counts a pod in or out of its label set's entry; drops an entry that counts no pod.
fn count_labels(entries: &mut ByLabels, facts: &PodFacts, add: bool) {
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
        find(&self.by_controller, uid)
    }

    /// The label sets of the pods of `namespace` that have no controller, with their counts.
    pub fn orphans(&self, namespace: &str) -> &[(Arc<Labels>, LabelCounts)] {
        find(&self.orphans, namespace).map_or(&[], Vec::as_slice)
    }

    /// Counts a pod's facts in (`add`) or out.
    pub fn count(&mut self, namespace: &str, facts: &PodFacts, add: bool) {
        let Some(c) = &facts.controller else {
            let (_, entries) = entry(&mut self.orphans, namespace);
            count_labels(entries, facts, add);
            if entries.is_empty() {
                drop_entry(&mut self.orphans, namespace);
            }
            return;
        };
        let (_, owned) = entry(&mut self.by_controller, &c.uid);
        count_labels(&mut owned.by_labels, facts, add);
        owned.count_created(facts.created, add);
        if owned.is_empty() {
            drop_entry(&mut self.by_controller, &c.uid);
        }
    }
}
