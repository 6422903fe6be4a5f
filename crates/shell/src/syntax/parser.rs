//! A recursive-descent parser for the POSIX shell subset tutorials use: quoting, `;` `&&` `||`
//! `|`, redirections and here-documents, `$VAR`, `$(...)`, `$((...))`, `for`, `while`, `if`,
//! `{ }` and `( )`.

use super::ast::*;

/// Why a line did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The input stops in the middle of something (an open quote, a trailing `|`, a `do`
    /// without `done`, a here-document without its end): an interactive shell asks for more.
    Incomplete,
    /// bash: `syntax error near unexpected token `X'`.
    Unexpected(String),
}

impl ParseError {
    /// The message bash prints.
    pub fn message(&self) -> String {
        match self {
            ParseError::Incomplete => "bash: syntax error: unexpected end of file".into(),
            ParseError::Unexpected(t) => format!("bash: syntax error near unexpected token `{t}'"),
        }
    }
}

/// Parses a whole input (one or more lines).
pub fn parse(input: &str) -> Result<Script, ParseError> {
    parse_nested(input, 0)
}

/// Parses `input` found `depth` levels deep (the inside of a backquote counts its nesting on
/// from where the backquote is, so `\`...$(\`...\`)...\`` cannot nest past [`MAX_DEPTH`]).
fn parse_nested(input: &str, depth: usize) -> Result<Script, ParseError> {
    let mut p = Parser {
        s: input.chars().collect(),
        pos: 0,
        depth,
    };
    let script = p.script(&[])?;
    p.skip_blank_and_newlines();
    match p.peek() {
        None => Ok(script),
        Some(_) => Err(ParseError::Unexpected(p.token_text())),
    }
}

struct Parser {
    s: Vec<char>,
    pos: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>'
    )
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.s.get(self.pos + n).copied()
    }

    fn starts_with(&self, t: &str) -> bool {
        t.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn skip_blank(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t') => self.pos += 1,
                Some('\\') if self.peek_at(1) == Some('\n') => self.pos += 2,
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_blank_and_newlines(&mut self) {
        loop {
            self.skip_blank();
            if self.peek() == Some('\n') {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    /// The token at the cursor, as bash names it in an error.
    fn token_text(&self) -> String {
        for t in [
            ";;", "&&", "||", ">>", "<<", ";", "&", "|", "(", ")", "<", ">",
        ] {
            if self.starts_with(t) {
                return t.to_string();
            }
        }
        match self.peek() {
            None | Some('\n') => "newline".into(),
            _ => {
                let mut w = String::new();
                let mut i = self.pos;
                while let Some(&c) = self.s.get(i) {
                    if is_meta(c) {
                        break;
                    }
                    w.push(c);
                    i += 1;
                }
                w
            }
        }
    }

    /// The next word if it is exactly `kw` and unquoted, without consuming it.
    fn at_keyword(&self, kw: &str) -> bool {
        if !self.starts_with(kw) {
            return false;
        }
        match self.peek_at(kw.chars().count()) {
            None => true,
            Some(c) => is_meta(c),
        }
    }

    fn reserved_here(&self) -> Option<&'static str> {
        [
            "then", "else", "elif", "fi", "do", "done", "esac", "}", "in",
        ]
        .into_iter()
        .find(|k| self.at_keyword(k))
    }

    /// A list, stopping before any of the `terminators` keywords (or `)` / end).
    fn script(&mut self, terminators: &[&str]) -> Result<Script, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::Unexpected("(".into()));
        }
        let mut items = Vec::new();
        loop {
            self.skip_blank_and_newlines();
            match self.peek() {
                None | Some(')') => break,
                Some(';') | Some('&') | Some('|') => {
                    return Err(ParseError::Unexpected(self.token_text()))
                }
                _ => {}
            }
            if terminators.iter().any(|t| self.at_keyword(t)) {
                break;
            }
            if let Some(k) = self.reserved_here() {
                if k != "in" && k != "}" {
                    return Err(ParseError::Unexpected(k.into()));
                }
                if k == "}" {
                    return Err(ParseError::Unexpected(k.into()));
                }
            }
            let start = self.pos;
            items.push(self.and_or()?);
            let end = self.pos;
            self.skip_blank();
            match self.peek() {
                Some(';') if self.peek_at(1) == Some(';') => {
                    return Err(ParseError::Unexpected(";;".into()))
                }
                Some('&') if self.peek_at(1) != Some('&') => {
                    let text: String = self.s.get(start..end).unwrap_or(&[]).iter().collect();
                    if let Some(item) = items.last_mut() {
                        item.background = Some(text.trim().to_string());
                    }
                    self.pos += 1;
                }
                Some(';') => {
                    self.pos += 1;
                }
                Some('\n') => {
                    self.pos += 1;
                }
                _ => break,
            }
        }
        self.depth -= 1;
        Ok(Script { items })
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blank();
            let conn = if self.starts_with("&&") {
                Connector::And
            } else if self.starts_with("||") {
                Connector::Or
            } else {
                break;
            };
            self.pos += 2;
            self.skip_blank_and_newlines();
            if self.peek().is_none() {
                return Err(ParseError::Incomplete);
            }
            rest.push((conn, self.pipeline()?));
        }
        Ok(AndOr {
            first,
            rest,
            background: None,
        })
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        self.skip_blank();
        let mut bang = false;
        if self.at_keyword("!") {
            bang = true;
            self.pos += 1;
            self.skip_blank();
        }
        let mut commands = vec![self.command()?];
        loop {
            self.skip_blank();
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.pos += 1;
                if self.peek() == Some('&') {
                    self.pos += 1; // `|&`: stderr too; treated as `|`
                }
                self.skip_blank_and_newlines();
                if self.peek().is_none() {
                    return Err(ParseError::Incomplete);
                }
                commands.push(self.command()?);
            } else {
                break;
            }
        }
        Ok(Pipeline { bang, commands })
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), ParseError> {
        self.skip_blank_and_newlines();
        if self.peek().is_none() {
            return Err(ParseError::Incomplete);
        }
        if self.at_keyword(kw) {
            self.pos += kw.chars().count();
            Ok(())
        } else {
            Err(ParseError::Unexpected(self.token_text()))
        }
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.skip_blank();
        match self.peek() {
            None => return Err(ParseError::Incomplete),
            Some(';' | '&' | '|' | ')') => return Err(ParseError::Unexpected(self.token_text())),
            Some('\n') => return Err(ParseError::Unexpected("newline".into())),
            _ => {}
        }
        if self.at_keyword("for") {
            self.pos += 3;
            self.skip_blank();
            let var = self
                .name()
                .ok_or_else(|| ParseError::Unexpected(self.token_text()))?;
            self.skip_blank();
            let words = if self.at_keyword("in") {
                self.pos += 2;
                let mut ws = Vec::new();
                loop {
                    self.skip_blank();
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some(';' | '\n') => {
                            self.pos += 1;
                            break;
                        }
                        // `for i in a )`: an operator where a word should be.
                        Some(c) if is_meta(c) => {
                            return Err(ParseError::Unexpected(self.token_text()))
                        }
                        _ => ws.push(self.word()?),
                    }
                }
                Some(ws)
            } else {
                if matches!(self.peek(), Some(';' | '\n')) {
                    self.pos += 1;
                }
                None
            };
            self.expect_keyword("do")?;
            let body = self.script(&["done"])?;
            self.nonempty(&body)?;
            self.expect_keyword("done")?;
            let redirs = self.trailing_redirs()?;
            return Ok(Command::For {
                var,
                words,
                body,
                redirs,
            });
        }
        if self.at_keyword("while") || self.at_keyword("until") {
            let until = self.at_keyword("until");
            self.pos += 5;
            let cond = self.script(&["do"])?;
            self.nonempty(&cond)?;
            self.expect_keyword("do")?;
            let body = self.script(&["done"])?;
            self.nonempty(&body)?;
            self.expect_keyword("done")?;
            let redirs = self.trailing_redirs()?;
            return Ok(Command::While {
                until,
                cond,
                body,
                redirs,
            });
        }
        if self.at_keyword("if") {
            self.pos += 2;
            let mut arms = Vec::new();
            let mut otherwise = None;
            let cond = self.script(&["then"])?;
            self.nonempty(&cond)?;
            self.expect_keyword("then")?;
            let branch = self.script(&["elif", "else", "fi"])?;
            self.nonempty(&branch)?;
            arms.push((cond, branch));
            loop {
                self.skip_blank_and_newlines();
                if self.at_keyword("elif") {
                    self.pos += 4;
                    let c = self.script(&["then"])?;
                    self.nonempty(&c)?;
                    self.expect_keyword("then")?;
                    let b = self.script(&["elif", "else", "fi"])?;
                    self.nonempty(&b)?;
                    arms.push((c, b));
                } else if self.at_keyword("else") {
                    self.pos += 4;
                    let o = self.script(&["fi"])?;
                    self.nonempty(&o)?;
                    otherwise = Some(o);
                } else {
                    break;
                }
            }
            self.expect_keyword("fi")?;
            let redirs = self.trailing_redirs()?;
            return Ok(Command::If {
                arms,
                otherwise,
                redirs,
            });
        }
        if self.at_keyword("{") {
            self.pos += 1;
            let body = self.script(&["}"])?;
            self.nonempty(&body)?;
            self.expect_keyword("}")?;
            let redirs = self.trailing_redirs()?;
            return Ok(Command::Group {
                body,
                subshell: false,
                redirs,
            });
        }
        if self.peek() == Some('(') {
            self.pos += 1;
            let body = self.script(&[])?;
            self.nonempty(&body)?;
            self.skip_blank_and_newlines();
            match self.peek() {
                Some(')') => self.pos += 1,
                None => return Err(ParseError::Incomplete),
                _ => return Err(ParseError::Unexpected(self.token_text())),
            }
            let redirs = self.trailing_redirs()?;
            return Ok(Command::Group {
                body,
                subshell: true,
                redirs,
            });
        }
        if let Some(k) = self.reserved_here() {
            return Err(ParseError::Unexpected(k.into()));
        }
        self.simple().map(Command::Simple)
    }

    /// bash wants at least one command in a compound command's lists: `if then` is an error
    /// at `then` (at the end of the input, more may come).
    fn nonempty(&mut self, list: &Script) -> Result<(), ParseError> {
        if !list.items.is_empty() {
            return Ok(());
        }
        self.skip_blank_and_newlines();
        match self.peek() {
            None => Err(ParseError::Incomplete),
            Some(_) => Err(ParseError::Unexpected(self.token_text())),
        }
    }

    fn trailing_redirs(&mut self) -> Result<Vec<Redir>, ParseError> {
        let mut redirs = Vec::new();
        loop {
            self.skip_blank();
            match self.redir()? {
                Some(r) => redirs.push(r),
                None => return Ok(redirs),
            }
        }
    }

    fn name(&mut self) -> Option<String> {
        let start = self.pos;
        if !self.peek().is_some_and(is_name_start) {
            return None;
        }
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        Some(self.s.get(start..self.pos)?.iter().collect())
    }

    fn simple(&mut self) -> Result<Simple, ParseError> {
        let mut cmd = Simple::default();
        loop {
            self.skip_blank();
            match self.peek() {
                None | Some('\n' | ';' | '&' | '|' | ')') => break,
                // `name (` starts a function definition (not supported): bash then wants `)`
                // and names whatever comes instead.
                Some('(') if cmd.words.len() == 1 && cmd.assigns.is_empty() => {
                    self.pos += 1;
                    self.skip_blank();
                    if self.peek() == Some(')') {
                        return Err(ParseError::Unexpected("(".into()));
                    }
                    return Err(ParseError::Unexpected(self.token_text()));
                }
                Some('(') => return Err(ParseError::Unexpected("(".into())),
                _ => {}
            }
            if let Some(r) = self.redir()? {
                cmd.redirs.push(r);
                continue;
            }
            // NAME=value before the command name is an assignment.
            if cmd.words.is_empty() {
                let save = self.pos;
                if let Some(n) = self.name() {
                    if self.peek() == Some('=') {
                        self.pos += 1;
                        let value = if self.peek().is_some_and(|c| !is_meta(c)) {
                            self.word()?
                        } else {
                            Word::default()
                        };
                        cmd.assigns.push((n, value));
                        continue;
                    }
                }
                self.pos = save;
            }
            let start = self.pos;
            let word = self.word()?;
            if self.pos == start {
                // Nothing a word can start with (never loop without moving).
                return Err(ParseError::Unexpected(self.token_text()));
            }
            cmd.words.push(word);
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirs.is_empty() {
            return Err(ParseError::Unexpected(self.token_text()));
        }
        Ok(cmd)
    }

    /// A redirection at the cursor, if there is one.
    fn redir(&mut self) -> Result<Option<Redir>, ParseError> {
        let save = self.pos;
        let mut fd: Option<u8> = None;
        if let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            if matches!(self.peek_at(1), Some('<' | '>')) {
                fd = Some(d as u8);
                self.pos += 1;
            }
        }
        let op = if self.starts_with(">>") {
            self.pos += 2;
            ">>"
        } else if self.starts_with("<<<") {
            self.pos += 3;
            "<<<"
        } else if self.starts_with("<<") {
            self.pos += 2;
            "<<"
        } else if self.starts_with(">&") {
            self.pos += 2;
            ">&"
        } else if self.starts_with("&>") {
            self.pos += 2;
            "&>"
        } else if self.starts_with(">|") {
            self.pos += 2;
            ">"
        } else if self.peek() == Some('>') {
            self.pos += 1;
            ">"
        } else if self.peek() == Some('<') {
            self.pos += 1;
            "<"
        } else {
            self.pos = save;
            return Ok(None);
        };
        self.skip_blank();
        if matches!(
            self.peek(),
            None | Some('\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')')
        ) {
            return match self.peek() {
                None => Err(ParseError::Unexpected("newline".into())),
                _ => Err(ParseError::Unexpected(self.token_text())),
            };
        }
        let r = match op {
            ">" | "&>" => Redir {
                fd: fd.unwrap_or(1),
                op: RedirOp::Write(self.word()?),
            },
            ">>" => Redir {
                fd: fd.unwrap_or(1),
                op: RedirOp::Append(self.word()?),
            },
            "<" => Redir {
                fd: fd.unwrap_or(0),
                op: RedirOp::Read(self.word()?),
            },
            "<<<" => Redir {
                fd: fd.unwrap_or(0),
                op: RedirOp::HereString(self.word()?),
            },
            ">&" => {
                let w = self.word()?;
                match w.as_literal().and_then(|t| t.parse::<u8>().ok()) {
                    Some(n) => Redir {
                        fd: fd.unwrap_or(1),
                        op: RedirOp::Dup(n),
                    },
                    None => Redir {
                        fd: fd.unwrap_or(1),
                        op: RedirOp::Write(w),
                    },
                }
            }
            _ => {
                // Here-document: the delimiter, then the body from the next line on.
                let strip_tabs = self.peek() == Some('-');
                if strip_tabs {
                    self.pos += 1;
                    self.skip_blank();
                }
                let w = self.word()?;
                let expand = w.0.iter().all(|p| matches!(p, Part::Lit(_)));
                let delim: String =
                    w.0.iter()
                        .map(|p| match p {
                            Part::Lit(t) | Part::Quoted(t) => t.clone(),
                            Part::Double(ps) => ps
                                .iter()
                                .map(|x| {
                                    if let Part::Lit(t) | Part::Quoted(t) = x {
                                        t.clone()
                                    } else {
                                        String::new()
                                    }
                                })
                                .collect(),
                            _ => String::new(),
                        })
                        .collect();
                let body = self.take_heredoc(&delim, strip_tabs)?;
                Redir {
                    fd: fd.unwrap_or(0),
                    op: RedirOp::HereDoc { body, expand },
                }
            }
        };
        if op == "&>" {
            // `&> file` is `> file 2>&1`; the executor sees fd 1 then a dup of 2.
            return Ok(Some(r));
        }
        Ok(Some(r))
    }

    /// Cuts the here-document body (the lines after the current one, up to `delim`) out of the input.
    fn take_heredoc(&mut self, delim: &str, strip_tabs: bool) -> Result<String, ParseError> {
        let mut i = self.pos;
        while let Some(&c) = self.s.get(i) {
            if c == '\n' {
                break;
            }
            i += 1;
        }
        if i >= self.s.len() {
            return Err(ParseError::Incomplete);
        }
        let body_start = i + 1;
        let mut line_start = body_start;
        let mut body = String::new();
        loop {
            if line_start > self.s.len() {
                return Err(ParseError::Incomplete);
            }
            let mut j = line_start;
            while let Some(&c) = self.s.get(j) {
                if c == '\n' {
                    break;
                }
                j += 1;
            }
            let line: String = self
                .s
                .get(line_start..j)
                .map(|l| l.iter().collect())
                .unwrap_or_default();
            let line = if strip_tabs {
                line.trim_start_matches('\t').to_string()
            } else {
                line
            };
            if line == delim {
                let end = (j + 1).min(self.s.len());
                self.s.drain(body_start..end);
                return Ok(body);
            }
            if j >= self.s.len() {
                return Err(ParseError::Incomplete);
            }
            body.push_str(&line);
            body.push('\n');
            line_start = j + 1;
        }
    }

    fn word(&mut self) -> Result<Word, ParseError> {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Vec<Part>| {
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(lit)));
            }
        };
        if self.peek() == Some('~') {
            self.pos += 1;
            parts.push(Part::Tilde);
        }
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            match c {
                '\'' => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    let mut q = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(ParseError::Incomplete),
                            Some('\'') => {
                                self.pos += 1;
                                break;
                            }
                            Some(ch) => {
                                q.push(ch);
                                self.pos += 1;
                            }
                        }
                    }
                    parts.push(Part::Quoted(q));
                }
                '"' => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    parts.push(Part::Double(self.double_quoted()?));
                }
                '\\' => {
                    flush(&mut lit, &mut parts);
                    self.pos += 1;
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some('\n') => self.pos += 1,
                        Some(ch) => {
                            self.pos += 1;
                            parts.push(Part::Quoted(ch.to_string()));
                        }
                    }
                }
                '$' => {
                    if let Some(p) = self.dollar()? {
                        flush(&mut lit, &mut parts);
                        parts.push(p);
                    } else {
                        lit.push('$');
                        self.pos += 1;
                    }
                }
                '`' => {
                    flush(&mut lit, &mut parts);
                    parts.push(self.backquote()?);
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(Word(parts))
    }

    fn double_quoted(&mut self) -> Result<Vec<Part>, ParseError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(ParseError::Incomplete),
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => match self.peek_at(1) {
                    Some(c @ ('$' | '`' | '"' | '\\')) => {
                        text.push(c);
                        self.pos += 2;
                    }
                    Some('\n') => self.pos += 2,
                    Some(c) => {
                        text.push('\\');
                        text.push(c);
                        self.pos += 2;
                    }
                    None => return Err(ParseError::Incomplete),
                },
                Some('$') => match self.dollar()? {
                    Some(p) => {
                        if !text.is_empty() {
                            parts.push(Part::Quoted(std::mem::take(&mut text)));
                        }
                        parts.push(p);
                    }
                    None => {
                        text.push('$');
                        self.pos += 1;
                    }
                },
                Some('`') => {
                    if !text.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut text)));
                    }
                    parts.push(self.backquote()?);
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Quoted(text));
        }
        Ok(parts)
    }

    /// `$...` at the cursor; `None` when the `$` is literal.
    fn dollar(&mut self) -> Result<Option<Part>, ParseError> {
        match self.peek_at(1) {
            Some('(') if self.peek_at(2) == Some('(') => {
                self.pos += 3;
                let mut depth = 0usize;
                let mut expr = String::new();
                loop {
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some(')') if depth == 0 && self.peek_at(1) == Some(')') => {
                            self.pos += 2;
                            break;
                        }
                        Some(c) => {
                            if c == '(' {
                                depth += 1;
                            } else if c == ')' {
                                depth = depth.saturating_sub(1);
                            }
                            expr.push(c);
                            self.pos += 1;
                        }
                    }
                }
                Ok(Some(Part::Arith(expr)))
            }
            Some('(') => {
                self.pos += 2;
                let inner = self.script(&[])?;
                self.skip_blank_and_newlines();
                match self.peek() {
                    Some(')') => {
                        self.pos += 1;
                        Ok(Some(Part::Subst(inner)))
                    }
                    None => Err(ParseError::Incomplete),
                    _ => Err(ParseError::Unexpected(self.token_text())),
                }
            }
            Some('{') => {
                self.pos += 2;
                let mut name = String::new();
                loop {
                    match self.peek() {
                        None => return Err(ParseError::Incomplete),
                        Some('}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(c) => {
                            name.push(c);
                            self.pos += 1;
                        }
                    }
                }
                Ok(Some(Part::Var(name)))
            }
            Some(c) if is_name_start(c) => {
                self.pos += 1;
                let n = self.name().unwrap_or_default();
                Ok(Some(Part::Var(n)))
            }
            Some(c @ ('?' | '$' | '#' | '@' | '*' | '!' | '0'..='9')) => {
                self.pos += 2;
                Ok(Some(Part::Var(c.to_string())))
            }
            _ => Ok(None),
        }
    }

    fn backquote(&mut self) -> Result<Part, ParseError> {
        self.pos += 1;
        let mut inner = String::new();
        loop {
            match self.peek() {
                None => return Err(ParseError::Incomplete),
                Some('`') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') if matches!(self.peek_at(1), Some('`' | '\\' | '$')) => {
                    if let Some(c) = self.peek_at(1) {
                        inner.push(c);
                    }
                    self.pos += 2;
                }
                Some(c) => {
                    inner.push(c);
                    self.pos += 1;
                }
            }
        }
        Ok(Part::Subst(parse_nested(&inner, self.depth)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    fn check(input: &str, expect: Expect) {
        let got = match parse(input) {
            Ok(s) => format!("{s:?}"),
            Err(e) => format!("error: {e:?}"),
        };
        expect.assert_eq(&got);
    }

    fn err(input: &str) -> String {
        parse(input)
            .map(|_| String::new())
            .unwrap_or_else(|e| e.message())
    }

    #[test]
    fn simple_command_with_quotes() {
        check(
            r#"kubectl get pods -l 'app=web' "x y""#,
            expect![[
                r#"Script { items: [AndOr { first: Pipeline { bang: false, commands: [Simple(Simple { assigns: [], words: [Word([Lit("kubectl")]), Word([Lit("get")]), Word([Lit("pods")]), Word([Lit("-l")]), Word([Quoted("app=web")]), Word([Double([Quoted("x y")])])], redirs: [] })] }, rest: [], background: None }] }"#
            ]],
        );
    }

    #[test]
    fn lists_pipes_and_chains() {
        let s = parse("a | b && c || d; e").unwrap();
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[0].first.commands.len(), 2);
        assert_eq!(s.items[0].rest.len(), 2);
    }

    #[test]
    fn incomplete_input_asks_for_more() {
        for input in [
            "echo 'abc",
            "echo \"abc",
            "a |",
            "a &&",
            "for i in 1 2; do echo $i",
            "cat <<EOF\nhello",
            "echo $(date",
            "echo \\",
        ] {
            assert_eq!(parse(input), Err(ParseError::Incomplete), "{input}");
        }
    }

    #[test]
    fn syntax_errors_read_like_bash() {
        assert_eq!(err(";"), "bash: syntax error near unexpected token `;'");
        assert_eq!(err("| a"), "bash: syntax error near unexpected token `|'");
        assert_eq!(
            err("a ;; b"),
            "bash: syntax error near unexpected token `;;'"
        );
        assert_eq!(
            err("echo >"),
            "bash: syntax error near unexpected token `newline'"
        );
        assert_eq!(err("a )"), "bash: syntax error near unexpected token `)'");
        assert_eq!(
            err("done"),
            "bash: syntax error near unexpected token `done'"
        );
        assert_eq!(err("&& a"), "bash: syntax error near unexpected token `&&'");
    }

    #[test]
    fn here_documents_are_cut_out_of_the_input() {
        let s =
            parse("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: $KIND\nEOF\necho done")
                .unwrap();
        assert_eq!(s.items.len(), 2);
        let Command::Simple(cat) = &s.items[0].first.commands[0] else {
            panic!()
        };
        assert_eq!(
            cat.redirs[0].op,
            RedirOp::HereDoc {
                body: "apiVersion: v1\nkind: $KIND\n".into(),
                expand: true
            }
        );
        let s = parse("cat <<'EOF'\n$X\nEOF").unwrap();
        let Command::Simple(cat) = &s.items[0].first.commands[0] else {
            panic!()
        };
        assert_eq!(
            cat.redirs[0].op,
            RedirOp::HereDoc {
                body: "$X\n".into(),
                expand: false
            }
        );
    }

    #[test]
    fn compound_commands() {
        let s = parse("for i in 1 2 3; do curl 10.96.0.1; done").unwrap();
        assert!(
            matches!(&s.items[0].first.commands[0], Command::For { var, words: Some(w), .. } if var == "i" && w.len() == 3)
        );
        let s = parse("while true; do sleep 1; done").unwrap();
        assert!(matches!(
            &s.items[0].first.commands[0],
            Command::While { until: false, .. }
        ));
        let s = parse("if [ -f x ]; then echo y; else echo n; fi").unwrap();
        assert!(
            matches!(&s.items[0].first.commands[0], Command::If { arms, otherwise: Some(_), .. } if arms.len() == 1)
        );
    }

    #[test]
    fn assignments_and_expansions() {
        check(
            "X=1 echo $X ${Y} $(date) $((1+2)) ~/f",
            expect![[
                r#"Script { items: [AndOr { first: Pipeline { bang: false, commands: [Simple(Simple { assigns: [("X", Word([Lit("1")]))], words: [Word([Lit("echo")]), Word([Var("X")]), Word([Var("Y")]), Word([Subst(Script { items: [AndOr { first: Pipeline { bang: false, commands: [Simple(Simple { assigns: [], words: [Word([Lit("date")])], redirs: [] })] }, rest: [], background: None }] })]), Word([Arith("1+2")]), Word([Tilde, Lit("/f")])], redirs: [] })] }, rest: [], background: None }] }"#
            ]],
        );
    }

    #[test]
    fn comments_and_line_continuations() {
        let s = parse("kubectl get pods \\\n  -o wide # the IPs\n").unwrap();
        let Command::Simple(c) = &s.items[0].first.commands[0] else {
            panic!()
        };
        assert_eq!(c.words.len(), 5);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,200}") {
            let _ = parse(&input);
        }

        #[test]
        fn never_panics_on_shell_soup(input in "[ a-z$'\"`|&;<>(){}\\\\\n#=~0-9-]{0,120}") {
            let _ = parse(&input);
        }
    }
}
