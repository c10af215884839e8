//! Turning catalogue names into Rust identifiers.

use heck::{ToPascalCase, ToSnakeCase};

/// Words that cannot be used as plain Rust identifiers. Field names in this
/// list get a raw identifier (`r#type`); `self`, `Self`, `super` and `crate`
/// cannot be raw and are rejected.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Checks a key written by the author (error, category or field name):
/// an ASCII letter, then ASCII letters, digits, `_` and `-`.
///
/// # Errors
/// A sentence saying what is wrong.
pub fn check_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Err("the name is empty".into()),
        Some(c) if !c.is_ascii_alphabetic() => {
            return Err(format!("`{name}` must start with an ASCII letter"));
        }
        _ => {}
    }
    if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-')) {
        return Err(format!(
            "`{name}` contains `{bad}`; only ASCII letters, digits, `_` and `-` are allowed"
        ));
    }
    Ok(())
}

/// The Rust type or variant name for a key.
#[must_use]
pub fn pascal(name: &str) -> String {
    if !one_case_words(name) {
        return name.to_pascal_case();
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for b in name.bytes() {
        if b == b'_' {
            word_start = true;
            continue;
        }
        out.push(char::from(if word_start {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        }));
        word_start = false;
    }
    out
}

/// The Rust field or module name for a key.
#[must_use]
pub fn snake(name: &str) -> String {
    if one_case_words(name) {
        return name.to_ascii_lowercase();
    }
    name.to_snake_case()
}

/// Whether a key is written in one case throughout, as ASCII words split
/// by single underscores (`RATE_LIMITED`, `rate_limited`, `quota2`), the
/// shape of nearly every key. heck gives these the obvious conversion,
/// which is done here directly: heck's general word splitting costs
/// thousands of instructions a name, and the macro converts every key of
/// the catalogue on each build. Any other shape goes to heck; a test checks
/// that both agree on some two thousand keys of this shape.
fn one_case_words(name: &str) -> bool {
    let (mut upper, mut lower) = (false, false);
    // An empty word: at the start, after an underscore, or at the end.
    let mut empty_word = true;
    for &b in name.as_bytes() {
        match b {
            b'_' if empty_word => return false,
            b'_' => empty_word = true,
            b'A'..=b'Z' => (upper, empty_word) = (true, false),
            b'a'..=b'z' => (lower, empty_word) = (true, false),
            b'0'..=b'9' => empty_word = false,
            _ => return false,
        }
    }
    !(empty_word || upper && lower)
}

/// Whether a snake-case name needs `r#` to be used as an identifier.
#[must_use]
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether a name can be neither a plain nor a raw identifier.
#[must_use]
pub fn is_reserved(name: &str) -> bool {
    NOT_RAW.contains(&name)
}

/// A suggestion for an unusable key: the name with every disallowed
/// character replaced by `_`, prefixed with a letter if needed.
#[must_use]
pub fn suggest(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "e_");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(check_name("rate_limited").is_ok());
        assert!(check_name("Rate-Limited2").is_ok());
        assert!(check_name("2fa").is_err());
        assert!(check_name("kms.not_found").is_err());
        assert_eq!(pascal("rate-limited"), pascal("rate_limited"));
        assert_eq!(pascal("AUTH_FAILED"), "AuthFailed");
        assert_eq!(snake("retryAfter"), "retry_after");
        assert!(is_keyword("type"));
        assert_eq!(suggest("KMS.NotFound"), "KMS_NotFound");
        assert_eq!(suggest("22001"), "e_22001");
    }

    /// Keys of one case go through the direct conversion; it must agree
    /// with heck on all of them.
    #[test]
    fn the_direct_conversion_agrees_with_heck() {
        let parts = [
            "A", "a", "AB", "ab", "RATE", "rate", "2", "42", "A2", "a2", "2A", "2a", "A2B", "a2b",
            "HTTP2", "http2", "V1", "X",
        ];
        let mut checked = 0;
        for a in parts {
            for b in parts {
                for c in ["", "_C", "_c", "_3", "_OK", "_ok", "_9Z", "_9z"] {
                    for name in [
                        format!("{a}{c}"),
                        format!("{a}_{b}{c}"),
                        format!("{a}{b}{c}"),
                    ] {
                        if !one_case_words(&name) {
                            continue;
                        }
                        assert_eq!(pascal(&name), name.to_pascal_case(), "pascal of {name}");
                        assert_eq!(snake(&name), name.to_snake_case(), "snake of {name}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked} names checked");
        for other in [
            "rateLimited",
            "Rate_Limited",
            "rate-limited",
            "_rate",
            "rate__x",
            "rate_",
            "",
            "_",
            "rate limited",
            "ratÉ",
        ] {
            assert!(!one_case_words(other), "{other}");
        }
    }
}
