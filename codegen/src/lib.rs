//! errcat's command line, `errcat` (`cargo run -p codegen` in errcat's own
//! repository), and the renderers it uses.

pub mod catalog_outputs;
pub mod cli;
pub mod diagnostics_output;
pub mod diff_command;
pub mod explain;
pub mod markdown;
pub mod openapi;
pub mod output;
pub mod page_context;
pub mod project;
