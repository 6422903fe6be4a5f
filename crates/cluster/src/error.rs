//! API errors as values, worded as the API server words its `metav1.Status`.

use std::fmt;

/// One field problem in an `Invalid` error (`field.Error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field path (`spec.replicas`).
    pub field: String,
    /// The whole message after the path (`Invalid value: -1: must be greater than or equal to 0`).
    pub detail: String,
}

impl FieldError {
    /// `Required value`, optionally with a detail.
    pub fn required(field: impl Into<String>, detail: &str) -> FieldError {
        let detail = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        FieldError {
            field: field.into(),
            detail,
        }
    }

    /// `Invalid value: <value>: <detail>`; `value` is already rendered the way Go's `%#v` would.
    pub fn invalid(field: impl Into<String>, value: &str, detail: &str) -> FieldError {
        FieldError {
            field: field.into(),
            detail: format!("Invalid value: {value}: {detail}"),
        }
    }

    /// `Unsupported value: "x": supported values: "a", "b"`.
    pub fn unsupported(field: impl Into<String>, value: &str, supported: &[&str]) -> FieldError {
        let list = supported
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        FieldError {
            field: field.into(),
            detail: format!("Unsupported value: {value:?}: supported values: {list}"),
        }
    }

    /// `Duplicate value: <value>`.
    pub fn duplicate(field: impl Into<String>, value: &str) -> FieldError {
        FieldError {
            field: field.into(),
            detail: format!("Duplicate value: {value}"),
        }
    }

    /// `Forbidden: <detail>`.
    pub fn forbidden(field: impl Into<String>, detail: &str) -> FieldError {
        FieldError {
            field: field.into(),
            detail: format!("Forbidden: {detail}"),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.detail)
    }
}

/// What the API server answers when it refuses a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 404: `pods "x" not found`.
    NotFound {
        /// `pods`, `deployments.apps`.
        resource: String,
        /// The missing name.
        name: String,
    },
    /// 409: `deployments.apps "web" already exists`.
    AlreadyExists {
        /// `deployments.apps`.
        resource: String,
        /// The existing name.
        name: String,
    },
    /// 422: `The Deployment "web" is invalid: ...`.
    Invalid {
        /// The kind (`Deployment`).
        kind: String,
        /// The kind's API group (`apps`; empty for the core group).
        group: String,
        /// The object's name.
        name: String,
        /// What is wrong, field by field.
        causes: Vec<FieldError>,
    },
    /// 400 with a message (strict decoding errors, unknown versions).
    BadRequest(String),
    /// 409 Conflict with a message.
    Conflict(String),
    /// 403 with a message (for example a namespace being terminated).
    Forbidden(String),
    /// 405 with a message.
    MethodNotAllowed(String),
    /// 500 without a reason: a storage failure passed through as etcd words it
    /// (`etcdserver: mvcc: database space exceeded`).
    Storage(String),
    /// No such resource type: `no matches for kind "X" in version "v"`.
    NoKindMatch {
        /// The kind asked for.
        kind: String,
        /// The apiVersion asked for.
        api_version: String,
    },
}

impl ApiError {
    /// The `metav1.StatusReason` kubectl prints in parentheses (empty: `Error from server: ...`).
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Invalid { .. } => "Invalid",
            ApiError::BadRequest(_) => "BadRequest",
            ApiError::Conflict(_) => "Conflict",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::MethodNotAllowed(_) => "MethodNotAllowed",
            ApiError::Storage(_) => "",
            ApiError::NoKindMatch { .. } => "NotFound",
        }
    }

    /// Whether this is a 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound { .. })
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound { resource, name } => write!(f, "{resource} \"{name}\" not found"),
            ApiError::AlreadyExists { resource, name } => {
                write!(f, "{resource} \"{name}\" already exists")
            }
            ApiError::Invalid {
                kind,
                group,
                name,
                causes,
            } => {
                if group.is_empty() {
                    write!(f, "{kind} \"{name}\" is invalid: ")?;
                } else {
                    write!(f, "{kind}.{group} \"{name}\" is invalid: ")?;
                }
                let list: Vec<String> = causes.iter().map(ToString::to_string).collect();
                if list.len() == 1 {
                    write!(f, "{}", list.join(""))
                } else {
                    write!(f, "[{}]", list.join(", "))
                }
            }
            ApiError::BadRequest(m)
            | ApiError::Conflict(m)
            | ApiError::Forbidden(m)
            | ApiError::MethodNotAllowed(m)
            | ApiError::Storage(m) => write!(f, "{m}"),
            ApiError::NoKindMatch { kind, api_version } => {
                write!(
                    f,
                    "no matches for kind \"{kind}\" in version \"{api_version}\""
                )
            }
        }
    }
}
