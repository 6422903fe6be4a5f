//! Arbitrary text as what a learner types: one or more lines into a prepared session.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shell::SessionState;
use std::sync::OnceLock;

static BASE: OnceLock<SessionState> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    kubeplay_fuzz::shell_line(BASE.get_or_init(kubeplay_fuzz::prepare), data);
});
