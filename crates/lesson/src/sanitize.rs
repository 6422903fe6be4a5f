//! A strict allowlist HTML sanitizer for lesson-authored HTML.
//!
//! Lessons come from anyone, so every piece of HTML a lesson author wrote (markdown's
//! inline and block HTML) goes through [`Sanitizer`]. It does not pass anything through:
//! a small tokenizer (following the HTML5 tokenizer's rules for tags, attributes, comments
//! and raw-text elements) reads the fragment, and the output is *re-serialized* from what
//! it read: allowlisted elements with allowlisted, validated attributes, and text escaped
//! again. A browser can therefore only see markup this module chose to write.
//!
//! Policy:
//! - Allowed elements: p, a, em, strong, b, i, u, s, del, ins, mark, small, sub, sup, code,
//!   kbd, samp, var, pre, blockquote, q, cite, abbr, ul, ol, li, dl, dt, dd, h1-h6, br,
//!   hr, wbr, img, table, caption, colgroup, col, thead, tbody, tfoot, tr, th, td,
//!   details, summary, figure, figcaption, span, div. Any other tag is dropped and its
//!   text kept.
//! - Dropped with their content: script, style, textarea, title, xmp, iframe, noembed,
//!   noframes, noscript, plaintext (raw text), and svg, math, object, applet, form,
//!   select, template, frameset.
//! - Attributes: `class` (tokens `[A-Za-z0-9_-]`, never `kp-...`, which the app's own
//!   action elements use), `title`, `lang`, `dir` everywhere; `a[href]`, `img[src, alt,
//!   width, height]`, `td/th[colspan, rowspan, align]`, `th[scope]`, `ol[start, reversed,
//!   type]`, `li[value]`, `details[open]`, `col/colgroup[span]`, `p/div/h1-h6[align]`.
//!   No `on*`, no `style`, no `id`, no `data-*`, no `target` (set by us).
//! - URLs (after entity decoding and the browser's own whitespace stripping): links may be
//!   relative, `http:`, `https:` or `mailto:`; images relative or `https:`. Anything else
//!   (`javascript:`, `data:`, `vbscript:`...) removes the attribute (and the `img`). An
//!   image from another site is never loaded: it becomes a link to it, showing its `alt`.
//!   External links get `target="_blank" rel="noopener noreferrer"`.
//! - Elements left open are closed, stray end tags are dropped.
//!
//! Why not `ammonia`: see the crate README (it adds ~269 KB gzip, 262 KiB, to the wasm bundle;
//! this module and the actions cost ~20 KB).

/// Elements whose content is raw text up to their end tag; dropped with their content.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements dropped together with everything inside them.
const DROP_CONTENT: &[&str] = &[
    "svg", "math", "object", "applet", "form", "select", "template", "frameset",
];

/// Most author elements open at once (and most dropped elements tracked while skipping).
const MAX_OPEN: usize = 128;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame",
];

/// How an attribute value is checked and written.
#[derive(Clone, Copy)]
enum Attr {
    /// Free text, escaped.
    Text,
    /// A URL, checked against the policy.
    Url(UrlUse),
    /// Class tokens, filtered.
    Class,
    /// Digits (optionally a leading minus or a trailing `%`).
    Number,
    /// One of the listed words (ASCII case-insensitive).
    Word(&'static [&'static str]),
    /// A boolean attribute: written without a value.
    Flag,
    /// A language tag.
    Lang,
}

/// Where a URL is used: links and images have different allowlists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Image,
}

const ALIGN: &[&str] = &["left", "center", "right", "justify"];

/// The allowlist: the element name (static, used for the open-element stack) or None.
fn allowed_element(name: &str) -> Option<&'static str> {
    const ELEMENTS: &[&str] = &[
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ];
    ELEMENTS.iter().find(|e| **e == name).copied()
}

fn allowed_attr(element: &str, attr: &str) -> Option<Attr> {
    match attr {
        "class" => return Some(Attr::Class),
        "title" => return Some(Attr::Text),
        "lang" => return Some(Attr::Lang),
        "dir" => return Some(Attr::Word(&["ltr", "rtl", "auto"])),
        _ => {}
    }
    match (element, attr) {
        ("a", "href") => Some(Attr::Url(UrlUse::Link)),
        ("img", "src") => Some(Attr::Url(UrlUse::Image)),
        ("img", "alt") => Some(Attr::Text),
        ("img", "width" | "height") => Some(Attr::Number),
        ("td" | "th", "colspan" | "rowspan") => Some(Attr::Number),
        ("td" | "th", "align") => Some(Attr::Word(ALIGN)),
        ("th", "scope") => Some(Attr::Word(&["row", "col", "rowgroup", "colgroup"])),
        ("ol", "start") => Some(Attr::Number),
        ("ol", "reversed") => Some(Attr::Flag),
        ("ol", "type") => Some(Attr::Word(&["1", "a", "A", "i", "I"])),
        ("li", "value") => Some(Attr::Number),
        ("details", "open") => Some(Attr::Flag),
        ("col" | "colgroup", "span") => Some(Attr::Number),
        ("p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", "align") => Some(Attr::Word(ALIGN)),
        _ => None,
    }
}

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// One token of an HTML fragment. Attribute values are raw (entities not yet decoded).
#[derive(Debug)]
pub(crate) enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, &'a str)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// Comments, doctypes, processing instructions: always dropped.
    Comment,
}

/// A forgiving HTML tokenizer over a fragment. Never fails: what is not a complete tag is
/// text.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Bytes scanned by tags that turned out incomplete; past a budget the rest is text, so
    /// that hostile input (`<a x="<a x="...`) cannot make tokenizing quadratic.
    wasted: usize,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            wasted: 0,
        }
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.src.as_bytes().get(i).copied()
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.src.get(a..b).unwrap_or("")
    }

    /// Position of the next `needle` (ASCII) at or after `from`.
    fn find_str(&self, from: usize, needle: &str) -> Option<usize> {
        self.src
            .get(from..)
            .and_then(|s| s.find(needle))
            .map(|i| i + from)
    }

    /// Skips to just after the next `>` (or to the end).
    fn skip_past_gt(&mut self, from: usize) {
        self.pos = self.find_str(from, ">").map_or(self.src.len(), |i| i + 1);
    }

    /// Finds the end tag `</name` (ASCII case-insensitive) at or after the current position.
    /// Returns (start of the end tag, position after its `>`).
    fn find_end_tag(&self, name: &str) -> Option<(usize, usize)> {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while let Some(lt) = self.find_str(i, "</") {
            let name_end = lt + 2 + name.len();
            let candidate = bytes.get(lt + 2..name_end);
            let matches = candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()));
            let delimited = match bytes.get(name_end) {
                None => true,
                Some(&b) => is_html_space(b) || b == b'/' || b == b'>',
            };
            if matches && delimited {
                let after = self
                    .find_str(name_end, ">")
                    .map_or(self.src.len(), |g| g + 1);
                return Some((lt, after));
            }
            i = lt + 2;
        }
        None
    }

    /// Consumes raw text up to and including `</name>`. Returns the raw text and whether the
    /// end tag was found (if not, everything up to the end is consumed).
    pub(crate) fn take_raw_until_end(&mut self, name: &str) -> (&'a str, bool) {
        let start = self.pos;
        match self.find_end_tag(name) {
            Some((lt, after)) => {
                self.pos = after;
                (self.slice(start, lt), true)
            }
            None => {
                self.pos = self.src.len();
                (self.slice(start, self.src.len()), false)
            }
        }
    }

    /// Parses `name attr=value ...>` starting at `i` (just after `<` or `</`). Returns None
    /// when the tag is not complete.
    #[allow(clippy::type_complexity)]
    fn tag_body(&self, mut i: usize) -> Option<(String, Vec<(String, &'a str)>, bool, usize)> {
        let name_start = i;
        while let Some(b) = self.byte(i) {
            if is_html_space(b) || b == b'/' || b == b'>' {
                break;
            }
            i += 1;
        }
        let name = self.slice(name_start, i).to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            // Between attributes: spaces and stray slashes.
            loop {
                match self.byte(i)? {
                    b if is_html_space(b) => i += 1,
                    b'/' => {
                        i += 1;
                        self_closing = self.byte(i) == Some(b'>');
                    }
                    _ => break,
                }
            }
            if self.byte(i)? == b'>' {
                return Some((name, attrs, self_closing, i + 1));
            }
            self_closing = false;
            let attr_start = i;
            // A name may start with '=' (HTML tokenizer quirk), then runs to a delimiter.
            i += 1;
            while let Some(b) = self.byte(i) {
                if is_html_space(b) || b == b'/' || b == b'>' || b == b'=' {
                    break;
                }
                i += 1;
            }
            let attr_name = self.slice(attr_start, i).to_ascii_lowercase();
            while self.byte(i).is_some_and(is_html_space) {
                i += 1;
            }
            let mut value = "";
            if self.byte(i) == Some(b'=') {
                i += 1;
                while self.byte(i).is_some_and(is_html_space) {
                    i += 1;
                }
                match self.byte(i)? {
                    q @ (b'"' | b'\'') => {
                        let close = self.find_str(i + 1, if q == b'"' { "\"" } else { "'" })?;
                        value = self.slice(i + 1, close);
                        i = close + 1;
                    }
                    b'>' => {}
                    _ => {
                        let v = i;
                        while let Some(b) = self.byte(i) {
                            if is_html_space(b) || b == b'>' {
                                break;
                            }
                            i += 1;
                        }
                        value = self.slice(v, i);
                    }
                }
            }
            attrs.push((attr_name, value));
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<(usize, Token<'a>)> {
        let start = self.pos;
        let first = self.byte(start)?;
        if first != b'<' {
            let end = self.find_str(start, "<").unwrap_or(self.src.len());
            self.pos = end;
            return Some((start, Token::Text(self.slice(start, end))));
        }
        if self.wasted > 4 * self.src.len() + 65_536 {
            self.pos = self.src.len();
            return Some((start, Token::Text(self.slice(start, self.src.len()))));
        }
        // An incomplete tag scanned up to the end of the input: it is text.
        let text_lt = |t: &mut Self| {
            t.wasted += t.src.len() - start;
            t.pos = start + 1;
            Some((start, Token::Text("<")))
        };
        match self.byte(start + 1) {
            Some(b) if b.is_ascii_alphabetic() => match self.tag_body(start + 1) {
                Some((name, attrs, self_closing, end)) => {
                    self.pos = end;
                    Some((
                        start,
                        Token::Start {
                            name,
                            attrs,
                            self_closing,
                        },
                    ))
                }
                None => text_lt(self),
            },
            Some(b'/') => match self.byte(start + 2) {
                Some(b) if b.is_ascii_alphabetic() => match self.tag_body(start + 2) {
                    Some((name, _, _, end)) => {
                        self.pos = end;
                        Some((start, Token::End { name }))
                    }
                    None => text_lt(self),
                },
                Some(b'>') => {
                    self.pos = start + 3;
                    Some((start, Token::Comment))
                }
                None => text_lt(self),
                Some(_) => {
                    self.skip_past_gt(start + 2);
                    Some((start, Token::Comment))
                }
            },
            Some(b'!') => {
                if self.src.get(start..).is_some_and(|s| s.starts_with("<!--")) {
                    // `<!-->` and `<!--->` end at once, as in browsers.
                    let body = start + 4;
                    if self.byte(body) == Some(b'>') {
                        self.pos = body + 1;
                    } else if self.src.get(body..).is_some_and(|s| s.starts_with("->")) {
                        self.pos = body + 2;
                    } else {
                        self.pos = self.find_str(body, "-->").map_or(self.src.len(), |i| i + 3);
                    }
                } else {
                    self.skip_past_gt(start + 2);
                }
                Some((start, Token::Comment))
            }
            Some(b'?') => {
                self.skip_past_gt(start + 2);
                Some((start, Token::Comment))
            }
            _ => text_lt(self),
        }
    }
}

/// What a block of HTML became: sanitized HTML, or a Katacoda `<pre class="file">` block
/// for the caller to turn into an action.
#[derive(Debug)]
pub(crate) enum Piece<'a> {
    Html(String),
    File {
        offset: usize,
        attrs: Vec<(String, &'a str)>,
        content: &'a str,
        closed: bool,
    },
}

/// The sanitizer's state across the fragments of one page: elements the author opened and
/// dropped elements whose content is still being skipped.
#[derive(Debug, Default)]
pub(crate) struct Sanitizer {
    open: Vec<&'static str>,
    raw_skip: Option<String>,
    skip: Vec<String>,
}

impl Sanitizer {
    pub fn new() -> Self {
        Sanitizer::default()
    }

    /// True while inside a dropped element (e.g. an inline `<script>`): markdown text seen
    /// now must be dropped too.
    pub fn skipping(&self) -> bool {
        self.raw_skip.is_some() || !self.skip.is_empty()
    }

    /// Ends skipping (at the end of a markdown block: a stray `<script>` does not eat the
    /// rest of the page).
    pub fn reset_skip(&mut self) {
        self.raw_skip = None;
        self.skip.clear();
    }

    /// How many author elements are open; pass to [`Sanitizer::close_to`] later.
    pub fn mark(&self) -> usize {
        self.open.len()
    }

    /// Closes the author elements opened since `mark`.
    pub fn close_to(&mut self, mark: usize, out: &mut String) {
        while self.open.len() > mark {
            if let Some(name) = self.open.pop() {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
        }
    }

    /// Closes every author element still open (end of the page).
    pub fn finish(&mut self, out: &mut String) {
        self.close_to(0, out);
        self.reset_skip();
    }

    /// Sanitizes one fragment of HTML, appending the result to `out`.
    pub fn fragment(&mut self, html: &str, out: &mut String) {
        let mut pieces = Vec::new();
        self.run(html, false, &mut pieces);
        for piece in pieces {
            if let Piece::Html(h) = piece {
                out.push_str(&h);
            }
        }
    }

    /// Sanitizes an HTML block, separating Katacoda `<pre class="file">` blocks.
    pub(crate) fn block<'a>(&mut self, html: &'a str) -> Vec<Piece<'a>> {
        let mut pieces = Vec::new();
        self.run(html, true, &mut pieces);
        pieces
    }

    fn run<'a>(&mut self, html: &'a str, files: bool, pieces: &mut Vec<Piece<'a>>) {
        let mut out = String::new();
        let mut tok = Tokenizer::new(html);
        loop {
            if let Some(name) = self.raw_skip.take() {
                let (_, found) = tok.take_raw_until_end(&name);
                if !found {
                    self.raw_skip = Some(name);
                    break;
                }
            }
            let Some((offset, token)) = tok.next() else {
                break;
            };
            match token {
                Token::Text(text) => {
                    if !self.skipping() {
                        escape_text_keep_refs(text, false, &mut out);
                    }
                }
                Token::Comment => {}
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    let name = name.as_str();
                    if RAW_TEXT.contains(&name) {
                        self.raw_skip = Some(name.to_string());
                    } else if !self.skip.is_empty() || DROP_CONTENT.contains(&name) {
                        if !self_closing && !VOID.contains(&name) && self.skip.len() < MAX_OPEN {
                            self.skip.push(name.to_string());
                        }
                    } else if files && name == "pre" && is_file_block(&attrs) {
                        let (content, closed) = tok.take_raw_until_end("pre");
                        pieces.push(Piece::Html(std::mem::take(&mut out)));
                        pieces.push(Piece::File {
                            offset,
                            attrs,
                            content,
                            closed,
                        });
                    } else if let Some(element) = allowed_element(name) {
                        let void = VOID.contains(&element);
                        // Deeper nesting than this is dropped (and keeps end tags cheap).
                        if void || self.open.len() < MAX_OPEN {
                            write_start_tag(element, &attrs, &mut out);
                            if !void {
                                self.open.push(element);
                            }
                        }
                    }
                }
                Token::End { name } => {
                    if !self.skip.is_empty() {
                        if let Some(i) = self.skip.iter().rposition(|n| *n == name) {
                            self.skip.truncate(i);
                        }
                    } else if let Some(i) = self.open.iter().rposition(|n| *n == name) {
                        self.close_to(i, &mut out);
                    }
                }
            }
        }
        pieces.push(Piece::Html(out));
    }
}

/// `<pre class="file" ...>`: Katacoda's copy-to-editor block.
fn is_file_block(attrs: &[(String, &str)]) -> bool {
    attrs.iter().any(|(n, v)| {
        n == "class"
            && decode_entities(v)
                .split_ascii_whitespace()
                .any(|c| c == "file")
    })
}

/// Sanitizes a whole HTML document or fragment in one go.
pub fn sanitize_html(html: &str) -> String {
    let mut s = Sanitizer::new();
    let mut out = String::new();
    s.fragment(html, &mut out);
    s.finish(&mut out);
    out
}

fn write_start_tag(element: &'static str, attrs: &[(String, &str)], out: &mut String) {
    let mut written: Vec<&str> = Vec::new();
    let mut external = false;
    let mut has_src = false;
    // An image from another site: written as a link to it (what the lesson explicitly links),
    // never loaded on its own (a tracking pixel; the page's CSP would block it anyway).
    let mut remote_image: Option<String> = None;
    let mut alt: Option<String> = None;
    let mut buf = String::new();
    for (name, raw) in attrs {
        // The first occurrence of an attribute wins, as in browsers.
        if written.contains(&name.as_str()) {
            continue;
        }
        written.push(name);
        let Some(kind) = allowed_attr(element, name) else {
            continue;
        };
        let value = match kind {
            Attr::Text => {
                let mut v = String::new();
                escape_text_keep_refs(raw, true, &mut v);
                v
            }
            Attr::Url(use_) => {
                let decoded = decode_entities(raw);
                match check_url(&decoded, use_) {
                    Some(url) => {
                        external = url.external;
                        has_src |= use_ == UrlUse::Image;
                        if use_ == UrlUse::Image && url.external {
                            remote_image = Some(escape_attr(&url.cleaned));
                        }
                        escape_attr(&url.cleaned)
                    }
                    None => continue,
                }
            }
            Attr::Class => {
                let decoded = decode_entities(raw);
                let classes: Vec<&str> = decoded
                    .split_ascii_whitespace()
                    .filter(|c| {
                        !c.starts_with("kp-")
                            && c.len() <= 64
                            && c.bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    })
                    .collect();
                if classes.is_empty() {
                    continue;
                }
                classes.join(" ")
            }
            Attr::Number => {
                let d = decode_entities(raw);
                let d = d.trim();
                let digits = d.strip_prefix('-').unwrap_or(d);
                let digits = digits.strip_suffix('%').unwrap_or(digits);
                if digits.is_empty()
                    || digits.len() > 6
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                {
                    continue;
                }
                d.to_string()
            }
            Attr::Word(words) => {
                let d = decode_entities(raw);
                let d = d.trim();
                match words
                    .iter()
                    .find(|w| **w == d)
                    .or_else(|| words.iter().find(|w| w.eq_ignore_ascii_case(d)))
                {
                    Some(w) => (*w).to_string(),
                    None => continue,
                }
            }
            Attr::Flag => {
                buf.push(' ');
                buf.push_str(name);
                continue;
            }
            Attr::Lang => {
                let d = decode_entities(raw);
                if d.is_empty()
                    || d.len() > 35
                    || !d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    continue;
                }
                d
            }
        };
        if element == "img" && name == "alt" {
            alt = Some(value.clone());
        }
        buf.push(' ');
        buf.push_str(name);
        buf.push_str("=\"");
        buf.push_str(&value);
        buf.push('"');
    }
    if element == "img" && !has_src {
        return; // an image without an acceptable source is dropped
    }
    if let (true, Some(src)) = (element == "img", remote_image) {
        let text = alt.filter(|a| !a.trim().is_empty()).unwrap_or(src.clone());
        out.push_str(&format!(
            "<a href=\"{src}\" target=\"_blank\" rel=\"noopener noreferrer\" class=\"kp-remote-img\">{text}</a>"
        ));
        return;
    }
    out.push('<');
    out.push_str(element);
    out.push_str(&buf);
    if element == "a" {
        if external {
            out.push_str(" target=\"_blank\"");
        }
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
}

/// A URL that passed the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedUrl {
    /// The URL as the browser will read it (whitespace the browser ignores removed).
    pub cleaned: String,
    /// An absolute http(s) or protocol-relative URL: opens in a new tab.
    pub external: bool,
}

/// Applies the URL policy to an already entity-decoded URL.
pub fn check_url(url: &str, use_: UrlUse) -> Option<CheckedUrl> {
    if url
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FEFF}')
    {
        return None;
    }
    // Browsers strip leading/trailing C0 controls and spaces and drop tabs and newlines.
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() {
        return (use_ == UrlUse::Link).then_some(CheckedUrl {
            cleaned,
            external: false,
        });
    }
    let stop = cleaned.find(['/', '?', '#', '\\']).unwrap_or(cleaned.len());
    let head = cleaned.get(..stop).unwrap_or("");
    if let Some(colon) = head.find(':') {
        let scheme = head.get(..colon).unwrap_or("").to_ascii_lowercase();
        let ok = match use_ {
            UrlUse::Link => matches!(scheme.as_str(), "http" | "https" | "mailto"),
            UrlUse::Image => scheme == "https",
        };
        if !ok {
            return None;
        }
        let external = scheme != "mailto";
        return Some(CheckedUrl { cleaned, external });
    }
    let b = cleaned.as_bytes();
    let external = matches!(
        (b.first(), b.get(1)),
        (Some(b'/' | b'\\'), Some(b'/' | b'\\'))
    );
    Some(CheckedUrl { cleaned, external })
}

/// Escapes text for HTML (`&`, `<`, `>`, `"`, `'`).
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

pub(crate) fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Length of a well-formed character reference at the start of `s` (which starts with
/// `&`), semicolon included: `&name;`, `&#123;`, `&#x1F;`.
fn char_ref_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (digits_from, hex) = match (b.get(1), b.get(2)) {
        (Some(b'#'), Some(b'x' | b'X')) => (3, Some(true)),
        (Some(b'#'), _) => (2, Some(false)),
        (Some(c), _) if c.is_ascii_alphabetic() => (1, None),
        _ => return None,
    };
    let mut i = digits_from;
    while let Some(&c) = b.get(i) {
        let ok = match hex {
            Some(true) => c.is_ascii_hexdigit(),
            Some(false) => c.is_ascii_digit(),
            None => c.is_ascii_alphanumeric(),
        };
        if !ok || i - digits_from > 32 {
            break;
        }
        i += 1;
    }
    (i > digits_from && b.get(i) == Some(&b';')).then_some(i + 1)
}

/// Escapes text, keeping well-formed character references as they are (they decode to
/// text in the browser, never to markup). With `quotes`, quotes are escaped too.
fn escape_text_keep_refs(s: &str, quotes: bool, out: &mut String) {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        match c {
            '&' => match char_ref_len(rest) {
                Some(n) => {
                    out.push_str(rest.get(..n).unwrap_or(""));
                    len = n;
                }
                None => out.push_str("&amp;"),
            },
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        rest = rest.get(len..).unwrap_or("");
    }
}

/// Named character references decoded by [`decode_entities`]: the ones that matter for
/// URL tricks (`&colon;`, `&Tab;`...) and the common ones in Spanish and English text.
/// Others are left as written.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{A0}"),
    ("colon", ":"),
    ("Tab", "\t"),
    ("NewLine", "\n"),
    ("sol", "/"),
    ("bsol", "\\"),
    ("lpar", "("),
    ("rpar", ")"),
    ("period", "."),
    ("comma", ","),
    ("excl", "!"),
    ("quest", "?"),
    ("equals", "="),
    ("semi", ";"),
    ("num", "#"),
    ("percnt", "%"),
    ("plus", "+"),
    ("lowbar", "_"),
    ("dollar", "$"),
    ("ast", "*"),
    ("commat", "@"),
    ("lsqb", "["),
    ("rsqb", "]"),
    ("lcub", "{"),
    ("rcub", "}"),
    ("verbar", "|"),
    ("grave", "`"),
    ("Hat", "^"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bull", "•"),
    ("middot", "·"),
    ("deg", "°"),
    ("times", "×"),
    ("rarr", "→"),
    ("larr", "←"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("aacute", "á"),
    ("eacute", "é"),
    ("iacute", "í"),
    ("oacute", "ó"),
    ("uacute", "ú"),
    ("ntilde", "ñ"),
    ("uuml", "ü"),
    ("Aacute", "Á"),
    ("Eacute", "É"),
    ("Iacute", "Í"),
    ("Oacute", "Ó"),
    ("Uacute", "Ú"),
    ("Ntilde", "Ñ"),
    ("Uuml", "Ü"),
    ("ccedil", "ç"),
    ("agrave", "à"),
    ("egrave", "è"),
    ("ograve", "ò"),
    ("euro", "€"),
];

/// Decodes character references the way a browser does in an attribute value: numeric
/// references with or without `;`, the names in [`NAMED`] with `;`, and the legacy
/// `&amp` `&lt` `&gt` `&quot` without `;` unless followed by an alphanumeric or `=`.
/// Unknown names are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        rest = rest.get(amp..).unwrap_or("");
        let (decoded, used) = decode_one(rest);
        match decoded {
            Some(d) => {
                out.push_str(&d);
                rest = rest.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the reference at the start of `s` (which starts with `&`).
fn decode_one(s: &str) -> (Option<String>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let mut i = from;
        let mut value: u32 = 0;
        while let Some(&c) = b.get(i) {
            let d = match (hex, c) {
                (true, c) if c.is_ascii_hexdigit() => (c as char).to_digit(16),
                (false, c) if c.is_ascii_digit() => (c as char).to_digit(10),
                _ => None,
            };
            let Some(d) = d else { break };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == from {
            return (None, 0);
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match value {
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return (Some(c.to_string()), i);
    }
    let name_len = s.get(1..).map_or(0, |r| {
        r.bytes().take_while(|c| c.is_ascii_alphanumeric()).count()
    });
    let name = s.get(1..1 + name_len).unwrap_or("");
    let after = b.get(1 + name_len).copied();
    if after == Some(b';') {
        if let Some((_, v)) = NAMED.iter().find(|(n, _)| *n == name) {
            return (Some((*v).to_string()), name_len + 2);
        }
        return (None, 0);
    }
    // Legacy references without a semicolon: only when the name ends there.
    for (legacy, v) in [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\"")] {
        if let Some(tail) = name.strip_prefix(legacy) {
            let next = tail.bytes().next().or(after);
            if !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'=') {
                return (Some(v.to_string()), 1 + legacy.len());
            }
        }
    }
    (None, 0)
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;

    fn check(input: &str, expect: Expect) {
        expect.assert_eq(&sanitize_html(input));
    }

    fn url(input: &str, use_: UrlUse) -> String {
        match check_url(&decode_entities(input), use_) {
            Some(u) => format!("{} external={}", u.cleaned, u.external),
            None => "refused".into(),
        }
    }

    #[test]
    fn allowed_markup_survives() {
        check(
            "<p align=center>Hola <strong>mundo</strong> <kbd>Ctrl</kbd>+<kbd>C</kbd><br/></p>",
            expect![[
                r#"<p align="center">Hola <strong>mundo</strong> <kbd>Ctrl</kbd>+<kbd>C</kbd><br></p>"#
            ]],
        );
    }

    #[test]
    fn script_is_dropped_with_content() {
        check("a<script>alert(1)</script>b", expect!["ab"]);
    }

    #[test]
    fn script_uppercase_with_src() {
        check("<SCRIPT SRC=//x.example/x.js></SCRIPT>ok", expect!["ok"]);
    }

    #[test]
    fn self_closing_script_still_eats_raw_text() {
        check("<script/>alert(1)</script>ok", expect!["ok"]);
    }

    #[test]
    fn nested_script_trick() {
        check(
            "<scr<script>ipt>alert(1)</script>",
            expect!["ipt&gt;alert(1)"],
        );
    }

    #[test]
    fn double_angle_trick() {
        check(
            "<<script>script>alert(1)<</script>/script>",
            expect!["&lt;/script&gt;"],
        );
    }

    #[test]
    fn img_onerror() {
        check(
            "<img src=x onerror=alert(1)>",
            expect![[r#"<img src="x">"#]],
        );
    }

    #[test]
    fn img_slash_separated_attributes() {
        check("<img/src/onerror=alert(1)>", expect![""]);
    }

    #[test]
    fn img_javascript_src_drops_the_image() {
        check("<IMG SRC=JaVaScRiPt:alert('XSS')>", expect![""]);
    }

    #[test]
    fn img_data_src_drops_the_image() {
        check(
            "<img src=\"data:image/png;base64,AAAA\" alt=x>",
            expect![""],
        );
    }

    #[test]
    fn remote_image_becomes_a_link() {
        check(
            "<img src=\"https://x.example/a.png\" alt=\"a <diagram>\" onerror=\"x()\"><img src=\"https://x.example/b.png\">",
            expect![[r#"<a href="https://x.example/a.png" target="_blank" rel="noopener noreferrer" class="kp-remote-img">a &lt;diagram&gt;</a><a href="https://x.example/b.png" target="_blank" rel="noopener noreferrer" class="kp-remote-img">https://x.example/b.png</a>"#]],
        );
    }

    #[test]
    fn img_allowed_attributes() {
        check(
            "<img src=\"assets/a.png\" width=\"100\" height=\"50%\" alt=\"ok &amp; fine\" style=\"x\">",
            expect![[r#"<img src="assets/a.png" width="100" height="50%" alt="ok &amp; fine">"#]],
        );
    }

    #[test]
    fn javascript_link() {
        check(
            "<a href=\"javascript:alert(1)\">x</a>",
            expect![[r#"<a rel="noopener noreferrer">x</a>"#]],
        );
    }

    #[test]
    fn javascript_link_with_tab_entity() {
        check(
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            expect![[r#"<a rel="noopener noreferrer">x</a>"#]],
        );
    }

    #[test]
    fn javascript_link_numeric_entities_without_semicolons() {
        check(
            "<a href=\"&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)\">x</a>",
            expect![[r#"<a rel="noopener noreferrer">x</a>"#]],
        );
    }

    #[test]
    fn javascript_link_padded_zeros_and_named_colon() {
        check(
            "<a href=\"&#0000106avascript&colon;alert(1)\">x</a><a href=\" JaVaScRiPt:alert(1)\">y</a>",
            expect![[r#"<a rel="noopener noreferrer">x</a><a rel="noopener noreferrer">y</a>"#]],
        );
    }

    #[test]
    fn data_and_vbscript_links() {
        check(
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a><a href=vbscript:msgbox(1)>v</a>",
            expect![[r#"<a rel="noopener noreferrer">d</a><a rel="noopener noreferrer">v</a>"#]],
        );
    }

    #[test]
    fn external_link_gets_target_and_rel() {
        check(
            "<a href=\"https://kubernetes.io\" onclick=\"x()\" target=\"_self\" rel=\"opener\">k8s</a>",
            expect![[r#"<a href="https://kubernetes.io" target="_blank" rel="noopener noreferrer">k8s</a>"#]],
        );
    }

    #[test]
    fn protocol_relative_link_is_external() {
        check(
            "<a href=\"//example.com/x\">x</a>",
            expect![[
                r#"<a href="//example.com/x" target="_blank" rel="noopener noreferrer">x</a>"#
            ]],
        );
    }

    #[test]
    fn svg_onload() {
        check("<svg onload=alert(1)>", expect![""]);
    }

    #[test]
    fn svg_with_script_inside() {
        check(
            "<svg><script>alert(1)</script><text>t</text></svg>after",
            expect!["after"],
        );
    }

    #[test]
    fn math_mutation_xss() {
        check(
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            expect![""],
        );
    }

    #[test]
    fn noscript_attribute_mutation() {
        check(
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            expect![[r#"<img src="x">"&gt;"#]],
        );
    }

    #[test]
    fn textarea_content_is_dropped() {
        check(
            "<textarea><img src=x onerror=alert(1)></textarea>ok",
            expect!["ok"],
        );
    }

    #[test]
    fn embedding_and_form_elements() {
        check(
            "<iframe src=\"https://evil.example\"></iframe><object data=x>fallback</object><embed src=x><form action=x><input name=a>f</form><style>body{}</style><link rel=stylesheet href=x><meta http-equiv=refresh content=\"0;url=javascript:alert(1)\"><base href=\"javascript:\">end",
            expect!["end"],
        );
    }

    #[test]
    fn event_handlers_and_style_are_dropped() {
        check(
            "<p onmouseover=\"alert(1)\" style=\"background:url(javascript:alert(1))\" id=\"clobber\">t</p>",
            expect!["<p>t</p>"],
        );
    }

    #[test]
    fn details_open_keeps_open_drops_ontoggle() {
        check(
            "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
            expect!["<details open><summary>s</summary>x</details>"],
        );
    }

    #[test]
    fn comments_and_cdata_are_dropped() {
        check(
            "a<!-- <script>alert(1)</script> -->b<![CDATA[<script>alert(2)</script>]]>c<!-->d<?php x ?>e",
            expect!["abalert(2)]]&gt;cde"],
        );
    }

    #[test]
    fn entities_in_text_stay_text() {
        check(
            "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;b&#x3E; &copy; & &bogus x",
            expect![
                "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;b&#x3E; &copy; &amp; &amp;bogus x"
            ],
        );
    }

    #[test]
    fn attribute_quote_breaking() {
        check(
            "<img src=\"x\" alt=\"\\\"><script>alert(1)</script>\"><span title='a&quot; onclick=&quot;x'>t</span>",
            expect![[r#"<img src="x" alt="\">"&gt;<span title="a&quot; onclick=&quot;x">t</span>"#]],
        );
    }

    #[test]
    fn unclosed_tags_are_closed() {
        check(
            "<div><b>bold <a href=\"https://x.example\">link",
            expect![[
                r#"<div><b>bold <a href="https://x.example" target="_blank" rel="noopener noreferrer">link</a></b></div>"#
            ]],
        );
    }

    #[test]
    fn stray_end_tags_are_dropped() {
        check("</div></p>text</b>", expect!["text"]);
    }

    #[test]
    fn misnested_tags_are_closed_in_order() {
        check("<b><i>x</b>y</i>", expect!["<b><i>x</i></b>y"]);
    }

    #[test]
    fn incomplete_tag_is_text() {
        check(
            "<div onclick=\"alert(1)\" ",
            expect![[r#"&lt;div onclick="alert(1)" "#]],
        );
    }

    #[test]
    fn unknown_elements_keep_their_text() {
        check(
            "<x-widget onclick=alert(1)>text</x-widget><marquee>m</marquee>",
            expect!["textm"],
        );
    }

    #[test]
    fn plaintext_swallows_the_rest() {
        check("a<plaintext><b>x</b>", expect!["a"]);
    }

    #[test]
    fn table_attributes_are_validated() {
        check(
            "<table><tr><td colspan=\"2;alert(1)\" rowspan=2 align=CENTER>x</td></tr></table>",
            expect![[r#"<table><tr><td rowspan="2" align="center">x</td></tr></table>"#]],
        );
    }

    #[test]
    fn class_tokens_are_filtered() {
        check(
            "<div class=\"note kp-exec a\\\"b warn\">x</div>",
            expect![[r#"<div class="note">x</div>"#]],
        );
    }

    #[test]
    fn null_bytes() {
        check(
            "<scr\0ipt>alert(1)</scr\0ipt>a\0b",
            expect!["alert(1)a\u{FFFD}b"],
        );
    }

    #[test]
    fn url_policy() {
        let cases = [
            ("https://k8s.io/a?b=1&amp;c=2", UrlUse::Link),
            ("manifests/web.yaml", UrlUse::Link),
            ("#top", UrlUse::Link),
            ("mailto:a@b.c", UrlUse::Link),
            ("ftp://x", UrlUse::Link),
            ("\u{1}javascript:alert(1)", UrlUse::Link),
            ("java\nscript:alert(1)", UrlUse::Link),
            ("http://x/a.png", UrlUse::Image),
            ("https://x/a.png", UrlUse::Image),
            ("", UrlUse::Image),
            ("", UrlUse::Link),
        ];
        let out: Vec<String> = cases
            .iter()
            .map(|(u, k)| format!("{u:?} {k:?}: {}", url(u, *k)))
            .collect();
        expect![[r##"
            "https://k8s.io/a?b=1&amp;c=2" Link: https://k8s.io/a?b=1&c=2 external=true
            "manifests/web.yaml" Link: manifests/web.yaml external=false
            "#top" Link: #top external=false
            "mailto:a@b.c" Link: mailto:a@b.c external=false
            "ftp://x" Link: refused
            "\u{1}javascript:alert(1)" Link: refused
            "java\nscript:alert(1)" Link: refused
            "http://x/a.png" Image: refused
            "https://x/a.png" Image: https://x/a.png external=true
            "" Image: refused
            "" Link:  external=false"##]]
        .assert_eq(&out.join("\n"));
    }

    #[test]
    fn decode_entities_cases() {
        let out = [
            "&amp;",
            "&amp",
            "&ampx",
            "&amp=",
            "&#65;",
            "&#x41",
            "&#0;",
            "&#xD800;",
            "&#99999999999;",
            "&colon;",
            "&unknown;",
            "&",
            "&#",
            "&#x;",
            "&Aacute;rbol",
        ]
        .map(|s| format!("{s} -> {:?}", decode_entities(s)));
        expect![[r#"
            &amp; -> "&"
            &amp -> "&"
            &ampx -> "&ampx"
            &amp= -> "&amp="
            &#65; -> "A"
            &#x41 -> "A"
            &#0; -> "�"
            &#xD800; -> "�"
            &#99999999999; -> "�"
            &colon; -> ":"
            &unknown; -> "&unknown;"
            & -> "&"
            &# -> "&#"
            &#x; -> "&#x;"
            &Aacute;rbol -> "Árbol""#]]
        .assert_eq(&out.join("\n"));
    }
}
