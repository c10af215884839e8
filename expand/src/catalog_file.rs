//! Finding and loading the catalogue named by a macro, and telling cargo to
//! rebuild when any file it read changes.

use errcat_catalog::source_map::{display_path, relative_path};
use errcat_catalog::{LoadError, Loaded};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::path::{Path, PathBuf};

/// Where the macro is expanded.
#[derive(Clone, Debug)]
pub struct CallSite {
    /// The crate's `CARGO_MANIFEST_DIR`.
    pub manifest_dir: PathBuf,
    /// The source file that invokes the macro, when the compiler says.
    pub caller_file: Option<PathBuf>,
}

impl CallSite {
    /// The call site of the running macro.
    pub fn current(caller_file: Option<PathBuf>) -> Self {
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(|| PathBuf::from("."), PathBuf::from);
        let caller_file = caller_file.map(|f| {
            if f.is_absolute() {
                f
            } else {
                std::env::current_dir().unwrap_or_default().join(f)
            }
        });
        CallSite {
            manifest_dir,
            caller_file,
        }
    }
}

/// Where a catalogue path points, and the directory its diagnostics show
/// paths relative to: the crate's manifest dir, or, if the file is not
/// there, the directory of the source file invoking the macro.
pub fn resolve(site: &CallSite, path: &str) -> (PathBuf, PathBuf) {
    let in_crate = site.manifest_dir.join(path);
    if !in_crate.exists()
        && let Some(dir) = site.caller_file.as_ref().and_then(|f| f.parent())
    {
        let beside = dir.join(path);
        if beside.exists() {
            return (beside, dir.to_path_buf());
        }
    }
    (in_crate, site.manifest_dir.clone())
}

/// Loads the catalogue at `path` (see [`resolve`]).
///
/// # Errors
/// The loader's diagnostics.
pub fn load(
    site: &CallSite,
    path: &str,
    options: &errcat_catalog::LoadOptions,
) -> Result<Loaded, LoadError> {
    // The catalogue is read where the crate's source names it; its
    // includes stay in its folder, unless the author allows otherwise.
    let (file, base) = resolve(site, path);
    errcat_catalog::load_with(&file, &base, options)
}

/// With `ERRCAT_TIMINGS` set in the environment of the build, prints how
/// long loading (with validation) and the whole expansion took.
pub fn report_timing(
    path: &str,
    entries: usize,
    load: std::time::Duration,
    total: std::time::Duration,
) {
    if std::env::var_os("ERRCAT_TIMINGS").is_some() {
        eprintln!(
            "errcat: expanded {path} ({entries} entries) in {:.1} ms: load and validate {:.1} ms, emit {:.1} ms",
            total.as_secs_f64() * 1e3,
            load.as_secs_f64() * 1e3,
            (total - load).as_secs_f64() * 1e3
        );
    }
}

/// A `compile_error!` quoting every diagnostic, at `span`.
pub fn compile_error(err: &LoadError, path: &str, span: Span) -> TokenStream {
    let errors = err.errors().count();
    let mut message = format!(
        "errcat: the catalogue `{path}` has {errors} error{}\n\n{}",
        if errors == 1 { "" } else { "s" },
        err.render().trim_end()
    );
    if err
        .errors()
        .any(|d| d.code == errcat_catalog::codes::FILE_UNREADABLE)
    {
        message.push_str(
            "\n\nnote: the path is relative to the crate's Cargo.toml, or else to the directory of the file invoking the macro",
        );
    }
    quote::quote_spanned!(span=> ::core::compile_error!(#message);)
}

/// `const _: &[u8] = include_bytes!(...)` for every file, so that cargo
/// rebuilds the crate when one of them changes. Paths are relative to the
/// calling file where possible, so no absolute path enters the build.
pub fn track_files(site: &CallSite, files: &[PathBuf]) -> TokenStream {
    let items = files.iter().map(|file| {
        // Canonical paths, so that a relative or symlinked caller still
        // yields the right `..` path.
        let relative_to_caller = site
            .caller_file
            .as_ref()
            .and_then(|caller| caller.parent())
            .and_then(|dir| {
                let dir = std::fs::canonicalize(dir).ok()?;
                let file = std::fs::canonicalize(file).ok()?;
                relative_path(&dir, &file)
            })
            .filter(|p| !p.is_empty());
        if let Some(rel) = relative_to_caller {
            return quote!(
                const _: &[u8] = ::core::include_bytes!(#rel);
            );
        }
        if file.starts_with(&site.manifest_dir) {
            let joined = format!("/{}", display_path(file, &site.manifest_dir));
            quote!(
                const _: &[u8] = ::core::include_bytes!(
                    ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), #joined)
                );
            )
        } else {
            // Outside the crate and not reachable from the caller: the
            // path as it is.
            let path = display_path(file, Path::new(""));
            quote!(
                const _: &[u8] = ::core::include_bytes!(#path);
            )
        }
    });
    quote!(#(#items)*)
}

/// The catalogue's warnings as compiler warnings at `span` (the path in
/// the attribute): each is a use of a deprecated constant whose note is
/// the warning, so `cargo build` shows it and `#![deny(warnings)]` fails on
/// it. The catalogue silences a warning with `allow: [name]`.
pub fn warnings(loaded: &errcat_catalog::Loaded, span: Span) -> TokenStream {
    let items = loaded.warnings.iter().map(|w| {
        let note = format!(
            "errcat: {} (silence it in the catalogue with `allow: [{}]`)",
            w.short(&loaded.sources),
            w.code.name
        );
        let name = quote::format_ident!("catalogue_warning", span = span);
        quote::quote_spanned! {span=>
            const _: () = {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const #name: () = ();
                #name
            };
        }
    });
    quote::quote!(#(#items)*)
}

#[cfg(test)]
mod track_tests {
    use super::*;

    #[test]
    fn tracked_paths_are_relative_to_the_calling_file() {
        let root = std::env::temp_dir().join(format!("errcat-track-{}", std::process::id()));
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("errors")).unwrap();
        std::fs::write(root.join("src/lib.rs"), "").unwrap();
        std::fs::write(root.join("src/api/mod.rs"), "").unwrap();
        std::fs::write(root.join("errors/api.yaml"), "x").unwrap();
        let tracked = |caller: Option<&str>| {
            let site = CallSite {
                manifest_dir: root.clone(),
                caller_file: caller.map(|c| root.join(c)),
            };
            track_files(&site, &[root.join("errors/api.yaml")]).to_string()
        };
        let tokens = tracked(Some("src/lib.rs"));
        assert!(
            tokens.contains("include_bytes ! (\"../errors/api.yaml\")"),
            "{tokens}"
        );
        assert!(
            !tokens.contains(root.to_str().unwrap()),
            "no absolute path: {tokens}"
        );
        // From a file deeper down, the path walks up as far as needed.
        let tokens = tracked(Some("src/api/mod.rs"));
        assert!(
            tokens.contains("include_bytes ! (\"../../errors/api.yaml\")"),
            "{tokens}"
        );
        // Without a known caller, the path is built from CARGO_MANIFEST_DIR.
        let tokens = tracked(None);
        assert!(
            tokens.contains("env ! (\"CARGO_MANIFEST_DIR\")")
                && tokens.contains("\"/errors/api.yaml\""),
            "{tokens}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
