//! Actions: what a click on a lesson's code does (run it, copy it, open a file, write a file).

/// Where a copy-to-editor block puts its text (`data-target` of `<pre class="file">`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteTarget {
    /// The file's content becomes the block's text.
    Replace,
    /// The text is added at the end of the file.
    Append,
    /// The text is added at the start of the file.
    Prepend,
    /// The text is inserted where the marker (`data-marker`) is; the marker is replaced.
    Insert,
}

impl WriteTarget {
    /// Parses a `data-target` value (ASCII case-insensitive).
    pub fn parse(s: &str) -> Option<WriteTarget> {
        match s.trim().to_ascii_lowercase().as_str() {
            "replace" => Some(WriteTarget::Replace),
            "append" => Some(WriteTarget::Append),
            "prepend" => Some(WriteTarget::Prepend),
            "insert" => Some(WriteTarget::Insert),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WriteTarget::Replace => "replace",
            WriteTarget::Append => "append",
            WriteTarget::Prepend => "prepend",
            WriteTarget::Insert => "insert",
        }
    }

    /// Applies the block to a file's current content (`None`: the file does not exist).
    /// `Insert` without the marker in the file appends, as a forgiving editor would.
    pub fn apply(self, current: Option<&str>, text: &str, marker: Option<&str>) -> String {
        let current = current.unwrap_or("");
        match self {
            WriteTarget::Replace => text.to_string(),
            WriteTarget::Append => format!("{current}{text}"),
            WriteTarget::Prepend => format!("{text}{current}"),
            WriteTarget::Insert => match marker.filter(|m| !m.is_empty()) {
                Some(m) if current.contains(m) => current.replacen(m, text, 1),
                _ => format!("{current}{text}"),
            },
        }
    }
}

/// One clickable thing on a page. `Page::html` shows it as an element with
/// `data-action="N"`, N being its index in `Page::actions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `` `cmd`{{execute}} ``, `{{exec}}`, a fenced block followed by `{{execute}}`.
    Execute {
        /// The command text (a fenced block's lines, without its last newline).
        command: String,
        /// Terminal tab, 1-based (`{{execute T2}}`).
        terminal: u8,
        /// Host, 1-based (`{{execute HOST2}}`).
        host: u8,
        /// Send Ctrl+C first (`{{execute interrupt}}`).
        interrupt: bool,
        /// Press Enter after typing (false with `{{execute no-newline}}`).
        newline: bool,
        /// The command is a control sequence such as `^C` (`{{execute ctrl-seq}}`).
        ctrl_seq: bool,
    },
    /// `` `text`{{copy}} ``, a fenced block with `{{copy}}`, `<pre data-target="clipboard">`.
    Copy { text: String },
    /// `` `path`{{open}} ``: open the file in the editor.
    Open { path: String },
    /// `<pre class="file" data-filename=... data-target=...>`: copy text into a file.
    WriteFile {
        /// The file, as written by the author (relative paths are relative to the editor's
        /// folder, the learner's home by default).
        path: String,
        content: String,
        target: WriteTarget,
        /// `data-marker`, for `Insert`.
        marker: Option<String>,
    },
}

impl Action {
    /// The CSS class of the action's element.
    pub(crate) fn class(&self) -> &'static str {
        match self {
            Action::Execute { .. } => "kp-exec",
            Action::Copy { .. } => "kp-copy",
            Action::Open { .. } => "kp-open",
            Action::WriteFile { .. } => "kp-write",
        }
    }
}

/// What the `{{...}}` after a code span or block asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Marker {
    /// `{{}}`: plain code, no copy.
    Plain,
    Execute {
        terminal: u8,
        host: u8,
        interrupt: bool,
        newline: bool,
        ctrl_seq: bool,
    },
    Copy,
    Open,
}

impl Marker {
    /// Turns the marker into an action on `text`.
    pub(crate) fn action(&self, text: &str) -> Option<Action> {
        match *self {
            Marker::Plain => None,
            Marker::Execute {
                terminal,
                host,
                interrupt,
                newline,
                ctrl_seq,
            } => Some(Action::Execute {
                command: text.to_string(),
                terminal,
                host,
                interrupt,
                newline,
                ctrl_seq,
            }),
            Marker::Copy => Some(Action::Copy {
                text: text.to_string(),
            }),
            Marker::Open => Some(Action::Open {
                path: text.trim().to_string(),
            }),
        }
    }
}

/// Parses the inside of `{{...}}`. `Err` is a message for an unsupported marker; `Ok`
/// comes with messages for ignored options.
pub(crate) fn parse_marker(inner: &str) -> Result<(Marker, Vec<String>), String> {
    let mut words = inner.split_whitespace();
    let Some(verb) = words.next() else {
        return Ok((Marker::Plain, Vec::new()));
    };
    let mut notes = Vec::new();
    let verb = verb.to_ascii_lowercase();
    match verb.as_str() {
        "execute" | "exec" => {
            let (mut terminal, mut host, mut interrupt, mut newline, mut ctrl_seq) =
                (1, 1, false, true, false);
            for w in words {
                let lw = w.to_ascii_lowercase();
                let number = |prefix: &str| {
                    lw.strip_prefix(prefix)
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| *n > 0)
                };
                match lw.as_str() {
                    "interrupt" => interrupt = true,
                    "no-newline" => newline = false,
                    "ctrl-seq" => ctrl_seq = true,
                    _ if lw.starts_with("host") => match number("host") {
                        Some(n) => host = n,
                        None => notes.push(format!("unsupported `{w}` in {{{{{verb}}}}}: host numbers go from 1 to 255")),
                    },
                    _ if lw.starts_with('t') && lw.len() > 1 => match number("t") {
                        Some(n) => terminal = n,
                        None => notes.push(format!("unsupported `{w}` in {{{{{verb}}}}}: terminal numbers go from 1 to 255")),
                    },
                    _ => notes.push(format!("unsupported option `{w}` in {{{{{verb}}}}} is ignored")),
                }
            }
            Ok((
                Marker::Execute {
                    terminal,
                    host,
                    interrupt,
                    newline,
                    ctrl_seq,
                },
                notes,
            ))
        }
        "copy" | "open" => {
            for w in words {
                notes.push(format!(
                    "unsupported option `{w}` in {{{{{verb}}}}} is ignored"
                ));
            }
            Ok((
                if verb == "copy" {
                    Marker::Copy
                } else {
                    Marker::Open
                },
                notes,
            ))
        }
        _ => Err(format!(
            "unsupported code action `{{{{{}}}}}`; the code is shown as plain code",
            inner.trim()
        )),
    }
}
