//! The ReplicaSet controller: keeps `spec.replicas` active pods that match the selector.

use super::deployment::owner_ref;
use crate::cluster::Cluster;
use crate::object::{self, s, Labels};
use crate::pod_facts::LabelMemo;
use crate::selector::LabelSelector;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};
use std::sync::Arc;

pub use crate::pod_facts::{is_active, is_ready};

/// The pod of a template, as `controller.GetPodFromTemplate` builds it.
pub fn pod_from_template(owner: &Value, template: &Value, generate_name: &str) -> Value {
    let mut meta = object::fields([
        ("generateName", s(generate_name)),
        ("namespace", s(object::namespace(owner))),
        ("ownerReferences", Value::Array(vec![owner_ref(owner)])),
    ]);
    if let Some(l) = template.pointer("/metadata/labels") {
        object::set(&mut meta, &["labels"], l.clone());
    }
    if let Some(a) = template.pointer("/metadata/annotations") {
        object::set(&mut meta, &["annotations"], a.clone());
    }
    object::fields([
        ("apiVersion", s("v1")),
        ("kind", s("Pod")),
        ("metadata", meta),
        (
            "spec",
            template
                .get("spec")
                .cloned()
                .unwrap_or_else(|| object::fields([])),
        ),
    ])
}

/// The order in which surplus pods are deleted (`ActivePodsWithRanks`): the least useful first.
fn deletion_rank(pod: &Value) -> (u8, u8, u8, std::cmp::Reverse<String>) {
    let scheduled = u8::from(object::str_at(pod, &["spec", "nodeName"]).is_some());
    let phase = match object::str_at(pod, &["status", "phase"]) {
        Some("Pending") => 0,
        Some("Unknown") => 1,
        _ => 2,
    };
    let created = object::str_at(pod, &["metadata", "creationTimestamp"])
        .unwrap_or("")
        .to_string();
    (
        scheduled,
        phase,
        u8::from(is_ready(pod)),
        std::cmp::Reverse(created),
    )
}

/// The most pods one sync creates or deletes (`BurstReplicas` in kube-controller-manager).
pub const BURST_REPLICAS: usize = 500;

/// Requests a second the controller-manager's client sends (`--kube-api-qps`). A controller
/// makes at most [`BURST_REPLICAS`] pods in the time their requests take at this rate, so that
/// `--replicas=2147483647` makes pods at a real cluster's pace, not all in one command.
const API_QPS: i64 = 20;

/// How long the requests of one burst take at [`API_QPS`] (25 s).
const BURST_MS: i64 = 1000 * BURST_REPLICAS as i64 / API_QPS;

/// Counts the pods a controller made in the last [`BURST_MS`], failed ones too (they took
/// requests as well), and knows when the window is free again: a second after the newest of
/// them, creation timestamps being in whole seconds (the next burst is then a whole one).
struct Recent {
    /// RFC 3339 of the window's start: text order is time order (whole seconds, UTC).
    since: String,
    count: usize,
    /// The newest creation time seen in the window, as text (parsed once, by `frees`).
    newest: Option<String>,
}

impl Recent {
    fn new(now: Time) -> Recent {
        Recent {
            since: now.plus(-BURST_MS).rfc3339(),
            count: 0,
            newest: None,
        }
    }

    fn see(&mut self, created: &str) {
        if created > self.since.as_str() {
            self.count += 1;
            if self.newest.as_deref().is_none_or(|n| created > n)
                && Time::parse_rfc3339(created).is_some()
            {
                self.newest = Some(created.to_string());
            }
        }
    }

    fn frees(&self) -> Option<Time> {
        let newest = Time::parse_rfc3339(self.newest.as_deref()?)?;
        Some(newest.plus(BURST_MS + 1000))
    }
}

/// What the controller needs to know of one active pod it owns.
struct Owned {
    key: ObjKey,
    ready: bool,
    fully_labeled: bool,
}

/// Reconciles one ReplicaSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let rs = cl.store.get_shared("ReplicaSet", key)?;
    if object::is_terminating(&rs) {
        return None;
    }
    let uid = object::uid(&rs).to_string();
    let selector = LabelSelector::of(rs.pointer("/spec/selector"));
    let template_labels = object::string_map(&rs, &["spec", "template", "metadata", "labels"]);
    let want = object::i64_at(&rs, &["spec", "replicas"])
        .unwrap_or(1)
        .max(0) as usize;
    // Claim pods: adopt matching orphans, release owned pods that stopped matching. Only
    // counts are kept of the active pods unless there are too many (then they are ranked),
    // so a steady sync of 10,000 pods copies nothing.
    let mut adopt: Vec<ObjKey> = Vec::new();
    let mut release: Vec<ObjKey> = Vec::new();
    let mut recent = Recent::new(cl.now);
    let (mut active, mut ready, mut fully) = (0usize, 0usize, 0usize);
    // (selected, fully labeled), computed once per distinct label set.
    let mut memo = LabelMemo::new();
    let mut test = |labels: &Arc<Labels>| {
        memo.get(labels, |l| {
            (
                selector.matches(l),
                object::selector_matches(&template_labels, l),
            )
        })
    };
    for (pod_key, pod) in cl.store.pod_facts_ns(&key.namespace) {
        let owner = pod.controller_uid();
        let ours = owner == Some(uid.as_str());
        if owner.is_some() && !ours {
            continue;
        }
        if ours {
            recent.see(&pod.created);
        }
        let (selected, fully_labeled) = test(&pod.labels);
        match (ours, selected) {
            (true, false) => release.push(pod_key.clone()),
            (false, true) if pod.active => adopt.push(pod_key.clone()),
            (true, true) if pod.active => {
                active += 1;
                ready += usize::from(pod.ready);
                fully += usize::from(fully_labeled);
            }
            _ => {}
        }
    }
    for k in release {
        if let Some(mut pod) = cl.store.get("Pod", &k).cloned() {
            object::remove(&mut pod, &["metadata", "ownerReferences"]);
            cl.write(pod);
        }
    }
    for k in adopt {
        let Some(mut pod) = cl.store.get("Pod", &k).cloned() else {
            continue;
        };
        let refs = object::object_mut(&mut pod, &["metadata"])
            .entry("ownerReferences")
            .or_insert_with(|| json!([]));
        if let Value::Array(r) = refs {
            r.push(owner_ref(&rs));
        }
        active += 1;
        ready += usize::from(is_ready(&pod));
        fully += usize::from(object::selector_matches_obj(&template_labels, &pod));
        cl.write(pod);
    }
    let rs_name = object::name(&rs).to_string();
    let mut again = None;
    if active < want {
        let template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        let mut made = Vec::new();
        let missing = want - active;
        let burst = missing.min(BURST_REPLICAS.saturating_sub(recent.count));
        if burst < missing {
            // Come back when the window is free, counting the pods made now from this second.
            let this_second = Time::parse_rfc3339(&cl.now.rfc3339()).unwrap_or(cl.now);
            let made_now = (burst > 0).then(|| this_second.plus(BURST_MS + 1000));
            again = made_now.or(recent.frees());
        }
        for _ in 0..burst {
            let pod = pod_from_template(&rs, &template, &format!("{rs_name}-"));
            match cl.create_unsettled(pod) {
                Ok(p) => made.push(p),
                Err(e) => {
                    crate::events::record(
                        cl,
                        &rs,
                        "Warning",
                        "FailedCreate",
                        &format!("Error creating: {e}"),
                        "replicaset-controller",
                    );
                    break;
                }
            }
        }
        for p in &made {
            crate::events::record(
                cl,
                &rs,
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {}", object::name(p)),
                "replicaset-controller",
            );
            active += 1;
            fully += usize::from(object::selector_matches_obj(&template_labels, p));
        }
    } else if active > want {
        // Rank only when scaling down: the least useful pods go first.
        let mut ranked: Vec<(_, Owned)> = cl
            .store
            .pod_facts_ns(&key.namespace)
            .filter(|(_, p)| p.active && p.controller_uid() == Some(uid.as_str()))
            .filter_map(|(k, p)| {
                let (selected, fully_labeled) = test(&p.labels);
                selected.then(|| Owned {
                    key: k.clone(),
                    ready: p.ready,
                    fully_labeled,
                })
            })
            .map(|f| (cl.store.get("Pod", &f.key).map(deletion_rank), f))
            .collect();
        crate::sort::sort_by(&mut ranked, |a, b| a.0.cmp(&b.0));
        let surplus = ranked.len().saturating_sub(want);
        let burst = surplus.min(BURST_REPLICAS);
        if surplus > BURST_REPLICAS {
            again = Some(cl.now.plus(BURST_MS));
        }
        for (_, pod) in ranked.drain(..burst) {
            active -= 1;
            ready -= usize::from(pod.ready);
            fully -= usize::from(pod.fully_labeled);
            if let Some(rt) = crate::kind::by_kind("Pod") {
                let _ = cl.delete_unsettled(rt, &key.namespace, &pod.key.name, Default::default());
            }
            crate::events::record(
                cl,
                &rs,
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {}", pod.key.name),
                "replicaset-controller",
            );
        }
    }
    // Status, from the pods that are left.
    let mut status = json!({
        "observedGeneration": object::i64_at(&rs, &["metadata", "generation"]).unwrap_or(1),
        "replicas": active as i64,
    });
    for (k, v) in [
        ("fullyLabeledReplicas", fully as i64),
        ("readyReplicas", ready as i64),
        ("availableReplicas", ready as i64),
    ] {
        if v != 0 {
            object::set(&mut status, &[k], json!(v));
        }
    }
    if let Some(fresh) = cl.store.get("ReplicaSet", key) {
        if fresh.get("status") != Some(&status) {
            let mut rs2 = fresh.clone();
            object::set(&mut rs2, &["status"], status);
            cl.write(rs2);
        }
    }
    again
}
