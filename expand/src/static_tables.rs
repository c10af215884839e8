//! The static tables of a generated type, written as Rust source: one
//! `EntryInfo` and one compiled `Program` per entry, the lookup tables by
//! code and by doc link, and the decode plan. The runtime's `table` module
//! defines the types and executes the programs; `cargo expand` shows them
//! as they are.

use crate::emit::{LongStr, Str};
use errcat_catalog::Catalog;
use errcat_catalog::compile::{self, HeaderPlan, MsgPiece, Op, VariantField};
use errcat_catalog::model::{Entry, EntryKind, Family, FamilyMatch, RequestField, Translation};
use errcat_catalog::template::{PathStep, Slot};

/// The path of the generated `static`, from the generated impls.
pub const TABLE: &str = "__errcat_table::TABLE";

/// The module holding the tables of `catalog`, as source text.
pub fn module(catalog: &Catalog) -> String {
    let mut out = String::with_capacity(512 * catalog.entries.len() + 1024);
    out.push_str(
        "#[allow(clippy::all, clippy::pedantic)] mod __errcat_table { \
         use ::errcat::__private::table::{*, Op::*, Piece::*, Step::*}; \
         pub(super) static TABLE: Table = Table { infos: &[",
    );
    for entry in &catalog.entries {
        info(&mut out, catalog, entry);
    }
    out.push_str("], programs: &[");
    for entry in &catalog.entries {
        compiled(&mut out, catalog, entry);
    }
    out.push_str("], by_code: &[");
    sorted(
        &mut out,
        catalog.entries.iter().map(|e| Some(e.code.clone())),
    );
    out.push_str("], by_doc_url: &[");
    sorted(&mut out, catalog.entries.iter().map(|e| catalog.doc_url(e)));
    out.push_str("], families: &[");
    families(&mut out, catalog);
    out.push_str("], decode: ");
    decode_plan(&mut out, catalog);
    emit!(
        &mut out,
        ", language: {}, locales: &[",
        Str(&catalog.language)
    );
    for translation in &catalog.translations {
        locale(&mut out, catalog, translation);
    }
    out.push_str("] }; }");
    out
}

/// The bodies of every entry with its message in one more language: the
/// entry compiled again with the translated template in place of its wire
/// message, so the body program is the same code path as the original.
fn locale(out: &mut String, catalog: &Catalog, translation: &Translation) {
    emit!(
        out,
        "Locale {{ tag: {}, bodies: &[",
        Str(&translation.locale)
    );
    for entry in &catalog.entries {
        match translation.message(&entry.key) {
            Some(template) => {
                out.push_str("Some(");
                body(
                    out,
                    &compile::program(catalog, &entry.translated(template)).body,
                );
                // Arrays of different lengths, one slice type.
                out.push_str(" as &[Op]),");
            }
            None => out.push_str("None,"),
        }
    }
    out.push_str("] },");
}

fn opt_str(out: &mut String, value: Option<&str>) {
    match value {
        Some(v) => emit!(out, "Some({})", Str(v)),
        None => out.push_str("None"),
    }
}

fn info(out: &mut String, catalog: &Catalog, e: &Entry) {
    let category = catalog.category(&e.category);
    emit!(
        out,
        "EntryInfo {{ key: {}, variant: {}, code: {}, status: ",
        Str(&e.key),
        Str(&e.ident),
        Str(&e.code)
    );
    match e.status {
        Some(s) => emit!(out, "Some({s})"),
        None => out.push_str("None"),
    }
    emit!(
        out,
        ", category: {}, category_wire: {}, title: {}, retryable: ",
        Str(&e.category),
        Str(category.map_or("", |c| c.wire.as_str())),
        Str(e.title_or_code())
    );
    match e.retryable {
        Some(r) => emit!(out, "Some({r})"),
        None => out.push_str("None"),
    }
    out.push_str(", doc_url: ");
    opt_str(out, catalog.doc_url(e).as_deref());
    emit!(out, ", deprecated: {}, kind: ", e.deprecated.is_some());
    out.push_str(match e.kind {
        EntryKind::Error => "Kind::Error",
        EntryKind::Warning => "Kind::Warning",
        EntryKind::Notice => "Kind::Notice",
    });
    out.push_str(", extensions: &[");
    for (key, value) in &e.extensions {
        emit!(out, "({}, {}),", Str(key), Str(&value.to_string()));
    }
    out.push_str("] },\n");
}

fn request(field: RequestField) -> &'static str {
    match field {
        RequestField::RequestId => "PerRequest::RequestId",
        RequestField::Timestamp => "PerRequest::Timestamp",
        RequestField::Instance => "PerRequest::Instance",
    }
}

fn compiled(out: &mut String, catalog: &Catalog, e: &Entry) {
    let compiled = compile::program(catalog, e);
    let category = catalog
        .categories
        .iter()
        .position(|c| c.key == e.category)
        .unwrap_or(0);
    emit!(out, "Program {{ category: {category}, body: ");
    body(out, &compiled.body);
    out.push_str(", message: ");
    message(out, &compiled.wire_message);
    out.push_str(", display: ");
    if compiled.display_message == compiled.wire_message {
        out.push_str("None");
    } else {
        out.push_str("Some(");
        message(out, &compiled.display_message);
        out.push(')');
    }
    out.push_str(", details_value: ");
    match compile::details_value_field(e) {
        Some(i) => emit!(out, "Some({i})"),
        None => out.push_str("None"),
    }
    out.push_str(", headers: &[");
    for (name, plan) in &compiled.headers {
        match plan {
            HeaderPlan::Field(i) => emit!(out, "({}, HeaderFrom::Field({i})),", Str(name)),
            HeaderPlan::Request(f) => {
                emit!(
                    out,
                    "({}, HeaderFrom::Request({})),",
                    Str(name),
                    request(*f)
                );
            }
        }
    }
    out.push_str("], fields: &[");
    for f in compile::variant_fields(e) {
        let (name, in_body) = match f {
            VariantField::Detail(field) => (field.name.as_str(), field.in_body),
            VariantField::DetailsValue(_) => ("details", true),
            VariantField::Message => ("message", false),
        };
        emit!(out, "({}, {in_body}),", Str(name));
    }
    out.push_str("] },\n");
}

/// A body program, `&[...]`.
fn body(out: &mut String, ops: &[Op]) {
    out.push_str("&[");
    for op in ops {
        match op {
            Op::Raw(t) => emit!(out, "Raw({}),", LongStr(t)),
            Op::Json(t, i) => emit!(out, "Json({}, {i}),", LongStr(t)),
            Op::Text(t, i) => emit!(out, "Text({}, {i}),", LongStr(t)),
            Op::Request(t, f) => emit!(out, "Request({}, {}),", LongStr(t), request(*f)),
            Op::SetComma(c) => emit!(out, "SetComma({c}),"),
            Op::CommaIf => out.push_str("CommaIf,"),
            Op::OptJson(k, i) => emit!(out, "OptJson({}, {i}),", LongStr(k)),
            Op::OptRequest(k, f) => emit!(out, "OptRequest({}, {}),", LongStr(k), request(*f)),
        }
    }
    out.push(']');
}

fn message(out: &mut String, pieces: &[MsgPiece]) {
    out.push_str("&[");
    for piece in pieces {
        match piece {
            MsgPiece::Lit(t) => emit!(out, "Lit({}),", Str(t)),
            MsgPiece::Field(i) => emit!(out, "Field({i}),"),
        }
    }
    out.push(']');
}

/// `(key, entry index)` pairs, sorted by key then index, for the entries
/// that have a key.
fn sorted(out: &mut String, keys: impl Iterator<Item = Option<String>>) {
    let mut pairs: Vec<(String, usize)> = keys
        .enumerate()
        .filter_map(|(i, k)| Some((k?, i)))
        .collect();
    pairs.sort();
    for (key, i) in pairs {
        emit!(out, "({}, {i}),", Str(&key));
    }
}

fn steps(out: &mut String, steps: &[PathStep]) {
    out.push_str("&[");
    for step in steps {
        match step {
            PathStep::Key(k) => emit!(out, "Key({}),", Str(k)),
            PathStep::Index(i) => emit!(out, "Index({i}),"),
        }
    }
    out.push(']');
}

fn path(out: &mut String, path: Option<Vec<PathStep>>) {
    match path {
        Some(p) => {
            out.push_str("Some(");
            steps(out, &p);
            out.push(')');
        }
        None => out.push_str("None"),
    }
}

/// The families in the order the runtime tries them: prefixes longest
/// first, then categories, then statuses narrowest first.
fn families(out: &mut String, catalog: &Catalog) {
    let index = |key: &str| catalog.entries.iter().position(|e| e.key == key);
    let mut ordered: Vec<(u8, usize, &Family, usize)> = catalog
        .families
        .iter()
        .filter_map(|f| {
            let rank = match &f.matches {
                FamilyMatch::CodePrefix(p) => (0, usize::MAX - p.len()),
                FamilyMatch::Category(_) => (1, 0),
                FamilyMatch::Status { low, high } => (2, usize::from(high - low)),
            };
            Some((rank.0, rank.1, f, index(&f.fallback)?))
        })
        .collect();
    ordered.sort_by_key(|&(kind, order, _, _)| (kind, order));
    for (_, _, family, i) in ordered {
        match &family.matches {
            FamilyMatch::CodePrefix(prefix) => emit!(out, "Family::Prefix({}, {i}),", Str(prefix)),
            FamilyMatch::Category(key) => {
                let wire = catalog
                    .category(key)
                    .map_or(key.as_str(), |c| c.wire.as_str());
                emit!(out, "Family::Category({}, {i}),", Str(wire));
            }
            FamilyMatch::Status { low, high } => emit!(out, "Family::Status({low}, {high}, {i}),"),
        }
    }
}

fn decode_plan(out: &mut String, catalog: &Catalog) {
    let t = &catalog.envelope.template;
    out.push_str("DecodePlan { code: ");
    path(out, t.path_of(Slot::Code));
    out.push_str(", doc_url: ");
    path(out, t.path_of(Slot::DocUrl));
    out.push_str(", message: ");
    path(out, t.path_of(Slot::Message));
    out.push_str(", details: ");
    path(out, t.path_of(Slot::Details));
    out.push_str(", category: ");
    path(out, t.path_of(Slot::Category));
    out.push_str(", merged: ");
    match t.merge_path() {
        Some(p) => {
            out.push_str("Some((");
            steps(out, &p);
            out.push_str(", &[");
            for name in &t.member_names_at(&p) {
                emit!(out, "{},", Str(name));
            }
            out.push_str("]))");
        }
        None => out.push_str("None"),
    }
    out.push_str(" }");
}
