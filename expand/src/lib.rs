//! The Rust code generator of [errcat](https://docs.rs/errcat): turns a
//! loaded catalogue into the tokens of the error enum, its companion module
//! and its impls.
//!
//! Two front ends share it, so there is one code generator:
//! - `errcat-macros`, the proc macros `#[errcat::catalog]` and
//!   `#[derive(errcat::Error)]`;
//! - `errcat-build`, which writes the same code from `build.rs` into
//!   `OUT_DIR`.
//!
//! The generated code is plain Rust, one `match` arm per variant, calling
//! the small runtime in `errcat::wire` for values; see
//! `tests/expand/shop.expanded.rs` for a whole expansion.

#[cfg(feature = "parse")]
mod attribute;
mod body_code;
#[cfg(feature = "parse")]
mod catalog_file;
mod decode_code;
#[cfg(feature = "parse")]
mod derive;
mod detail_types;
mod enum_expansion;
mod enum_items;
mod example_values;
mod names;
#[cfg(feature = "openapi")]
mod openapi_items;
mod source_methods;
mod type_impls;
mod variant_plan;

#[cfg(feature = "parse")]
pub use catalog_file::CallSite;
pub use enum_expansion::{EnumItem, Operation, Options, generate};
#[cfg(feature = "parse")]
use proc_macro2::TokenStream;

/// The expansion of `#[errcat::catalog(args)] item`: the enum, its module
/// and its impls, or a `compile_error!` quoting the catalogue's
/// diagnostics beside the part of the enum that could be read.
#[cfg(feature = "parse")]
pub fn catalog_attribute(args: TokenStream, item: TokenStream, site: &CallSite) -> TokenStream {
    attribute::expand(args, item, site)
}

/// The expansion of `#[derive(errcat::Error)]` on `input`, a hand-written
/// enum whose variants name catalogue entries.
#[cfg(feature = "parse")]
pub fn derive_error(input: TokenStream, site: &CallSite) -> TokenStream {
    derive::expand(input, site)
}
