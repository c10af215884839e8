//! OpenAPI documents for a catalogue: error schemas, reusable responses with
//! an example for every code, for client generators and OpenAPI tools.
//!
//! Component names start with the catalogue's name in PascalCase (`Koji`):
//!
//! - `KojiError`: the envelope of any error, the code an open string: the
//!   schema for a code the catalogue does not document yet;
//! - `KojiErrorCode`, `KojiErrorCategory`: the documented codes and
//!   categories;
//! - `KojiError_<key>`: one error, its code fixed (`enum` of one value) and
//!   its details typed; its details object is `Koji<Variant>Details`, and
//!   nested objects and string enums are named like the Rust types the
//!   macro generates (`KojiRateLimitedWindow`);
//! - `KojiError_<status>`: the documented errors sent with a status, a
//!   `oneOf` discriminated by the code (an `anyOf` when two share a code);
//! - `components.responses.KojiError_<status>`: a response per status whose
//!   body is that union or, for a code added later, `KojiError`.
//!
//! The schemas describe the wire, not one example of it: a message is a
//! string with the documented text as an example, unless the catalogue says
//! it is stable. Fixed values are written as an `enum` of one value rather
//! than `const`, which 3.0 lacks and some tools drop; header objects are
//! written in each response rather than referenced, and every schema has a
//! type, so that the documents load into utoipa's and aide's models as
//! they are.

use errcat_catalog::Catalog;
use errcat_catalog::ident::{details_type_name, field_type_name, item_type_name, pascal};
use errcat_catalog::model::{
    Details, Entry, EntryKind, Field, IntFormat, Message, RequestField, RequestHeader, ScalarType,
    TypeKind, TypeSpec,
};
use errcat_catalog::reference;
use errcat_catalog::status_title;
use errcat_catalog::template::{Slot, TMember, TNode};
use serde_json::{Map, Value, json};
use std::cell::RefCell;

/// The OpenAPI version written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.1.0 (JSON Schema 2020-12).
    V3_1,
    /// OpenAPI 3.0.3.
    V3_0,
}

/// The JSON Schema `type` of a scalar value.
fn scalar_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        Value::Bool(_) => Some("boolean"),
        _ => None,
    }
}

impl Version {
    fn number(self) -> &'static str {
        match self {
            Version::V3_1 => "3.1.0",
            Version::V3_0 => "3.0.3",
        }
    }

    /// A schema accepting exactly `value`: an `enum` of one value.
    fn constant(self, value: Value) -> Value {
        match (self, scalar_type(&value)) {
            (_, Some(ty)) => json!({ "type": ty, "enum": [value] }),
            (Version::V3_1, None) if value.is_null() => json!({ "type": "null" }),
            (Version::V3_0, None) if value.is_null() => {
                json!({ "type": "string", "nullable": true, "enum": [null] })
            }
            (_, None) => match value {
                Value::Array(_) => json!({ "type": "array", "enum": [value] }),
                _ => json!({ "type": "object", "enum": [value] }),
            },
        }
    }

    /// A schema of `ty` that also accepts `null`.
    fn nullable(self, ty: &'static str) -> Value {
        match self {
            Version::V3_1 => json!({ "type": [ty, "null"] }),
            Version::V3_0 => json!({ "type": ty, "nullable": true }),
        }
    }

    /// Adds an example to a schema.
    fn example(self, schema: &mut Value, example: Value) {
        if let Value::Object(map) = schema {
            match self {
                Version::V3_1 => map.insert("examples".into(), Value::Array(vec![example])),
                Version::V3_0 => map.insert("example".into(), example),
            };
        }
    }
}

struct Names {
    prefix: String,
}

impl Names {
    fn envelope(&self) -> String {
        format!("{}Error", self.prefix)
    }
    fn codes(&self) -> String {
        format!("{}ErrorCode", self.prefix)
    }
    fn categories(&self) -> String {
        format!("{}ErrorCategory", self.prefix)
    }
    fn entry(&self, e: &Entry) -> String {
        format!("{}Error_{}", self.prefix, e.key)
    }
    /// The envelope of an error whose code the catalogue does not list.
    fn unlisted(&self) -> String {
        format!("{}UnlistedError", self.prefix)
    }
    fn status(&self, s: u16) -> String {
        format!("{}Error_{s}", self.prefix)
    }
    fn request_header(&self, name: &str) -> String {
        format!("{}{}Header", self.prefix, pascal(name))
    }
    /// A generated type, named like its Rust type (`RateLimitedWindow`).
    fn type_schema(&self, rust_name: &str) -> String {
        format!("{}{rust_name}", self.prefix)
    }
}

/// `{"$ref": "#/components/schemas/<name>"}`.
fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A schema of one JSON Schema type, such as `{"type": "string"}`.
fn typed(ty: &'static str) -> Value {
    json!({ "type": ty })
}

/// Builds the OpenAPI document of a catalogue. Each status's response
/// body is one of that status's errors, or an error of a code the
/// catalogue does not list.
#[must_use]
pub fn document(catalog: &Catalog, version: Version) -> Value {
    Document::new(catalog, version, None).build()
}

/// Builds the OpenAPI document of the errors of one Rust type (a whole
/// catalogue's, or an operation's subset of it), for the utoipa and aide
/// integrations. Every status's response body has the same schema, titled
/// `type_name`: one of the type's errors, or an error of a code the
/// catalogue does not list. Client generators that give an operation one
/// error type (progenitor) then type every status with it, as Rust does.
#[must_use]
pub fn type_document(catalog: &Catalog, version: Version, type_name: &str) -> Value {
    Document::new(catalog, version, Some(type_name)).build()
}

/// The entry titles (or codes, for entries without one) that two or more
/// entries share.
fn shared_titles(catalog: &Catalog) -> std::collections::HashSet<&str> {
    let mut seen = std::collections::HashSet::new();
    catalog
        .entries
        .iter()
        .map(Entry::title_or_code)
        .filter(|t| !seen.insert(*t))
        .collect()
}

/// The document of a catalogue, while it is built.
struct Document<'a> {
    catalog: &'a Catalog,
    version: Version,
    names: Names,
    /// The schemas of generated types (details objects, nested objects and
    /// string enums), by component name, as they are met.
    named: RefCell<Map<String, Value>>,
    /// Entry titles that more than one entry has: their schemas' titles
    /// add the key, because client generators name models by title and
    /// drop one of two models of the same name.
    shared_titles: std::collections::HashSet<&'a str>,
    /// With a type's name, every response has that type's union (see
    /// [`type_document`]); without, each status has its own.
    type_name: Option<&'a str>,
    /// While the envelope of unlisted codes is built: the code slot is
    /// then any string but the catalogue's codes.
    unlisted: std::cell::Cell<bool>,
}

impl<'a> Document<'a> {
    fn new(catalog: &'a Catalog, version: Version, type_name: Option<&'a str>) -> Self {
        Document {
            catalog,
            version,
            names: Names {
                prefix: pascal(&catalog.name),
            },
            named: RefCell::new(Map::new()),
            shared_titles: shared_titles(catalog),
            type_name,
            unlisted: std::cell::Cell::new(false),
        }
    }

    /// Every wire code once, in catalogue order.
    fn unique_codes(&self) -> Vec<Value> {
        let mut seen = std::collections::HashSet::new();
        self.catalog
            .entries
            .iter()
            .map(|e| e.code.as_str())
            .filter(|c| seen.insert(*c))
            .map(Value::from)
            .collect()
    }

    fn build(&self) -> Value {
        let (catalog, names) = (self.catalog, &self.names);
        let statuses = self.statuses();
        let mut schemas = Map::new();
        schemas.insert(names.envelope(), self.envelope_schema());
        schemas.insert(names.unlisted(), self.unlisted_schema());
        let unique = self.unique_codes();
        schemas.insert(
            names.codes(),
            json!({
                "title": "Documented error codes",
                "type": "string",
                "description": "Every error code the catalogue documents. A server may add codes: \
                                a client should accept a code it does not know (see the envelope schema).",
                "enum": unique,
            }),
        );
        if !catalog.categories.is_empty() {
            let wires: Vec<Value> = catalog
                .categories
                .iter()
                .map(|c| Value::from(c.wire.as_str()))
                .collect();
            schemas.insert(
                names.categories(),
                json!({
                    "title": "Error categories",
                    "type": "string",
                    "description": "Every error category.",
                    "enum": wires,
                }),
            );
        }
        for e in &catalog.entries {
            schemas.insert(names.entry(e), self.entry_schema(e));
        }
        for (status, entries) in statuses.iter().filter(|(_, e)| e.len() > 1) {
            schemas.insert(names.status(*status), self.status_schema(entries));
        }
        schemas.extend(self.named.take());
        let mut responses = Map::new();
        for (status, entries) in &statuses {
            responses.insert(names.status(*status), self.response(*status, entries));
        }
        let mut components = Map::new();
        components.insert("schemas".into(), schemas.into());
        if !responses.is_empty() {
            components.insert("responses".into(), responses.into());
        }
        if !catalog.request_headers.is_empty() {
            let parameters: Map<String, Value> = catalog
                .request_headers
                .iter()
                .map(|h| (names.request_header(&h.name), self.request_header(h)))
                .collect();
            components.insert("parameters".into(), parameters.into());
        }
        let servers: Vec<Value> = if catalog.servers.is_empty() {
            vec![json!({ "url": "/" })]
        } else {
            catalog
                .servers
                .iter()
                .map(|url| json!({ "url": url }))
                .collect()
        };
        let mut doc = Map::new();
        doc.insert("openapi".into(), self.version.number().into());
        doc.insert("info".into(), self.info().into());
        doc.insert("servers".into(), servers.into());
        doc.insert("paths".into(), Map::new().into());
        doc.insert("components".into(), components.into());
        doc.into()
    }

    /// A request header as a parameter component.
    fn request_header(&self, h: &RequestHeader) -> Value {
        let mut p = Map::new();
        p.put("name", h.name.as_str());
        p.put("in", "header");
        if let Some(d) = &h.description {
            p.put("description", prose(d));
        }
        if h.required {
            p.put("required", true);
        }
        // The default for headers, written out as aide writes it.
        p.put("style", "simple");
        p.put("schema", typed(h.ty.name()));
        if let Some(example) = &h.example {
            p.put("example", example.as_str());
        }
        p.into()
    }

    /// The failure statuses that get a reusable response, with their
    /// errors. Success statuses are documented in the reference page only.
    fn statuses(&self) -> Vec<(u16, Vec<&'a Entry>)> {
        let catalog = self.catalog;
        catalog
            .all_statuses()
            .into_iter()
            .filter(|&status| status >= 400)
            .map(|status| {
                let entries = catalog
                    .entries
                    .iter()
                    .filter(|e| e.status == Some(status))
                    .collect();
                (status, entries)
            })
            .collect()
    }

    fn info(&self) -> Map<String, Value> {
        let catalog = self.catalog;
        let mut info = Map::new();
        info.put("title", prose(&catalog.title));
        info.put(
            "version",
            catalog.version.as_deref().unwrap_or("unversioned"),
        );
        let mut description = catalog.description.clone().unwrap_or_default();
        if let Some(url) = &catalog.docs_url {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&format!("Reference: {url}"));
        }
        if !description.is_empty() {
            info.put("description", prose(&description));
        }
        info.extend(
            catalog
                .extensions
                .iter()
                .map(|(k, v)| (k.clone(), crate::to_serde(v))),
        );
        if let Some(contact) = &catalog.contact {
            let mut c = Map::new();
            for (key, value) in [
                ("name", &contact.name),
                ("url", &contact.url),
                ("email", &contact.email),
            ] {
                if let Some(v) = value {
                    c.put(key, v.as_str());
                }
            }
            info.put("contact", c);
        }
        if let Some(license) = &catalog.license {
            let mut l = Map::new();
            l.put("name", license.name.as_str());
            match (&license.url, &license.identifier, self.version) {
                (Some(url), _, _) => l.put("url", url.as_str()),
                (None, Some(id), Version::V3_1) => l.put("identifier", id.as_str()),
                _ => {}
            }
            info.put("license", l);
        }
        info
    }
}

/// Inserting into a JSON object with any key and value that convert.
trait Put {
    fn put(&mut self, key: impl Into<String>, value: impl Into<Value>);
}

impl Put for Map<String, Value> {
    fn put(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        self.insert(key.into(), value.into());
    }
}

/// Whether a member holding `slot` is written for `entry`: `Some(true)`
/// always, `Some(false)` never, `None` depending on the request.
fn presence(catalog: &Catalog, entry: &Entry, slot: Slot, omit: bool) -> Option<bool> {
    if !omit {
        return Some(true);
    }
    match slot {
        Slot::Status => Some(entry.status.is_some()),
        Slot::Category => Some(catalog.category(&entry.category).is_some()),
        Slot::Details => Some(entry.details.has_body() || catalog.envelope.empty_details_object),
        Slot::DocUrl => Some(catalog.docs_url.is_some()),
        Slot::Retryable => Some(entry.retryable.is_some()),
        Slot::Request(_) => None,
        Slot::Code | Slot::Title | Slot::Message => Some(true),
    }
}

/// [`presence`] over every entry of the catalogue: `Some(b)` when all of
/// them agree on `Some(b)`.
fn presence_in_all(catalog: &Catalog, slot: Slot, omit: bool) -> Option<bool> {
    let (mut always, mut never) = (true, true);
    for e in &catalog.entries {
        match presence(catalog, e, slot, omit) {
            Some(true) => never = false,
            Some(false) => always = false,
            None => (always, never) = (false, false),
        }
    }
    if always {
        Some(true)
    } else if never {
        Some(false)
    } else {
        None
    }
}

impl<'a> Document<'a> {
    fn entry_schema(&self, e: &'a Entry) -> Value {
        let (catalog, version) = (self.catalog, self.version);
        let shape = match self.node_schema(Some(e), &catalog.envelope.template.root, &e.ident, 0) {
            Value::Object(shape) => shape,
            other => return other,
        };
        // Metadata first, then the shape.
        let mut schema = Map::new();
        let title = e.title_or_code();
        if self.shared_titles.contains(title) {
            schema.put("title", prose(&format!("{title} ({})", e.key)));
        } else {
            schema.put("title", prose(title));
        }
        if let Some(d) = &e.description {
            schema.put("description", prose(d));
        }
        schema.put("x-code", e.code.as_str());
        if let Some(s) = e.status {
            schema.put("x-status", s);
        }
        if !e.category.is_empty() {
            schema.put("x-category", e.category.as_str());
        }
        if e.kind != EntryKind::Error {
            schema.put("x-kind", e.kind.name());
        }
        if !e.request_headers.is_empty() {
            let about: Vec<Value> = e
                .request_headers
                .iter()
                .map(|h| Value::from(h.value.as_str()))
                .collect();
            schema.put("x-request-headers", about);
        }
        schema.extend(
            e.extensions
                .iter()
                .map(|(k, v)| (k.clone(), crate::to_serde(v))),
        );
        if let Some(r) = e.retryable {
            schema.put("x-retryable", r);
        }
        if let Some(url) = catalog.doc_url(e) {
            schema.put("x-docs-url", url);
        }
        if let Some(d) = &e.deprecated {
            schema.put("deprecated", true);
            let mut dep = Map::new();
            if let Some(s) = &d.since {
                dep.put("since", s.as_str());
            }
            if let Some(r) = &d.replaced_by {
                let code = catalog.entry(r).map_or(r, |x| &x.code);
                dep.put("replaced-by", code.as_str());
            }
            if let Some(n) = &d.note {
                dep.put("note", n.as_str());
            }
            schema.put("x-deprecation", dep);
        }
        schema.extend(shape);
        let mut schema = Value::Object(schema);
        if let Some(example) = e.examples.first() {
            let body = crate::to_serde(&reference::body_value(catalog, e, example));
            version.example(&mut schema, body);
        }
        schema
    }

    /// The envelope of an error whose code is none of the catalogue's: the
    /// last member of every response's union, so that a client decodes a
    /// code added after it was generated, and `oneOf` still holds (no body
    /// matches two members).
    fn unlisted_schema(&self) -> Value {
        let catalog = self.catalog;
        self.unlisted.set(true);
        let shape = self.node_schema(
            None,
            &catalog.envelope.template.root,
            "UnlistedErrorBody",
            0,
        );
        self.unlisted.set(false);
        let mut schema = Map::new();
        schema.put(
            "title",
            prose(&format!("{} error of an unlisted code", catalog.title)),
        );
        schema.put(
            "description",
            "An error whose code this document does not list: one added after it was \
             written. Its details may have any shape.",
        );
        if let Value::Object(shape) = shape {
            schema.extend(shape);
        }
        schema.into()
    }

    fn envelope_schema(&self) -> Value {
        let catalog = self.catalog;
        let shape = match self.node_schema(None, &catalog.envelope.template.root, "ErrorBody", 0) {
            Value::Object(shape) => shape,
            other => return other,
        };
        let mut schema = Map::new();
        schema.put("title", prose(&format!("{} error", catalog.title)));
        schema.put(
            "description",
            "The body of any error response, whatever its code, including codes added after \
             this document was written. The per-code schemas give each documented error's \
             exact shape.",
        );
        schema.extend(shape);
        schema.into()
    }

    /// The schema of a template node, for one entry or (entry `None`) for
    /// any, at `depth`. Client generators make a type of each nested
    /// object, so a nested object is a named component: the entry's variant
    /// followed by the path to it (`PaymentsCardDeclinedError`), `title`
    /// being that name without the catalogue's prefix.
    fn node_schema(
        &self,
        entry: Option<&'a Entry>,
        node: &'a TNode,
        title: &str,
        depth: usize,
    ) -> Value {
        let (catalog, version) = (self.catalog, self.version);
        let mut schema = match node {
            TNode::Literal(v) => literal_schema(&crate::to_serde(v), version),
            TNode::Slot(s) => self.slot_schema(entry, s.slot, s.omit_if_absent),
            TNode::Array(items) => {
                let item_title = item_type_name(title);
                let mut schemas: Vec<Value> = items
                    .iter()
                    .map(|i| self.node_schema(entry, i, &item_title, depth + 1))
                    .collect();
                schemas.dedup();
                let items = match schemas.len() {
                    0 => json!({ "type": "object" }),
                    1 => schemas.remove(0),
                    _ => json!({ "anyOf": schemas }),
                };
                json!({ "type": "array", "items": items })
            }
            TNode::Object(members) => {
                let mut properties = Map::new();
                let mut required: Vec<Value> = Vec::with_capacity(members.len());
                for member in members {
                    match member {
                        TMember::Field { key, value } => {
                            let present = match value {
                                TNode::Slot(s) => match entry {
                                    Some(e) => presence(catalog, e, s.slot, s.omit_if_absent),
                                    None => presence_in_all(catalog, s.slot, s.omit_if_absent),
                                },
                                _ => Some(true),
                            };
                            if present == Some(false) {
                                continue;
                            }
                            let title = field_type_name(title, key);
                            properties.put(
                                key.as_str(),
                                self.node_schema(entry, value, &title, depth + 1),
                            );
                            if present == Some(true) {
                                required.push(key.as_str().into());
                            }
                        }
                        TMember::MergeDetails => {
                            if let Some(
                                e @ Entry {
                                    details: Details::Fields(fields),
                                    ..
                                },
                            ) = entry
                            {
                                for f in fields.iter().filter(|f| f.in_body) {
                                    properties.put(f.name.as_str(), self.field_schema(f, &e.ident));
                                    if !f.optional {
                                        required.push(f.name.as_str().into());
                                    }
                                }
                            }
                        }
                    }
                }
                shaped_object(properties, required)
            }
        };
        let nested_object = depth > 0
            && matches!(node, TNode::Object(_))
            && schema.get("type") == Some(&"object".into());
        if nested_object {
            titled(&mut schema, title);
            return self.name(self.names.type_schema(title), schema);
        }
        schema
    }

    /// The type of the details member of any error: object, or whatever
    /// the catalogue's errors send there.
    fn any_details(&self) -> Value {
        let mut types: Vec<&'static str> = Vec::new();
        for e in &self.catalog.entries {
            let ty = match &e.details {
                Details::None => continue,
                Details::Fields(_) => "object",
                Details::Value(ty) => json_type(ty),
            };
            if !types.contains(&ty) {
                types.push(ty);
            }
        }
        // Any object: members the schema does not name are allowed (said
        // out loud, since some generators read a bare object as empty).
        let any_object = json!({ "type": "object", "additionalProperties": true });
        let one = |ty: &str| match ty {
            "object" => any_object.clone(),
            // Any items: every kind a details value may hold, but arrays.
            "array" => json!({
                "type": "array",
                "items": { "anyOf": [
                    any_object, { "type": "string" },
                    { "type": "number" }, { "type": "boolean" },
                ] },
            }),
            ty => json!({ "type": ty }),
        };
        match types.as_slice() {
            [] => one("object"),
            [ty] => one(ty),
            _ => json!({ "anyOf": types.iter().map(|t| one(t)).collect::<Vec<_>>() }),
        }
    }

    fn slot_schema(&self, entry: Option<&'a Entry>, slot: Slot, omit: bool) -> Value {
        let (catalog, version) = (self.catalog, self.version);
        let Some(e) = entry else {
            // The envelope, for any error.
            let any_without = |f: fn(&Entry) -> bool| !omit && catalog.entries.iter().any(f);
            return match slot {
                // A plain string, not `anyOf [codes, string]`: generators
                // turn that union into types that reject a plain string.
                Slot::Code if self.unlisted.get() => {
                    let mut schema =
                        described(typed("string"), "A code this document does not list.");
                    if let Some(pattern) = any_code_but(&self.unique_codes()) {
                        schema["pattern"] = pattern.into();
                    }
                    schema
                }
                Slot::Code => json!({
                    "type": "string",
                    "description": format!(
                        "The error's code: one of `{}`, or one added later.",
                        self.names.codes()
                    ),
                }),
                Slot::Category if catalog.categories.is_empty() => typed("string"),
                Slot::Category => json!({
                    "type": "string",
                    "description": format!(
                        "The error's category: one of `{}`, or one added later.",
                        self.names.categories()
                    ),
                }),
                Slot::Status if any_without(|e| e.status.is_none()) => {
                    described(version.nullable("integer"), slot.description())
                }
                Slot::Status => described(typed("integer"), slot.description()),
                Slot::Retryable if any_without(|e| e.retryable.is_none()) => {
                    described(version.nullable("boolean"), slot.description())
                }
                Slot::Retryable => described(typed("boolean"), slot.description()),
                Slot::Details => described(self.any_details(), slot.description()),
                Slot::Request(_) if !omit => {
                    described(version.nullable("string"), slot.description())
                }
                _ => described(typed("string"), slot.description()),
            };
        };
        let absent = || {
            if omit {
                typed("object")
            } else {
                version.constant(Value::Null)
            }
        };
        match slot {
            Slot::Code => version.constant(e.code.as_str().into()),
            Slot::Status => e.status.map_or_else(absent, |s| version.constant(s.into())),
            Slot::Category => catalog
                .category(&e.category)
                .map_or_else(absent, |c| version.constant(c.wire.as_str().into())),
            Slot::Title => {
                let mut s = described(typed("string"), slot.description());
                version.example(&mut s, e.title_or_code().into());
                s
            }
            Slot::Message => self.message_schema(e),
            Slot::DocUrl => catalog
                .doc_url(e)
                .map_or_else(absent, |u| version.constant(u.into())),
            Slot::Retryable => e
                .retryable
                .map_or_else(absent, |r| version.constant(r.into())),
            Slot::Request(f) => {
                let d = match f {
                    RequestField::RequestId => "Identifier of the request.",
                    RequestField::Timestamp => "When the error occurred.",
                    RequestField::Instance => "URI identifying this occurrence.",
                };
                described(
                    if omit {
                        typed("string")
                    } else {
                        version.nullable("string")
                    },
                    d,
                )
            }
            Slot::Details => match &e.details {
                Details::Fields(fields) if e.details.has_body() => {
                    let name = self.names.type_schema(&details_type_name(&e.ident));
                    let mut schema = object_schema(
                        fields
                            .iter()
                            .filter(|f| f.in_body)
                            .map(|f| (f, self.field_schema(f, &e.ident))),
                    );
                    titled(&mut schema, &details_type_name(&e.ident));
                    self.name(name, schema)
                }
                Details::None | Details::Fields(_) if catalog.envelope.empty_details_object => {
                    json!({ "type": "object", "maxProperties": 0 })
                }
                Details::None | Details::Fields(_) => absent(),
                Details::Value(ty) => self.type_schema(ty, &details_type_name(&e.ident)),
            },
        }
    }

    /// The message of one error: text, with the documented message as an
    /// example; fixed text only where the catalogue says it is stable.
    fn message_schema(&self, e: &'a Entry) -> Value {
        let version = self.version;
        let documented = match (e.wire_template(), &e.message) {
            (Some(t), _) => Some(t.display_form()),
            (None, Message::Varies { examples }) => examples.first().cloned(),
            (None, _) => Some(e.fallback_message().to_owned()),
        };
        let fixed = e
            .wire_template()
            .filter(|t| e.stable_message && e.public_message.is_none() && t.is_static())
            .and_then(|t| t.static_text());
        if let Some(text) = fixed {
            return described(
                version.constant(text.into()),
                "Human-readable explanation; the catalogue declares this text stable.",
            );
        }
        let mut schema = described(typed("string"), Slot::Message.description());
        if let Some(text) = documented {
            version.example(&mut schema, text.into());
        }
        schema
    }

    /// Registers a named schema (once) and returns a reference to it.
    fn name(&self, name: String, schema: Value) -> Value {
        let reference = schema_ref(&name);
        self.named.borrow_mut().entry(name).or_insert(schema);
        reference
    }

    fn field_schema(&self, f: &Field, owner: &str) -> Value {
        self.type_schema(&f.ty, &field_type_name(owner, &f.rust_name))
    }

    /// The schema of a details type. Enums and objects become named
    /// components, `rust_name` being the name of the Rust type the macro
    /// generates for them.
    fn type_schema(&self, ty: &TypeSpec, rust_name: &str) -> Value {
        let version = self.version;
        let integer = |format: &'static str| json!({ "type": "integer", "format": format });
        let mut schema = match &ty.kind {
            TypeKind::String => typed("string"),
            TypeKind::Integer(f) => match f {
                IntFormat::Int32 => integer("int32"),
                IntFormat::Int64 => integer("int64"),
                IntFormat::Uint32 => json!({
                    "type": "integer", "format": "int64", "minimum": 0, "maximum": u32::MAX,
                }),
                IntFormat::Uint64 => json!({ "type": "integer", "minimum": 0 }),
            },
            TypeKind::Number => json!({ "type": "number", "format": "double" }),
            TypeKind::Boolean => typed("boolean"),
            TypeKind::Enum(values) => {
                let mut schema = json!({ "type": "string", "enum": values });
                titled(&mut schema, rust_name);
                describe(&mut schema, ty);
                return self.name(self.names.type_schema(rust_name), schema);
            }
            TypeKind::Array(item) => json!({
                "type": "array",
                "items": self.type_schema(item, &item_type_name(rust_name)),
            }),
            TypeKind::Object(fields) => {
                let mut schema =
                    object_schema(fields.iter().map(|f| (f, self.field_schema(f, rust_name))));
                titled(&mut schema, rust_name);
                describe(&mut schema, ty);
                if let Some(example) = &ty.example {
                    version.example(&mut schema, crate::to_serde(example));
                }
                return self.name(self.names.type_schema(rust_name), schema);
            }
        };
        describe(&mut schema, ty);
        if let Some(example) = &ty.example {
            version.example(&mut schema, crate::to_serde(example));
        }
        schema
    }

    fn status_schema(&self, entries: &[&'a Entry]) -> Value {
        let names = &self.names;
        let refs: Vec<Value> = entries
            .iter()
            .map(|e| schema_ref(&names.entry(e)))
            .collect();
        let shared = share_a_code(entries);
        let status = entries[0].status.unwrap_or(0);
        let mut schema = Map::new();
        // utoipa's model of `anyOf` has no title: it would drop it.
        if !shared {
            schema.put(
                "title",
                prose(&format!("{} with status {status}", self.catalog.title)),
            );
        }
        schema.put(
            "description",
            format!("The errors documented with status {status}."),
        );
        // Each member's code is a constant, so no body matches two members
        // unless two errors share a code; then only `anyOf` holds.
        schema.put(if shared { "anyOf" } else { "oneOf" }, refs);
        schema.into()
    }

    /// A response body's schema: one of `entries`, or an error of a code
    /// the catalogue does not list.
    fn union_schema(&self, entries: &[&'a Entry], title: Option<&str>) -> Value {
        let mut members: Vec<Value> = entries
            .iter()
            .map(|e| schema_ref(&self.names.entry(e)))
            .collect();
        members.push(schema_ref(&self.names.unlisted()));
        let shared = share_a_code(entries);
        let mut schema = Map::new();
        if let Some(title) = title.filter(|_| !shared) {
            schema.put("title", title);
        }
        schema.put(if shared { "anyOf" } else { "oneOf" }, members);
        schema.into()
    }

    fn response(&self, status: u16, entries: &[&'a Entry]) -> Value {
        let (catalog, names) = (self.catalog, &self.names);
        let doc = catalog.status_doc(status);
        let mut description = match doc.map(|d| d.title.as_str()) {
            Some(t) if t != status_title(status) => {
                format!("{status} {} ({t})", status_title(status))
            }
            _ => format!("{status} {}", status_title(status)),
        };
        if let Some(d) = doc.and_then(|d| d.description.as_ref()) {
            description.push_str(": ");
            description.push_str(d.trim_end());
        }
        if !entries.is_empty() {
            description.push_str(&format!(
                "\n\nCodes: {}.",
                entries
                    .iter()
                    .map(|e| format!("`{}`", e.code))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let mut media = Map::new();
        if entries.is_empty() {
            media.put("schema", schema_ref(&names.envelope()));
        } else {
            // The documented errors, or an error of a code added later.
            let schema = match self.type_name {
                Some(ty) => {
                    let all: Vec<&Entry> = catalog.entries.iter().collect();
                    self.union_schema(&all, Some(ty))
                }
                None => self.union_schema(entries, None),
            };
            media.put("schema", schema);
            let mut examples = Map::new();
            for e in entries {
                for (i, x) in e.examples.iter().enumerate() {
                    let name = if e.examples.len() == 1 {
                        e.key.clone()
                    } else {
                        format!("{}-{}", e.key, i + 1)
                    };
                    let code = if e.code.is_empty() { &e.key } else { &e.code };
                    let summary = match (&x.name, &e.title) {
                        (Some(n), _) | (None, Some(n)) => format!("{code}: {n}"),
                        (None, None) => code.clone(),
                    };
                    let body = crate::to_serde(&reference::body_value(catalog, e, x));
                    examples.put(name, json!({ "summary": summary, "value": body }));
                }
            }
            media.put("examples", examples);
        }
        let mut response = Map::new();
        response.put("description", prose(&description));
        let mut headers = Map::new();
        let every: Vec<&errcat_catalog::model::Header> =
            catalog.headers.iter().filter(|h| h.every_error).collect();
        let set =
            entries
                .iter()
                .flat_map(|e| catalog.entry_headers(e))
                .chain(if entries.is_empty() {
                    every
                } else {
                    Vec::new()
                });
        for h in set {
            headers.put(h.name.as_str(), header_object(h));
        }
        if !headers.is_empty() {
            response.put("headers", headers);
        }
        response.put(
            "content",
            json!({ catalog.envelope.content_type.as_str(): media }),
        );
        response.into()
    }
}

/// Whether two of `entries` have the same code: a body may then match both
/// of their schemas, and only `anyOf` holds.
fn share_a_code(entries: &[&Entry]) -> bool {
    let mut codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    codes.sort_unstable();
    codes.windows(2).any(|w| w[0] == w[1])
}

/// A pattern (ECMA-262, as JSON Schema's) that matches any string but
/// `codes`. A pattern rather than `not: {enum}`: utoipa's schema model has
/// no `not`, and would drop it from a service's document.
fn any_code_but(codes: &[Value]) -> Option<String> {
    if codes.is_empty() {
        return None;
    }
    let mut pattern = String::from("^(?!(?:");
    for (i, code) in codes.iter().filter_map(Value::as_str).enumerate() {
        if i > 0 {
            pattern.push('|');
        }
        for c in code.chars() {
            if "\\^$.|?*+()[]{}/".contains(c) {
                pattern.push('\\');
            }
            pattern.push(c);
        }
    }
    pattern.push_str(")$)");
    Some(pattern)
}

/// Catalogue text for an OpenAPI title or description, which tools render
/// as Markdown: kept as Markdown, raw HTML tags escaped (as on the pages),
/// so that a catalogue cannot put a `<script>` into a rendered document.
fn prose(text: &str) -> String {
    crate::md_escape::block(text).into_owned()
}

/// A response header, written in full (not referenced).
fn header_object(h: &errcat_catalog::model::Header) -> Value {
    let ty = match h.ty {
        ScalarType::String => "string",
        ScalarType::Integer => "integer",
        ScalarType::Number => "number",
        ScalarType::Boolean => "boolean",
    };
    let mut header = Map::new();
    if let Some(d) = &h.description {
        header.put("description", prose(d));
    }
    header.put("schema", typed(ty));
    header.into()
}

/// The JSON type of a details type.
fn json_type(ty: &TypeSpec) -> &'static str {
    match ty.kind {
        TypeKind::String | TypeKind::Enum(_) => "string",
        TypeKind::Integer(_) => "integer",
        TypeKind::Number => "number",
        TypeKind::Boolean => "boolean",
        TypeKind::Array(_) => "array",
        TypeKind::Object(_) => "object",
    }
}

/// `{"type": "object", "required": [...], "properties": {...}}`, without
/// `required` when nothing is.
fn shaped_object(properties: Map<String, Value>, required: Vec<Value>) -> Value {
    let mut schema = Map::new();
    schema.put("type", "object");
    if !required.is_empty() {
        schema.put("required", required);
    }
    if !properties.is_empty() {
        schema.put("properties", properties);
    }
    schema.into()
}

fn literal_schema(v: &Value, version: Version) -> Value {
    match v {
        Value::Object(map) if map.is_empty() => typed("object"),
        Value::Array(items) if items.is_empty() => typed("array"),
        other => version.constant(other.clone()),
    }
}

fn described(mut schema: Value, description: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.put("description", description);
    }
    schema
}

/// Adds a details type's description to its schema.
fn describe(schema: &mut Value, ty: &TypeSpec) {
    if let (Some(d), Value::Object(map)) = (&ty.description, schema) {
        map.put("description", prose(d));
    }
}

/// Gives a named schema a title: its Rust type name, which client
/// generators use to name the type.
fn titled(schema: &mut Value, rust_name: &str) {
    if let Value::Object(map) = schema {
        let mut with_title = Map::new();
        with_title.put("title", rust_name);
        with_title.extend(std::mem::take(map));
        *map = with_title;
    }
}

/// An object schema of details fields and their schemas.
fn object_schema<'f>(fields: impl Iterator<Item = (&'f Field, Value)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (f, schema) in fields {
        properties.put(f.name.as_str(), schema);
        if !f.optional {
            required.push(Value::from(f.name.as_str()));
        }
    }
    shaped_object(properties, required)
}
