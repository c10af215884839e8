//! The committed JSON Schema of the format (`generated-docs/catalogue.schema.json`)
//! accepts every catalogue of the repository, as a YAML editor would read
//! it, and flags the mistakes an editor should flag: an unknown key, a
//! value of the wrong type, a status out of range.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("generated-docs/catalogue.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

/// The YAML as the JSON an editor's YAML language server checks.
fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).unwrap()
}

#[test]
fn every_catalogue_of_the_repository_is_valid() {
    let validator = validator();
    let project = codegen::project::Project::read(&root().join("errcat.toml")).unwrap();
    let files = project.catalogue_files().unwrap();
    assert!(files.len() >= 10);
    for file in files {
        let doc = as_json(&std::fs::read_to_string(&file).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn mistakes_are_flagged() {
    let validator = validator();
    let good = "name: shop\ntitle: Shop\nenvelope: nested\nerrors:\n  oops:\n    status: 500\n    message: Oops.\n";
    assert!(validator.is_valid(&as_json(good)));
    for (bad, what) in [
        (
            good.replace("    message:", "    mesage:"),
            "an unknown key",
        ),
        (
            good.replace("status: 500", "status: 5000"),
            "a status out of range",
        ),
        (
            good.replace("envelope: nested", "envelope: nestled"),
            "an unknown preset",
        ),
        (
            good.replace("title: Shop\n", "title: Shop\ncolour: red\n"),
            "an unknown top-level key",
        ),
        (
            format!("{good}    retryable: sometimes\n"),
            "a boolean as text",
        ),
    ] {
        assert!(!validator.is_valid(&as_json(&bad)), "{what} passes:\n{bad}");
    }
    // `x-` extensions are the documented way to add keys.
    assert!(validator.is_valid(&as_json(&format!("{good}    x-owner: payments-team\n"))));
}
