//! The files errcat generates from a catalogue: the Markdown reference
//! (an mdBook site) and the OpenAPI documents, and the set of files that is
//! written atomically or compared with what is on disk.
//!
//! The `errcat` command line and `errcat-build` (with its `docs` feature)
//! both render through this crate, so a catalogue's pages are the same
//! whichever of them writes them. [`catalog_outputs::catalog_files`] is the
//! entry point; the other modules are its parts.

#[cfg(feature = "files")]
pub mod catalog_outputs;
#[cfg(feature = "files")]
pub mod markdown;
pub mod md_escape;
pub mod openapi_document;
#[cfg(feature = "files")]
pub mod openapi_files;
#[cfg(feature = "files")]
pub mod output;
#[cfg(feature = "files")]
pub mod page_context;

// The README's example compiles (it is not run: it reads `errors.yaml`).
#[cfg(all(doctest, feature = "files"))]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

/// A catalogue's JSON value as serde_json's, members in order.
#[must_use]
pub fn to_serde(value: &errcat_catalog::Json) -> serde_json::Value {
    use errcat_catalog::Json;
    use serde_json::Value;
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Int(i) => i64::try_from(*i)
            .map(Value::from)
            .or_else(|_| u64::try_from(*i).map(Value::from))
            .unwrap_or(Value::Null),
        Json::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Json::Str(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}
