//! With the `openapi` argument: the catalogue's OpenAPI components
//! compiled into the type, as `openapi_components()` and the utoipa and
//! aide impls (which expand to nothing without the `errcat` features of
//! the same names).

use errcat_catalog::Catalog;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The `openapi_components()` method, and the impls for the inside of the
/// generated `const _: () = { ... }`.
pub fn openapi_items(catalog: &Catalog, ty: &Ident) -> (TokenStream, TokenStream) {
    use errcat_render::openapi_document::{Version, document};
    let doc = document(catalog, Version::V3_1);
    let components = doc["components"].to_string();
    let name = format!("{}Error", errcat_catalog::ident::pascal(&catalog.name));
    let method = quote! {
        /// The OpenAPI 3.1 components of the catalogue (schemas and
        /// responses), as the `errcat` command writes them to
        /// `openapi.json`, for a service that assembles its document by
        /// hand.
        #[must_use]
        pub fn openapi_components() -> ::errcat::__private::serde_json::Value {
            ::errcat::__private::serde_json::from_str(OPENAPI).unwrap_or_default()
        }
    };
    let impls = quote! {
        const OPENAPI: &str = #components;
        ::errcat::__impl_utoipa!(#ty, #name, OPENAPI);
        ::errcat::__impl_aide!(#ty, OPENAPI);
    };
    (method, impls)
}
