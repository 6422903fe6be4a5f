//! Arbitrary bytes as a manifest file, then `kubectl apply -f` / `kubectl create -f` and
//! friends. A manifest of one document that is rejected must leave the cluster unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shell::SessionState;
use std::sync::OnceLock;

static BASE: OnceLock<SessionState> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    kubeplay_fuzz::manifest_apply(BASE.get_or_init(kubeplay_fuzz::prepare), data);
});
