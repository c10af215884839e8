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

/// A string literal for long text, such as the packed tables: written raw
/// (`r"…"`, with as many `#`s as the text needs), which the compiler lexes
/// in about half the time of the escaped form, since it has no escapes to
/// check. Text a raw literal must not hold (a control character other than
/// a line feed or tab, a bidirectional-override character, or more `#`s
/// after a `"` than a raw literal allows) is written as a [`Str`] instead.
pub struct LongStr<'a>(pub &'a str);

impl fmt::Display for LongStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match raw_hashes(self.0) {
            Some(hashes) => {
                let hashes = &"#".repeat(hashes);
                write!(f, "r{hashes}\"{}\"{hashes}", self.0)
            }
            None => Str(self.0).fmt(f),
        }
    }
}

/// How many `#`s a raw literal of `text` needs, or `None` if `text` cannot
/// be written raw.
fn raw_hashes(text: &str) -> Option<usize> {
    // The compiler's limit on the `#`s of a raw literal.
    const MOST: usize = 255;
    // The compiler rejects a raw carriage return, and lints against these
    // characters anywhere in the source.
    const BIDI: [char; 9] = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}',
    ];
    let writable = |c: char| matches!(c, '\n' | '\t') || !(c.is_control() || BIDI.contains(&c));
    // Most text is plain ASCII, checked a byte at a time.
    let plain = text
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'));
    if !plain && !text.chars().all(writable) {
        return None;
    }
    // One `#` more than the longest run of them after a quote.
    let mut needed = 0;
    let mut rest = text;
    while let Some(at) = rest.find('"') {
        rest = &rest[at + 1..];
        let run = rest.bytes().take_while(|&b| b == b'#').count();
        needed = needed.max(run + 1);
    }
    (needed <= MOST).then_some(needed)
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

/// Appends the doc comment of `text`, which rustdoc reads as the lines of
/// [`doc_text`].
///
/// Text of printable ASCII is written as `///` lines: one token per line
/// for the compiler to lex, where an attribute is six, and for a
/// 1,000-entry catalogue the doc comments are a third of the generated
/// source. Any other text (a carriage return, a control character or
/// anything outside ASCII, which a comment must not hold raw) becomes one
/// `#[doc]` attribute with the characters escaped.
pub fn write_docs(out: &mut String, text: &str) {
    if text.bytes().all(|b| matches!(b, b' '..=b'~' | b'\n')) {
        // An empty text still documents the item, as `#[doc = ""]` would.
        if text.is_empty() {
            out.push_str("///\n");
        }
        // Each line keeps the space after `///`, as `doc_text` indents it.
        for line in text.lines() {
            out.push_str("/// ");
            out.push_str(line);
            out.push('\n');
        }
        return;
    }
    let _ = write!(out, "#[doc = {}]", Str(&doc_text(text)));
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
    use super::{LongStr, Str, doc_text, tokens, write_docs};

    fn lexes_back_to(text: &str, literal: &str) {
        let ts = tokens(literal);
        let lit: syn::LitStr = syn::parse2(ts).expect("a string literal");
        assert_eq!(lit.value(), text);
    }

    #[test]
    fn long_literals_are_raw_when_they_can_be() {
        for (text, raw) in [
            ("", true),
            ("plain, with a \\ backslash", true),
            ("one \" quote", true),
            ("\"# needs two", true),
            ("\"## and \"# need three", true),
            ("lines\nand\ttabs", true),
            ("é, 日本, 🙂", true),
            ("carriage\rreturn", false),
            ("nul \0", false),
            ("bidi \u{202e} override", false),
            ("isolate \u{2066}", false),
        ] {
            let written = LongStr(text).to_string();
            assert_eq!(written.starts_with('r'), raw, "{written}");
            let lit: syn::LitStr = syn::parse2(tokens(&written)).expect("a string literal");
            assert_eq!(lit.value(), text, "{written}");
        }
        let hashes = format!("\"{}", "#".repeat(255));
        assert!(LongStr(&hashes).to_string().starts_with('"'));
        let fewer = format!("\"{}", "#".repeat(254));
        assert!(
            LongStr(&fewer)
                .to_string()
                .starts_with(&format!("r{}", "#".repeat(255)))
        );
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

    /// The doc strings of the attributes `written` lexes to, joined by
    /// line breaks as rustdoc joins them.
    fn doc_of(written: &str) -> String {
        let attrs = syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens(written))
            .expect("attributes");
        let lines: Vec<String> = attrs
            .into_iter()
            .map(|attr| {
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
                value.value()
            })
            .collect();
        lines.join("\n")
    }

    #[test]
    fn doc_comments_hold_the_doc_text() {
        for (text, attributes) in [
            ("", 0),
            ("one line", 0),
            ("two\nlines", 0),
            ("blank\n\nbetween", 0),
            ("/ slash, //! and */ stay text", 0),
            ("quote \" and \\", 0),
            ("crlf\r\nline", 1),
            ("tab\there", 1),
            ("é \u{202e}", 1),
        ] {
            let mut written = String::new();
            write_docs(&mut written, text);
            assert_eq!(doc_of(&written), doc_text(text), "{written}");
            assert_eq!(written.matches("#[doc").count(), attributes, "{written}");
            assert!(written.is_ascii(), "{written}");
        }
    }

    #[test]
    fn an_empty_doc_comment_still_documents() {
        let mut written = String::new();
        write_docs(&mut written, "");
        let attrs = syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens(&written))
            .expect("attributes");
        assert_eq!(attrs.len(), 1, "{written}");
    }

    #[test]
    fn text_that_does_not_lex_becomes_a_compile_error() {
        let out = tokens("\"unterminated").to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("bug in errcat"), "{out}");
    }
}
