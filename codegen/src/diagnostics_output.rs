//! How diagnostics reach the user: rustc-style text, coloured on a
//! terminal, or one JSON object per line (`--message-format json`).
//!
//! Colour follows the usual conventions through `anstream`: none when the
//! stream is not a terminal or `NO_COLOR` is set, `CLICOLOR=0` turns it off
//! and `CLICOLOR_FORCE=1` turns it on.

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;
use errcat_catalog::source_map::SourceMap;
use errcat_catalog::{Diagnostic, Label};
use errcat_catalog::{LoadError, Loaded};
use std::io::Write as _;

/// `--message-format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// rustc-style diagnostics with snippets (coloured on a terminal).
    #[default]
    Human,
    /// One line per diagnostic: `file:line:col: error[E0023]: message`.
    Short,
    /// One JSON object per line on stdout (see `Diagnostic::to_json`).
    Json,
}

/// Prints diagnostics in the chosen format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reporter {
    /// The format.
    pub format: MessageFormat,
}

impl Reporter {
    /// Prints the warnings of a catalogue that loaded.
    pub fn warnings(&self, loaded: &Loaded) {
        self.print(&loaded.warnings, &loaded.sources);
    }

    /// Prints every diagnostic of a catalogue that failed to load, and
    /// returns the line that sums it up.
    #[must_use]
    pub fn load_error(&self, err: &LoadError, file: &str) -> String {
        self.print(&err.diagnostics, &err.sources);
        let errors = err.errors().count();
        let warnings = err.diagnostics.len() - errors;
        format!(
            "error: {file} has {errors} error{}{}",
            plural(errors),
            if warnings > 0 {
                format!(" and {warnings} warning{}", plural(warnings))
            } else {
                String::new()
            }
        )
    }

    fn print(&self, diagnostics: &[Diagnostic], sources: &SourceMap) {
        match self.format {
            MessageFormat::Json => {
                let mut out = std::io::stdout().lock();
                for d in diagnostics {
                    let _ = writeln!(out, "{}", diagnostic_json(d, sources));
                }
            }
            MessageFormat::Short => {
                for d in diagnostics {
                    eprint_styled(&d.short(sources));
                }
            }
            MessageFormat::Human => {
                // A blank line after each, as rustc does.
                let mut err = anstream::stderr().lock();
                for d in diagnostics {
                    let _ = writeln!(err, "{}", paint(&d.render(sources)));
                }
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Prints rustc-style text to stderr, coloured when stderr takes colour.
pub fn eprint_styled(text: &str) {
    let mut err = anstream::stderr().lock();
    let _ = write!(err, "{}", paint(text.trim_end()));
}

/// Colours rustc-style text with ANSI escapes the way rustc does: the
/// level and code in red (errors) or yellow (warnings), the message in
/// bold, arrows, gutters and secondary underlines in blue, primary
/// underlines in the level's colour, `= help:` and `= note:` in bold.
#[must_use]
pub fn paint(text: &str) -> String {
    let bold = Style::new().bold();
    let blue = AnsiColor::BrightBlue.on_default().bold();
    let mut level = AnsiColor::BrightRed.on_default().bold();
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.lines() {
        let painted = if let Some((head, message)) = level_line(line) {
            level = if head.starts_with("warning") {
                AnsiColor::BrightYellow.on_default().bold()
            } else {
                AnsiColor::BrightRed.on_default().bold()
            };
            format!("{level}{head}{level:#}{bold}: {message}{bold:#}")
        } else if let Some((gutter, rest)) = split_gutter(line) {
            let rest = if rest.trim_start().starts_with('^') {
                format!("{level}{rest}{level:#}")
            } else if rest.trim_start().starts_with('-') {
                format!("{blue}{rest}{blue:#}")
            } else {
                rest.to_owned()
            };
            format!("{blue}{gutter}{blue:#}{rest}")
        } else if let Some(at) = line.find("--> ").or_else(|| line.find("::: ")) {
            format!("{blue}{}{blue:#}{}", &line[..at + 3], &line[at + 3..])
        } else if let Some(at) = line.find("= help:").or_else(|| line.find("= note:")) {
            format!(
                "{}{bold}{}{bold:#}{}",
                &line[..at],
                &line[at..at + 6],
                &line[at + 6..]
            )
        } else {
            line.to_owned()
        };
        out.push_str(&painted);
        out.push('\n');
    }
    out
}

/// `error[E0023]` and the message, for a line that opens a diagnostic.
fn level_line(line: &str) -> Option<(&str, &str)> {
    if !(line.starts_with("error") || line.starts_with("warning")) {
        return None;
    }
    let (head, message) = line.split_once(": ")?;
    let word = head.split('[').next()?;
    (matches!(word, "error" | "warning") && !head.contains(' ')).then_some((head, message))
}

/// The gutter of a snippet line (`12 |` or `   |`) and what follows it.
fn split_gutter(line: &str) -> Option<(&str, &str)> {
    let bar = line.find(" |")?;
    let before = &line[..bar];
    if !before.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        return None;
    }
    Some(line.split_at(bar + 2))
}

/// The diagnostic as one JSON object, for editors and CI annotations
/// (`errcat --message-format json`): `level`, `code`, `name`,
/// `message`, the primary location (`file`, `line`, `column`,
/// `end_line`, `end_column`, 1-based), `labels` (each with its location,
/// `message` and `primary`), `helps`, `notes`, and `rendered`, the
/// text [`Diagnostic::render`] prints.
#[must_use]
pub fn diagnostic_json(d: &Diagnostic, sources: &SourceMap) -> serde_json::Value {
    let place = |label: &Label, primary: bool| {
        let file = sources.file(label.span.file);
        let (line, column) = file.line_col(label.span.start);
        let (end_line, end_column) = file.line_col(label.span.end.max(label.span.start));
        serde_json::json!({
            "file": file.display,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "message": label.message,
            "primary": primary,
        })
    };
    let primary = place(&d.primary, true);
    serde_json::json!({
        "level": d.severity().as_str(),
        "code": d.code.id,
        "name": d.code.name,
        "message": d.message,
        "file": primary["file"],
        "line": primary["line"],
        "column": primary["column"],
        "end_line": primary["end_line"],
        "end_column": primary["end_column"],
        "labels": std::iter::once(primary.clone())
            .chain(d.secondary.iter().map(|l| place(l, false)))
            .collect::<Vec<_>>(),
        "helps": d.helps,
        "notes": d.notes,
        "rendered": d.render(sources),
    })
}

#[cfg(test)]
mod tests {
    use super::paint;

    #[test]
    fn colours_follow_the_parts_of_a_diagnostic() {
        let text = "error[E0023]: unknown category `mics`\n --> errors.yaml:9:15\n  |\n9 |     category: mics\n  |               ^^^^ not declared\n  |\n  = help: did you mean `misc`?\n";
        let painted = paint(text);
        assert!(
            painted.contains("\u{1b}[1m\u{1b}[91merror[E0023]"),
            "{painted:?}"
        );
        assert!(
            painted.contains("^^^^ not declared\u{1b}[0m"),
            "{painted:?}"
        );
        assert!(painted.contains("\u{1b}[1m= help\u{1b}[0m"), "{painted:?}");
        // Without the escapes, the text is unchanged.
        let plain = anstream::adapter::strip_str(&painted).to_string();
        assert_eq!(plain, text);
    }
}
