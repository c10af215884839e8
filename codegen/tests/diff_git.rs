//! `errcat diff --base REV` in a real git repository: the old version is
//! read through git, includes and all, and the exit status follows the
//! breaking changes and their acknowledgement.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let mut command = Command::new(program);
    command.current_dir(dir).args(args);
    for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] {
        command.env_remove(key);
    }
    command
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap()
}

fn errcat(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = run(dir, env!("CARGO_BIN_EXE_errcat"), args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

const ROOT: &str = "name: shop\ntitle: Shop\nversion: \"1.0\"\nincludes: [shared/common.yaml]\nenvelope: nested\nerrors:\n  not_found:\n    status: 404\n    message: Not found.\n    fixes: [Check the id.]\n";
const SHARED: &str = "errors:\n  internal:\n    status: 500\n    message: Oops.\n    retryable: true\n    fixes: [Retry.]\n";

#[test]
fn diff_reads_the_base_revision_through_git() {
    let dir = std::env::temp_dir().join(format!("errcat-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("api/shared")).unwrap();
    assert!(run(&dir, "git", &["init", "-q"]).status.success());

    // A catalogue that is not committed yet has nothing to compare with.
    std::fs::write(dir.join("api/errors.yaml"), ROOT).unwrap();
    std::fs::write(dir.join("api/shared/common.yaml"), SHARED).unwrap();
    assert!(run(&dir, "git", &["add", "."]).status.success());
    assert!(
        run(&dir, "git", &["commit", "-q", "-m", "v1"])
            .status
            .success()
    );
    let (code, text) = errcat(&dir.join("api"), &["diff", "errors.yaml", "--base", "HEAD"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("0 breaking"), "{text}");

    // A change in the included file is seen: it came through git.
    std::fs::write(
        dir.join("api/shared/common.yaml"),
        SHARED.replace("retryable: true", "retryable: false"),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/errors.yaml"),
        ROOT.replace("status: 404", "status: 410"),
    )
    .unwrap();
    let (code, text) = errcat(&dir.join("api"), &["diff", "errors.yaml", "--base", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(
            "breaking[status-changed]: the status of `not_found` changed from 404 to 410"
        ),
        "{text}"
    );
    assert!(text.contains("breaking[retryable-changed]"), "{text}");
    assert!(
        text.contains("add `breaking: \"<new version>\"` to `not_found`"),
        "{text}"
    );
    assert!(
        text.contains("error: 2 breaking changes are not acknowledged"),
        "{text}"
    );

    // As JSON, for CI.
    let out = run(
        &dir.join("api"),
        env!("CARGO_BIN_EXE_errcat"),
        &["diff", "errors.yaml", "--base", "HEAD", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["unacknowledged_breaking"], 2);
    assert_eq!(doc["catalogues"][0]["name"], "shop");
    let status = doc["catalogues"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "status-changed")
        .unwrap();
    assert_eq!(status["servers"], "compatible");
    assert_eq!(status["clients"], "breaking");
    assert_eq!(status["key"], "not_found");

    // Acknowledged for the new version, the check passes and says so.
    std::fs::write(
        dir.join("api/errors.yaml"),
        ROOT.replace("status: 404", "status: 410\n    breaking: \"2.0\"")
            .replace("version: \"1.0\"", "version: \"2.0\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("api/shared/common.yaml"),
        SHARED.replace("retryable: true", "retryable: false\n    breaking: \"2.0\""),
    )
    .unwrap();
    let (code, text) = errcat(&dir.join("api"), &["diff", "errors.yaml", "--base", "HEAD"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("2 breaking (2 acknowledged)"), "{text}");

    // Two files, no git needed; and mistakes are explained.
    std::fs::write(dir.join("old.yaml"), "name: a\ntitle: A\nenvelope: flat\nerrors:\n  x:\n    status: 400\n    message: X.\n    fixes: [F.]\n").unwrap();
    std::fs::write(dir.join("new.yaml"), "name: a\ntitle: A\nenvelope: flat\nerrors:\n  x:\n    status: 400\n    message: X.\n    fixes: [F.]\n  conflict:\n    status: 409\n    message: Conflict.\n    fixes: [F.]\n").unwrap();
    let (code, text) = errcat(&dir, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("compatible[error-added]"), "{text}");
    let (code, text) = errcat(
        &dir.join("api"),
        &["diff", "errors.yaml", "--base", "no-such-rev"],
    );
    assert_eq!(code, Some(1));
    assert!(text.contains("`no-such-rev` is not a revision"), "{text}");
    std::fs::write(dir.join("api/new.yaml"), ROOT).unwrap();
    let (code, text) = errcat(&dir.join("api"), &["diff", "new.yaml", "--base", "HEAD"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("does not exist at HEAD"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_without_a_catalogue_compares_every_catalogue_of_the_project() {
    let dir = std::env::temp_dir().join(format!("errcat-diff-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("api/shared")).unwrap();
    std::fs::create_dir_all(dir.join("api/translations")).unwrap();
    assert!(run(&dir, "git", &["init", "-q"]).status.success());
    std::fs::write(
        dir.join("errcat.toml"),
        "catalogues = [\"api\"]\nout = \"docs\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("api/errors.yaml"), ROOT).unwrap();
    std::fs::write(dir.join("api/shared/common.yaml"), SHARED).unwrap();
    std::fs::write(
        dir.join("api/billing.yaml"),
        ROOT.replace("name: shop", "name: billing")
            .replace("includes: [shared/common.yaml]\n", ""),
    )
    .unwrap();
    // Neither shared fragments nor translation files are catalogues.
    std::fs::write(
        dir.join("api/translations/errors.fr.yaml"),
        "locale: fr\nmessages:\n  not_found: Introuvable.\n",
    )
    .unwrap();
    assert!(run(&dir, "git", &["add", "."]).status.success());
    assert!(
        run(&dir, "git", &["commit", "-q", "-m", "v1"])
            .status
            .success()
    );

    let (code, text) = errcat(&dir.join("api"), &["diff", "--base", "HEAD"]);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(text.matches("0 breaking").count(), 2, "{text}");
    assert!(!text.contains("translations"), "{text}");

    // A breaking change in one catalogue fails the whole check, and the
    // other is still compared.
    std::fs::write(
        dir.join("api/billing.yaml"),
        ROOT.replace("name: shop", "name: billing")
            .replace("includes: [shared/common.yaml]\n", "")
            .replace("status: 404", "status: 410"),
    )
    .unwrap();
    let (code, text) = errcat(&dir, &["diff", "--base", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("api/billing.yaml at HEAD"), "{text}");
    assert!(text.contains("api/errors.yaml at HEAD"), "{text}");
    assert!(text.contains("breaking[status-changed]"), "{text}");

    // One JSON document for every catalogue.
    let out = run(
        &dir,
        env!("CARGO_BIN_EXE_errcat"),
        &["diff", "--base", "HEAD", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one document");
    assert_eq!(doc["catalogues"].as_array().unwrap().len(), 2);
    assert_eq!(doc["unacknowledged_breaking"], 1);

    // Catalogues are paired by name: a moved file is still compared...
    let billing = std::fs::read_to_string(dir.join("api/billing.yaml")).unwrap();
    std::fs::remove_file(dir.join("api/billing.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("api/money")).unwrap();
    std::fs::write(dir.join("api/money/billing.yaml"), &billing).unwrap();
    let (code, text) = errcat(&dir, &["diff", "--base", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("billing: api/billing.yaml at HEAD → api/money/billing.yaml"),
        "{text}"
    );
    // ...and one deleted, or renamed, is a breaking change.
    std::fs::remove_file(dir.join("api/money/billing.yaml")).unwrap();
    let (code, text) = errcat(&dir, &["diff", "--base", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("breaking[catalogue-removed]"), "{text}");
    std::fs::write(
        dir.join("api/money/billing.yaml"),
        billing
            .replace("name: billing", "name: invoices")
            .replace("status: 410", "status: 404"),
    )
    .unwrap();
    let (code, text) = errcat(&dir, &["diff", "--base", "HEAD"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("the catalogue `billing`"), "{text}");
    assert!(
        text.contains("invoices: api/money/billing.yaml, new since HEAD"),
        "{text}"
    );

    // Without `--base`, there is nothing to compare every catalogue with.
    let (code, text) = errcat(&dir, &["diff"]);
    assert_eq!(code, Some(1));
    assert!(text.contains("--base REV"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
