//! kubectl's `-o custom-columns=` printer (kubectl v1.32 `pkg/cmd/get/customcolumn.go`): a
//! `HEADER:jsonpath` list, one row per object, cells joined with `,`, `<none>` when empty,
//! laid out by kubectl's tab writer.

use super::jsonpath::{self, Template};
use super::table::tabwrite;
use serde_json::Value;

/// Renders objects as custom columns; `Err` is kubectl's message (without the final newline).
/// kubectl has already printed the header (and the rows before a failing object) when a column
/// fails to parse or evaluate: [`render_partial`] returns that output too.
pub fn render(spec: &str, objects: &[&Value], no_headers: bool) -> Result<String, String> {
    match render_partial(spec, objects, no_headers) {
        (out, None) => Ok(out),
        (_, Some(err)) => Err(err),
    }
}

/// Checks the spec as `NewCustomColumnsPrinterFromSpec` does (the columns' templates are
/// parsed later, when objects are printed); `Err` is kubectl's message.
pub fn check(spec: &str) -> Result<(), String> {
    parse_spec(spec)
        .map(|_| ())
        .map_err(|e| format!("error: {e}"))
}

/// Renders objects as custom columns: what kubectl prints on stdout, and its error if any.
pub fn render_partial(
    spec: &str,
    objects: &[&Value],
    no_headers: bool,
) -> (String, Option<String>) {
    let columns = match parse_spec(spec) {
        Ok(c) => c,
        Err(e) => return (String::new(), Some(format!("error: {e}"))),
    };
    // The lines kubectl writes to its tab writer: cells joined by tabs.
    let mut lines: Vec<String> = Vec::new();
    if !no_headers {
        lines.push(
            columns
                .iter()
                .map(|(h, _)| h.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    // Parsed after the header is written, as kubectl's PrintObj does.
    let mut templates = Vec::new();
    for (_, path) in &columns {
        match Template::parse(path) {
            Ok(t) => templates.push(t),
            Err(e) => return (layout(&lines), Some(format!("error: {e}"))),
        }
    }
    for obj in objects {
        // `kubectl get` hands the printer a List decoded from JSON: integral floats are int64.
        let obj = jsonpath::normalize_numbers(obj);
        let mut row = Vec::new();
        for t in &templates {
            let values = match t.find_sprint(&obj) {
                Ok(v) => v,
                Err(e) => return (layout(&lines), Some(format!("error: {e}"))),
            };
            let mut cells: Vec<String> = Vec::new();
            if values.first().is_none_or(Vec::is_empty) {
                cells.push("<none>".into());
            }
            cells.extend(values.iter().flatten().map(|v| escape_terminal(v)));
            row.push(cells.join(","));
        }
        lines.push(row.join("\t"));
    }
    (layout(&lines), None)
}

/// Feeds lines to the tab writer; tabs and newlines inside values split cells and lines there
/// too, as in kubectl.
fn layout(lines: &[String]) -> String {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let first = rows.first().map(Vec::len);
    if rows.iter().all(|r| Some(r.len()) == first) {
        return tabwrite(&rows);
    }
    // Ragged rows: Go's tabwriter sizes a column over each run of consecutive lines that have a
    // cell there, not over the whole table.
    let mut out = String::new();
    let mut widths = Vec::new();
    format_block(&rows, &mut widths, &mut out);
    out
}

/// Go's `text/tabwriter` `format` (minwidth 6, padding 3) over `rows`, with the widths of the
/// enclosing column blocks in `widths`.
fn format_block(rows: &[Vec<String>], widths: &mut Vec<usize>, out: &mut String) {
    let column = widths.len();
    let has_cell = |r: &Vec<String>| r.len() > column + 1;
    let mut start = 0;
    while start < rows.len() {
        let Some(begin) = rows
            .iter()
            .skip(start)
            .position(has_cell)
            .map(|i| i + start)
        else {
            break;
        };
        write_lines(rows.get(start..begin).unwrap_or_default(), widths, out);
        let end = rows
            .iter()
            .skip(begin)
            .position(|r| !has_cell(r))
            .map_or(rows.len(), |i| i + begin);
        let block = rows.get(begin..end).unwrap_or_default();
        let width = block
            .iter()
            .filter_map(|r| r.get(column))
            .map(|c| c.chars().count() + 3)
            .fold(6, usize::max);
        widths.push(width);
        format_block(block, widths, out);
        widths.pop();
        start = end;
    }
    write_lines(rows.get(start..).unwrap_or_default(), widths, out);
}

fn write_lines(rows: &[Vec<String>], widths: &[usize], out: &mut String) {
    for row in rows {
        for (j, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if let Some(w) = widths.get(j) {
                out.extend(std::iter::repeat_n(
                    ' ',
                    w.saturating_sub(cell.chars().count()),
                ));
            }
        }
        out.push('\n');
    }
}

/// `NewCustomColumnsPrinterFromSpec`: `(header, jsonpath template)` pairs.
fn parse_spec(spec: &str) -> Result<Vec<(String, String)>, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".into());
    }
    spec.split(',')
        .map(|part| match part.split_once(':') {
            Some((header, path)) => Ok((header.to_string(), relaxed_json_path(path)?)),
            None => Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            )),
        })
        .collect()
}

/// `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`.
fn relaxed_json_path(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let no_braces = |s: &str| !s.is_empty() && !s.contains(['{', '}']);
    // `^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`, the optional dot kept when nothing else would be left.
    let inner = match path.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(inner) if no_braces(inner) => Some(inner),
        _ if no_braces(path) => Some(path),
        _ => None,
    };
    match inner {
        Some(inner) => {
            let field = match inner.strip_prefix('.') {
                Some(rest) if !rest.is_empty() => rest,
                _ => inner,
            };
            Ok(format!("{{.{field}}}"))
        }
        None => Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into()),
    }
}

/// `printers.EscapeTerminal`.
fn escape_terminal(s: &str) -> String {
    s.replace('\u{1b}', "^[").replace('\r', "\\r")
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{expect, Expect};

    /// The objects the real kubectl was run against (the same as in the jsonpath tests).
    const PODS: &str = r#"[
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "p1", "namespace": "default", "labels": {"app": "web", "tier": "a<b>&c"},
                      "annotations": {"kubernetes.io/change-cause": "hello world"}},
         "spec": {"containers": [{"name": "c1", "image": "nginx", "ports": [{"containerPort": 80}, {"containerPort": 443}]},
                                 {"name": "c2", "image": "busybox"}]},
         "status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "False"}],
                    "f": 1.5, "big": 12345678901, "fl": 1000000.0, "small": 1e-05, "n": null, "t": true,
                    "e": [], "o": {}, "neg": -3, "ef": 3.0}},
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "p2", "namespace": "default", "labels": {"app": "db"}},
         "spec": {"containers": [{"name": "d1", "image": "postgres"}]},
         "status": {"conditions": [{"type": "Ready", "status": "False"}]}}
    ]"#;

    /// A second set of objects the real kubectl was run against (quoting, numbers, nulls).
    const PODS2: &str = r#"[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q1","namespace":"default","labels":{"a\"b":"x\\y","ctl":"tab\there","nl":"line\nbreak","u":"caf\u00e9 \u2028 \u0001 \u007f \u00a0 \u200b"},"annotations":{"note":"<b>bold</b> & more"}},
  "spec":{"containers":[{"name":"app","image":"nginx:1.25"}],"nums":[123456.0,1234567.0,1e21,1e-7,0.1,-0.5,1e20,2.5e-5,100000.0,0.0001,-0.0,0,9007199254740993]},
  "status":{"podIP":"10.0.0.1","list":[null,1,"s",{"k":null}],"esc":"\u001b[31mred\r"}},
 {"apiVersion":"v1","kind":"Pod","metadata":{"name":"q2","namespace":"kube-system"},"spec":{"containers":[]},"status":{}}]"#;

    /// Tabs as `^I`, line ends as `$` (like `cat -A`); kubectl's stderr after `ERR:`.
    fn visible(out: &str, err: Option<&str>) -> String {
        let s = format!(
            "{out}{}",
            err.map(|e| format!("ERR:{e}")).unwrap_or_default()
        );
        if s.is_empty() {
            return "(no output)\n".into();
        }
        let mut v = String::new();
        for c in s.chars() {
            match c {
                '\t' => v.push_str("^I"),
                '\n' => v.push_str("$\n"),
                c if c.is_control()
                    || matches!(c, '\u{a0}' | '\u{200b}' | '\u{2028}' | '\u{2029}') =>
                {
                    v.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
                }
                c => v.push(c),
            }
        }
        if !v.ends_with('\n') {
            v.push('\n');
        }
        v
    }

    fn run(spec: &str, json: &str, no_headers: bool) -> String {
        let objs: Vec<Value> = serde_json::from_str(json).unwrap_or_default();
        let refs: Vec<&Value> = objs.iter().collect();
        let (out, err) = render_partial(spec, &refs, no_headers);
        visible(&out, err.as_deref())
    }

    fn check(spec: &str, json: &str, expect: Expect) {
        expect.assert_eq(&run(spec, json, false));
    }

    fn real_cc(spec: &str, expect: Expect) {
        expect.assert_eq(&run(spec, PODS, false));
    }

    fn real_nh(spec: &str, expect: Expect) {
        expect.assert_eq(&run(spec, PODS, true));
    }

    fn real2_cc(spec: &str, expect: Expect) {
        expect.assert_eq(&run(spec, PODS2, false));
    }

    // --- Outputs in the `real_*` tests were produced by the real kubectl v1.32.4
    // (`kubectl get pods -o custom-columns=SPEC [--no-headers]`) against a fake API server
    // serving `PODS`; stderr is shown after `ERR:` without the newline kubectl appends.

    #[test]
    fn cc_basic() {
        real_cc(
            "NAME:.metadata.name,LABELS:.metadata.labels,C:.spec.containers[*].name,N:.status.n,F:.status.fl,P:.spec.containers[*].ports",
            expect![[r#"
            NAME   LABELS                     C       N        F         P$
            p1     map[app:web tier:a<b>&c]   c1,c2   <nil>    1000000   [map[containerPort:80] map[containerPort:443]]$
            p2     map[app:db]                d1      <none>   <none>    <none>$
        "#]],
        );
    }

    #[test]
    fn cc_relaxed_paths() {
        real_cc(
            "name:metadata.name,x:{.status.t},y:{status.big},E:.status.e,O:.status.o,M:.missing",
            expect![[r#"
            name   x        y             E        O        M$
            p1     true     12345678901   []       map[]    <none>$
            p2     <none>   <none>        <none>   <none>   <none>$
        "#]],
        );
    }

    #[test]
    fn cc_index_error_keeps_rows() {
        real_cc(
            "NAME:.metadata.name,IMG:.spec.containers[1].image",
            expect![[r#"
            NAME   IMG$
            p1     busybox$
            ERR:error: array index out of bounds: index 1, length 1
        "#]],
        );
    }

    #[test]
    fn cc_parse_error_keeps_header() {
        real_cc(
            "NAME:.metadata.name,B:.items[",
            expect![[r#"
            NAME   B$
            ERR:error: unterminated array
        "#]],
        );
    }

    #[test]
    fn cc_missing_colon() {
        real_cc(
            "NAME",
            expect![[r#"
            ERR:error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>
        "#]],
        );
    }

    #[test]
    fn cc_bad_braces() {
        real_cc(
            "NAME:{.a",
            expect![[r#"
            ERR:error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'
        "#]],
        );
    }

    #[test]
    fn cc_empty() {
        real_cc(
            "",
            expect![[r#"
            ERR:error: custom-columns format specified but no custom columns given
        "#]],
        );
    }

    #[test]
    fn cc_empty_path() {
        real_cc(
            "A:,B:.metadata.name",
            expect![[r#"
            A        B$
            <none>   p1$
            <none>   p2$
        "#]],
        );
    }

    #[test]
    fn cc_trailing_comma() {
        real_cc(
            "A:.metadata.name,",
            expect![[r#"
            ERR:error: unexpected custom-columns spec: , expected <header>:<json-path-expr>
        "#]],
        );
    }

    #[test]
    fn cc_recursive() {
        real_cc(
            "A:{..name}",
            expect![[r#"
            A$
            p1,c1,c2$
            p2,d1$
        "#]],
        );
    }

    #[test]
    fn cc_filter() {
        real_cc(
            "A:.status.conditions[?(@.type==\"Ready\")].status",
            expect![[r#"
            A$
            True$
            False$
        "#]],
        );
    }

    #[test]
    fn cc_colon_in_path() {
        real_cc(
            "A:a:b",
            expect![[r#"
            A$
            <none>$
            <none>$
        "#]],
        );
    }

    #[test]
    fn cc_no_headers() {
        real_nh(
            "NAME:.metadata.name,IP:.status.podIP",
            expect![[r#"
            p1    <none>$
            p2    <none>$
        "#]],
        );
    }

    #[test]
    fn cc_lowercase_header_kept() {
        real_cc(
            "name:.metadata.name,Small:.status.small",
            expect![[r#"
            name   Small$
            p1     1e-05$
            p2     <none>$
        "#]],
        );
    }

    #[test]
    fn cc_escaped_dot() {
        real_cc(
            "CAUSE:.metadata.annotations.kubernetes\\.io/change-cause,N:.metadata.name",
            expect![[r#"
            CAUSE         N$
            hello world   p1$
            <none>        p2$
        "#]],
        );
    }

    #[test]
    fn cc_filter_exec_error() {
        real_cc(
            "N:.metadata.name,X:.status.conditions[?(@.type>1)].type",
            expect![[r#"
            N     X$
            ERR:error: incompatible types for comparison
        "#]],
        );
    }

    #[test]
    fn cc_brace_only_header() {
        real_cc(
            ":.metadata.name",
            expect![[r#"
            $
            p1$
            p2$
        "#]],
        );
    }

    #[test]
    fn cc_strings() {
        real2_cc(
            "L:.metadata.labels,N:.metadata.annotations.note",
            expect![[r#"
            L                         N$
            map[a"b:x\y ctl:tab       here nl:line$
            break u:café \u{2028} \u{1} \u{7f} \u{a0} \u{200b}]   <b>bold</b> & more$
            <none>                    <none>$
        "#]],
        );
    }

    #[test]
    fn cc_numbers() {
        real2_cc(
            "N:.spec.nums",
            expect![[r#"
            N$
            [123456 1234567 1e+21 1e-07 0.1 -0.5 1e+20 2.5e-05 100000 0.0001 0 0 9007199254740993]$
            <none>$
        "#]],
        );
    }

    #[test]
    fn cc_numbers_each() {
        real2_cc(
            "N:.spec.nums[*]",
            expect![[r#"
            N$
            123456,1234567,1e+21,1e-07,0.1,-0.5,1e+20,2.5e-05,100000,0.0001,0,0,9007199254740993$
            <none>$
        "#]],
        );
    }

    #[test]
    fn cc_nulls() {
        real2_cc(
            "L:.status.list,E:.status.list[*]",
            expect![[r#"
            L                          E$
            [<nil> 1 s map[k:<nil>]]   <nil>,1,s,map[k:<nil>]$
            <none>                     <none>$
        "#]],
        );
    }

    #[test]
    fn cc_escape() {
        real2_cc(
            "E:.status.esc,NAME:.metadata.name",
            expect![[r#"
            E             NAME$
            ^[[31mred\r   q1$
            <none>        q2$
        "#]],
        );
    }

    #[test]
    fn cc_tab_value() {
        real2_cc(
            "T:.metadata.labels.ctl,NAME:.metadata.name",
            expect![[r#"
            T        NAME$
            tab      here   q1$
            <none>   q2$
        "#]],
        );
    }

    #[test]
    fn cc_empty_containers() {
        real2_cc(
            "NAME:.metadata.name,C:.spec.containers[*].name,S:.status",
            expect![[r#"
            NAME   C        S$
            q1     app      map[esc:^[[31mred\r list:[<nil> 1 s map[k:<nil>]] podIP:10.0.0.1]$
            q2     <none>   map[]$
        "#]],
        );
    }

    // --- Verified against the real kubectl with an empty PodList.

    #[test]
    fn empty_list_prints_header_only() {
        check(
            "NAME:.metadata.name",
            "[]",
            expect![[r#"
            NAME$
        "#]],
        );
        expect![[r#"
            (no output)
        "#]]
        .assert_eq(&run("NAME:.metadata.name", "[]", true));
    }

    #[test]
    fn newline_in_value_splits_column_blocks() {
        // Verified with the real kubectl (against `PODS2`).
        real2_cc(
            "A:.metadata.labels.nl,B:.metadata.name,C:.metadata.namespace",
            expect![[r#"
            A     B     C$
            line$
            break    q1    default$
            <none>   q2    kube-system$
        "#]],
        );
    }

    // --- Not run against the real kubectl: derived from kubectl's code.

    #[test]
    fn pods_wide_like() {
        let pods = r#"[
            {"metadata": {"name": "web-5d8b9f7c6d-7xk2p", "namespace": "default"},
             "spec": {"nodeName": "kind-control-plane", "containers": [{"name": "hello-app", "image": "gcr.io/google-samples/hello-app:1.0"}]},
             "status": {"podIP": "10.244.0.5", "phase": "Running"}},
            {"metadata": {"name": "dnsutils", "namespace": "default"},
             "spec": {"containers": [{"name": "dnsutils", "image": "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3"}]},
             "status": {"phase": "Pending"}}]"#;
        check(
            "NAME:.metadata.name,STATUS:.status.phase,IP:.status.podIP,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image",
            pods,
            expect![[r#"
                NAME                   STATUS    IP           NODE                 IMAGES$
                web-5d8b9f7c6d-7xk2p   Running   10.244.0.5   kind-control-plane   gcr.io/google-samples/hello-app:1.0$
                dnsutils               Pending   <none>       <none>               registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3$
            "#]],
        );
        check(
            "NAME:{.metadata.name},NS:{metadata.namespace}",
            pods,
            expect![[r#"
            NAME                   NS$
            web-5d8b9f7c6d-7xk2p   default$
            dnsutils               default$
        "#]],
        );
    }

    #[test]
    fn values_with_newlines_split_lines() {
        check(
            "A:.a,B:.b",
            r#"[{"a": "one\ntwo", "b": "x"}, {"a": "three", "b": "y"}]"#,
            expect![[r#"
            A     B$
            one$
            two     x$
            three   y$
        "#]],
        );
    }

    #[test]
    fn render_returns_the_error_only() {
        let objs: Vec<Value> = serde_json::from_str(PODS).unwrap_or_default();
        let refs: Vec<&Value> = objs.iter().collect();
        assert_eq!(
            render("N:.spec.containers[1].name", &refs, false),
            Err("error: array index out of bounds: index 1, length 1".to_string())
        );
        assert_eq!(
            render("N:.metadata.name", &refs, true),
            Ok("p1\np2\n".to_string())
        );
    }

    #[test]
    fn relaxed_paths() {
        let cases = [
            "a.b", ".a.b", "{a.b}", "{.a.b}", ".", "{.}", "{}", "{..a}", "..a", "a}", "{{a}}", "",
        ];
        let out: Vec<String> = cases
            .iter()
            .map(|c| format!("{c:?} -> {:?}", relaxed_json_path(c)))
            .collect();
        expect![[r#"
            "a.b" -> Ok("{.a.b}")
            ".a.b" -> Ok("{.a.b}")
            "{a.b}" -> Ok("{.a.b}")
            "{.a.b}" -> Ok("{.a.b}")
            "." -> Ok("{..}")
            "{.}" -> Ok("{..}")
            "{}" -> Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
            "{..a}" -> Ok("{..a}")
            "..a" -> Ok("{..a}")
            "a}" -> Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
            "{{a}}" -> Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
            "" -> Ok("")
        "#]]
        .assert_eq(&(out.join("\n") + "\n"));
    }
}
