//! The one app state, changed only through actions (Yew's `Reducible`). The lab (sessions,
//! screens, editor, progress) is a shared cell: a reduce that changes it returns a new `Rc`
//! with a bumped generation so Yew re-renders, and each component re-renders only when its
//! own generation in the lab moved.

use super::platform;
use crate::clock::Clock;
use crate::i18n::{Lang, T};
use crate::lab::{pages, Effect, Lab};
use crate::persist::{self, Prefs};
use crate::route::{self, Route, StepRef};
use lesson::{Course, Scenario};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// How long (wall ms) a clock tick may give a busy command more turns: a loop of 20,000
/// iterations (200 per turn) then ends in a few ticks, and the page keeps most of its frames.
const TURNS_MS: f64 = 12.0;
use yew::Reducible;

/// How often a changed lab is saved at most, in milliseconds.
const SAVE_EVERY_MS: f64 = 1500.0;
/// A saved lab this big that the storage refuses is not tried again until its cluster is half
/// the size: serializing it costs tens of milliseconds. A smaller one is tried at each save
/// (the learner may free some space).
const BIG_LAB_BYTES: usize = 1_000_000;

/// The top pane's tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Cluster,
    Editor,
}

/// What should get the keyboard focus next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    None,
    Terminal,
    Editor,
}

/// A message shown until dismissed (errors) or for a while (toasts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Unique.
    pub id: u64,
    pub text: String,
    /// Errors stay until dismissed and are announced assertively.
    pub error: bool,
    /// Wall time it goes away (toasts).
    pub until: Option<u64>,
}

/// Everything the UI shows.
#[derive(Clone)]
pub struct AppState {
    /// The course (lessons/structure.json).
    pub course: Option<Rc<Course>>,
    /// Lessons loaded so far, by id.
    pub scenarios: BTreeMap<String, Rc<Scenario>>,
    /// The lab of the lesson shown.
    pub lab: Option<Rc<RefCell<Lab>>>,
    /// A lesson being fetched, and the page the URL asked for.
    pub loading: Option<(String, Option<StepRef>)>,
    /// Why the lesson could not be loaded.
    pub load_error: Option<String>,
    /// The learner's choices.
    pub prefs: Prefs,
    /// Wall time to virtual time.
    pub clock: Clock,
    /// Messages.
    pub notices: Vec<Notice>,
    /// The top pane's tab.
    pub tab: Tab,
    /// A focus request: serial and target.
    pub focus: (u64, Focus),
    /// Bumped on every visible change.
    pub generation: u64,
    last_save: f64,
    /// structure.json arrived or failed.
    course_done: bool,
    /// How long the last save took, in milliseconds.
    save_cost: f64,
    save_error: Option<String>,
    /// How many objects the cluster held when a lab of [`BIG_LAB_BYTES`] or more found the
    /// browser's storage full: the lab is not serialized again (tens of milliseconds, every few
    /// seconds, to fail) until the cluster is half that size.
    too_big: Option<usize>,
    serial: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &AppState) -> bool {
        self.generation == other.generation
    }
}

/// What can happen.
pub enum Action {
    /// structure.json arrived (or not).
    CourseLoaded(Result<Course, String>),
    /// A lesson's files arrived and were parsed (or not).
    LessonLoaded(String, Result<Box<Scenario>, String>),
    /// Open another lesson.
    PickLesson(String),
    /// The URL's fragment changed.
    Navigate(Route),
    /// The clock ticked.
    Tick,
    /// Enter on a line in terminal N.
    Enter(usize, String),
    /// Lines pasted in terminal N (each runs in turn).
    Paste(usize, Vec<String>),
    /// Ctrl-C in terminal N, with what was typed.
    Interrupt(usize, String),
    /// Ctrl-L.
    ClearScreen(usize),
    /// Tab: terminal, line, cursor (characters), list the candidates.
    Complete(usize, String, usize, bool),
    /// Show terminal N.
    SelectTerm(usize),
    /// Open another terminal.
    NewTerm,
    /// Close terminal N.
    CloseTerm(usize),
    /// A click on a lesson action: page, index.
    LessonAction(usize, usize),
    /// Show a page.
    GoPage(usize),
    /// Run the page's verify script.
    Verify,
    /// Back to the snapshot of the page.
    RestartStep,
    /// The lesson from scratch.
    ResetLesson,
    /// The editor's text changed.
    EditorInput(String),
    /// Ctrl-S.
    EditorSave,
    /// Save and `kubectl apply -f`.
    EditorApply,
    /// Open a path.
    EditorOpen(String),
    /// Show tab N.
    EditorShow(usize),
    /// Close tab N.
    EditorClose(usize),
    /// Save and close tab N, a file a command waits for ("Done").
    EditorDone(usize),
    /// UI language (None: the lesson's).
    SetLang(Option<Lang>),
    /// `auto`, `light`, `dark`.
    SetTheme(String),
    /// Clock speed.
    SetSpeed(f64),
    /// Lesson panel width, percent.
    SetSplit(f64),
    /// Top pane height, percent.
    SetTermSplit(f64),
    /// Top pane tab.
    SetTab(Tab),
    /// Dismiss a notice.
    Dismiss(u64),
    /// Save now (the page is being hidden or closed).
    SaveNow,
}

impl AppState {
    /// The state at start: preferences from storage, nothing loaded yet.
    pub fn new() -> AppState {
        let mut notices = Vec::new();
        let prefs = match platform::load(persist::PREFS_KEY) {
            Ok(Some(text)) => persist::decode_prefs(&text).unwrap_or_else(|e| {
                notices.push(Notice {
                    id: 1,
                    text: Lang::Es.fmt(T::LoadStateFailed, &[&e]),
                    error: true,
                    until: None,
                });
                Prefs::default()
            }),
            _ => Prefs::default(),
        };
        let route = route::parse(&platform::hash());
        let tab = if prefs.tab == "editor" {
            Tab::Editor
        } else {
            Tab::Cluster
        };
        let mut clock = Clock::new(crate::clock::wall_now());
        clock.set_speed(prefs.speed);
        AppState {
            course: None,
            scenarios: BTreeMap::new(),
            lab: None,
            // The URL's lesson loads at once; without one, the course decides.
            loading: route.map(|r| (r.lesson, r.step)),
            load_error: None,
            prefs,
            clock,
            notices,
            tab,
            focus: (0, Focus::None),
            generation: 0,
            last_save: 0.0,
            course_done: false,
            save_cost: 0.0,
            save_error: None,
            too_big: None,
            serial: 10,
        }
    }

    /// The UI language: the learner's choice, else the lesson's.
    pub fn lang(&self) -> Lang {
        if let Some(l) = &self.prefs.lang {
            return Lang::from_code(l);
        }
        let lesson_lang = self
            .lab
            .as_ref()
            .and_then(|l| l.borrow().scenario.as_ref().map(|s| s.language.clone()))
            .or_else(|| {
                self.loading
                    .as_ref()
                    .and_then(|(id, _)| self.scenarios.get(id).map(|s| s.language.clone()))
            });
        Lang::from_code(lesson_lang.as_deref().unwrap_or("es"))
    }

    fn notify(&mut self, text: String, error: bool) {
        self.serial += 1;
        if self.notices.iter().any(|n| n.text == text) {
            return;
        }
        let until = (!error).then(|| (platform::wall_ms() + 3000.0) as u64);
        self.notices.push(Notice {
            id: self.serial,
            text,
            error,
            until,
        });
    }

    fn focus(&mut self, f: Focus) {
        self.focus = (self.focus.0 + 1, f);
    }

    fn save_prefs(&mut self) {
        let text = persist::encode_prefs(&self.prefs);
        if let Err(e) = platform::store(persist::PREFS_KEY, &text) {
            let msg = self.lang().fmt(T::SaveFailed, &[&e.to_string()]);
            self.notify(msg, true);
        }
    }

    /// Saves the lab (and new snapshots) if it changed; `force` skips the rate limit.
    fn save_lab(&mut self, force: bool) {
        let Some(lab) = self.lab.clone() else {
            return;
        };
        let now = platform::wall_ms();
        // A big cluster takes longer to save: save it less often (at most 5% of the time).
        let every = SAVE_EVERY_MS.max(self.save_cost * 20.0);
        if !force && now - self.last_save < every {
            return;
        }
        // Before the lab is borrowed: the language is read from it.
        let lang = self.lang();
        let mut lab = lab.borrow_mut();
        if !lab.dirty && lab.unsaved_snapshots.is_empty() {
            return;
        }
        self.last_save = now;
        let id = lab.lesson_id.clone();
        let mut result = Ok(());
        let pending: Vec<usize> = lab.unsaved_snapshots.iter().copied().collect();
        for p in pending {
            let Some((_, snap)) = lab.snapshots.iter_mut().find(|(q, _)| *q == p) else {
                continue;
            };
            match snap
                .document()
                .map(|doc| platform::store(&persist::snapshot_key(&id, p), doc))
            {
                Ok(Ok(())) => {
                    lab.unsaved_snapshots.remove(&p);
                }
                Ok(Err(e)) => result = Err(lang.fmt(T::SaveFailed, &[&e.to_string()])),
                Err(e) => result = Err(lang.fmt(T::SaveFailed, &[&e])),
            }
        }
        let objects = lab.host().state().cluster.store().len();
        let fits = self.too_big.is_none_or(|n| objects.saturating_mul(2) <= n);
        if lab.dirty && fits {
            match persist::encode_lab(&lab)
                .map(|text| (text.len(), platform::store(&persist::lab_key(&id), &text)))
            {
                Ok((_, Ok(()))) => {
                    lab.dirty = false;
                    self.too_big = None;
                }
                Ok((bytes, Err(platform::StoreError::Full))) if bytes >= BIG_LAB_BYTES => {
                    self.too_big = Some(objects);
                    let mb = format!("{:.1}", bytes as f64 / 1e6);
                    result = Err(lang.fmt(T::TooBigToSave, &[&objects.to_string(), &mb]));
                }
                Ok((_, Err(e))) => result = Err(lang.fmt(T::SaveFailed, &[&e.to_string()])),
                Err(e) => result = Err(lang.fmt(T::SaveFailed, &[&e])),
            }
        }
        drop(lab);
        self.save_cost = platform::wall_ms() - now;
        match result {
            Ok(()) => self.save_error = None,
            Err(e) => {
                if self.save_error.as_ref() != Some(&e) {
                    self.save_error = Some(e.clone());
                    self.notify(e, true);
                }
            }
        }
    }

    /// Opens the lab of a loaded lesson: the stored one, else a fresh one.
    fn open_lab(&mut self, scenario: Rc<Scenario>, step: Option<StepRef>) {
        self.save_lab(true);
        let id = scenario.id.clone();
        let key = persist::lab_key(&id);
        let stored = match platform::load(&key) {
            Ok(v) => v,
            Err(e) => {
                self.notify(self.lang().fmt(T::LoadStateFailed, &[&e]), true);
                None
            }
        };
        let mut lab = None;
        if let Some(text) = stored {
            match persist::decode_lab(&text) {
                Ok(saved) => {
                    let mut snaps = Vec::new();
                    for p in &saved.snapshots {
                        if let Ok(Some(t)) = platform::load(&persist::snapshot_key(&id, *p)) {
                            if persist::snapshot_readable(&t) {
                                snaps.push((*p, persist::Snapshot::Stored(t)));
                            }
                        }
                    }
                    lab = Some(persist::restore_lab(saved, Some(scenario.clone()), snaps));
                }
                Err(e) => {
                    // Kept aside for a bug report, then replaced by a fresh lab.
                    let _ = platform::store(&format!("kubeplay.broken.lab.{id}"), &text);
                    let lang = Lang::from_code(&scenario.language);
                    let lang = self.prefs.lang.as_deref().map_or(lang, Lang::from_code);
                    self.notify(lang.fmt(T::LoadStateFailed, &[&e]), true);
                }
            }
        }
        let mut lab = lab.unwrap_or_else(|| {
            for k in platform::keys(&format!("kubeplay.snap.{id}.")) {
                platform::remove(&k);
            }
            let now = crate::clock::wall_now();
            Lab::fresh(Some(scenario.clone()), now.0 as u64 ^ 0x9e37_79b9, now)
        });
        if let Some(step) = step {
            let has_intro = !scenario.intro.page.html.trim().is_empty();
            let has_finish = !scenario.finish.page.html.trim().is_empty();
            let page = route::page_of(&step, has_intro, scenario.steps.len(), has_finish);
            if page != lab.page {
                lab.enter(page);
            }
        }
        self.clock = Clock::new(lab.now());
        self.clock.set_speed(self.prefs.speed);
        self.lab = Some(Rc::new(RefCell::new(lab)));
        self.prefs.lesson = Some(id);
        self.save_prefs();
        self.load_error = None;
        self.loading = None;
        // Saved by the next autosave, not now: a lab just opened holds nothing the learner
        // could lose, and saving it (serializing the cluster) would delay the first prompt.
        self.last_save = platform::wall_ms();
        platform::mark("kp-lab");
    }

    fn with_lab<R>(&self, f: impl FnOnce(&mut Lab) -> R) -> Option<R> {
        self.lab.as_ref().map(|l| f(&mut l.borrow_mut()))
    }
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if platform::dead() {
            return self;
        }
        let mut s = (*self).clone();
        let asked = s.with_lab(|l| l.edit_requests);
        match action {
            Action::Tick => {
                let now = s.clock.now();
                // A busy loop gets more turns within 12 ms of this tick's frame.
                let deadline = platform::wall_ms() + TURNS_MS;
                let mut more = || platform::wall_ms() < deadline;
                let changed = s.with_lab(|l| l.tick_for(now, &mut more)).unwrap_or(false);
                let wall = platform::wall_ms() as u64;
                let before = s.notices.len();
                s.notices.retain(|n| n.until.is_none_or(|u| u > wall));
                let dirty = s.with_lab(|l| l.dirty || !l.unsaved_snapshots.is_empty());
                if dirty == Some(true) {
                    s.save_lab(false);
                }
                if !changed && before == s.notices.len() {
                    // Keep the same Rc: nothing to redraw (the save bookkeeping is
                    // recomputed next tick).
                    if s.last_save != self.last_save || s.save_error != self.save_error {
                        s.generation += 1;
                        return Rc::new(s);
                    }
                    return self;
                }
            }
            Action::CourseLoaded(r) => {
                s.course_done = true;
                match r {
                    Ok(c) => {
                        if s.loading.is_none() && s.lab.is_none() {
                            let first = s
                                .prefs
                                .lesson
                                .clone()
                                .filter(|l| c.lessons.iter().any(|e| &e.path == l))
                                .or_else(|| c.lessons.first().map(|e| e.path.clone()));
                            if let Some(id) = first {
                                s.loading = Some((id, None));
                            }
                        }
                        s.course = Some(Rc::new(c));
                    }
                    Err(e) => {
                        let msg = s.lang().fmt(T::CourseFailed, &[&e]);
                        s.notify(msg, true);
                        if s.loading.is_none() && s.lab.is_none() {
                            s.loading = Some(("servicios-es".into(), None));
                        }
                    }
                }
            }
            Action::LessonLoaded(id, r) => {
                let step = match &s.loading {
                    Some((l, step)) if *l == id => step.clone(),
                    _ => return self,
                };
                match r {
                    Ok(scenario) => {
                        let sc = Rc::new(*scenario);
                        s.scenarios.insert(id, sc.clone());
                        s.open_lab(sc, step);
                    }
                    Err(e) => {
                        let fallback = s
                            .course
                            .as_ref()
                            .and_then(|c| c.lessons.first().map(|l| l.path.clone()))
                            .filter(|first| *first != id && s.lab.is_none());
                        if let Some(first) = fallback {
                            // A link to a lesson that is not there: say so, open the first one.
                            let msg = s.lang().fmt(T::LoadFailed, &[&e]);
                            s.notify(msg, true);
                            s.loading = Some((first, None));
                            s.generation += 1;
                            return Rc::new(s);
                        }
                        if !s.course_done && s.lab.is_none() {
                            // The course decides once it arrives.
                            let msg = s.lang().fmt(T::LoadFailed, &[&e]);
                            s.notify(msg, true);
                            s.loading = None;
                            s.generation += 1;
                            return Rc::new(s);
                        }
                        s.load_error = Some(e);
                        s.loading = None;
                        if s.lab.is_none() {
                            // A working terminal even without the lesson.
                            let now = crate::clock::wall_now();
                            let lab = Lab::fresh(None, now.0 as u64, now);
                            s.clock = Clock::new(lab.now());
                            s.clock.set_speed(s.prefs.speed);
                            s.lab = Some(Rc::new(RefCell::new(lab)));
                        }
                    }
                }
            }
            Action::PickLesson(id) => {
                let current = s.lab.as_ref().map(|l| l.borrow().lesson_id.clone());
                if current.as_deref() == Some(id.as_str()) {
                    return self;
                }
                s.save_lab(true);
                match s.scenarios.get(&id).cloned() {
                    Some(sc) => {
                        s.loading = Some((id, None));
                        s.open_lab(sc, None);
                    }
                    None => s.loading = Some((id, None)),
                }
            }
            Action::Navigate(r) => {
                let current = s.lab.as_ref().map(|l| l.borrow().lesson_id.clone());
                if current.as_deref() == Some(r.lesson.as_str()) {
                    if let (Some(step), Some(sc)) = (
                        r.step,
                        s.lab.as_ref().and_then(|l| l.borrow().scenario.clone()),
                    ) {
                        let has_intro = !sc.intro.page.html.trim().is_empty();
                        let has_finish = !sc.finish.page.html.trim().is_empty();
                        let page = route::page_of(&step, has_intro, sc.steps.len(), has_finish);
                        s.with_lab(|l| {
                            if l.page != page {
                                l.enter(page)
                            }
                        });
                    }
                } else {
                    s.save_lab(true);
                    match s.scenarios.get(&r.lesson).cloned() {
                        Some(sc) => {
                            s.loading = Some((r.lesson.clone(), r.step.clone()));
                            s.open_lab(sc, r.step);
                        }
                        None => s.loading = Some((r.lesson, r.step)),
                    }
                }
            }
            Action::Enter(t, line) => {
                s.with_lab(|l| {
                    l.active = t;
                    l.type_line(t, &line)
                });
            }
            Action::Paste(t, lines) => {
                s.with_lab(|l| {
                    for line in &lines {
                        l.type_line(t, line);
                    }
                });
            }
            Action::Interrupt(t, typed) => {
                s.with_lab(|l| l.interrupt(t, &typed));
            }
            Action::ClearScreen(t) => {
                s.with_lab(|l| l.clear_screen(t));
            }
            Action::Complete(t, text, cursor, list) => {
                s.with_lab(|l| l.complete(t, &text, cursor, list));
            }
            Action::SelectTerm(t) => {
                s.with_lab(|l| {
                    if t < l.term_count() {
                        l.active = t;
                    }
                });
                s.focus(Focus::Terminal);
            }
            Action::NewTerm => {
                s.with_lab(|l| {
                    let n = l.term_count();
                    if l.ensure_term(n) {
                        l.active = n;
                    }
                });
                s.focus(Focus::Terminal);
            }
            Action::CloseTerm(t) => {
                s.with_lab(|l| l.close_term(t));
            }
            Action::LessonAction(page, index) => {
                let effect = s.with_lab(|l| l.action(page, index));
                match effect {
                    Some(Effect::Copy(text)) => {
                        let lang = s.lang();
                        if platform::copy(&text) {
                            s.notify(lang.t(T::Copied).into(), false);
                        } else {
                            s.notify(lang.t(T::CopyFailed).into(), true);
                        }
                    }
                    Some(Effect::Editor) => {
                        s.tab = Tab::Editor;
                    }
                    Some(Effect::Terminal(t)) => {
                        let on_input = s
                            .with_lab(|l| l.term(t).is_some_and(|x| x.input.is_some()))
                            .unwrap_or(false);
                        let typed_only = s
                            .with_lab(|l| {
                                let sc = l.scenario.clone();
                                sc.and_then(|sc| {
                                    pages(&sc).get(page).and_then(|p| {
                                        p.page.actions.get(index).map(|a| {
                                            matches!(
                                                a,
                                                lesson::Action::Execute { newline: false, .. }
                                            )
                                        })
                                    })
                                })
                            })
                            .flatten()
                            .unwrap_or(false);
                        if on_input && typed_only {
                            s.focus(Focus::Terminal);
                        }
                    }
                    _ => {}
                }
            }
            Action::GoPage(p) => {
                s.with_lab(|l| l.enter(p));
            }
            Action::Verify => {
                s.with_lab(|l| l.verify());
            }
            Action::RestartStep => {
                let note = s.lang().t(T::RestartNote);
                let r = s.with_lab(|l| l.restart_page(note));
                if let Some(Err(e)) = r {
                    s.notify(e, true);
                }
                if let Some(now) = s.with_lab(|l| l.now()) {
                    s.clock = Clock::new(now);
                    s.clock.set_speed(s.prefs.speed);
                }
                s.save_lab(true);
            }
            Action::ResetLesson => {
                let Some(sc) = s.with_lab(|l| l.scenario.clone()).flatten() else {
                    return self;
                };
                let id = sc.id.clone();
                platform::remove(&persist::lab_key(&id));
                for k in platform::keys(&format!("kubeplay.snap.{id}.")) {
                    platform::remove(&k);
                }
                let note = s.lang().t(T::ResetNote);
                let now = crate::clock::wall_now();
                let mut lab = Lab::fresh(Some(sc), now.0 as u64 ^ 0x5bd1_e995, now);
                lab.note(note);
                s.clock = Clock::new(lab.now());
                s.clock.set_speed(s.prefs.speed);
                s.lab = Some(Rc::new(RefCell::new(lab)));
                s.save_lab(true);
            }
            Action::EditorInput(text) => {
                s.with_lab(|l| {
                    l.editor.edit(&text);
                    l.dirty = true;
                });
            }
            Action::EditorSave => {
                let r = s.with_lab(|l| {
                    let p = l.editor.active_path().unwrap_or_default();
                    l.save_file().map(|_| p)
                });
                let lang = s.lang();
                match r {
                    Some(Ok(p)) => s.notify(lang.fmt(T::Saved, &[&p]), false),
                    Some(Err(e)) => s.notify(e, true),
                    None => {}
                }
            }
            Action::EditorApply => {
                let r = s.with_lab(|l| l.apply_file());
                if let Some(Err(e)) = r {
                    s.notify(e, true);
                }
            }
            Action::EditorOpen(path) => {
                s.with_lab(|l| {
                    let fs = l.host().fs().clone();
                    l.editor.open(&path, &fs);
                    l.dirty = true;
                });
                s.tab = Tab::Editor;
                s.focus(Focus::Editor);
            }
            Action::EditorShow(i) => {
                s.with_lab(|l| l.editor.show(i));
            }
            Action::EditorClose(i) => {
                s.with_lab(|l| l.close_file(i));
            }
            Action::EditorDone(i) => {
                if let Some(Err(e)) = s.with_lab(|l| l.editor_done(i)) {
                    s.notify(e, true);
                }
                s.focus(Focus::Terminal);
            }
            Action::SetLang(lang) => {
                s.prefs.lang = lang.map(|l| l.code().to_string());
                s.save_prefs();
            }
            Action::SetTheme(t) => {
                s.prefs.theme = t;
                s.save_prefs();
            }
            Action::SetSpeed(x) => {
                let x = if x.is_finite() {
                    x.clamp(0.25, 100.0)
                } else {
                    1.0
                };
                s.prefs.speed = x;
                s.clock.set_speed(x);
                s.save_prefs();
            }
            Action::SetSplit(p) => {
                s.prefs.split = p.clamp(15.0, 75.0);
                s.save_prefs();
            }
            Action::SetTermSplit(p) => {
                s.prefs.term_split = p.clamp(10.0, 85.0);
                s.save_prefs();
            }
            Action::SetTab(t) => {
                s.tab = t;
                s.prefs.tab = match t {
                    Tab::Cluster => "cluster".into(),
                    Tab::Editor => "editor".into(),
                };
                s.save_prefs();
            }
            Action::Dismiss(id) => {
                s.notices.retain(|n| n.id != id);
            }
            Action::SaveNow => {
                s.save_lab(true);
                return self;
            }
        }
        // A command opened a file (`vi`, `kubectl edit`): show it.
        if s.with_lab(|l| l.edit_requests) != asked {
            s.tab = Tab::Editor;
            s.focus(Focus::Editor);
        }
        s.generation += 1;
        Rc::new(s)
    }
}
