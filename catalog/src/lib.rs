//! The errcat catalogue: format, loading, validation and diagnostics.
//!
//! A catalogue is one YAML file (plus the files it includes) describing every
//! error of an HTTP API: its wire code, status, category, message, details,
//! headers, causes and fixes, and the JSON envelope that carries it. This
//! crate loads and checks catalogues; the `errcat` macros, `errcat-build`
//! and the `errcat` command all read catalogues only through it.
//!
//! ```
//! let loaded = errcat_catalog::load_str("errors.yaml", r#"
//! name: demo
//! title: Demo API
//! envelope: nested
//! categories:
//!   auth: Authentication
//! errors:
//!   unauthorized:
//!     status: 401
//!     category: auth
//!     message: The API key is missing or invalid.
//!     fixes: [Send the key in the `Authorization` header.]
//! "#).expect("valid catalogue");
//! let entry = &loaded.catalog.entries[0];
//! assert_eq!(entry.code, "unauthorized");
//! let body = errcat_catalog::reference::body(&loaded.catalog, entry, &entry.examples[0]);
//! assert_eq!(
//!     String::from_utf8(body).unwrap(),
//!     r#"{"error":{"code":"unauthorized","message":"The API key is missing or invalid."}}"#
//! );
//! ```
//!
//! Problems come back as [`Diagnostic`]s, all of them at once, each with a
//! location, rendered like rustc's:
//!
//! ```
//! let err = errcat_catalog::load_str("errors.yaml", "name: demo\ntitle: Demo\nenvelope: nested\nerrors:\n  a:\n    status: 700\n    category: x\n").unwrap_err();
//! let text = err.render();
//! assert!(text.contains("error[E0022]: HTTP status 700 is outside 100-599"));
//! assert!(text.contains("--> errors.yaml:6:13"));
//! ```

pub mod codes;
pub mod confined_fs;
mod diagnostic;
mod examples;
mod http_status;
pub mod ident;
mod includes;
mod json_value;
pub mod message;
pub mod model;
mod parse;
pub mod reference;
pub mod source_map;
mod suggest;
pub mod template;
mod tree_reader;
mod validate;
mod yaml;

pub use codes::{Code, Severity};
pub use diagnostic::{Diagnostic, Label};
pub use examples::synthesize;
pub use http_status::status_title;
pub use includes::LoadOptions;
pub use json_value::{Json, json_string};
pub use model::Catalog;
pub use source_map::{SourceMap, Span};
pub use suggest::did_you_mean;
pub use tree_reader::Located;

/// The JSON Schema (draft 2020-12) of the catalogue format, for YAML
/// editors: with `# yaml-language-server: $schema=<its URL>` at the top of
/// a catalogue they complete keys and flag unknown ones. The loader stays
/// the judge: it checks what a schema cannot (placeholders against
/// details, categories against their declarations) and explains it.
pub const FORMAT_SCHEMA: &str = include_str!("../catalogue.schema.json");

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A catalogue that loaded without errors.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved catalogue. It is complete and checked, so it is shared
    /// rather than owned: a renderer or template engine that needs owned,
    /// `'static` data holds a clone of the `Arc` instead of a copy.
    pub catalog: Arc<Catalog>,
    /// Warnings (never errors).
    pub warnings: Vec<Diagnostic>,
    /// Warnings the catalogue silences with `allow`.
    pub allowed: Vec<Diagnostic>,
    /// Every file read, for rendering the warnings.
    pub sources: SourceMap,
}

impl Loaded {
    /// The paths of every file read (the catalogue and its includes), as
    /// given to the loader. Build tools use them to rebuild on change.
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        self.sources.files().map(|(_, f)| f.path.clone()).collect()
    }

    /// The warnings rendered like rustc's.
    #[must_use]
    pub fn render_warnings(&self) -> String {
        diagnostic::render_all(&self.warnings, &self.sources)
    }
}

/// A catalogue that has errors.
#[derive(Debug)]
pub struct LoadError {
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// What could be read despite the errors: every entry that resolved,
    /// for tools that go on with a partial catalogue (the macro expands
    /// it, so that code using the enum keeps compiling and the user sees
    /// the catalogue's diagnostics alone). `None` when nothing could be.
    pub partial: Option<Arc<Catalog>>,
    /// Every file read, for rendering.
    pub sources: SourceMap,
}

impl LoadError {
    /// Every diagnostic rendered like rustc's.
    #[must_use]
    pub fn render(&self) -> String {
        diagnostic::render_all(&self.diagnostics, &self.sources)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The paths of every file read.
    #[must_use]
    pub fn files(&self) -> Vec<PathBuf> {
        self.sources.files().map(|(_, f)| f.path.clone()).collect()
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for LoadError {}

/// Loads a catalogue file and its includes. Paths in diagnostics are shown
/// relative to the current directory.
///
/// # Errors
/// Every problem found, if there is at least one error.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let base = std::env::current_dir().unwrap_or_default();
    load_with_base(path, &base)
}

/// Loads a catalogue file and its includes. Paths in diagnostics are shown
/// relative to `base`.
///
/// # Errors
/// Every problem found, if there is at least one error.
pub fn load_with_base(path: &Path, base: &Path) -> Result<Loaded, LoadError> {
    load_with(path, base, &LoadOptions::default())
}

/// Loads a catalogue file and its includes with `options`. Paths in
/// diagnostics are shown relative to `base`.
///
/// # Errors
/// Every problem found, if there is at least one error.
pub fn load_with(path: &Path, base: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut sources = SourceMap::new();
    let mut sink = tree_reader::Sink::default();
    let fragments = includes::read_all(path, base, options, &mut sources, &mut sink);
    finish(fragments, sources, sink)
}

/// Loads a catalogue from text. It cannot include files.
///
/// # Errors
/// Every problem found, if there is at least one error.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let mut sources = SourceMap::new();
    let mut sink = tree_reader::Sink::default();
    let fragments = includes::read_text(name, text, &mut sources, &mut sink);
    finish(fragments, sources, sink)
}

/// Resolves what was read into a catalogue.
fn finish(
    fragments: includes::Fragments,
    sources: SourceMap,
    mut sink: tree_reader::Sink,
) -> Result<Loaded, LoadError> {
    let catalog = if fragments.is_empty() {
        None
    } else {
        validate::resolve(fragments, &sources, &mut sink)
    };
    let findings = sink.finish();
    match catalog {
        Some(catalog) if !findings.has_errors() => Ok(Loaded {
            catalog: Arc::new(catalog),
            warnings: findings.diagnostics,
            allowed: findings.allowed,
            sources,
        }),
        partial => Err(LoadError {
            diagnostics: findings.diagnostics,
            partial: partial.map(Arc::new),
            sources,
        }),
    }
}
