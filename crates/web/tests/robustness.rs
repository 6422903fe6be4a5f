//! Whatever the learner types or pastes, the pure modules never panic and keep their
//! invariants (token ranges on character boundaries covering the line, cursors in range).

#![allow(clippy::indexing_slicing)]

use proptest::prelude::*;
use web::highlight::{char_range, highlight, with_mark};
use web::line_edit::{Edit, Line, Search};

fn yamlish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("key: value\n".to_string()),
            Just("  - name: ñandú\n".to_string()),
            Just("---\n".to_string()),
            Just("a: [1, 'x', {b: c}]\n".to_string()),
            Just("s: |\n  text: x\n".to_string()),
            Just("\"q\\\"k\": &a *b # c\n".to_string()),
            "[ -~ñ😀:#'\"\\[\\]{}\\-|>\\t\\n]{0,20}",
        ],
        0..12,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn highlighting_covers_every_line(text in yamlish(), col in 0usize..30, len in 0usize..10) {
        let lines: Vec<&str> = text.split('\n').collect();
        let toks = highlight(&text);
        prop_assert_eq!(toks.len(), lines.len());
        for (line, t) in lines.iter().zip(&toks) {
            let mark = char_range(line, col, len);
            prop_assert!(line.is_char_boundary(mark.start) && line.is_char_boundary(mark.end));
            let mut end = 0;
            for (_, r, _) in with_mark(t, Some(mark)) {
                prop_assert_eq!(r.start, end);
                prop_assert!(line.get(r.clone()).is_some(), "{:?} in {:?}", r, line);
                end = r.end;
            }
            prop_assert_eq!(end, line.len());
        }
    }

    #[test]
    fn locating_and_linting_never_panic(text in yamlish(), path in "[a-z.\\[\\]0-9]{0,20}") {
        for doc in web::yaml_locate::index(&text) {
            let (line, col) = doc.position(&path);
            prop_assert!(line >= 1 && col >= 1);
        }
        for d in web::lint::lint(&text) {
            prop_assert!(d.line >= 1 && d.col >= 1 && d.len >= 1);
        }
    }

    #[test]
    fn line_editing_keeps_the_cursor_in_range(text in "[ a-zñ😀-]{0,16}", cursor in 0usize..24, keys in proptest::collection::vec(0usize..13, 0..20)) {
        let edits = [Edit::Left, Edit::Right, Edit::Home, Edit::End, Edit::WordLeft, Edit::WordRight,
            Edit::Backspace, Edit::Delete, Edit::KillStart, Edit::KillEnd, Edit::KillWordBack,
            Edit::KillWordForward, Edit::Yank];
        let mut line = Line { text, cursor };
        let mut kill = String::new();
        for k in keys {
            line.apply(edits[k], &mut kill);
            prop_assert!(line.cursor <= line.text.chars().count());
        }
        let mut s = Search::start(&line.text);
        let history = vec![line.text.clone(), "kubectl get pods".to_string()];
        s.set_query(&history, "k");
        s.older(&history);
        let _ = s.result(&history);
    }

    #[test]
    fn lesson_html_rewriting_never_panics(html in "[ -~ñ<>\"'=/:#]{0,80}") {
        let _ = web::lesson_html::resolve_urls(&html, "lessons/x/");
        let _ = web::route::parse(&html);
    }
}
