//! Turning JSON values and message text back into the fields of a
//! generated type.

use serde_json::{Map, Value as Json};

/// Field types that can be decoded from a body.
pub trait FromWire: Sized {
    /// From a JSON value in the details.
    ///
    /// # Errors
    /// A reason when the value does not fit.
    fn from_json(value: &Json) -> Result<Self, String>;
    /// From text captured out of a message.
    fn from_text(text: &str) -> Option<Self>;
    /// The value of a missing member: `Some(None)` for `Option`, else `None`.
    fn when_absent() -> Option<Self> {
        None
    }
    /// The value used for a field the body never carries (out of the body,
    /// and not in the message): zero, empty, `false`.
    fn placeholder() -> Self;
}

impl FromWire for String {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("expected a string, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn placeholder() -> Self {
        String::new()
    }
}

macro_rules! from_wire_int {
    ($($t:ty),*) => {$(
        impl FromWire for $t {
            fn from_json(value: &Json) -> Result<Self, String> {
                let n = value.as_i64().map(i128::from).or_else(|| value.as_u64().map(i128::from));
                n.and_then(|n| <$t>::try_from(n).ok()).ok_or_else(|| format!("expected an integer that fits in {}, found {value}", stringify!($t)))
            }
            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
            fn placeholder() -> Self {
                0
            }
        }
    )*};
}
from_wire_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl FromWire for f64 {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_f64()
            .ok_or_else(|| format!("expected a number, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn placeholder() -> Self {
        0.0
    }
}

impl FromWire for bool {
    fn from_json(value: &Json) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("expected a boolean, found {value}"))
    }
    fn from_text(text: &str) -> Option<Self> {
        text.parse().ok()
    }
    fn placeholder() -> Self {
        false
    }
}

impl<T: FromWire> FromWire for Option<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }
    fn from_text(text: &str) -> Option<Self> {
        T::from_text(text).map(Some)
    }
    fn when_absent() -> Option<Self> {
        Some(None)
    }
    fn placeholder() -> Self {
        None
    }
}

impl<T: FromWire> FromWire for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        let items = value
            .as_array()
            .ok_or_else(|| format!("expected an array, found {value}"))?;
        items
            .iter()
            .enumerate()
            .map(|(i, v)| T::from_json(v).map_err(|e| format!("item {i}: {e}")))
            .collect()
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
    fn placeholder() -> Self {
        Vec::new()
    }
}

/// Reads member `name` of a JSON object for a generated struct.
///
/// # Errors
/// When the member is missing (and not optional) or has the wrong type.
pub fn member<T: FromWire>(object: &Map<String, Json>, name: &str) -> Result<T, String> {
    match object.get(name) {
        Some(Json::Null) | None => {
            T::when_absent().ok_or_else(|| format!("missing member `{name}`"))
        }
        Some(v) => T::from_json(v).map_err(|e| format!("`{name}`: {e}")),
    }
}
