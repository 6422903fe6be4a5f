//! `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...`: listens on the lab host's loopback
//! and forwards each connection to the pod (a Service's port becomes its pod's target port,
//! as kubectl translates it), printing `Handling connection for PORT` for each one, until
//! Ctrl-C, `kill`, or the pod goes.

use super::exec::resolve_pod;
use super::flags::{value, Flag};
use super::{namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::object::{self, Object};
use cluster::Time;

const FLAGS: &[Flag] = &[value("address", None), value("pod-running-timeout", None)];

/// The first port the kernel hands out for `:REMOTE` (Linux's ephemeral range).
const EPHEMERAL: (u16, u16) = (32768, 60999);

/// Runs `kubectl port-forward`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "port-forward", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (Some(target), ports) = (p.args.first(), p.args.get(1..).unwrap_or(&[])) else {
        return usage(io);
    };
    if ports.is_empty() {
        return usage(io);
    }
    let ns = namespace(cx, &p);
    let pod = match resolve_pod(cx, &ns, target) {
        Ok(pod) => pod,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    // A Service's port (by number or name) becomes its pod's target port, as kubectl
    // translates it before it forwards.
    let service = target
        .split_once('/')
        .filter(|(t, _)| matches!(*t, "svc" | "service" | "services"))
        .and_then(|(_, name)| cx.cluster.store().get_named("Service", &ns, name).cloned());
    let mut specs = Vec::new();
    for spec in ports {
        // kubectl's splitPort: `L:R`, else the first part for both.
        let parts: Vec<&str> = spec.split(':').collect();
        let (local, remote) = match parts.as_slice() {
            [l, r] => (*l, *r),
            _ => (
                parts.first().copied().unwrap_or(""),
                parts.first().copied().unwrap_or(""),
            ),
        };
        let (local, remote) = match &service {
            Some(svc) => match translate(svc, &pod, local, remote) {
                Ok(lr) => lr,
                Err(m) => {
                    io.eprintln(m);
                    return Run::Done(1);
                }
            },
            None => (local.to_string(), remote.to_string()),
        };
        specs.push((spec.clone(), local, remote));
    }
    let phase = object::str_at(&pod, &["status", "phase"]).unwrap_or("Pending");
    if phase != "Running" {
        io.eprintln(format!(
            "error: unable to forward port because pod is not running. Current status={phase}"
        ));
        return Run::Done(1);
    }
    // client-go's parsePorts.
    let mut forwards = Vec::new();
    for (spec, local, remote) in specs {
        if spec.matches(':').count() > 1 {
            io.eprintln(format!("error: invalid port format '{spec}'"));
            return Run::Done(1);
        }
        let local = if local.is_empty() {
            "0".to_string()
        } else {
            local
        };
        let Ok(local_port) = local.parse::<u16>() else {
            io.eprintln(format!(
                "error: error parsing local port '{local}': {}",
                parse_error(&local)
            ));
            return Run::Done(1);
        };
        let Ok(remote_port) = remote.parse::<u16>() else {
            io.eprintln(format!(
                "error: error parsing remote port '{remote}': {}",
                parse_error(&remote)
            ));
            return Run::Done(1);
        };
        if remote_port == 0 {
            io.eprintln("error: remote port must be > 0");
            return Run::Done(1);
        }
        forwards.push(((local_port != 0).then_some(local_port), remote_port));
    }
    let uid = object::uid(&pod).to_string();
    let address = p.get("address").unwrap_or("localhost");
    let mut open = Vec::new();
    for (local, remote) in forwards {
        let local = local.unwrap_or_else(|| {
            let span = u64::from(EPHEMERAL.1 - EPHEMERAL.0);
            EPHEMERAL.0 + cx.cluster.random_below(span) as u16
        });
        if !cx.cluster.forward_port(local, &uid, remote) {
            io.eprintln(format!("Unable to listen on port {local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:{local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:{local}: bind: address already in use]"));
            io.eprintln(format!(
                "error: unable to listen on any of the requested ports: [{{{local} {remote}}}]"
            ));
            for (l, _) in &open {
                cx.cluster.close_forward(*l);
            }
            return Run::Done(1);
        }
        for a in address.split(',') {
            match a {
                "localhost" => {
                    io.println(format!("Forwarding from 127.0.0.1:{local} -> {remote}"));
                    io.println(format!("Forwarding from [::1]:{local} -> {remote}"));
                }
                other => io.println(format!("Forwarding from {other}:{local} -> {remote}")),
            }
        }
        open.push((local, 0));
    }
    if !cx.may_block {
        for (l, _) in &open {
            cx.cluster.close_forward(*l);
        }
        return Run::Done(0);
    }
    Run::Wait(Box::new(Forwarding {
        ports: open,
        pod: (ns, object::name(&pod).to_string(), uid),
    }))
}

fn usage(io: &mut Io) -> Run {
    io.eprintln("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples");
    Run::Done(1)
}

/// Go's `strconv.ParseUint` error for a port.
fn parse_error(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        format!("strconv.ParseUint: parsing \"{text}\": value out of range")
    } else {
        format!("strconv.ParseUint: parsing \"{text}\": invalid syntax")
    }
}

/// kubectl's `translateServicePortToTargetPort`: the Service port `remote` (a number or a
/// port name) as the pod's port; a local port left as the remote one follows it.
fn translate(
    svc: &Object,
    pod: &Object,
    local: &str,
    remote: &str,
) -> Result<(String, String), String> {
    let ports = object::array_at(svc, &["spec", "ports"]);
    let number = match remote.parse::<i64>() {
        Ok(n) => n,
        Err(_) => ports
            .iter()
            .find(|sp| object::str_at(sp, &["name"]) == Some(remote))
            .and_then(|sp| object::i64_at(sp, &["port"]))
            .ok_or_else(|| {
                format!(
                    "error: Service '{}' does not have a named port '{remote}'",
                    object::name(svc)
                )
            })?,
    };
    let local = if local == remote {
        number.to_string()
    } else {
        local.to_string()
    };
    let Some(sp) = ports
        .iter()
        .find(|sp| object::i64_at(sp, &["port"]) == Some(number))
    else {
        return Err(format!(
            "error: Service {} does not have a service port {number}",
            object::name(svc)
        ));
    };
    let target = match sp.get("targetPort") {
        Some(serde_json::Value::String(name)) => object::array_at(pod, &["spec", "containers"])
            .iter()
            .flat_map(|c| object::array_at(c, &["ports"]))
            .find(|cp| object::str_at(cp, &["name"]) == Some(name.as_str()))
            .and_then(|cp| object::i64_at(cp, &["containerPort"]))
            .ok_or_else(|| {
                format!(
                    "error: Pod '{}' does not have a named port '{name}'",
                    object::name(pod)
                )
            })?,
        Some(v) => v.as_i64().unwrap_or(number),
        None => number,
    };
    // `svc/web 80` forwards the pod's port from the same local port (`8080 -> 8080`).
    let same = local == number.to_string() && (remote == local || remote.parse::<i64>().is_err());
    let local = if same { target.to_string() } else { local };
    Ok((local, target.to_string()))
}

/// A running port forward: (local port, connections told) and the pod (namespace, name, uid).
struct Forwarding {
    ports: Vec<(u16, u64)>,
    pod: (String, String, String),
}

impl Forwarding {
    fn close(&self, cx: &mut Cx) {
        for (l, _) in &self.ports {
            cx.cluster.close_forward(*l);
        }
    }
}

impl Waiter for Forwarding {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        for (local, told) in &mut self.ports {
            let seen = cx.cluster.forward_connections(*local).unwrap_or(*told);
            for _ in *told..seen {
                io.println(format!("Handling connection for {local}"));
            }
            *told = seen;
        }
        let (ns, name, uid) = &self.pod;
        let alive = cx
            .cluster
            .store()
            .get_named("Pod", ns, name)
            .is_some_and(|p| object::uid(p) == uid && !object::is_terminating(p));
        if alive {
            return None;
        }
        self.close(cx);
        io.eprintln("error: lost connection to pod");
        Some(1)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        None
    }

    fn interrupt(&mut self, cx: &mut Cx, _io: &mut Io) {
        self.close(cx);
    }
}
