//! `kubeplay`: the simulated cluster and its shell on the command line.
//!
//! - `kubeplay` starts an interactive shell (virtual time follows the wall clock).
//! - `kubeplay run [--seed N] [--state FILE]` reads commands from stdin and prints a transcript.

use shell::{Output, Session};
use std::io::{BufRead, Write};

const HELP: &str = "kubeplay: a simulated Kubernetes cluster (kind, v1.32) and its lab shell.

Usage:
  kubeplay                           interactive shell; virtual time follows the wall clock
  kubeplay run [--seed N] [--state FILE] [--start RFC3339]
                                     read commands from stdin, print a transcript:
                                     each command as `$ <command>` then its output.
                                     Virtual time only advances while a command waits
                                     (sleep N, kubectl wait, deletions), so runs are
                                     reproducible. With --state, the cluster is loaded from
                                     FILE if it exists and saved back at the end.
  kubeplay lesson <folder> --run-all [--seed N] [--pause SECONDS]
                                     run every execute snippet of a Katacoda/Killercoda
                                     lesson in order on a fresh cluster (SECONDS of virtual
                                     time pass after each, 10 by default), check every step,
                                     print the transcript; exit 1 if a snippet or check fails
  kubeplay --help                    this text

Files named in commands (kubectl apply -f, cat, --from-file) are read from the current
directory of the host, as the real kubectl does.
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("--help" | "-h" | "help") => {
            print!("{HELP}");
            0
        }
        Some("run") => run(args.get(1..).unwrap_or(&[])),
        Some("lesson") => lesson(args.get(1..).unwrap_or(&[])),
        None => repl(),
        Some(other) => {
            eprintln!("kubeplay: unknown command {other:?}\n\n{HELP}");
            2
        }
    };
    std::process::exit(code);
}

/// Flags of `kubeplay run`.
struct RunOpts {
    seed: u64,
    state: Option<String>,
    start: cluster::Time,
}

fn parse_run(args: &[String]) -> Result<RunOpts, String> {
    let mut o = RunOpts {
        seed: 1,
        state: None,
        start: cluster::Time::parse_rfc3339("2026-11-26T10:00:00Z").unwrap_or_default(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                o.seed = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--seed needs a number")?
            }
            "--state" => o.state = Some(it.next().cloned().ok_or("--state needs a file")?),
            "--start" => {
                o.start = it
                    .next()
                    .and_then(|s| cluster::Time::parse_rfc3339(s))
                    .ok_or("--start needs a time like 2026-11-26T10:00:00Z")?
            }
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    Ok(o)
}

/// Copies host files named on a line into the virtual filesystem so `apply -f x.yaml` sees them.
fn import_files(session: &mut Session, line: &str) {
    for word in line.split_whitespace() {
        let path = word
            .trim_start_matches("--from-file=")
            .trim_start_matches("--filename=");
        let path = path.split_once('=').map(|(_, p)| p).unwrap_or(path);
        let p = std::path::Path::new(path);
        if p.is_file() {
            if let Ok(text) = std::fs::read_to_string(p) {
                let _ = session.fs_mut().put(path, &text);
            }
        } else if p.is_dir() {
            if let Ok(entries) = std::fs::read_dir(p) {
                for e in entries.flatten() {
                    let ep = e.path();
                    if ep.is_file() {
                        if let (Some(s), Ok(text)) = (ep.to_str(), std::fs::read_to_string(&ep)) {
                            let _ = session.fs_mut().put(s, &text);
                        }
                    }
                }
            }
        }
    }
}

fn print_outputs(outs: &[Output]) {
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    for o in outs {
        match o {
            Output::Out(s) => {
                let _ = stdout.write_all(s.as_bytes());
            }
            Output::Err(s) => {
                let _ = stdout.flush();
                let _ = stderr.write_all(s.as_bytes());
                let _ = stderr.flush();
            }
            // No editor here: the session closed the file unchanged (see `Session::run_line`).
            Output::Clear | Output::Edit { .. } => {}
        }
    }
    let _ = stdout.flush();
}

fn run(args: &[String]) -> i32 {
    let opts = match parse_run(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("kubeplay run: {e}");
            return 2;
        }
    };
    let mut session = match opts
        .state
        .as_deref()
        .and_then(|f| std::fs::read_to_string(f).ok())
    {
        Some(text) => match serde_json::from_str(&text) {
            Ok(state) => Session::from_state(state),
            Err(e) => {
                eprintln!("kubeplay run: cannot load state: {e}");
                return 1;
            }
        },
        None => Session::new(opts.seed, opts.start),
    };
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        buffer.push_str(&line);
        if shell::syntax::parse(&buffer) == Err(shell::syntax::ParseError::Incomplete) {
            buffer.push('\n');
            continue;
        }
        let command = std::mem::take(&mut buffer);
        if command.trim().is_empty() {
            continue;
        }
        println!("$ {command}");
        import_files(&mut session, &command);
        let outs = session.run_line(&command);
        print_outputs(&outs);
    }
    if let Some(file) = &opts.state {
        match serde_json::to_string(session.state()) {
            Ok(json) => {
                if let Err(e) = std::fs::write(file, json) {
                    eprintln!("kubeplay run: cannot save state to {file}: {e}");
                    return 1;
                }
            }
            Err(e) => {
                eprintln!("kubeplay run: cannot save state: {e}");
                return 1;
            }
        }
    }
    session.last_status()
}

fn lesson(args: &[String]) -> i32 {
    let mut folder: Option<String> = None;
    let mut run_all = false;
    let mut opts = cli::runner::Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--run-all" => run_all = true,
            "--seed" => match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => opts.seed = s,
                None => {
                    eprintln!("kubeplay lesson: --seed needs a number");
                    return 2;
                }
            },
            "--pause" => match it.next().and_then(|s| s.parse::<f64>().ok()) {
                Some(s) => opts.pause_ms = (s * 1000.0) as i64,
                None => {
                    eprintln!("kubeplay lesson: --pause needs seconds");
                    return 2;
                }
            },
            other if folder.is_none() && !other.starts_with('-') => {
                folder = Some(other.to_string())
            }
            other => {
                eprintln!("kubeplay lesson: unexpected argument {other:?}");
                return 2;
            }
        }
    }
    let Some(folder) = folder else {
        eprintln!("kubeplay lesson: which lesson folder?\n\n{HELP}");
        return 2;
    };
    let scenario = match lesson::load_scenario(std::path::Path::new(&folder)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kubeplay lesson: {e}");
            return 1;
        }
    };
    for w in &scenario.warnings {
        eprintln!("warning: {w}");
    }
    if !run_all {
        println!(
            "{}: {} step(s), {} execute snippet(s); add --run-all to run them",
            scenario.title,
            scenario.steps.len(),
            scenario.execute_commands().len()
        );
        return 0;
    }
    let report = cli::runner::run_all(&scenario, opts);
    print!("{}", report.transcript);
    if report.failures.is_empty() {
        0
    } else {
        for f in &report.failures {
            eprintln!("FAILED: {f}");
        }
        1
    }
}

fn now() -> cluster::Time {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    cluster::Time(ms)
}

/// This terminal has no editor: a file a command asks to open (`vi`, `kubectl edit`) is
/// closed at once, unchanged, as `Session::run_line` does.
fn close_editors(session: &mut Session, outs: &[Output]) {
    for o in outs {
        if let Output::Edit { path } = o {
            session.editor_closed(path);
        }
    }
}

fn repl() -> i32 {
    let seed = now().0 as u64;
    let mut session = Session::new(seed, now());
    let stdin = std::io::stdin();
    print!("{}", session.prompt());
    let _ = std::io::stdout().flush();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        import_files(&mut session, &line);
        let (_, outs) = session.submit(&line);
        print_outputs(&outs);
        close_editors(&mut session, &outs);
        while session.busy() {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let outs = session.poll(now());
            print_outputs(&outs);
            close_editors(&mut session, &outs);
        }
        let _ = session.poll(now());
        print!("{}", session.prompt());
        let _ = std::io::stdout().flush();
    }
    println!();
    0
}
