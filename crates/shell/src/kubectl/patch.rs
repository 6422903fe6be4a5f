//! `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the patch is read as YAML
//! or JSON, sent to the API server, which applies it to the stored object (a strategic merge
//! patch by default, a JSON merge patch (RFC 7386) or a JSON patch (RFC 6902)) and saves the
//! result as an update, with its validation. A patch that changes nothing is not written:
//! "patched (no change)". With `--dry-run=client` or `--local` kubectl applies the patch
//! itself, and its errors are the client's.

use super::create::{output_options, update, DryRun, Sent};
use super::edit_patch;
use super::flags::{switch, value, Flag, Parsed};
use super::resource;
use super::{api_error_text, fail, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::Run;
use cluster::{object, ApiError, ResourceType};
use serde_json::{Map, Value};

const FLAGS: &[Flag] = &[
    value("patch", Some('p')),
    value("patch-file", None),
    value("type", None),
    value("filename", Some('f')),
    switch("recursive", Some('R')),
    switch("local", None),
    value("dry-run", None),
    value("output", Some('o')),
    value("subresource", None),
    value("field-manager", None),
    value("template", None),
    switch("allow-missing-template-keys", None),
    switch("show-managed-fields", None),
    switch("record", None),
];

/// The three patch types, as `--type` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Json,
    Merge,
    Strategic,
}

/// Runs `kubectl patch`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "patch", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    Run::Done(patch(cx, &p, io))
}

fn patch(cx: &mut Cx, p: &Parsed, io: &mut Io) -> i32 {
    // Complete: the dry-run strategy and the printer's format.
    let (dry, format) = match output_options(p) {
        Ok(o) => o,
        Err(m) => return fail(io, m),
    };
    // Validate.
    let text = p.get("patch").unwrap_or("");
    let file = p.get("patch-file").unwrap_or("");
    if !text.is_empty() && !file.is_empty() {
        return fail(
            io,
            "error: cannot specify --patch and --patch-file together",
        );
    }
    if text.is_empty() && file.is_empty() {
        return fail(
            io,
            "error: must specify --patch or --patch-file containing the contents of the patch",
        );
    }
    let local = p.on("local");
    if local && !p.args.is_empty() {
        return fail(io, "error: cannot specify --local and server resources");
    }
    if local && dry == DryRun::Server {
        return fail(
            io,
            "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?",
        );
    }
    let kind = match p.get("type").map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("strategic") => Kind::Strategic,
        Some("merge") => Kind::Merge,
        Some("json") => Kind::Json,
        Some(_) => {
            let given = super::editor::go_quote(p.get("type").unwrap_or(""));
            return fail(
                io,
                format!("error: --type must be one of [json merge strategic], not {given}"),
            );
        }
    };
    if let Some(sub) = p.get("subresource").filter(|s| !s.is_empty()) {
        if sub != "status" && sub != "scale" {
            let sub = super::editor::go_quote(sub);
            return fail(
                io,
                format!("error: invalid subresource value: {sub}. Must be one of [status scale]"),
            );
        }
        return fail(
            io,
            "error: \"kubectl patch --subresource\" is not available in this lab yet",
        );
    }
    // RunPatch: the patch as JSON (YAML is accepted).
    let source = if file.is_empty() {
        text.to_string()
    } else {
        match cx.fs.read(&cx.fs.resolve(file)) {
            Ok(t) => t.to_string(),
            Err(_) => {
                return fail(
                    io,
                    format!(
                        "error: unable to read patch file: open {file}: no such file or directory"
                    ),
                )
            }
        }
    };
    let body = match super::manifest::yaml_value(&source) {
        Ok(v) => v,
        // kubectl quotes `--patch`, which is empty when the patch came from a file.
        Err(e) => {
            let quoted = super::editor::go_quote(text);
            return fail(io, format!("error: unable to parse {quoted}: {e}"));
        }
    };
    let targets = match targets(cx, p, io) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let client_side = local || dry == DryRun::Client;
    let mut code = 0;
    for (rt, live) in targets {
        let result = if client_side {
            apply_local(kind, &live, &body)
        } else {
            apply_on_server(cx, kind, rt, &live, &body, dry)
        };
        match result {
            Ok(patched) => {
                let changed = patched != live;
                let operation = if changed {
                    "patched"
                } else {
                    "patched (no change)"
                };
                let sent = Sent::new(patched, rt, dry, format.clone());
                code = code.max(sent.print(io, operation));
            }
            Err(m) => code = fail(io, m),
        }
    }
    code
}

/// The objects named by the arguments (or by `-f`), each as stored; errors are printed.
fn targets(
    cx: &mut Cx,
    p: &Parsed,
    io: &mut Io,
) -> Result<Vec<(&'static ResourceType, Value)>, i32> {
    const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";
    let ns = namespace(cx, p);
    let mut out = Vec::new();
    if let Some(f) = p.get("filename") {
        let docs = match super::manifest::read_objects(cx, f, p.on("recursive")) {
            Ok(d) => d,
            Err(m) => return Err(fail(io, m)),
        };
        for d in docs {
            let rt = match cx.cluster.resource_of(&d.object) {
                Ok(rt) => rt,
                Err(e) => return Err(fail(io, api_error_text(&e))),
            };
            if p.on("local") {
                out.push((rt, d.object));
                continue;
            }
            let obj_ns = object::namespace(&d.object);
            let obj_ns = if obj_ns.is_empty() { &ns } else { obj_ns };
            match cx.cluster.get(rt, obj_ns, object::name(&d.object)) {
                Ok(o) => out.push((rt, o.clone())),
                Err(e) => return Err(fail(io, api_error_text(&e))),
            }
        }
        return Ok(out);
    }
    if p.args.is_empty() {
        return Err(fail(io, NO_RESOURCES));
    }
    let sels = match resource::parse(&p.args) {
        Ok(s) => s,
        Err(m) => return Err(fail(io, m)),
    };
    let mut code = 0;
    for sel in &sels {
        let Some(names) = &sel.names else {
            return Err(fail(
                io,
                "error: resource(s) were provided, but no name was specified",
            ));
        };
        for n in names {
            match cx.cluster.get(sel.rt, &ns, n) {
                Ok(o) => out.push((sel.rt, o.clone())),
                Err(e) => code = fail(io, api_error_text(&e)),
            }
        }
    }
    if out.is_empty() && code != 0 {
        return Err(code);
    }
    Ok(out)
}

/// The API server's PATCH: the patch applied to the stored object, then an update (skipped
/// when nothing changes, as the server skips a no-op write).
fn apply_on_server(
    cx: &mut Cx,
    kind: Kind,
    rt: &'static ResourceType,
    live: &Value,
    body: &Value,
    dry: DryRun,
) -> Result<Value, String> {
    let bad_request = |m: String| api_error_text(&ApiError::BadRequest(m));
    let mut patched = match kind {
        Kind::Strategic => match body {
            Value::Object(m) => edit_patch::apply(live, m),
            other => {
                return Err(bad_request(format!(
                    "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    object::json_kind(other)
                )))
            }
        },
        Kind::Merge => match body {
            Value::Object(_) => merge_patch(live, body),
            other => {
                return Err(bad_request(format!(
                    "error decoding patch: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                    object::json_kind(other)
                )))
            }
        },
        Kind::Json => {
            let Value::Array(ops) = body else {
                return Err(bad_request(format!(
                    "error decoding patch: json: cannot unmarshal {} into Go value of type []handlers.jsonPatchOp",
                    object::json_kind(body)
                )));
            };
            // The server does not say which operation failed (a 422 without details).
            json_patch(live, ops).map_err(|_| "The request is invalid".to_string())?
        }
    };
    let name = object::name(live);
    if object::name(&patched) != name {
        return Err(bad_request(format!(
            "the name of the object ({}) does not match the name on the URL ({name})",
            object::name(&patched)
        )));
    }
    let ns = object::namespace(live);
    if rt.namespaced && object::namespace(&patched) != ns {
        return Err(bad_request(format!(
            "the namespace of the object ({}) does not match the namespace on the URL ({ns})",
            object::namespace(&patched)
        )));
    }
    // The URL decides the type: the object is decoded as the stored kind.
    for key in ["apiVersion", "kind"] {
        if let Some(v) = live.get(key) {
            object::set(&mut patched, &[key], v.clone());
        }
    }
    if patched == *live {
        return Ok(patched);
    }
    update(cx, patched.clone(), dry).map_err(|e| match &e {
        // Unknown fields: the server's patch handler reports them on the patch itself, as an
        // invalid value without kind or name ("The request is invalid").
        ApiError::BadRequest(m) if m.contains("strict decoding error: ") => {
            let why = m
                .find("strict decoding error: ")
                .and_then(|i| m.get(i..))
                .unwrap_or(m);
            // A strategic patch quotes the patch (Go's %+v of the map); the others the patched
            // object as JSON.
            let shown = match kind {
                Kind::Strategic => edit_patch::go_plus_v(body),
                Kind::Merge | Kind::Json => crate::printers::json::to_go_compact(&patched),
            };
            format!(
                "The request is invalid: patch: Invalid value: {}: {why}",
                super::editor::go_quote(&shown)
            )
        }
        _ => api_error_text(&e),
    })
}

/// kubectl's own patching (`--dry-run=client`, `--local`).
fn apply_local(kind: Kind, live: &Value, body: &Value) -> Result<Value, String> {
    match (kind, body) {
        (Kind::Strategic, Value::Object(m)) => Ok(edit_patch::apply(live, m)),
        (Kind::Merge, Value::Object(_)) => Ok(merge_patch(live, body)),
        // A merge patch that is not an object replaces the whole document, which is then no
        // object to decode.
        (Kind::Merge, other) => Err(format!(
            "error: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            object::json_kind(other)
        )),
        (Kind::Json, Value::Array(ops)) => json_patch(live, ops).map_err(|e| {
            // kubectl rewords a missing key (patch.go, getPatchedJSON).
            match e.split_once("doc is missing key: ") {
                Some((_, key)) => format!("error: Object to be patched is missing field ({key})"),
                None => format!("error: {e}"),
            }
        }),
        (Kind::Json, other) => Err(format!(
            "error: json: cannot unmarshal {} into Go value of type jsonpatch.Patch",
            object::json_kind(other)
        )),
        (Kind::Strategic, other) => Err(format!(
            "error: json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            object::json_kind(other)
        )),
    }
}

/// RFC 7386: an object merges into an object key by key, `null` removes a key, anything else
/// replaces what is there.
pub fn merge_patch(target: &Value, patch: &Value) -> Value {
    let Value::Object(pm) = patch else {
        return patch.clone();
    };
    let mut out = match target {
        Value::Object(m) => m.clone(),
        _ => Map::new(),
    };
    for (k, v) in pm {
        if v.is_null() {
            out.remove(k);
        } else {
            let merged = merge_patch(out.get(k).unwrap_or(&Value::Null), v);
            out.insert(k.clone(), merged);
        }
    }
    Value::Object(out)
}

/// RFC 6902, as evanphx/json-patch (the API server's) applies it; its errors as it words them.
pub fn json_patch(doc: &Value, ops: &[Value]) -> Result<Value, String> {
    let mut doc = doc.clone();
    for op in ops {
        let name = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str);
        let value = op.get("value");
        match name {
            "add" => {
                let path = path.ok_or("add operation failed to decode path")?;
                let v = value.ok_or("add operation failed to decode value")?;
                add(&mut doc, path, v.clone())
                    .map_err(|m| format!("add operation does not apply: {m}"))?;
            }
            "remove" => {
                let path = path.ok_or("remove operation failed to decode path")?;
                remove(&mut doc, path)
                    .map_err(|m| format!("remove operation does not apply: {m}"))?;
            }
            "replace" => {
                let path = path.ok_or("replace operation failed to decode path")?;
                let v = value.ok_or("replace operation failed to decode value")?;
                let slot = pointer_mut(&mut doc, path).ok_or_else(|| {
                    format!("replace operation does not apply: doc is missing key: {path}: missing value")
                })?;
                *slot = v.clone();
            }
            "move" | "copy" => {
                let from = op
                    .get("from")
                    .and_then(Value::as_str)
                    .ok_or(format!("{name} operation failed to decode from"))?;
                let path = path.ok_or(format!("{name} operation failed to decode path"))?;
                let v = pointer(&doc, from).cloned().ok_or_else(|| {
                    format!("{name} operation does not apply: doc is missing from path: {from}: missing value")
                })?;
                if name == "move" {
                    remove(&mut doc, from)
                        .map_err(|m| format!("move operation does not apply: {m}"))?;
                }
                add(&mut doc, path, v)
                    .map_err(|m| format!("{name} operation does not apply: {m}"))?;
            }
            "test" => {
                let path = path.ok_or("test operation failed to decode path")?;
                let found = pointer(&doc, path);
                if found != value && !(found.is_none() && value == Some(&Value::Null)) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

/// A JSON pointer's tokens (`~1` is `/`, `~0` is `~`); `None` for a path not starting with `/`.
fn tokens(path: &str) -> Option<Vec<String>> {
    if path.is_empty() {
        return Some(Vec::new());
    }
    let rest = path.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

fn pointer<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = doc;
    for t in tokens(path)? {
        cur = match cur {
            Value::Object(m) => m.get(&t)?,
            Value::Array(a) => a.get(index(&t)?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn pointer_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut cur = doc;
    for t in tokens(path)? {
        cur = match cur {
            Value::Object(m) => m.get_mut(&t)?,
            Value::Array(a) => a.get_mut(index(&t)?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// An array index token: digits only, no leading zero.
fn index(t: &str) -> Option<usize> {
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || (t.len() > 1 && t.starts_with('0'))
    {
        return None;
    }
    t.parse().ok()
}

/// The container a path points into, and the last token.
fn parent<'a>(doc: &'a mut Value, path: &str) -> Result<(&'a mut Value, String), String> {
    let missing = || format!("doc is missing path: {path}: missing value");
    let mut toks = tokens(path).ok_or_else(missing)?;
    let last = toks.pop().ok_or_else(missing)?;
    let mut cur = doc;
    for t in toks {
        cur = match cur {
            Value::Object(m) => m.get_mut(&t).ok_or_else(missing)?,
            Value::Array(a) => index(&t).and_then(|i| a.get_mut(i)).ok_or_else(missing)?,
            _ => return Err(missing()),
        };
    }
    Ok((cur, last))
}

fn add(doc: &mut Value, path: &str, v: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = v;
        return Ok(());
    }
    let (container, last) = parent(doc, path)?;
    match container {
        Value::Object(m) => {
            m.insert(last, v);
            Ok(())
        }
        Value::Array(a) => {
            let at = if last == "-" {
                a.len()
            } else {
                index(&last).filter(|i| *i <= a.len()).ok_or_else(|| {
                    format!("Unable to access invalid index: {last}: invalid index referenced")
                })?
            };
            a.insert(at, v);
            Ok(())
        }
        _ => Err(format!("doc is missing path: {path}: missing value")),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<(), String> {
    let (container, last) = parent(doc, path)?;
    let gone = match container {
        Value::Object(m) => m.remove(&last).is_some(),
        Value::Array(a) => match index(&last).filter(|i| *i < a.len()) {
            Some(i) => {
                a.remove(i);
                true
            }
            None => false,
        },
        _ => false,
    };
    if gone {
        Ok(())
    } else {
        Err(format!("doc is missing key: {path}: missing value"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7386() {
        let target = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        let patch = json!({"a": "z", "c": {"f": null}});
        assert_eq!(
            merge_patch(&target, &patch),
            json!({"a": "z", "c": {"d": "e"}})
        );
        // A list is replaced, not merged.
        assert_eq!(
            merge_patch(&json!({"l": [1, 2]}), &json!({"l": [3]})),
            json!({"l": [3]})
        );
    }

    #[test]
    fn json_patch_applies_each_operation_in_turn() {
        let doc = json!({"spec": {"replicas": 1, "args": ["a"]}});
        let ops = json!([
            {"op": "replace", "path": "/spec/replicas", "value": 3},
            {"op": "add", "path": "/spec/args/-", "value": "b"},
            {"op": "add", "path": "/spec/args/0", "value": "z"},
            {"op": "copy", "from": "/spec/replicas", "path": "/spec/copy"},
            {"op": "move", "from": "/spec/copy", "path": "/spec/moved"},
            {"op": "remove", "path": "/spec/args/1"},
            {"op": "test", "path": "/spec/moved", "value": 3},
        ]);
        let ops = ops.as_array().unwrap();
        assert_eq!(
            json_patch(&doc, ops),
            Ok(json!({"spec": {"replicas": 3, "args": ["z", "b"], "moved": 3}}))
        );
    }

    #[test]
    fn json_patch_errors_are_the_libraries() {
        let doc = json!({"spec": {}});
        let err = |ops: Value| json_patch(&doc, ops.as_array().unwrap()).unwrap_err();
        assert_eq!(
            err(json!([{"op": "replace", "path": "/spec/x", "value": 1}])),
            "replace operation does not apply: doc is missing key: /spec/x: missing value"
        );
        assert_eq!(
            err(json!([{"op": "add", "path": "/spec/a/b", "value": 1}])),
            "add operation does not apply: doc is missing path: /spec/a/b: missing value"
        );
        assert_eq!(
            err(json!([{"op": "remove", "path": "/spec/x"}])),
            "remove operation does not apply: doc is missing key: /spec/x: missing value"
        );
        assert_eq!(
            err(json!([{"op": "frob", "path": "/"}])),
            "Unexpected kind: frob"
        );
    }
}
