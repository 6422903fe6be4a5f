//! `kubectl exec` (and `kubectl run -it`): commands and interactive shells inside containers.

use super::flags::{switch, value, Flag};
use super::{api_error_text, namespace, parse_flags};
use crate::context::{Cx, Place};
use crate::fs::Fs;
use crate::io::Io;
use crate::programs::{self, Run, Waiter};
use cluster::images::{self, Pull};
use cluster::object::{self, Object};
use cluster::Time;
use serde_json::Value;

const FLAGS: &[Flag] = &[
    switch("stdin", Some('i')),
    switch("tty", Some('t')),
    value("container", Some('c')),
    switch("quiet", Some('q')),
    value("filename", Some('f')),
    value("pod-running-timeout", None),
];

/// The programs of a container's image.
fn programs_of(pod: &Value, container: &str) -> Vec<String> {
    let image = object::array_at(pod, &["spec", "containers"])
        .iter()
        .find(|c| object::str_at(c, &["name"]) == Some(container))
        .and_then(|c| object::str_at(c, &["image"]))
        .unwrap_or("");
    match images::pull(image) {
        Pull::Found(info) => info.programs.iter().map(|p| p.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The files a container sees (see [`pod_fs_of`]).
pub fn pod_fs(cx: &Cx, pod: &Value, container: &str) -> Fs {
    pod_fs_of(cx.cluster, pod, container)
}

/// The files a container sees: its resolv.conf, hosts, service account token and volumes.
pub fn pod_fs_of(cluster: &cluster::Cluster, pod: &Value, container: &str) -> Fs {
    let mut fs = Fs::new("/root");
    fs.cwd = "/".into();
    let name = object::name(pod);
    let ns = object::namespace(pod);
    let _ = fs.put("/etc/hostname", &format!("{name}\n"));
    let _ = fs.remove("/etc/os-release", false);
    let profile = cluster.profile();
    let domain = profile.cluster_domain.clone();
    let dns_policy = object::str_at(pod, &["spec", "dnsPolicy"]).unwrap_or("ClusterFirst");
    let host_network =
        object::get(pod, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true);
    let resolv = if dns_policy == "ClusterFirstWithHostNet"
        || (dns_policy == "ClusterFirst" && !host_network)
    {
        format!(
            "search {ns}.svc.{domain} svc.{domain} {domain}\nnameserver {}\noptions ndots:5\n",
            profile.dns_ip
        )
    } else {
        "nameserver 172.18.0.1\noptions ndots:0\n".to_string()
    };
    let _ = fs.put("/etc/resolv.conf", &resolv);
    let ip = cluster
        .runtime()
        .pod(object::uid(pod))
        .and_then(|p| p.ip)
        .map(|i| i.to_string())
        .unwrap_or_default();
    let fqdn = match (
        object::str_at(pod, &["spec", "hostname"]),
        object::str_at(pod, &["spec", "subdomain"]),
    ) {
        (Some(h), Some(sd)) => format!("{h}.{sd}.{ns}.svc.{domain}\t{h}"),
        _ => name.to_string(),
    };
    let _ = fs.put(
        "/etc/hosts",
        &format!("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{ip}\t{fqdn}\n"),
    );
    let spec = object::array_at(pod, &["spec", "containers"])
        .iter()
        .find(|c| object::str_at(c, &["name"]) == Some(container))
        .cloned()
        .unwrap_or(Value::Null);
    for m in object::array_at(&spec, &["volumeMounts"]) {
        let path = object::str_at(m, &["mountPath"]).unwrap_or("/");
        let vname = object::str_at(m, &["name"]).unwrap_or("");
        let Some(vol) = object::array_at(pod, &["spec", "volumes"])
            .iter()
            .find(|v| object::str_at(v, &["name"]) == Some(vname))
        else {
            continue;
        };
        let _ = fs.mkdir_p(path);
        let mut files: Vec<(String, String)> = Vec::new();
        if let Some(cm) = object::str_at(vol, &["configMap", "name"]) {
            if let Some(o) = cluster.store().get_named("ConfigMap", ns, cm) {
                files.extend(object::string_map(o, &["data"]));
            }
        } else if let Some(sec) = object::str_at(vol, &["secret", "secretName"]) {
            if let Some(o) = cluster.store().get_named("Secret", ns, sec) {
                files.extend(
                    object::string_map(o, &["data"])
                        .into_iter()
                        .map(|(k, v)| (k, cluster::secret::decode(&v))),
                );
            }
        } else if vol.get("projected").is_some() {
            files.push((
                "ca.crt".into(),
                cluster::controllers::namespace::ROOT_CA.to_string(),
            ));
            files.push(("namespace".into(), ns.to_string()));
            files.push((
                "token".into(),
                format!(
                    "eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.{}.c2lnbmF0dXJl",
                    cluster::secret::encode(
                        format!("{{\"sub\":\"system:serviceaccount:{ns}:default\"}}").as_bytes()
                    )
                    .trim_end_matches('=')
                ),
            ));
        }
        for (k, v) in files {
            let _ = fs.put(&format!("{}/{k}", path.trim_end_matches('/')), &v);
        }
    }
    fs
}

/// Where a pod's container runs, for the shell.
pub(super) fn place_of(pod: &Value, container: &str, shell: &str) -> Place {
    Place::Pod {
        namespace: object::namespace(pod).to_string(),
        name: object::name(pod).to_string(),
        uid: object::uid(pod).to_string(),
        container: container.to_string(),
        programs: programs_of(pod, container),
        shell: shell.to_string(),
        remove_on_exit: false,
    }
}

/// Finds the pod of `POD` or `TYPE/NAME` (the first pod of a workload).
pub fn resolve_pod(cx: &Cx, ns: &str, target: &str) -> Result<Object, String> {
    let pods = cluster::kind::by_kind("Pod").ok_or_else(|| "error: no pods".to_string())?;
    let Some((t, name)) = target.split_once('/') else {
        return cx
            .cluster
            .get(pods, ns, target)
            .cloned()
            .map_err(|e| api_error_text(&e));
    };
    let rt = cluster::kind::lookup(t).ok_or_else(|| super::resource::unknown_type(t))?;
    if rt.kind == "Pod" {
        return cx
            .cluster
            .get(pods, ns, name)
            .cloned()
            .map_err(|e| api_error_text(&e));
    }
    let owner = cx
        .cluster
        .get(rt, ns, name)
        .map_err(|e| api_error_text(&e))?;
    let selector = match rt.kind {
        "Service" => {
            let sel = object::string_map(owner, &["spec", "selector"]);
            serde_json::json!({"matchLabels": sel})
        }
        _ => owner
            .pointer("/spec/selector")
            .cloned()
            .unwrap_or(Value::Null),
    };
    let mut candidates: Vec<&Object> = cx
        .cluster
        .list(pods, Some(ns))
        .into_iter()
        .filter(|p| {
            object::label_selector_matches(&selector, &object::labels(p))
                && !object::is_terminating(p)
        })
        .collect();
    cluster::sort::sort_by_key(&mut candidates, |p| {
        object::str_at(p, &["metadata", "creationTimestamp"])
            .unwrap_or("")
            .to_string()
    });
    candidates.first().map(|p| (*p).clone()).ok_or_else(|| {
        format!(
            "error: cannot attach to {} {name}: no pods found",
            rt.qualified_kind_lower()
        )
    })
}

/// Picks the container: `-c`, else the default-container annotation, else the first (with a note).
fn pick_container(pod: &Value, asked: Option<&str>, io: &mut Io) -> Result<String, String> {
    let names: Vec<String> = object::array_at(pod, &["spec", "containers"])
        .iter()
        .filter_map(|c| object::str_at(c, &["name"]).map(str::to_string))
        .collect();
    if let Some(c) = asked {
        if names.iter().any(|n| n == c) {
            return Ok(c.to_string());
        }
        return Err(format!(
            "error: container {c} not found in pod {}",
            object::name(pod)
        ));
    }
    let default = object::str_at(
        pod,
        &[
            "metadata",
            "annotations",
            "kubectl.kubernetes.io/default-container",
        ],
    )
    .map(str::to_string);
    let first = default
        .or_else(|| names.first().cloned())
        .unwrap_or_default();
    if names.len() > 1 {
        io.eprintln(format!(
            "Defaulted container \"{first}\" out of: {}",
            names.join(", ")
        ));
    }
    Ok(first)
}

fn ready_to_exec(cx: &Cx, pod: &Value, container: &str) -> Result<(), String> {
    if let Some(phase @ ("Succeeded" | "Failed")) = object::str_at(pod, &["status", "phase"]) {
        return Err(format!(
            "error: cannot exec into a container in a completed pod; current phase is {phase}"
        ));
    }
    let running = cx
        .cluster
        .runtime()
        .pod(object::uid(pod))
        .and_then(|p| p.containers.iter().find(|c| c.name == container))
        .is_some_and(|c| matches!(c.state, cluster::kubelet::State::Running { .. }));
    if running {
        Ok(())
    } else {
        Err(format!(
            "error: unable to upgrade connection: container not found (\"{container}\")"
        ))
    }
}

/// Runs a command in the container and returns its status (adding kubectl's exit line).
fn exec_in(cx: &mut Cx, pod: &Value, container: &str, argv: &[String], io: &mut Io) -> Run {
    let place = place_of(pod, container, "sh");
    let uid = object::uid(pod).to_string();
    let program = argv.first().cloned().unwrap_or_default();
    let base = program.rsplit('/').next().unwrap_or(&program).to_string();
    let present = matches!(&place, Place::Pod { programs, .. } if programs.contains(&base));
    if !present {
        let id = cx
            .cluster
            .runtime()
            .pod(&uid)
            .and_then(|p| p.containers.iter().find(|c| c.name == container))
            .and_then(|c| c.id.clone())
            .unwrap_or_default();
        let hex = id
            .trim_start_matches("containerd://")
            .chars()
            .rev()
            .collect::<String>();
        io.eprintln(format!("error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{hex}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{program}\": executable file not found in $PATH: unknown"));
        return Run::Done(1);
    }
    let mut fs = cx
        .pod_files
        .remove(&uid)
        .unwrap_or_else(|| pod_fs(cx, pod, container));
    let result = {
        let mut sub = Cx {
            cluster: cx.cluster,
            fs: &mut fs,
            vars: cx.vars,
            kube: cx.kube,
            place: place.clone(),
            shells: cx.shells,
            history: cx.history,
            last_status: 0,
            may_block: cx.may_block,
            host: cx.host,
            pod_files: cx.pod_files,
            exit: None,
            out_of_memory: None,
            moved: 0,
            subst_stderr: String::new(),
            subst_status: None,
            jobs: None,
            subshell: false,
        };
        let shell = matches!(base.as_str(), "sh" | "bash" | "ash");
        if shell && argv.get(1).map(String::as_str) == Some("-c") {
            let script = argv.get(2).cloned().unwrap_or_default();
            match crate::syntax::parse(&script) {
                Ok(s) => {
                    let (status, outs) = crate::exec::run_collect(&s, &mut sub);
                    io.out.extend(outs);
                    Run::Done(status)
                }
                Err(e) => {
                    io.eprintln(format!(
                        "sh: 1: {}",
                        e.message().trim_start_matches("bash: ")
                    ));
                    Run::Done(2)
                }
            }
        } else if shell {
            Run::Done(0)
        } else {
            programs::run(&mut sub, argv, io)
        }
    };
    cx.pod_files.insert(uid, fs);
    match result {
        Run::Done(0) => Run::Done(0),
        Run::Done(n) => {
            io.eprintln(format!("command terminated with exit code {n}"));
            Run::Done(n)
        }
        Run::Wait(inner) => Run::Wait(Box::new(Remote { inner })),
    }
}

/// A command in a container that waits; kubectl reports its exit status when it ends.
struct Remote {
    inner: Box<dyn Waiter>,
}

impl Waiter for Remote {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let status = self.inner.poll(cx, io)?;
        if status != 0 {
            io.eprintln(format!("command terminated with exit code {status}"));
        }
        Some(status)
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        self.inner.wake(cluster)
    }

    fn interrupt(&mut self, cx: &mut Cx, io: &mut Io) {
        self.inner.interrupt(cx, io);
    }
}

/// Runs `kubectl exec`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "exec", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(target) = p.args.first().cloned() else {
        io.eprintln("error: pod, type/name or --filename must be specified");
        return Run::Done(1);
    };
    let Some(argv) = p.after_dash.clone() else {
        if p.args.len() > 1 {
            io.eprintln("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
        } else {
            io.eprintln("error: you must specify at least one command for the container");
        }
        return Run::Done(1);
    };
    if argv.is_empty() {
        io.eprintln("error: you must specify at least one command for the container");
        return Run::Done(1);
    }
    let ns = namespace(cx, &p);
    let pod = match resolve_pod(cx, &ns, &target) {
        Ok(p) => p,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let container = match pick_container(&pod, p.get("container"), io) {
        Ok(c) => c,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    if let Err(m) = ready_to_exec(cx, &pod, &container) {
        io.eprintln(m);
        return Run::Done(1);
    }
    let program = argv
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
        .unwrap_or_default();
    let interactive = p.on("stdin") && p.on("tty");
    let is_shell = matches!(program.as_str(), "sh" | "bash" | "ash") && argv.len() == 1;
    if interactive && is_shell {
        let place = place_of(&pod, &container, &program);
        if let Place::Pod { programs, .. } = &place {
            if !programs.contains(&program) {
                return exec_in(cx, &pod, &container, &argv, io);
            }
        }
        let uid = object::uid(&pod).to_string();
        if !cx.pod_files.contains_key(&uid) {
            let fs = pod_fs(cx, &pod, &container);
            cx.pod_files.insert(uid, fs);
        }
        cx.shells.push(place);
        return Run::Done(0);
    }
    exec_in(cx, &pod, &container, &argv, io)
}
