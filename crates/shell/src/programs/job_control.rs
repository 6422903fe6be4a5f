//! `jobs`, `kill`, `wait`, `fg` and `bg`: bash's builtins over the terminal's background jobs
//! ([`crate::jobs::JobTable`]); the session stops the jobs `kill` names.

use super::{Run, Waiter};
use crate::context::Cx;
use crate::io::Io;
use crate::jobs;
use cluster::Time;

/// `jobs [-l | -p]`.
pub fn jobs(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (mut pids, mut long) = (false, false);
    for a in argv.iter().skip(1) {
        match a.as_str() {
            "-p" => pids = true,
            "-l" => long = true,
            f if f.starts_with('-') => {
                io.eprintln(format!(
                    "bash: jobs: {f}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]"
                ));
                return Run::Done(2);
            }
            _ => {}
        }
    }
    let Some(table) = cx.jobs.as_deref() else {
        return Run::Done(0);
    };
    for l in &table.running {
        if pids {
            io.println(l.pid.to_string());
            continue;
        }
        let mark = table.mark(l.id);
        let text = format!("{} &", l.text);
        if long {
            io.println(format!(
                "[{}]{mark} {} {:<24}{text}",
                l.id, l.pid, "Running"
            ));
        } else {
            io.println(jobs::line(l.id, mark, "Running", &text));
        }
    }
    Run::Done(0)
}

/// `kill [-s SIG | -SIG] %JOB | PID ...`: stops background jobs (`Terminated`, or `Killed`
/// for SIGKILL).
pub fn kill(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    const USAGE: &str = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]";
    let mut how = "Terminated";
    let mut targets = Vec::new();
    let mut it = argv.iter().skip(1).peekable();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-s" | "-n" => {
                if let Some(sig) = it.next() {
                    how = signal_name(sig);
                }
            }
            "-l" | "-L" => {
                io.println(" 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM");
                return Run::Done(0);
            }
            f if f.starts_with('-') && f.len() > 1 && !f.starts_with("--") => {
                how = signal_name(f.get(1..).unwrap_or(""));
            }
            _ => targets.push(a.clone()),
        }
    }
    if targets.is_empty() {
        io.eprintln(USAGE);
        return Run::Done(2);
    }
    let mut status = 0;
    for t in targets {
        let Some(table) = cx.jobs.as_deref_mut() else {
            status = 1;
            continue;
        };
        let found = if t.starts_with('%') {
            table.find(&t).map(|l| l.id)
        } else {
            match t.parse::<u32>() {
                Ok(pid) => table.running.iter().find(|l| l.pid == pid).map(|l| l.id),
                Err(_) => {
                    io.eprintln(format!(
                        "bash: kill: {t}: arguments must be process or job IDs"
                    ));
                    status = 1;
                    continue;
                }
            }
        };
        match found {
            Some(id) => table.kills.push((id, how)),
            None if t.starts_with('%') => {
                io.eprintln(format!("bash: kill: {t}: no such job"));
                status = 1;
            }
            None => {
                io.eprintln(format!("bash: kill: ({t}) - No such process"));
                status = 1;
            }
        }
    }
    Run::Done(status)
}

/// How bash names a job a signal ended.
fn signal_name(sig: &str) -> &'static str {
    match sig.trim_start_matches("SIG") {
        "9" | "KILL" => "Killed",
        "2" | "INT" => "Interrupt",
        "1" | "HUP" => "Hangup",
        _ => "Terminated",
    }
}

/// `wait [%JOB | PID ...]`: until the jobs named (or all) have ended; the status of the last
/// one named.
pub fn wait(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let Some(table) = cx.jobs.as_deref() else {
        return Run::Done(0);
    };
    let mut ids = Vec::new();
    for a in argv.iter().skip(1) {
        let found = if a.starts_with('%') {
            table.find(a).map(|l| l.id)
        } else {
            a.parse::<u32>()
                .ok()
                .and_then(|pid| table.running.iter().find(|l| l.pid == pid))
                .map(|l| l.id)
        };
        match found {
            Some(id) => ids.push(id),
            None if a.starts_with('%') => {
                io.eprintln(format!("bash: wait: {a}: no such job"));
                return Run::Done(127);
            }
            None => {
                io.eprintln(format!("bash: wait: pid {a} is not a child of this shell"));
                return Run::Done(127);
            }
        }
    }
    let all = ids.is_empty();
    if all {
        ids = table.running.iter().map(|l| l.id).collect();
    }
    wait_for(
        cx,
        io,
        Jobs {
            ids,
            all,
            foreground: None,
        },
    )
}

/// `fg [%JOB]`: the job in the foreground: its command line, then its end and status.
pub fn fg(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let spec = argv.get(1).map(String::as_str);
    let Some(table) = cx.jobs.as_deref_mut() else {
        io.eprintln("bash: fg: no job control");
        return Run::Done(1);
    };
    let Some(job) = table.find(spec.unwrap_or("%%")).cloned() else {
        io.eprintln(format!(
            "bash: fg: {}: no such job",
            spec.unwrap_or("current")
        ));
        return Run::Done(1);
    };
    table.claimed.push(job.id);
    io.println(job.text.clone());
    wait_for(
        cx,
        io,
        Jobs {
            ids: vec![job.id],
            all: false,
            foreground: Some(job.id),
        },
    )
}

/// `bg [%JOB]`: jobs here never stop (no Ctrl-Z), so one named is already running.
pub fn bg(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let spec = argv.get(1).map(String::as_str);
    match cx
        .jobs
        .as_deref()
        .and_then(|t| t.find(spec.unwrap_or("%%")))
    {
        Some(job) => {
            io.eprintln(format!("bash: bg: job {} already in background", job.id));
            Run::Done(0)
        }
        None => {
            io.eprintln(format!(
                "bash: bg: {}: no such job",
                spec.unwrap_or("current")
            ));
            Run::Done(1)
        }
    }
}

fn wait_for(cx: &mut Cx, io: &mut Io, mut w: Jobs) -> Run {
    match w.poll(cx, io) {
        Some(status) => Run::Done(status),
        None if !cx.may_block => Run::Done(0),
        None => Run::Wait(Box::new(w)),
    }
}

/// Waits for background jobs to end (`wait`, `fg`).
struct Jobs {
    ids: Vec<usize>,
    /// `wait` without arguments: its status is 0.
    all: bool,
    /// `fg`'s job: Ctrl-C stops it.
    foreground: Option<usize>,
}

impl Waiter for Jobs {
    fn poll(&mut self, cx: &mut Cx, _io: &mut Io) -> Option<i32> {
        let Some(table) = cx.jobs.as_deref() else {
            return Some(0);
        };
        if self
            .ids
            .iter()
            .any(|id| table.running.iter().any(|l| l.id == *id))
        {
            return None;
        }
        if self.all {
            return Some(0);
        }
        let last = self.ids.last().copied().unwrap_or(0);
        let status = table.finished.iter().rev().find(|(id, _)| *id == last);
        Some(status.map_or(0, |(_, st)| *st))
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        None
    }

    fn interrupt(&mut self, cx: &mut Cx, _io: &mut Io) {
        if let (Some(id), Some(table)) = (self.foreground, cx.jobs.as_deref_mut()) {
            table.kills.push((id, "Interrupt"));
        }
    }
}
