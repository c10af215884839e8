//! What must hold for any response body: decoding never panics, and a body
//! that decodes re-encodes to one that decodes to the same error.
//!
//! The catalogue is the demonstration one, which uses every feature of the
//! format. Shared, through `#[path]`, by the cargo-fuzz target `decode` and
//! by `tests/fuzz_regressions.rs`, which replays every input that ever
//! failed.

/// The demonstration catalogue's errors.
#[errcat::catalog("../../catalog/catalogs/payments.yaml")]
#[derive(Clone, PartialEq)]
pub enum Payments {}

/// Decodes `data` with and without a status.
pub fn check(data: &[u8]) {
    for status in [None, Some(400), Some(402), Some(404), Some(500)] {
        if let Ok(error) = Payments::from_response(status, data) {
            let again = Payments::from_response(error.status(), &error.to_json())
                .expect("a body written by to_json decodes");
            assert_eq!(
                again, error,
                "to_json then from_response gives the same error"
            );
        }
    }
}
