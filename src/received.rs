//! `Received`: what a client got for a code that a family took in.

use std::fmt;

/// The code, message and body of an error that a client decoded through a
/// family (the catalogue's `families`): a code this version of the
/// catalogue does not have, decoded as the family's generic error.
///
/// The variants of family fallbacks carry a `received: Received` field.
/// A server constructing the error leaves it empty
/// ([`Received::none`]); a client decoding `23999` under the class-23
/// family gets the fallback's variant with its known details, and the
/// received code, message and body here, so that `code()`, `Display` and
/// `to_json()` give back exactly what the server sent.
///
/// ```
/// assert!(errcat::Received::none().code().is_none());
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Received(Option<Box<Parts>>);

#[derive(Clone, PartialEq, Eq, Hash)]
struct Parts {
    code: String,
    message: Option<String>,
    status: Option<u16>,
    body: Box<[u8]>,
}

impl Received {
    /// Nothing received: the error was made here.
    #[must_use]
    pub const fn none() -> Self {
        Received(None)
    }

    /// What a client received. Used by decoding.
    #[doc(hidden)]
    #[must_use]
    pub fn new(code: &str, message: Option<&str>, status: Option<u16>, body: &[u8]) -> Self {
        Received(Some(Box::new(Parts {
            code: code.to_owned(),
            message: message.map(str::to_owned),
            status,
            body: body.into(),
        })))
    }

    /// The code the body carried.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.0.as_deref().map(|p| p.code.as_str())
    }

    /// The message the body carried, if any.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.0.as_deref()?.message.as_deref()
    }

    /// The status the body came with, if it was given to the decoder.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.0.as_deref()?.status
    }

    /// The body exactly as received.
    #[must_use]
    pub fn body(&self) -> Option<&[u8]> {
        self.0.as_deref().map(|p| &*p.body)
    }
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            None => f.write_str("Received::none()"),
            Some(p) => f
                .debug_struct("Received")
                .field("code", &p.code)
                .field("message", &p.message)
                .field("status", &p.status)
                .finish_non_exhaustive(),
        }
    }
}
