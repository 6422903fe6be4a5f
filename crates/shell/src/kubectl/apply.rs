//! `kubectl apply -f`: client-side apply with the last-applied annotation and a three-way merge
//! (lists of containers, ports, env... merged by their keys, as strategic merge patch does).

use super::create::{dry_run, last_applied_json, DryRun, LAST_APPLIED};
use super::flags::{switch, value, Flag};
use super::manifest::{self, Doc, Failure};
use super::resource::qualified_name;
use super::{api_error_text, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::{self, OutputFormat};
use crate::programs::Run;
use cluster::object::{self, s};
use cluster::ApiError;
use serde_json::{Map, Value};

const FLAGS: &[Flag] = &[
    value("filename", Some('f')),
    switch("recursive", Some('R')),
    value("dry-run", None),
    value("output", Some('o')),
    value("validate", None),
    switch("force", None),
    switch("prune", None),
    value("selector", Some('l')),
    value("kustomize", Some('k')),
    switch("server-side", None),
    value("field-manager", None),
    switch("overwrite", None),
    switch("wait", None),
    value("timeout", None),
    value("grace-period", None),
    switch("show-managed-fields", None),
    switch("all", None),
];

/// `error when <verb> "<source>": <server error>` with the server's reason (kubectl's AddSourceToErr).
pub fn source_error(e: &ApiError, verb: &str, source: &str) -> String {
    match e {
        ApiError::Invalid { .. } => api_error_text(e),
        ApiError::NoKindMatch { .. } => api_error_text(e),
        ApiError::Storage(m) => format!("Error from server: error when {verb} \"{source}\": {m}"),
        other => format!(
            "Error from server ({}): error when {verb} \"{source}\": {other}",
            other.reason()
        ),
    }
}

/// The RESTMapper's error for a kind the server does not serve.
pub fn mapping_error(obj: &Value, source: &str, e: &ApiError) -> String {
    match e {
        ApiError::NoKindMatch { kind, api_version } => format!(
            "error: resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{source}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first",
            object::name(obj),
            object::namespace(obj)
        ),
        other => api_error_text(other),
    }
}

/// The key that identifies items of a list field, as the API's strategic merge keys say.
pub(crate) fn merge_key(field: &str, items: &[Value]) -> Option<&'static str> {
    match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "volumes"
        | "env"
        | "imagePullSecrets" => Some("name"),
        "volumeMounts" => Some("mountPath"),
        "ports" => {
            if items.iter().any(|i| i.get("containerPort").is_some()) {
                Some("containerPort")
            } else {
                Some("port")
            }
        }
        _ => None,
    }
}

/// Three-way merge: `modified` wins, fields dropped since `original` are removed, and
/// everything else the server holds in `live` stays.
pub fn merge(live: &Value, original: Option<&Value>, modified: &Value, field: &str) -> Value {
    match (live, modified) {
        (Value::Object(l), Value::Object(m)) => {
            let mut out: Map<String, Value> = l.clone();
            for (k, mv) in m {
                let lv = l.get(k).unwrap_or(&Value::Null);
                let ov = original.and_then(|o| o.get(k));
                out.insert(k.clone(), merge(lv, ov, mv, k));
            }
            if let Some(Value::Object(o)) = original {
                for k in o.keys() {
                    if !m.contains_key(k) {
                        out.remove(k);
                    }
                }
            }
            Value::Object(out)
        }
        (Value::Array(l), Value::Array(m)) => {
            let Some(key) = merge_key(field, m) else {
                return modified.clone();
            };
            let id = |v: &Value| v.get(key).cloned();
            let orig_items: Vec<Value> = original
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let mut out = Vec::new();
            for mi in m {
                let live_item = l.iter().find(|li| id(li).is_some() && id(li) == id(mi));
                let orig_item = orig_items
                    .iter()
                    .find(|oi| id(oi).is_some() && id(oi) == id(mi));
                out.push(match live_item {
                    Some(li) => merge(li, orig_item, mi, ""),
                    None => mi.clone(),
                });
            }
            for li in l {
                let in_modified = m.iter().any(|mi| id(mi) == id(li));
                let in_original = orig_items.iter().any(|oi| id(oi) == id(li));
                if !in_modified && !in_original {
                    out.push(li.clone());
                }
            }
            Value::Array(out)
        }
        _ => modified.clone(),
    }
}

/// Runs `kubectl apply`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "apply", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if let Some(sub) = p.args.first() {
        if ["edit-last-applied", "set-last-applied", "view-last-applied"].contains(&sub.as_str()) {
            io.eprintln(format!(
                "error: \"kubectl apply {sub}\" is not available in this lab yet"
            ));
            return Run::Done(1);
        }
        io.eprintln(format!(
            "error: Unexpected args: [{}]\nSee 'kubectl apply -h' for help and examples",
            p.args.join(" ")
        ));
        return Run::Done(1);
    }
    let files = p.all("filename");
    if files.is_empty() {
        io.eprintln("error: must specify one of -f and -k");
        return Run::Done(1);
    }
    let dry = match dry_run(&p) {
        Ok(d) => d,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let format = match OutputFormat::parse(p.get("output")) {
        Ok(f) => f,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let validate = !matches!(p.get("validate"), Some("false") | Some("ignore"));
    let default_ns = namespace(cx, &p);
    let explicit_ns = p.get("namespace").map(str::to_string);
    // Only `-f -` reads standard input (a `kubectl apply -f x` in a `while read` loop
    // leaves the loop its lines).
    let stdin = if files.iter().any(|f| f == "-") {
        io.take_stdin()
    } else {
        String::new()
    };
    // Every path must exist before anything is sent (the builder's FilenameParam).
    let mut texts = Vec::new();
    for f in &files {
        match manifest::sources(cx, &stdin, f, p.on("recursive")) {
            Ok(t) => texts.extend(t),
            Err(m) => {
                io.eprintln(m);
                return Run::Done(1);
            }
        }
    }
    // As GetObjects: read, validate and map every document first; what fails is reported at
    // the end, after the server's refusals, and the other documents are still applied.
    let mut failures: Vec<Failure> = Vec::new();
    let mut infos: Vec<(Doc, &'static cluster::ResourceType, Value)> = Vec::new();
    for (source, text) in &texts {
        for d in manifest::read_documents(text, source) {
            let d = match d {
                Ok(d) => d,
                Err(m) => {
                    failures.push(Failure::Client(m));
                    continue;
                }
            };
            let checked = if validate {
                manifest::validate_doc(&d)
            } else {
                manifest::decode_doc(&d)
            };
            if let Err(m) = checked {
                failures.push(Failure::Client(m));
                continue;
            }
            let mut obj = d.object.clone();
            let rt = match cx.cluster.resource_of(&obj) {
                Ok(rt) => rt,
                Err(e) => {
                    failures.push(Failure::Client(mapping_error(&obj, &d.source, &e)));
                    continue;
                }
            };
            if rt.namespaced {
                let doc_ns = object::namespace(&obj).to_string();
                if let (Some(explicit), false) = (&explicit_ns, doc_ns.is_empty()) {
                    if *explicit != doc_ns {
                        failures.push(Failure::Client(format!("error: the namespace from the provided object \"{doc_ns}\" does not match the namespace \"{explicit}\". You must pass '--namespace={doc_ns}' to perform this operation.")));
                        continue;
                    }
                }
                if doc_ns.is_empty() {
                    object::set(&mut obj, &["metadata", "namespace"], s(default_ns.clone()));
                }
            }
            infos.push((d, rt, obj));
        }
    }
    if infos.is_empty() && failures.is_empty() {
        io.eprintln("error: no objects passed to apply");
        return Run::Done(1);
    }
    let mut printed: Vec<Value> = Vec::new();
    for (d, rt, mut obj) in infos {
        let name = object::name(&obj).to_string();
        if name.is_empty() && object::str_at(&obj, &["metadata", "generateName"]).is_some() {
            failures.push(Failure::Client(format!(
                "error: from {}: cannot use generate name with apply",
                object::str_at(&obj, &["metadata", "generateName"]).unwrap_or("")
            )));
            continue;
        }
        let applied = last_applied_json(&obj);
        object::set(
            &mut obj,
            &["metadata", "annotations", LAST_APPLIED],
            s(applied.clone()),
        );
        let ns = object::namespace(&obj).to_string();
        let shown = qualified_name(rt, &name);
        let suffix = dry.suffix();
        let live = cx.cluster.get(rt, &ns, &name).ok().cloned();
        let (verb, result) = match live {
            None => {
                let r = match dry {
                    DryRun::Client => Ok(obj.clone()),
                    DryRun::Server => cx.cluster.clone().create(obj.clone()),
                    DryRun::None => cx.cluster.create(obj.clone()),
                };
                ("created", r.map_err(|e| (e, "creating")))
            }
            Some(live) => {
                let original: Option<Value> =
                    object::str_at(&live, &["metadata", "annotations", LAST_APPLIED])
                        .and_then(|t| serde_json::from_str(t).ok());
                if original.is_none() {
                    io.eprintln(format!("Warning: resource {}/{name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.", rt.plural));
                }
                let patched = merge(&live, original.as_ref(), &obj, "");
                if patched == live {
                    ("unchanged", Ok(live.clone()))
                } else {
                    let r = match dry {
                        DryRun::Client => Ok(patched),
                        DryRun::Server => cx.cluster.clone().update(patched),
                        DryRun::None => cx.cluster.update(patched),
                    };
                    ("configured", r.map_err(|e| (e, "patching")))
                }
            }
        };
        match result {
            Ok(o) => match &format {
                OutputFormat::Table { .. } => io.println(format!("{shown} {verb}{suffix}")),
                OutputFormat::Name => io.println(&shown),
                _ => printed.push(o),
            },
            Err((error, verb)) => failures.push(Failure::Api {
                error,
                verb,
                source: d.source.clone(),
            }),
        }
    }
    let mut status = 0;
    if !printed.is_empty() {
        let refs: Vec<&Value> = printed.iter().collect();
        match printers::print_objects(&format, &refs, refs.len() == 1, &[], false) {
            Ok(t) => io.print(t),
            Err(m) => {
                io.eprintln(m);
                status = 1;
            }
        }
    }
    Run::Done(status.max(manifest::report(io, &failures)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_three_ways() {
        let live = json!({"spec": {"replicas": 5, "template": {"spec": {"containers": [{"name": "a", "image": "x:1", "imagePullPolicy": "IfNotPresent"}]}}, "paused": false}, "status": {"ready": 1}});
        let original = json!({"spec": {"replicas": 3, "paused": false, "template": {"spec": {"containers": [{"name": "a", "image": "x:1"}]}}}});
        let modified = json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "a", "image": "x:2"}]}}}});
        let out = merge(&live, Some(&original), &modified, "");
        assert_eq!(
            out,
            json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "a", "image": "x:2", "imagePullPolicy": "IfNotPresent"}]}}}, "status": {"ready": 1}})
        );
    }
}
