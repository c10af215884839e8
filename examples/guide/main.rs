//! The examples of docs/guide.md, as a program:
//! `cargo run --example guide --features axum`. The catalogue is
//! `errors.yaml` beside this file; `tests/doc_snippets.rs` checks that
//! every Rust block of the guide is here, word for word.

use axum::Json;
use axum::extract::Path;

/// The errors of the guide's catalogue.
#[errcat::catalog("errors.yaml")]
#[derive(Clone, PartialEq)] // your attributes are kept
#[non_exhaustive]
pub enum ApiError {}

/// A session, as the handler returns it.
#[derive(serde::Serialize)]
pub struct Session {
    id: String,
}

fn find_session(id: &str) -> Option<Session> {
    (id == "sess_1").then(|| Session { id: id.to_owned() })
}

async fn get_session(Path(id): Path<String>) -> Result<Json<Session>, ApiError> {
    let session = find_session(&id).ok_or(ApiError::SessionNotFound { session_id: id })?;
    Ok(Json(session))
}

/// The same catalogue, with a hand-written enum.
mod hand_written {
    #[derive(Debug, errcat::Error)]
    #[errcat(catalog = "errors.yaml")]
    pub enum ApiError {
        RateLimited {
            retry_after: u32,
        }, // matched by name: `rate_limited`
        #[errcat(entry = "internal_error")]
        Json(#[from] serde_json::Error), // the source, never sent
        #[errcat(entry = "internal_error")]
        Storage {
            component: Option<String>,
            #[source]
            cause: std::io::Error,
        },
    }
}

fn main() {
    let _app: axum::Router =
        axum::Router::new().route("/v1/sessions/{id}", axum::routing::get(get_session));

    let e = ApiError::SessionNotFound {
        session_id: "sess_9".into(),
    };
    let ctx = errcat::RequestContext::new()
        .request_id("req_42")
        .timestamp("2026-11-01T12:00:00Z");
    let body = e.to_json_with(&ctx);
    assert_eq!(
        body,
        br#"{"error":{"code":"session_not_found","message":"Session 'sess_9' does not exist.","details":{"session_id":"sess_9"}}}"#
    );

    let io_error = std::io::Error::other("disk full");
    let e = ApiError::InternalError {
        component: Some("db".into()),
        source: errcat::Source::none(),
    }
    .with_source(io_error);
    let logged = format!("{e} (cause: {})", std::error::Error::source(&e).unwrap());
    assert_eq!(
        logged,
        "Something went wrong on our side. (cause: disk full)"
    );
    assert!(!String::from_utf8_lossy(&e.to_json()).contains("disk full"));

    let e: hand_written::ApiError = serde_json::from_str::<u8>("x").unwrap_err().into();
    assert_eq!(errcat::CatalogError::code(&e), "internal_error");
    let e = hand_written::ApiError::Storage {
        component: Some("disk".into()),
        cause: std::io::Error::other("full"),
    };
    assert_eq!(errcat::CatalogError::status(&e), Some(500));
    let e = hand_written::ApiError::RateLimited { retry_after: 3 };
    assert_eq!(e.to_string(), "Slow down; retry in 3 seconds.");
    println!("the guide's examples ran");
}
