//! Parses YAML text into a tree of [`Node`]s that remember where they came
//! from.
//!
//! The text is read by granit-parser, serde-saphyr's own YAML parser (pure
//! safe Rust), and its events are stacked into nodes here, each with its
//! span. Plain scalars are typed by the YAML 1.2 core schema. Anchors,
//! aliases and merge keys (`<<`) are resolved, with budgets that stop
//! alias bombs and runaway nesting; duplicate keys are kept in the tree,
//! so that the decoder can report all of them, each with the first
//! definition.

// A file has at most one YAML error, returned once: its size is no cost.
#![allow(clippy::result_large_err)]

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::json_value::Json;
use crate::source_map::{FileId, Span};
use granit_parser::{Event, Parser, ScalarStyle, Tag};
use std::borrow::Cow;
use std::sync::Arc;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of sequences and mappings a document may have.
const MAX_DEPTH: usize = 64;

/// The most nodes (scalars, sequences, mappings) a document may hold,
/// aliases expanded.
const MAX_NODES: usize = 2_000_000;

/// The most nodes that aliases may copy, in total.
const MAX_ALIAS_NODES: usize = 100_000;

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

    /// Converts the node into a JSON value (used for examples and `x-`
    /// keys). A repeated key keeps its first value.
    #[must_use]
    pub fn to_json(&self) -> Json {
        match &self.kind {
            NodeKind::Null => Json::Null,
            NodeKind::Bool(b) => Json::Bool(*b),
            NodeKind::Int(i) => Json::Int(*i),
            NodeKind::Float(f) if f.is_finite() => Json::Float(*f),
            NodeKind::Float(_) => Json::Null,
            NodeKind::Str(s) => Json::Str(s.clone()),
            NodeKind::Seq(items) => Json::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut members: Vec<(String, Json)> = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    let key = k.key_text();
                    if !members.iter().any(|(m, _)| *m == key) {
                        members.push((key.into_owned(), v.to_json()));
                    }
                }
                Json::Object(members)
            }
        }
    }

    /// The text of a mapping key. Non-string keys are shown as YAML would
    /// print them.
    #[must_use]
    pub fn key_text(&self) -> Cow<'_, str> {
        match &self.kind {
            NodeKind::Str(s) => Cow::Borrowed(s),
            NodeKind::Int(i) => Cow::Owned(i.to_string()),
            NodeKind::Float(f) => Cow::Owned(f.to_string()),
            NodeKind::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            NodeKind::Null => Cow::Borrowed("~"),
            NodeKind::Seq(_) | NodeKind::Map(_) => Cow::Borrowed("<complex key>"),
        }
    }

    /// How many nodes the tree holds.
    fn size(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Seq(items) => items.iter().map(Node::size).sum(),
            NodeKind::Map(entries) => entries.iter().map(|(k, v)| k.size() + v.size()).sum(),
            _ => 0,
        }
    }
}

/// Parses one file's bytes. `Ok(None)` means the file holds no document
/// (it is empty or only comments).
///
/// # Errors
/// One diagnostic for bytes that are not UTF-8, a file over
/// [`MAX_FILE_BYTES`], malformed YAML or a breached budget.
pub fn parse(bytes: &[u8], file: FileId) -> Result<(Arc<str>, Option<Node>), Diagnostic> {
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
        Ok(text) => text,
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
    // One copy of the text, shared by the source map and the decoder.
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
    let node = build(&text, file)?;
    Ok((text, node))
}

/// A sequence or mapping whose end has not been seen yet.
enum Open {
    Seq(Vec<Node>),
    /// The entries so far, and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

/// Stacks parser events into nodes.
struct Builder<'t> {
    text: &'t str,
    file: FileId,
    /// The collections being read, outermost first, with where they start
    /// and their anchor.
    open: Vec<(Open, Span, usize)>,
    /// Anchored nodes, by anchor id.
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
    /// Nodes made so far, aliases expanded.
    nodes: usize,
    /// Nodes copied by aliases so far.
    copied: usize,
}

fn build(text: &str, file: FileId) -> Result<Option<Node>, Diagnostic> {
    let options = granit_parser::options! {
        block_nesting_limit: MAX_DEPTH + 1,
        flow_nesting_limit: MAX_DEPTH + 1,
    };
    let mut b = Builder {
        text,
        file,
        open: Vec::new(),
        anchors: Vec::new(),
        root: None,
        nodes: 0,
        copied: 0,
    };
    let mut documents = 0;
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = item.map_err(|e| b.syntax_error(&e))?;
        let at = b.span(&span);
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::new(
                        codes::YAML_SYNTAX,
                        at,
                        "a catalogue file holds exactly one YAML document, but a second one starts here",
                    )
                    .help("remove the `---` separator, or move the second document to its own file and include it"));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let kind = scalar_kind(value.into_owned(), style, tag.as_deref(), at)?;
                b.finish(Node { kind, span: at }, anchor)?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                b.start(Open::Seq(Vec::new()), at, anchor, tag.as_deref(), "seq")?
            }
            Event::MappingStart(_, anchor, tag) => {
                b.start(
                    Open::Map(Vec::new(), None),
                    at,
                    anchor,
                    tag.as_deref(),
                    "map",
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => b.end()?,
            Event::Alias(id) => b.alias(id, at)?,
            _ => {}
        }
    }
    let empty = b.root.as_ref().is_none_or(|n| n.kind == NodeKind::Null) && !has_content(text);
    Ok(if empty { None } else { b.root })
}

impl Builder<'_> {
    fn span(&self, span: &granit_parser::Span) -> Span {
        let len = self.text.len();
        let start = span.start.byte_offset().unwrap_or(0).min(len);
        let end = span.end.byte_offset().unwrap_or(start).clamp(start, len);
        Span::new(self.file, start, end)
    }

    fn start(
        &mut self,
        open: Open,
        at: Span,
        anchor: usize,
        tag: Option<&Tag>,
        kind: &str,
    ) -> Result<(), Diagnostic> {
        if let Some(tag) = tag
            && !tag.is_yaml_core_schema_tag(kind)
        {
            return Err(unsupported_tag(tag, at));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(limit(
                at,
                &format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.open.push((open, at, anchor));
        Ok(())
    }

    fn end(&mut self) -> Result<(), Diagnostic> {
        let Some((open, span, anchor)) = self.open.pop() else {
            return Ok(());
        };
        let kind = match open {
            Open::Seq(items) => NodeKind::Seq(items),
            Open::Map(entries, _) => NodeKind::Map(merge_keys(entries)?),
        };
        self.finish(Node { kind, span }, anchor)
    }

    /// A copy of the anchored node, counted against the alias budget.
    fn alias(&mut self, id: usize, at: Span) -> Result<(), Diagnostic> {
        let Some((_, node)) = self.anchors.iter().rev().find(|(a, _)| *a == id) else {
            return Err(Diagnostic::new(
                codes::YAML_SYNTAX,
                at,
                "invalid YAML: this alias has no anchor",
            ));
        };
        let size = node.size();
        self.copied += size;
        if self.copied > MAX_ALIAS_NODES {
            return Err(limit(at, &format!("aliases copy more than {MAX_ALIAS_NODES} nodes"))
                .help("aliases that repeat other aliases expand exponentially (an \"alias bomb\"); write the values out instead"));
        }
        let mut copy = node.clone();
        copy.span = at;
        self.nodes += size - 1;
        self.finish(copy, 0)
    }

    /// Hands a complete node to the collection around it.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(limit(node.span, &format!("more than {MAX_NODES} nodes")));
        }
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some((Open::Seq(items), _, _)) => items.push(node),
            Some((Open::Map(entries, pending), _, _)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => *pending = Some(node),
            },
        }
        Ok(())
    }

    fn syntax_error(&self, error: &granit_parser::ScanError) -> Diagnostic {
        let mark = error.marker();
        let start = mark
            .byte_offset()
            .unwrap_or_else(|| self.offset_of(mark.line(), mark.col()))
            .min(self.text.len());
        let at = Span::new(self.file, start, start);
        Diagnostic::new(
            codes::YAML_SYNTAX,
            at,
            format!("invalid YAML: {}", error.info()),
        )
    }

    /// The byte offset of a line (from 1) and column (characters, from 0).
    fn offset_of(&self, line: usize, col: usize) -> usize {
        let start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let rest = &self.text[start.min(self.text.len())..];
        start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
    }
}

/// A mapping's entries with its merge keys (`<<: *base`, or a list of
/// them) resolved: the merged mappings' entries take the place of the
/// `<<` entry, except for keys the mapping writes itself.
fn merge_keys(entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, Diagnostic> {
    let is_merge = |k: &Node| k.as_str() == Some("<<");
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return Ok(entries);
    }
    let own: Vec<String> = entries
        .iter()
        .filter(|(k, _)| !is_merge(k))
        .map(|(k, _)| k.key_text().into_owned())
        .collect();
    let mut out = Vec::with_capacity(entries.len());
    let mut merged: Vec<String> = Vec::new();
    for (key, value) in entries {
        if !is_merge(&key) {
            out.push((key, value));
            continue;
        }
        let sources = match value.kind {
            NodeKind::Map(_) => vec![value],
            NodeKind::Seq(items) if items.iter().all(|i| matches!(i.kind, NodeKind::Map(_))) => {
                items
            }
            _ => {
                return Err(Diagnostic::new(
                    codes::YAML_SYNTAX,
                    value.span,
                    "invalid YAML: a merge key (`<<`) takes a mapping or a list of mappings",
                ));
            }
        };
        for source in sources {
            let NodeKind::Map(pairs) = source.kind else {
                continue;
            };
            for (k, v) in pairs {
                let text = k.key_text().into_owned();
                if !own.contains(&text) && !merged.contains(&text) {
                    merged.push(text);
                    out.push((k, v));
                }
            }
        }
    }
    Ok(out)
}

fn unsupported_tag(tag: &Tag, at: Span) -> Diagnostic {
    Diagnostic::new(codes::YAML_SYNTAX, at, format!("invalid YAML: the tag `{tag}` is not supported here"))
        .help("catalogues use plain YAML; the core tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map` are accepted")
}

fn limit(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        codes::YAML_LIMIT,
        span,
        format!("document exceeds a parser limit: {what}"),
    )
}

/// Whether the text holds anything but whitespace, comments and markers.
fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !(l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
    })
}

/// The type of a scalar: quoted and block scalars are strings; a plain one
/// is typed by the YAML 1.2 core schema, except that a decimal with a
/// leading zero (`022001`, a SQLSTATE) stays a string. A core tag asks for
/// its type.
fn scalar_kind(
    value: String,
    style: ScalarStyle,
    tag: Option<&Tag>,
    at: Span,
) -> Result<NodeKind, Diagnostic> {
    let Some(tag) = tag else {
        return Ok(if matches!(style, ScalarStyle::Plain) {
            plain_kind(value)
        } else {
            NodeKind::Str(value)
        });
    };
    let Some(core) = tag.core_suffix() else {
        return Err(unsupported_tag(tag, at));
    };
    let kind = match core {
        "str" => Some(NodeKind::Str(value)),
        "null" => {
            matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL").then_some(NodeKind::Null)
        }
        "bool" | "int" | "float" => {
            let kind = plain_kind(value);
            let fits = match core {
                "bool" => matches!(kind, NodeKind::Bool(_)),
                "int" => matches!(kind, NodeKind::Int(_)),
                _ => matches!(kind, NodeKind::Float(_) | NodeKind::Int(_)),
            };
            fits.then(|| match kind {
                NodeKind::Int(i) if core == "float" => NodeKind::Float(i as f64),
                other => other,
            })
        }
        _ => return Err(unsupported_tag(tag, at)),
    };
    kind.ok_or_else(|| {
        Diagnostic::new(
            codes::YAML_SYNTAX,
            at,
            format!("invalid YAML: this value is not a `{tag}`"),
        )
    })
}

/// The YAML 1.2 core schema's type of a plain scalar.
fn plain_kind(value: String) -> NodeKind {
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    number(&value).unwrap_or(NodeKind::Str(value))
}

/// A plain scalar as a number, if it is one: decimal integers (a leading
/// zero keeps it text), `0x` and `0o` integers, decimal fractions with an
/// optional exponent, `.inf` and `.nan`.
fn number(value: &str) -> Option<NodeKind> {
    let (negative, unsigned) = match value.as_bytes().first()? {
        b'-' => (true, &value[1..]),
        b'+' => (false, &value[1..]),
        _ => (false, value),
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(NodeKind::Float(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    if matches!(value, ".nan" | ".NaN" | ".NAN") {
        return Some(NodeKind::Float(f64::NAN));
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(rest) = value.strip_prefix(prefix) {
            return digits(rest, radix)
                .then(|| i128::from_str_radix(rest, radix).ok().map(NodeKind::Int))?;
        }
    }
    if digits(unsigned, 10) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        return value.parse().ok().map(NodeKind::Int);
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let decimal = (digits(whole, 10) || digits(fraction, 10))
        && (whole.is_empty() || digits(whole, 10))
        && (fraction.is_empty() || digits(fraction, 10))
        && exponent.is_none_or(|e| digits(e, 10))
        && (mantissa.contains('.') || exponent.is_some());
    decimal.then(|| value.parse().ok().map(NodeKind::Float))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        parse(text.as_bytes(), FileId(0)).unwrap().1.unwrap()
    }

    fn value(text: &str) -> NodeKind {
        let NodeKind::Map(mut entries) = parse_ok(&format!("v: {text}\n")).kind else {
            panic!("not a map")
        };
        entries.remove(0).1.kind
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
    fn plain_scalars_follow_the_core_schema() {
        for (text, kind) in [
            ("~", NodeKind::Null),
            ("", NodeKind::Null),
            ("True", NodeKind::Bool(true)),
            ("false", NodeKind::Bool(false)),
            ("yes", NodeKind::Str("yes".into())),
            ("on", NodeKind::Str("on".into())),
            ("404", NodeKind::Int(404)),
            ("-7", NodeKind::Int(-7)),
            ("+7", NodeKind::Int(7)),
            ("0x1F", NodeKind::Int(31)),
            ("0o17", NodeKind::Int(15)),
            ("022001", NodeKind::Str("022001".into())),
            ("0", NodeKind::Int(0)),
            ("0.25", NodeKind::Float(0.25)),
            (".5", NodeKind::Float(0.5)),
            ("1e3", NodeKind::Float(1000.0)),
            ("-1.5E-2", NodeKind::Float(-0.015)),
            ("1_000", NodeKind::Str("1_000".into())),
            ("12:30", NodeKind::Str("12:30".into())),
            ("1 minute", NodeKind::Str("1 minute".into())),
            ("3f1e8c2a", NodeKind::Str("3f1e8c2a".into())),
            ("e5", NodeKind::Str("e5".into())),
            (".", NodeKind::Str(".".into())),
            ("\"404\"", NodeKind::Str("404".into())),
            ("'true'", NodeKind::Str("true".into())),
            ("!!str 404", NodeKind::Str("404".into())),
            ("!!float 2", NodeKind::Float(2.0)),
            (
                "170141183460469231731687303715884105727",
                NodeKind::Int(i128::MAX),
            ),
        ] {
            assert_eq!(value(text), kind, "{text}");
        }
        assert!(matches!(value(".inf"), NodeKind::Float(f) if f.is_infinite()));
        assert!(matches!(value(".nan"), NodeKind::Float(f) if f.is_nan()));
    }

    #[test]
    fn anchors_aliases_and_merge_keys_resolve() {
        let node =
            parse_ok("base: &b {status: 404, category: x}\ne:\n  <<: *b\n  status: 410\nl: [*b]\n");
        let json = node.to_json();
        // Merged members take the place of `<<`; the explicit key wins.
        assert_eq!(
            json.get("e").unwrap().to_string(),
            r#"{"category":"x","status":410}"#
        );
        assert_eq!(
            json.get("l").unwrap().to_string(),
            r#"[{"status":404,"category":"x"}]"#
        );
        let merged =
            parse_ok("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc: {<<: [*a, *b], z: 3}\n").to_json();
        assert_eq!(
            merged.get("c").unwrap().to_string(),
            r#"{"x":1,"y":2,"z":3}"#
        );
    }

    #[test]
    fn tags_other_than_the_core_ones_are_refused() {
        let err = parse(b"v: !custom 1\n", FileId(0)).unwrap_err();
        assert!(err.message.contains("not supported"), "{}", err.message);
        let err = parse(b"v: !!int abc\n", FileId(0)).unwrap_err();
        assert!(err.message.contains("not a"), "{}", err.message);
    }

    #[test]
    fn a_second_document_is_refused() {
        let err = parse(b"a: 1\n---\nb: 2\n", FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0005");
        assert_eq!(err.primary.span.start, 5);
    }

    #[test]
    fn syntax_errors_point_at_the_text() {
        let err = parse(b"a: [1, 2\nb: 3\n", FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0005", "{}", err.message);
        assert!(err.message.starts_with("invalid YAML: "), "{}", err.message);
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
    fn deep_nesting_is_refused() {
        let text = format!("v: {}{}\n", "[".repeat(200), "]".repeat(200));
        let err = parse(text.as_bytes(), FileId(0)).unwrap_err();
        assert!(matches!(err.code.id, "E0006" | "E0005"), "{}", err.message);
    }
}
