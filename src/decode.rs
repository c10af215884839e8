//! Decoding error bodies back into the generated types, for clients.

use crate::details::Details;
use crate::info::EntryInfo;
use crate::packed::Tables;
use crate::program::{Entry, MsgPiece, capture};
use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
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
#[derive(Clone, Debug, Default)]
pub struct DecodePlan {
    /// The path of `$code`.
    pub code: Option<Box<[Step]>>,
    /// The path of `$doc_url`, used when there is no code.
    pub doc_url: Option<Box<[Step]>>,
    /// The path of `$message`.
    pub message: Option<Box<[Step]>>,
    /// The path of `$details`.
    pub details: Option<Box<[Step]>>,
    /// The object holding `$merge: $details`, if the envelope has one.
    pub merged: Option<Merged>,
}

/// The object of the envelope that details are merged into.
#[derive(Clone, Debug)]
pub struct Merged {
    /// Where it is.
    pub path: Box<[Step]>,
    /// The template's own members there, which are not details.
    pub members: Box<[&'static str]>,
}

/// `(hash of code, first index in by_code)` for each distinct code of a
/// sorted `(code, entry)` table, sorted by hash.
pub(crate) fn code_hashes(by_code: &[(&'static str, u32)]) -> Box<[(u64, u32)]> {
    let mut out: Vec<(u64, u32)> = Vec::new();
    for (i, (c, _)) in by_code.iter().enumerate() {
        if i == 0 || by_code[i - 1].0 != *c {
            out.push((fnv1a(c.as_bytes()), u32::try_from(i).unwrap_or(u32::MAX)));
        }
    }
    out.sort_unstable();
    out.into()
}

impl Tables {
    /// The entries with this code: found by hash, confirmed by comparison.
    fn with_code(&self, code: &str) -> &[(&'static str, u32)] {
        let table = &self.by_code;
        let hashes = &self.code_hashes;
        let h = fnv1a(code.as_bytes());
        let at = hashes.partition_point(|(x, _)| *x < h);
        if let Some(&(x, start)) = hashes.get(at) {
            let start = start as usize;
            if x == h && table[start].0 == code && hashes.get(at + 1).is_none_or(|(y, _)| *y != h) {
                let end = start
                    + table[start..]
                        .iter()
                        .take_while(|(c, _)| *c == code)
                        .count();
                return &table[start..end];
            }
        }
        // No entry, or a hash shared by two codes: search by text.
        matching(table, code)
    }
}

/// What to take from the value at a place of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Code,
    DocUrl,
    Message,
    Details,
}

/// A place of the body that decoding reads, or a way to one.
#[derive(Debug, Default)]
pub(crate) struct PlanNode {
    target: Option<Target>,
    keys: Vec<(&'static str, PlanNode)>,
    items: Vec<(usize, PlanNode)>,
    /// This object holds the merged details; these are the template's own
    /// members, which are not details.
    merged: Option<Box<[&'static str]>>,
}

impl PlanNode {
    /// The tree of the places `plan` reads.
    pub(crate) fn build(plan: &DecodePlan) -> PlanNode {
        let mut root = PlanNode::default();
        let targets = [
            (&plan.code, Target::Code),
            (&plan.doc_url, Target::DocUrl),
            (&plan.message, Target::Message),
            (&plan.details, Target::Details),
        ];
        for (path, target) in targets {
            if let Some(path) = path {
                root.at(path).target = Some(target);
            }
        }
        if let Some(merged) = &plan.merged {
            root.at(&merged.path).merged = Some(merged.members.clone());
        }
        root
    }

    fn at(&mut self, path: &[Step]) -> &mut PlanNode {
        let Some((first, rest)) = path.split_first() else {
            return self;
        };
        let child = match *first {
            Step::Key(k) => match self.keys.iter().position(|(key, _)| *key == k) {
                Some(i) => &mut self.keys[i].1,
                None => {
                    self.keys.push((k, PlanNode::default()));
                    &mut self.keys.last_mut().expect("just pushed").1
                }
            },
            Step::Index(n) => match self.items.iter().position(|(i, _)| *i == n) {
                Some(i) => &mut self.items[i].1,
                None => {
                    self.items.push((n, PlanNode::default()));
                    &mut self.items.last_mut().expect("just pushed").1
                }
            },
        };
        child.at(rest)
    }
}

/// What the body holds at the plan's places.
#[derive(Default)]
struct Found<'de> {
    code: Option<Cow<'de, str>>,
    doc_url: Option<Cow<'de, str>>,
    message: Option<Cow<'de, str>>,
    details: Option<Details<'de>>,
    merged: Option<Map<String, Json>>,
    /// A target that was not a string where one was expected.
    not_text: Option<(Target, String)>,
}

/// A value that is text (borrowed from the body unless it has escapes) or,
/// for reporting, anything else.
pub(crate) enum TextOr<'de> {
    Text(Cow<'de, str>),
    Other(Json),
}

impl<'de> Deserialize<'de> for TextOr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextOr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Text(Cow::Owned(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Other(Json::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Other(Json::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Other(Json::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Other(Json::from(v)))
            }
            fn visit_unit<E>(self) -> Result<TextOr<'de>, E> {
                Ok(TextOr::Other(Json::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextOr<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TextOr::Other(Json::String("an array".into())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextOr<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TextOr::Other(Json::String("an object".into())))
            }
        }
        d.deserialize_any(V)
    }
}

/// Walks one value of the body along the plan.
struct Walk<'p, 'f, 'de> {
    node: &'p PlanNode,
    found: &'f mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let Some(target) = self.node.target else {
            return d.deserialize_any(self);
        };
        if target == Target::Details {
            self.found.details = Some(Details::deserialize(d)?);
            return Ok(());
        }
        let text = match TextOr::deserialize(d)? {
            TextOr::Text(t) => t,
            TextOr::Other(other) => {
                self.found.not_text = Some((target, other.to_string()));
                return Ok(());
            }
        };
        match target {
            Target::Code => self.found.code = Some(text),
            Target::DocUrl => self.found.doc_url = Some(text),
            Target::Message => self.found.message = Some(text),
            Target::Details => {}
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the error envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // JSON object keys are always strings, so `Other` never happens.
        while let Some(key) = map.next_key::<TextOr<'de>>()? {
            let TextOr::Text(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if let Some((_, child)) = self.node.keys.iter().find(|(k, _)| *k == key) {
                map.next_value_seed(Walk {
                    node: child,
                    found: self.found,
                })?;
            } else if self
                .node
                .merged
                .as_deref()
                .is_some_and(|skip| !skip.contains(&key.as_ref()))
            {
                let value: Json = map.next_value()?;
                self.found
                    .merged
                    .get_or_insert_with(Map::new)
                    .insert(key.into_owned(), value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            let more = match self.node.items.iter().find(|(i, _)| *i == index) {
                Some((_, child)) => seq
                    .next_element_seed(Walk {
                        node: child,
                        found: self.found,
                    })?
                    .is_some(),
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    // Scalars where the plan expects an object or array: nothing to read.
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

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn matching<'a>(table: &'a [(&'static str, u32)], key: &str) -> &'a [(&'static str, u32)] {
    let start = table.partition_point(|(k, _)| *k < key);
    let end = start + table[start..].partition_point(|(k, _)| *k == key);
    &table[start..end]
}

/// What the body says about the entry it carries.
pub struct Decoded<'a> {
    info: &'static EntryInfo,
    entry: &'static Entry,
    details: Option<&'a Details<'a>>,
    /// The details' members merged into the envelope (the template's own
    /// members already left out).
    merged: Option<&'a Map<String, Json>>,
    captures: Vec<(u16, &'a str)>,
}

/// Finds the entry a body carries and builds the value with `build`, which
/// receives the entry index and the decoded parts.
///
/// # Errors
/// When the body is not JSON, has no code where the envelope puts it, has
/// an unknown code, or has details of the wrong shape.
pub fn decode<E>(
    tables: &'static Tables,
    status: Option<u16>,
    body: &[u8],
    build: impl FnOnce(usize, &mut Decoded<'_>) -> Result<E, DecodeError>,
) -> Result<E, DecodeError> {
    let mut found = Found::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    Walk {
        node: &tables.tree,
        found: &mut found,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end())
    .map_err(|e| DecodeError::Malformed {
        reason: format!("not JSON: {e}"),
    })?;
    let plan = &tables.plan;
    if let Some((target, other)) = &found.not_text {
        let path = match target {
            Target::Code => plan.code.as_deref(),
            Target::DocUrl => plan.doc_url.as_deref(),
            _ => plan.message.as_deref(),
        };
        return Err(DecodeError::Malformed {
            reason: format!(
                "the value at {} is not a string: {other}",
                path.map_or_else(|| "the body".into(), path_text)
            ),
        });
    }
    let message = found.message.as_deref();
    let candidates = if let Some(path) = plan.code.as_deref() {
        let Some(code) = found.code.as_deref() else {
            return Err(DecodeError::Malformed {
                reason: format!("no error code at {}", path_text(path)),
            });
        };
        let matches = tables.with_code(code);
        if matches.is_empty() {
            return Err(DecodeError::UnknownCode {
                code: code.to_owned(),
            });
        }
        matches
    } else if let Some(path) = plan.doc_url.as_deref() {
        let Some(url) = found.doc_url.as_deref() else {
            return Err(DecodeError::Malformed {
                reason: format!("no error type at {}", path_text(path)),
            });
        };
        let matches = matching(&tables.by_doc_url, url);
        if matches.is_empty() {
            return Err(DecodeError::UnknownCode {
                code: url.to_owned(),
            });
        }
        matches
    } else {
        return Err(DecodeError::Malformed {
            reason: "the envelope carries no code, so bodies cannot be decoded".into(),
        });
    };

    let index = choose(tables, candidates, status, message);
    let entry = &tables.entries[index];
    // Only fields kept out of the body need the message taken apart.
    let mut captures = Vec::new();
    let needs_capture = entry.wire_message.iter().any(|p| match p {
        MsgPiece::Field(i) => entry
            .fields
            .get(usize::from(*i))
            .is_some_and(|f| !f.in_body),
        MsgPiece::Lit(..) => false,
    });
    if let (Some(text), true) = (message, needs_capture)
        && !capture(&entry.wire_message, text, &mut captures)
    {
        captures.clear();
    }
    let mut decoded = Decoded {
        info: &tables.infos[index],
        entry,
        details: found.details.as_ref().filter(|v| !v.is_null()),
        merged: found.merged.as_ref(),
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
    let fits_status = |i: u32| status.is_none() || tables.infos[i as usize].status == status;
    let fits_message = |i: u32| {
        message
            .is_some_and(|m| capture(&tables.entries[i as usize].wire_message, m, &mut Vec::new()))
    };
    let pick = candidates
        .iter()
        .find(|(_, i)| {
            fits_status(*i)
                && fits_message(*i)
                && is_fixed(&tables.entries[*i as usize].wire_message)
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
        let code = self.info.code;
        let invalid = |reason: String| DecodeError::InvalidDetails {
            code,
            field: spec.name,
            reason,
        };
        // Value details: the whole details member.
        if entry.details_value == Some(index) {
            return match self.details {
                Some(v) => T::from_json(&v.to_json()).map_err(invalid),
                None => T::when_absent().ok_or_else(|| invalid("the body has no details".into())),
            };
        }
        if spec.in_body {
            let member = match (self.details, self.merged) {
                (Some(details @ Details::Members(_)), _) => details.member(spec.name),
                (_, Some(map)) => map.get(spec.name),
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
