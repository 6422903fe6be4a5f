//! What the fuzz targets share: a prepared session that every input starts from (built once,
//! its state cloned per input), a runner that lets virtual time pass but never hangs, the
//! structured kubectl command builder, and the folder format of `lesson_folder`.
//!
//! `crates/shell/tests/robustness.rs` includes this file (`#[path]`) to replay the corpus in
//! `fuzz/corpus/` in CI without cargo-fuzz, so it depends on nothing but `shell` and `cluster`.

use cluster::Time;
use shell::kubectl::manifest::parse_documents;
use shell::{Session, SessionState, Submitted};

pub mod folder;
pub use folder::lesson_files;

/// The virtual time sessions start at.
pub const START: &str = "2026-11-26T10:00:00Z";

/// What the base session runs before any input: objects for kubectl to find, and files.
pub const SETUP: &[&str] = &[
    "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0 --replicas=2",
    "kubectl expose deployment web --port=80 --target-port=8080",
    "kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --command -- sleep infinity",
    "kubectl run ticker --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo tick $i; sleep 2; done'",
    "mkdir -p manifests",
    "kubectl create deployment api --image=nginx --dry-run=client -o yaml > manifests/api.yaml",
    "printf 'a b\\nc d\\n' > words.txt",
    "sleep 20",
];

/// A freshly prepared session state.
pub fn prepare() -> SessionState {
    let start = Time::parse_rfc3339(START).unwrap_or_default();
    let mut s = Session::new(1, start);
    for line in SETUP {
        s.run_line(line);
    }
    s.state().clone()
}

/// How many times the runner polls a running command before it presses Ctrl-C.
pub const MAX_POLLS: usize = 64;
/// How many polls in a row the runner gives a command that never waits (a `while true` loop,
/// which the shell runs 200 iterations per poll) before it presses Ctrl-C: a loop whose body
/// is heavy would otherwise take seconds of one input, where 1,600 iterations show the same.
pub const MAX_BUSY_POLLS: usize = 8;
/// The longest single wait the runner lets pass (ms): a `sleep 1e9` is interrupted instead.
pub const MAX_WAIT_MS: i64 = 10 * 60 * 1000;

/// The virtual time one input may let pass in all (ms). Time is what lets controllers work:
/// `--replicas=2147483647` makes 500 pods every 25 s until the store is full, which costs
/// real seconds, so an input gets 2 virtual minutes: enough for pods to start, rollouts,
/// grace periods and probes (manifests reach the longer deadlines with their own fields, such
/// as `progressDeadlineSeconds`).
pub const MAX_INPUT_MS: i64 = 2 * 60 * 1000;

/// Runs one line to its end (or Ctrl-C), letting virtual time pass while it waits; the status.
pub fn run(s: &mut Session, line: &str) -> i32 {
    let deadline = s.cluster().now().plus(MAX_WAIT_MS);
    run_until(s, line, deadline)
}

/// [`run`], with the clock never going past `deadline`: a wait beyond it is interrupted.
pub fn run_until(s: &mut Session, line: &str, deadline: Time) -> i32 {
    let (submitted, _out) = s.submit(line);
    if submitted == Submitted::Incomplete {
        s.cancel_input();
        return 2;
    }
    let (mut polls, mut busy) = (0, 0);
    while s.busy() {
        polls += 1;
        if polls > MAX_POLLS || busy >= MAX_BUSY_POLLS {
            s.interrupt();
            break;
        }
        let now = s.cluster().now();
        match s.wake() {
            Some(t) if t <= now => {
                busy += 1;
                s.poll(now);
            }
            Some(t) if t.since(now) <= MAX_WAIT_MS && t <= deadline => {
                busy = 0;
                s.poll(t);
            }
            _ => {
                s.interrupt();
            }
        }
    }
    s.last_status()
}

/// kubectl's verbs, as the structured target picks them.
pub const VERBS: &[&str] = &[
    "get",
    "describe",
    "delete",
    "apply",
    "create",
    "create deployment",
    "create service clusterip",
    "create namespace",
    "create configmap",
    "create secret generic",
    "create job",
    "create cronjob",
    "run",
    "expose",
    "scale",
    "label",
    "annotate",
    "logs",
    "exec",
    "rollout status",
    "rollout restart",
    "rollout undo",
    "rollout history",
    "set image",
    "wait",
    "explain",
    "api-resources",
    "cluster-info",
    "version",
    "config view",
    "top",
    "edit",
    "patch",
    "port-forward",
    "auth can-i",
    "cordon",
    "uncordon",
    "taint nodes",
];

/// What follows a background kubectl line: bash's job builtins, and traffic a port-forward
/// in the background would take.
pub const JOB_LINES: &[&str] = &[
    "jobs",
    "jobs -l",
    "kill %1",
    "kill -9 %%",
    "wait",
    "wait %1",
    "fg",
    "curl -s localhost:8080",
    "curl -s 127.0.0.1:80",
];

/// Resource arguments.
pub const RESOURCES: &[&str] = &[
    "pods",
    "pod",
    "po",
    "deployments",
    "deploy",
    "deployment.apps",
    "replicasets",
    "rs",
    "services",
    "svc",
    "endpoints",
    "ep",
    "namespaces",
    "ns",
    "nodes",
    "events",
    "configmaps",
    "secrets",
    "daemonsets",
    "statefulsets",
    "jobs",
    "cronjobs",
    "all",
    "pods,services",
    "deploy/web",
    "pod/dnsutils",
    "svc/web",
    "foo",
    "",
];

/// Names of objects that exist in the base session, and some that do not.
pub const NAMES: &[&str] = &[
    "web",
    "dnsutils",
    "ticker",
    "api",
    "kube-dns",
    "coredns",
    "kind-control-plane",
    "nope",
    "Web",
    "a.b",
    "-x",
    "ñ",
];

/// Flags, with or without a value.
pub const FLAGS: &[&str] = &[
    "-o",
    "--output",
    "-l",
    "--selector",
    "-n",
    "--namespace",
    "-A",
    "--all-namespaces",
    "-w",
    "--watch",
    "--replicas",
    "--image",
    "--port",
    "--target-port",
    "--type",
    "--dry-run",
    "-f",
    "--filename",
    "-c",
    "--container",
    "--tail",
    "--since",
    "-p",
    "--previous",
    "--timeout",
    "--for",
    "--grace-period",
    "--force",
    "--now",
    "--all",
    "--show-labels",
    "-L",
    "--sort-by",
    "--field-selector",
    "--overwrite",
    "--from-literal",
    "--restart",
    "--schedule",
    "--command",
    "--to-revision",
    "--cascade",
    "--limits",
    "--requests",
    "--env",
    "--labels",
    "--no-headers",
    "-it",
    "-i",
    "--rm",
    "--attach",
    "--address",
    "--",
    "--v",
    "--recursive",
    "--selector=",
    "--patch",
    "--patch-file",
    "--local",
    "--type=json",
    "--type=merge",
];

/// Values for flags and arguments: numbers at the edges, formats, selectors, odd text.
pub const VALUES: &[&str] = &[
    "0",
    "1",
    "3",
    "-1",
    "110",
    "2147483647",
    "2147483648",
    "99999999999",
    "9223372036854775807",
    "99999999999999999999999",
    "-9223372036854775808",
    "1e300",
    "NaN",
    "0x10",
    "1.5",
    "",
    "json",
    "yaml",
    "wide",
    "name",
    "jsonpath={.items[*].metadata.name}",
    "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}",
    "jsonpath={.items[?(@.status.phase==\"Running\")].metadata.name}",
    "jsonpath={..image}",
    "jsonpath={.items[-1:]}",
    "jsonpath={.items[0:9223372036854775807:2]}",
    "custom-columns=NAME:.metadata.name,IP:.status.podIP",
    "custom-columns=",
    "go-template={{.metadata.name}}",
    "app=web",
    "app!=web,tier in (a,b)",
    "app in (",
    "!app",
    "status.phase=Running",
    "metadata.name",
    ".metadata.creationTimestamp",
    "client",
    "server",
    "none",
    "condition=Ready",
    "delete",
    "jsonpath={.status.phase}=Running",
    "nginx",
    "busybox",
    "gcr.io/google-samples/hello-app:2.0",
    "nope:latest",
    "ClusterIP",
    "NodePort",
    "LoadBalancer",
    "80",
    "65536",
    "80:8080",
    "1s",
    "1h",
    "-5s",
    "1000000h",
    "manifests/api.yaml",
    "manifests",
    "-",
    "nope.yaml",
    "kube-system",
    "default",
    "Never",
    "a=b",
    "=",
    "foreground",
    "orphan",
    "cpu=100m,memory=64Mi",
    "cpu=1e300",
    "web=nginx:1.25",
    "A=1",
    "ñandú",
    "\u{200b}",
    "web-c88c85f94-zzclp",
    "{\"spec\":{\"replicas\":2}}",
    "[{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"y\"}]",
    "[{\"op\":\"move\",\"from\":\"/spec\",\"path\":\"/spec/x\"},{\"op\":\"add\",\"path\":\"/spec/containers/-\",\"value\":{}}]",
    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"hello-app\",\"$patch\":\"delete\"}]}}}}",
    "{\"metadata\":{\"name\":null,\"labels\":{\"app\":null}}}",
    "spec: {replicas: 1",
    "dedicated=lab:NoSchedule",
    "gpu:NoExecute",
    "gpu-",
    "a=b:c:d",
    "kind-control-plane",
];

/// Reads the fuzzer's bytes one decision at a time (running out reads as zeros).
struct Bytes<'a> {
    data: &'a [u8],
}

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (first, rest) = self.data.split_first()?;
        self.data = rest;
        Some(*first)
    }

    fn text(&mut self) -> String {
        let n = usize::from(self.byte().unwrap_or(0) % 48).min(self.data.len());
        let (t, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(t).into_owned()
    }
}

fn pick(table: &[&'static str], i: u8) -> &'static str {
    table
        .get(usize::from(i) % table.len().max(1))
        .copied()
        .unwrap_or("")
}

/// `'...'` with single quotes escaped as the shell reads them back.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

const FILTERS: &[&str] = &[
    "| head -n 3",
    "| wc -l",
    "| grep -c web",
    "> out.txt",
    "2>&1 | tail -n 1",
];

/// The structured target's decoding: up to 6 kubectl commands, each a verb and up to 10 words
/// (resources, names, flags, `--flag=value`, values, or text taken from the bytes), sometimes
/// piped or followed by a `sleep`.
pub fn kubectl_lines(data: &[u8]) -> Vec<String> {
    let mut b = Bytes { data };
    let mut lines = Vec::new();
    while lines.len() < 6 {
        let Some(verb) = b.byte() else {
            break;
        };
        let mut line = format!("kubectl {}", pick(VERBS, verb));
        let words = b.byte().unwrap_or(0) % 11;
        for _ in 0..words {
            let kind = b.byte().unwrap_or(0);
            let x = b.byte().unwrap_or(0);
            let word = match kind % 9 {
                0 => quote(pick(RESOURCES, x)),
                1 => quote(pick(NAMES, x)),
                2 | 3 => pick(FLAGS, x).to_string(),
                4 => quote(&format!(
                    "{}={}",
                    pick(FLAGS, x),
                    pick(VALUES, b.byte().unwrap_or(0))
                )),
                5 => format!(
                    "{} {}",
                    pick(FLAGS, x),
                    quote(pick(VALUES, b.byte().unwrap_or(0)))
                ),
                6 => quote(pick(VALUES, x)),
                7 => quote(&format!("{}={}", pick(FLAGS, x), b.text())),
                _ => quote(&b.text()),
            };
            line.push(' ');
            line.push_str(&word);
        }
        let tail = b.byte().unwrap_or(0);
        if tail & 0x80 != 0 {
            line.push(' ');
            line.push_str(pick(FILTERS, tail));
        }
        // Now and then in the background, and the job builtins after it.
        let background = tail & 0x30 == 0x30;
        if background {
            line.push_str(" &");
        }
        lines.push(line);
        if tail & 0x40 != 0 {
            lines.push(format!("sleep {}", tail % 40));
        }
        if background {
            lines.push(pick(JOB_LINES, tail).to_string());
        }
    }
    lines
}

/// The `shell_line` target: the input's lines (at most 8) typed one after the other, then tab
/// completion over the whole text.
pub fn shell_line(base: &SessionState, data: &[u8]) {
    let mut s = Session::from_state(base.clone());
    let deadline = s.cluster().now().plus(MAX_INPUT_MS);
    let text = String::from_utf8_lossy(data);
    // Each line is submitted as typed; continuation lines join an open quote or here-document.
    for line in text.split('\n').take(8) {
        run_until(&mut s, line, deadline);
    }
    let _ = s.complete(&text, text.len());
}

/// Whether a line has an output format flag (`-o`, `-o=yaml`, `'-oyaml'`, `--output`), quoted or
/// not.
fn has_output_flag(line: &str) -> bool {
    line.split(' ')
        .map(|w| w.trim_start_matches(['\'', '"']))
        .any(|w| w.starts_with("-o") || w.starts_with("--output"))
}

/// The `shell_kubectl` target: [`kubectl_lines`], and a rejected `kubectl create` (not from a
/// file, not in a pipe, no output format) must leave the store's revision where it was. With
/// `-o`, kubectl prints the object the server created, and a printing error (`yaml: control
/// characters are not allowed`) fails the command after the create, in kubectl 1.32 too.
pub fn shell_kubectl(base: &SessionState, data: &[u8]) {
    let mut s = Session::from_state(base.clone());
    let deadline = s.cluster().now().plus(MAX_INPUT_MS);
    for line in kubectl_lines(data) {
        let before = s.cluster().store().revision();
        let status = run_until(&mut s, &line, deadline);
        let rejected_at_once = status != 0
            && line.starts_with("kubectl create ")
            && !line.contains("-f")
            && !line.contains("filename")
            && !line.contains('|')
            && !has_output_flag(&line);
        if rejected_at_once {
            assert_eq!(
                before,
                s.cluster().store().revision(),
                "a rejected command changed the cluster: {line}"
            );
        }
    }
}

/// What `manifest_apply` runs on `m.yaml`, picked by the input's first byte.
pub const MANIFEST_COMMANDS: &[&str] = &[
    "kubectl apply -f m.yaml",
    "kubectl create -f m.yaml",
    "kubectl apply -f m.yaml -o yaml",
    "kubectl apply -f m.yaml --dry-run=server",
    "kubectl create -f m.yaml --dry-run=client -o json",
    "kubectl replace -f m.yaml",
    "kubectl delete -f m.yaml",
    "kubectl get -f m.yaml",
];

/// The `manifest_apply` target: the rest of the input as `m.yaml`, one of
/// [`MANIFEST_COMMANDS`]; a rejected apply or create of one document must change nothing.
/// With the first byte's high bit set, it is applied again and read back.
pub fn manifest_apply(base: &SessionState, data: &[u8]) {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let mut s = Session::from_state(base.clone());
    let text = String::from_utf8_lossy(body);
    if s.fs_mut().write("m.yaml", &text).is_err() {
        return;
    }
    let command = MANIFEST_COMMANDS
        .get(usize::from(mode) % MANIFEST_COMMANDS.len())
        .copied()
        .unwrap_or("kubectl apply -f m.yaml");
    let single = parse_documents(&text, "m.yaml").is_ok_and(|d| d.len() == 1);
    let deadline = s.cluster().now().plus(MAX_INPUT_MS);
    let before = s.cluster().store().revision();
    let status = run_until(&mut s, command, deadline);
    let changes = command.contains("apply") || command.contains("create");
    if single && status != 0 && changes {
        assert_eq!(
            before,
            s.cluster().store().revision(),
            "a rejected manifest changed the cluster:\n{text}"
        );
    }
    if mode & 0x80 != 0 {
        run_until(&mut s, "kubectl apply -f m.yaml", deadline);
        run_until(&mut s, "kubectl get -f m.yaml -o yaml", deadline);
    }
}
