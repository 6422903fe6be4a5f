//! `kubectl explain`: kubectl v1.32's default `plaintext` output, which renders the server's
//! OpenAPI v3 document with the Go template `pkg/explain/v2/templates/plaintext.tmpl` of
//! kubernetes/kubectl (v0.32.4). The template is ported function by function below; the
//! document it walks is rebuilt from kubeplay's schema data in the shapes kube-openapi gives it
//! (a struct field is `{"allOf": [{"$ref": ...}], "description": ...}`, an array's items and a
//! map's values are the element's schema, `Time` is a `string`, `Quantity` and `IntOrString`
//! have no `type` so they print by name).
//!
//! The field descriptions (`crates/cluster/data/explain-v1.32.json`, 370 kB) are not compiled
//! into the browser build, nor fetched at load: the first `kubectl explain` asks for them
//! ([`wanted`]) and waits, as kubectl waits for the API server's OpenAPI document; the page
//! fetches the file and hands it to [`install`], or reports that the fetch failed
//! ([`unavailable`]), which the command then says. With the cargo feature `embedded-explain`
//! (the CLI turns it on) the file is compiled in and installed on first use. Inside `$(...)`,
//! where nothing waits, a missing document is kubectl's answer for an OpenAPI endpoint not
//! ready yet (`Error from server (ServiceUnavailable): ...`). The type graph
//! comes from `schema-v1.32.json`, which the cluster crate already compiles in for validation
//! (identical constants are merged by the release build's LTO).

use super::flags::{switch, value, Flag};
use super::parse_flags;
use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::kind::{ResourceType, RESOURCE_TYPES};
use cluster::Time;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// The type graph: struct types, their fields' types and required fields.
const SCHEMA: &str = include_str!("../../../cluster/data/schema-v1.32.json");

/// The descriptions, compiled in only with the `embedded-explain` feature.
#[cfg(feature = "embedded-explain")]
const EMBEDDED: &str = include_str!("../../../cluster/data/explain-v1.32.json");

static DOCS: OnceLock<Docs> = OnceLock::new();

/// Why the documentation will not come (the page's fetch failed), once that is known.
static FAILED: OnceLock<String> = OnceLock::new();

/// Set when a `kubectl explain` waits for the documentation.
static WANTED: AtomicBool = AtomicBool::new(false);

/// Whether a `kubectl explain` is waiting for the documentation: the page fetches it then.
pub fn wanted() -> bool {
    WANTED.load(Ordering::Relaxed) && !installed() && FAILED.get().is_none()
}

/// A `kubectl explain` waiting for the documentation to be installed or to fail.
struct AwaitDocs {
    args: Vec<String>,
}

impl Waiter for AwaitDocs {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        if !installed() && FAILED.get().is_none() && cx.may_block {
            return None;
        }
        match run(cx, &self.args, io) {
            Run::Done(status) => Some(status),
            // Nothing more to wait for: the documentation is there or will not come.
            Run::Wait(_) => Some(1),
        }
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        Some(cluster.now().plus(super::help::RECHECK_MS))
    }
}

/// Installs the API documentation (the text of `explain-v1.32.json`). Installing twice keeps
/// the first; an error says what is wrong with the data and installs nothing.
pub fn install(json: &str) -> Result<(), String> {
    if DOCS.get().is_some() {
        return Ok(());
    }
    let docs = Docs::parse(SCHEMA, json)?;
    let _ = DOCS.set(docs);
    Ok(())
}

/// Records that the documentation could not be loaded (`reason`, e.g. the URL and HTTP status):
/// `kubectl explain` then says so instead of waiting for it. Installing it later still works.
pub fn unavailable(reason: &str) {
    let _ = FAILED.set(reason.to_string());
}

/// What `kubectl explain` prints while the documentation is missing: kubectl's words for an
/// API server whose OpenAPI endpoint is not ready yet (real kubectl v1.32 against a server
/// answering `/openapi/v3` with 503), or the reason the page could not load it.
fn missing_message(failed: Option<&str>) -> String {
    match failed {
        None => {
            "Error from server (ServiceUnavailable): the server is currently unable to handle the request"
                .to_string()
        }
        Some(reason) => format!(
            "error: the API documentation could not be loaded ({reason}); reload the page to try again"
        ),
    }
}

/// Whether the documentation is there (installed, or compiled in).
pub fn installed() -> bool {
    docs().is_some()
}

fn docs() -> Option<&'static Docs> {
    #[cfg(feature = "embedded-explain")]
    if DOCS.get().is_none() {
        let _ = install(EMBEDDED);
    }
    DOCS.get()
}

/// The documentation of the API's types.
#[derive(Debug)]
struct Docs {
    /// (kind, apiVersion, type index).
    kinds: Vec<(String, String, usize)>,
    types: Vec<TypeDoc>,
}

#[derive(Debug)]
struct TypeDoc {
    /// The last part of the definition's name (`PodSpec`), as the template prints refs.
    short: String,
    description: String,
    /// Sorted by name, as Go templates range over maps.
    fields: Vec<FieldDoc>,
}

#[derive(Debug)]
struct FieldDoc {
    name: String,
    ty: Ty,
    description: String,
    required: bool,
    enums: Vec<String>,
}

#[derive(Debug)]
enum Ty {
    /// `string`, `integer`, `boolean`, `number`.
    Prim(&'static str),
    Leaf(Leaf),
    Struct(usize),
    Array(Box<Ty>),
    Map(Box<Ty>),
}

/// The definitions that are not structs, with their OpenAPI descriptions (Kubernetes v1.32).
#[derive(Clone, Copy, Debug)]
enum Leaf {
    Time,
    MicroTime,
    Quantity,
    IntOrString,
    RawExtension,
    FieldsV1,
}

impl Leaf {
    /// What the template's `typeGuess` prints: the type when the definition has one other than
    /// `object`, else the definition's name.
    fn type_guess(self) -> &'static str {
        match self {
            Leaf::Time | Leaf::MicroTime => "string",
            Leaf::Quantity => "Quantity",
            Leaf::IntOrString => "IntOrString",
            Leaf::RawExtension => "RawExtension",
            Leaf::FieldsV1 => "FieldsV1",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Leaf::Time => "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
            Leaf::MicroTime => "MicroTime is version of Time with microsecond level precision.",
            Leaf::IntOrString => "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
            Leaf::Quantity => QUANTITY,
            Leaf::RawExtension => RAW_EXTENSION,
            Leaf::FieldsV1 => "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
        }
    }
}

const QUANTITY: &str = "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.\n\nThe serialization format is:\n\n``` <quantity>        ::= <signedNumber><suffix>\n\n\t(Note that <suffix> may be empty, from the \"\" case in <decimalSI>.)\n\n<digit>           ::= 0 | 1 | ... | 9 <digits>          ::= <digit> | <digit><digits> <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits> <sign>            ::= \"+\" | \"-\" <signedNumber>    ::= <number> | <sign><number> <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI> <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei\n\n\t(International System of units; See: http://physics.nist.gov/cuu/Units/binary.html)\n\n<decimalSI>       ::= m | \"\" | k | M | G | T | P | E\n\n\t(Note that 1024 = 1Ki but 1000 = 1k; I didn't choose the capitalization.)\n\n<decimalExponent> ::= \"e\" <signedNumber> | \"E\" <signedNumber> ```\n\nNo matter which of the three exponent forms is used, no quantity may represent a number greater than 2^63-1 in magnitude, nor may it have more than 3 decimal places. Numbers larger or more precise will be capped or rounded up. (E.g.: 0.1m will rounded up to 1m.) This may be extended in the future if we require larger or smaller quantities.\n\nWhen a Quantity is parsed from a string, it will remember the type of suffix it had, and will use the same type again when it is serialized.\n\nBefore serializing, Quantity will be put in \"canonical form\". This means that Exponent/suffix will be adjusted up or down (with a corresponding increase or decrease in Mantissa) such that:\n\n- No precision is lost - No fractional digits will be emitted - The exponent (or suffix) is as large as possible.\n\nThe sign will be omitted unless the number is negative.\n\nExamples:\n\n- 1.5 will be serialized as \"1500m\" - 1.5Gi will be serialized as \"1536Mi\"\n\nNote that the quantity will NEVER be internally represented by a floating point number. That is the whole point of this exercise.\n\nNon-canonical values will still parse as long as they are well formed, but will be re-emitted in their canonical form. (So always use canonical form, or don't diff.)\n\nThis format is intended to make it difficult to use these numbers without writing some sort of special handling code in the hopes that that will cause implementors to also use a fixed point implementation.";

const RAW_EXTENSION: &str = "RawExtension is used to hold extensions in external versions.\n\nTo use this, make a field which has RawExtension as its type in your external, versioned struct, and Object in your internal struct. You also need to register your various plugin types.\n\n// Internal package:\n\n\ttype MyAPIObject struct {\n\t\truntime.TypeMeta `json:\",inline\"`\n\t\tMyPlugin runtime.Object `json:\"myPlugin\"`\n\t}\n\n\ttype PluginA struct {\n\t\tAOption string `json:\"aOption\"`\n\t}\n\n// External package:\n\n\ttype MyAPIObject struct {\n\t\truntime.TypeMeta `json:\",inline\"`\n\t\tMyPlugin runtime.RawExtension `json:\"myPlugin\"`\n\t}\n\n\ttype PluginA struct {\n\t\tAOption string `json:\"aOption\"`\n\t}\n\n// On the wire, the JSON will look something like this:\n\n\t{\n\t\t\"kind\":\"MyAPIObject\",\n\t\t\"apiVersion\":\"v1\",\n\t\t\"myPlugin\": {\n\t\t\t\"kind\":\"PluginA\",\n\t\t\t\"aOption\":\"foo\",\n\t\t},\n\t}\n\nSo what happens? Decode first uses json or yaml to unmarshal the serialized data into your external MyAPIObject. That causes the raw JSON to be stored, but not unpacked. The next step is to copy (using pkg/conversion) into the internal struct. The runtime package's DefaultScheme has conversion functions installed which will unpack the JSON stored in RawExtension, turning it into the correct object type, and storing it in the Object. (TODO: In the case where the object is of an unknown type, a runtime.Unknown object will be created and stored.)";

impl Docs {
    fn parse(schema: &str, explain: &str) -> Result<Docs, String> {
        let bad = |what: &str| format!("explain data: {what}");
        let schema: Value =
            serde_json::from_str(schema).map_err(|e| bad(&format!("schema: {e}")))?;
        let explain: Value = serde_json::from_str(explain).map_err(|e| bad(&e.to_string()))?;
        let raw = schema
            .get("types")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("no types in the schema"))?;
        let texts = explain
            .get("types")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("no types"))?;
        let count = raw.len();
        let mut types = Vec::with_capacity(count);
        for entry in raw {
            let name = entry
                .get(0)
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a type without a name"))?;
            let fields_raw = entry
                .get(1)
                .and_then(Value::as_object)
                .ok_or_else(|| bad(&format!("{name}: no fields")))?;
            let required: Vec<&str> = entry
                .get(2)
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let text = texts.get(name);
            let field_text = |f: &str| {
                text.and_then(|t| {
                    t.pointer(&format!("/f/{}", f.replace('~', "~0").replace('/', "~1")))
                })
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
            };
            let mut fields = Vec::with_capacity(fields_raw.len());
            for (field, desc) in fields_raw {
                let desc = desc
                    .as_str()
                    .ok_or_else(|| bad(&format!("{name}.{field}: no type")))?;
                let mut chars = desc.chars().peekable();
                let ty = parse_ty(&mut chars, count, field)
                    .ok_or_else(|| bad(&format!("{name}.{field}: bad type {desc:?}")))?;
                // The strict JSON schema pins apiVersion and kind to one value; the API
                // server's OpenAPI has no such enum.
                let enums = if field == "apiVersion" || field == "kind" {
                    Vec::new()
                } else {
                    text.and_then(|t| t.get("e"))
                        .and_then(|e| e.get(field))
                        .and_then(Value::as_array)
                        .map(|vs| {
                            vs.iter()
                                .map(|v| match v {
                                    Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                fields.push(FieldDoc {
                    name: field.clone(),
                    ty,
                    description: field_text(field),
                    required: required.contains(&field.as_str()),
                    enums,
                });
            }
            cluster::sort::sort_by(&mut fields, |a, b| a.name.cmp(&b.name));
            types.push(TypeDoc {
                short: name.rsplit('.').next().unwrap_or(name).to_string(),
                description: text
                    .and_then(|t| t.get("d"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                fields,
            });
        }
        let mut kinds = Vec::new();
        for (kind, v) in schema
            .get("kinds")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("no kinds"))?
        {
            let api_version = v.get(0).and_then(Value::as_str).unwrap_or("");
            let index = v
                .get(1)
                .and_then(Value::as_u64)
                .and_then(|i| usize::try_from(i).ok())
                .filter(|i| *i < count)
                .ok_or_else(|| bad(&format!("kind {kind}: bad type index")))?;
            kinds.push((kind.clone(), api_version.to_string(), index));
        }
        Ok(Docs { kinds, types })
    }

    fn kind(&self, kind: &str, api_version: &str) -> Option<usize> {
        self.kinds
            .iter()
            .find(|(k, v, _)| k == kind && v == api_version)
            .map(|(_, _, i)| *i)
    }
}

/// Parses one level of a type descriptor (format: `xtask/src/schema.rs`).
fn parse_ty(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    count: usize,
    field: &str,
) -> Option<Ty> {
    let token = chars.next()?;
    let mut index = String::new();
    if token == '@' {
        while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
            index.push(c);
            chars.next();
        }
    }
    if chars.peek() == Some(&'(') {
        // The Go type name: not needed here.
        for c in chars.by_ref() {
            if c == ')' {
                break;
            }
        }
    }
    Some(match token {
        's' | 'y' => Ty::Prim("string"),
        'b' => Ty::Prim("boolean"),
        'i' | 'l' => Ty::Prim("integer"),
        'd' => Ty::Prim("number"),
        't' => Ty::Leaf(Leaf::Time),
        'm' => Ty::Leaf(Leaf::MicroTime),
        'q' => Ty::Leaf(Leaf::Quantity),
        'n' => Ty::Leaf(Leaf::IntOrString),
        'x' if field == "fieldsV1" => Ty::Leaf(Leaf::FieldsV1),
        'x' => Ty::Leaf(Leaf::RawExtension),
        '@' => Ty::Struct(index.parse().ok().filter(|i| *i < count)?),
        '[' => Ty::Array(Box::new(parse_ty(chars, count, field)?)),
        '{' => Ty::Map(Box::new(parse_ty(chars, count, field)?)),
        _ => return None,
    })
}

// ---- The template's helper functions (pkg/explain/v2/funcs.go) ----

/// `wrap`: github.com/mitchellh/go-wordwrap v1.0.1 `WrapString`, widths in runes.
fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::with_capacity(s.len() + s.len() / lim.max(1));
    let mut current = 0usize;
    let (mut word, mut word_len) = (String::new(), 0usize);
    let (mut space, mut space_len) = (String::new(), 0usize);
    for ch in s.chars() {
        if ch == '\n' {
            // (go-wordwrap also updates its column here; the newline resets it anyway.)
            if word.is_empty() {
                if current + space_len <= lim {
                    buf.push_str(&space);
                }
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                word.clear();
                word_len = 0;
            }
            space.clear();
            space_len = 0;
            buf.push(ch);
            current = 0;
        } else if ch.is_whitespace() && ch != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                space_len = 0;
                word.clear();
                word_len = 0;
            }
            space.push(ch);
            space_len += 1;
        } else {
            word.push(ch);
            word_len += 1;
            if current + word_len + space_len > lim && word_len < lim {
                buf.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

/// `indent`: pads the first line and every line after a newline.
fn indent(amount: usize, s: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

// ---- The template (pkg/explain/v2/templates/plaintext.tmpl) ----

/// `typeGuess`.
fn type_guess(docs: &Docs, ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => (*p).to_string(),
        Ty::Leaf(l) => l.type_guess().to_string(),
        Ty::Struct(i) => docs
            .types
            .get(*i)
            .map_or_else(|| "Object".to_string(), |t| t.short.clone()),
        Ty::Array(t) => format!("[]{}", type_guess(docs, t)),
        Ty::Map(t) => format!("map[string]{}", type_guess(docs, t)),
    }
}

/// `description` for the schema of a type reached through a field: the referenced type's
/// description, through array items and map values.
fn ty_description(docs: &Docs, ty: &Ty) -> String {
    let line = |d: &str| {
        if d.is_empty() {
            String::new()
        } else {
            format!("{d}\n")
        }
    };
    match ty {
        Ty::Prim(_) => String::new(),
        Ty::Leaf(l) => line(l.description()),
        Ty::Struct(i) => docs
            .types
            .get(*i)
            .map(|t| line(&t.description))
            .unwrap_or_default(),
        Ty::Array(t) | Ty::Map(t) => ty_description(docs, t),
    }
}

/// `extractEnum`, short view (in a field list).
fn enum_short(f: &FieldDoc, indent_amount: usize) -> String {
    if f.enums.is_empty() {
        return String::new();
    }
    let mut s = format!("\n{}enum: ", " ".repeat(indent_amount));
    for (i, e) in f.enums.iter().enumerate() {
        if i >= 4 {
            s.push_str(", ....");
            break;
        }
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(if e.is_empty() { "\"\"" } else { e });
    }
    s
}

/// `extractEnum`, long view (under `FIELD:`).
fn enum_long(f: &FieldDoc) -> String {
    if f.enums.is_empty() {
        return String::new();
    }
    let mut s = "ENUM:".to_string();
    for e in &f.enums {
        s.push_str("\n    ");
        s.push_str(if e.is_empty() { "\"\"" } else { e });
    }
    s
}

/// `fieldDetail`.
fn field_detail(docs: &Docs, f: &FieldDoc, level: usize, short: bool) -> String {
    let ind = level * 2;
    let mut s = format!("{}\t<{}>", indent(ind, &f.name), type_guess(docs, &f.ty));
    if f.required {
        s.push_str(" -required-");
    }
    s.push_str(&enum_short(f, ind));
    s.push('\n');
    if !short {
        let desc = if f.description.is_empty() {
            "<no description>"
        } else {
            &f.description
        };
        s.push_str(&indent(ind + 2, &wrap(desc, 78usize.saturating_sub(ind))));
        s.push_str("\n\n");
    }
    s
}

/// `fieldList` over a struct's properties. `history` holds the refs followed so far.
fn field_list_struct(
    docs: &Docs,
    index: usize,
    level: usize,
    recursive: bool,
    history: &mut Vec<usize>,
) -> String {
    let mut s = String::new();
    for f in docs.types.get(index).map_or(&[][..], |t| &t.fields) {
        s.push_str(&field_detail(docs, f, level, recursive));
        if recursive {
            s.push_str(&field_list_ty(docs, &f.ty, level + 1, recursive, history));
        }
    }
    s
}

/// `fieldList` over a field's schema: through refs (stopping at a cycle), items and values.
fn field_list_ty(
    docs: &Docs,
    ty: &Ty,
    level: usize,
    recursive: bool,
    history: &mut Vec<usize>,
) -> String {
    match ty {
        Ty::Struct(i) if history.contains(i) => String::new(),
        Ty::Struct(i) => {
            history.push(*i);
            let s = field_list_struct(docs, *i, level, recursive, history);
            history.pop();
            s
        }
        Ty::Array(t) | Ty::Map(t) => field_list_ty(docs, t, level, recursive, history),
        Ty::Prim(_) | Ty::Leaf(_) => String::new(),
    }
}

/// The `DESCRIPTION:` and `FIELDS:` part of `output` when the field path is used up.
fn description_block(description: &str, fields: &str) -> String {
    let text = if description.is_empty() {
        "<empty>"
    } else {
        description
    };
    let mut s = format!("DESCRIPTION:\n{}\n", indent(4, &wrap(text, 76)));
    if !fields.is_empty() {
        s.push_str("FIELDS:\n");
        s.push_str(fields);
    }
    s
}

/// `output` at a struct (the kind's schema, or a ref reached along the path). Empty when the
/// path leads nowhere.
fn output_struct(docs: &Docs, index: usize, path: &[String], recursive: bool) -> String {
    let Some(t) = docs.types.get(index) else {
        return String::new();
    };
    let Some((first, rest)) = path.split_first() else {
        let desc = if t.description.is_empty() {
            String::new()
        } else {
            format!("{}\n", t.description)
        };
        let fields = field_list_struct(docs, index, 1, recursive, &mut Vec::new());
        return description_block(&desc, &fields);
    };
    let Some(f) = t
        .fields
        .binary_search_by(|f| f.name.as_str().cmp(first))
        .ok()
        .and_then(|i| t.fields.get(i))
    else {
        return String::new();
    };
    let mut s = String::new();
    if rest.is_empty() {
        s = format!(
            "FIELD: {first} <{}>\n{}\n\n",
            type_guess(docs, &f.ty),
            enum_long(f)
        );
    }
    s.push_str(&output_field(docs, f, rest, recursive));
    s
}

/// `output` at a field's schema.
fn output_field(docs: &Docs, f: &FieldDoc, path: &[String], recursive: bool) -> String {
    if path.is_empty() {
        let mut desc = String::new();
        if !f.description.is_empty() {
            desc.push_str(&f.description);
            desc.push('\n');
        }
        desc.push_str(&ty_description(docs, &f.ty));
        let mut history = Vec::new();
        if let (Ty::Struct(i), false) = (&f.ty, f.description.is_empty()) {
            // A described ref is wrapped in allOf, which puts the ref in the history.
            history.push(*i);
        }
        let fields = match &f.ty {
            Ty::Struct(i) => field_list_struct(docs, *i, 1, recursive, &mut history),
            other => field_list_ty(docs, other, 1, recursive, &mut history),
        };
        return description_block(&desc, &fields);
    }
    output_ty(docs, &f.ty, path, recursive)
}

/// `output` following items, map values and refs with path left.
fn output_ty(docs: &Docs, ty: &Ty, path: &[String], recursive: bool) -> String {
    match ty {
        Ty::Struct(i) => output_struct(docs, *i, path, recursive),
        Ty::Array(t) | Ty::Map(t) => output_ty(docs, t, path, recursive),
        Ty::Prim(_) | Ty::Leaf(_) => String::new(),
    }
}

/// What the template prints for a kind: stdout, then the error it throws, if any (the header is
/// printed before the error, as the template writes as it goes).
fn render(
    docs: &Docs,
    rt: &ResourceType,
    group: &str,
    version: &str,
    path: &[String],
    recursive: bool,
) -> (String, Option<String>) {
    let mut out = String::new();
    if !group.is_empty() {
        out.push_str(&format!("GROUP:      {group}\n"));
    }
    out.push_str(&format!(
        "KIND:       {}\nVERSION:    {version}\n\n",
        rt.kind
    ));
    let api_version = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    let Some(index) = docs.kind(rt.kind, &api_version) else {
        return (
            out,
            Some(format!(
                "error: GVK map[group:{group} kind:{} version:{version}] not found in OpenAPI schema",
                rt.kind
            )),
        );
    };
    let body = output_struct(docs, index, path, recursive);
    if body.is_empty() {
        let last = path.last().map_or("", String::as_str);
        return (out, Some(format!("error: field \"{last}\" does not exist")));
    }
    out.push_str(&body);
    out.push('\n');
    (out, None)
}

// ---- The command (pkg/cmd/explain/explain.go, pkg/explain/explain.go) ----

const FLAGS: &[Flag] = &[
    switch("recursive", None),
    value("api-version", None),
    value("output", Some('o')),
];

/// A node of the JSONPath `{.<arg>}` kubectl parses the argument as.
#[derive(Debug, PartialEq)]
enum Node {
    Field(String),
    /// `..`, or anything that is not a plain field.
    Other,
}

/// kubectl's `jsonPathParse`: `{.` + text + `}` with one trailing dot removed.
fn jsonpath_nodes(text: &str) -> Vec<Node> {
    let text = text.strip_suffix('.').unwrap_or(text);
    let full = format!(".{text}");
    let mut nodes = Vec::new();
    let mut rest = full.as_str();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("..") {
            nodes.push(Node::Other);
            rest = r;
            continue;
        }
        let r = rest.strip_prefix('.').unwrap_or(rest);
        let end = r.find('.').unwrap_or(r.len());
        let name = r.get(..end).unwrap_or("");
        if name.is_empty() && r.is_empty() {
            break;
        }
        if name
            .chars()
            .any(|c| c.is_whitespace() || "[]{}*,()|'\"$@=?!<>\\".contains(c))
        {
            nodes.push(Node::Other);
        } else {
            nodes.push(Node::Field(name.to_string()));
        }
        rest = r.get(end..).unwrap_or("");
    }
    nodes
}

fn fields_of(nodes: &[Node]) -> Result<Vec<String>, String> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Field(f) => Ok(f.clone()),
            Node::Other => {
                Err("error: invalid jsonpath syntax, first node must be field node".into())
            }
        })
        .collect()
}

/// The resource types a name can mean, highest priority first (the RESTMapper's
/// `ResourcesFor` after kubectl's short-name expansion).
fn resources_for(name: &str) -> Vec<&'static ResourceType> {
    let lower = name.to_ascii_lowercase();
    RESOURCE_TYPES
        .iter()
        .filter(|r| {
            r.plural == lower || r.singular == lower || r.short_names.contains(&lower.as_str())
        })
        .collect()
}

/// The group/versions the API server serves documents for.
fn served(group: &str, version: &str) -> bool {
    RESOURCE_TYPES
        .iter()
        .any(|r| r.group == group && r.version == version)
        || matches!(
            (group, version),
            ("autoscaling", "v1") | ("flowcontrol.apiserver.k8s.io", "v1beta3")
        )
}

/// What kubectl resolved the argument to.
struct Request {
    rt: &'static ResourceType,
    group: String,
    version: String,
    path: Vec<String>,
}

fn resolve(arg: &str, api_version: Option<&str>) -> Result<Request, String> {
    let nodes = jsonpath_nodes(arg);
    let Some(Node::Field(first)) = nodes.first() else {
        return Err("error: invalid jsonpath syntax, first node must be field node".into());
    };
    let gvrs = resources_for(first);
    let Some(top) = gvrs.first() else {
        return Err(format!(
            "the server doesn't have a resource type \"{}\"",
            first.to_ascii_lowercase()
        ));
    };
    if let Some(av) = api_version {
        let path = nodes
            .get(1..)
            .unwrap_or(&[])
            .iter()
            .map(|n| match n {
                Node::Field(f) => Ok(f.clone()),
                Node::Other => {
                    Err("error: invalid jsonpath syntax, all nodes must be field nodes".to_string())
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let (group, version) = match av.split('/').collect::<Vec<_>>().as_slice() {
            [v] => (String::new(), (*v).to_string()),
            [g, v] => ((*g).to_string(), (*v).to_string()),
            _ => return Err(format!("error: unexpected GroupVersion string: {av}")),
        };
        return Ok(Request {
            rt: top,
            group,
            version,
            path,
        });
    }
    for rt in &gvrs {
        if let Some(suffix) = arg.strip_prefix(rt.qualified_plural().as_str()) {
            let path = if suffix.is_empty() {
                Vec::new()
            } else {
                fields_of(jsonpath_nodes(suffix).get(1..).unwrap_or(&[]))?
            };
            return Ok(Request {
                rt,
                group: rt.group.to_string(),
                version: rt.version.to_string(),
                path,
            });
        }
    }
    Ok(Request {
        rt: top,
        group: top.group.to_string(),
        version: top.version.to_string(),
        path: fields_of(nodes.get(1..).unwrap_or(&[]))?,
    })
}

/// Runs `kubectl explain`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "explain", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    match p.args.as_slice() {
        [] => {
            io.eprintln("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.");
            return Run::Done(1);
        }
        [_] => {}
        _ => {
            io.eprintln("error: We accept only this format: explain RESOURCE");
            return Run::Done(1);
        }
    }
    let arg = p.args.first().map_or("", String::as_str);
    let req = match resolve(arg, p.get("api-version").filter(|v| !v.is_empty())) {
        Ok(r) => r,
        Err(e) => {
            io.eprintln(e);
            return Run::Done(1);
        }
    };
    let format = p.get("output").unwrap_or("plaintext");
    let Some(docs) = docs() else {
        let failed = FAILED.get().map(String::as_str);
        if failed.is_none() && cx.may_block {
            WANTED.store(true, Ordering::Relaxed);
            return Run::Wait(Box::new(AwaitDocs {
                args: args.to_vec(),
            }));
        }
        io.eprintln(missing_message(failed));
        return Run::Done(1);
    };
    let gvr = format!("{}/{}, Resource={}", req.group, req.version, req.rt.plural);
    if format == "plaintext-openapiv2" {
        io.eprintln("error: --output=plaintext-openapiv2 is not available in this lab; use the default output");
        return Run::Done(1);
    }
    if !served(&req.group, &req.version) {
        io.eprintln(format!("error: couldn't find resource for \"{gvr}\""));
        return Run::Done(1);
    }
    if format != "plaintext" {
        io.eprintln(format!("error: unrecognized format: {format}"));
        return Run::Done(1);
    }
    let Some(rt) = RESOURCE_TYPES
        .iter()
        .find(|r| r.group == req.group && r.version == req.version && r.plural == req.rt.plural)
    else {
        io.eprintln(format!("error: GVR ({gvr}) not found in OpenAPI schema"));
        return Run::Done(1);
    };
    let (out, err) = render(
        docs,
        rt,
        &req.group,
        &req.version,
        &req.path,
        p.on("recursive"),
    );
    io.print(out);
    match err {
        Some(e) => {
            io.eprintln(e);
            Run::Done(1)
        }
        None => Run::Done(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    fn docs() -> &'static Docs {
        let _ = install(include_str!("../../../cluster/data/explain-v1.32.json"));
        #[allow(clippy::expect_used)]
        DOCS.get().expect("installed")
    }

    /// Runs `kubectl explain ARGS` and returns stdout, then stderr lines marked `! `.
    fn explain(args: &str) -> String {
        let d = docs();
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        let p = match super::super::flags::parse(&args, FLAGS) {
            Ok(p) => p,
            Err(e) => return format!("! {}\n", e.message()),
        };
        let arg = p.args.first().cloned().unwrap_or_default();
        let req = match resolve(&arg, p.get("api-version")) {
            Ok(r) => r,
            Err(e) => return format!("! {e}\n"),
        };
        let Some(rt) = RESOURCE_TYPES.iter().find(|r| {
            r.group == req.group && r.version == req.version && r.plural == req.rt.plural
        }) else {
            return format!(
                "! error: GVR ({}/{}, Resource={}) not found in OpenAPI schema\n",
                req.group, req.version, req.rt.plural
            );
        };
        let (out, err) = render(
            d,
            rt,
            &req.group,
            &req.version,
            &req.path,
            p.on("recursive"),
        );
        match err {
            Some(e) => format!("{out}! {e}\n"),
            None => out,
        }
    }

    /// FNV-1a, to pin long outputs captured from the real kubectl.
    fn fnv(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn wraps_like_go_wordwrap() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("a\n\nb", 76), "a\n\nb");
        assert_eq!(wrap("  * 'kubernetes.io/h2c' - HTTP/2 x in https://www.rfc-editor.org/rfc/rfc9113.html#name-starting", 40),
            "  * 'kubernetes.io/h2c' - HTTP/2 x in\nhttps://www.rfc-editor.org/rfc/rfc9113.html#name-starting");
        assert_eq!(indent(4, "a\nb\n"), "    a\n    b\n    ");
    }

    #[test]
    fn data_has_no_cycles_and_parses() {
        let d = docs();
        assert!(d.types.len() > 300);
        assert!(d.kind("Pod", "v1").is_some());
    }

    #[test]
    fn pods_as_real_kubectl() {
        expect![[r#"
            KIND:       Pod
            VERSION:    v1

            DESCRIPTION:
                Pod is a collection of containers that can run on a host. This resource is
                created by clients and scheduled onto hosts.
                
            FIELDS:
              apiVersion	<string>
                APIVersion defines the versioned schema of this representation of an object.
                Servers should convert recognized schemas to the latest internal value, and
                may reject unrecognized values. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

              kind	<string>
                Kind is a string value representing the REST resource this object
                represents. Servers may infer this from the endpoint the client submits
                requests to. Cannot be updated. In CamelCase. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

              metadata	<ObjectMeta>
                Standard object's metadata. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

              spec	<PodSpec>
                Specification of the desired behavior of the pod. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

              status	<PodStatus>
                Most recently observed status of the pod. This data may not be up to date.
                Populated by the system. Read-only. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status


        "#]]
        .assert_eq(&explain("pods"));
    }

    #[test]
    fn a_field_as_real_kubectl() {
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            FIELD: replicas <integer>


            DESCRIPTION:
                Number of desired pods. This is a pointer to distinguish between explicit
                zero and not specified. Defaults to 1.
                

        "#]]
        .assert_eq(&explain("deployment.spec.replicas"));
        expect![[r#"
            KIND:       Service
            VERSION:    v1

            FIELD: targetPort <IntOrString>


            DESCRIPTION:
                Number or name of the port to access on the pods targeted by the service.
                Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If
                this is a string, it will be looked up as a named port in the target Pod's
                container ports. If this is not specified, the value of the 'port' field is
                used (an identity map). This field is ignored for services with
                clusterIP=None, and should be omitted or set equal to the 'port' field. More
                info:
                https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
                IntOrString is a type that can hold an int32 or a string.  When used in JSON
                or YAML marshalling and unmarshalling, it produces or consumes the inner
                type.  This allows you to have, for example, a JSON field that can accept a
                name or number.
                

        "#]]
        .assert_eq(&explain("svc.spec.ports.targetPort"));
    }

    #[test]
    fn missing_docs_worded_as_kubectl_or_the_failure() {
        // Real kubectl v1.32 when the server answers /openapi/v3 with 503.
        expect![[r#"Error from server (ServiceUnavailable): the server is currently unable to handle the request"#]]
            .assert_eq(&missing_message(None));
        expect![[r#"error: the API documentation could not be loaded (data/explain-v1.32.json: HTTP 404); reload the page to try again"#]]
            .assert_eq(&missing_message(Some("data/explain-v1.32.json: HTTP 404")));
    }

    #[test]
    fn errors_as_real_kubectl() {
        expect![[r#"
            ! the server doesn't have a resource type "foo"
        "#]]
        .assert_eq(&explain("foo"));
        expect![[r#"
            KIND:       Pod
            VERSION:    v1

            ! error: field "bar" does not exist
        "#]]
        .assert_eq(&explain("pods.spec.foo.bar"));
        expect![[r#"
            GROUP:      apps
            KIND:       Deployment
            VERSION:    v1

            ! error: field "apps" does not exist
        "#]]
        .assert_eq(&explain("deploy.apps"));
        expect![[r#"
            ! error: invalid jsonpath syntax, first node must be field node
        "#]]
        .assert_eq(&explain("pods.spec.containers[0]"));
        expect![[r#"
            KIND:       Event
            VERSION:    v1

            ! error: field "io" does not exist
        "#]]
        .assert_eq(&explain("events.events.k8s.io"));
        expect![[r#"
            ! error: GVR (/v1, Resource=deployments) not found in OpenAPI schema
        "#]]
        .assert_eq(&explain("deployments --api-version=v1"));
        expect![[r#"
            GROUP:      apiextensions.k8s.io
            KIND:       CustomResourceDefinition
            VERSION:    v1

            ! error: GVK map[group:apiextensions.k8s.io kind:CustomResourceDefinition version:v1] not found in OpenAPI schema
        "#]]
        .assert_eq(&explain("crd"));
    }

    /// Outputs captured from kubectl v1.32.4 against an API server serving this data as
    /// OpenAPI v3: (arguments, lines, FNV-1a of the bytes).
    #[test]
    fn long_outputs_match_real_kubectl() {
        for (args, lines, hash) in CAPTURED {
            let out = explain(args);
            assert_eq!((out.lines().count(), fnv(&out)), (*lines, *hash), "{args}");
        }
    }

    const CAPTURED: &[(&str, usize, u64)] = &[
        ("pods --recursive", 1292, 0x6611_902b_5570_e2a7),
        ("svc.spec.ports", 67, 0xc61c_c6be_418b_3901),
        ("deploy.spec --recursive", 1114, 0x8379_1058_bce5_7460),
        ("nodes --recursive", 123, 0x335f_c8fa_83ea_5df3),
        (
            "pod.spec.containers.resources.limits",
            69,
            0x243f_bdaa_aef4_b747,
        ),
        ("pods.spec.containers", 170, 0x9905_4f5f_df7b_47a5),
        ("pod.metadata.managedFields", 55, 0x4063_1b97_dada_9cda),
        ("hpa.spec", 46, 0x7536_84d3_3c4f_4a7c),
    ];
}
