//! Resource arguments: `pods`, `pods a b`, `pod/a svc/b`, `deploy,svc`, `all`.

use cluster::kind::{self, ResourceType};

/// What `kubectl get all` expands to, in kubectl's order.
pub const ALL: &[&str] = &[
    "Pod",
    "Service",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "CronJob",
    "Job",
];

/// A resource type with the names asked for (`None`: all of them).
#[derive(Clone, Debug)]
pub struct Selection {
    /// The type.
    pub rt: &'static ResourceType,
    /// Specific names, or every object.
    pub names: Option<Vec<String>>,
    /// Whether the type came from `all` (kubectl then skips types it cannot list).
    pub from_all: bool,
}

/// Why resource arguments are wrong, as kubectl says it.
pub fn unknown_type(name: &str) -> String {
    format!("error: the server doesn't have a resource type \"{name}\"")
}

fn lookup(name: &str) -> Result<Vec<(&'static ResourceType, bool)>, String> {
    if name.eq_ignore_ascii_case("all") {
        return Ok(ALL
            .iter()
            .filter_map(|k| kind::by_kind(k))
            .map(|r| (r, true))
            .collect());
    }
    kind::lookup(name)
        .map(|r| vec![(r, false)])
        .ok_or_else(|| unknown_type(name))
}

/// Parses the positional arguments of get/describe/delete/label.
pub fn parse(args: &[String]) -> Result<Vec<Selection>, String> {
    let Some(first) = args.first() else {
        return Ok(Vec::new());
    };
    if first.contains('/') {
        let mut out: Vec<Selection> = Vec::new();
        for a in args {
            let Some((t, n)) = a.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
            };
            if n.is_empty() {
                return Err(
                    "error: arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            let rt = kind::lookup(t).ok_or_else(|| unknown_type(t))?;
            match out.iter_mut().find(|s| std::ptr::eq(s.rt, rt)) {
                Some(s) => s.names.get_or_insert_with(Vec::new).push(n.to_string()),
                None => out.push(Selection {
                    rt,
                    names: Some(vec![n.to_string()]),
                    from_all: false,
                }),
            }
        }
        return Ok(out);
    }
    if args.iter().skip(1).any(|a| a.contains('/')) {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    let names: Vec<String> = args.iter().skip(1).cloned().collect();
    let mut out = Vec::new();
    for t in first.split(',').filter(|t| !t.is_empty()) {
        for (rt, from_all) in lookup(t)? {
            if out.iter().any(|s: &Selection| std::ptr::eq(s.rt, rt)) {
                continue;
            }
            out.push(Selection {
                rt,
                names: if names.is_empty() {
                    None
                } else {
                    Some(names.clone())
                },
                from_all,
            });
        }
    }
    Ok(out)
}

/// `kind.group/name` (`deployment.apps/web`, `pod/x`): kubectl's `-o name` and messages.
pub fn qualified_name(rt: &ResourceType, name: &str) -> String {
    format!("{}/{name}", rt.qualified_kind_lower())
}
