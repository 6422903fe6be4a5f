//! `grep`, as GNU grep 3.x reads its command line and prints: options anywhere before `--`,
//! several patterns (`-e`), context (`-A/-B/-C/-NUM` with `--` between groups), file name
//! prefixes when several files are searched, `-c/-l/-L/-q/-m`, and its error texts.

use super::Run;
use crate::context::Cx;
use crate::io::Io;

const USAGE: &str =
    "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";

/// What the command line asked for.
#[derive(Default)]
struct Opts {
    patterns: Vec<String>,
    files: Vec<String>,
    ignore_case: bool,
    invert: bool,
    count: bool,
    quiet: bool,
    line_number: bool,
    only_matching: bool,
    word: bool,
    line: bool,
    fixed: bool,
    extended: bool,
    files_with: bool,
    files_without: bool,
    names: Option<bool>,
    max: Option<usize>,
    after: usize,
    before: usize,
    silent_errors: bool,
    /// `-Z`: a NUL after file names instead of `:`/`-`/newline.
    null: bool,
}

/// A number for `-A/-B/-C/-m`, or grep's complaint.
fn number(opt: &str, v: &str) -> Result<usize, String> {
    v.trim().parse::<usize>().map_err(|_| match opt {
        "m" => format!("grep: invalid max count\n{USAGE}"),
        _ => format!("grep: {v}: invalid context length argument"),
    })
}

fn parse(argv: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut words = Vec::new();
    let mut context: Option<usize> = None;
    let (mut after, mut before) = (None, None);
    let mut it = argv.iter().skip(1);
    let mut options_done = false;
    while let Some(a) = it.next() {
        if options_done || a == "-" || !a.starts_with('-') {
            words.push(a.clone());
            continue;
        }
        if a == "--" {
            options_done = true;
            continue;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let needs = |it: &mut std::iter::Skip<std::slice::Iter<String>>| {
                value
                    .clone()
                    .or_else(|| it.next().cloned())
                    .ok_or_else(|| format!("grep: option '--{name}' requires an argument\n{USAGE}"))
            };
            match name {
                "ignore-case" => o.ignore_case = true,
                "no-ignore-case" => o.ignore_case = false,
                "invert-match" => o.invert = true,
                "count" => o.count = true,
                "quiet" | "silent" => o.quiet = true,
                "line-number" => o.line_number = true,
                "only-matching" => o.only_matching = true,
                "word-regexp" => o.word = true,
                "line-regexp" => o.line = true,
                "fixed-strings" => o.fixed = true,
                "extended-regexp" => o.extended = true,
                "basic-regexp" => o.extended = false,
                "files-with-matches" => o.files_with = true,
                "files-without-match" => o.files_without = true,
                "with-filename" => o.names = Some(true),
                "no-filename" => o.names = Some(false),
                "no-messages" => o.silent_errors = true,
                "null" => o.null = true,
                "color" | "colour" => {}
                "regexp" => o.patterns.push(needs(&mut it)?),
                "max-count" => o.max = Some(number("m", &needs(&mut it)?)?),
                "after-context" => after = Some(number("A", &needs(&mut it)?)?),
                "before-context" => before = Some(number("B", &needs(&mut it)?)?),
                "context" => context = Some(number("C", &needs(&mut it)?)?),
                _ => return Err(format!("grep: unrecognized option '{a}'\n{USAGE}")),
            }
            continue;
        }
        // Short options, bundled (`-in`), with values attached or next (`-A3`, `-A 3`).
        let mut digits = String::new();
        for (i, c) in a.char_indices().skip(1) {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            if !digits.is_empty() {
                context = Some(number("C", &digits)?);
                digits.clear();
            }
            if matches!(c, 'e' | 'm' | 'A' | 'B' | 'C') {
                let rest = a.get(i + c.len_utf8()..).unwrap_or("");
                let value = if rest.is_empty() {
                    it.next().cloned().ok_or_else(|| {
                        format!("grep: option requires an argument -- '{c}'\n{USAGE}")
                    })?
                } else {
                    rest.to_string()
                };
                match c {
                    'e' => o.patterns.push(value),
                    'm' => o.max = Some(number("m", &value)?),
                    'A' => after = Some(number("A", &value)?),
                    'B' => before = Some(number("B", &value)?),
                    _ => context = Some(number("C", &value)?),
                }
                break;
            }
            match c {
                'i' | 'y' => o.ignore_case = true,
                'v' => o.invert = true,
                'c' => o.count = true,
                'q' => o.quiet = true,
                's' => o.silent_errors = true,
                'Z' => o.null = true,
                'n' => o.line_number = true,
                'o' => o.only_matching = true,
                'w' => o.word = true,
                'x' => o.line = true,
                'F' => o.fixed = true,
                'E' => o.extended = true,
                'G' => o.extended = false,
                'l' => o.files_with = true,
                'L' => o.files_without = true,
                'H' => o.names = Some(true),
                'h' => o.names = Some(false),
                _ => return Err(format!("grep: invalid option -- '{c}'\n{USAGE}")),
            }
        }
        if !digits.is_empty() {
            context = Some(number("C", &digits)?);
        }
    }
    let mut words = words.into_iter();
    if o.patterns.is_empty() {
        o.patterns
            .push(words.next().ok_or_else(|| USAGE.to_string())?);
    }
    o.files = words.collect();
    o.after = after.or(context).unwrap_or(0);
    o.before = before.or(context).unwrap_or(0);
    Ok(o)
}

/// The patterns as one regular expression.
fn regex(o: &Opts) -> Result<regex_lite::Regex, String> {
    // Each line of each pattern is a pattern of its own.
    let alternatives: Vec<String> = o
        .patterns
        .iter()
        .flat_map(|p| p.split('\n'))
        .map(|p| {
            if o.fixed {
                regex_lite::escape(p)
            } else {
                super::text::basic_to_extended(p, o.extended)
            }
        })
        .collect();
    let mut source = alternatives
        .iter()
        .map(|a| format!("(?:{a})"))
        .collect::<Vec<_>>()
        .join("|");
    if o.line {
        source = format!("^(?:{source})$");
    } else if o.word {
        source = format!(r"\b(?:{source})\b");
    }
    if o.ignore_case {
        source = format!("(?i){source}");
    }
    regex_lite::Regex::new(&source).map_err(|e| {
        // `a{99999}`: the size limit keeps the compiled program (and the page) small.
        let e = e.to_string();
        if e.contains("size limit") || e.contains("too many states") {
            "grep: Regular expression too big".to_string()
        } else {
            "grep: Unmatched ( or \\(".to_string()
        }
    })
}

/// `grep [OPTION]... PATTERNS [FILE]...`.
pub fn grep(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let o = match parse(argv) {
        Ok(o) => o,
        Err(e) => {
            io.eprintln(e);
            return Run::Done(2);
        }
    };
    let re = match regex(&o) {
        Ok(r) => r,
        Err(e) => {
            io.eprintln(e);
            return Run::Done(2);
        }
    };
    let sources: Vec<String> = if o.files.is_empty() {
        vec!["-".to_string()]
    } else {
        o.files.clone()
    };
    let names = o.names.unwrap_or(sources.len() > 1);
    let mut out = String::new();
    let mut any = false;
    let mut trouble = false;
    for f in &sources {
        let (label, text) = if f == "-" {
            ("(standard input)".to_string(), io.take_stdin())
        } else {
            match cx.fs.read(f) {
                Ok(t) => (f.clone(), t.to_string()),
                Err(e) => {
                    if !o.silent_errors {
                        io.eprintln(format!("grep: {f}: {}", e.text()));
                    }
                    trouble = true;
                    continue;
                }
            }
        };
        let found = search(&o, &re, &text, names.then_some(label.as_str()), &mut out);
        any |= found;
        if o.quiet && any {
            break;
        }
    }
    if !o.quiet {
        io.print(out);
    }
    // A match wins over an error only with -q (GNU grep: "exit immediately with zero status if
    // any match is found, even if an error was detected").
    Run::Done(if o.quiet && any {
        0
    } else if trouble {
        2
    } else if any {
        0
    } else {
        1
    })
}

/// Searches one file's text, appending what grep prints for it; true when a line was selected.
fn search(
    o: &Opts,
    re: &regex_lite::Regex,
    text: &str,
    name: Option<&str>,
    out: &mut String,
) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let selected: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| re.is_match(l) != o.invert)
        .map(|(i, _)| i)
        .take(o.max.unwrap_or(usize::MAX))
        .collect();
    let label = name.unwrap_or("(standard input)");
    if o.files_with || o.files_without {
        if (o.files_with && !selected.is_empty()) || (o.files_without && selected.is_empty()) {
            out.push_str(label);
            out.push(if o.null { '\0' } else { '\n' });
        }
        return !selected.is_empty();
    }
    if o.count {
        if let Some(n) = name {
            out.push_str(n);
            out.push(if o.null { '\0' } else { ':' });
        }
        out.push_str(&selected.len().to_string());
        out.push('\n');
        return !selected.is_empty();
    }
    if o.quiet {
        return !selected.is_empty();
    }
    let prefix = |out: &mut String, i: usize, sep: char| {
        if let Some(n) = name {
            out.push_str(n);
            out.push(if o.null { '\0' } else { sep });
        }
        if o.line_number {
            out.push_str(&(i + 1).to_string());
            out.push(sep);
        }
    };
    let context = o.after > 0 || o.before > 0;
    // The last line printed, to print each once and `--` between groups apart.
    let mut last: Option<usize> = None;
    let mut after_until = 0;
    let mut sel = selected.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let is_sel = sel.peek().is_some_and(|s| **s == i);
        let next_sel = sel.peek().copied().copied();
        let in_before = !is_sel && next_sel.is_some_and(|s| s > i && s - i <= o.before);
        let in_after = !is_sel && i < after_until;
        if !(is_sel || in_before || in_after) {
            continue;
        }
        if context && last.is_some_and(|l| i > l + 1) {
            out.push_str("--\n");
        }
        if is_sel {
            sel.next();
            after_until = i + 1 + o.after;
            if o.only_matching && !o.invert {
                for m in re.find_iter(line).filter(|m| !m.as_str().is_empty()) {
                    prefix(out, i, ':');
                    out.push_str(m.as_str());
                    out.push('\n');
                }
            } else if !o.only_matching {
                prefix(out, i, ':');
                out.push_str(line);
                out.push('\n');
            }
        } else if !o.only_matching {
            prefix(out, i, '-');
            out.push_str(line);
            out.push('\n');
        }
        last = Some(i);
        // After the last selected line (with -m, the count): only its trailing context.
        if sel.peek().is_none() && i + 1 >= after_until {
            break;
        }
    }
    !selected.is_empty()
}
