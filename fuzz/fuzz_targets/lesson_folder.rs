//! Arbitrary files as a lesson folder (`==> NAME <==` lines start files; what comes before the
//! first is index.json): the scenario and course loaders must answer with a value or an error.
#![no_main]

use kubeplay_fuzz::lesson_files;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = lesson_files(data);
    if let Ok(scenario) = lesson::Scenario::from_files("fuzz", &files) {
        let _ = format!("{scenario:?}");
    }
    let _ = lesson::Course::from_files(&files);
});
