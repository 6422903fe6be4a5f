//! Native helpers: load a folder from disk into [`Files`] (not on wasm, where the browser
//! fetches the files).

use std::path::Path;

use crate::error::{ErrorKind, LessonError};
use crate::{Course, Files, Scenario};

/// Deepest folder nesting read.
const MAX_DEPTH: usize = 16;

/// Reads every file under `dir` (recursively; hidden files and folders and symbolic links
/// are skipped) into a map keyed by `/`-separated relative paths.
pub fn read_dir(dir: &Path) -> Result<Files, LessonError> {
    let mut files = Files::new();
    walk(dir, "", 0, &mut files)?;
    Ok(files)
}

fn io_error(path: &Path, e: &std::io::Error) -> LessonError {
    LessonError::new(
        ErrorKind::Io,
        &path.display().to_string(),
        None,
        e.to_string(),
    )
}

fn walk(dir: &Path, prefix: &str, depth: usize, files: &mut Files) -> Result<(), LessonError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io_error(&path, &e))?;
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if kind.is_dir() {
            walk(&path, &rel, depth + 1, files)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| io_error(&path, &e))?;
            files.insert(rel, bytes);
        }
    }
    Ok(())
}

/// Reads the scenario folder `dir`; its id is the folder's name.
pub fn load_scenario(dir: &Path) -> Result<Scenario, LessonError> {
    let files = read_dir(dir)?;
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Scenario::from_files(&id, &files)
}

/// Reads the course file (`structure.json` or `*-pathway.json`) of the folder `dir`.
pub fn load_course(dir: &Path) -> Result<Course, LessonError> {
    let mut files = Files::new();
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(dir, &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && entry.file_type().is_ok_and(|t| t.is_file()) {
            let bytes = std::fs::read(entry.path()).map_err(|e| io_error(&entry.path(), &e))?;
            files.insert(name, bytes);
        }
    }
    Course::from_files(&files)
}
