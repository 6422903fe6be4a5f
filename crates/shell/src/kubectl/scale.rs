//! `kubectl scale --replicas=N TYPE NAME`.

use super::flags::{switch, value, Flag};
use super::resource;
use super::selector::Selector;
use super::{namespace, parse_flags, required_flag};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::Run;
use cluster::object;
use serde_json::json;

const FLAGS: &[Flag] = &[
    value("replicas", None),
    value("current-replicas", None),
    value("resource-version", None),
    value("selector", Some('l')),
    switch("all", None),
    switch("all-namespaces", Some('A')),
    value("filename", Some('f')),
    value("timeout", None),
    value("dry-run", None),
    value("output", Some('o')),
];

/// Runs `kubectl scale`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "scale", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(replicas) = p.get("replicas") else {
        return required_flag(cx, io, "replicas");
    };
    // An Int flag (64 bits).
    let replicas: i64 = match super::flags::parse_int(replicas, 64) {
        Ok(n) if n >= 0 => n,
        Ok(_) => {
            io.eprintln("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
            return Run::Done(1);
        }
        Err(why) => {
            io.eprintln(format!("Error: invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": {why}\nSee 'kubectl scale --help' for usage."));
            return Run::Done(1);
        }
    };
    if p.args.is_empty() {
        io.eprintln("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
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
    let selector = Selector::parse(p.get("selector").unwrap_or("")).unwrap_or_default();
    let mut targets = Vec::new();
    let mut missing = Vec::new();
    for sel in &sels {
        match &sel.names {
            Some(names) => {
                for n in names {
                    match cx.cluster.get(sel.rt, &ns, n) {
                        Ok(o) => targets.push((sel.rt, o.clone())),
                        Err(e) => missing.push(e.to_string()),
                    }
                }
            }
            None => {
                if !p.has("selector") && !p.on("all") {
                    io.eprintln("error: resource(s) were provided, but no name was specified");
                    return Run::Done(1);
                }
                for o in cx.cluster.list(sel.rt, Some(&ns)) {
                    if selector.matches(&object::labels(o)) {
                        targets.push((sel.rt, o.clone()));
                    }
                }
            }
        }
    }
    if targets.is_empty() {
        match missing.first() {
            Some(m) => io.eprintln(format!("error: no objects passed to scale {m}")),
            None => io.eprintln("error: no objects passed to scale"),
        }
        return Run::Done(1);
    }
    let mut status = 0;
    for (rt, mut obj) in targets {
        if ![
            "Deployment",
            "ReplicaSet",
            "StatefulSet",
            "ReplicationController",
        ]
        .contains(&rt.kind)
        {
            io.eprintln(format!(
                "error: no scaler has been implemented for {{\"{}\" \"{}\"}}",
                rt.group, rt.kind
            ));
            status = 1;
            continue;
        }
        if let Some(cur) = p
            .get("current-replicas")
            .and_then(|c| c.parse::<i64>().ok())
        {
            if object::i64_at(&obj, &["spec", "replicas"]) != Some(cur) {
                io.eprintln(format!(
                    "error: Expected replicas to be {cur}, was {}",
                    object::i64_at(&obj, &["spec", "replicas"]).unwrap_or(0)
                ));
                status = 1;
                continue;
            }
        }
        if replicas > i64::from(i32::MAX) {
            io.eprintln(scale_overflow(&obj, replicas));
            status = 1;
            continue;
        }
        object::set(&mut obj, &["spec", "replicas"], json!(replicas));
        object::remove(&mut obj, &["metadata", "resourceVersion"]);
        match cx.cluster.update(obj.clone()) {
            Ok(_) => io.println(format!(
                "{} scaled",
                resource::qualified_name(rt, object::name(&obj))
            )),
            Err(e) => {
                io.eprintln(super::api_error_text(&e));
                status = 1;
            }
        }
    }
    for m in missing {
        io.eprintln(format!("Error from server (NotFound): {m}"));
        status = 1;
    }
    Run::Done(status)
}

/// kubectl scale sends `{"spec":{"replicas":N}}` as a merge patch to the scale subresource; the
/// patched Scale does not decode when N is beyond int32, and the API server answers with the
/// whole patched document (keys sorted by the merge, metadata as the registry builds it).
fn scale_overflow(obj: &serde_json::Value, replicas: i64) -> String {
    let meta = |k: &str| {
        object::str_at(obj, &["metadata", k])
            .unwrap_or("")
            .to_string()
    };
    let selector = crate::printers::columns::format_label_selector(obj.pointer("/spec/selector"));
    let metadata = format!(
        "{{\"name\":{},\"namespace\":{},\"uid\":{},\"resourceVersion\":{},\"creationTimestamp\":{}}}",
        json!(meta("name")),
        json!(meta("namespace")),
        json!(meta("uid")),
        json!(meta("resourceVersion")),
        json!(meta("creationTimestamp")),
    );
    let status_replicas = object::i64_at(obj, &["status", "replicas"]).unwrap_or(0);
    let selector = if selector == "<none>" {
        String::new()
    } else {
        format!(",\"selector\":{}", json!(selector))
    };
    let doc = format!(
        "{{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{metadata},\"spec\":{{\"replicas\":{replicas}}},\"status\":{{\"replicas\":{status_replicas}{selector}}}}}"
    );
    format!(
        "The request is invalid: patch: Invalid value: {}: json: cannot unmarshal number {replicas} into Go struct field ScaleSpec.spec.replicas of type int32",
        json!(doc)
    )
}
