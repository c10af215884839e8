//! errcat errors in a document built by utoipa:
//! `cargo run --example utoipa --features axum,utoipa`. It prints the
//! document; the README's utoipa section is this file.

use axum::Json;
use axum::extract::Path;
use utoipa::OpenApi;

/// The errors of the README's catalogue.
#[errcat::catalog("errors.yaml", openapi)]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

/// Reads a quote.
#[utoipa::path(get, path = "/v1/quotes/{id}",
    responses((status = 200, body = String), ApiError))]
async fn get_quote(Path(id): Path<String>) -> Result<Json<String>, ApiError> {
    if id.is_empty() {
        return Err(ApiError::RateLimited { retry_after: 17 });
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
