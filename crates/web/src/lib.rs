//! The kubeplay classroom: Yew components over the engine, shell and lesson crates. Thin glue:
//! everything that can be tested natively lives in those crates.

pub mod clock;
pub mod components;
pub mod terminal_model;

use components::app::App;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
