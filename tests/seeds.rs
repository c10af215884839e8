//! The seed pages' example bodies, rebuilt through the generated types.
//!
//! Each JSON body printed on the three pages in `tests/seeds/` (verbatim
//! copies of `../shared/seeds/`, checked identical when that folder exists)
//! is read from the page itself, whitespace-normalised, and compared byte
//! for byte with the body the generated type writes. Bodies that only
//! illustrate the format (`"error_code"`, `"Human-readable error
//! description"`) are compared after putting those placeholders in place of
//! the real code and message.

use serde_json::Value;
use std::path::Path;

#[errcat::catalog("catalog/catalogs/koji.yaml")]
#[derive(Clone, PartialEq)]
pub enum KojiError {}

#[errcat::catalog("catalog/catalogs/product-analytics.yaml")]
#[derive(Clone, PartialEq)]
pub enum AnalyticsError {}

#[errcat::catalog("catalog/catalogs/interview-platform.yaml")]
#[derive(Clone, PartialEq)]
pub enum InterviewError {}

fn seed(name: &str) -> String {
    let ours = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/seeds")
        .join(name);
    let text = std::fs::read_to_string(&ours).unwrap();
    let upstream = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(name);
    if let Ok(original) = std::fs::read_to_string(upstream) {
        assert_eq!(
            text, original,
            "tests/seeds/{name} differs from ../shared/seeds/{name}"
        );
    }
    text
}

/// Every balanced `{...}` in the text, with `//` comments removed, that
/// parses as JSON.
fn json_bodies(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let (mut depth, mut in_string, mut escaped, mut j) = (0, false, false, i);
        while j < bytes.len() {
            let c = bytes[j];
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
            } else {
                match c {
                    b'"' => in_string = true,
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            j += 1;
        }
        let candidate: String = text[i..=j.min(bytes.len() - 1)]
            .lines()
            .map(|l| l.split(" //").next().unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        match serde_json::from_str::<Value>(&candidate) {
            Ok(v) => {
                out.push(v);
                i = j + 1;
            }
            Err(_) => i += 1,
        }
    }
    out
}

/// Whitespace-normalised JSON text (members keep their order).
fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn body(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn koji_format_example_matches_the_flat_envelope() {
    let page: Value = serde_json::from_str(&seed("000_ec3cfe372e760e0e.txt")).unwrap();
    let markdown = page["content"][0]["content"].as_str().unwrap();
    let bodies = json_bodies(markdown);
    assert_eq!(bodies.len(), 1, "the Koji page prints one body");
    // The page illustrates the format with placeholders for code and message.
    let e = KojiError::InvalidRequest {
        message: "A human-readable description of what went wrong.".into(),
    };
    let mut ours: Value = serde_json::from_slice(&e.to_json()).unwrap();
    ours["error"] = Value::String("error_code".into());
    assert_eq!(compact(&ours), compact(&bodies[0]));
    assert_eq!(
        body(&e.to_json()),
        r#"{"error":"invalid_request","message":"A human-readable description of what went wrong."}"#
    );
}

#[test]
fn product_analytics_example_is_reproduced_exactly() {
    let bodies = json_bodies(&seed("001_b20b4105867a9ee4.txt"));
    assert_eq!(bodies.len(), 1, "the page prints one body");
    let e = AnalyticsError::ValidationError {
        details: vec![analytics_error::ValidationErrorDetailsItem {
            path: "events.0.type".into(),
            message: "Invalid enum value".into(),
        }],
    };
    assert_eq!(body(&e.to_json()), compact(&bodies[0]));
    assert_eq!(
        AnalyticsError::from_response(Some(400), compact(&bodies[0]).as_bytes()).unwrap(),
        e
    );
}

#[test]
fn interview_platform_examples_are_reproduced_exactly() {
    let bodies = json_bodies(&seed("002_a02231a6c5cfec19.txt"));
    assert_eq!(
        bodies.len(),
        6,
        "one format illustration and five example responses"
    );
    let expected = [
        InterviewError::InvalidParameters {
            field: "role_id".into(),
            requirement: "required".into(),
            message: "The 'role_id' field is required".into(),
        },
        InterviewError::InvalidApiKey,
        InterviewError::SessionNotFound {
            session_id: "123".into(),
        },
        InterviewError::RateLimitExceeded {
            limit: 100,
            window: "1 minute".into(),
            retry_after: 60,
            remaining: 0,
            reset: 0,
        },
        InterviewError::InternalError {
            request_id: "req_abc123xyz".into(),
            source: errcat::Source::none(),
        },
    ];
    for (error, page) in expected.iter().zip(&bodies[1..]) {
        assert_eq!(body(&error.to_json()), compact(page), "{error:?}");
        let back = InterviewError::from_response(error.status(), compact(page).as_bytes()).unwrap();
        assert_eq!(back.code(), error.code());
        assert_eq!(back.to_json(), error.to_json());
    }
    // The format illustration: placeholders for code and message, and an
    // empty details object.
    let e = InterviewError::InvalidParameters {
        field: String::new(),
        requirement: String::new(),
        message: "Human-readable error description".into(),
    };
    let mut ours: Value = serde_json::from_slice(&e.to_json()).unwrap();
    ours["error"]["code"] = Value::String("error_code".into());
    ours["error"]["details"] = Value::Object(serde_json::Map::new());
    assert_eq!(compact(&ours), compact(&bodies[0]));
}

#[test]
fn interview_platform_rate_limit_headers() {
    let e = InterviewError::RateLimitExceeded {
        limit: 100,
        window: "1 minute".into(),
        retry_after: 60,
        remaining: 0,
        reset: 1_767_225_600,
    };
    let headers: Vec<(&str, String)> = e.headers().map(|(n, v)| (n, v.to_string())).collect();
    assert_eq!(
        headers,
        [
            ("X-RateLimit-Limit", "100".into()),
            ("X-RateLimit-Remaining", "0".into()),
            ("X-RateLimit-Reset", "1767225600".into()),
            ("Retry-After", "60".into())
        ]
    );
    assert_eq!(
        e.to_string(),
        "API rate limit exceeded. Please wait 60 seconds before retrying."
    );
}
