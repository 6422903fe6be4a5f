//! The node commands: `kubectl cordon` and `uncordon` (drain.go's `RunCordonOrUncordon`: a
//! node already in the state asked for is "already cordoned" and not written), and `kubectl
//! taint` (taint.go and its utils.go: the taint specs parsed and checked before anything is
//! read, then each node's taints reorganized and written).

use super::create::{dry_run, output_options, update, Sent};
use super::flags::{switch, value, Flag, Parsed};
use super::selector::Selector;
use super::{api_error_text, fail, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::Run;
use cluster::kind::{self, ResourceType};
use cluster::object;
use cluster::validate;
use serde_json::{json, Map, Value};

const CORDON_FLAGS: &[Flag] = &[value("selector", Some('l')), value("dry-run", None)];

const TAINT_FLAGS: &[Flag] = &[
    value("selector", Some('l')),
    switch("overwrite", None),
    switch("all", None),
    value("dry-run", None),
    value("output", Some('o')),
    value("validate", None),
    value("field-manager", None),
    value("template", None),
    switch("allow-missing-template-keys", None),
    switch("show-managed-fields", None),
];

fn node_type() -> Option<&'static ResourceType> {
    kind::by_kind("Node")
}

/// `kubectl cordon NODE...` (`desired` true) and `kubectl uncordon NODE...`.
pub fn cordon(cx: &mut Cx, args: &[String], io: &mut Io, desired: bool) -> Run {
    let cmd = if desired { "cordon" } else { "uncordon" };
    let p = match parse_flags(io, cmd, args, CORDON_FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let selector = p.get("selector").unwrap_or("");
    if p.args.is_empty() && selector.is_empty() {
        return Run::Done(fail(
            io,
            format!(
                "error: USAGE: {cmd} NODE [flags]\nSee 'kubectl {cmd} -h' for help and examples"
            ),
        ));
    }
    let dry = match dry_run(&p) {
        Ok(d) => d,
        Err(m) => return Run::Done(fail(io, m)),
    };
    let nodes = match nodes_named(cx, &p.args, selector, false) {
        Ok(n) => n,
        Err(m) => return Run::Done(fail(io, m)),
    };
    let suffix = dry.suffix();
    let mut code = 0;
    for node in nodes {
        let node = match node {
            Ok(n) => n,
            Err(m) => {
                code = fail(io, m);
                continue;
            }
        };
        let name = object::name(&node).to_string();
        let now =
            object::get(&node, &["spec", "unschedulable"]).and_then(Value::as_bool) == Some(true);
        if now == desired {
            io.println(format!("node/{name} already {cmd}ed{suffix}"));
            continue;
        }
        let mut changed = node.clone();
        if desired {
            object::set(&mut changed, &["spec", "unschedulable"], json!(true));
        } else {
            object::remove(&mut changed, &["spec", "unschedulable"]);
        }
        match update(cx, changed, dry).map_err(|e| api_error_text(&e)) {
            Ok(_) => io.println(format!("node/{name} {cmd}ed{suffix}")),
            Err(m) => code = fail(io, format!("error: unable to {cmd} node {name:?}: {m}")),
        }
    }
    Run::Done(code)
}

/// The nodes named (or selected): each found, or its NotFound error. `all`: every node.
#[allow(clippy::type_complexity)]
fn nodes_named(
    cx: &Cx,
    names: &[String],
    selector: &str,
    all: bool,
) -> Result<Vec<Result<Value, String>>, String> {
    let Some(rt) = node_type() else {
        return Ok(Vec::new());
    };
    if all || !selector.is_empty() {
        let sel = Selector::parse(selector).map_err(|m| format!("error: {m}"))?;
        let mut out: Vec<Result<Value, String>> = cx
            .cluster
            .list(rt, None)
            .into_iter()
            .filter(|n| sel.matches(&object::labels(n)))
            .map(|n| Ok((*n).clone()))
            .collect();
        if !all {
            // Names given beside a selector are looked up as well.
            out.extend(names.iter().map(|n| get_node(cx, rt, n)));
        }
        return Ok(out);
    }
    Ok(names.iter().map(|n| get_node(cx, rt, n)).collect())
}

fn get_node(cx: &Cx, rt: &'static ResourceType, name: &str) -> Result<Value, String> {
    cx.cluster
        .get(rt, "", name)
        .cloned()
        .map_err(|e| api_error_text(&e))
}

/// One taint as the command line gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Taint {
    key: String,
    value: String,
    effect: String,
}

impl Taint {
    /// `Taint.ToString`.
    fn text(&self) -> String {
        match (self.effect.is_empty(), self.value.is_empty()) {
            (true, true) => self.key.clone(),
            (true, false) => format!("{}={}:", self.key, self.value),
            (false, true) => format!("{}:{}", self.key, self.effect),
            (false, false) => format!("{}={}:{}", self.key, self.value, self.effect),
        }
    }

    fn of(v: &Value) -> Taint {
        let s = |k: &str| object::str_at(v, &[k]).unwrap_or("").to_string();
        Taint {
            key: s("key"),
            value: s("value"),
            effect: s("effect"),
        }
    }

    /// `MatchTaint`: the same key and effect.
    fn matches(&self, other: &Taint) -> bool {
        self.key == other.key && self.effect == other.effect
    }
}

const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// `validation.IsQualifiedName`'s messages.
fn qualified_name_errors(key: &str) -> Vec<String> {
    let parts: Vec<&str> = key.split('/').collect();
    let mut errs = Vec::new();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                if prefix.len() > 253 {
                    errs.push("prefix part must be no more than 253 characters".into());
                }
                if !validate::dns1123_subdomain_pattern(prefix) {
                    errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into());
                }
            }
            *name
        }
        _ => {
            return vec![format!("a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", validate::QUALIFIED_NAME_RULE)];
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else if name.len() > 63 {
        errs.push("name part must be no more than 63 characters".into());
    }
    if !validate::name_part_pattern(name) {
        errs.push(format!("name part {}", validate::QUALIFIED_NAME_RULE));
    }
    errs
}

/// `parseTaint`: `key=value:effect`, `key:effect` or `key`.
fn parse_taint(st: &str) -> Result<Taint, String> {
    let parts: Vec<&str> = st.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => (*key, "", ""),
        [kv, effect] => {
            if !EFFECTS.contains(effect) {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            let kv: Vec<&str> = kv.split('=').collect();
            match kv.as_slice() {
                [key] => (*key, "", *effect),
                [key, value] => {
                    let errs = validate::label_value_errors(value);
                    if !errs.is_empty() {
                        return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
                    }
                    (*key, *value, *effect)
                }
                _ => return Err(format!("invalid taint spec: {st}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {st}")),
    };
    let errs = qualified_name_errors(key);
    if !errs.is_empty() {
        return Err(format!("invalid taint spec: {st}, {}", errs.join("; ")));
    }
    Ok(Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
    })
}

/// `parseTaints`: the taints to add and to remove (`...-`).
fn parse_taints(specs: &[String]) -> Result<(Vec<Taint>, Vec<Taint>), String> {
    let mut add: Vec<Taint> = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if let Some(st) = spec.strip_suffix('-') {
            let t = parse_taint(st)?;
            remove.push(Taint {
                value: String::new(),
                ..t
            });
        } else {
            let t = parse_taint(spec)?;
            if t.effect.is_empty() {
                return Err(format!("invalid taint spec: {spec}"));
            }
            if add.iter().any(|a| a.matches(&t)) {
                return Err(format!(
                    "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                    t.key, t.value, t.effect
                ));
            }
            add.push(t);
        }
    }
    Ok((add, remove))
}

/// `kubectl taint nodes NAME KEY=VALUE:EFFECT... [KEY:EFFECT-] [KEY-]`.
pub fn taint(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "taint", args, TAINT_FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    Run::Done(run_taint(cx, &p, io))
}

fn run_taint(cx: &mut Cx, p: &Parsed, io: &mut Io) -> i32 {
    let usage = |io: &mut Io, m: &str| {
        fail(
            io,
            format!("error: {m}\nSee 'kubectl taint -h' for help and examples"),
        )
    };
    let (dry, format) = match output_options(p) {
        Ok(o) => o,
        Err(m) => return fail(io, m),
    };
    // Resources first, then the taints.
    let mut resources: Vec<String> = Vec::new();
    let mut specs: Vec<String> = Vec::new();
    for a in &p.args {
        let is_taint = a.contains('=') || a.contains(':') || a.ends_with('-');
        match (specs.is_empty(), is_taint) {
            (_, true) => specs.push(a.clone()),
            (true, false) => resources.push(a.clone()),
            (false, false) => {
                return fail(
                    io,
                    format!("error: all resources must be specified before taint changes: {a}"),
                )
            }
        }
    }
    if resources.is_empty() {
        return fail(
            io,
            "error: one or more resources must be specified as <resource> <name>",
        );
    }
    if specs.is_empty() {
        return fail(io, "error: at least one taint update is required");
    }
    let (add, remove) = match parse_taints(&specs) {
        Ok(t) => t,
        Err(m) => return usage(io, &m),
    };
    // Validate: the type, conflicting changes, and which nodes.
    let resource_type = resources
        .first()
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    match kind::lookup(&resource_type) {
        Some(rt) if rt.kind == "Node" => {}
        Some(_) => {
            return fail(
                io,
                format!(
                    "error: invalid resource type {resource_type}, only node types are supported"
                ),
            )
        }
        None => return fail(io, super::resource::unknown_type(&resource_type)),
    }
    let conflicts: Vec<String> = add
        .iter()
        .flat_map(|a| {
            remove
                .iter()
                .filter(move |r| a.key == r.key && (r.effect.is_empty() || r.effect == a.effect))
                .map(|r| format!("{{\"{}\":\"{}\"}}", r.key, r.effect))
        })
        .collect();
    if !conflicts.is_empty() {
        return fail(
            io,
            format!(
                "error: can not both modify and remove the following taint(s) in the same command: {}",
                conflicts.join(", ")
            ),
        );
    }
    let all = p.on("all");
    let selector = p.get("selector").unwrap_or("");
    if all && !selector.is_empty() {
        return fail(
            io,
            "error: setting 'all' parameter with a non empty selector is prohibited",
        );
    }
    if !all && selector.is_empty() && resources.len() < 2 {
        return fail(
            io,
            "error: at least one resource name must be specified since 'all' parameter is not set",
        );
    }
    let names = resources.get(1..).unwrap_or(&[]).to_vec();
    let nodes = match nodes_named(cx, &names, selector, all) {
        Ok(n) => n,
        Err(m) => return fail(io, m),
    };
    let overwrite = p.on("overwrite");
    for node in nodes {
        let node = match node {
            Ok(n) => n,
            Err(m) => return fail(io, m),
        };
        let name = object::name(&node).to_string();
        let old: Vec<Taint> = object::array_at(&node, &["spec", "taints"])
            .iter()
            .map(Taint::of)
            .collect();
        if !overwrite {
            let exists: Vec<&str> = add
                .iter()
                .flat_map(|t| {
                    old.iter()
                        .filter(move |o| t.matches(o))
                        .map(|_| t.key.as_str())
                })
                .collect();
            if !exists.is_empty() {
                return fail(
                    io,
                    format!(
                        "error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                        exists.join(",")
                    ),
                );
            }
        }
        // reorganizeTaints: the new taints first, then the old ones they do not replace.
        let old_values = object::array_at(&node, &["spec", "taints"]).to_vec();
        let mut new: Vec<Value> = add.iter().map(taint_json).collect();
        for (t, v) in old.iter().zip(&old_values) {
            if !add.iter().any(|a| a.matches(t)) {
                new.push(v.clone());
            }
        }
        let added = old.len() != new.len();
        let mut errors = Vec::new();
        let mut deleted = false;
        for r in &remove {
            let before = new.len();
            new.retain(|v| {
                let t = Taint::of(v);
                !(t.key == r.key && (r.effect.is_empty() || t.effect == r.effect))
            });
            deleted = new.len() != before;
            if !deleted {
                errors.push(format!("taint {:?} not found", r.text()));
            }
        }
        let operation = if (added && deleted) || overwrite {
            "modified"
        } else if added {
            "tainted"
        } else {
            "untainted"
        };
        match errors.as_slice() {
            [] => {}
            [one] => return fail(io, format!("error: {one}")),
            many => return fail(io, format!("error: [{}]", many.join(", "))),
        }
        let mut changed = node.clone();
        if new.is_empty() {
            object::remove(&mut changed, &["spec", "taints"]);
        } else {
            object::set(&mut changed, &["spec", "taints"], Value::Array(new));
        }
        let written = match update(cx, changed, dry).map_err(|e| api_error_text(&e)) {
            Ok(n) => n,
            Err(m) => return fail(io, m),
        };
        let Some(rt) = node_type() else {
            return 0;
        };
        let code = Sent::new(written, rt, dry, format.clone()).print(io, operation);
        if code != 0 {
            return code;
        }
    }
    0
}

fn taint_json(t: &Taint) -> Value {
    let mut m = Map::new();
    m.insert("effect".into(), json!(t.effect));
    m.insert("key".into(), json!(t.key));
    if !t.value.is_empty() {
        m.insert("value".into(), json!(t.value));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taint_specs_parse_as_kubectl_parses_them() {
        let t = |s: &str| parse_taint(s);
        assert_eq!(
            t("dedicated=gpu:NoSchedule").map(|t| t.text()),
            Ok("dedicated=gpu:NoSchedule".into())
        );
        assert_eq!(
            t("dedicated:NoExecute").map(|t| t.text()),
            Ok("dedicated:NoExecute".into())
        );
        assert_eq!(t("dedicated").map(|t| t.text()), Ok("dedicated".into()));
        assert_eq!(
            t("a:Sometimes"),
            Err("invalid taint effect: Sometimes, unsupported taint effect".into())
        );
        assert_eq!(
            t("a=b=c:NoSchedule"),
            Err("invalid taint spec: a=b=c:NoSchedule".into())
        );
        assert_eq!(t("a:b:c"), Err("invalid taint spec: a:b:c".into()));
        assert!(t("-a:NoSchedule").unwrap_err().starts_with(
            "invalid taint spec: -a:NoSchedule, name part must consist of alphanumeric"
        ));
        // Adding needs an effect; removing does not.
        let specs = |v: &[&str]| parse_taints(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(specs(&["a"]), Err("invalid taint spec: a".into()));
        // `a=b` has no effect, so all of it is the key, which is not a valid one.
        assert!(specs(&["a=b"])
            .unwrap_err()
            .starts_with("invalid taint spec: a=b, name part"));
        assert!(specs(&["a-"]).is_ok());
        assert_eq!(
            specs(&["a=1:NoSchedule", "a=2:NoSchedule"]),
            Err("duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}".into())
        );
    }
}
