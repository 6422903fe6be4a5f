//! The patch `kubectl edit` sends: a two-way strategic merge patch from the object as it was
//! printed to the object as saved (lists of containers, ports, env... merged by their keys,
//! with `$setElementOrder` and `$patch: delete` as strategicpatch writes them), applied to the
//! object as it is now, so changes made meanwhile by controllers survive. Also Go's `%+v` and
//! `%#v` renderings of such maps, which some of kubectl's and the API server's errors quote.

use super::apply::merge_key;
use serde_json::{Map, Value};

const ORDER: &str = "$setElementOrder/";

/// kubectl's precondition failure (apiVersion, kind, metadata.name or managedFields changed).
pub const CHANGED_IDENTITY: &str = "At least one of apiVersion, kind and name was changed";

/// The merge key of a list whose items are all objects.
fn list_key(field: &str, items: &[Value]) -> Option<&'static str> {
    if items.is_empty() || !items.iter().all(Value::is_object) {
        return None;
    }
    merge_key(field, items)
}

/// A merge key's value as text, for sorting and matching.
fn key_of(item: &Value, key: &str) -> Option<String> {
    item.get(key).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// The two-way patch from `original` to `edited` (`CreateTwoWayMergePatch`).
pub fn two_way(original: &Value, edited: &Value) -> Map<String, Value> {
    let empty = Map::new();
    diff_maps(
        original.as_object().unwrap_or(&empty),
        edited.as_object().unwrap_or(&empty),
    )
}

fn diff_maps(original: &Map<String, Value>, edited: &Map<String, Value>) -> Map<String, Value> {
    let mut patch = Map::new();
    for (k, ev) in edited {
        let Some(ov) = original.get(k) else {
            patch.insert(k.clone(), ev.clone());
            continue;
        };
        if ov == ev {
            continue;
        }
        match (ov, ev) {
            (Value::Object(om), Value::Object(em)) => {
                let d = diff_maps(om, em);
                if !d.is_empty() {
                    patch.insert(k.clone(), Value::Object(d));
                }
            }
            (Value::Array(oa), Value::Array(ea)) => {
                match list_key(k, ea).or_else(|| list_key(k, oa)) {
                    Some(key) => diff_list(k, key, oa, ea, &mut patch),
                    None => {
                        patch.insert(k.clone(), ev.clone());
                    }
                }
            }
            _ => {
                patch.insert(k.clone(), ev.clone());
            }
        }
    }
    for k in original.keys() {
        if !edited.contains_key(k) {
            patch.insert(k.clone(), Value::Null);
        }
    }
    patch
}

/// A list merged by `key`: changed and new items, deletions, and the new order.
fn diff_list(
    field: &str,
    key: &str,
    original: &[Value],
    edited: &[Value],
    patch: &mut Map<String, Value>,
) {
    let mut items: Vec<(String, Value)> = Vec::new();
    for e in edited {
        let id = key_of(e, key);
        let before = original
            .iter()
            .find(|o| id.is_some() && key_of(o, key) == id);
        match (before, e.as_object()) {
            (Some(o), Some(em)) if o != e => {
                let empty = Map::new();
                let mut d = diff_maps(o.as_object().unwrap_or(&empty), em);
                if let Some(v) = e.get(key) {
                    d.insert(key.to_string(), v.clone());
                }
                items.push((id.unwrap_or_default(), Value::Object(d)));
            }
            (Some(_), _) => {}
            (None, _) => items.push((id.unwrap_or_default(), e.clone())),
        }
    }
    for o in original {
        let id = key_of(o, key);
        if !edited.iter().any(|e| key_of(e, key) == id) {
            let mut del = Map::new();
            del.insert("$patch".into(), Value::String("delete".into()));
            if let Some(v) = o.get(key) {
                del.insert(key.to_string(), v.clone());
            }
            items.push((id.unwrap_or_default(), Value::Object(del)));
        }
    }
    cluster::sort::sort_by(&mut items, |a, b| a.0.cmp(&b.0));
    let order: Vec<Value> = edited
        .iter()
        .filter_map(|e| {
            e.get(key).map(|v| {
                let mut m = Map::new();
                m.insert(key.to_string(), v.clone());
                Value::Object(m)
            })
        })
        .collect();
    patch.insert(format!("{ORDER}{field}"), Value::Array(order));
    if !items.is_empty() {
        patch.insert(
            field.to_string(),
            Value::Array(items.into_iter().map(|(_, v)| v).collect()),
        );
    }
}

/// Whether the patch changes what identifies the object (kubectl's preconditions).
pub fn changes_identity(patch: &Map<String, Value>) -> bool {
    patch.contains_key("apiVersion")
        || patch.contains_key("kind")
        || patch.contains_key("managedFields")
        || patch
            .get("metadata")
            .and_then(Value::as_object)
            .is_some_and(|m| m.contains_key("name") || m.contains_key("managedFields"))
}

/// A value from a patch with its directives and nulls removed (a new item or map).
fn clean(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| !k.starts_with('$') && !v.is_null())
                .map(|(k, v)| (k.clone(), clean(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(clean).collect()),
        other => other.clone(),
    }
}

/// The object `live` with `patch` applied (`StrategicMergeMapPatch`).
pub fn apply(live: &Value, patch: &Map<String, Value>) -> Value {
    let mut out = live.as_object().cloned().unwrap_or_default();
    let mut orders: Vec<(&str, &Value)> = Vec::new();
    for (k, pv) in patch {
        if let Some(field) = k.strip_prefix(ORDER) {
            orders.push((field, pv));
            continue;
        }
        match pv {
            Value::Null => {
                out.remove(k);
            }
            Value::Object(pm) => {
                let current = out.get(k).cloned().unwrap_or(Value::Null);
                out.insert(k.clone(), apply(&current, pm));
            }
            Value::Array(items) => {
                let merged = match (list_key(k, items), out.get(k)) {
                    (Some(key), Some(Value::Array(current))) => merge_list(key, current, items),
                    _ => clean(pv),
                };
                out.insert(k.clone(), merged);
            }
            other => {
                out.insert(k.clone(), other.clone());
            }
        }
    }
    for (field, order) in orders {
        if let Some(Value::Array(list)) = out.get(field).cloned() {
            out.insert(field.to_string(), reorder(list, order));
        }
    }
    Value::Object(out)
}

fn merge_list(key: &str, current: &[Value], items: &[Value]) -> Value {
    let mut out: Vec<Value> = current.to_vec();
    for item in items {
        let id = key_of(item, key);
        let at = out
            .iter()
            .position(|c| id.is_some() && key_of(c, key) == id);
        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match (at, delete, item.as_object()) {
            (Some(i), true, _) => {
                out.remove(i);
            }
            (Some(i), false, Some(m)) => {
                if let Some(slot) = out.get_mut(i) {
                    *slot = apply(slot, m);
                }
            }
            (None, false, _) => out.push(clean(item)),
            _ => {}
        }
    }
    Value::Array(out)
}

/// Puts the items named in `order` first, in that order, the others after them.
fn reorder(list: Vec<Value>, order: &Value) -> Value {
    let Some(order) = order.as_array() else {
        return Value::Array(list);
    };
    let mut rest = list;
    let mut out = Vec::new();
    for o in order {
        let Some((k, v)) = o.as_object().and_then(|m| m.iter().next()) else {
            continue;
        };
        if let Some(i) = rest.iter().position(|item| item.get(k) == Some(v)) {
            out.push(rest.remove(i));
        }
    }
    out.extend(rest);
    Value::Array(out)
}

/// Go's `%v` of a JSON number as decoded with ints preserved.
fn go_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f != 0.0 && (f.abs() >= 1e21 || f.abs() < 1e-4) {
        // Go switches to %e for large and small exponents.
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
                format!("{m}e{sign}{digits:0>2}")
            }
            None => s,
        }
    } else {
        f.to_string()
    }
}

/// Go's `%+v` of a decoded JSON value (`map[a:1 b:[x y]]`).
pub fn go_plus_v(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(go_plus_v).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            cluster::sort::sort(&mut keys);
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k}:{}", m.get(k).map(go_plus_v).unwrap_or_default()))
                .collect();
            format!("map[{}]", inner.join(" "))
        }
    }
}

/// Go's `%#v` of a decoded JSON value (`map[string]interface {}{"a":1}`).
pub fn go_sharp_v(v: &Value) -> String {
    match v {
        Value::Null => "interface {}(nil)".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_number(n),
        Value::String(s) => super::editor::go_quote(s),
        Value::Array(a) => format!(
            "[]interface {{}}{{{}}}",
            a.iter().map(go_sharp_v).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            cluster::sort::sort(&mut keys);
            let inner: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        super::editor::go_quote(k),
                        m.get(k).map(go_sharp_v).unwrap_or_default()
                    )
                })
                .collect();
            format!("map[string]interface {{}}{{{}}}", inner.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diffs_and_applies_two_ways() {
        let original = json!({"spec": {"replicas": 2, "paused": false, "template": {"spec": {"containers": [
            {"name": "a", "image": "x:1"}, {"name": "b", "image": "y:1"}]}}}});
        let edited = json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [
            {"name": "a", "image": "x:2"}]}}}});
        let patch = two_way(&original, &edited);
        assert_eq!(
            Value::Object(patch.clone()),
            json!({"spec": {"replicas": 3, "paused": null, "template": {"spec": {
                "$setElementOrder/containers": [{"name": "a"}],
                "containers": [{"name": "a", "image": "x:2"}, {"$patch": "delete", "name": "b"}]}}}})
        );
        // The live object has moved on (status, a defaulted field): that stays.
        let live = json!({"spec": {"replicas": 2, "paused": false, "template": {"spec": {"containers": [
            {"name": "a", "image": "x:1", "imagePullPolicy": "IfNotPresent"}, {"name": "b", "image": "y:1"}]}}},
            "status": {"replicas": 2}});
        assert_eq!(
            apply(&live, &patch),
            json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [
                {"name": "a", "image": "x:2", "imagePullPolicy": "IfNotPresent"}]}}},
                "status": {"replicas": 2}})
        );
        assert!(!changes_identity(&patch));
        assert!(changes_identity(&two_way(
            &json!({"metadata": {"name": "a"}}),
            &json!({"metadata": {"name": "b"}})
        )));
    }

    #[test]
    fn renders_like_go() {
        let v = json!({"spec": {"foo": 1, "bar": [true, null, "x", 0.5]}});
        assert_eq!(go_plus_v(&v), "map[spec:map[bar:[true <nil> x 0.5] foo:1]]");
        assert_eq!(
            go_sharp_v(&json!({"b": "x", "a": [1]})),
            "map[string]interface {}{\"a\":[]interface {}{1}, \"b\":\"x\"}"
        );
        assert_eq!(
            go_number(&serde_json::Number::from_f64(1e21).unwrap()),
            "1e+21"
        );
    }
}
