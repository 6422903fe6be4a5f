//! Errors and warnings: plain values naming the file and, where known, the line.

use std::fmt;

/// What went wrong while reading a lesson folder or a course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A JSON file is not valid JSON or does not have the expected shape.
    Json,
    /// A file that the lesson refers to is not in the folder.
    MissingFile,
    /// A text file is not valid UTF-8.
    NotUtf8,
    /// A file is larger than [`crate::MAX_TEXT_FILE`].
    TooLarge,
    /// A markdown page uses an extension wrongly (e.g. an unclosed `<pre class="file">`).
    Markdown,
    /// A value in index.json is well-formed JSON but not acceptable (e.g. a bad check path).
    Invalid,
    /// Reading the folder from disk failed (native loader only).
    Io,
}

/// An error value: the file (relative to the lesson folder), the line and column when known
/// (1-based), and a message for the lesson author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    pub kind: ErrorKind,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl LessonError {
    pub(crate) fn new(kind: ErrorKind, file: &str, line: Option<usize>, message: String) -> Self {
        LessonError {
            kind,
            file: file.to_string(),
            line,
            column: None,
            message,
        }
    }

    pub(crate) fn json(file: &str, err: &serde_json::Error) -> Self {
        let line = (err.line() > 0).then_some(err.line());
        let column = (err.column() > 0).then_some(err.column());
        // serde_json appends " at line L column C"; the location is kept in the fields.
        let text = err.to_string();
        let message = match text.rfind(" at line ") {
            Some(i) if line.is_some() => text.get(..i).unwrap_or(&text).to_string(),
            _ => text,
        };
        LessonError {
            kind: ErrorKind::Json,
            file: file.to_string(),
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LessonError {}

/// Something the lesson uses that kubeplay does not support, or tolerates with a change.
/// The lesson still loads; the UI or the CLI shows these to the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub(crate) fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Warning {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

/// Decodes a text file: UTF-8 (a BOM is dropped), size-limited; errors name the file and line.
pub(crate) fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LessonError> {
    if bytes.len() > crate::MAX_TEXT_FILE {
        return Err(LessonError::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!(
                "file is {} bytes; text files are limited to {} bytes",
                bytes.len(),
                crate::MAX_TEXT_FILE
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = good.iter().filter(|&&c| c == b'\n').count() + 1;
        LessonError::new(
            ErrorKind::NotUtf8,
            file,
            Some(line),
            "file is not valid UTF-8 text".into(),
        )
    })
}
