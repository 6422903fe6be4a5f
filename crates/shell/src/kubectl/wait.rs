//! `kubectl wait --for=condition=X|delete|jsonpath=... TYPE/NAME [--timeout]`.

use super::flags::{switch, value, Flag};
use super::resource;
use super::selector::Selector;
use super::{api_error_text, namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::object::{self, Object};
use cluster::{ResourceType, Time};
use serde_json::Value;

const FLAGS: &[Flag] = &[
    value("for", None),
    value("timeout", None),
    value("selector", Some('l')),
    switch("all", None),
    switch("all-namespaces", Some('A')),
    value("filename", Some('f')),
    value("output", Some('o')),
    value("field-selector", None),
    switch("local", None),
];

/// A Go duration (`30s`, `2m`, `1h30m`, `500ms`, `0`) in milliseconds.
pub fn parse_duration(s: &str) -> Option<i64> {
    if s == "0" {
        return Some(0);
    }
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'm' && chars.peek() == Some(&'s') {
            unit.push('s');
            chars.next();
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        total += n * match unit.as_str() {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            _ => return None,
        };
        any = true;
    }
    if !num.is_empty() {
        return None;
    }
    any.then_some(total as i64)
}

#[derive(Clone)]
enum Cond {
    Delete,
    Condition(String, String),
    JsonPath(Vec<String>, Option<String>),
}

fn parse_for(f: &str) -> Result<Cond, String> {
    if f == "delete" {
        return Ok(Cond::Delete);
    }
    if let Some(c) = f.strip_prefix("condition=") {
        let (name, value) = c
            .split_once('=')
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or((c.to_string(), "True".into()));
        return Ok(Cond::Condition(name.to_ascii_lowercase(), value));
    }
    if let Some(j) = f.strip_prefix("jsonpath=") {
        let (path, value) = match j.rsplit_once("}=") {
            Some((p, v)) => (
                format!("{p}}}"),
                Some(v.trim_matches('\'').trim_matches('"').to_string()),
            ),
            None => (j.to_string(), None),
        };
        let parts = path
            .trim_matches('\'')
            .trim_start_matches('{')
            .trim_end_matches('}')
            .trim_start_matches('.')
            .split('.')
            .map(str::to_string)
            .collect();
        return Ok(Cond::JsonPath(parts, value));
    }
    Err(format!("error: unrecognized condition: \"{f}\""))
}

fn met(cond: &Cond, obj: Option<&Object>) -> bool {
    match (cond, obj) {
        (Cond::Delete, o) => o.is_none(),
        (_, None) => false,
        (Cond::Condition(name, want), Some(o)) => object::array_at(o, &["status", "conditions"])
            .iter()
            .any(|c| {
                object::str_at(c, &["type"]).is_some_and(|t| t.to_ascii_lowercase() == *name)
                    && object::str_at(c, &["status"]).is_some_and(|s| s.eq_ignore_ascii_case(want))
            }),
        (Cond::JsonPath(path, want), Some(o)) => {
            let refs: Vec<&str> = path.iter().map(String::as_str).collect();
            match (object::get(o, &refs), want) {
                (Some(v), Some(w)) => match v {
                    Value::String(s) => s == w,
                    other => serde_json::to_string(other).is_ok_and(|t| t == *w),
                },
                (Some(_), None) => true,
                (None, _) => false,
            }
        }
    }
}

/// Runs `kubectl wait`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "wait", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(for_) = p.get("for") else {
        io.eprintln("error: --for must be set");
        return Run::Done(1);
    };
    let cond = match parse_for(for_) {
        Ok(c) => c,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let timeout = match p.get("timeout") {
        Some(t) => match parse_duration(t) {
            Some(ms) => ms,
            None => {
                io.eprintln(format!("Error: invalid argument \"{t}\" for \"--timeout\" flag: time: invalid duration \"{t}\"\nSee 'kubectl wait --help' for usage."));
                return Run::Done(1);
            }
        },
        None => 30_000,
    };
    let sels = match resource::parse(&p.args) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let ns = namespace(cx, &p);
    let selector = Selector::parse(p.get("selector").unwrap_or("")).unwrap_or_default();
    let mut targets: Vec<(&'static ResourceType, String, String)> = Vec::new();
    for sel in &sels {
        match &sel.names {
            Some(names) => {
                for n in names {
                    match cx.cluster.get(sel.rt, &ns, n) {
                        Ok(o) => targets.push((
                            sel.rt,
                            object::name(o).to_string(),
                            object::uid(o).to_string(),
                        )),
                        Err(e) => {
                            if matches!(cond, Cond::Delete) {
                                continue;
                            }
                            io.eprintln(api_error_text(&e));
                            return Run::Done(1);
                        }
                    }
                }
            }
            None => {
                for o in cx.cluster.list(sel.rt, Some(&ns)) {
                    if selector.matches(&object::labels(o)) {
                        targets.push((
                            sel.rt,
                            object::name(o).to_string(),
                            object::uid(o).to_string(),
                        ));
                    }
                }
            }
        }
    }
    if targets.is_empty() {
        if matches!(cond, Cond::Delete) {
            return Run::Done(0);
        }
        io.eprintln("error: no matching resources found");
        return Run::Done(1);
    }
    let mut w = Wait {
        cond,
        ns,
        targets,
        deadline: cx.cluster.now().plus(timeout),
    };
    if let Some(s) = w.poll(cx, io) {
        return Run::Done(s);
    }
    if !cx.may_block {
        return Run::Done(1);
    }
    Run::Wait(Box::new(w))
}

struct Wait {
    cond: Cond,
    ns: String,
    targets: Vec<(&'static ResourceType, String, String)>,
    deadline: Time,
}

impl Waiter for Wait {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let mut left = Vec::new();
        for (rt, name, uid) in std::mem::take(&mut self.targets) {
            let obj = cx
                .cluster
                .get(rt, &self.ns, &name)
                .ok()
                .filter(|o| object::uid(o) == uid)
                .cloned();
            if met(&self.cond, obj.as_ref()) {
                io.println(format!(
                    "{} condition met",
                    resource::qualified_name(rt, &name)
                ));
            } else {
                left.push((rt, name, uid));
            }
        }
        self.targets = left;
        if self.targets.is_empty() {
            return Some(0);
        }
        if cx.cluster.now() >= self.deadline {
            for (rt, name, _) in &self.targets {
                io.eprintln(format!(
                    "error: timed out waiting for the condition on {}/{name}",
                    rt.qualified_plural()
                ));
            }
            return Some(1);
        }
        None
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        Some(self.deadline)
    }
}
