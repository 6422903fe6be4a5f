//! The `lesson_folder` target's input format (std only: the lesson crate's tests include it).

use std::collections::BTreeMap;

/// Splits `lesson_folder` input into files: text before the first `==> NAME <==` line is
/// `index.json`, and each such line starts a file (the format `head` prints for many files).
pub fn lesson_files(data: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut name = "index.json".to_string();
    let mut body: Vec<u8> = Vec::new();
    for line in data.split_inclusive(|b| *b == b'\n') {
        let header = line
            .strip_prefix(b"==> ")
            .and_then(|l| l.strip_suffix(b"\n").or(Some(l)))
            .and_then(|l| l.strip_suffix(b" <=="));
        match header {
            Some(n) => {
                files.insert(std::mem::take(&mut name), std::mem::take(&mut body));
                name = String::from_utf8_lossy(n).into_owned();
            }
            None => body.extend_from_slice(line),
        }
    }
    files.insert(name, body);
    files
}
