//! `#[derive(errcat::Error)]`: errcat's impls for a hand-written enum whose
//! variants name catalogue entries.
//!
//! ```ignore
//! #[derive(Debug, errcat::Error)]
//! #[errcat(catalog = "errors.yaml")]
//! enum ApiError {
//!     RateLimited { limit: u32, window: api_error::RateLimitedWindow, retry_after: u32 },
//!     #[errcat(entry = "internal_error")]
//!     Database(#[from] std::io::Error),
//! }
//! ```

use crate::catalog_file::{self, CallSite};
use crate::decode_code;
use crate::detail_types::DetailTypes;
use crate::enum_items;
use crate::names::{self, doc, field_ident};
use crate::type_impls::{self, Target};
use crate::variant_plan::{SourceAccess, VariantField, VariantPlan, variant_fields};
use errcat_catalog::Loaded;
use errcat_catalog::ident::{details_type_name, field_type_name};
use errcat_catalog::model::{Entry, TypeKind, TypeSpec};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, GenericArgument, LitStr, PathArguments, Type};

struct Options {
    catalog: LitStr,
    module: Option<LitStr>,
    load: errcat_catalog::LoadOptions,
}

fn enum_options(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Option<Options> {
    let mut catalog = None;
    let mut module = None;
    let mut load = errcat_catalog::LoadOptions::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("errcat")) {
        let result = attr.parse_nested_meta(|m| {
            if m.path.is_ident("catalog") {
                catalog = Some(m.value()?.parse::<LitStr>()?);
            } else if m.path.is_ident("module") {
                module = Some(m.value()?.parse::<LitStr>()?);
            } else if m.path.is_ident("allow_outside_includes") {
                load.allow_outside_includes = true;
            } else {
                return Err(m.error(
                    "expected `catalog = \"errors.yaml\"`, `module = \"name\"` or `allow_outside_includes`",
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    catalog.map(|catalog| Options {
        catalog,
        module,
        load,
    })
}

fn variant_entry(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Option<LitStr> {
    let mut entry = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("errcat")) {
        let result = attr.parse_nested_meta(|m| {
            if m.path.is_ident("entry") {
                entry = Some(m.value()?.parse::<LitStr>()?);
                Ok(())
            } else {
                Err(m.error("expected `entry = \"catalogue_key\"`"))
            }
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    entry
}

fn has_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// Expands the derive: read the enum and its options, load the
/// catalogue, match each variant to its entry, then generate.
pub fn expand(input: TokenStream, site: &CallSite) -> TokenStream {
    let (input, options) = match parse(input) {
        Ok(parsed) => parsed,
        Err(e) => return e.to_compile_error(),
    };
    let path = options.catalog.value();
    let loaded = match catalog_file::load(site, &path, &options.load) {
        Ok(l) => l,
        Err(err) => {
            let existing: Vec<_> = err.files().into_iter().filter(|f| f.is_file()).collect();
            let track = catalog_file::track_files(site, &existing);
            let error = catalog_file::compile_error(&err, &path, options.catalog.span());
            return quote!(#error const _: () = { #track };);
        }
    };
    let mut errors = Vec::new();
    let (plans, froms) = plan_variants(&input, &loaded, &path, &mut errors);
    if let Some(error) = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        return error.to_compile_error();
    }
    let module = options.module.as_ref().map_or_else(
        || format_ident!("{}", names::module_name(&input.ident.to_string())),
        |m| format_ident!("{}", m.value()),
    );
    let generated = generate(&input, &module, &loaded.catalog, &plans, froms);
    let track = catalog_file::track_files(site, &loaded.files());
    let warnings = catalog_file::warnings(&loaded, options.catalog.span());
    quote!(#generated const _: () = { #track }; #warnings)
}

/// The enum and its `#[errcat(...)]` options, or the errors that stop
/// the derive before the catalogue is read.
fn parse(input: TokenStream) -> syn::Result<(DeriveInput, Options)> {
    let input: DeriveInput = syn::parse2(input)?;
    if !matches!(input.data, Data::Enum(_)) {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[derive(errcat::Error)] works on enums",
        ));
    }
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "#[derive(errcat::Error)] does not support generic enums",
        ));
    }
    let mut errors = Vec::new();
    let Some(options) = enum_options(&input.attrs, &mut errors) else {
        let mut e = syn::Error::new_spanned(
            &input.ident,
            "add `#[errcat(catalog = \"errors.yaml\")]` to name the catalogue (relative to Cargo.toml)",
        );
        for other in errors {
            e.combine(other);
        }
        return Err(e);
    };
    if let Some(error) = errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        return Err(error);
    }
    Ok((input, options))
}

/// Each variant matched to its entry (by name, or by `#[errcat(entry)]`)
/// and checked against it, and the `From` impls `#[from]` asks for.
fn plan_variants(
    input: &DeriveInput,
    loaded: &Loaded,
    path: &str,
    errors: &mut Vec<syn::Error>,
) -> (Vec<VariantPlan>, Vec<TokenStream>) {
    let catalog = &loaded.catalog;
    let Data::Enum(data) = &input.data else {
        return (Vec::new(), Vec::new());
    };
    let mut plans = Vec::new();
    let mut froms = Vec::new();
    for variant in &data.variants {
        let explicit = variant_entry(&variant.attrs, errors);
        let wanted = explicit
            .as_ref()
            .map_or_else(|| variant.ident.to_string(), LitStr::value);
        let found = match &explicit {
            Some(_) => catalog.entries.iter().position(|e| e.key == wanted),
            None => catalog.entries.iter().position(|e| e.ident == wanted),
        };
        let Some(index) = found else {
            let candidates = catalog.entries.iter().map(|e| {
                if explicit.is_some() {
                    e.key.as_str()
                } else {
                    e.ident.as_str()
                }
            });
            let hint = errcat_catalog::did_you_mean(&wanted, candidates)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            let span = explicit
                .as_ref()
                .map_or_else(|| variant.ident.span(), LitStr::span);
            errors.push(syn::Error::new(
                span,
                format!(
                    "`{wanted}` is not an error in the catalogue `{path}`{hint}\nname the entry with #[errcat(entry = \"key\")] if the variant is named differently"
                ),
            ));
            continue;
        };
        let entry = &catalog.entries[index];
        if let Some(plan) = plan_variant(
            &input.ident,
            loaded,
            entry,
            index,
            variant,
            &mut froms,
            errors,
        ) {
            plans.push(plan);
        }
    }
    (plans, froms)
}

/// The companion module and the impls for the hand-written enum.
fn generate(
    input: &DeriveInput,
    module: &proc_macro2::Ident,
    catalog: &errcat_catalog::Catalog,
    plans: &[VariantPlan],
    froms: Vec<TokenStream>,
) -> TokenStream {
    // The detail types the catalogue's variants would have; the
    // hand-written variants name them.
    let mut types = DetailTypes::default();
    let _ = enum_items::variants(catalog, &input.ident, module, &[], &mut types);
    let nested: TokenStream = types.items.drain(..).collect();
    let categories = enum_items::category_enum(catalog, None);
    let ty = &input.ident;
    let vis = &input.vis;
    let target = Target {
        catalog,
        ty,
        module,
        plans,
        unknown: None,
    };
    let tables = decode_code::tables(catalog);
    let impls = type_impls::impls(&target, TokenStream::new());
    let froms: TokenStream = froms.into_iter().collect();
    let module_doc = doc(&format!(
        "Types generated for [`{ty}`] from the catalogue `{}`.",
        catalog.name
    ));
    quote! {
        #module_doc
        #[allow(clippy::module_name_repetitions)]
        #vis mod #module {
            #categories
            #nested
        }

        const _: () = {
            #tables
            #impls
            #froms
        };
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_variant(
    ty: &Ident,
    loaded: &Loaded,
    entry: &Entry,
    index: usize,
    variant: &syn::Variant,
    froms: &mut Vec<TokenStream>,
    errors: &mut Vec<syn::Error>,
) -> Option<VariantPlan> {
    let expected = variant_fields(entry);
    let v = &variant.ident;
    let yaml = loaded.sources.location(entry.span);
    let mut values: Vec<Option<Ident>> = vec![None; expected.len()];
    let mut source = None;
    let mut ok = true;
    match &variant.fields {
        Fields::Unit => {}
        Fields::Unnamed(fields) => {
            let only = fields.unnamed.first().filter(|_| fields.unnamed.len() == 1);
            let Some(field) =
                only.filter(|f| has_attr(&f.attrs, "from") || has_attr(&f.attrs, "source"))
            else {
                errors.push(syn::Error::new(
                    fields.span(),
                    "a tuple variant may hold one field, the underlying error, marked #[from] or #[source]; details need named fields",
                ));
                return None;
            };
            let optional = option_inner(&field.ty).is_some();
            source = Some(SourceAccess::Tuple { optional });
            if has_attr(&field.attrs, "from") {
                let t = &field.ty;
                froms.push(quote! {
                    impl ::core::convert::From<#t> for #ty { fn from(source: #t) -> Self { Self::#v(source) } }
                });
            }
        }
        Fields::Named(fields) => {
            let from_field = fields.named.iter().find(|f| has_attr(&f.attrs, "from"));
            for field in &fields.named {
                let name = field.ident.as_ref().expect("named field");
                let is_source = has_attr(&field.attrs, "source")
                    || has_attr(&field.attrs, "from")
                    || name == "source";
                if is_source {
                    if source.is_some() {
                        errors.push(syn::Error::new(
                            name.span(),
                            "a variant can hold only one source",
                        ));
                        ok = false;
                    }
                    let optional = option_inner(&field.ty).is_some();
                    source = Some(if type_last_ident(&field.ty).as_deref() == Some("Source") {
                        SourceAccess::ErrcatSource(name.clone())
                    } else {
                        SourceAccess::Field {
                            field: name.clone(),
                            optional,
                        }
                    });
                    continue;
                }
                let Some(position) = expected
                    .iter()
                    .position(|f| field_ident(f.rust_name()) == *name)
                else {
                    let names: Vec<String> = expected
                        .iter()
                        .map(|f| format!("`{}`", f.rust_name()))
                        .collect();
                    errors.push(syn::Error::new(
                        name.span(),
                        format!(
                            "field `{name}` is not in the details of `{}` ({yaml}); {}\nmark it #[source] if it holds the underlying error",
                            entry.key,
                            if names.is_empty() { "that error has no details".to_owned() } else { format!("its fields are {}", names.join(", ")) }
                        ),
                    ));
                    ok = false;
                    continue;
                };
                if let Err(message) = check_type(&field.ty, &expected[position], entry) {
                    let at =
                        field_location(loaded, &expected[position]).unwrap_or_else(|| yaml.clone());
                    errors.push(syn::Error::new(
                        field.ty.span(),
                        format!("{message}\n --> {at}"),
                    ));
                    ok = false;
                }
                values[position] = Some(name.clone());
            }
            if let Some(field) = from_field {
                if fields.named.len() == 1 {
                    let t = &field.ty;
                    let name = field.ident.as_ref().expect("named field");
                    froms.push(quote! {
                        impl ::core::convert::From<#t> for #ty { fn from(source: #t) -> Self { Self::#v { #name: source } } }
                    });
                } else {
                    errors.push(syn::Error::new(
                        field.span(),
                        "#[from] needs a variant whose only field is the source",
                    ));
                    ok = false;
                }
            }
        }
    }
    for (position, f) in expected.iter().enumerate() {
        if values[position].is_some() || matches!(f, VariantField::Detail(d) if d.optional) {
            continue;
        }
        let at = field_location(loaded, f).unwrap_or_else(|| yaml.clone());
        errors.push(syn::Error::new(
            variant.ident.span(),
            format!("variant `{v}` lacks the field `{}: {}` that the catalogue requires for `{}`\n --> {at}", f.rust_name(), expected_type_text(f, entry), entry.key),
        ));
        ok = false;
    }
    ok.then(|| VariantPlan {
        entry: index,
        ident: v.clone(),
        unit: matches!(variant.fields, Fields::Unit),
        values,
        source,
        received: false,
    })
}

fn field_location(loaded: &Loaded, f: &VariantField<'_>) -> Option<String> {
    match f {
        VariantField::Detail(field) => Some(loaded.sources.location(field.span)),
        VariantField::DetailsValue(ty) => Some(loaded.sources.location(ty.span)),
        VariantField::Message => None,
    }
}

fn option_inner(ty: &Type) -> Option<&Type> {
    generic_arg(ty, "Option")
}

fn generic_arg<'a>(ty: &'a Type, outer: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != outer {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| {
        if let GenericArgument::Type(t) = a {
            Some(t)
        } else {
            None
        }
    })
}

fn type_last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => type_last_ident(&r.elem).map(|s| format!("&{s}")),
        Type::Group(g) => type_last_ident(&g.elem),
        Type::Paren(p) => type_last_ident(&p.elem),
        _ => None,
    }
}

fn expected_type_text(f: &VariantField<'_>, entry: &Entry) -> String {
    match f {
        VariantField::Detail(field) => {
            let t = spec_text(&field.ty, &field_type_name(&entry.ident, &field.rust_name));
            if field.optional {
                format!("Option<{t}>")
            } else {
                t
            }
        }
        VariantField::DetailsValue(ty) => spec_text(ty, &details_type_name(&entry.ident)),
        VariantField::Message => "String".into(),
    }
}

fn spec_text(ty: &TypeSpec, name: &str) -> String {
    match &ty.kind {
        TypeKind::String => "String".into(),
        TypeKind::Integer(f) => f.rust_type().into(),
        TypeKind::Number => "f64".into(),
        TypeKind::Boolean => "bool".into(),
        TypeKind::Enum(_) | TypeKind::Object(_) => name.into(),
        TypeKind::Array(item) => format!(
            "Vec<{}>",
            spec_text(item, &errcat_catalog::ident::item_type_name(name))
        ),
    }
}

fn check_type(ty: &Type, f: &VariantField<'_>, entry: &Entry) -> Result<(), String> {
    let expected = expected_type_text(f, entry);
    let (spec, name, optional): (Option<&TypeSpec>, String, bool) = match f {
        VariantField::Detail(field) => (
            Some(&field.ty),
            field_type_name(&entry.ident, &field.rust_name),
            field.optional,
        ),
        VariantField::DetailsValue(t) => (Some(*t), details_type_name(&entry.ident), false),
        VariantField::Message => (None, String::new(), false),
    };
    let inner = if optional {
        match option_inner(ty) {
            Some(t) => t,
            None => return Err(mismatch(ty, &expected, f)),
        }
    } else {
        ty
    };
    let fits = match spec {
        None => is_text(inner),
        Some(spec) => fits(inner, spec, &name),
    };
    if fits {
        Ok(())
    } else {
        Err(mismatch(ty, &expected, f))
    }
}

fn mismatch(ty: &Type, expected: &str, f: &VariantField<'_>) -> String {
    let found = quote!(#ty).to_string().replace(' ', "");
    let what = match f {
        VariantField::Detail(field) => format!(
            "the catalogue declares `{}` as {}",
            field.name,
            field.ty.type_name()
        ),
        VariantField::DetailsValue(t) => {
            format!("the catalogue declares the details as {}", t.type_name())
        }
        VariantField::Message => "a varying message is text".to_owned(),
    };
    format!(
        "field type `{found}` does not match the catalogue: {what}, so the field must be `{expected}`"
    )
}

fn is_text(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => type_last_ident(&r.elem).as_deref() == Some("str"),
        _ => match type_last_ident(ty).as_deref() {
            Some("String") => true,
            Some("Cow" | "Box" | "Arc" | "Rc") => {
                generic_arg(ty, &type_last_ident(ty).unwrap_or_default())
                    .is_some_and(|t| type_last_ident(t).as_deref() == Some("str"))
            }
            _ => false,
        },
    }
}

fn fits(ty: &Type, spec: &TypeSpec, name: &str) -> bool {
    match &spec.kind {
        TypeKind::String => is_text(ty),
        TypeKind::Integer(f) => type_last_ident(ty).as_deref() == Some(f.rust_type()),
        TypeKind::Number => type_last_ident(ty).as_deref() == Some("f64"),
        TypeKind::Boolean => type_last_ident(ty).as_deref() == Some("bool"),
        TypeKind::Enum(_) | TypeKind::Object(_) => type_last_ident(ty).as_deref() == Some(name),
        TypeKind::Array(item) => generic_arg(ty, "Vec")
            .is_some_and(|t| fits(t, item, &errcat_catalog::ident::item_type_name(name))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use errcat_catalog::model::IntFormat;

    fn spec(kind: TypeKind) -> TypeSpec {
        TypeSpec {
            kind,
            description: None,
            example: None,
            span: errcat_catalog::Span::file_start(
                errcat_catalog::source_map::SourceMap::new().next_id(),
            ),
        }
    }

    fn ty(s: &str) -> Type {
        syn::parse_str(s).unwrap()
    }

    #[test]
    fn field_types_match_the_schema_by_shape() {
        let string = spec(TypeKind::String);
        for ok in [
            "String",
            "std::string::String",
            "&'static str",
            "Cow<'static, str>",
            "Box<str>",
            "std::sync::Arc<str>",
        ] {
            assert!(fits(&ty(ok), &string, ""), "{ok}");
        }
        assert!(!fits(&ty("u32"), &string, ""));
        let int = spec(TypeKind::Integer(IntFormat::Uint32));
        assert!(fits(&ty("u32"), &int, ""));
        assert!(!fits(&ty("u64"), &int, ""));
        let list = spec(TypeKind::Array(Box::new(spec(TypeKind::Enum(vec![
            "a".into(),
        ])))));
        assert!(fits(
            &ty("Vec<api::RateLimitedWindowItem>"),
            &list,
            "RateLimitedWindow"
        ));
        assert!(!fits(&ty("Vec<String>"), &list, "RateLimitedWindow"));
        assert_eq!(
            option_inner(&ty("Option<u32>")).map(|t| quote::quote!(#t).to_string()),
            Some("u32".into())
        );
    }
}
