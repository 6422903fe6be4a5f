//! `kubectl logs`: a container's output, `-f` following it as the clock runs.

use super::exec::resolve_pod;
use super::flags::{switch, value, Flag};
use super::selector::Selector;
use super::{namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::kubelet::{self, LogLine, State};
use cluster::object::{self, Object};
use cluster::Time;

const FLAGS: &[Flag] = &[
    switch("follow", Some('f')),
    value("container", Some('c')),
    value("tail", None),
    value("since", None),
    value("since-time", None),
    switch("previous", Some('p')),
    switch("timestamps", None),
    value("selector", Some('l')),
    switch("all-containers", None),
    switch("prefix", None),
    value("limit-bytes", None),
    value("max-log-requests", None),
    switch("ignore-errors", None),
    value("pod-running-timeout", None),
];

fn render(line: &LogLine, timestamps: bool, prefix: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(p) = prefix {
        s.push_str(p);
        s.push(' ');
    }
    if timestamps {
        s.push_str(&line.time.rfc3339_micros().replace('Z', "000Z"));
        s.push(' ');
    }
    s.push_str(&line.text);
    s.push('\n');
    s
}

struct Source {
    pod: Object,
    container: String,
    prefix: Option<String>,
}

/// Runs `kubectl logs`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "logs", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ns = namespace(cx, &p);
    let mut pods: Vec<Object> = Vec::new();
    if let Some(sel) = p.get("selector") {
        let s = match Selector::parse(sel) {
            Ok(s) => s,
            Err(m) => {
                io.eprintln(format!("error: {m}"));
                return Run::Done(1);
            }
        };
        if let Some(rt) = cluster::kind::by_kind("Pod") {
            pods = cx
                .cluster
                .list(rt, Some(&ns))
                .into_iter()
                .filter(|o| s.matches(&object::labels(o)))
                .cloned()
                .collect();
        }
        if pods.is_empty() {
            io.eprintln(format!("No resources found in {ns} namespace."));
            return Run::Done(0);
        }
    } else {
        let Some(target) = p.args.first().cloned() else {
            io.eprintln("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
            return Run::Done(1);
        };
        let pod = match resolve_pod(cx, &ns, &target) {
            Ok(p) => p,
            Err(m) => {
                let m = if m.starts_with("Error from server (NotFound): pods ")
                    && !target.contains('/')
                {
                    format!("error: error from server (NotFound): pods \"{target}\" not found in namespace \"{ns}\"")
                } else {
                    m
                };
                io.eprintln(m);
                return Run::Done(1);
            }
        };
        if let Some((t, _)) = target.split_once('/') {
            if cluster::kind::lookup(t).is_some_and(|r| r.kind != "Pod") {
                let total = count_pods_of(cx, &ns, &target);
                if total > 1 {
                    io.eprintln(format!(
                        "Found {total} pods, using pod/{}",
                        object::name(&pod)
                    ));
                }
            }
        }
        pods.push(pod);
    }
    let multi_pods = pods.len() > 1;
    let tail: Option<usize> = match p.get("tail").and_then(|t| t.parse::<i64>().ok()) {
        // Saturating: on wasm32 a usize is 32 bits (`--tail=99999999999` means all lines).
        Some(n) if n >= 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(_) => None,
        None if p.has("selector") => Some(10),
        None => None,
    };
    let mut sources = Vec::new();
    for pod in pods {
        let names: Vec<String> = object::array_at(&pod, &["spec", "containers"])
            .iter()
            .filter_map(|c| object::str_at(c, &["name"]).map(str::to_string))
            .collect();
        let chosen: Vec<String> = if p.on("all-containers") {
            names.clone()
        } else if let Some(c) = p.get("container") {
            if !names.iter().any(|n| n == c) {
                io.eprintln(format!(
                    "error: container {c} is not valid for pod {}",
                    object::name(&pod)
                ));
                return Run::Done(1);
            }
            vec![c.to_string()]
        } else {
            if names.len() > 1 && !multi_pods {
                io.eprintln(format!(
                    "Defaulted container \"{}\" out of: {}",
                    names.first().cloned().unwrap_or_default(),
                    names.join(", ")
                ));
            }
            names.first().cloned().into_iter().collect()
        };
        for c in chosen {
            let prefix = (p.on("prefix") || multi_pods && p.on("prefix"))
                .then(|| format!("[pod/{}/{c}]", object::name(&pod)));
            sources.push(Source {
                pod: pod.clone(),
                container: c,
                prefix,
            });
        }
    }
    let mut status = 0;
    let mut cursors = Vec::new();
    for s in &sources {
        // A container that never started has no logs yet.
        let state = cx
            .cluster
            .runtime()
            .pod(object::uid(&s.pod))
            .and_then(|r| r.containers.iter().find(|c| c.name == s.container).cloned());
        let started = state.as_ref().is_some_and(|c| c.id.is_some());
        if !started {
            let reason = match state.map(|c| c.state) {
                Some(State::Waiting { reason, .. }) => {
                    if reason == "Pulling" {
                        "ContainerCreating".to_string()
                    } else {
                        reason
                    }
                }
                _ => "ContainerCreating".into(),
            };
            io.eprintln(format!("Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {reason}", s.container, object::name(&s.pod)));
            status = 1;
            continue;
        }
        let lines: Vec<LogLine> = if p.on("previous") {
            match kubelet::previous_logs(cx.cluster, &s.pod, &s.container) {
                Some(l) => l.iter().cloned().collect(),
                None => {
                    io.eprintln(format!("Error from server (BadRequest): previous terminated container \"{}\" in pod \"{}\" not found", s.container, object::name(&s.pod)));
                    status = 1;
                    continue;
                }
            }
        } else {
            kubelet::logs(cx.cluster, &s.pod, &s.container)
                .cloned()
                .collect()
        };
        let skip = tail.map_or(0, |t| lines.len().saturating_sub(t));
        let mut text = String::new();
        for l in lines.iter().skip(skip) {
            text.push_str(&render(l, p.on("timestamps"), s.prefix.as_deref()));
        }
        io.print(text);
        cursors.push((
            s.pod.clone(),
            s.container.clone(),
            s.prefix.clone(),
            lines.last().map(|l| l.time),
            lines.len(),
        ));
    }
    if p.on("follow") && status == 0 && cx.may_block {
        return Run::Wait(Box::new(Follow {
            cursors,
            timestamps: p.on("timestamps"),
        }));
    }
    Run::Done(status)
}

fn count_pods_of(cx: &Cx, ns: &str, target: &str) -> usize {
    let Some((t, name)) = target.split_once('/') else {
        return 1;
    };
    let Some(rt) = cluster::kind::lookup(t) else {
        return 1;
    };
    let Ok(owner) = cx.cluster.get(rt, ns, name) else {
        return 1;
    };
    let sel = owner
        .pointer("/spec/selector")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    cluster::kind::by_kind("Pod").map_or(1, |prt| {
        cx.cluster
            .list(prt, Some(ns))
            .into_iter()
            .filter(|p| object::label_selector_matches(&sel, &object::labels(p)))
            .count()
    })
}

/// `kubectl logs -f`: prints new lines as they are written, until the container stops.
/// (pod, container, prefix, time of the last line seen, lines seen).
type Cursor = (Object, String, Option<String>, Option<Time>, usize);

struct Follow {
    cursors: Vec<Cursor>,
    timestamps: bool,
}

impl Waiter for Follow {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let mut alive = 0;
        for (pod, container, prefix, _, seen) in &mut self.cursors {
            let lines: Vec<LogLine> = kubelet::logs(cx.cluster, pod, container).cloned().collect();
            // The log keeps a bounded number of lines: count from the end.
            let new = lines.len().saturating_sub(*seen);
            let mut text = String::new();
            for l in lines.iter().skip(lines.len() - new) {
                text.push_str(&render(l, self.timestamps, prefix.as_deref()));
            }
            io.print(text);
            *seen = lines.len();
            let running = cx
                .cluster
                .runtime()
                .pod(object::uid(pod))
                .and_then(|r| r.containers.iter().find(|c| c.name == *container))
                .is_some_and(|c| matches!(c.state, State::Running { .. }));
            if running {
                alive += 1;
            }
        }
        (alive == 0).then_some(0)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        None
    }
}
