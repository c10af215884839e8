//! The response headers an error sets.

use crate::value::Value;
use std::fmt;

/// The value of one response header.
#[derive(Clone, Copy, Debug)]
pub struct HeaderValue<'a>(pub(crate) Value<'a>);

impl HeaderValue<'_> {
    /// The value as an unsigned integer, if it is one.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            Value::U64(v) => Some(v),
            Value::I64(v) => u64::try_from(v).ok(),
            _ => None,
        }
    }

    /// The value as text, if it is text.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self.0 {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl PartialEq<&str> for HeaderValue<'_> {
    fn eq(&self, other: &&str) -> bool {
        match self.0 {
            Value::Str(s) => s == *other,
            value => {
                let text = value.to_string();
                text.as_str() == *other
            }
        }
    }
}

/// The headers of one error: an iterator of `(name, value)` pairs, in the
/// order the catalogue declares them. Holds at most `N` headers inline, so
/// it never allocates.
#[derive(Clone, Debug)]
pub struct Headers<'a, const N: usize> {
    items: [(&'static str, Value<'a>); N],
    len: usize,
    next: usize,
}

impl<'a, const N: usize> Headers<'a, N> {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Headers {
            items: [("", Value::Absent); N],
            len: 0,
            next: 0,
        }
    }

    /// Adds a header; absent values and overflow are ignored.
    #[doc(hidden)]
    pub fn push(&mut self, name: &'static str, value: Value<'a>) {
        if !value.is_absent() && self.len < N {
            self.items[self.len] = (name, value);
            self.len += 1;
        }
    }

    /// The value of a header by name (case-insensitive).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<HeaderValue<'a>> {
        self.items[..self.len]
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| HeaderValue(*v))
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
        if self.next >= self.len {
            return None;
        }
        let (name, value) = self.items[self.next];
        self.next += 1;
        Some((name, HeaderValue(value)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len(), Some(self.len()))
    }
}

impl<const N: usize> ExactSizeIterator for Headers<'_, N> {}
