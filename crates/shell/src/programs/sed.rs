//! `sed`: a GNU sed 4.9 subset (options `-n -e -f -i -E -r -s`; commands `s y p d q Q = a i c
//! h H g G x n N { } !`; line, `$`, `first~step`, regex, `addr,+N` and `addr,~N` addresses)
//! with GNU's messages and exit statuses.

use super::sed_parse::{Addr, Addr2, Cmd, Compiler, Op, Piece, Subst};
use super::Run;
use crate::context::Cx;
use crate::fs::Node;
use crate::io::Io;
use std::collections::VecDeque;

/// GNU sed's `--help` text (also printed, to stderr, after a usage error).
const USAGE: &str = include_str!("sed_usage.txt");

/// Where a script comes from, for error messages.
enum Source {
    Expr(String),
    File(String, String),
}

/// The options.
#[derive(Default)]
struct Options {
    quiet: bool,
    extended: bool,
    separate: bool,
    in_place: bool,
    scripts: Vec<Source>,
    files: Vec<String>,
}

const LONG: &[(&str, bool)] = &[
    ("quiet", false),
    ("silent", false),
    ("expression", true),
    ("file", true),
    ("in-place", false),
    ("regexp-extended", false),
    ("separate", false),
    ("unbuffered", false),
    ("posix", false),
    ("debug", false),
    ("sandbox", false),
    ("help", false),
    ("version", false),
];

fn usage_error(io: &mut Io, msg: &str) -> Result<Options, Run> {
    io.eprintln(format!("sed: {msg}"));
    io.eprint(USAGE.replace("E-mail bug reports to: <bug-sed@gnu.org>.\n", ""));
    Err(Run::Done(1))
}

/// getopt_long over sed's options (they may follow the file names).
fn options(cx: &Cx, argv: &[String], io: &mut Io) -> Result<Options, Run> {
    let mut o = Options::default();
    let mut rest = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "--" {
            rest.extend(it.by_ref().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let found: Vec<&(&str, bool)> =
                LONG.iter().filter(|(l, _)| l.starts_with(name)).collect();
            let Some((full, takes)) = found
                .iter()
                .find(|(l, _)| *l == name)
                .or(found.first())
                .copied()
            else {
                return usage_error(io, &format!("unrecognized option '{a}'"));
            };
            let value = match (takes, value) {
                (true, None) => match it.next() {
                    Some(v) => Some(v.clone()),
                    None => {
                        return usage_error(io, &format!("option '--{full}' requires an argument"))
                    }
                },
                (_, v) => v,
            };
            match *full {
                "quiet" | "silent" => o.quiet = true,
                "expression" => o.scripts.push(Source::Expr(value.unwrap_or_default())),
                "file" => o
                    .scripts
                    .push(script_file(cx, &value.unwrap_or_default(), io)?),
                "in-place" => o.in_place = true,
                "regexp-extended" => o.extended = true,
                "separate" => o.separate = true,
                "help" => {
                    io.print(USAGE);
                    return Err(Run::Done(0));
                }
                "version" => {
                    io.print(VERSION);
                    return Err(Run::Done(0));
                }
                _ => {}
            }
            continue;
        }
        if a.len() < 2 || !a.starts_with('-') {
            rest.push(a.clone());
            continue;
        }
        let letters: Vec<char> = a.chars().skip(1).collect();
        let mut k = 0;
        while let Some(&c) = letters.get(k) {
            k += 1;
            match c {
                'n' => o.quiet = true,
                'r' | 'E' => o.extended = true,
                's' => o.separate = true,
                'u' => {}
                // `-i[SUFFIX]`: the rest of the word is the backup suffix.
                'i' => {
                    o.in_place = true;
                    break;
                }
                'e' | 'f' | 'l' => {
                    let attached: String = letters.get(k..).unwrap_or(&[]).iter().collect();
                    let value = if attached.is_empty() {
                        match it.next() {
                            Some(v) => v.clone(),
                            None => {
                                return usage_error(
                                    io,
                                    &format!("option requires an argument -- '{c}'"),
                                )
                            }
                        }
                    } else {
                        attached
                    };
                    match c {
                        'e' => o.scripts.push(Source::Expr(value)),
                        'f' => o.scripts.push(script_file(cx, &value, io)?),
                        _ => {}
                    }
                    break;
                }
                other => return usage_error(io, &format!("invalid option -- '{other}'")),
            }
        }
    }
    if o.scripts.is_empty() {
        if rest.is_empty() {
            io.eprint(USAGE.replace("E-mail bug reports to: <bug-sed@gnu.org>.\n", ""));
            return Err(Run::Done(1));
        }
        o.scripts.push(Source::Expr(rest.remove(0)));
    }
    o.files = rest;
    Ok(o)
}

const VERSION: &str = "sed (GNU sed) 4.9\nPackaged by Debian\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n";

fn script_file(cx: &Cx, name: &str, io: &mut Io) -> Result<Source, Run> {
    let text = if name == "-" {
        Ok(io.take_stdin())
    } else {
        cx.fs.read(name).map(str::to_string)
    };
    match text {
        Ok(t) => Ok(Source::File(name.to_string(), t)),
        Err(e) => {
            io.eprintln(format!("sed: couldn't open file {name}: {}", e.text()));
            Err(Run::Done(4))
        }
    }
}

/// Compiles every script; `Err` is GNU's message.
fn compile(o: &Options) -> Result<Vec<Cmd>, String> {
    let mut c = Compiler::new(o.extended);
    let mut expr = 0;
    let mut last_where = String::from("-e expression #1");
    for s in &o.scripts {
        let (text, place) = match s {
            Source::Expr(t) => {
                expr += 1;
                (t.as_str(), format!("-e expression #{expr}"))
            }
            Source::File(name, t) => (t.as_str(), format!("file {name}")),
        };
        if let Err(e) = c.compile(text) {
            return Err(match s {
                Source::Expr(_) => format!("sed: {place}, char {}: {}", e.pos, e.msg),
                Source::File(..) => {
                    let line = 1 + text.chars().take(e.pos).filter(|c| *c == '\n').count();
                    format!("sed: {place} line {line}: {}", e.msg)
                }
            });
        }
        last_where = place;
    }
    c.finish()
        .map_err(|e| format!("sed: {last_where}, char {}: {}", e.pos, e.msg))?;
    Ok(c.cmds)
}

/// Runs `sed`.
pub fn sed(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let o = match options(cx, argv, io) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let quiet = o.quiet
        || matches!(o.scripts.first(), Some(Source::Expr(t) | Source::File(_, t)) if t == "#n" || t.starts_with("#n\n"));
    let cmds = match compile(&o) {
        Ok(c) => c,
        Err(msg) => {
            io.eprintln(msg);
            return Run::Done(1);
        }
    };
    if o.in_place && o.files.is_empty() {
        io.eprintln("sed: no input files");
        return Run::Done(4);
    }
    let files = if o.files.is_empty() {
        vec!["-".to_string()]
    } else {
        o.files.clone()
    };
    let mut m = Machine {
        cmds: &cmds,
        quiet,
        hold: String::new(),
        ranges: vec![None; cmds.len()],
        status: 0,
        quit: None,
    };
    if o.in_place || o.separate {
        for f in &files {
            if m.quit.is_some() {
                break;
            }
            if o.in_place {
                match cx.fs.stat(f) {
                    Some(Node::File(_)) => {}
                    Some(Node::Dir) => {
                        io.eprintln(format!("sed: couldn't edit {f}: not a regular file"));
                        m.status = 4;
                        continue;
                    }
                    None => {
                        io.eprintln(format!("sed: can't read {f}: No such file or directory"));
                        m.status = 2;
                        continue;
                    }
                }
            }
            let mut input = Input::new(vec![f.clone()]);
            let mut out = Out {
                stream: !o.in_place,
                ..Out::default()
            };
            m.run(cx, io, &mut input, &mut out);
            if o.in_place {
                if let Err(e) = cx.fs.write(f, &out.text) {
                    io.eprintln(format!("sed: couldn't open {f}: {}", e.text()));
                    m.status = 4;
                }
            } else {
                io.print(out.text);
            }
        }
    } else {
        let mut input = Input::new(files);
        let mut out = Out {
            stream: true,
            ..Out::default()
        };
        m.run(cx, io, &mut input, &mut out);
        io.print(out.text);
    }
    Run::Done(m.quit.unwrap_or(m.status))
}

/// Output with GNU's rule for a last line without its newline.
#[derive(Default)]
struct Out {
    text: String,
    missing_newline: bool,
    /// Whether what is written goes to the terminal as it comes (not into a file).
    stream: bool,
}

impl Out {
    fn write(&mut self, s: &str, newline: bool) {
        if self.missing_newline {
            self.text.push('\n');
        }
        self.text.push_str(s);
        if newline {
            self.text.push('\n');
        }
        self.missing_newline = !newline;
    }
}

/// Input lines over the files, opened as they are reached.
struct Input {
    files: VecDeque<String>,
    lines: VecDeque<(String, bool)>,
    line: usize,
    status: i32,
}

impl Input {
    fn new(files: Vec<String>) -> Input {
        Input {
            files: files.into(),
            lines: VecDeque::new(),
            line: 0,
            status: 0,
        }
    }

    /// Opens files until a line is ready; false at the end of the input.
    fn fill(&mut self, cx: &Cx, io: &mut Io) -> bool {
        while self.lines.is_empty() {
            let Some(f) = self.files.pop_front() else {
                return false;
            };
            let text = if f == "-" {
                io.take_stdin()
            } else {
                match cx.fs.read(&f) {
                    Ok(t) => t.to_string(),
                    Err(crate::fs::FsError::IsDir) => {
                        io.eprintln(format!("sed: read error on {f}: Is a directory"));
                        self.status = 4;
                        continue;
                    }
                    Err(e) => {
                        io.eprintln(format!("sed: can't read {f}: {}", e.text()));
                        self.status = self.status.max(2);
                        continue;
                    }
                }
            };
            let mut parts: Vec<&str> = text.split('\n').collect();
            let chomped_last = parts.last() == Some(&"");
            if chomped_last {
                parts.pop();
            }
            let n = parts.len();
            for (i, p) in parts.into_iter().enumerate() {
                self.lines
                    .push_back((p.to_string(), i + 1 < n || chomped_last));
            }
        }
        true
    }

    fn next(&mut self, cx: &Cx, io: &mut Io) -> Option<(String, bool)> {
        if !self.fill(cx, io) {
            return None;
        }
        self.line += 1;
        self.lines.pop_front()
    }

    fn is_last(&mut self, cx: &Cx, io: &mut Io) -> bool {
        !self.fill(cx, io)
    }
}

/// The running program: hold space and range states survive from file to file.
struct Machine<'a> {
    cmds: &'a [Cmd],
    quiet: bool,
    hold: String,
    /// For each command, the line its active range ends at (`Some(None)`: ends at a match).
    ranges: Vec<Option<Option<usize>>>,
    status: i32,
    quit: Option<i32>,
}

/// How a cycle ended.
enum End {
    /// Print the pattern space (unless `-n`), then go on.
    Auto,
    /// `d`, `c`: no printing.
    Delete,
    /// `q` (print, then stop) or `Q` (stop).
    Quit(bool),
}

impl Machine<'_> {
    fn run(&mut self, cx: &Cx, io: &mut Io, input: &mut Input, out: &mut Out) {
        while let Some((line, chomped)) = input.next(cx, io) {
            let mut ps = line;
            let mut chomped = chomped;
            let mut appends: Vec<String> = Vec::new();
            let end = self.cycle(cx, io, input, out, &mut ps, &mut chomped, &mut appends);
            let print = match end {
                End::Auto => true,
                End::Quit(p) => p,
                End::Delete => false,
            };
            if print && !self.quiet {
                out.write(&ps, chomped);
            }
            for a in appends {
                out.write(a.strip_suffix('\n').unwrap_or(&a), true);
            }
            if out.stream {
                io.print(std::mem::take(&mut out.text));
            }
            if matches!(end, End::Quit(_)) {
                if self.quit.is_none() {
                    self.quit = Some(self.status.max(input.status));
                }
                break;
            }
        }
        self.status = self.status.max(input.status);
    }

    fn matches(&self, a: &Addr, ps: &str, line: usize, last: bool) -> bool {
        match a {
            Addr::Line(n) => line == *n,
            Addr::Step(first, step) => match *step {
                0 => line == *first,
                s => line >= *first && (line - first) % s == 0,
            },
            Addr::Last => last,
            Addr::Re(re) => re.is_match(ps),
        }
    }

    fn selected(&mut self, i: usize, ps: &str, input: &mut Input, cx: &Cx, io: &mut Io) -> bool {
        let Some(cmd) = self.cmds.get(i) else {
            return false;
        };
        let line = input.line;
        let needs_last = |a: &Addr| matches!(a, Addr::Last);
        let last = (cmd.a1.as_ref().is_some_and(needs_last)
            || matches!(&cmd.a2, Some(Addr2::At(Addr::Last))))
            && input.is_last(cx, io);
        let hit = match (&cmd.a1, &cmd.a2) {
            (None, _) => true,
            (Some(a1), None) => self.matches(a1, ps, line, last),
            (Some(a1), Some(a2)) => {
                let active = self.ranges.get(i).copied().flatten();
                match active {
                    Some(end) => {
                        let done = match (end, a2) {
                            (Some(e), _) => line >= e,
                            (None, Addr2::At(a)) => self.matches(a, ps, line, last),
                            (None, _) => true,
                        };
                        if done {
                            self.set_range(i, None);
                        }
                        true
                    }
                    None => {
                        let zero = matches!(a1, Addr::Line(0));
                        let starts = zero || self.matches(a1, ps, line, last);
                        if starts {
                            let end = match a2 {
                                Addr2::At(Addr::Line(n)) => (*n > line).then_some(Some(*n)),
                                Addr2::Plus(n) => (*n > 0).then_some(Some(line + n)),
                                Addr2::Mult(n) => {
                                    (*n > 0 && line % n != 0).then(|| Some(line + (n - line % n)))
                                }
                                Addr2::At(a) if zero && self.matches(a, ps, line, last) => None,
                                Addr2::At(_) => Some(None),
                            };
                            self.set_range(i, end);
                        }
                        starts
                    }
                }
            }
        };
        hit != cmd.negate
    }

    fn set_range(&mut self, i: usize, v: Option<Option<usize>>) {
        if let Some(slot) = self.ranges.get_mut(i) {
            *slot = v;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cycle(
        &mut self,
        cx: &Cx,
        io: &mut Io,
        input: &mut Input,
        out: &mut Out,
        ps: &mut String,
        chomped: &mut bool,
        appends: &mut Vec<String>,
    ) -> End {
        let mut pc = 0;
        let mut guard = 0usize;
        while let Some(cmd) = self.cmds.get(pc) {
            guard += 1;
            if guard > 1_000_000 {
                return End::Auto;
            }
            let selected = self.selected(pc, ps, input, cx, io);
            pc += 1;
            if !selected {
                if let Op::Block(end) = cmd.op {
                    pc = end + 1;
                }
                continue;
            }
            match &cmd.op {
                Op::Block(_) | Op::EndBlock => {}
                Op::Subst(s) => {
                    if let Some(new) = substitute(s, ps) {
                        *ps = new;
                        if s.print {
                            out.write(ps, *chomped);
                        }
                    }
                }
                Op::Translate(pairs) => {
                    *ps = ps
                        .chars()
                        .map(|c| pairs.iter().find(|(f, _)| *f == c).map_or(c, |(_, t)| *t))
                        .collect();
                }
                Op::Append(t) => appends.push(t.clone()),
                Op::Insert(t) => out.write(t.strip_suffix('\n').unwrap_or(t), !t.is_empty()),
                Op::Change(t) => {
                    let in_range = self.ranges.get(pc - 1).copied().flatten().is_some();
                    if !in_range || cmd.negate {
                        out.write(t.strip_suffix('\n').unwrap_or(t), !t.is_empty());
                    }
                    return End::Delete;
                }
                Op::Quit(code, print) => {
                    self.quit = Some(*code);
                    return End::Quit(*print);
                }
                Op::Simple(c) => match c {
                    'p' => out.write(ps, *chomped),
                    'd' => return End::Delete,
                    '=' => out.write(&input.line.to_string(), true),
                    'h' => self.hold = ps.clone(),
                    'H' => {
                        self.hold.push('\n');
                        self.hold.push_str(ps);
                    }
                    'g' => *ps = self.hold.clone(),
                    'G' => {
                        ps.push('\n');
                        ps.push_str(&self.hold);
                    }
                    'x' => std::mem::swap(ps, &mut self.hold),
                    'n' | 'N' => {
                        // No next line: GNU prints the pattern space and ends.
                        if input.is_last(cx, io) {
                            return End::Auto;
                        }
                        if *c == 'n' && !self.quiet {
                            out.write(ps, *chomped);
                        }
                        for a in appends.drain(..) {
                            out.write(a.strip_suffix('\n').unwrap_or(&a), true);
                        }
                        let Some((next, ch)) = input.next(cx, io) else {
                            return End::Auto;
                        };
                        if *c == 'n' {
                            *ps = next;
                        } else {
                            ps.push('\n');
                            ps.push_str(&next);
                        }
                        *chomped = ch;
                    }
                    _ => {}
                },
            }
        }
        End::Auto
    }
}

/// Applies `s` to the pattern space; `None` when nothing was replaced.
fn substitute(s: &Subst, ps: &str) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    let mut count = 0;
    let mut replaced = false;
    for caps in s.re.captures_iter(ps) {
        let Some(m) = caps.get(0) else {
            continue;
        };
        count += 1;
        if count < s.nth {
            continue;
        }
        out.push_str(ps.get(last..m.start()).unwrap_or(""));
        for p in &s.with {
            match p {
                Piece::Lit(t) => out.push_str(t),
                Piece::Group(k) => out.push_str(caps.get(*k).map_or("", |g| g.as_str())),
            }
        }
        last = m.end();
        replaced = true;
        if !s.global {
            break;
        }
    }
    if !replaced {
        return None;
    }
    out.push_str(ps.get(last..).unwrap_or(""));
    Some(out)
}
