//! The values a generated error carries, seen uniformly by the shared
//! writer and decoder.
//!
//! Generated code turns each variant's fields into a slice of [`Value`]s
//! (one match arm per variant) and hands it to the shared interpreter, so
//! the code generated per variant stays small.

use crate::json;
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

/// A borrowed view of one field of an error.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A float.
    F64(f64),
    /// A boolean.
    Bool(bool),
    /// An array or object, written by its own code.
    Json(&'a dyn WriteJson),
    /// An optional field that is `None`.
    Absent,
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => write!(f, "Str({s:?})"),
            Value::I64(v) => write!(f, "I64({v})"),
            Value::U64(v) => write!(f, "U64({v})"),
            Value::F64(v) => write!(f, "F64({v})"),
            Value::Bool(v) => write!(f, "Bool({v})"),
            Value::Json(v) => {
                let mut out = Vec::new();
                v.write_json(&mut out);
                write!(f, "Json({})", String::from_utf8_lossy(&out))
            }
            Value::Absent => f.write_str("Absent"),
        }
    }
}

impl Value<'_> {
    /// Writes the value as JSON (`null` when absent).
    #[inline(always)]
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match *self {
            Value::Str(s) => json::write_str(out, s),
            Value::I64(v) => json::write_i64(out, v),
            Value::U64(v) => json::write_u64(out, v),
            Value::F64(v) => json::write_f64(out, v),
            Value::Bool(v) => out.extend_from_slice(if v { b"true" } else { b"false" }),
            Value::Json(v) => v.write_json(out),
            Value::Absent => out.extend_from_slice(b"null"),
        }
    }

    /// Writes the value's text form inside a JSON string (a message
    /// placeholder): escaped text, or the number as `Display` prints it.
    #[inline(always)]
    pub fn write_text_escaped(&self, out: &mut Vec<u8>) {
        match *self {
            Value::Str(s) => json::escape_into(out, s),
            Value::I64(v) => json::write_i64(out, v),
            Value::U64(v) => json::write_u64(out, v),
            Value::F64(v) => {
                use std::io::Write as _;
                let _ = write!(out, "{v}");
            }
            Value::Bool(v) => out.extend_from_slice(if v { b"true" } else { b"false" }),
            Value::Json(_) | Value::Absent => {}
        }
    }

    /// An estimate of the bytes the value takes as JSON.
    #[inline]
    #[must_use]
    pub fn len_hint(&self) -> usize {
        match *self {
            Value::Str(s) => json::str_len_hint(s),
            Value::I64(_) | Value::U64(_) => 20,
            Value::F64(_) => 24,
            Value::Bool(_) | Value::Absent => 5,
            Value::Json(v) => v.len_hint(),
        }
    }

    /// Whether the value is an absent optional field.
    #[inline]
    #[must_use]
    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Absent)
    }
}

impl fmt::Display for Value<'_> {
    /// The text form used in messages and headers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Str(s) => f.write_str(s),
            Value::I64(v) => fmt::Display::fmt(&v, f),
            Value::U64(v) => fmt::Display::fmt(&v, f),
            Value::F64(v) => fmt::Display::fmt(&v, f),
            Value::Bool(v) => fmt::Display::fmt(&v, f),
            Value::Json(v) => {
                let mut out = Vec::new();
                v.write_json(&mut out);
                f.write_str(&String::from_utf8_lossy(&out))
            }
            Value::Absent => Ok(()),
        }
    }
}

/// Types that write themselves as JSON: arrays and the structs generated for
/// nested objects.
pub trait WriteJson {
    /// Appends the JSON text.
    fn write_json(&self, out: &mut Vec<u8>);
    /// An estimate of the length, for sizing the buffer once.
    fn len_hint(&self) -> usize {
        32
    }
}

/// Types that can be a field of a generated error.
pub trait ToValue {
    /// The borrowed view of the field.
    fn to_value(&self) -> Value<'_>;
}

macro_rules! to_value_int {
    ($variant:ident as $wide:ty: $($t:ty),*) => {$(
        impl ToValue for $t {
            #[inline]
            fn to_value(&self) -> Value<'_> {
                Value::$variant(<$wide>::from(*self))
            }
        }
        impl WriteJson for $t {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                self.to_value().write_json(out);
            }
            fn len_hint(&self) -> usize {
                20
            }
        }
    )*};
}
to_value_int!(I64 as i64: i8, i16, i32, i64);
to_value_int!(U64 as u64: u8, u16, u32, u64);

impl ToValue for f64 {
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::F64(*self)
    }
}

impl WriteJson for f64 {
    fn write_json(&self, out: &mut Vec<u8>) {
        json::write_f64(out, *self);
    }
}

impl ToValue for bool {
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.to_value().write_json(out);
    }
}

macro_rules! to_value_str {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            #[inline]
            fn to_value(&self) -> Value<'_> {
                Value::Str(self)
            }
        }
        impl WriteJson for $t {
            #[inline]
            fn write_json(&self, out: &mut Vec<u8>) {
                json::write_str(out, self);
            }
            fn len_hint(&self) -> usize {
                json::str_len_hint(self)
            }
        }
    )*};
}
to_value_str!(String, str, Box<str>, Rc<str>, Arc<str>, Cow<'static, str>);

impl ToValue for &str {
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::Str(self)
    }
}

impl<T: ToValue> ToValue for Option<T> {
    #[inline]
    fn to_value(&self) -> Value<'_> {
        match self {
            Some(v) => v.to_value(),
            None => Value::Absent,
        }
    }
}

impl<T: WriteJson> ToValue for Vec<T> {
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::Json(self)
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
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

    fn len_hint(&self) -> usize {
        2 + self.iter().map(|v| v.len_hint() + 1).sum::<usize>()
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.extend_from_slice(b"null"),
        }
    }

    fn len_hint(&self) -> usize {
        self.as_ref().map_or(4, WriteJson::len_hint)
    }
}

/// Writes the members of a generated struct: `{"a":1,"b":"x"}`, leaving out
/// absent optional members.
pub fn write_object(out: &mut Vec<u8>, members: &[(&'static [u8], Value<'_>)]) {
    out.push(b'{');
    let mut first = true;
    for (key, value) in members {
        if value.is_absent() {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(key);
        value.write_json(out);
    }
    out.push(b'}');
}

/// The length estimate of [`write_object`]'s output.
#[must_use]
pub fn object_len_hint(members: &[(&'static [u8], Value<'_>)]) -> usize {
    2 + members
        .iter()
        .map(|(k, v)| k.len() + v.len_hint() + 1)
        .sum::<usize>()
}
