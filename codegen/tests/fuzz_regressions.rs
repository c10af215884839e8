//! The catalogue fuzz target's check, replayed on every input that ever
//! failed (`fuzz/regressions/catalogue/`), on every catalogue and failing
//! case of the repository (the fuzzer's seeds), and on catalogues built at
//! random from hostile pieces. Runs on stable; `cargo +nightly fuzz run
//! load` explores further (see the README, "Security and limits").

#[path = "../../fuzz/checks/catalogue.rs"]
mod catalogue;
#[cfg(unix)]
#[path = "../../fuzz/checks/project.rs"]
mod project;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn regressions_and_seeds_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "fuzz/regressions/catalogue",
        "catalog/catalogs",
        "catalog/tests/cases",
    ] {
        files_under(&root.join(dir), &mut files);
    }
    assert!(files.len() > 60, "{} inputs", files.len());
    for file in files {
        catalogue::check(&std::fs::read(&file).unwrap());
    }
}

/// The project fuzz target's check on its seeds, each an attack on the
/// file system that once worked (`fuzz/regressions/project/`).
#[cfg(unix)]
#[test]
fn project_trees_never_escape() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/project");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 10, "{} seeds", seeds.len());
    for seed in seeds {
        project::check(&std::fs::read(&seed).unwrap());
    }
}

/// Text that has broken catalogues, pages or OpenAPI before.
const HOSTILE: &[&str] = &[
    "", "|", "`", "<script>", "]]>", "{", "}", "{{", "}}", "{x}", "\"", "\\", "\n", "\r\n", "\t",
    "\u{0}", "\u{7f}", "\u{85}", "\u{2028}", "\u{202e}", "\u{feff}", "é", "🦀", "#", "*", "_",
    "---", "$code", "$message", "null", "true", "1e400", "-0", "0x1F", ":", "- ", "&a", "*a",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        "[a-z]{1,8}",
        ".{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..6).prop_map(|p| p.concat())
}

/// A YAML double-quoted string of any text: controls, DEL, C1 controls
/// and the characters YAML refuses raw are written as escapes.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\U{:08x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A catalogue with errors whose every text is hostile, written as YAML
/// with every string quoted, so that most of them load.
fn catalogue() -> impl Strategy<Value = String> {
    let entry = (text(), 100u16..600, text(), text(), any::<bool>(), text());
    (
        text(),
        proptest::sample::select(&["flat", "nested", "problem", "google", "success-meta"][..]),
        proptest::collection::vec(entry, 1..5),
    )
        .prop_map(|(title, envelope, entries)| {
            let q = yaml_quoted;
            let mut yaml = format!(
                "name: random\ntitle: {}\nenvelope: {envelope}\ndocs_url: https://x.test/e\ncategories:\n  c: {}\nerrors:\n",
                q(&format!("T{title}")),
                q(&format!("C{title}"))
            );
            for (i, (code, status, message, fix, in_body, example)) in entries.iter().enumerate() {
                yaml.push_str(&format!(
                    "  e{i}:\n    code: {}\n    status: {status}\n    kind: {}\n    category: c\n    message: {}\n    details:\n      value: {{type: string, in_body: {in_body}, example: {}}}\n    fixes: [{}]\n",
                    q(&format!("E{i}{code}")),
                    // A success status is for warnings and notices only.
                    if *status < 400 { "notice" } else { "error" },
                    // Braces doubled: the message stays a valid template.
                    q(&format!("{} {{value}}", message.replace('{', "{{").replace('}', "}}"))),
                    q(example),
                    q(&format!("F{fix}"))
                ));
            }
            yaml
        })
}

#[test]
fn random_hostile_catalogues_load_and_render() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut loaded, cases) = (0, 150);
    for _ in 0..cases {
        let yaml = catalogue().new_tree(&mut runner).unwrap().current();
        catalogue::check(yaml.as_bytes());
        loaded += usize::from(errcat_catalog::load_str("x.yaml", &yaml).is_ok());
    }
    // Most of them load, so that the renderers see hostile text too.
    assert!(loaded > cases / 2, "only {loaded} of {cases} loaded");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        catalogue::check(&bytes);
    }
}
