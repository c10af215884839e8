//! The impls shared by `#[errcat::catalog]` and `#[derive(errcat::Error)]`:
//! static tables, accessors, `Display`, `Error`, `CatalogError`, the wire
//! body, headers and the axum glue.

use crate::names::type_ident;
use crate::tokens;
use errcat_catalog::Catalog;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// How a variant holds its underlying error, if it has one.
pub enum SourceAccess {
    /// A named field of type `errcat::Source`.
    ErrcatSource(Ident),
    /// A named field of an error type (derive form), maybe `Option`al.
    Field { field: Ident, optional: bool },
    /// A tuple field (derive form, `#[from]`).
    Tuple { optional: bool },
}

/// One variant of the generated or annotated enum.
pub struct VariantPlan {
    /// Index of the catalogue entry.
    pub entry: usize,
    /// The variant name.
    pub ident: Ident,
    /// For each value index (see `program::variant_fields`): the Rust field
    /// holding it, or `None` for an optional field the variant omits.
    pub values: Vec<Option<Ident>>,
    /// The underlying error, if any.
    pub source: Option<SourceAccess>,
}

/// What to generate beyond the shared impls.
pub struct Extras {
    /// `from_response` (the attribute form only: hand-written variants may
    /// hold values a body cannot carry).
    pub decode: Option<TokenStream>,
    /// More inherent methods.
    pub methods: TokenStream,
}

/// The most headers any entry sets.
pub fn max_headers(catalog: &Catalog) -> usize {
    catalog
        .entries
        .iter()
        .map(|e| catalog.entry_headers(e).len())
        .max()
        .unwrap_or(0)
}

/// Generates everything but the type definitions.
pub fn generate(
    catalog: &Catalog,
    ty: &Ident,
    module: &Ident,
    plans: &[VariantPlan],
    extras: Extras,
) -> TokenStream {
    let infos = format_ident!("__ERRCAT_INFOS");
    let entries = format_ident!("__ERRCAT_ENTRIES");
    let count = Literal::usize_unsuffixed(catalog.entries.len());
    let info_table = tokens::info_table(catalog);
    let entry_table = tokens::entry_table(catalog, &infos);
    let by_code = tokens::lookup_table(
        catalog
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.clone(), i)),
    );
    let by_doc_url = tokens::lookup_table(
        catalog
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| catalog.doc_url(e).map(|u| (u, i))),
    );
    let plan = tokens::decode_plan(catalog);
    let content_type = &catalog.envelope.content_type;
    let header_cap = Literal::usize_unsuffixed(max_headers(catalog));
    let category_of = catalog.entries.iter().map(|e| {
        let c = type_ident(
            &catalog
                .category(&e.category)
                .expect("validated category")
                .ident,
        );
        quote!(#module::Category::#c)
    });

    let index_arms = plans.iter().map(|p| {
        let v = &p.ident;
        let i = Literal::usize_unsuffixed(p.entry);
        quote!(Self::#v { .. } => #i)
    });
    let with_arms = plans.iter().map(|p| {
        let v = &p.ident;
        let i = Literal::usize_unsuffixed(p.entry);
        let bound: Vec<&Ident> = p.values.iter().flatten().collect();
        let values = p.values.iter().map(|f| match f {
            Some(field) => quote!(::errcat::__private::ToValue::to_value(#field)),
            None => quote!(::errcat::__private::Value::Absent),
        });
        quote!(Self::#v { #(#bound,)* .. } => f(#i, &[#(#values),*]))
    });
    let source_arms = plans.iter().filter_map(|p| {
        let v = &p.ident;
        Some(match p.source.as_ref()? {
            SourceAccess::ErrcatSource(field) => quote!(Self::#v { #field, .. } => #field.get()),
            SourceAccess::Field { field, optional: false } => {
                quote!(Self::#v { #field, .. } => ::core::option::Option::Some(#field as &(dyn ::std::error::Error + 'static)))
            }
            SourceAccess::Field { field, optional: true } => {
                quote!(Self::#v { #field, .. } => #field.as_ref().map(|e| e as &(dyn ::std::error::Error + 'static)))
            }
            SourceAccess::Tuple { optional: false } => {
                quote!(Self::#v(e) => ::core::option::Option::Some(e as &(dyn ::std::error::Error + 'static)))
            }
            SourceAccess::Tuple { optional: true } => {
                quote!(Self::#v(e) => e.as_ref().map(|e| e as &(dyn ::std::error::Error + 'static)))
            }
        })
    });
    let Extras { decode, methods } = extras;
    let decode_tables = decode.as_ref().map(|_| {
        quote! {
            static __ERRCAT_TABLES: ::errcat::__private::Tables =
                ::errcat::__private::Tables::new(&__ERRCAT_ENTRIES, #by_code, #by_doc_url, #plan);
        }
    });

    quote! {
        static #infos: [::errcat::EntryInfo; #count] = #info_table;
        static #entries: [::errcat::__private::Entry; #count] = #entry_table;
        static __ERRCAT_CATEGORY: [#module::Category; #count] = [#(#category_of),*];
        #decode_tables

        #[allow(clippy::too_many_lines, clippy::match_same_arms, clippy::used_underscore_binding)]
        impl #ty {
            #[inline]
            fn __errcat_index(&self) -> usize {
                match self { #(#index_arms,)* }
            }

            #[inline]
            fn __errcat_with<'__a, __R>(&'__a self, f: impl ::core::ops::FnOnce(usize, &[::errcat::__private::Value<'__a>]) -> __R) -> __R {
                match self { #(#with_arms,)* }
            }

            /// The facts about this error's catalogue entry.
            #[must_use]
            pub fn entry(&self) -> &'static ::errcat::EntryInfo {
                &#infos[self.__errcat_index()]
            }

            /// Every entry of the catalogue, in declaration order.
            #[must_use]
            pub fn entries() -> &'static [::errcat::EntryInfo] {
                &#infos
            }

            /// Every wire code, in declaration order (codes shared by several
            /// entries appear once per entry).
            pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> {
                #infos.iter().map(|e| e.code)
            }

            /// The code sent on the wire.
            #[must_use]
            pub fn code(&self) -> &'static str {
                self.entry().code
            }

            /// The HTTP status; `None` for errors that never travel over HTTP.
            #[must_use]
            pub fn status(&self) -> ::core::option::Option<u16> {
                self.entry().status
            }

            /// The category.
            #[must_use]
            pub fn category(&self) -> #module::Category {
                __ERRCAT_CATEGORY[self.__errcat_index()]
            }

            /// The short title (the code if the catalogue gives none).
            #[must_use]
            pub fn title(&self) -> &'static str {
                self.entry().title
            }

            /// Whether retrying the same request may succeed; `None` if the
            /// catalogue does not say.
            #[must_use]
            pub fn retryable(&self) -> ::core::option::Option<bool> {
                self.entry().retryable
            }

            /// The `Content-Type` of error bodies.
            pub const CONTENT_TYPE: &'static str = #content_type;

            /// The body, exactly the catalogue's envelope, with every
            /// per-request value absent.
            #[must_use]
            pub fn to_json(&self) -> ::std::vec::Vec<u8> {
                self.to_json_with(&::errcat::RequestContext::NONE)
            }

            /// The body with the given per-request values.
            #[must_use]
            pub fn to_json_with(&self, ctx: &::errcat::RequestContext<'_>) -> ::std::vec::Vec<u8> {
                self.__errcat_with(|i, values| ::errcat::__private::to_json(&#entries[i], values, ctx))
            }

            /// Appends the body to `out`; allocates nothing when `out` has room.
            pub fn write_json(&self, ctx: &::errcat::RequestContext<'_>, out: &mut ::std::vec::Vec<u8>) {
                self.__errcat_with(|i, values| ::errcat::__private::write_body(&#entries[i], values, ctx, out));
            }

            /// The response headers this error sets, with per-request values absent.
            #[must_use]
            pub fn headers(&self) -> ::errcat::Headers<'_, #header_cap> {
                self.headers_with(&::errcat::RequestContext::NONE)
            }

            /// The response headers this error sets.
            #[must_use]
            pub fn headers_with<'__a>(&'__a self, ctx: &::errcat::RequestContext<'__a>) -> ::errcat::Headers<'__a, #header_cap> {
                self.__errcat_with(|i, values| ::errcat::__private::headers(&#entries[i], values, ctx))
            }

            #decode
            #methods
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                self.__errcat_with(|i, values| ::errcat::__private::fmt_message(#entries[i].display_message, values, f))
            }
        }

        #[allow(clippy::match_same_arms)]
        impl ::std::error::Error for #ty {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                #[allow(unreachable_patterns)]
                match self {
                    #(#source_arms,)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::errcat::CatalogError for #ty {
            const CONTENT_TYPE: &'static str = #content_type;

            fn entries() -> &'static [::errcat::EntryInfo] {
                &#infos
            }

            fn entry(&self) -> &'static ::errcat::EntryInfo {
                #ty::entry(self)
            }

            fn write_json(&self, ctx: &::errcat::RequestContext<'_>, out: &mut ::std::vec::Vec<u8>) {
                #ty::write_json(self, ctx, out);
            }

            fn headers_with<'__a>(&'__a self, ctx: &::errcat::RequestContext<'__a>) -> impl ::core::iter::Iterator<Item = (&'static str, ::errcat::HeaderValue<'__a>)> {
                #ty::headers_with(self, ctx)
            }

            fn to_json_with(&self, ctx: &::errcat::RequestContext<'_>) -> ::std::vec::Vec<u8> {
                #ty::to_json_with(self, ctx)
            }
        }

        ::errcat::__impl_axum!(#ty);
        ::errcat::__impl_http!(#ty);
    }
}

/// The category enum of the companion module.
pub fn category_enum(catalog: &Catalog) -> TokenStream {
    let idents: Vec<Ident> = catalog
        .categories
        .iter()
        .map(|c| type_ident(&c.ident))
        .collect();
    let keys = catalog.categories.iter().map(|c| &c.key);
    let wires = catalog.categories.iter().map(|c| &c.wire);
    let titles: Vec<&String> = catalog.categories.iter().map(|c| &c.title).collect();
    let docs = catalog.categories.iter().map(|c| {
        let mut text = format!("**{}** (`{}`)", c.title, c.wire);
        if let Some(d) = &c.description {
            text.push_str("\n\n");
            text.push_str(d);
        }
        crate::types::doc_lines(&text)
    });
    let count = Literal::usize_unsuffixed(idents.len());
    quote! {
        /// The categories of the catalogue, in their documented order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Category {
            #( #docs #idents, )*
        }

        impl Category {
            /// Every category, in order.
            pub const ALL: [Self; #count] = [#(Self::#idents),*];

            /// The key used in the catalogue.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self { #(Self::#idents => #keys,)* }
            }

            /// The name sent on the wire.
            #[must_use]
            pub const fn wire(self) -> &'static str {
                match self { #(Self::#idents => #wires,)* }
            }

            /// The heading used in the docs.
            #[must_use]
            pub const fn title(self) -> &'static str {
                match self { #(Self::#idents => #titles,)* }
            }
        }

        impl ::core::fmt::Display for Category {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.wire())
            }
        }
    }
}
