//! What decoding needs to know about a catalogue, written by the macro as
//! one `static` per generated type.
//!
//! Encoding needs none of this: generated code writes each variant's body
//! itself. Decoding starts from a code in a body, so it looks entries up
//! by code, takes messages apart along their templates, and finds the
//! details where the envelope keeps them; this table is that knowledge, as
//! plain data `cargo expand` shows.

use crate::info::EntryInfo;

/// Everything decoding looks up, for one generated type.
#[derive(Debug)]
pub struct DecodeTable {
    /// Public facts, in variant order.
    pub entries: &'static [EntryInfo],
    /// How each entry appears in a body, in variant order.
    pub wire: &'static [EntryWire],
    /// `(code, entry index)`, sorted by code then index.
    pub by_code: &'static [(&'static str, u32)],
    /// `(doc url, entry index)` for the entries with one, sorted.
    pub by_doc_url: &'static [(&'static str, u32)],
    /// The catalogue's families, in the order they are tried.
    pub families: &'static [Family],
    /// The codes of removed errors (tombstones), sorted by code.
    pub removed: &'static [Removed],
    /// Where the envelope keeps what decoding reads.
    pub paths: Paths,
}

/// How one entry appears in a body.
#[derive(Debug)]
pub struct EntryWire {
    /// The message sent on the wire, in the catalogue's language and then
    /// in each translation's (the same placeholders in each).
    pub messages: &'static [&'static [Piece]],
    /// The variant's fields, in order: the JSON member name, and whether
    /// the body carries the field.
    pub fields: &'static [(&'static str, bool)],
    /// For an error whose details are a single value: its field.
    pub details_value: Option<u16>,
    /// Response headers that carry a field's value: the header's name and
    /// the field.
    pub headers: &'static [(&'static str, u16)],
}

impl EntryWire {
    /// An entry with no message, fields or headers: generated tables start
    /// from it (`..EntryWire::DEFAULT`).
    pub const DEFAULT: EntryWire = EntryWire {
        messages: &[],
        fields: &[],
        details_value: None,
        headers: &[],
    };
}

/// One part of a message template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Fixed text.
    Lit(&'static str),
    /// The value of the field with this index.
    Field(u16),
}

/// A removed error: its code is never reused, and a body carrying it
/// decodes as [`crate::DecodeError::Removed`] (or the catch-all).
#[derive(Clone, Copy, Debug)]
pub struct Removed {
    /// The code.
    pub code: &'static str,
    /// The version that removed it.
    pub since: Option<&'static str>,
    /// The code of the error that replaces it.
    pub replaced_by: Option<&'static str>,
}

/// A family of codes with a generic entry (the catalogue's `families`),
/// for codes the catalogue does not have. The macro writes them in the
/// order they are tried: prefixes longest first, then categories, then
/// statuses narrowest first.
#[derive(Clone, Copy, Debug)]
pub enum Family {
    /// Codes starting with the text, and the fallback entry's index.
    Prefix(&'static str, u32),
    /// Bodies with this wire category, and the fallback entry's index.
    Category(&'static str, u32),
    /// Statuses in `low..=high`, and the fallback entry's index.
    Status(u16, u16, u32),
}

/// One step of a path into the envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object member.
    Key(&'static str),
    /// An array element.
    Index(usize),
}

/// Where the envelope keeps what decoding reads.
#[derive(Clone, Copy, Debug)]
pub struct Paths {
    /// The path of `$code`.
    pub code: Option<&'static [Step]>,
    /// The path of `$doc_url`, used when there is no code.
    pub doc_url: Option<&'static [Step]>,
    /// The path of `$message`.
    pub message: Option<&'static [Step]>,
    /// The path of `$details`.
    pub details: Option<&'static [Step]>,
    /// The path of `$category`.
    pub category: Option<&'static [Step]>,
    /// The object holding `$merge: $details`, and the template's own
    /// members there (which are not details).
    pub merged: Option<(&'static [Step], &'static [&'static str])>,
}

impl DecodeTable {
    /// The entries with this code, as `(code, index)` pairs.
    #[must_use]
    pub fn with_code(&self, code: &str) -> &'static [(&'static str, u32)] {
        matching(self.by_code, code)
    }

    /// The entries with this doc URL.
    #[must_use]
    pub fn with_doc_url(&self, url: &str) -> &'static [(&'static str, u32)] {
        matching(self.by_doc_url, url)
    }

    /// The tombstone of a removed code.
    #[must_use]
    pub fn removed(&self, code: &str) -> Option<&'static Removed> {
        let removed = self.removed;
        removed
            .binary_search_by(|r| r.code.cmp(code))
            .ok()
            .map(|i| &removed[i])
    }

    /// The entry a code looks up: the first with the code, else (unless
    /// the code was removed) the fallback of the first family whose
    /// prefix it has.
    #[must_use]
    pub fn lookup(&self, code: &str) -> Option<usize> {
        if let Some(&(_, i)) = self.with_code(code).first() {
            return Some(i as usize);
        }
        if self.removed(code).is_some() {
            return None;
        }
        self.family(code, None, None)
    }

    /// The fallback entry for a code the catalogue does not have: the
    /// first family, in table order, that the code, the body's category or
    /// the status puts it in.
    #[must_use]
    pub fn family(&self, code: &str, category: Option<&str>, status: Option<u16>) -> Option<usize> {
        self.families.iter().find_map(|family| {
            let (hit, index) = match *family {
                Family::Prefix(prefix, i) => (code.starts_with(prefix), i),
                Family::Category(wire, i) => (category == Some(wire), i),
                Family::Status(low, high, i) => {
                    (status.is_some_and(|s| (low..=high).contains(&s)), i)
                }
            };
            hit.then_some(index as usize)
        })
    }
}

/// The run of `(key, index)` pairs with this key, by binary search.
fn matching(table: &'static [(&'static str, u32)], key: &str) -> &'static [(&'static str, u32)] {
    let start = table.partition_point(|(k, _)| *k < key);
    let len = table[start..].iter().take_while(|(k, _)| *k == key).count();
    &table[start..start + len]
}

#[cfg(test)]
mod tests {
    use super::matching;

    #[test]
    fn lookup_by_key_finds_every_entry_of_a_shared_key() {
        static TABLE: &[(&str, u32)] = &[("a", 0), ("b", 1), ("b", 2), ("c", 3)];
        assert_eq!(matching(TABLE, "b"), &[("b", 1), ("b", 2)]);
        assert_eq!(matching(TABLE, "a"), &[("a", 0)]);
        assert!(matching(TABLE, "bb").is_empty());
        assert!(matching(TABLE, "").is_empty());
        assert!(matching(TABLE, "z").is_empty());
    }
}
