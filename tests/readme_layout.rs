//! The README's repository layout names every top-level directory of the
//! repository, and every path it names exists.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The paths in the first column of the layout table.
fn listed() -> Vec<String> {
    let readme = include_str!("../README.md");
    let table = &readme[readme.find("## Repository layout").unwrap()..];
    table
        .lines()
        .skip_while(|l| !l.starts_with("| Path"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|row| {
            let first = row.split('|').nth(1).unwrap_or_default();
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_layout_table_matches_the_tree() {
    let listed = listed();
    assert!(listed.len() >= 10, "{listed:?}");
    for path in &listed {
        assert!(
            Path::new(ROOT).join(path).exists(),
            "README layout names {path}, which does not exist"
        );
    }
    let tracked = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(ROOT)
        .output();
    // Outside a git checkout (a packaged crate) only the first half holds.
    let Ok(tracked) = tracked else { return };
    let tracked = String::from_utf8_lossy(&tracked.stdout);
    let mut top: Vec<&str> = tracked
        .lines()
        .filter_map(|f| f.split_once('/').map(|(dir, _)| dir))
        .filter(|dir| !dir.starts_with('.') || *dir == ".ci")
        .collect();
    top.dedup();
    for dir in top {
        assert!(
            listed
                .iter()
                .any(|p| p.trim_end_matches('/') == dir || p.starts_with(&format!("{dir}/"))),
            "README layout does not mention {dir}/"
        );
    }
}
