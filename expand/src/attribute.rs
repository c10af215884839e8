//! `#[errcat::catalog("errors.yaml")]`: the whole enum from the catalogue.

use crate::catalog_file::{self, CallSite};
use crate::decode_code;
use crate::detail_types::DetailTypes;
use crate::enum_items;
use crate::names::{self, doc};
use crate::type_impls::{self, Target};
use crate::variant_plan::VariantPlan;
use errcat_catalog::Catalog;
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
    pub openapi: Option<Ident>,
    /// The catch-all variant for codes the catalogue does not have.
    pub unknown: Option<Ident>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut args = Args {
            path: LitStr::new("", Span::call_site()),
            module: None,
            examples: false,
            load: errcat_catalog::LoadOptions::default(),
            openapi: None,
            unknown: None,
        };
        let mut path = None;
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
                    args.module = Some(input.parse()?);
                }
                "examples" => args.examples = true,
                "allow_outside_includes" => args.load.allow_outside_includes = true,
                "openapi" => args.openapi = Some(key),
                "unknown" => {
                    input.parse::<Token![=]>()?;
                    args.unknown = Some(input.parse()?);
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
        args.path = path.ok_or_else(|| {
            input.error("expected the catalogue path, as in #[errcat::catalog(\"errors.yaml\")]")
        })?;
        Ok(args)
    }
}

/// Expands the attribute.
pub fn expand(args: TokenStream, item: TokenStream, site: &CallSite) -> TokenStream {
    let args: Args = match syn::parse2(args) {
        Ok(a) => a,
        Err(e) => return with_item(e.to_compile_error(), item),
    };
    let (input, input_error) = match checked_input(item.clone()) {
        Ok(checked) => checked,
        Err(e) => return with_item(e.to_compile_error(), item),
    };
    let input_error = input_error.map(|e| e.to_compile_error());
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
            let out = quote!(#input_error #body const _: () = { #track }; #warnings);
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
            let existing: Vec<_> = err.files().into_iter().filter(|f| f.is_file()).collect();
            let track = catalog_file::track_files(site, &existing);
            // Everything that could be read, so that code using the type
            // keeps compiling and the catalogue's diagnostic stands alone.
            let partial = err.partial.as_ref().map_or_else(
                || generate(&Catalog::empty(), &input, &module, &args),
                |catalog| generate(catalog, &input, &module, &args),
            );
            quote!(#input_error #error #partial const _: () = { #track };)
        }
    }
}

/// The annotated item, if it is an enum without variants. A generic one
/// is an error too, but the expansion goes on without its parameters, so
/// that the error stands alone.
fn checked_input(item: TokenStream) -> syn::Result<(DeriveInput, Option<syn::Error>)> {
    let mut input = syn::parse2::<DeriveInput>(item)?;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[errcat::catalog] goes on an enum without variants: `pub enum ApiError {}`",
        ));
    };
    if let Some(v) = data.variants.first() {
        return Err(syn::Error::new_spanned(
            v,
            "the variants come from the catalogue; remove them here, or use #[derive(errcat::Error)] on a hand-written enum",
        ));
    }
    let mut error = None;
    if !input.generics.params.is_empty() {
        error = Some(syn::Error::new_spanned(
            &input.generics,
            "a catalogue enum cannot be generic",
        ));
        input.generics = syn::Generics::default();
    }
    Ok((input, error))
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

/// A compile error at `span`, or `None` if the catch-all's name is free.
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
    Some(syn::Error::new(u.span(), message).to_compile_error())
}

/// Generates the enum, its companion module and its impls.
pub fn generate(
    catalog: &Catalog,
    input: &DeriveInput,
    module: &Ident,
    args: &Args,
) -> TokenStream {
    let ty = &input.ident;
    let unknown = args.unknown.as_ref();
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
    if args.examples {
        methods.extend(crate::example_values::examples_method(&target));
    }
    let openapi_impls = match &args.openapi {
        Some(key) => match openapi(catalog, ty, key) {
            Ok((method, impls)) => {
                methods.extend(method);
                impls
            }
            Err(error) => return error,
        },
        None => TokenStream::new(),
    };
    let impls = type_impls::impls(&target, methods);
    let tables = decode_code::tables(catalog);
    let categories = enum_items::category_enum(catalog, unknown);
    let nested: TokenStream = types.items.drain(..).collect();
    let vis = &input.vis;
    let attrs = &input.attrs;
    let debug = (!derives_debug(input)).then(|| quote!(#[derive(Debug)]));
    let module_doc = doc(&format!(
        "Types generated for [`{ty}`] from the catalogue `{}`.",
        catalog.name
    ));
    let enum_doc = catalog.description.as_deref().map(doc);
    quote! {
        #(#attrs)*
        #enum_doc
        #debug
        // Variant names and sizes come from the catalogue, not from the
        // user's choices, so these lints have nothing to act on.
        #[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
        #vis enum #ty {
            #variants
            #catch_all
        }

        #module_doc
        #[allow(clippy::module_name_repetitions)]
        #vis mod #module {
            #categories
            #nested
        }

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

#[cfg(feature = "openapi")]
fn openapi(
    catalog: &Catalog,
    ty: &Ident,
    _key: &Ident,
) -> Result<(TokenStream, TokenStream), TokenStream> {
    Ok(crate::openapi_items::openapi_items(catalog, ty))
}

#[cfg(not(feature = "openapi"))]
fn openapi(_: &Catalog, _: &Ident, key: &Ident) -> Result<(TokenStream, TokenStream), TokenStream> {
    Err(syn::Error::new(
        key.span(),
        "the `openapi` argument needs errcat's `openapi` feature (or `utoipa` or `aide`, which imply it)",
    )
    .to_compile_error())
}
