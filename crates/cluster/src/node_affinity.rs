//! Required node affinity (`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`):
//! the nodes a pod may go to, as kube-scheduler's NodeAffinity filter and the DaemonSet
//! controller read it (component-helpers' `nodeaffinity`): the terms are ORed, the
//! requirements of a term ANDed, and an empty term matches no node.

use crate::object::{self, Labels};
use serde_json::Value;

/// Whether a node (its name and labels) satisfies a pod spec's required node affinity; a spec
/// without one allows every node.
pub fn allows(spec: &Value, node: &str, labels: &Labels) -> bool {
    let Some(required) =
        spec.pointer("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution")
    else {
        return true;
    };
    object::array_at(required, &["nodeSelectorTerms"])
        .iter()
        .any(|term| term_matches(term, node, labels))
}

fn term_matches(term: &Value, node: &str, labels: &Labels) -> bool {
    let expressions = object::array_at(term, &["matchExpressions"]);
    let fields = object::array_at(term, &["matchFields"]);
    if expressions.is_empty() && fields.is_empty() {
        return false;
    }
    expressions
        .iter()
        .all(|r| requirement_matches(r, labels.get(object::str_at(r, &["key"]).unwrap_or(""))))
        && fields.iter().all(|r| {
            // Only `metadata.name` is a field a node can be selected by.
            object::str_at(r, &["key"]) == Some("metadata.name")
                && matches!(object::str_at(r, &["operator"]), Some("In" | "NotIn"))
                && requirement_matches(r, Some(&node.to_string()))
        })
}

/// One `NodeSelectorRequirement` against the node's value for its key (`None`: no such label).
fn requirement_matches(r: &Value, value: Option<&String>) -> bool {
    let values: Vec<&str> = object::array_at(r, &["values"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let number = |v: &str| v.parse::<i64>().ok();
    match object::str_at(r, &["operator"]).unwrap_or("") {
        "In" => value.is_some_and(|v| values.contains(&v.as_str())),
        "NotIn" => value.is_none_or(|v| !values.contains(&v.as_str())),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        op @ ("Gt" | "Lt") => match (value.and_then(|v| number(v)), values.as_slice()) {
            (Some(have), [limit]) => number(limit).is_some_and(|limit| {
                if op == "Gt" {
                    have > limit
                } else {
                    have < limit
                }
            }),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn spec(terms: Value) -> Value {
        json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}}})
    }

    #[test]
    fn terms_are_ored_and_requirements_anded() {
        let node = labels(&[("disk", "ssd"), ("zone", "a"), ("cores", "8")]);
        let ssd_in_b = json!([{"matchExpressions": [
            {"key": "disk", "operator": "In", "values": ["ssd"]},
            {"key": "zone", "operator": "In", "values": ["b"]}]}]);
        assert!(!allows(&spec(ssd_in_b.clone()), "n1", &node));
        let mut either = ssd_in_b.as_array().unwrap().clone();
        either.push(
            json!({"matchExpressions": [{"key": "cores", "operator": "Gt", "values": ["4"]}]}),
        );
        assert!(allows(&spec(json!(either)), "n1", &node));
        // No affinity: any node.
        assert!(allows(&json!({}), "n1", &node));
        // An empty term matches no node.
        assert!(!allows(&spec(json!([{}])), "n1", &node));
    }

    #[test]
    fn operators_read_as_the_scheduler_reads_them() {
        let node = labels(&[("disk", "ssd"), ("cores", "8")]);
        let one = |r: Value| allows(&spec(json!([{"matchExpressions": [r]}])), "n1", &node);
        assert!(one(
            json!({"key": "gpu", "operator": "NotIn", "values": ["yes"]})
        ));
        assert!(!one(
            json!({"key": "disk", "operator": "NotIn", "values": ["ssd"]})
        ));
        assert!(one(json!({"key": "disk", "operator": "Exists"})));
        assert!(one(json!({"key": "gpu", "operator": "DoesNotExist"})));
        assert!(one(
            json!({"key": "cores", "operator": "Lt", "values": ["16"]})
        ));
        assert!(!one(
            json!({"key": "disk", "operator": "Gt", "values": ["1"]})
        ));
        let field = |op: &str| {
            allows(
                &spec(
                    json!([{"matchFields": [{"key": "metadata.name", "operator": op, "values": ["n1"]}]}]),
                ),
                "n1",
                &node,
            )
        };
        assert!(field("In"));
        assert!(!field("NotIn"));
    }
}
