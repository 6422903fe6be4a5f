//! A pod's table row as the API server's table convertor computes it (`printPod` in
//! kubernetes' `printers.go`): the cells `kubectl get pods` shows. The store computes them
//! each time a pod is written (`pod_facts`), while the pod's JSON is hot in the cache, so a
//! listing of 10,000 pods reads no pod JSON at all.

use crate::object::{self, array_at, i64_at, str_at};
use crate::time::{human_duration, Time};
use serde_json::Value;
use std::borrow::Cow;

/// `metadata.creationTimestamp`, if it reads as a time.
pub fn created(obj: &Value) -> Option<Time> {
    str_at(obj, &["metadata", "creationTimestamp"]).and_then(Time::parse_rfc3339)
}

/// The AGE cell of an object created at `created`.
pub fn age_at(created: Option<Time>, now: Time) -> String {
    match created {
        Some(t) => human_duration(now.since(t)),
        None => "<unknown>".into(),
    }
}

/// The text kubectl prints for an empty cell.
pub fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

/// The pod STATUS column (`printPod`).
pub fn pod_status(pod: &Value) -> (String, usize, usize, i64, Option<Time>) {
    let mut reason = str_at(pod, &["status", "phase"]).unwrap_or("").to_string();
    if let Some(r) = str_at(pod, &["status", "reason"]) {
        if !r.is_empty() {
            reason = r.to_string();
        }
    }
    let total = array_at(pod, &["spec", "containers"]).len();
    let mut ready = 0;
    let mut restarts = 0;
    let mut last_restart: Option<Time> = None;
    let mut has_running = false;
    for cs in array_at(pod, &["status", "containerStatuses"]).iter().rev() {
        restarts += i64_at(cs, &["restartCount"]).unwrap_or(0);
        if let Some(t) =
            str_at(cs, &["lastState", "terminated", "finishedAt"]).and_then(Time::parse_rfc3339)
        {
            last_restart = Some(last_restart.map_or(t, |l: Time| l.max(t)));
        }
        let waiting = str_at(cs, &["state", "waiting", "reason"]).filter(|r| !r.is_empty());
        let term = cs.pointer("/state/terminated");
        if let Some(w) = waiting {
            reason = w.to_string();
        } else if let Some(r) = term
            .and_then(|t| str_at(t, &["reason"]))
            .filter(|r| !r.is_empty())
        {
            reason = r.to_string();
        } else if let Some(t) = term {
            reason = match i64_at(t, &["signal"]).filter(|s| *s != 0) {
                Some(sig) => format!("Signal:{sig}"),
                None => format!("ExitCode:{}", i64_at(t, &["exitCode"]).unwrap_or(0)),
            };
        } else if cs.get("ready").and_then(Value::as_bool) == Some(true)
            && cs.pointer("/state/running").is_some()
        {
            has_running = true;
            ready += 1;
        }
    }
    if reason == "Completed" && has_running {
        let pod_ready = array_at(pod, &["status", "conditions"]).iter().any(|c| {
            str_at(c, &["type"]) == Some("Ready") && str_at(c, &["status"]) == Some("True")
        });
        reason = if pod_ready {
            "Running".into()
        } else {
            "NotReady".into()
        };
    }
    let phase = str_at(pod, &["status", "phase"]).unwrap_or("");
    if object::is_terminating(pod) && str_at(pod, &["status", "reason"]) == Some("NodeLost") {
        reason = "Unknown".into();
    } else if object::is_terminating(pod) && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".into();
    }
    (reason, ready, total, restarts, last_restart)
}

/// A pod's row as its JSON gives it: every cell but the two that change with the clock
/// (RESTARTS' "(5m ago)" and AGE), kept with the times those are computed from. A pod's
/// cells change only when it is written, so they can be kept per resourceVersion.
#[derive(Clone, Debug, PartialEq)]
pub struct PodCells {
    /// NAME, READY, STATUS, then IP, NODE, NOMINATED NODE, READINESS GATES.
    fixed: [String; 7],
    restarts: i64,
    last_restart: Option<Time>,
    created: Option<Time>,
}

impl PodCells {
    /// The cells of a pod object.
    pub fn of(obj: &Value) -> PodCells {
        let (status, ready, total, restarts, last_restart) = pod_status(obj);
        let ip = array_at(obj, &["status", "podIPs"])
            .first()
            .and_then(|p| str_at(p, &["ip"]))
            .or_else(|| str_at(obj, &["status", "podIP"]))
            .unwrap_or("")
            .to_string();
        let gates = array_at(obj, &["spec", "readinessGates"]);
        let gates = if gates.is_empty() {
            "<none>".to_string()
        } else {
            let ok = gates
                .iter()
                .filter(|g| {
                    let t = str_at(g, &["conditionType"]).unwrap_or("");
                    array_at(obj, &["status", "conditions"]).iter().any(|c| {
                        str_at(c, &["type"]) == Some(t) && str_at(c, &["status"]) == Some("True")
                    })
                })
                .count();
            format!("{ok}/{}", gates.len())
        };
        PodCells {
            fixed: [
                object::name(obj).to_string(),
                format!("{ready}/{total}"),
                status,
                or_none(ip),
                or_none(str_at(obj, &["spec", "nodeName"]).unwrap_or("").to_string()),
                or_none(
                    str_at(obj, &["status", "nominatedNodeName"])
                        .unwrap_or("")
                        .to_string(),
                ),
                gates,
            ],
            restarts,
            last_restart,
            created: created(obj),
        }
    }

    /// The row at `now`.
    pub fn at(&self, now: Time) -> Vec<String> {
        self.cells_at(now)
            .into_iter()
            .map(Cow::into_owned)
            .collect()
    }

    /// The row at `now`, borrowing the cells that do not change with the clock.
    pub fn cells_at(&self, now: Time) -> Vec<Cow<'_, str>> {
        let [name, ready, status, ip, node, nominated, gates] = &self.fixed;
        let restarts = match self.last_restart {
            Some(t) => format!("{} ({} ago)", self.restarts, human_duration(now.since(t))),
            None => self.restarts.to_string(),
        };
        let age = age_at(self.created, now);
        fn b(s: &str) -> Cow<'_, str> {
            Cow::Borrowed(s)
        }
        vec![
            b(name),
            b(ready),
            b(status),
            Cow::Owned(restarts),
            Cow::Owned(age),
            b(ip),
            b(node),
            b(nominated),
            b(gates),
        ]
    }
}
