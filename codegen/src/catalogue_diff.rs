//! Comparing two versions of a catalogue: every change to the contract,
//! classified for the servers that send the errors and the clients that
//! read them, as in `errcat diff`.
//!
//! A catalogue is an API contract: clients match on codes, read details
//! fields and parse headers, and Rust services construct the variants. A
//! change is **breaking** when code or clients written against the old
//! version can fail against the new one, **compatible** when they keep
//! working, and **cosmetic** when only the documentation changed.

use errcat_catalog::model::{Catalog, Entry, Field, Message, TypeKind, TypeSpec};
use serde::Serialize;
use std::collections::BTreeSet;

/// How much a change matters to one side of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    /// Only the documentation changed.
    Cosmetic,
    /// Old code and clients keep working.
    Compatible,
    /// Old code or clients can fail.
    Breaking,
}

impl Impact {
    /// `breaking`, `compatible` or `cosmetic`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Cosmetic => "cosmetic",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        }
    }
}

/// What changed; each kind has a fixed classification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A new error.
    ErrorAdded,
    /// An error deleted outright.
    ErrorRemoved,
    /// An error turned into a tombstone (`removed:`).
    ErrorRetired,
    /// The same wire code under another key (the Rust variant's name).
    KeyRenamed,
    /// An error's wire code changed.
    CodeChanged,
    /// An error's HTTP status changed.
    StatusChanged,
    /// The category an error's body carries changed.
    CategoryChanged,
    /// A required details field was added.
    RequiredFieldAdded,
    /// An optional details field was added.
    OptionalFieldAdded,
    /// A details field was removed.
    FieldRemoved,
    /// A details field's type changed.
    FieldRetyped,
    /// An optional field became required.
    FieldNowRequired,
    /// A required field became optional.
    FieldNowOptional,
    /// An enum field gained a value.
    EnumValueAdded,
    /// An enum field lost a value.
    EnumValueRemoved,
    /// The message gained a placeholder.
    PlaceholderAdded,
    /// The message lost a placeholder.
    PlaceholderRemoved,
    /// A stable message (`stable: true`) was reworded.
    StableMessageChanged,
    /// The envelope template changed.
    EnvelopeChanged,
    /// The bodies' content type changed.
    ContentTypeChanged,
    /// An error sets a header it did not.
    HeaderAdded,
    /// An error no longer sets a header.
    HeaderRemoved,
    /// `retryable` changed.
    RetryableChanged,
    /// An error was deprecated.
    Deprecated,
    /// Text for readers changed: title, description, message wording,
    /// causes, fixes, note, links.
    DocsChanged,
}

impl ChangeKind {
    /// The impact on servers (code that constructs the errors) and on
    /// clients (code that reads them), in that order.
    #[must_use]
    pub fn impacts(self) -> (Impact, Impact) {
        use Impact::{Breaking as B, Compatible as C, Cosmetic as D};
        match self {
            ChangeKind::ErrorAdded
            | ChangeKind::OptionalFieldAdded
            | ChangeKind::HeaderAdded
            | ChangeKind::Deprecated => (C, C),
            ChangeKind::ErrorRemoved | ChangeKind::ErrorRetired => (B, C),
            ChangeKind::KeyRenamed => (B, D),
            ChangeKind::CodeChanged
            | ChangeKind::StatusChanged
            | ChangeKind::FieldRemoved
            | ChangeKind::FieldRetyped
            | ChangeKind::FieldNowOptional
            | ChangeKind::EnvelopeChanged
            | ChangeKind::ContentTypeChanged => (B, B),
            ChangeKind::RequiredFieldAdded
            | ChangeKind::FieldNowRequired
            | ChangeKind::EnumValueRemoved => (B, C),
            ChangeKind::CategoryChanged
            | ChangeKind::EnumValueAdded
            | ChangeKind::PlaceholderAdded
            | ChangeKind::PlaceholderRemoved
            | ChangeKind::StableMessageChanged
            | ChangeKind::HeaderRemoved
            | ChangeKind::RetryableChanged => (C, B),
            ChangeKind::DocsChanged => (D, D),
        }
    }

    /// The kebab-case name (`status-changed`).
    #[must_use]
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One change between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The larger of the two impacts.
    pub impact: Impact,
    /// For code that constructs the errors.
    pub servers: Impact,
    /// For code that reads them.
    pub clients: Impact,
    /// The error's key, or none for the catalogue as a whole.
    pub key: Option<String>,
    /// What changed, in words, with the old and new values.
    pub message: String,
    /// Why it has that impact.
    pub reason: &'static str,
    /// Whether the new catalogue says the breaking change is deliberate
    /// (`breaking:` naming its version, or a tombstone for a removal).
    pub acknowledged: bool,
}

/// Every change from `old` to `new`, catalogue-wide changes first, then
/// per error in the new catalogue's order, then removed errors.
#[must_use]
pub fn diff(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let mut out = Changes {
        new,
        list: Vec::new(),
    };
    if old.envelope.template != new.envelope.template {
        out.push(
            ChangeKind::EnvelopeChanged,
            None,
            "the envelope template changed".into(),
        );
    }
    if old.envelope.content_type != new.envelope.content_type {
        out.push(
            ChangeKind::ContentTypeChanged,
            None,
            format!(
                "the content type changed from `{}` to `{}`",
                old.envelope.content_type, new.envelope.content_type
            ),
        );
    }
    for e in &new.entries {
        match old.entries.iter().find(|o| o.key == e.key) {
            Some(o) => entry_changes(old, o, e, &mut out),
            None => match old
                .entries
                .iter()
                .find(|o| o.code == e.code && new.entry(&o.key).is_none())
            {
                Some(o) => {
                    out.push(
                        ChangeKind::KeyRenamed,
                        Some(&e.key),
                        format!(
                            "the error with code `{}` is now `{}` (was `{}`)",
                            e.code, e.key, o.key
                        ),
                    );
                    entry_changes(old, o, e, &mut out);
                }
                None => out.push(
                    ChangeKind::ErrorAdded,
                    Some(&e.key),
                    format!("error `{}` (code `{}`) was added", e.key, e.code),
                ),
            },
        }
    }
    for o in &old.entries {
        if new.entry(&o.key).is_some() {
            continue;
        }
        if new
            .entries
            .iter()
            .any(|e| e.code == o.code && old.entry(&e.key).is_none())
        {
            // Renamed: reported above.
            continue;
        }
        let retired = new.removed.iter().find(|t| t.key == o.key);
        let (kind, message) = match retired {
            Some(t) => (
                ChangeKind::ErrorRetired,
                format!(
                    "error `{}` (code `{}`) was removed{}; its code stays retired",
                    o.key,
                    o.code,
                    t.removed
                        .as_ref()
                        .and_then(|r| r.since.as_ref())
                        .map(|v| format!(" in {v}"))
                        .unwrap_or_default()
                ),
            ),
            None => (
                ChangeKind::ErrorRemoved,
                format!("error `{}` (code `{}`) was deleted", o.key, o.code),
            ),
        };
        out.push(kind, Some(&o.key), message);
        if retired.is_some()
            && let Some(last) = out.list.last_mut()
        {
            last.acknowledged = true;
        }
    }
    out.list
}

struct Changes<'a> {
    new: &'a Catalog,
    list: Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, kind: ChangeKind, key: Option<&str>, message: String) {
        let (servers, clients) = kind.impacts();
        let impact = servers.max(clients);
        let version = self.new.version.as_deref();
        let says = |b: Option<&String>| b.is_some_and(|b| version.is_none_or(|v| v == b));
        let acknowledged = impact == Impact::Breaking
            && match key.and_then(|k| self.new.entry(k)) {
                Some(e) => says(e.breaking.as_ref()),
                None => says(self.new.breaking.as_ref()),
            };
        self.list.push(Change {
            kind,
            impact,
            servers,
            clients,
            key: key.map(str::to_owned),
            message,
            reason: reason(kind),
            acknowledged,
        });
    }
}

fn reason(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::ErrorAdded => {
            "clients without a catch-all read an unknown code; with `unknown = ...` or families they keep working"
        }
        ChangeKind::ErrorRemoved => {
            "code that constructs the variant no longer compiles, and the code may be reused by mistake; keep a tombstone with `removed:`"
        }
        ChangeKind::ErrorRetired => {
            "code that constructs the variant no longer compiles; clients still recognise the code"
        }
        ChangeKind::KeyRenamed => "the Rust variant is renamed; the wire is unchanged",
        ChangeKind::CodeChanged => "clients match on the code",
        ChangeKind::StatusChanged => "clients branch on the status",
        ChangeKind::CategoryChanged => {
            "clients that group by the category on the wire see another value"
        }
        ChangeKind::RequiredFieldAdded => {
            "constructors need the new value; clients ignore a field they do not know"
        }
        ChangeKind::OptionalFieldAdded => {
            "the field may be absent, and clients ignore a field they do not know"
        }
        ChangeKind::FieldRemoved => {
            "clients reading the field no longer find it, and constructors no longer take it"
        }
        ChangeKind::FieldRetyped => "values of the old type no longer fit",
        ChangeKind::FieldNowRequired => {
            "the Rust field is no longer an `Option`; clients always get a value"
        }
        ChangeKind::FieldNowOptional => {
            "clients must handle a missing value, and the Rust field becomes an `Option`"
        }
        ChangeKind::EnumValueAdded => {
            "clients with an exhaustive match on the values meet one they do not know"
        }
        ChangeKind::EnumValueRemoved => "code that sends the value no longer compiles",
        ChangeKind::PlaceholderAdded => {
            "clients that read values back from the message meet another shape"
        }
        ChangeKind::PlaceholderRemoved => {
            "clients that read the value from the message no longer find it"
        }
        ChangeKind::StableMessageChanged => {
            "the message is declared stable, so clients may compare it"
        }
        ChangeKind::EnvelopeChanged => "every body has another shape",
        ChangeKind::ContentTypeChanged => "clients check the content type before parsing",
        ChangeKind::HeaderAdded => "clients ignore a header they do not read",
        ChangeKind::HeaderRemoved => "clients reading the header no longer find it",
        ChangeKind::RetryableChanged => "clients decide whether to retry from it",
        ChangeKind::Deprecated => "the error still works; users are told to move",
        ChangeKind::DocsChanged => "only the text for readers changed",
    }
}

fn entry_changes(old_catalog: &Catalog, o: &Entry, e: &Entry, out: &mut Changes<'_>) {
    let key = Some(e.key.as_str());
    if o.code != e.code {
        out.push(
            ChangeKind::CodeChanged,
            key,
            format!(
                "the code of `{}` changed from `{}` to `{}`",
                e.key, o.code, e.code
            ),
        );
    }
    if o.status != e.status {
        let show = |s: Option<u16>| s.map_or_else(|| "none".to_owned(), |s| s.to_string());
        out.push(
            ChangeKind::StatusChanged,
            key,
            format!(
                "the status of `{}` changed from {} to {}",
                e.key,
                show(o.status),
                show(e.status)
            ),
        );
    }
    let wire = |c: &Catalog, entry: &Entry| {
        c.category(&entry.category)
            .map_or_else(|| entry.category.clone(), |c| c.wire.clone())
    };
    let (old_wire, new_wire) = (wire(old_catalog, o), wire(out.new, e));
    if old_wire != new_wire {
        // Only bodies that carry `$category` show it to clients.
        let on_wire = |c: &Catalog| {
            c.envelope
                .template
                .uses(errcat_catalog::template::Slot::Category)
        };
        let shown = |w: &str| {
            if w.is_empty() {
                "(none)".to_owned()
            } else {
                format!("`{w}`")
            }
        };
        if on_wire(old_catalog) || on_wire(out.new) {
            out.push(
                ChangeKind::CategoryChanged,
                key,
                format!(
                    "the category of `{}` on the wire changed from {} to {}",
                    e.key,
                    shown(&old_wire),
                    shown(&new_wire)
                ),
            );
        } else {
            out.push(
                ChangeKind::DocsChanged,
                key,
                format!(
                    "the category of `{}` changed from {} to {} (not in the body)",
                    e.key,
                    shown(&old_wire),
                    shown(&new_wire)
                ),
            );
        }
    }
    field_changes(&e.key, o.details.fields(), e.details.fields(), out);
    if let (Some(a), Some(b)) = (detail_type(o), detail_type(e))
        && type_text(a) != type_text(b)
    {
        out.push(
            ChangeKind::FieldRetyped,
            key,
            format!(
                "the details of `{}` changed from {} to {}",
                e.key,
                type_text(a),
                type_text(b)
            ),
        );
    }
    message_changes(o, e, out);
    let names =
        |x: &Entry| -> BTreeSet<String> { x.headers.iter().map(|h| h.value.clone()).collect() };
    let (old_h, new_h) = (names(o), names(e));
    for h in new_h.difference(&old_h) {
        out.push(
            ChangeKind::HeaderAdded,
            key,
            format!("`{}` now sets the header `{h}`", e.key),
        );
    }
    for h in old_h.difference(&new_h) {
        out.push(
            ChangeKind::HeaderRemoved,
            key,
            format!("`{}` no longer sets the header `{h}`", e.key),
        );
    }
    if o.retryable != e.retryable {
        out.push(
            ChangeKind::RetryableChanged,
            key,
            format!(
                "`retryable` of `{}` changed from {:?} to {:?}",
                e.key, o.retryable, e.retryable
            ),
        );
    }
    if o.deprecated.is_none() && e.deprecated.is_some() {
        out.push(
            ChangeKind::Deprecated,
            key,
            format!("`{}` is deprecated", e.key),
        );
    }
    let docs = |x: &Entry| {
        (
            x.title.clone(),
            x.description.clone(),
            x.causes.clone(),
            x.fixes.clone(),
            x.note.clone(),
            x.links.clone(),
        )
    };
    if docs(o) != docs(e) {
        out.push(
            ChangeKind::DocsChanged,
            key,
            format!("the documentation of `{}` changed", e.key),
        );
    }
}

fn detail_type(e: &Entry) -> Option<&TypeSpec> {
    match &e.details {
        errcat_catalog::model::Details::Value(t) => Some(t),
        _ => None,
    }
}

fn message_changes(o: &Entry, e: &Entry, out: &mut Changes<'_>) {
    let key = Some(e.key.as_str());
    let (Message::Template(a), Message::Template(b)) = (&o.message, &e.message) else {
        if std::mem::discriminant(&o.message) != std::mem::discriminant(&e.message) {
            out.push(
                ChangeKind::DocsChanged,
                key,
                format!("the message of `{}` changed form", e.key),
            );
        }
        return;
    };
    let pa: BTreeSet<&str> = a.placeholders().collect();
    let pb: BTreeSet<&str> = b.placeholders().collect();
    for p in pb.difference(&pa) {
        out.push(
            ChangeKind::PlaceholderAdded,
            key,
            format!(
                "the message of `{}` gained the placeholder `{{{p}}}`",
                e.key
            ),
        );
    }
    for p in pa.difference(&pb) {
        out.push(
            ChangeKind::PlaceholderRemoved,
            key,
            format!("the message of `{}` lost the placeholder `{{{p}}}`", e.key),
        );
    }
    if a.text != b.text && pa == pb {
        let kind = if o.stable_message {
            ChangeKind::StableMessageChanged
        } else {
            ChangeKind::DocsChanged
        };
        out.push(
            kind,
            key,
            format!(
                "the message of `{}` changed from \"{}\" to \"{}\"",
                e.key, a.text, b.text
            ),
        );
    }
}

fn field_changes(owner: &str, old: &[Field], new: &[Field], out: &mut Changes<'_>) {
    let key = Some(owner);
    for f in new {
        match old.iter().find(|o| o.name == f.name) {
            None => out.push(
                if f.optional {
                    ChangeKind::OptionalFieldAdded
                } else {
                    ChangeKind::RequiredFieldAdded
                },
                key,
                format!(
                    "`{owner}` gained the {} details field `{}`",
                    if f.optional { "optional" } else { "required" },
                    f.name
                ),
            ),
            Some(o) => {
                if o.optional && !f.optional {
                    out.push(
                        ChangeKind::FieldNowRequired,
                        key,
                        format!("the field `{}` of `{owner}` is now required", f.name),
                    );
                } else if !o.optional && f.optional {
                    out.push(
                        ChangeKind::FieldNowOptional,
                        key,
                        format!("the field `{}` of `{owner}` is now optional", f.name),
                    );
                }
                match (&o.ty.kind, &f.ty.kind) {
                    (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                        for v in b.iter().filter(|v| !a.contains(v)) {
                            out.push(
                                ChangeKind::EnumValueAdded,
                                key,
                                format!(
                                    "the field `{}` of `{owner}` gained the value `{v}`",
                                    f.name
                                ),
                            );
                        }
                        for v in a.iter().filter(|v| !b.contains(v)) {
                            out.push(
                                ChangeKind::EnumValueRemoved,
                                key,
                                format!("the field `{}` of `{owner}` lost the value `{v}`", f.name),
                            );
                        }
                    }
                    (TypeKind::Object(a), TypeKind::Object(b)) => {
                        field_changes(owner, a, b, out);
                    }
                    _ if type_text(&o.ty) != type_text(&f.ty) => out.push(
                        ChangeKind::FieldRetyped,
                        key,
                        format!(
                            "the field `{}` of `{owner}` changed from {} to {}",
                            f.name,
                            type_text(&o.ty),
                            type_text(&f.ty)
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|f| f.name == o.name)) {
        out.push(
            ChangeKind::FieldRemoved,
            key,
            format!("`{owner}` lost the details field `{}`", o.name),
        );
    }
}

/// A type in words, precise enough to tell two apart: `integer (uint32)`,
/// `array of string`, `object {a: string, b?: integer}`.
fn type_text(t: &TypeSpec) -> String {
    match &t.kind {
        TypeKind::Integer(format) => format!("integer ({format:?})"),
        TypeKind::Array(item) => format!("array of {}", type_text(item)),
        TypeKind::Object(fields) => format!(
            "object {{{}}}",
            fields
                .iter()
                .map(|f| format!(
                    "{}{}: {}",
                    f.name,
                    if f.optional { "?" } else { "" },
                    type_text(&f.ty)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => t.type_name(),
    }
}
