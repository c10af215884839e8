//! OpenAPI documents for a catalogue: error schemas, reusable responses with
//! an example for every code, and response headers.
//!
//! Component names start with the catalogue's name in PascalCase (`Koji`):
//!
//! - `KojiError`: the envelope, for any error;
//! - `KojiErrorCode`, `KojiErrorCategory`: enums of every code and category;
//! - `KojiError_<key>`: one error, its code a `const`, its details typed;
//! - `KojiError_<status>`: every error sent with a status (`oneOf`, or
//!   `anyOf` when two of them share a code);
//! - `components.responses.KojiError_<status>`: a response per status;
//! - `components.headers.<name>`: each declared header.
//!
//! Schemas are built as `Json` trees (`borrowed_json`) that borrow the
//! catalogue's text, one error at a time while the document is serialised.

use crate::borrowed_json::{Json, Object};
use errcat_catalog::Catalog;
use errcat_catalog::http::status_title;
use errcat_catalog::ident::pascal;
use errcat_catalog::model::{
    Details, Entry, Field, IntFormat, Message, RequestField, ScalarType, TypeKind, TypeSpec,
};
use errcat_catalog::render;
use errcat_catalog::template::{Slot, TMember, TNode};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::io;

/// The OpenAPI version written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.1.0 (JSON Schema 2020-12).
    V3_1,
    /// OpenAPI 3.0.3.
    V3_0,
}

impl Version {
    fn number(self) -> &'static str {
        match self {
            Version::V3_1 => "3.1.0",
            Version::V3_0 => "3.0.3",
        }
    }

    /// A schema accepting exactly `value`.
    fn constant(self, value: Json<'_>) -> Json<'_> {
        let ty = value.scalar_type();
        let mut schema = Object::with_capacity(2);
        match (self, ty) {
            (Version::V3_1, _) => {
                schema.insert("const", value);
                if let Some(t) = ty {
                    schema.insert("type", t);
                }
            }
            (Version::V3_0, Some(t)) => {
                schema.insert("type", t);
                schema.insert("enum", Json::List(vec![value]));
            }
            (Version::V3_0, None) => {
                schema.insert("nullable", true);
                schema.insert("enum", Json::List(vec![value]));
            }
        }
        schema.into()
    }

    /// A schema of `ty` that also accepts `null`.
    fn nullable(self, ty: &'static str) -> Json<'static> {
        match self {
            Version::V3_1 => Object::of([("type", Json::List(vec![ty.into(), "null".into()]))]),
            Version::V3_0 => Object::of([("type", ty.into()), ("nullable", true.into())]),
        }
        .into()
    }

    /// Adds an example to a schema.
    fn example<'a>(self, schema: &mut Json<'a>, example: Json<'a>) {
        if let Json::Object(map) = schema {
            match self {
                Version::V3_1 => map.insert("examples", Json::List(vec![example])),
                Version::V3_0 => map.insert("example", example),
            }
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
    fn status(&self, s: u16) -> String {
        format!("{}Error_{s}", self.prefix)
    }
}

/// `{"$ref": "#/components/<kind>/<name>"}`.
fn reference(kind: &str, name: &str) -> Json<'static> {
    Object::of([("$ref", format!("#/components/{kind}/{name}").into())]).into()
}

fn schema_ref(name: &str) -> Json<'static> {
    reference("schemas", name)
}

/// A schema of one JSON Schema type, such as `{"type": "string"}`.
fn typed(ty: &'static str) -> Json<'static> {
    Object::of([("type", ty.into())]).into()
}

/// The OpenAPI document of a catalogue, built while it is serialised.
///
/// Each error's schema and examples are made when the serialiser reaches
/// them and dropped right after, so a catalogue of many thousands of errors
/// never holds its whole document in memory, and the YAML and JSON texts
/// can be written side by side from one `Document`.
pub struct Document<'a> {
    catalog: &'a Catalog,
    version: Version,
    names: Names,
}

impl<'a> Document<'a> {
    /// The document of `catalog` in OpenAPI `version`.
    #[must_use]
    pub fn new(catalog: &'a Catalog, version: Version) -> Self {
        Document {
            catalog,
            version,
            names: Names {
                prefix: pascal(&catalog.name),
            },
        }
    }

    /// A starting size for the document as YAML: a fixed part and a part
    /// per entry, a little over what the wild catalogues take (700 to 1,500
    /// bytes an entry). Text that needs more grows as usual, and capacity
    /// never written costs no memory.
    #[must_use]
    pub fn yaml_capacity(&self) -> usize {
        64 * 1024 + self.catalog.entries.len() * 2 * 1024
    }

    /// A starting size for the document as pretty JSON, which takes 1,000
    /// to 2,100 bytes an entry in the wild catalogues. See
    /// [`Document::yaml_capacity`].
    #[must_use]
    pub fn json_capacity(&self) -> usize {
        64 * 1024 + self.catalog.entries.len() * 3 * 1024
    }

    /// The statuses that get a reusable response, with their errors.
    fn statuses(&self) -> Vec<(u16, Vec<&'a Entry>)> {
        let catalog = self.catalog;
        catalog
            .all_statuses()
            .into_iter()
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

    fn info(&self) -> Object<'a> {
        let catalog = self.catalog;
        let mut info = Object::with_capacity(3);
        info.insert("title", catalog.title.as_str());
        info.insert(
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
            info.insert("description", description.trim_end().to_owned());
        }
        info
    }

    fn headers(&self) -> Object<'a> {
        let mut headers = Object::with_capacity(self.catalog.headers.len());
        for h in &self.catalog.headers {
            let ty = match h.ty {
                ScalarType::String => "string",
                ScalarType::Integer => "integer",
                ScalarType::Number => "number",
                ScalarType::Boolean => "boolean",
            };
            let mut header = Object::with_capacity(2);
            if let Some(d) = &h.description {
                header.insert("description", d.as_str());
            }
            header.insert("schema", typed(ty));
            headers.insert(h.name.as_str(), header);
        }
        headers
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Piece {
            doc: self,
            part: Part::Whole,
        }
        .serialize(serializer)
    }
}

/// Which part of the document a [`Piece`] holds. A large document is
/// written as YAML in two pieces on two threads (see [`document_yaml`]).
#[derive(Clone, Copy)]
enum Part {
    /// All of it.
    Whole,
    /// Everything before the schema of entry `.0`: the head of the file,
    /// the envelope and enum schemas, and the first entries' schemas.
    Head(usize),
    /// The rest, under the same `components:` and `schemas:` keys: the
    /// schemas of entry `.0` on, the status schemas, the responses and the
    /// headers.
    Tail(usize),
}

/// A part of the document, to serialise.
struct Piece<'d, 'a> {
    doc: &'d Document<'a>,
    part: Part,
}

impl Serialize for Piece<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        if let Part::Tail(_) = self.part {
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry("components", &Components(self))?;
            return map.end();
        }
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("openapi", doc.version.number())?;
        map.serialize_entry("info", &doc.info())?;
        map.serialize_entry("paths", &Object::default())?;
        map.serialize_entry("components", &Components(self))?;
        map.end()
    }
}

/// `components`: schemas, responses and headers.
struct Components<'p, 'd, 'a>(&'p Piece<'d, 'a>);

impl Serialize for Components<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let piece = self.0;
        let doc = piece.doc;
        if let Part::Head(_) = piece.part {
            // The head holds no status schema: the statuses are not needed.
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry("schemas", &Schemas(piece, &[]))?;
            return map.end();
        }
        let statuses = doc.statuses();
        let headers = doc.headers();
        let mut map = serializer.serialize_map(Some(if headers.is_empty() { 2 } else { 3 }))?;
        map.serialize_entry("schemas", &Schemas(piece, &statuses))?;
        map.serialize_entry("responses", &Responses(doc, &statuses))?;
        if !headers.is_empty() {
            map.serialize_entry("headers", &headers)?;
        }
        map.end()
    }
}

/// `components.schemas`: the envelope, the enums, one schema per error,
/// then one per status.
struct Schemas<'p, 'd, 'a>(&'p Piece<'d, 'a>, &'p [(u16, Vec<&'a Entry>)]);

impl Serialize for Schemas<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Schemas(piece, statuses) = *self;
        let doc = piece.doc;
        let (catalog, names) = (doc.catalog, &doc.names);
        let count = catalog.entries.len();
        // The three schemas before the entries', the entries', and the
        // status schemas after them.
        let (first, entries, last) = match piece.part {
            Part::Whole => (true, 0..count, true),
            Part::Head(at) => (true, 0..at.min(count), false),
            Part::Tail(at) => (false, at.min(count)..count, true),
        };
        let used: Vec<_> = statuses.iter().filter(|(_, e)| !e.is_empty()).collect();
        let len = usize::from(first) * 3 + entries.len() + usize::from(last) * used.len();
        let mut map = serializer.serialize_map(Some(len))?;
        if first {
            map.serialize_entry(&names.envelope(), &doc.envelope_schema())?;
            // Each wire code once, in catalogue order.
            let mut seen = std::collections::HashSet::new();
            let unique: Vec<Json<'_>> = catalog
                .entries
                .iter()
                .map(|e| e.code.as_str())
                .filter(|c| seen.insert(*c))
                .map(Json::from)
                .collect();
            map.serialize_entry(
                &names.codes(),
                &string_enum("Every error code of the catalogue.", unique),
            )?;
            let wires = catalog
                .categories
                .iter()
                .map(|c| c.wire.as_str().into())
                .collect();
            map.serialize_entry(
                &names.categories(),
                &string_enum("Every error category.", wires),
            )?;
        }
        for e in &catalog.entries[entries] {
            map.serialize_entry(&names.entry(e), &doc.entry_schema(e))?;
        }
        if last {
            for (status, entries) in used {
                map.serialize_entry(&names.status(*status), &doc.status_schema(entries))?;
            }
        }
        map.end()
    }
}

/// A schema of a string that takes one of `values`.
fn string_enum<'a>(description: &'static str, values: Vec<Json<'a>>) -> Object<'a> {
    Object::of([
        ("type", "string".into()),
        ("description", description.into()),
        ("enum", Json::List(values)),
    ])
}

/// `components.responses`: one per status.
struct Responses<'d, 'a>(&'d Document<'a>, &'d [(u16, Vec<&'a Entry>)]);

impl Serialize for Responses<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Responses(doc, statuses) = *self;
        let mut map = serializer.serialize_map(Some(statuses.len()))?;
        for (status, entries) in statuses {
            map.serialize_entry(&doc.names.status(*status), &doc.response(*status, entries))?;
        }
        map.end()
    }
}

/// Builds the whole OpenAPI document of a catalogue as one value (for
/// tests and tools; [`to_yaml`] and [`to_json`] stream a [`Document`]).
#[must_use]
pub fn document(catalog: &Catalog, version: Version) -> Value {
    serde_json::to_value(Document::new(catalog, version)).unwrap_or(Value::Null)
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
        Slot::Details => Some(entry.details.has_body()),
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
    fn entry_schema(&self, e: &'a Entry) -> Json<'a> {
        let (catalog, version) = (self.catalog, self.version);
        let shape = match self.node_schema(Some(e), &catalog.envelope.template.root) {
            Json::Object(shape) => shape,
            other => return other,
        };
        // Metadata first, then the shape.
        let mut schema = Object::with_capacity(shape.len() + 10);
        schema.insert("title", e.title_or_code());
        if let Some(d) = &e.description {
            schema.insert("description", d.trim_end());
        }
        schema.insert("x-code", e.code.as_str());
        if let Some(s) = e.status {
            schema.insert("x-status", s);
        }
        schema.insert("x-category", e.category.as_str());
        if let Some(r) = e.retryable {
            schema.insert("x-retryable", r);
        }
        if let Some(url) = catalog.doc_url(e) {
            schema.insert("x-docs-url", url);
        }
        if let Some(d) = &e.deprecated {
            schema.insert("deprecated", true);
            let mut dep = Object::with_capacity(3);
            if let Some(s) = &d.since {
                dep.insert("since", s.as_str());
            }
            if let Some(r) = &d.replaced_by {
                let code = catalog.entry(r).map_or(r, |x| &x.code);
                dep.insert("replaced-by", code.as_str());
            }
            if let Some(n) = &d.note {
                dep.insert("note", n.as_str());
            }
            schema.insert("x-deprecation", dep);
        }
        schema.extend(shape);
        let mut schema = Json::Object(schema);
        if let Some(example) = e.examples.first() {
            let body = render::body_value(catalog, e, example);
            version.example(&mut schema, Json::Value(Cow::Owned(body)));
        }
        schema
    }

    fn envelope_schema(&self) -> Json<'a> {
        let catalog = self.catalog;
        let shape = match self.node_schema(None, &catalog.envelope.template.root) {
            Json::Object(shape) => shape,
            other => return other,
        };
        let root = &catalog.envelope.template.root;
        if matches!(root, TNode::Slot(s) if matches!(s.slot, Slot::Code | Slot::Category)) {
            // The whole body is the code or the category: a bare reference
            // to its enum.
            return shape.into();
        }
        let mut schema = Object::with_capacity(shape.len() + 2);
        schema.insert("title", format!("{} error", catalog.title));
        schema.insert("description", "The body of every error response. See the per-code schemas for each error's exact shape.");
        schema.extend(shape);
        schema.into()
    }

    /// The schema of a template node, for one entry or (entry `None`) for any.
    fn node_schema(&self, entry: Option<&'a Entry>, node: &'a TNode) -> Json<'a> {
        let (catalog, version) = (self.catalog, self.version);
        match node {
            TNode::Literal(v) => literal_schema(v, version),
            TNode::Slot(s) => self.slot_schema(entry, s.slot, s.omit_if_absent),
            TNode::Array(items) => match version {
                Version::V3_1 => {
                    let items = items.iter().map(|i| self.node_schema(entry, i)).collect();
                    Object::of([("type", "array".into()), ("prefixItems", Json::List(items))])
                        .into()
                }
                Version::V3_0 => typed("array"),
            },
            TNode::Object(members) => {
                let mut properties = Object::with_capacity(members.len());
                let mut required = Vec::with_capacity(members.len());
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
                            properties.insert(key.as_str(), self.node_schema(entry, value));
                            if present == Some(true) {
                                required.push(key.as_str().into());
                            }
                        }
                        TMember::MergeDetails => {
                            if let Some(Details::Fields(fields)) = entry.map(|e| &e.details) {
                                for f in fields.iter().filter(|f| f.in_body) {
                                    properties.insert(f.name.as_str(), field_schema(f, version));
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
        }
    }

    fn slot_schema(&self, entry: Option<&'a Entry>, slot: Slot, omit: bool) -> Json<'a> {
        let (catalog, version) = (self.catalog, self.version);
        let Some(e) = entry else {
            // The envelope, for any error.
            let any_without = |f: fn(&Entry) -> bool| !omit && catalog.entries.iter().any(f);
            return match slot {
                Slot::Code => schema_ref(&self.names.codes()),
                Slot::Category => schema_ref(&self.names.categories()),
                Slot::Status if any_without(|e| e.status.is_none()) => {
                    described(version.nullable("integer"), slot.description())
                }
                Slot::Status => described(typed("integer"), slot.description()),
                Slot::Retryable if any_without(|e| e.retryable.is_none()) => {
                    described(version.nullable("boolean"), slot.description())
                }
                Slot::Retryable => described(typed("boolean"), slot.description()),
                Slot::Details => Object::of([("description", slot.description().into())]).into(),
                Slot::Request(_) if !omit => {
                    described(version.nullable("string"), slot.description())
                }
                _ => described(typed("string"), slot.description()),
            };
        };
        let absent = || {
            if omit {
                Object::default().into()
            } else {
                version.constant(Json::Null)
            }
        };
        match slot {
            Slot::Code => version.constant(e.code.as_str().into()),
            Slot::Status => e.status.map_or_else(absent, |s| version.constant(s.into())),
            Slot::Category => catalog
                .category(&e.category)
                .map_or_else(absent, |c| version.constant(c.wire.as_str().into())),
            Slot::Title => version.constant(e.title_or_code().into()),
            Slot::Message => match (e.wire_template(), &e.message) {
                (Some(t), _) if t.is_static() => {
                    version.constant(t.static_text().unwrap_or_default().into())
                }
                (None, Message::Absent) => version.constant(e.fallback_message().into()),
                _ => described(typed("string"), slot.description()),
            },
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
                    object_schema(fields.iter().filter(|f| f.in_body), version)
                }
                Details::None | Details::Fields(_) => absent(),
                Details::Value(ty) => type_schema(ty, version),
            },
        }
    }

    fn status_schema(&self, entries: &[&'a Entry]) -> Json<'a> {
        let names = &self.names;
        if let [only] = entries {
            return schema_ref(&names.entry(only));
        }
        let refs = entries
            .iter()
            .map(|e| schema_ref(&names.entry(e)))
            .collect();
        let mut codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        codes.sort_unstable();
        let shared = codes.windows(2).any(|w| w[0] == w[1]);
        let mut schema = Object::with_capacity(2);
        if shared {
            // Several errors share a code: a body may match more than one of
            // them, so `oneOf` would reject it.
            schema.insert("anyOf", Json::List(refs));
        } else {
            schema.insert("oneOf", Json::List(refs));
            if let Some(property) = top_level_code(self.catalog) {
                let mut mapping = Object::with_capacity(entries.len());
                for e in entries {
                    mapping.insert(
                        e.code.as_str(),
                        format!("#/components/schemas/{}", names.entry(e)),
                    );
                }
                schema.insert(
                    "discriminator",
                    Object::of([
                        ("propertyName", property.into()),
                        ("mapping", mapping.into()),
                    ]),
                );
            }
        }
        schema.into()
    }

    fn response(&self, status: u16, entries: &[&'a Entry]) -> Json<'a> {
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
        let mut media = Object::with_capacity(2);
        if entries.is_empty() {
            media.insert("schema", schema_ref(&names.envelope()));
        } else {
            media.insert("schema", schema_ref(&names.status(status)));
            let mut examples = Object::with_capacity(entries.len());
            for e in entries {
                for (i, x) in e.examples.iter().enumerate() {
                    let name = if e.examples.len() == 1 {
                        Cow::Borrowed(e.key.as_str())
                    } else {
                        Cow::Owned(format!("{}-{}", e.key, i + 1))
                    };
                    let summary = match (&x.name, &e.title) {
                        (Some(n), _) | (None, Some(n)) => format!("{}: {n}", e.code),
                        (None, None) => e.code.clone(),
                    };
                    let body = render::body_value(catalog, e, x);
                    examples.insert(
                        name,
                        Object::of([
                            ("summary", summary.into()),
                            ("value", Json::Value(Cow::Owned(body))),
                        ]),
                    );
                }
            }
            media.insert("examples", examples);
        }
        let mut response = Object::with_capacity(3);
        response.insert("description", description);
        let mut headers = Object::default();
        for e in entries {
            for h in catalog.entry_headers(e) {
                headers.insert(h.name.as_str(), reference("headers", &h.name));
            }
        }
        if entries.is_empty() {
            for h in catalog.headers.iter().filter(|h| h.every_error) {
                headers.insert(h.name.as_str(), reference("headers", &h.name));
            }
        }
        if !headers.is_empty() {
            response.insert("headers", headers);
        }
        let content = Object::of([(catalog.envelope.content_type.as_str(), media.into())]);
        response.insert("content", content);
        response.into()
    }
}

/// `{"type": "object", "required": [...], "properties": {...}}`, without
/// `required` when nothing is.
fn shaped_object<'a>(properties: Object<'a>, required: Vec<Json<'a>>) -> Json<'a> {
    let mut schema = Object::with_capacity(3);
    schema.insert("type", "object");
    if !required.is_empty() {
        schema.insert("required", Json::List(required));
    }
    schema.insert("properties", properties);
    schema.into()
}

fn literal_schema(v: &Value, version: Version) -> Json<'_> {
    match v {
        Value::Object(map) if map.is_empty() => typed("object"),
        Value::Array(items) if items.is_empty() => typed("array"),
        other => version.constant(Json::Value(Cow::Borrowed(other))),
    }
}

fn described<'a>(mut schema: Json<'a>, description: &'a str) -> Json<'a> {
    if let Json::Object(map) = &mut schema {
        map.insert("description", description);
    }
    schema
}

fn object_schema<'a>(fields: impl Iterator<Item = &'a Field>, version: Version) -> Json<'a> {
    let mut properties = Object::default();
    let mut required = Vec::new();
    for f in fields {
        properties.insert(f.name.as_str(), field_schema(f, version));
        if !f.optional {
            required.push(f.name.as_str().into());
        }
    }
    shaped_object(properties, required)
}

fn field_schema(f: &Field, version: Version) -> Json<'_> {
    type_schema(&f.ty, version)
}

fn type_schema(ty: &TypeSpec, version: Version) -> Json<'_> {
    let integer = |format: &'static str| {
        Object::of([("type", "integer".into()), ("format", format.into())]).into()
    };
    let mut schema = match &ty.kind {
        TypeKind::String => typed("string"),
        TypeKind::Integer(f) => match f {
            IntFormat::Int32 => integer("int32"),
            IntFormat::Int64 => integer("int64"),
            IntFormat::Uint32 => Object::of([
                ("type", "integer".into()),
                ("format", "int64".into()),
                ("minimum", 0u64.into()),
                ("maximum", u64::from(u32::MAX).into()),
            ])
            .into(),
            IntFormat::Uint64 => {
                Object::of([("type", "integer".into()), ("minimum", 0u64.into())]).into()
            }
        },
        TypeKind::Number => {
            Object::of([("type", "number".into()), ("format", "double".into())]).into()
        }
        TypeKind::Boolean => typed("boolean"),
        TypeKind::Enum(values) => Object::of([
            ("type", "string".into()),
            (
                "enum",
                Json::List(values.iter().map(|v| v.as_str().into()).collect()),
            ),
        ])
        .into(),
        TypeKind::Array(item) => Object::of([
            ("type", "array".into()),
            ("items", type_schema(item, version)),
        ])
        .into(),
        TypeKind::Object(fields) => object_schema(fields.iter(), version),
    };
    if let Some(d) = &ty.description {
        schema = described(schema, d.trim_end());
    }
    if let Some(example) = &ty.example {
        version.example(&mut schema, Json::Value(Cow::Borrowed(example)));
    }
    schema
}

/// Whether the code is a member of the body's top-level object, so that an
/// OpenAPI discriminator can use it.
fn top_level_code(catalog: &Catalog) -> Option<&str> {
    let TNode::Object(members) = &catalog.envelope.template.root else {
        return None;
    };
    members.iter().find_map(|m| match m {
        TMember::Field {
            key,
            value: TNode::Slot(s),
        } if s.slot == Slot::Code && !s.omit_if_absent => Some(key.as_str()),
        _ => None,
    })
}

/// The document as YAML, with a comment line first, written into a
/// buffer of `capacity` bytes (it grows if that is short).
///
/// # Errors
/// Never in practice; serialisation of JSON values cannot fail.
pub fn to_yaml(
    document: &impl Serialize,
    comment: &str,
    capacity: usize,
) -> Result<String, String> {
    let mut text = String::with_capacity(capacity);
    text.push_str("# ");
    text.push_str(comment);
    text.push('\n');
    write_yaml(&mut text, document)?;
    Ok(text)
}

/// Appends the YAML of `document` to `text`, ending in exactly one newline.
fn write_yaml(text: &mut String, document: &impl Serialize) -> Result<(), String> {
    serde_saphyr::to_fmt_writer(&mut *text, document).map_err(|e| e.to_string())?;
    text.truncate(text.trim_end_matches('\n').len());
    text.push('\n');
    Ok(())
}

/// From how many errors [`document_yaml`] writes the YAML in two pieces.
const YAML_PIECES_FROM: usize = 512;

/// The document of a catalogue as YAML, like [`to_yaml`]. The YAML
/// serialiser is the slowest part of `codegen generate`, so from 512
/// errors (`YAML_PIECES_FROM`) the text is written in two pieces on two
/// threads and joined: two thirds of the errors' schemas in one, and the
/// rest with the responses (as long again) in the other.
///
/// # Errors
/// Never in practice; serialisation of JSON values cannot fail.
pub fn document_yaml(doc: &Document<'_>, comment: &str, capacity: usize) -> Result<String, String> {
    let count = doc.catalog.entries.len();
    if count >= YAML_PIECES_FROM
        && let Some(text) = yaml_in_pieces(doc, comment, capacity, count * 2 / 3)?
    {
        return Ok(text);
    }
    to_yaml(doc, comment, capacity)
}

/// The keys the tail piece starts with: in the whole text they come
/// earlier, so the piece's copy of them is cut.
const TAIL_OPENING: &str = "components:\n  schemas:\n";

/// The document's YAML written as a head (errors before `at`) and a tail
/// (the rest) on two threads. `None` if the tail does not open with
/// [`TAIL_OPENING`], in which case the pieces could not be joined.
fn yaml_in_pieces(
    doc: &Document<'_>,
    comment: &str,
    capacity: usize,
    at: usize,
) -> Result<Option<String>, String> {
    let piece = |part| Piece { doc, part };
    let (tail, head) = errcat_catalog::parallel::join(
        || {
            let mut tail = String::with_capacity(capacity / 2);
            write_yaml(&mut tail, &piece(Part::Tail(at))).map(|()| tail)
        },
        || to_yaml(&piece(Part::Head(at)), comment, capacity),
    );
    let (mut text, tail) = (head?, tail?);
    let Some(tail) = tail.strip_prefix(TAIL_OPENING) else {
        return Ok(None);
    };
    text.push_str(tail);
    Ok(Some(text))
}

/// The document as pretty JSON with a final newline. Characters that JSON
/// allows raw but YAML-based tools reject (DEL, C1 controls, U+2028,
/// U+2029, BOM) are written as `\uXXXX` escapes; they can only occur inside
/// strings, so the JSON means the same. The text is written into a buffer of
/// `capacity` bytes (it grows if that is short).
#[must_use]
pub fn to_json(document: &impl Serialize, capacity: usize) -> String {
    let mut out = Vec::with_capacity(capacity);
    let formatter = YamlSafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    if document.serialize(&mut serializer).is_err() {
        out.clear();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a character is one that JSON allows raw but YAML-based tools
/// reject.
fn yaml_rejects(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
    )
}

/// serde_json's pretty layout, with [`yaml_rejects`] characters escaped as
/// the strings are written, so the text needs no second pass.
struct YamlSafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for YamlSafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is ASCII without DEL; both checks are word-at-a-time.
        let bytes = fragment.as_bytes();
        if bytes.is_ascii() && !bytes.contains(&0x7f) {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if yaml_rejects(c) {
                writer.write_all(&bytes[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&bytes[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_yaml_tools_reject_and_nothing_else() {
        let text = "a\u{7f}b\u{85}c\u{9f}\u{a0}é\u{2028}\u{2029}\u{2027}\u{feff}\u{fefe}€\"\n";
        let json = to_json(&serde_json::json!({ "k\u{2028}": text }), 0);
        assert_eq!(
            json,
            "{\n  \"k\\u2028\": \"a\\u007fb\\u0085c\\u009f\u{a0}é\\u2028\\u2029\u{2027}\\ufeff\u{fefe}€\\\"\\n\"\n}\n"
        );
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["k\u{2028}"], text);
    }

    /// Every catalogue of the repository, including the hostile one and
    /// the test catalogues.
    fn repository_catalogues() -> Vec<(std::path::PathBuf, std::sync::Arc<Catalog>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = crate::repo::catalogue_files(&root);
        let tests = root.join("tests/catalogs");
        for entry in std::fs::read_dir(&tests).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
        files
            .into_iter()
            .filter_map(|f| errcat_catalog::load(&f).ok().map(|l| (f, l.catalog)))
            .collect()
    }

    #[test]
    fn yaml_written_in_pieces_is_the_whole_text() {
        let catalogues = repository_catalogues();
        assert!(catalogues.len() >= 10, "{}", catalogues.len());
        let mut joined = 0;
        for (file, catalog) in &catalogues {
            for version in [Version::V3_1, Version::V3_0] {
                let doc = Document::new(catalog, version);
                let whole = to_yaml(&doc, "c", 0).unwrap();
                let n = catalog.entries.len();
                for at in [0, 1, n / 2, n * 2 / 3, n.saturating_sub(1), n] {
                    match yaml_in_pieces(&doc, "c", 0, at).unwrap() {
                        Some(text) => {
                            assert!(text == whole, "{} at {at}", file.display());
                            joined += 1;
                        }
                        // Only a tail without any schema cannot be joined.
                        None => assert!(at >= n, "{} at {at} of {n}", file.display()),
                    }
                }
            }
        }
        assert!(joined > 100, "{joined}");
    }
}
