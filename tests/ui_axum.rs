//! Compile-time behaviour with the `axum` feature: a catalogue mistake
//! gives its one diagnostic, even where the enum is returned from axum
//! handlers (the macro still expands every variant it could read, with
//! `IntoResponse`).
#![cfg(feature = "axum")]

#[test]
fn ui_axum() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui-axum/*.rs");
}
