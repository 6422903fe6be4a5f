//! The one app state, changed only through actions (Yew's `Reducible`).

use crate::clock::Clock;
use crate::terminal_model::{Screen, Style};
use shell::{Session, Submitted};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// How many lines the terminal keeps.
pub const SCROLLBACK: usize = 5000;

/// Everything the UI shows. The session and screen are shared cells: a reduce that changes
/// them returns a new `Rc` with a bumped generation so Yew re-renders.
#[derive(Clone)]
pub struct AppState {
    /// The shell session and its cluster.
    pub session: Rc<RefCell<Session>>,
    /// The terminal's scrollback.
    pub screen: Rc<RefCell<Screen>>,
    /// Wall time to virtual time.
    pub clock: Rc<RefCell<Clock>>,
    /// Bumped on every visible change.
    pub generation: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &AppState) -> bool {
        self.generation == other.generation && Rc::ptr_eq(&self.session, &other.session)
    }
}

/// What can happen.
pub enum Action {
    /// The user pressed Enter on a line.
    Submit(String),
    /// The clock ticked.
    Tick,
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-L.
    ClearScreen,
}

impl AppState {
    /// A fresh session started now.
    pub fn new() -> AppState {
        let start = crate::clock::wall_now();
        let seed = start.0 as u64;
        AppState {
            session: Rc::new(RefCell::new(Session::new(seed, start))),
            screen: Rc::new(RefCell::new(Screen::new(SCROLLBACK))),
            clock: Rc::new(RefCell::new(Clock::new(start))),
            generation: 0,
        }
    }

    fn bumped(self: Rc<Self>) -> Rc<Self> {
        let mut s = (*self).clone();
        s.generation += 1;
        Rc::new(s)
    }
}

impl Default for AppState {
    fn default() -> AppState {
        AppState::new()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Submit(line) => {
                let prompt = self.session.borrow().prompt();
                self.screen
                    .borrow_mut()
                    .write(Style::Input, &format!("{prompt}{line}\n"));
                let (_, outs) = {
                    let mut s = self.session.borrow_mut();
                    let r = s.submit(&line);
                    if r.0 == Submitted::Incomplete {
                        (r.0, Vec::new())
                    } else {
                        r
                    }
                };
                self.screen.borrow_mut().write_outputs(&outs);
                self.bumped()
            }
            Action::Tick => {
                let now = self.clock.borrow().now();
                let outs = self.session.borrow_mut().poll(now);
                if outs.is_empty() && !self.session.borrow().busy() {
                    // Ages and states change as time passes only in what commands print,
                    // so an idle tick re-renders nothing.
                    return self;
                }
                self.screen.borrow_mut().write_outputs(&outs);
                self.bumped()
            }
            Action::Interrupt => {
                let outs = self.session.borrow_mut().interrupt();
                let mut screen = self.screen.borrow_mut();
                screen.write(Style::Input, "^C\n");
                screen.write_outputs(&outs);
                drop(screen);
                self.bumped()
            }
            Action::ClearScreen => {
                self.screen.borrow_mut().clear();
                self.bumped()
            }
        }
    }
}
