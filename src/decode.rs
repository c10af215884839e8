//! Decoding error bodies back into the generated types, for clients.
//!
//! Bodies come from the network, so everything here is linear in the size
//! of the body and never panics:
//!
//! - the body is parsed by serde_json, which rejects anything that is not
//!   JSON (invalid UTF-8, lone surrogate escapes, trailing text), and
//!   floats are parsed exactly, so a body written by `to_json` decodes to
//!   the same value;
//! - an object with the same member twice is malformed, wherever it is;
//! - a message is taken apart by matching its template's literal parts
//!   from left to right (each placeholder takes the shortest text that
//!   lets the next literal match), with one substring search per literal.

use crate::info::EntryInfo;
use crate::table::{Piece, Program, Step, Table};
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
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

/// The names of an object's members, to refuse one that appears twice.
/// The first few are compared as they come, without allocating (an error
/// envelope has a handful of members); past them, the names are sorted
/// once at the end, which keeps a hostile object of many members at
/// `n log n`.
#[derive(Default)]
struct Names<'de> {
    few: [Cow<'de, str>; FEW],
    count: usize,
    many: Vec<Cow<'de, str>>,
    repeated: Option<String>,
}

/// How many names [`Names`] compares as they come.
const FEW: usize = 8;

impl<'de> Names<'de> {
    fn add(&mut self, name: Cow<'de, str>) {
        if self.count < FEW {
            if self.repeated.is_none() && self.few[..self.count].contains(&name) {
                self.repeated = Some(name.to_string());
            }
            self.few[self.count] = name;
        } else {
            if self.many.is_empty() {
                self.many.extend(self.few.iter().cloned());
            }
            self.many.push(name);
        }
        self.count += 1;
    }

    /// The first name found twice.
    fn repeated(mut self) -> Option<String> {
        if self.repeated.is_some() {
            return self.repeated;
        }
        self.many.sort_unstable();
        self.many
            .windows(2)
            .find(|w| w[0] == w[1])
            .map(|w| w[0].to_string())
    }
}

fn repeated<E: serde::de::Error>(name: &str) -> E {
    E::custom(format_args!(
        "the member `{name}` appears twice in one object"
    ))
}

/// A member name, borrowed from the body unless it has escapes.
struct Name<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON value kept whole, whose objects have no repeated member.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Map::new();
        while let Some(Name(name)) = map.next_key()? {
            let value = map.next_value_seed(Strict)?;
            match members.entry(name.into_owned()) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(slot) => return Err(repeated(slot.key())),
            }
        }
        Ok(Json::Object(members))
    }
}

/// Text, borrowed from the body unless it has escapes, or (`Err`) any
/// other value, kept for the error message.
struct TextOr;

impl<'de> Visitor<'de> for TextOr {
    type Value = Result<Cow<'de, str>, Json>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v.to_owned())))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Json::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err(Json::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Strict.visit_seq(seq).map(Err)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Strict.visit_map(map).map(Err)
    }
}

/// The visitor methods of scalars, for a visitor that reads nothing from
/// them (serde_json has checked them already).
macro_rules! ignore_scalars {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

/// A value the decoder does not need, read to the end and checked like
/// the rest (serde_json checks strings as it reads them; repeated members
/// are refused here), without keeping it.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    ignore_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut names = Names::default();
        while let Some(Name(name)) = map.next_key()? {
            map.next_value_seed(Skip)?;
            names.add(name);
        }
        names.repeated().map_or(Ok(()), |n| Err(repeated(&n)))
    }
}

/// What decoding reads from a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Code,
    DocUrl,
    Message,
    Details,
    /// The object the details are merged into.
    Merged,
}

/// The places of the body that decoding reads, each with its path.
type Targets = [Option<(Target, &'static [Step])>; 5];

/// What the body holds at the plan's places.
#[derive(Default)]
struct Found<'de> {
    code: Option<Cow<'de, str>>,
    doc_url: Option<Cow<'de, str>>,
    message: Option<Cow<'de, str>>,
    details: Option<Json>,
    merged: Option<Map<String, Json>>,
    /// A place that holds something else than text where text is read.
    not_text: Option<(&'static [Step], String)>,
}

/// One value of the body, at `depth` along the paths of `targets` (only
/// those that lead through it).
struct Walk<'f, 'de> {
    depth: usize,
    targets: Targets,
    found: &'f mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let here = self
            .targets
            .iter()
            .flatten()
            .find(|(t, path)| path.len() == self.depth && *t != Target::Merged);
        let Some(&(target, path)) = here else {
            return d.deserialize_any(self);
        };
        if target == Target::Details {
            self.found.details = Some(Strict.deserialize(d)?);
            return Ok(());
        }
        let text = match d.deserialize_any(TextOr)? {
            Ok(text) => text,
            Err(other) => {
                self.found.not_text = Some((path, other.to_string()));
                return Ok(());
            }
        };
        match target {
            Target::Code => self.found.code = Some(text),
            Target::DocUrl => self.found.doc_url = Some(text),
            _ => self.found.message = Some(text),
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Walk<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the error envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.depth;
        // The template's own members, when this object holds merged details.
        let merged_here = self
            .targets
            .iter()
            .flatten()
            .find_map(|(t, path)| (*t == Target::Merged && path.len() == depth).then_some(()));
        let mut names = Names::default();
        while let Some(Name(name)) = map.next_key()? {
            let mut child: Targets = [None; 5];
            for (slot, target) in child.iter_mut().zip(self.targets) {
                *slot = target.filter(
                    |(_, path)| matches!(path.get(depth), Some(Step::Key(k)) if *k == name),
                );
            }
            if child.iter().any(Option::is_some) {
                map.next_value_seed(Walk {
                    depth: depth + 1,
                    targets: child,
                    found: self.found,
                })?;
            } else if merged_here.is_some() {
                let value = map.next_value_seed(Strict)?;
                self.found
                    .merged
                    .get_or_insert_with(Map::new)
                    .insert(name.to_string(), value);
            } else {
                map.next_value_seed(Skip)?;
            }
            names.add(name);
        }
        names.repeated().map_or(Ok(()), |n| Err(repeated(&n)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.depth;
        let mut index = 0;
        loop {
            let mut child: Targets = [None; 5];
            for (slot, target) in child.iter_mut().zip(self.targets) {
                *slot = target.filter(
                    |(_, path)| matches!(path.get(depth), Some(Step::Index(i)) if *i == index),
                );
            }
            let more = if child.iter().any(Option::is_some) {
                seq.next_element_seed(Walk {
                    depth: depth + 1,
                    targets: child,
                    found: self.found,
                })?
                .is_some()
            } else {
                seq.next_element_seed(Skip)?.is_some()
            };
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    // Scalars where the plan expects an object or array: nothing to read.
    ignore_scalars!();
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

/// What the body says about the entry it carries.
pub struct Decoded<'a> {
    info: &'static EntryInfo,
    program: &'static Program,
    /// The details member, unless absent or `null`.
    details: Option<&'a Json>,
    /// The object the details are merged into, and the template's own
    /// members there.
    merged: Option<(&'a Map<String, Json>, &'static [&'static str])>,
    /// Values taken from the message, by field index.
    captures: Vec<(u16, &'a str)>,
}

/// Finds the entry a body carries and builds the value with `build`, which
/// receives the entry index and the decoded parts.
///
/// # Errors
/// When the body is not JSON, has no code where the envelope puts it, has
/// an unknown code, or has details of the wrong shape.
pub fn decode<E>(
    table: &'static Table,
    status: Option<u16>,
    body: &[u8],
    build: impl FnOnce(usize, &mut Decoded<'_>) -> Result<E, DecodeError>,
) -> Result<E, DecodeError> {
    let plan = &table.decode;
    let mut found = Found::default();
    let targets: Targets = [
        plan.code.map(|p| (Target::Code, p)),
        plan.doc_url.map(|p| (Target::DocUrl, p)),
        plan.message.map(|p| (Target::Message, p)),
        plan.details.map(|p| (Target::Details, p)),
        plan.merged.map(|(p, _)| (Target::Merged, p)),
    ];
    let mut de = serde_json::Deserializer::from_slice(body);
    Walk {
        depth: 0,
        targets,
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
    let candidates = if let Some(path) = plan.code {
        let code = found
            .code
            .as_deref()
            .ok_or_else(|| malformed(format!("no error code at {}", path_text(path))))?;
        let matches = table.with_code(code);
        if matches.is_empty() {
            return Err(DecodeError::UnknownCode { code: code.into() });
        }
        matches
    } else if let Some(path) = plan.doc_url {
        let url = found
            .doc_url
            .as_deref()
            .ok_or_else(|| malformed(format!("no error type at {}", path_text(path))))?;
        let matches = table.with_doc_url(url);
        if matches.is_empty() {
            return Err(DecodeError::UnknownCode { code: url.into() });
        }
        matches
    } else {
        return Err(malformed(
            "the envelope carries no code, so bodies cannot be decoded",
        ));
    };
    let details = found.details.as_ref().filter(|v| !v.is_null());
    let own = plan.merged.map_or(&[][..], |(_, own)| own);
    let merged = found.merged.as_ref().map(|map| (map, own));
    let parts = Parts { details, merged };
    let index = choose(table, candidates, status, message, &parts);
    let program = &table.programs[index];
    // Only fields kept out of the body need the message taken apart.
    let needs_capture = program.message.iter().any(|piece| {
        matches!(piece, Piece::Field(i) if program.fields.get(usize::from(*i)).is_some_and(|f| !f.1))
    });
    let captures = match message {
        Some(m) if needs_capture => parts.capture(program, m).unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut decoded = Decoded {
        info: &table.infos[index],
        program,
        details,
        merged,
        captures,
    };
    build(index, &mut decoded)
}

/// The parts of a body that carry field values.
struct Parts<'a> {
    details: Option<&'a Json>,
    merged: Option<(&'a Map<String, Json>, &'static [&'static str])>,
}

impl<'a> Parts<'a> {
    /// The body's member for a details field sent in the body.
    fn member(&self, name: &str) -> Option<&'a Json> {
        match (self.details, self.merged) {
            (Some(Json::Object(map)), _) => map.get(name),
            (_, Some((map, own))) if !own.contains(&name) => map.get(name),
            _ => None,
        }
    }

    /// The text a placeholder of `program`'s wire message renders, when the
    /// body carries the field's value: a string as it is, any other scalar
    /// as JSON writes it.
    fn known_text(&self, program: &Program, field: u16) -> Option<String> {
        let &(name, in_body) = program.fields.get(usize::from(field))?;
        if !in_body || program.details_value == Some(field) {
            return None;
        }
        match self.member(name)? {
            Json::String(s) => Some(s.clone()),
            v @ (Json::Number(_) | Json::Bool(_)) => Some(v.to_string()),
            _ => None,
        }
    }

    /// Matches `message` against `program`'s wire message, where the values
    /// the body carries are filled in: the values of the other placeholders
    /// by field index, or `None` if the message does not fit.
    fn capture<'m>(&self, program: &Program, message: &'m str) -> Option<Vec<(u16, &'m str)>> {
        let mut pieces: Vec<Fixed<'_>> = Vec::with_capacity(program.message.len());
        for piece in program.message {
            match *piece {
                Piece::Lit(text) => pieces.push(Fixed::Text(text.into())),
                Piece::Field(i) => pieces.push(match self.known_text(program, i) {
                    Some(text) => Fixed::Text(text.into()),
                    None => Fixed::Field(i),
                }),
            }
        }
        capture(&pieces, message)
    }
}

/// A piece of a message with the known values filled in.
enum Fixed<'p> {
    Text(std::borrow::Cow<'p, str>),
    Field(u16),
}

/// Matches `text` against `pieces` from left to right: each literal at its
/// first occurrence after the previous one (the last literal at the end of
/// the text), each placeholder taking what lies between. One substring
/// search per literal, so the time is linear in the text for a given
/// template. Placeholders with no literal between them cannot be told
/// apart: the first takes nothing (the loader warns about such messages).
fn capture<'t>(pieces: &[Fixed<'_>], text: &'t str) -> Option<Vec<(u16, &'t str)>> {
    // Adjacent literals act as one; a trailing literal must end the text.
    let mut rest = text;
    let mut out = Vec::new();
    let mut pending: Option<u16> = None;
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Fixed::Field(f) => {
                if let Some(p) = pending.replace(*f) {
                    out.push((p, &rest[..0]));
                }
                i += 1;
            }
            Fixed::Text(_) => {
                let mut literal = String::new();
                while let Some(Fixed::Text(t)) = pieces.get(i) {
                    literal.push_str(t);
                    i += 1;
                }
                let last = i == pieces.len();
                let at = match (pending.take(), last) {
                    (None, _) => rest.strip_prefix(literal.as_str()).map(|_| 0)?,
                    (Some(f), true) => {
                        let start = rest.len().checked_sub(literal.len())?;
                        if !rest.is_char_boundary(start) || !rest[start..].eq(&literal) {
                            return None;
                        }
                        out.push((f, &rest[..start]));
                        start
                    }
                    (Some(f), false) => {
                        let start = rest.find(literal.as_str())?;
                        out.push((f, &rest[..start]));
                        start
                    }
                };
                rest = &rest[at + literal.len()..];
            }
        }
    }
    match pending {
        Some(f) => out.push((f, rest)),
        None if !rest.is_empty() => return None,
        None => {}
    }
    Some(out)
}

/// Among entries sharing a code, the one the body carries:
///
/// 1. an entry whose wire message is fixed text equal to the body's;
/// 2. else an entry whose message template fits the body's message;
/// 3. else an entry with the status passed in;
/// 4. else the first in catalogue order.
///
/// Within steps 1 and 2, an entry with the status passed in comes first.
/// The loader warns where two entries share a code and this rule cannot
/// tell them apart.
fn choose(
    table: &Table,
    candidates: &[(&'static str, u32)],
    status: Option<u16>,
    message: Option<&str>,
    parts: &Parts<'_>,
) -> usize {
    let indices = || candidates.iter().map(|&(_, i)| i as usize);
    if let [(_, only)] = candidates {
        return *only as usize;
    }
    let fits_status = |i: usize| status.is_some() && table.infos[i].status == status;
    let best = |keep: &dyn Fn(usize) -> bool| -> Option<usize> {
        indices()
            .filter(|&i| keep(i))
            .min_by_key(|&i| !fits_status(i))
    };
    if let Some(m) = message {
        let fixed = |i: usize| {
            let pieces = table.programs[i].message;
            pieces.iter().all(|p| matches!(p, Piece::Lit(_))) && concat_eq(pieces, m)
        };
        if let Some(i) = best(&fixed) {
            return i;
        }
        if let Some(i) = best(&|i| parts.capture(&table.programs[i], m).is_some()) {
            return i;
        }
    }
    indices()
        .find(|&i| fits_status(i))
        .unwrap_or(candidates[0].1 as usize)
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
    /// else from the message, else absent (`None`) for an optional field,
    /// else an empty placeholder for values the body never carries.
    ///
    /// # Errors
    /// When the body has a value of the wrong type, or lacks a required
    /// details member.
    pub fn field<T: FromWire>(&mut self, index: u16) -> Result<T, DecodeError> {
        let program = self.program;
        let (name, in_body) = program
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
        if program.details_value == Some(index) {
            return match self.details {
                Some(v) => T::from_json(v).map_err(invalid),
                None => T::when_absent().ok_or_else(|| invalid("the body has no details".into())),
            };
        }
        if in_body {
            let parts = Parts {
                details: self.details,
                merged: self.merged,
            };
            return match parts.member(name) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(spec: &[Result<&'static str, u16>]) -> Vec<Fixed<'static>> {
        spec.iter()
            .map(|p| match p {
                Ok(t) => Fixed::Text((*t).into()),
                Err(f) => Fixed::Field(*f),
            })
            .collect()
    }

    #[test]
    fn messages_are_taken_apart_at_their_literals() {
        let p = pieces(&[Ok("Retry in "), Err(0), Ok(" s, "), Err(1), Ok(".")]);
        assert_eq!(
            capture(&p, "Retry in 5 s, soon."),
            Some(vec![(0, "5"), (1, "soon")])
        );
        assert_eq!(
            capture(&p, "Retry in 5 s, ."),
            Some(vec![(0, "5"), (1, "")])
        );
        assert_eq!(
            capture(&p, "Retry in 5 s, soon"),
            None,
            "the last literal ends it"
        );
        assert_eq!(
            capture(&p, "Wait 5 s, soon."),
            None,
            "the first literal starts it"
        );
        let p = pieces(&[Err(0)]);
        assert_eq!(capture(&p, "anything"), Some(vec![(0, "anything")]));
        let p = pieces(&[Ok("fixed")]);
        assert_eq!(capture(&p, "fixed"), Some(vec![]));
        assert_eq!(capture(&p, "fixed!"), None);
        let p = pieces(&[Err(0), Ok("ab"), Err(1)]);
        assert_eq!(capture(&p, "xabyab"), Some(vec![(0, "x"), (1, "yab")]));
        let p = pieces(&[Ok("é"), Err(0), Ok("é")]);
        assert_eq!(capture(&p, "é"), None, "literals cannot overlap");
        assert_eq!(capture(&p, "éxé"), Some(vec![(0, "x")]));
    }

    use crate::info::EntryInfo;
    use crate::table::{DecodePlan, Program};

    static TABLE: Table = Table {
        infos: &[EntryInfo {
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
        }],
        programs: &[Program {
            category: 0,
            body: &[],
            message: &[Piece::Lit("It is gone.")],
            display: None,
            details_value: None,
            headers: &[],
            fields: &[],
        }],
        by_code: &[("gone", 0)],
        by_doc_url: &[],
        decode: DecodePlan {
            code: Some(&[Step::Key("error"), Step::Key("code")]),
            doc_url: None,
            message: Some(&[Step::Key("error"), Step::Key("message")]),
            details: Some(&[Step::Key("error"), Step::Key("details")]),
            merged: None,
        },
    };

    fn decode_index(body: &[u8]) -> Result<usize, DecodeError> {
        decode(&TABLE, None, body, |i, _| Ok(i))
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
