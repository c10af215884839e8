//! Reads typed values out of a [`Node`] tree and records every problem
//! instead of stopping at the first one.
//!
//! Decoders return `None` for a value they could not read, after recording a
//! diagnostic, so callers simply skip what is missing and go on.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::source_map::Span;
use crate::suggest::did_you_mean;
use crate::yaml::{Node, NodeKind};
use std::collections::HashMap;
use std::sync::Arc;

/// Collects diagnostics while a catalogue is read and checked: every
/// decoder and check reports here and goes on.
///
/// A sink must be ended with [`Sink::finish`], which hands over what it
/// found; one dropped without that is a bug in errcat (a check whose
/// findings were lost), and debug builds stop on it.
#[derive(Debug, Default)]
pub struct Sink {
    diagnostics: Vec<Diagnostic>,
    /// Warnings silenced by the catalogue's `allow` list.
    allowed: Vec<Diagnostic>,
    errors: usize,
    /// The text of the file being decoded, used to point inside strings.
    pub(crate) text: Option<Arc<str>>,
    finished: bool,
}

/// What a [`Sink`] found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings silenced by `allow`.
    pub allowed: Vec<Diagnostic>,
}

impl Findings {
    /// Whether an error (not a warning) was found.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Sink {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.errors += usize::from(diagnostic.is_error());
        self.diagnostics.push(diagnostic);
    }

    /// Records a warning that the catalogue's `allow` silences.
    pub fn allowed(&mut self, diagnostic: Diagnostic) {
        self.allowed.push(diagnostic);
    }

    /// Whether any error (not warning) was recorded.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Number of errors recorded so far.
    #[must_use]
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Ends collecting, handing over everything found.
    #[must_use]
    pub fn finish(mut self) -> Findings {
        self.finished = true;
        // In the order of the files and lines, as a reader goes through
        // them (checks run by topic, not by line).
        let at = |d: &Diagnostic| (d.primary.span.file, d.primary.span.start);
        self.diagnostics.sort_by_key(at);
        self.allowed.sort_by_key(at);
        Findings {
            diagnostics: std::mem::take(&mut self.diagnostics),
            allowed: std::mem::take(&mut self.allowed),
        }
    }

    /// Records a wrong-type error for `node`.
    pub fn wrong_type(&mut self, node: &Node, expected: &str, what: &str) {
        let found = node.type_name();
        let mut d = Diagnostic::new(
            codes::WRONG_TYPE,
            node.span,
            format!("{what} must be {expected}, found {found}"),
        )
        .label(format!("expected {expected}"));
        if expected == "a string"
            && let NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) = node.kind
        {
            d = d.help(
                "YAML reads this as a number or boolean; put it in quotes to make it a string",
            );
        }
        if let Some(help) = number_help(node, expected) {
            d = d.help(help);
        }
        if expected == "a string"
            && let NodeKind::Map(members) = &node.kind
            && let [(key, value)] = members.as_slice()
        {
            let text = format!(
                "{}: {}",
                key.as_str().unwrap_or("..."),
                value.as_str().unwrap_or("...")
            );
            d = d.help(format!(
                "YAML reads `key: value` as a mapping, inside `[...]` too; \
                 put the text in quotes: \"{text}\""
            ));
        }
        if expected.contains("`true`")
            && let Some(word) = node.as_str()
            && ["yes", "no", "on", "off", "y", "n"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word))
        {
            let yes = ["yes", "on", "y"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word));
            d = d.help(format!(
                "catalogues are YAML 1.2, where `{word}` is text; write `{}`",
                if yes { "true" } else { "false" }
            ));
        }
        self.push(d);
    }
}

/// A hint for a string where an integer belongs: quotes around a number,
/// or a status written as its name (`NotFound`, `"Too Many Requests"`).
fn number_help(node: &Node, expected: &str) -> Option<String> {
    if expected != "an integer" {
        return None;
    }
    let text = node.as_str()?.trim();
    if text.parse::<i64>().is_ok() {
        return Some(format!(
            "quoted, `{text}` is text; write it without quotes: `{text}`"
        ));
    }
    let key = |s: &str| s.to_ascii_lowercase().replace([' ', '_', '-'], "");
    let wanted = key(text);
    let status = (100..600).find(|&s| {
        crate::http_status::reason_phrase(s).is_some_and(|phrase| key(phrase) == wanted)
    })?;
    Some(format!(
        "write the status as its number: `{status}` ({})",
        crate::http_status::status_title(status)
    ))
}

impl Drop for Sink {
    fn drop(&mut self) {
        debug_assert!(
            self.finished || std::thread::panicking(),
            "errcat bug: a Sink was dropped without `finish`, losing {} diagnostics",
            self.diagnostics.len()
        );
    }
}

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

impl<T> Located<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

/// Reads the entries of a mapping whose keys are names chosen by the author
/// (error keys, category keys). Reports duplicate keys and keys that are not
/// strings; returns the remaining entries in source order.
pub fn named_entries<'n>(
    node: &'n Node,
    what: &str,
    sink: &mut Sink,
) -> Option<Vec<(Located<String>, &'n Node)>> {
    let NodeKind::Map(entries) = &node.kind else {
        if node.kind != NodeKind::Null {
            sink.wrong_type(node, "a mapping", what);
        }
        return None;
    };
    let mut out: Vec<(Located<String>, &Node)> = Vec::with_capacity(entries.len());
    // Name to its position in `out`, for the duplicate check in linear time.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    for (key, value) in entries {
        let name = match &key.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Int(i) => i.to_string(),
            _ => {
                sink.wrong_type(key, "a string", &format!("a key in {what}"));
                continue;
            }
        };
        if let Some(&first) = seen.get(&name) {
            sink.push(duplicate(&name, key.span, out[first].0.span));
            continue;
        }
        seen.insert(name.clone(), out.len());
        out.push((Located::new(name, key.span), value));
    }
    Some(out)
}

fn duplicate(name: &str, again: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        codes::DUPLICATE_KEY,
        again,
        format!("duplicate key `{name}`"),
    )
    .label("defined again here")
    .secondary(first, "first defined here")
}

/// A mapping with a fixed set of known keys, read one key at a time.
/// [`Fields::finish`] reports the keys nobody asked for.
pub struct Fields<'n> {
    entries: Vec<(&'n Node, &'n Node, bool)>,
    known: &'static [&'static str],
    what: String,
    /// Where the mapping starts.
    pub span: Span,
    owner: Option<Span>,
}

impl<'n> Fields<'n> {
    /// Opens `node` as a mapping. Reports a wrong type and duplicate keys.
    pub fn open(
        node: &'n Node,
        known: &'static [&'static str],
        what: impl Into<String>,
        sink: &mut Sink,
    ) -> Option<Self> {
        Self::open_with(node, known, what.into(), false, sink)
    }

    /// Opens `node` as a mapping, where a null (`key:` and nothing else)
    /// stands for an empty one: every key takes its default.
    pub fn open_or_empty(
        node: &'n Node,
        known: &'static [&'static str],
        what: impl Into<String>,
        sink: &mut Sink,
    ) -> Option<Self> {
        Self::open_with(node, known, what.into(), true, sink)
    }

    fn open_with(
        node: &'n Node,
        known: &'static [&'static str],
        what: String,
        allow_null: bool,
        sink: &mut Sink,
    ) -> Option<Self> {
        let entries: &[(Node, Node)] = match &node.kind {
            NodeKind::Map(entries) => entries,
            // `key:` with nothing after it: a mapping of defaults, where
            // the caller allows it.
            NodeKind::Null if allow_null => &[],
            _ => {
                sink.wrong_type(node, "a mapping", &what);
                return None;
            }
        };
        let mut kept: Vec<(&Node, &Node, bool)> = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let text = key.key_text();
            if let Some((first, _, _)) = kept.iter().find(|(k, _, _)| k.key_text() == text) {
                sink.push(duplicate(&text, key.span, first.span));
                continue;
            }
            kept.push((key, value, false));
        }
        Some(Fields {
            entries: kept,
            known,
            what,
            span: node.span,
            owner: None,
        })
    }

    /// Sets the key that holds this mapping; problems with the mapping as a
    /// whole (a missing key) point at it.
    #[must_use]
    pub fn owned_by(mut self, key: Span) -> Self {
        self.owner = Some(key);
        self
    }

    /// Where to point for problems with the whole mapping: its key, if
    /// known, else its start.
    #[must_use]
    pub fn owner_span(&self) -> Span {
        self.owner.unwrap_or(self.span)
    }

    /// The value for `key`, if present.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        debug_assert!(
            self.known.contains(&key),
            "`{key}` missing from the known keys"
        );
        let slot = self
            .entries
            .iter_mut()
            .find(|(k, _, _)| k.as_str() == Some(key))?;
        slot.2 = true;
        Some(slot.1)
    }

    /// The value for `key`, with a missing-key error if absent.
    pub fn require(&mut self, key: &str, sink: &mut Sink) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            sink.push(
                Diagnostic::new(
                    codes::MISSING_KEY,
                    self.owner_span(),
                    format!("{} is missing the required key `{key}`", self.what),
                )
                .label(format!("`{key}` is required here")),
            );
        }
        found
    }

    /// The span of the key `key`, if present.
    #[must_use]
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| k.as_str() == Some(key))
            .map(|(k, _, _)| k.span)
    }

    /// Whether `key` is present.
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _, _)| k.as_str() == Some(key))
    }

    /// The `x-` keys (extensions: metadata the format leaves to the
    /// author, such as `x-severity`), with their values as JSON, in
    /// declaration order. They are read, so [`Fields::finish`] accepts them.
    pub fn extensions(&mut self) -> Vec<(String, crate::Json)> {
        self.entries
            .iter_mut()
            .filter(|(k, _, _)| {
                k.as_str()
                    .is_some_and(|k| k.starts_with("x-") && k.len() > 2)
            })
            .map(|(k, v, used)| {
                *used = true;
                (k.key_text().into_owned(), v.to_json())
            })
            .collect()
    }

    /// Reports every key that was never read.
    pub fn finish(self, sink: &mut Sink) {
        for (key, _, used) in &self.entries {
            if *used {
                continue;
            }
            let text = key.key_text();
            let d = Diagnostic::new(
                codes::UNKNOWN_KEY,
                key.span,
                format!("unknown key `{text}` in {}", self.what),
            )
            .label("not part of the format")
            .maybe_help(
                did_you_mean(&text, self.known.iter().copied())
                    .map(|s| format!("did you mean `{s}`?")),
            )
            .note(format!("known keys: {}", self.known.join(", ")));
            sink.push(d);
        }
    }
}

/// A string value.
pub fn string(node: &Node, what: &str, sink: &mut Sink) -> Option<Located<String>> {
    match &node.kind {
        NodeKind::Str(s) => Some(Located::new(s.clone(), node.span)),
        _ => {
            sink.wrong_type(node, "a string", what);
            None
        }
    }
}

/// A string that must not be empty or only whitespace.
pub fn text(node: &Node, what: &str, sink: &mut Sink) -> Option<Located<String>> {
    let s = string(node, what, sink)?;
    if s.value.trim().is_empty() {
        sink.push(
            Diagnostic::new(codes::EMPTY_MESSAGE, node.span, format!("{what} is empty"))
                .label("empty text"),
        );
        return None;
    }
    Some(s)
}

/// A boolean.
pub fn boolean(node: &Node, what: &str, sink: &mut Sink) -> Option<bool> {
    if let NodeKind::Bool(b) = node.kind {
        Some(b)
    } else {
        sink.wrong_type(node, "`true` or `false`", what);
        None
    }
}

/// An integer.
pub fn integer(node: &Node, what: &str, sink: &mut Sink) -> Option<i128> {
    if let NodeKind::Int(i) = node.kind {
        Some(i)
    } else {
        sink.wrong_type(node, "an integer", what);
        None
    }
}

/// A sequence of non-empty strings. A single string is accepted as a list
/// of one, since `causes: Some text` is an easy slip with an obvious meaning.
pub fn text_list(node: &Node, what: &str, sink: &mut Sink) -> Vec<Located<String>> {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| text(item, &format!("an item of {what}"), sink))
            .collect(),
        NodeKind::Str(_) => text(node, what, sink).into_iter().collect(),
        NodeKind::Null => Vec::new(),
        _ => {
            sink.wrong_type(node, "a list of strings", what);
            Vec::new()
        }
    }
}

/// A sequence, with a wrong-type error otherwise.
pub fn sequence<'n>(node: &'n Node, what: &str, sink: &mut Sink) -> Option<&'n [Node]> {
    match &node.kind {
        NodeKind::Seq(items) => Some(items),
        NodeKind::Null => Some(&[]),
        _ => {
            sink.wrong_type(node, "a sequence", what);
            None
        }
    }
}

/// One of a fixed set of words.
pub fn one_of(
    node: &Node,
    allowed: &[&str],
    what: &str,
    sink: &mut Sink,
) -> Option<Located<String>> {
    let s = string(node, what, sink)?;
    if allowed.contains(&s.value.as_str()) {
        return Some(s);
    }
    sink.push(
        Diagnostic::new(
            codes::INVALID_VALUE,
            node.span,
            format!("`{}` is not a valid {what}", s.value),
        )
        .label(format!("expected one of: {}", allowed.join(", ")))
        .maybe_help(
            did_you_mean(&s.value, allowed.iter().copied()).map(|s| format!("did you mean `{s}`?")),
        ),
    );
    None
}
