//! `examples()`: the catalogue's examples as values of the generated type.

use crate::names::{field_ident, option_str, type_ident};
use crate::type_impls::Target;
use crate::variant_plan::{VariantField, variant_fields};
use errcat_catalog::Json;
use errcat_catalog::ident;
use errcat_catalog::ident::details_type_name;
use errcat_catalog::model::{Entry, Example, Field, IntFormat, TypeKind, TypeSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The `examples()` method.
pub fn examples_method(t: &Target<'_>) -> TokenStream {
    let items: TokenStream = t
        .plans
        .iter()
        .flat_map(|plan| {
            let entry = &t.catalog.entries[plan.entry];
            entry.examples.iter().map(move |example| {
                let error = example_error(t, entry, &plan.ident, plan.received, example);
                let key = &entry.key;
                let name = option_str(example.name.as_deref());
                let r = &example.request;
                let (id, ts, inst) = (
                    option_str(r.request_id.as_deref()),
                    option_str(r.timestamp.as_deref()),
                    option_str(r.instance.as_deref()),
                );
                quote! {
                    ::errcat::Example {
                        key: #key,
                        name: #name,
                        error: #error,
                        context: ::errcat::RequestContext {
                            request_id: #id,
                            timestamp: #ts,
                            instance: #inst,
                            locale: ::core::option::Option::None,
                        },
                    },
                }
            })
        })
        .collect();
    quote! {
        /// Every example of the catalogue, as values of this type with their
        /// per-request values, in catalogue order.
        #[must_use]
        pub fn examples() -> ::std::vec::Vec<::errcat::Example<Self>> {
            ::std::vec![#items]
        }
    }
}

fn example_error(
    t: &Target<'_>,
    entry: &Entry,
    v: &Ident,
    received: bool,
    example: &Example,
) -> TokenStream {
    let ty = t.ty;
    let module = t.module;
    let mut fields: Vec<TokenStream> = variant_fields(entry)
        .into_iter()
        .map(|f| match f {
            VariantField::Detail(field) => {
                let id = field_ident(&field.rust_name);
                let value = field_value(
                    example.details.get(&field.name),
                    field,
                    &entry.ident,
                    module,
                );
                quote!(#id: #value)
            }
            VariantField::DetailsValue(spec) => {
                let value = value_expr(
                    &example.details,
                    spec,
                    &details_type_name(&entry.ident),
                    module,
                );
                quote!(details: #value)
            }
            VariantField::Message => {
                let text = example.message.clone().unwrap_or_default();
                quote!(message: ::std::string::String::from(#text))
            }
        })
        .collect();
    if entry.source {
        fields.push(quote!(source: ::errcat::Source::none()));
    }
    if received {
        fields.push(quote!(received: ::errcat::Received::none()));
    }
    if fields.is_empty() {
        quote!(#ty::#v)
    } else {
        quote!(#ty::#v { #(#fields),* })
    }
}

/// A Rust expression building `value` as the type of `ty`, whose generated
/// type (if any) is called `name`.
fn value_expr(value: &Json, ty: &TypeSpec, name: &str, module: &Ident) -> TokenStream {
    match (&ty.kind, value) {
        (TypeKind::String, Json::Str(s)) => quote!(::std::string::String::from(#s)),
        (TypeKind::Integer(f), v) => {
            let lit = match f {
                IntFormat::Int32 => Literal::i32_suffixed(
                    v.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or(0),
                ),
                IntFormat::Int64 => Literal::i64_suffixed(v.as_i64().unwrap_or(0)),
                IntFormat::Uint32 => Literal::u32_suffixed(
                    v.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                ),
                IntFormat::Uint64 => Literal::u64_suffixed(v.as_u64().unwrap_or(0)),
            };
            quote!(#lit)
        }
        (TypeKind::Number, v) => {
            let lit = Literal::f64_suffixed(v.as_f64().unwrap_or(0.0));
            quote!(#lit)
        }
        (TypeKind::Boolean, Json::Bool(b)) => quote!(#b),
        (TypeKind::Enum(_), Json::Str(s)) => {
            let t = type_ident(name);
            let v = type_ident(&ident::pascal(s));
            quote!(#module::#t::#v)
        }
        (TypeKind::Array(item), Json::Array(items)) => {
            let item_name = ident::item_type_name(name);
            let items = items
                .iter()
                .map(|v| value_expr(v, item, &item_name, module));
            quote!(::std::vec![#(#items),*])
        }
        (TypeKind::Object(fields), Json::Object(_)) => {
            let t = type_ident(name);
            let members = fields.iter().map(|f| {
                let id = field_ident(&f.rust_name);
                let v = field_value(value.get(&f.name), f, name, module);
                quote!(#id: #v)
            });
            quote!(#module::#t { #(#members),* })
        }
        _ => quote!(::core::default::Default::default()),
    }
}

/// The expression for a field's value, wrapping optional fields.
fn field_value(value: Option<&Json>, field: &Field, owner: &str, module: &Ident) -> TokenStream {
    let name = ident::field_type_name(owner, &field.rust_name);
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
            &errcat_catalog::synthesize(&field.ty, &field.name),
            &field.ty,
            &name,
            module,
        ),
    }
}
