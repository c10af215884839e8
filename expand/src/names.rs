//! Rust names for catalogue items.

use errcat_catalog::ident;
use proc_macro2::{Ident, Span};
use std::borrow::Cow;

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn field_ident(name: &str) -> Ident {
    if ident::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The source text of [`field_ident`]: `name`, or `r#name` for a keyword.
/// Unlike an `Ident`, it can be made off the compiler's thread.
pub fn field_text(name: &str) -> Cow<'_, str> {
    if ident::is_keyword(name) {
        Cow::Owned(format!("r#{name}"))
    } else {
        Cow::Borrowed(name)
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

#[cfg(test)]
mod tests {
    use super::{field_ident, field_text};

    #[test]
    fn field_text_is_the_identifier_as_written() {
        for name in ["resource_id", "type", "match", "self_", "r"] {
            assert_eq!(field_text(name), field_ident(name).to_string());
        }
    }
}
