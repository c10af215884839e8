//! aide integration (feature `aide`).
//!
//! A type generated with `#[errcat::catalog("errors.yaml", openapi)]`
//! implements `aide::OperationOutput`: a handler of an `aide` router that
//! returns `Result<_, ApiError>` documents one response per status of the
//! catalogue, whose body is that status's documented errors or, for a code
//! added later, any error, and the errcat schemas join the document's
//! components when the router finishes the API (`finish_api`).
//!
//! The components are the same as those the `errcat` command writes to
//! `openapi.json`, compiled into the type by the macro.

use aide::generate::GenContext;
use aide::openapi::Response;

/// The responses of a generated type, by status, with its schemas added to
/// the generator's definitions (which `finish_api` moves into the
/// document's components). Generated code calls this.
pub fn inferred_responses(
    json: &str,
    ctx: &mut GenContext,
    operation: &mut aide::openapi::Operation,
) -> Vec<(Option<u16>, Response)> {
    let Ok(serde_json::Value::Object(components)) = serde_json::from_str(json) else {
        return Vec::new();
    };
    if let Some(serde_json::Value::Object(schemas)) = components.get("schemas") {
        let definitions = ctx.schema.definitions_mut();
        for (name, schema) in schemas {
            definitions.insert(name.clone(), schema.clone());
        }
    }
    // The request headers the errors are about, as the operation's
    // parameters (once each).
    if let Some(serde_json::Value::Object(parameters)) = components.get("parameters") {
        for parameter in parameters.values() {
            let text = parameter.to_string();
            let Ok(parameter) = serde_json::from_str::<aide::openapi::Parameter>(&text) else {
                continue;
            };
            let name = parameter.parameter_data_ref().name.clone();
            let present = operation.parameters.iter().any(|p| {
                matches!(p, aide::openapi::ReferenceOr::Item(q) if q.parameter_data_ref().name == name)
            });
            if !present {
                operation
                    .parameters
                    .push(aide::openapi::ReferenceOr::Item(parameter));
            }
        }
    }
    let Some(serde_json::Value::Object(responses)) = components.get("responses") else {
        return Vec::new();
    };
    responses
        .iter()
        .filter_map(|(name, response)| {
            let status = name.rsplit('_').next()?.parse().ok()?;
            // aide's types borrow from the text they are read from.
            let text = response.to_string();
            let response: Response = serde_json::from_str(&text).ok()?;
            Some((Some(status), response))
        })
        .collect()
}

/// Implements aide's `OperationOutput` for a generated type. Used by
/// generated code.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ($ty:ty, $components:expr) => {
        impl ::errcat::__private::aide::OperationOutput for $ty {
            type Inner = Self;
            fn inferred_responses(
                ctx: &mut ::errcat::__private::aide::generate::GenContext,
                operation: &mut ::errcat::__private::aide::openapi::Operation,
            ) -> ::std::vec::Vec<(
                ::core::option::Option<u16>,
                ::errcat::__private::aide::openapi::Response,
            )> {
                ::errcat::aide::inferred_responses($components, ctx, operation)
            }
        }
    };
}
