//! # errcat
//!
//! Typed Rust errors generated from one YAML error catalogue. The same
//! catalogue produces the reference pages and the OpenAPI schemas (with
//! `cargo run -p codegen`), so the service, its docs and its clients agree.
//!
//! ```ignore
//! #[errcat::catalog("errors.yaml")] // relative to Cargo.toml
//! #[derive(Clone, PartialEq)]
//! pub enum ApiError {}
//!
//! let e = ApiError::RateLimited { limit: 600, window: api_error::RateLimitedWindow::Minute, retry_after: 17 };
//! assert_eq!(e.code(), "rate_limited");
//! assert_eq!(e.status(), Some(429));
//! let body: Vec<u8> = e.to_json(); // exactly the catalogue's envelope
//! ```
//!
//! See the README for the catalogue format, the generated API, and the
//! derive for hand-written enums.
//!
//! ## Features
//!
//! - `http`: `status_code()` returning `http::StatusCode`.
//! - `axum`: `IntoResponse` for every generated type, and
//!   `axum::WithContext` to add per-request values.
//! - `utoipa`: `ToSchema` and `IntoResponses` for types generated with the
//!   `openapi` argument (see the `utoipa` module).
//! - `aide`: `OperationOutput` for types generated with the `openapi`
//!   argument (see the `aide` module).
//! - `serde`: `Serialize` for every generated type: the body, as the
//!   envelope writes it.
//! - `tracing`: `CatalogError::trace`, one event with the error's code,
//!   status, category and details as fields.
//! - `reqwest`: decoding responses into `Result<T, ClientError<ApiError>>`
//!   (see the `reqwest` module).

mod body_walk;
mod decode;
mod decode_table;
mod error_source;
mod from_wire;
mod headers;
mod info;
mod language;
mod message_match;
#[cfg(feature = "serde")]
mod ordered_body;
mod received;
mod request;
mod traits;
mod unknown;
pub mod wire;

#[cfg(feature = "aide")]
pub mod aide;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tracing")]
pub mod tracing;
#[cfg(feature = "utoipa")]
pub mod utoipa;

pub use decode::DecodeError;
#[cfg(feature = "macros")]
pub use errcat_macros::{Error, catalog};
pub use error_source::Source;
pub use headers::{HeaderValue, Headers};
pub use info::{CategoryInfo, EntryInfo, Example, Kind};
pub use language::negotiate_language;
pub use received::Received;
pub use request::RequestContext;
pub use traits::{CatalogError, FromResponse};
pub use unknown::UnknownError;

/// Items used by generated code. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::{Decoded, Response, decode};
    pub use crate::from_wire::{FromWire, member};
    #[cfg(feature = "serde")]
    pub use crate::ordered_body::OrderedBody;
    pub use crate::unknown::details_of;
    pub use crate::wire::{WireValue, Writer, display, to_vec, write_escaped, write_str};
    /// The static table decoding reads (see the `decode_table` module).
    pub mod table {
        pub use crate::decode_table::{
            DecodeTable, EntryWire, Family, Paths, Piece, Removed, Step,
        };
        pub use crate::info::{EntryInfo, Kind};
    }
    #[cfg(feature = "aide")]
    pub use aide;
    #[cfg(feature = "http")]
    pub use http;
    #[cfg(feature = "serde")]
    pub use serde_core as serde;
    pub use serde_json;
    #[cfg(feature = "utoipa")]
    pub use utoipa;
    #[cfg(feature = "axum")]
    pub use {crate::axum::response as axum_response, axum_core};
}

/// Implements `IntoResponse` for a generated type when the `axum` feature
/// is on; expands to nothing otherwise. Used by generated code.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ($ty:ty) => {
        impl ::errcat::__private::axum_core::response::IntoResponse for $ty {
            fn into_response(self) -> ::errcat::__private::axum_core::response::Response {
                ::errcat::__private::axum_response(&self, &::errcat::RequestContext::NONE)
            }
        }
    };
}

/// Implements `IntoResponse` for a generated type when the `axum` feature
/// is on; expands to nothing otherwise. Used by generated code.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ($ty:ty) => {};
}

/// Implements `serde::Serialize` (the body, as JSON) for a generated type
/// when the `serde` feature is on; expands to nothing otherwise. Used by
/// generated code.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {
        impl ::errcat::__private::serde::Serialize for $ty {
            fn serialize<S: ::errcat::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::errcat::__private::serde::Serialize::serialize(
                    &::errcat::__private::OrderedBody::parse(&self.to_json()),
                    serializer,
                )
            }
        }
    };
}

/// Without the `serde` feature, generated code's call expands to nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {};
}

/// Without the `utoipa` feature, generated code's call expands to nothing.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($ty:ty, $name:expr, $components:expr) => {};
}

/// Without the `aide` feature, generated code's call expands to nothing.
#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ($ty:ty, $components:expr) => {};
}

/// Adds `status_code()` to a generated type when the `http` feature is on;
/// expands to nothing otherwise. Used by generated code.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ($ty:ty) => {
        impl $ty {
            /// The HTTP status as an `http::StatusCode`.
            #[must_use]
            pub fn status_code(
                &self,
            ) -> ::core::option::Option<::errcat::__private::http::StatusCode> {
                self.status()
                    .and_then(|s| ::errcat::__private::http::StatusCode::from_u16(s).ok())
            }
        }
    };
}

/// Adds `status_code()` to a generated type when the `http` feature is on;
/// expands to nothing otherwise. Used by generated code.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_http {
    ($ty:ty) => {};
}
