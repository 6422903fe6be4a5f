//! The CronJob controller (batch/v1): at each time its schedule fires, a Job from the template
//! named `NAME-<minutes since the epoch>` (only the latest time missed, as the controller does
//! after a pause), under the concurrency policy; it tracks the active Jobs, notes the ones that
//! finish, and keeps `successfulJobsHistoryLimit`/`failedJobsHistoryLimit` finished ones.

use super::deployment::owner_ref;
use crate::cluster::Cluster;
use crate::object;
use crate::store::ObjKey;
use crate::time::Time;
use serde_json::{json, Value};

fn finished(job: &Value) -> Option<&'static str> {
    object::array_at(job, &["status", "conditions"])
        .iter()
        .filter(|c| object::str_at(c, &["status"]) == Some("True"))
        .find_map(|c| match object::str_at(c, &["type"]) {
            Some("Complete") => Some("Complete"),
            Some("Failed") => Some("Failed"),
            _ => None,
        })
}

/// Deletes one of its Jobs (the garbage collector takes the pods), noting the event.
fn delete_job(
    cl: &mut Cluster,
    namespace: &str,
    name: &str,
    events: &mut Vec<(&str, &str, String)>,
) {
    let gone = crate::kind::by_kind("Job")
        .map(|rt| cl.delete_unsettled(rt, namespace, name, crate::DeleteOptions::default()));
    if let Some(Ok(_)) = gone {
        events.push(("Normal", "SuccessfulDelete", format!("Deleted job {name}")));
    }
}

/// Reconciles one CronJob; returns the next time its schedule fires.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    let cj = cl.store.get_shared("CronJob", key)?;
    if object::is_terminating(&cj) {
        return None;
    }
    let schedule = crate::cron::parse(object::str_at(&cj, &["spec", "schedule"])?).ok()?;
    let uid = object::uid(&cj).to_string();
    let name = object::name(&cj).to_string();
    let mut events: Vec<(&str, &str, String)> = Vec::new();
    let mut status = cj.get("status").cloned().unwrap_or_else(|| json!({}));
    let was_active: Vec<String> = object::array_at(&status, &["active"])
        .iter()
        .filter_map(|r| object::str_at(r, &["name"]).map(str::to_string))
        .collect();
    // The Jobs it owns, oldest first: (name, job).
    let mut jobs: Vec<(String, Value)> = cl
        .store
        .list_ns("Job", &key.namespace)
        .filter(|j| object::controller_of(j).is_some_and(|(_, _, u)| u == uid))
        .map(|j| (object::name(j).to_string(), j.clone()))
        .collect();
    crate::sort::sort_by(&mut jobs, |a, b| {
        object::str_at(&a.1, &["metadata", "creationTimestamp"])
            .cmp(&object::str_at(&b.1, &["metadata", "creationTimestamp"]))
            .then_with(|| a.0.cmp(&b.0))
    });
    for (n, j) in &jobs {
        if let Some(how) = finished(j) {
            if was_active.contains(n) {
                events.push((
                    "Normal",
                    "SawCompletedJob",
                    format!("Saw completed job: {n}, condition: {how}"),
                ));
            }
        }
    }
    // Keep the newest finished Jobs the history limits allow.
    let keep = |field: &str, default: i64| {
        object::i64_at(&cj, &["spec", field])
            .unwrap_or(default)
            .max(0) as usize
    };
    let (keep_ok, keep_failed) = (
        keep("successfulJobsHistoryLimit", 3),
        keep("failedJobsHistoryLimit", 1),
    );
    for (how, limit) in [("Complete", keep_ok), ("Failed", keep_failed)] {
        let done: Vec<String> = jobs
            .iter()
            .filter(|(_, j)| finished(j) == Some(how))
            .map(|(n, _)| n.clone())
            .collect();
        for n in done.iter().take(done.len().saturating_sub(limit)) {
            delete_job(cl, &key.namespace, n, &mut events);
        }
    }
    let mut active: Vec<String> = jobs
        .iter()
        .filter(|(_, j)| finished(j).is_none() && !object::is_terminating(j))
        .map(|(n, _)| n.clone())
        .collect();
    let suspended = object::get(&cj, &["spec", "suspend"]).and_then(Value::as_bool) == Some(true);
    let since = object::str_at(&status, &["lastScheduleTime"])
        .or_else(|| object::str_at(&cj, &["metadata", "creationTimestamp"]))
        .and_then(Time::parse_rfc3339)
        .unwrap_or(cl.now);
    // The latest time the schedule fired that has not run (missed ones are skipped).
    let mut due = None;
    let mut t = since;
    for _ in 0..10_000 {
        match schedule.next_after(t) {
            Some(n) if n <= cl.now => {
                due = Some(n);
                t = n;
            }
            _ => break,
        }
    }
    if let (Some(at), false) = (due, suspended) {
        let policy = object::str_at(&cj, &["spec", "concurrencyPolicy"]).unwrap_or("Allow");
        if policy == "Forbid" && !active.is_empty() {
            events.push(("Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid".into()));
        } else {
            if policy == "Replace" {
                for n in std::mem::take(&mut active) {
                    delete_job(cl, &key.namespace, &n, &mut events);
                }
            }
            let job_name = format!("{name}-{}", at.unix_seconds().div_euclid(60));
            let template = cj
                .pointer("/spec/jobTemplate")
                .cloned()
                .unwrap_or(Value::Null);
            let mut meta = json!({
                "name": job_name,
                "namespace": key.namespace,
                "ownerReferences": [owner_ref(&cj)],
                "annotations": {"batch.kubernetes.io/cronjob-scheduled-timestamp": at.rfc3339()},
            });
            if let Some(l) = object::get(&template, &["metadata", "labels"]) {
                object::set(&mut meta, &["labels"], l.clone());
            }
            if let Some(Value::Object(a)) = object::get(&template, &["metadata", "annotations"]) {
                for (k, v) in a {
                    object::set(&mut meta, &["annotations", k], v.clone());
                }
            }
            let job = json!({
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": meta,
                "spec": template.get("spec").cloned().unwrap_or(json!({})),
            });
            match cl.create_made(job) {
                Ok(_) => {
                    events.push((
                        "Normal",
                        "SuccessfulCreate",
                        format!("Created job {job_name}"),
                    ));
                    active.push(job_name);
                }
                Err(e) => events.push((
                    "Warning",
                    "FailedCreate",
                    format!("Error creating job: {e}"),
                )),
            }
        }
        object::set(&mut status, &["lastScheduleTime"], json!(at.rfc3339()));
    }
    // Status: the active Jobs as references, and the last success.
    let refs: Vec<Value> = active
        .iter()
        .filter_map(|n| cl.store.get_named("Job", &key.namespace, n))
        .map(|j| {
            json!({"apiVersion": "batch/v1", "kind": "Job", "name": object::name(j),
                "namespace": object::namespace(j), "resourceVersion": object::str_at(j, &["metadata", "resourceVersion"]).unwrap_or(""),
                "uid": object::uid(j)})
        })
        .collect();
    if refs.is_empty() {
        object::remove(&mut status, &["active"]);
    } else {
        object::set(&mut status, &["active"], Value::Array(refs));
    }
    let last_success = jobs
        .iter()
        .filter(|(_, j)| finished(j) == Some("Complete"))
        .filter_map(|(_, j)| object::str_at(j, &["status", "completionTime"]).map(str::to_string))
        .max();
    if let Some(t) = last_success {
        object::set(&mut status, &["lastSuccessfulTime"], json!(t));
    }
    for (kind, reason, message) in events {
        crate::events::record(cl, &cj, kind, reason, &message, "cronjob-controller");
    }
    if cj.get("status") != Some(&status) {
        cl.store.set_field("CronJob", key, "status", status);
    }
    if suspended {
        return None;
    }
    schedule.next_after(cl.now)
}
