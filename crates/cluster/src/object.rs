//! Objects are stored unstructured, as the API server stores them: a JSON value per object.
//! These helpers read and write fields by path without ever panicking.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A stored Kubernetes object (`apiVersion`, `kind`, `metadata`, ...).
pub type Object = Value;

/// Labels, annotations and selectors: sorted string maps.
pub type Labels = BTreeMap<String, String>;

/// The value at `path`, if every step exists.
pub fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut cur = v;
    for key in path {
        cur = cur.as_object()?.get(*key)?;
    }
    Some(cur)
}

/// The string at `path`.
pub fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    get(v, path)?.as_str()
}

/// The integer at `path`.
pub fn i64_at(v: &Value, path: &[&str]) -> Option<i64> {
    get(v, path)?.as_i64()
}

/// The array at `path`, or an empty slice.
pub fn array_at<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    get(v, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The object at `path`, creating empty objects on the way (replacing non-objects).
pub fn object_mut<'a>(v: &'a mut Value, path: &[&str]) -> &'a mut Map<String, Value> {
    let mut cur = v;
    for key in path {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let map = match cur {
            Value::Object(m) => m,
            _ => unreachable_map(),
        };
        // Looked up before inserting: most steps exist, and a key is an allocation.
        if !map.contains_key(*key) {
            map.insert((*key).to_string(), Value::Null);
        }
        cur = match map.get_mut(*key) {
            Some(next) => next,
            None => unreachable_map(),
        };
    }
    if !cur.is_object() {
        *cur = Value::Object(Map::new());
    }
    match cur {
        Value::Object(m) => m,
        _ => unreachable_map(),
    }
}

// `object_mut` has just made the value an object, or inserted the key; this keeps the match
// exhaustive without a panic.
#[allow(clippy::panic)]
fn unreachable_map() -> ! {
    panic!("value was just made an object")
}

/// Sets the value at `path` (the last element is the key), creating parents.
pub fn set(v: &mut Value, path: &[&str], value: Value) {
    if let Some((last, parents)) = path.split_last() {
        object_mut(v, parents).insert(last.to_string(), value);
    }
}

/// Removes the value at `path`.
pub fn remove(v: &mut Value, path: &[&str]) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let mut cur = v;
    for key in parents {
        cur = cur.as_object_mut()?.get_mut(*key)?;
    }
    cur.as_object_mut()?.remove(*last)
}

/// `metadata.name`.
pub fn name(v: &Value) -> &str {
    str_at(v, &["metadata", "name"]).unwrap_or("")
}

/// `metadata.namespace` (empty for cluster-scoped objects).
pub fn namespace(v: &Value) -> &str {
    str_at(v, &["metadata", "namespace"]).unwrap_or("")
}

/// `metadata.uid`.
pub fn uid(v: &Value) -> &str {
    str_at(v, &["metadata", "uid"]).unwrap_or("")
}

/// `kind`.
pub fn kind(v: &Value) -> &str {
    str_at(v, &["kind"]).unwrap_or("")
}

/// A string map at `path` (labels, annotations, selectors, data).
pub fn string_map(v: &Value, path: &[&str]) -> Labels {
    get(v, path)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// `metadata.labels`.
pub fn labels(v: &Value) -> Labels {
    string_map(v, &["metadata", "labels"])
}

/// Whether `metadata.deletionTimestamp` is set.
pub fn is_terminating(v: &Value) -> bool {
    get(v, &["metadata", "deletionTimestamp"]).is_some_and(|t| !t.is_null())
}

/// The controller owner reference (`controller: true`): (kind, name, uid).
pub fn controller_of(v: &Value) -> Option<(&str, &str, &str)> {
    array_at(v, &["metadata", "ownerReferences"])
        .iter()
        .find(|r| r.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|r| {
            (
                r.get("kind").and_then(Value::as_str).unwrap_or(""),
                r.get("name").and_then(Value::as_str).unwrap_or(""),
                r.get("uid").and_then(Value::as_str).unwrap_or(""),
            )
        })
}

/// Whether `labels` satisfy every `key=value` of an equality selector.
pub fn selector_matches(selector: &Labels, labels: &Labels) -> bool {
    selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// A `metav1.LabelSelector` (`matchLabels` and `matchExpressions`) against labels, read from
/// its JSON for this one match ([`LabelSelector`] keeps it for many).
///
/// [`LabelSelector`]: crate::selector::LabelSelector
pub fn label_selector_matches(selector: &Value, labels: &Labels) -> bool {
    crate::selector::LabelSelector::of(Some(selector)).matches(labels)
}

/// An equality selector against an object's `metadata.labels`, without copying them.
pub fn selector_matches_obj(selector: &Labels, obj: &Value) -> bool {
    let labels = get(obj, &["metadata", "labels"]).and_then(Value::as_object);
    selector
        .iter()
        .all(|(k, v)| labels.and_then(|l| l.get(k)).and_then(Value::as_str) == Some(v.as_str()))
}

/// A `metav1.LabelSelector` against an object's labels, copying them only for expressions.
pub fn label_selector_matches_obj(selector: &Value, obj: &Value) -> bool {
    if array_at(selector, &["matchExpressions"]).is_empty() {
        let labels = get(obj, &["metadata", "labels"]).and_then(Value::as_object);
        return get(selector, &["matchLabels"])
            .and_then(Value::as_object)
            .is_none_or(|m| {
                m.iter()
                    .all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
            });
    }
    label_selector_matches(selector, &self::labels(obj))
}

/// The word Go's `encoding/json` uses for a JSON value of a type it cannot decode into
/// (`json: cannot unmarshal array into ...`).
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `k=v,k2=v2` in key order: `labels.FormatLabels` (`<none>` when empty).
pub fn format_labels(labels: &Labels) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A JSON object of these fields, moved in: `json!` copies every `Value` it is given (it
/// serializes it again), which the kubelet's and the event recorder's writes cannot afford.
pub fn fields<const N: usize>(fields: [(&str, Value); N]) -> Value {
    fields_of(&mut fields.into_iter().rev())
}

// One compiled body for every field count. The fields come last first: a map searches each of
// its nodes from the start, so a key smaller than all before it is placed at the first
// comparison (in the written, sorted order each key was compared with every one before it).
fn fields_of(fields: &mut dyn Iterator<Item = (&str, Value)>) -> Value {
    let mut map = Map::new();
    for (k, v) in fields {
        map.insert(k.to_string(), v);
    }
    Value::Object(map)
}

/// A JSON string value.
pub fn s(v: impl Into<String>) -> Value {
    Value::String(v.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_and_write_without_panics() {
        let mut v = json!({"metadata": {"name": "web", "labels": {"app": "web"}}, "spec": 3});
        assert_eq!(name(&v), "web");
        assert_eq!(labels(&v).get("app").map(String::as_str), Some("web"));
        set(&mut v, &["spec", "replicas"], json!(2));
        assert_eq!(i64_at(&v, &["spec", "replicas"]), Some(2));
        assert_eq!(remove(&mut v, &["nope", "x"]), None);
        assert_eq!(str_at(&v, &["metadata", "name", "deeper"]), None);
    }

    #[test]
    fn selectors_match_like_apimachinery() {
        let labels: Labels = [("app".to_string(), "web".to_string())].into();
        let sel = json!({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]});
        assert!(label_selector_matches(&sel, &labels));
        let sel = json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["db"]}]});
        assert!(!label_selector_matches(&sel, &labels));
        assert_eq!(format_labels(&labels), "app=web");
        assert_eq!(format_labels(&Labels::new()), "<none>");
    }
}
