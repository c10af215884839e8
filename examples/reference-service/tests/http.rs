//! The reference service on loopback, checked with a real HTTP client:
//! statuses, headers and bodies are exactly what the catalogue declares.

use reference_service::{ApiError, Config, app};
use std::time::{SystemTime, UNIX_EPOCH};

async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app(config)).await.unwrap() });
    format!("http://{addr}")
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn body(response: reqwest::Response) -> String {
    String::from_utf8(response.bytes().await.unwrap().to_vec()).unwrap()
}

#[tokio::test]
async fn missing_or_wrong_api_key_is_401_invalid_api_key() {
    let base = start(Config::default()).await;
    for key in [None, Some("wrong-key")] {
        let mut request = client().get(format!("{base}/v1/sessions/sess_1"));
        if let Some(k) = key {
            request = request.header("x-api-key", k);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert!(response.headers().contains_key("x-request-id"));
        let text = body(response).await;
        assert_eq!(
            text,
            r#"{"error":{"code":"invalid_api_key","message":"The provided API key is invalid or has been revoked"}}"#
        );
        assert_eq!(
            ApiError::from_response(Some(401), text.as_bytes()).unwrap(),
            ApiError::InvalidApiKey
        );
    }
    // With the `http` feature (on through `axum`), statuses convert.
    assert_eq!(
        ApiError::InvalidApiKey.status_code(),
        Some(axum::http::StatusCode::UNAUTHORIZED)
    );
}

#[tokio::test]
async fn sessions_are_found_or_404() {
    let base = start(Config::default()).await;
    let ok = client()
        .get(format!("{base}/v1/sessions/sess_1"))
        .header("x-api-key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let missing = client()
        .get(format!("{base}/v1/sessions/123"))
        .header("x-api-key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let text = body(missing).await;
    // Byte for byte the "Not Found (404)" example of the seed page.
    assert_eq!(
        text,
        r#"{"error":{"code":"session_not_found","message":"Session with ID '123' does not exist"}}"#
    );
    assert_eq!(
        ApiError::from_response(Some(404), text.as_bytes()).unwrap(),
        ApiError::SessionNotFound {
            session_id: "123".into()
        }
    );
}

#[tokio::test]
async fn validation_failure_is_400_with_details() {
    let base = start(Config::default()).await;
    let response = client()
        .post(format!("{base}/v1/sessions"))
        .header("x-api-key", "test-key")
        .header("content-type", "application/json")
        .body(r#"{"candidate_email": "a@example.com"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let text = body(response).await;
    // Byte for byte the "Bad Request (400)" example of the seed page.
    assert_eq!(
        text,
        r#"{"error":{"code":"invalid_parameters","message":"The 'role_id' field is required","details":{"field":"role_id","requirement":"required"}}}"#
    );
    let not_json = client()
        .post(format!("{base}/v1/sessions"))
        .header("x-api-key", "test-key")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 400);
    assert!(
        body(not_json)
            .await
            .contains(r#""field":"body","requirement":"valid JSON""#)
    );
    let created = client()
        .post(format!("{base}/v1/sessions"))
        .header("x-api-key", "test-key")
        .body(r#"{"role_id": "role_backend"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
}

#[tokio::test]
async fn quota_is_429_with_retry_after_and_rate_limit_headers() {
    let base = start(Config {
        rate_limit: 3,
        ..Config::default()
    })
    .await;
    for _ in 0..3 {
        let r = client()
            .get(format!("{base}/v1/sessions/sess_1"))
            .header("x-api-key", "test-key")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let response = client()
        .get(format!("{base}/v1/sessions/sess_1"))
        .header("x-api-key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let headers = response.headers().clone();
    let number = |name: &str| headers[name].to_str().unwrap().parse::<u64>().unwrap();
    assert_eq!(number("x-ratelimit-limit"), 3);
    assert_eq!(number("x-ratelimit-remaining"), 0);
    let retry_after = number("retry-after");
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let reset = number("x-ratelimit-reset");
    assert!(
        reset >= now && reset <= now + 61,
        "X-RateLimit-Reset {reset}, now {now}"
    );
    let text = body(response).await;
    assert_eq!(
        text,
        format!(
            r#"{{"error":{{"code":"rate_limit_exceeded","message":"API rate limit exceeded. Please wait {retry_after} seconds before retrying.","details":{{"limit":3,"window":"1 minute","retry_after":{retry_after}}}}}}}"#
        )
    );
    let decoded = ApiError::from_response(Some(429), text.as_bytes()).unwrap();
    assert_eq!(decoded.code(), "rate_limit_exceeded");
    // Another key has its own quota.
    let other = client()
        .get(format!("{base}/v1/sessions/sess_1"))
        .header("x-api-key", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 401);
}

#[tokio::test]
async fn internal_failure_is_500_with_a_sanitised_body() {
    let base = start(Config::default()).await;
    let response = client()
        .get(format!("{base}/v1/reports/broken"))
        .header("x-api-key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let text = body(response).await;
    assert_eq!(
        text,
        format!(
            r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred. Please try again or contact support if the issue persists.","details":{{"request_id":"{request_id}"}}}}}}"#
        )
    );
    assert!(
        !text.contains("checksum"),
        "the cause must not leak: {text}"
    );
}

#[tokio::test]
async fn the_openapi_documents_are_served() {
    let base = start(Config::default()).await;
    let own = body(
        client()
            .get(format!("{base}/openapi.yaml"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(own.contains("errors.yaml#/components/responses/ReferenceServiceError_429"));
    let errors = body(
        client()
            .get(format!("{base}/errors.yaml"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(errors.contains("ReferenceServiceError_429:"));
}

#[tokio::test]
async fn requests_that_reach_no_handler_get_catalogue_errors() {
    let base = start(Config::default()).await;
    // An unknown path: the router's fallback.
    let response = client()
        .get(format!("{base}/v1/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        body(response).await,
        r#"{"error":{"code":"route_not_found","message":"No endpoint at /v1/nowhere","details":{"path":"/v1/nowhere"}}}"#
    );
    // A method the path does not take: the method fallback.
    let response = client()
        .delete(format!("{base}/v1/sessions/sess_1"))
        .header("x-api-key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let text = body(response).await;
    assert_eq!(
        ApiError::from_response(405, text.as_bytes()).unwrap(),
        ApiError::MethodNotAllowed {
            method: "DELETE".into()
        }
    );
    // A body over the limit: the extractor's rejection, mapped.
    let response = client()
        .post(format!("{base}/v1/sessions"))
        .header("x-api-key", "test-key")
        .header("content-type", "application/json")
        .body(vec![b' '; reference_service::BODY_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(
        body(response).await,
        format!(
            r#"{{"error":{{"code":"payload_too_large","message":"The request body is over the limit of {} bytes","details":{{"limit":{}}}}}}}"#,
            reference_service::BODY_LIMIT,
            reference_service::BODY_LIMIT
        )
    );
}

/// The catalogue has French and German messages
/// (`catalog/catalogs/translations/`): the body follows the request's
/// `Accept-Language`, by quality and primary subtag, and falls back to
/// English; the code, status and headers do not change.
#[tokio::test]
async fn accept_language_picks_the_message_language() {
    let base = start(Config::default()).await;
    let cases = [
        (None, "The provided API key is invalid or has been revoked"),
        (
            Some("fr"),
            "La clé d'API fournie est invalide ou a été révoquée",
        ),
        (
            Some("de-DE,de;q=0.9"),
            "Der angegebene API-Schlüssel ist ungültig oder wurde widerrufen",
        ),
        (
            Some("ja, de;q=0.3, fr;q=0.8"),
            "La clé d'API fournie est invalide ou a été révoquée",
        ),
        (
            Some("ja, en;q=0.5, fr;q=0.4"),
            "The provided API key is invalid or has been revoked",
        ),
        (
            Some("ja"),
            "The provided API key is invalid or has been revoked",
        ),
        (
            Some("fr;q=0"),
            "The provided API key is invalid or has been revoked",
        ),
    ];
    for (lang, message) in cases {
        let mut request = client().get(format!("{base}/v1/sessions/sess_1"));
        if let Some(l) = lang {
            request = request.header("accept-language", l);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{lang:?}");
        // Caches learn the body's language and what it depended on.
        let language = match &message[..3] {
            "La " => "fr",
            "Der" => "de",
            _ => "en",
        };
        assert_eq!(response.headers()["content-language"], language, "{lang:?}");
        assert_eq!(response.headers()["vary"], "accept-language", "{lang:?}");
        let text = body(response).await;
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["error"]["code"], "invalid_api_key", "{lang:?}");
        assert_eq!(value["error"]["message"], message, "{lang:?}");
        // A client decodes the translated body as the same error.
        assert_eq!(
            ApiError::from_response(Some(401), text.as_bytes()).unwrap(),
            ApiError::InvalidApiKey,
            "{lang:?}"
        );
    }
    // Placeholders are filled in the translation too.
    let response = client()
        .get(format!("{base}/v2/nothing"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let text = body(response).await;
    assert!(
        text.contains(r#""message":"Kein Endpunkt unter /v2/nothing""#),
        "{text}"
    );
}
