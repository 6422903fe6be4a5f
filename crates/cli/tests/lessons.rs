//! Every lesson in `lessons/` runs from start to end: each execute snippet succeeds and every
//! step check passes. A broken lesson fails CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use cli::runner::{run_all, Options};
use std::path::Path;

#[test]
fn every_lesson_runs_and_passes_its_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    let mut ran = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("index.json").exists() {
            continue;
        }
        let scenario =
            lesson::load_scenario(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let report = run_all(&scenario, Options::default());
        ran += 1;
        if !report.failures.is_empty() {
            problems.push(format!(
                "{}:\n{}\n\n{}",
                dir.display(),
                report.failures.join("\n"),
                report.transcript
            ));
        }
    }
    assert!(
        ran >= 2,
        "expected the Spanish and English lessons, ran {ran}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_spanish_lesson_teaches_what_it_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/servicios-es");
    let scenario = lesson::load_scenario(&dir).unwrap();
    let report = run_all(&scenario, Options::default());
    let t = &report.transcript;
    // Deleting the pods brings new ones with new names and addresses.
    assert!(t.contains("pod \"web-"), "{t}");
    // The headless name resolves to every ready pod.
    let headless = t
        .split("$ kubectl exec -ti dnsutils -- nslookup web-headless")
        .nth(1)
        .unwrap();
    let addresses = headless
        .lines()
        .take_while(|l| !l.starts_with("$ "))
        .filter(|l| l.starts_with("Address: 10.244."))
        .count();
    assert_eq!(addresses, 3, "{headless}");
    // The service name resolves to its ClusterIP.
    let svc = t
        .split("$ kubectl exec -ti dnsutils -- nslookup web-service")
        .nth(1)
        .unwrap();
    assert!(
        svc.contains("Name:\tweb-service.default.svc.cluster.local\nAddress: 10.96."),
        "{svc}"
    );
}
