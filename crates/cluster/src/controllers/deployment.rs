//! The deployment controller: one ReplicaSet per pod template, rolled over by the strategy.

use crate::cluster::Cluster;
use crate::object::{self, s, Object};
use crate::rng::{fnv1a32, safe_encode};
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};
use std::sync::Arc;

const REVISION: &str = "deployment.kubernetes.io/revision";
const DESIRED: &str = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
/// The label that ties a ReplicaSet and its pods to one pod template.
pub const HASH_LABEL: &str = "pod-template-hash";

/// `controller.ComputeHash`: FNV-32a over the template (here its canonical JSON) and the
/// collision count, printed in decimal and mapped onto the safe alphabet.
pub fn template_hash(template: &Value, collision_count: Option<i64>) -> String {
    let mut bytes = serde_json::to_vec(template).unwrap_or_default();
    if let Some(c) = collision_count {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
        bytes.extend_from_slice(&[0, 0, 0, 0]);
    }
    safe_encode(&fnv1a32(&bytes).to_string())
}

/// Whether a ReplicaSet's pod template is the Deployment's once the hash label is removed from
/// it (and its labels with it, if that was the only one). Only the template's metadata is
/// copied: this runs for every ReplicaSet on every sync.
fn same_template(rs_template: &Value, template: &Value) -> bool {
    let (Some(a), Some(b)) = (rs_template.as_object(), template.as_object()) else {
        return rs_template == template;
    };
    a.len() == b.len()
        && a.iter().all(|(k, v)| match (k.as_str(), b.get(k)) {
            ("metadata", Some(m)) => {
                let mut v = v.clone();
                object::remove(&mut v, &["labels", HASH_LABEL]);
                if object::get(&v, &["labels"])
                    .and_then(Value::as_object)
                    .is_some_and(|l| l.is_empty())
                {
                    object::remove(&mut v, &["labels"]);
                }
                v == *m
            }
            (_, Some(w)) => v == w,
            (_, None) => false,
        })
}

/// `intstr.GetScaledValueFromIntOrPercent`.
pub fn scaled(value: Option<&Value>, total: i64, round_up: bool) -> i64 {
    match value {
        Some(Value::Number(n)) => n
            .as_i64()
            .unwrap_or(0)
            .clamp(i64::from(i32::MIN), i64::from(i32::MAX)),
        Some(Value::String(p)) => {
            // Saturating, and within int32 as Go's int conversion leaves it in practice:
            // `maxSurge: 99999999999%` must not overflow `want + max_surge`.
            let pct: i64 = p.trim_end_matches('%').parse().unwrap_or(0);
            let num = pct.saturating_mul(total);
            let v = if round_up {
                num.saturating_add(99).div_euclid(100)
            } else {
                num.div_euclid(100)
            };
            v.clamp(i64::from(i32::MIN), i64::from(i32::MAX))
        }
        _ => 0,
    }
}

fn revision(obj: &Value) -> i64 {
    object::str_at(obj, &["metadata", "annotations", REVISION])
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn replicas(obj: &Value) -> i64 {
    object::i64_at(obj, &["spec", "replicas"]).unwrap_or(0)
}

fn available(obj: &Value) -> i64 {
    object::i64_at(obj, &["status", "availableReplicas"]).unwrap_or(0)
}

/// Reconciles one Deployment.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    // Shared, not copied: the sync reads it, and writes a copy only when something changed.
    let d = cl.store.get_shared("Deployment", key)?;
    if object::is_terminating(&d) {
        return None;
    }
    let uid = object::uid(&d).to_string();
    // The ReplicaSets are shared too: a sync copies one only to change it.
    let mut rss: Vec<Arc<Object>> = cl
        .store
        .list_ns_shared("ReplicaSet", &key.namespace)
        .filter(|rs| object::controller_of(rs).is_some_and(|(_, _, u)| u == uid))
        .cloned()
        .collect();
    crate::sort::sort_by(&mut rss, |a, b| {
        let ta = object::str_at(a, &["metadata", "creationTimestamp"]).unwrap_or("");
        let tb = object::str_at(b, &["metadata", "creationTimestamp"]).unwrap_or("");
        ta.cmp(tb)
            .then_with(|| object::name(a).cmp(object::name(b)))
    });
    let template = object::get(&d, &["spec", "template"]).unwrap_or(&Value::Null);
    let want = replicas(&d);
    let paused = object::get(&d, &["spec", "paused"]).and_then(Value::as_bool) == Some(true);
    let (news, olds): (Vec<Arc<Object>>, Vec<Arc<Object>>) = rss.into_iter().partition(|rs| {
        same_template(
            object::get(rs, &["spec", "template"]).unwrap_or(&Value::Null),
            template,
        )
    });
    let mut new_rs = news.into_iter().next();
    let max_old_revision = olds.iter().map(|rs| revision(rs)).max().unwrap_or(0);
    let rolling = object::str_at(&d, &["spec", "strategy", "type"]) != Some("Recreate");
    let ru = object::get(&d, &["spec", "strategy", "rollingUpdate"]);
    let mut max_surge = if rolling {
        scaled(ru.and_then(|r| r.get("maxSurge")), want, true)
    } else {
        0
    };
    let mut max_unavailable = if rolling {
        scaled(ru.and_then(|r| r.get("maxUnavailable")), want, false)
    } else {
        0
    };
    if rolling && max_surge == 0 && max_unavailable == 0 {
        max_unavailable = 1;
    }
    if max_unavailable > want {
        max_unavailable = want;
    }
    if max_surge < 0 {
        max_surge = 0;
    }
    let mut created_new = None;
    let mut olds = olds;

    // Recreate creates the new ReplicaSet only once every old pod is gone (the deployment is
    // requeued when an owned pod disappears).
    let recreate_waits =
        !rolling && (olds.iter().any(|rs| replicas(rs) > 0) || old_pods_left(cl, &olds));
    if new_rs.is_none() && !paused && !recreate_waits {
        let old_active: i64 = olds.iter().map(|rs| replicas(rs)).sum();
        let initial = if !rolling {
            if old_active > 0 {
                0
            } else {
                want
            }
        } else if old_active == 0 {
            want
        } else {
            ((want + max_surge) - old_active).clamp(0, want)
        };
        let collisions = object::i64_at(&d, &["status", "collisionCount"]);
        let hash = template_hash(template, collisions);
        let name = format!("{}-{hash}", object::name(&d));
        if cl
            .store
            .get_named("ReplicaSet", &key.namespace, &name)
            .is_some()
        {
            // A different template hashed to the same name: count the collision and retry.
            let mut d2 = Object::clone(&d);
            object::set(
                &mut d2,
                &["status", "collisionCount"],
                json!(collisions.unwrap_or(0).saturating_add(1)),
            );
            cl.write(d2);
            return None;
        }
        let rs = new_replica_set(
            &d,
            template,
            &hash,
            &name,
            initial,
            max_old_revision.saturating_add(1),
            want + max_surge,
        );
        match cl.create_made(rs) {
            Ok(rs) if initial > 0 => {
                crate::events::record(
                    cl,
                    &d,
                    "Normal",
                    "ScalingReplicaSet",
                    &format!("Scaled up replica set {name} from 0 to {initial}"),
                    "deployment-controller",
                );
                created_new = Some(name);
                new_rs = Some(rs);
            }
            Ok(rs) => {
                created_new = Some(name);
                new_rs = Some(rs);
            }
            Err(_) => return None,
        }
    }

    if let Some(rs) = new_rs.as_mut() {
        // The ReplicaSet of the current template carries the newest revision.
        let rev = revision(rs);
        if rev <= max_old_revision {
            annotate(
                rs,
                REVISION,
                &max_old_revision.saturating_add(1).to_string(),
            );
        }
    }

    if !paused {
        if rolling {
            rolling_update(
                cl,
                &d,
                &mut new_rs,
                &mut olds,
                want,
                max_surge,
                max_unavailable,
            );
        } else {
            recreate(cl, &d, &mut new_rs, &mut olds, want);
        }
    }

    // Persist ReplicaSet changes (replicas and annotations).
    for rs in new_rs.iter().chain(olds.iter()) {
        let mut rs = Arc::clone(rs);
        let total = if rolling { want + max_surge } else { want };
        if new_rs
            .as_ref()
            .is_some_and(|n| object::name(n) == object::name(&rs))
        {
            annotate(&mut rs, DESIRED, &want.to_string());
            annotate(&mut rs, MAX_REPLICAS, &total.to_string());
        }
        let stored = cl.store.get("ReplicaSet", &ObjKey::of(&rs));
        if stored.is_some_and(|s| {
            s.get("spec") != rs.get("spec")
                || object::get(s, &["metadata", "annotations"])
                    != object::get(&rs, &["metadata", "annotations"])
        }) {
            let status = stored.and_then(|s| s.get("status")).cloned();
            let mut rs = Arc::unwrap_or_clone(rs);
            if let Some(st) = status {
                object::set(&mut rs, &["status"], st);
            }
            cl.write(rs);
        }
    }

    cleanup(cl, &d, &olds);
    update_status(
        cl,
        key,
        new_rs.as_deref(),
        &olds,
        want,
        max_unavailable,
        created_new,
    );
    None
}

fn set_annotation(obj: &mut Value, key: &str, value: &str) {
    object::object_mut(obj, &["metadata", "annotations"]).insert(key.to_string(), s(value));
}

/// Sets an annotation of a shared ReplicaSet, copying it only if the value changes.
fn annotate(rs: &mut Arc<Object>, key: &str, value: &str) {
    if object::str_at(rs, &["metadata", "annotations", key]) != Some(value) {
        set_annotation(Arc::make_mut(rs), key, value);
    }
}

fn new_replica_set(
    d: &Value,
    template: &Value,
    hash: &str,
    name: &str,
    replicas: i64,
    revision: i64,
    max: i64,
) -> Value {
    let mut template = template.clone();
    object::set(&mut template, &["metadata", "labels", HASH_LABEL], s(hash));
    let mut labels = object::string_map(&template, &["metadata", "labels"]);
    labels.insert(HASH_LABEL.into(), hash.into());
    let mut selector = object::get(d, &["spec", "selector"])
        .cloned()
        .unwrap_or(json!({}));
    object::set(&mut selector, &["matchLabels", HASH_LABEL], s(hash));
    let mut annotations = object::string_map(d, &["metadata", "annotations"]);
    annotations.retain(|k, _| {
        !k.starts_with("deployment.kubernetes.io/")
            && k != "kubectl.kubernetes.io/last-applied-configuration"
    });
    annotations.insert(DESIRED.into(), replicas_of(d).to_string());
    annotations.insert(MAX_REPLICAS.into(), max.to_string());
    annotations.insert(REVISION.into(), revision.to_string());
    let mut spec = json!({"replicas": replicas, "selector": selector, "template": template});
    if let Some(m) = object::get(d, &["spec", "minReadySeconds"]) {
        object::set(&mut spec, &["minReadySeconds"], m.clone());
    }
    json!({
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "name": name,
            "namespace": object::namespace(d),
            "labels": labels,
            "annotations": annotations,
            "ownerReferences": [owner_ref(d)],
        },
        "spec": spec,
    })
}

fn replicas_of(d: &Value) -> i64 {
    replicas(d)
}

/// An ownerReference to `owner` with `controller: true`.
pub fn owner_ref(owner: &Value) -> Value {
    json!({
        "apiVersion": object::str_at(owner, &["apiVersion"]).unwrap_or(""),
        "blockOwnerDeletion": true,
        "controller": true,
        "kind": object::kind(owner),
        "name": object::name(owner),
        "uid": object::uid(owner),
    })
}

fn set_replicas(rs: &mut Arc<Object>, n: i64) {
    object::set(Arc::make_mut(rs), &["spec", "replicas"], json!(n.max(0)));
}

#[allow(clippy::too_many_arguments)]
fn rolling_update(
    cl: &mut Cluster,
    d: &Value,
    new_rs: &mut Option<Arc<Object>>,
    olds: &mut [Arc<Object>],
    want: i64,
    max_surge: i64,
    max_unavailable: i64,
) {
    let old_active: i64 = olds.iter().map(|rs| replicas(rs)).sum();
    let Some(new) = new_rs.as_mut() else { return };
    let name = object::name(new).to_string();
    let current = replicas(new);
    // Scale the new ReplicaSet up (or down to the target).
    if old_active == 0 {
        if current != want {
            record_scale(cl, d, &name, current, want);
            set_replicas(new, want);
        }
    } else if current > want {
        record_scale(cl, d, &name, current, want);
        set_replicas(new, want);
    } else if current < want {
        let max_total = want + max_surge;
        let all = current + old_active;
        if all < max_total {
            let up = (max_total - all).min(want - current);
            record_scale(cl, d, &name, current, current + up);
            set_replicas(new, current + up);
        }
    }
    // Scale old ReplicaSets down as far as availability allows.
    let new_replicas = replicas(new);
    let new_unavailable = (new_replicas - available(new)).max(0);
    let all = new_replicas + olds.iter().map(|rs| replicas(rs)).sum::<i64>();
    let min_available = want - max_unavailable;
    let max_scaled_down = all - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return;
    }
    let mut budget = max_scaled_down;
    // First the old pods that are not available anyway.
    for rs in olds.iter_mut() {
        if budget <= 0 {
            break;
        }
        let r = replicas(rs);
        let unhealthy = (r - available(rs)).max(0).min(budget);
        if unhealthy > 0 {
            record_scale(cl, d, object::name(rs), r, r - unhealthy);
            set_replicas(rs, r - unhealthy);
            budget -= unhealthy;
        }
    }
    let available_all: i64 = available(new) + olds.iter().map(|rs| available(rs)).sum::<i64>();
    let mut down = (available_all - min_available).min(budget);
    for rs in olds.iter_mut() {
        if down <= 0 {
            break;
        }
        let r = replicas(rs);
        let step = r.min(down);
        if step > 0 {
            record_scale(cl, d, object::name(rs), r, r - step);
            set_replicas(rs, r - step);
            down -= step;
        }
    }
}

fn recreate(
    cl: &mut Cluster,
    d: &Value,
    new_rs: &mut Option<Arc<Object>>,
    olds: &mut [Arc<Object>],
    want: i64,
) {
    let mut pods_left = false;
    for rs in olds.iter_mut() {
        let r = replicas(rs);
        if r > 0 {
            record_scale(cl, d, object::name(rs), r, 0);
            set_replicas(rs, 0);
        }
        if object::i64_at(rs, &["status", "replicas"]).unwrap_or(0) > 0 {
            pods_left = true;
        }
    }
    if old_pods_left(cl, olds) {
        pods_left = true;
    }
    if let Some(new) = new_rs.as_mut() {
        if !pods_left && replicas(new) != want {
            record_scale(cl, d, object::name(new), replicas(new), want);
            set_replicas(new, want);
        }
    }
}

/// Whether any pod (terminating ones included) still belongs to one of the old ReplicaSets.
fn old_pods_left(cl: &Cluster, olds: &[Arc<Object>]) -> bool {
    let Some(ns) = olds.first().map(|rs| object::namespace(rs)) else {
        return false;
    };
    let uids: Vec<&str> = olds.iter().map(|rs| object::uid(rs)).collect();
    cl.store
        .list_ns("Pod", ns)
        .any(|p| object::controller_of(p).is_some_and(|(_, _, u)| uids.contains(&u)))
}

fn record_scale(cl: &mut Cluster, d: &Value, rs: &str, from: i64, to: i64) {
    if from == to {
        return;
    }
    let verb = if to > from { "up" } else { "down" };
    crate::events::record(
        cl,
        d,
        "Normal",
        "ScalingReplicaSet",
        &format!("Scaled {verb} replica set {rs} from {from} to {to}"),
        "deployment-controller",
    );
}

/// Deletes old, empty ReplicaSets beyond `revisionHistoryLimit`.
fn cleanup(cl: &mut Cluster, d: &Value, olds: &[Arc<Object>]) {
    let limit = object::i64_at(d, &["spec", "revisionHistoryLimit"])
        .unwrap_or(10)
        .max(0) as usize;
    let mut empty: Vec<&Object> = olds
        .iter()
        .map(|rs| &**rs)
        .filter(|rs| {
            replicas(rs) == 0 && object::i64_at(rs, &["status", "replicas"]).unwrap_or(0) == 0
        })
        .collect();
    if empty.len() <= limit {
        return;
    }
    crate::sort::sort_by_key(&mut empty, |rs| revision(rs));
    let extra = empty.len() - limit;
    for rs in empty.into_iter().take(extra) {
        cl.store.remove("ReplicaSet", &ObjKey::of(rs));
    }
}

fn condition(
    kind: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: &str,
    old: &[Value],
) -> Value {
    let prev = old
        .iter()
        .find(|c| object::str_at(c, &["type"]) == Some(kind));
    let transition = match prev {
        Some(p) if object::str_at(p, &["status"]) == Some(status) => {
            object::str_at(p, &["lastTransitionTime"])
                .unwrap_or(now)
                .to_string()
        }
        _ => now.to_string(),
    };
    let update = match prev {
        Some(p)
            if object::str_at(p, &["status"]) == Some(status)
                && object::str_at(p, &["reason"]) == Some(reason)
                && object::str_at(p, &["message"]) == Some(message) =>
        {
            object::str_at(p, &["lastUpdateTime"])
                .unwrap_or(now)
                .to_string()
        }
        _ => now.to_string(),
    };
    json!({"lastTransitionTime": transition, "lastUpdateTime": update, "message": message, "reason": reason, "status": status, "type": kind})
}

fn update_status(
    cl: &mut Cluster,
    key: &ObjKey,
    new_rs: Option<&Object>,
    olds: &[Arc<Object>],
    want: i64,
    max_unavailable: i64,
    created_new: Option<String>,
) {
    let Some(d) = cl.store.get_shared("Deployment", key) else {
        return;
    };
    let all: Vec<&Object> = new_rs
        .into_iter()
        .chain(olds.iter().map(|rs| &**rs))
        .collect();
    let sum = |f: &dyn Fn(&Object) -> i64| all.iter().map(|rs| f(rs)).sum::<i64>();
    let total = sum(&|rs| object::i64_at(rs, &["status", "replicas"]).unwrap_or(0));
    let ready = sum(&|rs| object::i64_at(rs, &["status", "readyReplicas"]).unwrap_or(0));
    let avail = sum(&|rs| object::i64_at(rs, &["status", "availableReplicas"]).unwrap_or(0));
    let updated = new_rs.map_or(0, |rs| {
        object::i64_at(rs, &["status", "replicas"]).unwrap_or(0)
    });
    let new_available = new_rs.map_or(0, |rs| {
        object::i64_at(rs, &["status", "availableReplicas"]).unwrap_or(0)
    });
    let unavailable = (want - avail).max(0);
    let now = cl.now.rfc3339();
    let old_conditions = object::array_at(&d, &["status", "conditions"]);
    let available_cond = if avail >= want - max_unavailable {
        condition(
            "Available",
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.",
            &now,
            old_conditions,
        )
    } else {
        condition(
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.",
            &now,
            old_conditions,
        )
    };
    let rs_name = new_rs
        .map(|r| object::name(r).to_string())
        .unwrap_or_default();
    let complete = updated == want
        && total == want
        && new_available == want
        && olds
            .iter()
            .all(|o| object::i64_at(o, &["status", "replicas"]).unwrap_or(0) == 0);
    let prev_progress = old_conditions
        .iter()
        .find(|c| object::str_at(c, &["type"]) == Some("Progressing"));
    let progressing = if let Some(name) = &created_new {
        condition(
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            &format!("Created new replica set \"{name}\""),
            &now,
            old_conditions,
        )
    } else if complete {
        condition(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            &format!("ReplicaSet \"{rs_name}\" has successfully progressed."),
            &now,
            old_conditions,
        )
    } else if let Some(p) = prev_progress
        .filter(|p| object::str_at(p, &["reason"]) == Some("NewReplicaSetCreated") && total == 0)
    {
        p.clone()
    } else {
        condition(
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            &format!("ReplicaSet \"{rs_name}\" is progressing."),
            &now,
            old_conditions,
        )
    };
    let mut status = json!({
        "conditions": [available_cond, progressing],
        "observedGeneration": object::i64_at(&d, &["metadata", "generation"]).unwrap_or(1),
    });
    let mut put = |k: &str, v: i64| {
        if v != 0 {
            object::set(&mut status, &[k], json!(v));
        }
    };
    put("replicas", total);
    put("updatedReplicas", updated);
    put("readyReplicas", ready);
    put("availableReplicas", avail);
    put("unavailableReplicas", unavailable);
    if let Some(c) = object::get(&d, &["status", "collisionCount"]) {
        object::set(&mut status, &["collisionCount"], c.clone());
    }
    let rev = new_rs.map(|rs| {
        let rev = revision(rs).max(revision(&d));
        if revision(rs) > 0 {
            revision(rs)
        } else {
            rev
        }
    });
    let rev_changed = rev.is_some_and(|r| {
        object::str_at(&d, &["metadata", "annotations", REVISION]) != Some(r.to_string().as_str())
    });
    // Copied only to write a change (a sync that changes nothing is most syncs).
    if d.get("status") != Some(&status) || rev_changed {
        let mut d2 = Object::clone(&d);
        object::set(&mut d2, &["status"], status);
        if let Some(rev) = rev {
            set_annotation(&mut d2, REVISION, &rev.to_string());
        }
        cl.write(d2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_use_the_digit_alphabet() {
        let t = json!({"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "hello-app"}]}});
        let h = template_hash(&t, None);
        assert_eq!(h, template_hash(&t, None));
        assert_ne!(h, template_hash(&t, Some(1)));
        assert!(
            h.len() >= 9 && h.chars().all(|c| "456789bcdf".contains(c)),
            "{h}"
        );
    }

    #[test]
    fn percentages_scale_like_intstr() {
        assert_eq!(scaled(Some(&json!("25%")), 3, true), 1);
        assert_eq!(scaled(Some(&json!("25%")), 3, false), 0);
        assert_eq!(scaled(Some(&json!(2)), 3, false), 2);
    }
}
