//! Per-request values written into error bodies and headers.

/// Values only known when a request fails: they fill the envelope's
/// `$request_id`, `$timestamp` and `$instance` slots and headers declared
/// `from: request.*`.
///
/// A value that is `None` is *absent*: a member declared `$slot?` is left
/// out of the body, a member declared `$slot` is written as `null`, and a
/// header taking its value from it is not sent.
///
/// ```
/// let ctx = errcat::RequestContext::new().request_id("req_42").timestamp("2026-11-01T12:00:00Z");
/// assert_eq!(ctx.request_id, Some("req_42"));
/// assert_eq!(ctx.instance, None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RequestContext<'a> {
    /// The request's id, such as the `X-Request-Id` you assigned it.
    pub request_id: Option<&'a str>,
    /// When the error happened, already formatted (usually RFC 3339).
    pub timestamp: Option<&'a str>,
    /// A URI identifying this occurrence (RFC 9457 `instance`).
    pub instance: Option<&'a str>,
    /// The language the client asked for: a BCP 47 tag (`fr`) or a whole
    /// `Accept-Language` value (`fr-CH, fr;q=0.9, en;q=0.8`). A catalogue
    /// with `translations:` writes the message in the best match, falling
    /// back to its own language; `Display` always uses its own language.
    pub locale: Option<&'a str>,
}

impl<'a> RequestContext<'a> {
    /// A context with every value absent.
    pub const NONE: RequestContext<'static> = RequestContext {
        request_id: None,
        timestamp: None,
        instance: None,
        locale: None,
    };

    /// A context with every value absent.
    #[must_use]
    pub const fn new() -> Self {
        RequestContext {
            request_id: None,
            timestamp: None,
            instance: None,
            locale: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn request_id(mut self, id: &'a str) -> Self {
        self.request_id = Some(id);
        self
    }

    /// Sets the timestamp text.
    #[must_use]
    pub const fn timestamp(mut self, timestamp: &'a str) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// Sets the requested language (see [`RequestContext::locale`]).
    #[must_use]
    pub const fn locale(mut self, locale: &'a str) -> Self {
        self.locale = Some(locale);
        self
    }

    /// Sets the instance URI.
    #[must_use]
    pub const fn instance(mut self, instance: &'a str) -> Self {
        self.instance = Some(instance);
        self
    }
}
