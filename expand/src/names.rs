//! Rust names and doc comments for catalogue items.

use errcat_catalog::ident;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

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

/// The doc comment holding `text`: one `#[doc]` per line, each indented
/// by one space, as `///` comments are.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = format!(" {line}");
        quote!(#[doc = #line])
    });
    let mut out: TokenStream = lines.collect();
    if out.is_empty() {
        out = quote!(#[doc = ""]);
    }
    out
}

/// `Some("text")` or `None` as tokens, with full paths.
pub fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// A string literal for `text`: raw (`r#"..."#`) when the text has quotes
/// or backslashes and nothing a raw literal cannot hold, so that JSON in
/// generated code reads as JSON.
pub fn str_lit(text: &str) -> proc_macro2::Literal {
    let plain = !text.contains(['"', '\\']);
    let rawable = text.chars().all(|c| !c.is_control() && !is_bidi(c));
    if plain || !rawable {
        return proc_macro2::Literal::string(text);
    }
    // One `#` more than the longest run of them after a quote.
    let mut hashes = 1;
    let mut rest = text;
    while let Some(at) = rest.find('"') {
        rest = &rest[at + 1..];
        hashes = hashes.max(rest.bytes().take_while(|&b| b == b'#').count() + 1);
    }
    let hashes = "#".repeat(hashes);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// Characters the compiler warns about anywhere in source text.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// An integer literal without a suffix (`0`, not `0usize`).
pub fn int_lit(n: impl Into<u64>) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(n.into())
}

#[cfg(test)]
mod tests {
    use super::str_lit;

    #[test]
    fn string_literals_hold_their_text() {
        for text in [
            "",
            "plain",
            r#"{"error":"x"}"#,
            r##"a "# b"##,
            "back\\slash",
            "line\nbreak \"quoted\"",
            "bidi \u{202e} \"q\"",
            "é 日本 \"🦀\"",
        ] {
            let l = str_lit(text);
            let lit: syn::LitStr = syn::parse2(quote::quote!(#l)).expect("a string literal");
            assert_eq!(lit.value(), text);
        }
        assert!(str_lit(r#"{"a":1}"#).to_string().starts_with("r#"));
        assert!(!str_lit("plain").to_string().starts_with('r'));
    }
}
