//! Shell builtins and the small system commands of the lab host.

use super::{Run, Until};
use crate::context::{Cx, Place};
use crate::io::{Io, Output};

fn args(argv: &[String]) -> &[String] {
    argv.get(1..).unwrap_or(&[])
}

/// `cd [dir]`.
pub fn cd(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let target = args(argv)
        .first()
        .cloned()
        .unwrap_or_else(|| cx.fs.home.clone());
    let target = if target == "-" {
        cx.vars.get("OLDPWD").unwrap_or("/root").to_string()
    } else {
        target
    };
    match cx.fs.stat(&target) {
        Some(crate::fs::Node::Dir) => {
            let old = cx.fs.cwd.clone();
            cx.fs.cwd = cx.fs.resolve(&target);
            cx.vars.set("OLDPWD", old);
            Run::Done(0)
        }
        Some(_) => {
            io.eprintln(format!("bash: cd: {target}: Not a directory"));
            Run::Done(1)
        }
        None => {
            io.eprintln(format!("bash: cd: {target}: No such file or directory"));
            Run::Done(1)
        }
    }
}

/// Backslash escapes as bash's `echo -e` (`echo`: octal is `\0NNN`) and `printf`'s format
/// (octal is `\NNN`) read them: `\a \b \e \E \f \n \r \t \v \\`, octal, `\xHH`,
/// `\uHHHH`, `\UHHHHHHHH`; `\c` stops the output (true). Unknown escapes stay as written.
fn unescape(s: &str, echo: bool) -> (String, bool, Vec<char>) {
    let mut out = String::new();
    // `\x`, `\u`, `\U` without digits: printf warns about each.
    let mut missing = Vec::new();
    let mut chars = s.chars().peekable();
    // Up to `max` digits of `radix`, as a number (none: `None`).
    let digits = |chars: &mut std::iter::Peekable<std::str::Chars>, radix: u32, max: usize| {
        let mut n: Option<u32> = None;
        for _ in 0..max {
            match chars.peek().and_then(|c| c.to_digit(radix)) {
                Some(d) => {
                    n = Some(n.unwrap_or(0).wrapping_mul(radix).wrapping_add(d));
                    chars.next();
                }
                None => break,
            }
        }
        n
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'e' | 'E' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' => Some('\\'),
            '"' | '?' if !echo => Some(e),
            '\'' if !echo => Some(e),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            continue;
        }
        let code = match e {
            'c' => return (out, true, missing),
            '0' if echo => Some(digits(&mut chars, 8, 3).unwrap_or(0)),
            '0'..='7' if !echo => {
                let first = e.to_digit(8).unwrap_or(0);
                let mut n = first;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            n = n * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                Some(n)
            }
            'x' => digits(&mut chars, 16, 2),
            'u' => digits(&mut chars, 16, 4),
            'U' => digits(&mut chars, 16, 8),
            _ => None,
        };
        match code {
            // Octal and \x give a byte: above 0x7f it is not one character of UTF-8 text.
            Some(n) if matches!(e, '0'..='7' | 'x') && n > 0x7f => out.push('\u{fffd}'),
            Some(n) => out.push(
                char::from_u32(
                    n & if matches!(e, '0'..='7') {
                        0xff
                    } else {
                        u32::MAX
                    },
                )
                .unwrap_or('\u{fffd}'),
            ),
            None => {
                if matches!(e, 'x' | 'u' | 'U') {
                    missing.push(e);
                }
                out.push('\\');
                out.push(e);
            }
        }
    }
    (out, false, missing)
}

/// `echo [-neE] args`.
pub fn echo(_cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut newline = true;
    let mut escapes = false;
    let mut rest = args(argv);
    while let Some(first) = rest.first() {
        if first.len() > 1
            && first.starts_with('-')
            && first.chars().skip(1).all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for c in first.chars().skip(1) {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            rest = rest.get(1..).unwrap_or(&[]);
        } else {
            break;
        }
    }
    let mut text = rest.join(" ");
    if escapes {
        let (t, stop, _) = unescape(&text, true);
        text = t;
        if stop {
            newline = false;
        }
    }
    if newline {
        text.push('\n');
    }
    io.print(text);
    Run::Done(0)
}

/// `printf FORMAT [args]` (%s, %d, %%, escapes; the format repeats while arguments remain).
pub fn printf(_cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut a = args(argv);
    // `printf -- FORMAT`: the end of options.
    if a.first().is_some_and(|f| f == "--") {
        a = a.get(1..).unwrap_or(&[]);
    }
    let Some(format) = a.first() else {
        io.eprintln("printf: usage: printf [-v var] format [arguments]");
        return Run::Done(2);
    };
    let mut values = a.get(1..).unwrap_or(&[]).iter();
    let mut out = String::new();
    loop {
        let mut used = false;
        let (fmt, _, missing) = unescape(format, false);
        // bash reads the format again for each round of arguments, and warns each time.
        for e in missing {
            let what = if e == 'x' { "hex" } else { "unicode" };
            io.eprintln(format!("bash: printf: missing {what} digit for \\{e}"));
        }
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('%') => out.push('%'),
                Some('s') => {
                    used = true;
                    out.push_str(values.next().map(String::as_str).unwrap_or(""));
                }
                Some('d' | 'i') => {
                    used = true;
                    let v = values.next().map(String::as_str).unwrap_or("0");
                    out.push_str(&v.trim().parse::<i64>().unwrap_or(0).to_string());
                }
                Some(o) => {
                    out.push('%');
                    out.push(o);
                }
                None => out.push('%'),
            }
        }
        if !used || values.len() == 0 {
            break;
        }
    }
    io.print(out);
    Run::Done(0)
}

/// `export [NAME[=value]...]`.
pub fn export(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let a = args(argv);
    if a.is_empty() || a.first().is_some_and(|x| x == "-p") {
        for (k, v) in cx.vars.environment() {
            io.println(format!("declare -x {k}=\"{v}\""));
        }
        return Run::Done(0);
    }
    let mut status = 0;
    for arg in a {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            io.eprintln(format!("bash: export: `{arg}': not a valid identifier"));
            status = 1;
            continue;
        }
        if let Some(v) = value {
            cx.vars.set(&name, v);
        } else if cx.vars.get(&name).is_none() {
            cx.vars.set(&name, "");
        }
        cx.vars.export(&name);
    }
    Run::Done(status)
}

/// `unset NAME...`.
pub fn unset(cx: &mut Cx, argv: &[String], _io: &mut Io) -> Run {
    for a in args(argv).iter().filter(|a| !a.starts_with('-')) {
        cx.vars.unset(a);
    }
    Run::Done(0)
}

/// `exit`: ends the script; in a `kubectl exec` shell, leaves it.
pub fn exit(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let code = args(argv)
        .first()
        .and_then(|c| c.parse::<i32>().ok())
        .unwrap_or(cx.last_status)
        & 0xff;
    if cx.subshell {
        // Leaves the subshell only, silently.
        cx.exit = Some(code);
        return Run::Done(code);
    }
    let interactive_pod =
        matches!(cx.place, Place::Pod { .. }) && cx.shells.last() == Some(&cx.place);
    if interactive_pod {
        io.println("exit");
        if let Some(Place::Pod {
            namespace,
            name,
            remove_on_exit: true,
            ..
        }) = cx.shells.pop()
        {
            if let Some(rt) = cluster::kind::by_kind("Pod") {
                if cx
                    .cluster
                    .delete(rt, &namespace, &name, Default::default())
                    .is_ok()
                {
                    io.println(format!("pod \"{name}\" deleted"));
                }
            }
        }
    } else if cx.place == Place::Host {
        io.println("logout");
    }
    cx.exit = Some(code);
    Run::Done(code)
}

/// `pwd`.
pub fn pwd(cx: &mut Cx, _argv: &[String], io: &mut Io) -> Run {
    io.println(cx.fs.cwd.clone());
    Run::Done(0)
}

/// `true`.
pub fn true_(_cx: &mut Cx, _argv: &[String], _io: &mut Io) -> Run {
    Run::Done(0)
}

/// `false`.
pub fn false_(_cx: &mut Cx, _argv: &[String], _io: &mut Io) -> Run {
    Run::Done(1)
}

/// `test EXPR` / `[ EXPR ]`.
pub fn test(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut a: Vec<&str> = args(argv).iter().map(String::as_str).collect();
    if argv.first().is_some_and(|n| n == "[") {
        if a.last() != Some(&"]") {
            io.eprintln("bash: [: missing `]'");
            return Run::Done(2);
        }
        a.pop();
    }
    let mut negate = false;
    if a.first() == Some(&"!") {
        negate = true;
        a.remove(0);
    }
    let num = |s: &str| s.trim().parse::<i64>().ok();
    let result = match a.as_slice() {
        [] => Some(false),
        [s] => Some(!s.is_empty()),
        ["-n", s] => Some(!s.is_empty()),
        ["-z", s] => Some(s.is_empty()),
        ["-f", p] => Some(matches!(cx.fs.stat(p), Some(crate::fs::Node::File(_)))),
        ["-d", p] => Some(matches!(cx.fs.stat(p), Some(crate::fs::Node::Dir))),
        ["-e", p] | ["-s", p] => Some(cx.fs.stat(p).is_some()),
        [x, "=", y] | [x, "==", y] => Some(x == y),
        [x, "!=", y] => Some(x != y),
        [x, op, y] if op.starts_with('-') => match (num(x), num(y)) {
            (Some(x), Some(y)) => Some(match *op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-le" => x <= y,
                "-gt" => x > y,
                "-ge" => x >= y,
                _ => false,
            }),
            (None, _) => {
                io.eprintln(format!(
                    "bash: {}: {x}: integer expression expected",
                    argv.first().map(String::as_str).unwrap_or("test")
                ));
                return Run::Done(2);
            }
            (_, None) => {
                io.eprintln(format!(
                    "bash: {}: {y}: integer expression expected",
                    argv.first().map(String::as_str).unwrap_or("test")
                ));
                return Run::Done(2);
            }
        },
        _ => None,
    };
    match result {
        Some(r) => Run::Done(i32::from(r == negate)),
        None => {
            io.eprintln(format!(
                "bash: {}: too many arguments",
                argv.first().map(String::as_str).unwrap_or("test")
            ));
            Run::Done(2)
        }
    }
}

fn path_of(name: &str) -> String {
    match name {
        "kubectl" => "/usr/bin/kubectl".into(),
        _ => format!("/usr/bin/{name}"),
    }
}

/// `type NAME...`.
pub fn type_(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut status = 0;
    for name in args(argv) {
        if super::find(super::BUILTINS, name).is_some() {
            io.println(format!("{name} is a shell builtin"));
        } else if name == "k" && cx.place == Place::Host {
            io.println("k is aliased to `kubectl'");
        } else if super::exists(&cx.place, name) {
            io.println(format!("{name} is {}", path_of(name)));
        } else {
            io.eprintln(format!("bash: type: {name}: not found"));
            status = 1;
        }
    }
    Run::Done(status)
}

/// `which NAME...`.
pub fn which(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut status = 0;
    for name in args(argv) {
        if super::exists(&cx.place, name)
            && super::find(super::BUILTINS, name).is_none()
            && name != "k"
        {
            io.println(path_of(name));
        } else {
            status = 1;
        }
    }
    Run::Done(status)
}

/// `alias`: the lab has `k` for kubectl.
pub fn alias(_cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    match args(argv).first() {
        None => {
            io.println("alias k='kubectl'");
            Run::Done(0)
        }
        Some(a) if a == "k" => {
            io.println("alias k='kubectl'");
            Run::Done(0)
        }
        Some(a) if !a.contains('=') => {
            io.eprintln(format!("bash: alias: {a}: not found"));
            Run::Done(1)
        }
        Some(_) => Run::Done(0),
    }
}

/// `history [n]`.
pub fn history(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let n = args(argv).first().and_then(|n| n.parse::<usize>().ok());
    let total = cx.history.len();
    let skip = n.map_or(0, |n| total.saturating_sub(n));
    for (i, line) in cx.history.iter().enumerate().skip(skip) {
        io.println(format!("{:>5}  {line}", i + 1));
    }
    Run::Done(0)
}

/// `help`.
pub fn help(_cx: &mut Cx, _argv: &[String], io: &mut Io) -> Run {
    io.print(
        "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n\
         This is a kubeplay lab host: a simulated kind cluster (Kubernetes v1.32) runs in your browser.\n\
         \n\
         Commands: kubectl (alias k), curl, cat, ls, cd, pwd, mkdir, rm, cp, mv, touch, tee, echo, printf,\n\
         export, env, grep, head, tail, wc, sort, uniq, cut, tr, base64, seq, xargs, sleep, date,\n\
         hostname, history, clear, sudo, test, watch, for/while/if, pipes, redirections and $(...).\n\
         Background jobs: cmd &, jobs, fg, wait, kill %1 (kubectl port-forward svc/web 8080:80 &).\n\
         Inside pods: kubectl exec -ti <pod> -- sh, then nslookup, dig, curl or wget if the image has them.\n",
    );
    Run::Done(0)
}

/// `read [-r] NAME`: one line of standard input.
pub fn read(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let names: Vec<&String> = args(argv).iter().filter(|a| !a.starts_with('-')).collect();
    let Some((line, rest)) = io
        .stdin
        .split_once('\n')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .or_else(|| (!io.stdin.is_empty()).then(|| (io.stdin.clone(), String::new())))
    else {
        return Run::Done(1);
    };
    io.stdin = rest;
    match names.as_slice() {
        [] => cx.vars.set("REPLY", line),
        [one] => cx.vars.set(one, line),
        many => {
            let mut fields = line.split_whitespace();
            for (i, n) in many.iter().enumerate() {
                let v = if i + 1 == many.len() {
                    fields.by_ref().collect::<Vec<_>>().join(" ")
                } else {
                    fields.next().unwrap_or("").to_string()
                };
                cx.vars.set(n, v);
            }
        }
    }
    Run::Done(0)
}

/// `set` (options are accepted and ignored).
pub fn set(_cx: &mut Cx, _argv: &[String], _io: &mut Io) -> Run {
    Run::Done(0)
}

/// `sleep N[smhd]`.
pub fn sleep(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let a = args(argv);
    if a.is_empty() {
        io.eprintln("sleep: missing operand\nTry 'sleep --help' for more information.");
        return Run::Done(1);
    }
    let mut total = 0f64;
    for t in a {
        let (num, mult) = match t.chars().last() {
            Some('s') => (t.get(..t.len() - 1).unwrap_or(""), 1.0),
            Some('m') => (t.get(..t.len() - 1).unwrap_or(""), 60.0),
            Some('h') => (t.get(..t.len() - 1).unwrap_or(""), 3600.0),
            Some('d') => (t.get(..t.len() - 1).unwrap_or(""), 86400.0),
            _ => (t.as_str(), 1.0),
        };
        let v = if t == "infinity" {
            Some(f64::INFINITY)
        } else {
            num.parse::<f64>().ok().filter(|v| *v >= 0.0)
        };
        match v {
            Some(v) => total += v * mult,
            None => {
                io.eprintln(format!(
                    "sleep: invalid time interval '{t}'\nTry 'sleep --help' for more information."
                ));
                return Run::Done(1);
            }
        }
    }
    let ms = if total.is_finite() {
        (total * 1000.0).min(1e15) as i64
    } else {
        i64::MAX / 4
    };
    if !cx.may_block {
        return Run::Done(0);
    }
    Run::Wait(Box::new(Until(cx.cluster.now().plus(ms))))
}

/// `clear`.
pub fn clear(_cx: &mut Cx, _argv: &[String], io: &mut Io) -> Run {
    io.out.push(Output::Clear);
    Run::Done(0)
}

/// `sudo cmd...`: the lab user is root already.
pub fn sudo(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let mut rest = args(argv);
    while let Some(f) = rest.first() {
        if f.starts_with('-') {
            if f == "-i" || f == "-s" {
                return Run::Done(0);
            }
            rest = rest.get(1..).unwrap_or(&[]);
        } else {
            break;
        }
    }
    if rest.is_empty() {
        io.eprintln("usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]\n            [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory]\n            [-g group] [-h host] [-p prompt] [-R|-T timeout] [-u user]\n            [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory]\n            [-g group] [-h host] [-p prompt] [-R|-T timeout] [-u user]\n            file ...");
        return Run::Done(1);
    }
    if rest.first().is_some_and(|c| c == "su") {
        return Run::Done(0);
    }
    super::run(cx, rest, io)
}

/// The environment a command sees: the container's inside pods, the exported variables on the host.
fn environment(cx: &Cx) -> Vec<(String, String)> {
    match &cx.place {
        Place::Host => {
            let mut env: Vec<(String, String)> = vec![
                ("SHELL".into(), "/bin/bash".into()),
                ("PWD".into(), cx.fs.cwd.clone()),
                ("HOME".into(), cx.fs.home.clone()),
                ("KUBECONFIG".into(), "/etc/kubernetes/admin.conf".into()),
                ("TERM".into(), "xterm-256color".into()),
                ("USER".into(), "root".into()),
                ("SHLVL".into(), "1".into()),
                (
                    "PATH".into(),
                    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
                ),
                ("HOSTNAME".into(), cx.host.to_string()),
            ];
            for (k, v) in cx.vars.environment() {
                match env.iter_mut().find(|(ek, _)| ek == k) {
                    Some(slot) => slot.1 = v.to_string(),
                    None => env.push((k.to_string(), v.to_string())),
                }
            }
            env
        }
        Place::Pod { .. } => {
            let mut env = crate::expand::container_environment(cx);
            for (k, v) in cx.vars.environment() {
                match env.iter_mut().find(|(ek, _)| ek == k) {
                    Some(slot) => slot.1 = v.to_string(),
                    None => env.push((k.to_string(), v.to_string())),
                }
            }
            env
        }
    }
}

/// `env`.
pub fn env(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    if argv.len() > 1 {
        // `env VAR=x cmd`: run with extra variables.
        let mut rest = args(argv);
        let mut set = Vec::new();
        while let Some((k, v)) = rest.first().and_then(|a| a.split_once('=')) {
            set.push((k.to_string(), v.to_string()));
            rest = rest.get(1..).unwrap_or(&[]);
        }
        if rest.is_empty() {
            for (k, v) in environment(cx).into_iter().chain(set) {
                io.println(format!("{k}={v}"));
            }
            return Run::Done(0);
        }
        for (k, v) in &set {
            cx.vars.set(k, v.clone());
            cx.vars.export(k);
        }
        return super::run(cx, rest, io);
    }
    for (k, v) in environment(cx) {
        io.println(format!("{k}={v}"));
    }
    Run::Done(0)
}

/// `printenv [NAME]`.
pub fn printenv(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let env = environment(cx);
    match args(argv).first() {
        None => {
            for (k, v) in env {
                io.println(format!("{k}={v}"));
            }
            Run::Done(0)
        }
        Some(name) => match env.iter().find(|(k, _)| k == name) {
            Some((_, v)) => {
                io.println(v);
                Run::Done(0)
            }
            None => Run::Done(1),
        },
    }
}

/// `hostname`.
pub fn hostname(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    if args(argv).first().is_some_and(|a| a == "-i" || a == "-I") {
        let ip = match &cx.place {
            Place::Host => "172.18.0.2".to_string(),
            Place::Pod { uid, .. } => cx
                .cluster
                .runtime()
                .pod(uid)
                .and_then(|p| p.ip)
                .map(|i| i.to_string())
                .unwrap_or_default(),
        };
        io.println(if args(argv).first().is_some_and(|a| a == "-I") {
            format!("{ip} ")
        } else {
            ip
        });
        return Run::Done(0);
    }
    io.println(cx.place.hostname(cx.host));
    Run::Done(0)
}

/// `whoami`.
pub fn whoami(_cx: &mut Cx, _argv: &[String], io: &mut Io) -> Run {
    io.println("root");
    Run::Done(0)
}

/// `id`.
pub fn id(_cx: &mut Cx, _argv: &[String], io: &mut Io) -> Run {
    io.println("uid=0(root) gid=0(root) groups=0(root)");
    Run::Done(0)
}

/// `uname [-a|-r|-m|-n]`.
pub fn uname(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let host = cx.place.hostname(cx.host).to_string();
    let line = match args(argv).first().map(String::as_str) {
        Some("-a") => format!("Linux {host} 6.8.0-1015-gcp #17-Ubuntu SMP Mon Sep 30 17:11:21 UTC 2024 x86_64 GNU/Linux"),
        Some("-r") => "6.8.0-1015-gcp".into(),
        Some("-m") => "x86_64".into(),
        Some("-n") => host,
        _ => "Linux".into(),
    };
    io.println(line);
    Run::Done(0)
}

/// `date` (UTC, coreutils' default format, or `+%s`).
pub fn date(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let now = cx.cluster.now();
    if let Some(fmt) = args(argv).first().and_then(|a| a.strip_prefix('+')) {
        let r = now.rfc3339();
        let out = fmt
            .replace("%s", &now.unix_seconds().to_string())
            .replace("%Y", r.get(0..4).unwrap_or(""))
            .replace("%m", r.get(5..7).unwrap_or(""))
            .replace("%d", r.get(8..10).unwrap_or(""))
            .replace("%H", r.get(11..13).unwrap_or(""))
            .replace("%M", r.get(14..16).unwrap_or(""))
            .replace("%S", r.get(17..19).unwrap_or(""))
            .replace("%T", r.get(11..19).unwrap_or(""))
            .replace("%F", r.get(0..10).unwrap_or(""));
        io.println(out);
        return Run::Done(0);
    }
    io.println(ctime(now, " UTC"));
    Run::Done(0)
}

/// `Thu Nov 26 04:10:02{zone} 2026` (C's `%a %b %e %H:%M:%S %Y`, the zone between): `date`
/// prints it with ` UTC`, `watch` without.
pub fn ctime(now: cluster::Time, zone: &str) -> String {
    // Thu, 26 Nov 2026 04:10:02 +0000
    let r = now.rfc1123z();
    let p: Vec<&str> = r.split(' ').collect();
    match p.as_slice() {
        [wd, day, mon, year, time, _] => format!(
            "{} {mon} {:>2} {time}{zone} {year}",
            wd.trim_end_matches(','),
            day.trim_start_matches('0')
        ),
        _ => r.clone(),
    }
}
