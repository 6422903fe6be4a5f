//! DNS tools of the dnsutils images (BIND 9.9: nslookup, dig, host) and the host's getent.

use super::Run;
use crate::context::{Cx, Place};
use crate::io::Io;
use cluster::dns::Answer;
use cluster::object;
use std::net::Ipv4Addr;

fn pod_namespace(cx: &Cx) -> String {
    match &cx.place {
        Place::Pod { namespace, .. } => namespace.clone(),
        Place::Host => "default".into(),
    }
}

fn dns_server(cx: &Cx) -> String {
    cx.cluster.profile().dns_ip.to_string()
}

/// The PTR name of an address in the cluster, if CoreDNS has one.
fn reverse(cx: &Cx, ip: Ipv4Addr) -> Option<String> {
    let s = ip.to_string();
    let store = cx.cluster.store();
    if let Some(svc) = store
        .list("Service")
        .find(|v| object::str_at(v, &["spec", "clusterIP"]) == Some(s.as_str()))
    {
        return Some(format!(
            "{}.{}.svc.cluster.local.",
            object::name(svc),
            object::namespace(svc)
        ));
    }
    for ep in store.list("Endpoints") {
        let headless = store
            .get_named("Service", object::namespace(ep), object::name(ep))
            .is_some_and(cluster::dns::is_headless);
        if !headless {
            continue;
        }
        for a in object::array_at(ep, &["subsets"])
            .iter()
            .flat_map(|x| object::array_at(x, &["addresses"]))
        {
            if object::str_at(a, &["ip"]) == Some(s.as_str()) {
                return Some(format!(
                    "{}.{}.{}.svc.cluster.local.",
                    s.replace('.', "-"),
                    object::name(ep),
                    object::namespace(ep)
                ));
            }
        }
    }
    None
}

fn arpa(ip: Ipv4Addr) -> String {
    let o = ip.octets();
    format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
}

/// `nslookup NAME [SERVER]` with BIND 9.9's layout.
pub fn nslookup(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let args: Vec<&String> = argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let Some(name) = args.first() else {
        io.eprintln(
            "nslookup: interactive mode is not available here; give a name: nslookup <name>",
        );
        return Run::Done(1);
    };
    let server = args
        .get(1)
        .map(|s| s.to_string())
        .unwrap_or_else(|| dns_server(cx));
    let mut out = format!("Server:\t\t{server}\nAddress:\t{server}#53\n\n");
    if let Ok(ip) = name.parse::<Ipv4Addr>() {
        match reverse(cx, ip) {
            Some(ptr) => {
                out.push_str(&format!("{}\tname = {ptr}\n\n", arpa(ip)));
                io.print(out);
                return Run::Done(0);
            }
            None => {
                out.push_str(&format!("** server can't find {}: NXDOMAIN\n\n", arpa(ip)));
                io.print(out);
                return Run::Done(1);
            }
        }
    }
    let ns = pod_namespace(cx);
    let lookup = cx.cluster.resolve(&ns, name);
    match lookup.answer {
        Answer::NxDomain => {
            out.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n"));
            io.print(out);
            Run::Done(1)
        }
        Answer::NoData => {
            out.push_str(&format!("*** Can't find {name}: No answer\n\n"));
            io.print(out);
            Run::Done(0)
        }
        Answer::A(records) => {
            if !lookup.authoritative {
                out.push_str("Non-authoritative answer:\n");
            }
            for (owner, ip) in records {
                out.push_str(&format!("Name:\t{owner}\nAddress: {ip}\n"));
            }
            out.push('\n');
            io.print(out);
            Run::Done(0)
        }
        Answer::Cname(target) => {
            out.push_str(&format!("{}\tcanonical name = {target}.\n", lookup.fqdn));
            if let Answer::A(records) = cx.cluster.resolve(&ns, &format!("{target}.")).answer {
                for (owner, ip) in records {
                    out.push_str(&format!("Name:\t{owner}\nAddress: {ip}\n"));
                }
            }
            out.push('\n');
            io.print(out);
            Run::Done(0)
        }
    }
}

/// `host NAME`: search list, one line per address.
pub fn host(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let Some(name) = argv.iter().skip(1).find(|a| !a.starts_with('-')) else {
        io.eprintln("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] hostname [server]");
        return Run::Done(1);
    };
    let ns = pod_namespace(cx);
    let lookup = cx.cluster.resolve(&ns, name);
    match lookup.answer {
        Answer::A(records) => {
            for (owner, ip) in records {
                io.println(format!("{owner} has address {ip}"));
            }
            Run::Done(0)
        }
        Answer::Cname(t) => {
            io.println(format!("{} is an alias for {t}.", lookup.fqdn));
            Run::Done(0)
        }
        Answer::NoData => Run::Done(0),
        Answer::NxDomain => {
            io.eprintln(format!("Host {name} not found: 3(NXDOMAIN)"));
            Run::Done(1)
        }
    }
}

/// `dig [+short] NAME`: no search list, as dig's default.
pub fn dig(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let short = argv.iter().any(|a| a == "+short");
    let search = argv.iter().any(|a| a == "+search");
    let Some(name) = argv
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('+') && !a.starts_with('-') && !a.starts_with('@'))
    else {
        io.eprintln("dig: a name is needed (root queries are not simulated)");
        return Run::Done(1);
    };
    let ns = pod_namespace(cx);
    let (fqdn, answer) = if search {
        let l = cx.cluster.resolve(&ns, name);
        (l.fqdn, l.answer)
    } else {
        let q = name.trim_end_matches('.').to_string();
        let (a, _) = cx.cluster.dns_query(&q);
        (q, a)
    };
    if short {
        match answer {
            Answer::A(records) => {
                for (_, ip) in records {
                    io.println(ip.to_string());
                }
            }
            Answer::Cname(t) => io.println(format!("{t}.")),
            _ => {}
        }
        return Run::Done(0);
    }
    let server = dns_server(cx);
    let (status, answers): (&str, Vec<String>) = match &answer {
        Answer::A(r) => (
            "NOERROR",
            r.iter()
                .map(|(o, ip)| format!("{o}.\t\t30\tIN\tA\t{ip}"))
                .collect(),
        ),
        Answer::Cname(t) => ("NOERROR", vec![format!("{fqdn}.\t30\tIN\tCNAME\t{t}.")]),
        Answer::NoData => ("NOERROR", Vec::new()),
        Answer::NxDomain => ("NXDOMAIN", Vec::new()),
    };
    let id = (cx.cluster.now().0 % 65_000) as u16;
    let mut out = format!(
        "\n; <<>> DiG 9.9.5-9+deb8u19-Debian <<>> {name}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: {status}, id: {id}\n;; flags: qr aa rd; QUERY: 1, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 4096\n;; QUESTION SECTION:\n;{fqdn}.\t\tIN\tA\n\n",
        answers.len(),
        usize::from(answers.is_empty())
    );
    if answers.is_empty() {
        out.push_str(";; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1764151200 7200 1800 86400 30\n\n");
    } else {
        out.push_str(";; ANSWER SECTION:\n");
        for a in &answers {
            out.push_str(a);
            out.push('\n');
        }
        out.push('\n');
    }
    let r = cx.cluster.now().rfc1123z();
    let parts: Vec<&str> = r.split(' ').collect();
    let when = match parts.as_slice() {
        [wd, day, mon, year, time, _] => {
            format!("{} {mon} {day} {time} UTC {year}", wd.trim_end_matches(','))
        }
        _ => r.clone(),
    };
    out.push_str(&format!(";; Query time: 0 msec\n;; SERVER: {server}#53({server})\n;; WHEN: {when}\n;; MSG SIZE  rcvd: {}\n\n", 60 + fqdn.len() * 2 + answers.len() * 16));
    io.print(out);
    Run::Done(0)
}

/// `getent hosts NAME` on the lab host (files, then the host's resolver: no cluster DNS).
pub fn getent(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let args: Vec<&String> = argv.iter().skip(1).collect();
    match args.as_slice() {
        [db, name] if *db == "hosts" || *db == "ahosts" => match cx.cluster.resolve_on_host(name) {
            Some(ip) => {
                io.println(format!("{ip:<15} {name}"));
                Run::Done(0)
            }
            None => Run::Done(2),
        },
        _ => {
            io.eprintln("Usage: getent [OPTION...] database [key ...]");
            Run::Done(1)
        }
    }
}
