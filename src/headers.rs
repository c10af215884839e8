//! The response headers an error sets.

use std::fmt;

/// The value of one response header, borrowed from the error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HeaderValue<'a> {
    /// Text.
    Text(&'a str),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A number.
    Float(f64),
    /// A boolean.
    Bool(bool),
}

impl HeaderValue<'_> {
    /// The value as an unsigned integer, if it is one.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            HeaderValue::UInt(v) => Some(v),
            HeaderValue::Int(v) => u64::try_from(v).ok(),
            _ => None,
        }
    }

    /// The value as text, if it is text.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match *self {
            HeaderValue::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            HeaderValue::Text(s) => f.write_str(s),
            HeaderValue::Int(v) => fmt::Display::fmt(&v, f),
            HeaderValue::UInt(v) => fmt::Display::fmt(&v, f),
            HeaderValue::Float(v) => fmt::Display::fmt(&v, f),
            HeaderValue::Bool(v) => fmt::Display::fmt(&v, f),
        }
    }
}

impl PartialEq<&str> for HeaderValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        match *self {
            HeaderValue::Text(s) => s == *other,
            value => value.to_string().as_str() == *other,
        }
    }
}

/// The headers of one error: an iterator of `(name, value)` pairs, in the
/// order the catalogue declares them. Holds at most `N` headers inline, so
/// it never allocates.
#[derive(Clone, Debug)]
pub struct Headers<'a, const N: usize> {
    items: [(&'static str, HeaderValue<'a>); N],
    len: usize,
    next: usize,
}

impl<'a, const N: usize> Headers<'a, N> {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Headers {
            items: [("", HeaderValue::Bool(false)); N],
            len: 0,
            next: 0,
        }
    }

    /// Adds a header; an absent value, or one past `N`, is left out.
    #[doc(hidden)]
    pub fn push(&mut self, name: &'static str, value: Option<HeaderValue<'a>>) {
        if let Some(value) = value
            && self.len < N
        {
            self.items[self.len] = (name, value);
            self.len += 1;
        }
    }

    /// The value of a header by name (case-insensitive).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<HeaderValue<'a>> {
        self.items[self.next..self.len]
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }

    /// Number of headers left to iterate.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len - self.next
    }

    /// Whether no headers are left.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<const N: usize> Default for Headers<'_, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a, const N: usize> Iterator for Headers<'a, N> {
    type Item = (&'static str, HeaderValue<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.items[..self.len].get(self.next).copied()?;
        self.next += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len(), Some(self.len()))
    }
}

impl<const N: usize> ExactSizeIterator for Headers<'_, N> {}
