//! Serving errors with axum (feature `axum`).
//!
//! With the feature on, every generated error type implements
//! `axum::response::IntoResponse`: the response has the entry's status,
//! the catalogue's `Content-Type`, the declared headers and the body.
//! Per-request values are absent there; to fill them, respond with
//! [`WithContext`] or call [`response`]. For a catalogue with
//! `translations:`, take the [`AcceptLanguage`] extractor in the handler
//! and pass it on with [`WithContext::accept_language`]: the body's
//! message is then in the client's language.

use crate::request::RequestContext;
use crate::traits::CatalogError;
use axum_core::response::{IntoResponse, Response};
use http::{HeaderName, HeaderValue, StatusCode, header};

/// Builds the response for an error with the given per-request values.
///
/// Errors without an HTTP status (client-side entries) are sent as 500.
/// Header values that are not valid in HTTP (such as text with newlines)
/// are left out of the response. For a catalogue with translations, the
/// response says which language the body is in (`Content-Language`) and
/// that the choice followed `Accept-Language` (`Vary`), so that caches
/// keep one copy per language.
pub fn response<E: CatalogError>(error: &E, ctx: &RequestContext<'_>) -> Response {
    let status = error
        .status()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = Vec::with_capacity(256);
    error.write_json(ctx, &mut body);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(E::CONTENT_TYPE)
            .unwrap_or(HeaderValue::from_static("application/json")),
    );
    for (name, value) in error.headers_with(ctx) {
        let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name),
            HeaderValue::try_from(value.to_string()),
        ) else {
            continue;
        };
        headers.insert(name, value);
    }
    let languages = E::languages();
    if languages.len() > 1 {
        let chosen = ctx
            .locale
            .map_or(0, |accept| crate::negotiate_language(languages, accept));
        if let Ok(tag) = HeaderValue::from_str(languages[chosen]) {
            headers.insert(header::CONTENT_LANGUAGE, tag);
        }
        headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    }
    response
}

/// An error with its per-request values, ready to be returned from a
/// handler.
///
/// ```ignore
/// async fn handler(Extension(id): Extension<RequestId>) -> Result<Json<Order>, WithContext<ApiError>> {
///     Err(WithContext::new(ApiError::NotFound).request_id(id.0))
/// }
/// ```
#[derive(Debug, Clone)]
pub struct WithContext<E> {
    /// The error.
    pub error: E,
    /// The request id.
    pub request_id: Option<String>,
    /// The timestamp text.
    pub timestamp: Option<String>,
    /// The instance URI.
    pub instance: Option<String>,
    /// The requested language: a tag or an `Accept-Language` value.
    pub locale: Option<String>,
}

/// The request's `Accept-Language` header, as an extractor (never fails:
/// no header, or one that is not text, is `AcceptLanguage(None)`).
///
/// ```ignore
/// async fn handler(lang: AcceptLanguage) -> Result<Json<Order>, WithContext<ApiError>> {
///     Err(WithContext::new(ApiError::NotFound).accept_language(lang))
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcceptLanguage(pub Option<String>);

impl<S: Send + Sync> axum_core::extract::FromRequestParts<S> for AcceptLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(AcceptLanguage(
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        ))
    }
}

impl<E> WithContext<E> {
    /// Wraps an error with no per-request values yet.
    pub fn new(error: E) -> Self {
        WithContext {
            error,
            request_id: None,
            timestamp: None,
            instance: None,
            locale: None,
        }
    }

    /// Sets the requested language: a tag (`fr`) or an `Accept-Language`
    /// value.
    #[must_use]
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Takes the requested language from the request's `Accept-Language`.
    #[must_use]
    pub fn accept_language(mut self, accept: AcceptLanguage) -> Self {
        self.locale = accept.0;
        self
    }

    /// Sets the request id.
    #[must_use]
    pub fn request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Sets the timestamp text.
    #[must_use]
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    /// Sets the instance URI.
    #[must_use]
    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }
}

impl<E: CatalogError> IntoResponse for WithContext<E> {
    fn into_response(self) -> Response {
        let ctx = RequestContext {
            request_id: self.request_id.as_deref(),
            timestamp: self.timestamp.as_deref(),
            instance: self.instance.as_deref(),
            locale: self.locale.as_deref(),
        };
        response(&self.error, &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::HeaderValue as ErrcatHeaderValue;
    use crate::info::EntryInfo;

    /// A hand-written `CatalogError` whose content type and header values
    /// are not valid in HTTP: the response is built anyway.
    #[derive(Debug)]
    struct Odd;

    impl std::fmt::Display for Odd {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("odd")
        }
    }

    impl std::error::Error for Odd {}

    static INFO: EntryInfo = EntryInfo {
        key: "odd",
        variant: "Odd",
        code: "odd",
        status: Some(418),
        category: "c",
        category_wire: "c",
        title: "Odd",
        retryable: None,
        doc_url: None,
        deprecated: false,
        kind: crate::Kind::Error,
        extensions: &[],
    };

    impl CatalogError for Odd {
        const CONTENT_TYPE: &'static str = "application/jsön\r\nX-Injected: 1";

        fn entries() -> &'static [EntryInfo] {
            std::slice::from_ref(&INFO)
        }

        fn entry(&self) -> &'static EntryInfo {
            &INFO
        }

        fn write_json(&self, _: &RequestContext<'_>, out: &mut Vec<u8>) {
            out.extend_from_slice(b"{}");
        }

        fn headers_with<'a>(
            &'a self,
            _: &RequestContext<'a>,
        ) -> impl Iterator<Item = (&'static str, ErrcatHeaderValue<'a>)> {
            [
                ("X-Ok", ErrcatHeaderValue::Text("fine")),
                ("X-Bad", ErrcatHeaderValue::Text("a\nb")),
                ("Bad Name", ErrcatHeaderValue::UInt(1)),
            ]
            .into_iter()
        }
    }

    #[test]
    fn values_that_are_not_valid_http_never_panic() {
        let response = response(&Odd, &RequestContext::NONE);
        assert_eq!(response.status(), 418);
        let headers = response.headers();
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(headers["x-ok"], "fine");
        assert!(
            headers.get("x-bad").is_none(),
            "a value with a line break is left out"
        );
        assert_eq!(headers.len(), 2, "{headers:?}");
    }
}
