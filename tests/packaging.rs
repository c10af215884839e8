//! Packaging that is true: every crate that can be published says what it
//! is (description, licence, readme, keywords, categories) and ships only
//! what it needs (an `include` list; `scripts/check-packages.sh` packages
//! them and checks the file lists and sizes), and the workspace's
//! `rust-version` is the true minimum: the highest `rust-version` among the
//! dependencies of the crates users build (the published ones and the
//! `errcat` command), as resolved in the lock file.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

fn metadata() -> Value {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--locked",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn version(text: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text.split('.').map(|p| p.parse().unwrap()).collect();
    parts.resize(3, 0);
    parts
}

fn package<'a>(meta: &'a Value, id: &str) -> &'a Value {
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

fn publishable(meta: &Value) -> Vec<&Value> {
    meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| package(meta, id.as_str().unwrap()))
        .filter(|p| p["publish"].is_null())
        .collect()
}

#[test]
fn rust_version_is_the_highest_of_the_dependencies() {
    let meta = metadata();
    let nodes = meta["resolve"]["nodes"].as_array().unwrap();
    // What users build: the publishable crates and the `errcat` command.
    let mut stack: Vec<String> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .filter(|id| {
            let p = package(&meta, id);
            p["publish"].is_null() || p["name"] == "codegen"
        })
        .collect();
    let roots = stack.clone();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let node = nodes.iter().find(|n| n["id"] == id.as_str()).unwrap();
        for dep in node["deps"].as_array().unwrap() {
            // Normal and build dependencies; dev-dependencies are ours.
            let used = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if used {
                stack.push(dep["pkg"].as_str().unwrap().to_owned());
            }
        }
    }
    let (highest, by) = seen
        .iter()
        .filter(|id| !roots.contains(id))
        .filter_map(|id| {
            let p = package(&meta, id);
            Some((
                version(p["rust_version"].as_str()?),
                p["name"].as_str()?.to_owned(),
            ))
        })
        .max()
        .unwrap();
    assert!(seen.len() > 20, "the walk found the dependencies");
    for root in &roots {
        let p = package(&meta, root);
        let declared = p["rust_version"].as_str().unwrap_or("none");
        assert_eq!(
            version(declared),
            highest,
            "{}: rust-version is {declared}, but {by} needs {highest:?}; set the workspace's rust-version to it",
            p["name"]
        );
    }
}

#[test]
fn publishable_crates_say_what_they_are_and_list_what_they_ship() {
    let meta = metadata();
    let crates = publishable(&meta);
    let names: Vec<&str> = crates.iter().map(|p| p["name"].as_str().unwrap()).collect();
    for p in &crates {
        let name = p["name"].as_str().unwrap();
        for key in [
            "description",
            "license",
            "repository",
            "readme",
            "rust_version",
        ] {
            assert!(p[key].is_string(), "{name}: no {key}");
        }
        let keywords = p["keywords"].as_array().unwrap();
        assert!(
            (1..=5).contains(&keywords.len()),
            "{name}: 1 to 5 keywords (crates.io's limit)"
        );
        assert!(
            !p["categories"].as_array().unwrap().is_empty(),
            "{name}: no categories"
        );
        let manifest = std::fs::read_to_string(p["manifest_path"].as_str().unwrap()).unwrap();
        assert!(
            manifest.contains("\ninclude = ["),
            "{name}: no `include` list, so it would ship its tests and data"
        );
        let dir = std::path::Path::new(p["manifest_path"].as_str().unwrap())
            .parent()
            .unwrap();
        for file in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(dir.join(file).is_file(), "{name}: no {file}");
        }
    }
    // The packaging script checks the same crates.
    let script = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/check-packages.sh"
    ))
    .unwrap();
    let listed = script
        .lines()
        .find_map(|l| l.strip_prefix("crates=("))
        .unwrap()
        .trim_end_matches(')');
    let mut listed: Vec<&str> = listed.split_whitespace().collect();
    let mut names = names.clone();
    listed.sort_unstable();
    names.sort_unstable();
    assert_eq!(
        listed, names,
        "scripts/check-packages.sh lists every publishable crate"
    );
}
