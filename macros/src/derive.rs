//! `#[derive(errcat::Error)]` (written in the next step).

use crate::load::CallSite;
use proc_macro2::TokenStream;

/// Expands the derive.
pub fn expand(input: TokenStream, site: &CallSite) -> TokenStream {
    let _ = (input, site);
    quote::quote!(::core::compile_error!("#[derive(errcat::Error)] is not implemented yet");)
}
