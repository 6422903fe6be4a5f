//! Expected messages are the API server's (Kubernetes v1.32, `kubectl create`/`apply` with the
//! default `--validate=strict`), checked against reports of real clusters where one exists:
//!
//! * unknown fields: <https://github.com/kubernetes/website/issues/52675>,
//!   <https://github.com/kubernetes-sigs/kubespray/issues/11916>,
//!   <https://github.com/kubernetes/community/issues/7376>;
//! * type errors: <https://github.com/neondatabase/helm-charts/pull/71> (`EnvVar...env.value`),
//!   <https://github.com/open-cluster-management-io/ocm/issues/530> (`ObjectMeta.metadata.labels`);
//! * quantities: <https://github.com/stackrox/acs-fleet-manager/pull/1748>,
//!   <https://github.com/apache/devlake-helm-chart/issues/152> (`192i`);
//! * base64: <https://github.com/zachomedia/cert-manager-webhook-pdns/issues/53> (`APIKEY_BASE64`
//!   fails at byte 6).

use super::golang::{base64_error, number_text, parse_quantity, parse_time, strconv_quote};
use super::*;
use proptest::prelude::*;
use serde_json::json;

fn deployment() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}, "creationTimestamp": null},
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "containers": [{
                        "name": "web",
                        "image": "nginx:1.27",
                        "imagePullPolicy": "IfNotPresent",
                        "args": ["--port", "8080"],
                        "env": [{"name": "MODE", "value": "prod"}],
                        "ports": [{"containerPort": 8080, "protocol": "TCP", "name": "http"}],
                        "resources": {
                            "requests": {"cpu": "250m", "memory": "64Mi"},
                            "limits": {"cpu": 0.5, "memory": "128Mi"}
                        },
                        "readinessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 5}
                    }],
                    "volumes": [{"name": "cfg", "configMap": {"name": "web-config"}}]
                }
            }
        },
        "status": {"replicas": 3, "readyReplicas": 3, "conditions": [
            {"type": "Available", "status": "True", "lastUpdateTime": "2025-06-01T10:00:00Z"}
        ]}
    })
}

fn service() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web"},
        "spec": {
            "type": "NodePort",
            "selector": {"app": "web"},
            "ports": [
                {"name": "web", "port": 80, "targetPort": 8080, "nodePort": 30080, "protocol": "TCP"},
                {"name": "named", "port": 81, "targetPort": "http"}
            ]
        }
    })
}

fn pod() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "dnsutils", "namespace": "default", "annotations": {"a": "b"}},
        "spec": {
            "restartPolicy": "Always",
            "containers": [{"name": "dnsutils", "image": "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3",
                            "command": ["sleep", "infinity"]}],
            "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 30}]
        },
        "status": {"phase": "Running", "podIP": "10.244.0.5", "startTime": "2025-06-01T10:00:00Z"}
    })
}

fn configmap() -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "web-config"},
        "data": {"index.html": "<h1>hi</h1>"},
        "binaryData": {"blob": "AAEC"}
    })
}

/// Sets `path` (dot-separated; numbers index arrays) in `v`.
fn set(mut v: Value, path: &str, new: Value) -> Value {
    let mut cur = &mut v;
    for part in path.split('.') {
        cur = match part.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[part],
        };
    }
    *cur = new;
    v
}

fn err(kind: &str, obj: &Value) -> String {
    match check(kind, obj) {
        Err(ApiError::BadRequest(m)) => m,
        other => panic!("expected BadRequest, got {other:?}"),
    }
}

const DEPLOY: &str = "Deployment in version \"v1\" cannot be handled as a Deployment: ";
const SVC: &str = "Service in version \"v1\" cannot be handled as a Service: ";
const POD: &str = "Pod in version \"v1\" cannot be handled as a Pod: ";

#[test]
fn the_data_loads() {
    let s = schema().expect("schema-v1.32.json parses");
    assert!(s.types.len() > 250, "{} types", s.types.len());
    for kind in [
        "Pod",
        "Deployment",
        "ReplicaSet",
        "StatefulSet",
        "DaemonSet",
        "Job",
        "CronJob",
        "Service",
        "Endpoints",
        "EndpointSlice",
        "ConfigMap",
        "Secret",
        "Namespace",
        "Node",
        "ServiceAccount",
        "Ingress",
        "NetworkPolicy",
        "PersistentVolumeClaim",
        "Event",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Role",
        "RoleBinding",
        "ClusterRole",
        "ClusterRoleBinding",
        "LimitRange",
        "ResourceQuota",
    ] {
        assert!(knows(kind), "{kind}");
    }
    assert!(!knows("CustomResourceDefinition"));
}

#[test]
fn valid_objects_pass() {
    for (kind, obj) in [
        ("Deployment", deployment()),
        ("Service", service()),
        ("Pod", pod()),
        ("ConfigMap", configmap()),
    ] {
        assert_eq!(check(kind, &obj), Ok(()), "{kind}");
    }
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
        "type": "Opaque", "data": {"user": "YWRtaW4=", "empty": ""}, "stringData": {"pw": "not base64!"}});
    assert_eq!(check("Secret", &secret), Ok(()));
}

#[test]
fn unknown_fields_at_any_depth() {
    let cases = [
        ("spec.replica", "spec.replica"),
        (
            "spec.template.spec.containers.0.imagee",
            "spec.template.spec.containers[0].imagee",
        ),
        (
            "spec.template.spec.containers.0.ports.0.hostPorts",
            "spec.template.spec.containers[0].ports[0].hostPorts",
        ),
        ("metadata.label", "metadata.label"),
        ("specs", "specs"),
        (
            "spec.template.spec.volumes.0.configMap.nam",
            "spec.template.spec.volumes[0].configMap.nam",
        ),
    ];
    for (at, path) in cases {
        let obj = set(deployment(), at, json!("x"));
        assert_eq!(
            err("Deployment", &obj),
            format!("{DEPLOY}strict decoding error: unknown field \"{path}\""),
        );
    }
    // Names are case-sensitive.
    let obj = set(deployment(), "spec.Replicas", json!(2));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}strict decoding error: unknown field \"spec.Replicas\"")
    );
    // Unknown fields in status are refused too (the decoder reads status before it is dropped).
    let obj = set(deployment(), "status.ready", json!(1));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}strict decoding error: unknown field \"status.ready\"")
    );
}

#[test]
fn several_unknown_fields_are_listed_in_one_message() {
    let obj = set(deployment(), "spec.foo", json!(1));
    let obj = set(obj, "spec.bar", json!({"deep": {"er": 1}}));
    let obj = set(
        obj,
        "spec.template.spec.containers.0.imagee",
        json!("nginx"),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!(
            "{DEPLOY}strict decoding error: unknown field \"spec.bar\", unknown field \"spec.foo\", \
             unknown field \"spec.template.spec.containers[0].imagee\""
        )
    );
}

#[test]
fn wrong_scalar_types() {
    let obj = set(deployment(), "spec.replicas", json!("three"));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
    );
    let obj = set(deployment(), "metadata.labels.tier", json!(1));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.image",
        json!(true),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.image of type string")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.env.0.value",
        json!(8080),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string")
    );
    let obj = set(pod(), "spec.containers.0.stdin", json!("yes"));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool")
    );
    let obj = set(pod(), "spec.containers.0.command.1", json!(5));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string")
    );
    // int64, and a named string type.
    let obj = set(pod(), "spec.tolerations.0.tolerationSeconds", json!("30"));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}json: cannot unmarshal string into Go struct field Toleration.spec.tolerations.tolerationSeconds of type int64")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.ports.0.protocol",
        json!(6),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal number into Go struct field ContainerPort.spec.template.spec.containers.ports.protocol of type v1.Protocol")
    );
    let obj = set(service(), "spec.type", json!(["NodePort"]));
    assert_eq!(
        err("Service", &obj),
        format!("{SVC}json: cannot unmarshal array into Go struct field ServiceSpec.spec.type of type v1.ServiceType")
    );
}

#[test]
fn numbers_decode_as_go_reads_them() {
    // YAML `3.0` reaches the server as `3` (kubectl writes JSON with Go): accepted.
    assert_eq!(
        check(
            "Deployment",
            &set(deployment(), "spec.replicas", json!(3.0))
        ),
        Ok(())
    );
    let obj = set(deployment(), "spec.replicas", json!(1.5));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")
    );
    let obj = set(deployment(), "spec.replicas", json!(3_000_000_000u64));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32")
    );
    let obj = set(deployment(), "spec.replicas", json!(-1));
    assert_eq!(
        check("Deployment", &obj),
        Ok(()),
        "a negative count is semantic validation's business"
    );
}

#[test]
fn arrays_and_objects_in_the_wrong_place() {
    let obj = set(service(), "spec", json!([{"port": 80}]));
    assert_eq!(
        err("Service", &obj),
        format!("{SVC}json: cannot unmarshal array into Go struct field Service.spec of type v1.ServiceSpec")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers",
        json!({"name": "web", "image": "nginx"}),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.ports",
        json!({"containerPort": 80}),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort")
    );
    let obj = set(
        deployment(),
        "spec.selector.matchLabels",
        json!(["app=web"]),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal array into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.resources.limits",
        json!(["cpu"]),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal array into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList")
    );
    let obj = set(pod(), "metadata", json!("dnsutils"));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta")
    );
}

#[test]
fn int_or_string_both_ways() {
    assert_eq!(
        check(
            "Service",
            &set(service(), "spec.ports.0.targetPort", json!("web"))
        ),
        Ok(())
    );
    assert_eq!(
        check(
            "Service",
            &set(service(), "spec.ports.0.targetPort", json!(9376))
        ),
        Ok(())
    );
    let d = set(
        deployment(),
        "spec.strategy.rollingUpdate.maxSurge",
        json!(2),
    );
    assert_eq!(
        check(
            "Deployment",
            &set(
                d,
                "spec.strategy.rollingUpdate.maxUnavailable",
                json!("10%")
            )
        ),
        Ok(())
    );
    // Neither: IntOrString.UnmarshalJSON decodes into its int32, an error that ends decoding.
    let obj = set(service(), "spec.ports.0.targetPort", json!(true));
    assert_eq!(
        err("Service", &obj),
        format!("{SVC}json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32")
    );
    let obj = set(service(), "spec.ports.0.targetPort", json!(80.5));
    assert_eq!(
        err("Service", &obj),
        format!("{SVC}json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.targetPort of type int32")
    );
    let obj = set(
        deployment(),
        "spec.template.spec.containers.0.readinessProbe.httpGet.port",
        json!({"name": "http"}),
    );
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal object into Go struct field HTTPGetAction.spec.template.spec.containers.readinessProbe.httpGet.port of type int32")
    );
}

#[test]
fn resource_quantities() {
    let limits = "spec.template.spec.containers.0.resources.limits";
    for ok in [
        json!("1"),
        json!(2),
        json!(0.25),
        json!("100m"),
        json!("1.5Gi"),
        json!("1e3"),
        json!(" 5 "),
        json!(null),
        json!("0"),
    ] {
        assert_eq!(
            check(
                "Deployment",
                &set(deployment(), &format!("{limits}.cpu"), ok.clone())
            ),
            Ok(()),
            "{ok}"
        );
    }
    let format_err = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    for bad in [
        json!("1GB"),
        json!("lots"),
        json!(""),
        json!(true),
        json!(["1"]),
        json!({"m": 1}),
        json!("1 Gi"),
    ] {
        let obj = set(deployment(), &format!("{limits}.memory"), bad.clone());
        assert_eq!(
            err("Deployment", &obj),
            format!("{DEPLOY}{format_err}"),
            "{bad}"
        );
    }
    let obj = set(deployment(), &format!("{limits}.memory"), json!("192i"));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}unable to parse quantity's suffix")
    );
    // A quantity's error ends decoding, so it wins over a type error read before it.
    let obj = set(deployment(), "metadata.labels.tier", json!(1));
    let obj = set(obj, &format!("{limits}.memory"), json!("1GB"));
    assert_eq!(err("Deployment", &obj), format!("{DEPLOY}{format_err}"));
}

#[test]
fn only_the_first_type_error_and_no_unknown_fields_after_one() {
    // Fields are read in key order: `metadata` before `spec`.
    let obj = set(deployment(), "spec.replicas", json!("3"));
    let obj = set(obj, "metadata.generation", json!("1"));
    let obj = set(obj, "spec.foo", json!(1));
    assert_eq!(
        err("Deployment", &obj),
        format!("{DEPLOY}json: cannot unmarshal string into Go struct field ObjectMeta.metadata.generation of type int64")
    );
}

#[test]
fn secrets_decode_base64() {
    let secret = |v: Value| json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"key": v}});
    let msg =
        |rest: &str| format!("Secret in version \"v1\" cannot be handled as a Secret: {rest}");
    assert_eq!(
        err("Secret", &secret(json!("APIKEY_BASE64"))),
        msg("illegal base64 data at input byte 6")
    );
    assert_eq!(
        err("Secret", &secret(json!("admin"))),
        msg("illegal base64 data at input byte 4")
    );
    assert_eq!(
        err("Secret", &secret(json!(12))),
        msg("json: cannot unmarshal number into Go struct field Secret.data of type []uint8")
    );
    assert_eq!(check("Secret", &secret(json!("YWRt\naW4="))), Ok(()));
    assert_eq!(check("Secret", &secret(json!([1, 2, 255]))), Ok(()));
    assert_eq!(
        err("Secret", &secret(json!([256]))),
        msg("json: cannot unmarshal number 256 into Go struct field Secret.data of type uint8")
    );
}

#[test]
fn timestamps() {
    assert_eq!(
        check(
            "Pod",
            &set(
                pod(),
                "metadata.creationTimestamp",
                json!("2025-06-01T10:00:00+02:00")
            )
        ),
        Ok(())
    );
    assert_eq!(
        check(
            "Pod",
            &set(
                pod(),
                "metadata.creationTimestamp",
                json!("2025-06-01T10:00:00.123Z")
            )
        ),
        Ok(())
    );
    let obj = set(pod(), "metadata.creationTimestamp", json!("yesterday"));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"")
    );
    let obj = set(pod(), "metadata.creationTimestamp", json!(1_700_000_000));
    assert_eq!(
        err("Pod", &obj),
        format!("{POD}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string")
    );
    let event = json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e"},
        "involvedObject": {"kind": "Pod", "name": "p"}, "eventTime": "2025-06-01T10:00:00.000000Z",
        "firstTimestamp": "2025-06-01T10:00:00Z", "count": 1});
    assert_eq!(check("Event", &event), Ok(()));
    let event = set(event, "eventTime", json!("2025-06-01T10:00:00Z"));
    assert_eq!(
        err("Event", &event),
        "Event in version \"v1\" cannot be handled as a Event: parsing time \"2025-06-01T10:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\""
    );
}

#[test]
fn free_form_and_unchecked_kinds() {
    let rev = json!({"apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": {"name": "r",
        "managedFields": [{"manager": "kubectl", "fieldsV1": {"f:spec": {"any": ["thing"]}}}]},
        "revision": 1, "data": {"spec": {"whatever": true}}});
    assert_eq!(check("ControllerRevision", &rev), Ok(()));
    let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "bogus": 1});
    assert_eq!(check("CustomResourceDefinition", &crd), Ok(()));
    // Another version of a known kind is not this schema's.
    let hpa = json!({"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "spec": {"targetCPUUtilizationPercentage": 50}});
    assert_eq!(check("HorizontalPodAutoscaler", &hpa), Ok(()));
}

/// What the engine stores must decode: `kubectl get -o yaml` then `kubectl replace` works on a
/// real cluster, and controllers create through the same check.
#[test]
fn everything_the_engine_stores_passes() {
    use crate::{Cluster, Profile, Time};
    let mut cl = Cluster::new(Profile::kind(), 1, Time(1_800_000_000_000));
    let mut d = deployment();
    d["metadata"]["namespace"] = json!("default");
    d.as_object_mut().unwrap().remove("status");
    cl.create(d).unwrap();
    cl.create(service()).unwrap();
    cl.create(configmap()).unwrap();
    cl.create(json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db", "namespace": "default"},
        "spec": {"serviceName": "db", "replicas": 2, "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "db", "image": "postgres:16"}]}}}}))
        .unwrap();
    cl.create(json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "once", "namespace": "default"},
        "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox", "command": ["true"]}]}}}}))
        .unwrap();
    cl.advance(120_000);
    let mut checked = 0;
    for rt in crate::kind::RESOURCE_TYPES.iter().filter(|r| r.storable) {
        for obj in cl.store().list(rt.kind) {
            assert_eq!(check(rt.kind, obj), Ok(()), "{obj:#}");
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} objects");
}

#[test]
fn go_formatting() {
    let n = |v: Value| number_text(v.as_number().unwrap());
    assert_eq!(n(json!(1.0)), "1");
    assert_eq!(n(json!(0.5)), "0.5");
    assert_eq!(n(json!(1e21)), "1e+21");
    assert_eq!(n(json!(1.5e-7)), "1.5e-7");
    assert_eq!(n(json!(-3)), "-3");
    assert_eq!(strconv_quote("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\x01é\"");
    assert_eq!(base64_error(b"QUJD"), None);
    assert_eq!(base64_error(b"QUI="), None);
    assert_eq!(base64_error(b"QQ=="), None);
    assert_eq!(base64_error(b"QQ"), Some(0));
    assert_eq!(base64_error(b"QUJDRA"), Some(4));
    assert_eq!(base64_error(b"QQ=x"), Some(2));
    assert_eq!(base64_error(b"QQ==QQ=="), Some(4));
    assert_eq!(base64_error(b"Q==="), Some(1));
    assert_eq!(parse_quantity("+.5Ki"), Ok(()));
    assert_eq!(parse_quantity("1.2.3"), Err(super::golang::QUANTITY_FORMAT));
    assert_eq!(parse_quantity("1e"), Err(super::golang::QUANTITY_SUFFIX));
    assert_eq!(parse_quantity("5e-3"), Ok(()));
    assert_eq!(
        parse_time("2025-13-01T00:00:00Z", false),
        Err("parsing time \"2025-13-01T00:00:00Z\": month out of range".into())
    );
    assert_eq!(
        parse_time("2025-02-30T00:00:00Z", false),
        Err("parsing time \"2025-02-30T00:00:00Z\": day out of range".into())
    );
    assert_eq!(
        parse_time("2025-02-03 00:00:00Z", false),
        Err("parsing time \"2025-02-03 00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 00:00:00Z\" as \"T\"".into())
    );
    assert_eq!(
        parse_time("2025-02-03T00:00:00Zjunk", false),
        Err("parsing time \"2025-02-03T00:00:00Zjunk\": extra text: \"junk\"".into())
    );
    assert_eq!(
        parse_time("2025-02-03T00:00:00", false),
        Err("parsing time \"2025-02-03T00:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\"".into())
    );
    assert_eq!(
        parse_time("2025-02-03T25:00:00Z", false),
        Err("parsing time \"2025-02-03T25:00:00Z\": hour out of range".into())
    );
    assert_eq!(parse_time("2025-02-03T9:00:00Z", false), Ok(()));
    assert_eq!(parse_time("2024-02-29T00:00:00-07:00", false), Ok(()));
}

/// JSON values, with keys drawn mostly from real field names so that the walk goes deep.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|u| json!(u)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[ -~é\\n]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2025-06-01T10:00:00Z"),
            Just("100m"),
            Just("1Gi"),
            Just("QUJD"),
            Just("25%"),
            Just("2025-06-01T10:00:00.000000Z"),
            Just("1e3"),
            Just("+.Ki"),
            Just("=="),
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    let key = prop_oneof![
        Just("metadata"),
        Just("spec"),
        Just("status"),
        Just("template"),
        Just("containers"),
        Just("labels"),
        Just("ports"),
        Just("resources"),
        Just("limits"),
        Just("targetPort"),
        Just("replicas"),
        Just("data"),
        Just("creationTimestamp"),
        Just("image"),
        Just("selector"),
        Just("matchLabels"),
        Just("eventTime"),
        Just("env"),
        Just("strategy"),
        Just("rollingUpdate"),
        Just("maxSurge"),
        Just("managedFields"),
        Just("rules"),
        Just("zzz"),
        Just("Spec"),
    ]
    .prop_map(str::to_string);
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn random_json_never_panics(v in arb_json(), k in 0usize..40) {
        let kinds = &schema().expect("schema").kinds;
        let (kind, api_version, _) = &kinds[k % kinds.len()];
        let _ = check(kind, &v);
        let mut obj = json!({"apiVersion": api_version, "kind": kind});
        obj["spec"] = v.clone();
        obj["metadata"] = v.clone();
        obj["data"] = v;
        let _ = check(kind, &obj);
    }
}
