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
    /// `No space left on device`: the files would hold more than [`CAPACITY`].
    NoSpace,
}

/// How many bytes of file text the lab host's disk holds (a tmpfs in the tab's memory). Far
/// more than a lesson writes; what stops a loop that doubles a file each turn before it takes
/// the tab's memory.
#[cfg(not(fuzzing))]
pub const CAPACITY: usize = 16 << 20;
/// The fuzz build's disk: 1 MiB. The same limits, reached 16 times sooner, so an input that
/// fills the disk in a loop costs milliseconds, not seconds (libFuzzer would stop at a slow
/// input); the limits' paths are what the fuzzer should reach, and it reaches them more often.
#[cfg(fuzzing)]
pub const CAPACITY: usize = 1 << 20;

impl FsError {
    /// The strerror text.
    pub fn text(self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::IsDir => "Is a directory",
            FsError::NotDir => "Not a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::NoSpace => "No space left on device",
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
#[serde(from = "SavedFs")]
pub struct Fs {
    nodes: BTreeMap<String, Node>,
    /// The working directory.
    pub cwd: String,
    /// `$HOME`.
    pub home: String,
    /// Bytes of file text in `nodes`, kept up to date by every write and removal so that the
    /// capacity check costs nothing; not saved, counted again on load.
    #[serde(skip_serializing)]
    used: usize,
}

/// What a saved [`Fs`] holds: the tree, without the derived byte count.
#[derive(Deserialize)]
struct SavedFs {
    nodes: BTreeMap<String, Node>,
    cwd: String,
    home: String,
}

impl From<SavedFs> for Fs {
    fn from(s: SavedFs) -> Fs {
        let used = s
            .nodes
            .values()
            .map(|n| match n {
                Node::File(t) => t.len(),
                Node::Dir => 0,
            })
            .sum();
        Fs {
            nodes: s.nodes,
            cwd: s.cwd,
            home: s.home,
            used,
        }
    }
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
            used: 0,
        };
        for d in ["/", "/tmp", "/etc", "/root", "/home"] {
            fs.nodes.insert(d.to_string(), Node::Dir);
        }
        let _ = fs.mkdir_p(home);
        let _ = fs.write("/etc/hostname", "kind-control-plane\n");
        let _ = fs.write(
            "/etc/os-release",
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n",
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

    /// Bytes of file text on the disk.
    pub fn used(&self) -> usize {
        self.used
    }

    /// The length of the regular file at `abs` (0 when there is none), after checking that a
    /// file can be written there: the parent is a directory and `abs` is not one.
    fn writable(&self, abs: &str) -> Result<usize, FsError> {
        match self.nodes.get(&Fs::parent(abs)) {
            Some(Node::Dir) => {}
            Some(Node::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
        match self.nodes.get(abs) {
            Some(Node::Dir) => Err(FsError::IsDir),
            Some(Node::File(t)) => Ok(t.len()),
            None => Ok(0),
        }
    }

    /// Writes (creates or replaces) a file; the parent directory must exist, and the disk must
    /// have room for the new text once the old is gone.
    pub fn write(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        let old = self.writable(&abs)?;
        let used = self.used.saturating_sub(old);
        if used + text.len() > CAPACITY {
            return Err(FsError::NoSpace);
        }
        self.used = used + text.len();
        self.nodes.insert(abs, Node::File(text.to_string()));
        Ok(())
    }

    /// Appends to a file, creating it; in place, so a command that prints in many pieces into
    /// a redirection costs what it writes.
    pub fn append(&mut self, path: &str, text: &str) -> Result<(), FsError> {
        let abs = self.resolve(path);
        self.writable(&abs)?;
        if self.used + text.len() > CAPACITY {
            return Err(FsError::NoSpace);
        }
        self.used += text.len();
        match self
            .nodes
            .entry(abs)
            .or_insert_with(|| Node::File(String::new()))
        {
            Node::File(t) => t.push_str(text),
            // `writable` ruled a directory out.
            Node::Dir => {}
        }
        Ok(())
    }

    /// Moves a regular file to `to` (replacing a file there), as `rename(2)`: the text is not
    /// copied, so it needs no room on the disk.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let (from, to) = (self.resolve(from), self.resolve(to));
        match self.nodes.get(&from) {
            Some(Node::File(_)) => {}
            Some(Node::Dir) => return Err(FsError::IsDir),
            None => return Err(FsError::NotFound),
        }
        let old = self.writable(&to)?;
        if from == to {
            return Ok(());
        }
        if let Some(node) = self.nodes.remove(&from) {
            self.used = self.used.saturating_sub(old);
            self.nodes.insert(to, node);
        }
        Ok(())
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
                self.forget(&abs);
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
                    self.forget(&c);
                }
                self.nodes.remove(&abs);
                Ok(())
            }
        }
    }

    /// Removes one node, giving its bytes back to the disk.
    fn forget(&mut self, abs: &str) {
        if let Some(Node::File(t)) = self.nodes.remove(abs) {
            self.used = self.used.saturating_sub(t.len());
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

    #[test]
    fn the_disk_counts_its_bytes_and_refuses_what_does_not_fit() {
        let mut fs = Fs::new("/root");
        let base = fs.used();
        fs.write("a", "12345").unwrap();
        fs.append("a", "678").unwrap();
        fs.write("b", "xy").unwrap();
        assert_eq!(fs.used(), base + 10);
        fs.write("a", "1").unwrap();
        assert_eq!(fs.used(), base + 3);
        fs.rename("a", "b").unwrap();
        assert_eq!((fs.used(), fs.read("b").unwrap()), (base + 1, "1"));
        assert_eq!(fs.rename("a", "c"), Err(FsError::NotFound));
        fs.put("d/e/f", "abc").unwrap();
        fs.remove("d", true).unwrap();
        assert_eq!(fs.used(), base + 1);

        let big = "x".repeat(CAPACITY - fs.used());
        fs.write("big", &big).unwrap();
        assert_eq!(fs.append("b", "2"), Err(FsError::NoSpace));
        assert_eq!(fs.write("c", "2"), Err(FsError::NoSpace));
        assert_eq!(
            fs.read("b").unwrap(),
            "1",
            "a refused write changes nothing"
        );
        // Replacing a file gives its old bytes back first.
        fs.write("b", "9").unwrap();
        fs.rename("b", "big").unwrap();
        assert_eq!((fs.used(), fs.read("big").unwrap()), (base + 1, "9"));
    }

    #[test]
    fn a_saved_disk_counts_its_bytes_again() {
        let mut fs = Fs::new("/root");
        fs.put("m/a.yaml", "kind: Pod\n").unwrap();
        let json = serde_json::to_string(&fs).unwrap();
        assert!(!json.contains("used"), "{json}");
        let back: Fs = serde_json::from_str(&json).unwrap();
        assert_eq!(back.used(), fs.used());
        assert_eq!(back, fs);
    }
}
