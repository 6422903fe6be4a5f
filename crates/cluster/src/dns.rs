//! Cluster DNS with CoreDNS's `kubernetes` plugin semantics, and the resolver's search list.

use crate::cluster::Cluster;
use crate::object;
use serde_json::Value;
use std::net::Ipv4Addr;

/// The answer to one query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A records: (owner name, address), in the order the server sent them.
    A(Vec<(String, Ipv4Addr)>),
    /// A CNAME (ExternalName services), then what it resolved to upstream.
    Cname(String),
    /// The name exists but has no A record (a headless service without ready endpoints).
    NoData,
    /// No such name.
    NxDomain,
}

/// The result of a lookup through the search list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    /// The fully qualified name that answered (or the last one tried).
    pub fqdn: String,
    /// Whether the answer is authoritative (cluster names are).
    pub authoritative: bool,
    /// The answer.
    pub answer: Answer,
}

/// The search list of a pod in `namespace` with `dnsPolicy: ClusterFirst`.
pub fn search_list(namespace: &str, domain: &str) -> Vec<String> {
    vec![
        format!("{namespace}.svc.{domain}"),
        format!("svc.{domain}"),
        domain.to_string(),
    ]
}

/// A few names outside the cluster that the lab's upstream resolver knows.
const UPSTREAM: &[(&str, [u8; 4])] = &[
    ("kubernetes.io", [15, 197, 167, 90]),
    ("www.google.com", [142, 250, 184, 196]),
    ("google.com", [142, 250, 184, 206]),
    ("example.com", [93, 184, 215, 14]),
    ("github.com", [140, 82, 121, 4]),
];

impl Cluster {
    /// Answers a query for one absolute name (without the trailing dot).
    pub fn dns_query(&mut self, name: &str) -> (Answer, bool) {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        let domain = self.profile.cluster_domain.clone();
        let Some(local) = name.strip_suffix(&format!(".{domain}")).map(str::to_string) else {
            if name == domain {
                return (Answer::NoData, true);
            }
            return match UPSTREAM.iter().find(|(n, _)| *n == name) {
                Some((n, ip)) => (Answer::A(vec![(n.to_string(), Ipv4Addr::from(*ip))]), false),
                None => (Answer::NxDomain, false),
            };
        };
        let labels: Vec<&str> = local.split('.').collect();
        match labels.as_slice() {
            [svc, ns, "svc"] => (self.service_records(&name, ns, svc), true),
            [host, svc, ns, "svc"] => (self.endpoint_record(&name, ns, svc, host), true),
            [ip, ns, "pod"] => {
                let dotted = ip.replace('-', ".");
                match dotted.parse::<Ipv4Addr>() {
                    Ok(addr) if self.store.get_named("Namespace", "", ns).is_some() => {
                        (Answer::A(vec![(name.clone(), addr)]), true)
                    }
                    _ => (Answer::NxDomain, true),
                }
            }
            _ => (Answer::NxDomain, true),
        }
    }

    fn service_records(&mut self, fqdn: &str, ns: &str, svc: &str) -> Answer {
        let Some(s) = self.store.get_named("Service", ns, svc).cloned() else {
            return Answer::NxDomain;
        };
        if object::str_at(&s, &["spec", "type"]) == Some("ExternalName") {
            return Answer::Cname(
                object::str_at(&s, &["spec", "externalName"])
                    .unwrap_or("")
                    .to_string(),
            );
        }
        match object::str_at(&s, &["spec", "clusterIP"]) {
            Some("None") => {
                let mut ips = self.ready_endpoint_ips(ns, svc);
                if ips.is_empty() {
                    return Answer::NoData;
                }
                // The `loadbalance` plugin shuffles the records of every answer.
                for i in (1..ips.len()).rev() {
                    let j = self.rng.below(i as u64 + 1) as usize;
                    ips.swap(i, j);
                }
                Answer::A(ips.into_iter().map(|ip| (fqdn.to_string(), ip)).collect())
            }
            Some(ip) => match ip.parse() {
                Ok(addr) => Answer::A(vec![(fqdn.to_string(), addr)]),
                Err(_) => Answer::NoData,
            },
            None => Answer::NoData,
        }
    }

    fn ready_endpoint_ips(&self, ns: &str, svc: &str) -> Vec<Ipv4Addr> {
        let Some(ep) = self.store.get_named("Endpoints", ns, svc) else {
            return Vec::new();
        };
        let mut ips: Vec<Ipv4Addr> = object::array_at(ep, &["subsets"])
            .iter()
            .flat_map(|s| object::array_at(s, &["addresses"]))
            .filter_map(|a| object::str_at(a, &["ip"])?.parse().ok())
            .collect();
        crate::sort::sort(&mut ips);
        ips.dedup();
        ips
    }

    fn endpoint_record(&self, fqdn: &str, ns: &str, svc: &str, host: &str) -> Answer {
        let Some(ep) = self.store.get_named("Endpoints", ns, svc) else {
            return Answer::NxDomain;
        };
        let headless = self
            .store
            .get_named("Service", ns, svc)
            .and_then(|s| object::str_at(s, &["spec", "clusterIP"]))
            == Some("None");
        if !headless {
            return Answer::NxDomain;
        }
        for a in object::array_at(ep, &["subsets"])
            .iter()
            .flat_map(|s| object::array_at(s, &["addresses"]))
        {
            let ip = object::str_at(a, &["ip"]).unwrap_or("");
            let pod_host = object::str_at(a, &["targetRef", "name"])
                .and_then(|p| self.store.get_named("Pod", ns, p))
                .filter(|p| object::str_at(p, &["spec", "subdomain"]) == Some(svc))
                .and_then(|p| object::str_at(p, &["spec", "hostname"]));
            let name = pod_host
                .map(str::to_string)
                .unwrap_or_else(|| ip.replace('.', "-"));
            if name == host {
                if let Ok(addr) = ip.parse() {
                    return Answer::A(vec![(fqdn.to_string(), addr)]);
                }
            }
        }
        Answer::NxDomain
    }

    /// Resolves `name` as a pod's resolver does: through the search list when it has fewer
    /// than `ndots` dots, then as given.
    pub fn resolve(&mut self, namespace: &str, name: &str) -> Lookup {
        let domain = self.profile.cluster_domain.clone();
        let absolute = name.ends_with('.');
        let bare = name.trim_end_matches('.');
        let dots = bare.matches('.').count();
        let mut candidates = Vec::new();
        if !absolute && dots < 5 {
            for s in search_list(namespace, &domain) {
                candidates.push(format!("{bare}.{s}"));
            }
        }
        candidates.push(bare.to_string());
        let mut last = Lookup {
            fqdn: bare.to_string(),
            authoritative: true,
            answer: Answer::NxDomain,
        };
        for fqdn in candidates {
            let (answer, authoritative) = self.dns_query(&fqdn);
            match answer {
                Answer::NxDomain => {
                    last = Lookup {
                        fqdn,
                        authoritative,
                        answer: Answer::NxDomain,
                    };
                }
                other => {
                    return Lookup {
                        fqdn,
                        authoritative,
                        answer: other,
                    }
                }
            }
        }
        last
    }

    /// The address of a node or `localhost` for the lab host's own resolver (`/etc/hosts`, then upstream).
    pub fn resolve_on_host(&self, name: &str) -> Option<Ipv4Addr> {
        if name == "localhost" {
            return Some(Ipv4Addr::LOCALHOST);
        }
        if let Ok(ip) = name.parse() {
            return Some(ip);
        }
        for n in self.store.list("Node") {
            if object::name(n) == name {
                return object::array_at(n, &["status", "addresses"])
                    .iter()
                    .find(|a| object::str_at(a, &["type"]) == Some("InternalIP"))
                    .and_then(|a| object::str_at(a, &["address"])?.parse().ok());
            }
        }
        UPSTREAM
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, ip)| Ipv4Addr::from(*ip))
    }
}

/// Whether a value is a headless Service.
pub fn is_headless(svc: &Value) -> bool {
    object::str_at(svc, &["spec", "clusterIP"]) == Some("None")
}
