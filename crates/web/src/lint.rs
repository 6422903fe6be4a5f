//! Live validation of a manifest in the editor: YAML syntax errors, then for every document
//! what `kubectl apply` would refuse (apiVersion/kind, the API's schema, field validation),
//! each placed at a line and column of the text.

use crate::yaml_locate;
use cluster::{ApiError, FieldError};
use serde::Deserialize;
use serde_json::Value;

/// One problem in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub col: usize,
    /// How many characters to underline (at least 1).
    pub len: usize,
    /// The message, worded as kubectl or the API server word it.
    pub message: String,
}

/// Whether the editor validates a file with this name as a Kubernetes manifest.
pub fn is_manifest(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".yaml") || p.ends_with(".yml") || p.ends_with(".json")
}

/// Every problem in a manifest's text, in text order.
pub fn lint(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut values = Vec::new();
    for de in serde_norway::Deserializer::from_str(text) {
        match Value::deserialize(de) {
            Ok(v) => values.push(v),
            Err(e) => {
                out.push(yaml_error(text, &e));
                return out;
            }
        }
    }
    let docs = yaml_locate::index(text);
    let mut located = docs.iter();
    for v in values {
        if v.is_null() {
            continue;
        }
        let doc = located.next().cloned().unwrap_or_default();
        document(&v, &doc, &mut out);
    }
    cluster::sort::sort_by_key(&mut out, |d| (d.line, d.col));
    out.dedup();
    out
}

fn yaml_error(text: &str, e: &serde_norway::Error) -> Diagnostic {
    let msg = e.to_string();
    let problem = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let (line, col) = match e.location() {
        Some(l) => (l.line().max(1), l.column().max(1)),
        None => (text.lines().count().max(1), 1),
    };
    Diagnostic {
        line,
        col,
        len: 1,
        message: format!("yaml: line {line}: {problem}"),
    }
}

fn at(doc: &yaml_locate::Doc, path: &str, message: String) -> Diagnostic {
    let (line, col, len) = match doc.locate(path) {
        Some(e) => (e.line, e.col, e.len),
        None => (doc.first_line.max(1), 1, 1),
    };
    Diagnostic {
        line,
        col,
        len,
        message,
    }
}

fn document(v: &Value, doc: &yaml_locate::Doc, out: &mut Vec<Diagnostic>) {
    let Some(obj) = v.as_object() else {
        out.push(at(
            doc,
            "",
            "error unmarshaling JSON: json: cannot unmarshal this document into an object".into(),
        ));
        return;
    };
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let api = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    if kind.is_empty() || api.is_empty() {
        let what = match (api.is_empty(), kind.is_empty()) {
            (true, true) => "[apiVersion not set, kind not set]",
            (true, false) => "apiVersion not set",
            _ => "kind not set",
        };
        let path = if kind.is_empty() {
            "kind"
        } else {
            "apiVersion"
        };
        out.push(at(doc, path, format!("error validating data: {what}")));
        return;
    }
    if cluster::kind::by_api_version_kind(api, kind).is_none() {
        out.push(at(
            doc,
            "kind",
            format!("no matches for kind \"{kind}\" in version \"{api}\""),
        ));
        return;
    }
    if let Err(e) = cluster::schema::check(kind, v) {
        api_error(&e, doc, out);
        return;
    }
    let name = v
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("");
    let generate = v
        .pointer("/metadata/generateName")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut errs: Vec<FieldError> = Vec::new();
    if !name.is_empty() {
        errs.extend(cluster::validate::name(kind, name, "metadata.name"));
    } else if generate.is_empty() {
        errs.push(FieldError::required(
            "metadata.name",
            "name or generateName is required",
        ));
    }
    let mut defaulted = v.clone();
    cluster::defaults::apply(kind, &mut defaulted);
    errs.extend(cluster::validate::object(kind, &defaulted));
    for e in errs {
        out.push(at(doc, &e.field, e.to_string()));
    }
}

fn api_error(e: &ApiError, doc: &yaml_locate::Doc, out: &mut Vec<Diagnostic>) {
    match e {
        ApiError::Invalid { causes, .. } => {
            for c in causes {
                out.push(at(doc, &c.field, c.to_string()));
            }
        }
        other => {
            let msg = other.to_string();
            let paths = field_paths(&msg);
            if paths.is_empty() {
                out.push(at(doc, "", msg));
            } else {
                for p in paths {
                    out.push(at(doc, &p, msg.clone()));
                }
            }
        }
    }
}

/// The field paths an API server message names: `unknown field "spec.x"`,
/// `Go struct field Pod.spec.containers.name of type string`, `.spec.x: field not declared`.
pub fn field_paths(msg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = msg;
    while let Some(i) = rest.find("unknown field \"") {
        let tail = rest.get(i + 15..).unwrap_or("");
        let end = tail.find('"').unwrap_or(tail.len());
        out.push(tail.get(..end).unwrap_or("").to_string());
        rest = tail.get(end..).unwrap_or("");
    }
    let mut rest = msg;
    while let Some(i) = rest.find("Go struct field ") {
        let tail = rest.get(i + 16..).unwrap_or("");
        let end = tail.find(' ').unwrap_or(tail.len());
        let field = tail.get(..end).unwrap_or("");
        // `Deployment.spec.replicas`: the Go type first.
        if let Some((_, path)) = field.split_once('.') {
            out.push(path.to_string());
        }
        rest = tail.get(end..).unwrap_or("");
    }
    for part in msg.split([',', '[', ']']) {
        let p = part.trim();
        if let Some(path) = p.strip_suffix(": field not declared in schema") {
            out.push(path.trim_start_matches('.').to_string());
        }
    }
    out.retain(|p| !p.is_empty());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(text: &str, want: Expect) {
        let s: String = lint(text)
            .iter()
            .map(|d| format!("{}:{}+{} {}\n", d.line, d.col, d.len, d.message))
            .collect();
        want.assert_eq(&s);
    }

    #[test]
    fn the_lesson_manifests_are_clean() {
        for f in [
            "web-clusterip-svc.yaml",
            "web-headless-svc.yaml",
            "dnsutils.yaml",
        ] {
            let path = format!(
                "{}/../../lessons/servicios-es/assets/manifests/{f}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(!text.is_empty(), "{path}");
            assert_eq!(lint(&text), vec![], "{f}");
        }
    }

    #[test]
    fn yaml_syntax_errors() {
        check(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n   bad: indent\n",
            expect![[r#"
                5:7+1 yaml: line 5: mapping values are not allowed in this context
            "#]],
        );
        check(
            "a: [1, 2\n",
            expect![[r#"
                2:1+1 yaml: line 2: did not find expected ',' or ']'
            "#]],
        );
    }

    #[test]
    fn api_errors_at_their_fields() {
        check(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: Web_Service\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
            expect![[r#"
                4:3+4 metadata.name: Invalid value: "Web_Service": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')
            "#]],
        );
        check(
            "kind: Pod\nmetadata:\n  name: x\n",
            expect![[r#"
                1:1+1 error validating data: apiVersion not set
            "#]],
        );
        check(
            "apiVersion: v1\nkind: Pdo\nmetadata:\n  name: x\n",
            expect![[r#"
                2:1+4 no matches for kind "Pdo" in version "v1"
            "#]],
        );
        check(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\nspec:\n  containers:\n  - name: c\n",
            expect![[r#"
                1:1+1 spec.containers: Required value
                12:3+1 spec.containers[0].image: Required value
            "#]],
        );
    }

    #[test]
    fn schema_errors_at_their_fields() {
        check(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n    imagee: nginx\n    image: nginx\n",
            expect![[r#"
                8:5+6 Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"
            "#]],
        );
        check(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: tres\n",
            expect![[r#"
                6:3+8 Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
            "#]],
        );
    }

    #[test]
    fn paths_in_messages() {
        assert_eq!(
            field_paths("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\", unknown field \"spec.x\""),
            vec!["spec.template.spec.containers[0].imagee", "spec.x"]
        );
        assert_eq!(
            field_paths("json: cannot unmarshal number into Go struct field ContainerPort.spec.template.spec.containers.ports.protocol of type v1.Protocol"),
            vec!["spec.template.spec.containers.ports.protocol"]
        );
        assert_eq!(
            field_paths(".spec.foo: field not declared in schema"),
            vec!["spec.foo"]
        );
        assert!(field_paths("nothing").is_empty());
    }

    #[test]
    fn junk_never_panics() {
        for t in [
            "",
            "---",
            "- a",
            "42",
            "a: {",
            "\u{0}",
            "apiVersion: v1\nkind: Pod\nmetadata: 3",
            "apiVersion: apps/v1\nkind: Deployment\nspec: []\nmetadata: {name: a}",
        ] {
            let _ = lint(t);
        }
    }
}
