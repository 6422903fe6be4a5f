//! kubectl's informational commands: help, version, cluster-info, api-resources, api-versions,
//! config, top.

use super::flags::{switch, value, Flag};
use super::parse_flags;
use crate::context::Cx;
use crate::io::Io;
use crate::printers::table::tabwrite;
use crate::programs::Run;
use cluster::kind::RESOURCE_TYPES;

/// `kubectl CMD --help`: the command's help if it ships with kubeplay, else kubectl's.
pub fn help(cx: &mut Cx, cmd: &str, _args: &[String], io: &mut Io) -> Run {
    super::help::print(cx, super::help::topic(cmd), io)
}

/// `kubectl version`.
pub fn version(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(
        io,
        "version",
        args,
        &[switch("client", None), value("output", Some('o'))],
    ) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let server = cx.cluster.profile().kubernetes_version.clone();
    match p.get("output") {
        Some("json") | Some("yaml") => {
            let v = serde_json::json!({
                "clientVersion": {"buildDate": "2025-04-22T16:03:48Z", "compiler": "gc", "gitCommit": "59526cd4867447956156ae3a602fcbac5de2a7b8", "gitTreeState": "clean", "gitVersion": super::CLIENT_VERSION, "goVersion": "go1.23.6", "major": "1", "minor": "32", "platform": "linux/amd64"},
                "kustomizeVersion": "v5.5.0",
                "serverVersion": {"buildDate": "2025-02-25T21:59:29Z", "compiler": "gc", "gitCommit": "67a30c0adcf52bd3f56ff0893ce19966be12991f", "gitTreeState": "clean", "gitVersion": server, "goVersion": "go1.23.6", "major": "1", "minor": "32", "platform": "linux/amd64"},
            });
            let text = if p.get("output") == Some("json") {
                crate::printers::to_json(&v)
            } else {
                crate::printers::to_yaml(&v)
            };
            io.print(text);
        }
        _ => {
            io.println(format!(
                "Client Version: {}\nKustomize Version: v5.5.0",
                super::CLIENT_VERSION
            ));
            if !p.on("client") {
                io.println(format!("Server Version: {server}"));
            }
        }
    }
    Run::Done(0)
}

/// The API server's URL as the lab host's kubeconfig has it.
fn server_url(cx: &Cx) -> String {
    let node = cx
        .cluster
        .profile()
        .nodes
        .iter()
        .find(|n| n.control_plane)
        .map(|n| n.name.clone())
        .unwrap_or_else(|| "kind-control-plane".into());
    format!("https://{node}:{}", cx.cluster.profile().api_port)
}

/// `kubectl cluster-info`.
pub fn cluster_info(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    if args.first().map(String::as_str) == Some("dump") {
        io.eprintln("error: \"kubectl cluster-info dump\" is not available in this lab yet");
        return Run::Done(1);
    }
    let url = server_url(cx);
    io.print(format!(
        "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m{url}\x1b[0m\n\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33m{url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    ));
    Run::Done(0)
}

/// `kubectl api-resources`.
pub fn api_resources(_cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(
        io,
        "api-resources",
        args,
        &[
            value("namespaced", None),
            value("output", Some('o')),
            value("api-group", None),
            switch("no-headers", None),
            value("sort-by", None),
            value("verbs", None),
            switch("cached", None),
            value("categories", None),
        ],
    ) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ns_filter = p.get("namespaced").map(|v| v == "true");
    let group = p.get("api-group");
    let rows_src: Vec<_> = RESOURCE_TYPES
        .iter()
        .filter(|r| ns_filter.is_none_or(|n| r.namespaced == n))
        .filter(|r| group.is_none_or(|g| r.group == g))
        .collect();
    if p.get("output") == Some("name") {
        for r in rows_src {
            if r.group.is_empty() {
                io.println(r.plural);
            } else {
                io.println(format!("{}.{}", r.plural, r.group));
            }
        }
        return Run::Done(0);
    }
    let mut rows = Vec::new();
    if !p.on("no-headers") {
        rows.push(vec![
            "NAME".to_string(),
            "SHORTNAMES".into(),
            "APIVERSION".into(),
            "NAMESPACED".into(),
            "KIND".into(),
        ]);
    }
    for r in rows_src {
        rows.push(vec![
            r.plural.to_string(),
            r.short_names.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.to_string(),
        ]);
    }
    io.print(tabwrite(&rows));
    Run::Done(0)
}

/// `kubectl api-versions`.
pub fn api_versions(_cx: &mut Cx, _args: &[String], io: &mut Io) -> Run {
    let mut v: Vec<String> = RESOURCE_TYPES.iter().map(|r| r.api_version()).collect();
    v.push("autoscaling/v1".into());
    v.push("flowcontrol.apiserver.k8s.io/v1beta3".into());
    cluster::sort::sort(&mut v);
    v.dedup();
    for x in v {
        io.println(x);
    }
    Run::Done(0)
}

/// `kubectl config view|current-context|get-contexts|set-context|use-context`.
pub fn config(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let sub = args.first().cloned().unwrap_or_default();
    let rest = args.get(1..).unwrap_or(&[]);
    let spec: &[Flag] = &[
        switch("current", None),
        value("output", Some('o')),
        switch("minify", None),
        switch("raw", None),
        switch("flatten", None),
        value("cluster", None),
        value("user", None),
    ];
    let p = match parse_flags(io, &format!("config {sub}"), rest, spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ctx = cx.kube.context.clone();
    match sub.as_str() {
        "view" => {
            let ns_line = if cx.kube.namespace != "default" {
                format!("    namespace: {}\n", cx.kube.namespace)
            } else {
                String::new()
            };
            let (ca, cert, key) = if p.on("raw") {
                ("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJS3ViZXBsYXkKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCmt1YmVwbGF5Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K", "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQprdWJlcGxheQotLS0tLUVORCBSU0EgUFJJVkFURSBLRVktLS0tLQo=")
            } else {
                ("DATA+OMITTED", "DATA+OMITTED", "DATA+OMITTED")
            };
            io.print(format!(
                "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n    server: {}\n  name: {ctx}\ncontexts:\n- context:\n    cluster: {ctx}\n{ns_line}    user: {ctx}\n  name: {ctx}\ncurrent-context: {ctx}\nkind: Config\npreferences: {{}}\nusers:\n- name: {ctx}\n  user:\n    client-certificate-data: {cert}\n    client-key-data: {key}\n",
                server_url(cx)
            ));
            Run::Done(0)
        }
        "current-context" => {
            io.println(&ctx);
            Run::Done(0)
        }
        "get-contexts" => {
            let ns = if cx.kube.namespace == "default" {
                String::new()
            } else {
                cx.kube.namespace.clone()
            };
            io.print(tabwrite(&[
                vec![
                    "CURRENT".into(),
                    "NAME".into(),
                    "CLUSTER".into(),
                    "AUTHINFO".into(),
                    "NAMESPACE".into(),
                ],
                vec!["*".into(), ctx.clone(), ctx.clone(), ctx.clone(), ns],
            ]));
            Run::Done(0)
        }
        "get-clusters" => {
            io.println(format!("NAME\n{ctx}"));
            Run::Done(0)
        }
        "use-context" => match p.args.first() {
            Some(c) if *c == ctx => {
                io.println(format!("Switched to context \"{ctx}\"."));
                Run::Done(0)
            }
            Some(c) => {
                io.eprintln(format!("error: no context exists with the name: \"{c}\""));
                Run::Done(1)
            }
            None => {
                io.eprintln("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
                Run::Done(1)
            }
        },
        "set-context" => {
            let target = if p.on("current") {
                Some(ctx.clone())
            } else {
                p.args.first().cloned()
            };
            let Some(target) = target else {
                io.eprintln("error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples");
                return Run::Done(1);
            };
            if target != ctx {
                io.println(format!("Context \"{target}\" created."));
                return Run::Done(0);
            }
            if let Some(ns) = p.get("namespace") {
                cx.kube.namespace = if ns.is_empty() {
                    "default".into()
                } else {
                    ns.to_string()
                };
            }
            io.println(format!("Context \"{ctx}\" modified."));
            Run::Done(0)
        }
        "" => {
            io.eprintln("Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n\nSee 'kubectl config -h' for help and examples");
            Run::Done(0)
        }
        other => {
            io.eprintln(format!(
                "error: unknown command \"{other}\" for \"kubectl config\""
            ));
            Run::Done(1)
        }
    }
}

/// `kubectl top`: the lab has no metrics-server, as a fresh kind cluster.
pub fn top(_cx: &mut Cx, _args: &[String], io: &mut Io) -> Run {
    io.eprintln("error: Metrics API not available");
    Run::Done(1)
}
