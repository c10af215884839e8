//! The README's first example, as a program:
//! `cargo run --example quick_start`. The catalogue is `errors.yaml` beside
//! this file, the README's YAML block (`tests/doc_snippets.rs` checks that
//! both blocks are here, word for word).

/// The errors of the README's catalogue.
#[errcat::catalog("errors.yaml")] // beside Cargo.toml, or this file
#[derive(Clone, PartialEq)]
pub enum ApiError {}

fn main() {
    let e = ApiError::RateLimited { retry_after: 17 };
    assert_eq!(e.status(), Some(429));
    assert_eq!(e.to_string(), "Slow down; retry in 17 seconds.");
    assert_eq!(
        e.to_json(),
        br#"{"error":{"code":"rate_limited","message":"Slow down; retry in 17 seconds.","details":{"retry_after":17}}}"#
    );
    assert_eq!(e.headers().get("Retry-After").unwrap().to_string(), "17");
    assert_eq!(ApiError::from_response(429, &e.to_json()).unwrap(), e);

    println!("{}", String::from_utf8_lossy(&e.to_json()));
}
