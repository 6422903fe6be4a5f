//! `kubectl edit (TYPE NAME | TYPE/NAME | -f FILE)`: its flags, the objects it fetches, and
//! the start of the edit loop (`edit_session.rs`), as pkg/cmd/edit and editoptions.go do.

use super::edit_session::{EditSession, Format};
use super::editor::Launcher;
use super::flags::{switch, value, Flag};
use super::{manifest, namespace, parse_flags, resource};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::Run;
use cluster::kind::{self, ResourceType};
use cluster::object::{self, Object};

const FLAGS: &[Flag] = &[
    switch("allow-missing-template-keys", None),
    value("field-manager", None),
    value("filename", Some('f')),
    value("kustomize", Some('k')),
    value("output", Some('o')),
    switch("output-patch", None),
    switch("recursive", Some('R')),
    switch("save-config", None),
    switch("show-managed-fields", None),
    value("subresource", None),
    value("template", None),
    value("validate", None),
    switch("windows-line-endings", None),
];

const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/// The objects named on the command line (`Err`: kubectl's message, already printed).
fn targets(
    cx: &Cx,
    p: &super::flags::Parsed,
    ns: &str,
    io: &mut Io,
) -> Result<Vec<(&'static ResourceType, Object)>, ()> {
    let mut found = Vec::new();
    let mut failed = false;
    if let Some(file) = p.get("filename") {
        let docs = match manifest::read_objects(cx, file, p.on("recursive")) {
            Ok(d) => d,
            Err(e) => {
                io.eprintln(e);
                return Err(());
            }
        };
        for d in docs {
            let api_version = object::str_at(&d.object, &["apiVersion"]).unwrap_or("");
            let kind_name = object::kind(&d.object);
            let Some(rt) = kind::by_api_version_kind(api_version, kind_name) else {
                io.eprintln(format!("error: resource mapping not found for name: \"{}\" namespace: \"\" from \"{}\": no matches for kind \"{kind_name}\" in version \"{api_version}\"\nensure CRDs are installed first", object::name(&d.object), d.source));
                failed = true;
                continue;
            };
            let obj_ns = object::str_at(&d.object, &["metadata", "namespace"]).unwrap_or(ns);
            match cx.cluster.get(rt, obj_ns, object::name(&d.object)) {
                Ok(o) => found.push((rt, o.clone())),
                Err(e) => {
                    io.eprintln(super::api_error_text(&e));
                    failed = true;
                }
            }
        }
    } else {
        if p.args.is_empty() {
            io.eprintln(NO_RESOURCES);
            return Err(());
        }
        let sels = resource::parse(&p.args).map_err(|m| io.eprintln(m))?;
        for sel in &sels {
            match &sel.names {
                Some(names) => {
                    for n in names {
                        match cx.cluster.get(sel.rt, ns, n) {
                            Ok(o) => found.push((sel.rt, o.clone())),
                            Err(e) => {
                                io.eprintln(super::api_error_text(&e));
                                failed = true;
                            }
                        }
                    }
                }
                None => {
                    let space = sel.rt.namespaced.then_some(ns);
                    for o in cx.cluster.list(sel.rt, space) {
                        found.push((sel.rt, o.clone()));
                    }
                }
            }
        }
    }
    if failed {
        return Err(());
    }
    Ok(found)
}

/// Runs `kubectl edit`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "edit", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    // The editor's printer knows json and yaml; any other -o fails when the file is written.
    let output = p.get("output").unwrap_or("");
    let format = match output {
        "" | "yaml" => Format::Yaml,
        "json" => Format::Json,
        other => {
            let ns = namespace(cx, &p);
            if targets(cx, &p, &ns, io).is_err() {
                return Run::Done(1);
            }
            io.eprintln(format!("error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,yaml"));
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let objects = match targets(cx, &p, &ns, io) {
        Ok(o) => o,
        Err(()) => return Run::Done(1),
    };
    if objects.is_empty() {
        io.eprintln("error: edit cancelled, no objects found");
        return Run::Done(1);
    }
    let session = EditSession::new(
        objects,
        format,
        (!output.is_empty()).then_some(format),
        p.on("output-patch"),
        ns,
        Launcher::from_env(cx),
    );
    session.start(cx, io)
}
