//! Reflection: what a generated type knows about each catalogue entry.

/// One entry of the catalogue, as compiled into the generated type. Use
/// these for metrics labels, dashboards and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EntryInfo {
    /// The catalogue key; also the anchor of the entry's doc section.
    pub key: &'static str,
    /// The Rust variant name.
    pub variant: &'static str,
    /// The code sent on the wire.
    pub code: &'static str,
    /// The HTTP status; `None` for errors that never travel over HTTP.
    pub status: Option<u16>,
    /// The category key.
    pub category: &'static str,
    /// The category's wire name.
    pub category_wire: &'static str,
    /// The short title (the code if the catalogue gives none).
    pub title: &'static str,
    /// Whether retrying the same request may succeed, if known.
    pub retryable: Option<bool>,
    /// The doc link, when the catalogue has a `docs_url`.
    pub doc_url: Option<&'static str>,
    /// Whether the entry is deprecated.
    pub deprecated: bool,
    /// An error, a warning or a notice.
    pub kind: Kind,
    /// The entry's `x-` keys and their values as JSON text, in declaration
    /// order: metadata the catalogue's author added (`x-severity`,
    /// `x-owner`).
    pub extensions: &'static [(&'static str, &'static str)],
}

impl EntryInfo {
    /// An entry with every fact empty: generated tables start from it
    /// (`..EntryInfo::DEFAULT`) for the facts an entry does not have.
    pub const DEFAULT: EntryInfo = EntryInfo {
        key: "",
        variant: "",
        code: "",
        status: None,
        category: "",
        category_wire: "",
        title: "",
        retryable: None,
        doc_url: None,
        deprecated: false,
        kind: Kind::Error,
        extensions: &[],
    };

    /// The value of an `x-` key, as JSON text.
    #[must_use]
    pub fn extension(&self, key: &str) -> Option<&'static str> {
        self.extensions
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// What an entry is: errors fail the request; warnings and notices are
/// reported beside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A failure (the default).
    #[default]
    Error,
    /// Something worth attention that did not fail the request.
    Warning,
    /// Information.
    Notice,
}

/// A category of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CategoryInfo {
    /// The key.
    pub key: &'static str,
    /// The string sent on the wire.
    pub wire: &'static str,
    /// The heading used in the docs.
    pub title: &'static str,
}

/// An example occurrence of an error, built from the catalogue's examples
/// (generated with `#[errcat::catalog("...", examples)]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Example<E> {
    /// The entry's key.
    pub key: &'static str,
    /// The example's name, if it has one.
    pub name: Option<&'static str>,
    /// The error.
    pub error: E,
    /// The per-request values of the example.
    pub context: crate::RequestContext<'static>,
}
