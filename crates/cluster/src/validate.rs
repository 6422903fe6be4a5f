//! Semantic validation, worded as the API server's `field.ErrorList`.

use crate::error::FieldError;
use crate::object::{self, Labels};
use serde_json::Value;

const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/// Whether `s` is an RFC 1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters).
pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether `s` is an RFC 1123 subdomain (dot-separated labels, at most 253 characters).
pub fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && dns1123_subdomain_pattern(s)
}

/// A lowercase RFC 1123 subdomain's pattern, its length aside (validation reports the two
/// apart).
pub fn dns1123_subdomain_pattern(s: &str) -> bool {
    s.split('.').all(|label| {
        let b = label.as_bytes();
        !b.is_empty()
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// Whether `s` is a DNS-1035 label (starts with a letter).
pub fn is_dns1035_label(s: &str) -> bool {
    is_dns1123_label(s) && s.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
}

/// Checks a name for a kind; the messages are apimachinery's.
pub fn name(kind: &str, name: &str, field: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let quoted = format!("{name:?}");
    // apimachinery checks the length and the pattern separately and reports each that fails.
    let label_ok = |s: &str| {
        let b = s.as_bytes();
        !b.is_empty()
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
            && b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    };
    let subdomain_ok = |s: &str| s.split('.').all(label_ok);
    let (max, pattern_ok, message) = match kind {
        "Service" => (
            63,
            label_ok(name) && name.as_bytes().first().is_some_and(u8::is_ascii_lowercase),
            DNS1035_LABEL_MSG,
        ),
        "Namespace" => (63, label_ok(name), DNS1123_LABEL_MSG),
        _ => (253, subdomain_ok(name), DNS1123_SUBDOMAIN_MSG),
    };
    if name.len() > max {
        errs.push(FieldError::invalid(
            field,
            &quoted,
            &format!("must be no more than {max} characters"),
        ));
    }
    if !pattern_ok {
        // IsDNS1123Label: a valid subdomain that is not a label has dots.
        let message = if kind == "Namespace" && subdomain_ok(name) {
            "must not contain dots"
        } else {
            message
        };
        errs.push(FieldError::invalid(field, &quoted, message));
    }
    errs
}

/// Go's `%#v` of a `map[string]string`, as in selector-mismatch messages.
pub fn go_map(labels: &Labels) -> String {
    let inner = labels
        .iter()
        .map(|(k, v)| format!("{k:?}:{v:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("map[string]string{{{inner}}}")
}

/// Kind-specific checks of a defaulted object.
pub fn object(kind: &str, obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    labels_and_annotations(obj, &mut errs);
    match kind {
        "Pod" => {
            if let Some(spec) = obj.get("spec") {
                pod_spec(spec, "spec", &mut errs);
            } else {
                errs.push(FieldError::required("spec.containers", ""));
            }
        }
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => workload(kind, obj, &mut errs),
        "Service" => service(obj, &mut errs),
        "ConfigMap" | "Secret" => data_keys(obj, &mut errs),
        "Job" => job(obj, &mut errs),
        "CronJob" => cronjob(obj, &mut errs),
        _ => {}
    }
    errs
}

/// ValidateCronJob's: a schedule robfig/cron parses, and a Job template as a Job's.
fn cronjob(obj: &Value, errs: &mut Vec<FieldError>) {
    match object::str_at(obj, &["spec", "schedule"]) {
        None | Some("") => errs.push(FieldError::required("spec.schedule", "")),
        Some(s) => {
            if let Err(why) = crate::cron::parse(s) {
                errs.push(FieldError::invalid(
                    "spec.schedule",
                    &format!("{s:?}"),
                    &why,
                ));
            }
        }
    }
    job_template(
        object::get(obj, &["spec", "jobTemplate", "spec", "template", "spec"]),
        "spec.jobTemplate.spec.template.spec",
        errs,
    );
}

/// ValidateJob's checks on what the lab's Jobs use: the template's pod and restart policy.
fn job(obj: &Value, errs: &mut Vec<FieldError>) {
    job_template(
        object::get(obj, &["spec", "template", "spec"]),
        "spec.template.spec",
        errs,
    );
}

/// A Job's pod template (`path` is where it is): a valid pod that does not restart `Always`.
fn job_template(spec: Option<&Value>, path: &str, errs: &mut Vec<FieldError>) {
    let Some(spec) = spec else {
        errs.push(FieldError::required(format!("{path}.containers"), ""));
        return;
    };
    pod_spec(spec, path, errs);
    let policy = object::str_at(spec, &["restartPolicy"]).unwrap_or("");
    if policy != "OnFailure" && policy != "Never" {
        errs.push(FieldError::required(
            format!("{path}.restartPolicy"),
            "valid values: \"OnFailure\", \"Never\"",
        ));
    }
}

fn labels_and_annotations(obj: &Value, errs: &mut Vec<FieldError>) {
    for (k, v) in object::labels(obj) {
        if !is_qualified_name(&k) {
            errs.push(FieldError::invalid(
                "metadata.labels",
                &format!("{k:?}"),
                &format!("name part {QUALIFIED_NAME_RULE}"),
            ));
        }
        for why in label_value_errors(&v) {
            errs.push(FieldError::invalid(
                "metadata.labels",
                &format!("{v:?}"),
                why,
            ));
        }
    }
}

/// What a qualified name's name part must be (`IsQualifiedName`'s regex error).
pub const QUALIFIED_NAME_RULE: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/// `validation.IsValidLabelValue`'s messages for `v`, the length and the pattern apart (none:
/// a valid value).
pub fn label_value_errors(v: &str) -> Vec<&'static str> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters");
    }
    if !v.is_empty() && !name_part_pattern(v) {
        errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
    errs
}

/// A name part's pattern (a label key's name, a label value), its length aside.
pub fn name_part_pattern(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
}

fn is_name_part(s: &str) -> bool {
    s.len() <= 63 && name_part_pattern(s)
}

/// A label key: `[prefix/]name`.
pub fn is_qualified_name(s: &str) -> bool {
    match s.split_once('/') {
        Some((prefix, name)) => is_dns1123_subdomain(prefix) && is_name_part(name),
        None => is_name_part(s),
    }
}

/// A label value: empty, or like a name part.
pub fn is_label_value(s: &str) -> bool {
    s.is_empty() || is_name_part(s)
}

fn workload(kind: &str, obj: &Value, errs: &mut Vec<FieldError>) {
    let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
    if let Some(r) = spec.get("replicas") {
        if r.as_i64().is_some_and(|n| n < 0) {
            errs.push(FieldError::invalid(
                "spec.replicas",
                &r.to_string(),
                "must be greater than or equal to 0",
            ));
        }
    }
    let selector = spec.get("selector");
    let has_selector = selector.is_some_and(|s| {
        !object::string_map(s, &["matchLabels"]).is_empty()
            || !object::array_at(s, &["matchExpressions"]).is_empty()
    });
    if selector.is_none() {
        errs.push(FieldError::required("spec.selector", ""));
        // A nil selector selects nothing, so the template's labels cannot match it either.
        errs.push(FieldError::invalid(
            "spec.template.metadata.labels",
            &go_map(&object::string_map(
                &spec,
                &["template", "metadata", "labels"],
            )),
            "`selector` does not match template `labels`",
        ));
    } else if !has_selector {
        errs.push(FieldError::invalid(
            "spec.selector",
            "{\"matchLabels\":null,\"matchExpressions\":null}",
            "empty selector is invalid for deployment",
        ));
    }
    let template_labels = object::string_map(&spec, &["template", "metadata", "labels"]);
    if let Some(sel) = selector {
        if has_selector && !object::label_selector_matches(sel, &template_labels) {
            errs.push(FieldError::invalid(
                "spec.template.metadata.labels",
                &go_map(&template_labels),
                "`selector` does not match template `labels`",
            ));
        }
    }
    match object::get(&spec, &["template", "spec"]) {
        Some(pod) => pod_spec(pod, "spec.template.spec", errs),
        None => errs.push(FieldError::required("spec.template.spec.containers", "")),
    }
    if kind == "Deployment" || kind == "ReplicaSet" {
        let restart =
            object::str_at(&spec, &["template", "spec", "restartPolicy"]).unwrap_or("Always");
        if restart != "Always" {
            errs.push(FieldError::unsupported(
                "spec.template.spec.restartPolicy",
                restart,
                &["Always"],
            ));
        }
    }
    if kind == "StatefulSet" && spec.get("serviceName").and_then(Value::as_str).is_none() {
        // serviceName became optional in v1.31; nothing to check.
    }
}

fn pod_spec(spec: &Value, path: &str, errs: &mut Vec<FieldError>) {
    let containers = object::array_at(spec, &["containers"]);
    if containers.is_empty() {
        errs.push(FieldError::required(format!("{path}.containers"), ""));
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, c) in containers.iter().enumerate() {
        let at = format!("{path}.containers[{i}]");
        match object::str_at(c, &["name"]) {
            None | Some("") => errs.push(FieldError::required(format!("{at}.name"), "")),
            Some(n) => {
                if !is_dns1123_label(n) {
                    errs.push(FieldError::invalid(
                        format!("{at}.name"),
                        &format!("{n:?}"),
                        DNS1123_LABEL_MSG,
                    ));
                }
                if names.contains(&n) {
                    errs.push(FieldError::duplicate(
                        format!("{at}.name"),
                        &format!("{n:?}"),
                    ));
                }
                names.push(n);
            }
        }
        match object::str_at(c, &["image"]) {
            None | Some("") => errs.push(FieldError::required(format!("{at}.image"), "")),
            Some(img) if img.trim() != img => errs.push(FieldError::invalid(
                format!("{at}.image"),
                &format!("{img:?}"),
                "must not have leading or trailing whitespace",
            )),
            _ => {}
        }
        for (j, p) in object::array_at(c, &["ports"]).iter().enumerate() {
            if let Some(port) = p.get("containerPort").and_then(Value::as_i64) {
                if !(1..=65535).contains(&port) {
                    errs.push(FieldError::invalid(
                        format!("{at}.ports[{j}].containerPort"),
                        &port.to_string(),
                        "must be between 1 and 65535, inclusive",
                    ));
                }
            } else {
                errs.push(FieldError::required(
                    format!("{at}.ports[{j}].containerPort"),
                    "",
                ));
            }
        }
        if let Some(policy) = object::str_at(c, &["imagePullPolicy"]) {
            if !["Always", "IfNotPresent", "Never"].contains(&policy) {
                errs.push(FieldError::unsupported(
                    format!("{at}.imagePullPolicy"),
                    policy,
                    &["Always", "IfNotPresent", "Never"],
                ));
            }
        }
    }
    if let Some(policy) = object::str_at(spec, &["restartPolicy"]) {
        if !["Always", "OnFailure", "Never"].contains(&policy) {
            errs.push(FieldError::unsupported(
                format!("{path}.restartPolicy"),
                policy,
                &["Always", "OnFailure", "Never"],
            ));
        }
    }
}

fn service(obj: &Value, errs: &mut Vec<FieldError>) {
    let spec = obj.get("spec").cloned().unwrap_or(Value::Null);
    let kind = object::str_at(&spec, &["type"]).unwrap_or("ClusterIP");
    const TYPES: [&str; 4] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    if !TYPES.contains(&kind) {
        errs.push(FieldError::unsupported("spec.type", kind, &TYPES));
    }
    let ports = object::array_at(&spec, &["ports"]);
    let headless = object::str_at(&spec, &["clusterIP"]) == Some("None");
    if ports.is_empty() && kind != "ExternalName" && !headless {
        errs.push(FieldError::required("spec.ports", ""));
    }
    let mut seen_names: Vec<&str> = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let at = format!("spec.ports[{i}]");
        if ports.len() > 1 {
            match object::str_at(p, &["name"]) {
                None | Some("") => errs.push(FieldError::required(format!("{at}.name"), "")),
                Some(n) => {
                    if seen_names.contains(&n) {
                        errs.push(FieldError::duplicate(
                            format!("{at}.name"),
                            &format!("{n:?}"),
                        ));
                    }
                    seen_names.push(n);
                }
            }
        }
        match p.get("port").and_then(Value::as_i64) {
            Some(port) if !(1..=65535).contains(&port) => errs.push(FieldError::invalid(
                format!("{at}.port"),
                &port.to_string(),
                "must be between 1 and 65535, inclusive",
            )),
            None => errs.push(FieldError::required(format!("{at}.port"), "")),
            _ => {}
        }
        if let Some(tp) = p.get("targetPort").and_then(Value::as_i64) {
            if !(1..=65535).contains(&tp) {
                errs.push(FieldError::invalid(
                    format!("{at}.targetPort"),
                    &tp.to_string(),
                    "must be between 1 and 65535, inclusive",
                ));
            }
        }
        if let Some(proto) = object::str_at(p, &["protocol"]) {
            if !["TCP", "UDP", "SCTP"].contains(&proto) {
                errs.push(FieldError::unsupported(
                    format!("{at}.protocol"),
                    proto,
                    &["SCTP", "TCP", "UDP"],
                ));
            }
        }
        if let Some(np) = p.get("nodePort").and_then(Value::as_i64) {
            if kind == "ClusterIP" {
                errs.push(FieldError::forbidden(
                    format!("{at}.nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            } else if !(30000..=32767).contains(&np) {
                errs.push(FieldError::invalid(
                    format!("{at}.nodePort"),
                    &np.to_string(),
                    "provided port is not in the valid range. The range of valid ports is 30000-32767",
                ));
            }
        }
    }
    if let Some(ip) = object::str_at(&spec, &["clusterIP"]) {
        if ip != "None" && !ip.is_empty() && ip.parse::<std::net::Ipv4Addr>().is_err() {
            errs.push(FieldError::invalid(
                "spec.clusterIPs[0]",
                &format!("{ip:?}"),
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
            ));
        }
    }
}

fn data_keys(obj: &Value, errs: &mut Vec<FieldError>) {
    for field in ["data", "binaryData", "stringData"] {
        if let Some(map) = obj.get(field).and_then(Value::as_object) {
            for k in map.keys() {
                let ok = !k.is_empty()
                    && k.len() <= 253
                    && k.bytes()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'));
                if !ok {
                    errs.push(FieldError::invalid(
                        format!("{field}[{k}]"),
                        &format!("{k:?}"),
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_follow_dns_rules() {
        assert!(is_dns1123_subdomain("web-5d8b9f7c6d.x"));
        assert!(!is_dns1123_subdomain("Web"));
        assert!(is_dns1035_label("web-service"));
        assert!(!is_dns1035_label("1web"));
        assert_eq!(name("Service", "1web", "metadata.name").len(), 1);
        assert!(name("Deployment", "web", "metadata.name").is_empty());
    }

    #[test]
    fn deployment_selector_must_match_template() {
        let d = json!({"spec": {"replicas": -1, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}}}});
        let errs: Vec<String> = object("Deployment", &d)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errs,
            [
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`",
            ]
        );
    }
}
