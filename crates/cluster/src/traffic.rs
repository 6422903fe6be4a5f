//! Traffic: a TCP connection from a node or a pod to an address, routed as kube-proxy (iptables
//! mode) and the pod network route it, and HTTP over it to the program listening there.

use crate::apps::{self, HttpRequest, HttpResponse, Proto};
use crate::cluster::Cluster;
use crate::kubelet::State;
use crate::object;
use serde_json::Value;
use std::collections::VecDeque;
use std::net::Ipv4Addr;

/// Where a connection starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The lab host: a node's network namespace.
    Node(String),
    /// Inside a pod (by uid).
    Pod(String),
}

/// Why a connection failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// RST or REJECT: nothing listens, or a Service has no ready endpoint.
    Refused,
    /// Nothing answers at all (SYNs dropped); the client gives up after its timeout.
    Timeout,
    /// No host has the address on the pod network (ARP fails after about 3 s).
    Unreachable,
}

/// A `kubectl port-forward` listener on the lab host's loopback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortForward {
    /// The pod it forwards to.
    pub pod_uid: String,
    /// The pod's port.
    pub remote: u16,
    /// Connections handled so far.
    pub connections: u64,
}

/// Where a connection ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connected {
    /// The pod that accepted it (uid).
    pub pod_uid: String,
    /// That pod's name.
    pub pod_name: String,
    /// The pod's address.
    pub pod_ip: Ipv4Addr,
    /// The port on the pod.
    pub port: u16,
    /// The Service it went through, as `namespace/name`, if any.
    pub via_service: Option<String>,
}

/// A connection that went through a Service, for the cluster view to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// When.
    pub at: crate::time::Time,
    /// `namespace/name` of the Service.
    pub service: Option<String>,
    /// The pod that answered.
    pub pod: String,
}

/// How many flows the cluster remembers for the view.
const FLOWS: usize = 50;

impl Cluster {
    fn service_by_cluster_ip(&self, ip: Ipv4Addr) -> Option<&Value> {
        let ip = ip.to_string();
        self.store
            .list("Service")
            .find(|s| object::str_at(s, &["spec", "clusterIP"]) == Some(ip.as_str()))
    }

    fn node_by_ip(&self, ip: Ipv4Addr) -> Option<&Value> {
        let ip = ip.to_string();
        self.store.list("Node").find(|n| {
            object::array_at(n, &["status", "addresses"])
                .iter()
                .any(|a| object::str_at(a, &["address"]) == Some(ip.as_str()))
        })
    }

    /// Picks a ready endpoint of `svc` for service port `port` at random, as the iptables rules'
    /// `statistic --mode random` chain does: `(pod ip, target port)`.
    fn pick_endpoint(
        &mut self,
        svc: &Value,
        port_matches: impl Fn(&Value) -> bool,
    ) -> Result<(Ipv4Addr, u16), ConnectError> {
        let ports = object::array_at(svc, &["spec", "ports"]);
        let Some(sp) = ports.iter().find(|p| {
            port_matches(p) && object::str_at(p, &["protocol"]).unwrap_or("TCP") == "TCP"
        }) else {
            return Err(ConnectError::Timeout);
        };
        let port_name = object::str_at(sp, &["name"]);
        let ep = self
            .store
            .get_named("Endpoints", object::namespace(svc), object::name(svc));
        let mut choices: Vec<(Ipv4Addr, u16)> = Vec::new();
        for subset in ep.map(|e| object::array_at(e, &["subsets"])).unwrap_or(&[]) {
            let Some(port) = object::array_at(subset, &["ports"])
                .iter()
                .find(|p| object::str_at(p, &["name"]) == port_name)
                .and_then(|p| object::i64_at(p, &["port"]))
            else {
                continue;
            };
            for a in object::array_at(subset, &["addresses"]) {
                if let Some(ip) = object::str_at(a, &["ip"]).and_then(|i| i.parse().ok()) {
                    choices.push((ip, port as u16));
                }
            }
        }
        if choices.is_empty() {
            return Err(ConnectError::Refused);
        }
        let i = self.rng.below(choices.len() as u64) as usize;
        choices.get(i).copied().ok_or(ConnectError::Refused)
    }

    /// Opens a TCP connection to `ip:port` from `origin`.
    pub fn connect(
        &mut self,
        origin: &Origin,
        ip: Ipv4Addr,
        port: u16,
    ) -> Result<Connected, ConnectError> {
        let mut via = None;
        let (ip, port) = if let Some(svc) = self.service_by_cluster_ip(ip).cloned() {
            via = Some(format!(
                "{}/{}",
                object::namespace(&svc),
                object::name(&svc)
            ));
            self.pick_endpoint(&svc, |p| {
                object::i64_at(p, &["port"]) == Some(i64::from(port))
            })?
        } else if ip.is_loopback() || self.node_by_ip(ip).is_some() {
            let local_pod = match origin {
                Origin::Pod(uid) if ip.is_loopback() => Some(uid.clone()),
                _ => None,
            };
            if let Some(uid) = local_pod {
                return self.connect_pod(&uid, port, None);
            }
            // A `kubectl port-forward` listening on the host's loopback.
            let forward = match origin {
                Origin::Node(_) if ip.is_loopback() => self.forwards.get_mut(&port),
                _ => None,
            };
            if let Some(f) = forward {
                f.connections += 1;
                let (uid, remote) = (f.pod_uid.clone(), f.remote);
                return self.connect_pod(&uid, remote, None);
            }
            let svc = self.store.list("Service").find(|s| {
                matches!(
                    object::str_at(s, &["spec", "type"]),
                    Some("NodePort" | "LoadBalancer")
                ) && object::array_at(s, &["spec", "ports"])
                    .iter()
                    .any(|p| object::i64_at(p, &["nodePort"]) == Some(i64::from(port)))
            });
            match svc.cloned() {
                Some(svc) => {
                    via = Some(format!(
                        "{}/{}",
                        object::namespace(&svc),
                        object::name(&svc)
                    ));
                    self.pick_endpoint(&svc, |p| {
                        object::i64_at(p, &["nodePort"]) == Some(i64::from(port))
                    })?
                }
                None => {
                    // A host-network pod may listen on the node's address.
                    let host_pod = self.runtime_pod_listening_on_host(ip, port);
                    return match host_pod {
                        Some(uid) => self.connect_pod(&uid, port, None),
                        None => Err(ConnectError::Refused),
                    };
                }
            }
        } else {
            (ip, port)
        };
        let Some(uid) = self.runtime.pod_by_ip(ip).map(|p| {
            let key = p.key.clone();
            (
                key,
                self.store
                    .get("Pod", &p.key)
                    .map(|o| object::uid(o).to_string()),
            )
        }) else {
            let in_pod_cidr = self.profile.nodes.iter().any(|n| n.pod_cidr.contains(ip));
            return Err(if in_pod_cidr {
                ConnectError::Unreachable
            } else {
                ConnectError::Timeout
            });
        };
        let Some(uid) = uid.1 else {
            return Err(ConnectError::Unreachable);
        };
        let connected = self.connect_pod(&uid, port, via.clone())?;
        if via.is_some() {
            if self.flows.len() >= FLOWS {
                self.flows.pop_front();
            }
            self.flows.push_back(Flow {
                at: self.now,
                service: via,
                pod: connected.pod_name.clone(),
            });
        }
        Ok(connected)
    }

    fn runtime_pod_listening_on_host(&self, ip: Ipv4Addr, port: u16) -> Option<String> {
        let node = self.node_by_ip(ip).map(|n| object::name(n).to_string())?;
        self.store
            .list("Pod")
            .filter(|p| {
                object::get(p, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true)
            })
            .filter(|p| object::str_at(p, &["spec", "nodeName"]) == Some(node.as_str()))
            .find(|p| {
                self.listeners(p)
                    .iter()
                    .any(|(lp, proto, _)| *lp == port && *proto == Proto::Tcp)
            })
            .map(|p| object::uid(p).to_string())
    }

    /// (port, protocol, container index) of every socket the pod's running containers listen on.
    fn listeners(&self, pod: &Value) -> Vec<(u16, Proto, usize)> {
        let Some(rt) = self.runtime.pod(object::uid(pod)) else {
            return Vec::new();
        };
        let specs = object::array_at(pod, &["spec", "containers"]);
        let mut out = Vec::new();
        for (i, c) in rt.containers.iter().enumerate() {
            if !matches!(c.state, State::Running { .. })
                || !matches!(c.process, Some(crate::process::Process::Serve))
            {
                continue;
            }
            let Some(app) = c.app else { continue };
            let env = specs
                .get(i)
                .map(|s| crate::kubelet::container_env(self, pod, s))
                .unwrap_or_default();
            for (p, proto) in apps::listening(app, &env) {
                out.push((p, proto, i));
            }
        }
        out
    }

    fn connect_pod(
        &mut self,
        uid: &str,
        port: u16,
        via: Option<String>,
    ) -> Result<Connected, ConnectError> {
        let Some(rt) = self.runtime.pod(uid) else {
            return Err(ConnectError::Unreachable);
        };
        let key = rt.key.clone();
        let ip = rt.ip.ok_or(ConnectError::Unreachable)?;
        let pod = self
            .store
            .get("Pod", &key)
            .cloned()
            .ok_or(ConnectError::Unreachable)?;
        if !self
            .listeners(&pod)
            .iter()
            .any(|(p, proto, _)| *p == port && *proto == Proto::Tcp)
        {
            return Err(ConnectError::Refused);
        }
        Ok(Connected {
            pod_uid: uid.to_string(),
            pod_name: object::name(&pod).to_string(),
            pod_ip: ip,
            port,
            via_service: via,
        })
    }

    /// `kubectl port-forward`: listens on the host's loopback `local` and forwards each
    /// connection to `remote` of the pod `pod_uid`. `false` when `local` is taken.
    pub fn forward_port(&mut self, local: u16, pod_uid: &str, remote: u16) -> bool {
        if self.forwards.contains_key(&local) {
            return false;
        }
        self.forwards.insert(
            local,
            PortForward {
                pod_uid: pod_uid.to_string(),
                remote,
                connections: 0,
            },
        );
        true
    }

    /// Stops listening on `local`.
    pub fn close_forward(&mut self, local: u16) {
        self.forwards.remove(&local);
    }

    /// How many connections the port forward on `local` has handled.
    pub fn forward_connections(&self, local: u16) -> Option<u64> {
        self.forwards.get(&local).map(|f| f.connections)
    }

    /// Sends one HTTP request over a new connection; the answering program logs it.
    pub fn http(
        &mut self,
        origin: &Origin,
        ip: Ipv4Addr,
        port: u16,
        req: &HttpRequest,
    ) -> Result<(Connected, Option<HttpResponse>), ConnectError> {
        let conn = self.connect(origin, ip, port)?;
        let Some(rt) = self.runtime.pod(&conn.pod_uid) else {
            return Ok((conn, None));
        };
        let Some(pod) = self.store.get("Pod", &rt.key).cloned() else {
            return Ok((conn, None));
        };
        let listeners = self.listeners(&pod);
        let Some(&(_, _, idx)) = listeners.iter().find(|(p, _, _)| *p == conn.port) else {
            return Ok((conn, None));
        };
        let spec = object::array_at(&pod, &["spec", "containers"])
            .get(idx)
            .cloned()
            .unwrap_or(Value::Null);
        let env = crate::kubelet::container_env(self, &pod, &spec);
        let hostname = object::name(&pod).to_string();
        let now = self.now;
        let Some(c) = self.runtime.pods_mut_container(&conn.pod_uid, idx) else {
            return Ok((conn, None));
        };
        let Some(app) = c.app else {
            return Ok((conn, None));
        };
        let resp = apps::serve_http(app, &hostname, conn.port, &env, req, now, c);
        Ok((conn, resp))
    }

    /// The connections that recently went through Services, oldest first.
    pub fn flows(&self) -> &VecDeque<Flow> {
        &self.flows.0
    }
}
