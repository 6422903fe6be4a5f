//! The lab host's small virtual filesystem: the lesson's files, what the learner writes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What went wrong with a path, worded as coreutils does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsError {
    /// `No such file or directory`.
    NotFound,
    /// `Is a directory`.
    IsDir,
    /// `Not a directory`.
    NotDir,
    /// `File exists`.
    Exists,
    /// `Directory not empty`.
    NotEmpty,
}

impl FsError {
    /// The strerror text.
    pub fn text(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::IsDir => "Is a directory",
            FsError::NotDir => "Not a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
        }
    }
}

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Node {
    /// A directory.
    Dir,
    /// A regular file and its text.
    File(String),
}

/// Files by absolute path; directories are explicit entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fs {
    nodes: BTreeMap<String, Node>,
    /// The working directory.
    pub cwd: String,
    /// `$HOME`.
    pub home: String,
}

impl Default for Fs {
    fn default() -> Fs {
        Fs::new("/root")
    }
}

impl Fs {
    /// A tree with `/`, `/tmp`, `/etc` and the home directory, which is also the working directory.
    pub fn new(home: &str) -> Fs {
        let mut fs = Fs {
            nodes: BTreeMap::new(),
            cwd: home.to_string(),
            home: home.to_string(),
        };
        for d in ["/", "/tmp", "/etc", "/root", "/home"] {
            fs.nodes.insert(d.to_string(), Node::Dir);
        }
        let _ = fs.mkdir_p(home);
        fs.nodes.insert(
            "/etc/hostname".into(),
            Node::File("kind-control-plane\n".into()),
        );
        fs.nodes.insert(
            "/etc/os-release".into(),
            Node::File("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n".into()),
        );
        fs
    }

    /// An absolute, normalized path for `path` relative to the working directory.
    pub fn resolve(&self, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_string()
        } else if path == "~" {
            self.home.clone()
        } else if let Some(rest) = path.strip_prefix("~/") {
            format!("{}/{rest}", self.home)
        } else {
            format!("{}/{path}", self.cwd)
        };
        let mut parts: Vec<&str> = Vec::new();
        for p in joined.split('/') {
            match p {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        format!("/{}", parts.join("/"))
    }

    /// The path as `ls`/prompts show it relative to home (`~/manifests`).
    pub fn pretty(&self, abs: &str) -> String {
        if abs == self.home {
            "~".into()
        } else if let Some(rest) = abs.strip_prefix(&format!("{}/", self.home)) {
            format!("~/{rest}")
        } else {
            abs.to_string()
        }
    }

    fn parent(abs: &str) -> String {
        match abs.rfind('/') {
            Some(0) | None => "/".into(),
            Some(i) => abs.get(..i).unwrap_or("/").to_string(),
        }
    }

    /// The node at a path.
    pub fn stat(&self, path: &str) -> Option<&Node> {
        self.nodes.get(&self.resolve(path))
    }

    /// Reads a file.
    pub fn read(&self, path: &str) -> Result<&str, FsError> {
        match self.nodes.get(&self.resolve(path)) {
            Some(Node::File(t)) => Ok(t),
            Some(Node::Dir) => Err(FsError::IsDir),
            None => Err(FsError::NotFound),
        }
    }

    /// Writes (creates or replaces) a file; the parent directory must exist.
    pub fn write(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        match self.nodes.get(&Fs::parent(&abs)) {
            Some(Node::Dir) => {}
            Some(Node::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        if matches!(self.nodes.get(&abs), Some(Node::Dir)) {
            return Err(FsError::IsDir);
        }
        self.nodes.insert(abs, Node::File(text.to_string()));
        Ok(())
    }

    /// Appends to a file, creating it.
    pub fn append(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let old = match self.read(path) {
            Ok(t) => t.to_string(),
            Err(FsError::NotFound) => String::new(),
            Err(e) => return Err(e),
        };
        self.write(path, &(old + text))
    }

    /// Writes a file, creating its parent directories (lesson assets, the editor).
    pub fn put(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        self.mkdir_p(&Fs::parent(&abs))?;
        self.write(&abs, text)
    }

    /// `mkdir -p`.
    pub fn mkdir_p(&mut self, path: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        let mut cur = String::new();
        for part in abs.split('/').filter(|p| !p.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            match self.nodes.get(&cur) {
                Some(Node::File(_)) => return Err(FsError::NotDir),
                Some(Node::Dir) => {}
                None => {
                    self.nodes.insert(cur.clone(), Node::Dir);
                }
            }
        }
        Ok(())
    }

    /// `mkdir` (the parent must exist).
    pub fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        if self.nodes.contains_key(&abs) {
            return Err(FsError::Exists);
        }
        match self.nodes.get(&Fs::parent(&abs)) {
            Some(Node::Dir) => {
                self.nodes.insert(abs, Node::Dir);
                Ok(())
            }
            Some(Node::File(_)) => Err(FsError::NotDir),
            None => Err(FsError::NotFound),
        }
    }

    /// Removes a file, or a directory with `recursive`.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let abs = self.resolve(path);
        match self.nodes.get(&abs) {
            None => Err(FsError::NotFound),
            Some(Node::File(_)) => {
                self.nodes.remove(&abs);
                Ok(())
            }
            Some(Node::Dir) => {
                let prefix = format!("{abs}/");
                let children: Vec<String> = self
                    .nodes
                    .keys()
                    .filter(|k| k.starts_with(&prefix))
                    .cloned()
                    .collect();
                if !recursive {
                    return Err(FsError::IsDir);
                }
                for c in children {
                    self.nodes.remove(&c);
                }
                self.nodes.remove(&abs);
                Ok(())
            }
        }
    }

    /// The names in a directory, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<(String, bool)>, FsError> {
        let abs = self.resolve(path);
        match self.nodes.get(&abs) {
            None => return Err(FsError::NotFound),
            Some(Node::File(_)) => return Err(FsError::NotDir),
            Some(Node::Dir) => {}
        }
        let prefix = if abs == "/" {
            "/".to_string()
        } else {
            format!("{abs}/")
        };
        Ok(self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, n)| {
                let rest = k.get(prefix.len()..)?;
                (!rest.is_empty() && !rest.contains('/'))
                    .then(|| (rest.to_string(), matches!(n, Node::Dir)))
            })
            .collect())
    }

    /// Every file under a directory, recursively, sorted by path (`kubectl apply -f dir/ -R`).
    pub fn files_under(&self, path: &str, recursive: bool) -> Vec<String> {
        let abs = self.resolve(path);
        let prefix = format!("{}/", abs.trim_end_matches('/'));
        self.nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, n)| {
                matches!(n, Node::File(_))
                    && (recursive || !k.get(prefix.len()..).unwrap_or("").contains('/'))
            })
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Every path in the tree (for completion and globbing).
    pub fn paths(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.nodes.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_and_files_round_trip() {
        let mut fs = Fs::new("/root");
        fs.put("manifests/web.yaml", "kind: Service\n").unwrap();
        assert_eq!(
            fs.read("/root/manifests/web.yaml").unwrap(),
            "kind: Service\n"
        );
        assert_eq!(
            fs.read("./manifests/../manifests/web.yaml").unwrap(),
            "kind: Service\n"
        );
        assert_eq!(fs.read("manifests"), Err(FsError::IsDir));
        assert_eq!(fs.read("nope"), Err(FsError::NotFound));
        assert_eq!(fs.list("~").unwrap(), vec![("manifests".to_string(), true)]);
        assert_eq!(fs.write("a/b", "x"), Err(FsError::NotFound));
        assert_eq!(fs.pretty("/root/manifests"), "~/manifests");
        assert_eq!(
            fs.files_under("manifests", false),
            vec!["/root/manifests/web.yaml".to_string()]
        );
    }
}
