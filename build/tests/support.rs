//! What the tests of errcat-build share: the repository's catalogues.

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every catalogue of the differential test (`tests/differential.rs`
/// lists them, and checks that it lists every catalogue of the
/// repository): its module name and its path from the repository's root.
pub fn catalogues() -> Vec<(String, String)> {
    let source = std::fs::read_to_string(repo_root().join("tests/differential.rs")).unwrap();
    let list: Vec<(String, String)> = source
        .split("catalogue!(")
        .skip(1) // the text before the first call
        .map(|call| {
            let call = call.split(')').next().unwrap();
            let (name, path) = call.split_once(',').unwrap();
            (
                name.trim().to_owned(),
                path.trim().trim_matches('"').to_owned(),
            )
        })
        .collect();
    assert!(list.len() >= 10, "{list:?}");
    list
}
