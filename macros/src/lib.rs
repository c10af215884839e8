//! Procedural macros of [errcat](https://docs.rs/errcat). Use them through
//! the `errcat` crate, which re-exports them with the runtime they need.
//!
//! This crate is thin: catalogues are loaded and validated by
//! `errcat-catalog`, and `errcat-expand` turns them into tokens (the same
//! generator `errcat-build` uses from build scripts).

use proc_macro::TokenStream;

fn call_site() -> errcat_expand::CallSite {
    errcat_expand::CallSite::current(proc_macro::Span::call_site().local_file())
}

/// Generates a complete error enum from a YAML catalogue. See the `errcat`
/// crate's documentation.
#[proc_macro_attribute]
pub fn catalog(args: TokenStream, item: TokenStream) -> TokenStream {
    errcat_expand::catalog_attribute(args.into(), item.into(), &call_site()).into()
}

/// Implements errcat's traits for a hand-written enum whose variants name
/// catalogue entries. See the `errcat` crate's documentation.
#[proc_macro_derive(Error, attributes(errcat, source, from))]
pub fn derive_error(input: TokenStream) -> TokenStream {
    errcat_expand::derive_error(input.into(), &call_site()).into()
}
