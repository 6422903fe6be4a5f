//! Container scripts (`command: ["sh", "-c", "..."]`): run by the same interpreter as the
//! terminal, inside the container's context, as the clock advances. What they print becomes
//! the container's log; their exit status ends the container.

use crate::context::{Cx, KubeConfig, Place, Vars};
use crate::exec::Machine;
use crate::fs::Fs;
use crate::io::Output;
use cluster::scripts::ScriptContainer;
use cluster::{Cluster, Time};
use std::collections::BTreeMap;

/// How many rounds one poll runs scripts for at most (a script that loops without sleeping
/// must not freeze the page).
const ROUNDS: usize = 64;

/// A running container script.
struct Running {
    uid: String,
    id: String,
    machine: Machine,
    place: Place,
    vars: Vars,
    fs: Fs,
    partial: (String, String),
}

/// The scripts of every container that runs one, by container instance id.
#[derive(Default)]
pub struct Scripts {
    running: BTreeMap<String, Running>,
}

impl Scripts {
    /// When some script next needs to run (after a `sleep`).
    pub fn wake(&self, cluster: &Cluster) -> Option<Time> {
        self.running
            .values()
            .filter_map(|r| r.machine.wake(cluster))
            .min()
    }

    /// Starts scripts of new containers, forgets those that stopped, and runs them all at the
    /// cluster's current time.
    pub fn drive(&mut self, cluster: &mut Cluster) {
        for _ in 0..ROUNDS {
            let live = cluster.running_scripts();
            self.running
                .retain(|id, _| live.iter().any(|c| c.id == *id));
            for c in &live {
                if !self.running.contains_key(&c.id) {
                    let r = start(cluster, c);
                    self.running.insert(c.id.clone(), r);
                }
            }
            let now = cluster.now();
            let mut progressed = false;
            let ids: Vec<String> = self.running.keys().cloned().collect();
            for id in ids {
                let Some(mut r) = self.running.remove(&id) else {
                    continue;
                };
                let due = r.machine.wake(cluster).is_none_or(|t| t <= now);
                if !due {
                    self.running.insert(id, r);
                    continue;
                }
                progressed = true;
                let mut out = Vec::new();
                let mut shells = Vec::new();
                let mut kube = KubeConfig::default();
                let mut pod_files = BTreeMap::new();
                let status = {
                    let mut cx = Cx {
                        cluster,
                        fs: &mut r.fs,
                        vars: &mut r.vars,
                        kube: &mut kube,
                        place: r.place.clone(),
                        shells: &mut shells,
                        history: &[],
                        last_status: 0,
                        may_block: true,
                        host: crate::session::HOST,
                        pod_files: &mut pod_files,
                        exit: None,
                        out_of_memory: None,
                        moved: 0,
                        subst_stderr: String::new(),
                        subst_status: None,
                        jobs: None,
                        subshell: false,
                    };
                    r.machine.run(&mut cx, &mut out)
                };
                print(cluster, &mut r, &out);
                match status {
                    Some(code) => {
                        flush(cluster, &mut r);
                        cluster.script_exited(&r.uid, &id, code);
                    }
                    None => {
                        self.running.insert(id, r);
                    }
                }
            }
            if !progressed {
                return;
            }
        }
    }
}

fn start(cluster: &Cluster, c: &ScriptContainer) -> Running {
    let mut vars = Vars::default();
    for (k, v) in &c.env {
        vars.set(k, v.clone());
        vars.export(k);
    }
    let place = Place::Pod {
        namespace: c.key.namespace.clone(),
        name: c.key.name.clone(),
        uid: c.uid.clone(),
        container: c.container.clone(),
        programs: c.programs.clone(),
        shell: "sh".into(),
        remove_on_exit: false,
    };
    let fs = cluster
        .store()
        .get_named("Pod", &c.key.namespace, &c.key.name)
        .map(|pod| crate::kubectl::exec::pod_fs_of(cluster, pod, &c.container))
        .unwrap_or_default();
    let machine = match crate::syntax::parse(&c.script) {
        Ok(s) => Machine::new(s),
        Err(e) => {
            let msg = e.message().replace("bash: ", "sh: 1: ");
            Machine::new(
                crate::syntax::parse(&format!("echo {} >&2; exit 2", quote(&msg)))
                    .unwrap_or_default(),
            )
        }
    };
    Running {
        uid: c.uid.clone(),
        id: c.id.clone(),
        machine,
        place,
        vars,
        fs,
        partial: (String::new(), String::new()),
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Writes complete lines of output into the container's log.
fn print(cluster: &mut Cluster, r: &mut Running, out: &[Output]) {
    for o in out {
        let (text, err) = match o {
            Output::Out(s) => (s, false),
            Output::Err(s) => (s, true),
            Output::Clear | Output::Edit { .. } => continue,
        };
        let id = r.id.clone();
        let buf = if err {
            &mut r.partial.1
        } else {
            &mut r.partial.0
        };
        buf.push_str(text);
        while let Some(i) = buf.find('\n') {
            let line: String = buf.drain(..=i).collect();
            cluster.script_print(&r.uid, &id, err, line.trim_end_matches('\n'));
        }
    }
}

fn flush(cluster: &mut Cluster, r: &mut Running) {
    let id = r.id.clone();
    for (err, buf) in [
        (false, std::mem::take(&mut r.partial.0)),
        (true, std::mem::take(&mut r.partial.1)),
    ] {
        if !buf.is_empty() {
            cluster.script_print(&r.uid, &id, err, &buf);
        }
    }
}
