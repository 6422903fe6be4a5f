//! The lesson runner: every execute snippet of a lesson, in order, on a fresh cluster, with the
//! virtual clock advancing between snippets as a reader's would; then the step checks.

use lesson::{Action, Scenario, Step};
use shell::{Output, Session};
use std::fmt::Write;

/// How a run went.
#[derive(Debug, Default)]
pub struct Report {
    /// The transcript: each command as `$ <command>` then its output, with step headings.
    pub transcript: String,
    /// What went wrong (a snippet that failed, a check that did not pass).
    pub failures: Vec<String>,
}

/// Options of a run.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The cluster's seed.
    pub seed: u64,
    /// Virtual milliseconds that pass after each snippet (the learner reading on).
    pub pause_ms: i64,
    /// The virtual start time.
    pub start: cluster::Time,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: 1,
            pause_ms: 10_000,
            start: cluster::Time(1_795_694_400_000),
        }
    }
}

fn text_of(outs: &[Output]) -> String {
    shell::transcript(outs)
}

/// Copies the lesson's assets into the lab host's home, as the lesson environment would.
pub fn install_assets(session: &mut Session, scenario: &Scenario) {
    for a in &scenario.assets {
        let text = String::from_utf8_lossy(&a.content).into_owned();
        let _ = session.fs_mut().put(&a.target_path, &text);
    }
}

/// Runs the checks and verify script of a step; returns the failures.
pub fn check_step(session: &Session, step: &Step, title: &str, out: &mut String) -> Vec<String> {
    let mut failures = Vec::new();
    for c in &step.checks {
        let obj = session.cluster().store().get_named(
            &c.kind,
            if c.namespace.is_empty() {
                "default"
            } else {
                &c.namespace
            },
            &c.name,
        );
        match c.mismatch(obj) {
            None => {
                let _ = writeln!(out, "# check ok: {} {}/{}", c.kind, c.namespace, c.name);
            }
            Some(why) => {
                let _ = writeln!(
                    out,
                    "# check FAILED: {} {}/{}: {why}",
                    c.kind, c.namespace, c.name
                );
                failures.push(format!(
                    "{title}: check {} {}/{}: {why}",
                    c.kind, c.namespace, c.name
                ));
            }
        }
    }
    if let Some(script) = &step.verify {
        // Verify scripts run on a copy, so they cannot disturb the lesson's state.
        let mut probe = Session::from_state(session.state().clone());
        let _ = probe.run_line(script);
        if probe.last_status() == 0 {
            let _ = writeln!(out, "# verify ok");
        } else {
            let _ = writeln!(out, "# verify FAILED (exit {})", probe.last_status());
            failures.push(format!(
                "{title}: verify script exited {}",
                probe.last_status()
            ));
        }
    }
    failures
}

/// Runs every execute snippet of the lesson in order and checks every step.
pub fn run_all(scenario: &Scenario, opts: Options) -> Report {
    let mut session = Session::new(opts.seed, opts.start);
    install_assets(&mut session, scenario);
    let mut report = Report::default();
    let _ = writeln!(report.transcript, "# {}", scenario.title);
    let pages: Vec<(String, &Step)> = std::iter::once(("intro".to_string(), &scenario.intro))
        .chain(
            scenario
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("step {}: {}", i + 1, s.title), s)),
        )
        .chain(std::iter::once(("finish".to_string(), &scenario.finish)))
        .collect();
    for (title, step) in pages {
        if step
            .page
            .actions
            .iter()
            .all(|a| !matches!(a, Action::Execute { .. }))
            && step.checks.is_empty()
            && step.verify.is_none()
        {
            continue;
        }
        let _ = writeln!(report.transcript, "## {title}");
        if let Some(bg) = &step.background {
            let _ = session.run_line(bg);
            if session.last_status() != 0 {
                let _ = writeln!(
                    report.transcript,
                    "# background script exited {}",
                    session.last_status()
                );
            }
        }
        for action in &step.page.actions {
            let Action::Execute {
                command, newline, ..
            } = action
            else {
                continue;
            };
            if !newline {
                // `no-newline` only types the text; the learner finishes it.
                continue;
            }
            let _ = writeln!(report.transcript, "$ {command}");
            let outs = session.run_line(command);
            report.transcript.push_str(&text_of(&outs));
            let status = session.last_status();
            if status != 0 {
                let _ = writeln!(report.transcript, "# exit status {status}");
                report
                    .failures
                    .push(format!("{title}: `{command}` exited {status}"));
            }
            report
                .transcript
                .push_str(&text_of(&session.advance(opts.pause_ms)));
        }
        report
            .failures
            .extend(check_step(&session, step, &title, &mut report.transcript));
    }
    report
}
