//! A body as `serde::Serialize`, its members in the order the wire has them.
//!
//! `serde_json::Value` sorts object members unless the whole program turns
//! on serde_json's `preserve_order`, so it cannot carry a body from
//! `to_json` to a serializer unchanged. This tree keeps each object's
//! members as a list.

use serde_core::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_core::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

/// A JSON value whose objects keep their members in written order.
#[derive(Debug, PartialEq)]
pub enum OrderedBody {
    /// `null`, and what an unreadable body becomes.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<OrderedBody>),
    /// An object, members in order.
    Object(Vec<(String, OrderedBody)>),
}

impl OrderedBody {
    /// Reads `body` (JSON written by `to_json`); `Null` if it is not JSON.
    pub fn parse(body: &[u8]) -> Self {
        serde_json::from_slice(body).unwrap_or(OrderedBody::Null)
    }
}

impl Serialize for OrderedBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrderedBody::Null => serializer.serialize_unit(),
            OrderedBody::Bool(b) => serializer.serialize_bool(*b),
            OrderedBody::Number(n) => n.serialize(serializer),
            OrderedBody::String(s) => serializer.serialize_str(s),
            OrderedBody::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            OrderedBody::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for OrderedBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

/// Builds an [`OrderedBody`] from any self-describing input.
struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = OrderedBody;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<OrderedBody, E> {
        Ok(OrderedBody::Null)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<OrderedBody, E> {
        Ok(OrderedBody::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<OrderedBody, E> {
        Ok(OrderedBody::Number(n.into()))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<OrderedBody, E> {
        Ok(OrderedBody::Number(n.into()))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<OrderedBody, E> {
        Ok(serde_json::Number::from_f64(n).map_or(OrderedBody::Null, OrderedBody::Number))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<OrderedBody, E> {
        Ok(OrderedBody::String(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<OrderedBody, E> {
        Ok(OrderedBody::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OrderedBody, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(OrderedBody::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedBody, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(OrderedBody::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::OrderedBody;

    #[test]
    fn members_keep_their_order_through_serde_json() {
        let body = br#"{"z":1,"a":{"y":[true,null,"s",-2,1.5],"b":{}}}"#;
        let written = serde_json::to_vec(&OrderedBody::parse(body)).unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            std::str::from_utf8(body).unwrap()
        );
    }

    #[test]
    fn a_body_that_is_not_json_is_null() {
        assert_eq!(OrderedBody::parse(b"{"), OrderedBody::Null);
    }
}
