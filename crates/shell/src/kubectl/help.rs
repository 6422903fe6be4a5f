//! The text `kubectl --help` and `kubectl CMD --help` print, as kubectl v1.32 prints them, for
//! the commands whose help ships with kubeplay (`help/*.txt`).
//!
//! Native builds (the CLI, tests, benchmarks, fuzzing) compile the texts in. The browser build
//! leaves them out (about 16 KB brotli that few learners read): the first `--help` of a
//! command asks for its text ([`wanted`]) and waits; the page fetches
//! `data/kubectl-help/TOPIC.txt` and hands it to [`install`], or says why it could not
//! ([`unavailable`]), which the command then prints.

use crate::context::Cx;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::Time;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The topics: `kubectl` (the root help), then the commands.
pub const TOPICS: &[&str] = &[
    "kubectl", "get", "create", "apply", "delete", "exec", "logs", "scale", "expose", "run",
    "describe", "edit", "patch", "cordon", "uncordon", "taint",
];

/// The topic of `kubectl CMD --help`: the command's if its text ships, else the root help.
pub fn topic(cmd: &str) -> &'static str {
    TOPICS
        .iter()
        .find(|t| **t == cmd)
        .copied()
        .unwrap_or("kubectl")
}

#[cfg(not(target_arch = "wasm32"))]
fn embedded(topic: &str) -> Option<&'static str> {
    Some(match topic {
        "kubectl" => include_str!("help/kubectl.txt"),
        "get" => include_str!("help/get.txt"),
        "create" => include_str!("help/create.txt"),
        "apply" => include_str!("help/apply.txt"),
        "delete" => include_str!("help/delete.txt"),
        "exec" => include_str!("help/exec.txt"),
        "logs" => include_str!("help/logs.txt"),
        "scale" => include_str!("help/scale.txt"),
        "expose" => include_str!("help/expose.txt"),
        "run" => include_str!("help/run.txt"),
        "describe" => include_str!("help/describe.txt"),
        "edit" => include_str!("help/edit.txt"),
        "patch" => include_str!("help/patch.txt"),
        "cordon" => include_str!("help/cordon.txt"),
        "uncordon" => include_str!("help/uncordon.txt"),
        "taint" => include_str!("help/taint.txt"),
        _ => return None,
    })
}

#[cfg(target_arch = "wasm32")]
fn embedded(_topic: &str) -> Option<&'static str> {
    None
}

/// What the page has told about each fetched topic: its text, or why it will not come.
#[derive(Default)]
struct Fetched {
    texts: BTreeMap<String, String>,
    failed: BTreeMap<String, String>,
    wanted: Vec<String>,
}

static FETCHED: Mutex<Option<Fetched>> = Mutex::new(None);

fn with<T>(f: impl FnOnce(&mut Fetched) -> T) -> Option<T> {
    let mut guard = FETCHED.lock().ok()?;
    Some(f(guard.get_or_insert_with(Fetched::default)))
}

/// The topics a command waits for that nobody has fetched yet; each is returned once.
pub fn wanted() -> Vec<String> {
    with(|f| std::mem::take(&mut f.wanted)).unwrap_or_default()
}

/// Installs a topic's text (the page fetched it).
pub fn install(topic: &str, text: &str) {
    with(|f| f.texts.insert(topic.to_string(), text.to_string()));
}

/// Records that a topic's text could not be loaded (`reason`: the URL and HTTP status).
pub fn unavailable(topic: &str, reason: &str) {
    with(|f| f.failed.insert(topic.to_string(), reason.to_string()));
}

/// The text of a topic, or why it will not come, or `None` while it is on its way.
fn lookup(topic: &str) -> Option<Result<String, String>> {
    if let Some(t) = embedded(topic) {
        return Some(Ok(t.to_string()));
    }
    with(|f| {
        f.texts
            .get(topic)
            .map(|t| Ok(t.clone()))
            .or_else(|| f.failed.get(topic).map(|r| Err(r.clone())))
    })
    .flatten()
}

/// Prints the help of `topic`, waiting for it if the page has to fetch it.
pub fn print(cx: &mut Cx, topic: &'static str, io: &mut Io) -> Run {
    match lookup(topic) {
        Some(r) => Run::Done(show(r, io)),
        None if cx.may_block => {
            with(|f| {
                if !f.wanted.iter().any(|w| w == topic) {
                    f.wanted.push(topic.to_string());
                }
            });
            Run::Wait(Box::new(AwaitHelp { topic }))
        }
        None => Run::Done(show(Err("not loaded yet".into()), io)),
    }
}

fn show(r: Result<String, String>, io: &mut Io) -> i32 {
    match r {
        Ok(text) => {
            io.print(text);
            0
        }
        Err(reason) => {
            io.eprintln(format!(
                "error: the help text could not be loaded ({reason}); reload the page to try again"
            ));
            1
        }
    }
}

/// How often a command waiting for data the page fetches (`--help`, `explain`) looks again
/// (virtual ms): the page's clock tick.
pub(crate) const RECHECK_MS: i64 = 200;

/// A `--help` waiting for its text.
struct AwaitHelp {
    topic: &'static str,
}

impl Waiter for AwaitHelp {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        match lookup(self.topic) {
            Some(r) => Some(show(r, io)),
            None if cx.may_block => None,
            None => Some(show(Err("not loaded yet".into()), io)),
        }
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        Some(cluster.now().plus(RECHECK_MS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_has_its_text_and_the_rest_fall_back_to_the_root() {
        for t in TOPICS {
            let text = embedded(t).unwrap_or_default();
            assert!(
                text.contains("Usage:") || text.contains("kubectl controls"),
                "{t}"
            );
        }
        assert_eq!(topic("get"), "get");
        assert_eq!(topic("rollout"), "kubectl");
    }
}
