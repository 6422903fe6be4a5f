//! The `kubeplay` command line's library: the lesson runner (also used by the tests that prove
//! every lesson in `lessons/` works).

pub mod runner;
