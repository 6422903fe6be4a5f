//! Step checks: conditions on cluster objects, declared in index.json, evaluated as pure
//! functions over an object's JSON.
//!
//! ```json
//! "checks": [
//!   {"kind": "Deployment", "name": "web", "expect": {"status.readyReplicas": 3}},
//!   {"kind": "Service", "name": "web-headless", "expect": {"spec.clusterIP": "None"}},
//!   {"kind": "Pod", "name": "old", "namespace": "demo", "exists": false}
//! ]
//! ```
//!
//! Paths: dot-separated keys, `[N]` or `.N` for list items, `["a.b/c"]` for keys with
//! dots (labels); a leading `$` or `.` is allowed. Numbers compare by value (3 == 3.0); an
//! expected `null` also matches a missing field.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

/// One condition on a cluster object.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The object's kind, as in manifests: `Deployment`, `Service`, `Pod`...
    pub kind: String,
    /// The object's name.
    pub name: String,
    /// Its namespace; `"default"` when not given.
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// Whether the object must exist (true, the default) or must not (false).
    #[serde(default = "default_true")]
    pub exists: bool,
    /// JSON paths in the object and the values they must have.
    #[serde(default)]
    pub expect: BTreeMap<String, Value>,
}

fn default_namespace() -> String {
    "default".to_string()
}

fn default_true() -> bool {
    true
}

/// One step of a check path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    Key(String),
    Index(usize),
}

/// Parses a check path (`status.readyReplicas`, `spec.ports[0].port`,
/// `metadata.labels["app.kubernetes.io/name"]`).
pub fn parse_path(path: &str) -> Result<Vec<PathSegment>, String> {
    let p = path.trim();
    let p = p.strip_prefix('$').unwrap_or(p);
    let mut rest = p.strip_prefix('.').unwrap_or(p);
    let mut segs = Vec::new();
    if rest.is_empty() {
        return Err(format!("empty path `{path}`"));
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let close = r
                .find(']')
                .ok_or_else(|| format!("unclosed `[` in path `{path}`"))?;
            let inner = r.get(..close).unwrap_or("").trim();
            if let Some(q) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                segs.push(PathSegment::Key(q.to_string()));
            } else if let Some(q) = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
                segs.push(PathSegment::Key(q.to_string()));
            } else if let Ok(n) = inner.parse::<usize>() {
                segs.push(PathSegment::Index(n));
            } else {
                return Err(format!(
                    "`[{inner}]` in path `{path}` is neither a number nor a quoted key"
                ));
            }
            rest = r.get(close + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let key = rest.get(..end).unwrap_or("");
            if key.is_empty() {
                return Err(format!("empty key in path `{path}`"));
            }
            segs.push(match key.parse::<usize>() {
                Ok(n) => PathSegment::Index(n),
                Err(_) => PathSegment::Key(key.to_string()),
            });
            rest = rest.get(end..).unwrap_or("");
        }
        if let Some(r) = rest.strip_prefix('.') {
            if r.is_empty() {
                return Err(format!("path `{path}` ends with `.`"));
            }
            rest = r;
        }
    }
    Ok(segs)
}

/// The value at `path` in `object`, if any. An `Index` segment also reads an object key
/// made of digits.
pub fn lookup<'v>(object: &'v Value, path: &[PathSegment]) -> Option<&'v Value> {
    let mut v = object;
    for seg in path {
        v = match (seg, v) {
            (PathSegment::Key(k), Value::Object(m)) => m.get(k)?,
            (PathSegment::Index(i), Value::Array(a)) => a.get(*i)?,
            (PathSegment::Index(i), Value::Object(m)) => m.get(&i.to_string())?,
            _ => return None,
        };
    }
    Some(v)
}

/// JSON equality where numbers compare by value.
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => {
            match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => expected == actual,
    }
}

impl Check {
    /// Checks the paths; called when index.json is read so that errors show up early.
    pub fn validate(&self) -> Result<(), String> {
        if self.kind.trim().is_empty() || self.name.trim().is_empty() {
            return Err("a check needs a kind and a name".into());
        }
        if !self.exists && !self.expect.is_empty() {
            return Err(format!(
                "check on {} {}: \"exists\": false cannot have \"expect\"",
                self.kind, self.name
            ));
        }
        for path in self.expect.keys() {
            parse_path(path)?;
        }
        Ok(())
    }

    /// Whether `object` (the object named by the check, as JSON, or None when it does not
    /// exist) satisfies the check.
    pub fn matches(&self, object: Option<&Value>) -> bool {
        self.mismatch(object).is_none()
    }

    /// Why `object` does not satisfy the check (None: it does).
    pub fn mismatch(&self, object: Option<&Value>) -> Option<String> {
        let what = format!("{} {}/{}", self.kind, self.namespace, self.name);
        let object = match (object, self.exists) {
            (None, true) => return Some(format!("{what} does not exist")),
            (Some(_), false) => return Some(format!("{what} still exists")),
            (None, false) => return None,
            (Some(o), true) => o,
        };
        for (path, expected) in &self.expect {
            let actual = match parse_path(path) {
                Ok(segs) => lookup(object, &segs),
                Err(e) => return Some(e),
            };
            let ok = match actual {
                Some(a) => same(expected, a),
                None => expected.is_null(),
            };
            if !ok {
                let got = actual.map_or_else(|| "nothing".to_string(), Value::to_string);
                return Some(format!("{what}: {path} is {got}, expected {expected}"));
            }
        }
        None
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{}", self.kind, self.namespace, self.name)?;
        if !self.exists {
            return write!(f, " does not exist");
        }
        if self.expect.is_empty() {
            return write!(f, " exists");
        }
        let mut sep = ":";
        for (path, value) in &self.expect {
            write!(f, "{sep} {path} = {value}")?;
            sep = ",";
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};
    use serde_json::json;

    use super::*;

    /// Parses a check from JSON and evaluates it against `object` (`null`: no object).
    fn check(check_json: &str, object: Value, expect: Expect) {
        let actual = match serde_json::from_str::<Check>(check_json) {
            Ok(c) => match c.validate() {
                Ok(()) => {
                    let obj = (!object.is_null()).then_some(&object);
                    format!("{c}\n{}", c.mismatch(obj).unwrap_or_else(|| "ok".into()))
                }
                Err(e) => format!("invalid: {e}"),
            },
            Err(e) => format!("error: {e}"),
        };
        expect.assert_eq(&actual);
    }

    fn deployment(ready: u64) -> Value {
        json!({"kind": "Deployment", "metadata": {"name": "web", "namespace": "default", "labels": {"app.kubernetes.io/name": "web"}},
               "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "hello-app", "ports": [{"containerPort": 8080}]}]}}},
               "status": {"readyReplicas": ready}})
    }

    #[test]
    fn ready_replicas_met() {
        check(
            r#"{"kind":"Deployment","name":"web","expect":{"status.readyReplicas":3}}"#,
            deployment(3),
            expect![[r#"
            Deployment default/web: status.readyReplicas = 3
            ok"#]],
        );
    }

    #[test]
    fn ready_replicas_not_met() {
        check(
            r#"{"kind":"Deployment","name":"web","expect":{"status.readyReplicas":3}}"#,
            deployment(2),
            expect![[r#"
            Deployment default/web: status.readyReplicas = 3
            Deployment default/web: status.readyReplicas is 2, expected 3"#]],
        );
    }

    #[test]
    fn float_equals_integer() {
        check(
            r#"{"kind":"Deployment","name":"web","expect":{"status.readyReplicas":3.0}}"#,
            deployment(3),
            expect![[r#"
            Deployment default/web: status.readyReplicas = 3.0
            ok"#]],
        );
    }

    #[test]
    fn exists_default() {
        check(
            r#"{"kind":"Service","name":"web-service"}"#,
            json!({"kind": "Service"}),
            expect![[r#"
            Service default/web-service exists
            ok"#]],
        );
    }

    #[test]
    fn missing_object() {
        check(
            r#"{"kind":"Service","name":"web-service"}"#,
            Value::Null,
            expect![[r#"
            Service default/web-service exists
            Service default/web-service does not exist"#]],
        );
    }

    #[test]
    fn must_not_exist() {
        check(
            r#"{"kind":"Pod","name":"old","namespace":"demo","exists":false}"#,
            Value::Null,
            expect![[r#"
            Pod demo/old does not exist
            ok"#]],
        );
    }

    #[test]
    fn must_not_exist_but_does() {
        check(
            r#"{"kind":"Pod","name":"old","exists":false}"#,
            json!({}),
            expect![[r#"
            Pod default/old does not exist
            Pod default/old still exists"#]],
        );
    }

    #[test]
    fn list_index_and_quoted_key() {
        check(
            r#"{"kind":"Deployment","name":"web","expect":{"spec.template.spec.containers[0].ports.0.containerPort":8080,"metadata.labels[\"app.kubernetes.io/name\"]":"web"}}"#,
            deployment(0),
            expect![[r#"
                Deployment default/web: metadata.labels["app.kubernetes.io/name"] = "web", spec.template.spec.containers[0].ports.0.containerPort = 8080
                ok"#]],
        );
    }

    #[test]
    fn null_matches_missing_field() {
        check(
            r#"{"kind":"Deployment","name":"web","expect":{"status.unavailableReplicas":null}}"#,
            deployment(3),
            expect![[r#"
            Deployment default/web: status.unavailableReplicas = null
            ok"#]],
        );
    }

    #[test]
    fn missing_field() {
        check(
            r#"{"kind":"Pod","name":"dnsutils","expect":{"status.phase":"Running"}}"#,
            json!({"status": {}}),
            expect![[r#"
            Pod default/dnsutils: status.phase = "Running"
            Pod default/dnsutils: status.phase is nothing, expected "Running""#]],
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        check(r#"{"kind":"Deployment","name":"web","readyReplicas":3}"#, Value::Null, expect!["error: unknown field `readyReplicas`, expected one of `kind`, `name`, `namespace`, `exists`, `expect` at line 1 column 49"]);
    }

    #[test]
    fn missing_name_is_an_error() {
        check(
            r#"{"kind":"Deployment"}"#,
            Value::Null,
            expect!["error: missing field `name` at line 1 column 21"],
        );
    }

    #[test]
    fn exists_false_with_expect_is_invalid() {
        check(
            r#"{"kind":"Pod","name":"p","exists":false,"expect":{"a":1}}"#,
            Value::Null,
            expect![[r#"invalid: check on Pod p: "exists": false cannot have "expect""#]],
        );
    }

    #[test]
    fn bad_paths_are_invalid() {
        let out: Vec<String> = [
            "",
            "a..b",
            "a.",
            "a[x]",
            "a[0",
            "$.status.phase",
            ".a[1][\"b.c\"].d",
        ]
        .iter()
        .map(|p| format!("{p:?}: {:?}", parse_path(p)))
        .collect();
        expect![[r#"
            "": Err("empty path ``")
            "a..b": Err("empty key in path `a..b`")
            "a.": Err("path `a.` ends with `.`")
            "a[x]": Err("`[x]` in path `a[x]` is neither a number nor a quoted key")
            "a[0": Err("unclosed `[` in path `a[0`")
            "$.status.phase": Ok([Key("status"), Key("phase")])
            ".a[1][\"b.c\"].d": Ok([Key("a"), Index(1), Key("b.c"), Key("d")])"#]]
        .assert_eq(&out.join("\n"));
    }
}
