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
//! Catalogues are loaded and validated by `errcat-catalog`, the crate the
//! docs generator uses too.

// Inside a proc macro, generated text is lexed by the compiler itself
// (see `emit::tokens`).
extern crate proc_macro;

#[macro_use]
mod emit;
mod attribute;
mod catalog_file;
mod derive;
mod impls;
mod names;
mod static_tables;
mod types;
mod variants;

pub use catalog_file::CallSite;
use proc_macro2::TokenStream;

/// The expansion of `#[errcat::catalog(args)] item`: the enum, its module
/// and its impls, or a `compile_error!` quoting the catalogue's
/// diagnostics (with a skeleton of the enum, so that other errors stay
/// quiet).
pub fn catalog_attribute(args: TokenStream, item: TokenStream, site: &CallSite) -> TokenStream {
    attribute::expand(args, item, site)
}

/// The expansion of `#[derive(errcat::Error)]` on `input`, a hand-written
/// enum whose variants name catalogue entries.
pub fn derive_error(input: TokenStream, site: &CallSite) -> TokenStream {
    derive::expand(input, site)
}
