//! Decodes one catalogue file into a [`Fragment`]: the model types, plus the
//! locations that validation needs. Cross-references (categories, headers,
//! placeholders) are checked later, once includes are merged.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::ident;
use crate::json_value::Json;
use crate::message::MessageTemplate;
use crate::model::{
    Category, Contact, Deprecation, Details, DocsOptions, Entry, EntryKind, Envelope, Family,
    FamilyMatch, Field, GroupBy, Guide, Header, HeaderSource, IntFormat, License, Link, Message,
    Pages, RequestField, RequestHeader, RequestValues, ScalarType, StatusDoc, TypeKind, TypeSpec,
};
use crate::source_map::Span;
use crate::template::{PRESETS, Template};
use crate::tree_reader::{self, Fields, Located, Sink};
use crate::yaml::{Node, NodeKind};

pub(crate) const TOP_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "version",
    "docs_url",
    "license",
    "contact",
    "servers",
    "includes",
    "envelope",
    "categories",
    "statuses",
    "headers",
    "guidance",
    "docs",
    "allow",
    "families",
    "request_headers",
    "common_details",
    "breaking",
    "language",
    "translations",
    "locale",
    "messages",
    "errors",
];
pub(crate) const ENVELOPE_KEYS: &[&str] = &[
    "preset",
    "template",
    "content_type",
    "description",
    "fields",
    "example_request",
    "empty_details",
];
pub(crate) const CATEGORY_KEYS: &[&str] = &["title", "description", "wire", "order"];
pub(crate) const STATUS_KEYS: &[&str] = &["title", "description"];
pub(crate) const HEADER_KEYS: &[&str] = &["description", "type", "from", "every_error"];
pub(crate) const GUIDE_KEYS: &[&str] = &["title", "body"];
pub(crate) const FAMILY_KEYS: &[&str] = &["code_prefix", "category", "status", "fallback"];
pub(crate) const DOCS_KEYS: &[&str] = &["group_by", "envelope_example", "pages"];
pub(crate) const REQUEST_HEADER_KEYS: &[&str] = &["description", "type", "required", "example"];
pub(crate) const STEPS_KEYS: &[&str] = &["intro", "steps"];
pub(crate) const ENTRY_KEYS: &[&str] = &[
    "code",
    "status",
    "category",
    "title",
    "description",
    "message",
    "public_message",
    "details",
    "details_type",
    "causes",
    "fixes",
    "note",
    "links",
    "headers",
    "retryable",
    "deprecated",
    "source",
    "examples",
    "kind",
    "request_headers",
    "removed",
    "since",
    "breaking",
];
pub(crate) const MESSAGE_KEYS: &[&str] = &["text", "stable", "varies", "examples", "summary"];
pub(crate) const LICENSE_KEYS: &[&str] = &["name", "url", "identifier"];
pub(crate) const CONTACT_KEYS: &[&str] = &["name", "url", "email"];
pub(crate) const FIELD_KEYS: &[&str] = &[
    "type",
    "description",
    "example",
    "optional",
    "format",
    "values",
    "items",
    "fields",
    "in_body",
    "rust_name",
    "since",
];
pub(crate) const NESTED_FIELD_KEYS: &[&str] = &[
    "type",
    "description",
    "example",
    "optional",
    "format",
    "values",
    "items",
    "fields",
    "rust_name",
    "since",
];
pub(crate) const TYPE_KEYS: &[&str] = &[
    "type",
    "description",
    "example",
    "format",
    "values",
    "items",
    "fields",
];
pub(crate) const LINK_KEYS: &[&str] = &["title", "url"];
pub(crate) const DEPRECATED_KEYS: &[&str] = &["since", "replaced_by", "note"];
pub(crate) const EXAMPLE_KEYS: &[&str] = &["name", "details", "message", "request"];
pub(crate) const REQUEST_KEYS: &[&str] = &["request_id", "timestamp", "instance"];
pub(crate) const TYPE_NAMES: &[&str] = &[
    "string", "integer", "number", "boolean", "enum", "array", "object",
];

/// An error entry before cross-references are checked.
#[derive(Debug)]
pub(crate) struct EntryDraft {
    pub entry: Entry,
    /// Where `category` is written, if it is.
    pub category_span: Option<Span>,
    pub replaced_by_span: Option<Span>,
    /// Examples written by the author, already type-checked.
    pub examples: Vec<crate::model::Example>,
    /// Whether the details decoded without errors (placeholder checks are
    /// skipped otherwise, to avoid follow-on errors).
    pub details_ok: bool,
    /// Whether the entry had problems of its own (its warnings are skipped).
    pub broken: bool,
}

/// What one file contributes.
#[derive(Debug, Default)]
pub(crate) struct Fragment {
    pub name: Option<Located<String>>,
    pub title: Option<Located<String>>,
    pub description: Option<String>,
    pub version: Option<String>,
    pub breaking: Option<String>,
    /// `language:` of the catalogue's own messages.
    pub language: Option<Located<String>>,
    /// `translations:`, the files of translated messages, by path.
    pub translations: Vec<Located<String>>,
    /// In a translation file: `locale:`.
    pub locale: Option<Located<String>>,
    /// In a translation file: `messages:`, by error key.
    pub messages: Vec<(Located<String>, MessageTemplate)>,
    pub docs_url: Option<Located<String>>,
    pub license: Option<License>,
    pub contact: Option<Contact>,
    pub servers: Vec<String>,
    pub includes: Vec<Located<String>>,
    pub envelope: Option<Envelope>,
    pub envelope_span: Option<Span>,
    pub categories: Vec<(Category, bool)>,
    pub statuses: Vec<(StatusDoc, Span)>,
    pub headers: Vec<Header>,
    pub guidance: Vec<Guide>,
    pub families: Vec<(Family, Span, Span)>,
    pub request_headers: Vec<RequestHeader>,
    /// `common_details`: fields every error's details have.
    pub common_details: Option<(Vec<Field>, Span)>,
    pub extensions: Vec<(String, Json)>,
    pub docs: Option<DocsOptions>,
    /// Where `docs.envelope_example` is written.
    pub envelope_example_span: Option<Span>,
    /// Where `docs.group_by: category` is written.
    pub group_by_category_span: Option<Span>,
    /// Where each key of `envelope.fields` is written, in order.
    pub envelope_doc_spans: Vec<Span>,
    pub entries: Vec<EntryDraft>,
    pub has_errors_key: bool,
    pub root_span: Option<Span>,
    /// Warning codes silenced by `allow:`.
    pub allow: Vec<crate::codes::Code>,
    /// Whether the root is a mapping (otherwise nothing else is reported).
    pub root_ok: bool,
    /// The top-level keys the file writes, whether their values are valid
    /// or not: a key written with a bad value is not also "missing".
    pub written: Vec<&'static str>,
}

/// Decodes a file's root node.
pub(crate) fn decode_fragment(root: &Node, sink: &mut Sink) -> Fragment {
    let mut frag = Fragment {
        root_span: Some(root.span),
        ..Fragment::default()
    };
    let Some(mut top) = Fields::open(root, TOP_KEYS, "the catalogue", sink) else {
        return frag;
    };
    frag.root_ok = true;
    frag.written = TOP_KEYS.iter().copied().filter(|k| top.has(k)).collect();
    frag.extensions = top.extensions();
    if let Some(n) = top.get("name")
        && let Some(name) = tree_reader::string(n, "`name`", sink)
    {
        if is_catalog_name(&name.value) {
            frag.name = Some(name);
        } else {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    n.span,
                    format!("`{}` is not a valid catalogue name", name.value),
                )
                .label("expected lowercase letters, digits, `-` and `_`, starting with a letter")
                .help(format!("try `{}`", suggest_catalog_name(&name.value))),
            );
        }
    }
    frag.title = top
        .get("title")
        .and_then(|n| tree_reader::text(n, "`title`", sink));
    frag.description = top
        .get("description")
        .and_then(|n| tree_reader::text(n, "`description`", sink))
        .map(|l| l.value);
    frag.version = top.get("version").and_then(|n| version_text(n, sink));
    frag.breaking = top.get("breaking").and_then(|n| version_text(n, sink));
    frag.docs_url = top
        .get("docs_url")
        .and_then(|n| tree_reader::text(n, "`docs_url`", sink))
        .map(|mut l| {
            while l.value.ends_with('#') || l.value.ends_with('/') {
                l.value.pop();
            }
            l
        });
    frag.license = top.get("license").and_then(|n| decode_license(n, sink));
    frag.contact = top.get("contact").and_then(|n| decode_contact(n, sink));
    if let Some(n) = top.get("servers")
        && let Some(items) = tree_reader::sequence(n, "`servers`", sink)
    {
        frag.servers = items
            .iter()
            .filter_map(|i| tree_reader::text(i, "a server URL", sink))
            .map(|l| l.value)
            .collect();
    }
    frag.language = top
        .get("language")
        .and_then(|n| tree_reader::text(n, "`language`", sink));
    if let Some(n) = top.get("translations")
        && let Some(items) = tree_reader::sequence(n, "`translations`", sink)
    {
        frag.translations = items
            .iter()
            .filter_map(|i| tree_reader::text(i, "a translation file", sink))
            .collect();
    }
    frag.locale = top
        .get("locale")
        .and_then(|n| tree_reader::text(n, "`locale`", sink));
    if let Some(n) = top.get("messages")
        && let Some(entries) = tree_reader::named_entries(n, "`messages`", sink)
    {
        for (key, value) in entries {
            let what = format!("the message of `{}`", key.value);
            if let Some(t) = parse_template(value, &what, sink) {
                frag.messages.push((key, t));
            }
        }
    }
    if let Some(n) = top.get("includes")
        && let Some(items) = tree_reader::sequence(n, "`includes`", sink)
    {
        frag.includes = items
            .iter()
            .filter_map(|i| tree_reader::text(i, "an include path", sink))
            .collect();
    }
    if let Some(n) = top.get("envelope") {
        let key = top.key_span("envelope").unwrap_or(n.span);
        frag.envelope_span = Some(if let NodeKind::Str(_) = n.kind {
            n.span
        } else {
            key
        });
        if let Some((envelope, spans)) = decode_envelope(n, key, sink) {
            frag.envelope = Some(envelope);
            frag.envelope_doc_spans = spans;
        }
    }
    if let Some(n) = top.get("categories") {
        frag.categories = decode_categories(n, sink);
    }
    if let Some(n) = top.get("statuses") {
        frag.statuses = decode_statuses(n, sink);
    }
    if let Some(n) = top.get("headers") {
        frag.headers = decode_headers(n, sink);
    }
    if let Some(n) = top.get("guidance") {
        frag.guidance = decode_guidance(n, sink);
    }
    if let Some(n) = top.get("families") {
        frag.families = decode_families(n, sink);
    }
    if let Some(n) = top.get("request_headers") {
        frag.request_headers = decode_request_headers(n, sink);
    }
    if let Some(n) = top.get("common_details") {
        let key = top.key_span("common_details").unwrap_or(n.span);
        frag.common_details =
            decode_fields(n, "`common_details`", true, sink).map(|fields| (fields, key));
    }
    if let Some(n) = top.get("docs")
        && let Some((docs, example_span, group_by_span)) = decode_docs(n, sink)
    {
        frag.docs = Some(docs);
        frag.envelope_example_span = example_span;
        frag.group_by_category_span =
            group_by_span.filter(|_| docs_by_category(frag.docs.as_ref()));
    }
    if let Some(n) = top.get("allow") {
        frag.allow = decode_allow(n, sink);
    }
    if let Some(n) = top.get("errors") {
        frag.has_errors_key = true;
        if let Some(entries) = tree_reader::named_entries(n, "`errors`", sink) {
            frag.entries = decode_entries(&entries, sink);
        }
    }
    top.finish(sink);
    frag
}

/// `license: MIT` (an SPDX identifier or a name) or
/// `license: {name, url}` / `{name, identifier}`.
fn decode_license(node: &Node, sink: &mut Sink) -> Option<License> {
    if let NodeKind::Str(_) = node.kind {
        let text = tree_reader::text(node, "`license`", sink)?.value;
        return Some(License {
            name: text.clone(),
            url: None,
            identifier: Some(text),
        });
    }
    let mut f = Fields::open(node, LICENSE_KEYS, "`license`", sink)?;
    let name = f
        .require("name", sink)
        .and_then(|n| tree_reader::text(n, "the license name", sink))
        .map(|l| l.value);
    let url = f
        .get("url")
        .and_then(|n| tree_reader::text(n, "the license URL", sink))
        .map(|l| l.value);
    let identifier = f
        .get("identifier")
        .and_then(|n| tree_reader::text(n, "the license identifier", sink))
        .map(|l| l.value);
    f.finish(sink);
    Some(License {
        name: name?,
        url,
        identifier,
    })
}

/// `contact: {name, url, email}`, each optional.
fn decode_contact(node: &Node, sink: &mut Sink) -> Option<Contact> {
    let mut f = Fields::open(node, CONTACT_KEYS, "`contact`", sink)?;
    let mut text = |key: &str, sink: &mut Sink| {
        f.get(key)
            .and_then(|n| tree_reader::text(n, &format!("the contact's `{key}`"), sink))
            .map(|l| l.value)
    };
    let contact = Contact {
        name: text("name", sink),
        url: text("url", sink),
        email: text("email", sink),
    };
    f.finish(sink);
    Some(contact)
}

fn decode_allow(node: &Node, sink: &mut Sink) -> Vec<crate::codes::Code> {
    let warnings: Vec<&str> = codes::ALL
        .iter()
        .filter(|c| c.severity == codes::Severity::Warning)
        .map(|c| c.name)
        .collect();
    let Some(items) = tree_reader::sequence(node, "`allow`", sink) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| tree_reader::one_of(item, &warnings, "warning name in `allow`", sink))
        .filter_map(|name| codes::lookup(&name.value))
        .collect()
}

fn is_catalog_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn suggest_catalog_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, "api-");
    }
    out
}

/// Versions are often written unquoted (`version: 1.2`); accept numbers as
/// their text.
fn version_text(node: &Node, sink: &mut Sink) -> Option<String> {
    match &node.kind {
        NodeKind::Str(s) if !s.trim().is_empty() => Some(s.clone()),
        NodeKind::Int(i) => Some(i.to_string()),
        NodeKind::Float(f) => Some(f.to_string()),
        _ => {
            sink.wrong_type(node, "a string", "`version`");
            None
        }
    }
}

/// The envelope, and where each key of its `fields` is written.
fn decode_envelope(node: &Node, key: Span, sink: &mut Sink) -> Option<(Envelope, Vec<Span>)> {
    if let NodeKind::Str(_) = node.kind {
        let preset = tree_reader::one_of(node, &preset_names(), "envelope preset", sink)?;
        let template = Template::preset(&preset.value)?;
        return Some((
            Envelope {
                content_type: Template::preset_content_type(&preset.value).to_owned(),
                preset: Some(preset.value),
                template,
                description: None,
                field_docs: Vec::new(),
                example_request: RequestValues::default(),
                empty_details_object: false,
            },
            Vec::new(),
        ));
    }
    let mut f = Fields::open(node, ENVELOPE_KEYS, "`envelope`", sink)?.owned_by(key);
    let preset = f
        .get("preset")
        .and_then(|n| tree_reader::one_of(n, &preset_names(), "envelope preset", sink));
    let template_node = f.get("template");
    let template = template_node.and_then(|n| Template::parse(n, sink));
    let content_type = f
        .get("content_type")
        .and_then(|n| tree_reader::text(n, "`content_type`", sink))
        .filter(|l| {
            let ok = is_media_type(&l.value);
            if !ok {
                sink.push(
                    Diagnostic::new(
                        codes::INVALID_VALUE,
                        l.span,
                        format!("`{}` is not a media type that can be sent in a `Content-Type` header", l.value.escape_debug()),
                    )
                    .label("expected `type/subtype`, in printable ASCII")
                    .help("for example `application/json` or `application/problem+json; charset=utf-8`"),
                );
            }
            ok
        })
        .map(|l| l.value);
    let description = f
        .get("description")
        .and_then(|n| tree_reader::text(n, "the envelope description", sink))
        .map(|l| l.value);
    let (field_docs, doc_spans): (Vec<(String, String)>, Vec<Span>) = f
        .get("fields")
        .and_then(|n| tree_reader::named_entries(n, "envelope `fields`", sink))
        .map(|entries| {
            entries
                .into_iter()
                .filter_map(|(k, v)| {
                    tree_reader::text(v, &format!("the description of `{}`", k.value), sink)
                        .map(|d| ((k.value, d.value), k.span))
                })
                .unzip()
        })
        .unwrap_or_default();
    let example_request = f
        .get("example_request")
        .map(|n| decode_request(n, sink))
        .unwrap_or_default();
    let empty_details_object = match f.get("empty_details") {
        Some(n) if matches!(&n.kind, NodeKind::Map(m) if m.is_empty()) => true,
        Some(n) => {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    n.span,
                    "`empty_details` can only be `{}`",
                )
                .label("expected `{}`")
                .help(
                    "`empty_details: {}` writes `{}` for `$details` when an error has no details",
                ),
            );
            false
        }
        None => false,
    };
    let has_preset_key = f.has("preset");
    let has_template_key = f.has("template");
    let span = f.owner_span();
    let template_key = f.key_span("template");
    f.finish(sink);
    if has_preset_key && has_template_key {
        sink.push(
            Diagnostic::new(
                codes::INVALID_VALUE,
                template_key.unwrap_or(span),
                "the envelope sets both `preset` and `template`",
            )
            .help("keep one: a preset is a named template"),
        );
        return None;
    }
    let (preset, template) = match (preset, template) {
        (Some(p), None) => {
            let t = Template::preset(&p.value)?;
            (Some(p.value), t)
        }
        (None, Some(t)) => (None, t),
        _ => {
            if !has_preset_key && !has_template_key {
                sink.push(
                    Diagnostic::new(
                        codes::MISSING_KEY,
                        span,
                        "the envelope needs a `preset` or a `template`",
                    )
                    .help(format!("presets: {}", preset_names().join(", "))),
                );
            }
            return None;
        }
    };
    let content_type = content_type.unwrap_or_else(|| {
        preset
            .as_deref()
            .map_or("application/json", Template::preset_content_type)
            .to_owned()
    });
    Some((
        Envelope {
            preset,
            template,
            content_type,
            description,
            field_docs,
            example_request,
            empty_details_object,
        },
        doc_spans,
    ))
}

fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(n, _, _)| *n).collect()
}

fn decode_request(node: &Node, sink: &mut Sink) -> RequestValues {
    let mut out = RequestValues::default();
    let Some(mut f) = Fields::open(node, REQUEST_KEYS, "request values", sink) else {
        return out;
    };
    for field in RequestField::ALL {
        let value = f
            .get(field.name())
            .and_then(|n| tree_reader::string(n, &format!("`{}`", field.name()), sink))
            .map(|l| l.value);
        match field {
            RequestField::RequestId => out.request_id = value,
            RequestField::Timestamp => out.timestamp = value,
            RequestField::Instance => out.instance = value,
        }
    }
    f.finish(sink);
    out
}

/// Whether `key` can become a Rust identifier; `keeps` says how the
/// author can keep the wire text (`code:` for errors, `wire:` for
/// categories).
fn check_key(key: &Located<String>, what: &str, keeps: &str, sink: &mut Sink) -> bool {
    match ident::check_name(&key.value) {
        Ok(()) => true,
        Err(why) => {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_IDENTIFIER,
                    key.span,
                    format!("{what} `{}` cannot become a Rust identifier", key.value),
                )
                .label(why)
                .help(format!(
                    "use a key such as `{}`; {keeps}",
                    ident::suggest(&key.value)
                )),
            );
            false
        }
    }
}

fn decode_categories(node: &Node, sink: &mut Sink) -> Vec<(Category, bool)> {
    let Some(entries) = tree_reader::named_entries(node, "`categories`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (position, (key, value)) in entries.into_iter().enumerate() {
        // A key that cannot be an identifier is reported here, and the
        // category kept, so that errors naming it are not reported again.
        check_key(
            &key,
            "category key",
            "the text sent on the wire can still be set with `wire:`",
            sink,
        );
        let what = format!("category `{}`", key.value);
        let (title, description, wire, order, extensions) = if let NodeKind::Str(_) = value.kind {
            (
                tree_reader::text(value, &format!("the title of {what}"), sink).map(|l| l.value),
                None,
                None,
                None,
                Vec::new(),
            )
        } else {
            let Some(f) = Fields::open(value, CATEGORY_KEYS, what.clone(), sink) else {
                continue;
            };
            let mut f = f.owned_by(key.span);
            let title = f
                .require("title", sink)
                .and_then(|n| tree_reader::text(n, &format!("the title of {what}"), sink))
                .map(|l| l.value);
            let description = f
                .get("description")
                .and_then(|n| tree_reader::text(n, "a category description", sink))
                .map(|l| l.value);
            let wire = f
                .get("wire")
                .and_then(|n| tree_reader::text(n, "a category's `wire` name", sink))
                .map(|l| l.value);
            let order = f
                .get("order")
                .and_then(|n| tree_reader::integer(n, "a category's `order`", sink))
                .map(|i| i64::try_from(i).unwrap_or(i64::MAX));
            let extensions = f.extensions();
            f.finish(sink);
            (title, description, wire, order, extensions)
        };
        let Some(title) = title else {
            continue;
        };
        out.push((
            Category {
                ident: ident::pascal(&key.value),
                wire: wire.unwrap_or_else(|| key.value.clone()),
                order: order.unwrap_or(i64::try_from(position).unwrap_or(i64::MAX)),
                key: key.value,
                title,
                description,
                extensions,
                span: key.span,
            },
            order.is_some(),
        ));
    }
    out
}

fn status_value(value: i128, span: Span, sink: &mut Sink) -> Option<u16> {
    match u16::try_from(value) {
        Ok(s) if (100..=599).contains(&s) => Some(s),
        _ => {
            sink.push(
                Diagnostic::new(
                    codes::STATUS_OUT_OF_RANGE,
                    span,
                    format!("HTTP status {value} is outside 100-599"),
                )
                .label("not an HTTP status")
                .help("omit `status` for errors that never travel over HTTP"),
            );
            None
        }
    }
}

fn decode_statuses(node: &Node, sink: &mut Sink) -> Vec<(StatusDoc, Span)> {
    let Some(entries) = tree_reader::named_entries(node, "`statuses`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Ok(number) = key.value.parse::<i128>() else {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    key.span,
                    format!("`{}` is not an HTTP status", key.value),
                )
                .label("expected a number such as 404"),
            );
            continue;
        };
        let Some(status) = status_value(number, key.span, sink) else {
            continue;
        };
        let what = format!("status {status}");
        let (title, description) = if let NodeKind::Str(_) = value.kind {
            (
                None,
                tree_reader::text(value, &format!("the description of {what}"), sink)
                    .map(|l| l.value),
            )
        } else {
            let Some(f) = Fields::open(value, STATUS_KEYS, what.clone(), sink) else {
                continue;
            };
            let mut f = f.owned_by(key.span);
            let title = f
                .get("title")
                .and_then(|n| tree_reader::text(n, &format!("the title of {what}"), sink))
                .map(|l| l.value);
            let description = f
                .get("description")
                .and_then(|n| tree_reader::text(n, &format!("the description of {what}"), sink))
                .map(|l| l.value);
            f.finish(sink);
            (title, description)
        };
        out.push((
            StatusDoc {
                status,
                title: title.unwrap_or_else(|| crate::http_status::status_title(status)),
                description,
            },
            key.span,
        ));
    }
    out
}

/// Whether `text` is a media type that a `Content-Type` header can carry:
/// `type/subtype`, optionally followed by parameters, in printable ASCII
/// (no line breaks, no characters beyond ASCII).
fn is_media_type(text: &str) -> bool {
    let printable = text.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t'));
    let essence = text.split(';').next().unwrap_or_default();
    let mut parts = essence.split('/');
    let (Some(ty), Some(subtype), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    printable && is_header_name(ty) && is_header_name(subtype)
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn decode_headers(node: &Node, sink: &mut Sink) -> Vec<Header> {
    let Some(entries) = tree_reader::named_entries(node, "`headers`", sink) else {
        return Vec::new();
    };
    let mut out: Vec<Header> = Vec::new();
    for (name, value) in entries {
        let what = format!("header `{}`", name.value);
        let mut name_ok = true;
        if !is_header_name(&name.value) {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    name.span,
                    format!("`{}` is not a valid HTTP header name", name.value),
                )
                .label("letters, digits and `-` only"),
            );
            name_ok = false;
        }
        if let Some(first) = out
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(&name.value))
        {
            sink.push(
                Diagnostic::new(
                    codes::DUPLICATE_KEY,
                    name.span,
                    format!(
                        "header `{}` is declared twice (header names ignore case)",
                        name.value
                    ),
                )
                .secondary(first.span, "first declared here"),
            );
            name_ok = false;
        }
        let Some(f) = Fields::open(value, HEADER_KEYS, what.clone(), sink) else {
            continue;
        };
        let mut f = f.owned_by(name.span);
        let description = f
            .get("description")
            .and_then(|n| tree_reader::text(n, "a header description", sink))
            .map(|l| l.value);
        let ty = f.get("type").and_then(|n| {
            tree_reader::one_of(
                n,
                &["string", "integer", "number", "boolean"],
                "header type",
                sink,
            )
        });
        let ty = match ty.as_ref().map(|t| t.value.as_str()) {
            Some("integer") => ScalarType::Integer,
            Some("number") => ScalarType::Number,
            Some("boolean") => ScalarType::Boolean,
            _ => ScalarType::String,
        };
        let source = f.require("from", sink).and_then(|n| header_source(n, sink));
        let every_error = f
            .get("every_error")
            .and_then(|n| tree_reader::boolean(n, "`every_error`", sink))
            .unwrap_or(false);
        f.finish(sink);
        if let (Some(source), true) = (source, name_ok) {
            out.push(Header {
                name: name.value,
                description,
                ty,
                source,
                every_error,
                span: name.span,
            });
        }
    }
    out
}

fn header_source(node: &Node, sink: &mut Sink) -> Option<HeaderSource> {
    let text = tree_reader::string(node, "a header's `from`", sink)?;
    if let Some(field) = text.value.strip_prefix("details.")
        && !field.is_empty()
    {
        return Some(HeaderSource::Details(field.to_owned()));
    }
    if let Some(name) = text.value.strip_prefix("request.")
        && let Some(field) = RequestField::from_name(name)
    {
        return Some(HeaderSource::Request(field));
    }
    let request_names: Vec<String> = RequestField::ALL
        .iter()
        .map(|f| format!("request.{}", f.name()))
        .collect();
    sink.push(
        Diagnostic::new(
            codes::HEADER_SOURCE,
            node.span,
            format!("`{}` is not a header source", text.value),
        )
        .label("expected `details.<field>` or `request.<name>`")
        .maybe_help(
            crate::suggest::did_you_mean(&text.value, request_names.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`?")),
        )
        .note(format!("request values: {}", request_names.join(", "))),
    );
    None
}

fn decode_guidance(node: &Node, sink: &mut Sink) -> Vec<Guide> {
    let Some(items) = tree_reader::sequence(node, "`guidance`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = Fields::open(item, GUIDE_KEYS, "a guidance section", sink) else {
            continue;
        };
        let title = f
            .require("title", sink)
            .and_then(|n| tree_reader::text(n, "a guidance title", sink));
        let body = f
            .require("body", sink)
            .and_then(|n| tree_reader::text(n, "a guidance body", sink));
        f.finish(sink);
        if let (Some(title), Some(body)) = (title, body) {
            out.push(Guide {
                title: title.value,
                body: body.value,
            });
        }
    }
    out
}

/// `families:`, a list of `{code_prefix | category | status, fallback}`.
/// Each family comes with the spans of what it matches and of its
/// fallback, for the checks once the catalogue is merged.
fn decode_families(node: &Node, sink: &mut Sink) -> Vec<(Family, Span, Span)> {
    let Some(items) = tree_reader::sequence(node, "`families`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = Fields::open(item, FAMILY_KEYS, "a family", sink) else {
            continue;
        };
        let fallback = f
            .require("fallback", sink)
            .and_then(|n| tree_reader::string(n, "the fallback entry's key", sink));
        let mut matches = Vec::new();
        let mut matcher_span = item.span;
        if let Some(n) = f.get("code_prefix") {
            matcher_span = n.span;
            if let Some(prefix) = tree_reader::text(n, "a code prefix", sink) {
                matches.push(FamilyMatch::CodePrefix(prefix.value));
            }
        }
        if let Some(n) = f.get("category") {
            matcher_span = n.span;
            if let Some(key) = tree_reader::string(n, "a category key", sink) {
                matches.push(FamilyMatch::Category(key.value));
            }
        }
        if let Some(n) = f.get("status") {
            matcher_span = n.span;
            matches.extend(status_range(n, sink));
        }
        let written = ["code_prefix", "category", "status"]
            .iter()
            .filter(|k| f.has(k))
            .count();
        f.finish(sink);
        if written != 1 {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    item.span,
                    "a family needs exactly one of `code_prefix`, `category` or `status`",
                )
                .label(if written == 0 { "none given" } else { "more than one given" })
                .help("write one family per kind: `- {code_prefix: \"22\", fallback: data_exception}`"),
            );
            continue;
        }
        if let (Some(fallback), [matches]) = (fallback, matches.as_slice()) {
            out.push((
                Family {
                    matches: matches.clone(),
                    fallback: fallback.value,
                },
                matcher_span,
                fallback.span,
            ));
        }
    }
    out
}

/// A family's `status`: `404`, or a class such as `4xx`.
fn status_range(node: &Node, sink: &mut Sink) -> Option<FamilyMatch> {
    let text = match &node.kind {
        NodeKind::Str(s) => s.clone(),
        NodeKind::Int(i) => i.to_string(),
        _ => String::new(),
    };
    let range = match text.as_bytes() {
        [c @ b'1'..=b'5', b'x' | b'X', b'x' | b'X'] => {
            let low = u16::from(c - b'0') * 100;
            Some((low, low + 99))
        }
        _ => text
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))
            .map(|s| (s, s)),
    };
    if range.is_none() {
        sink.push(
            Diagnostic::new(
                codes::INVALID_VALUE,
                node.span,
                format!("`{text}` is not a status or a status class"),
            )
            .label("expected a status such as `404`, or a class such as `4xx`"),
        );
    }
    range.map(|(low, high)| FamilyMatch::Status { low, high })
}

/// Whether `docs` groups by category.
fn docs_by_category(docs: Option<&DocsOptions>) -> bool {
    docs.is_some_and(|d| d.group_by == GroupBy::Category)
}

/// `docs:`, with where `envelope_example` and `group_by` are written.
fn decode_docs(node: &Node, sink: &mut Sink) -> Option<(DocsOptions, Option<Span>, Option<Span>)> {
    let mut f = Fields::open(node, DOCS_KEYS, "`docs`", sink)?;
    let group_by = f
        .get("group_by")
        .and_then(|n| tree_reader::one_of(n, &["category", "status", "none"], "`group_by`", sink));
    let envelope_example = f
        .get("envelope_example")
        .and_then(|n| tree_reader::string(n, "`envelope_example`", sink));
    let pages = f
        .get("pages")
        .and_then(|n| tree_reader::one_of(n, &["auto", "one", "split"], "`pages`", sink))
        .map_or(Pages::Auto, |p| match p.value.as_str() {
            "one" => Pages::One,
            "split" => Pages::Split,
            _ => Pages::Auto,
        });
    f.finish(sink);
    let span = envelope_example.as_ref().map(|l| l.span);
    let group_by_span = group_by.as_ref().map(|g| g.span);
    Some((
        DocsOptions {
            group_by: match group_by.as_ref().map(|g| g.value.as_str()) {
                Some("status") => GroupBy::Status,
                Some("none") => GroupBy::None,
                _ => GroupBy::Category,
            },
            envelope_example: envelope_example.map(|l| l.value),
            pages,
        },
        span,
        group_by_span,
    ))
}

/// A decoded `message`: the message, whether its text is stable, and the
/// short form shown in the docs.
type MessageParts = (Message, bool, Option<String>);

/// A message: text (a template), or a mapping: `{text, stable}` for a
/// template whose text clients may rely on, `{varies: true, examples}`
/// for a message that differs per occurrence; either mapping may add a
/// `summary`, the short form the docs show.
fn decode_message(node: &Node, what: &str, sink: &mut Sink) -> Option<MessageParts> {
    if let NodeKind::Map(_) = node.kind {
        let mut f = Fields::open(node, MESSAGE_KEYS, what, sink)?;
        let summary = f
            .get("summary")
            .and_then(|n| tree_reader::text(n, "a message `summary`", sink))
            .map(|l| l.value);
        if let Some(text) = f.get("text") {
            let stable = f
                .get("stable")
                .and_then(|n| tree_reader::boolean(n, "`stable`", sink))
                .unwrap_or(false);
            if let Some(span) = f.key_span("varies").or(f.key_span("examples")) {
                sink.push(
                    Diagnostic::new(
                        codes::INVALID_VALUE,
                        span,
                        format!("{what} has `text`, so it does not vary"),
                    )
                    .help("remove `varies` and `examples`, or remove `text` if the message differs per occurrence"),
                );
            }
            f.get("varies");
            f.get("examples");
            f.finish(sink);
            return parse_template(text, what, sink)
                .map(|t| (Message::Template(t), stable, summary));
        }
        if let Some(span) = f.key_span("stable") {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    span,
                    format!("`stable` needs the text of {what}"),
                )
                .help("write the message as `{text: \"...\", stable: true}`"),
            );
        }
        let varies = f
            .require("varies", sink)
            .and_then(|n| tree_reader::boolean(n, "`varies`", sink));
        let examples = f
            .get("examples")
            .map(|n| tree_reader::text_list(n, "message examples", sink))
            .unwrap_or_default();
        let span = f.span;
        f.finish(sink);
        if varies == Some(false) {
            sink.push(
                Diagnostic::new(codes::INVALID_VALUE, span, "`varies: false` says nothing").help(
                    "write the message as text, or `varies: true` if it differs per occurrence",
                ),
            );
            return None;
        }
        varies?;
        return Some((
            Message::Varies {
                examples: examples.into_iter().map(|l| l.value).collect(),
            },
            false,
            summary,
        ));
    }
    parse_template(node, what, sink).map(|t| (Message::Template(t), false, None))
}

fn parse_template(node: &Node, what: &str, sink: &mut Sink) -> Option<MessageTemplate> {
    let text = tree_reader::text(node, what, sink)?;
    match MessageTemplate::parse(&text.value, node.span) {
        Ok(t) => Some(t),
        Err(errors) => {
            for e in errors {
                let span = crate::validate::inner_span(
                    node.span,
                    &text.value,
                    e.offset,
                    1,
                    sink.text.as_deref(),
                );
                sink.push(
                    Diagnostic::new(
                        codes::MESSAGE_SYNTAX,
                        span,
                        format!("{what}: {}", e.message),
                    )
                    .label("here"),
                );
            }
            None
        }
    }
}

/// Decodes the entries of `errors:` in order.
fn decode_entries(entries: &[(Located<String>, &Node)], sink: &mut Sink) -> Vec<EntryDraft> {
    entries
        .iter()
        .filter_map(|(key, value)| decode_entry(key, value, sink))
        .collect()
}

fn decode_entry(key: &Located<String>, node: &Node, sink: &mut Sink) -> Option<EntryDraft> {
    let key_ok = check_key(
        key,
        "error key",
        "the wire code can still be set with `code:`",
        sink,
    );
    let what = format!("error `{}`", key.value);
    let mut f = Fields::open_or_empty(node, ENTRY_KEYS, what.clone(), sink)?.owned_by(key.span);
    let errors_before = sink.error_count();

    let code = f
        .get("code")
        .and_then(|n| tree_reader::string(n, &format!("the code of {what}"), sink))
        .map(|l| l.value);
    let status_node = f.get("status");
    let status = status_node.and_then(|n| {
        tree_reader::integer(n, "`status`", sink).and_then(|v| status_value(v, n.span, sink))
    });
    // Required when the catalogue declares categories, which validation
    // knows.
    let category = f
        .get("category")
        .and_then(|n| tree_reader::text(n, "`category`", sink));
    let kind = f
        .get("kind")
        .and_then(|n| tree_reader::one_of(n, &["error", "warning", "notice"], "`kind`", sink))
        .map_or(EntryKind::Error, |k| match k.value.as_str() {
            "warning" => EntryKind::Warning,
            "notice" => EntryKind::Notice,
            _ => EntryKind::Error,
        });
    let title = f
        .get("title")
        .and_then(|n| tree_reader::text(n, &format!("the title of {what}"), sink))
        .map(|l| l.value);
    let description = f
        .get("description")
        .and_then(|n| tree_reader::text(n, &format!("the description of {what}"), sink))
        .map(|l| l.value);
    let (message, stable_message, message_summary) = match f.get("message") {
        Some(n) => match decode_message(n, &format!("the message of {what}"), sink) {
            Some((m, stable, summary)) => (Some(m), stable, summary),
            None => (None, false, None),
        },
        None => (Some(Message::Absent), false, None),
    };
    let public_message = f
        .get("public_message")
        .and_then(|n| parse_template(n, &format!("the public message of {what}"), sink));
    let details_node = f.get("details");
    let details_type_node = f.get("details_type");
    let details_type_key = f.key_span("details_type");
    let details = match (details_node, details_type_node) {
        (Some(_), Some(t)) => {
            sink.push(
                Diagnostic::new(codes::INVALID_VALUE, details_type_key.unwrap_or(t.span), format!("{what} sets both `details` and `details_type`"))
                    .help("`details` declares named fields; `details_type` declares one value of any type"),
            );
            None
        }
        (Some(n), None) => decode_fields(n, &what, true, sink).map(|fields| {
            if fields.is_empty() {
                Details::None
            } else {
                Details::Fields(fields)
            }
        }),
        (None, Some(n)) => decode_type(
            n,
            details_type_key.unwrap_or(n.span),
            &format!("`details_type` of {what}"),
            TYPE_KEYS,
            sink,
        )
        .map(Details::Value),
        (None, None) => Some(Details::None),
    };
    let details_ok = details.is_some();
    let (causes, causes_ordered, causes_intro) = f
        .get("causes")
        .map(|n| decode_steps(n, "`causes`", sink))
        .unwrap_or_default();
    let (fixes, fixes_ordered, fixes_intro) = f
        .get("fixes")
        .map(|n| decode_steps(n, "`fixes`", sink))
        .unwrap_or_default();
    let note = f
        .get("note")
        .and_then(|n| tree_reader::text(n, "`note`", sink))
        .map(|l| l.value);
    let links = f
        .get("links")
        .map(|n| decode_links(n, sink))
        .unwrap_or_default();
    let headers = f
        .get("headers")
        .and_then(|n| tree_reader::sequence(n, "`headers`", sink))
        .map(|items| {
            items
                .iter()
                .filter_map(|i| tree_reader::text(i, "a header name", sink))
                .collect()
        })
        .unwrap_or_default();
    let retryable = f
        .get("retryable")
        .and_then(|n| tree_reader::boolean(n, "`retryable`", sink));
    let mut replaced_by_span = None;
    let deprecated = f
        .get("deprecated")
        .and_then(|n| decode_deprecated(n, &mut replaced_by_span, sink));
    let mut removed_replaced_by_span = None;
    let removed = f
        .get("removed")
        .and_then(|n| decode_deprecated(n, &mut removed_replaced_by_span, sink));
    let since = f.get("since").and_then(|n| version_text(n, sink));
    let breaking = f.get("breaking").and_then(|n| version_text(n, sink));
    let source = f
        .get("source")
        .and_then(|n| tree_reader::boolean(n, "`source`", sink))
        .unwrap_or(false);
    let request_headers = f
        .get("request_headers")
        .and_then(|n| tree_reader::sequence(n, "`request_headers`", sink))
        .map(|items| {
            items
                .iter()
                .filter_map(|i| tree_reader::text(i, "a request header name", sink))
                .collect()
        })
        .unwrap_or_default();
    let examples_node = f.get("examples");
    let extensions = f.extensions();
    f.finish(sink);

    let examples = match (examples_node, &details) {
        (Some(n), Some(details)) => decode_examples(n, details, &message, sink),
        _ => Vec::new(),
    };
    // An entry with problems of its own is kept, marked broken, so that its
    // cross-references are still checked; the catalogue fails anyway.
    let broken = sink.error_count() > errors_before;
    if !key_ok {
        return None;
    }
    let category_span = category.as_ref().map(|c| c.span);
    Some(EntryDraft {
        entry: Entry {
            ident: ident::pascal(&key.value),
            code: code.unwrap_or_else(|| key.value.clone()),
            key: key.value.clone(),
            status,
            category: category.map(|c| c.value).unwrap_or_default(),
            kind,
            title,
            description,
            message: message.unwrap_or(Message::Absent),
            message_summary,
            stable_message,
            public_message,
            details: details.unwrap_or(Details::None),
            causes,
            causes_ordered,
            fixes,
            fixes_ordered,
            causes_intro,
            fixes_intro,
            note,
            links,
            headers,
            request_headers,
            extensions,
            retryable,
            deprecated,
            removed,
            since,
            breaking,
            source,
            examples: Vec::new(),
            span: key.span,
        },
        category_span,
        replaced_by_span: replaced_by_span.or(removed_replaced_by_span),
        examples,
        details_ok,
        broken,
    })
}

/// `causes` or `fixes`: a list (bullets), or `{steps: [...]}` for steps
/// taken in order (a numbered list), with an optional `intro` sentence
/// before them. Gives the texts, whether they are ordered, and the intro.
fn decode_steps(node: &Node, what: &str, sink: &mut Sink) -> (Vec<String>, bool, Option<String>) {
    let texts = |n: &Node, sink: &mut Sink| -> Vec<String> {
        tree_reader::text_list(n, what, sink)
            .into_iter()
            .map(|l| l.value)
            .collect()
    };
    if let NodeKind::Map(_) = node.kind {
        let Some(mut f) = Fields::open(node, STEPS_KEYS, what, sink) else {
            return (Vec::new(), false, None);
        };
        let intro = f
            .get("intro")
            .and_then(|n| tree_reader::text(n, "`intro`", sink))
            .map(|l| l.value);
        let steps = f.require("steps", sink).map(|n| texts(n, sink));
        f.finish(sink);
        return (steps.unwrap_or_default(), true, intro);
    }
    (texts(node, sink), false, None)
}

/// `request_headers:` at the top: the request headers errors are about.
fn decode_request_headers(node: &Node, sink: &mut Sink) -> Vec<RequestHeader> {
    let Some(entries) = tree_reader::named_entries(node, "`request_headers`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        if !is_header_name(&key.value) {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    key.span,
                    format!("`{}` is not a valid header name", key.value.escape_debug()),
                )
                .label("letters, digits and `!#$%&'*+-.^_`|~` only"),
            );
            continue;
        }
        let what = format!("request header `{}`", key.value);
        let (description, ty, required, example) = if let NodeKind::Str(_) = value.kind {
            (
                tree_reader::text(value, &format!("the description of {what}"), sink)
                    .map(|l| l.value),
                ScalarType::String,
                false,
                None,
            )
        } else {
            let Some(f) = Fields::open(value, REQUEST_HEADER_KEYS, what.clone(), sink) else {
                continue;
            };
            let mut f = f.owned_by(key.span);
            let description = f
                .get("description")
                .and_then(|n| tree_reader::text(n, &format!("the description of {what}"), sink))
                .map(|l| l.value);
            let ty = f
                .get("type")
                .and_then(|n| {
                    tree_reader::one_of(
                        n,
                        &["string", "integer", "number", "boolean"],
                        "a header type",
                        sink,
                    )
                })
                .map_or(ScalarType::String, |t| match t.value.as_str() {
                    "integer" => ScalarType::Integer,
                    "number" => ScalarType::Number,
                    "boolean" => ScalarType::Boolean,
                    _ => ScalarType::String,
                });
            let required = f
                .get("required")
                .and_then(|n| tree_reader::boolean(n, "`required`", sink))
                .unwrap_or(false);
            let example = f.get("example").map(|n| match &n.kind {
                NodeKind::Str(s) => s.clone(),
                _ => n.to_json().to_string(),
            });
            f.finish(sink);
            (description, ty, required, example)
        };
        out.push(RequestHeader {
            name: key.value,
            description,
            ty,
            required,
            example,
            span: key.span,
        });
    }
    out
}

fn decode_links(node: &Node, sink: &mut Sink) -> Vec<Link> {
    let Some(items) = tree_reader::sequence(node, "`links`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        if let NodeKind::Str(_) = item.kind {
            if let Some(url) = tree_reader::text(item, "a link", sink) {
                out.push(Link {
                    title: url.value.clone(),
                    url: url.value,
                });
            }
            continue;
        }
        let Some(mut f) = Fields::open(item, LINK_KEYS, "a link", sink) else {
            continue;
        };
        let title = f
            .require("title", sink)
            .and_then(|n| tree_reader::text(n, "a link title", sink));
        let url = f
            .require("url", sink)
            .and_then(|n| tree_reader::text(n, "a link url", sink));
        f.finish(sink);
        if let (Some(title), Some(url)) = (title, url) {
            out.push(Link {
                title: title.value,
                url: url.value,
            });
        }
    }
    out
}

fn decode_deprecated(
    node: &Node,
    replaced_by_span: &mut Option<Span>,
    sink: &mut Sink,
) -> Option<Deprecation> {
    match node.kind {
        NodeKind::Bool(true) => return Some(Deprecation::default()),
        NodeKind::Bool(false) => return None,
        _ => {}
    }
    let mut f = Fields::open(node, DEPRECATED_KEYS, "`deprecated`", sink)?;
    let since = f.get("since").and_then(|n| version_text(n, sink));
    let replaced_by = f
        .get("replaced_by")
        .and_then(|n| tree_reader::text(n, "`replaced_by`", sink));
    let note = f
        .get("note")
        .and_then(|n| tree_reader::text(n, "a deprecation note", sink))
        .map(|l| l.value);
    f.finish(sink);
    *replaced_by_span = replaced_by.as_ref().map(|l| l.span);
    Some(Deprecation {
        since,
        replaced_by: replaced_by.map(|l| l.value),
        note,
    })
}

/// Decodes the fields of a details object (or of a nested object type).
fn decode_fields(node: &Node, owner: &str, top_level: bool, sink: &mut Sink) -> Option<Vec<Field>> {
    let entries = tree_reader::named_entries(node, &format!("the details of {owner}"), sink)?;
    let mut out: Vec<Field> = Vec::new();
    let mut ok = true;
    for (name, value) in entries {
        let what = format!("details field `{}` of {owner}", name.value);
        match decode_field(&name, value, &what, top_level, sink) {
            Some(field) => {
                if let Some(first) = out.iter().find(|f| f.rust_name == field.rust_name) {
                    sink.push(
                        Diagnostic::new(
                            codes::FIELD_COLLISION,
                            name.span,
                            format!(
                                "details fields `{}` and `{}` both become the Rust field `{}`",
                                first.name, field.name, field.rust_name
                            ),
                        )
                        .secondary(first.span, "the other field")
                        .help("rename one of them, or set `rust_name` on one"),
                    );
                    ok = false;
                    continue;
                }
                out.push(field);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn decode_field(
    name: &Located<String>,
    node: &Node,
    what: &str,
    top_level: bool,
    sink: &mut Sink,
) -> Option<Field> {
    let keys = if top_level {
        FIELD_KEYS
    } else {
        NESTED_FIELD_KEYS
    };
    if name.value.is_empty() {
        sink.push(Diagnostic::new(
            codes::INVALID_IDENTIFIER,
            name.span,
            "a details field name is empty",
        ));
        return None;
    }
    // `name: string` is short for `name: {type: string}`.
    if let NodeKind::Str(_) = node.kind {
        let ty = decode_type(node, name.span, what, keys, sink)?;
        let rust_name = rust_field_name(name, None, sink)?;
        return Some(Field {
            name: name.value.clone(),
            rust_name,
            ty,
            optional: false,
            in_body: true,
            since: None,
            span: name.span,
        });
    }
    let mut f = Fields::open(node, keys, what, sink)?.owned_by(name.span);
    let since = f.get("since").and_then(|n| version_text(n, sink));
    let optional = f
        .get("optional")
        .and_then(|n| tree_reader::boolean(n, "`optional`", sink))
        .unwrap_or(false);
    let in_body = if top_level {
        f.get("in_body")
            .and_then(|n| tree_reader::boolean(n, "`in_body`", sink))
            .unwrap_or(true)
    } else {
        true
    };
    let rust_name_node = f.get("rust_name");
    let ty = type_from_fields(&mut f, what, sink);
    f.finish(sink);
    let rust_name = rust_field_name(name, rust_name_node, sink)?;
    Some(Field {
        name: name.value.clone(),
        rust_name,
        ty: ty?,
        optional,
        in_body,
        since,
        span: name.span,
    })
}

fn rust_field_name(
    name: &Located<String>,
    explicit: Option<&Node>,
    sink: &mut Sink,
) -> Option<String> {
    let (candidate, span) = match explicit {
        Some(n) => {
            let l = tree_reader::string(n, "`rust_name`", sink)?;
            (l.value, l.span)
        }
        None => (ident::snake(&name.value), name.span),
    };
    let valid = candidate.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && candidate != "_"
        && candidate
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !ident::is_reserved(&candidate);
    if valid {
        return Some(candidate);
    }
    sink.push(
        Diagnostic::new(
            codes::INVALID_IDENTIFIER,
            span,
            format!(
                "details field `{}` has no usable Rust name (`{candidate}`)",
                name.value
            ),
        )
        .label("expected a snake_case identifier")
        .help("set `rust_name: some_name` on the field; the JSON name stays as written"),
    );
    None
}

fn decode_type(
    node: &Node,
    owner: Span,
    what: &str,
    keys: &'static [&'static str],
    sink: &mut Sink,
) -> Option<TypeSpec> {
    if let NodeKind::Str(_) = node.kind {
        let name = tree_reader::one_of(node, TYPE_NAMES, "details type", sink)?;
        return simple_type(&name, owner, sink);
    }
    let mut f = Fields::open(node, keys, what, sink)?.owned_by(owner);
    let ty = type_from_fields(&mut f, what, sink);
    f.finish(sink);
    ty
}

fn simple_type(name: &Located<String>, span: Span, sink: &mut Sink) -> Option<TypeSpec> {
    let kind = match name.value.as_str() {
        "string" => TypeKind::String,
        "integer" => TypeKind::Integer(IntFormat::default()),
        "number" => TypeKind::Number,
        "boolean" => TypeKind::Boolean,
        other => {
            sink.push(
                Diagnostic::new(
                    codes::MISSING_KEY,
                    span,
                    format!("type `{other}` needs more than a name"),
                )
                .help(match other {
                    "enum" => "write `{type: enum, values: [a, b]}`",
                    "array" => "write `{type: array, items: string}`",
                    _ => "write `{type: object, fields: {name: string}}`",
                }),
            );
            return None;
        }
    };
    Some(TypeSpec {
        kind,
        description: None,
        example: None,
        span,
    })
}

fn type_from_fields(f: &mut Fields<'_>, what: &str, sink: &mut Sink) -> Option<TypeSpec> {
    let span = f.owner_span();
    let type_name = f
        .require("type", sink)
        .and_then(|n| tree_reader::one_of(n, TYPE_NAMES, "details type", sink));
    let description = f
        .get("description")
        .and_then(|n| tree_reader::text(n, "a field description", sink))
        .map(|l| l.value);
    let example_node = f.get("example");
    let format = f.get("format");
    let values = f.get("values");
    let items = f.get("items");
    let fields = f.get("fields");
    let type_name = type_name?;
    let misplaced = |key: &str, node: Option<&Node>, sink: &mut Sink| {
        if let Some(n) = node {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    n.span,
                    format!("`{key}` does not apply to type `{}`", type_name.value),
                )
                .label("remove this"),
            );
        }
    };
    let kind = match type_name.value.as_str() {
        "string" | "number" | "boolean" => {
            misplaced("format", format, sink);
            misplaced("values", values, sink);
            misplaced("items", items, sink);
            misplaced("fields", fields, sink);
            match type_name.value.as_str() {
                "string" => TypeKind::String,
                "number" => TypeKind::Number,
                _ => TypeKind::Boolean,
            }
        }
        "integer" => {
            misplaced("values", values, sink);
            misplaced("items", items, sink);
            misplaced("fields", fields, sink);
            let format = format.and_then(|n| {
                tree_reader::one_of(
                    n,
                    &["int32", "int64", "uint32", "uint64"],
                    "integer format",
                    sink,
                )
            });
            TypeKind::Integer(match format.as_ref().map(|l| l.value.as_str()) {
                Some("int32") => IntFormat::Int32,
                Some("uint32") => IntFormat::Uint32,
                Some("uint64") => IntFormat::Uint64,
                _ => IntFormat::Int64,
            })
        }
        "enum" => {
            misplaced("format", format, sink);
            misplaced("items", items, sink);
            misplaced("fields", fields, sink);
            let Some(values_node) = values else {
                sink.push(
                    Diagnostic::new(
                        codes::MISSING_KEY,
                        span,
                        format!("{what} is an enum without `values`"),
                    )
                    .help("write `values: [a, b]`"),
                );
                return None;
            };
            let list = tree_reader::text_list(values_node, "enum `values`", sink);
            let mut seen: Vec<&Located<String>> = Vec::new();
            let mut variants = Vec::new();
            for v in &list {
                if let Some(first) = seen
                    .iter()
                    .find(|s| ident::pascal(&s.value) == ident::pascal(&v.value))
                {
                    sink.push(
                        Diagnostic::new(
                            codes::IDENTIFIER_COLLISION,
                            v.span,
                            format!(
                                "enum values `{}` and `{}` become the same Rust variant",
                                first.value, v.value
                            ),
                        )
                        .secondary(first.span, "the other value"),
                    );
                    continue;
                }
                if ident::pascal(&v.value).is_empty()
                    || ident::pascal(&v.value).starts_with(|c: char| c.is_ascii_digit())
                {
                    sink.push(
                        Diagnostic::new(
                            codes::INVALID_IDENTIFIER,
                            v.span,
                            format!("enum value `{}` cannot become a Rust variant", v.value),
                        )
                        .label("needs a letter first"),
                    );
                    continue;
                }
                seen.push(v);
                variants.push(v.value.clone());
            }
            if variants.is_empty() {
                sink.push(Diagnostic::new(
                    codes::INVALID_VALUE,
                    values_node.span,
                    "an enum needs at least one value",
                ));
                return None;
            }
            TypeKind::Enum(variants)
        }
        "array" => {
            misplaced("format", format, sink);
            misplaced("values", values, sink);
            misplaced("fields", fields, sink);
            let Some(items) = items else {
                sink.push(
                    Diagnostic::new(
                        codes::MISSING_KEY,
                        span,
                        format!("{what} is an array without `items`"),
                    )
                    .help("write `items: string` or `items: {type: object, fields: ...}`"),
                );
                return None;
            };
            let items_key = f.key_span("items").unwrap_or(items.span);
            TypeKind::Array(Box::new(decode_type(
                items,
                items_key,
                &format!("the items of {what}"),
                TYPE_KEYS,
                sink,
            )?))
        }
        _ => {
            misplaced("format", format, sink);
            misplaced("values", values, sink);
            misplaced("items", items, sink);
            let Some(fields) = fields else {
                sink.push(Diagnostic::new(
                    codes::MISSING_KEY,
                    span,
                    format!("{what} is an object without `fields`"),
                ));
                return None;
            };
            TypeKind::Object(decode_fields(fields, what, false, sink)?)
        }
    };
    let mut spec = TypeSpec {
        kind,
        description,
        example: None,
        span,
    };
    if let Some(n) = example_node {
        // An invalid example is reported and dropped; the type stays usable.
        spec.example = crate::examples::check_value(n, &spec, "this example", sink);
    }
    Some(spec)
}

fn decode_examples(
    node: &Node,
    details: &Details,
    message: &Option<Message>,
    sink: &mut Sink,
) -> Vec<crate::model::Example> {
    let Some(items) = tree_reader::sequence(node, "`examples`", sink) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = Fields::open(item, EXAMPLE_KEYS, "an example", sink) else {
            continue;
        };
        let name = f
            .get("name")
            .and_then(|n| tree_reader::text(n, "an example name", sink))
            .map(|l| l.value);
        let details_value = match f.get("details") {
            Some(n) => crate::examples::check_details(n, details, sink),
            None => Some(Json::Null),
        };
        let message_node = f.get("message");
        let example_message = message_node
            .and_then(|n| tree_reader::text(n, "an example message", sink))
            .map(|l| l.value);
        if let (Some(n), Some(Message::Template(_) | Message::Absent)) = (message_node, message) {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_EXAMPLE,
                    n.span,
                    "an example can only set `message` when the message varies",
                )
                .help("the message is built from the template and the details"),
            );
        }
        let request = f
            .get("request")
            .map(|n| decode_request(n, sink))
            .unwrap_or_default();
        f.finish(sink);
        if let Some(details) = details_value {
            out.push(crate::model::Example {
                name,
                details,
                message: example_message,
                request,
                synthesized: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_large_catalogue_loads_whole_and_in_order() {
        let n = 513;
        let mut text = String::from(
            "name: big\ntitle: Big\nenvelope: flat\ncategories:\n  main:\n    title: Main\nerrors:\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "  err_{i}:\n    code: ERR_{i}\n    status: 400\n    category: main\n    message: Bad {i}.\n"
            ));
        }
        let loaded =
            crate::load_str("big.yaml", &text).unwrap_or_else(|e| panic!("{}", e.render()));
        let codes: Vec<&str> = loaded
            .catalog
            .entries
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        let expected: Vec<String> = (0..n).map(|i| format!("ERR_{i}")).collect();
        assert_eq!(codes, expected);
    }
}

#[cfg(test)]
mod format_schema {
    use super::*;

    /// The key sets of every object the schema describes.
    fn described(value: &serde_json::Value, out: &mut Vec<Vec<String>>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    let mut keys: Vec<String> = properties.keys().cloned().collect();
                    keys.sort();
                    out.push(keys);
                }
                map.values().for_each(|v| described(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| described(v, out)),
            _ => {}
        }
    }

    /// `catalogue.schema.json` describes every key the parser accepts, in
    /// every mapping: a key the parser learns fails here until the schema
    /// has it.
    #[test]
    fn the_schema_describes_every_key_the_parser_accepts() {
        let schema: serde_json::Value = serde_json::from_str(crate::FORMAT_SCHEMA).unwrap();
        let mut objects = Vec::new();
        described(&schema, &mut objects);
        for keys in [
            TOP_KEYS,
            ENVELOPE_KEYS,
            CATEGORY_KEYS,
            STATUS_KEYS,
            HEADER_KEYS,
            GUIDE_KEYS,
            FAMILY_KEYS,
            DOCS_KEYS,
            REQUEST_HEADER_KEYS,
            ENTRY_KEYS,
            MESSAGE_KEYS,
            LICENSE_KEYS,
            CONTACT_KEYS,
            FIELD_KEYS,
            NESTED_FIELD_KEYS,
            LINK_KEYS,
            DEPRECATED_KEYS,
            EXAMPLE_KEYS,
            REQUEST_KEYS,
        ] {
            let mut want: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
            want.sort();
            assert!(
                objects.contains(&want),
                "the schema has no mapping with exactly the keys {want:?}"
            );
        }
        assert!(!crate::FORMAT_SCHEMA.contains("undocumented key"));
    }
}
