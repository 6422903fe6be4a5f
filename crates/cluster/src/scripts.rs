//! Containers whose command is a `sh -c` script: the engine keeps them running, and the caller
//! (the shell crate) runs the script as the clock advances, printing into the container's log
//! and reporting when it exits. The engine itself never interprets shell.

use crate::cluster::Cluster;
use crate::controllers::Controller;
use crate::kubelet::{self, State, Stream};
use crate::object;
use crate::process::Process;
use crate::store::ObjKey;

/// A container running a script right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptContainer {
    /// The pod's uid.
    pub uid: String,
    /// Where the pod lives.
    pub key: ObjKey,
    /// The container's name.
    pub container: String,
    /// The container instance (`containerd://...`): a restart is a new instance.
    pub id: String,
    /// The script.
    pub script: String,
    /// The container's environment.
    pub env: Vec<(String, String)>,
    /// Programs on the image's $PATH.
    pub programs: Vec<String>,
}

impl Cluster {
    /// Every container that is running a script.
    pub fn running_scripts(&self) -> Vec<ScriptContainer> {
        let mut out = Vec::new();
        for (uid, p) in self.runtime.pods_iter() {
            for c in &p.containers {
                let (
                    Some(Process::Script { script }),
                    State::Running { exits_at: None, .. },
                    Some(id),
                ) = (&c.process, &c.state, &c.id)
                else {
                    continue;
                };
                let Some(pod) = self.store.get("Pod", &p.key) else {
                    continue;
                };
                let spec = object::array_at(pod, &["spec", "containers"])
                    .iter()
                    .find(|s| object::str_at(s, &["name"]) == Some(c.name.as_str()))
                    .cloned()
                    .unwrap_or_default();
                let programs = match crate::images::pull(&c.image) {
                    crate::images::Pull::Found(info) => {
                        info.programs.iter().map(|s| s.to_string()).collect()
                    }
                    _ => Vec::new(),
                };
                out.push(ScriptContainer {
                    uid: uid.clone(),
                    key: p.key.clone(),
                    container: c.name.clone(),
                    id: id.clone(),
                    script: script.clone(),
                    env: kubelet::container_env(self, pod, &spec),
                    programs,
                });
            }
        }
        out
    }

    /// A script wrote `text` (one line, without the newline) to its stdout or stderr.
    pub fn script_print(&mut self, uid: &str, id: &str, stderr: bool, text: &str) {
        let now = self.now;
        if let Some(c) = self.runtime.container_by_id(uid, id) {
            kubelet::log(
                c,
                now,
                if stderr {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                },
                text,
            );
        }
    }

    /// A script ended with `code`: the container terminates now.
    pub fn script_exited(&mut self, uid: &str, id: &str, code: i32) {
        let now = self.now;
        let Some(c) = self.runtime.container_by_id(uid, id) else {
            return;
        };
        if let State::Running {
            started,
            exits_at: None,
        } = c.state
        {
            c.state = State::Running {
                started,
                exits_at: Some((now, code)),
            };
        }
        if let Some(key) = self.runtime.pod(uid).map(|p| p.key.clone()) {
            self.queue.insert((Controller::Kubelet, key));
            self.settle();
        }
    }
}
