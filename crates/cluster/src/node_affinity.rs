//! Required node affinity (`spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`):
//! the nodes a pod may go to, as kube-scheduler's NodeAffinity filter and the DaemonSet
//! controller read it (component-helpers' `nodeaffinity`): the terms are ORed, the
//! requirements of a term ANDed, and an empty term matches no node.

use crate::object::{self, Labels};
use serde_json::Value;

/// Whether a node (its name and labels) satisfies a pod spec's required node affinity; a spec
/// without one allows every node.
pub fn allows(spec: &Value, node: &str, labels: &Labels) -> bool {
    Required::of(spec).is_none_or(|r| r.allows(node, labels))
}

/// A pod spec's required node affinity, read once for the many nodes it is tested against (the
/// scheduler tests every node for every pod: reading the spec's JSON each time was a tenth of
/// scaling to 2,000 pods on 100 nodes).
#[derive(Debug)]
pub struct Required<'a> {
    /// The terms, ORed.
    terms: Vec<Term<'a>>,
}

/// One `NodeSelectorTerm`: its requirements, ANDed.
#[derive(Debug)]
struct Term<'a> {
    expressions: Vec<Requirement<'a>>,
    /// `matchFields`: `None` when one names a field other than `metadata.name` or an operator
    /// other than In/NotIn, which no node matches.
    fields: Option<Vec<Requirement<'a>>>,
}

/// One `NodeSelectorRequirement`.
#[derive(Debug)]
struct Requirement<'a> {
    key: &'a str,
    operator: &'a str,
    values: Vec<&'a str>,
}

impl<'a> Requirement<'a> {
    fn of(r: &'a Value) -> Requirement<'a> {
        Requirement {
            key: object::str_at(r, &["key"]).unwrap_or(""),
            operator: object::str_at(r, &["operator"]).unwrap_or(""),
            values: object::array_at(r, &["values"])
                .iter()
                .filter_map(Value::as_str)
                .collect(),
        }
    }
}

impl<'a> Required<'a> {
    /// The spec's required node affinity; `None` when it has none (every node will do).
    pub fn of(spec: &'a Value) -> Option<Required<'a>> {
        let required = object::get(
            spec,
            &[
                "affinity",
                "nodeAffinity",
                "requiredDuringSchedulingIgnoredDuringExecution",
            ],
        )?;
        let terms = object::array_at(required, &["nodeSelectorTerms"])
            .iter()
            .map(|term| Term {
                expressions: object::array_at(term, &["matchExpressions"])
                    .iter()
                    .map(Requirement::of)
                    .collect(),
                fields: object::array_at(term, &["matchFields"])
                    .iter()
                    .map(|r| {
                        // Only `metadata.name` is a field a node can be selected by.
                        let r = Requirement::of(r);
                        (r.key == "metadata.name" && matches!(r.operator, "In" | "NotIn"))
                            .then_some(r)
                    })
                    .collect(),
            })
            .collect();
        Some(Required { terms })
    }

    /// Whether a node (its name and labels) satisfies it.
    pub fn allows(&self, node: &str, labels: &Labels) -> bool {
        self.terms.iter().any(|term| term.matches(node, labels))
    }
}

impl Term<'_> {
    fn matches(&self, node: &str, labels: &Labels) -> bool {
        let Some(fields) = &self.fields else {
            return false;
        };
        // An empty term matches no node.
        if self.expressions.is_empty() && fields.is_empty() {
            return false;
        }
        self.expressions
            .iter()
            .all(|r| r.matches(labels.get(r.key).map(String::as_str)))
            && fields.iter().all(|r| r.matches(Some(node)))
    }
}

impl Requirement<'_> {
    /// The requirement against the node's value for its key (`None`: no such label).
    fn matches(&self, value: Option<&str>) -> bool {
        let number = |v: &str| v.parse::<i64>().ok();
        match self.operator {
            "In" => value.is_some_and(|v| self.values.contains(&v)),
            "NotIn" => value.is_none_or(|v| !self.values.contains(&v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            op @ ("Gt" | "Lt") => match (value.and_then(number), self.values.as_slice()) {
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
