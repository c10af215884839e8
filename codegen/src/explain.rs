//! `errcat explain`: one entry's reference in the terminal, or a
//! diagnostic code's explanation.

use errcat_catalog::Catalog;
use errcat_render::page_context;
use std::fmt::Write as _;

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The entries whose code or key is `code`.
#[must_use]
pub fn find<'c>(catalog: &'c Catalog, code: &str) -> Vec<&'c errcat_catalog::model::Entry> {
    let exact: Vec<_> = catalog
        .entries
        .iter()
        .filter(|e| e.code == code || e.key == code)
        .collect();
    if exact.is_empty() {
        catalog
            .entries
            .iter()
            .filter(|e| e.code.eq_ignore_ascii_case(code))
            .collect()
    } else {
        exact
    }
}

/// Plain-text reference of one entry.
#[must_use]
pub fn entry_text(catalog: &Catalog, entry: &errcat_catalog::model::Entry) -> String {
    let s = page_context::entry_section(catalog, entry);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        s.code,
        s.title
            .as_ref()
            .map(|t| format!(": {t}"))
            .unwrap_or_default()
    );
    let mut facts = vec![
        s.status
            .as_ref()
            .map_or_else(|| "no HTTP status".to_owned(), |st| format!("HTTP {st}")),
    ];
    if !s.category.is_empty() {
        facts.push(format!("category: {}", s.category));
    }
    if let Some(r) = entry.retryable {
        facts.push(if r {
            "retryable".into()
        } else {
            "not retryable".into()
        });
    }
    if entry.deprecated.is_some() {
        facts.push("deprecated".into());
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(summary) = &s.message_summary {
        let _ = writeln!(out, "{}\n", summary.trim_end());
    }
    match s.message_kind.as_str() {
        "fixed" | "template" => {
            let _ = writeln!(out, "Message: {}", s.message.clone().unwrap_or_default());
        }
        "varies" => {
            let _ = writeln!(
                out,
                "Message: varies{}",
                if s.message_examples.is_empty() {
                    String::new()
                } else {
                    format!(", e.g. {}", s.message_examples.join(" | "))
                }
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "Message: not documented (the body carries \"{}\")",
                s.fallback_message
            );
        }
    }
    if let Some(p) = &s.public_message {
        let _ = writeln!(out, "Sent instead: {p}");
    }
    if let Some(d) = &s.description {
        let _ = writeln!(out, "\n{}", d.trim_end());
    }
    let lists = [
        ("Causes", &s.causes, s.causes_ordered, &s.causes_intro),
        ("Fixes", &s.fixes, s.fixes_ordered, &s.fixes_intro),
    ];
    for (title, items, ordered, intro) in lists {
        if !items.is_empty() {
            let _ = writeln!(out, "\n{title}:");
            if let Some(intro) = intro {
                let _ = writeln!(out, "  {}", intro.trim_end().replace('\n', "\n  "));
            }
            for (i, item) in items.iter().enumerate() {
                let mark = if ordered {
                    format!("{}.", i + 1)
                } else {
                    "-".into()
                };
                let _ = writeln!(out, "  {mark} {}", item.trim_end().replace('\n', "\n    "));
            }
        }
    }
    if !s.request_headers.is_empty() {
        let _ = writeln!(out, "\nRequest headers: {}", s.request_headers.join(", "));
    }
    if let Some(r) = &s.retry {
        let _ = writeln!(out, "\nRetry: {r}");
    }
    if !s.details.is_empty() {
        let _ = writeln!(out, "\nDetails:");
        let width = s.details.iter().map(|f| f.path.len()).max().unwrap_or(0);
        for f in &s.details {
            let _ = writeln!(
                out,
                "  {:width$}  {}{}{}{}",
                f.path,
                f.ty,
                if f.required { "" } else { ", optional" },
                if f.in_body { "" } else { ", not in the body" },
                if f.description.is_empty() {
                    String::new()
                } else {
                    format!(": {}", f.description.replace('\n', " "))
                }
            );
        }
    }
    if !s.headers.is_empty() {
        let _ = writeln!(out, "\nHeaders: {}", s.headers.join(", "));
    }
    if let Some(n) = &s.note {
        let _ = writeln!(out, "\nNote:\n{}", indent(n.trim_end(), "  "));
    }
    for x in &s.examples {
        let _ = writeln!(
            out,
            "\nExample response{}:",
            x.name
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
        if let Some(line) = &x.status_line {
            let _ = writeln!(out, "  {line}");
        }
        for (name, value) in &x.headers {
            let _ = writeln!(
                out,
                "  {name}: {}",
                errcat_render::md_escape::visible(value)
            );
        }
        let _ = writeln!(out, "\n{}", indent(&x.body, "  "));
    }
    for l in &s.links {
        let _ = writeln!(out, "\nSee also: {} <{}>", l.title, l.url);
    }
    if let Some(url) = &s.doc_url {
        let _ = writeln!(out, "\nReference: {url}");
    }
    out
}
