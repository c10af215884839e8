//! The command line, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run codegen")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SMALL: &str = "name: shop\ntitle: Shop API\nenvelope: nested\ncategories:\n  misc: Miscellaneous\nerrors:\n  oops:\n    status: 500\n    category: misc\n    message: Oops.\n    fixes: [Retry.]\n";

#[test]
fn the_committed_docs_are_fresh() {
    let out = codegen(&repo().join("catalog"), &["--check"]);
    assert!(
        out.status.success(),
        "generated-docs/ is stale; run `cargo run -p codegen`:\n{}",
        text(&out)
    );
    assert!(
        text(&out).contains("files are up to date"),
        "{}",
        text(&out)
    );
}

#[test]
fn check_names_stale_missing_and_extra_files_and_the_command_to_run() {
    let dir = scratch("repo");
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\n").unwrap();
    std::fs::create_dir_all(dir.join("catalog/catalogs")).unwrap();
    std::fs::write(dir.join("catalog/catalogs/shop.yaml"), SMALL).unwrap();

    let out = codegen(&dir, &["--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("shop/README.md: missing"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("run `cargo run -p codegen`"),
        "{}",
        text(&out)
    );

    let out = codegen(&dir, &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("created shop/openapi.yaml"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains(" s\n") || text(&out).contains(" s"),
        "prints how long it took: {}",
        text(&out)
    );
    assert!(codegen(&dir, &["--check"]).status.success());

    std::fs::write(
        dir.join("generated-docs/shop/README.md"),
        "edited by hand\n",
    )
    .unwrap();
    std::fs::write(dir.join("generated-docs/leftover.md"), "old\n").unwrap();
    let out = codegen(&dir, &["--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("shop/README.md: stale"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("leftover.md: extra"), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("generated-docs/shop/README.md")).unwrap(),
        "edited by hand\n",
        "--check writes nothing"
    );

    let out = codegen(&dir, &[]);
    assert!(
        text(&out).contains("updated shop/README.md") && text(&out).contains("removed leftover.md"),
        "{}",
        text(&out)
    );
    assert!(codegen(&dir, &["--check"]).status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generation_is_deterministic() {
    let a = scratch("det-a");
    let b = scratch("det-b");
    let file = repo().join("catalog/catalogs/payments.yaml");
    for dir in [&a, &b] {
        let out = codegen(dir, &["generate", file.to_str().unwrap(), "--out", "out"]);
        assert!(out.status.success(), "{}", text(&out));
    }
    for name in [
        "README.md",
        "SUMMARY.md",
        "book.toml",
        "openapi.yaml",
        "openapi.json",
    ] {
        let x = std::fs::read(a.join("out").join(name)).unwrap();
        assert_eq!(
            x,
            std::fs::read(b.join("out").join(name)).unwrap(),
            "{name} differs between runs"
        );
        assert!(
            x.ends_with(b"\n") && !x.ends_with(b"\n\n"),
            "{name} ends with one newline"
        );
        assert!(!x.contains(&b'\r'), "{name} has \\r");
        let s = String::from_utf8(x).unwrap();
        assert!(
            !s.contains(a.to_str().unwrap()) && !s.contains("/tmp"),
            "{name} holds an absolute path"
        );
    }
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

#[test]
fn generate_chooses_formats_and_version_and_checks() {
    let dir = scratch("gen");
    std::fs::write(dir.join("shop.yaml"), SMALL).unwrap();
    let out = codegen(
        &dir,
        &[
            "generate",
            "shop.yaml",
            "--out",
            "docs",
            "--format",
            "openapi",
            "--openapi-version",
            "3.0",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(!dir.join("docs/README.md").exists());
    let yaml = std::fs::read_to_string(dir.join("docs/openapi.yaml")).unwrap();
    assert!(
        yaml.starts_with("# Generated by errcat codegen from shop.yaml. Do not edit;"),
        "{yaml}"
    );
    assert!(yaml.contains("openapi: \"3.0.3\""), "{yaml}");
    let out = codegen(&dir, &["generate", "shop.yaml", "--out", "docs", "--check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "markdown is missing: {}",
        text(&out)
    );
    assert!(text(&out).contains("README.md: missing"));
    // Bad catalogues fail with their diagnostics.
    std::fs::write(dir.join("bad.yaml"), "name: shop\n").unwrap();
    let out = codegen(&dir, &["generate", "bad.yaml", "--out", "docs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("error[E0012]"), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn templates_can_be_overridden() {
    let dir = scratch("tpl");
    std::fs::write(dir.join("shop.yaml"), SMALL).unwrap();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(dir.join("tpl/reference.md.j2"), "# {{ title | inline }}\n{% for r in codes %}\n* {{ r.code.code | code }}: {{ r.summary | inline }}\n{% endfor %}\n").unwrap();
    let out = codegen(
        &dir,
        &[
            "generate",
            "shop.yaml",
            "--out",
            "docs",
            "--format",
            "markdown",
            "--templates",
            "tpl",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("docs/README.md")).unwrap(),
        "# Shop API\n* `oops`: Oops.\n"
    );
    // A broken template is a clear error, not a panic.
    std::fs::write(dir.join("tpl/reference.md.j2"), "{% for x in %}").unwrap();
    let out = codegen(
        &dir,
        &[
            "generate",
            "shop.yaml",
            "--out",
            "docs",
            "--templates",
            "tpl",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("error: template reference.md.j2"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn explain_prints_one_entry_like_rustc_explain() {
    let out = codegen(
        &repo(),
        &[
            "explain",
            "rate_limit_exceeded",
            "--catalog",
            "catalog/catalogs/interview-platform.yaml",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let t = text(&out);
    for expected in [
        "rate_limit_exceeded: Too Many Requests",
        "HTTP 429 Too Many Requests · category: Too Many Requests · retryable",
        "Message: API rate limit exceeded. Please wait {retry_after} seconds before retrying.",
        "Headers: X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After",
        "  HTTP/1.1 429 Too Many Requests",
        "  X-RateLimit-Limit: 100",
        "      \"retry_after\": 60",
    ] {
        assert!(t.contains(expected), "missing {expected:?} in:\n{t}");
    }
    let out = codegen(
        &repo(),
        &[
            "explain",
            "rate_limit_exceded",
            "--catalog",
            "catalog/catalogs/interview-platform.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("did you mean `rate_limit_exceeded`?"),
        "{}",
        text(&out)
    );
    let out = codegen(&repo(), &["explain", "E0023"]);
    assert!(
        text(&out).starts_with("E0023 (unknown-category, error)"),
        "{}",
        text(&out)
    );
}
