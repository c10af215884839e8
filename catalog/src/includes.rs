//! Reading a catalogue file and everything it includes.

use crate::codes;
use crate::confined_fs::{ReadError, read_confined, real_root};
use crate::diagnostic::Diagnostic;
use crate::parse::{Fragment, decode_fragment};
use crate::source_map::{FileId, SourceMap, Span, display_path};
use crate::tree_reader::Sink;
use crate::yaml;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many files deep includes may nest.
pub(crate) const MAX_INCLUDE_DEPTH: usize = 16;

/// Every file's fragment, included files before the files that include them.
pub(crate) type Fragments = Vec<(FileId, Fragment)>;

/// The number of error entries in all the fragments.
pub(crate) fn entry_count(fragments: &[(FileId, Fragment)]) -> usize {
    fragments.iter().map(|(_, f)| f.entries.len()).sum()
}

/// Reads `root` and, depth first, every file it includes. Problems are
/// recorded in `sink`; files that cannot be read or parsed are skipped.
pub(crate) fn read_all(
    root: &Path,
    base: &Path,
    options: &LoadOptions,
    sources: &mut SourceMap,
    sink: &mut Sink,
) -> Fragments {
    // Every file read stays in the project; includes stay in the
    // directory of the root catalogue too (after symlinks are followed),
    // unless the caller allows otherwise.
    let project = options.root.as_deref().and_then(real_root);
    let confined_to = (!options.allow_outside_includes)
        .then(|| std::fs::canonicalize(root).ok())
        .flatten()
        .and_then(|r| r.parent().map(Path::to_path_buf));
    let mut walk = Walk {
        base,
        project,
        confined_to,
        sources,
        sink,
        stack: Vec::new(),
        done: HashSet::new(),
        fragments: Vec::new(),
    };
    walk.visit(root, None);
    walk.fragments
}

/// How the loader treats files.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Reads included files outside the root catalogue's directory (but
    /// still in [`LoadOptions::root`]). Off by default, so that a catalogue
    /// from a stranger cannot read (and have diagnostics quote) files
    /// elsewhere on the machine.
    pub allow_outside_includes: bool,
    /// The folder every file read must be in, symlinks resolved: the
    /// project (the folder of `errcat.toml`) or the crate. `None` reads
    /// the catalogue wherever it is, and its includes in its own folder.
    pub root: Option<PathBuf>,
}

/// Reads an in-memory catalogue the same way as a file. It cannot include
/// other files.
pub(crate) fn read_text(
    name: &str,
    text: &str,
    sources: &mut SourceMap,
    sink: &mut Sink,
) -> Fragments {
    let mut fragments = Vec::new();
    if let Some((file, fragment)) = parse_file(
        Path::new(name),
        name.to_owned(),
        text.as_bytes(),
        None,
        sources,
        sink,
    ) {
        if let Some(first) = fragment.includes.first() {
            sink.push(Diagnostic::new(
                codes::INCLUDE_NOT_FOUND,
                first.span,
                "includes need a catalogue read from a file",
            ));
        }
        fragments.push((file, fragment));
    }
    fragments
}

struct Walk<'a> {
    base: &'a Path,
    /// The project every file must be in (a real path), if any.
    project: Option<PathBuf>,
    /// The directory includes must stay in, if they are confined.
    confined_to: Option<PathBuf>,
    sources: &'a mut SourceMap,
    sink: &'a mut Sink,
    /// Files being read, outermost first: identity and display path.
    stack: Vec<(PathBuf, String)>,
    done: HashSet<PathBuf>,
    fragments: Fragments,
}

impl Walk<'_> {
    fn visit(&mut self, path: &Path, included_at: Option<Span>) {
        let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let display = display_path(path, self.base);
        if let Some(pos) = self.stack.iter().position(|(p, _)| *p == identity) {
            let chain: Vec<&str> = self.stack[pos..]
                .iter()
                .map(|(_, d)| d.as_str())
                .chain([display.as_str()])
                .collect();
            if let Some(at) = included_at {
                self.sink.push(
                    Diagnostic::new(
                        codes::INCLUDE_CYCLE,
                        at,
                        format!("including `{display}` here makes a cycle"),
                    )
                    .label("this include closes the cycle")
                    .note(format!("cycle: {}", chain.join(" -> "))),
                );
            }
            return;
        }
        if self.done.contains(&identity) {
            // Included twice through different files (a diamond): once is enough.
            return;
        }
        if let Some(at) = included_at
            && self.stack.len() >= MAX_INCLUDE_DEPTH
        {
            let mut chain: Vec<&str> = self
                .stack
                .iter()
                .map(|(_, d)| d.as_str())
                .chain([display.as_str()])
                .collect();
            // The two ends say where it starts and where it went too deep.
            let depth = chain.len();
            let hidden = format!("({} more)", depth - 4);
            chain.splice(2..chain.len() - 2, [hidden.as_str()]);
            self.sink.push(
                Diagnostic::new(
                    codes::INCLUDE_TOO_DEEP,
                    at,
                    format!("including `{display}` here nests includes {depth} files deep"),
                )
                .label(format!("the limit is {MAX_INCLUDE_DEPTH}"))
                .note(format!("chain: {}", chain.join(" -> "))),
            );
            return;
        }
        // A path that does not resolve is reported as not found below.
        if let (Some(at), Some(dir), Ok(real)) =
            (included_at, &self.confined_to, std::fs::canonicalize(path))
            && !real.starts_with(dir)
        {
            self.outside(at, &display);
            return;
        }
        let within = if self.confined_to.is_some() && included_at.is_some() {
            self.confined_to.as_deref()
        } else {
            self.project.as_deref()
        };
        let bytes = match read_confined(path, within, yaml::MAX_FILE_BYTES as u64) {
            Ok(bytes) => bytes,
            Err(ReadError::TooLarge(size)) => {
                let file = self.sources.add(path, display.clone(), None);
                let mut d = Diagnostic::new(
                    codes::FILE_TOO_LARGE,
                    Span::file_start(file),
                    match size {
                        Some(size) => format!(
                            "file is {size} bytes, over the limit of {} bytes",
                            yaml::MAX_FILE_BYTES
                        ),
                        None => format!("file is over the limit of {} bytes", yaml::MAX_FILE_BYTES),
                    },
                );
                if let Some(at) = included_at {
                    d = d.secondary(at, "included here");
                }
                self.sink.push(d);
                return;
            }
            // The file changed under the check above: refused all the same.
            Err(ReadError::Outside) if included_at.is_some() && self.confined_to.is_some() => {
                if let Some(at) = included_at {
                    self.outside(at, &display);
                }
                return;
            }
            Err(err) => {
                self.unreadable(path, &display, included_at, &err);
                return;
            }
        };
        let Some((file, fragment)) = parse_file(
            path,
            display.clone(),
            &bytes,
            included_at,
            self.sources,
            self.sink,
        ) else {
            self.done.insert(identity);
            return;
        };
        self.stack.push((identity.clone(), display));
        let dir = path.parent().unwrap_or_else(|| Path::new("")).to_path_buf();
        // Translation files are read like includes; `validate` sets
        // their messages apart.
        for include in fragment.includes.iter().chain(&fragment.translations) {
            self.visit(&dir.join(&include.value), Some(include.span));
        }
        self.stack.pop();
        self.done.insert(identity);
        self.fragments.push((file, fragment));
    }

    /// An include whose real path leaves the catalogue's directory.
    fn outside(&mut self, at: Span, display: &str) {
        let dir = self
            .confined_to
            .as_deref()
            .map(|d| display_path(d, self.base))
            .unwrap_or_default();
        self.sink.push(
            Diagnostic::new(
                codes::INCLUDE_OUTSIDE,
                at,
                format!("`{display}` is outside the catalogue's directory"),
            )
            .label("included here")
            .note(format!("includes must stay in `{dir}` and the folders below it"))
            .help("move the file next to the catalogue, or allow it explicitly: `--allow-outside-includes` on the command line, `allow_outside_includes` in the macro"),
        );
    }

    fn unreadable(
        &mut self,
        path: &Path,
        display: &str,
        included_at: Option<Span>,
        err: &ReadError,
    ) {
        let reason = match err {
            ReadError::NotRegular(what) => format!("it is {what}"),
            ReadError::TooLarge(_) => "it is too large".to_owned(),
            ReadError::Outside => match (&self.project, included_at) {
                (Some(root), None) => match display_path(root, self.base).as_str() {
                    "." | "" => "its real path is outside the project".to_owned(),
                    shown => format!("its real path is outside the project `{shown}`"),
                },
                _ => "its real path is outside the folder it must stay in".to_owned(),
            },
            ReadError::Io(err) => match err.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                _ => err.to_string(),
            },
        };
        let d = match included_at {
            Some(span) => Diagnostic::new(
                codes::INCLUDE_NOT_FOUND,
                span,
                format!("cannot read included file `{display}`: {reason}"),
            )
            .label("included here")
            .help("include paths are relative to the directory of the file that lists them"),
            None => {
                let file = self.sources.add(path, display.to_owned(), None);
                Diagnostic::new(
                    codes::FILE_UNREADABLE,
                    Span::file_start(file),
                    format!("cannot read catalogue `{display}`: {reason}"),
                )
            }
        };
        self.sink.push(d);
    }
}

fn parse_file(
    path: &Path,
    display: String,
    bytes: &[u8],
    included_at: Option<Span>,
    sources: &mut SourceMap,
    sink: &mut Sink,
) -> Option<(FileId, Fragment)> {
    let file = sources.next_id();
    let (text, node) = match yaml::parse(bytes, file) {
        Ok(parsed) => parsed,
        Err(mut d) => {
            // Keep the text for the snippet. Bytes that are not UTF-8 are
            // replaced; the text before the first of them is unchanged,
            // and that is where the diagnostic points.
            let text = (bytes.len() <= yaml::MAX_FILE_BYTES)
                .then(|| Arc::from(String::from_utf8_lossy(bytes)));
            sources.add(path, display, text);
            if let Some(at) = included_at {
                d = d.secondary(at, "included here");
            }
            sink.push(d);
            return None;
        }
    };
    sources.add(path, display, Some(Arc::clone(&text)));
    let Some(node) = node else {
        let mut d = Diagnostic::new(
            codes::EMPTY_FILE,
            Span::file_start(file),
            "the file holds no YAML document",
        )
        .label("empty");
        if let Some(at) = included_at {
            d = d.secondary(at, "included here");
        }
        sink.push(d);
        return None;
    };
    sink.text = Some(text);
    let fragment = decode_fragment(&node, sink);
    sink.text = None;
    Some((file, fragment))
}
