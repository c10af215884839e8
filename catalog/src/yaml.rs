//! Parses YAML text into a tree of [`Node`]s that remember where they came from.
//!
//! Everything is parsed by serde-saphyr: it is pure safe Rust, rejects alias
//! bombs and runaway nesting through its budgets, and reports line and column
//! for every value. Duplicate keys are passed through to the tree, so that the
//! decoder can report all of them, each with the first definition.
//!
//! `serde_tree`, serde-saphyr's deserializer, handles all of YAML and writes
//! the diagnostics. In front of it, `event_tree` builds the same tree
//! straight from the parser's events when the document is plain YAML (no
//! tags, anchors, aliases or merge keys, numbers written as plain
//! decimals), which is what catalogues are made of. It exists for one
//! figure: the proc macro runs unoptimised in a default build, and there
//! the deserializer alone took a 1,000-entry catalogue's expansion from
//! 95 ms to 556 ms (load and validate: 63 ms to 497 ms), over the 150 ms
//! budget. Tests check that both give the same tree, spans included, on
//! every YAML file of the repository.

mod event_tree;
mod serde_tree;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::source_map::{FileId, Span};
use std::borrow::Cow;
use std::sync::Arc;

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
                    .map(|(k, v)| (k.key_text().into_owned(), v.to_json()))
                    .collect(),
            ),
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
}

/// The deepest nesting of sequences and mappings a document may have.
const MAX_DEPTH: usize = 64;

/// The most nodes (scalars, sequences, mappings) a document may hold.
const MAX_NODES: usize = 2_000_000;

/// The most parser events a document may produce.
const MAX_EVENTS: usize = 2 * MAX_NODES;

/// The most aliases, and the most anchors, a document may hold.
const MAX_ALIASES: usize = 10_000;

/// The most events that aliases may replay, in total.
const MAX_REPLAYED_EVENTS: usize = 100_000;

fn budget() -> Option<serde_saphyr::budget::Budget> {
    serde_saphyr::budget! {
        max_nodes: MAX_NODES,
        max_events: MAX_EVENTS,
        max_aliases: MAX_ALIASES,
        max_anchors: MAX_ALIASES,
        max_recorded_anchor_events: MAX_REPLAYED_EVENTS,
        max_depth: MAX_DEPTH,
        max_documents: 2,
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: budget(),
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
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
    let node = match event_tree::parse(&text, file) {
        Some(node) => node,
        None => serde_tree::parse(&text, file).map_err(|e| syntax_diagnostic(&e, file, &text))?,
    };
    let empty = matches!(node.kind, NodeKind::Null) && !has_document_content(&text);
    Ok((text, if empty { None } else { Some(node) }))
}

/// Whether the text holds anything but whitespace, comments and markers.
fn has_document_content(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !(l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
    })
}

fn syntax_diagnostic(error: &serde_saphyr::Error, file: FileId, text: &str) -> Diagnostic {
    use serde_saphyr::Error as E;
    let span = error.location().map_or(Span::file_start(file), |loc| {
        serde_tree::span_of(&loc, file, text)
    });
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
        B::Depth { depth } => format!("nesting deeper than {MAX_DEPTH} levels (reached {depth})"),
        B::Aliases { aliases } => format!("more than {MAX_ALIASES} aliases (reached {aliases})"),
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

    /// Every YAML file of the repository, outside `target/` and hidden or
    /// tool folders, sorted. Files the benchmarks generate are skipped: they
    /// are not committed, and `n50` stands for them.
    fn repository_yaml_files() -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for path in entries {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with('.') || name == "target" || name == "n1000" || name == "n10000"
                {
                    continue;
                }
                if path.is_dir() {
                    walk(&path, out);
                } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let mut out = Vec::new();
        walk(root, &mut out);
        out
    }

    fn text_of(path: &std::path::Path) -> Option<String> {
        let text = String::from_utf8(std::fs::read(path).unwrap()).ok()?;
        Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_owned)
                .unwrap_or(text),
        )
    }

    /// The quick parse and serde-saphyr's agree, spans included, on every
    /// YAML file of the repository: catalogues, failing cases, generated
    /// OpenAPI documents. And the quick parse takes every catalogue that
    /// ships, or it would save nothing.
    #[test]
    fn quick_parse_agrees_with_serde_saphyr_on_every_repository_file() {
        let files = repository_yaml_files();
        assert!(files.len() > 60, "only {} YAML files found", files.len());
        let mut quick = 0;
        for path in &files {
            let Some(text) = text_of(path) else { continue };
            let shown = path.display();
            let complete = serde_tree::parse(&text, FileId(0));
            match event_tree::parse(&text, FileId(0)) {
                Some(node) => {
                    quick += 1;
                    assert_eq!(Some(&node), complete.as_ref().ok(), "{shown}");
                    // The same file with Windows line endings: spans move.
                    let crlf = text.replace('\n', "\r\n");
                    assert_eq!(
                        event_tree::parse(&crlf, FileId(0)),
                        serde_tree::parse(&crlf, FileId(0)).ok(),
                        "{shown} with CRLF line endings"
                    );
                }
                None => {
                    let ships = path.components().any(|c| c.as_os_str() == "catalogs")
                        && !path.ends_with("syntax_error.yaml");
                    assert!(!ships, "the quick parse gave up on {shown}");
                }
            }
        }
        assert!(quick > 50, "the quick parse took only {quick} files");
    }

    /// Texts built to mislead the quick parse: lines that look like entry
    /// keys inside quoted scalars, flow collections and block scalars,
    /// entries without values, anchors and aliases, duplicate keys, syntax
    /// errors. Wherever the quick parse takes them, it gives what
    /// serde-saphyr gives.
    #[test]
    fn quick_parse_is_not_misled() {
        let entry = "  e{i}:\n    code: E{i}\n    status: 400\n";
        let hostile = [
            "  q{i}: \"open\n  key: inside a quoted scalar\n  still: inside\"\n",
            "  s{i}: 'open\n  key: inside\n  '\n",
            "  f{i}: [1,\n  key: 2]\n",
            "  m{i}: {a: 1,\n  key: 2}\n",
            "  b{i}: |\n    block\n  key: after the block\n",
            "  folded{i}: >-\n    folded\n\n  key: after\n",
            "  p{i}: plain\n    continued\n  key: next\n",
            "  n{i}:\n  key: after an empty value\n",
            "  seq{i}:\n  - a\n  - b\n  key: after a compact sequence\n",
            "  a{i}: &anchor{i}\n    code: A\n  alias{i}: *anchor{i}\n",
            "  dup{i}: 1\n  dup{i}: 2\n",
            "  bad{i}: [unclosed\n",
            "  ? complex{i}\n  key{i}: after an explicit key\n",
            "  t{i}: !tagged x\n",
            "  c{i}: x # comment\n# column 0 comment\n  key{i}: y\n",
            "  deep{i}: [[[[[[1]]]]]]\n",
            "  under{i}: 1\n x: less indented than the entries\n",
            "  over{i}:\n    code: X\n   odd: between the levels\n",
            "  tab{i}:\n\tcode: X\n",
            "  end{i}: 1\n...\n",
            "  directive{i}: 1\n%YAML 1.2\n---\n",
        ];
        let mut quick_taken = 0;
        for (h, piece) in hostile.iter().enumerate() {
            for position in [1, 3, 5] {
                let mut text = String::from("name: demo\nerrors:\n");
                for i in 0..7 {
                    let template = if i == position { piece } else { entry };
                    text.push_str(&template.replace("{i}", &i.to_string()));
                }
                let shown = format!("hostile case {h} at entry {position}:\n{text}");
                for text in [text.clone(), text.replace('\n', "\r\n")] {
                    let quick = event_tree::parse(&text, FileId(0));
                    if quick.is_some() {
                        quick_taken += 1;
                        assert_eq!(quick, serde_tree::parse(&text, FileId(0)).ok(), "{shown}");
                    }
                }
            }
        }
        assert!(
            quick_taken > 50,
            "the quick parse took only {quick_taken} texts"
        );
    }

    /// Scalars of every kind, in every style and position: where the quick
    /// parse takes them, it types them as serde-saphyr does; and it gives
    /// up on exactly the ones it has no rule for.
    #[test]
    fn quick_parse_types_scalars_like_serde_saphyr() {
        let quick_words = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRuE",
            "false",
            "yes",
            "Yes",
            "YES",
            "y",
            "Y",
            "no",
            "No",
            "n",
            "N",
            "on",
            "On",
            "off",
            "OFF",
            "0",
            "7",
            "404",
            "022001",
            "00",
            "18446744073709551615",
            "inf",
            "Infinity",
            "nan",
            "NaN",
            "abc",
            "a b",
            "x: y",
            "café",
            "E0001",
            "v1.2",
            "id-1",
            "@x",
            "%",
            "TRUE_ish",
            "nully",
            "-1",
            "-42",
            "-042",
            "0.25",
            "-0.5",
            "999999.99",
            "00.5",
            "-9223372036854775808",
            "1e3",
            "1.5e3",
            "1e-7",
            "-2E+5",
            "0e0",
            "1e999",
            "00e1",
            "1 minute",
            "12:30",
            "1/2",
            "-1 day",
            "+1 (ext)",
            ".a b",
            "404 Not Found",
            "naïve – ✓ 日本",
            "é1",
            "3f1e8c2a-order-1001",
            "3-D",
            "0xZZ",
            "1.2.3",
            "1e5e5",
            "-.infinity",
            "12ab",
            "1.5e3.2",
            "-abc",
            "+x",
            ".hidden",
            "0_not_a_number",
        ];
        let complete_words = [
            "+1",
            ".5",
            "1.",
            "1e",
            "1e+",
            "1.e3",
            ".inf",
            "-.inf",
            ".NaN",
            "0x1F",
            "0o17",
            "1_000",
            "18446744073709551616",
            "-9223372036854775809",
            "0x",
            "0b",
            "0b2",
            "1__0",
            "1._5",
            "1e_5",
            "-.5",
        ];
        let layouts = [
            |w: &str| format!("k: {w}\n"),
            |w: &str| format!("- {w}\n- x\n"),
            |w: &str| format!("{{k: [{w}]}}\n"),
            |w: &str| format!("{w}: v\n"),
            |w: &str| format!("k:\n  - a\n  - {w}\n"),
            |w: &str| format!("ключ: «x»\nzu: {w}\n"),
        ];
        for layout in layouts {
            for (word, expect_quick) in quick_words
                .iter()
                .map(|w| (w, true))
                .chain(complete_words.iter().map(|w| (w, false)))
            {
                for text in [
                    layout(word),
                    layout(&format!("\"{word}\"")),
                    layout(&format!("'{word}'")),
                ] {
                    let Ok(complete) = serde_tree::parse(&text, FileId(0)) else {
                        continue;
                    };
                    let plain = !text.contains(['"', '\'']);
                    match event_tree::parse(&text, FileId(0)) {
                        Some(node) => {
                            assert!(expect_quick || !plain, "took {text:?}");
                            assert_eq!(node, complete, "{text:?}");
                        }
                        None => assert!(!expect_quick && plain, "gave up on {text:?}"),
                    }
                }
            }
        }
    }

    /// What the quick parse leaves to serde-saphyr, and that the result is
    /// still right.
    #[test]
    fn quick_parse_gives_up_on_what_needs_the_complete_parse() {
        for text in [
            "a: &x 1\nb: *x\n",
            "base: &b {k: 1}\nother:\n  <<: *b\n",
            "a: !!str 1\n",
            "a: !custom x\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "a: 0x1F\n",
            "a: +3\n",
        ] {
            assert_eq!(event_tree::parse(text, FileId(0)), None, "{text:?}");
        }
        let node = parse_ok("a: &x 5\nb: *x\n");
        let NodeKind::Map(entries) = node.kind else {
            panic!()
        };
        assert_eq!(entries[1].1.kind, NodeKind::Int(5));
        let deep = format!("{}1{}", "[".repeat(70), "]".repeat(70));
        assert_eq!(event_tree::parse(&deep, FileId(0)), None);
    }

    #[test]
    fn syntax_errors_have_a_location() {
        let err = parse(b"a: [1, 2\nb: 3\n", FileId(0)).unwrap_err();
        assert_eq!(err.code.id, "E0005");
        assert!(!err.message.contains("at line"), "{}", err.message);
    }
}
