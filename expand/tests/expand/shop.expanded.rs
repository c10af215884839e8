// The expansion of `#[errcat::catalog("shop.yaml")]`, checked by
// `expand/tests/golden.rs`. Do not edit; rewrite it with
// `ERRCAT_BLESS=1 cargo test -p errcat-expand --test golden`.

/// The errors of the shop API.
#[derive(Clone, PartialEq)]
#[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
#[derive(Debug)]
pub enum ShopError {
    /// `not_found`: HTTP 404 Not Found, Invalid requests.
    ///
    /// Message: "The resource does not exist."
    ///
    /// # Fixes
    ///
    /// - Check the id.
    NotFound,
    /// `invalid_field`: HTTP 400 Bad Request, Invalid requests.
    ///
    /// Message: "Field `{field}` is invalid: {reason}."
    ///
    /// # Fixes
    ///
    /// - Send a valid value.
    InvalidField {
        /// The `field` details field.
        field: ::std::string::String,
        /// The `reason` details field.
        reason: shop_error::InvalidFieldReason,
        /// The `max_length` details field.
        max_length: ::core::option::Option<u32>,
    },
    /// `rate_limited`: HTTP 429 Too Many Requests, Rate limits.
    ///
    /// Message: "Slow down; retry in {retry_after} seconds."
    ///
    /// # Fixes
    ///
    /// - Wait for `Retry-After` seconds.
    RateLimited {
        /// The `retry_after` details field.
        ///
        /// Not sent in the body.
        retry_after: u32,
    },
    /// `internal_error`: HTTP 500 Internal Server Error, Server errors.
    ///
    /// Message: varies; set in the `message` field.
    ///
    /// Sent on the wire instead: "Something went wrong on our side."
    ///
    /// # Fixes
    ///
    /// - Retry later.
    InternalError {
        /// The message of this occurrence; the catalogue says it varies.
        message: ::std::string::String,
        /// The underlying error, for logs; never sent.
        source: ::errcat::Source,
    },
}
/// Types generated for [`ShopError`] from the catalogue `shop`.
#[allow(clippy::module_name_repetitions)]
pub mod shop_error {
    /// The categories of the catalogue, in their documented order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Category {
        /// **Invalid requests** (`requests`)
        Requests,
        /// **Rate limits** (`limits`)
        Limits,
        /// **Server errors** (`server`)
        Server,
    }
    impl Category {
        /// Every category of the catalogue, in order.
        pub const ALL: [Self; 3] = [Self::Requests, Self::Limits, Self::Server];
        /// The key used in the catalogue.
        #[must_use]
        pub const fn key(self) -> &'static str {
            match self {
                Self::Requests => "requests",
                Self::Limits => "limits",
                Self::Server => "server",
            }
        }
        /// The name sent on the wire.
        #[must_use]
        pub const fn wire(self) -> &'static str {
            match self {
                Self::Requests => "requests",
                Self::Limits => "limits",
                Self::Server => "server",
            }
        }
        /// The heading used in the docs.
        #[must_use]
        pub const fn title(self) -> &'static str {
            match self {
                Self::Requests => "Invalid requests",
                Self::Limits => "Rate limits",
                Self::Server => "Server errors",
            }
        }
    }
    impl ::core::fmt::Display for Category {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.wire())
        }
    }
    /// One of a fixed set of values.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum InvalidFieldReason {
        /// `missing`
        Missing,
        /// `too_long`
        TooLong,
    }
    impl InvalidFieldReason {
        /// Every value, in declaration order.
        pub const ALL: [Self; 2] = [Self::Missing, Self::TooLong];
        /// The value as sent on the wire.
        #[must_use]
        pub const fn as_str(self) -> &'static str {
            match self {
                Self::Missing => "missing",
                Self::TooLong => "too_long",
            }
        }
        /// The value with this wire text.
        #[must_use]
        pub fn from_wire(text: &str) -> ::core::option::Option<Self> {
            match text {
                "missing" => ::core::option::Option::Some(Self::Missing),
                "too_long" => ::core::option::Option::Some(Self::TooLong),
                _ => ::core::option::Option::None,
            }
        }
    }
    impl ::core::fmt::Display for InvalidFieldReason {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::errcat::__private::WireValue for InvalidFieldReason {
        fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
            ::errcat::__private::write_str(out, self.as_str());
        }
        fn write_text(&self, out: &mut ::std::vec::Vec<u8>) {
            ::errcat::__private::write_escaped(out, self.as_str());
        }
        fn fmt_text(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.as_str())
        }
        fn header_value(&self) -> ::core::option::Option<::errcat::HeaderValue<'_>> {
            ::core::option::Option::Some(::errcat::HeaderValue::Text(self.as_str()))
        }
    }
    impl ::errcat::__private::FromWire for InvalidFieldReason {
        fn from_json(
            value: &::errcat::__private::serde_json::Value,
        ) -> ::core::result::Result<Self, ::std::string::String> {
            value
                .as_str()
                .and_then(Self::from_wire)
                .ok_or_else(|| {
                    ::std::format!(
                        "`{}` is not one of the values of {}", value,
                        "InvalidFieldReason"
                    )
                })
        }
        fn from_text(text: &str) -> ::core::option::Option<Self> {
            Self::from_wire(text)
        }
        fn placeholder() -> Self {
            Self::Missing
        }
    }
}
const _: () = {
    #[allow(clippy::all, clippy::pedantic)]
    mod tables {
        use ::errcat::__private::table::{Piece::*, Step::*, *};
        pub(super) static ENTRIES: [EntryInfo; 4] = [
            EntryInfo {
                key: "not_found",
                variant: "NotFound",
                code: "not_found",
                category: "requests",
                category_wire: "requests",
                title: "not_found",
                status: Some(404),
                doc_url: Some("https://docs.shop.test/errors#not_found"),
                ..EntryInfo::DEFAULT
            },
            EntryInfo {
                key: "invalid_field",
                variant: "InvalidField",
                code: "invalid_field",
                category: "requests",
                category_wire: "requests",
                title: "invalid_field",
                status: Some(400),
                doc_url: Some("https://docs.shop.test/errors#invalid_field"),
                ..EntryInfo::DEFAULT
            },
            EntryInfo {
                key: "rate_limited",
                variant: "RateLimited",
                code: "rate_limited",
                category: "limits",
                category_wire: "limits",
                title: "rate_limited",
                status: Some(429),
                retryable: Some(true),
                doc_url: Some("https://docs.shop.test/errors#rate_limited"),
                ..EntryInfo::DEFAULT
            },
            EntryInfo {
                key: "internal_error",
                variant: "InternalError",
                code: "internal_error",
                category: "server",
                category_wire: "server",
                title: "internal_error",
                status: Some(500),
                doc_url: Some("https://docs.shop.test/errors#internal_error"),
                ..EntryInfo::DEFAULT
            },
        ];
        pub(super) static TABLE: DecodeTable = DecodeTable {
            entries: &ENTRIES,
            wire: &[
                EntryWire {
                    messages: &[&[Lit("The resource does not exist.")]],
                    ..EntryWire::DEFAULT
                },
                EntryWire {
                    messages: &[
                        &[
                            Lit("Field `"),
                            Field(0),
                            Lit("` is invalid: "),
                            Field(1),
                            Lit("."),
                        ],
                    ],
                    fields: &[("field", true), ("reason", true), ("max_length", true)],
                    ..EntryWire::DEFAULT
                },
                EntryWire {
                    messages: &[
                        &[Lit("Slow down; retry in "), Field(0), Lit(" seconds.")],
                    ],
                    fields: &[("retry_after", false)],
                    headers: &[("Retry-After", 0)],
                    ..EntryWire::DEFAULT
                },
                EntryWire {
                    messages: &[&[Lit("Something went wrong on our side.")]],
                    fields: &[("message", false)],
                    ..EntryWire::DEFAULT
                },
            ],
            by_code: &[
                ("internal_error", 3),
                ("invalid_field", 1),
                ("not_found", 0),
                ("rate_limited", 2),
            ],
            by_doc_url: &[
                ("https://docs.shop.test/errors#internal_error", 3),
                ("https://docs.shop.test/errors#invalid_field", 1),
                ("https://docs.shop.test/errors#not_found", 0),
                ("https://docs.shop.test/errors#rate_limited", 2),
            ],
            families: &[],
            removed: &[],
            paths: Paths {
                code: Some(&[Key("error"), Key("code")]),
                doc_url: None,
                message: Some(&[Key("error"), Key("message")]),
                details: Some(&[Key("error"), Key("details")]),
                category: None,
                merged: None,
            },
        };
        pub(super) static LANGUAGES: [&str; 1] = ["en"];
    }
    use tables::{ENTRIES, LANGUAGES, TABLE};
    impl ShopError {
        /// The facts about this error's catalogue entry.
        #[must_use]
        pub fn entry(&self) -> &'static ::errcat::EntryInfo {
            match self {
                ShopError::NotFound => &ENTRIES[0],
                ShopError::InvalidField { .. } => &ENTRIES[1],
                ShopError::RateLimited { .. } => &ENTRIES[2],
                ShopError::InternalError { .. } => &ENTRIES[3],
            }
        }
        /// Every entry of the catalogue, in declaration order.
        #[must_use]
        pub fn entries() -> &'static [::errcat::EntryInfo] {
            &ENTRIES
        }
        /// The entry of a wire code: the first entry with the code, else
        /// (unless the code was removed) the fallback of the code's family,
        /// else `None`. A binary search.
        #[must_use]
        pub fn entry_by_code(
            code: &str,
        ) -> ::core::option::Option<&'static ::errcat::EntryInfo> {
            TABLE.lookup(code).map(|i| &ENTRIES[i])
        }
        /// Every wire code, in declaration order (codes shared by several
        /// entries appear once per entry).
        pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> {
            ENTRIES.iter().map(|e| e.code)
        }
        /// The code sent on the wire.
        #[must_use]
        pub fn code(&self) -> &'static str {
            self.entry().code
        }
        /// The HTTP status; `None` for errors that never travel over HTTP.
        #[must_use]
        pub fn status(&self) -> ::core::option::Option<u16> {
            self.entry().status
        }
        /// The category.
        #[must_use]
        pub fn category(&self) -> shop_error::Category {
            match self {
                ShopError::NotFound | ShopError::InvalidField { .. } => {
                    shop_error::Category::Requests
                }
                ShopError::RateLimited { .. } => shop_error::Category::Limits,
                ShopError::InternalError { .. } => shop_error::Category::Server,
            }
        }
        /// The short title (the code if the catalogue gives none).
        #[must_use]
        pub fn title(&self) -> &'static str {
            self.entry().title
        }
        /// Whether retrying the same request may succeed; `None` if the
        /// catalogue does not say.
        #[must_use]
        pub fn retryable(&self) -> ::core::option::Option<bool> {
            self.entry().retryable
        }
        /// The `Content-Type` of error bodies.
        pub const CONTENT_TYPE: &'static str = "application/json";
        /// The body, exactly the catalogue's envelope, with every
        /// per-request value absent.
        #[must_use]
        pub fn to_json(&self) -> ::std::vec::Vec<u8> {
            self.to_json_with(&::errcat::RequestContext::NONE)
        }
        /// The body with the given per-request values.
        #[must_use]
        pub fn to_json_with(
            &self,
            ctx: &::errcat::RequestContext<'_>,
        ) -> ::std::vec::Vec<u8> {
            ::errcat::__private::to_vec(|out| self.write_json(ctx, out))
        }
        /// Appends the body to `out`; allocates nothing when `out` has room.
        #[allow(unused_variables, clippy::too_many_lines)]
        pub fn write_json(
            &self,
            ctx: &::errcat::RequestContext<'_>,
            out: &mut ::std::vec::Vec<u8>,
        ) {
            let mut w = ::errcat::__private::Writer::new(out);
            match self {
                ShopError::NotFound => {
                    w.raw(
                        r#"{"error":{"code":"not_found","message":"The resource does not exist."}}"#,
                    );
                }
                ShopError::InvalidField { field, reason, max_length, .. } => {
                    w.raw(r#"{"error":{"code":"invalid_field","message":"Field `"#);
                    w.text(field);
                    w.raw("` is invalid: ");
                    w.text(reason);
                    w.raw(r#".","details":{"field":"#);
                    w.json(field);
                    w.raw(r#","reason":"#);
                    w.json(reason);
                    w.set_comma(true);
                    w.optional(r#""max_length":"#, max_length);
                    w.raw("}}}");
                }
                ShopError::RateLimited { retry_after, .. } => {
                    w.raw(
                        r#"{"error":{"code":"rate_limited","message":"Slow down; retry in "#,
                    );
                    w.text(retry_after);
                    w.raw(r#" seconds."}}"#);
                }
                ShopError::InternalError { .. } => {
                    w.raw(
                        r#"{"error":{"code":"internal_error","message":"Something went wrong on our side."}}"#,
                    );
                }
            }
        }
        /// The response headers this error sets, with per-request values absent.
        #[must_use]
        pub fn headers(&self) -> ::errcat::Headers<'_, 2> {
            self.headers_with(&::errcat::RequestContext::NONE)
        }
        /// The response headers this error sets.
        #[must_use]
        #[allow(unused_variables, unused_mut, clippy::match_same_arms)]
        pub fn headers_with<'a>(
            &'a self,
            ctx: &::errcat::RequestContext<'a>,
        ) -> ::errcat::Headers<'a, 2> {
            let mut headers = ::errcat::Headers::new();
            match self {
                ShopError::RateLimited { retry_after, .. } => {
                    headers
                        .push(
                            "Retry-After",
                            ::errcat::__private::WireValue::header_value(retry_after),
                        );
                    headers
                        .push(
                            "X-Request-Id",
                            ctx.request_id.map(::errcat::HeaderValue::Text),
                        );
                }
                _ => {
                    headers
                        .push(
                            "X-Request-Id",
                            ctx.request_id.map(::errcat::HeaderValue::Text),
                        );
                }
            }
            headers
        }
        /// Decodes an error body (in the catalogue's envelope) back into a
        /// value of this type, for clients of the API. `status` helps tell
        /// apart entries that share a code; pass `None` if unknown.
        ///
        /// Fields the body does not carry (`in_body: false` and absent from
        /// the message) come back empty or zero, and sources as none; see
        /// [`Self::from_response_with_headers`] for fields sent in headers.
        ///
        /// A code the catalogue does not have (nor a family that takes it in) is `DecodeError::UnknownCode`, a removed one `DecodeError::Removed`; declare a catch-all with `unknown = Variant` to keep such errors.
        ///
        /// # Errors
        ///
        /// [`errcat::DecodeError`] when the body is not JSON, lacks the code,
        /// carries an unknown code, or has details of the wrong shape.
        pub fn from_response(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            Self::from_response_with_headers(status, &[], body)
        }
        /// Decodes a response as [`Self::from_response`] does, taking the
        /// values of fields the body does not carry from the response
        /// headers the catalogue declares for them (`Retry-After`).
        ///
        /// # Errors
        ///
        /// As [`Self::from_response`].
        #[allow(unused_variables)]
        pub fn from_response_with_headers(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            headers: &[(&str, &str)],
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            let status = status.into();
            let response = ::errcat::__private::Response {
                status,
                headers,
                body,
            };
            ::errcat::__private::decode(
                &TABLE,
                response,
                |index, d| -> ::core::result::Result<Self, ::errcat::DecodeError> {
                    ::core::result::Result::Ok(
                        match index {
                            0 => ShopError::NotFound,
                            1 => {
                                ShopError::InvalidField {
                                    field: d.field(0)?,
                                    reason: d.field(1)?,
                                    max_length: d.field(2)?,
                                }
                            }
                            2 => {
                                ShopError::RateLimited {
                                    retry_after: d.field(0)?,
                                }
                            }
                            3 => {
                                ShopError::InternalError {
                                    message: d.field(0)?,
                                    source: ::errcat::Source::none(),
                                }
                            }
                            _ => {
                                return ::core::result::Result::Err(::errcat::DecodeError::Malformed {
                                    reason: ::std::string::String::from(
                                        "entry index out of range",
                                    ),
                                });
                            }
                        },
                    )
                },
            )
        }
        /// The error of a wire code, for a gateway or a driver that starts from a code: the entry [`Self::entry_by_code`] finds, if its variant needs no values (no details, or only optional ones, left `None`).
        #[must_use]
        #[allow(clippy::match_same_arms)]
        pub fn from_code(code: &str) -> ::core::option::Option<Self> {
            match TABLE.lookup(code)? {
                0 => ::core::option::Option::Some(ShopError::NotFound),
                _ => ::core::option::Option::None,
            }
        }
        /// Attaches the underlying error, for logs and `Error::source`; it is never sent.
        ///
        /// Variants that carry a source: `InternalError`. Other variants are returned unchanged.
        #[must_use]
        pub fn with_source(
            mut self,
            error: impl ::core::convert::Into<
                ::std::boxed::Box<
                    dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static,
                >,
            >,
        ) -> Self {
            #[allow(unreachable_patterns)]
            match &mut self {
                ShopError::InternalError { source, .. } => {
                    *source = ::errcat::Source::new(error);
                }
                _ => {}
            }
            self
        }
    }
    impl ::core::fmt::Display for ShopError {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            match self {
                ShopError::NotFound => f.write_str("The resource does not exist."),
                ShopError::InvalidField { field, reason, .. } => {
                    ::core::write!(f, "Field `{field}` is invalid: {reason}.")
                }
                ShopError::RateLimited { retry_after, .. } => {
                    ::core::write!(f, "Slow down; retry in {retry_after} seconds.")
                }
                ShopError::InternalError { message, .. } => {
                    ::core::write!(f, "{message}")
                }
            }
        }
    }
    impl ::std::error::Error for ShopError {
        fn source(
            &self,
        ) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
            #[allow(unreachable_patterns)]
            match self {
                ShopError::InternalError { source, .. } => source.get(),
                _ => ::core::option::Option::None,
            }
        }
    }
    impl ::errcat::CatalogError for ShopError {
        const CONTENT_TYPE: &'static str = "application/json";
        fn entries() -> &'static [::errcat::EntryInfo] {
            &ENTRIES
        }
        fn entry(&self) -> &'static ::errcat::EntryInfo {
            ShopError::entry(self)
        }
        fn code(&self) -> &'static str {
            ShopError::code(self)
        }
        fn details(
            &self,
        ) -> ::core::option::Option<::errcat::__private::serde_json::Value> {
            ::errcat::__private::details_of(&TABLE, &ShopError::to_json(self))
        }
        fn status(&self) -> ::core::option::Option<u16> {
            ShopError::status(self)
        }
        fn write_json(
            &self,
            ctx: &::errcat::RequestContext<'_>,
            out: &mut ::std::vec::Vec<u8>,
        ) {
            ShopError::write_json(self, ctx, out);
        }
        fn headers_with<'a>(
            &'a self,
            ctx: &::errcat::RequestContext<'a>,
        ) -> impl ::core::iter::Iterator<
            Item = (&'static str, ::errcat::HeaderValue<'a>),
        > {
            ShopError::headers_with(self, ctx)
        }
        fn to_json_with(
            &self,
            ctx: &::errcat::RequestContext<'_>,
        ) -> ::std::vec::Vec<u8> {
            ShopError::to_json_with(self, ctx)
        }
        fn languages() -> &'static [&'static str] {
            &LANGUAGES
        }
    }
    ::errcat::__impl_axum!(ShopError);
    ::errcat::__impl_http!(ShopError);
    ::errcat::__impl_serde!(ShopError);
    impl ::errcat::FromResponse for ShopError {
        fn from_response(
            status: ::core::option::Option<u16>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            ShopError::from_response(status, body)
        }
    }
};
const _: () = {
    const _: &[u8] = ::core::include_bytes!(
        ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/shop.yaml")
    );
};
