//! The API server's request handling: create, update, delete, get and list, each with the
//! decoding, defaulting, validation and admission a real API server does, and its errors.

use crate::cluster::Cluster;
use crate::error::{ApiError, FieldError};
use crate::kind::{self, ResourceType};
use crate::object::{self, s, Object};
use crate::store::ObjKey;
use crate::{defaults, validate};
use serde_json::{json, Value};
use std::net::Ipv4Addr;
use std::sync::Arc;

/// How many objects (events aside) the store holds before creates fail as on a full etcd.
#[cfg(not(fuzzing))]
pub const MAX_OBJECTS: usize = 30_000;
/// The fuzz build's store: full at 150 objects (the fuzz session holds about 50), so that
/// `--replicas=2147483647` fills it in a few milliseconds: with 1,000 and 400, inputs that
/// scale kept `shell_kubectl` at 77 and 100 executions a second.
#[cfg(fuzzing)]
pub const MAX_OBJECTS: usize = 150;

/// Options of a delete request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// `--grace-period`: `None` for the object's own (30 s for most pods).
    pub grace_period_seconds: Option<i64>,
}

/// Kinds whose `metadata.generation` follows spec changes.
fn has_generation(kind: &str) -> bool {
    !matches!(
        kind,
        "Pod"
            | "Service"
            | "Endpoints"
            | "ConfigMap"
            | "Secret"
            | "Namespace"
            | "Event"
            | "ServiceAccount"
            | "Node"
    )
}

/// The generation an update gives `new`, if it moves: a spec change for most kinds; for an
/// EndpointSlice (no spec), a change of anything outside its metadata or of its labels, as
/// the endpointslice registry strategy says.
pub(crate) fn next_generation(kind: &str, old: &Value, new: &Value) -> Option<i64> {
    let moved = match kind {
        "EndpointSlice" => {
            fn body(v: &Value) -> Option<Vec<(&String, &Value)>> {
                v.as_object()
                    .map(|m| m.iter().filter(|(k, _)| *k != "metadata").collect())
            }
            body(old) != body(new)
                || object::get(old, &["metadata", "labels"])
                    != object::get(new, &["metadata", "labels"])
        }
        k => has_generation(k) && old.get("spec") != new.get("spec"),
    };
    moved.then(|| object::i64_at(old, &["metadata", "generation"]).unwrap_or(1) + 1)
}

impl Cluster {
    /// The resource type of an object's `apiVersion` and `kind`, or the API server's error.
    pub fn resource_of(&self, obj: &Value) -> Result<&'static ResourceType, ApiError> {
        let api_version = object::str_at(obj, &["apiVersion"]).unwrap_or("");
        let kind = object::kind(obj);
        kind::by_api_version_kind(api_version, kind).ok_or_else(|| ApiError::NoKindMatch {
            kind: kind.to_string(),
            api_version: api_version.to_string(),
        })
    }

    /// Reads one object.
    pub fn get(&self, rt: &ResourceType, namespace: &str, name: &str) -> Result<&Object, ApiError> {
        let ns = if rt.namespaced { namespace } else { "" };
        self.store
            .get_named(rt.kind, ns, name)
            .ok_or_else(|| ApiError::NotFound {
                resource: rt.qualified_plural(),
                name: name.to_string(),
            })
    }

    /// Lists objects of a type, in one namespace or (with `None`) in all, in etcd order.
    pub fn list(&self, rt: &ResourceType, namespace: Option<&str>) -> Vec<&Object> {
        match (rt.namespaced, namespace) {
            (true, Some(ns)) => self.store.list_ns(rt.kind, ns).collect(),
            _ => self.store.list(rt.kind).collect(),
        }
    }

    /// POST: creates an object. `metadata.namespace` must be set for namespaced kinds.
    pub fn create(&mut self, obj: Value) -> Result<Object, ApiError> {
        let created = self.create_unsettled(obj)?;
        self.settle();
        let rt = kind::by_kind(object::kind(&created));
        Ok(match rt {
            Some(rt) => self
                .get(rt, object::namespace(&created), object::name(&created))
                .cloned()
                .unwrap_or_else(|_| Object::clone(&created)),
            None => Object::clone(&created),
        })
    }

    /// Creation without running the controllers afterwards.
    pub(crate) fn create_unsettled(&mut self, obj: Value) -> Result<Arc<Object>, ApiError> {
        self.create_decoded(obj, true)
    }

    /// Creation of an object a controller made from what the API server has accepted already
    /// (a pod from its ReplicaSet's template, a Job from its CronJob's): as
    /// [`Cluster::create_unsettled`], but the schema's strict decoding, which reads the object
    /// without changing it and could fail here only on an engine bug, runs in debug builds
    /// (every test) and not in the page. It was an eighth of the browser's cluster's work
    /// while 10,000 pods came up.
    pub(crate) fn create_made(&mut self, obj: Value) -> Result<Arc<Object>, ApiError> {
        self.create_decoded(obj, cfg!(debug_assertions))
    }

    fn create_decoded(&mut self, mut obj: Value, decode: bool) -> Result<Arc<Object>, ApiError> {
        let rt = self.resource_of(&obj)?;
        if !obj.is_object() {
            return Err(ApiError::BadRequest(
                "the body of the request was in an unknown format".into(),
            ));
        }
        if decode {
            crate::schema::check(rt.kind, &obj)?;
        }
        let namespace = if rt.namespaced {
            let ns = object::namespace(&obj).to_string();
            let ns = if ns.is_empty() {
                "default".to_string()
            } else {
                ns
            };
            object::set(&mut obj, &["metadata", "namespace"], s(ns.clone()));
            ns
        } else {
            object::remove(&mut obj, &["metadata", "namespace"]);
            String::new()
        };
        // Generated names are resolved before validation, as the registry does.
        let mut name = object::name(&obj).to_string();
        if name.is_empty() {
            let base = object::str_at(&obj, &["metadata", "generateName"])
                .unwrap_or("")
                .to_string();
            if base.is_empty() {
                return Err(invalid(
                    rt,
                    "",
                    vec![FieldError::required(
                        "metadata.name",
                        "name or generateName is required",
                    )],
                ));
            }
            let base: String = base.chars().take(58).collect();
            for _ in 0..16 {
                name = format!("{base}{}", self.rng.suffix(5));
                if self.store.get_named(rt.kind, &namespace, &name).is_none() {
                    break;
                }
            }
            object::set(&mut obj, &["metadata", "name"], s(name.clone()));
        }
        let mut errs = validate::name(rt.kind, &name, "metadata.name");
        if !errs.is_empty() {
            return Err(invalid(rt, &name, errs));
        }
        if rt.namespaced {
            match self.store.get_named("Namespace", "", &namespace) {
                None => {
                    return Err(ApiError::NotFound {
                        resource: "namespaces".into(),
                        name: namespace,
                    })
                }
                Some(ns) if object::is_terminating(ns) => {
                    return Err(ApiError::Forbidden(format!(
                        "{} \"{name}\" is forbidden: unable to create new content in namespace {namespace} because it is being terminated",
                        rt.qualified_plural()
                    )))
                }
                _ => {}
            }
        }
        defaults::apply(rt.kind, &mut obj);
        errs.extend(validate::object(rt.kind, &obj));
        if !errs.is_empty() {
            return Err(invalid(rt, &name, errs));
        }
        if self.store.get_named(rt.kind, &namespace, &name).is_some() {
            return Err(ApiError::AlreadyExists {
                resource: rt.qualified_plural(),
                name,
            });
        }
        // The store is bounded like etcd's space quota, so that `--replicas=2147483647` or a
        // loop of creates cannot take the page's memory; events are bounded on their own.
        if self.store.len().saturating_sub(self.store.count("Event")) >= MAX_OBJECTS {
            return Err(ApiError::Storage(
                "etcdserver: mvcc: database space exceeded".into(),
            ));
        }
        self.admit(rt, &mut obj)?;
        // Server-owned metadata.
        let uid = self.rng.uuid();
        if rt.kind == "Job" {
            job_selector(&mut obj, &uid);
        }
        let meta = object::object_mut(&mut obj, &["metadata"]);
        meta.insert("uid".into(), s(uid));
        meta.insert("creationTimestamp".into(), s(self.now.rfc3339()));
        meta.remove("deletionTimestamp");
        meta.remove("resourceVersion");
        if has_generation(rt.kind) {
            meta.insert("generation".into(), json!(1));
        } else {
            meta.remove("generation");
        }
        initial_status(rt.kind, &mut obj);
        // The stored version, shared: a controller making 10,000 pods need not copy each.
        Ok(self.store.put(obj))
    }

    /// Mutating admission: what a default kube-apiserver's plugins add.
    fn admit(&mut self, rt: &ResourceType, obj: &mut Value) -> Result<(), ApiError> {
        match rt.kind {
            "Pod" => {
                self.admit_pod(obj);
                Ok(())
            }
            "Service" => self.allocate_service(rt, obj, None),
            _ => Ok(()),
        }
    }

    fn admit_pod(&mut self, obj: &mut Value) {
        let suffix = self.rng.suffix(5);
        let Some(spec) = obj.get_mut("spec") else {
            return;
        };
        // Priority.
        let class = object::str_at(spec, &["priorityClassName"])
            .unwrap_or("")
            .to_string();
        let priority = match class.as_str() {
            "system-node-critical" => 2_000_001_000,
            "system-cluster-critical" => 2_000_000_000,
            _ => 0,
        };
        object::set(spec, &["priority"], json!(priority));
        if object::get(spec, &["preemptionPolicy"]).is_none() {
            object::set(spec, &["preemptionPolicy"], s("PreemptLowerPriority"));
        }
        // ServiceAccount: the account and its projected token volume.
        let sa = object::str_at(spec, &["serviceAccountName"])
            .or_else(|| object::str_at(spec, &["serviceAccount"]))
            .unwrap_or("default")
            .to_string();
        object::set(spec, &["serviceAccountName"], s(sa.clone()));
        object::set(spec, &["serviceAccount"], s(sa));
        let automount = object::get(spec, &["automountServiceAccountToken"])
            .and_then(Value::as_bool)
            != Some(false);
        if automount {
            let volume = format!("kube-api-access-{suffix}");
            let mount = json!({"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": volume, "readOnly": true});
            for list in ["initContainers", "containers"] {
                if let Some(Value::Array(cs)) = spec.get_mut(list) {
                    for c in cs {
                        let mounts = object::object_mut(c, &[])
                            .entry("volumeMounts")
                            .or_insert_with(|| json!([]));
                        if let Value::Array(m) = mounts {
                            m.push(mount.clone());
                        }
                    }
                }
            }
            let vol = json!({"name": volume, "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]}});
            let volumes = object::object_mut(spec, &[])
                .entry("volumes")
                .or_insert_with(|| json!([]));
            if let Value::Array(v) = volumes {
                v.push(vol);
            }
        }
        // DefaultTolerationSeconds.
        let tolerations = object::object_mut(spec, &[])
            .entry("tolerations")
            .or_insert_with(|| json!([]));
        if let Value::Array(t) = tolerations {
            for key in [
                "node.kubernetes.io/not-ready",
                "node.kubernetes.io/unreachable",
            ] {
                let present = t.iter().any(|x| {
                    object::str_at(x, &["key"]) == Some(key)
                        && matches!(object::str_at(x, &["effect"]), Some("NoExecute") | None)
                });
                if !present {
                    t.push(json!({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}));
                }
            }
        }
    }

    /// Allocates ClusterIPs and node ports; `old` is the stored service on update.
    fn allocate_service(
        &mut self,
        rt: &ResourceType,
        obj: &mut Value,
        old: Option<&Value>,
    ) -> Result<(), ApiError> {
        let name = object::name(obj).to_string();
        let Some(spec) = obj.get_mut("spec") else {
            return Ok(());
        };
        let kind = object::str_at(spec, &["type"])
            .unwrap_or("ClusterIP")
            .to_string();
        if kind == "ExternalName" {
            return Ok(());
        }
        let old_ip = old
            .and_then(|o| object::str_at(o, &["spec", "clusterIP"]))
            .map(str::to_string);
        let wanted = object::str_at(spec, &["clusterIP"])
            .unwrap_or("")
            .to_string();
        let ip = match (&old_ip, wanted.as_str()) {
            (Some(old), "") => old.clone(),
            (Some(old), w) if w == old => old.clone(),
            (Some(_), w) => {
                return Err(invalid(
                    rt,
                    &name,
                    vec![FieldError::invalid(
                        "spec.clusterIPs[0]",
                        &format!("[]string{{{w:?}}}"),
                        "may not change once set",
                    )],
                ));
            }
            (None, "None") => "None".to_string(),
            (None, "") => {
                match self.service_ipam.allocate(&mut self.rng) {
                    Some(ip) => ip.to_string(),
                    None => return Err(ApiError::Forbidden(
                        "Internal error occurred: failed to allocate a serviceIP: range is full"
                            .into(),
                    )),
                }
            }
            (None, w) => {
                let ok = w
                    .parse::<Ipv4Addr>()
                    .ok()
                    .is_some_and(|ip| self.service_ipam.claim(ip));
                if !ok {
                    let cidr = self.service_ipam.cidr();
                    let reason = match w.parse::<Ipv4Addr>() {
                        Ok(ip) if !cidr.contains(ip) => format!(
                            "failed to allocate IP {w}: the provided IP ({w}) is not in the valid range. The range of valid IPs is {cidr}"
                        ),
                        _ => format!("failed to allocate IP {w}: provided IP is already allocated"),
                    };
                    return Err(invalid(
                        rt,
                        &name,
                        vec![FieldError::invalid(
                            "spec.clusterIPs",
                            &format!("[]string{{{w:?}}}"),
                            &reason,
                        )],
                    ));
                }
                w.to_string()
            }
        };
        object::set(spec, &["clusterIP"], s(ip.clone()));
        object::set(spec, &["clusterIPs"], json!([ip]));
        if object::get(spec, &["ipFamilies"]).is_none() {
            object::set(spec, &["ipFamilies"], json!(["IPv4"]));
        }
        if object::get(spec, &["ipFamilyPolicy"]).is_none() {
            object::set(spec, &["ipFamilyPolicy"], s("SingleStack"));
        }
        if kind == "NodePort" || kind == "LoadBalancer" {
            let old_ports: Vec<i64> = old
                .map(|o| {
                    object::array_at(o, &["spec", "ports"])
                        .iter()
                        .filter_map(|p| p.get("nodePort")?.as_i64())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Array(ports)) = spec.get_mut("ports") {
                for (i, p) in ports.iter_mut().enumerate() {
                    match p.get("nodePort").and_then(Value::as_i64) {
                        Some(np) if old_ports.contains(&np) => {}
                        Some(np) => {
                            if !self.service_ipam.claim_node_port(np as u16) {
                                return Err(invalid(
                                    rt,
                                    &name,
                                    vec![FieldError::invalid(
                                        format!("spec.ports[{i}].nodePort"),
                                        &np.to_string(),
                                        "provided port is already allocated",
                                    )],
                                ));
                            }
                        }
                        None => {
                            if let Some(np) = self.service_ipam.allocate_node_port(&mut self.rng) {
                                object::set(p, &["nodePort"], json!(np));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Frees what a service held.
    fn release_service(&mut self, svc: &Value) {
        if let Some(ip) = object::str_at(svc, &["spec", "clusterIP"]).and_then(|i| i.parse().ok()) {
            self.service_ipam.release(ip);
        }
        for p in object::array_at(svc, &["spec", "ports"]) {
            if let Some(np) = p.get("nodePort").and_then(Value::as_i64) {
                self.service_ipam.release_node_port(np as u16);
            }
        }
    }

    /// PUT: replaces an object's metadata and spec (status is kept: it has its own subresource).
    pub fn update(&mut self, mut obj: Value) -> Result<Object, ApiError> {
        let rt = self.resource_of(&obj)?;
        crate::schema::check(rt.kind, &obj)?;
        let namespace = if rt.namespaced {
            let ns = object::namespace(&obj);
            if ns.is_empty() {
                "default".to_string()
            } else {
                ns.to_string()
            }
        } else {
            String::new()
        };
        let name = object::name(&obj).to_string();
        let old = self.get(rt, &namespace, &name)?.clone();
        if let Some(rv) = object::str_at(&obj, &["metadata", "resourceVersion"]) {
            if Some(rv) != object::str_at(&old, &["metadata", "resourceVersion"]) {
                return Err(ApiError::Conflict(format!(
                    "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                    rt.qualified_plural()
                )));
            }
        }
        defaults::apply(rt.kind, &mut obj);
        // What the server owns comes from the stored object.
        for key in [
            "uid",
            "creationTimestamp",
            "generation",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generateName",
        ] {
            match object::get(&old, &["metadata", key]) {
                Some(v) => object::set(&mut obj, &["metadata", key], v.clone()),
                None => {
                    object::remove(&mut obj, &["metadata", key]);
                }
            }
        }
        if rt.namespaced {
            object::set(&mut obj, &["metadata", "namespace"], s(namespace.clone()));
        }
        let mut errs = validate::object(rt.kind, &obj);
        errs.extend(immutable_changes(rt.kind, &old, &obj));
        if !errs.is_empty() {
            return Err(invalid(rt, &name, errs));
        }
        if rt.kind == "Pod" {
            // Admission output is not the user's to drop: keep what it added.
            for key in [
                "volumes",
                "tolerations",
                "serviceAccount",
                "serviceAccountName",
                "priority",
                "preemptionPolicy",
                "nodeName",
                "enableServiceLinks",
            ] {
                if let Some(v) = object::get(&old, &["spec", key]) {
                    if object::get(&obj, &["spec", key]).is_none() {
                        object::set(&mut obj, &["spec", key], v.clone());
                    }
                }
            }
            if let (Some(Value::Array(new_cs)), Some(old_cs)) = (
                obj.pointer_mut("/spec/containers"),
                object::get(&old, &["spec", "containers"]).and_then(Value::as_array),
            ) {
                for (c, o) in new_cs.iter_mut().zip(old_cs) {
                    if c.get("volumeMounts").is_none() {
                        if let Some(m) = o.get("volumeMounts") {
                            object::set(c, &["volumeMounts"], m.clone());
                        }
                    }
                }
            }
        }
        if rt.kind == "Service" {
            self.allocate_service(rt, &mut obj, Some(&old))?;
        }
        if let Some(generation) = next_generation(rt.kind, &old, &obj) {
            object::set(&mut obj, &["metadata", "generation"], json!(generation));
        }
        match old.get("status") {
            Some(st) => object::set(&mut obj, &["status"], st.clone()),
            None => {
                object::remove(&mut obj, &["status"]);
            }
        }
        if obj == old {
            return Ok(old);
        }
        self.store.put(obj);
        self.settle();
        Ok(self.get(rt, &namespace, &name)?.clone())
    }

    /// DELETE: pods terminate gracefully; namespaces empty themselves first; other objects go at
    /// once and the garbage collector removes what they owned.
    pub fn delete(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        opts: DeleteOptions,
    ) -> Result<Object, ApiError> {
        let result = self.delete_unsettled(rt, namespace, name, opts)?;
        self.settle();
        Ok(result)
    }

    /// Deletion without running the controllers afterwards (controllers delete through this).
    pub(crate) fn delete_unsettled(
        &mut self,
        rt: &ResourceType,
        namespace: &str,
        name: &str,
        opts: DeleteOptions,
    ) -> Result<Object, ApiError> {
        let ns = if rt.namespaced { namespace } else { "" };
        let obj = self.get(rt, ns, name)?.clone();
        let key = ObjKey::new(ns, name);
        let result = match rt.kind {
            "Pod" => {
                let grace = opts
                    .grace_period_seconds
                    .or_else(|| object::i64_at(&obj, &["spec", "terminationGracePeriodSeconds"]))
                    .unwrap_or(30)
                    .max(0);
                let unscheduled = object::str_at(&obj, &["spec", "nodeName"]).is_none();
                let finished = matches!(
                    object::str_at(&obj, &["status", "phase"]),
                    Some("Succeeded" | "Failed")
                );
                if grace == 0 || unscheduled || finished {
                    self.store.remove("Pod", &key);
                    obj
                } else if object::is_terminating(&obj) {
                    obj
                } else {
                    let mut o = obj;
                    object::set(
                        &mut o,
                        &["metadata", "deletionTimestamp"],
                        s(self.now.plus(grace.saturating_mul(1000)).rfc3339()),
                    );
                    object::set(
                        &mut o,
                        &["metadata", "deletionGracePeriodSeconds"],
                        json!(grace),
                    );
                    Object::clone(&self.store.put(o))
                }
            }
            "Namespace" => {
                if ["default", "kube-system", "kube-public", "kube-node-lease"].contains(&name) {
                    return Err(ApiError::Forbidden(format!(
                        "namespaces \"{name}\" is forbidden: this namespace may not be deleted"
                    )));
                }
                if object::is_terminating(&obj) {
                    obj
                } else {
                    let mut o = obj;
                    object::set(
                        &mut o,
                        &["metadata", "deletionTimestamp"],
                        s(self.now.rfc3339()),
                    );
                    object::set(
                        &mut o,
                        &["metadata", "deletionGracePeriodSeconds"],
                        json!(0),
                    );
                    object::set(&mut o, &["status", "phase"], s("Terminating"));
                    Object::clone(&self.store.put(o))
                }
            }
            _ => {
                if rt.kind == "Service" {
                    self.release_service(&obj);
                }
                self.store.remove(rt.kind, &key);
                obj
            }
        };
        Ok(result)
    }
}

fn invalid(rt: &ResourceType, name: &str, causes: Vec<FieldError>) -> ApiError {
    ApiError::Invalid {
        kind: rt.kind.to_string(),
        group: rt.group.to_string(),
        name: name.to_string(),
        causes,
    }
}

/// The status a new object starts with.
fn initial_status(kind: &str, obj: &mut Value) {
    let status = match kind {
        "Pod" => json!({"phase": "Pending", "qosClass": qos_class(obj)}),
        "Service" => json!({"loadBalancer": {}}),
        "Namespace" => json!({"phase": "Active"}),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => json!({}),
        _ => return,
    };
    if kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet"
    {
        object::remove(obj, &["status"]);
        return;
    }
    object::set(obj, &["status"], status);
}

/// `qos.GetPodQOS`, for the common cases.
fn qos_class(pod: &Value) -> &'static str {
    let containers = object::array_at(pod, &["spec", "containers"]);
    let mut any = false;
    let mut guaranteed = true;
    for c in containers {
        let requests = object::get(c, &["resources", "requests"]).and_then(Value::as_object);
        let limits = object::get(c, &["resources", "limits"]).and_then(Value::as_object);
        if requests.is_some_and(|r| !r.is_empty()) || limits.is_some_and(|l| !l.is_empty()) {
            any = true;
        }
        let full = limits.is_some_and(|l| l.contains_key("cpu") && l.contains_key("memory"));
        let same = match (requests, limits) {
            (Some(r), Some(l)) => r.iter().all(|(k, v)| l.get(k) == Some(v)),
            (None, Some(_)) => true,
            _ => false,
        };
        if !(full && same) {
            guaranteed = false;
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// Fields that may not change after creation.
fn immutable_changes(kind: &str, old: &Value, new: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
            let (a, b) = (
                object::get(old, &["spec", "selector"]),
                object::get(new, &["spec", "selector"]),
            );
            if a != b {
                let labels = b
                    .map(|s| object::string_map(s, &["matchLabels"]))
                    .unwrap_or_default();
                errs.push(FieldError::invalid(
                    "spec.selector",
                    &format!(
                        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}",
                        validate::go_map(&labels)
                    ),
                    "field is immutable",
                ));
            }
        }
        "Pod" => {
            let strip = |v: &Value| {
                let mut spec = v.get("spec").cloned().unwrap_or(Value::Null);
                if let Some(Value::Array(cs)) = spec.get_mut("containers") {
                    for c in cs {
                        object::remove(c, &["image"]);
                    }
                }
                for k in [
                    "activeDeadlineSeconds",
                    "tolerations",
                    "terminationGracePeriodSeconds",
                ] {
                    object::remove(&mut spec, &[k]);
                }
                spec
            };
            if strip(old) != strip(new) {
                errs.push(FieldError::forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
            }
        }
        _ => {}
    }
    errs
}

/// The Job strategy's `generateSelector`: without `manualSelector`, the Job selects its pods by
/// its uid, and its template carries that and the Job's name, in the labels of now and before.
fn job_selector(job: &mut Value, uid: &str) {
    if object::get(job, &["spec", "manualSelector"]).and_then(Value::as_bool) == Some(true) {
        return;
    }
    let name = object::name(job).to_string();
    object::set(
        job,
        &["spec", "selector"],
        json!({"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}),
    );
    let labels = object::object_mut(job, &["spec", "template", "metadata", "labels"]);
    for (k, v) in [
        ("batch.kubernetes.io/controller-uid", uid),
        ("batch.kubernetes.io/job-name", name.as_str()),
        ("controller-uid", uid),
        ("job-name", name.as_str()),
    ] {
        labels.insert(k.into(), s(v));
    }
    // SetDefaults_Job: a Job without labels has its template's (defaulting on read, after the
    // selector was generated, so these too).
    let template = labels.clone();
    let own = object::object_mut(job, &["metadata", "labels"]);
    if own.is_empty() {
        *own = template;
    }
}
