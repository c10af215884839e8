//! The client against the reference service on loopback: every outcome
//! by variant, a newer service with an error this client does not know,
//! and a proxy's HTML 502.

use errcat::reqwest::ClientError;
use reference_client::{ApiError, Client, Session, explain};
use reference_service::Config;

async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn every_outcome_arrives_typed() {
    let base = serve(reference_service::app(Config {
        rate_limit: 6,
        ..Config::default()
    }))
    .await;
    let client = Client::new(&base, "test-key");
    assert_eq!(
        client.session("sess_1").await.unwrap(),
        Session {
            id: "sess_1".into(),
            role_id: "role_backend".into(),
            status: "scheduled".into()
        }
    );
    let missing = client.session("sess_9").await.unwrap_err();
    assert!(
        matches!(&missing, ClientError::Api(ApiError::SessionNotFound { session_id }) if session_id == "sess_9"),
        "{missing:?}"
    );
    assert_eq!(
        explain(&missing),
        "No such session (Session with ID 'sess_9' does not exist)."
    );
    let invalid = client.schedule("").await.unwrap_err();
    assert!(
        matches!(&invalid, ClientError::Api(ApiError::InvalidParameters { field, .. }) if field == "role_id"),
        "{invalid:?}"
    );
    let wrong_key = Client::new(&base, "nope").session("sess_1").await;
    assert!(matches!(
        wrong_key,
        Err(ClientError::Api(ApiError::InvalidApiKey))
    ));
    // Past the limit of 6 requests a window.
    let mut limited = None;
    for _ in 0..6 {
        if let Err(e) = client.session("sess_1").await {
            limited = Some(e);
            break;
        }
    }
    let limited = limited.expect("the rate limit never hit");
    assert!(
        matches!(
            limited,
            ClientError::Api(ApiError::RateLimitExceeded { limit: 6, .. })
        ),
        "{limited:?}"
    );
}

#[tokio::test]
async fn a_newer_service_with_an_unknown_code_still_works() {
    let base = serve(reference_service::next::app(Config::default())).await;
    let client = Client::new(&base, "test-key");
    // What this client knows works as before...
    assert_eq!(client.session("sess_1").await.unwrap().id, "sess_1");
    // ...and the new error arrives whole in the catch-all.
    let locked = client.session("sess_locked").await.unwrap_err();
    let ClientError::Api(error @ ApiError::Unknown(unknown)) = &locked else {
        panic!("not the catch-all: {locked:?}")
    };
    assert_eq!(error.code(), "session_locked");
    assert_eq!(error.status(), Some(423));
    assert_eq!(
        error.to_string(),
        "Session 'sess_locked' is locked until 2026-12-03T12:00:00Z"
    );
    assert_eq!(
        unknown.details(),
        Some(serde_json::json!({"session_id": "sess_locked", "until": "2026-12-03T12:00:00Z"}))
    );
    // Forwarded unchanged: the body is the one the new server wrote.
    let sent = reference_service::next::NextError::SessionLocked {
        session_id: "sess_locked".into(),
        until: "2026-12-03T12:00:00Z".into(),
    };
    assert_eq!(error.to_json(), sent.to_json());
    assert!(explain(&locked).starts_with(
        "The service sent an error this client does not know yet (session_locked, HTTP 423)"
    ));
}

#[tokio::test]
async fn a_proxy_page_and_a_dead_server_are_told_apart() {
    use axum::http::{StatusCode, header};
    use axum::routing::get;
    let proxy = axum::Router::new().route(
        "/v1/sessions/{id}",
        get(|| async {
            (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
            )
        }),
    );
    let base = serve(proxy).await;
    let error = Client::new(&base, "k").session("sess_1").await.unwrap_err();
    let ClientError::NotAnError {
        status,
        content_type,
        body,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 502);
    assert_eq!(content_type.as_deref(), Some("text/html"));
    assert!(body.starts_with(b"<html>"));
    assert_eq!(
        explain(&error),
        "HTTP 502 from something in between; try again later."
    );

    // Nothing listening: a transport error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let error = Client::new(format!("http://{addr}"), "k")
        .session("sess_1")
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Transport(_)), "{error:?}");

    // A success whose body is not a session.
    let odd = axum::Router::new().route("/v1/sessions/{id}", get(|| async { "[1, 2]" }));
    let base = serve(odd).await;
    let error = Client::new(&base, "k").session("x").await.unwrap_err();
    assert!(
        matches!(error, ClientError::UnexpectedBody { status: 200, .. }),
        "{error:?}"
    );
}
