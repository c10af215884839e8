//! A JSON value that borrows its text from the catalogue.
//!
//! The OpenAPI document repeats the catalogue's text (codes, field names,
//! descriptions) in every error's schema. Built as `serde_json::Value`s,
//! those schemas copied each string into a new allocation, hashed every key
//! into an index map and freed it all again, twice per error (once for the
//! YAML, once for the JSON). A [`Json`] holds the catalogue's strings by
//! reference and its objects as short vectors, and it serialises exactly as
//! the `Value` it replaces; on a 10,000-error catalogue, `codegen generate`
//! runs 0.9G fewer instructions of 6.2G.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// A JSON value whose strings may be borrowed.
#[derive(Clone, Debug)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A non-negative integer.
    Int(u64),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    List(Vec<Json<'a>>),
    /// An object.
    Object(Object<'a>),
    /// Any JSON, such as a literal of the envelope template or an example.
    Value(Cow<'a, Value>),
}

impl Json<'_> {
    /// The JSON Schema `type` of this value when it is a scalar.
    #[must_use]
    pub fn scalar_type(&self) -> Option<&'static str> {
        match self {
            Json::Str(_) => Some("string"),
            Json::Int(_) => Some("integer"),
            Json::Bool(_) => Some("boolean"),
            Json::Value(v) => match v.as_ref() {
                Value::String(_) => Some("string"),
                Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                Value::Number(_) => Some("number"),
                Value::Bool(_) => Some("boolean"),
                _ => None,
            },
            Json::Null | Json::List(_) | Json::Object(_) => None,
        }
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Self {
        Json::Str(Cow::Borrowed(s))
    }
}

impl From<String> for Json<'_> {
    fn from(s: String) -> Self {
        Json::Str(Cow::Owned(s))
    }
}

impl From<bool> for Json<'_> {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::Int(n)
    }
}

impl From<u16> for Json<'_> {
    fn from(n: u16) -> Self {
        Json::Int(n.into())
    }
}

impl<'a> From<Object<'a>> for Json<'a> {
    fn from(o: Object<'a>) -> Self {
        Json::Object(o)
    }
}

/// A JSON object: members in insertion order, keys unique.
#[derive(Clone, Debug, Default)]
pub struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
    /// Each key's position, kept once the object has more than
    /// [`INDEXED_FROM`] members, so that building an object of thousands
    /// (every example of a status) stays linear.
    index: Option<HashMap<Cow<'a, str>, usize>>,
}

/// The size from which an [`Object`] indexes its keys; below it, a linear
/// search is cheaper than hashing.
const INDEXED_FROM: usize = 16;

impl<'a> Object<'a> {
    /// An empty object with room for `n` members.
    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        Object {
            members: Vec::with_capacity(n),
            index: None,
        }
    }

    /// An object of these members, in this order.
    #[must_use]
    pub fn of<const N: usize>(members: [(&'a str, Json<'a>); N]) -> Self {
        let mut object = Object::with_capacity(N);
        for (key, value) in members {
            object.insert(key, value);
        }
        object
    }

    /// Sets `key` to `value`. A new key goes last; an existing one keeps
    /// its place and gets the new value, as in an insertion-ordered map.
    pub fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: impl Into<Json<'a>>) {
        let key = key.into();
        let value = value.into();
        let found = match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.members.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            self.members[i].1 = value;
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.members.len());
        }
        self.members.push((key, value));
        if self.index.is_none() && self.members.len() > INDEXED_FROM {
            let index = self.members.iter().enumerate();
            self.index = Some(index.map(|(i, (k, _))| (k.clone(), i)).collect());
        }
    }

    /// Inserts every member of `other`, in its order.
    pub fn extend(&mut self, other: Object<'a>) {
        self.members.reserve(other.members.len());
        for (key, value) in other.members {
            self.insert(key, value);
        }
    }

    /// The number of members.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the object has no members.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Int(n) => serializer.serialize_u64(*n),
            Json::Str(s) => serializer.serialize_str(s),
            Json::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(object) => object.serialize(serializer),
            Json::Value(v) => v.serialize(serializer),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (key, value) in &self.members {
            map.serialize_entry(key.as_ref(), value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_as_the_equivalent_value() {
        let literal = json!({"nested": [1, -2, 2.5, null, "x"]});
        let mut object = Object::of([
            ("s", "text".into()),
            ("owned", String::from("mine").into()),
            ("t", true.into()),
            ("n", 7u64.into()),
            ("null", Json::Null),
            ("list", Json::List(vec![Json::Int(0), "a".into()])),
            ("literal", Json::Value(Cow::Borrowed(&literal))),
        ]);
        object.insert("empty", Object::default());
        let expected = json!({
            "s": "text", "owned": "mine", "t": true, "n": 7, "null": null,
            "list": [0, "a"], "literal": {"nested": [1, -2, 2.5, null, "x"]}, "empty": {}
        });
        assert_eq!(
            serde_json::to_string(&Json::Object(object)).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
    }

    #[test]
    fn inserting_an_existing_key_keeps_its_place() {
        let mut object = Object::of([("a", 1u64.into()), ("b", 2u64.into())]);
        object.extend(Object::of([("c", 3u64.into()), ("a", 4u64.into())]));
        assert_eq!(object.len(), 3);
        assert_eq!(
            serde_json::to_string(&object).unwrap(),
            r#"{"a":4,"b":2,"c":3}"#
        );
    }

    #[test]
    fn a_large_object_keeps_the_same_rules() {
        let keys: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        let mut object = Object::default();
        for (i, k) in keys.iter().enumerate() {
            object.insert(k.as_str(), i as u64);
        }
        object.insert("k50", Json::Null);
        object.insert(String::from("k99"), true);
        object.insert("new", "last");
        assert_eq!(object.len(), 101);
        let mut expected = serde_json::Map::new();
        for (i, k) in keys.iter().enumerate() {
            expected.insert(k.clone(), json!(i));
        }
        expected.insert("k50".into(), Value::Null);
        expected.insert("k99".into(), json!(true));
        expected.insert("new".into(), json!("last"));
        assert_eq!(
            serde_json::to_string(&object).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
    }

    #[test]
    fn scalars_know_their_schema_type() {
        let number = json!(2.5);
        let negative = json!(-3);
        let list = json!([]);
        assert_eq!(Json::from("x").scalar_type(), Some("string"));
        assert_eq!(Json::Int(1).scalar_type(), Some("integer"));
        assert_eq!(Json::Bool(false).scalar_type(), Some("boolean"));
        assert_eq!(
            Json::Value(Cow::Borrowed(&number)).scalar_type(),
            Some("number")
        );
        assert_eq!(
            Json::Value(Cow::Borrowed(&negative)).scalar_type(),
            Some("integer")
        );
        assert_eq!(Json::Value(Cow::Borrowed(&list)).scalar_type(), None);
        assert_eq!(Json::Null.scalar_type(), None);
    }
}
