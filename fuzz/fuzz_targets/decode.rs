//! Any bytes as a response body: decoding never panics, and what decodes
//! round-trips.
#![no_main]

#[path = "../checks/body.rs"]
mod body;

libfuzzer_sys::fuzz_target!(|data: &[u8]| body::check(data));
