//! The generated reference pages, parsed with a CommonMark parser
//! (pulldown-cmark, with GFM tables): tables keep their shape whatever the
//! catalogue text, headings carry their anchors, and links resolve.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("generated-docs");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("README.md"))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    assert!(
        out.len() >= 9,
        "expected the repository's pages, found {out:?}"
    );
    out
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
fn headings_carry_anchors_and_every_link_resolves() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let mut anchors = BTreeSet::new();
        let mut in_heading = false;
        let mut links = Vec::new();
        for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Heading { .. }) => in_heading = true,
                Event::End(TagEnd::Heading(_)) => in_heading = false,
                Event::InlineHtml(html) if html.starts_with("<a id=\"") => {
                    assert!(
                        in_heading,
                        "{}: anchor outside a heading: {html}",
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
                }
                Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') => {
                    links.push(dest_url[1..].to_owned())
                }
                _ => {}
            }
        }
        for link in links {
            assert!(
                anchors.contains(&link),
                "{}: link to #{link}, which no heading has",
                page.display()
            );
        }
    }
}

#[test]
fn every_error_has_a_section_at_its_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    for name in [
        "koji",
        "product-analytics",
        "interview-platform",
        "payments",
    ] {
        let text =
            std::fs::read_to_string(root.join(format!("generated-docs/{name}/README.md"))).unwrap();
        let file = root.join(format!("catalog/catalogs/{name}.yaml"));
        let loaded = errcat_catalog::load(&file).unwrap();
        for e in &loaded.catalog.entries {
            let heading = format!("### <a id=\"{}\"></a>", e.key);
            assert_eq!(
                text.matches(&heading).count(),
                1,
                "{name}: section of {}",
                e.key
            );
        }
    }
}
