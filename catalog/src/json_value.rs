//! JSON values as a catalogue holds them: examples, `x-` extensions and
//! the envelope template's literals.
//!
//! Objects keep their members in the order written. [`Json`]'s `Display`
//! writes the compact text serde_json writes for the same value (the same
//! string escapes, the shortest float that reads back), so the reference
//! renderer's bytes can be compared with the runtime's, which come from
//! serde_json.

use std::fmt::{self, Write as _};

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member called `key` of an object.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The members of an object.
    #[must_use]
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items of an array.
    #[must_use]
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text of a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean's value.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole number that fits in `i64`.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(i) => i64::try_from(*i).ok(),
            _ => None,
        }
    }

    /// A whole number that fits in `u64`.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Int(i) => u64::try_from(*i).ok(),
            _ => None,
        }
    }

    /// Any number, as `f64`.
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Int(i) => Some(*i as f64),
            Json::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Whether the value is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The value's text in a message or a header: strings as they are,
    /// numbers and booleans as Rust's `Display` writes them, `null` as
    /// nothing, arrays and objects as JSON.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Json::Str(s) => s.clone(),
            Json::Int(i) => i.to_string(),
            Json::Float(f) => f.to_string(),
            Json::Bool(b) => b.to_string(),
            Json::Null => String::new(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Json {
    /// Compact JSON, as serde_json writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            // serde_json holds whole numbers in 64 bits; wider ones are not
            // JSON it can write.
            Json::Int(i) if i64::try_from(*i).is_ok() || u64::try_from(*i).is_ok() => {
                write!(f, "{i}")
            }
            Json::Int(_) => f.write_str("null"),
            Json::Float(v) if v.is_finite() => f.write_str(zmij::Buffer::new().format_finite(*v)),
            Json::Float(_) => f.write_str("null"),
            Json::Str(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    fmt::Display::fmt(item, f)?;
                }
                f.write_char(']')
            }
            Json::Object(members) => {
                f.write_char('{')?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, key)?;
                    f.write_char(':')?;
                    fmt::Display::fmt(value, f)?;
                }
                f.write_char('}')
            }
        }
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it.
///
/// # Errors
/// When the writer fails.
pub fn write_string(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        if escape.is_empty() {
            write!(out, "\\u{b:04x}")?;
        } else {
            out.write_str(escape)?;
        }
        start = i + 1;
    }
    out.write_str(&s[start..])?;
    out.write_char('"')
}

/// `s` as a JSON string, quotes included.
#[must_use]
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let _ = write_string(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_what_serde_json_writes() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quote \" backslash \\",
            "é 日本 🦀 \u{2028}",
            &ascii,
        ] {
            assert_eq!(json_string(s), serde_json::to_string(s).unwrap());
        }
        for v in [0.0, -0.0, 0.1, 1.5e300, -2.5e-7, 42.0, 123_456_789.125] {
            assert_eq!(
                Json::Float(v).to_string(),
                serde_json::to_string(&v).unwrap()
            );
        }
        assert_eq!(Json::Float(f64::NAN).to_string(), "null");
        let value = Json::Object(vec![
            (
                "b".into(),
                Json::Array(vec![Json::Int(-1), Json::Null, Json::Bool(true)]),
            ),
            ("a".into(), Json::Str("x".into())),
        ]);
        assert_eq!(
            value.to_string(),
            r#"{"b":[-1,null,true],"a":"x"}"#,
            "members keep their order"
        );
        assert_eq!(
            Json::Int(i128::from(u64::MAX)).to_string(),
            u64::MAX.to_string()
        );
    }
}
