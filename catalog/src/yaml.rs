//! Parses YAML text into a tree of [`Node`]s that remember where they came from.
//!
//! The tree is built with serde-saphyr: it is pure safe Rust, rejects alias
//! bombs and runaway nesting through its budgets, and reports line and column
//! for every value. Duplicate keys are passed through to the tree, so that the
//! decoder can report all of them, each with the first definition.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A YAML value with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where the value is written. For mappings and sequences this is the
    /// place where they start.
    pub span: Span,
}

/// The shape of a YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order, duplicates included.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The YAML type as a reader would name it: `a string`, `a mapping`, ...
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a sequence",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// The string value, if this is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Converts the node into a JSON value (used for examples).
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => {
                if let Ok(v) = i64::try_from(*i) {
                    Value::from(v)
                } else if let Ok(v) = u64::try_from(*i) {
                    Value::from(v)
                } else {
                    Value::Null
                }
            }
            NodeKind::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// The text of a mapping key. Non-string keys are shown as YAML would
    /// print them.
    #[must_use]
    pub fn key_text(&self) -> String {
        match &self.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Float(f) => f.to_string(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Null => "~".to_owned(),
            NodeKind::Seq(_) | NodeKind::Map(_) => "<complex key>".to_owned(),
        }
    }
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

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_nodes: 2_000_000,
            max_events: 4_000_000,
            max_aliases: 10_000,
            max_anchors: 10_000,
            max_recorded_anchor_events: 100_000,
            max_depth: 64,
            max_documents: 2,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
        },
    }
}

/// Parses one file's bytes. `Ok(None)` means the file holds no document
/// (it is empty or only comments).
///
/// # Errors
/// One diagnostic for bytes that are not UTF-8, a file over
/// [`MAX_FILE_BYTES`], malformed YAML or a breached budget.
#[allow(clippy::result_large_err)] // one cold error per file
pub fn parse(bytes: &[u8], file: FileId) -> Result<(String, Option<Node>), Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            codes::FILE_TOO_LARGE,
            Span::file_start(file),
            format!(
                "file is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let valid = e.valid_up_to();
            return Err(Diagnostic::new(
                codes::NOT_UTF8,
                Span::new(file, valid, valid + 1),
                format!(
                    "file is not valid UTF-8: invalid byte 0x{:02x} at byte offset {valid}",
                    bytes[valid]
                ),
            )
            .label("not UTF-8"));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    match serde_saphyr::from_str_with_options::<Spanned<RawKind>>(&text, options()) {
        Ok(raw) => {
            let node = convert(raw, file, &text);
            let empty = matches!(node.kind, NodeKind::Null) && !has_document_content(&text);
            Ok((text, if empty { None } else { Some(node) }))
        }
        Err(e) => Err(syntax_diagnostic(&e, file, &text)),
    }
}

/// Whether the text holds anything but whitespace, comments and markers.
fn has_document_content(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !(l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
    })
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

fn span_of(spanned_loc: &serde_saphyr::Location, file: FileId, text: &str) -> Span {
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

fn syntax_diagnostic(error: &serde_saphyr::Error, file: FileId, text: &str) -> Diagnostic {
    use serde_saphyr::Error as E;
    let span = error
        .location()
        .map_or(Span::file_start(file), |loc| span_of(&loc, file, text));
    let message = strip_location(&error.without_snippet().to_string());
    match error {
        E::Budget { breach, .. } => limit(span, &describe_breach(breach)),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => limit(span, &message),
        E::MultipleDocuments { .. } => Diagnostic::new(
            codes::YAML_SYNTAX,
            span,
            "a catalogue file holds exactly one YAML document, but a second one starts here",
        )
        .help("remove the `---` separator, or move the second document to its own file and include it"),
        _ if message.starts_with("budget breached") => limit(span, message.trim_start_matches("budget breached: ")),
        _ => Diagnostic::new(codes::YAML_SYNTAX, span, format!("invalid YAML: {message}")),
    }
}

fn limit(span: Span, what: &str) -> Diagnostic {
    let d = Diagnostic::new(
        codes::YAML_LIMIT,
        span,
        format!("document exceeds a parser limit: {what}"),
    );
    if what.contains("lias")
        || what.contains("Anchor")
        || what.contains("Nodes")
        || what.contains("nodes")
    {
        d.help("aliases that repeat other aliases expand exponentially (an \"alias bomb\"); write the values out instead")
    } else {
        d
    }
}

fn describe_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Nodes { nodes } => format!("more than {} nodes (reached {nodes})", nodes - 1),
        B::Depth { depth } => format!("nesting deeper than 64 levels (reached {depth})"),
        B::Aliases { aliases } => format!("more than 10000 aliases (reached {aliases})"),
        other => format!("{other:?}"),
    }
}

/// serde-saphyr appends `at line X, column Y` to its messages; the location is
/// shown separately, so drop it. Its advice to change parser options is for
/// library users, not catalogue authors.
fn strip_location(message: &str) -> String {
    let mut text = message;
    if let Some(i) = text.find(" at line ") {
        text = &text[..i];
    }
    if let Some(i) = text.find(", set DuplicateKeyPolicy") {
        text = &text[..i];
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        parse(text.as_bytes(), FileId(0)).unwrap().1.unwrap()
    }

    #[test]
    fn keeps_spans_and_duplicates() {
        let text = "a: 1\nb: \"x\"\na: 2\n";
        let node = parse_ok(text);
        let NodeKind::Map(entries) = node.kind else {
            panic!("not a map")
        };
        assert_eq!(entries.len(), 3, "duplicates are kept for the decoder");
        let (k, v) = &entries[1];
        assert_eq!(&text[k.span.start..k.span.end], "b");
        assert_eq!(v.kind, NodeKind::Str("x".into()));
        assert_eq!(entries[2].0.span.start, 12);
    }

    #[test]
    fn empty_and_comment_only_files_have_no_document() {
        assert!(parse(b"", FileId(0)).unwrap().1.is_none());
        assert!(parse(b"# nothing\n\n", FileId(0)).unwrap().1.is_none());
        assert!(parse(b"~\n", FileId(0)).unwrap().1.is_some());
    }

    #[test]
    fn leading_zero_numbers_stay_strings() {
        let node = parse_ok("code: 022001\n");
        let NodeKind::Map(entries) = node.kind else {
            panic!()
        };
        assert_eq!(entries[0].1.kind, NodeKind::Str("022001".into()));
    }

    #[test]
    fn not_utf8_points_at_the_bad_byte() {
        let err = parse(b"name: caf\xe9\n", FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0002");
        assert_eq!(err.primary.span.start, 9);
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
            prev = name;
        }
        let err = parse(text.as_bytes(), FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0006", "{}", err.message);
    }

    #[test]
    fn syntax_errors_have_a_location() {
        let err = parse(b"a: [1, 2\nb: 3\n", FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0005");
        assert!(!err.message.contains("at line"), "{}", err.message);
    }
}
