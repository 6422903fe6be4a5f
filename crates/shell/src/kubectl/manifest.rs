//! Reading manifests for `-f`: files, folders, standard input; YAML or JSON, several documents.

use crate::context::Cx;
use crate::fs::Node;
use serde::Deserialize;
use serde_json::Value;

/// One object from a manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Where it came from, as kubectl names it (`manifests/web.yaml`, `STDIN`).
    pub source: String,
    /// The object.
    pub object: Value,
}

/// The text of a YAML parse error the way Go's yaml package words it.
fn yaml_error(e: &serde_norway::Error) -> String {
    let text = e.to_string();
    // serde_norway: "<problem> at line L column C[, while parsing ...]".
    let problem = text.split(" at line ").next().unwrap_or(&text).to_string();
    match e.location() {
        Some(loc) => format!("yaml: line {}: {problem}", loc.line()),
        None => format!("yaml: {problem}"),
    }
}

/// Parses every document of a YAML (or JSON) text; `source` names it in errors.
pub fn parse_documents(text: &str, source: &str) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    for de in serde_norway::Deserializer::from_str(text) {
        let value = match Value::deserialize(de) {
            Ok(v) => v,
            Err(e) => {
                return Err(format!(
                    "error: error parsing {source}: error converting YAML to JSON: {}",
                    yaml_error(&e)
                ))
            }
        };
        match value {
            Value::Null => continue,
            Value::Object(_) => {}
            _ => return Err(format!("error: error parsing {source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type map[string]interface {{}}", json_kind(&value))),
        }
        // A List expands into its items.
        if value
            .get("kind")
            .and_then(Value::as_str)
            .is_some_and(|k| k == "List" || k.ends_with("List"))
            && value.get("items").is_some()
        {
            for item in value
                .get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                docs.push(Doc {
                    source: source.to_string(),
                    object: item,
                });
            }
            continue;
        }
        docs.push(Doc {
            source: source.to_string(),
            object: value,
        });
    }
    Ok(docs)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        _ => "object",
    }
}

/// Checks `apiVersion` and `kind` as kubectl's client-side validation does.
pub fn validate_doc(d: &Doc) -> Result<(), String> {
    let missing_kind = d
        .object
        .get("kind")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty);
    let missing_version = d
        .object
        .get("apiVersion")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty);
    let what = match (missing_version, missing_kind) {
        (true, true) => "[apiVersion not set, kind not set]",
        (true, false) => "apiVersion not set",
        (false, true) => "kind not set",
        (false, false) => return Ok(()),
    };
    Err(format!("error: error validating \"{}\": error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false", d.source))
}

/// Reads `-f` (a file, a folder, `-` for standard input) into documents, in order.
pub fn read_objects_from(
    cx: &Cx,
    stdin: &str,
    filename: &str,
    recursive: bool,
) -> Result<Vec<Doc>, String> {
    if filename == "-" {
        return parse_documents(stdin, "STDIN");
    }
    if filename.starts_with("http://") || filename.starts_with("https://") {
        return Err(format!("error: unable to read URL \"{filename}\", server reported 404 Not Found, status code=404"));
    }
    match cx.fs.stat(filename) {
        None => Err(format!("error: the path \"{filename}\" does not exist")),
        Some(Node::File(text)) => parse_documents(text, filename),
        Some(Node::Dir) => {
            let mut docs = Vec::new();
            let base = cx.fs.resolve(filename);
            for path in cx.fs.files_under(filename, recursive) {
                let ext_ok =
                    path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json");
                if !ext_ok {
                    continue;
                }
                let shown = format!(
                    "{}{}",
                    filename.trim_end_matches('/'),
                    path.strip_prefix(&base).unwrap_or(&path)
                );
                let text = cx
                    .fs
                    .read(&path)
                    .map_err(|e| format!("error: {shown}: {}", e.text()))?;
                docs.extend(parse_documents(text, &shown)?);
            }
            if docs.is_empty() {
                return Err("error: no objects passed to apply".to_string());
            }
            Ok(docs)
        }
    }
}

/// [`read_objects_from`] without standard input.
pub fn read_objects(cx: &Cx, filename: &str, recursive: bool) -> Result<Vec<Doc>, String> {
    read_objects_from(cx, "", filename, recursive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_several_documents() {
        let docs = parse_documents(
            "apiVersion: v1\nkind: Service\n---\n---\napiVersion: v1\nkind: Pod\n",
            "x.yaml",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].object["kind"], "Pod");
    }

    #[test]
    fn reports_yaml_errors_like_go() {
        let e = parse_documents(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: {}\n",
            "bad.yaml",
        )
        .unwrap_err();
        assert!(
            e.starts_with(
                "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line "
            ),
            "{e}"
        );
        let e = parse_documents("a:\n\tb: 1\n", "tabs.yaml").unwrap_err();
        assert!(
            e.contains("found character that cannot start any token"),
            "{e}"
        );
    }
}
