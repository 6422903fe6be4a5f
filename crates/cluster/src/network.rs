//! Address management: pod CIDRs per node (host-local IPAM), the service CIDR, node ports.

use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// An IPv4 network such as `10.244.0.0/24`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cidr {
    base: u32,
    prefix: u8,
}

impl Cidr {
    /// A network from its address and prefix length (the address is masked).
    pub const fn new(octets: [u8; 4], prefix: u8) -> Cidr {
        let prefix = if prefix > 32 { 32 } else { prefix };
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        Cidr {
            base: u32::from_be_bytes(octets) & mask,
            prefix,
        }
    }

    /// Parses `a.b.c.d/n`.
    pub fn parse(s: &str) -> Option<Cidr> {
        let (ip, prefix) = s.split_once('/')?;
        let ip: Ipv4Addr = ip.parse().ok()?;
        let prefix: u8 = prefix.parse().ok()?;
        if prefix > 32 {
            return None;
        }
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        Some(Cidr {
            base: u32::from(ip) & mask,
            prefix,
        })
    }

    /// How many addresses the network spans.
    pub fn size(&self) -> u64 {
        1u64 << (32 - u32::from(self.prefix))
    }

    /// The address at `offset` from the network address.
    pub fn nth(&self, offset: u64) -> Ipv4Addr {
        Ipv4Addr::from(self.base.wrapping_add(offset as u32))
    }

    /// Whether `ip` is inside.
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let off = u32::from(ip).wrapping_sub(self.base);
        u64::from(off) < self.size()
    }

    /// The offset of `ip` in this network.
    pub fn offset(&self, ip: Ipv4Addr) -> u64 {
        u64::from(u32::from(ip).wrapping_sub(self.base))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.base), self.prefix)
    }
}

/// host-local IPAM for one node's pod CIDR: sequential, continuing after the last address
/// handed out, so a freed address is not reused at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodIpam {
    cidr: Cidr,
    last: u64,
    used: BTreeSet<u64>,
}

impl PodIpam {
    /// Addresses from `.2` up (`.1` is the node's bridge).
    pub fn new(cidr: Cidr) -> PodIpam {
        PodIpam {
            cidr,
            last: 1,
            used: BTreeSet::new(),
        }
    }

    /// The next free address, or `None` when the range is full.
    pub fn allocate(&mut self) -> Option<Ipv4Addr> {
        let size = self.cidr.size();
        if size < 4 {
            return None;
        }
        let usable = size - 3; // network, gateway and broadcast
        for step in 1..=usable {
            let off = 2 + (self.last + step - 2) % usable;
            if !self.used.contains(&off) {
                self.used.insert(off);
                self.last = off;
                return Some(self.cidr.nth(off));
            }
        }
        None
    }

    /// Frees an address.
    pub fn release(&mut self, ip: Ipv4Addr) {
        if self.cidr.contains(ip) {
            self.used.remove(&self.cidr.offset(ip));
        }
    }
}

/// ClusterIP and NodePort allocation for Services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceIpam {
    cidr: Cidr,
    used: BTreeSet<u64>,
    node_ports: BTreeSet<u16>,
}

/// The NodePort range of a default API server.
pub const NODE_PORT_RANGE: (u16, u16) = (30000, 32767);

impl ServiceIpam {
    /// An allocator over the service CIDR.
    pub fn new(cidr: Cidr) -> ServiceIpam {
        ServiceIpam {
            cidr,
            used: BTreeSet::new(),
            node_ports: BTreeSet::new(),
        }
    }

    /// The service CIDR.
    pub fn cidr(&self) -> Cidr {
        self.cidr
    }

    /// Dynamic allocation (KEP-3070): random, from the upper band above the addresses kept for
    /// static assignment.
    pub fn allocate(&mut self, rng: &mut Rng) -> Option<Ipv4Addr> {
        let size = self.cidr.size();
        let reserved = (size / 16).clamp(16, 256);
        if size <= reserved + 2 {
            return None;
        }
        let span = size - 1 - reserved;
        let start = rng.below(span);
        for i in 0..span {
            let off = reserved + (start + i) % span;
            if !self.used.contains(&off) {
                self.used.insert(off);
                return Some(self.cidr.nth(off));
            }
        }
        None
    }

    /// Claims a specific address (`spec.clusterIP` given by the user); `false` when taken or outside.
    pub fn claim(&mut self, ip: Ipv4Addr) -> bool {
        let off = self.cidr.offset(ip);
        if !self.cidr.contains(ip) || off == 0 || off + 1 >= self.cidr.size() {
            return false;
        }
        self.used.insert(off)
    }

    /// Frees an address.
    pub fn release(&mut self, ip: Ipv4Addr) {
        if self.cidr.contains(ip) {
            self.used.remove(&self.cidr.offset(ip));
        }
    }

    /// A random free node port.
    pub fn allocate_node_port(&mut self, rng: &mut Rng) -> Option<u16> {
        let (lo, hi) = NODE_PORT_RANGE;
        let span = u64::from(hi - lo) + 1;
        let start = rng.below(span);
        for i in 0..span {
            let port = lo + ((start + i) % span) as u16;
            if self.node_ports.insert(port) {
                return Some(port);
            }
        }
        None
    }

    /// Claims a given node port; `false` when taken or out of range.
    pub fn claim_node_port(&mut self, port: u16) -> bool {
        port >= NODE_PORT_RANGE.0 && port <= NODE_PORT_RANGE.1 && self.node_ports.insert(port)
    }

    /// Frees a node port.
    pub fn release_node_port(&mut self, port: u16) {
        self.node_ports.remove(&port);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_addresses_are_sequential_and_not_reused_at_once() {
        let mut ipam = PodIpam::new(Cidr::parse("10.244.0.0/24").unwrap());
        let a = ipam.allocate().unwrap();
        let b = ipam.allocate().unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("10.244.0.2".into(), "10.244.0.3".into())
        );
        ipam.release(a);
        assert_eq!(ipam.allocate().unwrap().to_string(), "10.244.0.4");
    }

    #[test]
    fn pod_range_wraps_and_fills() {
        let mut ipam = PodIpam::new(Cidr::parse("10.0.0.0/29").unwrap());
        let got: Vec<_> = std::iter::from_fn(|| ipam.allocate())
            .map(|i| i.to_string())
            .collect();
        assert_eq!(
            got,
            ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]
        );
        ipam.release("10.0.0.3".parse().unwrap());
        assert_eq!(ipam.allocate().unwrap().to_string(), "10.0.0.3");
    }

    #[test]
    fn service_addresses_come_from_the_upper_band() {
        let mut ipam = ServiceIpam::new(Cidr::parse("10.96.0.0/16").unwrap());
        assert!(ipam.claim("10.96.0.10".parse().unwrap()));
        assert!(!ipam.claim("10.96.0.10".parse().unwrap()));
        let mut rng = Rng::seeded(3);
        for _ in 0..50 {
            let ip = ipam.allocate(&mut rng).unwrap();
            assert!(ip.octets()[2] >= 1, "{ip}");
        }
        let p = ipam.allocate_node_port(&mut rng).unwrap();
        assert!((30000..=32767).contains(&p));
        assert!(!ipam.claim_node_port(p));
    }
}
