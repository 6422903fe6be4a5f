//! `kubectl rollout status|restart|history|undo|pause|resume`.

use super::flags::{switch, value, Flag};
use super::resource::{self, qualified_name};
use super::{api_error_text, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::table::describe_block;
use crate::programs::{Run, Waiter};
use cluster::object::{self, i64_at, Object};
use cluster::{ResourceType, Time};
use serde_json::Value;

const FLAGS: &[Flag] = &[
    switch("watch", Some('w')),
    value("timeout", None),
    value("revision", None),
    value("to-revision", None),
    value("selector", Some('l')),
    value("output", Some('o')),
    value("dry-run", None),
    value("filename", Some('f')),
];

/// kubectl's deployment status text, and whether the rollout is done.
pub fn deployment_status(d: &Value) -> Result<(String, bool), String> {
    let name = object::name(d);
    let generation = i64_at(d, &["metadata", "generation"]).unwrap_or(0);
    let observed = i64_at(d, &["status", "observedGeneration"]).unwrap_or(0);
    if generation > observed {
        return Ok((
            "Waiting for deployment spec update to be observed...".into(),
            false,
        ));
    }
    let timed_out = object::array_at(d, &["status", "conditions"])
        .iter()
        .any(|c| {
            object::str_at(c, &["type"]) == Some("Progressing")
                && object::str_at(c, &["reason"]) == Some("ProgressDeadlineExceeded")
        });
    if timed_out {
        return Err(format!(
            "error: deployment \"{name}\" exceeded its progress deadline"
        ));
    }
    let st = |k: &str| i64_at(d, &["status", k]).unwrap_or(0);
    let want = i64_at(d, &["spec", "replicas"]).unwrap_or(1);
    if st("updatedReplicas") < want {
        return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} out of {want} new replicas have been updated...", st("updatedReplicas")), false));
    }
    if st("replicas") > st("updatedReplicas") {
        return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...", st("replicas") - st("updatedReplicas")), false));
    }
    if st("availableReplicas") < st("updatedReplicas") {
        return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...", st("availableReplicas"), st("updatedReplicas")), false));
    }
    Ok((
        format!("deployment \"{name}\" successfully rolled out"),
        true,
    ))
}

fn status_of(kind: &str, o: &Value) -> Result<(String, bool), String> {
    let name = object::name(o);
    match kind {
        "Deployment" => deployment_status(o),
        "StatefulSet" => {
            let ready = i64_at(o, &["status", "readyReplicas"]).unwrap_or(0);
            let want = i64_at(o, &["spec", "replicas"]).unwrap_or(1);
            if ready < want {
                Ok((
                    format!("Waiting for {} pods to be ready...", want - ready),
                    false,
                ))
            } else {
                Ok((
                    format!("partitioned roll out complete: {want} new pods have been updated..."),
                    true,
                ))
            }
        }
        "DaemonSet" => {
            let available = i64_at(o, &["status", "numberAvailable"]).unwrap_or(0);
            let want = i64_at(o, &["status", "desiredNumberScheduled"]).unwrap_or(0);
            if available < want {
                Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {available} of {want} updated pods are available..."), false))
            } else {
                Ok((
                    format!("daemon set \"{name}\" successfully rolled out"),
                    true,
                ))
            }
        }
        _ => Err(format!(
            "error: no status viewer has been implemented for {kind}"
        )),
    }
}

/// Runs `kubectl rollout ...`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let sub = args.first().cloned().unwrap_or_default();
    let p = match parse_flags(
        io,
        &format!("rollout {sub}"),
        args.get(1..).unwrap_or(&[]),
        FLAGS,
    ) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if !["status", "restart", "history", "undo", "pause", "resume"].contains(&sub.as_str()) {
        io.eprintln(format!(
            "error: unknown command \"{sub}\" for \"kubectl rollout\""
        ));
        return Run::Done(1);
    }
    let sels = match resource::parse(&p.args) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            io.eprintln("error: required resource not specified");
            return Run::Done(1);
        }
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let mut targets: Vec<(&'static ResourceType, Object)> = Vec::new();
    for sel in &sels {
        for n in sel.names.clone().unwrap_or_default() {
            match cx.cluster.get(sel.rt, &ns, &n) {
                Ok(o) => targets.push((sel.rt, o.clone())),
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    return Run::Done(1);
                }
            }
        }
    }
    let Some((rt, obj)) = targets.first().cloned() else {
        io.eprintln("error: required resource not specified");
        return Run::Done(1);
    };
    match sub.as_str() {
        "status" => {
            let watch = !matches!(p.get("watch"), Some("false"));
            match status_of(rt.kind, &obj) {
                Err(m) => {
                    io.eprintln(m);
                    Run::Done(1)
                }
                Ok((msg, done)) => {
                    io.println(&msg);
                    if done || !watch || !cx.may_block {
                        return Run::Done(0);
                    }
                    let timeout = p
                        .get("timeout")
                        .and_then(super::wait::parse_duration)
                        .filter(|d| *d > 0);
                    Run::Wait(Box::new(Status {
                        rt,
                        ns,
                        name: object::name(&obj).to_string(),
                        last_rv: object::str_at(&obj, &["metadata", "resourceVersion"])
                            .unwrap_or("")
                            .to_string(),
                        deadline: timeout.map(|t| cx.cluster.now().plus(t)),
                    }))
                }
            }
        }
        "restart" => {
            let mut o = obj.clone();
            object::set(
                &mut o,
                &[
                    "spec",
                    "template",
                    "metadata",
                    "annotations",
                    "kubectl.kubernetes.io/restartedAt",
                ],
                Value::String(cx.cluster.now().rfc3339()),
            );
            object::remove(&mut o, &["metadata", "resourceVersion"]);
            match cx.cluster.update(o) {
                Ok(_) => {
                    io.println(format!(
                        "{} restarted",
                        qualified_name(rt, object::name(&obj))
                    ));
                    Run::Done(0)
                }
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    Run::Done(1)
                }
            }
        }
        "pause" | "resume" => {
            let pause = sub == "pause";
            let already =
                object::get(&obj, &["spec", "paused"]).and_then(Value::as_bool) == Some(true);
            if already == pause {
                io.eprintln(format!(
                    "error: {} is already {}",
                    qualified_name(rt, object::name(&obj)),
                    if pause { "paused" } else { "resumed" }
                ));
                return Run::Done(1);
            }
            let mut o = obj.clone();
            if pause {
                object::set(&mut o, &["spec", "paused"], Value::Bool(true));
            } else {
                object::remove(&mut o, &["spec", "paused"]);
            }
            object::remove(&mut o, &["metadata", "resourceVersion"]);
            match cx.cluster.update(o) {
                Ok(_) => {
                    io.println(format!(
                        "{} {}",
                        qualified_name(rt, object::name(&obj)),
                        if pause { "paused" } else { "resumed" }
                    ));
                    Run::Done(0)
                }
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    Run::Done(1)
                }
            }
        }
        "history" => {
            let revs = revisions(cx, &obj);
            if let Some(r) = p.get("revision") {
                let Some((_, rs)) = revs.iter().find(|(n, _)| n.to_string() == r) else {
                    io.eprintln("error: unable to find the specified revision");
                    return Run::Done(1);
                };
                let t = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
                io.println(format!(
                    "{} with revision #{r}",
                    qualified_name(rt, object::name(&obj))
                ));
                let mut text = String::from("Pod Template:\n");
                text.push_str(&format!(
                    "  Labels:\t{}\n",
                    object::format_labels(&object::string_map(&t, &["metadata", "labels"]))
                ));
                text.push_str("  Containers:\n");
                for c in object::array_at(&t, &["spec", "containers"]) {
                    text.push_str(&format!("   {}:\n    Image:\t{}\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n", object::str_at(c, &["name"]).unwrap_or(""), object::str_at(c, &["image"]).unwrap_or("")));
                }
                text.push_str(
                    "  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>",
                );
                io.println(describe_block(&text));
                io.println("");
                return Run::Done(0);
            }
            io.println(format!("{} ", qualified_name(rt, object::name(&obj))));
            let mut rows = vec![vec!["REVISION".to_string(), "CHANGE-CAUSE".to_string()]];
            for (n, rs) in &revs {
                let cause = object::str_at(
                    rs,
                    &["metadata", "annotations", "kubernetes.io/change-cause"],
                )
                .unwrap_or("<none>")
                .to_string();
                rows.push(vec![n.to_string(), cause]);
            }
            let text: String = rows
                .iter()
                .map(|r| r.join("\t"))
                .collect::<Vec<_>>()
                .join("\n");
            io.println(describe_block(&text));
            io.println("");
            Run::Done(0)
        }
        _ => {
            // undo
            let revs = revisions(cx, &obj);
            let current = object::str_at(
                &obj,
                &[
                    "metadata",
                    "annotations",
                    "deployment.kubernetes.io/revision",
                ],
            )
            .and_then(|r| r.parse::<i64>().ok())
            .unwrap_or(0);
            let wanted = p
                .get("to-revision")
                .and_then(|r| r.parse::<i64>().ok())
                .filter(|r| *r != 0);
            let target = match wanted {
                Some(w) => revs.iter().find(|(n, _)| *n == w),
                None => revs.iter().rev().find(|(n, _)| *n < current),
            };
            let Some((_, rs)) = target else {
                match wanted {
                    Some(w) => io.eprintln(format!(
                        "error: unable to find specified revision {w} in history"
                    )),
                    None => io.eprintln(
                        "error: no rollout history found for deployment \"".to_string()
                            + object::name(&obj)
                            + "\"",
                    ),
                }
                return Run::Done(1);
            };
            let mut template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
            object::remove(&mut template, &["metadata", "labels", "pod-template-hash"]);
            if obj.pointer("/spec/template") == Some(&template) {
                io.println(format!(
                    "{} skipped rollback (current template already matches revision {})",
                    qualified_name(rt, object::name(&obj)),
                    target.map(|t| t.0).unwrap_or(0)
                ));
                return Run::Done(0);
            }
            let mut o = obj.clone();
            object::set(&mut o, &["spec", "template"], template);
            object::remove(&mut o, &["metadata", "resourceVersion"]);
            match cx.cluster.update(o) {
                Ok(_) => {
                    io.println(format!(
                        "{} rolled back",
                        qualified_name(rt, object::name(&obj))
                    ));
                    Run::Done(0)
                }
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    Run::Done(1)
                }
            }
        }
    }
}

/// The ReplicaSets of a Deployment by revision, oldest first.
fn revisions(cx: &Cx, d: &Value) -> Vec<(i64, Object)> {
    let uid = object::uid(d);
    let mut v: Vec<(i64, Object)> = cx
        .cluster
        .store()
        .list_ns("ReplicaSet", object::namespace(d))
        .filter(|r| object::controller_of(r).is_some_and(|(_, _, u)| u == uid))
        .filter_map(|r| {
            Some((
                object::str_at(
                    r,
                    &[
                        "metadata",
                        "annotations",
                        "deployment.kubernetes.io/revision",
                    ],
                )?
                .parse()
                .ok()?,
                r.clone(),
            ))
        })
        .collect();
    cluster::sort::sort_by_key(&mut v, |(n, _)| *n);
    v
}

/// `kubectl rollout status -w`.
struct Status {
    rt: &'static ResourceType,
    ns: String,
    name: String,
    last_rv: String,
    deadline: Option<Time>,
}

impl Waiter for Status {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let Ok(o) = cx.cluster.get(self.rt, &self.ns, &self.name).cloned() else {
            io.eprintln(format!(
                "error: {} \"{}\" not found",
                self.rt.qualified_plural(),
                self.name
            ));
            return Some(1);
        };
        let rv = object::str_at(&o, &["metadata", "resourceVersion"])
            .unwrap_or("")
            .to_string();
        if rv != self.last_rv {
            self.last_rv = rv;
            match status_of(self.rt.kind, &o) {
                Ok((msg, done)) => {
                    io.println(msg);
                    if done {
                        return Some(0);
                    }
                }
                Err(m) => {
                    io.eprintln(m);
                    return Some(1);
                }
            }
        }
        if self.deadline.is_some_and(|d| cx.cluster.now() >= d) {
            io.eprintln("error: timed out waiting for the condition");
            return Some(1);
        }
        None
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        self.deadline
    }
}
