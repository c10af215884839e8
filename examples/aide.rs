//! errcat errors in a document built by aide:
//! `cargo run --example aide --features axum,aide`. It prints the
//! document, which `.ci/run` checks with openapi-spec-validator; the aide
//! section of docs/reference-and-openapi.md is this file.

use aide::axum::ApiRouter;
use aide::axum::routing::get;
use aide::openapi::OpenApi;
use axum::Json;
use axum::extract::Path;

/// The errors of the README's catalogue, and those `get_quote` returns.
#[errcat::catalog("errors.yaml", openapi, operation(GetQuoteError = [RateLimited]))]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

/// The path of a quote: aide documents `id` from this type's schema.
#[derive(serde::Deserialize, schemars::JsonSchema)]
struct QuotePath {
    /// The quote's id.
    id: String,
}

async fn get_quote(Path(QuotePath { id }): Path<QuotePath>) -> Result<Json<String>, GetQuoteError> {
    if id.is_empty() {
        return Err(GetQuoteError::RateLimited { retry_after: 17 });
    }
    Ok(Json(format!("quote {id}")))
}

fn main() {
    let mut api = OpenApi::default();
    let _app: axum::Router = ApiRouter::new()
        .api_route("/v1/quotes/{id}", get(get_quote))
        .finish_api(&mut api);

    let doc = serde_json::to_value(&api).unwrap();
    let too_many = &doc["paths"]["/v1/quotes/{id}"]["get"]["responses"]["429"];
    assert_eq!(
        too_many["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    assert!(doc["components"]["schemas"]["ShopRateLimitedDetails"].is_object());
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
