//! Defaulting, as the API server's `SetDefaults_*` functions fill in what a manifest leaves out.

use crate::object::{self, s};
use serde_json::{json, Map, Value};

/// Applies the defaults of `kind` to `obj` in place.
pub fn apply(kind: &str, obj: &mut Value) {
    match kind {
        "Pod" => {
            if let Some(spec) = obj.get_mut("spec") {
                pod_spec(spec);
                default(spec, "enableServiceLinks", json!(true));
            }
        }
        "Deployment" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                default(spec, "replicas", json!(1));
                default(spec, "revisionHistoryLimit", json!(10));
                default(spec, "progressDeadlineSeconds", json!(600));
                default(spec, "strategy", json!({}));
                if let Some(strategy) = spec.get_mut("strategy") {
                    default(strategy, "type", s("RollingUpdate"));
                    if object::str_at(strategy, &["type"]) == Some("RollingUpdate") {
                        default(strategy, "rollingUpdate", json!({}));
                        if let Some(ru) = strategy.get_mut("rollingUpdate") {
                            default(ru, "maxUnavailable", s("25%"));
                            default(ru, "maxSurge", s("25%"));
                        }
                    }
                }
                template(spec);
            }
        }
        "ReplicaSet" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                default(spec, "replicas", json!(1));
                template(spec);
            }
        }
        "StatefulSet" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                default(spec, "replicas", json!(1));
                default(spec, "podManagementPolicy", s("OrderedReady"));
                default(spec, "revisionHistoryLimit", json!(10));
                default(
                    spec,
                    "updateStrategy",
                    json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}),
                );
                default(
                    spec,
                    "persistentVolumeClaimRetentionPolicy",
                    json!({"whenDeleted": "Retain", "whenScaled": "Retain"}),
                );
                template(spec);
            }
        }
        "DaemonSet" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                default(spec, "revisionHistoryLimit", json!(10));
                default(
                    spec,
                    "updateStrategy",
                    json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}),
                );
                template(spec);
            }
        }
        "Service" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                service_spec(spec);
            }
        }
        "Job" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                // SetDefaults_Job: neither count given is one pod, run once.
                let unset = |k: &str| spec.get(k).is_none_or(Value::is_null);
                if unset("completions") && unset("parallelism") {
                    default(spec, "completions", json!(1));
                }
                default(spec, "parallelism", json!(1));
                default(spec, "backoffLimit", json!(6));
                default(spec, "completionMode", s("NonIndexed"));
                default(spec, "suspend", json!(false));
                default(spec, "podReplacementPolicy", s("TerminatingOrFailed"));
                template(spec);
            }
        }
        "CronJob" => {
            default(obj, "spec", json!({}));
            if let Some(spec) = obj.get_mut("spec") {
                default(spec, "concurrencyPolicy", s("Allow"));
                default(spec, "suspend", json!(false));
                default(spec, "successfulJobsHistoryLimit", json!(3));
                default(spec, "failedJobsHistoryLimit", json!(1));
                if let Some(pod) = spec.pointer_mut("/jobTemplate/spec/template/spec") {
                    pod_spec(pod);
                }
            }
        }
        "Secret" => default(obj, "type", s("Opaque")),
        "Namespace" => {
            let name = object::name(obj).to_string();
            object::object_mut(obj, &["metadata", "labels"])
                .insert("kubernetes.io/metadata.name".into(), s(name));
            default(obj, "spec", json!({"finalizers": ["kubernetes"]}));
        }
        _ => {}
    }
}

fn default(obj: &mut Value, key: &str, value: Value) {
    if let Value::Object(m) = obj {
        let slot = m.entry(key.to_string()).or_insert(Value::Null);
        if slot.is_null() {
            *slot = value;
        }
    }
}

fn template(spec: &mut Value) {
    if let Some(pod) = spec.pointer_mut("/template/spec") {
        pod_spec(pod);
    }
}

/// `SetDefaults_PodSpec` and the container defaults.
pub fn pod_spec(spec: &mut Value) {
    default(spec, "dnsPolicy", s("ClusterFirst"));
    default(spec, "restartPolicy", s("Always"));
    default(spec, "terminationGracePeriodSeconds", json!(30));
    default(spec, "securityContext", json!({}));
    default(spec, "schedulerName", s("default-scheduler"));
    let host_network = object::get(spec, &["hostNetwork"]).and_then(Value::as_bool) == Some(true);
    for list in ["initContainers", "containers"] {
        if let Some(Value::Array(containers)) = spec.get_mut(list) {
            for c in containers {
                container(c, host_network);
            }
        }
    }
    if let Some(Value::Array(volumes)) = spec.get_mut("volumes") {
        for v in volumes {
            for source in ["configMap", "secret"] {
                if let Some(src) = v.get_mut(source) {
                    default(src, "defaultMode", json!(420));
                }
            }
        }
    }
}

fn container(c: &mut Value, host_network: bool) {
    let image = object::str_at(c, &["image"]).unwrap_or("").to_string();
    let latest = {
        let r = crate::images::ImageRef::parse(&image);
        r.tag == "latest"
    };
    default(
        c,
        "imagePullPolicy",
        s(if latest { "Always" } else { "IfNotPresent" }),
    );
    default(c, "terminationMessagePath", s("/dev/termination-log"));
    default(c, "terminationMessagePolicy", s("File"));
    default(c, "resources", json!({}));
    if let Some(Value::Array(ports)) = c.get_mut("ports") {
        for p in ports {
            default(p, "protocol", s("TCP"));
            if host_network {
                if let Some(cp) = p.get("containerPort").cloned() {
                    default(p, "hostPort", cp);
                }
            }
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe) {
            default(p, "timeoutSeconds", json!(1));
            default(p, "periodSeconds", json!(10));
            default(p, "successThreshold", json!(1));
            default(p, "failureThreshold", json!(3));
            if let Some(h) = p.get_mut("httpGet") {
                default(h, "scheme", s("HTTP"));
                default(h, "path", s("/"));
            }
        }
    }
    if let Some(Value::Array(env)) = c.get_mut("env") {
        for e in env {
            if let Some(fr) = e.pointer_mut("/valueFrom/fieldRef") {
                default(fr, "apiVersion", s("v1"));
            }
        }
    }
}

/// `SetDefaults_Service` (the IP allocation itself happens at admission).
fn service_spec(spec: &mut Value) {
    default(spec, "type", s("ClusterIP"));
    default(spec, "sessionAffinity", s("None"));
    let kind = object::str_at(spec, &["type"])
        .unwrap_or("ClusterIP")
        .to_string();
    if kind != "ExternalName" {
        default(spec, "internalTrafficPolicy", s("Cluster"));
    }
    if kind == "NodePort" || kind == "LoadBalancer" {
        default(spec, "externalTrafficPolicy", s("Cluster"));
    }
    if kind == "LoadBalancer" {
        default(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
    if let Some(Value::Array(ports)) = spec.get_mut("ports") {
        for p in ports {
            default(p, "protocol", s("TCP"));
            if let Some(port) = p.get("port").cloned() {
                default(p, "targetPort", port);
            }
        }
    }
}

/// An empty JSON object.
pub fn empty() -> Value {
    Value::Object(Map::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_ports_default_like_the_api_server() {
        let mut svc = json!({"spec": {"ports": [{"port": 80}]}});
        apply("Service", &mut svc);
        assert_eq!(
            svc["spec"],
            json!({"type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
                   "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}]})
        );
    }

    #[test]
    fn deployment_gets_strategy_and_template_defaults() {
        let mut d = json!({"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "nginx"}]}}}});
        apply("Deployment", &mut d);
        assert_eq!(d["spec"]["replicas"], json!(1));
        assert_eq!(
            d["spec"]["strategy"]["rollingUpdate"]["maxSurge"],
            json!("25%")
        );
        assert_eq!(
            d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"],
            json!("Always")
        );
        assert_eq!(
            d["spec"]["template"]["spec"]["dnsPolicy"],
            json!("ClusterFirst")
        );
        assert!(d["spec"]["template"]["spec"]
            .get("enableServiceLinks")
            .is_none());
    }
}
