//! Command-line flags the way cobra/pflag parse them for kubectl: interspersed, `--f=v`,
//! `--f v`, `-f v`, `-fv`, grouped boolean shorthands, and `--` ending the flags.

use std::collections::BTreeMap;

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    /// `--long`.
    pub long: &'static str,
    /// `-s`.
    pub short: Option<char>,
    /// Whether it takes a value (otherwise it is a boolean).
    pub takes_value: bool,
}

/// A value-taking flag.
pub const fn value(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        takes_value: true,
    }
}

/// A boolean flag.
pub const fn switch(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        takes_value: false,
    }
}

/// Flags every kubectl command accepts.
pub const GLOBAL: &[Flag] = &[
    value("namespace", Some('n')),
    value("context", None),
    value("kubeconfig", None),
    value("cluster", None),
    value("user", None),
    value("server", Some('s')),
    value("request-timeout", None),
    value("v", Some('v')),
    switch("insecure-skip-tls-verify", None),
    value("token", None),
    switch("match-server-version", None),
    value("cache-dir", None),
    switch("warnings-as-errors", None),
];

/// The result of parsing.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Positional arguments before `--`.
    pub args: Vec<String>,
    /// Everything after `--`, if it was given.
    pub after_dash: Option<Vec<String>>,
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Parsed {
    /// The last value of a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a repeatable flag.
    pub fn all(&self, long: &str) -> Vec<String> {
        self.values.get(long).cloned().unwrap_or_default()
    }

    /// Whether a boolean flag is on (`--x`, `--x=true`).
    pub fn on(&self, long: &str) -> bool {
        matches!(self.get(long), Some("true"))
    }

    /// Whether a flag was given at all.
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }
}

/// How parsing failed, with pflag's wording (the caller adds the "See ... --help" line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagError {
    /// `unknown flag: --foo`.
    Unknown(String),
    /// `unknown shorthand flag: 'z' in -z`.
    UnknownShort(char, String),
    /// `flag needs an argument: --namespace` / `'n' in -n`.
    NeedsValue(String),
    /// `invalid argument "x" for "--all" flag: strconv.ParseBool: parsing "x": invalid syntax`.
    BadBool(String, String),
}

impl FlagError {
    /// The message.
    pub fn message(&self) -> String {
        match self {
            FlagError::Unknown(f) => format!("unknown flag: {f}"),
            FlagError::UnknownShort(c, arg) => format!("unknown shorthand flag: '{c}' in {arg}"),
            FlagError::NeedsValue(f) => format!("flag needs an argument: {f}"),
            FlagError::BadBool(v, f) => format!("invalid argument \"{v}\" for \"{f}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"),
        }
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `args` (without the command words) against the command's flags plus [`GLOBAL`].
pub fn parse(args: &[String], flags: &[Flag]) -> Result<Parsed, FlagError> {
    let all: Vec<&Flag> = flags.iter().chain(GLOBAL.iter()).collect();
    let by_long = |n: &str| all.iter().find(|f| f.long == n).copied();
    let by_short = |c: char| all.iter().find(|f| f.short == Some(c)).copied();
    let mut p = Parsed::default();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        if a == "--" {
            p.after_dash = Some(args.get(i..).unwrap_or(&[]).to_vec());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(f) = by_long(name) else {
                return Err(FlagError::Unknown(format!("--{name}")));
            };
            let v = if f.takes_value {
                match inline {
                    Some(v) => v,
                    None => match args.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => return Err(FlagError::NeedsValue(format!("--{name}"))),
                    },
                }
            } else {
                match inline {
                    Some(v) => match parse_bool(&v) {
                        Some(b) => b.to_string(),
                        None => return Err(FlagError::BadBool(v, format!("--{name}"))),
                    },
                    None => "true".into(),
                }
            };
            p.values.entry(f.long).or_default().push(v);
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a.chars().skip(1).collect();
            let mut j = 0;
            while let Some(&c) = chars.get(j) {
                j += 1;
                let Some(f) = by_short(c) else {
                    return Err(FlagError::UnknownShort(c, a.clone()));
                };
                if f.takes_value {
                    let rest: String = chars
                        .get(j..)
                        .map(|r| r.iter().collect())
                        .unwrap_or_default();
                    let v = if !rest.is_empty() {
                        rest.strip_prefix('=').map(str::to_string).unwrap_or(rest)
                    } else {
                        match args.get(i) {
                            Some(v) => {
                                i += 1;
                                v.clone()
                            }
                            None => return Err(FlagError::NeedsValue(format!("'{c}' in {a}"))),
                        }
                    };
                    p.values.entry(f.long).or_default().push(v);
                    break;
                }
                if chars.get(j) == Some(&'=') {
                    let v: String = chars
                        .get(j + 1..)
                        .map(|r| r.iter().collect())
                        .unwrap_or_default();
                    match parse_bool(&v) {
                        Some(b) => p.values.entry(f.long).or_default().push(b.to_string()),
                        None => return Err(FlagError::BadBool(v, format!("-{c}"))),
                    }
                    break;
                }
                p.values.entry(f.long).or_default().push("true".into());
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
}

/// Go's `strconv.ParseInt(s, 0, bits)` as pflag's integer flags use it: `0x`, `0o`, `0b` and a
/// leading `0` (octal) pick the base, `_` may separate digits. `Err` is the reason its error
/// gives (`invalid syntax`, `value out of range`).
pub fn parse_int(s: &str, bits: u32) -> Result<i64, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    const RANGE: &str = "value out of range";
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if body.is_empty() {
        return Err(SYNTAX);
    }
    let bytes = body.as_bytes();
    let prefix = |c: u8| bytes.len() >= 3 && bytes.get(1).map(u8::to_ascii_lowercase) == Some(c);
    let (radix, digits) = match bytes.first() {
        Some(b'0') if prefix(b'x') => (16, body.get(2..).unwrap_or("")),
        Some(b'0') if prefix(b'o') => (8, body.get(2..).unwrap_or("")),
        Some(b'0') if prefix(b'b') => (2, body.get(2..).unwrap_or("")),
        Some(b'0') => (8, body.get(1..).unwrap_or("")),
        _ => (10, body),
    };
    // `ParseUint`: a bad digit is a syntax error, a value past 64 bits a range error, in the
    // order they come.
    let mut n: u64 = 0;
    let mut underscores = false;
    for c in digits.chars() {
        if c == '_' {
            underscores = true;
            continue;
        }
        let d = c.to_digit(radix).ok_or(SYNTAX)?;
        n = n
            .checked_mul(u64::from(radix))
            .and_then(|n| n.checked_add(u64::from(d)))
            .ok_or(RANGE)?;
    }
    if underscores && !underscore_ok(body) {
        return Err(SYNTAX);
    }
    // The range of a `bits`-bit signed integer, computed where it cannot overflow.
    let cutoff = 1i128 << bits.clamp(1, 64).saturating_sub(1);
    let value = if neg { -i128::from(n) } else { i128::from(n) };
    if value >= cutoff || value < -cutoff {
        return Err(RANGE);
    }
    i64::try_from(value).map_err(|_| RANGE)
}

/// Go's `underscoreOK` (sign already removed): `_` only between digits, or between a base
/// prefix and a digit.
fn underscore_ok(s: &str) -> bool {
    // 'x' a base prefix or a digit, '0' a digit, '_' an underscore, '!' anything else.
    let mut saw = '^';
    let mut rest = s;
    let b = s.as_bytes();
    if b.len() >= 2 && b.first() == Some(&b'0') {
        if let Some(c) = b.get(1).map(u8::to_ascii_lowercase) {
            if matches!(c, b'b' | b'o' | b'x') {
                rest = s.get(2..).unwrap_or("");
                saw = '0';
            }
        }
    }
    // Any leading '0' is octal's prefix: it counts as a digit.
    for c in rest.chars() {
        if c.is_ascii_hexdigit() {
            saw = '0';
            continue;
        }
        if c == '_' {
            if saw != '0' {
                return false;
            }
            saw = '_';
            continue;
        }
        if saw == '_' {
            return false;
        }
        saw = '!';
    }
    saw != '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_pflag_parses_them() {
        assert_eq!(parse_int("3", 32), Ok(3));
        assert_eq!(parse_int("+3", 32), Ok(3));
        assert_eq!(parse_int("-3", 32), Ok(-3));
        assert_eq!(parse_int("0", 32), Ok(0));
        assert_eq!(parse_int("017", 32), Ok(15));
        assert_eq!(parse_int("0x10", 32), Ok(16));
        assert_eq!(parse_int("0B11", 32), Ok(3));
        assert_eq!(parse_int("0o17", 32), Ok(15));
        assert_eq!(parse_int("1_000", 32), Ok(1000));
        assert_eq!(parse_int("0x_1", 32), Ok(1));
        assert_eq!(parse_int("2147483647", 32), Ok(2_147_483_647));
        assert_eq!(parse_int("-2147483648", 32), Ok(-2_147_483_648));
        for bad in [
            "", "-", "019", "0x", "1_", "_1", "1__0", "1e3", " 1", "1.5", "0x1g",
        ] {
            assert_eq!(parse_int(bad, 32), Err("invalid syntax"), "{bad}");
        }
        assert_eq!(parse_int("2147483648", 32), Err("value out of range"));
        assert_eq!(
            parse_int("99999999999999999999999", 64),
            Err("value out of range")
        );
        assert_eq!(parse_int("9223372036854775807", 64), Ok(i64::MAX));
        assert_eq!(parse_int("-9223372036854775808", 64), Ok(i64::MIN));
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    const F: &[Flag] = &[
        value("output", Some('o')),
        value("selector", Some('l')),
        switch("stdin", Some('i')),
        switch("tty", Some('t')),
        switch("all-namespaces", Some('A')),
    ];

    #[test]
    fn parses_like_pflag() {
        let p = parse(
            &v(&[
                "pods",
                "-owide",
                "--selector",
                "app=web",
                "-n=kube-system",
                "-A",
            ]),
            F,
        )
        .unwrap();
        assert_eq!(p.args, ["pods"]);
        assert_eq!(p.get("output"), Some("wide"));
        assert_eq!(p.get("selector"), Some("app=web"));
        assert_eq!(p.get("namespace"), Some("kube-system"));
        assert!(p.on("all-namespaces"));
        let p = parse(&v(&["-ti", "dnsutils", "--", "nslookup", "-x"]), F).unwrap();
        assert!(p.on("stdin") && p.on("tty"));
        assert_eq!(p.after_dash, Some(v(&["nslookup", "-x"])));
    }

    #[test]
    fn errors_read_like_pflag() {
        assert_eq!(
            parse(&v(&["--foo"]), F).unwrap_err().message(),
            "unknown flag: --foo"
        );
        assert_eq!(
            parse(&v(&["-z"]), F).unwrap_err().message(),
            "unknown shorthand flag: 'z' in -z"
        );
        assert_eq!(
            parse(&v(&["-o"]), F).unwrap_err().message(),
            "flag needs an argument: 'o' in -o"
        );
        assert_eq!(
            parse(&v(&["--output"]), F).unwrap_err().message(),
            "flag needs an argument: --output"
        );
    }
}
