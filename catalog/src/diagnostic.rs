//! Diagnostics: what went wrong, where, and how to fix it, rendered the way
//! rustc renders its own.

use crate::codes::{Code, Severity};
use crate::source_map::{SourceMap, Span};
use std::fmt::Write as _;

/// A location with an optional note, underlined in the rendered snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// Printed next to the underline; may be empty.
    pub message: String,
}

/// One problem found in a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The index entry, which fixes the severity.
    pub code: Code,
    /// One line saying what is wrong.
    pub message: String,
    /// The main location. Every diagnostic has one.
    pub primary: Label,
    /// Related locations, such as the first definition of a duplicate.
    pub secondary: Vec<Label>,
    /// Suggestions, printed as `= help: ...`.
    pub helps: Vec<String>,
    /// Extra facts, printed as `= note: ...`.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with a primary location and no label text.
    #[must_use]
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            helps: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Sets the text printed under the primary location.
    #[must_use]
    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a related location.
    #[must_use]
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a help line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.helps.push(help.into());
        self
    }

    /// Adds a help line only when `help` is `Some`.
    #[must_use]
    pub fn maybe_help(self, help: Option<String>) -> Self {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }

    /// Adds a note line.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Error or warning, from the code.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.code.severity
    }

    /// Whether this diagnostic prevents the catalogue from being used.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// Renders the diagnostic like rustc:
    ///
    /// ```text
    /// error[E0023]: unknown category `billing`
    ///   --> errors.yaml:41:15
    ///    |
    /// 41 |     category: billing
    ///    |               ^^^^^^^ not declared under `categories`
    ///    |
    ///    = help: did you mean `billing_errors`?
    /// ```
    #[must_use]
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut lines: Vec<usize> = std::iter::once(&self.primary)
            .chain(&self.secondary)
            .map(|l| sources.file(l.span.file).line_col(l.span.start).0)
            .collect();
        lines.sort_unstable();
        let gutter = lines.last().map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);

        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            self.severity().as_str(),
            self.code.id,
            self.message
        );
        let _ = writeln!(out, "{pad}--> {}", sources.location(self.primary.span));
        render_snippet(&mut out, sources, &self.primary, '^', gutter);
        for label in &self.secondary {
            if label.span.file != self.primary.span.file {
                let _ = writeln!(out, "{pad}::: {}", sources.location(label.span));
            }
            render_snippet(&mut out, sources, label, '-', gutter);
        }
        if !self.helps.is_empty() || !self.notes.is_empty() {
            let _ = writeln!(out, "{pad} |");
        }
        for note in &self.notes {
            write_prefixed(&mut out, &pad, "note", note);
        }
        for help in &self.helps {
            write_prefixed(&mut out, &pad, "help", help);
        }
        out
    }

    /// `file:line:column: severity[code]: message`, on one line.
    #[must_use]
    pub fn short(&self, sources: &SourceMap) -> String {
        format!(
            "{}: {}[{}]: {}",
            sources.location(self.primary.span),
            self.severity().as_str(),
            self.code.id,
            self.message
        )
    }
}

fn write_prefixed(out: &mut String, pad: &str, kind: &str, text: &str) {
    let mut lines = text.lines();
    let _ = writeln!(out, "{pad} = {kind}: {}", lines.next().unwrap_or(""));
    let indent = " ".repeat(kind.len() + 2);
    for line in lines {
        let _ = writeln!(out, "{pad}   {indent}{line}");
    }
}

fn render_snippet(out: &mut String, sources: &SourceMap, label: &Label, mark: char, gutter: usize) {
    let file = sources.file(label.span.file);
    let pad = " ".repeat(gutter);
    if file.text.is_none() || !file.quoted {
        if !label.message.is_empty() {
            let _ = writeln!(out, "{pad} = {}", label.message);
        }
        return;
    }
    let (line, col) = file.line_col(label.span.start);
    let text = file.line_text(line);
    let shown: String = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    // Underline up to the end of the span or of the line, at least one column.
    let line_end = file.line_start(line) + text.len();
    let end = label.span.end.min(line_end);
    let width = if end > label.span.start {
        file.text
            .as_deref()
            .and_then(|t| t.get(label.span.start..end))
            .map_or(1, |s| s.chars().count())
    } else {
        1
    };
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{line:>gutter$} | {shown}");
    let underline: String = std::iter::repeat_n(mark, width.max(1)).collect();
    let spaces = " ".repeat(col - 1);
    if label.message.is_empty() {
        let _ = writeln!(out, "{pad} | {spaces}{underline}");
    } else {
        let _ = writeln!(out, "{pad} | {spaces}{underline} {}", label.message);
    }
}

/// Renders many diagnostics, errors and warnings in the order given,
/// separated by blank lines.
#[must_use]
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(sources))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use std::path::Path;

    #[test]
    fn renders_location_snippet_caret_and_help() {
        let mut map = SourceMap::new();
        let text = "errors:\n  a:\n    category: billing\n";
        let id = map.add(Path::new("x.yaml"), "x.yaml".into(), Some(text.into()));
        let start = text.find("billing").unwrap();
        let d = Diagnostic::new(
            codes::UNKNOWN_CATEGORY,
            Span::new(id, start, start + 7),
            "unknown category `billing`",
        )
        .label("not declared")
        .help("did you mean `billing_errors`?");
        let expected = "\
error[E0023]: unknown category `billing`
 --> x.yaml:3:15
  |
3 |     category: billing
  |               ^^^^^^^ not declared
  |
  = help: did you mean `billing_errors`?
";
        assert_eq!(d.render(&map), expected);
        assert_eq!(
            d.short(&map),
            "x.yaml:3:15: error[E0023]: unknown category `billing`"
        );
    }
}
