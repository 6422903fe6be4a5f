//! kubectl's `-o jsonpath=` template language (being written).

/// Renders a jsonpath template against data.
pub fn render(_template: &str, _data: &serde_json::Value) -> Result<String, String> {
    Err("error: jsonpath output is not available yet".into())
}
