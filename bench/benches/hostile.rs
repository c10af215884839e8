//! Decoding hostile bodies: the time per byte stays flat from 1 KB to
//! 1 MB, whatever the body holds. The bodies are crafted against the
//! message templates of `tests/catalogs/hostile_bodies.yaml` (long runs of
//! the literal between placeholders, which made a backtracking matcher
//! try every split), against errors that share a code, and as deeply
//! nested and wide JSON in members nobody reads.
//!
//! `scripts/bench.py --parts hostile` runs it and prints nanoseconds per
//! byte; `cargo bench -p errcat-bench --bench hostile` prints divan's table.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// Errors whose messages are read back from the body.
#[errcat::catalog("../tests/catalogs/hostile_bodies.yaml")]
enum Hostile {}

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// A body of about `size` bytes: the envelope around `message`, made of
/// `unit` repeated, and `tail`.
fn body(code: &str, unit: &str, tail: &str, size: usize) -> Vec<u8> {
    let message = format!("{}{tail}", unit.repeat(size / unit.len()));
    serde_json::to_vec(&serde_json::json!({"error": {"code": code, "message": message}})).unwrap()
}

fn run(b: Bencher<'_, '_>, status: u16, body: &[u8]) {
    b.counter(BytesCount::of_slice(body))
        .bench(|| Hostile::from_response(status, black_box(body)).is_ok());
}

/// Three placeholders read back from a message of `, ` repeated, which
/// does not fit the template (no final `!`).
#[divan::bench(args = SIZES)]
fn three_placeholders(b: Bencher<'_, '_>, size: usize) {
    run(b, 400, &body("three_placeholders", ", ", "", size));
}

/// Two templates share a code; the message of ` at ` repeated fits neither.
#[divan::bench(args = SIZES)]
fn shared_code(b: Bencher<'_, '_>, size: usize) {
    run(b, 404, &body("shared", " at ", "", size));
}

/// A member nobody reads: wide objects of repeated names, nested arrays.
#[divan::bench(args = SIZES)]
fn unread_member(b: Bencher<'_, '_>, size: usize) {
    let unit = r#"{"a":[1,{"b":"c"}],"d":"\u00e9\n"},"#;
    let items = unit.repeat(size / unit.len());
    let body = format!(
        r#"{{"error":{{"code":"three_placeholders","message":", , x!"}},"extra":[{}0]}}"#,
        items
    );
    run(b, 400, body.as_bytes());
}
