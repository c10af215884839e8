//! `#[errcat::catalog("errors.yaml")]`: the whole enum from the catalogue.

use crate::catalog_file::{self, CallSite};
use crate::impls::{self, CHUNK, Extras, SourceAccess, VariantPlan};
use crate::names::{self, constructor_name, field_ident, field_text, type_ident};
use crate::types::Generated;
use crate::variants;
use errcat_catalog::Catalog;
use errcat_catalog::compile::{VariantField, variant_fields};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Data, DeriveInput, LitStr, Token};

/// The attribute's arguments.
pub struct Args {
    /// The catalogue path, relative to the crate's `Cargo.toml`.
    pub path: LitStr,
    /// The companion module's name.
    pub module: Option<LitStr>,
    /// Whether to generate `examples()`.
    pub examples: bool,
    /// How the catalogue is loaded.
    pub load: errcat_catalog::LoadOptions,
    /// Whether to compile the OpenAPI components into the type
    /// (`openapi_components()`, and the utoipa and aide traits).
    pub openapi: bool,
    /// The catch-all variant for codes the catalogue does not have.
    pub unknown: Option<Ident>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut path: Option<LitStr> = None;
        let mut module = None;
        let mut examples = false;
        let mut load = errcat_catalog::LoadOptions::default();
        let mut openapi = false;
        let mut unknown = None;
        if input.peek(LitStr) {
            path = Some(input.parse()?);
        }
        while !input.is_empty() {
            if path.is_some() {
                input.parse::<Token![,]>()?;
                if input.is_empty() {
                    break;
                }
            }
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "path" => {
                    input.parse::<Token![=]>()?;
                    path = Some(input.parse()?);
                }
                "module" => {
                    input.parse::<Token![=]>()?;
                    module = Some(input.parse()?);
                }
                "examples" => examples = true,
                "allow_outside_includes" => load.allow_outside_includes = true,
                "openapi" => openapi = true,
                "unknown" => {
                    input.parse::<Token![=]>()?;
                    unknown = Some(input.parse()?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown argument `{other}`; expected a path string, `module = \"name\"`, `unknown = Variant`, `examples`, `openapi` or `allow_outside_includes`"
                        ),
                    ));
                }
            }
        }
        let path = path.ok_or_else(|| {
            input.error("expected the catalogue path, as in #[errcat::catalog(\"errors.yaml\")]")
        })?;
        Ok(Args {
            path,
            module,
            examples,
            load,
            openapi,
            unknown,
        })
    }
}

/// Expands the attribute.
pub fn expand(args: TokenStream, item: TokenStream, site: &CallSite) -> TokenStream {
    let args: Args = match syn::parse2(args) {
        Ok(a) => a,
        Err(e) => return with_item(e.to_compile_error(), item),
    };
    let input: DeriveInput = match syn::parse2::<DeriveInput>(item.clone()) {
        Ok(i) if matches!(i.data, Data::Enum(_)) => i,
        _ => {
            let e = syn::Error::new(
                Span::call_site(),
                "#[errcat::catalog] goes on an enum without variants: `pub enum ApiError {}`",
            );
            return with_item(e.to_compile_error(), item);
        }
    };
    if !input.generics.params.is_empty() {
        let error = syn::Error::new_spanned(&input.generics, "a catalogue enum cannot be generic")
            .to_compile_error();
        let mut plain = input.clone();
        plain.generics = syn::Generics::default();
        let module = format_ident!("{}", names::module_name(&input.ident.to_string()));
        let skeleton = skeleton(&plain, &module);
        return quote!(#error #skeleton);
    }
    if let Some(v) = match &input.data {
        Data::Enum(e) => e.variants.first(),
        _ => None,
    } {
        return with_item(
            syn::Error::new_spanned(v, "the variants come from the catalogue; remove them here, or use #[derive(errcat::Error)] on a hand-written enum")
                .to_compile_error(),
            item,
        );
    }
    let module = args.module.as_ref().map_or_else(
        || format_ident!("{}", names::module_name(&input.ident.to_string())),
        |m| format_ident!("{}", m.value()),
    );
    let path = args.path.value();
    let started = std::time::Instant::now();
    match catalog_file::load(site, &path, &args.load) {
        Ok(loaded) => {
            let loaded_at = started.elapsed();
            let track = catalog_file::track_files(site, &loaded.files());
            let body = generate(&loaded.catalog, &input, &module, &args);
            let warnings = catalog_file::warnings(&loaded, args.path.span());
            let out = quote!(#body const _: () = { #track }; #warnings);
            catalog_file::report_timing(
                &path,
                loaded.catalog.entries.len(),
                loaded_at,
                started.elapsed(),
            );
            out
        }
        Err(err) => {
            let error = catalog_file::compile_error(&err, &path, args.path.span());
            let track = catalog_file::track_files(
                site,
                &err.files()
                    .into_iter()
                    .filter(|f| f.is_file())
                    .collect::<Vec<_>>(),
            );
            let skeleton = skeleton(&input, &module);
            quote!(#error #skeleton const _: () = { #track };)
        }
    }
}

fn with_item(error: TokenStream, item: TokenStream) -> TokenStream {
    quote!(#error #item)
}

fn derives_debug(input: &DeriveInput) -> bool {
    input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            let mut found = false;
            let _ = a.parse_nested_meta(|m| {
                found |= m.path.segments.last().is_some_and(|s| s.ident == "Debug");
                Ok(())
            });
            found
        })
}

/// Generates the enum, its companion module and its impls.
pub fn generate(
    catalog: &Catalog,
    input: &DeriveInput,
    module: &Ident,
    args: &Args,
) -> TokenStream {
    let ty = &input.ident;
    let vis = &input.vis;
    let attrs = &input.attrs;
    let debug = (!derives_debug(input)).then(|| quote!(#[derive(Debug)]));
    let module_text = module.to_string();
    let enum_name = ty.to_string();
    let mut generated = Generated::default();
    let mut variants = String::with_capacity(256 * catalog.entries.len());
    let mut plans = Vec::with_capacity(catalog.entries.len());
    for (i, entry) in catalog.entries.iter().enumerate() {
        let fields = variants::fields(entry, &module_text, &mut generated);
        variants::write_variant(&mut variants, catalog, entry, &enum_name, &fields);
        plans.push(VariantPlan {
            entry: i,
            ident: entry.ident.clone(),
            values: fields.fields.into_iter().map(|f| Some(f.name)).collect(),
            source: fields
                .source
                .then(|| SourceAccess::ErrcatSource("source".to_owned())),
        });
    }
    let unknown = args.unknown.as_ref();
    if let Some(u) = unknown {
        if let Some(entry) = catalog.entries.iter().find(|e| *u == e.ident) {
            let message = format!(
                "the catch-all `{u}` has the name of the variant of `{}`; choose another, as in `unknown = Other`",
                entry.key
            );
            return syn::Error::new(u.span(), message).to_compile_error();
        }
        if catalog.categories.iter().any(|c| *u == c.ident) {
            let message = format!(
                "the catch-all `{u}` has the name of a category, and it names the catch-all's category too; choose another, as in `unknown = Other`"
            );
            return syn::Error::new(u.span(), message).to_compile_error();
        }
        emit!(
            &mut variants,
            "/// An error with a code this version of the catalogue does not have \
             (nor a family that takes it in), kept whole: \
             its code, status, message and details, and the body, which \
             `to_json` writes back unchanged.\n\
             {u}(::errcat::UnknownError),"
        );
    }
    let variants = crate::emit::tokens(&variants);
    if !generated.collisions.is_empty() {
        let message = format!("errcat: {}", generated.collisions.join("\n"));
        return quote!(::core::compile_error!(#message););
    }
    let nested = &generated.items;
    let per_entry = impls::per_entry_text(catalog, &enum_name, &plans, unknown);
    let decode = decode_method(&decode_text(catalog, &enum_name), unknown, catalog);
    let mut methods = constructors(catalog, ty);
    methods.extend(from_code_method(catalog, &enum_name, unknown));
    if args.examples {
        methods.extend(examples_method(catalog, ty, module));
    }
    let openapi = args.openapi.then(|| openapi_items(catalog, ty));
    if let Some((method, _)) = &openapi {
        methods.extend(method.clone());
    }
    let openapi_impls = openapi.map(|(_, impls)| impls);
    let categories = impls::category_enum(catalog, unknown);
    let shared = impls::generate(
        catalog,
        ty,
        module,
        &per_entry,
        Extras {
            decode: Some(decode),
            methods,
            unknown: unknown.cloned(),
        },
    );
    let module_doc = format!(
        " Types generated for [`{ty}`] from the catalogue `{}`.",
        catalog.name
    );
    let enum_doc = catalog
        .description
        .as_ref()
        .map(|d| crate::types::doc_lines(d));
    quote! {
        #(#attrs)*
        #enum_doc
        #debug
        // Variant names and sizes come from the catalogue, not from the
        // user's choices, so these lints have nothing to act on.
        #[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
        #vis enum #ty {
            #variants
        }

        #[doc = #module_doc]
        #[allow(clippy::module_name_repetitions)]
        #vis mod #module {
            #categories
            #(#nested)*
        }

        const _: () = {
            #shared
            #openapi_impls
            impl ::errcat::FromResponse for #ty {
                fn from_response(
                    status: ::core::option::Option<u16>,
                    body: &[u8],
                ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
                    Self::__errcat_from_response(status, body)
                }
            }
        };
    }
}

/// With the `openapi` argument: the OpenAPI components of the catalogue
/// (those the `errcat` command writes to `openapi.json`) compiled into the type, as
/// `openapi_components()` and the utoipa and aide impls (which expand to
/// nothing without the `errcat` features of the same names).
fn openapi_items(catalog: &Catalog, ty: &Ident) -> (TokenStream, TokenStream) {
    let doc = errcat_catalog::openapi::document(catalog, errcat_catalog::openapi::Version::V3_1);
    let components = serde_json::to_string(&doc["components"]).unwrap_or_default();
    let components = crate::emit::tokens(&crate::emit::LongStr(&components).to_string());
    let name = format!("{}Error", errcat_catalog::ident::pascal(&catalog.name));
    let method = quote! {
        /// The OpenAPI 3.1 components of the catalogue (schemas and
        /// responses), as the `errcat` command writes them to `openapi.json`, for a
        /// service that assembles its document by hand.
        #[must_use]
        pub fn openapi_components() -> ::errcat::__private::serde_json::Value {
            ::errcat::__private::serde_json::from_str(__ERRCAT_OPENAPI).unwrap_or_default()
        }
    };
    let impls = quote! {
        const __ERRCAT_OPENAPI: &str = #components;
        ::errcat::__impl_utoipa!(#ty, #name, __ERRCAT_OPENAPI);
        ::errcat::__impl_aide!(#ty, __ERRCAT_OPENAPI);
    };
    (method, impls)
}

/// The source text of the decoder's per-entry code: one function per
/// `CHUNK` entries, each building its entries' variants, and the arms of a
/// dispatch on `index / CHUNK` (the compiler's cost grows faster than
/// linearly with the size of one function).
struct DecodeText {
    chunks: String,
    dispatch: String,
}

fn decode_text(catalog: &Catalog, ty: &str) -> DecodeText {
    let mut chunks = String::with_capacity(128 * catalog.entries.len());
    let mut dispatch = String::new();
    for (k, entries) in catalog.entries.chunks(CHUNK).enumerate() {
        emit!(
            &mut chunks,
            // A chunk whose errors carry no values never reads `d`.
            "#[allow(unused_variables)] \
             fn __errcat_decode_{k}(index: usize, d: &mut ::errcat::__private::Decoded<'_>) \
             -> ::core::result::Result<{ty}, ::errcat::DecodeError> {{ \
             ::core::result::Result::Ok(match index {{"
        );
        for (i, entry) in entries.iter().enumerate() {
            emit!(&mut chunks, "{} => {ty}::{}", k * CHUNK + i, entry.ident);
            let fields = variant_fields(entry);
            if !fields.is_empty() || entry.source {
                chunks.push_str(" {");
                for (index, f) in fields.iter().enumerate() {
                    emit!(
                        &mut chunks,
                        "{}: d.field({index})?,",
                        field_text(f.rust_name())
                    );
                }
                if entry.source {
                    chunks.push_str("source: ::errcat::Source::none(),");
                }
                chunks.push('}');
            }
            chunks.push(',');
        }
        chunks.push_str("_ => return ::core::result::Result::Err(__errcat_out_of_range()), }) }");
        emit!(&mut dispatch, "{k} => __errcat_decode_{k}(index, d),");
    }
    DecodeText { chunks, dispatch }
}

fn decode_method(text: &DecodeText, unknown: Option<&Ident>, catalog: &Catalog) -> TokenStream {
    let chunks = crate::emit::tokens(&text.chunks);
    let dispatch = crate::emit::tokens(&text.dispatch);
    // Without a catch-all, the code of a removed error is recognised as
    // such (`DecodeError::Removed`); with one, it is kept whole like any
    // code the catalogue no longer has.
    let removed = (unknown.is_none() && !catalog.removed.is_empty()).then(|| {
        let arms = catalog.removed.iter().map(|tomb| {
            let code = &tomb.code;
            let notice = tomb.removed.clone().unwrap_or_default();
            let since = option_tokens(notice.since.as_deref());
            let replaced_by = notice
                .replaced_by
                .as_ref()
                .and_then(|key| catalog.entries.iter().find(|e| &e.key == key))
                .map(|e| e.code.as_str());
            let replaced_by = option_tokens(replaced_by);
            quote! {
                #code => ::errcat::DecodeError::Removed {
                    code,
                    since: #since,
                    replaced_by: #replaced_by,
                },
            }
        });
        quote! {
            .map_err(|e| match e {
                ::errcat::DecodeError::UnknownCode { code } => match code.as_str() {
                    #(#arms)*
                    _ => ::errcat::DecodeError::UnknownCode { code },
                },
                e => e,
            })
        }
    });
    // With a catch-all, a code nothing in the catalogue takes is kept whole.
    let catch_all = unknown.map(|u| {
        quote! {
            .or_else(|e| match e {
                ::errcat::DecodeError::UnknownCode { .. } => {
                    ::errcat::UnknownError::from_body(&__errcat_table::TABLE, status, body).map(Self::#u)
                }
                e => ::core::result::Result::Err(e),
            })
        }
    });
    let unknown_doc = if unknown.is_some() {
        " A code the catalogue does not have (nor a family that takes it in) gives the catch-all variant."
    } else {
        " A code the catalogue does not have (nor a family that takes it in) is `DecodeError::UnknownCode`; declare a catch-all with `unknown = Variant` to keep such errors."
    };
    quote! {
        /// Decodes an error body (in the catalogue's envelope) back into a
        /// value of this type, for clients of the API. `status` helps tell
        /// apart entries that share a code; pass `None` if unknown.
        ///
        /// Fields the body does not carry (`in_body: false` and absent from
        /// the message) come back empty or zero, and sources as none.
        ///
        #[doc = #unknown_doc]
        ///
        /// # Errors
        ///
        /// [`errcat::DecodeError`] when the body is not JSON, lacks the code,
        /// carries an unknown code, or has details of the wrong shape.
        pub fn from_response(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            Self::__errcat_from_response(status.into(), body)
        }

        // Not generic, so compiled once here rather than in each caller.
        #[allow(clippy::too_many_lines, clippy::erasing_op, clippy::identity_op)]
        fn __errcat_from_response(
            status: ::core::option::Option<u16>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            fn __errcat_out_of_range() -> ::errcat::DecodeError {
                ::errcat::DecodeError::Malformed {
                    reason: ::std::string::String::from("entry index out of range"),
                }
            }
            #chunks
            // The closure's return type is written out: inferring it would
            // leave pending obligations for the type checker to revisit.
            ::errcat::__private::decode(&__errcat_table::TABLE, status, body, |index, d| -> ::core::result::Result<Self, ::errcat::DecodeError> {
                match index / #CHUNK {
                    #dispatch
                    _ => ::core::result::Result::Err(__errcat_out_of_range()),
                }
            })
            #catch_all
            #removed
        }
    }
}

/// `from_code`: the error of a code, for the entries that need no values
/// (no details, or only optional ones).
fn from_code_method(catalog: &Catalog, ty: &str, unknown: Option<&Ident>) -> TokenStream {
    let mut arms = String::new();
    for (i, entry) in catalog.entries.iter().enumerate() {
        let fields = variant_fields(entry);
        let optional = |f: &VariantField<'_>| matches!(f, VariantField::Detail(d) if d.optional);
        if !fields.iter().all(optional) {
            continue;
        }
        emit!(
            &mut arms,
            "{i} => ::core::option::Option::Some({ty}::{}",
            entry.ident
        );
        if !fields.is_empty() || entry.source {
            arms.push_str(" {");
            for f in &fields {
                emit!(
                    &mut arms,
                    "{}: ::core::option::Option::None,",
                    field_text(f.rust_name())
                );
            }
            if entry.source {
                arms.push_str("source: ::errcat::Source::none(),");
            }
            arms.push('}');
        }
        arms.push_str("),");
    }
    let arms = crate::emit::tokens(&arms);
    let note = if unknown.is_some() {
        " The catch-all is never made from a code alone: it keeps a body."
    } else {
        ""
    };
    let doc = format!(
        " The error of a wire code, for a gateway or a driver that starts from \
         a code: the entry [`Self::entry_by_code`] finds, if its variant needs \
         no values (no details, or only optional ones, left `None`).{note}"
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        #[allow(clippy::too_many_lines, clippy::match_same_arms, clippy::match_single_binding)]
        pub fn from_code(code: &str) -> ::core::option::Option<Self> {
            match __errcat_table::TABLE.lookup(code)? {
                #arms
                _ => ::core::option::Option::None,
            }
        }
    }
}

fn constructors(catalog: &Catalog, ty: &Ident) -> TokenStream {
    let sourced: Vec<_> = catalog.entries.iter().filter(|e| e.source).collect();
    if sourced.is_empty() {
        return TokenStream::new();
    }
    let ctors = sourced
        .iter()
        .filter(|e| variant_fields(e).is_empty())
        .map(|e| {
            let name = constructor_name(&e.key);
            let v = type_ident(&e.ident);
            let doc = format!(
                " `{}` without a source yet; add one with [`Self::with_source`].",
                e.code
            );
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #name() -> Self {
                    Self::#v { source: ::errcat::Source::none() }
                }
            }
        });
    let arms = sourced.iter().map(|e| {
        let v = type_ident(&e.ident);
        quote!(#ty::#v { source, .. } => *source = ::errcat::Source::new(error))
    });
    let list = sourced
        .iter()
        .map(|e| format!("`{}`", e.ident))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = format!(
        " Attaches the underlying error, for logs and `Error::source`; it is never sent.\n\n Variants that carry a source: {list}. Other variants are returned unchanged."
    );
    quote! {
        #(#ctors)*

        #[doc = #doc]
        #[must_use]
        pub fn with_source(mut self, error: impl ::core::convert::Into<::std::boxed::Box<dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static>>) -> Self {
            #[allow(unreachable_patterns)]
            match &mut self {
                #(#arms,)*
                _ => {}
            }
            self
        }
    }
}

fn examples_method(catalog: &Catalog, ty: &Ident, module: &Ident) -> TokenStream {
    let items = catalog.entries.iter().flat_map(|entry| {
        let v = type_ident(&entry.ident);
        let key = &entry.key;
        entry.examples.iter().map(move |example| {
            let fields: Vec<TokenStream> = variant_fields(entry)
                .into_iter()
                .map(|f| match f {
                    VariantField::Detail(field) => {
                        let id = field_ident(&field.rust_name);
                        let value = variants::field_value_expr(example.details.get(&field.name), field, &entry.ident, module);
                        quote!(#id: #value)
                    }
                    VariantField::DetailsValue(ty) => {
                        let value = variants::value_expr(&example.details, ty, &variants::details_type_name(&entry.ident), module);
                        quote!(details: #value)
                    }
                    VariantField::Message => {
                        let text = example.message.clone().unwrap_or_default();
                        quote!(message: ::std::string::String::from(#text))
                    }
                })
                .collect();
            let source = entry.source.then(|| quote!(source: ::errcat::Source::none()));
            let error = if fields.is_empty() && source.is_none() {
                quote!(#ty::#v)
            } else {
                let sep = (!fields.is_empty() && source.is_some()).then(|| quote!(,));
                quote!(#ty::#v { #(#fields),* #sep #source })
            };
            let name = option_tokens(example.name.as_deref());
            let r = &example.request;
            let (id, ts, inst) = (
                option_tokens(r.request_id.as_deref()),
                option_tokens(r.timestamp.as_deref()),
                option_tokens(r.instance.as_deref()),
            );
            quote! {
                ::errcat::Example {
                    key: #key,
                    name: #name,
                    error: #error,
                    context: ::errcat::RequestContext { request_id: #id, timestamp: #ts, instance: #inst, locale: ::core::option::Option::None },
                }
            }
        })
    });
    quote! {
        /// Every example of the catalogue, as values of this type with their
        /// per-request values, in catalogue order.
        #[must_use]
        pub fn examples() -> ::std::vec::Vec<::errcat::Example<Self>> {
            ::std::vec![#(#items),*]
        }
    }
}

/// What is emitted when the catalogue has errors: the enum with no
/// variants, and the methods users call, so that the catalogue's errors are
/// the only ones reported.
fn skeleton(input: &DeriveInput, module: &Ident) -> TokenStream {
    let ty = &input.ident;
    let vis = &input.vis;
    let attrs = &input.attrs;
    let debug = (!derives_debug(input)).then(|| quote!(#[derive(Debug)]));
    quote! {
        #(#attrs)*
        #debug
        #vis enum #ty {}

        #[allow(missing_docs)]
        #vis mod #module {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum Category {}
        }

        #[allow(missing_docs, clippy::all)]
        const _: () = {
            impl #ty {
                pub fn code(&self) -> &'static str { match *self {} }
                pub fn status(&self) -> ::core::option::Option<u16> { match *self {} }
                pub fn category(&self) -> #module::Category { match *self {} }
                pub fn title(&self) -> &'static str { match *self {} }
                pub fn retryable(&self) -> ::core::option::Option<bool> { match *self {} }
                pub fn entry(&self) -> &'static ::errcat::EntryInfo { match *self {} }
                pub fn entries() -> &'static [::errcat::EntryInfo] { &[] }
                pub fn to_json(&self) -> ::std::vec::Vec<u8> { match *self {} }
                pub fn to_json_with(&self, _: &::errcat::RequestContext<'_>) -> ::std::vec::Vec<u8> { match *self {} }
                pub fn write_json(&self, _: &::errcat::RequestContext<'_>, _: &mut ::std::vec::Vec<u8>) { match *self {} }
                pub fn from_response(_: impl ::core::convert::Into<::core::option::Option<u16>>, _: &[u8]) -> ::core::result::Result<Self, ::errcat::DecodeError> {
                    ::core::result::Result::Err(::errcat::DecodeError::Malformed { reason: ::std::string::String::new() })
                }
                pub fn entry_by_code(_: &str) -> ::core::option::Option<&'static ::errcat::EntryInfo> { ::core::option::Option::None }
                pub fn from_code(_: &str) -> ::core::option::Option<Self> { ::core::option::Option::None }
                pub fn examples() -> ::std::vec::Vec<::errcat::Example<Self>> { ::std::vec::Vec::new() }
                pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> { ::core::iter::empty() }
                pub fn headers(&self) -> ::errcat::Headers<'_, 0> { match *self {} }
            }
            impl ::core::fmt::Display for #ty {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { match *self {} }
            }
            impl ::std::error::Error for #ty {}
            impl ::errcat::CatalogError for #ty {
                const CONTENT_TYPE: &'static str = "application/json";
                fn entries() -> &'static [::errcat::EntryInfo] { &[] }
                fn entry(&self) -> &'static ::errcat::EntryInfo { match *self {} }
                fn write_json(&self, _: &::errcat::RequestContext<'_>, _: &mut ::std::vec::Vec<u8>) { match *self {} }
                fn headers_with<'__a>(&'__a self, _: &::errcat::RequestContext<'__a>) -> impl ::core::iter::Iterator<Item = (&'static str, ::errcat::HeaderValue<'__a>)> { ::core::iter::empty() }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn site_with(tag: &str, catalogue: &str) -> (CallSite, PathBuf) {
        let root = std::env::temp_dir().join(format!("errcat-expand-{}-{tag}", std::process::id()));
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("errors.yaml"), catalogue).unwrap();
        std::fs::write(root.join("src/lib.rs"), "").unwrap();
        (
            CallSite {
                manifest_dir: root.clone(),
                caller_file: Some(root.join("src/lib.rs")),
            },
            root,
        )
    }

    use std::path::PathBuf;

    const GOOD: &str = "name: shop\ntitle: Shop\nenvelope: nested\ncategories:\n  misc: Misc\nerrors:\n  rate_limited:\n    status: 429\n    category: misc\n    message: \"Retry in {retry_after}s.\"\n    details:\n      retry_after: integer\n    fixes: [Wait.]\n";

    #[test]
    fn expands_a_catalogue_into_the_enum_module_and_impls() {
        let (site, root) = site_with("good", GOOD);
        let out = expand(
            quote!("errors.yaml"),
            quote!(
                pub enum ApiError {}
            ),
            &site,
        )
        .to_string();
        for expected in [
            "pub enum ApiError",
            "RateLimited { # [doc = \" The `retry_after` details field.\"] retry_after : i64 , }",
            "pub mod api_error",
            "pub enum Category",
            "include_bytes ! (\"../errors.yaml\")",
            "pub fn from_response",
            "impl :: errcat :: CatalogError for ApiError",
            ":: errcat :: __impl_axum ! (ApiError)",
        ] {
            assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
        }
        assert!(!out.contains("compile_error"), "{out}");
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn a_bad_catalogue_becomes_one_compile_error_and_a_skeleton() {
        let (site, root) = site_with(
            "bad",
            &GOOD.replace("category: misc\n    message", "category: mics\n    message"),
        );
        let out = expand(
            quote!("errors.yaml"),
            quote!(
                pub enum ApiError {}
            ),
            &site,
        )
        .to_string();
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(
            out.contains("error[E0023]: unknown category `mics`"),
            "{out}"
        );
        assert!(
            out.contains("--> errors.yaml:9:15"),
            "the message quotes file:line:column: {out}"
        );
        assert!(
            out.contains("9 |     category: mics"),
            "and the snippet: {out}"
        );
        assert!(out.contains("pub enum ApiError { }"), "skeleton: {out}");
        assert!(
            out.contains("pub fn code (& self)"),
            "skeleton methods: {out}"
        );
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn arguments_are_parsed_and_checked() {
        let a: Args = syn::parse2(quote!("x.yaml", module = "errs", examples)).unwrap();
        assert_eq!(a.path.value(), "x.yaml");
        assert_eq!(a.module.unwrap().value(), "errs");
        assert!(a.examples);
        let a: Args = syn::parse2(quote!(path = "y.yaml")).unwrap();
        assert_eq!(a.path.value(), "y.yaml");
        let e = syn::parse2::<Args>(quote!("x.yaml", modul = "x"))
            .err()
            .unwrap();
        assert!(e.to_string().contains("unknown argument `modul`"));
        assert!(syn::parse2::<Args>(quote!()).is_err());
    }
}

#[cfg(test)]
mod golden {
    use std::path::Path;

    /// The expansion of `tests/expand/shop.yaml`, pretty-printed, is the
    /// committed `tests/expand/shop.expanded.rs`, so that every change to
    /// the generated code shows up in review. After an intended change,
    /// run the test with `ERRCAT_BLESS=1` to rewrite the file, and read
    /// the diff.
    #[test]
    fn expansion_matches_the_golden_file() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
        let site = super::CallSite {
            manifest_dir: dir.clone(),
            caller_file: None,
        };
        let tokens = super::expand(
            quote::quote!("shop.yaml"),
            quote::quote!(
                /// The errors of the shop API.
                #[derive(Clone, PartialEq)]
                pub enum ShopError {}
            ),
            &site,
        );
        let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
        let text = format!(
            "// The expansion of `#[errcat::catalog(\"shop.yaml\")]`, checked by\n\
             // `expansion_matches_the_golden_file`. Do not edit; rewrite it with\n\
             // `ERRCAT_BLESS=1 cargo test -p errcat-expand golden`.\n\n{}",
            prettyplease::unparse(&file)
        );
        let golden = dir.join("shop.expanded.rs");
        if std::env::var_os("ERRCAT_BLESS").is_some() {
            std::fs::write(&golden, &text).expect("the golden file is writable");
            return;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected != text {
            let line = expected
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| expected.lines().count().min(text.lines().count()));
            panic!(
                "the expansion differs from {} from line {}:\n  expected: {:?}\n  expanded: {:?}\n\
                 run `ERRCAT_BLESS=1 cargo test -p errcat-expand golden` and review the diff",
                golden.display(),
                line + 1,
                expected.lines().nth(line),
                text.lines().nth(line)
            );
        }
    }
}

#[cfg(test)]
mod expansion {
    /// The benchmark catalogue expands without errors. The same test is
    /// the way to run the expansion under a profiler: set
    /// `ERRCAT_PROFILE_CATALOGUE` (relative to `bench/generated`, for
    /// example `n1000/errors.yaml` once generated) and, to keep the output,
    /// `ERRCAT_PROFILE_DUMP`, then
    /// `cargo test -p errcat-expand bench_catalogue_expands -- --nocapture`.
    #[test]
    fn bench_catalogue_expands() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/generated");
        let file =
            std::env::var("ERRCAT_PROFILE_CATALOGUE").unwrap_or_else(|_| "n50/errors.yaml".into());
        let site = super::CallSite {
            manifest_dir: root,
            caller_file: None,
        };
        let started = std::time::Instant::now();
        let out = super::expand(
            quote::quote!(#file),
            quote::quote!(
                pub enum ApiError {}
            ),
            &site,
        );
        let elapsed = started.elapsed();
        let text = out.to_string();
        eprintln!(
            "expanded {file}: {} bytes of tokens in {elapsed:?}",
            text.len()
        );
        if let Some(dump) = std::env::var_os("ERRCAT_PROFILE_DUMP") {
            std::fs::write(dump, &text).expect("the dump file is writable");
        }
        assert!(!text.contains("compile_error"), "{text}");
        assert!(text.contains("static TABLE"), "the tables");
        assert!(text.contains("pub enum ApiError"), "the enum");
    }
}

/// `Some("text")` or `None` as tokens, with full paths.
fn option_tokens(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}
