//! Lesson HTML as the page shows it: relative links and image sources point into the
//! lesson's folder (`lessons/<id>/`), since the page itself lives one level up.

/// Whether a URL is relative to the document (no scheme, not `/...`, not `#...`).
fn is_relative(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() || u.starts_with('#') || u.starts_with('/') || u.starts_with('?') {
        return false;
    }
    match u.find(':') {
        Some(colon) => {
            let scheme = u.get(..colon).unwrap_or("");
            let before_slash = u.find('/').is_none_or(|s| s > colon);
            !(before_slash
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        }
        None => true,
    }
}

/// Rewrites relative `src` and `href` attributes of sanitized HTML to start with `base`
/// (`lessons/servicios-es/`). Text and other attributes are left alone.
pub fn resolve_urls(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let (text, tag_start) = rest.split_at(lt);
        out.push_str(text);
        let end = tag_end(tag_start);
        let tag = tag_start.get(..end).unwrap_or(tag_start);
        out.push_str(&rewrite_tag(tag, base));
        rest = tag_start.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s` (through its `>`, quotes respected).
fn tag_end(s: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn rewrite_tag(tag: &str, base: &str) -> String {
    let mut out = String::with_capacity(tag.len() + base.len());
    let mut rest = tag;
    loop {
        let next = [" src=\"", " href=\""]
            .iter()
            .filter_map(|a| rest.find(a).map(|i| (i, a.len())))
            .min();
        let Some((i, len)) = next else {
            out.push_str(rest);
            return out;
        };
        let value_start = i + len;
        out.push_str(rest.get(..value_start).unwrap_or(""));
        let after = rest.get(value_start..).unwrap_or("");
        let close = after.find('"').unwrap_or(after.len());
        let value = after.get(..close).unwrap_or("");
        if is_relative(value) {
            out.push_str(base);
        }
        out.push_str(value);
        rest = after.get(close..).unwrap_or("");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_point_into_the_lesson() {
        let base = "lessons/x/";
        assert_eq!(
            resolve_urls(
                r##"<p>see <img src="assets/a.png" alt="a"> and <a href="https://k8s.io" target="_blank">k</a> <a href="step2.md">2</a> <a href="#top">t</a></p>"##,
                base
            ),
            r##"<p>see <img src="lessons/x/assets/a.png" alt="a"> and <a href="https://k8s.io" target="_blank">k</a> <a href="lessons/x/step2.md">2</a> <a href="#top">t</a></p>"##
        );
        // Text that looks like an attribute is not touched.
        assert_eq!(
            resolve_urls(r#"<code>&lt;img src="a.png"&gt;</code>"#, base),
            r#"<code>&lt;img src="a.png"&gt;</code>"#
        );
        assert_eq!(
            resolve_urls("<a href=\"mailto:a@b\">", base),
            "<a href=\"mailto:a@b\">"
        );
        assert_eq!(
            resolve_urls("<a href=\"a:b/c\">", base),
            "<a href=\"a:b/c\">"
        );
        assert_eq!(
            resolve_urls("<a href=\"./a/b:c\">", base),
            "<a href=\"lessons/x/./a/b:c\">"
        );
        assert_eq!(resolve_urls("<img src=\"x", base), "<img src=\"lessons/x/x");
        assert_eq!(resolve_urls("a < b", base), "a < b");
    }
}
