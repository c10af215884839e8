// Both forms compile cleanly next to user items named like std's.
#![deny(warnings)]

#[allow(dead_code)]
type Result = ();
#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct String;
#[allow(dead_code)]
struct Vec;

#[errcat::catalog("../catalogs/good.yaml")]
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiError {}

#[derive(Debug, errcat::Error)]
#[errcat(catalog = "../catalogs/good.yaml", module = "hand")]
pub enum HandWritten {
    NotFound,
    RateLimited { retry_after: u32, window: hand::RateLimitedWindow },
}

fn main() {
    let e = ApiError::RateLimited { retry_after: 3, window: api_error::RateLimitedWindow::Second };
    assert_eq!(e.to_string(), "Retry in 3 seconds.");
    let h = HandWritten::RateLimited { retry_after: 3, window: hand::RateLimitedWindow::Second };
    assert_eq!(e.to_json(), h.to_json());
    assert_eq!(ApiError::from_response(Some(429), &e.to_json()).ok(), Some(e));
    let _ = HandWritten::NotFound;
}
