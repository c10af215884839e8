//! Compiles the envelope template, per entry, into a short program of static
//! JSON fragments and dynamic steps.
//!
//! Everything known when the catalogue is compiled becomes static text: the
//! code, status, category, title, doc link, the literal parts of the
//! message, the details' member names, and every comma whose presence is
//! certain. At run time only the values are written: details fields (as JSON,
//! or as escaped text inside the message), and per-request values. The
//! macro emits these programs as static tables; the `errcat` runtime
//! executes them.

use crate::model::{Catalog, Details, Entry, Field, HeaderSource, Message, RequestField, TypeSpec};
use crate::template::{Slot, TMember, TNode};

/// One step of a body program. Static text that comes before a value is
/// part of the value's op, so the runtime dispatches once per value; the
/// runtime's `Op` has the same variants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Static JSON text.
    Raw(String),
    /// Static text, then the value of a variant field as JSON (`null` if
    /// absent).
    Json(String, usize),
    /// Static text, then the value of a variant field as text inside a JSON
    /// string (a message placeholder), escaped.
    Text(String, usize),
    /// Static text, then a per-request value as a JSON string (`null` if
    /// absent).
    Request(String, RequestField),
    /// Sets the "a member was written" flag of the current object.
    SetComma(bool),
    /// Writes `,` if the flag is set.
    CommaIf,
    /// An optional member holding a variant field: its key as JSON text with
    /// its colon (`"k":`) and the value, written (after a comma if the flag
    /// is set, then setting it) only when the field has a value.
    OptJson(String, usize),
    /// An optional member holding a per-request value.
    OptRequest(String, RequestField),
}

/// One part of a message plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MsgPiece {
    /// Fixed text.
    Lit(String),
    /// The value of the variant field with this index.
    Field(usize),
}

/// A field of the generated Rust variant, in declaration order.
#[derive(Clone, Copy, Debug)]
pub enum VariantField<'a> {
    /// A details field.
    Detail(&'a Field),
    /// The single `details` value of an error with `details_type`.
    DetailsValue(&'a TypeSpec),
    /// The `message` text of an error whose message varies.
    Message,
}

impl VariantField<'_> {
    /// The Rust field name.
    #[must_use]
    pub fn rust_name(&self) -> &str {
        match self {
            VariantField::Detail(f) => &f.rust_name,
            VariantField::DetailsValue(_) => "details",
            VariantField::Message => "message",
        }
    }
}

/// The fields of an entry's Rust variant that carry values (a `source`
/// field, being Rust-only, is not among them).
#[must_use]
pub fn variant_fields(entry: &Entry) -> Vec<VariantField<'_>> {
    let mut out: Vec<VariantField<'_>> = match &entry.details {
        Details::None => Vec::new(),
        Details::Fields(fields) => fields.iter().map(VariantField::Detail).collect(),
        Details::Value(ty) => vec![VariantField::DetailsValue(ty)],
    };
    if matches!(entry.message, Message::Varies { .. }) {
        out.push(VariantField::Message);
    }
    out
}

/// The variant field that holds an entry's details when they are a single
/// value (`details: {type: ...}`) rather than an object of fields.
#[must_use]
pub fn details_value_field(entry: &Entry) -> Option<usize> {
    variant_fields(entry)
        .iter()
        .position(|f| matches!(f, VariantField::DetailsValue(_)))
}

/// How a header's value is found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderPlan {
    /// The variant field with this index.
    Field(usize),
    /// A per-request value.
    Request(RequestField),
}

/// Everything the runtime needs to write one entry.
#[derive(Clone, Debug)]
pub struct EntryProgram {
    /// The body.
    pub body: Vec<Op>,
    /// The wire message (used to decode bodies).
    pub wire_message: Vec<MsgPiece>,
    /// The message for `Display`.
    pub display_message: Vec<MsgPiece>,
    /// The response headers.
    pub headers: Vec<(String, HeaderPlan)>,
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    push_json_escaped(&mut out, s);
    out.push('"');
    out
}

/// The escaped contents of a JSON string, without the quotes.
#[must_use]
pub fn json_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_json_escaped(&mut out, s);
    out
}

/// Appends `s` escaped as serde_json escapes the inside of a string. (A
/// plain loop rather than serde_json itself: the macro runs unoptimised,
/// where serde_json's layers made this a third of compiling the bodies.)
fn push_json_escaped(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

fn field_index(entry: &Entry, name: &str) -> Option<usize> {
    variant_fields(entry)
        .iter()
        .position(|f| matches!(f, VariantField::Detail(d) if d.name == name))
}

fn message_plan(
    entry: &Entry,
    template: Option<&crate::message::MessageTemplate>,
) -> Vec<MsgPiece> {
    use crate::message::Piece;
    match template {
        Some(t) => t
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(text) => MsgPiece::Lit(text.clone()),
                Piece::Field { name, .. } => {
                    MsgPiece::Field(field_index(entry, name).unwrap_or(usize::MAX))
                }
            })
            .collect(),
        None => match entry.message {
            Message::Varies { .. } => vec![MsgPiece::Field(variant_fields(entry).len() - 1)],
            _ => vec![MsgPiece::Lit(entry.fallback_message().to_owned())],
        },
    }
}

/// Compiles one entry.
#[must_use]
pub fn program(catalog: &Catalog, entry: &Entry) -> EntryProgram {
    let wire_message = message_plan(entry, entry.wire_template());
    let display_message = message_plan(
        entry,
        match &entry.message {
            Message::Template(t) => Some(t),
            _ => None,
        },
    );
    let mut c = Compiler {
        catalog,
        entry,
        ops: Vec::new(),
        pending: String::new(),
        wire_message: &wire_message,
    };
    c.value(&catalog.envelope.template.root);
    c.flush();
    let headers = catalog
        .entry_headers(entry)
        .into_iter()
        .map(|h| {
            let plan = match &h.source {
                HeaderSource::Details(name) => {
                    HeaderPlan::Field(field_index(entry, name).unwrap_or(usize::MAX))
                }
                HeaderSource::Request(f) => HeaderPlan::Request(*f),
            };
            (h.name.clone(), plan)
        })
        .collect();
    EntryProgram {
        body: c.ops,
        wire_message,
        display_message,
        headers,
    }
}

/// Whether a member is written, as far as compilation can tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    Always,
    Never,
    Maybe,
}

/// Within an object: whether a member has certainly been written, or the
/// runtime flag must decide.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CommaState {
    Known(bool),
    Flag,
}

/// A member of an object being compiled.
enum Member<'t> {
    /// A member of the template.
    Template(&'t str, &'t TNode),
    /// A details field (of a details object, or merged into the template).
    Detail(usize, &'t Field),
}

struct Compiler<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    ops: Vec<Op>,
    /// Static text not yet part of an op.
    pending: String,
    wire_message: &'a [MsgPiece],
}

impl<'a> Compiler<'a> {
    /// Appends static text; it becomes part of the next op.
    fn raw(&mut self, s: &str) {
        self.pending.push_str(s);
    }

    /// The static text so far, taken.
    fn prefix(&mut self) -> String {
        std::mem::take(&mut self.pending)
    }

    /// Ends the pending static text as an op of its own.
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let text = self.prefix();
            self.ops.push(Op::Raw(text));
        }
    }

    /// An op that does not take the static text before it.
    fn push_plain(&mut self, op: Op) {
        self.flush();
        self.ops.push(op);
    }

    /// The static JSON of a slot, `None` if absent, or `Err` if dynamic.
    fn static_slot(&self, slot: Slot) -> Result<Option<String>, ()> {
        let e = self.entry;
        Ok(match slot {
            Slot::Code => Some(json_string(&e.code)),
            Slot::Status => e.status.map(|s| s.to_string()),
            Slot::Category => self
                .catalog
                .category(&e.category)
                .map(|c| json_string(&c.wire)),
            Slot::Title => Some(json_string(e.title_or_code())),
            Slot::DocUrl => self.catalog.doc_url(e).map(|u| json_string(&u)),
            Slot::Retryable => e.retryable.map(|r| r.to_string()),
            Slot::Details if !e.details.has_body() => self
                .catalog
                .envelope
                .empty_details_object
                .then(|| "{}".to_owned()),
            Slot::Message | Slot::Details | Slot::Request(_) => return Err(()),
        })
    }

    /// Writes a value in a position where it cannot be omitted.
    fn value(&mut self, node: &'a TNode) {
        match node {
            TNode::Literal(v) => self.raw(&v.to_string()),
            TNode::Slot(s) => self.slot(s.slot),
            TNode::Array(items) => {
                self.raw("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.raw(",");
                    }
                    self.value(item);
                }
                self.raw("]");
            }
            TNode::Object(members) => {
                let mut list = Vec::new();
                for m in members {
                    match m {
                        TMember::Field { key, value } => list.push(Member::Template(key, value)),
                        TMember::MergeDetails => list.extend(self.detail_members()),
                    }
                }
                self.object(&list);
            }
        }
    }

    fn detail_members(&self) -> Vec<Member<'a>> {
        match &self.entry.details {
            Details::Fields(fields) => fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.in_body)
                .map(|(i, f)| Member::Detail(i, f))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn slot(&mut self, slot: Slot) {
        match self.static_slot(slot) {
            Ok(Some(text)) => self.raw(&text),
            Ok(None) => self.raw("null"),
            Err(()) => match slot {
                Slot::Request(f) => {
                    let prefix = self.prefix();
                    self.ops.push(Op::Request(prefix, f));
                }
                Slot::Message => self.message(),
                Slot::Details => match details_value_field(self.entry) {
                    Some(i) => {
                        let prefix = self.prefix();
                        self.ops.push(Op::Json(prefix, i));
                    }
                    None => {
                        let members = self.detail_members();
                        self.object(&members);
                    }
                },
                _ => unreachable!("only message, details and request slots are dynamic"),
            },
        }
    }

    fn message(&mut self) {
        self.raw("\"");
        for piece in self.wire_message {
            match piece {
                MsgPiece::Lit(text) => self.raw(&json_escaped(text)),
                MsgPiece::Field(i) => {
                    let prefix = self.prefix();
                    self.ops.push(Op::Text(prefix, *i));
                }
            }
        }
        self.raw("\"");
    }

    fn presence(&self, member: &Member<'_>) -> Presence {
        match member {
            Member::Detail(_, f) => {
                if f.optional {
                    Presence::Maybe
                } else {
                    Presence::Always
                }
            }
            Member::Template(_, TNode::Slot(s)) if s.omit_if_absent => {
                match self.static_slot(s.slot) {
                    Ok(Some(_)) => Presence::Always,
                    Ok(None) => Presence::Never,
                    Err(()) if matches!(s.slot, Slot::Request(_)) => Presence::Maybe,
                    Err(()) => Presence::Always,
                }
            }
            Member::Template(..) => Presence::Always,
        }
    }

    fn object(&mut self, members: &[Member<'a>]) {
        self.raw("{");
        let mut state = CommaState::Known(false);
        for member in members {
            let key = match member {
                Member::Template(k, _) => format!("{}:", json_string(k)),
                Member::Detail(_, f) => format!("{}:", json_string(&f.name)),
            };
            match self.presence(member) {
                Presence::Never => {}
                Presence::Always => {
                    match state {
                        CommaState::Known(false) => {}
                        CommaState::Known(true) => self.raw(","),
                        CommaState::Flag => self.push_plain(Op::CommaIf),
                    }
                    self.raw(&key);
                    match member {
                        Member::Template(_, node) => self.value(node),
                        Member::Detail(i, _) => {
                            let prefix = self.prefix();
                            self.ops.push(Op::Json(prefix, *i));
                        }
                    }
                    state = CommaState::Known(true);
                }
                Presence::Maybe => {
                    if let CommaState::Known(b) = state {
                        self.push_plain(Op::SetComma(b));
                    }
                    self.flush();
                    match member {
                        Member::Detail(i, _) => self.ops.push(Op::OptJson(key, *i)),
                        Member::Template(_, TNode::Slot(s)) => match s.slot {
                            Slot::Request(field) => self.ops.push(Op::OptRequest(key, field)),
                            _ => unreachable!("only request slots are maybe-present"),
                        },
                        Member::Template(..) => unreachable!("only slots can be omitted"),
                    }
                    state = CommaState::Flag;
                }
            }
        }
        self.raw("}");
    }
}

#[cfg(test)]
mod tests {
    use super::{json_escaped, json_string};

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quote \" backslash \\",
            "é 日本 🦀 \u{2028}",
            &ascii,
        ] {
            let expected = serde_json::to_string(s).unwrap();
            assert_eq!(json_string(s), expected);
            assert_eq!(json_escaped(s), expected[1..expected.len() - 1]);
        }
    }
}
