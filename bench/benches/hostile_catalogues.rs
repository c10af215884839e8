//! Loading and checking hostile catalogues: the time per error stays flat
//! from 2,500 to 40,000 errors when every check is linear (or n·log n).
//! The shapes are those that once took minutes: translations of every
//! error, errors that all share one code, errors whose categories are all
//! unknown (one diagnostic each), and one include file per error.
//!
//! `scripts/bench.py --parts hostile` runs it and prints microseconds per
//! error; `cargo bench -p errcat-bench --bench hostile_catalogues` prints
//! divan's table.

use divan::Bencher;
use std::path::PathBuf;

fn main() {
    divan::main();
}

const SIZES: [usize; 5] = [2_500, 5_000, 10_000, 20_000, 40_000];

const HEAD: &str = "name: big\ntitle: Big\nenvelope: nested\ncategories:\n  misc: Misc\n";

/// One error, `e{i}`, with `extra` lines inside it.
fn error(i: usize, category: &str, extra: &str) -> String {
    format!(
        "  e{i}:\n    status: 400\n    category: {category}\n    message: Message {i}.\n    fixes: [Fix it.]\n{extra}"
    )
}

/// Writes the catalogue of `kind` with `n` errors into a fresh folder and
/// returns its root file.
fn write(kind: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-bench-{kind}-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("inc")).unwrap();
    let errors: String = match kind {
        "shared_code" => (0..n)
            .map(|i| error(i, "misc", "    code: same\n"))
            .collect(),
        "unknown_category" => (0..n).map(|i| error(i, &format!("nope{i}"), "")).collect(),
        "translations" => {
            let messages: String = (0..n)
                .map(|i| format!("  e{i}: Message {i} en français.\n"))
                .collect();
            std::fs::write(
                dir.join("fr.yaml"),
                format!("language: fr\nmessages:\n{messages}"),
            )
            .unwrap();
            (0..n).map(|i| error(i, "misc", "")).collect()
        }
        _ => {
            for i in 0..n {
                let one = format!("errors:\n{}", error(i, "misc", ""));
                std::fs::write(dir.join(format!("inc/f{i}.yaml")), one).unwrap();
            }
            String::new()
        }
    };
    let head = match kind {
        "translations" => format!("{HEAD}translations: [fr.yaml]\n"),
        "includes" => {
            let list: Vec<String> = (0..n).map(|i| format!("inc/f{i}.yaml")).collect();
            format!("{HEAD}includes: [{}]\n", list.join(", "))
        }
        _ => HEAD.to_owned(),
    };
    let root = dir.join("errors.yaml");
    let body = if errors.is_empty() {
        "errors: {}\n".to_owned()
    } else {
        format!("errors:\n{errors}")
    };
    std::fs::write(&root, format!("{head}{body}")).unwrap();
    root
}

fn run(b: Bencher<'_, '_>, kind: &str, n: usize) {
    let root = write(kind, n);
    b.bench(|| {
        // Loading ends in diagnostics for some shapes: rendering them is
        // part of the work a user waits for.
        match errcat_catalog::load(&root) {
            Ok(loaded) => loaded.warnings.len(),
            Err(err) => err.render().len(),
        }
    });
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

/// Every error translated.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn translations(b: Bencher<'_, '_>, n: usize) {
    run(b, "translations", n);
}

/// Every error with one wire code.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn shared_code(b: Bencher<'_, '_>, n: usize) {
    run(b, "shared_code", n);
}

/// Every error in a category that does not exist.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn unknown_category(b: Bencher<'_, '_>, n: usize) {
    run(b, "unknown_category", n);
}

/// Every error in an include file of its own.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn includes(b: Bencher<'_, '_>, n: usize) {
    run(b, "includes", n);
}
