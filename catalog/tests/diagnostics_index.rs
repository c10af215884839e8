//! Tidy checks on the diagnostic index, in the spirit of rustc's: every
//! code is explained, and every code is triggered by a failing catalogue in
//! `tests/cases/`, which says in its first line which codes it expects.

use errcat_catalog::codes;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Codes exercised by tests elsewhere because they need a file that cannot
/// live in the repository (a 17 MiB file), with the test that covers them.
const COVERED_ELSEWHERE: &[(&str, &str)] = &[(
    "E0004",
    "codegen/tests/validate_cases.rs: a_huge_file_is_refused_before_parsing",
)];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// The codes a case expects: from `# expect: E0001 W0002` on its first line,
/// or for the two cases that cannot hold a comment, from their name.
fn expected_codes(path: &Path) -> Vec<String> {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("empty_file.yaml") => return vec!["E0003".into()],
        Some("directory_as_catalogue.yaml") => return vec!["E0001".into()],
        _ => {}
    }
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap_or_default();
    let list = first
        .strip_prefix("# expect:")
        .unwrap_or_else(|| panic!("{} must start with `# expect: CODE...`", path.display()));
    list.split_whitespace().map(str::to_owned).collect()
}

fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn each_case_reports_the_codes_it_expects_with_locations() {
    let cases = cases();
    assert!(
        cases.len() > 30,
        "the issue asks for more than 30 cases, found {}",
        cases.len()
    );
    for path in cases {
        let expected = expected_codes(&path);
        let (diagnostics, sources) = match errcat_catalog::load_with_base(&path, &cases_dir()) {
            Ok(loaded) => (loaded.warnings, loaded.sources),
            Err(err) => (err.diagnostics, err.sources),
        };
        let found: BTreeSet<&str> = diagnostics.iter().map(|d| d.code.id).collect();
        for code in &expected {
            assert!(
                found.contains(code.as_str()),
                "{}: expected {code}, found {found:?}",
                path.display()
            );
        }
        for d in &diagnostics {
            // Every diagnostic points into a file that was read, at a line
            // that exists.
            let file = sources.file(d.primary.span.file);
            let location = sources.location(d.primary.span);
            assert!(location.starts_with(&file.display), "{location}");
            if let Some(text) = &file.text {
                assert!(
                    d.primary.span.start <= text.len(),
                    "{}: span past the end: {location}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn every_code_is_explained_and_covered_by_a_case() {
    let mut covered: BTreeSet<String> = cases().iter().flat_map(|p| expected_codes(p)).collect();
    covered.extend(COVERED_ELSEWHERE.iter().map(|(c, _)| (*c).to_owned()));
    for code in codes::ALL {
        assert!(
            covered.contains(code.id),
            "{} ({}) has no failing case in tests/cases/",
            code.id,
            code.name
        );
        assert!(
            !code.summary.is_empty() && code.explanation.len() > 40,
            "{} needs an explanation",
            code.id
        );
    }
    let known: BTreeSet<&str> = codes::ALL.iter().map(|c| c.id).collect();
    for code in &covered {
        assert!(
            known.contains(code.as_str()),
            "a case expects {code}, which is not in the index"
        );
    }
}
