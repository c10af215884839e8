//! The OpenAPI documents: every example is valid against its schemas
//! (checked with the `jsonschema` crate), no error of a status is dropped
//! or merged, and the documents pass openapi-spec-validator (installed by
//! `.ci/run`).

use errcat_render::openapi_document::{self as openapi, Version};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn catalogues() -> Vec<std::sync::Arc<errcat_catalog::Catalog>> {
    codegen::project::Project::read(&root().join("errcat.toml"))
        .unwrap()
        .catalogue_files()
        .unwrap()
        .into_iter()
        .map(|f| {
            errcat_catalog::load(&f)
                .unwrap_or_else(|e| panic!("{}", e.render()))
                .catalog
        })
        .collect()
}

/// A validator for one component schema, resolving `#/components/...`
/// references inside the document.
fn validator(doc: &Value, schema_ref: &str) -> jsonschema::Validator {
    validator_of(doc, &json!({"$ref": schema_ref}))
}

/// A validator for any schema of the document.
fn validator_of(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("{schema}: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_example_is_valid_against_its_schemas() {
    let mut checked = 0;
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_1);
        let prefix = errcat_catalog::ident::pascal(&catalog.name);
        // Response examples against the status schema.
        for (name, response) in doc["components"]["responses"]
            .as_object()
            .into_iter()
            .flatten()
        {
            let media = &response["content"][&catalog.envelope.content_type];
            let v = validator_of(&doc, &media["schema"]);
            let envelope = validator(&doc, &format!("#/components/schemas/{prefix}Error"));
            for (example, body) in media["examples"].as_object().into_iter().flatten() {
                let e = errors(&v, &body["value"]);
                assert!(
                    e.is_empty(),
                    "{}: response {name}, example {example}: {e:?}",
                    catalog.name
                );
                let e = errors(&envelope, &body["value"]);
                assert!(
                    e.is_empty(),
                    "{}: example {example} against the envelope: {e:?}",
                    catalog.name
                );
                checked += 1;
            }
        }
        // Each error's own schema and examples; and the body of every
        // catalogue example (from the reference renderer) against it.
        for entry in &catalog.entries {
            let name = format!("#/components/schemas/{prefix}Error_{}", entry.key);
            let v = validator(&doc, &name);
            for example in &entry.examples {
                let body = errcat_render::to_serde(&errcat_catalog::reference::body_value(
                    &catalog, entry, example,
                ));
                let e = errors(&v, &body);
                assert!(e.is_empty(), "{}: {}: {e:?}", catalog.name, entry.key);
                checked += 1;
            }
        }
    }
    assert!(checked > 600, "only {checked} examples checked");
}

/// The schemas describe the wire, not one example of it: a reworded
/// message fits each error's schema (unless the catalogue says its text is
/// stable), and a body with a code added later fits every response.
#[test]
fn reworded_messages_and_unknown_codes_fit() {
    let mut checked = 0;
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_1);
        let prefix = errcat_catalog::ident::pascal(&catalog.name);
        let Some(message_path) = catalog
            .envelope
            .template
            .path_of(errcat_catalog::template::Slot::Message)
        else {
            continue;
        };
        let pointer = |path: &[errcat_catalog::template::PathStep]| -> String {
            path.iter()
                .map(|s| match s {
                    errcat_catalog::template::PathStep::Key(k) => format!("/{k}"),
                    errcat_catalog::template::PathStep::Index(i) => format!("/{i}"),
                })
                .collect()
        };
        let responses: Vec<jsonschema::Validator> = doc["components"]["responses"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, r)| {
                validator_of(
                    &doc,
                    &r["content"][&catalog.envelope.content_type]["schema"],
                )
            })
            .collect();
        for entry in catalog.entries.iter().filter(|e| !e.stable_message) {
            let mut body = errcat_render::to_serde(&errcat_catalog::reference::body_value(
                &catalog,
                entry,
                &entry.examples[0],
            ));
            if let Some(m) = body.pointer_mut(&pointer(&message_path)) {
                *m = Value::from("A message reworded since the document was written.");
            }
            let v = validator(
                &doc,
                &format!("#/components/schemas/{prefix}Error_{}", entry.key),
            );
            assert!(
                errors(&v, &body).is_empty(),
                "{}: {}: {:?}",
                catalog.name,
                entry.key,
                errors(&v, &body)
            );
            // The same body with a code nobody documented.
            if let Some(code_path) = catalog
                .envelope
                .template
                .path_of(errcat_catalog::template::Slot::Code)
                && let Some(c) = body.pointer_mut(&pointer(&code_path))
            {
                *c = Value::from("ADDED_LATER");
                for v in &responses {
                    assert!(
                        errors(v, &body).is_empty(),
                        "{}: {}: {:?}",
                        catalog.name,
                        entry.key,
                        errors(v, &body)
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} bodies checked");
}

#[test]
fn errors_sharing_a_status_are_all_kept() {
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_1);
        let prefix = errcat_catalog::ident::pascal(&catalog.name);
        for status in catalog.all_statuses() {
            let response = &doc["components"]["responses"][format!("{prefix}Error_{status}")];
            if status < 400 {
                // Success statuses are documented on the page only.
                assert!(
                    response.is_null(),
                    "{}: a {status} error response",
                    catalog.name
                );
                continue;
            }
            let entries: Vec<_> = catalog
                .entries
                .iter()
                .filter(|e| e.status == Some(status))
                .collect();
            let response = &doc["components"]["responses"][format!("{prefix}Error_{status}")];
            assert!(
                response.is_object(),
                "{}: no response for {status}",
                catalog.name
            );
            if entries.is_empty() {
                continue;
            }
            let examples = response["content"][&catalog.envelope.content_type]["examples"]
                .as_object()
                .unwrap();
            for e in &entries {
                assert!(
                    examples
                        .keys()
                        .any(|k| k == &e.key || k.starts_with(&format!("{}-", e.key))),
                    "{}: {status} lacks an example of {}",
                    catalog.name,
                    e.key
                );
            }
            // The response: one of the documented errors, or an error of a
            // code the catalogue does not list (the last member).
            let schema = &response["content"][&catalog.envelope.content_type]["schema"];
            let members = match (schema.get("oneOf"), schema.get("anyOf")) {
                (Some(Value::Array(a)), _) | (_, Some(Value::Array(a))) => a,
                _ => panic!("{}: {status}: the body is not a union", catalog.name),
            };
            let (last, documented) = members.split_last().unwrap();
            assert_eq!(
                last["$ref"],
                format!("#/components/schemas/{prefix}UnlistedError"),
                "{}: {status}: a code added later has no schema",
                catalog.name
            );
            let listed: Vec<&str> = documented
                .iter()
                .map(|r| r["$ref"].as_str().unwrap())
                .collect();
            assert_eq!(
                listed.len(),
                entries.len(),
                "{}: {status}: an error was dropped or merged",
                catalog.name
            );
            for e in &entries {
                assert!(
                    listed.contains(
                        &format!("#/components/schemas/{prefix}Error_{}", e.key).as_str()
                    )
                );
            }
        }
    }
}

#[test]
fn version_3_0_uses_its_own_dialect() {
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_0);
        assert_eq!(doc["openapi"], "3.0.3");
        let text = serde_json::to_string(&doc).unwrap();
        assert!(
            !text.contains("\"const\""),
            "{}: `const` is not OpenAPI 3.0",
            catalog.name
        );
        assert!(!text.contains("\"prefixItems\""), "{}", catalog.name);
        assert!(
            !text.contains("\"examples\":[") || !text.contains("\"type\":["),
            "{}",
            catalog.name
        );
    }
}

/// The validator, from `ERRCAT_OPENAPI_VALIDATOR`, `.tools/venv` (where
/// `.ci/run` installs it) or `PATH`.
fn validator_command() -> PathBuf {
    if let Some(p) = std::env::var_os("ERRCAT_OPENAPI_VALIDATOR") {
        return PathBuf::from(p);
    }
    let local = root().join(".tools/venv/bin/openapi-spec-validator");
    if local.is_file() {
        return local;
    }
    PathBuf::from("openapi-spec-validator")
}

fn validate_with_tool(files: &[PathBuf]) {
    let tool = validator_command();
    let out = Command::new(&tool).args(files).output().unwrap_or_else(|e| {
        panic!(
            "cannot run {} ({e}); `.ci/run` installs it, or: python3 -m venv .tools/venv && .tools/venv/bin/pip install openapi-spec-validator",
            tool.display()
        )
    });
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "openapi-spec-validator failed:\n{text}"
    );
    assert_eq!(text.matches(": OK").count(), files.len(), "{text}");
}

#[test]
fn committed_documents_pass_openapi_spec_validator() {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root().join("generated-docs"))
        .unwrap()
        .flatten()
    {
        for name in ["openapi.yaml", "openapi.json"] {
            let f = dir.path().join(name);
            if f.is_file() {
                files.push(f);
            }
        }
    }
    assert!(files.len() >= 18, "{files:?}");
    validate_with_tool(&files);
}

#[test]
fn version_3_0_documents_pass_openapi_spec_validator() {
    let dir = std::env::temp_dir().join(format!("errcat-oas30-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for catalog in catalogues() {
        let doc = openapi::document(&catalog, Version::V3_0);
        let f = dir.join(format!("{}.yaml", catalog.name));
        std::fs::write(
            &f,
            errcat_render::openapi_files::to_yaml(&doc, "test").unwrap(),
        )
        .unwrap();
        files.push(f);
    }
    validate_with_tool(&files);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Bodies that are not an object: a bare code refers to the code enum, and
/// an array body keeps each position's schema, in both versions.
#[test]
fn bodies_that_are_not_objects_keep_their_shape() {
    let catalogue = |template: &str| {
        let text = format!(
            "name: odd\ntitle: Odd bodies\nenvelope:\n  template: {template}\n\
             categories:\n  main:\n    title: Main\n\
             errors:\n  gone:\n    code: GONE\n    status: 410\n    category: main\n    message: Gone.\n"
        );
        errcat_catalog::load_str("odd.yaml", &text)
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .catalog
    };
    let bare = catalogue("$code");
    let doc = openapi::document(&bare, Version::V3_1);
    let schemas = &doc["components"]["schemas"];
    // Any error: a documented code or one added later, as a plain string.
    assert_eq!(schemas["OddError"]["type"], "string");
    assert!(schemas["OddError"].get("anyOf").is_none());
    // A code added later: any string but the documented ones.
    assert_eq!(schemas["OddUnlistedError"]["type"], "string");
    assert_eq!(schemas["OddUnlistedError"]["pattern"], "^(?!(?:GONE)$)");
    assert_eq!(schemas["OddError_gone"]["enum"], json!(["GONE"]));
    assert_eq!(schemas["OddError_gone"]["type"], "string");
    assert_eq!(schemas["OddError_gone"]["title"], "GONE");
    assert_eq!(schemas["OddError_gone"]["examples"], json!(["GONE"]));

    let array = catalogue("[$code, 3, $status]");
    for version in [Version::V3_1, Version::V3_0] {
        let doc = openapi::document(&array, version);
        let gone = &doc["components"]["schemas"]["OddError_gone"];
        assert_eq!(gone["type"], "array");
        assert_eq!(
            gone["items"]["anyOf"],
            json!([
                {"type": "string", "enum": ["GONE"]},
                {"type": "integer", "enum": [3]},
                {"type": "integer", "enum": [410]}
            ])
        );
        let example = if version == Version::V3_1 {
            &gone["examples"][0]
        } else {
            &gone["example"]
        };
        assert_eq!(example, &json!(["GONE", 3, 410]));
    }
}
