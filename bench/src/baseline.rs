//! The shared, hand-written parts of the baseline: the envelope types a
//! team writes once, used by every generated baseline enum.

use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// The typical envelope: `{"error": {...}}`.
#[derive(Serialize)]
pub struct Envelope<'a> {
    /// The error.
    pub error: Inner<'a>,
}

/// The typical error object: the message as a `String`, the details as a
/// `serde_json::Value`.
#[derive(Serialize)]
pub struct Inner<'a> {
    /// Code.
    pub code: &'a str,
    /// Message, from `to_string()`.
    pub message: String,
    /// Details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

/// A details value of the careful envelope.
pub enum F<'a> {
    /// Text.
    S(&'a str),
    /// A number.
    U(u64),
}

/// Details written as a map, with no intermediate value.
pub struct Fields<'a>(pub &'a [(&'static str, F<'a>)]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            match v {
                F::S(s) => map.serialize_entry(k, s)?,
                F::U(u) => map.serialize_entry(k, u)?,
            }
        }
        map.end()
    }
}

/// The careful envelope.
pub struct CarefulEnvelope<'a, E>(pub &'a E);

/// What the careful envelope needs from the baseline enum.
pub trait Careful: std::fmt::Display {
    /// The code.
    fn code(&self) -> &'static str;
    /// Whether there are details.
    fn has_details(&self) -> bool;
    /// Writes the `details` field.
    fn details<S: SerializeStruct>(&self, st: &mut S) -> Result<(), S::Error>;
}

struct CarefulInner<'a, E>(&'a E);

struct Message<'a, E>(&'a E);

impl<E: std::fmt::Display> Serialize for Message<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl<E: Careful> Serialize for CarefulInner<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut st =
            serializer.serialize_struct("Error", if self.0.has_details() { 3 } else { 2 })?;
        st.serialize_field("code", self.0.code())?;
        st.serialize_field("message", &Message(self.0))?;
        if self.0.has_details() {
            self.0.details(&mut st)?;
        }
        st.end()
    }
}

impl<E: Careful> Serialize for CarefulEnvelope<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut st = serializer.serialize_struct("Envelope", 1)?;
        st.serialize_field("error", &CarefulInner(self.0))?;
        st.end()
    }
}

/// The envelope as a client decodes it.
#[derive(Deserialize)]
pub struct DecodeEnvelope {
    /// The error.
    pub error: DecodeInner,
}

/// The error object as a client decodes it.
#[derive(Deserialize)]
pub struct DecodeInner {
    /// Code.
    pub code: String,
    /// Message.
    pub message: String,
    /// Details.
    #[serde(default)]
    pub details: Option<serde_json::Value>,
}
