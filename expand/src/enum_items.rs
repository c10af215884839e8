//! The generated enum: one variant per entry, with typed fields and doc
//! comments from the catalogue, and the types of its companion module.

use crate::detail_types::DetailTypes;
use crate::names::{doc, field_ident, type_ident};
use crate::variant_plan::{VariantField, variant_fields};
use errcat_catalog::Catalog;
use errcat_catalog::ident::details_type_name;
use errcat_catalog::model::{Entry, EntryKind, Message};
use errcat_catalog::status_title;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::fmt::Write as _;

/// The variants of the enum, and the types their fields need (into
/// `types`).
pub fn variants(
    catalog: &Catalog,
    enum_name: &Ident,
    module: &Ident,
    fallbacks: &[usize],
    types: &mut DetailTypes,
) -> TokenStream {
    let module = quote!(#module);
    // Each list is collected into one stream: interpolating streams one by
    // one copies the growing stream each time.
    let mut out = Vec::with_capacity(catalog.entries.len());
    for (index, entry) in catalog.entries.iter().enumerate() {
        let docs = doc(&variant_docs(catalog, entry, enum_name));
        let v = type_ident(&entry.ident);
        let mut fields = value_fields(entry, &module, types);
        if entry.source {
            fields.push(quote! {
                /// The underlying error, for logs; never sent.
                source: ::errcat::Source,
            });
        }
        if fallbacks.contains(&index) {
            fields.push(quote! {
                /// What a client received, when it decoded a code of this
                /// error's family that the catalogue does not have; empty
                /// ([`errcat::Received::none`]) otherwise.
                received: ::errcat::Received,
            });
        }
        if fields.is_empty() {
            out.push(quote!(#docs #v,));
        } else {
            let fields: TokenStream = fields.into_iter().collect();
            out.push(quote!(#docs #v { #fields },));
        }
    }
    out.into_iter().collect()
}

/// The value fields of an entry's variant.
fn value_fields(entry: &Entry, module: &TokenStream, types: &mut DetailTypes) -> Vec<TokenStream> {
    let origin = format!("error `{}`", entry.key);
    let mut out = Vec::new();
    for field in variant_fields(entry) {
        let (ty, text) = match field {
            VariantField::Detail(f) => {
                let ty = types.field_type(f, &entry.ident, &origin, module);
                let mut text =
                    f.ty.description
                        .clone()
                        .unwrap_or_else(|| format!("The `{}` details field.", f.name));
                if !f.in_body {
                    text.push_str("\n\nNot sent in the body.");
                }
                (ty, text)
            }
            VariantField::DetailsValue(spec) => {
                let name = details_type_name(&entry.ident);
                let ty = types.rust_type(spec, &name, &origin, module);
                let text = spec
                    .description
                    .clone()
                    .unwrap_or_else(|| "The details.".to_owned());
                (ty, text)
            }
            VariantField::Message => (
                quote!(::std::string::String),
                "The message of this occurrence; the catalogue says it varies.".to_owned(),
            ),
        };
        let docs = doc(&text);
        let name = field_ident(field.rust_name());
        out.push(quote!(#docs #name: #ty,));
    }
    out
}

/// The doc comment of a variant, from the entry's title, description,
/// message, causes and fixes.
fn variant_docs(catalog: &Catalog, entry: &Entry, enum_name: &Ident) -> String {
    let mut text = String::with_capacity(256);
    let mut facts = entry.status.map_or_else(
        || "no HTTP status".to_owned(),
        |s| format!("HTTP {s} {}", status_title(s)),
    );
    if let Some(c) = catalog.category(&entry.category) {
        let _ = write!(facts, ", {}", c.title);
    }
    if entry.kind != EntryKind::Error {
        let _ = write!(facts, ", a {}", entry.kind.name());
    }
    let _ = match &entry.title {
        Some(title) => write!(text, "**{title}**: `{}`, {facts}.", entry.code),
        None => write!(text, "`{}`: {facts}.", entry.code),
    };
    if let Some(d) = &entry.description {
        text.push_str("\n\n");
        text.push_str(d.trim_end());
    }
    match &entry.message {
        Message::Template(t) => {
            let _ = write!(text, "\n\nMessage: \"{}\"", t.display_form());
        }
        Message::Varies { .. } => text.push_str("\n\nMessage: varies; set in the `message` field."),
        Message::Absent => {}
    }
    if let Some(p) = &entry.public_message {
        let _ = write!(
            text,
            "\n\nSent on the wire instead: \"{}\"",
            p.display_form()
        );
    }
    for (heading, items, ordered, intro) in [
        (
            "Causes",
            &entry.causes,
            entry.causes_ordered,
            &entry.causes_intro,
        ),
        (
            "Fixes",
            &entry.fixes,
            entry.fixes_ordered,
            &entry.fixes_intro,
        ),
    ] {
        if !items.is_empty() {
            let _ = write!(text, "\n\n# {heading}\n");
            if let Some(intro) = intro {
                let _ = write!(text, "\n{}\n", intro.trim_end());
            }
            for (i, item) in items.iter().enumerate() {
                let item = item.trim_end().replace('\n', "\n   ");
                let _ = if ordered {
                    write!(text, "\n{}. {item}", i + 1)
                } else {
                    write!(text, "\n- {item}")
                };
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
            let _ = write!(text, " since {since}");
        }
        if let Some(by) = dep.replaced_by.as_ref().and_then(|k| catalog.entry(k)) {
            let _ = write!(text, "; use [`{enum_name}::{}`] instead", by.ident);
        }
        text.push('.');
        if let Some(note) = &dep.note {
            text.push(' ');
            text.push_str(note.trim_end());
        }
    }
    text
}

/// The category enum of the companion module.
pub fn category_enum(catalog: &Catalog, unknown: Option<&Ident>) -> TokenStream {
    if catalog.categories.is_empty() {
        return TokenStream::new();
    }
    let idents: Vec<Ident> = catalog
        .categories
        .iter()
        .map(|c| type_ident(&c.ident))
        .collect();
    let keys = catalog.categories.iter().map(|c| &c.key);
    let wires = catalog.categories.iter().map(|c| &c.wire);
    let titles = catalog.categories.iter().map(|c| &c.title);
    let docs = catalog.categories.iter().map(|c| {
        let mut text = format!("**{}** (`{}`)", c.title, c.wire);
        if let Some(d) = &c.description {
            text.push_str("\n\n");
            text.push_str(d);
        }
        doc(&text)
    });
    let count = Literal::usize_unsuffixed(idents.len());
    // With a catch-all, one more category for an error whose wire category
    // the catalogue does not have.
    let (extra, extra_arm, extra_title, of_unknown) = match unknown {
        Some(u) => (
            quote! {
                /// The category of an error this catalogue does not have,
                /// when its wire category is not one of the above either
                /// (the catch-all's `UnknownError::category` has the text).
                #u,
            },
            quote!(Self::#u => "",),
            quote!(Self::#u => "Unknown",),
            quote! {
                /// The category of a catch-all error: the one whose wire
                /// name the body carries, else the catch-all's own.
                #[must_use]
                pub fn of_unknown(error: &::errcat::UnknownError) -> Self {
                    Self::ALL
                        .into_iter()
                        .find(|c| error.category() == ::core::option::Option::Some(c.wire()))
                        .unwrap_or(Self::#u)
                }
            },
        ),
        None => Default::default(),
    };
    quote! {
        /// The categories of the catalogue, in their documented order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Category {
            #( #docs #idents, )*
            #extra
        }

        impl Category {
            /// Every category of the catalogue, in order.
            pub const ALL: [Self; #count] = [#(Self::#idents),*];

            /// The key used in the catalogue.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self { #(Self::#idents => #keys,)* #extra_arm }
            }

            /// The name sent on the wire.
            #[must_use]
            pub const fn wire(self) -> &'static str {
                match self { #(Self::#idents => #wires,)* #extra_arm }
            }

            /// The heading used in the docs.
            #[must_use]
            pub const fn title(self) -> &'static str {
                match self { #(Self::#idents => #titles,)* #extra_title }
            }

            #of_unknown
        }

        impl ::core::fmt::Display for Category {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.wire())
            }
        }
    }
}
