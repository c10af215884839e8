//! The generated error type used where utoipa and aide expect a response
//! type: the documents they build carry the catalogue's responses and
//! every errcat schema those refer to, with no glue but naming `ApiError`.

use reference_service::{ApiDoc, ApiError, GetSessionError};
use serde_json::Value;

/// The whole document through openapi-spec-validator (from
/// `ERRCAT_OPENAPI_VALIDATOR`, `.tools/venv`, where `.ci/run` installs it,
/// or `PATH`): a reference loop or an unresolved `$ref` fails here.
fn validate(doc: &Value, name: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tool = std::env::var_os("ERRCAT_OPENAPI_VALIDATOR")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            Some(root.join(".tools/venv/bin/openapi-spec-validator")).filter(|p| p.is_file())
        })
        .unwrap_or_else(|| "openapi-spec-validator".into());
    let file = std::env::temp_dir().join(format!("errcat-{name}-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    let out = std::process::Command::new(&tool)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); `.ci/run` installs it", tool.display()));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && text.contains(": OK"),
        "{name}: {text}"
    );
    let _ = std::fs::remove_file(&file);
}

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
    // Exactly the errors of the operation: its statuses and no other.
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(
        statuses,
        ["200", "400", "401", "404", "408", "429"],
        "{responses}"
    );
    let report = &doc["paths"]["/v1/reports/{report_id}"]["get"]["responses"];
    assert!(
        report["500"].is_object() && report["404"].is_null(),
        "{report}"
    );
    // The envelope schema is the envelope, not a reference to itself.
    let parameters = &doc["paths"]["/v1/sessions/{session_id}"]["get"]["parameters"];
    assert!(
        parameters.to_string().contains("\"x-api-key\""),
        "{parameters}"
    );
    let envelope = &doc["components"]["schemas"]["ReferenceServiceError"];
    assert_eq!(envelope["type"], "object", "{envelope}");
    validate(&doc, "utoipa");
    // Every error status has one body schema, the operation's: one of its
    // errors, or an error of a code added later (the last member).
    let body = &responses["404"]["content"]["application/json"]["schema"];
    assert_eq!(body["title"], "GetSessionError", "{body}");
    let members: Vec<&str> = body["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["$ref"].as_str().unwrap())
        .collect();
    assert_eq!(
        members,
        [
            "#/components/schemas/ReferenceServiceError_invalid_parameters",
            "#/components/schemas/ReferenceServiceError_invalid_api_key",
            "#/components/schemas/ReferenceServiceError_session_not_found",
            "#/components/schemas/ReferenceServiceError_rate_limit_exceeded",
            "#/components/schemas/ReferenceServiceError_request_timeout",
            "#/components/schemas/ReferenceServiceUnlistedError",
        ]
    );
    for status in ["400", "401", "408", "429"] {
        assert_eq!(
            &responses[status]["content"]["application/json"]["schema"], body,
            "{status}"
        );
    }
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
    // Its schemas are those codegen writes; its responses are the type's
    // (every status with the type's union), named as codegen names them.
    let written: Value = serde_json::from_str(include_str!(
        "../../../generated-docs/reference-service/openapi.json"
    ))
    .unwrap();
    assert_eq!(components["schemas"], written["components"]["schemas"]);
    let names = |c: &Value| {
        c["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&components), names(&written["components"]));
}

#[test]
fn aide_documents_a_handler_that_returns_the_error_type() {
    use aide::axum::ApiRouter;
    use aide::axum::routing::get;

    /// The path's parameters, which aide documents from their schema.
    #[derive(serde::Deserialize, schemars::JsonSchema)]
    struct SessionPath {
        session_id: String,
    }

    async fn handler(
        axum::extract::Path(path): axum::extract::Path<SessionPath>,
    ) -> Result<axum::Json<Value>, GetSessionError> {
        Err(GetSessionError::SessionNotFound {
            session_id: path.session_id,
        })
    }
    let mut api = aide::openapi::OpenApi::default();
    api.info.title = "Reference service".into();
    api.info.version = "1.0.0".into();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/v1/sessions/{session_id}", get(handler))
        .finish_api(&mut api);
    let doc = serde_json::to_value(&api).unwrap();
    let operation = &doc["paths"]["/v1/sessions/{session_id}"]["get"];
    let statuses: Vec<&String> = operation["responses"].as_object().unwrap().keys().collect();
    assert_eq!(
        statuses,
        ["200", "400", "401", "404", "408", "429"],
        "{operation}"
    );
    // The request header its errors are about is a parameter.
    let names: Vec<&Value> = operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["name"])
        .collect();
    assert!(names.contains(&&Value::from("x-api-key")), "{operation}");
    assert!(
        doc["components"]["schemas"]["ReferenceServiceError_session_not_found"].is_object(),
        "the errcat schemas join the components"
    );
    assert_eq!(unresolved_refs(&doc), Vec::<String>::new());
    validate(&doc, "aide");
}
