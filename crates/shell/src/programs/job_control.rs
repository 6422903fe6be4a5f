//! `jobs` and `kill`: bash's builtins over the terminal's background jobs
//! ([`crate::jobs::JobTable`]); the session stops the jobs `kill` names.

use super::Run;
use crate::context::Cx;
use crate::io::Io;
use crate::jobs;

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
