//! GNU sed's regular expressions (POSIX basic, or extended with `-E`) rewritten for
//! regex-lite, with glibc's complaints (`Unmatched ( or \(`, `Invalid preceding regular
//! expression`...) for the patterns glibc rejects.

/// A regex translated for regex-lite, and how many groups it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translated {
    /// The regex-lite pattern (without flags).
    pub pattern: String,
    /// Capture groups.
    pub groups: usize,
}

/// Characters regex-lite treats as syntax and that must be escaped to be literal.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '*'
            | '?'
            | '('
            | ')'
            | '|'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '-'
            | '~'
    )
}

fn literal(out: &mut String, c: char) {
    if is_meta(c) {
        out.push('\\');
    }
    out.push(c);
}

const CLASSES: &[&str] = &[
    "alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "print", "graph",
    "cntrl", "xdigit",
];

const UNMATCHED_BRACKET: &str = "Unmatched [, [^, [:, [., or [=";
const PRECEDING: &str = "Invalid preceding regular expression";
const INTERVAL: &str = "Invalid content of \\{\\}";

/// A bracket expression starting after its `[`; returns the regex-lite class and the index
/// after the closing `]`.
fn bracket(chars: &[char], mut i: usize) -> Result<(String, usize), String> {
    let mut out = String::from("[");
    if chars.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    let mut prev: Option<char> = None;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err(UNMATCHED_BRACKET.into());
        };
        if c == ']' && !first {
            out.push(']');
            return Ok((out, i + 1));
        }
        first = false;
        if c == '[' && chars.get(i + 1) == Some(&':') {
            let rest: String = chars.get(i + 2..).unwrap_or(&[]).iter().collect();
            let Some(end) = rest.find(":]") else {
                return Err(UNMATCHED_BRACKET.into());
            };
            let name = rest.get(..end).unwrap_or("");
            if !CLASSES.contains(&name) {
                return Err("Invalid character class name".into());
            }
            out.push_str(&format!("[:{name}:]"));
            i += 2 + name.chars().count() + 2;
            prev = None;
            continue;
        }
        // A range `a-z` (a `-` first or last is itself).
        if c == '-' && prev.is_some() && chars.get(i + 1).is_some_and(|n| *n != ']') {
            let (lo, hi) = (prev.unwrap_or(c), chars.get(i + 1).copied().unwrap_or(c));
            if hi < lo {
                return Err("Invalid range end".into());
            }
            out.push('-');
            literal(&mut out, hi);
            i += 2;
            prev = None;
            continue;
        }
        // GNU sed turns `\n` and `\t` into the characters before the regex is compiled.
        let (ch, used) = match (c, chars.get(i + 1)) {
            ('\\', Some('n')) => ('\n', 2),
            ('\\', Some('t')) => ('\t', 2),
            _ => (c, 1),
        };
        literal(&mut out, ch);
        prev = Some(ch);
        i += used;
    }
}

/// `{m}`, `{m,}`, `{m,n}` from the text between the braces.
fn interval(body: &str) -> Result<String, String> {
    let (lo, hi) = match body.split_once(',') {
        Some((lo, hi)) => (lo, Some(hi)),
        None => (body, None),
    };
    let number = |s: &str| -> Result<Option<u32>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        if !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(INTERVAL.into());
        }
        s.parse::<u32>()
            .map(Some)
            .map_err(|_| "Regular expression too big".to_string())
    };
    let lo_n = number(lo)?.unwrap_or(0);
    match hi {
        None if lo.is_empty() => Err(INTERVAL.into()),
        None => Ok(format!("{{{lo_n}}}")),
        Some(h) => match number(h)? {
            Some(h) if h < lo_n => Err(INTERVAL.into()),
            Some(h) => Ok(format!("{{{lo_n},{h}}}")),
            None => Ok(format!("{{{lo_n},}}")),
        },
    }
}

/// Translates a sed regex; `Err` is glibc's message.
pub fn translate(re: &str, extended: bool) -> Result<Translated, String> {
    let chars: Vec<char> = re.chars().collect();
    let mut out = String::new();
    let mut groups = 0usize;
    let mut open: Vec<usize> = Vec::new();
    let mut closed = 0usize;
    // Whether something a quantifier can apply to precedes, and whether it was a quantifier.
    let mut atom = false;
    let mut quantified = false;
    // At the start of the regex or of a group or alternative (where `^` anchors and `*` is
    // literal in basic regexes).
    let mut start = true;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        i += 1;
        let was_start = start;
        start = false;
        // The operator this character is, if any, in this flavour.
        let op: Option<char> = match (c, extended) {
            ('\\', false) => match next {
                Some(n @ ('(' | ')' | '{' | '}' | '|' | '+' | '?')) => {
                    i += 1;
                    Some(n)
                }
                _ => None,
            },
            ('(' | ')' | '{' | '}' | '|' | '+' | '?', true) => Some(c),
            ('*', _) => Some('*'),
            _ => None,
        };
        match op {
            Some('(') => {
                groups += 1;
                open.push(groups);
                out.push('(');
                atom = false;
                quantified = false;
                start = true;
            }
            Some(')') => {
                if open.pop().is_none() {
                    return Err("Unmatched ) or \\)".into());
                }
                closed += 1;
                out.push(')');
                atom = true;
                quantified = false;
            }
            Some('|') => {
                out.push('|');
                atom = false;
                quantified = false;
                start = true;
            }
            Some('{') => {
                if !atom || quantified {
                    return Err(PRECEDING.into());
                }
                let close = if extended { "}" } else { "\\}" };
                let rest: String = chars.get(i..).unwrap_or(&[]).iter().collect();
                let Some(end) = rest.find(close) else {
                    return Err("Unmatched \\{".into());
                };
                out.push_str(&interval(rest.get(..end).unwrap_or(""))?);
                i += rest.get(..end).unwrap_or("").chars().count() + close.chars().count();
                quantified = true;
            }
            Some('}') => {
                out.push_str("\\}");
                atom = true;
                quantified = false;
            }
            Some(q @ ('*' | '+' | '?')) => {
                if q == '*' && !extended && was_start {
                    out.push_str("\\*");
                    atom = true;
                    quantified = false;
                } else if !atom || (quantified && !extended) {
                    return Err(PRECEDING.into());
                } else if !quantified {
                    out.push(q);
                    quantified = true;
                }
            }
            _ => {
                atom = true;
                quantified = false;
                match c {
                    '\\' => {
                        let Some(n) = next else {
                            return Err("Trailing backslash".into());
                        };
                        i += 1;
                        match n {
                            '1'..='9' => {
                                let k = usize::from(n as u8 - b'0');
                                if k > closed {
                                    return Err("Invalid back reference".into());
                                }
                                return Err(
                                    "back-references in regular expressions are not supported here"
                                        .into(),
                                );
                            }
                            'n' => out.push_str("\\n"),
                            't' => out.push_str("\\t"),
                            'w' | 'W' | 's' | 'S' | 'b' | 'B' => {
                                out.push('\\');
                                out.push(n);
                            }
                            '<' | '>' => out.push_str("\\b"),
                            '`' => out.push_str("\\A"),
                            '\'' => out.push_str("\\z"),
                            other => literal(&mut out, other),
                        }
                    }
                    '[' => {
                        let (class, after) = bracket(&chars, i)?;
                        out.push_str(&class);
                        i = after;
                    }
                    '.' => out.push('.'),
                    '^' if extended || was_start => {
                        out.push('^');
                        atom = false;
                        start = was_start;
                    }
                    '$' if extended || at_end(&chars, i) => {
                        out.push('$');
                    }
                    other => literal(&mut out, other),
                }
            }
        }
    }
    if !open.is_empty() {
        return Err("Unmatched ( or \\(".into());
    }
    Ok(Translated {
        pattern: out,
        groups,
    })
}

/// Whether a basic regex's `$` at `i - 1` ends the regex or a group (and so anchors).
fn at_end(chars: &[char], i: usize) -> bool {
    matches!(
        (chars.get(i), chars.get(i + 1)),
        (None, _) | (Some('\\'), Some(')' | '|'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(re: &str, ext: bool) -> Result<String, String> {
        translate(re, ext).map(|t| t.pattern)
    }

    #[test]
    fn translates_basic_and_extended() {
        assert_eq!(t("a\\(b\\)*c", false), Ok("a(b)*c".into()));
        assert_eq!(t("a+b?(c)", false), Ok("a\\+b\\?\\(c\\)".into()));
        assert_eq!(t("*a^b$", false), Ok("\\*a\\^b$".into()));
        assert_eq!(t("^a\\{2,3\\}", false), Ok("^a{2,3}".into()));
        assert_eq!(t("(b|c)+", true), Ok("(b|c)+".into()));
        assert_eq!(t("[]a-c[:digit:]]", false), Ok("[\\]a-c[:digit:]]".into()));
    }

    #[test]
    fn rejects_as_glibc() {
        assert_eq!(t("\\(a", false), Err("Unmatched ( or \\(".into()));
        assert_eq!(t("a)", true), Err("Unmatched ) or \\)".into()));
        assert_eq!(t("a**", false), Err(PRECEDING.into()));
        assert_eq!(t("+a", true), Err(PRECEDING.into()));
        assert_eq!(t("a\\{2", false), Err("Unmatched \\{".into()));
        assert_eq!(t("a\\{x\\}", false), Err(INTERVAL.into()));
        assert_eq!(t("[b-a]", false), Err("Invalid range end".into()));
        assert_eq!(
            t("[[:foo:]]", false),
            Err("Invalid character class name".into())
        );
        assert_eq!(t("\\(a\\)\\2", false), Err("Invalid back reference".into()));
    }
}
