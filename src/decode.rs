//! Decoding error bodies back into the generated types, for clients.
//!
//! Bodies come from the network, so everything here is linear in the size
//! of the body and never panics: the body is read and checked by
//! [`crate::body_walk`], the entry found by its code (a binary search),
//! and a message taken apart by [`crate::message_match`], one substring
//! search per literal.

use crate::body_walk::{self, Details, Found, Members, Target, Targets, Walk, path_text};
use crate::decode_table::{DecodeTable, EntryWire, Family, Piece};
use crate::from_wire::FromWire;
use crate::info::EntryInfo;
use crate::message_match::{Fixed, capture};
use crate::received::Received;
use crate::unknown::category_of;
use serde_core::de::DeserializeSeed;
use serde_json::Value as Json;
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
    /// The code is that of an error the catalogue removed (`removed:`); a
    /// type with a catch-all gives the catch-all instead.
    Removed {
        /// The code found in the body.
        code: String,
        /// The version that removed it, if the catalogue says.
        since: Option<&'static str>,
        /// The code of the error that replaces it, if any.
        replaced_by: Option<&'static str>,
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
            DecodeError::Removed {
                code,
                since,
                replaced_by,
            } => {
                write!(f, "error code `{code}` was removed")?;
                if let Some(since) = since {
                    write!(f, " in {since}")?;
                }
                if let Some(new) = replaced_by {
                    write!(f, "; it is replaced by `{new}`")?;
                }
                Ok(())
            }
            DecodeError::InvalidDetails {
                code,
                field,
                reason,
            } => write!(
                f,
                "invalid details for error `{code}`: field `{field}`: {reason}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

fn malformed(reason: impl Into<String>) -> DecodeError {
    DecodeError::Malformed {
        reason: reason.into(),
    }
}

/// What the body says about the entry it carries.
pub struct Decoded<'a> {
    info: &'static EntryInfo,
    wire: &'static EntryWire,
    /// The body's parts that carry field values.
    parts: Parts<'a>,
    /// Values taken from the message, by field index.
    captures: Vec<(u16, &'a str)>,
    /// The response's headers, for fields the body does not carry.
    headers: &'a [(&'a str, &'a str)],
    /// What was received, for a code a family took in.
    received: Option<Received>,
}

/// What a client received: the status, the headers (name and value) and
/// the body.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    /// The HTTP status, if known.
    pub status: Option<u16>,
    /// The response headers, for fields sent only in a header.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub body: &'a [u8],
}

/// Finds the entry a body carries and builds the value with `build`, which
/// receives the entry index and the decoded parts.
///
/// # Errors
/// When the body is not JSON, has no code where the envelope puts it, has
/// an unknown or removed code, or has details of the wrong shape.
pub fn decode<E>(
    table: &'static DecodeTable,
    response: Response<'_>,
    build: impl FnOnce(usize, &mut Decoded<'_>) -> Result<E, DecodeError>,
) -> Result<E, DecodeError> {
    let Response {
        status,
        headers,
        body,
    } = response;
    let paths = &table.paths;
    let mut found = Found::default();
    let targets: Targets = [
        paths.code.map(|p| (Target::Code, p)),
        paths.doc_url.map(|p| (Target::DocUrl, p)),
        paths.message.map(|p| (Target::Message, p)),
        paths.details.map(|p| (Target::Details, p)),
        paths.merged.map(|(p, _)| (Target::Merged, p)),
    ];
    let mut de = serde_json::Deserializer::from_slice(body);
    Walk {
        depth: 0,
        targets,
        own: paths.merged.map_or(&[][..], |(_, own)| own),
        found: &mut found,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end())
    .map_err(|e| malformed(format!("not JSON: {e}")))?;
    if let Some((path, other)) = &found.not_text {
        return Err(malformed(format!(
            "the value at {} is not a string: {other}",
            path_text(path)
        )));
    }
    let message = found.message.as_deref();
    let (code, candidates) = if let Some(path) = paths.code {
        let code = found
            .code
            .as_deref()
            .ok_or_else(|| malformed(format!("no error code at {}", path_text(path))))?;
        (code, table.with_code(code))
    } else if let Some(path) = paths.doc_url {
        let url = found
            .doc_url
            .as_deref()
            .ok_or_else(|| malformed(format!("no error type at {}", path_text(path))))?;
        (url, table.with_doc_url(url))
    } else {
        return Err(malformed(
            "the envelope carries no code, so bodies cannot be decoded",
        ));
    };
    let details = found
        .details
        .as_ref()
        .filter(|d| !matches!(d, Details::Other(Json::Null)));
    let parts = Parts {
        details,
        merged: found.merged.as_ref(),
    };
    let (index, received) = if candidates.is_empty() {
        (
            unknown_code(table, code, status, body)?,
            Some(Received::new(code, message, status, body)),
        )
    } else {
        (choose(table, candidates, status, message, &parts), None)
    };
    let wire = &table.wire[index];
    // Only fields kept out of the body need the message taken apart.
    let needs_capture = wire.messages.iter().flat_map(|m| m.iter()).any(|piece| {
        matches!(piece, Piece::Field(i) if wire.fields.get(usize::from(*i)).is_some_and(|f| !f.1))
    });
    let captures = match message {
        Some(m) if needs_capture && received.is_none() => wire
            .messages
            .iter()
            .find_map(|pieces| parts.capture(wire, pieces, m))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut decoded = Decoded {
        info: &table.entries[index],
        wire,
        parts,
        captures,
        headers,
        received,
    };
    build(index, &mut decoded)
}

/// The entry of a code the catalogue does not have: its family's
/// fallback, unless the code was removed (a tombstone beats a family).
fn unknown_code(
    table: &DecodeTable,
    code: &str,
    status: Option<u16>,
    body: &[u8],
) -> Result<usize, DecodeError> {
    if let Some(tomb) = table.removed(code) {
        return Err(DecodeError::Removed {
            code: code.into(),
            since: tomb.since,
            replaced_by: tomb.replaced_by,
        });
    }
    // The body is read again for its category only when a family needs
    // it, which is rare.
    let category = table
        .families
        .iter()
        .any(|f| matches!(f, Family::Category(..)))
        .then(|| category_of(table, body))
        .flatten();
    table
        .family(code, category.as_deref(), status)
        .ok_or_else(|| DecodeError::UnknownCode { code: code.into() })
}

/// The parts of a body that carry field values.
#[derive(Clone, Copy)]
struct Parts<'a> {
    /// The details member, unless absent or `null`.
    details: Option<&'a Details<'a>>,
    /// The members merged into the envelope that are not its own.
    merged: Option<&'a Members<'a>>,
}

impl<'a> Parts<'a> {
    /// The body's member for a details field sent in the body.
    fn member(&self, name: &str) -> Option<&'a Json> {
        match (self.details, self.merged) {
            (Some(Details::Members(members)), _) | (_, Some(members)) => {
                body_walk::member(members, name)
            }
            _ => None,
        }
    }

    /// The text a placeholder renders, when the body carries the field's
    /// value: a string as it is, any other scalar as JSON writes it.
    fn known_text(&self, wire: &EntryWire, field: u16) -> Option<String> {
        let &(name, in_body) = wire.fields.get(usize::from(field))?;
        if !in_body || wire.details_value == Some(field) {
            return None;
        }
        match self.member(name)? {
            Json::String(s) => Some(s.clone()),
            v @ (Json::Number(_) | Json::Bool(_)) => Some(v.to_string()),
            _ => None,
        }
    }

    /// Matches `message` against `pieces`, where the values the body
    /// carries are filled in: the values of the other placeholders by
    /// field index, or `None` if the message does not fit.
    fn capture<'m>(
        &self,
        wire: &EntryWire,
        pieces: &[Piece],
        message: &'m str,
    ) -> Option<Vec<(u16, &'m str)>> {
        let fixed: Vec<Fixed<'_>> = pieces
            .iter()
            .map(|piece| match *piece {
                Piece::Lit(text) => Fixed::Text(text.into()),
                Piece::Field(i) => match self.known_text(wire, i) {
                    Some(text) => Fixed::Text(text.into()),
                    None => Fixed::Field(i),
                },
            })
            .collect();
        capture(&fixed, message)
    }

    /// Whether `message` fits any language's template of `wire`.
    fn fits(&self, wire: &EntryWire, message: &str) -> bool {
        wire.messages
            .iter()
            .any(|pieces| has_text(pieces) && self.capture(wire, pieces, message).is_some())
    }
}

/// Whether a template has fixed text (and so says something about the
/// message).
fn has_text(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Lit(l) if !l.is_empty()))
}

/// Among entries sharing a code, the one the body carries:
///
/// 1. an entry whose wire message is fixed text equal to the body's;
/// 2. else an entry whose message template, with some fixed text, fits
///    the body's message;
/// 3. else an entry with the status passed in;
/// 4. else an entry whose message is all placeholder (a message that
///    varies), which fits any body;
/// 5. else the first in catalogue order.
///
/// Within steps 1, 2 and 4, an entry with the status passed in comes
/// first. So a matching message wins over a missing or wrong status (a
/// proxy's 502, a 200 from a batch API), and a message that varies, which
/// says nothing, never wins over the status. The loader warns (W0003)
/// where two entries share a code and this rule cannot tell them apart.
fn choose(
    table: &DecodeTable,
    candidates: &[(&'static str, u32)],
    status: Option<u16>,
    message: Option<&str>,
    parts: &Parts<'_>,
) -> usize {
    let indices = || candidates.iter().map(|&(_, i)| i as usize);
    if let [(_, only)] = candidates {
        return *only as usize;
    }
    let fits_status = |i: usize| status.is_some() && table.entries[i].status == status;
    let best = |keep: &dyn Fn(usize) -> bool| -> Option<usize> {
        indices()
            .filter(|&i| keep(i))
            .min_by_key(|&i| !fits_status(i))
    };
    let wire = |i: usize| &table.wire[i];
    if let Some(m) = message {
        let fixed = |i: usize| {
            wire(i).messages.iter().any(|pieces| {
                pieces.iter().all(|p| matches!(p, Piece::Lit(_))) && concat_eq(pieces, m)
            })
        };
        if let Some(i) = best(&fixed) {
            return i;
        }
        if let Some(i) = best(&|i| parts.fits(wire(i), m)) {
            return i;
        }
    }
    if let Some(i) = indices().find(|&i| fits_status(i)) {
        return i;
    }
    let varies = |i: usize| {
        let own = wire(i).messages.first().copied().unwrap_or_default();
        !own.is_empty() && !has_text(own)
    };
    best(&varies).unwrap_or(candidates[0].1 as usize)
}

/// Whether the literal pieces, joined, equal `text`.
fn concat_eq(pieces: &[Piece], mut text: &str) -> bool {
    for piece in pieces {
        let Piece::Lit(lit) = piece else { return false };
        match text.strip_prefix(lit) {
            Some(rest) => text = rest,
            None => return false,
        }
    }
    text.is_empty()
}

impl Decoded<'_> {
    /// The value of field `index` of the entry's variant: from the details,
    /// else from the message, else from a response header, else absent
    /// (`None`) for an optional field, else an empty placeholder for
    /// values the response never carries.
    ///
    /// # Errors
    /// When the body has a value of the wrong type, or lacks a required
    /// details member.
    pub fn field<T: FromWire>(&mut self, index: u16) -> Result<T, DecodeError> {
        let wire = self.wire;
        let (name, in_body) = wire
            .fields
            .get(usize::from(index))
            .copied()
            .unwrap_or(("", false));
        let code = self.info.code;
        let invalid = |reason: String| DecodeError::InvalidDetails {
            code,
            field: name,
            reason,
        };
        // Value details: the whole details member.
        if wire.details_value == Some(index) {
            return match self.parts.details {
                Some(v) => T::from_json(&v.to_json()).map_err(invalid),
                None => T::when_absent().ok_or_else(|| invalid("the body has no details".into())),
            };
        }
        if in_body {
            return match self.parts.member(name) {
                Some(Json::Null) | None => {
                    T::when_absent().ok_or_else(|| invalid("missing from the details".into()))
                }
                Some(v) => T::from_json(v).map_err(invalid),
            };
        }
        // Not in the body: recover it from the message if it appears there
        // (this is also how a varying message comes back), else from a
        // header that carries it.
        if let Some((_, text)) = self.captures.iter().find(|(i, _)| *i == index) {
            return T::from_text(text)
                .ok_or_else(|| invalid(format!("`{text}` in the message is not a valid value")));
        }
        let header = wire
            .headers
            .iter()
            .filter(|(_, field)| *field == index)
            .find_map(|(h, _)| {
                self.headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(h))
                    .map(|(_, v)| *v)
            });
        if let Some(text) = header {
            return T::from_text(text.trim())
                .ok_or_else(|| invalid(format!("`{text}` in a header is not a valid value")));
        }
        Ok(T::when_absent().unwrap_or_else(T::placeholder))
    }

    /// What was received, for the variant of a family's fallback: the
    /// code, message and body, when the body's code is not the entry's.
    pub fn received(&mut self) -> Received {
        self.received.take().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body_walk::FEW;
    use crate::decode_table::{Paths, Step};
    use crate::info::EntryInfo;

    static TABLE: DecodeTable = DecodeTable {
        entries: &[EntryInfo {
            key: "gone",
            variant: "Gone",
            code: "gone",
            status: Some(410),
            category: "c",
            category_wire: "c",
            title: "Gone",
            retryable: None,
            doc_url: None,
            deprecated: false,
            kind: crate::info::Kind::Error,
            extensions: &[],
        }],
        wire: &[EntryWire {
            messages: &[&[Piece::Lit("It is gone.")]],
            fields: &[],
            details_value: None,
            headers: &[],
        }],
        by_code: &[("gone", 0)],
        by_doc_url: &[],
        families: &[],
        removed: &[],
        paths: Paths {
            code: Some(&[Step::Key("error"), Step::Key("code")]),
            doc_url: None,
            message: Some(&[Step::Key("error"), Step::Key("message")]),
            details: Some(&[Step::Key("error"), Step::Key("details")]),
            category: None,
            merged: None,
        },
    };

    fn decode_index(body: &[u8]) -> Result<usize, DecodeError> {
        decode(
            &TABLE,
            Response {
                status: None,
                headers: &[],
                body,
            },
            |i, _| Ok(i),
        )
    }

    #[test]
    fn repeated_members_and_invalid_text_are_malformed_wherever_they_are() {
        let ok = br#"{"error":{"code":"gone","details":{"a":[{"b":1},{"b":2}]}},"x":{"y":1}}"#;
        assert_eq!(decode_index(ok), Ok(0));
        // Objects past the names compared as they come: a repeat across
        // the boundary, and one far past it.
        let members = |n: usize, repeat: Option<(usize, usize)>| {
            let names: Vec<String> = (0..n)
                .map(|i| match repeat {
                    Some((first, again)) if i == again => format!("\"m{first}\":0"),
                    _ => format!("\"m{i}\":0"),
                })
                .collect();
            format!(
                r#"{{"error":{{"code":"gone"}},"x":{{{}}}}}"#,
                names.join(",")
            )
        };
        assert_eq!(decode_index(members(30, None).as_bytes()), Ok(0));
        for repeat in [(0, FEW), (2, 25), (FEW + 1, 29), (FEW - 1, FEW)] {
            let body = members(30, Some(repeat));
            assert!(decode_index(body.as_bytes()).is_err(), "{body}");
        }
        for body in [
            &br#"{"error":{"code":"gone","code":"gone"}}"#[..],
            br#"{"error":{"code":"gone"},"error":{"code":"gone"}}"#,
            br#"{"error":{"code":"gone"},"x":{"y":1,"y":2}}"#,
            br#"{"error":{"code":"gone","details":{"a":1,"a":1}}}"#,
            br#"{"error":{"code":"gone","other":[{"c":1,"c":1}]}}"#,
            b"{\"error\":{\"code\":\"gone\"},\"skipped\":\"\xff\"}",
            br#"{"error":{"code":"gone"},"skipped":"\ud800"}"#,
            br#"{"error":{"code":"gone"},"skipped":"\udc00\ud800"}"#,
            br#"{"error":{"code":"gone"}} trailing"#,
            b"",
        ] {
            let result = decode_index(body);
            assert!(
                matches!(result, Err(DecodeError::Malformed { .. })),
                "{}: {result:?}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
