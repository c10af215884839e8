//! A new crate outside the workspace uses errcat-build from its `build.rs`
//! for every catalogue of the repository, includes the generated files, and
//! passes the differential test of the macro (`tests/differential.rs`,
//! whose checks live in `tests/support/differential_checks.rs`).
//!
//! The scratch crate builds into `target/scratch-build/`, so a second run
//! compiles only what changed.

mod support;

use std::fmt::Write as _;
use std::process::Command;

#[test]
fn a_crate_using_errcat_build_passes_the_differential_test() {
    let repo = std::fs::canonicalize(support::repo_root()).unwrap();
    let catalogues = support::catalogues();
    let dir = std::env::temp_dir().join(format!("errcat-build-scratch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    let repo_text = repo.display().to_string();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"errcat-build-scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n\
             [dependencies]\nerrcat = {{ path = {repo_text:?}, default-features = false }}\n\n\
             [build-dependencies]\nerrcat-build = {{ path = \"{repo_text}/build\" }}\n\n\
             [dev-dependencies]\nerrcat-catalog = {{ path = \"{repo_text}/catalog\" }}\n"
        ),
    )
    .unwrap();
    // The repository's lock file, so that the scratch crate builds with the
    // versions the repository is tested with.
    std::fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let mut build = String::from(
        "#![allow(clippy::too_many_lines)]\nfn main() {\n    let out = std::env::var(\"OUT_DIR\").unwrap();\n",
    );
    let mut lib = String::new();
    let mut test = format!(
        "#[path = \"{repo_text}/tests/support/differential_checks.rs\"]\nmod differential_checks;\n"
    );
    for (name, path) in &catalogues {
        let full = repo.join(path).display().to_string();
        let _ = writeln!(
            build,
            "    errcat_build::Builder::new({full:?})\n        .enum_name(\"Error\")\n        \
             .attribute(\"#[derive(Clone, PartialEq)]\")\n        .examples()\n        \
             .unknown(\"NotInCatalogue\")\n        .out_file(format!(\"{{out}}/{name}.rs\"))\n        \
             .compile()\n        .unwrap_or_else(|e| panic!(\"{{e}}\"));"
        );
        let _ = writeln!(
            lib,
            "/// `{path}`.\npub mod {name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\"));\n}}"
        );
        let _ = writeln!(
            test,
            "#[test]\nfn {name}() {{\n    use errcat_build_scratch::{name}::Error;\n    \
             differential_checks::check({full:?}, Error::examples(), |s, b| Error::from_response(s, b));\n    \
             differential_checks::check_lookup({full:?}, Error::entry_by_code, Error::from_code);\n}}"
        );
    }
    build.push_str("}\n");
    std::fs::write(dir.join("build.rs"), build).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        format!("//! Scratch crate.\n\n{lib}"),
    )
    .unwrap();
    std::fs::write(dir.join("tests/differential.rs"), test).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--test", "differential"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", repo.join("target/scratch-build"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let passed = format!("test result: ok. {} passed", catalogues.len());
    assert!(stdout.contains(&passed), "{stdout}");

    // The generated files are ordinary source to clippy (no macro shields
    // them): they must be clean, pedantic lints included.
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--lib",
            "--",
            "-D",
            "warnings",
            "-D",
            "clippy::pedantic",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", repo.join("target/scratch-build"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "clippy on the generated files:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
