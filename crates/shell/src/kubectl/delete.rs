//! `kubectl delete`: by name, `-l`, `--all`, `-f`; then it waits until the objects are gone.

use super::flags::{switch, value, Flag};
use super::resource::{self, Selection};
use super::selector::{FieldSelector, Selector};
use super::{api_error_text, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::kind::ResourceType;
use cluster::object;
use cluster::{DeleteOptions, Time};

const FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    switch("recursive", Some('R')),
    value("selector", Some('l')),
    value("field-selector", None),
    switch("all", None),
    switch("all-namespaces", Some('A')),
    value("grace-period", None),
    switch("force", None),
    switch("now", None),
    value("wait", None),
    value("timeout", None),
    switch("ignore-not-found", None),
    value("dry-run", None),
    value("output", Some('o')),
    value("cascade", None),
    switch("interactive", Some('i')),
    value("raw", None),
];

const NO_ARGS: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// Runs `kubectl delete`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "delete", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ns = namespace(cx, &p);
    let all_ns = p.on("all-namespaces");
    let mut targets: Vec<(&'static ResourceType, String, String)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut read_errors: Vec<String> = Vec::new();
    let files = p.all("filename");
    if !files.is_empty() {
        // Only `-f -` reads standard input (a `kubectl apply -f x` in a `while read` loop
        // leaves the loop its lines).
        let stdin = if files.iter().any(|f| f == "-") {
            io.take_stdin()
        } else {
            String::new()
        };
        // Every path must exist before anything is deleted (the builder's FilenameParam).
        let mut texts = Vec::new();
        for f in &files {
            match super::manifest::sources(cx, &stdin, f, p.on("recursive")) {
                Ok(t) => texts.extend(t),
                Err(m) => {
                    io.eprintln(m);
                    return Run::Done(1);
                }
            }
        }
        // The documents before one that does not parse are still deleted.
        for (source, text) in &texts {
            for d in super::manifest::read_documents(text, source) {
                let d = match d.and_then(|d| super::manifest::decode_doc(&d).map(|()| d)) {
                    Ok(d) => d,
                    Err(m) => {
                        // Reported after the deletions before it, as the visitor meets it.
                        read_errors.push(m);
                        continue;
                    }
                };
                match cx.cluster.resource_of(&d.object) {
                    Ok(rt) => {
                        let ons = object::namespace(&d.object);
                        let n = if ons.is_empty() {
                            ns.clone()
                        } else {
                            ons.to_string()
                        };
                        targets.push((rt, n, object::name(&d.object).to_string()));
                    }
                    Err(e) => errors.push(super::apply::mapping_error(&d.object, &d.source, &e)),
                }
            }
        }
    } else {
        if p.args.is_empty() {
            io.eprintln(NO_ARGS);
            return Run::Done(1);
        }
        let sels: Vec<Selection> = match resource::parse(&p.args) {
            Ok(s) => s,
            Err(m) => {
                io.eprintln(m);
                return Run::Done(1);
            }
        };
        let selector = match Selector::parse(p.get("selector").unwrap_or("")) {
            Ok(s) => s,
            Err(m) => {
                io.eprintln(format!("error: {m}"));
                return Run::Done(1);
            }
        };
        let fields =
            FieldSelector::parse(p.get("field-selector").unwrap_or("")).unwrap_or_default();
        let by_selector = p.has("selector") || p.has("field-selector") || p.on("all");
        for sel in &sels {
            match &sel.names {
                Some(names) => {
                    if by_selector {
                        io.eprintln("error: name cannot be provided when a selector is specified");
                        return Run::Done(1);
                    }
                    for n in names {
                        targets.push((sel.rt, ns.clone(), n.clone()));
                    }
                }
                None => {
                    if !by_selector {
                        io.eprintln("error: resource(s) were provided, but no name was specified");
                        return Run::Done(1);
                    }
                    let list_ns = if all_ns || !sel.rt.namespaced {
                        None
                    } else {
                        Some(ns.as_str())
                    };
                    for o in cx.cluster.list(sel.rt, list_ns) {
                        if selector.matches(&object::labels(o)) && fields.matches(o) {
                            targets.push((
                                sel.rt,
                                object::namespace(o).to_string(),
                                object::name(o).to_string(),
                            ));
                        }
                    }
                }
            }
        }
        if targets.is_empty() && by_selector {
            io.println("No resources found");
            return Run::Done(0);
        }
    }
    let force = p.on("force");
    let mut grace = p
        .get("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g >= 0);
    if p.on("now") {
        grace = Some(1);
    }
    if force && grace.is_none() {
        grace = Some(0);
    }
    if grace == Some(0) && !force {
        grace = Some(1);
    }
    if force && grace == Some(0) {
        io.eprintln("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.");
    }
    let dry = match super::create::dry_run(&p) {
        Ok(d) => d,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let name_output = p.get("output") == Some("name");
    let mut waiting: Vec<(&'static str, String, String, String)> = Vec::new();
    // One request per object, which the controllers take together, as their work queues do:
    // deleting 1,000 pods syncs their ReplicaSet and Services once, not once per pod.
    cx.cluster.begin_batch();
    for (rt, tns, name) in targets {
        let existing = cx
            .cluster
            .get(rt, &tns, &name)
            .ok()
            .map(|o| object::uid(o).to_string());
        let Some(uid) = existing else {
            if !p.on("ignore-not-found") {
                let e = cluster::ApiError::NotFound {
                    resource: rt.qualified_plural(),
                    name: name.clone(),
                };
                errors.push(api_error_text(&e));
            }
            continue;
        };
        let suffix = dry.suffix();
        if dry == super::create::DryRun::None {
            if let Err(e) = cx.cluster.delete(
                rt,
                &tns,
                &name,
                DeleteOptions {
                    grace_period_seconds: grace,
                },
            ) {
                errors.push(api_error_text(&e));
                continue;
            }
        }
        let verb = if force && grace == Some(0) {
            "force deleted"
        } else {
            "deleted"
        };
        if name_output {
            io.println(format!("{}/{name}", rt.qualified_kind_lower()));
        } else {
            io.println(format!(
                "{} \"{name}\" {verb}{suffix}",
                rt.qualified_kind_lower()
            ));
        }
        if dry == super::create::DryRun::None {
            waiting.push((rt.kind, tns, name, uid));
        }
    }
    cx.cluster.end_batch();
    errors.append(&mut read_errors);
    // Several errors print as kubectl's MultipleErrors: without the `error: ` prefix.
    for e in &errors {
        match e.strip_prefix("error: ") {
            Some(bare) if errors.len() > 1 => io.eprintln(bare),
            _ => io.eprintln(e),
        }
    }
    let status = i32::from(!errors.is_empty());
    let wait = !matches!(p.get("wait"), Some("false"));
    if !wait || waiting.is_empty() || !cx.may_block {
        return Run::Done(status);
    }
    let w = Gone {
        targets: waiting,
        status,
    };
    let mut probe = Io::default();
    let mut w = w;
    if let Some(s) = w.poll(cx, &mut probe) {
        return Run::Done(s);
    }
    Run::Wait(Box::new(w))
}

/// Waits until deleted objects are really gone (their uid no longer in the store).
pub struct Gone {
    /// (kind, namespace, name, uid).
    pub targets: Vec<(&'static str, String, String, String)>,
    /// The status to end with.
    pub status: i32,
}

impl Waiter for Gone {
    fn poll(&mut self, cx: &mut Cx, _io: &mut Io) -> Option<i32> {
        let store = cx.cluster.store();
        self.targets.retain(|(kind, ns, name, uid)| {
            let ns = if cluster::kind::by_kind(kind).is_some_and(|r| r.namespaced) {
                ns.as_str()
            } else {
                ""
            };
            store
                .get_named(kind, ns, name)
                .is_some_and(|o| object::uid(o) == uid)
        });
        self.targets.is_empty().then_some(self.status)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        None
    }
}
