//! The text of `kubectl edit`'s temporary file and what kubectl checks in it before it sends
//! anything: the header and its failure reasons (editoptions.go), `cmdutil.StripComments` and
//! `ManualStrip`, `hasLines`, and the client-side part of `--validate` (validation.go's parse
//! and getObjectKind: with a server that validates fields itself, that is all kubectl checks).

use serde::Deserialize;
use serde_json::Value;

/// What the file starts with (YAML only: a JSON file has no comments).
pub const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// Why the file is reopened (`editReason`): a head line and its causes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// `deployments.apps "web" was not valid`.
    pub head: String,
    /// `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
    pub other: Vec<String>,
}

/// Go's `hashOnLineBreak`: a line break not followed by `#` continues the comment.
fn hash_on_line_break(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\n', Some(next)) if *next != '#' => out.push_str("\n# "),
            _ => out.push(c),
        }
    }
    out
}

/// The header with the reasons of the last failure (`editHeader.writeTo`).
pub fn header(reasons: &[Reason]) -> String {
    let mut out = HEADER.to_string();
    for r in reasons {
        let colon = if r.other.is_empty() { "" } else { ":" };
        out.push_str(&format!("# {}{colon}\n", hash_on_line_break(&r.head)));
        for o in &r.other {
            out.push_str(&format!("# * {}\n", hash_on_line_break(o)));
        }
        out.push_str("#\n");
    }
    out
}

/// `cmdutil.ManualStrip`: drops comment lines (not `#!`), keeping the rest byte for byte.
pub fn manual_strip(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with('#') && !t.starts_with("#!") {
            continue;
        }
        out.push_str(line);
        if i < last {
            out.push('\n');
        }
    }
    out
}

/// `cmdutil.StripComments`: what two versions of the file are compared by.
#[derive(Clone, Debug, PartialEq)]
pub enum Stripped {
    /// JSON text is taken as it is (`yaml.ToJSON` passes it through).
    Json(String),
    /// YAML that parses: its value (key order, layout and comments do not count).
    Parsed(Value),
    /// YAML that does not parse: the text without comment lines.
    Text(String),
}

/// Go's `hasJSONPrefix`: the first non-space character is `{`.
fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The first YAML document's value (`null` for an empty text), as `yaml.ToJSON` reads it.
fn yaml_value(text: &str) -> Result<Value, String> {
    match serde_norway::Deserializer::from_str(text)
        .next()
        .map(Value::deserialize)
    {
        None => Ok(Value::Null),
        Some(Ok(v)) => Ok(v),
        Some(Err(_)) => Err(yaml_error(text)),
    }
}

/// `error converting YAML to JSON: yaml: line N: ...`, worded as the manifest reader words it.
fn yaml_error(text: &str) -> String {
    const SOURCE: &str = "edited-file";
    super::manifest::read_documents(text, SOURCE)
        .into_iter()
        .find_map(Result::err)
        .map(|e| {
            e.strip_prefix(&format!("error: error parsing {SOURCE}: "))
                .unwrap_or(&e)
                .to_string()
        })
        .unwrap_or_else(|| "error converting YAML to JSON: yaml: invalid document".into())
}

/// `cmdutil.StripComments`.
pub fn strip_comments(text: &str) -> Stripped {
    if looks_like_json(text) {
        return Stripped::Json(text.to_string());
    }
    match yaml_value(text) {
        Ok(v) => Stripped::Parsed(v),
        Err(_) => Stripped::Text(manual_strip(text)),
    }
}

/// `hasLines`: some line is neither blank nor a comment.
pub fn has_lines(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// Go's `json.Unmarshal` error for text that is not JSON.
fn json_error(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(_) => String::new(),
        Err(e) if e.is_eof() => "unexpected end of JSON input".into(),
        Err(e) => {
            let go = super::manifest::go_json_error(text, &e);
            // The stream decoder adds the offset; Unmarshal does not.
            match go
                .strip_prefix("json: offset ")
                .and_then(|r| r.split_once(": "))
            {
                Some((_, rest)) => rest.to_string(),
                None => go,
            }
        }
    }
}

/// `schema.ParseGroupVersion`'s complaint, if any.
fn group_version_error(gv: &str) -> Option<String> {
    (gv.matches('/').count() > 1).then(|| format!("unexpected GroupVersion string: {gv}"))
}

/// kubectl's client-side validation of the edited file (`paramVerifyingSchema.ValidateBytes`
/// against a server that validates fields itself): it must parse, be an object, and say its
/// apiVersion and kind. `Err` is the message kubectl puts in the header.
pub fn validate(edited: &str) -> Result<(), String> {
    let value = match strip_comments(edited) {
        Stripped::Parsed(v) => v,
        Stripped::Json(text) => match serde_json::from_str::<Value>(&text) {
            Ok(v) => v,
            Err(_) => return Err(json_error(&text)),
        },
        Stripped::Text(text) => return Err(yaml_error(&text)),
    };
    let Some(fields) = value.as_object() else {
        return Err("invalid object to validate".into());
    };
    let mut errors = Vec::new();
    match fields.get("apiVersion") {
        None | Some(Value::Null) => errors.push("apiVersion not set".to_string()),
        Some(Value::String(gv)) => errors.extend(group_version_error(gv)),
        Some(_) => errors.push("apiVersion isn't string type".into()),
    }
    match fields.get("kind") {
        None | Some(Value::Null) => errors.push("kind not set".to_string()),
        Some(Value::String(_)) => {}
        Some(_) => errors.push("kind isn't string type".into()),
    }
    match errors.as_slice() {
        [] => Ok(()),
        [one] => Err(one.clone()),
        many => Err(format!("[{}]", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_reasons_as_kubectl() {
        let reasons = [
            Reason {
                head: "deployments.apps \"web\" was not valid".into(),
                other: vec![
                    "spec.replicas: Invalid value: -1: must be greater than or equal to 0".into(),
                ],
            },
            Reason {
                head: "The edited file had a syntax error: a\nb".into(),
                other: vec![],
            },
        ];
        assert_eq!(
            header(&reasons),
            format!("{HEADER}# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n# The edited file had a syntax error: a\n# b\n#\n")
        );
    }

    #[test]
    fn strips_and_compares_like_kubectl() {
        assert_eq!(manual_strip("# a\nb: 1\n  # c\n#!x\n"), "b: 1\n#!x\n");
        assert_eq!(
            strip_comments("# x\nb: 1\na: 2\n"),
            strip_comments("a: 2\nb:   1\n")
        );
        assert!(matches!(strip_comments("a: [\n"), Stripped::Text(_)));
        assert!(!has_lines("# only\n\n   \n"));
        assert!(has_lines("# x\na: 1\n"));
    }

    #[test]
    fn validates_like_kubectl() {
        assert_eq!(validate(""), Err("invalid object to validate".into()));
        assert_eq!(
            validate("# c\nmetadata: {}\n"),
            Err("[apiVersion not set, kind not set]".into())
        );
        assert_eq!(
            validate("apiVersion: v1\nkind: 3\n"),
            Err("kind isn't string type".into())
        );
        assert_eq!(validate("apiVersion: apps/v1\nkind: Deployment\n"), Ok(()));
        assert!(validate("a: b: c\n").is_err_and(|e| e
            .starts_with("error converting YAML to JSON: yaml: mapping values are not allowed")));
        assert_eq!(
            validate("{\"kind\": }"),
            Err("invalid character '}' looking for beginning of value".into())
        );
    }
}
