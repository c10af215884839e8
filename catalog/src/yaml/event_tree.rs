//! The quick parse: the tree built straight from the YAML parser's events.
//!
//! serde-saphyr's parser (re-exported as `granit_parser`) reads the text; this
//! module stacks its events into [`Node`]s. It gives up, returning `None`, as
//! soon as the document leaves the plain subset that it can type exactly as
//! serde-saphyr's deserializer does:
//!
//! - a tag, an anchor, an alias, a merge key (`<<`), a `%YAML` directive or a
//!   second document;
//! - a plain scalar that might be a number to serde-saphyr (see
//!   `could_be_number`) but
//!   is not a plain decimal: an optional `-`, digits, optionally a `.` and
//!   more digits, optionally an exponent (`0x1F`, `.5`, `.inf`, `+1` and
//!   `1_000` give up), or an integer that does not fit in 64 bits;
//! - a parser error, nesting deeper than the budget, or more events than
//!   the budget allows nodes.
//!
//! The caller then parses again with [`super::serde_tree`], which handles all
//! of these and reports the errors. Everything this module accepts, it types
//! as serde-saphyr does: quoted and block scalars are strings; plain `~`,
//! `null`, `Null`, `NULL` and the empty scalar are null; the YAML 1.1 booleans
//! (`true`, `yes`, `y`, `on` and their opposites, in any case) are booleans;
//! decimal integers are integers unless they have a leading zero, which keeps
//! them strings; decimal fractions are floats; everything else is a string.

use super::{MAX_DEPTH, MAX_NODES, Node, NodeKind};
use crate::source_map::{FileId, Span};
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};

/// Builds the tree of `text`, or `None` when the document needs the complete
/// parse (see the module documentation).
pub(super) fn parse(text: &str, file: FileId) -> Option<Node> {
    build(text, file, MAX_NODES)
}

/// The tree of a text, or `None` past `max_nodes` events or where the
/// complete parse is needed.
fn build(text: &str, file: FileId, max_nodes: usize) -> Option<Node> {
    let mut builder = Builder {
        file,
        len: text.len(),
        open: Vec::new(),
        root: None,
    };
    let mut documents = 0;
    for (count, item) in Parser::new_from_str_with_options(text, parser_options()).enumerate() {
        let (event, span) = item.ok()?;
        // Every node is at least one event, so a document over the node
        // budget gives up here, and the complete parse reports it.
        if count > max_nodes {
            return None;
        }
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let kind = scalar_kind(value.into_owned(), style)?;
                let span = builder.span(&span)?;
                builder.finish(Node { kind, span })?;
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || builder.open.len() >= MAX_DEPTH {
                    return None;
                }
                let span = builder.span(&span)?;
                let items = if matches!(event, Event::MappingStart(..)) {
                    Open::Map(Vec::new(), None)
                } else {
                    Open::Seq(Vec::new())
                };
                builder.open.push((items, span));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (items, span) = builder.open.pop()?;
                let kind = match items {
                    Open::Seq(items) => NodeKind::Seq(items),
                    Open::Map(entries, None) => NodeKind::Map(entries),
                    Open::Map(_, Some(_)) => return None,
                };
                builder.finish(Node { kind, span })?;
            }
            // Aliases, anchor and comment metadata: the complete parse.
            _ => return None,
        }
    }
    builder.root
}

/// The parser's options, as serde-saphyr sets them for our budget, so that
/// both parses accept the same texts.
fn parser_options() -> granit_parser::Options {
    let budget = super::budget().unwrap_or_default();
    let options = super::options();
    let defaults = granit_parser::Options::default();
    granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: defaults.block_nesting_limit.max(budget.max_depth.saturating_add(1)),
        strict_indentation: options.strict_indentation,
        emit_comments: false,
    }
}

/// A sequence or mapping whose end has not been seen yet.
enum Open {
    Seq(Vec<Node>),
    /// The entries so far, and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

struct Builder {
    file: FileId,
    /// The length of the text parsed.
    len: usize,
    /// The collections being read, outermost first, with where they start.
    open: Vec<(Open, Span)>,
    root: Option<Node>,
}

impl Builder {
    /// The span of an event, as serde-saphyr's `Spanned` reports it.
    fn span(&self, span: &granit_parser::Span) -> Option<Span> {
        let start = span.start.byte_offset()?.min(self.len);
        let end = span.end.byte_offset()?.clamp(start, self.len);
        Some(Span::new(self.file, start, end))
    }

    /// Hands a complete node to the collection around it.
    fn finish(&mut self, node: Node) -> Option<()> {
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some((Open::Seq(items), _)) => items.push(node),
            Some((Open::Map(entries, pending), _)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    if node.as_str() == Some("<<") {
                        return None;
                    }
                    *pending = Some(node);
                }
            },
        }
        Some(())
    }
}

/// The type serde-saphyr gives an untagged scalar, or `None` for a plain
/// scalar that looks numeric but is not a plain decimal.
fn scalar_kind(value: String, style: ScalarStyle) -> Option<NodeKind> {
    if !matches!(style, ScalarStyle::Plain) {
        return Some(NodeKind::Str(value));
    }
    if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        return Some(NodeKind::Null);
    }
    if let Some(b) = yaml11_bool(&value) {
        return Some(NodeKind::Bool(b));
    }
    let Some(&first) = value.as_bytes().first() else {
        return Some(NodeKind::Null);
    };
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) || !could_be_number(&value)
    {
        return Some(NodeKind::Str(value));
    }
    number_kind(value)
}

/// Whether serde-saphyr might read a plain scalar as a number. This is a
/// generous outline of every spelling its integer and float parsers take
/// (signs, `0x`, `0o` and `0b` radixes, `_` separators, fractions, exponents,
/// `.inf` and `.nan`): what falls outside it, such as `1 minute`, `12:30` or
/// `3f1e8c2a-order-1001`, is certainly a string.
fn could_be_number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['+', '-']).unwrap_or(value);
    if matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        return true;
    }
    let radix = ["0x", "0X", "0o", "0O", "0b", "0B"]
        .iter()
        .find_map(|p| unsigned.strip_prefix(p));
    if let Some(digits) = radix {
        return digits.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_');
    }
    let decimal = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    decimal(whole) && decimal(fraction) && exponent.is_none_or(decimal)
}

/// Types a plain scalar that starts like a number, when it is an optionally
/// negative decimal: `42`, `-7`, `0.25`, `-1.5`, `1e-7`, `2.5E+3`.
fn number_kind(value: String) -> Option<NodeKind> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = value.strip_prefix('-').unwrap_or(&value);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    if !digits(whole) || !fraction.is_none_or(digits) || !exponent.is_none_or(digits) {
        return None;
    }
    if fraction.is_some() || exponent.is_some() {
        let v: f64 = value.parse().ok()?;
        return v.is_finite().then_some(NodeKind::Float(v));
    }
    if whole.len() > 1 && whole.starts_with('0') {
        // `leading_zero_numbers_as_strings`: `022001` stays a string.
        return Some(NodeKind::Str(value));
    }
    if value.starts_with('-') {
        value
            .parse::<i64>()
            .ok()
            .map(|n| NodeKind::Int(i128::from(n)))
    } else {
        value
            .parse::<u64>()
            .ok()
            .map(|n| NodeKind::Int(i128::from(n)))
    }
}

/// YAML 1.1 booleans, which serde-saphyr accepts unless told to be strict.
fn yaml11_bool(value: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "on"];
    const FALSE: [&str; 4] = ["false", "no", "n", "off"];
    if TRUE.iter().any(|t| value.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if FALSE.iter().any(|f| value.eq_ignore_ascii_case(f)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_up_past_the_node_budget() {
        // Stream and document events, the sequence, three items.
        let text = "[1, 2, 3]\n";
        assert!(build(text, FileId(0), 8).is_some());
        assert_eq!(build(text, FileId(0), 5), None);
    }
}
