//! With the `openapi` argument: the catalogue's OpenAPI components
//! compiled into the type, as `openapi_components()` and the utoipa and
//! aide impls (which expand to nothing without the `errcat` features of
//! the same names).

use errcat_catalog::Catalog;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The `openapi_components()` method, and the impls for the inside of the
/// generated `const _: () = { ... }`: the schemas of the `whole`
/// catalogue (the same for every operation, so that they merge), and the
/// responses of `errors`, the errors the type holds.
pub fn openapi_items(whole: &Catalog, errors: &Catalog, ty: &Ident) -> (TokenStream, TokenStream) {
    use errcat_render::openapi_document::{Version, document, type_document};
    // The schemas of the whole catalogue; the responses and request
    // headers of the type's own errors, every status typed by one union.
    let mut doc = document(whole, Version::V3_1);
    let own = type_document(errors, Version::V3_1, &ty.to_string());
    for part in ["responses", "parameters"] {
        match own["components"].get(part) {
            Some(value) => doc["components"][part] = value.clone(),
            None => {
                if let Some(c) = doc["components"].as_object_mut() {
                    c.remove(part);
                }
            }
        }
    }
    let components = doc["components"].to_string();
    let name = format!("{}Error", errcat_catalog::ident::pascal(&whole.name));
    let method = quote! {
        /// The OpenAPI 3.1 components of the type's errors, for a service
        /// that assembles its document by hand: the catalogue's schemas,
        /// as the `errcat` command writes them to `openapi.json`, and one
        /// response per status of the type's errors, whose body is one of
        /// them (or an error of a code added later).
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
