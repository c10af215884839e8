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

/// Generates the enum, its companion module and its impls.
pub fn generate(catalog: &Catalog, item: &EnumItem, options: &Options) -> TokenStream {
    let ty = &item.ident;
    let module = options
        .module
        .clone()
        .unwrap_or_else(|| quote::format_ident!("{}", crate::names::module_name(&ty.to_string())));
    let module = &module;
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
        Some(span) => openapi(catalog, ty, span),
        None => (TokenStream::new(), TokenStream::new()),
    };
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

        #allow
        #module_doc
        #[allow(clippy::module_name_repetitions)]
        #vis mod #module {
            #categories
            #nested
        }

        #allow
        const _: () = {
            #tables
            #impls
            #openapi_impls

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
fn openapi(catalog: &Catalog, ty: &Ident, _span: Span) -> (TokenStream, TokenStream) {
    crate::openapi_items::openapi_items(catalog, ty)
}

#[cfg(not(feature = "openapi"))]
fn openapi(_: &Catalog, _: &Ident, span: Span) -> (TokenStream, TokenStream) {
    let error = compile_error(
        span,
        "the `openapi` argument needs errcat's `openapi` feature (or `utoipa` or `aide`, which imply it)",
    );
    (TokenStream::new(), error)
}
