//! `vi`, `vim` and `nano` on the lab host: the host opens the file in its own editor (the
//! browser's editor pane, the CLI's real editor) and the command waits until the host says the
//! file was closed. Hosts without an editor (the transcript and lesson runners) close it at once.

use super::{Run, Waiter};
use crate::context::{Cx, Place};
use crate::fs::Node;
use crate::io::{Io, Output};
use cluster::Time;
use std::collections::VecDeque;

/// `vi FILE...` (also `vim`, `nano`): the files open one after the other.
pub fn vi(cx: &mut Cx, argv: &[String], io: &mut Io) -> Run {
    let name = argv
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .unwrap_or("vi");
    if !matches!(cx.place, Place::Host) {
        io.eprintln(format!(
            "{name}: editing files inside a container is not available in this lab"
        ));
        return Run::Done(1);
    }
    // Options (`-R`, `+10`) change nothing here; after `--` everything is a file.
    let mut files = VecDeque::new();
    let mut options_done = false;
    for a in argv.iter().skip(1) {
        if !options_done && a == "--" {
            options_done = true;
        } else if options_done || !(a.starts_with('-') || a.starts_with('+')) {
            files.push_back(cx.fs.resolve(a));
        }
    }
    if files.is_empty() {
        io.eprintln(format!(
            "{name}: which file? This lab opens files in the Editor tab: {name} FILE"
        ));
        return Run::Done(1);
    }
    if let Some(dir) = files
        .iter()
        .find(|f| matches!(cx.fs.stat(f), Some(Node::Dir)))
    {
        io.eprintln(format!("{name}: {dir}: Is a directory"));
        return Run::Done(1);
    }
    if !cx.may_block {
        // Inside `$(...)` nothing can wait for a person.
        return Run::Done(0);
    }
    let mut wait = EditorWait {
        queue: files,
        open: None,
        closed: false,
    };
    wait.open_next(io);
    Run::Wait(Box::new(wait))
}

/// Waits for the host to close each file in turn.
struct EditorWait {
    /// Files still to open.
    queue: VecDeque<String>,
    /// The file the host has open.
    open: Option<String>,
    /// Whether the host closed it.
    closed: bool,
}

impl EditorWait {
    /// Asks the host to open the next file; false when there is none.
    fn open_next(&mut self, io: &mut Io) -> bool {
        match self.queue.pop_front() {
            Some(path) => {
                io.out.push(Output::Edit { path: path.clone() });
                self.open = Some(path);
                self.closed = false;
                true
            }
            None => false,
        }
    }
}

impl Waiter for EditorWait {
    fn poll(&mut self, _cx: &mut Cx, io: &mut Io) -> Option<i32> {
        if !self.closed || self.open_next(io) {
            return None;
        }
        Some(0)
    }

    fn wake(&self, cluster: &cluster::Cluster) -> Option<Time> {
        // Nothing in the cluster ends an edit: only the host's word does.
        self.closed.then(|| cluster.now())
    }

    fn editor_closed(&mut self, path: &str) -> bool {
        if self.closed || self.open.as_deref() != Some(path) {
            return false;
        }
        self.closed = true;
        true
    }
}
