//! What runs in a container: the image's program, or the `command`/`args` the pod gives, and
//! how it behaves over time (serves, sleeps, exits) and on SIGTERM.

use crate::images::{self, App, OnSigterm};
use serde::{Deserialize, Serialize};

/// The main process of a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Process {
    /// A server program of the catalogue (hello-app, nginx, CoreDNS, components).
    Serve,
    /// `sleep N` (`None`: `sleep infinity`).
    Sleep {
        /// Seconds to sleep.
        seconds: Option<i64>,
    },
    /// A program that prints and exits (`echo`, `true`, `false`, a shell without a TTY).
    Exit {
        /// The exit status.
        code: i32,
        /// What it prints.
        output: Vec<String>,
        /// How long it runs first, in milliseconds.
        after_ms: i64,
    },
    /// A `sh -c` script: the shell crate runs it as the clock advances (see `scripts.rs`).
    Script {
        /// The script text.
        script: String,
    },
    /// The executable is not in the image: the container cannot start.
    NotFound {
        /// The missing program.
        program: String,
    },
}

/// Works out the process of a container from its image and `command`/`args`.
pub fn resolve(image: &images::ImageInfo, command: &[String], args: &[String]) -> Process {
    let argv: Vec<String> = if command.is_empty() && args.is_empty() {
        return default_process(image.app);
    } else if command.is_empty() {
        // args replace the image's CMD; the entrypoint stays. Server images keep serving.
        match image.app {
            // Shell images have no ENTRYPOINT: args replace CMD and are the whole command.
            App::Shell => args.to_vec(),
            _ => return Process::Serve,
        }
    } else {
        command.iter().chain(args.iter()).cloned().collect()
    };
    let Some(program) = argv.first() else {
        return Process::Serve;
    };
    if matches!(image.app, App::Daemon | App::CoreDns) {
        // Components are started by their own binary name.
        return Process::Serve;
    }
    let base = program.rsplit('/').next().unwrap_or(program).to_string();
    let in_image = image.programs.iter().any(|p| *p == base)
        || matches!(image.app, App::Shell | App::Agnhost) && base == "sh";
    if !in_image && image.programs.is_empty() {
        // A distroless image runs only its own binary.
        return Process::NotFound {
            program: program.clone(),
        };
    }
    if !in_image {
        return Process::NotFound {
            program: program.clone(),
        };
    }
    let rest: Vec<&str> = argv.iter().skip(1).map(String::as_str).collect();
    match base.as_str() {
        "sleep" => match rest.first().copied() {
            Some("infinity") => Process::Sleep { seconds: None },
            Some(n) => match parse_seconds(n) {
                Some(s) => Process::Sleep { seconds: Some(s) },
                None => Process::Exit {
                    code: 1,
                    output: vec![format!("sleep: invalid time interval '{n}'")],
                    after_ms: 0,
                },
            },
            None => Process::Exit {
                code: 1,
                output: vec!["sleep: missing operand".into()],
                after_ms: 0,
            },
        },
        "sh" | "bash" | "ash" => match rest.as_slice() {
            ["-c", script, ..] => Process::Script {
                script: script.to_string(),
            },
            _ => Process::Exit {
                code: 0,
                output: Vec::new(),
                after_ms: 10,
            },
        },
        "echo" => Process::Exit {
            code: 0,
            output: vec![rest.join(" ")],
            after_ms: 5,
        },
        "true" => Process::Exit {
            code: 0,
            output: Vec::new(),
            after_ms: 5,
        },
        "false" => Process::Exit {
            code: 1,
            output: Vec::new(),
            after_ms: 5,
        },
        "nginx" => Process::Serve,
        // Any other program of the image (`wget -qO- web`, `nslookup web`, `curl`): the shell
        // crate runs it as a one-line script, so its output and exit status are the program's.
        _ => Process::Script {
            script: argv
                .iter()
                .map(|w| shell_quote(w))
                .collect::<Vec<_>>()
                .join(" "),
        },
    }
}

/// `word` as one shell word: as it is when it holds nothing the shell would read, else in
/// single quotes.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn parse_seconds(s: &str) -> Option<i64> {
    let (num, mult) = match s.chars().last()? {
        's' => (s.get(..s.len() - 1)?, 1.0),
        'm' => (s.get(..s.len() - 1)?, 60.0),
        'h' => (s.get(..s.len() - 1)?, 3600.0),
        'd' => (s.get(..s.len() - 1)?, 86400.0),
        _ => (s, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    Some((v * mult).ceil() as i64)
}

fn default_process(app: App) -> Process {
    match app {
        // Without a TTY the default shell reads EOF and exits at once.
        App::Shell => Process::Exit {
            code: 0,
            output: Vec::new(),
            after_ms: 20,
        },
        _ => Process::Serve,
    }
}

/// How a process reacts to SIGTERM.
pub fn on_sigterm(process: &Process, app: App) -> OnSigterm {
    match process {
        Process::Serve => images::on_sigterm(app),
        // PID 1 gets no default signal handlers: sleep and shells ignore SIGTERM.
        Process::Sleep { .. } | Process::Script { .. } => OnSigterm::Ignore,
        Process::Exit { .. } | Process::NotFound { .. } => OnSigterm::Exit(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::{pull, Pull};

    fn info(image: &str) -> &'static images::ImageInfo {
        match pull(image) {
            Pull::Found(i) => i,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn resolves_commands_against_the_image() {
        let dns = info("registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3");
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            resolve(dns, &v(&["sleep", "3600"]), &[]),
            Process::Sleep {
                seconds: Some(3600)
            }
        );
        assert_eq!(
            resolve(dns, &v(&["sleep"]), &v(&["infinity"])),
            Process::Sleep { seconds: None }
        );
        assert_eq!(
            resolve(dns, &v(&["curl"]), &[]),
            Process::NotFound {
                program: "curl".into()
            }
        );
        let hello = info("gcr.io/google-samples/hello-app:1.0");
        assert_eq!(resolve(hello, &[], &[]), Process::Serve);
        assert_eq!(
            resolve(hello, &v(&["sleep", "1"]), &[]),
            Process::NotFound {
                program: "sleep".into()
            }
        );
        let bb = info("busybox");
        assert!(matches!(
            resolve(bb, &[], &[]),
            Process::Exit { code: 0, .. }
        ));
        // Another program of the image runs as a one-line script, its words quoted.
        assert_eq!(
            resolve(bb, &[], &v(&["wget", "-qO-", "http://web:80/a b", "it's"])),
            Process::Script {
                script: "wget -qO- 'http://web:80/a b' 'it'\\''s'".into()
            }
        );
    }
}
