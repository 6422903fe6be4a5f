//! `kubectl edit`'s loop (editoptions.go `Run`): write the objects to a temporary file, run
//! the editor, read the file back, validate it, patch what changed, and reopen the file with
//! the failures in its header until the edit succeeds or is cancelled.

use super::edit_file::{has_lines, header, manual_strip, strip_comments, validate, Reason};
use super::edit_patch::{apply, changes_identity, go_sharp_v, two_way, CHANGED_IDENTITY};
use super::editor::Launcher;
use super::{manifest, resource};
use crate::context::Cx;
use crate::exec::Machine;
use crate::io::Io;
use crate::programs::{Run, Waiter};
use cluster::kind::{self, ResourceType};
use cluster::object::{self, Object};
use cluster::{ApiError, Time};
use serde_json::{json, Value};

/// The format of the temporary file (and of `-o`'s printer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// YAML with the comment header.
    Yaml,
    /// JSON, without a header.
    Json,
}

impl Format {
    fn print(self, v: &Value) -> String {
        match self {
            Format::Yaml => crate::printers::to_yaml(v),
            Format::Json => crate::printers::to_json(v),
        }
    }
}

/// What happens after the editor closed the file.
enum Next {
    /// kubectl ends with this status.
    Done(i32),
    /// The file is reopened with this text.
    Again(String),
}

/// One `kubectl edit` in progress.
pub struct EditSession {
    originals: Vec<(&'static ResourceType, Object)>,
    format: Format,
    printer: Option<Format>,
    output_patch: bool,
    namespace: String,
    launcher: Launcher,
    /// The first file's text.
    original: String,
    /// The text the editor last saved.
    edited: String,
    contains_error: bool,
    /// The file of the previous pass (kept when something failed).
    results_file: String,
    reasons: Vec<Reason>,
    /// The file the editor has open.
    file: String,
    editor: Option<Machine>,
}

impl EditSession {
    /// An edit of `originals` (as fetched).
    pub fn new(
        originals: Vec<(&'static ResourceType, Object)>,
        format: Format,
        printer: Option<Format>,
        output_patch: bool,
        namespace: String,
        launcher: Launcher,
    ) -> EditSession {
        EditSession {
            originals,
            format,
            printer,
            output_patch,
            namespace,
            launcher,
            original: String::new(),
            edited: String::new(),
            contains_error: false,
            results_file: String::new(),
            reasons: Vec::new(),
            file: String::new(),
            editor: None,
        }
    }

    /// Writes the first file and opens the editor.
    pub fn start(mut self, cx: &mut Cx, io: &mut Io) -> Run {
        let object = match self.originals.as_slice() {
            [(_, one)] => one.clone(),
            many => json!({
                "apiVersion": "v1",
                "items": many.iter().map(|(_, o)| o.clone()).collect::<Vec<_>>(),
                "kind": "List",
                "metadata": {},
            }),
        };
        let mut buf = self.header();
        buf.push_str(&self.format.print(&object));
        self.original = buf.clone();
        if let Err(e) = self.launch(cx, buf) {
            return Run::Done(preserved(cx, io, &e, ""));
        }
        if !cx.may_block {
            // Inside `$(...)`: one pass, nothing waits.
            let st = self.poll(cx, io).unwrap_or(0);
            return Run::Done(st);
        }
        Run::Wait(Box::new(self))
    }

    fn header(&self) -> String {
        match self.format {
            Format::Yaml => header(&self.reasons),
            Format::Json => String::new(),
        }
    }

    /// `LaunchTempFile`: a new `/tmp/kubectl-edit-<digits>.<ext>` and the editor on it.
    fn launch(&mut self, cx: &mut Cx, buf: String) -> Result<(), String> {
        let ext = match self.format {
            Format::Yaml => "yaml",
            Format::Json => "json",
        };
        let digits = cx.cluster.random_below(1 << 32);
        let path = format!("/tmp/kubectl-edit-{digits}.{ext}");
        cx.fs
            .put(&path, &buf)
            .map_err(|e| format!("open {path}: {}", e.text().to_lowercase()))?;
        self.file = path.clone();
        self.editor = Some(self.launcher.launch(cx, &path)?);
        Ok(())
    }

    /// The first original object (kubectl names it in validation failures).
    fn first(&self) -> (String, String) {
        self.originals
            .first()
            .map(|(rt, o)| (rt.qualified_plural(), object::name(o).to_string()))
            .unwrap_or_default()
    }

    fn reopen(&self) -> String {
        let mut buf = self.header();
        buf.push_str(&manual_strip(&self.edited));
        buf
    }

    /// What kubectl does once the editor has exited successfully.
    fn after_edit(&mut self, cx: &mut Cx, io: &mut Io) -> Next {
        let edited = match cx.fs.read(&self.file) {
            Ok(t) => t.to_string(),
            Err(e) => {
                let msg = format!("open {}: {}", self.file, e.text().to_lowercase());
                return Next::Done(preserved(cx, io, &msg, &self.results_file));
            }
        };
        let previous = std::mem::replace(&mut self.edited, edited.clone());
        if self.contains_error && strip_comments(&previous) == strip_comments(&edited) {
            let msg = "Edit cancelled, no valid changes were saved.";
            return Next::Done(preserved(cx, io, msg, &self.file));
        }
        if !self.results_file.is_empty() {
            let _ = cx.fs.remove(&self.results_file, false);
        }
        if let Err(e) = validate(&edited) {
            self.results_file = self.file.clone();
            self.contains_error = true;
            let (plural, name) = self.first();
            io.eprintln(format!("error: {plural} \"{name}\" is invalid"));
            self.reasons = vec![Reason {
                head: format!("{plural} \"{name}\" was not valid"),
                other: vec![format!(
                    "<nil>: Invalid value: \"The edited file failed validation\": {e}"
                )],
            }];
            return Next::Again(self.reopen());
        }
        if strip_comments(&self.original) == strip_comments(&edited) {
            let _ = cx.fs.remove(&self.file, false);
            io.eprintln("Edit cancelled, no changes made.");
            return Next::Done(0);
        }
        if !has_lines(&edited) {
            let _ = cx.fs.remove(&self.file, false);
            io.eprintln("Edit cancelled, saved file was empty.");
            return Next::Done(0);
        }
        self.results_file = self.file.clone();
        self.reasons.clear();
        let updated = match parse(&edited) {
            Ok(u) => u,
            Err(e) => {
                self.contains_error = true;
                self.reasons.push(Reason {
                    head: format!("The edited file had a syntax error: {e}"),
                    other: Vec::new(),
                });
                return Next::Again(self.reopen());
            }
        };
        self.contains_error = false;
        // RequireNamespace: the namespace may not change.
        for (rt, obj) in &updated {
            let ns = object::str_at(obj, &["metadata", "namespace"]).unwrap_or("");
            if rt.namespaced && !ns.is_empty() && ns != self.namespace {
                let msg = format!("the namespace from the provided object \"{ns}\" does not match the namespace \"{}\". You must pass '--namespace={ns}' to perform this operation.", self.namespace);
                return Next::Done(preserved(cx, io, &msg, &self.file));
            }
        }
        let mut counts = Counts::default();
        for (rt, obj) in &updated {
            if let Err(msg) = self.patch(cx, io, rt, obj, &mut counts) {
                return Next::Done(preserved(cx, io, &msg, &self.results_file));
            }
        }
        if counts.retryable > 0 {
            io.eprintln(format!(
                "You can run `kubectl replace -f {}` to try this update again.",
                self.file
            ));
            return Next::Done(1);
        }
        if counts.notfound > 0 {
            io.eprintln(format!(
                "The edits you made on deleted resources have been saved to \"{}\"",
                self.file
            ));
            return Next::Done(1);
        }
        if counts.invalid == 0 {
            let _ = cx.fs.remove(&self.file, false);
            return Next::Done(0);
        }
        self.contains_error = !self.reasons.is_empty();
        Next::Again(self.reopen())
    }

    /// `visitToPatch` for one edited object; `Err` ends kubectl with that message.
    fn patch(
        &mut self,
        cx: &mut Cx,
        io: &mut Io,
        rt: &'static ResourceType,
        edited: &Value,
        counts: &mut Counts,
    ) -> Result<(), String> {
        let uid = object::str_at(edited, &["metadata", "uid"]).unwrap_or("");
        let Some((_, original)) = self.originals.iter().find(|(_, o)| object::uid(o) == uid) else {
            return Err(format!(
                "no original object found for &unstructured.Unstructured{{Object:{}}}",
                go_sharp_v(edited)
            ));
        };
        let name = object::name(edited).to_string();
        let plural = rt.qualified_plural();
        if original == edited {
            self.print(io, rt, edited, "skipped");
            return Ok(());
        }
        let patch = two_way(original, edited);
        if changes_identity(&patch) {
            return Err(CHANGED_IDENTITY.into());
        }
        if self.output_patch {
            io.println(format!(
                "Patch: {}",
                serde_json::to_string(&patch).unwrap_or_default()
            ));
        }
        let ns = object::str_at(original, &["metadata", "namespace"]).unwrap_or("");
        let result = match cx.cluster.get(rt, ns, &name) {
            Ok(live) => {
                let patched = apply(live, &patch);
                cx.cluster.update(patched)
            }
            Err(e) => Err(e),
        };
        match result {
            Ok(obj) => self.print(io, rt, &obj, "edited"),
            Err(ApiError::Invalid { causes, .. }) => {
                counts.invalid += 1;
                self.reasons.push(Reason {
                    head: format!("{plural} \"{name}\" was not valid"),
                    other: causes.iter().map(ToString::to_string).collect(),
                });
                io.eprintln(format!("error: {plural} \"{name}\" is invalid"));
            }
            Err(ApiError::NotFound { .. }) => {
                counts.notfound += 1;
                io.eprintln(format!(
                    "error: {plural} \"{name}\" could not be found on the server"
                ));
            }
            Err(e) => {
                counts.retryable += 1;
                io.eprintln(format!(
                    "error: {plural} \"{name}\" could not be patched: {e}"
                ));
            }
        }
        Ok(())
    }

    fn print(&self, io: &mut Io, rt: &ResourceType, obj: &Value, operation: &str) {
        match self.printer {
            Some(f) => io.print(f.print(obj)),
            None => io.println(format!(
                "{} {operation}",
                resource::qualified_name(rt, object::name(obj))
            )),
        }
    }
}

/// How the patches went (`editResults`).
#[derive(Default)]
struct Counts {
    invalid: usize,
    notfound: usize,
    retryable: usize,
}

/// The edited file's objects (the builder's `Stream(..., "edited-file")`).
fn parse(text: &str) -> Result<Vec<(&'static ResourceType, Value)>, String> {
    let docs = manifest::parse_documents(text, "edited-file")
        .map_err(|e| e.strip_prefix("error: ").unwrap_or(&e).to_string())?;
    let mut out = Vec::new();
    for d in docs {
        let api_version = object::str_at(&d.object, &["apiVersion"]).unwrap_or("");
        let kind_name = object::kind(&d.object);
        let Some(rt) = kind::by_api_version_kind(api_version, kind_name) else {
            return Err(format!("resource mapping not found for name: \"{}\" namespace: \"{}\" from \"edited-file\": no matches for kind \"{kind_name}\" in version \"{api_version}\"\nensure CRDs are installed first", object::name(&d.object), object::str_at(&d.object, &["metadata", "namespace"]).unwrap_or("")));
        };
        out.push((rt, d.object));
    }
    Ok(out)
}

/// `preservedFile` and `cmdutil.CheckErr`: where the changes are kept, then the error.
fn preserved(cx: &Cx, io: &mut Io, msg: &str, path: &str) -> i32 {
    if !path.is_empty() && cx.fs.stat(path).is_some() {
        io.eprintln(format!(
            "A copy of your changes has been stored to \"{path}\""
        ));
    }
    io.eprintln(format!("error: {msg}"));
    1
}

impl Waiter for EditSession {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        // A few passes at most per poll: each reopening runs the editor again.
        for _ in 0..16 {
            let Some(editor) = self.editor.as_mut() else {
                return Some(1);
            };
            let mut outs = Vec::new();
            let status = editor.run(cx, &mut outs);
            io.out.extend(outs);
            let status = status?;
            self.editor = None;
            if status != 0 {
                let msg = self.launcher.failed();
                return Some(preserved(cx, io, &msg, &self.results_file));
            }
            match self.after_edit(cx, io) {
                Next::Done(st) => return Some(st),
                Next::Again(buf) => {
                    if let Err(e) = self.launch(cx, buf) {
                        return Some(preserved(cx, io, &e, &self.results_file));
                    }
                }
            }
        }
        None
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        match &self.editor {
            Some(m) => m.wake(cluster),
            None => Some(cluster.now()),
        }
    }

    fn interrupt(&mut self, cx: &mut Cx, io: &mut Io) {
        if let Some(mut m) = self.editor.take() {
            let mut outs = Vec::new();
            m.interrupt(cx, &mut outs);
            io.out.extend(outs);
        }
    }

    fn editor_closed(&mut self, path: &str) -> bool {
        self.editor.as_mut().is_some_and(|m| m.editor_closed(path))
    }
}
