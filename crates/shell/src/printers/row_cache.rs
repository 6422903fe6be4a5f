//! Pod rows kept per stored version, so that listing 10,000 pods again reads only the pods
//! written since the last listing. A stored object is shared and never changed in place while
//! someone else holds it (`cluster::store`): the cache holds each version it made a row for,
//! so that version's address stays its own, and a listing finds a pod's row by the address of
//! the object it lists, without reading its JSON at all.

use cluster::object::Object;
use cluster::pod_row::PodCells;
use cluster::store::ObjKey;
use cluster::{Cluster, Time};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// New pods in a listing above which [`RowCache::prepare`] indexes the store's pods by address.
const FEW_MISSES: usize = 64;

/// The store's pods and their cells, by the address of the stored version.
type StoredByAddress<'a> = HashMap<usize, (&'a Arc<Object>, &'a Arc<PodCells>)>;

/// One pod version and its cells.
#[derive(Clone, Debug)]
struct Entry {
    /// Held so that no other object can be at this address while the entry lives.
    _version: Arc<Object>,
    cells: Arc<PodCells>,
    /// The listing that last used it.
    used: u64,
}

/// The cache of a session (not saved: the next listing rebuilds it). A `HashMap`: a
/// `BTreeMap` here was 5 ms slower over 10,000 pods and 2 KB (brotli) larger in the wasm.
#[derive(Clone, Debug, Default)]
pub struct RowCache {
    rows: HashMap<usize, Entry>,
    listing: u64,
}

impl RowCache {
    /// Makes sure every pod of `pods` that is an object of `cluster`'s store has its cells
    /// kept (other pod objects, a dry run's, are left alone: [`RowCache::row`] makes theirs).
    /// The cells are those the store computed when it stored the pod (the API server's table
    /// convertor): a pod new to this cache costs no read of its JSON either.
    pub fn prepare(&mut self, cluster: &Cluster, pods: &[&Object]) {
        let address = |pod: &Object| std::ptr::from_ref(pod) as usize;
        let misses = pods
            .iter()
            .filter(|p| !self.rows.contains_key(&address(p)))
            .count();
        // Many new pods (a first listing, after a scale): find them all in one walk of the
        // store by address. A few: by key, each read from its JSON.
        let by_address: Option<StoredByAddress<'_>> = (misses > FEW_MISSES).then(|| {
            let store = cluster.store();
            store
                .pods_with_facts()
                .map(|(o, f)| (f.object, (o, &f.cells)))
                .collect()
        });
        for &pod in pods {
            let at = address(pod);
            if let Some(e) = self.rows.get_mut(&at) {
                e.used = self.listing;
                continue;
            }
            let found = match &by_address {
                Some(index) => index
                    .get(&at)
                    .map(|(o, cells)| (Arc::clone(o), Arc::clone(cells))),
                None => {
                    let key = ObjKey::of(pod);
                    let store = cluster.store();
                    let stored = store.get_shared("Pod", &key);
                    let cells = store.pod_facts(&key).map(|f| Arc::clone(&f.cells));
                    stored.zip(cells)
                }
            };
            if let Some((version, cells)) = found {
                if std::ptr::eq(Arc::as_ptr(&version), pod) {
                    self.rows.insert(
                        at,
                        Entry {
                            // A copy made now, beside the others of this listing: the store's
                            // were made one by one as pods changed, spread over the heap, and
                            // a listing that walks them is twice as slow (15 ms against 7.5
                            // at 10,000 pods).
                            cells: Arc::new(PodCells::clone(&cells)),
                            _version: version,
                            used: self.listing,
                        },
                    );
                }
            }
        }
    }

    /// The row of `pod` at `now`: its kept cells if [`RowCache::prepare`] kept them, else
    /// made now.
    pub fn row<'a>(&'a self, pod: &Object, now: Time) -> Vec<Cow<'a, str>> {
        let address = std::ptr::from_ref(pod) as usize;
        match self.rows.get(&address) {
            Some(e) => e.cells.cells_at(now),
            None => PodCells::of(pod)
                .at(now)
                .into_iter()
                .map(Cow::Owned)
                .collect(),
        }
    }

    /// Ends a listing: forgets the rows it did not use. Each kept row holds its pod version,
    /// so the cache holds at most one listing's worth of versions the store has replaced.
    pub fn end_listing(&mut self) {
        let listing = self.listing;
        self.rows.retain(|_, e| e.used == listing);
        self.listing += 1;
    }

    /// How many pod versions are kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster::{object, Profile};
    use serde_json::json;

    impl RowCache {
        /// [`RowCache::prepare`] then [`RowCache::row`] for one pod, owned.
        fn pod_row(&mut self, cluster: &Cluster, pod: &Object, now: Time) -> Vec<String> {
            self.prepare(cluster, &[pod]);
            self.row(pod, now)
                .into_iter()
                .map(Cow::into_owned)
                .collect()
        }
    }

    fn cluster() -> Cluster {
        Cluster::new(Profile::kind(), 1, Time(1_795_694_400_000))
    }

    fn rows(c: &mut RowCache, cl: &Cluster, now: Time) -> Vec<Vec<String>> {
        let out = cl
            .store()
            .list("Pod")
            .map(|p| c.pod_row(cl, p, now))
            .collect();
        c.end_listing();
        out
    }

    fn fresh(cl: &Cluster, now: Time) -> Vec<Vec<String>> {
        cl.store()
            .list("Pod")
            .map(|p| PodCells::of(p).at(now))
            .collect()
    }

    #[test]
    fn kept_rows_are_the_rows_with_the_clock_applied() {
        let cl = cluster();
        let mut c = RowCache::default();
        let now = cl.now();
        assert_eq!(rows(&mut c, &cl, now), fresh(&cl, now));
        assert_eq!(c.len(), cl.store().count("Pod"));
        let later = now.plus(3_600_000);
        assert_eq!(rows(&mut c, &cl, later), fresh(&cl, later));
    }

    #[test]
    fn a_written_pod_gets_a_new_row() {
        let mut cl = cluster();
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
        if let Err(e) = cl.create(d) {
            panic!("{e}");
        }
        let mut c = RowCache::default();
        let before = rows(&mut c, &cl, cl.now());
        assert!(
            before.iter().any(|r| r[2] == "ContainerCreating"),
            "{before:?}"
        );
        cl.advance(60_000);
        let now = cl.now();
        let after = rows(&mut c, &cl, now);
        assert_eq!(after, fresh(&cl, now));
        assert!(
            !after.iter().any(|r| r[2] == "ContainerCreating"),
            "{after:?}"
        );
    }

    #[test]
    fn a_first_listing_of_many_pods_finds_them_by_address() {
        let mut cl = cluster();
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": 80, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}});
        if let Err(e) = cl.create(d) {
            panic!("{e}");
        }
        cl.advance(60_000);
        let pods: Vec<&Object> = cl.store().list("Pod").collect();
        assert!(pods.len() > FEW_MISSES, "{}", pods.len());
        let mut c = RowCache::default();
        c.prepare(&cl, &pods);
        assert_eq!(c.len(), pods.len());
        let now = cl.now();
        let kept: Vec<Vec<String>> = pods
            .iter()
            .map(|p| c.row(p, now).into_iter().map(Cow::into_owned).collect())
            .collect();
        assert_eq!(kept, fresh(&cl, now));
    }

    #[test]
    fn an_object_not_from_the_store_is_not_kept() {
        let cl = cluster();
        let mut c = RowCache::default();
        let Some(copy) = cl.store().list("Pod").next().cloned() else {
            panic!("kind has pods");
        };
        let row = c.pod_row(&cl, &copy, cl.now());
        assert_eq!(row, PodCells::of(&copy).at(cl.now()));
        assert!(c.is_empty());
    }

    #[test]
    fn a_listing_keeps_only_the_versions_it_showed() {
        let mut cl = cluster();
        let mut c = RowCache::default();
        for i in 0..20 {
            let Some(mut pod) = cl.store().list("Pod").next().cloned() else {
                panic!("kind has pods");
            };
            object::set(&mut pod, &["metadata", "labels", "n"], json!(i.to_string()));
            object::remove(&mut pod, &["metadata", "resourceVersion"]);
            if let Err(e) = cl.update(pod) {
                panic!("{e}");
            }
            let Some(first) = cl.store().list("Pod").next() else {
                panic!("kind has pods");
            };
            c.pod_row(&cl, first, cl.now());
            c.end_listing();
            assert_eq!(c.len(), 1);
        }
    }
}
