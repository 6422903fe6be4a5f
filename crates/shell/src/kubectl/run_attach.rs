//! `kubectl run` attached to its pod (`-i`, `-it`, `--attach`): it creates the pod, waits for
//! it to start, and then either opens the container's shell (`-it` with `sh`, or a shell image
//! run without a command) or streams the container's output until it ends; `--rm` then
//! deletes the pod, and a failed container's exit code becomes kubectl's, as `kubectl run`
//! does with `--restart=Never`.

use super::api_error_text;
use super::exec::{place_of, pod_fs};
use crate::context::{Cx, Place};
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::images::{self, App, Pull};
use cluster::kubelet::{self, State};
use cluster::object;
use cluster::{DeleteOptions, Time};
use serde_json::Value;

/// How long kubectl waits for the pod to start (`--pod-running-timeout`'s default).
const POD_RUNNING_TIMEOUT_MS: i64 = 60_000;

/// How the terminal is attached.
pub struct Attachment {
    /// `-i`: the terminal's input goes to the container.
    pub stdin: bool,
    /// `-t`: a TTY (kubectl prints its hint about the prompt).
    pub tty: bool,
    /// `--rm`: the pod is deleted when the container ends.
    pub remove: bool,
}

/// Creates `pod` and attaches to it.
pub fn run(cx: &mut Cx, io: &mut Io, mut pod: Value, how: Attachment) -> Run {
    let ns = cx.kube.namespace.clone();
    if object::namespace(&pod).is_empty() {
        object::set(&mut pod, &["metadata", "namespace"], serde_json::json!(ns));
    }
    let created = match cx.cluster.create(pod) {
        Ok(p) => p,
        Err(e) => {
            io.eprintln(api_error_text(&e));
            return Run::Done(1);
        }
    };
    let w = Attach {
        namespace: object::namespace(&created).to_string(),
        name: object::name(&created).to_string(),
        how,
        since: cx.cluster.now(),
        looked: false,
        printed: 0,
    };
    if !cx.may_block {
        return Run::Done(0);
    }
    Run::Wait(Box::new(w))
}

/// The shell a container runs when it is an interactive one: a shell image without a command,
/// or `sh`, `bash` or `ash` without a script.
fn interactive_shell(image: &str, argv: &[String]) -> Option<String> {
    let shell_image = matches!(images::pull(image), Pull::Found(i) if i.app == App::Shell);
    match argv {
        [] if shell_image => Some("sh".into()),
        [program, flags @ ..] => {
            let base = program.rsplit('/').next().unwrap_or(program);
            let no_script = flags.iter().all(|f| f.starts_with('-') && f != "-c");
            (matches!(base, "sh" | "bash" | "ash") && no_script).then(|| base.to_string())
        }
        [] => None,
    }
}

/// Waits for a `kubectl run` pod to start, then attaches to it.
struct Attach {
    namespace: String,
    name: String,
    how: Attachment,
    /// When the pod was created (the running timeout counts from it).
    since: Time,
    /// Whether the pod was seen started (kubectl's hint comes once, and only then).
    looked: bool,
    /// Log lines already shown.
    printed: usize,
}

impl Attach {
    /// The container ended: `--rm` deletes the pod, and a failed container fails kubectl.
    fn end(&self, cx: &mut Cx, io: &mut Io, pod: &Value) -> i32 {
        if self.how.remove {
            let pods = cluster::kind::by_kind("Pod");
            let gone = pods.map(|rt| {
                cx.cluster
                    .delete(rt, &self.namespace, &self.name, DeleteOptions::default())
            });
            if let Some(Ok(_)) = gone {
                io.println(format!("pod \"{}\" deleted", self.name));
            }
        }
        if object::str_at(pod, &["status", "phase"]) != Some("Failed") {
            return 0;
        }
        let terminated = object::array_at(pod, &["status", "containerStatuses"])
            .first()
            .and_then(|c| c.pointer("/state/terminated"));
        let code = terminated
            .and_then(|t| object::i64_at(t, &["exitCode"]))
            .unwrap_or(0);
        if code == 0 {
            io.eprintln(format!(
                "error: pod {}/{} failed with unknown exit code",
                self.namespace, self.name
            ));
            return 1;
        }
        let reason = terminated
            .and_then(|t| object::str_at(t, &["reason"]))
            .unwrap_or("");
        let message = terminated
            .and_then(|t| object::str_at(t, &["message"]))
            .unwrap_or("");
        // `pod %s/%s terminated (%s)\n%s`, printed as it is (an exit error has no prefix).
        let mut text = format!(
            "pod {}/{} terminated ({reason})\n{message}",
            self.namespace, self.name
        );
        if !text.ends_with('\n') {
            text.push('\n');
        }
        io.eprint(text);
        i32::try_from(code).unwrap_or(1)
    }
}

impl Waiter for Attach {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let Some(pod) = cx
            .cluster
            .store()
            .get_named("Pod", &self.namespace, &self.name)
            .cloned()
        else {
            io.eprintln(format!(
                "Error from server (NotFound): pods \"{}\" not found",
                self.name
            ));
            return Some(1);
        };
        let phase = object::str_at(&pod, &["status", "phase"]).unwrap_or("Pending");
        if phase == "Pending" {
            if cx.cluster.now().since(self.since) >= POD_RUNNING_TIMEOUT_MS {
                io.eprintln("error: timed out waiting for the condition");
                return Some(1);
            }
            return None;
        }
        let spec = object::array_at(&pod, &["spec", "containers"])
            .first()
            .cloned()
            .unwrap_or(Value::Null);
        let container = object::str_at(&spec, &["name"]).unwrap_or("").to_string();
        let argv: Vec<String> = object::array_at(&spec, &["command"])
            .iter()
            .chain(object::array_at(&spec, &["args"]))
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let finished = matches!(phase, "Succeeded" | "Failed");
        // A pod already done is not attached to: its logs are shown (no hint).
        if !self.looked && self.how.tty && !finished {
            io.eprintln("If you don't see a command prompt, try pressing enter.");
        }
        self.looked = true;
        let image = object::str_at(&spec, &["image"]).unwrap_or("");
        if let Some(shell) = interactive_shell(image, &argv).filter(|_| self.how.stdin && !finished)
        {
            let mut place = place_of(&pod, &container, &shell);
            if let Place::Pod { remove_on_exit, .. } = &mut place {
                *remove_on_exit = self.how.remove;
            }
            let fs = pod_fs(cx, &pod, &container);
            cx.pod_files.insert(object::uid(&pod).to_string(), fs);
            cx.shells.push(place);
            return Some(0);
        }
        let lines: Vec<String> = kubelet::logs(cx.cluster, &pod, &container)
            .map(|l| format!("{}\n", l.text))
            .collect();
        for l in lines.iter().skip(self.printed) {
            io.print(l.clone());
        }
        self.printed = self.printed.max(lines.len());
        let running = cx
            .cluster
            .runtime()
            .pod(object::uid(&pod))
            .and_then(|r| r.containers.iter().find(|c| c.name == container))
            .is_some_and(|c| matches!(c.state, State::Running { .. }) && c.restart_count == 0);
        let restart = object::str_at(&pod, &["spec", "restartPolicy"]).unwrap_or("Always");
        let done = match restart {
            "Never" => finished,
            "OnFailure" => phase == "Succeeded",
            // kubectl stops streaming when the container's process ends.
            _ => !running,
        };
        done.then(|| self.end(cx, io, &pod))
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        // Anything that changes; and the running timeout while the pod is pending.
        let pending = cluster
            .store()
            .get_named("Pod", &self.namespace, &self.name)
            .and_then(|p| object::str_at(p, &["status", "phase"]))
            .is_none_or(|p| p == "Pending");
        pending.then(|| self.since.plus(POD_RUNNING_TIMEOUT_MS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn knows_an_interactive_shell() {
        assert_eq!(interactive_shell("busybox", &[]), Some("sh".into()));
        assert_eq!(interactive_shell("nginx", &[]), None);
        assert_eq!(
            interactive_shell("ubuntu", &words(&["/bin/bash", "-l"])),
            Some("bash".into())
        );
        assert_eq!(
            interactive_shell("busybox", &words(&["sh", "-c", "date"])),
            None
        );
        assert_eq!(
            interactive_shell("busybox", &words(&["wget", "-qO-", "web"])),
            None
        );
    }
}
