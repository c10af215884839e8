//! Decoding error bodies back into the generated types, for clients.

use crate::program::{Entry, MsgPiece, capture};
use serde_json::{Map, Value as Json};
use std::fmt;

/// Why a body could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not JSON, or does not have the envelope's shape.
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The body's code is not in the catalogue.
    UnknownCode {
        /// The code found in the body.
        code: String,
    },
    /// The code is known, but a details value does not fit its field.
    InvalidDetails {
        /// The error's code.
        code: &'static str,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed { reason } => write!(f, "malformed error body: {reason}"),
            DecodeError::UnknownCode { code } => write!(f, "unknown error code `{code}`"),
            DecodeError::InvalidDetails {
                code,
                field,
                reason,
            } => {
                write!(
                    f,
                    "invalid details for error `{code}`: field `{field}`: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// One step of a path into the envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object member.
    Key(&'static str),
    /// An array element.
    Index(usize),
}

/// Where the envelope keeps what decoding needs.
#[derive(Clone, Copy, Debug, Default)]
pub struct DecodePlan {
    /// The path of `$code`.
    pub code: Option<&'static [Step]>,
    /// The path of `$doc_url`, used when there is no code.
    pub doc_url: Option<&'static [Step]>,
    /// The path of `$message`.
    pub message: Option<&'static [Step]>,
    /// The path of `$details`.
    pub details: Option<&'static [Step]>,
    /// The object holding `$merge: $details`, and the template's own member
    /// names there (which are not details).
    pub merged: Option<(&'static [Step], &'static [&'static str])>,
}

/// The static tables of a generated type, as decoding sees them.
#[derive(Debug)]
pub struct Tables {
    /// Every entry, in variant order.
    pub entries: &'static [Entry],
    /// `(code, entry index)`, sorted by code.
    pub by_code: &'static [(&'static str, u32)],
    /// `(doc url, entry index)`, sorted by url.
    pub by_doc_url: &'static [(&'static str, u32)],
    /// The decode plan.
    pub plan: DecodePlan,
}

fn at<'a>(root: &'a Json, path: &[Step]) -> Option<&'a Json> {
    let mut node = root;
    for step in path {
        node = match (step, node) {
            (Step::Key(k), Json::Object(map)) => map.get(*k)?,
            (Step::Index(i), Json::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "the body".into()
    } else {
        format!("`{out}`")
    }
}

fn matching<'a>(table: &'a [(&'static str, u32)], key: &str) -> &'a [(&'static str, u32)] {
    let start = table.partition_point(|(k, _)| *k < key);
    let end = start + table[start..].partition_point(|(k, _)| *k == key);
    &table[start..end]
}

/// What the body says about the entry it carries.
pub struct Decoded<'a> {
    entry: &'static Entry,
    details: Option<&'a Json>,
    merged: Option<(&'a Map<String, Json>, &'static [&'static str])>,
    captures: Vec<(u16, &'a str)>,
}

/// Finds the entry a body carries and builds the value with `build`, which
/// receives the entry index and the decoded parts.
///
/// # Errors
/// When the body is not JSON, has no code where the envelope puts it, has
/// an unknown code, or has details of the wrong shape.
pub fn decode<E>(
    tables: &Tables,
    status: Option<u16>,
    body: &[u8],
    build: impl FnOnce(usize, &mut Decoded<'_>) -> Result<E, DecodeError>,
) -> Result<E, DecodeError> {
    let root: Json = serde_json::from_slice(body).map_err(|e| DecodeError::Malformed {
        reason: format!("not JSON: {e}"),
    })?;
    let plan = &tables.plan;
    let message = plan
        .message
        .and_then(|p| at(&root, p))
        .and_then(Json::as_str);
    let candidates = if let Some(path) = plan.code {
        let code = match at(&root, path) {
            Some(Json::String(code)) => code.as_str(),
            Some(other) => {
                return Err(DecodeError::Malformed {
                    reason: format!("the code at {} is not a string: {other}", path_text(path)),
                });
            }
            None => {
                return Err(DecodeError::Malformed {
                    reason: format!("no error code at {}", path_text(path)),
                });
            }
        };
        let found = matching(tables.by_code, code);
        if found.is_empty() {
            return Err(DecodeError::UnknownCode {
                code: code.to_owned(),
            });
        }
        found
    } else if let Some(path) = plan.doc_url {
        let Some(url) = at(&root, path).and_then(Json::as_str) else {
            return Err(DecodeError::Malformed {
                reason: format!("no error type at {}", path_text(path)),
            });
        };
        let found = matching(tables.by_doc_url, url);
        if found.is_empty() {
            return Err(DecodeError::UnknownCode {
                code: url.to_owned(),
            });
        }
        found
    } else {
        return Err(DecodeError::Malformed {
            reason: "the envelope carries no code, so bodies cannot be decoded".into(),
        });
    };

    let index = choose(tables, candidates, status, message);
    let entries: &'static [Entry] = tables.entries;
    let entry = &entries[index];
    let mut captures = Vec::new();
    if let Some(text) = message
        && !capture(entry.wire_message, text, &mut captures)
    {
        captures.clear();
    }
    let merged = plan
        .merged
        .and_then(|(path, skip)| at(&root, path).and_then(Json::as_object).map(|m| (m, skip)));
    let mut decoded = Decoded {
        entry,
        details: plan
            .details
            .and_then(|p| at(&root, p))
            .filter(|v| !v.is_null()),
        merged,
        captures,
    };
    build(index, &mut decoded)
}

/// Among entries sharing a code: the one whose status and message fit, else
/// the one whose status fits, else the first.
fn choose(
    tables: &Tables,
    candidates: &[(&'static str, u32)],
    status: Option<u16>,
    message: Option<&str>,
) -> usize {
    if let [(_, only)] = candidates {
        return *only as usize;
    }
    let fits_status = |i: u32| status.is_none() || tables.entries[i as usize].info.status == status;
    let fits_message = |i: u32| {
        message
            .is_some_and(|m| capture(tables.entries[i as usize].wire_message, m, &mut Vec::new()))
    };
    let pick = candidates
        .iter()
        .find(|(_, i)| {
            fits_status(*i)
                && fits_message(*i)
                && is_fixed(tables.entries[*i as usize].wire_message)
        })
        .or_else(|| {
            candidates
                .iter()
                .find(|(_, i)| fits_status(*i) && fits_message(*i))
        })
        .or_else(|| candidates.iter().find(|(_, i)| fits_status(*i)))
        .unwrap_or(&candidates[0]);
    pick.1 as usize
}

fn is_fixed(pieces: &[MsgPiece]) -> bool {
    pieces.iter().all(|p| matches!(p, MsgPiece::Lit(..)))
}

impl Decoded<'_> {
    /// The value of field `index` of the entry's variant: from the details,
    /// else from the message, else absent (`None`) for an optional field,
    /// else an empty placeholder for values the body never carries.
    ///
    /// # Errors
    /// When the body has a value of the wrong type, or lacks a required
    /// details member.
    pub fn field<T: FromWire>(&mut self, index: u16) -> Result<T, DecodeError> {
        let entry = self.entry;
        let spec = entry.fields[usize::from(index)];
        let invalid = |reason: String| DecodeError::InvalidDetails {
            code: entry.info.code,
            field: spec.name,
            reason,
        };
        // Value details: the whole details member.
        if entry.details_value == Some(index) {
            return match self.details {
                Some(v) => T::from_json(v).map_err(invalid),
                None => T::when_absent().ok_or_else(|| invalid("the body has no details".into())),
            };
        }
        if spec.in_body {
            let member = match (self.details, self.merged) {
                (Some(Json::Object(map)), _) => map.get(spec.name),
                (_, Some((map, skip))) if !skip.contains(&spec.name) => map.get(spec.name),
                _ => None,
            };
            return match member {
                Some(Json::Null) | None => {
                    T::when_absent().ok_or_else(|| invalid("missing from the details".into()))
                }
                Some(v) => T::from_json(v).map_err(invalid),
            };
        }
        // Not in the body: recover it from the message if it appears there
        // (this is also how a varying message comes back).
        if let Some((_, text)) = self.captures.iter().find(|(i, _)| *i == index) {
            return T::from_text(text)
                .ok_or_else(|| invalid(format!("`{text}` in the message is not a valid value")));
        }
        Ok(T::when_absent().unwrap_or_else(T::placeholder))
    }
}

/// Field types that can be decoded from a body.
pub trait FromWire: Sized {
    /// From a JSON value in the details.
    ///
    /// # Errors
    /// A reason when the value does not fit.
    fn from_json(value: &Json) -> Result<Self, String>;
    /// From text captured out of a message.
    fn from_text(text: &str) -> Option<Self>;
    /// The value of a missing member: `Some(None)` for `Option`, else `None`.
    fn when_absent() -> Option<Self> {
        None
    }
    /// The value used for a field the body never carries (out of the body,
    /// and not in the message): zero, empty, `false`.
    fn placeholder() -> Self;
}

impl FromWire for String {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("expected a string, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn placeholder() -> Self {
        String::new()
    }
}

macro_rules! from_wire_int {
    ($($t:ty),*) => {$(
        impl FromWire for $t {
            fn from_json(value: &Json) -> Result<Self, String> {
                let n = value.as_i64().map(i128::from).or_else(|| value.as_u64().map(i128::from));
                n.and_then(|n| <$t>::try_from(n).ok()).ok_or_else(|| format!("expected an integer that fits in {}, found {value}", stringify!($t)))
            }
            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
            fn placeholder() -> Self {
                0
            }
        }
    )*};
}
from_wire_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl FromWire for f64 {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_f64()
            .ok_or_else(|| format!("expected a number, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn placeholder() -> Self {
        0.0
    }
}

impl FromWire for bool {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("expected a boolean, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn placeholder() -> Self {
        false
    }
}

impl<T: FromWire> FromWire for Option<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(Some)
    }
    fn when_absent() -> Option<Self> {
        Some(None)
    }
    fn placeholder() -> Self {
        None
    }
}

impl<T: FromWire> FromWire for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        let items = value
            .as_array()
            .ok_or_else(|| format!("expected an array, found {value}"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, v)| T::from_json(v).map_err(|e| format!("item {i}: {e}")))
            .collect()
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
    fn placeholder() -> Self {
        Vec::new()
    }
}

/// Reads member `name` of a JSON object for a generated struct.
///
/// # Errors
/// When the member is missing (and not optional) or has the wrong type.
pub fn member<T: FromWire>(object: &Map<String, Json>, name: &str) -> Result<T, String> {
    match object.get(name) {
        Some(Json::Null) | None => {
            T::when_absent().ok_or_else(|| format!("missing member `{name}`"))
        }
        Some(v) => T::from_json(v).map_err(|e| format!("`{name}`: {e}")),
    }
}
