//! The columns `kubectl get` prints for each kind (the API server's printers.go), and the cells
//! of one object.

use cluster::object::{self, array_at, i64_at, str_at};
use cluster::pod_row::{age_at, created, or_none, PodCells};
use cluster::time::{human_duration, Time};
use serde_json::Value;

/// A column: its header and whether it shows only with `-o wide`.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The header, already upper-case.
    pub name: &'static str,
    /// Shown only with `-o wide`.
    pub wide: bool,
}

macro_rules! col {
    ($n:literal) => {
        Column {
            name: $n,
            wide: false,
        }
    };
}

macro_rules! wide {
    ($n:literal) => {
        Column {
            name: $n,
            wide: true,
        }
    };
}

/// The columns of a kind.
pub fn columns(kind: &str) -> &'static [Column] {
    match kind {
        "Pod" => &[
            col!("NAME"),
            col!("READY"),
            col!("STATUS"),
            col!("RESTARTS"),
            col!("AGE"),
            wide!("IP"),
            wide!("NODE"),
            wide!("NOMINATED NODE"),
            wide!("READINESS GATES"),
        ],
        "Deployment" => &[
            col!("NAME"),
            col!("READY"),
            col!("UP-TO-DATE"),
            col!("AVAILABLE"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
            wide!("SELECTOR"),
        ],
        "ReplicaSet" => &[
            col!("NAME"),
            col!("DESIRED"),
            col!("CURRENT"),
            col!("READY"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
            wide!("SELECTOR"),
        ],
        "StatefulSet" => &[
            col!("NAME"),
            col!("READY"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
        ],
        "DaemonSet" => &[
            col!("NAME"),
            col!("DESIRED"),
            col!("CURRENT"),
            col!("READY"),
            col!("UP-TO-DATE"),
            col!("AVAILABLE"),
            col!("NODE SELECTOR"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
            wide!("SELECTOR"),
        ],
        "Service" => &[
            col!("NAME"),
            col!("TYPE"),
            col!("CLUSTER-IP"),
            col!("EXTERNAL-IP"),
            col!("PORT(S)"),
            col!("AGE"),
            wide!("SELECTOR"),
        ],
        "Endpoints" => &[col!("NAME"), col!("ENDPOINTS"), col!("AGE")],
        "EndpointSlice" => &[
            col!("NAME"),
            col!("ADDRESSTYPE"),
            col!("PORTS"),
            col!("ENDPOINTS"),
            col!("AGE"),
        ],
        "Node" => &[
            col!("NAME"),
            col!("STATUS"),
            col!("ROLES"),
            col!("AGE"),
            col!("VERSION"),
            wide!("INTERNAL-IP"),
            wide!("EXTERNAL-IP"),
            wide!("OS-IMAGE"),
            wide!("KERNEL-VERSION"),
            wide!("CONTAINER-RUNTIME"),
        ],
        "Namespace" => &[col!("NAME"), col!("STATUS"), col!("AGE")],
        "ConfigMap" => &[col!("NAME"), col!("DATA"), col!("AGE")],
        "Secret" => &[col!("NAME"), col!("TYPE"), col!("DATA"), col!("AGE")],
        "ServiceAccount" => &[col!("NAME"), col!("SECRETS"), col!("AGE")],
        "Event" => &[
            col!("LAST SEEN"),
            col!("TYPE"),
            col!("REASON"),
            col!("OBJECT"),
            col!("MESSAGE"),
        ],
        "CronJob" => &[
            col!("NAME"),
            col!("SCHEDULE"),
            col!("TIMEZONE"),
            col!("SUSPEND"),
            col!("ACTIVE"),
            col!("LAST SCHEDULE"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
            wide!("SELECTOR"),
        ],
        "Job" => &[
            col!("NAME"),
            col!("STATUS"),
            col!("COMPLETIONS"),
            col!("DURATION"),
            col!("AGE"),
            wide!("CONTAINERS"),
            wide!("IMAGES"),
            wide!("SELECTOR"),
        ],
        _ => &[col!("NAME"), col!("AGE")],
    }
}

fn age(obj: &Value, now: Time) -> String {
    age_at(created(obj), now)
}

fn containers_and_images(template_spec: Option<&Value>) -> (String, String) {
    let cs = template_spec
        .map(|s| array_at(s, &["containers"]))
        .unwrap_or(&[]);
    let names: Vec<&str> = cs.iter().filter_map(|c| str_at(c, &["name"])).collect();
    let images: Vec<&str> = cs.iter().filter_map(|c| str_at(c, &["image"])).collect();
    (names.join(","), images.join(","))
}

/// `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`.
pub fn format_label_selector(sel: Option<&Value>) -> String {
    let Some(sel) = sel else {
        return "<none>".into();
    };
    let mut parts: Vec<String> = object::string_map(sel, &["matchLabels"])
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    for e in array_at(sel, &["matchExpressions"]) {
        let key = str_at(e, &["key"]).unwrap_or("");
        let values: Vec<&str> = array_at(e, &["values"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        parts.push(match str_at(e, &["operator"]).unwrap_or("") {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            op => format!("{key} {op} ({})", values.join(",")),
        });
    }
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

fn service_ports(svc: &Value) -> String {
    let ports: Vec<String> = array_at(svc, &["spec", "ports"])
        .iter()
        .map(|p| {
            let port = i64_at(p, &["port"]).unwrap_or(0);
            let proto = str_at(p, &["protocol"]).unwrap_or("TCP");
            match i64_at(p, &["nodePort"]) {
                Some(np) if np != 0 => format!("{port}:{np}/{proto}"),
                _ => format!("{port}/{proto}"),
            }
        })
        .collect();
    or_none(ports.join(","))
}

fn external_ip(svc: &Value) -> String {
    let kind = str_at(svc, &["spec", "type"]).unwrap_or("ClusterIP");
    let external: Vec<&str> = array_at(svc, &["spec", "externalIPs"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    match kind {
        "ClusterIP" | "NodePort" => or_none(external.join(",")),
        "LoadBalancer" => {
            let mut ips: Vec<String> = array_at(svc, &["status", "loadBalancer", "ingress"])
                .iter()
                .filter_map(|i| {
                    str_at(i, &["ip"])
                        .or_else(|| str_at(i, &["hostname"]))
                        .map(str::to_string)
                })
                .collect();
            ips.extend(external.iter().map(|s| s.to_string()));
            if ips.is_empty() {
                "<pending>".into()
            } else {
                ips.join(",")
            }
        }
        "ExternalName" => str_at(svc, &["spec", "externalName"])
            .unwrap_or("")
            .to_string(),
        _ => "<unknown>".into(),
    }
}

/// `formatEndpoints`: ready `ip:port` pairs, at most 3, then ` + N more...`.
pub fn format_endpoints(ep: &Value) -> String {
    let mut list = Vec::new();
    let mut count = 0usize;
    let mut more = 0usize;
    for s in array_at(ep, &["subsets"]) {
        let ports = array_at(s, &["ports"]);
        for a in array_at(s, &["addresses"]) {
            let ip = str_at(a, &["ip"]).unwrap_or("");
            if ports.is_empty() {
                if count < 3 {
                    list.push(ip.to_string());
                    count += 1;
                } else {
                    more += 1;
                }
                continue;
            }
            for p in ports {
                if count < 3 {
                    list.push(format!("{ip}:{}", i64_at(p, &["port"]).unwrap_or(0)));
                    count += 1;
                } else {
                    more += 1;
                }
            }
        }
    }
    if list.is_empty() {
        return "<none>".into();
    }
    let mut s = list.join(",");
    if more > 0 {
        s.push_str(&format!(" + {more} more..."));
    }
    s
}

/// The cells of one object, in [`columns`] order (all of them, wide included).
pub fn row(kind: &str, obj: &Value, now: Time) -> Vec<String> {
    let name = object::name(obj).to_string();
    match kind {
        "Pod" => PodCells::of(obj).at(now),
        "Deployment" => {
            let st = |k: &str| i64_at(obj, &["status", k]).unwrap_or(0);
            let (c, i) = containers_and_images(obj.pointer("/spec/template/spec"));
            vec![
                name,
                format!(
                    "{}/{}",
                    st("readyReplicas"),
                    i64_at(obj, &["spec", "replicas"]).unwrap_or(0)
                ),
                st("updatedReplicas").to_string(),
                st("availableReplicas").to_string(),
                age(obj, now),
                c,
                i,
                format_label_selector(obj.pointer("/spec/selector")),
            ]
        }
        "ReplicaSet" => {
            let st = |k: &str| i64_at(obj, &["status", k]).unwrap_or(0);
            let (c, i) = containers_and_images(obj.pointer("/spec/template/spec"));
            vec![
                name,
                i64_at(obj, &["spec", "replicas"]).unwrap_or(0).to_string(),
                st("replicas").to_string(),
                st("readyReplicas").to_string(),
                age(obj, now),
                c,
                i,
                format_label_selector(obj.pointer("/spec/selector")),
            ]
        }
        "StatefulSet" => {
            let (c, i) = containers_and_images(obj.pointer("/spec/template/spec"));
            vec![
                name,
                format!(
                    "{}/{}",
                    i64_at(obj, &["status", "readyReplicas"]).unwrap_or(0),
                    i64_at(obj, &["spec", "replicas"]).unwrap_or(0)
                ),
                age(obj, now),
                c,
                i,
            ]
        }
        "DaemonSet" => {
            let st = |k: &str| i64_at(obj, &["status", k]).unwrap_or(0).to_string();
            let (c, i) = containers_and_images(obj.pointer("/spec/template/spec"));
            let node_sel = object::format_labels(&object::string_map(
                obj,
                &["spec", "template", "spec", "nodeSelector"],
            ));
            vec![
                name,
                st("desiredNumberScheduled"),
                st("currentNumberScheduled"),
                st("numberReady"),
                st("updatedNumberScheduled"),
                st("numberAvailable"),
                node_sel,
                age(obj, now),
                c,
                i,
                format_label_selector(obj.pointer("/spec/selector")),
            ]
        }
        "Service" => {
            let ip = str_at(obj, &["spec", "clusterIPs"])
                .map(str::to_string)
                .or_else(|| {
                    array_at(obj, &["spec", "clusterIPs"])
                        .first()
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
                .or_else(|| str_at(obj, &["spec", "clusterIP"]).map(str::to_string))
                .unwrap_or_default();
            vec![
                name,
                str_at(obj, &["spec", "type"])
                    .unwrap_or("ClusterIP")
                    .to_string(),
                or_none(ip),
                external_ip(obj),
                service_ports(obj),
                age(obj, now),
                object::format_labels(&object::string_map(obj, &["spec", "selector"])),
            ]
        }
        "Endpoints" => vec![name, format_endpoints(obj), age(obj, now)],
        "EndpointSlice" => {
            let ports: Vec<String> = array_at(obj, &["ports"])
                .iter()
                .filter_map(|p| i64_at(p, &["port"]).map(|n| n.to_string()))
                .collect();
            let addrs: Vec<&str> = array_at(obj, &["endpoints"])
                .iter()
                .flat_map(|e| array_at(e, &["addresses"]))
                .filter_map(Value::as_str)
                .collect();
            let shown = if addrs.is_empty() {
                "<unset>".to_string()
            } else if addrs.len() > 3 {
                format!(
                    "{} + {} more...",
                    addrs.iter().take(3).copied().collect::<Vec<_>>().join(","),
                    addrs.len() - 3
                )
            } else {
                addrs.join(",")
            };
            vec![
                name,
                str_at(obj, &["addressType"]).unwrap_or("IPv4").to_string(),
                if ports.is_empty() {
                    "<unset>".into()
                } else {
                    ports.join(",")
                },
                shown,
                age(obj, now),
            ]
        }
        "Node" => {
            let ready = array_at(obj, &["status", "conditions"])
                .iter()
                .find(|c| str_at(c, &["type"]) == Some("Ready"))
                .and_then(|c| str_at(c, &["status"]));
            let mut status = match ready {
                Some("True") => "Ready".to_string(),
                Some(_) => "NotReady".to_string(),
                None => "Unknown".to_string(),
            };
            if obj.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
                status.push_str(",SchedulingDisabled");
            }
            let roles: Vec<String> = object::labels(obj)
                .keys()
                .filter_map(|k| {
                    k.strip_prefix("node-role.kubernetes.io/")
                        .map(str::to_string)
                })
                .collect();
            let addr = |t: &str| {
                array_at(obj, &["status", "addresses"])
                    .iter()
                    .find(|a| str_at(a, &["type"]) == Some(t))
                    .and_then(|a| str_at(a, &["address"]))
                    .unwrap_or("<none>")
                    .to_string()
            };
            let info = |k: &str| {
                str_at(obj, &["status", "nodeInfo", k])
                    .unwrap_or("")
                    .to_string()
            };
            vec![
                name,
                status,
                or_none(roles.join(",")),
                age(obj, now),
                info("kubeletVersion"),
                addr("InternalIP"),
                addr("ExternalIP"),
                info("osImage"),
                info("kernelVersion"),
                info("containerRuntimeVersion"),
            ]
        }
        "Namespace" => vec![
            name,
            str_at(obj, &["status", "phase"])
                .unwrap_or("Active")
                .to_string(),
            age(obj, now),
        ],
        "ConfigMap" => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len())
                + obj
                    .get("binaryData")
                    .and_then(Value::as_object)
                    .map_or(0, |m| m.len());
            vec![name, n.to_string(), age(obj, now)]
        }
        "Secret" => {
            let n = obj
                .get("data")
                .and_then(Value::as_object)
                .map_or(0, |m| m.len());
            vec![
                name,
                str_at(obj, &["type"]).unwrap_or("Opaque").to_string(),
                n.to_string(),
                age(obj, now),
            ]
        }
        "ServiceAccount" => vec![
            name,
            array_at(obj, &["secrets"]).len().to_string(),
            age(obj, now),
        ],
        "Event" => {
            let last = str_at(obj, &["lastTimestamp"])
                .or_else(|| str_at(obj, &["eventTime"]))
                .and_then(Time::parse_rfc3339);
            let last_seen = last.map_or("<unknown>".to_string(), |t| human_duration(now.since(t)));
            let count = i64_at(obj, &["count"]).unwrap_or(1);
            let last_seen = if count > 1 {
                let first = str_at(obj, &["firstTimestamp"]).and_then(Time::parse_rfc3339);
                match first {
                    Some(f) => format!(
                        "{last_seen} (x{count} over {})",
                        human_duration(now.since(f))
                    ),
                    None => last_seen,
                }
            } else {
                last_seen
            };
            let inv = obj.get("involvedObject").cloned().unwrap_or(Value::Null);
            let kind = str_at(&inv, &["kind"]).unwrap_or("").to_ascii_lowercase();
            vec![
                last_seen,
                str_at(obj, &["type"]).unwrap_or("").to_string(),
                str_at(obj, &["reason"]).unwrap_or("").to_string(),
                format!("{kind}/{}", str_at(&inv, &["name"]).unwrap_or("")),
                str_at(obj, &["message"]).unwrap_or("").trim().to_string(),
            ]
        }
        "CronJob" => {
            // printCronJob.
            let suspend = match obj.pointer("/spec/suspend").and_then(Value::as_bool) {
                Some(true) => "True",
                Some(false) => "False",
                None => "<unset>",
            };
            let last = str_at(obj, &["status", "lastScheduleTime"])
                .and_then(Time::parse_rfc3339)
                .map_or("<none>".to_string(), |t| human_duration(now.since(t)));
            let (c, i) = containers_and_images(obj.pointer("/spec/jobTemplate/spec/template/spec"));
            vec![
                name,
                str_at(obj, &["spec", "schedule"]).unwrap_or("").to_string(),
                str_at(obj, &["spec", "timeZone"])
                    .unwrap_or("<none>")
                    .to_string(),
                suspend.to_string(),
                array_at(obj, &["status", "active"]).len().to_string(),
                last,
                age(obj, now),
                c,
                i,
                format_label_selector(obj.pointer("/spec/jobTemplate/spec/selector")),
            ]
        }
        "Job" => {
            let succeeded = i64_at(obj, &["status", "succeeded"]).unwrap_or(0);
            let completions = i64_at(obj, &["spec", "completions"]);
            // printJob: a work queue (no completions) shows its parallelism when above 1.
            let parallelism = i64_at(obj, &["spec", "parallelism"]).unwrap_or(0);
            let comp = match completions {
                Some(c) => format!("{succeeded}/{c}"),
                None if parallelism > 1 => format!("{succeeded}/1 of {parallelism}"),
                None => format!("{succeeded}/1"),
            };
            let (c, i) = containers_and_images(obj.pointer("/spec/template/spec"));
            let complete = array_at(obj, &["status", "conditions"]).iter().any(|c| {
                str_at(c, &["type"]) == Some("Complete") && str_at(c, &["status"]) == Some("True")
            });
            let failed = array_at(obj, &["status", "conditions"]).iter().any(|c| {
                str_at(c, &["type"]) == Some("Failed") && str_at(c, &["status"]) == Some("True")
            });
            let status = if complete {
                "Complete"
            } else if failed {
                "Failed"
            } else {
                "Running"
            };
            let start = str_at(obj, &["status", "startTime"]).and_then(Time::parse_rfc3339);
            let end = str_at(obj, &["status", "completionTime"])
                .and_then(Time::parse_rfc3339)
                .unwrap_or(now);
            let duration = start.map_or(String::new(), |s| human_duration(end.since(s)));
            vec![
                name,
                status.into(),
                comp,
                duration,
                age(obj, now),
                c,
                i,
                format_label_selector(obj.pointer("/spec/selector")),
            ]
        }
        _ => vec![name, age(obj, now)],
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The row of a pod with `status` (and `spec` extras), at creation + 1 h.
    fn row(spec: Value, status: Value, deleting: bool) -> String {
        let mut pod = json!({
            "metadata": {"name": "p", "creationTimestamp": "2026-11-26T10:00:00Z"},
            "spec": {"containers": [{"name": "a"}, {"name": "b"}], "nodeName": "n1"},
            "status": status,
        });
        if let (Some(p), Some(extra)) = (pod["spec"].as_object_mut(), spec.as_object()) {
            p.extend(extra.clone());
        }
        if deleting {
            pod["metadata"]["deletionTimestamp"] = json!("2026-11-26T10:59:00Z");
        }
        let now = Time::parse_rfc3339("2026-11-26T11:00:00Z").unwrap_or_default();
        PodCells::of(&pod).at(now).join(" | ")
    }

    fn running(ready: bool) -> Value {
        json!({"ready": ready, "restartCount": 1, "state": {"running": {}},
            "lastState": {"terminated": {"finishedAt": "2026-11-26T10:55:00Z"}}})
    }

    #[test]
    fn status_ready_and_restarts_follow_print_pod() {
        let st =
            |cs: Value| json!({"phase": "Running", "podIP": "10.244.0.5", "containerStatuses": cs});
        assert_eq!(
            row(json!({}), st(json!([running(true), running(false)])), false),
            "p | 1/2 | Running | 2 (5m ago) | 60m | 10.244.0.5 | n1 | <none> | <none>"
        );
        let killed = json!({"state": {"terminated": {"signal": 9, "exitCode": 137}}});
        let exited = json!({"state": {"terminated": {"exitCode": 3}}});
        assert_eq!(
            row(json!({}), st(json!([killed, running(true)])), false),
            "p | 1/2 | Signal:9 | 1 (5m ago) | 60m | 10.244.0.5 | n1 | <none> | <none>"
        );
        assert_eq!(
            row(json!({}), st(json!([exited])), false),
            "p | 0/2 | ExitCode:3 | 0 | 60m | 10.244.0.5 | n1 | <none> | <none>"
        );
        let completed = json!({"state": {"terminated": {"reason": "Completed"}}});
        let ready_cond = json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [running(true), completed.clone()]});
        assert_eq!(
            row(json!({}), ready_cond, false),
            "p | 1/2 | Running | 1 (5m ago) | 60m | <none> | n1 | <none> | <none>"
        );
        let not_ready =
            json!({"phase": "Running", "containerStatuses": [running(true), completed]});
        assert_eq!(
            row(json!({}), not_ready, false),
            "p | 1/2 | NotReady | 1 (5m ago) | 60m | <none> | n1 | <none> | <none>"
        );
        assert_eq!(
            row(
                json!({}),
                json!({"phase": "Running", "reason": "NodeLost"}),
                true
            ),
            "p | 0/2 | Unknown | 0 | 60m | <none> | n1 | <none> | <none>"
        );
        assert_eq!(
            row(json!({}), json!({"phase": "Running"}), true),
            "p | 0/2 | Terminating | 0 | 60m | <none> | n1 | <none> | <none>"
        );
        assert_eq!(
            row(json!({}), json!({"phase": "Succeeded"}), true),
            "p | 0/2 | Succeeded | 0 | 60m | <none> | n1 | <none> | <none>"
        );
    }

    #[test]
    fn readiness_gates_count_true_conditions() {
        let spec = json!({"readinessGates": [{"conditionType": "a"}, {"conditionType": "b"}]});
        let status = json!({"phase": "Pending", "podIPs": [{"ip": "10.244.0.7"}],
            "nominatedNodeName": "n2",
            "conditions": [{"type": "a", "status": "True"}, {"type": "b", "status": "False"}]});
        assert_eq!(
            row(spec, status, false),
            "p | 0/2 | Pending | 0 | 60m | 10.244.0.7 | n1 | n2 | 1/2"
        );
    }
}
