//! The cluster: the store, the clock, the random source and the control loop that drives the
//! controllers until the state settles.

use crate::controllers::{self, Controller};
use crate::kubelet::Runtime;
use crate::network::{PodIpam, ServiceIpam};
use crate::object::{self, Object};
use crate::profile::Profile;
use crate::rng::Rng;
use crate::store::{Change, ChangeType, ObjKey, Store};
use crate::time::Time;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Work for a controller: reconcile the object at this key.
pub type WorkItem = (Controller, ObjKey);

/// How many rounds the control loop runs before it gives up on settling (a safety net: a
/// controller bug must never hang the tab).
const MAX_ROUNDS: usize = 200;

/// Timers fire on 100 ms ticks: components that wake up within the same tick are handled in
/// one pass, as kubelets and controllers batch their work (and 10,000 pods stay cheap).
const TICK_MS: i64 = 100;

/// The first tick at or after `t`.
fn tick_of(t: Time) -> Time {
    // Saturating: a timer at the end of time (`sleep 1e300` in a container) stays there.
    Time(t.0.saturating_add(TICK_MS - 1).div_euclid(TICK_MS) * TICK_MS)
}

/// The simulated cluster. Everything observable is in here, and it all serializes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub(crate) store: Store,
    pub(crate) now: Time,
    pub(crate) rng: Rng,
    pub(crate) profile: Profile,
    pub(crate) runtime: Runtime,
    pub(crate) pod_ipam: BTreeMap<String, PodIpam>,
    pub(crate) service_ipam: ServiceIpam,
    pub(crate) queue: BTreeSet<WorkItem>,
    pub(crate) timers: BTreeSet<(Time, Controller, ObjKey)>,
    /// uids of deleted objects whose dependents the garbage collector must look at.
    pub(crate) orphaned_uids: BTreeSet<String>,
    pub(crate) dispatched: u64,
    /// A counter for event names and other unique suffixes.
    pub(crate) serial: u64,
    pub(crate) events: crate::events::Recorder,
    /// Pods no node could take; they are tried again when a pod goes or a node changes.
    #[serde(default)]
    pub(crate) unschedulable: BTreeSet<ObjKey>,
    /// Pods the taint-eviction-controller will delete (by key, with their uid), and when it
    /// first saw them tolerate a `NoExecute` taint for a while.
    #[serde(default)]
    pub(crate) evictions: BTreeMap<ObjKey, (String, Time)>,
    /// Open [`Cluster::begin_batch`]es: while any is open, writes wait for the controllers.
    #[serde(skip)]
    pub(crate) batching: u32,
    /// Recent connections through Services (transient, for the view).
    #[serde(skip)]
    pub(crate) flows: crate::store::Transient<std::collections::VecDeque<crate::traffic::Flow>>,
    /// `kubectl port-forward` listeners on the lab host's loopback, by local port (transient:
    /// the kubectl processes end with the page).
    #[serde(skip)]
    pub(crate) forwards: crate::store::Transient<BTreeMap<u16, crate::traffic::PortForward>>,
    /// What the scheduler read of each node (transient: read again from the nodes).
    #[serde(skip)]
    pub(crate) node_fits: crate::store::Transient<Vec<crate::controllers::scheduler::NodeFit>>,
}

impl Cluster {
    /// A cluster of `profile`, booted `profile.uptime` before `start`, with all system pods running.
    pub fn new(profile: Profile, seed: u64, start: Time) -> Cluster {
        let boot = start.plus(-profile.uptime_ms);
        let mut cluster = Cluster {
            store: Store::new(profile.first_resource_version),
            now: boot,
            rng: Rng::seeded(seed),
            pod_ipam: BTreeMap::new(),
            service_ipam: ServiceIpam::new(profile.service_cidr),
            runtime: Runtime::default(),
            profile,
            queue: BTreeSet::new(),
            timers: BTreeSet::new(),
            orphaned_uids: BTreeSet::new(),
            dispatched: 0,
            serial: 0,
            events: Default::default(),
            batching: 0,
            unschedulable: BTreeSet::new(),
            evictions: BTreeMap::new(),
            flows: Default::default(),
            forwards: Default::default(),
            node_fits: Default::default(),
        };
        crate::profile::boot(&mut cluster);
        cluster.settle();
        // Add-ons come up once the CNI is ready, so CoreDNS takes the first pod addresses.
        cluster.advance(5_000);
        crate::profile::boot_addons(&mut cluster);
        cluster.settle();
        cluster.advance_to(start);
        cluster
    }

    /// The current virtual time.
    pub fn now(&self) -> Time {
        self.now
    }

    /// The profile the cluster was built from.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Read access to the stored objects.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Moves the clock forward to `t`, firing every timer due on the way, in order.
    /// Going backwards is ignored: virtual time never runs back.
    pub fn advance_to(&mut self, t: Time) {
        while let Some(&(due, _, _)) = self.timers.first() {
            if due > t {
                break;
            }
            self.now = self.now.max(due);
            while let Some(first) = self.timers.first() {
                if first.0 > self.now {
                    break;
                }
                if let Some((_, c, key)) = self.timers.pop_first() {
                    self.queue.insert((c, key));
                }
            }
            self.settle();
        }
        self.now = self.now.max(t);
        self.settle();
    }

    /// Moves the clock forward by `ms`.
    pub fn advance(&mut self, ms: i64) {
        self.advance_to(self.now.plus(ms));
    }

    /// A number in `0..n` from the cluster's seeded generator, for clients that need one
    /// (the digits of `kubectl edit`'s temporary file): the same seed gives the same numbers.
    pub fn random_below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }

    /// The earliest pending timer, if any: when something will next happen on its own.
    pub fn next_event(&self) -> Option<Time> {
        self.timers.first().map(|t| t.0)
    }

    /// Starts a batch of writes that the controllers see together when it ends, as a real
    /// control plane's work queues coalesce quick writes: `kubectl label pods --all` over
    /// thousands of pods syncs each Service once, not once per pod. No time passes in a batch.
    pub fn begin_batch(&mut self) {
        self.batching += 1;
    }

    /// Ends a batch; the controllers then react to all of its writes.
    pub fn end_batch(&mut self) {
        self.batching = self.batching.saturating_sub(1);
        self.settle();
    }

    /// Runs the controllers until nothing more changes at the current instant.
    pub(crate) fn settle(&mut self) {
        if self.batching > 0 {
            return;
        }
        for _ in 0..MAX_ROUNDS {
            self.dispatch_changes();
            if self.queue.is_empty() && self.orphaned_uids.is_empty() {
                return;
            }
            let work = std::mem::take(&mut self.queue);
            for (controller, key) in work {
                if let Some(at) = controllers::reconcile(self, controller, &key) {
                    self.timers.insert((tick_of(at), controller, key));
                }
            }
            let uids = std::mem::take(&mut self.orphaned_uids);
            for uid in uids {
                controllers::gc::collect(self, &uid);
            }
        }
    }

    /// Turns new store changes into controller work, as informers do.
    fn dispatch_changes(&mut self) {
        let Some(changes) = self.store.changes_since(self.dispatched) else {
            // The log overflowed: resync everything.
            self.dispatched = self.store.revision();
            self.resync_all();
            return;
        };
        let mut work = Vec::new();
        for change in changes {
            controllers::dispatch(&self.store, &mut self.unschedulable, change, &mut work);
            if change.change == ChangeType::Deleted {
                if let Some(last) = &change.last {
                    let uid = object::uid(last);
                    if !uid.is_empty() {
                        self.orphaned_uids.insert(uid.to_string());
                    }
                }
            }
        }
        self.dispatched = self.store.revision();
        self.queue.extend(work);
    }

    fn resync_all(&mut self) {
        for kind in [
            "Namespace",
            "Deployment",
            "ReplicaSet",
            "DaemonSet",
            "StatefulSet",
            "Pod",
            "Service",
        ] {
            let keys: Vec<ObjKey> = self.store.list(kind).map(ObjKey::of).collect();
            let mut work = Vec::new();
            for key in keys {
                let change = Change {
                    rv: 0,
                    kind: kind.to_string(),
                    key,
                    change: ChangeType::Modified,
                    old_labels: None,
                    last: None,
                    status_only: false,
                };
                controllers::dispatch(&self.store, &mut self.unschedulable, &change, &mut work);
            }
            self.queue.extend(work);
        }
    }

    /// Writes an object as a controller does (no validation, no admission).
    pub(crate) fn write(&mut self, obj: Object) {
        self.store.put(obj);
    }

    /// A fresh number, unique in this cluster.
    pub(crate) fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// Read access to the node runtime (containers, logs).
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }
}
