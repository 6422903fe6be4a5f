//! The terminal's screen model: scrollback lines made of styled spans, with a cap, and ANSI
//! colour codes turned into styles. Pure: tested natively.

use shell::Output;

/// Which stream or style a span has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
    /// The prompt and the echoed command.
    Input,
    /// Notes from the classroom itself (a step restarted, a command waiting).
    Note,
    /// ANSI green.
    Green,
    /// ANSI yellow.
    Yellow,
    /// Other ANSI colours.
    Color(u8),
}

/// A run of text with one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The style.
    pub style: Style,
    /// The text (no newline).
    pub text: String,
}

impl Style {
    /// A one-number code for saving.
    pub fn code(self) -> u8 {
        match self {
            Style::Out => 0,
            Style::Err => 1,
            Style::Input => 2,
            Style::Note => 3,
            Style::Green => 32,
            Style::Yellow => 33,
            Style::Color(n) => n,
        }
    }

    /// The style of a saved code.
    pub fn from_code(c: u8) -> Style {
        match c {
            1 => Style::Err,
            2 => Style::Input,
            3 => Style::Note,
            32 => Style::Green,
            33 => Style::Yellow,
            30..=37 | 90..=97 => Style::Color(c),
            _ => Style::Out,
        }
    }
}

/// Lines per block of scrollback: the unit the terminal draws (a finished block never changes).
pub const BLOCK: usize = 64;

/// Blocks drawn while the view follows the bottom: the last one (often partial) and two
/// before it, 128 to 192 lines, more than any screen shows.
const FOLLOW_BLOCKS: usize = 3;

/// The blocks of the scrollback the terminal draws, as block numbers (line `n` is in block
/// `n / BLOCK`); the lines of the others are empty boxes of their height. `first..end` are the
/// lines kept (absolute numbers). `in_view`: the blocks the learner scrolled to (from
/// [`blocks_in_view`]), or `None` when the view follows the bottom. A long listing then draws
/// three blocks, not the 3,000 lines of scrollback it leaves.
pub fn drawn_blocks(first: usize, end: usize, in_view: Option<(usize, usize)>) -> (usize, usize) {
    let lo = first / BLOCK;
    let hi = end.div_ceil(BLOCK);
    match in_view {
        Some((a, b)) if a.max(lo) < b.min(hi) => (a.max(lo), b.min(hi)),
        _ => (hi.saturating_sub(FOLLOW_BLOCKS).max(lo), hi),
    }
}

/// The blocks on screen when the learner has scrolled to `scroll_top` (CSS pixels) of a
/// screen `height` pixels tall with lines of `line_px`, whose first kept line is `first`, plus
/// one block each side (a scroll of less than a block draws nothing new).
pub fn blocks_in_view(first: usize, scroll_top: f64, height: f64, line_px: f64) -> (usize, usize) {
    let line_px = if line_px.is_finite() && line_px >= 1.0 {
        line_px
    } else {
        18.9
    };
    let top = first + (scroll_top.max(0.0) / line_px) as usize;
    let bottom = first + ((scroll_top.max(0.0) + height.max(0.0)) / line_px).ceil() as usize;
    ((top / BLOCK).saturating_sub(1), bottom / BLOCK + 2)
}

/// A line as saved: `(style code, text)` pieces.
pub type SavedLine = Vec<(u8, String)>;

/// The scrollback.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    /// Finished lines.
    pub lines: Vec<Vec<Span>>,
    /// The line being written.
    pub current: Vec<Span>,
    /// How many lines are kept.
    pub cap: usize,
    /// How many lines were dropped from the top (cap, `clear`): `lines[i]` is line number
    /// `dropped + i` since the screen was made, a stable key for rendering.
    pub dropped: usize,
}

/// The style an SGR sequence (`ESC [ code m`) sets: its last number decides; 0 goes back to
/// `base`, a number it does not know keeps `current`.
fn sgr(code: &str, base: Style, current: Style) -> Style {
    let last = code
        .rsplit(';')
        .next()
        .and_then(|n| n.parse::<u8>().ok())
        .unwrap_or(0);
    match last {
        0 => base,
        32 => Style::Green,
        33 => Style::Yellow,
        30..=37 | 90..=97 => Style::Color(last),
        _ => current,
    }
}

impl Screen {
    /// An empty screen keeping `cap` lines.
    pub fn new(cap: usize) -> Screen {
        Screen {
            lines: Vec::new(),
            current: Vec::new(),
            cap,
            dropped: 0,
        }
    }

    fn push_text(&mut self, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.current.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.current.push(Span {
                style,
                text: text.to_string(),
            }),
        }
    }

    fn newline(&mut self) {
        let line = std::mem::take(&mut self.current);
        self.lines.push(line);
    }

    /// Drops the lines above the cap, once per write: dropping them one newline at a time
    /// moved the whole scrollback per line (3,000 lines moved 7,000 times for a listing of
    /// 10,000 pods).
    fn trim(&mut self) {
        if self.lines.len() > self.cap {
            let extra = self.lines.len() - self.cap;
            self.lines.drain(..extra);
            self.dropped += extra;
        }
    }

    /// Writes text in a base style, honouring newlines, `\r\n` and ANSI SGR colours. Plain text
    /// between the characters that matter is copied a run at a time.
    pub fn write(&mut self, base: Style, text: &str) {
        let mut style = base;
        let mut rest = self.skip_hidden(text);
        while !rest.is_empty() {
            // A byte search: these are ASCII, which is never part of another character's bytes.
            let special =
                memchr::memchr3(b'\n', b'\r', 0x1b, rest.as_bytes()).unwrap_or(rest.len());
            self.push_text(style, rest.get(..special).unwrap_or(""));
            let mut chars = rest.get(special..).unwrap_or("").chars();
            match chars.next() {
                None => break,
                Some('\n') => self.newline(),
                Some('\r') => {}
                Some(_) if chars.as_str().starts_with('[') => {
                    chars.next();
                    let mut code = String::new();
                    for d in chars.by_ref() {
                        if d.is_ascii_alphabetic() {
                            if d == 'm' {
                                style = sgr(&code, base, style);
                            }
                            break;
                        }
                        code.push(d);
                    }
                }
                // An escape that starts no sequence is text.
                Some(c) => self.push_text(style, c.encode_utf8(&mut [0; 4])),
            }
            rest = chars.as_str();
        }
        self.trim();
    }

    /// What of `text` can stay on the screen. When it ends more lines than the screen keeps,
    /// the lines above the cap would be dropped as soon as they were made (7,000 of a listing
    /// of 10,000 pods), and every line held before them too: they are counted as dropped and
    /// not made. Only for text without escapes: one could change the style of what follows,
    /// or take newlines into its sequence.
    fn skip_hidden<'t>(&mut self, text: &'t str) -> &'t str {
        // memchr searches a word at a time: a listing of 10,000 pods is a megabyte, and these
        // scans a byte at a time were 2 ms of it in Chromium.
        let bytes = text.as_bytes();
        if memchr::memchr(0x1b, bytes).is_some() {
            return text;
        }
        // The newline before the last `cap` lines, found from the end.
        let Some(before) = memchr::memrchr_iter(b'\n', bytes).nth(self.cap) else {
            return text;
        };
        let Some(head) = bytes.get(..=before) else {
            return text;
        };
        let skipped = memchr::memchr_iter(b'\n', head).count();
        self.dropped += self.lines.len() + skipped;
        self.lines.clear();
        self.current.clear();
        // Just after the newline: a character boundary, as the newline is ASCII.
        text.get(before + 1..).unwrap_or("")
    }

    /// Writes shell output.
    pub fn write_outputs(&mut self, outs: &[Output]) {
        for o in outs {
            match o {
                Output::Out(s) => self.write(Style::Out, s),
                Output::Err(s) => self.write(Style::Err, s),
                Output::Clear => self.clear(),
                // The lab opens the file in the editor pane (see `Lab`).
                Output::Edit { .. } => {}
            }
        }
    }

    /// `clear` / Ctrl-L.
    pub fn clear(&mut self) {
        self.dropped += self.lines.len();
        self.lines.clear();
        self.current.clear();
    }

    /// The last `max` finished lines and the current one, for saving.
    pub fn save(&self, max: usize) -> Vec<SavedLine> {
        let skip = self.lines.len().saturating_sub(max);
        self.lines
            .iter()
            .skip(skip)
            .chain(std::iter::once(&self.current))
            .map(|l| l.iter().map(|s| (s.style.code(), s.text.clone())).collect())
            .collect()
    }

    /// A screen from saved lines (the last one is the current line).
    pub fn restore(cap: usize, saved: &[SavedLine]) -> Screen {
        let mut s = Screen::new(cap);
        let mut lines: Vec<Vec<Span>> = saved
            .iter()
            .map(|l| {
                l.iter()
                    .map(|(c, t)| Span {
                        style: Style::from_code(*c),
                        text: t.replace('\n', ""),
                    })
                    .collect()
            })
            .collect();
        s.current = lines.pop().unwrap_or_default();
        let skip = lines.len().saturating_sub(cap);
        s.lines = lines.into_iter().skip(skip).collect();
        s
    }

    /// Whether the current (unfinished) line has text.
    pub fn mid_line(&self) -> bool {
        self.current.iter().any(|s| !s.text.is_empty())
    }

    /// All text, for tests and copy.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            for sp in l {
                s.push_str(&sp.text);
            }
            s.push('\n');
        }
        for sp in &self.current {
            s.push_str(&sp.text);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn following_the_bottom_draws_the_last_three_blocks() {
        // 3,000 lines kept after 10,000 were written: lines 7,000..10,000.
        assert_eq!(drawn_blocks(7_000, 10_000, None), (154, 157));
        // Fewer lines than three blocks: all of them.
        assert_eq!(drawn_blocks(0, 100, None), (0, 2));
        assert_eq!(drawn_blocks(0, 0, None), (0, 0));
    }

    #[test]
    fn a_view_scrolled_up_draws_its_blocks_and_one_each_side() {
        // Lines of 20 px, the first kept line 7,000, scrolled 2,000 px down a 400 px screen:
        // lines 7,100..7,120 are on screen, blocks 110 and 111 around them.
        let v = blocks_in_view(7_000, 2_000.0, 400.0, 20.0);
        assert_eq!(v, (109, 113));
        assert_eq!(drawn_blocks(7_000, 10_000, Some(v)), (109, 113));
        // At the very top: nothing before the first kept block.
        assert_eq!(
            drawn_blocks(7_000, 10_000, Some(blocks_in_view(7_000, 0.0, 400.0, 20.0))),
            (109, 111)
        );
        // A view beyond what is kept (the scrollback was cleared since): follow the bottom.
        assert_eq!(drawn_blocks(0, 10, Some((109, 113))), (0, 1));
        // A line height the page could not read does not divide by zero.
        assert_eq!(blocks_in_view(0, 100.0, 400.0, f64::NAN), (0, 2));
    }

    use super::*;

    #[test]
    fn splits_lines_and_colours() {
        let mut s = Screen::new(100);
        s.write(
            Style::Out,
            "\u{1b}[0;32mKubernetes\u{1b}[0m is running\r\nnext",
        );
        assert_eq!(s.lines.len(), 1);
        assert_eq!(
            s.lines[0][0],
            Span {
                style: Style::Green,
                text: "Kubernetes".into()
            }
        );
        assert_eq!(
            s.lines[0][1],
            Span {
                style: Style::Out,
                text: " is running".into()
            }
        );
        assert_eq!(s.text(), "Kubernetes is running\nnext");
    }

    #[test]
    fn other_escapes_are_dropped_or_kept_as_text() {
        let mut s = Screen::new(100);
        s.write(Style::Out, "a\u{1b}b\u{1b}[2Kc é\u{1b}[33my\n");
        assert_eq!(s.text(), "a\u{1b}bc éy\n");
        assert_eq!(s.lines[0].len(), 2);
        assert_eq!(s.lines[0][1].style, Style::Yellow);
    }

    /// The screen as the first version of `write` made it, one character at a time, dropping
    /// lines above the cap at each newline: the reference the run-at-a-time version must match
    /// (both read colours with `sgr`).
    fn reference(cap: usize, writes: &[(Style, String)]) -> Screen {
        let mut s = Screen::new(cap);
        for (base, text) in writes {
            let mut style = *base;
            let mut chars = text.chars().peekable();
            let mut buf = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\n' => {
                        s.push_text(style, &std::mem::take(&mut buf));
                        s.newline();
                        s.trim();
                    }
                    '\r' => {}
                    '\u{1b}' if chars.peek() == Some(&'[') => {
                        s.push_text(style, &std::mem::take(&mut buf));
                        chars.next();
                        let mut code = String::new();
                        for d in chars.by_ref() {
                            if d.is_ascii_alphabetic() {
                                if d == 'm' {
                                    style = sgr(&code, *base, style);
                                }
                                break;
                            }
                            code.push(d);
                        }
                    }
                    _ => buf.push(c),
                }
            }
            s.push_text(style, &buf);
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn writes_a_run_at_a_time_as_one_character_at_a_time(
            cap in 1usize..6,
            writes in proptest::collection::vec(
                (proptest::prop_oneof![proptest::strategy::Just(Style::Out), proptest::strategy::Just(Style::Err)],
                 "([a-zé ]|\n|\r|\u{1b}|\\[|[0-9;]|m|K){0,100}"),
                0..5,
            ),
        ) {
            let mut s = Screen::new(cap);
            for (style, text) in &writes {
                s.write(*style, text);
            }
            proptest::prop_assert_eq!(s, reference(cap, &writes));
        }
    }

    #[test]
    fn keeps_a_capped_scrollback() {
        let mut s = Screen::new(3);
        s.write(Style::Out, "1\n2\n3\n4\n5\n");
        assert_eq!(s.text(), "3\n4\n5\n");
        assert_eq!(s.dropped, 2);
        s.write(Style::Out, "6\n");
        assert_eq!((s.text().as_str(), s.dropped), ("4\n5\n6\n", 3));
        s.clear();
        assert_eq!(s.dropped, 6);
    }

    #[test]
    fn saves_and_restores() {
        let mut s = Screen::new(10);
        s.write(Style::Input, "$ ls\n");
        s.write(Style::Err, "oops\n");
        s.write(Style::Out, "\u{1b}[32mok\u{1b}[0m\npartial");
        let saved = s.save(2);
        assert_eq!(
            serde_json::to_string(&saved).unwrap_or_default(),
            r#"[[[1,"oops"]],[[32,"ok"]],[[0,"partial"]]]"#
        );
        let r = Screen::restore(10, &saved);
        assert_eq!(r.text(), "oops\nok\npartial");
        assert_eq!(r.lines[0][0].style, Style::Err);
        assert_eq!(Screen::restore(1, &saved).text(), "ok\npartial");
        assert_eq!(Screen::restore(5, &[]).text(), "");
    }
}
