//! errcat's code generator: the CLI behind `cargo run -p codegen`, and the
//! renderers it uses.

pub mod cli;
