//! The terminal's line editor as pure functions: readline's movement and kill keys, history
//! browsing and reverse search (Ctrl-R), over a line and a cursor counted in characters.
//!
//! The browser's `<input>` holds the text; the key handler turns a key into a [`Cmd`] with
//! [`binding`], applies it to a [`Line`], and writes the result back.

/// The line being typed and the cursor, in characters (not bytes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// The cursor, `0..=chars`.
    pub cursor: usize,
}

/// An editing command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// One character left (Left, Ctrl-B).
    Left,
    /// One character right (Right, Ctrl-F).
    Right,
    /// To the start (Home, Ctrl-A).
    Home,
    /// To the end (End, Ctrl-E).
    End,
    /// One word left (Ctrl-Left, Alt-B).
    WordLeft,
    /// One word right (Ctrl-Right, Alt-F).
    WordRight,
    /// Deletes before the cursor (Backspace, Ctrl-H).
    Backspace,
    /// Deletes under the cursor (Delete).
    Delete,
    /// Kills from the start to the cursor (Ctrl-U).
    KillStart,
    /// Kills from the cursor to the end (Ctrl-K).
    KillEnd,
    /// Kills the word before the cursor (Ctrl-W, Alt-Backspace).
    KillWordBack,
    /// Kills the word after the cursor (Alt-D).
    KillWordForward,
    /// Inserts the last killed text (Ctrl-Y).
    Yank,
}

/// What a key does in the terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    /// Edits the line.
    Edit(Edit),
    /// Enter.
    Submit,
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-L.
    ClearScreen,
    /// Tab.
    Complete,
    /// Up, Ctrl-P.
    HistoryPrev,
    /// Down, Ctrl-N.
    HistoryNext,
    /// Ctrl-R.
    SearchBack,
    /// Escape, Ctrl-G: leaves a search.
    Cancel,
    /// Ctrl-D on an empty line.
    Eof,
}

/// Modifier keys held with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mods {
    /// Ctrl.
    pub ctrl: bool,
    /// Alt (Option).
    pub alt: bool,
    /// Meta (Command, Windows).
    pub meta: bool,
    /// Shift.
    pub shift: bool,
}

/// The command for a `KeyboardEvent.key` with modifiers, if the terminal handles it (the rest
/// is left to the browser: typing, Ctrl-Shift-C copy, Ctrl-V paste...).
pub fn binding(key: &str, m: Mods) -> Option<Cmd> {
    use self::Edit::*;
    use Cmd::{
        Cancel, ClearScreen, Complete, Eof, HistoryNext, HistoryPrev, Interrupt, SearchBack, Submit,
    };
    if m.meta {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    if m.ctrl && !m.alt && !m.shift {
        return Some(match lower.as_str() {
            "a" => Cmd::Edit(Home),
            "e" => Cmd::Edit(End),
            "b" => Cmd::Edit(Left),
            "f" => Cmd::Edit(Right),
            "h" => Cmd::Edit(Backspace),
            "u" => Cmd::Edit(KillStart),
            "k" => Cmd::Edit(KillEnd),
            "w" => Cmd::Edit(KillWordBack),
            "y" => Cmd::Edit(Yank),
            "c" => Interrupt,
            "l" => ClearScreen,
            "r" => SearchBack,
            "p" => HistoryPrev,
            "n" => HistoryNext,
            "g" => Cancel,
            "d" => Eof,
            "arrowleft" => Cmd::Edit(WordLeft),
            "arrowright" => Cmd::Edit(WordRight),
            "backspace" => Cmd::Edit(KillWordBack),
            _ => return None,
        });
    }
    if m.alt && !m.ctrl {
        return Some(match lower.as_str() {
            "b" => Cmd::Edit(WordLeft),
            "f" => Cmd::Edit(WordRight),
            "d" => Cmd::Edit(KillWordForward),
            "backspace" => Cmd::Edit(KillWordBack),
            _ => return None,
        });
    }
    if m.ctrl || m.alt {
        return None;
    }
    Some(match key {
        "Enter" => Submit,
        "Tab" if !m.shift => Complete,
        "ArrowUp" => HistoryPrev,
        "ArrowDown" => HistoryNext,
        "ArrowLeft" => Cmd::Edit(Left),
        "ArrowRight" => Cmd::Edit(Right),
        "Home" => Cmd::Edit(Home),
        "End" => Cmd::Edit(End),
        "Escape" => Cancel,
        _ => return None,
    })
}

fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl Line {
    /// A line with the cursor at its end.
    pub fn new(text: &str) -> Line {
        Line {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// The cursor as a byte offset.
    pub fn cursor_byte(&self) -> usize {
        byte_at(&self.text, self.cursor)
    }

    fn word_left(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i > 0 && !chars.get(i - 1).copied().is_some_and(is_word) {
            i -= 1;
        }
        while i > 0 && chars.get(i - 1).copied().is_some_and(is_word) {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i < chars.len() && !chars.get(i).copied().is_some_and(is_word) {
            i += 1;
        }
        while i < chars.len() && chars.get(i).copied().is_some_and(is_word) {
            i += 1;
        }
        i
    }

    /// Ctrl-W kills back to the previous whitespace, as readline's `unix-word-rubout`.
    fn rubout_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor.min(chars.len());
        while i > 0 && chars.get(i - 1).is_some_and(|c| c.is_whitespace()) {
            i -= 1;
        }
        while i > 0 && chars.get(i - 1).is_some_and(|c| !c.is_whitespace()) {
            i -= 1;
        }
        i
    }

    /// Removes characters `from..to` and returns them.
    fn cut(&mut self, from: usize, to: usize) -> String {
        let (a, b) = (byte_at(&self.text, from), byte_at(&self.text, to));
        let killed = self.text.get(a..b).unwrap_or("").to_string();
        self.text.replace_range(a..b, "");
        self.cursor = from;
        killed
    }

    /// Inserts text at the cursor.
    pub fn insert(&mut self, s: &str) {
        let at = self.cursor_byte();
        self.text.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    /// Applies an edit; `kill` is the kill ring (one entry, as readline's last kill).
    pub fn apply(&mut self, e: Edit, kill: &mut String) {
        let len = self.len();
        self.cursor = self.cursor.min(len);
        match e {
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::WordLeft => self.cursor = self.word_left(),
            Edit::WordRight => self.cursor = self.word_right(),
            Edit::Backspace => {
                if self.cursor > 0 {
                    self.cut(self.cursor - 1, self.cursor);
                }
            }
            Edit::Delete => {
                if self.cursor < len {
                    let c = self.cursor;
                    self.cut(c, c + 1);
                }
            }
            Edit::KillStart => *kill = self.cut(0, self.cursor),
            Edit::KillEnd => {
                let c = self.cursor;
                *kill = self.cut(c, len);
                self.cursor = c;
            }
            Edit::KillWordBack => {
                let from = self.rubout_start();
                *kill = self.cut(from, self.cursor);
            }
            Edit::KillWordForward => {
                let (c, to) = (self.cursor, self.word_right());
                *kill = self.cut(c, to);
            }
            Edit::Yank => {
                let k = kill.clone();
                self.insert(&k);
            }
        }
    }

    /// Replaces bytes `start..cursor` with `insert` (tab completion).
    pub fn complete(&mut self, start: usize, insert: &str) {
        let end = self.cursor_byte();
        let start = start.min(end);
        if !self.text.is_char_boundary(start) {
            return;
        }
        self.text.replace_range(start..end, insert);
        self.cursor = self
            .text
            .get(..start + insert.len())
            .map_or(0, |s| s.chars().count());
    }
}

/// A UTF-16 offset (what the DOM's `selectionStart` counts) as a character index.
pub fn chars_from_utf16(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in text.chars().enumerate() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16() as u32;
    }
    text.chars().count()
}

/// A character index as a UTF-16 offset.
pub fn utf16_from_chars(text: &str, chars: usize) -> u32 {
    text.chars().take(chars).map(|c| c.len_utf16() as u32).sum()
}

/// Browsing the history with Up and Down: where we are, and the line typed before browsing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Browse {
    /// The history entry shown, `None` when showing the draft.
    pub pos: Option<usize>,
    /// What was typed before the first Up.
    pub draft: String,
}

impl Browse {
    /// Up: the previous entry, if any.
    pub fn prev(&mut self, history: &[String], current: &str) -> Option<String> {
        let next = match self.pos {
            None => {
                self.draft = current.to_string();
                history.len().checked_sub(1)?
            }
            Some(p) => p.checked_sub(1)?,
        };
        self.pos = Some(next);
        history.get(next).cloned()
    }

    /// Down: the next entry, or the draft after the last one.
    pub fn next(&mut self, history: &[String]) -> Option<String> {
        let p = self.pos?;
        if p + 1 < history.len() {
            self.pos = Some(p + 1);
            history.get(p + 1).cloned()
        } else {
            self.pos = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Forgets the browsing (after Enter or an edit).
    pub fn reset(&mut self) {
        *self = Browse::default();
    }
}

/// Ctrl-R: an incremental search back through the history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// The entry that matches, if any.
    pub found: Option<usize>,
    /// The line before the search (Escape restores it).
    pub original: String,
}

impl Search {
    /// Starts a search from the line `original`.
    pub fn start(original: &str) -> Search {
        Search {
            query: String::new(),
            found: None,
            original: original.to_string(),
        }
    }

    /// The newest entry before `before` containing the query.
    fn find(history: &[String], query: &str, before: usize) -> Option<usize> {
        (0..before.min(history.len()))
            .rev()
            .find(|&i| history.get(i).is_some_and(|h| h.contains(query)))
    }

    /// The query changed: searches again from the newest entry (readline keeps the current
    /// match while it still matches).
    pub fn set_query(&mut self, history: &[String], query: &str) {
        self.query = query.to_string();
        let from = match self.found {
            Some(i) if history.get(i).is_some_and(|h| h.contains(query)) => i + 1,
            _ => history.len(),
        };
        self.found = if query.is_empty() {
            None
        } else {
            Search::find(history, query, from)
        };
    }

    /// Ctrl-R again: the next older match (stays on the current one when there is none).
    pub fn older(&mut self, history: &[String]) {
        if self.query.is_empty() {
            return;
        }
        let before = self.found.unwrap_or(history.len());
        if let Some(i) = Search::find(history, &self.query, before) {
            self.found = Some(i);
        }
    }

    /// The line the search gives (the match, or the original line when nothing matched).
    pub fn result<'a>(&'a self, history: &'a [String]) -> &'a str {
        self.found
            .and_then(|i| history.get(i))
            .map_or(self.original.as_str(), String::as_str)
    }

    /// The prompt readline shows: `(reverse-i-search)`query': ` or `(failed reverse-i-search)...`.
    pub fn prompt(&self) -> String {
        if self.found.is_none() && !self.query.is_empty() {
            format!("(failed reverse-i-search)`{}': ", self.query)
        } else {
            format!("(reverse-i-search)`{}': ", self.query)
        }
    }
}

/// Splits pasted text into lines to run and the rest to leave on the input line: every line
/// but the last ends with a newline, so it runs; the last stays to be edited.
pub fn split_paste(before: &str, pasted: &str, after: &str) -> (Vec<String>, String) {
    let text = format!(
        "{before}{}",
        pasted.replace("\r\n", "\n").replace('\r', "\n")
    );
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let last = lines.pop().unwrap_or_default();
    (lines, format!("{last}{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(text: &str, cursor: usize, e: Edit) -> (String, usize, String) {
        let mut l = Line {
            text: text.into(),
            cursor,
        };
        let mut kill = String::from("K");
        l.apply(e, &mut kill);
        (l.text, l.cursor, kill)
    }

    #[test]
    fn movement_and_kills() {
        let t = "kubectl get pods -o wide";
        assert_eq!(ed(t, 5, Edit::Home).1, 0);
        assert_eq!(ed(t, 5, Edit::End).1, 24);
        assert_eq!(ed(t, 0, Edit::Left).1, 0);
        assert_eq!(ed(t, 24, Edit::Right).1, 24);
        assert_eq!(ed(t, 16, Edit::WordLeft).1, 12);
        assert_eq!(ed(t, 8, Edit::WordRight).1, 11);
        assert_eq!(
            ed(t, 12, Edit::KillStart),
            ("pods -o wide".into(), 0, "kubectl get ".into())
        );
        assert_eq!(
            ed(t, 16, Edit::KillEnd),
            ("kubectl get pods".into(), 16, " -o wide".into())
        );
        assert_eq!(
            ed(t, 16, Edit::KillWordBack),
            ("kubectl get  -o wide".into(), 12, "pods".into())
        );
        assert_eq!(
            ed("a b   ", 6, Edit::KillWordBack),
            ("a ".into(), 2, "b   ".into())
        );
        assert_eq!(
            ed("get pods", 3, Edit::KillWordForward),
            ("get".into(), 3, " pods".into())
        );
        assert_eq!(ed("ab", 1, Edit::Yank), ("aKb".into(), 2, "K".into()));
        assert_eq!(ed("ab", 0, Edit::Backspace).0, "ab");
        assert_eq!(ed("ab", 2, Edit::Delete).0, "ab");
        assert_eq!(ed("añb", 2, Edit::Backspace), ("ab".into(), 1, "K".into()));
        // A cursor past the end (a stale DOM value) is clamped, never a panic.
        assert_eq!(ed("ab", 99, Edit::Backspace), ("a".into(), 1, "K".into()));
    }

    #[test]
    fn key_bindings() {
        let ctrl = Mods {
            ctrl: true,
            ..Mods::default()
        };
        let none = Mods::default();
        assert_eq!(binding("a", ctrl), Some(Cmd::Edit(Edit::Home)));
        assert_eq!(binding("C", ctrl), Some(Cmd::Interrupt));
        assert_eq!(binding("r", ctrl), Some(Cmd::SearchBack));
        assert_eq!(binding("v", ctrl), None, "paste is the browser's");
        assert_eq!(binding("Tab", none), Some(Cmd::Complete));
        assert_eq!(
            binding(
                "Tab",
                Mods {
                    shift: true,
                    ..none
                }
            ),
            None,
            "Shift-Tab leaves the terminal"
        );
        assert_eq!(binding("x", none), None);
        assert_eq!(
            binding("Backspace", Mods { alt: true, ..none }),
            Some(Cmd::Edit(Edit::KillWordBack))
        );
        assert_eq!(binding("c", Mods { meta: true, ..none }), None);
    }

    #[test]
    fn completion_replaces_the_word() {
        let mut l = Line::new("kubectl get po");
        l.complete(12, "pods ");
        assert_eq!(l, Line::new("kubectl get pods "));
        let mut l = Line {
            text: "cat ma; ls".into(),
            cursor: 6,
        };
        l.complete(4, "manifests/");
        assert_eq!(l.text, "cat manifests/; ls");
        assert_eq!(l.cursor, 14);
    }

    #[test]
    fn utf16_offsets() {
        let t = "a😀ñb";
        assert_eq!(chars_from_utf16(t, 3), 2);
        assert_eq!(utf16_from_chars(t, 2), 3);
        assert_eq!(chars_from_utf16(t, 99), 4);
    }

    #[test]
    fn browsing_history() {
        let h: Vec<String> = ["one", "two"].map(String::from).to_vec();
        let mut b = Browse::default();
        assert_eq!(b.next(&h), None);
        assert_eq!(b.prev(&h, "draft").as_deref(), Some("two"));
        assert_eq!(b.prev(&h, "two").as_deref(), Some("one"));
        assert_eq!(b.prev(&h, "one"), None);
        assert_eq!(b.next(&h).as_deref(), Some("two"));
        assert_eq!(b.next(&h).as_deref(), Some("draft"));
        assert_eq!(b.next(&h), None);
        assert_eq!(Browse::default().prev(&[], "x"), None);
    }

    #[test]
    fn reverse_search() {
        let h: Vec<String> = [
            "kubectl get pods",
            "curl 10.96.0.5",
            "kubectl get svc",
            "ls",
        ]
        .map(String::from)
        .to_vec();
        let mut s = Search::start("typed");
        assert_eq!(s.prompt(), "(reverse-i-search)`': ");
        assert_eq!(s.result(&h), "typed");
        s.set_query(&h, "k");
        assert_eq!(s.result(&h), "kubectl get svc");
        s.set_query(&h, "kubectl get p");
        assert_eq!(s.result(&h), "kubectl get pods");
        s.set_query(&h, "kubectl");
        assert_eq!(s.found, Some(0), "the current match still matches");
        s.set_query(&h, "get");
        s.older(&h);
        assert_eq!(s.found, Some(0));
        s.set_query(&h, "zzz");
        assert_eq!(s.prompt(), "(failed reverse-i-search)`zzz': ");
        assert_eq!(s.result(&h), "typed");
        let mut s = Search::start("");
        s.set_query(&h, "kubectl");
        assert_eq!(s.found, Some(2));
        s.older(&h);
        assert_eq!(s.found, Some(0));
        s.older(&h);
        assert_eq!(s.found, Some(0));
    }

    #[test]
    fn pasting_several_lines() {
        assert_eq!(
            split_paste("echo ", "a\r\nls\nkubectl get", " pods"),
            (
                vec!["echo a".to_string(), "ls".to_string()],
                "kubectl get pods".to_string()
            )
        );
        assert_eq!(split_paste("", "one line", ""), (vec![], "one line".into()));
        assert_eq!(
            split_paste("", "a\n", ""),
            (vec!["a".to_string()], String::new())
        );
    }
}
