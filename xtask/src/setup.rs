//! Installs the toolchain the build needs, skipping what is already there at the right version.
//! Only package registries are used: crates.io, npm and Debian; nothing downloads a binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Trunk 0.22 needs a newer rustc than this project's; 0.21.14 is the one proven here.
pub const TRUNK_VERSION: &str = "0.21.14";

/// The repository root.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Runs a command, streaming its output; `Err` on failure.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// A command's trimmed stdout, if it runs.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn step(what: &str) -> Instant {
    println!("==> {what}");
    Instant::now()
}

fn done(t: Instant) {
    println!("    done in {:.1} s", t.elapsed().as_secs_f64());
}

/// The wasm-bindgen version Cargo.lock pins (the CLI must match it exactly).
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|v| v.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

/// `rustup target add wasm32-unknown-unknown` when missing.
pub fn wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l == "wasm32-unknown-unknown") {
        return Ok(());
    }
    let t = step("adding the wasm32-unknown-unknown target (rustup)");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    done(t);
    Ok(())
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    home.join("bin").join(name)
}

/// trunk at [`TRUNK_VERSION`].
pub fn trunk() -> Result<(), String> {
    let have = output(Command::new(cargo_bin("trunk")).arg("--version")).unwrap_or_default();
    if have == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    let t = step(&format!(
        "installing trunk {TRUNK_VERSION} from crates.io (about 5 minutes on 2 cores)"
    ));
    run(Command::new("cargo")
        .args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"))?;
    done(t);
    Ok(())
}

/// wasm-bindgen-cli at the Cargo.lock version (without `--locked`: its lockfile names a crate
/// version the registry lacks).
pub fn wasm_bindgen() -> Result<(), String> {
    let want = wasm_bindgen_version()?;
    let have = output(Command::new(cargo_bin("wasm-bindgen")).arg("--version")).unwrap_or_default();
    if have == format!("wasm-bindgen {want}") {
        return Ok(());
    }
    let t = step(&format!(
        "installing wasm-bindgen-cli {want} from crates.io (about 2 minutes)"
    ));
    run(Command::new("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &want])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"))?;
    done(t);
    Ok(())
}

/// playwright-core and binaryen (wasm-opt) from npm, into e2e/node_modules.
pub fn npm() -> Result<(), String> {
    let e2e = root().join("e2e");
    let ok = e2e.join("node_modules/.bin/wasm-opt").exists()
        && e2e.join("node_modules/playwright-core").exists();
    if ok {
        return Ok(());
    }
    let t = step("installing playwright-core and binaryen from npm (e2e/)");
    let lock = e2e.join("package-lock.json").exists();
    run(Command::new("npm")
        .args(if lock {
            vec!["ci", "--no-audit", "--no-fund"]
        } else {
            vec!["install", "--no-audit", "--no-fund"]
        })
        .current_dir(&e2e))?;
    done(t);
    Ok(())
}

/// Debian's Chromium and ChromeDriver, when missing.
pub fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    let t = step("installing chromium and chromium-driver from Debian (about 1 minute)");
    let root_user = output(Command::new("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| -> Result<(), String> {
        if root_user {
            run(Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"))
        } else {
            run(Command::new("sudo")
                .arg("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"))
        }
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "chromium", "chromium-driver"])?;
    done(t);
    Ok(())
}

/// Everything, in order.
pub fn all() -> Result<(), String> {
    let t = Instant::now();
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm()?;
    chromium()?;
    println!("==> set-up complete in {:.1} s", t.elapsed().as_secs_f64());
    Ok(())
}

/// PATH with the installed tools first (npm's wasm-opt before any older one).
pub fn tool_path() -> String {
    let mut parts = vec![root().join("e2e/node_modules/.bin").display().to_string()];
    if let Some(p) = cargo_bin("trunk").parent() {
        parts.push(p.display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}
