//! Finding and loading the catalogue named by a macro, and telling cargo to
//! rebuild when any file it read changes.

use errcat_catalog::{LoadError, Loaded};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::path::{Component, Path, PathBuf};

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
pub fn load(site: &CallSite, path: &str) -> Result<Loaded, LoadError> {
    let (file, base) = resolve(site, path);
    errcat_catalog::load_with_base(&file, &base)
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
        let relative_to_caller = site
            .caller_file
            .as_ref()
            .and_then(|caller| caller.parent())
            .and_then(|dir| relative_path(dir, file))
            .filter(|p| !p.as_os_str().is_empty());
        match relative_to_caller {
            Some(rel) => {
                let rel = to_slash(&rel);
                quote!(
                    const _: &[u8] = ::core::include_bytes!(#rel);
                )
            }
            None => {
                let rel = file
                    .strip_prefix(&site.manifest_dir)
                    .map_or_else(|_| to_slash(file), to_slash);
                let joined = format!("/{rel}");
                quote!(
                    const _: &[u8] = ::core::include_bytes!(
                        ::core::concat!(::core::env!("CARGO_MANIFEST_DIR"), #joined)
                    );
                )
            }
        }
    });
    quote!(#(#items)*)
}

fn to_slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The path of `to` relative to the directory `from`, both made absolute
/// and normalised; `None` if they share no root.
pub fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let from = normalize(from)?;
    let to = normalize(to)?;
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for part in &to[common..] {
        out.push(part);
    }
    Some(out)
}

fn normalize(path: &Path) -> Option<Vec<String>> {
    let path = std::fs::canonicalize(path).ok()?;
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_walk_up_and_down() {
        let root = std::env::temp_dir().join(format!("errcat-rel-{}", std::process::id()));
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("errors")).unwrap();
        std::fs::write(root.join("errors/a.yaml"), "x").unwrap();
        let rel = relative_path(&root.join("src/api"), &root.join("errors/a.yaml")).unwrap();
        assert_eq!(to_slash(&rel), "../../errors/a.yaml");
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[cfg(test)]
mod track_tests {
    use super::*;

    #[test]
    fn tracked_paths_are_relative_to_the_calling_file() {
        let root = std::env::temp_dir().join(format!("errcat-track-{}", std::process::id()));
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("errors")).unwrap();
        std::fs::write(root.join("src/lib.rs"), "").unwrap();
        std::fs::write(root.join("errors/api.yaml"), "x").unwrap();
        let site = CallSite {
            manifest_dir: root.clone(),
            caller_file: Some(root.join("src/lib.rs")),
        };
        let tokens = track_files(&site, &[root.join("errors/api.yaml")]).to_string();
        assert!(
            tokens.contains("include_bytes ! (\"../errors/api.yaml\")"),
            "{tokens}"
        );
        assert!(
            !tokens.contains(root.to_str().unwrap()),
            "no absolute path: {tokens}"
        );
        // Without a known caller, the path is built from CARGO_MANIFEST_DIR.
        let site = CallSite {
            manifest_dir: root.clone(),
            caller_file: None,
        };
        let tokens = track_files(&site, &[root.join("errors/api.yaml")]).to_string();
        assert!(
            tokens.contains("env ! (\"CARGO_MANIFEST_DIR\")")
                && tokens.contains("\"/errors/api.yaml\""),
            "{tokens}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
