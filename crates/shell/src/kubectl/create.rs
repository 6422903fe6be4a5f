//! `kubectl create` (deployment, namespace, configmap, secret, service, serviceaccount, -f),
//! `kubectl run` and `kubectl expose`: the generators and what they print.

use super::flags::{switch, value, Flag, Parsed};
use super::manifest::Failure;
use super::resource::qualified_name;
use super::{api_error_text, namespace, parse_flags, required_flag};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::{self, OutputFormat};
use crate::programs::Run;
use cluster::object::{self, s};
use serde_json::{json, Map, Value};

/// How `--dry-run` was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    /// Really do it.
    None,
    /// `--dry-run=client`: build and print only.
    Client,
    /// `--dry-run=server`: validate on the server, store nothing.
    Server,
}

impl DryRun {
    /// What kubectl adds after the operation it prints: ` (dry run)`, ` (server dry run)`.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// What a writing command's `Complete` reads before it sends anything: the dry-run strategy,
/// then the printer for `-o` (a bad template creates nothing). `Err` is kubectl's message.
pub(super) fn output_options(p: &Parsed) -> Result<(DryRun, OutputFormat), String> {
    let dry = dry_run(p)?;
    let format = OutputFormat::parse(p.get("output")).and_then(|f| f.check().map(|()| f))?;
    Ok((dry, format))
}

/// An update as a command sends it: stored, applied to a copy of the cluster for a server
/// dry run, or not sent for a client one (the object is returned as given).
pub(super) fn update(cx: &mut Cx, obj: Value, dry: DryRun) -> Result<Value, cluster::ApiError> {
    match dry {
        DryRun::Client => Ok(obj),
        DryRun::Server => cx.cluster.clone().update(obj),
        DryRun::None => cx.cluster.update(obj),
    }
}

/// Parses `--dry-run`; `Err` is kubectl's message.
pub fn dry_run(p: &Parsed) -> Result<DryRun, String> {
    match p.get("dry-run") {
        None | Some("none") | Some("false") => Ok(DryRun::None),
        Some("client") | Some("true") => Ok(DryRun::Client),
        Some("server") => Ok(DryRun::Server),
        Some(other) => Err(format!(
            "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        )),
    }
}

const COMMON: &[Flag] = &[
    value("dry-run", None),
    value("output", Some('o')),
    switch("save-config", None),
    value("field-manager", None),
    value("validate", None),
    switch("show-managed-fields", None),
    value("template", None),
    switch("allow-missing-template-keys", None),
];

fn with_common(extra: &[Flag]) -> Vec<Flag> {
    let mut v = COMMON.to_vec();
    v.extend_from_slice(extra);
    v
}

/// The last-applied annotation `--save-config` and `apply` keep.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// An object to create: built by a generator (`create deployment`, `run`, `expose`: kubectl
/// holds it as a typed Go struct) or read from a file (kept as written).
pub(crate) enum Made {
    Generated(Value),
    FromFile(Value),
}

/// What a typed object prints that a map would not: the zero `creationTimestamp` of a pod
/// template's metadata and the empty `status` struct (a Service's holds `loadBalancer: {}`),
/// as `--dry-run=client -o yaml` shows them.
fn typed_empties(o: &mut Value) {
    let kind = object::kind(o).to_string();
    for template in [
        &["spec", "template"][..],
        &["spec", "jobTemplate"][..],
        &["spec", "jobTemplate", "spec", "template"][..],
    ] {
        if object::get(o, template).is_some() {
            let mut path = template.to_vec();
            path.extend(["metadata", "creationTimestamp"]);
            object::set(o, &path, Value::Null);
        }
    }
    let status = match kind.as_str() {
        "Service" => json!({"loadBalancer": {}}),
        // Types without a status field.
        "ConfigMap" | "Secret" | "ServiceAccount" | "Role" | "RoleBinding" | "ClusterRole"
        | "ClusterRoleBinding" | "PriorityClass" => return,
        _ => json!({}),
    };
    if object::get(o, &["status"]).is_none() {
        object::set(o, &["status"], status);
    }
}

/// Creates (or dry-runs) a generated object and prints what kubectl prints.
/// `what` is the noun of `failed to create <what>: ...` for the generators that wrap server
/// errors that way; `None` prints the server's error as is.
fn finish(cx: &mut Cx, io: &mut Io, p: &Parsed, made: Made, what: Option<&str>, verb: &str) -> i32 {
    match send(cx, p, made, what) {
        Ok(sent) => sent.print(io, verb),
        Err(m) => {
            io.eprintln(m);
            1
        }
    }
}

/// An object the API server took (or would take), to be printed as the command's output.
pub(super) struct Sent {
    created: Value,
    /// `pod/web`.
    shown: String,
    rt: Option<&'static cluster::ResourceType>,
    dry: DryRun,
    format: OutputFormat,
    /// Made by a generator (a typed object in kubectl), not read from a file.
    generated: bool,
}

/// The first half of [`finish`]: the object created (or dry-run), or the error to print.
fn send(cx: &mut Cx, p: &Parsed, made: Made, what: Option<&str>) -> Result<Sent, String> {
    let (mut obj, generated) = match made {
        Made::Generated(o) => (o, true),
        Made::FromFile(o) => (o, false),
    };
    let (dry, format) = output_options(p)?;
    let rt = cx.cluster.resource_of(&obj).ok();
    let ns = namespace(cx, p);
    let had_ns = !object::namespace(&obj).is_empty();
    if rt.is_some_and(|r| r.namespaced) && !had_ns {
        object::set(&mut obj, &["metadata", "namespace"], s(ns.clone()));
    }
    if p.on("save-config") {
        let applied = last_applied_json(&obj);
        object::set(
            &mut obj,
            &["metadata", "annotations", LAST_APPLIED],
            s(applied),
        );
    }
    let name = object::name(&obj).to_string();
    let shown = rt
        .map(|r| qualified_name(r, &name))
        .unwrap_or_else(|| format!("{}/{name}", object::kind(&obj).to_ascii_lowercase()));
    let result = match dry {
        DryRun::Client => {
            let mut o = obj.clone();
            if !had_ns {
                object::remove(&mut o, &["metadata", "namespace"]);
            }
            object::set(&mut o, &["metadata", "creationTimestamp"], Value::Null);
            if generated {
                typed_empties(&mut o);
            }
            Ok(o)
        }
        DryRun::Server => {
            let mut probe = cx.cluster.clone();
            probe.create(obj.clone())
        }
        DryRun::None => cx.cluster.create(obj.clone()),
    };
    match result {
        Ok(created) => Ok(Sent {
            created,
            shown,
            rt,
            dry,
            format,
            generated,
        }),
        Err(e) => Err(match what {
            Some(w) => format!("error: failed to create {w}: {e}"),
            None => api_error_text(&e),
        }),
    }
}

impl Sent {
    /// A stored (or dry-run) object of a known type, to print as `format` says.
    pub(super) fn new(
        object: Value,
        rt: &'static cluster::ResourceType,
        dry: DryRun,
        format: OutputFormat,
    ) -> Sent {
        Sent {
            shown: qualified_name(rt, object::name(&object)),
            created: object,
            rt: Some(rt),
            dry,
            format,
            generated: false,
        }
    }

    /// The second half of [`finish`]: `pod/web created`, or the object in the output format.
    pub(super) fn print(&self, io: &mut Io, verb: &str) -> i32 {
        match &self.format {
            OutputFormat::Table { .. } => {
                io.println(format!("{} {verb}{}", self.shown, self.dry.suffix()));
            }
            OutputFormat::Name => io.println(self.shown.clone()),
            // A generator's object in a client dry run is kubectl's own Go struct.
            OutputFormat::Json if self.generated && self.dry == DryRun::Client => {
                io.print(printers::typed_json::to_json_typed(&self.created));
            }
            other => {
                let rts: Vec<&cluster::ResourceType> = self.rt.into_iter().collect();
                match printers::print_objects(other, &[&self.created], true, &rts, false) {
                    Ok(t) => io.print(t),
                    Err(m) => {
                        io.eprintln(m);
                        return 1;
                    }
                }
            }
        }
        0
    }
}

/// The annotation value: the object as given, compact JSON with sorted keys, and a newline.
pub fn last_applied_json(obj: &Value) -> String {
    let mut o = obj.clone();
    object::remove(&mut o, &["metadata", "annotations", LAST_APPLIED]);
    if o.pointer("/metadata/annotations")
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty)
    {
        object::remove(&mut o, &["metadata", "annotations"]);
    }
    let mut s = serde_json::to_string(&o).unwrap_or_default();
    s.push('\n');
    s
}

fn exactly_one_name(io: &mut Io, p: &Parsed, what: &str) -> Option<String> {
    match p.args.as_slice() {
        [one] => Some(one.clone()),
        other => {
            io.eprintln(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create {what} -h' for help and examples", other.len()));
            None
        }
    }
}

/// Runs `kubectl create ...`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let sub = args.first().map(String::as_str).unwrap_or("");
    let rest = args.get(1..).unwrap_or(&[]);
    match sub {
        "deployment" | "deploy" => deployment(cx, rest, io),
        "job" => job(cx, rest, io),
        "cronjob" | "cj" => cronjob(cx, rest, io),
        "namespace" | "ns" => simple(
            cx,
            rest,
            io,
            "namespace",
            |name| json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}, "spec": {}}),
        ),
        "serviceaccount" | "sa" => simple(
            cx,
            rest,
            io,
            "serviceaccount",
            |name| json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name}}),
        ),
        "configmap" | "cm" => config_data(cx, rest, io, false),
        "secret" => {
            if rest.first().map(String::as_str) == Some("generic") {
                config_data(cx, rest.get(1..).unwrap_or(&[]), io, true)
            } else {
                io.eprintln("error: kubeplay supports `kubectl create secret generic`\nSee 'kubectl create secret -h' for help and examples");
                Run::Done(1)
            }
        }
        "service" | "svc" => service(cx, rest, io),
        _ => from_files(cx, args, io),
    }
}

fn simple(cx: &mut Cx, args: &[String], io: &mut Io, what: &str, build: fn(&str) -> Value) -> Run {
    let p = match parse_flags(io, &format!("create {what}"), args, &with_common(&[])) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, what) else {
        return Run::Done(1);
    };
    let obj = build(&name);
    Run::Done(finish(cx, io, &p, Made::Generated(obj), None, "created"))
}

/// The container name kubectl derives from an image (`gcr.io/x/hello-app:1.0` -> `hello-app`).
pub fn container_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let last = last.split(':').next().unwrap_or(last);
    let last = last.split('@').next().unwrap_or(last);
    last.replace('_', "-")
}

fn deployment(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[
        value("image", None),
        value("replicas", Some('r')),
        value("port", None),
    ]);
    let p = match parse_flags(io, "create deployment", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, "deployment") else {
        return Run::Done(1);
    };
    let images = p.all("image");
    if images.is_empty() {
        return required_flag(cx, io, "image");
    }
    // An Int32 flag.
    let replicas: i64 = match p.get("replicas").map(|r| super::flags::parse_int(r, 32)) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(why)) => {
            io.eprintln(format!("Error: invalid argument \"{}\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"{}\": {why}\nSee 'kubectl create deployment --help' for usage.", p.get("replicas").unwrap_or(""), p.get("replicas").unwrap_or("")));
            return Run::Done(1);
        }
    };
    let port = p.get("port").and_then(|x| x.parse::<i64>().ok());
    let command = p.after_dash.clone().unwrap_or_default();
    let containers: Vec<Value> = images
        .iter()
        .map(|img| {
            let mut c = json!({"name": container_name(img), "image": img, "resources": {}});
            if let Some(port) = port {
                object::set(&mut c, &["ports"], json!([{"containerPort": port}]));
            }
            if !command.is_empty() {
                object::set(&mut c, &["command"], json!(command));
            }
            c
        })
        .collect();
    let obj = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "strategy": {},
            "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}},
        },
    });
    Run::Done(finish(
        cx,
        io,
        &p,
        Made::Generated(obj),
        Some("deployment"),
        "created",
    ))
}

/// The one container of `create job` and `create cronjob`: named as the object, running what
/// follows `--` as its command.
fn batch_container(name: &str, image: &str, p: &Parsed) -> Value {
    let mut c = json!({"name": name, "image": image, "resources": {}});
    let command = p.after_dash.clone().unwrap_or_default();
    if !command.is_empty() {
        object::set(&mut c, &["command"], json!(command));
    }
    c
}

/// `kubectl create job NAME --image=IMG [-- COMMAND [ARG...]]`.
fn job(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[value("image", None), value("from", None)]);
    let p = match parse_flags(io, "create job", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, "job") else {
        return Run::Done(1);
    };
    let Some(image) = p.get("image").map(str::to_string) else {
        if p.get("from").is_some() {
            io.eprintln("error: kubeplay has no CronJobs to create a Job from");
        } else {
            io.eprintln("error: either --image or --from must be specified");
        }
        return Run::Done(1);
    };
    let c = batch_container(&name, &image, &p);
    let obj = json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": name},
        "spec": {"template": {"metadata": {}, "spec": {"containers": [c], "restartPolicy": "Never"}}},
    });
    Run::Done(finish(
        cx,
        io,
        &p,
        Made::Generated(obj),
        Some("job"),
        "created",
    ))
}

/// `kubectl create cronjob NAME --image=IMG --schedule=SPEC [--restart=R] [-- COMMAND...]`.
fn cronjob(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[
        value("image", None),
        value("schedule", None),
        value("restart", None),
    ]);
    let p = match parse_flags(io, "create cronjob", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, "cronjob") else {
        return Run::Done(1);
    };
    let Some(image) = p.get("image").map(str::to_string) else {
        return required_flag(cx, io, "image");
    };
    let Some(schedule) = p.get("schedule").map(str::to_string) else {
        return required_flag(cx, io, "schedule");
    };
    let c = batch_container(&name, &image, &p);
    let restart = p.get("restart").unwrap_or("OnFailure");
    let obj = json!({
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {"name": name},
        "spec": {
            "jobTemplate": {
                "metadata": {"name": name},
                "spec": {"template": {"metadata": {}, "spec": {"containers": [c], "restartPolicy": restart}}},
            },
            "schedule": schedule,
        },
    });
    Run::Done(finish(
        cx,
        io,
        &p,
        Made::Generated(obj),
        Some("cronjob"),
        "created",
    ))
}

fn config_data(cx: &mut Cx, args: &[String], io: &mut Io, secret: bool) -> Run {
    let what = if secret {
        "secret generic"
    } else {
        "configmap"
    };
    let spec = with_common(&[
        value("from-literal", None),
        value("from-file", None),
        value("from-env-file", None),
        value("type", None),
        switch("append-hash", None),
    ]);
    let p = match parse_flags(io, &format!("create {what}"), args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, what) else {
        return Run::Done(1);
    };
    let mut data: Map<String, Value> = Map::new();
    let mut put = |k: String, v: String, io: &mut Io| -> bool {
        if data.contains_key(&k) {
            io.eprintln(format!("error: cannot add key \"{k}\", another key by that name already exists in Data for {}", if secret { "Secret" } else { "ConfigMap" }));
            return false;
        }
        let v = if secret {
            cluster::secret::encode(v.as_bytes())
        } else {
            v
        };
        data.insert(k, Value::String(v));
        true
    };
    for lit in p.all("from-literal") {
        let Some((k, v)) = lit.split_once('=') else {
            io.eprintln(format!(
                "error: invalid literal source {lit}, expected key=value"
            ));
            return Run::Done(1);
        };
        let v = v.trim_matches('"').trim_matches('\'').to_string();
        if !put(k.to_string(), v, io) {
            return Run::Done(1);
        }
    }
    for f in p.all("from-file") {
        let (key, path) = match f.split_once('=') {
            Some((k, p)) => (k.to_string(), p.to_string()),
            None => (f.rsplit('/').next().unwrap_or(&f).to_string(), f.clone()),
        };
        match cx.fs.stat(&path) {
            Some(crate::fs::Node::File(text)) => {
                let text = text.clone();
                if !put(key, text, io) {
                    return Run::Done(1);
                }
            }
            Some(crate::fs::Node::Dir) => {
                for file in cx.fs.files_under(&path, false) {
                    let k = file.rsplit('/').next().unwrap_or(&file).to_string();
                    let text = cx.fs.read(&file).map(str::to_string).unwrap_or_default();
                    if !put(k, text, io) {
                        return Run::Done(1);
                    }
                }
            }
            None => {
                io.eprintln(format!(
                    "error: error reading {path}: no such file or directory"
                ));
                return Run::Done(1);
            }
        }
    }
    for f in p.all("from-env-file") {
        let Ok(text) = cx.fs.read(&f).map(str::to_string) else {
            io.eprintln(format!(
                "error: error reading {f}: no such file or directory"
            ));
            return Run::Done(1);
        };
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = line.split_once('=').unwrap_or((line, ""));
            if !put(k.to_string(), v.to_string(), io) {
                return Run::Done(1);
            }
        }
    }
    let mut obj = if secret {
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "data": data})
    } else {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})
    };
    if secret {
        if let Some(t) = p.get("type") {
            object::set(&mut obj, &["type"], s(t));
        }
    }
    if data_is_empty(&obj) {
        object::remove(&mut obj, &["data"]);
    }
    Run::Done(finish(
        cx,
        io,
        &p,
        Made::Generated(obj),
        Some(if secret { "secret" } else { "configmap" }),
        "created",
    ))
}

fn data_is_empty(obj: &Value) -> bool {
    obj.get("data")
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty)
}

fn service(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let kind = args.first().map(String::as_str).unwrap_or("");
    let svc_type = match kind {
        "clusterip" => "ClusterIP",
        "nodeport" => "NodePort",
        "loadbalancer" => "LoadBalancer",
        "externalname" => "ExternalName",
        _ => {
            io.eprintln("error: Unknown service type. Use one of: clusterip, externalname, loadbalancer, nodeport\nSee 'kubectl create service -h' for help and examples");
            return Run::Done(1);
        }
    };
    let spec = with_common(&[
        value("tcp", None),
        value("clusterip", None),
        value("node-port", None),
        value("external-name", None),
    ]);
    let p = match parse_flags(
        io,
        &format!("create service {kind}"),
        args.get(1..).unwrap_or(&[]),
        &spec,
    ) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = exactly_one_name(io, &p, &format!("service {kind}")) else {
        return Run::Done(1);
    };
    let mut ports = Vec::new();
    for t in p
        .all("tcp")
        .iter()
        .flat_map(|t| t.split(',').map(str::to_string).collect::<Vec<_>>())
    {
        let (port, target) = t
            .split_once(':')
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or((t.clone(), t.clone()));
        let Ok(port_n) = port.parse::<i64>() else {
            io.eprintln(format!("error: invalid port: {t}"));
            return Run::Done(1);
        };
        let target_v = target
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(target.clone()));
        let mut pv = json!({"name": format!("{port}-{target}"), "port": port_n, "protocol": "TCP", "targetPort": target_v});
        if let Some(np) = p.get("node-port").and_then(|n| n.parse::<i64>().ok()) {
            object::set(&mut pv, &["nodePort"], json!(np));
        }
        ports.push(pv);
    }
    if ports.is_empty() && svc_type != "ExternalName" && p.get("clusterip") != Some("None") {
        return required_flag(cx, io, "tcp");
    }
    let mut spec_v = json!({"selector": {"app": name}, "type": svc_type});
    if !ports.is_empty() {
        object::set(&mut spec_v, &["ports"], Value::Array(ports));
    }
    if let Some(ip) = p.get("clusterip") {
        object::set(&mut spec_v, &["clusterIP"], s(ip));
    }
    if svc_type == "ExternalName" {
        let Some(ext) = p.get("external-name") else {
            return required_flag(cx, io, "external-name");
        };
        // The selector and ports stay, as create_service.go builds the spec.
        object::set(&mut spec_v, &["externalName"], s(ext));
    }
    let obj = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "labels": {"app": name}}, "spec": spec_v});
    Run::Done(finish(
        cx,
        io,
        &p,
        Made::Generated(obj),
        Some(&format!("{} service", svc_type)),
        "created",
    ))
}

fn from_files(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[
        value("filename", Some('f')),
        switch("recursive", Some('R')),
        switch("edit", None),
        value("selector", Some('l')),
        switch("windows-line-endings", None),
        value("raw", None),
    ]);
    let p = match parse_flags(io, "create", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if let Some(first) = p.args.first() {
        io.eprintln(format!("Error: unknown command \"{first}\" for \"kubectl create\"\n\nDid you mean this?\n\tdeployment\n\nRun 'kubectl create --help' for usage."));
        return Run::Done(1);
    }
    let files = p.all("filename");
    if files.is_empty() {
        io.eprintln("error: must specify one of -f and -k");
        return Run::Done(1);
    }
    // Only `-f -` reads standard input (a `kubectl apply -f x` in a `while read` loop
    // leaves the loop its lines).
    let stdin = if files.iter().any(|f| f == "-") {
        io.take_stdin()
    } else {
        String::new()
    };
    // Every path must exist before anything is sent (the builder's FilenameParam).
    let mut texts = Vec::new();
    for f in &files {
        match super::manifest::sources(cx, &stdin, f, p.on("recursive")) {
            Ok(t) => texts.extend(t),
            Err(m) => {
                io.eprintln(m);
                return Run::Done(1);
            }
        }
    }
    let validate = !matches!(p.get("validate"), Some("false") | Some("ignore"));
    // Documents go one by one, in order; what fails is reported at the end (ContinueOnError).
    let mut failures: Vec<Failure> = Vec::new();
    let mut status = 0;
    let mut count = 0;
    for (source, text) in &texts {
        for d in super::manifest::read_documents(text, source) {
            let d = match d {
                Ok(d) => d,
                Err(m) => {
                    failures.push(Failure::Client(m));
                    continue;
                }
            };
            let checked = if validate {
                super::manifest::validate_doc(&d)
            } else {
                super::manifest::decode_doc(&d)
            };
            if let Err(m) = checked {
                failures.push(Failure::Client(m));
                continue;
            }
            let mut obj = d.object.clone();
            if let Err(e) = cx.cluster.resource_of(&obj) {
                failures.push(Failure::Client(super::apply::mapping_error(
                    &obj, &d.source, &e,
                )));
                continue;
            }
            let ns = namespace(cx, &p);
            if cx.cluster.resource_of(&obj).is_ok_and(|r| r.namespaced)
                && object::namespace(&obj).is_empty()
            {
                object::set(&mut obj, &["metadata", "namespace"], s(ns));
            }
            count += 1;
            match dry_run(&p) {
                Ok(DryRun::None) => match cx.cluster.create(obj.clone()) {
                    Ok(created) => {
                        let rt = cx.cluster.resource_of(&created).ok();
                        let shown = rt
                            .map(|r| qualified_name(r, object::name(&created)))
                            .unwrap_or_default();
                        io.println(format!("{shown} created"));
                    }
                    Err(error) => failures.push(Failure::Api {
                        error,
                        verb: "creating",
                        source: d.source.clone(),
                    }),
                },
                _ => {
                    status = status.max(finish(cx, io, &p, Made::FromFile(obj), None, "created"));
                }
            }
        }
    }
    if count == 0 && failures.is_empty() {
        io.eprintln("error: no objects passed to create");
        return Run::Done(1);
    }
    Run::Done(status.max(super::manifest::report(io, &failures)))
}

/// `kubectl run NAME --image=IMG [--port] [--labels] [--env] [--restart] [--command] [-- args]`.
pub fn run_pod(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[
        value("image", None),
        value("port", None),
        value("labels", Some('l')),
        value("env", None),
        value("restart", None),
        switch("command", None),
        switch("stdin", Some('i')),
        switch("tty", Some('t')),
        switch("rm", None),
        value("image-pull-policy", None),
        switch("attach", None),
        switch("expose", None),
        value("overrides", None),
        value("annotations", None),
        switch("privileged", None),
        switch("quiet", Some('q')),
    ]);
    let p = match parse_flags(io, "run", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(name) = p.args.first().cloned() else {
        io.eprintln("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
        return Run::Done(1);
    };
    let Some(image) = p.get("image").map(str::to_string) else {
        return required_flag(cx, io, "image");
    };
    // `-i` attaches unless `--attach=false` says otherwise.
    let attach = p.on("attach") || (p.on("stdin") && !p.has("attach"));
    let usage = |io: &mut Io, m: &str| {
        io.eprintln(format!(
            "error: {m}\nSee 'kubectl run -h' for help and examples"
        ));
        Run::Done(1)
    };
    if p.on("tty") && !p.on("stdin") {
        return usage(
            io,
            "-i/--stdin is required for containers with -t/--tty=true",
        );
    }
    if p.on("rm") && !attach {
        return usage(io, "--rm should only be used for attached containers");
    }
    if attach && matches!(dry_run(&p), Ok(DryRun::Client | DryRun::Server)) {
        return usage(io, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    let port = p.get("port").filter(|x| !x.is_empty());
    if p.on("expose") && port.is_none() {
        return usage(io, "--port must be set when exposing a service");
    }
    let port = match port.map(go_atoi).transpose() {
        Ok(port) => port,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let mut labels = Map::new();
    match p.get("labels") {
        Some(l) => {
            for pair in l.split(',') {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                labels.insert(k.to_string(), s(v));
            }
        }
        None => {
            labels.insert("run".into(), s(name.clone()));
        }
    }
    let mut c = json!({"name": name, "image": image, "resources": {}});
    let rest = p.after_dash.clone().unwrap_or_default();
    if !rest.is_empty() {
        object::set(
            &mut c,
            &[if p.on("command") { "command" } else { "args" }],
            json!(rest),
        );
    }
    if let Some(port) = port {
        object::set(&mut c, &["ports"], json!([{"containerPort": port}]));
    }
    let env: Vec<Value> = p
        .all("env")
        .iter()
        .map(|e| {
            let (k, v) = e.split_once('=').unwrap_or((e, ""));
            json!({"name": k, "value": v})
        })
        .collect();
    if !env.is_empty() {
        object::set(&mut c, &["env"], Value::Array(env));
    }
    if let Some(pol) = p.get("image-pull-policy") {
        object::set(&mut c, &["imagePullPolicy"], s(pol));
    }
    let interactive = p.on("stdin") && p.on("tty");
    if interactive {
        object::set(&mut c, &["stdin"], json!(true));
        object::set(&mut c, &["stdinOnce"], json!(true));
        object::set(&mut c, &["tty"], json!(true));
    }
    let restart = p.get("restart").unwrap_or("Always").to_string();
    if !["Always", "OnFailure", "Never"].contains(&restart.as_str()) {
        io.eprintln(format!("error: invalid restart policy: {restart}"));
        return Run::Done(1);
    }
    // `--expose`: a Service of the same name in front of the pod (kubectl's service/v2
    // generator), labelled only with the labels given.
    let service = port.filter(|_| p.on("expose")).map(|port| {
        let mut svc = json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name},
            "spec": {
                "ports": [{"port": port, "protocol": "TCP", "targetPort": port}],
                "selector": labels,
            },
        });
        if p.has("labels") {
            object::set(
                &mut svc,
                &["metadata", "labels"],
                Value::Object(labels.clone()),
            );
        }
        svc
    });
    let obj = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": labels},
        "spec": {"containers": [c], "dnsPolicy": "ClusterFirst", "restartPolicy": restart},
    });
    if attach && dry_run(&p).ok() == Some(DryRun::None) {
        let how = super::run_attach::Attachment {
            stdin: p.on("stdin"),
            tty: p.on("tty"),
            remove: p.on("rm"),
        };
        return super::run_attach::run(cx, io, obj, how);
    }
    let Some(service) = service else {
        return Run::Done(finish(
            cx,
            io,
            &p,
            Made::Generated(obj),
            Some("pod"),
            "created",
        ));
    };
    // The pod is made first, then the Service; the Service prints first (and, in YAML, a
    // separator of its own before the printer's), and its error comes after the pod's line.
    let pod = match send(cx, &p, Made::Generated(obj), Some("pod")) {
        Ok(sent) => sent,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let mut code = 0;
    let failed = match send(cx, &p, Made::Generated(service), None) {
        Ok(svc) => {
            code = svc.print(io, "created");
            if matches!(svc.format, OutputFormat::Yaml) {
                io.print("---\n---\n");
            }
            None
        }
        Err(m) => Some(m),
    };
    code = code.max(pod.print(io, "created"));
    if let Some(m) = failed {
        io.eprintln(m);
        code = 1;
    }
    Run::Done(code)
}

/// Go's `strconv.Atoi`, with its errors as kubectl prints them.
fn go_atoi(text: &str) -> Result<i64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    match text.parse::<i64>() {
        Ok(n) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Err(format!(
            "error: strconv.Atoi: parsing {}: value out of range",
            super::editor::go_quote(text)
        )),
        _ => Err(format!(
            "error: strconv.Atoi: parsing {}: invalid syntax",
            super::editor::go_quote(text)
        )),
    }
}

/// `kubectl expose TYPE NAME --port=P [--target-port] [--name] [--type] [--protocol]`.
pub fn expose(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let spec = with_common(&[
        value("port", None),
        value("target-port", None),
        value("name", None),
        value("type", None),
        value("protocol", None),
        value("selector", None),
        value("labels", Some('l')),
        value("external-ip", None),
        value("cluster-ip", None),
        value("session-affinity", None),
        value("filename", Some('f')),
    ]);
    let p = match parse_flags(io, "expose", args, &spec) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let sels = match super::resource::parse(&p.args) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let Some(sel) = sels.first() else {
        io.eprintln("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        return Run::Done(1);
    };
    let Some(name) = sel.names.as_ref().and_then(|n| n.first()).cloned() else {
        io.eprintln("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        return Run::Done(1);
    };
    let ns = namespace(cx, &p);
    let target = match cx.cluster.get(sel.rt, &ns, &name) {
        Ok(o) => o.clone(),
        Err(e) => {
            io.eprintln(api_error_text(&e));
            return Run::Done(1);
        }
    };
    let kind = sel.rt.kind;
    let selector: Map<String, Value> = match kind {
        "Pod" => object::labels(&target)
            .into_iter()
            .map(|(k, v)| (k, s(v)))
            .collect(),
        "Service" => object::string_map(&target, &["spec", "selector"])
            .into_iter()
            .map(|(k, v)| (k, s(v)))
            .collect(),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" => {
            if !object::array_at(&target, &["spec", "selector", "matchExpressions"]).is_empty() {
                io.eprintln(format!(
                    "error: cannot expose a {kind} with matchExpressions"
                ));
                return Run::Done(1);
            }
            object::string_map(&target, &["spec", "selector", "matchLabels"])
                .into_iter()
                .map(|(k, v)| (k, s(v)))
                .collect()
        }
        _ => {
            io.eprintln(format!("error: cannot expose a {kind}"));
            return Run::Done(1);
        }
    };
    let template_ports: Vec<Value> = match kind {
        "Pod" => object::array_at(&target, &["spec", "containers"]).to_vec(),
        "Service" => Vec::new(),
        _ => object::array_at(&target, &["spec", "template", "spec", "containers"]).to_vec(),
    };
    let container_ports: Vec<(i64, String, Option<String>)> = template_ports
        .iter()
        .flat_map(|c| object::array_at(c, &["ports"]).to_vec())
        .filter_map(|p| {
            Some((
                object::i64_at(&p, &["containerPort"])?,
                object::str_at(&p, &["protocol"])
                    .unwrap_or("TCP")
                    .to_string(),
                object::str_at(&p, &["name"]).map(str::to_string),
            ))
        })
        .collect();
    let svc_ports: Vec<(i64, String, Option<String>)> = if kind == "Service" {
        object::array_at(&target, &["spec", "ports"])
            .iter()
            .filter_map(|p| {
                Some((
                    object::i64_at(p, &["port"])?,
                    object::str_at(p, &["protocol"])
                        .unwrap_or("TCP")
                        .to_string(),
                    object::str_at(p, &["name"]).map(str::to_string),
                ))
            })
            .collect()
    } else {
        container_ports
    };
    let protocol = p.get("protocol").map(str::to_string);
    let ports: Vec<Value> = match p.get("port") {
        Some(port) => port
            .split(',')
            .map(|x| {
                let n: i64 = x.parse().unwrap_or(0);
                let mut v = json!({"port": n, "protocol": protocol.clone().unwrap_or_else(|| "TCP".into())});
                let target_port = p.get("target-port").map(|t| t.parse::<i64>().map(Value::from).unwrap_or_else(|_| s(t))).unwrap_or(json!(n));
                object::set(&mut v, &["targetPort"], target_port);
                v
            })
            .collect(),
        None => {
            if svc_ports.is_empty() {
                io.eprintln("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
                return Run::Done(1);
            }
            let many = svc_ports.len() > 1;
            svc_ports
                .iter()
                .enumerate()
                .map(|(i, (port, proto, pname))| {
                    let mut v = json!({"port": port, "protocol": protocol.clone().unwrap_or_else(|| proto.clone())});
                    let tp = p.get("target-port").map(|t| t.parse::<i64>().map(Value::from).unwrap_or_else(|_| s(t))).unwrap_or(json!(port));
                    object::set(&mut v, &["targetPort"], tp);
                    if many {
                        object::set(&mut v, &["name"], s(pname.clone().unwrap_or_else(|| format!("port-{}", i + 1))));
                    }
                    v
                })
                .collect()
        }
    };
    let svc_name = p
        .get("name")
        .map(str::to_string)
        .unwrap_or_else(|| name.clone());
    let labels = object::get(&target, &["metadata", "labels"])
        .cloned()
        .unwrap_or(json!({}));
    let mut spec_v = json!({"ports": ports, "selector": selector});
    if let Some(t) = p.get("type") {
        object::set(&mut spec_v, &["type"], s(t));
    }
    if let Some(ip) = p.get("cluster-ip") {
        object::set(&mut spec_v, &["clusterIP"], s(ip));
    }
    let mut obj = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": svc_name}, "spec": spec_v});
    if labels.as_object().is_some_and(|m| !m.is_empty()) {
        object::set(&mut obj, &["metadata", "labels"], labels);
    }
    Run::Done(finish(cx, io, &p, Made::Generated(obj), None, "exposed"))
}
