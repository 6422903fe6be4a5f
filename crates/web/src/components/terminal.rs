//! The terminal: scrollback, prompt and the line being typed.

use super::state::{Action, AppState};
use crate::terminal_model::Style;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props: the app state handle.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

fn class_of(style: Style) -> &'static str {
    match style {
        Style::Out => "out",
        Style::Err => "err",
        Style::Input => "in",
        Style::Green => "c32",
        Style::Yellow => "c33",
        Style::Color(_) => "c",
    }
}

/// The terminal component.
#[function_component(Terminal)]
pub fn terminal(props: &Props) -> Html {
    let state = props.state.clone();
    let input_ref = use_node_ref();
    let history_pos = use_mut_ref(|| None::<usize>);
    let screen_ref = use_node_ref();
    {
        let screen_ref = screen_ref.clone();
        use_effect_with(state.generation, move |_| {
            if let Some(el) = screen_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let onkeydown = {
        let state = state.clone();
        let input_ref = input_ref.clone();
        let history_pos = history_pos.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(input) = input_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let key = e.key();
            if e.ctrl_key() && key == "c" {
                e.prevent_default();
                input.set_value("");
                state.dispatch(Action::Interrupt);
            } else if e.ctrl_key() && key == "l" {
                e.prevent_default();
                state.dispatch(Action::ClearScreen);
            } else if key == "Enter" {
                e.prevent_default();
                let line = input.value();
                input.set_value("");
                *history_pos.borrow_mut() = None;
                state.dispatch(Action::Submit(line));
            } else if key == "ArrowUp" || key == "ArrowDown" {
                e.prevent_default();
                let session = state.session.borrow();
                let history = session.history();
                let mut pos = history_pos.borrow_mut();
                let next = match (*pos, key.as_str()) {
                    (None, "ArrowUp") => history.len().checked_sub(1),
                    (Some(p), "ArrowUp") => Some(p.saturating_sub(1)),
                    (Some(p), _) if p + 1 < history.len() => Some(p + 1),
                    _ => None,
                };
                *pos = next;
                input.set_value(
                    next.and_then(|i| history.get(i))
                        .map(String::as_str)
                        .unwrap_or(""),
                );
            }
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
    let screen = state.screen.borrow();
    let session = state.session.borrow();
    let busy = session.busy();
    let prompt = session.prompt();
    let lines = screen.lines.iter().map(|line| {
        html! { <div class="kp-line">{ for line.iter().map(|s| html!{ <span class={class_of(s.style)}>{ s.text.clone() }</span> }) }</div> }
    });
    let current = screen
        .current
        .iter()
        .map(|s| html! { <span class={class_of(s.style)}>{ s.text.clone() }</span> });
    html! {
        <section class="kp-terminal" aria-label="Terminal" onclick={focus}>
            <div id="term-output" class="kp-screen" ref={screen_ref} role="log" aria-live="polite">
                { for lines }
                <div class="kp-line">
                    { for current }
                    if !busy {
                        <span class="in kp-prompt">{ prompt }</span>
                    }
                    <input id="term-input" ref={input_ref} class="kp-input" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" aria-label="Command line" {onkeydown} autofocus=true />
                </div>
            </div>
        </section>
    }
}
