//! errcat's command line, `errcat` (`cargo run -p codegen` in errcat's own
//! repository), over the renderers of `errcat-render`.

/// `println!` that never panics: when the reader of standard output has
/// gone (`errcat explain X | head`), the rest of the output is dropped.
macro_rules! say {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout().lock(), $($arg)*);
    }};
}

pub mod catalogue_diff;
pub mod cli;
pub mod diagnostics_output;
pub mod diff_command;
pub mod explain;
pub mod project;
