//! Source files and byte spans inside them.
//!
//! Every file the loader reads is registered in a [`SourceMap`], so that a
//! [`Span`] can later be turned into `file:line:column` and a source snippet.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Identifies one file registered in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub(crate) u32);

/// A byte range inside one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte (equal to `start` for a point).
    pub end: usize,
}

impl Span {
    /// A span covering `start..end` in `file`.
    #[must_use]
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    /// An empty span at the very start of `file`.
    #[must_use]
    pub fn file_start(file: FileId) -> Self {
        Span {
            file,
            start: 0,
            end: 0,
        }
    }
}

/// One file known to the loader.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics: relative to the loader's base
    /// directory when possible, never absolute unless the file lies outside it.
    pub display: String,
    /// The path used to read the file.
    pub path: PathBuf,
    /// The text, when the file could be read and decoded. Shared with the
    /// decoder, which points inside strings while it reads the file.
    pub text: Option<Arc<str>>,
    /// Whether diagnostics may quote the file's lines. Only files named
    /// `.yaml` or `.yml` are quoted, so that a file that is not a
    /// catalogue (`/etc/passwd` given by mistake) is never echoed.
    pub quoted: bool,
    /// Where each line starts, worked out the first time a diagnostic
    /// needs a line: a catalogue that loads cleanly never does, and for a
    /// large one the scan is a noticeable part of loading.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// The byte offsets where the lines start: 0, then one past each `\n`.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| match &self.text {
            Some(text) => std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            None => vec![0],
        })
    }

    /// The 1-based line and 1-based character column of a byte offset.
    #[must_use]
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let Some(text) = &self.text else {
            return (1, 1);
        };
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_starts = self.line_starts();
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let column = text[line_starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The text of a 1-based line, without its line terminator.
    #[must_use]
    pub fn line_text(&self, line: usize) -> &str {
        let Some(text) = &self.text else { return "" };
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = line_starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset where a 1-based line starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All files read while loading one catalogue and its includes.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    #[must_use]
    pub fn new() -> Self {
        SourceMap::default()
    }

    /// The id the next registered file will get.
    #[must_use]
    pub fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX))
    }

    /// Registers a file and returns its id. `text` is `None` when the file
    /// could not be read or decoded.
    pub fn add(&mut self, path: &Path, display: String, text: Option<Arc<str>>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        let quoted = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        self.files.push(SourceFile {
            display,
            path: path.to_path_buf(),
            text,
            quoted,
            line_starts: OnceLock::new(),
        });
        id
    }

    /// The file behind an id.
    ///
    /// # Panics
    /// Only if `id` comes from another map, which is a bug in the caller.
    #[must_use]
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Finds a registered file by the path it was read from.
    #[must_use]
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(u32::try_from(i).unwrap_or(u32::MAX)))
    }

    /// Every registered file, in the order they were read.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(u32::try_from(i).unwrap_or(u32::MAX)), f))
    }

    /// `file:line:column` for the start of a span.
    #[must_use]
    pub fn location(&self, span: Span) -> String {
        let file = self.file(span.file);
        let (line, col) = file.line_col(span.start);
        format!("{}:{line}:{col}", file.display)
    }

    /// The source text covered by a span, when the file has text.
    #[must_use]
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.file(span.file)
            .text
            .as_deref()?
            .get(span.start..span.end)
    }
}

/// The path shown for `path` in diagnostics: relative to `base` when it lies
/// inside it, with `/` separators, so output is the same on every machine.
#[must_use]
pub fn display_path(path: &Path, base: &Path) -> String {
    use std::path::Component;
    let shown = path.strip_prefix(base).unwrap_or(path);
    // Resolve `.` and `..` lexically, so `a/../b.yaml` shows as `b.yaml`.
    let mut parts: Vec<String> = Vec::new();
    let mut root = String::new();
    for component in shown.components() {
        match component {
            Component::CurDir => {}
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                if parts.last().is_some_and(|p| p != "..") {
                    parts.pop();
                } else {
                    parts.push("..".to_owned());
                }
            }
            Component::RootDir => root.push('/'),
            Component::Prefix(prefix) => root.push_str(&prefix.as_os_str().to_string_lossy()),
        }
    }
    let out = format!("{root}{}", parts.join("/"));
    if out.is_empty() { ".".to_owned() } else { out }
}

/// The path of `to` relative to the directory `from`, worked out lexically
/// (`..` where needed) with `/` separators: `../errors/a.yaml`. `None`
/// unless both paths are absolute and share more than the root. Callers
/// that need symbolic links resolved canonicalise first.
#[must_use]
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    if !from.is_absolute() || !to.is_absolute() {
        return None;
    }
    let from = display_path(from, Path::new(""));
    let to = display_path(to, Path::new(""));
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut parts = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let mut map = SourceMap::new();
        let id = map.add(
            Path::new("a.yaml"),
            "a.yaml".into(),
            Some("ab\ncé: x\n".into()),
        );
        let file = map.file(id);
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // `x` sits after the two-byte `é`.
        assert_eq!(file.line_col(8), (2, 5));
        assert_eq!(file.line_text(2), "cé: x");
        assert_eq!(map.location(Span::new(id, 3, 4)), "a.yaml:2:1");
    }

    #[test]
    fn relative_paths_walk_up_and_down() {
        let at = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to));
        assert_eq!(
            at("/repo/src/api", "/repo/errors/a.yaml").as_deref(),
            Some("../../errors/a.yaml")
        );
        assert_eq!(
            at("/tmp/work-a", "/tmp/work-a/c/x.yaml").as_deref(),
            Some("c/x.yaml")
        );
        assert_eq!(at("/repo/x/..", "/repo/b.yaml").as_deref(), Some("b.yaml"));
        assert_eq!(at("/repo", "/repo").as_deref(), Some(""));
        assert_eq!(
            at("/home/u", "/srv/a/x.yaml"),
            None,
            "only the root is shared"
        );
        assert_eq!(at("src", "/repo/x.yaml"), None, "a relative directory");
    }

    #[test]
    fn display_paths_are_relative_with_forward_slashes() {
        let base = Path::new("/repo/crate");
        assert_eq!(
            display_path(Path::new("/repo/crate/errors/a.yaml"), base),
            "errors/a.yaml"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/b.yaml"), base),
            "/elsewhere/b.yaml"
        );
        assert_eq!(display_path(Path::new("./x.yaml"), Path::new("")), "x.yaml");
        assert_eq!(
            display_path(Path::new("/repo/crate/a/../b.yaml"), base),
            "b.yaml"
        );
        assert_eq!(
            display_path(Path::new("../up.yaml"), Path::new("")),
            "../up.yaml"
        );
    }
}
