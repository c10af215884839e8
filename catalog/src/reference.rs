//! The reference renderer: the meaning of the envelope template.
//!
//! Given an entry and its values (an [`Example`]), it builds the body as a
//! JSON value by walking the template, then serialises it with serde_json.
//! The docs and the OpenAPI examples use it. The generated Rust code writes
//! each variant's body with its own code instead (errcat-expand); the
//! differential test checks that both agree byte for byte on every example
//! of every catalogue.

use crate::message::display_value;
use crate::model::{Catalog, Details, Entry, Example, HeaderSource, Message};
use crate::template::{Slot, TMember, TNode};
use serde_json::{Map, Value};

/// The body of an error as compact JSON bytes, exactly as sent.
#[must_use]
pub fn body(catalog: &Catalog, entry: &Entry, example: &Example) -> Vec<u8> {
    serde_json::to_vec(&body_value(catalog, entry, example)).unwrap_or_default()
}

/// The body as a JSON value, members in template order.
#[must_use]
pub fn body_value(catalog: &Catalog, entry: &Entry, example: &Example) -> Value {
    let ctx = Ctx {
        catalog,
        entry,
        example,
    };
    ctx.node(&catalog.envelope.template.root)
        .unwrap_or(Value::Null)
}

/// The message sent on the wire: the public message if there is one.
#[must_use]
pub fn wire_message(entry: &Entry, example: &Example) -> String {
    match &entry.public_message {
        Some(t) => t.render(details_map(example)),
        None => display_message(entry, example),
    }
}

/// The message shown by `Display`, for logs.
#[must_use]
pub fn display_message(entry: &Entry, example: &Example) -> String {
    match &entry.message {
        Message::Template(t) => t.render(details_map(example)),
        Message::Varies { .. } => example.message.clone().unwrap_or_default(),
        Message::Absent => entry.fallback_message().to_owned(),
    }
}

/// The response headers as name and value, in declaration order. Headers
/// whose value is absent are left out.
#[must_use]
pub fn headers(catalog: &Catalog, entry: &Entry, example: &Example) -> Vec<(String, String)> {
    catalog
        .entry_headers(entry)
        .into_iter()
        .filter_map(|h| {
            let value = match &h.source {
                HeaderSource::Details(field) => details_map(example)
                    .get(field)
                    .filter(|v| !v.is_null())
                    .map(display_value),
                HeaderSource::Request(field) => example.request.get(*field).map(str::to_owned),
            }?;
            Some((h.name.clone(), value))
        })
        .collect()
}

fn details_map(example: &Example) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    match &example.details {
        Value::Object(map) => map,
        _ => EMPTY.get_or_init(Map::new),
    }
}

struct Ctx<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    example: &'a Example,
}

impl Ctx<'_> {
    /// `None` means absent.
    fn node(&self, node: &TNode) -> Option<Value> {
        match node {
            TNode::Literal(v) => Some(v.clone()),
            TNode::Slot(s) => Some(self.slot(s.slot).unwrap_or(Value::Null)),
            TNode::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|i| self.node(i).unwrap_or(Value::Null))
                    .collect(),
            )),
            TNode::Object(members) => {
                let mut map = Map::new();
                for member in members {
                    match member {
                        TMember::Field { key, value } => {
                            let v = match value {
                                TNode::Slot(s) => match self.slot(s.slot) {
                                    Some(v) => v,
                                    None if s.omit_if_absent => continue,
                                    None => Value::Null,
                                },
                                other => self.node(other).unwrap_or(Value::Null),
                            };
                            map.insert(key.clone(), v);
                        }
                        TMember::MergeDetails => {
                            if let Some(Value::Object(fields)) = self.slot(Slot::Details) {
                                map.extend(fields);
                            }
                        }
                    }
                }
                Some(Value::Object(map))
            }
        }
    }

    fn slot(&self, slot: Slot) -> Option<Value> {
        let e = self.entry;
        match slot {
            Slot::Code => Some(Value::String(e.code.clone())),
            Slot::Status => e.status.map(Value::from),
            Slot::Category => self
                .catalog
                .category(&e.category)
                .map(|c| Value::String(c.wire.clone())),
            Slot::Title => Some(Value::String(e.title_or_code().to_owned())),
            Slot::Message => Some(Value::String(wire_message(e, self.example))),
            Slot::DocUrl => self.catalog.doc_url(e).map(Value::String),
            Slot::Retryable => e.retryable.map(Value::Bool),
            Slot::Request(field) => self
                .example
                .request
                .get(field)
                .map(|s| Value::String(s.to_owned())),
            Slot::Details => match &e.details {
                _ if !e.details.has_body() => self
                    .catalog
                    .envelope
                    .empty_details_object
                    .then(|| Value::Object(Map::new())),
                Details::None => None,
                Details::Value(_) => Some(self.example.details.clone()),
                Details::Fields(fields) => {
                    let values = details_map(self.example);
                    let mut map = Map::new();
                    for field in fields.iter().filter(|f| f.in_body) {
                        match values.get(&field.name) {
                            Some(Value::Null) | None => {}
                            Some(v) => {
                                map.insert(field.name.clone(), v.clone());
                            }
                        }
                    }
                    Some(Value::Object(map))
                }
            },
        }
    }
}
