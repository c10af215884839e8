//! The OpenAPI documents as files: YAML with a comment line, pretty JSON,
//! and the marker that says errcat wrote them. The documents themselves are
//! built by [`crate::openapi_document`], which the macro uses too.

use serde::Serialize;
use serde_json::{Map, Value};
use std::io;

/// The document with `x-generated-by: comment` right after `openapi`, so
/// that the first lines of the JSON file, which cannot hold a comment,
/// still say that errcat wrote it.
#[must_use]
pub fn mark_generated(document: Value, comment: &str) -> Value {
    let Value::Object(members) = document else {
        return document;
    };
    let mut out = Map::new();
    let mut rest = members.into_iter();
    if let Some((k, v)) = rest.next() {
        out.insert(k, v);
    }
    out.insert("x-generated-by".into(), comment.into());
    out.extend(rest);
    Value::Object(out)
}

/// The document as YAML, with a comment line first.
///
/// # Errors
/// Never in practice; serialisation of JSON values cannot fail.
pub fn to_yaml(document: &impl Serialize, comment: &str) -> Result<String, String> {
    let mut text = format!("# {comment}\n");
    serde_saphyr::to_fmt_writer(&mut text, document).map_err(|e| e.to_string())?;
    text.truncate(text.trim_end_matches('\n').len());
    text.push('\n');
    Ok(text)
}

/// The document as pretty JSON with a final newline. Characters that JSON
/// allows raw but YAML-based tools reject (DEL, C1 controls, U+2028,
/// U+2029, BOM) are written as `\uXXXX` escapes; they can only occur inside
/// strings, so the JSON means the same.
#[must_use]
pub fn to_json(document: &impl Serialize) -> String {
    let mut out = Vec::new();
    let formatter = YamlSafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    if document.serialize(&mut serializer).is_err() {
        out.clear();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Whether a character is one that JSON allows raw but YAML-based tools
/// reject.
fn yaml_rejects(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
    )
}

/// serde_json's pretty layout, with [`yaml_rejects`] characters escaped as
/// the strings are written, so the text needs no second pass.
struct YamlSafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for YamlSafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is ASCII without DEL; both checks are word-at-a-time.
        let bytes = fragment.as_bytes();
        if bytes.is_ascii() && !bytes.contains(&0x7f) {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if yaml_rejects(c) {
                writer.write_all(&bytes[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&bytes[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_yaml_tools_reject_and_nothing_else() {
        let text = "a\u{7f}b\u{85}c\u{9f}\u{a0}é\u{2028}\u{2029}\u{2027}\u{feff}\u{fefe}€\"\n";
        let json = to_json(&serde_json::json!({ "k\u{2028}": text }));
        assert_eq!(
            json,
            "{\n  \"k\\u2028\": \"a\\u007fb\\u0085c\\u009f\u{a0}é\\u2028\\u2029\u{2027}\\ufeff\u{fefe}€\\\"\\n\"\n}\n"
        );
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["k\u{2028}"], text);
    }
}
