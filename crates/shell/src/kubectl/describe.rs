//! `kubectl describe`: a port of kubectl v1.32's `pkg/describe/describe.go` (v0.32.4). Each
//! describer writes lines through a prefix writer (two spaces per level) with tabs between
//! cells; the describe tab writer (minwidth 0, padding 2) then aligns each run of tabbed lines.
//! Kinds without a describer of their own get `GenericDescriber`'s dump of the object.

use super::flags::{switch, value, Flag};
use super::resource;
use super::selector::Selector;
use super::{namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::table::describe_block;
use crate::programs::Run;
use cluster::object::{self, array_at, i64_at, str_at, Labels, Object};
use cluster::pod_row::or_none;
use cluster::time::{human_duration, Time};
use serde_json::Value;

const FLAGS: &[Flag] = &[
    value("selector", Some('l')),
    switch("all-namespaces", Some('A')),
    switch("show-events", None),
    value("filename", Some('f')),
    value("chunk-size", None),
];

/// Runs `kubectl describe`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "describe", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if p.args.is_empty() {
        io.eprintln("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
        return Run::Done(1);
    }
    let sels = match resource::parse(&p.args) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let all = p.on("all-namespaces");
    let selector = Selector::parse(p.get("selector").unwrap_or("")).unwrap_or_default();
    let show_events = !matches!(p.get("show-events"), Some("false"));
    // `kubectl describe TYPE NAME` (exactly two words) falls back to the objects whose name
    // starts with NAME when there is no object NAME (`DescribeMatchingResources`).
    let prefix_match = p.args.len() == 2 && !p.args.iter().any(|a| a.contains('/'));
    let mut texts: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for sel in &sels {
        let list_ns = if sel.rt.namespaced {
            Some(ns.as_str())
        } else {
            None
        };
        match &sel.names {
            Some(names) => {
                for n in names {
                    match cx.cluster.get(sel.rt, &ns, n) {
                        Ok(o) => texts.push(describe(cx, sel.rt.kind, o, show_events)),
                        Err(e) if prefix_match => {
                            let found: Vec<Object> = cx
                                .cluster
                                .list(sel.rt, list_ns)
                                .into_iter()
                                .filter(|o| object::name(o).starts_with(n.as_str()))
                                .cloned()
                                .collect();
                            if found.is_empty() {
                                errors.push(super::api_error_text(&e));
                            }
                            for o in found {
                                io.print(describe(cx, sel.rt.kind, &o, show_events));
                                io.print("\n");
                            }
                        }
                        Err(e) => errors.push(super::api_error_text(&e)),
                    }
                }
            }
            None => {
                let list_ns = if all { None } else { list_ns };
                let objs: Vec<Object> = cx
                    .cluster
                    .list(sel.rt, list_ns)
                    .into_iter()
                    .filter(|o| selector.matches(&object::labels(o)))
                    .cloned()
                    .collect();
                for o in objs {
                    texts.push(describe(cx, sel.rt.kind, &o, show_events));
                }
            }
        }
    }
    if texts.is_empty() && errors.is_empty() && !prefix_match {
        io.eprintln(if all {
            "No resources found".to_string()
        } else {
            format!("No resources found in {ns} namespace.")
        });
        return Run::Done(0);
    }
    for (i, t) in texts.iter().enumerate() {
        if i > 0 {
            io.print("\n\n");
        }
        io.print(t.clone());
    }
    for e in &errors {
        io.eprintln(e);
    }
    Run::Done(i32::from(!errors.is_empty()))
}

/// The text `kubectl describe` prints for one object (ending with a newline).
pub fn describe(cx: &Cx, kind: &str, obj: &Value, show_events: bool) -> String {
    let mut w = W::default();
    let events = show_events.then(|| events_of(cx, kind, obj));
    let ev = events.as_deref();
    match kind {
        "Pod" => pod(&mut w, cx, obj, ev),
        "Service" => service(&mut w, cx, obj, ev),
        "Deployment" => deployment(&mut w, cx, obj, ev),
        "ReplicaSet" => replica_set(&mut w, cx, obj, ev),
        "StatefulSet" => stateful_set(&mut w, cx, obj, ev),
        "DaemonSet" => daemon_set(&mut w, cx, obj, ev),
        "Job" => job(&mut w, cx, obj, ev),
        "CronJob" => cron_job(&mut w, cx, obj, ev),
        "Node" => node(&mut w, cx, obj, ev),
        "ServiceAccount" => service_account(&mut w, cx, obj, ev),
        "Endpoints" => endpoints(&mut w, cx, obj, ev),
        "EndpointSlice" => endpoint_slice(&mut w, cx, obj, ev),
        "ConfigMap" => config_map(&mut w, cx, obj, ev),
        "Secret" => secret(&mut w, obj),
        "Namespace" => namespace_(&mut w, cx, obj),
        _ => generic(&mut w, cx, obj, ev),
    }
    let text = w.0;
    let body = text.strip_suffix('\n').unwrap_or(&text);
    format!("{}\n", describe_block(body))
}

// ---- The prefix writer and shared printers ----

/// describe.go's `PrefixWriter`: `Write(level, text)` indents by two spaces per level.
#[derive(Default)]
struct W(String);

impl W {
    fn w(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.0.push_str("  ");
        }
        self.0.push_str(text);
    }
}

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    str_at(v, path).unwrap_or("")
}

fn n(v: &Value, path: &[&str]) -> i64 {
    i64_at(v, path).unwrap_or(0)
}

fn opt_i64(v: &Value, path: &[&str]) -> Option<i64> {
    i64_at(v, path)
}

fn bool_at(v: &Value, path: &[&str]) -> Option<bool> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_bool()
}

/// `time.Format(time.RFC1123Z)` of an RFC 3339 field; Go's zero time when unset.
fn rfc1123(v: &Value, path: &[&str]) -> String {
    str_at(v, path).and_then(Time::parse_rfc3339).map_or_else(
        || "Mon, 01 Jan 0001 00:00:00 +0000".into(),
        |t| t.rfc1123z(),
    )
}

/// `translateTimestampSince`.
fn since(cx: &Cx, v: &Value, path: &[&str]) -> String {
    str_at(v, path).and_then(Time::parse_rfc3339).map_or_else(
        || "<unknown>".into(),
        |t| human_duration(cx.cluster.now().since(t)),
    )
}

fn title_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `printLabelsMultilineWithIndent`.
fn labels_multiline(w: &mut W, initial: &str, title: &str, map: &Labels) {
    w.w(0, &format!("{initial}{title}:\t"));
    if map.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    for (i, (k, v)) in map.iter().enumerate() {
        if i != 0 {
            w.w(0, &format!("{initial}\t"));
        }
        w.w(0, &format!("{k}={v}\n"));
    }
}

/// `printAnnotationsMultiline`: the last-applied configuration is left out, long or multi-line
/// values go on their own lines, cut at 138 bytes.
fn annotations_multiline(w: &mut W, title: &str, map: &Labels) {
    w.w(0, &format!("{title}:\t"));
    let keys: Vec<(&String, &String)> = map
        .iter()
        .filter(|(k, _)| k.as_str() != super::create::LAST_APPLIED)
        .collect();
    if keys.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > 140 || value.contains('\n') {
            w.w(0, &format!("{k}:\n"));
            for line in value.split('\n') {
                w.w(0, &format!("\t  {}\n", shorten(line, 138)));
            }
        } else {
            w.w(0, &format!("{k}: {value}\n"));
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", text.get(..end).unwrap_or(text))
}

/// `printTolerationsMultilineWithIndent`.
fn tolerations_multiline(w: &mut W, initial: &str, title: &str, list: &[Value]) {
    w.w(0, &format!("{initial}{title}:\t"));
    if list.is_empty() {
        w.w(0, "<none>\n");
        return;
    }
    let mut list: Vec<&Value> = list.iter().collect();
    cluster::sort::sort_by(&mut list, |a, b| s(a, &["key"]).cmp(s(b, &["key"])));
    for (i, t) in list.into_iter().enumerate() {
        if i != 0 {
            w.w(0, &format!("{initial}\t"));
        }
        let (key, val, effect) = (s(t, &["key"]), s(t, &["value"]), s(t, &["effect"]));
        let mut line = key.to_string();
        if !val.is_empty() {
            line.push('=');
            line.push_str(val);
        }
        if !effect.is_empty() {
            line.push(':');
            line.push_str(effect);
        }
        if s(t, &["operator"]) == "Exists" && val.is_empty() {
            if !key.is_empty() || !effect.is_empty() {
                line.push_str(" op=Exists");
            } else {
                line.push_str("op=Exists");
            }
        }
        if let Some(secs) = opt_i64(t, &["tolerationSeconds"]) {
            line.push_str(&format!(" for {secs}s"));
        }
        w.w(0, &format!("{line}\n"));
    }
}

/// `v1.Taint.ToString`.
fn taint_string(t: &Value) -> String {
    let (key, val, effect) = (s(t, &["key"]), s(t, &["value"]), s(t, &["effect"]));
    match (effect.is_empty(), val.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{key}={val}:"),
        (false, true) => format!("{key}:{effect}"),
        (false, false) => format!("{key}={val}:{effect}"),
    }
}

/// `labels.Selector.String()` of a `metav1.LabelSelector`: requirements sorted by key, set
/// values sorted.
fn selector_string(sel: Option<&Value>) -> String {
    let Some(sel) = sel else {
        return String::new();
    };
    let mut reqs: Vec<(String, String)> = object::string_map(sel, &["matchLabels"])
        .into_iter()
        .map(|(k, v)| (k.clone(), format!("{k}={v}")))
        .collect();
    for e in array_at(sel, &["matchExpressions"]) {
        let key = s(e, &["key"]);
        let mut values: Vec<&str> = array_at(e, &["values"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        cluster::sort::sort(&mut values);
        values.dedup();
        let text = match s(e, &["operator"]) {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            op => format!("{key} {op} ({})", values.join(",")),
        };
        reqs.push((key.to_string(), text));
    }
    cluster::sort::sort_by(&mut reqs, |a, b| a.0.cmp(&b.0));
    reqs.into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.FormatLabelSelector`: the selector, or `<none>`.
fn format_selector(sel: Option<&Value>) -> String {
    or_none(selector_string(sel))
}

fn controller(obj: &Value) -> Option<String> {
    object::controller_of(obj).map(|(k, n, _)| format!("{k}/{n}"))
}

// ---- Events ----

/// The events `searchEvents` finds for an object: by its uid (for a node, also the events
/// whose involved object's uid is the node's name, as the kubelet writes them).
fn events_of(cx: &Cx, kind: &str, obj: &Value) -> Vec<Value> {
    let mut evs: Vec<Value> = cluster::events::for_object(cx.cluster, obj)
        .into_iter()
        .cloned()
        .collect();
    if kind == "Node" {
        let name = object::name(obj);
        evs.extend(
            cx.cluster
                .store()
                .list("Event")
                .filter(|e| {
                    s(e, &["involvedObject", "kind"]) == "Node"
                        && s(e, &["involvedObject", "name"]) == name
                        && s(e, &["involvedObject", "uid"]) == name
                })
                .cloned(),
        );
    }
    // The server lists by name; `DescribeEvents` then sorts by last timestamp.
    cluster::sort::sort_by(&mut evs, |a, b| object::name(a).cmp(object::name(b)));
    cluster::sort::sort_by_key(&mut evs, |e| {
        str_at(e, &["lastTimestamp"])
            .and_then(Time::parse_rfc3339)
            .map_or(i64::MIN, |t| t.0)
    });
    evs
}

/// `DescribeEvents`.
fn describe_events(w: &mut W, cx: &Cx, evs: &[Value]) {
    if evs.is_empty() {
        w.w(0, "Events:\t<none>\n");
        return;
    }
    w.w(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.w(1, "----\t------\t----\t----\t-------\n");
    for e in evs {
        let event_time = str_at(e, &["eventTime"]).filter(|t| !t.is_empty());
        let first = match event_time {
            Some(_) => since(cx, e, &["eventTime"]),
            None => since(cx, e, &["firstTimestamp"]),
        };
        let count = n(e, &["count"]);
        let interval = if e.get("series").is_some_and(|v| !v.is_null()) {
            format!(
                "{} (x{} over {first})",
                since(cx, e, &["series", "lastObservedTime"]),
                n(e, &["series", "count"])
            )
        } else if count > 1 {
            format!(
                "{} (x{count} over {first})",
                since(cx, e, &["lastTimestamp"])
            )
        } else {
            first
        };
        let mut source = s(e, &["source", "component"]);
        if source.is_empty() {
            source = s(e, &["reportingComponent"]);
        }
        w.w(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{}\n",
                s(e, &["type"]),
                s(e, &["reason"]),
                s(e, &["message"]).trim()
            ),
        );
    }
}

fn maybe_events(w: &mut W, cx: &Cx, evs: Option<&[Value]>) {
    if let Some(evs) = evs {
        describe_events(w, cx, evs);
    }
}

// ---- Containers, volumes, pod templates ----

/// `describeContainers`: `space` is "" for a pod, "  " inside a pod template.
fn containers(
    w: &mut W,
    label: &str,
    list: &[Value],
    statuses: Option<&[Value]>,
    space: &str,
    pod: Option<&Value>,
) {
    let none = if list.is_empty() { " <none>" } else { "" };
    w.w(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in list {
        let name = s(c, &["name"]);
        let st = statuses.and_then(|ss| ss.iter().find(|x| s(x, &["name"]) == name));
        w.w(1, &format!("{name_indent}{name}:\n"));
        if let Some(st) = st {
            w.w(2, &format!("Container ID:\t{}\n", s(st, &["containerID"])));
        }
        w.w(2, &format!("Image:\t{}\n", s(c, &["image"])));
        if let Some(st) = st {
            w.w(2, &format!("Image ID:\t{}\n", s(st, &["imageID"])));
        }
        let ports = array_at(c, &["ports"]);
        let fmt = |key: &str| {
            ports
                .iter()
                .map(|p| format!("{}/{}", n(p, &[key]), s(p, &["protocol"])))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (cp, hp) = (fmt("containerPort"), fmt("hostPort"));
        if cp.contains(',') {
            w.w(2, &format!("Ports:\t{cp}\n"));
        } else {
            w.w(2, &format!("Port:\t{}\n", or_none(cp)));
        }
        if hp.contains(',') {
            w.w(2, &format!("Host Ports:\t{hp}\n"));
        } else {
            w.w(2, &format!("Host Port:\t{}\n", or_none(hp)));
        }
        if let Some(sp) = c.pointer("/securityContext/seccompProfile") {
            w.w(2, &format!("SeccompProfile:\t{}\n", s(sp, &["type"])));
            if s(sp, &["type"]) == "Localhost" {
                w.w(
                    3,
                    &format!("LocalhostProfile:\t{}\n", s(sp, &["localhostProfile"])),
                );
            }
        }
        for (title, key) in [("Command", "command"), ("Args", "args")] {
            let items = array_at(c, &[key]);
            if !items.is_empty() {
                w.w(2, &format!("{title}:\n"));
                for item in items {
                    for line in item.as_str().unwrap_or("").split('\n') {
                        w.w(3, &format!("{line}\n"));
                    }
                }
            }
        }
        if let Some(st) = st {
            container_state(w, "State", st.get("state"));
            if st.pointer("/lastState/terminated").is_some() {
                container_state(w, "Last State", st.get("lastState"));
            }
            w.w(
                2,
                &format!(
                    "Ready:\t{}\n",
                    title_bool(bool_at(st, &["ready"]).unwrap_or(false))
                ),
            );
            w.w(
                2,
                &format!("Restart Count:\t{}\n", n(st, &["restartCount"])),
            );
        }
        resources(w, c.get("resources"), 2);
        for (title, key) in [
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ] {
            if let Some(p) = c.get(key) {
                w.w(2, &format!("{title}:\t{}\n", probe(p)));
            }
        }
        env_from(w, c);
        env(w, c, pod);
        mounts(w, c);
    }
}

/// `describeStatus`.
fn container_state(w: &mut W, title: &str, state: Option<&Value>) {
    let state = state.cloned().unwrap_or(Value::Null);
    if let Some(r) = state.get("running") {
        w.w(2, &format!("{title}:\tRunning\n"));
        w.w(3, &format!("Started:\t{}\n", rfc1123(r, &["startedAt"])));
    } else if let Some(wt) = state.get("waiting") {
        w.w(2, &format!("{title}:\tWaiting\n"));
        if !s(wt, &["reason"]).is_empty() {
            w.w(3, &format!("Reason:\t{}\n", s(wt, &["reason"])));
        }
    } else if let Some(t) = state.get("terminated") {
        w.w(2, &format!("{title}:\tTerminated\n"));
        if !s(t, &["reason"]).is_empty() {
            w.w(3, &format!("Reason:\t{}\n", s(t, &["reason"])));
        }
        if !s(t, &["message"]).is_empty() {
            w.w(3, &format!("Message:\t{}\n", s(t, &["message"])));
        }
        w.w(3, &format!("Exit Code:\t{}\n", n(t, &["exitCode"])));
        if n(t, &["signal"]) > 0 {
            w.w(3, &format!("Signal:\t{}\n", n(t, &["signal"])));
        }
        w.w(3, &format!("Started:\t{}\n", rfc1123(t, &["startedAt"])));
        w.w(3, &format!("Finished:\t{}\n", rfc1123(t, &["finishedAt"])));
    } else {
        w.w(2, &format!("{title}:\tWaiting\n"));
    }
}

/// `describeResources`.
fn resources(w: &mut W, r: Option<&Value>, level: usize) {
    let Some(r) = r else {
        return;
    };
    for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
        let list = object::string_map(r, &[key]);
        if !list.is_empty() {
            w.w(level, &format!("{title}:\n"));
        }
        for (name, q) in &list {
            w.w(level + 1, &format!("{name}:\t{}\n", Quantity::canonical(q)));
        }
    }
}

/// `DescribeProbe`.
fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        n(p, &["initialDelaySeconds"]),
        n(p, &["timeoutSeconds"]),
        n(p, &["periodSeconds"]),
        n(p, &["successThreshold"]),
        n(p, &["failureThreshold"])
    );
    let port = |v: Option<&Value>| match v {
        Some(Value::Number(x)) => x.to_string(),
        Some(Value::String(x)) => x.clone(),
        _ => "0".into(),
    };
    if let Some(e) = p.get("exec") {
        let cmd: Vec<&str> = array_at(e, &["command"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet") {
        let host = s(h, &["host"]);
        let port = port(h.get("port"));
        let hostport = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        return format!(
            "http-get {}://{hostport}{} {attrs}",
            s(h, &["scheme"]).to_ascii_lowercase(),
            s(h, &["path"])
        );
    }
    if let Some(t) = p.get("tcpSocket") {
        return format!(
            "tcp-socket {}:{} {attrs}",
            s(t, &["host"]),
            port(t.get("port"))
        );
    }
    if let Some(g) = p.get("grpc") {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            n(g, &["port"]),
            s(g, &["service"])
        );
    }
    format!("unknown {attrs}")
}

/// `describeContainerEnvFrom`.
fn env_from(w: &mut W, c: &Value) {
    let from = array_at(c, &["envFrom"]);
    if from.is_empty() {
        return;
    }
    w.w(2, "Environment Variables from:\n");
    for f in from {
        let (kind, r) = if let Some(r) = f.get("configMapRef") {
            ("ConfigMap", r)
        } else if let Some(r) = f.get("secretRef") {
            ("Secret", r)
        } else {
            ("", &Value::Null)
        };
        let optional = bool_at(r, &["optional"]).unwrap_or(false);
        let prefix = s(f, &["prefix"]);
        if prefix.is_empty() {
            w.w(
                3,
                &format!("{}\t{kind}\tOptional: {optional}\n", s(r, &["name"])),
            );
        } else {
            w.w(
                3,
                &format!(
                    "{}\t{kind} with prefix '{prefix}'\tOptional: {optional}\n",
                    s(r, &["name"])
                ),
            );
        }
    }
}

/// `describeContainerEnvVars`. Field references are resolved only for pods.
fn env(w: &mut W, c: &Value, pod: Option<&Value>) {
    let vars = array_at(c, &["env"]);
    let none = if vars.is_empty() { "\t<none>" } else { "" };
    w.w(2, &format!("Environment:{none}\n"));
    for e in vars {
        let name = s(e, &["name"]);
        let Some(from) = e.get("valueFrom") else {
            for (i, line) in s(e, &["value"]).split('\n').enumerate() {
                if i == 0 {
                    w.w(3, &format!("{name}:\t{line}\n"));
                } else {
                    w.w(3, &format!("\t{line}\n"));
                }
            }
            continue;
        };
        if let Some(r) = from.get("fieldRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t{} ({}:{})\n",
                    pod.map(|p| field_value(p, s(r, &["fieldPath"])))
                        .unwrap_or_default(),
                    str_at(r, &["apiVersion"]).unwrap_or("v1"),
                    s(r, &["fieldPath"])
                ),
            );
        } else if let Some(r) = from.get("resourceFieldRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t{} ({})\n",
                    resource_value(c, r),
                    s(r, &["resource"])
                ),
            );
        } else if let Some(r) = from.get("secretKeyRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    s(r, &["key"]),
                    s(r, &["name"]),
                    bool_at(r, &["optional"]).unwrap_or(false)
                ),
            );
        } else if let Some(r) = from.get("configMapKeyRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    s(r, &["key"]),
                    s(r, &["name"]),
                    bool_at(r, &["optional"]).unwrap_or(false)
                ),
            );
        }
    }
}

/// `resourcehelper.ExtractContainerResourceValue` with the default divisor: cores rounded up,
/// bytes; a limit of zero is the node's allocatable.
fn resource_value(c: &Value, r: &Value) -> String {
    let res = s(r, &["resource"]);
    let Some((kind, name)) = res.split_once('.') else {
        return String::new();
    };
    let q = str_at(c, &["resources", kind, name])
        .and_then(Quantity::parse)
        .unwrap_or_else(Quantity::zero);
    let v = q.value();
    if v == 0 && (res == "limits.cpu" || res == "limits.memory") {
        return "node allocatable".into();
    }
    v.to_string()
}

/// The value of a pod's `fieldRef` environment variable (`EnvValueRetriever`):
/// `fieldpath.ExtractFieldPathAsString` knows only the metadata fields, anything else is empty.
fn field_value(pod: &Value, path: &str) -> String {
    let sub = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|k| k.strip_prefix("['").and_then(|k| k.strip_suffix("']")))
            .map(str::to_string)
    };
    let format_map = |m: Labels| {
        m.iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let annotations = || object::string_map(pod, &["metadata", "annotations"]);
    if let Some(k) = sub("metadata.labels") {
        return object::labels(pod).get(&k).cloned().unwrap_or_default();
    }
    if let Some(k) = sub("metadata.annotations") {
        return annotations().get(&k).cloned().unwrap_or_default();
    }
    match path {
        "metadata.name" => object::name(pod).to_string(),
        "metadata.namespace" => object::namespace(pod).to_string(),
        "metadata.uid" => object::uid(pod).to_string(),
        "metadata.labels" => format_map(object::labels(pod)),
        "metadata.annotations" => format_map(annotations()),
        _ => String::new(),
    }
}

/// `describeContainerVolumes`.
fn mounts(w: &mut W, c: &Value) {
    let mut ms: Vec<&Value> = array_at(c, &["volumeMounts"]).iter().collect();
    let none = if ms.is_empty() { "\t<none>" } else { "" };
    w.w(2, &format!("Mounts:{none}\n"));
    cluster::sort::sort_by(&mut ms, |a, b| {
        s(a, &["mountPath"]).cmp(s(b, &["mountPath"]))
    });
    for m in ms {
        let mut flags = vec![if bool_at(m, &["readOnly"]) == Some(true) {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        if !s(m, &["subPath"]).is_empty() {
            flags.push(format!("path={:?}", s(m, &["subPath"])));
        }
        w.w(
            3,
            &format!(
                "{} from {} ({})\n",
                s(m, &["mountPath"]),
                s(m, &["name"]),
                flags.join(",")
            ),
        );
    }
    let devices = array_at(c, &["volumeDevices"]);
    if !devices.is_empty() {
        w.w(2, "Devices:\n");
        let mut devices: Vec<&Value> = devices.iter().collect();
        cluster::sort::sort_by(&mut devices, |a, b| {
            s(a, &["devicePath"]).cmp(s(b, &["devicePath"]))
        });
        for d in devices {
            w.w(
                3,
                &format!("{} from {}\n", s(d, &["devicePath"]), s(d, &["name"])),
            );
        }
    }
}

/// Go's `%v` of an optional bool pointer (`<nil>`, `true`, `false`).
fn go_bool_ptr(v: &Value, key: &str) -> String {
    match v.get(key).and_then(Value::as_bool) {
        Some(b) => b.to_string(),
        None => "<nil>".into(),
    }
}

/// `describeVolumes`.
fn volumes(w: &mut W, vols: &[Value], space: &str) {
    if vols.is_empty() {
        w.w(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.w(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in vols {
        w.w(1, &format!("{name_indent}{}:\n", s(v, &["name"])));
        if let Some(h) = v.get("hostPath") {
            w.w(2, &format!("Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n", s(h, &["path"]), str_at(h, &["type"]).unwrap_or("<none>")));
        } else if let Some(e) = v.get("emptyDir") {
            let size = str_at(e, &["sizeLimit"])
                .filter(|q| Quantity::parse(q).is_some_and(|q| q.milli > 0))
                .map_or_else(|| "<unset>".to_string(), Quantity::canonical);
            w.w(2, &format!("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n", s(e, &["medium"])));
        } else if let Some(sec) = v.get("secret") {
            w.w(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    s(sec, &["secretName"]),
                    bool_at(sec, &["optional"]).unwrap_or(false)
                ),
            );
        } else if let Some(cm) = v.get("configMap") {
            w.w(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    s(cm, &["name"]),
                    bool_at(cm, &["optional"]).unwrap_or(false)
                ),
            );
        } else if let Some(c) = v.get("persistentVolumeClaim") {
            w.w(2, &format!("Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n", s(c, &["claimName"]), bool_at(c, &["readOnly"]).unwrap_or(false)));
        } else if let Some(d) = v.get("downwardAPI") {
            w.w(
                2,
                "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
            );
            for item in array_at(d, &["items"]) {
                if let Some(f) = item.get("fieldRef") {
                    w.w(
                        3,
                        &format!("{} -> {}\n", s(f, &["fieldPath"]), s(item, &["path"])),
                    );
                }
                if let Some(r) = item.get("resourceFieldRef") {
                    w.w(
                        3,
                        &format!("{} -> {}\n", s(r, &["resource"]), s(item, &["path"])),
                    );
                }
            }
        } else if let Some(p) = v.get("projected") {
            w.w(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for src in array_at(p, &["sources"]) {
                if let Some(sec) = src.get("secret") {
                    w.w(
                        2,
                        &format!(
                            "SecretName:\t{}\n    SecretOptionalName:\t{}\n",
                            s(sec, &["name"]),
                            go_bool_ptr(sec, "optional")
                        ),
                    );
                } else if src.get("downwardAPI").is_some() {
                    w.w(2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = src.get("configMap") {
                    w.w(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n",
                            s(cm, &["name"]),
                            go_bool_ptr(cm, "optional")
                        ),
                    );
                } else if let Some(t) = src.get("serviceAccountToken") {
                    w.w(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            n(t, &["expirationSeconds"])
                        ),
                    );
                }
            }
        } else if let Some(nfs) = v.get("nfs") {
            w.w(2, &format!("Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n", s(nfs, &["server"]), s(nfs, &["path"]), bool_at(nfs, &["readOnly"]).unwrap_or(false)));
        } else {
            w.w(1, "<unknown>\n");
        }
    }
}

/// `describeTopologySpreadConstraints`.
fn topology_spread(w: &mut W, list: &[Value], space: &str) {
    if list.is_empty() {
        return;
    }
    let mut list: Vec<&Value> = list.iter().collect();
    cluster::sort::sort_by(&mut list, |a, b| {
        s(a, &["topologyKey"]).cmp(s(b, &["topologyKey"]))
    });
    w.w(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in list.into_iter().enumerate() {
        if i != 0 {
            w.w(0, &format!("{space}\t"));
        }
        let mut line = format!(
            "{}:{} when max skew {} is exceeded",
            s(t, &["topologyKey"]),
            s(t, &["whenUnsatisfiable"]),
            n(t, &["maxSkew"])
        );
        if let Some(sel) = t.get("labelSelector") {
            line.push_str(&format!(" for selector {}", format_selector(Some(sel))));
        }
        w.w(0, &format!("{line}\n"));
    }
}

/// `DescribePodTemplate`.
fn pod_template(w: &mut W, t: Option<&Value>) {
    w.w(0, "Pod Template:\n");
    let Some(t) = t else {
        w.w(1, "<unset>");
        return;
    };
    labels_multiline(
        w,
        "",
        "  Labels",
        &object::string_map(t, &["metadata", "labels"]),
    );
    let ann = object::string_map(t, &["metadata", "annotations"]);
    if !ann.is_empty() {
        annotations_multiline(w, "  Annotations", &ann);
    }
    let spec = t.get("spec").cloned().unwrap_or(Value::Null);
    if !s(&spec, &["serviceAccountName"]).is_empty() {
        w.w(
            1,
            &format!("Service Account:\t{}\n", s(&spec, &["serviceAccountName"])),
        );
    }
    let init = array_at(&spec, &["initContainers"]);
    if !init.is_empty() {
        containers(w, "Init Containers", init, None, "  ", None);
    }
    containers(
        w,
        "Containers",
        array_at(&spec, &["containers"]),
        None,
        "  ",
        None,
    );
    volumes(w, array_at(&spec, &["volumes"]), "  ");
    topology_spread(w, array_at(&spec, &["topologySpreadConstraints"]), "  ");
    if !s(&spec, &["priorityClassName"]).is_empty() {
        w.w(
            1,
            &format!(
                "Priority Class Name:\t{}\n",
                s(&spec, &["priorityClassName"])
            ),
        );
    }
    labels_multiline(
        w,
        "",
        "  Node-Selectors",
        &object::string_map(&spec, &["nodeSelector"]),
    );
    tolerations_multiline(w, "", "  Tolerations", array_at(&spec, &["tolerations"]));
}

// ---- Quantities (k8s.io/apimachinery/pkg/api/resource), as far as describe needs them ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    DecimalSi,
    BinarySi,
    DecimalExponent,
}

/// A quantity in thousandths, with the format it was written in.
#[derive(Clone, Copy, Debug)]
struct Quantity {
    milli: i128,
    format: Format,
}

impl Quantity {
    fn zero() -> Quantity {
        Quantity {
            milli: 0,
            format: Format::DecimalSi,
        }
    }

    fn parse(text: &str) -> Option<Quantity> {
        let t = text.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
            .unwrap_or(t.len());
        let (num, suffix) = t.split_at(split);
        let (mult_num, mult_den, format): (i128, i128, Format) = match suffix {
            "" => (1, 1, Format::DecimalSi),
            "m" => (1, 1000, Format::DecimalSi),
            "k" => (1_000, 1, Format::DecimalSi),
            "M" => (1_000_000, 1, Format::DecimalSi),
            "G" => (1_000_000_000, 1, Format::DecimalSi),
            "T" => (1_000_000_000_000, 1, Format::DecimalSi),
            "P" => (1_000_000_000_000_000, 1, Format::DecimalSi),
            "E" => (1_000_000_000_000_000_000, 1, Format::DecimalSi),
            "Ki" => (1 << 10, 1, Format::BinarySi),
            "Mi" => (1 << 20, 1, Format::BinarySi),
            "Gi" => (1 << 30, 1, Format::BinarySi),
            "Ti" => (1 << 40, 1, Format::BinarySi),
            "Pi" => (1 << 50, 1, Format::BinarySi),
            "Ei" => (1 << 60, 1, Format::BinarySi),
            e if e.starts_with(['e', 'E']) => {
                let exp: u32 = e.get(1..)?.parse().ok()?;
                (10i128.checked_pow(exp)?, 1, Format::DecimalExponent)
            }
            _ => return None,
        };
        let (neg, num) = match num.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, num.strip_prefix('+').unwrap_or(num)),
        };
        let (int, frac) = num.split_once('.').unwrap_or((num, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let int: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        // Thousandths of the number, rounded up as Go rounds to milli precision.
        let frac_digits: String = frac
            .chars()
            .chain(std::iter::repeat('0'))
            .take(18)
            .collect();
        let frac_val: i128 = frac_digits.parse().ok()?;
        let scale: i128 = 1_000_000_000_000_000_000;
        let total = (int * scale + frac_val).checked_mul(mult_num)? / mult_den;
        let milli = (total * 1000 + scale - 1) / scale;
        Some(Quantity {
            milli: if neg { -milli } else { milli },
            format,
        })
    }

    /// The canonical form of a quantity string, as `Quantity.String()` prints it.
    fn canonical(text: &str) -> String {
        Quantity::parse(text).map_or_else(|| text.to_string(), |q| q.to_string())
    }

    fn add(&mut self, other: Quantity) {
        if self.milli == 0 && other.milli != 0 && self.format == Format::DecimalSi {
            self.format = other.format;
        }
        self.milli += other.milli;
    }

    /// `Value()`: rounded up to a whole number.
    fn value(self) -> i128 {
        (self.milli + 999).div_euclid(1000)
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = self.milli;
        if m == 0 {
            return f.write_str("0");
        }
        let integral = m % 1000 == 0;
        if self.format == Format::BinarySi && integral && m.abs() >= 1024 * 1000 {
            let mut v = m / 1000;
            let mut i = 0;
            while v % 1024 == 0 && i < 6 {
                v /= 1024;
                i += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                .get(i)
                .unwrap_or(&"");
            return write!(f, "{v}{suffix}");
        }
        // DecimalSI (and BinarySI values below 1Ki or with fractions): exponent a multiple of
        // three, as large as possible.
        let mut v = m;
        let mut exp = -3i32;
        while v % 1000 == 0 && exp < 18 {
            v /= 1000;
            exp += 3;
        }
        if self.format == Format::DecimalExponent {
            return if exp == 0 {
                write!(f, "{v}")
            } else {
                write!(f, "{v}e{exp}")
            };
        }
        let suffix = match exp {
            -3 => "m",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => "",
        };
        write!(f, "{v}{suffix}")
    }
}

/// `resourcehelper.PodRequestsAndLimits`: the sum over containers, raised to any single init
/// container's value, plus the pod overhead.
fn pod_requests_and_limits(pod: &Value) -> (Labelled, Labelled) {
    let mut reqs = Labelled::new();
    let mut limits = Labelled::new();
    let sum = |acc: &mut Labelled, c: &Value, key: &str| {
        for (k, v) in object::string_map(c, &["resources", key]) {
            if let Some(q) = Quantity::parse(&v) {
                acc.entry(k).or_insert_with(Quantity::zero).add(q);
            }
        }
    };
    for c in array_at(pod, &["spec", "containers"]) {
        sum(&mut reqs, c, "requests");
        sum(&mut limits, c, "limits");
    }
    for c in array_at(pod, &["spec", "initContainers"]) {
        for (acc, key) in [(&mut reqs, "requests"), (&mut limits, "limits")] {
            for (k, v) in object::string_map(c, &["resources", key]) {
                if let Some(q) = Quantity::parse(&v) {
                    let cur = acc.entry(k).or_insert_with(Quantity::zero);
                    if q.milli > cur.milli {
                        *cur = q;
                    }
                }
            }
        }
    }
    for (k, v) in object::string_map(pod, &["spec", "overhead"]) {
        if let Some(q) = Quantity::parse(&v) {
            reqs.entry(k.clone()).or_insert_with(Quantity::zero).add(q);
            if limits.contains_key(&k) {
                limits.entry(k).or_insert_with(Quantity::zero).add(q);
            }
        }
    }
    (reqs, limits)
}

type Labelled = std::collections::BTreeMap<String, Quantity>;

// ---- The describers ----

fn pod(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    if let Some(p) = opt_i64(obj, &["spec", "priority"]) {
        w.w(0, &format!("Priority:\t{p}\n"));
    }
    for (title, path) in [
        ("Priority Class Name", "priorityClassName"),
        ("Runtime Class Name", "runtimeClassName"),
        ("Service Account", "serviceAccountName"),
    ] {
        if !s(obj, &["spec", path]).is_empty() {
            w.w(0, &format!("{title}:\t{}\n", s(obj, &["spec", path])));
        }
    }
    let node = s(obj, &["spec", "nodeName"]);
    if node.is_empty() {
        w.w(0, "Node:\t<none>\n");
    } else {
        w.w(
            0,
            &format!("Node:\t{node}/{}\n", s(obj, &["status", "hostIP"])),
        );
    }
    if str_at(obj, &["status", "startTime"]).is_some() {
        w.w(
            0,
            &format!("Start Time:\t{}\n", rfc1123(obj, &["status", "startTime"])),
        );
    }
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    let phase = s(obj, &["status", "phase"]);
    if object::is_terminating(obj) && phase != "Failed" && phase != "Succeeded" {
        w.w(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                since(cx, obj, &["metadata", "deletionTimestamp"])
            ),
        );
        w.w(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                n(obj, &["metadata", "deletionGracePeriodSeconds"])
            ),
        );
    } else {
        w.w(0, &format!("Status:\t{phase}\n"));
    }
    for (title, key) in [("Reason", "reason"), ("Message", "message")] {
        if !s(obj, &["status", key]).is_empty() {
            w.w(0, &format!("{title}:\t{}\n", s(obj, &["status", key])));
        }
    }
    if let Some(sp) = obj.pointer("/spec/securityContext/seccompProfile") {
        w.w(0, &format!("SeccompProfile:\t{}\n", s(sp, &["type"])));
        if s(sp, &["type"]) == "Localhost" {
            w.w(
                0,
                &format!("LocalhostProfile:\t{}\n", s(sp, &["localhostProfile"])),
            );
        }
    }
    w.w(0, &format!("IP:\t{}\n", s(obj, &["status", "podIP"])));
    let ips = array_at(obj, &["status", "podIPs"]);
    if ips.is_empty() {
        w.w(0, "IPs:\t<none>\n");
    } else {
        w.w(0, "IPs:\n");
        for ip in ips {
            w.w(1, &format!("IP:\t{}\n", s(ip, &["ip"])));
        }
    }
    if let Some(c) = controller(obj) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    if !s(obj, &["status", "nominatedNodeName"]).is_empty() {
        w.w(
            0,
            &format!(
                "NominatedNodeName:\t{}\n",
                s(obj, &["status", "nominatedNodeName"])
            ),
        );
    }
    if let Some(r) = obj.pointer("/spec/resources") {
        w.w(0, "Resources:\n");
        resources(w, Some(r), 1);
    }
    let init = array_at(obj, &["spec", "initContainers"]);
    if !init.is_empty() {
        containers(
            w,
            "Init Containers",
            init,
            Some(array_at(obj, &["status", "initContainerStatuses"])),
            "",
            Some(obj),
        );
    }
    containers(
        w,
        "Containers",
        array_at(obj, &["spec", "containers"]),
        Some(array_at(obj, &["status", "containerStatuses"])),
        "",
        Some(obj),
    );
    let gates = array_at(obj, &["spec", "readinessGates"]);
    let conds = array_at(obj, &["status", "conditions"]);
    if !gates.is_empty() {
        w.w(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = s(g, &["conditionType"]);
            let status = conds
                .iter()
                .find(|c| s(c, &["type"]) == t)
                .map_or("<none>", |c| s(c, &["status"]));
            w.w(1, &format!("{t} \t{status} \n"));
        }
    }
    if !conds.is_empty() {
        w.w(0, "Conditions:\n  Type\tStatus\n");
        for c in conds {
            w.w(
                1,
                &format!("{} \t{} \n", s(c, &["type"]), s(c, &["status"])),
            );
        }
    }
    volumes(w, array_at(obj, &["spec", "volumes"]), "");
    w.w(0, &format!("QoS Class:\t{}\n", qos_class(obj)));
    labels_multiline(
        w,
        "",
        "Node-Selectors",
        &object::string_map(obj, &["spec", "nodeSelector"]),
    );
    tolerations_multiline(
        w,
        "",
        "Tolerations",
        array_at(obj, &["spec", "tolerations"]),
    );
    topology_spread(w, array_at(obj, &["spec", "topologySpreadConstraints"]), "");
    maybe_events(w, cx, evs);
}

/// `qos.GetPodQOS`: the status' class, else computed from the containers' resources.
fn qos_class(pod: &Value) -> String {
    if let Some(q) = str_at(pod, &["status", "qosClass"]).filter(|q| !q.is_empty()) {
        return q.to_string();
    }
    let mut requests = Labelled::new();
    let mut limits = Labelled::new();
    let mut guaranteed = true;
    for c in array_at(pod, &["spec", "containers"])
        .iter()
        .chain(array_at(pod, &["spec", "initContainers"]))
    {
        let mut found = Vec::new();
        for (acc, key) in [(&mut requests, "requests"), (&mut limits, "limits")] {
            for (k, v) in object::string_map(c, &["resources", key]) {
                let q = Quantity::parse(&v).unwrap_or_else(Quantity::zero);
                if (k == "cpu" || k == "memory") && q.milli > 0 {
                    if key == "limits" {
                        found.push(k.clone());
                    }
                    acc.entry(k).or_insert_with(Quantity::zero).add(q);
                }
            }
        }
        if !(found.iter().any(|k| k == "cpu") && found.iter().any(|k| k == "memory")) {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".into();
    }
    if guaranteed
        && requests
            .iter()
            .all(|(k, r)| limits.get(k).is_some_and(|l| l.milli == r.milli))
        && requests.len() == limits.len()
    {
        return "Guaranteed".into();
    }
    "Burstable".into()
}

fn service(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            object::format_labels(&object::string_map(obj, &["spec", "selector"]))
        ),
    );
    w.w(0, &format!("Type:\t{}\n", s(obj, &["spec", "type"])));
    if let Some(p) = str_at(obj, &["spec", "ipFamilyPolicy"]) {
        w.w(0, &format!("IP Family Policy:\t{p}\n"));
    }
    let join = |key: &str| {
        array_at(obj, &["spec", key])
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(",")
    };
    w.w(
        0,
        &format!("IP Families:\t{}\n", or_none(join("ipFamilies"))),
    );
    w.w(0, &format!("IP:\t{}\n", s(obj, &["spec", "clusterIP"])));
    w.w(0, &format!("IPs:\t{}\n", or_none(join("clusterIPs"))));
    if !join("externalIPs").is_empty() {
        w.w(0, &format!("External IPs:\t{}\n", join("externalIPs")));
    }
    if !s(obj, &["spec", "loadBalancerIP"]).is_empty() {
        w.w(
            0,
            &format!(
                "Desired LoadBalancer IP:\t{}\n",
                s(obj, &["spec", "loadBalancerIP"])
            ),
        );
    }
    if !s(obj, &["spec", "externalName"]).is_empty() {
        w.w(
            0,
            &format!("External Name:\t{}\n", s(obj, &["spec", "externalName"])),
        );
    }
    let ingress = array_at(obj, &["status", "loadBalancer", "ingress"]);
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| {
                if s(i, &["ip"]).is_empty() {
                    s(i, &["hostname"]).to_string()
                } else if let Some(mode) = str_at(i, &["ipMode"]) {
                    format!("{} ({mode})", s(i, &["ip"]))
                } else {
                    s(i, &["ip"]).to_string()
                }
            })
            .collect();
        w.w(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    let name = object::name(obj);
    let slices: Vec<&Object> = cx
        .cluster
        .store()
        .list_ns("EndpointSlice", object::namespace(obj))
        .filter(|e| {
            object::labels(e)
                .get("kubernetes.io/service-name")
                .map(String::as_str)
                == Some(name)
        })
        .collect();
    for p in array_at(obj, &["spec", "ports"]) {
        let pname = s(p, &["name"]);
        let shown = if pname.is_empty() { "<unset>" } else { pname };
        let proto = s(p, &["protocol"]);
        w.w(0, &format!("Port:\t{shown}\t{}/{proto}\n", n(p, &["port"])));
        match p.get("targetPort") {
            Some(Value::String(t)) => w.w(0, &format!("TargetPort:\t{t}/{proto}\n")),
            other => w.w(
                0,
                &format!(
                    "TargetPort:\t{}/{proto}\n",
                    other.and_then(Value::as_i64).unwrap_or(0)
                ),
            ),
        }
        if n(p, &["nodePort"]) != 0 {
            w.w(
                0,
                &format!("NodePort:\t{shown}\t{}/{proto}\n", n(p, &["nodePort"])),
            );
        }
        w.w(
            0,
            &format!("Endpoints:\t{}\n", format_endpoint_slices(&slices, pname)),
        );
    }
    w.w(
        0,
        &format!(
            "Session Affinity:\t{}\n",
            s(obj, &["spec", "sessionAffinity"])
        ),
    );
    if !s(obj, &["spec", "externalTrafficPolicy"]).is_empty() {
        w.w(
            0,
            &format!(
                "External Traffic Policy:\t{}\n",
                s(obj, &["spec", "externalTrafficPolicy"])
            ),
        );
    }
    if let Some(p) = str_at(obj, &["spec", "internalTrafficPolicy"]) {
        w.w(0, &format!("Internal Traffic Policy:\t{p}\n"));
    }
    if n(obj, &["spec", "healthCheckNodePort"]) != 0 {
        w.w(
            0,
            &format!(
                "HealthCheck NodePort:\t{}\n",
                n(obj, &["spec", "healthCheckNodePort"])
            ),
        );
    }
    if !join("loadBalancerSourceRanges").is_empty() {
        w.w(
            0,
            &format!(
                "LoadBalancer Source Ranges:\t{}\n",
                join("loadBalancerSourceRanges")
            ),
        );
    }
    maybe_events(w, cx, evs);
}

/// `formatEndpointSlices` for one service port: ready endpoints as `ip:port`, three at most.
fn format_endpoint_slices(slices: &[&Object], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let max = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    let ready = |e: &Value| bool_at(e, &["conditions", "ready"]) != Some(false);
    let first_addr = |e: &Value| {
        array_at(e, &["addresses"])
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    for sl in slices {
        let ports = array_at(sl, &["ports"]);
        let endpoints = array_at(sl, &["endpoints"]);
        if ports.is_empty() {
            for e in endpoints {
                if list.len() == max {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    list.push(first_addr(e));
                }
                count += 1;
            }
            continue;
        }
        for p in ports {
            if s(p, &["name"]) != port_name {
                continue;
            }
            for e in endpoints {
                if list.len() == max {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    let addr = first_addr(e);
                    let port = n(p, &["port"]);
                    list.push(if addr.contains(':') {
                        format!("[{addr}]:{port}")
                    } else {
                        format!("{addr}:{port}")
                    });
                }
                count += 1;
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count.saturating_sub(max))
    } else {
        ret
    }
}

/// The phases of the pods a controller owns: (running, waiting, succeeded, failed).
fn pod_phases(cx: &Cx, obj: &Value) -> (usize, usize, usize, usize) {
    let uid = object::uid(obj);
    let sel = obj.pointer("/spec/selector");
    let mut counts = (0, 0, 0, 0);
    for p in cx.cluster.store().list_ns("Pod", object::namespace(obj)) {
        if !sel.is_some_and(|s| object::label_selector_matches_obj(s, p)) {
            continue;
        }
        if object::controller_of(p).is_none_or(|(_, _, u)| u != uid) {
            continue;
        }
        match s(p, &["status", "phase"]) {
            "Running" => counts.0 += 1,
            "Pending" => counts.1 += 1,
            "Succeeded" => counts.2 += 1,
            "Failed" => counts.3 += 1,
            _ => {}
        }
    }
    counts
}

fn conditions_table(w: &mut W, obj: &Value) {
    let conds = array_at(obj, &["status", "conditions"]);
    if conds.is_empty() {
        return;
    }
    w.w(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.w(1, "----\t------\t------\n");
    for c in conds {
        w.w(
            1,
            &format!(
                "{} \t{}\t{}\n",
                s(c, &["type"]),
                s(c, &["status"]),
                s(c, &["reason"])
            ),
        );
    }
}

fn template(w: &mut W, obj: &Value) {
    pod_template(w, obj.pointer("/spec/template"));
}

fn deployment(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    w.w(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123(obj, &["metadata", "creationTimestamp"])
        ),
    );
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(obj.pointer("/spec/selector"))
        ),
    );
    let st = |k: &str| n(obj, &["status", k]);
    w.w(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            n(obj, &["spec", "replicas"]),
            st("updatedReplicas"),
            st("replicas"),
            st("availableReplicas"),
            st("unavailableReplicas")
        ),
    );
    w.w(
        0,
        &format!("StrategyType:\t{}\n", s(obj, &["spec", "strategy", "type"])),
    );
    w.w(
        0,
        &format!(
            "MinReadySeconds:\t{}\n",
            n(obj, &["spec", "minReadySeconds"])
        ),
    );
    if let Some(ru) = obj.pointer("/spec/strategy/rollingUpdate") {
        let v = |k: &str| match ru.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => "<nil>".into(),
        };
        w.w(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                v("maxUnavailable"),
                v("maxSurge")
            ),
        );
    }
    template(w, obj);
    conditions_table(w, obj);
    // deploymentutil.GetAllReplicaSets: the ReplicaSets the deployment controls.
    let uid = object::uid(obj);
    let mut rss: Vec<&Object> = cx
        .cluster
        .store()
        .list_ns("ReplicaSet", object::namespace(obj))
        .filter(|r| object::controller_of(r).is_some_and(|(_, _, u)| u == uid))
        .collect();
    cluster::sort::sort_by_key(&mut rss, |r| {
        (
            str_at(r, &["metadata", "creationTimestamp"])
                .unwrap_or("")
                .to_string(),
            object::name(r).to_string(),
        )
    });
    let tmpl = obj
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    let is_new = |r: &Value| {
        let mut t = r.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        object::remove(&mut t, &["metadata", "labels", "pod-template-hash"]);
        if object::labels(&t).is_empty() {
            object::remove(&mut t, &["metadata", "labels"]);
        }
        t == tmpl
    };
    // The new one is the oldest with the template; the old ones are all the others, in the
    // order the API lists them (by name).
    let new = rss.iter().find(|r| is_new(r)).copied();
    let mut old: Vec<&Object> = rss
        .iter()
        .filter(|r| new.is_none_or(|nr| object::uid(nr) != object::uid(r)))
        .copied()
        .collect();
    cluster::sort::sort_by(&mut old, |a, b| object::name(a).cmp(object::name(b)));
    let fmt = |list: &[&Object]| {
        or_none(
            list.iter()
                .map(|r| {
                    format!(
                        "{} ({}/{} replicas created)",
                        object::name(r),
                        n(r, &["status", "replicas"]),
                        n(r, &["spec", "replicas"])
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    if !old.is_empty() || new.is_some() {
        w.w(0, &format!("OldReplicaSets:\t{}\n", fmt(&old)));
        w.w(
            0,
            &format!(
                "NewReplicaSet:\t{}\n",
                fmt(&new.into_iter().collect::<Vec<_>>())
            ),
        );
    }
    maybe_events(w, cx, evs);
}

fn replica_set(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            format_selector(obj.pointer("/spec/selector"))
        ),
    );
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    if let Some(c) = controller(obj) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    w.w(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            n(obj, &["status", "replicas"]),
            n(obj, &["spec", "replicas"])
        ),
    );
    let (r, wt, su, f) = pod_phases(cx, obj);
    w.w(
        0,
        &format!("Pods Status:\t{r} Running / {wt} Waiting / {su} Succeeded / {f} Failed\n"),
    );
    template(w, obj);
    conditions_table(w, obj);
    maybe_events(w, cx, evs);
}

fn stateful_set(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    w.w(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123(obj, &["metadata", "creationTimestamp"])
        ),
    );
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(obj.pointer("/spec/selector"))
        ),
    );
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            n(obj, &["spec", "replicas"]),
            n(obj, &["status", "replicas"])
        ),
    );
    w.w(
        0,
        &format!(
            "Update Strategy:\t{}\n",
            s(obj, &["spec", "updateStrategy", "type"])
        ),
    );
    if let Some(ru) = obj.pointer("/spec/updateStrategy/rollingUpdate") {
        if let Some(p) = opt_i64(ru, &["partition"]) {
            w.w(1, &format!("Partition:\t{p}\n"));
            match ru.get("maxUnavailable") {
                Some(Value::String(m)) => w.w(1, &format!("MaxUnavailable:\t{m}\n")),
                Some(Value::Number(m)) => w.w(1, &format!("MaxUnavailable:\t{m}\n")),
                _ => {}
            }
        }
    }
    let (r, wt, su, f) = pod_phases(cx, obj);
    w.w(
        0,
        &format!("Pods Status:\t{r} Running / {wt} Waiting / {su} Succeeded / {f} Failed\n"),
    );
    template(w, obj);
    let claims = array_at(obj, &["spec", "volumeClaimTemplates"]);
    if claims.is_empty() {
        w.w(0, "Volume Claims:\t<none>\n");
    } else {
        w.w(0, "Volume Claims:\n");
        for c in claims {
            w.w(1, &format!("Name:\t{}\n", s(c, &["metadata", "name"])));
            let class = str_at(c, &["spec", "storageClassName"])
                .or_else(|| {
                    str_at(
                        c,
                        &[
                            "metadata",
                            "annotations",
                            "volume.beta.kubernetes.io/storage-class",
                        ],
                    )
                })
                .unwrap_or("");
            w.w(1, &format!("StorageClass:\t{class}\n"));
            labels_multiline(w, "  ", "Labels", &object::labels(c));
            labels_multiline(
                w,
                "  ",
                "Annotations",
                &object::string_map(c, &["metadata", "annotations"]),
            );
            let cap = str_at(c, &["spec", "resources", "requests", "storage"])
                .map_or_else(|| "<default>".to_string(), Quantity::canonical);
            w.w(1, &format!("Capacity:\t{cap}\n"));
            let modes: Vec<&str> = array_at(c, &["spec", "accessModes"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            w.w(1, &format!("Access Modes:\t[{}]\n", modes.join(" ")));
        }
    }
    maybe_events(w, cx, evs);
}

fn daemon_set(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(obj.pointer("/spec/selector"))
        ),
    );
    let node_sel = object::string_map(obj, &["spec", "template", "spec", "nodeSelector"]);
    w.w(
        0,
        &format!("Node-Selector:\t{}\n", object::format_labels(&node_sel)),
    );
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    for (title, key) in [
        (
            "Desired Number of Nodes Scheduled",
            "desiredNumberScheduled",
        ),
        (
            "Current Number of Nodes Scheduled",
            "currentNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Up-to-date Pods",
            "updatedNumberScheduled",
        ),
        (
            "Number of Nodes Scheduled with Available Pods",
            "numberAvailable",
        ),
        ("Number of Nodes Misscheduled", "numberMisscheduled"),
    ] {
        w.w(0, &format!("{title}: {}\n", n(obj, &["status", key])));
    }
    let (r, wt, su, f) = pod_phases(cx, obj);
    w.w(
        0,
        &format!("Pods Status:\t{r} Running / {wt} Waiting / {su} Succeeded / {f} Failed\n"),
    );
    template(w, obj);
    maybe_events(w, cx, evs);
}

fn job(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    w.w(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(obj.pointer("/spec/selector"))
        ),
    );
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    if let Some(c) = controller(obj) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    if let Some(p) = opt_i64(obj, &["spec", "parallelism"]) {
        w.w(0, &format!("Parallelism:\t{p}\n"));
    }
    match opt_i64(obj, &["spec", "completions"]) {
        Some(c) => w.w(0, &format!("Completions:\t{c}\n")),
        None => w.w(0, "Completions:\t<unset>\n"),
    }
    if let Some(m) = str_at(obj, &["spec", "completionMode"]) {
        w.w(0, &format!("Completion Mode:\t{m}\n"));
    }
    if let Some(b) = bool_at(obj, &["spec", "suspend"]) {
        w.w(0, &format!("Suspend:\t{b}\n"));
    }
    if let Some(b) = opt_i64(obj, &["spec", "backoffLimit"]) {
        w.w(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = opt_i64(obj, &["spec", "ttlSecondsAfterFinished"]) {
        w.w(0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = str_at(obj, &["status", "startTime"]).and_then(Time::parse_rfc3339);
    let done = str_at(obj, &["status", "completionTime"]).and_then(Time::parse_rfc3339);
    if let Some(t) = start {
        w.w(0, &format!("Start Time:\t{}\n", t.rfc1123z()));
    }
    if let Some(t) = done {
        w.w(0, &format!("Completed At:\t{}\n", t.rfc1123z()));
    }
    if let (Some(a), Some(b)) = (start, done) {
        w.w(0, &format!("Duration:\t{}\n", human_duration(b.since(a))));
    }
    if let Some(d) = opt_i64(obj, &["spec", "activeDeadlineSeconds"]) {
        w.w(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    let st = |k: &str| n(obj, &["status", k]);
    match opt_i64(obj, &["status", "ready"]) {
        None => w.w(
            0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                st("active"),
                st("succeeded"),
                st("failed")
            ),
        ),
        Some(r) => w.w(
            0,
            &format!(
                "Pods Statuses:\t{} Active ({r} Ready) / {} Succeeded / {} Failed\n",
                st("active"),
                st("succeeded"),
                st("failed")
            ),
        ),
    }
    if s(obj, &["spec", "completionMode"]) == "Indexed" {
        let idx = s(obj, &["status", "completedIndexes"]);
        w.w(
            0,
            &format!("Completed Indexes:\t{}\n", cap_indexes(idx, 50)),
        );
    }
    template(w, obj);
    maybe_events(w, cx, evs);
}

fn cap_indexes(idx: &str, soft: usize) -> String {
    if idx.is_empty() {
        return "<none>".into();
    }
    match idx.get(soft..).and_then(|rest| rest.find(',')) {
        Some(i) => format!("{}...", idx.get(..soft + i + 1).unwrap_or(idx)),
        None => idx.to_string(),
    }
}

fn cron_job(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(
        0,
        &format!("Schedule:\t{}\n", s(obj, &["spec", "schedule"])),
    );
    w.w(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            s(obj, &["spec", "concurrencyPolicy"])
        ),
    );
    let suspend = bool_at(obj, &["spec", "suspend"]).map_or("<unset>", title_bool);
    w.w(0, &format!("Suspend:\t{suspend}\n"));
    for (title, key, unit) in [
        (
            "Successful Job History Limit",
            "successfulJobsHistoryLimit",
            "",
        ),
        ("Failed Job History Limit", "failedJobsHistoryLimit", ""),
        ("Starting Deadline Seconds", "startingDeadlineSeconds", "s"),
    ] {
        match opt_i64(obj, &["spec", key]) {
            Some(v) => w.w(0, &format!("{title}:\t{v}{unit}\n")),
            None => w.w(0, &format!("{title}:\t<unset>\n")),
        }
    }
    let jt = obj
        .pointer("/spec/jobTemplate/spec")
        .cloned()
        .unwrap_or(Value::Null);
    match jt.get("selector") {
        Some(sel) => w.w(0, &format!("Selector:\t{}\n", selector_string(Some(sel)))),
        None => w.w(0, "Selector:\t<unset>\n"),
    }
    for (title, key) in [
        ("Parallelism", "parallelism"),
        ("Completions", "completions"),
    ] {
        match opt_i64(&jt, &[key]) {
            Some(v) => w.w(0, &format!("{title}:\t{v}\n")),
            None => w.w(0, &format!("{title}:\t<unset>\n")),
        }
    }
    if let Some(d) = opt_i64(&jt, &["activeDeadlineSeconds"]) {
        w.w(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    template(w, &serde_json::json!({"spec": jt}));
    match str_at(obj, &["status", "lastScheduleTime"]) {
        Some(_) => w.w(
            0,
            &format!(
                "Last Schedule Time:\t{}\n",
                rfc1123(obj, &["status", "lastScheduleTime"])
            ),
        ),
        None => w.w(0, "Last Schedule Time:\t<unset>\n"),
    }
    let active: Vec<&str> = array_at(obj, &["status", "active"])
        .iter()
        .map(|j| s(j, &["name"]))
        .collect();
    w.w(0, "Active Jobs:\t");
    if active.is_empty() {
        w.w(0, "<none>\n");
    } else {
        w.w(0, &format!("{}\n", active.join(", ")));
    }
    maybe_events(w, cx, evs);
}

fn node(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    let name = object::name(obj);
    w.w(0, &format!("Name:\t{name}\n"));
    let labels = object::labels(obj);
    let mut roles: Vec<&str> = labels
        .iter()
        .filter_map(|(k, v)| {
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                (!role.is_empty()).then_some(role)
            } else if k == "kubernetes.io/role" && !v.is_empty() {
                Some(v.as_str())
            } else {
                None
            }
        })
        .collect();
    cluster::sort::sort(&mut roles);
    roles.dedup();
    w.w(0, &format!("Roles:\t{}\n", or_none(roles.join(","))));
    labels_multiline(w, "", "Labels", &labels);
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123(obj, &["metadata", "creationTimestamp"])
        ),
    );
    let mut taints: Vec<&Value> = array_at(obj, &["spec", "taints"]).iter().collect();
    cluster::sort::sort_by_key(&mut taints, |t| {
        format!("{},{}", s(t, &["effect"]), s(t, &["key"]))
    });
    w.w(0, "Taints:\t");
    if taints.is_empty() {
        w.w(0, "<none>\n");
    }
    for (i, t) in taints.into_iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        w.w(0, &format!("{}\n", taint_string(t)));
    }
    w.w(
        0,
        &format!(
            "Unschedulable:\t{}\n",
            bool_at(obj, &["spec", "unschedulable"]).unwrap_or(false)
        ),
    );
    node_lease(w, cx, obj);
    let conds = array_at(obj, &["status", "conditions"]);
    if !conds.is_empty() {
        w.w(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.w(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conds {
            w.w(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    rfc1123(c, &["lastHeartbeatTime"]),
                    rfc1123(c, &["lastTransitionTime"]),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    w.w(0, "Addresses:\n");
    for a in array_at(obj, &["status", "addresses"]) {
        w.w(
            1,
            &format!("{}:\t{}\n", s(a, &["type"]), s(a, &["address"])),
        );
    }
    let capacity = object::string_map(obj, &["status", "capacity"]);
    let allocatable_raw = object::string_map(obj, &["status", "allocatable"]);
    for (title, list) in [("Capacity", &capacity), ("Allocatable", &allocatable_raw)] {
        if !list.is_empty() {
            w.w(0, &format!("{title}:\n"));
            for (k, v) in list {
                w.w(0, &format!("  {k}:\t{}\n", Quantity::canonical(v)));
            }
        }
    }
    w.w(0, "System Info:\n");
    for (title, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w.w(
            0,
            &format!("  {title}:\t{}\n", s(obj, &["status", "nodeInfo", key])),
        );
    }
    if !s(obj, &["spec", "podCIDR"]).is_empty() {
        w.w(0, &format!("PodCIDR:\t{}\n", s(obj, &["spec", "podCIDR"])));
    }
    let cidrs: Vec<&str> = array_at(obj, &["spec", "podCIDRs"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !cidrs.is_empty() {
        w.w(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if !s(obj, &["spec", "providerID"]).is_empty() {
        w.w(
            0,
            &format!("ProviderID:\t{}\n", s(obj, &["spec", "providerID"])),
        );
    }
    let allocatable = if allocatable_raw.is_empty() {
        capacity
    } else {
        allocatable_raw
    };
    node_resources(w, cx, name, &allocatable);
    maybe_events(w, cx, evs);
}

/// `describeNodeLease`. The lab keeps no Lease objects; without one, the lease the node's
/// kubelet would hold (renewed every ten seconds) is shown.
fn node_lease(w: &mut W, cx: &Cx, obj: &Value) {
    let name = object::name(obj);
    let lease = cx
        .cluster
        .store()
        .get_named("Lease", "kube-node-lease", name)
        .cloned();
    w.w(0, "Lease:\n");
    let (holder, acquire, renew) = match &lease {
        Some(l) => (
            str_at(l, &["spec", "holderIdentity"]).map_or("<unset>".to_string(), str::to_string),
            str_at(l, &["spec", "acquireTime"]).map_or("<unset>".to_string(), |_| {
                rfc1123(l, &["spec", "acquireTime"])
            }),
            str_at(l, &["spec", "renewTime"]).map_or("<unset>".to_string(), |_| {
                rfc1123(l, &["spec", "renewTime"])
            }),
        ),
        None => {
            let created = str_at(obj, &["metadata", "creationTimestamp"])
                .and_then(Time::parse_rfc3339)
                .unwrap_or(Time(0));
            let now = cx.cluster.now();
            let renewed = now.plus(-(now.since(created).rem_euclid(10_000)));
            (name.to_string(), "<unset>".into(), renewed.rfc1123z())
        }
    };
    w.w(1, &format!("HolderIdentity:\t{holder}\n"));
    w.w(1, &format!("AcquireTime:\t{acquire}\n"));
    w.w(1, &format!("RenewTime:\t{renew}\n"));
}

/// `describeNodeResource`.
fn node_resources(w: &mut W, cx: &Cx, node: &str, allocatable: &Labels) {
    let mut pods: Vec<&Object> = cx
        .cluster
        .store()
        .list("Pod")
        .filter(|p| {
            s(p, &["spec", "nodeName"]) == node
                && !matches!(s(p, &["status", "phase"]), "Succeeded" | "Failed")
        })
        .collect();
    cluster::sort::sort_by(&mut pods, |a, b| {
        (object::namespace(a), object::name(a)).cmp(&(object::namespace(b), object::name(b)))
    });
    let alloc = |k: &str| {
        allocatable
            .get(k)
            .and_then(|v| Quantity::parse(v))
            .unwrap_or_else(Quantity::zero)
    };
    let (cpu, mem, eph) = (alloc("cpu"), alloc("memory"), alloc("ephemeral-storage"));
    let pct = |num: i128, den: i128| -> i64 {
        if den == 0 {
            0
        } else {
            (num as f64 / den as f64 * 100.0) as i64
        }
    };
    let get = |m: &Labelled, k: &str| m.get(k).copied().unwrap_or_else(Quantity::zero);
    w.w(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.w(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.w(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut total_req = Labelled::new();
    let mut total_lim = Labelled::new();
    for p in &pods {
        let (req, lim) = pod_requests_and_limits(p);
        let (cr, cl, mr, ml) = (
            get(&req, "cpu"),
            get(&lim, "cpu"),
            get(&req, "memory"),
            get(&lim, "memory"),
        );
        w.w(
            1,
            &format!(
                "{}\t{}\t\t{cr} ({}%)\t{cl} ({}%)\t{mr} ({}%)\t{ml} ({}%)\t{}\n",
                object::namespace(p),
                object::name(p),
                pct(cr.milli, cpu.milli),
                pct(cl.milli, cpu.milli),
                pct(mr.value(), mem.value()),
                pct(ml.value(), mem.value()),
                since(cx, p, &["metadata", "creationTimestamp"])
            ),
        );
        for (acc, src) in [(&mut total_req, req), (&mut total_lim, lim)] {
            for (k, q) in src {
                acc.entry(k).or_insert_with(Quantity::zero).add(q);
            }
        }
    }
    w.w(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.w(1, "Resource\tRequests\tLimits\n");
    w.w(1, "--------\t--------\t------\n");
    let row = |w: &mut W, name: &str, r: Quantity, l: Quantity, den: Quantity, milli: bool| {
        let (rn, ln, d) = if milli {
            (r.milli, l.milli, den.milli)
        } else {
            (r.value(), l.value(), den.value())
        };
        w.w(
            1,
            &format!("{name}\t{r} ({}%)\t{l} ({}%)\n", pct(rn, d), pct(ln, d)),
        );
    };
    row(
        w,
        "cpu",
        get(&total_req, "cpu"),
        get(&total_lim, "cpu"),
        cpu,
        true,
    );
    row(
        w,
        "memory",
        get(&total_req, "memory"),
        get(&total_lim, "memory"),
        mem,
        false,
    );
    row(
        w,
        "ephemeral-storage",
        get(&total_req, "ephemeral-storage"),
        get(&total_lim, "ephemeral-storage"),
        eph,
        false,
    );
    for k in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        row(
            w,
            k,
            get(&total_req, k),
            get(&total_lim, k),
            alloc(k),
            false,
        );
    }
    let standard = |k: &str| {
        matches!(
            k,
            "cpu" | "memory" | "ephemeral-storage" | "storage" | "pods"
        ) || k.starts_with("hugepages-")
            || k.starts_with("requests.")
            || k.starts_with("limits.")
    };
    for k in allocatable.keys().filter(|k| !standard(k)) {
        w.w(
            1,
            &format!("{k}\t{}\t{}\n", get(&total_req, k), get(&total_lim, k)),
        );
    }
}

fn service_account(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    let ns = object::namespace(obj);
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{ns}\n"));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    let secrets: Vec<&Object> = cx.cluster.store().list_ns("Secret", ns).collect();
    let exists = |name: &str| secrets.iter().any(|sec| object::name(sec) == name);
    let names = |key: &str| -> Vec<String> {
        array_at(obj, &[key])
            .iter()
            .map(|r| s(r, &["name"]).to_string())
            .collect()
    };
    let tokens: Vec<String> = secrets
        .iter()
        .filter(|sec| {
            s(sec, &["type"]) == "kubernetes.io/service-account-token"
                && s(
                    sec,
                    &[
                        "metadata",
                        "annotations",
                        "kubernetes.io/service-account.name",
                    ],
                ) == object::name(obj)
                && s(
                    sec,
                    &[
                        "metadata",
                        "annotations",
                        "kubernetes.io/service-account.uid",
                    ],
                ) == object::uid(obj)
        })
        .map(|sec| object::name(sec).to_string())
        .collect();
    // Sorted by header, as describe.go sorts them.
    for (header, list, check) in [
        ("Image pull secrets:", names("imagePullSecrets"), true),
        ("Mountable secrets: ", names("secrets"), true),
        ("Tokens:            ", tokens, false),
    ] {
        if list.is_empty() {
            w.w(0, &format!("{header}\t<none>\n"));
            continue;
        }
        let mut prefix = header;
        for name in list {
            if check && !exists(&name) {
                w.w(0, &format!("{prefix}\t{name} (not found)\n"));
            } else {
                w.w(0, &format!("{prefix}\t{name}\n"));
            }
            prefix = "                   ";
        }
    }
    maybe_events(w, cx, evs);
}

fn endpoints(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(0, "Subsets:\n");
    for sub in array_at(obj, &["subsets"]) {
        let ips = |k: &str| {
            or_none(
                array_at(sub, &[k])
                    .iter()
                    .map(|a| s(a, &["ip"]))
                    .collect::<Vec<_>>()
                    .join(","),
            )
        };
        w.w(1, &format!("Addresses:\t{}\n", ips("addresses")));
        w.w(
            1,
            &format!("NotReadyAddresses:\t{}\n", ips("notReadyAddresses")),
        );
        let ports = array_at(sub, &["ports"]);
        if !ports.is_empty() {
            w.w(1, "Ports:\n");
            w.w(2, "Name\tPort\tProtocol\n");
            w.w(2, "----\t----\t--------\n");
            for p in ports {
                let name = str_at(p, &["name"])
                    .filter(|x| !x.is_empty())
                    .unwrap_or("<unset>");
                w.w(
                    2,
                    &format!("{name}\t{}\t{}\n", n(p, &["port"]), s(p, &["protocol"])),
                );
            }
        }
        w.w(0, "\n");
    }
    maybe_events(w, cx, evs);
}

fn endpoint_slice(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(0, &format!("AddressType:\t{}\n", s(obj, &["addressType"])));
    let ports = array_at(obj, &["ports"]);
    if ports.is_empty() {
        w.w(0, "Ports: <unset>\n");
    } else {
        w.w(0, "Ports:\n");
        w.w(1, "Name\tPort\tProtocol\n");
        w.w(1, "----\t----\t--------\n");
        for p in ports {
            let name = str_at(p, &["name"])
                .filter(|x| !x.is_empty())
                .unwrap_or("<unset>");
            let port = opt_i64(p, &["port"]).map_or("<unset>".to_string(), |x| x.to_string());
            w.w(1, &format!("{name}\t{port}\t{}\n", s(p, &["protocol"])));
        }
    }
    let eps = array_at(obj, &["endpoints"]);
    if eps.is_empty() {
        w.w(0, "Endpoints: <none>\n");
    } else {
        w.w(0, "Endpoints:\n");
        for e in eps {
            let addrs: Vec<&str> = array_at(e, &["addresses"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            w.w(1, &format!("- Addresses:\t{}\n", or_none(addrs.join(", "))));
            w.w(2, "Conditions:\n");
            let ready = bool_at(e, &["conditions", "ready"])
                .map_or("<unset>".to_string(), |b| b.to_string());
            w.w(3, &format!("Ready:\t{ready}\n"));
            w.w(
                2,
                &format!(
                    "Hostname:\t{}\n",
                    str_at(e, &["hostname"]).unwrap_or("<unset>")
                ),
            );
            if let Some(t) = e.get("targetRef") {
                w.w(
                    2,
                    &format!("TargetRef:\t{}/{}\n", s(t, &["kind"]), s(t, &["name"])),
                );
            }
            w.w(
                2,
                &format!(
                    "NodeName:\t{}\n",
                    str_at(e, &["nodeName"]).unwrap_or("<unset>")
                ),
            );
            w.w(
                2,
                &format!("Zone:\t{}\n", str_at(e, &["zone"]).unwrap_or("<unset>")),
            );
        }
    }
    maybe_events(w, cx, evs);
}

fn config_map(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(0, "\nData\n====\n");
    for (k, v) in object::string_map(obj, &["data"]) {
        w.w(0, &format!("{k}:\n----\n"));
        w.w(0, &format!("{v}\n"));
        w.w(0, "\n");
    }
    w.w(0, "\nBinaryData\n====\n");
    for (k, v) in object::string_map(obj, &["binaryData"]) {
        w.w(
            0,
            &format!("{k}: {} bytes\n", cluster::secret::decode(&v).len()),
        );
    }
    w.w(0, "\n");
    maybe_events(w, cx, evs);
}

fn secret(w: &mut W, obj: &Value) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    let kind = s(obj, &["type"]);
    w.w(0, &format!("\nType:\t{kind}\n"));
    w.w(0, "\nData\n====\n");
    for (k, v) in object::string_map(obj, &["data"]) {
        let raw = cluster::secret::decode(&v);
        if k == "token" && kind == "kubernetes.io/service-account-token" {
            w.w(0, &format!("{k}:\t{raw}\n"));
        } else {
            w.w(0, &format!("{k}:\t{} bytes\n", raw.len()));
        }
    }
}

fn namespace_(w: &mut W, cx: &Cx, obj: &Value) {
    let name = object::name(obj);
    w.w(0, &format!("Name:\t{name}\n"));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    w.w(0, &format!("Status:\t{}\n", s(obj, &["status", "phase"])));
    let conds = array_at(obj, &["status", "conditions"]);
    if !conds.is_empty() {
        w.w(0, "Conditions:\n");
        w.w(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.w(1, "----\t------\t------------------\t------\t-------\n");
        for c in conds {
            w.w(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    rfc1123(c, &["lastTransitionTime"]),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    w.w(0, "\n");
    if cx
        .cluster
        .store()
        .list_ns("ResourceQuota", name)
        .next()
        .is_none()
    {
        w.w(0, "No resource quota.\n");
    } else {
        w.w(0, "Resource Quotas\n");
        for q in cx.cluster.store().list_ns("ResourceQuota", name) {
            w.w(1, &format!("Name:\t{}\n", object::name(q)));
            w.w(0, "Resource\tUsed\tHard\n");
            w.w(0, "--------\t----\t----\n");
            let used = object::string_map(q, &["status", "used"]);
            for (k, hard) in object::string_map(q, &["status", "hard"]) {
                let u = used
                    .get(&k)
                    .map_or("0".to_string(), |u| Quantity::canonical(u));
                w.w(0, &format!("{k}\t{u}\t{}\n", Quantity::canonical(&hard)));
            }
        }
    }
    w.w(0, "\n");
    if cx
        .cluster
        .store()
        .list_ns("LimitRange", name)
        .next()
        .is_none()
    {
        w.w(0, "No LimitRange resource.\n");
    } else {
        w.w(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.w(
            0,
            " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
        );
    }
}

/// `GenericDescriber`: name, namespace, labels and annotations, then every other field of the
/// object with smart labels (`printUnstructuredContent`).
fn generic(w: &mut W, cx: &Cx, obj: &Value, evs: Option<&[Value]>) {
    w.w(0, &format!("Name:\t{}\n", object::name(obj)));
    w.w(0, &format!("Namespace:\t{}\n", object::namespace(obj)));
    labels_multiline(w, "", "Labels", &object::labels(obj));
    annotations_multiline(
        w,
        "Annotations",
        &object::string_map(obj, &["metadata", "annotations"]),
    );
    if let Some(m) = obj.as_object() {
        unstructured(w, 0, m, "");
    }
    maybe_events(w, cx, evs);
}

const GENERIC_SKIP: &[&str] = &[
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

fn unstructured(w: &mut W, level: usize, map: &serde_json::Map<String, Value>, prefix: &str) {
    let mut keys: Vec<&String> = map.keys().collect();
    cluster::sort::sort(&mut keys);
    for k in keys {
        let Some(v) = map.get(k) else { continue };
        let path = format!("{prefix}.{k}");
        if GENERIC_SKIP.contains(&path.as_str()) {
            continue;
        }
        match v {
            Value::Object(m) => {
                w.w(level, &format!("{}:\n", smart_label(k)));
                unstructured(w, level + 1, m, &path);
            }
            Value::Array(items) => {
                w.w(level, &format!("{}:\n", smart_label(k)));
                for item in items {
                    match item {
                        Value::Object(m) => unstructured(w, level + 1, m, &path),
                        other => w.w(level + 1, &format!("{}\n", go_value(other))),
                    }
                }
            }
            other => w.w(
                level,
                &format!("{}:\t{}\n", smart_label(k), go_value(other)),
            ),
        }
    }
}

/// Go's `%v` of a decoded JSON scalar.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(num) => num.to_string(),
        other => other.to_string(),
    }
}

/// `smartLabelFor`: `involvedObject` becomes `Involved Object`, `apiVersion` `API Version`.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let up = p.to_uppercase();
            if ["API", "URL", "UID", "OSB", "GUID"].contains(&up.as_str()) {
                up
            } else {
                title(&p)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `strings.Title`: the first letter of each word upper-cased.
fn title(text: &str) -> String {
    let mut out = String::new();
    let mut prev_letter = false;
    for c in text.chars() {
        if !prev_letter && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

/// github.com/fatih/camelcase `Split`.
fn camel_split(text: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in text.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    // An upper-case run followed by a lower-case one gives its last letter to the next word.
    for i in 0..runs.len().saturating_sub(1) {
        let (a, b) = runs.split_at_mut(i + 1);
        let (Some(cur), Some(next)) = (a.last_mut(), b.first_mut()) else {
            continue;
        };
        let (Some(&l), Some(&f)) = (cur.last(), next.first()) else {
            continue;
        };
        if l.is_uppercase() && f.is_lowercase() {
            if let Some(moved) = cur.pop() {
                next.insert(0, moved);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use serde_json::json;

    fn block(f: impl FnOnce(&mut W)) -> String {
        let mut w = W::default();
        f(&mut w);
        describe_block(w.0.trim_end_matches('\n'))
    }

    #[test]
    fn annotations_long_and_multiline_go_on_their_own_lines() {
        let mut m = Labels::new();
        m.insert("a".into(), "short".into());
        m.insert("long".into(), "x".repeat(150));
        m.insert("multi".into(), "one\ntwo\n".into());
        m.insert(super::super::create::LAST_APPLIED.into(), "{}".into());
        let out = block(|w| {
            w.w(0, "Name:\tx\n");
            annotations_multiline(w, "Annotations", &m);
        });
        expect![[r#"
            Name:         x
            Annotations:  a: short
                          long:
                            xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...
                          multi:
                            one
                            two"#]]
        .assert_eq(&out);
    }

    #[test]
    fn tolerations_and_taints_as_describe_go() {
        let ts = vec![
            json!({"key": "b", "operator": "Equal", "value": "v", "effect": "NoSchedule"}),
            json!({"operator": "Exists"}),
            json!({"effect": "NoExecute", "operator": "Exists"}),
            json!({"key": "a", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
        ];
        let out = block(|w| tolerations_multiline(w, "", "Tolerations", &ts));
        expect![[r#"
            Tolerations:  op=Exists
                          :NoExecute op=Exists
                          a:NoExecute op=Exists for 300s
                          b=v:NoSchedule"#]]
        .assert_eq(&out);
        assert_eq!(
            taint_string(&json!({"key": "k", "effect": "NoSchedule"})),
            "k:NoSchedule"
        );
        assert_eq!(taint_string(&json!({"key": "k", "value": "v"})), "k=v:");
    }

    #[test]
    fn endpoint_slices_show_three_ready_endpoints() {
        let slice = json!({
            "ports": [{"name": "", "port": 8080}],
            "endpoints": [
                {"addresses": ["10.0.0.1"], "conditions": {"ready": true}},
                {"addresses": ["10.0.0.2"], "conditions": {"ready": false}},
                {"addresses": ["10.0.0.3"]},
                {"addresses": ["10.0.0.4"], "conditions": {"ready": true}},
                {"addresses": ["10.0.0.5"], "conditions": {"ready": true}},
            ]
        });
        assert_eq!(
            format_endpoint_slices(&[&slice], ""),
            "10.0.0.1:8080,10.0.0.3:8080,10.0.0.4:8080 + 1 more..."
        );
        assert_eq!(format_endpoint_slices(&[&slice], "http"), "");
        assert_eq!(format_endpoint_slices(&[], ""), "<none>");
    }

    #[test]
    fn selectors_sort_requirements_by_key() {
        let sel = json!({
            "matchLabels": {"tier": "web", "app": "x"},
            "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "dev"]}]
        });
        assert_eq!(
            selector_string(Some(&sel)),
            "app=x,env in (dev,prod),tier=web"
        );
        assert_eq!(format_selector(Some(&json!({}))), "<none>");
    }

    #[test]
    fn probes_as_describe_go() {
        let p = json!({"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
            "initialDelaySeconds": 3, "timeoutSeconds": 1, "periodSeconds": 10,
            "successThreshold": 1, "failureThreshold": 3});
        assert_eq!(
            probe(&p),
            "http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3"
        );
        assert_eq!(
            probe(&json!({"exec": {"command": ["cat", "/tmp/x"]}})),
            "exec [cat /tmp/x] delay=0s timeout=0s period=0s #success=0 #failure=0"
        );
    }

    #[test]
    fn quantities_print_canonically() {
        for (text, out) in [
            ("100m", "100m"),
            ("0.5", "500m"),
            ("1000m", "1"),
            ("2", "2"),
            ("64Mi", "64Mi"),
            ("1Gi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("24558964Ki", "24558964Ki"),
            ("110", "110"),
            ("2000", "2k"),
            ("1e3", "1e3"),
        ] {
            assert_eq!(
                Quantity::parse(text).map(|q| q.to_string()),
                Some(out.to_string()),
                "{text}"
            );
        }
        let mut a = Quantity::parse("64Mi").unwrap_or_else(Quantity::zero);
        a.add(Quantity::parse("64Mi").unwrap_or_else(Quantity::zero));
        assert_eq!(a.to_string(), "128Mi");
    }

    #[test]
    fn smart_labels() {
        for (f, l) in [
            ("involvedObject", "Involved Object"),
            ("apiVersion", "API Version"),
            ("uid", "UID"),
            ("firstTimestamp", "First Timestamp"),
            ("reportingComponent", "Reporting Component"),
            ("k8s-app", "k8s-app"),
            ("holderIdentity", "Holder Identity"),
            ("leaseDurationSeconds", "Lease Duration Seconds"),
        ] {
            assert_eq!(smart_label(f), l);
        }
    }
}
