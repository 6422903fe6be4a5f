//! `kubectl describe`: describe.go's layouts, written with tabs and aligned by the describe tab
//! writer (columns line up over each run of tabbed lines).

use super::flags::{switch, value, Flag};
use super::resource;
use super::selector::Selector;
use super::{namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::columns::{format_endpoints, format_label_selector};
use crate::printers::table::describe_block;
use crate::programs::Run;
use cluster::object::{self, array_at, i64_at, str_at, Object};
use cluster::time::{human_duration, Time};
use serde_json::Value;
use std::fmt::Write;

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
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for sel in &sels {
        match &sel.names {
            Some(names) => {
                for n in names {
                    // describe matches names by prefix when there is no exact match.
                    match cx.cluster.get(sel.rt, &ns, n) {
                        Ok(o) => texts.push(describe(cx, sel.rt.kind, o, show_events)),
                        Err(e) => {
                            let list_ns = if sel.rt.namespaced {
                                Some(ns.as_str())
                            } else {
                                None
                            };
                            let prefixed: Vec<Object> = cx
                                .cluster
                                .list(sel.rt, list_ns)
                                .into_iter()
                                .filter(|o| object::name(o).starts_with(n.as_str()))
                                .cloned()
                                .collect();
                            if prefixed.is_empty() {
                                errors.push(super::api_error_text(&e));
                            }
                            for o in prefixed {
                                texts.push(describe(cx, sel.rt.kind, &o, show_events));
                            }
                        }
                    }
                }
            }
            None => {
                let list_ns = if all || !sel.rt.namespaced {
                    None
                } else {
                    Some(ns.as_str())
                };
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
    if texts.is_empty() && errors.is_empty() {
        io.eprintln(if all {
            "No resources found".to_string()
        } else {
            format!("No resources found in {ns} namespace.")
        });
        return Run::Done(0);
    }
    io.print(texts.join("\n\n"));
    if !texts.is_empty() {
        io.print("\n");
    }
    for e in &errors {
        io.eprintln(e);
    }
    Run::Done(i32::from(!errors.is_empty()))
}

fn when(obj: &Value, path: &[&str]) -> String {
    str_at(obj, path)
        .and_then(Time::parse_rfc3339)
        .map_or_else(|| "<unset>".into(), |t| t.rfc1123z())
}

/// `Labels:\tk=v\n\tk2=v2` (or `<none>`), for any string map.
fn map_lines(
    out: &mut String,
    indent: &str,
    title: &str,
    map: &cluster::object::Labels,
    sep: &str,
) {
    if map.is_empty() {
        let _ = writeln!(out, "{indent}{title}\t<none>");
        return;
    }
    for (i, (k, v)) in map.iter().enumerate() {
        let head = if i == 0 {
            format!("{indent}{title}")
        } else {
            String::new()
        };
        let _ = writeln!(out, "{head}\t{k}{sep}{v}");
    }
}

fn events(cx: &Cx, obj: &Value, out: &mut String) {
    let evs = cluster::events::for_object(cx.cluster, obj);
    if evs.is_empty() {
        out.push_str("Events:\t<none>\n");
        return;
    }
    let now = cx.cluster.now();
    out.push_str(
        "Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n",
    );
    for e in evs {
        let first = str_at(e, &["firstTimestamp"])
            .and_then(Time::parse_rfc3339)
            .map_or("<unknown>".to_string(), |t| human_duration(now.since(t)));
        let count = i64_at(e, &["count"]).unwrap_or(1);
        let age = if count > 1 {
            let last = str_at(e, &["lastTimestamp"])
                .and_then(Time::parse_rfc3339)
                .map_or("<unknown>".to_string(), |t| human_duration(now.since(t)));
            format!("{last} (x{count} over {first})")
        } else {
            first
        };
        let from = str_at(e, &["source", "component"]).unwrap_or("");
        let _ = writeln!(
            out,
            "  {}\t{}\t{age}\t{from}\t{}",
            str_at(e, &["type"]).unwrap_or(""),
            str_at(e, &["reason"]).unwrap_or(""),
            str_at(e, &["message"]).unwrap_or("").trim()
        );
    }
}

fn describe(cx: &Cx, kind: &str, obj: &Value, show_events: bool) -> String {
    let mut out = String::new();
    match kind {
        "Pod" => pod(cx, obj, &mut out),
        "Service" => service(cx, obj, &mut out),
        "Deployment" => deployment(cx, obj, &mut out),
        "ReplicaSet" => replica_set(cx, obj, &mut out),
        "Endpoints" => {
            header(obj, &mut out, true);
            out.push_str("Subsets:\n");
            for s in array_at(obj, &["subsets"]) {
                let ips = |k: &str| {
                    array_at(s, &[k])
                        .iter()
                        .filter_map(|a| str_at(a, &["ip"]))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                let _ = writeln!(out, "  Addresses:\t{}", or_none(&ips("addresses")));
                let _ = writeln!(
                    out,
                    "  NotReadyAddresses:\t{}",
                    or_none(&ips("notReadyAddresses"))
                );
                out.push_str("  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n");
                for p in array_at(s, &["ports"]) {
                    let _ = writeln!(
                        out,
                        "    {}\t{}\t{}",
                        str_at(p, &["name"]).unwrap_or("<unset>"),
                        i64_at(p, &["port"]).unwrap_or(0),
                        str_at(p, &["protocol"]).unwrap_or("TCP")
                    );
                }
                out.push('\n');
            }
        }
        "ConfigMap" => {
            header(obj, &mut out, true);
            out.push_str("\nData\n====\n");
            for (k, v) in object::string_map(obj, &["data"]) {
                let _ = writeln!(out, "{k}:\n----\n{v}\n");
            }
            out.push_str("\nBinaryData\n====\n\n");
        }
        "Secret" => {
            header(obj, &mut out, true);
            let _ = writeln!(
                out,
                "\nType:\t{}\n\nData\n====",
                str_at(obj, &["type"]).unwrap_or("Opaque")
            );
            for (k, v) in object::string_map(obj, &["data"]) {
                let _ = writeln!(out, "{k}:\t{} bytes", cluster::secret::decode(&v).len());
            }
        }
        "Namespace" => {
            let _ = writeln!(out, "Name:\t{}", object::name(obj));
            map_lines(&mut out, "", "Labels:", &object::labels(obj), "=");
            map_lines(
                &mut out,
                "",
                "Annotations:",
                &object::string_map(obj, &["metadata", "annotations"]),
                ": ",
            );
            let _ = writeln!(
                out,
                "Status:\t{}\n\nNo resource quota.\n\nNo LimitRange resource.",
                str_at(obj, &["status", "phase"]).unwrap_or("Active")
            );
        }
        _ => {
            header(obj, &mut out, true);
        }
    }
    if show_events && !matches!(kind, "ConfigMap" | "Secret" | "Namespace") {
        events(cx, obj, &mut out);
    } else if kind == "Namespace" {
        // describe namespace prints no events section.
    } else if !show_events {
        out.push_str("Events:\t<none>\n");
    }
    describe_block(out.trim_end_matches('\n'))
}

fn or_none(s: &str) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s.to_string()
    }
}

fn header(obj: &Value, out: &mut String, with_ns: bool) {
    let _ = writeln!(out, "Name:\t{}", object::name(obj));
    if with_ns && !object::namespace(obj).is_empty() {
        let _ = writeln!(out, "Namespace:\t{}", object::namespace(obj));
    }
    map_lines(out, "", "Labels:", &object::labels(obj), "=");
    let mut ann = object::string_map(obj, &["metadata", "annotations"]);
    ann.remove(super::create::LAST_APPLIED);
    map_lines(out, "", "Annotations:", &ann, ": ");
}

fn pod(cx: &Cx, obj: &Value, out: &mut String) {
    let _ = writeln!(out, "Name:\t{}", object::name(obj));
    let _ = writeln!(out, "Namespace:\t{}", object::namespace(obj));
    let _ = writeln!(
        out,
        "Priority:\t{}",
        i64_at(obj, &["spec", "priority"]).unwrap_or(0)
    );
    if let Some(pc) = str_at(obj, &["spec", "priorityClassName"]) {
        let _ = writeln!(out, "Priority Class Name:\t{pc}");
    }
    let _ = writeln!(
        out,
        "Service Account:\t{}",
        str_at(obj, &["spec", "serviceAccountName"]).unwrap_or("default")
    );
    let node = match (
        str_at(obj, &["spec", "nodeName"]),
        str_at(obj, &["status", "hostIP"]),
    ) {
        (Some(n), Some(ip)) => format!("{n}/{ip}"),
        (Some(n), None) => n.to_string(),
        _ => "<none>".into(),
    };
    let _ = writeln!(out, "Node:\t{node}");
    if let Some(t) = str_at(obj, &["status", "startTime"]).and_then(Time::parse_rfc3339) {
        let _ = writeln!(out, "Start Time:\t{}", t.rfc1123z());
    }
    map_lines(out, "", "Labels:", &object::labels(obj), "=");
    map_lines(
        out,
        "",
        "Annotations:",
        &object::string_map(obj, &["metadata", "annotations"]),
        ": ",
    );
    if let Some(dt) = str_at(obj, &["metadata", "deletionTimestamp"]).and_then(Time::parse_rfc3339)
    {
        let grace = i64_at(obj, &["metadata", "deletionGracePeriodSeconds"]).unwrap_or(30);
        let _ = writeln!(
            out,
            "Status:\tTerminating (lasts {})",
            human_duration(cx.cluster.now().since(dt.plus(-grace * 1000)))
        );
        let _ = writeln!(out, "Termination Grace Period:\t{grace}s");
    } else {
        let _ = writeln!(
            out,
            "Status:\t{}",
            str_at(obj, &["status", "phase"]).unwrap_or("Pending")
        );
    }
    let ip = str_at(obj, &["status", "podIP"]).unwrap_or("");
    let _ = writeln!(out, "IP:\t{ip}");
    out.push_str("IPs:\n");
    if ip.is_empty() {
        out.push_str("  <none>\n");
    } else {
        let _ = writeln!(out, "  IP:\t{ip}");
    }
    if let Some((k, n, _)) = object::controller_of(obj) {
        let _ = writeln!(out, "Controlled By:\t{k}/{n}");
    }
    out.push_str("Containers:\n");
    let statuses = array_at(obj, &["status", "containerStatuses"]);
    for c in array_at(obj, &["spec", "containers"]) {
        let name = str_at(c, &["name"]).unwrap_or("");
        let st = statuses.iter().find(|s| str_at(s, &["name"]) == Some(name));
        let _ = writeln!(out, "  {name}:");
        if let Some(id) = st.and_then(|s| str_at(s, &["containerID"])) {
            let _ = writeln!(out, "    Container ID:\t{id}");
        }
        let _ = writeln!(out, "    Image:\t{}", str_at(c, &["image"]).unwrap_or(""));
        let _ = writeln!(
            out,
            "    Image ID:\t{}",
            st.and_then(|s| str_at(s, &["imageID"])).unwrap_or("")
        );
        container_ports(c, out, "    ");
        let cmd = array_at(c, &["command"]);
        if !cmd.is_empty() {
            out.push_str("    Command:\n");
            for a in cmd {
                let _ = writeln!(out, "      {}", a.as_str().unwrap_or(""));
            }
        }
        let args = array_at(c, &["args"]);
        if !args.is_empty() {
            out.push_str("    Args:\n");
            for a in args {
                let _ = writeln!(out, "      {}", a.as_str().unwrap_or(""));
            }
        }
        state(st.and_then(|s| s.get("state")), "State", out);
        if let Some(last) = st
            .and_then(|s| s.get("lastState"))
            .filter(|l| l.as_object().is_some_and(|m| !m.is_empty()))
        {
            state(Some(last), "Last State", out);
        }
        let ready = st
            .and_then(|s| s.get("ready"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let _ = writeln!(out, "    Ready:\t{}", if ready { "True" } else { "False" });
        let _ = writeln!(
            out,
            "    Restart Count:\t{}",
            st.and_then(|s| i64_at(s, &["restartCount"])).unwrap_or(0)
        );
        env(c, out);
        mounts(c, out);
    }
    out.push_str("Conditions:\n  Type\tStatus\n");
    for cond in array_at(obj, &["status", "conditions"]) {
        let _ = writeln!(
            out,
            "  {} \t{} ",
            str_at(cond, &["type"]).unwrap_or(""),
            str_at(cond, &["status"]).unwrap_or("")
        );
    }
    volumes(obj, out);
    let _ = writeln!(
        out,
        "QoS Class:\t{}",
        str_at(obj, &["status", "qosClass"]).unwrap_or("BestEffort")
    );
    map_lines(
        out,
        "",
        "Node-Selectors:",
        &object::string_map(obj, &["spec", "nodeSelector"]),
        "=",
    );
    tolerations(array_at(obj, &["spec", "tolerations"]), out, "");
}

fn container_ports(c: &Value, out: &mut String, indent: &str) {
    let ports = array_at(c, &["ports"]);
    if ports.is_empty() {
        let _ = writeln!(out, "{indent}Port:\t<none>\n{indent}Host Port:\t<none>");
        return;
    }
    let fmt = |key: &str| {
        ports
            .iter()
            .map(|p| {
                format!(
                    "{}/{}",
                    i64_at(p, &[key]).unwrap_or(0),
                    str_at(p, &["protocol"]).unwrap_or("TCP")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let title = if ports.len() > 1 { "Ports" } else { "Port" };
    let _ = writeln!(out, "{indent}{title}:\t{}", fmt("containerPort"));
    let _ = writeln!(out, "{indent}Host {title}:\t{}", fmt("hostPort"));
}

fn state(s: Option<&Value>, title: &str, out: &mut String) {
    let Some(s) = s.and_then(Value::as_object) else {
        let _ = writeln!(out, "    {title}:\tWaiting");
        return;
    };
    if let Some(r) = s.get("running") {
        let _ = writeln!(
            out,
            "    {title}:\tRunning\n      Started:\t{}",
            when(r, &["startedAt"])
        );
    } else if let Some(w) = s.get("waiting") {
        let _ = writeln!(
            out,
            "    {title}:\tWaiting\n      Reason:\t{}",
            str_at(w, &["reason"]).unwrap_or("")
        );
        if let Some(m) = str_at(w, &["message"]) {
            let _ = writeln!(out, "      Message:\t{m}");
        }
    } else if let Some(t) = s.get("terminated") {
        let _ = writeln!(out, "    {title}:\tTerminated\n      Reason:\t{}\n      Exit Code:\t{}\n      Started:\t{}\n      Finished:\t{}", str_at(t, &["reason"]).unwrap_or(""), i64_at(t, &["exitCode"]).unwrap_or(0), when(t, &["startedAt"]), when(t, &["finishedAt"]));
    }
}

fn env(c: &Value, out: &mut String) {
    let from = array_at(c, &["envFrom"]);
    if !from.is_empty() {
        out.push_str("    Environment Variables from:\n");
        for f in from {
            if let Some(n) = str_at(f, &["configMapRef", "name"]) {
                let _ = writeln!(out, "      {n}\tConfigMap\tOptional: false");
            }
            if let Some(n) = str_at(f, &["secretRef", "name"]) {
                let _ = writeln!(out, "      {n}\tSecret\tOptional: false");
            }
        }
    }
    let vars = array_at(c, &["env"]);
    if vars.is_empty() {
        out.push_str("    Environment:\t<none>\n");
        return;
    }
    out.push_str("    Environment:\n");
    for e in vars {
        let name = str_at(e, &["name"]).unwrap_or("");
        let value = if let Some(v) = str_at(e, &["value"]) {
            v.to_string()
        } else if let Some(r) = e.pointer("/valueFrom/configMapKeyRef") {
            format!(
                "<set to the key '{}' of config map '{}'>",
                str_at(r, &["key"]).unwrap_or(""),
                str_at(r, &["name"]).unwrap_or("")
            )
        } else if let Some(r) = e.pointer("/valueFrom/secretKeyRef") {
            format!(
                "<set to the key '{}' in secret '{}'>",
                str_at(r, &["key"]).unwrap_or(""),
                str_at(r, &["name"]).unwrap_or("")
            )
        } else if let Some(r) = e.pointer("/valueFrom/fieldRef") {
            format!(
                " ({}:{})",
                str_at(r, &["apiVersion"]).unwrap_or("v1"),
                str_at(r, &["fieldPath"]).unwrap_or("")
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "      {name}:\t{value}");
    }
}

fn mounts(c: &Value, out: &mut String) {
    let ms = array_at(c, &["volumeMounts"]);
    if ms.is_empty() {
        out.push_str("    Mounts:\t<none>\n");
        return;
    }
    out.push_str("    Mounts:\n");
    for m in ms {
        let ro = if m.get("readOnly").and_then(Value::as_bool) == Some(true) {
            "ro"
        } else {
            "rw"
        };
        let _ = writeln!(
            out,
            "      {} from {} ({ro})",
            str_at(m, &["mountPath"]).unwrap_or(""),
            str_at(m, &["name"]).unwrap_or("")
        );
    }
}

fn volumes(obj: &Value, out: &mut String) {
    let vols = array_at(obj, &["spec", "volumes"]);
    if vols.is_empty() {
        out.push_str("Volumes:\t<none>\n");
        return;
    }
    out.push_str("Volumes:\n");
    for v in vols {
        let _ = writeln!(out, "  {}:", str_at(v, &["name"]).unwrap_or(""));
        if v.get("projected").is_some() {
            out.push_str("    Type:\tProjected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:\t3607\n    ConfigMapName:\tkube-root-ca.crt\n    ConfigMapOptional:\t<nil>\n    DownwardAPI:\ttrue\n");
        } else if let Some(cm) = v.get("configMap") {
            let _ = writeln!(out, "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\tfalse", str_at(cm, &["name"]).unwrap_or(""));
        } else if let Some(sec) = v.get("secret") {
            let _ = writeln!(out, "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\tfalse", str_at(sec, &["secretName"]).unwrap_or(""));
        } else if v.get("emptyDir").is_some() {
            out.push_str("    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n");
        } else {
            out.push_str("    Type:\t<unknown>\n");
        }
    }
}

fn tolerations(ts: &[Value], out: &mut String, indent: &str) {
    if ts.is_empty() {
        let _ = writeln!(out, "{indent}Tolerations:\t<none>");
        return;
    }
    for (i, t) in ts.iter().enumerate() {
        let key = str_at(t, &["key"]).unwrap_or("");
        let mut s = key.to_string();
        if let Some(v) = str_at(t, &["value"]) {
            s.push('=');
            s.push_str(v);
        }
        if let Some(e) = str_at(t, &["effect"]) {
            s.push(':');
            s.push_str(e);
        }
        if str_at(t, &["operator"]) == Some("Exists") && str_at(t, &["value"]).is_none() {
            if key.is_empty() {
                s = format!("{}op=Exists", s);
            } else {
                s.push_str(" op=Exists");
            }
        }
        if let Some(sec) = i64_at(t, &["tolerationSeconds"]) {
            let _ = write!(s, " for {sec}s");
        }
        let head = if i == 0 {
            format!("{indent}Tolerations:")
        } else {
            String::new()
        };
        let _ = writeln!(out, "{head}\t{s}");
    }
}

fn service(cx: &Cx, obj: &Value, out: &mut String) {
    header(obj, out, true);
    let _ = writeln!(
        out,
        "Selector:\t{}",
        object::format_labels(&object::string_map(obj, &["spec", "selector"]))
    );
    let kind = str_at(obj, &["spec", "type"]).unwrap_or("ClusterIP");
    let _ = writeln!(out, "Type:\t{kind}");
    if let Some(pol) = str_at(obj, &["spec", "ipFamilyPolicy"]) {
        let _ = writeln!(out, "IP Family Policy:\t{pol}");
    }
    let fams: Vec<&str> = array_at(obj, &["spec", "ipFamilies"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !fams.is_empty() {
        let _ = writeln!(out, "IP Families:\t{}", fams.join(","));
    }
    if let Some(ip) = str_at(obj, &["spec", "clusterIP"]) {
        let _ = writeln!(out, "IP:\t{ip}");
        let ips: Vec<&str> = array_at(obj, &["spec", "clusterIPs"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let _ = writeln!(out, "IPs:\t{}", ips.join(","));
    }
    if let Some(ext) = str_at(obj, &["spec", "externalName"]) {
        let _ = writeln!(out, "External Name:\t{ext}");
    }
    let ep = cx
        .cluster
        .store()
        .get_named("Endpoints", object::namespace(obj), object::name(obj))
        .cloned();
    for p in array_at(obj, &["spec", "ports"]) {
        let name = str_at(p, &["name"]).unwrap_or("<unset>");
        let proto = str_at(p, &["protocol"]).unwrap_or("TCP");
        let _ = writeln!(
            out,
            "Port:\t{name}  {}/{proto}",
            i64_at(p, &["port"]).unwrap_or(0)
        );
        let tp = match p.get("targetPort") {
            Some(Value::Number(n)) => format!("{n}/{proto}"),
            Some(Value::String(s)) => format!("{s}/{proto}"),
            _ => format!("{}/{proto}", i64_at(p, &["port"]).unwrap_or(0)),
        };
        let _ = writeln!(out, "TargetPort:\t{tp}");
        if let Some(np) = i64_at(p, &["nodePort"]) {
            let _ = writeln!(out, "NodePort:\t{name}  {np}/{proto}");
        }
        let eps = ep
            .as_ref()
            .map(|e| endpoints_for_port(e, str_at(p, &["name"])))
            .unwrap_or_default();
        let _ = writeln!(out, "Endpoints:\t{eps}");
    }
    let _ = writeln!(
        out,
        "Session Affinity:\t{}",
        str_at(obj, &["spec", "sessionAffinity"]).unwrap_or("None")
    );
    if let Some(e) = str_at(obj, &["spec", "externalTrafficPolicy"]) {
        let _ = writeln!(out, "External Traffic Policy:\t{e}");
    }
    if let Some(i) = str_at(obj, &["spec", "internalTrafficPolicy"]) {
        let _ = writeln!(out, "Internal Traffic Policy:\t{i}");
    }
}

fn endpoints_for_port(ep: &Value, port_name: Option<&str>) -> String {
    let mut filtered = ep.clone();
    if let Some(Value::Array(subsets)) = filtered.get_mut("subsets") {
        for s in subsets.iter_mut() {
            if let Some(Value::Array(ports)) = s.get_mut("ports") {
                ports.retain(|p| str_at(p, &["name"]) == port_name);
            }
        }
    }
    let text = format_endpoints(&filtered);
    if text == "<none>" {
        String::new()
    } else {
        text
    }
}

fn pod_template(t: Option<&Value>, out: &mut String) {
    out.push_str("Pod Template:\n");
    let t = t.cloned().unwrap_or(Value::Null);
    map_lines(
        out,
        "  ",
        "Labels:",
        &object::string_map(&t, &["metadata", "labels"]),
        "=",
    );
    let ann = object::string_map(&t, &["metadata", "annotations"]);
    if !ann.is_empty() {
        map_lines(out, "  ", "Annotations:", &ann, ": ");
    }
    if let Some(sa) = str_at(&t, &["spec", "serviceAccountName"]) {
        let _ = writeln!(out, "  Service Account:\t{sa}");
    }
    out.push_str("  Containers:\n");
    for c in array_at(&t, &["spec", "containers"]) {
        let _ = writeln!(out, "   {}:", str_at(c, &["name"]).unwrap_or(""));
        let _ = writeln!(out, "    Image:\t{}", str_at(c, &["image"]).unwrap_or(""));
        container_ports(c, out, "    ");
        let cmd = array_at(c, &["command"]);
        if !cmd.is_empty() {
            out.push_str("    Command:\n");
            for a in cmd {
                let _ = writeln!(out, "      {}", a.as_str().unwrap_or(""));
            }
        }
        env(c, out);
        mounts(c, out);
    }
    let vols = array_at(&t, &["spec", "volumes"]);
    if vols.is_empty() {
        out.push_str("  Volumes:\t<none>\n");
    } else {
        out.push_str("  Volumes:\n");
        for v in vols {
            let _ = writeln!(out, "   {}:", str_at(v, &["name"]).unwrap_or(""));
        }
    }
    map_lines(
        out,
        "  ",
        "Node-Selectors:",
        &object::string_map(&t, &["spec", "nodeSelector"]),
        "=",
    );
    tolerations(array_at(&t, &["spec", "tolerations"]), out, "  ");
}

fn deployment(cx: &Cx, obj: &Value, out: &mut String) {
    let _ = writeln!(out, "Name:\t{}", object::name(obj));
    let _ = writeln!(out, "Namespace:\t{}", object::namespace(obj));
    let _ = writeln!(
        out,
        "CreationTimestamp:\t{}",
        when(obj, &["metadata", "creationTimestamp"])
    );
    map_lines(out, "", "Labels:", &object::labels(obj), "=");
    let mut ann = object::string_map(obj, &["metadata", "annotations"]);
    ann.remove(super::create::LAST_APPLIED);
    map_lines(out, "", "Annotations:", &ann, ": ");
    let _ = writeln!(
        out,
        "Selector:\t{}",
        format_label_selector(obj.pointer("/spec/selector"))
    );
    let st = |k: &str| i64_at(obj, &["status", k]).unwrap_or(0);
    let _ = writeln!(
        out,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable",
        i64_at(obj, &["spec", "replicas"]).unwrap_or(0),
        st("updatedReplicas"),
        st("replicas"),
        st("availableReplicas"),
        st("unavailableReplicas")
    );
    let strategy = str_at(obj, &["spec", "strategy", "type"]).unwrap_or("RollingUpdate");
    let _ = writeln!(out, "StrategyType:\t{strategy}");
    let _ = writeln!(
        out,
        "MinReadySeconds:\t{}",
        i64_at(obj, &["spec", "minReadySeconds"]).unwrap_or(0)
    );
    if strategy == "RollingUpdate" {
        let v = |k: &str| match obj.pointer(&format!("/spec/strategy/rollingUpdate/{k}")) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => "25%".into(),
        };
        let _ = writeln!(
            out,
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge",
            v("maxUnavailable"),
            v("maxSurge")
        );
    }
    pod_template(obj.pointer("/spec/template"), out);
    out.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
    for c in array_at(obj, &["status", "conditions"]) {
        let _ = writeln!(
            out,
            "  {}\t{}\t{}",
            str_at(c, &["type"]).unwrap_or(""),
            str_at(c, &["status"]).unwrap_or(""),
            str_at(c, &["reason"]).unwrap_or("")
        );
    }
    let uid = object::uid(obj);
    let mut rss: Vec<&Object> = cx
        .cluster
        .store()
        .list_ns("ReplicaSet", object::namespace(obj))
        .filter(|r| object::controller_of(r).is_some_and(|(_, _, u)| u == uid))
        .collect();
    rss.sort_by_key(|r| {
        str_at(r, &["metadata", "creationTimestamp"])
            .unwrap_or("")
            .to_string()
    });
    let template = obj
        .pointer("/spec/template")
        .cloned()
        .unwrap_or(Value::Null);
    let is_new = |r: &Value| {
        let mut t = r.pointer("/spec/template").cloned().unwrap_or(Value::Null);
        object::remove(&mut t, &["metadata", "labels", "pod-template-hash"]);
        t == template
    };
    let fmt = |r: &Value| {
        format!(
            "{} ({}/{} replicas created)",
            object::name(r),
            i64_at(r, &["status", "replicas"]).unwrap_or(0),
            i64_at(r, &["spec", "replicas"]).unwrap_or(0)
        )
    };
    let old: Vec<String> = rss
        .iter()
        .filter(|r| {
            !is_new(r)
                && (i64_at(r, &["spec", "replicas"]).unwrap_or(0) > 0
                    || i64_at(r, &["status", "replicas"]).unwrap_or(0) > 0)
        })
        .map(|r| fmt(r))
        .collect();
    let _ = writeln!(
        out,
        "OldReplicaSets:\t{}",
        if old.is_empty() {
            "<none>".to_string()
        } else {
            old.join(", ")
        }
    );
    let new = rss
        .iter()
        .find(|r| is_new(r))
        .map(|r| fmt(r))
        .unwrap_or_else(|| "<none>".into());
    let _ = writeln!(out, "NewReplicaSet:\t{new}");
}

fn replica_set(cx: &Cx, obj: &Value, out: &mut String) {
    let _ = writeln!(out, "Name:\t{}", object::name(obj));
    let _ = writeln!(out, "Namespace:\t{}", object::namespace(obj));
    let _ = writeln!(
        out,
        "Selector:\t{}",
        format_label_selector(obj.pointer("/spec/selector"))
    );
    map_lines(out, "", "Labels:", &object::labels(obj), "=");
    map_lines(
        out,
        "",
        "Annotations:",
        &object::string_map(obj, &["metadata", "annotations"]),
        ": ",
    );
    if let Some((k, n, _)) = object::controller_of(obj) {
        let _ = writeln!(out, "Controlled By:\t{k}/{n}");
    }
    let uid = object::uid(obj);
    let pods: Vec<&Object> = cx
        .cluster
        .store()
        .list_ns("Pod", object::namespace(obj))
        .filter(|p| object::controller_of(p).is_some_and(|(_, _, u)| u == uid))
        .collect();
    let _ = writeln!(
        out,
        "Replicas:\t{} current / {} desired",
        i64_at(obj, &["status", "replicas"]).unwrap_or(0),
        i64_at(obj, &["spec", "replicas"]).unwrap_or(0)
    );
    let count = |phase: &str| {
        pods.iter()
            .filter(|p| str_at(p, &["status", "phase"]) == Some(phase))
            .count()
    };
    let _ = writeln!(
        out,
        "Pods Status:\t{} Running / {} Waiting / {} Succeeded / {} Failed",
        count("Running"),
        count("Pending"),
        count("Succeeded"),
        count("Failed")
    );
    pod_template(obj.pointer("/spec/template"), out);
}
