//! The variants of the generated enum: fields, types and doc comments.

use crate::emit::write_docs;
use crate::names::{field_ident, field_text, type_ident};
use crate::types::{self, Generated};
use errcat_catalog::Catalog;
use errcat_catalog::compile::{VariantField, variant_fields};
use errcat_catalog::http_status::status_title;
use errcat_catalog::ident;
use errcat_catalog::model::{Entry, EntryKind, Field, Message, TypeKind, TypeSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// The name of the type generated for a field's nested object or enum.
pub fn nested_type_name(owner: &str, field: &Field) -> String {
    ident::field_type_name(owner, &field.rust_name)
}

pub use errcat_catalog::ident::details_type_name;

/// One Rust field of a variant, as source text.
pub struct FieldText {
    /// The field name (`name` or `r#name`).
    pub name: String,
    /// The type.
    pub ty: String,
    /// The doc comment's text.
    pub doc: String,
}

/// The Rust fields of an entry's variant.
pub struct VariantFields {
    /// Value-carrying fields, in value-index order.
    pub fields: Vec<FieldText>,
    /// Whether the variant has a `source` field.
    pub source: bool,
}

/// Works out the fields of an entry's variant, generating nested types.
pub fn fields(entry: &Entry, module: &str, generated: &mut Generated) -> VariantFields {
    let origin = format!("error `{}`", entry.key);
    let fields = variant_fields(entry)
        .into_iter()
        .map(|f| match f {
            VariantField::Detail(field) => {
                let ty = types::field_type(field, &entry.ident, &origin, module, generated);
                let mut doc = field
                    .ty
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("The `{}` details field.", field.name));
                if !field.in_body {
                    doc.push_str("\n\nNot sent in the body.");
                }
                FieldText {
                    name: field_text(&field.rust_name).into_owned(),
                    ty,
                    doc,
                }
            }
            VariantField::DetailsValue(ty) => {
                let t = types::rust_type(
                    ty,
                    &details_type_name(&entry.ident),
                    &origin,
                    module,
                    generated,
                );
                let doc = ty
                    .description
                    .clone()
                    .unwrap_or_else(|| "The details.".to_owned());
                FieldText {
                    name: "details".to_owned(),
                    ty: t,
                    doc,
                }
            }
            VariantField::Message => FieldText {
                name: "message".to_owned(),
                ty: "::std::string::String".to_owned(),
                doc: "The message of this occurrence; the catalogue says it varies.".to_owned(),
            },
        })
        .collect();
    VariantFields {
        fields,
        source: entry.source,
    }
}

/// Writes one variant of the generated enum: its docs, name and fields.
pub fn write_variant(
    out: &mut String,
    catalog: &Catalog,
    entry: &Entry,
    enum_name: &str,
    fields: &VariantFields,
) {
    write_docs(out, &variant_docs(catalog, entry, enum_name));
    // The catalogue checked that the name is an identifier; writing it as
    // text spares two calls into the compiler per variant (`Ident::new`
    // and its `to_string`), and lets this run off the compiler's thread.
    out.push_str(&entry.ident);
    if fields.fields.is_empty() && !fields.source {
        out.push(',');
        return;
    }
    out.push_str(" {");
    for f in &fields.fields {
        write_docs(out, &f.doc);
        emit!(out, "{}: {},", f.name, f.ty);
    }
    if fields.source {
        out.push_str("/// The underlying error, for logs; never sent.\nsource: ::errcat::Source,");
    }
    out.push_str("},");
}

/// The doc comment of a variant, from the entry's title, description,
/// message, causes and fixes.
fn variant_docs(catalog: &Catalog, entry: &Entry, enum_name: &str) -> String {
    let mut text = String::with_capacity(256);
    let status = entry.status.map_or_else(
        || "no HTTP status".to_owned(),
        |s| format!("HTTP {s} {}", status_title(s)),
    );
    let mut facts = status;
    if let Some(c) = catalog.category(&entry.category) {
        emit!(&mut facts, ", {}", c.title);
    }
    if entry.kind != EntryKind::Error {
        emit!(&mut facts, ", a {}", entry.kind.name());
    }
    match &entry.title {
        Some(title) => emit!(&mut text, "**{title}**: `{}`, {facts}.", entry.code),
        None => emit!(&mut text, "`{}`: {facts}.", entry.code),
    }
    if let Some(d) = &entry.description {
        text.push_str("\n\n");
        text.push_str(d.trim_end());
    }
    match &entry.message {
        Message::Template(t) => emit!(&mut text, "\n\nMessage: \"{}\"", t.display_form()),
        Message::Varies { .. } => text.push_str("\n\nMessage: varies; set in the `message` field."),
        Message::Absent => {}
    }
    if let Some(p) = &entry.public_message {
        emit!(
            &mut text,
            "\n\nSent on the wire instead: \"{}\"",
            p.display_form()
        );
    }
    for (heading, items, ordered) in [
        ("Causes", &entry.causes, entry.causes_ordered),
        ("Fixes", &entry.fixes, entry.fixes_ordered),
    ] {
        if !items.is_empty() {
            emit!(&mut text, "\n\n# {heading}\n");
            for (i, item) in items.iter().enumerate() {
                let item = item.trim_end().replace('\n', "\n   ");
                if ordered {
                    emit!(&mut text, "\n{}. {item}", i + 1);
                } else {
                    emit!(&mut text, "\n- {item}");
                }
            }
        }
    }
    if let Some(note) = &entry.note {
        text.push_str("\n\n# Note\n\n");
        text.push_str(note.trim_end());
    }
    if let Some(dep) = &entry.deprecated {
        text.push_str("\n\n**Deprecated**");
        if let Some(since) = &dep.since {
            emit!(&mut text, " since {since}");
        }
        if let Some(by) = dep.replaced_by.as_ref().and_then(|k| catalog.entry(k)) {
            emit!(&mut text, "; use [`{enum_name}::{}`] instead", by.ident);
        }
        text.push('.');
        if let Some(note) = &dep.note {
            text.push(' ');
            text.push_str(note.trim_end());
        }
    }
    text
}

/// A Rust expression building `value` as the type of `ty`, whose generated
/// type (if any) is called `name`.
pub fn value_expr(value: &Value, ty: &TypeSpec, name: &str, module: &Ident) -> TokenStream {
    match (&ty.kind, value) {
        (TypeKind::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (TypeKind::Integer(f), v) => {
            let lit = match f {
                errcat_catalog::model::IntFormat::Int32 => Literal::i32_suffixed(
                    v.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or(0),
                ),
                errcat_catalog::model::IntFormat::Int64 => {
                    Literal::i64_suffixed(v.as_i64().unwrap_or(0))
                }
                errcat_catalog::model::IntFormat::Uint32 => Literal::u32_suffixed(
                    v.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                ),
                errcat_catalog::model::IntFormat::Uint64 => {
                    Literal::u64_suffixed(v.as_u64().unwrap_or(0))
                }
            };
            quote!(#lit)
        }
        (TypeKind::Number, v) => {
            let lit = Literal::f64_suffixed(v.as_f64().unwrap_or(0.0));
            quote!(#lit)
        }
        (TypeKind::Boolean, Value::Bool(b)) => quote!(#b),
        (TypeKind::Enum(_), Value::String(s)) => {
            let t = type_ident(name);
            let v = type_ident(&ident::pascal(s));
            quote!(#module::#t::#v)
        }
        (TypeKind::Array(item), Value::Array(items)) => {
            let item_name = ident::item_type_name(name);
            let items = items
                .iter()
                .map(|v| value_expr(v, item, &item_name, module));
            quote!(::std::vec![#(#items),*])
        }
        (TypeKind::Object(fields), Value::Object(map)) => {
            let t = type_ident(name);
            let members = fields.iter().map(|f| {
                let id = field_ident(&f.rust_name);
                let v = field_value_expr(map.get(&f.name), f, name, module);
                quote!(#id: #v)
            });
            quote!(#module::#t { #(#members),* })
        }
        _ => quote!(::core::default::Default::default()),
    }
}

/// The expression for a field's value, wrapping optional fields.
pub fn field_value_expr(
    value: Option<&Value>,
    field: &Field,
    owner: &str,
    module: &Ident,
) -> TokenStream {
    let name = nested_type_name(owner, field);
    match value.filter(|v| !v.is_null()) {
        Some(v) => {
            let e = value_expr(v, &field.ty, &name, module);
            if field.optional {
                quote!(::core::option::Option::Some(#e))
            } else {
                e
            }
        }
        None if field.optional => quote!(::core::option::Option::None),
        None => value_expr(
            &errcat_catalog::examples::synthesize(&field.ty, &field.name),
            &field.ty,
            &name,
            module,
        ),
    }
}
