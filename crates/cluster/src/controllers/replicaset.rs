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
    if let Some(l) = object::get(template, &["metadata", "labels"]) {
        object::set(&mut meta, &["labels"], l.clone());
    }
    if let Some(a) = object::get(template, &["metadata", "annotations"]) {
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

/// Requests a second the controller-manager's client sends (`--kube-api-qps`), and how many it
/// sends at once after a quiet while (`--kube-api-burst`): a ReplicaSet's pods are created at
/// this pace, 30 at once and then 20 a second, as on a real cluster (`--replicas=10000` takes
/// over eight minutes there too). Spreading them also spreads the work they cause: 500 pods
/// made in one sync held the page for over 100 ms.
const API_QPS: usize = 20;
const API_BURST: usize = 30;

/// How long a burst of deletions waits for its requests at [`API_QPS`] (25 s).
const BURST_MS: i64 = 1000 * BURST_REPLICAS as i64 / API_QPS as i64;

/// The controller's client's request budget for this second, from the ReplicaSet's pods made
/// this second and the one before (creation times are whole seconds, so a second is a window):
/// a full burst after a second that made fewer than [`API_QPS`], else [`API_QPS`]; less the
/// pods made this second already.
fn allowed(made_now: usize, made_before: usize) -> usize {
    let budget = if made_before >= API_QPS {
        API_QPS
    } else {
        API_BURST
    };
    budget.saturating_sub(made_now)
}

/// The whole second `now` is in (pods' creation times are whole seconds).
fn second_of(now: Time) -> Time {
    Time(now.0.div_euclid(1000) * 1000)
}

/// What a sync finds of the pods: which to adopt and release, and counts of its own active
/// ones that its selector selects.
#[derive(Debug, Default, PartialEq, Eq)]
struct Claim {
    adopt: Vec<ObjKey>,
    release: Vec<ObjKey>,
    active: usize,
    ready: usize,
    fully_labeled: usize,
    /// Its pods created this second and the one before.
    made_now: usize,
    made_before: usize,
}

/// `(selected, fully labeled)` of a label set.
type LabelTest<'a> = dyn FnMut(&Arc<Labels>) -> (bool, bool) + 'a;

/// The claim from every pod of the namespace.
fn walk(cl: &Cluster, uid: &str, namespace: &str, second: Time, test: &mut LabelTest) -> Claim {
    let mut claim = Claim::default();
    // The pods' facts share their controller: ours is found by its address.
    let mine = cl.store.controller(uid);
    for (pod_key, pod) in cl.store.pod_facts_ns(namespace) {
        let ours = match (&pod.controller, mine) {
            (Some(c), Some(m)) if Arc::ptr_eq(c, m) => true,
            (Some(c), _) if c.uid != uid => continue,
            (owner, _) => owner.is_some(),
        };
        if ours {
            match pod.created {
                Some(t) if t == second => claim.made_now += 1,
                Some(t) if t == second.plus(-1000) => claim.made_before += 1,
                _ => {}
            }
        }
        let (selected, fully_labeled) = test(&pod.labels);
        match (ours, selected) {
            (true, false) => claim.release.push(pod_key.clone()),
            (false, true) if pod.active => claim.adopt.push(pod_key.clone()),
            (true, true) if pod.active => {
                claim.active += 1;
                claim.ready += usize::from(pod.ready);
                claim.fully_labeled += usize::from(fully_labeled);
            }
            _ => {}
        }
    }
    claim
}

/// The claim from the store's counts of the ReplicaSet's pods, when it has nothing to adopt (its
/// selector selects no active pod without a controller) or release (it selects each of its
/// pods' label sets); `None` otherwise.
fn counted(
    cl: &Cluster,
    uid: &str,
    namespace: &str,
    second: Time,
    test: &mut LabelTest,
) -> Option<Claim> {
    let index = cl.store.owned_pods();
    for (labels, counts) in index.orphans(namespace) {
        if counts.active > 0 && test(labels).0 {
            return None;
        }
    }
    let mut claim = Claim::default();
    let Some(owned) = index.of(uid) else {
        return Some(claim);
    };
    for (labels, counts) in &owned.by_labels {
        let (selected, fully_labeled) = test(labels);
        if !selected {
            return None;
        }
        claim.active += counts.active;
        claim.ready += counts.active_ready;
        if fully_labeled {
            claim.fully_labeled += counts.active;
        }
    }
    claim.made_now = owned.created_at(second);
    claim.made_before = owned.created_at(second.plus(-1000));
    Some(claim)
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
    let selector = LabelSelector::of(object::get(&rs, &["spec", "selector"]));
    let template_labels = object::string_map(&rs, &["spec", "template", "metadata", "labels"]);
    let want = object::i64_at(&rs, &["spec", "replicas"])
        .unwrap_or(1)
        .max(0) as usize;
    // Claim pods: adopt matching orphans, release owned pods that stopped matching. Only
    // counts are kept of the active pods unless there are too many (then they are ranked),
    // so a steady sync of 10,000 pods copies nothing.
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
    let second = second_of(cl.now);
    let claim = match counted(cl, &uid, &key.namespace, second, &mut test) {
        Some(claim) => {
            // Every test run checks the counts against the walk they spare.
            debug_assert_eq!(claim, walk(cl, &uid, &key.namespace, second, &mut test));
            claim
        }
        None => walk(cl, &uid, &key.namespace, second, &mut test),
    };
    let Claim {
        adopt,
        release,
        mut active,
        mut ready,
        fully_labeled: mut fully,
        made_now,
        made_before,
    } = claim;
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
        let template = object::get(&rs, &["spec", "template"])
            .cloned()
            .unwrap_or(Value::Null);
        let mut made = Vec::new();
        let missing = want - active;
        let burst = missing
            .min(BURST_REPLICAS)
            .min(allowed(made_now, made_before));
        if burst < missing {
            // Come back at the next second, with its requests.
            again = Some(second.plus(1000));
        }
        for _ in 0..burst {
            let pod = pod_from_template(&rs, &template, &format!("{rs_name}-"));
            match cl.create_made(pod) {
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
