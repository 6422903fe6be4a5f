//! The editor: tabs for open files, line numbers, YAML highlighting under a transparent text
//! area, live validation shown on the faulty line and listed below, save (Ctrl-S) and apply.

use super::state::Action;
use super::Ctx;
use crate::editor_model::{newline_indent, Buffer};
use crate::highlight::{char_range, highlight, with_mark};
use crate::i18n::T;
use crate::lint::{is_manifest, Diagnostic};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub ctx: Ctx,
    /// The editor's generation.
    pub gen: u64,
    /// A focus request serial (0: none).
    pub focus: u64,
}

/// The highlighted copy of the text, with errors marked and their messages at line ends.
fn code_layer(b: &Buffer, yaml: bool) -> Html {
    let lines: Vec<&str> = b.text.split('\n').collect();
    let toks = if yaml { highlight(&b.text) } else { Vec::new() };
    let rendered = lines.iter().enumerate().map(|(i, line)| {
        let n = i + 1;
        let diags: Vec<&Diagnostic> = b.diags.iter().filter(|d| d.line == n).collect();
        let mark = diags.first().map(|d| char_range(line, d.col, d.len));
        let past_end = mark.as_ref().is_some_and(|m| m.start >= line.len());
        let pieces = match toks.get(i) {
            Some(t) => with_mark(t, mark),
            None => with_mark(&vec![(crate::highlight::Tok::Plain, 0..line.len())], mark),
        };
        html! {
            <div class={classes!("kp-code-line", (!diags.is_empty()).then_some("has-error"))}>
                { for pieces.into_iter().map(|(tok, r, marked)| {
                    let text = line.get(r).unwrap_or("").to_string();
                    html! { <span class={classes!(tok.class(), marked.then_some("kp-err"))}>{ text }</span> }
                }) }
                if past_end { <span class="kp-err kp-err-eol">{" "}</span> }
                if !diags.is_empty() {
                    <span class="kp-lint">{ diags.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join(" · ") }</span>
                }
                { "\u{200b}" }
            </div>
        }
    });
    rendered.collect::<Html>()
}

/// The editor panel.
#[function_component(EditorPane)]
pub fn editor_pane(p: &Props) -> Html {
    let lang = p.ctx.lang;
    let d = p.ctx.dispatch.clone();
    let area = use_node_ref();
    let path_ref = use_node_ref();
    let escaped = use_mut_ref(|| false);
    {
        let area = area.clone();
        use_effect_with(p.focus, move |f| {
            if *f > 0 {
                if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                    let _ = a.focus();
                }
            }
        });
    }
    // A file shown anew starts at its first line with the caret there, as an editor opens it
    // (setting the textarea's value leaves the caret, and the scroll, at the end).
    let body = use_node_ref();
    {
        let shown = {
            let lab = p.ctx.lab.borrow();
            let ed = &lab.editor;
            ed.active
                .and_then(|i| ed.buffers.get(i))
                .map(|b| b.path.clone())
        };
        let (area, body) = (area.clone(), body.clone());
        use_effect_with(shown, move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                let _ = a.set_selection_range(0, 0);
            }
            if let Some(b) = body.cast::<web_sys::Element>() {
                b.set_scroll_top(0);
                b.set_scroll_left(0);
            }
        });
    }
    let lab = p.ctx.lab.borrow();
    let ed = &lab.editor;
    let tabs = ed.buffers.iter().enumerate().map(|(i, b)| {
        let selected = ed.active == Some(i);
        let d1 = d.clone();
        let onclick = Callback::from(move |_| d1.dispatch(Action::EditorShow(i)));
        let d2 = d.clone();
        let close = Callback::from(move |_| d2.dispatch(Action::EditorClose(i)));
        let n = ed.buffers.len();
        let d3 = d.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "ArrowRight" && i + 1 < n {
                d3.dispatch(Action::EditorShow(i + 1));
            } else if e.key() == "ArrowLeft" && i > 0 {
                d3.dispatch(Action::EditorShow(i - 1));
            }
        });
        html! {
            <span class={classes!("kp-tab-wrap", selected.then_some("active"))}>
                <button type="button" role="tab" aria-selected={selected.to_string()}
                    aria-controls="editor-body" tabindex={if selected { "0" } else { "-1" }}
                    class={classes!("kp-tab", selected.then_some("active"))} title={b.path.clone()}
                    {onclick} {onkeydown}>
                    { b.name().to_string() }
                    if b.dirty() { <span class="kp-dirty" aria-label={lang.t(T::Unsaved)}>{" ●"}</span> }
                    if !b.diags.is_empty() { <span class="kp-badge" aria-hidden="true">{ b.diags.len() }</span> }
                </button>
                <button type="button" class="kp-icon" aria-label={lang.fmt(T::CloseFile, &[b.name()])}
                    onclick={close}>{"×"}</button>
            </span>
        }
    });
    let open_form = {
        let d = d.clone();
        let path_ref = path_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = path_ref.cast::<HtmlInputElement>() {
                let v = i.value();
                if !v.trim().is_empty() {
                    d.dispatch(Action::EditorOpen(v));
                }
            }
        })
    };
    let Some(b) = ed.current() else {
        let files = lab.host().fs().files_under("/root", true);
        return html! {
            <div class="kp-editor">
                <div class="kp-editor-empty">
                    <form class="kp-open" onsubmit={open_form}>
                        <label for="open-path">{ lang.t(T::NoFile) }</label>
                        <input id="open-path" ref={path_ref} type="text" placeholder="manifests/app.yaml"
                            autocomplete="off" spellcheck="false" />
                        <button type="submit" class="kp-button">{ lang.t(T::Open) }</button>
                    </form>
                    <ul class="kp-files">
                        { for files.iter().map(|f| {
                            let d = d.clone();
                            let path = f.clone();
                            let onclick = Callback::from(move |_| d.dispatch(Action::EditorOpen(path.clone())));
                            html! { <li><button type="button" class="kp-link" {onclick}>{ lab.host().fs().pretty(f) }</button></li> }
                        }) }
                    </ul>
                </div>
            </div>
        };
    };
    let yaml = is_manifest(&b.path);
    let lines = b.text.split('\n').count();
    let widest = b
        .text
        .split('\n')
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(a) = e.target_dyn_into::<HtmlTextAreaElement>() {
                d.dispatch(Action::EditorInput(a.value()));
            }
        })
    };
    let onkeydown = {
        let d = d.clone();
        let escaped = escaped.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(a) = e.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            let was_escape = std::mem::take(&mut *escaped.borrow_mut());
            let ctrl = e.ctrl_key() || e.meta_key();
            let key = e.key();
            if ctrl && key.eq_ignore_ascii_case("s") {
                e.prevent_default();
                d.dispatch(Action::EditorInput(a.value()));
                d.dispatch(Action::EditorSave);
            } else if ctrl && key == "Enter" {
                e.prevent_default();
                d.dispatch(Action::EditorInput(a.value()));
                d.dispatch(Action::EditorApply);
            } else if key == "Escape" {
                *escaped.borrow_mut() = true;
            } else if key == "Tab" && !e.shift_key() && !ctrl && !e.alt_key() && !was_escape {
                e.prevent_default();
                let _ = a.set_range_text_with_start_and_end_and_mode(
                    "  ",
                    a.selection_start().ok().flatten().unwrap_or(0),
                    a.selection_end().ok().flatten().unwrap_or(0),
                    "end",
                );
                d.dispatch(Action::EditorInput(a.value()));
            } else if key == "Enter" && !ctrl && !e.shift_key() && !e.alt_key() {
                e.prevent_default();
                let value = a.value();
                let start = a.selection_start().ok().flatten().unwrap_or(0);
                let end = a.selection_end().ok().flatten().unwrap_or(start);
                let chars = crate::line_edit::chars_from_utf16(&value, start);
                let before: String = value.chars().take(chars).collect();
                let _ = a.set_range_text_with_start_and_end_and_mode(
                    &newline_indent(&before),
                    start,
                    end,
                    "end",
                );
                d.dispatch(Action::EditorInput(a.value()));
            }
        })
    };
    let save = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::EditorSave))
    };
    let apply = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::EditorApply))
    };
    // A command (`vi`, `kubectl edit`) waits for this file: "Done" saves and closes it.
    let done = {
        let d = d.clone();
        let i = ed.active.unwrap_or(0);
        Callback::from(move |_| d.dispatch(Action::EditorDone(i)))
    };
    let waiting = b
        .waiting
        .map(|t| lang.fmt(T::EditorWaiting, &[&(t + 1).to_string()]));
    let problems = match b.diags.len() {
        0 => lang.t(T::NoProblems).to_string(),
        1 => lang.t(T::OneProblem).to_string(),
        n => lang.fmt(T::Problems, &[&n.to_string()]),
    };
    let goto = |diag: &Diagnostic| {
        let area = area.clone();
        let (line, col) = (diag.line, diag.col);
        Callback::from(move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                let text = a.value();
                let offset: usize = text
                    .split('\n')
                    .take(line.saturating_sub(1))
                    .map(|l| l.chars().count() + 1)
                    .sum::<usize>()
                    + col.saturating_sub(1);
                let u = crate::line_edit::utf16_from_chars(&text, offset);
                let _ = a.focus();
                let _ = a.set_selection_range(u, u);
            }
        })
    };
    let status = if !b.exists {
        lang.t(T::NewFile)
    } else if b.dirty() {
        lang.t(T::Unsaved)
    } else {
        ""
    };
    let shown_path = lab.host().fs().pretty(&b.path);
    let area_label = lang.fmt(T::FileText, &[&shown_path]);
    html! {
        <div class="kp-editor">
            <div class="kp-tabs">
                <div role="tablist" aria-label={lang.t(T::OpenFiles)} class="kp-tablist">{ for tabs }</div>
            </div>
            <div class="kp-edbar">
                <span class="kp-path" title={b.path.clone()}>{ shown_path }</span>
                if !status.is_empty() { <span class="kp-status">{ status }</span> }
                <span class={classes!("kp-problems-count", (!b.diags.is_empty()).then_some("bad"))}
                    id="editor-status">{ problems.clone() }</span>
                <span class="kp-spacer"></span>
                <button type="button" class="kp-button" id="editor-save" onclick={save} title={lang.t(T::SaveTitle)}>
                    { lang.t(T::Save) }
                </button>
                if waiting.is_some() {
                    <button type="button" class="kp-button primary" id="editor-done" onclick={done}
                        title={lang.t(T::EditorDoneTitle)}>{ "✓ " }{ lang.t(T::EditorDone) }</button>
                } else if yaml {
                    <button type="button" class="kp-button primary" id="editor-apply" onclick={apply}
                        title={lang.t(T::ApplyTitle)}>{ "▶ " }{ lang.t(T::Apply) }</button>
                }
            </div>
            if let Some(note) = waiting {
                <p class="kp-edwait" role="status">{ note }</p>
            }
            <div class="kp-code" id="editor-body" role="tabpanel" ref={body.clone()}>
                <div class="kp-gutter" aria-hidden="true">
                    { for (1..=lines).map(|n| {
                        let bad = b.diags.iter().any(|d| d.line == n);
                        html! { <div class={classes!("kp-ln", bad.then_some("bad"))}>{ n }</div> }
                    }) }
                </div>
                <div class="kp-layers" style={format!("--rows: {lines}; --cols: {widest};")}>
                    <pre class="kp-hl" aria-hidden="true">{ code_layer(b, yaml) }</pre>
                    <textarea id="editor-text" ref={area.clone()} class="kp-textarea" spellcheck="false"
                        autocomplete="off" autocapitalize="off" wrap="off"
                        aria-label={area_label}
                        aria-describedby="editor-problems" aria-invalid={(!b.diags.is_empty()).to_string()}
                        value={b.text.clone()} {oninput} {onkeydown} />
                </div>
            </div>
            <ul id="editor-problems" class="kp-problem-list" aria-live="polite" aria-label={problems}>
                { for b.diags.iter().map(|diag| html! {
                    <li>
                        <button type="button" class="kp-link" onclick={goto(diag)}>
                            { lang.fmt(T::LineCol, &[&diag.line.to_string(), &diag.col.to_string()]) }
                        </button>
                        { ": " }{ diag.message.clone() }
                    </li>
                }) }
            </ul>
        </div>
    }
}
