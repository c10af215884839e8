//! Compile-time behaviour of the macros, checked with trybuild: what users
//! see when a catalogue or a hand-written enum is wrong.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
