//! Every generated OpenAPI 3.1 document loads into the models of the two
//! Rust OpenAPI libraries, utoipa's `OpenApi` and aide's, and serialises
//! back to the same document, member by member: nothing is dropped or
//! changed on the way. Two differences are allowed: aide fills in a
//! header's `style`, whose default is `simple`; utoipa's `Components` has no
//! `parameters` (utoipa 5 declares parameters on operations only), so the
//! request headers' parameter components are not part of its model.
//!
//! Both models are of OpenAPI 3.1 only: their `openapi` field accepts
//! `3.1.0` alone, so the 3.0.3 documents are for other tools.

use errcat_render::openapi_document::{self as openapi, Version};
use serde_json::Value;
use std::path::Path;

fn catalogues() -> Vec<std::sync::Arc<errcat_catalog::Catalog>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = codegen::project::Project::read(&root.join("errcat.toml"))
        .unwrap()
        .catalogue_files()
        .unwrap();
    assert!(files.len() >= 10, "{} catalogues", files.len());
    files
        .iter()
        .map(|f| {
            errcat_catalog::load(f)
                .expect("a repository catalogue loads")
                .catalog
        })
        .collect()
}

/// The first member where `a` and `b` differ, as a JSON pointer.
fn first_difference(at: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find_map(|(k, v)| match y.get(k) {
                Some(w) => first_difference(&format!("{at}/{k}"), v, w),
                None => Some(format!("{at}/{k} lost")),
            })
            .or_else(|| {
                y.keys()
                    .find(|k| !x.contains_key(*k))
                    .map(|k| format!("{at}/{k} added"))
            }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(&format!("{at}/{i}"), v, w)),
        _ if a != b => Some(format!("{at} changed: {a} -> {b}")),
        _ => None,
    }
}

/// Removes `style: simple` from every header object under responses.
fn without_default_header_style(mut doc: Value) -> Value {
    if let Some(responses) = doc
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for response in responses.values_mut() {
            if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
                for header in headers.values_mut() {
                    if let Some(h) = header.as_object_mut()
                        && h.get("style") == Some(&Value::from("simple"))
                    {
                        h.remove("style");
                    }
                }
            }
        }
    }
    doc
}

#[test]
fn every_document_round_trips_through_utoipa_and_aide() {
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_1);
        let name = &catalog.name;

        let utoipa: utoipa::openapi::OpenApi = serde_json::from_value(doc.clone())
            .unwrap_or_else(|e| panic!("utoipa cannot load {name}: {e}"));
        let back = serde_json::to_value(&utoipa).unwrap();
        let mut expected = doc.clone();
        if let Some(components) = expected["components"].as_object_mut() {
            components.remove("parameters");
        }
        assert_eq!(
            first_difference("", &expected, &back),
            None,
            "utoipa, {name}"
        );

        // aide borrows its `openapi` field from the text: read from text.
        let text = doc.to_string();
        let aide: aide::openapi::OpenApi =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("aide cannot load {name}: {e}"));
        let back = without_default_header_style(serde_json::to_value(&aide).unwrap());
        assert_eq!(first_difference("", &doc, &back), None, "aide, {name}");
    }
}

#[test]
fn the_3_0_documents_are_refused_for_their_version_only() {
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_0);
        let Err(err) = serde_json::from_value::<utoipa::openapi::OpenApi>(doc.clone()) else {
            panic!("utoipa loaded a 3.0.3 document")
        };
        assert!(err.to_string().contains("3.0.3"), "{err}");
        let text = doc.to_string();
        let Err(err) = serde_json::from_str::<aide::openapi::OpenApi>(&text) else {
            panic!("aide loaded a 3.0.3 document")
        };
        assert!(err.to_string().contains("3.1.0"), "{err}");
    }
}
