//! errcat's code generator: the CLI behind `cargo run -p codegen`, and the
//! renderers it uses.

pub mod catalog_outputs;
pub mod cli;

pub mod explain;
pub mod markdown;
pub mod openapi;
pub mod output;
pub mod page_context;
pub mod repo;
