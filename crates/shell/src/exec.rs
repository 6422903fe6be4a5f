//! The interpreter: runs a parsed script as an explicit stack machine, so that any command
//! (`sleep`, `kubectl get -w`, `kubectl delete`, a `while` loop) can wait for virtual time to
//! pass and resume where it stopped, and Ctrl-C can cut it short.

use crate::context::{Cx, Place};
use crate::expand::{expand_single, expand_words};
use crate::fs::FsError;
use crate::io::{Io, Output, MAX_OUTPUT};
use crate::programs::{self, Run, Waiter};
use crate::syntax::*;
use cluster::Time;

/// How many steps the machine takes in one go before it yields (so `while true; do echo; done`
/// cannot freeze the page).
const STEPS_PER_RUN: usize = 5_000;
/// Loop iterations that run without waiting before the machine yields to the clock.
const ITERATIONS_PER_RUN: usize = 200;
/// Bytes of text expanded or routed ([`Cx::moved`]) after which the machine yields: a loop
/// that copies a big file each turn gives the page (and the clock) a turn between copies, as a
/// loop of small commands does every [`ITERATIONS_PER_RUN`].
const BYTES_PER_RUN: usize = crate::fs::CAPACITY / 4;

/// Where a command's output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dest {
    /// The terminal's standard output (captured by `$(...)`).
    Terminal,
    /// The terminal's standard error: `>&2` sends stdout here too.
    TerminalErr,
    Pipe,
    File(String),
    Null,
    /// `2>&1` / `1>&2`: wherever the other descriptor goes.
    Same(u8),
}

/// The resolved redirections of one command.
#[derive(Clone, Debug)]
struct Route {
    out: Dest,
    err: Dest,
    /// Who writes, as a write error names it: `cat`, `bash: echo`, `bash`.
    writer: String,
    /// Standard input is a file (`< file`), not a pipe: `wc` sizes its columns by it.
    stdin_file: bool,
}

impl Route {
    fn of(fd: u8, r: &Route) -> &Dest {
        let d = if fd == 2 { &r.err } else { &r.out };
        match d {
            Dest::Same(other) if *other != fd => {
                if *other == 2 {
                    &r.err
                } else {
                    &r.out
                }
            }
            other => other,
        }
    }
}

/// A command that is waiting.
struct Waiting {
    waiter: Box<dyn Waiter>,
    route: Route,
    place: Place,
    /// Whether its output streams through the rest of the pipeline as it comes.
    streaming: bool,
    /// With a `head` at the end of a streaming pipeline: the lines it still prints.
    head_left: Option<usize>,
}

/// A pipeline in progress.
struct Pipe {
    cmds: Vec<Command>,
    bang: bool,
    next: usize,
    stdin: String,
    waiting: Option<Waiting>,
    status: i32,
    /// A pipeline of several commands runs each in a subshell (bash without `lastpipe`): the
    /// variables and working directory it found, given back when it ends.
    restore: Option<(crate::context::Vars, String)>,
}

enum IfStage {
    Start,
    Cond,
    Branch,
}

enum Frame {
    List {
        items: Vec<AndOr>,
        next: usize,
    },
    Chain {
        chain: AndOr,
        next: usize,
        started: bool,
    },
    Pipe(Box<Pipe>),
    For {
        var: String,
        values: Vec<String>,
        next: usize,
        body: Script,
    },
    While {
        until: bool,
        cond: Script,
        body: Script,
        in_body: bool,
        started: bool,
    },
    If {
        arms: Vec<(Script, Script)>,
        otherwise: Option<Script>,
        arm: usize,
        stage: IfStage,
    },
    Restore {
        vars: crate::context::Vars,
        cwd: String,
    },
}

/// A running script.
pub struct Machine {
    stack: Vec<Frame>,
    status: i32,
    yielded: bool,
    /// The standard input its commands share (a compound command's, in a pipeline or with
    /// `< file`): each reads what it needs and leaves the rest, so `| while read l` works.
    stdin: String,
    /// It runs in a subshell of its own (a pipeline's compound command, a background job,
    /// `$(...)`): `exit` ends it, not the terminal.
    subshell: bool,
}

impl Machine {
    /// A machine about to run `script`.
    pub fn new(script: Script) -> Machine {
        Machine::with_stdin(script, String::new())
    }

    /// The machine, `$?` at its start being `status` (the previous command line's).
    pub fn after(mut self, status: i32) -> Machine {
        self.status = status;
        self
    }

    /// A machine about to run `script` with `stdin` as its commands' standard input.
    fn with_stdin(script: Script, stdin: String) -> Machine {
        Machine {
            stack: vec![Frame::List {
                items: script.items,
                next: 0,
            }],
            status: 0,
            yielded: false,
            stdin,
            subshell: false,
        }
    }

    /// The machine, run as a subshell of its own (see [`Machine::subshell`]).
    pub fn in_subshell(mut self) -> Machine {
        self.subshell = true;
        self
    }

    /// When the machine wants to run again: `Some(t)` at a time, `None` when anything changes.
    pub fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        if self.yielded {
            return Some(cluster.now());
        }
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Pipe(p) => p.waiting.as_ref().map(|w| w.waiter.wake(cluster)),
            _ => None,
        })?
    }

    /// Whether the command it waits on runs on a timer until Ctrl-C (`watch`).
    pub fn repeats(&self) -> bool {
        self.stack.iter().any(|f| {
            matches!(f, Frame::Pipe(p) if p.waiting.as_ref().is_some_and(|w| w.waiter.repeats()))
        })
    }

    /// Whether the machine is stopped at a waiting command.
    pub fn is_waiting(&self) -> bool {
        self.yielded
            || self
                .stack
                .iter()
                .any(|f| matches!(f, Frame::Pipe(p) if p.waiting.is_some()))
    }

    /// Runs until the script ends (`Some(status)`) or a command waits (`None`).
    pub fn run(&mut self, cx: &mut Cx, out: &mut Vec<Output>) -> Option<i32> {
        self.yielded = false;
        let mut iterations = 0;
        let moved_before = cx.moved;
        for _ in 0..STEPS_PER_RUN {
            cx.last_status = self.status;
            // Only a pipeline's commands ask (a loop's other steps skip the walk).
            let in_subshell = self.subshell
                || matches!(self.stack.last(), Some(Frame::Pipe(_)))
                    && self
                        .stack
                        .iter()
                        .any(|f| matches!(f, Frame::Restore { .. }));
            let Some(top) = self.stack.last_mut() else {
                return Some(self.status);
            };
            match top {
                Frame::List { items, next } => {
                    if let Some(item) = items.get(*next).cloned() {
                        *next += 1;
                        match (&item.background, cx.jobs.as_deref_mut()) {
                            (Some(_), Some(jobs))
                                if jobs.running.len() >= crate::jobs::MAX_JOBS =>
                            {
                                // The host's process limit: bash retries the fork, gives up,
                                // and abandons the command line (`make_child`, EX_NOEXEC).
                                let retry = "bash: fork: retry: Resource temporarily unavailable\n";
                                out.push(Output::Err(retry.repeat(4)));
                                out.push(Output::Err(
                                    "bash: fork: Resource temporarily unavailable\n".into(),
                                ));
                                self.status = 126;
                                // Subshells left on the way give back their variables and
                                // directory, as their processes would have ended.
                                let outer = self
                                    .stack
                                    .iter()
                                    .position(|f| matches!(f, Frame::Restore { .. }));
                                if let Some(at) = outer {
                                    self.leave_subshell(at, cx);
                                }
                                self.stack.clear();
                            }
                            (Some(text), Some(jobs)) => {
                                // `cmd &`: a job of its own; this script goes on at once.
                                let step = 1 + cx.cluster.random_below(7) as u32;
                                let script = Script {
                                    items: vec![AndOr {
                                        background: None,
                                        ..item.clone()
                                    }],
                                };
                                let job = jobs.spawn(text.clone(), script, step);
                                out.push(Output::Err(format!("[{}] {}\n", job.id, job.pid)));
                                cx.vars.set("!", job.pid.to_string());
                                self.status = 0;
                            }
                            _ => self.stack.push(Frame::Chain {
                                chain: item,
                                next: 0,
                                started: false,
                            }),
                        }
                    } else {
                        self.stack.pop();
                    }
                }
                Frame::Chain {
                    chain,
                    next,
                    started,
                } => {
                    if !*started {
                        *started = true;
                        let p = chain.first.clone();
                        self.push_pipeline(p, cx, out);
                        continue;
                    }
                    let mut pushed = None;
                    while let Some((conn, p)) = chain.rest.get(*next) {
                        *next += 1;
                        let go = match conn {
                            Connector::And => self.status == 0,
                            Connector::Or => self.status != 0,
                        };
                        if go {
                            pushed = Some(p.clone());
                            break;
                        }
                    }
                    match pushed {
                        Some(p) => self.push_pipeline(p, cx, out),
                        None => {
                            self.stack.pop();
                        }
                    }
                }
                Frame::Pipe(pipe) => {
                    let several = pipe.cmds.len() > 1;
                    let sub = in_subshell || several;
                    let outer = cx.subshell;
                    cx.subshell = outer || sub;
                    let step = pipe.step(cx, out, &mut self.stdin);
                    cx.subshell = outer;
                    match step {
                        Some(status) => {
                            self.status = status;
                            self.stack.pop();
                            if several {
                                // `exit` in a pipeline's command ended that command only.
                                cx.exit = None;
                            }
                            if let Some(code) = cx.exit.take() {
                                // `exit` in `( ... )` leaves that subshell: its variables and
                                // directory come back, and the script goes on after it.
                                let inner = self
                                    .stack
                                    .iter()
                                    .rposition(|f| matches!(f, Frame::Restore { .. }));
                                let Some(at) = inner else {
                                    self.stack.clear();
                                    self.status = code;
                                    return Some(code);
                                };
                                self.leave_subshell(at, cx);
                                self.status = code;
                            }
                        }
                        None => return None,
                    }
                }
                Frame::For {
                    var,
                    values,
                    next,
                    body,
                } => {
                    if let Some(v) = values.get(*next).cloned() {
                        *next += 1;
                        cx.vars.set(var, v);
                        let items = body.items.clone();
                        self.stack.push(Frame::List { items, next: 0 });
                        iterations += 1;
                    } else {
                        self.stack.pop();
                    }
                }
                Frame::While {
                    until,
                    cond,
                    body,
                    in_body,
                    started,
                } => {
                    if !*started || *in_body {
                        *started = true;
                        *in_body = false;
                        let items = cond.items.clone();
                        self.stack.push(Frame::List { items, next: 0 });
                        iterations += 1;
                    } else if (self.status == 0) != *until {
                        *in_body = true;
                        let items = body.items.clone();
                        self.stack.push(Frame::List { items, next: 0 });
                    } else {
                        self.status = 0;
                        self.stack.pop();
                    }
                }
                Frame::If {
                    arms,
                    otherwise,
                    arm,
                    stage,
                } => match stage {
                    IfStage::Start => {
                        *stage = IfStage::Cond;
                        let items = arms
                            .get(*arm)
                            .map(|a| a.0.items.clone())
                            .unwrap_or_default();
                        self.stack.push(Frame::List { items, next: 0 });
                    }
                    IfStage::Cond => {
                        if self.status == 0 {
                            *stage = IfStage::Branch;
                            let items = arms
                                .get(*arm)
                                .map(|a| a.1.items.clone())
                                .unwrap_or_default();
                            self.stack.push(Frame::List { items, next: 0 });
                        } else if *arm + 1 < arms.len() {
                            *arm += 1;
                            *stage = IfStage::Start;
                        } else if let Some(o) = otherwise.take() {
                            *stage = IfStage::Branch;
                            self.stack.push(Frame::List {
                                items: o.items,
                                next: 0,
                            });
                        } else {
                            self.status = 0;
                            self.stack.pop();
                        }
                    }
                    IfStage::Branch => {
                        self.stack.pop();
                    }
                },
                Frame::Restore { vars, cwd } => {
                    *cx.vars = vars.clone();
                    cx.fs.cwd = cwd.clone();
                    self.stack.pop();
                }
            }
            if iterations >= ITERATIONS_PER_RUN
                || cx.moved.saturating_sub(moved_before) >= BYTES_PER_RUN
            {
                self.yielded = true;
                return None;
            }
        }
        self.yielded = true;
        None
    }

    /// Leaves the subshell whose `Restore` frame is at `at`, and what it was running: its
    /// variables and directory come back.
    fn leave_subshell(&mut self, at: usize, cx: &mut Cx) {
        if let Some(Frame::Restore { vars, cwd }) = self.stack.get(at) {
            *cx.vars = vars.clone();
            cx.fs.cwd = cwd.clone();
        }
        self.stack.truncate(at);
    }

    /// Starts a pipeline: a lone compound command becomes frames of its own, so that it can wait.
    fn push_pipeline(&mut self, p: Pipeline, cx: &mut Cx, out: &mut Vec<Output>) {
        let lone = p.commands.len() == 1 && !p.bang;
        match p.commands.first() {
            Some(Command::For {
                var,
                words,
                body,
                redirs,
            }) if lone && redirs.is_empty() => {
                let mut values = words
                    .as_ref()
                    .map(|w| expand_words(w, cx))
                    .unwrap_or_default();
                self.status = 0;
                show_subst_stderr(cx, out);
                if let Some(msg) = crate::expand::take_out_of_memory(cx) {
                    out.push(Output::Err(msg));
                    values.clear();
                    self.status = 1;
                }
                self.stack.push(Frame::For {
                    var: var.clone(),
                    values,
                    next: 0,
                    body: body.clone(),
                });
            }
            Some(Command::While {
                until,
                cond,
                body,
                redirs,
            }) if lone && redirs.is_empty() => {
                self.stack.push(Frame::While {
                    until: *until,
                    cond: cond.clone(),
                    body: body.clone(),
                    in_body: false,
                    started: false,
                });
            }
            Some(Command::If {
                arms,
                otherwise,
                redirs,
            }) if lone && redirs.is_empty() => {
                self.stack.push(Frame::If {
                    arms: arms.clone(),
                    otherwise: otherwise.clone(),
                    arm: 0,
                    stage: IfStage::Start,
                });
            }
            Some(Command::Group {
                body,
                subshell,
                redirs,
            }) if lone && redirs.is_empty() => {
                if *subshell {
                    self.stack.push(Frame::Restore {
                        vars: cx.vars.clone(),
                        cwd: cx.fs.cwd.clone(),
                    });
                }
                self.stack.push(Frame::List {
                    items: body.items.clone(),
                    next: 0,
                });
            }
            _ => self.stack.push(Frame::Pipe(Box::new(Pipe::new(p, cx)))),
        }
    }

    /// The host closed a file a waiting command asked it to open; true when one was waiting
    /// for it.
    pub fn editor_closed(&mut self, path: &str) -> bool {
        self.stack.iter_mut().rev().any(|f| match f {
            Frame::Pipe(p) => p
                .waiting
                .as_mut()
                .is_some_and(|w| w.waiter.editor_closed(path)),
            _ => false,
        })
    }

    /// Ctrl-C: stops the waiting command and abandons the rest; returns the status (130).
    pub fn interrupt(&mut self, cx: &mut Cx, out: &mut Vec<Output>) -> i32 {
        for f in self.stack.iter_mut().rev() {
            if let Frame::Pipe(p) = f {
                if let Some(mut w) = p.waiting.take() {
                    let mut io = Io::default();
                    w.waiter.interrupt(cx, &mut io);
                    route_all(cx, &w.route, io.out, out, &mut String::new());
                }
                p.end_subshells(cx);
            }
        }
        self.stack.clear();
        self.status = 130;
        130
    }

    /// Runs to the end without waiting, where nothing waits (`$(...)`): at most 64 turns, a
    /// command still waiting after a turn dropped after one last poll. The status (0 if cut).
    fn run_to_end(&mut self, cx: &mut Cx, out: &mut Vec<Output>) -> i32 {
        for _ in 0..64 {
            match self.run(cx, out) {
                Some(status) => return status,
                None => self.abandon(cx, out),
            }
        }
        0
    }

    /// Drops a waiting command after one last poll (inside `$(...)`, nothing waits).
    fn abandon(&mut self, cx: &mut Cx, out: &mut Vec<Output>) {
        self.yielded = false;
        for f in self.stack.iter_mut().rev() {
            if let Frame::Pipe(p) = f {
                if let Some(mut w) = p.waiting.take() {
                    let mut io = Io::default();
                    let status = w.waiter.poll(cx, &mut io).unwrap_or(0);
                    route_all(cx, &w.route, io.out, out, &mut p.stdin);
                    p.status = status;
                }
                return;
            }
        }
    }
}

/// Runs a script to the end without waiting (command substitution); returns (status, stdout).
/// What it printed on stderr goes to `cx.subst_stderr`, its status to `cx.subst_status`.
pub fn run_sync(script: &Script, cx: &mut Cx) -> (i32, String) {
    let may_block = cx.may_block;
    cx.may_block = false;
    let saved_status = cx.last_status;
    let mut outs = Vec::new();
    let status = Machine::new(script.clone())
        .in_subshell()
        .run_to_end(cx, &mut outs);
    cx.may_block = may_block;
    cx.last_status = saved_status;
    cx.subst_status = Some(status);
    let mut stdout = String::new();
    for o in outs {
        match o {
            Output::Out(s) => stdout.push_str(&s),
            Output::Err(s) => cx.subst_stderr.push_str(&s),
            Output::Clear | Output::Edit { .. } => {}
        }
    }
    (status, stdout)
}

/// Runs a script to the end without waiting; returns its status and everything it printed.
pub fn run_collect(script: &Script, cx: &mut Cx) -> (i32, Vec<Output>) {
    let may_block = cx.may_block;
    cx.may_block = false;
    let mut outs = Vec::new();
    let status = Machine::new(script.clone())
        .in_subshell()
        .run_to_end(cx, &mut outs);
    cx.may_block = may_block;
    (status, outs)
}

impl Pipe {
    fn new(p: Pipeline, cx: &Cx) -> Pipe {
        let restore = (p.commands.len() > 1).then(|| (cx.vars.clone(), cx.fs.cwd.clone()));
        Pipe {
            cmds: p.commands,
            bang: p.bang,
            next: 0,
            stdin: String::new(),
            waiting: None,
            status: 0,
            restore,
        }
    }

    /// Gives back what the pipeline's subshells changed.
    fn end_subshells(&mut self, cx: &mut Cx) {
        if let Some((vars, cwd)) = self.restore.take() {
            *cx.vars = vars;
            cx.fs.cwd = cwd;
        }
    }

    fn finish(&mut self, cx: &mut Cx) -> i32 {
        self.end_subshells(cx);
        if self.bang {
            i32::from(self.status == 0)
        } else {
            self.status
        }
    }

    /// A streaming pipeline whose `head` printed all its lines: the waiting command is gone
    /// (killed by SIGPIPE, silently) and the status is head's.
    fn end_by_head(&mut self) {
        self.waiting = None;
        self.next = self.cmds.len();
        self.status = 0;
    }

    /// Advances the pipeline; `Some(status)` when it is done. Its first command reads
    /// `inherited` (the standard input of the script it is in) and leaves what it did not read.
    fn step(&mut self, cx: &mut Cx, out: &mut Vec<Output>, inherited: &mut String) -> Option<i32> {
        loop {
            if let Some(w) = self.waiting.as_mut() {
                let mut io = Io::default();
                let saved = std::mem::replace(&mut cx.place, w.place.clone());
                let r = w.waiter.poll(cx, &mut io);
                cx.place = saved;
                if w.streaming {
                    // Feed what arrived through the rest of the pipeline now.
                    let mut piped = String::new();
                    let route = w.route.clone();
                    route_all(cx, &route, io.out, out, &mut piped);
                    if !piped.is_empty() {
                        let rest: Vec<Command> = self
                            .cmds
                            .get(self.next..)
                            .map(<[Command]>::to_vec)
                            .unwrap_or_default();
                        if stream(&rest, &mut w.head_left, piped, cx, out) {
                            // `head` has its lines and exits: the writer dies of SIGPIPE.
                            self.end_by_head();
                            continue;
                        }
                    }
                } else {
                    let route = w.route.clone();
                    let mut piped = std::mem::take(&mut self.stdin);
                    route_all(cx, &route, io.out, out, &mut piped);
                    self.stdin = piped;
                }
                match r {
                    None => return None,
                    Some(st) => {
                        let streaming = w.streaming;
                        self.waiting = None;
                        self.status = st;
                        if streaming {
                            self.next = self.cmds.len();
                            self.status = 0;
                        }
                    }
                }
            }
            let Some(cmd) = self.cmds.get(self.next).cloned() else {
                return Some(self.finish(cx));
            };
            let first = self.next == 0;
            self.next += 1;
            let is_last = self.next == self.cmds.len();
            let mut piped = String::new();
            let step = if first {
                run_command(&cmd, cx, inherited, is_last, out, &mut piped)
            } else {
                // What a later command leaves unread of its pipe is lost with the pipe.
                let mut stdin = std::mem::take(&mut self.stdin);
                run_command(&cmd, cx, &mut stdin, is_last, out, &mut piped)
            };
            match step {
                Step::Done(st) => {
                    self.status = st;
                    self.stdin = piped;
                }
                Step::Wait(waiter, rp) => {
                    let (route, place) = *rp;
                    let rest = self.cmds.get(self.next..).unwrap_or_default();
                    let plan = if first && !is_last {
                        stream_plan(rest)
                    } else {
                        None
                    };
                    let streaming = plan.is_some();
                    let mut head_left = plan.flatten();
                    if streaming && !piped.is_empty() {
                        // What it printed before waiting (a watch's first list) flows on now.
                        let rest = rest.to_vec();
                        if stream(&rest, &mut head_left, piped, cx, out) {
                            drop(waiter);
                            self.end_by_head();
                            continue;
                        }
                    } else {
                        self.stdin = piped;
                    }
                    self.waiting = Some(Waiting {
                        waiter,
                        route,
                        place,
                        streaming,
                        head_left,
                    });
                    if !cx.may_block {
                        return None;
                    }
                    // Poll once at once: a waiter may already be done, or print its first lines.
                    continue;
                }
            }
        }
    }
}

/// A word's text when it has no expansion in it (`head`, `'-n'`, `-3`), else `None`.
fn literal(w: &Word) -> Option<String> {
    w.0.iter()
        .map(|p| match p {
            Part::Lit(t) | Part::Quoted(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// Whether a command turns each input line into output on its own (`grep x`, `cut`), so a
/// waiting command's output may stream through it chunk by chunk. Anything else (`grep -c`,
/// `wc -l`, `sort`, `head`) reads its whole input first, as it would from a real pipe.
fn line_filter(cmd: &Command) -> bool {
    let Command::Simple(simple) = cmd else {
        return false;
    };
    let Some(name) = simple.words.first().and_then(literal) else {
        return false;
    };
    let args = || simple.words.iter().skip(1).filter_map(literal);
    match name.as_str() {
        "cat" | "cut" | "tr" | "sed" | "awk" | "tee" => true,
        "grep" | "egrep" | "fgrep" => !args().any(|a| {
            matches!(
                a.as_str(),
                "--count"
                    | "--quiet"
                    | "--silent"
                    | "--files-with-matches"
                    | "--files-without-match"
            ) || a.starts_with("--max-count")
                || (a.starts_with('-')
                    && !a.starts_with("--")
                    && a.contains(['c', 'q', 'l', 'L', 'm']))
        }),
        _ => false,
    }
}

/// Whether a waiting command's output may stream through `rest`, the commands after it: all
/// line filters (`Some(None)`), or line filters then `head` (`Some(Some(lines))`). A `head`
/// with redirections reads its whole input (each chunk would truncate its file).
fn stream_plan(rest: &[Command]) -> Option<Option<usize>> {
    if rest.iter().all(line_filter) {
        return Some(None);
    }
    let (last, filters) = rest.split_last()?;
    let lines = head_lines(last)?;
    filters.iter().all(line_filter).then_some(Some(lines))
}

/// The line count of a `head` that prints the first N lines (`head`, `-n N`, `-nN`, `-N`,
/// `--lines=N`); `None` for anything else (`-c`, `-n -N`, files), which reads all its input.
fn head_lines(cmd: &Command) -> Option<usize> {
    let Command::Simple(simple) = cmd else {
        return None;
    };
    if !simple.redirs.is_empty() || !simple.assigns.is_empty() {
        return None;
    }
    let mut words = simple.words.iter().map(literal);
    if words.next()?.as_deref() != Some("head") {
        return None;
    }
    let mut lines = 10;
    while let Some(w) = words.next() {
        let w = w?;
        let n = if w == "-n" || w == "--lines" {
            words.next()??
        } else if let Some(n) = w.strip_prefix("--lines=") {
            n.to_string()
        } else if let Some(n) = w.strip_prefix("-n") {
            n.to_string()
        } else if let Some(n) = w.strip_prefix('-').filter(|n| !n.is_empty()) {
            n.to_string()
        } else {
            return None;
        };
        lines = n.parse().ok()?;
    }
    Some(lines)
}

/// Streams one chunk of a waiting command's output through the rest of the pipeline. With a
/// final `head`, only the lines it still prints reach it; true once it has printed them all.
fn stream(
    rest: &[Command],
    head_left: &mut Option<usize>,
    text: String,
    cx: &mut Cx,
    out: &mut Vec<Output>,
) -> bool {
    let (Some(left), Some((head, filters))) = (head_left.as_mut(), rest.split_last()) else {
        run_filters(rest, text, cx, out);
        return false;
    };
    let filtered = filter_through(filters, text, cx, out);
    let mut taken = 0;
    let mut end = 0;
    for line in filtered.split_inclusive('\n') {
        if taken == *left {
            break;
        }
        taken += 1;
        end += line.len();
    }
    *left -= taken;
    if let Some(lines) = filtered.get(..end).filter(|l| !l.is_empty()) {
        let mut piped = String::new();
        let _ = run_command(head, cx, &mut lines.to_string(), true, out, &mut piped);
    }
    *left == 0
}

/// Runs commands of a pipeline over `input`, none of them the last: what the last printed.
fn filter_through(cmds: &[Command], input: String, cx: &mut Cx, out: &mut Vec<Output>) -> String {
    let mut stdin = input;
    for cmd in cmds {
        let mut piped = String::new();
        let _ = run_command(cmd, cx, &mut stdin, false, out, &mut piped);
        stdin = piped;
    }
    stdin
}

/// Runs the downstream commands of a pipeline over one chunk of input.
fn run_filters(cmds: &[Command], input: String, cx: &mut Cx, out: &mut Vec<Output>) {
    let Some((last, filters)) = cmds.split_last() else {
        return;
    };
    let mut stdin = filter_through(filters, input, cx, out);
    let _ = run_command(last, cx, &mut stdin, true, out, &mut String::new());
}

enum Step {
    Done(i32),
    Wait(Box<dyn Waiter>, Box<(Route, Place)>),
}

/// A full disk's or full pipe's error for `writer` (`cat`, `bash: echo`).
fn write_error(writer: &str) -> Output {
    Output::Err(format!("{writer}: write error: No space left on device\n"))
}

/// Puts what `$(...)` printed on stderr on the terminal, before the command's own output.
fn show_subst_stderr(cx: &mut Cx, term: &mut Vec<Output>) {
    if !cx.subst_stderr.is_empty() {
        term.push(Output::Err(std::mem::take(&mut cx.subst_stderr)));
    }
}

/// Sends a command's output where its route says; `piped` collects what goes to the next command.
/// The terminal's and the pipe's text stop at [`MAX_OUTPUT`], and a file's at the disk's
/// capacity: past them the writer gets one write error, as on a full disk.
fn route_all(
    cx: &mut Cx,
    route: &Route,
    outputs: Vec<Output>,
    term: &mut Vec<Output>,
    piped: &mut String,
) {
    let mut on_screen: usize = term
        .iter()
        .map(|o| match o {
            Output::Out(s) | Output::Err(s) => s.len(),
            Output::Clear | Output::Edit { .. } => 0,
        })
        .sum();
    let mut full = false;
    for o in outputs {
        if let Output::Out(t) | Output::Err(t) = &o {
            cx.moved = cx.moved.saturating_add(t.len());
        }
        let (fd, text) = match o {
            Output::Out(s) => (1, s),
            Output::Err(s) => (2, s),
            // Screen control and editor requests go to the host whatever the redirections.
            screen @ (Output::Clear | Output::Edit { .. }) => {
                term.push(screen);
                continue;
            }
        };
        let mut dest = Route::of(fd, route).clone();
        if let Dest::Same(other) = dest {
            dest = Route::of(other, route).clone();
        }
        match dest {
            Dest::Terminal | Dest::TerminalErr => {
                if on_screen + text.len() > MAX_OUTPUT {
                    full = true;
                    continue;
                }
                on_screen += text.len();
                let piece = if dest == Dest::TerminalErr {
                    Output::Err(text)
                } else {
                    Output::Out(text)
                };
                match (term.last_mut(), piece) {
                    (Some(Output::Out(a)), Output::Out(b))
                    | (Some(Output::Err(a)), Output::Err(b)) => a.push_str(&b),
                    (_, p) => term.push(p),
                }
            }
            Dest::Pipe => {
                if piped.len() + text.len() > MAX_OUTPUT {
                    full = true;
                } else {
                    piped.push_str(&text);
                }
            }
            Dest::File(path) => match cx.fs.append(&path, &text) {
                Ok(()) => {}
                Err(FsError::NoSpace) => full = true,
                Err(e) => term.push(Output::Err(format!("bash: {path}: {}\n", e.text()))),
            },
            Dest::Null | Dest::Same(_) => {}
        }
    }
    if full {
        term.push(write_error(&route.writer));
    }
}

/// Resolves redirections (truncating files opened with `>`); `Err` carries bash's message.
/// An input redirection sets `stdin` to what the command reads instead of its own input.
fn open_route(
    cmd_redirs: &[Redir],
    cx: &mut Cx,
    is_last: bool,
    stdin: &mut Option<String>,
) -> Result<Route, String> {
    let mut route = Route {
        out: if is_last { Dest::Terminal } else { Dest::Pipe },
        err: Dest::TerminalErr,
        writer: "bash".into(),
        stdin_file: false,
    };
    for r in cmd_redirs {
        match &r.op {
            RedirOp::Write(w) | RedirOp::Append(w) => {
                let target = expand_single(w, cx);
                let dest = if target == "/dev/null" {
                    Dest::Null
                } else if target == "/dev/stdout" {
                    Dest::Same(1)
                } else if target == "/dev/stderr" {
                    Dest::Same(2)
                } else {
                    let exists = cx.fs.stat(&target).is_some();
                    let truncate = matches!(r.op, RedirOp::Write(_)) || !exists;
                    let res = if truncate {
                        cx.fs.write(&target, "")
                    } else {
                        Ok(())
                    };
                    if let Err(e) = res {
                        return Err(format!("bash: {target}: {}", e.text()));
                    }
                    Dest::File(target)
                };
                if r.fd == 2 {
                    route.err = dest;
                } else {
                    route.out = dest;
                }
            }
            RedirOp::Dup(n) => {
                let target = if *n == 1 {
                    route.out.clone()
                } else {
                    route.err.clone()
                };
                if r.fd == 2 {
                    route.err = target;
                } else {
                    route.out = target;
                }
            }
            RedirOp::Read(w) => {
                let target = expand_single(w, cx);
                match cx.fs.read(&target) {
                    Ok(t) => {
                        *stdin = Some(t.to_string());
                        route.stdin_file = true;
                    }
                    Err(e) => return Err(format!("bash: {target}: {}", e.text())),
                }
            }
            RedirOp::HereDoc { body, expand } => {
                route.stdin_file = false;
                *stdin = Some(if *expand {
                    expand_heredoc(body, cx)
                } else {
                    body.clone()
                });
            }
            RedirOp::HereString(w) => {
                route.stdin_file = false;
                *stdin = Some(format!("{}\n", expand_single(w, cx)));
            }
        }
    }
    if let Some(msg) = crate::expand::take_out_of_memory(cx) {
        return Err(msg.trim_end().to_string());
    }
    Ok(route)
}

/// Expands `$VAR`, `${VAR}` and `$(...)` in a here-document body.
fn expand_heredoc(body: &str, cx: &mut Cx) -> String {
    // Parse the body as the inside of a double-quoted string.
    let quoted = format!("\"{}\"", body.replace('\\', "\\\\").replace('"', "\\\""));
    match crate::syntax::parse(&format!("x {quoted}")) {
        Ok(s) => match s.items.first().map(|a| &a.first.commands) {
            Some(cmds) => match cmds.first() {
                Some(Command::Simple(simple)) => simple
                    .words
                    .get(1)
                    .map(|w| expand_single(w, cx))
                    .unwrap_or_default(),
                _ => body.to_string(),
            },
            None => body.to_string(),
        },
        Err(_) => body.to_string(),
    }
}

/// Runs one command of a pipeline. It reads `stdin` (unless it redirects its input) and leaves
/// there what it did not read.
fn run_command(
    cmd: &Command,
    cx: &mut Cx,
    stdin: &mut String,
    is_last: bool,
    term: &mut Vec<Output>,
    piped: &mut String,
) -> Step {
    match cmd {
        Command::Simple(simple) => run_simple(simple, cx, stdin, is_last, term, piped),
        compound => {
            // Compound commands inside pipelines run to the end at once.
            let redirs: &[Redir] = match compound {
                Command::For { redirs, .. }
                | Command::While { redirs, .. }
                | Command::If { redirs, .. }
                | Command::Group { redirs, .. } => redirs,
                Command::Simple(_) => &[],
            };
            let mut input = None;
            let route = open_route(redirs, cx, is_last, &mut input);
            show_subst_stderr(cx, term);
            let route = match route {
                Ok(r) => r,
                Err(msg) => {
                    term.push(Output::Err(format!("{msg}\n")));
                    return Step::Done(1);
                }
            };
            let script = Script {
                items: vec![AndOr {
                    first: Pipeline {
                        bang: false,
                        commands: vec![strip_redirs(compound)],
                    },
                    rest: vec![],
                    background: None,
                }],
            };
            let subshell = matches!(compound, Command::Group { subshell: true, .. });
            let redirected = input.is_some();
            let stream = input.unwrap_or_else(|| std::mem::take(stdin));
            let mut waiter = CompoundWaiter {
                machine: Machine::with_stdin(script, stream).in_subshell(),
                restore: subshell.then(|| (cx.vars.clone(), cx.fs.cwd.clone())),
            };
            let mut io = Io::default();
            let done = waiter.poll(cx, &mut io);
            route_all(cx, &route, io.out, term, piped);
            match done {
                Some(status) => {
                    if !redirected {
                        *stdin = std::mem::take(&mut waiter.machine.stdin);
                    }
                    Step::Done(status)
                }
                None => {
                    let place = cx.place.clone();
                    Step::Wait(Box::new(waiter), Box::new((route, place)))
                }
            }
        }
    }
}

/// A compound command in a pipeline (`for ...; done | sort`, `( ... ) | grep`): its own
/// machine, given one turn per poll, so that a long loop yields to the page and to Ctrl-C as a
/// command that waits does, and streams through `grep` and `head` as `kubectl get -w` does.
/// Inside `$(...)`, where nothing waits, it runs to its end at once.
struct CompoundWaiter {
    machine: Machine,
    /// A subshell's variables and working directory, given back when it ends.
    restore: Option<(crate::context::Vars, String)>,
}

impl CompoundWaiter {
    fn end(&mut self, cx: &mut Cx) {
        if let Some((vars, cwd)) = self.restore.take() {
            *cx.vars = vars;
            cx.fs.cwd = cwd;
        }
    }
}

impl Waiter for CompoundWaiter {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let status = if cx.may_block {
            self.machine.run(cx, &mut io.out)
        } else {
            Some(self.machine.run_to_end(cx, &mut io.out))
        };
        if status.is_some() {
            self.end(cx);
        }
        status
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        self.machine.wake(cluster)
    }

    fn interrupt(&mut self, cx: &mut Cx, io: &mut Io) {
        self.machine.interrupt(cx, &mut io.out);
        self.end(cx);
    }
}

fn strip_redirs(c: &Command) -> Command {
    let mut c = c.clone();
    match &mut c {
        Command::For { redirs, .. }
        | Command::While { redirs, .. }
        | Command::If { redirs, .. }
        | Command::Group { redirs, .. } => redirs.clear(),
        Command::Simple(_) => {}
    }
    c
}

fn run_simple(
    simple: &Simple,
    cx: &mut Cx,
    stdin: &mut String,
    is_last: bool,
    term: &mut Vec<Output>,
    piped: &mut String,
) -> Step {
    cx.subst_status = None;
    let assigns: Vec<(String, String)> = simple
        .assigns
        .iter()
        .map(|(n, w)| (n.clone(), expand_single(w, cx)))
        .collect();
    let argv = expand_words(&simple.words, cx);
    if let Some(msg) = crate::expand::take_out_of_memory(cx) {
        show_subst_stderr(cx, term);
        term.push(Output::Err(msg));
        return Step::Done(1);
    }
    let mut input = None;
    let route = open_route(&simple.redirs, cx, is_last, &mut input);
    show_subst_stderr(cx, term);
    let mut route = match route {
        Ok(r) => r,
        Err(msg) => {
            term.push(Output::Err(format!("{msg}\n")));
            return Step::Done(1);
        }
    };
    if let Some(name) = argv.first() {
        route.writer = if programs::is_builtin(name) {
            format!("bash: {name}")
        } else {
            name.clone()
        };
    }
    if argv.is_empty() {
        for (n, v) in assigns {
            cx.vars.set(&n, v);
        }
        // `x=$(false)` fails as its substitution did.
        return Step::Done(cx.subst_status.take().unwrap_or(0));
    }
    // Prefix assignments hold for this command only: value and export flag come back after.
    let saved: Vec<(String, Option<String>, bool)> = assigns
        .iter()
        .map(|(n, _)| {
            let old = cx.vars.get(n).map(str::to_string);
            (n.clone(), old, cx.vars.is_exported(n))
        })
        .collect();
    for (n, v) in &assigns {
        cx.vars.set(n, v.clone());
        cx.vars.export(n);
    }
    let redirected = input.is_some();
    let mut io = Io::with_stdin(input.unwrap_or_else(|| std::mem::take(stdin)));
    io.stdin_file = route.stdin_file;
    let place = cx.place.clone();
    let run = programs::run(cx, &argv, &mut io);
    if !redirected {
        *stdin = io.take_stdin();
    }
    if io.cut() {
        io.out.push(write_error(&route.writer));
    }
    for (n, old, exported) in saved {
        match old {
            Some(v) => cx.vars.set(&n, v),
            None => cx.vars.unset(&n),
        }
        if !exported {
            cx.vars.unexport(&n);
        }
    }
    route_all(cx, &route, io.out, term, piped);
    match run {
        Run::Done(status) => Step::Done(status),
        Run::Wait(w) => Step::Wait(w, Box::new((route, place))),
    }
}
