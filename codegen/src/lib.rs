//! errcat's code generator: the CLI behind `cargo run -p codegen`, and the
//! renderers it uses.

pub mod cli;
pub mod context;
pub mod escape;
pub mod explain;
pub mod generate;
pub mod markdown;
pub mod openapi;
pub mod output;
pub mod repo;
