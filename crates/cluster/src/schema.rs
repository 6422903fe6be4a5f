//! Structural checks of incoming objects against the API's types (strict field validation).

use crate::error::ApiError;
use serde_json::Value;

/// Checks the shape of an object of `kind` the way the API server's strict decoder does.
pub fn check(kind: &str, obj: &Value) -> Result<(), ApiError> {
    let bad = |field: &str, want: &str, got: &Value| {
        ApiError::BadRequest(format!(
            "{kind} in version \"{}\" cannot be handled as a {kind}: json: cannot unmarshal {} into Go struct field {kind}.{field} of type {want}",
            crate::object::str_at(obj, &["apiVersion"]).unwrap_or("v1").rsplit('/').next().unwrap_or("v1"),
            json_type(got)
        ))
    };
    if let Some(m) = obj.get("metadata") {
        if !m.is_object() {
            return Err(bad("metadata", "v1.ObjectMeta", m));
        }
    }
    Ok(())
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
