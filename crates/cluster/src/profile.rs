//! Cluster profiles: a one-node kind v1.32 cluster by default, booted through the same API and
//! controllers as everything the learner creates.

use crate::cluster::Cluster;
use crate::network::{Cidr, PodIpam};
use crate::object;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::net::Ipv4Addr;

/// One node of a profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeProfile {
    /// `kind-control-plane`.
    pub name: String,
    /// Its InternalIP.
    pub ip: Ipv4Addr,
    /// Its pod CIDR.
    pub pod_cidr: Cidr,
    /// Whether it is the control plane (runs the static pods).
    pub control_plane: bool,
    /// Whether workloads may not run on it (the control-plane taint).
    pub tainted: bool,
}

/// What kind of cluster to simulate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The kubelet and control-plane version (`v1.32.2`).
    pub kubernetes_version: String,
    /// The nodes.
    pub nodes: Vec<NodeProfile>,
    /// The service CIDR.
    pub service_cidr: Cidr,
    /// kube-dns's ClusterIP.
    pub dns_ip: Ipv4Addr,
    /// The cluster domain (`cluster.local`).
    pub cluster_domain: String,
    /// How long before the session the cluster was created, in milliseconds.
    pub uptime_ms: i64,
    /// The resourceVersion the store starts from.
    pub first_resource_version: u64,
    /// The API server's port on the control-plane node.
    pub api_port: u16,
}

impl Profile {
    /// A fresh single-node kind v1.32 cluster, five minutes old.
    pub fn kind() -> Profile {
        Profile {
            kubernetes_version: "v1.32.2".into(),
            nodes: vec![NodeProfile {
                name: "kind-control-plane".into(),
                ip: Ipv4Addr::new(172, 18, 0, 2),
                pod_cidr: Cidr::new([10, 244, 0, 0], 24),
                control_plane: true,
                tainted: false,
            }],
            service_cidr: Cidr::new([10, 96, 0, 0], 16),
            dns_ip: Ipv4Addr::new(10, 96, 0, 10),
            cluster_domain: "cluster.local".into(),
            uptime_ms: 5 * 60 * 1000,
            first_resource_version: 400,
            api_port: 6443,
        }
    }

    /// kind with two workers (`kind-worker`, `kind-worker2`); the control plane is tainted.
    pub fn kind_multi_node() -> Profile {
        Profile::kind_workers(2)
    }

    /// kind with `n` workers (`kind-worker`, `kind-worker2`, ...), each with its own /24 pod
    /// CIDR; the control plane is tainted. Large clusters for benchmarks use this.
    pub fn kind_workers(n: u16) -> Profile {
        let mut p = Profile::kind();
        if let Some(cp) = p.nodes.first_mut() {
            cp.tainted = true;
        }
        for i in 0..n {
            let name = if i == 0 {
                "kind-worker".to_string()
            } else {
                format!("kind-worker{}", i + 1)
            };
            let host = 3 + u32::from(i);
            p.nodes.push(NodeProfile {
                name,
                ip: Ipv4Addr::new(172, 18, (host / 256) as u8, (host % 256) as u8),
                pod_cidr: Cidr::new(
                    [10, 244 + ((i + 1) / 256) as u8, ((i + 1) % 256) as u8, 0],
                    24,
                ),
                control_plane: false,
                tainted: false,
            });
        }
        p
    }

    /// The control-plane node's address.
    pub fn api_server_ip(&self) -> Ipv4Addr {
        self.nodes
            .iter()
            .find(|n| n.control_plane)
            .map_or(Ipv4Addr::new(172, 18, 0, 2), |n| n.ip)
    }
}

/// Images every kind node image has preloaded.
const PRELOADED: &[&str] = &[
    "registry.k8s.io/coredns/coredns:v1.11.3",
    "registry.k8s.io/etcd:3.5.16-0",
    "registry.k8s.io/kube-apiserver:v1.32.2",
    "registry.k8s.io/kube-controller-manager:v1.32.2",
    "registry.k8s.io/kube-scheduler:v1.32.2",
    "registry.k8s.io/kube-proxy:v1.32.2",
    "docker.io/kindest/kindnetd:v20250214-acbabc1a",
    "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a",
];

fn create(cl: &mut Cluster, obj: Value) {
    // Boot objects are fixed data; a failure here is a bug in this file, caught by the tests.
    let _ = cl.create_unsettled(obj);
}

/// Random streams of boot objects added after the profile's first version: their uids come
/// from a fork of the cluster's generator, so every other name, uid and address stays the same.
const STREAM_KUBERNETES_SLICE: u64 = 1;

/// [`create`], with the object's random parts drawn from its own stream.
fn create_own_stream(cl: &mut Cluster, obj: Value, stream: u64) {
    let fork = cl.rng.fork(stream);
    let main = std::mem::replace(&mut cl.rng, fork);
    create(cl, obj);
    cl.rng = main;
}

/// Creates the cluster's own objects: namespaces, nodes, control plane, DNS, CNI, proxy.
pub fn boot(cl: &mut Cluster) {
    let p = cl.profile.clone();
    for ns in [
        "default",
        "kube-node-lease",
        "kube-public",
        "kube-system",
        "local-path-storage",
    ] {
        create(
            cl,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        );
    }
    for n in &p.nodes {
        cl.pod_ipam.insert(n.name.clone(), PodIpam::new(n.pod_cidr));
        for image in PRELOADED {
            cl.runtime.preload(&n.name, image);
        }
        create(cl, node(&p, n, cl.now.rfc3339()));
    }
    // The API server's own Service and its endpoint.
    let api_ip = p.api_server_ip();
    create(
        cl,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default",
        "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": cl.service_ipam.cidr().nth(1).to_string(), "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": p.api_port}]}}),
    );
    create(
        cl,
        json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "kubernetes", "namespace": "default",
        "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
        "subsets": [{"addresses": [{"ip": api_ip.to_string()}], "ports": [{"name": "https", "port": p.api_port, "protocol": "TCP"}]}]}),
    );
    // Its EndpointSlice, which the API server keeps itself (reconcilers/endpointsadapter.go:
    // named as the Service, only the service-name label, no owner, `ready` the only condition).
    create_own_stream(
        cl,
        json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "kubernetes", "namespace": "default",
        "labels": {"kubernetes.io/service-name": "kubernetes"}},
        "addressType": "IPv4",
        "endpoints": [{"addresses": [api_ip.to_string()], "conditions": {"ready": true}}],
        "ports": [{"name": "https", "port": p.api_port, "protocol": "TCP"}]}),
        STREAM_KUBERNETES_SLICE,
    );
    // Static pods of the control plane (mirror pods owned by the node).
    for n in p.nodes.iter().filter(|n| n.control_plane) {
        // Requests as kubeadm v1.32 writes the manifests (no limits).
        for (component, image, tier, requests) in [
            (
                "etcd",
                "registry.k8s.io/etcd:3.5.16-0",
                "control-plane",
                json!({"cpu": "100m", "memory": "100Mi"}),
            ),
            (
                "kube-apiserver",
                "registry.k8s.io/kube-apiserver:v1.32.2",
                "control-plane",
                json!({"cpu": "250m"}),
            ),
            (
                "kube-controller-manager",
                "registry.k8s.io/kube-controller-manager:v1.32.2",
                "control-plane",
                json!({"cpu": "200m"}),
            ),
            (
                "kube-scheduler",
                "registry.k8s.io/kube-scheduler:v1.32.2",
                "control-plane",
                json!({"cpu": "100m"}),
            ),
        ] {
            let node_obj = cl
                .store
                .get_named("Node", "", &n.name)
                .cloned()
                .unwrap_or(Value::Null);
            create(
                cl,
                json!({"apiVersion": "v1", "kind": "Pod", "metadata": {
                    "name": format!("{component}-{}", n.name), "namespace": "kube-system",
                    "labels": {"component": component, "tier": tier},
                    "annotations": {"kubernetes.io/config.source": "file", "kubernetes.io/config.hash": crate::rng::safe_encode(component)},
                    "ownerReferences": [{"apiVersion": "v1", "controller": true, "kind": "Node", "name": n.name, "uid": object::uid(&node_obj)}]},
                "spec": {"nodeName": n.name, "hostNetwork": true, "priorityClassName": "system-node-critical",
                    "tolerations": [{"effect": "NoExecute", "operator": "Exists"}],
                    "containers": [{"name": component, "image": image, "command": [component], "resources": {"requests": requests}}]}}),
            );
        }
    }
    // DaemonSets: the CNI (kind's manifest: requests = limits, so Guaranteed) and kube-proxy
    // (no resources).
    let kindnet_resources = json!({"cpu": "100m", "memory": "50Mi"});
    for (name, image, label, resources) in [
        (
            "kindnet",
            "docker.io/kindest/kindnetd:v20250214-acbabc1a",
            "kindnet",
            json!({"limits": kindnet_resources, "requests": kindnet_resources}),
        ),
        (
            "kube-proxy",
            "registry.k8s.io/kube-proxy:v1.32.2",
            "kube-proxy",
            json!({}),
        ),
    ] {
        // kind's kindnet manifest selects on `app` and labels with `tier` and `k8s-app` too.
        let (key, labels) = if name == "kindnet" {
            (
                "app",
                json!({"app": label, "k8s-app": label, "tier": "node"}),
            )
        } else {
            ("k8s-app", json!({"k8s-app": label}))
        };
        let mut ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": name, "namespace": "kube-system", "labels": labels},
            "spec": {"selector": {"matchLabels": {key: label}}, "template": {"metadata": {"labels": labels},
                "spec": {"hostNetwork": true, "priorityClassName": "system-node-critical", "tolerations": [{"operator": "Exists"}],
                    "containers": [{"name": name, "image": image, "resources": resources}]}}}});
        if name == "kube-proxy" {
            // kubeadm's kube-proxy runs on Linux nodes only.
            object::set(
                &mut ds,
                &["spec", "template", "spec", "nodeSelector"],
                json!({"kubernetes.io/os": "linux"}),
            );
        }
        create(cl, ds);
    }
    // CoreDNS and its Service at the fixed address.
    create(
        cl,
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "coredns", "namespace": "kube-system"}}),
    );
    create(
        cl,
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
            "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}}, "spec": {
                "priorityClassName": "system-cluster-critical", "serviceAccountName": "coredns", "dnsPolicy": "Default",
                "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}],
                "containers": [{"name": "coredns", "image": "registry.k8s.io/coredns/coredns:v1.11.3", "args": ["-conf", "/etc/coredns/Corefile"],
                    "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                    "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"}, {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"}, {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}]}]}}}}),
    );
    create(
        cl,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kube-dns", "namespace": "kube-system",
        "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"},
        "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}},
        "spec": {"clusterIP": p.dns_ip.to_string(), "selector": {"k8s-app": "kube-dns"}, "ports": [
            {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
            {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
            {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}]}}),
    );
    create(
        cl,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "coredns", "namespace": "kube-system"},
        "data": {"Corefile": COREFILE}}),
    );
}

/// Creates what starts after the network: the storage provisioner.
pub fn boot_addons(cl: &mut Cluster) {
    // The storage provisioner kind ships.
    create(
        cl,
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "local-path-provisioner", "namespace": "local-path-storage"},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "local-path-provisioner"}},
            "template": {"metadata": {"labels": {"app": "local-path-provisioner"}}, "spec": {
                "tolerations": [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane", "operator": "Equal"}],
                "containers": [{"name": "local-path-provisioner", "image": "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a"}]}}}}),
    );
}

const COREFILE: &str = ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n";

fn node(p: &Profile, n: &NodeProfile, now: String) -> Value {
    let mut labels = json!({
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
    });
    if n.control_plane {
        object::set(
            &mut labels,
            &["node-role.kubernetes.io/control-plane"],
            json!(""),
        );
    }
    let mut spec = json!({"podCIDR": n.pod_cidr.to_string(), "podCIDRs": [n.pod_cidr.to_string()], "providerID": format!("kind://docker/kind/{}", n.name)});
    if n.tainted {
        object::set(
            &mut spec,
            &["taints"],
            json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]),
        );
    }
    let cond = |t: &str, status: &str, reason: &str, msg: &str| json!({"lastHeartbeatTime": now, "lastTransitionTime": now, "message": msg, "reason": reason, "status": status, "type": t});
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": n.name, "labels": labels, "annotations": {
            "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": spec,
        "status": {
            "addresses": [{"address": n.ip.to_string(), "type": "InternalIP"}, {"address": n.name, "type": "Hostname"}],
            "allocatable": {"cpu": "2", "ephemeral-storage": "253869360Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "24558964Ki", "pods": "110"},
            "capacity": {"cpu": "2", "ephemeral-storage": "253869360Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "24558964Ki", "pods": "110"},
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {
                "architecture": "amd64", "bootID": "5f2d3c1e-8a4b-4c6d-9e0f-1a2b3c4d5e6f", "containerRuntimeVersion": "containerd://2.0.2",
                "kernelVersion": "6.8.0-1015-gcp", "kubeProxyVersion": p.kubernetes_version, "kubeletVersion": p.kubernetes_version,
                "machineID": "8d2f6c4e1b3a4f5e9c7d0a1b2c3d4e5f", "operatingSystem": "linux",
                "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": "8d2f6c4e-1b3a-4f5e-9c7d-0a1b2c3d4e5f"},
        },
    })
}
