//! The kubelet and the container runtime of every node: pulls images, starts sandboxes and
//! containers, keeps their logs, restarts them with back-off, stops them on deletion, and
//! reports all of it in the pod's status.

use crate::cluster::Cluster;
use crate::events::{self, Source};
use crate::images::{self, App, ImageRef, OnSigterm, Pull};
use crate::object::{self, s, Object};
use crate::process::{self, Process};
use crate::rng::fnv1a32;
use crate::store::ObjKey;
use crate::time::Time;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::Ipv4Addr;

/// How many log lines a container keeps (the rest rotates away).
const LOG_LINES: usize = 1000;
/// The first crash back-off; it doubles up to [`MAX_BACKOFF_MS`].
const BACKOFF_MS: i64 = 10_000;
const MAX_BACKOFF_MS: i64 = 300_000;

/// How long the kubelet waits before restarting a container that has restarted `restarts`
/// times: the first restart is immediate, then 10 s, 20 s, 40 s... up to 5 minutes.
fn crash_backoff(restarts: i64) -> i64 {
    if restarts <= 0 {
        0
    } else {
        (BACKOFF_MS << (restarts - 1).min(5)).min(MAX_BACKOFF_MS)
    }
}

/// Which stream a log line was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// One line of a container's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    /// When it was written.
    pub time: Time,
    /// Where.
    pub stream: Stream,
    /// The text, without the newline.
    pub text: String,
}

impl Default for State {
    fn default() -> State {
        State::Waiting {
            reason: String::new(),
            message: None,
            until: Time(0),
        }
    }
}

/// The state of a container, as the runtime sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// Not running: `reason` is ContainerCreating, ErrImagePull, CrashLoopBackOff...
    Waiting {
        /// The waiting reason.
        reason: String,
        /// The message, if any.
        message: Option<String>,
        /// When the kubelet acts next (pull done, back-off over).
        until: Time,
    },
    /// Running since `started`.
    Running {
        /// Start time.
        started: Time,
        /// When the process exits on its own, if it does.
        exits_at: Option<(Time, i32)>,
    },
    /// Exited.
    Terminated {
        /// Exit status.
        exit_code: i32,
        /// Completed, Error...
        reason: String,
        /// Start time.
        started: Time,
        /// End time.
        finished: Time,
    },
}

/// One container of a pod on a node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    /// The container's name.
    pub name: String,
    /// The image as the pod spec names it.
    pub image: String,
    /// The image's default program, when the image is known.
    pub app: Option<App>,
    /// What the container runs.
    pub process: Option<Process>,
    /// Current state.
    pub state: State,
    /// The previous termination, once it restarted.
    pub last: Option<State>,
    /// Restarts so far.
    pub restart_count: i64,
    /// `containerd://<64 hex>` of the current (or last) instance.
    pub id: Option<String>,
    /// Whether the image is on the node.
    pub pulled: bool,
    /// Failed pulls in a row (for the back-off).
    pub pull_failures: u32,
    /// Whether the container passes readiness.
    pub ready: bool,
    /// Its log (this instance).
    pub logs: VecDeque<LogLine>,
    /// The log of the previous instance (`kubectl logs -p`).
    #[serde(default)]
    pub previous_logs: VecDeque<LogLine>,
    /// How long its last image pull took (the Pulled event says it).
    #[serde(default)]
    pub pull_ms: i64,
    /// The same, waiting for the pulls before it included (0: none waited).
    #[serde(default)]
    pub pull_total_ms: i64,
    /// A restart waiting for its image (`imagePullPolicy: Always` pulls before every start):
    /// when the pull is done.
    #[serde(default)]
    pub repull: Option<Time>,
}

/// A pod on a node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodRuntime {
    /// Where the pod object lives.
    pub key: ObjKey,
    /// The node.
    pub node: String,
    /// The sandbox's address (the node's for hostNetwork pods).
    pub ip: Option<Ipv4Addr>,
    /// Whether the address came from the pod CIDR (and must be given back).
    pub owns_ip: bool,
    /// When the sandbox is (or was) ready.
    pub sandbox_ready_at: Time,
    /// The containers, in spec order.
    pub containers: Vec<Container>,
    /// Set once SIGTERM was sent: the time of the SIGKILL.
    pub kill_at: Option<Time>,
}

/// Every node's containers, images and logs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Runtime {
    pods: BTreeMap<String, PodRuntime>,
    images: BTreeMap<String, BTreeSet<String>>,
    pods_per_node: BTreeMap<String, usize>,
    by_ip: BTreeMap<Ipv4Addr, String>,
    /// uid of the pod the runtime runs at each key.
    #[serde(default)]
    by_key: BTreeMap<ObjKey, String>,
    /// Each node's image pulls, one at a time: when the last one queued is done, and its image.
    #[serde(default)]
    pull_queue: BTreeMap<String, (Time, String)>,
}

impl Runtime {
    /// How many pods the scheduler has put on `node`.
    pub fn pods_on(&self, node: &str) -> usize {
        self.pods_per_node.get(node).copied().unwrap_or(0)
    }

    pub(crate) fn assign(&mut self, node: &str) {
        *self.pods_per_node.entry(node.to_string()).or_default() += 1;
    }

    fn unassign(&mut self, node: &str) {
        if let Some(n) = self.pods_per_node.get_mut(node) {
            *n = n.saturating_sub(1);
        }
    }

    /// The runtime view of a pod, by uid.
    pub fn pod(&self, uid: &str) -> Option<&PodRuntime> {
        self.pods.get(uid)
    }

    /// The uid of the pod whose sandbox has this (pod network) address.
    pub fn pod_by_ip(&self, ip: Ipv4Addr) -> Option<&PodRuntime> {
        self.pods.get(self.by_ip.get(&ip)?)
    }

    /// Marks an image as present on a node (the node image's preloaded images).
    pub(crate) fn preload(&mut self, node: &str, image: &str) {
        self.images
            .entry(node.to_string())
            .or_default()
            .insert(ImageRef::parse(image).full());
    }

    fn has_image(&self, node: &str, image: &str) -> bool {
        self.images
            .get(node)
            .is_some_and(|s| s.contains(&ImageRef::parse(image).full()))
    }

    /// Every pod the runtime runs, by uid.
    pub(crate) fn pods_iter(&self) -> impl Iterator<Item = (&String, &PodRuntime)> {
        self.pods.iter()
    }

    /// A container instance by its id.
    pub(crate) fn container_by_id(&mut self, uid: &str, id: &str) -> Option<&mut Container> {
        self.pods
            .get_mut(uid)?
            .containers
            .iter_mut()
            .find(|c| c.id.as_deref() == Some(id))
    }

    pub(crate) fn pods_mut_container(&mut self, uid: &str, index: usize) -> Option<&mut Container> {
        self.pods.get_mut(uid)?.containers.get_mut(index)
    }
}

/// Appends a line to a container's log.
pub(crate) fn log(c: &mut Container, time: Time, stream: Stream, text: impl Into<String>) {
    if c.logs.len() >= LOG_LINES {
        c.logs.pop_front();
    }
    c.logs.push_back(LogLine {
        time,
        stream,
        text: text.into(),
    });
}

/// A stable digest for an image reference (the same image has the same ID everywhere).
pub fn image_digest(image: &str) -> String {
    let full = ImageRef::parse(image).full();
    let mut out = String::new();
    let mut seed = full.into_bytes();
    while out.len() < 64 {
        let h = fnv1a32(&seed);
        out.push_str(&format!("{h:08x}"));
        seed.extend_from_slice(&h.to_le_bytes());
    }
    out
}

fn image_id(image: &str) -> String {
    let r = ImageRef::parse(image);
    let repo = r
        .repository
        .strip_prefix("docker.io/library/")
        .map(|n| format!("docker.io/library/{n}"))
        .unwrap_or(r.repository.clone());
    format!("{repo}@sha256:{}", image_digest(image))
}

fn field_path(name: &str) -> String {
    format!("spec.containers{{{name}}}")
}

/// Reconciles one pod on its node.
pub fn reconcile(cl: &mut Cluster, key: &ObjKey) -> Option<Time> {
    // The version read now, shared rather than copied; released before the status write so
    // that the write need not copy it either.
    let Some(pod) = cl.store.get_shared("Pod", key) else {
        forget(cl, key);
        return None;
    };
    let node = object::str_at(&pod, &["spec", "nodeName"])?.to_string();
    let uid = object::uid(&pod).to_string();
    if !cl.runtime.pods.contains_key(&uid) {
        // A pod for another node's kubelet that this cluster does not run, or a new one.
        cl.store.get_named("Node", "", &node)?;
        if !cl.runtime.by_key.contains_key(key) {
            // Pods that were bound directly (DaemonSets, static pods) were never counted.
            if object::array_at(&pod, &["status", "conditions"]).is_empty() {
                cl.runtime.assign(&node);
            }
        }
        start_pod(cl, &pod, &node);
    }
    let next = if object::is_terminating(&pod) {
        stop_pod(cl, &pod)
    } else {
        run_pod(cl, &pod)
    };
    drop(pod);
    if cl.store.get("Pod", key).is_some() {
        write_status(cl, key);
    }
    next
}

/// The pod is gone from the API: free what it held.
fn forget(cl: &mut Cluster, key: &ObjKey) {
    let uids: Vec<String> = cl.runtime.by_key.remove(key).into_iter().collect();
    for uid in uids {
        if let Some(p) = cl.runtime.pods.remove(&uid) {
            if let Some(ip) = p.ip {
                if p.owns_ip {
                    cl.runtime.by_ip.remove(&ip);
                    if let Some(ipam) = cl.pod_ipam.get_mut(&p.node) {
                        ipam.release(ip);
                    }
                }
            }
            cl.runtime.unassign(&p.node);
        }
    }
}

fn start_pod(cl: &mut Cluster, pod: &Value, node: &str) {
    let now = cl.now;
    let uid = object::uid(pod).to_string();
    let sandbox = cl.rng.between(400, 900);
    let mut containers = Vec::new();
    for c in object::array_at(pod, &["spec", "containers"]) {
        let name = object::str_at(c, &["name"]).unwrap_or("").to_string();
        let image = object::str_at(c, &["image"]).unwrap_or("").to_string();
        containers.push(Container {
            name,
            image,
            app: None,
            process: None,
            state: State::Waiting {
                reason: "ContainerCreating".into(),
                message: None,
                until: now.plus(sandbox),
            },
            last: None,
            restart_count: 0,
            id: None,
            pulled: false,
            pull_failures: 0,
            ready: false,
            logs: VecDeque::new(),
            previous_logs: VecDeque::new(),
            pull_ms: 0,
            pull_total_ms: 0,
            repull: None,
        });
    }
    // A pod recreated under the same name (StatefulSets) replaces the old sandbox.
    if cl
        .runtime
        .by_key
        .get(&ObjKey::of(pod))
        .is_some_and(|old| old != object::uid(pod))
    {
        forget(cl, &ObjKey::of(pod));
    }
    cl.runtime
        .by_key
        .insert(ObjKey::of(pod), object::uid(pod).to_string());
    cl.runtime.pods.insert(
        uid,
        PodRuntime {
            key: ObjKey::of(pod),
            node: node.to_string(),
            ip: None,
            owns_ip: false,
            sandbox_ready_at: now.plus(sandbox),
            containers,
            kill_at: None,
        },
    );
}

/// Brings a pod's containers forward in time; returns when to look again.
fn run_pod(cl: &mut Cluster, pod: &Value) -> Option<Time> {
    let now = cl.now;
    let uid = object::uid(pod).to_string();
    let node = object::str_at(pod, &["spec", "nodeName"])
        .unwrap_or("")
        .to_string();
    let sandbox_at = cl.runtime.pods.get(&uid)?.sandbox_ready_at;
    if now < sandbox_at {
        return Some(sandbox_at);
    }
    // The sandbox: an address from the node's pod CIDR, or the node's own.
    if cl.runtime.pods.get(&uid).is_some_and(|p| p.ip.is_none()) {
        let host_network =
            object::get(pod, &["spec", "hostNetwork"]).and_then(Value::as_bool) == Some(true);
        let (ip, owns) = if host_network {
            (node_ip(cl, &node), false)
        } else {
            (
                cl.pod_ipam.get_mut(&node).and_then(|ipam| ipam.allocate()),
                true,
            )
        };
        if let Some(p) = cl.runtime.pods.get_mut(&uid) {
            p.ip = ip;
            p.owns_ip = owns && ip.is_some();
        }
        if let (Some(ip), true) = (ip, owns) {
            cl.runtime.by_ip.insert(ip, uid.clone());
        }
    }
    let restart_policy = object::str_at(pod, &["spec", "restartPolicy"])
        .unwrap_or("Always")
        .to_string();
    let specs = object::array_at(pod, &["spec", "containers"]);
    let mut next: Option<Time> = None;
    let mut soon = |t: Time| next = Some(next.map_or(t, |n: Time| n.min(t)));
    for (i, spec) in specs.iter().enumerate() {
        // Take the container out (no copy of its log) while the kubelet works on it.
        let Some(mut c) = cl
            .runtime
            .pods
            .get_mut(&uid)
            .and_then(|p| p.containers.get_mut(i))
            .map(std::mem::take)
        else {
            continue;
        };
        step_container(cl, pod, spec, &node, &restart_policy, &mut c, &mut soon);
        if let Some(slot) = cl
            .runtime
            .pods
            .get_mut(&uid)
            .and_then(|p| p.containers.get_mut(i))
        {
            *slot = c;
        }
    }
    next
}

#[allow(clippy::too_many_lines)]
fn step_container(
    cl: &mut Cluster,
    pod: &Value,
    spec: &Value,
    node: &str,
    restart_policy: &str,
    c: &mut Container,
    soon: &mut impl FnMut(Time),
) {
    let now = cl.now;
    let fp = field_path(&c.name);
    let kubelet = Source {
        component: "kubelet",
        host: Some(node),
        field_path: Some(&fp),
    };
    match c.state.clone() {
        State::Waiting { reason, until, .. } => {
            if now < until {
                soon(until);
                return;
            }
            match reason.as_str() {
                "ErrImagePull" => {
                    let backoff = (BACKOFF_MS << c.pull_failures.saturating_sub(1).min(5))
                        .min(MAX_BACKOFF_MS);
                    let msg = format!("Back-off pulling image \"{}\"", c.image);
                    events::record_from(cl, pod, "Normal", "BackOff", &msg, kubelet);
                    events::record_from(
                        cl,
                        pod,
                        "Warning",
                        "Failed",
                        "Error: ImagePullBackOff",
                        kubelet,
                    );
                    c.state = State::Waiting {
                        reason: "ImagePullBackOff".into(),
                        message: Some(msg),
                        until: now.plus(backoff),
                    };
                    soon(now.plus(backoff));
                    return;
                }
                "Pulling" => match images::pull(&c.image) {
                    Pull::Found(info) => {
                        let msg = pulled_message(c, info.size);
                        events::record_from(cl, pod, "Normal", "Pulled", &msg, kubelet);
                        cl.runtime
                            .images
                            .entry(node.to_string())
                            .or_default()
                            .insert(ImageRef::parse(&c.image).full());
                        c.pulled = true;
                        c.app = Some(info.app);
                    }
                    _ => {
                        let detail = images::pull_error_message(&c.image);
                        let msg = format!("Failed to pull image \"{}\": {detail}", c.image);
                        events::record_from(cl, pod, "Warning", "Failed", &msg, kubelet);
                        events::record_from(
                            cl,
                            pod,
                            "Warning",
                            "Failed",
                            "Error: ErrImagePull",
                            kubelet,
                        );
                        c.pull_failures += 1;
                        // ErrImagePull shows until the kubelet's next sync, then ImagePullBackOff.
                        let message = format!("\"{}\": {detail}", c.image);
                        c.state = State::Waiting {
                            reason: "ErrImagePull".into(),
                            message: Some(message),
                            until: now.plus(1_500),
                        };
                        soon(now.plus(1_500));
                        return;
                    }
                },
                _ => {}
            }
            if !c.pulled {
                let present = cl.runtime.has_image(node, &c.image);
                let policy = object::str_at(spec, &["imagePullPolicy"]).unwrap_or("IfNotPresent");
                match images::pull(&c.image) {
                    Pull::Found(info) if present && policy != "Always" => {
                        let msg =
                            format!("Container image \"{}\" already present on machine", c.image);
                        events::record_from(cl, pod, "Normal", "Pulled", &msg, kubelet);
                        c.pulled = true;
                        c.app = Some(info.app);
                    }
                    found => {
                        let msg = format!("Pulling image \"{}\"", c.image);
                        events::record_from(cl, pod, "Normal", "Pulling", &msg, kubelet);
                        let alone = match found {
                            Pull::Found(_) if present => 600 + cl.rng.between(0, 400),
                            Pull::Found(info) => {
                                700 + (info.size / 20_000) as i64 + cl.rng.between(0, 700)
                            }
                            _ => 800 + cl.rng.between(0, 900),
                        };
                        let (ms, total) = queue_pull(cl, node, &c.image, alone);
                        c.pull_ms = ms;
                        c.pull_total_ms = total;
                        c.state = State::Waiting {
                            reason: "Pulling".into(),
                            message: None,
                            until: now.plus(total),
                        };
                        soon(now.plus(total));
                        return;
                    }
                }
            }
            start_container(cl, pod, spec, node, c);
            match c.state {
                State::Running {
                    exits_at: Some((t, _)),
                    ..
                } => soon(t),
                State::Waiting { until, .. } => soon(until),
                _ => {}
            }
            // Readiness is evaluated on the next pass.
            soon(now);
        }
        State::Running { started, exits_at } => {
            if let Some((t, code)) = exits_at {
                if now >= t {
                    let reason = if code == 0 { "Completed" } else { "Error" };
                    c.state = State::Terminated {
                        exit_code: code,
                        reason: reason.into(),
                        started,
                        finished: t,
                    };
                    c.ready = false;
                    after_exit(cl, pod, node, restart_policy, c, soon);
                } else {
                    soon(t);
                }
            }
            // Readiness: without a probe a running container is ready at once.
            if matches!(c.state, State::Running { .. }) && !c.ready {
                let delay = object::i64_at(spec, &["readinessProbe", "initialDelaySeconds"])
                    .unwrap_or(0)
                    * 1000;
                let ready_at = started.plus(delay);
                if now >= ready_at {
                    c.ready = true;
                } else {
                    soon(ready_at);
                }
            }
        }
        State::Terminated { .. } => {
            if restart_policy == "Always"
                || restart_policy == "OnFailure"
                    && matches!(c.state, State::Terminated { exit_code, .. } if exit_code != 0)
            {
                after_exit(cl, pod, node, restart_policy, c, soon);
            }
        }
    }
}

/// The kubelet's Pulled event: the pull's duration, and the time since it was asked for,
/// truncated to the millisecond as Go prints a `time.Duration` (`911ms`, `2.481s`).
fn pulled_message(c: &Container, size: u64) -> String {
    let d = crate::time::go_duration(c.pull_ms);
    let total = crate::time::go_duration(c.pull_total_ms.max(c.pull_ms));
    format!(
        "Successfully pulled image \"{}\" in {d} ({total} including waiting). Image size: {size} bytes.",
        c.image
    )
}

/// Queues an image pull on `node`: the kubelet pulls one image at a time
/// (`serializeImagePulls`, on by default), so a pull waits for the ones before it, and a pull
/// of the image the one before it brings finds the layers there and is quick. `alone`: how
/// long it takes by itself. Returns the pull's own time and the time until it is done.
fn queue_pull(cl: &mut Cluster, node: &str, image: &str, alone: i64) -> (i64, i64) {
    let now = cl.now;
    let full = ImageRef::parse(image).full();
    let (start, cached) = match cl.runtime.pull_queue.get(node) {
        Some((free, last)) if *free > now => (*free, *last == full),
        _ => (now, false),
    };
    let ms = if cached {
        300 + cl.rng.between(0, 400)
    } else {
        alone
    };
    let done = start.plus(ms);
    cl.runtime.pull_queue.insert(node.to_string(), (done, full));
    (ms, done.since(now))
}

fn node_ip(cl: &Cluster, node: &str) -> Option<Ipv4Addr> {
    let n = cl.store.get_named("Node", "", node)?;
    object::array_at(n, &["status", "addresses"])
        .iter()
        .find(|a| object::str_at(a, &["type"]) == Some("InternalIP"))
        .and_then(|a| object::str_at(a, &["address"])?.parse().ok())
}

/// The environment of a container: the pod's `env` and `envFrom`, then the service links.
pub fn container_env(cl: &Cluster, pod: &Value, spec: &Value) -> Vec<(String, String)> {
    let ns = object::namespace(pod);
    let mut env: Vec<(String, String)> = Vec::new();
    fn set_in(env: &mut Vec<(String, String)>, k: String, v: String) {
        if let Some(slot) = env.iter_mut().find(|(ek, _)| *ek == k) {
            slot.1 = v;
        } else {
            env.push((k, v));
        }
    }
    set_in(
        &mut env,
        "PATH".into(),
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
    );
    set_in(&mut env, "HOSTNAME".into(), object::name(pod).into());
    for from in object::array_at(spec, &["envFrom"]) {
        let prefix = object::str_at(from, &["prefix"]).unwrap_or("");
        if let Some(name) = object::str_at(from, &["configMapRef", "name"]) {
            if let Some(cm) = cl.store.get_named("ConfigMap", ns, name) {
                for (k, v) in object::string_map(cm, &["data"]) {
                    set_in(&mut env, format!("{prefix}{k}"), v);
                }
            }
        }
        if let Some(name) = object::str_at(from, &["secretRef", "name"]) {
            if let Some(sec) = cl.store.get_named("Secret", ns, name) {
                for (k, v) in object::string_map(sec, &["data"]) {
                    set_in(&mut env, format!("{prefix}{k}"), crate::secret::decode(&v));
                }
            }
        }
    }
    for e in object::array_at(spec, &["env"]) {
        let Some(name) = object::str_at(e, &["name"]) else {
            continue;
        };
        let value = if let Some(v) = object::str_at(e, &["value"]) {
            expand_env(v, &env)
        } else if let Some(r) = object::get(e, &["valueFrom", "configMapKeyRef"]) {
            let cm =
                cl.store
                    .get_named("ConfigMap", ns, object::str_at(r, &["name"]).unwrap_or(""));
            cm.and_then(|cm| {
                object::str_at(cm, &["data", object::str_at(r, &["key"]).unwrap_or("")])
                    .map(str::to_string)
            })
            .unwrap_or_default()
        } else if let Some(r) = object::get(e, &["valueFrom", "secretKeyRef"]) {
            let sec = cl
                .store
                .get_named("Secret", ns, object::str_at(r, &["name"]).unwrap_or(""));
            sec.and_then(|s| {
                object::str_at(s, &["data", object::str_at(r, &["key"]).unwrap_or("")])
                    .map(crate::secret::decode)
            })
            .unwrap_or_default()
        } else if let Some(r) = object::get(e, &["valueFrom", "fieldRef"]) {
            let path = object::str_at(r, &["fieldPath"]).unwrap_or("");
            match path {
                "metadata.name" => object::name(pod).to_string(),
                "metadata.namespace" => ns.to_string(),
                "metadata.uid" => object::uid(pod).to_string(),
                "spec.nodeName" => object::str_at(pod, &["spec", "nodeName"])
                    .unwrap_or("")
                    .to_string(),
                "spec.serviceAccountName" => object::str_at(pod, &["spec", "serviceAccountName"])
                    .unwrap_or("")
                    .to_string(),
                "status.podIP" => cl
                    .runtime
                    .pod(object::uid(pod))
                    .and_then(|p| p.ip)
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                "status.hostIP" => object::str_at(pod, &["spec", "nodeName"])
                    .and_then(|n| node_ip(cl, n))
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            }
        } else {
            String::new()
        };
        set_in(&mut env, name.to_string(), value);
    }
    if object::get(pod, &["spec", "enableServiceLinks"]).and_then(Value::as_bool) != Some(false) {
        for (k, v) in service_links(cl, ns) {
            if !env.iter().any(|(ek, _)| *ek == k) {
                env.push((k, v));
            }
        }
    }
    env.push(("KUBERNETES_SERVICE_HOST".into(), "10.96.0.1".into()));
    env.push(("KUBERNETES_SERVICE_PORT".into(), "443".into()));
    env.push(("KUBERNETES_SERVICE_PORT_HTTPS".into(), "443".into()));
    env.push(("KUBERNETES_PORT".into(), "tcp://10.96.0.1:443".into()));
    env.push((
        "KUBERNETES_PORT_443_TCP".into(),
        "tcp://10.96.0.1:443".into(),
    ));
    env.push(("KUBERNETES_PORT_443_TCP_PROTO".into(), "tcp".into()));
    env.push(("KUBERNETES_PORT_443_TCP_PORT".into(), "443".into()));
    env.push(("KUBERNETES_PORT_443_TCP_ADDR".into(), "10.96.0.1".into()));
    env.push(("HOME".into(), "/root".into()));
    env
}

/// `$(VAR)` references in an env value, expanded from the variables defined before it.
fn expand_env(v: &str, env: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find("$(") {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 2..).unwrap_or("");
        match after.find(')') {
            Some(j) => {
                let name = after.get(..j).unwrap_or("");
                match env.iter().find(|(k, _)| k == name) {
                    Some((_, val)) => out.push_str(val),
                    None => {
                        out.push_str("$(");
                        out.push_str(name);
                        out.push(')');
                    }
                }
                rest = after.get(j + 1..).unwrap_or("");
            }
            None => {
                out.push_str(rest.get(i..).unwrap_or(""));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Docker-link style variables for the services of a namespace (`WEB_SERVICE_SERVICE_HOST`...).
fn service_links(cl: &Cluster, ns: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for svc in cl.store.list_ns("Service", ns) {
        let Some(ip) = object::str_at(svc, &["spec", "clusterIP"]) else {
            continue;
        };
        if ip == "None" || object::name(svc) == "kubernetes" {
            continue;
        }
        let name = object::name(svc).to_ascii_uppercase().replace('-', "_");
        let ports = object::array_at(svc, &["spec", "ports"]);
        let Some(first) = ports.first() else { continue };
        out.push((format!("{name}_SERVICE_HOST"), ip.to_string()));
        let port = object::i64_at(first, &["port"]).unwrap_or(0);
        out.push((format!("{name}_SERVICE_PORT"), port.to_string()));
        for p in ports {
            let port = object::i64_at(p, &["port"]).unwrap_or(0);
            let proto = object::str_at(p, &["protocol"]).unwrap_or("TCP");
            if let Some(pn) = object::str_at(p, &["name"]) {
                out.push((
                    format!(
                        "{name}_SERVICE_PORT_{}",
                        pn.to_ascii_uppercase().replace('-', "_")
                    ),
                    port.to_string(),
                ));
            }
            let lower = proto.to_ascii_lowercase();
            out.push((format!("{name}_PORT"), format!("{lower}://{ip}:{port}")));
            let base = format!("{name}_PORT_{port}_{proto}");
            out.push((base.clone(), format!("{lower}://{ip}:{port}")));
            out.push((format!("{base}_PROTO"), lower.clone()));
            out.push((format!("{base}_PORT"), port.to_string()));
            out.push((format!("{base}_ADDR"), ip.to_string()));
        }
    }
    out
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    object::array_at(v, &[key])
        .iter()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn start_container(cl: &mut Cluster, pod: &Value, spec: &Value, node: &str, c: &mut Container) {
    let now = cl.now;
    let fp = field_path(&c.name);
    let kubelet = Source {
        component: "kubelet",
        host: Some(node),
        field_path: Some(&fp),
    };
    let info = match images::pull(&c.image) {
        Pull::Found(i) => i,
        _ => return,
    };
    let env = container_env(cl, pod, spec);
    let proc = process::resolve(info, &strings(spec, "command"), &strings(spec, "args"));
    if let Process::NotFound { program } = &proc {
        let msg = format!(
            "Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{program}\": executable file not found in $PATH: unknown"
        );
        events::record_from(
            cl,
            pod,
            "Normal",
            "Created",
            &format!("Created container: {}", c.name),
            kubelet,
        );
        events::record_from(cl, pod, "Warning", "Failed", &msg, kubelet);
        let code = 128;
        c.id = Some(format!("containerd://{}", cl.rng.hex(64)));
        c.state = State::Terminated {
            exit_code: code,
            reason: "StartError".into(),
            started: Time(0),
            finished: now,
        };
        c.process = Some(proc);
        return;
    }
    let id = cl.rng.hex(64);
    c.id = Some(format!("containerd://{id}"));
    events::record_from(
        cl,
        pod,
        "Normal",
        "Created",
        &format!("Created container: {}", c.name),
        kubelet,
    );
    events::record_from(
        cl,
        pod,
        "Normal",
        "Started",
        &format!("Started container {}", c.name),
        kubelet,
    );
    let exits_at = match &proc {
        Process::Sleep { seconds: Some(s) } => Some((now.plus(s.saturating_mul(1000)), 0)),
        Process::Exit {
            code,
            output,
            after_ms,
        } => {
            for line in output {
                log(c, now, Stream::Stdout, line.clone());
            }
            Some((now.plus(*after_ms), *code))
        }
        // Scripts run until the shell crate reports their exit (`Cluster::script_exited`).
        _ => None,
    };
    if let (Process::Serve, Some(app)) = (&proc, c.app) {
        crate::apps::on_start(app, &env, now, c);
    }
    c.process = Some(proc);
    c.state = State::Running {
        started: now,
        exits_at,
    };
    c.ready = false;
}

/// A container exited: restart it after a back-off, or leave it terminated.
fn after_exit(
    cl: &mut Cluster,
    pod: &Value,
    node: &str,
    restart_policy: &str,
    c: &mut Container,
    soon: &mut impl FnMut(Time),
) {
    let now = cl.now;
    let State::Terminated {
        exit_code,
        finished,
        ..
    } = c.state.clone()
    else {
        return;
    };
    let restart = match restart_policy {
        "Always" => true,
        "OnFailure" => exit_code != 0,
        _ => false,
    };
    if !restart {
        return;
    }
    let due = finished.plus(crash_backoff(c.restart_count));
    if now < due {
        if !matches!(c.state, State::Waiting { .. }) {
            let fp = field_path(&c.name);
            let kubelet = Source {
                component: "kubelet",
                host: Some(node),
                field_path: Some(&fp),
            };
            let msg = format!(
                "Back-off restarting failed container {} in pod {}_{}({})",
                c.name,
                object::name(pod),
                object::namespace(pod),
                object::uid(pod)
            );
            events::record_from(cl, pod, "Warning", "BackOff", &msg, kubelet);
        }
        soon(due);
        return;
    }
    let spec = object::array_at(pod, &["spec", "containers"])
        .iter()
        .find(|s| object::str_at(s, &["name"]) == Some(c.name.as_str()))
        .cloned();
    // `imagePullPolicy: Always` (the default for `:latest`) pulls before every start; the
    // container shows its back-off meanwhile.
    let always = spec
        .as_ref()
        .and_then(|s| object::str_at(s, &["imagePullPolicy"]))
        == Some("Always");
    if let (true, Pull::Found(info)) = (always, images::pull(&c.image)) {
        let fp = field_path(&c.name);
        let kubelet = Source {
            component: "kubelet",
            host: Some(node),
            field_path: Some(&fp),
        };
        match c.repull {
            None => {
                let msg = format!("Pulling image \"{}\"", c.image);
                events::record_from(cl, pod, "Normal", "Pulling", &msg, kubelet);
                let alone = 600 + cl.rng.between(0, 400);
                let (ms, total) = queue_pull(cl, node, &c.image, alone);
                c.pull_ms = ms;
                c.pull_total_ms = total;
                let done = now.plus(total);
                c.repull = Some(done);
                soon(done);
                return;
            }
            Some(done) if now < done => {
                soon(done);
                return;
            }
            Some(_) => {
                c.repull = None;
                let msg = pulled_message(c, info.size);
                events::record_from(cl, pod, "Normal", "Pulled", &msg, kubelet);
            }
        }
    }
    // Restart now: the terminated state becomes the last state.
    let last = c.state.clone();
    c.last = Some(last);
    c.restart_count += 1;
    c.previous_logs = std::mem::take(&mut c.logs);
    c.state = State::Waiting {
        reason: "ContainerCreating".into(),
        message: None,
        until: now,
    };
    if let Some(spec) = spec {
        start_container(cl, pod, &spec, node, c);
    }
    // A container that exits again quickly waits in CrashLoopBackOff until its next start.
    if let State::Running {
        exits_at: Some((t, _)),
        ..
    } = c.state
    {
        soon(t);
    }
}

/// Deletion: SIGTERM now, SIGKILL at the deadline; the pod object goes when all have stopped.
fn stop_pod(cl: &mut Cluster, pod: &Value) -> Option<Time> {
    let now = cl.now;
    let uid = object::uid(pod).to_string();
    let node = object::str_at(pod, &["spec", "nodeName"])
        .unwrap_or("")
        .to_string();
    let deadline = object::str_at(pod, &["metadata", "deletionTimestamp"])
        .and_then(Time::parse_rfc3339)
        .unwrap_or(now);
    let first = cl
        .runtime
        .pods
        .get(&uid)
        .is_some_and(|p| p.kill_at.is_none());
    if first {
        let mut record = Vec::new();
        let delay_a = cl.rng.between(50, 250);
        if let Some(p) = cl.runtime.pods.get_mut(&uid) {
            p.kill_at = Some(deadline);
            for c in &mut p.containers {
                match c.state.clone() {
                    State::Running { started, .. } => {
                        record.push(c.name.clone());
                        let on_term = match (&c.process, c.app) {
                            (Some(proc), Some(app)) => process::on_sigterm(proc, app),
                            _ => OnSigterm::Exit(0),
                        };
                        let exit = match on_term {
                            OnSigterm::Exit(code) => Some((now.plus(delay_a).min(deadline), code)),
                            OnSigterm::Drain(ms) => Some((now.plus(ms).min(deadline), 0)),
                            OnSigterm::Ignore => None,
                        };
                        c.state = State::Running {
                            started,
                            exits_at: exit.or(Some((deadline, 137))),
                        };
                    }
                    State::Waiting { .. } => {
                        c.state = State::Terminated {
                            exit_code: 0,
                            reason: "ContainerCreating".into(),
                            started: Time(0),
                            finished: now,
                        };
                    }
                    State::Terminated { .. } => {}
                }
            }
        }
        for name in record {
            let fp = field_path(&name);
            let kubelet = Source {
                component: "kubelet",
                host: Some(&node),
                field_path: Some(&fp),
            };
            events::record_from(
                cl,
                pod,
                "Normal",
                "Killing",
                &format!("Stopping container {name}"),
                kubelet,
            );
        }
    }
    let mut next: Option<Time> = None;
    let mut all_stopped = true;
    if let Some(p) = cl.runtime.pods.get_mut(&uid) {
        for c in &mut p.containers {
            if let State::Running { started, exits_at } = c.state.clone() {
                let (t, code) = exits_at.unwrap_or((deadline, 137));
                if now >= t {
                    let reason = if code == 0 { "Completed" } else { "Error" };
                    c.state = State::Terminated {
                        exit_code: code,
                        reason: reason.into(),
                        started,
                        finished: t,
                    };
                    c.ready = false;
                } else {
                    all_stopped = false;
                    next = Some(next.map_or(t, |n: Time| n.min(t)));
                }
            }
        }
    }
    if all_stopped {
        // The kubelet notices at its next relist, then removes the pod for good.
        let gone_at = cl.runtime.pods.get(&uid).map(|p| {
            p.containers
                .iter()
                .filter_map(|c| {
                    if let State::Terminated { finished, .. } = c.state {
                        Some(finished)
                    } else {
                        None
                    }
                })
                .max()
                .unwrap_or(now)
        });
        let gone_at = gone_at.unwrap_or(now).plus(800);
        if now >= gone_at {
            let key = ObjKey::of(pod);
            cl.store.remove("Pod", &key);
            forget(cl, &key);
            return None;
        }
        return Some(gone_at);
    }
    next
}

/// The waiting/running/terminated object of a container state.
fn state_json(state: &State) -> Value {
    match state {
        State::Waiting {
            reason, message, ..
        } => {
            let reason = if reason == "Pulling" {
                "ContainerCreating"
            } else {
                reason.as_str()
            };
            let waiting = match message {
                Some(m) if reason != "ContainerCreating" => {
                    object::fields([("message", s(m.as_str())), ("reason", s(reason))])
                }
                _ => object::fields([("reason", s(reason))]),
            };
            object::fields([("waiting", waiting)])
        }
        State::Running { started, .. } => object::fields([(
            "running",
            object::fields([("startedAt", s(started.rfc3339()))]),
        )]),
        State::Terminated {
            exit_code,
            reason,
            started,
            finished,
        } => {
            let started = if started.0 > 0 {
                s(started.rfc3339())
            } else {
                Value::Null
            };
            let t = object::fields([
                ("exitCode", Value::from(*exit_code)),
                ("finishedAt", s(finished.rfc3339())),
                ("reason", s(reason.as_str())),
                ("startedAt", started),
            ]);
            object::fields([("terminated", t)])
        }
    }
}

/// Writes the pod's status from the runtime's view.
fn write_status(cl: &mut Cluster, key: &ObjKey) {
    let Some(status) = pod_status(cl, key) else {
        return;
    };
    cl.store.set_field("Pod", key, "status", status);
}

/// The pod's status as the kubelet reports it, from the runtime's view (no copies: the JSON is
/// built from its parts, since `json!` would serialize every nested value again).
fn pod_status(cl: &Cluster, key: &ObjKey) -> Option<Value> {
    let pod = cl.store.get("Pod", key)?;
    let uid = object::uid(pod);
    let rt = cl.runtime.pods.get(uid)?;
    let now = cl.now.rfc3339();
    let node_ip = node_ip(cl, &rt.node);
    let old_conditions = object::array_at(pod, &["status", "conditions"]);
    let sandbox_ready = rt.ip.is_some();
    let restart_policy = object::str_at(pod, &["spec", "restartPolicy"]).unwrap_or("Always");
    let terminating = object::is_terminating(pod);
    let mut statuses = Vec::with_capacity(rt.containers.len());
    let mut all_ready = !rt.containers.is_empty();
    let mut unready = Vec::new();
    let mut running = 0;
    let mut terminated_ok = 0;
    let mut terminated_bad = 0;
    let mut waiting = 0;
    for c in &rt.containers {
        let ready = c.ready && matches!(c.state, State::Running { .. }) && !terminating;
        if !ready {
            all_ready = false;
            unready.push(c.name.as_str());
        }
        // A crashed container waiting to restart shows CrashLoopBackOff.
        let will_restart = match (&c.state, restart_policy) {
            (State::Terminated { .. }, "Always") => true,
            (State::Terminated { exit_code, .. }, "OnFailure") => *exit_code != 0,
            _ => false,
        };
        let back_off = (matches!(c.state, State::Terminated { .. })
            && will_restart
            && c.restart_count > 0
            && !terminating)
            .then(|| State::Waiting {
                reason: "CrashLoopBackOff".into(),
                message: Some(format!(
                    "back-off {}s restarting failed container={} pod={}_{}({})",
                    crash_backoff(c.restart_count) / 1000,
                    c.name,
                    object::name(pod),
                    object::namespace(pod),
                    uid
                )),
                until: Time(0),
            });
        let shown = back_off.as_ref().unwrap_or(&c.state);
        match &c.state {
            State::Running { .. } => running += 1,
            State::Terminated { exit_code: 0, .. } => terminated_ok += 1,
            State::Terminated { .. } => terminated_bad += 1,
            State::Waiting { .. } => waiting += 1,
        }
        let started = matches!(c.state, State::Running { .. });
        let image = if c.pulled {
            ImageRef::parse(&c.image).full()
        } else {
            c.image.clone()
        };
        let image_id = if c.pulled && c.id.is_some() {
            image_id(&c.image)
        } else {
            String::new()
        };
        let shown_waiting = matches!(shown, State::Waiting { .. });
        // While waiting to restart, the termination just seen is the last state.
        let last_state = if shown_waiting && matches!(c.state, State::Terminated { .. }) {
            state_json(&c.state)
        } else {
            c.last
                .as_ref()
                .map_or_else(|| object::fields([]), state_json)
        };
        let mut st = object::fields([
            ("image", s(image)),
            ("imageID", s(image_id)),
            ("lastState", last_state),
            ("name", s(c.name.as_str())),
            ("ready", Value::Bool(ready)),
            ("restartCount", Value::from(c.restart_count)),
            ("started", Value::Bool(started)),
            ("state", state_json(shown)),
        ]);
        // A container that never ran has no ID yet.
        if let Some(id) = &c.id {
            if !(shown_waiting && c.last.is_none() && c.restart_count == 0) {
                object::set(&mut st, &["containerID"], s(id.as_str()));
            }
        }
        statuses.push(st);
    }
    let phase = if terminating && running == 0 && waiting == 0 {
        if terminated_bad > 0 {
            "Failed"
        } else {
            "Succeeded"
        }
    } else if running > 0 {
        "Running"
    } else if waiting == rt.containers.len()
        && rt
            .containers
            .iter()
            .all(|c| c.restart_count == 0 && c.last.is_none())
    {
        "Pending"
    } else if terminated_ok + terminated_bad == rt.containers.len() && restart_policy != "Always" {
        if terminated_bad > 0 {
            "Failed"
        } else {
            "Succeeded"
        }
    } else {
        "Running"
    };
    let cond = |kind: &str, ok: bool, reason: Option<&str>, message: Option<String>| {
        let status = if ok { "True" } else { "False" };
        let prev = old_conditions
            .iter()
            .find(|c| object::str_at(c, &["type"]) == Some(kind));
        let since = match prev {
            Some(p) if object::str_at(p, &["status"]) == Some(status) => {
                object::str_at(p, &["lastTransitionTime"]).unwrap_or(&now)
            }
            _ => &now,
        };
        let mut c = object::fields([
            ("lastProbeTime", Value::Null),
            ("lastTransitionTime", s(since)),
            ("status", s(status)),
            ("type", s(kind)),
        ]);
        if let Some(r) = reason {
            object::set(&mut c, &["reason"], s(r));
        }
        if let Some(m) = message {
            object::set(&mut c, &["message"], s(m));
        }
        c
    };
    let finished = phase == "Succeeded" || phase == "Failed";
    let (ready_reason, ready_msg) = if all_ready {
        (None, None)
    } else if finished {
        (Some("PodCompleted"), None)
    } else {
        (
            Some("ContainersNotReady"),
            Some(format!(
                "containers with unready status: [{}]",
                unready.join(" ")
            )),
        )
    };
    let scheduled = old_conditions
        .iter()
        .find(|c| object::str_at(c, &["type"]) == Some("PodScheduled"))
        .cloned()
        .unwrap_or_else(|| cond("PodScheduled", true, None, None));
    // Conditions the kubelet does not own (a DisruptionTarget the taint-eviction-controller
    // set) are kept, first, as the status manager merges them.
    const KUBELET_OWNED: &[&str] = &[
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ];
    let mut conditions: Vec<Value> = old_conditions
        .iter()
        .filter(|c| !KUBELET_OWNED.contains(&object::str_at(c, &["type"]).unwrap_or("")))
        .cloned()
        .collect();
    conditions.extend([
        cond(
            "PodReadyToStartContainers",
            sandbox_ready && !finished,
            None,
            None,
        ),
        cond(
            "Initialized",
            true,
            finished.then_some("PodCompleted"),
            None,
        ),
        cond("Ready", all_ready, ready_reason, ready_msg.clone()),
        cond("ContainersReady", all_ready, ready_reason, ready_msg),
        scheduled,
    ]);
    let start_time = match object::str_at(pod, &["status", "startTime"]) {
        Some(t) => s(t),
        None => s(now.as_str()),
    };
    let mut status = object::fields([
        ("conditions", Value::Array(conditions)),
        ("containerStatuses", Value::Array(statuses)),
        ("phase", s(phase)),
        (
            "qosClass",
            s(object::str_at(pod, &["status", "qosClass"]).unwrap_or("BestEffort")),
        ),
        ("startTime", start_time),
    ]);
    // `hostIP` and `hostIPs`, `podIP` and `podIPs`: the address, and the list of it.
    let mut set_ip = |one: &str, list: &str, ip: Option<Ipv4Addr>| {
        if let Some(ip) = ip {
            let ip = ip.to_string();
            let entry = object::fields([("ip", s(ip.as_str()))]);
            object::set(&mut status, &[list], Value::Array(vec![entry]));
            object::set(&mut status, &[one], s(ip));
        }
    };
    set_ip("hostIP", "hostIPs", node_ip);
    set_ip("podIP", "podIPs", rt.ip);
    Some(status)
}

/// The log of the previous instance of a container, if it restarted.
pub fn previous_logs<'a>(
    cl: &'a Cluster,
    pod: &Object,
    container: &str,
) -> Option<&'a VecDeque<LogLine>> {
    let c = cl
        .runtime
        .pods
        .get(object::uid(pod))?
        .containers
        .iter()
        .find(|c| c.name == container)?;
    (c.restart_count > 0).then_some(&c.previous_logs)
}

/// The log of a container, for `kubectl logs`: lines up to `now`.
pub fn logs<'a>(
    cl: &'a Cluster,
    pod: &Object,
    container: &str,
) -> impl Iterator<Item = &'a LogLine> + 'a {
    let now = cl.now;
    cl.runtime
        .pods
        .get(object::uid(pod))
        .and_then(|p| p.containers.iter().find(|c| c.name == container))
        .into_iter()
        .flat_map(|c| c.logs.iter())
        .filter(move |l| l.time <= now)
}
