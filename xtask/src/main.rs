//! `cargo xtask <command>`: set-up and automation. A fresh machine needs only the Rust
//! toolchain; everything else is installed here, from package registries only.
// Not shipped in the wasm: the standard sorts are fine here (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod bench;
mod fuzz;
mod schema;
mod setup;
mod tasks;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  setup   install what is missing: wasm32 target, trunk, wasm-bindgen-cli, npm tools, Chromium
  serve   setup, then `trunk serve` on http://127.0.0.1:8080/
  dist    setup, then a release build into dist/ (works from any sub-path of a static host)
  test    fmt, clippy, native tests, wasm check, dist build, browser tests; ends with `N passed, N failed`
  fuzz    run the cargo-fuzz targets in fuzz/ [TARGET] [--runs N | --seconds S] (default 60 s each)
  schema  regenerate crates/cluster/data/{schema,explain}-v1.32.json from PyPI kubernetes-validate
          [--wheel FILE] (use a downloaded wheel) [--out DIR] (default crates/cluster/data)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("serve") => tasks::serve(),
        Some("dist") => tasks::dist(),
        Some("test") => tasks::test(&rest),
        Some("schema") => schema::run(&rest),
        Some("fuzz") => fuzz::run_fuzz(&rest),
        Some("bench") => bench::run(&rest),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
