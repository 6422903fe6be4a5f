//! Label selectors (`-l app=web,tier!=db,env in (a,b),!canary`) and field selectors.

use cluster::object::{self, Labels};
use serde_json::Value;

/// One requirement of a label selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Req {
    /// `k=v`, `k==v`.
    Eq(String, String),
    /// `k!=v`.
    Ne(String, String),
    /// `k in (a,b)`.
    In(String, Vec<String>),
    /// `k notin (a,b)`.
    NotIn(String, Vec<String>),
    /// `k`.
    Exists(String),
    /// `!k`.
    NotExists(String),
}

/// A parsed label selector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector(pub Vec<Req>);

fn split_top(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

fn valid_key(k: &str) -> bool {
    !k.is_empty() && cluster::validate::is_qualified_name(k)
}

impl Selector {
    /// Parses kubectl's selector syntax; `Err` is the message kubectl prints.
    pub fn parse(s: &str) -> Result<Selector, String> {
        let mut reqs = Vec::new();
        if s.trim().is_empty() {
            return Ok(Selector(reqs));
        }
        for part in split_top(s) {
            let p = part.trim();
            let bad = || format!("unable to parse requirement: found '{p}', expected: identifier");
            if let Some(k) = p.strip_prefix('!') {
                let k = k.trim();
                if !valid_key(k) {
                    return Err(bad());
                }
                reqs.push(Req::NotExists(k.to_string()));
            } else if let Some((k, v)) = p.split_once("!=") {
                reqs.push(Req::Ne(k.trim().to_string(), v.trim().to_string()));
            } else if let Some((k, v)) = p.split_once("==") {
                reqs.push(Req::Eq(k.trim().to_string(), v.trim().to_string()));
            } else if let Some((k, v)) = p.split_once('=') {
                let (k, v) = (k.trim(), v.trim());
                if !valid_key(k) {
                    return Err(format!("unable to parse requirement: <nil>: Invalid value: \"{k}\": name part must be non-empty; name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"));
                }
                if !cluster::validate::is_label_value(v) {
                    return Err(format!("unable to parse requirement: <nil>: Invalid value: \"{v}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
                }
                reqs.push(Req::Eq(k.to_string(), v.to_string()));
            } else if let Some(open) = p.find('(') {
                let head: Vec<&str> = p.get(..open).unwrap_or("").split_whitespace().collect();
                let values: Vec<String> = p
                    .get(open + 1..)
                    .unwrap_or("")
                    .trim_end_matches(')')
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                match head.as_slice() {
                    [k, "in"] => reqs.push(Req::In(k.to_string(), values)),
                    [k, "notin"] => reqs.push(Req::NotIn(k.to_string(), values)),
                    _ => return Err(bad()),
                }
            } else if valid_key(p) {
                reqs.push(Req::Exists(p.to_string()));
            } else {
                return Err(bad());
            }
        }
        Ok(Selector(reqs))
    }

    /// Whether labels satisfy every requirement.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.0.iter().all(|r| match r {
            Req::Eq(k, v) => labels.get(k) == Some(v),
            Req::Ne(k, v) => labels.get(k) != Some(v),
            Req::In(k, vs) => labels.get(k).is_some_and(|l| vs.contains(l)),
            Req::NotIn(k, vs) => labels.get(k).is_none_or(|l| !vs.contains(l)),
            Req::Exists(k) => labels.contains_key(k),
            Req::NotExists(k) => !labels.contains_key(k),
        })
    }
}

/// A field selector (`status.phase=Running,spec.nodeName!=x`).
#[derive(Clone, Debug, Default)]
pub struct FieldSelector(Vec<(String, bool, String)>);

impl FieldSelector {
    /// Parses; `Err` is kubectl's message.
    pub fn parse(s: &str) -> Result<FieldSelector, String> {
        let mut v = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            if let Some((k, val)) = part.split_once("!=") {
                v.push((k.trim().to_string(), false, val.trim().to_string()));
            } else if let Some((k, val)) = part.split_once("==").or_else(|| part.split_once('=')) {
                v.push((k.trim().to_string(), true, val.trim().to_string()));
            } else {
                return Err(format!(
                    "invalid selector: '{s}'; can't understand '{part}'"
                ));
            }
        }
        Ok(FieldSelector(v))
    }

    /// The field paths the API server supports for a kind; `Err` names an unsupported one.
    pub fn check(&self, kind: &str) -> Result<(), String> {
        for (k, _, _) in &self.0 {
            let ok = matches!(k.as_str(), "metadata.name" | "metadata.namespace")
                || (kind == "Pod"
                    && matches!(
                        k.as_str(),
                        "spec.nodeName"
                            | "spec.restartPolicy"
                            | "spec.schedulerName"
                            | "spec.serviceAccountName"
                            | "status.phase"
                            | "status.podIP"
                            | "status.nominatedNodeName"
                            | "spec.hostNetwork"
                    ))
                || (kind == "Event"
                    && (k.starts_with("involvedObject.")
                        || matches!(
                            k.as_str(),
                            "reason" | "type" | "source" | "reportingComponent"
                        )))
                || (kind == "Secret" && k == "type")
                || (kind == "Node" && k == "spec.unschedulable");
            if !ok {
                return Err(format!("Error from server (BadRequest): Unable to find \"{}\" that match label selector \"\", field selector \"{k}={}\": field label not supported: {k}", kind_plural(kind), self.0.first().map(|x| x.2.as_str()).unwrap_or("")));
            }
        }
        Ok(())
    }

    /// Whether an object matches.
    pub fn matches(&self, obj: &Value) -> bool {
        self.0.iter().all(|(path, eq, want)| {
            let parts: Vec<&str> = path.split('.').collect();
            let have = match object::get(obj, &parts) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            (have == *want) == *eq
        })
    }
}

fn kind_plural(kind: &str) -> String {
    cluster::kind::by_kind(kind).map_or_else(|| kind.to_ascii_lowercase(), |r| r.qualified_plural())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_and_matches_selectors() {
        let s = Selector::parse("app=web,tier!=db,env in (prod, dev),!canary").unwrap();
        assert!(s.matches(&labels(&[("app", "web"), ("env", "dev")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("env", "dev"), ("canary", "1")])));
        assert!(!s.matches(&labels(&[("app", "web")])));
        assert!(Selector::parse("app")
            .unwrap()
            .matches(&labels(&[("app", "")])));
        assert!(Selector::parse("a b").is_err());
    }
}
