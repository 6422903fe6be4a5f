//! Word expansion: variables, `$(...)`, `$((...))`, `~`, field splitting and globbing.

use crate::context::{Cx, Place};
use crate::syntax::{Part, Word};

/// Where a piece of expanded text came from: that decides splitting and globbing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Quoted text: kept as is.
    Quoted,
    /// Unquoted source text: globbed, not split.
    Literal,
    /// An unquoted expansion: split on blanks.
    Expanded,
}

/// A piece of expanded text.
struct Piece {
    text: String,
    kind: Kind,
}

/// The most text one command's words may expand to: a quarter of the disk's
/// [`crate::fs::CAPACITY`], which a variable can hold a big file's text in, and about twice what
/// Linux lets a program's arguments be (ARG_MAX). `x=$x$x` in a loop doubles a variable each
/// turn; in a real shell that ends when `malloc` fails, here it ends before it takes the tab's
/// memory or seconds of splitting words.
pub const MAX_EXPANSION: usize = crate::fs::CAPACITY / 4;

/// The pieces of one command's words, and the room left in [`MAX_EXPANSION`].
struct Pieces {
    list: Vec<Piece>,
    room: usize,
}

impl Pieces {
    /// Adds a piece if it fits; otherwise records in `cx` what the expansion asked for.
    fn push(&mut self, cx: &mut Cx, text: String, kind: Kind) {
        if text.len() > self.room {
            cx.out_of_memory = Some(MAX_EXPANSION - self.room + text.len());
            self.room = 0;
            return;
        }
        self.room -= text.len();
        cx.moved = cx.moved.saturating_add(text.len());
        self.list.push(Piece { text, kind });
    }
}

/// bash's message if an expansion asked for more memory than there is, once: the command that
/// expanded it reports it.
pub fn take_out_of_memory(cx: &mut Cx) -> Option<String> {
    let bytes = cx.out_of_memory.take()?;
    Some(format!("bash: xmalloc: cannot allocate {bytes} bytes\n"))
}

/// Whether `${...}` text is a variable's name (`HOME`, `1`, `?`), not an operation on one.
fn is_name(n: &str) -> bool {
    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || n.len() == 1
}

fn var(cx: &Cx, name: &str) -> String {
    match name {
        "?" => cx.last_status.to_string(),
        "$" => "4242".into(),
        "#" => "0".into(),
        "0" => "bash".into(),
        // The process id of the last background job (`cmd &`), set by the machine.
        "!" => cx.vars.get("!").unwrap_or("").to_string(),
        "@" | "*" => String::new(),
        "PWD" => cx.fs.cwd.clone(),
        "HOME" => cx.fs.home.clone(),
        "HOSTNAME" => cx.place.hostname(cx.host).to_string(),
        _ => {
            if let Some(v) = cx.vars.get(name) {
                return v.to_string();
            }
            if let Place::Pod { .. } = &cx.place {
                if let Some(v) = pod_env(cx, name) {
                    return v;
                }
            }
            String::new()
        }
    }
}

/// A variable of the container's environment, inside `kubectl exec` shells.
pub fn pod_env(cx: &Cx, name: &str) -> Option<String> {
    container_environment(cx)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The environment of the container the command runs in.
pub fn container_environment(cx: &Cx) -> Vec<(String, String)> {
    let Place::Pod {
        namespace,
        name,
        container,
        ..
    } = &cx.place
    else {
        return Vec::new();
    };
    let Some(pod) = cx.cluster.store().get_named("Pod", namespace, name) else {
        return Vec::new();
    };
    let spec = cluster::object::array_at(pod, &["spec", "containers"])
        .iter()
        .find(|c| cluster::object::str_at(c, &["name"]) == Some(container.as_str()))
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    cluster::kubelet::container_env(cx.cluster, pod, &spec)
}

/// `${NAME:-default}` and friends, for the forms tutorials use.
fn braced(cx: &Cx, inner: &str) -> String {
    if let Some(name) = inner.strip_prefix('#') {
        return var(cx, name).chars().count().to_string();
    }
    for op in [":-", ":=", ":+", "-"] {
        // `${v: -3}` and `${v:1:-2}` are substrings: what precedes the operator is no name.
        if let Some((name, word)) = inner.split_once(op).filter(|(n, _)| is_name(n)) {
            let v = var(cx, name);
            return match op {
                ":-" | ":=" => {
                    if v.is_empty() {
                        word.to_string()
                    } else {
                        v
                    }
                }
                ":+" => {
                    if v.is_empty() {
                        String::new()
                    } else {
                        word.to_string()
                    }
                }
                _ => {
                    if cx.vars.get(name).is_none() {
                        word.to_string()
                    } else {
                        v
                    }
                }
            };
        }
    }
    if let Some((name, range)) = inner.split_once(':') {
        return substring(&var(cx, name), range, cx);
    }
    var(cx, inner)
}

/// `${NAME:OFFSET}` and `${NAME:OFFSET:LENGTH}`, counted in characters: a negative offset counts
/// from the end, a negative length stops that many characters before the end.
fn substring(value: &str, range: &str, cx: &Cx) -> String {
    let (off, len) = match range.split_once(':') {
        Some((o, l)) => (o, Some(l)),
        None => (range, None),
    };
    let chars: Vec<char> = value.chars().collect();
    let n = i64::try_from(chars.len()).unwrap_or(i64::MAX);
    let off = arith(off, cx).unwrap_or(0);
    let start = if off < 0 { n.saturating_add(off) } else { off };
    if start < 0 || start > n {
        return String::new();
    }
    let end = match len.map(|l| arith(l, cx).unwrap_or(0)) {
        None => n,
        Some(l) if l < 0 => n.saturating_add(l),
        Some(l) => start.saturating_add(l).min(n),
    };
    let (start, end) = (
        usize::try_from(start).unwrap_or(0),
        usize::try_from(end).unwrap_or(0),
    );
    chars.get(start..end).unwrap_or_default().iter().collect()
}

fn pieces(word: &Word, cx: &mut Cx, out: &mut Pieces, quoted_ctx: bool) {
    let expanded = if quoted_ctx {
        Kind::Quoted
    } else {
        Kind::Expanded
    };
    for part in &word.0 {
        // Once out of memory, nothing more is expanded (no `$(...)` runs).
        if cx.out_of_memory.is_some() {
            return;
        }
        match part {
            Part::Lit(t) => {
                let kind = if quoted_ctx {
                    Kind::Quoted
                } else {
                    Kind::Literal
                };
                out.push(cx, t.clone(), kind);
            }
            Part::Quoted(t) => out.push(cx, t.clone(), Kind::Quoted),
            Part::Tilde => {
                let home = cx.fs.home.clone();
                out.push(cx, home, Kind::Quoted);
            }
            Part::Var(name) => {
                let text = if is_name(name) {
                    var(cx, name)
                } else {
                    braced(cx, name)
                };
                out.push(cx, text, expanded);
            }
            Part::Double(parts) => {
                let w = Word(parts.clone());
                let mut inner = Pieces {
                    list: Vec::new(),
                    room: out.room,
                };
                pieces(&w, cx, &mut inner, true);
                // An empty "" still makes a (quoted, empty) field. The inner pieces were
                // counted against the room already.
                out.room = inner.room;
                let text: String = inner.list.into_iter().map(|p| p.text).collect();
                out.list.push(Piece {
                    text,
                    kind: Kind::Quoted,
                });
            }
            Part::Subst(script) => {
                let (_, stdout) = crate::exec::run_sync(script, cx);
                let text = stdout.trim_end_matches('\n').to_string();
                out.push(cx, text, expanded);
            }
            Part::Arith(expr) => {
                let v = arith(expr, cx)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "0".into());
                out.push(cx, v, expanded);
            }
        }
    }
}

/// Expands a word into one string (assignments, redirection targets, here-document bodies).
/// Past [`MAX_EXPANSION`] the text is cut and `cx.out_of_memory` says so.
pub fn expand_single(word: &Word, cx: &mut Cx) -> String {
    let mut out = Pieces {
        list: Vec::new(),
        room: MAX_EXPANSION,
    };
    pieces(word, cx, &mut out, false);
    out.list.into_iter().map(|p| p.text).collect()
}

/// The default `$IFS`: unquoted expansions split on these three, and on no other blank.
const IFS: [char; 3] = [' ', '\t', '\n'];

/// The non-empty runs of `text` between `$IFS` characters. They are ASCII, so the bytes are
/// scanned without decoding characters (a `$(...)` may bring megabytes).
fn ifs_fields(text: &str) -> impl Iterator<Item = &str> {
    text.as_bytes()
        .split(|b| matches!(b, b' ' | b'\t' | b'\n'))
        .filter(|f| !f.is_empty())
        // Cut next to an ASCII byte, every piece is UTF-8.
        .filter_map(|f| std::str::from_utf8(f).ok())
}

/// Expands words into fields: unquoted expansions are split on blanks, unquoted patterns globbed.
/// All the words share [`MAX_EXPANSION`]; past it they are cut and `cx.out_of_memory` says so.
pub fn expand_words(words: &[Word], cx: &mut Cx) -> Vec<String> {
    let mut fields = Vec::new();
    let mut room = MAX_EXPANSION;
    for w in words {
        let mut out = Pieces {
            list: Vec::new(),
            room,
        };
        pieces(w, cx, &mut out, false);
        room = out.room;
        let ps = out.list;
        let mut cur: Option<String> = None;
        let mut glob = false;
        let mut done: Vec<(String, bool)> = Vec::new();
        for p in ps {
            match p.kind {
                Kind::Quoted => cur.get_or_insert_with(String::new).push_str(&p.text),
                Kind::Literal => {
                    glob |= p.text.contains(['*', '?', '[']);
                    cur.get_or_insert_with(String::new).push_str(&p.text);
                }
                Kind::Expanded => {
                    if p.text.starts_with(IFS) {
                        if let Some(c) = cur.take() {
                            done.push((c, glob));
                        }
                    }
                    let mut words = ifs_fields(&p.text).peekable();
                    while let Some(f) = words.next() {
                        cur.get_or_insert_with(String::new).push_str(f);
                        if words.peek().is_some() {
                            if let Some(c) = cur.take() {
                                done.push((c, glob));
                            }
                        }
                    }
                    if p.text.ends_with(IFS) {
                        if let Some(c) = cur.take() {
                            done.push((c, glob));
                        }
                    }
                }
            }
        }
        if let Some(c) = cur {
            done.push((c, glob));
        }
        for (field, glob) in done {
            let matches = if glob {
                crate::glob::expand(cx.fs, &field)
            } else {
                Vec::new()
            };
            if matches.is_empty() {
                fields.push(field);
            } else {
                fields.extend(matches);
            }
        }
    }
    fields
}

/// `$(( ))` arithmetic: integers, + - * / %, comparisons, parentheses, variables.
pub fn arith(expr: &str, cx: &Cx) -> Option<i64> {
    let tokens = tokenize(expr, cx)?;
    let mut p = Arith {
        t: tokens,
        i: 0,
        depth: 0,
    };
    let v = p.cmp()?;
    (p.i == p.t.len()).then_some(v)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Op(String),
}

fn tokenize(expr: &str, cx: &Cx) -> Option<Vec<Tok>> {
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = chars.get(i).filter(|d| d.is_ascii_digit()) {
                n.push(d);
                i += 1;
            }
            out.push(Tok::Num(n.parse().ok()?));
        } else if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            if c == '$' {
                i += 1;
            }
            let mut n = String::new();
            while let Some(&d) = chars
                .get(i)
                .filter(|d| d.is_ascii_alphanumeric() || **d == '_')
            {
                n.push(d);
                i += 1;
            }
            out.push(Tok::Num(var(cx, &n).trim().parse().unwrap_or(0)));
        } else {
            let two: String = chars
                .get(i..i + 2)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(&two.as_str()) {
                out.push(Tok::Op(two));
                i += 2;
            } else {
                out.push(Tok::Op(c.to_string()));
                i += 1;
            }
        }
    }
    Some(out)
}

struct Arith {
    t: Vec<Tok>,
    i: usize,
    /// Nesting of unary operators and parentheses (bash stops at "expression recursion level
    /// exceeded"; here the stack of a wasm page is the limit to stay far from).
    depth: usize,
}

/// How deep `$(( ))` may nest.
const ARITH_MAX_DEPTH: usize = 200;

impl Arith {
    fn op(&self) -> Option<&str> {
        match self.t.get(self.i) {
            Some(Tok::Op(o)) => Some(o.as_str()),
            _ => None,
        }
    }
    fn cmp(&mut self) -> Option<i64> {
        let mut v = self.add()?;
        while let Some(op) = self.op().map(str::to_string) {
            if !["==", "!=", "<", ">", "<=", ">="].contains(&op.as_str()) {
                break;
            }
            self.i += 1;
            let r = self.add()?;
            v = i64::from(match op.as_str() {
                "==" => v == r,
                "!=" => v != r,
                "<" => v < r,
                ">" => v > r,
                "<=" => v <= r,
                _ => v >= r,
            });
        }
        Some(v)
    }
    fn add(&mut self) -> Option<i64> {
        let mut v = self.mul()?;
        while let Some(op) = self.op().map(str::to_string) {
            match op.as_str() {
                "+" => {
                    self.i += 1;
                    v = v.checked_add(self.mul()?)?;
                }
                "-" => {
                    self.i += 1;
                    v = v.checked_sub(self.mul()?)?;
                }
                _ => break,
            }
        }
        Some(v)
    }
    fn mul(&mut self) -> Option<i64> {
        let mut v = self.unary()?;
        while let Some(op) = self.op().map(str::to_string) {
            match op.as_str() {
                "*" => {
                    self.i += 1;
                    v = v.checked_mul(self.unary()?)?;
                }
                "/" => {
                    self.i += 1;
                    v = v.checked_div(self.unary()?)?;
                }
                "%" => {
                    self.i += 1;
                    v = v.checked_rem(self.unary()?)?;
                }
                _ => break,
            }
        }
        Some(v)
    }
    fn unary(&mut self) -> Option<i64> {
        self.depth += 1;
        let v = if self.depth > ARITH_MAX_DEPTH {
            None
        } else {
            self.unary_inner()
        };
        self.depth -= 1;
        v
    }
    fn unary_inner(&mut self) -> Option<i64> {
        match self.t.get(self.i).cloned() {
            Some(Tok::Op(o)) if o == "-" => {
                self.i += 1;
                self.unary()?.checked_neg()
            }
            Some(Tok::Op(o)) if o == "+" => {
                self.i += 1;
                self.unary()
            }
            Some(Tok::Op(o)) if o == "(" => {
                self.i += 1;
                let v = self.cmp()?;
                if self.op() == Some(")") {
                    self.i += 1;
                    Some(v)
                } else {
                    None
                }
            }
            Some(Tok::Num(n)) => {
                self.i += 1;
                Some(n)
            }
            _ => None,
        }
    }
}
