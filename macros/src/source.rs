//! Generated Rust written as source text, then lexed once.
//!
//! The parts of the expansion that grow with the catalogue (variants,
//! tables, match arms) are written into a `String` and turned into tokens
//! with one call to the compiler's lexer. Building the same code token by
//! token with `quote!` costs one call into the compiler per token, which
//! for a 1,000-entry catalogue is most of the expansion time.
//!
//! Every identifier written here was made by [`crate::names`] from the
//! catalogue or taken from the user's item, and every literal goes through
//! [`Str`], so the text always lexes.

use proc_macro2::TokenStream;
use std::fmt::{self, Write};

/// A string literal: `"…"` with the text escaped. Characters outside ASCII
/// are written as `\u{…}` escapes, so no bidirectional-override character
/// ever appears raw in generated code.
pub struct Str<'a>(pub &'a str);

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        write_escaped(f, self.0)?;
        f.write_char('"')
    }
}

/// Writes text as the inside of a string literal (see [`Str`]).
fn write_escaped(out: &mut impl Write, text: &str) -> fmt::Result {
    // Runs of printable ASCII other than `"` and `\` are written whole; a
    // catalogue's text is almost all such bytes.
    let mut plain = 0;
    let mut i = 0;
    while let Some(&byte) = text.as_bytes().get(i) {
        if matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\' {
            i += 1;
            continue;
        }
        out.write_str(&text[plain..i])?;
        // `i` is at a character boundary: every byte skipped above is
        // ASCII.
        let c = text[i..].chars().next().unwrap_or_default();
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            _ => write!(out, "\\u{{{:x}}}", u32::from(c))?,
        }
        i += c.len_utf8();
        plain = i;
    }
    out.write_str(&text[plain..])
}

/// Appends one `#[doc]` attribute holding [`doc_text`] of `text`, which
/// rustdoc reads as it reads the same lines written as `///` comments.
pub fn write_docs(out: &mut String, text: &str) {
    out.push_str("#[doc = \"");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        out.push(' ');
        let _ = write_escaped(out, line);
    }
    out.push_str("\"]");
}

/// The text of one `#[doc]` attribute holding every line of `text`, each
/// indented by one space as `///` comments are.
pub fn doc_text(text: &str) -> String {
    let mut doc = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            doc.push('\n');
        }
        doc.push(' ');
        doc.push_str(line);
    }
    doc
}

/// Appends formatted text to a `String` (which cannot fail).
macro_rules! emit {
    ($out:expr, $($fmt:tt)*) => {{
        let _ = ::std::fmt::Write::write_fmt($out, ::std::format_args!($($fmt)*));
    }};
}

/// Lexes generated source into tokens (with call-site spans, as `quote!`
/// gives). Generated text that fails to lex is a bug in errcat; it becomes
/// a compile error saying so rather than a panic.
///
/// Inside the compiler the text goes straight to its lexer.
/// `proc_macro2`'s own `parse` would first lex the whole text a second time
/// with its own parser, to turn the few inputs on which the compiler's lexer
/// gives up into an error; for a 1,000-entry catalogue that check cost a
/// quarter of the expansion. Everything written here is valid by
/// construction (identifiers from [`crate::names`], literals through
/// [`Str`]), and the unit tests, which run outside the compiler, still lex
/// every expansion with the checking parser.
pub fn tokens(text: &str) -> TokenStream {
    let lexed = if proc_macro::is_available() {
        text.parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .map_err(|e| e.to_string())
    } else {
        text.parse::<TokenStream>().map_err(|e| e.to_string())
    };
    lexed.unwrap_or_else(|e| {
        let message = format!(
            "errcat generated Rust that does not lex ({e}); this is a bug in errcat, please report it"
        );
        quote::quote!(::core::compile_error!(#message);)
    })
}

#[cfg(test)]
mod tests {
    use super::{Str, doc_text, tokens, write_docs};

    fn lexes_back_to(text: &str, literal: &str) {
        let ts = tokens(literal);
        let lit: syn::LitStr = syn::parse2(ts).expect("a string literal");
        assert_eq!(lit.value(), text);
    }

    #[test]
    fn string_literals_round_trip_through_the_lexer() {
        for text in [
            "",
            "plain",
            "quote \" and backslash \\",
            "line\nbreak\ttab\rreturn",
            "nul \0 and bell \u{7}",
            "é, ü, 日本, 🙂",
            "bidi \u{202e} override",
            "{braces} and } alone",
        ] {
            let written = Str(text).to_string();
            assert!(written.is_ascii(), "{written}");
            lexes_back_to(text, &written);
        }
    }

    #[test]
    fn a_doc_attribute_holds_the_doc_text() {
        for text in [
            "",
            "one line",
            "two\nlines",
            "quote \" and \\",
            "crlf\r\nline",
            "é \u{202e}",
        ] {
            let mut written = String::new();
            write_docs(&mut written, text);
            let attr: syn::Attribute =
                syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens(&written))
                    .expect("an attribute")
                    .remove(0);
            let syn::Meta::NameValue(doc) = attr.meta else {
                panic!("{written}")
            };
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(value),
                ..
            }) = doc.value
            else {
                panic!("{written}")
            };
            assert_eq!(value.value(), doc_text(text), "{written}");
        }
    }

    #[test]
    fn text_that_does_not_lex_becomes_a_compile_error() {
        let out = tokens("\"unterminated").to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("bug in errcat"), "{out}");
    }
}
