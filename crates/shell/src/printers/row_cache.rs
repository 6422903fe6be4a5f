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
    pub fn prepare(&mut self, cluster: &Cluster, pods: &[&Object]) {
        for &pod in pods {
            let address = std::ptr::from_ref(pod) as usize;
            if let Some(e) = self.rows.get_mut(&address) {
                e.used = self.listing;
                continue;
            }
            // The store keeps the cells of the version it holds (the API server's table
            // convertor): a pod new to this cache costs no read of its JSON.
            let key = ObjKey::of(pod);
            let stored = cluster.store().get_shared("Pod", &key);
            let cells = cluster
                .store()
                .pod_facts(&key)
                .map(|f| Arc::clone(&f.cells));
            if let (Some(version), Some(cells)) = (stored, cells) {
                if std::ptr::eq(Arc::as_ptr(&version), pod) {
                    self.rows.insert(
                        address,
                        Entry {
                            cells,
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
