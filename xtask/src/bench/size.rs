//! Transfer sizes of `dist/`: raw, gzip (-9) and brotli (quality 11, window 22), as a static
//! host serving precompressed files would send them; and the total against the budget.

use super::table::{kb, thousands, Row, Verdict};
use std::io::Write;
use std::path::Path;

/// The transfer-size budget of everything the page loads, brotli, in bytes.
pub const BUDGET_BROTLI: u64 = 300_000;

/// One file's sizes.
pub struct FileSize {
    /// Relative to `dist/`, with `/`.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// gzip -9 of `bytes`, in bytes.
pub fn gzip(bytes: &[u8]) -> Result<u64, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    let out = enc.finish().map_err(|e| format!("gzip: {e}"))?;
    Ok(out.len() as u64)
}

/// brotli at quality 11 with a 4 MB window (the `brotli` CLI's defaults), in bytes.
pub fn brotli(bytes: &[u8]) -> Result<u64, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out.len() as u64)
}

/// Every file under `dir`, sorted by path.
pub fn measure_dir(dir: &Path) -> Result<Vec<FileSize>, String> {
    let mut files = Vec::new();
    walk(dir, "", &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<FileSize>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let path = entry.path();
        if path.is_dir() {
            walk(&path, &rel, out)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            out.push(FileSize {
                path: rel,
                raw: bytes.len() as u64,
                gzip: gzip(&bytes)?,
                brotli: brotli(&bytes)?,
            });
        }
    }
    Ok(())
}

fn sizes(f: &FileSize) -> String {
    format!(
        "{} br · {} gz · {} raw",
        kb(f.brotli),
        kb(f.gzip),
        kb(f.raw)
    )
}

/// One row per file and the total of what the page loads at start. `loaded` is the list of
/// files the browser fetched on a cold load, when it ran; without it every file counts.
pub fn rows(files: &[FileSize], loaded: Option<&[String]>) -> (Vec<Row>, u64) {
    let at_start = |p: &str| loaded.is_none_or(|l| l.iter().any(|x| x == p));
    let mut rows = Vec::new();
    for f in files {
        let note = if at_start(&f.path) {
            ""
        } else {
            "not loaded at start"
        };
        rows.push(Row::new(
            "size",
            &format!("dist/{}", f.path),
            sizes(f),
            note,
            Verdict::Info,
        ));
    }
    let counted: Vec<&FileSize> = files.iter().filter(|f| at_start(&f.path)).collect();
    let total = FileSize {
        path: String::new(),
        raw: counted.iter().map(|f| f.raw).sum(),
        gzip: counted.iter().map(|f| f.gzip).sum(),
        brotli: counted.iter().map(|f| f.brotli).sum(),
    };
    let which = if loaded.is_some() {
        format!("{} files a cold load fetched", counted.len())
    } else {
        format!(
            "all {} files in dist/ (the browser run that lists what loads was skipped)",
            counted.len()
        )
    };
    rows.push(Row::new(
        "size",
        &format!("**total transfer**: {which}"),
        format!("**{}** ({} bytes)", sizes(&total), thousands(total.brotli)),
        &format!("≤ {} brotli", kb(BUDGET_BROTLI)),
        Verdict::of(total.brotli <= BUDGET_BROTLI),
    ));
    (rows, total.brotli)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses() {
        let text = "kubectl get pods -o wide\n".repeat(200);
        let raw = text.len() as u64;
        let gz = gzip(text.as_bytes()).unwrap_or(raw);
        let br = brotli(text.as_bytes()).unwrap_or(raw);
        assert!(gz < raw / 10, "{gz}");
        assert!(br < raw / 10, "{br}");
    }

    #[test]
    fn total_counts_what_loads() {
        let f = |p: &str, n| FileSize {
            path: p.into(),
            raw: n,
            gzip: n,
            brotli: n,
        };
        let files = [f("a.wasm", 200_000), f("lessons/README.md", 5_000)];
        let loaded = vec!["a.wasm".to_string()];
        let (rows, total) = rows(&files, Some(&loaded));
        assert_eq!(total, 200_000);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows.last().map(|r| r.verdict), Some(Verdict::Pass));
        let (_, all) = super::rows(&files, None);
        assert_eq!(all, 205_000);
    }
}
