//! The impls shared by `#[errcat::catalog]` and `#[derive(errcat::Error)]`:
//! the accessors, the body, `Display`, the headers, `Error`,
//! `CatalogError` and the feature-dependent glue. Each is a plain `match`
//! on the variants.

use crate::body_code::{self, message_pieces, request};
use crate::variant_plan::{SourceAccess, VariantField, VariantPlan, variant_fields};
use errcat_catalog::Catalog;
use errcat_catalog::model::{Entry, HeaderSource, Message};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// What the impls are generated for.
pub struct Target<'a> {
    /// The catalogue.
    pub catalog: &'a Catalog,
    /// The enum.
    pub ty: &'a Ident,
    /// The companion module.
    pub module: &'a Ident,
    /// The variants.
    pub plans: &'a [VariantPlan],
    /// The catch-all variant, holding an `errcat::UnknownError`.
    pub unknown: Option<&'a Ident>,
}

impl Target<'_> {
    /// `match self { arms }`, or `match *self {}` for an enum without
    /// variants (a catalogue that could not be read), where a reference
    /// is not matched empty.
    fn matching(&self, arms: TokenStream) -> TokenStream {
        if self.plans.is_empty() && self.unknown.is_none() {
            quote!(match *self {})
        } else {
            quote!(match self { #arms })
        }
    }

    fn entry(&self, plan: &VariantPlan) -> &Entry {
        &self.catalog.entries[plan.entry]
    }

    /// The variants with a `received` field, as an or-pattern binding it.
    fn received_pattern(&self) -> Option<TokenStream> {
        let ty = self.ty;
        let variants: Vec<&Ident> = self
            .plans
            .iter()
            .filter(|p| p.received)
            .map(|p| &p.ident)
            .collect();
        (!variants.is_empty()).then(|| quote!(#(#ty::#variants { received, .. })|*))
    }

    /// An early return for the catch-all and for received errors: `answer`
    /// is given the `unknown` or `received` binding in scope.
    fn early(&self, unknown: TokenStream, received: Option<TokenStream>) -> TokenStream {
        let ty = self.ty;
        let mut out = TokenStream::new();
        if let Some(u) = self.unknown {
            // The binding only where the answer reads it.
            let binding = if unknown.to_string().contains("unknown") {
                quote!(unknown)
            } else {
                quote!(_)
            };
            out.extend(quote! {
                if let #ty::#u(#binding) = self {
                    return #unknown;
                }
            });
        }
        if let (Some(pattern), Some(answer)) = (self.received_pattern(), received) {
            out.extend(quote! {
                if let #pattern = self {
                    #answer
                }
            });
        }
        out
    }
}

/// Every impl, for the inside of the generated `const _: () = { ... }`.
/// `extra` holds more inherent methods.
pub fn impls(t: &Target<'_>, extra: TokenStream) -> TokenStream {
    let ty = t.ty;
    let content_type = &t.catalog.envelope.content_type;
    let accessors = accessors(t);
    let body = body_methods(t);
    let headers = header_methods(t);
    let display = display_impl(t);
    let source = error_impl(t);
    let code_type = code_type(t);
    quote! {
        impl #ty {
            #accessors
            #body
            #headers
            #extra
        }

        #display
        #source

        impl ::errcat::CatalogError for #ty {
            const CONTENT_TYPE: &'static str = #content_type;

            fn entries() -> &'static [::errcat::EntryInfo] {
                &ENTRIES
            }

            fn entry(&self) -> &'static ::errcat::EntryInfo {
                #ty::entry(self)
            }

            fn code(&self) -> #code_type {
                #ty::code(self)
            }

            fn details(&self) -> ::core::option::Option<::errcat::__private::serde_json::Value> {
                ::errcat::__private::details_of(&TABLE, &#ty::to_json(self))
            }

            fn status(&self) -> ::core::option::Option<u16> {
                #ty::status(self)
            }

            fn write_json(&self, ctx: &::errcat::RequestContext<'_>, out: &mut ::std::vec::Vec<u8>) {
                #ty::write_json(self, ctx, out);
            }

            fn headers_with<'a>(&'a self, ctx: &::errcat::RequestContext<'a>) -> impl ::core::iter::Iterator<Item = (&'static str, ::errcat::HeaderValue<'a>)> {
                #ty::headers_with(self, ctx)
            }

            fn to_json_with(&self, ctx: &::errcat::RequestContext<'_>) -> ::std::vec::Vec<u8> {
                #ty::to_json_with(self, ctx)
            }

            fn languages() -> &'static [&'static str] {
                &LANGUAGES
            }
        }

        ::errcat::__impl_axum!(#ty);
        ::errcat::__impl_http!(#ty);
        ::errcat::__impl_serde!(#ty);
    }
}

/// `&str`, or `&'static str` when every code comes from the catalogue.
fn code_type(t: &Target<'_>) -> TokenStream {
    if t.unknown.is_some() || t.plans.iter().any(|p| p.received) {
        quote!(&str)
    } else {
        quote!(&'static str)
    }
}

fn accessors(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let arms: TokenStream = t
        .plans
        .iter()
        .map(|p| {
            let pattern = p.pattern(ty, &[]);
            let i = crate::names::int_lit(p.entry as u64);
            quote!(#pattern => &ENTRIES[#i],)
        })
        .collect();
    let unknown_arm = t
        .unknown
        .map(|u| quote!(#ty::#u(_) => &::errcat::UnknownError::ENTRY,));
    let code_type = code_type(t);
    let entry_match = t.matching(quote!(#arms #unknown_arm));
    let code_of = t.early(
        quote!(unknown.code()),
        Some(quote!(
            if let ::core::option::Option::Some(code) = received.code() {
                return code;
            }
        )),
    );
    let status_of = t.early(
        quote!(unknown.status()),
        Some(quote!(if received.code().is_some() {
            return received.status();
        })),
    );
    let retryable_of = t.early(quote!(::core::option::Option::None), None);
    let category = category_method(t);
    let content_type = &t.catalog.envelope.content_type;
    quote! {
        /// The facts about this error's catalogue entry.
        #[must_use]
        pub fn entry(&self) -> &'static ::errcat::EntryInfo {
            #entry_match
        }

        /// Every entry of the catalogue, in declaration order.
        #[must_use]
        pub fn entries() -> &'static [::errcat::EntryInfo] {
            &ENTRIES
        }

        /// The entry of a wire code: the first entry with the code, else
        /// (unless the code was removed) the fallback of the code's family,
        /// else `None`. A binary search.
        #[must_use]
        pub fn entry_by_code(code: &str) -> ::core::option::Option<&'static ::errcat::EntryInfo> {
            TABLE.lookup(code).map(|i| &ENTRIES[i])
        }

        /// Every wire code, in declaration order (codes shared by several
        /// entries appear once per entry).
        pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> {
            ENTRIES.iter().map(|e| e.code)
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

        #category

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
    }
}

/// `category()`: the variants grouped by category. A catalogue without
/// categories has no `Category` enum, and so no `category()`.
fn category_method(t: &Target<'_>) -> Option<TokenStream> {
    let ty = t.ty;
    let module = t.module;
    let categories = &t.catalog.categories;
    if categories.is_empty() {
        return None;
    }
    let arms: TokenStream = categories
        .iter()
        .filter_map(|c| {
            let patterns: Vec<TokenStream> = t
                .plans
                .iter()
                .filter(|p| t.entry(p).category == c.key)
                .map(|p| p.pattern(ty, &[]))
                .collect();
            let v = crate::names::type_ident(&c.ident);
            let (first, rest) = patterns.split_first()?;
            let rest: TokenStream = rest.iter().map(|p| quote!(| #p)).collect();
            Some(quote!(#first #rest => #module::Category::#v,))
        })
        .collect();
    let unknown = t
        .unknown
        .map(|u| quote!(#ty::#u(unknown) => #module::Category::of_unknown(unknown),));
    let matching = t.matching(quote!(#arms #unknown));
    Some(quote! {
        /// The category.
        #[must_use]
        pub fn category(&self) -> #module::Category {
            #matching
        }
    })
}

/// Whether the catalogue writes bodies in more than one language.
fn translated(catalog: &Catalog) -> bool {
    !catalog.translations.is_empty()
}

fn body_methods(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let arms: TokenStream = t
        .plans
        .iter()
        .map(|p| {
            let (code, used) = body_code::body(t.catalog, t.entry(p), p);
            let pattern = p.pattern(ty, &used);
            quote!(#pattern => { #code })
        })
        .collect();
    let unknown = t.unknown.map(|u| quote!(#ty::#u(_) => {}));
    let early = t.early(
        quote!(out.extend_from_slice(unknown.body())),
        Some(quote! {
            if let ::core::option::Option::Some(body) = received.body() {
                out.extend_from_slice(body);
                return;
            }
        }),
    );
    let matching = t.matching(quote!(#arms #unknown));
    let lang = translated(t.catalog).then(|| {
        quote! {
            let lang = match ctx.locale {
                ::core::option::Option::Some(accept) => ::errcat::negotiate_language(&LANGUAGES, accept),
                ::core::option::Option::None => 0,
            };
        }
    });
    quote! {
        /// The body, exactly the catalogue's envelope, with every
        /// per-request value absent.
        #[must_use]
        pub fn to_json(&self) -> ::std::vec::Vec<u8> {
            self.to_json_with(&::errcat::RequestContext::NONE)
        }

        /// The body with the given per-request values.
        #[must_use]
        pub fn to_json_with(&self, ctx: &::errcat::RequestContext<'_>) -> ::std::vec::Vec<u8> {
            ::errcat::__private::to_vec(|out| self.write_json(ctx, out))
        }

        /// Appends the body to `out`; allocates nothing when `out` has room.
        #[allow(unused_variables, clippy::too_many_lines)]
        pub fn write_json(&self, ctx: &::errcat::RequestContext<'_>, out: &mut ::std::vec::Vec<u8>) {
            #early
            #lang
            let mut w = ::errcat::__private::Writer::new(out);
            #matching
        }
    }
}

/// One header statement, and the value field it reads.
struct HeaderCode {
    code: TokenStream,
    text: String,
    field: Option<usize>,
}

fn header_code(t: &Target<'_>, plan: &VariantPlan) -> Vec<HeaderCode> {
    let entry = t.entry(plan);
    let fields = crate::variant_plan::variant_fields(entry);
    t.catalog
        .entry_headers(entry)
        .into_iter()
        .filter_map(|h| {
            let name = &h.name;
            match &h.source {
                HeaderSource::Details(field) => {
                    let i = fields.iter().position(|f| f.wire_name() == field)?;
                    let b = plan.value(i)?;
                    Some(HeaderCode {
                        code: quote!(headers.push(#name, ::errcat::__private::WireValue::header_value(#b));),
                        text: format!("{name}<-{i}"),
                        field: Some(i),
                    })
                }
                HeaderSource::Request(field) => {
                    let r = request(*field);
                    Some(HeaderCode {
                        code: quote!(headers.push(#name, ctx.#r.map(::errcat::HeaderValue::Text));),
                        text: format!("{name}<-{}", field.name()),
                        field: None,
                    })
                }
            }
        })
        .collect()
}

fn header_methods(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let cap = Literal::usize_unsuffixed(
        t.catalog
            .entries
            .iter()
            .map(|e| t.catalog.entry_headers(e).len())
            .max()
            .unwrap_or(0),
    );
    let per_plan: Vec<Vec<HeaderCode>> = t.plans.iter().map(|p| header_code(t, p)).collect();
    // The most common list of headers that reads no field is the `_` arm.
    let key = |list: &[HeaderCode]| {
        list.iter()
            .map(|h| h.text.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for list in per_plan
        .iter()
        .filter(|l| l.iter().all(|h| h.field.is_none()))
    {
        let k = key(list);
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    let common = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(k, _)| k.clone());
    let mut arms = Vec::new();
    let mut default = TokenStream::new();
    for (plan, list) in t.plans.iter().zip(&per_plan) {
        let code: TokenStream = list.iter().map(|h| h.code.clone()).collect();
        if Some(key(list)) == common {
            default = code;
            continue;
        }
        let used: Vec<usize> = list.iter().filter_map(|h| h.field).collect();
        let pattern = plan.pattern(ty, &used);
        arms.push(quote!(#pattern => { #code }));
    }
    let arms: TokenStream = arms.into_iter().collect();
    let unknown = t.unknown.map(|u| quote!(#ty::#u(_) => {}));
    let every = common.is_some().then(|| quote!(_ => { #default }));
    let matching = if arms.is_empty() && t.unknown.is_none() {
        default
    } else {
        quote! {
            match self {
                #arms
                #unknown
                #every
            }
        }
    };
    quote! {
        /// The response headers this error sets, with per-request values absent.
        #[must_use]
        pub fn headers(&self) -> ::errcat::Headers<'_, #cap> {
            self.headers_with(&::errcat::RequestContext::NONE)
        }

        /// The response headers this error sets.
        #[must_use]
        #[allow(unused_variables, unused_mut, clippy::match_same_arms)]
        pub fn headers_with<'a>(&'a self, ctx: &::errcat::RequestContext<'a>) -> ::errcat::Headers<'a, #cap> {
            let mut headers = ::errcat::Headers::new();
            #matching
            headers
        }
    }
}

fn display_impl(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let arms: TokenStream = t.plans.iter().map(|p| display_arm(t, p)).collect();
    let unknown = t
        .unknown
        .map(|u| quote!(#ty::#u(unknown) => ::core::fmt::Display::fmt(unknown, f),));
    let early = t.received_pattern().map(|pattern| {
        quote! {
            if let #pattern = self {
                if let ::core::option::Option::Some(message) = received.message() {
                    return f.write_str(message);
                }
            }
        }
    });
    let matching = t.matching(quote!(#arms #unknown));
    quote! {
        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #early
                #matching
            }
        }
    }
}

/// One arm of `Display`: the message's text, written with `write!` and
/// the fields captured by name where they implement `Display`, else piece
/// by piece.
fn display_arm(t: &Target<'_>, p: &VariantPlan) -> TokenStream {
    let entry = t.entry(p);
    let template = match &entry.message {
        Message::Template(tpl) => Some(tpl),
        _ => None,
    };
    let fields = variant_fields(entry);
    let pieces: Vec<Result<String, (usize, Ident)>> = message_pieces(entry, template)
        .into_iter()
        .filter_map(|piece| match piece {
            Ok(text) => Some(Ok(text)),
            Err(i) => Some(Err((i, p.value(i)?))),
        })
        .collect();
    let used: Vec<usize> = pieces
        .iter()
        .filter_map(|x| x.as_ref().err().map(|(i, _)| *i))
        .collect();
    let pattern = p.pattern(t.ty, &used);
    let capturable = pieces.iter().all(|x| match x {
        Ok(_) => true,
        Err((i, b)) => displays_itself(&fields[*i]) && !b.to_string().starts_with("r#"),
    });
    if capturable {
        let mut format = String::new();
        for piece in &pieces {
            match piece {
                Ok(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Err((_, b)) => format.push_str(&format!("{{{b}}}")),
            }
        }
        return if used.is_empty() {
            quote!(#pattern => f.write_str(#format),)
        } else {
            quote!(#pattern => ::core::write!(f, #format),)
        };
    }
    let code: Vec<TokenStream> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Ok(text) if text.is_empty() => None,
            Ok(text) => Some(quote!(f.write_str(#text))),
            Err((_, b)) => Some(quote!(::errcat::__private::display(#b, f))),
        })
        .collect();
    match code.split_last() {
        None => quote!(#pattern => ::core::result::Result::Ok(()),),
        Some((last, rest)) => {
            let rest: TokenStream = rest.iter().map(|c| quote!(#c?;)).collect();
            quote!(#pattern => { #rest #last })
        }
    }
}

/// Whether a field's Rust type implements `Display` as its message text:
/// required scalars and string enums, and a varying message.
fn displays_itself(field: &VariantField<'_>) -> bool {
    let scalar = |ty: &errcat_catalog::model::TypeSpec| {
        !matches!(
            ty.kind,
            errcat_catalog::model::TypeKind::Array(_) | errcat_catalog::model::TypeKind::Object(_)
        )
    };
    match field {
        VariantField::Detail(f) => !f.optional && scalar(&f.ty),
        VariantField::DetailsValue(ty) => scalar(ty),
        VariantField::Message => true,
    }
}

fn error_impl(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let dyn_error = quote!(&(dyn ::std::error::Error + 'static));
    let arms: TokenStream = t
        .plans
        .iter()
        .filter_map(|p| {
            let v = &p.ident;
            Some(match p.source.as_ref()? {
                SourceAccess::ErrcatSource(field) => quote!(#ty::#v { #field, .. } => #field.get(),),
                SourceAccess::Field { field, optional: false } => {
                    quote!(#ty::#v { #field, .. } => ::core::option::Option::Some(#field as #dyn_error),)
                }
                SourceAccess::Field { field, optional: true } => {
                    quote!(#ty::#v { #field, .. } => #field.as_ref().map(|e| e as #dyn_error),)
                }
                SourceAccess::Tuple { optional: false } => {
                    quote!(#ty::#v(e) => ::core::option::Option::Some(e as #dyn_error),)
                }
                SourceAccess::Tuple { optional: true } => {
                    quote!(#ty::#v(e) => e.as_ref().map(|e| e as #dyn_error),)
                }
            })
        })
        .collect();
    if arms.is_empty() {
        return quote!(impl ::std::error::Error for #ty {});
    }
    quote! {
        impl ::std::error::Error for #ty {
            fn source(&self) -> ::core::option::Option<#dyn_error> {
                #[allow(unreachable_patterns)]
                match self {
                    #arms
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
