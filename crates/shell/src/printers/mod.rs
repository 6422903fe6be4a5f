//! kubectl's printers: tables, `-o name|yaml|json|jsonpath|custom-columns`.

pub mod columns;
pub mod custom_columns;
pub mod json;
pub mod jsonpath;
pub mod table;
pub mod typed_json;
pub mod yaml;

use cluster::kind::ResourceType;
use cluster::object::{self, Object};
use serde_json::{json, Value};

/// An `-o` output format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// The default table (`wide` adds the priority columns).
    Table {
        /// `-o wide`.
        wide: bool,
    },
    /// `-o name`.
    Name,
    /// `-o yaml`.
    Yaml,
    /// `-o json`.
    Json,
    /// `-o jsonpath=TEMPLATE`.
    JsonPath(String),
    /// `-o custom-columns=SPEC`.
    CustomColumns(String),
}

const ALLOWED: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

impl OutputFormat {
    /// Parses `-o`; `Err` is kubectl's message.
    pub fn parse(o: Option<&str>) -> Result<OutputFormat, String> {
        let Some(o) = o else {
            return Ok(OutputFormat::Table { wide: false });
        };
        let (name, arg) = match o.split_once('=') {
            Some((n, a)) => (n, Some(a)),
            None => (o, None),
        };
        match (name, arg) {
            ("", _) => Ok(OutputFormat::Table { wide: false }),
            ("wide", None) => Ok(OutputFormat::Table { wide: true }),
            ("name", None) => Ok(OutputFormat::Name),
            ("yaml", None) => Ok(OutputFormat::Yaml),
            ("json", None) => Ok(OutputFormat::Json),
            ("jsonpath", Some(t)) => Ok(OutputFormat::JsonPath(t.to_string())),
            ("custom-columns", Some(t)) => Ok(OutputFormat::CustomColumns(t.to_string())),
            ("jsonpath" | "custom-columns", None) => Err(format!("error: {name} template format specified but no template given")),
            _ => Err(format!("error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: {ALLOWED}")),
        }
    }

    /// What kubectl's `PrintFlags.ToPrinter` checks when it builds the printer, which the
    /// generators (`create deployment`, `run`, `expose`, ...) do before they send anything: a
    /// jsonpath template parses, a custom-columns spec has columns. `Err` is kubectl's message.
    pub fn check(&self) -> Result<(), String> {
        match self {
            OutputFormat::JsonPath(t) => jsonpath::check(t),
            OutputFormat::CustomColumns(spec) => custom_columns::check(spec),
            _ => Ok(()),
        }
    }
}

/// The `List` kubectl wraps several objects in.
pub fn list_of(objs: &[&Object]) -> Value {
    json!({
        "apiVersion": "v1",
        "items": objs.iter().map(|o| (*o).clone()).collect::<Vec<_>>(),
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    })
}

/// Prints objects in a non-table format; `single` prints the object itself rather than a List.
pub fn print_objects(
    format: &OutputFormat,
    objs: &[&Object],
    single: bool,
    types: &[&ResourceType],
    no_headers: bool,
) -> Result<String, String> {
    // The List wrapper (a deep copy) is built only for the formats that print it.
    let data = || match (single, objs.first()) {
        (true, Some(o)) => (*o).clone(),
        _ => list_of(objs),
    };
    match format {
        OutputFormat::Table { .. } => Ok(String::new()),
        OutputFormat::Name => Ok(objs
            .iter()
            .map(|o| {
                let rt = types
                    .iter()
                    .find(|r| r.kind == object::kind(o))
                    .copied()
                    .or_else(|| cluster::kind::by_kind(object::kind(o)));
                match rt {
                    Some(rt) => format!("{}/{}\n", rt.qualified_kind_lower(), object::name(o)),
                    None => format!(
                        "{}/{}\n",
                        object::kind(o).to_ascii_lowercase(),
                        object::name(o)
                    ),
                }
            })
            .collect()),
        OutputFormat::Yaml => yaml::try_to_yaml(&data()),
        OutputFormat::Json => Ok(json::to_json(&data())),
        OutputFormat::JsonPath(t) => jsonpath::render(t, &data()),
        OutputFormat::CustomColumns(spec) => custom_columns::render(spec, objs, no_headers),
    }
}

/// YAML as kubectl prints it.
pub fn to_yaml(v: &Value) -> String {
    yaml::to_yaml(v)
}

/// JSON as kubectl prints it (four-space indent, Go's escaping).
pub fn to_json(v: &Value) -> String {
    json::to_json(v)
}

/// `--sort-by` with a simple `{.a.b}` / `.a.b` path.
pub fn sort_by_jsonpath(objs: &mut [&Object], key: &str) {
    let path: Vec<String> = key
        .trim_start_matches('{')
        .trim_end_matches('}')
        .trim_start_matches('.')
        .split('.')
        .map(str::to_string)
        .collect();
    let get = |o: &Object| -> (u8, f64, String) {
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        match object::get(o, &refs) {
            Some(Value::Number(n)) => (0, n.as_f64().unwrap_or(0.0), String::new()),
            Some(Value::String(s)) => (1, 0.0, s.clone()),
            Some(other) => (1, 0.0, other.to_string()),
            None => (2, 0.0, String::new()),
        }
    };
    cluster::sort::sort_by(objs, |a, b| {
        let (ka, kb) = (get(a), get(b));
        ka.0.cmp(&kb.0)
            .then(ka.1.partial_cmp(&kb.1).unwrap_or(std::cmp::Ordering::Equal))
            .then(ka.2.cmp(&kb.2))
    });
}
