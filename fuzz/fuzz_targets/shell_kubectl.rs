//! kubectl commands assembled from verbs, resources, flags and values the fuzzer picks, so that
//! it reaches deep into every verb; a rejected `kubectl create` must change nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shell::SessionState;
use std::sync::OnceLock;

static BASE: OnceLock<SessionState> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    kubeplay_fuzz::shell_kubectl(BASE.get_or_init(kubeplay_fuzz::prepare), data);
});
