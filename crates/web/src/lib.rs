//! The kubeplay classroom: Yew components over the engine, shell and lesson crates. Thin glue:
//! everything that can be tested natively lives in plain modules here (the lab model, the
//! line editor, the YAML highlighter and linter, persistence, i18n) or in those crates.
//!
//! The workspace's no-panic lints apply (no `unwrap`, `expect`, `panic!` or indexing outside
//! tests): a panic is a dead tab.

#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod clock;
pub mod cluster_model;
pub mod components;
pub mod editor_model;
pub mod highlight;
pub mod i18n;
pub mod lab;
pub mod lesson_html;
pub mod line_edit;
pub mod lint;
pub mod persist;
pub mod route;
pub mod terminal_model;
pub mod yaml_locate;

use components::app::App;

/// Mounts the app on `<body>`.
pub fn start() {
    components::platform::install_panic_hook();
    components::platform::mark("kp-start");
    components::platform::remove_element("kp-boot");
    yew::Renderer::<App>::new().render();
}
