//! File commands over the virtual filesystem: cat, ls, mkdir, rm, touch, cp, mv, tee.

use super::Run;
use crate::context::Cx;
use crate::fs::{FsError, Node};
use crate::io::{Io, MAX_OUTPUT};

fn split_flags(argv: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut rest = Vec::new();
    let mut only_files = false;
    for a in argv.iter().skip(1) {
        if !only_files && a == "--" {
            only_files = true;
        } else if !only_files && a.len() > 1 && a.starts_with('-') && !a.starts_with("--") {
            flags.push_str(a.get(1..).unwrap_or(""));
        } else if !only_files && a.starts_with("--") {
            flags.push_str(match a.as_str() {
                "--recursive" => "r",
                "--force" => "f",
                "--parents" => "p",
                "--all" => "a",
                "--append" => "a",
                _ => "",
            });
        } else {
            rest.push(a.clone());
        }
    }
    (flags, rest)
}

/// `cat [files]` (stdin when none, or `-`).
pub fn cat(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (flags, files) = split_flags(argv);
    let number = flags.contains('n');
    let mut status = 0;
    let mut text = String::new();
    if files.is_empty() {
        text.push_str(&io.take_stdin());
    }
    for f in &files {
        if f == "-" {
            text.push_str(&io.take_stdin());
            continue;
        }
        match cx.fs.read(f) {
            // `cat f f f ...` over a big file: what the output could not hold is never read.
            Ok(t) if text.len() + t.len() > MAX_OUTPUT => {
                io.mark_cut();
                break;
            }
            Ok(t) => text.push_str(t),
            Err(e) => {
                io.print(std::mem::take(&mut text));
                io.eprintln(format!("cat: {f}: {}", e.text()));
                status = 1;
            }
        }
    }
    if number {
        let mut n = String::new();
        for (i, line) in text.lines().enumerate() {
            n.push_str(&format!("{:>6}\t{line}\n", i + 1));
        }
        text = n;
    }
    io.print(text);
    Run::Done(status)
}

/// `ls [-l] [-a] [paths]`.
pub fn ls(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (flags, mut paths) = split_flags(argv);
    let long = flags.contains('l');
    let all = flags.contains('a');
    let one = flags.contains('1') || long;
    if paths.is_empty() {
        paths.push(".".into());
    }
    let mut status = 0;
    let multiple = paths.len() > 1;
    let mut blocks = Vec::new();
    let mut file_args = Vec::new();
    for p in &paths {
        match cx.fs.stat(p) {
            None => {
                io.eprintln(format!(
                    "ls: cannot access '{p}': No such file or directory"
                ));
                status = 2;
            }
            Some(Node::File(t)) => file_args.push((p.clone(), false, t.len())),
            Some(Node::Dir) => blocks.push(p.clone()),
        }
    }
    let render = |entries: &[(String, bool, usize)]| -> String {
        if entries.is_empty() {
            return String::new();
        }
        if long {
            let mut s = String::new();
            for (name, dir, size) in entries {
                let (mode, links) = if *dir {
                    ("drwxr-xr-x", 2)
                } else {
                    ("-rw-r--r--", 1)
                };
                let size = if *dir { 4096 } else { *size };
                s.push_str(&format!(
                    "{mode} {links} root root {size:>5} Nov 26 10:00 {name}\n"
                ));
            }
            s
        } else if one {
            entries.iter().map(|(n, _, _)| format!("{n}\n")).collect()
        } else {
            format!(
                "{}\n",
                entries
                    .iter()
                    .map(|(n, _, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join("  ")
            )
        }
    };
    io.print(render(&file_args));
    for (i, dir) in blocks.iter().enumerate() {
        let Ok(list) = cx.fs.list(dir) else { continue };
        let mut entries: Vec<(String, bool, usize)> = list
            .into_iter()
            .filter(|(n, _)| all || !n.starts_with('.'))
            .map(|(n, is_dir)| {
                let size = cx
                    .fs
                    .read(&format!("{}/{n}", dir.trim_end_matches('/')))
                    .map(str::len)
                    .unwrap_or(0);
                (n, is_dir, size)
            })
            .collect();
        if all {
            entries.insert(0, ("..".into(), true, 0));
            entries.insert(0, (".".into(), true, 0));
        }
        if multiple || !file_args.is_empty() {
            if i > 0 || !file_args.is_empty() {
                io.println("");
            }
            io.println(format!("{dir}:"));
        }
        if long {
            io.println(format!("total {}", entries.len() * 4));
        }
        io.print(render(&entries));
    }
    Run::Done(status)
}

/// `mkdir [-p] dirs`.
pub fn mkdir(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (flags, dirs) = split_flags(argv);
    if dirs.is_empty() {
        io.eprintln("mkdir: missing operand\nTry 'mkdir --help' for more information.");
        return Run::Done(1);
    }
    let mut status = 0;
    for d in dirs {
        let r = if flags.contains('p') {
            cx.fs.mkdir_p(&d)
        } else {
            cx.fs.mkdir(&d)
        };
        if let Err(e) = r {
            let what = if e == FsError::Exists {
                "File exists"
            } else {
                e.text()
            };
            io.eprintln(format!("mkdir: cannot create directory '{d}': {what}"));
            status = 1;
        }
    }
    Run::Done(status)
}

/// `rm [-rf] paths`.
pub fn rm(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (flags, paths) = split_flags(argv);
    let force = flags.contains('f');
    if paths.is_empty() && !force {
        io.eprintln("rm: missing operand\nTry 'rm --help' for more information.");
        return Run::Done(1);
    }
    let mut status = 0;
    for p in paths {
        match cx.fs.remove(&p, flags.contains('r') || flags.contains('R')) {
            Ok(()) => {}
            Err(FsError::NotFound) if force => {}
            Err(FsError::IsDir) => {
                io.eprintln(format!("rm: cannot remove '{p}': Is a directory"));
                status = 1;
            }
            Err(e) => {
                io.eprintln(format!("rm: cannot remove '{p}': {}", e.text()));
                status = 1;
            }
        }
    }
    Run::Done(status)
}

/// `touch files`.
pub fn touch(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (_, files) = split_flags(argv);
    if files.is_empty() {
        io.eprintln("touch: missing file operand\nTry 'touch --help' for more information.");
        return Run::Done(1);
    }
    let mut status = 0;
    for f in files {
        if cx.fs.stat(&f).is_none() {
            if let Err(e) = cx.fs.write(&f, "") {
                io.eprintln(format!("touch: cannot touch '{f}': {}", e.text()));
                status = 1;
            }
        }
    }
    Run::Done(status)
}

fn copy(cx: &mut Cx, argv: &[String], io: &mut Io, remove: bool) -> Run {
    let name = if remove { "mv" } else { "cp" };
    let (_, paths) = split_flags(argv);
    let [src, dst] = paths.as_slice() else {
        io.eprintln(format!(
            "{name}: missing file operand\nTry '{name} --help' for more information."
        ));
        return Run::Done(1);
    };
    if let Err(e) = cx.fs.read(src) {
        io.eprintln(format!("{name}: cannot stat '{src}': {}", e.text()));
        return Run::Done(1);
    }
    let target = if matches!(cx.fs.stat(dst), Some(Node::Dir)) {
        format!(
            "{}/{}",
            dst.trim_end_matches('/'),
            src.rsplit('/').next().unwrap_or(src)
        )
    } else {
        dst.clone()
    };
    // mv renames, which takes no room; cp writes a second copy, which may not fit.
    let written = if remove {
        cx.fs.rename(src, &target)
    } else {
        let text = cx.fs.read(src).unwrap_or_default().to_string();
        cx.fs.write(&target, &text)
    };
    match written {
        Ok(()) => Run::Done(0),
        Err(FsError::NoSpace) => {
            io.eprintln(format!(
                "cp: error writing '{target}': No space left on device"
            ));
            Run::Done(1)
        }
        Err(e) if remove => {
            io.eprintln(format!(
                "mv: cannot move '{src}' to '{target}': {}",
                e.text()
            ));
            Run::Done(1)
        }
        Err(e) => {
            io.eprintln(format!(
                "{name}: cannot create regular file '{dst}': {}",
                e.text()
            ));
            Run::Done(1)
        }
    }
}

/// `cp src dst`.
pub fn cp(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    copy(cx, argv, io, false)
}

/// `mv src dst`.
pub fn mv(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    copy(cx, argv, io, true)
}

/// `tee [-a] files`.
pub fn tee(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let (flags, files) = split_flags(argv);
    let text = io.take_stdin();
    let mut status = 0;
    for f in files {
        let r = if flags.contains('a') {
            cx.fs.append(&f, &text)
        } else {
            cx.fs.write(&f, &text)
        };
        if let Err(e) = r {
            io.eprintln(format!("tee: {f}: {}", e.text()));
            status = 1;
        }
    }
    io.print(text);
    Run::Done(status)
}
