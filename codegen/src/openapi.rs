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
use errcat_catalog::http::status_title;
use errcat_catalog::ident::pascal;
use errcat_catalog::model::{
    Details, Entry, Field, IntFormat, Message, RequestField, ScalarType, TypeKind, TypeSpec,
};
use errcat_catalog::render;
use errcat_catalog::template::{Slot, TMember, TNode};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};

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
    fn constant(self, value: Value) -> Value {
        let ty = match &value {
            Value::String(_) => Some("string"),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            Value::Bool(_) => Some("boolean"),
            _ => None,
        };
        let mut schema = Map::new();
        match (self, ty) {
            (Version::V3_1, _) => {
                schema.insert("const".into(), value);
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
        if let (Version::V3_1, Some(t)) = (self, ty) {
            schema.insert("type".into(), t.into());
        }
        Value::Object(schema)
    }

    /// A schema of `ty` that also accepts `null`.
    fn nullable(self, ty: &str) -> Value {
        match self {
            Version::V3_1 => json!({"type": [ty, "null"]}),
            Version::V3_0 => json!({"type": ty, "nullable": true}),
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

/// An object of these members, in this order. Unlike `json!`, which
/// serialises each value into a copy, the values are moved in.
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
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

    fn info(&self) -> Value {
        let catalog = self.catalog;
        let mut info = Map::new();
        info.insert("title".into(), catalog.title.clone().into());
        info.insert(
            "version".into(),
            catalog
                .version
                .clone()
                .unwrap_or_else(|| "unversioned".into())
                .into(),
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
        Value::Object(info)
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
                header.insert("description".into(), d.clone().into());
            }
            header.insert("schema".into(), json!({"type": ty}));
            headers.insert(h.name.clone(), Value::Object(header));
        }
        headers
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("openapi", self.version.number())?;
        map.serialize_entry("info", &self.info())?;
        map.serialize_entry("paths", &Map::new())?;
        map.serialize_entry("components", &Components(self))?;
        map.end()
    }
}

/// `components`: schemas, responses and headers.
struct Components<'d, 'a>(&'d Document<'a>);

impl Serialize for Components<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.0;
        let statuses = doc.statuses();
        let headers = doc.headers();
        let mut map = serializer.serialize_map(Some(if headers.is_empty() { 2 } else { 3 }))?;
        map.serialize_entry("schemas", &Schemas(doc, &statuses))?;
        map.serialize_entry("responses", &Responses(doc, &statuses))?;
        if !headers.is_empty() {
            map.serialize_entry("headers", &headers)?;
        }
        map.end()
    }
}

/// `components.schemas`: the envelope, the enums, one schema per error,
/// then one per status.
struct Schemas<'d, 'a>(&'d Document<'a>, &'d [(u16, Vec<&'a Entry>)]);

impl Serialize for Schemas<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Schemas(doc, statuses) = *self;
        let (catalog, names, version) = (doc.catalog, &doc.names, doc.version);
        let used = statuses.iter().filter(|(_, e)| !e.is_empty()).count();
        let mut map = serializer.serialize_map(Some(3 + catalog.entries.len() + used))?;
        map.serialize_entry(&names.envelope(), &envelope_schema(catalog, names, version))?;
        // Each wire code once, in catalogue order.
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<&str> = catalog
            .entries
            .iter()
            .map(|e| e.code.as_str())
            .filter(|c| seen.insert(*c))
            .collect();
        map.serialize_entry(
            &names.codes(),
            &json!({"type": "string", "description": "Every error code of the catalogue.", "enum": unique}),
        )?;
        let wires: Vec<&str> = catalog.categories.iter().map(|c| c.wire.as_str()).collect();
        map.serialize_entry(
            &names.categories(),
            &json!({"type": "string", "description": "Every error category.", "enum": wires}),
        )?;
        for e in &catalog.entries {
            map.serialize_entry(&names.entry(e), &entry_schema(catalog, e, version))?;
        }
        for (status, entries) in statuses.iter().filter(|(_, e)| !e.is_empty()) {
            map.serialize_entry(
                &names.status(*status),
                &status_schema(catalog, names, entries),
            )?;
        }
        map.end()
    }
}

/// `components.responses`: one per status.
struct Responses<'d, 'a>(&'d Document<'a>, &'d [(u16, Vec<&'a Entry>)]);

impl Serialize for Responses<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Responses(doc, statuses) = *self;
        let mut map = serializer.serialize_map(Some(statuses.len()))?;
        for (status, entries) in statuses {
            map.serialize_entry(
                &doc.names.status(*status),
                &response(doc.catalog, &doc.names, *status, entries, doc.version),
            )?;
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

fn entry_schema(catalog: &Catalog, e: &Entry, version: Version) -> Value {
    let mut schema = node_schema(catalog, Some(e), &catalog.envelope.template.root, version);
    if let Value::Object(map) = &mut schema {
        let mut extra = Map::new();
        extra.insert("title".into(), e.title_or_code().into());
        if let Some(d) = &e.description {
            extra.insert("description".into(), d.trim_end().into());
        }
        extra.insert("x-code".into(), e.code.clone().into());
        if let Some(s) = e.status {
            extra.insert("x-status".into(), s.into());
        }
        extra.insert("x-category".into(), e.category.clone().into());
        if let Some(r) = e.retryable {
            extra.insert("x-retryable".into(), r.into());
        }
        if let Some(url) = catalog.doc_url(e) {
            extra.insert("x-docs-url".into(), url.into());
        }
        if let Some(d) = &e.deprecated {
            extra.insert("deprecated".into(), true.into());
            let mut dep = Map::new();
            if let Some(s) = &d.since {
                dep.insert("since".into(), s.clone().into());
            }
            if let Some(r) = &d.replaced_by {
                dep.insert(
                    "replaced-by".into(),
                    catalog
                        .entry(r)
                        .map_or(r.clone(), |x| x.code.clone())
                        .into(),
                );
            }
            if let Some(n) = &d.note {
                dep.insert("note".into(), n.clone().into());
            }
            extra.insert("x-deprecation".into(), Value::Object(dep));
        }
        // Metadata first, then the shape.
        extra.extend(std::mem::take(map));
        *map = extra;
        if let Some(example) = e.examples.first() {
            version.example(&mut schema, render::body_value(catalog, e, example));
        }
    }
    schema
}

fn envelope_schema(catalog: &Catalog, names: &Names, version: Version) -> Value {
    let mut schema = node_schema(catalog, None, &catalog.envelope.template.root, version);
    if let Value::Object(map) = &mut schema {
        let mut extra = Map::new();
        extra.insert("title".into(), format!("{} error", catalog.title).into());
        extra.insert("description".into(), "The body of every error response. See the per-code schemas for each error's exact shape.".into());
        extra.extend(std::mem::take(map));
        *map = extra;
    }
    // Generic slots refer to the enums.
    replace_marker(&mut schema, "$code", &schema_ref(&names.codes()));
    replace_marker(&mut schema, "$category", &schema_ref(&names.categories()));
    schema
}

fn replace_marker(schema: &mut Value, marker: &str, with: &Value) {
    match schema {
        Value::Object(map) => {
            if map.get("x-errcat-marker").and_then(Value::as_str) == Some(marker) {
                *schema = with.clone();
                return;
            }
            for v in map.values_mut() {
                replace_marker(v, marker, with);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| replace_marker(v, marker, with)),
        _ => {}
    }
}

fn literal_schema(v: &Value, version: Version) -> Value {
    match v {
        Value::Object(map) if map.is_empty() => json!({"type": "object"}),
        Value::Array(items) if items.is_empty() => json!({"type": "array"}),
        other => version.constant(other.clone()),
    }
}

/// The schema of a template node, for one entry or (entry `None`) for any.
fn node_schema(catalog: &Catalog, entry: Option<&Entry>, node: &TNode, version: Version) -> Value {
    match node {
        TNode::Literal(v) => literal_schema(v, version),
        TNode::Slot(s) => slot_schema(catalog, entry, s.slot, s.omit_if_absent, version),
        TNode::Array(items) => {
            let items: Vec<Value> = items
                .iter()
                .map(|i| node_schema(catalog, entry, i, version))
                .collect();
            match version {
                Version::V3_1 => object([
                    ("type", "array".into()),
                    ("prefixItems", Value::Array(items)),
                ]),
                Version::V3_0 => json!({"type": "array"}),
            }
        }
        TNode::Object(members) => {
            let mut properties = Map::new();
            let mut required: Vec<Value> = Vec::new();
            for member in members {
                match member {
                    TMember::Field { key, value } => {
                        let present = match value {
                            TNode::Slot(s) => match entry {
                                Some(e) => presence(catalog, e, s.slot, s.omit_if_absent),
                                None => {
                                    let all: Vec<Option<bool>> = catalog
                                        .entries
                                        .iter()
                                        .map(|e| presence(catalog, e, s.slot, s.omit_if_absent))
                                        .collect();
                                    if all.iter().all(|p| *p == Some(true)) {
                                        Some(true)
                                    } else if all.iter().all(|p| *p == Some(false)) {
                                        Some(false)
                                    } else {
                                        None
                                    }
                                }
                            },
                            _ => Some(true),
                        };
                        if present == Some(false) {
                            continue;
                        }
                        properties.insert(key.clone(), node_schema(catalog, entry, value, version));
                        if present == Some(true) {
                            required.push(key.clone().into());
                        }
                    }
                    TMember::MergeDetails => {
                        if let Some(Details::Fields(fields)) = entry.map(|e| &e.details) {
                            for f in fields.iter().filter(|f| f.in_body) {
                                properties.insert(f.name.clone(), field_schema(f, version));
                                if !f.optional {
                                    required.push(f.name.clone().into());
                                }
                            }
                        }
                    }
                }
            }
            let mut schema = Map::new();
            schema.insert("type".into(), "object".into());
            if !required.is_empty() {
                schema.insert("required".into(), Value::Array(required));
            }
            schema.insert("properties".into(), Value::Object(properties));
            Value::Object(schema)
        }
    }
}

fn described(mut schema: Value, description: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), description.into());
    }
    schema
}

fn slot_schema(
    catalog: &Catalog,
    entry: Option<&Entry>,
    slot: Slot,
    omit: bool,
    version: Version,
) -> Value {
    let Some(e) = entry else {
        // The envelope, for any error.
        let any_without = |f: fn(&Entry) -> bool| !omit && catalog.entries.iter().any(f);
        return match slot {
            Slot::Code => json!({"x-errcat-marker": "$code"}),
            Slot::Category => json!({"x-errcat-marker": "$category"}),
            Slot::Status if any_without(|e| e.status.is_none()) => {
                described(version.nullable("integer"), slot.description())
            }
            Slot::Status => described(json!({"type": "integer"}), slot.description()),
            Slot::Retryable if any_without(|e| e.retryable.is_none()) => {
                described(version.nullable("boolean"), slot.description())
            }
            Slot::Retryable => described(json!({"type": "boolean"}), slot.description()),
            Slot::Details => json!({"description": slot.description()}),
            Slot::Request(_) if !omit => described(version.nullable("string"), slot.description()),
            _ => described(json!({"type": "string"}), slot.description()),
        };
    };
    let absent = || {
        if omit {
            json!({})
        } else {
            version.constant(Value::Null)
        }
    };
    match slot {
        Slot::Code => version.constant(e.code.clone().into()),
        Slot::Status => e.status.map_or_else(absent, |s| version.constant(s.into())),
        Slot::Category => catalog
            .category(&e.category)
            .map_or_else(absent, |c| version.constant(c.wire.clone().into())),
        Slot::Title => version.constant(e.title_or_code().into()),
        Slot::Message => match (e.wire_template(), &e.message) {
            (Some(t), _) if t.is_static() => {
                version.constant(t.static_text().unwrap_or_default().into())
            }
            (None, Message::Absent) => version.constant(e.fallback_message().into()),
            _ => described(json!({"type": "string"}), slot.description()),
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
                    json!({"type": "string"})
                } else {
                    version.nullable("string")
                },
                d,
            )
        }
        Slot::Details => match &e.details {
            Details::None => absent(),
            Details::Fields(fields) if !e.details.has_body() => {
                let _ = fields;
                absent()
            }
            Details::Fields(fields) => object_schema(fields.iter().filter(|f| f.in_body), version),
            Details::Value(ty) => type_schema(ty, version),
        },
    }
}

fn object_schema<'a>(fields: impl Iterator<Item = &'a Field>, version: Version) -> Value {
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for f in fields {
        properties.insert(f.name.clone(), field_schema(f, version));
        if !f.optional {
            required.push(f.name.clone().into());
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    schema.insert("properties".into(), Value::Object(properties));
    Value::Object(schema)
}

fn field_schema(f: &Field, version: Version) -> Value {
    type_schema(&f.ty, version)
}

fn type_schema(ty: &TypeSpec, version: Version) -> Value {
    let mut schema = match &ty.kind {
        TypeKind::String => json!({"type": "string"}),
        TypeKind::Integer(f) => match f {
            IntFormat::Int32 => json!({"type": "integer", "format": "int32"}),
            IntFormat::Int64 => json!({"type": "integer", "format": "int64"}),
            IntFormat::Uint32 => {
                json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": u32::MAX})
            }
            IntFormat::Uint64 => json!({"type": "integer", "minimum": 0}),
        },
        TypeKind::Number => json!({"type": "number", "format": "double"}),
        TypeKind::Boolean => json!({"type": "boolean"}),
        TypeKind::Enum(values) => json!({"type": "string", "enum": values}),
        TypeKind::Array(item) => object([
            ("type", "array".into()),
            ("items", type_schema(item, version)),
        ]),
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
fn top_level_code(catalog: &Catalog) -> Option<String> {
    let TNode::Object(members) = &catalog.envelope.template.root else {
        return None;
    };
    members.iter().find_map(|m| match m {
        TMember::Field {
            key,
            value: TNode::Slot(s),
        } if s.slot == Slot::Code && !s.omit_if_absent => Some(key.clone()),
        _ => None,
    })
}

fn status_schema(catalog: &Catalog, names: &Names, entries: &[&Entry]) -> Value {
    if let [only] = entries {
        return schema_ref(&names.entry(only));
    }
    let refs: Vec<Value> = entries
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
        schema.insert("anyOf".into(), Value::Array(refs));
    } else {
        schema.insert("oneOf".into(), Value::Array(refs));
        if let Some(property) = top_level_code(catalog) {
            let mapping: Map<String, Value> = entries
                .iter()
                .map(|e| {
                    (
                        e.code.clone(),
                        Value::String(format!("#/components/schemas/{}", names.entry(e))),
                    )
                })
                .collect();
            schema.insert(
                "discriminator".into(),
                object([
                    ("propertyName", property.into()),
                    ("mapping", Value::Object(mapping)),
                ]),
            );
        }
    }
    Value::Object(schema)
}

fn response(
    catalog: &Catalog,
    names: &Names,
    status: u16,
    entries: &[&Entry],
    version: Version,
) -> Value {
    let doc = catalog.status_doc(status);
    let mut description = match doc.map(|d| d.title.as_str()) {
        Some(t) if t != status_title(status) => format!("{status} {} ({t})", status_title(status)),
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
        media.insert("schema".into(), schema_ref(&names.envelope()));
    } else {
        media.insert("schema".into(), schema_ref(&names.status(status)));
        let mut examples = Map::new();
        for e in entries {
            for (i, x) in e.examples.iter().enumerate() {
                let name = if e.examples.len() == 1 {
                    e.key.clone()
                } else {
                    format!("{}-{}", e.key, i + 1)
                };
                let summary = match &x.name {
                    Some(n) => format!("{}: {n}", e.code),
                    None => e
                        .title
                        .clone()
                        .map_or_else(|| e.code.clone(), |t| format!("{}: {t}", e.code)),
                };
                examples.insert(
                    name,
                    object([
                        ("summary", summary.into()),
                        ("value", render::body_value(catalog, e, x)),
                    ]),
                );
            }
        }
        media.insert("examples".into(), Value::Object(examples));
    }
    let mut response = Map::new();
    response.insert("description".into(), description.into());
    let mut headers = Map::new();
    for e in entries {
        for h in catalog.entry_headers(e) {
            headers.insert(
                h.name.clone(),
                json!({"$ref": format!("#/components/headers/{}", h.name)}),
            );
        }
    }
    if entries.is_empty() {
        for h in catalog.headers.iter().filter(|h| h.every_error) {
            headers.insert(
                h.name.clone(),
                json!({"$ref": format!("#/components/headers/{}", h.name)}),
            );
        }
    }
    if !headers.is_empty() {
        response.insert("headers".into(), Value::Object(headers));
    }
    let mut content = Map::new();
    content.insert(catalog.envelope.content_type.clone(), Value::Object(media));
    response.insert("content".into(), Value::Object(content));
    let _ = version;
    Value::Object(response)
}

/// The document as YAML, with a comment line first.
///
/// # Errors
/// Never in practice; serialisation of JSON values cannot fail.
pub fn to_yaml(document: &impl Serialize, comment: &str) -> Result<String, String> {
    let body = serde_saphyr::to_string(document).map_err(|e| e.to_string())?;
    let body = body.trim_end_matches('\n');
    let mut text = String::with_capacity(comment.len() + body.len() + 4);
    text.push_str("# ");
    text.push_str(comment);
    text.push('\n');
    text.push_str(body);
    text.push('\n');
    Ok(text)
}

/// The document as pretty JSON with a final newline. Characters that JSON
/// allows raw but YAML-based tools reject (DEL, C1 controls, U+2028,
/// U+2029, BOM) are written as `\uXXXX` escapes; they can only occur inside
/// strings, so the JSON means the same.
#[must_use]
pub fn to_json(document: &impl Serialize) -> String {
    let mut raw = serde_json::to_string_pretty(document).unwrap_or_default();
    let special = |c: char| {
        matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
        )
    };
    if !raw.contains(special) {
        raw.push('\n');
        return raw;
    }
    let mut s = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if special(c) {
            s.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            s.push(c);
        }
    }
    s.push('\n');
    s
}
