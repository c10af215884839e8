//! Comparing two versions of a catalogue: every change, classified for the
//! servers that send the errors and the clients that read them, as in
//! `errcat diff`.
//!
//! - **Breaking for servers**: Rust code written against the old
//!   catalogue (constructing every error with every field, calling
//!   `to_json` and `headers`, matching errors by name with a `_` arm) no
//!   longer compiles.
//! - **Breaking for clients**: a client built from the old catalogue
//!   fails to decode a body the new one documents, decodes it as another
//!   error, or reads another code, status, `retryable`, field, body member
//!   or header; or the change undoes a promise errcat keeps for every
//!   catalogue (a retired code stays retired, schema names stay put).
//! - **Compatible**: the wire or the Rust API changed, and old code and
//!   clients keep working. **Cosmetic**: only the documentation changed.
//!
//! `codegen/tests/diff_oracle.rs` checks these verdicts by compiling and
//! decoding, over the corpus shown in docs/cli.md.

use errcat_catalog::model::{
    Catalog, Details, Entry, Field, HeaderSource, Message, TypeKind, TypeSpec,
};
use errcat_catalog::template::Slot;
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

/// What changed; each kind has a fixed classification ([`ChangeKind::impacts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// A new error.
    ErrorAdded,
    /// An error deleted outright, without a tombstone.
    ErrorRemoved,
    /// An error turned into a tombstone (`removed:`).
    ErrorRetired,
    /// A tombstone deleted: its code could be given to another error.
    TombstoneRemoved,
    /// A retired code given to a live error.
    RetiredCodeReused,
    /// A whole catalogue deleted, or renamed (`name`), since the base.
    CatalogueRemoved,
    /// The same wire code under another key (the Rust variant's name).
    KeyRenamed,
    /// An error's link to its docs, which bodies carry, changed.
    DocUrlChanged,
    /// An error's wire code changed.
    CodeChanged,
    /// An error's HTTP status changed.
    StatusChanged,
    /// The category an error's body carries changed.
    CategoryChanged,
    /// What an entry is (error, warning, notice) changed.
    KindChanged,
    /// A required details field was added.
    RequiredFieldAdded,
    /// An optional details field was added.
    OptionalFieldAdded,
    /// A required details field was removed.
    FieldRemoved,
    /// An optional details field was removed.
    OptionalFieldRemoved,
    /// A details field's type changed.
    FieldRetyped,
    /// An integer field now holds a narrower range.
    IntegerNarrowed,
    /// An optional field became required.
    FieldNowRequired,
    /// A required field became optional.
    FieldNowOptional,
    /// A field's Rust name changed (`rust_name`), its wire name kept.
    FieldRenamedInRust,
    /// A field is no longer sent in the body (`in_body: false`).
    FieldLeftBody,
    /// A field is now sent in the body too.
    FieldJoinedBody,
    /// An enum field gained a value.
    EnumValueAdded,
    /// An enum field lost a value.
    EnumValueRemoved,
    /// The message sent changed; every value it holds is in the body too.
    MessageChanged,
    /// The message sent changed, and a value clients read back from it is
    /// nowhere else.
    MessageReadBackChanged,
    /// A stable message (`stable: true`) was reworded.
    StableMessageChanged,
    /// The message went from fixed to varying, or back: the Rust variant
    /// gains or loses its `message` field.
    MessageFormChanged,
    /// A language was added.
    TranslationAdded,
    /// A language was removed.
    TranslationRemoved,
    /// A translated message changed.
    TranslationChanged,
    /// A translated message (new or changed) holds a value clients read
    /// back from it and find nowhere else.
    TranslationReadBackChanged,
    /// The envelope template changed.
    EnvelopeChanged,
    /// The bodies' content type changed.
    ContentTypeChanged,
    /// The catalogue's `name`, which prefixes every OpenAPI schema, changed.
    CatalogueRenamed,
    /// An error sets a header it did not.
    HeaderAdded,
    /// An error no longer sets a header.
    HeaderRemoved,
    /// A header takes its value from somewhere else.
    HeaderSourceChanged,
    /// `retryable` changed.
    RetryableChanged,
    /// An error was deprecated.
    Deprecated,
    /// An error became, or stopped being, a family's fallback: its Rust
    /// variant gains or loses the `received` field.
    FallbackChanged,
    /// A family was added or removed: unknown codes decode differently.
    FamiliesChanged,
    /// An example changed.
    ExampleChanged,
    /// `since`, `x-` keys or other metadata changed.
    MetadataChanged,
    /// Text for readers changed: titles, descriptions, causes, fixes,
    /// notes, links, categories' and statuses' docs.
    DocsChanged,
}

impl ChangeKind {
    /// The impact on servers (code that constructs the errors) and on
    /// clients (code that reads them), in that order.
    #[must_use]
    pub fn impacts(self) -> (Impact, Impact) {
        use ChangeKind as K;
        use Impact::{Breaking as B, Compatible as C, Cosmetic as D};
        match self {
            K::ErrorAdded
            | K::FieldJoinedBody
            | K::MessageChanged
            | K::TranslationAdded
            | K::TranslationRemoved
            | K::TranslationChanged
            | K::HeaderAdded
            | K::Deprecated
            | K::KindChanged
            | K::FamiliesChanged => (C, C),
            K::ErrorRemoved
            | K::CatalogueRemoved
            | K::FieldRemoved
            | K::FieldRetyped
            | K::FieldNowOptional => (B, B),
            K::ErrorRetired
            | K::RequiredFieldAdded
            | K::OptionalFieldAdded
            | K::OptionalFieldRemoved
            | K::IntegerNarrowed
            | K::FieldNowRequired
            | K::EnumValueRemoved
            | K::MessageFormChanged
            | K::FallbackChanged => (B, C),
            K::KeyRenamed | K::FieldRenamedInRust => (B, D),
            K::TombstoneRemoved
            | K::RetiredCodeReused
            | K::DocUrlChanged
            | K::CodeChanged
            | K::StatusChanged
            | K::CategoryChanged
            | K::FieldLeftBody
            | K::EnumValueAdded
            | K::MessageReadBackChanged
            | K::StableMessageChanged
            | K::TranslationReadBackChanged
            | K::EnvelopeChanged
            | K::ContentTypeChanged
            | K::CatalogueRenamed
            | K::HeaderRemoved
            | K::HeaderSourceChanged
            | K::RetryableChanged => (C, B),
            K::ExampleChanged | K::MetadataChanged | K::DocsChanged => (D, D),
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

    /// Who breaks and how, or why nobody does.
    #[must_use]
    pub fn reason(self) -> &'static str {
        use ChangeKind as K;
        match self {
            K::ErrorAdded => {
                "old clients decode the new code with their catch-all (`unknown = ...`) or a family"
            }
            K::ErrorRemoved => {
                "server code naming the variant stops compiling, and without a tombstone the code is free to mean something else later; retire it with `removed:`"
            }
            K::ErrorRetired => {
                "server code naming the variant stops compiling; clients still know the code as retired"
            }
            K::TombstoneRemoved => {
                "a retired code must stay retired: old clients know it, and a later error could take it"
            }
            K::RetiredCodeReused => {
                "old clients know this code as a retired error, never as this one"
            }
            K::CatalogueRemoved => {
                "every error of the catalogue is gone with it, and its codes are no longer protected"
            }
            K::KeyRenamed => "the Rust variant is renamed; bodies keep the code",
            K::DocUrlChanged => {
                "bodies carry the docs link (`$doc_url`), and old clients report the old one"
            }
            K::CodeChanged => "old clients no longer recognise the error's code",
            K::StatusChanged => "old clients report, and branch on, the old status",
            K::CategoryChanged => {
                "old clients report the old category for bodies that carry the new one"
            }
            K::KindChanged => "the error is reported as another kind; bodies are unchanged",
            K::RequiredFieldAdded | K::OptionalFieldAdded => {
                "server code building the variant lacks the new field (E0063); old clients ignore it"
            }
            K::FieldRemoved => "server code sets a field that is gone, and old clients require it",
            K::OptionalFieldRemoved => {
                "server code sets a field that is gone; old clients treat it as absent"
            }
            K::FieldRetyped => {
                "server code passes the old type, and old clients cannot read the new values"
            }
            K::IntegerNarrowed => {
                "server code passes the wider type; every new value fits old clients"
            }
            K::FieldNowRequired => "server code passes an `Option`; old clients always get a value",
            K::FieldNowOptional => {
                "server code passes a bare value, and old clients fail when the field is absent"
            }
            K::FieldRenamedInRust => {
                "server code names the old Rust field; the wire name is unchanged"
            }
            K::FieldLeftBody => {
                "old clients read the field from the body's details and no longer find it"
            }
            K::FieldJoinedBody => "old clients still read it where they did",
            K::EnumValueAdded => "old clients cannot decode the new value",
            K::EnumValueRemoved => {
                "server code naming the value stops compiling; old clients know every value still sent"
            }
            K::MessageChanged => {
                "the text changed, but every value in it is in the body, where clients read it"
            }
            K::MessageReadBackChanged => {
                "old clients read a value back from the message (it is not in the body) and no longer can"
            }
            K::StableMessageChanged => "the message is declared stable, so clients may compare it",
            K::MessageFormChanged => "the Rust variant gains or loses its `message` field",
            K::TranslationAdded | K::TranslationRemoved | K::TranslationChanged => {
                "clients asking for a language get another text; every value in it is in the body"
            }
            K::TranslationReadBackChanged => {
                "old clients read a value back from the message, and cannot from this language's text"
            }
            K::EnvelopeChanged => "old clients cannot read bodies of the new shape",
            K::ContentTypeChanged => "generated clients pick a response's schema by its media type",
            K::CatalogueRenamed => {
                "the name prefixes every OpenAPI schema, so generated clients' types are renamed"
            }
            K::HeaderAdded => "old clients ignore a header they do not read",
            K::HeaderRemoved => "old clients reading the header no longer find it",
            K::HeaderSourceChanged => {
                "the header now carries another value than old clients expect"
            }
            K::RetryableChanged => "old clients decide whether to retry from it",
            K::Deprecated => "the error still works; users are told to move",
            K::FallbackChanged => {
                "the variant gains or loses its `received` field, which server code sets"
            }
            K::FamiliesChanged => {
                "unknown codes of the family decode as its fallback, or as the catch-all"
            }
            K::ExampleChanged | K::MetadataChanged | K::DocsChanged => {
                "only the documentation changed"
            }
        }
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
    /// Who breaks and how, or why nobody does.
    pub reason: &'static str,
    /// Whether the new catalogue says the breaking change is deliberate:
    /// `breaking:` names its version, and that version is new since the
    /// old catalogue (an acknowledgement left from an earlier release
    /// covers nothing). A retirement is acknowledged by its tombstone.
    pub acknowledged: bool,
}

/// Every change from `old` to `new`: catalogue-wide changes first, then
/// per error in the new catalogue's order, then removed errors.
#[must_use]
pub fn diff(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let mut out = Changes {
        old,
        new,
        list: Vec::new(),
    };
    catalogue_changes(&mut out);
    for e in &new.entries {
        let same_key = old.entry(&e.key);
        let renamed = || {
            old.entries
                .iter()
                .find(|o| o.code == e.code && new.entry(&o.key).is_none())
        };
        match same_key.or_else(renamed) {
            Some(o) => {
                if o.key != e.key {
                    out.push(
                        ChangeKind::KeyRenamed,
                        Some(&e.key),
                        format!(
                            "the error with code `{}` is now `{}` (was `{}`)",
                            e.code, e.key, o.key
                        ),
                    );
                }
                entry_changes(o, e, &mut out);
            }
            None if old.removed.iter().any(|t| t.code == e.code) => out.push(
                ChangeKind::RetiredCodeReused,
                Some(&e.key),
                format!("error `{}` takes the retired code `{}`", e.key, e.code),
            ),
            None => out.push(
                ChangeKind::ErrorAdded,
                Some(&e.key),
                format!("error `{}` (code `{}`) was added", e.key, e.code),
            ),
        }
    }
    removed_entries(&mut out);
    out.list
}

/// The change for a catalogue that is gone: deleted, or renamed (its
/// `name` changed) since the base. Nothing in the new tree can
/// acknowledge it.
#[must_use]
pub fn catalogue_gone(old: &Catalog) -> Change {
    let kind = ChangeKind::CatalogueRemoved;
    let (servers, clients) = kind.impacts();
    Change {
        kind,
        impact: servers.max(clients),
        servers,
        clients,
        key: None,
        message: format!(
            "the catalogue `{}` ({} errors) is gone: no catalogue of the project has this name now",
            old.name,
            old.entries.len()
        ),
        reason: kind.reason(),
        acknowledged: false,
    }
}

struct Changes<'a> {
    old: &'a Catalog,
    new: &'a Catalog,
    list: Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, kind: ChangeKind, key: Option<&str>, message: String) {
        let (servers, clients) = kind.impacts();
        let impact = servers.max(clients);
        let acknowledged = impact == Impact::Breaking
            && match key.and_then(|k| self.new.entry(k)) {
                Some(e) => self.acknowledges(e.breaking.as_ref()),
                None => self.acknowledges(self.new.breaking.as_ref()),
            };
        self.list.push(Change {
            kind,
            impact,
            servers,
            clients,
            key: key.map(str::to_owned),
            message,
            reason: kind.reason(),
            acknowledged,
        });
    }

    /// Whether `breaking: <v>` acknowledges this diff's breaking changes:
    /// the catalogue's version is `v`, and it was not before.
    fn acknowledges(&self, breaking: Option<&String>) -> bool {
        let (old, new) = (self.old.version.as_ref(), self.new.version.as_ref());
        breaking.is_some_and(|b| new == Some(b) && old != Some(b))
    }
}

/// Changes to the catalogue as a whole.
fn catalogue_changes(out: &mut Changes<'_>) {
    let (old, new) = (out.old, out.new);
    if old.name != new.name {
        out.push(
            ChangeKind::CatalogueRenamed,
            None,
            format!("the catalogue is now `{}` (was `{}`)", new.name, old.name),
        );
    }
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
    header_source_changes(out);
    family_changes(out);
    translation_changes(out);
    let docs = |c: &Catalog| {
        let categories: Vec<_> = c
            .categories
            .iter()
            .map(|k| (&k.key, &k.title, &k.description, &k.wire, k.order))
            .collect();
        let statuses: Vec<_> = c
            .statuses
            .iter()
            .map(|s| (s.status, &s.title, &s.description))
            .collect();
        let guidance: Vec<_> = c.guidance.iter().map(|g| (&g.title, &g.body)).collect();
        format!(
            "{:?}{:?}{categories:?}{statuses:?}{guidance:?}",
            c.title, c.description
        )
    };
    if docs(old) != docs(new) {
        out.push(
            ChangeKind::DocsChanged,
            None,
            "the catalogue's own documentation changed (title, description, categories, statuses or guidance)".into(),
        );
    }
    if old.docs_url != new.docs_url && !carries_doc_url(old) && !carries_doc_url(new) {
        out.push(ChangeKind::DocsChanged, None, "`docs_url` changed".into());
    }
    let meta = |c: &Catalog| {
        format!(
            "{:?}{:?}{:?}{:?}",
            c.extensions, c.license, c.contact, c.servers
        )
    };
    if meta(old) != meta(new) || old.version != new.version {
        out.push(
            ChangeKind::MetadataChanged,
            None,
            "the catalogue's metadata changed (version, `x-` keys, licence, contact or servers)"
                .into(),
        );
    }
}

fn carries_doc_url(c: &Catalog) -> bool {
    c.envelope.template.uses(Slot::DocUrl)
}

fn header_source_changes(out: &mut Changes<'_>) {
    for h in &out.new.headers {
        let Some(o) = out.old.header(&h.name) else {
            continue;
        };
        if o.source != h.source {
            let show = |s: &HeaderSource| match s {
                HeaderSource::Details(f) => format!("details.{f}"),
                HeaderSource::Request(r) => format!("request.{}", r.name()),
            };
            out.push(
                ChangeKind::HeaderSourceChanged,
                None,
                format!(
                    "the header `{}` now takes its value from `{}` (was `{}`)",
                    h.name,
                    show(&h.source),
                    show(&o.source)
                ),
            );
        }
    }
}

fn family_changes(out: &mut Changes<'_>) {
    let families = |c: &Catalog| -> BTreeSet<String> {
        c.families
            .iter()
            .map(|f| format!("{:?} -> {}", f.matches, f.fallback))
            .collect()
    };
    let (old, new) = (families(out.old), families(out.new));
    for f in new.difference(&old) {
        out.push(
            ChangeKind::FamiliesChanged,
            None,
            format!("family added: {f}"),
        );
    }
    for f in old.difference(&new) {
        out.push(
            ChangeKind::FamiliesChanged,
            None,
            format!("family removed: {f}"),
        );
    }
}

/// The fields of `e` that clients read back from its message: in the
/// message, and not in the body.
fn read_back(e: &Entry) -> Vec<&str> {
    let Some(template) = e.wire_template() else {
        return Vec::new();
    };
    template
        .placeholders()
        .filter(|p| {
            e.details
                .fields()
                .iter()
                .any(|f| f.name == *p && !f.in_body)
        })
        .collect()
}

fn translation_changes(out: &mut Changes<'_>) {
    let (old, new) = (out.old, out.new);
    for t in &new.translations {
        let before = old.translations.iter().find(|o| o.locale == t.locale);
        if before.is_none() {
            out.push(
                ChangeKind::TranslationAdded,
                None,
                format!("the language `{}` was added", t.locale),
            );
        }
        for (key, message) in &t.messages {
            let was = before.and_then(|b| b.message(key)).map(|m| &m.text);
            if was == Some(&message.text) {
                continue;
            }
            let Some(e) = new.entry(key) else { continue };
            let reads_back = old.entry(key).is_some_and(|o| !read_back(o).is_empty());
            if reads_back {
                out.push(
                    ChangeKind::TranslationReadBackChanged,
                    Some(key),
                    format!(
                        "the `{}` message of `{}` is \"{}\"; clients read `{}` back from it",
                        t.locale,
                        e.key,
                        message.text,
                        read_back(e).join("`, `")
                    ),
                );
            } else if before.is_some() {
                out.push(
                    ChangeKind::TranslationChanged,
                    Some(key),
                    format!(
                        "the `{}` message of `{}` is now \"{}\"",
                        t.locale, e.key, message.text
                    ),
                );
            }
        }
    }
    for t in &old.translations {
        if !new.translations.iter().any(|n| n.locale == t.locale) {
            out.push(
                ChangeKind::TranslationRemoved,
                None,
                format!("the language `{}` was removed", t.locale),
            );
        }
    }
}

/// Errors of the old catalogue that are gone or retired, and tombstones
/// that are gone.
fn removed_entries(out: &mut Changes<'_>) {
    let (old, new) = (out.old, out.new);
    for o in &old.entries {
        if new.entry(&o.key).is_some()
            || new
                .entries
                .iter()
                .any(|e| e.code == o.code && old.entry(&e.key).is_none())
        {
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
                format!(
                    "error `{}` (code `{}`) was deleted without a tombstone",
                    o.key, o.code
                ),
            ),
        };
        out.push(kind, Some(&o.key), message);
        if retired.is_some()
            && let Some(last) = out.list.last_mut()
        {
            last.acknowledged = true;
        }
    }
    for t in &old.removed {
        if !new.removed.iter().any(|n| n.code == t.code) {
            out.push(
                ChangeKind::TombstoneRemoved,
                Some(&t.key),
                format!(
                    "the tombstone of `{}` (code `{}`) was deleted",
                    t.key, t.code
                ),
            );
        }
    }
}

fn entry_changes(o: &Entry, e: &Entry, out: &mut Changes<'_>) {
    let key = Some(e.key.as_str());
    wire_identity_changes(o, e, out);
    field_changes(&e.key, o.details.fields(), e.details.fields(), out);
    if let (Details::Value(a), Details::Value(b)) = (&o.details, &e.details) {
        type_changes(&e.key, "the details", a, b, out);
    }
    message_changes(o, e, out);
    header_changes(o, e, out);
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
    let fallback = |c: &Catalog, k: &str| c.families.iter().any(|f| f.fallback == k);
    if fallback(out.old, &o.key) != fallback(out.new, &e.key) {
        out.push(
            ChangeKind::FallbackChanged,
            key,
            format!(
                "`{}` {} a family's fallback",
                e.key,
                if fallback(out.new, &e.key) {
                    "became"
                } else {
                    "is no longer"
                }
            ),
        );
    }
    if format!("{:?}", o.examples) != format!("{:?}", e.examples) {
        out.push(
            ChangeKind::ExampleChanged,
            key,
            format!("the examples of `{}` changed", e.key),
        );
    }
    if o.since != e.since || o.extensions != e.extensions {
        out.push(
            ChangeKind::MetadataChanged,
            key,
            format!("the metadata of `{}` changed (`since` or `x-` keys)", e.key),
        );
    }
    let docs = |x: &Entry| {
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
            x.title,
            x.description,
            (&x.causes, x.causes_ordered, &x.causes_intro),
            (&x.fixes, x.fixes_ordered, &x.fixes_intro),
            x.note,
            x.links,
            x.message_summary
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

/// Code, status, category, kind and docs link: what tells clients which
/// error they have.
fn wire_identity_changes(o: &Entry, e: &Entry, out: &mut Changes<'_>) {
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
    if o.kind != e.kind {
        out.push(
            ChangeKind::KindChanged,
            key,
            format!(
                "`{}` is now a {} (was a {})",
                e.key,
                e.kind.name(),
                o.kind.name()
            ),
        );
    }
    let wire = |c: &Catalog, entry: &Entry| {
        c.category(&entry.category)
            .map_or_else(|| entry.category.clone(), |c| c.wire.clone())
    };
    let (old_wire, new_wire) = (wire(out.old, o), wire(out.new, e));
    if old_wire != new_wire {
        let on_wire = |c: &Catalog| c.envelope.template.uses(Slot::Category);
        let kind = if on_wire(out.old) || on_wire(out.new) {
            ChangeKind::CategoryChanged
        } else {
            ChangeKind::DocsChanged
        };
        out.push(
            kind,
            key,
            format!(
                "the category of `{}` changed from `{old_wire}` to `{new_wire}`",
                e.key
            ),
        );
    }
    let (old_url, new_url) = (out.old.doc_url(o), out.new.doc_url(e));
    if old_url != new_url && (carries_doc_url(out.old) || carries_doc_url(out.new)) {
        out.push(
            ChangeKind::DocUrlChanged,
            key,
            format!(
                "the docs link of `{}` changed from {} to {}",
                e.key,
                old_url.unwrap_or_default(),
                new_url.unwrap_or_default()
            ),
        );
    }
}

fn header_changes(o: &Entry, e: &Entry, out: &mut Changes<'_>) {
    let key = Some(e.key.as_str());
    let names = |c: &Catalog, x: &Entry| -> BTreeSet<String> {
        c.entry_headers(x)
            .iter()
            .map(|h| h.name.to_ascii_lowercase())
            .collect()
    };
    let (old_h, new_h) = (names(out.old, o), names(out.new, e));
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
}

fn message_changes(o: &Entry, e: &Entry, out: &mut Changes<'_>) {
    let key = Some(e.key.as_str());
    let varies = |x: &Entry| matches!(x.message, Message::Varies { .. });
    if varies(o) != varies(e) {
        out.push(
            ChangeKind::MessageFormChanged,
            key,
            format!(
                "the message of `{}` {}",
                e.key,
                if varies(e) {
                    "now varies per occurrence"
                } else {
                    "is now fixed"
                }
            ),
        );
        return;
    }
    let text = |x: &Entry| x.wire_template().map(|t| t.text.clone());
    if text(o) == text(e) {
        let docs = |x: &Entry| match &x.message {
            Message::Template(t) => t.text.clone(),
            Message::Varies { examples } => examples.join("\n"),
            Message::Absent => String::new(),
        };
        if docs(o) != docs(e) {
            out.push(
                ChangeKind::DocsChanged,
                key,
                format!("the message docs of `{}` changed", e.key),
            );
        }
        return;
    }
    let shown = |t: Option<String>| t.unwrap_or_else(|| "(none)".into());
    let what = format!(
        "the message of `{}` changed from \"{}\" to \"{}\"",
        e.key,
        shown(text(o)),
        shown(text(e))
    );
    let kind = if o.stable_message {
        ChangeKind::StableMessageChanged
    } else if !read_back(o).is_empty() {
        ChangeKind::MessageReadBackChanged
    } else {
        ChangeKind::MessageChanged
    };
    out.push(kind, key, what);
}

fn field_changes(owner: &str, old: &[Field], new: &[Field], out: &mut Changes<'_>) {
    let key = Some(owner);
    for f in new {
        let Some(o) = old.iter().find(|o| o.name == f.name) else {
            let (kind, which) = if f.optional {
                (ChangeKind::OptionalFieldAdded, "optional")
            } else {
                (ChangeKind::RequiredFieldAdded, "required")
            };
            out.push(
                kind,
                key,
                format!("`{owner}` gained the {which} field `{}`", f.name),
            );
            continue;
        };
        let what = |change: &str| format!("the field `{}` of `{owner}` {change}", f.name);
        if o.optional && !f.optional {
            out.push(ChangeKind::FieldNowRequired, key, what("is now required"));
        } else if !o.optional && f.optional {
            out.push(ChangeKind::FieldNowOptional, key, what("is now optional"));
        }
        if o.rust_name != f.rust_name {
            out.push(
                ChangeKind::FieldRenamedInRust,
                key,
                what(&format!(
                    "is `{}` in Rust (was `{}`)",
                    f.rust_name, o.rust_name
                )),
            );
        }
        if o.in_body && !f.in_body {
            out.push(
                ChangeKind::FieldLeftBody,
                key,
                what("is no longer sent in the body"),
            );
        } else if !o.in_body && f.in_body {
            out.push(
                ChangeKind::FieldJoinedBody,
                key,
                what("is now sent in the body"),
            );
        }
        type_changes(owner, &format!("the field `{}`", f.name), &o.ty, &f.ty, out);
    }
    for o in old.iter().filter(|o| !new.iter().any(|f| f.name == o.name)) {
        let kind = if o.optional {
            ChangeKind::OptionalFieldRemoved
        } else {
            ChangeKind::FieldRemoved
        };
        out.push(kind, key, format!("`{owner}` lost the field `{}`", o.name));
    }
}

/// Changes between two types of one value: enum values, nested fields,
/// array items, integer ranges, or another type altogether.
fn type_changes(owner: &str, what: &str, a: &TypeSpec, b: &TypeSpec, out: &mut Changes<'_>) {
    let key = Some(owner);
    match (&a.kind, &b.kind) {
        (TypeKind::Enum(old), TypeKind::Enum(new)) => {
            for v in new.iter().filter(|v| !old.contains(v)) {
                out.push(
                    ChangeKind::EnumValueAdded,
                    key,
                    format!("{what} of `{owner}` gained the value `{v}`"),
                );
            }
            for v in old.iter().filter(|v| !new.contains(v)) {
                out.push(
                    ChangeKind::EnumValueRemoved,
                    key,
                    format!("{what} of `{owner}` lost the value `{v}`"),
                );
            }
        }
        (TypeKind::Object(old), TypeKind::Object(new)) => field_changes(owner, old, new, out),
        (TypeKind::Array(old), TypeKind::Array(new)) => {
            type_changes(owner, &format!("the items of {what}"), old, new, out);
        }
        (TypeKind::Integer(old), TypeKind::Integer(new)) if old != new => {
            // Narrower: every bound of the new range fits the old one.
            let bounds = [
                i128::from(i64::MIN),
                i128::from(i32::MIN),
                -1,
                i128::from(i32::MAX),
                i128::from(u32::MAX),
                i128::from(i64::MAX),
                i128::from(u64::MAX),
            ];
            let narrower = bounds.iter().all(|v| !new.contains(*v) || old.contains(*v));
            let kind = if narrower {
                ChangeKind::IntegerNarrowed
            } else {
                ChangeKind::FieldRetyped
            };
            out.push(
                kind,
                key,
                format!(
                    "{what} of `{owner}` changed from {} to {}",
                    old.name(),
                    new.name()
                ),
            );
        }
        _ if type_text(a) != type_text(b) => out.push(
            ChangeKind::FieldRetyped,
            key,
            format!(
                "{what} of `{owner}` changed from {} to {}",
                type_text(a),
                type_text(b)
            ),
        ),
        _ => {}
    }
}

/// A type in words, precise enough to tell two apart: `integer (uint32)`,
/// `array of string`, `object {a: string, b?: integer}`.
fn type_text(t: &TypeSpec) -> String {
    match &t.kind {
        TypeKind::Integer(format) => format!("integer ({})", format.name()),
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
