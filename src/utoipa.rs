//! utoipa integration (feature `utoipa`).
//!
//! A type generated with `#[errcat::catalog("errors.yaml", openapi)]`
//! implements `utoipa::ToSchema` (its schema is the envelope of any error,
//! and registering it registers every errcat component) and
//! `utoipa::IntoResponses` (one response per status of the catalogue,
//! whose body is that status's documented errors or, for a code added
//! later, any error), and `utoipa::IntoParams` (the request headers the
//! errors are about, such as `Authorization`). A handler documents its
//! errors with `responses(..., ApiError)` and `params(ApiError)`, and the
//! document with `components(schemas(ApiError))`. An operation's own
//! enum (`operation(GetSession = [...])`) documents only its errors:
//!
//! ```ignore
//! #[utoipa::path(get, path = "/v1/sessions/{id}",
//!     params(("id" = String, Path), GetSessionError),
//!     responses((status = 200, body = Session), GetSessionError))]
//! async fn get_session(Path(id): Path<String>) -> Result<Json<Session>, GetSessionError> { ... }
//!
//! #[derive(utoipa::OpenApi)]
//! #[openapi(paths(get_session), components(schemas(ApiError)))]
//! struct ApiDoc;
//! ```
//!
//! The components are the same as those the `errcat` command writes to
//! `openapi.json`, compiled into the type by the macro.

use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::Schema;

fn components(json: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Adds the components' schemas to `out`, as `ToSchema::schemas` does.
/// Generated code calls this.
pub fn schemas(json: &str, out: &mut Vec<(String, RefOr<Schema>)>) {
    let components = components(json);
    let Some(serde_json::Value::Object(schemas)) = components.get("schemas") else {
        return;
    };
    for (name, schema) in schemas {
        if let Ok(schema) = serde_json::from_value(schema.clone()) {
            out.push((name.clone(), schema));
        }
    }
}

/// The schema called `name` among the components' schemas: the envelope
/// of any error, which `ToSchema` registers under the type's name. (A
/// reference to `name` there would be a schema that refers to itself.)
/// Generated code calls this.
#[must_use]
pub fn schema(json: &str, name: &str) -> RefOr<Schema> {
    let components = components(json);
    components
        .get("schemas")
        .and_then(|s| s.get(name))
        .and_then(|s| serde_json::from_value(s.clone()).ok())
        .unwrap_or_else(|| RefOr::T(Schema::default()))
}

/// The request headers the errors are about, as operation parameters
/// (`IntoParams::into_params`). Generated code calls this.
#[must_use]
pub fn parameters(json: &str) -> Vec<utoipa::openapi::path::Parameter> {
    let components = components(json);
    let Some(serde_json::Value::Object(parameters)) = components.get("parameters") else {
        return Vec::new();
    };
    parameters
        .values()
        .filter_map(|p| {
            // utoipa's model has no `example` on a parameter's top level.
            let mut p = p.clone();
            if let Some(example) = p.as_object_mut().and_then(|o| o.remove("example"))
                && let Some(schema) = p.get_mut("schema").and_then(|s| s.as_object_mut())
            {
                schema.insert("examples".into(), serde_json::Value::Array(vec![example]));
            }
            serde_json::from_value(p).ok()
        })
        .collect()
}

/// The components' responses by status, as `IntoResponses::responses`
/// gives them. Generated code calls this.
#[must_use]
pub fn responses(json: &str) -> BTreeMap<String, RefOr<Response>> {
    let components = components(json);
    let Some(serde_json::Value::Object(responses)) = components.get("responses") else {
        return BTreeMap::new();
    };
    responses
        .iter()
        .filter_map(|(name, response)| {
            let status = name.rsplit('_').next()?.to_owned();
            Some((status, serde_json::from_value(response.clone()).ok()?))
        })
        .collect()
}

/// Implements utoipa's traits for a generated type. Used by generated code.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($ty:ty, $name:expr, $components:expr) => {
        impl ::errcat::__private::utoipa::PartialSchema for $ty {
            fn schema() -> ::errcat::__private::utoipa::openapi::RefOr<
                ::errcat::__private::utoipa::openapi::schema::Schema,
            > {
                ::errcat::utoipa::schema($components, $name)
            }
        }
        impl ::errcat::__private::utoipa::ToSchema for $ty {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed($name)
            }
            fn schemas(
                schemas: &mut ::std::vec::Vec<(
                    ::std::string::String,
                    ::errcat::__private::utoipa::openapi::RefOr<
                        ::errcat::__private::utoipa::openapi::schema::Schema,
                    >,
                )>,
            ) {
                ::errcat::utoipa::schemas($components, schemas);
            }
        }
        impl ::errcat::__private::utoipa::IntoParams for $ty {
            fn into_params(
                _: impl Fn() -> ::core::option::Option<
                    ::errcat::__private::utoipa::openapi::path::ParameterIn,
                >,
            ) -> ::std::vec::Vec<::errcat::__private::utoipa::openapi::path::Parameter> {
                ::errcat::utoipa::parameters($components)
            }
        }
        impl ::errcat::__private::utoipa::IntoResponses for $ty {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                ::errcat::__private::utoipa::openapi::RefOr<
                    ::errcat::__private::utoipa::openapi::response::Response,
                >,
            > {
                ::errcat::utoipa::responses($components)
            }
        }
    };
}
