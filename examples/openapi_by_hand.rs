//! errcat's components in a document assembled by hand:
//! `cargo run --example openapi_by_hand`. It prints the document; the
//! README's section on hand-assembled documents is this file.

use serde_json::json;

/// The errors of the README's catalogue.
#[errcat::catalog("errors.yaml", openapi)]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

fn main() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "Quotes", "version": "1.0.0" },
        "paths": {
            "/v1/quotes/{id}": { "get": { "responses": {
                "200": { "description": "The quote." },
                "429": { "$ref": "#/components/responses/ShopError_429" }
            } } }
        }
    });
    doc["components"] = ApiError::openapi_components();

    assert!(doc.pointer("/components/responses/ShopError_429").is_some());
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
