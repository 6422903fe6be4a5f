//! The editor `kubectl edit` launches, as kubectl's editor.go picks and runs it:
//! `$KUBE_EDITOR`, else `$EDITOR` (exported variables only, as a process environment), else
//! `vi`. An editor with no space runs as one program, with spaces but no quotes or backslashes
//! as words split at each space, otherwise through `$SHELL -c`. Here every form runs through
//! the lab shell's own interpreter, so `sed -i ...` edits the file and `vi` asks the host.

use crate::context::Cx;
use crate::exec::Machine;
use crate::programs;

/// How the editor is started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launcher {
    /// The program and its arguments, or `$SHELL -c <editor>`.
    args: Vec<String>,
    /// Whether the last argument is a shell command line.
    shell: bool,
}

/// Single quotes for the lab shell, so a word reaches the program as it is.
fn shell_word(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Go's `%q` for the simple strings kubectl quotes (paths, editor names).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Launcher {
    /// The editor the session's environment names.
    pub fn from_env(cx: &Cx) -> Launcher {
        let env = cx.vars.environment();
        let get = |name: &str| {
            env.iter()
                .find(|(k, v)| *k == name && !v.is_empty())
                .map(|(_, v)| v.to_string())
        };
        let editor = get("KUBE_EDITOR")
            .or_else(|| get("EDITOR"))
            .unwrap_or_else(|| "vi".into());
        if !editor.contains(' ') {
            return Launcher {
                args: vec![editor],
                shell: false,
            };
        }
        if !editor.contains(['"', '\'', '\\']) {
            return Launcher {
                args: editor.split(' ').map(str::to_string).collect(),
                shell: false,
            };
        }
        let shell = get("SHELL").unwrap_or_else(|| "/bin/bash".into());
        Launcher {
            args: vec![shell, "-c".into(), editor],
            shell: true,
        }
    }

    /// The editor as kubectl names it in its errors (`"sed -i s/a/b/"`).
    pub fn shown(&self) -> String {
        go_quote(&self.args.join(" "))
    }

    /// The command line the lab shell runs to edit `path`.
    fn command_line(&self, path: &str) -> String {
        if self.shell {
            // kubectl appends the path, %q-quoted, to the shell's command line.
            let line = self.args.last().map(String::as_str).unwrap_or("");
            return format!("{line} {}", go_quote(path));
        }
        self.args
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(path))
            .map(shell_word)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Starts the editor on `path`; `Err` is kubectl's message when it cannot start.
    pub fn launch(&self, cx: &Cx, path: &str) -> Result<Machine, String> {
        if !self.shell {
            // exec.ErrNotFound: a program that is not on the lab host's $PATH.
            let program = self.args.first().map(String::as_str).unwrap_or("");
            let base = program.rsplit('/').next().unwrap_or(program);
            if !programs::exists(&cx.place, base) {
                return Err(format!("unable to launch the editor {}", self.shown()));
            }
        }
        crate::syntax::parse(&self.command_line(path))
            .map(Machine::new)
            .map_err(|_| format!("there was a problem with the editor {}", self.shown()))
    }

    /// kubectl's message when the editor exits with a failure.
    pub fn failed(&self) -> String {
        format!("there was a problem with the editor {}", self.shown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launcher(args: &[&str], shell: bool) -> Launcher {
        Launcher {
            args: args.iter().map(|a| a.to_string()).collect(),
            shell,
        }
    }

    #[test]
    fn builds_command_lines_as_kubectl_runs_them() {
        assert_eq!(
            launcher(&["sed", "-i", "s/a/b/"], false).command_line("/tmp/f.yaml"),
            "'sed' '-i' 's/a/b/' '/tmp/f.yaml'"
        );
        assert_eq!(
            launcher(&["/bin/bash", "-c", "sed -i 's/a b/c/'"], true).command_line("/tmp/f.yaml"),
            "sed -i 's/a b/c/' \"/tmp/f.yaml\""
        );
        assert_eq!(
            launcher(&["/bin/bash", "-c", "x 'y'"], true).shown(),
            "\"/bin/bash -c x 'y'\""
        );
    }
}
