//! errcat's command line, `errcat` (`cargo run -p codegen` in errcat's own
//! repository), over the renderers of `errcat-render`.

pub mod catalogue_diff;
pub mod cli;
pub mod diagnostics_output;
pub mod diff_command;
pub mod explain;
pub mod project;
