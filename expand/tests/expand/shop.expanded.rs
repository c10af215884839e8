// The expansion of `#[errcat::catalog("shop.yaml")]`, checked by
// `expansion_matches_the_golden_file`. Do not edit; rewrite it with
// `ERRCAT_BLESS=1 cargo test -p errcat-expand golden`.

/// The errors of the shop API.
#[derive(Clone, PartialEq)]
#[derive(Debug)]
#[allow(clippy::enum_variant_names, clippy::large_enum_variant)]
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
    impl ::errcat::__private::ToValue for InvalidFieldReason {
        fn to_value(&self) -> ::errcat::__private::Value<'_> {
            ::errcat::__private::Value::Str(self.as_str())
        }
    }
    impl ::errcat::__private::WriteJson for InvalidFieldReason {
        fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
            ::errcat::__private::write_str(out, self.as_str());
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
    mod __errcat_table {
        use ::errcat::__private::table::{*, Op::*, Piece::*, Step::*};
        pub(super) static TABLE: Table = Table {
            infos: &[
                EntryInfo {
                    key: "not_found",
                    variant: "NotFound",
                    code: "not_found",
                    status: Some(404),
                    category: "requests",
                    category_wire: "requests",
                    title: "not_found",
                    retryable: None,
                    doc_url: Some("https://docs.shop.test/errors#not_found"),
                    deprecated: false,
                    kind: Kind::Error,
                    extensions: &[],
                },
                EntryInfo {
                    key: "invalid_field",
                    variant: "InvalidField",
                    code: "invalid_field",
                    status: Some(400),
                    category: "requests",
                    category_wire: "requests",
                    title: "invalid_field",
                    retryable: None,
                    doc_url: Some("https://docs.shop.test/errors#invalid_field"),
                    deprecated: false,
                    kind: Kind::Error,
                    extensions: &[],
                },
                EntryInfo {
                    key: "rate_limited",
                    variant: "RateLimited",
                    code: "rate_limited",
                    status: Some(429),
                    category: "limits",
                    category_wire: "limits",
                    title: "rate_limited",
                    retryable: Some(true),
                    doc_url: Some("https://docs.shop.test/errors#rate_limited"),
                    deprecated: false,
                    kind: Kind::Error,
                    extensions: &[],
                },
                EntryInfo {
                    key: "internal_error",
                    variant: "InternalError",
                    code: "internal_error",
                    status: Some(500),
                    category: "server",
                    category_wire: "server",
                    title: "internal_error",
                    retryable: None,
                    doc_url: Some("https://docs.shop.test/errors#internal_error"),
                    deprecated: false,
                    kind: Kind::Error,
                    extensions: &[],
                },
            ],
            programs: &[
                Program {
                    category: 0,
                    body: &[
                        Raw(
                            r#"{"error":{"code":"not_found","message":"The resource does not exist."}}"#,
                        ),
                    ],
                    message: &[Lit("The resource does not exist.")],
                    display: None,
                    details_value: None,
                    headers: &[
                        ("X-Request-Id", HeaderFrom::Request(PerRequest::RequestId)),
                    ],
                    fields: &[],
                },
                Program {
                    category: 0,
                    body: &[
                        Text(
                            r#"{"error":{"code":"invalid_field","message":"Field `"#,
                            0,
                        ),
                        Text(r"` is invalid: ", 1),
                        Json(r#".","details":{"field":"#, 0),
                        Json(r#","reason":"#, 1),
                        SetComma(true),
                        OptJson(r#""max_length":"#, 2),
                        Raw(r"}}}"),
                    ],
                    message: &[
                        Lit("Field `"),
                        Field(0),
                        Lit("` is invalid: "),
                        Field(1),
                        Lit("."),
                    ],
                    display: None,
                    details_value: None,
                    headers: &[
                        ("X-Request-Id", HeaderFrom::Request(PerRequest::RequestId)),
                    ],
                    fields: &[("field", true), ("reason", true), ("max_length", true)],
                },
                Program {
                    category: 1,
                    body: &[
                        Text(
                            r#"{"error":{"code":"rate_limited","message":"Slow down; retry in "#,
                            0,
                        ),
                        Raw(r#" seconds."}}"#),
                    ],
                    message: &[Lit("Slow down; retry in "), Field(0), Lit(" seconds.")],
                    display: None,
                    details_value: None,
                    headers: &[
                        ("Retry-After", HeaderFrom::Field(0)),
                        ("X-Request-Id", HeaderFrom::Request(PerRequest::RequestId)),
                    ],
                    fields: &[("retry_after", false)],
                },
                Program {
                    category: 2,
                    body: &[
                        Raw(
                            r#"{"error":{"code":"internal_error","message":"Something went wrong on our side."}}"#,
                        ),
                    ],
                    message: &[Lit("Something went wrong on our side.")],
                    display: Some(&[Field(0)]),
                    details_value: None,
                    headers: &[
                        ("X-Request-Id", HeaderFrom::Request(PerRequest::RequestId)),
                    ],
                    fields: &[("message", false)],
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
            decode: DecodePlan {
                code: Some(&[Key("error"), Key("code")]),
                doc_url: None,
                message: Some(&[Key("error"), Key("message")]),
                details: Some(&[Key("error"), Key("details")]),
                category: None,
                merged: None,
            },
            language: "en",
            locales: &[],
        };
    }
    #[allow(
        clippy::too_many_lines,
        clippy::match_same_arms,
        clippy::used_underscore_binding
    )]
    impl ShopError {
        #[inline]
        fn __errcat_index(&self) -> usize {
            match self {
                ShopError::NotFound { .. } => 0,
                ShopError::InvalidField { .. } => 1,
                ShopError::RateLimited { .. } => 2,
                ShopError::InternalError { .. } => 3,
            }
        }
        fn __errcat_values(
            &self,
        ) -> (usize, usize, [::errcat::__private::Value<'_>; 3]) {
            #[inline(always)]
            #[allow(dead_code)]
            fn __errcat_v<T: ::errcat::__private::ToValue + ?Sized>(
                x: &T,
            ) -> ::errcat::__private::Value<'_> {
                x.to_value()
            }
            #[inline(always)]
            #[allow(dead_code)]
            fn __errcat_put<'__a, const N: usize>(
                __errcat_a: &mut [::errcat::__private::Value<'__a>; 3],
                __errcat_v: [::errcat::__private::Value<'__a>; N],
            ) -> usize {
                __errcat_a[..N].copy_from_slice(&__errcat_v);
                N
            }
            #[allow(unreachable_patterns, unused_variables)]
            fn __errcat_values_0<'__a>(
                __errcat_e: &'__a ShopError,
                __errcat_a: &mut [::errcat::__private::Value<'__a>; 3],
            ) -> usize {
                match __errcat_e {
                    ShopError::InvalidField { field, reason, max_length, .. } => {
                        __errcat_put(
                            __errcat_a,
                            [
                                __errcat_v(field),
                                __errcat_v(reason),
                                __errcat_v(max_length),
                            ],
                        )
                    }
                    ShopError::RateLimited { retry_after, .. } => {
                        __errcat_put(__errcat_a, [__errcat_v(retry_after)])
                    }
                    ShopError::InternalError { message, .. } => {
                        __errcat_put(__errcat_a, [__errcat_v(message)])
                    }
                    _ => 0,
                }
            }
            let mut __errcat_a = [::errcat::__private::Value::Absent; 3];
            let __errcat_i = self.__errcat_index();
            #[allow(clippy::erasing_op, clippy::identity_op)]
            let __errcat_n = match __errcat_i / 128 {
                0 => __errcat_values_0(self, &mut __errcat_a),
                _ => 0,
            };
            (__errcat_i, __errcat_n, __errcat_a)
        }
        #[inline]
        fn __errcat_with<'__a, __R>(
            &'__a self,
            __errcat_f: impl ::core::ops::FnOnce(
                usize,
                &[::errcat::__private::Value<'__a>],
            ) -> __R,
        ) -> __R {
            let (__errcat_i, __errcat_n, __errcat_a) = self.__errcat_values();
            __errcat_f(__errcat_i, &__errcat_a[..__errcat_n])
        }
    }
    #[allow(clippy::match_same_arms, clippy::match_single_binding)]
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
    impl ShopError {
        /// The facts about this error's catalogue entry.
        #[must_use]
        pub fn entry(&self) -> &'static ::errcat::EntryInfo {
            &__errcat_table::TABLE.infos[self.__errcat_index()]
        }
        /// Every entry of the catalogue, in declaration order.
        #[must_use]
        pub fn entries() -> &'static [::errcat::EntryInfo] {
            __errcat_table::TABLE.infos
        }
        /// The entry of a wire code: the first entry with the code, else
        /// the fallback of the code's family (the catalogue's
        /// `families`), else `None`. A binary search.
        #[must_use]
        pub fn entry_by_code(
            code: &str,
        ) -> ::core::option::Option<&'static ::errcat::EntryInfo> {
            __errcat_table::TABLE.lookup(code).map(|i| &__errcat_table::TABLE.infos[i])
        }
        /// Every wire code, in declaration order (codes shared by several
        /// entries appear once per entry).
        pub fn codes() -> impl ::core::iter::Iterator<Item = &'static str> {
            __errcat_table::TABLE.infos.iter().map(|e| e.code)
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
            shop_error::Category::ALL[usize::from(
                __errcat_table::TABLE.programs[self.__errcat_index()].category,
            )]
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
            self.__errcat_with(|i, values| __errcat_table::TABLE.to_json(i, values, ctx))
        }
        /// Appends the body to `out`; allocates nothing when `out` has room.
        pub fn write_json(
            &self,
            ctx: &::errcat::RequestContext<'_>,
            out: &mut ::std::vec::Vec<u8>,
        ) {
            self.__errcat_with(|i, values| {
                __errcat_table::TABLE.write_json(i, values, ctx, out)
            });
        }
        /// The response headers this error sets, with per-request values absent.
        #[must_use]
        pub fn headers(&self) -> ::errcat::Headers<'_, 2> {
            self.headers_with(&::errcat::RequestContext::NONE)
        }
        /// The response headers this error sets.
        #[must_use]
        pub fn headers_with<'__a>(
            &'__a self,
            ctx: &::errcat::RequestContext<'__a>,
        ) -> ::errcat::Headers<'__a, 2> {
            self.__errcat_with(|i, values| __errcat_table::TABLE.headers(i, values, ctx))
        }
        /// Decodes an error body (in the catalogue's envelope) back into a
        /// value of this type, for clients of the API. `status` helps tell
        /// apart entries that share a code; pass `None` if unknown.
        ///
        /// Fields the body does not carry (`in_body: false` and absent from
        /// the message) come back empty or zero, and sources as none.
        ///
        /// A code the catalogue does not have (nor a family that takes it in) is `DecodeError::UnknownCode`; declare a catch-all with `unknown = Variant` to keep such errors.
        ///
        /// # Errors
        ///
        /// [`errcat::DecodeError`] when the body is not JSON, lacks the code,
        /// carries an unknown code, or has details of the wrong shape.
        pub fn from_response(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            Self::__errcat_from_response(status.into(), body)
        }
        #[allow(clippy::too_many_lines, clippy::erasing_op, clippy::identity_op)]
        fn __errcat_from_response(
            status: ::core::option::Option<u16>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            fn __errcat_out_of_range() -> ::errcat::DecodeError {
                ::errcat::DecodeError::Malformed {
                    reason: ::std::string::String::from("entry index out of range"),
                }
            }
            #[allow(unused_variables)]
            fn __errcat_decode_0(
                index: usize,
                d: &mut ::errcat::__private::Decoded<'_>,
            ) -> ::core::result::Result<ShopError, ::errcat::DecodeError> {
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
                        _ => return ::core::result::Result::Err(__errcat_out_of_range()),
                    },
                )
            }
            ::errcat::__private::decode(
                &__errcat_table::TABLE,
                status,
                body,
                |index, d| -> ::core::result::Result<Self, ::errcat::DecodeError> {
                    match index / 128usize {
                        0 => __errcat_decode_0(index, d),
                        _ => ::core::result::Result::Err(__errcat_out_of_range()),
                    }
                },
            )
        }
        /** Attaches the underlying error, for logs and `Error::source`; it is never sent.

 Variants that carry a source: `InternalError`. Other variants are returned unchanged.*/
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
        /// The error of a wire code, for a gateway or a driver that starts from a code: the entry [`Self::entry_by_code`] finds, if its variant needs no values (no details, or only optional ones, left `None`).
        #[must_use]
        #[allow(
            clippy::too_many_lines,
            clippy::match_same_arms,
            clippy::match_single_binding
        )]
        pub fn from_code(code: &str) -> ::core::option::Option<Self> {
            match __errcat_table::TABLE.lookup(code)? {
                0 => ::core::option::Option::Some(ShopError::NotFound),
                _ => ::core::option::Option::None,
            }
        }
    }
    impl ::core::fmt::Display for ShopError {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            self.__errcat_with(|i, values| {
                __errcat_table::TABLE.fmt_message(i, values, f)
            })
        }
    }
    impl ::errcat::CatalogError for ShopError {
        const CONTENT_TYPE: &'static str = "application/json";
        fn entries() -> &'static [::errcat::EntryInfo] {
            __errcat_table::TABLE.infos
        }
        fn entry(&self) -> &'static ::errcat::EntryInfo {
            ShopError::entry(self)
        }
        fn code(&self) -> &str {
            ShopError::code(self)
        }
        fn details(
            &self,
        ) -> ::core::option::Option<::errcat::__private::serde_json::Value> {
            ::errcat::__private::details_of(
                &__errcat_table::TABLE,
                &ShopError::to_json(self),
            )
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
        fn headers_with<'__a>(
            &'__a self,
            ctx: &::errcat::RequestContext<'__a>,
        ) -> impl ::core::iter::Iterator<
            Item = (&'static str, ::errcat::HeaderValue<'__a>),
        > {
            ShopError::headers_with(self, ctx)
        }
        fn to_json_with(
            &self,
            ctx: &::errcat::RequestContext<'_>,
        ) -> ::std::vec::Vec<u8> {
            ShopError::to_json_with(self, ctx)
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
            Self::__errcat_from_response(status, body)
        }
    }
};
const _: () = {
    const _: &[u8] = ::core::include_bytes!(
        ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), "/shop.yaml")
    );
};
