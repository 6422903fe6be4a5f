//! Tab completion as a pure function: commands, kubectl verbs, resource types, object names,
//! flags, namespaces and file paths, the way bash with kubectl's completion offers them.

use crate::context::Place;
use crate::fs::Fs;
use cluster::kind::RESOURCE_TYPES;
use cluster::{object, Cluster};

/// What completing the word under the cursor offers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the word being completed starts.
    pub start: usize,
    /// Every candidate, sorted.
    pub candidates: Vec<String>,
    /// What the word can be extended to at once (the candidates' common prefix), with a
    /// trailing space when there is exactly one candidate that is not a directory.
    pub insert: String,
}

/// The inputs completion looks at.
pub struct Scope<'a> {
    /// The cluster (object names, namespaces).
    pub cluster: &'a Cluster,
    /// The files.
    pub fs: &'a Fs,
    /// Where the shell runs.
    pub place: &'a Place,
    /// kubectl's current namespace.
    pub namespace: &'a str,
}

const OUTPUTS: &[&str] = &[
    "json",
    "yaml",
    "wide",
    "name",
    "jsonpath=",
    "custom-columns=",
];

/// Flags worth offering per kubectl verb (the common ones first).
fn verb_flags(verb: &str) -> &'static [&'static str] {
    match verb {
        "get" => &[
            "--all-namespaces",
            "--field-selector",
            "--label-columns",
            "--no-headers",
            "--output",
            "--selector",
            "--show-kind",
            "--show-labels",
            "--sort-by",
            "--watch",
            "--watch-only",
            "--namespace",
            "--filename",
        ],
        "create" => &[
            "--dry-run",
            "--filename",
            "--image",
            "--output",
            "--replicas",
            "--port",
            "--save-config",
            "--namespace",
        ],
        "apply" => &[
            "--dry-run",
            "--filename",
            "--output",
            "--recursive",
            "--namespace",
        ],
        "delete" => &[
            "--all",
            "--filename",
            "--force",
            "--grace-period",
            "--ignore-not-found",
            "--now",
            "--selector",
            "--wait",
            "--namespace",
        ],
        "scale" => &[
            "--replicas",
            "--current-replicas",
            "--selector",
            "--namespace",
        ],
        "expose" => &[
            "--port",
            "--target-port",
            "--name",
            "--type",
            "--protocol",
            "--selector",
            "--namespace",
        ],
        "run" => &[
            "--image",
            "--port",
            "--labels",
            "--env",
            "--restart",
            "--command",
            "--rm",
            "--stdin",
            "--tty",
            "--dry-run",
            "--output",
            "--namespace",
        ],
        "exec" => &["--container", "--stdin", "--tty", "--namespace"],
        "logs" => &[
            "--container",
            "--follow",
            "--previous",
            "--selector",
            "--tail",
            "--timestamps",
            "--prefix",
            "--all-containers",
            "--namespace",
        ],
        "describe" => &["--selector", "--all-namespaces", "--namespace"],
        "label" | "annotate" => &[
            "--overwrite",
            "--selector",
            "--all",
            "--list",
            "--namespace",
        ],
        "rollout" => &[
            "--revision",
            "--to-revision",
            "--timeout",
            "--watch",
            "--namespace",
        ],
        "wait" => &["--for", "--timeout", "--selector", "--all", "--namespace"],
        _ => &["--namespace", "--help"],
    }
}

fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut end = first.len();
    for s in items.iter().skip(1) {
        end = end.min(
            first
                .bytes()
                .zip(s.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first.get(..end).unwrap_or("").to_string()
}

/// Splits the line before the cursor into words (quotes respected); returns (words, start of the last).
fn words_before(line: &str) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, ' ' | '\t') => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                start = i + 1;
            }
            (None, ';' | '|' | '&') => {
                words.clear();
                cur.clear();
                start = i + 1;
            }
            (None, c) => cur.push(c),
        }
    }
    words.push(cur);
    (words, start)
}

fn resource_words() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    // kubectl offers the plural resource names (api-resources -o name), not short names.
    for r in RESOURCE_TYPES.iter().filter(|r| r.storable) {
        v.push(r.plural.to_string());
    }
    v.push("all".into());
    cluster::sort::sort(&mut v);
    v.dedup();
    v
}

fn names_of(scope: &Scope, kind_word: &str, namespace: &str) -> Vec<String> {
    let Some(rt) = cluster::kind::lookup(kind_word) else {
        return Vec::new();
    };
    let ns = if rt.namespaced { Some(namespace) } else { None };
    scope
        .cluster
        .list(rt, ns)
        .into_iter()
        .map(|o| object::name(o).to_string())
        .collect()
}

fn paths(fs: &Fs, word: &str) -> Vec<String> {
    let (dir, base) = match word.rfind('/') {
        Some(i) => (
            word.get(..=i).unwrap_or(""),
            word.get(i + 1..).unwrap_or(""),
        ),
        None => ("", word),
    };
    let list_dir = if dir.is_empty() { "." } else { dir };
    let Ok(entries) = fs.list(list_dir) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter(|(n, _)| n.starts_with(base) && (!n.starts_with('.') || base.starts_with('.')))
        .map(|(n, is_dir)| format!("{dir}{n}{}", if is_dir { "/" } else { "" }))
        .collect()
}

/// Completes the word ending at `cursor` (a byte offset into `line`).
pub fn complete(scope: &Scope, line: &str, cursor: usize) -> Completion {
    let before = line.get(..cursor.min(line.len())).unwrap_or(line);
    let (words, start) = words_before(before);
    let word = words.last().cloned().unwrap_or_default();
    let args: Vec<&str> = words
        .iter()
        .take(words.len().saturating_sub(1))
        .map(String::as_str)
        .collect();
    let mut candidates: Vec<String> = match args.first().copied() {
        None => {
            if word.contains('/') {
                paths(scope.fs, &word)
            } else {
                let mut c: Vec<String> = match scope.place {
                    Place::Host => crate::programs::host_commands()
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                    Place::Pod { programs, .. } => programs.clone(),
                };
                if matches!(scope.place, Place::Host) {
                    c.push("k".into());
                }
                c
            }
        }
        Some("kubectl" | "k") => kubectl(scope, &args, &word),
        _ => paths(scope.fs, &word),
    };
    candidates.retain(|c| c.starts_with(&word));
    cluster::sort::sort(&mut candidates);
    candidates.dedup();
    let mut insert = common_prefix(&candidates);
    if candidates.len() == 1 && !insert.ends_with('/') && !insert.ends_with('=') {
        insert.push(' ');
    }
    if insert.len() < word.len() {
        insert = word;
    }
    Completion {
        start,
        candidates,
        insert,
    }
}

fn kubectl(scope: &Scope, args: &[&str], word: &str) -> Vec<String> {
    let positional: Vec<&str> = args
        .iter()
        .skip(1)
        .copied()
        .filter(|a| !a.starts_with('-'))
        .collect();
    let prev = args.last().copied().unwrap_or("");
    let ns = args
        .iter()
        .position(|a| *a == "-n" || *a == "--namespace")
        .and_then(|i| args.get(i + 1).copied())
        .unwrap_or(scope.namespace);
    // Values of flags.
    match prev {
        "-n" | "--namespace" => return names_of(scope, "ns", ""),
        "-o" | "--output" => return OUTPUTS.iter().map(|s| s.to_string()).collect(),
        "-f" | "--filename" => return paths(scope.fs, word),
        "-c" | "--container" => {
            let pod = positional.get(1).copied().unwrap_or("");
            return scope
                .cluster
                .store()
                .get_named("Pod", ns, pod)
                .map(|p| {
                    object::array_at(p, &["spec", "containers"])
                        .iter()
                        .filter_map(|c| object::str_at(c, &["name"]).map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
        }
        _ => {}
    }
    let Some(verb) = positional.first().copied() else {
        return super::kubectl::COMMANDS
            .iter()
            .map(|s| s.to_string())
            .collect();
    };
    if word.starts_with('-') {
        return verb_flags(verb).iter().map(|s| s.to_string()).collect();
    }
    match verb {
        "exec" | "logs" | "attach" | "port-forward" => {
            if positional.len() == 1 {
                return names_of(scope, "pods", ns);
            }
            Vec::new()
        }
        "rollout" => match positional.len() {
            1 => ["history", "pause", "restart", "resume", "status", "undo"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            _ => typed_names(
                scope,
                positional.get(1..).unwrap_or(&[]),
                word,
                ns,
                &["deployments", "daemonsets", "statefulsets"],
            ),
        },
        "create" => {
            if positional.len() == 1 {
                return [
                    "configmap",
                    "deployment",
                    "namespace",
                    "secret",
                    "service",
                    "serviceaccount",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect();
            }
            Vec::new()
        }
        "config" => [
            "current-context",
            "get-contexts",
            "set-context",
            "use-context",
            "view",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "get" | "describe" | "delete" | "edit" | "label" | "annotate" | "scale" | "expose"
        | "wait" | "explain" | "set" => {
            typed_names(scope, positional.get(1..).unwrap_or(&[]), word, ns, &[])
        }
        _ => Vec::new(),
    }
}

/// After a verb: resource types, then names of the chosen type, or `type/name`.
fn typed_names(
    scope: &Scope,
    after_verb: &[&str],
    word: &str,
    ns: &str,
    only: &[&str],
) -> Vec<String> {
    if let Some((t, _)) = word.split_once('/') {
        return names_of(scope, t, ns)
            .into_iter()
            .map(|n| format!("{t}/{n}"))
            .collect();
    }
    match after_verb.first() {
        None => {
            if only.is_empty() {
                resource_words()
            } else {
                only.iter().map(|s| s.to_string()).collect()
            }
        }
        Some(t) => {
            let kind = t.split(',').next().unwrap_or(t);
            names_of(scope, kind, ns)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster::{Profile, Time};

    fn scope_with<T>(f: impl FnOnce(&Scope) -> T) -> T {
        let cl = Cluster::new(Profile::kind(), 1, Time(1_800_000_000_000));
        let mut fs = Fs::new("/root");
        fs.put("manifests/web-clusterip-svc.yaml", "").unwrap();
        fs.put("manifests/dnsutils.yaml", "").unwrap();
        let scope = Scope {
            cluster: &cl,
            fs: &fs,
            place: &Place::Host,
            namespace: "default",
        };
        f(&scope)
    }

    fn check(line: &str) -> (String, Vec<String>) {
        scope_with(|s| {
            let c = complete(s, line, line.len());
            (c.insert, c.candidates)
        })
    }

    #[test]
    fn completes_commands_verbs_and_types() {
        assert_eq!(check("kube").0, "kubectl ");
        assert_eq!(check("kubectl ge").0, "get ");
        assert_eq!(check("kubectl get deplo").0, "deployments ");
        let (_, c) = check("kubectl get po");
        assert_eq!(c, ["poddisruptionbudgets", "pods", "podtemplates"]);
    }

    #[test]
    fn completes_names_namespaces_and_files() {
        assert_eq!(check("kubectl get ns kube-s").0, "kube-system ");
        assert_eq!(check("kubectl -n kube-sys").0, "kube-system ");
        assert_eq!(check("kubectl apply -f man").0, "manifests/");
        assert_eq!(
            check("kubectl apply -f manifests/d").0,
            "manifests/dnsutils.yaml "
        );
        assert_eq!(
            check("cat manifests/web").0,
            "manifests/web-clusterip-svc.yaml "
        );
        assert_eq!(check("kubectl get svc kub").0, "kubernetes ");
        assert_eq!(check("kubectl get svc/kub").0, "svc/kubernetes ");
        assert_eq!(check("kubectl get pods -o ya").0, "yaml ");
    }
}
