//! `kubectl get` (and `kubectl events`): listing, filtering, the output formats and `-w`.

use super::flags::{switch, value, Flag, Parsed};
use super::resource::{self, Selection};
use super::selector::{FieldSelector, Selector};
use super::{namespace, parse_flags};
use crate::context::Cx;
use crate::io::Io;
use crate::printers::{self, columns, table::TabWriter, OutputFormat};
use crate::programs::{Run, Waiter};
use cluster::kind::ResourceType;
use cluster::object::{self, Object};
use cluster::pod_row::PodListing;
use cluster::store::ChangeType;
use cluster::Time;
use serde_json::Value;
use std::borrow::Cow;

const FLAGS: &[Flag] = &[
    value("output", Some('o')),
    value("selector", Some('l')),
    value("field-selector", None),
    switch("all-namespaces", Some('A')),
    switch("show-labels", None),
    switch("no-headers", None),
    switch("watch", Some('w')),
    switch("watch-only", None),
    switch("output-watch-events", None),
    value("label-columns", Some('L')),
    value("sort-by", None),
    switch("show-kind", None),
    switch("ignore-not-found", None),
    value("filename", Some('f')),
    switch("recursive", Some('R')),
    value("chunk-size", None),
    switch("show-managed-fields", None),
    value("template", None),
    switch("allow-missing-template-keys", None),
    value("subresource", None),
    value("raw", None),
];

/// How the listing is filtered.
struct Filter {
    namespace: Option<String>,
    labels: Selector,
    fields: FieldSelector,
}

impl Filter {
    fn matches(&self, obj: &Value) -> bool {
        // No label selector: skip copying every object's labels (a listing of 10,000 pods).
        (self.labels.0.is_empty() || self.labels.matches(&object::labels(obj)))
            && self.fields.matches(obj)
    }
}

/// The objects of a selection, filtered; missing names give errors (in order).
fn collect<'a>(
    cluster: &'a cluster::Cluster,
    sel: &Selection,
    f: &Filter,
    errors: &mut Vec<String>,
) -> Vec<&'a Object> {
    let rt = sel.rt;
    let ns = if rt.namespaced {
        f.namespace.as_deref()
    } else {
        None
    };
    match &sel.names {
        None => cluster
            .list(rt, ns)
            .into_iter()
            .filter(|o| f.matches(o))
            .collect(),
        Some(names) => {
            let ns = ns.unwrap_or("default");
            let mut out = Vec::new();
            for n in names {
                match cluster.get(rt, ns, n) {
                    Ok(o) if f.matches(o) => out.push(o),
                    Ok(_) => {}
                    Err(e) => errors.push(super::api_error_text(&e)),
                }
            }
            out
        }
    }
}

/// How a table is laid out.
#[derive(Clone, Debug, Default)]
pub struct TableOpts {
    /// `-o wide`.
    pub wide: bool,
    /// A NAMESPACE column first (`-A`).
    pub with_ns: bool,
    /// A LABELS column last.
    pub show_labels: bool,
    /// `-L` columns.
    pub label_cols: Vec<String>,
    /// `kind.group` prefix of names (several types at once).
    pub prefix: Option<String>,
}

/// Appends the table rows of objects of one kind to `out`, cell after cell, each row as many
/// cells as [`header`] has (and `lead` first when given: a watch's EVENT column). The pods that
/// have rows in `pods` (made from the store's cells, [`cluster::store::Store::pod_cells_of`],
/// in the order of `objs`) are not read. One `Vec` for the whole table: a `Vec` per row was 10,000
/// allocations in a listing of 10,000 pods.
pub fn table_rows<'a>(
    kind: &str,
    objs: &[&'a Object],
    now: Time,
    t: &TableOpts,
    pods: &'a PodListing,
    lead: Option<&'a str>,
    out: &mut Vec<Cow<'a, str>>,
) {
    let (wide, with_ns, show_labels, label_cols, prefix) = (
        t.wide,
        t.with_ns,
        t.show_labels,
        &t.label_cols,
        t.prefix.as_deref(),
    );
    let cols = columns::columns(kind);
    let row_len = header(kind, t).len();
    // The cells are the row as they are (most listings): no copy into a second row.
    let as_is = !with_ns
        && prefix.is_none()
        && label_cols.is_empty()
        && !show_labels
        && (wide || !cols.iter().any(|c| c.wide));
    out.reserve(objs.len() * (row_len + usize::from(lead.is_some())));
    let mut cells: Vec<Cow<'a, str>> = Vec::with_capacity(cols.len());
    for (i, &o) in objs.iter().enumerate() {
        if let Some(lead) = lead {
            out.push(Cow::Borrowed(lead));
        }
        let row_start = out.len();
        cells.clear();
        let stored = if as_is {
            pods.push_row(i, out)
        } else {
            pods.push_row(i, &mut cells)
        };
        if !stored {
            cells.extend(columns::row(kind, o, now).into_iter().map(Cow::Owned));
        }
        if as_is && cells.len() == cols.len() {
            out.append(&mut cells);
        } else if !cells.is_empty() {
            if with_ns {
                out.push(Cow::Borrowed(object::namespace(o)));
            }
            for (i, (c, cell)) in cols.iter().zip(cells.drain(..)).enumerate() {
                if c.wide && !wide {
                    continue;
                }
                if i == 0 && kind != "Event" {
                    out.push(match prefix {
                        Some(p) => Cow::Owned(format!("{p}/{cell}")),
                        None => cell,
                    });
                } else {
                    out.push(cell);
                }
            }
            if !label_cols.is_empty() || show_labels {
                let labels = object::labels(o);
                for lc in label_cols {
                    out.push(Cow::Owned(labels.get(lc).cloned().unwrap_or_default()));
                }
                if show_labels {
                    out.push(Cow::Owned(object::format_labels(&labels)));
                }
            }
        }
        // Every row as long as the header, so that the table can be cut into rows.
        out.resize(row_start + row_len, Cow::Borrowed(""));
    }
}

/// A table's cells, row after row.
pub struct TableCells<'a> {
    cells: Vec<Cow<'a, str>>,
    row_len: usize,
}

impl<'a> TableCells<'a> {
    /// The rows, for the tab writer.
    pub fn rows(&self) -> Vec<&[Cow<'a, str>]> {
        self.cells.chunks(self.row_len.max(1)).collect()
    }
}

/// The cells of a table of objects of one kind: its header row when `headers`, then a row per
/// object (see [`table_rows`]); `lead` is a first column, as (header, cell).
pub fn table_cells<'a>(
    kind: &str,
    objs: &[&'a Object],
    now: Time,
    t: &TableOpts,
    pods: &'a PodListing,
    headers: bool,
    lead: Option<(&'a str, &'a str)>,
) -> TableCells<'a> {
    let mut cells = Vec::new();
    let head = header(kind, t);
    let row_len = head.len() + usize::from(lead.is_some());
    if headers {
        cells.reserve((objs.len() + 1) * row_len);
        cells.extend(lead.map(|(h, _)| Cow::Borrowed(h)));
        cells.extend(head.into_iter().map(Cow::Owned));
    }
    table_rows(kind, objs, now, t, pods, lead.map(|(_, c)| c), &mut cells);
    TableCells { cells, row_len }
}

/// The header row of a kind's table.
pub fn header(kind: &str, t: &TableOpts) -> Vec<String> {
    let (wide, with_ns, show_labels, label_cols) =
        (t.wide, t.with_ns, t.show_labels, &t.label_cols);
    let mut h: Vec<String> = Vec::new();
    if with_ns {
        h.push("NAMESPACE".into());
    }
    for c in columns::columns(kind) {
        if c.wide && !wide {
            continue;
        }
        h.push(c.name.to_string());
    }
    for lc in label_cols {
        h.push(lc.to_ascii_uppercase());
    }
    if show_labels {
        h.push("LABELS".into());
    }
    h
}

fn no_resources(ns: &Option<String>, cluster_scoped_only: bool) -> String {
    match ns {
        Some(n) if !cluster_scoped_only => format!("No resources found in {n} namespace."),
        _ => "No resources found".into(),
    }
}

/// Runs `kubectl get`.
pub fn run(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    let p = match parse_flags(io, "get", args, FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let format = match OutputFormat::parse(p.get("output")) {
        Ok(f) => f,
        Err(msg) => {
            io.eprintln(msg);
            return Run::Done(1);
        }
    };
    if p.args.is_empty() && !p.has("filename") {
        io.eprintln("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
        return Run::Done(1);
    }
    let sels = if let Some(file) = p.get("filename") {
        match super::manifest::read_objects(cx, file, p.on("recursive")) {
            Ok(docs) => {
                let mut v: Vec<Selection> = Vec::new();
                for d in docs {
                    let Some(rt) = cluster::kind::by_api_version_kind(
                        object::str_at(&d.object, &["apiVersion"]).unwrap_or(""),
                        object::kind(&d.object),
                    ) else {
                        continue;
                    };
                    v.push(Selection {
                        rt,
                        names: Some(vec![object::name(&d.object).to_string()]),
                        from_all: false,
                    });
                }
                v
            }
            Err(msg) => {
                io.eprintln(msg);
                return Run::Done(1);
            }
        }
    } else {
        match resource::parse(&p.args) {
            Ok(s) => s,
            Err(msg) => {
                io.eprintln(msg);
                return Run::Done(1);
            }
        }
    };
    let all_ns = p.on("all-namespaces");
    let labels = match Selector::parse(p.get("selector").unwrap_or("")) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(format!("error: {m}"));
            return Run::Done(1);
        }
    };
    let fields = match FieldSelector::parse(p.get("field-selector").unwrap_or("")) {
        Ok(s) => s,
        Err(m) => {
            io.eprintln(format!("error: {m}"));
            return Run::Done(1);
        }
    };
    for s in &sels {
        if let Err(m) = fields.check(s.rt.kind) {
            io.eprintln(m);
            return Run::Done(1);
        }
    }
    if all_ns && sels.iter().any(|s| s.names.is_some()) {
        io.eprintln("error: a resource cannot be retrieved by name across all namespaces");
        return Run::Done(1);
    }
    let ns = if all_ns {
        None
    } else {
        Some(namespace(cx, &p))
    };
    let filter = Filter {
        namespace: ns.clone(),
        labels,
        fields,
    };
    let now = cx.cluster.now();
    let mut errors = Vec::new();
    let mut groups: Vec<(&'static ResourceType, Vec<&Object>, bool)> = Vec::new();
    for s in &sels {
        let objs = collect(cx.cluster, s, &filter, &mut errors);
        groups.push((s.rt, objs, s.names.is_some()));
    }
    let ignore_missing = p.on("ignore-not-found");
    if ignore_missing {
        errors.retain(|e| !e.contains("(NotFound)"));
    }
    if let Some(key) = p.get("sort-by") {
        for g in &mut groups {
            printers::sort_by_jsonpath(&mut g.1, key);
        }
    }
    let multi = groups.len() > 1;
    let show_kind = multi || p.on("show-kind") || sels.iter().any(|s| s.from_all);
    let total: usize = groups.iter().map(|g| g.1.len()).sum();
    let label_cols: Vec<String> = p
        .all("label-columns")
        .iter()
        .flat_map(|l| l.split(',').map(str::to_string))
        .collect();
    let watch = p.on("watch") || p.on("watch-only");
    let mut printed = 0;
    let mut tw = TabWriter::new();
    match &format {
        OutputFormat::Table { wide } => {
            if !p.on("watch-only") {
                let mut first = true;
                for (rt, objs, _) in &groups {
                    if objs.is_empty() {
                        continue;
                    }
                    if !first {
                        io.println("");
                    }
                    first = false;
                    let opts = TableOpts {
                        wide: *wide,
                        with_ns: all_ns && rt.namespaced,
                        show_labels: p.on("show-labels"),
                        label_cols: label_cols.clone(),
                        prefix: show_kind.then(|| rt.qualified_kind_lower()),
                    };
                    let pods = if rt.kind == "Pod" {
                        PodListing::of(cx.cluster.store().pod_cells_of(objs), now)
                    } else {
                        PodListing::default()
                    };
                    // The first list of a watch is reported as its ADDED events.
                    let lead = (watch && p.on("output-watch-events")).then_some(("EVENT", "ADDED"));
                    let cells =
                        table_cells(rt.kind, objs, now, &opts, &pods, !p.on("no-headers"), lead);
                    let rows = cells.rows();
                    if multi {
                        io.print(printers::table::tabwrite(&rows));
                    } else {
                        io.print(tw.format(&rows));
                    }
                }
                if total == 0 && errors.is_empty() && !watch {
                    let cluster_only = sels.iter().all(|s| !s.rt.namespaced);
                    io.eprintln(no_resources(&ns, cluster_only));
                }
            }
        }
        other if watch => {
            // A watch prints the listed objects one at a time, as its events are printed.
            if !p.on("watch-only") {
                for obj in groups.iter().flat_map(|g| g.1.iter().copied()) {
                    io.print(watch_print(other, obj, &mut printed, p.on("no-headers")));
                }
            }
        }
        other => {
            let objs: Vec<&Object> = groups.iter().flat_map(|g| g.1.iter().copied()).collect();
            let single = sels.len() == 1
                && sels
                    .first()
                    .and_then(|s| s.names.as_ref())
                    .is_some_and(|n| n.len() == 1)
                && objs.len() == 1;
            match printers::print_objects(
                other,
                &objs,
                single,
                &groups.iter().map(|g| g.0).collect::<Vec<_>>(),
                p.on("no-headers"),
            ) {
                Ok(text) => io.print(text),
                Err(msg) => {
                    io.eprintln(msg);
                    return Run::Done(1);
                }
            }
        }
    }
    for e in &errors {
        io.eprintln(e);
    }
    if watch {
        if groups.len() > 1 {
            io.eprintln("error: you may only specify a single resource type");
            return Run::Done(1);
        }
        let Some(sel) = sels.first() else {
            return Run::Done(0);
        };
        let wide = matches!(format, OutputFormat::Table { wide: true });
        let w = Watch {
            rt: sel.rt,
            names: sel.names.clone(),
            filter,
            rv: cx.cluster.store().revision(),
            tw,
            format,
            opts: TableOpts {
                wide,
                with_ns: all_ns && sel.rt.namespaced,
                show_labels: p.on("show-labels"),
                label_cols,
                prefix: None,
            },
            events: p.on("output-watch-events"),
            header_done: total > 0 && !p.on("watch-only") && !p.on("no-headers"),
            no_headers: p.on("no-headers"),
            printed,
        };
        if !cx.may_block {
            return Run::Done(0);
        }
        return Run::Wait(Box::new(w));
    }
    Run::Done(i32::from(!errors.is_empty()))
}

/// `kubectl get -w`: prints a row for every change after the initial list.
struct Watch {
    rt: &'static ResourceType,
    names: Option<Vec<String>>,
    filter: Filter,
    rv: u64,
    tw: TabWriter,
    format: OutputFormat,
    opts: TableOpts,
    events: bool,
    header_done: bool,
    no_headers: bool,
    /// Objects printed so far by a non-table printer (YAML separates them with `---`).
    printed: usize,
}

/// One object of a watch in a non-table format, as kubectl's printers print a stream: YAML
/// documents after the first start with `---`; custom-columns prints its header once.
fn watch_print(
    format: &OutputFormat,
    obj: &Object,
    printed: &mut usize,
    no_headers: bool,
) -> String {
    let first = *printed == 0;
    *printed += 1;
    let body = printers::print_objects(format, &[obj], true, &[], no_headers || !first)
        .unwrap_or_default();
    match format {
        OutputFormat::Yaml if !first => format!("---\n{body}"),
        _ => body,
    }
}

impl Waiter for Watch {
    fn poll(&mut self, cx: &mut Cx, io: &mut Io) -> Option<i32> {
        let store = cx.cluster.store();
        let batch: Vec<&cluster::store::Change> = match store.changes_since(self.rv) {
            Some(it) => it.filter(|c| c.kind == self.rt.kind).collect(),
            None => Vec::new(),
        };
        // The store keeps only an object's current state, so several changes to one object
        // within a poll are printed once, as that state (not as identical repeated rows).
        let changes: Vec<(ChangeType, Object)> = batch
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.change == ChangeType::Deleted
                    || !batch
                        .get(i + 1..)
                        .unwrap_or_default()
                        .iter()
                        .any(|later| later.key == c.key && later.change != ChangeType::Deleted)
            })
            .filter_map(|(i, c)| {
                let obj = match c.change {
                    ChangeType::Deleted => c.last.as_deref().cloned()?,
                    _ => store.get(&c.kind, &c.key)?.clone(),
                };
                // An object added within this poll is still reported as ADDED.
                let added = batch
                    .get(..i)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .take_while(|e| !(e.key == c.key && e.change == ChangeType::Deleted))
                    .any(|e| e.key == c.key && e.change == ChangeType::Added);
                let change = if added { ChangeType::Added } else { c.change };
                Some((change, obj))
            })
            .collect();
        self.rv = store.revision();
        let now = cx.cluster.now();
        for (change, obj) in changes {
            let in_ns = !self.rt.namespaced
                || self
                    .filter
                    .namespace
                    .as_deref()
                    .is_none_or(|n| n == object::namespace(&obj));
            let named = self
                .names
                .as_ref()
                .is_none_or(|n| n.iter().any(|x| x == object::name(&obj)));
            if !in_ns || !named || !self.filter.matches(&obj) {
                continue;
            }
            match &self.format {
                OutputFormat::Table { .. } => {
                    let event = match change {
                        ChangeType::Added => "ADDED",
                        ChangeType::Modified => "MODIFIED",
                        ChangeType::Deleted => "DELETED",
                    };
                    let no_pods = PodListing::default();
                    let cells = table_cells(
                        self.rt.kind,
                        &[&obj],
                        now,
                        &self.opts,
                        &no_pods,
                        !self.header_done && !self.no_headers,
                        self.events.then_some(("EVENT", event)),
                    );
                    self.header_done = true;
                    let rows = cells.rows();
                    io.print(self.tw.format(&rows));
                }
                other => io.print(watch_print(other, &obj, &mut self.printed, self.no_headers)),
            }
        }
        None
    }

    fn wake(&self, _cluster: &cluster::Cluster) -> Option<Time> {
        None
    }
}

/// `kubectl events`.
pub fn events(cx: &mut Cx, args: &[String], io: &mut Io) -> Run {
    const EV_FLAGS: &[Flag] = &[
        switch("all-namespaces", Some('A')),
        value("for", None),
        value("types", None),
        switch("watch", Some('w')),
        value("output", Some('o')),
    ];
    let p = match parse_flags(io, "events", args, EV_FLAGS) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ns = namespace(cx, &p);
    let all = p.on("all-namespaces");
    let Some(rt) = cluster::kind::by_kind("Event") else {
        return Run::Done(1);
    };
    let mut evs: Vec<&Object> = cx.cluster.list(rt, if all { None } else { Some(&ns) });
    let target = p.get("for").map(|f| {
        f.split_once('/')
            .map(|(k, n)| (k.to_string(), n.to_string()))
            .unwrap_or(("pod".into(), f.to_string()))
    });
    if let Some((k, n)) = &target {
        let kind = cluster::kind::lookup(k).map(|r| r.kind).unwrap_or("");
        evs.retain(|e| {
            object::str_at(e, &["involvedObject", "kind"]) == Some(kind)
                && object::str_at(e, &["involvedObject", "name"]) == Some(n.as_str())
        });
    }
    cluster::sort::sort_by_key(&mut evs, |e| {
        object::str_at(e, &["lastTimestamp"])
            .unwrap_or("")
            .to_string()
    });
    if evs.is_empty() {
        io.eprintln(if all {
            "No events found.".to_string()
        } else {
            format!("No events found in {ns} namespace.")
        });
        return Run::Done(0);
    }
    let now = cx.cluster.now();
    let mut rows = vec![{
        let mut h = vec![
            "LAST SEEN".to_string(),
            "TYPE".into(),
            "REASON".into(),
            "OBJECT".into(),
            "MESSAGE".into(),
        ];
        if all {
            h.insert(0, "NAMESPACE".into());
        }
        h
    }];
    for e in evs {
        let mut r = columns::row("Event", e, now);
        if let Some(obj) = r.get_mut(3) {
            let kind = object::str_at(e, &["involvedObject", "kind"]).unwrap_or("");
            *obj = format!(
                "{kind}/{}",
                object::str_at(e, &["involvedObject", "name"]).unwrap_or("")
            );
        }
        if all {
            r.insert(0, object::namespace(e).to_string());
        }
        rows.push(r);
    }
    io.print(printers::table::tabwrite(&rows));
    Run::Done(0)
}

/// Used by `describe` and others: whether `p` asks for every namespace.
pub fn all_namespaces(p: &Parsed) -> bool {
    p.on("all-namespaces")
}
