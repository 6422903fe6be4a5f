//! The API's resource types, as discovery serves them (`kubectl api-resources` on a v1.32 cluster).

/// One resource type: how it is named in URLs, in manifests and on the command line.
#[derive(Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// The plural resource name (`deployments`).
    pub plural: &'static str,
    /// The singular name (`deployment`).
    pub singular: &'static str,
    /// kubectl's short names (`deploy`).
    pub short_names: &'static [&'static str],
    /// The API group; empty for the core group.
    pub group: &'static str,
    /// The preferred version (`v1`).
    pub version: &'static str,
    /// The kind (`Deployment`).
    pub kind: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
    /// Whether the object store keeps objects of this type (false for virtual review types).
    pub storable: bool,
}

impl ResourceType {
    /// `apps/v1`, or `v1` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `deployments.apps`, or `pods` for the core group: how the API server names a resource in errors.
    pub fn qualified_plural(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// `deployment.apps`, or `pod`: how kubectl names a kind in its messages.
    pub fn qualified_kind_lower(&self) -> String {
        let kind = self.kind.to_ascii_lowercase();
        if self.group.is_empty() {
            kind
        } else {
            format!("{kind}.{}", self.group)
        }
    }
}

macro_rules! rt {
    ($plural:literal, $singular:literal, [$($short:literal),*], $group:literal, $version:literal, $kind:literal, $ns:literal, $store:literal) => {
        ResourceType {
            plural: $plural,
            singular: $singular,
            short_names: &[$($short),*],
            group: $group,
            version: $version,
            kind: $kind,
            namespaced: $ns,
            storable: $store,
        }
    };
}

/// Every resource type the simulated API server serves, in discovery order.
pub static RESOURCE_TYPES: &[ResourceType] = &[
    rt!("bindings", "binding", [], "", "v1", "Binding", true, false),
    rt!(
        "componentstatuses",
        "componentstatus",
        ["cs"],
        "",
        "v1",
        "ComponentStatus",
        false,
        false
    ),
    rt!(
        "configmaps",
        "configmap",
        ["cm"],
        "",
        "v1",
        "ConfigMap",
        true,
        true
    ),
    rt!(
        "endpoints",
        "endpoints",
        ["ep"],
        "",
        "v1",
        "Endpoints",
        true,
        true
    ),
    rt!("events", "event", ["ev"], "", "v1", "Event", true, true),
    rt!(
        "limitranges",
        "limitrange",
        ["limits"],
        "",
        "v1",
        "LimitRange",
        true,
        true
    ),
    rt!(
        "namespaces",
        "namespace",
        ["ns"],
        "",
        "v1",
        "Namespace",
        false,
        true
    ),
    rt!("nodes", "node", ["no"], "", "v1", "Node", false, true),
    rt!(
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        ["pvc"],
        "",
        "v1",
        "PersistentVolumeClaim",
        true,
        true
    ),
    rt!(
        "persistentvolumes",
        "persistentvolume",
        ["pv"],
        "",
        "v1",
        "PersistentVolume",
        false,
        true
    ),
    rt!("pods", "pod", ["po"], "", "v1", "Pod", true, true),
    rt!(
        "podtemplates",
        "podtemplate",
        [],
        "",
        "v1",
        "PodTemplate",
        true,
        true
    ),
    rt!(
        "replicationcontrollers",
        "replicationcontroller",
        ["rc"],
        "",
        "v1",
        "ReplicationController",
        true,
        true
    ),
    rt!(
        "resourcequotas",
        "resourcequota",
        ["quota"],
        "",
        "v1",
        "ResourceQuota",
        true,
        true
    ),
    rt!("secrets", "secret", [], "", "v1", "Secret", true, true),
    rt!(
        "serviceaccounts",
        "serviceaccount",
        ["sa"],
        "",
        "v1",
        "ServiceAccount",
        true,
        true
    ),
    rt!(
        "services",
        "service",
        ["svc"],
        "",
        "v1",
        "Service",
        true,
        true
    ),
    rt!(
        "mutatingwebhookconfigurations",
        "mutatingwebhookconfiguration",
        [],
        "admissionregistration.k8s.io",
        "v1",
        "MutatingWebhookConfiguration",
        false,
        true
    ),
    rt!(
        "validatingadmissionpolicies",
        "validatingadmissionpolicy",
        [],
        "admissionregistration.k8s.io",
        "v1",
        "ValidatingAdmissionPolicy",
        false,
        true
    ),
    rt!(
        "validatingadmissionpolicybindings",
        "validatingadmissionpolicybinding",
        [],
        "admissionregistration.k8s.io",
        "v1",
        "ValidatingAdmissionPolicyBinding",
        false,
        true
    ),
    rt!(
        "validatingwebhookconfigurations",
        "validatingwebhookconfiguration",
        [],
        "admissionregistration.k8s.io",
        "v1",
        "ValidatingWebhookConfiguration",
        false,
        true
    ),
    rt!(
        "customresourcedefinitions",
        "customresourcedefinition",
        ["crd", "crds"],
        "apiextensions.k8s.io",
        "v1",
        "CustomResourceDefinition",
        false,
        true
    ),
    rt!(
        "apiservices",
        "apiservice",
        [],
        "apiregistration.k8s.io",
        "v1",
        "APIService",
        false,
        true
    ),
    rt!(
        "controllerrevisions",
        "controllerrevision",
        [],
        "apps",
        "v1",
        "ControllerRevision",
        true,
        true
    ),
    rt!(
        "daemonsets",
        "daemonset",
        ["ds"],
        "apps",
        "v1",
        "DaemonSet",
        true,
        true
    ),
    rt!(
        "deployments",
        "deployment",
        ["deploy"],
        "apps",
        "v1",
        "Deployment",
        true,
        true
    ),
    rt!(
        "replicasets",
        "replicaset",
        ["rs"],
        "apps",
        "v1",
        "ReplicaSet",
        true,
        true
    ),
    rt!(
        "statefulsets",
        "statefulset",
        ["sts"],
        "apps",
        "v1",
        "StatefulSet",
        true,
        true
    ),
    rt!(
        "selfsubjectreviews",
        "selfsubjectreview",
        [],
        "authentication.k8s.io",
        "v1",
        "SelfSubjectReview",
        false,
        false
    ),
    rt!(
        "tokenreviews",
        "tokenreview",
        [],
        "authentication.k8s.io",
        "v1",
        "TokenReview",
        false,
        false
    ),
    rt!(
        "localsubjectaccessreviews",
        "localsubjectaccessreview",
        [],
        "authorization.k8s.io",
        "v1",
        "LocalSubjectAccessReview",
        true,
        false
    ),
    rt!(
        "selfsubjectaccessreviews",
        "selfsubjectaccessreview",
        [],
        "authorization.k8s.io",
        "v1",
        "SelfSubjectAccessReview",
        false,
        false
    ),
    rt!(
        "selfsubjectrulesreviews",
        "selfsubjectrulesreview",
        [],
        "authorization.k8s.io",
        "v1",
        "SelfSubjectRulesReview",
        false,
        false
    ),
    rt!(
        "subjectaccessreviews",
        "subjectaccessreview",
        [],
        "authorization.k8s.io",
        "v1",
        "SubjectAccessReview",
        false,
        false
    ),
    rt!(
        "horizontalpodautoscalers",
        "horizontalpodautoscaler",
        ["hpa"],
        "autoscaling",
        "v2",
        "HorizontalPodAutoscaler",
        true,
        true
    ),
    rt!(
        "cronjobs",
        "cronjob",
        ["cj"],
        "batch",
        "v1",
        "CronJob",
        true,
        true
    ),
    rt!("jobs", "job", [], "batch", "v1", "Job", true, true),
    rt!(
        "certificatesigningrequests",
        "certificatesigningrequest",
        ["csr"],
        "certificates.k8s.io",
        "v1",
        "CertificateSigningRequest",
        false,
        true
    ),
    rt!(
        "leases",
        "lease",
        [],
        "coordination.k8s.io",
        "v1",
        "Lease",
        true,
        true
    ),
    rt!(
        "endpointslices",
        "endpointslice",
        [],
        "discovery.k8s.io",
        "v1",
        "EndpointSlice",
        true,
        true
    ),
    rt!(
        "events",
        "event",
        ["ev"],
        "events.k8s.io",
        "v1",
        "Event",
        true,
        false
    ),
    rt!(
        "flowschemas",
        "flowschema",
        [],
        "flowcontrol.apiserver.k8s.io",
        "v1",
        "FlowSchema",
        false,
        true
    ),
    rt!(
        "prioritylevelconfigurations",
        "prioritylevelconfiguration",
        [],
        "flowcontrol.apiserver.k8s.io",
        "v1",
        "PriorityLevelConfiguration",
        false,
        true
    ),
    rt!(
        "ingressclasses",
        "ingressclass",
        [],
        "networking.k8s.io",
        "v1",
        "IngressClass",
        false,
        true
    ),
    rt!(
        "ingresses",
        "ingress",
        ["ing"],
        "networking.k8s.io",
        "v1",
        "Ingress",
        true,
        true
    ),
    rt!(
        "networkpolicies",
        "networkpolicy",
        ["netpol"],
        "networking.k8s.io",
        "v1",
        "NetworkPolicy",
        true,
        true
    ),
    rt!(
        "runtimeclasses",
        "runtimeclass",
        [],
        "node.k8s.io",
        "v1",
        "RuntimeClass",
        false,
        true
    ),
    rt!(
        "poddisruptionbudgets",
        "poddisruptionbudget",
        ["pdb"],
        "policy",
        "v1",
        "PodDisruptionBudget",
        true,
        true
    ),
    rt!(
        "clusterrolebindings",
        "clusterrolebinding",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRoleBinding",
        false,
        true
    ),
    rt!(
        "clusterroles",
        "clusterrole",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRole",
        false,
        true
    ),
    rt!(
        "rolebindings",
        "rolebinding",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        "RoleBinding",
        true,
        true
    ),
    rt!(
        "roles",
        "role",
        [],
        "rbac.authorization.k8s.io",
        "v1",
        "Role",
        true,
        true
    ),
    rt!(
        "priorityclasses",
        "priorityclass",
        ["pc"],
        "scheduling.k8s.io",
        "v1",
        "PriorityClass",
        false,
        true
    ),
    rt!(
        "csidrivers",
        "csidriver",
        [],
        "storage.k8s.io",
        "v1",
        "CSIDriver",
        false,
        true
    ),
    rt!(
        "csinodes",
        "csinode",
        [],
        "storage.k8s.io",
        "v1",
        "CSINode",
        false,
        true
    ),
    rt!(
        "csistoragecapacities",
        "csistoragecapacity",
        [],
        "storage.k8s.io",
        "v1",
        "CSIStorageCapacity",
        true,
        true
    ),
    rt!(
        "storageclasses",
        "storageclass",
        ["sc"],
        "storage.k8s.io",
        "v1",
        "StorageClass",
        false,
        true
    ),
    rt!(
        "volumeattachments",
        "volumeattachment",
        [],
        "storage.k8s.io",
        "v1",
        "VolumeAttachment",
        false,
        true
    ),
];

/// The resource type a manifest's `apiVersion` and `kind` name, if the server serves it.
pub fn by_api_version_kind(api_version: &str, kind: &str) -> Option<&'static ResourceType> {
    let (group, version) = match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    };
    RESOURCE_TYPES
        .iter()
        .find(|r| r.kind == kind && r.group == group && r.version == version && r.storable)
}

/// The stored resource type of a kind (core `Event` rather than `events.k8s.io`).
pub fn by_kind(kind: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES.iter().find(|r| r.kind == kind && r.storable)
}

/// Resolves what a user types (`po`, `pods`, `pod`, `deployments.apps`, `Deployment`) the way
/// kubectl's RESTMapper does: plural, singular, short name or kind, optionally `.group` qualified.
pub fn lookup(name: &str) -> Option<&'static ResourceType> {
    let lower = name.to_ascii_lowercase();
    let (base, group) = match lower.split_once('.') {
        Some((b, g)) => (b.to_string(), Some(g.to_string())),
        None => (lower.clone(), None),
    };
    let matches = |r: &&ResourceType| {
        let name_ok = r.plural == base
            || r.singular == base
            || r.short_names.contains(&base.as_str())
            || r.kind.eq_ignore_ascii_case(&base);
        let group_ok = match &group {
            None => true,
            Some(g) => r.group == g || format!("{}.{}", r.version, r.group) == *g,
        };
        name_ok && group_ok
    };
    // The core group wins ties (`events`), as kubectl's priority RESTMapper does.
    RESOURCE_TYPES.iter().find(matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_what_people_type() {
        for (typed, kind) in [
            ("po", "Pod"),
            ("pods", "Pod"),
            ("Pod", "Pod"),
            ("deploy", "Deployment"),
            ("deployments.apps", "Deployment"),
            ("svc", "Service"),
            ("ep", "Endpoints"),
            ("rs", "ReplicaSet"),
            ("ns", "Namespace"),
            ("no", "Node"),
            ("sts", "StatefulSet"),
        ] {
            assert_eq!(lookup(typed).map(|r| r.kind), Some(kind), "{typed}");
        }
        assert_eq!(lookup("foo"), None);
        assert_eq!(lookup("deployments.batch"), None);
    }

    #[test]
    fn names_resources_like_the_api_server() {
        let d = lookup("deploy").unwrap();
        assert_eq!(d.qualified_plural(), "deployments.apps");
        assert_eq!(d.qualified_kind_lower(), "deployment.apps");
        assert_eq!(d.api_version(), "apps/v1");
        assert_eq!(lookup("po").unwrap().qualified_plural(), "pods");
    }
}
