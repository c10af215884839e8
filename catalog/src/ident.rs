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
    name.to_pascal_case()
}

/// The Rust field or module name for a key.
#[must_use]
pub fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// The name of the type generated for a field's nested object or enum,
/// owned by the type (or variant) called `owner`: `RateLimitedWindow`.
/// The macro names its Rust types this way, and the OpenAPI generator its
/// schemas, so both agree.
#[must_use]
pub fn field_type_name(owner: &str, field_rust_name: &str) -> String {
    format!("{owner}{}", pascal(field_rust_name))
}

/// The name of the type generated for the items of an array type called
/// `name`.
#[must_use]
pub fn item_type_name(name: &str) -> String {
    format!("{name}Item")
}

/// The name of the type generated for an error's details: the value of a
/// `details_type`, or (in OpenAPI) the object of its details fields.
#[must_use]
pub fn details_type_name(variant: &str) -> String {
    format!("{variant}Details")
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
}
