//! Events, as components record them (`kubectl describe` and `kubectl get events` read these).

use crate::cluster::Cluster;
use crate::object::{self, s, Object};
use crate::store::ObjKey;
use crate::time::Time;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// At most this many events are kept (a real API server expires them after an hour).
const MAX_EVENTS: usize = 2000;

/// Who reports an event and about which part of the object.
#[derive(Clone, Copy, Debug, Default)]
pub struct Source<'a> {
    /// `kubelet`, `default-scheduler`, `deployment-controller`...
    pub component: &'a str,
    /// The node, for kubelet events.
    pub host: Option<&'a str>,
    /// `spec.containers{hello-app}`.
    pub field_path: Option<&'a str>,
}

/// Records an event about `involved` from a control-plane component.
pub fn record(
    cl: &mut Cluster,
    involved: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    component: &str,
) {
    record_from(
        cl,
        involved,
        kind,
        reason,
        message,
        Source {
            component,
            host: None,
            field_path: None,
        },
    );
}

/// Records an event with a full source, as a component's event recorder does: through
/// client-go's event correlator (`tools/record/events_cache.go`), which the kubelet and the
/// controller manager run and the scheduler does not (it writes `events.k8s.io` events):
/// - a repeat of the same event (same object, reason and message) counts on the first one;
/// - from the tenth different message with one reason about one object within 10 minutes,
///   the events are one, "(combined from similar events): " and the latest message;
/// - each source may write 25 events about an object at once, then one every 5 minutes; an
///   event over that budget is counted but not written, so the next one written carries the
///   count (a crash-looping pod's `BackOff (x40 over 20m)`; 10,000 pods made by a
///   ReplicaSet are 9 events and one combined).
pub fn record_from(
    cl: &mut Cluster,
    involved: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    source: Source<'_>,
) {
    let ns = object::namespace(involved).to_string();
    let ns = if ns.is_empty() {
        "default".to_string()
    } else {
        ns
    };
    let now = cl.now;
    let uid = object::uid(involved);
    let correlated = source.component != "default-scheduler";
    let host = source.host.unwrap_or("");
    // The object: its uid, and its kind, namespace and name too (the taint-eviction-controller
    // refers to pods without their uid).
    let id = format!(
        "{uid}\u{0}{}\u{0}{}\u{0}{}",
        object::kind(involved),
        object::namespace(involved),
        object::name(involved)
    );
    // The keys: this event (a repeat counts on it), its similar events (those differing only in
    // message) and its source and object (the budget).
    let event_key = format!(
        "{}\u{0}{reason}\u{0}{message}\u{0}{}",
        if uid.is_empty() { id.as_str() } else { uid },
        source.field_path.unwrap_or("")
    );
    let (key, message, combined) = if correlated {
        let similar_key = format!(
            "{id}\u{0}{reason}\u{0}\u{1}{}\u{0}{host}\u{0}{kind}",
            source.component
        );
        cl.events.prune(now);
        let similar = cl.events.similar.entry(similar_key.clone()).or_default();
        if now.since(similar.last) > SIMILAR_WITHIN_MS {
            similar.messages.clear();
        }
        similar.messages.insert(message.to_string());
        similar.last = now;
        if similar.messages.len() < SIMILAR_COMBINED {
            (event_key, message.to_string(), false)
        } else {
            // client-go drops any one of them (Go's map order); the first, here.
            similar.messages.pop_first();
            let m = format!("(combined from similar events): {message}");
            (similar_key, m, true)
        }
    } else {
        (event_key, message.to_string(), false)
    };
    // What the recorder saw before: the event written for it, how often and since when.
    let seen = cl.events.index.get(&key).cloned().and_then(|k| {
        let (count, first) = match cl.events.counts.get(&key) {
            Some(c) => c.clone(),
            // A lab saved before the counts were kept: the event holds them.
            None => {
                let e = cl.store.get("Event", &k)?;
                let count = object::i64_at(e, &["count"]).unwrap_or(1);
                let first = object::str_at(e, &["firstTimestamp"]).unwrap_or("");
                (count, first.to_string())
            }
        };
        Some((k, count, first))
    });
    let (obj_key, count, first) = match seen {
        Some((k, count, first)) => (k, count + 1, first),
        None => {
            let serial = cl.next_serial();
            let name = format!(
                "{}.{:x}",
                object::name(involved),
                (now.0 as u64).wrapping_mul(1_000_000).wrapping_add(serial)
            );
            let k = ObjKey::new(&ns, &name);
            cl.events.index.insert(key.clone(), k.clone());
            cl.events.order.push_back((key.clone(), k.clone()));
            (k, 1, now.rfc3339())
        }
    };
    cl.events.counts.insert(key, (count, first.clone()));
    if !correlated || cl.events.spend(source.component, host, &id, now) {
        let written = Written {
            key: obj_key,
            count,
            first: &first,
            message: &message,
            combined,
        };
        write_event(cl, involved, kind, reason, source, written);
    }
    while cl.events.order.len() > MAX_EVENTS {
        if let Some((ik, k)) = cl.events.order.pop_front() {
            cl.events.index.remove(&ik);
            cl.events.counts.remove(&ik);
            cl.store.remove("Event", &k);
        }
    }
}

/// What the correlator decided an occurrence is written as.
struct Written<'a> {
    /// The event's namespace and name.
    key: ObjKey,
    /// Occurrences so far, this one included.
    count: i64,
    /// The first occurrence's time (RFC 3339).
    first: &'a str,
    message: &'a str,
    /// A combined event: made anew by the correlator, without the reporting fields.
    combined: bool,
}

/// Writes an event as the recorder sends it: the stored one with its count, time and message
/// brought up to date, or a new one.
fn write_event(
    cl: &mut Cluster,
    involved: &Value,
    kind: &str,
    reason: &str,
    source: Source<'_>,
    w: Written<'_>,
) {
    let now = cl.now.rfc3339();
    if let Some(e) = cl.store.get("Event", &w.key) {
        let mut e = e.clone();
        object::set(&mut e, &["count"], json!(w.count));
        object::set(&mut e, &["lastTimestamp"], json!(now));
        object::set(&mut e, &["message"], s(w.message));
        cl.write(e);
        return;
    }
    let uid = object::uid(involved);
    // Built from its parts: `json!` would serialize every nested value again.
    let mut involved_ref = object::fields([
        (
            "apiVersion",
            s(object::str_at(involved, &["apiVersion"]).unwrap_or("v1")),
        ),
        ("kind", s(object::kind(involved))),
        ("name", s(object::name(involved))),
        ("uid", s(uid)),
    ]);
    if !object::namespace(involved).is_empty() {
        object::set(
            &mut involved_ref,
            &["namespace"],
            s(w.key.namespace.as_str()),
        );
    }
    if let Some(rv) = object::str_at(involved, &["metadata", "resourceVersion"]) {
        object::set(&mut involved_ref, &["resourceVersion"], s(rv));
    }
    if let Some(fp) = source.field_path {
        object::set(&mut involved_ref, &["fieldPath"], s(fp));
    }
    let src = match source.host {
        Some(h) => object::fields([("component", s(source.component)), ("host", s(h))]),
        None => object::fields([("component", s(source.component))]),
    };
    let metadata = object::fields([
        ("creationTimestamp", s(now.as_str())),
        ("name", s(w.key.name.as_str())),
        ("namespace", s(w.key.namespace.as_str())),
        ("uid", s(cl.rng.uuid())),
    ]);
    let (reporting, instance) = if w.combined {
        ("", "")
    } else {
        (source.component, source.host.unwrap_or(""))
    };
    let event = object::fields([
        ("apiVersion", s("v1")),
        ("count", Value::from(w.count)),
        ("eventTime", Value::Null),
        ("firstTimestamp", s(w.first)),
        ("involvedObject", involved_ref),
        ("kind", s("Event")),
        ("lastTimestamp", s(now.as_str())),
        ("message", s(w.message)),
        ("metadata", metadata),
        ("reason", s(reason)),
        ("reportingComponent", s(reporting)),
        ("reportingInstance", s(instance)),
        ("source", src),
        ("type", s(kind)),
    ]);
    cl.write(event);
}

/// Different messages with one reason about one object before they are combined.
const SIMILAR_COMBINED: usize = 10;
/// Similar events further apart than this start again.
const SIMILAR_WITHIN_MS: i64 = 600_000;
/// Events a source may write about an object at once.
const BUDGET_BURST: i64 = 25;
/// Then one every 5 minutes.
const BUDGET_REFILL_MS: i64 = 300_000;
/// client-go's correlator keeps this many entries in each of its caches.
const CACHE_ENTRIES: usize = 4096;

/// Similar events seen: their messages, and when the last came.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Similar {
    messages: BTreeSet<String>,
    last: Time,
}

/// The recorder's bookkeeping: what each event key was written as (and in which order, to
/// forget the oldest), how often it happened, similar events, and each source's budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Recorder {
    index: BTreeMap<String, ObjKey>,
    order: VecDeque<(String, ObjKey)>,
    /// Occurrences and the first one's time, by the same keys as `index`.
    #[serde(default)]
    counts: BTreeMap<String, (i64, String)>,
    #[serde(default)]
    similar: BTreeMap<String, Similar>,
    /// By source and object: when its budget is full again.
    #[serde(default)]
    budget: BTreeMap<String, Time>,
}

impl Recorder {
    /// Takes one event from the budget of `component` on `host` for the object `id`, if
    /// there is one left (a token bucket of [`BUDGET_BURST`], one back every
    /// [`BUDGET_REFILL_MS`]: its state is the time it is full again).
    fn spend(&mut self, component: &str, host: &str, id: &str, now: Time) -> bool {
        let key = format!("{component}\u{0}{host}\u{0}{id}");
        let full_at = self.budget.get(&key).copied().unwrap_or(now);
        if full_at.since(now) > (BUDGET_BURST - 1) * BUDGET_REFILL_MS {
            return false;
        }
        self.budget
            .insert(key, full_at.max(now).plus(BUDGET_REFILL_MS));
        true
    }

    /// Keeps the caches at most [`CACHE_ENTRIES`] long, as client-go's LRU caches: entries
    /// that no longer change anything go first (a full budget, similar events too old), then
    /// the least recently used.
    fn prune(&mut self, now: Time) {
        if self.budget.len() > CACHE_ENTRIES {
            self.budget.retain(|_, full_at| *full_at > now);
            keep_newest(&mut self.budget, |t| *t);
        }
        if self.similar.len() > CACHE_ENTRIES {
            self.similar
                .retain(|_, s| now.since(s.last) <= SIMILAR_WITHIN_MS);
            keep_newest(&mut self.similar, |s| s.last);
        }
    }
}

/// Drops the older half of a cache still over [`CACHE_ENTRIES`].
fn keep_newest<V>(cache: &mut BTreeMap<String, V>, time: impl Fn(&V) -> Time) {
    if cache.len() <= CACHE_ENTRIES {
        return;
    }
    let mut times: Vec<Time> = cache.values().map(&time).collect();
    let cut = times.len() - CACHE_ENTRIES / 2;
    let (_, nth, _) = times.select_nth_unstable(cut);
    let nth = *nth;
    cache.retain(|_, v| time(v) >= nth);
}

/// The events about an object, oldest first.
pub fn for_object<'a>(cl: &'a Cluster, obj: &Value) -> Vec<&'a Object> {
    let uid = object::uid(obj);
    let ns = object::namespace(obj);
    let ns = if ns.is_empty() { "default" } else { ns };
    // By the store's index of involved objects: describing 1,000 pods must not read every
    // event of the namespace once per pod.
    let mut events: Vec<&Object> = cl
        .store
        .events_for_uid(uid)
        .filter(|k| k.namespace == ns)
        .filter_map(|k| cl.store.get("Event", k))
        .collect();
    crate::sort::sort_by(&mut events, |a, b| {
        let t = |e: &Object| {
            object::str_at(e, &["firstTimestamp"])
                .unwrap_or("")
                .to_string()
        };
        t(a).cmp(&t(b))
            .then_with(|| object::name(a).cmp(object::name(b)))
    });
    events
}
