//! The project file, `errcat.toml`: which catalogues a repository has and
//! where their docs go. `errcat` with no command regenerates them, and
//! `errcat --check` fails when the committed files are stale.
//!
//! ```toml
//! # errcat.toml, at the root of the repository
//! catalogues = ["errors/api.yaml", "errors/partners"]  # files or folders
//! out = "docs/errors"
//! ```

use crate::diagnostics_output::Reporter;
use errcat_catalog::{Loaded, confined_fs};
use errcat_render::catalog_outputs::{self, Formats};
use errcat_render::output::Outputs;
use minijinja::Environment;
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The project file's name.
pub const FILE_NAME: &str = "errcat.toml";

/// The contents of `errcat.toml`. Paths are relative to the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    /// Catalogue files, or folders whose `.yaml` files (at any depth,
    /// except in folders named `shared`, which hold included fragments, or
    /// `translations`) are catalogues.
    pub catalogues: Vec<Spanned<String>>,
    /// The output folder: one folder per catalogue, named after it, and
    /// a `README.md` indexing them. errcat owns it: files no catalogue
    /// generates are removed.
    pub out: Spanned<String>,
    /// The command named in the generated files' "do not edit" comment
    /// (default `errcat`).
    #[serde(default)]
    pub regenerate: Option<String>,
    /// Also write `diagnostics.md`, the index of errcat's diagnostic codes.
    #[serde(default)]
    pub diagnostics_index: bool,
    /// Also write `catalogue.schema.json`, the JSON Schema of the
    /// catalogue format, for YAML editors.
    #[serde(default)]
    pub schema: bool,
    /// A folder of templates overriding the embedded ones.
    #[serde(default)]
    pub templates: Option<Spanned<String>>,
    /// Let catalogues include files outside their own folder.
    #[serde(default)]
    pub allow_outside_includes: bool,
}

/// A project: its file and the folder it is in.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `errcat.toml`; every path is relative to it.
    pub root: PathBuf,
    /// The file's contents.
    pub file: ProjectFile,
}

/// The nearest `errcat.toml`, from `start` up.
#[must_use]
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|f| f.is_file())
}

/// The message for a directory without a project file.
#[must_use]
pub fn missing_message() -> String {
    format!(
        "error: no `{FILE_NAME}` in this folder or above\n  = help: create one at the root of the repository:\n\n        catalogues = [\"errors.yaml\"]\n        out = \"docs/errors\"\n\n  = help: or name the files: `errcat generate errors.yaml --out docs/errors`"
    )
}

impl Project {
    /// Reads `errcat.toml` at `path`.
    ///
    /// # Errors
    /// A rustc-style message naming the file, line and column.
    pub fn read(path: &Path) -> Result<Self, String> {
        let shown = path.file_name().map_or_else(
            || FILE_NAME.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        // Opened without waiting and refused unless a regular file: a FIFO
        // named errcat.toml must not hang the command.
        use errcat_catalog::confined_fs::{ReadError, read_confined};
        let bytes = read_confined(path, None, 1024 * 1024).map_err(|e| match e {
            ReadError::NotRegular(what) => format!("error: cannot read {shown}: it is {what}"),
            ReadError::TooLarge(_) => format!("error: cannot read {shown}: it is over 1 MiB"),
            ReadError::Outside => format!("error: cannot read {shown}"),
            ReadError::Io(e) => format!("error: cannot read {shown}: {e}"),
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("error: cannot read {shown}: it is not UTF-8"))?;
        let at = |start: usize| {
            let before = &text[..start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("{shown}:{line}:{column}")
        };
        let file: ProjectFile = toml::from_str(&text).map_err(|e| {
            format!(
                "error: invalid project file: {}\n --> {}\n  = help: the keys are `catalogues`, `out`, `regenerate`, `diagnostics_index`, `schema`, `templates` and `allow_outside_includes`",
                e.message(),
                at(e.span().map_or(0, |s| s.start))
            )
        })?;
        if file.catalogues.is_empty() {
            return Err(format!(
                "error: {shown} lists no catalogues\n  = help: `catalogues = [\"errors.yaml\"]`"
            ));
        }
        let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let paths = file.catalogues.iter().map(|c| ("catalogues", c));
        let paths = paths.chain(std::iter::once(("out", &file.out)));
        for (key, value) in paths.chain(file.templates.iter().map(|t| ("templates", t))) {
            confined_fs::check_inside(&root, Path::new(value.get_ref())).map_err(|why| {
                format!(
                    "error: `{key}` names a path outside the project: {why}\n --> {}\n  = help: errcat reads and writes only inside the folder holding {FILE_NAME}",
                    at(value.span().start)
                )
            })?;
        }
        if Path::new(file.out.get_ref())
            .components()
            .all(|c| c == Component::CurDir)
        {
            return Err(format!(
                "error: `out` is the project folder itself\n --> {}\n  = help: errcat owns its output folder; name a folder of its own, such as `docs/errors`",
                at(file.out.span().start)
            ));
        }
        Ok(Project { root, file })
    }

    /// The command named in the generated files.
    #[must_use]
    pub fn regenerate_command(&self) -> &str {
        self.file.regenerate.as_deref().unwrap_or("errcat")
    }

    /// How the project's catalogues are loaded.
    #[must_use]
    pub fn load_options(&self) -> errcat_catalog::LoadOptions {
        errcat_catalog::LoadOptions {
            allow_outside_includes: self.file.allow_outside_includes,
            root: Some(self.root.clone()),
        }
    }

    /// The output folder.
    #[must_use]
    pub fn out_dir(&self) -> PathBuf {
        self.root.join(self.file.out.get_ref())
    }

    /// Every catalogue file, sorted.
    ///
    /// # Errors
    /// When a listed path does not exist.
    pub fn catalogue_files(&self) -> Result<Vec<PathBuf>, String> {
        let mut out = Vec::new();
        for listed in &self.file.catalogues {
            let path = self.root.join(listed.get_ref());
            if path.is_file() {
                out.push(path);
            } else if path.is_dir() {
                out.extend(yaml_files_under(&path, &self.root));
            } else {
                return Err(format!(
                    "error: {FILE_NAME} lists `{}`, which is neither a file nor a folder",
                    listed.get_ref()
                ));
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Loads every catalogue and builds the full content of the output
    /// folder. Warnings are returned with the catalogues; errors end the
    /// run, after `reporter` printed them.
    ///
    /// # Errors
    /// The summary of the first catalogue with errors, a clash of names,
    /// or a template error.
    pub fn plan(
        &self,
        env: &Environment<'_>,
        formats: Formats,
        reporter: Reporter,
    ) -> Result<(Outputs, Vec<Loaded>), String> {
        let options = self.load_options();
        let command = self.regenerate_command();
        let mut out = Outputs::default();
        let mut loaded_all: Vec<Loaded> = Vec::new();
        let mut index = String::new();
        for file in self.catalogue_files()? {
            let source = errcat_catalog::source_map::display_path(&file, &self.root);
            let loaded = errcat_catalog::load_with(&file, &self.root, &options)
                .map_err(|e| reporter.load_error(&e, &source))?;
            let name = loaded.catalog.name.clone();
            if let Some(other) = loaded_all.iter().find(|l| l.catalog.name == name) {
                return Err(format!(
                    "error: two catalogues are named `{name}` ({} and {source}); names must be unique, they name the folders of {}/",
                    other
                        .sources
                        .files()
                        .next()
                        .map(|(_, f)| f.display.clone())
                        .unwrap_or_default(),
                    self.file.out.get_ref()
                ));
            }
            catalog_outputs::catalog_files(
                &mut out,
                Path::new(self.file.out.get_ref()),
                Path::new(&name),
                &loaded.catalog,
                &source,
                command,
                formats,
                env,
            )?;
            index.push_str(&format!(
                "| [{}]({name}/README.md) | `{source}` | {} | [openapi.yaml]({name}/openapi.yaml) |\n",
                errcat_render::md_escape::cell(&loaded.catalog.title),
                loaded.catalog.entries.len()
            ));
            loaded_all.push(loaded);
        }
        let comment = catalog_outputs::generated_by(FILE_NAME, command);
        let see_also = if self.file.diagnostics_index {
            out.add(
                "diagnostics.md",
                catalog_outputs::diagnostics_page(&comment),
            );
            "\nSee also the [index of errcat's diagnostics](diagnostics.md).\n"
        } else {
            ""
        };
        if self.file.schema {
            // The comment first: errcat recognises its files by it.
            let mut schema = serde_json::json!({ "$comment": comment });
            if let (Some(head), Ok(serde_json::Value::Object(body))) = (
                schema.as_object_mut(),
                serde_json::from_str(errcat_catalog::FORMAT_SCHEMA),
            ) {
                head.extend(body);
            }
            let mut text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
            text.push('\n');
            out.add("catalogue.schema.json", text);
        }
        out.add(
            "README.md",
            format!("<!-- {comment} -->\n\n# Error references\n\n| Reference | Catalogue | Codes | OpenAPI |\n|---|---|---|---|\n{index}{see_also}"),
        );
        Ok((out, loaded_all))
    }
}

/// The catalogues under `dir`: its `.yaml` files at any depth, except in
/// folders named `shared` or `translations` (see
/// `confined_fs::files_under`; loading refuses one that leads outside the
/// project `root`).
fn yaml_files_under(dir: &Path, root: &Path) -> Vec<PathBuf> {
    let Some(root) = errcat_catalog::confined_fs::real_root(root) else {
        return Vec::new();
    };
    errcat_catalog::confined_fs::files_under(dir, &root, &|name| {
        name == "shared" || name == "translations"
    })
    .into_iter()
    .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
    .collect()
}
