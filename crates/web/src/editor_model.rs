//! The editor's open files: their text, what is saved on the lab host, and live diagnostics.
//! A file that is not being edited follows the host's copy (a `kubectl ... > file` or a
//! lesson's copy-to-editor block shows up at once).

use crate::lint::{self, Diagnostic};
use shell::fs::Fs;

/// One open file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buffer {
    /// Absolute path on the lab host.
    pub path: String,
    /// The text in the editor.
    pub text: String,
    /// The text on the host when it was opened or last saved.
    pub saved: String,
    /// Whether the file exists on the host.
    pub exists: bool,
    /// Problems in `text`.
    pub diags: Vec<Diagnostic>,
    /// Bumped when the text changed from outside the editor (the text area must take it).
    pub outside: u64,
    /// The terminal whose command (`vi FILE`, `kubectl edit`) waits for this file to close.
    pub waiting: Option<usize>,
}

impl Buffer {
    /// Unsaved changes?
    pub fn dirty(&self) -> bool {
        self.text != self.saved || !self.exists
    }

    /// The file name.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    fn relint(&mut self) {
        self.diags = if lint::is_manifest(&self.path) {
            lint::lint(&self.text)
        } else {
            Vec::new()
        };
    }
}

/// The open files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Editor {
    /// Where relative paths live (the lesson's editor path, `/root` by default).
    pub root: String,
    /// Open files, in tab order.
    pub buffers: Vec<Buffer>,
    /// The tab shown.
    pub active: Option<usize>,
    /// Bumped on every change.
    pub gen: u64,
}

/// Joins and normalizes a path (`.` and `..`), `~` being `/root`.
pub fn normalize(root: &str, path: &str) -> String {
    let p = path.trim();
    let joined = if p.starts_with('/') {
        p.to_string()
    } else if p == "~" {
        "/root".to_string()
    } else if let Some(rest) = p.strip_prefix("~/") {
        format!("/root/{rest}")
    } else {
        format!("{}/{p}", root.trim_end_matches('/'))
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

impl Editor {
    /// No files open; relative paths are relative to `root`.
    pub fn new(root: &str) -> Editor {
        Editor {
            root: if root.trim().is_empty() {
                "/root".into()
            } else {
                normalize("/", root)
            },
            ..Editor::default()
        }
    }

    /// The absolute path for a lesson's path.
    pub fn absolute(&self, path: &str) -> String {
        normalize(&self.root, path)
    }

    /// The active buffer.
    pub fn current(&self) -> Option<&Buffer> {
        self.active.and_then(|i| self.buffers.get(i))
    }

    /// The active file's path.
    pub fn active_path(&self) -> Option<String> {
        self.current().map(|b| b.path.clone())
    }

    /// Opens a file (or shows it if open). A missing file opens empty, to be created on save.
    pub fn open(&mut self, path: &str, fs: &Fs) {
        let abs = self.absolute(path);
        if let Some(i) = self.buffers.iter().position(|b| b.path == abs) {
            self.active = Some(i);
        } else {
            let (text, exists) = match fs.read(&abs) {
                Ok(t) => (t.to_string(), true),
                Err(_) => (String::new(), false),
            };
            let mut b = Buffer {
                path: abs,
                saved: text.clone(),
                text,
                exists,
                diags: Vec::new(),
                outside: 0,
                waiting: None,
            };
            b.relint();
            self.buffers.push(b);
            self.active = Some(self.buffers.len() - 1);
        }
        self.gen += 1;
    }

    /// Reopens a file with unsaved text (restoring a saved lab).
    pub fn restore(&mut self, path: &str, text: Option<String>, fs: &Fs) {
        self.open(path, fs);
        if let (Some(t), Some(b)) = (text, self.active.and_then(|i| self.buffers.get_mut(i))) {
            b.text = t;
            b.outside += 1;
            b.relint();
        }
    }

    /// The learner typed: the active buffer's new text.
    pub fn edit(&mut self, text: &str) {
        if let Some(b) = self.active.and_then(|i| self.buffers.get_mut(i)) {
            if b.text != text {
                b.text = text.to_string();
                b.relint();
                self.gen += 1;
            }
        }
    }

    /// Writes the active buffer to the host.
    pub fn save(&mut self, fs: &mut Fs) -> Result<(), String> {
        let Some(b) = self.active.and_then(|i| self.buffers.get_mut(i)) else {
            return Err("no file is open".into());
        };
        fs.put(&b.path, &b.text)
            .map_err(|e| format!("{}: {}", b.path, e.text()))?;
        b.saved = b.text.clone();
        b.exists = true;
        self.gen += 1;
        Ok(())
    }

    /// Opens a file a command in terminal `term` asked for (`vi`, `kubectl edit`): it shows
    /// the host's text and the command waits until [`Editor::finish`].
    pub fn open_for(&mut self, path: &str, fs: &Fs, term: usize) {
        self.open(path, fs);
        if let Some(b) = self.active.and_then(|i| self.buffers.get_mut(i)) {
            // Unless it has unsaved edits, the tab shows what the command wrote.
            if b.text == b.saved {
                let host = fs.read(&b.path).ok();
                b.exists = host.is_some();
                b.saved = host.unwrap_or_default().to_string();
                b.text = b.saved.clone();
                b.outside += 1;
                b.relint();
            }
            b.waiting = Some(term);
        }
        self.gen += 1;
    }

    /// Closes tab `i` if a command waits for it: the terminal to tell and the file's path.
    pub fn finish(&mut self, i: usize) -> Option<(usize, String)> {
        let b = self.buffers.get(i)?;
        let done = b.waiting.map(|t| (t, b.path.clone()))?;
        self.close(i);
        Some(done)
    }

    /// The command in terminal `term` stopped waiting (Ctrl-C): its files stay open as files.
    pub fn release(&mut self, term: usize) {
        for b in &mut self.buffers {
            if b.waiting == Some(term) {
                b.waiting = None;
                self.gen += 1;
            }
        }
    }

    /// Closes tab `i`.
    pub fn close(&mut self, i: usize) {
        if i < self.buffers.len() {
            self.buffers.remove(i);
            self.active = match self.active {
                _ if self.buffers.is_empty() => None,
                Some(a) if a > i => Some(a - 1),
                Some(a) if a == i => Some(i.min(self.buffers.len() - 1)),
                other => other,
            };
            self.gen += 1;
        }
    }

    /// Shows tab `i`.
    pub fn show(&mut self, i: usize) {
        if i < self.buffers.len() {
            self.active = Some(i);
            self.gen += 1;
        }
    }

    /// Buffers without unsaved changes take the host's text; true when one changed.
    pub fn sync(&mut self, fs: &Fs) -> bool {
        let mut changed = false;
        for b in &mut self.buffers {
            if b.text != b.saved {
                continue;
            }
            match fs.read(&b.path) {
                Ok(t) if t != b.saved || !b.exists => {
                    b.saved = t.to_string();
                    b.text = b.saved.clone();
                    b.exists = true;
                    b.outside += 1;
                    b.relint();
                    changed = true;
                }
                Err(_) if b.exists => {
                    b.exists = false;
                    changed = true;
                }
                _ => {}
            }
        }
        if changed {
            self.gen += 1;
        }
        changed
    }

    /// Every buffer takes the host's text, unsaved changes dropped ("restart this step");
    /// files that no longer exist are closed.
    pub fn revert_all(&mut self, fs: &Fs) {
        self.buffers.retain(|b| fs.read(&b.path).is_ok());
        for b in &mut self.buffers {
            b.saved = fs.read(&b.path).map(str::to_string).unwrap_or_default();
            b.text = b.saved.clone();
            b.exists = true;
            b.outside += 1;
            b.relint();
        }
        self.active = match self.active {
            _ if self.buffers.is_empty() => None,
            Some(a) => Some(a.min(self.buffers.len() - 1)),
            None => Some(0),
        };
        self.gen += 1;
    }
}

/// What Enter inserts after `before` (the text up to the cursor): a newline and the current
/// line's indentation, two spaces more after a `key:` or a `- `.
pub fn newline_indent(before: &str) -> String {
    let line = before.rsplit('\n').next().unwrap_or("");
    let indent = line.len() - line.trim_start_matches(' ').len();
    let t = line.trim_end();
    let extra = if t.ends_with(':') || t.ends_with(": |") || t.ends_with(": >") {
        2
    } else {
        0
    };
    // `- name: x` continues at the item's content column.
    let dash = if t.trim_start().starts_with("- ") && !t.ends_with(':') {
        2
    } else {
        0
    };
    format!("\n{}", " ".repeat(indent + extra + dash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_a_command_waits_for() {
        let mut fs = Fs::new("/root");
        let _ = fs.put("/tmp/kubectl-edit-1.yaml", "a: 1\n");
        let mut ed = Editor::new("/root");
        ed.open("notes.txt", &fs);
        ed.open_for("/tmp/kubectl-edit-1.yaml", &fs, 1);
        assert_eq!(ed.active, Some(1));
        assert_eq!(
            ed.current().map(|b| (b.text.as_str(), b.waiting)),
            Some(("a: 1\n", Some(1)))
        );
        // A file nobody waits for closes as usual.
        assert_eq!(ed.finish(0), None);
        ed.edit("a: 2\n");
        assert_eq!(ed.save(&mut fs), Ok(()));
        assert_eq!(
            ed.finish(1),
            Some((1, "/tmp/kubectl-edit-1.yaml".to_string()))
        );
        assert_eq!(ed.buffers.len(), 1);
        assert_eq!(fs.read("/tmp/kubectl-edit-1.yaml"), Ok("a: 2\n"));
        // Ctrl-C: the file stays open, nothing waits for it any more.
        ed.open_for("/tmp/kubectl-edit-1.yaml", &fs, 0);
        ed.release(0);
        assert_eq!(ed.current().and_then(|b| b.waiting), None);
    }

    #[test]
    fn indentation() {
        assert_eq!(newline_indent("a:\n  b: 1"), "\n  ");
        assert_eq!(newline_indent("spec:"), "\n  ");
        assert_eq!(newline_indent("  containers:"), "\n    ");
        assert_eq!(newline_indent("  - name: web"), "\n    ");
        assert_eq!(newline_indent(""), "\n");
    }

    #[test]
    fn paths() {
        assert_eq!(
            normalize("/root", "manifests/a.yaml"),
            "/root/manifests/a.yaml"
        );
        assert_eq!(normalize("/root", "./a/../b"), "/root/b");
        assert_eq!(normalize("/root", "~/x"), "/root/x");
        assert_eq!(normalize("/srv", "/etc/hosts"), "/etc/hosts");
        assert_eq!(normalize("/", "../../.."), "/");
        assert_eq!(Editor::new("").root, "/root");
    }

    #[test]
    fn open_edit_save_follow() {
        let mut fs = Fs::new("/root");
        let _ = fs.put(
            "/root/m/a.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
        );
        let mut ed = Editor::new("/root");
        ed.open("m/a.yaml", &fs);
        ed.open("new.yaml", &fs);
        assert_eq!(ed.buffers.len(), 2);
        assert!(ed.current().is_some_and(|b| !b.exists && b.dirty()));
        ed.open("/root/m/a.yaml", &fs);
        assert_eq!(
            ed.active,
            Some(0),
            "an open file is shown, not opened twice"
        );
        ed.edit("kind: Service\n");
        assert!(ed
            .current()
            .is_some_and(|b| b.dirty() && b.diags.len() == 1));
        // While edited, the buffer ignores the host's copy.
        let _ = fs.put("/root/m/a.yaml", "changed\n");
        assert!(!ed.sync(&fs));
        assert_eq!(ed.save(&mut fs), Ok(()));
        assert_eq!(fs.read("/root/m/a.yaml"), Ok("kind: Service\n"));
        // Once saved, it follows the host.
        let _ = fs.put("/root/m/a.yaml", "x: 1\n");
        assert!(ed.sync(&fs));
        assert_eq!(ed.current().map(|b| b.text.as_str()), Some("x: 1\n"));
        ed.close(0);
        assert_eq!(ed.active, Some(0));
        assert_eq!(ed.active_path().as_deref(), Some("/root/new.yaml"));
        ed.close(0);
        assert_eq!(ed.active, None);
        assert!(ed.save(&mut fs).is_err());
    }

    #[test]
    fn revert_closes_missing_files() {
        let mut fs = Fs::new("/root");
        let _ = fs.put("/root/a", "1");
        let mut ed = Editor::new("/root");
        ed.open("a", &fs);
        ed.open("b", &fs);
        ed.edit("typed");
        ed.revert_all(&fs);
        assert_eq!(ed.buffers.len(), 1);
        assert_eq!(ed.active, Some(0));
        assert_eq!(ed.current().map(|b| b.text.as_str()), Some("1"));
    }
}
