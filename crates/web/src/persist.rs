//! What survives a reload, as versioned JSON documents (the browser keeps them in
//! localStorage): the preferences, each lesson's lab (cluster, files, terminals, progress,
//! open files) and the snapshots taken as steps are entered.
//!
//! Every document is `{"version": N, ...}`. [`migrate`] brings an older document up to
//! [`VERSION`]; a document that cannot be read is an error value, which the page reports
//! before starting afresh.

use crate::editor_model::Editor;
use crate::lab::{Lab, Progress, Term, SAVED_LINES};
use crate::terminal_model::{SavedLine, Screen};
use lesson::Scenario;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shell::{Session, SessionState};
use std::rc::Rc;

/// The format written today.
pub const VERSION: u64 = 1;

/// Where the preferences live.
pub const PREFS_KEY: &str = "kubeplay.prefs";

/// Where a lesson's lab lives.
pub fn lab_key(lesson: &str) -> String {
    format!("kubeplay.lab.{lesson}")
}

/// Where the snapshot of a lesson's page lives.
pub fn snapshot_key(lesson: &str, page: usize) -> String {
    format!("kubeplay.snap.{lesson}.{page}")
}

/// The learner's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Always [`VERSION`] when written.
    pub version: u64,
    /// `"es"`, `"en"`, or none to follow the lesson.
    pub lang: Option<String>,
    /// `"light"`, `"dark"`, or `"auto"`.
    pub theme: String,
    /// The clock's speed factor.
    pub speed: f64,
    /// The last lesson opened.
    pub lesson: Option<String>,
    /// The lesson panel's width, percent of the window.
    pub split: f64,
    /// The top pane's height, percent of the workspace.
    pub term_split: f64,
    /// The top pane's tab: `"cluster"` or `"editor"`.
    pub tab: String,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            version: VERSION,
            lang: None,
            theme: "auto".into(),
            speed: 1.0,
            lesson: None,
            split: 38.0,
            term_split: 45.0,
            tab: "cluster".into(),
        }
    }
}

/// Brings a stored document up to [`VERSION`].
pub fn migrate(doc: Value) -> Result<Value, String> {
    let version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| "no \"version\" field".to_string())?;
    match version {
        VERSION => Ok(doc),
        v if v > VERSION => Err(format!(
            "format {v} was written by a newer kubeplay (this one reads up to {VERSION})"
        )),
        // Older formats are converted here, one version at a time, when there are some.
        v => Err(format!("format {v} is no longer supported")),
    }
}

/// Reads a stored document of type `T`: its version first (cheaply), then the whole text,
/// through an older version's migration if needed. Every document is read from text with
/// the same deserializer, so the engine's (large) `Deserialize` code exists once in the wasm.
fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    #[derive(Deserialize)]
    struct Versioned {
        version: Option<u64>,
    }
    let v: Versioned = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    if v.version == Some(VERSION) {
        return serde_json::from_str(text).map_err(|e| e.to_string());
    }
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let doc = migrate(doc)?;
    serde_json::from_str(&doc.to_string()).map_err(|e| e.to_string())
}

/// Reads the preferences.
pub fn decode_prefs(text: &str) -> Result<Prefs, String> {
    read(text)
}

/// Writes the preferences.
pub fn encode_prefs(p: &Prefs) -> String {
    let mut p = p.clone();
    p.version = VERSION;
    serde_json::to_string(&p).unwrap_or_default()
}

/// A terminal other than the first, as saved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedTerm {
    /// Its history (terminal 1's is in the session).
    pub history: Vec<String>,
    /// The end of its scrollback.
    pub screen: Vec<SavedLine>,
}

/// An open file: its path and, when it has unsaved changes, its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    /// Absolute path.
    pub path: String,
    /// Unsaved text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A lab as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLab {
    /// [`VERSION`].
    pub version: u64,
    /// The lesson's id.
    pub lesson: String,
    /// The seed the cluster was made with.
    pub seed: u64,
    /// The page shown.
    pub page: usize,
    /// Checks passed, pages seen.
    pub progress: Progress,
    /// Terminal 1's session: the cluster, the files, history.
    pub session: SessionState,
    /// Every terminal's screen, and the others' history.
    pub terms: Vec<SavedTerm>,
    /// The terminal shown.
    #[serde(default)]
    pub active: usize,
    /// Open files.
    #[serde(default)]
    pub files: Vec<SavedFile>,
    /// The tab shown in the editor.
    #[serde(default)]
    pub active_file: Option<usize>,
    /// Pages with a stored snapshot.
    #[serde(default)]
    pub snapshots: Vec<usize>,
}

#[derive(Serialize)]
struct SavedLabRef<'a> {
    version: u64,
    lesson: &'a str,
    seed: u64,
    page: usize,
    progress: &'a Progress,
    session: &'a SessionState,
    terms: Vec<SavedTerm>,
    active: usize,
    files: Vec<SavedFile>,
    active_file: Option<usize>,
    snapshots: Vec<usize>,
}

/// The lab as a stored document.
pub fn encode_lab(lab: &Lab) -> Result<String, String> {
    let terms = std::iter::once(&lab.main)
        .chain(lab.extra.iter())
        .enumerate()
        .map(|(i, t)| SavedTerm {
            history: if i == 0 {
                Vec::new()
            } else {
                t.session.history().to_vec()
            },
            screen: t.screen.save(SAVED_LINES),
        })
        .collect();
    let files = lab
        .editor
        .buffers
        .iter()
        .map(|b| SavedFile {
            path: b.path.clone(),
            text: b.dirty().then(|| b.text.clone()),
        })
        .collect();
    let r = SavedLabRef {
        version: VERSION,
        lesson: &lab.lesson_id,
        seed: lab.seed,
        page: lab.page,
        progress: &lab.progress,
        session: lab.host().state(),
        terms,
        active: lab.active,
        files,
        active_file: lab.editor.active,
        snapshots: lab.snapshots.iter().map(|(p, _)| *p).collect(),
    };
    serde_json::to_string(&r).map_err(|e| e.to_string())
}

/// Reads a stored lab.
pub fn decode_lab(text: &str) -> Result<SavedLab, String> {
    read(text).map_err(|e| format!("unreadable lab: {e}"))
}

/// The lab host's state when a page was first entered. It stays a copy of the state until
/// the lab is next saved: serializing it was the slowest part of opening a lab, done before
/// the prompt showed.
#[derive(Clone, Debug)]
pub enum Snapshot {
    /// Taken, not serialized yet (a copy shares the cluster's stored objects).
    Taken(Box<SessionState>),
    /// As stored (see [`encode_snapshot`]).
    Stored(String),
}

impl Snapshot {
    /// The document to store; the state is serialized the first time.
    pub fn document(&mut self) -> Result<&str, String> {
        if let Snapshot::Taken(state) = self {
            let json = serde_json::to_string(state.as_ref()).map_err(|e| e.to_string())?;
            *self = Snapshot::Stored(encode_snapshot(&json));
        }
        match self {
            Snapshot::Stored(doc) => Ok(doc),
            Snapshot::Taken(_) => Err("snapshot not serialized".into()),
        }
    }

    /// The state it holds, as a reload would read it back (through its document, so that
    /// what serde skips is left out either way).
    pub fn state(&mut self) -> Result<SessionState, String> {
        decode_snapshot(self.document()?)
    }
}

/// A snapshot (a session state as JSON) as a stored document.
pub fn encode_snapshot(state_json: &str) -> String {
    format!("{{\"version\":{VERSION},\"state\":{state_json}}}")
}

/// Reads a stored snapshot: the session state it holds.
pub fn decode_snapshot(text: &str) -> Result<SessionState, String> {
    #[derive(Deserialize)]
    struct Snap {
        state: SessionState,
    }
    read::<Snap>(text).map(|s| s.state)
}

/// Whether a stored snapshot is of a format this version reads (checked when a lab is
/// restored; the state itself is read only when the step is restarted).
pub fn snapshot_readable(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Versioned {
        version: Option<u64>,
    }
    serde_json::from_str::<Versioned>(text).is_ok_and(|v| v.version == Some(VERSION))
}

/// Rebuilds a lab from what was stored; `snapshots` are the pages' stored snapshot
/// documents, read separately.
pub fn restore_lab(
    saved: SavedLab,
    scenario: Option<Rc<Scenario>>,
    snapshots: Vec<(usize, Snapshot)>,
) -> Lab {
    let mut lab = Lab::with_session(scenario, Session::from_state(saved.session), saved.seed);
    let count = lab.page_count();
    lab.page = if count == 0 {
        0
    } else {
        saved.page.min(count - 1)
    };
    lab.progress = saved.progress;
    for (i, t) in saved.terms.iter().enumerate() {
        if i > 0 && lab.ensure_term(i) {
            if let Some(term) = lab.extra.get_mut(i - 1) {
                let mut st = term.session.state().clone();
                st.history = t.history.clone();
                *term = Term::new(Session::from_state(st));
            }
        }
        let screen = Screen::restore(crate::lab::SCROLLBACK, &t.screen);
        if i == 0 {
            lab.main.screen = screen;
        } else if let Some(term) = lab.extra.get_mut(i - 1) {
            term.screen = screen;
        }
    }
    lab.active = saved.active.min(lab.term_count() - 1);
    let fs = lab.host().fs().clone();
    let mut editor = Editor::new(&lab.editor.root);
    for f in saved.files {
        editor.restore(&f.path, f.text, &fs);
    }
    if let Some(a) = saved.active_file {
        editor.show(a);
    }
    lab.editor = editor;
    lab.snapshots = snapshots;
    lab.unsaved_snapshots.clear();
    lab.evaluate();
    lab.dirty = false;
    lab
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster::Time;

    #[test]
    fn prefs_round_trip_and_defaults() {
        let p = Prefs {
            lang: Some("en".into()),
            speed: 4.0,
            ..Prefs::default()
        };
        assert_eq!(decode_prefs(&encode_prefs(&p)), Ok(p));
        assert_eq!(
            decode_prefs(r#"{"version":1,"theme":"dark"}"#).map(|p| p.theme),
            Ok("dark".to_string())
        );
        assert_eq!(
            decode_prefs(r#"{"version":7}"#),
            Err("format 7 was written by a newer kubeplay (this one reads up to 1)".to_string())
        );
        assert_eq!(
            decode_prefs(r#"{"theme":"dark"}"#),
            Err("no \"version\" field".to_string())
        );
        assert!(decode_prefs("{").is_err_and(|e| e.starts_with("not JSON")));
    }

    #[test]
    fn a_lab_survives_a_reload() {
        let mut now = Time(1_780_000_000_000);
        let mut lab = Lab::fresh(None, 9, now);
        lab.type_line(0, "kubectl create deployment web --image=nginx");
        lab.type_line(0, "echo hello > notes.txt");
        assert!(lab.ensure_term(1));
        lab.type_line(1, "ls");
        let fs = lab.host().fs().clone();
        lab.editor.open("notes.txt", &fs);
        lab.editor.edit("unsaved\n");
        for _ in 0..20 {
            now = now.plus(200);
            lab.tick(now);
        }
        let text = encode_lab(&lab).unwrap_or_default();
        assert!(text.starts_with("{\"version\":1,"));
        let saved = decode_lab(&text).unwrap_or_else(|e| std::panic::panic_any(e));
        let snaps = lab.snapshots.clone();
        assert!(matches!(snaps.first(), Some((0, Snapshot::Taken(_)))));
        let back = restore_lab(saved, None, snaps);
        assert_eq!(back.host().state(), lab.host().state());
        assert_eq!(back.main.screen.text(), lab.main.screen.text());
        assert_eq!(back.extra[0].screen.text(), lab.extra[0].screen.text());
        assert_eq!(back.extra[0].session.history(), ["ls".to_string()]);
        assert_eq!(
            back.editor.current().map(|b| b.text.as_str()),
            Some("unsaved\n")
        );
        assert!(back.editor.current().is_some_and(|b| b.dirty()));
        assert_eq!(back.snapshots.len(), 1);
    }

    #[test]
    fn snapshots_and_bad_documents() {
        let lab = Lab::fresh(None, 1, Time(1_780_000_000_000));
        let json = serde_json::to_string(lab.host().state()).unwrap_or_default();
        let doc = encode_snapshot(&json);
        assert!(snapshot_readable(&doc));
        assert_eq!(decode_snapshot(&doc).as_ref(), Ok(lab.host().state()));
        // The page's snapshot, serialized when first stored, is that same document.
        let mut snap = lab.snapshots.first().map(|(_, s)| s.clone());
        assert_eq!(
            snap.as_mut().map(|s| s.document().map(str::to_string)),
            Some(Ok(doc))
        );
        assert!(matches!(snap, Some(Snapshot::Stored(_))));
        assert_eq!(
            snap.map(|mut s| s.state()),
            Some(Ok(lab.host().state().clone()))
        );
        assert!(decode_snapshot(r#"{"version":1,"state":{}}"#).is_err());
        assert!(!snapshot_readable(r#"{"version":2,"state":{}}"#));
        assert!(decode_lab(r#"{"version":1,"lesson":"x"}"#)
            .is_err_and(|e| e.starts_with("unreadable lab")));
    }
}
