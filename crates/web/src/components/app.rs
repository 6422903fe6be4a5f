//! The page: the terminal (the lesson panel, editor and cluster view join it as they land).

use super::state::{Action, AppState};
use super::terminal::Terminal;
use gloo::timers::callback::Interval;
use yew::prelude::*;

/// How often the clock ticks, in milliseconds.
const TICK_MS: u32 = 200;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::new);
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let interval = Interval::new(TICK_MS, move || dispatch.dispatch(Action::Tick));
            move || drop(interval)
        });
    }
    html! {
        <main class="kp-app">
            <header class="kp-header"><h1>{"kubeplay"}</h1></header>
            <Terminal state={state.clone()} />
        </main>
    }
}
