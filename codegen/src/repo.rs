//! The repository's own catalogues and their committed docs.

use crate::catalog_outputs::{self, Formats};
use crate::output::Outputs;
use errcat_catalog::Loaded;
use minijinja::Environment;
use std::path::{Path, PathBuf};

/// The command that regenerates the repository's docs.
pub const REGENERATE: &str = "cargo run -p codegen";

/// Finds the repository root: the nearest directory, from `start` up, with
/// a `Cargo.toml` and a `catalog/catalogs` folder.
#[must_use]
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join("Cargo.toml").is_file() && d.join("catalog/catalogs").is_dir())
        .map(Path::to_path_buf)
}

/// Every catalogue of the repository: the `.yaml` files under
/// `catalog/catalogs/`, except the fragments in `shared/` folders, sorted.
#[must_use]
pub fn catalogue_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join("catalog/catalogs")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "shared") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Loads every catalogue and builds the full content of `generated-docs/`.
/// Warnings are returned with the catalogues; errors end the run.
///
/// # Errors
/// Rendered diagnostics of the first catalogue with errors, or a template
/// error.
pub fn plan(
    root: &Path,
    env: &Environment<'_>,
    formats: Formats,
) -> Result<(Outputs, Vec<Loaded>), String> {
    let mut out = Outputs::default();
    let mut loaded_all: Vec<Loaded> = Vec::new();
    let mut index = String::new();
    for file in catalogue_files(root) {
        let loaded = errcat_catalog::load_with_base(&file, root).map_err(|e| e.render())?;
        let source = errcat_catalog::source_map::display_path(&file, root);
        let name = loaded.catalog.name.clone();
        if let Some(other) = loaded_all.iter().find(|l| l.catalog.name == name) {
            return Err(format!(
                "error: two catalogues are named `{name}` ({} and {source}); names must be unique, they name the folders of generated-docs/",
                other
                    .sources
                    .files()
                    .next()
                    .map(|(_, f)| f.display.clone())
                    .unwrap_or_default()
            ));
        }
        catalog_outputs::catalog_files(
            &mut out,
            Path::new("generated-docs"),
            Path::new(&name),
            &loaded.catalog,
            &source,
            REGENERATE,
            formats,
            env,
        )?;
        index.push_str(&format!(
            "| [{}]({name}/README.md) | `{source}` | {} | [openapi.yaml]({name}/openapi.yaml) |\n",
            errcat_catalog::md_escape::cell(&loaded.catalog.title),
            loaded.catalog.entries.len()
        ));
        loaded_all.push(loaded);
    }
    let comment = catalog_outputs::generated_by("catalog/catalogs/", REGENERATE);
    out.add(
        "README.md",
        format!("<!-- {comment} -->\n\n# Generated error references\n\n| Reference | Catalogue | Codes | OpenAPI |\n|---|---|---|---|\n{index}\nSee also the [index of errcat's diagnostics](diagnostics.md).\n"),
    );
    out.add(
        "diagnostics.md",
        catalog_outputs::diagnostics_page(&comment),
    );
    Ok((out, loaded_all))
}
