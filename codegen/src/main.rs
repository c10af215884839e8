//! `errcat`: errcat's command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    codegen::cli::main()
}
