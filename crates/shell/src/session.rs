//! A terminal session on the lab host: the cluster, the files, the shell's state, and the
//! command that is running. The browser and the CLI both drive one of these.

use crate::context::{Cx, KubeConfig, Place, Vars};
use crate::exec::Machine;
use crate::fs::Fs;
use crate::io::Output;
use crate::syntax::{parse, ParseError};
use cluster::store::Transient;
use cluster::{Cluster, Profile, Time};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The lab host's name (the kind control-plane node the terminal runs on).
pub const HOST: &str = "kind-control-plane";

/// How many history entries are kept.
const HISTORY: usize = 1000;

/// What `submit` did with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// A command runs (it may already have finished: check `busy`).
    Started,
    /// The input is incomplete (open quote, trailing `|`...): show the continuation prompt.
    Incomplete,
    /// Nothing to run (blank line, comment, syntax error already printed).
    Nothing,
}

/// Everything about a session that survives a reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    /// The cluster.
    pub cluster: Cluster,
    /// The lab host's files.
    pub fs: Fs,
    vars: Vars,
    kube: KubeConfig,
    shells: Vec<Place>,
    pod_files: BTreeMap<String, Fs>,
    /// Command history, oldest first.
    pub history: Vec<String>,
    last_status: i32,
    /// The background jobs as commands see them; not saved (a reload ends the jobs).
    #[serde(skip)]
    jobs: Transient<crate::jobs::JobTable>,
}

/// A running terminal session.
pub struct Session {
    state: SessionState,
    pending: String,
    job: Option<(Machine, Place)>,
    scripts: crate::scripts::Scripts,
    /// Background jobs (`cmd &`), oldest first.
    background: Vec<BackgroundJob>,
    /// Jobs that ended, told before the next prompt as bash does (`[1]+  Done  sleep 5`).
    notices: Vec<String>,
}

/// A job started with `&`: its own machine, run beside the foreground command.
struct BackgroundJob {
    line: crate::jobs::JobLine,
    machine: Machine,
    place: Place,
}

/// How many turns in a row [`Session::run_line`] gives a command that yields without waiting
/// before it presses Ctrl-C: 200,000 loop iterations, or 4 GiB of text moved, is more than
/// any finite loop of a lesson needs.
pub const RUN_LINE_TURNS: usize = 1_000;
/// How many times [`Session::run_line`] lets a `watch` run its command before Ctrl-C.
pub const MAX_REPEATS: usize = 100;

impl Session {
    /// A fresh session on a new kind cluster.
    pub fn new(seed: u64, start: Time) -> Session {
        Session::from_state(SessionState {
            cluster: Cluster::new(Profile::kind(), seed, start),
            fs: Fs::new("/root"),
            vars: Vars::default(),
            kube: KubeConfig::default(),
            shells: Vec::new(),
            pod_files: BTreeMap::new(),
            history: Vec::new(),
            last_status: 0,
            jobs: Transient::default(),
        })
    }

    /// A session on an existing cluster (benchmarks, custom profiles).
    pub fn with_cluster(cluster: Cluster) -> Session {
        Session::from_state(SessionState {
            cluster,
            fs: Fs::new("/root"),
            vars: Vars::default(),
            kube: KubeConfig::default(),
            shells: Vec::new(),
            pod_files: BTreeMap::new(),
            history: Vec::new(),
            last_status: 0,
            jobs: Transient::default(),
        })
    }

    /// A session from saved state (nothing running).
    pub fn from_state(state: SessionState) -> Session {
        Session {
            state,
            pending: String::new(),
            job: None,
            scripts: Default::default(),
            background: Vec::new(),
            notices: Vec::new(),
        }
    }

    /// The state to save.
    pub fn state(&self) -> &SessionState {
        &self.state
    }

    /// The cluster.
    pub fn cluster(&self) -> &Cluster {
        &self.state.cluster
    }

    /// The lab host's files (the editor reads and writes these).
    pub fn fs(&self) -> &Fs {
        &self.state.fs
    }

    /// Mutable access to the lab host's files.
    pub fn fs_mut(&mut self) -> &mut Fs {
        &mut self.state.fs
    }

    /// The command history.
    pub fn history(&self) -> &[String] {
        &self.state.history
    }

    /// The exit status of the last command.
    pub fn last_status(&self) -> i32 {
        self.state.last_status
    }

    /// Whether a command is running.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Whether background jobs run (the page keeps polling the terminal for them).
    pub fn has_jobs(&self) -> bool {
        !self.background.is_empty() || !self.state.jobs.spawned.is_empty()
    }

    /// Where the next command will run (the host, or a container shell).
    pub fn place(&self) -> &Place {
        self.state.shells.last().unwrap_or(&Place::Host)
    }

    /// The prompt to show.
    pub fn prompt(&self) -> String {
        if !self.pending.is_empty() {
            return "> ".into();
        }
        match self.place() {
            Place::Host => format!("root@{HOST}:{}# ", self.state.fs.pretty(&self.state.fs.cwd)),
            Place::Pod {
                name,
                shell,
                programs,
                uid,
                ..
            } => {
                let cwd = self
                    .state
                    .pod_files
                    .get(uid)
                    .map_or_else(|| "/".to_string(), |f| f.cwd.clone());
                if shell == "bash" {
                    format!("root@{name}:{cwd}# ")
                } else if programs.iter().any(|p| p == "ash") {
                    format!("{cwd} # ")
                } else {
                    "# ".into()
                }
            }
        }
    }

    /// Takes a line the user typed (or pasted) and starts running it.
    pub fn submit(&mut self, line: &str) -> (Submitted, Vec<Output>) {
        if self.job.is_some() {
            return (Submitted::Nothing, Vec::new());
        }
        let text = if self.pending.is_empty() {
            line.to_string()
        } else {
            format!("{}{line}", self.pending)
        };
        match parse(&text) {
            Err(ParseError::Incomplete) => {
                self.pending = format!("{text}\n");
                (Submitted::Incomplete, Vec::new())
            }
            Err(e) => {
                self.pending.clear();
                self.remember(&text);
                self.state.last_status = 2;
                (
                    Submitted::Nothing,
                    vec![Output::Err(format!("{}\n", e.message()))],
                )
            }
            Ok(script) => {
                self.pending.clear();
                self.remember(&text);
                if script.items.is_empty() {
                    // A new prompt: bash tells which jobs ended first.
                    return (Submitted::Nothing, self.take_notices());
                }
                let place = self.place().clone();
                // `$?` in the new line is the status of the last one.
                let machine = Machine::new(script).after(self.state.last_status);
                self.job = Some((machine, place));
                let now = self.state.cluster.now();
                (Submitted::Started, self.poll(now))
            }
        }
    }

    fn remember(&mut self, text: &str) {
        let t = text.trim_end_matches('\n');
        if t.trim().is_empty() || t.starts_with(' ') {
            return;
        }
        if self.state.history.last().map(String::as_str) != Some(t) {
            self.state.history.push(t.to_string());
        }
        if self.state.history.len() > HISTORY {
            self.state.history.remove(0);
        }
    }

    /// Tab completion for `line` with the cursor at byte `cursor`.
    pub fn complete(&self, line: &str, cursor: usize) -> crate::completion::Completion {
        let place = self.place().clone();
        let fs = match &place {
            Place::Pod { uid, .. } => self.state.pod_files.get(uid).unwrap_or(&self.state.fs),
            Place::Host => &self.state.fs,
        };
        let scope = crate::completion::Scope {
            cluster: &self.state.cluster,
            fs,
            place: &place,
            namespace: &self.state.kube.namespace,
        };
        crate::completion::complete(&scope, line, cursor)
    }

    /// Abandons a half-typed multi-line input.
    pub fn cancel_input(&mut self) {
        self.pending.clear();
    }

    /// Moves the clock to `now` and lets the running command make progress.
    pub fn poll(&mut self, now: Time) -> Vec<Output> {
        // Move the clock in steps, stopping wherever a container script wakes up.
        for _ in 0..10_000 {
            let cluster = &mut self.state.cluster;
            let target = match self.scripts.wake(cluster) {
                Some(t) if t > cluster.now() && t < now => t,
                _ => now,
            };
            if target > cluster.now() {
                cluster.advance_to(target);
            }
            self.scripts.drive(cluster);
            if target >= now {
                break;
            }
        }
        let s = &mut self.state;
        let mut out = Vec::new();
        // A container shell whose pod is gone ends.
        if let Some(Place::Pod {
            uid,
            namespace,
            name,
            ..
        }) = s.shells.last()
        {
            let alive = s
                .cluster
                .store()
                .get_named("Pod", namespace, name)
                .is_some_and(|p| cluster::object::uid(p) == uid);
            if !alive {
                s.shells.pop();
                out.push(Output::Err(
                    "command terminated with exit code 137\n".into(),
                ));
            }
        }
        self.run_foreground(&mut out);
        self.run_background(&mut out);
        if self.job.is_none() {
            out.extend(self.take_notices());
        }
        self.state
            .pod_files
            .retain(|uid, _| self.state.cluster.runtime().pod(uid).is_some());
        out
    }

    /// Takes over the jobs commands started, stops the ones `kill` named, and gives each a turn;
    /// the ones that end are noted for the next prompt.
    fn run_background(&mut self, out: &mut Vec<Output>) {
        let place = self.place().clone();
        for (line, script) in std::mem::take(&mut self.state.jobs.spawned) {
            self.background.push(BackgroundJob {
                line,
                machine: Machine::new(script).in_subshell(),
                place: place.clone(),
            });
        }
        let mut ended = false;
        for (id, how) in std::mem::take(&mut self.state.jobs.kills) {
            let Some(i) = self.background.iter().position(|j| j.line.id == id) else {
                continue;
            };
            let mut job = self.background.remove(i);
            run_in(&mut self.state, &job.place, |cx| {
                job.machine.interrupt(cx, out)
            });
            let status = match how {
                "Killed" => 137,
                "Interrupt" => 130,
                _ => 143,
            };
            self.job_ended(&job.line, how, status);
            ended = true;
        }
        let mut i = 0;
        while let Some(job) = self.background.get_mut(i) {
            let status = run_in(&mut self.state, &job.place, |cx| job.machine.run(cx, out));
            match status {
                Some(st) => {
                    let job = self.background.remove(i);
                    self.job_ended(&job.line, &crate::jobs::ended(st), st);
                    ended = true;
                }
                None => i += 1,
            }
        }
        // A `wait` or `fg` in the foreground sees the end at once.
        if ended {
            self.run_foreground(out);
        }
    }

    /// Gives the command in the foreground a turn; notes its status when it ends.
    fn run_foreground(&mut self, out: &mut Vec<Output>) {
        if let Some((machine, place)) = &mut self.job {
            let status = run_in(&mut self.state, place, |cx| machine.run(cx, out));
            if let Some(st) = status {
                self.state.last_status = st;
                self.job = None;
            }
        }
    }

    /// Notes that a job ended, as bash tells it (unless `fg` had taken it), and drops it.
    fn job_ended(&mut self, line: &crate::jobs::JobLine, how: &str, status: i32) {
        let mark = self.state.jobs.mark(line.id);
        if self.state.jobs.end(line.id, status) {
            self.notices
                .push(crate::jobs::line(line.id, mark, how, &line.text));
        }
    }

    /// The notices of jobs that ended, for the next prompt.
    fn take_notices(&mut self) -> Vec<Output> {
        self.notices
            .drain(..)
            .map(|n| Output::Err(format!("{n}\n")))
            .collect()
    }

    /// Ctrl-C: stops the running command (or drops half-typed input).
    pub fn interrupt(&mut self) -> Vec<Output> {
        self.pending.clear();
        let mut out = Vec::new();
        if let Some((mut machine, place)) = self.job.take() {
            let st = run_in(&mut self.state, &place, |cx| {
                machine.interrupt(cx, &mut out)
            });
            self.state.last_status = st;
        } else {
            self.state.last_status = 130;
        }
        out
    }

    /// When the session next needs a poll: the running command's wake-up or the cluster's next event.
    pub fn wake(&self) -> Option<Time> {
        let cluster = &self.state.cluster;
        let job = self.job.as_ref().and_then(|(m, _)| m.wake(cluster));
        let background = self
            .background
            .iter()
            .filter_map(|j| j.machine.wake(cluster))
            .min();
        [
            job,
            background,
            cluster.next_event(),
            self.scripts.wake(cluster),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Runs a line to the end, letting virtual time pass only while the command waits
    /// (`sleep`, `kubectl wait`, deletions). Commands that never end (`-w`, `-f`) stop once the
    /// cluster has nothing left to do, and a command that never waits (`while true`) after
    /// [`RUN_LINE_TURNS`] turns in a row. For the CLI and tests.
    pub fn run_line(&mut self, line: &str) -> Vec<Output> {
        let (submitted, mut out) = self.submit(line);
        if submitted == Submitted::Incomplete {
            // No more input will come: this is end of file inside the command.
            let text = std::mem::take(&mut self.pending);
            self.state.last_status = 2;
            let mut msg = String::new();
            if let Some(q) = open_quote(&text) {
                msg.push_str(&format!(
                    "bash: unexpected EOF while looking for matching `{q}'\n"
                ));
            }
            msg.push_str("bash: syntax error: unexpected end of file\n");
            out.push(Output::Err(msg));
            return out;
        }
        // No editor here: a file a command asks to open is closed at once, unchanged.
        self.close_editors(&out);
        let mut guard = 0;
        let mut turns = 0;
        let mut repeats = 0;
        while self.job.is_some() && guard < 100_000 {
            guard += 1;
            let now = self.state.cluster.now();
            // While the command works without waiting (a loop), no time passes; else the
            // clock goes to the next thing due (a background job's too).
            let next = if self.foreground_busy(now) {
                None
            } else {
                self.wake_after(now)
            };
            let idle_before = self.state.cluster.next_event().is_none()
                && self.scripts.wake(&self.state.cluster).is_none();
            let fresh = self.poll(next.unwrap_or(now));
            let refreshed = fresh.iter().any(|o| matches!(o, Output::Clear));
            let asked = self.close_editors(&fresh);
            out.extend(fresh);
            // Busy: it gave its turn back with work left (a loop), not waiting for time.
            let now = self.state.cluster.now();
            let busy = self.foreground_busy(now);
            turns = if busy { turns + 1 } else { 0 };
            if busy && turns < RUN_LINE_TURNS {
                continue;
            }
            if next.is_none() && !asked && self.job.is_some() && self.wake_after(now).is_none() {
                out.extend(self.interrupt());
                break;
            }
            // A `watch` runs on its timer forever: it stops as a `-w` does, once it has shown
            // a cluster with nothing left to do, and after [`MAX_REPEATS`] runs at most.
            if self.job.as_ref().is_some_and(|(m, _)| m.repeats()) && refreshed {
                repeats += 1;
                if idle_before || repeats >= MAX_REPEATS {
                    out.extend(self.interrupt());
                    break;
                }
            }
        }
        out
    }

    /// Whether the command in the foreground gave its turn back with work left (a loop).
    fn foreground_busy(&self, now: Time) -> bool {
        let cluster = &self.state.cluster;
        self.job
            .as_ref()
            .and_then(|(m, _)| m.wake(cluster))
            .is_some_and(|t| t <= now)
    }

    /// The earliest thing due after `now`: the foreground's or a background job's wake-up, the
    /// cluster's next event, a container script's.
    fn wake_after(&self, now: Time) -> Option<Time> {
        let cluster = &self.state.cluster;
        let job = self.job.as_ref().and_then(|(m, _)| m.wake(cluster));
        let background = self
            .background
            .iter()
            .filter_map(|j| j.machine.wake(cluster));
        [job, cluster.next_event(), self.scripts.wake(cluster)]
            .into_iter()
            .flatten()
            .chain(background)
            .filter(|t| *t > now)
            .min()
    }

    /// Closes, unchanged, every file `outs` asks the host to open; true when there was one.
    fn close_editors(&mut self, outs: &[Output]) -> bool {
        let mut asked = false;
        for o in outs {
            if let Output::Edit { path } = o {
                asked = true;
                self.editor_closed(path);
            }
        }
        asked
    }

    /// Advances the clock by `ms` (the lesson runner's reading pauses).
    pub fn advance(&mut self, ms: i64) -> Vec<Output> {
        let t = self.state.cluster.now().plus(ms);
        self.poll(t)
    }

    /// Exchanges the lab host (cluster, files, container scripts, files inside pods) with
    /// `other`, keeping each session's working directory, variables, history and running
    /// command. A second terminal on the same host is a second `Session` that borrows the
    /// host for each call: `a.swap_host(&mut b); b.poll(now); a.swap_host(&mut b);`.
    pub fn swap_host(&mut self, other: &mut Session) {
        std::mem::swap(&mut self.state.cluster, &mut other.state.cluster);
        std::mem::swap(&mut self.state.fs, &mut other.state.fs);
        std::mem::swap(&mut self.state.fs.cwd, &mut other.state.fs.cwd);
        std::mem::swap(&mut self.state.pod_files, &mut other.state.pod_files);
        std::mem::swap(&mut self.scripts, &mut other.scripts);
    }

    /// The host's editor closed `path`, a file an [`Output::Edit`] asked it to open (only
    /// what was saved counts, as in vi): the command waiting for it goes on at the next poll
    /// (`vi` ends, `kubectl edit` reads the file back). True when a command was waiting for it.
    pub fn editor_closed(&mut self, path: &str) -> bool {
        self.job
            .as_mut()
            .is_some_and(|(machine, _)| machine.editor_closed(path))
    }
}

/// The quote left open at the end of `text`, if any.
fn open_quote(text: &str) -> Option<char> {
    let mut open: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match open {
            Some('\'') => {
                if c == '\'' {
                    open = None;
                }
            }
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    open = None;
                }
            }
            None => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '\'' || c == '"' || c == '`' {
                    open = Some(c);
                }
            }
        }
    }
    open
}

/// Builds the command context for `place` and runs `f` in it.
fn run_in<T>(s: &mut SessionState, place: &Place, f: impl FnOnce(&mut Cx) -> T) -> T {
    let pod_uid = match place {
        Place::Pod { uid, .. } => Some(uid.clone()),
        Place::Host => None,
    };
    let mut pod_fs = pod_uid.as_ref().and_then(|u| s.pod_files.remove(u));
    let result = {
        let fs = match pod_fs.as_mut() {
            Some(f) => f,
            None => &mut s.fs,
        };
        let mut cx = Cx {
            cluster: &mut s.cluster,
            fs,
            vars: &mut s.vars,
            kube: &mut s.kube,
            place: place.clone(),
            shells: &mut s.shells,
            history: &s.history,
            last_status: s.last_status,
            may_block: true,
            host: HOST,
            pod_files: &mut s.pod_files,
            exit: None,
            out_of_memory: None,
            moved: 0,
            subst_stderr: String::new(),
            subst_status: None,
            jobs: Some(&mut s.jobs),
            subshell: false,
        };
        f(&mut cx)
    };
    if let (Some(u), Some(f)) = (pod_uid, pod_fs) {
        s.pod_files.insert(u, f);
    }
    result
}
