//! The trait every generated error type implements.

use crate::headers::HeaderValue;
use crate::info::EntryInfo;
use crate::request::RequestContext;

/// An error type generated from a catalogue, by `#[errcat::catalog]` or
/// `#[derive(errcat::Error)]`.
///
/// Generated types also have these methods as inherent methods, so calling
/// them does not need this trait in scope. Use the trait to write code that
/// works with any catalogue's errors, such as middleware.
pub trait CatalogError: std::error::Error {
    /// The `Content-Type` of error bodies, such as `application/json` or
    /// `application/problem+json`.
    const CONTENT_TYPE: &'static str;

    /// Every entry of the catalogue, in declaration order.
    fn entries() -> &'static [EntryInfo];

    /// The facts about this error's entry.
    fn entry(&self) -> &'static EntryInfo;

    /// Writes the body (the catalogue's envelope) into `out`, with the
    /// given per-request values. Does not allocate when `out` has room.
    fn write_json(&self, ctx: &RequestContext<'_>, out: &mut Vec<u8>);

    /// The response headers, with the given per-request values.
    fn headers_with<'a>(
        &'a self,
        ctx: &RequestContext<'a>,
    ) -> impl Iterator<Item = (&'static str, HeaderValue<'a>)>;

    /// The details as JSON, as the body carries them; `None` for an error
    /// without details. Generated types implement it; the default, for a
    /// type implemented by hand, is `None`.
    fn details(&self) -> Option<serde_json::Value> {
        None
    }

    /// The wire code (for a catch-all variant, the body's).
    fn code(&self) -> &str {
        self.entry().code
    }

    /// The HTTP status; `None` for errors that never travel over HTTP.
    fn status(&self) -> Option<u16> {
        self.entry().status
    }

    /// The body with every per-request value absent.
    fn to_json(&self) -> Vec<u8> {
        self.to_json_with(&RequestContext::NONE)
    }

    /// The body with its message in the language `locale` names (a tag
    /// such as `fr`, or an `Accept-Language` value), when the catalogue
    /// has that translation; otherwise in the catalogue's own language.
    fn to_json_in(&self, locale: &str) -> Vec<u8> {
        self.to_json_with(&RequestContext::new().locale(locale))
    }

    /// The languages bodies can be written in: the catalogue's own first,
    /// then its translations'. Empty for a type implemented by hand.
    fn languages() -> &'static [&'static str]
    where
        Self: Sized,
    {
        &[]
    }

    /// The body with the given per-request values.
    fn to_json_with(&self, ctx: &RequestContext<'_>) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.write_json(ctx, &mut out);
        out
    }

    /// Records the error as a `tracing` event: `error.code`,
    /// `error.status`, `error.category` and `error.details` as fields, the
    /// message as the event's message; at `ERROR` for a 5xx or no status,
    /// `WARN` otherwise.
    #[cfg(feature = "tracing")]
    fn trace(&self)
    where
        Self: Sized,
    {
        crate::tracing::event(self);
    }

    /// The HTTP status as an `http::StatusCode`.
    #[cfg(feature = "http")]
    fn status_code(&self) -> Option<http::StatusCode> {
        self.status()
            .and_then(|s| http::StatusCode::from_u16(s).ok())
    }
}

/// A generated type that decodes bodies back into its values: the
/// attribute form, `#[errcat::catalog]` (hand-written enums may hold values
/// a body cannot carry). Generic clients, such as the reqwest glue, use it.
pub trait FromResponse: CatalogError + Sized {
    /// Decodes an error body; see the generated `from_response`.
    ///
    /// # Errors
    /// When the body is not an error of the catalogue.
    fn from_response(status: Option<u16>, body: &[u8]) -> Result<Self, crate::DecodeError>;
}
