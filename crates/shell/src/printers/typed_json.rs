//! `-o json` of an object a kubectl generator made (`create deployment`, `run`, `expose`...,
//! in a client dry run): kubectl holds it as a Go struct, so `json.Marshal` writes its fields
//! in the struct's order (`kind` and `apiVersion` first), not sorted as for an object read
//! from the server. Maps (labels, data, selectors) are still sorted; a struct this table does
//! not know is too.

use super::json::{write_with, Layout};
use serde_json::{Map, Value};

/// The Go types whose field order the generators' objects need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    /// A map, or a struct not in the table: keys sorted.
    Any,
    Top,
    ObjectMeta,
    DeploymentSpec,
    LabelSelector,
    PodTemplateSpec,
    PodSpec,
    Container,
    ContainerPort,
    EnvVar,
    ResourceRequirements,
    DeploymentStrategy,
    ServiceSpec,
    ServicePort,
    ServiceStatus,
    JobSpec,
    CronJobSpec,
    JobTemplateSpec,
}

/// A struct's fields in declaration order, with the type of each (a list's items for lists).
fn fields(ty: Ty, kind: &str) -> &'static [(&'static str, Ty)] {
    use Ty::*;
    match ty {
        Any => &[],
        Top => match kind {
            "ConfigMap" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("immutable", Any),
                ("data", Any),
                ("binaryData", Any),
            ],
            "Secret" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("immutable", Any),
                ("data", Any),
                ("stringData", Any),
                ("type", Any),
            ],
            "ServiceAccount" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("secrets", Any),
                ("imagePullSecrets", Any),
                ("automountServiceAccountToken", Any),
            ],
            "Deployment" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", DeploymentSpec),
                ("status", Any),
            ],
            "Service" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", ServiceSpec),
                ("status", ServiceStatus),
            ],
            "Pod" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", PodSpec),
                ("status", Any),
            ],
            "Job" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", JobSpec),
                ("status", Any),
            ],
            "CronJob" => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", CronJobSpec),
                ("status", Any),
            ],
            _ => &[
                ("kind", Any),
                ("apiVersion", Any),
                ("metadata", ObjectMeta),
                ("spec", Any),
                ("status", Any),
            ],
        },
        ObjectMeta => &[
            ("name", Any),
            ("generateName", Any),
            ("namespace", Any),
            ("selfLink", Any),
            ("uid", Any),
            ("resourceVersion", Any),
            ("generation", Any),
            ("creationTimestamp", Any),
            ("deletionTimestamp", Any),
            ("deletionGracePeriodSeconds", Any),
            ("labels", Any),
            ("annotations", Any),
            ("ownerReferences", Any),
            ("finalizers", Any),
            ("managedFields", Any),
        ],
        DeploymentSpec => &[
            ("replicas", Any),
            ("selector", LabelSelector),
            ("template", PodTemplateSpec),
            ("strategy", DeploymentStrategy),
            ("minReadySeconds", Any),
            ("revisionHistoryLimit", Any),
            ("paused", Any),
            ("progressDeadlineSeconds", Any),
        ],
        LabelSelector => &[("matchLabels", Any), ("matchExpressions", Any)],
        PodTemplateSpec | JobTemplateSpec => {
            if ty == PodTemplateSpec {
                &[("metadata", ObjectMeta), ("spec", PodSpec)]
            } else {
                &[("metadata", ObjectMeta), ("spec", JobSpec)]
            }
        }
        PodSpec => &[
            ("volumes", Any),
            ("initContainers", Container),
            ("containers", Container),
            ("ephemeralContainers", Any),
            ("restartPolicy", Any),
            ("terminationGracePeriodSeconds", Any),
            ("activeDeadlineSeconds", Any),
            ("dnsPolicy", Any),
            ("nodeSelector", Any),
            ("serviceAccountName", Any),
            ("serviceAccount", Any),
            ("automountServiceAccountToken", Any),
            ("nodeName", Any),
            ("hostNetwork", Any),
            ("hostPID", Any),
            ("hostIPC", Any),
            ("shareProcessNamespace", Any),
            ("securityContext", Any),
            ("imagePullSecrets", Any),
            ("hostname", Any),
            ("subdomain", Any),
            ("affinity", Any),
            ("schedulerName", Any),
            ("tolerations", Any),
            ("hostAliases", Any),
            ("priorityClassName", Any),
            ("priority", Any),
            ("dnsConfig", Any),
            ("readinessGates", Any),
            ("runtimeClassName", Any),
            ("enableServiceLinks", Any),
            ("preemptionPolicy", Any),
            ("overhead", Any),
            ("topologySpreadConstraints", Any),
            ("setHostnameAsFQDN", Any),
            ("os", Any),
            ("hostUsers", Any),
            ("schedulingGates", Any),
            ("resourceClaims", Any),
        ],
        Container => &[
            ("name", Any),
            ("image", Any),
            ("command", Any),
            ("args", Any),
            ("workingDir", Any),
            ("ports", ContainerPort),
            ("envFrom", Any),
            ("env", EnvVar),
            ("resources", ResourceRequirements),
            ("resizePolicy", Any),
            ("restartPolicy", Any),
            ("volumeMounts", Any),
            ("volumeDevices", Any),
            ("livenessProbe", Any),
            ("readinessProbe", Any),
            ("startupProbe", Any),
            ("lifecycle", Any),
            ("terminationMessagePath", Any),
            ("terminationMessagePolicy", Any),
            ("imagePullPolicy", Any),
            ("securityContext", Any),
            ("stdin", Any),
            ("stdinOnce", Any),
            ("tty", Any),
        ],
        ContainerPort => &[
            ("name", Any),
            ("hostPort", Any),
            ("containerPort", Any),
            ("protocol", Any),
            ("hostIP", Any),
        ],
        EnvVar => &[("name", Any), ("value", Any), ("valueFrom", Any)],
        ResourceRequirements => &[("limits", Any), ("requests", Any), ("claims", Any)],
        DeploymentStrategy => &[("type", Any), ("rollingUpdate", Any)],
        ServiceSpec => &[
            ("ports", ServicePort),
            ("selector", Any),
            ("clusterIP", Any),
            ("clusterIPs", Any),
            ("type", Any),
            ("externalIPs", Any),
            ("sessionAffinity", Any),
            ("loadBalancerIP", Any),
            ("loadBalancerSourceRanges", Any),
            ("externalName", Any),
            ("externalTrafficPolicy", Any),
            ("healthCheckNodePort", Any),
            ("publishNotReadyAddresses", Any),
            ("sessionAffinityConfig", Any),
            ("ipFamilies", Any),
            ("ipFamilyPolicy", Any),
            ("allocateLoadBalancerNodePorts", Any),
            ("loadBalancerClass", Any),
            ("internalTrafficPolicy", Any),
            ("trafficDistribution", Any),
        ],
        ServicePort => &[
            ("name", Any),
            ("protocol", Any),
            ("appProtocol", Any),
            ("port", Any),
            ("targetPort", Any),
            ("nodePort", Any),
        ],
        ServiceStatus => &[("loadBalancer", Any), ("conditions", Any)],
        JobSpec => &[
            ("parallelism", Any),
            ("completions", Any),
            ("activeDeadlineSeconds", Any),
            ("podFailurePolicy", Any),
            ("successPolicy", Any),
            ("backoffLimit", Any),
            ("backoffLimitPerIndex", Any),
            ("maxFailedIndexes", Any),
            ("selector", LabelSelector),
            ("manualSelector", Any),
            ("template", PodTemplateSpec),
            ("ttlSecondsAfterFinished", Any),
            ("completionMode", Any),
            ("suspend", Any),
            ("podReplacementPolicy", Any),
            ("managedBy", Any),
        ],
        CronJobSpec => &[
            ("schedule", Any),
            ("timeZone", Any),
            ("startingDeadlineSeconds", Any),
            ("concurrencyPolicy", Any),
            ("suspend", Any),
            ("jobTemplate", JobTemplateSpec),
            ("successfulJobsHistoryLimit", Any),
            ("failedJobsHistoryLimit", Any),
        ],
    }
}

/// The object as kubectl's JSON printer writes a typed object: four-space indent, the
/// struct's field order, a trailing newline.
pub fn to_json_typed(value: &Value) -> String {
    let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
    let mut out = String::new();
    write_with(&mut out, value, Some(0), Typed { ty: Ty::Top, kind });
    out.push('\n');
    out
}

/// A value's Go type, and the object's kind (which decides the top level's fields).
#[derive(Clone, Copy)]
struct Typed<'k> {
    ty: Ty,
    kind: &'k str,
}

impl<'k> Layout for Typed<'k> {
    fn entries(self, map: &Map<String, Value>) -> Vec<(&String, &Value, Typed<'k>)> {
        let at = |ty| Typed {
            ty,
            kind: self.kind,
        };
        let known = fields(self.ty, self.kind);
        // The struct's fields in order, then anything else sorted (a map: all of it).
        let mut entries: Vec<(&String, &Value, Typed)> = known
            .iter()
            .filter_map(|(name, t)| map.get_key_value(*name).map(|(k, v)| (k, v, at(*t))))
            .collect();
        let mut rest: Vec<(&String, &Value, Typed)> = map
            .iter()
            .filter(|(k, _)| !known.iter().any(|(name, _)| name == k))
            .map(|(k, v)| (k, v, at(Ty::Any)))
            .collect();
        cluster::sort::sort_by(&mut rest, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        entries.extend(rest);
        entries
    }
}
