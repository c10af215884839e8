//! Writes `OUT_DIR/errors.rs` from `errors.yaml` (the README's example),
//! and, with errcat-build's `docs` feature, the reference book and OpenAPI
//! files into `docs/`, committed with the crate.

// build.rs
fn main() {
    errcat_build::Builder::new("errors.yaml")
        .enum_name("ApiError")
        .attribute("#[derive(Clone, PartialEq)]")
        .docs("docs") // needs `features = ["docs"]`
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}
