//! `Source`: the underlying error an error variant carries for logs.

use std::error::Error as StdError;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An optional underlying error, kept for logs and `Error::source`, never
/// sent on the wire.
///
/// Variants of entries with `source: true` have a `source: Source` field.
/// `Source` compares equal to every other `Source` and hashes to nothing, so
/// that `#[derive(PartialEq, Eq, Hash, Clone)]` on the error type keeps
/// working: two errors are equal when they would send the same response.
///
/// ```
/// let io = std::io::Error::other("disk full");
/// let source = errcat::Source::new(io);
/// assert_eq!(source.get().map(|e| e.to_string()).as_deref(), Some("disk full"));
/// assert_eq!(source, errcat::Source::none());
/// ```
#[derive(Clone, Default)]
pub struct Source(Option<Arc<dyn StdError + Send + Sync + 'static>>);

impl Source {
    /// No source.
    #[must_use]
    pub const fn none() -> Self {
        Source(None)
    }

    /// Wraps an error.
    pub fn new(error: impl Into<Box<dyn StdError + Send + Sync + 'static>>) -> Self {
        Source(Some(Arc::from(error.into())))
    }

    /// The wrapped error, if any.
    #[must_use]
    pub fn get(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.as_deref().map(|e| e as &(dyn StdError + 'static))
    }

    /// Whether there is a wrapped error.
    #[must_use]
    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(e) => fmt::Debug::fmt(e, f),
            None => f.write_str("None"),
        }
    }
}

impl PartialEq for Source {
    /// Always true: the source never changes what an error sends.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Source {}

impl Hash for Source {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl PartialOrd for Source {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Source {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}
