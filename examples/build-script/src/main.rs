//! The README's build-script example: `build.rs` writes the enum of
//! `errors.yaml` into `OUT_DIR`, and this file includes it. `.ci/run` runs
//! it.

#![allow(missing_docs)]

// src/main.rs (or src/lib.rs)
include!(concat!(env!("OUT_DIR"), "/errors.rs"));

fn main() {
    let e = ApiError::RateLimited { retry_after: 17 };
    assert_eq!(e.status(), Some(429));
    assert_eq!(e.to_string(), "Slow down; retry in 17 seconds.");
    assert_eq!(ApiError::from_response(429, &e.to_json()).unwrap(), e);
    println!("{}", String::from_utf8_lossy(&e.to_json()));
}
