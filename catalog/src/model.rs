//! The resolved catalogue: what the macro and the docs generator consume.
//!
//! A [`Catalog`] is only produced when loading found no errors, so every
//! cross-reference in it (categories, headers, placeholders) is valid.

use crate::json_value::Json;
use crate::message::MessageTemplate;
use crate::source_map::Span;
use crate::template::Template;
use crate::tree_reader::Located;

/// A whole catalogue, with its includes merged in.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// Short machine name (`[a-z][a-z0-9_-]*`): the folder under
    /// `generated-docs/` and the prefix of OpenAPI component names.
    pub name: String,
    /// Human title of the API.
    pub title: String,
    /// Markdown introduction.
    pub description: Option<String>,
    /// Version of the API or of the catalogue.
    pub version: Option<String>,
    /// Where the generated reference is published. Each error's doc link is
    /// `docs_url#key`, also used as the RFC 9457 `type`.
    pub docs_url: Option<String>,
    /// The licence of the API, for the OpenAPI `info.license`.
    pub license: Option<License>,
    /// Who to contact about the API, for the OpenAPI `info.contact`.
    pub contact: Option<Contact>,
    /// Base URLs of the API, for the OpenAPI `servers`.
    pub servers: Vec<String>,
    /// The JSON shape of every error body.
    pub envelope: Envelope,
    /// Categories, sorted by `order`.
    pub categories: Vec<Category>,
    /// Per-status documentation, sorted by status.
    pub statuses: Vec<StatusDoc>,
    /// Response headers that errors may set.
    pub headers: Vec<Header>,
    /// General guidance sections for the reference page.
    pub guidance: Vec<Guide>,
    /// Options for the generated reference.
    pub docs: DocsOptions,
    /// Families of codes with a generic fallback entry, for codes the
    /// catalogue does not have.
    pub families: Vec<Family>,
    /// Request headers the errors are about (`Authorization`,
    /// `Idempotency-Key`), for the docs and OpenAPI parameters.
    pub request_headers: Vec<RequestHeader>,
    /// `x-` keys of the catalogue, as JSON, in declaration order.
    pub extensions: Vec<(String, Json)>,
    /// The errors, included files' first, in declaration order.
    pub entries: Vec<Entry>,
    /// Removed errors (`removed:`), kept as tombstones: no Rust variant,
    /// but the decoder still knows their codes, the docs keep a short
    /// entry at their anchor, and no error may reuse their code.
    pub removed: Vec<Entry>,
    /// The version whose breaking changes to the catalogue as a whole
    /// (envelope, content type) are deliberate (`breaking:` at the top).
    pub breaking: Option<String>,
    /// The language of the catalogue's own messages (`language:`, default
    /// `en`), a BCP 47 tag.
    pub language: String,
    /// Translated messages, one per locale (`translations:` files).
    pub translations: Vec<Translation>,
}

impl Catalog {
    /// A catalogue with no errors and the `nested` envelope: what a tool
    /// works with when a catalogue could not be read at all.
    #[must_use]
    pub fn empty() -> Catalog {
        Catalog {
            name: String::new(),
            title: String::new(),
            description: None,
            version: None,
            docs_url: None,
            license: None,
            contact: None,
            servers: Vec::new(),
            envelope: Envelope {
                preset: None,
                template: Template {
                    root: crate::template::TNode::Object(Vec::new()),
                },
                content_type: "application/json".to_owned(),
                description: None,
                field_docs: Vec::new(),
                example_request: RequestValues::default(),
                empty_details_object: false,
            },
            categories: Vec::new(),
            statuses: Vec::new(),
            headers: Vec::new(),
            guidance: Vec::new(),
            docs: DocsOptions::default(),
            families: Vec::new(),
            request_headers: Vec::new(),
            extensions: Vec::new(),
            entries: Vec::new(),
            removed: Vec::new(),
            breaking: None,
            language: "en".to_owned(),
            translations: Vec::new(),
        }
    }

    /// The catalogue as a client that asks for `locale` reads it: every
    /// error's wire message is its translation (see [`Entry::translated`])
    /// and `language` is `locale`; it has no translations of its own. The
    /// prose (descriptions, causes, fixes) stays as written. `None` when
    /// the catalogue has no translation into `locale`.
    #[must_use]
    pub fn in_locale(&self, locale: &str) -> Option<Catalog> {
        let translation = self.translations.iter().find(|t| t.locale == locale)?;
        let mut catalog = self.clone();
        for entry in &mut catalog.entries {
            if let Some(message) = translation.message(&entry.key) {
                *entry = entry.translated(message);
            }
        }
        locale.clone_into(&mut catalog.language);
        catalog.translations.clear();
        Some(catalog)
    }

    /// The entry with this key.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The category with this key.
    #[must_use]
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// The header with this name (case-insensitive, as in HTTP).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&Header> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }

    /// The documentation of a status, if the catalogue gives one.
    #[must_use]
    pub fn status_doc(&self, status: u16) -> Option<&StatusDoc> {
        self.statuses.iter().find(|s| s.status == status)
    }

    /// The doc link of an entry: `docs_url#key`.
    #[must_use]
    pub fn doc_url(&self, entry: &Entry) -> Option<String> {
        self.docs_url
            .as_ref()
            .map(|base| format!("{base}#{}", entry.anchor()))
    }

    /// The headers an entry sets: those it lists, then those declared for
    /// every error, in declaration order and without repeats.
    #[must_use]
    pub fn entry_headers(&self, entry: &Entry) -> Vec<&Header> {
        self.headers
            .iter()
            .filter(|h| {
                h.every_error
                    || entry
                        .headers
                        .iter()
                        .any(|n| n.value.eq_ignore_ascii_case(&h.name))
            })
            .collect()
    }

    /// Every status used by an entry or documented, ascending.
    #[must_use]
    pub fn all_statuses(&self) -> Vec<u16> {
        let mut statuses: Vec<u16> = self
            .entries
            .iter()
            .filter_map(|e| e.status)
            .chain(self.statuses.iter().map(|s| s.status))
            .collect();
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }
}

/// The licence of an API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct License {
    /// Its name, such as `Apache 2.0`.
    pub name: String,
    /// Where its text is.
    pub url: Option<String>,
    /// Its SPDX identifier, such as `Apache-2.0`.
    pub identifier: Option<String>,
}

/// Who to contact about an API.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    /// A person or team.
    pub name: Option<String>,
    /// A web page.
    pub url: Option<String>,
    /// An email address.
    pub email: Option<String>,
}

/// The JSON shape of error bodies.
#[derive(Clone, Debug)]
pub struct Envelope {
    /// The preset the template came from, if any.
    pub preset: Option<String>,
    /// The template itself.
    pub template: Template,
    /// The `Content-Type` of error responses.
    pub content_type: String,
    /// Markdown shown above the envelope in the docs.
    pub description: Option<String>,
    /// Documentation of envelope members, keyed by dotted path (`error.code`).
    pub field_docs: Vec<(String, String)>,
    /// Per-request values used in the docs' example bodies.
    pub example_request: RequestValues,
    /// Write `{}` for `$details` when an error has none (`empty_details:
    /// {}`), rather than leaving it out or writing `null`.
    pub empty_details_object: bool,
}

/// A group of errors.
#[derive(Clone, Debug)]
pub struct Category {
    /// The key used by errors' `category`.
    pub key: String,
    /// Rust variant name of the generated category enum.
    pub ident: String,
    /// Heading in the docs.
    pub title: String,
    /// Markdown description.
    pub description: Option<String>,
    /// The string sent on the wire for `$category`.
    pub wire: String,
    /// Sort key; declaration order breaks ties.
    pub order: i64,
    /// `x-` keys, as JSON, in declaration order.
    pub extensions: Vec<(String, Json)>,
    /// Where the category is declared.
    pub span: Span,
}

/// The catalogue's own words about one HTTP status.
#[derive(Clone, Debug)]
pub struct StatusDoc {
    /// The status code.
    pub status: u16,
    /// A heading for the status, such as `Authorization errors`; defaults to
    /// the standard reason phrase.
    pub title: String,
    /// Markdown description.
    pub description: Option<String>,
}

/// A scalar type, as used by headers and message placeholders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl ScalarType {
    /// The name used in the catalogue and in the docs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::String => "string",
            ScalarType::Integer => "integer",
            ScalarType::Number => "number",
            ScalarType::Boolean => "boolean",
        }
    }
}

/// A per-request value, supplied when an error is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestField {
    /// The request's id.
    RequestId,
    /// When the error happened, as text (usually RFC 3339).
    Timestamp,
    /// A URI identifying this occurrence (RFC 9457 `instance`).
    Instance,
}

impl RequestField {
    /// Every request field.
    pub const ALL: [RequestField; 3] = [
        RequestField::RequestId,
        RequestField::Timestamp,
        RequestField::Instance,
    ];

    /// `request_id`, `timestamp` or `instance`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RequestField::RequestId => "request_id",
            RequestField::Timestamp => "timestamp",
            RequestField::Instance => "instance",
        }
    }

    /// The field with this name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        RequestField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Values known only when a request fails.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestValues {
    /// The request id.
    pub request_id: Option<String>,
    /// The timestamp text.
    pub timestamp: Option<String>,
    /// The instance URI.
    pub instance: Option<String>,
}

impl RequestValues {
    /// The value of one field.
    #[must_use]
    pub fn get(&self, field: RequestField) -> Option<&str> {
        match field {
            RequestField::RequestId => self.request_id.as_deref(),
            RequestField::Timestamp => self.timestamp.as_deref(),
            RequestField::Instance => self.instance.as_deref(),
        }
    }
}

/// Where a header's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderSource {
    /// A details field of the error (`from: details.retry_after`).
    Details(String),
    /// A per-request value (`from: request.request_id`).
    Request(RequestField),
}

/// A response header that errors may set.
#[derive(Clone, Debug)]
pub struct Header {
    /// The header name, as written (`Retry-After`).
    pub name: String,
    /// Markdown description.
    pub description: Option<String>,
    /// The value's type, for docs and OpenAPI.
    pub ty: ScalarType,
    /// Where the value comes from.
    pub source: HeaderSource,
    /// Set by every error, not only by errors that list it.
    pub every_error: bool,
    /// Where the header is declared.
    pub span: Span,
}

/// What an entry is. Errors are sent with a failure status; warnings and
/// notices may travel without one (in a success body, a log, a driver's
/// notice channel).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A failure (the default).
    #[default]
    Error,
    /// Something worth attention that did not fail the request.
    Warning,
    /// Information.
    Notice,
}

impl EntryKind {
    /// `error`, `warning` or `notice`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Error => "error",
            EntryKind::Warning => "warning",
            EntryKind::Notice => "notice",
        }
    }
}

/// A request header the errors are about, such as `Authorization`.
#[derive(Clone, Debug)]
pub struct RequestHeader {
    /// The name, as written (`Idempotency-Key`).
    pub name: String,
    /// Markdown description.
    pub description: Option<String>,
    /// The value's type.
    pub ty: ScalarType,
    /// Whether every request must send it.
    pub required: bool,
    /// An example value.
    pub example: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A general guidance section.
#[derive(Clone, Debug)]
pub struct Guide {
    /// Heading.
    pub title: String,
    /// Markdown body.
    pub body: String,
}

/// A family of codes with a generic error: a code the catalogue does not
/// have, but that belongs to the family, decodes (and is looked up) as the
/// family's fallback entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// Which unknown codes belong to the family.
    pub matches: FamilyMatch,
    /// The key of the entry they decode as.
    pub fallback: String,
}

/// What puts an unknown code in a [`Family`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FamilyMatch {
    /// The code starts with this text (a SQLSTATE class such as `22`).
    CodePrefix(String),
    /// The body's category is this category's (by key).
    Category(String),
    /// The status is in `low..=high` (`4xx` is 400 to 499, `404` only 404).
    Status {
        /// The lowest status of the family.
        low: u16,
        /// The highest.
        high: u16,
    },
}

/// How the reference page groups errors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// One section per category (the default).
    #[default]
    Category,
    /// One section per HTTP status.
    Status,
    /// One section, the errors in the catalogue's order.
    None,
}

/// Options for the generated reference.
#[derive(Clone, Debug, Default)]
pub struct DocsOptions {
    /// How errors are grouped.
    pub group_by: GroupBy,
    /// The error whose example the "error format" section shows (its key);
    /// by default the first with details.
    pub envelope_example: Option<String>,
    /// One page, or an overview with a page per group.
    pub pages: Pages,
}

/// How the reference is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pages {
    /// One page up to [`Pages::SPLIT_ABOVE`] errors, else split (the
    /// default).
    #[default]
    Auto,
    /// Everything on one page.
    One,
    /// An overview page, and a page per category (or status).
    Split,
}

impl Pages {
    /// With `Auto`, catalogues with more errors than this are split.
    pub const SPLIT_ABOVE: usize = 10;

    /// Whether a catalogue of `errors` errors gets a page per group.
    #[must_use]
    pub fn split(self, errors: usize) -> bool {
        match self {
            Pages::Auto => errors > Self::SPLIT_ABOVE,
            Pages::One => false,
            Pages::Split => true,
        }
    }
}

/// A link shown with an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Target; may be relative to the docs site.
    pub url: String,
}

/// The messages of every error in one more language.
#[derive(Clone, Debug)]
pub struct Translation {
    /// The BCP 47 tag (`fr`, `pt-BR`).
    pub locale: String,
    /// The translated wire message of each error, sorted by key. Every
    /// error with a message template has one, with the same placeholders.
    pub messages: Vec<(String, MessageTemplate)>,
}

impl Translation {
    /// The translated message of the error with this key (a binary
    /// search: the messages are sorted by key).
    #[must_use]
    pub fn message(&self, key: &str) -> Option<&MessageTemplate> {
        let i = self
            .messages
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        Some(&self.messages[i].1)
    }
}

/// A deprecation (`deprecated:`) or removal (`removed:`) notice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// Version or date since which the error is deprecated (or removed).
    pub since: Option<String>,
    /// Key of the error that replaces it.
    pub replaced_by: Option<String>,
    /// Markdown note.
    pub note: Option<String>,
}

/// The message of an error.
#[derive(Clone, Debug)]
pub enum Message {
    /// A fixed template with placeholders.
    Template(MessageTemplate),
    /// The text differs per occurrence and is supplied at run time. The
    /// generated variant gets a `message: String` field.
    Varies {
        /// Example texts from the documentation.
        examples: Vec<String>,
    },
    /// The catalogue documents no message.
    Absent,
}

/// An integer width, chosen with `format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IntFormat {
    /// `i32`.
    Int32,
    /// `i64` (the default).
    #[default]
    Int64,
    /// `u32`.
    Uint32,
    /// `u64`.
    Uint64,
}

impl IntFormat {
    /// The `format` value in the catalogue.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            IntFormat::Int32 => "int32",
            IntFormat::Int64 => "int64",
            IntFormat::Uint32 => "uint32",
            IntFormat::Uint64 => "uint64",
        }
    }

    /// The Rust type name.
    #[must_use]
    pub fn rust_type(self) -> &'static str {
        match self {
            IntFormat::Int32 => "i32",
            IntFormat::Int64 => "i64",
            IntFormat::Uint32 => "u32",
            IntFormat::Uint64 => "u64",
        }
    }

    /// Whether a value fits.
    #[must_use]
    pub fn contains(self, v: i128) -> bool {
        match self {
            IntFormat::Int32 => i32::try_from(v).is_ok(),
            IntFormat::Int64 => i64::try_from(v).is_ok(),
            IntFormat::Uint32 => u32::try_from(v).is_ok(),
            IntFormat::Uint64 => u64::try_from(v).is_ok(),
        }
    }
}

/// The type of a details value.
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// `String`.
    String,
    /// An integer of the given width.
    Integer(IntFormat),
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A string from a fixed set; a generated Rust enum.
    Enum(Vec<String>),
    /// `Vec<T>`.
    Array(Box<TypeSpec>),
    /// A nested object; a generated Rust struct.
    Object(Vec<Field>),
}

/// A details type with its documentation.
#[derive(Clone, Debug)]
pub struct TypeSpec {
    /// The shape.
    pub kind: TypeKind,
    /// Markdown description.
    pub description: Option<String>,
    /// An example value, already checked against the type.
    pub example: Option<Json>,
    /// Where the type is declared.
    pub span: Span,
}

impl TypeSpec {
    /// The scalar type, for scalars and enums.
    #[must_use]
    pub fn scalar(&self) -> Option<ScalarType> {
        match self.kind {
            TypeKind::String | TypeKind::Enum(_) => Some(ScalarType::String),
            TypeKind::Integer(_) => Some(ScalarType::Integer),
            TypeKind::Number => Some(ScalarType::Number),
            TypeKind::Boolean => Some(ScalarType::Boolean),
            TypeKind::Array(_) | TypeKind::Object(_) => None,
        }
    }

    /// A short type name for docs: `string`, `integer`, `array of object`, ...
    #[must_use]
    pub fn type_name(&self) -> String {
        match &self.kind {
            TypeKind::String => "string".into(),
            TypeKind::Integer(_) => "integer".into(),
            TypeKind::Number => "number".into(),
            TypeKind::Boolean => "boolean".into(),
            TypeKind::Enum(_) => "enum".into(),
            TypeKind::Array(item) => format!("array of {}", item.type_name()),
            TypeKind::Object(_) => "object".into(),
        }
    }
}

/// One field of a details object.
#[derive(Clone, Debug)]
pub struct Field {
    /// The JSON member name.
    pub name: String,
    /// The Rust field name (snake case; a raw identifier for keywords is
    /// added by the code generator).
    pub rust_name: String,
    /// The type.
    pub ty: TypeSpec,
    /// `Option<T>`, omitted from the body when `None`.
    pub optional: bool,
    /// Sent in the body's details. `false` keeps the value for the message,
    /// for headers, or for logs only.
    pub in_body: bool,
    /// The version that added the field (`since:`).
    pub since: Option<String>,
    /// Where the field is declared.
    pub span: Span,
}

/// The details an error carries.
#[derive(Clone, Debug)]
pub enum Details {
    /// No details.
    None,
    /// An object with named fields (the common case).
    Fields(Vec<Field>),
    /// A single value of any type, such as an array of validation issues.
    /// The generated variant has one field, `details`.
    Value(TypeSpec),
}

impl Details {
    /// The named fields, for object details.
    #[must_use]
    pub fn fields(&self) -> &[Field] {
        match self {
            Details::Fields(fields) => fields,
            _ => &[],
        }
    }

    /// Whether anything of the details is written to the body.
    #[must_use]
    pub fn has_body(&self) -> bool {
        match self {
            Details::None => false,
            Details::Fields(fields) => fields.iter().any(|f| f.in_body),
            Details::Value(_) => true,
        }
    }

    /// A field by JSON name.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields().iter().find(|f| f.name == name)
    }
}

/// An example occurrence of an error.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// A name for the example (used as the OpenAPI example key suffix).
    pub name: Option<String>,
    /// Values of the details: an object with every field that has a value
    /// (object details), or the single value (value details), or `null`.
    pub details: Json,
    /// The message text, for errors whose message varies.
    pub message: Option<String>,
    /// Per-request values.
    pub request: RequestValues,
    /// Whether errcat made the example up from the field examples.
    pub synthesized: bool,
}

/// One error of the catalogue.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Unique key; the anchor in the docs.
    pub key: String,
    /// The Rust variant name (`PascalCase` of the key).
    pub ident: String,
    /// The code sent on the wire.
    pub code: String,
    /// HTTP status; `None` for errors that never travel over HTTP.
    pub status: Option<u16>,
    /// Category key; empty in a catalogue without categories.
    pub category: String,
    /// What the entry is: an error, a warning or a notice.
    pub kind: EntryKind,
    /// Short title.
    pub title: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// The message for logs and `Display`.
    pub message: Message,
    /// A short form of the message for the docs (`Too many requests`),
    /// where the page's words differ from the text sent.
    pub message_summary: Option<String>,
    /// Clients may rely on the message's text (`message: {text, stable:
    /// true}`): the OpenAPI schema then fixes it; otherwise it is a string
    /// with the documented text as an example.
    pub stable_message: bool,
    /// The message sent on the wire instead, where the internal one must not
    /// leak.
    pub public_message: Option<MessageTemplate>,
    /// The details.
    pub details: Details,
    /// Markdown causes.
    pub causes: Vec<String>,
    /// The causes are steps to check in order (a numbered list).
    pub causes_ordered: bool,
    /// Markdown fixes.
    pub fixes: Vec<String>,
    /// The fixes are steps to take in order (a numbered list).
    pub fixes_ordered: bool,
    /// The sentence before the causes' steps (`{intro, steps}`).
    pub causes_intro: Option<String>,
    /// The sentence before the fixes' steps (`{intro, steps}`).
    pub fixes_intro: Option<String>,
    /// Markdown note.
    pub note: Option<String>,
    /// Related links.
    pub links: Vec<Link>,
    /// Names of headers this error sets.
    pub headers: Vec<Located<String>>,
    /// Names of the request headers this error is about.
    pub request_headers: Vec<Located<String>>,
    /// `x-` keys, as JSON, in declaration order.
    pub extensions: Vec<(String, Json)>,
    /// Whether retrying the same request may succeed; `None` if unknown.
    pub retryable: Option<bool>,
    /// Deprecation notice.
    pub deprecated: Option<Deprecation>,
    /// Set when the error was removed: `removed: {since, replaced_by, note}`.
    pub removed: Option<Deprecation>,
    /// The version that added the error (`since:`), for the changelog.
    pub since: Option<String>,
    /// The version whose breaking changes to this error are deliberate
    /// (`breaking: "2.0"`): `errcat diff` reports them but does not fail.
    pub breaking: Option<String>,
    /// The generated variant carries a `source` error for logs.
    pub source: bool,
    /// Examples; never empty after loading.
    pub examples: Vec<Example>,
    /// Where the error's key is written.
    pub span: Span,
}

impl Entry {
    /// The anchor of the error's section in the reference: the key.
    #[must_use]
    pub fn anchor(&self) -> &str {
        &self.key
    }

    /// The title, or the code when there is none.
    #[must_use]
    pub fn title_or_code(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.code)
    }

    /// The text used when the catalogue documents no message: the title, the
    /// description, or the code, in that order.
    #[must_use]
    pub fn fallback_message(&self) -> &str {
        self.title
            .as_deref()
            .or(self.description.as_deref().map(str::trim))
            .unwrap_or(&self.code)
    }

    /// This entry with `template` (a translation) as its wire message: the
    /// public message when it has one, else the message. The body
    /// compiler and the reference renderer take it as they take any entry.
    #[must_use]
    pub fn translated(&self, template: &MessageTemplate) -> Entry {
        let mut entry = self.clone();
        if entry.public_message.is_some() {
            entry.public_message = Some(template.clone());
        } else {
            entry.message = Message::Template(template.clone());
        }
        entry
    }

    /// The template sent on the wire: the public message, else the message.
    #[must_use]
    pub fn wire_template(&self) -> Option<&MessageTemplate> {
        self.public_message.as_ref().or(match &self.message {
            Message::Template(t) => Some(t),
            _ => None,
        })
    }

    /// The first line of the description, for tables.
    #[must_use]
    pub fn summary(&self) -> Option<&str> {
        let d = self.description.as_deref().or(self.title.as_deref())?;
        d.split("\n\n").next().map(str::trim)
    }
}
