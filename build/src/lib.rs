//! Build-script mode of [errcat](https://docs.rs/errcat): writes the error
//! enum of a YAML catalogue into `OUT_DIR` from `build.rs`, as readable
//! Rust, instead of expanding `#[errcat::catalog]` on every build.
//!
//! The code is the macro's own expansion (one generator, `errcat-expand`),
//! formatted with `rustfmt` when the toolchain has it. Cargo reruns the
//! build script when the catalogue or any file it includes changes.
//!
//! The crate that includes the file depends on `errcat` without its
//! default `macros` feature, so neither it nor this builder compiles syn:
//! a clean build compiles the catalogue loader and the generator once,
//! for the build script.
//!
//! In `build.rs`, inside `fn main`:
//!
//! ```no_run
//! errcat_build::Builder::new("errors.yaml")
//!     .enum_name("ApiError")
//!     .attribute("#[derive(Clone, PartialEq)]")
//!     .compile()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/errors.rs"));
//! ```
//!
//! The crate still depends on `errcat` for the runtime the generated code
//! calls.
//!
//! With the `docs` feature, `Builder::docs` also writes the catalogue's
//! reference (an mdBook) and its OpenAPI files into a folder, the same
//! files `errcat generate` writes.

use errcat_expand::{EnumItem, Options};
use proc_macro2::{Ident, Span, TokenStream};
use std::path::{Path, PathBuf};

/// Generates the enum of one catalogue. The options are those of the
/// `#[errcat::catalog]` attribute.
#[derive(Clone, Debug)]
pub struct Builder {
    catalogue: String,
    enum_name: String,
    attributes: Vec<String>,
    module: Option<String>,
    examples: bool,
    openapi: bool,
    unknown: Option<String>,
    operations: Vec<(String, Vec<String>)>,
    allow_outside_includes: bool,
    out_file: Option<PathBuf>,
    #[cfg(feature = "docs")]
    docs: Option<PathBuf>,
}

/// The output of [`Builder::generate_in`].
#[derive(Clone, Debug)]
pub struct Generated {
    /// The Rust source, pretty-printed, with a header naming the catalogue.
    pub source: String,
    /// The catalogue and the files it includes, for
    /// `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
    /// The catalogue's warnings, one line each.
    pub warnings: Vec<String>,
    /// The catalogue as loaded, so that its docs are rendered without
    /// reading it again.
    pub catalog: std::sync::Arc<errcat_catalog::Catalog>,
}

/// Why the code could not be generated.
#[derive(Debug)]
pub enum Error {
    /// The catalogue has errors: the diagnostics, rendered like rustc's.
    Catalogue(String),
    /// An option is not valid Rust (the text says which).
    Option(String),
    /// The generated file could not be written.
    Io(PathBuf, std::io::Error),
    /// The reference or OpenAPI files could not be rendered or written
    /// (the text says which, and why).
    Docs(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Catalogue(text) | Error::Option(text) | Error::Docs(text) => f.write_str(text),
            Error::Io(path, e) => write!(f, "errcat-build: cannot write {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Generates `OUT_DIR/<stem>.rs` from the catalogue at `catalogue`
/// (relative to the crate's `Cargo.toml`) with the enum `ApiError`.
/// See [`Builder`] for the options.
///
/// # Errors
/// The catalogue's diagnostics, or a write failure.
pub fn compile(catalogue: &str) -> Result<PathBuf, Error> {
    Builder::new(catalogue).compile()
}

impl Builder {
    /// A builder for the catalogue at `catalogue`, relative to the crate's
    /// `Cargo.toml`.
    #[must_use]
    pub fn new(catalogue: &str) -> Self {
        Builder {
            catalogue: catalogue.to_owned(),
            enum_name: "ApiError".to_owned(),
            attributes: Vec::new(),
            module: None,
            examples: false,
            openapi: false,
            unknown: None,
            operations: Vec::new(),
            allow_outside_includes: false,
            out_file: None,
            #[cfg(feature = "docs")]
            docs: None,
        }
    }

    /// The enum's name (default `ApiError`).
    #[must_use]
    pub fn enum_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.enum_name);
        self
    }

    /// An attribute (or doc comment) on the enum, as Rust source, for
    /// example `#[derive(Clone, PartialEq)]`.
    #[must_use]
    pub fn attribute(mut self, attribute: &str) -> Self {
        self.attributes.push(attribute.to_owned());
        self
    }

    /// The companion module's name (`module = "..."`).
    #[must_use]
    pub fn module(mut self, name: &str) -> Self {
        self.module = Some(name.to_owned());
        self
    }

    /// Generates `examples()` (`examples`).
    #[must_use]
    pub fn examples(mut self) -> Self {
        self.examples = true;
        self
    }

    /// Generates `openapi_components()` and the utoipa and aide impls
    /// (`openapi`).
    #[must_use]
    pub fn openapi(mut self) -> Self {
        self.openapi = true;
        self
    }

    /// The catch-all variant for codes the catalogue does not have
    /// (`unknown = Variant`).
    #[must_use]
    pub fn unknown(mut self, variant: &str) -> Self {
        self.unknown = Some(variant.to_owned());
        self
    }

    /// Also generates the enum `name` holding only the errors an
    /// operation returns (`variants`, named as in the catalogue enum), as
    /// the attribute's `operation(Name = [Variant, ...])` does.
    #[must_use]
    pub fn operation(mut self, name: &str, variants: &[&str]) -> Self {
        self.operations.push((
            name.to_owned(),
            variants.iter().map(|v| (*v).to_owned()).collect(),
        ));
        self
    }

    /// Reads includes outside the catalogue's directory
    /// (`allow_outside_includes`).
    #[must_use]
    pub fn allow_outside_includes(mut self) -> Self {
        self.allow_outside_includes = true;
        self
    }

    /// Writes to `path` (relative to the crate's `Cargo.toml`, or a path
    /// in `OUT_DIR`) instead of `OUT_DIR/<stem>.rs`, for a generated file
    /// committed to the repository. A path that leaves both is refused.
    #[must_use]
    pub fn out_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_file = Some(path.into());
        self
    }

    /// Also writes the catalogue's reference book and OpenAPI files into
    /// `dir` (relative to the crate's `Cargo.toml`), as `errcat generate
    /// --out dir` does: `README.md`, the group pages, `SUMMARY.md`,
    /// `book.toml`, `openapi.yaml`, `openapi.json`, a book per translation.
    /// Files that are already up to date are not touched; a file in the
    /// way that errcat did not write stops the build instead of being
    /// replaced. Meant for a folder committed with the crate, for example
    /// `docs/errors`; a path that leaves the crate (and `OUT_DIR`) is
    /// refused.
    #[cfg(feature = "docs")]
    #[must_use]
    pub fn docs(mut self, dir: impl Into<PathBuf>) -> Self {
        self.docs = Some(dir.into());
        self
    }

    /// The reference and OpenAPI files of the catalogue, by path within the
    /// folder given to [`Builder::docs`], for a crate whose `Cargo.toml` is
    /// in `manifest_dir`.
    ///
    /// # Errors
    /// The catalogue's diagnostics, or a template failure.
    #[cfg(feature = "docs")]
    pub fn docs_in(&self, manifest_dir: &Path) -> Result<errcat_render::output::Outputs, Error> {
        self.docs_files(&self.load(manifest_dir)?.catalog)
    }

    /// The reference and OpenAPI files of `catalog` (see
    /// [`Builder::docs_in`]).
    #[cfg(feature = "docs")]
    fn docs_files(
        &self,
        catalog: &std::sync::Arc<errcat_catalog::Catalog>,
    ) -> Result<errcat_render::output::Outputs, Error> {
        let dir = self.docs.clone().unwrap_or_else(|| PathBuf::from("docs"));
        let env = errcat_render::markdown::environment(None).map_err(Error::Docs)?;
        let mut files = errcat_render::output::Outputs::default();
        errcat_render::catalog_outputs::catalog_files(
            &mut files,
            &dir,
            Path::new(""),
            catalog,
            &self.catalogue,
            "cargo build",
            errcat_render::catalog_outputs::Formats::default(),
            &env,
        )
        .map_err(Error::Docs)?;
        Ok(files)
    }

    /// Loads the catalogue with the builder's options.
    fn load(&self, manifest_dir: &Path) -> Result<errcat_catalog::Loaded, Error> {
        let file = manifest_dir.join(&self.catalogue);
        // The catalogue is read where the build script names it; its
        // includes stay in its folder, unless the author allows otherwise.
        let options = errcat_catalog::LoadOptions {
            allow_outside_includes: self.allow_outside_includes,
            root: None,
        };
        errcat_catalog::load_with(&file, manifest_dir, &options).map_err(|e| {
            Error::Catalogue(format!(
                "errcat-build: the catalogue `{}` has errors\n\n{}",
                self.catalogue,
                e.render()
            ))
        })
    }

    /// The enum and the expansion's options, from the builder's.
    fn enum_and_options(&self) -> Result<(EnumItem, Options), Error> {
        let mut attrs = TokenStream::new();
        for text in &self.attributes {
            let parsed: TokenStream = text.parse().map_err(|e| {
                Error::Option(format!(
                    "errcat-build: the attribute `{text}` does not lex: {e}"
                ))
            })?;
            attrs.extend(parsed);
        }
        let item = EnumItem {
            attrs,
            vis: quote::quote!(pub),
            ident: parse_ident(&self.enum_name, "enum_name")?,
        };
        let options = Options {
            module: self
                .module
                .as_deref()
                .map(|m| parse_ident(m, "module"))
                .transpose()?,
            examples: self.examples,
            openapi: self.openapi.then(Span::call_site),
            unknown: self
                .unknown
                .as_deref()
                .map(|u| parse_ident(u, "unknown"))
                .transpose()?,
            allow_clippy: true,
            operations: self
                .operations
                .iter()
                .map(|(name, variants)| {
                    Ok(errcat_expand::Operation {
                        ident: parse_ident(name, "operation")?,
                        variants: variants
                            .iter()
                            .map(|v| parse_ident(v, "operation"))
                            .collect::<Result<_, Error>>()?,
                    })
                })
                .collect::<Result<_, Error>>()?,
        };
        Ok((item, options))
    }

    /// The generated Rust source, formatted, for a crate whose
    /// `Cargo.toml` is in `manifest_dir`.
    ///
    /// # Errors
    /// The catalogue's diagnostics, or an option that is not Rust.
    pub fn generate_in(&self, manifest_dir: &Path) -> Result<Generated, Error> {
        let (item, options) = self.enum_and_options()?;
        let loaded = self.load(manifest_dir)?;
        let tokens = errcat_expand::generate(&loaded.catalog, &item, &options);
        Ok(Generated {
            source: source_text(&self.catalogue, &tokens),
            files: loaded.files(),
            warnings: loaded
                .warnings
                .iter()
                .map(|w| w.short(&loaded.sources))
                .collect(),
            catalog: loaded.catalog,
        })
    }

    /// Writes the generated file (see [`Builder::out_file`]), prints
    /// `cargo:rerun-if-changed` for the catalogue and its includes and
    /// `cargo:warning` for its warnings, and returns the file's path. Call
    /// it from `build.rs`.
    ///
    /// # Errors
    /// The catalogue's diagnostics, or a write failure.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let manifest_dir =
            PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
        self.compile_in(&manifest_dir, &out_dir)
    }

    /// [`Builder::compile`] with the crate's folder and `OUT_DIR` given
    /// rather than read from the environment.
    fn compile_in(&self, manifest_dir: &Path, out_dir: &Path) -> Result<PathBuf, Error> {
        let generated = self.generate_in(manifest_dir)?;
        let source = &generated.source;
        for file in &generated.files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        for warning in &generated.warnings {
            println!("cargo:warning=errcat: {warning}");
        }
        let out = match &self.out_file {
            Some(path) => crate_path(manifest_dir, out_dir, path, "out_file")?,
            None => {
                let stem = Path::new(&self.catalogue)
                    .file_stem()
                    .map_or_else(|| "errors".into(), |s| s.to_string_lossy().into_owned());
                out_dir.join(format!("{stem}.rs"))
            }
        };
        // Unchanged text is not rewritten, so that cargo does not rebuild
        // what includes it.
        if std::fs::read_to_string(&out).ok().as_deref() != Some(source.as_str()) {
            std::fs::write(&out, source).map_err(|e| Error::Io(out.clone(), e))?;
        }
        #[cfg(feature = "docs")]
        if let Some(dir) = &self.docs {
            // The folder is errcat's: stale pages it wrote are removed,
            // and a file it did not write stops the build untouched.
            use errcat_render::output::WriteError;
            let folder = crate_path(manifest_dir, out_dir, dir, "docs")?;
            if dir.components().all(|c| c == std::path::Component::CurDir) {
                return Err(Error::Option(
                    "errcat-build: `docs` names the crate's own folder; errcat owns its docs folder, so name one of its own, such as `docs/errors`".to_owned(),
                ));
            }
            self.docs_files(&generated.catalog)?
                .write(&folder, true, false)
                .map_err(|e| match &e {
                    WriteError::Foreign(paths) => Error::Docs(format!(
                        "errcat-build: errcat did not write {}, in the docs folder `{}`; nothing was written there. Move it away, or choose another folder with `Builder::docs`.",
                        paths
                            .iter()
                            .map(|p| p.strip_prefix(manifest_dir).unwrap_or(p).display().to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        dir.display()
                    )),
                    WriteError::Symlinked(_) | WriteError::Io(_) => {
                        Error::Docs(format!("errcat-build: {e}"))
                    }
                })?;
        }
        Ok(out)
    }
}

/// `path`, given to the builder option `option`: a path in `OUT_DIR`
/// (`out_dir`), or one relative to the crate's folder. Refused when it
/// leaves both (absolute elsewhere, `..` above the crate, or through a
/// symlink to elsewhere), so a build script writes only there.
fn crate_path(
    manifest_dir: &Path,
    out_dir: &Path,
    path: &Path,
    option: &str,
) -> Result<PathBuf, Error> {
    let (root, rest) = match path.strip_prefix(out_dir) {
        Ok(rest) if out_dir.is_absolute() => (out_dir, rest),
        _ => (manifest_dir, path),
    };
    errcat_catalog::confined_fs::check_inside(root, rest).map_err(|why| {
        Error::Option(format!(
            "errcat-build: `{option}` must name a path inside the crate or OUT_DIR: {why}"
        ))
    })
}

/// `text` as an identifier, if it is one (not a keyword).
fn parse_ident(text: &str, option: &str) -> Result<Ident, Error> {
    let mut chars = text.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
        && !errcat_catalog::ident::is_keyword(text)
        && !errcat_catalog::ident::is_reserved(text);
    if valid {
        Ok(Ident::new(text, Span::call_site()))
    } else {
        Err(Error::Option(format!(
            "errcat-build: `{option}` must be a Rust identifier, not `{text}`"
        )))
    }
}

/// The expansion as a file with a header naming its source, formatted by
/// `rustfmt` (the `RUSTFMT` variable names another) when it runs; the
/// token text as it is otherwise, which compiles the same.
fn source_text(catalogue: &str, tokens: &TokenStream) -> String {
    let code = tokens.to_string();
    let code = rustfmt(&code).unwrap_or(code);
    format!(
        "// Generated by errcat-build from `{catalogue}`. Do not edit: change the\n\
         // catalogue, and the build script writes this file again.\n\n{code}"
    )
}

/// `code` formatted by rustfmt, or `None` if it could not run.
fn rustfmt(code: &str) -> Option<String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(program)
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    // Written from another thread, so that a large file cannot fill both
    // pipes at once.
    let text = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

#[cfg(all(test, feature = "docs"))]
mod docs_tests {
    use super::{Builder, Error};
    use std::path::{Path, PathBuf};

    const CATALOGUE: &str = "name: shop\ntitle: Shop\nenvelope: nested\ntranslations: [errors.fr.yaml]\nerrors:\n  not_found:\n    status: 404\n    message: Not found.\n    fixes: [Check the id.]\n";
    const FRENCH: &str = "locale: fr\nmessages:\n  not_found: Introuvable.\n";

    fn crate_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("out")).unwrap();
        std::fs::write(dir.join("errors.yaml"), CATALOGUE).unwrap();
        std::fs::write(dir.join("errors.fr.yaml"), FRENCH).unwrap();
        dir
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn the_build_script_writes_the_reference_and_openapi() {
        let dir = crate_dir("docs");
        let builder = Builder::new("errors.yaml").docs("docs/errors");
        builder.compile_in(&dir, &dir.join("out")).unwrap();
        let docs = dir.join("docs/errors");
        assert!(read(&dir.join("out/errors.rs")).contains("pub enum ApiError"));
        let overview = read(&docs.join("README.md"));
        assert!(
            overview.contains("Generated by errcat from errors.yaml"),
            "{overview}"
        );
        assert!(
            overview.contains("run `cargo build` to regenerate"),
            "{overview}"
        );
        assert!(read(&docs.join("fr/README.md")).contains("\"message\": \"Introuvable.\""));
        let openapi: serde_json::Value =
            serde_json::from_str(&read(&docs.join("openapi.json"))).unwrap();
        assert_eq!(openapi["openapi"], "3.1.0");
        // No absolute path: the book builds next to the crate's target.
        let book = read(&docs.join("book.toml"));
        assert!(
            book.contains("build-dir = \"../../target/book/shop\""),
            "{book}"
        );
        // The same files as the renderer gives, and nothing else.
        let expected = builder.docs_in(&dir).unwrap();
        let changes = expected.diff(&docs, true);
        assert!(
            changes
                .iter()
                .all(|(_, c)| *c == errcat_render::output::Change::Unchanged),
            "{changes:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_errcat_did_not_write_stops_the_build_untouched() {
        let dir = crate_dir("foreign");
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/README.md"), "# Our own notes\n").unwrap();
        let err = Builder::new("errors.yaml")
            .docs("docs")
            .compile_in(&dir, &dir.join("out"))
            .unwrap_err();
        assert!(matches!(err, Error::Docs(_)), "{err}");
        let text = err.to_string();
        assert!(
            text.contains("errcat did not write docs/README.md"),
            "{text}"
        );
        assert_eq!(read(&dir.join("docs/README.md")), "# Our own notes\n");
        assert!(
            !dir.join("docs/openapi.json").exists(),
            "nothing is written"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn docs_and_out_file_stay_inside_the_crate() {
        let dir = crate_dir("confined");
        let outside = crate_dir("confined-elsewhere").join("docs");
        std::fs::create_dir_all(&outside).unwrap();
        let builder = |f: fn(Builder) -> Builder| f(Builder::new("errors.yaml"));
        let refused = [
            builder(|b| b.docs("../../x")),
            builder(|b| b.docs("/tmp/errcat-docs")),
            builder(|b| b.docs(".")),
            builder(|b| b.out_file("../errors.rs")),
            builder(|b| b.out_file("/tmp/errcat-errors.rs")),
        ];
        for b in refused {
            let err = b.compile_in(&dir, &dir.join("out")).unwrap_err();
            assert!(matches!(err, Error::Option(_)), "{err}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, dir.join("linked")).unwrap();
            let err = Builder::new("errors.yaml")
                .docs("linked/docs")
                .compile_in(&dir, &dir.join("out"))
                .unwrap_err();
            assert!(
                err.to_string().contains("symlink to a place outside"),
                "{err}"
            );
            assert_eq!(
                std::fs::read_dir(&outside).unwrap().count(),
                0,
                "nothing written there"
            );
        }
        assert!(!Path::new("/tmp/errcat-docs").exists());
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(outside.parent().unwrap());
    }
}
