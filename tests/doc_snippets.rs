//! Every code block of the README and of `docs/` is compiled and run: it
//! must appear, token for token, in a program that CI builds and runs.
//!
//! | Block | Where it must appear |
//! |---|---|
//! | `rust` | `examples/**/*.rs` (run by `.ci/run`), `examples/reference-service/`, or `tests/` |
//! | `ts` | `tests/clients/typescript/*.ts` (compiled by `scripts/check-clients.sh`) |
//! | `python` | `tests/clients/python/*.py` (run by `scripts/check-clients.sh`) |
//! | `yaml` starting `# NAME.yaml` | `examples/NAME.yaml`, whole |
//!
//! A block is split at blank lines; each piece must occur in one file, in
//! order, once whitespace and `//` or `#` comments are set aside. So a
//! README block can show an enum and the statements that use it while the
//! program has them inside `fn main`, and rustfmt may lay either out.

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fenced code block of a Markdown file.
struct Block {
    file: String,
    line: usize,
    lang: String,
    text: String,
}

fn blocks(file: &str) -> Vec<Block> {
    let text = fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        let fence = line.trim_start();
        match (&mut open, fence.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    file: file.to_owned(),
                    line: i + 1,
                    lang: lang.trim().to_owned(),
                    text: String::new(),
                });
            }
            (Some(_), Some("")) => out.push(open.take().unwrap()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{file}: a code block is not closed");
    out
}

fn files_under(dir: &str, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    walk(&path, ext, out);
                }
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(ROOT).join(dir), ext, &mut out);
    out.sort();
    out
}

/// The text without whitespace, comments (a line's tail after ` //`, or
/// ` #` for Python, and lines that are only a comment) and trailing commas,
/// which rustfmt adds to what it splits over lines.
fn tokens(text: &str, comment: &str) -> String {
    let text: String = text
        .lines()
        .map(|line| {
            let line = line.trim();
            if line.starts_with(comment) {
                return "";
            }
            line.find(&format!(" {comment}"))
                .map_or(line, |at| &line[..at])
        })
        .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
        .collect();
    text.replace(",}", "}")
        .replace(",)", ")")
        .replace(",]", "]")
}

/// Whether every blank-line-separated piece of `block` occurs in `program`,
/// in order.
fn appears_in(block: &str, program: &str, comment: &str) -> bool {
    let program = tokens(program, comment);
    let mut from = 0;
    for piece in block.split("\n\n") {
        let piece = tokens(piece, comment);
        if piece.is_empty() {
            continue;
        }
        match program[from..].find(&piece) {
            Some(at) => from += at + piece.len(),
            None => return false,
        }
    }
    true
}

fn documents() -> Vec<String> {
    let mut docs = vec!["README.md".to_owned()];
    for path in files_under("docs", "md") {
        docs.push(path.strip_prefix(ROOT).unwrap().display().to_string());
    }
    docs
}

#[test]
fn every_code_block_is_a_program_that_ci_runs() {
    let rust: Vec<PathBuf> = ["examples", "tests"]
        .iter()
        .flat_map(|dir| files_under(dir, "rs"))
        .collect();
    let ts = files_under("tests/clients/typescript", "ts");
    let python = files_under("tests/clients/python", "py");
    let mut checked = 0;
    let mut missing = Vec::new();
    for block in documents().iter().flat_map(|doc| blocks(doc)) {
        let (programs, comment) = match block.lang.as_str() {
            "rust" => (&rust, "//"),
            "ts" => (&ts, "//"),
            "python" => (&python, "#"),
            _ => continue,
        };
        checked += 1;
        let found = programs
            .iter()
            .any(|program| appears_in(&block.text, &fs::read_to_string(program).unwrap(), comment));
        if !found {
            missing.push(format!("{}:{} ({})", block.file, block.line, block.lang));
        }
    }
    assert!(
        missing.is_empty(),
        "code blocks that no program compiles: {missing:#?}"
    );
    assert!(checked >= 10, "only {checked} code blocks found");
}

#[test]
fn every_catalogue_block_is_the_file_it_names() {
    let mut checked = 0;
    for block in documents().iter().flat_map(|doc| blocks(doc)) {
        let Some(name) = block
            .text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# "))
            .filter(|_| block.lang == "yaml")
        else {
            continue;
        };
        let path = Path::new(ROOT).join("examples").join(name);
        if let Ok(file) = fs::read_to_string(&path) {
            assert_eq!(
                block.text, file,
                "{}:{}: the block differs from examples/{name}",
                block.file, block.line
            );
            checked += 1;
        }
    }
    assert!(checked >= 1, "the README's catalogue block was not found");
}

#[test]
fn the_matcher_tells_a_changed_block_apart() {
    let program = "fn main() {\n    let e = ApiError::RateLimited {\n        retry_after: 17,\n    }; // here\n    assert!(e.status().is_some());\n}\n";
    assert!(appears_in(
        "let e = ApiError::RateLimited { retry_after: 17 };\n\nassert!(e.status().is_some());\n",
        program,
        "//"
    ));
    // A changed value, a missing statement, or the pieces out of order.
    assert!(!appears_in(
        "let e = ApiError::RateLimited { retry_after: 18 };",
        program,
        "//"
    ));
    assert!(!appears_in("let f = 1;", program, "//"));
    assert!(!appears_in(
        "assert!(e.status().is_some());\n\nlet e = ApiError::RateLimited { retry_after: 17 };",
        program,
        "//"
    ));
}
