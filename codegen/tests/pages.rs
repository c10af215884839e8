//! The generated reference pages, parsed with a CommonMark parser
//! (pulldown-cmark, with GFM tables): tables keep their shape whatever the
//! catalogue text, headings carry their anchors, and links resolve.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every page of every book in `generated-docs/`: the overview and the
/// group pages.
fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("generated-docs");
    // Every page of every book: overviews, group pages, changelogs and the
    // translated books in subfolders (not `SUMMARY.md`, mdBook's table of
    // contents).
    fn markdown_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                markdown_under(&path, out);
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "SUMMARY.md")
            {
                out.push(path);
            }
        }
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for book in std::fs::read_dir(&root).unwrap().flatten() {
        if book.path().join("README.md").is_file() {
            markdown_under(&book.path(), &mut out);
        }
    }
    out.sort();
    assert!(
        out.len() >= 30,
        "expected the repository's pages, found {out:?}"
    );
    out
}

/// The anchor mdBook and GitHub give a heading: its text in lower case,
/// spaces as `-`, only letters, digits, `-` and `_` kept.
fn heading_slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The anchors of a page: each `<a id>` (which must come just before a
/// heading, or open an index row) and each heading's own slug.
fn anchors_of(page: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(page).unwrap();
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    let mut pending: Option<String> = None;
    let mut in_cell = false;
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                pending = None;
                heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => {
                anchors.insert(heading_slug(&heading.take().unwrap_or_default()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::InlineHtml(html) if html.starts_with("<a id=\"") => {
                assert!(
                    pending.is_none(),
                    "{}: an anchor with no heading after it: {pending:?}",
                    page.display()
                );
                let id = html
                    .trim_start_matches("<a id=\"")
                    .split('"')
                    .next()
                    .unwrap()
                    .to_owned();
                assert!(
                    anchors.insert(id.clone()),
                    "{}: duplicate anchor {id}",
                    page.display()
                );
                if !in_cell {
                    pending = Some(id);
                }
            }
            Event::End(TagEnd::Paragraph) | Event::InlineHtml(_) => {}
            Event::Start(Tag::Paragraph) | Event::SoftBreak => {}
            _ if pending.is_some() && heading.is_none() => panic!(
                "{}: anchor {pending:?} is not followed by a heading but {event:?}",
                page.display()
            ),
            _ => {}
        }
    }
    anchors
}

/// Cells of one table row as written: split on `|` not escaped by `\`.
fn raw_cells(line: &str) -> usize {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut count = 1;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

struct Table {
    header_cells: usize,
    rows: Vec<Vec<String>>,
}

fn parse_tables(text: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut current: Option<Table> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_head = false;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => {
                current = Some(Table {
                    header_cells: 0,
                    rows: Vec::new(),
                })
            }
            Event::End(TagEnd::Table) => tables.extend(current.take()),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some(t) = current.as_mut() {
                    t.header_cells = row.len();
                }
                row.clear();
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.extend(cell.take()),
            Event::End(TagEnd::TableRow) if !in_head => {
                if let Some(t) = current.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&s);
                }
            }
            Event::InlineHtml(s) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&s);
                }
            }
            _ => {}
        }
    }
    tables
}

#[test]
fn every_table_row_has_as_many_cells_as_its_header() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        // As written: no unescaped pipe adds a cell.
        let mut header: Option<usize> = None;
        let mut raw_rows = 0;
        for line in text.lines() {
            if line.starts_with('|') {
                let n = raw_cells(line);
                match header {
                    None => header = Some(n),
                    Some(h) => {
                        assert_eq!(
                            n,
                            h,
                            "{}: row has {n} cells, header {h}: {line}",
                            page.display()
                        );
                        if !line.starts_with("|---") {
                            raw_rows += 1;
                        }
                    }
                }
            } else {
                header = None;
            }
        }
        // As parsed: the same rows, none split by a stray newline.
        let tables = parse_tables(&text);
        let parsed_rows: usize = tables.iter().map(|t| t.rows.len()).sum();
        assert_eq!(
            parsed_rows,
            raw_rows,
            "{}: rows lost or added by parsing",
            page.display()
        );
        for t in &tables {
            for r in &t.rows {
                assert_eq!(r.len(), t.header_cells, "{}: {r:?}", page.display());
            }
        }
    }
}

#[test]
fn hostile_text_survives_in_single_cells() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = std::fs::read_to_string(root.join("generated-docs/hostile/README.md")).unwrap();
    let cells: BTreeSet<String> = parse_tables(&text)
        .into_iter()
        .flat_map(|t| t.rows)
        .flatten()
        .collect();
    for expected in [
        "Weird | category <with> markup",
        "Header | with <html> & code",
        "pipe|code",
        "`backtick`",
        "line\\nbreak",
        "Multi<br>line | description & <tags>",
        "A link | with a pipe",
    ] {
        assert!(
            cells.contains(expected),
            "no cell reads {expected:?}; cells: {cells:#?}"
        );
    }
    // Raw HTML from the catalogue never reaches the page as HTML.
    let html: Vec<String> = Parser::new_ext(&text, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Html(s) | Event::InlineHtml(s) => Some(s.into_string()),
            _ => None,
        })
        .filter(|s| {
            !s.starts_with("<a id=") && s != "</a>" && s != "<br>" && !s.starts_with("<!--")
        })
        .collect();
    assert!(html.is_empty(), "raw HTML leaked: {html:?}");
}

#[test]
fn anchors_precede_headings_and_every_link_resolves() {
    let pages = pages();
    let anchors: std::collections::BTreeMap<PathBuf, BTreeSet<String>> =
        pages.iter().map(|p| (p.clone(), anchors_of(p))).collect();
    let mut checked = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            if dest_url.contains("://") || dest_url.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = dest_url.split_once('#').unwrap_or((&dest_url, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                let joined = page.parent().unwrap().join(file);
                // A folder link means its README (the overview).
                let joined = if file.ends_with('/') {
                    joined.join("README.md")
                } else {
                    joined
                };
                normalise(&joined)
            };
            let Some(ids) = anchors.get(&target) else {
                panic!(
                    "{}: link to {dest_url}, a page that does not exist",
                    page.display()
                );
            };
            assert!(
                fragment.is_empty() || ids.contains(fragment),
                "{}: link to {dest_url}, an anchor {} does not have",
                page.display(),
                target.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

/// A path with `.` and `..` resolved, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_error_has_a_section_at_its_key_and_a_row_on_the_overview() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    for name in [
        "koji",
        "product-analytics",
        "interview-platform",
        "payments",
    ] {
        let dir = root.join(format!("generated-docs/{name}"));
        let overview = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let groups: String = std::fs::read_dir(dir.join("errors"))
            .map(|d| {
                d.flatten()
                    .map(|e| std::fs::read_to_string(e.path()).unwrap())
                    .collect()
            })
            .unwrap_or_default();
        let split = !groups.is_empty();
        let file = root.join(format!("catalog/catalogs/{name}.yaml"));
        let loaded = errcat_catalog::load(&file).unwrap();
        for e in &loaded.catalog.entries {
            let anchor = format!("<a id=\"{}\"></a>\n\n#", e.key);
            let sections = if split { &groups } else { &overview };
            assert_eq!(
                sections.matches(&anchor).count(),
                1,
                "{name}: section of {}",
                e.key
            );
            if split {
                assert!(
                    overview.contains(&format!("| <a id=\"{}\"></a>[", e.key)),
                    "{name}: the overview's index has no anchor for {}",
                    e.key
                );
            }
        }
    }
}
