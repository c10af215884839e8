//! Constructors and `with_source` for the errors that carry an underlying
//! error (`source: true`).

use crate::names::{constructor_name, type_ident};
use errcat_catalog::Catalog;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A constructor per sourced error without values, and `with_source`.
pub fn source_methods(catalog: &Catalog, ty: &Ident, fallbacks: &[usize]) -> TokenStream {
    let sourced: Vec<(usize, &errcat_catalog::model::Entry)> = catalog
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.source)
        .collect();
    if sourced.is_empty() {
        return TokenStream::new();
    }
    let ctors: TokenStream = sourced
        .iter()
        .filter(|(_, e)| crate::variant_plan::variant_fields(e).is_empty())
        .map(|(i, e)| {
            let name = constructor_name(&e.key);
            let v = type_ident(&e.ident);
            let doc = format!(
                " `{}` without a source yet; add one with [`Self::with_source`].",
                e.code
            );
            let received = fallbacks
                .contains(i)
                .then(|| quote!(received: ::errcat::Received::none(),));
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #name() -> Self {
                    Self::#v { source: ::errcat::Source::none(), #received }
                }
            }
        })
        .collect();
    let arms: TokenStream = sourced
        .iter()
        .map(|(_, e)| {
            let v = type_ident(&e.ident);
            quote!(#ty::#v { source, .. } => *source = ::errcat::Source::new(error),)
        })
        .collect();
    let list = sourced
        .iter()
        .map(|(_, e)| format!("`{}`", e.ident))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = crate::names::doc(&format!(
        "Attaches the underlying error, for logs and `Error::source`; it is never sent.\n\nVariants that carry a source: {list}. Other variants are returned unchanged."
    ));
    quote! {
        #ctors

        #doc
        #[must_use]
        pub fn with_source(
            mut self,
            error: impl ::core::convert::Into<::std::boxed::Box<dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static>>,
        ) -> Self {
            #[allow(unreachable_patterns)]
            match &mut self {
                #arms
                _ => {}
            }
            self
        }
    }
}
