//! What commands print: ordered stdout and stderr pieces, and screen control.

use serde::{Deserialize, Serialize};

/// One piece of terminal output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Output {
    /// Text on standard output.
    Out(String),
    /// Text on standard error.
    Err(String),
    /// Clear the screen (`clear`, Ctrl-L).
    Clear,
    /// Open this file (absolute path on the lab host) in the host's editor: `vi FILE`, and
    /// `kubectl edit`'s temporary file. The command waits until the host reports the file
    /// closed with [`crate::Session::editor_closed`]; hosts without an editor close it at once.
    Edit {
        /// Absolute path in the lab host's filesystem.
        path: String,
    },
}

/// The most text one command's output, a pipe or the terminal holds from one command line (the
/// lab host's memory, as the disk's [`crate::fs::CAPACITY`]): `cat f f f f` over a big file
/// stops there instead of taking the tab's memory. What goes past it is lost, and the writer
/// gets a write error.
pub const MAX_OUTPUT: usize = crate::fs::CAPACITY;

/// A command's standard input and what it printed, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Io {
    /// Standard input.
    pub stdin: String,
    /// Standard input is a regular file (`< file`), whose size is known, not a pipe.
    pub stdin_file: bool,
    /// Output so far.
    pub out: Vec<Output>,
    /// Bytes printed through [`Io::print`] and [`Io::eprint`].
    printed: usize,
    /// Whether some text did not fit.
    cut: bool,
}

impl Io {
    /// An Io reading `stdin`.
    pub fn with_stdin(stdin: impl Into<String>) -> Io {
        Io {
            stdin: stdin.into(),
            stdin_file: false,
            out: Vec::new(),
            printed: 0,
            cut: false,
        }
    }

    /// Reads all of standard input, leaving none for the commands after it: a `cat` in a
    /// `while read` loop's body eats the lines the loop would have read, as in bash.
    pub fn take_stdin(&mut self) -> String {
        std::mem::take(&mut self.stdin)
    }

    /// Whether `s` still fits in [`MAX_OUTPUT`]; counts it when it does. Past it the text is
    /// dropped and [`Io::cut`] says so.
    fn fits(&mut self, s: &str) -> bool {
        if self.printed + s.len() > MAX_OUTPUT {
            self.cut = true;
            return false;
        }
        self.printed += s.len();
        true
    }

    /// Whether some of what the command printed was dropped at [`MAX_OUTPUT`]: the shell
    /// reports a write error for it.
    pub fn cut(&self) -> bool {
        self.cut
    }

    /// Says that the command left out text it could not hold (it read more files than
    /// [`MAX_OUTPUT`]): the shell reports a write error for it.
    pub fn mark_cut(&mut self) {
        self.cut = true;
    }

    /// Prints to stdout.
    pub fn print(&mut self, s: impl Into<String>) {
        let s = s.into();
        if s.is_empty() || !self.fits(&s) {
            return;
        }
        if let Some(Output::Out(last)) = self.out.last_mut() {
            last.push_str(&s);
        } else {
            self.out.push(Output::Out(s));
        }
    }

    /// Prints a line to stdout.
    pub fn println(&mut self, s: impl AsRef<str>) {
        self.print(format!("{}\n", s.as_ref()));
    }

    /// Prints to stderr.
    pub fn eprint(&mut self, s: impl Into<String>) {
        let s = s.into();
        if s.is_empty() || !self.fits(&s) {
            return;
        }
        if let Some(Output::Err(last)) = self.out.last_mut() {
            last.push_str(&s);
        } else {
            self.out.push(Output::Err(s));
        }
    }

    /// Prints a line to stderr.
    pub fn eprintln(&mut self, s: impl AsRef<str>) {
        self.eprint(format!("{}\n", s.as_ref()));
    }

    /// Everything printed to stdout, concatenated.
    pub fn stdout_text(&self) -> String {
        self.out
            .iter()
            .filter_map(|o| {
                if let Output::Out(s) = o {
                    Some(s.as_str())
                } else {
                    None
                }
            })
            .collect()
    }
}

/// Joins outputs into one transcript string (stdout and stderr interleaved as printed).
pub fn transcript(outputs: &[Output]) -> String {
    outputs
        .iter()
        .map(|o| match o {
            Output::Out(s) | Output::Err(s) => s.as_str(),
            Output::Clear | Output::Edit { .. } => "",
        })
        .collect()
}
