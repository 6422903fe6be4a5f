//! The Job controller (batch/v1, non-indexed): runs pods from the template until
//! `completions` of them succeed (or, without `completions`, until one succeeds and none is
//! left), `parallelism` at a time, and fails the Job once more than `backoffLimit` pods have
//! failed, a new pod waiting out a doubling back-off after each failure.

use super::replicaset::pod_from_template;
use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

/// The first back-off after a failed pod (`DefaultJobPodFailureBackOff`); it doubles.
const BACKOFF_MS: i64 = 10_000;
/// The longest back-off (`MaxJobPodFailureBackOff`).
const MAX_BACKOFF_MS: i64 = 360_000;
/// Why a Job completed, and what its conditions say.
const COMPLETED: (&str, &str) = (
    "CompletionsReached",
    "Reached expected number of succeeded pods",
);
/// Why a Job failed.
const BACKOFF_EXCEEDED: (&str, &str) = (
    "BackoffLimitExceeded",
    "Job has reached the specified backoff limit",
);

/// What the Job's pods are doing.
#[derive(Default)]
struct Counts {
    active: i64,
    ready: i64,
    succeeded: i64,
    failed: i64,
    terminating: i64,
    /// When the newest failed pod finished.
    last_failure: Option<Time>,
}

fn count(cl: &Cluster, ns: &str, uid: &str) -> (Counts, Vec<ObjKey>) {
    let mut c = Counts::default();
    let mut active = Vec::new();
    for (key, facts) in cl.store.pod_facts_ns(ns) {
        if facts.controller_uid() != Some(uid) {
            continue;
        }
        let Some(pod) = cl.store.get("Pod", key) else {
            continue;
        };
        match object::str_at(pod, &["status", "phase"]) {
            Some("Succeeded") => c.succeeded += 1,
            Some("Failed") => {
                c.failed += 1;
                let finished = object::array_at(pod, &["status", "containerStatuses"])
                    .iter()
                    .filter_map(|s| object::str_at(s, &["state", "terminated", "finishedAt"]))
                    .filter_map(Time::parse_rfc3339)
                    .max();
                c.last_failure = c.last_failure.max(finished);
            }
            _ if object::is_terminating(pod) => c.terminating += 1,
            _ => {
                c.active += 1;
                c.ready += i64::from(facts.ready);
                active.push(key.clone());
            }
        }
    }
    (c, active)
}

fn condition(kind: &str, (reason, message): (&str, &str), now: &str) -> Value {
    json!({"lastProbeTime": now, "lastTransitionTime": now, "message": message, "reason": reason, "status": "True", "type": kind})
}

fn has_condition(job: &Value, kind: &str) -> bool {
    object::array_at(job, &["status", "conditions"])
        .iter()
        .any(|c| {
            object::str_at(c, &["type"]) == Some(kind)
                && object::str_at(c, &["status"]) == Some("True")
        })
}

/// Reconciles one Job.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let job = cl.store.get_shared("Job", key)?;
    if object::is_terminating(&job) {
        return None;
    }
    let uid = object::uid(&job).to_string();
    let now = cl.now.rfc3339();
    let (counts, active) = count(cl, &key.namespace, &uid);
    let finished = has_condition(&job, "Complete") || has_condition(&job, "Failed");
    let completions = object::i64_at(&job, &["spec", "completions"]);
    let parallelism = object::i64_at(&job, &["spec", "parallelism"])
        .unwrap_or(1)
        .max(0);
    let backoff_limit = object::i64_at(&job, &["spec", "backoffLimit"]).unwrap_or(6);
    let suspended = object::get(&job, &["spec", "suspend"]).and_then(Value::as_bool) == Some(true);
    let mut status = job.get("status").cloned().unwrap_or_else(|| json!({}));
    let mut conditions: Vec<Value> = object::array_at(&job, &["status", "conditions"]).to_vec();
    let mut again = None;
    let mut events: Vec<(&str, &str, String)> = Vec::new();
    if !finished {
        if object::str_at(&status, &["startTime"]).is_none() && !suspended {
            object::set(&mut status, &["startTime"], json!(now));
        }
        let complete = match completions {
            Some(c) => counts.succeeded >= c,
            None => counts.succeeded > 0 && counts.active == 0,
        };
        if complete {
            conditions.push(condition("SuccessCriteriaMet", COMPLETED, &now));
            conditions.push(condition("Complete", COMPLETED, &now));
            object::set(&mut status, &["completionTime"], json!(now));
            events.push(("Normal", "Completed", "Job completed".into()));
        } else if counts.failed > backoff_limit {
            conditions.push(condition("FailureTarget", BACKOFF_EXCEEDED, &now));
            conditions.push(condition("Failed", BACKOFF_EXCEEDED, &now));
            events.push(("Warning", "BackoffLimitExceeded", BACKOFF_EXCEEDED.1.into()));
            if let Some(pods) = crate::kind::by_kind("Pod") {
                for k in &active {
                    let _ = cl.delete_unsettled(pods, &k.namespace, &k.name, Default::default());
                }
            }
        } else if !suspended {
            // How many more pods may run now.
            let remaining = completions.map_or(parallelism, |c| (c - counts.succeeded).max(0));
            let wanted = parallelism.min(remaining) - counts.active;
            // After a failure, the next pod waits out a doubling back-off.
            let wait_until = counts.last_failure.map(|t| {
                let n = u32::try_from(counts.failed.clamp(1, 16) - 1).unwrap_or(0);
                t.plus((BACKOFF_MS << n).min(MAX_BACKOFF_MS))
            });
            match wait_until {
                Some(t) if t > cl.now && wanted > 0 => again = Some(t),
                _ => {
                    let template = job
                        .pointer("/spec/template")
                        .cloned()
                        .unwrap_or(Value::Null);
                    let name = object::name(&job).to_string();
                    for _ in 0..wanted.clamp(0, 500) {
                        let pod = pod_from_template(&job, &template, &format!("{name}-"));
                        match cl.create_made(pod) {
                            Ok(p) => events.push((
                                "Normal",
                                "SuccessfulCreate",
                                format!("Created pod: {}", object::name(&p)),
                            )),
                            Err(e) => {
                                events.push((
                                    "Warning",
                                    "FailedCreate",
                                    format!("Error creating: {e}"),
                                ));
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
    // Status as kube-controller-manager 1.32 writes it.
    let (now_active, _) = count(cl, &key.namespace, &uid);
    let fields = [
        ("active", now_active.active),
        ("succeeded", now_active.succeeded),
        ("failed", now_active.failed),
    ];
    for (field, n) in fields {
        if n > 0 {
            object::set(&mut status, &[field], json!(n));
        } else {
            object::remove(&mut status, &[field]);
        }
    }
    object::set(&mut status, &["ready"], json!(now_active.ready));
    object::set(&mut status, &["terminating"], json!(now_active.terminating));
    object::set(&mut status, &["uncountedTerminatedPods"], json!({}));
    if !conditions.is_empty() {
        object::set(&mut status, &["conditions"], Value::Array(conditions));
    }
    for (kind, reason, message) in events {
        crate::events::record(cl, &job, kind, reason, &message, "job-controller");
    }
    if job.get("status") != Some(&status) {
        cl.store.set_field("Job", key, "status", status);
    }
    again
}
