//! Markdown pages: pulldown-cmark events become a [`Page`]: sanitized HTML for the UI, with
//! the Katacoda/Killercoda code actions as placeholder elements, and the typed [`Action`]s.
//!
//! The HTML is built by `pulldown_cmark::html::push_html` from a rewritten event stream:
//! - author HTML (inline and block) goes through the [`Sanitizer`];
//! - links and images are written here, with the URL policy of [`crate::sanitize`];
//! - code spans and blocks carrying an action become
//!   `<button type="button" class="kp-action kp-exec" data-action="N"><code>...</code></button>`
//!   (inline) or `<pre class="kp-action kp-exec" data-action="N" role="button"
//!   tabindex="0"><code>...</code></pre>` (block), N indexing [`Page::actions`]; the classes
//!   are `kp-exec`, `kp-copy`, `kp-open` and `kp-write`.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::action::{parse_marker, Action, Marker, WriteTarget};
use crate::error::{ErrorKind, LessonError, Warning};
use crate::sanitize::{
    check_url, decode_entities, escape_attr, escape_into, Piece, Sanitizer, UrlUse,
};

/// A rendered markdown page (an intro, a step, an answer, a finish page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The markdown as written.
    pub source: String,
    /// Sanitized HTML, safe to put in the DOM as it is.
    pub html: String,
    /// The page's actions in order; `data-action="N"` in `html` is `actions[N]`.
    pub actions: Vec<Action>,
    /// Unsupported things found on the page (the page still renders).
    pub warnings: Vec<Warning>,
}

impl Page {
    /// Renders `source`, the content of `file` (named in errors and warnings).
    ///
    /// Errors: misused copy-to-editor blocks (`<pre class="file">` not closed, without
    /// `data-filename`, with an unknown `data-target`, `insert` without `data-marker`).
    pub fn from_markdown(file: &str, source: &str) -> Result<Page, LessonError> {
        let (text, fence_markers) = split_fence_markers(source);
        let mut r = Renderer {
            file,
            newlines: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
            out: Vec::new(),
            actions: Vec::new(),
            warnings: Vec::new(),
            san: Sanitizer::new(),
            marks: Vec::new(),
        };
        r.scan_source(source);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_GFM;
        let events = merge_text(Parser::new_ext(&text, options).into_offset_iter());
        r.run(events, &fence_markers)?;
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, r.out.into_iter());
        Ok(Page {
            source: source.to_string(),
            html,
            actions: r.actions,
            warnings: r.warnings,
        })
    }

    /// The commands of the page's execute actions, in order (what a runner replays).
    pub fn execute_commands(&self) -> Vec<&str> {
        self.actions
            .iter()
            .filter_map(|a| match a {
                Action::Execute { command, .. } => Some(command.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Warnings kept per page (the first ones are the useful ones).
const MAX_WARNINGS: usize = 50;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Joins adjacent text events (pulldown-cmark splits text at special characters).
fn merge_text<'a>(events: impl Iterator<Item = Spanned<'a>>) -> VecDeque<Spanned<'a>> {
    let mut out: VecDeque<Spanned<'a>> = VecDeque::new();
    let mut pending: Option<(CowStr<'a>, Option<String>, Range<usize>)> = None;
    let flush = |pending: &mut Option<(CowStr<'a>, Option<String>, Range<usize>)>,
                 out: &mut VecDeque<Spanned<'a>>| {
        if let Some((first, joined, range)) = pending.take() {
            let text = match joined {
                Some(j) => CowStr::from(j),
                None => first,
            };
            out.push_back((Event::Text(text), range));
        }
    };
    for (ev, range) in events {
        match (ev, pending.as_mut()) {
            (Event::Text(t), Some((first, joined, prev_range))) => {
                joined.get_or_insert_with(|| first.to_string()).push_str(&t);
                prev_range.end = range.end;
            }
            (Event::Text(t), None) => pending = Some((t, None, range)),
            (ev, _) => {
                flush(&mut pending, &mut out);
                out.push_back((ev, range));
            }
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Killercoda and Katacoda close a fenced block with ```` ```{{exec}} ````, which CommonMark
/// reads as text inside the block. The marker is blanked out (same length, so offsets stay
/// valid) and returned with the offset of its line.
fn split_fence_markers(src: &str) -> (String, Vec<(usize, String)>) {
    let mut out = String::with_capacity(src.len());
    let mut markers = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let body = line.get(indent..).unwrap_or("");
        let mut written = false;
        if let Some(c @ (b'`' | b'~')) = body.bytes().next() {
            let run = body.bytes().take_while(|&b| b == c).count();
            let rest = body.get(run..).unwrap_or("");
            if run >= 3 {
                match fence {
                    None if !(c == b'`' && rest.contains('`')) => fence = Some((c, run)),
                    Some((fc, fl)) if fc == c && run >= fl => {
                        let r = rest.trim();
                        if r.is_empty() {
                            fence = None;
                        } else if let Some(inner) =
                            r.strip_prefix("{{").and_then(|x| x.strip_suffix("}}"))
                        {
                            if !inner.contains("}}") && !inner.contains("{{") {
                                let lead = rest.len() - rest.trim_start().len();
                                let start = indent + run + lead;
                                let end = start + r.len();
                                out.push_str(line.get(..start).unwrap_or(""));
                                out.extend(std::iter::repeat_n(' ', r.len()));
                                out.push_str(line.get(end..).unwrap_or(""));
                                markers.push((offset, inner.to_string()));
                                written = true;
                                fence = None;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        if !written {
            out.push_str(line);
        }
        offset += line.len();
    }
    (out, markers)
}

struct Renderer<'a> {
    file: &'a str,
    /// Offsets of the source's newlines, for line numbers.
    newlines: Vec<usize>,
    out: Vec<Event<'a>>,
    actions: Vec<Action>,
    warnings: Vec<Warning>,
    san: Sanitizer,
    /// Sanitizer marks at the start of each open markdown block.
    marks: Vec<usize>,
}

impl<'a> Renderer<'a> {
    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }

    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        if self.warnings.len() >= MAX_WARNINGS {
            return;
        }
        let w = Warning::new(self.file, Some(self.line(offset)), message);
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> LessonError {
        LessonError::new(
            ErrorKind::Markdown,
            self.file,
            Some(self.line(offset)),
            message.into(),
        )
    }

    /// Line-based notes on Katacoda features that are not supported.
    fn scan_source(&mut self, source: &str) {
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            if line.trim_start().starts_with(">>Q") {
                self.warn(
                    offset,
                    "quizzes (`>>Q...<<`) are not supported; shown as text",
                );
            }
            offset += line.len();
        }
    }

    fn run(
        &mut self,
        mut q: VecDeque<Spanned<'a>>,
        fence_markers: &[(usize, String)],
    ) -> Result<(), LessonError> {
        while let Some((ev, range)) = q.pop_front() {
            match ev {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    while let Some((e, _)) = q.pop_front() {
                        match e {
                            Event::Text(t) => code.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => lang_of(&info),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let marker = fence_markers
                        .iter()
                        .find(|(off, _)| range.contains(off))
                        .map(|(_, m)| m.clone())
                        .or_else(|| take_marker_paragraph(&mut q));
                    if !self.san.skipping() {
                        self.code_block(&code, &lang, marker.as_deref(), range.start);
                    }
                }
                Event::Code(code) => {
                    let marker = take_inline_marker(&mut q);
                    if !self.san.skipping() {
                        self.inline_code(&code, marker.as_deref(), range.start);
                    }
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut html = String::new();
                    let mut start = None;
                    while let Some((e, r)) = q.pop_front() {
                        match e {
                            Event::Html(h) | Event::Text(h) | Event::InlineHtml(h) => {
                                start.get_or_insert(r.start);
                                html.push_str(&h);
                            }
                            Event::End(TagEnd::HtmlBlock) => break,
                            _ => {}
                        }
                    }
                    self.html_block(&html, start.unwrap_or(range.start))?;
                    self.san.reset_skip();
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    let mut s = String::new();
                    self.san.fragment(&h, &mut s);
                    self.out.push(Event::InlineHtml(s.into()));
                }
                Event::Text(t) => {
                    if !self.san.skipping() {
                        self.scan_text(&t, range.start);
                        self.out.push(Event::Text(t));
                    }
                }
                Event::SoftBreak | Event::HardBreak | Event::FootnoteReference(_) => {
                    if !self.san.skipping() {
                        self.out.push(ev);
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    let a = self.link_open(link_type, &dest_url, &title, range.start);
                    self.out.push(Event::InlineHtml(a.into()));
                }
                Event::End(TagEnd::Link) => self.out.push(Event::InlineHtml("</a>".into())),
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let alt = take_alt(&mut q);
                    self.image(&dest_url, &title, &alt, range.start);
                }
                Event::Start(tag) => {
                    if !is_inline(&tag) {
                        self.marks.push(self.san.mark());
                    }
                    self.out.push(Event::Start(tag));
                }
                Event::End(end) => {
                    if !is_inline_end(&end) {
                        let mark = self.marks.pop().unwrap_or(0);
                        let mut closing = String::new();
                        self.san.close_to(mark, &mut closing);
                        if !closing.is_empty() {
                            self.out.push(Event::InlineHtml(closing.into()));
                        }
                        self.san.reset_skip();
                    }
                    self.out.push(Event::End(end));
                }
                Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::Rule
                | Event::TaskListMarker(_) => {
                    self.out.push(ev);
                }
            }
        }
        let mut closing = String::new();
        self.san.finish(&mut closing);
        if !closing.is_empty() {
            self.out.push(Event::Html(closing.into()));
        }
        Ok(())
    }

    /// Warns about `{{...}}` and `[[...]]` left in text: Katacoda/Killercoda features that
    /// are not supported (traffic links, host placeholders, unknown actions).
    fn scan_text(&mut self, t: &str, offset: usize) {
        if let Some(open) = t.find("{{") {
            if let Some(close) = t.get(open..).and_then(|s| s.find("}}")) {
                let what = t.get(open..open + close + 2).unwrap_or("{{}}").to_string();
                self.warn(
                    offset,
                    format!("`{what}` is not supported here and is shown as text"),
                );
            }
        }
        if let Some(open) = t.find("[[") {
            if let Some(close) = t.get(open..).and_then(|s| s.find("]]")) {
                let what = t.get(open..open + close + 2).unwrap_or("[[]]").to_string();
                self.warn(
                    offset,
                    format!("placeholder `{what}` is not supported and is shown as text"),
                );
            }
        }
    }

    fn marker(&mut self, inner: Option<&str>, offset: usize) -> Marker {
        let Some(inner) = inner else {
            return Marker::Plain;
        };
        match parse_marker(inner) {
            Ok((marker, notes)) => {
                for n in notes {
                    self.warn(offset, n);
                }
                marker
            }
            Err(message) => {
                self.warn(offset, message);
                Marker::Plain
            }
        }
    }

    fn push_action(&mut self, action: Action) -> usize {
        self.actions.push(action);
        self.actions.len() - 1
    }

    fn inline_code(&mut self, code: &str, marker: Option<&str>, offset: usize) {
        let marker = self.marker(marker, offset);
        let Some(action) = marker.action(code) else {
            self.out.push(Event::Code(CowStr::from(code.to_string())));
            return;
        };
        let class = action.class();
        let n = self.push_action(action);
        let mut h = format!(
            "<button type=\"button\" class=\"kp-action {class}\" data-action=\"{n}\"><code>"
        );
        escape_into(code, &mut h);
        h.push_str("</code></button>");
        self.out.push(Event::InlineHtml(h.into()));
    }

    fn code_block(&mut self, code: &str, lang: &str, marker: Option<&str>, offset: usize) {
        let marker = self.marker(marker, offset);
        let text = code.strip_suffix('\n').unwrap_or(code);
        let action = marker.action(text);
        let code_open = if lang.is_empty() {
            "<code>".to_string()
        } else {
            format!("<code class=\"language-{lang}\">")
        };
        let mut h = match action {
            Some(action) => {
                let class = action.class();
                let n = self.push_action(action);
                format!("<pre class=\"kp-action {class}\" data-action=\"{n}\" role=\"button\" tabindex=\"0\">{code_open}")
            }
            None => format!("<pre>{code_open}"),
        };
        escape_into(code, &mut h);
        h.push_str("</code></pre>\n");
        self.out.push(Event::Html(h.into()));
    }

    fn html_block(&mut self, html: &str, start: usize) -> Result<(), LessonError> {
        for piece in self.san.block(html) {
            match piece {
                Piece::Html(h) => {
                    if !h.is_empty() {
                        self.out.push(Event::Html(h.into()));
                    }
                }
                Piece::File {
                    offset,
                    attrs,
                    content,
                    closed,
                } => {
                    let at = start + offset;
                    if !closed {
                        return Err(
                            self.error(at, "`<pre class=\"file\">` is not closed by `</pre>`")
                        );
                    }
                    let get = |name: &str| {
                        attrs
                            .iter()
                            .find(|(a, _)| a == name)
                            .map(|(_, v)| decode_entities(v))
                    };
                    let mut text = decode_entities(content);
                    if text.starts_with("\r\n") {
                        text.drain(..2);
                    } else if text.starts_with('\n') {
                        text.drain(..1);
                    }
                    let target = get("data-target").unwrap_or_else(|| "replace".into());
                    let action = if target.trim().eq_ignore_ascii_case("clipboard") {
                        Action::Copy { text: text.clone() }
                    } else {
                        let Some(target) = WriteTarget::parse(&target) else {
                            return Err(self.error(
                                at,
                                format!("unknown data-target `{target}`: use replace, append, prepend, insert or clipboard"),
                            ));
                        };
                        let Some(path) = get("data-filename").filter(|p| !p.trim().is_empty())
                        else {
                            return Err(
                                self.error(at, "`<pre class=\"file\">` needs a data-filename")
                            );
                        };
                        let marker = get("data-marker").filter(|m| !m.is_empty());
                        if target == WriteTarget::Insert && marker.is_none() {
                            return Err(
                                self.error(at, "data-target=\"insert\" needs a data-marker")
                            );
                        }
                        Action::WriteFile {
                            path: path.trim().to_string(),
                            content: text.clone(),
                            target,
                            marker,
                        }
                    };
                    let mut h = String::from("<pre class=\"kp-action ");
                    h.push_str(action.class());
                    if let Action::WriteFile { path, target, .. } = &action {
                        h.push_str("\" data-filename=\"");
                        h.push_str(&escape_attr(path));
                        h.push_str("\" data-target=\"");
                        h.push_str(target.as_str());
                    }
                    let n = self.push_action(action);
                    h.push_str(&format!(
                        "\" data-action=\"{n}\" role=\"button\" tabindex=\"0\"><code>"
                    ));
                    escape_into(&text, &mut h);
                    h.push_str("</code></pre>\n");
                    self.out.push(Event::Html(h.into()));
                }
            }
        }
        Ok(())
    }

    fn link_open(&mut self, link_type: LinkType, dest: &str, title: &str, offset: usize) -> String {
        let url = if link_type == LinkType::Email {
            format!("mailto:{dest}")
        } else {
            dest.to_string()
        };
        let mut a = String::from("<a");
        match check_url(&url, UrlUse::Link) {
            Some(u) => {
                a.push_str(" href=\"");
                a.push_str(&escape_attr(&u.cleaned));
                a.push('"');
                if u.external {
                    a.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
                }
            }
            None => self.warn(
                offset,
                "link removed: only http, https, mailto and relative links are allowed",
            ),
        }
        if !title.is_empty() {
            a.push_str(" title=\"");
            a.push_str(&escape_attr(title));
            a.push('"');
        }
        a.push('>');
        a
    }

    fn image(&mut self, src: &str, title: &str, alt: &str, offset: usize) {
        match check_url(src, UrlUse::Image) {
            Some(u) => {
                let mut h = String::from("<img src=\"");
                h.push_str(&escape_attr(&u.cleaned));
                h.push_str("\" alt=\"");
                h.push_str(&escape_attr(alt));
                h.push('"');
                if !title.is_empty() {
                    h.push_str(" title=\"");
                    h.push_str(&escape_attr(title));
                    h.push('"');
                }
                h.push('>');
                self.out.push(Event::InlineHtml(h.into()));
            }
            None => {
                self.warn(
                    offset,
                    "image removed: only https and relative image sources are allowed",
                );
                self.out.push(Event::Text(CowStr::from(alt.to_string())));
            }
        }
    }
}

/// If the text after a code span starts with `{{...}}`, takes it off and returns its inside.
fn take_inline_marker(q: &mut VecDeque<Spanned<'_>>) -> Option<String> {
    let (Event::Text(t), range) = q.front_mut()? else {
        return None;
    };
    let rest = t.strip_prefix("{{")?;
    let end = rest.find("}}")?;
    let inner = rest.get(..end)?;
    if inner.contains(['{', '\n']) {
        return None;
    }
    let inner = inner.to_string();
    let remainder = rest.get(end + 2..).unwrap_or("").to_string();
    if remainder.is_empty() {
        q.pop_front();
    } else {
        *t = CowStr::from(remainder);
        range.start += end + 4;
    }
    Some(inner)
}

/// A paragraph right after a code block that starts with only a `{{...}}` marker line
/// belongs to the block (```` ``` ```` newline `{{execute}}`).
fn take_marker_paragraph(q: &mut VecDeque<Spanned<'_>>) -> Option<String> {
    if !matches!(q.front(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let inner = match q.get(1) {
        Some((Event::Text(t), _)) => {
            let t = t.trim();
            let inner = t.strip_prefix("{{")?.strip_suffix("}}")?;
            if inner.contains(['{', '}', '\n']) || parse_marker(inner).is_err() {
                return None;
            }
            inner.to_string()
        }
        _ => return None,
    };
    match q.get(2) {
        Some((Event::End(TagEnd::Paragraph), _)) => {
            q.drain(..3);
        }
        Some((Event::SoftBreak, _)) => {
            let start = q.pop_front()?;
            q.drain(..2);
            q.push_front(start);
        }
        _ => return None,
    }
    Some(inner)
}

/// The plain text of an image's description, up to its end.
fn take_alt(q: &mut VecDeque<Spanned<'_>>) -> String {
    let mut alt = String::new();
    let mut depth = 0usize;
    while let Some((e, _)) = q.pop_front() {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// The language of a fenced block's info string: its first word, without Killercoda's
/// highlighted-lines suffix (`yaml{2,5}`), restricted to safe characters.
fn lang_of(info: &str) -> String {
    let first = info.split_whitespace().next().unwrap_or("");
    let first = first.split('{').next().unwrap_or("");
    first
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(*c))
        .take(32)
        .collect()
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    /// Renders `input` and shows the HTML, the actions and the warnings.
    fn check(input: &str, expect: Expect) {
        let actual = match Page::from_markdown("step1.md", input) {
            Ok(page) => {
                let mut s = page.html.clone();
                if !s.is_empty() && !s.ends_with('\n') {
                    s.push('\n');
                }
                for (i, a) in page.actions.iter().enumerate() {
                    s.push_str(&format!("action {i}: {a:?}\n"));
                }
                for w in &page.warnings {
                    s.push_str(&format!("warning: {w}\n"));
                }
                s
            }
            Err(e) => format!("error: {e}\n"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn plain_paragraph() {
        check(
            "Hola *mundo*",
            expect![[r#"
            <p>Hola <em>mundo</em></p>
        "#]],
        );
    }

    #[test]
    fn inline_execute() {
        check(
            "Run `kubectl get pods`{{execute}} now",
            expect![[r#"
            <p>Run <button type="button" class="kp-action kp-exec" data-action="0"><code>kubectl get pods</code></button> now</p>
            action 0: Execute { command: "kubectl get pods", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn inline_exec_killercoda() {
        check(
            "`ls -lh`{{exec}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>ls -lh</code></button></p>
            action 0: Execute { command: "ls -lh", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn execute_terminal_two() {
        check(
            "`top`{{execute T2}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>top</code></button></p>
            action 0: Execute { command: "top", terminal: 2, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn execute_interrupt() {
        check(
            "`whoami`{{exec interrupt}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>whoami</code></button></p>
            action 0: Execute { command: "whoami", terminal: 1, host: 1, interrupt: true, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn execute_no_newline_and_host() {
        check(
            "`echo hi`{{execute no-newline HOST2}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>echo hi</code></button></p>
            action 0: Execute { command: "echo hi", terminal: 1, host: 2, interrupt: false, newline: false, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn execute_ctrl_seq() {
        check(
            "`^C`{{execute ctrl-seq}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>^C</code></button></p>
            action 0: Execute { command: "^C", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: true }
        "#]],
        );
    }

    #[test]
    fn execute_unknown_option_is_reported() {
        check(
            "`ls`{{execute T0 sideways}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>ls</code></button></p>
            action 0: Execute { command: "ls", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
            warning: step1.md:1: unsupported `T0` in {{execute}}: terminal numbers go from 1 to 255
            warning: step1.md:1: unsupported option `sideways` in {{execute}} is ignored
        "#]],
        );
    }

    #[test]
    fn inline_copy() {
        check(
            "`echo \"Copy\"`{{copy}}",
            expect![[r#"
            <p><button type="button" class="kp-action kp-copy" data-action="0"><code>echo &quot;Copy&quot;</code></button></p>
            action 0: Copy { text: "echo \"Copy\"" }
        "#]],
        );
    }

    #[test]
    fn inline_open() {
        check(
            "Abre `manifests/web-clusterip-svc.yaml`{{open}}",
            expect![[r#"
            <p>Abre <button type="button" class="kp-action kp-open" data-action="0"><code>manifests/web-clusterip-svc.yaml</code></button></p>
            action 0: Open { path: "manifests/web-clusterip-svc.yaml" }
        "#]],
        );
    }

    #[test]
    fn no_copy_marker_is_plain_code() {
        check(
            "`copying disabled`{{}}",
            expect![[r#"
            <p><code>copying disabled</code></p>
        "#]],
        );
    }

    #[test]
    fn plain_code_has_no_action() {
        check(
            "`curl IP_DEL_POD:8080`",
            expect![[r#"
            <p><code>curl IP_DEL_POD:8080</code></p>
        "#]],
        );
    }

    #[test]
    fn unknown_marker_is_reported() {
        check(
            "`x`{{frobnicate}}",
            expect![[r#"
            <p><code>x</code></p>
            warning: step1.md:1: unsupported code action `{{frobnicate}}`; the code is shown as plain code
        "#]],
        );
    }

    #[test]
    fn fenced_execute_katacoda() {
        check(
            "```\necho \"Line 1\"\necho \"Line 2\"\n```{{execute}}\n\nafter",
            expect![[r#"
            <pre class="kp-action kp-exec" data-action="0" role="button" tabindex="0"><code>echo &quot;Line 1&quot;
            echo &quot;Line 2&quot;
            </code></pre>
            <p>after</p>
            action 0: Execute { command: "echo \"Line 1\"\necho \"Line 2\"", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn fenced_exec_interrupt_killercoda() {
        check(
            "```plain\nuname -r\nwhoami\n```{{exec interrupt}}",
            expect![[r#"
            <pre class="kp-action kp-exec" data-action="0" role="button" tabindex="0"><code class="language-plain">uname -r
            whoami
            </code></pre>
            action 0: Execute { command: "uname -r\nwhoami", terminal: 1, host: 1, interrupt: true, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn fenced_copy() {
        check(
            "```\nuname -r\npwd\n```{{copy}}",
            expect![[r#"
            <pre class="kp-action kp-copy" data-action="0" role="button" tabindex="0"><code>uname -r
            pwd
            </code></pre>
            action 0: Copy { text: "uname -r\npwd" }
        "#]],
        );
    }

    #[test]
    fn fenced_marker_on_next_line() {
        check(
            "```\nkubectl get nodes\n```\n{{execute}}\n\nafter",
            expect![[r#"
            <pre class="kp-action kp-exec" data-action="0" role="button" tabindex="0"><code>kubectl get nodes
            </code></pre>
            <p>after</p>
            action 0: Execute { command: "kubectl get nodes", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn fenced_highlight_lines_language() {
        check(
            "```yaml{2,5}\nkind: Pod\n```",
            expect![[r#"
            <pre><code class="language-yaml">kind: Pod
            </code></pre>
        "#]],
        );
    }

    #[test]
    fn fenced_inside_list_item() {
        check(
            "1. Run:\n\n   ```\n   ls\n   ```{{exec}}\n2. Done",
            expect![[r#"
            <ol>
            <li>
            <p>Run:</p>
            <pre class="kp-action kp-exec" data-action="0" role="button" tabindex="0"><code>ls
            </code></pre>
            </li>
            <li>
            <p>Done</p>
            </li>
            </ol>
            action 0: Execute { command: "ls", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn tilde_fence_with_marker() {
        check(
            "~~~\nls\n~~~{{execute T2}}",
            expect![[r#"
            <pre class="kp-action kp-exec" data-action="0" role="button" tabindex="0"><code>ls
            </code></pre>
            action 0: Execute { command: "ls", terminal: 2, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn fence_inside_fence_is_content() {
        check(
            "````\n```{{exec}}\n````",
            expect![[r#"
            <pre><code>```{{exec}}
            </code></pre>
        "#]],
        );
    }

    #[test]
    fn file_block_replace() {
        check(
            "<pre class=\"file\" data-filename=\"app.js\" data-target=\"replace\">var x = 1 &lt; 2;\nconsole.log(x);\n</pre>",
            expect![[r#"
                <pre class="kp-action kp-write" data-filename="app.js" data-target="replace" data-action="0" role="button" tabindex="0"><code>var x = 1 &lt; 2;
                console.log(x);
                </code></pre>
                action 0: WriteFile { path: "app.js", content: "var x = 1 < 2;\nconsole.log(x);\n", target: Replace, marker: None }
            "#]],
        );
    }

    #[test]
    fn file_block_insert_with_marker() {
        check(
            "<pre class=\"file\" data-filename=\"app.js\" data-target=\"insert\" data-marker=\"#TODO-insert\">\nrequire('x');\n</pre>",
            expect![[r##"
                <pre class="kp-action kp-write" data-filename="app.js" data-target="insert" data-action="0" role="button" tabindex="0"><code>require(&#39;x&#39;);
                </code></pre>
                action 0: WriteFile { path: "app.js", content: "require('x');\n", target: Insert, marker: Some("#TODO-insert") }
            "##]],
        );
    }

    #[test]
    fn file_block_append_and_prepend() {
        check(
            "<pre class=\"file\" data-filename=\"a\" data-target=\"append\">A</pre>\n\n<pre class=\"file\" data-filename=\"a\" data-target=\"prepend\">B</pre>",
            expect![[r#"
                <pre class="kp-action kp-write" data-filename="a" data-target="append" data-action="0" role="button" tabindex="0"><code>A</code></pre>

                <pre class="kp-action kp-write" data-filename="a" data-target="prepend" data-action="1" role="button" tabindex="0"><code>B</code></pre>
                action 0: WriteFile { path: "a", content: "A", target: Append, marker: None }
                action 1: WriteFile { path: "a", content: "B", target: Prepend, marker: None }
            "#]],
        );
    }

    #[test]
    fn file_block_clipboard() {
        check(
            "<pre class=\"file\" data-target=\"clipboard\">kubectl get pods\n</pre>",
            expect![[r#"
            <pre class="kp-action kp-copy" data-action="0" role="button" tabindex="0"><code>kubectl get pods
            </code></pre>
            action 0: Copy { text: "kubectl get pods\n" }
        "#]],
        );
    }

    #[test]
    fn file_block_with_blank_lines() {
        check(
            "text\n\n<pre class=\"file\" data-filename=\"Dockerfile\" data-target=\"replace\">FROM nginx\n\nCOPY . /usr/share/nginx/html\n</pre>\n\nafter",
            expect![[r#"
                <p>text</p>
                <pre class="kp-action kp-write" data-filename="Dockerfile" data-target="replace" data-action="0" role="button" tabindex="0"><code>FROM nginx

                COPY . /usr/share/nginx/html
                </code></pre>

                <p>after</p>
                action 0: WriteFile { path: "Dockerfile", content: "FROM nginx\n\nCOPY . /usr/share/nginx/html\n", target: Replace, marker: None }
            "#]],
        );
    }

    #[test]
    fn pre_without_file_class_is_plain() {
        check(
            "<pre data-filename=\"a\" data-target=\"replace\">x</pre>",
            expect![[r#"
            <pre>x</pre>
        "#]],
        );
    }

    #[test]
    fn file_block_unclosed_is_an_error() {
        check(
            "intro\n\n<pre class=\"file\" data-filename=\"a\">\nline\n",
            expect![[r#"
            error: step1.md:3: `<pre class="file">` is not closed by `</pre>`
        "#]],
        );
    }

    #[test]
    fn file_block_without_filename_is_an_error() {
        check(
            "<pre class=\"file\" data-target=\"replace\">x</pre>",
            expect![[r#"
            error: step1.md:1: `<pre class="file">` needs a data-filename
        "#]],
        );
    }

    #[test]
    fn file_block_unknown_target_is_an_error() {
        check(
            "\n\n<pre class=\"file\" data-filename=\"a\" data-target=\"overwrite\">x</pre>",
            expect![[r#"
            error: step1.md:3: unknown data-target `overwrite`: use replace, append, prepend, insert or clipboard
        "#]],
        );
    }

    #[test]
    fn file_block_insert_without_marker_is_an_error() {
        check(
            "<pre class=\"file\" data-filename=\"a\" data-target=\"insert\">x</pre>",
            expect![[r#"
            error: step1.md:1: data-target="insert" needs a data-marker
        "#]],
        );
    }

    #[test]
    fn external_link_opens_in_new_tab() {
        check(
            "[aquí](https://kubernetes.io/docs/)",
            expect![[r#"
            <p><a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">aquí</a></p>
        "#]],
        );
    }

    #[test]
    fn relative_link_stays() {
        check(
            "[next](step2.md \"Paso 2\") and [top](#top)",
            expect![[r##"
            <p><a href="step2.md" title="Paso 2">next</a> and <a href="#top">top</a></p>
        "##]],
        );
    }

    #[test]
    fn email_autolink() {
        check(
            "<ana@example.com>",
            expect![[r#"
            <p><a href="mailto:ana@example.com">ana@example.com</a></p>
        "#]],
        );
    }

    #[test]
    fn javascript_link_is_removed() {
        check(
            "[click](javascript:alert(1))",
            expect![[r#"
            <p><a>click</a></p>
            warning: step1.md:1: link removed: only http, https, mailto and relative links are allowed
        "#]],
        );
    }

    #[test]
    fn javascript_autolink_is_removed() {
        check(
            "<javascript:alert(1)>",
            expect![[r#"
            <p><a>javascript:alert(1)</a></p>
            warning: step1.md:1: link removed: only http, https, mailto and relative links are allowed
        "#]],
        );
    }

    #[test]
    fn entity_encoded_javascript_link_is_removed() {
        check(
            "[x](&#106;avascript&colon;alert(1))",
            expect![[r#"
            <p><a>x</a></p>
            warning: step1.md:1: link removed: only http, https, mailto and relative links are allowed
        "#]],
        );
    }

    #[test]
    fn image_https_and_relative() {
        check(
            "![logo](https://example.com/a.png) ![diagram](assets/d.png \"Diagram\")",
            expect![[r#"
            <p><img src="https://example.com/a.png" alt="logo"> <img src="assets/d.png" alt="diagram" title="Diagram"></p>
        "#]],
        );
    }

    #[test]
    fn data_image_is_removed() {
        check(
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            expect![[r#"
            <p>x</p>
            warning: step1.md:1: image removed: only https and relative image sources are allowed
        "#]],
        );
    }

    #[test]
    fn inline_script_and_its_text_are_dropped() {
        check(
            "a <script>alert(1)</script> b",
            expect![[r#"
            <p>a  b</p>
        "#]],
        );
    }

    #[test]
    fn block_script_is_dropped() {
        check(
            "<script>\nalert(1)\n\nalert(2)\n</script>\n\nafter",
            expect![[r#"

            <p>after</p>
        "#]],
        );
    }

    #[test]
    fn img_onerror_is_dropped() {
        check(
            "<img src=x onerror=alert(1)>",
            expect![[r#"
            <img src="x">
        "#]],
        );
    }

    #[test]
    fn svg_onload_is_dropped() {
        check(
            "<svg onload=alert(1)><circle r=1 /></svg>\n\ntext",
            expect![[r#"
            <p></p>
            <p>text</p>
        "#]],
        );
    }

    #[test]
    fn details_summary_solution() {
        check(
            "<details>\n<summary>Solución</summary>\n\n`kubectl get pods`{{exec}}\n\n</details>",
            expect![[r#"
            <details>
            <summary>Solución</summary>
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>kubectl get pods</code></button></p>
            </details>
            action 0: Execute { command: "kubectl get pods", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn unclosed_inline_tags_are_closed() {
        check(
            "a <em>b\n\nc </strong> d",
            expect![[r#"
            <p>a <em>b</em></p>
            <p>c  d</p>
        "#]],
        );
    }

    #[test]
    fn action_classes_cannot_be_forged() {
        check(
            "<span class=\"kp-action kp-exec note\" data-action=\"0\" id=\"x\">fake</span>",
            expect![[r#"
            <p><span class="note">fake</span></p>
        "#]],
        );
    }

    #[test]
    fn traffic_placeholder_is_reported() {
        check(
            "Open {{TRAFFIC_HOST1_30080}} and [[HOST_IP]]",
            expect![[r#"
            <p>Open {{TRAFFIC_HOST1_30080}} and [[HOST_IP]]</p>
            warning: step1.md:1: `{{TRAFFIC_HOST1_30080}}` is not supported here and is shown as text
            warning: step1.md:1: placeholder `[[HOST_IP]]` is not supported and is shown as text
        "#]],
        );
    }

    #[test]
    fn quiz_is_reported() {
        check(
            ">>Q1: Which?<<\n=== yes",
            expect![[r#"
            <blockquote>
            <blockquote>
            <p>Q1: Which?&lt;&lt;
            === yes</p>
            </blockquote>
            </blockquote>
            warning: step1.md:1: quizzes (`>>Q...<<`) are not supported; shown as text
        "#]],
        );
    }

    #[test]
    fn table_and_task_list() {
        check(
            "| a | b |\n|---|:-:|\n| `x`{{copy}} | 2 |\n\n- [x] done",
            expect![[r#"
            <table><thead><tr><th>a</th><th style="text-align: center">b</th></tr></thead><tbody>
            <tr><td><button type="button" class="kp-action kp-copy" data-action="0"><code>x</code></button></td><td style="text-align: center">2</td></tr>
            </tbody></table>
            <ul>
            <li><input disabled="" type="checkbox" checked=""/>
            done</li>
            </ul>
            action 0: Copy { text: "x" }
        "#]],
        );
    }

    #[test]
    fn code_text_is_escaped() {
        check(
            "`<b>&`{{execute}}\n\n```\n</code></pre><script>\n```",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>&lt;b&gt;&amp;</code></button></p>
            <pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;
            </code></pre>
            action 0: Execute { command: "<b>&", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn crlf_line_endings() {
        check(
            "`a`{{execute}}\r\n\r\n```\r\nls\r\npwd\r\n```{{exec}}\r\n",
            expect![[r#"
            <p><button type="button" class="kp-action kp-exec" data-action="0"><code>a</code></button></p>
            <pre class="kp-action kp-exec" data-action="1" role="button" tabindex="0"><code>ls
            pwd
            </code></pre>
            action 0: Execute { command: "a", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
            action 1: Execute { command: "ls\npwd", terminal: 1, host: 1, interrupt: false, newline: true, ctrl_seq: false }
        "#]],
        );
    }

    #[test]
    fn execute_commands_in_order() {
        let page = Page::from_markdown(
            "s.md",
            "`a`{{execute}} `b`{{copy}}\n\n```\nc\n```{{exec}}\n\n`d`{{open}} `e`{{execute T2}}",
        )
        .unwrap();
        assert_eq!(page.execute_commands(), ["a", "c", "e"]);
    }
}
