//! Any project tree, symlinks, FIFOs and loops included: regenerating it
//! never panics, hangs, reads from outside, or changes anything outside.
#![no_main]

#[path = "../checks/project.rs"]
mod project;

libfuzzer_sys::fuzz_target!(|data: &[u8]| project::check(data));
