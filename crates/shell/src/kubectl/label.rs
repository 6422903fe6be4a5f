//! `kubectl label`, `kubectl annotate` and `kubectl set image`.

use super::flags::{switch, value, Flag};
use super::resource::{self, qualified_name};
use super::selector::Selector;
use super::{api_error_text, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::Run;
use cluster::object::{self, Object};
use serde_json::Value;

const FLAGS: &[Flag] = &[
    switch("overwrite", None),
    value("selector", Some('l')),
    switch("all", None),
    switch("all-namespaces", Some('A')),
    value("dry-run", None),
    value("output", Some('o')),
    switch("list", None),
    value("resource-version", None),
    value("filename", Some('f')),
];

/// `kubectl label|annotate TYPE NAME k=v k2-`; `field` is `labels` or `annotations`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io, field: &str) -> Run {
    let cmd = if field == "labels" {
        "label"
    } else {
        "annotate"
    };
    let p = match parse_flags(io, cmd, args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (res_args, changes): (Vec<String>, Vec<String>) = p
        .args
        .iter()
        .cloned()
        .partition(|a| !a.contains('=') && !a.ends_with('-'));
    if res_args.is_empty() {
        io.eprintln("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        return Run::Done(1);
    }
    if changes.is_empty() && !p.on("list") {
        io.eprintln(format!(
            "error: at least one {} update is required",
            if field == "labels" {
                "label"
            } else {
                "annotation"
            }
        ));
        return Run::Done(1);
    }
    let sels = match resource::parse(&res_args) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let selector = Selector::parse(p.get("selector").unwrap_or("")).unwrap_or_default();
    let mut targets: Vec<(&'static cluster::ResourceType, Object)> = Vec::new();
    let mut status = 0;
    for sel in &sels {
        match &sel.names {
            Some(names) => {
                for n in names {
                    match cx.cluster.get(sel.rt, &ns, n) {
                        Ok(o) => targets.push((sel.rt, o.clone())),
                        Err(e) => {
                            io.eprintln(api_error_text(&e));
                            status = 1;
                        }
                    }
                }
            }
            None => {
                for o in cx.cluster.list(
                    sel.rt,
                    if sel.rt.namespaced {
                        Some(ns.as_str())
                    } else {
                        None
                    },
                ) {
                    if selector.matches(&object::labels(o)) {
                        targets.push((sel.rt, o.clone()));
                    }
                }
            }
        }
    }
    for (rt, mut obj) in targets {
        let current = object::string_map(&obj, &["metadata", field]);
        if p.on("list") {
            for (k, v) in &current {
                io.println(format!("{k}={v}"));
            }
            continue;
        }
        let mut changed = false;
        let mut failed = false;
        for c in &changes {
            if let Some(key) = c.strip_suffix('-') {
                if !c.contains('=') {
                    if object::remove(&mut obj, &["metadata", field, key]).is_some() {
                        changed = true;
                    }
                    continue;
                }
            }
            let Some((k, v)) = c.split_once('=') else {
                continue;
            };
            if let Some(old) = current.get(k) {
                if !p.on("overwrite") && old != v {
                    io.eprintln(format!(
                        "error: '{k}' already has a value ({old}), and --overwrite is false"
                    ));
                    failed = true;
                    break;
                }
            }
            if current.get(k).map(String::as_str) != Some(v) {
                changed = true;
            }
            object::set(
                &mut obj,
                &["metadata", field, k],
                Value::String(v.to_string()),
            );
        }
        if failed {
            status = 1;
            continue;
        }
        let verb = if field == "labels" {
            "labeled"
        } else {
            "annotated"
        };
        if !changed {
            io.println(format!(
                "{} not {verb}",
                qualified_name(rt, object::name(&obj))
            ));
            continue;
        }
        object::remove(&mut obj, &["metadata", "resourceVersion"]);
        match cx.cluster.update(obj.clone()) {
            Ok(_) => io.println(format!("{} {verb}", qualified_name(rt, object::name(&obj)))),
            Err(e) => {
                io.eprintln(api_error_text(&e));
                status = 1;
            }
        }
    }
    Run::Done(status)
}

/// `kubectl set image TYPE/NAME container=image ...` and `kubectl set env`.
pub fn set(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let sub = args.first().map(String::as_str).unwrap_or("");
    if sub != "image" {
        io.eprintln(format!(
            "error: \"kubectl set {sub}\" is not available in this lab yet; try kubectl set image"
        ));
        return Run::Done(1);
    }
    let spec: &[Flag] = &[
        switch("all", None),
        value("selector", Some('l')),
        value("dry-run", None),
        value("output", Some('o')),
        value("filename", Some('f')),
        switch("record", None),
    ];
    let p = match parse_flags(io, "set image", args.get(1..).unwrap_or(&[]), spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (res_args, pairs): (Vec<String>, Vec<String>) =
        p.args.iter().cloned().partition(|a| !a.contains('='));
    if pairs.is_empty() {
        io.eprintln("error: at least one image update is required\nSee 'kubectl set image -h' for help and examples");
        return Run::Done(1);
    }
    let sels = match resource::parse(&res_args) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let mut status = 0;
    for sel in &sels {
        for n in sel.names.clone().unwrap_or_default() {
            let mut obj = match cx.cluster.get(sel.rt, &ns, &n) {
                Ok(o) => o.clone(),
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    status = 1;
                    continue;
                }
            };
            let path: &[&str] = if sel.rt.kind == "Pod" {
                &["spec", "containers"]
            } else {
                &["spec", "template", "spec", "containers"]
            };
            let mut containers = object::array_at(&obj, path).to_vec();
            for pair in &pairs {
                let Some((cname, image)) = pair.split_once('=') else {
                    continue;
                };
                let mut found = false;
                for c in &mut containers {
                    if cname == "*" || object::str_at(c, &["name"]) == Some(cname) {
                        object::set(c, &["image"], Value::String(image.to_string()));
                        found = true;
                    }
                }
                if !found {
                    io.eprintln(format!("error: unable to find container named \"{cname}\""));
                    status = 1;
                }
            }
            if status != 0 {
                continue;
            }
            object::set(&mut obj, path, Value::Array(containers));
            object::remove(&mut obj, &["metadata", "resourceVersion"]);
            match cx.cluster.update(obj) {
                Ok(_) => io.println(format!("{} image updated", qualified_name(sel.rt, &n))),
                Err(e) => {
                    io.eprintln(api_error_text(&e));
                    status = 1;
                }
            }
        }
    }
    Run::Done(status)
}
