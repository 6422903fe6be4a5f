//! The ReplicaSet controller: keeps `spec.replicas` active pods that match the selector.

use super::deployment::owner_ref;
use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// Whether a pod counts toward a controller's replicas (`controller.IsPodActive`).
pub fn is_active(pod: &Value) -> bool {
    !object::is_terminating(pod)
        && !matches!(
            object::str_at(pod, &["status", "phase"]),
            Some("Succeeded" | "Failed")
        )
}

/// Whether the pod's Ready condition is True.
pub fn is_ready(pod: &Value) -> bool {
    object::array_at(pod, &["status", "conditions"])
        .iter()
        .any(|c| {
            object::str_at(c, &["type"]) == Some("Ready")
                && object::str_at(c, &["status"]) == Some("True")
        })
}

/// The pod of a template, as `controller.GetPodFromTemplate` builds it.
pub fn pod_from_template(owner: &Value, template: &Value, generate_name: &str) -> Value {
    let mut meta = json!({
        "generateName": generate_name,
        "namespace": object::namespace(owner),
        "ownerReferences": [owner_ref(owner)],
    });
    if let Some(l) = template.pointer("/metadata/labels") {
        object::set(&mut meta, &["labels"], l.clone());
    }
    if let Some(a) = template.pointer("/metadata/annotations") {
        object::set(&mut meta, &["annotations"], a.clone());
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or(json!({})),
    })
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
    newest: Option<Time>,
}

impl Recent {
    fn new(now: Time) -> Recent {
        Recent {
            since: now.plus(-BURST_MS).rfc3339(),
            count: 0,
            newest: None,
        }
    }

    fn see(&mut self, pod: &Value) {
        let created = object::str_at(pod, &["metadata", "creationTimestamp"]).unwrap_or("");
        if created > self.since.as_str() {
            self.count += 1;
            if let Some(t) = Time::parse_rfc3339(created) {
                self.newest = Some(self.newest.map_or(t, |o| o.max(t)));
            }
        }
    }

    fn frees(&self) -> Option<Time> {
        self.newest.map(|t| t.plus(BURST_MS + 1000))
    }
}

/// What the controller needs to know of one pod, read without copying it.
struct PodFacts {
    key: ObjKey,
    ready: bool,
    fully_labeled: bool,
}

/// Reconciles one ReplicaSet.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let rs = cl.store.get("ReplicaSet", key)?.clone();
    if object::is_terminating(&rs) {
        return None;
    }
    let uid = object::uid(&rs).to_string();
    let selector = rs.pointer("/spec/selector").cloned().unwrap_or(Value::Null);
    let template_labels = object::string_map(&rs, &["spec", "template", "metadata", "labels"]);
    // Claim pods: adopt matching orphans, release owned pods that stopped matching.
    let mut active: Vec<PodFacts> = Vec::new();
    let mut adopt: Vec<ObjKey> = Vec::new();
    let mut release: Vec<ObjKey> = Vec::new();
    let mut recent = Recent::new(cl.now);
    for pod in cl.store.list_ns("Pod", &key.namespace) {
        let owner = object::controller_of(pod).map(|(_, _, u)| u);
        let ours = owner == Some(uid.as_str());
        if owner.is_some() && !ours {
            continue;
        }
        if ours {
            recent.see(pod);
        }
        let matches = object::label_selector_matches_obj(&selector, pod);
        match (ours, matches) {
            (true, false) => release.push(ObjKey::of(pod)),
            (false, true) if is_active(pod) => adopt.push(ObjKey::of(pod)),
            (true, true) if is_active(pod) => active.push(PodFacts {
                key: ObjKey::of(pod),
                ready: is_ready(pod),
                fully_labeled: object::selector_matches_obj(&template_labels, pod),
            }),
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
        active.push(PodFacts {
            key: ObjKey::of(&pod),
            ready: is_ready(&pod),
            fully_labeled: object::selector_matches_obj(&template_labels, &pod),
        });
        cl.write(pod);
    }
    let want = object::i64_at(&rs, &["spec", "replicas"])
        .unwrap_or(1)
        .max(0) as usize;
    let rs_name = object::name(&rs).to_string();
    let mut again = None;
    if active.len() < want {
        let template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        let mut made = Vec::new();
        let missing = want - active.len();
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
            active.push(PodFacts {
                key: ObjKey::of(p),
                ready: false,
                fully_labeled: object::selector_matches_obj(&template_labels, p),
            });
        }
    } else if active.len() > want {
        // Rank only when scaling down: the least useful pods go first.
        let mut ranked: Vec<(_, PodFacts)> = active
            .drain(..)
            .map(|f| (cl.store.get("Pod", &f.key).map(deletion_rank), f))
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        let surplus = ranked.len() - want;
        let burst = surplus.min(BURST_REPLICAS);
        if surplus > BURST_REPLICAS {
            again = Some(cl.now.plus(BURST_MS));
        }
        let doomed: Vec<PodFacts> = ranked.drain(..burst).map(|(_, f)| f).collect();
        active = ranked.into_iter().map(|(_, f)| f).collect();
        for pod in doomed {
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
    let ready = active.iter().filter(|p| p.ready).count() as i64;
    let fully = active.iter().filter(|p| p.fully_labeled).count() as i64;
    let mut status = json!({
        "observedGeneration": object::i64_at(&rs, &["metadata", "generation"]).unwrap_or(1),
        "replicas": active.len() as i64,
    });
    for (k, v) in [
        ("fullyLabeledReplicas", fully),
        ("readyReplicas", ready),
        ("availableReplicas", ready),
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
