//! Reading an error body along the envelope's paths, checking all of it.
//!
//! The body is parsed by serde_json, which rejects anything that is not
//! JSON (invalid UTF-8, lone surrogate escapes, trailing text, also in
//! values nobody reads) and parses floats exactly (the `float_roundtrip`
//! feature), so a body written by `to_json` reads back to the same
//! values. On top of that an object that has the same member twice is
//! malformed, wherever it is. Only what decoding needs is kept: the code,
//! the message, the doc link and the details, names borrowed from the
//! body where they have no escapes.

use crate::decode_table::Step;
use serde_core::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
use std::fmt;

/// The members of an object, in body order, names borrowed from the body
/// where they hold no escapes.
pub(crate) type Members<'de> = Vec<(Cow<'de, str>, Json)>;

/// The member called `name`.
pub(crate) fn member<'m>(members: &'m Members<'_>, name: &str) -> Option<&'m Json> {
    members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The details member of a body.
pub(crate) enum Details<'de> {
    /// An object: its members.
    Members(Members<'de>),
    /// Anything else.
    Other(Json),
}

impl Details<'_> {
    /// The whole details as one JSON value, for a field that holds them all.
    pub(crate) fn to_json(&self) -> Cow<'_, Json> {
        match self {
            Details::Other(v) => Cow::Borrowed(v),
            Details::Members(members) => Cow::Owned(Json::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            )),
        }
    }
}

/// The names of an object's members, to refuse one that appears twice.
/// The first few are compared as they come, without allocating (an error
/// envelope has a handful of members); past them, the names are sorted
/// once at the end, which keeps a hostile object of many members at
/// `n log n`.
#[derive(Default)]
struct Names<'de> {
    few: [Cow<'de, str>; FEW],
    count: usize,
    many: Vec<Cow<'de, str>>,
    repeated: Option<String>,
}

/// How many names [`Names`] compares as they come.
pub(crate) const FEW: usize = 8;

impl<'de> Names<'de> {
    fn add(&mut self, name: Cow<'de, str>) {
        if self.count < FEW {
            if self.repeated.is_none() && self.few[..self.count].contains(&name) {
                self.repeated = Some(name.to_string());
            }
            self.few[self.count] = name;
        } else {
            if self.many.is_empty() {
                self.many.extend(self.few.iter().cloned());
            }
            self.many.push(name);
        }
        self.count += 1;
    }

    /// The first name found twice.
    fn repeated(mut self) -> Option<String> {
        if self.repeated.is_some() {
            return self.repeated;
        }
        self.many.sort_unstable();
        self.many
            .windows(2)
            .find(|w| w[0] == w[1])
            .map(|w| w[0].to_string())
    }
}

fn repeated<E: serde_core::de::Error>(name: &str) -> E {
    E::custom(format_args!(
        "the member `{name}` appears twice in one object"
    ))
}

/// A member name, borrowed from the body unless it has escapes.
struct Name<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON value kept whole, whose objects have no repeated member.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Map::new();
        while let Some(Name(name)) = map.next_key()? {
            let value = map.next_value_seed(Strict)?;
            match members.entry(name.into_owned()) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(slot) => return Err(repeated(slot.key())),
            }
        }
        Ok(Json::Object(members))
    }
}

/// Text, borrowed from the body unless it has escapes, or (`Err`) any
/// other value, kept for the error message.
struct TextOr;

impl<'de> Visitor<'de> for TextOr {
    type Value = Result<Cow<'de, str>, Json>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v.to_owned())))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(Json::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Err(Json::from(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err(Json::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Strict.visit_seq(seq).map(Err)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Strict.visit_map(map).map(Err)
    }
}

/// The details member: an object's members (each name once), or any
/// other value whole.
struct DetailsVisitor;

impl<'de> Visitor<'de> for DetailsVisitor {
    type Value = Details<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
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
    fn visit_unit<E>(self) -> Result<Details<'de>, E> {
        Ok(Details::Other(Json::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Details<'de>, A::Error> {
        Strict.visit_seq(seq).map(Details::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Details<'de>, A::Error> {
        let mut members = Vec::with_capacity(FEW);
        let mut names = Names::default();
        while let Some(Name(name)) = map.next_key()? {
            let value = map.next_value_seed(Strict)?;
            names.add(name.clone());
            members.push((name, value));
        }
        match names.repeated() {
            Some(n) => Err(repeated(&n)),
            None => Ok(Details::Members(members)),
        }
    }
}

/// The visitor methods of scalars, for a visitor that reads nothing from
/// them (serde_json has checked them already).
macro_rules! ignore_scalars {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    };
}

/// A value the decoder does not need, read to the end and checked like
/// the rest (serde_json checks strings as it reads them; repeated members
/// are refused here), without keeping it.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    ignore_scalars!();
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut names = Names::default();
        while let Some(Name(name)) = map.next_key()? {
            map.next_value_seed(Skip)?;
            names.add(name);
        }
        names.repeated().map_or(Ok(()), |n| Err(repeated(&n)))
    }
}

/// What decoding reads from a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Code,
    DocUrl,
    Message,
    Details,
    /// The object the details are merged into.
    Merged,
}

/// The places of the body that decoding reads, each with its path.
pub(crate) type Targets = [Option<(Target, &'static [Step])>; 5];

/// What the body holds at the plan's places.
#[derive(Default)]
pub(crate) struct Found<'de> {
    pub code: Option<Cow<'de, str>>,
    pub doc_url: Option<Cow<'de, str>>,
    pub message: Option<Cow<'de, str>>,
    pub details: Option<Details<'de>>,
    pub merged: Option<Members<'de>>,
    /// A place that holds something else than text where text is read.
    pub not_text: Option<(&'static [Step], String)>,
}

/// One value of the body, at `depth` along the paths of `targets` (only
/// those that lead through it).
pub(crate) struct Walk<'f, 'de> {
    pub depth: usize,
    pub targets: Targets,
    /// The template's own members in the object that holds merged details.
    pub own: &'static [&'static str],
    pub found: &'f mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let here = self
            .targets
            .iter()
            .flatten()
            .find(|(t, path)| path.len() == self.depth && *t != Target::Merged);
        let Some(&(target, path)) = here else {
            return d.deserialize_any(self);
        };
        if target == Target::Details {
            self.found.details = Some(d.deserialize_any(DetailsVisitor)?);
            return Ok(());
        }
        let text = match d.deserialize_any(TextOr)? {
            Ok(text) => text,
            Err(other) => {
                self.found.not_text = Some((path, other.to_string()));
                return Ok(());
            }
        };
        match target {
            Target::Code => self.found.code = Some(text),
            Target::DocUrl => self.found.doc_url = Some(text),
            _ => self.found.message = Some(text),
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Walk<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the error envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.depth;
        let merged_here = self
            .targets
            .iter()
            .flatten()
            .any(|(t, path)| *t == Target::Merged && path.len() == depth);
        let mut names = Names::default();
        while let Some(Name(name)) = map.next_key()? {
            let mut child: Targets = [None; 5];
            for (slot, target) in child.iter_mut().zip(self.targets) {
                *slot = target.filter(
                    |(_, path)| matches!(path.get(depth), Some(Step::Key(k)) if *k == name),
                );
            }
            if child.iter().any(Option::is_some) {
                map.next_value_seed(Walk {
                    depth: depth + 1,
                    targets: child,
                    own: self.own,
                    found: self.found,
                })?;
            } else if merged_here && !self.own.contains(&name.as_ref()) {
                let value = map.next_value_seed(Strict)?;
                self.found
                    .merged
                    .get_or_insert_with(Vec::new)
                    .push((name.clone(), value));
            } else {
                map.next_value_seed(Skip)?;
            }
            names.add(name);
        }
        names.repeated().map_or(Ok(()), |n| Err(repeated(&n)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.depth;
        let mut index = 0;
        loop {
            let mut child: Targets = [None; 5];
            for (slot, target) in child.iter_mut().zip(self.targets) {
                *slot = target.filter(
                    |(_, path)| matches!(path.get(depth), Some(Step::Index(i)) if *i == index),
                );
            }
            let more = if child.iter().any(Option::is_some) {
                seq.next_element_seed(Walk {
                    depth: depth + 1,
                    targets: child,
                    own: self.own,
                    found: self.found,
                })?
                .is_some()
            } else {
                seq.next_element_seed(Skip)?.is_some()
            };
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    // Scalars where the plan expects an object or array: nothing to read.
    ignore_scalars!();
}

pub(crate) fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "the body".into()
    } else {
        format!("`{out}`")
    }
}
