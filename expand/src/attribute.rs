//! `#[errcat::catalog("errors.yaml")]`: the whole enum from the catalogue.

use crate::catalog_file::{self, CallSite};
use crate::enum_expansion::{self, EnumItem, Options};
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
    /// The `openapi` argument: OpenAPI components compiled into the type
    /// (`openapi_components()`, and the utoipa and aide traits).
    pub openapi: Option<Ident>,
    /// The catch-all variant for codes the catalogue does not have.
    pub unknown: Option<Ident>,
    /// `operation(Name = [Variant, ...])`, once per operation.
    pub operations: Vec<enum_expansion::Operation>,
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
            operations: Vec::new(),
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
                "operation" => {
                    let inner;
                    syn::parenthesized!(inner in input);
                    let ident: Ident = inner.parse()?;
                    inner.parse::<Token![=]>()?;
                    let list;
                    syn::bracketed!(list in inner);
                    let variants = list.parse_terminated(Ident::parse, Token![,])?;
                    args.operations.push(enum_expansion::Operation {
                        ident,
                        variants: variants.into_iter().collect(),
                    });
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown argument `{other}`; expected a path string, `module = \"name\"`, `unknown = Variant`, `examples`, `openapi`, `operation(Name = [Variant, ...])` or `allow_outside_includes`"
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
    let attrs = &input.attrs;
    let vis = &input.vis;
    let item = EnumItem {
        attrs: quote!(#(#attrs)*),
        vis: quote!(#vis),
        ident: input.ident.clone(),
    };
    let options = Options {
        module: args.module.as_ref().map(|m| format_ident!("{}", m.value())),
        examples: args.examples,
        openapi: args.openapi.as_ref().map(Ident::span),
        unknown: args.unknown.clone(),
        allow_clippy: false,
        operations: args.operations,
    };
    let generate = |catalog: &Catalog| enum_expansion::generate(catalog, &item, &options);
    let path = args.path.value();
    let started = std::time::Instant::now();
    match catalog_file::load(site, &path, &args.load) {
        Ok(loaded) => {
            let loaded_at = started.elapsed();
            let track = catalog_file::track_files(site, &loaded.files());
            let body = generate(&loaded.catalog);
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
            let partial = err
                .partial
                .as_ref()
                .map_or_else(|| generate(&Catalog::empty()), |catalog| generate(catalog));
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
