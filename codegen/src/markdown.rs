//! Markdown reference pages, rendered with minijinja from templates
//! embedded in the binary (or overridden from a directory).

use crate::context;
use crate::escape;
use errcat_catalog::Catalog;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior};
use std::path::Path;

/// The embedded templates: name and source.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "reference.md.j2",
        include_str!("../templates/reference.md.j2"),
    ),
    ("SUMMARY.md.j2", include_str!("../templates/SUMMARY.md.j2")),
    ("book.toml.j2", include_str!("../templates/book.toml.j2")),
];

/// A backtick fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    "`".repeat(escape::longest_backtick_run(text).max(2) + 1)
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
    env.add_filter("cell", |s: &str| escape::cell(s));
    env.add_filter("inline", |s: &str| escape::inline(s));
    env.add_filter("code", |s: &str| escape::code(s));
    env.add_filter("code_cell", |s: &str| escape::code_cell(s));
    env.add_filter("block", |s: &str| escape::block(s));
    env.add_filter("list_item", |s: &str| escape::list_item(s));
    env.add_filter("visible", |s: &str| escape::visible(s));
    env.add_filter("fence", |s: &str| fence(s));
    env.add_filter("url", |s: &str| url(s));
    env.add_filter("toml_string", |s: &str| {
        serde_json::to_string(s).unwrap_or_default()
    });
    for (name, source) in TEMPLATES {
        let source = match overrides.map(|dir| dir.join(name)).filter(|p| p.is_file()) {
            Some(path) => std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read template {}: {e}", path.display()))?,
            None => (*source).to_owned(),
        };
        env.add_template_owned(*name, source)
            .map_err(|e| format!("error: template {name}: {e}"))?;
    }
    Ok(env)
}

/// The files of a catalogue's reference: `README.md`, `SUMMARY.md` and
/// `book.toml`, as name and text.
///
/// # Errors
/// When a template fails to render.
pub fn render(
    env: &Environment<'_>,
    catalog: &Catalog,
    generated_by: &str,
) -> Result<Vec<(&'static str, String)>, String> {
    // The page is dropped as soon as minijinja has its own copy, before
    // the templates render.
    let value = minijinja::Value::from(Serde(&context::page(catalog, generated_by.to_owned())));
    let mut out = Vec::new();
    for (file, template) in [
        ("README.md", "reference.md.j2"),
        ("SUMMARY.md", "SUMMARY.md.j2"),
        ("book.toml", "book.toml.j2"),
    ] {
        let text = env
            .get_template(template)
            .and_then(|t| t.render(value.clone()))
            .map_err(|e| format!("error: rendering {template} for {}: {e}", catalog.name))?;
        out.push((file, tidy(&text)));
    }
    Ok(out)
}

/// Collapses runs of blank lines and ends the text with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
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
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}
