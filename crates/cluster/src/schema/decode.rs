//! A walk of an object that reproduces what `sigs.k8s.io/json`'s strict decoder (Go's
//! `encoding/json` with case-sensitive names and unknown fields collected) reports when it
//! decodes the object into the Go types of Kubernetes v1.32.
//!
//! Order: the decoder reads the document in order; here objects are `serde_json` maps, whose
//! keys come sorted. That is also the order kubectl sends: it holds manifests as unstructured
//! `map[string]interface{}` and Go's `json.Marshal` writes map keys sorted, so the API server
//! reads the fields of every object alphabetically, and which type error comes first, and the
//! order of the unknown fields, match.

use super::golang;
use super::{FieldType, Schema, Ty};
use serde_json::{Map, Value};

/// At most this many strict errors are kept (`saveStrictError`).
const MAX_STRICT_ERRORS: usize = 100;

/// The decoding error of a whole object, if any: the text after `cannot be handled as a Kind: `.
pub(super) fn decode(schema: &Schema, root: usize, obj: &Value) -> Result<(), String> {
    let mut d = Decoder {
        schema,
        ctx_struct: None,
        field_stack: Vec::new(),
        strict_path: String::new(),
        saved: None,
        unknown: Vec::new(),
    };
    let root = FieldType {
        ty: Ty::Struct(root),
        go: None,
    };
    // An error from a type's own UnmarshalJSON ends decoding and wins over everything.
    d.value(&root, obj)?;
    if let Some(saved) = d.saved {
        return Err(saved);
    }
    if !d.unknown.is_empty() {
        return Err(format!("strict decoding error: {}", d.unknown.join(", ")));
    }
    Ok(())
}

/// The decoder's state (`decodeState`).
struct Decoder<'s, 'v> {
    schema: &'s Schema,
    /// `errorContext.Struct`: the innermost struct whose field is being decoded.
    ctx_struct: Option<&'s str>,
    /// `errorContext.FieldStack`: the struct fields from the root (map keys and indexes not).
    field_stack: Vec<&'v str>,
    /// `strictFieldStack`, joined: `spec.containers[0]`, map keys included.
    strict_path: String,
    /// `savedError`: the first type error.
    saved: Option<String>,
    /// `savedStrictErrors`.
    unknown: Vec<String>,
}

impl<'s, 'v> Decoder<'s, 'v> {
    /// `UnmarshalTypeError.Error()` with the current error context (`addErrorContext`).
    fn type_error(&self, value: &str, go_type: &str) -> String {
        if self.ctx_struct.is_some() || !self.field_stack.is_empty() {
            format!(
                "json: cannot unmarshal {value} into Go struct field {}.{} of type {go_type}",
                self.ctx_struct.unwrap_or(""),
                self.field_stack.join(".")
            )
        } else {
            format!("json: cannot unmarshal {value} into Go value of type {go_type}")
        }
    }

    /// `saveError`: only the first error is kept.
    fn save(&mut self, err: String) {
        if self.saved.is_none() {
            self.saved = Some(err);
        }
    }

    /// Decodes one value into a field type; `Err` is a fatal error (from an `UnmarshalJSON`).
    fn value(&mut self, f: &'s FieldType, v: &'v Value) -> Result<(), String> {
        match (&f.ty, v) {
            // null leaves every Go value at its zero value; the UnmarshalJSON of quantities,
            // int-or-strings and timestamps accept it too.
            (_, Value::Null) | (Ty::Any, _) => Ok(()),
            (Ty::Quantity, _) => {
                let raw = match v {
                    Value::String(s) if golang::json_escapes(s) => "\\",
                    Value::String(s) => s.trim(),
                    Value::Number(n) => return quantity(&golang::number_text(n)),
                    Value::Bool(true) => "true",
                    Value::Bool(false) => "false",
                    Value::Array(_) => "[",
                    _ => "{",
                };
                quantity(raw)
            }
            (Ty::IntOrString, Value::String(_)) => Ok(()),
            // IntOrString.UnmarshalJSON: `json.Unmarshal(value, &intstr.IntVal)`, whose type
            // error the outer decoder then gives its context.
            (Ty::IntOrString, Value::Number(n)) => {
                let text = golang::number_text(n);
                if golang::fits_int(&text, 32) {
                    Ok(())
                } else {
                    Err(self.type_error(&format!("number {text}"), "int32"))
                }
            }
            (Ty::IntOrString, other) => {
                Err(self.type_error(crate::object::json_kind(other), "int32"))
            }
            // Time.UnmarshalJSON: `json.Unmarshal(b, &str)`, then `time.Parse`.
            (Ty::Time, Value::String(s)) => golang::parse_time(s, false),
            (Ty::MicroTime, Value::String(s)) => golang::parse_time(s, true),
            (Ty::Time | Ty::MicroTime, other) => {
                Err(self.type_error(crate::object::json_kind(other), "string"))
            }
            (Ty::Str, Value::String(_))
            | (Ty::Bool, Value::Bool(_))
            | (Ty::Float64, Value::Number(_)) => Ok(()),
            (Ty::Int32 | Ty::Int64, Value::Number(n)) => {
                let text = golang::number_text(n);
                let bits = if matches!(f.ty, Ty::Int32) { 32 } else { 64 };
                if !golang::fits_int(&text, bits) {
                    let err = self.type_error(&format!("number {text}"), &self.schema.go_name(f));
                    self.save(err);
                }
                Ok(())
            }
            (Ty::Bytes, Value::String(s)) => {
                if let Some(at) = golang::base64_error(s.as_bytes()) {
                    // base64.CorruptInputError: no Go struct context.
                    self.save(format!("illegal base64 data at input byte {at}"));
                }
                Ok(())
            }
            (Ty::Bytes, Value::Array(items)) => {
                // A JSON array decodes into a []byte element by element, as uint8 numbers.
                for item in items {
                    let err = match item {
                        Value::Null => None,
                        Value::Number(n) => {
                            let text = golang::number_text(n);
                            (!golang::fits_uint8(&text))
                                .then(|| self.type_error(&format!("number {text}"), "uint8"))
                        }
                        other => Some(self.type_error(crate::object::json_kind(other), "uint8")),
                    };
                    if let Some(err) = err {
                        self.save(err);
                    }
                }
                Ok(())
            }
            (Ty::Slice(inner), Value::Array(items)) => {
                let len = self.strict_path.len();
                for (i, item) in items.iter().enumerate() {
                    self.strict_path.push_str(&format!("[{i}]"));
                    self.value(inner, item)?;
                    self.strict_path.truncate(len);
                }
                Ok(())
            }
            (Ty::Map(inner), Value::Object(map)) => {
                let len = self.strict_path.len();
                for (key, item) in map {
                    self.push_strict_key(key);
                    self.value(inner, item)?;
                    self.strict_path.truncate(len);
                }
                Ok(())
            }
            (Ty::Struct(i), Value::Object(map)) => self.structure(*i, map),
            (_, other) => {
                let err = self.type_error(crate::object::json_kind(other), &self.schema.go_name(f));
                self.save(err);
                Ok(())
            }
        }
    }

    /// `appendStrictFieldStackKey`.
    fn push_strict_key(&mut self, key: &str) {
        if !self.strict_path.is_empty() {
            self.strict_path.push('.');
        }
        self.strict_path.push_str(key);
    }

    /// Decodes a JSON object into a struct.
    fn structure(&mut self, index: usize, map: &'v Map<String, Value>) -> Result<(), String> {
        let Some(t) = self.schema.types.get(index) else {
            return Ok(());
        };
        let (ctx, depth, len) = (
            self.ctx_struct,
            self.field_stack.len(),
            self.strict_path.len(),
        );
        for (key, item) in map {
            match t.field(key) {
                Some(f) => {
                    self.field_stack.push(key);
                    self.ctx_struct = Some(&t.short);
                    self.push_strict_key(key);
                    // On a fatal error the context stays as it is, as Go's does: the caller
                    // has already worded the error with it.
                    self.value(f, item)?;
                    self.field_stack.truncate(depth);
                    self.ctx_struct = ctx;
                    self.strict_path.truncate(len);
                }
                None => {
                    // The value of an unknown field is skipped, unknown fields inside it too.
                    let path = if self.strict_path.is_empty() {
                        key.clone()
                    } else {
                        format!("{}.{key}", self.strict_path)
                    };
                    let err = format!("unknown field {}", golang::strconv_quote(&path));
                    if self.unknown.len() < MAX_STRICT_ERRORS && !self.unknown.contains(&err) {
                        self.unknown.push(err);
                    }
                }
            }
        }
        Ok(())
    }
}

/// `Quantity.UnmarshalJSON`: `ParseQuantity` of the raw JSON text, quotes removed.
fn quantity(raw: &str) -> Result<(), String> {
    golang::parse_quantity(raw.trim()).map_err(str::to_string)
}
