//! Runs `errcat validate` on every catalogue in `catalog/tests/cases/` and
//! snapshots exactly what a user sees: exit status, stderr and stdout.

use std::path::Path;
use std::process::Command;

fn run_validate(dir: &Path, file: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .current_dir(dir)
        .args(["validate", file])
        .output()
        .expect("run codegen");
    format!(
        "exit: {}\n--- stderr\n{}--- stdout\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    )
}

#[test]
fn every_case_matches_its_snapshot() {
    insta::glob!("../../catalog/tests/cases", "*.yaml", |path| {
        let dir = path.parent().unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let output = run_validate(dir, name);
        let failed = output.starts_with("exit: 1");
        let is_warning_case = name.starts_with("warn_");
        assert_eq!(
            failed, !is_warning_case,
            "unexpected exit status for {name}:\n{output}"
        );
        insta::assert_snapshot!(output);
    });
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let dir = std::env::temp_dir().join(format!("errcat-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = String::from("name: huge\n# ");
    text.push_str(&"x".repeat(17 * 1024 * 1024));
    std::fs::write(dir.join("huge.yaml"), text).unwrap();
    let output = run_validate(&dir, "huge.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.starts_with("exit: 1"), "{output}");
    assert!(
        output.contains("error[E0004]: file is 17825805 bytes, over the limit of 16777216 bytes"),
        "{output}"
    );
    assert!(output.contains("--> huge.yaml:1:1"), "{output}");
}

#[test]
fn a_missing_file_is_an_error_with_its_path() {
    let output = run_validate(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        "no/such/catalogue.yaml",
    );
    assert!(output.starts_with("exit: 1"), "{output}");
    assert!(
        output
            .contains("error[E0001]: cannot read catalogue `no/such/catalogue.yaml`: no such file"),
        "{output}"
    );
}

#[test]
fn a_valid_catalogue_prints_a_one_line_summary() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let output = run_validate(repo, "catalog/catalogs/payments.yaml");
    assert_eq!(
        output,
        "exit: 0\n--- stderr\n--- stdout\nok: catalog/catalogs/payments.yaml (payments): 11 errors, 6 categories, 2 files read, 0 warnings\n"
    );
}
