//! Compiles the envelope template, per entry, into a short program of static
//! JSON fragments and dynamic steps.
//!
//! Everything known when the catalogue is compiled (the code, status,
//! category, title, a fixed message, the doc link, and which members are
//! present) becomes static text. At run time only the message (when it has
//! placeholders or varies), the details and the per-request values are
//! written. The macro emits these programs as static tables; the `errcat`
//! runtime executes them.

use crate::model::{Catalog, Details, Entry, Field, HeaderSource, Message, RequestField, TypeSpec};
use crate::template::{Slot, TMember, TNode};

/// A value only known at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dyn {
    /// The wire message, rendered from its template or supplied (varies).
    Message,
    /// The details object or value.
    Details,
    /// A per-request value; absent when the caller does not supply it.
    Request(RequestField),
}

/// One step of a body program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Static JSON text.
    Raw(String),
    /// Sets the "a member was written" flag of the current object.
    SetComma(bool),
    /// Writes `,` if the flag is set.
    CommaIf,
    /// An optional member, written as `,"key":value` (comma per the flag)
    /// only when the value is present; sets the flag when written.
    Member {
        /// The member name as JSON text, with quotes and colon: `"k":`.
        key: String,
        /// Its value.
        value: Dyn,
    },
    /// A required value; `null` when absent.
    Value(Dyn),
    /// The details' members, each preceded by a comma per the flag.
    MergeDetails,
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
    /// The wire message, when it is not fixed (a fixed one is inside `body`).
    pub wire_message: Vec<MsgPiece>,
    /// The message for `Display`.
    pub display_message: Vec<MsgPiece>,
    /// The members of the details object: JSON key text (`"k":`) and the
    /// variant field index, in order. Empty for value details.
    pub details_members: Vec<(String, usize)>,
    /// The response headers.
    pub headers: Vec<(String, HeaderPlan)>,
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
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
pub fn compile(catalog: &Catalog, entry: &Entry) -> EntryProgram {
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
        wire_static: static_text(&wire_message),
    };
    c.value(&catalog.envelope.template.root);
    let details_members = entry
        .details
        .fields()
        .iter()
        .enumerate()
        .filter(|(_, f)| f.in_body)
        .map(|(i, f)| (format!("{}:", json_string(&f.name)), i))
        .collect();
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
        body: merge_raw(c.ops),
        wire_message,
        display_message,
        details_members,
        headers,
    }
}

fn static_text(plan: &[MsgPiece]) -> Option<String> {
    plan.iter()
        .map(|p| match p {
            MsgPiece::Lit(s) => Some(s.as_str()),
            MsgPiece::Field(_) => None,
        })
        .collect()
}

fn merge_raw(ops: Vec<Op>) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len());
    for op in ops {
        if let (Op::Raw(next), Some(Op::Raw(prev))) = (&op, out.last_mut()) {
            prev.push_str(next);
            continue;
        }
        out.push(op);
    }
    out
}

/// What is known, when compiling, about a value.
enum Known {
    /// Static JSON text.
    Static(String),
    /// Statically absent.
    Absent,
    /// Written at run time.
    Dynamic(Dyn),
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

struct Compiler<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    ops: Vec<Op>,
    wire_static: Option<String>,
}

impl Compiler<'_> {
    fn raw(&mut self, s: impl Into<String>) {
        self.ops.push(Op::Raw(s.into()));
    }

    fn known(&self, slot: Slot) -> Known {
        let e = self.entry;
        match slot {
            Slot::Code => Known::Static(json_string(&e.code)),
            Slot::Status => e
                .status
                .map_or(Known::Absent, |s| Known::Static(s.to_string())),
            Slot::Category => self
                .catalog
                .category(&e.category)
                .map_or(Known::Absent, |c| Known::Static(json_string(&c.wire))),
            Slot::Title => Known::Static(json_string(e.title_or_code())),
            Slot::Message => match &self.wire_static {
                Some(text) => Known::Static(json_string(text)),
                None => Known::Dynamic(Dyn::Message),
            },
            Slot::DocUrl => self
                .catalog
                .doc_url(e)
                .map_or(Known::Absent, |u| Known::Static(json_string(&u))),
            Slot::Retryable => e
                .retryable
                .map_or(Known::Absent, |r| Known::Static(r.to_string())),
            Slot::Request(f) => Known::Dynamic(Dyn::Request(f)),
            Slot::Details => {
                if e.details.has_body() {
                    Known::Dynamic(Dyn::Details)
                } else {
                    Known::Absent
                }
            }
        }
    }

    /// Writes a value in a position where it cannot be omitted.
    fn value(&mut self, node: &TNode) {
        match node {
            TNode::Literal(v) => self.raw(v.to_string()),
            TNode::Slot(s) => match self.known(s.slot) {
                Known::Static(text) => self.raw(text),
                Known::Absent => self.raw("null"),
                Known::Dynamic(d) => self.ops.push(Op::Value(d)),
            },
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
            TNode::Object(members) => self.object(members),
        }
    }

    fn presence(&self, member: &TMember) -> Presence {
        match member {
            // Details fields may all be optional, so the runtime decides.
            TMember::MergeDetails => {
                if self.entry.details.has_body() {
                    Presence::Maybe
                } else {
                    Presence::Never
                }
            }
            TMember::Field {
                value: TNode::Slot(s),
                ..
            } if s.omit_if_absent => match self.known(s.slot) {
                Known::Static(_) => Presence::Always,
                Known::Absent => Presence::Never,
                Known::Dynamic(Dyn::Request(_)) => Presence::Maybe,
                Known::Dynamic(_) => Presence::Always,
            },
            TMember::Field { .. } => Presence::Always,
        }
    }

    fn object(&mut self, members: &[TMember]) {
        self.raw("{");
        let mut state = CommaState::Known(false);
        for member in members {
            match (self.presence(member), member) {
                (Presence::Never, _) => {}
                (Presence::Always, TMember::Field { key, value }) => {
                    match state {
                        CommaState::Known(false) => {}
                        CommaState::Known(true) => self.raw(","),
                        CommaState::Flag => self.ops.push(Op::CommaIf),
                    }
                    self.raw(format!("{}:", json_string(key)));
                    self.value(value);
                    state = CommaState::Known(true);
                }
                (_, TMember::MergeDetails) => {
                    if let CommaState::Known(b) = state {
                        self.ops.push(Op::SetComma(b));
                    }
                    self.ops.push(Op::MergeDetails);
                    state = CommaState::Flag;
                }
                (Presence::Maybe, TMember::Field { key, value }) => {
                    let TNode::Slot(s) = value else {
                        unreachable!("only slots can be omitted")
                    };
                    let Known::Dynamic(d) = self.known(s.slot) else {
                        unreachable!("maybe-present slots are dynamic")
                    };
                    if let CommaState::Known(b) = state {
                        self.ops.push(Op::SetComma(b));
                    }
                    self.ops.push(Op::Member {
                        key: format!("{}:", json_string(key)),
                        value: d,
                    });
                    state = CommaState::Flag;
                }
            }
        }
        self.raw("}");
    }
}
