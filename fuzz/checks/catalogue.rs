//! What must hold for any catalogue text: loading never panics and every
//! diagnostic renders; a catalogue that loads renders its pages and OpenAPI
//! without panicking, and the OpenAPI is valid JSON.
//!
//! Shared, through `#[path]`, by the cargo-fuzz targets `load` and `render`
//! and by `codegen/tests/fuzz_regressions.rs`, which replays every input
//! that ever failed.

/// Loads `data` as a catalogue and, when it loads, renders everything.
pub fn check(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match errcat_catalog::load_str("fuzz.yaml", &text) {
        Ok(loaded) => {
            let _ = loaded.render_warnings();
            render(&loaded.catalog);
        }
        Err(err) => {
            let _ = err.render();
        }
    }
}

/// Renders a catalogue that loaded: the pages, and the OpenAPI in both
/// versions, which must serialise to JSON that parses back.
pub fn render(catalog: &std::sync::Arc<errcat_catalog::Catalog>) {
    let env = errcat_render::markdown::environment(None).expect("the embedded templates load");
    let pages =
        errcat_render::markdown::render(&env, catalog, "fuzz", "../book").expect("pages render");
    assert!(!pages.is_empty(), "no pages");
    for version in [
        errcat_render::openapi_document::Version::V3_1,
        errcat_render::openapi_document::Version::V3_0,
    ] {
        let doc = errcat_render::openapi_document::document(catalog, version);
        let json = errcat_render::openapi_files::to_json(&doc);
        let back: serde_json::Value = serde_json::from_str(&json).expect("the OpenAPI is JSON");
        assert_eq!(back, doc, "the JSON reads back as the document");
        errcat_render::openapi_files::to_yaml(&doc, "fuzz").expect("the OpenAPI is YAML");
    }
}
