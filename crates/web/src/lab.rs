//! The lab: terminals on one lab host (one cluster, one filesystem), the lesson being
//! followed and its progress, the editor's open files, and snapshots taken as steps are
//! entered. Pure Rust without web APIs: the browser passes in the virtual time and shows
//! what changed; the tests below drive it natively.
//!
//! Terminal 1 owns the host. Terminal N is a second [`Session`] (its own prompt, history,
//! variables and running command) that borrows the host for every call through
//! [`Session::swap_host`], so `kubectl get pods -w` can run in T2 while T1 creates pods.

use crate::editor_model::Editor;
use crate::persist::Snapshot;
use crate::terminal_model::{Screen, Style};
use cluster::Time;
use lesson::{Action, Scenario, Step};
use serde::{Deserialize, Serialize};
use shell::{Output, Session, SessionState, Submitted};
use std::collections::{BTreeSet, VecDeque};
use std::rc::Rc;

/// Lines of scrollback each terminal keeps.
pub const SCROLLBACK: usize = 3000;
/// Lines of scrollback saved per terminal.
pub const SAVED_LINES: usize = 400;
/// Terminals a lesson may open (`{{execute T4}}`).
pub const MAX_TERMS: usize = 4;

/// One terminal: its session, its screen, and lines typed ahead while a command runs.
pub struct Term {
    /// The shell (terminal 1's owns the host; the others borrow it).
    pub session: Session,
    /// The scrollback.
    pub screen: Screen,
    /// Lines waiting for the running command to end, as a tty buffers type-ahead.
    pub queue: VecDeque<String>,
    /// Bumped whenever the screen, the prompt or the queue change.
    pub gen: u64,
    /// Text an action put on the input line (`{{execute no-newline}}`, tab completion):
    /// a serial, the text and the cursor (characters).
    pub input: Option<(u64, String, usize)>,
}

impl Term {
    pub(crate) fn new(session: Session) -> Term {
        Term {
            session,
            screen: Screen::new(SCROLLBACK),
            queue: VecDeque::new(),
            gen: 0,
            input: None,
        }
    }

    fn set_input(&mut self, text: &str, cursor: usize) {
        let serial = self.input.as_ref().map_or(1, |i| i.0 + 1);
        self.input = Some((serial, text.to_string(), cursor));
    }
}

/// The lesson's pages in order: the intro (when it has text), the steps, the finish page.
pub fn pages(s: &Scenario) -> Vec<&Step> {
    let mut out = Vec::new();
    if !s.intro.page.html.trim().is_empty() {
        out.push(&s.intro);
    }
    out.extend(s.steps.iter());
    if !s.finish.page.html.trim().is_empty() {
        out.push(&s.finish);
    }
    out
}

/// What the learner has done, saved with the lab.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Checks that have held at least once: (page, check).
    pub passed: BTreeSet<(usize, usize)>,
    /// Pages whose verify script passed.
    pub verified: BTreeSet<usize>,
    /// Pages seen.
    pub visited: BTreeSet<usize>,
}

/// What a click on a lesson action asks the page to do besides changing the lab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing more.
    None,
    /// Copy the text to the clipboard.
    Copy(String),
    /// Show the terminal (0-based) and focus it.
    Terminal(usize),
    /// Show the editor.
    Editor,
}

/// The lab host, its terminals, and the lesson.
pub struct Lab {
    /// The lesson (a lab without one still has a working terminal).
    pub scenario: Option<Rc<Scenario>>,
    /// Its id (folder name), or empty.
    pub lesson_id: String,
    /// Terminal 1: it owns the host.
    pub main: Term,
    /// Terminals 2 and on.
    pub extra: Vec<Term>,
    /// A hidden terminal for step `background` scripts.
    pub background: Option<Term>,
    /// The terminal shown.
    pub active: usize,
    /// The page shown (index into [`pages`]).
    pub page: usize,
    /// Checks passed, pages visited.
    pub progress: Progress,
    /// Open files.
    pub editor: Editor,
    /// The seed the cluster was made with (a reset makes a new one).
    pub seed: u64,
    /// The lab host's state when each page was first entered: (page, snapshot).
    pub snapshots: Vec<(usize, Snapshot)>,
    /// Pages whose snapshot is not saved yet.
    pub unsaved_snapshots: BTreeSet<usize>,
    /// Something worth saving changed.
    pub dirty: bool,
    /// The cluster's store revision last seen.
    revision: u64,
    /// Connections through Services last seen: (count, time of the newest, still recent).
    flows_seen: (usize, Option<Time>, bool),
    /// Bumped when the cluster changed (the cluster view redraws).
    pub cluster_gen: u64,
    /// Bumped when progress or the page changed.
    pub lesson_gen: u64,
    /// The check results on the current page, live (not sticky).
    pub live: Vec<bool>,
    /// Bumped when a command asked to open a file (`vi`, `kubectl edit`): the editor shows.
    pub edit_requests: u64,
}

fn resolve_target(path: &str) -> String {
    let p = path.trim();
    if p == "~" {
        "/root".into()
    } else if let Some(rest) = p.strip_prefix("~/") {
        format!("/root/{rest}")
    } else if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/root/{p}")
    }
}

impl Lab {
    /// A fresh lab for a lesson: a new cluster started at `now`, the lesson's files in place.
    pub fn fresh(scenario: Option<Rc<Scenario>>, seed: u64, now: Time) -> Lab {
        let mut session = Session::new(seed, now);
        if let Some(s) = &scenario {
            for a in &s.assets {
                let text = String::from_utf8_lossy(&a.content);
                let _ = session.fs_mut().put(&resolve_target(&a.target_path), &text);
            }
        }
        let mut lab = Lab::with_session(scenario, session, seed);
        lab.enter(0);
        lab
    }

    /// A lab around an existing session (restored from storage).
    pub fn with_session(scenario: Option<Rc<Scenario>>, session: Session, seed: u64) -> Lab {
        let revision = session.cluster().store().revision();
        let editor_root = scenario
            .as_ref()
            .and_then(|s| s.editor_path.clone())
            .unwrap_or_else(|| "/root".into());
        Lab {
            lesson_id: scenario.as_ref().map(|s| s.id.clone()).unwrap_or_default(),
            scenario,
            main: Term::new(session),
            extra: Vec::new(),
            background: None,
            active: 0,
            page: 0,
            progress: Progress::default(),
            editor: Editor::new(&editor_root),
            seed,
            snapshots: Vec::new(),
            unsaved_snapshots: BTreeSet::new(),
            dirty: true,
            revision,
            flows_seen: (0, None, false),
            cluster_gen: 1,
            lesson_gen: 1,
            live: Vec::new(),
            edit_requests: 0,
        }
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.scenario.as_ref().map_or(0, |s| pages(s).len())
    }

    /// The current virtual time of the cluster.
    pub fn now(&self) -> Time {
        self.host().cluster().now()
    }

    /// Terminal 1's session: the host.
    pub fn host(&self) -> &Session {
        &self.main.session
    }

    /// Mutable access to the host's session.
    pub fn host_mut(&mut self) -> &mut Session {
        &mut self.main.session
    }

    /// How many terminals are open.
    pub fn term_count(&self) -> usize {
        1 + self.extra.len()
    }

    /// Terminal `t` (0-based).
    pub fn term(&self, t: usize) -> Option<&Term> {
        if t == 0 {
            Some(&self.main)
        } else {
            self.extra.get(t - 1)
        }
    }

    /// Runs `f` on terminal `t` (`usize::MAX`: the background one) with the host lent to it.
    fn with_host<R>(&mut self, t: usize, f: impl FnOnce(&mut Term) -> R) -> Option<R> {
        if t == 0 {
            return Some(f(&mut self.main));
        }
        let term = if t == usize::MAX {
            self.background.as_mut()?
        } else {
            self.extra.get_mut(t - 1)?
        };
        self.main.session.swap_host(&mut term.session);
        let r = f(term);
        self.main.session.swap_host(&mut term.session);
        Some(r)
    }

    fn term_mut(&mut self, t: usize) -> Option<&mut Term> {
        match t {
            0 => Some(&mut self.main),
            usize::MAX => self.background.as_mut(),
            _ => self.extra.get_mut(t - 1),
        }
    }

    /// Opens terminals up to `t` (0-based); returns whether `t` exists now.
    pub fn ensure_term(&mut self, t: usize) -> bool {
        while self.term_count() <= t && self.term_count() < MAX_TERMS {
            let mut state = self.host().state().clone();
            state.history.clear();
            self.extra.push(Term::new(Session::from_state(state)));
            self.dirty = true;
        }
        t < self.term_count()
    }

    /// Closes terminal `t` (not the first).
    pub fn close_term(&mut self, t: usize) {
        if t > 0 && t <= self.extra.len() {
            self.extra.remove(t - 1);
            if self.active >= self.term_count() || self.active == t {
                self.active = t - 1;
            }
            self.dirty = true;
        }
    }

    /// Shows page `page`. The first time a page is entered, the host is snapshotted (for
    /// "restart this step") and the page's background and foreground scripts run.
    pub fn enter(&mut self, page: usize) {
        let count = self.page_count();
        let page = if count == 0 { 0 } else { page.min(count - 1) };
        self.page = page;
        self.progress.visited.insert(page);
        if !self.snapshots.iter().any(|(p, _)| *p == page) {
            let state = Box::new(self.host().state().clone());
            self.snapshots.push((page, Snapshot::Taken(state)));
            self.unsaved_snapshots.insert(page);
            // Scripts run only the first time a page is entered.
            let step = self
                .scenario
                .clone()
                .and_then(|s| pages(&s).get(page).map(|st| (*st).clone()));
            if let Some(step) = step {
                if let Some(bg) = step.background.filter(|b| !b.trim().is_empty()) {
                    self.run_background(&bg);
                }
                if let Some(fg) = step.foreground.filter(|f| !f.trim().is_empty()) {
                    for line in fg.lines() {
                        self.type_line(0, line);
                    }
                }
            }
        }
        self.live.clear();
        self.evaluate();
        self.lesson_gen += 1;
        self.dirty = true;
    }

    fn run_background(&mut self, script: &str) {
        if self.background.is_none() {
            let state = self.host().state().clone();
            self.background = Some(Term::new(Session::from_state(state)));
        }
        if let Some(bg) = self.background.as_mut() {
            bg.queue.extend(script.lines().map(str::to_string));
        }
        self.drain(usize::MAX);
    }

    /// Types a line into terminal `t`: runs it at once if the terminal is idle, else queues it.
    pub fn type_line(&mut self, t: usize, line: &str) {
        let Some(term) = self.term_mut(t) else {
            return;
        };
        term.queue.push_back(line.to_string());
        term.gen += 1;
        self.drain(t);
    }

    /// Runs queued lines while the terminal is idle.
    fn drain(&mut self, t: usize) {
        for _ in 0..1000 {
            let ready = self
                .term_mut(t)
                .is_some_and(|term| !term.session.busy() && !term.queue.is_empty());
            if !ready {
                break;
            }
            let finished = self.with_host(t, |term| {
                let Some(line) = term.queue.pop_front() else {
                    return (false, Vec::new());
                };
                let prompt = term.session.prompt();
                term.screen
                    .write(Style::Input, &format!("{prompt}{line}\n"));
                let (submitted, outs) = term.session.submit(&line);
                term.screen.write_outputs(&outs);
                term.gen += 1;
                let done = submitted != Submitted::Incomplete && !term.session.busy();
                (done, edit_paths(&outs))
            });
            if let Some((finished, paths)) = finished {
                self.dirty |= finished;
                self.open_for_command(t, &paths);
            }
        }
    }

    /// Ctrl-C in terminal `t`; `typed` is what was on the input line.
    pub fn interrupt(&mut self, t: usize, typed: &str) {
        let _ = self.with_host(t, |term| {
            term.queue.clear();
            if term.session.busy() {
                term.screen.write(Style::Input, "^C\n");
            } else {
                let prompt = term.session.prompt();
                term.screen
                    .write(Style::Input, &format!("{prompt}{typed}^C\n"));
            }
            let outs = term.session.interrupt();
            term.screen.write_outputs(&outs);
            term.gen += 1;
        });
        self.editor.release(t);
        self.dirty = true;
    }

    /// Ctrl-L.
    pub fn clear_screen(&mut self, t: usize) {
        if let Some(term) = self.term_mut(t) {
            term.screen.clear();
            term.gen += 1;
        }
    }

    /// Tab: completes the word before the cursor (characters) and puts the result on the input
    /// line; a second Tab with nothing to add lists the candidates, as bash does.
    pub fn complete(&mut self, t: usize, text: &str, cursor: usize, list: bool) {
        let _ = self.with_host(t, |term| {
            let mut line = crate::line_edit::Line {
                text: text.to_string(),
                cursor,
            };
            let byte = line.cursor_byte();
            let c = term.session.complete(text, byte);
            let word = text.get(c.start.min(byte)..byte).unwrap_or("");
            if c.insert.len() > word.len() || c.candidates.len() == 1 {
                line.complete(c.start, &c.insert);
                term.set_input(&line.text, line.cursor);
            } else if list && c.candidates.len() > 1 {
                let prompt = term.session.prompt();
                term.screen
                    .write(Style::Input, &format!("{prompt}{text}\n"));
                term.screen
                    .write(Style::Out, &format!("{}\n", columns(&c.candidates, 100)));
                term.set_input(text, cursor);
            }
            term.gen += 1;
        });
    }

    /// Moves the clock to `now`: running commands make progress, typed-ahead lines run,
    /// checks are evaluated when the cluster changed. Returns whether anything visible changed.
    pub fn tick(&mut self, now: Time) -> bool {
        self.tick_for(now, &mut || false)
    }

    /// [`Lab::tick`], giving a command that is busy without waiting (a long loop takes turns of
    /// 200 iterations) more turns while `more()` says the frame has time for them: the page
    /// decides that by the wall clock, which the shell never reads.
    pub fn tick_for(&mut self, now: Time, more: &mut dyn FnMut() -> bool) -> bool {
        let mut changed = false;
        let n = self.term_count();
        for t in 0..n {
            let was_busy = self.term(t).is_some_and(|x| x.session.busy());
            let has_jobs = self.term(t).is_some_and(|x| x.session.has_jobs());
            if t > 0 && !was_busy && !has_jobs {
                continue;
            }
            let r = self.with_host(t, |term| {
                let mut outs = term.session.poll(now);
                while term.session.busy() && term.session.wake().is_some_and(|w| w <= now) && more()
                {
                    outs.extend(term.session.poll(now));
                }
                let done = was_busy && !term.session.busy();
                if !outs.is_empty() || done {
                    term.screen.write_outputs(&outs);
                    term.gen += 1;
                }
                (!outs.is_empty() || done, done, edit_paths(&outs))
            });
            if let Some((visible, done, paths)) = r {
                changed |= visible;
                self.dirty |= done;
                self.open_for_command(t, &paths);
            }
            self.drain(t);
        }
        if self.background.as_ref().is_some_and(|b| b.session.busy()) {
            let _ = self.with_host(usize::MAX, |term| term.session.poll(now));
            self.drain(usize::MAX);
        }
        let rev = self.host().cluster().store().revision();
        if rev != self.revision {
            self.revision = rev;
            self.cluster_gen += 1;
            changed = true;
            self.dirty = true;
            self.evaluate();
        }
        let flows = self.host().cluster().flows();
        let newest = flows.back().map(|f| f.at);
        let recent =
            newest.is_some_and(|t| self.now().since(t) <= crate::cluster_model::ANSWER_WINDOW_MS);
        let seen = (flows.len(), newest, recent);
        if seen != self.flows_seen {
            self.flows_seen = seen;
            self.cluster_gen += 1;
            changed = true;
        }
        if self.editor.sync(self.main.session.fs()) {
            changed = true;
        }
        changed
    }

    /// Evaluates the current page's checks; true when a check passed for the first time.
    pub fn evaluate(&mut self) -> bool {
        let Some(s) = self.scenario.clone() else {
            return false;
        };
        let Some(step) = pages(&s).get(self.page).copied() else {
            return false;
        };
        let store = self.host().cluster().store();
        let live: Vec<bool> = step
            .checks
            .iter()
            .map(|c| {
                let namespaced = cluster::kind::by_kind(&c.kind).is_none_or(|r| r.namespaced);
                let ns = if namespaced { c.namespace.as_str() } else { "" };
                c.matches(store.get_named(&c.kind, ns, &c.name))
            })
            .collect();
        let mut newly = false;
        for (i, ok) in live.iter().enumerate() {
            if *ok {
                newly |= self.progress.passed.insert((self.page, i));
            }
        }
        if live != self.live || newly {
            self.lesson_gen += 1;
        }
        self.live = live;
        newly
    }

    /// Runs the current page's verify script on a copy of the lab (the terminals are not
    /// disturbed); true when it exits 0.
    pub fn verify(&mut self) -> Option<bool> {
        let s = self.scenario.clone()?;
        let script = pages(&s).get(self.page)?.verify.clone()?;
        let mut copy = Session::from_state(self.host().state().clone());
        let mut status = 0;
        for line in script.lines() {
            copy.run_line(line);
            status = copy.last_status();
        }
        let ok = status == 0;
        if ok && self.progress.verified.insert(self.page) {
            self.dirty = true;
        }
        self.lesson_gen += 1;
        Some(ok)
    }

    /// Whether page `p` is done: every check passed once and its verify script passed.
    pub fn page_done(&self, p: usize) -> bool {
        let Some(s) = &self.scenario else {
            return false;
        };
        let Some(step) = pages(s).get(p).copied() else {
            return false;
        };
        let checks_ok = (0..step.checks.len()).all(|i| self.progress.passed.contains(&(p, i)));
        let verify_ok = step.verify.is_none() || self.progress.verified.contains(&p);
        if step.checks.is_empty() && step.verify.is_none() {
            self.progress.visited.contains(&p)
        } else {
            checks_ok && verify_ok
        }
    }

    /// Progress through the lesson: (done, total) counting checks and verify scripts, or
    /// pages visited when the lesson has neither.
    pub fn progress(&self) -> (usize, usize) {
        let Some(s) = &self.scenario else {
            return (0, 0);
        };
        let ps = pages(s);
        let total: usize = ps
            .iter()
            .map(|p| p.checks.len() + usize::from(p.verify.is_some()))
            .sum();
        if total == 0 {
            return (self.progress.visited.len().min(ps.len()), ps.len());
        }
        let done = self.progress.passed.len() + self.progress.verified.len();
        (done.min(total), total)
    }

    /// A click on action `index` of page `page`.
    pub fn action(&mut self, page: usize, index: usize) -> Effect {
        let Some(s) = self.scenario.clone() else {
            return Effect::None;
        };
        let Some(action) = pages(&s)
            .get(page)
            .and_then(|st| st.page.actions.get(index))
            .cloned()
        else {
            return Effect::None;
        };
        match action {
            Action::Execute {
                command,
                terminal,
                interrupt,
                newline,
                ctrl_seq,
                ..
            } => {
                let t = usize::from(terminal.max(1)) - 1;
                let t = if self.ensure_term(t) { t } else { 0 };
                self.active = t;
                if ctrl_seq {
                    let c = command.trim().to_ascii_uppercase();
                    if c == "^C" || c == "CTRL+C" || c == "CTRL-C" {
                        self.interrupt(t, "");
                    }
                    return Effect::Terminal(t);
                }
                if interrupt {
                    self.interrupt(t, "");
                }
                if newline {
                    for line in command.split('\n') {
                        self.type_line(t, line);
                    }
                } else if let Some(term) = self.term_mut(t) {
                    let n = command.chars().count();
                    term.set_input(&command, n);
                    term.gen += 1;
                }
                Effect::Terminal(t)
            }
            Action::Copy { text } => Effect::Copy(text),
            Action::Open { path } => {
                let fs = self.host().fs().clone();
                self.editor.open(&path, &fs);
                Effect::Editor
            }
            Action::WriteFile {
                path,
                content,
                target,
                marker,
            } => {
                let abs = self.editor.absolute(&path);
                let current = self.host().fs().read(&abs).ok().map(str::to_string);
                let text = target.apply(current.as_deref(), &content, marker.as_deref());
                let _ = self.host_mut().fs_mut().put(&abs, &text);
                let fs = self.host().fs().clone();
                self.editor.open(&abs, &fs);
                self.editor.sync(&fs);
                self.dirty = true;
                Effect::Editor
            }
        }
    }

    /// Saves the active file to the host's files.
    pub fn save_file(&mut self) -> Result<(), String> {
        let r = self.editor.save(self.main.session.fs_mut());
        self.dirty = true;
        r
    }

    /// Saves the active file and runs `kubectl apply -f` on it in terminal 1.
    pub fn apply_file(&mut self) -> Result<(), String> {
        self.save_file()?;
        let Some(path) = self.editor.active_path() else {
            return Err("no file".into());
        };
        let fs = self.host().fs();
        let cwd = format!("{}/", fs.cwd.trim_end_matches('/'));
        let shown = path.strip_prefix(&cwd).unwrap_or(&path).to_string();
        self.active = 0;
        self.type_line(0, &format!("kubectl apply -f {}", shell_quote(&shown)));
        Ok(())
    }

    /// "Restart this step": the host goes back to the snapshot taken when the page was first
    /// entered; history and the screens stay. `note` is written in every terminal.
    pub fn restart_page(&mut self, note: &str) -> Result<(), String> {
        let page = self.page;
        let mut state: SessionState = self
            .snapshots
            .iter_mut()
            .find(|(p, _)| *p == page)
            .ok_or_else(|| "no snapshot for this step".to_string())?
            .1
            .state()
            .map_err(|e| format!("snapshot unreadable: {e}"))?;
        state.history = self.host().history().to_vec();
        for term in &mut self.extra {
            let mut st = state.clone();
            st.history = term.session.history().to_vec();
            term.session = Session::from_state(st);
        }
        self.main.session = Session::from_state(state);
        for term in std::iter::once(&mut self.main).chain(self.extra.iter_mut()) {
            term.queue.clear();
            if term.screen.mid_line() {
                term.screen.write(Style::Out, "\n");
            }
            term.screen.write(Style::Note, &format!("{note}\n"));
            term.gen += 1;
        }
        self.background = None;
        let fs = self.host().fs().clone();
        for t in 0..MAX_TERMS {
            self.editor.release(t);
        }
        self.editor.revert_all(&fs);
        self.revision = 0;
        self.cluster_gen += 1;
        self.live.clear();
        self.evaluate();
        self.lesson_gen += 1;
        self.dirty = true;
        Ok(())
    }

    /// Opens in the editor the files a command in terminal `t` asked for.
    fn open_for_command(&mut self, t: usize, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        let fs = self.host().fs().clone();
        for p in paths {
            self.editor.open_for(p, &fs, t);
        }
        self.edit_requests += 1;
        self.dirty = true;
    }

    /// Closes tab `i`. A file a command waits for is closed as `:q!` closes it (unsaved
    /// edits are dropped) and the command goes on.
    pub fn close_file(&mut self, i: usize) {
        match self.editor.finish(i) {
            Some((t, path)) => self.release_command(t, &path),
            None => self.editor.close(i),
        }
        self.dirty = true;
    }

    /// "Done" on tab `i`, a file a command waits for: saves it, closes it, and the command
    /// goes on (`:wq`).
    pub fn editor_done(&mut self, i: usize) -> Result<(), String> {
        self.editor.show(i);
        self.save_file()?;
        if let Some((t, path)) = self.editor.finish(i) {
            self.release_command(t, &path);
        }
        Ok(())
    }

    fn release_command(&mut self, t: usize, path: &str) {
        let _ = self.with_host(t, |term| term.session.editor_closed(path));
        let now = self.now();
        self.tick(now);
    }

    /// Writes a note (not command output) in every terminal.
    pub fn note(&mut self, text: &str) {
        for term in std::iter::once(&mut self.main).chain(self.extra.iter_mut()) {
            if term.screen.mid_line() {
                term.screen.write(Style::Out, "\n");
            }
            term.screen.write(Style::Note, &format!("{text}\n"));
            term.gen += 1;
        }
    }
}

/// The files `outs` asks the host to open.
fn edit_paths(outs: &[Output]) -> Vec<String> {
    outs.iter()
        .filter_map(|o| match o {
            Output::Edit { path } => Some(path.clone()),
            _ => None,
        })
        .collect()
}

/// Quotes a path for the shell when it needs it.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./~+@%:=,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Lays out completion candidates in columns, as bash lists them.
pub fn columns(items: &[String], width: usize) -> String {
    let w = items.iter().map(|s| s.chars().count()).max().unwrap_or(0) + 2;
    let per_line = (width / w.max(1)).max(1);
    let rows = items.len().div_ceil(per_line);
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for c in 0..per_line {
            if let Some(item) = items.get(c * rows + r) {
                line.push_str(&format!("{item:<w$}"));
            }
        }
        out.push_str(line.trim_end());
        if r + 1 < rows {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn scenario() -> Rc<Scenario> {
        let dir = format!("{}/../../lessons/servicios-es", env!("CARGO_MANIFEST_DIR"));
        let mut files: lesson::Files = BTreeMap::new();
        let index = std::fs::read_to_string(format!("{dir}/index.json")).unwrap_or_default();
        files.insert("index.json".into(), index.clone().into_bytes());
        for f in Scenario::referenced_files(&index).unwrap_or_default() {
            let bytes = std::fs::read(format!("{dir}/{f}")).unwrap_or_default();
            files.insert(f, bytes);
        }
        match Scenario::from_files("servicios-es", &files) {
            Ok(s) => Rc::new(s),
            Err(e) => unreachable_test(&e.to_string()),
        }
    }

    fn unreachable_test(msg: &str) -> ! {
        std::panic::panic_any(msg.to_string())
    }

    fn start() -> Time {
        Time(1_780_000_000_000)
    }

    fn text(lab: &Lab, t: usize) -> String {
        lab.term(t).map(|x| x.screen.text()).unwrap_or_default()
    }

    /// Runs every execute action of a page in order, letting `secs` pass after each.
    fn click_all(lab: &mut Lab, page: usize, now: &mut Time, secs: i64) {
        let n = pages(
            lab.scenario
                .as_ref()
                .unwrap_or_else(|| unreachable_test("no lesson")),
        )
        .get(page)
        .map_or(0, |s| s.page.actions.len());
        for i in 0..n {
            lab.action(page, i);
            for _ in 0..secs * 5 {
                *now = now.plus(200);
                lab.tick(*now);
            }
        }
    }

    #[test]
    fn kubectl_edit_opens_the_editor_and_waits_for_done() {
        let mut now = start();
        let mut lab = Lab::fresh(None, 7, now);
        lab.type_line(0, "kubectl create deployment web --image=nginx");
        lab.type_line(0, "kubectl edit deploy web");
        assert!(lab.host().busy());
        assert_eq!(lab.edit_requests, 1);
        let b = lab
            .editor
            .current()
            .cloned()
            .unwrap_or_else(|| unreachable_test("no tab"));
        assert!(b.path.starts_with("/tmp/kubectl-edit-") && b.path.ends_with(".yaml"));
        assert_eq!(b.waiting, Some(0));
        assert!(b.text.starts_with("# Please edit the object below."));
        // Time passes: kubectl keeps waiting.
        now = now.plus(1000);
        lab.tick(now);
        assert!(lab.host().busy());
        lab.editor
            .edit(&b.text.replace("replicas: 1", "replicas: 2"));
        let i = lab.editor.active.unwrap_or(0);
        assert_eq!(lab.editor_done(i), Ok(()));
        assert!(!lab.host().busy());
        assert!(lab.editor.buffers.is_empty());
        assert!(text(&lab, 0).ends_with("deployment.apps/web edited\n"));
        // Closing the tab without saving: nothing changed.
        lab.type_line(0, "vi notes.txt; echo vi=$?");
        assert_eq!(lab.editor.current().and_then(|b| b.waiting), Some(0));
        lab.close_file(0);
        assert!(text(&lab, 0).ends_with("vi=0\n"));
        // Ctrl-C: the command stops, the file stays open as a file.
        lab.type_line(0, "kubectl edit deploy web");
        lab.interrupt(0, "");
        assert!(!lab.host().busy());
        assert_eq!(lab.editor.current().map(|b| b.waiting), Some(None));
        assert_eq!(lab.edit_requests, 3);
    }

    #[test]
    fn walks_the_spanish_lesson() {
        let s = scenario();
        let mut now = start();
        let mut lab = Lab::fresh(Some(s.clone()), 7, now);
        assert_eq!(lab.page_count(), 3);
        assert_eq!(lab.progress(), (0, 4));
        assert!(lab
            .host()
            .fs()
            .read("/root/manifests/web-clusterip-svc.yaml")
            .is_ok_and(|t| t.contains("web-service")));
        lab.enter(1);
        click_all(&mut lab, 1, &mut now, 4);
        let out = text(&lab, 0);
        assert!(out.contains("deployment.apps/web created"), "{out}");
        assert!(out.contains("service/web-service created"), "{out}");
        assert!(
            out.contains("Name:\tweb-headless") || out.contains("web-headless"),
            "{out}"
        );
        assert_eq!(lab.progress(), (4, 4), "{out}");
        assert!(lab.page_done(1));
        assert_eq!(
            lab.editor.active_path().as_deref(),
            Some("/root/manifests/web-clusterip-svc.yaml")
        );
    }

    #[test]
    fn a_busy_loop_gets_more_turns_while_the_frame_has_time() {
        let mut now = start();
        let mut lab = Lab::fresh(None, 3, now);
        lab.type_line(0, "for i in $(seq 5000); do echo $i; done | tail -1");
        assert!(lab.host().busy());
        // One tick without frame time: one turn of 200 iterations more, still busy.
        now = now.plus(200);
        lab.tick(now);
        assert!(lab.host().busy());
        // With time for 40 more turns it ends in this tick.
        let mut turns = 0;
        lab.tick_for(now.plus(200), &mut || {
            turns += 1;
            turns <= 40
        });
        assert!(!lab.host().busy());
        assert!(
            text(&lab, 0).ends_with("| tail -1\n5000\n"),
            "{}",
            text(&lab, 0)
        );
    }

    #[test]
    fn second_terminal_shares_the_host() {
        let mut now = start();
        let mut lab = Lab::fresh(None, 3, now);
        assert!(lab.ensure_term(1));
        lab.type_line(1, "kubectl get pods -w");
        assert!(lab.extra[0].session.busy());
        lab.type_line(0, "kubectl run p --image=nginx");
        lab.type_line(0, "echo hi > /root/f.txt");
        for _ in 0..40 {
            now = now.plus(200);
            lab.tick(now);
        }
        let t2 = text(&lab, 1);
        assert!(t2.contains("p      0/1     ContainerCreating"), "{t2}");
        assert!(t2.contains("Running"), "{t2}");
        lab.type_line(1, "cat f.txt");
        assert!(lab.extra[0].queue.len() == 1, "typed ahead while -w runs");
        lab.interrupt(1, "");
        assert!(!lab.extra[0].session.busy());
        assert!(lab.extra[0].queue.is_empty(), "Ctrl-C drops type-ahead");
        lab.type_line(1, "cat f.txt");
        assert!(
            text(&lab, 1).ends_with("hi\nroot@kind-control-plane:~# cat f.txt\nhi\n")
                || text(&lab, 1).contains("cat f.txt\nhi\n"),
            "{}",
            text(&lab, 1)
        );
        assert_eq!(
            lab.host().history().last().map(String::as_str),
            Some("echo hi > /root/f.txt")
        );
        assert_eq!(
            lab.extra[0].session.history().last().map(String::as_str),
            Some("cat f.txt")
        );
    }

    #[test]
    fn restart_step_rewinds_cluster_and_files() {
        let s = scenario();
        let mut now = start();
        let mut lab = Lab::fresh(Some(s), 5, now);
        lab.enter(1);
        lab.type_line(
            0,
            "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0",
        );
        lab.type_line(0, "rm -r manifests");
        for _ in 0..10 {
            now = now.plus(200);
            lab.tick(now);
        }
        assert!(lab
            .host()
            .cluster()
            .store()
            .get_named("Deployment", "default", "web")
            .is_some());
        lab.restart_page("-- restarted --")
            .unwrap_or_else(|e| unreachable_test(&e));
        assert!(lab
            .host()
            .cluster()
            .store()
            .get_named("Deployment", "default", "web")
            .is_none());
        assert!(lab
            .host()
            .fs()
            .read("/root/manifests/dnsutils.yaml")
            .is_ok());
        assert!(text(&lab, 0).ends_with("-- restarted --\n"));
        assert_eq!(lab.host().history().len(), 2, "history is kept");
    }

    #[test]
    fn completion_and_listing() {
        let now = start();
        let mut lab = Lab::fresh(None, 1, now);
        lab.complete(0, "kubectl get deploym", 19, false);
        assert_eq!(
            lab.main.input.as_ref().map(|i| i.1.as_str()),
            Some("kubectl get deployments ")
        );
        lab.complete(0, "kubectl ge", 10, false);
        assert_eq!(
            lab.main.input.as_ref().map(|i| i.1.as_str()),
            Some("kubectl get ")
        );
        lab.complete(0, "kubectl a", 9, true);
        let out = text(&lab, 0);
        assert!(out.contains("annotate") && out.contains("apply"), "{out}");
    }

    fn synthetic() -> Rc<Scenario> {
        let mut files: lesson::Files = BTreeMap::new();
        files.insert(
            "index.json".into(),
            br#"{"title": "t", "details": {"steps": [{"text": "s.md", "verify": "test -f /root/app.yaml"}]}}"#.to_vec(),
        );
        files.insert(
            "s.md".into(),
            concat!(
                "`kubectl get pods -w`{{execute T2}}\n\n",
                "`echo hello`{{execute interrupt T2}}\n\n",
                "`kubectl get no`{{execute no-newline}}\n\n",
                "`secret text`{{copy}}\n\n",
                "<pre class=\"file\" data-filename=\"app.yaml\" data-target=\"replace\">a: 1\n</pre>\n\n",
                "<pre class=\"file\" data-filename=\"app.yaml\" data-target=\"append\">b: 2\n</pre>\n\n",
                "`app.yaml`{{open}}\n\n",
                "`^C`{{execute ctrl-seq T2}}\n",
            )
            .as_bytes()
            .to_vec(),
        );
        match Scenario::from_files("syn", &files) {
            Ok(s) => Rc::new(s),
            Err(e) => unreachable_test(&e.to_string()),
        }
    }

    #[test]
    fn every_kind_of_action() {
        let mut lab = Lab::fresh(Some(synthetic()), 4, start());
        assert_eq!(lab.page_count(), 1);
        assert_eq!(lab.progress(), (0, 1));
        // T2: a second terminal, running a watch.
        assert_eq!(lab.action(0, 0), Effect::Terminal(1));
        assert_eq!(lab.term_count(), 2);
        assert!(lab.extra[0].session.busy());
        // interrupt: Ctrl-C first, then the command.
        lab.action(0, 1);
        assert!(!lab.extra[0].session.busy());
        assert!(
            text(&lab, 1).contains("^C\nroot@kind-control-plane:~# echo hello\nhello\n"),
            "{}",
            text(&lab, 1)
        );
        // no-newline: on the input line, not run.
        assert_eq!(lab.action(0, 2), Effect::Terminal(0));
        assert_eq!(
            lab.main.input.as_ref().map(|i| (i.1.as_str(), i.2)),
            Some(("kubectl get no", 14))
        );
        assert!(!text(&lab, 0).contains("kubectl get no"));
        // copy.
        assert_eq!(lab.action(0, 3), Effect::Copy("secret text".into()));
        // copy-to-editor blocks: replace, then append; the file opens in the editor.
        assert_eq!(lab.action(0, 4), Effect::Editor);
        assert_eq!(lab.host().fs().read("/root/app.yaml"), Ok("a: 1\n"));
        lab.action(0, 5);
        assert_eq!(lab.host().fs().read("/root/app.yaml"), Ok("a: 1\nb: 2\n"));
        assert_eq!(
            lab.editor.current().map(|b| b.text.as_str()),
            Some("a: 1\nb: 2\n")
        );
        assert_eq!(lab.action(0, 6), Effect::Editor);
        assert_eq!(lab.editor.buffers.len(), 1);
        // ctrl-seq ^C in T2.
        lab.action(0, 0);
        assert!(lab.extra[0].session.busy());
        lab.action(0, 7);
        assert!(!lab.extra[0].session.busy());
        // The verify script runs on a copy of the lab.
        assert_eq!(lab.verify(), Some(true));
        assert_eq!(lab.progress(), (1, 1));
        assert!(lab.page_done(0));
        // Out of range: nothing.
        assert_eq!(lab.action(0, 99), Effect::None);
        assert_eq!(lab.action(9, 0), Effect::None);
    }

    #[test]
    fn columns_like_bash() {
        let items: Vec<String> = ["a", "bb", "ccc", "d"].map(String::from).to_vec();
        assert_eq!(columns(&items, 10), "a    ccc\nbb   d");
        assert_eq!(columns(&[], 10), "");
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("manifests/a.yaml"), "manifests/a.yaml");
        assert_eq!(shell_quote("my file"), "'my file'");
    }
}
