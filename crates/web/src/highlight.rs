//! YAML syntax highlighting for the editor: each line split into byte ranges with a token
//! class. Line-based with one piece of state (block scalars), so it never fails on
//! half-typed text.

use std::ops::Range;

/// A token class (the CSS class is [`Tok::class`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Indentation and anything unclassified.
    Plain,
    /// A mapping key.
    Key,
    /// `:` `-` `|` `>` `[` `]` `{` `}` `,`.
    Punct,
    /// A string scalar, quoted or plain, and block scalar lines.
    Str,
    /// A number.
    Num,
    /// `true`, `false`, `null`, `~`.
    Const,
    /// `# ...`.
    Comment,
    /// `&anchor`, `*alias`, `!tag`.
    Anchor,
    /// `---`, `...`.
    Doc,
}

impl Tok {
    /// The CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Tok::Plain => "",
            Tok::Key => "y-key",
            Tok::Punct => "y-punct",
            Tok::Str => "y-str",
            Tok::Num => "y-num",
            Tok::Const => "y-const",
            Tok::Comment => "y-comment",
            Tok::Anchor => "y-anchor",
            Tok::Doc => "y-doc",
        }
    }
}

/// One line's tokens: ranges of the line, in order, covering it.
pub type Tokens = Vec<(Tok, Range<usize>)>;

/// Highlights a whole text, line by line (split on `\n`).
pub fn highlight(text: &str) -> Vec<Tokens> {
    // Inside a block scalar: lines indented more than this column are its content.
    let mut block: Option<usize> = None;
    let mut out = Vec::new();
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(parent) = block {
            if blank || indent > parent {
                out.push(if blank {
                    vec![(Tok::Plain, 0..line.len())]
                } else {
                    vec![(Tok::Plain, 0..indent), (Tok::Str, indent..line.len())]
                });
                continue;
            }
            block = None;
        }
        let mut toks = Vec::new();
        if let Some(col) = node_line(line, &mut toks) {
            block = Some(col);
        }
        out.push(toks);
    }
    out
}

/// Tokenizes one line; returns the key's column when the line opens a block scalar.
fn node_line(line: &str, toks: &mut Tokens) -> Option<usize> {
    let mut i = line.len() - line.trim_start_matches([' ', '\t']).len();
    push(toks, Tok::Plain, 0..i);
    let rest = line.get(i..).unwrap_or("");
    if rest.starts_with('#') {
        push(toks, Tok::Comment, i..line.len());
        return None;
    }
    if i == 0 && (rest.starts_with("---") || rest.starts_with("...")) {
        let after = rest.get(3..).unwrap_or("");
        if after.is_empty() || after.starts_with([' ', '\t']) {
            push(toks, Tok::Doc, 0..3);
            value(line, 3, toks);
            return None;
        }
    }
    // Sequence dashes.
    let mut col = i;
    while line
        .get(i..)
        .is_some_and(|r| r == "-" || r.starts_with("- "))
    {
        push(toks, Tok::Punct, i..i + 1);
        let after = i + 1;
        let spaces = line
            .get(after..)
            .map_or(0, |r| r.len() - r.trim_start().len());
        push(toks, Tok::Plain, after..after + spaces);
        i = after + spaces;
        col = i;
    }
    // A mapping key.
    if let Some(key_end) = key_end(line, i) {
        push(toks, Tok::Key, i..key_end);
        push(toks, Tok::Punct, key_end..key_end + 1);
        let opens_block = value(line, key_end + 1, toks);
        return opens_block.then_some(col);
    }
    value(line, i, toks).then_some(col.saturating_sub(1))
}

fn push(toks: &mut Tokens, t: Tok, r: Range<usize>) {
    if r.start >= r.end {
        return;
    }
    match toks.last_mut() {
        Some((last, lr)) if *last == t && lr.end == r.start => lr.end = r.end,
        _ => toks.push((t, r)),
    }
}

/// Where a key at `start` ends (the byte of its `:`), if the line has `key:` there.
fn key_end(line: &str, start: usize) -> Option<usize> {
    let rest = line.get(start..)?;
    let first = rest.chars().next()?;
    if matches!(first, '[' | '{' | '#' | '|' | '>' | '&' | '*' | '!') {
        return None;
    }
    let body_end = if first == '"' || first == '\'' {
        start + quoted_end(rest, first)?
    } else {
        start
    };
    let tail = line.get(body_end..)?;
    let mut prev = ' ';
    for (off, c) in tail.char_indices() {
        if c == '#' && prev == ' ' {
            return None;
        }
        if c == ':' {
            let next = tail.get(off + 1..).and_then(|s| s.chars().next());
            if next.is_none_or(|n| n == ' ' || n == '\t') {
                return Some(body_end + off);
            }
        }
        prev = c;
    }
    None
}

/// The byte after the closing quote of a quoted scalar starting at byte 0 of `s`.
fn quoted_end(s: &str, q: char) -> Option<usize> {
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            // '' is an escaped quote inside single quotes.
            if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                continue;
            }
            return Some(i + 1);
        }
    }
    None
}

/// Tokenizes a value from byte `start` to the end of the line; true when it opens a block
/// scalar (`|`, `>-`...).
fn value(line: &str, start: usize, toks: &mut Tokens) -> bool {
    let len = line.len();
    let lead = line
        .get(start..)
        .map_or(0, |r| r.len() - r.trim_start().len());
    push(toks, Tok::Plain, start..start + lead);
    let i = start + lead;
    let Some(rest) = line.get(i..).filter(|r| !r.is_empty()) else {
        return false;
    };
    if rest.starts_with('#') {
        push(toks, Tok::Comment, i..len);
        return false;
    }
    let Some(first) = rest.chars().next() else {
        return false;
    };
    // Anchors, aliases and tags, then the value.
    if matches!(first, '&' | '*' | '!') {
        let end = rest.find([' ', '\t']).map_or(len, |e| i + e);
        push(toks, Tok::Anchor, i..end);
        return value(line, end, toks);
    }
    if first == '|' || first == '>' {
        let end = rest.find([' ', '\t']).map_or(len, |e| i + e);
        push(toks, Tok::Punct, i..end);
        trailing(line, end, toks);
        return true;
    }
    if first == '"' || first == '\'' {
        match quoted_end(rest, first) {
            Some(e) => {
                push(toks, Tok::Str, i..i + e);
                trailing(line, i + e, toks);
            }
            None => push(toks, Tok::Str, i..len),
        }
        return false;
    }
    if first == '[' || first == '{' {
        flow(line, i, toks);
        return false;
    }
    // A plain scalar runs to ` #` or the end.
    let end = comment_start(line, i).unwrap_or(len);
    let word = line.get(i..end).unwrap_or("").trim_end();
    let tok = scalar_tok(word);
    push(toks, tok, i..i + word.len());
    push(toks, Tok::Plain, i + word.len()..end);
    if end < len {
        push(toks, Tok::Comment, end..len);
    }
    false
}

/// Flow collections (`[a, b]`, `{k: v}`): punctuation and scalars, no nesting state needed.
fn flow(line: &str, start: usize, toks: &mut Tokens) {
    let len = line.len();
    let mut i = start;
    while i < len {
        let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if matches!(c, '[' | ']' | '{' | '}' | ',' | ':') {
            push(toks, Tok::Punct, i..i + 1);
            i += 1;
        } else if c == ' ' || c == '\t' {
            push(toks, Tok::Plain, i..i + 1);
            i += 1;
        } else if c == '#' && line.get(..i).is_some_and(|b| b.ends_with(' ')) {
            push(toks, Tok::Comment, i..len);
            return;
        } else if c == '"' || c == '\'' {
            let rest = line.get(i..).unwrap_or("");
            let e = quoted_end(rest, c).unwrap_or(rest.len());
            push(toks, Tok::Str, i..i + e);
            i += e;
        } else {
            let rest = line.get(i..).unwrap_or("");
            let e = rest
                .find(['[', ']', '{', '}', ',', ':'])
                .unwrap_or(rest.len());
            let word = rest.get(..e).unwrap_or("");
            let trimmed = word.trim_end();
            let next_is_key = rest.get(e..).is_some_and(|r| r.starts_with(':'));
            let tok = if next_is_key {
                Tok::Key
            } else {
                scalar_tok(trimmed)
            };
            push(toks, tok, i..i + trimmed.len());
            push(
                toks,
                Tok::Plain,
                i + trimmed.len()..i + e.max(1).max(word.len()),
            );
            i += e.max(1);
        }
    }
}

fn trailing(line: &str, from: usize, toks: &mut Tokens) {
    let len = line.len();
    match comment_start(line, from) {
        Some(c) => {
            push(toks, Tok::Plain, from..c);
            push(toks, Tok::Comment, c..len);
        }
        None => push(toks, Tok::Plain, from..len),
    }
}

/// Where a ` #` comment starts at or after `from`.
fn comment_start(line: &str, from: usize) -> Option<usize> {
    let rest = line.get(from..)?;
    if rest.starts_with('#')
        && (from == 0 || line.get(..from).is_some_and(|b| b.ends_with([' ', '\t'])))
    {
        return Some(from);
    }
    rest.find(" #")
        .or_else(|| rest.find("\t#"))
        .map(|p| from + p + 1)
}

fn scalar_tok(word: &str) -> Tok {
    match word {
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~"
        | "yes" | "no" | "on" | "off" => Tok::Const,
        _ if is_number(word) => Tok::Num,
        _ => Tok::Str,
    }
}

fn is_number(w: &str) -> bool {
    let w = w.strip_prefix(['-', '+']).unwrap_or(w);
    if w.is_empty() {
        return false;
    }
    if let Some(hex) = w.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    let mut dot = false;
    let mut digits = false;
    for c in w.chars() {
        match c {
            '0'..='9' => digits = true,
            '.' if !dot => dot = true,
            _ => return false,
        }
    }
    digits
}

/// Splits a line's tokens where a marked range (an error, in bytes) starts and ends, so the
/// mark can wrap exactly those bytes: `(token, range, marked)`.
pub fn with_mark(toks: &Tokens, mark: Option<Range<usize>>) -> Vec<(Tok, Range<usize>, bool)> {
    let Some(m) = mark else {
        return toks.iter().map(|(t, r)| (*t, r.clone(), false)).collect();
    };
    let mut out = Vec::new();
    for (t, r) in toks {
        let cuts = [
            r.start,
            m.start.clamp(r.start, r.end),
            m.end.clamp(r.start, r.end),
            r.end,
        ];
        for w in cuts.windows(2) {
            if let [a, b] = *w {
                if a < b {
                    out.push((*t, a..b, a >= m.start && b <= m.end));
                }
            }
        }
    }
    out
}

/// The byte range of `len` characters from 1-based character column `col` of `line`
/// (at least one byte when the line has any; the end of the line when past it).
pub fn char_range(line: &str, col: usize, len: usize) -> Range<usize> {
    let start_char = col.saturating_sub(1);
    let byte = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
    let a = byte(start_char);
    let b = byte(start_char + len.max(1));
    a..b.max(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(text: &str, want: Expect) {
        let mut s = String::new();
        for (line, toks) in text.split('\n').zip(highlight(text)) {
            let mut end = 0;
            for (t, r) in toks {
                assert_eq!(r.start, end, "tokens cover the line: {line:?}");
                end = r.end;
                let piece = line.get(r.clone()).unwrap_or("?");
                if t == Tok::Plain {
                    s.push_str(piece);
                } else {
                    s.push_str(&format!(
                        "<{}>{piece}</>",
                        t.class().trim_start_matches("y-")
                    ));
                }
            }
            assert_eq!(end, line.len(), "tokens cover the line: {line:?}");
            s.push('\n');
        }
        want.assert_eq(&s);
    }

    #[test]
    fn marks() {
        let line = "  image: ngnix";
        let toks = highlight(line).remove(0);
        let r = char_range(line, 3, 5);
        assert_eq!(r, 2..7);
        let marked: Vec<String> = with_mark(&toks, Some(r))
            .into_iter()
            .map(|(t, r, m)| format!("{:?}{}{}", t, if m { "!" } else { "" }, &line[r]))
            .collect();
        assert_eq!(
            marked,
            ["Plain  ", "Key!image", "Punct:", "Plain ", "Strngnix"]
        );
        assert_eq!(char_range("ñx", 2, 1), 2..3);
        assert_eq!(char_range("ab", 9, 1), 2..2);
        assert_eq!(with_mark(&toks, None).len(), toks.len());
    }

    #[test]
    fn a_service() {
        check(
            "apiVersion: v1\nkind: Service  # the kind\nmetadata:\n  name: \"web-service\"\nspec:\n  ports:\n    - protocol: TCP\n      port: 80\n  selector: {app: web}\n  flags: [a, 'b c']\n  ok: true\n---\n# done",
            expect![[r#"
                <key>apiVersion</><punct>:</> <str>v1</>
                <key>kind</><punct>:</> <str>Service</>  <comment># the kind</>
                <key>metadata</><punct>:</>
                  <key>name</><punct>:</> <str>"web-service"</>
                <key>spec</><punct>:</>
                  <key>ports</><punct>:</>
                    <punct>-</> <key>protocol</><punct>:</> <str>TCP</>
                      <key>port</><punct>:</> <num>80</>
                  <key>selector</><punct>:</> <punct>{</><key>app</><punct>:</> <str>web</><punct>}</>
                  <key>flags</><punct>:</> <punct>[</><str>a</><punct>,</> <str>'b c'</><punct>]</>
                  <key>ok</><punct>:</> <const>true</>
                <doc>---</>
                <comment># done</>
            "#]],
        );
    }

    #[test]
    fn block_scalars_and_odd_input() {
        check(
            "data:\n  script: |\n    echo a: b\n    # not a comment\n\n  next: 1\n- - x\nkey: 'it''s'\nurl: http://a:b\n\"q: k\": &a *b\n:\n\"unterminated\n- |-\n  text\nz: -3.5",
            expect![[r#"
                <key>data</><punct>:</>
                  <key>script</><punct>:</> <punct>|</>
                    <str>echo a: b</>
                    <str># not a comment</>

                  <key>next</><punct>:</> <num>1</>
                <punct>-</> <punct>-</> <str>x</>
                <key>key</><punct>:</> <str>'it''s'</>
                <key>url</><punct>:</> <str>http://a:b</>
                <key>"q: k"</><punct>:</> <anchor>&a</> <anchor>*b</>
                <punct>:</>
                <str>"unterminated</>
                <punct>-</> <punct>|-</>
                  <str>text</>
                <key>z</><punct>:</> <num>-3.5</>
            "#]],
        );
    }
}
