//! GNU sed's script compiler (compile.c): addresses, commands and their arguments, with its
//! error messages and the character position it reports them at.

use super::sed_regex::translate;
use regex_lite::Regex;

/// A line address.
#[derive(Clone, Debug)]
pub enum Addr {
    /// Line N (0 only as `0,/re/`).
    Line(usize),
    /// `first~step`.
    Step(usize, usize),
    /// `$`.
    Last,
    /// `/re/`.
    Re(Regex),
}

/// The end of a range.
#[derive(Clone, Debug)]
pub enum Addr2 {
    /// An address.
    At(Addr),
    /// `+N`: N more lines.
    Plus(usize),
    /// `~N`: up to the next line that is a multiple of N.
    Mult(usize),
}

/// A piece of an `s` replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Lit(String),
    /// `&` or `\0`..`\9`.
    Group(usize),
}

/// `s/re/replacement/flags`.
#[derive(Clone, Debug)]
pub struct Subst {
    /// The regex.
    pub re: Regex,
    /// The replacement.
    pub with: Vec<Piece>,
    /// `g`.
    pub global: bool,
    /// `N`: the first match replaced (1 by default).
    pub nth: usize,
    /// `p`.
    pub print: bool,
}

/// What a command does.
#[derive(Clone, Debug)]
pub enum Op {
    /// `{`: the index of its `}`.
    Block(usize),
    /// `}`.
    EndBlock,
    /// `s`.
    Subst(Box<Subst>),
    /// `y`: pairs of characters.
    Translate(Vec<(char, char)>),
    /// `a`, `i`, `c` and their text (with its newline).
    Append(String),
    /// `i`.
    Insert(String),
    /// `c`.
    Change(String),
    /// `q` / `Q` with the exit status.
    Quit(i32, bool),
    /// Single-letter commands: `p d = h H g G x n N`.
    Simple(char),
}

/// A command with its addresses.
#[derive(Clone, Debug)]
pub struct Cmd {
    /// First address.
    pub a1: Option<Addr>,
    /// End of the range.
    pub a2: Option<Addr2>,
    /// `!`.
    pub negate: bool,
    /// The command.
    pub op: Op,
}

/// A compile error: the character position and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// How many characters had been read.
    pub pos: usize,
    /// GNU sed's message.
    pub msg: String,
}

/// The script being read, one `-e` at a time.
pub struct Compiler {
    /// Commands so far.
    pub cmds: Vec<Cmd>,
    /// Open `{` commands.
    blocks: Vec<usize>,
    /// The last regex compiled (for `//`).
    last: Option<Regex>,
    /// `-E`.
    extended: bool,
}

struct Reader {
    chars: Vec<char>,
    pos: usize,
}

impl Reader {
    fn get(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn unget(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }
    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.pos += 1;
        }
    }
    fn err<T>(&self, msg: &str) -> Result<T, Error> {
        Err(Error {
            pos: self.pos,
            msg: msg.into(),
        })
    }
    fn number(&mut self) -> usize {
        let mut n: usize = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            self.pos += 1;
            n = n.saturating_mul(10).saturating_add(d as usize);
        }
        n
    }
    /// Text up to an unescaped `delim` (`\delim` gives the delimiter itself, `\n` a newline
    /// in `y`); `None` when it does not end. Brackets hide the delimiter in regexes.
    fn until(&mut self, delim: char, regex: bool) -> Option<String> {
        let mut out = String::new();
        while let Some(c) = self.get() {
            if c == delim {
                return Some(out);
            }
            match c {
                '\n' if regex => return None,
                '\\' => {
                    let n = self.get()?;
                    if n == delim {
                        out.push(n);
                    } else if n == '\n' && !regex {
                        out.push('\n');
                    } else {
                        out.push('\\');
                        out.push(n);
                    }
                }
                '[' if regex => {
                    out.push('[');
                    let mut first = true;
                    loop {
                        let b = self.get()?;
                        out.push(b);
                        if b == '^' && first && out.ends_with("[^") {
                            continue;
                        }
                        if b == ']' && !first {
                            break;
                        }
                        first = false;
                    }
                }
                c => out.push(c),
            }
        }
        None
    }
}

const UNTERMINATED_S: &str = "unterminated `s' command";
const UNTERMINATED_Y: &str = "unterminated `y' command";

impl Compiler {
    /// An empty program.
    pub fn new(extended: bool) -> Compiler {
        Compiler {
            cmds: Vec::new(),
            blocks: Vec::new(),
            last: None,
            extended,
        }
    }

    /// Whether a `{` is still open at the end (GNU reports it at char 0).
    pub fn finish(&self) -> Result<(), Error> {
        match self.blocks.is_empty() {
            true => Ok(()),
            false => Err(Error {
                pos: 0,
                msg: "unmatched `{'".into(),
            }),
        }
    }

    fn regex(&mut self, r: &Reader, text: &str, flags: &str) -> Result<Regex, Error> {
        if text.is_empty() {
            return self.last.clone().ok_or(Error {
                pos: 0,
                msg: "no previous regular expression".into(),
            });
        }
        let t = translate(text, self.extended).map_err(|msg| Error { pos: r.pos, msg })?;
        let re = Regex::new(&format!("(?s{flags}){}", t.pattern)).map_err(|_| Error {
            pos: r.pos,
            msg: "Invalid preceding regular expression".into(),
        })?;
        self.last = Some(re.clone());
        Ok(re)
    }

    fn address(&mut self, r: &mut Reader) -> Result<Option<Addr>, Error> {
        match r.peek() {
            Some(c) if c.is_ascii_digit() => {
                let n = r.number();
                if r.peek() == Some('~') {
                    r.pos += 1;
                    let step = r.number();
                    return Ok(Some(Addr::Step(n, step)));
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('$') => {
                r.pos += 1;
                Ok(Some(Addr::Last))
            }
            Some(c @ ('/' | '\\')) => {
                r.pos += 1;
                let delim = if c == '\\' {
                    match r.get() {
                        Some(d) => d,
                        None => return r.err("unexpected end of file"),
                    }
                } else {
                    '/'
                };
                let Some(text) = r.until(delim, true) else {
                    return r.err("unterminated address regex");
                };
                let mut flags = String::new();
                while let Some(f) = r.peek() {
                    match f {
                        'I' => flags.push('i'),
                        'M' => flags.push('m'),
                        _ => break,
                    }
                    r.pos += 1;
                }
                Ok(Some(Addr::Re(self.regex(r, &text, &flags)?)))
            }
            _ => Ok(None),
        }
    }

    /// Compiles one expression (a `-e`, the script argument, or a `-f` file).
    pub fn compile(&mut self, text: &str) -> Result<(), Error> {
        let mut r = Reader {
            chars: text.chars().collect(),
            pos: 0,
        };
        loop {
            while r.peek().is_some_and(|c| c == ';' || c.is_whitespace()) {
                r.pos += 1;
            }
            if r.peek().is_none() {
                return Ok(());
            }
            let a1 = self.address(&mut r)?;
            let mut a2 = None;
            if a1.is_some() {
                r.skip_blank();
                if r.peek() == Some(',') {
                    r.pos += 1;
                    r.skip_blank();
                    a2 = match r.peek() {
                        Some('+') => {
                            r.pos += 1;
                            Some(Addr2::Plus(r.number()))
                        }
                        Some('~') => {
                            r.pos += 1;
                            Some(Addr2::Mult(r.number()))
                        }
                        _ => self.address(&mut r)?.map(Addr2::At),
                    };
                    if a2.is_none() {
                        return r.err("unexpected `,'");
                    }
                }
            }
            r.skip_blank();
            let mut negate = false;
            if r.peek() == Some('!') {
                r.pos += 1;
                negate = true;
                r.skip_blank();
                if r.peek() == Some('!') {
                    r.pos += 1;
                    return r.err("multiple `!'s");
                }
            }
            let c = r.get();
            if matches!(a1, Some(Addr::Line(0))) && !matches!(a2, Some(Addr2::At(Addr::Re(_)))) {
                return r.err("invalid usage of line address 0");
            }
            let Some(c) = c else {
                return r.err("missing command");
            };
            let addressed = a1.is_some();
            let op = match c {
                '{' => {
                    self.blocks.push(self.cmds.len());
                    Op::Block(0)
                }
                '}' => {
                    if addressed {
                        return r.err("} doesn't want any addresses");
                    }
                    let Some(open) = self.blocks.pop() else {
                        return r.err("unexpected `}'");
                    };
                    let here = self.cmds.len();
                    if let Some(cmd) = self.cmds.get_mut(open) {
                        cmd.op = Op::Block(here);
                    }
                    end_of_cmd(&mut r)?;
                    Op::EndBlock
                }
                '#' => {
                    if addressed {
                        return r.err("comments don't accept any addresses");
                    }
                    while r.get().is_some_and(|c| c != '\n') {}
                    continue;
                }
                'p' | 'd' | '=' | 'h' | 'H' | 'g' | 'G' | 'x' | 'n' | 'N' => {
                    end_of_cmd(&mut r)?;
                    Op::Simple(c)
                }
                'q' | 'Q' => {
                    if a2.is_some() {
                        return r.err("command only uses one address");
                    }
                    r.skip_blank();
                    let code = r.number();
                    end_of_cmd(&mut r)?;
                    Op::Quit(i32::try_from(code).unwrap_or(i32::MAX), c == 'q')
                }
                'a' | 'i' | 'c' => {
                    let text = read_text(&mut r)?;
                    match c {
                        'a' => Op::Append(text),
                        'i' => Op::Insert(text),
                        _ => Op::Change(text),
                    }
                }
                's' => Op::Subst(Box::new(self.subst(&mut r)?)),
                'y' => Op::Translate(translate_pairs(&mut r)?),
                other => return r.err(&format!("unknown command: `{other}'")),
            };
            self.cmds.push(Cmd { a1, a2, negate, op });
        }
    }

    fn subst(&mut self, r: &mut Reader) -> Result<Subst, Error> {
        let delim = match r.get() {
            Some(d) if d != '\n' && d != '\\' => d,
            _ => return r.err(UNTERMINATED_S),
        };
        let Some(re_text) = r.until(delim, true) else {
            return r.err(UNTERMINATED_S);
        };
        let Some(with_text) = r.until(delim, false) else {
            return r.err(UNTERMINATED_S);
        };
        let (mut global, mut print, mut nth, mut flags) = (false, false, None, String::new());
        loop {
            match r.get() {
                None | Some('\n' | ';') => break,
                Some('}' | '#') => {
                    r.unget();
                    break;
                }
                Some(' ' | '\t') => {}
                Some('i' | 'I') => flags.push('i'),
                Some('m' | 'M') => flags.push('m'),
                Some('g') if global => return r.err("multiple `g' options to `s' command"),
                Some('g') => global = true,
                Some('p') if print => return r.err("multiple `p' options to `s' command"),
                Some('p') => print = true,
                Some(d) if d.is_ascii_digit() => {
                    if nth.is_some() {
                        return r.err("multiple number options to `s' command");
                    }
                    r.unget();
                    let n = r.number();
                    if n == 0 {
                        return r.err("number option to `s' command may not be zero");
                    }
                    nth = Some(n);
                }
                Some(_) => return r.err("unknown option to `s'"),
            }
        }
        let groups = if re_text.is_empty() {
            usize::MAX
        } else {
            translate(&re_text, self.extended)
                .map(|t| t.groups)
                .unwrap_or(usize::MAX)
        };
        let re = self.regex(r, &re_text, &flags)?;
        let with = replacement(&with_text);
        if let Some(k) = with.iter().find_map(|p| match p {
            Piece::Group(k) if *k > groups => Some(*k),
            _ => None,
        }) {
            return r.err(&format!("invalid reference \\{k} on `s' command's RHS"));
        }
        Ok(Subst {
            re,
            with,
            global,
            nth: nth.unwrap_or(1),
            print,
        })
    }
}

/// What may follow a command: blanks, then the end, `;`, a newline, `}` or `#`.
fn end_of_cmd(r: &mut Reader) -> Result<(), Error> {
    r.skip_blank();
    match r.get() {
        None | Some('\n' | ';') => Ok(()),
        Some('}' | '#') => {
            r.unget();
            Ok(())
        }
        Some(_) => r.err("extra characters after command"),
    }
}

/// The text of `a`, `i` and `c`: `a\` then lines, `a\text`, or GNU's one-liner `a text`.
fn read_text(r: &mut Reader) -> Result<String, Error> {
    r.skip_blank();
    match r.get() {
        None => return r.err("expected \\ after `a', `c' or `i'"),
        Some('\\') => {
            if r.peek() == Some('\n') {
                r.pos += 1;
            }
        }
        Some(_) => r.unget(),
    }
    let mut text = String::new();
    while let Some(c) = r.get() {
        match c {
            '\n' => break,
            '\\' => match r.get() {
                Some('t') => text.push('\t'),
                Some(n) => text.push(n),
                None => {}
            },
            c => text.push(c),
        }
    }
    if text.is_empty() {
        return Ok(text);
    }
    text.push('\n');
    Ok(text)
}

/// An `s` replacement: `&`, `\N`, `\n`, `\t`, and escaped characters.
fn replacement(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars();
    let flush = |lit: &mut String, out: &mut Vec<Piece>| {
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(lit)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '&' => {
                flush(&mut lit, &mut out);
                out.push(Piece::Group(0));
            }
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    flush(&mut lit, &mut out);
                    out.push(Piece::Group(d.to_digit(10).map_or(0, |d| d as usize)));
                }
                Some('n') => lit.push('\n'),
                Some('t') => lit.push('\t'),
                Some(other) => lit.push(other),
                None => lit.push('\\'),
            },
            c => lit.push(c),
        }
    }
    flush(&mut lit, &mut out);
    out
}

/// `y/abc/xyz/`.
fn translate_pairs(r: &mut Reader) -> Result<Vec<(char, char)>, Error> {
    let delim = match r.get() {
        Some(d) if d != '\n' && d != '\\' => d,
        _ => return r.err(UNTERMINATED_Y),
    };
    let unescape = |s: String| -> Vec<char> {
        let mut out = Vec::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(o) => out.push(o),
                    None => out.push('\\'),
                },
                (c, false) => out.push(c),
            }
        }
        out
    };
    let Some(from) = r.until(delim, false).map(unescape) else {
        return r.err(UNTERMINATED_Y);
    };
    let Some(to) = r.until(delim, false).map(unescape) else {
        return r.err(UNTERMINATED_Y);
    };
    if from.len() != to.len() {
        return r.err("strings for `y' command are different lengths");
    }
    end_of_cmd(r)?;
    Ok(from.into_iter().zip(to).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(script: &str) -> Option<(usize, String)> {
        let mut c = Compiler::new(false);
        c.compile(script)
            .and_then(|_| c.finish())
            .err()
            .map(|e| (e.pos, e.msg))
    }

    #[test]
    fn reports_where_gnu_sed_does() {
        let cases: &[(&str, usize, &str)] = &[
            ("s/a/b", 5, "unterminated `s' command"),
            ("s/a", 3, "unterminated `s' command"),
            ("k", 1, "unknown command: `k'"),
            ("s/a/b/q", 7, "unknown option to `s'"),
            ("s/a/b/gg", 8, "multiple `g' options to `s' command"),
            ("s/a/b/0", 7, "number option to `s' command may not be zero"),
            (
                "y/ab/c/",
                7,
                "strings for `y' command are different lengths",
            ),
            ("3,", 2, "unexpected `,'"),
            ("/abc", 4, "unterminated address regex"),
            ("p;q;k", 5, "unknown command: `k'"),
            ("0p", 2, "invalid usage of line address 0"),
            ("a", 1, "expected \\ after `a', `c' or `i'"),
            ("p x", 3, "extra characters after command"),
            ("s/\\(a/b/g;p", 10, "Unmatched ( or \\("),
            (
                "s/a/\\1/;p",
                8,
                "invalid reference \\1 on `s' command's RHS",
            ),
            ("}", 1, "unexpected `}'"),
            ("{p", 0, "unmatched `{'"),
            ("2,3", 3, "missing command"),
            ("1,/a/!!p", 7, "multiple `!'s"),
            ("s/[a/x/", 7, "unterminated `s' command"),
            ("ppp", 2, "extra characters after command"),
            ("q q", 3, "extra characters after command"),
            ("y/abc/xyz/g", 11, "extra characters after command"),
        ];
        for (script, pos, msg) in cases {
            assert_eq!(err(script), Some((*pos, msg.to_string())), "{script}");
        }
        assert_eq!(err("2a\\hello"), None);
        assert_eq!(err("1,2{p;};p"), None);
        assert_eq!(err("s/a/b/ ; p"), None);
    }
}
