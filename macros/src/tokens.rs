//! Catalogue data written as Rust tokens: static tables of compiled body
//! programs, messages, headers and reflection data.

use errcat_catalog::Catalog;
use errcat_catalog::model::{Details, Entry, RequestField};
use errcat_catalog::program::{self, HeaderPlan, MsgPiece, Op, VariantField};
use errcat_catalog::template::{PathStep, Slot};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `Some(x)` or `None` as tokens.
pub fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

fn bytes(s: &str) -> Literal {
    Literal::byte_string(s.as_bytes())
}

use errcat_catalog::program::json_escaped;

fn request_tokens(f: RequestField) -> TokenStream {
    match f {
        RequestField::RequestId => quote!(::errcat::__private::Dyn::RequestId),
        RequestField::Timestamp => quote!(::errcat::__private::Dyn::Timestamp),
        RequestField::Instance => quote!(::errcat::__private::Dyn::Instance),
    }
}

fn index(i: usize) -> Literal {
    Literal::u16_unsuffixed(u16::try_from(i).unwrap_or(u16::MAX))
}

fn message(pieces: &[MsgPiece]) -> TokenStream {
    let items = pieces.iter().map(|p| match p {
        MsgPiece::Lit(text) => {
            let escaped = bytes(&json_escaped(text));
            quote!(::errcat::__private::MsgPiece::Lit(#text, #escaped))
        }
        MsgPiece::Field(i) => {
            let i = index(*i);
            quote!(::errcat::__private::MsgPiece::Field(#i))
        }
    });
    quote!(&[#(#items),*])
}

/// The `Entry` table of a whole catalogue, with `info` pointing into the
/// `infos` static named `infos_name`.
pub fn entry_table(catalog: &Catalog, infos_name: &proc_macro2::Ident) -> TokenStream {
    let items = catalog
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| entry_static(catalog, entry, i, infos_name));
    quote!([#(#items),*])
}

fn entry_static(
    catalog: &Catalog,
    entry: &Entry,
    position: usize,
    infos_name: &proc_macro2::Ident,
) -> TokenStream {
    let compiled = program::compile(catalog, entry);
    let (ops, static_len) = body_ops(&compiled.body);
    let wire = message(&compiled.wire_message);
    let display = message(&compiled.display_message);
    let details_value = option(matches!(entry.details, Details::Value(_)).then(|| index(0)));
    let headers = compiled.headers.iter().map(|(name, plan)| {
        let src = match plan {
            HeaderPlan::Field(i) => {
                let i = index(*i);
                quote!(::errcat::__private::HeaderSrc::Field(#i))
            }
            HeaderPlan::Request(f) => {
                let d = request_tokens(*f);
                quote!(::errcat::__private::HeaderSrc::Request(#d))
            }
        };
        quote!((#name, #src))
    });
    let fields = program::variant_fields(entry).into_iter().map(|f| {
        let (name, in_body) = match f {
            VariantField::Detail(field) => (field.name.as_str(), field.in_body),
            VariantField::DetailsValue(_) => ("details", true),
            VariantField::Message => ("message", false),
        };
        quote!(::errcat::__private::FieldSpec { name: #name, in_body: #in_body })
    });
    let position = Literal::usize_unsuffixed(position);
    quote! {
        ::errcat::__private::Entry {
            info: &#infos_name[#position],
            body: &[#(#ops),*],
            static_len: #static_len,
            wire_message: #wire,
            display_message: #display,
            details_value: #details_value,
            headers: &[#(#headers),*],
            fields: &[#(#fields),*],
        }
    }
}

/// The runtime ops of a body, and the bytes of static text in it. A static
/// fragment followed by a value becomes one op carrying the fragment, so the
/// runtime dispatches once per value.
fn body_ops(body: &[Op]) -> (Vec<TokenStream>, usize) {
    let mut out = Vec::new();
    let mut static_len = 0usize;
    let mut pending: Option<&str> = None;
    let flush = |pending: &mut Option<&str>, out: &mut Vec<TokenStream>| {
        if let Some(text) = pending.take() {
            let b = bytes(text);
            out.push(quote!(::errcat::__private::Op::Raw(#b)));
        }
    };
    for op in body {
        match op {
            Op::Raw(text) => {
                static_len += text.len();
                flush(&mut pending, &mut out);
                pending = Some(text);
            }
            Op::Json(i) | Op::Text(i) => {
                let prefix = bytes(pending.take().unwrap_or(""));
                let i = index(*i);
                out.push(if matches!(op, Op::Json(_)) {
                    quote!(::errcat::__private::Op::Json(#prefix, #i))
                } else {
                    quote!(::errcat::__private::Op::Text(#prefix, #i))
                });
            }
            Op::Request(f) => {
                let prefix = bytes(pending.take().unwrap_or(""));
                let d = request_tokens(*f);
                out.push(quote!(::errcat::__private::Op::Request(#prefix, #d)));
            }
            other => {
                flush(&mut pending, &mut out);
                out.push(match other {
                    Op::SetComma(c) => quote!(::errcat::__private::Op::SetComma(#c)),
                    Op::CommaIf => quote!(::errcat::__private::Op::CommaIf),
                    Op::OptJson { key, index: i } => {
                        static_len += key.len() + 1;
                        let b = bytes(key);
                        let i = index(*i);
                        quote!(::errcat::__private::Op::OptJson(#b, #i))
                    }
                    Op::OptRequest { key, field } => {
                        static_len += key.len() + 1;
                        let b = bytes(key);
                        let d = request_tokens(*field);
                        quote!(::errcat::__private::Op::OptRequest(#b, #d))
                    }
                    Op::Raw(_) | Op::Json(_) | Op::Text(_) | Op::Request(_) => unreachable!(),
                });
            }
        }
    }
    flush(&mut pending, &mut out);
    (out, static_len)
}

/// The `EntryInfo` table.
pub fn info_table(catalog: &Catalog) -> TokenStream {
    let items = catalog.entries.iter().map(|e| {
        let key = &e.key;
        let variant = &e.ident;
        let code = &e.code;
        let status = option(e.status);
        let category = catalog.category(&e.category).expect("validated category");
        let (cat_key, cat_wire) = (&category.key, &category.wire);
        let title = e.title_or_code();
        let retryable = option(e.retryable);
        let doc_url = option(catalog.doc_url(e));
        let deprecated = e.deprecated.is_some();
        quote! {
            ::errcat::EntryInfo {
                key: #key, variant: #variant, code: #code, status: #status, category: #cat_key,
                category_wire: #cat_wire, title: #title, retryable: #retryable, doc_url: #doc_url,
                deprecated: #deprecated,
            }
        }
    });
    quote!([#(#items),*])
}

/// A sorted `(key, entry index)` table for binary search.
pub fn lookup_table(pairs: impl Iterator<Item = (String, usize)>) -> TokenStream {
    let mut pairs: Vec<(String, usize)> = pairs.collect();
    pairs.sort();
    let items = pairs.iter().map(|(k, i)| {
        let i = Literal::u32_unsuffixed(u32::try_from(*i).unwrap_or(u32::MAX));
        quote!((#k, #i))
    });
    quote!(&[#(#items),*])
}

fn path(steps: &[PathStep]) -> TokenStream {
    let items = steps.iter().map(|s| match s {
        PathStep::Key(k) => quote!(::errcat::__private::Step::Key(#k)),
        PathStep::Index(i) => quote!(::errcat::__private::Step::Index(#i)),
    });
    quote!(&[#(#items),*])
}

/// The decode plan of the catalogue's envelope.
pub fn decode_plan(catalog: &Catalog) -> TokenStream {
    let t = &catalog.envelope.template;
    let code = option(t.path_of(Slot::Code).map(|p| path(&p)));
    let doc_url = option(t.path_of(Slot::DocUrl).map(|p| path(&p)));
    let message = option(t.path_of(Slot::Message).map(|p| path(&p)));
    let details = option(t.path_of(Slot::Details).map(|p| path(&p)));
    let merged = option(t.merge_path().map(|p| {
        let names = t.member_names_at(&p);
        let p = path(&p);
        quote!((#p, &[#(#names),*]))
    }));
    quote! {
        ::errcat::__private::DecodePlan { code: #code, doc_url: #doc_url, message: #message, details: #details, merged: #merged }
    }
}
