//! The whole expansion of a catalogue enum: the enum, its companion
//! module and its impls, from a loaded catalogue and a description of the
//! enum. The attribute macro parses its input into these; errcat-build
//! builds them from its options, without parsing Rust.

use crate::decode_code;
use crate::detail_types::DetailTypes;
use crate::enum_items;
use crate::names::doc;
use crate::type_impls::{self, Target};
use crate::variant_plan::VariantPlan;
use errcat_catalog::Catalog;
use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// The enum the catalogue's variants go into.
pub struct EnumItem {
    /// The user's attributes (`#[derive(Clone, PartialEq)]`, docs).
    pub attrs: TokenStream,
    /// Its visibility (`pub`).
    pub vis: TokenStream,
    /// Its name.
    pub ident: Ident,
}

/// What the expansion includes beyond the enum and its impls.
#[derive(Default)]
pub struct Options {
    /// The companion module's name; by default the enum's in snake case.
    pub module: Option<Ident>,
    /// `examples()`: the catalogue's examples as values.
    pub examples: bool,
    /// The OpenAPI components and the utoipa and aide impls; the span of
    /// the argument, for the error when the feature is off.
    pub openapi: Option<Span>,
    /// The catch-all variant for codes the catalogue does not have.
    pub unknown: Option<Ident>,
    /// `#[allow(clippy::all, clippy::pedantic)]` on each item, for code
    /// written into a file (errcat-build): expanded from the macro, the
    /// code is shielded from clippy's style lints, but included from a
    /// file it reads as the crate's own source. rustc's lints still apply.
    pub allow_clippy: bool,
    /// The errors of each operation: typed subsets of the enum.
    pub operations: Vec<Operation>,
}

/// The errors one operation returns: an enum of its own holding those
/// variants of the catalogue enum, with the same fields and types, the
/// same impls, `From` into the catalogue enum, and OpenAPI responses for
/// those errors only. A handler returning it cannot return another error.
pub struct Operation {
    /// The enum's name (`GetSessionError`).
    pub ident: Ident,
    /// The variants it holds, as the catalogue enum names them.
    pub variants: Vec<Ident>,
}

impl EnumItem {
    /// Whether the attributes derive `Debug` (which the expansion
    /// otherwise adds).
    fn derives_debug(&self) -> bool {
        for token in self.attrs.clone() {
            if let TokenTree::Group(attr) = token
                && attr.delimiter() == Delimiter::Bracket
            {
                let mut inner = attr.stream().into_iter();
                let is_derive = matches!(inner.next(), Some(TokenTree::Ident(i)) if i == "derive");
                if is_derive
                    && let Some(TokenTree::Group(list)) = inner.next()
                    && list
                        .stream()
                        .into_iter()
                        .any(|t| matches!(t, TokenTree::Ident(i) if i == "Debug"))
                {
                    return true;
                }
            }
        }
        false
    }
}

/// The entries that are a family's fallback: their variants keep what a
/// client received for a code the family took in.
fn family_fallbacks(catalog: &Catalog) -> Vec<usize> {
    let mut out: Vec<usize> = catalog
        .families
        .iter()
        .filter_map(|f| catalog.entries.iter().position(|e| e.key == f.fallback))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A compile error at the name, or `None` if the catch-all's name is free.
fn unknown_clash(catalog: &Catalog, u: &Ident) -> Option<TokenStream> {
    let message = if let Some(entry) = catalog.entries.iter().find(|e| *u == e.ident) {
        format!(
            "the catch-all `{u}` has the name of the variant of `{}`; choose another, as in `unknown = Other`",
            entry.key
        )
    } else if catalog.categories.iter().any(|c| *u == c.ident) {
        format!(
            "the catch-all `{u}` has the name of a category, and it names the catch-all's category too; choose another, as in `unknown = Other`"
        )
    } else {
        return None;
    };
    Some(compile_error(u.span(), &message))
}

/// `compile_error!(message)` at `span`.
pub fn compile_error(span: Span, message: &str) -> TokenStream {
    quote::quote_spanned!(span=> ::core::compile_error!(#message);)
}

/// Generates the enum, its companion module and its impls, and the enum
/// of each operation.
pub fn generate(catalog: &Catalog, item: &EnumItem, options: &Options) -> TokenStream {
    let module = options.module.clone().unwrap_or_else(|| {
        quote::format_ident!("{}", crate::names::module_name(&item.ident.to_string()))
    });
    let mut out = generate_enum(catalog, item, options, &module, None);
    for op in &options.operations {
        out.extend(generate_operation(catalog, item, options, &module, op));
    }
    out
}

/// For an operation's enum: the catalogue enum it converts into, and the
/// whole catalogue, whose schemas its OpenAPI responses refer to.
struct Parent<'a> {
    ty: &'a Ident,
    catalog: &'a Catalog,
}

/// The enum of one operation: the catalogue reduced to its errors, with
/// the detail types of the catalogue enum's module.
/// The error for an operation naming a variant the catalogue does not
/// have: a "did you mean" when one is close, else the variants there are.
fn unknown_variant_message(catalog: &Catalog, parent: &EnumItem, v: &Ident) -> String {
    let known: Vec<&str> = catalog.entries.iter().map(|e| e.ident.as_str()).collect();
    let name = v.to_string();
    if let Some(close) = errcat_catalog::did_you_mean(&name, known.iter().copied()) {
        return format!(
            "`{}` has no variant `{name}`; did you mean `{close}`?",
            parent.ident
        );
    }
    let more = if known.len() > 12 { ", ..." } else { "" };
    let listed = known[..known.len().min(12)].join(", ");
    format!(
        "`{}` has no variant `{name}`; its variants are {listed}{more}",
        parent.ident
    )
}

fn generate_operation(
    catalog: &Catalog,
    parent: &EnumItem,
    options: &Options,
    module: &Ident,
    op: &Operation,
) -> TokenStream {
    let mut errors = TokenStream::new();
    for v in &op.variants {
        if !catalog.entries.iter().any(|e| *v == e.ident) {
            let message = unknown_variant_message(catalog, parent, v);
            errors.extend(compile_error(v.span(), &message));
        }
    }
    let mut subset = catalog.clone();
    subset
        .entries
        .retain(|e| op.variants.iter().any(|v| *v == e.ident));
    subset
        .families
        .retain(|f| subset.entries.iter().any(|e| e.key == f.fallback));
    let about = |h: &errcat_catalog::model::RequestHeader| {
        subset.entries.iter().any(|e| {
            e.request_headers
                .iter()
                .any(|n| n.value.eq_ignore_ascii_case(&h.name))
        })
    };
    let headers = subset
        .request_headers
        .iter()
        .filter(|h| about(h))
        .cloned()
        .collect();
    subset.request_headers = headers;
    // Only the statuses its errors have.
    let statuses: Vec<_> = subset
        .statuses
        .iter()
        .filter(|d| subset.entries.iter().any(|e| e.status == Some(d.status)))
        .cloned()
        .collect();
    subset.statuses = statuses;
    let attrs = without_docs(&parent.attrs);
    let names: Vec<String> = op.variants.iter().map(ToString::to_string).collect();
    let docs = doc(&format!(
        "The errors of one operation: {} (variants of [`{}`], into which it converts).",
        names.join(", "),
        parent.ident
    ));
    let item = EnumItem {
        attrs: quote!(#docs #attrs),
        vis: parent.vis.clone(),
        ident: op.ident.clone(),
    };
    let sub_options = Options {
        module: Some(module.clone()),
        examples: options.examples,
        openapi: options.openapi,
        unknown: None,
        allow_clippy: options.allow_clippy,
        operations: Vec::new(),
    };
    let parent = Parent {
        ty: &parent.ident,
        catalog,
    };
    let body = generate_enum(&subset, &item, &sub_options, module, Some(&parent));
    quote!(#errors #body)
}

/// The attributes but the doc comments (`#` and its `[doc = ...]`).
fn without_docs(attrs: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    for token in attrs.clone() {
        if let TokenTree::Group(g) = &token
            && g.delimiter() == Delimiter::Bracket
            && g.stream().to_string().starts_with("doc")
            && matches!(out.last(), Some(TokenTree::Punct(p)) if p.as_char() == '#')
        {
            out.pop();
            continue;
        }
        out.push(token);
    }
    out.into_iter().collect()
}

/// `impl From<Operation> for Catalogue`: each variant moved across, field
/// for field.
fn into_parent(ty: &Ident, parent: &Ident, plans: &[VariantPlan]) -> TokenStream {
    let arms = plans.iter().map(|p| {
        let v = &p.ident;
        if p.unit {
            return quote!(#ty::#v => #parent::#v,);
        }
        let mut fields: Vec<Ident> = p.values.iter().flatten().cloned().collect();
        if p.source.is_some() {
            fields.push(quote::format_ident!("source"));
        }
        if p.received {
            fields.push(quote::format_ident!("received"));
        }
        quote!(#ty::#v { #(#fields),* } => #parent::#v { #(#fields),* },)
    });
    quote! {
        impl ::core::convert::From<#ty> for #parent {
            fn from(error: #ty) -> Self {
                match error {
                    #(#arms)*
                }
            }
        }
    }
}

/// The enum, with its companion module unless it is an operation's (whose
/// types are the catalogue enum's), and its impls.
fn generate_enum(
    catalog: &Catalog,
    item: &EnumItem,
    options: &Options,
    module: &Ident,
    parent: Option<&Parent<'_>>,
) -> TokenStream {
    let ty = &item.ident;
    let unknown = options.unknown.as_ref();
    if let Some(error) = unknown.and_then(|u| unknown_clash(catalog, u)) {
        return error;
    }
    let fallbacks = family_fallbacks(catalog);
    let mut types = DetailTypes::default();
    let variants = enum_items::variants(catalog, ty, module, &fallbacks, &mut types);
    if !types.collisions.is_empty() {
        let message = format!("errcat: {}", types.collisions.join("\n"));
        return quote!(::core::compile_error!(#message););
    }
    let catch_all = unknown.map(|u| {
        quote! {
            /// An error with a code this version of the catalogue does not have
            /// (nor a family that takes it in), kept whole: its code, status,
            /// message and details, and the body, which `to_json` writes back
            /// unchanged.
            #u(::errcat::UnknownError),
        }
    });
    let plans: Vec<VariantPlan> = catalog
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| VariantPlan::generated(i, e, fallbacks.contains(&i)))
        .collect();
    let target = Target {
        catalog,
        ty,
        module,
        plans: &plans,
        unknown,
    };
    let mut methods = decode_code::from_response(&target);
    methods.extend(decode_code::from_code(&target));
    methods.extend(crate::source_methods::source_methods(
        catalog, ty, &fallbacks,
    ));
    if options.examples {
        methods.extend(crate::example_values::examples_method(&target));
    }
    let (openapi_method, openapi_impls) = match options.openapi {
        Some(span) => openapi(parent.map_or(catalog, |p| p.catalog), catalog, ty, span),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let into_parent = parent.map(|p| into_parent(ty, p.ty, &plans));
    methods.extend(openapi_method);
    let impls = type_impls::impls(&target, methods);
    let tables = decode_code::tables(catalog);
    let categories = enum_items::category_enum(catalog, unknown);
    let nested: TokenStream = types.items.drain(..).collect();
    let EnumItem { attrs, vis, .. } = item;
    let debug = (!item.derives_debug()).then(|| quote!(#[derive(Debug)]));
    let module_doc = doc(&format!(
        "Types generated for [`{ty}`] from the catalogue `{}`.",
        catalog.name
    ));
    let enum_doc = catalog.description.as_deref().map(doc);
    let allow = options
        .allow_clippy
        .then(|| quote!(#[allow(clippy::all, clippy::pedantic)]));
    // An operation's enum uses the catalogue enum's module.
    let companion = parent.is_none().then(|| {
        quote! {
            #allow
            #module_doc
            #[allow(clippy::module_name_repetitions)]
            #vis mod #module {
                #categories
                #nested
            }
        }
    });
    quote! {
        #allow
        #attrs
        #enum_doc
        // Variant names and sizes come from the catalogue, not from the
        // user's choices, so these lints have nothing to act on. (Also
        // between the user's derives and errcat's, so that formatting the
        // file does not merge them.)
        #[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
        #debug
        #vis enum #ty {
            #variants
            #catch_all
        }

        #companion

        #allow
        const _: () = {
            #tables
            #impls
            #openapi_impls
            #into_parent

            impl ::errcat::FromResponse for #ty {
                fn from_response(
                    status: ::core::option::Option<u16>,
                    body: &[u8],
                ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
                    #ty::from_response(status, body)
                }
            }
        };
    }
}

/// The `openapi_components()` method and the impls for the inside of the
/// generated `const _`; with the feature off, a compile error at `span`.
#[cfg(feature = "openapi")]
fn openapi(
    whole: &Catalog,
    errors: &Catalog,
    ty: &Ident,
    _span: Span,
) -> (TokenStream, TokenStream) {
    crate::openapi_items::openapi_items(whole, errors, ty)
}

#[cfg(not(feature = "openapi"))]
fn openapi(_: &Catalog, _: &Catalog, _: &Ident, span: Span) -> (TokenStream, TokenStream) {
    let error = compile_error(
        span,
        "the `openapi` argument needs errcat's `openapi` feature (or `utoipa` or `aide`, which imply it)",
    );
    (TokenStream::new(), error)
}
