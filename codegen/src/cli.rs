//! The command line.

use crate::diagnostics_output::{MessageFormat, Reporter, eprint_styled};
use crate::explain;
use crate::project::{self, Project};
use clap::{Args, Parser, Subcommand, ValueEnum};
use errcat_catalog::Loaded;
use errcat_render::catalog_outputs::{self, Formats};
use errcat_render::markdown;
use errcat_render::openapi_document::Version;
use errcat_render::output::{Change, Outputs, WriteError, relative, shown};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// errcat: checks error catalogues and writes their reference pages and
/// OpenAPI schemas.
///
/// Without a command, regenerates the docs of the project: the catalogues
/// and the output folder that the nearest `errcat.toml` (in this folder or
/// above) names.
#[derive(Debug, Parser)]
#[command(name = "errcat", version)]
pub struct Cli {
    /// The command; without one, regenerate the project's docs.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Write nothing; fail if any generated file is stale, missing or
    /// extra (the CI check).
    #[arg(long)]
    pub check: bool,
    /// How diagnostics are printed: `human` (coloured on a terminal;
    /// `NO_COLOR` and `CLICOLOR=0` turn colour off), `short` (one line
    /// each) or `json` (one object per line on stdout).
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
    /// Let catalogues include files outside their own directory (refused
    /// by default, so that a catalogue from a stranger cannot read other
    /// files of the machine).
    #[arg(long, global = true)]
    pub allow_outside_includes: bool,
    /// Options of the generated files, for the project's regeneration.
    #[command(flatten)]
    pub output: OutputOptions,
}

/// Options of the generated files: of the project's regeneration (no
/// command) and of `generate`, and of no other command.
#[derive(Debug, Args, Clone)]
pub struct OutputOptions {
    /// A directory of templates overriding the embedded ones by file name
    /// (`overview.md.j2`, `group.md.j2`, `entry.md.j2`, `SUMMARY.md.j2`, `book.toml.j2`, `errcat.css.j2`, `changelog.md.j2`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The OpenAPI version to write.
    #[arg(long, value_enum, default_value = "3.1")]
    pub openapi_version: OpenApiVersion,
    /// Replace files in the output directory that errcat did not write
    /// (refused by default).
    #[arg(long)]
    pub force: bool,
}

/// What every command reads of the options: how to load catalogues and
/// what to write.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// See [`OutputOptions::templates`].
    pub templates: Option<PathBuf>,
    /// See [`OutputOptions::openapi_version`].
    pub openapi_version: OpenApiVersion,
    /// See [`Cli::allow_outside_includes`].
    pub allow_outside_includes: bool,
    /// See [`OutputOptions::force`].
    pub force: bool,
}

impl GenerateOptions {
    fn new(allow_outside_includes: bool, output: OutputOptions) -> Self {
        GenerateOptions {
            templates: output.templates,
            openapi_version: output.openapi_version,
            allow_outside_includes,
            force: output.force,
        }
    }
}

impl GenerateOptions {
    /// How catalogues are loaded.
    fn load_options(&self) -> errcat_catalog::LoadOptions {
        // A file named on the command line is read where it is; its
        // includes stay in its folder.
        errcat_catalog::LoadOptions {
            allow_outside_includes: self.allow_outside_includes,
            root: None,
        }
    }

    /// Loads a catalogue, paths in diagnostics shown from the current
    /// directory.
    fn load(&self, file: &Path) -> Result<Loaded, errcat_catalog::LoadError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        errcat_catalog::load_with(file, &cwd, &self.load_options())
    }

    /// Loads a catalogue; on errors, prints them with `reporter` and
    /// returns the summary line.
    fn load_reported(&self, file: &Path, reporter: Reporter) -> Result<Loaded, String> {
        self.load(file)
            .map_err(|e| reporter.load_error(&e, &file.display().to_string()))
    }
}

/// OpenAPI versions.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OpenApiVersion {
    /// OpenAPI 3.1.0.
    #[value(name = "3.1")]
    V31,
    /// OpenAPI 3.0.3.
    #[value(name = "3.0")]
    V30,
}

/// Outputs `generate` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `README.md`, `SUMMARY.md` and `book.toml` (an mdBook).
    Markdown,
    /// `openapi.yaml` and `openapi.json`.
    Openapi,
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
    /// Write the reference and OpenAPI of any catalogue.
    Generate {
        /// Catalogue files. With one, files go straight into `--out`; with
        /// several, into one folder per catalogue name.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The output directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The outputs to write (default: all).
        #[arg(long, value_enum, value_delimiter = ',')]
        format: Vec<Format>,
        /// Write nothing; fail if a file is stale or missing.
        #[arg(long)]
        check: bool,
        /// Options of the generated files.
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Compare two versions of a catalogue, classifying every change.
    ///
    /// Each change is breaking, compatible or cosmetic, for servers and
    /// for clients. Exits 1 when a breaking change is not acknowledged
    /// with `breaking: "<version>"`.
    Diff {
        /// The old catalogue; with `--base`, the catalogue to compare with
        /// its version at that revision. Without it (and with `--base`),
        /// every catalogue of the project file (`errcat.toml`).
        old: Option<PathBuf>,
        /// The new catalogue.
        new: Option<PathBuf>,
        /// A git revision (`origin/main`, `HEAD~1`, a tag): compare OLD with
        /// itself at that revision, includes and all.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        /// `text` (rustc style) or `json`.
        #[arg(long, value_enum, default_value = "text")]
        format: crate::diff_command::DiffFormat,
    },
    /// Explain a catalogue error or a diagnostic code, like `rustc --explain`.
    ///
    /// A diagnostic code such as `E0023` gets its explanation; an error's
    /// code (or key) its reference, looked up in `--catalog`, or else in
    /// every catalogue errcat.toml lists.
    Explain {
        /// The error's code (or key), or a diagnostic code.
        code: String,
        /// The catalogue to look in (default: errcat.toml's catalogues).
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
    },
}

/// Runs the CLI with the process arguments.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let reporter = Reporter {
        format: cli.message_format,
    };
    let options = GenerateOptions::new(cli.allow_outside_includes, cli.output);
    let result = match cli.command {
        Some(Command::Validate {
            files,
            deny_warnings,
        }) => return validate(&files, deny_warnings, &options, reporter),
        Some(Command::Generate {
            files,
            out,
            format,
            check,
            output,
        }) => generate_files(
            &files,
            &out,
            &format,
            check || cli.check,
            &GenerateOptions::new(cli.allow_outside_includes, output),
            reporter,
        ),
        Some(Command::Diff {
            old,
            new,
            base,
            format,
        }) => match old {
            Some(old) => crate::diff_command::run(
                &old,
                new.as_deref(),
                base.as_deref(),
                format,
                &options.load_options(),
                reporter,
            ),
            None => diff_project(base.as_deref(), format, &options, reporter),
        },
        Some(Command::Explain { code, catalog }) => {
            explain(&code, catalog.as_deref(), &options, reporter)
        }
        None => regenerate(cli.check, &options, reporter),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprint_styled(&message);
            ExitCode::FAILURE
        }
    }
}

/// The project of the nearest `errcat.toml` from `cwd` up, with the
/// command line's `--allow-outside-includes` added to the file's.
fn open_project(cwd: &Path, options: &GenerateOptions) -> Result<Project, String> {
    let file = project::find(cwd).ok_or_else(project::missing_message)?;
    project_at(&file, options)
}

/// The project of the errcat.toml at `file`, with the command line's
/// `--allow-outside-includes` added to the file's.
fn project_at(file: &Path, options: &GenerateOptions) -> Result<Project, String> {
    let mut project = Project::read(file)?;
    project.file.allow_outside_includes |= options.allow_outside_includes;
    Ok(project)
}

/// `errcat diff --base REV` without a catalogue: every catalogue of the
/// project file, each against its version at `REV`; fails when any has an
/// unacknowledged breaking change (all are still compared and printed).
fn diff_project(
    base: Option<&str>,
    format: crate::diff_command::DiffFormat,
    options: &GenerateOptions,
    reporter: Reporter,
) -> Result<ExitCode, String> {
    let Some(base) = base else {
        return Err("error: `errcat diff` needs a catalogue, two catalogues, or `--base REV` to compare every catalogue of the project\n  = help: `errcat diff errors.yaml --base origin/main`, or `errcat diff old.yaml new.yaml`".to_owned());
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let project = open_project(&cwd, options)?;
    crate::diff_command::run_project(&project, base, format, reporter)
}

fn formats(options: &GenerateOptions, chosen: &[Format]) -> Formats {
    Formats {
        markdown: chosen.is_empty() || chosen.contains(&Format::Markdown),
        openapi: chosen.is_empty() || chosen.contains(&Format::Openapi),
        version: match options.openapi_version {
            OpenApiVersion::V31 => Version::V3_1,
            OpenApiVersion::V30 => Version::V3_0,
        },
    }
}

fn print_warnings(loaded: &[Loaded], reporter: Reporter) {
    for l in loaded {
        reporter.warnings(l);
    }
}

/// The default command: regenerate (or check) the project's docs, as the
/// nearest `errcat.toml` says.
fn regenerate(
    check: bool,
    options: &GenerateOptions,
    reporter: Reporter,
) -> Result<ExitCode, String> {
    let started = Instant::now();
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let project = open_project(&cwd, options)?;
    let templates = options.templates.clone().or_else(|| {
        project
            .file
            .templates
            .as_ref()
            .map(|t| project.root.join(t.get_ref()))
    });
    let env = markdown::environment(templates.as_deref())?;
    let (outputs, loaded) = project.plan(&env, formats(options, &[]), reporter)?;
    print_warnings(&loaded, reporter);
    let dir = project.out_dir();
    report(
        &outputs,
        &dir,
        Target {
            owns_dir: true,
            check,
            force: options.force,
        },
        project.regenerate_command(),
        started,
        loaded.len(),
    )
}

/// How an output directory is treated.
#[derive(Clone, Copy)]
struct Target {
    /// Files there that no catalogue generates are removed.
    owns_dir: bool,
    /// Write nothing; report what would change.
    check: bool,
    /// Replace files errcat did not write.
    force: bool,
}

fn report(
    outputs: &Outputs,
    dir: &Path,
    target: Target,
    command: &str,
    started: Instant,
    catalogues: usize,
) -> Result<ExitCode, String> {
    let Target {
        owns_dir,
        check,
        force,
    } = target;
    let shown_dir =
        errcat_catalog::source_map::display_path(dir, &std::env::current_dir().unwrap_or_default());
    if check {
        let problems: Vec<(PathBuf, Change)> = outputs
            .diff(dir, owns_dir)
            .into_iter()
            .filter(|(_, c)| *c != Change::Unchanged)
            .collect();
        if problems.is_empty() {
            say!(
                "{shown_dir}: {} files are up to date ({catalogues} catalogue{})",
                outputs.files.len(),
                if catalogues == 1 { "" } else { "s" }
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("error: {shown_dir} is out of date:");
        for (path, change) in &problems {
            let what = match change {
                Change::Created => "missing",
                Change::Updated => "stale",
                Change::Removed => "extra (no catalogue generates it)",
                Change::Foreign => "not written by errcat (left alone)",
                Change::Symlinked => "reached through a symlink, which errcat does not follow",
                Change::Unchanged => continue,
            };
            eprintln!("  {}: {what}", shown(path));
        }
        eprintln!("  = help: run `{command}` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    let changes = outputs.write(dir, owns_dir, force).map_err(|e| match &e {
        WriteError::Foreign(paths) => {
            let them = if paths.len() == 1 { "it" } else { "them" };
            format!("error: {e}\n  = help: move {them} away, or pass `--force` to replace {them}")
        }
        WriteError::Symlinked(_) => {
            format!(
                "error: {e}\n  = help: replace the symlink with a folder, or choose another `out`"
            )
        }
        WriteError::Io(_) => format!("error: {e}"),
    })?;
    let mut counts = [0usize; 4];
    for (path, change) in &changes {
        let (i, word) = match change {
            Change::Created => (0, "created"),
            Change::Updated => (1, "updated"),
            Change::Foreign if outputs.files.contains_key(path) => (1, "replaced (forced)"),
            Change::Removed => (2, "removed"),
            Change::Foreign => {
                say!("  left alone {} (not written by errcat)", shown(path));
                continue;
            }
            Change::Unchanged | Change::Symlinked => (3, ""),
        };
        counts[i] += 1;
        if i < 3 {
            say!("  {word} {}", shown(path));
        }
    }
    say!(
        "{shown_dir}: {} created, {} updated, {} removed, {} unchanged ({catalogues} catalogue{}) in {:.2} s",
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        if catalogues == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn generate_files(
    files: &[PathBuf],
    out: &Path,
    chosen: &[Format],
    check: bool,
    options: &GenerateOptions,
    reporter: Reporter,
) -> Result<ExitCode, String> {
    let started = Instant::now();
    let env = markdown::environment(options.templates.as_deref())?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut outputs = Outputs::default();
    let mut loaded_all = Vec::new();
    let mut names: Vec<(String, String)> = Vec::new();
    for file in files {
        let loaded = options.load_reported(file, reporter)?;
        let source = relative(file, &cwd);
        if let Some((_, first)) = names.iter().find(|(n, _)| *n == loaded.catalog.name) {
            return Err(format!(
                "error: two catalogues are named `{}`: {first} and {source}\n  = note: each catalogue's files go to a folder named after it, so one would overwrite the other\n  = help: give one of them another `name`",
                loaded.catalog.name
            ));
        }
        names.push((loaded.catalog.name.clone(), source.clone()));
        let prefix = if files.len() == 1 {
            PathBuf::new()
        } else {
            PathBuf::from(&loaded.catalog.name)
        };
        let command = format!("errcat generate {source} --out {}", relative(out, &cwd));
        catalog_outputs::catalog_files(
            &mut outputs,
            Path::new(&relative(out, &cwd)),
            &prefix,
            &loaded.catalog,
            &source,
            &command,
            formats(options, chosen),
            &env,
        )?;
        loaded_all.push(loaded);
    }
    print_warnings(&loaded_all, reporter);
    let command = format!(
        "errcat generate {} --out {}",
        files
            .iter()
            .map(|f| relative(f, &cwd))
            .collect::<Vec<_>>()
            .join(" "),
        relative(out, &cwd)
    );
    report(
        &outputs,
        out,
        Target {
            owns_dir: false,
            check,
            force: options.force,
        },
        &command,
        started,
        loaded_all.len(),
    )
}

/// `errcat explain CODE`: a diagnostic code's explanation, or the
/// reference of the catalogue errors with that code (or key), looked up
/// in `--catalog` or else in every catalogue of the project's errcat.toml.
fn explain(
    code: &str,
    catalog: Option<&Path>,
    options: &GenerateOptions,
    reporter: Reporter,
) -> Result<ExitCode, String> {
    let files = match catalog {
        Some(file) => vec![file.to_path_buf()],
        None => {
            if let Some(info) = errcat_catalog::codes::lookup(code) {
                say!(
                    "{} ({}, {}): {}\n\n{}",
                    info.id,
                    info.name,
                    info.severity.as_str(),
                    info.summary,
                    info.explanation
                );
                return Ok(ExitCode::SUCCESS);
            }
            let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
            let Some(file) = project::find(&cwd) else {
                return Err(format!(
                    "error: `{code}` is not a diagnostic code, and no errcat.toml lists catalogues here\n  = help: name the catalogue: `errcat explain {code} --catalog FILE`"
                ));
            };
            project_at(&file, options)?.catalogue_files()?
        }
    };
    let mut texts = Vec::new();
    let mut codes = Vec::new();
    for file in &files {
        let loaded = options.load_reported(file, reporter)?;
        let catalog = &loaded.catalog;
        let from = if files.len() > 1 {
            let cwd = std::env::current_dir().unwrap_or_default();
            format!("(from {})\n", relative(file, &cwd))
        } else {
            String::new()
        };
        texts.extend(
            explain::find(catalog, code)
                .iter()
                .map(|e| from.clone() + &explain::entry_text(catalog, e)),
        );
        codes.extend(catalog.entries.iter().map(|e| e.code.clone()));
    }
    if texts.is_empty() {
        let close = errcat_catalog::did_you_mean(code, codes.iter().map(String::as_str));
        let place = match files.as_slice() {
            [one] => one.display().to_string(),
            many => format!("the project's {} catalogues", many.len()),
        };
        return Err(format!(
            "error: no error `{code}` in {place}{}",
            close
                .map(|c| format!("\n  = help: did you mean `{c}`?"))
                .unwrap_or_default()
        ));
    }
    say!("{}", texts.join("\n----\n\n").trim_end());
    Ok(ExitCode::SUCCESS)
}

/// `errcat validate`: prints the diagnostics of each file and a summary.
/// Fails if any file has errors (or warnings, with `deny_warnings`).
fn validate(
    files: &[PathBuf],
    deny_warnings: bool,
    options: &GenerateOptions,
    reporter: Reporter,
) -> ExitCode {
    let mut failed = false;
    for file in files {
        match options.load_reported(file, reporter) {
            Ok(loaded) => {
                reporter.warnings(&loaded);
                failed |= deny_warnings && !loaded.warnings.is_empty();
                if reporter.format != MessageFormat::Json {
                    say!("{}", summary(file, &loaded));
                }
            }
            Err(message) => {
                eprint_styled(&message);
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

fn summary(file: &Path, loaded: &Loaded) -> String {
    let c = &loaded.catalog;
    let w = loaded.warnings.len();
    let entries = c.entries.len();
    let codes: std::collections::BTreeSet<&str> =
        c.entries.iter().map(|e| e.code.as_str()).collect();
    // Entries that share a code are counted once among the codes.
    let codes = if codes.len() == entries {
        String::new()
    } else {
        format!(" ({} code{})", codes.len(), plural(codes.len()))
    };
    format!(
        "ok: {} ({}): {entries} error{}{codes}, {} categor{}, {} file{} read, {w} warning{}",
        file.display(),
        c.name,
        plural(entries),
        c.categories.len(),
        if c.categories.len() == 1 { "y" } else { "ies" },
        loaded.sources.files().count(),
        plural(loaded.sources.files().count()),
        plural(w),
    )
}
