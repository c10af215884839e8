//! The envelope template: the JSON shape of every error body.
//!
//! A template is written in YAML as the JSON it produces. Values of the form
//! `$slot` are filled per error; everything else is copied as is:
//!
//! ```yaml
//! template:
//!   error:
//!     code: $code
//!     message: $message
//!     details: $details?     # `?` omits the member when there is no value
//!   meta:
//!     requestId: $request_id
//! ```
//!
//! `$merge: $details` inside a mapping writes the details' fields as members
//! of that mapping (RFC 9457 extension members). `$$` starts a literal `$`.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::json_value::Json;
use crate::model::RequestField;
use crate::suggest::did_you_mean;
use crate::tree_reader::Sink;
use crate::yaml::{Node, NodeKind};

/// Templates nest at most this deep.
pub const MAX_DEPTH: usize = 16;

/// A value filled in per error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The wire code.
    Code,
    /// The HTTP status, as a number.
    Status,
    /// The category's wire name.
    Category,
    /// The error's title (or its code).
    Title,
    /// The public message.
    Message,
    /// The details (object, or value).
    Details,
    /// The error's doc link, `docs_url#key` (RFC 9457 `type`).
    DocUrl,
    /// Whether the error is retryable, or null.
    Retryable,
    /// A per-request value.
    Request(RequestField),
}

impl Slot {
    /// Every slot.
    pub const ALL: [Slot; 11] = [
        Slot::Code,
        Slot::Status,
        Slot::Category,
        Slot::Title,
        Slot::Message,
        Slot::Details,
        Slot::DocUrl,
        Slot::Retryable,
        Slot::Request(RequestField::RequestId),
        Slot::Request(RequestField::Timestamp),
        Slot::Request(RequestField::Instance),
    ];

    /// The name after `$`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Slot::Code => "code",
            Slot::Status => "status",
            Slot::Category => "category",
            Slot::Title => "title",
            Slot::Message => "message",
            Slot::Details => "details",
            Slot::DocUrl => "doc_url",
            Slot::Retryable => "retryable",
            Slot::Request(f) => f.name(),
        }
    }

    /// The slot with this name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The default description of a member holding this slot, for the docs.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Slot::Code => "Machine-readable error code; see the table of codes.",
            Slot::Status => "The HTTP status code of the response.",
            Slot::Category => "The error's category; see the categories table.",
            Slot::Title => "A short, human-readable summary of the error.",
            Slot::Message => "Human-readable explanation of this occurrence.",
            Slot::Details => "Additional context; its shape depends on the code.",
            Slot::DocUrl => "Link to this error's section in the reference.",
            Slot::Retryable => "Whether retrying the same request may succeed.",
            Slot::Request(RequestField::RequestId) => "Identifier of the request, for support.",
            Slot::Request(RequestField::Timestamp) => "When the error occurred.",
            Slot::Request(RequestField::Instance) => {
                "URI identifying this occurrence of the problem."
            }
        }
    }

    /// The JSON type of the slot's value, for the docs.
    #[must_use]
    pub fn json_type(self) -> &'static str {
        match self {
            Slot::Status => "integer",
            Slot::Retryable => "boolean",
            Slot::Details => "object",
            _ => "string",
        }
    }
}

/// A slot as used in a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotUse {
    /// Which slot.
    pub slot: Slot,
    /// Written `$slot?`: omit the member when the value is absent, instead
    /// of writing `null`.
    pub omit_if_absent: bool,
}

/// A node of a template.
#[derive(Clone, Debug, PartialEq)]
pub enum TNode {
    /// A literal scalar.
    Literal(Json),
    /// A value filled per error.
    Slot(SlotUse),
    /// An object.
    Object(Vec<TMember>),
    /// An array.
    Array(Vec<TNode>),
}

/// A member of a template object.
#[derive(Clone, Debug, PartialEq)]
pub enum TMember {
    /// `key: value`.
    Field {
        /// The member name.
        key: String,
        /// Its value.
        value: TNode,
    },
    /// `$merge: $details`: the details' fields become members here.
    MergeDetails,
}

/// One step of a path into a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A parsed envelope template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// The root value.
    pub root: TNode,
}

/// The presets: name, template as YAML, and what it is for.
pub const PRESETS: &[(&str, &str, &str)] = &[
    (
        "flat",
        "error: $code\nmessage: $message\n",
        "`{\"error\": \"<code>\", \"message\": \"...\"}`",
    ),
    (
        "nested",
        "error:\n  code: $code\n  message: $message\n  details: $details?\n",
        "`{\"error\": {\"code\", \"message\", \"details\"}}`, details omitted when an error has none",
    ),
    (
        "problem",
        "type: $doc_url\ntitle: $title\nstatus: $status?\ndetail: $message\ninstance: $instance?\ncode: $code\n$merge: $details\n",
        "RFC 9457 `application/problem+json`, with `code` and the details as extension members",
    ),
    (
        "success-meta",
        "success: false\nerror:\n  code: $code\n  message: $message\n  details: $details?\nmeta:\n  requestId: $request_id\n  timestamp: $timestamp\n",
        "`{\"success\": false, \"error\": {...}, \"meta\": {\"requestId\", \"timestamp\"}}`",
    ),
    (
        "google",
        "error:\n  code: $status\n  message: $message\n  status: $code\n  details: $details?\n",
        "Google API style: numeric `code` (the HTTP status) and the code name in `status`",
    ),
];

impl Template {
    /// The template of a preset.
    #[must_use]
    pub fn preset(name: &str) -> Option<Template> {
        let (_, yaml, _) = PRESETS.iter().find(|(n, _, _)| *n == name)?;
        let (_, node) =
            crate::yaml::parse(yaml.as_bytes(), crate::source_map::FileId(u32::MAX)).ok()?;
        let mut sink = Sink::default();
        let template = Template::parse(&node?, &mut sink);
        let findings = sink.finish();
        debug_assert!(findings.diagnostics.is_empty(), "preset {name} is invalid");
        template
    }

    /// The content type that suits a preset.
    #[must_use]
    pub fn preset_content_type(name: &str) -> &'static str {
        if name == "problem" {
            "application/problem+json"
        } else {
            "application/json"
        }
    }

    /// Parses a template written in YAML, recording every problem.
    pub fn parse(node: &Node, sink: &mut Sink) -> Option<Template> {
        let before = sink.error_count();
        let root = parse_node(node, 0, false, sink)?;
        if let TNode::Slot(SlotUse {
            omit_if_absent: true,
            ..
        }) = root
        {
            sink.push(
                Diagnostic::new(
                    codes::TEMPLATE_STRUCTURE,
                    node.span,
                    "the whole body cannot be omitted",
                )
                .label("`?` is only meaningful on a member"),
            );
        }
        (sink.error_count() == before).then_some(Template { root })
    }

    /// Every slot use with its path, in document order.
    #[must_use]
    pub fn slots(&self) -> Vec<(Vec<PathStep>, SlotUse)> {
        let mut out = Vec::new();
        walk(&self.root, &mut Vec::new(), &mut |path, node| {
            if let TNode::Slot(s) = node {
                out.push((path.to_vec(), *s));
            }
        });
        out
    }

    /// Whether the template uses `slot` anywhere (merged details count as
    /// a use of `$details`).
    #[must_use]
    pub fn uses(&self, slot: Slot) -> bool {
        self.slots().iter().any(|(_, s)| s.slot == slot)
            || (slot == Slot::Details && self.merge_path().is_some())
    }

    /// The path of the first use of `slot`.
    #[must_use]
    pub fn path_of(&self, slot: Slot) -> Option<Vec<PathStep>> {
        self.slots()
            .into_iter()
            .find(|(_, s)| s.slot == slot)
            .map(|(p, _)| p)
    }

    /// The path of the object that holds `$merge: $details`, if any.
    #[must_use]
    pub fn merge_path(&self) -> Option<Vec<PathStep>> {
        let mut found = None;
        walk(&self.root, &mut Vec::new(), &mut |path, node| {
            if let TNode::Object(members) = node
                && found.is_none()
                && members.iter().any(|m| matches!(m, TMember::MergeDetails))
            {
                found = Some(path.to_vec());
            }
        });
        found
    }

    /// Member names of the object at `path` (used to detect details fields
    /// that would collide with them when merged).
    #[must_use]
    pub fn member_names_at(&self, path: &[PathStep]) -> Vec<String> {
        let mut node = &self.root;
        for step in path {
            node = match (node, step) {
                (TNode::Object(members), PathStep::Key(k)) => {
                    match members.iter().find_map(|m| match m {
                        TMember::Field { key, value } if key == k => Some(value),
                        _ => None,
                    }) {
                        Some(v) => v,
                        None => return Vec::new(),
                    }
                }
                (TNode::Array(items), PathStep::Index(i)) => match items.get(*i) {
                    Some(v) => v,
                    None => return Vec::new(),
                },
                _ => return Vec::new(),
            };
        }
        match node {
            TNode::Object(members) => members
                .iter()
                .filter_map(|m| match m {
                    TMember::Field { key, .. } => Some(key.clone()),
                    TMember::MergeDetails => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The name of the member that `documented` (a dotted path, as in
/// `envelope.fields`) names directly under the object at `parent`: `balance`
/// for `error.balance` under `error`, or for `balance` under the root.
#[must_use]
pub fn member_under<'a>(parent: &[PathStep], documented: &'a str) -> Option<&'a str> {
    let prefix = path_text(parent);
    let name = if prefix.is_empty() {
        documented
    } else {
        documented.strip_prefix(&prefix)?.strip_prefix('.')?
    };
    (!name.is_empty() && !name.contains(['.', '['])).then_some(name)
}

/// Dotted form of a path: `error.code`, `items[0].x`.
#[must_use]
pub fn path_text(path: &[PathStep]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            PathStep::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathStep::Index(i) => {
                out.push_str(&format!("[{i}]"));
            }
        }
    }
    out
}

/// Calls `f` on every node with its path, parents before children.
pub fn walk<'t>(
    node: &'t TNode,
    path: &mut Vec<PathStep>,
    f: &mut impl FnMut(&[PathStep], &'t TNode),
) {
    f(path, node);
    match node {
        TNode::Object(members) => {
            for m in members {
                if let TMember::Field { key, value } = m {
                    path.push(PathStep::Key(key.clone()));
                    walk(value, path, f);
                    path.pop();
                }
            }
        }
        TNode::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(PathStep::Index(i));
                walk(item, path, f);
                path.pop();
            }
        }
        TNode::Literal(_) | TNode::Slot(_) => {}
    }
}

fn parse_node(node: &Node, depth: usize, in_array: bool, sink: &mut Sink) -> Option<TNode> {
    if depth > MAX_DEPTH {
        sink.push(Diagnostic::new(
            codes::TEMPLATE_STRUCTURE,
            node.span,
            format!("the template nests deeper than {MAX_DEPTH} levels"),
        ));
        return None;
    }
    Some(match &node.kind {
        NodeKind::Null => TNode::Literal(Json::Null),
        NodeKind::Bool(b) => TNode::Literal(Json::Bool(*b)),
        NodeKind::Int(_) | NodeKind::Float(_) => TNode::Literal(node.to_json()),
        NodeKind::Str(s) => parse_scalar_string(s, node, in_array, sink)?,
        NodeKind::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for item in items {
                match parse_node(item, depth + 1, true, sink) {
                    Some(n) => out.push(n),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            TNode::Array(out)
        }
        NodeKind::Map(entries) => {
            let mut members = Vec::with_capacity(entries.len());
            let mut seen: Vec<(String, crate::source_map::Span)> = Vec::new();
            let mut ok = true;
            for (key, value) in entries {
                let Some(k) = key.as_str() else {
                    sink.wrong_type(key, "a string", "an envelope member name");
                    ok = false;
                    continue;
                };
                if k == "$merge" {
                    if value.as_str() == Some("$details") {
                        if members.iter().any(|m| matches!(m, TMember::MergeDetails)) {
                            sink.push(Diagnostic::new(
                                codes::TEMPLATE_STRUCTURE,
                                key.span,
                                "`$merge` appears twice in one mapping",
                            ));
                            ok = false;
                        }
                        members.push(TMember::MergeDetails);
                    } else {
                        sink.push(
                            Diagnostic::new(
                                codes::TEMPLATE_STRUCTURE,
                                value.span,
                                "`$merge` can only merge `$details`",
                            )
                            .label("expected `$details`"),
                        );
                        ok = false;
                    }
                    continue;
                }
                let name = if let Some(rest) = k.strip_prefix("$$") {
                    format!("${rest}")
                } else if k.starts_with('$') {
                    sink.push(
                        Diagnostic::new(
                            codes::TEMPLATE_STRUCTURE,
                            key.span,
                            format!("`{k}` cannot be a member name: slots are values, not keys"),
                        )
                        .help(format!(
                            "write `$${}` for a member literally named `{k}`",
                            k.strip_prefix('$').unwrap_or(k)
                        )),
                    );
                    ok = false;
                    continue;
                } else {
                    k.to_owned()
                };
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
                    sink.push(
                        Diagnostic::new(
                            codes::DUPLICATE_KEY,
                            key.span,
                            format!("duplicate key `{name}`"),
                        )
                        .label("defined again here")
                        .secondary(*first, "first defined here"),
                    );
                    ok = false;
                    continue;
                }
                seen.push((name.clone(), key.span));
                match parse_node(value, depth + 1, false, sink) {
                    Some(v) => members.push(TMember::Field {
                        key: name,
                        value: v,
                    }),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            TNode::Object(members)
        }
    })
}

fn parse_scalar_string(s: &str, node: &Node, in_array: bool, sink: &mut Sink) -> Option<TNode> {
    if let Some(rest) = s.strip_prefix("$$") {
        return Some(TNode::Literal(Json::Str(format!("${rest}"))));
    }
    let Some(body) = s.strip_prefix('$') else {
        return Some(TNode::Literal(Json::Str(s.to_owned())));
    };
    let (name, omit) = match body.strip_suffix('?') {
        Some(name) => (name, true),
        None => (body, false),
    };
    if name == "merge" {
        sink.push(
            Diagnostic::new(
                codes::TEMPLATE_STRUCTURE,
                node.span,
                "`$merge` is a key, not a value",
            )
            .help("write `$merge: $details` inside a mapping"),
        );
        return None;
    }
    let Some(slot) = Slot::from_name(name) else {
        let looks_like_slot = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut d = Diagnostic::new(
            codes::UNKNOWN_SLOT,
            node.span,
            format!("unknown envelope slot `${name}`"),
        )
        .label("not a slot")
        .maybe_help(
            did_you_mean(name, Slot::ALL.iter().map(|s| s.name()))
                .map(|s| format!("did you mean `${s}`?")),
        )
        .note(format!(
            "slots: {}",
            Slot::ALL
                .iter()
                .map(|s| format!("${}", s.name()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if !looks_like_slot {
            d = d.help(format!(
                "for a literal string starting with `$`, write `$${body}`"
            ));
        }
        sink.push(d);
        return None;
    };
    if omit && in_array {
        sink.push(
            Diagnostic::new(
                codes::TEMPLATE_STRUCTURE,
                node.span,
                "`?` cannot be used inside a sequence",
            )
            .help("array elements cannot be omitted; drop the `?` to write `null` when absent"),
        );
        return None;
    }
    Some(TNode::Slot(SlotUse {
        slot,
        omit_if_absent: omit,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_under_an_object_is_its_next_step_only() {
        let error = [PathStep::Key("error".into())];
        assert_eq!(member_under(&error, "error.balance"), Some("balance"));
        assert_eq!(member_under(&[], "balance"), Some("balance"));
        // Not under `error`: a longer name, a deeper member, the object.
        assert_eq!(member_under(&error, "errorbalance"), None);
        assert_eq!(member_under(&error, "error.limits.max"), None);
        assert_eq!(member_under(&error, "error"), None);
        assert_eq!(member_under(&[], "error.code"), None);
    }

    #[test]
    fn every_preset_parses() {
        for (name, _, _) in PRESETS {
            let t = Template::preset(name).unwrap_or_else(|| panic!("preset {name}"));
            assert!(t.uses(Slot::Code), "{name} carries the code");
            assert!(t.uses(Slot::Message), "{name} carries the message");
        }
        let problem = Template::preset("problem").unwrap();
        assert_eq!(problem.merge_path(), Some(vec![]));
        assert_eq!(
            problem.path_of(Slot::Code),
            Some(vec![PathStep::Key("code".into())])
        );
    }

    #[test]
    fn slot_paths_are_found() {
        let t = Template::preset("nested").unwrap();
        assert_eq!(path_text(&t.path_of(Slot::Code).unwrap()), "error.code");
        let (_, d) = t
            .slots()
            .into_iter()
            .find(|(_, s)| s.slot == Slot::Details)
            .unwrap();
        assert!(d.omit_if_absent);
    }
}
