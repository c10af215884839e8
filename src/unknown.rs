//! The catch-all for codes a catalogue does not have.

use crate::decode::DecodeError;
use crate::decode_table::{DecodeTable, Step};
use crate::info::EntryInfo;
use serde_json::Value as Json;
use std::fmt;

/// An error whose code this version of the catalogue does not have, kept
/// whole: the catch-all variant of a type generated with
/// `#[errcat::catalog("errors.yaml", unknown = Unknown)]` holds one.
///
/// A client built against today's catalogue meets a server with
/// tomorrow's. With the catch-all, `from_response` gives
/// `ApiError::Unknown(..)` for a code it does not know, rather than an
/// error, and the value writes the body back byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownError {
    code: String,
    status: Option<u16>,
    message: Option<String>,
    category: Option<String>,
    details: Option<String>,
    body: Box<[u8]>,
}

impl UnknownError {
    /// What `entry()` gives for the catch-all: an entry of no catalogue,
    /// with empty code and key. Use the error's `code()`, which reads the
    /// body's.
    pub const ENTRY: EntryInfo = EntryInfo {
        key: "",
        variant: "",
        code: "",
        status: None,
        category: "",
        category_wire: "",
        title: "Unknown error",
        retryable: None,
        doc_url: None,
        deprecated: false,
        kind: crate::info::Kind::Error,
        extensions: &[],
    };

    /// Reads the parts of `body` that the envelope places, for a body
    /// whose code `table` does not have. The body has been checked by the
    /// decoder already.
    ///
    /// # Errors
    /// When the body is not JSON, or has no code.
    #[doc(hidden)]
    pub fn from_body(
        table: &DecodeTable,
        status: Option<u16>,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        let json: Json = serde_json::from_slice(body).map_err(|e| DecodeError::Malformed {
            reason: format!("not JSON: {e}"),
        })?;
        let plan = &table.paths;
        let text =
            |path: Option<&[Step]>| at(&json, path?).and_then(Json::as_str).map(str::to_owned);
        let code = text(plan.code)
            .or_else(|| text(plan.doc_url))
            .ok_or_else(|| DecodeError::Malformed {
                reason: "no error code".into(),
            })?;
        Ok(UnknownError {
            code,
            status,
            message: text(plan.message),
            category: text(plan.category),
            details: plan
                .details
                .and_then(|p| at(&json, p))
                .filter(|d| !d.is_null())
                .map(Json::to_string),
            body: body.into(),
        })
    }

    /// The code, as the body sent it (the `type` URL for an envelope
    /// without a code).
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The status the body came with, if it was given to `from_response`.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The message, if the body has one where the envelope puts it.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The category as sent on the wire, if the envelope carries one.
    #[must_use]
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }

    /// The details as sent, if the body has any.
    #[must_use]
    pub fn details(&self) -> Option<Json> {
        self.details
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
    }

    /// The body exactly as received; `to_json` writes it back unchanged.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Display for UnknownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => f.write_str(m),
            None => write!(f, "error `{}`", self.code),
        }
    }
}

/// The value at `path`, if there is one.
fn at<'j>(json: &'j Json, path: &[Step]) -> Option<&'j Json> {
    path.iter().try_fold(json, |v, step| match *step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// The body's wire category, for category families.
pub(crate) fn category_of(table: &DecodeTable, body: &[u8]) -> Option<String> {
    let path = table.paths.category?;
    let json: Json = serde_json::from_slice(body).ok()?;
    at(&json, path)?.as_str().map(str::to_owned)
}

/// The details a body carries, as JSON: the member the envelope puts them
/// in, or the members merged into an object that are not the envelope's
/// own. `None` when there are none (absent, `null` or `{}`).
#[doc(hidden)]
#[must_use]
pub fn details_of(table: &DecodeTable, body: &[u8]) -> Option<Json> {
    let json: Json = serde_json::from_slice(body).ok()?;
    let plan = &table.paths;
    if let Some(path) = plan.details {
        let empty = |d: &&Json| d.is_null() || d.as_object().is_some_and(serde_json::Map::is_empty);
        return at(&json, path).filter(|d| !empty(d)).cloned();
    }
    let (path, own) = plan.merged?;
    let mut members = at(&json, path)?.as_object()?.clone();
    members.retain(|name, _| !own.contains(&name.as_str()));
    (!members.is_empty()).then_some(Json::Object(members))
}
