//! The set of generated files: written atomically, or compared with what
//! is on disk, in a folder errcat owns.
//!
//! errcat knows its files by a manifest it writes into the folder
//! ([`MANIFEST`]): each file's path and a hash of the content it wrote. A
//! file the manifest lists is regenerated in place; it is removed, once
//! nothing generates it, only if it still holds what errcat wrote. Any
//! other file is left alone unless `force` replaces it with a generated
//! one, and is never removed.
//! Inside the folder nothing is followed through a symlink, read if it is
//! not a regular file, or written outside it.

use errcat_catalog::confined_fs::{files_under, read_confined, real_root};
use errcat_catalog::source_map::{display_path, relative_path};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

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
    /// The file exists and errcat did not write it (or it changed since):
    /// it is neither replaced nor removed unless forced, and never removed.
    Foreign,
    /// The path goes through a symlink, which errcat never follows in its
    /// folder: nothing is written there, even when forced.
    Symlinked,
}

/// The name of the manifest in the output folder: `<hash>  <path>` per
/// line, for every file errcat wrote there.
pub const MANIFEST: &str = ".errcat-manifest";

/// The largest file errcat reads back from its folder.
const READ_LIMIT: u64 = 64 * 1024 * 1024;

/// A 64-bit FNV-1a hash of `bytes`, as 16 hex digits: enough to tell
/// errcat's own content from any other, not a defence against forgery.
fn content_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The manifest of a set of files.
fn manifest_text(files: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<u8> {
    let mut text = String::from("# Files errcat wrote here, and the hash of each; do not edit.\n");
    for (path, content) in files {
        text.push_str(&format!(
            "{}  {}\n",
            content_hash(content),
            slash_path(path)
        ));
    }
    text.into_bytes()
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The folder errcat owns, as found on disk.
struct Folder {
    dir: PathBuf,
    /// Its real path, when it exists.
    real: Option<PathBuf>,
    /// The hash the manifest lists, by path.
    owned: BTreeMap<PathBuf, String>,
}

impl Folder {
    fn open(dir: &Path) -> Folder {
        let real = real_root(dir);
        let owned = real
            .as_ref()
            .and_then(|r| read_confined(&dir.join(MANIFEST), Some(r), READ_LIMIT).ok())
            .map(|bytes| {
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split_once("  "))
                    .map(|(hash, path)| (PathBuf::from(path), hash.to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Folder {
            dir: dir.to_path_buf(),
            real,
            owned,
        }
    }

    /// The content of a file in the folder, if it is a regular file whose
    /// real path is in the folder.
    fn read(&self, path: &Path) -> Option<Vec<u8>> {
        read_confined(&self.dir.join(path), self.real.as_deref(), READ_LIMIT).ok()
    }

    /// Whether errcat wrote a file at this path (it may have been edited
    /// since: a generated page is regenerated, edits and all).
    fn listed(&self, path: &Path) -> bool {
        self.owned.contains_key(path)
    }

    /// Whether the file still holds exactly what errcat wrote there: only
    /// such a file is removed when nothing generates it any more.
    fn owns(&self, path: &Path, content: &[u8]) -> bool {
        self.owned
            .get(path)
            .is_some_and(|hash| *hash == content_hash(content))
    }

    /// Every regular file in the folder (relative paths), the manifest
    /// left out.
    fn existing(&self) -> Vec<PathBuf> {
        let Some(real) = &self.real else {
            return Vec::new();
        };
        files_under(&self.dir, real, &|_| false)
            .into_iter()
            .filter_map(|p| p.strip_prefix(&self.dir).ok().map(Path::to_path_buf))
            .filter(|p| p != Path::new(MANIFEST))
            .collect()
    }
}

impl Outputs {
    /// Adds a file.
    pub fn add(&mut self, path: impl Into<PathBuf>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    /// Compares with `dir` without writing. Files in `dir` that are not
    /// generated count as `Removed` when `owns_dir` is set and errcat
    /// wrote them. A file errcat did not write counts as `Foreign`.
    #[must_use]
    pub fn diff(&self, dir: &Path, owns_dir: bool) -> Vec<(PathBuf, Change)> {
        let folder = Folder::open(dir);
        let mut out = Vec::new();
        for (path, content) in &self.files {
            let change = match folder.read(path) {
                _ if symlink_on_the_way(dir, path).is_some() => Change::Symlinked,
                Some(old) if old == *content => Change::Unchanged,
                Some(_) if folder.listed(path) => Change::Updated,
                Some(_) => Change::Foreign,
                // Something that is not a regular file in the folder, or
                // a symlink out of it, is in the way all the same.
                None if std::fs::symlink_metadata(dir.join(path)).is_ok() => Change::Foreign,
                None => Change::Created,
            };
            out.push((path.clone(), change));
        }
        if owns_dir {
            for path in folder.existing() {
                if !self.files.contains_key(&path) {
                    let owned = folder
                        .read(&path)
                        .is_some_and(|old| folder.owns(&path, &old));
                    out.push((
                        path,
                        if owned {
                            Change::Removed
                        } else {
                            Change::Foreign
                        },
                    ));
                }
            }
            let manifest = manifest_text(&self.files);
            let change = match folder.read(Path::new(MANIFEST)) {
                Some(old) if old == manifest => Change::Unchanged,
                Some(_) => Change::Updated,
                None => Change::Created,
            };
            out.push((PathBuf::from(MANIFEST), change));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Writes every changed file atomically (a temporary file renamed into
    /// place) and, when `owns_dir` is set, removes the files errcat wrote
    /// that are no longer generated, and writes the manifest. Returns what
    /// changed.
    ///
    /// Files errcat did not write are never replaced or removed: if one is
    /// in the way, nothing at all is written, unless `force` is set (then
    /// those at generated paths are replaced; others are still left alone).
    /// Nothing is written through a symlink, or outside `dir`.
    ///
    /// # Errors
    /// [`WriteError::Foreign`] with the files errcat did not write, or the
    /// first I/O error.
    pub fn write(
        &self,
        dir: &Path,
        owns_dir: bool,
        force: bool,
    ) -> Result<Vec<(PathBuf, Change)>, WriteError> {
        let changes = self.diff(dir, owns_dir);
        let linked: Vec<PathBuf> = changes
            .iter()
            .filter(|(_, c)| *c == Change::Symlinked)
            .map(|(p, _)| dir.join(p))
            .collect();
        if !linked.is_empty() {
            return Err(WriteError::Symlinked(linked));
        }
        let foreign: Vec<PathBuf> = changes
            .iter()
            .filter(|(p, c)| *c == Change::Foreign && (self.files.contains_key(p) || !force))
            .map(|(p, _)| dir.join(p))
            .collect();
        if !foreign.is_empty() && !force {
            return Err(WriteError::Foreign(foreign));
        }
        let manifest = owns_dir.then(|| manifest_text(&self.files));
        for (path, change) in &changes {
            let content = if path == Path::new(MANIFEST) {
                manifest.as_deref()
            } else {
                self.files.get(path).map(Vec::as_slice)
            };
            match (change, content) {
                (Change::Created | Change::Updated | Change::Foreign, Some(content)) => {
                    write_inside(dir, path, content).map_err(WriteError::Io)?;
                }
                (Change::Removed, _) => remove_inside(dir, path).map_err(WriteError::Io)?,
                _ => {}
            }
        }
        if owns_dir {
            remove_empty_dirs(dir);
        }
        Ok(changes)
    }
}

/// Whether `path` (relative) stays below the folder: no `..`, no root, no
/// prefix.
fn is_below(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The first existing component of `dir/path` below `dir` (or `dir`
/// itself) that is a symlink, if any.
fn symlink_on_the_way(dir: &Path, path: &Path) -> Option<PathBuf> {
    let mut at = dir.to_path_buf();
    if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
        return Some(at);
    }
    for component in path.components() {
        at.push(component);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Writes `dir/path` atomically, refusing a path that leaves `dir` or
/// goes through a symlink.
fn write_inside(dir: &Path, path: &Path, content: &[u8]) -> Result<(), String> {
    let full = dir.join(path);
    if !is_below(path) {
        return Err(format!(
            "refusing to write {}: it is outside {}",
            full.display(),
            dir.display()
        ));
    }
    if let Some(link) = symlink_on_the_way(dir, path.parent().unwrap_or(Path::new(""))) {
        return Err(format!(
            "refusing to write {}: {} is a symlink, which errcat does not follow in its folder",
            full.display(),
            link.display()
        ));
    }
    write_atomically(&full, content)
}

/// Removes `dir/path` (a symlink itself, never what it points to).
fn remove_inside(dir: &Path, path: &Path) -> Result<(), String> {
    let full = dir.join(path);
    if !is_below(path) || symlink_on_the_way(dir, path.parent().unwrap_or(Path::new(""))).is_some()
    {
        return Err(format!(
            "refusing to remove {}: it is not inside {}",
            full.display(),
            dir.display()
        ));
    }
    std::fs::remove_file(&full).map_err(|e| format!("cannot remove {}: {e}", full.display()))
}

/// Why [`Outputs::write`] stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// Files in the way that errcat did not write (the folder joined with
    /// their paths); nothing was written. Each caller says how to get past
    /// them (the command line has `--force`).
    Foreign(Vec<PathBuf>),
    /// Files whose path goes through a symlink (the folder joined with
    /// their paths); nothing was written, whether forced or not.
    Symlinked(Vec<PathBuf>),
    /// An I/O error, with the path.
    Io(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Foreign(paths) => {
                let cwd = std::env::current_dir().unwrap_or_default();
                let one = paths.len() == 1;
                write!(
                    f,
                    "{} file{} in the way {} not written by errcat; nothing was written",
                    paths.len(),
                    if one { "" } else { "s" },
                    if one { "was" } else { "were" },
                )?;
                for p in paths {
                    write!(f, "\n  {}", display_path(p, &cwd))?;
                }
                Ok(())
            }
            WriteError::Symlinked(paths) => {
                let cwd = std::env::current_dir().unwrap_or_default();
                write!(
                    f,
                    "errcat does not follow symlinks in its folder, and {} generated path{} through one; nothing was written",
                    paths.len(),
                    if paths.len() == 1 { " goes" } else { "s go" },
                )?;
                for p in paths {
                    write!(f, "\n  {}", display_path(p, &cwd))?;
                }
                Ok(())
            }
            WriteError::Io(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for WriteError {}

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

/// Removes the empty folders below `dir`, never through a symlink.
fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
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

    fn folder(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("errcat-out-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn outputs(files: &[(&str, &str)]) -> Outputs {
        let mut out = Outputs::default();
        for (path, content) in files {
            out.add(*path, *content);
        }
        out
    }

    #[test]
    fn writes_reports_and_removes_only_its_own_files() {
        let dir = folder("own");
        let first = outputs(&[("a/b.md", "hello\n"), ("old/stale.md", "stale\n")]);
        first.write(&dir, true, false).unwrap();
        assert!(dir.join(MANIFEST).is_file());
        let second = outputs(&[("a/b.md", "hello again\n")]);
        let changes = second.write(&dir, true, false).unwrap();
        assert_eq!(
            changes,
            vec![
                (PathBuf::from(MANIFEST), Change::Updated),
                (PathBuf::from("a/b.md"), Change::Updated),
                (PathBuf::from("old/stale.md"), Change::Removed),
            ]
        );
        assert!(!dir.join("old").exists(), "empty directories are removed");
        assert!(
            second
                .diff(&dir, true)
                .iter()
                .all(|(_, c)| *c == Change::Unchanged)
        );
        let leftovers = std::fs::read_dir(dir.join("a"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .count();
        assert_eq!(leftovers, 0, "no temporary files stay behind");
        // A page edited by hand since is regenerated in place...
        std::fs::write(dir.join("a/b.md"), "hello, edited\n").unwrap();
        assert_eq!(
            second.diff(&dir, true)[1],
            (PathBuf::from("a/b.md"), Change::Updated)
        );
        // ...but once nothing generates it, it is left alone, not removed.
        let third = outputs(&[("c.md", "c\n")]);
        assert_eq!(
            third.diff(&dir, true)[1],
            (PathBuf::from("a/b.md"), Change::Foreign)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn files_errcat_did_not_write_are_left_alone_unless_forced() {
        let dir = folder("foreign");
        std::fs::write(dir.join("README.md"), "# My own notes\n").unwrap();
        std::fs::write(dir.join("notes.txt"), "keep me\n").unwrap();
        // Mentioning errcat does not make a page errcat's.
        std::fs::write(dir.join("old.md"), "These pages are Generated by errcat.\n").unwrap();
        let out = outputs(&[
            ("README.md", "# Reference\n"),
            ("openapi.yaml", "openapi: 3.1.0\n"),
        ]);
        let err = out.write(&dir, true, false).unwrap_err();
        assert_eq!(
            err,
            WriteError::Foreign(vec![
                dir.join("README.md"),
                dir.join("notes.txt"),
                dir.join("old.md")
            ])
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("README.md")).unwrap(),
            "# My own notes\n"
        );
        assert!(!dir.join("openapi.yaml").exists(), "nothing is written");
        // Forced: the generated file replaces the hand-written one; the
        // others stay, even the one that mentions errcat.
        out.write(&dir, true, true).unwrap();
        assert!(
            std::fs::read_to_string(dir.join("README.md"))
                .unwrap()
                .contains("Reference")
        );
        assert!(dir.join("notes.txt").exists());
        assert!(dir.join("old.md").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_read_or_removed_through_a_symlink() {
        let dir = folder("links");
        let elsewhere = folder("links-elsewhere");
        std::fs::write(elsewhere.join("page.md"), "theirs\n").unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("errors")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("page.md"), dir.join("linked.md")).unwrap();
        let _ = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.md"))
            .status();
        let out = outputs(&[("errors/page.md", "ours\n"), ("errors/new.md", "new\n")]);
        // Waiting on the FIFO would never return: that it does is the test.
        let changes = out.diff(&dir, true);
        for page in ["errors/page.md", "errors/new.md"] {
            assert!(
                changes.contains(&(PathBuf::from(page), Change::Symlinked)),
                "{changes:?}"
            );
        }
        assert!(out.write(&dir, true, false).is_err());
        let forced = out.write(&dir, true, true).unwrap_err().to_string();
        assert!(forced.contains("symlink"), "{forced}");
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("page.md")).unwrap(),
            "theirs\n"
        );
        assert!(
            !elsewhere.join("new.md").exists(),
            "nothing written outside"
        );
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&elsewhere);
    }
}
