//! The set of generated files: written atomically, or compared with what
//! is on disk.

use errcat_catalog::source_map::{display_path, relative_path};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Generated files, by path relative to an output directory, in a fixed
/// order.
#[derive(Debug, Default)]
pub struct Outputs {
    /// The files.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

/// What happened, or would happen, to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The file did not exist.
    Created,
    /// The file had other content.
    Updated,
    /// The file already had this content.
    Unchanged,
    /// The file is not generated any more.
    Removed,
}

impl Outputs {
    /// Adds a file.
    pub fn add(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    /// Compares with `dir` without writing. Files in `dir` that are not
    /// generated count as `Removed` when `owns_dir` is set.
    #[must_use]
    pub fn diff(&self, dir: &Path, owns_dir: bool) -> Vec<(PathBuf, Change)> {
        let mut out = Vec::new();
        for (path, content) in &self.files {
            let change = match std::fs::read(dir.join(path)) {
                Ok(old) if old == *content => Change::Unchanged,
                Ok(_) => Change::Updated,
                Err(_) => Change::Created,
            };
            out.push((path.clone(), change));
        }
        if owns_dir {
            for path in existing_files(dir) {
                if !self.files.contains_key(&path) {
                    out.push((path, Change::Removed));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Writes every changed file atomically (a temporary file renamed into
    /// place) and, when `owns_dir` is set, removes files no longer
    /// generated. Returns what changed.
    ///
    /// # Errors
    /// The first I/O error, with the path.
    pub fn write(&self, dir: &Path, owns_dir: bool) -> Result<Vec<(PathBuf, Change)>, String> {
        let changes = self.diff(dir, owns_dir);
        for (path, change) in &changes {
            let full = dir.join(path);
            match change {
                Change::Created | Change::Updated => write_atomically(&full, &self.files[path])?,
                Change::Removed => std::fs::remove_file(&full)
                    .map_err(|e| format!("cannot remove {}: {e}", full.display()))?,
                Change::Unchanged => {}
            }
        }
        if owns_dir {
            remove_empty_dirs(dir);
        }
        Ok(changes)
    }
}

/// Writes `content` to a temporary file next to `path`, then renames it
/// over `path`, so a reader never sees half a file.
///
/// # Errors
/// The I/O error, with the path.
pub fn write_atomically(path: &Path, content: &[u8]) -> Result<(), String> {
    let parent = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, content).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot replace {}: {e}", path.display())
    })
}

fn existing_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// How generated files name an input or output path: relative to the
/// working directory `cwd` (with `..` where needed), so that they never hold
/// an absolute path unless nothing but the root is shared.
#[must_use]
pub fn relative(path: &Path, cwd: &Path) -> String {
    relative_path(cwd, path).unwrap_or_else(|| display_path(path, cwd))
}

/// A path for messages: [`display_path`] with nothing to shorten against.
#[must_use]
pub fn shown(path: &Path) -> String {
    display_path(path, Path::new(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_with_single_slashes() {
        assert_eq!(shown(Path::new("/work/docs/a.md")), "/work/docs/a.md");
        assert_eq!(shown(Path::new("docs/a.md")), "docs/a.md");
        assert_eq!(shown(Path::new("../docs")), "../docs");
    }

    #[test]
    fn generated_files_name_paths_relative_to_the_working_directory() {
        let cwd = Path::new("/tmp/work-a");
        assert_eq!(
            relative(Path::new("/tmp/repo/x.yaml"), cwd),
            "../repo/x.yaml"
        );
        assert_eq!(relative(Path::new("c/../x.yaml"), cwd), "x.yaml");
        assert_eq!(
            relative(Path::new("/srv/x.yaml"), Path::new("/home/u")),
            "/srv/x.yaml"
        );
    }

    #[test]
    fn writes_reports_and_removes() {
        let dir = std::env::temp_dir().join(format!("errcat-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("old")).unwrap();
        std::fs::write(dir.join("old/stale.md"), "x").unwrap();
        let mut out = Outputs::default();
        out.add("a/b.md", "hello\n");
        let changes = out.write(&dir, true).unwrap();
        assert_eq!(
            changes,
            vec![
                (PathBuf::from("a/b.md"), Change::Created),
                (PathBuf::from("old/stale.md"), Change::Removed)
            ]
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("a/b.md")).unwrap(),
            "hello\n"
        );
        assert!(!dir.join("old").exists(), "empty directories are removed");
        assert_eq!(
            out.diff(&dir, true),
            vec![(PathBuf::from("a/b.md"), Change::Unchanged)]
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.join("a"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary files stay behind");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
