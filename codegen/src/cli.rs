//! The command line.

use clap::{Parser, Subcommand};
use errcat_catalog::{Loaded, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

/// errcat: one YAML error catalogue, checked and turned into reference docs.
#[derive(Debug, Parser)]
#[command(name = "codegen", version, about)]
pub struct Cli {
    /// The command; without one, regenerate the repository's docs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check catalogues and print every problem, rustc style.
    Validate {
        /// Catalogue files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
}

/// Runs the CLI with the process arguments.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate {
            files,
            deny_warnings,
        }) => validate(&files, deny_warnings),
        None => {
            eprintln!(
                "error: docs generation is not available yet; use `codegen validate FILE...`"
            );
            ExitCode::FAILURE
        }
    }
}

/// `codegen validate`: prints the diagnostics of each file and a summary.
/// Fails if any file has errors (or warnings, with `deny_warnings`).
fn validate(files: &[PathBuf], deny_warnings: bool) -> ExitCode {
    let mut failed = false;
    for file in files {
        match errcat_catalog::load(file) {
            Ok(loaded) => {
                if !loaded.warnings.is_empty() {
                    eprintln!("{}", loaded.render_warnings());
                }
                failed |= deny_warnings && !loaded.warnings.is_empty();
                println!("{}", summary(file, &loaded));
            }
            Err(err) => {
                eprintln!("{}", err.render());
                let errors = err
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity() == Severity::Error)
                    .count();
                let warnings = err.diagnostics.len() - errors;
                eprintln!(
                    "error: {} has {errors} error{}{}",
                    file.display(),
                    plural(errors),
                    if warnings > 0 {
                        format!(" and {warnings} warning{}", plural(warnings))
                    } else {
                        String::new()
                    }
                );
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn summary(file: &std::path::Path, loaded: &Loaded) -> String {
    let c = &loaded.catalog;
    let w = loaded.warnings.len();
    format!(
        "ok: {} ({}): {} error code{}, {} categor{}, {} file{} read, {w} warning{}",
        file.display(),
        c.name,
        c.entries.len(),
        plural(c.entries.len()),
        c.categories.len(),
        if c.categories.len() == 1 { "y" } else { "ies" },
        loaded.sources.files().count(),
        plural(loaded.sources.files().count()),
        plural(w),
    )
}
