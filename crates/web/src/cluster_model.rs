//! What the cluster view draws, computed from the cluster: nodes, workloads with their pods,
//! Services with their ClusterIP and endpoints, and which pod answered recent connections
//! through a Service. Pure: tested natively; the component only lays it out.

use cluster::object::{self, array_at, i64_at, str_at};
use cluster::pod_row::pod_status;
use cluster::{Cluster, Time};
use serde_json::Value;
use std::collections::BTreeMap;

/// How long a pod that answered stays highlighted (virtual milliseconds).
pub const ANSWER_WINDOW_MS: i64 = 15_000;

/// A pod's health, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Running and ready.
    Ok,
    /// On its way (Pending, ContainerCreating, Running but not ready).
    Starting,
    /// Something is wrong (ErrImagePull, CrashLoopBackOff, Error...).
    Bad,
    /// Terminating or finished.
    Gone,
}

impl Health {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::Starting => "starting",
            Health::Bad => "bad",
            Health::Gone => "gone",
        }
    }
}

/// A pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    /// `status.podIP`, or empty.
    pub ip: String,
    /// kubectl's STATUS column.
    pub status: String,
    /// Ready containers / containers.
    pub ready: (usize, usize),
    pub node: String,
    pub health: Health,
    /// Connections through a Service it answered recently.
    pub hits: usize,
    /// It answered the latest connection through a Service.
    pub last: bool,
}

/// Pods with the same controller (a ReplicaSet, a StatefulSet...), or bare pods.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The controller's kind, empty for bare pods.
    pub kind: String,
    /// The controller's name, empty for bare pods.
    pub name: String,
    /// The Deployment owning a ReplicaSet.
    pub owner: Option<String>,
    /// Desired and ready replicas, when the controller has them.
    pub replicas: Option<(i64, i64)>,
    pub pods: Vec<PodView>,
}

/// An endpoint of a Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointView {
    pub ip: String,
    /// The pod behind it.
    pub pod: String,
    pub ready: bool,
}

/// A Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceView {
    pub namespace: String,
    pub name: String,
    /// `ClusterIP`, `NodePort`...
    pub kind: String,
    /// The ClusterIP, `None` for a headless Service.
    pub cluster_ip: String,
    /// `80→8080/TCP`, comma-separated.
    pub ports: String,
    /// `app=web`.
    pub selector: String,
    pub endpoints: Vec<EndpointView>,
    /// The pod that answered the latest connection through it, and when.
    pub last: Option<(String, Time)>,
}

/// A node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    /// InternalIP.
    pub ip: String,
    /// `control-plane`, or empty.
    pub roles: String,
    /// Pods on it (all namespaces).
    pub pods: usize,
}

/// A recent connection through a Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowView {
    pub service: String,
    pub pod: String,
    /// Milliseconds ago (virtual).
    pub ago: i64,
}

/// The whole picture.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub nodes: Vec<NodeView>,
    pub groups: Vec<Group>,
    pub services: Vec<ServiceView>,
    /// Newest first.
    pub flows: Vec<FlowView>,
    /// Namespaces that exist.
    pub namespaces: Vec<String>,
    /// Pods shown (after the namespace and filter).
    pub pod_count: usize,
    /// Pods per health, for the summary: ok, starting, bad, gone.
    pub counts: [usize; 4],
}

fn health(status: &str, ready: (usize, usize)) -> Health {
    match status {
        "Running" if ready.0 == ready.1 => Health::Ok,
        "Running" | "Pending" | "ContainerCreating" | "PodInitializing" | "NotReady" => {
            Health::Starting
        }
        "Terminating" | "Completed" | "Succeeded" => Health::Gone,
        s if s.starts_with("Init:") => Health::Starting,
        _ => Health::Bad,
    }
}

fn ports(svc: &Value) -> String {
    array_at(svc, &["spec", "ports"])
        .iter()
        .map(|p| {
            let port = i64_at(p, &["port"]).unwrap_or(0);
            let target = p
                .get("targetPort")
                .map(|t| match t {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_else(|| port.to_string());
            let proto = str_at(p, &["protocol"]).unwrap_or("TCP");
            let node = i64_at(p, &["nodePort"])
                .map(|n| format!(" :{n}"))
                .unwrap_or_default();
            format!("{port}→{target}/{proto}{node}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds the picture for one namespace (`None`: all), keeping pods whose name contains
/// `filter` (and the groups and Services that have any, or whose name matches).
pub fn build(cluster: &Cluster, namespace: Option<&str>, filter: &str) -> View {
    let store = cluster.store();
    let now = cluster.now();
    let in_ns = |v: &Value| namespace.is_none_or(|ns| object::namespace(v) == ns);
    let filter = filter.trim().to_lowercase();
    let matches = |name: &str| filter.is_empty() || name.to_lowercase().contains(&filter);

    // Flows: which pod answered, per Service, recently.
    let mut hits: BTreeMap<String, usize> = BTreeMap::new();
    let mut last_by_service: BTreeMap<String, (String, Time)> = BTreeMap::new();
    let flows_all = cluster.flows();
    let latest_pod = flows_all
        .back()
        .filter(|f| now.since(f.at) <= ANSWER_WINDOW_MS)
        .map(|f| f.pod.clone());
    for f in flows_all {
        if let Some(svc) = &f.service {
            last_by_service.insert(svc.clone(), (f.pod.clone(), f.at));
        }
        if now.since(f.at) <= ANSWER_WINDOW_MS {
            *hits.entry(f.pod.clone()).or_default() += 1;
        }
    }
    let flows = flows_all
        .iter()
        .rev()
        .take(8)
        .map(|f| FlowView {
            service: f.service.clone().unwrap_or_default(),
            pod: f.pod.clone(),
            ago: now.since(f.at),
        })
        .collect();

    let mut pods_on_node: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    let mut counts = [0usize; 4];
    let mut pod_count = 0;
    for p in store.list("Pod") {
        let node = str_at(p, &["spec", "nodeName"]).unwrap_or("").to_string();
        *pods_on_node.entry(node.clone()).or_default() += 1;
        if !in_ns(p) || !matches(object::name(p)) {
            continue;
        }
        let (status, ready, total, _, _) = pod_status(p);
        let h = health(&status, (ready, total));
        let slot = match h {
            Health::Ok => 0,
            Health::Starting => 1,
            Health::Bad => 2,
            Health::Gone => 3,
        };
        if let Some(c) = counts.get_mut(slot) {
            *c += 1;
        }
        pod_count += 1;
        let name = object::name(p).to_string();
        let view = PodView {
            namespace: object::namespace(p).to_string(),
            ip: str_at(p, &["status", "podIP"]).unwrap_or("").to_string(),
            status,
            ready: (ready, total),
            node,
            health: h,
            hits: hits.get(&name).copied().unwrap_or(0),
            last: latest_pod.as_deref() == Some(name.as_str()),
            name,
        };
        let (kind, owner) = match object::controller_of(p) {
            Some((k, n, _)) => (k.to_string(), n.to_string()),
            None => (String::new(), String::new()),
        };
        let key = (view.namespace.clone(), format!("{kind}/{owner}"));
        groups
            .entry(key)
            .or_insert_with(|| Group {
                kind: kind.clone(),
                name: owner.clone(),
                owner: None,
                replicas: None,
                pods: Vec::new(),
            })
            .pods
            .push(view);
    }
    // Controllers: their replica counts, and those without pods (scaled to zero are left out).
    for kind in ["ReplicaSet", "StatefulSet", "DaemonSet", "Job"] {
        for c in store.list(kind) {
            if !in_ns(c) {
                continue;
            }
            let name = object::name(c).to_string();
            let key = (object::namespace(c).to_string(), format!("{kind}/{name}"));
            let desired = match kind {
                "DaemonSet" => i64_at(c, &["status", "desiredNumberScheduled"]).unwrap_or(0),
                "Job" => i64_at(c, &["spec", "completions"]).unwrap_or(1),
                _ => i64_at(c, &["spec", "replicas"]).unwrap_or(1),
            };
            let ready = match kind {
                "DaemonSet" => i64_at(c, &["status", "numberReady"]),
                "Job" => i64_at(c, &["status", "succeeded"]),
                _ => i64_at(c, &["status", "readyReplicas"]),
            }
            .unwrap_or(0);
            let owner = object::controller_of(c).map(|(_, n, _)| n.to_string());
            let has_pods = groups.contains_key(&key);
            if !has_pods && (desired == 0 || !(matches(&name) || filter.is_empty())) {
                continue;
            }
            let g = groups.entry(key).or_insert_with(|| Group {
                kind: kind.to_string(),
                name: name.clone(),
                owner: None,
                replicas: None,
                pods: Vec::new(),
            });
            g.owner = owner;
            g.replicas = Some((desired, ready));
        }
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    for g in &mut groups {
        cluster::sort::sort_by(&mut g.pods, |a, b| a.name.cmp(&b.name));
    }
    // Controllers first (by name), bare pods last.
    cluster::sort::sort_by(&mut groups, |a, b| {
        (a.kind.is_empty(), &a.name).cmp(&(b.kind.is_empty(), &b.name))
    });

    let mut services = Vec::new();
    for s in store.list("Service") {
        if !in_ns(s) {
            continue;
        }
        let name = object::name(s).to_string();
        let ns = object::namespace(s).to_string();
        let mut endpoints = Vec::new();
        if let Some(ep) = store.get_named("Endpoints", &ns, &name) {
            for subset in array_at(ep, &["subsets"]) {
                for (key, ready) in [("addresses", true), ("notReadyAddresses", false)] {
                    for a in array_at(subset, &[key]) {
                        endpoints.push(EndpointView {
                            ip: str_at(a, &["ip"]).unwrap_or("").to_string(),
                            pod: str_at(a, &["targetRef", "name"]).unwrap_or("").to_string(),
                            ready,
                        });
                    }
                }
            }
        }
        let has_matching_pod = endpoints.iter().any(|e| matches(&e.pod));
        if !matches(&name) && !has_matching_pod {
            continue;
        }
        cluster::sort::sort_by(&mut endpoints, |a, b| a.pod.cmp(&b.pod));
        let selector = object::string_map(s, &["spec", "selector"])
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        services.push(ServiceView {
            last: last_by_service.get(&format!("{ns}/{name}")).cloned(),
            kind: str_at(s, &["spec", "type"])
                .unwrap_or("ClusterIP")
                .to_string(),
            cluster_ip: str_at(s, &["spec", "clusterIP"]).unwrap_or("").to_string(),
            ports: ports(s),
            selector,
            endpoints,
            namespace: ns,
            name,
        });
    }

    let nodes = store
        .list("Node")
        .map(|n| {
            let name = object::name(n).to_string();
            let ready = array_at(n, &["status", "conditions"]).iter().any(|c| {
                str_at(c, &["type"]) == Some("Ready") && str_at(c, &["status"]) == Some("True")
            });
            let ip = array_at(n, &["status", "addresses"])
                .iter()
                .find(|a| str_at(a, &["type"]) == Some("InternalIP"))
                .and_then(|a| str_at(a, &["address"]))
                .unwrap_or("")
                .to_string();
            let roles = object::labels(n)
                .keys()
                .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/"))
                .collect::<Vec<_>>()
                .join(",");
            NodeView {
                pods: pods_on_node.get(&name).copied().unwrap_or(0),
                name,
                ready,
                ip,
                roles,
            }
        })
        .collect();

    let namespaces = store
        .list("Namespace")
        .map(|n| object::name(n).to_string())
        .collect();

    View {
        nodes,
        groups,
        services,
        flows,
        namespaces,
        pod_count,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shell::Session;

    fn run(s: &mut Session, lines: &[&str]) {
        for l in lines {
            s.run_line(l);
        }
    }

    #[test]
    fn the_services_lesson_picture() {
        let mut s = Session::new(11, Time(1_780_000_000_000));
        run(
            &mut s,
            &[
                "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0",
                "kubectl scale --replicas=3 deployment web",
                "kubectl expose deployment web --name=web-service --port=80 --target-port=8080",
                "sleep 20",
            ],
        );
        let v = build(s.cluster(), Some("default"), "");
        assert_eq!(v.nodes.len(), 1);
        assert!(v.nodes[0].ready && v.nodes[0].roles == "control-plane");
        assert_eq!(v.groups.len(), 1);
        let g = &v.groups[0];
        assert_eq!(g.kind, "ReplicaSet");
        assert_eq!(g.owner.as_deref(), Some("web"));
        assert_eq!(g.replicas, Some((3, 3)));
        assert_eq!(g.pods.len(), 3);
        assert!(g
            .pods
            .iter()
            .all(|p| p.health == Health::Ok && p.ip.starts_with("10.244.")));
        let svc = v.services.iter().find(|s| s.name == "web-service");
        let svc = svc
            .cloned()
            .unwrap_or_else(|| std::panic::panic_any("no service"));
        assert_eq!(svc.ports, "80→8080/TCP");
        assert_eq!(svc.selector, "app=web");
        assert_eq!(svc.endpoints.len(), 3);
        assert!(svc.last.is_none());
        // A curl through the ClusterIP: the view says which pod answered.
        run(&mut s, &[&format!("curl -s {}:80", svc.cluster_ip)]);
        let v = build(s.cluster(), Some("default"), "");
        let svc = v.services.iter().find(|s| s.name == "web-service").cloned();
        let (pod, _) = svc.and_then(|s| s.last).unwrap_or_default();
        let answered: Vec<&PodView> = v.groups[0].pods.iter().filter(|p| p.last).collect();
        assert_eq!(answered.len(), 1);
        assert_eq!(answered[0].name, pod);
        assert_eq!(answered[0].hits, 1);
        assert_eq!(v.flows.len(), 1);
        assert_eq!(v.flows[0].service, "default/web-service");
        // Filters.
        assert_eq!(build(s.cluster(), Some("default"), &pod).pod_count, 1);
        assert_eq!(
            build(s.cluster(), Some("kube-system"), "").services.len(),
            1
        );
        assert!(build(s.cluster(), None, "").pod_count > 3);
        assert_eq!(v.counts, [3, 0, 0, 0]);
    }

    #[test]
    fn three_hundred_pods() {
        let mut s = Session::new(2, Time(1_780_000_000_000));
        run(
            &mut s,
            &[
                "kubectl create deployment big --image=nginx --replicas=300",
                "sleep 30",
            ],
        );
        let v = build(s.cluster(), Some("default"), "");
        assert_eq!(v.pod_count, 300);
        assert_eq!(v.groups.len(), 1);
    }
}
