//! The complete parse: serde-saphyr deserializes the document into a tree
//! with a span on every value. It handles everything YAML allows (tags,
//! anchors, aliases, merge keys) and produces the diagnostics for syntax
//! errors and breached budgets.

use super::{Node, NodeKind};
use crate::source_map::{FileId, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// Parses `text` with serde-saphyr.
pub(super) fn parse(text: &str, file: FileId) -> Result<Node, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<Spanned<RawKind>>(text, super::options())
        .map(|raw| convert(raw, file, text))
}

/// The raw tree as serde-saphyr hands it over, before spans are resolved to
/// [`Span`]s in a file.
enum RawKind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawKind>>),
    Map(Vec<(Spanned<RawKind>, Spanned<RawKind>)>),
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawKind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<RawKind, E> {
                Ok(RawKind::Null)
            }
            fn visit_none<E>(self) -> Result<RawKind, E> {
                Ok(RawKind::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawKind, D::Error> {
                RawKind::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawKind, E> {
                Ok(RawKind::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawKind, E> {
                Ok(RawKind::Int(i128::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawKind, E> {
                Ok(RawKind::Int(i128::from(v)))
            }
            fn visit_i128<E>(self, v: i128) -> Result<RawKind, E> {
                Ok(RawKind::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<RawKind, E> {
                Ok(i128::try_from(v).map_or(RawKind::Float(v as f64), RawKind::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawKind, E> {
                Ok(RawKind::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawKind, E> {
                Ok(RawKind::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<RawKind, E> {
                Ok(RawKind::Str(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<RawKind, E> {
                Ok(RawKind::Str(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKind, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawKind::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKind, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(RawKind::Map(entries))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

fn byte_offset(loc: &serde_saphyr::Location, text: &str) -> usize {
    if let Some(b) = loc.span().byte_offset() {
        return usize::try_from(b).unwrap_or(text.len()).min(text.len());
    }
    // Fall back to line and column.
    let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
    let col = usize::try_from(loc.column()).unwrap_or(1).max(1);
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(col - 1)
            .map_or(rest.len(), |(i, _)| i)
}

pub(super) fn span_of(spanned_loc: &serde_saphyr::Location, file: FileId, text: &str) -> Span {
    let start = byte_offset(spanned_loc, text);
    let len = spanned_loc
        .span()
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0);
    Span::new(file, start, (start + len).min(text.len()))
}

fn convert(raw: Spanned<RawKind>, file: FileId, text: &str) -> Node {
    let span = span_of(&raw.referenced, file, text);
    let kind = match raw.value {
        RawKind::Null => NodeKind::Null,
        RawKind::Bool(b) => NodeKind::Bool(b),
        RawKind::Int(i) => NodeKind::Int(i),
        RawKind::Float(f) => NodeKind::Float(f),
        RawKind::Str(s) => NodeKind::Str(s),
        RawKind::Seq(items) => {
            NodeKind::Seq(items.into_iter().map(|n| convert(n, file, text)).collect())
        }
        RawKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k, file, text), convert(v, file, text)))
                .collect(),
        ),
    };
    Node { kind, span }
}
