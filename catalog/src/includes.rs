//! Reading a catalogue file and everything it includes.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::parse::{Fragment, decode_fragment};
use crate::source_map::{FileId, SourceMap, Span, display_path};
use crate::tree_reader::Sink;
use crate::yaml;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    sources: &mut SourceMap,
    sink: &mut Sink,
) -> Fragments {
    let mut walk = Walk {
        base,
        sources,
        sink,
        stack: Vec::new(),
        done: Vec::new(),
        fragments: Vec::new(),
    };
    walk.visit(root, None);
    walk.fragments
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
    sources: &'a mut SourceMap,
    sink: &'a mut Sink,
    /// Files being read, outermost first: identity and display path.
    stack: Vec<(PathBuf, String)>,
    done: Vec<PathBuf>,
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
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
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
            self.done.push(identity);
            return;
        };
        self.stack.push((identity.clone(), display));
        let dir = path.parent().unwrap_or_else(|| Path::new("")).to_path_buf();
        for include in &fragment.includes {
            self.visit(&dir.join(&include.value), Some(include.span));
        }
        self.stack.pop();
        self.done.push(identity);
        self.fragments.push((file, fragment));
    }

    fn unreadable(
        &mut self,
        path: &Path,
        display: &str,
        included_at: Option<Span>,
        err: &std::io::Error,
    ) {
        let reason = if path.is_dir() {
            "it is a directory".to_owned()
        } else {
            match err.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                _ => err.to_string(),
            }
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
