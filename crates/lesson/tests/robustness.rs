//! Bad input never panics, and nothing executable survives in the HTML: huge, binary and
//! unicode input, malformed files, and random markdown/HTML (proptest).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use lesson::{
    decode_entities, sanitize_html, Action, ErrorKind, Files, Page, Scenario, MAX_TEXT_FILE,
};
use proptest::prelude::*;

const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "button",
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
    "input",
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

const ATTRS: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "class",
    "lang",
    "dir",
    "width",
    "height",
    "colspan",
    "rowspan",
    "align",
    "scope",
    "start",
    "reversed",
    "type",
    "value",
    "open",
    "span",
    "target",
    "rel",
    "data-action",
    "data-filename",
    "data-target",
    "role",
    "tabindex",
    "style",
    "disabled",
    "checked",
];

/// Reads the HTML we produce (attributes always double-quoted, text always escaped) and
/// fails on any element, attribute or URL outside the policy. Returns the `data-action`
/// values found in tags.
fn assert_safe(html: &str) -> Vec<String> {
    let mut actions = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            assert!(
                b[i] != b'>' || html[..i].ends_with('-'),
                "stray '>' at {i} in {html:?}"
            );
            i += 1;
            continue;
        }
        i += 1;
        if b.get(i) == Some(&b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = &html[start..i];
        assert!(TAGS.contains(&name), "element <{name}> in {html:?}");
        loop {
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            match b.get(i) {
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                    i += 2;
                    break;
                }
                None => panic!("unterminated tag in {html:?}"),
                _ => {}
            }
            let a = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            let attr = &html[a..i];
            assert!(
                ATTRS.contains(&attr),
                "attribute {attr:?} on <{name}> in {html:?}"
            );
            if b.get(i) == Some(&b'=') {
                assert_eq!(b.get(i + 1), Some(&b'"'), "unquoted value in {html:?}");
                let v = i + 2;
                let end = v + html[v..].find('"').unwrap();
                let value = &html[v..end];
                assert!(
                    !value.contains(['<', '>']),
                    "raw angle bracket in attribute: {html:?}"
                );
                if attr == "data-action" {
                    actions.push(value.to_string());
                }
                if attr == "style" {
                    assert!(value.starts_with("text-align: "), "{html:?}");
                }
                if attr == "href" || attr == "src" {
                    let url: String = decode_entities(value)
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let head = url.split(['/', '?', '#']).next().unwrap_or("");
                    if let Some((scheme, _)) = head.split_once(':') {
                        assert!(
                            ["http", "https", "mailto"].contains(&scheme),
                            "URL {url:?} in {html:?}"
                        );
                    }
                }
                i = end + 1;
            }
        }
    }
    actions
}

/// Every action is shown exactly once, under its own index.
fn assert_actions_linked(page: &Page) {
    let found = assert_safe(&page.html);
    let expected: Vec<String> = (0..page.actions.len()).map(|n| n.to_string()).collect();
    assert_eq!(found, expected, "{}", page.html);
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>"),
        Just("<script>"),
        Just("</script>"),
        Just("<img src=x onerror=alert(1)>"),
        Just("<svg onload=alert(1)>"),
        Just("<a href=\""),
        Just("<a href="),
        Just("javascript:"),
        Just("&#106;"),
        Just("&colon;"),
        Just("&#x09;"),
        Just("data:text/html,"),
        Just("\""),
        Just("'"),
        Just(">"),
        Just("<"),
        Just("</"),
        Just("="),
        Just("`"),
        Just("```\n"),
        Just("```{{execute}}\n"),
        Just("{{execute}}"),
        Just("{{exec interrupt}}"),
        Just("{{copy}}"),
        Just("{{open}}"),
        Just("{{execute T2}}"),
        Just("{{}}"),
        Just("{{"),
        Just("}}"),
        Just("\n"),
        Just("\n\n"),
        Just(" "),
        Just("    "),
        Just("<pre class=\"file\" data-filename=\"a\">"),
        Just("<pre class=\"file\" data-target=\"clipboard\">"),
        Just("</pre>"),
        Just("[x]("),
        Just(")"),
        Just("![i]("),
        Just("<details>"),
        Just("</details>"),
        Just("<div class=\"kp-exec\" data-action=\"0\">"),
        Just("</div>"),
        Just("> "),
        Just("- "),
        Just("1. "),
        Just("|a|b|\n|-|-|\n"),
        Just("<!--"),
        Just("-->"),
        Just("<style>"),
        Just("<p onclick=a>"),
        Just("<textarea>"),
        Just("<math><mtext><table><mglyph><style>"),
        Just("ñ¿¡"),
        Just("😀"),
        Just("\u{0}"),
        Just("\t"),
        Just("\r\n"),
        Just("&"),
        Just("#"),
        Just("kubectl get pods"),
    ]
    .prop_map(str::to_string)
}

fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(fragment(), 0..48).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "[ -~\n]{0,200}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_panics_and_stays_safe(src in markdown()) {
        if let Ok(page) = Page::from_markdown("step1.md", &src) {
            assert_actions_linked(&page);
        }
    }

    #[test]
    fn sanitizer_output_is_safe(src in markdown()) {
        prop_assert!(assert_safe(&sanitize_html(&src)).is_empty());
    }

    #[test]
    fn index_json_never_panics(src in markdown(), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut files = Files::new();
        files.insert("index.json".into(), src.into_bytes());
        let _ = Scenario::from_files("x", &files);
        files.insert("index.json".into(), bytes);
        let _ = Scenario::from_files("x", &files);
    }
}

#[test]
fn huge_inputs_do_not_panic() {
    let inputs = [
        "<".repeat(200_000),
        ">".repeat(100_000),
        "[".repeat(100_000),
        "`".repeat(100_000),
        "*_".repeat(100_000),
        "<div>".repeat(50_000),
        "<svg>".repeat(50_000),
        "&#".repeat(100_000),
        "{{execute}}".repeat(50_000),
        "`a`{{execute}}\n".repeat(20_000),
        "- ".repeat(10_000),
        "> ".repeat(10_000),
        "```\n".repeat(50_000),
        "<pre class=\"file\" data-filename=\"a\">x</pre>\n\n".repeat(10_000),
        // Inputs that once made a step quadratic.
        format!("<div\n{}", "<a b=\"".repeat(100_000)),
        format!("<div\n{}>", "<a y=".repeat(100_000)),
        format!("<div>\n{}", "</a".repeat(100_000)),
        format!("<div>\n{}", "<div>".repeat(100_000)),
        "a </b>".repeat(100_000),
        "`x`{{bad}}\n\n".repeat(20_000),
        "[a](javascript:x) ".repeat(50_000),
    ];
    for input in inputs {
        if let Ok(page) = Page::from_markdown("big.md", &input) {
            assert_actions_linked(&page);
        }
    }
    let page = Page::from_markdown("many.md", &"`a`{{execute}}\n\n".repeat(20_000)).unwrap();
    assert_eq!(page.execute_commands().len(), 20_000);
}

#[test]
fn binary_files_are_errors_not_panics() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut files = Files::new();
    files.insert("index.json".into(), garbage.clone());
    let e = Scenario::from_files("x", &files).unwrap_err();
    assert!(
        matches!(e.kind, ErrorKind::NotUtf8 | ErrorKind::Json),
        "{e}"
    );

    files.insert(
        "index.json".into(),
        br#"{"title": "T", "details": {"steps": [{"text": "s.md"}]}}"#.to_vec(),
    );
    files.insert("s.md".into(), garbage);
    let e = Scenario::from_files("x", &files).unwrap_err();
    assert_eq!(e.file, "s.md");
    assert_eq!(e.kind, ErrorKind::NotUtf8);
}

#[test]
fn too_large_files_are_refused() {
    let mut files = Files::new();
    files.insert(
        "index.json".into(),
        br#"{"title": "T", "details": {"steps": [{"text": "s.md"}]}}"#.to_vec(),
    );
    files.insert("s.md".into(), vec![b'a'; MAX_TEXT_FILE + 1]);
    let e = Scenario::from_files("x", &files).unwrap_err();
    assert_eq!((e.kind, e.file.as_str()), (ErrorKind::TooLarge, "s.md"));
}

#[test]
fn unicode_everywhere() {
    let src = "Ñandú ¿qué? 😀 \u{202E}rtl\u{202C} e\u{301}\n\n`echo 'héllo 😀'`{{execute}}\n\n```\nñ\n```{{exec}}\n\n<pre class=\"file\" data-filename=\"ñ/ü.txt\">ü &aacute;\n</pre>\n\n<span title=\"日本\">語</span>";
    let page = Page::from_markdown("u.md", src).unwrap();
    assert_actions_linked(&page);
    assert_eq!(page.execute_commands(), ["echo 'héllo 😀'", "ñ"]);
    assert_eq!(
        page.actions[2],
        Action::WriteFile {
            path: "ñ/ü.txt".into(),
            content: "ü á\n".into(),
            target: lesson::WriteTarget::Replace,
            marker: None
        }
    );
    // A BOM at the start of index.json is fine.
    let mut files = Files::new();
    files.insert(
        "index.json".into(),
        "\u{FEFF}{\"title\": \"Título\", \"details\": {\"steps\": []}}"
            .as_bytes()
            .to_vec(),
    );
    assert_eq!(Scenario::from_files("x", &files).unwrap().title, "Título");
}

// The `lesson_folder` fuzz target's input format (`==> NAME <==` lines start files).
#[path = "../../../fuzz/src/folder.rs"]
mod folder;

/// The fuzz corpus (fuzz/corpus/lesson_folder, seeds and every crash found) through the loaders.
#[test]
fn fuzz_corpus_loads_or_fails_cleanly() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/lesson_folder");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let files = folder::lesson_files(&data);
        if let Ok(s) = Scenario::from_files("fuzz", &files) {
            let _ = format!("{s:?}");
        }
        let _ = lesson::Course::from_files(&files);
        n += 1;
    }
    assert!(n > 0, "{} is empty", dir.display());
}
