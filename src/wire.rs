//! Writing error bodies: the small writer that generated code calls.
//!
//! The macro writes, for each variant, the envelope's constant parts as
//! string literals and its values through a [`Writer`]:
//!
//! ```
//! use errcat::wire::Writer;
//!
//! let (field, max_length): (&str, Option<u32>) = ("email", None);
//! let mut body = Vec::new();
//! let mut w = Writer::new(&mut body);
//! w.raw(r#"{"error":{"code":"invalid_field","message":"Field `"#);
//! w.text(field);
//! w.raw(r#"` is invalid.","details":{"field":"#);
//! w.json(field);
//! w.set_comma(true);
//! w.optional(r#""max_length":"#, &max_length);
//! w.raw("}}}");
//! assert_eq!(
//!     body,
//!     br#"{"error":{"code":"invalid_field","message":"Field `email` is invalid.","details":{"field":"email"}}}"#
//! );
//! ```
//!
//! Strings are escaped, and numbers written, by serde_json itself, so a
//! body reads back with serde_json to the same values.

use crate::headers::HeaderValue;
use serde_core::Serialize as _;
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

/// A value a generated error carries: a details field, or a varying
/// message. Implemented for strings, integers, `f64`, `bool`, `Option`,
/// `Vec`, and the enums and structs generated for details.
pub trait WireValue {
    /// Appends the value as JSON (`null` when absent).
    fn write_json(&self, out: &mut Vec<u8>);

    /// Appends the value's text, as it appears in a message, escaped for
    /// the inside of a JSON string. Arrays and objects appear as their
    /// JSON text.
    fn write_text(&self, out: &mut Vec<u8>) {
        let mut json = Vec::new();
        self.write_json(&mut json);
        write_escaped(out, &String::from_utf8_lossy(&json));
    }

    /// Writes the value's text, as it appears in a message, for
    /// `Display`.
    ///
    /// # Errors
    /// When the formatter fails.
    fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut json = Vec::new();
        self.write_json(&mut json);
        f.write_str(&String::from_utf8_lossy(&json))
    }

    /// Whether the value is there: `false` only for `None`.
    fn is_present(&self) -> bool {
        true
    }

    /// The value of a response header taking its value from this field;
    /// `None` when absent or not a scalar.
    fn header_value(&self) -> Option<HeaderValue<'_>> {
        None
    }
}

/// Writes JSON text into a body: constant text, values, and the commas
/// between members that may be absent.
#[derive(Debug)]
pub struct Writer<'a> {
    out: &'a mut Vec<u8>,
    /// Whether the object being written has a member already.
    comma: bool,
}

impl<'a> Writer<'a> {
    /// A writer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Writer { out, comma: false }
    }

    /// Constant JSON text.
    #[inline]
    pub fn raw(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// A value as JSON, `null` when absent.
    #[inline]
    pub fn json<T: WireValue + ?Sized>(&mut self, value: &T) {
        value.write_json(self.out);
    }

    /// A value's text inside a JSON string (a message placeholder);
    /// nothing when absent.
    #[inline]
    pub fn text<T: WireValue + ?Sized>(&mut self, value: &T) {
        value.write_text(self.out);
    }

    /// A per-request value as a JSON string, `null` when absent.
    #[inline]
    pub fn request(&mut self, value: Option<&str>) {
        value.write_json(self.out);
    }

    /// Records whether the current object has a member already, before
    /// members that may be absent.
    #[inline]
    pub fn set_comma(&mut self, written: bool) {
        self.comma = written;
    }

    /// A comma, if the current object has a member already: before a
    /// member that is always there, after some that may be absent.
    #[inline]
    pub fn comma(&mut self) {
        if self.comma {
            self.out.push(b',');
        }
    }

    /// A member that is left out when its value is absent: `key` is the
    /// member's name as JSON with its colon (`"max_length":`).
    #[inline]
    pub fn optional<T: WireValue + ?Sized>(&mut self, key: &str, value: &T) {
        if value.is_present() {
            self.comma();
            self.raw(key);
            value.write_json(self.out);
            self.comma = true;
        }
    }

    /// A member holding a per-request value, left out when it is absent.
    #[inline]
    pub fn optional_request(&mut self, key: &str, value: Option<&str>) {
        self.optional(key, &value);
    }
}

/// The body written by `write` as a new vector of exactly its length: one
/// allocation.
///
/// The body is written into a buffer kept per thread, then copied once.
/// (Writing small pieces straight into a new vector grows it several
/// times, or wastes room when sized for the worst case.)
#[must_use]
pub fn to_vec(write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    /// Buffers that grew past this are not kept.
    const KEEP: usize = 16 * 1024;
    thread_local! {
        static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let mut write = Some(write);
    let kept = SCRATCH.try_with(|scratch| {
        // Busy only if writing a value wrote another body.
        let mut buf = scratch.try_borrow_mut().ok()?;
        buf.clear();
        (write.take()?)(&mut buf);
        let out = buf.to_vec();
        if buf.capacity() > KEEP {
            *buf = Vec::new();
        }
        Some(out)
    });
    match (kept, write) {
        (Ok(Some(out)), _) => out,
        (_, Some(write)) => {
            let mut out = Vec::with_capacity(256);
            write(&mut out);
            out
        }
        (_, None) => Vec::new(),
    }
}

/// Writes `value`'s message text for `Display`. Used by generated code.
///
/// # Errors
/// When the formatter fails.
#[inline]
pub fn display<T: WireValue + ?Sized>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    value.fmt_text(f)
}

/// A serde_json formatter that writes strings without their quotes.
struct Unquoted;

impl serde_json::ser::Formatter for Unquoted {
    fn begin_string<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        Ok(())
    }

    fn end_string<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        Ok(())
    }
}

/// Appends `text` escaped for the inside of a JSON string.
#[inline]
pub fn write_escaped(out: &mut Vec<u8>, text: &str) {
    // Writing into a `Vec` cannot fail.
    let _ = text.serialize(&mut serde_json::Serializer::with_formatter(out, Unquoted));
}

/// Appends `text` as a JSON string, quotes included.
#[inline]
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    let _ = text.serialize(&mut serde_json::Serializer::new(out));
}

/// Appends a number or a boolean as serde_json writes it (floats that
/// are not finite as `null`).
#[inline]
fn write_scalar<T: serde_core::Serialize>(out: &mut Vec<u8>, value: T) {
    let _ = value.serialize(&mut serde_json::Serializer::new(out));
}

macro_rules! wire_text {
    ($($t:ty),*) => {$(
        impl WireValue for $t {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                write_str(out, self);
            }
            #[inline]
            fn write_text(&self, out: &mut Vec<u8>) {
                write_escaped(out, self);
            }
            fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self)
            }
            fn header_value(&self) -> Option<HeaderValue<'_>> {
                Some(HeaderValue::Text(self))
            }
        }
    )*};
}
wire_text!(str, String, Box<str>, Rc<str>, Arc<str>, Cow<'_, str>);

macro_rules! wire_number {
    ($variant:ident as $wide:ty: $($t:ty),*) => {$(
        impl WireValue for $t {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                write_scalar(out, *self);
            }
            #[inline]
            fn write_text(&self, out: &mut Vec<u8>) {
                write_scalar(out, *self);
            }
            fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
            fn header_value(&self) -> Option<HeaderValue<'_>> {
                Some(HeaderValue::$variant(<$wide>::from(*self)))
            }
        }
    )*};
}
wire_number!(Int as i64: i8, i16, i32, i64);
wire_number!(UInt as u64: u8, u16, u32, u64);
wire_number!(Bool as bool: bool);

impl WireValue for f64 {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        write_scalar(out, *self);
    }
    fn write_text(&self, out: &mut Vec<u8>) {
        use std::io::Write as _;
        // Messages show numbers as `Display` does, as in the reference.
        let _ = write!(out, "{self}");
    }
    fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
    fn header_value(&self) -> Option<HeaderValue<'_>> {
        Some(HeaderValue::Float(*self))
    }
}

impl<T: WireValue + ?Sized> WireValue for &T {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out);
    }
    #[inline]
    fn write_text(&self, out: &mut Vec<u8>) {
        (**self).write_text(out);
    }
    fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt_text(f)
    }
    fn is_present(&self) -> bool {
        (**self).is_present()
    }
    fn header_value(&self) -> Option<HeaderValue<'_>> {
        (**self).header_value()
    }
}

impl<T: WireValue> WireValue for Option<T> {
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }
    #[inline]
    fn write_text(&self, out: &mut Vec<u8>) {
        if let Some(v) = self {
            v.write_text(out);
        }
    }
    fn fmt_text(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().map_or(Ok(()), |v| v.fmt_text(f))
    }
    fn is_present(&self) -> bool {
        self.as_ref().is_some_and(WireValue::is_present)
    }
    fn header_value(&self) -> Option<HeaderValue<'_>> {
        self.as_ref()?.header_value()
    }
}

impl<T: WireValue> WireValue for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item.write_json(out);
        }
        out.push(b']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: WireValue + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        value.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }

    fn text<T: WireValue + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        value.write_text(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in ["", "plain", "quote \" and \\", "é 日本 🦀 \u{2028}", &ascii] {
            let expected = serde_json::to_string(s).unwrap();
            assert_eq!(json(s), expected);
            assert_eq!(text(s), expected[1..expected.len() - 1]);
        }
        for v in [0.0, -0.0, 0.1, 1.5e300, -2.5e-7, 42.0] {
            assert_eq!(json(&v), serde_json::to_string(&v).unwrap());
        }
        assert_eq!(json(&f64::NAN), "null");
        assert_eq!(json(&u64::MAX), u64::MAX.to_string());
        assert_eq!(json(&i64::MIN), i64::MIN.to_string());
        assert_eq!(json(&vec![Some(1u8), None]), "[1,null]");
        assert_eq!(json(&None::<u8>), "null");
        assert_eq!(text(&42.0f64), "42", "messages show numbers as Display");
    }

    #[test]
    fn optional_members_take_a_comma_only_when_written() {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        w.raw("{");
        w.set_comma(false);
        w.optional("\"a\":", &None::<u8>);
        w.optional("\"b\":", &Some(2u8));
        w.optional_request("\"c\":", None);
        w.optional_request("\"d\":", Some("x"));
        w.comma();
        w.raw("\"e\":");
        w.request(None);
        w.raw("}");
        assert_eq!(out, br#"{"b":2,"d":"x","e":null}"#);
    }

    #[test]
    fn to_vec_writes_one_exact_vector_even_when_nested() {
        let inner = || to_vec(|out| out.extend_from_slice(b"inner"));
        let outer = to_vec(|out| {
            out.extend_from_slice(b"outer ");
            out.extend_from_slice(&inner());
        });
        assert_eq!(outer, b"outer inner");
        assert_eq!(outer.capacity(), outer.len());
    }
}
