//! Any text as a catalogue: the loader and the renderers never panic.
#![no_main]

#[path = "../checks/catalogue.rs"]
mod catalogue;

libfuzzer_sys::fuzz_target!(|data: &[u8]| catalogue::check(data));
