//! Pathname expansion (`*`, `?`, `[...]`) over the virtual filesystem.

use crate::fs::Fs;

/// Whether `name` matches the glob `pat` (one path component).
pub fn matches(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let n: Vec<char> = name.chars().collect();
    if n.first() == Some(&'.') && p.first() != Some(&'.') {
        return false;
    }
    matches_at(&p, &n)
}

fn matches_at(p: &[char], n: &[char]) -> bool {
    match p.split_first() {
        None => n.is_empty(),
        Some(('*', rest)) => {
            (0..=n.len()).any(|i| n.get(i..).is_some_and(|tail| matches_at(rest, tail)))
        }
        Some(('?', rest)) => n.split_first().is_some_and(|(_, nt)| matches_at(rest, nt)),
        Some(('[', rest)) => {
            let Some(close) = rest.iter().position(|c| *c == ']') else {
                return n.first() == Some(&'[') && matches_at(rest, n.get(1..).unwrap_or(&[]));
            };
            let (class, after) = rest.split_at(close);
            let after = after.get(1..).unwrap_or(&[]);
            let Some((c, nt)) = n.split_first() else {
                return false;
            };
            let (negate, class) = match class.split_first() {
                Some(('!' | '^', cl)) => (true, cl),
                _ => (false, class),
            };
            let mut hit = false;
            let mut i = 0;
            while let Some(&a) = class.get(i) {
                if class.get(i + 1) == Some(&'-') {
                    if let Some(&b) = class.get(i + 2) {
                        hit |= a <= *c && *c <= b;
                        i += 3;
                        continue;
                    }
                }
                hit |= a == *c;
                i += 1;
            }
            hit != negate && matches_at(after, nt)
        }
        Some((c, rest)) => n
            .split_first()
            .is_some_and(|(nc, nt)| nc == c && matches_at(rest, nt)),
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
                if let Ok(entries) = fs.list(&dir) {
                    for (name, _) in entries {
                        if matches(part, &name) {
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
    bases.sort();
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
