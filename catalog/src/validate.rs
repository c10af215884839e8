//! Merges the fragments of a catalogue and its includes, checks every
//! cross-reference, and produces the resolved [`Catalog`].

use crate::codes::{self, Code};
use crate::diagnostic::Diagnostic;
use crate::examples;
use crate::includes::Fragments;
use crate::message::{MessageTemplate, Piece};
use crate::model::{
    Catalog, Category, Details, Entry, EntryKind, Envelope, Family, FamilyMatch, Field, Guide,
    Header, HeaderSource, Message, RequestHeader, ScalarType, StatusDoc, TypeKind,
};
use crate::parse::{EntryDraft, Fragment};
use crate::source_map::{FileId, SourceMap, Span};
use crate::suggest::did_you_mean;
use crate::template::{Slot, path_text};
use crate::tree_reader::{Located, Sink};
use std::collections::{BTreeMap, HashMap};

/// A sub-span of a string value: the bytes `offset..offset+len` of the
/// decoded string, when they can be found at the same place in the source
/// (plain scalars and quoted ones without escapes). Otherwise the whole
/// value's span.
#[must_use]
pub fn inner_span(
    span: Span,
    value: &str,
    offset: usize,
    len: usize,
    source: Option<&str>,
) -> Span {
    let Some(raw) = source.and_then(|t| t.get(span.start..span.end)) else {
        return span;
    };
    let start = if raw == value {
        span.start
    } else if raw.len() == value.len() + 2
        && raw.get(1..raw.len() - 1) == Some(value)
        && !value.bytes().any(|b| b == b'\\' || b == b'\'')
    {
        span.start + 1
    } else {
        return span;
    };
    Span::new(span.file, start + offset, start + offset + len)
}

/// Merges fragments (root last) and validates, reporting into `sink`.
/// Returns the catalogue, whole when `sink` has no errors; otherwise the
/// part of it that could be read, made consistent (see [`assemble`]).
/// `None` when the files hold nothing to read.
pub(crate) fn resolve(
    fragments: Fragments,
    sources: &SourceMap,
    sink: &mut Sink,
) -> Option<Catalog> {
    let (fragments, translation_files) = split_translations(fragments)?;
    let (root_file, root) = fragments.last().map(|(f, fr)| (*f, fr))?;
    let root_span = root
        .root_span
        .unwrap_or_else(|| Span::file_start(root_file));
    let identity = Identity::read(root, root_span, sink);
    let allow: Vec<Code> = root.allow.clone();
    let envelope = EnvelopeSource::find(&fragments, root_span, root.root_ok, sink);
    let shared = Shared::merge(&fragments, sink);
    let root_has_errors_key = root.has_errors_key;
    let root_ok = root.root_ok;
    let envelope_example_span = root.envelope_example_span;
    let group_by_category_span = root.group_by_category_span;
    let mut entries = merge_entries(fragments, sink);
    if entries.is_empty() && !root_has_errors_key && root_ok {
        sink.push(
            Diagnostic::new(
                codes::MISSING_KEY,
                root_span,
                "the catalogue is missing the required key `errors`",
            )
            .label("`errors` is required here"),
        );
    }
    if let Some((common, at)) = &shared.common_details {
        add_common_details(&mut entries, common, *at, sink);
    }
    // The checks report into `sink` and `warnings` in entry order.
    let mut warnings = Sink::default();
    check_entries(&entries, &shared, sources, sink);
    check_category_idents(&shared.categories, sink);
    check_replacements(&entries, sink);
    check_removed_codes(&entries, sink);
    let translations = check_translations(&translation_files, &entries, &identity.language, sink);
    check_families(&shared.families, &entries, &shared.categories, sink);
    check_envelope_example(&identity.docs, envelope_example_span, &entries, sink);
    if let Some(found) = &envelope.envelope {
        check_envelope(
            found,
            envelope.span,
            identity.docs_url.as_ref(),
            &entries,
            sink,
            &mut warnings,
        );
        check_envelope_docs(found, &envelope.doc_spans, &entries, sink);
        if found.template.uses(Slot::Category) && shared.categories.is_empty() {
            sink.push(
                Diagnostic::new(
                    codes::UNKNOWN_CATEGORY,
                    envelope.span,
                    "the envelope writes `$category`, but the catalogue declares no categories",
                )
                .help("declare `categories`, or take `$category` out of the template"),
            );
        }
    }
    // Unused categories and headers are likely follow-ons of errors already
    // reported (an error that failed to load uses nothing), so they wait
    // until the catalogue has none.
    if !sink.has_errors() {
        warn_entries(&entries, &shared.categories, &shared.headers, &mut warnings);
    }
    if let Some(at) = group_by_category_span
        && shared.categories.is_empty()
    {
        warnings.push(
            Diagnostic::new(
                codes::GROUP_BY_NOTHING,
                at,
                "`group_by: category`, but the catalogue has no categories",
            )
            .label("nothing to group by")
            .help("declare `categories:`, or use `group_by: status` or `group_by: none`"),
        );
    }
    // Warnings silenced by `allow` are kept apart; the rest join the errors.
    for warning in warnings.finish().diagnostics {
        if allow.contains(&warning.code) {
            sink.allowed(warning);
        } else {
            // The same hint as the macro's warning gives.
            let name = warning.code.name;
            sink.push(warning.help(format!(
                "silence it in the catalogue with `allow: [{name}]`"
            )));
        }
    }
    let parts = Parts {
        identity,
        envelope: envelope.envelope,
        shared,
        entries,
        translations,
    };
    Some(assemble(parts, sink.has_errors()))
}

/// The fragments of the catalogue and its includes, and apart from them
/// the translation files (`locale:`), which were read like includes and
/// are checked against the merged errors.
fn split_translations(fragments: Fragments) -> Option<(Fragments, Fragments)> {
    let root_index = fragments.len().checked_sub(1)?;
    let mut merged = Vec::with_capacity(fragments.len());
    let mut translations = Vec::new();
    for (i, item) in fragments.into_iter().enumerate() {
        if i != root_index && item.1.locale.is_some() {
            translations.push(item);
        } else {
            merged.push(item);
        }
    }
    Some((merged, translations))
}

/// What the root file says about the catalogue as a whole.
struct Identity {
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    version: Option<String>,
    breaking: Option<String>,
    language: String,
    docs_url: Option<Located<String>>,
    docs: crate::model::DocsOptions,
    license: Option<crate::model::License>,
    contact: Option<crate::model::Contact>,
    servers: Vec<String>,
    extensions: Vec<(String, crate::Json)>,
}

impl Identity {
    fn read(root: &Fragment, root_span: Span, sink: &mut Sink) -> Identity {
        let language = match &root.language {
            Some(l) if !is_language_tag(&l.value) => {
                sink.push(malformed_tag(l));
                "en".to_owned()
            }
            Some(l) => l.value.clone(),
            None => "en".to_owned(),
        };
        Identity {
            name: required(root, &root.name, "name", root_span, sink),
            title: required(root, &root.title, "title", root_span, sink),
            description: root.description.clone(),
            version: root.version.clone(),
            breaking: root.breaking.clone(),
            language,
            docs_url: root.docs_url.clone(),
            docs: root.docs.clone().unwrap_or_default(),
            license: root.license.clone(),
            contact: root.contact.clone(),
            servers: root.servers.clone(),
            extensions: root.extensions.clone(),
        }
    }
}

/// The envelope: the root's, else the first included file's.
struct EnvelopeSource {
    envelope: Option<Envelope>,
    span: Span,
    /// Where each key of `envelope.fields` is written.
    doc_spans: Vec<Span>,
}

impl EnvelopeSource {
    fn find(
        fragments: &Fragments,
        root_span: Span,
        root_ok: bool,
        sink: &mut Sink,
    ) -> EnvelopeSource {
        let source = fragments
            .iter()
            .rev()
            .find(|(_, f)| f.envelope.is_some() || f.envelope_span.is_some());
        if source.is_none() && root_ok {
            sink.push(
                Diagnostic::new(
                    codes::MISSING_KEY,
                    root_span,
                    "the catalogue is missing the required key `envelope`",
                )
                .label("`envelope` is required here")
                .help("start with a preset, such as `envelope: nested` or `envelope: problem`"),
            );
        }
        EnvelopeSource {
            envelope: source.and_then(|(_, f)| f.envelope.clone()),
            span: source
                .and_then(|(_, f)| f.envelope_span)
                .unwrap_or(root_span),
            doc_spans: source
                .map(|(_, f)| f.envelope_doc_spans.clone())
                .unwrap_or_default(),
        }
    }
}

/// The declarations every file may contribute to, merged.
struct Shared {
    categories: Vec<Category>,
    statuses: Vec<StatusDoc>,
    headers: Vec<Header>,
    guidance: Vec<Guide>,
    request_headers: Vec<RequestHeader>,
    common_details: Option<(Vec<Field>, Span)>,
    families: Vec<(Family, Span, Span)>,
    /// Whether some file writes `categories` (even with mistakes): errors
    /// must then name a category.
    declares_categories: bool,
}

impl Shared {
    fn merge(fragments: &Fragments, sink: &mut Sink) -> Shared {
        let all = || fragments.iter().map(|(_, f)| f);
        Shared {
            categories: merge_categories(fragments, sink),
            statuses: merge_statuses(fragments, sink),
            headers: merge_headers(fragments, sink),
            guidance: all().flat_map(|f| f.guidance.iter().cloned()).collect(),
            request_headers: all()
                .flat_map(|f| f.request_headers.iter().cloned())
                .collect(),
            common_details: all().rev().find_map(|f| f.common_details.clone()),
            families: all().flat_map(|f| f.families.iter().cloned()).collect(),
            declares_categories: all().any(|f| f.written.contains(&"categories")),
        }
    }
}

/// Per error: its Rust name is free, its category declared, and its own
/// references (headers, placeholders) resolve.
fn check_entries(entries: &[EntryDraft], shared: &Shared, sources: &SourceMap, sink: &mut Sink) {
    // Each Rust name with the key and place that first took it.
    let mut seen_idents: HashMap<&str, (&str, Span)> = HashMap::with_capacity(entries.len());
    for draft in entries {
        let entry = &draft.entry;
        if let Some((other, span)) = seen_idents.get(entry.ident.as_str()) {
            sink.push(
                Diagnostic::new(
                    codes::IDENTIFIER_COLLISION,
                    entry.span,
                    format!(
                        "error keys `{other}` and `{}` both become the Rust variant `{}`",
                        entry.key, entry.ident
                    ),
                )
                .label("second key")
                .secondary(*span, "first key")
                .help("rename one key; keep the wire code unchanged with `code:`"),
            );
        } else {
            seen_idents.insert(&entry.ident, (&entry.key, entry.span));
        }
        check_category(draft, shared, sink);
        check_entry(
            draft,
            &shared.headers,
            &shared.request_headers,
            sources,
            sink,
        );
    }
}

/// An error names a declared category exactly when the catalogue declares
/// categories.
fn check_category(draft: &EntryDraft, shared: &Shared, sink: &mut Sink) {
    let entry = &draft.entry;
    let categories = &shared.categories;
    let keys = || {
        categories
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if entry.category.is_empty() {
        if shared.declares_categories {
            sink.push(
                Diagnostic::new(
                    codes::MISSING_KEY,
                    entry.span,
                    format!(
                        "error `{}` is missing the required key `category`",
                        entry.key
                    ),
                )
                .label("`category` is required here")
                .help(if categories.is_empty() {
                    "the catalogue declares categories, so every error names one".to_owned()
                } else {
                    format!(
                        "the catalogue declares categories, so every error names one: {}",
                        keys()
                    )
                }),
            );
        }
    } else if !shared.declares_categories {
        sink.push(
            Diagnostic::new(
                codes::UNKNOWN_CATEGORY,
                draft.category_span.unwrap_or(entry.span),
                format!("unknown category `{}`", entry.category),
            )
            .label("the catalogue declares no categories")
            .help(
                "declare it under `categories`, or leave `category` out: categories are optional",
            ),
        );
    } else if categories.iter().all(|c| c.key != entry.category) {
        sink.push(
            undeclared(
                codes::UNKNOWN_CATEGORY,
                draft.category_span.unwrap_or(entry.span),
                format!("unknown category `{}`", entry.category),
                "categories",
                &entry.category,
                categories.iter().map(|c| c.key.as_str()),
            )
            .note(if categories.is_empty() {
                "the catalogue declares no categories".to_owned()
            } else {
                format!("categories: {}", keys())
            }),
        );
    }
}

/// `docs.envelope_example` names an error of the catalogue.
fn check_envelope_example(
    docs: &crate::model::DocsOptions,
    span: Option<Span>,
    entries: &[EntryDraft],
    sink: &mut Sink,
) {
    let (Some(key), Some(span)) = (&docs.envelope_example, span) else {
        return;
    };
    if entries.iter().any(|d| &d.entry.key == key) {
        return;
    }
    sink.push(
        Diagnostic::new(
            codes::UNKNOWN_REFERENCE,
            span,
            format!("`envelope_example` names `{key}`, which is not an error in this catalogue"),
        )
        .label("unknown error")
        .maybe_help(
            did_you_mean(key, entries.iter().map(|d| d.entry.key.as_str()))
                .map(|s| format!("did you mean `{s}`?")),
        ),
    );
}

/// Everything resolved, for [`assemble`].
struct Parts {
    identity: Identity,
    envelope: Option<Envelope>,
    shared: Shared,
    entries: Vec<EntryDraft>,
    translations: Vec<crate::model::Translation>,
}

/// The catalogue. When the catalogue has errors (`partial`), what is
/// missing or broken is made consistent so that tools can go on with the
/// rest: no envelope gives an empty one, an error whose Rust name or
/// category is taken or unknown is left out or given the first category.
fn assemble(parts: Parts, partial: bool) -> Catalog {
    let Parts {
        identity,
        envelope,
        shared,
        entries,
        translations,
    } = parts;
    let envelope = envelope.unwrap_or_else(|| Catalog::empty().envelope);
    let (removed, mut live): (Vec<EntryDraft>, Vec<EntryDraft>) =
        entries.into_iter().partition(|d| d.entry.removed.is_some());
    if partial {
        let mut idents = std::collections::HashSet::new();
        live.retain(|d| idents.insert(d.entry.ident.clone()));
        for draft in &mut live {
            let category = &mut draft.entry.category;
            if !shared.categories.iter().any(|c| c.key == *category) {
                *category = shared
                    .categories
                    .first()
                    .map(|c| c.key.clone())
                    .unwrap_or_default();
            }
        }
    }
    let entries = live
        .into_iter()
        .map(|draft| {
            let mut entry = draft.entry;
            entry.examples = examples::complete(&entry.details, &entry.message, draft.examples);
            for example in &mut entry.examples {
                if example.request == crate::model::RequestValues::default() {
                    example.request = envelope.example_request.clone();
                }
            }
            entry
        })
        .collect();
    Catalog {
        name: identity.name.unwrap_or_default(),
        title: identity.title.unwrap_or_default(),
        description: identity.description,
        version: identity.version,
        docs_url: identity.docs_url.map(|l| l.value),
        license: identity.license,
        contact: identity.contact,
        servers: identity.servers,
        envelope,
        categories: shared.categories,
        statuses: shared.statuses,
        headers: shared.headers,
        guidance: shared.guidance,
        docs: identity.docs,
        families: shared.families.into_iter().map(|(f, _, _)| f).collect(),
        request_headers: shared.request_headers,
        extensions: identity.extensions,
        entries,
        removed: removed.into_iter().map(|d| d.entry).collect(),
        breaking: identity.breaking,
        language: identity.language,
        translations,
    }
}

/// One message of a translation file: the error's key and the template.
type TranslatedMessage = (Located<String>, MessageTemplate);

/// Each translation file: one per locale, a message for every error with
/// a template, for no other key, with the same placeholders.
fn check_translations(
    files: &Fragments,
    entries: &[EntryDraft],
    language: &str,
    sink: &mut Sink,
) -> Vec<crate::model::Translation> {
    let mut out: Vec<crate::model::Translation> = Vec::new();
    let live = || entries.iter().filter(|d| d.entry.removed.is_none());
    // Several files may translate one locale (a catalogue and the files it
    // includes each bring theirs): their messages are taken together.
    let mut locales: Vec<(&Located<String>, Vec<&TranslatedMessage>)> = Vec::new();
    for (_, frag) in files {
        let Some(locale) = &frag.locale else { continue };
        if !is_language_tag(&locale.value) {
            sink.push(malformed_tag(locale));
            continue;
        }
        if locale.value.eq_ignore_ascii_case(language) {
            sink.push(
                Diagnostic::new(
                    codes::TRANSLATION_MISMATCH,
                    locale.span,
                    format!("`{}` is the catalogue's own `language`", locale.value),
                )
                .label("not a translation"),
            );
            continue;
        }
        match locales
            .iter_mut()
            .find(|(l, _)| l.value.eq_ignore_ascii_case(&locale.value))
        {
            Some((_, messages)) => messages.extend(&frag.messages),
            None => locales.push((locale, frag.messages.iter().collect())),
        }
    }
    // Lookups by key, so that checking is linear in the messages.
    let by_key: HashMap<&str, &EntryDraft> = live().map(|d| (d.entry.key.as_str(), d)).collect();
    let mut suggestions_left = 50;
    for (locale, all) in locales {
        let mut messages: Vec<(String, MessageTemplate)> = Vec::with_capacity(all.len());
        let mut seen: HashMap<&str, Span> = HashMap::with_capacity(all.len());
        for (key, template) in all.iter().copied() {
            if let Some(first) = seen.get(key.value.as_str()) {
                sink.push(
                    Diagnostic::new(
                        codes::TRANSLATION_MISMATCH,
                        key.span,
                        format!("`{}` is translated to `{}` twice", key.value, locale.value),
                    )
                    .label("again here")
                    .secondary(*first, "first here"),
                );
                continue;
            }
            seen.insert(&key.value, key.span);
            let Some(draft) = by_key.get(key.value.as_str()) else {
                // A suggestion compares the key with every error's: past a
                // few, a file of strangers' keys would take quadratic time.
                let suggestion = (suggestions_left > 0)
                    .then(|| {
                        suggestions_left -= 1;
                        did_you_mean(&key.value, live().map(|d| d.entry.key.as_str()))
                    })
                    .flatten();
                sink.push(
                    Diagnostic::new(
                        codes::TRANSLATION_MISMATCH,
                        key.span,
                        format!("`{}` is not an error of the catalogue", key.value),
                    )
                    .label("no such error")
                    .maybe_help(suggestion.map(|s| format!("did you mean `{s}`?"))),
                );
                continue;
            };
            let Some(own) = draft.entry.wire_template() else {
                sink.push(
                    Diagnostic::new(
                        codes::TRANSLATION_MISMATCH,
                        key.span,
                        format!("`{}` has no message template to translate", key.value),
                    )
                    .label("nothing to translate")
                    .secondary(draft.entry.span, "the error"),
                );
                continue;
            };
            let want: std::collections::BTreeSet<&str> = own.placeholders().collect();
            let got: std::collections::BTreeSet<&str> = template.placeholders().collect();
            if want != got {
                let list = |s: &std::collections::BTreeSet<&str>| {
                    if s.is_empty() {
                        "no placeholders".to_owned()
                    } else {
                        let names: Vec<String> = s.iter().map(|p| format!("`{{{p}}}`")).collect();
                        format!("the placeholders {}", names.join(", "))
                    }
                };
                sink.push(
                    Diagnostic::new(
                        codes::TRANSLATION_MISMATCH,
                        template.span,
                        format!(
                            "the `{}` translation of `{}` has {}, but the message has {}",
                            locale.value,
                            key.value,
                            list(&got),
                            list(&want)
                        ),
                    )
                    .label("placeholders differ")
                    .secondary(own.span, "the catalogue's message")
                    .help("keep every placeholder of the message, spelt the same; only the words around them change"),
                );
                continue;
            }
            messages.push((key.value.clone(), template.clone()));
        }
        for draft in live() {
            if draft.entry.wire_template().is_some() && !seen.contains_key(draft.entry.key.as_str())
            {
                sink.push(
                    Diagnostic::new(
                        codes::TRANSLATION_INCOMPLETE,
                        locale.span,
                        format!(
                            "the `{}` translation has no message for `{}`",
                            locale.value, draft.entry.key
                        ),
                    )
                    .label("incomplete")
                    .secondary(draft.entry.span, "this error has a message")
                    .help(format!(
                        "add `{}: \"...\"` under `messages:`",
                        draft.entry.key
                    )),
                );
            }
        }
        // Sorted by key, for lookups by binary search.
        messages.sort_by(|a, b| a.0.cmp(&b.0));
        out.push(crate::model::Translation {
            locale: locale.value.clone(),
            messages,
        });
    }
    out
}

/// A removed error's code is retired for good: no error may take it
/// again, or old clients would read the new error as the old one.
fn check_removed_codes(entries: &[EntryDraft], sink: &mut Sink) {
    for tomb in entries.iter().filter(|d| d.entry.removed.is_some()) {
        for live in entries
            .iter()
            .filter(|d| d.entry.removed.is_none() && d.entry.code == tomb.entry.code)
        {
            sink.push(
                Diagnostic::new(
                    codes::REMOVED_CODE_REUSED,
                    live.entry.span,
                    format!(
                        "error `{}` reuses the code `{}` of the removed error `{}`",
                        live.entry.key, live.entry.code, tomb.entry.key
                    ),
                )
                .label("reuses a retired code")
                .secondary(tomb.entry.span, "removed here")
                .help("give the new error a code of its own: clients that knew the removed error would misread it"),
            );
        }
    }
}

/// Adds the catalogue's `common_details` to every error's details, after
/// its own fields. An error with a field of the same name, or with
/// `details_type`, cannot take them.
fn add_common_details(entries: &mut [EntryDraft], common: &[Field], at: Span, sink: &mut Sink) {
    for draft in entries {
        let entry = &mut draft.entry;
        match &mut entry.details {
            Details::Value(ty) => {
                sink.push(
                    Diagnostic::new(
                        codes::FIELD_COLLISION,
                        ty.span,
                        format!(
                            "error `{}` has `details_type`, so it cannot take the `common_details` fields",
                            entry.key
                        ),
                    )
                    .secondary(at, "common fields declared here")
                    .help("give it named `details` instead"),
                );
            }
            details => {
                let mut fields = details.fields().to_vec();
                for field in common {
                    if let Some(own) = fields.iter().find(|f| f.name == field.name) {
                        sink.push(
                            Diagnostic::new(
                                codes::FIELD_COLLISION,
                                own.span,
                                format!(
                                    "error `{}` declares `{}`, which `common_details` declares for every error",
                                    entry.key, field.name
                                ),
                            )
                            .secondary(field.span, "common field")
                            .help("remove one of the two"),
                        );
                    } else {
                        fields.push(field.clone());
                    }
                }
                *details = if fields.is_empty() {
                    Details::None
                } else {
                    Details::Fields(fields)
                };
            }
        }
    }
}

/// Every key of `envelope.fields` is a member of the template, or a
/// details field of some error that `$merge: $details` adds beside them.
fn check_envelope_docs(
    envelope: &Envelope,
    spans: &[Span],
    entries: &[EntryDraft],
    sink: &mut Sink,
) {
    let mut members: Vec<String> = Vec::new();
    crate::template::walk(&envelope.template.root, &mut Vec::new(), &mut |path, _| {
        if matches!(path.last(), Some(crate::template::PathStep::Key(_))) {
            members.push(path_text(path));
        }
    });
    let merge_at = envelope.template.merge_path();
    let merged_field = |path: &str| {
        merge_at
            .as_deref()
            .and_then(|at| crate::template::member_under(at, path))
            .is_some_and(|name| {
                entries
                    .iter()
                    .any(|d| d.entry.details.field(name).is_some_and(|f| f.in_body))
            })
    };
    for ((path, _), span) in envelope.field_docs.iter().zip(spans) {
        if members.contains(path) || merged_field(path) {
            continue;
        }
        let merged = envelope.template.merge_path().is_some();
        sink.push(
            Diagnostic::new(
                codes::UNKNOWN_ENVELOPE_MEMBER,
                *span,
                format!("the envelope has no member `{path}`"),
            )
            .label("not a member of the template")
            .maybe_help(
                did_you_mean(path, members.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?")),
            )
            .note(if merged {
                format!(
                    "members: {}; `$merge: $details` adds the errors' details fields, which may be documented here by name",
                    members.join(", ")
                )
            } else {
                format!("members: {}", members.join(", "))
            }),
        );
    }
}

/// A name that is not declared under `section`, with the closest declared
/// one as a suggestion.
fn undeclared<'k>(
    code: Code,
    span: Span,
    message: String,
    section: &str,
    name: &str,
    declared: impl Iterator<Item = &'k str>,
) -> Diagnostic {
    Diagnostic::new(code, span, message)
        .label(format!("not declared under `{section}`"))
        .maybe_help(did_you_mean(name, declared).map(|s| format!("did you mean `{s}`?")))
}

fn an(word: &str) -> String {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// The value of a required top-level key, reporting it missing when the
/// root is a mapping that does not write the key at all (a key written
/// with a bad value has been reported already).
fn required(
    root: &Fragment,
    value: &Option<Located<String>>,
    key: &'static str,
    root_span: Span,
    sink: &mut Sink,
) -> Option<String> {
    if value.is_none() && root.root_ok && !root.written.contains(&key) {
        sink.push(
            Diagnostic::new(
                codes::MISSING_KEY,
                root_span,
                format!("the catalogue is missing the required key `{key}`"),
            )
            .label(format!("`{key}` is required here")),
        );
    }
    value.as_ref().map(|l| l.value.clone())
}

fn duplicate_definition(what: &str, name: &str, again: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        codes::DUPLICATE_DEFINITION,
        again,
        format!("{what} `{name}` is defined more than once"),
    )
    .label("defined again here")
    .secondary(first, "first defined here")
}

fn merge_categories(fragments: &[(FileId, Fragment)], sink: &mut Sink) -> Vec<Category> {
    let mut out: Vec<(Category, usize)> = Vec::new();
    for (_, fragment) in fragments {
        for (category, _) in &fragment.categories {
            if let Some((first, _)) = out.iter().find(|(c, _)| c.key == category.key) {
                sink.push(duplicate_definition(
                    "category",
                    &category.key,
                    category.span,
                    first.span,
                ));
                continue;
            }
            let position = out.len();
            out.push((category.clone(), position));
        }
    }
    out.sort_by_key(|(c, position)| (c.order, *position));
    out.into_iter().map(|(c, _)| c).collect()
}

fn merge_statuses(fragments: &[(FileId, Fragment)], sink: &mut Sink) -> Vec<StatusDoc> {
    let mut out: Vec<(StatusDoc, Span)> = Vec::new();
    for (_, fragment) in fragments {
        for (status, span) in &fragment.statuses {
            if let Some((_, first)) = out.iter().find(|(s, _)| s.status == status.status) {
                sink.push(duplicate_definition(
                    "status",
                    &status.status.to_string(),
                    *span,
                    *first,
                ));
                continue;
            }
            out.push((status.clone(), *span));
        }
    }
    out.sort_by_key(|(s, _)| s.status);
    out.into_iter().map(|(s, _)| s).collect()
}

fn merge_headers(fragments: &[(FileId, Fragment)], sink: &mut Sink) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    for (_, fragment) in fragments {
        for header in &fragment.headers {
            if let Some(first) = out
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(&header.name))
            {
                sink.push(duplicate_definition(
                    "header",
                    &header.name,
                    header.span,
                    first.span,
                ));
                continue;
            }
            out.push(header.clone());
        }
    }
    out
}

fn merge_entries(fragments: Fragments, sink: &mut Sink) -> Vec<EntryDraft> {
    let total = crate::includes::entry_count(&fragments);
    let mut out: Vec<EntryDraft> = Vec::with_capacity(total);
    // Key to the span of its first definition: a lookup per entry, so that
    // catalogues of many thousands of errors merge in linear time.
    let mut seen: HashMap<String, Span> = HashMap::with_capacity(total);
    for (_, fragment) in fragments {
        for draft in fragment.entries {
            if let Some(first) = seen.get(&draft.entry.key) {
                sink.push(duplicate_definition(
                    "error",
                    &draft.entry.key,
                    draft.entry.span,
                    *first,
                ));
                continue;
            }
            seen.insert(draft.entry.key.clone(), draft.entry.span);
            out.push(draft);
        }
    }
    out
}

fn check_category_idents(categories: &[Category], sink: &mut Sink) {
    for (i, c) in categories.iter().enumerate() {
        if let Some(first) = categories[..i].iter().find(|o| o.ident == c.ident) {
            sink.push(
                Diagnostic::new(
                    codes::IDENTIFIER_COLLISION,
                    c.span,
                    format!(
                        "category keys `{}` and `{}` both become the Rust variant `{}`",
                        first.key, c.key, c.ident
                    ),
                )
                .secondary(first.span, "first key")
                .help("rename one category; its wire name can be kept with `wire:`"),
            );
        }
    }
}

fn check_entry(
    draft: &EntryDraft,
    headers: &[Header],
    request_headers: &[RequestHeader],
    sources: &SourceMap,
    sink: &mut Sink,
) {
    let entry = &draft.entry;
    if let Some(status) = entry.status
        && entry.kind == EntryKind::Error
        && status < 400
    {
        sink.push(
            Diagnostic::new(
                codes::STATUS_OUT_OF_RANGE,
                entry.span,
                format!(
                    "error `{}` has status {status}, which is not a failure",
                    entry.key
                ),
            )
            .label("an error's status is 4xx or 5xx")
            .help("document success statuses under `statuses`; a warning or notice sent with a success response takes `kind: warning` or `kind: notice`"),
        );
    }
    for name in &entry.request_headers {
        if !request_headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(&name.value))
        {
            sink.push(undeclared(
                codes::UNKNOWN_HEADER,
                name.span,
                format!("request header `{}` is not declared", name.value),
                "request_headers",
                &name.value,
                request_headers.iter().map(|h| h.name.as_str()),
            ));
        }
    }
    let text = sources.file(entry.span.file).text.as_deref();
    if draft.details_ok {
        if let Message::Template(t) = &entry.message {
            check_placeholders(entry, t, "message", text, sink);
        }
        if let Some(t) = &entry.public_message {
            check_placeholders(entry, t, "public message", text, sink);
        }
    }
    // Generated members that details fields must not shadow.
    let mut generated: Vec<(&str, &str)> = Vec::new();
    if matches!(entry.message, Message::Varies { .. }) {
        generated.push(("message", "`message: {varies: true}`"));
    }
    if entry.source {
        generated.push(("source", "`source: true`"));
    }
    for (name, why) in generated {
        if let Some(field) = entry.details.fields().iter().find(|f| f.rust_name == name) {
            sink.push(
                Diagnostic::new(
                    codes::FIELD_COLLISION,
                    field.span,
                    format!(
                        "details field `{}` collides with the `{name}` field generated for {why}",
                        field.name
                    ),
                )
                .help("set `rust_name` on the details field"),
            );
        }
    }
    for name in &entry.headers {
        let Some(header) = headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(&name.value))
        else {
            sink.push(undeclared(
                codes::UNKNOWN_HEADER,
                name.span,
                format!("header `{}` is not declared", name.value),
                "headers",
                &name.value,
                headers.iter().map(|h| h.name.as_str()),
            ));
            continue;
        };
        check_header_source(entry, draft.details_ok, header, name.span, sink);
    }
    for header in headers.iter().filter(|h| h.every_error) {
        check_header_source(entry, draft.details_ok, header, entry.span, sink);
    }
}

fn check_header_source(
    entry: &Entry,
    details_ok: bool,
    header: &Header,
    at: Span,
    sink: &mut Sink,
) {
    let HeaderSource::Details(field_name) = &header.source else {
        return;
    };
    if !details_ok {
        return;
    }
    let problem = match entry.details.field(field_name) {
        None => Some(format!("it has no details field `{field_name}`")),
        Some(field) => match field.ty.scalar() {
            None => Some(format!(
                "its details field `{field_name}` is {}, not a scalar",
                field.ty.type_name()
            )),
            Some(ty) if header.ty != ScalarType::String && ty != header.ty => Some(format!(
                "its details field `{field_name}` is {}, but the header is {}",
                an(ty.name()),
                an(header.ty.name()),
            )),
            Some(_) => None,
        },
    };
    let Some(problem) = problem else {
        return;
    };
    // A misspelt `from:` is likelier than a missing field.
    let close = entry.details.field(field_name).is_none().then(|| {
        crate::did_you_mean(
            field_name,
            entry.details.fields().iter().map(|f| f.name.as_str()),
        )
    });
    let help = match close.flatten() {
        Some(name) => format!(
            "did you mean `details.{name}`? The header's `from:` names `details.{field_name}`"
        ),
        None => format!(
            "add a scalar `{field_name}` field to the details (use `in_body: false` to keep it out of the body)"
        ),
    };
    sink.push(
        Diagnostic::new(
            codes::HEADER_SOURCE,
            at,
            format!(
                "error `{}` cannot set header `{}` from `details.{field_name}`: {problem}",
                entry.key, header.name
            ),
        )
        .secondary(header.span, "header declared here")
        .help(help),
    );
}

fn check_placeholders(
    entry: &Entry,
    template: &MessageTemplate,
    what: &str,
    text: Option<&str>,
    sink: &mut Sink,
) {
    for piece in &template.pieces {
        let Piece::Field { name, offset } = piece else {
            continue;
        };
        let span = inner_span(template.span, &template.text, *offset, name.len() + 2, text);
        let field = entry.details.field(name);
        match field {
            None => {
                let fields: Vec<&str> = entry.details.fields().iter().map(|f| f.name.as_str()).collect();
                let note = if let Details::Value(_) = entry.details {
                    "this error's details are a single value (`details_type`), which has no named fields".to_owned()
                } else if fields.is_empty() {
                    "this error declares no details fields".to_owned()
                } else {
                    format!("details fields: {}", fields.join(", "))
                };
                sink.push(
                    Diagnostic::new(codes::UNKNOWN_PLACEHOLDER, span, format!("the {what} of error `{}` uses `{{{name}}}`, which is not a details field", entry.key))
                        .label("unknown field")
                        .maybe_help(did_you_mean(name, fields.iter().copied()).map(|s| format!("did you mean `{{{s}}}`?")))
                        .note(note),
                );
            }
            Some(f) if f.optional => sink.push(
                Diagnostic::new(codes::PLACEHOLDER_TYPE, span, format!("`{{{name}}}` names an optional field; the message would have a hole when it is absent"))
                    .secondary(f.span, "declared optional here")
                    .help("make the field required, or leave it out of the message"),
            ),
            Some(f) if f.ty.scalar().is_none() => sink.push(
                Diagnostic::new(codes::PLACEHOLDER_TYPE, span, format!("`{{{name}}}` names a field of type {}, which has no text form", f.ty.type_name()))
                    .secondary(f.span, "declared here"),
            ),
            Some(_) => {}
        }
    }
}

/// `replaced_by`, of a deprecated or a removed error, names an error that
/// is still in the catalogue.
fn check_replacements(entries: &[EntryDraft], sink: &mut Sink) {
    let live = || entries.iter().filter(|d| d.entry.removed.is_none());
    for draft in entries {
        let notice = draft
            .entry
            .removed
            .as_ref()
            .or(draft.entry.deprecated.as_ref());
        let Some(target) = notice.and_then(|n| n.replaced_by.as_ref()) else {
            continue;
        };
        if live().any(|d| &d.entry.key == target) {
            continue;
        }
        sink.push(
            Diagnostic::new(
                codes::UNKNOWN_REFERENCE,
                draft.replaced_by_span.unwrap_or(draft.entry.span),
                format!("`replaced_by` names `{target}`, which is not an error in this catalogue"),
            )
            .label("unknown error")
            .maybe_help(
                did_you_mean(target, live().map(|d| d.entry.key.as_str()))
                    .map(|s| format!("did you mean `{s}`?")),
            ),
        );
    }
}

/// Each family's fallback is an entry, its category declared, and no two
/// families match the same codes.
fn check_families(
    families: &[(Family, Span, Span)],
    entries: &[EntryDraft],
    categories: &[Category],
    sink: &mut Sink,
) {
    for (i, (family, matcher, span)) in families.iter().enumerate() {
        if !entries.iter().any(|d| d.entry.key == family.fallback) {
            sink.push(
                Diagnostic::new(
                    codes::UNKNOWN_REFERENCE,
                    *span,
                    format!(
                        "the family's `fallback` names `{}`, which is not an error in this catalogue",
                        family.fallback
                    ),
                )
                .label("unknown error")
                .maybe_help(
                    did_you_mean(&family.fallback, entries.iter().map(|d| d.entry.key.as_str()))
                        .map(|s| format!("did you mean `{s}`?")),
                ),
            );
        }
        if let FamilyMatch::Category(key) = &family.matches
            && categories.iter().all(|c| &c.key != key)
        {
            sink.push(undeclared(
                codes::UNKNOWN_CATEGORY,
                *matcher,
                format!("the family's category `{key}` is not declared"),
                "categories",
                key,
                categories.iter().map(|c| c.key.as_str()),
            ));
        }
        if let Some((_, first, _)) = families[..i]
            .iter()
            .find(|(f, _, _)| f.matches == family.matches)
        {
            sink.push(
                Diagnostic::new(
                    codes::DUPLICATE_DEFINITION,
                    *matcher,
                    "two families match the same codes",
                )
                .label("second family")
                .secondary(*first, "first family")
                .help("keep one fallback per prefix, category or status"),
            );
        }
    }
}

fn check_envelope(
    envelope: &Envelope,
    span: Span,
    docs_url: Option<&Located<String>>,
    entries: &[EntryDraft],
    sink: &mut Sink,
    warnings: &mut Sink,
) {
    let template = &envelope.template;
    if template.uses(Slot::DocUrl) && docs_url.is_none() {
        sink.push(
            Diagnostic::new(
                codes::MISSING_DOCS_URL,
                span,
                "the envelope uses `$doc_url`, but the catalogue has no `docs_url`",
            )
            .label("`$doc_url` is used here")
            .help("set `docs_url:` to where the generated reference is published"),
        );
    }
    if !template.uses(Slot::Code) && !template.uses(Slot::DocUrl) {
        warnings.push(
            Diagnostic::new(codes::UNDECODABLE_ENVELOPE, span, "the envelope carries neither `$code` nor `$doc_url`; clients cannot tell errors apart")
                .help("add a member such as `code: $code`"),
        );
    }
    if let Some(path) = template.merge_path() {
        if let Some(member) = template.path_of(Slot::Details) {
            warnings.push(
                Diagnostic::new(
                    codes::DETAILS_TWICE,
                    span,
                    format!(
                        "the envelope merges the details into {} and also writes `$details` at `{}`",
                        display_path(&path),
                        path_text(&member)
                    ),
                )
                .label("every error's details would be written twice")
                .help("keep `$merge: $details` or the `$details` member, not both"),
            );
        }
        let members = template.member_names_at(&path);
        for draft in entries {
            match &draft.entry.details {
                Details::Fields(fields) => {
                    for field in fields.iter().filter(|f| f.in_body) {
                        if members.contains(&field.name) {
                            sink.push(
                                Diagnostic::new(
                                    codes::MEMBER_COLLISION,
                                    field.span,
                                    format!("details field `{}` would be merged into {}, which already has a member `{}`", field.name, display_path(&path), field.name),
                                )
                                .secondary(span, "the envelope merges details here")
                                .help("rename the field"),
                            );
                        }
                    }
                }
                Details::Value(ty) if !matches!(ty.kind, TypeKind::Object(_)) => {
                    sink.push(
                        Diagnostic::new(codes::TEMPLATE_STRUCTURE, ty.span, format!("error `{}` has {} details, but the envelope merges details into an object", draft.entry.key, ty.type_name()))
                            .secondary(span, "the envelope merges details here")
                            .help("use `details:` with named fields, or an envelope that nests `$details`"),
                    );
                }
                _ => {}
            }
        }
    }
}

fn display_path(path: &[crate::template::PathStep]) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        format!("`{}`", path_text(path))
    }
}

fn warn_entries(
    entries: &[EntryDraft],
    categories: &[Category],
    headers: &[Header],
    warnings: &mut Sink,
) {
    // Removed errors are history: no warnings about them.
    let entries: Vec<&EntryDraft> = entries
        .iter()
        .filter(|d| d.entry.removed.is_none())
        .collect();
    let entries = entries.as_slice();
    for draft in entries.iter().filter(|d| !d.broken) {
        let e = &draft.entry;
        if e.status.is_some() && e.fixes.is_empty() {
            warnings.push(
                Diagnostic::new(
                    codes::MISSING_FIX,
                    e.span,
                    format!("error `{}` has no fixes", e.key),
                )
                .help("add a `fixes:` list telling readers what to do"),
            );
        }
        if let Some(why) = ambiguous_placeholders(e) {
            warnings.push(
                Diagnostic::new(
                    codes::AMBIGUOUS_MESSAGE,
                    e.span,
                    format!(
                        "the message of `{}` cannot always be read back: {why}",
                        e.key
                    ),
                )
                .note("these fields are not in the body (`in_body: false`), so `from_response` takes them from the message, reading each literal at its first occurrence")
                .help("send one of the fields in the body, or put text between them that their values never contain"),
            );
        }
        if e.status.is_some() && matches!(e.message, Message::Absent) {
            warnings.push(
                Diagnostic::new(
                    codes::MISSING_MESSAGE,
                    e.span,
                    format!(
                        "error `{}` has no message; bodies will carry `{}`",
                        e.key,
                        e.fallback_message().lines().next().unwrap_or("")
                    ),
                )
                .help("add `message:`, or `message: {varies: true}` if it differs per occurrence"),
            );
        }
    }
    // Shared codes: one warning per code, at its second user.
    let mut by_code: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for draft in entries {
        by_code
            .entry(draft.entry.code.as_str())
            .or_default()
            .push(&draft.entry);
    }
    for (code, users) in &by_code {
        if users.len() < 2 {
            continue;
        }
        warnings.push(
            Diagnostic::new(
                codes::SHARED_CODE,
                users[1].span,
                format!("{} errors share the wire code `{code}`", users.len()),
            )
            .secondary(users[0].span, "first error with this code")
            .note(format!("errors: {}", key_list(users))),
        );
        let (clashes, complete) = clashes_among(users);
        if !complete {
            warnings.push(
                Diagnostic::new(
                    codes::INDISTINGUISHABLE,
                    users[1].span,
                    format!(
                        "{} errors share the code `{code}`: too many message templates to compare every pair",
                        users.len()
                    ),
                )
                .note(format!("errcat compared the first {PAIR_BUDGET} pairs"))
                .help("give them different codes"),
            );
        }
        for (b, a, why) in clashes {
            {
                let status = a
                    .status
                    .map_or_else(|| "no status".to_owned(), |s| format!("status {s}"));
                warnings.push(
                    Diagnostic::new(
                        codes::INDISTINGUISHABLE,
                        a.span,
                        format!(
                            "errors `{}` and `{}` share the code `{code}` and {status}, and {why}",
                            b.key, a.key
                        ),
                    )
                    .secondary(b.span, "the other error")
                    .note(format!(
                        "`from_response` picks the error whose fixed message equals the body's, else one whose template fits it, else one with the status given; the status cannot help, since both have {status}"
                    ))
                    .help("give them different codes, or messages that tell them apart"),
                );
            }
        }
    }
    for c in categories {
        if !entries.iter().any(|d| d.entry.category == c.key) {
            warnings.push(Diagnostic::new(
                codes::UNUSED_CATEGORY,
                c.span,
                format!("category `{}` has no errors", c.key),
            ));
        }
    }
    for h in headers {
        if !h.every_error
            && !entries.iter().any(|d| {
                d.entry
                    .headers
                    .iter()
                    .any(|n| n.value.eq_ignore_ascii_case(&h.name))
            })
        {
            warnings.push(
                Diagnostic::new(
                    codes::UNUSED_HEADER,
                    h.span,
                    format!("header `{}` is set by no error", h.name),
                )
                .help("list it under an error's `headers`, or set `every_error: true`"),
            );
        }
    }
}

/// The keys of `users`, the first 20 and how many more.
fn key_list(users: &[&Entry]) -> String {
    let mut text = users
        .iter()
        .take(20)
        .map(|e| e.key.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if users.len() > 20 {
        text.push_str(&format!(" and {} more", users.len() - 20));
    }
    text
}

/// How many pairs of errors sharing a code are compared through a
/// template at most: a bound on the time hostile catalogues can take.
const PAIR_BUDGET: usize = 20_000;

/// The errors among `users` (which share a code) that the decoder cannot
/// tell from an earlier one with the same status: each with the first such
/// earlier error and why, in order. Fixed messages are compared through a
/// hash map and templates pair by pair, at most [`PAIR_BUDGET`] pairs;
/// the flag says whether every pair was compared.
fn clashes_among<'e>(users: &[&'e Entry]) -> (Vec<(&'e Entry, &'e Entry, String)>, bool) {
    let mut groups: BTreeMap<Option<u16>, Vec<(usize, &Entry)>> = BTreeMap::new();
    for (n, e) in users.iter().enumerate() {
        groups.entry(e.status).or_default().push((n, e));
    }
    let mut budget = PAIR_BUDGET;
    let mut found = Vec::new();
    for group in groups.values() {
        let mut fixed: HashMap<String, usize> = HashMap::new();
        let mut templated: Vec<usize> = Vec::new();
        let mut first_varies = None;
        for (i, &(n, a)) in group.iter().enumerate() {
            let kind = MessageKind::of(a);
            // The earliest error `a` cannot be told from: any one when `a`
            // varies, one that varies, one with the same fixed message, or
            // one found by comparing templates pair by pair.
            let mut earliest = first_varies;
            if i > 0 && kind == MessageKind::Varies {
                earliest = Some(0);
            }
            if kind == MessageKind::Fixed
                && let Some(&j) = fixed.get(&message_text(a))
            {
                earliest = Some(earliest.map_or(j, |e| e.min(j)));
            }
            let bound = earliest.unwrap_or(usize::MAX);
            let paired = if kind == MessageKind::Templated {
                first_clash(group, a, 0..i, bound, &mut budget)
            } else {
                first_clash(group, a, templated.iter().copied(), bound, &mut budget)
            };
            earliest = paired.or(earliest);
            if let Some(j) = earliest
                && let Some(why) = messages_clash(group[j].1, a)
            {
                found.push((n, group[j].1, a, why));
            }
            match kind {
                MessageKind::Varies => {
                    first_varies.get_or_insert(i);
                }
                MessageKind::Fixed => {
                    fixed.entry(message_text(a)).or_insert(i);
                }
                MessageKind::Templated => templated.push(i),
            }
        }
    }
    found.sort_by_key(|(n, ..)| *n);
    let clashes = found
        .into_iter()
        .map(|(_, b, a, why)| (b, a, why))
        .collect();
    (clashes, budget > 0)
}

/// The first of the errors `earlier` (indices into `group`, before
/// `bound`) whose message `a`'s cannot be told from, comparing at most
/// `budget` pairs (and counting them off).
fn first_clash(
    group: &[(usize, &Entry)],
    a: &Entry,
    earlier: impl Iterator<Item = usize>,
    bound: usize,
    budget: &mut usize,
) -> Option<usize> {
    for j in earlier.take_while(|&j| j < bound) {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        if messages_clash(group[j].1, a).is_some() {
            return Some(j);
        }
    }
    None
}

/// How an error's message tells bodies apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MessageKind {
    /// Any text: it fits every body.
    Varies,
    /// One fixed text.
    Fixed,
    /// A template with placeholders.
    Templated,
}

impl MessageKind {
    fn of(e: &Entry) -> MessageKind {
        match e.wire_template() {
            Some(t) if !t.is_static() => MessageKind::Templated,
            Some(_) => MessageKind::Fixed,
            None if matches!(e.message, Message::Varies { .. }) => MessageKind::Varies,
            None => MessageKind::Fixed,
        }
    }
}

/// The text an error sends as its message, as [`messages_clash`] compares
/// it.
fn message_text(e: &Entry) -> String {
    match e.wire_template() {
        Some(t) => t.display_form(),
        None => e.fallback_message().to_owned(),
    }
}

/// Why the messages of two errors that share a code cannot tell a body's
/// error apart, by the decoder's rule (an exact fixed message, then a
/// template that fits), or `None` when they can.
fn messages_clash(a: &Entry, b: &Entry) -> Option<String> {
    let varies =
        |e: &Entry| e.wire_template().is_none() && matches!(e.message, Message::Varies { .. });
    if let Some(e) = [a, b].into_iter().find(|e| varies(e)) {
        return Some(format!(
            "the message of `{}` varies, so it fits any body",
            e.key
        ));
    }
    let text = message_text;
    let template = |e: &Entry| e.wire_template().filter(|t| !t.is_static()).cloned();
    match (template(a), template(b)) {
        (None, None) => {
            (text(a) == text(b)).then(|| format!("both send the message \"{}\"", text(a)))
        }
        // A template with placeholders fits the other's message, written
        // with its placeholders as they stand.
        (Some(t), _) if t.capture(&text(b)).is_some() => Some(format!(
            "the message of `{}` (\"{}\") fits the template of `{}`",
            b.key,
            text(b),
            a.key
        )),
        (_, Some(t)) if t.capture(&text(a)).is_some() => Some(format!(
            "the message of `{}` (\"{}\") fits the template of `{}`",
            a.key,
            text(a),
            b.key
        )),
        _ => None,
    }
}

/// For a message whose placeholders must be read back from the text (their
/// fields are not in the body), where the decoder can misread them: two
/// such placeholders with nothing between them, or one that holds text
/// followed by another one (its value may contain the literal between
/// them). Numbers and booleans cannot contain the literal unless it starts
/// with what they are written with.
fn ambiguous_placeholders(e: &Entry) -> Option<String> {
    use crate::message::Piece;
    let template = e.wire_template()?;
    let read_back = |name: &str| e.details.field(name).is_some_and(|f| !f.in_body);
    let mut previous: Option<(&str, bool)> = None; // (name, may hold text)
    let mut between = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Literal(text) => between.push_str(text),
            Piece::Field { name, .. } if read_back(name) => {
                if let Some((prev, textual)) = previous {
                    if between.is_empty() {
                        return Some(format!(
                            "`{{{prev}}}` and `{{{name}}}` have no text between them"
                        ));
                    }
                    if textual {
                        return Some(format!(
                            "a value of `{prev}` that contains \"{between}\" is cut there, and the rest goes to `{name}`"
                        ));
                    }
                }
                let textual = e.details.field(name).is_some_and(|f| {
                    !matches!(
                        f.ty.kind,
                        crate::model::TypeKind::Integer(_)
                            | crate::model::TypeKind::Number
                            | crate::model::TypeKind::Boolean
                    )
                });
                previous = Some((name, textual));
                between.clear();
            }
            Piece::Field { .. } => {
                // A value the body carries: the decoder fills it in, so it
                // acts as a literal (of unknown text).
                between.push('\u{0}');
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::codes;

    /// A catalogue of `n` errors without fixes, in an envelope without the
    /// code: one warning from the envelope check, then one per error.
    fn warned_catalogue(n: usize) -> String {
        let mut text = String::from(
            "name: warned\ntitle: Warned\nenvelope:\n  template:\n    message: $message\n\
             categories:\n  main:\n    title: Main\nerrors:\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "  e{i}:\n    code: E{i}\n    status: 400\n    category: main\n    message: Bad {i}.\n"
            ));
        }
        text
    }

    #[test]
    fn warnings_come_in_entry_order() {
        for n in [3, 300] {
            let loaded = crate::load_str("warned.yaml", &warned_catalogue(n)).unwrap();
            let found: Vec<(&str, usize)> = loaded
                .warnings
                .iter()
                .map(|w| (w.code.id, w.primary.span.start))
                .collect();
            assert_eq!(found.len(), n + 1, "n = {n}");
            assert_eq!(found[0].0, codes::UNDECODABLE_ENVELOPE.id, "n = {n}");
            assert!(
                found[1..]
                    .iter()
                    .all(|(id, _)| *id == codes::MISSING_FIX.id),
                "n = {n}"
            );
            assert!(
                found[1..].windows(2).all(|w| w[0].1 < w[1].1),
                "missing-fix warnings out of entry order, n = {n}"
            );
        }
    }
}

/// Whether `tag` has the shape of a BCP 47 language tag: a primary
/// subtag of 2 to 8 letters, then subtags of 1 to 8 letters or digits, all
/// joined by `-`. The shape is what matters here (the tag names a folder
/// and is compared with `Accept-Language`); the registry is not consulted.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=8).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn malformed_tag(tag: &Located<String>) -> Diagnostic {
    Diagnostic::new(
        codes::MALFORMED_LANGUAGE_TAG,
        tag.span,
        format!("`{}` is not a language tag", tag.value.escape_debug()),
    )
    .label("expected a tag such as `fr` or `pt-BR`")
}

#[cfg(test)]
mod language_tag_tests {
    use super::is_language_tag;

    #[test]
    fn language_tags_have_their_shape() {
        for good in ["en", "fr", "pt-BR", "zh-Hant-TW", "de-CH-1996", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "../x",
            "fr/..",
            "en_US",
            "en-",
            "-en",
            "français",
            "abcdefghi",
            "en--us",
            "fr-abcdefghi",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
