//! Reading manifests for `-f`: files, folders, standard input; YAML or JSON, several documents.

use crate::context::Cx;
use crate::fs::Node;
use crate::io::Io;
use cluster::ApiError;
use serde::Deserialize;
use serde_json::Value;

/// One object from a manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Where it came from, as kubectl names it (`manifests/web.yaml`, `STDIN`).
    pub source: String,
    /// The object.
    pub object: Value,
    /// The document's text when it came as JSON (kubectl quotes it in some errors).
    pub raw: Option<String>,
}

/// libyaml's parser errors (the rest come from its scanner or its reader).
const PARSER_PROBLEMS: &[&str] = &[
    "did not find expected <document start>",
    "did not find expected key",
    "did not find expected '-' indicator",
    "did not find expected node content",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "found duplicate %YAML directive",
    "found incompatible YAML document",
    "found duplicate %TAG directive",
    "found undefined tag handle",
];

/// libyaml's reader errors: they carry no position.
const READER_PROBLEMS: &[&str] = &[
    "control characters are not allowed",
    "invalid leading UTF-8 octet",
    "incomplete UTF-8 octet sequence",
    "invalid trailing UTF-8 octet",
    "invalid length of a UTF-8 sequence",
    "invalid Unicode character",
    "input is too long",
];

/// The text of a YAML parse error the way Go's yaml package words it. Its `line` is quirky
/// (yaml.v2 `parser.fail`): the problem's 0-based line, plus one for scanner errors only; on
/// the first line, the context's 0-based line instead; nothing when both are 0.
fn yaml_error(e: &serde_norway::Error) -> String {
    let text = e.to_string();
    // serde_norway: "<problem>[ at line L column C][, while <context>[ at line L column C]]".
    let cut = [text.find(" at line "), text.find(", while ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(text.len());
    let problem = text.get(..cut).unwrap_or(&text).to_string();
    if READER_PROBLEMS.iter().any(|r| problem.starts_with(r)) {
        return format!("yaml: {problem}");
    }
    let parser = PARSER_PROBLEMS.iter().any(|r| problem.starts_with(r));
    let problem_line = e.location().map_or(0, |l| l.line().saturating_sub(1));
    let line = if problem_line != 0 {
        if parser {
            problem_line
        } else {
            problem_line + 1
        }
    } else {
        // ", while scanning a quoted scalar at line L column C": the context mark.
        text.split(", while ")
            .nth(1)
            .and_then(|c| c.split(" at line ").nth(1))
            .and_then(|l| l.split(' ').next())
            .and_then(|l| l.parse::<usize>().ok())
            .map_or(0, |l| l.saturating_sub(1))
    };
    if line == 0 {
        format!("yaml: {problem}")
    } else {
        format!("yaml: line {line}: {problem}")
    }
}

/// The pieces of a YAML stream as kubectl's YAMLReader cuts them: at lines that start with
/// `---` (only spaces or a comment may follow). `Err` ends the stream: a separator with text
/// after it.
fn yaml_pieces(text: &str, source: &str) -> Vec<Result<String, String>> {
    let mut pieces = Vec::new();
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                pieces.push(Err(format!(
                    "error: error parsing {source}: invalid Yaml document separator: {trimmed}"
                )));
                return pieces;
            }
            if !cur.is_empty() {
                pieces.push(Ok(std::mem::take(&mut cur)));
            }
            continue;
        }
        cur.push_str(line);
    }
    if !cur.is_empty() {
        pieces.push(Ok(cur));
    }
    pieces
}

/// A YAML (or JSON) text as one value, as `yaml.ToJSON` reads it (`kubectl patch -p`); the
/// error as go-yaml words it. An empty text is `null`.
pub fn yaml_value(text: &str) -> Result<Value, String> {
    match serde_norway::Deserializer::from_str(text)
        .next()
        .map(Value::deserialize)
    {
        None => Ok(Value::Null),
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(yaml_error(&e)),
    }
}

/// The documents of a YAML (or JSON) text in order, as kubectl's stream decoder reads them:
/// each piece between `---` lines parses on its own (error lines count from the piece's first
/// line), a `List` expands into its items, empty pieces are skipped, and reading stops at the
/// first piece that does not parse (the documents before it still count). Documents that are
/// not objects are kept: [`validate_doc`] and [`decode_doc`] word their errors.
pub fn read_documents(text: &str, source: &str) -> Vec<Result<Doc, String>> {
    if text.trim_start().starts_with('{') {
        return json_documents(text, source);
    }
    let mut out = Vec::new();
    for piece in yaml_pieces(text, source) {
        let piece = match piece {
            Ok(p) => p,
            Err(e) => {
                out.push(Err(e));
                break;
            }
        };
        let value = match serde_norway::Deserializer::from_str(&piece)
            .next()
            .map(Value::deserialize)
        {
            None => continue,
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                out.push(Err(format!(
                    "error: error parsing {source}: error converting YAML to JSON: {}",
                    yaml_error(&e)
                )));
                break;
            }
        };
        push_value(&mut out, value, source, None);
    }
    out
}

/// One decoded document: nothing for null, a List's items, or the document itself.
fn push_value(out: &mut Vec<Result<Doc, String>>, value: Value, source: &str, raw: Option<String>) {
    if value.is_null() {
        return;
    }
    // A List expands into its items.
    let is_list = value
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|k| k == "List" || k.ends_with("List"))
        && value.get("items").is_some();
    if is_list {
        for item in value
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            out.push(Ok(Doc {
                source: source.to_string(),
                object: item,
                raw: None,
            }));
        }
        return;
    }
    out.push(Ok(Doc {
        source: source.to_string(),
        object: value,
        raw,
    }));
}

/// Go's `quoteChar` (encoding/json): how a syntax error names the character.
fn go_quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        '\t' => "'\\t'".into(),
        '\n' => "'\\n'".into(),
        '\r' => "'\\r'".into(),
        c if (c as u32) < 0x20 => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

/// A JSON syntax error the way Go's decoder words it (`json: offset N: invalid character ...`,
/// or `unexpected EOF`), from serde_json's error and the text.
pub(crate) fn go_json_error(text: &str, e: &serde_json::Error) -> String {
    if e.is_eof() {
        return "unexpected EOF".into();
    }
    // serde_json's line and column (1-based, in bytes) point at the offending character.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let at = line_start + e.column().saturating_sub(1);
    let c = text.get(at..).and_then(|t| t.chars().next()).unwrap_or(' ');
    let what = e.to_string();
    let context = if what.starts_with("key must be a string") {
        "looking for beginning of object key string".to_string()
    } else if what.starts_with("trailing comma") {
        if c == '}' {
            "looking for beginning of object key string".to_string()
        } else {
            "looking for beginning of value".to_string()
        }
    } else if what.starts_with("expected `:`") {
        "after object key".to_string()
    } else if what.starts_with("expected `,` or `}`") {
        "after object key:value pair".to_string()
    } else if what.starts_with("expected `,` or `]`") {
        "after array element".to_string()
    } else if what.starts_with("control character") {
        "in string literal".to_string()
    } else if what.starts_with("invalid escape") {
        "in string escape code".to_string()
    } else if what.starts_with("invalid number") {
        "in numeric literal".to_string()
    } else if what.starts_with("expected ident") {
        // `tru}`: which literal, and the letter it needed where it broke.
        let before = text.get(..at).unwrap_or("");
        let start = before
            .rfind(|ch: char| !ch.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let typed = before.get(start..).unwrap_or("");
        let literal = ["true", "false", "null"]
            .into_iter()
            .find(|l| typed.chars().next() == l.chars().next())
            .unwrap_or("null");
        let expecting = literal.chars().nth(typed.len()).unwrap_or('e');
        format!(
            "in literal {literal} (expecting {})",
            go_quote_char(expecting)
        )
    } else {
        "looking for beginning of value".to_string()
    };
    format!(
        "json: offset {}: invalid character {} {context}",
        at + c.len_utf8(),
        go_quote_char(c)
    )
}

/// A JSON stream (the text starts with `{`): kubectl's YAMLOrJSONDecoder reads it with Go's
/// JSON decoder, value after value, and stops at the first that does not parse.
fn json_documents(text: &str, source: &str) -> Vec<Result<Doc, String>> {
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => break,
            Some(Ok(value)) => {
                let raw = text
                    .get(start..stream.byte_offset())
                    .unwrap_or("")
                    .trim()
                    .to_string();
                push_value(&mut out, value, source, Some(raw));
            }
            Some(Err(e)) => {
                out.push(Err(format!(
                    "error: error parsing {source}: {}",
                    go_json_error(text, &e)
                )));
                break;
            }
        }
    }
    out
}

/// Every document of a text, or the first error (for commands that stop at any error).
pub fn parse_documents(text: &str, source: &str) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    for d in read_documents(text, source) {
        let d = d?;
        decode_doc(&d)?;
        docs.push(d);
    }
    Ok(docs)
}

/// A document that is not an object, as the unstructured decoder refuses it.
pub fn decode_doc(d: &Doc) -> Result<(), String> {
    if d.object.is_object() {
        if d.object
            .get("kind")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            let json = d
                .raw
                .clone()
                .unwrap_or_else(|| serde_json::to_string(&d.object).unwrap_or_default());
            return Err(format!(
                "error: unable to decode \"{}\": Object 'Kind' is missing in '{json}'",
                d.source
            ));
        }
        return Ok(());
    }
    Err(format!(
        "error: unable to decode \"{}\": json: cannot unmarshal {} into Go value of type unstructured.detector",
        d.source,
        cluster::object::json_kind(&d.object)
    ))
}

/// Checks `apiVersion` and `kind` as kubectl's client-side validation does.
pub fn validate_doc(d: &Doc) -> Result<(), String> {
    if !d.object.is_object() {
        return Err(format!("error: error validating \"{}\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false", d.source));
    }
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

/// The texts `-f` names (a file, a folder's .yaml/.yml/.json files, `-` for standard input),
/// each with the name kubectl gives it in messages. `Err` is what kubectl stops at before
/// sending anything (a path that does not exist).
pub fn sources(
    cx: &Cx,
    stdin: &str,
    filename: &str,
    recursive: bool,
) -> Result<Vec<(String, String)>, String> {
    if filename == "-" {
        return Ok(vec![("STDIN".into(), stdin.to_string())]);
    }
    if filename.starts_with("http://") || filename.starts_with("https://") {
        return Err(format!("error: unable to read URL \"{filename}\", server reported 404 Not Found, status code=404"));
    }
    match cx.fs.stat(filename) {
        None => Err(format!("error: the path \"{filename}\" does not exist")),
        Some(Node::File(text)) => Ok(vec![(filename.to_string(), text.clone())]),
        Some(Node::Dir) => {
            let mut out = Vec::new();
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
                out.push((shown, text.to_string()));
            }
            Ok(out)
        }
    }
}

/// Reads `-f` into documents, in order; the first error of any kind ends it.
pub fn read_objects_from(
    cx: &Cx,
    stdin: &str,
    filename: &str,
    recursive: bool,
) -> Result<Vec<Doc>, String> {
    let mut docs = Vec::new();
    let is_dir = matches!(cx.fs.stat(filename), Some(Node::Dir));
    for (source, text) in sources(cx, stdin, filename, recursive)? {
        docs.extend(parse_documents(&text, &source)?);
    }
    if is_dir && docs.is_empty() {
        return Err("error: no objects passed to apply".to_string());
    }
    Ok(docs)
}

/// [`read_objects_from`] without standard input.
pub fn read_objects(cx: &Cx, filename: &str, recursive: bool) -> Result<Vec<Doc>, String> {
    read_objects_from(cx, "", filename, recursive)
}

/// An error kubectl collects while it goes on with the other documents.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// A client-side error, worded as printed alone (`error: ...`).
    Client(String),
    /// The API server refused a request about a document.
    Api {
        /// The refusal.
        error: ApiError,
        /// `creating`, `patching`.
        verb: &'static str,
        /// The document's source.
        source: String,
    },
}

impl Failure {
    /// The text when it is the only error.
    fn alone(&self) -> String {
        match self {
            Failure::Client(m) => m.clone(),
            Failure::Api {
                error,
                verb,
                source,
            } => super::apply::source_error(error, verb, source),
        }
    }

    /// The text in a list of several (cmdutil.MultipleErrors: no `error: ` prefix, and an
    /// invalid object reads as the server's status, not as kubectl's field list).
    fn in_list(&self) -> String {
        match self {
            Failure::Client(m) => m.strip_prefix("error: ").unwrap_or(m).to_string(),
            Failure::Api {
                error: ApiError::Storage(m),
                verb,
                source,
            } => format!("Error from server: error when {verb} \"{source}\": {m}"),
            Failure::Api {
                error,
                verb,
                source,
            } => format!(
                "Error from server ({}): error when {verb} \"{source}\": {error}",
                error.reason()
            ),
        }
    }
}

/// Prints what was collected as kubectl's CheckErr prints an aggregate (one error as it is,
/// several one per line); the exit status.
pub fn report(io: &mut Io, failures: &[Failure]) -> i32 {
    match failures {
        [] => 0,
        [one] => {
            io.eprintln(one.alone());
            1
        }
        many => {
            for f in many {
                io.eprintln(f.in_list());
            }
            1
        }
    }
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
