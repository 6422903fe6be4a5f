//! kubectl v1.32: the command tree, global flags, and the error forms shared by every command.

pub mod apply;
pub mod create;
pub mod delete;
pub mod describe;
pub mod edit;
pub mod edit_file;
pub mod edit_patch;
pub mod edit_session;
pub mod editor;
pub mod exec;
pub mod explain;
pub mod flags;
pub mod get;
pub mod help;
pub mod info;
pub mod label;
pub mod logs;
pub mod manifest;
pub mod node_cmds;
pub mod patch;
pub mod port_forward;
pub mod resource;
pub mod rollout;
pub mod run_attach;
pub mod scale;
pub mod selector;
pub mod wait;

use crate::context::{Cx, Place};
use crate::io::Io;
use crate::programs::Run;
use cluster::ApiError;
use flags::{Flag, FlagError, Parsed};

/// kubectl's version.
pub const CLIENT_VERSION: &str = "v1.32.4";

/// The top-level commands in the order kubectl registers them (suggestions follow this order).
pub const COMMANDS: &[&str] = &[
    "create",
    "expose",
    "run",
    "set",
    "explain",
    "get",
    "edit",
    "delete",
    "rollout",
    "scale",
    "autoscale",
    "certificate",
    "cluster-info",
    "top",
    "cordon",
    "uncordon",
    "drain",
    "taint",
    "describe",
    "logs",
    "attach",
    "exec",
    "port-forward",
    "proxy",
    "cp",
    "auth",
    "debug",
    "events",
    "diff",
    "apply",
    "patch",
    "replace",
    "wait",
    "kustomize",
    "label",
    "annotate",
    "completion",
    "config",
    "plugin",
    "version",
    "api-versions",
    "api-resources",
    "options",
];

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let v = (prev.get(j + 1).copied().unwrap_or(0) + 1)
                .min(cur.get(j).copied().unwrap_or(0) + 1)
                .min(prev.get(j).copied().unwrap_or(0) + cost);
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// Whether `a` is at most 2 edits from `b`. The distance is at least the difference in length,
/// so a long typed word (pasted junk) is ruled out before the quadratic part.
fn within_two_edits(a: &str, b: &str) -> bool {
    a.chars().count().abs_diff(b.chars().count()) <= 2 && levenshtein(a, b) <= 2
}

/// cobra's `SuggestionsFor`: edit distance at most 2, or a prefix.
fn suggestions(typed: &str) -> Vec<&'static str> {
    let lower = typed.to_ascii_lowercase();
    COMMANDS
        .iter()
        .copied()
        .filter(|c| c.starts_with(&lower) || within_two_edits(&lower, c))
        .collect()
}

/// Prints an unknown-flag error the way cobra does.
pub fn flag_error(io: &mut Io, cmd_path: &str, e: &FlagError) -> Run {
    io.eprintln(format!(
        "Error: {}\nSee 'kubectl {cmd_path} --help' for usage.",
        e.message()
    ));
    Run::Done(1)
}

/// Parses a command's flags, printing cobra's error on failure.
pub fn parse_flags(
    io: &mut Io,
    cmd_path: &str,
    args: &[String],
    spec: &[Flag],
) -> Result<Parsed, Run> {
    flags::parse(args, spec).map_err(|e| flag_error(io, cmd_path, &e))
}

/// The klog line v1.32 prints for a missing required flag, then exit 1.
pub fn required_flag(cx: &Cx, io: &mut Io, flag: &str) -> Run {
    let t = cx.cluster.now();
    let r = t.rfc3339();
    let stamp = format!(
        "{}{} {}.{:06}",
        r.get(5..7).unwrap_or(""),
        r.get(8..10).unwrap_or(""),
        r.get(11..19).unwrap_or(""),
        t.0.rem_euclid(1000) * 1000 + 127
    );
    io.eprintln(format!("E{stamp}   23629 run.go:72] \"command failed\" err=\"required flag(s) \\\"{flag}\\\" not set\""));
    Run::Done(1)
}

/// An API error as kubectl prints it (`Error from server (NotFound): ...`, `The X "y" is invalid: ...`).
pub fn api_error_text(e: &ApiError) -> String {
    match e {
        ApiError::Invalid { kind, name, causes, .. } => {
            let prefix = format!("The {kind} \"{name}\" is invalid: ");
            match causes.as_slice() {
                [one] => format!("{prefix}{one}"),
                many => format!("{prefix}\n{}", many.iter().map(|c| format!("* {c}")).collect::<Vec<_>>().join("\n")),
            }
        }
        ApiError::NoKindMatch { kind, api_version } => format!("error: resource mapping not found for name: \"\" namespace: \"\" from \"\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first"),
        ApiError::Storage(m) => format!("Error from server: {m}"),
        other => format!("Error from server ({}): {other}", other.reason()),
    }
}

/// Prints kubectl's error message; returns its exit status (1).
pub fn fail(io: &mut Io, m: impl Into<String>) -> i32 {
    io.eprintln(m.into());
    1
}

/// Prints an API error; returns kubectl's exit status (1).
pub fn print_api_error(io: &mut Io, e: &ApiError) -> i32 {
    io.eprintln(api_error_text(e));
    1
}

/// The namespace a command works in: `-n`, else the kubeconfig context's.
pub fn namespace(cx: &Cx, p: &Parsed) -> String {
    p.get("namespace")
        .map(str::to_string)
        .unwrap_or_else(|| cx.kube.namespace.clone())
}

/// Runs `kubectl ...`.
pub fn run(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    if !matches!(cx.place, Place::Host) {
        io.eprintln("sh: 1: kubectl: not found");
        return Run::Done(127);
    }
    let args = argv.get(1..).unwrap_or(&[]);
    // Global flags may come before the command.
    let mut i = 0;
    let mut leading: Vec<String> = Vec::new();
    while let Some(a) = args.get(i) {
        if !a.starts_with('-') {
            break;
        }
        leading.push(a.clone());
        let takes_value = flags::GLOBAL.iter().any(|f| {
            f.takes_value
                && (a == &format!("--{}", f.long) || f.short.is_some_and(|s| a == &format!("-{s}")))
        });
        i += 1;
        if takes_value {
            if let Some(v) = args.get(i) {
                leading.push(v.clone());
                i += 1;
            }
        }
    }
    let Some(cmd) = args.get(i) else {
        if leading.iter().any(|a| a == "--help" || a == "-h") || leading.is_empty() {
            return help::print(cx, "kubectl", io);
        }
        return Run::Done(0);
    };
    let mut rest: Vec<String> = args.get(i + 1..).unwrap_or(&[]).to_vec();
    rest.extend(leading);
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return info::help(cx, cmd, &rest, io);
    }
    match cmd.as_str() {
        "get" => get::run(cx, &rest, io),
        "create" => create::run(cx, &rest, io),
        "apply" => apply::run(cx, &rest, io),
        "delete" => delete::run(cx, &rest, io),
        "scale" => scale::run(cx, &rest, io),
        "expose" => create::expose(cx, &rest, io),
        "run" => create::run_pod(cx, &rest, io),
        "exec" => exec::run(cx, &rest, io),
        "logs" => logs::run(cx, &rest, io),
        "describe" => describe::run(cx, &rest, io),
        // One write per object, which the controllers take together, as their work queues do.
        "label" | "annotate" | "set" => {
            cx.cluster.begin_batch();
            let r = match cmd.as_str() {
                "label" => label::run(cx, &rest, io, "labels"),
                "annotate" => label::run(cx, &rest, io, "annotations"),
                _ => label::set(cx, &rest, io),
            };
            cx.cluster.end_batch();
            r
        }
        "rollout" => rollout::run(cx, &rest, io),
        "wait" => wait::run(cx, &rest, io),
        "version" => info::version(cx, &rest, io),
        "cluster-info" => info::cluster_info(cx, &rest, io),
        "api-resources" => info::api_resources(cx, &rest, io),
        "api-versions" => info::api_versions(cx, &rest, io),
        "config" => info::config(cx, &rest, io),
        "explain" => explain::run(cx, &rest, io),
        "edit" => edit::run(cx, &rest, io),
        "events" => get::events(cx, &rest, io),
        "top" => info::top(cx, &rest, io),
        "port-forward" => port_forward::run(cx, &rest, io),
        "cordon" => node_cmds::cordon(cx, &rest, io, true),
        "uncordon" => node_cmds::cordon(cx, &rest, io, false),
        "taint" => node_cmds::taint(cx, &rest, io),
        "patch" => {
            cx.cluster.begin_batch();
            let r = patch::run(cx, &rest, io);
            cx.cluster.end_batch();
            r
        }
        other if COMMANDS.contains(&other) => {
            io.eprintln(format!(
                "error: \"kubectl {other}\" is not available in this lab yet"
            ));
            Run::Done(1)
        }
        other => {
            let s = suggestions(other);
            let mut msg = format!("Error: unknown command \"{other}\" for \"kubectl\"");
            if !s.is_empty() {
                msg.push_str("\n\nDid you mean this?\n");
                for c in s {
                    msg.push('\t');
                    msg.push_str(c);
                    msg.push('\n');
                }
            }
            io.eprintln(msg);
            Run::Done(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_like_cobra() {
        assert_eq!(suggestions("foo"), ["top"]);
        assert_eq!(suggestions("gett"), ["set", "get"]);
        assert!(suggestions("xyzzy").is_empty());
        // The order kubectl adds its commands in (cmd.go), as real kubectl 1.32 prints them.
        assert_eq!(
            suggestions("ap"),
            ["top", "cp", "apply", "api-versions", "api-resources"]
        );
    }

    #[test]
    fn the_length_shortcut_agrees_with_the_distance() {
        for a in [
            "",
            "g",
            "ge",
            "getx",
            "gettt",
            "describe",
            "descr",
            "xxxxxxxxxxxxxxxx",
            "ĝet",
        ] {
            for b in COMMANDS {
                assert_eq!(within_two_edits(a, b), levenshtein(a, b) <= 2, "{a} {b}");
            }
        }
    }
}
