//! errcat errors in a document built by aide:
//! `cargo run --example aide --features axum,aide`. It prints the
//! document; the README's aide section is this file.

use aide::axum::ApiRouter;
use aide::axum::routing::get;
use aide::openapi::OpenApi;
use axum::Json;
use axum::extract::Path;

/// The errors of the README's catalogue.
#[errcat::catalog("errors.yaml", openapi)]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

async fn get_quote(Path(id): Path<String>) -> Result<Json<String>, ApiError> {
    if id.is_empty() {
        return Err(ApiError::RateLimited { retry_after: 17 });
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
