//! Text filters for pipelines: head, tail, wc, sort, uniq, cut, tr, base64, seq, xargs.

use super::Run;
use crate::context::Cx;
use crate::io::{Io, MAX_OUTPUT};
use base64::Engine;

/// Input lines: the named files, or standard input.
fn input(cx: &Cx, files: &[String], io: &mut Io, name: &str) -> (String, i32) {
    if files.is_empty() {
        return (io.take_stdin(), 0);
    }
    let mut text = String::new();
    let mut status = 0;
    for f in files {
        if f == "-" {
            text.push_str(&io.take_stdin());
            continue;
        }
        match cx.fs.read(f) {
            // Many names of a big file: what no output could hold is never read.
            Ok(t) if text.len() + t.len() > MAX_OUTPUT => {
                io.mark_cut();
                break;
            }
            Ok(t) => text.push_str(t),
            Err(e) => {
                io.eprintln(format!("{name}: {f}: {}", e.text()));
                status = if name == "grep" { 2 } else { 1 };
            }
        }
    }
    (text, status)
}

/// POSIX basic regular expressions to the `regex` syntax (`\|`, `\(` are operators in BRE).
pub(crate) fn basic_to_extended(p: &str, extended: bool) -> String {
    if extended {
        return p.to_string();
    }
    let mut out = String::new();
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('|' | '(' | ')' | '{' | '}' | '+' | '?')) => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push_str("\\\\"),
            },
            '|' | '(' | ')' | '{' | '}' | '+' | '?' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `-n N`, `-n +N`, `-N`, `--lines=N`: (N, from the start, files); `Err` is coreutils' message.
fn count_arg(
    argv: &[String],
    default: i64,
    name: &str,
) -> Result<(i64, bool, Vec<String>), String> {
    let mut n = default;
    let mut from_start = false;
    let mut files = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        let value = if a == "-n" || a == "-c" {
            it.next().cloned()
        } else if let Some(v) = a.strip_prefix("-n").or_else(|| a.strip_prefix("--lines=")) {
            Some(v.to_string())
        } else if a.len() > 1
            && a.starts_with('-')
            && a.get(1..)
                .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
        {
            Some(a.get(1..).unwrap_or("").to_string())
        } else {
            files.push(a.clone());
            None
        };
        if let Some(v) = value {
            let digits = match v.strip_prefix('+') {
                Some(rest) => {
                    from_start = true;
                    rest
                }
                None => v.as_str(),
            };
            n = match digits.parse::<i64>() {
                Ok(n) => n,
                // All digits but too many: coreutils' EOVERFLOW.
                Err(_)
                    if digits.trim_start_matches('-').len() > 1
                        && digits.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) =>
                {
                    return Err(format!(
                        "{name}: invalid number of lines: '{v}': Value too large for defined data type"
                    ))
                }
                Err(_) => return Err(format!("{name}: invalid number of lines: '{v}'")),
            };
        }
    }
    Ok((n, from_start, files))
}

/// A line count as an index (saturating: on wasm32 a usize is 32 bits).
fn lines_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// `head [-n N] [files]`.
pub fn head(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (n, _, files) = match count_arg(argv, 10, "head") {
        Ok(c) => c,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let (text, status) = input(cx, &files, io, "head");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let take = if n < 0 {
        lines.len().saturating_sub(lines_usize(n.unsigned_abs()))
    } else {
        lines_usize(n.unsigned_abs())
    };
    io.print(lines.into_iter().take(take).collect::<String>());
    Run::Done(status)
}

/// `tail [-n N|+N] [files]`.
pub fn tail(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (n, from_start, files) = match count_arg(argv, 10, "tail") {
        Ok(c) => c,
        Err(m) => {
            io.eprintln(m);
            return Run::Done(1);
        }
    };
    let (text, status) = input(cx, &files, io, "tail");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // `-n -N` is `-n N` for tail.
    let count = lines_usize(n.unsigned_abs());
    let skip = if from_start {
        count.saturating_sub(1)
    } else {
        lines.len().saturating_sub(count)
    };
    io.print(lines.into_iter().skip(skip).collect::<String>());
    Run::Done(status)
}

/// `wc [-lwc] [files]`.
pub fn wc(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let flags: String = argv
        .iter()
        .skip(1)
        .filter(|a| a.starts_with('-') && a.len() > 1)
        .map(|a| a.trim_start_matches('-'))
        .collect();
    let names: Vec<String> = argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-') || a.len() == 1)
        .cloned()
        .collect();
    let (lines, words, bytes) = (
        flags.is_empty() || flags.contains('l'),
        flags.is_empty() || flags.contains('w'),
        flags.is_empty() || flags.contains('c') || flags.contains('m'),
    );
    let counted = usize::from(lines) + usize::from(words) + usize::from(bytes);
    // Each operand's counts, `None` for one that could not be read; no operand is stdin.
    let inputs: Vec<Option<String>> = if names.is_empty() {
        vec![Some(io.take_stdin())]
    } else {
        names
            .iter()
            .map(|f| {
                if f == "-" {
                    return Some(io.take_stdin());
                }
                match cx.fs.read(f) {
                    Ok(t) => Some(t.to_string()),
                    Err(e) => {
                        io.eprintln(format!("wc: {f}: {}", e.text()));
                        None
                    }
                }
            })
            .collect()
    };
    let counts: Vec<Option<[usize; 3]>> = inputs
        .iter()
        .map(|t| {
            t.as_ref().map(|t| {
                [
                    t.matches('\n').count(),
                    t.split_whitespace().count(),
                    t.len(),
                ]
            })
        })
        .collect();
    // GNU wc's column width: 1 for one count of one input; otherwise the digits of the files'
    // total size, and at least 7 when a pipe is among them (its size is unknown).
    let first_failed = counts.first().is_some_and(Option::is_none);
    let width = if counted == 1 && inputs.len() == 1 || first_failed {
        1
    } else {
        // Standard input from `< file` is a regular file: its size counts, not 7.
        let piped = (names.is_empty() && !io.stdin_file) || names.iter().any(|n| n == "-");
        let total: usize = counts.iter().flatten().map(|c| c[2]).sum();
        let digits = total.to_string().len();
        if piped {
            digits.max(7)
        } else {
            digits
        }
    };
    let line = |c: [usize; 3], name: Option<&str>| {
        let mut fields = Vec::new();
        for (on, n) in [(lines, c[0]), (words, c[1]), (bytes, c[2])] {
            if on {
                fields.push(format!("{n:>width$}"));
            }
        }
        let mut s = fields.join(" ");
        if let Some(name) = name {
            s.push(' ');
            s.push_str(name);
        }
        s
    };
    let mut total = [0; 3];
    for (i, c) in counts.iter().enumerate() {
        if let Some(c) = c {
            for (t, n) in total.iter_mut().zip(c) {
                *t += n;
            }
            io.println(line(*c, names.get(i).map(String::as_str)));
        }
    }
    if names.len() > 1 {
        io.println(line(total, Some("total")));
    }
    Run::Done(i32::from(counts.iter().any(Option::is_none)))
}

/// Sorts `sort`'s lines by their keys, stably, with the standard library's sort itself: `sort`
/// may get millions of lines, and `cluster::sort` (indices sorted, then the slice permuted)
/// spends its time there in cache misses. Two instances of the sort in the wasm, for speed
/// where it counts.
#[allow(clippy::disallowed_methods)]
fn sort_lines<K>(lines: &mut [(K, &str)], cmp: &dyn Fn(&K, &K) -> std::cmp::Ordering) {
    lines.sort_by(|a, b| cmp(&a.0, &b.0));
}

/// `sort [-rnu] [-k N] [-t C] [files]`.
pub fn sort(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut flags = String::new();
    let mut key: Option<usize> = None;
    let mut sep: Option<char> = None;
    let mut files = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "-k" {
            key = it.next().and_then(|k| k.split(',').next()?.parse().ok());
        } else if a == "-t" {
            sep = it.next().and_then(|s| s.chars().next());
        } else if let Some(k) = a.strip_prefix("-k") {
            key = k.split(',').next().and_then(|k| k.parse().ok());
        } else if let Some(t) = a.strip_prefix("-t") {
            sep = t.chars().next();
        } else if a.len() > 1 && a.starts_with('-') {
            flags.push_str(a.get(1..).unwrap_or(""));
        } else {
            files.push(a.clone());
        }
    }
    let (text, status) = input(cx, &files, io, "sort");
    // Each line's key is read once, not at every comparison (a sort of a million lines makes
    // twenty million of them).
    fn field(l: &str, key: Option<usize>, sep: Option<char>) -> &str {
        match key {
            None => l,
            Some(k) => match sep {
                Some(c) => l.split(c).nth(k.saturating_sub(1)).unwrap_or(""),
                None => l.split_whitespace().nth(k.saturating_sub(1)).unwrap_or(""),
            },
        }
    }
    let mut lines: Vec<&str> = if flags.contains('n') {
        let num = |s: &str| -> f64 {
            s.trim()
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0.0)
        };
        let mut keyed: Vec<(f64, &str)> =
            text.lines().map(|l| (num(field(l, key, sep)), l)).collect();
        sort_lines(&mut keyed, &|a, b| {
            a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
        });
        keyed.into_iter().map(|(_, l)| l).collect()
    } else {
        let mut keyed: Vec<(&str, &str)> = text.lines().map(|l| (field(l, key, sep), l)).collect();
        sort_lines(&mut keyed, &|a, b| a.cmp(b));
        keyed.into_iter().map(|(_, l)| l).collect()
    };
    if flags.contains('r') {
        lines.reverse();
    }
    if flags.contains('u') {
        lines.dedup();
    }
    let mut out = String::with_capacity(text.len() + 1);
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    io.print(out);
    Run::Done(status)
}

/// `uniq [-c]`.
pub fn uniq(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let count = argv.iter().any(|a| a == "-c");
    let files: Vec<String> = argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let (text, status) = input(cx, &files, io, "uniq");
    let mut groups: Vec<(usize, &str)> = Vec::new();
    for l in text.lines() {
        match groups.last_mut() {
            Some((n, last)) if *last == l => *n += 1,
            _ => groups.push((1, l)),
        }
    }
    for (n, l) in groups {
        if count {
            io.println(format!("{n:>7} {l}"));
        } else {
            io.println(l);
        }
    }
    Run::Done(status)
}

/// `cut -d C -f LIST` or `cut -c LIST`.
pub fn cut(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut delim = '\t';
    let mut fields: Option<String> = None;
    let mut chars_list: Option<String> = None;
    let mut files = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "-d" {
            delim = it.next().and_then(|d| d.chars().next()).unwrap_or('\t');
        } else if let Some(d) = a.strip_prefix("-d") {
            delim = d.chars().next().unwrap_or('\t');
        } else if a == "-f" {
            fields = it.next().cloned();
        } else if let Some(f) = a.strip_prefix("-f") {
            fields = Some(f.to_string());
        } else if a == "-c" {
            chars_list = it.next().cloned();
        } else if let Some(c) = a.strip_prefix("-c") {
            chars_list = Some(c.to_string());
        } else {
            files.push(a.clone());
        }
    }
    let parse_list = |l: &str| -> Vec<(usize, usize)> {
        l.split(',')
            .filter_map(|r| match r.split_once('-') {
                Some((a, b)) => Some((a.parse().unwrap_or(1), b.parse().unwrap_or(usize::MAX))),
                None => r.parse().ok().map(|n| (n, n)),
            })
            .collect()
    };
    let Some(list) = fields.as_deref().or(chars_list.as_deref()).map(parse_list) else {
        io.eprintln("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
        return Run::Done(1);
    };
    let in_list = |i: usize| list.iter().any(|(a, b)| *a <= i && i <= *b);
    let (text, status) = input(cx, &files, io, "cut");
    for line in text.lines() {
        if fields.is_some() {
            if !line.contains(delim) {
                io.println(line);
                continue;
            }
            let picked: Vec<&str> = line
                .split(delim)
                .enumerate()
                .filter(|(i, _)| in_list(i + 1))
                .map(|(_, f)| f)
                .collect();
            io.println(picked.join(&delim.to_string()));
        } else {
            let picked: String = line
                .chars()
                .enumerate()
                .filter(|(i, _)| in_list(i + 1))
                .map(|(_, c)| c)
                .collect();
            io.println(picked);
        }
    }
    Run::Done(status)
}

/// A `tr` set's backslash escapes (`\\`, `\n`, `\t`, `\r`, `\a`, `\b`, `\f`, `\v`, octal
/// `\NNN`) as the characters they stand for.
fn tr_escapes(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some(d @ '0'..='7') => {
                let mut n = d.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(x) => {
                            n = n * 8 + x;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(n & 0xff).unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A `tr` set as ranges of characters, in order, never expanded: `tr '\0-\U10FFFF'` would be
/// a million characters, rebuilt for every line of a loop.
#[derive(Debug, Default)]
struct CharSet {
    /// Inclusive ranges of valid characters (a range over the surrogates is split around them).
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    /// The set an argument names: classes, escapes and `a-z` ranges.
    fn parse(s: &str) -> CharSet {
        let c: Vec<char> = tr_escapes(
            &s.replace("[:lower:]", "a-z")
                .replace("[:upper:]", "A-Z")
                .replace("[:digit:]", "0-9")
                .replace("[:alpha:]", "a-zA-Z")
                .replace("[:alnum:]", "0-9A-Za-z")
                .replace("[:blank:]", " \t")
                .replace("[:space:]", "\t\n\u{b}\u{c}\r "),
        );
        let mut set = CharSet::default();
        let mut i = 0;
        while let Some(&a) = c.get(i) {
            if c.get(i + 1) == Some(&'-') {
                if let Some(&b) = c.get(i + 2) {
                    set.push(a as u32, b as u32);
                    i += 3;
                    continue;
                }
            }
            set.push(a as u32, a as u32);
            i += 1;
        }
        set
    }

    fn push(&mut self, lo: u32, hi: u32) {
        const SURROGATES: (u32, u32) = (0xD800, 0xDFFF);
        if lo > hi {
            return;
        }
        if lo < SURROGATES.0 && hi > SURROGATES.1 {
            self.ranges.push((lo, SURROGATES.0 - 1));
            self.ranges.push((SURROGATES.1 + 1, hi));
        } else {
            self.ranges.push((lo, hi));
        }
    }

    fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The first position of `c` in the set.
    fn position(&self, c: char) -> Option<usize> {
        let c = c as u32;
        let mut offset = 0usize;
        for &(lo, hi) in &self.ranges {
            if (lo..=hi).contains(&c) {
                return Some(offset + (c - lo) as usize);
            }
            offset += (hi - lo) as usize + 1;
        }
        None
    }

    /// The character at `i`, or the last one when the set is shorter (SET2 is padded with its
    /// last character).
    fn at_or_last(&self, i: usize) -> Option<char> {
        let mut offset = 0usize;
        for &(lo, hi) in &self.ranges {
            let len = (hi - lo) as usize + 1;
            if i < offset + len {
                return char::from_u32(lo + (i - offset) as u32);
            }
            offset += len;
        }
        self.ranges.last().and_then(|&(_, hi)| char::from_u32(hi))
    }
}

/// `tr [-d] SET1 [SET2]`.
pub fn tr(_cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let delete = argv.get(1).is_some_and(|a| a == "-d");
    let sets: Vec<&String> = argv
        .iter()
        .skip(1)
        .filter(|a| !a.starts_with('-') || a.len() == 1)
        .collect();
    let Some(set1) = sets.first().map(|s| CharSet::parse(s)) else {
        io.eprintln("tr: missing operand\nTry 'tr --help' for more information.");
        return Run::Done(1);
    };
    let set2 = sets.get(1).map(|s| CharSet::parse(s)).unwrap_or_default();
    let out: String = io
        .take_stdin()
        .chars()
        .filter_map(|c| match set1.position(c) {
            Some(_) if delete => None,
            Some(_) if set2.is_empty() => Some(c),
            Some(i) => Some(set2.at_or_last(i).unwrap_or(c)),
            None => Some(c),
        })
        .collect();
    io.print(out);
    Run::Done(0)
}

/// `base64 [-d] [-w N] [file]`.
pub fn base64(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let decode = argv.iter().any(|a| a == "-d" || a == "--decode");
    let mut wrap = 76usize;
    let mut files = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "-w" {
            wrap = it.next().and_then(|w| w.parse().ok()).unwrap_or(76);
        } else if let Some(w) = a.strip_prefix("-w").or_else(|| a.strip_prefix("--wrap=")) {
            wrap = w.parse().unwrap_or(76);
        } else if !a.starts_with('-') {
            files.push(a.clone());
        }
    }
    let (text, status) = input(cx, &files, io, "base64");
    if status != 0 {
        return Run::Done(status);
    }
    let engine = base64::engine::general_purpose::STANDARD;
    if decode {
        let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match engine.decode(clean.as_bytes()) {
            Ok(bytes) => {
                io.print(String::from_utf8_lossy(&bytes).into_owned());
                Run::Done(0)
            }
            Err(_) => {
                io.eprintln("base64: invalid input");
                Run::Done(1)
            }
        }
    } else {
        let enc = engine.encode(text.as_bytes());
        if wrap == 0 {
            io.println(enc);
        } else {
            let chars: Vec<char> = enc.chars().collect();
            for chunk in chars.chunks(wrap) {
                io.println(chunk.iter().collect::<String>());
            }
            if chars.is_empty() {
                io.println("");
            }
        }
        Run::Done(0)
    }
}

/// The most lines `seq` prints.
const SEQ_MAX_LINES: usize = 100_000;

/// `seq [first [step]] last`.
pub fn seq(_cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut nums: Vec<i64> = Vec::new();
    for a in argv.iter().skip(1) {
        match a.parse() {
            Ok(n) => nums.push(n),
            Err(_) => {
                io.eprintln(format!(
                    "seq: invalid floating point argument: '{a}'\nTry 'seq --help' for more information."
                ));
                return Run::Done(1);
            }
        }
    }
    let (first, step, last) = match nums.as_slice() {
        [l] => (1, 1, *l),
        [f, l] => (*f, 1, *l),
        [f, s, l] => (*f, *s, *l),
        _ => {
            io.eprintln("seq: missing operand\nTry 'seq --help' for more information.");
            return Run::Done(1);
        }
    };
    if step == 0 {
        io.eprintln(
            "seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.",
        );
        return Run::Done(1);
    }
    let mut out = String::new();
    let mut i = first;
    // A terminal shows the first screenfuls of `seq 1 100000000000` before anyone presses
    // Ctrl-C; the output is cut there (pipes into `head` see the same start).
    for _ in 0..SEQ_MAX_LINES {
        if !((step > 0 && i <= last) || (step < 0 && i >= last)) {
            break;
        }
        out.push_str(&format!("{i}\n"));
        match i.checked_add(step) {
            Some(next) => i = next,
            None => break,
        }
    }
    io.print(out);
    Run::Done(0)
}

/// `xargs [cmd [args]]`: runs the command once with the words of standard input appended.
pub fn xargs(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut cmd: Vec<String> = argv.iter().skip(1).cloned().collect();
    if cmd.is_empty() {
        cmd.push("echo".into());
    }
    let words: Vec<String> = io
        .take_stdin()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if words.is_empty() && cmd.first().is_some_and(|c| c != "echo") {
        return Run::Done(0);
    }
    cmd.extend(words);
    let mut sub = Io::default();
    let r = super::run(cx, &cmd, &mut sub);
    io.out.extend(sub.out);
    match r {
        Run::Done(0) => Run::Done(0),
        Run::Done(_) => Run::Done(123),
        wait => wait,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set written out, as `tr` reads it.
    fn expanded(set: &CharSet) -> Vec<char> {
        set.ranges
            .iter()
            .flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32))
            .collect()
    }

    #[test]
    fn ranges_answer_as_the_written_out_set() {
        for arg in [
            "a-z",
            "elo",
            "a-cb-d",
            "[:alnum:]_",
            "z-a",
            "\\001-\\177",
            "\u{d000}-\u{e000}",
        ] {
            let set = CharSet::parse(arg);
            let chars = expanded(&set);
            for c in [
                'a', 'b', 'd', 'o', '_', 'Z', '\u{d7ff}', '\u{e000}', '\u{1}', 'é',
            ] {
                let first = chars.iter().position(|&x| x == c);
                assert_eq!(set.position(c), first, "{arg} {c:?}");
            }
            for i in [0, 1, 5, 100, 5000] {
                let want = chars.get(i).or(chars.last()).copied();
                assert_eq!(set.at_or_last(i), want, "{arg} {i}");
            }
        }
    }

    #[test]
    fn the_whole_of_unicode_is_two_ranges() {
        let set = CharSet::parse("\u{1}-\u{10ffff}");
        assert_eq!(set.ranges, [(1, 0xD7FF), (0xE000, 0x10FFFF)]);
        assert_eq!(set.position('\u{e000}'), Some(0xD7FF));
    }
}
