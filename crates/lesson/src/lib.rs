//! The lesson format: Katacoda and Killercoda scenario folders.
//!
//! A lesson is a folder (`index.json`, markdown pages, scripts, `assets/`). This crate does
//! not read the disk: callers hand it the folder as [`Files`] (the browser fetches them;
//! the native side can use [`read_dir`]). It gives back a [`Scenario`]: pages rendered to
//! sanitized HTML with typed [`Action`]s (`{{execute}}`, `{{copy}}`, `{{open}}`, copy-to-
//! editor blocks), verify scripts, and step [`Check`]s on cluster objects. A [`Course`]
//! orders lessons. Errors are [`LessonError`] values naming the file and line; unsupported
//! features become [`Warning`]s. See `lessons/README.md` for the authoring guide.

use std::collections::BTreeMap;

mod action;
mod check;
mod course;
mod error;
mod markdown;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod sanitize;
mod scenario;

pub use action::{Action, WriteTarget};
pub use check::Check;
pub use course::{Course, CourseEntry};
pub use error::{ErrorKind, LessonError, Warning};
pub use markdown::Page;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{load_course, load_scenario, read_dir};
pub use sanitize::{check_url, decode_entities, sanitize_html, CheckedUrl, UrlUse};
pub use scenario::{Asset, Scenario, Step};

/// A lesson folder in memory: `/`-separated paths relative to the folder -> file contents.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Largest text file (index.json, markdown, scripts) accepted: 2 MiB.
pub const MAX_TEXT_FILE: usize = 2 * 1024 * 1024;
