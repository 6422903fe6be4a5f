//! The object store: what etcd holds, sorted by kind, namespace and name, with a change log that
//! controllers and watches read from.

use crate::object::{self, Object};
use crate::owned_pods::{self, OwnedPods};
use crate::pod_facts::{Controller, PodFacts};
use crate::pod_row::{CellText, StoredRows};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

/// Where an object lives: namespace (empty when cluster-scoped) and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjKey {
    /// The namespace, or `""`.
    pub namespace: String,
    /// The name.
    pub name: String,
}

impl ObjKey {
    /// A key in a namespace (pass `""` for cluster-scoped objects).
    pub fn new(namespace: &str, name: &str) -> ObjKey {
        ObjKey {
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// The key of a stored object.
    pub fn of(obj: &Object) -> ObjKey {
        ObjKey::new(object::namespace(obj), object::name(obj))
    }
}

/// The keys of one namespace: from its first possible key to the first of the namespace that
/// follows it (its name and a NUL, which no namespace has). A range, not a walk that compares
/// each key's namespace: that read a string per object, spread over the heap.
fn namespace_range(namespace: &str) -> std::ops::Range<ObjKey> {
    ObjKey::new(namespace, "")..ObjKey::new(&format!("{namespace}\0"), "")
}

// Keys serialize as "namespace/name" so that maps of them stay JSON objects.
impl Serialize for ObjKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{}/{}", self.namespace, self.name))
    }
}

impl<'de> Deserialize<'de> for ObjKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ObjKey, D::Error> {
        let s = String::deserialize(d)?;
        let (ns, name) = s
            .split_once('/')
            .ok_or_else(|| serde::de::Error::custom("object key without '/'"))?;
        Ok(ObjKey::new(ns, name))
    }
}

/// What happened to an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeType {
    /// Created.
    Added,
    /// Updated.
    Modified,
    /// Removed from the store.
    Deleted,
}

/// One entry of the change log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The resourceVersion the change produced.
    pub rv: u64,
    /// The object's kind.
    pub kind: String,
    /// The object's key.
    pub key: ObjKey,
    /// Added, modified or deleted.
    pub change: ChangeType,
    /// The object's labels before the change (so selectors that stop matching notice).
    pub old_labels: Option<Arc<object::Labels>>,
    /// For deletions, the object as it was last stored.
    pub last: Option<Arc<Object>>,
    /// Only `status` changed, through [`Store::set_field`] (the kubelet's status writes).
    #[serde(default)]
    pub status_only: bool,
}

/// State that is not part of the cluster's identity: skipped by serde, equal in comparisons.
#[derive(Clone, Debug, Default)]
pub struct Transient<T>(pub T);

impl<T> PartialEq for Transient<T> {
    fn eq(&self, _: &Transient<T>) -> bool {
        true
    }
}

impl<T> std::ops::Deref for Transient<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> std::ops::DerefMut for Transient<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// How many changes the log keeps for watches that fall behind.
const LOG_CAPACITY: usize = 50_000;

/// The objects, by kind then key; iteration order is etcd's key order. Each object is shared
/// (`Arc`) so that a controller can hold the version it read while it writes others, without
/// copying it; a write replaces the object, as etcd does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedStore")]
pub struct Store {
    objects: BTreeMap<String, BTreeMap<ObjKey, Arc<Object>>>,
    revision: u64,
    // The log is transient: controllers drain it before every save, watches re-list after a load.
    #[serde(skip)]
    log: Transient<VecDeque<Change>>,
    /// Owner uid -> (kind, key) of the objects whose ownerReferences name it. Rebuilt after a load.
    #[serde(skip)]
    dependents: Transient<Option<DependentIndex>>,
    /// The typed facts of every pod, by key (what controllers read on each sync).
    #[serde(skip)]
    pods: Transient<BTreeMap<ObjKey, PodFacts>>,
    /// The table cells of every pod, side by side (where their facts' `cells_at` point).
    #[serde(skip)]
    cell_text: Transient<CellText>,
    /// The distinct label sets of pods, each shared by the facts of every pod that has it.
    #[serde(skip)]
    label_sets: Transient<BTreeSet<Arc<object::Labels>>>,
    /// Counts of each controller's pods (see [`OwnedPods`]).
    #[serde(skip)]
    owned: Transient<OwnedPods>,
    /// Pods' controllers, shared by the pods that have the same one; a list sorted by uid
    /// rather than a map, as [`OwnedPods`]' lists are.
    #[serde(skip)]
    controllers: Transient<Vec<(String, Arc<Controller>)>>,
    /// The size of `controllers` at which it is next swept.
    #[serde(skip)]
    controller_sweep_at: Transient<usize>,
    /// The size of `label_sets` at which it is next swept.
    #[serde(skip)]
    label_sweep_at: Transient<usize>,
    /// Events by the uid of their involved object (`kubectl describe` of many objects).
    #[serde(skip)]
    events_by_uid: Transient<BTreeMap<String, BTreeSet<ObjKey>>>,
}

/// The uid of an event's involved object.
fn involved_uid(event: &Object) -> Option<&str> {
    object::str_at(event, &["involvedObject", "uid"])
}

/// What a saved store holds; the indexes are rebuilt from it.
#[derive(Deserialize)]
struct SavedStore {
    objects: BTreeMap<String, BTreeMap<ObjKey, Object>>,
    revision: u64,
}

impl From<SavedStore> for Store {
    fn from(saved: SavedStore) -> Store {
        let objects = saved
            .objects
            .into_iter()
            .map(|(kind, m)| (kind, m.into_iter().map(|(k, o)| (k, Arc::new(o))).collect()))
            .collect();
        let mut store = Store {
            objects,
            revision: saved.revision,
            log: Transient::default(),
            dependents: Transient(None),
            pods: Transient::default(),
            cell_text: Transient::default(),
            label_sets: Transient::default(),
            label_sweep_at: Transient::default(),
            controllers: Transient::default(),
            controller_sweep_at: Transient::default(),
            owned: Transient::default(),
            events_by_uid: Transient::default(),
        };
        // The facts of each pod as stored (they note the stored version's address).
        let pods: Vec<(ObjKey, PodFacts)> = store
            .objects
            .get("Pod")
            .map(|m| {
                m.iter()
                    .map(|(k, p)| (k.clone(), PodFacts::of(p)))
                    .collect()
            })
            .unwrap_or_default();
        for (key, facts) in pods {
            store.set_pod_facts(key, facts);
        }
        let events: Vec<(ObjKey, String)> = store
            .objects
            .get("Event")
            .into_iter()
            .flat_map(|m| m.iter())
            .filter_map(|(k, e)| Some((k.clone(), involved_uid(e)?.to_string())))
            .collect();
        for (key, uid) in events {
            store.events_by_uid.entry(uid).or_default().insert(key);
        }
        store
    }
}

/// Owner uid -> (kind, key) of its dependents.
type DependentIndex = BTreeMap<String, BTreeSet<(String, ObjKey)>>;

/// The uids an object's ownerReferences name.
fn owner_uids(obj: &Object) -> Vec<String> {
    object::array_at(obj, &["metadata", "ownerReferences"])
        .iter()
        .filter_map(|r| r.get("uid").and_then(Value::as_str).map(str::to_string))
        .collect()
}

impl Store {
    /// An empty store whose next resourceVersion follows `revision`.
    pub fn new(revision: u64) -> Store {
        Store {
            objects: BTreeMap::new(),
            revision,
            log: Transient::default(),
            dependents: Transient(Some(BTreeMap::new())),
            pods: Transient::default(),
            cell_text: Transient::default(),
            label_sets: Transient::default(),
            label_sweep_at: Transient::default(),
            controllers: Transient::default(),
            controller_sweep_at: Transient::default(),
            owned: Transient::default(),
            events_by_uid: Transient::default(),
        }
    }

    /// Keeps a pod's facts, its labels and controller interned (pods with equal labels share
    /// one set, pods of one controller one `Controller`), and counts it in [`OwnedPods`].
    fn set_pod_facts(&mut self, key: ObjKey, mut facts: PodFacts) {
        let old = self.pods.get(&key);
        let interned = old.is_some_and(|old| Arc::ptr_eq(&old.labels, &facts.labels));
        let controller_shared = match (old.and_then(|o| o.controller.as_ref()), &facts.controller) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if let (Some(c), false) = (&facts.controller, controller_shared) {
            match owned_pods::find(&self.controllers, &c.uid) {
                Some(shared) if **shared == **c => facts.controller = Some(Arc::clone(shared)),
                _ => {
                    // Swept as the label sets are: when the list has doubled since.
                    if self.controllers.len() >= self.controller_sweep_at.0.max(64) {
                        self.controllers.retain(|(_, c)| Arc::strong_count(c) > 1);
                        self.controller_sweep_at.0 = 2 * self.controllers.len();
                    }
                    owned_pods::entry(&mut self.controllers, &c.uid).1 = Arc::clone(c);
                }
            }
        }
        match self.label_sets.get(&*facts.labels) {
            _ if interned => {}
            Some(shared) => facts.labels = Arc::clone(shared),
            None => {
                // Drop the sets nothing else holds any more each time the set has doubled
                // since the last sweep: amortised O(1), and at most twice what is held.
                if self.label_sets.len() >= self.label_sweep_at.0.max(64) {
                    self.label_sets.retain(|l| Arc::strong_count(l) > 1);
                    self.label_sweep_at.0 = 2 * self.label_sets.len();
                }
                self.label_sets.insert(Arc::clone(&facts.labels));
            }
        }
        facts.cells_at.0 = self.cell_text.add(&facts.cells);
        self.owned.count(&key.namespace, &facts, true);
        let namespace = key.namespace.clone();
        if let Some(old) = self.pods.insert(key, facts) {
            self.cell_text.release(&old.cells);
            self.owned.count(&namespace, &old, false);
        }
        if self.cell_text.wasteful() {
            let pods = self
                .pods
                .values_mut()
                .map(|f| (&f.cells, &mut f.cells_at.0));
            self.cell_text.rebuild(pods);
        }
    }

    /// The labels of a stored object before a change: the pod's shared set, or a new one.
    fn labels_of(&self, kind: &str, key: &ObjKey, obj: &Object) -> Arc<object::Labels> {
        match self.pods.get(key) {
            Some(f) if kind == "Pod" => Arc::clone(&f.labels),
            _ => Arc::new(object::labels(obj)),
        }
    }

    /// The counts of the pods whose controller has this uid, and of the pods without one in
    /// each namespace.
    pub fn owned_pods(&self) -> &OwnedPods {
        &self.owned
    }

    /// The controller of pods whose controller has this uid, as their facts share it.
    pub fn controller(&self, uid: &str) -> Option<&Arc<Controller>> {
        owned_pods::find(&self.controllers, uid)
    }

    /// The latest resourceVersion.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// One object.
    pub fn get(&self, kind: &str, key: &ObjKey) -> Option<&Object> {
        self.objects.get(kind)?.get(key).map(|o| &**o)
    }

    /// One object, shared: the version read now, which later writes do not change.
    pub fn get_shared(&self, kind: &str, key: &ObjKey) -> Option<Arc<Object>> {
        self.objects.get(kind)?.get(key).cloned()
    }

    /// One object by namespace and name.
    pub fn get_named(&self, kind: &str, namespace: &str, name: &str) -> Option<&Object> {
        self.get(kind, &ObjKey::new(namespace, name))
    }

    /// Every object of a kind, in key order.
    pub fn list<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Object> + 'a {
        self.objects
            .get(kind)
            .into_iter()
            .flat_map(|m| m.values().map(|o| &**o))
    }

    /// Every object of a kind, shared, in key order.
    pub fn list_shared<'a>(&'a self, kind: &str) -> impl Iterator<Item = &'a Arc<Object>> + 'a {
        self.objects.get(kind).into_iter().flat_map(|m| m.values())
    }

    /// The objects of a kind in one namespace, shared, in name order.
    pub fn list_ns_shared<'a>(
        &'a self,
        kind: &str,
        namespace: &str,
    ) -> impl Iterator<Item = &'a Arc<Object>> + 'a {
        let range = namespace_range(namespace);
        self.objects
            .get(kind)
            .into_iter()
            .flat_map(move |m| m.range(range.clone()))
            .map(|(_, v)| v)
    }

    /// The objects of a kind in one namespace, in name order.
    pub fn list_ns<'a>(
        &'a self,
        kind: &str,
        namespace: &str,
    ) -> impl Iterator<Item = &'a Object> + 'a {
        self.list_ns_shared(kind, namespace).map(|v| &**v)
    }

    /// The facts of the pods in one namespace, in name order.
    pub fn pod_facts_ns<'a>(
        &'a self,
        namespace: &str,
    ) -> impl Iterator<Item = (&'a ObjKey, &'a PodFacts)> + 'a {
        self.pods.range(namespace_range(namespace))
    }

    /// The table cells of each of `pods` that is a version this store holds (others, a dry
    /// run's, get `None`), read where the store keeps them, side by side. It walks the stored
    /// pods beside the list: for a list in key order, as kubectl lists, with or without a
    /// selector or a namespace, that is one step per stored pod, and a listed pod that is the
    /// next stored one costs no read of its JSON. A pod out of order (`--sort-by`) is looked up
    /// by its key.
    pub fn pod_cells_of(&self, pods: &[&Object]) -> StoredRows<'_> {
        let mut stored = self.pods.iter().peekable();
        let mut cells = Vec::with_capacity(pods.len());
        let row = |f: &PodFacts| (f.cells_at.0, f.cells.row());
        for &pod in pods {
            let at = std::ptr::from_ref(pod) as usize;
            if let Some((_, f)) = stored.next_if(|(_, f)| f.object == at) {
                cells.push(Some(row(f)));
                continue;
            }
            // Step over the stored pods before this one (not listed), then take it if it is
            // next; else it was listed out of key order.
            let key = (object::namespace(pod), object::name(pod));
            while stored
                .next_if(|(k, _)| (k.namespace.as_str(), k.name.as_str()) < key)
                .is_some()
            {}
            let found =
                match stored.next_if(|(k, _)| (k.namespace.as_str(), k.name.as_str()) == key) {
                    Some((_, f)) => Some(f),
                    None => self.pods.get(&ObjKey::new(key.0, key.1)),
                };
            cells.push(found.filter(|f| f.object == at).map(row));
        }
        self.cell_text.rows(cells)
    }

    /// The facts of one pod.
    pub fn pod_facts(&self, key: &ObjKey) -> Option<&PodFacts> {
        self.pods.get(key)
    }

    /// The keys of the events whose involved object has `uid`.
    pub fn events_for_uid(&self, uid: &str) -> impl Iterator<Item = &ObjKey> + '_ {
        self.events_by_uid.get(uid).into_iter().flatten()
    }

    fn unindex_event(&mut self, key: &ObjKey, event: &Object) {
        if let Some(uid) = involved_uid(event) {
            if let Some(set) = self.events_by_uid.get_mut(uid) {
                set.remove(key);
                if set.is_empty() {
                    self.events_by_uid.remove(uid);
                }
            }
        }
    }

    /// How many objects of a kind are stored.
    pub fn count(&self, kind: &str) -> usize {
        self.objects.get(kind).map_or(0, BTreeMap::len)
    }

    /// How many objects are stored, of every kind.
    pub fn len(&self) -> usize {
        self.objects.values().map(BTreeMap::len).sum()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn next_rv(&mut self) -> u64 {
        self.revision += 1;
        self.revision
    }

    fn record(&mut self, change: Change) {
        if self.log.len() >= LOG_CAPACITY {
            self.log.pop_front();
        }
        self.log.push_back(change);
    }

    /// Stores `obj` (new or replacing), stamping `metadata.resourceVersion`; returns the stored
    /// version. The object's key is looked up once: a put was six lookups of it, each a walk of
    /// string comparisons (an event's key shares its long prefix with its neighbours').
    pub fn put(&mut self, mut obj: Object) -> Arc<Object> {
        let key = ObjKey::of(&obj);
        let rv = self.next_rv();
        object::set(
            &mut obj,
            &["metadata", "resourceVersion"],
            Value::String(rv.to_string()),
        );
        let new_owners = owner_uids(&obj);
        let kind = object::kind(&obj).to_string();
        let new_event_uid = (kind == "Event")
            .then(|| involved_uid(&obj).map(str::to_string))
            .flatten();
        let stored = Arc::new(obj);
        let map = match self.objects.get_mut(kind.as_str()) {
            Some(map) => map,
            None => self.objects.entry(kind.clone()).or_default(),
        };
        let old = map.insert(key.clone(), Arc::clone(&stored));
        let old_labels = old.as_ref().map(|o| self.labels_of(&kind, &key, o));
        let change = if old.is_some() {
            ChangeType::Modified
        } else {
            ChangeType::Added
        };
        let old_owners = old.as_deref().map(owner_uids).unwrap_or_default();
        if kind == "Pod" {
            // Of the stored version, whose address the facts note.
            self.set_pod_facts(key.clone(), PodFacts::of(&stored));
        }
        if kind == "Event" {
            if let Some(old) = &old {
                self.unindex_event(&key, old);
            }
            if let Some(uid) = new_event_uid {
                self.events_by_uid
                    .entry(uid)
                    .or_default()
                    .insert(key.clone());
            }
        }
        if old_owners != new_owners {
            if let Some(index) = self.dependents.0.as_mut() {
                for u in old_owners {
                    if let Some(set) = index.get_mut(&u) {
                        set.remove(&(kind.clone(), key.clone()));
                    }
                }
                for u in new_owners {
                    index
                        .entry(u)
                        .or_default()
                        .insert((kind.clone(), key.clone()));
                }
            }
        }
        self.record(Change {
            rv,
            kind,
            key,
            change,
            old_labels,
            last: None,
            status_only: false,
        });
        stored
    }

    /// Replaces one top-level field of a stored object in place (controllers' status writes);
    /// returns whether anything changed. Cheaper than a get-clone-put of the whole object.
    pub fn set_field(&mut self, kind: &str, key: &ObjKey, field: &str, value: Value) -> bool {
        let Some(shared) = self.objects.get_mut(kind).and_then(|m| m.get_mut(key)) else {
            return false;
        };
        if shared.get(field) == Some(&value) {
            return false;
        }
        // Copies the object only if a reader still holds this version.
        let obj = Arc::make_mut(shared);
        object::set(obj, &[field], value);
        self.revision += 1;
        let rv = self.revision;
        object::set(
            obj,
            &["metadata", "resourceVersion"],
            Value::String(rv.to_string()),
        );
        let facts = (kind == "Pod").then(|| match self.pods.get(key) {
            Some(old) if field == "status" => PodFacts::after_status(old, obj),
            _ => PodFacts::of(obj),
        });
        let labels = match facts {
            Some(facts) => {
                self.set_pod_facts(key.clone(), facts);
                self.pods.get(key).map(|f| Arc::clone(&f.labels))
            }
            None => Some(Arc::new(object::labels(obj))),
        };
        self.record(Change {
            rv,
            kind: kind.to_string(),
            key: key.clone(),
            change: ChangeType::Modified,
            old_labels: labels,
            last: None,
            status_only: field == "status",
        });
        true
    }

    /// Removes an object; returns it.
    pub fn remove(&mut self, kind: &str, key: &ObjKey) -> Option<Arc<Object>> {
        let obj = self.objects.get_mut(kind)?.remove(key)?;
        let old_labels = self.labels_of(kind, key, &obj);
        if kind == "Pod" {
            if let Some(old) = self.pods.remove(key) {
                self.cell_text.release(&old.cells);
                self.owned.count(&key.namespace, &old, false);
            }
        }
        if kind == "Event" {
            self.unindex_event(key, &obj);
        }
        if let Some(index) = self.dependents.0.as_mut() {
            for u in owner_uids(&obj) {
                if let Some(set) = index.get_mut(&u) {
                    set.remove(&(kind.to_string(), key.clone()));
                    if set.is_empty() {
                        index.remove(&u);
                    }
                }
            }
        }
        let rv = self.next_rv();
        self.record(Change {
            rv,
            kind: kind.to_string(),
            key: key.clone(),
            change: ChangeType::Deleted,
            old_labels: Some(old_labels),
            last: Some(Arc::clone(&obj)),
            status_only: false,
        });
        Some(obj)
    }

    /// The changes after resourceVersion `rv`, oldest first; `None` when the log no longer
    /// reaches back that far (a watch must then list again).
    pub fn changes_since(&self, rv: u64) -> Option<impl Iterator<Item = &Change>> {
        let oldest = self.log.front().map_or(self.revision + 1, |c| c.rv);
        if rv + 1 < oldest && rv < self.revision {
            return None;
        }
        // The log is in resourceVersion order: start where `rv` ends.
        let from = self.log.partition_point(|c| c.rv <= rv);
        Some(self.log.range(from..))
    }

    /// The (kind, key) of every object whose ownerReferences name `uid`.
    pub fn dependents_of(&mut self, uid: &str) -> Vec<(String, ObjKey)> {
        if self.dependents.0.is_none() {
            let mut index: DependentIndex = BTreeMap::new();
            for (kind, objs) in &self.objects {
                for (key, obj) in objs {
                    for u in owner_uids(obj) {
                        index
                            .entry(u)
                            .or_default()
                            .insert((kind.clone(), key.clone()));
                    }
                }
            }
            self.dependents.0 = Some(index);
        }
        self.dependents
            .0
            .as_ref()
            .and_then(|i| i.get(uid))
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_row::{PodCells, PodListing};
    use crate::time::Time;
    use serde_json::json;

    fn pod(ns: &str, name: &str) -> Object {
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns}})
    }

    fn labeled(name: &str, app: &str) -> Object {
        json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "default", "labels": {"app": app}}})
    }

    #[test]
    fn pods_with_equal_labels_share_one_set() {
        let mut s = Store::new(0);
        for name in ["a", "b"] {
            s.put(labeled(name, "web"));
        }
        s.put(labeled("c", "db"));
        let facts = |s: &Store, n: &str| s.pod_facts(&ObjKey::new("default", n)).cloned();
        let (a, b, c) = (facts(&s, "a"), facts(&s, "b"), facts(&s, "c"));
        let (Some(a), Some(b), Some(c)) = (a, b, c) else {
            panic!("facts missing");
        };
        assert!(Arc::ptr_eq(&a.labels, &b.labels));
        assert!(!Arc::ptr_eq(&a.labels, &c.labels));
        assert_eq!(s.label_sets.len(), 2);
        // A status write keeps the pod's set; a relabel moves it to the other one.
        s.set_field("Pod", &ObjKey::new("default", "a"), "status", json!({}));
        s.put(labeled("b", "db"));
        let (a2, b2) = (facts(&s, "a"), facts(&s, "b"));
        assert!(a2.is_some_and(|f| Arc::ptr_eq(&f.labels, &a.labels)));
        assert!(b2.is_some_and(|f| Arc::ptr_eq(&f.labels, &c.labels)));
    }

    #[test]
    fn pods_of_one_controller_share_it() {
        let owned = |name: &str, rs: &str, uid: &str| {
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default",
                "ownerReferences": [{"kind": "ReplicaSet", "name": rs, "uid": uid, "controller": true}]}})
        };
        let mut s = Store::new(0);
        s.put(owned("a", "web", "u1"));
        s.put(owned("b", "web", "u1"));
        s.put(owned("c", "db", "u2"));
        let controller = |s: &Store, n: &str| {
            s.pod_facts(&ObjKey::new("default", n))
                .and_then(|f| f.controller.clone())
        };
        let (Some(a), Some(b), Some(c)) = (
            controller(&s, "a"),
            controller(&s, "b"),
            controller(&s, "c"),
        ) else {
            panic!("controllers missing");
        };
        assert!(Arc::ptr_eq(&a, &b) && !Arc::ptr_eq(&a, &c));
        assert!(s.controller("u1").is_some_and(|m| Arc::ptr_eq(m, &a)));
        // A status write keeps it; an orphaned pod has none; a pod of another owner moves.
        s.set_field("Pod", &ObjKey::new("default", "a"), "status", json!({}));
        assert!(controller(&s, "a").is_some_and(|x| Arc::ptr_eq(&x, &a)));
        s.put(pod("default", "b"));
        assert_eq!(controller(&s, "b"), None);
        s.put(owned("c", "web", "u1"));
        assert!(controller(&s, "c").is_some_and(|x| Arc::ptr_eq(&x, &a)));
    }

    /// Each listed pod's row at time 0 as a listing makes it from the store's cells (`None`
    /// for a pod without stored cells).
    fn stored_rows(s: &Store, objs: &[&Object]) -> Vec<Option<Vec<String>>> {
        let listing = PodListing::of(s.pod_cells_of(objs), Time(0));
        (0..objs.len())
            .map(|i| {
                let mut out = Vec::new();
                listing
                    .push_row(i, &mut out)
                    .then(|| out.into_iter().map(std::borrow::Cow::into_owned).collect())
            })
            .collect()
    }

    fn assert_facts_follow_the_stored_versions(s: &Store) {
        let listed: Vec<&Object> = s.list("Pod").collect();
        let rows = stored_rows(s, &listed);
        assert_eq!(rows.len(), s.count("Pod"));
        for (stored, row) in listed.into_iter().zip(rows) {
            let facts = s.pod_facts(&ObjKey::of(stored));
            assert_eq!(facts, Some(&PodFacts::of(stored)));
            assert_eq!(row, Some(PodCells::of(stored).at(Time(0))));
        }
    }

    #[test]
    fn each_stored_version_has_its_facts() {
        let mut s = Store::new(0);
        for n in ["a", "b", "c"] {
            s.put(labeled(n, "web"));
        }
        let (b, c) = (ObjKey::new("default", "b"), ObjKey::new("default", "c"));
        s.set_field("Pod", &b, "status", json!({"phase": "Running"}));
        s.remove("Pod", &ObjKey::new("default", "a"));
        assert_facts_follow_the_stored_versions(&s);
        // A reader holds `c`: the status write copies it, and the facts follow the copy.
        let held = s.get_shared("Pod", &c);
        s.set_field("Pod", &c, "status", json!({"phase": "Failed"}));
        assert_facts_follow_the_stored_versions(&s);
        drop(held);
        let saved = match serde_json::to_string(&s) {
            Ok(j) => j,
            Err(e) => panic!("{e}"),
        };
        match serde_json::from_str::<Store>(&saved) {
            Ok(back) => assert_facts_follow_the_stored_versions(&back),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_cells_text_is_rebuilt_when_mostly_unused() {
        let mut s = Store::new(0);
        // `d` is written once: each rebuild moves its cells.
        for n in ["a", "b", "c", "d"] {
            s.put(labeled(n, "web"));
        }
        let mut longest = 0;
        for i in 0..3000 {
            for n in ["a", "b", "c"] {
                let ip = format!("10.244.{}.{}", i % 200, i % 100);
                s.set_field(
                    "Pod",
                    &ObjKey::new("default", n),
                    "status",
                    json!({"podIP": ip}),
                );
            }
            longest = longest.max(s.cell_text.len());
        }
        s.remove("Pod", &ObjKey::new("default", "b"));
        assert_facts_follow_the_stored_versions(&s);
        // Three pods' cells are about 150 bytes: the text never held more than the unused
        // part allowed (64 KiB, or as much as what is used) and what is used.
        assert!(longest < 2 * 64 * 1024, "{longest}");
        assert!(s.cell_text.len() < 64 * 1024 + 300);
    }

    #[test]
    fn pod_cells_are_found_for_any_list_of_stored_versions() {
        let mut s = Store::new(0);
        for (ns, n, app) in [
            ("default", "a", "web"),
            ("default", "b", "db"),
            ("default", "c", "web"),
            ("kube-system", "d", "dns"),
            ("kube-system", "e", "web"),
        ] {
            let mut pod = labeled(n, app);
            pod["metadata"]["namespace"] = json!(ns);
            s.put(pod);
        }
        let all: Vec<&Object> = s.list("Pod").collect();
        let names = |objs: &[&Object]| -> Vec<String> {
            stored_rows(&s, objs)
                .into_iter()
                .map(|r| r.and_then(|r| r.first().cloned()).unwrap_or("-".into()))
                .collect()
        };
        assert_eq!(names(&all), ["a", "b", "c", "d", "e"]);
        // A selector's subset, one namespace, and an order of their own (`--sort-by`).
        let web: Vec<&Object> = all
            .iter()
            .copied()
            .filter(|p| p["metadata"]["labels"]["app"] == "web")
            .collect();
        assert_eq!(names(&web), ["a", "c", "e"]);
        let system: Vec<&Object> = s.list_ns("Pod", "kube-system").collect();
        assert_eq!(names(&system), ["d", "e"]);
        let reversed: Vec<&Object> = all.iter().rev().copied().collect();
        assert_eq!(names(&reversed), ["e", "d", "c", "b", "a"]);
        // A copy that is not the stored version (a dry run's object) has no stored cells.
        let copy = all.first().map(|p| (*p).clone());
        let mixed: Vec<&Object> = copy.iter().chain(all.iter().copied().skip(1)).collect();
        assert_eq!(names(&mixed), ["-", "b", "c", "d", "e"]);
    }

    proptest::proptest! {
        /// Any list of stored pods, in any order, with copies mixed in, gets each stored pod's
        /// own cells and nothing for a copy.
        #[test]
        fn pod_cells_of_any_list(
            pods in proptest::collection::btree_set((0u8..3, 0u8..40), 0..30),
            picks in proptest::collection::vec((0usize..64, proptest::bool::ANY), 0..40),
        ) {
            let mut s = Store::new(0);
            for (ns, n) in &pods {
                let mut pod = labeled(&format!("p{n}"), "web");
                pod["metadata"]["namespace"] = json!(["default", "kube-system", "a"][usize::from(*ns)]);
                s.put(pod);
            }
            let stored: Vec<&Object> = s.list("Pod").collect();
            let copies: Vec<Object> = stored.iter().map(|p| (*p).clone()).collect();
            let listed: Vec<(&Object, bool)> = picks
                .iter()
                .filter_map(|(i, copy)| {
                    let i = i % stored.len().max(1);
                    Some(if *copy { (copies.get(i)?, false) } else { (*stored.get(i)?, true) })
                })
                .collect();
            let objs: Vec<&Object> = listed.iter().map(|(o, _)| *o).collect();
            let rows = stored_rows(&s, &objs);
            proptest::prop_assert_eq!(rows.len(), objs.len());
            for ((obj, is_stored), row) in listed.iter().zip(rows) {
                let want = PodCells::of(obj).at(Time(0));
                proptest::prop_assert_eq!(row, is_stored.then_some(want));
            }
        }
    }

    #[test]
    fn label_sets_nothing_holds_are_swept_when_the_set_doubles() {
        let mut s = Store::new(0);
        for i in 0..300 {
            let name = format!("gone{i}");
            s.put(labeled(&name, &name));
            s.remove("Pod", &ObjKey::new("default", &name));
        }
        // The change log holds each set (the labels before each change): nothing to sweep.
        assert_eq!((s.label_sets.len(), s.label_sweep_at.0), (300, 512));
        s.log.clear();
        for i in 0..213 {
            let name = format!("kept{i}");
            s.put(labeled(&name, &name));
        }
        // The 213th new set found 512 and swept the 300 nothing held.
        assert_eq!((s.label_sets.len(), s.label_sweep_at.0), (213, 424));
    }

    #[test]
    fn lists_in_etcd_key_order() {
        let mut s = Store::new(100);
        for (ns, n) in [
            ("kube-system", "b"),
            ("default", "web"),
            ("default", "dnsutils"),
            ("a-b", "x"),
        ] {
            s.put(pod(ns, n));
        }
        let names: Vec<_> = s
            .list("Pod")
            .map(|o| format!("{}/{}", object::namespace(o), object::name(o)))
            .collect();
        assert_eq!(
            names,
            ["a-b/x", "default/dnsutils", "default/web", "kube-system/b"]
        );
        let default: Vec<_> = s.list_ns("Pod", "default").map(object::name).collect();
        assert_eq!(default, ["dnsutils", "web"]);
        assert_eq!(s.revision(), 104);
    }

    #[test]
    fn logs_changes_with_resource_versions() {
        let mut s = Store::new(0);
        s.put(pod("default", "a"));
        s.put(pod("default", "a"));
        s.remove("Pod", &ObjKey::new("default", "a"));
        let kinds: Vec<_> = s.changes_since(0).unwrap().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            [ChangeType::Added, ChangeType::Modified, ChangeType::Deleted]
        );
        assert_eq!(s.changes_since(2).unwrap().count(), 1);
        let json = serde_json::to_string(&s).unwrap();
        let back: Store = serde_json::from_str(&json).unwrap();
        assert_eq!(back.objects, s.objects);
        assert_eq!(back.revision(), s.revision());
    }

    #[test]
    fn events_are_indexed_by_their_involved_object() {
        let ev = |name: &str, uid: &str| {
            json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": name, "namespace": "default"},
                "involvedObject": {"uid": uid}})
        };
        let mut s = Store::new(0);
        s.put(ev("a", "u1"));
        s.put(ev("b", "u1"));
        s.put(ev("c", "u2"));
        let names = |s: &Store, uid: &str| -> Vec<String> {
            s.events_for_uid(uid).map(|k| k.name.clone()).collect()
        };
        assert_eq!(names(&s, "u1"), ["a", "b"]);
        s.put(ev("b", "u2"));
        assert_eq!(names(&s, "u1"), ["a"]);
        assert_eq!(names(&s, "u2"), ["b", "c"]);
        s.remove("Event", &ObjKey::new("default", "a"));
        assert!(names(&s, "u1").is_empty());
        let back: Store = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(names(&back, "u2"), ["b", "c"]);
    }
}
