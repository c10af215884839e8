//! The README's first example, compiled and run. The catalogue is
//! `tests/readme/errors.yaml`, which must stay identical to the README's
//! YAML block, and every line of the README's Rust block must appear in the
//! test below.

/// The errors of the README's catalogue.
#[errcat::catalog("tests/readme/errors.yaml")]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

fn readme_block(lang: &str) -> String {
    let readme = include_str!("../README.md");
    let start = readme.find(&format!("```{lang}\n")).unwrap() + lang.len() + 4;
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_owned()
}

#[test]
fn the_readme_example_works() {
    let e = ApiError::RateLimited { retry_after: 17 };
    assert_eq!(e.status(), Some(429));
    assert_eq!(e.to_string(), "Slow down; retry in 17 seconds.");
    assert_eq!(
        e.to_json(),
        br#"{"error":{"code":"rate_limited","message":"Slow down; retry in 17 seconds.","details":{"retry_after":17}}}"#
    );
    assert_eq!(e.headers().get("Retry-After").unwrap().to_string(), "17");
    assert_eq!(ApiError::from_response(429, &e.to_json()).unwrap(), e);
}

#[test]
fn the_readme_example_is_this_test() {
    let yaml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/readme/errors.yaml"
    ))
    .unwrap();
    assert_eq!(
        readme_block("yaml"),
        yaml,
        "README's YAML block and tests/readme/errors.yaml differ"
    );
    let source = include_str!("readme.rs");
    for line in readme_block("rust")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
    {
        let line = line.split(" //").next().unwrap().trim();
        if line.starts_with("#[errcat::catalog(") {
            continue; // the path differs: here it is relative to the repository
        }
        assert!(
            source.contains(line),
            "README line not exercised by tests/readme.rs: {line}"
        );
    }
}
