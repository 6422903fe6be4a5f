//! `watch [-n SECONDS] [-t] [-g] COMMAND`: runs a command line again and again, showing its
//! output on a cleared screen under procps-ng's title, until Ctrl-C (or, with `-g`, until the
//! output changes). Each run happens as the virtual clock reaches it.

use super::builtins::ctime;
use super::{Run, Waiter};
use crate::context::Cx;
use crate::io::{Io, Output};
use cluster::Time;

/// The width the title is laid out in (a terminal's 80 columns).
const COLUMNS: usize = 80;

/// `watch`.
pub fn watch(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut interval_ms: i64 = 2000;
    let mut title = true;
    let mut until_change = false;
    let mut rest = argv.get(1..).unwrap_or(&[]);
    while let Some(a) = rest.first() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            // `-n5`: the value attached.
            _ if a.starts_with("-n") && a.len() > 2 => ("-n", a.get(2..).map(str::to_string)),
            _ => (a.as_str(), None),
        };
        match flag {
            "-n" | "--interval" => {
                let value = inline.or_else(|| rest.get(1).cloned());
                if value.is_some() && (a == "-n" || a == "--interval") {
                    rest = rest.get(1..).unwrap_or(&[]);
                }
                let secs = value
                    .as_deref()
                    .and_then(|v| v.replace(',', ".").parse::<f64>().ok());
                match secs.filter(|s| s.is_finite() && *s >= 0.0) {
                    // procps-ng's floor: a tenth of a second.
                    Some(s) => interval_ms = ((s * 1000.0) as i64).max(100),
                    None => {
                        io.eprintln(format!(
                            "watch: failed to parse argument: '{}': Invalid argument",
                            value.unwrap_or_default()
                        ));
                        return Run::Done(1);
                    }
                }
            }
            "-t" | "--no-title" => title = false,
            "-g" | "--chgexit" => until_change = true,
            // Highlighting differences, exec without a shell, colour, beeps: shown as plain
            // output, which is what they change least.
            "-d" | "--differences" | "-x" | "--exec" | "-c" | "--color" | "-b" | "--beep"
            | "-e" | "--errexit" | "-p" | "--precise" | "-w" | "--no-wrap" => {}
            "--" => {
                rest = rest.get(1..).unwrap_or(&[]);
                break;
            }
            f if f.starts_with('-') && f.len() > 1 => {
                io.eprintln(format!(
                    "watch: invalid option -- '{}'\n{}",
                    f.trim_start_matches('-'),
                    USAGE
                ));
                return Run::Done(1);
            }
            _ => break,
        }
        rest = rest.get(1..).unwrap_or(&[]);
    }
    if rest.is_empty() {
        io.eprintln(USAGE);
        return Run::Done(1);
    }
    let command = rest.join(" ");
    let script = match crate::syntax::parse(&command) {
        Ok(s) => s,
        Err(e) => {
            io.eprintln(format!("sh: 1: {}", e.message()));
            return Run::Done(1);
        }
    };
    let mut w = Watch {
        command,
        script,
        interval_ms,
        title,
        until_change,
        next: cx.cluster.now(),
        last: None,
    };
    match w.poll(cx, io) {
        Some(status) => Run::Done(status),
        None if !cx.may_block => Run::Done(0),
        None => Run::Wait(Box::new(w)),
    }
}

const USAGE: &str = "\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -q, --equexit <cycles>\n                         exit when output from command does not change\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -w, --no-wrap          turn off line wrapping\n  -x, --exec             pass command to exec instead of \"sh -c\"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).";

/// A running `watch`.
struct Watch {
    command: String,
    script: crate::syntax::Script,
    interval_ms: i64,
    title: bool,
    until_change: bool,
    /// When it runs the command next.
    next: Time,
    /// What the last run printed (for `-g`).
    last: Option<String>,
}

impl Watch {
    /// procps-ng's title: `Every 2.0s: COMMAND` at the left, `HOST: DATE` at the right edge,
    /// the command cut with `... ` when the line is too narrow for it (watch.c's rules).
    fn title(&self, cx: &Cx) -> String {
        let right = format!(
            "{}: {}",
            cx.place.hostname(cx.host),
            ctime(cx.cluster.now(), "")
        );
        let header = format!("Every {:.1}s: ", self.interval_ms as f64 / 1000.0);
        let (w, rh, h) = (COLUMNS, right.chars().count(), header.chars().count());
        let command: Vec<char> = self.command.chars().collect();
        let line = if w < rh {
            String::new()
        } else if w < rh + h + 1 {
            format!("{}{right}", " ".repeat(w - rh))
        } else if w < rh + h + 4 {
            format!("{header}{}{right}", " ".repeat(w - rh - h))
        } else if w < rh + h + command.len() {
            let cut: String = command.iter().take(w - rh - h - 4).collect();
            format!("{header}{cut}... {right}")
        } else {
            let pad = w - rh - h - command.len();
            format!("{header}{}{}{right}", self.command, " ".repeat(pad))
        };
        format!("{line}\n\n")
    }
}

impl Waiter for Watch {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        if cx.cluster.now() < self.next {
            return None;
        }
        self.next = cx.cluster.now().plus(self.interval_ms);
        // `sh -c COMMAND 2>&1`: both streams on the screen, in the order they came.
        let (_, outs) = crate::exec::run_collect(&self.script, cx);
        let mut text = String::new();
        for o in outs {
            if let Output::Out(t) | Output::Err(t) = o {
                text.push_str(&t);
            }
        }
        let changed = self.last.as_ref().is_some_and(|l| *l != text);
        io.out.push(Output::Clear);
        if self.title {
            let t = self.title(cx);
            io.print(t);
        }
        io.print(text.clone());
        self.last = Some(text);
        (self.until_change && changed).then_some(0)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        Some(self.next)
    }

    fn repeats(&self) -> bool {
        true
    }
}
