// A catalogue with one placeholder typo, used by code that constructs
// every variant and returns them from an axum handler: the user sees the
// catalogue's diagnostic and nothing else.
use axum::routing::get;
use axum::{Json, Router};

#[errcat::catalog("one_typo.yaml")]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

async fn order(id: String) -> Result<Json<String>, ApiError> {
    match id.as_str() {
        "missing" => Err(ApiError::NotFound),
        "busy" => Err(ApiError::RateLimited { retry_after: 3 }),
        "bad" => Err(ApiError::InvalidField { field: "email".into() }),
        _ => Ok(Json(id)),
    }
}

fn describe(e: &ApiError) -> String {
    format!("{} {:?} {e}", e.code(), e.status())
}

fn main() {
    let _app: Router = Router::new().route("/orders", get(|| order("busy".into())));
    let _ = describe(&ApiError::NotFound);
}
