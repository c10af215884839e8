//! Reading files, and walking folders, that must stay inside a folder (the
//! project, or the crate).
//!
//! A path is opened once and checked after opening: the file must be a
//! regular file, and its real path (every symlink resolved) must be in
//! the folder and name the very file that was opened. So a symlink to
//! `/proc/self/environ`, a path that leaves the folder, a FIFO (opened
//! without waiting for a writer) and a file swapped for a symlink between
//! the check and the read are all refused, and nothing outside the folder
//! is read or quoted.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// What the file is, when it is not a regular file.
    NotRegular(&'static str),
    /// The file's real path is outside the folder: where the folder is.
    Outside,
    /// The file is larger than the limit: its size, if known.
    TooLarge(Option<u64>),
    /// Any other I/O error.
    Io(std::io::Error),
}

/// Reads the regular file at `path`, of at most `limit` bytes, if its real
/// path is inside `root` (itself a real path, from
/// [`std::fs::canonicalize`]); `root` `None` reads it wherever it is.
///
/// # Errors
/// See [`ReadError`].
pub fn read_confined(path: &Path, root: Option<&Path>, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_without_waiting(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::NotRegular("a directory"));
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular(
            "not a regular file (a device, a pipe or a socket)",
        ));
    }
    if let Some(root) = root
        && !opened_inside(path, &meta, root)
    {
        return Err(ReadError::Outside);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

/// Whether the file opened at `path` (whose metadata is `meta`) is the
/// file at `path`'s real path, and that path is inside `root`.
fn opened_inside(path: &Path, meta: &std::fs::Metadata, root: &Path) -> bool {
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    if !real.starts_with(root) {
        return false;
    }
    // The path may have changed between the open and the canonicalize:
    // the real path must still name the opened file.
    std::fs::metadata(&real).is_ok_and(|now| same_file(meta, &now))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Opens `path` for reading without blocking on a FIFO that has no writer
/// (`O_NONBLOCK`; reading a regular file is not affected).
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0o4000);
    }
    #[cfg(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0x0004);
    }
    options.open(path)
}

/// The regular files under `dir`, at any depth, sorted: folders are walked
/// once each (a symlink cycle ends there), folders `skip` names and
/// folders whose real path is outside `root` (a real path) are not
/// walked, and anything that is not a regular file or a folder (a FIFO, a
/// socket, a device) is left out. A file whose real path is outside
/// `root` is listed, so that reading it with [`read_confined`] refuses it
/// aloud rather than leaving it out unnoticed.
#[must_use]
pub fn files_under(dir: &Path, root: &Path, skip: &dyn Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Some(real) = real_root(&folder).filter(|r| r.starts_with(root)) else {
            continue;
        };
        if !seen.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            // Followed through symlinks, then checked against the root.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                let name = entry.file_name();
                if !skip(&name.to_string_lossy()) {
                    folders.push(path);
                }
            } else if meta.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The real path of `root`, for [`read_confined`]; `None` if it does not
/// exist.
#[must_use]
pub fn real_root(root: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(root).ok()
}

/// Checks that `path`, relative to `root` (a project or a crate), stays
/// in it: it is relative, never climbs above `root` with `..`, and the
/// part of it that exists resolves, through any symlink, inside `root`.
/// Returns `root` joined with `path`.
///
/// # Errors
/// Why the path leaves `root`, in a sentence that quotes `path`.
pub fn check_inside(root: &Path, path: &Path) -> Result<PathBuf, String> {
    let mut depth = 0_usize;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir => {
                return Err(format!("`{}` climbs above it", path.display()));
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("`{}` is absolute", path.display()));
            }
        }
    }
    let real = real_root(root).ok_or_else(|| format!("`{}` cannot be resolved", root.display()))?;
    let joined = root.join(path);
    let existing = joined
        .ancestors()
        .find(|p| std::fs::symlink_metadata(p).is_ok())
        .unwrap_or(root);
    let shown = existing.strip_prefix(root).unwrap_or(existing).display();
    match existing.canonicalize() {
        Ok(resolved) if resolved.starts_with(&real) => Ok(joined),
        Ok(_) => Err(format!("`{shown}` is a symlink to a place outside it")),
        Err(_) => Err(format!("`{shown}` is a symlink that leads nowhere")),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("errcat-confined-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::canonicalize(d).unwrap()
    }

    #[test]
    fn files_inside_are_read_and_links_out_are_refused() {
        let root = dir("links");
        let outside = dir("links-outside");
        std::fs::write(root.join("a.yaml"), "a: 1\n").unwrap();
        std::fs::write(outside.join("secret"), "TOKEN=1\n").unwrap();
        std::os::unix::fs::symlink(outside.join("secret"), root.join("leak.yaml")).unwrap();
        std::os::unix::fs::symlink(root.join("a.yaml"), root.join("alias.yaml")).unwrap();
        std::os::unix::fs::symlink("/proc/self/environ", root.join("env.yaml")).unwrap();
        assert_eq!(
            read_confined(&root.join("a.yaml"), Some(&root), 100).unwrap(),
            b"a: 1\n"
        );
        assert_eq!(
            read_confined(&root.join("alias.yaml"), Some(&root), 100).unwrap(),
            b"a: 1\n"
        );
        assert!(matches!(
            read_confined(&root.join("leak.yaml"), Some(&root), 100),
            Err(ReadError::Outside)
        ));
        assert!(matches!(
            read_confined(&root.join("env.yaml"), Some(&root), 100),
            Err(ReadError::Outside)
        ));
        assert!(matches!(
            read_confined(&root.join("../x"), Some(&root), 100),
            Err(ReadError::Io(_))
        ));
        assert!(matches!(
            read_confined(&root, Some(&root), 100),
            Err(ReadError::NotRegular(_))
        ));
        assert!(matches!(
            read_confined(&root.join("a.yaml"), Some(&root), 2),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn walks_end_at_cycles_and_stay_inside() {
        let root = dir("walk");
        let outside = dir("walk-outside");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.yaml"), "").unwrap();
        std::fs::write(root.join("sub/b.yaml"), "").unwrap();
        std::fs::write(outside.join("secret.yaml"), "").unwrap();
        std::os::unix::fs::symlink(".", root.join("loop1")).unwrap();
        std::os::unix::fs::symlink(".", root.join("sub/loop2")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.yaml"), root.join("leak.yaml")).unwrap();
        let _ = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.yaml"))
            .status();
        // A cycle would never end: that it returns is the test.
        let found = files_under(&root, &root, &|_| false);
        let names: Vec<String> = found
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert!(names.contains(&"a.yaml".to_owned()), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with("b.yaml")), "{names:?}");
        // The folder outside is not walked, the FIFO is not listed, and
        // the file symlinked from outside is listed, to be refused aloud.
        assert!(
            !names
                .iter()
                .any(|n| n.contains("secret") || n.contains("pipe")),
            "{names:?}"
        );
        assert!(names.contains(&"leak.yaml".to_owned()), "{names:?}");
        let leak = read_confined(&root.join("leak.yaml"), real_root(&root).as_deref(), 100);
        assert!(matches!(leak, Err(ReadError::Outside)), "{leak:?}");
        let skipped = files_under(&root, &root, &|n| n == "sub");
        assert!(!skipped.iter().any(|p| p.ends_with("b.yaml")));
    }

    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let root = dir("fifo");
        let fifo = root.join("pipe.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system
        }
        // Waiting for a writer would block forever: that it returns is
        // the test.
        assert!(matches!(
            read_confined(&fifo, Some(&root), 100),
            Err(ReadError::NotRegular(_))
        ));
    }

    /// The check after opening, with the swap put exactly where a race
    /// would put it: between the open and the check.
    #[test]
    fn a_file_swapped_after_opening_is_refused() {
        let root = dir("swap");
        let outside = dir("swap-outside");
        std::fs::write(root.join("part.yaml"), "local").unwrap();
        std::fs::write(outside.join("secret.yaml"), "secret").unwrap();
        let real = real_root(&root).unwrap();
        let path = root.join("part.yaml");
        // Opened through a symlink to the outside, then swapped back to a
        // local file before the check: the check sees another file.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.yaml"), &path).unwrap();
        let opened = File::open(&path).unwrap().metadata().unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "local").unwrap();
        assert!(!opened_inside(&path, &opened, &real));
        // The local file, opened and checked in place, passes.
        let opened = File::open(&path).unwrap().metadata().unwrap();
        assert!(opened_inside(&path, &opened, &real));
        // Swapped for a symlink to the outside after opening: refused.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.yaml"), &path).unwrap();
        assert!(!opened_inside(&path, &opened, &real));
    }
}
