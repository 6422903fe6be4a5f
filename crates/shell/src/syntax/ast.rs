//! The syntax tree of a command line: lists, and-or chains, pipelines, commands and words.

/// A list of and-or chains run one after another (`a; b && c`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// The chains, in order.
    pub items: Vec<AndOr>,
}

/// How two pipelines of a chain are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    /// `&&`: run the next one if the last succeeded.
    And,
    /// `||`: run the next one if the last failed.
    Or,
}

/// `p1 && p2 || p3`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The rest, each with its connector.
    pub rest: Vec<(Connector, Pipeline)>,
    /// Ended with `&`: runs as a background job; the text is how `jobs` names it.
    pub background: Option<String>,
}

/// `! a | b | c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// `!` negates the status.
    pub bang: bool,
    /// The commands, left to right.
    pub commands: Vec<Command>,
}

/// One command of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `VAR=x name args > file`.
    Simple(Simple),
    /// `for var in words; do body; done`.
    For {
        /// The loop variable.
        var: String,
        /// The words (`None`: `"$@"`, which is empty here).
        words: Option<Vec<Word>>,
        /// The body.
        body: Script,
        /// Redirections of the whole loop.
        redirs: Vec<Redir>,
    },
    /// `while cond; do body; done` (or `until`).
    While {
        /// `until` rather than `while`.
        until: bool,
        /// The condition list.
        cond: Script,
        /// The body.
        body: Script,
        /// Redirections of the whole loop.
        redirs: Vec<Redir>,
    },
    /// `if c; then a; elif c2; then b; else d; fi`.
    If {
        /// (condition, branch) pairs.
        arms: Vec<(Script, Script)>,
        /// The `else` branch.
        otherwise: Option<Script>,
        /// Redirections of the whole statement.
        redirs: Vec<Redir>,
    },
    /// `{ list; }` or `( list )`.
    Group {
        /// The list.
        body: Script,
        /// `( )` runs in a subshell: variable changes do not leak out.
        subshell: bool,
        /// Redirections of the group.
        redirs: Vec<Redir>,
    },
}

/// A simple command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Simple {
    /// `NAME=value` prefixes.
    pub assigns: Vec<(String, Word)>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    /// Redirections.
    pub redirs: Vec<Redir>,
}

/// A redirection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redir {
    /// The file descriptor redirected (1 for `>`, 0 for `<`).
    pub fd: u8,
    /// What to do with it.
    pub op: RedirOp,
}

/// The kinds of redirection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `> file`.
    Write(Word),
    /// `>> file`.
    Append(Word),
    /// `< file`.
    Read(Word),
    /// `2>&1`: a copy of another descriptor.
    Dup(u8),
    /// `<<EOF` ... `EOF`: the body, and whether it is expanded (unquoted delimiter).
    HereDoc {
        /// The text.
        body: String,
        /// Whether `$VAR` and `$(..)` are expanded in it.
        expand: bool,
    },
    /// `<<< word`.
    HereString(Word),
}

/// A word: parts concatenated without spaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word(pub Vec<Part>);

/// A piece of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text (subject to globbing).
    Lit(String),
    /// Text that was quoted or escaped.
    Quoted(String),
    /// `"..."`: parts expanded without field splitting.
    Double(Vec<Part>),
    /// `$NAME`, `${NAME}`, `$?`.
    Var(String),
    /// `$(...)` or backquotes.
    Subst(Script),
    /// `$((expr))`.
    Arith(String),
    /// A leading `~`.
    Tilde,
}

impl Word {
    /// The word as plain text when it has no expansions (for reserved words and heredoc tags).
    pub fn as_literal(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                Part::Lit(t) => s.push_str(t),
                _ => return None,
            }
        }
        Some(s)
    }
}
