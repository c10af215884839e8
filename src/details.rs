//! The details member of a body, as decoding keeps it.
//!
//! An object's members are kept in a small list, in body order, with their
//! names borrowed from the body when they hold no escapes. Building a
//! `serde_json::Map` instead would allocate every name and a tree node,
//! only for the decoder to look up two or three fields.

use crate::decode::TextOr;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
use std::fmt;

/// The details of a body.
pub(crate) enum Details<'de> {
    /// An object: its members, in body order.
    Members(Vec<(Cow<'de, str>, Json)>),
    /// Anything else (a string, a number, an array, ...), or `null`.
    Other(Json),
}

impl Details<'_> {
    /// Whether the body's details are `null`, which means none.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Details::Other(Json::Null))
    }

    /// The member called `name`: the last one, as JSON parsers keep it.
    pub(crate) fn member(&self, name: &str) -> Option<&Json> {
        match self {
            Details::Members(members) => members
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v),
            Details::Other(_) => None,
        }
    }

    /// The whole details as one JSON value, for a field that holds them all.
    pub(crate) fn to_json(&self) -> Cow<'_, Json> {
        match self {
            Details::Other(v) => Cow::Borrowed(v),
            Details::Members(members) => {
                let map: Map<String, Json> = members
                    .iter()
                    .map(|(k, v)| (k.clone().into_owned(), v.clone()))
                    .collect();
                Cow::Owned(Json::Object(map))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Details<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Details<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Details<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4));
                // JSON member names are always strings.
                while let Some(name) = map.next_key::<TextOr<'de>>()? {
                    let name = match name {
                        TextOr::Text(name) => name,
                        TextOr::Other(other) => Cow::Owned(other.to_string()),
                    };
                    members.push((name, map.next_value()?));
                }
                Ok(Details::Members(members))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Details<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Details::Other(Json::Array(items)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::from(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::from(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::String(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::String(v)))
            }
            fn visit_unit<E>(self) -> Result<Details<'de>, E> {
                Ok(Details::Other(Json::Null))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Details<'_> {
        let mut de = serde_json::Deserializer::from_str(text);
        Details::deserialize(&mut de).unwrap()
    }

    #[test]
    fn objects_keep_their_members_with_borrowed_names() {
        let d = parse(r#"{"id":"a1","n":3,"id":"a2","e\"x":null}"#);
        assert_eq!(d.member("n"), Some(&Json::from(3)));
        assert_eq!(d.member("id"), Some(&Json::from("a2")), "the last one wins");
        assert_eq!(d.member("e\"x"), Some(&Json::Null));
        assert_eq!(d.member("missing"), None);
        let Details::Members(members) = &d else {
            panic!("an object")
        };
        assert!(matches!(members[0].0, Cow::Borrowed(_)));
        assert!(
            matches!(members[3].0, Cow::Owned(_)),
            "escaped names are owned"
        );
        assert_eq!(
            d.to_json().into_owned(),
            serde_json::json!({"id": "a2", "n": 3, "e\"x": null})
        );
    }

    #[test]
    fn other_values_are_kept_whole() {
        assert!(parse("null").is_null());
        assert_eq!(
            parse("[1, \"x\"]").to_json().into_owned(),
            serde_json::json!([1, "x"])
        );
        assert_eq!(parse("\"text\"").member("text"), None);
        assert_eq!(
            parse("-2.5").to_json().into_owned(),
            serde_json::json!(-2.5)
        );
    }
}
