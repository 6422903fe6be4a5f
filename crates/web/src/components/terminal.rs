//! The terminals: tabs (Terminal 1, 2...), the scrollback drawn in blocks that only redraw
//! when they change, the prompt and the input line with readline keys, history, Ctrl-R,
//! tab completion, Ctrl-C, Ctrl-L and multi-line paste.

use super::state::Action;
use super::Ctx;
use crate::i18n::T;
use crate::line_edit::{self, binding, Browse, Cmd, Edit, Line, Mods, Search};
use crate::terminal_model::{blocks_in_view, drawn_blocks, Span, Style, BLOCK};
use shell::context::Place;
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn class_of(style: Style) -> &'static str {
    match style {
        Style::Out => "out",
        Style::Err => "err",
        Style::Input => "in",
        Style::Note => "note",
        Style::Green => "c32",
        Style::Yellow => "c33",
        Style::Color(n) => match n {
            31 | 91 => "c31",
            34 | 94 => "c34",
            35 | 95 => "c35",
            36 | 96 => "c36",
            90 => "c90",
            _ => "c",
        },
    }
}

fn spans(line: &[Span]) -> Html {
    line.iter()
        .map(|s| html! { <span class={class_of(s.style)}>{ s.text.clone() }</span> })
        .collect()
}

/// Props of all terminals.
#[derive(Properties, PartialEq)]
pub struct TermsProps {
    pub ctx: Ctx,
    /// Every terminal's generation.
    pub gens: Vec<u64>,
    /// The terminal shown.
    pub active: usize,
    /// A focus request serial (0: none).
    pub focus: u64,
}

/// The terminal tabs and the terminal shown.
#[function_component(Terminals)]
pub fn terminals(p: &TermsProps) -> Html {
    let lang = p.ctx.lang;
    let n = p.gens.len();
    let d = p.ctx.dispatch.clone();
    let tabs = (0..n).map(|t| {
        let selected = t == p.active;
        let d1 = d.clone();
        let onclick = Callback::from(move |_| d1.dispatch(Action::SelectTerm(t)));
        let d2 = d.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            let k = e.key();
            if k == "ArrowRight" && t + 1 < n {
                d2.dispatch(Action::SelectTerm(t + 1));
            } else if k == "ArrowLeft" && t > 0 {
                d2.dispatch(Action::SelectTerm(t - 1));
            }
        });
        let d3 = d.clone();
        let close = Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            d3.dispatch(Action::CloseTerm(t));
        });
        let label = lang.fmt(T::TerminalN, &[&(t + 1).to_string()]);
        html! {
            <span class={classes!("kp-tab-wrap", selected.then_some("active"))}>
                <button type="button" role="tab" id={format!("term-tab-{}", t + 1)}
                    aria-selected={selected.to_string()} aria-controls="term-panel"
                    tabindex={if selected { "0" } else { "-1" }}
                    class={classes!("kp-tab", selected.then_some("active"))} {onclick} {onkeydown}>
                    { label }
                </button>
                if t > 0 {
                    <button type="button" class="kp-icon" aria-label={lang.fmt(T::CloseTerminal, &[&(t + 1).to_string()])}
                        onclick={close}>{"×"}</button>
                }
            </span>
        }
    });
    let new_term = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::NewTerm))
    };
    html! {
        <div class="kp-terminals">
            <div class="kp-tabs dark">
                <div role="tablist" aria-label={lang.t(T::Terminals)} class="kp-tablist">{ for tabs }</div>
                if n < crate::lab::MAX_TERMS {
                    <button type="button" class="kp-icon" id="new-terminal" aria-label={lang.t(T::NewTerminal)}
                        title={lang.t(T::NewTerminal)} onclick={new_term}>{"+"}</button>
                }
            </div>
            <div id="term-panel" role="tabpanel" aria-labelledby={format!("term-tab-{}", p.active + 1)} class="kp-term-panel">
                <Terminal key={p.active} ctx={p.ctx.clone()} term={p.active}
                    gen={p.gens.get(p.active).copied().unwrap_or(0)} focus={p.focus} />
            </div>
        </div>
    }
}

/// Props of one block of scrollback.
#[derive(Properties)]
struct BlockProps {
    ctx: Ctx,
    term: usize,
    /// Absolute line numbers drawn: `lo..hi`.
    lo: usize,
    hi: usize,
    /// It holds the last finished line (which has no newline after it: the current line's
    /// own box starts the next line, so the text reads and copies exactly).
    last: bool,
}

impl PartialEq for BlockProps {
    fn eq(&self, o: &BlockProps) -> bool {
        self.ctx == o.ctx
            && self.term == o.term
            && self.lo == o.lo
            && self.hi == o.hi
            && self.last == o.last
    }
}

/// Finished lines never change, so a block redraws only when its range does. Lines are
/// inline text with newlines (not one box each), so the screen's text is exactly what was
/// printed, empty lines included; a run of text in one style is one element, across lines
/// (a listing of 3,000 one-colour lines is a few elements, not 6,000 nodes).
#[function_component(Block)]
fn block(p: &BlockProps) -> Html {
    let lab = p.ctx.lab.borrow();
    let Some(term) = lab.term(p.term) else {
        return html! {};
    };
    let screen = &term.screen;
    // (style, text) runs; a newline goes with the run before it (`None`: no run yet).
    let mut runs: Vec<(Option<Style>, String)> = Vec::new();
    for abs in p.lo..p.hi {
        let Some(line) = abs
            .checked_sub(screen.dropped)
            .and_then(|i| screen.lines.get(i))
        else {
            continue;
        };
        for span in line {
            match runs.last_mut() {
                Some((Some(style), text)) if *style == span.style => text.push_str(&span.text),
                _ => runs.push((Some(span.style), span.text.clone())),
            }
        }
        if !(p.last && abs + 1 == p.hi) {
            match runs.last_mut() {
                Some((_, text)) => text.push('\n'),
                None => runs.push((None, "\n".into())),
            }
        }
    }
    // Its height in lines, for the browser to reserve while it skips drawing it off screen.
    let lines = format!("--lines:{}", p.hi.saturating_sub(p.lo));
    html! {
        <span class="kp-block" style={lines}>
            { for runs.into_iter().map(|(style, text)| match style {
                Some(style) => html! { <span class={class_of(style)}>{ text }</span> },
                None => html! { { text } },
            }) }
        </span>
    }
}

/// Props of a terminal.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub ctx: Ctx,
    /// Which terminal (0-based).
    pub term: usize,
    /// Its generation.
    pub gen: u64,
    /// A focus request serial.
    pub focus: u64,
}

fn input_line(input: &HtmlInputElement) -> Line {
    let text = input.value();
    let cursor = input.selection_start().ok().flatten().map_or_else(
        || text.chars().count(),
        |u| line_edit::chars_from_utf16(&text, u),
    );
    Line { text, cursor }
}

fn set_input(input: &HtmlInputElement, line: &Line) {
    input.set_value(&line.text);
    let c = line_edit::utf16_from_chars(&line.text, line.cursor);
    let _ = input.set_selection_range(c, c);
}

/// One terminal.
#[function_component(Terminal)]
pub fn terminal(p: &Props) -> Html {
    let lang = p.ctx.lang;
    let t = p.term;
    let d = p.ctx.dispatch.clone();
    let input_ref = use_node_ref();
    let screen_ref = use_node_ref();
    let browse = use_mut_ref(Browse::default);
    let kill = use_mut_ref(String::new);
    let last_tab = use_mut_ref(|| false);
    let escaped = use_mut_ref(|| false);
    let stick = use_mut_ref(|| true);
    // The blocks the learner scrolled to (`None`: the view follows the bottom), and the
    // height of a line in CSS pixels, read from the page once.
    let in_view = use_state_eq(|| None::<(usize, usize)>);
    let line_px = use_mut_ref(|| None::<f64>);
    let search = use_state(|| None::<Search>);
    let search_cell = use_mut_ref(|| None::<Search>);
    // Keep the bottom in view unless the learner scrolled up.
    {
        let screen_ref = screen_ref.clone();
        let stick = stick.clone();
        use_effect_with(p.gen, move |_| {
            if *stick.borrow() {
                if let Some(el) = screen_ref.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    // Text put on the input line by the lab (no-newline actions, completion).
    let injected = p.ctx.lab.borrow().term(t).and_then(|x| x.input.clone());
    {
        let input_ref = input_ref.clone();
        use_effect_with(injected.as_ref().map(|i| i.0), move |_| {
            if let (Some((_, text, cursor)), Some(input)) =
                (injected, input_ref.cast::<HtmlInputElement>())
            {
                set_input(&input, &Line { text, cursor });
                let _ = input.focus();
            }
        });
    }
    {
        let input_ref = input_ref.clone();
        use_effect_with(p.focus, move |f| {
            if *f > 0 {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        });
    }
    let onscroll = {
        let stick = stick.clone();
        let in_view = in_view.clone();
        let line_px = line_px.clone();
        let lab = p.ctx.lab.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let at_bottom = el.scroll_top() + el.client_height() >= el.scroll_height() - 24;
                *stick.borrow_mut() = at_bottom;
                if at_bottom {
                    in_view.set(None);
                    return;
                }
                let px = *line_px.borrow_mut().get_or_insert_with(|| line_height(&el));
                let first = lab.borrow().term(t).map_or(0, |x| x.screen.dropped);
                let top = f64::from(el.scroll_top());
                let height = f64::from(el.client_height());
                in_view.set(Some(blocks_in_view(first, top, height, px)));
            }
        })
    };
    let lab_for_keys = p.ctx.lab.clone();
    let onkeydown = {
        let d = d.clone();
        let in_view = in_view.clone();
        let input_ref = input_ref.clone();
        let search = search.clone();
        let search_cell = search_cell.clone();
        let stick = stick.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let key = e.key();
            let mods = Mods {
                ctrl: e.ctrl_key(),
                alt: e.alt_key(),
                meta: e.meta_key(),
                shift: e.shift_key(),
            };
            let was_tab = std::mem::take(&mut *last_tab.borrow_mut());
            let was_escape = std::mem::take(&mut *escaped.borrow_mut());
            let history: Vec<String> = lab_for_keys
                .borrow()
                .term(t)
                .map(|x| x.session.history().to_vec())
                .unwrap_or_default();
            // Ctrl-R search mode: printable keys extend the query.
            let current_search = search_cell.borrow().clone();
            if let Some(mut s) = current_search {
                let cmd = binding(&key, mods);
                let printable = key.chars().count() == 1 && !mods.ctrl && !mods.alt && !mods.meta;
                let done = |s: Option<Search>| {
                    *search_cell.borrow_mut() = s.clone();
                    search.set(s);
                };
                if printable {
                    e.prevent_default();
                    let q = format!("{}{key}", s.query);
                    s.set_query(&history, &q);
                    input.set_value(s.result(&history));
                    done(Some(s));
                    return;
                }
                match (key.as_str(), cmd) {
                    ("Backspace", _) => {
                        e.prevent_default();
                        let mut q = s.query.clone();
                        q.pop();
                        s.set_query(&history, &q);
                        input.set_value(s.result(&history));
                        done(Some(s));
                        return;
                    }
                    (_, Some(Cmd::SearchBack)) => {
                        e.prevent_default();
                        s.older(&history);
                        input.set_value(s.result(&history));
                        done(Some(s));
                        return;
                    }
                    (_, Some(Cmd::Cancel)) | (_, Some(Cmd::Interrupt)) => {
                        e.prevent_default();
                        set_input(&input, &Line::new(&s.original));
                        done(None);
                        return;
                    }
                    _ => {
                        // Any other key accepts the match and then does its job.
                        set_input(&input, &Line::new(s.result(&history)));
                        done(None);
                    }
                }
            }
            let Some(cmd) = binding(&key, mods) else {
                browse.borrow_mut().reset();
                return;
            };
            match cmd {
                Cmd::Edit(edit) => {
                    e.prevent_default();
                    let mut line = input_line(&input);
                    line.apply(edit, &mut kill.borrow_mut());
                    set_input(&input, &line);
                    if !matches!(
                        edit,
                        Edit::Left
                            | Edit::Right
                            | Edit::Home
                            | Edit::End
                            | Edit::WordLeft
                            | Edit::WordRight
                    ) {
                        browse.borrow_mut().reset();
                    }
                }
                Cmd::Submit => {
                    e.prevent_default();
                    let line = input.value();
                    input.set_value("");
                    browse.borrow_mut().reset();
                    *stick.borrow_mut() = true;
                    in_view.set(None);
                    d.dispatch(Action::Enter(t, line));
                }
                Cmd::Interrupt => {
                    // With text selected in the input, Ctrl-C copies.
                    let selected = matches!(
                        (input.selection_start(), input.selection_end()),
                        (Ok(Some(a)), Ok(Some(b))) if a != b
                    );
                    if selected {
                        return;
                    }
                    e.prevent_default();
                    let typed = input.value();
                    input.set_value("");
                    browse.borrow_mut().reset();
                    *stick.borrow_mut() = true;
                    in_view.set(None);
                    d.dispatch(Action::Interrupt(t, typed));
                }
                Cmd::ClearScreen => {
                    e.prevent_default();
                    d.dispatch(Action::ClearScreen(t));
                }
                Cmd::Complete => {
                    if was_escape {
                        // Escape, then Tab: leave the terminal (no keyboard trap).
                        return;
                    }
                    e.prevent_default();
                    *last_tab.borrow_mut() = true;
                    let line = input_line(&input);
                    d.dispatch(Action::Complete(t, line.text, line.cursor, was_tab));
                }
                Cmd::HistoryPrev | Cmd::HistoryNext => {
                    e.prevent_default();
                    let mut b = browse.borrow_mut();
                    let next = if cmd == Cmd::HistoryPrev {
                        b.prev(&history, &input.value())
                    } else {
                        b.next(&history)
                    };
                    if let Some(text) = next {
                        set_input(&input, &Line::new(&text));
                    }
                }
                Cmd::SearchBack => {
                    e.prevent_default();
                    let s = Search::start(&input.value());
                    *search_cell.borrow_mut() = Some(s.clone());
                    search.set(Some(s));
                }
                Cmd::Cancel => {
                    *escaped.borrow_mut() = true;
                }
                Cmd::Eof => {
                    if input.value().is_empty() {
                        let in_pod = lab_for_keys
                            .borrow()
                            .term(t)
                            .is_some_and(|x| matches!(x.session.place(), Place::Pod { .. }));
                        if in_pod {
                            e.prevent_default();
                            d.dispatch(Action::Enter(t, "exit".into()));
                        }
                    } else {
                        e.prevent_default();
                        let mut line = input_line(&input);
                        line.apply(Edit::Delete, &mut kill.borrow_mut());
                        set_input(&input, &line);
                    }
                }
            }
        })
    };
    let onpaste = {
        let d = d.clone();
        let input_ref = input_ref.clone();
        Callback::from(move |e: Event| {
            let Some(ce) = wasm_bindgen::JsCast::dyn_ref::<web_sys::ClipboardEvent>(&e) else {
                return;
            };
            let Some(text) = ce.clipboard_data().and_then(|dt| dt.get_data("text").ok()) else {
                return;
            };
            if !text.contains(['\n', '\r']) {
                return;
            }
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            e.prevent_default();
            let value = input.value();
            let start = input.selection_start().ok().flatten().unwrap_or(0);
            let end = input.selection_end().ok().flatten().unwrap_or(start);
            let a = line_edit::chars_from_utf16(&value, start);
            let b = line_edit::chars_from_utf16(&value, end);
            let before: String = value.chars().take(a).collect();
            let after: String = value.chars().skip(b).collect();
            let (lines, rest) = line_edit::split_paste(&before, &text, &after);
            set_input(&input, &Line::new(&rest));
            d.dispatch(Action::Paste(t, lines));
        })
    };
    let focus = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        })
    };

    let lab = p.ctx.lab.borrow();
    let Some(term) = lab.term(t) else {
        return html! {};
    };
    let screen = &term.screen;
    let busy = term.session.busy();
    let prompt = match &*search {
        Some(s) => s.prompt(),
        None if busy => String::new(),
        None => term.session.prompt(),
    };
    let first = screen.dropped;
    let end = screen.dropped + screen.lines.len();
    let last_block = end.div_ceil(BLOCK);
    // Only the blocks in view are drawn; the lines before and after them are one empty box
    // each, of their height, so the scrollbar stays true.
    let (from, to) = drawn_blocks(first, end, *in_view);
    let drawn_lo = (from * BLOCK).clamp(first, end);
    let drawn_hi = (to * BLOCK).clamp(drawn_lo, end);
    let gap = |key: &'static str, lines: usize| {
        (lines > 0).then(|| {
            html! {
                <span key={key} class="kp-gap" style={format!("--lines:{lines}")}></span>
            }
        })
    };
    let blocks = (from..to).map(|k| {
        let lo = (k * BLOCK).max(first);
        let hi = ((k + 1) * BLOCK).min(end);
        let last = k + 1 == last_block;
        html! { <Block key={k} ctx={p.ctx.clone()} term={t} {lo} {hi} {last} /> }
    });
    let blocks = gap("above", drawn_lo - first)
        .into_iter()
        .chain(blocks)
        .chain(gap("below", end - drawn_hi));
    let queued: Vec<String> = term.queue.iter().cloned().collect();
    html! {
        <div class="kp-terminal" onclick={focus}>
            <div id="term-output" class="kp-screen" ref={screen_ref} role="log" aria-live="polite"
                aria-label={lang.fmt(T::TerminalN, &[&(t + 1).to_string()])} {onscroll}
                data-busy={busy.to_string()}>
                { for blocks }
                <div class="kp-current">
                    { spans(&screen.current) }
                    if !prompt.is_empty() {
                        <span class="in kp-prompt">{ prompt }</span>
                    }
                    <input id="term-input" ref={input_ref} class="kp-input" type="text"
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        aria-label={lang.t(T::CommandLine)} aria-describedby="term-help"
                        {onkeydown} onpaste={onpaste} />
                </div>
                if !queued.is_empty() {
                    <div class="note kp-queued">{ lang.fmt(T::Waiting, &[&queued.join(" ; ")]) }</div>
                }
            </div>
            <p id="term-help" class="kp-sr">{ term_help(lang) }</p>
        </div>
    }
}

/// The height of a line of the screen in CSS pixels (its computed `line-height`).
fn line_height(el: &web_sys::Element) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|st| st.get_property_value("line-height").ok())
        .and_then(|v| v.strip_suffix("px").and_then(|n| n.trim().parse().ok()))
        .unwrap_or(14.0 * 1.35)
}

fn term_help(lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::Es => "Intro ejecuta. Tab completa; Escape y luego Tab sale del terminal. Flechas arriba y abajo: historial; Ctrl-R busca en él. Ctrl-C detiene el comando en curso.",
        crate::i18n::Lang::En => "Enter runs. Tab completes; Escape then Tab leaves the terminal. Up and Down arrows: history; Ctrl-R searches it. Ctrl-C stops the running command.",
    }
}
