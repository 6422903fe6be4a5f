//! `cargo xtask schema`: turns the Kubernetes v1.32 OpenAPI schema into the compact data the
//! engine validates objects with (`crates/cluster/data/schema-v1.32.json`) and the descriptions a
//! later `kubectl explain` prints (`crates/cluster/data/explain-v1.32.json`).
//!
//! Source: the PyPI wheel `kubernetes-validate==1.37.0` (Apache-2.0), fetched with
//! `python3 -m pip download --no-deps` and read with python3's `zipfile`; its
//! `kubernetes-json-schema/v1.32.0-local-strict/_definitions.json` holds every API type as a
//! JSON Schema generated from the Kubernetes OpenAPI. Nothing else is downloaded. Kept: the
//! definitions reachable from [`KINDS`], without descriptions. Running it twice writes the same
//! bytes (JSON objects are written with sorted keys, types in name order).
//!
//! # `schema-v1.32.json`
//!
//! ```text
//! {"source": "...",
//!  "kinds": {"Deployment": ["apps/v1", 12], ...},          kind -> [apiVersion, type index]
//!  "types": [["io.k8s.api.apps.v1.Deployment",              definition name (Go struct = last part)
//!             {"apiVersion": "s", "spec": "@13", ...},      field -> type descriptor
//!             ["selector", "template"]],                    required fields (omitted when none)
//!            ...]}
//! ```
//!
//! Only struct types (objects with properties, unknown fields rejected) are in `types`, sorted
//! by name; a descriptor is a string read left to right, one token per nesting level:
//!
//! | token | JSON | Go type by default |
//! |---|---|---|
//! | `s` `b` `i` `l` `d` | string, boolean, integer int32, integer int64, number double | `string` `bool` `int32` `int64` `float64` |
//! | `y` | string, format byte (base64) | `[]uint8` |
//! | `t` `m` | `metav1.Time` / `metav1.MicroTime` (RFC 3339 strings) | `v1.Time` `v1.MicroTime` |
//! | `q` | `resource.Quantity` (string or number) | `resource.Quantity` |
//! | `n` | `intstr.IntOrString` (int-or-string) | `intstr.IntOrString` |
//! | `x` | free-form: `RawExtension`, `FieldsV1`, `x-kubernetes-preserve-unknown-fields` | anything goes |
//! | `@N` | the struct `types[N]` | `<package>.<Name>`, e.g. `v1.Container` |
//! | `[` then a level | array | `[]` + the element's |
//! | `{` then a level | map with string keys | `map[string]` + the value's |
//!
//! A token may be followed by `(GoType)` when the Go type's name is not the default one, as the
//! API server's JSON decoder names it in its errors (`json: cannot unmarshal number into Go
//! struct field ContainerPort.spec.template.spec.containers.ports.protocol of type
//! v1.Protocol`): named string types, `v1.ResourceList`... See [`GO_TYPES`].
//!
//! # `explain-v1.32.json`
//!
//! `{"source": "...", "types": {"io.k8s.api.apps.v1.Deployment": {"d": "type description",
//! "f": {"field": "field description"}, "e": {"field": ["enum", "values"]}}}}` for the same
//! types, loaded only when needed.

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned source: a PyPI wheel, checked against its SHA-256 before use.
const WHEEL: &str = "kubernetes-validate==1.37.0";
const WHEEL_SHA256: &str = "85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9";
const DEFINITIONS: &str =
    "kubernetes_validate/kubernetes-json-schema/v1.32.0-local-strict/_definitions.json";
const SOURCE: &str =
    "PyPI kubernetes-validate 1.37.0: kubernetes-json-schema/v1.32.0-local-strict/_definitions.json";
const SCHEMA_FILE: &str = "schema-v1.32.json";
const EXPLAIN_FILE: &str = "explain-v1.32.json";

/// The kinds whose schema is kept (apiVersion, kind): what the engine stores and lessons use.
/// Other stored kinds (webhooks, CRDs, flow control...) are accepted without checks.
const KINDS: &[(&str, &str)] = &[
    ("v1", "ConfigMap"),
    ("v1", "Endpoints"),
    ("v1", "Event"),
    ("v1", "LimitRange"),
    ("v1", "Namespace"),
    ("v1", "Node"),
    ("v1", "PersistentVolume"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "Pod"),
    ("v1", "PodTemplate"),
    ("v1", "ReplicationController"),
    ("v1", "ResourceQuota"),
    ("v1", "Secret"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("apps/v1", "ControllerRevision"),
    ("apps/v1", "DaemonSet"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "ReplicaSet"),
    ("apps/v1", "StatefulSet"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("batch/v1", "CronJob"),
    ("batch/v1", "Job"),
    ("coordination.k8s.io/v1", "Lease"),
    ("discovery.k8s.io/v1", "EndpointSlice"),
    ("networking.k8s.io/v1", "Ingress"),
    ("networking.k8s.io/v1", "IngressClass"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("node.k8s.io/v1", "RuntimeClass"),
    ("policy/v1", "PodDisruptionBudget"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
    ("storage.k8s.io/v1", "StorageClass"),
];

/// Definitions that are leaves rather than structs: Go types with their own `UnmarshalJSON`.
const LEAVES: &[(&str, &str, &str)] = &[
    (
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
        "n",
        "intstr.IntOrString",
    ),
    (
        "io.k8s.apimachinery.pkg.api.resource.Quantity",
        "q",
        "resource.Quantity",
    ),
    ("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "t", "v1.Time"),
    (
        "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
        "m",
        "v1.MicroTime",
    ),
];

/// Go type names the schema cannot tell: `(definition minus its `io.k8s.api.` or
/// `io.k8s.apimachinery.pkg.apis.` prefix, then `.field`, [Go type per nesting level])`, as
/// `reflect.Type.String()` names them in the decoder's errors, pointers dropped at each level.
/// Only the fields whose names differ from the defaults (see the module comment) are listed.
///
/// Derived once from the Go sources of `k8s.io/api` and `k8s.io/apimachinery` at tag v0.32.0
/// (Kubernetes v1.32.0): every struct field of the kept definitions was resolved through the
/// package's imports, named types (`type Protocol string`, `type ResourceList
/// map[ResourceName]resource.Quantity`) and inline embedding, and compared with the default
/// the schema implies. The generator fails if an entry no longer matches a field, so a
/// change of source or kinds cannot leave stale names behind.
#[rustfmt::skip]
const GO_TYPES: &[(&str, &[&str])] = &[
    ("apps.v1.DaemonSetCondition.status", &["v1.ConditionStatus"]),
    ("apps.v1.DaemonSetCondition.type", &["v1.DaemonSetConditionType"]),
    ("apps.v1.DaemonSetUpdateStrategy.type", &["v1.DaemonSetUpdateStrategyType"]),
    ("apps.v1.DeploymentCondition.status", &["v1.ConditionStatus"]),
    ("apps.v1.DeploymentCondition.type", &["v1.DeploymentConditionType"]),
    ("apps.v1.DeploymentStrategy.type", &["v1.DeploymentStrategyType"]),
    ("apps.v1.ReplicaSetCondition.status", &["v1.ConditionStatus"]),
    ("apps.v1.ReplicaSetCondition.type", &["v1.ReplicaSetConditionType"]),
    ("apps.v1.StatefulSetCondition.status", &["v1.ConditionStatus"]),
    ("apps.v1.StatefulSetCondition.type", &["v1.StatefulSetConditionType"]),
    ("apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted", &["v1.PersistentVolumeClaimRetentionPolicyType"]),
    ("apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled", &["v1.PersistentVolumeClaimRetentionPolicyType"]),
    ("apps.v1.StatefulSetSpec.podManagementPolicy", &["v1.PodManagementPolicyType"]),
    ("apps.v1.StatefulSetUpdateStrategy.type", &["v1.StatefulSetUpdateStrategyType"]),
    ("autoscaling.v2.ContainerResourceMetricSource.name", &["v1.ResourceName"]),
    ("autoscaling.v2.ContainerResourceMetricStatus.name", &["v1.ResourceName"]),
    ("autoscaling.v2.HPAScalingPolicy.type", &["v2.HPAScalingPolicyType"]),
    ("autoscaling.v2.HPAScalingRules.selectPolicy", &["v2.ScalingPolicySelect"]),
    ("autoscaling.v2.HorizontalPodAutoscalerCondition.status", &["v1.ConditionStatus"]),
    ("autoscaling.v2.HorizontalPodAutoscalerCondition.type", &["v2.HorizontalPodAutoscalerConditionType"]),
    ("autoscaling.v2.MetricSpec.type", &["v2.MetricSourceType"]),
    ("autoscaling.v2.MetricStatus.type", &["v2.MetricSourceType"]),
    ("autoscaling.v2.MetricTarget.type", &["v2.MetricTargetType"]),
    ("autoscaling.v2.ResourceMetricSource.name", &["v1.ResourceName"]),
    ("autoscaling.v2.ResourceMetricStatus.name", &["v1.ResourceName"]),
    ("batch.v1.CronJobSpec.concurrencyPolicy", &["v1.ConcurrencyPolicy"]),
    ("batch.v1.JobCondition.status", &["v1.ConditionStatus"]),
    ("batch.v1.JobCondition.type", &["v1.JobConditionType"]),
    ("batch.v1.JobSpec.completionMode", &["v1.CompletionMode"]),
    ("batch.v1.JobSpec.podReplacementPolicy", &["v1.PodReplacementPolicy"]),
    ("batch.v1.PodFailurePolicyOnExitCodesRequirement.operator", &["v1.PodFailurePolicyOnExitCodesOperator"]),
    ("batch.v1.PodFailurePolicyOnPodConditionsPattern.status", &["v1.ConditionStatus"]),
    ("batch.v1.PodFailurePolicyOnPodConditionsPattern.type", &["v1.PodConditionType"]),
    ("batch.v1.PodFailurePolicyRule.action", &["v1.PodFailurePolicyAction"]),
    ("batch.v1.UncountedTerminatedPods.failed", &["[]types.UID", "types.UID"]),
    ("batch.v1.UncountedTerminatedPods.succeeded", &["[]types.UID", "types.UID"]),
    ("coordination.v1.LeaseSpec.strategy", &["v1.CoordinatedLeaseStrategy"]),
    ("core.v1.AppArmorProfile.type", &["v1.AppArmorProfileType"]),
    ("core.v1.AttachedVolume.name", &["v1.UniqueVolumeName"]),
    ("core.v1.AzureDiskVolumeSource.cachingMode", &["v1.AzureDataDiskCachingMode"]),
    ("core.v1.AzureDiskVolumeSource.kind", &["v1.AzureDataDiskKind"]),
    ("core.v1.Capabilities.add", &["[]v1.Capability", "v1.Capability"]),
    ("core.v1.Capabilities.drop", &["[]v1.Capability", "v1.Capability"]),
    ("core.v1.ConfigMapNodeConfigSource.uid", &["types.UID"]),
    ("core.v1.Container.imagePullPolicy", &["v1.PullPolicy"]),
    ("core.v1.Container.restartPolicy", &["v1.ContainerRestartPolicy"]),
    ("core.v1.Container.terminationMessagePolicy", &["v1.TerminationMessagePolicy"]),
    ("core.v1.ContainerPort.protocol", &["v1.Protocol"]),
    ("core.v1.ContainerResizePolicy.resourceName", &["v1.ResourceName"]),
    ("core.v1.ContainerResizePolicy.restartPolicy", &["v1.ResourceResizeRestartPolicy"]),
    ("core.v1.ContainerStatus.allocatedResources", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.EmptyDirVolumeSource.medium", &["v1.StorageMedium"]),
    ("core.v1.EndpointPort.protocol", &["v1.Protocol"]),
    ("core.v1.EphemeralContainer.imagePullPolicy", &["v1.PullPolicy"]),
    ("core.v1.EphemeralContainer.restartPolicy", &["v1.ContainerRestartPolicy"]),
    ("core.v1.EphemeralContainer.terminationMessagePolicy", &["v1.TerminationMessagePolicy"]),
    ("core.v1.HTTPGetAction.scheme", &["v1.URIScheme"]),
    ("core.v1.HostPathVolumeSource.type", &["v1.HostPathType"]),
    ("core.v1.ImageVolumeSource.pullPolicy", &["v1.PullPolicy"]),
    ("core.v1.LimitRangeItem.default", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.LimitRangeItem.defaultRequest", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.LimitRangeItem.max", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.LimitRangeItem.maxLimitRequestRatio", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.LimitRangeItem.min", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.LimitRangeItem.type", &["v1.LimitType"]),
    ("core.v1.LoadBalancerIngress.ipMode", &["v1.LoadBalancerIPMode"]),
    ("core.v1.ModifyVolumeStatus.status", &["v1.PersistentVolumeClaimModifyVolumeStatus"]),
    ("core.v1.NamespaceCondition.status", &["v1.ConditionStatus"]),
    ("core.v1.NamespaceCondition.type", &["v1.NamespaceConditionType"]),
    ("core.v1.NamespaceSpec.finalizers", &["[]v1.FinalizerName", "v1.FinalizerName"]),
    ("core.v1.NamespaceStatus.phase", &["v1.NamespacePhase"]),
    ("core.v1.NodeAddress.type", &["v1.NodeAddressType"]),
    ("core.v1.NodeCondition.status", &["v1.ConditionStatus"]),
    ("core.v1.NodeCondition.type", &["v1.NodeConditionType"]),
    ("core.v1.NodeSelectorRequirement.operator", &["v1.NodeSelectorOperator"]),
    ("core.v1.NodeStatus.allocatable", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.NodeStatus.capacity", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.NodeStatus.phase", &["v1.NodePhase"]),
    ("core.v1.NodeStatus.volumesInUse", &["[]v1.UniqueVolumeName", "v1.UniqueVolumeName"]),
    ("core.v1.ObjectReference.uid", &["types.UID"]),
    ("core.v1.PersistentVolumeClaimCondition.status", &["v1.ConditionStatus"]),
    ("core.v1.PersistentVolumeClaimCondition.type", &["v1.PersistentVolumeClaimConditionType"]),
    ("core.v1.PersistentVolumeClaimSpec.accessModes", &["[]v1.PersistentVolumeAccessMode", "v1.PersistentVolumeAccessMode"]),
    ("core.v1.PersistentVolumeClaimSpec.volumeMode", &["v1.PersistentVolumeMode"]),
    ("core.v1.PersistentVolumeClaimStatus.accessModes", &["[]v1.PersistentVolumeAccessMode", "v1.PersistentVolumeAccessMode"]),
    ("core.v1.PersistentVolumeClaimStatus.allocatedResourceStatuses", &["map[v1.ResourceName]v1.ClaimResourceStatus", "v1.ClaimResourceStatus"]),
    ("core.v1.PersistentVolumeClaimStatus.allocatedResources", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.PersistentVolumeClaimStatus.capacity", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.PersistentVolumeClaimStatus.phase", &["v1.PersistentVolumeClaimPhase"]),
    ("core.v1.PersistentVolumeSpec.accessModes", &["[]v1.PersistentVolumeAccessMode", "v1.PersistentVolumeAccessMode"]),
    ("core.v1.PersistentVolumeSpec.capacity", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy", &["v1.PersistentVolumeReclaimPolicy"]),
    ("core.v1.PersistentVolumeSpec.volumeMode", &["v1.PersistentVolumeMode"]),
    ("core.v1.PersistentVolumeStatus.phase", &["v1.PersistentVolumePhase"]),
    ("core.v1.PodCondition.status", &["v1.ConditionStatus"]),
    ("core.v1.PodCondition.type", &["v1.PodConditionType"]),
    ("core.v1.PodOS.name", &["v1.OSName"]),
    ("core.v1.PodReadinessGate.conditionType", &["v1.PodConditionType"]),
    ("core.v1.PodSecurityContext.fsGroupChangePolicy", &["v1.PodFSGroupChangePolicy"]),
    ("core.v1.PodSecurityContext.seLinuxChangePolicy", &["v1.PodSELinuxChangePolicy"]),
    ("core.v1.PodSecurityContext.supplementalGroupsPolicy", &["v1.SupplementalGroupsPolicy"]),
    ("core.v1.PodSpec.dnsPolicy", &["v1.DNSPolicy"]),
    ("core.v1.PodSpec.overhead", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.PodSpec.preemptionPolicy", &["v1.PreemptionPolicy"]),
    ("core.v1.PodSpec.restartPolicy", &["v1.RestartPolicy"]),
    ("core.v1.PodStatus.phase", &["v1.PodPhase"]),
    ("core.v1.PodStatus.qosClass", &["v1.PodQOSClass"]),
    ("core.v1.PodStatus.resize", &["v1.PodResizeStatus"]),
    ("core.v1.PortStatus.protocol", &["v1.Protocol"]),
    ("core.v1.ReplicationControllerCondition.status", &["v1.ConditionStatus"]),
    ("core.v1.ReplicationControllerCondition.type", &["v1.ReplicationControllerConditionType"]),
    ("core.v1.ResourceHealth.health", &["v1.ResourceHealthStatus"]),
    ("core.v1.ResourceHealth.resourceID", &["v1.ResourceID"]),
    ("core.v1.ResourceQuotaSpec.hard", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.ResourceQuotaSpec.scopes", &["[]v1.ResourceQuotaScope", "v1.ResourceQuotaScope"]),
    ("core.v1.ResourceQuotaStatus.hard", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.ResourceQuotaStatus.used", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.ResourceRequirements.limits", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.ResourceRequirements.requests", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.ResourceStatus.name", &["v1.ResourceName"]),
    ("core.v1.ScopedResourceSelectorRequirement.operator", &["v1.ScopeSelectorOperator"]),
    ("core.v1.ScopedResourceSelectorRequirement.scopeName", &["v1.ResourceQuotaScope"]),
    ("core.v1.SeccompProfile.type", &["v1.SeccompProfileType"]),
    ("core.v1.Secret.type", &["v1.SecretType"]),
    ("core.v1.SecurityContext.procMount", &["v1.ProcMountType"]),
    ("core.v1.ServicePort.protocol", &["v1.Protocol"]),
    ("core.v1.ServiceSpec.externalTrafficPolicy", &["v1.ServiceExternalTrafficPolicy"]),
    ("core.v1.ServiceSpec.internalTrafficPolicy", &["v1.ServiceInternalTrafficPolicy"]),
    ("core.v1.ServiceSpec.ipFamilies", &["[]v1.IPFamily", "v1.IPFamily"]),
    ("core.v1.ServiceSpec.ipFamilyPolicy", &["v1.IPFamilyPolicy"]),
    ("core.v1.ServiceSpec.sessionAffinity", &["v1.ServiceAffinity"]),
    ("core.v1.ServiceSpec.type", &["v1.ServiceType"]),
    ("core.v1.Taint.effect", &["v1.TaintEffect"]),
    ("core.v1.Toleration.effect", &["v1.TaintEffect"]),
    ("core.v1.Toleration.operator", &["v1.TolerationOperator"]),
    ("core.v1.TopologySpreadConstraint.nodeAffinityPolicy", &["v1.NodeInclusionPolicy"]),
    ("core.v1.TopologySpreadConstraint.nodeTaintsPolicy", &["v1.NodeInclusionPolicy"]),
    ("core.v1.TopologySpreadConstraint.whenUnsatisfiable", &["v1.UnsatisfiableConstraintAction"]),
    ("core.v1.VolumeMount.mountPropagation", &["v1.MountPropagationMode"]),
    ("core.v1.VolumeMount.recursiveReadOnly", &["v1.RecursiveReadOnlyMode"]),
    ("core.v1.VolumeMountStatus.recursiveReadOnly", &["v1.RecursiveReadOnlyMode"]),
    ("core.v1.VolumeResourceRequirements.limits", &["v1.ResourceList", "resource.Quantity"]),
    ("core.v1.VolumeResourceRequirements.requests", &["v1.ResourceList", "resource.Quantity"]),
    ("discovery.v1.EndpointPort.protocol", &["v1.Protocol"]),
    ("discovery.v1.EndpointSlice.addressType", &["v1.AddressType"]),
    ("networking.v1.HTTPIngressPath.pathType", &["v1.PathType"]),
    ("networking.v1.IngressPortStatus.protocol", &["v1.Protocol"]),
    ("networking.v1.NetworkPolicyPort.protocol", &["v1.Protocol"]),
    ("networking.v1.NetworkPolicySpec.policyTypes", &["[]v1.PolicyType", "v1.PolicyType"]),
    ("node.v1.Overhead.podFixed", &["v1.ResourceList", "resource.Quantity"]),
    ("policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy", &["v1.UnhealthyPodEvictionPolicyType"]),
    ("scheduling.v1.PriorityClass.preemptionPolicy", &["v1.PreemptionPolicy"]),
    ("storage.v1.StorageClass.reclaimPolicy", &["v1.PersistentVolumeReclaimPolicy"]),
    ("storage.v1.StorageClass.volumeBindingMode", &["v1.VolumeBindingMode"]),
    ("meta.v1.Condition.status", &["v1.ConditionStatus"]),
    ("meta.v1.LabelSelectorRequirement.operator", &["v1.LabelSelectorOperator"]),
    ("meta.v1.ManagedFieldsEntry.operation", &["v1.ManagedFieldsOperationType"]),
    ("meta.v1.ObjectMeta.uid", &["types.UID"]),
    ("meta.v1.OwnerReference.uid", &["types.UID"]),
];

/// `cargo xtask schema [--wheel FILE] [--out DIR]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut wheel: Option<PathBuf> = None;
    let mut out = crate::setup::root().join("crates/cluster/data");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--wheel" => wheel = Some(PathBuf::from(it.next().ok_or("--wheel needs a file")?)),
            "--out" => out = PathBuf::from(it.next().ok_or("--out needs a directory")?),
            other => return Err(format!("schema: unknown argument {other:?}")),
        }
    }
    let tmp = std::env::temp_dir().join(format!("kubeplay-schema-{}", std::process::id()));
    let result = (|| {
        let wheel = match wheel {
            Some(w) => w,
            None => download(&tmp)?,
        };
        let sha = python(&[
            "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
            &wheel.to_string_lossy(),
        ])?;
        if String::from_utf8_lossy(&sha).trim() != WHEEL_SHA256 {
            return Err(format!(
                "{}: SHA-256 is not the one of {WHEEL} ({WHEEL_SHA256})",
                wheel.display()
            ));
        }
        let raw = python(&[
            "import sys,zipfile;sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
            &wheel.to_string_lossy(),
            DEFINITIONS,
        ])?;
        let doc: Value = serde_json::from_slice(&raw).map_err(|e| format!("{DEFINITIONS}: {e}"))?;
        let defs = doc
            .get("$defs")
            .and_then(Value::as_object)
            .ok_or("no $defs in _definitions.json")?;
        let (schema, explain) = build(defs)?;
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        for (name, value) in [(SCHEMA_FILE, &schema), (EXPLAIN_FILE, &explain)] {
            let path = out.join(name);
            let mut text = serde_json::to_string(value).map_err(|e| e.to_string())?;
            text.push('\n');
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            report(&path)?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// `pip download` of the pinned wheel into `dir`; its path.
fn download(dir: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::setup::run(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                WHEEL,
                "-d",
            ])
            .arg(dir),
    )?;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| format!("pip download left no wheel in {}", dir.display()))
}

/// Runs `python3 -c script args...`; its stdout.
fn python(script_and_args: &[&str]) -> Result<Vec<u8>, String> {
    let (script, args) = script_and_args.split_first().ok_or("no script")?;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// Prints a file's raw, gzip -9 and brotli -q 11 sizes.
fn report(path: &Path) -> Result<(), String> {
    let p = path.to_string_lossy();
    let raw = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    let gz = python(&[
        "import gzip,sys;print(len(gzip.compress(open(sys.argv[1],'rb').read(),9,mtime=0)))",
        &p,
    ])?;
    let br = Command::new("brotli")
        .args(["-c", "-q", "11"])
        .arg(path)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "brotli not installed".to_string(),
            |o| format!("brotli {} B", o.stdout.len()),
        );
    println!(
        "{p}: raw {raw} B, gzip {} B, {br}",
        String::from_utf8_lossy(&gz).trim()
    );
    Ok(())
}

/// The type names of JSON Schema `type` (a string or a list), without "null".
fn types_of(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    }
}

/// The definition a `$ref` names (`#/$defs/NAME` or `/api/_definitions.json#/$defs/NAME`).
fn ref_name(s: &Value) -> Option<&str> {
    s.get("$ref")?.as_str()?.rsplit('/').next()
}

/// A definition that is a struct: an object with properties.
fn is_struct(def: &Value) -> bool {
    def.get("properties").is_some_and(Value::is_object)
}

/// Every definition named by a `$ref` in a property schema (items and map values included).
fn refs_in(s: &Value, out: &mut Vec<String>) {
    if let Some(r) = ref_name(s) {
        out.push(r.to_string());
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = s.get(key).filter(|v| v.is_object()) {
            refs_in(inner, out);
        }
    }
}

/// One nesting level of a field's type: its token and the Go type the decoder would name.
struct Level {
    token: String,
    go: String,
}

/// The Go name of a struct definition: `<package>.<Name>` (`io.k8s.api.core.v1.Container` ->
/// `v1.Container`).
fn go_struct_name(def: &str) -> String {
    let mut parts = def.rsplit('.');
    let name = parts.next().unwrap_or(def);
    match parts.next() {
        Some(pkg) => format!("{pkg}.{name}"),
        None => name.to_string(),
    }
}

/// The levels of a property schema, outermost first.
fn levels(
    s: &Value,
    defs: &Map<String, Value>,
    index: &BTreeMap<String, usize>,
    at: &str,
) -> Result<Vec<Level>, String> {
    if s.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true)) {
        return Ok(vec![Level {
            token: "x".into(),
            go: "runtime.RawExtension".into(),
        }]);
    }
    if let Some(r) = ref_name(s) {
        if let Some((_, token, go)) = LEAVES.iter().find(|(n, _, _)| *n == r) {
            return Ok(vec![Level {
                token: (*token).into(),
                go: (*go).into(),
            }]);
        }
        let def = defs
            .get(r)
            .ok_or_else(|| format!("{at}: no definition {r}"))?;
        if !is_struct(def) {
            if types_of(def) == ["object"] {
                // RawExtension, FieldsV1: their UnmarshalJSON keeps any JSON.
                return Ok(vec![Level {
                    token: "x".into(),
                    go: go_struct_name(r),
                }]);
            }
            return Err(format!("{at}: unexpected definition {r}: {def}"));
        }
        let i = index
            .get(r)
            .ok_or_else(|| format!("{at}: {r} not indexed"))?;
        return Ok(vec![Level {
            token: format!("@{i}"),
            go: go_struct_name(r),
        }]);
    }
    let leaf = |token: &str, go: &str| {
        Ok(vec![Level {
            token: token.into(),
            go: go.into(),
        }])
    };
    match (
        types_of(s).as_slice(),
        s.get("format").and_then(Value::as_str),
    ) {
        (["string"], Some("byte")) => leaf("y", "[]uint8"),
        (["string"], Some("date-time")) => leaf("t", "v1.Time"),
        (["string"], _) => leaf("s", "string"),
        (["boolean"], _) => leaf("b", "bool"),
        (["integer"], Some("int32")) => leaf("i", "int32"),
        (["integer"], Some("int64")) => leaf("l", "int64"),
        (["number"], Some("double") | None) => leaf("d", "float64"),
        (["array"], _) => {
            let items = s
                .get("items")
                .ok_or_else(|| format!("{at}: array without items"))?;
            let mut inner = levels(items, defs, index, at)?;
            let go = format!("[]{}", inner.first().map_or("", |l| l.go.as_str()));
            inner.insert(
                0,
                Level {
                    token: "[".into(),
                    go,
                },
            );
            Ok(inner)
        }
        (["object"], _) => match s.get("additionalProperties") {
            Some(ap) if ap.is_object() => {
                let mut inner = levels(ap, defs, index, at)?;
                let go = format!("map[string]{}", inner.first().map_or("", |l| l.go.as_str()));
                inner.insert(
                    0,
                    Level {
                        token: "{".into(),
                        go,
                    },
                );
                Ok(inner)
            }
            _ if s.get("properties").is_none() => leaf("x", "runtime.RawExtension"),
            _ => Err(format!("{at}: inline object with properties")),
        },
        _ => Err(format!("{at}: unsupported schema {s}")),
    }
}

/// The descriptor of a field, with the Go names of [`GO_TYPES`] applied where they differ
/// from the defaults (which, for arrays and maps, follow the element's final name).
fn descriptor(mut lv: Vec<Level>, go: Option<&[&str]>, at: &str) -> Result<String, String> {
    if let Some(names) = go {
        if names.len() != lv.len() {
            return Err(format!(
                "GO_TYPES {at}: {} levels, the schema has {}",
                names.len(),
                lv.len()
            ));
        }
    }
    // Innermost first: a container's default name derives from its element's final name.
    let mut text = Vec::with_capacity(lv.len());
    let mut inner_final: Option<String> = None;
    for (i, level) in lv.iter_mut().enumerate().rev() {
        let default = match (&inner_final, level.token.as_str()) {
            (Some(inner), "[") => format!("[]{inner}"),
            (Some(inner), "{") => format!("map[string]{inner}"),
            _ => level.go.clone(),
        };
        let wanted = go
            .and_then(|n| n.get(i))
            .map_or(default.clone(), |s| (*s).to_string());
        let token = if wanted == default {
            level.token.clone()
        } else {
            format!("{}({wanted})", level.token)
        };
        text.push(token);
        inner_final = Some(wanted);
    }
    text.reverse();
    Ok(text.concat())
}

/// The short key of a definition in [`GO_TYPES`].
fn go_key(def: &str) -> &str {
    for prefix in ["io.k8s.api.", "io.k8s.apimachinery.pkg.apis."] {
        if let Some(rest) = def.strip_prefix(prefix) {
            return rest;
        }
    }
    def
}

/// Builds the two documents from the definitions.
fn build(defs: &Map<String, Value>) -> Result<(Value, Value), String> {
    // Kind -> definition, through x-kubernetes-group-version-kind.
    let mut by_gvk: BTreeMap<(String, String), String> = BTreeMap::new();
    for (name, def) in defs {
        for gvk in def
            .get("x-kubernetes-group-version-kind")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let g = gvk.get("group").and_then(Value::as_str).unwrap_or("");
            let v = gvk.get("version").and_then(Value::as_str).unwrap_or("");
            let k = gvk.get("kind").and_then(Value::as_str).unwrap_or("");
            let api_version = if g.is_empty() {
                v.to_string()
            } else {
                format!("{g}/{v}")
            };
            by_gvk.insert((api_version, k.to_string()), name.clone());
        }
    }
    let mut roots = Vec::new();
    for (api_version, kind) in KINDS {
        let def = by_gvk
            .get(&(api_version.to_string(), kind.to_string()))
            .ok_or_else(|| format!("no definition for {api_version} {kind}"))?;
        roots.push((*api_version, *kind, def.clone()));
    }

    // The closure of struct definitions reachable from the kinds.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = roots.iter().map(|r| r.2.clone()).collect();
    while let Some(name) = stack.pop() {
        let def = defs
            .get(&name)
            .ok_or_else(|| format!("no definition {name}"))?;
        if !is_struct(def) || !seen.insert(name.clone()) {
            continue;
        }
        let mut found = Vec::new();
        for prop in def
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            refs_in(prop.1, &mut found);
        }
        stack.extend(found);
    }
    let index: BTreeMap<String, usize> = seen
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();

    let go_types: BTreeMap<&str, &[&str]> = GO_TYPES.iter().copied().collect();
    if go_types.len() != GO_TYPES.len() {
        return Err("GO_TYPES has duplicate keys".into());
    }
    let mut go_used = BTreeSet::new();

    let mut types = Vec::new();
    let mut explain = Map::new();
    for name in &seen {
        let def = defs
            .get(name)
            .ok_or_else(|| format!("no definition {name}"))?;
        if def.get("additionalProperties") != Some(&Value::Bool(false)) {
            return Err(format!(
                "{name}: not strict (additionalProperties is not false)"
            ));
        }
        let props = def
            .get("properties")
            .and_then(Value::as_object)
            .ok_or("no properties")?;
        let mut fields = Map::new();
        let mut docs = Map::new();
        let mut enums = Map::new();
        for (field, prop) in props {
            let at = format!("{name}.{field}");
            let key = format!("{}.{field}", go_key(name));
            let go = go_types.get(key.as_str()).copied();
            if go.is_some() {
                go_used.insert(key);
            }
            let lv = levels(prop, defs, &index, &at)?;
            fields.insert(field.clone(), Value::String(descriptor(lv, go, &at)?));
            if let Some(d) = prop.get("description").and_then(Value::as_str) {
                docs.insert(field.clone(), Value::String(d.to_string()));
            }
            let e = prop
                .get("enum")
                .or_else(|| prop.get("items").and_then(|i| i.get("enum")));
            if let Some(e) = e.filter(|e| e.is_array()) {
                enums.insert(field.clone(), e.clone());
            }
        }
        let mut entry = vec![Value::String(name.clone()), Value::Object(fields)];
        if let Some(req) = def
            .get("required")
            .and_then(Value::as_array)
            .filter(|r| !r.is_empty())
        {
            entry.push(Value::Array(req.clone()));
        }
        types.push(Value::Array(entry));

        let mut doc = Map::new();
        if let Some(d) = def.get("description").and_then(Value::as_str) {
            doc.insert("d".into(), Value::String(d.to_string()));
        }
        doc.insert("f".into(), Value::Object(docs));
        if !enums.is_empty() {
            doc.insert("e".into(), Value::Object(enums));
        }
        explain.insert(name.clone(), Value::Object(doc));
    }
    let unused: Vec<&str> = GO_TYPES
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !go_used.contains(*k))
        .collect();
    if !unused.is_empty() {
        return Err(format!(
            "GO_TYPES entries matching no kept field: {unused:?}"
        ));
    }

    let mut kinds = Map::new();
    for (api_version, kind, def) in &roots {
        let i = index.get(def).ok_or_else(|| format!("{def} not indexed"))?;
        kinds.insert((*kind).to_string(), json!([api_version, i]));
    }
    let schema = json!({ "source": SOURCE, "kinds": kinds, "types": types });
    let explain = json!({ "source": SOURCE, "types": explain });
    println!("{} kinds, {} types", kinds.len(), seen.len());
    Ok((schema, explain))
}
