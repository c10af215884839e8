//! Procedural macros of [errcat](https://docs.rs/errcat). Use them through
//! the `errcat` crate, which re-exports them with the runtime they need.
//!
//! This crate is thin: catalogues are loaded and validated by
//! `errcat-catalog`, the same crate the docs generator uses; the expansion
//! here only turns the resolved catalogue into tokens.

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

use proc_macro::TokenStream;

fn call_site() -> catalog_file::CallSite {
    catalog_file::CallSite::current(proc_macro::Span::call_site().local_file())
}

/// Generates a complete error enum from a YAML catalogue. See the `errcat`
/// crate's documentation.
#[proc_macro_attribute]
pub fn catalog(args: TokenStream, item: TokenStream) -> TokenStream {
    attribute::expand(args.into(), item.into(), &call_site()).into()
}

/// Implements errcat's traits for a hand-written enum whose variants name
/// catalogue entries. See the `errcat` crate's documentation.
#[proc_macro_derive(Error, attributes(errcat, source, from))]
pub fn derive_error(input: TokenStream) -> TokenStream {
    derive::expand(input.into(), &call_site()).into()
}
