//! Pathname expansion (`*`, `?`, `[...]`) over the virtual filesystem.

use crate::fs::Fs;

/// Whether `name` matches the glob `pat` (one path component).
pub fn matches(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    matches_chars(&p, name)
}

/// [`matches`] with the pattern's characters read once (a directory's entries in turn).
fn matches_chars(p: &[char], name: &str) -> bool {
    if name.starts_with('.') && p.first() != Some(&'.') {
        return false;
    }
    let n: Vec<char> = name.chars().collect();
    matches_at(p, &n)
}

/// fnmatch without recursion: a `*` remembers where it started and takes one more character
/// each time the rest fails, so `****...x` costs O(pattern x name) instead of exponential time.
fn matches_at(p: &[char], n: &[char]) -> bool {
    let (mut pi, mut ni) = (0, 0);
    // Where to resume after the last `*`: (pattern index after it, name index it matched up to).
    let mut star: Option<(usize, usize)> = None;
    loop {
        match p.get(pi) {
            Some('*') => {
                pi += 1;
                star = Some((pi, ni));
                continue;
            }
            Some(_) => {
                if let Some(len) = n.get(ni).and_then(|c| one(p, pi, *c)) {
                    pi += len;
                    ni += 1;
                    continue;
                }
            }
            None if ni == n.len() => return true,
            None => {}
        }
        match star {
            Some((sp, sn)) if sn < n.len() => {
                star = Some((sp, sn + 1));
                pi = sp;
                ni = sn + 1;
            }
            _ => return false,
        }
    }
}

/// Whether the pattern element at `p[i]` (a character, `?` or a `[...]` class) matches `c`;
/// how many pattern characters it takes.
fn one(p: &[char], i: usize, c: char) -> Option<usize> {
    let rest = p.get(i + 1..).unwrap_or(&[]);
    match p.get(i)? {
        '?' => Some(1),
        '[' => {
            let Some(close) = rest.iter().position(|x| *x == ']') else {
                return (c == '[').then_some(1);
            };
            let class = rest.get(..close).unwrap_or(&[]);
            let (negate, class) = match class.split_first() {
                Some(('!' | '^', cl)) => (true, cl),
                _ => (false, class),
            };
            let mut hit = false;
            let mut j = 0;
            while let Some(&a) = class.get(j) {
                if class.get(j + 1) == Some(&'-') {
                    if let Some(&b) = class.get(j + 2) {
                        hit |= a <= c && c <= b;
                        j += 3;
                        continue;
                    }
                }
                hit |= a == c;
                j += 1;
            }
            (hit != negate).then_some(close + 2)
        }
        lit => (*lit == c).then_some(1),
    }
}

/// Expands a pattern into the sorted paths it matches (relative patterns stay relative).
pub fn expand(fs: &Fs, pattern: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let mut bases: Vec<String> = vec![if absolute { "/".into() } else { String::new() }];
    for part in parts {
        let mut next = Vec::new();
        for base in &bases {
            let dir = if base.is_empty() {
                ".".to_string()
            } else {
                base.clone()
            };
            if part.contains(['*', '?', '[']) {
                let pat: Vec<char> = part.chars().collect();
                if let Ok(entries) = fs.list(&dir) {
                    for (name, _) in entries {
                        if matches_chars(&pat, &name) {
                            next.push(join(base, &name));
                        }
                    }
                }
            } else {
                let candidate = join(base, part);
                if fs.stat(&candidate).is_some() {
                    next.push(candidate);
                }
            }
        }
        bases = next;
    }
    cluster::sort::sort(&mut bases);
    bases
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else if base.ends_with('/') {
        format!("{base}{name}")
    } else {
        format!("{base}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_fnmatch() {
        assert!(matches("*.yaml", "web.yaml"));
        assert!(!matches("*.yaml", ".hidden.yaml"));
        assert!(matches("web-[a-c]?.y*", "web-b1.yml"));
        assert!(!matches("[!w]*", "web"));
        assert!(matches("a*b*c", "aXbYbZc"));
        assert!(!matches("a*b*c", "aXbYbZ"));
        assert!(matches("*", ""));
        assert!(matches("[x", "[x"));
        assert!(matches("**a**", "bab"));
    }

    #[test]
    fn many_stars_take_linear_time() {
        let pat = format!("{}x", "*".repeat(5000));
        assert!(!matches(&pat, &"a".repeat(5000)));
        assert!(matches(&pat, &format!("{}x", "a".repeat(5000))));
    }

    #[test]
    fn expands_over_the_tree() {
        let mut fs = Fs::new("/root");
        fs.put("manifests/a.yaml", "").unwrap();
        fs.put("manifests/b.yaml", "").unwrap();
        fs.put("manifests/c.txt", "").unwrap();
        assert_eq!(
            expand(&fs, "manifests/*.yaml"),
            vec!["manifests/a.yaml", "manifests/b.yaml"]
        );
        assert!(expand(&fs, "nothing/*").is_empty());
    }
}
