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

use errcat_catalog::Catalog;
use errcat_catalog::http_status::status_title;
use errcat_catalog::ident::pascal;
use errcat_catalog::model::{
    Details, Entry, Field, IntFormat, Message, RequestField, ScalarType, TypeKind, TypeSpec,
};
use errcat_catalog::reference;
use errcat_catalog::template::{Slot, TMember, TNode};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::io;

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

    /// A schema accepting exactly `value`.
    fn constant(self, value: Value) -> Value {
        let ty = scalar_type(&value);
        let mut schema = Map::new();
        match (self, ty) {
            (Version::V3_1, _) => {
                schema.insert("const".into(), value);
                if let Some(t) = ty {
                    schema.insert("type".into(), t.into());
                }
            }
            (Version::V3_0, Some(t)) => {
                schema.insert("type".into(), t.into());
                schema.insert("enum".into(), Value::Array(vec![value]));
            }
            (Version::V3_0, None) => {
                schema.insert("nullable".into(), true.into());
                schema.insert("enum".into(), Value::Array(vec![value]));
            }
        }
        schema.into()
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
    fn status(&self, s: u16) -> String {
        format!("{}Error_{s}", self.prefix)
    }
}

/// `{"$ref": "#/components/<kind>/<name>"}`.
fn reference(kind: &str, name: &str) -> Value {
    json!({ "$ref": format!("#/components/{kind}/{name}") })
}

fn schema_ref(name: &str) -> Value {
    reference("schemas", name)
}

/// A schema of one JSON Schema type, such as `{"type": "string"}`.
fn typed(ty: &'static str) -> Value {
    json!({ "type": ty })
}

/// Builds the OpenAPI document of a catalogue.
#[must_use]
pub fn document(catalog: &Catalog, version: Version) -> Value {
    Document {
        catalog,
        version,
        names: Names {
            prefix: pascal(&catalog.name),
        },
    }
    .build()
}

/// The document of a catalogue, while it is built.
struct Document<'a> {
    catalog: &'a Catalog,
    version: Version,
    names: Names,
}

impl<'a> Document<'a> {
    fn build(&self) -> Value {
        let (catalog, names) = (self.catalog, &self.names);
        let statuses = self.statuses();
        let mut schemas = Map::new();
        schemas.insert(names.envelope(), self.envelope_schema());
        // Each wire code once, in catalogue order.
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<Value> = catalog
            .entries
            .iter()
            .map(|e| e.code.as_str())
            .filter(|c| seen.insert(*c))
            .map(Value::from)
            .collect();
        schemas.insert(
            names.codes(),
            string_enum("Every error code of the catalogue.", unique),
        );
        let wires = catalog
            .categories
            .iter()
            .map(|c| Value::from(c.wire.as_str()))
            .collect();
        schemas.insert(
            names.categories(),
            string_enum("Every error category.", wires),
        );
        for e in &catalog.entries {
            schemas.insert(names.entry(e), self.entry_schema(e));
        }
        for (status, entries) in statuses.iter().filter(|(_, e)| !e.is_empty()) {
            schemas.insert(names.status(*status), self.status_schema(entries));
        }
        let mut responses = Map::new();
        for (status, entries) in &statuses {
            responses.insert(names.status(*status), self.response(*status, entries));
        }
        let mut components = Map::new();
        components.insert("schemas".into(), schemas.into());
        components.insert("responses".into(), responses.into());
        let headers = self.headers();
        if !headers.is_empty() {
            components.insert("headers".into(), headers.into());
        }
        let mut doc = Map::new();
        doc.insert("openapi".into(), self.version.number().into());
        doc.insert("info".into(), self.info().into());
        doc.insert("paths".into(), Map::new().into());
        doc.insert("components".into(), components.into());
        doc.into()
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

    fn info(&self) -> Map<String, Value> {
        let catalog = self.catalog;
        let mut info = Map::new();
        info.insert("title".into(), catalog.title.as_str().into());
        info.insert(
            "version".into(),
            catalog.version.as_deref().unwrap_or("unversioned").into(),
        );
        let mut description = catalog.description.clone().unwrap_or_default();
        if let Some(url) = &catalog.docs_url {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&format!("Reference: {url}"));
        }
        if !description.is_empty() {
            info.insert("description".into(), description.trim_end().into());
        }
        info
    }

    fn headers(&self) -> Map<String, Value> {
        let mut headers = Map::new();
        for h in &self.catalog.headers {
            let ty = match h.ty {
                ScalarType::String => "string",
                ScalarType::Integer => "integer",
                ScalarType::Number => "number",
                ScalarType::Boolean => "boolean",
            };
            let mut header = Map::new();
            if let Some(d) = &h.description {
                header.insert("description".into(), d.as_str().into());
            }
            header.insert("schema".into(), typed(ty));
            headers.insert(h.name.clone(), header.into());
        }
        headers
    }
}

/// A schema of a string that takes one of `values`.
fn string_enum(description: &'static str, values: Vec<Value>) -> Value {
    json!({ "type": "string", "description": description, "enum": values })
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

/// An object of these members, in order.
fn obj<const N: usize>(members: [(&str, Value); N]) -> Map<String, Value> {
    members
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
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
    fn entry_schema(&self, e: &'a Entry) -> Value {
        let (catalog, version) = (self.catalog, self.version);
        let shape = match self.node_schema(Some(e), &catalog.envelope.template.root) {
            Value::Object(shape) => shape,
            other => return other,
        };
        // Metadata first, then the shape.
        let mut schema = Map::new();
        schema.put("title", e.title_or_code());
        if let Some(d) = &e.description {
            schema.put("description", d.trim_end());
        }
        schema.put("x-code", e.code.as_str());
        if let Some(s) = e.status {
            schema.put("x-status", s);
        }
        schema.put("x-category", e.category.as_str());
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
            let body = reference::body_value(catalog, e, example);
            version.example(&mut schema, body);
        }
        schema
    }

    fn envelope_schema(&self) -> Value {
        let catalog = self.catalog;
        let shape = match self.node_schema(None, &catalog.envelope.template.root) {
            Value::Object(shape) => shape,
            other => return other,
        };
        let root = &catalog.envelope.template.root;
        if matches!(root, TNode::Slot(s) if matches!(s.slot, Slot::Code | Slot::Category)) {
            // The whole body is the code or the category: a bare reference
            // to its enum.
            return shape.into();
        }
        let mut schema = Map::new();
        schema.put("title", format!("{} error", catalog.title));
        schema.put("description", "The body of every error response. See the per-code schemas for each error's exact shape.");
        schema.extend(shape);
        schema.into()
    }

    /// The schema of a template node, for one entry or (entry `None`) for any.
    fn node_schema(&self, entry: Option<&'a Entry>, node: &'a TNode) -> Value {
        let (catalog, version) = (self.catalog, self.version);
        match node {
            TNode::Literal(v) => literal_schema(v, version),
            TNode::Slot(s) => self.slot_schema(entry, s.slot, s.omit_if_absent),
            TNode::Array(items) => match version {
                Version::V3_1 => {
                    let items = items.iter().map(|i| self.node_schema(entry, i)).collect();
                    obj([
                        ("type", "array".into()),
                        ("prefixItems", Value::Array(items)),
                    ])
                    .into()
                }
                Version::V3_0 => typed("array"),
            },
            TNode::Object(members) => {
                let mut properties = Map::new();
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
                            properties.put(key.as_str(), self.node_schema(entry, value));
                            if present == Some(true) {
                                required.push(key.as_str().into());
                            }
                        }
                        TMember::MergeDetails => {
                            if let Some(Details::Fields(fields)) = entry.map(|e| &e.details) {
                                for f in fields.iter().filter(|f| f.in_body) {
                                    properties.put(f.name.as_str(), field_schema(f, version));
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

    fn slot_schema(&self, entry: Option<&'a Entry>, slot: Slot, omit: bool) -> Value {
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
                Slot::Details => obj([("description", slot.description().into())]).into(),
                Slot::Request(_) if !omit => {
                    described(version.nullable("string"), slot.description())
                }
                _ => described(typed("string"), slot.description()),
            };
        };
        let absent = || {
            if omit {
                Map::new().into()
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

    fn status_schema(&self, entries: &[&'a Entry]) -> Value {
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
        let mut schema = Map::new();
        if shared {
            // Several errors share a code: a body may match more than one of
            // them, so `oneOf` would reject it.
            schema.put("anyOf", Value::Array(refs));
        } else {
            schema.put("oneOf", Value::Array(refs));
            if let Some(property) = top_level_code(self.catalog) {
                let mut mapping = Map::new();
                for e in entries {
                    mapping.put(
                        e.code.as_str(),
                        format!("#/components/schemas/{}", names.entry(e)),
                    );
                }
                schema.put(
                    "discriminator",
                    obj([
                        ("propertyName", property.into()),
                        ("mapping", mapping.into()),
                    ]),
                );
            }
        }
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
            media.put("schema", schema_ref(&names.status(status)));
            let mut examples = Map::new();
            for e in entries {
                for (i, x) in e.examples.iter().enumerate() {
                    let name = if e.examples.len() == 1 {
                        e.key.clone()
                    } else {
                        format!("{}-{}", e.key, i + 1)
                    };
                    let summary = match (&x.name, &e.title) {
                        (Some(n), _) | (None, Some(n)) => format!("{}: {n}", e.code),
                        (None, None) => e.code.clone(),
                    };
                    let body = reference::body_value(catalog, e, x);
                    examples.put(name, obj([("summary", summary.into()), ("value", body)]));
                }
            }
            media.put("examples", examples);
        }
        let mut response = Map::new();
        response.put("description", description);
        let mut headers = Map::new();
        for e in entries {
            for h in catalog.entry_headers(e) {
                headers.put(h.name.as_str(), reference("headers", &h.name));
            }
        }
        if entries.is_empty() {
            for h in catalog.headers.iter().filter(|h| h.every_error) {
                headers.put(h.name.as_str(), reference("headers", &h.name));
            }
        }
        if !headers.is_empty() {
            response.put("headers", headers);
        }
        let content = obj([(catalog.envelope.content_type.as_str(), media.into())]);
        response.put("content", content);
        response.into()
    }
}

/// `{"type": "object", "required": [...], "properties": {...}}`, without
/// `required` when nothing is.
fn shaped_object(properties: Map<String, Value>, required: Vec<Value>) -> Value {
    let mut schema = Map::new();
    schema.put("type", "object");
    if !required.is_empty() {
        schema.put("required", Value::Array(required));
    }
    schema.put("properties", properties);
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

fn object_schema<'a>(fields: impl Iterator<Item = &'a Field>, version: Version) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        properties.put(f.name.as_str(), field_schema(f, version));
        if !f.optional {
            required.push(f.name.as_str().into());
        }
    }
    shaped_object(properties, required)
}

fn field_schema(f: &Field, version: Version) -> Value {
    type_schema(&f.ty, version)
}

fn type_schema(ty: &TypeSpec, version: Version) -> Value {
    let integer =
        |format: &'static str| obj([("type", "integer".into()), ("format", format.into())]).into();
    let mut schema = match &ty.kind {
        TypeKind::String => typed("string"),
        TypeKind::Integer(f) => match f {
            IntFormat::Int32 => integer("int32"),
            IntFormat::Int64 => integer("int64"),
            IntFormat::Uint32 => obj([
                ("type", "integer".into()),
                ("format", "int64".into()),
                ("minimum", 0u64.into()),
                ("maximum", u64::from(u32::MAX).into()),
            ])
            .into(),
            IntFormat::Uint64 => obj([("type", "integer".into()), ("minimum", 0u64.into())]).into(),
        },
        TypeKind::Number => obj([("type", "number".into()), ("format", "double".into())]).into(),
        TypeKind::Boolean => typed("boolean"),
        TypeKind::Enum(values) => obj([
            ("type", "string".into()),
            (
                "enum",
                Value::Array(values.iter().map(|v| v.as_str().into()).collect()),
            ),
        ])
        .into(),
        TypeKind::Array(item) => obj([
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
        version.example(&mut schema, example.clone());
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

/// The document with `x-generated-by: comment` right after `openapi`, so
/// that the first lines of the JSON file, which cannot hold a comment,
/// still say that errcat wrote it (see `output::MARKER`).
#[must_use]
pub fn mark_generated(document: Value, comment: &str) -> Value {
    let Value::Object(members) = document else {
        return document;
    };
    let mut out = Map::new();
    let mut rest = members.into_iter();
    if let Some((k, v)) = rest.next() {
        out.insert(k, v);
    }
    out.insert("x-generated-by".into(), comment.into());
    out.extend(rest);
    Value::Object(out)
}

/// The document as YAML, with a comment line first.
///
/// # Errors
/// Never in practice; serialisation of JSON values cannot fail.
pub fn to_yaml(document: &impl Serialize, comment: &str) -> Result<String, String> {
    let mut text = format!("# {comment}\n");
    serde_saphyr::to_fmt_writer(&mut text, document).map_err(|e| e.to_string())?;
    text.truncate(text.trim_end_matches('\n').len());
    text.push('\n');
    Ok(text)
}

/// The document as pretty JSON with a final newline. Characters that JSON
/// allows raw but YAML-based tools reject (DEL, C1 controls, U+2028,
/// U+2029, BOM) are written as `\uXXXX` escapes; they can only occur inside
/// strings, so the JSON means the same.
#[must_use]
pub fn to_json(document: &impl Serialize) -> String {
    let mut out = Vec::new();
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
        let json = to_json(&serde_json::json!({ "k\u{2028}": text }));
        assert_eq!(
            json,
            "{\n  \"k\\u2028\": \"a\\u007fb\\u0085c\\u009f\u{a0}é\\u2028\\u2029\u{2027}\\ufeff\u{fefe}€\\\"\\n\"\n}\n"
        );
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["k\u{2028}"], text);
    }
}
