//! Secret values: base64 in `data`, as the API stores them.

use base64::Engine;

/// Decodes a `data` value; undecodable input comes back as it was.
pub fn decode(value: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| value.to_string())
}

/// Encodes a value for `data`.
pub fn encode(value: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(value)
}
