//! The impls shared by `#[errcat::catalog]` and `#[derive(errcat::Error)]`:
//! static tables, accessors, `Display`, `Error`, `CatalogError`, the wire
//! body, headers and the axum glue.

use crate::emit;
use crate::names::type_ident;
use crate::static_tables::{self, TABLE};
use errcat_catalog::Catalog;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// How a variant holds its underlying error, if it has one. Field names
/// are Rust source text (`name` or `r#name`).
pub enum SourceAccess {
    /// A named field of type `errcat::Source`.
    ErrcatSource(String),
    /// A named field of an error type (derive form), maybe `Option`al.
    Field { field: String, optional: bool },
    /// A tuple field (derive form, `#[from]`).
    Tuple { optional: bool },
}

/// One variant of the generated or annotated enum.
pub struct VariantPlan {
    /// Index of the catalogue entry.
    pub entry: usize,
    /// The variant name, as Rust source text.
    pub ident: String,
    /// For each value index (see `program::variant_fields`): the Rust field
    /// holding it, or `None` for an optional field the variant omits.
    pub values: Vec<Option<String>>,
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
    /// The catch-all variant, holding an `errcat::UnknownError` (the
    /// attribute form with `unknown = Variant`).
    pub unknown: Option<Ident>,
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

/// The most catalogue entries whose arms one generated function holds.
pub const CHUNK: usize = 128;

/// The variants grouped by `entry / CHUNK`: chunk `k` holds the variants of
/// entries `k * CHUNK .. (k + 1) * CHUNK`, in declaration order.
fn chunks(plans: &[VariantPlan]) -> Vec<Vec<&VariantPlan>> {
    let count = plans.iter().map(|p| p.entry / CHUNK + 1).max().unwrap_or(0);
    let mut out = vec![Vec::new(); count];
    for p in plans {
        out[p.entry / CHUNK].push(p);
    }
    out
}

/// The parts that grow with the catalogue, as source text for
/// [`generate`]: the static tables, the two private dispatch methods, and
/// `Error::source`.
pub fn per_entry_text(
    catalog: &Catalog,
    ty: &str,
    plans: &[VariantPlan],
    unknown: Option<&Ident>,
) -> String {
    let mut out = static_tables::module(catalog);
    // Every other method dispatches through two private methods, so the
    // code that grows with the catalogue is compiled once, not copied into
    // each caller: `__errcat_index` (the entry index: a match without
    // bindings, cheap for the compiler at any size) and `__errcat_values` (the fields as values in a fixed-size array).
    // The latter's arms are split into functions of at most `CHUNK`
    // entries: the compiler's borrow checker and optimiser take time that
    // grows faster than linearly with the size of one function.
    let width = plans.iter().map(|p| p.values.len()).max().unwrap_or(0);
    emit!(
        &mut out,
        "#[allow(clippy::too_many_lines, clippy::match_same_arms, clippy::used_underscore_binding)] \
         impl {ty} {{ #[inline] fn __errcat_index(&self) -> usize {{ match self {{"
    );
    for p in plans {
        emit!(&mut out, "{ty}::{} {{ .. }} => {},", p.ident, p.entry);
    }
    if let Some(u) = unknown {
        // No entry: every method returns before it would look one up.
        emit!(&mut out, "{ty}::{u}(_) => usize::MAX,");
    }
    emit!(
        &mut out,
        "}} }} \
         fn __errcat_values(&self) -> (usize, usize, [::errcat::__private::Value<'_>; {width}]) {{ \
         #[inline(always)] #[allow(dead_code)] fn __errcat_v<T: ::errcat::__private::ToValue + ?Sized>(x: &T) -> ::errcat::__private::Value<'_> {{ x.to_value() }} \
         #[inline(always)] #[allow(dead_code)] fn __errcat_put<'__a, const N: usize>(__errcat_a: &mut [::errcat::__private::Value<'__a>; {width}], __errcat_v: [::errcat::__private::Value<'__a>; N]) -> usize {{ \
         __errcat_a[..N].copy_from_slice(&__errcat_v); N }} "
    );
    let chunks = chunks(plans);
    for (k, chunk) in chunks.iter().enumerate() {
        emit!(
            &mut out,
            "#[allow(unreachable_patterns, unused_variables)] \
             fn __errcat_values_{k}<'__a>(__errcat_e: &'__a {ty}, __errcat_a: &mut [::errcat::__private::Value<'__a>; {width}]) -> usize {{ \
             match __errcat_e {{"
        );
        // Variants without values take the `_ => 0` arm. The others fill
        // their slots with one call: fewer tokens for the compiler to lex
        // than one assignment per slot.
        for p in chunk.iter().filter(|p| !p.values.is_empty()) {
            emit!(&mut out, "{ty}::{} {{ ", p.ident);
            for field in p.values.iter().flatten() {
                emit!(&mut out, "{field}, ");
            }
            out.push_str(".. } => __errcat_put(__errcat_a, [");
            for value in &p.values {
                match value {
                    Some(field) => emit!(&mut out, "__errcat_v({field}),"),
                    None => out.push_str("::errcat::__private::Value::Absent,"),
                }
            }
            out.push_str("]),");
        }
        out.push_str("_ => 0, } }");
    }
    emit!(
        &mut out,
        "let {}__errcat_a = [::errcat::__private::Value::Absent; {width}]; \
         let __errcat_i = self.__errcat_index();",
        // `mut` only when some chunk borrows it (no unused_mut).
        if chunks.is_empty() { "" } else { "mut " }
    );
    if chunks.is_empty() {
        out.push_str("let __errcat_n = 0;");
    } else {
        emit!(
            &mut out,
            "#[allow(clippy::erasing_op, clippy::identity_op)] \
             let __errcat_n = match __errcat_i / {CHUNK} {{"
        );
        for k in 0..chunks.len() {
            emit!(
                &mut out,
                "{k} => __errcat_values_{k}(self, &mut __errcat_a),"
            );
        }
        out.push_str("_ => 0 };");
    }
    out.push_str(
        "(__errcat_i, __errcat_n, __errcat_a) } \
         #[inline] fn __errcat_with<'__a, __R>(&'__a self, \
         __errcat_f: impl ::core::ops::FnOnce(usize, &[::errcat::__private::Value<'__a>]) -> __R) -> __R { \
         let (__errcat_i, __errcat_n, __errcat_a) = self.__errcat_values(); \
         __errcat_f(__errcat_i, &__errcat_a[..__errcat_n]) } }",
    );

    emit!(
        &mut out,
        "#[allow(clippy::match_same_arms, clippy::match_single_binding)] impl ::std::error::Error for {ty} {{ \
         fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {{ \
         #[allow(unreachable_patterns)] match self {{"
    );
    let dyn_error = "as &(dyn ::std::error::Error + 'static)";
    for p in plans {
        let v = &p.ident;
        match &p.source {
            None => {}
            Some(SourceAccess::ErrcatSource(field)) => {
                emit!(&mut out, "{ty}::{v} {{ {field}, .. }} => {field}.get(),");
            }
            Some(SourceAccess::Field {
                field,
                optional: false,
            }) => emit!(
                &mut out,
                "{ty}::{v} {{ {field}, .. }} => ::core::option::Option::Some({field} {dyn_error}),"
            ),
            Some(SourceAccess::Field {
                field,
                optional: true,
            }) => emit!(
                &mut out,
                "{ty}::{v} {{ {field}, .. }} => {field}.as_ref().map(|e| e {dyn_error}),"
            ),
            Some(SourceAccess::Tuple { optional: false }) => emit!(
                &mut out,
                "{ty}::{v}(e) => ::core::option::Option::Some(e {dyn_error}),"
            ),
            Some(SourceAccess::Tuple { optional: true }) => {
                emit!(
                    &mut out,
                    "{ty}::{v}(e) => e.as_ref().map(|e| e {dyn_error}),"
                );
            }
        }
    }
    out.push_str("_ => ::core::option::Option::None, } } }");
    out
}

/// Generates everything but the type definitions. `per_entry` is the
/// [`per_entry_text`] of the catalogue.
pub fn generate(
    catalog: &Catalog,
    ty: &Ident,
    module: &Ident,
    per_entry: &str,
    extras: Extras,
) -> TokenStream {
    let tables = emit::tokens(TABLE);
    let per_entry = emit::tokens(per_entry);
    let content_type = &catalog.envelope.content_type;
    let header_cap = Literal::usize_unsuffixed(max_headers(catalog));
    let Extras {
        decode,
        methods,
        unknown,
    } = extras;
    // With a catch-all, each method answers for it first, from the body
    // it holds; `code()` then borrows from the error.
    let early = |answer: TokenStream| {
        unknown.as_ref().map(|u| {
            quote! {
                #[allow(unused_variables)]
                if let Self::#u(unknown) = self { return #answer; }
            }
        })
    };
    let code_type = if unknown.is_some() {
        quote!(&str)
    } else {
        quote!(&'static str)
    };
    let entry_of = early(quote!(&::errcat::UnknownError::ENTRY));
    let code_of = early(quote!(unknown.code()));
    let status_of = early(quote!(unknown.status()));
    let category_of = early(quote!(#module::Category::of_unknown(unknown)));
    // A catalogue without categories has no `Category` enum, and so no
    // `category()`.
    let category_method = (!catalog.categories.is_empty()).then(|| {
        quote! {
            /// The category.
            #[must_use]
            pub fn category(&self) -> #module::Category {
                #category_of
                #module::Category::ALL[usize::from(#tables.programs[self.__errcat_index()].category)]
            }
        }
    });
    let retryable_of = early(quote!(::core::option::Option::None));
    let to_json_of = early(quote!(unknown.body().to_vec()));
    let write_json_of = early(quote!(out.extend_from_slice(unknown.body())));
    let headers_of = early(quote!(::errcat::Headers::new()));
    let display_of = early(quote!(::core::fmt::Display::fmt(unknown, f)));

    quote! {
        #per_entry

        impl #ty {
            /// The facts about this error's catalogue entry.
            #[must_use]
            pub fn entry(&self) -> &'static ::errcat::EntryInfo {
                #entry_of
                &#tables.infos[self.__errcat_index()]
            }

            /// Every entry of the catalogue, in declaration order.
            #[must_use]
            pub fn entries() -> &'static [::errcat::EntryInfo] {
                #tables.infos
            }

            /// The entry of a wire code: the first entry with the code, else
            /// the fallback of the code's family (the catalogue's
            /// `families`), else `None`. A binary search.
            #[must_use]
            pub fn entry_by_code(code: &str) -> ::core::option::Option<&'static ::errcat::EntryInfo> {
                #tables.lookup(code).map(|i| &#tables.infos[i])
            }

            /// Every wire code, in declaration order (codes shared by several
            /// entries appear once per entry).
            pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> {
                #tables.infos.iter().map(|e| e.code)
            }

            /// The code sent on the wire.
            #[must_use]
            pub fn code(&self) -> #code_type {
                #code_of
                self.entry().code
            }

            /// The HTTP status; `None` for errors that never travel over HTTP.
            #[must_use]
            pub fn status(&self) -> ::core::option::Option<u16> {
                #status_of
                self.entry().status
            }

            #category_method

            /// The short title (the code if the catalogue gives none).
            #[must_use]
            pub fn title(&self) -> &'static str {
                self.entry().title
            }

            /// Whether retrying the same request may succeed; `None` if the
            /// catalogue does not say.
            #[must_use]
            pub fn retryable(&self) -> ::core::option::Option<bool> {
                #retryable_of
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
                #to_json_of
                self.__errcat_with(|i, values| #tables.to_json(i, values, ctx))
            }

            /// Appends the body to `out`; allocates nothing when `out` has room.
            pub fn write_json(&self, ctx: &::errcat::RequestContext<'_>, out: &mut ::std::vec::Vec<u8>) {
                #write_json_of
                self.__errcat_with(|i, values| #tables.write_json(i, values, ctx, out));
            }

            /// The response headers this error sets, with per-request values absent.
            #[must_use]
            pub fn headers(&self) -> ::errcat::Headers<'_, #header_cap> {
                self.headers_with(&::errcat::RequestContext::NONE)
            }

            /// The response headers this error sets.
            #[must_use]
            pub fn headers_with<'__a>(&'__a self, ctx: &::errcat::RequestContext<'__a>) -> ::errcat::Headers<'__a, #header_cap> {
                #headers_of
                self.__errcat_with(|i, values| #tables.headers(i, values, ctx))
            }

            #decode
            #methods
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display_of
                self.__errcat_with(|i, values| #tables.fmt_message(i, values, f))
            }
        }

        impl ::errcat::CatalogError for #ty {
            const CONTENT_TYPE: &'static str = #content_type;

            fn entries() -> &'static [::errcat::EntryInfo] {
                #tables.infos
            }

            fn entry(&self) -> &'static ::errcat::EntryInfo {
                #ty::entry(self)
            }

            fn code(&self) -> &str {
                #ty::code(self)
            }

            fn details(&self) -> ::core::option::Option<::errcat::__private::serde_json::Value> {
                ::errcat::__private::details_of(&#tables, &#ty::to_json(self))
            }

            fn status(&self) -> ::core::option::Option<u16> {
                #ty::status(self)
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
        ::errcat::__impl_serde!(#ty);
    }
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
    // With a catch-all, one more category for an error whose wire category
    // the catalogue does not have.
    let (extra, extra_arm, of_unknown) = match unknown {
        Some(u) => (
            quote! {
                /// The category of an error this catalogue does not have,
                /// when its wire category is not one of the above either
                /// (the catch-all's `UnknownError::category` has the text).
                #u,
            },
            quote!(Self::#u => "",),
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
    let extra_title = unknown.map(|u| quote!(Self::#u => "Unknown",));
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

#[cfg(test)]
mod tests {
    use super::{CHUNK, VariantPlan, chunks};

    fn plan(entry: usize, ident: &str) -> VariantPlan {
        VariantPlan {
            entry,
            ident: ident.to_owned(),
            values: Vec::new(),
            source: None,
        }
    }

    #[test]
    fn variants_are_grouped_by_the_chunk_of_their_entry() {
        // Two variants for one entry (the derive form) share a chunk; a
        // chunk without entries is kept, so that chunk `k` is always at
        // index `k` of the dispatch.
        let plans = [
            plan(0, "A"),
            plan(CHUNK - 1, "B"),
            plan(CHUNK, "C"),
            plan(CHUNK, "D"),
            plan(3 * CHUNK, "E"),
        ];
        let names: Vec<Vec<&str>> = chunks(&plans)
            .iter()
            .map(|c| c.iter().map(|p| p.ident.as_str()).collect())
            .collect();
        assert_eq!(names, [vec!["A", "B"], vec!["C", "D"], vec![], vec!["E"]]);
        assert!(chunks(&[]).is_empty());
    }
}
