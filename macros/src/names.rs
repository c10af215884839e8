//! Rust names for catalogue items.

use errcat_catalog::ident;
use proc_macro2::{Ident, Span};

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn field_ident(name: &str) -> Ident {
    if ident::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A type or variant identifier.
pub fn type_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The companion module's name for an enum: `ApiError` -> `api_error`.
pub fn module_name(enum_name: &str) -> String {
    ident::snake(enum_name)
}

/// The name of a constructor function for an entry: `internal_error`.
pub fn constructor_name(key: &str) -> Ident {
    field_ident(&ident::snake(key))
}
