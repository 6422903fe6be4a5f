//! What a running command can see and change: the cluster, the files, the variables, the
//! kubeconfig, and where it runs (the lab host or inside a container).

use crate::fs::Fs;
use cluster::Cluster;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where a shell runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// The lab host (the control-plane node).
    Host,
    /// Inside a container of a pod (`kubectl exec`).
    Pod {
        /// Namespace.
        namespace: String,
        /// Pod name (the container's hostname).
        name: String,
        /// Pod uid.
        uid: String,
        /// Container name.
        container: String,
        /// Programs on the image's $PATH.
        programs: Vec<String>,
        /// The interactive shell's name (`sh`, `bash`), for prompts and messages.
        shell: String,
        /// `kubectl run --rm -it`: delete the pod when the shell exits.
        remove_on_exit: bool,
    },
}

impl Place {
    /// The hostname a command sees.
    pub fn hostname<'a>(&'a self, host: &'a str) -> &'a str {
        match self {
            Place::Host => host,
            Place::Pod { name, .. } => name,
        }
    }
}

/// Shell variables and which of them are exported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vars {
    values: BTreeMap<String, String>,
    exported: BTreeSet<String>,
}

impl Vars {
    /// A variable's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Sets a variable.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.values.insert(name.to_string(), value.into());
    }

    /// Marks a variable as exported.
    pub fn export(&mut self, name: &str) {
        self.exported.insert(name.to_string());
    }

    /// Whether a variable is exported.
    pub fn is_exported(&self, name: &str) -> bool {
        self.exported.contains(name)
    }

    /// Stops exporting a variable (`export -n`), keeping its value.
    pub fn unexport(&mut self, name: &str) {
        self.exported.remove(name);
    }

    /// Removes a variable.
    pub fn unset(&mut self, name: &str) {
        self.values.remove(name);
        self.exported.remove(name);
    }

    /// The exported variables, sorted (what `env` prints).
    pub fn environment(&self) -> Vec<(&str, &str)> {
        self.values
            .iter()
            .filter(|(k, _)| self.exported.contains(*k))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

/// kubectl's configuration: the current context's namespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubeConfig {
    /// The current context's namespace.
    pub namespace: String,
    /// The context name.
    pub context: String,
}

impl Default for KubeConfig {
    fn default() -> KubeConfig {
        KubeConfig {
            namespace: "default".into(),
            context: "kind-kind".into(),
        }
    }
}

/// Everything a command may use while it runs.
pub struct Cx<'a> {
    /// The cluster.
    pub cluster: &'a mut Cluster,
    /// The lab host's files.
    pub fs: &'a mut Fs,
    /// Shell variables.
    pub vars: &'a mut Vars,
    /// kubectl's configuration.
    pub kube: &'a mut KubeConfig,
    /// Where this command runs.
    pub place: Place,
    /// Shells entered with `kubectl exec -it ... sh` (the last is current).
    pub shells: &'a mut Vec<Place>,
    /// The command history.
    pub history: &'a [String],
    /// The status of the last command (`$?`).
    pub last_status: i32,
    /// Whether commands may wait (false inside `$(...)`).
    pub may_block: bool,
    /// The lab host's name.
    pub host: &'a str,
    /// The files of containers entered with `kubectl exec`, by pod uid.
    pub pod_files: &'a mut BTreeMap<String, Fs>,
    /// Set by `exit`: the script stops with this status.
    pub exit: Option<i32>,
    /// Set when an expansion would have grown past [`crate::expand::MAX_EXPANSION`]: the
    /// bytes it asked for. The command that expanded it reports bash's allocation failure
    /// and does not run.
    pub out_of_memory: Option<usize>,
    /// Bytes of text expanded and routed between commands since this context was made (one
    /// poll): the machine yields after enough of them, as it does after enough loop turns.
    pub moved: usize,
    /// What `$(...)` printed on standard error: shown before the output of the command whose
    /// words ran it, as a real shell's substitutions write to the terminal as they run.
    pub subst_stderr: String,
    /// The status of the last `$(...)` expanded: the status of a command that only assigns.
    pub subst_status: Option<i32>,
    /// The terminal's background jobs; `None` where `&` cannot start one (inside a container
    /// or a script), and the command runs in the foreground.
    pub jobs: Option<&'a mut crate::jobs::JobTable>,
    /// The command runs in a subshell (`( ... )`, a pipeline of several, a background job,
    /// `$(...)`): `exit` leaves that subshell, not the terminal.
    pub subshell: bool,
}
