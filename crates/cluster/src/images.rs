//! The catalogue of container images the simulated registry knows, and what each one runs.
//!
//! Adding an image is adding a row: its repository, tags, size, the program it starts and the
//! programs `kubectl exec` finds inside it.

use serde::{Deserialize, Serialize};

/// What a container of an image does when started without a `command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum App {
    /// `gcr.io/google-samples/hello-app`: HTTP on $PORT (8080), answers with its version and hostname.
    HelloApp {
        /// 1 or 2: the major version (`Version: 1.0.0`).
        major: u8,
    },
    /// nginx: the welcome page on port 80.
    Nginx,
    /// CoreDNS: DNS on 53 and metrics on 9153.
    CoreDns,
    /// A control-plane or node component that just keeps running.
    Daemon,
    /// An image whose default command is a shell (busybox, alpine, debian...): without a TTY it exits at once.
    Shell,
    /// An image whose default command is a Go test server (agnhost): serves HTTP on 80... as `netexec`.
    Agnhost,
}

/// How the main process reacts to SIGTERM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnSigterm {
    /// Exits at once with this code (Go programs without a handler exit 2).
    Exit(i32),
    /// Ignores it (PID 1 without a handler, like `sleep`): killed after the grace period.
    Ignore,
    /// Shuts down after this many milliseconds, then exits 0 (CoreDNS lameduck).
    Drain(i64),
}

/// One image repository in the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// The repository without registry defaults applied by the user (`nginx` is `docker.io/library/nginx`).
    pub repository: &'static str,
    /// Known tags; empty means any tag exists.
    pub tags: &'static [&'static str],
    /// Compressed size in bytes, as containerd reports after a pull.
    pub size: u64,
    /// The default program.
    pub app: App,
    /// Programs on the image's $PATH that `kubectl exec` can run.
    pub programs: &'static [&'static str],
}

const BUSYBOX: &[&str] = &[
    "sh", "ash", "echo", "cat", "env", "hostname", "ls", "nslookup", "wget", "sleep", "ps", "ping",
    "printenv", "true", "false", "pwd", "id", "date", "head", "tail", "grep", "wc", "sort",
    "uname", "whoami", "nc", "ip", "ifconfig", "top", "mkdir", "touch", "rm", "vi",
];
const DEBIAN: &[&str] = &[
    "sh", "bash", "echo", "cat", "env", "hostname", "ls", "sleep", "ps", "printenv", "true",
    "false", "pwd", "id", "date", "head", "tail", "grep", "wc", "sort", "uname", "whoami", "mkdir",
    "touch", "rm",
];
const DNSUTILS: &[&str] = &[
    "sh", "bash", "echo", "cat", "env", "hostname", "ls", "sleep", "ps", "printenv", "true",
    "false", "pwd", "id", "date", "head", "tail", "grep", "wc", "sort", "uname", "whoami",
    "nslookup", "dig", "host", "mkdir", "touch", "rm",
];
const NGINX: &[&str] = &[
    "sh", "bash", "echo", "cat", "env", "hostname", "ls", "sleep", "printenv", "true", "false",
    "pwd", "id", "date", "head", "tail", "grep", "wc", "sort", "uname", "whoami", "curl", "nginx",
    "mkdir", "touch", "rm",
];

/// Every image the simulated registry serves.
pub static CATALOGUE: &[ImageInfo] = &[
    ImageInfo {
        repository: "gcr.io/google-samples/hello-app",
        tags: &["1.0"],
        size: 4_239_016,
        app: App::HelloApp { major: 1 },
        programs: &[],
    },
    ImageInfo {
        repository: "gcr.io/google-samples/hello-app",
        tags: &["2.0"],
        size: 4_239_023,
        app: App::HelloApp { major: 2 },
        programs: &[],
    },
    ImageInfo {
        repository: "us-docker.pkg.dev/google-samples/containers/gke/hello-app",
        tags: &["1.0"],
        size: 4_239_016,
        app: App::HelloApp { major: 1 },
        programs: &[],
    },
    ImageInfo {
        repository: "us-docker.pkg.dev/google-samples/containers/gke/hello-app",
        tags: &["2.0"],
        size: 4_239_023,
        app: App::HelloApp { major: 2 },
        programs: &[],
    },
    ImageInfo {
        repository: "docker.io/library/nginx",
        tags: &[],
        size: 72_099_501,
        app: App::Nginx,
        programs: NGINX,
    },
    ImageInfo {
        repository: "docker.io/library/busybox",
        tags: &[],
        size: 2_155_500,
        app: App::Shell,
        programs: BUSYBOX,
    },
    ImageInfo {
        repository: "docker.io/library/alpine",
        tags: &[],
        size: 3_653_068,
        app: App::Shell,
        programs: BUSYBOX,
    },
    ImageInfo {
        repository: "docker.io/library/ubuntu",
        tags: &[],
        size: 29_754_422,
        app: App::Shell,
        programs: DEBIAN,
    },
    ImageInfo {
        repository: "docker.io/library/debian",
        tags: &[],
        size: 49_557_601,
        app: App::Shell,
        programs: DEBIAN,
    },
    ImageInfo {
        repository: "registry.k8s.io/e2e-test-images/jessie-dnsutils",
        tags: &["1.3", "1.5", "1.7"],
        size: 112_498_624,
        app: App::Shell,
        programs: DNSUTILS,
    },
    ImageInfo {
        repository: "gcr.io/kubernetes-e2e-test-images/dnsutils",
        tags: &["1.3"],
        size: 4_210_427,
        app: App::Shell,
        programs: DNSUTILS,
    },
    ImageInfo {
        repository: "registry.k8s.io/e2e-test-images/agnhost",
        tags: &[],
        size: 52_713_312,
        app: App::Agnhost,
        programs: DNSUTILS,
    },
    ImageInfo {
        repository: "registry.k8s.io/coredns/coredns",
        tags: &["v1.11.3"],
        size: 18_562_039,
        app: App::CoreDns,
        programs: &[],
    },
    ImageInfo {
        repository: "registry.k8s.io/etcd",
        tags: &["3.5.16-0"],
        size: 57_680_541,
        app: App::Daemon,
        programs: &["sh", "etcdctl"],
    },
    ImageInfo {
        repository: "registry.k8s.io/kube-apiserver",
        tags: &["v1.32.2"],
        size: 28_671_624,
        app: App::Daemon,
        programs: &[],
    },
    ImageInfo {
        repository: "registry.k8s.io/kube-controller-manager",
        tags: &["v1.32.2"],
        size: 26_259_392,
        app: App::Daemon,
        programs: &[],
    },
    ImageInfo {
        repository: "registry.k8s.io/kube-scheduler",
        tags: &["v1.32.2"],
        size: 20_657_536,
        app: App::Daemon,
        programs: &[],
    },
    ImageInfo {
        repository: "registry.k8s.io/kube-proxy",
        tags: &["v1.32.2"],
        size: 30_907_464,
        app: App::Daemon,
        programs: &["sh", "iptables"],
    },
    ImageInfo {
        repository: "docker.io/kindest/kindnetd",
        tags: &["v20250214-acbabc1a"],
        size: 38_996_835,
        app: App::Daemon,
        programs: &[],
    },
    ImageInfo {
        repository: "docker.io/kindest/local-path-provisioner",
        tags: &["v20250214-acbabc1a"],
        size: 22_541_737,
        app: App::Daemon,
        programs: &[],
    },
];

/// An image reference split the way containerd normalizes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// `docker.io/library/nginx`.
    pub repository: String,
    /// `latest` when none was given.
    pub tag: String,
}

impl ImageRef {
    /// Normalizes `nginx`, `nginx:1.27`, `library/nginx`, `gcr.io/x/y:1.0` (digests are kept as the tag).
    pub fn parse(image: &str) -> ImageRef {
        let (name, tag) = match image.split_once('@') {
            Some((n, digest)) => (n.to_string(), digest.to_string()),
            None => {
                let last_slash = image.rfind('/').map_or(0, |i| i + 1);
                match image.get(last_slash..).and_then(|tail| tail.rfind(':')) {
                    Some(colon) => (
                        image.get(..last_slash + colon).unwrap_or(image).to_string(),
                        image
                            .get(last_slash + colon + 1..)
                            .unwrap_or("")
                            .to_string(),
                    ),
                    None => (image.to_string(), "latest".to_string()),
                }
            }
        };
        let first = name.split('/').next().unwrap_or("");
        let has_registry = name.contains('/')
            && (first.contains('.') || first.contains(':') || first == "localhost");
        let repository = if has_registry {
            name
        } else if name.contains('/') {
            format!("docker.io/{name}")
        } else {
            format!("docker.io/library/{name}")
        };
        ImageRef { repository, tag }
    }

    /// `docker.io/library/nginx:latest`.
    pub fn full(&self) -> String {
        if self.tag.starts_with("sha256:") {
            format!("{}@{}", self.repository, self.tag)
        } else {
            format!("{}:{}", self.repository, self.tag)
        }
    }
}

/// What pulling an image gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Pull {
    /// The image exists.
    Found(&'static ImageInfo),
    /// The repository exists but not this tag.
    TagNotFound,
    /// The repository is unknown (or private).
    AccessDenied,
}

/// Looks an image up in the catalogue.
pub fn pull(image: &str) -> Pull {
    let r = ImageRef::parse(image);
    let mut repo_known = false;
    for info in CATALOGUE {
        if info.repository == r.repository {
            repo_known = true;
            if info.tags.is_empty() || info.tags.contains(&r.tag.as_str()) {
                return Pull::Found(info);
            }
        }
    }
    if repo_known {
        Pull::TagNotFound
    } else {
        Pull::AccessDenied
    }
}

/// The kubelet's message for a failed pull, after `Failed to pull image "<image>": `.
pub fn pull_error_message(image: &str) -> String {
    let r = ImageRef::parse(image);
    let full = r.full();
    match pull(image) {
        Pull::Found(_) => String::new(),
        Pull::TagNotFound => format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
        ),
        Pull::AccessDenied => format!(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        ),
    }
}

/// How the image's default program handles SIGTERM.
pub fn on_sigterm(app: App) -> OnSigterm {
    match app {
        App::HelloApp { .. } => OnSigterm::Exit(2),
        App::Nginx => OnSigterm::Exit(0),
        App::CoreDns => OnSigterm::Drain(5_000),
        App::Daemon | App::Agnhost => OnSigterm::Exit(0),
        App::Shell => OnSigterm::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_references_like_containerd() {
        let r = ImageRef::parse("nginx");
        assert_eq!(r.full(), "docker.io/library/nginx:latest");
        assert_eq!(
            ImageRef::parse("bitnami/nginx:1.2").full(),
            "docker.io/bitnami/nginx:1.2"
        );
        assert_eq!(
            ImageRef::parse("gcr.io/google-samples/hello-app:1.0").full(),
            "gcr.io/google-samples/hello-app:1.0"
        );
        assert_eq!(
            ImageRef::parse("localhost:5000/app").full(),
            "localhost:5000/app:latest"
        );
    }

    #[test]
    fn pulls_known_images_and_refuses_others() {
        assert!(
            matches!(pull("gcr.io/google-samples/hello-app:1.0"), Pull::Found(i) if i.app == App::HelloApp { major: 1 })
        );
        assert!(
            matches!(pull("gcr.io/google-samples/hello-app:2.0"), Pull::Found(i) if i.app == App::HelloApp { major: 2 })
        );
        assert_eq!(
            pull("gcr.io/google-samples/hello-app:9.9"),
            Pull::TagNotFound
        );
        assert_eq!(pull("nginxx"), Pull::AccessDenied);
        assert!(matches!(pull("nginx:1.27"), Pull::Found(_)));
    }
}
