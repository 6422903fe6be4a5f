//! A `metav1.LabelSelector` read once from its JSON, then matched against many label sets
//! without reading the JSON again (a ReplicaSet sync matches every pod of its namespace).

use crate::object::{self, Labels};
use serde_json::Value;

/// One `matchExpressions` requirement.
#[derive(Clone, Debug, PartialEq)]
enum Requirement {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
    /// An operator apimachinery rejects: matches nothing.
    Invalid,
}

/// A label selector: `matchLabels` and `matchExpressions`, all of which must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelector {
    match_labels: Labels,
    expressions: Vec<Requirement>,
}

impl LabelSelector {
    /// The selector of a `metav1.LabelSelector` value (`None` or `null`: the empty selector,
    /// which matches everything).
    pub fn of(selector: Option<&Value>) -> LabelSelector {
        let Some(sel) = selector else {
            return LabelSelector::default();
        };
        let expressions = object::array_at(sel, &["matchExpressions"])
            .iter()
            .map(|e| {
                let key = object::str_at(e, &["key"]).unwrap_or("").to_string();
                let values = || {
                    object::array_at(e, &["values"])
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                };
                match object::str_at(e, &["operator"]).unwrap_or("") {
                    "In" => Requirement::In(key, values()),
                    "NotIn" => Requirement::NotIn(key, values()),
                    "Exists" => Requirement::Exists(key),
                    "DoesNotExist" => Requirement::DoesNotExist(key),
                    _ => Requirement::Invalid,
                }
            })
            .collect();
        LabelSelector {
            match_labels: object::string_map(sel, &["matchLabels"]),
            expressions,
        }
    }

    /// Whether `labels` satisfy the selector.
    pub fn matches(&self, labels: &Labels) -> bool {
        object::selector_matches(&self.match_labels, labels)
            && self.expressions.iter().all(|r| match r {
                Requirement::In(k, vs) => labels.get(k).is_some_and(|h| vs.contains(h)),
                Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|h| !vs.contains(h)),
                Requirement::Exists(k) => labels.contains_key(k),
                Requirement::DoesNotExist(k) => !labels.contains_key(k),
                Requirement::Invalid => false,
            })
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

    #[test]
    fn matches_like_apimachinery() {
        let sets = [
            labels(&[("app", "web")]),
            labels(&[("app", "web"), ("tier", "front")]),
            labels(&[("app", "db")]),
            labels(&[]),
        ];
        // Each selector, and whether it matches each of `sets` in turn.
        let cases = [
            (
                json!({"matchLabels": {"app": "web"}}),
                [true, true, false, false],
            ),
            (
                json!({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}),
                [true, false, false, false],
            ),
            (
                json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["db", "web"]}]}),
                [true, true, true, false],
            ),
            (
                json!({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}),
                [false, false, true, true],
            ),
            (
                json!({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}),
                [false, true, false, false],
            ),
            (
                json!({"matchExpressions": [{"key": "app", "operator": "Near"}]}),
                [false, false, false, false],
            ),
            (json!({}), [true, true, true, true]),
            (json!(null), [true, true, true, true]),
        ];
        for (sel, want) in &cases {
            let compiled = LabelSelector::of(Some(sel));
            for (l, want) in sets.iter().zip(want) {
                assert_eq!(compiled.matches(l), *want, "{sel} against {l:?}");
                assert_eq!(
                    object::label_selector_matches(sel, l),
                    *want,
                    "{sel} against {l:?}"
                );
            }
        }
        assert!(LabelSelector::of(None).matches(&labels(&[("a", "b")])));
    }
}
