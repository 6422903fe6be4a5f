//! What each dependency costs: `twiggy top` over the release wasm before wasm-bindgen and
//! wasm-opt (it still has its name section), shallow bytes summed per crate from the demangled
//! symbol paths; data segments, wasm tables and what never ships (names, wasm-bindgen's
//! descriptors) as rows of their own. Also: which embedded text files sit in the data.

use super::table::{kb, thousands};
use crate::setup::{output, root, run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a twiggy item's bytes go.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A function of this crate (generic code counts for the crate that defines it).
    Code(String),
    /// A data segment (string constants, tables, embedded files).
    Data,
    /// Types, imports, exports, element and table sections.
    Tables,
    /// Dropped before shipping: the name section (by wasm-opt), wasm-bindgen's descriptors and
    /// custom sections (by wasm-bindgen).
    NotShipped,
}

/// The crate std's own code and generics instantiated elsewhere are filed under.
pub const STD: &str = "core/alloc/std";

/// twiggy from crates.io when missing (`cargo install`, showing its progress).
pub fn ensure() -> Result<PathBuf, String> {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    let installed = home.join("bin/twiggy");
    for cand in [installed.clone(), PathBuf::from("twiggy")] {
        if output(Command::new(&cand).arg("--version")).is_some() {
            return Ok(cand);
        }
    }
    println!("==> installing twiggy from crates.io (about 2 minutes on 2 cores)");
    let fast = |cmd: &mut Command| {
        cmd.env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    };
    let mut locked = Command::new("cargo");
    locked.args(["install", "--locked", "twiggy"]);
    fast(&mut locked);
    if run(&mut locked).is_err() {
        // As with wasm-bindgen-cli: its lockfile may name a version this registry lacks.
        let mut loose = Command::new("cargo");
        loose.args(["install", "twiggy"]);
        fast(&mut loose);
        run(&mut loose)?;
    }
    Ok(installed)
}

/// The crate of a demangled symbol: the first path segment, past `<`, `&`, `mut`, `dyn` and
/// rustc's `[hash]` suffix. Primitives and generic parameters (`<T as …>`) are std's.
pub fn crate_of(name: &str) -> String {
    let mut s = name.trim_start();
    loop {
        let t = s.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
        let t = ["mut ", "const ", "dyn ", "impl "]
            .iter()
            .fold(t, |t, p| t.strip_prefix(p).unwrap_or(t));
        if t == s {
            break;
        }
        s = t;
    }
    let ident: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    const PRIMITIVES: &[&str] = &[
        "str", "char", "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ];
    let single_upper = ident.len() == 1 && ident.chars().all(|c| c.is_ascii_uppercase());
    let glue = ident.starts_with("__wbg")
        || ident.starts_with("__wbindgen")
        || ident.starts_with("__externref");
    match ident.as_str() {
        _ if glue => "wasm_bindgen".into(),
        "" => "unattributed".into(),
        "core" | "alloc" | "std" | "compiler_builtins" | "dlmalloc" | "main" => STD.into(),
        "kubeplay_web" => "web".into(),
        i if i.starts_with("__") || single_upper || PRIMITIVES.contains(&i) => STD.into(),
        i => i.into(),
    }
}

/// Where one twiggy item belongs.
pub fn classify(name: &str) -> Kind {
    let dropped = name.starts_with("\"function names\"")
        || name.starts_with("custom section")
        || name.contains("__wbindgen_describe")
        || name.contains("wasm_bindgen::describe::");
    if dropped {
        Kind::NotShipped
    } else if name.starts_with("data segment") {
        Kind::Data
    } else if [
        "type[", "import ", "export ", "elem[", "table[", "memory[", "global[",
    ]
    .iter()
    .any(|p| name.starts_with(p))
    {
        Kind::Tables
    } else if name.starts_with("code[") {
        Kind::Code("unattributed".into())
    } else {
        Kind::Code(crate_of(name))
    }
}

/// Bytes per crate and the other rows.
pub struct Costs {
    pub wasm: PathBuf,
    pub total: u64,
    /// (crate, bytes), largest first.
    pub crates: Vec<(String, u64)>,
    pub code: u64,
    pub data: u64,
    pub tables: u64,
    pub not_shipped: u64,
    /// Functions with several instances (generics), by total size: (path, instances, bytes).
    pub generics: Vec<(String, usize, u64)>,
    /// Embedded files found whole in the wasm: (path, bytes, times found, brotli bytes).
    pub embedded: Vec<(String, u64, usize, u64)>,
}

/// Runs twiggy on `wasm` and sums its items.
pub fn analyse(twiggy: &Path, wasm: &Path) -> Result<Costs, String> {
    let out = Command::new(twiggy)
        .args(["top", "-f", "json"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy top failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let items: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("twiggy output: {e}"))?;
    let items = items.as_array().ok_or("twiggy output: not a list")?;
    let mut crates: BTreeMap<String, u64> = BTreeMap::new();
    let mut families: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    let (mut data, mut tables, mut dropped, mut total) = (0, 0, 0, 0);
    for it in items {
        let name = it["name"].as_str().unwrap_or("");
        let size = it["shallow_size"].as_u64().unwrap_or(0);
        total += size;
        match classify(name) {
            Kind::Code(c) => {
                *crates.entry(c).or_default() += size;
                // Without the hash: the instances of one generic function share a path.
                if let Some((path, hash)) = name.rsplit_once("::h") {
                    if hash.len() >= 16 {
                        let e = families.entry(path.to_string()).or_default();
                        e.0 += 1;
                        e.1 += size;
                    }
                }
            }
            Kind::Data => data += size,
            Kind::Tables => tables += size,
            Kind::NotShipped => dropped += size,
        }
    }
    let mut crates: Vec<(String, u64)> = crates.into_iter().collect();
    crates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut generics: Vec<(String, usize, u64)> = families
        .into_iter()
        .filter(|(_, (n, _))| *n > 1)
        .map(|(p, (n, b))| (p, n, b))
        .collect();
    generics.sort_by_key(|g| std::cmp::Reverse(g.2));
    generics.truncate(10);
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    Ok(Costs {
        wasm: wasm.to_path_buf(),
        total,
        code: crates.iter().map(|c| c.1).sum(),
        crates,
        data,
        tables,
        not_shipped: dropped,
        generics,
        embedded: embedded(&bytes)?,
    })
}

/// The files the crates `include_str!`, and how many times each sits whole in `wasm`.
fn embedded(wasm: &[u8]) -> Result<Vec<(String, u64, usize, u64)>, String> {
    // A lossy string keeps every valid UTF-8 run (the embedded text) as it is, and lets std's
    // substring search do the work.
    let hay = String::from_utf8_lossy(wasm);
    let mut out = Vec::new();
    for (rel, path) in included_files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if text.len() < 512 {
            continue;
        }
        let found = hay.matches(text.as_str()).count();
        if found > 0 {
            let br = super::size::brotli(text.as_bytes())?;
            out.push((rel, text.len() as u64, found, br));
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.1 * e.2 as u64));
    Ok(out)
}

/// Every `include_str!("…")` target in crates/*/src, as (path from the root, full path).
fn included_files() -> Vec<(String, PathBuf)> {
    let mut sources = Vec::new();
    collect_rs(&root().join("crates"), &mut sources);
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    for src in sources {
        let Ok(text) = std::fs::read_to_string(&src) else {
            continue;
        };
        for part in text.split("include_str!(\"").skip(1) {
            let Some((target, _)) = part.split_once('"') else {
                continue;
            };
            let Some(dir) = src.parent() else { continue };
            let Ok(full) = dir.join(target).canonicalize() else {
                continue;
            };
            let rel = full
                .strip_prefix(root())
                .map_or_else(|_| full.display().to_string(), |p| p.display().to_string());
            files.insert(rel, full);
        }
    }
    files.into_iter().collect()
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        let name = e.file_name();
        if p.is_dir() && name != "target" && name != "tests" && name != "benches" {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

impl Costs {
    /// Raw bytes that ship (before wasm-opt): code, data and tables.
    pub fn shipped(&self) -> u64 {
        self.code + self.data + self.tables
    }

    /// The "what each dependency costs" section. `wasm_brotli` is the shipped wasm's brotli
    /// size: each row's share of it is an estimate (bytes compress unevenly).
    pub fn markdown(&self, top: usize, wasm_brotli: Option<u64>) -> String {
        let shipped = self.shipped().max(1);
        let est = |b: u64| {
            wasm_brotli.map_or("".into(), |w| {
                format!("≈ {}", kb((w as f64 * b as f64 / shipped as f64) as u64))
            })
        };
        let pct = |b: u64, of: u64| format!("{:.1} %", 100.0 * b as f64 / of.max(1) as f64);
        let mut s = format!(
            "`twiggy top` on `{}` ({} bytes: the release build before wasm-bindgen and wasm-opt, \
             which still names its functions). Shallow bytes are summed by the crate the \
             demangled symbol path starts with; generic code counts for the crate that defines \
             it (so `{STD}` holds the `Vec`/`BTreeMap`/sort/fmt code instantiated for the \
             others). Of its {} bytes, {} ship: {} of code, {} of data, {} of tables; the other \
             {} (the name section and wasm-bindgen's descriptors) are removed before shipping. \
             The brotli column spreads the shipped wasm's brotli size by raw share: an estimate.\n\n\
             | crate | bytes | share of code | share of shipped | ≈ brotli |\n|---|---:|---:|---:|---:|\n",
            self.wasm
                .strip_prefix(root())
                .unwrap_or(&self.wasm)
                .display(),
            thousands(self.total),
            thousands(self.total),
            thousands(self.shipped()),
            thousands(self.code),
            thousands(self.data),
            thousands(self.tables),
            thousands(self.not_shipped),
        );
        for (c, b) in self.crates.iter().take(top) {
            s.push_str(&format!(
                "| {c} | {} | {} | {} | {} |\n",
                thousands(*b),
                pct(*b, self.code),
                pct(*b, shipped),
                est(*b)
            ));
        }
        let rest: u64 = self.crates.iter().skip(top).map(|c| c.1).sum();
        let n = self.crates.len().saturating_sub(top);
        if n > 0 {
            s.push_str(&format!(
                "| {n} more crates | {} | {} | {} | {} |\n",
                thousands(rest),
                pct(rest, self.code),
                pct(rest, shipped),
                est(rest)
            ));
        }
        s.push_str(&format!(
            "| data segments | {} | | {} | {} |\n| wasm tables (types, imports, exports) | {} | | {} | {} |\n",
            thousands(self.data),
            pct(self.data, shipped),
            est(self.data),
            thousands(self.tables),
            pct(self.tables, shipped),
            est(self.tables)
        ));
        if !self.embedded.is_empty() {
            s.push_str("\nEmbedded text files found whole in the data segments (`include_str!`):\n\n| file | bytes | copies | brotli alone |\n|---|---:|---:|---:|\n");
            for (f, b, n, br) in &self.embedded {
                s.push_str(&format!(
                    "| {f} | {} | {n} | {} |\n",
                    thousands(*b),
                    kb(*br)
                ));
            }
        }
        if !self.generics.is_empty() {
            s.push_str("\nLargest generic functions, all their instances together:\n\n| function | instances | bytes |\n|---|---:|---:|\n");
            for (p, n, b) in &self.generics {
                s.push_str(&format!(
                    "| `{}` | {n} | {} |\n",
                    p.replace('|', "\\|"),
                    thousands(*b)
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_from_symbols() {
        assert_eq!(crate_of("shell::kubectl::run::hd1e644d05424f3a9"), "shell");
        assert_eq!(
            crate_of("<web::components::state::AppState as yew::functional::hooks::use_reducer::Reducible>::reduce::h1"),
            "web"
        );
        assert_eq!(
            crate_of("<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_seq::h1"),
            "serde_json"
        );
        assert_eq!(
            crate_of("<yew::html::component::lifecycle::CompStateInner<COMP> as yew::X>::view"),
            "yew"
        );
        assert_eq!(
            crate_of("unsafe_libyaml_norway::parser::PEEK_TOKEN::h3"),
            "unsafe_libyaml_norway"
        );
        assert_eq!(
            crate_of("core[c5930c85a12de822]::num::flt2dec::strategy::dragon::format_shortest"),
            STD
        );
        assert_eq!(crate_of("<T as core::fmt::Debug>::fmt"), STD);
        assert_eq!(crate_of("<str>::to_lowercase"), STD);
        assert_eq!(crate_of("<dyn core::any::Any>::type_id"), STD);
        assert_eq!(crate_of("__wbg_jspi_task_poll"), "wasm_bindgen");
        assert_eq!(crate_of("__muloti4"), STD);
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("\"function names\" subsection"), Kind::NotShipped);
        assert_eq!(
            classify("custom section '__wasm_bindgen_unstable'"),
            Kind::NotShipped
        );
        assert_eq!(
            classify("export \"__wbindgen_describe___wbg_new_1\""),
            Kind::NotShipped
        );
        assert_eq!(
            classify("<js_sys::Intl::X as wasm_bindgen::describe::WasmDescribe>::describe::h1"),
            Kind::NotShipped
        );
        assert_eq!(classify("data segment \".rodata\""), Kind::Data);
        assert_eq!(classify("type[45]: (i32) -> nil"), Kind::Tables);
        assert_eq!(classify("code[12]"), Kind::Code("unattributed".into()));
        assert_eq!(
            classify("pulldown_cmark::parse::Parser<F>::handle_inline_pass1::h1"),
            Kind::Code("pulldown_cmark".into())
        );
    }
}
