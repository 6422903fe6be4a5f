//! The programs a command line can run, on the lab host and inside containers, and the
//! interface they share: run now, or wait for virtual time to pass.

pub mod builtins;
pub mod dns;
pub mod editors;
pub mod files;
pub mod grep;
pub mod job_control;
pub mod net;
pub mod sed;
mod sed_parse;
mod sed_regex;
pub mod text;
pub mod watch;

use crate::context::{Cx, Place};
use crate::io::Io;
use cluster::Time;

/// What starting a program gives.
pub enum Run {
    /// It finished with this status.
    Done(i32),
    /// It waits (sleep, watches, deletions); the shell polls it as time passes.
    Wait(Box<dyn Waiter>),
}

/// A program that is waiting for time to pass or the cluster to change.
pub trait Waiter {
    /// Makes progress at the current virtual time; `Some(status)` when finished.
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32>;
    /// When to poll next: `Some(t)` at a time, `None` whenever the cluster changes.
    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time>;
    /// Ctrl-C.
    fn interrupt(&mut self, _cx: &mut Cx, _io: &mut Io) {}
    /// Whether it runs on a timer until Ctrl-C (`watch`): a run without a person at the
    /// keyboard ([`crate::Session::run_line`]) stops it once the cluster has nothing left to do.
    fn repeats(&self) -> bool {
        false
    }
    /// The host closed a file this program asked it to open ([`crate::io::Output::Edit`]);
    /// true when the file was this program's.
    fn editor_closed(&mut self, _path: &str) -> bool {
        false
    }
}

/// A program's entry point: the context, argv (with the name first) and its standard streams.
pub type Program = fn(&mut Cx, &[String], &mut Io) -> Run;

/// Programs every shell has built in.
const BUILTINS: &[(&str, Program)] = &[
    ("cd", builtins::cd),
    ("echo", builtins::echo),
    ("printf", builtins::printf),
    ("export", builtins::export),
    ("unset", builtins::unset),
    ("exit", builtins::exit),
    ("logout", builtins::exit),
    ("pwd", builtins::pwd),
    ("true", builtins::true_),
    (":", builtins::true_),
    ("false", builtins::false_),
    ("test", builtins::test),
    ("[", builtins::test),
    ("type", builtins::type_),
    ("alias", builtins::alias),
    ("history", builtins::history),
    ("help", builtins::help),
    ("read", builtins::read),
    ("jobs", job_control::jobs),
    ("kill", job_control::kill),
    ("wait", job_control::wait),
    ("fg", job_control::fg),
    ("bg", job_control::bg),
    ("set", builtins::set),
];

/// Programs on the lab host's $PATH.
const HOST: &[(&str, Program)] = &[
    ("kubectl", crate::kubectl::run),
    ("curl", net::curl),
    ("sleep", builtins::sleep),
    ("clear", builtins::clear),
    ("sudo", builtins::sudo),
    ("env", builtins::env),
    ("printenv", builtins::printenv),
    ("hostname", builtins::hostname),
    ("whoami", builtins::whoami),
    ("id", builtins::id),
    ("uname", builtins::uname),
    ("date", builtins::date),
    ("which", builtins::which),
    ("seq", text::seq),
    ("cat", files::cat),
    ("ls", files::ls),
    ("mkdir", files::mkdir),
    ("rm", files::rm),
    ("touch", files::touch),
    ("cp", files::cp),
    ("mv", files::mv),
    ("tee", files::tee),
    ("grep", grep::grep),
    ("head", text::head),
    ("tail", text::tail),
    ("wc", text::wc),
    ("sort", text::sort),
    ("uniq", text::uniq),
    ("cut", text::cut),
    ("tr", text::tr),
    ("sed", sed::sed),
    ("vi", editors::vi),
    ("vim", editors::vi),
    ("nano", editors::vi),
    ("base64", text::base64),
    ("xargs", text::xargs),
    ("getent", dns::getent),
    ("watch", watch::watch),
];

/// Programs that exist inside containers when their image has them.
const IN_CONTAINER: &[(&str, Program)] = &[
    ("nslookup", dns::nslookup),
    ("dig", dns::dig),
    ("host", dns::host),
    ("wget", net::wget),
    ("curl", net::curl),
];

fn find(table: &[(&str, Program)], name: &str) -> Option<Program> {
    table.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// Whether `name` is a shell builtin (bash names itself in a builtin's errors).
pub fn is_builtin(name: &str) -> bool {
    find(BUILTINS, name).is_some()
}

/// Whether `name` would run something here (for `type`/`which` and completion).
pub fn exists(place: &Place, name: &str) -> bool {
    find(BUILTINS, name).is_some()
        || match place {
            Place::Host => find(HOST, name).is_some() || name == "k",
            Place::Pod { programs, .. } => programs.iter().any(|p| p == name),
        }
}

/// Every command name the lab host knows (for completion).
pub fn host_commands() -> Vec<&'static str> {
    let mut v: Vec<&str> = BUILTINS
        .iter()
        .chain(HOST.iter())
        .map(|(n, _)| *n)
        .collect();
    cluster::sort::sort(&mut v);
    v.dedup();
    v
}

/// Runs argv[0] with its arguments where the context says.
pub fn run(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let Some(name) = argv.first() else {
        return Run::Done(0);
    };
    let name = name.as_str();
    let base = name.rsplit('/').next().unwrap_or(name);
    if let Some(p) = find(BUILTINS, base) {
        return p(cx, argv, io);
    }
    match cx.place.clone() {
        Place::Host => {
            if base == "k" {
                let mut v = argv.to_vec();
                if let Some(first) = v.first_mut() {
                    *first = "kubectl".into();
                }
                return crate::kubectl::run(cx, &v, io);
            }
            match find(HOST, base) {
                Some(p) => p(cx, argv, io),
                None => {
                    if name.contains('/') {
                        io.eprintln(format!("bash: {name}: No such file or directory"));
                    } else {
                        io.eprintln(format!("bash: {name}: command not found"));
                    }
                    Run::Done(127)
                }
            }
        }
        Place::Pod {
            programs, shell, ..
        } => {
            let present = programs.iter().any(|p| p == base);
            let program =
                find(IN_CONTAINER, base).or_else(|| find(HOST, base).filter(|_| base != "kubectl"));
            match (present, program) {
                (true, Some(p)) => p(cx, argv, io),
                _ => {
                    if shell == "bash" {
                        io.eprintln(format!("bash: {name}: command not found"));
                    } else {
                        io.eprintln(format!("sh: 1: {name}: not found"));
                    }
                    Run::Done(127)
                }
            }
        }
    }
}

/// A `Waiter` that waits until a time (sleep).
pub struct Until(pub Time);

impl Waiter for Until {
    fn poll(&mut self, cx: &mut Cx, _io: &mut Io) -> Option<i32> {
        (cx.cluster.now() >= self.0).then_some(0)
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        Some(self.0)
    }
}
