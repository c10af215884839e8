//! The generated error type used where utoipa and aide expect a response
//! type: the documents they build carry the catalogue's responses and
//! every errcat schema those refer to, with no glue but naming `ApiError`.

use reference_service::{ApiDoc, ApiError};
use serde_json::Value;

/// Every `$ref` of the document, which must all resolve inside it.
fn unresolved_refs(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, refs: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    refs.push(r.clone());
                }
                map.values().for_each(|v| walk(v, refs));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, refs)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    walk(doc, &mut refs);
    refs.into_iter()
        .filter(|r| {
            r.strip_prefix('#')
                .is_none_or(|pointer| doc.pointer(pointer).is_none())
        })
        .collect()
}

#[test]
fn utoipa_documents_the_handlers_errors_from_the_catalogue() {
    let doc = serde_json::to_value(<ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    let responses = &doc["paths"]["/v1/sessions/{session_id}"]["get"]["responses"];
    for status in ["200", "400", "401", "404", "405", "413", "429", "500"] {
        assert!(responses[status].is_object(), "no {status}: {responses}");
    }
    let body = &responses["404"]["content"]["application/json"]["schema"];
    assert_eq!(
        body["anyOf"][1]["$ref"], "#/components/schemas/ReferenceServiceError",
        "a code added later fits"
    );
    assert_eq!(
        doc["components"]["schemas"]["ReferenceServiceError_session_not_found"]["properties"]["error"]
            ["$ref"],
        "#/components/schemas/ReferenceServiceSessionNotFoundError"
    );
    assert!(responses["429"]["headers"]["Retry-After"].is_object());
    assert_eq!(unresolved_refs(&doc), Vec::<String>::new());
    // The same components as the runtime gives, and codegen writes.
    let components = ApiError::openapi_components();
    let schemas = components["schemas"].as_object().unwrap();
    assert!(schemas.len() > 10);
    for name in schemas.keys() {
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{name} missing"
        );
    }
    let written: Value = serde_json::from_str(include_str!(
        "../../../generated-docs/reference-service/openapi.json"
    ))
    .unwrap();
    assert_eq!(components, written["components"]);
}

#[test]
fn aide_documents_a_handler_that_returns_the_error_type() {
    use aide::axum::ApiRouter;
    use aide::axum::routing::get;

    async fn handler() -> Result<axum::Json<Value>, ApiError> {
        Err(ApiError::SessionNotFound {
            session_id: "s".into(),
        })
    }
    let mut api = aide::openapi::OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/v1/sessions/{session_id}", get(handler))
        .finish_api(&mut api);
    let doc = serde_json::to_value(&api).unwrap();
    let responses = &doc["paths"]["/v1/sessions/{session_id}"]["get"]["responses"];
    for status in ["400", "401", "404", "405", "413", "429", "500"] {
        assert!(responses[status].is_object(), "no {status}: {responses}");
    }
    assert!(
        doc["components"]["schemas"]["ReferenceServiceError_session_not_found"].is_object(),
        "the errcat schemas join the components"
    );
    assert_eq!(unresolved_refs(&doc), Vec::<String>::new());
}
