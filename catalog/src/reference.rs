//! The reference renderer: the meaning of the envelope template.
//!
//! Given an entry and its values (an [`Example`]), it builds the body as a
//! JSON value by walking the template, then writes it as compact JSON.
//! The docs and the OpenAPI examples use it. The generated Rust code writes
//! each variant's body with its own code instead (errcat-expand); the
//! differential test checks that both agree byte for byte on every example
//! of every catalogue.

use crate::json_value::Json;
use crate::model::{Catalog, Details, Entry, Example, HeaderSource, Message};
use crate::template::{Slot, TMember, TNode};

/// The body of an error as compact JSON bytes, exactly as sent.
#[must_use]
pub fn body(catalog: &Catalog, entry: &Entry, example: &Example) -> Vec<u8> {
    body_value(catalog, entry, example).to_string().into_bytes()
}

/// The body as a JSON value, members in template order.
#[must_use]
pub fn body_value(catalog: &Catalog, entry: &Entry, example: &Example) -> Json {
    let ctx = Ctx {
        catalog,
        entry,
        example,
    };
    ctx.node(&catalog.envelope.template.root)
        .unwrap_or(Json::Null)
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
                    .iter()
                    .find(|(k, _)| k == field)
                    .filter(|(_, v)| !v.is_null())
                    .map(|(_, v)| v.text()),
                HeaderSource::Request(field) => example.request.get(*field).map(str::to_owned),
            }?;
            Some((h.name.clone(), value))
        })
        .collect()
}

fn details_map(example: &Example) -> &[(String, Json)] {
    example.details.as_object().unwrap_or_default()
}

struct Ctx<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    example: &'a Example,
}

impl Ctx<'_> {
    /// `None` means absent.
    fn node(&self, node: &TNode) -> Option<Json> {
        match node {
            TNode::Literal(v) => Some(v.clone()),
            TNode::Slot(s) => Some(self.slot(s.slot).unwrap_or(Json::Null)),
            TNode::Array(items) => Some(Json::Array(
                items
                    .iter()
                    .map(|i| self.node(i).unwrap_or(Json::Null))
                    .collect(),
            )),
            TNode::Object(members) => {
                let mut map: Vec<(String, Json)> = Vec::new();
                for member in members {
                    match member {
                        TMember::Field { key, value } => {
                            let v = match value {
                                TNode::Slot(s) => match self.slot(s.slot) {
                                    Some(v) => v,
                                    None if s.omit_if_absent => continue,
                                    None => Json::Null,
                                },
                                other => self.node(other).unwrap_or(Json::Null),
                            };
                            put(&mut map, key.clone(), v);
                        }
                        TMember::MergeDetails => {
                            if let Some(Json::Object(fields)) = self.slot(Slot::Details) {
                                for (k, v) in fields {
                                    put(&mut map, k, v);
                                }
                            }
                        }
                    }
                }
                Some(Json::Object(map))
            }
        }
    }

    fn slot(&self, slot: Slot) -> Option<Json> {
        let e = self.entry;
        match slot {
            Slot::Code => Some(Json::Str(e.code.clone())),
            Slot::Status => e.status.map(|s| Json::Int(i128::from(s))),
            Slot::Category => self
                .catalog
                .category(&e.category)
                .map(|c| Json::Str(c.wire.clone())),
            Slot::Title => Some(Json::Str(e.title_or_code().to_owned())),
            Slot::Message => Some(Json::Str(wire_message(e, self.example))),
            Slot::DocUrl => self.catalog.doc_url(e).map(Json::Str),
            Slot::Retryable => e.retryable.map(Json::Bool),
            Slot::Request(field) => self
                .example
                .request
                .get(field)
                .map(|s| Json::Str(s.to_owned())),
            Slot::Details => match &e.details {
                _ if !e.details.has_body() => self
                    .catalog
                    .envelope
                    .empty_details_object
                    .then(|| Json::Object(Vec::new())),
                Details::None => None,
                Details::Value(_) => Some(self.example.details.clone()),
                Details::Fields(fields) => {
                    let values = details_map(self.example);
                    let mut map = Vec::new();
                    for field in fields.iter().filter(|f| f.in_body) {
                        match values.iter().find(|(k, _)| *k == field.name) {
                            Some((_, Json::Null)) | None => {}
                            Some((_, v)) => map.push((field.name.clone(), v.clone())),
                        }
                    }
                    Some(Json::Object(map))
                }
            },
        }
    }
}

/// Sets a member: a key written again takes the later value in the first
/// place, as a JSON object with one member per key does.
fn put(map: &mut Vec<(String, Json)>, key: String, value: Json) {
    match map.iter_mut().find(|(k, _)| *k == key) {
        Some((_, v)) => *v = value,
        None => map.push((key, value)),
    }
}
