//! The app's components, one per file, and what they share.

pub mod app;
pub mod cluster_view;
pub mod editor;
pub mod lesson_panel;
pub mod platform;
pub mod state;
pub mod terminal;

use crate::i18n::Lang;
use crate::lab::Lab;
use state::AppState;
use std::cell::RefCell;
use std::rc::Rc;
use yew::UseReducerDispatcher;

/// What every panel gets: the dispatcher, the lab, the UI language. Equal when the same lab
/// and language (the panels' own generations decide when they redraw).
#[derive(Clone)]
pub struct Ctx {
    /// Sends actions to the app state.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The lab.
    pub lab: Rc<RefCell<Lab>>,
    /// The UI language.
    pub lang: Lang,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Ctx) -> bool {
        Rc::ptr_eq(&self.lab, &other.lab)
            && self.lang == other.lang
            && self.dispatch == other.dispatch
    }
}
