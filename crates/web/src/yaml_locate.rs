//! Where a field of a YAML manifest is written: maps an API field path such as
//! `spec.template.spec.containers[0].image` to its line and column by reading the text's
//! indentation, so the editor can show a validation error at the right place.
//!
//! Block style (what manifests use) is indexed; flow collections (`{a: 1}`) and anything
//! odd are not, and a path into them falls back to the nearest indexed parent.

/// A field written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `spec.containers[0].name`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters) of the key, or of the `-` of a list item.
    pub col: usize,
    /// Length of the key in characters (1 for a `-`).
    pub len: usize,
}

/// The fields of one YAML document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// The first line with content (1-based).
    pub first_line: usize,
    /// Every field, in text order.
    pub entries: Vec<Entry>,
}

#[derive(Debug)]
struct Frame {
    col: usize,
    path: String,
    item: bool,
    items: usize,
}

/// Indexes every document of the text (documents are separated by `---`; documents with only
/// comments and blank lines are skipped, as the parser skips them).
pub fn index(text: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut block: Option<usize> = None;
    for (n, line) in text.split('\n').enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim();
        if let Some(parent) = block {
            if trimmed.is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        if line.starts_with("---") || line.starts_with("...") {
            let after = line.get(3..).unwrap_or("");
            if after.is_empty() || after.starts_with([' ', '\t']) {
                if doc.first_line > 0 {
                    docs.push(std::mem::take(&mut doc));
                }
                stack.clear();
                // `--- value` on the marker line starts the document there.
                if !after.trim().is_empty() && !after.trim().starts_with('#') {
                    doc.first_line = line_no;
                }
                continue;
            }
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if doc.first_line == 0 {
            doc.first_line = line_no;
        }
        block = scan_line(line, line_no, &mut stack, &mut doc.entries);
    }
    if doc.first_line > 0 {
        docs.push(doc);
    }
    docs
}

fn char_col(line: &str, byte: usize) -> usize {
    line.get(..byte).map_or(0, |s| s.chars().count()) + 1
}

/// Reads one content line; returns the column a block scalar's content must exceed when the
/// line opens one.
fn scan_line(
    line: &str,
    line_no: usize,
    stack: &mut Vec<Frame>,
    entries: &mut Vec<Entry>,
) -> Option<usize> {
    let mut i = line.len() - line.trim_start_matches(' ').len();
    // Dashes: each opens an item of the nearest key at its column or left of it.
    while line
        .get(i..)
        .is_some_and(|r| r == "-" || r.starts_with("- "))
    {
        while stack
            .last()
            .is_some_and(|f| f.col > i || (f.col == i && f.item))
        {
            stack.pop();
        }
        let (parent_path, index) = match stack.last_mut() {
            Some(f) => {
                f.items += 1;
                (f.path.clone(), f.items - 1)
            }
            None => (String::new(), 0),
        };
        let path = format!("{parent_path}[{index}]");
        entries.push(Entry {
            path: path.clone(),
            line: line_no,
            col: char_col(line, i),
            len: 1,
        });
        stack.push(Frame {
            col: i,
            path,
            item: true,
            items: 0,
        });
        let after = i + 1;
        let spaces = line
            .get(after..)
            .map_or(0, |r| r.len() - r.trim_start().len());
        if line.get(after..).is_some_and(|r| r.trim().is_empty()) {
            return None;
        }
        i = after + spaces;
    }
    let rest = line.get(i..).unwrap_or("");
    let (key, key_bytes) = match key_of(rest) {
        Some(k) => k,
        None => {
            // A scalar item or a value: a block scalar opened by `- |`?
            let v = rest.trim_start();
            return (v.starts_with('|') || v.starts_with('>')).then_some(i.saturating_sub(1));
        }
    };
    while stack.last().is_some_and(|f| f.col >= i) {
        stack.pop();
    }
    let path = match stack.last() {
        Some(f) if !f.path.is_empty() => format!("{}.{key}", f.path),
        _ => key.clone(),
    };
    entries.push(Entry {
        path: path.clone(),
        line: line_no,
        col: char_col(line, i),
        len: key.chars().count().max(1),
    });
    stack.push(Frame {
        col: i,
        path,
        item: false,
        items: 0,
    });
    let value = rest.get(key_bytes + 1..).unwrap_or("").trim_start();
    (value.starts_with('|') || value.starts_with('>')).then_some(i)
}

/// The key at the start of `rest` (unquoted) and the byte of its `:`.
fn key_of(rest: &str) -> Option<(String, usize)> {
    let first = rest.chars().next()?;
    if matches!(first, '[' | '{' | '#' | '|' | '>' | '&' | '*' | '!') {
        return None;
    }
    if first == '"' || first == '\'' {
        let close = rest.get(1..)?.find(first)? + 1;
        let after = rest.get(close + 1..)?;
        let colon = close + 1 + after.find(':')?;
        if !rest.get(close + 1..colon)?.trim().is_empty() {
            return None;
        }
        return Some((rest.get(1..close)?.to_string(), colon));
    }
    let mut prev = ' ';
    for (off, c) in rest.char_indices() {
        if c == '#' && prev == ' ' {
            return None;
        }
        if c == ':' {
            let next = rest.get(off + 1..).and_then(|s| s.chars().next());
            if next.is_none_or(|n| n == ' ' || n == '\t') {
                return Some((rest.get(..off)?.trim_end().to_string(), off));
            }
        }
        prev = c;
    }
    None
}

/// A path with its list indices removed (`a[0].b` -> `a.b`), for error messages that name
/// Go struct fields without indices.
fn without_indices(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Normalizes the ways a path is written: a leading `.`, `[name]` keys, `.0.` indices.
fn normalize(path: &str) -> String {
    let p = path.trim().trim_start_matches('.');
    let mut out = String::new();
    for (i, seg) in p.split('.').enumerate() {
        if !seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit()) && i > 0 {
            out.push_str(&format!("[{seg}]"));
        } else {
            if i > 0 {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

impl Doc {
    /// The entry for a field path: the field itself; else the same path without list indices
    /// (the first such); else the nearest written parent; else `None` (the document start).
    pub fn locate(&self, path: &str) -> Option<&Entry> {
        let path = normalize(path);
        if let Some(e) = self.entries.iter().find(|e| e.path == path) {
            return Some(e);
        }
        let bare = without_indices(&path);
        if let Some(e) = self
            .entries
            .iter()
            .find(|e| without_indices(&e.path) == bare)
        {
            return Some(e);
        }
        let mut p = path.as_str();
        loop {
            let cut = p.rfind(['.', '['])?;
            p = p.get(..cut)?;
            if let Some(e) = self.entries.iter().find(|e| e.path == p) {
                return Some(e);
            }
        }
    }

    /// `(line, column)` for a path, falling back to the document's first line.
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.locate(path)
            .map_or((self.first_line.max(1), 1), |e| (e.line, e.col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;

    const DEPLOY: &str = "# a deployment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: hello\n        ports:\n          - containerPort: 8080\n            protocol: TCP\n      - name: side\n        command: [\"sh\", \"-c\"]\n        args:\n        - |\n          echo a: b\n          key: x\n        imagee: busybox\n---\n---\napiVersion: v1\nkind: Service\n\"spec\":\n  'type': ClusterIP\n";

    #[test]
    fn indexes_block_style() {
        let docs = index(DEPLOY);
        let mut s = String::new();
        for d in &docs {
            s.push_str(&format!("doc at {}\n", d.first_line));
            for e in &d.entries {
                s.push_str(&format!("  {}:{}+{} {}\n", e.line, e.col, e.len, e.path));
            }
        }
        expect![[r#"
            doc at 2
              2:1+10 apiVersion
              3:1+4 kind
              4:1+8 metadata
              5:3+4 metadata.name
              6:3+6 metadata.labels
              7:1+4 spec
              8:3+8 spec.replicas
              9:3+8 spec.template
              10:5+4 spec.template.spec
              11:7+10 spec.template.spec.containers
              12:7+1 spec.template.spec.containers[0]
              12:9+4 spec.template.spec.containers[0].name
              13:9+5 spec.template.spec.containers[0].image
              14:9+5 spec.template.spec.containers[0].ports
              15:11+1 spec.template.spec.containers[0].ports[0]
              15:13+13 spec.template.spec.containers[0].ports[0].containerPort
              16:13+8 spec.template.spec.containers[0].ports[0].protocol
              17:7+1 spec.template.spec.containers[1]
              17:9+4 spec.template.spec.containers[1].name
              18:9+7 spec.template.spec.containers[1].command
              19:9+4 spec.template.spec.containers[1].args
              20:9+1 spec.template.spec.containers[1].args[0]
              23:9+6 spec.template.spec.containers[1].imagee
            doc at 26
              26:1+10 apiVersion
              27:1+4 kind
              28:1+4 spec
              29:3+4 spec.type
        "#]]
        .assert_eq(&s);
    }

    #[test]
    fn locates_paths() {
        let docs = index(DEPLOY);
        let d = &docs[0];
        assert_eq!(
            d.position("spec.template.spec.containers[1].imagee"),
            (23, 9)
        );
        assert_eq!(d.position(".spec.replicas"), (8, 3));
        // Go struct field paths have no indices: the first match.
        assert_eq!(
            d.position("spec.template.spec.containers.ports.protocol"),
            (16, 13)
        );
        // `.1.` indices as some messages write them.
        assert_eq!(d.position("spec.template.spec.containers.1.name"), (17, 9));
        // A missing field: its nearest parent.
        assert_eq!(d.position("spec.selector"), (7, 1));
        assert_eq!(
            d.position("spec.template.spec.containers[0].resources.limits"),
            (12, 7)
        );
        assert_eq!(d.position("metadata.labels.app"), (6, 3));
        assert_eq!(d.position("nothing.here"), (2, 1));
        assert_eq!(docs[1].position("spec.type"), (29, 3));
    }

    #[test]
    fn odd_text_never_panics() {
        for t in [
            "",
            "-",
            "- - -",
            ":",
            "\"",
            "'a",
            "a:\n-\n  - b: |",
            "\u{feff}é: ñ\n  ü:",
            "---",
            "--- x",
            "\t- a",
        ] {
            let _ = index(t);
        }
        assert_eq!(index("--- |\n  text\n").len(), 1);
    }
}
