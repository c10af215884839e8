//! Markdown reference pages, rendered with minijinja from templates
//! embedded in the binary (or overridden from a directory).

use crate::md_escape;
use crate::page_context;
use errcat_catalog::Catalog;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior, Value};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

/// The embedded templates: name and source.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "overview.md.j2",
        include_str!("../templates/overview.md.j2"),
    ),
    ("group.md.j2", include_str!("../templates/group.md.j2")),
    ("entry.md.j2", include_str!("../templates/entry.md.j2")),
    ("SUMMARY.md.j2", include_str!("../templates/SUMMARY.md.j2")),
    (
        "changelog.md.j2",
        include_str!("../templates/changelog.md.j2"),
    ),
    ("book.toml.j2", include_str!("../templates/book.toml.j2")),
    ("errcat.css.j2", include_str!("../templates/errcat.css.j2")),
];

/// A backtick fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    "`".repeat(md_escape::longest_backtick_run(text).max(2) + 1)
}

/// A link destination with the characters Markdown would misread encoded.
fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The rendering environment: embedded templates, overridden by files of
/// the same name in `overrides`, and the escaping filters.
///
/// # Errors
/// When an override cannot be read or does not compile.
pub fn environment(overrides: Option<&Path>) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .map_err(|e| e.to_string())?,
    );
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    add_text_filter(&mut env, "cell", md_escape::cell);
    add_text_filter(&mut env, "inline", md_escape::inline);
    env.add_filter("code", |s: &str| md_escape::code(s));
    env.add_filter("code_cell", |s: &str| md_escape::code_cell(s));
    add_text_filter(&mut env, "block", md_escape::block);
    add_text_filter(&mut env, "list_item", md_escape::list_item);
    add_text_filter(&mut env, "visible", md_escape::visible);
    env.add_filter("fence", |s: &str| fence(s));
    env.add_filter("url", |s: &str| url(s));
    env.add_filter("toml_string", |s: &str| {
        serde_json::to_string(s).unwrap_or_default()
    });
    let folder = overrides.map(|dir| (dir, errcat_catalog::confined_fs::real_root(dir)));
    for (name, embedded) in TEMPLATES {
        let source = match &folder {
            Some((dir, real)) => read_override(&dir.join(name), real.as_deref())?,
            None => None,
        };
        let source = source.unwrap_or_else(|| (*embedded).to_owned());
        env.add_template_owned(*name, source)
            .map_err(|e| format!("error: template {name}: {e}"))?;
    }
    Ok(env)
}

/// The template at `path`, if there is one: a regular file of at most
/// 1 MiB whose real path is in the templates folder `real` (not a
/// symlink out of it).
fn read_override(path: &Path, real: Option<&Path>) -> Result<Option<String>, String> {
    use errcat_catalog::confined_fs::{ReadError, read_confined};
    let Some(real) = real else {
        return Ok(None);
    };
    let refused = |why: &str| format!("error: cannot read template {}: {why}", path.display());
    match read_confined(path, Some(real), 1 << 20) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| refused("it is not UTF-8")),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(ReadError::Io(e)) => Err(refused(&e.to_string())),
        Err(ReadError::Outside) => Err(refused("its real path is outside the templates folder")),
        Err(ReadError::NotRegular(what)) => Err(refused(&format!("it is {what}"))),
        Err(ReadError::TooLarge(_)) => Err(refused("it is over 1 MiB")),
    }
}

/// Registers an escaping filter that gives the template's own string back,
/// without a copy, when escaping leaves it as it is (most text on a page).
/// Like a filter taking `&str`, it refuses a value that is not a string.
fn add_text_filter(
    env: &mut Environment<'_>,
    name: &'static str,
    escape: fn(&str) -> Cow<'_, str>,
) {
    env.add_filter(name, move |value: Value| -> Result<Value, Error> {
        let text = value.as_str().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("the `{name}` filter takes a string, not {}", value.kind()),
            )
        })?;
        let escaped = match escape(text) {
            Cow::Borrowed(_) => None,
            Cow::Owned(text) => Some(text),
        };
        Ok(escaped.map_or(value, Value::from))
    });
}

/// The files of a catalogue's reference, as path (from the catalogue's
/// folder) and text: `README.md` (the overview, or the whole reference),
/// a page per group under `errors/` when the reference is split,
/// `SUMMARY.md`, `book.toml` and `errcat.css`. `build_dir` is where
/// `mdbook build` writes the site, from the folder.
///
/// # Errors
/// When a template fails to render.
pub fn render(
    env: &Environment<'_>,
    catalog: &Arc<Catalog>,
    generated_by: &str,
    build_dir: &str,
) -> Result<Vec<(String, String)>, String> {
    render_book(env, catalog, generated_by, build_dir, &[])
}

/// One language of a reference that is generated in several (the
/// catalogue's own and each `translations:` locale), for the line of links
/// between the books on each overview.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LanguageLink {
    /// The BCP 47 tag.
    pub tag: String,
    /// The link to that book's overview, from this book's built overview;
    /// `None` for the book being rendered.
    pub href: Option<String>,
}

/// [`render`], for one of the books of a reference generated in several
/// languages: the overview links to the others (`languages`, which also
/// names this book's own language).
///
/// # Errors
/// When a template fails to render.
pub fn render_book(
    env: &Environment<'_>,
    catalog: &Arc<Catalog>,
    generated_by: &str,
    build_dir: &str,
    languages: &[LanguageLink],
) -> Result<Vec<(String, String)>, String> {
    // The page is dropped as soon as minijinja has its own copy, before
    // the templates render.
    let page = minijinja::Value::from(Serde(&page_context::page(catalog, generated_by.to_owned())));
    let value = minijinja::context! { languages => Serde(languages), ..page };
    let failed = |template: &str, e: &dyn std::fmt::Display| {
        format!("error: rendering {template} for {}: {e}", catalog.name)
    };
    let size = REFERENCE_BASE + catalog.entries.len() * REFERENCE_PER_ENTRY;
    let budget = Budget::for_entries(catalog.entries.len());
    let mut env = env.clone();
    env.set_fuel(Some(budget.fuel));
    let render_one = |template: &str, context: Value, capacity: usize| {
        // One buffer, sized for the page up front and tidied where it
        // lies: a large reference is neither copied as it grows nor
        // copied again to be tidied.
        let mut text = Bounded {
            bytes: Vec::with_capacity(capacity),
            limit: budget.output,
        };
        env.get_template(template)
            .and_then(|t| t.render_captured_to(context, &mut text))
            .map_err(|e| failed(template, &budget.explain(e)))?;
        tidy(text.bytes).map_err(|e| failed(template, &e))
    };
    let mut out = vec![(
        "README.md".to_owned(),
        render_one("overview.md.j2", value.clone(), size)?,
    )];
    if page_context::split(catalog) {
        let groups = value
            .get_attr("groups")
            .map_err(|e| failed("group.md.j2", &e))?;
        for group in groups.try_iter().map_err(|e| failed("group.md.j2", &e))? {
            let page = group
                .get_attr("page")
                .ok()
                .and_then(|p| p.as_str().map(str::to_owned))
                .unwrap_or_default();
            let context = minijinja::context! {
                group,
                title => value.get_attr("title").unwrap_or_default(),
                generated_by => generated_by,
                category_on_wire => value.get_attr("category_on_wire").unwrap_or_default(),
            };
            out.push((page, render_one("group.md.j2", context, size)?));
        }
    }
    if !page_context::changelog(catalog).is_empty() {
        out.push((
            "changelog.md".to_owned(),
            render_one("changelog.md.j2", value.clone(), 0)?,
        ));
    }
    // The book's language is that of its prose, which translations leave
    // as written: the first of `languages`, else the catalogue's.
    let book_language = languages
        .first()
        .map_or(catalog.language.as_str(), |l| l.tag.as_str());
    let with_build_dir =
        minijinja::context! { build_dir => build_dir, book_language => book_language, ..value };
    for (file, template) in [
        ("SUMMARY.md", "SUMMARY.md.j2"),
        ("book.toml", "book.toml.j2"),
        ("errcat.css", "errcat.css.j2"),
    ] {
        out.push((
            file.to_owned(),
            render_one(template, with_build_dir.clone(), 0)?,
        ));
    }
    Ok(out)
}

/// What a template may spend on one page: a template from the project is
/// code errcat runs, so a loop that never ends or a page that never stops
/// growing is cut off with an error rather than hanging the command or
/// filling the memory.
#[derive(Clone, Copy)]
struct Budget {
    /// minijinja instructions per page.
    fuel: u64,
    /// Bytes per page.
    output: usize,
}

impl Budget {
    /// The budget for a catalogue of `entries` errors: many times what the
    /// embedded templates need (about 400 instructions and 1.5 KiB an
    /// error), with a floor for small catalogues.
    fn for_entries(entries: usize) -> Budget {
        let entries = u64::try_from(entries).unwrap_or(u64::MAX);
        Budget {
            fuel: 10_000_000_u64.saturating_add(entries.saturating_mul(20_000)),
            output: (64 << 20)
                + usize::try_from(entries)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(64 << 10),
        }
    }

    /// The error, with what to do when the budget ran out.
    fn explain(self, e: Error) -> String {
        match e.kind() {
            ErrorKind::OutOfFuel => format!(
                "the template ran more than {} instructions; check its loops",
                self.fuel
            ),
            // The only writer that fails is the bounded page.
            ErrorKind::WriteFailure => format!(
                "the page grew past {} MiB; check the template's loops",
                self.output >> 20
            ),
            _ => e.to_string(),
        }
    }
}

/// A page being written, refused past `limit` bytes.
struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.limit {
            return Err(std::io::Error::other("page size limit reached"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where `mdbook build` writes a book whose folder is `book_dir` (from the
/// directory codegen writes relative to: the repository, or the working
/// directory): `target/book/<name>` there, as a path from the book's
/// folder, so that building never adds files to the generated folder.
/// A folder given with `..` or as an absolute path gets a sibling
/// `<name>-book` instead, which needs no knowledge of the machine.
#[must_use]
pub fn build_dir(book_dir: &Path, name: &str) -> String {
    use std::path::Component;
    let depth = book_dir.components().try_fold(0usize, |n, c| match c {
        Component::Normal(_) => Some(n + 1),
        Component::CurDir => Some(n),
        _ => None,
    });
    match depth {
        Some(n) => format!("{}target/book/{name}", "../".repeat(n)),
        None => format!("../{name}-book"),
    }
}

/// The reference page's buffer: a fixed part for the header, the
/// categories and the headers, and a part per entry, a little over what
/// the wild catalogues take (700 to 1,900 bytes an entry). A page that
/// needs more grows as usual; untouched capacity costs no memory.
const REFERENCE_BASE: usize = 64 * 1024;
/// See [`REFERENCE_BASE`].
const REFERENCE_PER_ENTRY: usize = 2 * 1024;

/// Rendered text, tidied ([`tidy_lines`]) and ending in exactly one
/// newline. An error only if the template wrote bytes that are not UTF-8.
fn tidy(mut text: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    let kept = tidy_lines(&mut text);
    text.truncate(kept);
    let mut text = String::from_utf8(text)?;
    text.truncate(text.trim_end().len());
    text.push('\n');
    Ok(text)
}

/// Tidies rendered text in place and returns the length to keep: runs
/// of blank lines outside code fences become one, spaces at line ends
/// go, and every line ends with `\n` (a `\r\n` ending becomes `\n`).
/// Lines are split as [`str::lines`] splits them, and blank means what
/// [`str::trim`] means, so Unicode spaces count.
///
/// Each line is moved towards the start, never past text still to read,
/// so no second buffer is needed.
fn tidy_lines(text: &mut Vec<u8>) -> usize {
    let mut read = 0;
    let mut write = 0;
    let mut blank = 0;
    let mut in_fence = false;
    // The length read: a newline pushed after the last line is not text.
    let len = text.len();
    while read < len {
        let (line_end, next) = match text[read..len].iter().position(|&b| b == b'\n') {
            Some(i) => {
                let end = read + i;
                let line_end = if end > read && text[end - 1] == b'\r' {
                    end - 1
                } else {
                    end
                };
                (line_end, end + 1)
            }
            None => (len, len),
        };
        let line = &text[read..line_end];
        if opens_fence(line) {
            in_fence = !in_fence;
        }
        if is_blank(line) && !in_fence {
            blank += 1;
            if blank > 1 {
                read = next;
                continue;
            }
        } else {
            blank = 0;
        }
        let kept = line.len() - line.iter().rev().take_while(|&&b| b == b' ').count();
        text.copy_within(read..read + kept, write);
        write += kept;
        // `write` is at most `line_end` here, so the newline lands on text
        // already read, or one past the end of the last line.
        if write < text.len() {
            text[write] = b'\n';
        } else {
            text.push(b'\n');
        }
        write += 1;
        read = next;
    }
    write
}

/// Whether an ASCII byte is white space as [`char::is_whitespace`] says.
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// A line as text, for the rare line whose white space is not ASCII.
fn as_text(line: &[u8]) -> &str {
    std::str::from_utf8(line).unwrap_or("x")
}

/// Whether the line is empty or white space only ([`str::trim`]).
fn is_blank(line: &[u8]) -> bool {
    match line.iter().find(|&&b| !ascii_space(b)) {
        None => true,
        Some(&b) if b.is_ascii() => false,
        Some(_) => as_text(line).trim().is_empty(),
    }
}

/// Whether the line starts with three backticks after any white space.
fn opens_fence(line: &[u8]) -> bool {
    match line.iter().position(|&b| !ascii_space(b)) {
        None => false,
        Some(i) if line[i].is_ascii() => line[i..].starts_with(b"```"),
        Some(_) => as_text(line).trim_start().starts_with("```"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tidy rule written plainly over `str`, copying: the in-place
    /// version must give the same text.
    fn tidy_reference(text: &str) -> String {
        let mut out = String::new();
        let mut blank = 0;
        let mut in_fence = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            }
            if line.trim().is_empty() && !in_fence {
                blank += 1;
                if blank > 1 {
                    continue;
                }
            } else {
                blank = 0;
            }
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    fn tidy_in_place(text: &str) -> String {
        tidy(text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn tidying_in_place_matches_the_plain_rule() {
        let pieces = [
            "",
            "a",
            "a  ",
            " ",
            "\t",
            "\u{3000}",
            "\u{85}",
            "\u{a0}x",
            "```",
            "  ```rust",
            "\u{2003}```",
            "x```",
            "\r",
            "é ",
            "\u{b}",
            "\u{c}",
            "|a|b|",
            "<b>",
        ];
        let joins = ["\n", "\r\n", "\n\n", "\n\n\n", "\r\n\r\n\r\n", "\r"];
        let mut cases = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for j in joins {
                        for k in ["", "\n", "\n\n", "\r\n", "\r"] {
                            let text = format!("{a}{j}{b}{j}{c}{k}");
                            assert_eq!(tidy_in_place(&text), tidy_reference(&text), "{text:?}");
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 18 * 18 * 18 * 6 * 5);
    }

    #[test]
    fn tidying_collapses_blank_lines_outside_fences_only() {
        let text = "# T  \n\n\n\ntext\n```\n\n\n\ncode  \n```\n\n\n";
        assert_eq!(tidy_in_place(text), "# T\n\ntext\n```\n\n\n\ncode\n```\n");
    }
}
