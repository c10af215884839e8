//! errcat errors in a document built by utoipa:
//! `cargo run --example utoipa --features axum,utoipa`. It prints the
//! document, which `.ci/run` checks with openapi-spec-validator; the
//! utoipa section of docs/reference-and-openapi.md is this file.

use axum::Json;
use axum::extract::Path;
use utoipa::OpenApi;

/// The errors of the README's catalogue, and those `get_quote` returns.
#[errcat::catalog("errors.yaml", openapi, operation(GetQuoteError = [RateLimited]))]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

/// Reads a quote.
#[utoipa::path(get, path = "/v1/quotes/{id}",
    params(("id" = String, Path, description = "The quote's id"), GetQuoteError),
    responses((status = 200, body = String), GetQuoteError))]
async fn get_quote(Path(id): Path<String>) -> Result<Json<String>, GetQuoteError> {
    if id.is_empty() {
        return Err(GetQuoteError::RateLimited { retry_after: 17 });
    }
    Ok(Json(format!("quote {id}")))
}

#[derive(OpenApi)]
#[openapi(paths(get_quote), components(schemas(ApiError)))]
struct ApiDoc;

fn main() {
    let _app: axum::Router =
        axum::Router::new().route("/v1/quotes/{id}", axum::routing::get(get_quote));

    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let too_many = &doc["paths"]["/v1/quotes/{id}"]["get"]["responses"]["429"];
    assert_eq!(
        too_many["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    assert!(doc["components"]["schemas"]["ShopRateLimitedDetails"].is_object());
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
